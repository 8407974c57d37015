/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_bio.c - the block-I/O family in userspace only: the misuse
 * reports' exact text with the caller's file:line, fault injection in
 * buf_breakup's bounce allocations (svr5compat/fault.h), user memory
 * (B_PHYS) through physiock and buf_breakup, the data of BA_PHYS and
 * BA_SCGTH pieces (reached through the emulation's direct map), and the
 * bcb flags.  The semantic cases shared with the kernel run are in
 * tests/shared/cases_bio.c.
 *
 * Fresh process per test (fork mode), debug layer on, log quiet where
 * reports are provoked.
 */
#include "ddi_test_common.h"
#include <pthread.h>
#include <sys/uio.h>
#include <sys/errno.h>
#include <svr5compat/fault.h>
#include <asm/page.h>

#define RD_BYTES	(512 * KiB)
#define MB16		(16 * MiB)

/* ---- a RAM disk reached through any piece form ------------------------------ */

static struct {
	char *mem;
	int pieces;
	int outstanding, max_outstanding;
	int bad;
	uchar_t form;
	unsigned long limit, boundary, gran, maxx;
	int async;
	buf_t *last;
	buf_t seen[64];			/* copies of the first pieces */
	pthread_t th[256];
	int nth;
} rd;

static void rd_init(void)
{
	memset(&rd, 0, sizeof(rd));
	rd.mem = kmem_zalloc(RD_BYTES, KM_SLEEP);
	ck_assert_ptr_nonnull(rd.mem);
}

static void rd_fini(void)
{
	int i;

	for (i = 0; i < rd.nth; i++)
		pthread_join(rd.th[i], NULL);
	kmem_free(rd.mem, RD_BYTES);
}

/* Copy @n bytes between the RAM disk at @dev and physical address @pa. */
static void rd_phys(buf_t *bp, unsigned long dev, paddr_t pa, size_t n)
{
	char *v = phys_to_virt(pa);

	if (bp->b_flags & B_READ)
		memcpy(v, rd.mem + dev, n);
	else
		memcpy(rd.mem + dev, v, n);
}

static void rd_xfer(buf_t *bp)
{
	unsigned long dev = (unsigned long)bp->b_blkno * NBPSCTR +
			    bp->b_blkoff;
	unsigned int i;

	if (dev + bp->b_bcount > RD_BYTES) {
		bp->b_resid = bp->b_bcount;
		bioerror(bp, ENXIO);
		return;
	}
	switch (bp->b_addrtype) {
	case BA_KVIRT:
	case BA_UVIRT:		/* user memory is process memory here */
		if (bp->b_flags & B_READ)
			memcpy(bp->b_un.b_addr, rd.mem + dev, bp->b_bcount);
		else
			memcpy(rd.mem + dev, bp->b_un.b_addr, bp->b_bcount);
		break;
	case BA_PHYS:
		rd_phys(bp, dev, bp->b_un.b_paddr, bp->b_bcount);
		break;
	case BA_SCGTH:
		for (i = 0; i < bp->b_scgth_count; i++) {
			rd_phys(bp, dev, bp->b_un.b_scgth[i].sg_base,
				bp->b_un.b_scgth[i].sg_size);
			dev += bp->b_un.b_scgth[i].sg_size;
		}
		break;
	}
	bp->b_resid = 0;
}

static void rd_irq(void *arg)
{
	buf_t *bp = arg;

	__atomic_sub_fetch(&rd.outstanding, 1, __ATOMIC_SEQ_CST);
	biodone(bp);
}

static void *rd_thread(void *arg)
{
	usleep(500);
	rd_xfer(arg);
	ddit_run_in_hardirq(rd_irq, arg);
	return NULL;
}

static void rd_strategy(buf_t *bp)
{
	unsigned long dev = (unsigned long)bp->b_blkno * NBPSCTR +
			    bp->b_blkoff;
	int out;

	if (rd.pieces < 64)
		rd.seen[rd.pieces] = *bp;
	rd.pieces++;
	rd.last = bp;
	if (rd.gran && (bp->b_bcount % rd.gran || dev % rd.gran ||
			(rd.maxx && bp->b_bcount > rd.maxx) ||
			bp->b_addrtype != rd.form))
		rd.bad++;
	out = __atomic_add_fetch(&rd.outstanding, 1, __ATOMIC_SEQ_CST);
	if (out > rd.max_outstanding)
		rd.max_outstanding = out;
	if (rd.async && rd.nth < 256) {
		ck_assert_int_eq(pthread_create(&rd.th[rd.nth++], NULL,
						rd_thread, bp), 0);
		return;
	}
	rd_xfer(bp);
	__atomic_sub_fetch(&rd.outstanding, 1, __ATOMIC_SEQ_CST);
	biodone(bp);
}

static void fill(char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (char)(i * 13 + seed + (i >> 11));
}

static physreq_t *isa_physreq(void)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);

	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 24;
	pr->phys_boundary = 64 * KiB;
	ck_assert(physreq_prep(pr, KM_SLEEP));
	return pr;
}

static bcb_t *make_bcb(physreq_t *pr, uchar_t form, uchar_t flags,
		       size_t maxx, size_t gran)
{
	bcb_t *bcb = bcb_alloc(KM_SLEEP);

	ck_assert_ptr_nonnull(bcb);
	bcb->bcb_addrtypes = form;
	bcb->bcb_flags = flags;
	bcb->bcb_max_xfer = maxx;
	bcb->bcb_granularity = gran;
	bcb->bcb_physreqp = pr;
	rd.form = form & BA_KVIRT ? BA_KVIRT : form & BA_SCGTH ? BA_SCGTH :
		  form & BA_PHYS ? BA_PHYS : form;
	rd.gran = gran;
	rd.maxx = maxx;
	return bcb;
}

static void setup_buf(buf_t *bp, void *mem, size_t n, long blkno, int read)
{
	bp->b_flags &= ~(B_READ | B_DONE | B_ERROR | B_ASYNC);
	if (read)
		bp->b_flags |= B_READ;
	bp->b_un.b_addr = mem;
	bp->b_bcount = (uint_t)n;
	bp->b_blkno = (daddr_t)blkno;
	bp->b_blkoff = 0;
	bp->b_resid = 0;
	bp->b_error = 0;
}

/* The log line containing @needle names this file and line @line. */
static void ck_assert_site(const char *needle, int line)
{
	char l[512], site[128];

	ck_assert_msg(ddit_log_line(needle, 0, l, sizeof(l)),
		      "no log line with \"%s\"", needle);
	snprintf(site, sizeof(site), "%s:%d", ddit_basename(__FILE__), line);
	ck_assert_msg(strstr(l, site) != NULL, "\"%s\" lacks %s", l, site);
	ck_assert_msg(strncmp(strstr(l, "svr5ddi: "), "svr5ddi: ", 9) == 0,
		      "\"%s\"", l);
}

static void quiet(void)
{
	ddit_debug_on();
	ddit_log_quiet(1);
	ddit_log_clear();
}

/* ---- misuse texts -------------------------------------------------------------- */

START_TEST(test_biodone_twice_text)
{
	struct svr5ddi_stats s0;
	buf_t *bp;
	int line;

	quiet();
	bp = getrbuf(KM_SLEEP);
	biodone(bp);
	s0 = ddit_stats();
	biodone(bp); line = __LINE__;
	ck_assert_uint_eq(ddit_stats().misuse[SVR5DDI_MISUSE_BAD_ARGUMENT],
			  s0.misuse[SVR5DDI_MISUSE_BAD_ARGUMENT] + 1);
	ck_assert_site("biodone: bad argument: buf 0x", line);
	ck_assert(ddit_log_contains("already done (B_DONE set, no b_iodone)"));
	ck_assert_int_eq(biowait(bp), 0);	/* state intact */
	freerbuf(bp);
	ck_assert_uint_eq(ddit_stats().misuse_total, s0.misuse_total + 1);
}
END_TEST

static int irq_ret;
static int irq_line;

static void biowait_in_irq(void *arg)
{
	irq_ret = biowait((buf_t *)arg); irq_line = __LINE__;
}

START_TEST(test_biowait_interrupt_text)
{
	struct svr5ddi_stats s0;
	buf_t *bp;

	quiet();
	bp = getrbuf(KM_SLEEP);
	s0 = ddit_stats();
	ddit_run_in_hardirq(biowait_in_irq, bp);
	ck_assert_int_eq(irq_ret, EIO);
	ck_assert_uint_eq(ddit_stats().misuse[SVR5DDI_MISUSE_WRONG_CONTEXT],
			  s0.misuse[SVR5DDI_MISUSE_WRONG_CONTEXT] + 1);
	ck_assert_site("biowait: wrong context: buf 0x", irq_line);
	ck_assert(ddit_log_contains("in interrupt context"));
	ck_assert_uint_eq(ddit_sleep_violations(), 0);	/* never slept */
	biodone(bp);
	ck_assert_int_eq(biowait(bp), 0);
	freerbuf(bp);
}
END_TEST

START_TEST(test_biowait_spinlock_text)
{
	buf_t *bp;
	int ret, line;

	quiet();
	bp = getrbuf(KM_SLEEP);
	biodone(bp);
	ddit_spin_lock();
	ret = biowait(bp); line = __LINE__;
	ddit_spin_unlock();
	ck_assert_int_eq(ret, 0);		/* done: its error */
	ck_assert_site("biowait: wrong context", line);
	ck_assert(ddit_log_contains("in atomic context"));
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	freerbuf(bp);
}
END_TEST

static int busy_line;

static void freeing_strategy(buf_t *bp)
{
	freerbuf(bp); busy_line = __LINE__;
	brelse(bp);
	biodone(bp);
}

START_TEST(test_freerbuf_busy_text)
{
	struct svr5ddi_stats s0;
	char mem[512];
	iovec_t iov = { mem, 512 };
	uio_t uio;
	buf_t *bp;

	quiet();
	bp = getrbuf(KM_SLEEP);
	memset(&uio, 0, sizeof(uio));
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_resid = 512;
	s0 = ddit_stats();
	ck_assert_int_eq(physiock(freeing_strategy, bp, 0, B_READ, 0, &uio), 0);
	ck_assert_site("freerbuf: bad argument: buf 0x", busy_line);
	ck_assert(ddit_log_contains("busy (I/O in progress), not freed"));
	ck_assert(ddit_log_contains("brelse: bad argument: buf 0x"));
	ck_assert_uint_eq(ddit_stats().misuse_total, s0.misuse_total + 2);
	ck_assert_live_as(s0);			/* nothing was freed */
	freerbuf(bp);
}
END_TEST

/* A waiter asleep in biowait makes the header busy too. */
static void *waiter(void *arg)
{
	return (void *)(long)biowait((buf_t *)arg);
}

START_TEST(test_freerbuf_under_waiter)
{
	pthread_t t;
	void *ret;
	buf_t *bp;
	int i;

	quiet();
	bp = getrbuf(KM_SLEEP);
	ck_assert_int_eq(pthread_create(&t, NULL, waiter, bp), 0);
	/* white box: wait until the waiter is counted in the header */
	for (i = 0; i < 5000 && !__atomic_load_n(&bp->b_ddi_state,
						 __ATOMIC_ACQUIRE); i++)
		usleep(1000);
	ck_assert_uint_ne(bp->b_ddi_state, 0);
	freerbuf(bp);			/* refused while the waiter sleeps */
	ck_assert(ddit_log_contains("biowait sleeping on it"));
	bioerror(bp, EIO);
	biodone(bp);
	pthread_join(t, &ret);
	ck_assert_int_eq((int)(long)ret, EIO);
	freerbuf(bp);
}
END_TEST

START_TEST(test_freerbuf_foreign_and_brelse_rbuf)
{
	struct svr5ddi_stats s0, b0;
	buf_t *own, *rb, *eb;
	int l1, l2, l3;

	quiet();
	b0 = ddit_stats();
	own = kmem_zalloc(sizeof(buf_t), KM_SLEEP);	/* not a getrbuf header */
	s0 = ddit_stats();
	freerbuf(own); l1 = __LINE__;
	ck_assert_site("freerbuf: bad argument", l1);
	ck_assert(ddit_log_contains("not from getrbuf"));
	ck_assert_live_as(s0);
	kmem_free(own, sizeof(buf_t));

	rb = getrbuf(KM_SLEEP);
	brelse(rb); l2 = __LINE__;		/* freed as freerbuf would */
	ck_assert_site("brelse: bad argument", l2);
	ck_assert(ddit_log_contains("is from getrbuf"));
	eb = ngeteblk(100);
	freerbuf(eb); l3 = __LINE__;		/* released as brelse would */
	ck_assert_site("is from ngeteblk", l3);
	ck_assert(ddit_log_contains("is from ngeteblk"));
	ck_assert_live_as(b0);			/* both released */
	freerbuf(rb);				/* already freed: not read */
	ck_assert(ddit_log_count("not from getrbuf") == 2);
	ck_assert_live_as(b0);
}
END_TEST

START_TEST(test_async_rbuf_without_iodone)
{
	buf_t *bp;
	int line;

	quiet();
	bp = getrbuf(KM_SLEEP);
	bp->b_flags |= B_ASYNC;
	biodone(bp); line = __LINE__;
	ck_assert_site("biodone: bad argument: B_ASYNC getrbuf buf", line);
	ck_assert(bp->b_flags & B_DONE);	/* marked done, not freed */
	freerbuf(bp);
}
END_TEST

static buf_t *irq_buf;

static void getrbuf_in_irq(void *arg)
{
	irq_buf = getrbuf(KM_SLEEP); irq_line = __LINE__;
}

START_TEST(test_getrbuf_sleep_in_interrupt)
{
	quiet();
	ddit_run_in_hardirq(getrbuf_in_irq, NULL);
	ck_assert_ptr_nonnull(irq_buf);		/* KM_NOSLEEP instead */
	ck_assert_site("getrbuf: KM_SLEEP in atomic context", irq_line);
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	freerbuf(irq_buf);
}
END_TEST

START_TEST(test_breakup_unprepped_text)
{
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;
	int l1, l2, l3;

	quiet();
	rd_init();
	pr = physreq_alloc(KM_SLEEP);
	pr->phys_dmasize = 24;
	bcb = make_bcb(NULL, BA_KVIRT, 0, 0, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(4096, KM_SLEEP);
	setup_buf(bp, mem, 4096, 0, 1);
	buf_breakup(rd_strategy, bp, bcb); l1 = __LINE__;
	ck_assert_site("a bcb without a physreq (unprepped bcb)", l1);
	ck_assert_int_eq(biowait(bp), EINVAL);
	bcb->bcb_physreqp = pr;
	setup_buf(bp, mem, 4096, 0, 1);
	buf_breakup(rd_strategy, bp, bcb); l2 = __LINE__;
	ck_assert_site("buf_breakup: unprepped physreq: physreq 0x", l2);
	ck_assert_int_eq(biowait(bp), EINVAL);
	ck_assert(physreq_prep(pr, KM_SLEEP));
	pr->phys_dmasize = 32;			/* changed after prep */
	setup_buf(bp, mem, 4096, 0, 1);
	buf_breakup(rd_strategy, bp, bcb); l3 = __LINE__;
	ck_assert_site("buf_breakup: physreq changed since prep", l3);
	ck_assert_int_eq(biowait(bp), EINVAL);
	ck_assert_int_eq(rd.pieces, 0);
	ck_assert_uint_eq(bp->b_resid, 4096);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, 4096);
	rd_fini();
}
END_TEST

START_TEST(test_breakup_bad_bcb_text)
{
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;
	int l1, l2, l3;

	quiet();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, 0, 0, 0);		/* granularity 0 */
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(8192, KM_SLEEP);
	setup_buf(bp, mem, 8192, 0, 1);
	buf_breakup(rd_strategy, bp, bcb); l1 = __LINE__;
	ck_assert_site("buf_breakup: bad argument: bcb 0x", l1);
	ck_assert_int_eq(biowait(bp), EINVAL);
	bcb->bcb_granularity = NBPSCTR;
	bcb->bcb_addrtypes = BA_PAGELIST;		/* no form for it */
	setup_buf(bp, mem, 8192, 0, 1);
	buf_breakup(rd_strategy, bp, bcb); l2 = __LINE__;
	ck_assert_site("has no form for buf", l2);
	ck_assert_int_eq(biowait(bp), EINVAL);
	bcb->bcb_addrtypes = BA_KVIRT;
	bcb->bcb_flags = BCB_ONE_PIECE;
	bcb->bcb_max_xfer = 4096;			/* 8 KiB in one piece? */
	setup_buf(bp, mem, 8192, 0, 1);
	buf_breakup(rd_strategy, bp, bcb); l3 = __LINE__;
	ck_assert_site("buf_breakup: request can never be met", l3);
	ck_assert_int_eq(biowait(bp), EINVAL);
	ck_assert_int_eq(rd.pieces, 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, 8192);
	rd_fini();
}
END_TEST

START_TEST(test_breakup_with_spinlock_text)
{
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;
	int line;

	quiet();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, 0, 32 * KiB, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(64 * KiB, KM_SLEEP);
	fill(mem, 64 * KiB, 3);
	setup_buf(bp, mem, 64 * KiB, 0, 0);
	ddit_spin_lock();
	buf_breakup(rd_strategy, bp, bcb); line = __LINE__;
	ddit_spin_unlock();
	ck_assert_site("buf_breakup: wrong context: buf 0x", line);
	/* an aligned kernel request still completes, without sleeping */
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(memcmp(rd.mem, mem, 64 * KiB), 0);
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, 64 * KiB);
	rd_fini();
}
END_TEST

/* ---- fault injection in the bounce allocations --------------------------------- */

/* Fail every KM_NOSLEEP allocation below 16 MiB from the @nth on. */
static void fail_dma_nosleep(unsigned long nth)
{
	struct compat_fault_spec spec = {
		.nth = nth, .times = -1, .zone = ZONE_DMA,
		.family = COMPAT_FAULT_ANY, .sleep = COMPAT_FAULT_NOSLEEP_ONLY,
	};

	compat_fault_set(&spec);
}

static void bounce_failure(unsigned long nth, size_t done)
{
	size_t n = 128 * KiB;
	struct compat_fault_stats fs;
	struct svr5ddi_stats s0;
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;

	setenv("SVR5DDI_RESERVE", "dma:0,dma32:0", 1);	/* no fallback */
	ddit_debug_on();
	s0 = ddit_stats();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, BCB_NOMEMWAIT, 32 * KiB, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(n, KM_SLEEP);
	fill(mem, n, 5);
	setup_buf(bp, mem, n, 0, 0);
	fail_dma_nosleep(nth);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), ENOMEM);
	compat_fault_stats(&fs);
	compat_fault_set(NULL);
	ck_assert_uint_gt(fs.injected, 0);
	ck_assert_uint_eq(bp->b_resid, n - done);
	ck_assert_int_eq(rd.pieces, (int)(done / (32 * KiB)));
	ck_assert_int_eq(memcmp(rd.mem, mem, done), 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, n);
	rd_fini();
	ck_assert_live_as(s0);
}

START_TEST(test_bounce_fails_at_once)
{
	bounce_failure(1, 0);
}
END_TEST

START_TEST(test_bounce_fails_after_two)
{
	bounce_failure(3, 64 * KiB);
}
END_TEST

/* Without BCB_NOMEMWAIT a bounce allocation waits for memory. */
START_TEST(test_bounce_waits_for_memory)
{
	size_t n = 96 * KiB;
	struct svr5ddi_stats s0;
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;

	ddit_debug_on();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, 0, 32 * KiB, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(n, KM_SLEEP);
	fill(mem, n, 7);
	setup_buf(bp, mem, n, 2, 0);
	s0 = ddit_stats();
	ddit_fault_fail_all_for(60);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_uint_gt(ddit_fault_lift_wait(), 0);
	ck_assert_uint_gt(ddit_stats().sleep_waits, s0.sleep_waits);
	ck_assert_int_eq(memcmp(rd.mem + 2 * NBPSCTR, mem, n), 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, n);
	rd_fini();
}
END_TEST

/* ---- user memory ----------------------------------------------------------------- */

static bcb_t *drv_bcb;
static int user_pieces;

static void drv_strategy(buf_t *bp)
{
	if ((bp->b_flags & B_PHYS) && bp->b_addrtype == BA_UVIRT &&
	    bp->b_proc != NULL)
		user_pieces++;
	buf_breakup(rd_strategy, bp, drv_bcb);
}

static void user_uio(uio_t *uio, iovec_t *iov, void *mem, size_t n,
		     off64_t off)
{
	memset(uio, 0, sizeof(*uio));
	iov->iov_base = mem;
	iov->iov_len = (int)n;
	uio->uio_iov = iov;
	uio->uio_iovcnt = 1;
	uio->uio_offset = off;
	uio->uio_segflg = UIO_USERSPACE;
	uio->uio_resid = (int)n;
}

/* physiock over user memory, a driver with an ISA bcb: bounced copies. */
START_TEST(test_user_memory_bounced)
{
	size_t n = 100 * KiB;
	char *u = malloc(n), *v = calloc(1, n);
	physreq_t *pr;
	iovec_t iov;
	uio_t uio;
	int i;

	ddit_debug_on();
	rd_init();
	pr = isa_physreq();
	drv_bcb = make_bcb(pr, BA_KVIRT | BA_UVIRT, 0, 32 * KiB, NBPSCTR);
	rd.async = 1;
	fill(u, n, 21);
	user_uio(&uio, &iov, u, n, 4 * KiB);
	ck_assert_int_eq(physiock(drv_strategy, NULL, 0, B_WRITE, 1024, &uio),
			 0);
	ck_assert_int_eq(uio.uio_resid, 0);
	ck_assert_int_eq(user_pieces, 1);
	ck_assert_int_eq(rd.bad, 0);
	ck_assert_int_eq(memcmp(rd.mem + 4 * KiB, u, n), 0);
	for (i = 0; i < rd.pieces && i < 64; i++) {
		/* kernel bounce memory below 16 MiB, never the user's */
		ck_assert(!(rd.seen[i].b_flags & B_PHYS));
		ck_assert(rd.seen[i].b_un.b_addr < u ||
			  rd.seen[i].b_un.b_addr >= u + n);
		ck_assert_uint_lt(ddit_phys_of(rd.seen[i].b_un.b_addr), MB16);
	}
	user_uio(&uio, &iov, v, n, 4 * KiB);
	ck_assert_int_eq(physiock(drv_strategy, NULL, 0, B_READ, 1024, &uio),
			 0);
	ck_assert_int_eq(memcmp(u, v, n), 0);
	bcb_free(drv_bcb);
	physreq_free(pr);
	free(u);
	free(v);
	rd_fini();
}
END_TEST

/* With BA_UVIRT and no physical rule, user pieces keep the user address. */
START_TEST(test_user_memory_uvirt)
{
	size_t n = 40 * KiB;
	char *u = malloc(n);
	physreq_t *pr;
	iovec_t iov;
	uio_t uio;
	int i;

	ddit_debug_on();
	rd_init();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert(physreq_prep(pr, KM_SLEEP));
	drv_bcb = make_bcb(pr, BA_KVIRT | BA_UVIRT, 0, 16 * KiB, NBPSCTR);
	rd.form = BA_UVIRT;
	fill(rd.mem, RD_BYTES, 2);
	user_uio(&uio, &iov, u, n, 0);
	ck_assert_int_eq(physiock(drv_strategy, NULL, 0, B_READ, 1024, &uio),
			 0);
	ck_assert_int_eq(rd.pieces, 3);
	ck_assert_int_eq(rd.bad, 0);
	for (i = 0; i < 3; i++) {
		ck_assert(rd.seen[i].b_flags & B_PHYS);
		ck_assert_ptr_nonnull(rd.seen[i].b_proc);
		ck_assert_ptr_eq(rd.seen[i].b_un.b_addr, u + i * 16 * KiB);
	}
	ck_assert_int_eq(memcmp(u, rd.mem, n), 0);
	bcb_free(drv_bcb);
	physreq_free(pr);
	free(u);
	rd_fini();
}
END_TEST

/* A kernel address is not user memory: EFAULT, nothing issued. */
START_TEST(test_user_uio_kernel_address)
{
	char *k;
	iovec_t iov;
	uio_t uio;

	ddit_debug_on();
	rd_init();
	k = kmem_alloc(4096, KM_SLEEP);
	user_uio(&uio, &iov, k, 4096, 0);
	ck_assert_int_eq(physiock(rd_strategy, NULL, 0, B_READ, 1024, &uio),
			 EFAULT);
	ck_assert_int_eq(rd.pieces, 0);
	ck_assert_int_eq(uio.uio_resid, 4096);
	kmem_free(k, 4096);
	rd_fini();
}
END_TEST

/* ---- forms and flags ----------------------------------------------------------- */

static void physical_roundtrip(uchar_t form)
{
	size_t n = 150 * KiB;
	char *mem = kmem_alloc(n, KM_SLEEP), *back = kmem_zalloc(n, KM_SLEEP);
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	bcb_t *bcb;
	buf_t *bp = getrbuf(KM_SLEEP);
	int i;

	ddit_debug_on();
	rd_init();
	pr->phys_dmasize = 24;
	if (form == BA_SCGTH)
		pr->phys_max_scgth = 4;
	else
		pr->phys_boundary = 64 * KiB;
	ck_assert(physreq_prep(pr, KM_SLEEP));
	bcb = make_bcb(pr, form, 0, 32 * KiB, NBPSCTR);
	rd.async = 1;
	fill(mem, n, 9);
	setup_buf(bp, mem, n, 10, 0);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(memcmp(rd.mem + 10 * NBPSCTR, mem, n), 0);
	for (i = 0; i < rd.pieces && i < 64; i++) {
		ck_assert_int_eq(rd.seen[i].b_addrtype, form);
		if (form == BA_PHYS)
			ck_assert_uint_lt(rd.seen[i].b_un.b_paddr +
					  rd.seen[i].b_bcount, MB16 + 1);
		else
			ck_assert_uint_le(rd.seen[i].b_scgth_count, 4);
	}
	setup_buf(bp, back, n, 10, 1);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(memcmp(back, mem, n), 0);
	ck_assert_int_eq(rd.bad, 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, n);
	kmem_free(back, n);
	rd_fini();
}

START_TEST(test_phys_pieces_data)
{
	physical_roundtrip(BA_PHYS);
}
END_TEST

START_TEST(test_scgth_pieces_data)
{
	physical_roundtrip(BA_SCGTH);
}
END_TEST

/* Pieces carry the original's private fields and device, SCO says. */
START_TEST(test_piece_fields)
{
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;
	int i;

	ddit_debug_on();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, 0, 8 * KiB, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(24 * KiB, KM_SLEEP);
	setup_buf(bp, mem, 24 * KiB, 3, 1);
	bp->b_edev = 0x1234;
	bp->b_priv.un_int = 77;
	bp->b_priv2.un_long = 88;
	bp->b_private = (caddr_t)bcb;
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(rd.pieces, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(rd.seen[i].b_edev, 0x1234);
		ck_assert_int_eq(rd.seen[i].b_priv.un_int, 77);
		ck_assert_int_eq(rd.seen[i].b_priv2.un_long, 88);
		ck_assert_ptr_eq(rd.seen[i].b_private, (caddr_t)bcb);
		ck_assert_int_eq(rd.seen[i].b_blkno, 3 + i * 16);
		ck_assert_int_eq(rd.seen[i].b_blkoff, 0);
		ck_assert(rd.seen[i].b_flags & B_READ);
		ck_assert_ptr_ne(rd.seen[i].b_iodone, NULL);
	}
	ck_assert_ptr_eq(bp->b_iodone, NULL);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, 24 * KiB);
	rd_fini();
}
END_TEST

static int async_done_calls;

static void async_done(buf_t *bp)
{
	async_done_calls++;
}

/* BCB_SYNCHRONOUS: one piece at a time; a B_ASYNC request fails. */
START_TEST(test_synchronous)
{
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;

	ddit_debug_on();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, BCB_SYNCHRONOUS, 16 * KiB, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(96 * KiB, KM_SLEEP);
	fill(mem, 96 * KiB, 4);
	rd.async = 1;
	setup_buf(bp, mem, 96 * KiB, 0, 0);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(rd.pieces, 6);
	ck_assert_int_eq(rd.max_outstanding, 1);
	ck_assert_int_eq(memcmp(rd.mem, mem, 96 * KiB), 0);

	rd.pieces = 0;
	bcb->bcb_flags = 0;			/* then they overlap */
	setup_buf(bp, mem, 96 * KiB, 0, 0);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_gt(rd.max_outstanding, 1);

	bcb->bcb_flags = BCB_SYNCHRONOUS;
	rd.pieces = 0;
	async_done_calls = 0;
	setup_buf(bp, mem, 96 * KiB, 0, 0);
	bp->b_flags |= B_ASYNC;
	bp->b_iodone = async_done;
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(async_done_calls, 1);
	ck_assert_int_eq(geterror(bp), EINVAL);
	ck_assert_int_eq(rd.pieces, 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, 96 * KiB);
	rd_fini();
}
END_TEST

/* BCB_ONE_PIECE: scattered memory bounced whole into one piece. */
START_TEST(test_one_piece)
{
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem;

	ddit_debug_on();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, BCB_ONE_PIECE, 64 * KiB, NBPSCTR);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(48 * KiB, KM_SLEEP);
	fill(mem, 48 * KiB, 8);
	setup_buf(bp, mem, 48 * KiB, 0, 0);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(rd.pieces, 1);
	ck_assert_uint_eq(rd.seen[0].b_bcount, 48 * KiB);
	ck_assert_uint_lt(ddit_phys_of(rd.seen[0].b_un.b_addr), MB16);
	ck_assert_int_eq(memcmp(rd.mem, mem, 48 * KiB), 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, 48 * KiB);
	rd_fini();
}
END_TEST

/* Unaligned memory and a granularity that is not a power of two. */
START_TEST(test_odd_granularity)
{
	size_t n = 3 * 1536 * 7;
	physreq_t *pr;
	bcb_t *bcb;
	buf_t *bp;
	char *mem, *back;
	int i;

	ddit_debug_on();
	rd_init();
	pr = isa_physreq();
	bcb = make_bcb(pr, BA_KVIRT, 0, 1536 * 8, 1536);
	bp = getrbuf(KM_SLEEP);
	mem = kmem_alloc(n + 3, KM_SLEEP);
	back = kmem_zalloc(n, KM_SLEEP);
	fill(mem + 3, n, 6);
	setup_buf(bp, mem + 3, n, 3, 0);	/* device byte 1536 */
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(rd.bad, 0);
	for (i = 0; i < rd.pieces; i++)
		ck_assert_uint_eq(rd.seen[i].b_bcount % 1536, 0);
	ck_assert_int_eq(memcmp(rd.mem + 1536, mem + 3, n), 0);
	setup_buf(bp, back, n, 3, 1);
	buf_breakup(rd_strategy, bp, bcb);
	ck_assert_int_eq(biowait(bp), 0);
	ck_assert_int_eq(memcmp(back, mem + 3, n), 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(mem, n + 3);
	kmem_free(back, n);
	rd_fini();
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_bio");
	TCase *tc;

	tc = tcase_create("misuse");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_biodone_twice_text);
	tcase_add_test(tc, test_biowait_interrupt_text);
	tcase_add_test(tc, test_biowait_spinlock_text);
	tcase_add_test(tc, test_freerbuf_busy_text);
	tcase_add_test(tc, test_freerbuf_under_waiter);
	tcase_add_test(tc, test_freerbuf_foreign_and_brelse_rbuf);
	tcase_add_test(tc, test_async_rbuf_without_iodone);
	tcase_add_test(tc, test_getrbuf_sleep_in_interrupt);
	tcase_add_test(tc, test_breakup_unprepped_text);
	tcase_add_test(tc, test_breakup_bad_bcb_text);
	tcase_add_test(tc, test_breakup_with_spinlock_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("fault");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_bounce_fails_at_once);
	tcase_add_test(tc, test_bounce_fails_after_two);
	tcase_add_test(tc, test_bounce_waits_for_memory);
	suite_add_tcase(s, tc);

	tc = tcase_create("user");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_user_memory_bounced);
	tcase_add_test(tc, test_user_memory_uvirt);
	tcase_add_test(tc, test_user_uio_kernel_address);
	suite_add_tcase(s, tc);

	tc = tcase_create("forms");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_phys_pieces_data);
	tcase_add_test(tc, test_scgth_pieces_data);
	tcase_add_test(tc, test_piece_fields);
	tcase_add_test(tc, test_synchronous);
	tcase_add_test(tc, test_one_piece);
	tcase_add_test(tc, test_odd_granularity);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
