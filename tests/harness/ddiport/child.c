/* SPDX-License-Identifier: MIT */
/*
 * child.c - the child process of one run: set up the emulation, the
 * device models and the boards, load the driver, run the operations, and
 * tell the parent everything on the one stream (ddiport.h, runner.c).
 *
 * Order: environment (SVR5DDI_* from the scenario's option lines, read by
 * the emulation at its first use), device models (created and attached
 * in file order; their events come back through model_event), the
 * driver object (dlopen, RTLD_LAZY: a missing function fails when it is
 * called, a missing variable fails here), the boards (ent_setup), then
 * the operations.  The fault injector is armed (sweep) just before the
 * first operation, so N counts only what the driver does.  Every
 * allocation the harness makes for the driver (bufs, their data, uio
 * areas) is bracketed as internal and never counted or failed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <svr5compat/context.h>
#include <svr5compat/fault.h>
#include <svr5compat/iomodel.h>
#include <svr5compat/log.h>
#include <svr5ddi/ddictl.h>
#include "ddiport.h"
#include "devmodel.h"
#include "entry.h"

static struct devmodel_machine *machine;

/* One record: a single write() of "\036...\n". */
static void rec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void rec(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	size_t n, off = 0;
	int len;

	buf[0] = '\036';
	va_start(ap, fmt);
	len = vsnprintf(buf + 1, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	n = (size_t)len + 1 > sizeof(buf) - 2 ? sizeof(buf) - 2 : (size_t)len + 1;
	buf[n++] = '\n';
	while (off < n) {
		ssize_t w = write(2, buf + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

/* Tabs, newlines and RS would break a record's fields. */
static void clean(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\n' || *s == '\r' || *s == '\036')
			*s = ' ';
}

static void model_event(const struct devmodel_event *ev, void *arg)
{
	char msg[1024], owner[256];

	/* Name the driver's buffer behind the address, with its site. */
	if (ev->phys && svr5ddi_phys_owner(ev->phys, owner, sizeof(owner)))
		snprintf(msg, sizeof(msg), "%s (buffer: %s)",
			 ev->message ? ev->message : "", owner);
	else
		snprintf(msg, sizeof(msg), "%s", ev->message ? ev->message : "");
	clean(msg);
	rec("V %d %s %s\t%s", ev->kind == DEVMODEL_DEVICE_ERROR ? 1 : 0,
	    ev->device ? ev->device : "?", ev->tag ? ev->tag : "?", msg);
}

static void counters(void)
{
	struct compat_fault_stats fs;

	compat_fault_stats(&fs);
	rec("C %lu %lu %lu %lu %lu %lu", compat_io_unclaimed(),
	    compat_irq_spurious(), compat_sleep_violations(),
	    compat_warn_count(), fs.matched, fs.injected);
}

static __attribute__((noreturn)) void fatal(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	clean(buf);
	rec("X %s", buf);
	rec("Z");
	_exit(0);
}

/* ---- setup ------------------------------------------------------------- */

static void setup_env(const struct scenario *s, const struct run_opts *o)
{
	unsetenv("SVR5DDI_QUIET");
	if (s->physmem)
		setenv("SVR5DDI_PHYSMEM", s->physmem, 1);
	if (s->reserve)
		setenv("SVR5DDI_RESERVE", s->reserve, 1);
	if (s->debug >= 0)
		setenv("SVR5DDI_DEBUG", s->debug ? "1" : "0", 1);
	else if (!getenv("SVR5DDI_DEBUG"))
		setenv("SVR5DDI_DEBUG", "1", 1);
	if (s->strict)
		setenv("SVR5DDI_STRICT", "1", 1);
	if (o->fault_nth || o->count_allocs)
		unsetenv("SVR5DDI_FAULT");
}

static void setup_models(const struct scenario *s)
{
	int i, j;

	machine = devmodel_machine_create(model_event, NULL);
	if (!machine)
		fatal("device models: out of memory");
	for (i = 0; i < s->ndevs; i++) {
		const struct scn_device *d = &s->devs[i];
		struct devmodel_kv *kv = xcalloc((size_t)d->nparams + 1,
						 sizeof(*kv));
		char err[256] = "";

		for (j = 0; j < d->nparams; j++) {
			kv[j].key = d->params[j].key;
			kv[j].value = d->params[j].val;
		}
		if (!devmodel_create(machine, d->model, d->name, kv,
				     (size_t)d->nparams, err, sizeof(err)))
			fatal("%s:%d: device %s: %s", s->file, d->line, d->name,
			      err);
		free(kv);
	}
	for (i = 0; i < s->ndevs; i++) {
		struct devmodel *dm = devmodel_find(machine, s->devs[i].name);
		char err[256] = "";

		if (dm && !devmodel_attached(dm) &&
		    devmodel_attach(dm, err, sizeof(err)))
			fatal("%s:%d: device %s: %s", s->file, s->devs[i].line,
			      s->devs[i].name, err);
	}
}

static void board_from_model(const struct scn_board *sb, struct ent_board *b,
			     char *idbuf, size_t idlen)
{
	struct devmodel_resources res;
	struct devmodel *dm = devmodel_find(machine, sb->device);

	if (!dm)
		return;
	devmodel_resources(dm, &res);
	if (!sb->set_irq && res.irq >= 0)
		b->irq = res.irq;
	if (!sb->has_io && res.io_len) {
		b->has_io = 1;
		b->io_lo = res.io_base;
		b->io_hi = res.io_base + res.io_len - 1;
	}
	if (!sb->has_mem && res.mem_len) {
		b->has_mem = 1;
		b->mem_lo = res.mem_base;
		b->mem_hi = res.mem_base + res.mem_len - 1;
	}
	if (!sb->set_dma && res.dma_channel >= 0)
		b->dma = res.dma_channel;
	if (res.pci) {
		if (!sb->set_bus)
			b->bus = BUS_PCI;
		if (!sb->set_id) {
			snprintf(idbuf, idlen, "0x%04x%04x", res.device,
				 res.vendor);
			b->id = idbuf;
		}
		if (!sb->set_slot)
			b->slot = (long)res.slot;
	}
}

/* ---- operations ----------------------------------------------------------- */

struct opres {
	bool ok;
	bool errret;
	long long ret, resid, rval;
	char reason[512];
	char detail[256];
};

static long long last_ret, last_resid, last_rval;
static const struct scenario *scn;
static const struct driver_info *drv;

static const char *errstr(long long e, char *buf, size_t len)
{
	const char *n = errno_name((int)e);

	if (e == 0)
		return "0";
	if (n && e > 0)
		return n;
	snprintf(buf, len, "%lld", e);
	return buf;
}

/* Judge a driver's return value against expect=. */
static void judge_ret(const struct scn_op *op, long long ret, struct opres *r)
{
	char a[32], b[32];

	r->ret = ret;
	r->errret = ret != 0;
	switch (op->exp) {
	case EXP_ANY:
		r->ok = true;
		break;
	case EXP_FAIL:
		r->ok = ret != 0;
		if (!r->ok)
			snprintf(r->reason, sizeof(r->reason),
				 "returned 0, expected an error");
		break;
	case EXP_VALUE:
		r->ok = ret == op->exp_val;
		if (!r->ok)
			snprintf(r->reason, sizeof(r->reason),
				 "returned %s, expected %s",
				 errstr(ret, a, sizeof(a)),
				 errstr(op->exp_val, b, sizeof(b)));
		break;
	}
	if (r->ok && ret)
		snprintf(r->detail, sizeof(r->detail), "returned %s",
			 errstr(ret, a, sizeof(a)));
}

/* Add ", what" (or "what") to the operation's detail. */
static void detail_add(struct opres *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void detail_add(struct opres *r, const char *fmt, ...)
{
	size_t len = strlen(r->detail);
	va_list ap;

	if (len && len + 2 < sizeof(r->detail)) {
		strcpy(r->detail + len, ", ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(r->detail + len, sizeof(r->detail) - len, fmt, ap);
	va_end(ap);
}

static void why_fail(struct opres *r, const char *why)
{
	r->ok = false;
	snprintf(r->reason, sizeof(r->reason), "%s", why);
}

static unsigned char pat_byte(const struct scn_op *op, unsigned long long base,
			      unsigned long long i)
{
	if (op->pattern == PAT_BYTE)
		return (unsigned char)op->pattern_byte;
	return (unsigned char)((base + i) % 251);
}

struct fill_arg {
	const struct scn_op *op;
	unsigned long long base;
};

static void fill(void *data, unsigned long long size, void *arg)
{
	struct fill_arg *fa = arg;
	unsigned char *p = data;
	unsigned long long i;

	if (fa->op->pattern == PAT_NONE) {
		memset(p, 0, size);
		return;
	}
	for (i = 0; i < size; i++)
		p[i] = pat_byte(fa->op, fa->base, i);
}

/* Compare what was read with the pattern; false (and a reason) on a
 * mismatch. */
static bool verify(const struct scn_op *op, const unsigned char *p,
		   unsigned long long n, unsigned long long base,
		   struct opres *r)
{
	unsigned long long i;

	if (op->pattern == PAT_NONE)
		return true;
	for (i = 0; i < n; i++) {
		unsigned char want = pat_byte(op, base, i);

		if (p[i] != want) {
			snprintf(r->reason, sizeof(r->reason),
				 "data mismatch at byte %llu: read 0x%02x, expected 0x%02x",
				 i, p[i], want);
			r->ok = false;
			return false;
		}
	}
	return true;
}

static long long op_timeout(const struct scn_op *op)
{
	return op->timeout_ms > 0 ? op->timeout_ms : scn->timeout_ms;
}

/* Wait for biodone, polling B_DONE, up to the operation's timeout. */
static bool bio_wait(struct ent_bio *b, const struct scn_op *op, int *err,
		     long long *resid)
{
	long long left = op_timeout(op) * 1000;

	for (;;) {
		if (ent_bio_poll(b, err, resid))
			return true;
		if (left <= 0)
			return false;
		usleep(200);
		left -= 200;
	}
}

/*
 * Bufs handed over with "nowait": judged and released by the next "wait"
 * (or, unjudged, at unload once complete).
 */
struct pend {
	struct ent_bio *b;
	const struct scn_op *op;
	bool write;
	unsigned long long size, block;
	void *data;
};
static struct pend pends[256];
static int npends;

static void pend_add(struct ent_bio *b, const struct scn_op *op, bool write,
		     unsigned long long size, unsigned long long block,
		     void *data)
{
	if (npends == (int)(sizeof(pends) / sizeof(pends[0])))
		return;		/* ent_bio_start refuses before this */
	pends[npends++] = (struct pend){ b, op, write, size, block, data };
}

/* Reap completed bufs; judge them into @r when not NULL. */
static void pend_reap(struct opres *r)
{
	int i, j = 0;

	for (i = 0; i < npends; i++) {
		struct pend *p = &pends[i];
		struct opres pr;
		long long resid = 0;
		int err = 0;

		if (!ent_bio_poll(p->b, &err, &resid)) {
			pends[j++] = *p;
			continue;
		}
		memset(&pr, 0, sizeof(pr));
		judge_ret(p->op, err, &pr);
		if (pr.ok && !err && !p->write)
			verify(p->op, p->data, p->size - (unsigned long long)resid,
			       p->block * 512, &pr);
		if (r && !pr.ok && r->ok) {
			r->ok = false;
			snprintf(r->reason, sizeof(r->reason), "op %d: %.400s",
				 p->op->line, pr.reason);
		}
		ent_bio_release(p->b);
	}
	npends = j;
}

/*
 * A buf to the strategy routine (strategy, and DDI 8 read/write, which
 * the kernel's raw I/O turns into bufs).  @host: for read/write, the
 * caller's memory the data is copied from or to.
 */
static void do_bio(const struct scn_op *op, bool write, unsigned long long size,
		   unsigned long long block, bool contig, unsigned char *host,
		   struct opres *r)
{
	struct fill_arg fa = { op, block * 512 };
	char why[ENT_WHY] = "";
	struct ent_bio *b;
	long long resid = 0;
	void *data;
	int err = 0;

	b = ent_bio_start(write, op->dev, op->board, size, block, contig,
			  write ? fill : NULL, &fa, &data, &err, why);
	if (!b) {
		why_fail(r, why[0] ? why : "cannot build the buf");
		return;
	}
	if (write && host)
		memcpy(data, host, size);
	if (op->nowait) {
		pend_add(b, op, write, size, block, data);
		r->ok = true;
		return;
	}
	if (!bio_wait(b, op, &err, &resid)) {
		snprintf(r->reason, sizeof(r->reason),
			 "no biodone after %lld ms", op_timeout(op));
		r->ok = false;
		return;
	}
	r->resid = resid;
	judge_ret(op, err, r);
	if (!write && host)
		memcpy(host, data, size);
	if (r->ok && !err && !write)
		verify(op, data, size - (unsigned long long)resid, block * 512, r);
	if (r->ok && resid)
		detail_add(r, "resid %lld", resid);
	ent_bio_release(b);
}

static void do_rw(const struct scn_op *op, struct opres *r)
{
	char why[ENT_WHY] = "";
	struct fill_arg fa = { op, op->offset };
	long long resid = 0;
	bool write = op->kind == OP_WRITE;
	unsigned char *buf;
	int ret;

	if (drv->style == STYLE_DDI8) {
		if (op->offset % 512) {
			why_fail(r, "a DDI 8 driver's raw I/O starts on a 512-byte block: offset is not a multiple of 512");
			return;
		}
		do_bio(op, write, op->size, op->offset / 512, false, NULL, r);
		return;
	}
	buf = xmalloc(op->size);
	if (write)
		fill(buf, op->size, &fa);
	else
		memset(buf, 0xee, op->size);
	ret = ent_rw(write, op->dev, buf, op->size, op->offset, &resid, why);
	if (why[0]) {
		why_fail(r, why);
		free(buf);
		return;
	}
	r->resid = resid;
	judge_ret(op, ret, r);
	if (r->ok && !ret && !write)
		verify(op, buf, op->size - (unsigned long long)resid,
		       op->offset, r);
	if (r->ok && resid)
		detail_add(r, "resid %lld", resid);
	free(buf);
}

static void do_strategy(const struct scn_op *op, struct opres *r)
{
	do_bio(op, op->write, op->size, op->block, op->contig, NULL, r);
}

static void do_ioctl(const struct scn_op *op, struct opres *r)
{
	char why[ENT_WHY] = "";
	long long rval = 0;
	void *arg, *buf = NULL;
	int ret;

	if (op->bufsize) {
		buf = xcalloc(1, op->bufsize);
		arg = buf;
	} else {
		arg = (void *)(long)op->arg;
	}
	ret = ent_ioctl(op->dev, op->board, op->cmd, arg, &rval, why);
	free(buf);
	if (why[0]) {
		why_fail(r, why);
		return;
	}
	r->rval = rval;
	judge_ret(op, ret, r);
	if (r->ok && op->has_rval && rval != op->rval) {
		r->ok = false;
		snprintf(r->reason, sizeof(r->reason), "rval %lld, expected %lld",
			 rval, op->rval);
	}
	if (r->ok && rval)
		detail_add(r, "rval %lld", rval);
}

static void do_interrupt(const struct scn_op *op, struct opres *r)
{
	int handled = 0, rc = 0;
	long i;

	for (i = 0; i < op->count; i++) {
		rc = op->nowait ? compat_irq_assert((unsigned int)op->irq) :
			compat_irq_assert_sync((unsigned int)op->irq);
		if (rc < 0)
			break;
		handled |= rc;
	}
	if (rc == -ENOENT) {
		snprintf(r->reason, sizeof(r->reason),
			 "no handler on IRQ %lu", op->irq);
		r->ok = false;
		return;
	}
	r->ok = true;
	if (!op->nowait && !(handled & 1))
		snprintf(r->detail, sizeof(r->detail), "not claimed");
}

static void do_delay(const struct scn_op *op, struct opres *r)
{
	struct timespec ts = {
		.tv_sec = (time_t)(op->delay_us / 1000000),
		.tv_nsec = (long)(op->delay_us % 1000000) * 1000,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	r->ok = true;
}

static bool expect_value(const struct scn_op *op, long long *v, char *why,
			 size_t len)
{
	struct svr5ddi_stats st;
	const char *n = op->name;
	int i;

	svr5ddi_get_stats(&st);
	if (!strcmp(n, "log")) {
		*v = compat_log_count(op->logtext);
	} else if (!strcmp(n, "misuse")) {
		*v = (long long)(st.misuse_total - st.misuse[SVR5DDI_MISUSE_LEAK]);
	} else if (!strncmp(n, "misuse.", 7)) {
		i = misuse_tag_find(n + 7);
		if (i >= 0)
			*v = (long long)st.misuse[i];
	} else if (!strcmp(n, "live") || !strcmp(n, "live_bytes")) {
		*v = 0;
		for (i = 0; i < SVR5DDI_BK_NR; i++)
			*v += (long long)(n[4] ? st.backend[i].live_bytes :
					  st.backend[i].live_objects);
	} else if (!strcmp(n, "unclaimed")) {
		*v = (long long)compat_io_unclaimed();
	} else if (!strcmp(n, "spurious")) {
		*v = (long long)compat_irq_spurious();
	} else if (!strcmp(n, "sleep_violations")) {
		*v = (long long)compat_sleep_violations();
	} else if (!strcmp(n, "warnings")) {
		*v = (long long)compat_warn_count();
	} else if (!strcmp(n, "dma_violations")) {
		*v = (long long)devmodel_machine_events(machine,
							DEVMODEL_DMA_VIOLATION);
	} else if (!strcmp(n, "pending")) {
		*v = ent_pending();
	} else if (!strcmp(n, "ret")) {
		*v = last_ret;
	} else if (!strcmp(n, "resid")) {
		*v = last_resid;
	} else if (!strcmp(n, "rval")) {
		*v = last_rval;
	} else {
		const char *dot = strchr(n, '.');
		char dev[64];
		struct devmodel *dm;
		uint64_t u;

		snprintf(dev, sizeof(dev), "%.*s", (int)(dot - n), n);
		dm = devmodel_find(machine, dev);
		if (!dm) {
			snprintf(why, len, "no device \"%s\"", dev);
			return false;
		}
		if (!devmodel_counter(dm, dot + 1, &u)) {
			snprintf(why, len, "device %s has no counter \"%s\"",
				 dev, dot + 1);
			return false;
		}
		*v = (long long)u;
	}
	return true;
}

static void do_expect(const struct scn_op *op, struct opres *r)
{
	static const char *const cmpname[] = { "==", "!=", "<", "<=", ">", ">=" };
	long long v = 0, w = op->value;
	char why[256];
	bool ok = false;

	devmodel_machine_sync(machine);
	if (!expect_value(op, &v, why, sizeof(why))) {
		why_fail(r, why);
		return;
	}
	switch (op->cmp) {
	case CMP_EQ: ok = v == w; break;
	case CMP_NE: ok = v != w; break;
	case CMP_LT: ok = v < w; break;
	case CMP_LE: ok = v <= w; break;
	case CMP_GT: ok = v > w; break;
	case CMP_GE: ok = v >= w; break;
	}
	r->ok = ok;
	if (!ok)
		snprintf(r->reason, sizeof(r->reason), "%s%s%s is %lld, expected %s %lld",
			 op->name, op->logtext ? " " : "",
			 op->logtext ? "count" : "", v, cmpname[op->cmp], w);
}

static void run_op(const struct scn_op *op, struct opres *r)
{
	char why[ENT_WHY] = "";
	int ret;

	switch (op->kind) {
	case OP_LOAD: {
		int refused = 0;

		compat_log_clear();
		ret = ent_load(why, &refused);
		if (refused) {
			why_fail(r, why);
			r->errret = true;
			return;
		}
		break;
	}
	case OP_CONFIG:
		ret = ent_config(op->cfg, op->board, why);
		break;
	case OP_OPEN:
		ret = ent_open(op->dev, op->board, op->oflags, op->otyp_blk, why);
		break;
	case OP_CLOSE:
		ret = ent_close(op->dev, op->board, op->oflags, op->otyp_blk,
				why);
		break;
	case OP_READ:
	case OP_WRITE:
		do_rw(op, r);
		return;
	case OP_IOCTL:
		do_ioctl(op, r);
		return;
	case OP_STRATEGY:
		do_strategy(op, r);
		return;
	case OP_WAIT: {
		long long left = op_timeout(op) * 1000;

		while (ent_pending() && left > 0) {
			usleep(200);
			left -= 200;
		}
		r->ok = true;
		pend_reap(r);
		if (r->ok && ent_pending()) {
			snprintf(r->reason, sizeof(r->reason),
				 "%d bufs still pending after %lld ms",
				 ent_pending(), op_timeout(op));
			r->ok = false;
		}
		return;
	}
	case OP_INTERRUPT:
		do_interrupt(op, r);
		return;
	case OP_DELAY:
		do_delay(op, r);
		return;
	case OP_EXPECT:
		do_expect(op, r);
		return;
	case OP_HALT:
		ret = ent_halt(why);
		break;
	case OP_UNLOAD: {
		int none = 0;

		devmodel_machine_sync(machine);
		pend_reap(NULL);
		ret = ent_unload(why, &none);
		if (!why[0] && ret == 0 && none) {
			r->ok = true;
			detail_add(r, "no unload routine: no leak check");
			return;
		}
		if (!why[0] && ret == 0) {
			rec("L");
			svr5ddi_leak_report();
			rec("l");
			rec("U");
		}
		break;
	}
	default:
		ret = 0;
		break;
	}
	if (why[0]) {
		why_fail(r, why);
		return;
	}
	judge_ret(op, ret, r);
}

void child_main(const struct scenario *s, const struct driver_info *d,
		const struct run_opts *o)
{
	struct ent_syms syms = { 0 };
	struct ent_board *boards;
	char why[ENT_WHY] = "", **ids;
	void *h;
	int i;

	scn = s;
	drv = d;
	/* A fault in the driver must kill this process with its signal for
	 * the parent to report (a sanitizer runtime would catch it and exit
	 * with a status instead). */
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	setup_env(s, o);
	compat_log_quiet(false);
	setup_models(s);

	{
		/* a bare name would be searched for in the library path */
		char *abs = realpath(d->path, NULL);

		h = dlopen(abs ? abs : d->path, RTLD_LAZY | RTLD_LOCAL);
		free(abs);
	}
	if (!h)
		fatal("cannot load the driver: %s", dlerror());
	syms.ddi8 = d->style == STYLE_DDI8;
	syms.self_intr = d->self_intr;
	syms.name = d->name;
	syms.major = s->major;
	syms.load = (int (*)(void))dlsym(h, "_load");
	syms.unload = (int (*)(void))dlsym(h, "_unload");
	if (d->prefix) {
		char *n = xasprintf("%s_wrapper", d->prefix);

		syms.wrapper = dlsym(h, n);
		free(n);
	}
	if (!syms.ddi8) {
		static const char *const names[] = { "init", "start", "open",
			"close", "read", "write", "ioctl", "strategy", "intr",
			"halt", "devflag" };
		void *p[11];
		unsigned int k;

		for (k = 0; k < 11; k++) {
			char *n = xasprintf("%s%s", d->prefix, names[k]);

			p[k] = dlsym(h, n);
			free(n);
		}
		syms.init = (void (*)(void))p[0];
		syms.start = (void (*)(void))p[1];
		syms.open = p[2];
		syms.close = p[3];
		syms.read = p[4];
		syms.write = p[5];
		syms.ioctl = p[6];
		syms.strategy = p[7];
		syms.intr = p[8];
		syms.halt = (void (*)(void))p[9];
		syms.devflag = p[10];
	}

	boards = xcalloc((size_t)s->nboards + 1, sizeof(*boards));
	ids = xcalloc((size_t)s->nboards + 1, sizeof(*ids));
	for (i = 0; i < s->nboards; i++) {
		const struct scn_board *sb = &s->boards[i];
		struct ent_board *b = &boards[i];

		b->modname = sb->modname ? sb->modname : d->name;
		b->unit = sb->unit;
		b->irq = sb->irq;
		b->ipl = sb->ipl;
		b->itype = sb->itype;
		b->has_io = sb->has_io;
		b->io_lo = sb->io_lo;
		b->io_hi = sb->io_hi;
		b->has_mem = sb->has_mem;
		b->mem_lo = sb->mem_lo;
		b->mem_hi = sb->mem_hi;
		b->dma = sb->dma;
		b->bus = sb->bus;
		b->id = sb->id;
		b->slot = sb->slot;
		b->hotplug = sb->hotplug;
		if (sb->device) {
			ids[i] = xmalloc(32);
			board_from_model(sb, b, ids[i], 32);
		}
	}
	if (ent_setup(&syms, boards, s->nboards, why))
		fatal("%s", why);

	if (o->fault_nth || o->count_allocs) {
		struct compat_fault_spec spec = {
			.nth = (unsigned long)o->fault_nth,
			.times = 1,
			.zone = -1,
			.family = COMPAT_FAULT_ANY,
		};

		compat_fault_set(&spec);
	}
	counters();
	for (i = 0; i < s->nops; i++) {
		const struct scn_op *op = &s->ops[i];
		struct opres r;

		memset(&r, 0, sizeof(r));
		rec("B %d", i);
		run_op(op, &r);
		if (op->kind != OP_EXPECT) {
			last_ret = r.ret;
			last_resid = r.resid;
			last_rval = r.rval;
		}
		clean(r.reason);
		clean(r.detail);
		counters();
		rec("E %d %s %d %lld %lld %lld\t%s\t%s", i,
		    r.ok ? "ok" : "failed", r.errret ? 1 : 0, r.ret, r.resid,
		    r.rval, r.reason, r.detail);
	}
	devmodel_machine_sync(machine);
	counters();
	rec("Z");
	_exit(0);
}
