/* SPDX-License-Identifier: MIT */
/*
 * phys.c - memory meeting a physreq: kmem_alloc_physreq(D3),
 * kmem_zalloc_physreq(D3), kmem_alloc_physcontig(D3), kmem_alloc_phys(D3);
 * address translation: vtop(D3), kvtophys, kvtoppid(D3); page arithmetic:
 * ptob(D3), btop(D3), btopr(D3).
 *
 * Theory
 * ------
 * A request is served by its physreq's class (physreq.c):
 *   - sub-page blocks (block size = max(2^ceil(log2 size), align) <=
 *     PAGE_SIZE) come from the class's dma_pool of that block size, with a
 *     per-pool LIFO of free blocks in front (DDI_POOL_CACHE deep, under
 *     a spin lock) instead of dma_pool's O(pages) search, and this CPU's
 *     magazine (kmem_cpu.c) in front of that, so the common path in task
 *     context takes no lock.  Blocks are aligned to their size, so they
 *     meet align and never cross a boundary they fit in;
 *   - contiguous multi-page requests: dma_alloc_coherent() of the class's
 *     device (its masks are the physreq's width; coherent memory is
 *     naturally aligned to its power-of-two page order, which gives align
 *     and boundary), then the contiguous reserve (reserve.c);
 *   - non-contiguous multi-page requests (KM_SLEEP): pages of the class's
 *     zone, at most phys_max_scgth physically contiguous chunks, mapped
 *     with vmap().  KM_NOSLEEP cannot vmap (it sleeps) and takes the
 *     contiguous path, which satisfies every member a fortiori.
 * KM_SLEEP retries (coherent with reclaim, reserve, wait) forever, except
 * requests no memory could meet, which are reported (IMPOSSIBLE) and NULL.
 *
 * Pool blocks carry no per-block record in release mode: kmem_free finds
 * their pool from the page through the page registry, an open-addressing
 * table pfn -> pool that only grows (dma_pool keeps its pages until
 * dma_pool_destroy, which happens at module exit only), so lookups are
 * lockless: an entry's pool is written before its key is published with
 * release semantics, and a grown table is published the same way; old
 * tables are kept until exit for readers still walking them.  Inserts and
 * growth take ddi_ptab_lock.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>
#include <linux/export.h>
#include "ddi_internal.h"
#include <sys/ddi.h>

/* ---- page registry --------------------------------------------------------- */

#define DDI_SLOT_SHIFT	DDI_MIN_SHIFT	/* the smallest block */
#define DDI_SLOTS	(PAGE_SIZE >> DDI_SLOT_SHIFT)
#define DDI_SLOT_ARRAYS	64		/* pages with slots, at most */
#define DDI_SLOT1_NR	4096		/* pages with one slot, at most */
#define DDI_SLOTS_ONE	1UL		/* tag of a one-slot e->slots */

struct ddi_ptab *ddi_ptab;		/* lookups: ddi_internal.h */
static DEFINE_SPINLOCK(ddi_ptab_lock);	/* inserts, growth, slot arrays */
static struct ddi_rec **ddi_slots_free;	/* spare slot arrays, linked by [0] */
static unsigned int ddi_slots_nr;		/* slot arrays ever made */
static struct ddi_rec **ddi_slot1;		/* DDI_SLOT1_NR one-slot arrays */
static unsigned int ddi_slot1_used;		/* of them, given to pages */

static void ddi_ptab_put(struct ddi_ptab *t, unsigned long key,
			 struct ddi_bpool *bp, struct ddi_rec **slots)
{
	unsigned long i;

	for (i = ddi_pfn_hash(key - 1);; i++) {
		struct ddi_pent *e = &t->ent[i & (t->cap - 1)];

		if (e->key == key) {	/* a page of a destroyed pool, reused */
			WRITE_ONCE(e->bp, bp);
			return;
		}
		if (!e->key) {
			WRITE_ONCE(e->bp, bp);
			smp_store_release(&e->slots, slots);
			smp_store_release(&e->key, key);
			t->used++;
			return;
		}
	}
}

/*
 * ddi_page_register - record that page @pfn belongs to @bp.  @gfp says
 * whether growing the table may sleep.  Returns 0 or -ENOMEM.
 */
int ddi_page_register(unsigned long pfn, struct ddi_bpool *bp, gfp_t gfp)
{
	struct ddi_ptab *t, *n = NULL;
	unsigned long flags, cap, i;

	if (ddi_page_owner(pfn) == bp)
		return 0;
	for (;;) {
		spin_lock_irqsave(&ddi_ptab_lock, flags);
		t = ddi_ptab;
		if (!t || (t->used + 1) * 2 > t->cap) {
			cap = t ? t->cap * 2 : 1024;
			if (!n || n->cap < cap) {
				spin_unlock_irqrestore(&ddi_ptab_lock, flags);
				kvfree(n);
				n = kvzalloc(sizeof(*n) + cap * sizeof(n->ent[0]),
					     gfp & ~__GFP_ZERO);
				if (!n)
					return -ENOMEM;
				n->cap = cap;
				continue;
			}
			/* Copy into the new table, then publish it. */
			n->old = t;
			if (t)
				for (i = 0; i < t->cap; i++)
					if (t->ent[i].key)
						ddi_ptab_put(n, t->ent[i].key,
							     t->ent[i].bp,
							     t->ent[i].slots);
			smp_store_release(&ddi_ptab, n);
			t = n;
			n = NULL;
		}
		if (ddi_page_owner(pfn) != bp)
			ddi_ptab_put(t, pfn + 1, bp, NULL);
		spin_unlock_irqrestore(&ddi_ptab_lock, flags);
		kvfree(n);
		return 0;
	}
}

/*
 * ddi_page_forget - @bp is being destroyed: its pages are no pool's any
 * more.  Keys stay (the table only grows); their owner becomes NULL.
 */
void ddi_page_forget(struct ddi_bpool *bp)
{
	struct ddi_ptab *t;
	unsigned long flags, i;

	spin_lock_irqsave(&ddi_ptab_lock, flags);
	t = ddi_ptab;
	for (i = 0; t && i < t->cap; i++)
		if (t->ent[i].bp == bp)
			WRITE_ONCE(t->ent[i].bp, NULL);
	spin_unlock_irqrestore(&ddi_ptab_lock, flags);
}

void ddi_pages_exit(void)
{
	struct ddi_ptab *t = ddi_ptab, *old;
	unsigned long i;

	ddi_ptab = NULL;
	for (i = 0; t && i < t->cap; i++)
		if (!((unsigned long)t->ent[i].slots & DDI_SLOTS_ONE))
			kfree(t->ent[i].slots);
	kfree(ddi_slot1);
	ddi_slot1 = NULL;
	ddi_slot1_used = 0;
	while (ddi_slots_free) {
		struct ddi_rec **n = ddi_slots_free;

		ddi_slots_free = (struct ddi_rec **)n[0];
		kfree(n);
	}
	ddi_slots_nr = 0;
	for (; t; t = old) {
		old = t->old;
		kvfree(t);
	}
}

/*
 * Debug records of pool blocks.  A block has no slack for a trailer (the
 * debug layer never changes a buffer's layout), so its record is found
 * from the page: a registered page that held a tracked block gets an
 * array of DDI_SLOTS record pointers, one per 8-byte granule (the
 * smallest block), taken from DDI_SLOT_ARRAYS spares made when the debug
 * layer is switched on, and kept until exit (a page keeps its entry for
 * life, whichever pool owns it), so the geometry never changes under a
 * reader.  A page of page-sized blocks gets one slot instead (for the
 * block at offset 0; the entry's pointer tagged DDI_SLOTS_ONE), from
 * DDI_SLOT1_NR made at the same time.  Pages beyond the spares, and
 * blocks a page's slots cannot name, keep their records in the hash.
 * Slots are installed under ddi_ptab_lock in every table of the chain,
 * so a reader still walking an older table finds them too.  Publication
 * and take are as for trailers: a release store of the record, and
 * cmpxchg to NULL by the free that owns it.
 */
/*
 * ddi_pool_slots_prepare - make the spare slot arrays (DDI_SLOT_ARRAYS)
 * and one-slots (DDI_SLOT1_NR, once),
 * when the debug layer is switched on, so that no allocation call ever
 * makes one: a page beyond them keeps its records in the hash.  (Arrays
 * made on demand would make the number of allocations a driver's calls
 * cause depend on which pages they had seen before, which a fault
 * injection sweep must not see.)  Context: process.
 */
void ddi_pool_slots_prepare(void)
{
	struct ddi_rec **n;
	unsigned long flags;

	if (!READ_ONCE(ddi_slot1)) {
		n = kcalloc(DDI_SLOT1_NR, sizeof(*n), GFP_KERNEL | __GFP_NOWARN);
		spin_lock_irqsave(&ddi_ptab_lock, flags);
		if (!ddi_slot1) {
			ddi_slot1 = n;
			n = NULL;
		}
		spin_unlock_irqrestore(&ddi_ptab_lock, flags);
		kfree(n);
	}

	while (READ_ONCE(ddi_slots_nr) < DDI_SLOT_ARRAYS) {
		n = kcalloc(DDI_SLOTS, sizeof(*n), GFP_KERNEL | __GFP_NOWARN);
		if (!n)
			return;
		spin_lock_irqsave(&ddi_ptab_lock, flags);
		if (ddi_slots_nr < DDI_SLOT_ARRAYS) {
			n[0] = (struct ddi_rec *)ddi_slots_free;
			ddi_slots_free = n;
			ddi_slots_nr++;
			n = NULL;
		}
		spin_unlock_irqrestore(&ddi_ptab_lock, flags);
		kfree(n);
	}
}

/*
 * ddi_pent_slot - the slot of the pool block at @addr in its page's entry
 * @e, or NULL: the page has no slots, or its slots cannot name the block
 * (a one-slot page, @addr not at offset 0).  Lockless.
 */
static __always_inline struct ddi_rec **ddi_pent_slot(struct ddi_pent *e,
						      const void *addr)
{
	unsigned long v = (unsigned long)smp_load_acquire(&e->slots);
	unsigned long off = offset_in_page(addr);

	if (v & DDI_SLOTS_ONE)
		return off ? NULL : (struct ddi_rec **)(v - DDI_SLOTS_ONE);
	return v ? (struct ddi_rec **)v + (off >> DDI_SLOT_SHIFT) : NULL;
}

/*
 * ddi_slot_of - the slot of the pool block at @addr, or NULL; with @make,
 * a page without slots gets a spare (one slot for a page of page-sized
 * blocks, else an array), installed in every table of the chain.
 * Context: any.
 */
static struct ddi_rec **ddi_slot_of(const void *addr, bool make)
{
	unsigned long pfn = virt_to_pfn(addr), flags;
	struct ddi_ptab *t = smp_load_acquire(&ddi_ptab);
	struct ddi_rec **n = NULL;
	struct ddi_pent *e, *o;
	struct ddi_bpool *bp;

	if (!t || !(e = ddi_ptab_find(t, pfn)))
		return NULL;
	if (!make || READ_ONCE(e->slots))
		return ddi_pent_slot(e, addr);
	spin_lock_irqsave(&ddi_ptab_lock, flags);
	bp = READ_ONCE(e->bp);
	if (!e->slots) {
		if (bp && bp->bs == PAGE_SIZE && ddi_slot1 &&
		    ddi_slot1_used < DDI_SLOT1_NR) {
			n = (struct ddi_rec **)((unsigned long)
						&ddi_slot1[ddi_slot1_used++] |
						DDI_SLOTS_ONE);
		} else if (ddi_slots_free) {
			n = ddi_slots_free;
			ddi_slots_free = *(struct ddi_rec ***)n;
			n[0] = NULL;
		}
		for (t = ddi_ptab; n && t; t = t->old) {
			o = ddi_ptab_find(t, pfn);
			if (o)
				smp_store_release(&o->slots, n);
		}
	}
	spin_unlock_irqrestore(&ddi_ptab_lock, flags);
	return ddi_pent_slot(e, addr);
}

/*
 * ddi_pool_rec_publish - make the filled record of pool block rec->addr
 * live in its page's slots; false (nothing done) when the page has none
 * and none can be made: the caller uses the hash.  Context: any.
 */
static bool ddi_pool_rec_publish(struct ddi_rec *rec)
{
	struct ddi_rec **slot = ddi_slot_of((void *)rec->addr, true);

	if (!slot)
		return false;
	ddi_rec_publish(rec);
	smp_store_release(slot, rec);
	return true;
}

/*
 * ddi_pool_rec_take - unpublish and return the record of the pool block
 * at @addr, or NULL.  Of racing callers exactly one gets it.
 * Context: any.
 */
struct ddi_rec *ddi_pool_rec_take(const void *addr)
{
	struct ddi_rec **slot, *rec;

	if (!IS_ALIGNED((unsigned long)addr, 1UL << DDI_SLOT_SHIFT))
		return NULL;
	slot = ddi_slot_of(addr, false);
	if (!slot)
		return NULL;
	rec = READ_ONCE(*slot);
	if (!rec || cmpxchg(slot, rec, NULL) != rec)
		return NULL;
	ddi_rec_unpublish(rec);
	return rec;
}

/* Is the pool block at @addr published in its page's slots? */
bool ddi_pool_rec_live(const void *addr)
{
	struct ddi_rec **slot;

	if (!IS_ALIGNED((unsigned long)addr, 1UL << DDI_SLOT_SHIFT))
		return false;
	slot = ddi_slot_of(addr, false);
	return slot && READ_ONCE(*slot);
}

/* ---- block pools ------------------------------------------------------------ */

/*
 * A pool's per-CPU magazine is made on first use by a caller that may
 * sleep (alloc_percpu sleeps), so a pool nobody uses costs no per-CPU
 * memory; until then the pool works without one.
 */
static noinline void ddi_bpool_add_mag(struct ddi_bpool *bp)
{
	struct ddi_mag __percpu *m;
	unsigned int k;

	m = alloc_percpu_gfp(struct ddi_mag, GFP_KERNEL | __GFP_NOWARN);
	if (m && cmpxchg(&bp->mag, NULL, m)) {
		free_percpu(m);
		return;
	}
	if (!m)
		return;
	for (k = 0; k <= PAGE_SHIFT; k++)
		if (ddi_class_fast_order(bp->cls, k) == (unsigned int)ilog2(bp->bs))
			WRITE_ONCE(bp->cls->fast[k], m);
}

/* Spill straight to dma_pool (pool destruction, a full stack). */
static void ddi_spill_dma_pool(void *ctx, void **objs, unsigned int n)
{
	struct ddi_bpool *bp = ctx;
	unsigned int i;

	for (i = 0; i < n; i++)
		dma_pool_free(bp->dp, objs[i], virt_to_phys(objs[i]));
}

/* Spill: blocks onto the pool's locked stack, the excess to dma_pool. */
static void ddi_spill_bpool(void *ctx, void **objs, unsigned int n)
{
	struct ddi_bpool *bp = ctx;
	unsigned long flags;
	unsigned int i = 0;

	spin_lock_irqsave(&bp->lock, flags);
	while (i < n && bp->n < DDI_POOL_CACHE)
		bp->stack[bp->n++] = objs[i++];
	spin_unlock_irqrestore(&bp->lock, flags);
	ddi_spill_dma_pool(bp, objs + i, n - i);
}

/*
 * ddi_bpool_alloc - a block: this CPU's magazine, else the pool's stack,
 * else dma_pool_alloc (registering a new page).  Context: as @km allows.
 */
static void *ddi_bpool_alloc(struct ddi_bpool *bp, int km)
{
	struct ddi_mag __percpu *mag = READ_ONCE(bp->mag);
	unsigned long flags;
	gfp_t gfp = ddi_km_to_gfp(km);
	dma_addr_t dma;
	void *p = NULL;

	if (likely(mag)) {
		p = ddi_mag_get(mag, -1, 0);
		if (likely(p))
			return p;
	} else if (!(km & KM_NOSLEEP)) {
		ddi_bpool_add_mag(bp);
	}
	spin_lock_irqsave(&bp->lock, flags);
	if (likely(bp->n))
		p = bp->stack[--bp->n];
	spin_unlock_irqrestore(&bp->lock, flags);
	if (likely(p))
		return p;
	p = dma_pool_alloc(bp->dp, gfp, &dma);
	if (!p)
		return NULL;
	if (ddi_page_register(virt_to_pfn(p), bp, gfp)) {
		dma_pool_free(bp->dp, p, dma);
		return NULL;
	}
	return p;
}

/* ddi_bpool_free - give a block back.  Context: any; never sleeps. */
void ddi_bpool_free(struct ddi_bpool *bp, void *addr)
{
	struct ddi_mag __percpu *mag = READ_ONCE(bp->mag);

	if (likely(mag) &&
	    ddi_mag_put(mag, DDI_MAG_SIZE, addr, ddi_spill_bpool, bp, -1, 0))
		return;
	ddi_spill_bpool(bp, &addr, 1);
}

void ddi_bpool_destroy(struct ddi_bpool *bp)
{
	if (bp->mag) {
		ddi_mag_drain(bp->mag, ddi_spill_dma_pool, bp);
		free_percpu(bp->mag);
	}
	ddi_spill_dma_pool(bp, bp->stack, bp->n);
	bp->n = 0;
	dma_pool_destroy(bp->dp);
	kfree(bp);
}

/* ---- contiguous and scattered multi-page memory ------------------------------- */

static void *ddi_contig_alloc(struct ddi_class *cls, size_t asize, int km,
			      bool fail_ok, int *bk, dma_addr_t *dma,
			      size_t *bsize, const char *call)
{
	size_t csize = max_t(size_t, PAGE_ALIGN(asize), cls->key.align);
	size_t ralign = max_t(size_t, cls->key.align, PAGE_SIZE);
	struct ddi_wait w;
	void *p;

	if (cls->key.boundary)
		ralign = max_t(size_t, ralign, roundup_pow_of_two(asize));
	if (km & KM_NOSLEEP) {
		p = dma_alloc_coherent(cls->dev, csize, dma, ddi_km_to_gfp(km));
		if (p) {
			*bk = SVR5DDI_BK_COHERENT;
			*bsize = csize;
			return p;
		}
		*bk = SVR5DDI_BK_RESERVE;
		*bsize = PAGE_ALIGN(asize);
		return ddi_reserve_alloc(cls->reserve, *bsize, ralign, dma);
	}
	ddi_wait_init(&w);
	for (;;) {
		p = dma_alloc_coherent(cls->dev, csize, dma,
				       ddi_km_to_gfp(km) | __GFP_NORETRY);
		if (p) {
			*bk = SVR5DDI_BK_COHERENT;
			*bsize = csize;
			return p;
		}
		*bk = SVR5DDI_BK_RESERVE;
		*bsize = PAGE_ALIGN(asize);
		p = ddi_reserve_alloc(cls->reserve, *bsize, ralign, dma);
		if (p || fail_ok)
			return p;
		ddi_wait_once(&w, call, asize);
	}
}

static void ddi_free_chunks(void **chunks, unsigned int n, size_t npages,
			    size_t cpages)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		free_pages_exact(chunks[i],
				 min_t(size_t, cpages, npages - i * cpages)
				 << PAGE_SHIFT);
}

static void *ddi_scatter_alloc(struct ddi_class *cls, size_t asize,
			       bool fail_ok, struct ddi_rec *rec,
			       const char *call)
{
	size_t npages = PAGE_ALIGN(asize) >> PAGE_SHIFT;
	size_t nchunks, cpages, i, j, k = 0;
	gfp_t gfp = ddi_km_to_gfp(KM_SLEEP);	/* KM_SLEEP only */
	struct page **pages;
	struct ddi_wait w;
	void **chunks;
	void *v = NULL;

	nchunks = (cls->key.max_scgth && npages > cls->key.max_scgth) ?
		  cls->key.max_scgth : npages;
	cpages = DIV_ROUND_UP(npages, nchunks);
	nchunks = DIV_ROUND_UP(npages, cpages);
	ddi_wait_init(&w);
	while (!(chunks = kcalloc(nchunks, sizeof(*chunks), gfp))) {
		if (fail_ok)
			return NULL;
		ddi_wait_once(&w, call, asize);
	}
	while (!(pages = kvmalloc_array(npages, sizeof(*pages), gfp))) {
		if (fail_ok)
			goto out_chunks;
		ddi_wait_once(&w, call, asize);
	}
	for (i = 0; i < nchunks; i++) {
		size_t cp = min_t(size_t, cpages, npages - i * cpages);
		char *c;

		while (!(c = alloc_pages_exact(cp << PAGE_SHIFT,
						 gfp | cls->zone_gfp))) {
			if (fail_ok) {
				ddi_free_chunks(chunks, i, npages, cpages);
				goto out_pages;
			}
			ddi_wait_once(&w, call, asize);
		}
		chunks[i] = c;
		for (j = 0; j < cp; j++)
			pages[k++] = virt_to_page(c + (j << PAGE_SHIFT));
	}
	while (!(v = vmap(pages, npages, VM_MAP, PAGE_KERNEL))) {
		if (fail_ok) {
			ddi_free_chunks(chunks, nchunks, npages, cpages);
			goto out_pages;
		}
		ddi_wait_once(&w, call, asize);
	}
	kvfree(pages);
	rec->extra = chunks;
	rec->nchunks = nchunks;
	rec->chunk = cpages << PAGE_SHIFT;
	return v;
out_pages:
	kvfree(pages);
out_chunks:
	kfree(chunks);
	return NULL;
}

/* ---- the general physreq allocator ------------------------------------------ */

/*
 * ddi_phys_fast_mag - the per-CPU magazines of the pool that serves
 * @size bytes for @preq, when a fast path may: @flag valid for the
 * context (KM_SLEEP where it may sleep, KM_NOSLEEP in task context),
 * 1 .. PAGE_SIZE bytes, a prepped, unchanged physreq whose class gives a
 * pool block for the size (cls->fast), and its magazines made.  Else
 * NULL: the caller takes the general path, which handles (and reports)
 * everything.  *@clsp is the class, *@kp order_base_2(@size).
 */
static __always_inline struct ddi_mag __percpu *
ddi_phys_fast_mag(size_t size, const physreq_t *preq, int flag,
		  struct ddi_class **clsp, unsigned int *kp)
{
	struct ddi_class *c;
	unsigned int k;

	if (unlikely(!preq) || unlikely((unsigned int)flag > KM_NOSLEEP) ||
	    unlikely(size - 1 >= PAGE_SIZE) ||
	    unlikely(flag ? !in_task() : in_atomic() || irqs_disabled()))
		return NULL;
	c = preq->phys_private;
	if (unlikely(!(preq->phys_flags & PREQ_PREPPED)) || unlikely(!c) ||
	    unlikely(c->magic != DDI_CLASS_MAGIC) ||
	    unlikely(preq->phys_align != c->key.align) ||
	    unlikely(preq->phys_boundary != c->key.boundary) ||
	    unlikely(ddi_physreq_sig(preq) != c->sig))
		return NULL;
	k = order_base_2(size);
	*clsp = c;
	*kp = k;
	return READ_ONCE(c->fast[k]);
}

/*
 * The release fast path of kmem_alloc_physreq/kmem_zalloc_physreq: a
 * block from this CPU's magazine (see ddi_phys_fast_mag), counted, the
 * gate read with preemption disabled (see ddi_gate).  NULL sends the
 * caller to ddi_phys_alloc.
 */
static __always_inline void *ddi_phys_alloc_fast(size_t size,
						 const physreq_t *preq,
						 int flag, bool zero)
{
	struct ddi_mag __percpu *mag;
	struct ddi_class *c;
	struct ddi_mag *m;
	void *p = NULL;
	unsigned int k;

	mag = ddi_phys_fast_mag(size, preq, flag, &c, &k);
	if (unlikely(!mag))
		return NULL;
	preempt_disable();
	m = this_cpu_ptr(mag);		/* first: see ddi_gate */
	if (likely(!ddi_gate_shut(DDI_GATE_ALLOC))) {
		p = ddi_mag_pop(m);
		if (likely(p)) {
			ddi_cpu_count_alloc(this_cpu_ptr(ddi_cpu),
					    SVR5DDI_BK_POOL, size);
			(*this_cpu_ptr(c->live))++;
		}
	}
	preempt_enable();
	if (unlikely(!p))
		return NULL;
	if (zero)
		memset(p, 0, size);
	return p;
}

static noinline void *kmem_alloc_physreq_cold(size_t size,
					      const physreq_t *preqp, int flag,
					      const char *file, int line);

/*
 * ddi_phys_alloc_debug - the debug layer's kmem_alloc_physreq, reached by
 * one tail call when the gate says DEBUG: a block as the release fast
 * path's (see ddi_phys_fast_mag) whose page has a slot array, and a
 * record, both from this CPU's magazines with the gate read again with
 * preemption disabled; the record filled, the guard bytes set in the
 * block's slack, and the record published in the page's slot.  Calls
 * nothing: anything else is one tail call to kmem_alloc_physreq_cold.
 */
static noinline void *ddi_phys_alloc_debug(size_t size,
					   const physreq_t *preq, int flag,
					   const char *file, int line)
{
	struct ddi_mag __percpu *mag;
	struct ddi_rec *rec, **slot = NULL;
	struct ddi_class *cls;
	struct ddi_pent *e;
	struct ddi_ptab *t;
	struct ddi_cpu *c;
	struct ddi_mag *m;
	void *p = NULL;
	unsigned int k;
	size_t rz;

	mag = ddi_phys_fast_mag(size, preq, flag, &cls, &k);
	if (unlikely(!mag))
		goto cold;
	preempt_disable();
	c = this_cpu_ptr(ddi_cpu);
	m = this_cpu_ptr(mag);
	t = smp_load_acquire(&ddi_ptab);
	if (likely((atomic_read(&ddi_gate) &
		    (DDI_GATE_ALLOC | DDI_GATE_TRACKING)) ==
		   (DDI_GATE_DEBUG | DDI_GATE_TRACKING)) &&
	    likely(c->rec_mag.nr && m->nr && t)) {
		p = m->obj[m->nr - 1];
		e = ddi_ptab_find(t, virt_to_pfn(p));
		if (likely(e))
			slot = ddi_pent_slot(e, p);
		p = NULL;
		if (likely(slot)) {
			p = ddi_mag_pop(m);
			rec = ddi_mag_pop(&c->rec_mag);
			c->tracked++;
			ddi_cpu_count_alloc(c, SVR5DDI_BK_POOL, size);
			(*this_cpu_ptr(cls->live))++;
		}
	}
	preempt_enable();
	if (unlikely(!p))
		goto cold;
	/* the block: 2^k bytes, or the class's smallest (fast order) */
	rz = min_t(size_t, (1UL << max(k, cls->min_pool)) - size,
		   DDI_REDZONE_MAX);
	ddi_rec_fill(rec, p, size, size, SVR5DDI_BK_POOL, rz, cls,
		     virt_to_phys(p), "kmem_alloc_physreq", file, line);
	ddi_redzone_set((char *)p + size, rz);
	ddi_rec_publish(rec);
	smp_store_release(slot, rec);
	return p;
cold:
	return kmem_alloc_physreq_cold(size, preq, flag, file, line);
}

/*
 * ddi_pool_free_debug - the debug layer's free of a pool block, from
 * ddi_free_debug (kmem.c) for an address that is no slab object: a block
 * whose page's slot holds its tracked record, freed with its size and
 * intact guard bytes, in task context, with room in this CPU's magazines
 * of its pool and of records.  Every test is made before the slot's
 * cmpxchg, made with preemption disabled and the gate read again, so
 * winning it finishes the free here; anything else (a racing free
 * included) is one tail call to ddi_free_mem_cold, which reports.
 * Calls nothing else.
 */
noinline void ddi_pool_free_debug(void *addr, size_t size, const char *call,
				  const char *file, int line)
{
	struct ddi_rec **slot, *rec;
	struct ddi_tomb *tomb;
	struct ddi_mag __percpu *mag;
	struct ddi_class *cls;
	struct ddi_bpool *bp;
	struct ddi_pent *e;
	struct ddi_ptab *t;
	struct ddi_cpu *c;
	struct ddi_mag *m;

	if (unlikely(!in_task()) ||
	    unlikely(!IS_ALIGNED((unsigned long)addr, 1UL << DDI_SLOT_SHIFT)) ||
	    unlikely(!ddi_os_direct_mapped(addr)))
		goto cold;
	t = smp_load_acquire(&ddi_ptab);
	e = t ? ddi_ptab_find(t, virt_to_pfn(addr)) : NULL;
	if (unlikely(!e))
		goto cold;
	bp = READ_ONCE(e->bp);
	slot = ddi_pent_slot(e, addr);
	if (unlikely(!bp) || unlikely(!slot))
		goto cold;
	rec = READ_ONCE(*slot);
	mag = READ_ONCE(bp->mag);
	cls = bp->cls;
	/* An unreferenced class's frees may have to reap: general path. */
	if (unlikely(!rec) || unlikely(!mag) ||
	    unlikely(!READ_ONCE(rec->tracked)) ||
	    unlikely(READ_ONCE(rec->size) != size) ||
	    unlikely(!ddi_redzone_ok((char *)addr + size, READ_ONCE(rec->rz))) ||
	    unlikely(!atomic_read(&cls->refs)) ||
	    unlikely(READ_ONCE(ddi_rec_nfree) < DDI_REC_RESERVE))
		goto cold;
	preempt_disable();
	c = this_cpu_ptr(ddi_cpu);
	m = this_cpu_ptr(mag);
	if (unlikely((atomic_read(&ddi_gate) &
		      (DDI_GATE_DOWN | DDI_GATE_DEBUG)) != DDI_GATE_DEBUG) ||
	    unlikely(m->nr >= DDI_MAG_SIZE || c->rec_mag.nr >= DDI_REC_MAG) ||
	    unlikely(cmpxchg(slot, rec, NULL) != rec)) {
		preempt_enable();
		goto cold;
	}
	ddi_rec_unpublish(rec);
	tomb = ddi_tomb_next(c);
	ddi_tomb_fill(tomb, rec, file, line);
	ddi_tomb_note(addr, bp->bs, tomb);
	c->tracked--;
	ddi_cpu_count_free(c, SVR5DDI_BK_POOL, size);
	(*this_cpu_ptr(cls->live))--;
	m->obj[m->nr++] = addr;		/* room tested above */
	rec->cls = NULL;		/* as the magazine's records: ddi_rec_fill */
	rec->dma = 0;
	c->rec_mag.obj[c->rec_mag.nr++] = rec;
	preempt_enable();
	return;
cold:
	ddi_free_mem_cold(addr, size, call, file, line);
}

static void *__ddi_phys_alloc(struct ddi_class *cls, size_t size, int km,
			      bool force_contig, bool zero, bool fail_ok,
			      dma_addr_t *dmap, const char *call,
			      const char *file, int line);

void *ddi_phys_alloc(size_t size, const physreq_t *preq, int flag,
		     bool force_contig, bool zero, bool fail_ok,
		     dma_addr_t *dmap, const char *call,
		     const char *file, int line)
{
	struct ddi_class *cls;
	bool ref;
	void *p;
	int km;

	ddi_os_ready();
	if (unlikely(!size))
		return NULL;
	if (unlikely(flag & ~(KM_NOSLEEP | (fail_ok ? KM_FAIL_OK : 0)))) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: flag 0x%x at %s", call, flag,
			   DDI_SITE(file, line));
		flag &= KM_NOSLEEP | (fail_ok ? KM_FAIL_OK : 0);
	}
	fail_ok = flag & KM_FAIL_OK;
	km = flag;
	if (!(km & KM_NOSLEEP) && unlikely(in_atomic() || irqs_disabled()))
		km = ddi_km_effective(km, size, call, file, line);
	cls = ddi_physreq_class(preq, km, size, call, file, line, &ref);
	if (unlikely(!cls))
		return NULL;
	p = __ddi_phys_alloc(cls, size, km, force_contig, zero, fail_ok, dmap,
			     call, file, line);
	if (unlikely(ref))
		ddi_class_put(cls);
	return p;
}

static void *__ddi_phys_alloc(struct ddi_class *cls, size_t size, int km,
			      bool force_contig, bool zero, bool fail_ok,
			      dma_addr_t *dmap, const char *call,
			      const char *file, int line)
{
	struct ddi_rec *rec = NULL;
	size_t asize, bs, bsize, npages;
	bool debug, contig;
	dma_addr_t dma = 0;
	int bk;
	void *p;

	contig = cls->contig || force_contig;
	debug = READ_ONCE(ddi_debug);
	/* Fast path: a sub-page block of the class's pool, release mode. */
	if (likely(!debug && size <= PAGE_SIZE && cls->key.align <= PAGE_SIZE &&
		   (!cls->key.boundary || size <= cls->key.boundary))) {
		bs = max_t(size_t, roundup_pow_of_two(size), cls->key.align);
		bs = max_t(size_t, bs, 1UL << DDI_MIN_SHIFT);
		p = ddi_bpool_alloc(cls->pools[ilog2(bs)], km);
		if (likely(p)) {
			if (zero)
				memset(p, 0, size);
			if (dmap)
				*dmap = virt_to_phys(p);
			ddi_class_live_inc(cls);
			ddi_stat_alloc(SVR5DDI_BK_POOL, size);
			ddi_untracked_made();
			return p;
		}
	}
	if (unlikely(size > SIZE_MAX - 2 * DDI_MAX_CONTIG)) {
		ddi_misuse(SVR5DDI_MISUSE_SIZE_OVERFLOW,
			   "%s: size overflow: size %zu at %s", call, size,
			   DDI_SITE(file, line));
		return NULL;
	}
	npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	if (unlikely((cls->key.boundary && size > cls->key.boundary) ||
		     (contig && PAGE_ALIGN(size) > DDI_MAX_CONTIG) ||
		     (npages > 1 && npages > totalram_pages()) ||
		     (!contig && cls->key.max_scgth &&
		      DIV_ROUND_UP(npages, cls->key.max_scgth) >
		      (DDI_MAX_CONTIG >> PAGE_SHIFT)))) {
		ddi_misuse(SVR5DDI_MISUSE_IMPOSSIBLE,
			   "%s: request can never be met: size %zu, align %lu boundary %lu dmasize %u max_scgth %u%s at %s",
			   call, size, cls->key.align, cls->key.boundary,
			   cls->key.dmasize, cls->key.max_scgth,
			   contig ? " contiguous" : "", DDI_SITE(file, line));
		return NULL;
	}
	/*
	 * The debug layer never changes a buffer's physical layout (block
	 * size, backend, page count): its redzone lives only in the slack
	 * the backend already gives (block or page rounding).
	 */
	asize = size;
	bs = max_t(size_t, roundup_pow_of_two(asize), cls->key.align);
	bs = max_t(size_t, bs, 1UL << DDI_MIN_SHIFT);

	if (bs <= PAGE_SIZE && !(contig && cls->key.align > PAGE_SIZE)) {
		struct ddi_wait w;

		if (debug) {
			rec = ddi_rec_alloc(km);
			if (!rec)
				goto fail_pool;
		}
		bk = SVR5DDI_BK_POOL;
		bsize = bs;
		p = ddi_bpool_alloc(cls->pools[ilog2(bs)], km);
		if (likely(p)) {
			dma = virt_to_phys(p);
			goto got;
		}
		/* The pool could not grow: a page of the reserve. */
		if (!rec && !(rec = ddi_rec_alloc(km)))
			goto fail_pool;
		ddi_wait_init(&w);
		for (;;) {
			bk = SVR5DDI_BK_RESERVE;
			bsize = PAGE_SIZE;
			p = ddi_reserve_alloc(cls->reserve, PAGE_SIZE,
					      PAGE_SIZE, &dma);
			if (p || (km & KM_NOSLEEP) || fail_ok)
				break;
			ddi_wait_once(&w, call, size);
			bk = SVR5DDI_BK_POOL;
			bsize = bs;
			p = ddi_bpool_alloc(cls->pools[ilog2(bs)], km);
			if (p) {
				dma = virt_to_phys(p);
				break;
			}
		}
		if (!p)
			goto fail;
		goto got;
fail_pool:
		ddi_stat_fail(SVR5DDI_BK_POOL);
		return NULL;
	}

	rec = ddi_rec_alloc(km);
	if (!rec) {
		ddi_stat_fail(contig ? SVR5DDI_BK_COHERENT : SVR5DDI_BK_SCATTER);
		return NULL;
	}
	if (contig || (km & KM_NOSLEEP)) {
		p = ddi_contig_alloc(cls, asize, km, fail_ok, &bk, &dma, &bsize,
				     call);
	} else {
		bk = SVR5DDI_BK_SCATTER;
		bsize = PAGE_ALIGN(asize);
		p = ddi_scatter_alloc(cls, asize, fail_ok, rec, call);
		if (p)
			dma = page_to_phys(vmalloc_to_page(p));
	}
	if (!p)
		goto fail;
got:
	if (zero)
		memset(p, 0, size);
	if (rec) {
		rec->addr = (unsigned long)p;
		rec->size = size;
		rec->asize = bk == SVR5DDI_BK_POOL || bk == SVR5DDI_BK_SCATTER ?
			     asize : bsize;
		rec->kind = DDI_KIND_MEM;
		rec->backend = bk;
		rec->cls = cls;
		rec->dma = dma;
		rec->call = call;
		rec->file = file;
		rec->line = line;
		rec->tracked = debug;
		if (debug) {
			rec->rz = min_t(size_t, bsize - size, DDI_REDZONE_MAX);
			memset((char *)p + size, DDI_REDZONE_BYTE, rec->rz);
		}
		if (bk != SVR5DDI_BK_POOL || !ddi_pool_rec_publish(rec))
			ddi_rec_insert(rec);
		if (debug)
			ddi_tracked_inc();
	}
	ddi_class_live_inc(cls);
	ddi_stat_alloc(bk, size);
	if (!debug)
		ddi_untracked_made();
	if (dmap)
		*dmap = dma;
	return p;
fail:
	ddi_stat_fail(bk);
	if (rec)
		ddi_rec_free(rec);
	return NULL;
}

/* ---- DDI entry points ----------------------------------------------------------- */

/*
 * kmem_alloc_physreq - @size bytes meeting every member of the prepped
 * @preqp (spec section 6).  Context: as kmem_alloc.  Returns NULL for
 * size 0, an invalid physreq, a request no memory could meet (reported),
 * or KM_NOSLEEP shortage.  Free with kmem_free.
 */
static noinline void *kmem_alloc_physreq_cold(size_t size,
					      const physreq_t *preqp, int flag,
					      const char *file, int line)
{
	return ddi_phys_alloc(size, preqp, flag, false, false, false, NULL,
			      "kmem_alloc_physreq", file, line);
}

void *kmem_alloc_physreq_site(size_t size, const physreq_t *preqp, int flag,
			      const char *file, int line)
{
	void *p;

	if (unlikely(atomic_read(&ddi_gate) ==
		     (DDI_GATE_DEBUG | DDI_GATE_TRACKING)))
		return ddi_phys_alloc_debug(size, preqp, flag, file, line);
	p = ddi_phys_alloc_fast(size, preqp, flag, false);

	if (likely(p))
		return p;
	return kmem_alloc_physreq_cold(size, preqp, flag, file, line);
}
EXPORT_SYMBOL(kmem_alloc_physreq_site);

void *kmem_alloc_physreq(size_t size, const physreq_t *preqp, int flag)
{
	return kmem_alloc_physreq_site(size, preqp, flag, NULL, 0);
}
EXPORT_SYMBOL(kmem_alloc_physreq);

/*
 * kmem_zalloc_physreq - kmem_alloc_physreq, zero-filled.  Context and
 * returns: as kmem_alloc_physreq.
 */
void *kmem_zalloc_physreq_site(size_t size, const physreq_t *preqp, int flag,
			       const char *file, int line)
{
	void *p = ddi_phys_alloc_fast(size, preqp, flag, true);

	if (likely(p))
		return p;
	return ddi_phys_alloc(size, preqp, flag, false, true, false, NULL,
			      "kmem_zalloc_physreq", file, line);
}
EXPORT_SYMBOL(kmem_zalloc_physreq_site);

void *kmem_zalloc_physreq(size_t size, const physreq_t *preqp, int flag)
{
	return kmem_zalloc_physreq_site(size, preqp, flag, NULL, 0);
}
EXPORT_SYMBOL(kmem_zalloc_physreq);

/*
 * kmem_alloc_physcontig - physically contiguous memory meeting @preqp,
 * with or without PREQ_PHYSCONTIG (DDI 5, 6; spec section 7).  Context:
 * as kmem_alloc.  Free with kmem_free_physcontig or kmem_free.
 */
void *kmem_alloc_physcontig_site(size_t size, physreq_t *preqp, int flag,
				 const char *file, int line)
{
	return ddi_phys_alloc(size, preqp, flag, true, false, false, NULL,
			      "kmem_alloc_physcontig", file, line);
}
EXPORT_SYMBOL(kmem_alloc_physcontig_site);

void *kmem_alloc_physcontig(size_t size, physreq_t *preqp, int flag)
{
	return kmem_alloc_physcontig_site(size, preqp, flag, NULL, 0);
}
EXPORT_SYMBOL(kmem_alloc_physcontig);

/*
 * kmem_alloc_phys - contiguous memory meeting @preqp, its physical address
 * stored at @paddrp: one paddr32_t when 0 < phys_dmasize <= 32, else two
 * (low, high).  @flags: KM_SLEEP (0), KM_NOSLEEP, KM_FAIL_OK (may sleep,
 * NULL instead of waiting forever).  Not zeroed.  Context: as kmem_alloc.
 */
void *kmem_alloc_phys_site(size_t size, const physreq_t *preqp,
			   paddr32_t *paddrp, int flags, const char *file,
			   int line)
{
	dma_addr_t dma;
	void *p;

	if (!paddrp) {
		ddi_os_ready();
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "kmem_alloc_phys: bad argument: NULL paddrp at %s",
			   DDI_SITE(file, line));
		return NULL;
	}
	p = ddi_phys_alloc(size, preqp, flags, true, false, true, &dma,
			   "kmem_alloc_phys", file, line);
	if (p) {
		paddrp[0] = lower_32_bits(dma);
		if (preqp->phys_dmasize == 0 || preqp->phys_dmasize > 32)
			paddrp[1] = upper_32_bits(dma);
	}
	return p;
}
EXPORT_SYMBOL(kmem_alloc_phys_site);

void *kmem_alloc_phys(size_t size, const physreq_t *preqp, paddr32_t *paddrp,
		      int flags)
{
	return kmem_alloc_phys_site(size, preqp, paddrp, flags, NULL, 0);
}
EXPORT_SYMBOL(kmem_alloc_phys);

/* ---- translation ------------------------------------------------------------------ */

static paddr_t ddi_vtop(const void *vaddr)
{
	struct page *page;
	unsigned long a = (unsigned long)vaddr;

	if (a - VMALLOC_START < VMALLOC_END - VMALLOC_START) {
		page = vmalloc_to_page(vaddr);
		if (!page)
			return 0;
		return page_to_phys(page) + offset_in_page(vaddr);
	}
	if (!virt_addr_valid(vaddr))
		return 0;
	return virt_to_phys((void *)vaddr);
}

/*
 * vtop - physical address of the byte at kernel address @vaddr (@p NULL),
 * 0 when nothing is mapped there (or @p names a user process: not
 * supported).  Context: any.
 */
paddr_t vtop(caddr_t vaddr, proc_t *p)
{
	ddi_os_ready();
	if (p)
		return 0;
	return ddi_vtop(vaddr);
}
EXPORT_SYMBOL(vtop);

/* kvtophys - vtop(vaddr, NULL) under its old name.  Context: any. */
paddr_t kvtophys(caddr_t vaddr)
{
	ddi_os_ready();
	return ddi_vtop(vaddr);
}
EXPORT_SYMBOL(kvtophys);

/* kvtoppid - page frame of @vaddr, NOPAGE when unmapped.  Context: any. */
ppid_t kvtoppid(caddr_t vaddr)
{
	paddr_t pa;

	ddi_os_ready();
	pa = ddi_vtop(vaddr);
	return pa ? (ppid_t)(pa >> PAGE_SHIFT) : NOPAGE;
}
EXPORT_SYMBOL(kvtoppid);

/* ptob - pages to bytes.  Context: any. */
ulong_t ptob(ulong_t npages)
{
	return npages << PAGESHIFT;
}
EXPORT_SYMBOL(ptob);

/* btop - bytes to pages, rounding down.  Context: any. */
ulong_t btop(ulong_t nbytes)
{
	return nbytes >> PAGESHIFT;
}
EXPORT_SYMBOL(btop);

/* btopr - bytes to pages, rounding up.  Context: any. */
ulong_t btopr(ulong_t nbytes)
{
	return (nbytes >> PAGESHIFT) + ((nbytes & PAGEOFFSET) != 0);
}
EXPORT_SYMBOL(btopr);
