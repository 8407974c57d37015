/* SPDX-License-Identifier: MIT */
/*
 * entry.c - the driver's side of a run: boards in the resource manager,
 * the load, config and unload sequence, and every call into the driver's
 * entry points.  The only ddiport file compiled against svr5ddi's
 * driver-facing headers (<sys/...> here are SVR5's, not the C library's),
 * so it includes no libc header; the libc side (child.c) reaches it
 * through entry.h.
 *
 * DDI 8: the driver's _load (or its module wrapper's load routine) calls
 * drv_attach; then every board of the driver that is not marked hotplug
 * gets CFG_ADD through <svr5ddi/drvreg.h>, as SVR5's autoconfiguration
 * does, and entry points are reached through drvreg's svr5ddi_open ...
 * svr5ddi_biostart on the board's instance.  unload removes every
 * configured board (CFG_REMOVE) and calls _unload.
 *
 * Old style: the prefix entry points are called directly with an SVR5
 * dev_t made from the scenario's major and the minor.  At load, xxintr
 * (when the driver has one and does not attach its interrupts itself
 * with cm_intr_attach) is hooked to every board's interrupt with
 * svr5ddi_intr_register, then the module wrapper's load routine runs
 * (a loadable driver), else _load, else xxinit and xxstart (a driver
 * linked into the kernel).  unload calls the wrapper's unload routine
 * (or _unload) and unhooks the interrupts.
 *
 * Block I/O: the harness is the buf's creator, as the kernel's raw I/O
 * path is: getrbuf, b_flags B_READ or B_WRITE, b_bcount, b_blkno,
 * b_un.b_addr over memory from kmem_alloc (a physically contiguous
 * physreq buffer for buffer=contig), then the strategy routine; the libc
 * side polls B_DONE (biodone sets it) with a timeout instead of biowait,
 * so a driver that never completes a buf does not hang the run.
 * Everything allocated here is bracketed as an internal allocation
 * (svr5compat/fault.h) so fault injection only hits the driver.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/uio.h>
#include <sys/cred.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/moddefs.h>
#include <sys/ddi.h>
#include <svr5ddi/drvreg.h>
#include "entry.h"

/* svr5compat/fault.h and linux/cred.h, without the Linux headers */
void __compat_alloc_nest_enter(void);
void __compat_alloc_nest_exit(void);
const struct cred *__compat_current_cred(void);

/* open(2) flags and open types, as SVR5 passes them to drivers */
#define H_FREAD		0x01
#define H_FWRITE	0x02
#define H_FNDELAY	0x04
#define H_FEXCL		0x400
#define H_OTYP_BLK	0
#define H_OTYP_CHR	1

#define MAXBOARDS	64
#define MAXBIO		256

static struct ent_syms S;
static struct ent_board BD[MAXBOARDS];	/* as the scenario describes them */
static int nboards;
static struct {
	unsigned int key;
	int hotplug;
	int mine;			/* CM_MODNAME is the driver's */
	void *cookie;			/* old style: xxintr hooked */
} B[MAXBOARDS];
static const char *drvname;
static char drvname_buf[64];
static int loaded;
static int renamed;		/* the driver attached under another name */

static void scopy(char *d, const char *s, int n)
{
	int i;

	for (i = 0; i < n - 1 && s[i]; i++)
		d[i] = s[i];
	d[i] = '\0';
}

static int seq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void wadd(char *w, const char *s)
{
	int l = 0;

	while (w[l])
		l++;
	while (*s && l < ENT_WHY - 1)
		w[l++] = *s++;
	w[l] = '\0';
}

static void wnum(char *w, long v)
{
	char num[24];
	int n = 23;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	num[n] = '\0';
	do {
		num[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		num[--n] = '-';
	wadd(w, num + n);
}

static void say(char *why, const char *s)
{
	why[0] = '\0';
	wadd(why, s);
}

static const char *fw_err(int e)
{
	switch (e) {
	case -2: return "no such board, driver or instance";
	case -22: return "bad argument, or not allowed in this state";
	case -17: return "the board is configured already";
	case -16: return "busy (configured, or suspended)";
	case -38: return "the driver has no such entry point";
	case -6: return "the board has no interrupt";
	case -12: return "no memory";
	default: return "framework error";
	}
}

/* A negative drvreg result: the driver was not called. */
static int framework(int rc, char *why, const char *what)
{
	say(why, what);
	wadd(why, ": ");
	wadd(why, fw_err(rc));
	return 0;
}

/* ---- setup ---------------------------------------------------------------- */

static int board_make(int i, char *why)
{
	const struct ent_board *b = &BD[i];
	struct svr5ddi_board sb;
	int rc;

	svr5ddi_board_init(&sb);
	sb.modname = b->modname;
	sb.bustype = b->bus;
	sb.brdid = b->id;
	sb.slot = b->slot;
	sb.unit = b->unit;
	sb.irq = b->irq;
	sb.ipl = b->ipl;
	sb.itype = b->itype;
	if (b->has_io) {
		sb.io_start = (unsigned long)b->io_lo;
		sb.io_len = (unsigned long)(b->io_hi - b->io_lo + 1);
	}
	if (b->has_mem) {
		sb.mem_start = (unsigned long)b->mem_lo;
		sb.mem_len = (unsigned long)(b->mem_hi - b->mem_lo + 1);
	}
	sb.dmac = b->dma;
	__compat_alloc_nest_enter();
	rc = svr5ddi_board_create(&sb, &B[i].key);
	__compat_alloc_nest_exit();
	if (rc) {
		framework(rc, why, "board");
		wadd(why, " (board ");
		wnum(why, i);
		wadd(why, ")");
		return -1;
	}
	return 0;
}

/*
 * Make the board records.  A DDI 8 hotplug board is made only after the
 * driver has loaded: the framework adds every board that exists when the
 * driver attaches.
 */
int ent_setup(const struct ent_syms *syms, const struct ent_board *b,
	      int n, char *why)
{
	int i;

	S = *syms;
	scopy(drvname_buf, syms->name, (int)sizeof(drvname_buf));
	drvname = drvname_buf;
	if (n > MAXBOARDS) {
		say(why, "too many boards");
		return -1;
	}
	for (i = 0; i < n; i++) {
		BD[i] = b[i];
		B[i].hotplug = b[i].hotplug && S.ddi8;
		B[i].mine = seq(b[i].modname, syms->name);
		if (!B[i].hotplug && board_make(i, why))
			return -1;
	}
	nboards = n;
	return 0;
}

/* ---- load, config, unload ----------------------------------------------- */

static int call_load(void)
{
	const struct modwrapper *mw = S.wrapper;

	if (mw && mw->mw_load)
		return mw->mw_load();
	if (mw)
		return 0;
	if (S.load)
		return S.load();
	return -1;
}

static int call_unload(void)
{
	const struct modwrapper *mw = S.wrapper;

	if (mw)
		return mw->mw_unload ? mw->mw_unload() : 0;
	if (S.unload)
		return S.unload();
	return 0;
}

/* After a DDI 8 _load: is our driver attached?  Adopt the name it
 * attached under when the scenario left the name to the file. */
static int find_attached(char *why)
{
	char name[64];
	int n, i;

	if (svr5ddi_drv_instances(drvname, (unsigned int *)0, 0) >= 0)
		return 0;
	n = svr5ddi_drv_count();
	if (n <= 0) {
		say(why, "_load returned 0 but attached no driver (drv_attach)");
		return -1;
	}
	if (svr5ddi_drv_name((unsigned int)(n - 1), name, sizeof(name)))
		return -1;
	scopy(drvname_buf, name, (int)sizeof(drvname_buf));
	renamed = 1;
	/* boards that named the file's module name follow the driver */
	for (i = 0; i < nboards; i++) {
		if (!B[i].mine)
			continue;
		BD[i].modname = drvname;
		if (B[i].hotplug)
			continue;
		__compat_alloc_nest_enter();
		svr5ddi_board_clear(B[i].key, CM_MODNAME);
		svr5ddi_board_add_string(B[i].key, CM_MODNAME, drvname);
		__compat_alloc_nest_exit();
	}
	return 0;
}

static int cfg_code(int cfg)
{
	/* ddiport.h order: ADD REMOVE SUSPEND RESUME MODIFY VERIFY */
	static const int map[] = { SVR5DDI_CFG_ADD, SVR5DDI_CFG_REMOVE,
		SVR5DDI_CFG_SUSPEND, SVR5DDI_CFG_RESUME, SVR5DDI_CFG_MODIFY,
		SVR5DDI_CFG_VERIFY };
	return map[cfg];
}

int ent_load(char *why, int *refused)
{
	int i, rc;

	if (loaded) {
		say(why, "the driver is loaded already");
		return 0;
	}
	if (!S.ddi8) {
		for (i = 0; S.intr && !S.self_intr && i < nboards; i++) {
			if (!B[i].mine || svr5ddi_board_irq(B[i].key) < 0)
				continue;
			__compat_alloc_nest_enter();
			rc = svr5ddi_intr_register(B[i].key,
					(void (*)(int))S.intr, &B[i].cookie);
			__compat_alloc_nest_exit();
			if (rc) {
				framework(rc, why, "hooking the interrupt routine");
				return 0;
			}
		}
		if (S.wrapper || S.load) {
			rc = call_load();
		} else {
			if (S.init)
				S.init();
			if (S.start)
				S.start();
			rc = 0;
		}
		loaded = rc == 0;
		return rc;
	}

	rc = call_load();
	if (rc < 0) {
		say(why, "the driver has no _load and no module wrapper");
		return 0;
	}
	if (rc)
		return rc;
	loaded = 1;
	if (find_attached(why))
		return 0;
	/* the framework's CFG_ADD calls on every board of the driver */
	svr5ddi_drv_settle();
	for (i = 0; i < nboards; i++) {
		if (B[i].hotplug) {
			if (board_make(i, why))
				return 0;
			continue;
		}
		if (!B[i].mine || svr5ddi_inst_state(B[i].key) > 0)
			continue;
		if (renamed) {
			/* renamed after the framework's pass: add it now */
			rc = svr5ddi_cfg(B[i].key, SVR5DDI_CFG_ADD);
			if (rc < 0) {
				framework(rc, why, "CFG_ADD");
				return 0;
			}
			if (rc)
				return rc;
			continue;
		}
		/* the framework's CFG_ADD failed: the driver returned an
		 * error, which the framework does not pass on */
		say(why, "the driver's CFG_ADD refused board ");
		wnum(why, i);
		*refused = 1;
		return 0;
	}
	return 0;
}

int ent_config(int cfg, long board, char *why)
{
	int i, rc, code = cfg_code(cfg);

	if (!S.ddi8) {
		say(why, "config subfunctions are for DDI 8 drivers");
		return 0;
	}
	for (i = 0; i < nboards; i++) {
		int state;

		if (board >= 0 && i != board)
			continue;
		if (board < 0 && !B[i].mine)
			continue;
		state = svr5ddi_inst_state(B[i].key);
		if (board < 0 && code == SVR5DDI_CFG_ADD && state > 0)
			continue;	/* added already */
		if (board < 0 && code != SVR5DDI_CFG_ADD &&
		    code != SVR5DDI_CFG_VERIFY && state < 0)
			continue;	/* not configured */
		rc = svr5ddi_cfg(B[i].key, code);
		if (rc < 0) {
			framework(rc, why, "config");
			wadd(why, " (board ");
			wnum(why, i);
			wadd(why, ")");
			return 0;
		}
		if (rc)
			return rc;
	}
	return 0;
}

int ent_halt(char *why)
{
	const struct modwrapper *mw = S.wrapper;

	if (mw && mw->mw_halt)
		mw->mw_halt();
	else if (S.halt)
		S.halt();
	else
		say(why, "the driver has no halt routine");
	return 0;
}

int ent_unload(char *why, int *no_routine)
{
	int i, rc;

	*no_routine = !S.wrapper && !S.unload;

	if (!loaded) {
		say(why, "the driver is not loaded");
		return 0;
	}
	if (S.ddi8) {
		for (i = nboards - 1; i >= 0; i--) {
			if (svr5ddi_inst_state(B[i].key) < 0)
				continue;
			rc = svr5ddi_cfg(B[i].key, SVR5DDI_CFG_REMOVE);
			if (rc < 0) {
				framework(rc, why, "CFG_REMOVE");
				return 0;
			}
			if (rc)
				return rc;
		}
	}
	rc = call_unload();
	if (rc)
		return rc;
	for (i = 0; i < nboards; i++)
		if (B[i].cookie) {
			svr5ddi_intr_unregister(B[i].cookie);
			B[i].cookie = 0;
		}
	loaded = 0;
	return 0;
}

/* ---- entry points ------------------------------------------------------- */

static int h_oflags(int o)
{
	return ((o & 1) ? H_FREAD : 0) | ((o & 2) ? H_FWRITE : 0) |
	       ((o & 4) ? H_FEXCL : 0) | ((o & 8) ? H_FNDELAY : 0);
}

static cred_t *cred(void)
{
	return (cred_t *)__compat_current_cred();
}

/* DDI 8: the board a device operation addresses. */
static int inst_key(long board, unsigned int *key, char *why)
{
	int i;

	if (board >= 0) {
		*key = B[board].key;
		return 0;
	}
	for (i = 0; i < nboards; i++)
		if (B[i].mine) {
			*key = B[i].key;
			return 0;
		}
	say(why, "the driver has no board");
	return -1;
}

static dev_t mkdev(long minor)
{
	return makedevice((major_t)S.major, (minor_t)minor);
}

int ent_open(long dev, long board, int oflags, int otyp_blk, char *why)
{
	int rc;

	if (S.ddi8) {
		unsigned int key, chan = (unsigned int)dev;

		if (inst_key(board, &key, why))
			return 0;
		rc = svr5ddi_open(drvname, key, &chan, h_oflags(oflags),
				  cred());
		if (rc < 0)
			return framework(rc, why, "open");
		return rc;
	}
	if (!S.open)
		return 0;	/* no open routine: opens always succeed */
	{
		dev_t d = mkdev(dev);

		return ((int (*)(dev_t *, int, int, cred_t *))S.open)(&d,
			h_oflags(oflags), otyp_blk ? H_OTYP_BLK : H_OTYP_CHR,
			cred());
	}
}

int ent_close(long dev, long board, int oflags, int otyp_blk, char *why)
{
	int rc;

	if (S.ddi8) {
		unsigned int key;

		if (inst_key(board, &key, why))
			return 0;
		rc = svr5ddi_close(drvname, key, (unsigned int)dev,
				   h_oflags(oflags), cred());
		if (rc < 0)
			return framework(rc, why, "close");
		return rc;
	}
	if (!S.close)
		return 0;
	return ((int (*)(dev_t, int, int, cred_t *))S.close)(mkdev(dev),
		h_oflags(oflags), otyp_blk ? H_OTYP_BLK : H_OTYP_CHR, cred());
}

int ent_ioctl(long dev, long board, long long cmd, void *arg,
	      long long *rval, char *why)
{
	int rv = 0, rc;

	if (S.ddi8) {
		unsigned int key;

		if (inst_key(board, &key, why))
			return 0;
		rc = svr5ddi_ioctl(drvname, key, (unsigned int)dev, (int)cmd,
				   arg, H_FREAD | H_FWRITE, cred(), &rv);
		if (rc < 0)
			return framework(rc, why, "ioctl");
		*rval = rv;
		return rc;
	}
	if (!S.ioctl) {
		say(why, "the driver has no ioctl routine");
		return 0;
	}
	rc = ((int (*)(dev_t, int, void *, int, cred_t *, int *))S.ioctl)(
		mkdev(dev), (int)cmd, arg, H_FREAD | H_FWRITE, cred(), &rv);
	*rval = rv;
	return rc;
}

/* ---- block I/O ------------------------------------------------------------ */

struct ent_bio {
	buf_t *bp;
	void *data;
	unsigned long size;
	physreq_t *preq;		/* contig buffers */
	int used;
};

static struct ent_bio bios[MAXBIO];

int ent_pending(void)
{
	int i, n = 0;

	for (i = 0; i < MAXBIO; i++)
		if (bios[i].used &&
		    !(__atomic_load_n(&bios[i].bp->b_flags, __ATOMIC_ACQUIRE) &
		      B_DONE))
			n++;
	return n;
}

static void bio_free_mem(struct ent_bio *b)
{
	__compat_alloc_nest_enter();
	if (b->data)
		kmem_free(b->data, b->size);
	if (b->preq)
		physreq_free(b->preq);
	if (b->bp)
		freerbuf(b->bp);
	__compat_alloc_nest_exit();
	b->data = 0;
	b->preq = 0;
	b->bp = 0;
	b->used = 0;
}

static struct ent_bio *bio_new(unsigned long long size, int contig,
			       char *why)
{
	struct ent_bio *b = 0;
	int i;

	for (i = 0; i < MAXBIO; i++)
		if (!bios[i].used) {
			b = &bios[i];
			break;
		}
	if (!b) {
		say(why, "too many bufs outstanding");
		return 0;
	}
	b->used = 1;
	b->size = (unsigned long)size;
	__compat_alloc_nest_enter();
	b->bp = getrbuf(KM_SLEEP);
	if (contig) {
		b->preq = physreq_alloc(KM_SLEEP);
		if (b->preq) {
			b->preq->phys_flags |= PREQ_PHYSCONTIG;
			if (!physreq_prep(b->preq, KM_SLEEP)) {
				physreq_free(b->preq);
				b->preq = 0;
			}
		}
		if (b->preq)
			b->data = kmem_alloc_physreq(b->size, b->preq,
						     KM_SLEEP);
	} else {
		b->data = kmem_alloc(b->size, KM_SLEEP);
	}
	__compat_alloc_nest_exit();
	if (!b->bp || !b->data) {
		bio_free_mem(b);
		say(why, "no memory for the harness's buf");
		return 0;
	}
	return b;
}

static void bio_prep(struct ent_bio *b, int write, long dev,
		     unsigned long long block)
{
	buf_t *bp = b->bp;

	bp->b_flags = (bp->b_flags & ~(uint_t)(B_READ | B_DONE | B_ERROR)) |
		      (write ? B_WRITE : B_READ);
	bp->b_bcount = (uint_t)b->size;
	bp->b_bufsize = (long)b->size;
	bp->b_un.b_addr = (caddr_t)b->data;
	bp->b_addrtype = BA_KVIRT;
	bp->b_blkno = (daddr_t)block;
	bp->b_blkoff = 0;
	bp->b_resid = 0;
	bp->b_error = 0;
	bp->b_edev = mkdev(dev);
}

/* Hand @bp to the strategy routine; 0, or -1 with @why. */
static int bio_submit(struct ent_bio *b, long dev, long board, char *why)
{
	int rc;

	if (S.ddi8) {
		unsigned int key;

		if (inst_key(board, &key, why))
			return -1;
		rc = svr5ddi_biostart(drvname, key, (unsigned int)dev, b->bp);
		if (rc < 0) {
			framework(rc, why, "biostart");
			return -1;
		}
		return 0;
	}
	if (!S.strategy) {
		say(why, "the driver has no strategy routine");
		return -1;
	}
	((void (*)(buf_t *))S.strategy)(b->bp);
	return 0;
}

struct ent_bio *ent_bio_start(int write, long dev, long board,
			      unsigned long long size,
			      unsigned long long block, int contig,
			      void (*fill)(void *, unsigned long long, void *),
			      void *arg, void **data, int *err, char *why)
{
	struct ent_bio *b = bio_new(size, contig, why);

	*err = 0;
	if (!b)
		return 0;
	if (fill)
		fill(b->data, size, arg);
	bio_prep(b, write, dev, block);
	*data = b->data;
	if (bio_submit(b, dev, board, why)) {
		bio_free_mem(b);
		return 0;
	}
	return b;
}

int ent_bio_poll(struct ent_bio *b, int *err, long long *resid)
{
	if (!(__atomic_load_n(&b->bp->b_flags, __ATOMIC_ACQUIRE) & B_DONE))
		return 0;
	*err = geterror(b->bp);
	*resid = b->bp->b_resid;
	return 1;
}

void ent_bio_release(struct ent_bio *b)
{
	bio_free_mem(b);
}

/* ---- read and write ------------------------------------------------------- */

int ent_rw(int write, long dev, void *buf, unsigned long long size,
	   unsigned long long offset, long long *resid, char *why)
{
	void *fn = write ? S.write : S.read;
	iovec_t iov;
	uio_t uio;
	int rc;

	if (!fn) {
		say(why, write ? "the driver has no write routine" :
		    "the driver has no read routine");
		return 0;
	}
	iov.iov_base = (caddr_t)buf;
	iov.iov_len = (int)size;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = (off64_t)offset;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_fmode = (short)(write ? H_FWRITE : H_FREAD);
	uio.uio_limit = (off64_t)1 << 62;
	uio.uio_resid = (int)size;
	rc = ((int (*)(dev_t, uio_t *, cred_t *))fn)(mkdev(dev), &uio, cred());
	*resid = uio.uio_resid;
	return rc;
}
