/* SPDX-License-Identifier: MIT */
/*
 * bio.c - buffer headers and their completion: getrbuf, freerbuf,
 * geteblk, ngeteblk, brelse, clrbuf (D3) and biodone, biowait, bioerror,
 * geterror (D3).
 *
 * Theory
 * ------
 * Headers are kmem memory (getrbuf "calls kmem_alloc", as SCO says), so
 * the debug layer's registry, leak report and statistics cover them; the
 * site recorded is the driver's.  A header made here carries a magic
 * (bio_internal.h) that freerbuf/brelse check before freeing; with the
 * debug layer tracking every allocation, the registry is asked first, so
 * a foreign or already freed pointer is reported without being read.
 *
 * Completion is a flag, not an event: biodone sets B_DONE, biowait waits
 * for it.  biodone's store of B_DONE is a release and its last access to
 * the buffer; biowait reads b_flags with acquire, so b_resid, b_error and
 * the data the driver wrote are visible when it returns.  One global wait
 * queue serves every buffer (ddi_bio_wait): wakeups are rare and cheap to
 * re-check, and a buffer never has to hold a Linux object.
 *
 * ddi_bio_lock (a spin lock, irqsave) guards b_ddi_state: the in-flight
 * mark of buffers svr5ddi handed to a strategy routine and the count of
 * biowait sleepers.  freerbuf and brelse refuse (and report) a buffer
 * with either, so a header is never freed under a waiter.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "bio_internal.h"

DEFINE_SPINLOCK(ddi_bio_lock);
DECLARE_WAIT_QUEUE_HEAD(ddi_bio_wait);

/* ---- headers ----------------------------------------------------------------- */

buf_t *ddi_buf_new(size_t size, int km, unsigned int magic,
		   const char *file, int line)
{
	buf_t *bp;

	bp = kmem_zalloc_site(size, km, file, line);
	if (!bp)
		return NULL;
	bp->b_flags = B_KERNBUF | B_BUSY;
	bp->b_addrtype = BA_KVIRT;
	bp->b_edev = (dev_t)DDI_NODEV;
	bp->b_ddi_magic = magic;
	bp->b_ddi_file = file;
	bp->b_ddi_line = line;
	return bp;
}

void ddi_buf_delete(buf_t *bp, size_t size, const char *file, int line)
{
	WRITE_ONCE(bp->b_ddi_magic, DDI_BUF_DEAD);
	kmem_free_site(bp, size, file, line);
}

void ddi_buf_inflight(buf_t *bp)
{
	unsigned long flags;

	spin_lock_irqsave(&ddi_bio_lock, flags);
	bp->b_ddi_state |= DDI_BS_INFLIGHT;
	spin_unlock_irqrestore(&ddi_bio_lock, flags);
}

/*
 * The magic of @bp, or 0 when the debug layer knows @bp is not a live
 * allocation (then it is not read at all).
 */
static unsigned int ddi_buf_magic(const buf_t *bp)
{
	if (READ_ONCE(ddi_debug) && READ_ONCE(ddi_track_complete) &&
	    !ddi_mem_live(bp))
		return 0;
	return READ_ONCE(bp->b_ddi_magic);
}

/* Is @bp owned by a strategy routine or a biowait sleeper?  Reported. */
static bool ddi_buf_busy(buf_t *bp, const char *call, const char *file,
			 int line)
{
	unsigned long flags;
	unsigned int st;

	spin_lock_irqsave(&ddi_bio_lock, flags);
	st = bp->b_ddi_state;
	if (!st)
		bp->b_ddi_magic = DDI_BUF_DEAD;	/* claimed for freeing */
	spin_unlock_irqrestore(&ddi_bio_lock, flags);
	if (!st)
		return false;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: buf 0x%lx busy (I/O in progress%s), not freed, at %s",
		   call, (unsigned long)bp,
		   st >= DDI_BS_WAITER ? ", biowait sleeping on it" : "",
		   DDI_SITE(file, line));
	return true;
}

static void ddi_rbuf_free(buf_t *bp, const char *file, int line)
{
	kmem_free_site(bp, sizeof(*bp), file, line);
}

static void ddi_eblk_free(buf_t *bp, const char *file, int line)
{
	if (bp->b_ddi_mem)
		kmem_free_site(bp->b_ddi_mem, bp->b_ddi_size, file, line);
	kmem_free_site(bp, sizeof(*bp), file, line);
}

/*
 * getrbuf - a buffer header with no data memory: B_KERNBUF|B_BUSY,
 * b_addrtype BA_KVIRT, b_edev NODEV, every other member zero (so
 * b_iodone is NULL).  Context: any with KM_NOSLEEP (may return NULL);
 * process with KM_SLEEP (never NULL; in atomic context it is reported
 * and treated as KM_NOSLEEP).
 */
buf_t *getrbuf_site(int flag, const char *file, int line)
{
	int km;

	ddi_os_ready();
	km = ddi_km_effective(flag & KM_NOSLEEP, sizeof(buf_t), "getrbuf",
			      file, line);
	return ddi_buf_new(sizeof(buf_t), km, DDI_BUF_RBUF, file, line);
}
EXPORT_SYMBOL(getrbuf_site);

buf_t *getrbuf(int flag)
{
	return getrbuf_site(flag, NULL, 0);
}
EXPORT_SYMBOL(getrbuf);

/*
 * ddi_buf_release - the one release path of freerbuf and brelse.  @own is
 * the kind @call releases (DDI_BUF_RBUF: freerbuf, DDI_BUF_EBLK: brelse).
 * A header of the other kind is reported and released as its own call
 * would; a busy header, or one svr5ddi never made, is reported and left
 * alone.
 */
static void ddi_buf_release(buf_t *bp, const char *call, unsigned int own,
			    const char *file, int line)
{
	bool rbuf_call = own == DDI_BUF_RBUF;
	unsigned int magic;

	ddi_os_ready();
	if (!bp)
		return;
	magic = ddi_buf_magic(bp);
	if (magic != DDI_BUF_RBUF && magic != DDI_BUF_EBLK) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: buf 0x%lx not from %s%s, at %s",
			   call, (unsigned long)bp,
			   rbuf_call ? "getrbuf" : "ngeteblk",
			   magic == DDI_BUF_PIECE ? " (a buf_breakup piece)" :
			   magic != DDI_BUF_DEAD ? "" :
			   rbuf_call ? " (already freed)" : " (already released)",
			   DDI_SITE(file, line));
		return;
	}
	if (ddi_buf_busy(bp, call, file, line))
		return;
	if (magic != own)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: buf 0x%lx is from %s (allocated at %s), %s as %s would, at %s",
			   call, (unsigned long)bp,
			   rbuf_call ? "ngeteblk" : "getrbuf",
			   DDI_SITE(bp->b_ddi_file, bp->b_ddi_line),
			   rbuf_call ? "released" : "freed",
			   rbuf_call ? "brelse" : "freerbuf",
			   DDI_SITE(file, line));
	if (magic == DDI_BUF_EBLK)
		ddi_eblk_free(bp, file, line);
	else
		ddi_rbuf_free(bp, file, line);
}

/*
 * freerbuf - free a header from getrbuf (not the driver's data memory).
 * A busy header (svr5ddi's strategy call not yet completed, or a biowait
 * asleep on it), one from ngeteblk (released as brelse would, after the
 * report) or one svr5ddi never made is reported.  Context: any.
 */
void freerbuf_site(buf_t *bp, const char *file, int line)
{
	ddi_buf_release(bp, "freerbuf", DDI_BUF_RBUF, file, line);
}
EXPORT_SYMBOL(freerbuf_site);

void freerbuf(buf_t *bp)
{
	freerbuf_site(bp, NULL, 0);
}
EXPORT_SYMBOL(freerbuf);

/*
 * ngeteblk - a header with @bsize bytes of data memory (kmem_alloc,
 * contents unspecified): b_un.b_addr the memory, b_bcount = b_bufsize =
 * @bsize, B_KERNBUF|B_BUSY (a write: the driver sets B_READ), BA_KVIRT,
 * NODEV, b_iodone NULL.  Context: process; may sleep; never NULL.  In
 * atomic context it is reported, does not sleep, and may return NULL.
 */
buf_t *ngeteblk_site(size_t bsize, const char *file, int line)
{
	buf_t *bp;
	void *mem = NULL;
	int km = KM_SLEEP;

	ddi_os_ready();
	if (!ddi_bio_may_sleep()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "ngeteblk: wrong context: %zu bytes in %s context, at %s",
			   bsize, ddi_bio_ctx(), DDI_SITE(file, line));
		km = KM_NOSLEEP;
	}
	if (bsize > (uint_t)~0U) {
		ddi_misuse(SVR5DDI_MISUSE_SIZE_OVERFLOW,
			   "ngeteblk: size overflow: size %zu, at %s", bsize,
			   DDI_SITE(file, line));
		return NULL;
	}
	if (bsize) {
		mem = kmem_alloc_site(bsize, km, file, line);
		if (!mem)
			return NULL;
	}
	bp = ddi_buf_new(sizeof(buf_t), km, DDI_BUF_EBLK, file, line);
	if (!bp) {
		if (mem)
			kmem_free_site(mem, bsize, file, line);
		return NULL;
	}
	bp->b_un.b_addr = mem;
	bp->b_bcount = (uint_t)bsize;
	bp->b_bufsize = (long)bsize;
	bp->b_ddi_mem = mem;
	bp->b_ddi_size = bsize;
	return bp;
}
EXPORT_SYMBOL(ngeteblk_site);

buf_t *ngeteblk(size_t bsize)
{
	return ngeteblk_site(bsize, NULL, 0);
}
EXPORT_SYMBOL(ngeteblk);

/* geteblk - ngeteblk(1024).  Context: process. */
buf_t *geteblk_site(const char *file, int line)
{
	return ngeteblk_site(1024, file, line);
}
EXPORT_SYMBOL(geteblk_site);

buf_t *geteblk(void)
{
	return ngeteblk_site(1024, NULL, 0);
}
EXPORT_SYMBOL(geteblk);

/*
 * brelse - release a buffer from ngeteblk/geteblk: its data memory and
 * header.  A busy buffer, one from getrbuf (freed as freerbuf would,
 * after the report) or a foreign one is reported.  Context: any.
 */
void brelse_site(buf_t *bp, const char *file, int line)
{
	ddi_buf_release(bp, "brelse", DDI_BUF_EBLK, file, line);
}
EXPORT_SYMBOL(brelse_site);

void brelse(buf_t *bp)
{
	brelse_site(bp, NULL, 0);
}
EXPORT_SYMBOL(brelse);

/*
 * clrbuf - zero b_bcount bytes at b_un.b_addr and set b_resid to 0.
 * Only a kernel-virtual buffer can be cleared (B_PHYS or a non-BA_KVIRT
 * form is reported and left alone).  Context: any.
 */
void clrbuf(buf_t *bp)
{
	ddi_os_ready();
	if (!bp)
		return;
	if ((bp->b_flags & (B_PHYS | B_PAGEIO)) ||
	    (bp->b_addrtype && bp->b_addrtype != BA_KVIRT)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "clrbuf: bad argument: buf 0x%lx is not kernel virtual (b_flags 0x%x, b_addrtype 0x%x)",
			   (unsigned long)bp, bp->b_flags, bp->b_addrtype);
		return;
	}
	if (bp->b_bcount && bp->b_un.b_addr)
		memset(bp->b_un.b_addr, 0, bp->b_bcount);
	bp->b_resid = 0;
}
EXPORT_SYMBOL(clrbuf);

/* ---- completion ------------------------------------------------------------- */

/*
 * bioerror - set b_error to @err and B_ERROR (or clear both, @err 0).
 * Context: any.
 */
void bioerror(buf_t *bp, int err)
{
	if (!bp)
		return;
	bp->b_error = err;
	if (err)
		bp->b_flags |= B_ERROR;
	else
		bp->b_flags &= ~B_ERROR;
}
EXPORT_SYMBOL(bioerror);

/*
 * geterror - 0 without B_ERROR; else b_error, or EIO when b_error is 0.
 * Context: any.
 */
int geterror(buf_t *bp)
{
	if (!bp || !(READ_ONCE(bp->b_flags) & B_ERROR))
		return 0;
	return bp->b_error ? bp->b_error : EIO;
}
EXPORT_SYMBOL(geterror);

/*
 * biodone - the I/O of @bp is complete.  With b_iodone set: clear the
 * in-flight mark, call (*b_iodone)(bp), return.  Otherwise set B_DONE; a
 * B_ASYNC buffer from ngeteblk is then released; any other wakes biowait.
 * A buffer already B_DONE is reported ("already done") and left as it
 * is, as is a B_ASYNC getrbuf buffer with no b_iodone (SCO: the driver
 * must give one), which is only marked done.
 * Context: any (interrupt level included); never sleeps; any lock may be
 * held.
 */
void biodone_site(buf_t *bp, const char *file, int line)
{
	void (*iodone)(buf_t *);
	unsigned long flags;
	unsigned int bf, magic;

	ddi_os_ready();
	if (!bp) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "biodone: bad argument: NULL buf at %s",
			   DDI_SITE(file, line));
		return;
	}
	iodone = READ_ONCE(bp->b_iodone);
	spin_lock_irqsave(&ddi_bio_lock, flags);
	bp->b_ddi_state &= ~DDI_BS_INFLIGHT;
	if (iodone) {
		spin_unlock_irqrestore(&ddi_bio_lock, flags);
		iodone(bp);
		return;
	}
	bf = bp->b_flags;
	if (bf & B_DONE) {
		spin_unlock_irqrestore(&ddi_bio_lock, flags);
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "biodone: bad argument: buf 0x%lx already done (B_DONE set, no b_iodone), at %s",
			   (unsigned long)bp, DDI_SITE(file, line));
		return;
	}
	magic = bp->b_ddi_magic;
	if ((bf & B_ASYNC) && magic == DDI_BUF_EBLK) {
		bp->b_flags = bf | B_DONE;
		spin_unlock_irqrestore(&ddi_bio_lock, flags);
		brelse_site(bp, file, line);
		return;
	}
	/* the last access to the buffer: the waiter may free it now */
	smp_store_release(&bp->b_flags, bf | B_DONE);
	spin_unlock_irqrestore(&ddi_bio_lock, flags);
	if ((bf & B_ASYNC) && magic == DDI_BUF_RBUF)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "biodone: bad argument: B_ASYNC getrbuf buf 0x%lx without b_iodone (only marked done), at %s",
			   (unsigned long)bp, DDI_SITE(file, line));
	wake_up_all(&ddi_bio_wait);
}
EXPORT_SYMBOL(biodone_site);

void biodone(buf_t *bp)
{
	biodone_site(bp, NULL, 0);
}
EXPORT_SYMBOL(biodone);

int ddi_biowait(buf_t *bp)
{
	unsigned long flags;

	spin_lock_irqsave(&ddi_bio_lock, flags);
	bp->b_ddi_state += DDI_BS_WAITER;
	spin_unlock_irqrestore(&ddi_bio_lock, flags);
	wait_event(ddi_bio_wait, smp_load_acquire(&bp->b_flags) & B_DONE);
	spin_lock_irqsave(&ddi_bio_lock, flags);
	bp->b_ddi_state -= DDI_BS_WAITER;
	spin_unlock_irqrestore(&ddi_bio_lock, flags);
	return geterror(bp);
}

/*
 * biowait - wait (not interruptibly) until @bp is B_DONE; return
 * geterror(bp).  Context: process, no basic or read/write lock held.
 * Elsewhere it is reported and does not wait: it returns geterror(bp)
 * when the buffer is done already, EIO otherwise.
 */
int biowait_site(buf_t *bp, const char *file, int line)
{
	ddi_os_ready();
	if (!bp) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "biowait: bad argument: NULL buf at %s",
			   DDI_SITE(file, line));
		return EINVAL;
	}
	if (!ddi_bio_may_sleep()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "biowait: wrong context: buf 0x%lx in %s context, at %s",
			   (unsigned long)bp, ddi_bio_ctx(),
			   DDI_SITE(file, line));
		if (smp_load_acquire(&bp->b_flags) & B_DONE)
			return geterror(bp);
		return EIO;
	}
	might_sleep();
	return ddi_biowait(bp);
}
EXPORT_SYMBOL(biowait_site);

int biowait(buf_t *bp)
{
	return biowait_site(bp, NULL, 0);
}
EXPORT_SYMBOL(biowait);
