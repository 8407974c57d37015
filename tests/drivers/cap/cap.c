/*
 * cap - ISA capture board (UnixWare 2 / SVR4.2MP, no _DDI).
 *
 *	A sample legacy driver for svr5ddi's porting-test harness, written
 *	for the SVR4.2MP DDI of UnixWare 2: no _DDI define, prefix entry
 *	points, a loadable-module wrapper, the board found through the
 *	resource manager, and its DMA buffer from kmem_alloc_physcontig.
 *
 *	The board keeps what it captures in on-board memory, in 512-byte
 *	blocks, and moves blocks to and from the host over a 16-bit 8237
 *	channel.  read(2) and write(2) are positioned by the file offset,
 *	in whole blocks; each goes through the capture buffer, at most
 *	CAP_BUFSZ bytes at a time, and the data moves to and from the
 *	caller with uiomove.  The capture buffer is physically contiguous,
 *	below 16 MiB and inside one 128 KiB page, because the 16-bit
 *	channel cannot do better.
 *
 *	One board, one open at a time.  c_lock guards the board state;
 *	a transfer waits for the interrupt on c_sv.
 */

#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/buf.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/moddefs.h>
#include <sys/uio.h>
#include <sys/dma.h>
#include "cap.h"
#include <sys/ddi.h>

#define DRVNAME	"cap - capture board driver"

static int cap_load(), cap_unload();

MOD_DRV_WRAPPER(cap, cap_load, cap_unload, NULL, DRVNAME);

int capdevflag = D_MP;

LKINFO_DECL(cap_lkinfo, "cap::c_lock", 0);

static struct cap cap;			/* the board */

static const int cap_dmaaddr[8] = { 0, 0, 0, 0, 0xC0, 0xC4, 0xC8, 0xCC };
static const int cap_dmacnt[8] = { 0, 0, 0, 0, 0xC2, 0xC6, 0xCA, 0xCE };
static const int cap_dmapage[8] = { 0, 0, 0, 0, 0x8F, 0x8B, 0x89, 0x8A };

void capinit();
void capintr();
static int cap_xfer();
static void cap_cleanup();

/*
 * cap_load() -- the module is being loaded: do what capinit does in a
 * static kernel.
 */
static int
cap_load()
{
	capinit();
	return (cap.c_flags & CAP_PRESENT) ? 0 : ENODEV;
}

/*
 * cap_unload() -- the module is being unloaded.
 */
static int
cap_unload()
{
	if (cap.c_flags & CAP_OPEN)
		return EBUSY;
	if (cap.c_flags & CAP_PRESENT)
		outb(cap.c_ioaddr + CAP_CTL, 0);
	cap_cleanup();
	return 0;
}

/*
 * capinit() -- find the board and set it up.
 */
void
capinit()
{
	register struct cap *cp = &cap;
	cm_args_t cma;
	cm_range_t rng;
	cm_num_t val;
	rm_key_t key;
	int i;

	if (cp->c_flags & CAP_PRESENT)
		return;
	if (cm_getnbrd("cap") < 1)
		return;
	key = cm_getbrdkey("cap", 0);

	cma.cm_key = key;
	cma.cm_n = 0;
	cma.cm_param = CM_IOADDR;
	cma.cm_val = &rng;
	cma.cm_vallen = sizeof(rng);
	if (cm_getval(&cma) != 0) {
		cmn_err(CE_WARN, "cap: no I/O address configured");
		return;
	}
	cp->c_ioaddr = rng.startaddr;
	cma.cm_param = CM_IRQ;
	cma.cm_val = &val;
	cma.cm_vallen = sizeof(val);
	if (cm_getval(&cma) != 0) {
		cmn_err(CE_WARN, "cap: no IRQ configured");
		return;
	}
	cp->c_irq = val;
	cma.cm_param = CM_DMAC;
	if (cm_getval(&cma) != 0 || val < 5 || val > 7) {
		cmn_err(CE_WARN, "cap: needs a 16-bit DMA channel");
		return;
	}
	cp->c_chan = val;

	if (!(inb(cp->c_ioaddr + CAP_CMD) & CAP_S_READY)) {
		cmn_err(CE_WARN, "cap: board not found at 0x%x", cp->c_ioaddr);
		return;
	}
	outb(cp->c_ioaddr + CAP_CMD, CAP_C_RESET);
	for (i = 0; i < 1000 && (inb(cp->c_ioaddr + CAP_CMD) & CAP_S_BUSY);
	     i++)
		drv_usecwait(10);
	cp->c_nblk = (ulong_t)inb(cp->c_ioaddr + CAP_CTL) << 16;

	/*
	 * The capture buffer: 16-bit ISA DMA reaches the first 16 MiB, in
	 * words, and never crosses a 128 KiB boundary.
	 */
	cp->c_preq = physreq_alloc(KM_NOSLEEP);
	if (cp->c_preq == NULL)
		goto nomem;
	cp->c_preq->phys_align = 2;
	cp->c_preq->phys_boundary = 128 * 1024;
	cp->c_preq->phys_dmasize = 24;
	if (!physreq_prep(cp->c_preq, KM_NOSLEEP))
		goto nomem;
	cp->c_buf = kmem_alloc_physcontig(CAP_BUFSZ, cp->c_preq, KM_NOSLEEP);
	if (cp->c_buf == NULL)
		goto nomem;
	cp->c_bufpa = kvtophys(cp->c_buf);

	cp->c_lock = LOCK_ALLOC(1, pldisk, &cap_lkinfo, KM_NOSLEEP);
	cp->c_sv = SV_ALLOC(KM_NOSLEEP);
	if (cp->c_lock == NULL || cp->c_sv == NULL)
		goto nomem;

	outb(cp->c_ioaddr + CAP_CTL, CAP_CTL_IEN);
	cp->c_flags = CAP_PRESENT;
	cmn_err(CE_CONT, "cap0: io 0x%x irq %d dma %d, %lu blocks\n",
		cp->c_ioaddr, cp->c_irq, cp->c_chan, cp->c_nblk);
	return;

nomem:
	cmn_err(CE_WARN, "cap: not enough memory");
	cap_cleanup();
}

/*
 * cap_cleanup() -- free whatever capinit allocated.
 */
static void
cap_cleanup()
{
	register struct cap *cp = &cap;

	if (cp->c_sv != NULL)
		SV_DEALLOC(cp->c_sv);
	if (cp->c_lock != NULL)
		LOCK_DEALLOC(cp->c_lock);
	if (cp->c_buf != NULL)
		kmem_free_physcontig(cp->c_buf, CAP_BUFSZ);
	if (cp->c_preq != NULL)
		physreq_free(cp->c_preq);
	bzero(cp, sizeof(*cp));
}

/* ARGSUSED */
int
capopen(devp, flag, otyp, crp)
	dev_t *devp;
	int flag, otyp;
	cred_t *crp;
{
	register struct cap *cp = &cap;
	pl_t pl;

	if (getminor(*devp) != 0 || !(cp->c_flags & CAP_PRESENT))
		return ENXIO;
	pl = LOCK(cp->c_lock, pldisk);
	if (cp->c_flags & CAP_OPEN) {
		UNLOCK(cp->c_lock, pl);
		return EBUSY;
	}
	cp->c_flags |= CAP_OPEN;
	UNLOCK(cp->c_lock, pl);
	return 0;
}

/* ARGSUSED */
int
capclose(dev, flag, otyp, crp)
	dev_t dev;
	int flag, otyp;
	cred_t *crp;
{
	register struct cap *cp = &cap;
	pl_t pl;

	if (getminor(dev) != 0 || !(cp->c_flags & CAP_PRESENT))
		return ENXIO;
	pl = LOCK(cp->c_lock, pldisk);
	cp->c_flags &= ~CAP_OPEN;
	UNLOCK(cp->c_lock, pl);
	return 0;
}

/*
 * caprw() -- move uio_resid bytes between the caller and board memory
 * at uio_offset, one capture buffer at a time.
 */
static int
caprw(uiop, rw)
	uio_t *uiop;
	uio_rw_t rw;
{
	register struct cap *cp = &cap;
	ulong_t blk, nblk;
	long n;
	int error;

	if (uiop->uio_offset % CAP_BLKSIZE != 0 ||
	    uiop->uio_resid % CAP_BLKSIZE != 0)
		return EINVAL;
	while (uiop->uio_resid > 0) {
		blk = uiop->uio_offset >> CAP_BLKSHIFT;
		if (blk >= cp->c_nblk)
			return rw == UIO_READ ? 0 : ENOSPC;
		n = uiop->uio_resid;
		if (n > CAP_BUFSZ)
			n = CAP_BUFSZ;
		nblk = n >> CAP_BLKSHIFT;
		if (blk + nblk > cp->c_nblk) {
			nblk = cp->c_nblk - blk;
			n = nblk << CAP_BLKSHIFT;
		}
		if (rw == UIO_READ) {
			if ((error = cap_xfer(cp, CAP_C_UPLOAD, blk, nblk)) != 0)
				return error;
			if ((error = uiomove(cp->c_buf, n, UIO_READ, uiop)) != 0)
				return error;
		} else {
			if ((error = uiomove(cp->c_buf, n, UIO_WRITE, uiop)) != 0)
				return error;
			if ((error = cap_xfer(cp, CAP_C_DNLOAD, blk, nblk)) != 0)
				return error;
		}
	}
	return 0;
}

/* ARGSUSED */
int
capread(dev, uiop, crp)
	dev_t dev;
	uio_t *uiop;
	cred_t *crp;
{
	return caprw(uiop, UIO_READ);
}

/* ARGSUSED */
int
capwrite(dev, uiop, crp)
	dev_t dev;
	uio_t *uiop;
	cred_t *crp;
{
	return caprw(uiop, UIO_WRITE);
}

/* ARGSUSED */
int
capioctl(dev, cmd, arg, mode, crp, rvalp)
	dev_t dev;
	int cmd;
	void *arg;
	int mode;
	cred_t *crp;
	int *rvalp;
{
	switch (cmd) {
	case CAPIOC_SIZE:
		*rvalp = (int)cap.c_nblk;
		return 0;
	case CAPIOC_COUNT:
		*rvalp = (int)cap.c_count;
		return 0;
	default:
		return EINVAL;
	}
}

/*
 * cap_xfer() -- one DMA transfer of nblk blocks between the capture
 * buffer and board memory at blk; sleeps until the board interrupts.
 */
static int
cap_xfer(cp, cmd, blk, nblk)
	register struct cap *cp;
	int cmd;
	ulong_t blk, nblk;
{
	int chan = cp->c_chan, io = cp->c_ioaddr;
	ulong_t addr, count;
	pl_t pl, s;

	pl = LOCK(cp->c_lock, pldisk);
	cp->c_flags |= CAP_BUSY;
	cp->c_done = 0;

	/* program the channel: word address and count */
	addr = (cp->c_bufpa >> 1) & 0xFFFF;
	count = (nblk << (CAP_BLKSHIFT - 1)) - 1;
	s = splhi();
	outb(DMA2_SMASK, DMA_SETMASK | (chan & 3));
	outb(DMA2_MODE, (cmd == CAP_C_UPLOAD ? DMA_TOMEM : DMA_FROMMEM) |
	     (chan & 3));
	outb(DMA2_CLRFF, 0);
	outb(cap_dmaaddr[chan], addr & 0xFF);
	outb(cap_dmaaddr[chan], (addr >> 8) & 0xFF);
	outb(cap_dmacnt[chan], count & 0xFF);
	outb(cap_dmacnt[chan], (count >> 8) & 0xFF);
	outb(cap_dmapage[chan], (cp->c_bufpa >> 16) & 0xFE);
	outb(DMA2_SMASK, chan & 3);
	splx(s);

	outb(io + CAP_BLK, blk & 0xFF);
	outb(io + CAP_BLK + 1, (blk >> 8) & 0xFF);
	outb(io + CAP_BLK + 2, (blk >> 16) & 0xFF);
	outb(io + CAP_BLK + 3, (blk >> 24) & 0xFF);
	outb(io + CAP_NBLK, nblk & 0xFF);
	outb(io + CAP_CMD, cmd);

	while (!cp->c_done) {
		SV_WAIT(cp->c_sv, pridisk, cp->c_lock);
		pl = LOCK(cp->c_lock, pldisk);
	}
	cp->c_flags &= ~CAP_BUSY;
	UNLOCK(cp->c_lock, pl);

	if (cp->c_status & CAP_S_ERROR) {
		cmn_err(CE_WARN, "cap0: DMA transfer at block %lu failed", blk);
		return EIO;
	}
	return 0;
}

/*
 * capintr() -- the board finished a transfer.
 */
void
capintr(ivec)
	int ivec;
{
	register struct cap *cp = &cap;
	uchar_t st;
	pl_t pl;

	if (!(cp->c_flags & CAP_PRESENT) || ivec != cp->c_irq)
		return;
	pl = LOCK(cp->c_lock, pldisk);
	st = inb(cp->c_ioaddr + CAP_CMD);
	if (!(st & CAP_S_DONE) || !(cp->c_flags & CAP_BUSY)) {
		UNLOCK(cp->c_lock, pl);
		return;
	}
	outb(cp->c_ioaddr + CAP_ACK, CAP_S_DONE | CAP_S_ERROR);
	outb(DMA2_SMASK, DMA_SETMASK | (cp->c_chan & 3));
	cp->c_status = st;
	cp->c_done = 1;
	cp->c_count++;
	SV_SIGNAL(cp->c_sv, 0);
	UNLOCK(cp->c_lock, pl);
}
