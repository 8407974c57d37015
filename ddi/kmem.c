/* SPDX-License-Identifier: MIT */
/*
 * kmem.c - kmem_alloc(D3), kmem_zalloc(D3), kmem_free(D3) and the DDI 5
 * variants, over slab caches with mempool reserves, vmalloc and pages.
 *
 * Theory
 * ------
 * Small requests (<= 8 KiB) go to one of eleven power-of-two size-class
 * kmem_caches (8 B .. 8 KiB), each created with align == size (capped at
 * PAGE_SIZE), so objects are naturally aligned: this is what makes the
 * alignment Decision of spec section 4 hold (8 for every size, 16 from
 * 16 bytes, natural power-of-two alignment up to PAGESIZE).  A second set
 * of caches with SLAB_CACHE_DMA serves DDI 5 callers (below 16 MiB).
 * Every cache has a mempool reserve.  In task context an allocation of a
 * normal-zone class first pops this CPU's magazine of free objects of the
 * class (kmem_cpu.c: no lock, no atomic; this is the fast path); then it
 * asks the cache without direct reclaim (mempool_alloc's own first step,
 * inlined), then mempool_alloc() (the reserve, without sleeping),
 * then, for KM_SLEEP only, loops: cache with reclaim, wait for an element
 * to come back to the reserve.  So KM_SLEEP never returns NULL and
 * KM_NOSLEEP never sleeps.
 *
 * Large requests: KM_SLEEP -> vmalloc (virtually contiguous, as the DDI
 * promises nothing physical from DDI 6 on); KM_NOSLEEP -> alloc_pages_exact
 * with GFP_ATOMIC (may fail).  DDI 5 large requests -> GFP_DMA pages, then
 * the DMA contiguous reserve.  Large allocations have a record in the
 * record hash (kmem_debug.c) so kmem_free finds them by address.
 *
 * kmem_free dispatch is by ADDRESS (the size alone cannot tell a slab
 * object from a pool block): see ddi_internal.h.  A slab object whose
 * ksize() is its class's size goes back to the class's mempool reserve
 * when that is low, else (task context, normal zone) to this CPU's
 * magazine; anything else is freed with kfree(), which finds its cache
 * from the page in O(1) without a lock.
 *
 * Freeing coherent memory and vmap()ed memory needs process context with
 * interrupts on (Linux forbids dma_free_coherent with irqs off, and vunmap
 * in interrupt); such frees made elsewhere are queued on a list and done
 * by a work item.
 *
 * Locking: none on the fast paths (magazines are per CPU with preemption
 * disabled); the deferred list has a spin lock taken with interrupts
 * saved.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/dma-mapping.h>
#include <linux/export.h>
#include "ddi_internal.h"

struct ddi_sclass ddi_sclasses[DDI_ZS_NR][DDI_NR_CLASSES];

#define DDI_POOL_MIN_NORMAL	16	/* reserve elements per class */
#define DDI_POOL_MIN_DMA	4

static __always_inline unsigned int ddi_size_index(size_t size)
{
	if (size <= (1UL << DDI_MIN_SHIFT))
		return 0;
	return (64 - __builtin_clzl(size - 1)) - DDI_MIN_SHIFT;
}

/*
 * ddi_km_to_gfp - THE conversion of a KM_* flag to GFP flags (the only one).
 *
 * Invariant: a request that must not sleep (KM_NOSLEEP, or KM_SLEEP made
 * where the caller may not sleep, which ddi_km_effective() has already
 * turned into KM_NOSLEEP) never carries __GFP_DIRECT_RECLAIM, so nothing
 * below can sleep for it, and may use the atomic reserves (GFP_ATOMIC).
 * KM_SLEEP is GFP_KERNEL: the allocator may sleep; waiting beyond one
 * attempt is done by our own loops, which never give up.  KM_FAIL_OK may
 * sleep but does not insist (__GFP_NORETRY).  Failures are reported by
 * svr5ddi, not by the page allocator (__GFP_NOWARN).  Zone modifiers are
 * added by the backend that knows the placement.  Other GFP values in
 * ddi/ are not a driver request's: svr5ddi's own set-up in process
 * context (GFP_KERNEL), and a first attempt that must not sleep even for
 * KM_SLEEP, so a reserve is tried before reclaim (GFP_NOWAIT:
 * ddi_small_alloc_slow, the record arena).
 */
gfp_t ddi_km_to_gfp(int km)
{
	if (km & KM_NOSLEEP)
		return GFP_ATOMIC | __GFP_NOWARN;
	if (km & KM_FAIL_OK)
		return GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN;
	return GFP_KERNEL | __GFP_NOWARN;
}

/*
 * ddi_km_effective - the KM_* flag a request really gets.  KM_SLEEP where
 * the caller may not sleep (interrupt level, spin lock held, interrupts
 * off) is reported and becomes KM_NOSLEEP: svr5ddi never sleeps there.
 */
int ddi_km_effective(int km, size_t size, const char *call,
		     const char *file, int line)
{
	if (km & KM_NOSLEEP)
		return km;
	if (unlikely(in_atomic() || irqs_disabled() || in_interrupt())) {
		ddi_misuse(SVR5DDI_MISUSE_SLEEP_IN_ATOMIC,
			   "%s: KM_SLEEP in atomic context: size %zu, %s%s%s at %s",
			   call, size, in_interrupt() ? "interrupt level" :
			   "preempt count raised",
			   irqs_disabled() ? ", interrupts off" : "",
			   in_atomic() && !in_interrupt() ?
			   " (spin lock held?)" : "",
			   DDI_SITE(file, line));
		return km | KM_NOSLEEP;
	}
	return km;
}

/* ---- waiting of KM_SLEEP requests ---------------------------------------- */

void ddi_wait_init(struct ddi_wait *w)
{
	w->start = jiffies;
	w->counted = false;
}

/*
 * ddi_wait_once - account one more round of waiting for memory and sleep
 * a little.  Counts the request in sleep_waits once; complains (rate
 * limited) when it has waited for more than 10 s.
 */
void ddi_wait_once(struct ddi_wait *w, const char *call, size_t size)
{
	if (!w->counted) {
		w->counted = true;
		atomic_long_inc(&ddi_sleep_waits);
	}
	if (time_after(jiffies, w->start + 10 * HZ))
		pr_warn_ratelimited("svr5ddi: %s: KM_SLEEP request of %zu bytes waiting for memory for %u s\n",
				    call, size,
				    jiffies_to_msecs(jiffies - w->start) / 1000);
	schedule_timeout_uninterruptible(HZ / 50 ? HZ / 50 : 1);
}

/* ---- small objects -------------------------------------------------------- */

static void ddi_pool_free_obj(void *element, void *pool_data)
{
	kfree(element);		/* finds the object's own cache */
}

/*
 * The reserve gate.  ddi_reserve_low() is called after an element was
 * taken from a normal-zone reserve; ddi_reserve_recheck() after one was
 * given back.  A take is ordered before its gate bit (fetch_or is fully
 * ordered), and the recheck clears the bit before it looks (full
 * barrier), so a take it does not see sets the bit after its clear: a low
 * reserve always leaves the bit set.  Context: any; never sleeps.
 */
void ddi_reserve_low(void)
{
	atomic_fetch_or(DDI_GATE_RESERVE, &ddi_gate);
}

void ddi_reserve_recheck(void)
{
	unsigned int i;

	atomic_fetch_andnot(DDI_GATE_RESERVE, &ddi_gate);
	for (i = 0; i < DDI_NR_CLASSES; i++) {
		mempool_t *pool = ddi_sclasses[DDI_ZS_NORMAL][i].pool;

		if (pool && READ_ONCE(pool->curr_nr) < pool->min_nr) {
			ddi_reserve_low();
			return;
		}
	}
}

static __always_inline bool ddi_sclass_normal(const struct ddi_sclass *sc)
{
	return sc - ddi_sclasses[DDI_ZS_NORMAL] < DDI_NR_CLASSES;
}

/* A reserve element was taken if the pool's count fell below @before. */
static void ddi_reserve_taken(struct ddi_sclass *sc, int before)
{
	if (READ_ONCE(sc->pool->curr_nr) >= before)
		return;
	atomic_long_inc(&ddi_mempool_reserve_hits);
	if (ddi_sclass_normal(sc))
		ddi_reserve_low();
}

static noinline void *ddi_small_alloc_slow(struct ddi_sclass *sc, int km)
{
	mempool_t *pool = sc->pool;
	gfp_t nowait = GFP_NOWAIT | __GFP_NOWARN;
	struct ddi_wait w;
	int before;
	void *p;

	before = READ_ONCE(pool->curr_nr);
	p = mempool_alloc(pool, (km & KM_NOSLEEP) ? ddi_km_to_gfp(km) : nowait);
	if (p) {
		ddi_reserve_taken(sc, before);
		return p;
	}
	if (km & (KM_NOSLEEP | KM_FAIL_OK))
		return NULL;
	ddi_wait_init(&w);
	for (;;) {
		p = kmem_cache_alloc(sc->cache, ddi_km_to_gfp(km) | __GFP_NORETRY);
		if (p)
			return p;
		ddi_wait_once(&w, "kmem_alloc", sc->size);
		before = READ_ONCE(pool->curr_nr);
		p = mempool_alloc(pool, nowait);
		if (p) {
			ddi_reserve_taken(sc, before);
			return p;
		}
	}
}

/*
 * ddi_small_alloc - an object of class @sc.  Context: as @km allows
 * (already made effective by ddi_km_effective).
 */
static void ddi_spill_kfree(void *ctx, void **objs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		kfree(objs[i]);
}

static __always_inline void *__ddi_small_alloc(struct ddi_sclass *sc, int km)
{
	void *p;

	if (sc->mag_max) {
		p = ddi_mag_get(&ddi_cpu->mag[sc - ddi_sclasses[DDI_ZS_NORMAL]],
				-1, 0);
		if (p)
			return p;
	}
	p = kmem_cache_alloc(sc->cache, (ddi_km_to_gfp(km) &
			     ~(__GFP_DIRECT_RECLAIM | __GFP_IO)) | __GFP_NORETRY);
	if (likely(p))
		return p;
	return ddi_small_alloc_slow(sc, km);
}

void *ddi_small_alloc(struct ddi_sclass *sc, int km)
{
	return __ddi_small_alloc(sc, km);
}

/*
 * ddi_small_free_class - free @addr, an object proved (by ksize) to be of
 * class @idx of zone set @zs: to the class's reserve when that is low,
 * else (task context, normal zone) to this CPU's magazine, else kfree().
 * Never sleeps.
 */
static __always_inline void ddi_small_free_class(void *addr, unsigned int idx,
						 int zs)
{
	struct ddi_sclass *sc = &ddi_sclasses[zs][idx];
	mempool_t *pool = sc->pool;

	if (unlikely(READ_ONCE(pool->curr_nr) < pool->min_nr)) {
		mempool_free(addr, pool);
		if (zs == DDI_ZS_NORMAL && ddi_gate_shut(DDI_GATE_RESERVE))
			ddi_reserve_recheck();
	} else if (zs != DDI_ZS_NORMAL ||
		 !ddi_mag_put(&ddi_cpu->mag[idx], sc->mag_max, addr,
			      ddi_spill_kfree, NULL, -1, 0))
		kfree(addr);
}

/*
 * ddi_small_free - free a slab object of (asked) size @size; @zs is the
 * zone set whose reserve may take it back.  An object whose ksize() is
 * not its class's size (a wrong size) goes to kfree(), which finds its
 * own cache.  Never sleeps.
 */
void ddi_small_free(void *addr, size_t size, int zs)
{
	unsigned int idx;

	if (likely(size <= DDI_MAX_SMALL)) {
		idx = ddi_size_index(size);
		if (likely(ksize(addr) == ddi_sclasses[zs][idx].size)) {
			ddi_small_free_class(addr, idx, zs);
			return;
		}
	}
	kfree(addr);
}

/* ---- large allocations ----------------------------------------------------- */

static void *ddi_large_alloc(size_t asize, int km, int zs, int *bk,
			     const char *call)
{
	gfp_t gfp = ddi_km_to_gfp(km);
	struct ddi_wait w;
	dma_addr_t dma;
	void *p;

	if (zs == DDI_ZS_DMA) {
		*bk = SVR5DDI_BK_PAGES;
		if (asize > DDI_MAX_CONTIG)
			return NULL;
		ddi_wait_init(&w);
		for (;;) {
			p = alloc_pages_exact(asize, gfp | GFP_DMA);
			if (p)
				return p;
			p = ddi_reserve_alloc(0, asize, PAGE_SIZE, &dma);
			if (p) {
				*bk = SVR5DDI_BK_RESERVE;
				return p;
			}
			if (km & (KM_NOSLEEP | KM_FAIL_OK))
				return NULL;
			ddi_wait_once(&w, call, asize);
		}
	}
	if (km & KM_NOSLEEP) {
		*bk = SVR5DDI_BK_PAGES;
		if (asize > DDI_MAX_CONTIG)
			return NULL;
		return alloc_pages_exact(asize, gfp);
	}
	*bk = SVR5DDI_BK_VMALLOC;
	ddi_wait_init(&w);
	for (;;) {
		p = __vmalloc(asize, gfp);
		if (p || (km & KM_FAIL_OK))
			return p;
		ddi_wait_once(&w, call, asize);
	}
}

/*
 * ddi_free_rec_backend - release the memory a record describes, in a
 * context where that is legal (see ddi_free_mem), and the record.
 */
static void ddi_release_rec(struct ddi_rec *rec)
{
	void *addr = (void *)rec->addr;
	unsigned int i;

	switch (rec->backend) {
	case SVR5DDI_BK_VMALLOC:
		vfree(addr);	/* vfree_atomic is not exported by 6.1 */
		break;
	case SVR5DDI_BK_PAGES:
		free_pages_exact(addr, rec->asize);
		break;
	case SVR5DDI_BK_COHERENT:
		dma_free_coherent(rec->cls->dev, rec->asize, addr, rec->dma);
		break;
	case SVR5DDI_BK_RESERVE:
		ddi_reserve_free(addr, rec->asize);
		break;
	case SVR5DDI_BK_SCATTER:
		vunmap(addr);
		for (i = 0; i < rec->nchunks; i++) {
			void **chunks = rec->extra;
			size_t left = PAGE_ALIGN(rec->asize) - i * rec->chunk;

			free_pages_exact(chunks[i], min(left, rec->chunk));
		}
		kfree(rec->extra);
		break;
	case SVR5DDI_BK_SLAB:
		ddi_small_free(addr, rec->asize,
			       page_zonenum(virt_to_head_page(addr)) == ZONE_DMA ?
			       DDI_ZS_DMA : DDI_ZS_NORMAL);
		break;
	case SVR5DDI_BK_POOL:
		ddi_bpool_free(ddi_page_owner(virt_to_pfn(addr)), addr);
		break;
	}
	if (rec->cls)
		ddi_class_live_dec(rec->cls);
	ddi_rec_free(rec);
}

static DEFINE_SPINLOCK(ddi_deferred_lock);
static struct ddi_rec *ddi_deferred;
static struct work_struct ddi_deferred_work;
static bool ddi_deferred_ready;

static void ddi_deferred_fn(struct work_struct *work)
{
	struct ddi_rec *list, *next;
	unsigned long flags;

	spin_lock_irqsave(&ddi_deferred_lock, flags);
	list = ddi_deferred;
	ddi_deferred = NULL;
	spin_unlock_irqrestore(&ddi_deferred_lock, flags);
	for (; list; list = next) {
		next = list->next;
		ddi_release_rec(list);
	}
}

void ddi_deferred_init(void)
{
	INIT_WORK(&ddi_deferred_work, ddi_deferred_fn);
	ddi_deferred_ready = true;
}

void ddi_deferred_exit(void)
{
	if (ddi_deferred_ready) {
		flush_work(&ddi_deferred_work);
		ddi_deferred_fn(&ddi_deferred_work);
	}
}

/* Free what @rec describes now, or from a work item when not legal here. */
void ddi_free_rec_backend(struct ddi_rec *rec)
{
	unsigned long flags;
	bool defer;

	switch (rec->backend) {
	case SVR5DDI_BK_COHERENT:
		defer = irqs_disabled() || in_interrupt();
		break;
	case SVR5DDI_BK_VMALLOC:
	case SVR5DDI_BK_SCATTER:
		defer = irqs_disabled() || in_interrupt() || in_atomic();
		break;
	default:
		defer = false;
	}
	if (!defer) {
		ddi_release_rec(rec);
		return;
	}
	spin_lock_irqsave(&ddi_deferred_lock, flags);
	rec->next = ddi_deferred;
	ddi_deferred = rec;
	spin_unlock_irqrestore(&ddi_deferred_lock, flags);
	schedule_work(&ddi_deferred_work);
}

/* ---- the allocation entry --------------------------------------------------- */

static noinline void *ddi_mem_alloc_slow(size_t size, int km, int zs,
					 bool zero, const char *call,
					 const char *file, int line)
{
	struct ddi_rec *rec = NULL;
	size_t asize = size, usable;
	bool debug = READ_ONCE(ddi_debug);
	int bk;
	void *p;

	if (debug) {
		if (size > SIZE_MAX - PAGE_SIZE - DDI_REDZONE_MIN) {
			ddi_misuse(SVR5DDI_MISUSE_SIZE_OVERFLOW,
				   "%s: size overflow: size %zu at %s", call,
				   size, DDI_SITE(file, line));
			return NULL;
		}
		/*
		 * Small requests with room for guard bytes and a trailer
		 * are ddi_mem_alloc_tracked's.  Here a buffer keeps the
		 * backend and pages it has without the debug layer (what a
		 * driver sees must not change with it), its guard bytes
		 * are the rounding's slack (none for a full 8 KiB class or
		 * an exact page multiple), and its record is in the hash.
		 */
	} else if (size > SIZE_MAX - PAGE_SIZE) {
		ddi_misuse(SVR5DDI_MISUSE_SIZE_OVERFLOW,
			   "%s: size overflow: size %zu at %s", call, size,
			   DDI_SITE(file, line));
		return NULL;
	}
	if (asize > DDI_MAX_SMALL &&
	    (PAGE_ALIGN(asize) >> PAGE_SHIFT) > totalram_pages()) {
		ddi_misuse(SVR5DDI_MISUSE_IMPOSSIBLE,
			   "%s: request can never be met: size %zu exceeds memory (%lu pages) at %s",
			   call, size, totalram_pages(), DDI_SITE(file, line));
		return NULL;
	}
	if (zs == DDI_ZS_DMA && asize > DDI_MAX_CONTIG) {
		ddi_misuse(SVR5DDI_MISUSE_IMPOSSIBLE,
			   "%s: request can never be met: size %zu below 16 MiB exceeds %lu contiguous bytes at %s",
			   call, size, DDI_MAX_CONTIG, DDI_SITE(file, line));
		return NULL;
	}
	/* Without sleeping only pages can serve it, and they stop there too. */
	if ((km & KM_NOSLEEP) && asize > DDI_MAX_CONTIG) {
		ddi_misuse(SVR5DDI_MISUSE_IMPOSSIBLE,
			   "%s: request can never be met: KM_NOSLEEP size %zu exceeds %lu contiguous bytes (KM_SLEEP can) at %s",
			   call, size, DDI_MAX_CONTIG, DDI_SITE(file, line));
		return NULL;
	}
	if (debug || asize > DDI_MAX_SMALL) {
		rec = ddi_rec_alloc(km);
		if (!rec) {
			ddi_stat_fail(asize > DDI_MAX_SMALL ?
				      SVR5DDI_BK_PAGES : SVR5DDI_BK_SLAB);
			return NULL;
		}
	}
	if (asize <= DDI_MAX_SMALL) {
		struct ddi_sclass *sc = &ddi_sclasses[zs][ddi_size_index(asize)];

		bk = SVR5DDI_BK_SLAB;
		p = ddi_small_alloc(sc, km);
		usable = sc->size;
	} else {
		p = ddi_large_alloc(asize, km, zs, &bk, call);
		usable = bk == SVR5DDI_BK_VMALLOC || bk == SVR5DDI_BK_PAGES ||
			 bk == SVR5DDI_BK_RESERVE ? PAGE_ALIGN(asize) : asize;
	}
	if (unlikely(!p)) {
		ddi_stat_fail(bk);
		if (rec)
			ddi_rec_free(rec);
		return NULL;
	}
	if (zero)
		memset(p, 0, size);
	if (rec) {
		rec->addr = (unsigned long)p;
		rec->size = size;
		rec->asize = asize;
		rec->kind = DDI_KIND_MEM;
		rec->backend = bk;
		rec->call = call;
		rec->file = file;
		rec->line = line;
		rec->tracked = debug;
		if (debug) {
			rec->rz = min_t(size_t, usable - size, DDI_REDZONE_MAX);
			memset((char *)p + size, DDI_REDZONE_BYTE, rec->rz);
		}
		ddi_rec_insert(rec);
		if (debug)
			ddi_tracked_inc();
	}
	ddi_stat_alloc(bk, size);
	if (!debug)
		ddi_untracked_made();
	return p;
}

/*
 * ddi_tracked_fill - fill @rec (ddi_rec_fill) for tracked slab object @p
 * of @size bytes in class @sc, set its guard bytes (8..16: the class
 * holds size + DDI_REDZONE_MIN + DDI_TRAILER) and publish it behind the
 * trailer.
 */
static __always_inline void ddi_tracked_fill(struct ddi_rec *rec, void *p,
					     size_t size,
					     const struct ddi_sclass *sc,
					     const char *call,
					     const char *file, int line)
{
	size_t rz = min_t(size_t, sc->size - DDI_TRAILER - size,
			  DDI_REDZONE_MAX);

	ddi_rec_fill(rec, p, size, size + DDI_REDZONE_MIN + DDI_TRAILER,
		     SVR5DDI_BK_SLAB, rz, NULL, 0, call, file, line);
	ddi_redzone_set8((char *)p + size, rz);
	ddi_trailer_publish(rec, sc->size);
}

static noinline void *ddi_mem_alloc_cold(size_t size, int flag,
					 const char *file, int line,
					 unsigned int how);

/*
 * ddi_mem_alloc_debug - the debug layer's common case, reached by one
 * tail call from the entry points when the gate says DEBUG: KM_SLEEP or
 * KM_NOSLEEP in task context (KM_SLEEP where it may sleep), the normal
 * zone, no zeroing, room in the record and object magazines.  The record
 * and the object come from this CPU's magazines, every per-CPU counter
 * from one base, and the gate is read again with preemption disabled
 * (DEBUG and TRACKING set, so no tracking flag to raise: see ddi_gate).
 * Calls nothing: anything else is one tail call to ddi_mem_alloc_cold.
 */
static noinline void *ddi_mem_alloc_debug(size_t size, int flag,
					  const char *file, int line,
					  unsigned int how)
{
	struct ddi_sclass *sc;
	struct ddi_rec *rec;
	struct ddi_cpu *c;
	unsigned int idx;
	void *p = NULL;

	if (likely(!how) &&
	    likely(size - 1 < DDI_MAX_SMALL - DDI_REDZONE_MIN - DDI_TRAILER) &&
	    likely((unsigned int)flag <= KM_NOSLEEP) &&
	    likely(flag ? in_task() : !in_atomic() && !irqs_disabled())) {
		idx = ddi_size_index(size + DDI_REDZONE_MIN + DDI_TRAILER);
		preempt_disable();
		c = this_cpu_ptr(ddi_cpu);
		if (likely((atomic_read(&ddi_gate) &
			    (DDI_GATE_ALLOC | DDI_GATE_TRACKING)) ==
			   (DDI_GATE_DEBUG | DDI_GATE_TRACKING)) &&
		    likely(c->rec_mag.nr && c->mag[idx].nr)) {
			rec = ddi_mag_pop(&c->rec_mag);
			p = ddi_mag_pop(&c->mag[idx]);
			c->tracked++;
			ddi_cpu_count_alloc(c, SVR5DDI_BK_SLAB, size);
		}
		preempt_enable();
		if (likely(p)) {
			sc = &ddi_sclasses[DDI_ZS_NORMAL][idx];
			ddi_tracked_fill(rec, p, size, sc, "kmem_alloc", file,
					 line);
			return p;
		}
	}
	return ddi_mem_alloc_cold(size, flag, file, line, how);
}

/*
 * ddi_mem_alloc_tracked - a small allocation with the debug layer on, by
 * the general path (the caller tried ddi_mem_alloc_debug): the
 * object, of the class holding @size, guard bytes and a trailer, ends
 * with the trailer naming its record (kmem_debug.c), so kmem_free finds
 * the record without a lock.  Context: as @km allows.
 */
static noinline void *ddi_mem_alloc_tracked(size_t size, int km, int zs,
					    bool zero, const char *call,
					    const char *file, int line)
{
	size_t asize = size + DDI_REDZONE_MIN + DDI_TRAILER;
	struct ddi_sclass *sc = &ddi_sclasses[zs][ddi_size_index(asize)];
	struct ddi_rec *rec;
	void *p;

	rec = ddi_rec_alloc(km);
	if (unlikely(!rec))
		goto fail;
	p = __ddi_small_alloc(sc, km);
	if (unlikely(!p)) {
		ddi_rec_free(rec);
		goto fail;
	}
	if (zero)
		memset(p, 0, size);
	ddi_tracked_fill(rec, p, size, sc, call, file, line);
	ddi_tracked_inc();
	ddi_stat_alloc(SVR5DDI_BK_SLAB, size);
	return p;
fail:
	ddi_stat_fail(SVR5DDI_BK_SLAB);
	return NULL;
}

/*
 * How an entry point allocates (the cold path's last argument, so that
 * it takes its arguments in registers and the entry points reach it by a
 * tail call): zone set and zeroing, which also name the call.
 */
#define DDI_HOW_DMA	0x1	/* DDI_ZS_DMA, else DDI_ZS_NORMAL */
#define DDI_HOW_ZERO	0x2	/* kmem_zalloc */

/* Everything but the release small fast path: checks, debug, large. */
static noinline void *ddi_mem_alloc_cold(size_t size, int flag,
					 const char *file, int line,
					 unsigned int how)
{
	int zs = (how & DDI_HOW_DMA) ? DDI_ZS_DMA : DDI_ZS_NORMAL;
	bool zero = how & DDI_HOW_ZERO;
	const char *call = zero ? "kmem_zalloc" : "kmem_alloc";
	void *p;
	int km;

	ddi_os_ready();
	if (unlikely(!size))
		return NULL;
	if (unlikely(flag & ~KM_NOSLEEP)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: flag 0x%x at %s", call, flag,
			   DDI_SITE(file, line));
		flag &= KM_NOSLEEP;
	}
	km = flag;
	if (!(flag & KM_NOSLEEP) &&
	    unlikely(in_atomic() || irqs_disabled()))
		km = ddi_km_effective(flag, size, call, file, line);
	if (unlikely(READ_ONCE(ddi_debug))) {
		if (size <= DDI_MAX_SMALL - DDI_REDZONE_MIN - DDI_TRAILER)
			return ddi_mem_alloc_tracked(size, km, zs, zero, call,
						     file, line);
		return ddi_mem_alloc_slow(size, km, zs, zero, call, file, line);
	}
	if (unlikely(size > DDI_MAX_SMALL))
		return ddi_mem_alloc_slow(size, km, zs, zero, call, file, line);
	p = ddi_small_alloc(&ddi_sclasses[zs][ddi_size_index(size)], km);
	if (unlikely(!p)) {
		ddi_stat_fail(SVR5DDI_BK_SLAB);
		return NULL;
	}
	if (zero)
		memset(p, 0, size);
	ddi_stat_alloc(SVR5DDI_BK_SLAB, size);
	ddi_untracked_made();
	return p;
}

/*
 * The entry of every kmem_alloc variant.  With the debug layer on (the
 * gate exactly DEBUG | TRACKING) it is one tail call to
 * ddi_mem_alloc_debug.  The release fast path (a valid flag, 1..8 KiB,
 * normal zone, task context and, for KM_SLEEP, a context that may sleep;
 * the gate open, read with preemption disabled: see ddi_gate) is one pop
 * of this CPU's magazine of the class, counted, with no lock, no atomic
 * and no call; everything else, a magazine miss included, is one tail
 * call to ddi_mem_alloc_cold.
 */
static __always_inline void *ddi_mem_alloc(size_t size, int flag,
					   const char *file, int line,
					   unsigned int how)
{
	unsigned int idx;
	struct ddi_cpu *c;
	void *p = NULL;

	if (unlikely(atomic_read(&ddi_gate) ==
		     (DDI_GATE_DEBUG | DDI_GATE_TRACKING)))
		return ddi_mem_alloc_debug(size, flag, file, line, how);
	if (!(how & DDI_HOW_DMA) &&
	    likely((unsigned int)flag <= KM_NOSLEEP) &&
	    likely(flag ? in_task() : !in_atomic() && !irqs_disabled())) {
		preempt_disable();
		c = this_cpu_ptr(ddi_cpu);	/* first: see ddi_gate */
		if (likely(!ddi_gate_shut(DDI_GATE_ALLOC)) &&
		    likely(size - 1 < DDI_MAX_SMALL)) {
			idx = ddi_size_index(size);
			p = ddi_mag_pop(&c->mag[idx]);
			if (likely(p))
				ddi_cpu_count_alloc(c, SVR5DDI_BK_SLAB, size);
		}
		preempt_enable();
		if (likely(p)) {
			if (how & DDI_HOW_ZERO)
				memset(p, 0, size);
			return p;
		}
	}
	return ddi_mem_alloc_cold(size, flag, file, line, how);
}

/* ---- kmem_free ------------------------------------------------------------ */

static __always_inline bool ddi_is_vmalloc(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a - VMALLOC_START < VMALLOC_END - VMALLOC_START;
}

/*
 * Free with the debug layer (or with debug records still alive).  The
 * record, when there is one, is the truth: a wrong size is reported and
 * the recorded size used; a write past the end is reported; a pointer
 * without a record is a double, interior or wild free, reported and
 * ignored (when tracking is complete).
 */
static noinline void ddi_free_tracked(void *addr, size_t size,
				      const char *call, const char *file,
				      int line);

/* The misuse a tracked record's free can show: wrong size, redzone. */
static __always_inline void ddi_check_tracked(const struct ddi_rec *rec, void *addr,
			      size_t size, const char *call, const char *file,
			      int line)
{
	if (unlikely(rec->size != size))
		ddi_misuse(SVR5DDI_MISUSE_SIZE_MISMATCH,
			   "%s: size mismatch: addr 0x%lx size %zu, allocated %zu at %s (freed at %s)",
			   call, rec->addr, size, rec->size,
			   DDI_SITE(rec->file, rec->line),
			   DDI_SITE(file, line));
	if (!rec->tracked)
		return;
	if (unlikely(!ddi_redzone_ok((char *)addr + rec->size, rec->rz)))
		ddi_misuse(SVR5DDI_MISUSE_REDZONE,
			   "%s: redzone overwritten: addr 0x%lx size %zu, allocated %zu at %s (freed at %s)",
			   call, rec->addr, size, rec->size,
			   DDI_SITE(rec->file, rec->line),
			   DDI_SITE(file, line));
	ddi_tomb_put(rec, file, line);
	ddi_tracked_dec();
	if (unlikely(!READ_ONCE(ddi_debug)))
		ddi_tracking_recheck();
}

/*
 * Free a tracked slab object whose trailer gave @rec (now ours): its
 * class is the one ksize() proved (@objsize).  The common case is
 * ddi_free_debug's.
 */
static void ddi_free_trailed(void *addr, size_t size, size_t objsize,
			     struct ddi_rec *rec, const char *call,
			     const char *file, int line)
{
	ddi_check_tracked(rec, addr, size, call, file, line);
	ddi_stat_free(SVR5DDI_BK_SLAB, rec->size);
	ddi_small_free_class(addr, ddi_size_index(objsize),
			     page_zonenum(virt_to_head_page(addr)) == ZONE_DMA ?
			     DDI_ZS_DMA : DDI_ZS_NORMAL);
	ddi_rec_free(rec);
}

static void ddi_free_untracked(void *addr, size_t size, const char *call,
			       const char *file, int line)
{
	struct ddi_bpool *bp;
	struct ddi_rec *rec;
	struct page *page;

	if (ddi_is_vmalloc(addr) || !virt_addr_valid(addr))
		goto by_record;
	page = virt_to_head_page(addr);
	if (PageSlab(page)) {
		ddi_small_free(addr, size, page_zonenum(page) == ZONE_DMA ?
			       DDI_ZS_DMA : DDI_ZS_NORMAL);
		ddi_stat_free(SVR5DDI_BK_SLAB, size);
		return;
	}
	bp = ddi_page_owner(virt_to_pfn(addr));
	if (bp) {
		struct ddi_class *cls = bp->cls;

		ddi_bpool_free(bp, addr);
		ddi_stat_free(SVR5DDI_BK_POOL, size);
		ddi_class_live_dec(cls);
		return;
	}
by_record:
	rec = ddi_rec_remove((unsigned long)addr, DDI_KIND_MEM);
	if (!rec) {
		ddi_report_bad_free(call, (unsigned long)addr, size, file, line);
		return;
	}
	ddi_check_tracked(rec, addr, size, call, file, line);
	ddi_stat_free(rec->backend, rec->size);
	ddi_free_rec_backend(rec);
}

static noinline void ddi_free_tracked(void *addr, size_t size,
				      const char *call, const char *file,
				      int line)
{
	size_t objsize = ddi_tracked_objsize(addr);
	struct ddi_rec *rec = NULL;

	if (objsize) {
		rec = ddi_trailer_take(addr, objsize);
		if (likely(rec)) {
			ddi_free_trailed(addr, size, objsize, rec, call, file,
					 line);
			return;
		}
	} else if (ddi_os_direct_mapped(addr)) {
		rec = ddi_pool_rec_take(addr);
	}
	if (!rec)
		rec = ddi_rec_remove((unsigned long)addr, DDI_KIND_MEM);
	if (!rec) {
		if (READ_ONCE(ddi_debug) && READ_ONCE(ddi_track_complete)) {
			ddi_report_bad_free(call, (unsigned long)addr, size,
					    file, line);
			return;
		}
		ddi_free_untracked(addr, size, call, file, line);
		return;
	}
	ddi_check_tracked(rec, addr, size, call, file, line);
	ddi_stat_free(rec->backend, rec->size);
	ddi_free_rec_backend(rec);
}

/* Every kmem_free the fast paths (release or debug) leave. */
noinline void ddi_free_mem_cold(void *addr, size_t size, const char *call,
				const char *file, int line)
{
	ddi_os_ready();
	if (unlikely(!size || !addr))
		return;
	if (unlikely(ddi_tracking())) {
		ddi_free_tracked(addr, size, call, file, line);
		return;
	}
	ddi_free_untracked(addr, size, call, file, line);
}

/*
 * ddi_free_debug - the debug layer's common free, reached by one tail call
 * from the entry points when the gate says DEBUG: a tracked slab object
 * of the normal zone freed with its size and intact guard bytes, in task
 * context, with room in this CPU's object and record magazines.  Every
 * test is made before the trailer's cmpxchg (done with preemption
 * disabled and the gate read again), so winning it finishes the free
 * here; losing it (a racing free) or failing a test is one tail call to
 * ddi_free_mem_cold, which reports.  An address that is no slab object
 * is one tail call to ddi_pool_free_debug (phys.c), the same for a
 * physreq pool block.  Calls nothing else.
 */
static noinline void ddi_free_debug(void *addr, size_t size, const char *call,
				    const char *file, int line)
{
	struct ddi_mag *m, *rm;
	struct ddi_tomb *tomb;
	struct ddi_trailer *t;
	struct ddi_rec *rec;
	struct page *page;
	struct ddi_cpu *c;
	unsigned int idx, max;
	size_t objsize;

	objsize = __ddi_tracked_objsize(addr, &page);
	if (!objsize) {		/* no slab object: a pool block? */
		ddi_pool_free_debug(addr, size, call, file, line);
		return;
	}
	if (unlikely(!in_task()))
		goto cold;
	t = ddi_trailer_of(addr, objsize);
	rec = READ_ONCE(t->rec);
	/* a trailer's record has 8..16 guard bytes (ddi_tracked_fill) */
	if (unlikely(!rec) || unlikely(READ_ONCE(t->check) !=
				       ddi_trailer_check(rec, (unsigned long)addr)) ||
	    unlikely(READ_ONCE(rec->size) != size) ||
	    unlikely(!ddi_redzone_ok8((char *)addr + size, READ_ONCE(rec->rz))) ||
	    unlikely(page_zonenum(page) == ZONE_DMA) ||
	    unlikely(READ_ONCE(ddi_rec_nfree) < DDI_REC_RESERVE))
		goto cold;
	idx = ddi_size_index(objsize);
	max = ddi_sclasses[DDI_ZS_NORMAL][idx].mag_max;
	preempt_disable();
	c = this_cpu_ptr(ddi_cpu);
	m = &c->mag[idx];
	rm = &c->rec_mag;
	if (unlikely((atomic_read(&ddi_gate) &
		      (DDI_GATE_DOWN | DDI_GATE_DEBUG | DDI_GATE_RESERVE)) !=
		     DDI_GATE_DEBUG) ||
	    unlikely(m->nr >= max || rm->nr >= DDI_REC_MAG) ||
	    unlikely(cmpxchg(&t->rec, rec, NULL) != rec)) {
		preempt_enable();
		goto cold;
	}
	ddi_rec_unpublish(rec);
	tomb = ddi_tomb_next(c);
	ddi_tomb_fill(tomb, rec, file, line);
	ddi_tomb_note(addr, objsize, tomb);	/* the trailer's check */
	c->tracked--;
	ddi_cpu_count_free(c, SVR5DDI_BK_SLAB, size);
	m->obj[m->nr++] = addr;		/* room tested above */
	rm->obj[rm->nr++] = rec;
	preempt_enable();
	return;
cold:
	ddi_free_mem_cold(addr, size, call, file, line);
}

/*
 * ddi_free_fast - the release fast path of every kmem_free variant: a
 * slab object of a normal-zone class whose ksize() proves the class, or
 * a physreq pool block (found by the page registry), onto this CPU's
 * magazine, counted.  Returns false, having done nothing, for everything
 * else (the gate shut, a magazine full, another context, an address that
 * needs a look), which the caller hands to ddi_free_mem_cold().  The
 * gate is read first, with preemption disabled (see ddi_gate), and
 * nothing is called, so the entry points are leaves with one tail call.
 */
static __always_inline bool ddi_free_fast(void *addr, size_t size)
{
	struct ddi_sclass *sc;
	struct ddi_cpu *c;
	struct page *page;
	unsigned int idx;
	bool done = false;

	if (unlikely(!in_task()))
		return false;
	preempt_disable();
	if (unlikely(ddi_gate_shut(DDI_GATE_FREE)) ||
	    unlikely(size - 1 >= DDI_MAX_SMALL) ||
	    unlikely(!ddi_os_direct_mapped(addr)))
		goto out;
	page = virt_to_head_page(addr);
	if (!PageSlab(page)) {
		done = ddi_pool_push_fast(addr, size);
		goto out;
	}
	idx = ddi_size_index(size);
	sc = &ddi_sclasses[DDI_ZS_NORMAL][idx];
	if (unlikely(ksize(addr) != sc->size) ||
	    unlikely(page_zonenum(page) == ZONE_DMA))
		goto out;
	c = this_cpu_ptr(ddi_cpu);
	done = ddi_mag_push(&c->mag[idx], sc->mag_max, addr);
	if (likely(done))
		ddi_cpu_count_free(c, SVR5DDI_BK_SLAB, size);
out:
	preempt_enable();
	return done;
}

/*
 * The entry of every kmem_free variant: ddi_free_debug with the debug
 * layer on, else the release fast path, else ddi_free_mem_cold.
 */
static __always_inline void ddi_free_mem(void *addr, size_t size,
					 const char *call, const char *file,
					 int line)
{
	if (unlikely(atomic_read(&ddi_gate) ==
		     (DDI_GATE_DEBUG | DDI_GATE_TRACKING)))
		ddi_free_debug(addr, size, call, file, line);
	else if (unlikely(!ddi_free_fast(addr, size)))
		ddi_free_mem_cold(addr, size, call, file, line);
}

/* ---- DDI entry points --------------------------------------------------- */

/*
 * kmem_alloc - allocate @size bytes of kernel memory (spec section 4).
 * Context: KM_NOSLEEP: any, never sleeps, may return NULL.  KM_SLEEP:
 * process context without spin locks; may sleep; never NULL for a
 * satisfiable size (KM_SLEEP elsewhere is reported and served as
 * KM_NOSLEEP).  No locks held on entry or exit.
 * Returns: 8-aligned (16 from 16 bytes, natural for powers of two up to
 * PAGESIZE) memory, or NULL for size 0, overflow, impossible sizes, and
 * KM_NOSLEEP shortage.
 */
void *kmem_alloc_site(size_t size, int flag, const char *file, int line)
{
	return ddi_mem_alloc(size, flag, file, line, 0);
}
EXPORT_SYMBOL(kmem_alloc_site);

void *kmem_alloc(size_t size, int flag)
{
	return ddi_mem_alloc(size, flag, NULL, 0, 0);
}
EXPORT_SYMBOL(kmem_alloc);

/* kmem_zalloc - kmem_alloc, zero-filled.  Context and returns: kmem_alloc. */
void *kmem_zalloc_site(size_t size, int flag, const char *file, int line)
{
	return ddi_mem_alloc(size, flag, file, line, DDI_HOW_ZERO);
}
EXPORT_SYMBOL(kmem_zalloc_site);

void *kmem_zalloc(size_t size, int flag)
{
	return ddi_mem_alloc(size, flag, NULL, 0, DDI_HOW_ZERO);
}
EXPORT_SYMBOL(kmem_zalloc);

/*
 * kmem_alloc_ddi5 - kmem_alloc for DDI 5 drivers: memory below 16 MiB
 * (DMA slab caches, GFP_DMA pages, then the DMA contiguous reserve).
 * Context and returns: as kmem_alloc.
 */
void *kmem_alloc_ddi5_site(size_t size, int flag, const char *file, int line)
{
	return ddi_mem_alloc(size, flag, file, line, DDI_HOW_DMA);
}
EXPORT_SYMBOL(kmem_alloc_ddi5_site);

void *kmem_alloc_ddi5(size_t size, int flag)
{
	return ddi_mem_alloc(size, flag, NULL, 0, DDI_HOW_DMA);
}
EXPORT_SYMBOL(kmem_alloc_ddi5);

/*
 * kmem_zalloc_ddi5 - kmem_alloc_ddi5, zero-filled.  Context and returns:
 * as kmem_alloc.
 */
void *kmem_zalloc_ddi5_site(size_t size, int flag, const char *file,
			    int line)
{
	return ddi_mem_alloc(size, flag, file, line, DDI_HOW_DMA | DDI_HOW_ZERO);
}
EXPORT_SYMBOL(kmem_zalloc_ddi5_site);

void *kmem_zalloc_ddi5(size_t size, int flag)
{
	return ddi_mem_alloc(size, flag, NULL, 0, DDI_HOW_DMA | DDI_HOW_ZERO);
}
EXPORT_SYMBOL(kmem_zalloc_ddi5);

/*
 * kmem_free - free memory from any svr5ddi allocation call (spec 4).
 * @size must be the size requested; 0 does nothing.
 * Context: any, any locks held; never sleeps (coherent and vmap()ed
 * memory freed with interrupts off or at interrupt level is released
 * later by a work item).  Misuse is reported and never corrupts state.
 */
void kmem_free_site(void *addr, size_t size, const char *file, int line)
{
	ddi_free_mem(addr, size, "kmem_free", file, line);
}
EXPORT_SYMBOL(kmem_free_site);

void kmem_free(void *addr, size_t size)
{
	ddi_free_mem(addr, size, "kmem_free", NULL, 0);
}
EXPORT_SYMBOL(kmem_free);

/*
 * kmem_free_physcontig - free kmem_alloc_physcontig memory (DDI 5, 6).
 * Context: as kmem_free.
 */
void kmem_free_physcontig_site(void *addr, size_t size, const char *file,
			       int line)
{
	ddi_free_mem(addr, size, "kmem_free_physcontig", file, line);
}
EXPORT_SYMBOL(kmem_free_physcontig_site);

void kmem_free_physcontig(void *addr, size_t size)
{
	ddi_free_mem(addr, size, "kmem_free_physcontig", NULL, 0);
}
EXPORT_SYMBOL(kmem_free_physcontig);

/* ---- set-up ----------------------------------------------------------------- */

static const char *const ddi_zs_names[DDI_ZS_NR] = { "svr5ddi", "svr5ddi-dma" };

int ddi_kmem_init(void)
{
	static char names[DDI_ZS_NR][DDI_NR_CLASSES][24];
	int zs, i;

	for (zs = 0; zs < DDI_ZS_NR; zs++) {
		for (i = 0; i < DDI_NR_CLASSES; i++) {
			struct ddi_sclass *sc = &ddi_sclasses[zs][i];
			unsigned int size = 1U << (i + DDI_MIN_SHIFT);

			snprintf(names[zs][i], sizeof(names[zs][i]), "%s-%u",
				 ddi_zs_names[zs], size);
			sc->size = size;
			sc->mag_max = zs == DDI_ZS_NORMAL ?
				clamp_t(unsigned int, DDI_MAG_BYTES / size, 2,
					DDI_MAG_SIZE) : 0;
			/*
			 * The whole object is a usercopy region: drivers
			 * copyout()/uiomove() from kmem_alloc memory, which a
			 * hardened-usercopy kernel (Debian's) would otherwise
			 * stop as a "kernel memory exposure attempt".
			 */
			sc->cache = kmem_cache_create_usercopy(names[zs][i],
					size, min_t(unsigned int, size, PAGE_SIZE),
					zs == DDI_ZS_DMA ? SLAB_CACHE_DMA : 0,
					0, size, NULL);
			if (!sc->cache)
				return -ENOMEM;
			sc->pool = mempool_create(zs == DDI_ZS_DMA ?
					DDI_POOL_MIN_DMA : DDI_POOL_MIN_NORMAL,
					mempool_alloc_slab, ddi_pool_free_obj,
					sc->cache);
			if (!sc->pool)
				return -ENOMEM;
		}
	}
	ddi_deferred_init();
	return 0;
}

void ddi_kmem_exit(void)
{
	int zs, i;

	ddi_deferred_exit();
	for (zs = 0; zs < DDI_ZS_NR; zs++) {
		for (i = 0; i < DDI_NR_CLASSES; i++) {
			struct ddi_sclass *sc = &ddi_sclasses[zs][i];

			if (sc->mag_max && ddi_cpu)
				ddi_mag_drain(&ddi_cpu->mag[i],
					      ddi_spill_kfree, NULL);

			mempool_destroy(sc->pool);
			sc->pool = NULL;
			kmem_cache_destroy(sc->cache);
			sc->cache = NULL;
		}
	}
}
