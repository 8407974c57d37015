/* SPDX-License-Identifier: MIT */
/*
 * breakup.c - buf_breakup(D3): cut a block request into pieces that each
 * meet a prepped bcb_t and its physreq, bouncing what cannot go directly.
 *
 * Theory
 * ------
 * The job is the device byte range [dev, dev + b_bcount) of the original
 * buffer, widened to whole granules when it is not aligned to
 * bcb_granularity (the "aligned range").  Pieces tile the aligned range
 * in order; each is a multiple of the granularity, at most bcb_max_xfer,
 * and is either DIRECT (the original's own memory, when every byte of
 * the piece meets the rules below) or BOUNCED (memory from the physreq
 * allocator, ddi_phys_alloc, which meets them by construction; data is
 * copied in before a write and out after a read).
 *
 * Rules a piece's memory meets (struct ddi_brk_rules, from the physreq
 * and the output form): every byte below 2^phys_dmasize; each physical
 * segment starts at a multiple of phys_align; no segment straddles a
 * multiple of phys_boundary (BA_SCGTH: entries are split there; other
 * forms: the piece ends there, as a boundary implies contiguity); one
 * segment when contiguity is required (PREQ_PHYSCONTIG, BCB_PHYSCONTIG
 * outside BA_SCGTH, a boundary, phys_align above a page, BA_PHYS); at
 * most phys_max_scgth segments otherwise.  Physical addresses come from
 * the Linux translation of the kernel address (vmalloc_to_page() for the
 * vmalloc area, virt_to_phys() for the direct map); memory with neither
 * (module data, user memory, a host buffer in the emulation) is never
 * direct unless the physreq sets no physical rule at all and the form is
 * BA_KVIRT.  User memory (B_PHYS) is always bounced, through
 * copy_{from,to}_user in the caller's context, unless the bcb takes
 * BA_UVIRT and the physreq sets no physical rule (then pieces keep the
 * user address, B_PHYS and b_proc).
 *
 * Completion.  Each piece is a header of our own (magic DDI_BUF_PIECE)
 * whose b_iodone is ddi_brk_piece_done; job->pending counts pieces out
 * plus one bias held by the issuer.  Three ways to run a job:
 *   ASYNC     every piece issued at once; whoever drops pending to 0 (the
 *             last piece's biodone, possibly at interrupt level, or the
 *             issuer) finishes: read data is copied out by each piece's
 *             handler (kernel memory only), then biodone(original).
 *   WAITALL   user memory: issue all, wait in the caller (process context)
 *             for all, copy read data out with copy_to_user, finish.
 *   ONEBYONE  BCB_SYNCHRONOUS or an unaligned job: one piece at a time,
 *             each awaited; a bounced write piece that covers bytes
 *             outside the original is read first (read-modify-write).
 * Accounting: a short or failed piece lowers job->good, the prefix of the
 * original known transferred; the original's b_resid is b_bcount - good
 * and its error the one of the lowest failed piece.  Synchronous modes
 * stop issuing after the first short or failed piece.
 *
 * Locking: job->lock (irqsave) guards the accounting; pieces are touched
 * by the issuer until issued and by their handler after; headers and
 * bounce memory are freed only when the job finishes.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/atomic.h>
#include <linux/uaccess.h>
#include "bio_internal.h"

#define DDI_BRK_CONTIG_CAP	(128UL << 10)	/* largest contiguous bounce */
#define DDI_BRK_SCATTER_CAP	(1UL << 20)	/* largest scattered bounce */
#define DDI_BRK_MAX_SEGS	65535U		/* b_scgth_count is a ushort_t */

enum ddi_brk_how { DDI_BRK_ASYNC, DDI_BRK_WAITALL, DDI_BRK_ONEBYONE };

struct ddi_brk_rules {
	uchar_t out;			/* BA_KVIRT, BA_UVIRT, BA_PHYS, BA_SCGTH */
	bool constrained;		/* some physical rule applies */
	bool contig;			/* one physical segment per piece */
	bool split;			/* BA_SCGTH: split entries at boundaries */
	paddr_t align;
	paddr_t boundary;
	u64 limit;			/* first address not allowed, 0: none */
	unsigned int max_segs;		/* 0: any */
	size_t gran;
	size_t maxpiece;		/* bcb_max_xfer, rounded; SIZE_MAX: any */
	size_t bounce_cap;		/* largest bounced piece */
	size_t one_cap;			/* ... under BCB_ONE_PIECE */
};

struct ddi_brk;

struct ddi_brk_piece {
	buf_t buf;			/* first: what the strategy routine sees */
	struct ddi_brk *job;
	struct ddi_brk_piece *next;
	size_t pos;			/* offset in the aligned range */
	size_t len;
	void *bounce;			/* NULL: direct */
	ba_scgth_t *sg;
	unsigned int nsg;
	bool preread;			/* issued as the read of a read-modify-write */
	bool done;
	int err;			/* result of the last issue */
	size_t resid;
};

struct ddi_brk {
	buf_t *obp;
	void (*strat)(buf_t *);
	const physreq_t *preq;
	struct ddi_brk_rules r;
	atomic_t pending;
	spinlock_t lock;
	char *data;			/* the original's memory */
	bool user;			/* ... user memory (B_PHYS) */
	bool bounce_all;
	bool read;
	bool one_piece;
	enum ddi_brk_how how;
	u64 a_start;			/* device byte offset of the aligned range */
	size_t a_len;
	size_t lo, hi;			/* the original's bytes in it */
	size_t good;			/* original bytes known transferred */
	size_t err_pos;
	int error;
	int km;
	struct ddi_brk_piece *pieces, **tail;
	const char *file;
	int line;
};

/* Physical address of the byte at kernel address @va; false if none. */
static bool ddi_brk_pa(const void *va, phys_addr_t *pa)
{
	struct page *pg;

	if (is_vmalloc_addr(va)) {
		pg = vmalloc_to_page(va);
		if (!pg)
			return false;
		*pa = page_to_phys(pg) + offset_in_page(va);
		return true;
	}
	if (virt_addr_valid(va)) {
		*pa = virt_to_phys((void *)va);
		return true;
	}
	return false;
}

/*
 * ddi_brk_walk - how many bytes from @va (at most @max) one piece can use
 * under @r; with @sg, also its segments (*@nsegp of them).
 */
static size_t ddi_brk_walk(const struct ddi_brk_rules *r, const char *va,
			   size_t max, ba_scgth_t *sg, unsigned int *nsegp)
{
	phys_addr_t pa, seg_start = 0, seg_end = 0;
	unsigned int nseg = 0;
	bool fresh = true;		/* next byte starts a segment */
	size_t len = 0;

	while (len < max) {
		size_t chunk = min_t(size_t, PAGE_SIZE -
				     offset_in_page(va + len), max - len);
		bool stop = false;

		if (!ddi_brk_pa(va + len, &pa))
			break;
		if (r->limit) {
			if (pa >= r->limit)
				break;
			if (pa + chunk > r->limit) {
				chunk = r->limit - pa;
				stop = true;
			}
		}
		if (fresh || pa != seg_end) {
			if (nseg && r->contig)
				break;
			if (r->max_segs && nseg == r->max_segs)
				break;
			if (pa & (r->align - 1))
				break;
			nseg++;
			seg_start = pa;
			fresh = false;
		}
		if (r->boundary) {
			phys_addr_t bend = (seg_start & ~(phys_addr_t)
					    (r->boundary - 1)) + r->boundary;

			if (pa + chunk > bend) {
				chunk = bend - pa;
				if (r->split)
					fresh = true;
				else
					stop = true;
			}
		}
		len += chunk;
		seg_end = pa + chunk;
		if (sg) {
			sg[nseg - 1].sg_base = seg_start;
			sg[nseg - 1].sg_size = seg_end - seg_start;
		}
		if (stop)
			break;
	}
	if (nsegp)
		*nsegp = nseg;
	return len;
}

/* [pos, pos + done) of the aligned range went through; later bytes not. */
static void ddi_brk_account(struct ddi_brk *job, size_t pos, size_t done,
			    int err)
{
	size_t end = pos + done, g;
	unsigned long flags;

	end = end < job->lo ? job->lo : end > job->hi ? job->hi : end;
	g = end - job->lo;

	spin_lock_irqsave(&job->lock, flags);
	if (g < job->good)
		job->good = g;
	if (err && pos <= job->err_pos) {
		job->err_pos = pos;
		job->error = err;
	}
	spin_unlock_irqrestore(&job->lock, flags);
}

static bool ddi_brk_failed(struct ddi_brk *job)
{
	unsigned long flags;
	bool f;

	spin_lock_irqsave(&job->lock, flags);
	f = job->error || job->good < job->hi - job->lo;
	spin_unlock_irqrestore(&job->lock, flags);
	return f;
}

/*
 * Copy between the original's bytes [off, off + n) and @k (to the
 * original when @out).  User memory goes through the uaccess calls
 * (process context).  False: the user copy faulted.
 */
static bool ddi_brk_copy(struct ddi_brk *job, size_t off, void *k, size_t n,
			 bool out)
{
	char *o = job->data + off;

	if (!job->user) {
		if (out)
			memcpy(o, k, n);
		else
			memcpy(k, o, n);
		return true;
	}
	if (out)
		return !copy_to_user((void __user *)o, k, n);
	return !copy_from_user(k, (const void __user *)o, n);
}

/* Copy a bounced piece's bytes [from, to) of the aligned range. */
static bool ddi_brk_copy_piece(struct ddi_brk *job, struct ddi_brk_piece *p,
			       size_t to, bool out)
{
	size_t a = max(p->pos, job->lo), b = min(to, job->hi);

	if (a >= b)
		return true;
	return ddi_brk_copy(job, a - job->lo, (char *)p->bounce + (a - p->pos),
			    b - a, out);
}

/* The b_iodone of every piece.  Context: any (the driver's biodone). */
static void ddi_brk_piece_done(buf_t *bp);

static void ddi_brk_finish(struct ddi_brk *job);

static void ddi_brk_issue(struct ddi_brk *job, struct ddi_brk_piece *p,
			  bool read)
{
	buf_t *bp = &p->buf, *obp = job->obp;
	u64 dev = job->a_start + p->pos;
	phys_addr_t pa = 0;

	bp->b_flags = (obp->b_flags & ~(B_READ | B_DONE | B_ERROR | B_ASYNC |
					B_PHYS | B_PAGEIO)) |
		      B_KERNBUF | B_BUSY | (read ? B_READ : 0);
	bp->b_bcount = (uint_t)p->len;
	bp->b_bufsize = (long)p->len;
	bp->b_edev = obp->b_edev;
	bp->b_blkno = (daddr_t)(dev / NBPSCTR);
	bp->b_blkoff = (ushort_t)(dev % NBPSCTR);
	bp->b_addrtype = job->r.out;
	bp->b_scgth_count = 0;
	bp->b_proc = NULL;
	switch (job->r.out) {
	case BA_UVIRT:
		bp->b_flags |= B_PHYS;
		bp->b_proc = obp->b_proc;
		fallthrough;
	case BA_KVIRT:
		bp->b_un.b_addr = p->bounce ? p->bounce :
				  job->data + (p->pos - job->lo);
		break;
	case BA_PHYS:
		ddi_brk_pa(p->bounce ? p->bounce :
			   job->data + (p->pos - job->lo), &pa);
		bp->b_un.b_paddr = pa;
		break;
	case BA_SCGTH:
		bp->b_un.b_scgth = p->sg;
		bp->b_scgth_count = (ushort_t)p->nsg;
		break;
	}
	bp->b_error = 0;
	bp->b_resid = obp->b_resid;	/* SCO: copied from the original */
	bp->b_priv = obp->b_priv;
	bp->b_priv2 = obp->b_priv2;
	bp->b_private = obp->b_private;
	bp->b_iodone = ddi_brk_piece_done;
	p->preread = read && !job->read;
	p->done = false;
	ddi_buf_inflight(bp);
	atomic_inc(&job->pending);
	job->strat(bp);
}

static void ddi_brk_piece_done(buf_t *bp)
{
	struct ddi_brk_piece *p = container_of(bp, struct ddi_brk_piece, buf);
	struct ddi_brk *job = p->job;
	enum ddi_brk_how how = job->how;
	size_t resid;
	int err;

	if (p->done) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "biodone: bad argument: buf_breakup piece 0x%lx completed twice",
			   (unsigned long)bp);
		return;
	}
	p->done = true;
	resid = min_t(size_t, bp->b_resid, p->len);
	err = geterror(bp);
	p->err = err;
	p->resid = resid;
	if (!p->preread) {
		if (err || resid)
			ddi_brk_account(job, p->pos, p->len - resid, err);
		if (how == DDI_BRK_ASYNC && job->read && p->bounce)
			ddi_brk_copy_piece(job, p, p->pos + p->len - resid,
					   true);
	}
	if (atomic_dec_and_test(&job->pending)) {
		ddi_brk_finish(job);
		return;
	}
	if (how != DDI_BRK_ASYNC)
		wake_up_all(&ddi_bio_wait);	/* the issuer waits */
}

/* Wait until only the issuer's bias is left.  Context: process. */
static void ddi_brk_wait(struct ddi_brk *job)
{
	wait_event(ddi_bio_wait, atomic_read(&job->pending) == 1);
}

static void ddi_brk_free_piece(struct ddi_brk *job, struct ddi_brk_piece *p)
{
	if (p->sg)
		kmem_free_site(p->sg, p->nsg * sizeof(*p->sg), job->file,
			       job->line);
	if (p->bounce)
		kmem_free_site(p->bounce, p->len, job->file, job->line);
	ddi_buf_delete(&p->buf, sizeof(*p), job->file, job->line);
}

/* Free everything, set b_resid and the error, complete the original. */
static void ddi_brk_finish(struct ddi_brk *job)
{
	struct ddi_brk_piece *p, *next;
	buf_t *obp = job->obp;
	const char *file = job->file;
	int line = job->line;

	for (p = job->pieces; p; p = next) {
		next = p->next;
		ddi_brk_free_piece(job, p);
	}
	obp->b_resid = (uint_t)(job->hi - job->lo - job->good);
	if (job->error)
		bioerror(obp, job->error);
	kmem_free_site(job, sizeof(*job), file, line);
	biodone_site(obp, file, line);
}

/*
 * The next piece at @pos: direct if the original's memory there meets
 * the rules for at least one granule, else bounced.  NULL: no memory
 * (*@errp ENOMEM) or no piece possible (*@errp EINVAL, reported).
 */
static struct ddi_brk_piece *ddi_brk_next(struct ddi_brk *job, size_t pos,
					  int *errp)
{
	const struct ddi_brk_rules *r = &job->r;
	size_t rem = job->a_len - pos, len = 0;
	struct ddi_brk_piece *p;
	bool direct = false;

	if (!job->bounce_all && pos >= job->lo && pos + r->gran <= job->hi) {
		size_t avail = min(job->hi - pos, r->maxpiece);
		const char *va = job->data + (pos - job->lo);

		if (r->out == BA_UVIRT || !r->constrained)
			len = avail;
		else
			len = ddi_brk_walk(r, va, avail, NULL, NULL);
		len = rounddown(len, r->gran);
		direct = len != 0;
	}
	if (job->one_piece && (!direct || len != rem)) {
		direct = false;
		len = rem;
		if (len > r->one_cap) {
			ddi_misuse(SVR5DDI_MISUSE_IMPOSSIBLE,
				   "buf_breakup: request can never be met: buf 0x%lx of %zu bytes in one piece (BCB_ONE_PIECE), largest piece %zu, at %s",
				   (unsigned long)job->obp, rem, r->one_cap,
				   DDI_SITE(job->file, job->line));
			*errp = EINVAL;
			return NULL;
		}
	} else if (!direct) {
		len = min(rem, r->bounce_cap);
	}
	*errp = ENOMEM;
	p = kmem_zalloc_site(sizeof(*p), job->km, job->file, job->line);
	if (!p)
		return NULL;
	p->buf.b_ddi_magic = DDI_BUF_PIECE;
	p->buf.b_ddi_file = job->file;
	p->buf.b_ddi_line = job->line;
	p->job = job;
	p->pos = pos;
	p->len = len;
	if (!direct) {
		p->bounce = ddi_phys_alloc(len, job->preq, job->km, r->contig,
					   false, false, NULL, "buf_breakup",
					   job->file, job->line);
		if (!p->bounce)
			goto fail;
	}
	if (r->out == BA_SCGTH) {
		const char *va = p->bounce ? p->bounce :
				 job->data + (pos - job->lo);
		unsigned int n;

		if (ddi_brk_walk(r, va, len, NULL, &n) != len)
			goto broken;
		p->sg = kmem_alloc_site(n * sizeof(*p->sg), job->km, job->file,
					job->line);
		if (!p->sg)
			goto fail;
		p->nsg = n;
		ddi_brk_walk(r, va, len, p->sg, &n);
	} else if (p->bounce && r->constrained && r->out != BA_UVIRT &&
		   ddi_brk_walk(r, p->bounce, len, NULL, NULL) != len) {
		goto broken;
	}
	return p;
broken:
	/* the allocator gave memory that breaks the physreq: a bug */
	WARN_ONCE(1, "svr5ddi: buf_breakup: bounce memory misses its physreq\n");
	*errp = EIO;
fail:
	if (p->bounce)
		kmem_free_site(p->bounce, len, job->file, job->line);
	ddi_buf_delete(&p->buf, sizeof(*p), job->file, job->line);
	return NULL;
}

/* Fail @bp at once with @err (nothing transferred). */
static void ddi_brk_fail(buf_t *bp, int err, const char *file, int line)
{
	bp->b_resid = bp->b_bcount;
	bioerror(bp, err);
	biodone_site(bp, file, line);
}

/*
 * The rules, or false (reported) when the bcb gives no usable form or no
 * piece size.
 */
static bool ddi_brk_rules(struct ddi_brk_rules *r, const bcb_t *bcbp,
			  const physreq_t *preq, buf_t *bp, bool user,
			  bool aligned, const char *file, int line)
{
	uchar_t at = bcbp->bcb_addrtypes;
	size_t g = bcbp->bcb_granularity, hard, soft, cap;
	bool phys_rules, contig_bounce;

	memset(r, 0, sizeof(*r));
	r->align = preq->phys_align ? preq->phys_align : 1;
	r->boundary = preq->phys_boundary;
	if (preq->phys_dmasize && preq->phys_dmasize < 64)
		r->limit = 1ULL << preq->phys_dmasize;
	phys_rules = r->limit || r->align > 1 || r->boundary ||
		     preq->phys_max_scgth ||
		     (preq->phys_flags & PREQ_PHYSCONTIG) ||
		     (bcbp->bcb_flags & BCB_PHYSCONTIG);
	if (user && aligned && (at & BA_UVIRT) && !phys_rules)
		r->out = BA_UVIRT;
	else if (at & BA_KVIRT)
		r->out = BA_KVIRT;
	else if (at & BA_SCGTH)
		r->out = BA_SCGTH;
	else if (at & BA_PHYS)
		r->out = BA_PHYS;
	else {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "buf_breakup: bad argument: bcb 0x%lx bcb_addrtypes 0x%x has no form for buf 0x%lx (%s memory), at %s",
			   (unsigned long)bcbp, at, (unsigned long)bp,
			   user ? "user" : "kernel", DDI_SITE(file, line));
		return false;
	}
	r->split = r->out == BA_SCGTH;
	r->contig = (preq->phys_flags & PREQ_PHYSCONTIG) ||
		    r->align > PAGE_SIZE || r->out == BA_PHYS ||
		    (!r->split && (r->boundary ||
				   (bcbp->bcb_flags & BCB_PHYSCONTIG)));
	r->max_segs = r->out == BA_PHYS ? 1 : preq->phys_max_scgth;
	if (r->out == BA_SCGTH &&
	    (!r->max_segs || r->max_segs > DDI_BRK_MAX_SEGS))
		r->max_segs = DDI_BRK_MAX_SEGS;
	r->constrained = phys_rules || r->out == BA_PHYS ||
			 r->out == BA_SCGTH;
	r->gran = g;
	r->maxpiece = bcbp->bcb_max_xfer ? rounddown(bcbp->bcb_max_xfer, g) :
		      rounddown(SIZE_MAX, g);
	if (!r->maxpiece) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "buf_breakup: bad argument: bcb 0x%lx bcb_max_xfer %zu below bcb_granularity %zu, at %s",
			   (unsigned long)bcbp, bcbp->bcb_max_xfer, g,
			   DDI_SITE(file, line));
		return false;
	}
	/* bounce memory: contiguous when the physreq or the form needs it */
	contig_bounce = r->contig || r->boundary;
	hard = r->boundary ? r->boundary :
	       contig_bounce ? DDI_MAX_CONTIG : SIZE_MAX;
	soft = contig_bounce ? DDI_BRK_CONTIG_CAP : DDI_BRK_SCATTER_CAP;
	cap = rounddown(min_t(size_t, min_t(size_t, soft, hard), r->maxpiece),
			g);
	if (!cap && g <= min(hard, r->maxpiece))
		cap = g;
	if (!cap) {
		ddi_misuse(SVR5DDI_MISUSE_IMPOSSIBLE,
			   "buf_breakup: request can never be met: granularity %zu above boundary %lu of physreq 0x%lx, at %s",
			   g, (unsigned long)r->boundary, (unsigned long)preq,
			   DDI_SITE(file, line));
		return false;
	}
	r->bounce_cap = cap;
	r->one_cap = max(cap, rounddown(min(hard, r->maxpiece), g));
	return true;
}

/*
 * buf_breakup - hand @bp to @strat as pieces that each meet @bcbp (see
 * the theory above); @bp completes (biodone) when every piece has, with
 * b_resid the bytes of the unbroken prefix not transferred and the error
 * of the first failed piece.  Pieces get b_priv, b_priv2, b_private and
 * b_resid of @bp (as SCO says), b_edev, b_blkno/b_blkoff of their own
 * position, b_addrtype the form they use.  Fails @bp with EINVAL for a
 * bad bcb (reported), an unprepped or changed physreq (reported), an
 * unaligned request under BCB_EXACT_SIZE, a B_ASYNC one under
 * BCB_SYNCHRONOUS; with ENOMEM when memory runs out (only possible with
 * BCB_NOMEMWAIT: the rest of the request is then not transferred).
 * Context: process (blockable), no basic or read/write lock held; the
 * strategy routine may complete pieces at once or later at interrupt
 * level.  Called in atomic context it is reported, does not sleep, and
 * fails requests that would need waiting.
 */
void buf_breakup_site(void (*strat)(buf_t *), buf_t *bp, const bcb_t *bcbp,
		      const char *file, int line)
{
	const physreq_t *preq;
	struct ddi_brk_rules r;
	struct ddi_class *cls;
	struct ddi_brk *job;
	bool user, may_sleep, ref, aligned;
	size_t count, g, pos;
	s64 dev;
	int err;

	ddi_os_ready();
	if (!bp) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "buf_breakup: bad argument: NULL buf at %s",
			   DDI_SITE(file, line));
		return;
	}
	if (!strat || !bcbp || !bcbp->bcb_physreqp) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "buf_breakup: bad argument: buf 0x%lx with %s, at %s",
			   (unsigned long)bp, !strat ? "no strategy routine" :
			   !bcbp ? "no bcb" :
			   "a bcb without a physreq (unprepped bcb)",
			   DDI_SITE(file, line));
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	preq = bcbp->bcb_physreqp;
	cls = ddi_physreq_class(preq, KM_NOSLEEP, bp->b_bcount, "buf_breakup",
				file, line, &ref);
	if (!cls || ref) {
		if (cls)
			ddi_class_put(cls);
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	g = bcbp->bcb_granularity;
	if (!g || (bcbp->bcb_max_xfer % g)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "buf_breakup: bad argument: bcb 0x%lx granularity %zu, max_xfer %zu (not a multiple), at %s",
			   (unsigned long)bcbp, g, bcbp->bcb_max_xfer,
			   DDI_SITE(file, line));
		if (!g) {
			ddi_brk_fail(bp, EINVAL, file, line);
			return;
		}
	}
	user = bp->b_flags & B_PHYS;
	if ((bp->b_flags & B_PAGEIO) ||
	    (bp->b_addrtype & (BA_PAGELIST | BA_PHYS | BA_SCGTH)) ||
	    (bp->b_bcount && !bp->b_un.b_addr)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "buf_breakup: bad argument: buf 0x%lx (b_flags 0x%x, b_addrtype 0x%x, b_addr 0x%lx) has no virtual address to break up, at %s",
			   (unsigned long)bp, bp->b_flags, bp->b_addrtype,
			   (unsigned long)bp->b_un.b_addr, DDI_SITE(file, line));
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	count = bp->b_bcount;
	dev = (s64)bp->b_blkno * NBPSCTR + bp->b_blkoff;
	if (dev < 0 || ((bcbp->bcb_flags & BCB_SYNCHRONOUS) &&
			(bp->b_flags & B_ASYNC))) {
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	aligned = !((u64)dev % g) && !(count % g);
	if (!aligned && (bcbp->bcb_flags & BCB_EXACT_SIZE)) {
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	if (!ddi_brk_rules(&r, bcbp, preq, bp, user, aligned, file, line)) {
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	if (!count) {
		bp->b_resid = 0;
		biodone_site(bp, file, line);
		return;
	}
	may_sleep = ddi_bio_may_sleep();
	if (!may_sleep)
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "buf_breakup: wrong context: buf 0x%lx in %s context, at %s",
			   (unsigned long)bp, ddi_bio_ctx(),
			   DDI_SITE(file, line));

	job = kmem_zalloc_site(sizeof(*job), may_sleep &&
			       !(bcbp->bcb_flags & BCB_NOMEMWAIT) ?
			       KM_SLEEP : KM_NOSLEEP, file, line);
	if (!job) {
		ddi_brk_fail(bp, ENOMEM, file, line);
		return;
	}
	job->obp = bp;
	job->strat = strat;
	job->preq = preq;
	job->r = r;
	atomic_set(&job->pending, 1);
	spin_lock_init(&job->lock);
	job->data = bp->b_un.b_addr;
	job->user = user;
	job->bounce_all = user && r.out != BA_UVIRT;
	job->read = bp->b_flags & B_READ;
	job->one_piece = bcbp->bcb_flags & BCB_ONE_PIECE;
	job->a_start = rounddown((u64)dev, g);
	job->lo = (u64)dev - job->a_start;
	job->hi = job->lo + count;
	job->a_len = roundup(job->hi, g);
	job->good = count;
	job->err_pos = SIZE_MAX;
	job->km = may_sleep && !(bcbp->bcb_flags & BCB_NOMEMWAIT) ?
		  KM_SLEEP : KM_NOSLEEP;
	job->tail = &job->pieces;
	job->file = file;
	job->line = line;
	if ((bcbp->bcb_flags & BCB_SYNCHRONOUS) || !aligned)
		job->how = DDI_BRK_ONEBYONE;
	else if (job->bounce_all)
		job->how = DDI_BRK_WAITALL;
	else
		job->how = DDI_BRK_ASYNC;
	if (!may_sleep && job->how != DDI_BRK_ASYNC) {
		kmem_free_site(job, sizeof(*job), file, line);
		ddi_brk_fail(bp, EINVAL, file, line);
		return;
	}
	ddi_buf_inflight(bp);

	for (pos = 0; pos < job->a_len; ) {
		struct ddi_brk_piece *p = ddi_brk_next(job, pos, &err);

		if (!p) {
			ddi_brk_account(job, pos, 0, err);
			break;
		}
		*job->tail = p;
		job->tail = &p->next;
		if (!job->read && p->bounce) {
			if (p->pos < job->lo || p->pos + p->len > job->hi) {
				/* read-modify-write of the partial granules */
				ddi_brk_issue(job, p, true);
				ddi_brk_wait(job);
				if (p->err || p->resid) {
					ddi_brk_account(job, pos, 0,
							p->err ? p->err : EIO);
					break;
				}
			}
			if (!ddi_brk_copy_piece(job, p, p->pos + p->len,
						false)) {
				ddi_brk_account(job, pos, 0, EFAULT);
				break;
			}
		}
		ddi_brk_issue(job, p, job->read);
		pos += p->len;
		if (job->how == DDI_BRK_ONEBYONE) {
			ddi_brk_wait(job);
			if (ddi_brk_failed(job))
				break;
		}
	}

	if (job->how == DDI_BRK_ASYNC) {
		if (atomic_dec_and_test(&job->pending))
			ddi_brk_finish(job);
		return;
	}
	ddi_brk_wait(job);
	if (job->read) {
		struct ddi_brk_piece *p;

		for (p = job->pieces; p; p = p->next) {
			if (!p->bounce)
				continue;
			if (!ddi_brk_copy_piece(job, p, p->pos + p->len -
						p->resid, true))
				ddi_brk_account(job, p->pos, 0, EFAULT);
		}
	}
	atomic_set(&job->pending, 0);
	ddi_brk_finish(job);
}
EXPORT_SYMBOL(buf_breakup_site);

void buf_breakup(void (*strat)(buf_t *), buf_t *bp, const bcb_t *bcbp)
{
	buf_breakup_site(strat, bp, bcbp, NULL, 0);
}
EXPORT_SYMBOL(buf_breakup);
