/* SPDX-License-Identifier: MIT */
/*
 * cases_bio.c - shared cases of the "bio" family: buffer headers and
 * their completion (getrbuf, freerbuf, ngeteblk, geteblk, brelse, clrbuf,
 * biodone, biowait, bioerror, geterror), physiock over a kernel uio, and
 * buf_breakup against an ISA-like bcb (24-bit addresses, 64 KiB
 * boundary, 512-byte granularity) over scattered memory.  Run in
 * userspace (Check, over compat/) and in the kernel (svr5ddi_test.ko).
 *
 * The "device" is a RAM disk: a strategy routine that checks every piece
 * it is given against the bcb (with vtop on each page of a BA_KVIRT
 * piece), copies between the piece and the RAM disk, and completes it at
 * once or later (a thread per piece that waits 1 ms and calls biodone at
 * interrupt level).  BA_PHYS and BA_SCGTH pieces carry only physical
 * addresses, so for them only the constraints are checked here (the data
 * is checked in tests/check_ddi_bio.c, userspace only).
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/systm.h>
#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/uio.h>
#include <sys/ddi.h>
#include <svr5ddi/ddictl.h>
#include "ddi_case.h"

#define KB		1024UL
#define RD_BLOCKS	1024			/* a 512 KiB RAM disk */
#define RD_BYTES	((unsigned long)RD_BLOCKS * NBPSCTR)
#define RD_SLOTS	256
#define MB16		(16UL * 1024 * 1024)

struct rd_slot {
	buf_t *bp;
	struct dc_thread *t;
	int fail;
};

/* The RAM disk and what its strategy routine saw. */
static struct rd {
	char *mem;
	int async;			/* complete pieces later, at interrupt level */
	int fail_piece;			/* fail this piece (1-based) with EIO */
	int short_piece;		/* complete this piece 512 bytes short */
	/* the bcb the pieces must meet (0: no check) */
	unsigned long limit;		/* every byte below */
	unsigned long boundary;
	unsigned long gran;
	unsigned long maxx;
	unsigned int max_segs;
	uchar_t form;
	/* what was seen */
	int pieces;
	int bad;			/* pieces that broke a rule */
	int bad_first;			/* the first such piece, 1-based */
	int direct;			/* pieces inside [orig, orig_end) */
	unsigned long fail_off;		/* device offset of the failed piece */
	unsigned long short_end;	/* ... where the short piece stopped */
	unsigned long maxlen;
	char *orig, *orig_end;
	struct rd_slot slot[RD_SLOTS];
	int nslots;
} rd;

static void rd_init(void)
{
	bzero(&rd, sizeof(rd));
	rd.mem = kmem_zalloc(RD_BYTES, KM_SLEEP);
}

static void rd_fini(void)
{
	kmem_free(rd.mem, RD_BYTES);
	rd.mem = NULL;
}

static void rd_bad(void)
{
	if (!rd.bad++)
		rd.bad_first = rd.pieces;
}

/* A BA_KVIRT piece: walk it page by page with vtop. */
static void rd_check_kvirt(buf_t *bp)
{
	caddr_t a = bp->b_un.b_addr;
	unsigned long n = bp->b_bcount, off = 0;
	paddr_t p0 = vtop(a, NULL), pa = 0;

	if (!p0) {
		rd_bad();
		return;
	}
	while (off < n) {
		unsigned long chunk = PAGESIZE - (((ulong_t)a + off) & PAGEOFFSET);

		if (chunk > n - off)
			chunk = n - off;
		pa = vtop(a + off, NULL);
		if (!pa || (rd.boundary && pa != p0 + off) ||
		    (rd.limit && pa + chunk > rd.limit)) {
			rd_bad();
			return;
		}
		off += chunk;
	}
	if (rd.boundary && p0 / rd.boundary != (p0 + n - 1) / rd.boundary)
		rd_bad();
	if (a >= rd.orig && a + n <= rd.orig_end)
		rd.direct++;
}

static void rd_check(buf_t *bp)
{
	unsigned long dev = (unsigned long)bp->b_blkno * NBPSCTR +
			    bp->b_blkoff;
	unsigned int i;

	rd.pieces++;
	if (bp->b_bcount > rd.maxlen)
		rd.maxlen = bp->b_bcount;
	if (!rd.gran)
		return;
	if (!bp->b_bcount || bp->b_bcount % rd.gran || dev % rd.gran ||
	    (rd.maxx && bp->b_bcount > rd.maxx) ||
	    bp->b_addrtype != rd.form || (bp->b_flags & B_PHYS)) {
		rd_bad();
		return;
	}
	switch (rd.form) {
	case BA_KVIRT:
		rd_check_kvirt(bp);
		break;
	case BA_PHYS:
		if ((rd.limit && bp->b_un.b_paddr + bp->b_bcount > rd.limit) ||
		    (rd.boundary && bp->b_un.b_paddr / rd.boundary !=
		     (bp->b_un.b_paddr + bp->b_bcount - 1) / rd.boundary))
			rd_bad();
		break;
	case BA_SCGTH: {
		unsigned long sum = 0;

		if (!bp->b_scgth_count ||
		    (rd.max_segs && bp->b_scgth_count > rd.max_segs)) {
			rd_bad();
			return;
		}
		for (i = 0; i < bp->b_scgth_count; i++) {
			ba_scgth_t *sg = &bp->b_un.b_scgth[i];

			sum += sg->sg_size;
			if (!sg->sg_size ||
			    (rd.limit && sg->sg_base + sg->sg_size > rd.limit) ||
			    (rd.boundary && sg->sg_base / rd.boundary !=
			     (sg->sg_base + sg->sg_size - 1) / rd.boundary))
				rd_bad();
		}
		if (sum != bp->b_bcount)
			rd_bad();
		break;
	}
	}
}

/* Move the data of @bp (BA_KVIRT) between it and the RAM disk. */
static void rd_xfer(buf_t *bp, int fail)
{
	unsigned long dev = (unsigned long)bp->b_blkno * NBPSCTR +
			    bp->b_blkoff;

	if (fail < 0) {
		bp->b_resid = bp->b_bcount;
		bioerror(bp, EIO);
		return;
	}
	if (dev > RD_BYTES || bp->b_bcount > RD_BYTES - dev) {
		bp->b_resid = bp->b_bcount;
		bioerror(bp, ENXIO);
		return;
	}
	if (bp->b_addrtype == BA_KVIRT || !bp->b_addrtype) {
		if (bp->b_flags & B_READ)
			bcopy(rd.mem + dev, bp->b_un.b_addr, bp->b_bcount);
		else
			bcopy(bp->b_un.b_addr, rd.mem + dev, bp->b_bcount);
	}
	bp->b_resid = fail > 0 ? NBPSCTR : 0;
}

static void rd_irq(void *arg)
{
	biodone((buf_t *)arg);
}

static void rd_thread(void *arg)
{
	struct rd_slot *s = arg;

	dc_msleep(1);
	rd_xfer(s->bp, s->fail);
	dc_run_in_interrupt(rd_irq, s->bp);
}

static void rd_strategy(buf_t *bp)
{
	int fail;

	rd_check(bp);
	fail = rd.pieces == rd.fail_piece ? -1 :
	       rd.pieces == rd.short_piece ? 1 : 0;
	if (fail < 0)
		rd.fail_off = (unsigned long)bp->b_blkno * NBPSCTR;
	if (fail > 0)
		rd.short_end = (unsigned long)bp->b_blkno * NBPSCTR +
			       bp->b_bcount - NBPSCTR;
	if (!rd.async || rd.nslots == RD_SLOTS) {
		rd_xfer(bp, fail);
		biodone(bp);
		return;
	}
	rd.slot[rd.nslots].bp = bp;
	rd.slot[rd.nslots].fail = fail;
	rd.slot[rd.nslots].t = dc_thread_start(rd_thread,
					       &rd.slot[rd.nslots]);
	rd.nslots++;
}

static void rd_join(void)
{
	int i;

	for (i = 0; i < rd.nslots; i++)
		dc_thread_join(rd.slot[i].t);
	rd.nslots = 0;
}

static void fill(char *p, unsigned long n, unsigned int seed)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		p[i] = (char)(i * 7 + seed + (i >> 9));
}

/* ---- headers ---------------------------------------------------------------- */

static void bio_getrbuf_state(void)
{
	buf_t *a = getrbuf(KM_SLEEP), *b = getrbuf(KM_NOSLEEP);

	DC_REQUIRE(a != NULL && b != NULL);
	DC_CHECK(a != b);
	DC_CHECK((a->b_flags & (B_KERNBUF | B_BUSY)) == (B_KERNBUF | B_BUSY));
	DC_CHECK(!(a->b_flags & (B_DONE | B_ERROR | B_READ | B_ASYNC | B_PHYS)));
	DC_CHECK(a->b_iodone == NULL && a->b_bcount == 0 && a->b_resid == 0);
	DC_CHECK(a->b_addrtype == BA_KVIRT && a->b_un.b_addr == NULL);
	DC_CHECK(a->b_error == 0 && a->b_proc == NULL);
	DC_CHECK(a->av_forw == NULL && a->b_priv.un_ptr == NULL);
	a->b_un.b_addr = (caddr_t)a;
	DC_CHECK(a->b_addr == (caddr_t)a);	/* b_addr is b_un.b_addr */
	freerbuf(a);
	(freerbuf)(b);
}

static void bio_ngeteblk_clrbuf_brelse(void)
{
	buf_t *bp = ngeteblk(4096), *e = geteblk();
	unsigned long i;
	int zero = 1;

	DC_REQUIRE(bp != NULL && e != NULL);
	DC_CHECK(bp->b_bcount == 4096 && bp->b_bufsize == 4096);
	DC_CHECK(bp->b_un.b_addr != NULL && bp->b_addrtype == BA_KVIRT);
	DC_CHECK(!(bp->b_flags & (B_READ | B_DONE | B_ASYNC)));
	DC_CHECK(bp->b_iodone == NULL);
	DC_CHECK(e->b_bcount == 1024 && e->b_un.b_addr != NULL);
	fill(bp->b_un.b_addr, 4096, 1);
	bp->b_resid = 99;
	clrbuf(bp);
	for (i = 0; i < 4096; i++)
		if (bp->b_un.b_addr[i])
			zero = 0;
	DC_CHECK(zero && bp->b_resid == 0);
	brelse(bp);
	brelse(e);
}

/* ---- completion -------------------------------------------------------------- */

static void bio_bioerror_geterror(void)
{
	buf_t *bp = getrbuf(KM_SLEEP);

	DC_REQUIRE(bp != NULL);
	DC_CHECK(geterror(bp) == 0);
	bioerror(bp, ENXIO);
	DC_CHECK((bp->b_flags & B_ERROR) && bp->b_error == ENXIO);
	DC_CHECK(geterror(bp) == ENXIO);
	bioerror(bp, 0);
	DC_CHECK(!(bp->b_flags & B_ERROR) && bp->b_error == 0);
	DC_CHECK(geterror(bp) == 0);
	bp->b_flags |= B_ERROR;		/* B_ERROR without a number: EIO */
	DC_CHECK(geterror(bp) == EIO);
	freerbuf(bp);
}

static void bio_biodone_then_biowait(void)
{
	buf_t *bp = getrbuf(KM_SLEEP);

	DC_REQUIRE(bp != NULL);
	bp->b_flags |= B_READ;
	biodone(bp);
	DC_CHECK(bp->b_flags & B_DONE);
	DC_CHECK(biowait(bp) == 0);	/* done already: returns at once */
	DC_CHECK(biowait(bp) == 0);
	bp->b_flags &= ~B_DONE;
	bioerror(bp, EIO);
	biodone(bp);
	DC_CHECK(biowait(bp) == EIO);
	freerbuf(bp);
}

struct late {
	buf_t *bp;
	int err;
	volatile int before;		/* set just before biodone */
};

static void late_irq(void *arg)
{
	struct late *l = arg;

	if (l->err)
		bioerror(l->bp, l->err);
	l->before = 1;
	biodone(l->bp);
}

static void late_thread(void *arg)
{
	dc_msleep(20);
	dc_run_in_interrupt(late_irq, arg);
}

/* biowait sleeps until biodone, called later at interrupt level. */
static void bio_biowait_sleeps_until_interrupt(void)
{
	struct late l = { 0, 0, 0 };
	struct dc_thread *t;

	l.bp = getrbuf(KM_SLEEP);
	DC_REQUIRE(l.bp != NULL);
	l.err = ENXIO;
	t = dc_thread_start(late_thread, &l);
	DC_CHECK(biowait(l.bp) == ENXIO);
	DC_CHECK(l.before == 1);
	DC_CHECK(l.bp->b_flags & B_DONE);
	dc_thread_join(t);
	freerbuf(l.bp);
}

static int iodone_calls;
static int iodone_saw_done;
static buf_t *iodone_bp;

static void iodone_fn(buf_t *bp)
{
	iodone_calls++;
	iodone_bp = bp;
	iodone_saw_done = (bp->b_flags & B_DONE) != 0;
}

/* A b_iodone handler that restores the previous one and calls biodone. */
static void iodone_stacked(buf_t *bp)
{
	iodone_calls++;
	bp->b_iodone = NULL;
	biodone(bp);
}

static void iodone_irq(void *arg)
{
	biodone((buf_t *)arg);
}

static void bio_iodone_callback(void)
{
	buf_t *bp = getrbuf(KM_SLEEP);

	DC_REQUIRE(bp != NULL);
	iodone_calls = 0;
	bp->b_iodone = iodone_fn;
	dc_run_in_interrupt(iodone_irq, bp);
	DC_CHECK(iodone_calls == 1 && iodone_bp == bp);
	DC_CHECK(!iodone_saw_done);		/* biodone did nothing else */
	DC_CHECK(!(bp->b_flags & B_DONE));
	bp->b_iodone = iodone_stacked;
	biodone(bp);
	DC_CHECK(iodone_calls == 2);
	DC_CHECK(bp->b_flags & B_DONE);
	DC_CHECK(biowait(bp) == 0);
	freerbuf(bp);
}

/* A B_ASYNC ngeteblk buffer is released by biodone (no leak). */
static void bio_async_eblk_released(void)
{
	buf_t *bp;

	rd_init();
	DC_REQUIRE(rd.mem != NULL);
	bp = ngeteblk(2048);
	DC_REQUIRE(bp != NULL);
	fill(bp->b_un.b_addr, 2048, 3);
	bp->b_flags |= B_ASYNC;
	bp->b_blkno = 4;
	rd_strategy(bp);		/* write, completed and released */
	DC_CHECK(rd.pieces == 1);
	DC_CHECK(rd.mem[4 * NBPSCTR + 1] == (char)(1 * 7 + 3));
	rd_fini();
}

/* ---- physiock ---------------------------------------------------------------- */

static void bio_physiock_sysspace(void)
{
	char *a = kmem_alloc(4096, KM_SLEEP), *b = kmem_alloc(8192, KM_SLEEP);
	iovec_t iov[2];
	uio_t uio;
	buf_t *bp;

	rd_init();
	DC_REQUIRE(a && b && rd.mem);
	fill(rd.mem, RD_BYTES, 5);
	iov[0].iov_base = a;
	iov[0].iov_len = 4096;
	iov[1].iov_base = b;
	iov[1].iov_len = 8192;
	uio.uio_iov = iov;
	uio.uio_iovcnt = 2;
	uio.uio_offset = 1024;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_resid = 4096 + 8192;
	DC_CHECK(physiock(rd_strategy, NULL, 0, B_READ, RD_BLOCKS, &uio) == 0);
	DC_CHECK(uio.uio_resid == 0 && uio.uio_offset == 1024 + 12288);
	DC_CHECK(rd.pieces == 2);
	DC_CHECK(bcmp(a, rd.mem + 1024, 4096) == 0);
	DC_CHECK(bcmp(b, rd.mem + 1024 + 4096, 8192) == 0);

	/* at the end: a read moves nothing, a write is ENXIO; past it ENXIO */
	iov[0].iov_base = a;
	iov[0].iov_len = 512;
	uio.uio_iov = iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = 512;
	uio.uio_offset = RD_BYTES;
	DC_CHECK(physiock(rd_strategy, NULL, 0, B_READ, RD_BLOCKS, &uio) == 0);
	DC_CHECK(uio.uio_resid == 512);
	DC_CHECK(physiock(rd_strategy, NULL, 0, B_WRITE, RD_BLOCKS, &uio) ==
		 ENXIO);
	uio.uio_offset = RD_BYTES + NBPSCTR;
	DC_CHECK(physiock(rd_strategy, NULL, 0, B_READ, RD_BLOCKS, &uio) ==
		 ENXIO);
	uio.uio_offset = 100;		/* not a sector multiple */
	DC_CHECK(physiock(rd_strategy, NULL, 0, B_READ, RD_BLOCKS, &uio) ==
		 EINVAL);

	/* trimmed at the end of the device; the caller's header is used */
	bp = getrbuf(KM_SLEEP);
	DC_REQUIRE(bp != NULL);
	fill(a, 4096, 9);
	iov[0].iov_base = a;
	iov[0].iov_len = 4096;
	uio.uio_iovcnt = 1;
	uio.uio_resid = 4096;
	uio.uio_offset = RD_BYTES - 1024;
	rd.pieces = 0;
	DC_CHECK(physiock(rd_strategy, bp, 7, B_WRITE, RD_BLOCKS, &uio) == 0);
	DC_CHECK(rd.pieces == 1 && uio.uio_resid == 3072);
	DC_CHECK(uio.uio_offset == RD_BYTES);
	DC_CHECK(bcmp(rd.mem + RD_BYTES - 1024, a, 1024) == 0);
	DC_CHECK(bp->b_edev == 7 && !(bp->b_flags & B_PHYS));
	DC_CHECK(bp->b_flags & B_DONE);
	freerbuf(bp);
	kmem_free(a, 4096);
	kmem_free(b, 8192);
	rd_fini();
}

/* ---- buf_breakup ------------------------------------------------------------- */

static physreq_t *isa_physreq(void)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);

	if (!pr)
		return NULL;
	pr->phys_dmasize = 24;
	pr->phys_boundary = 64 * KB;
	if (!physreq_prep(pr, KM_SLEEP)) {
		physreq_free(pr);
		return NULL;
	}
	return pr;
}

static bcb_t *isa_bcb(physreq_t *pr, uchar_t form, size_t maxx, size_t gran)
{
	bcb_t *bcb = bcb_alloc(KM_SLEEP);

	if (!bcb)
		return NULL;
	bcb->bcb_addrtypes = form;
	bcb->bcb_max_xfer = maxx;
	bcb->bcb_granularity = gran;
	bcb->bcb_physreqp = pr;
	rd.limit = MB16;
	rd.boundary = pr->phys_boundary;
	rd.gran = gran;
	rd.maxx = maxx;
	rd.max_segs = pr->phys_max_scgth;
	rd.form = form;
	return bcb;
}

/* Start a transfer of @n bytes at @mem to/from block @blkno. */
static void setup_buf(buf_t *bp, char *mem, unsigned long n, long blkno,
		      int read)
{
	bp->b_flags &= ~(B_READ | B_DONE | B_ERROR);
	if (read)
		bp->b_flags |= B_READ;
	bp->b_un.b_addr = mem;
	bp->b_bcount = (uint_t)n;
	bp->b_blkno = (daddr_t)blkno;
	bp->b_blkoff = 0;
	bp->b_resid = 0;
	bp->b_error = 0;
}

/*
 * 200 KiB (scattered: kmem_alloc KM_SLEEP of that size is virtually
 * contiguous only) written to and read back from the RAM disk through an
 * ISA bcb: every piece meets it; the data arrives in both directions.
 */
static void breakup_isa(int async)
{
	unsigned long n = 200 * KB;
	char *buf = kmem_alloc(n, KM_SLEEP), *back = kmem_zalloc(n, KM_SLEEP);
	physreq_t *pr = isa_physreq();
	bcb_t *bcb;
	buf_t *bp = getrbuf(KM_SLEEP);

	rd_init();
	DC_REQUIRE(buf && back && pr && bp && rd.mem);
	bcb = isa_bcb(pr, BA_KVIRT, 32 * KB, NBPSCTR);
	DC_REQUIRE(bcb != NULL);
	rd.async = async;
	fill(buf, n, 11);
	setup_buf(bp, buf, n, 8, 0);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0);
	rd_join();
	DC_CHECK(bp->b_resid == 0 && !(bp->b_flags & B_ERROR));
	DC_CHECK(rd.bad == 0);
	DC_CHECK(rd.pieces >= (int)(n / (32 * KB)));
	DC_CHECK(rd.maxlen <= 32 * KB);
	DC_CHECK(bcmp(rd.mem + 8 * NBPSCTR, buf, n) == 0);

	rd.pieces = 0;
	setup_buf(bp, back, n, 8, 1);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0);
	rd_join();
	DC_CHECK(bp->b_resid == 0 && rd.bad == 0);
	DC_CHECK(bcmp(back, buf, n) == 0);

	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(buf, n);
	kmem_free(back, n);
	rd_fini();
}

static void bio_breakup_isa_sync(void)
{
	breakup_isa(0);
}

static void bio_breakup_isa_interrupt(void)
{
	breakup_isa(1);
}

/* Memory that already meets the physreq goes to the device directly. */
static void bio_breakup_direct(void)
{
	physreq_t *pr = isa_physreq();
	char *buf = pr ? kmem_alloc_physreq(64 * KB, pr, KM_SLEEP) : NULL;
	bcb_t *bcb;
	buf_t *bp = getrbuf(KM_SLEEP);

	rd_init();
	DC_REQUIRE(pr && buf && bp && rd.mem);
	bcb = isa_bcb(pr, BA_KVIRT, 16 * KB, NBPSCTR);
	DC_REQUIRE(bcb != NULL);
	rd.orig = buf;
	rd.orig_end = buf + 64 * KB;
	fill(buf, 64 * KB, 13);
	setup_buf(bp, buf, 64 * KB, 0, 0);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0);
	DC_CHECK(rd.pieces == 4 && rd.direct == 4 && rd.bad == 0);
	DC_CHECK(bcmp(rd.mem, buf, 64 * KB) == 0);
	freerbuf(bp);
	bcb_free(bcb);
	kmem_free(buf, 64 * KB);
	physreq_free(pr);
	rd_fini();
}

/* BA_PHYS and BA_SCGTH pieces meet the physreq (constraints only). */
static void breakup_physical(uchar_t form)
{
	unsigned long n = 96 * KB;
	char *buf = kmem_alloc(n, KM_SLEEP);
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	bcb_t *bcb;
	buf_t *bp = getrbuf(KM_SLEEP);

	rd_init();
	DC_REQUIRE(buf && pr && bp && rd.mem);
	pr->phys_dmasize = 24;
	pr->phys_align = 512;
	if (form == BA_SCGTH)
		pr->phys_max_scgth = 3;
	else
		pr->phys_boundary = 64 * KB;
	DC_REQUIRE(physreq_prep(pr, KM_SLEEP));
	bcb = isa_bcb(pr, form, 32 * KB, NBPSCTR);
	DC_REQUIRE(bcb != NULL);
	setup_buf(bp, buf, n, 0, 1);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0);
	DC_CHECK(bp->b_resid == 0);
	DC_CHECK(rd.pieces >= 3 && rd.bad == 0);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(buf, n);
	rd_fini();
}

static void bio_breakup_phys(void)
{
	breakup_physical(BA_PHYS);
}

static void bio_breakup_scgth(void)
{
	breakup_physical(BA_SCGTH);
}

/*
 * A failed piece fails the request: B_ERROR with its error, b_resid
 * counts from the failed piece on; a short piece only sets b_resid.
 */
static void breakup_fail(int async, int fail, int shortp)
{
	unsigned long n = 128 * KB;
	char *buf = kmem_alloc(n, KM_SLEEP);
	physreq_t *pr = isa_physreq();
	bcb_t *bcb;
	buf_t *bp = getrbuf(KM_SLEEP);

	rd_init();
	DC_REQUIRE(buf && pr && bp && rd.mem);
	bcb = isa_bcb(pr, BA_KVIRT, 32 * KB, NBPSCTR);
	DC_REQUIRE(bcb != NULL);
	rd.async = async;
	rd.fail_piece = fail;
	rd.short_piece = shortp;
	setup_buf(bp, buf, n, 0, 1);
	buf_breakup(rd_strategy, bp, bcb);
	if (fail) {
		DC_CHECK(biowait(bp) == EIO);
		DC_CHECK((bp->b_flags & B_ERROR) && bp->b_error == EIO);
		DC_CHECK(rd.fail_off > 0 && rd.fail_off < n);
		DC_CHECK(bp->b_resid == n - rd.fail_off);
	} else {
		DC_CHECK(biowait(bp) == 0);
		DC_CHECK(rd.short_end > 0 && rd.short_end < n);
		DC_CHECK(bp->b_resid == n - rd.short_end);
	}
	rd_join();
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(buf, n);
	rd_fini();
}

static void bio_breakup_error(void)
{
	breakup_fail(0, 2, 0);
}

static void bio_breakup_error_interrupt(void)
{
	breakup_fail(1, 3, 0);
}

static void bio_breakup_short(void)
{
	breakup_fail(1, 0, 2);
}

/*
 * A request not aligned to the granularity (2 KiB here): the pieces are
 * whole granules, the bytes around the request on the device are kept
 * (read-modify-write), and a read returns exactly the bytes asked for.
 * BCB_EXACT_SIZE refuses it.
 */
static void bio_breakup_unaligned(void)
{
	unsigned long n = 5000, i;
	char *buf = kmem_alloc(n, KM_SLEEP), *back = kmem_zalloc(n, KM_SLEEP);
	physreq_t *pr = isa_physreq();
	bcb_t *bcb;
	buf_t *bp = getrbuf(KM_SLEEP);
	int kept = 1;

	rd_init();
	DC_REQUIRE(buf && back && pr && bp && rd.mem);
	bcb = isa_bcb(pr, BA_KVIRT, 4 * KB, 2 * KB);
	DC_REQUIRE(bcb != NULL);
	for (i = 0; i < 16 * KB; i++)
		rd.mem[i] = (char)0xaa;
	fill(buf, n, 17);
	setup_buf(bp, buf, n, 1, 0);		/* bytes 512 .. 5511 */
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0 && bp->b_resid == 0);
	DC_CHECK(rd.bad == 0);
	DC_CHECK(bcmp(rd.mem + 512, buf, n) == 0);
	for (i = 0; i < 512; i++)
		if (rd.mem[i] != (char)0xaa)
			kept = 0;
	for (i = 512 + n; i < 16 * KB; i++)
		if (rd.mem[i] != (char)0xaa)
			kept = 0;
	DC_CHECK(kept);

	setup_buf(bp, back, n, 1, 1);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0 && bp->b_resid == 0);
	DC_CHECK(bcmp(back, buf, n) == 0);

	rd.pieces = 0;
	bcb->bcb_flags = BCB_EXACT_SIZE;
	setup_buf(bp, back, n, 1, 1);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == EINVAL && rd.pieces == 0);
	DC_CHECK(bp->b_resid == n);

	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(buf, n);
	kmem_free(back, n);
	rd_fini();
}

/* A driver strategy routine that breaks its requests up, under physiock. */
static bcb_t *drv_bcb;

static void drv_strategy(buf_t *bp)
{
	buf_breakup(rd_strategy, bp, drv_bcb);
}

static void bio_physiock_breakup(void)
{
	unsigned long n = 72 * KB;
	char *buf = kmem_alloc(n, KM_SLEEP);
	physreq_t *pr = isa_physreq();
	iovec_t iov;
	uio_t uio;

	rd_init();
	DC_REQUIRE(buf && pr && rd.mem);
	drv_bcb = isa_bcb(pr, BA_KVIRT, 16 * KB, NBPSCTR);
	DC_REQUIRE(drv_bcb != NULL);
	rd.async = 1;
	fill(rd.mem, RD_BYTES, 19);
	iov.iov_base = buf;
	iov.iov_len = (int)n;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 64 * KB;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_resid = (int)n;
	DC_CHECK(physiock(drv_strategy, NULL, 0, B_READ, RD_BLOCKS, &uio) == 0);
	rd_join();
	DC_CHECK(uio.uio_resid == 0 && rd.bad == 0 && rd.pieces >= 5);
	DC_CHECK(bcmp(buf, rd.mem + 64 * KB, n) == 0);
	bcb_free(drv_bcb);
	physreq_free(pr);
	kmem_free(buf, n);
	rd_fini();
}

/* ---- misuse (always checked, reported, harmless) ----------------------------- */

static void bio_misuse_biodone_twice(void)
{
	buf_t *bp = getrbuf(KM_SLEEP);

	DC_REQUIRE(bp != NULL);
	biodone(bp);
	dc_expect_begin();
	biodone(bp);
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(biowait(bp) == 0);
	freerbuf(bp);
}

struct irqwait {
	buf_t *bp;
	int ret;
};

static void biowait_irq(void *arg)
{
	struct irqwait *w = arg;

	w->ret = biowait(w->bp);
}

static void bio_misuse_biowait_interrupt(void)
{
	struct irqwait w;

	w.bp = getrbuf(KM_SLEEP);
	DC_REQUIRE(w.bp != NULL);
	w.ret = -1;
	dc_expect_begin();
	dc_run_in_interrupt(biowait_irq, &w);	/* not done: does not wait */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(w.ret == EIO);
	bioerror(w.bp, ENXIO);
	biodone(w.bp);
	dc_expect_begin();
	dc_run_in_interrupt(biowait_irq, &w);	/* done: its error */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(w.ret == ENXIO);
	freerbuf(w.bp);
}

static int busy_frees;

/* A strategy routine that frees the header it is working on. */
static void freeing_strategy(buf_t *bp)
{
	dc_expect_begin();
	freerbuf(bp);
	busy_frees += (int)dc_expect_end();
	bp->b_resid = 0;
	biodone(bp);
}

static void bio_misuse_freerbuf_busy(void)
{
	char *mem = kmem_alloc(1024, KM_SLEEP);
	buf_t *bp = getrbuf(KM_SLEEP);
	iovec_t iov;
	uio_t uio;

	DC_REQUIRE(mem && bp);
	busy_frees = 0;
	iov.iov_base = mem;
	iov.iov_len = 1024;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 0;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_resid = 1024;
	DC_CHECK(physiock(freeing_strategy, bp, 0, B_READ, 0, &uio) == 0);
	DC_CHECK(busy_frees == 1);
	DC_CHECK(uio.uio_resid == 0);
	DC_CHECK(bp->b_flags & B_DONE);		/* still a live header */
	freerbuf(bp);
	kmem_free(mem, 1024);
}

static void bio_misuse_breakup_unprepped(void)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	bcb_t *bcb = bcb_alloc(KM_SLEEP);
	char *buf = kmem_alloc(4096, KM_SLEEP);
	buf_t *bp = getrbuf(KM_SLEEP);

	rd_init();
	DC_REQUIRE(pr && bcb && buf && bp && rd.mem);
	pr->phys_dmasize = 24;			/* never prepped */
	bcb->bcb_addrtypes = BA_KVIRT;
	bcb->bcb_granularity = NBPSCTR;
	setup_buf(bp, buf, 4096, 0, 1);
	dc_expect_begin();
	buf_breakup(rd_strategy, bp, bcb);	/* bcb without a physreq */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(biowait(bp) == EINVAL && bp->b_resid == 4096);
	bcb->bcb_physreqp = pr;
	setup_buf(bp, buf, 4096, 0, 1);
	dc_expect_begin();
	buf_breakup(rd_strategy, bp, bcb);	/* physreq never prepped */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(biowait(bp) == EINVAL);
	DC_CHECK(rd.pieces == 0);
	DC_REQUIRE(physreq_prep(pr, KM_SLEEP));	/* now it works */
	setup_buf(bp, buf, 4096, 0, 1);
	buf_breakup(rd_strategy, bp, bcb);
	DC_CHECK(biowait(bp) == 0 && rd.pieces == 1);
	freerbuf(bp);
	bcb_free(bcb);
	physreq_free(pr);
	kmem_free(buf, 4096);
	rd_fini();
}

const struct ddi_case ddi_cases_bio[] = {
	{ "getrbuf_state", bio_getrbuf_state, 0 },
	{ "ngeteblk_clrbuf_brelse", bio_ngeteblk_clrbuf_brelse, 0 },
	{ "bioerror_geterror", bio_bioerror_geterror, 0 },
	{ "biodone_then_biowait", bio_biodone_then_biowait, 0 },
	{ "biowait_sleeps_until_interrupt",
	  bio_biowait_sleeps_until_interrupt, 0 },
	{ "iodone_callback", bio_iodone_callback, 0 },
	{ "async_eblk_released", bio_async_eblk_released, 0 },
	{ "physiock_sysspace", bio_physiock_sysspace, 0 },
	{ "breakup_isa_sync", bio_breakup_isa_sync, 0 },
	{ "breakup_isa_interrupt", bio_breakup_isa_interrupt, 0 },
	{ "breakup_direct", bio_breakup_direct, 0 },
	{ "breakup_phys", bio_breakup_phys, 0 },
	{ "breakup_scgth", bio_breakup_scgth, 0 },
	{ "breakup_error", bio_breakup_error, 0 },
	{ "breakup_error_interrupt", bio_breakup_error_interrupt, 0 },
	{ "breakup_short", bio_breakup_short, 0 },
	{ "breakup_unaligned", bio_breakup_unaligned, 0 },
	{ "physiock_breakup", bio_physiock_breakup, 0 },
	{ "misuse_biodone_twice", bio_misuse_biodone_twice, 0 },
	{ "misuse_biowait_interrupt", bio_misuse_biowait_interrupt, 0 },
	{ "misuse_freerbuf_busy", bio_misuse_freerbuf_busy, 0 },
	{ "misuse_breakup_unprepped", bio_misuse_breakup_unprepped, 0 },
	DDI_CASES_END
};
