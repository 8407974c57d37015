/* SPDX-License-Identifier: MIT */
/*
 * slab.c - the slab allocator (emulation of Linux 6.1's SLUB interface):
 * kmem_cache_*, kmalloc and friends, kfree, ksize, krealloc.
 *
 * Theory
 * ------
 * A slab is a (compound) block of arena pages from the page allocator,
 * carved into objects of one cache; its head struct page has PG_slab and
 * holds slab_cache, freelist, inuse and objects, so kfree() finds the
 * cache in O(1) from virt_to_head_page(), as SLUB does.  Requests above
 * KMALLOC_MAX_CACHE_SIZE go straight to the page allocator as compound
 * pages without PG_slab ("large kmalloc"), and kfree() frees them whole.
 *
 * Object states.  Every object is in exactly one of:
 *   A  allocated: owned by the caller;
 *   M  in a thread magazine (a per-thread, per-cache stack of free objects);
 *   S  on its slab's freelist.
 * A free object (M or S) carries a state word at offset s->meta (0 for
 * plain caches, after the object when it has a ctor or debug flags, so the
 * constructed or poisoned contents survive): its high bits are a tag,
 * (secret ^ address) with the low 16 bits cleared, and its low 16 bits the
 * link: 0 in M, 1 + index of the next free object (0xffff: none) in S.
 * An allocated object's state word is cleared on allocation.  So a free of
 * an object whose word carries its own tag is a double free (the chance of
 * user data matching a random 48-bit tag is negligible), and an object's
 * start is checked with one multiplication (index * size == offset).  Both
 * are reported like SLUB ("Invalid object pointer", "Object already free")
 * with a WARN, and the free is ignored: state is never corrupted.
 *
 * Magazines.  Each thread has a struct slab_tc with one magazine pointer
 * per cache slot.  The fast paths only pop from or push to the calling
 * thread's magazine: no lock, no atomic, no shared cache line.  An empty
 * magazine is refilled with s->mag_batch objects, a full one (mag_limit)
 * flushes its mag_batch oldest objects back to their slabs, both under the
 * cache's lock, in one pass.  Invariants: a magazine is touched only by its
 * thread, except (1) at that thread's exit, when it is flushed and freed,
 * and (2) by kmem_cache_destroy(), which drains the destroyed cache's slot
 * in every thread: by contract nobody uses a cache being destroyed, so no
 * thread touches that slot then.  Both run under slab_mutex, which also
 * guards the thread registry, the cache list and the slot map.  Interrupt
 * handlers run on their own thread here, so no magazine is ever entered
 * twice at once.  A thread that has exited (its exit hook ran) and still
 * allocates uses the cache's slabs directly, under its lock.
 *
 * Slabs.  Each cache keeps partial, full and empty slab lists under its
 * spin lock (s->lock), taken only by refill, flush, shrink and destroy.
 * At most s->max_empty empty slabs (SLUB's min_partial: 5..10) are kept;
 * more go back to the page allocator.  New slabs are allocated with the
 * lock dropped, with the caller's GFP flags (so GFP_ATOMIC never sleeps),
 * and the ctor runs on every object of a new slab, as in SLUB.
 *
 * Locking order: slab_mutex -> s->lock -> the page allocator's zone lock.
 * Bookkeeping (struct kmem_cache, thread caches, magazines) comes from the
 * host heap, so a destroyed cache gives back every arena page it took.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/list.h>
#include <svr5compat/fault.h>
#include "internal.h"

#define SLAB_SLOTS		1024		/* caches with a magazine slot */
#define NO_SLOT			SLAB_SLOTS	/* always-NULL magazine index */
#define MAG_MAX			128		/* magazine capacity */
#define LINK_BITS		16
#define LINK_MASK		((1UL << LINK_BITS) - 1)
#define LINK_END		LINK_MASK
#define MAX_OBJS_PER_SLAB	(LINK_MASK - 1)
#define SLUB_MIN_OBJECTS	12	/* 4 * (fls(nr_cpus) + 1) for 2 CPUs */
#define SLUB_MAX_ORDER		PAGE_ALLOC_COSTLY_ORDER
#define MIN_PARTIAL		5
#define MAX_PARTIAL		10
#define CACHE_LINE_SIZE		64

#define POISON_FREE		0x6b
#define POISON_END		0xa5
#define RED_INACTIVE		0xbb
#define RED_ACTIVE		0xcc

#define SLAB_DEBUG_MASK		(SLAB_POISON | SLAB_RED_ZONE)
#define GFP_SLAB_BUG_MASK	(__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK)
/* What a request's flags pass on to the page allocator for a new slab. */
#define SLAB_PAGE_GFP_MASK	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | \
				 __GFP_HIGH | __GFP_ATOMIC | __GFP_NOWARN | \
				 __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | \
				 __GFP_NORETRY | __GFP_MEMALLOC | \
				 __GFP_NOMEMALLOC)

#define SLAB_CORE_FLAGS	(SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | \
			 SLAB_CACHE_DMA32 | SLAB_PANIC | \
			 SLAB_TYPESAFE_BY_RCU | SLAB_DEBUG_OBJECTS)
#define SLAB_FLAGS_PERMITTED (SLAB_CORE_FLAGS | SLAB_RED_ZONE | \
			      SLAB_POISON | SLAB_STORE_USER | SLAB_TRACE | \
			      SLAB_CONSISTENCY_CHECKS | SLAB_MEM_SPREAD | \
			      SLAB_NOLEAKTRACE | SLAB_RECLAIM_ACCOUNT | \
			      SLAB_TEMPORARY | SLAB_ACCOUNT | \
			      SLAB_NO_USER_FLAGS)

/* Which list a slab is on: kept in the head page's private field. */
enum { SL_NONE, SL_PARTIAL, SL_FULL, SL_EMPTY };

struct kmem_cache {
	/* Read-only after creation; the fast paths read only these. */
	struct __compat_cache_head head;	/* first: ksize() reads it */
	unsigned int size;		/* object stride in the slab */
	unsigned int object_size;	/* what the user asked for */
	unsigned int meta;		/* offset of the state word */
	unsigned int slot;		/* magazine index, or NO_SLOT */
	unsigned int mag_limit;
	unsigned int mag_batch;
	unsigned int objects;		/* per slab */
	u64 recip;			/* ceil(2^32 / size) */
	unsigned long slab_mask;	/* (PAGE_SIZE << order) - 1 */
	slab_flags_t flags;
	int zone;			/* enum zone_type of the slabs */

	unsigned int order;
	unsigned int align;
	unsigned int useroffset;
	unsigned int usersize;
	gfp_t allocflags;
	void (*ctor)(void *);
	const char *name;		/* host-heap copy */
	unsigned int max_empty;

	/* Slab lists, under lock. */
	spinlock_t lock;
	struct list_head partial;
	struct list_head full;
	struct list_head empty;
	unsigned long nr_partial;
	unsigned long nr_full;
	unsigned long nr_empty;

	struct list_head list;		/* slab_caches, under slab_mutex */
};

struct slab_mag {
	unsigned int count;
	struct kmem_cache *cache;	/* owner of the objects held */
	void *objs[MAG_MAX];
};

struct slab_tc {
	struct list_head link;		/* slab_threads, under slab_mutex */
	struct slab_mag *mags[SLAB_SLOTS + 1];
};

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];
EXPORT_SYMBOL(kmalloc_caches);

static struct host_mutex slab_mutex;
static LIST_HEAD(slab_caches);
static LIST_HEAD(slab_threads);
static unsigned long slot_map[SLAB_SLOTS / (8 * sizeof(unsigned long))];
static unsigned long slab_secret __read_mostly;

/*
 * Copies of physmem's layout (fixed once set up, before compat_slab_init()),
 * so the free path reaches them without going through the GOT.
 */
static unsigned long slab_direct_map __read_mostly;
static struct page *slab_mem_map __read_mostly;
static unsigned long slab_max_pfn __read_mostly;

static __thread struct slab_tc *slab_tc __attribute__((tls_model("initial-exec")));
/* Installed when a thread's exit hook has run: no magazines any more. */
static struct slab_tc dead_tc;

/* kmalloc size index of (size - 1) / 8 for sizes up to 192, as SLUB. */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,
	1, 1, 1, 1, 7, 7, 7, 7,
	2, 2, 2, 2, 2, 2, 2, 2,
};

/* ---- helpers --------------------------------------------------------- */

static __always_inline unsigned long obj_tag(const void *obj)
{
	return (slab_secret ^ (unsigned long)obj) & ~LINK_MASK;
}

static __always_inline unsigned long *obj_meta(const struct kmem_cache *s,
					       const void *obj)
{
	return (unsigned long *)((char *)obj + s->meta);
}

static __always_inline void *slab_base(const struct page *page)
{
	return page_address(page);
}

/* Head page of the arena page holding @x, or NULL outside the arena. */
static __always_inline struct page *obj_head_page(const void *x)
{
	unsigned long pfn = ((unsigned long)x - slab_direct_map) >> PAGE_SHIFT;

	if (unlikely(pfn >= slab_max_pfn))
		return NULL;
	return compound_head(slab_mem_map + pfn);
}

static __always_inline unsigned int obj_index(const struct kmem_cache *s,
					      const struct page *page,
					      const void *obj)
{
	unsigned long off = (unsigned long)obj - (unsigned long)slab_base(page);

	return (unsigned int)((off * s->recip) >> 32);
}

/*
 * Is @obj the start of an object of its slab?  Slabs are buddy blocks, so
 * naturally aligned in physical memory (checked in new_slab()): the offset
 * in the slab is the physical address modulo the slab size.
 */
static __always_inline bool obj_valid(const struct kmem_cache *s,
				      const void *obj)
{
	unsigned long off = ((unsigned long)obj - slab_direct_map) &
			    s->slab_mask;
	unsigned long idx = (off * s->recip) >> 32;

	return idx < s->objects && idx * s->size == off;
}

static unsigned long mix64(unsigned long x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9UL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebUL;
	x ^= x >> 31;
	return x;
}

/* 6.1's kmalloc_fix_flags(): warn about and clear zone bits slab refuses. */
static noinline gfp_t kmalloc_fix_flags(gfp_t flags)
{
	gfp_t invalid_mask = flags & GFP_SLAB_BUG_MASK;
	char bad[96], good[160];

	flags &= ~GFP_SLAB_BUG_MASK;
	compat_gfp_string(invalid_mask, bad, sizeof(bad));
	compat_gfp_string(flags, good, sizeof(good));
	pr_warn("Unexpected gfp: %#x (%s). Fixing up to gfp: %#x (%s). Fix your code!\n",
		invalid_mask, bad, flags, good);
	dump_stack();
	return flags;
}

/* SLUB's slab_bug() banner. */
static __printf(2, 3) void slab_bug(const struct kmem_cache *s,
				    const char *fmt, ...)
{
	char buf[160];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, buf);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

static noinline void report_invalid_free(const struct kmem_cache *s,
					 const void *obj, const char *func)
{
	slab_bug(s, "Invalid object pointer 0x%p", obj);
	WARN(1, "%s: invalid object 0x%p in cache %s, not freed\n",
	     func, obj, s->name);
}

static noinline void report_double_free(const struct kmem_cache *s,
					const void *obj, const char *func)
{
	slab_bug(s, "Object already free");
	pr_err("Object 0x%p @offset=%lu\n", obj,
	       (unsigned long)obj & ((PAGE_SIZE << s->order) - 1));
	WARN(1, "%s: double free of object 0x%p in cache %s, ignored\n",
	     func, obj, s->name);
}

static noinline void check_bytes(const struct kmem_cache *s, u8 *obj,
				 const char *what, u8 *start, u8 value,
				 size_t bytes)
{
	size_t i;

	for (i = 0; i < bytes; i++)
		if (start[i] != value)
			break;
	if (i == bytes)
		return;
	slab_bug(s, "%s overwritten", what);
	pr_err("0x%p-0x%p @offset=%lu. First byte 0x%x instead of 0x%x\n",
	       (void *)(start + i), (void *)(start + bytes - 1),
	       (unsigned long)(start + i - obj), start[i], value);
	WARN(1, "%s: %s overwritten in object 0x%p\n", s->name, what,
	     (void *)obj);
	memset(start + i, value, bytes - i);	/* restore, as SLUB does */
}

static void set_redzone(const struct kmem_cache *s, void *obj, u8 value)
{
	memset((u8 *)obj + s->object_size, value, s->meta - s->object_size);
}

static bool cache_poisons(const struct kmem_cache *s)
{
	return (s->flags & SLAB_POISON) && !s->ctor &&
	       !(s->flags & SLAB_TYPESAFE_BY_RCU);
}

static void poison_object(const struct kmem_cache *s, void *obj)
{
	memset(obj, POISON_FREE, s->object_size - 1);
	((u8 *)obj)[s->object_size - 1] = POISON_END;
}

static noinline void debug_on_alloc(const struct kmem_cache *s, void *obj)
{
	u8 *p = obj;

	if (cache_poisons(s)) {
		check_bytes(s, p, "Poison", p, POISON_FREE, s->object_size - 1);
		check_bytes(s, p, "Poison", p + s->object_size - 1, POISON_END, 1);
	}
	if (s->flags & SLAB_RED_ZONE) {
		check_bytes(s, p, "Right Redzone", p + s->object_size,
			    RED_INACTIVE, s->meta - s->object_size);
		set_redzone(s, obj, RED_ACTIVE);
	}
}

static noinline void debug_on_free(const struct kmem_cache *s, void *obj)
{
	u8 *p = obj;

	if (s->flags & SLAB_RED_ZONE) {
		check_bytes(s, p, "Right Redzone", p + s->object_size,
			    RED_ACTIVE, s->meta - s->object_size);
		set_redzone(s, obj, RED_INACTIVE);
	}
	if (cache_poisons(s))
		poison_object(s, obj);
}

/* ---- slabs (under s->lock unless noted) ------------------------------ */

static void slab_move(struct kmem_cache *s, struct page *page, int to)
{
	switch (page->private) {
	case SL_PARTIAL:
		s->nr_partial--;
		break;
	case SL_FULL:
		s->nr_full--;
		break;
	case SL_EMPTY:
		s->nr_empty--;
		break;
	}
	if (page->private != SL_NONE)
		list_del(&page->lru);
	page->private = to;
	switch (to) {
	case SL_PARTIAL:
		list_add(&page->lru, &s->partial);
		s->nr_partial++;
		break;
	case SL_FULL:
		list_add(&page->lru, &s->full);
		s->nr_full++;
		break;
	case SL_EMPTY:
		list_add(&page->lru, &s->empty);
		s->nr_empty++;
		break;
	}
}

/* Allocate and format a new slab.  Called without s->lock. */
static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	gfp_t pgfp = (gfp & SLAB_PAGE_GFP_MASK) | s->allocflags;
	struct page *page;
	char *base, *obj;
	unsigned int i;

	page = __compat_alloc_pages(pgfp, s->order);
	if (unlikely(!page)) {
		if (!(gfp & __GFP_NOWARN)) {
			char names[160];

			compat_gfp_string(gfp, names, sizeof(names));
			pr_warn("SLUB: Unable to allocate memory on node -1, gfp=%#x(%s)\n",
				gfp, names);
			pr_warn("  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
				s->name, s->object_size, s->size, s->order,
				s->order);
		}
		return NULL;
	}
	/* obj_valid() relies on the buddy allocator's natural alignment. */
	BUG_ON(page_to_pfn(page) & ((1UL << s->order) - 1));
	base = page_address(page);
	for (i = 0; i < s->objects; i++) {
		unsigned long link = i + 1 < s->objects ? i + 2 : LINK_END;

		obj = base + (size_t)i * s->size;
		if (s->flags & SLAB_RED_ZONE)
			set_redzone(s, obj, RED_INACTIVE);
		if (cache_poisons(s))
			poison_object(s, obj);
		if (s->ctor)
			s->ctor(obj);
		*obj_meta(s, obj) = obj_tag(obj) | link;
	}
	page->slab_cache = s;
	page->freelist = base;
	page->inuse = 0;
	page->objects = s->objects;
	page->private = SL_NONE;
	INIT_LIST_HEAD(&page->lru);
	__SetPageSlab(page);
	return page;
}

/* Give an empty slab back to the page allocator.  Called without s->lock. */
static void discard_slab(struct kmem_cache *s, struct page *page)
{
	__ClearPageSlab(page);
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->inuse = 0;
	page->objects = 0;
	page->private = 0;
	INIT_LIST_HEAD(&page->lru);
	__free_pages(page, s->order);
}

static void discard_list(struct kmem_cache *s, struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		discard_slab(s, page);
	}
}

/* Pop one object off @page's freelist into state M. */
static void *slab_take(struct kmem_cache *s, struct page *page)
{
	void *obj = page->freelist;
	unsigned long *meta = obj_meta(s, obj);
	unsigned long w = *meta, link = w & LINK_MASK;

	if (unlikely((w & ~LINK_MASK) != obj_tag(obj) || !link ||
		     (link != LINK_END && link > page->objects))) {
		slab_bug(s, "Freechain corrupt");
		pr_err("Object 0x%p: free pointer overwritten (use after free?); "
		       "the rest of the slab's free objects are abandoned\n", obj);
		WARN(1, "%s: freelist corrupted at 0x%p\n", s->name, obj);
		page->freelist = NULL;
		page->inuse = page->objects;
		return NULL;
	}
	page->freelist = link == LINK_END ? NULL :
		(char *)slab_base(page) + (size_t)(link - 1) * s->size;
	*meta = obj_tag(obj);
	page->inuse++;
	return obj;
}

/*
 * Move up to @n free objects from the cache's slabs into @objs (state M),
 * growing the cache by one slab when none is free.  Returns how many.
 */
static unsigned int slab_refill(struct kmem_cache *s, void **objs,
				unsigned int n, gfp_t gfp)
{
	unsigned long flags;
	unsigned int got = 0;
	struct page *page;

	for (;;) {
		spin_lock_irqsave(&s->lock, flags);
		while (got < n) {
			if (!list_empty(&s->partial)) {
				page = list_first_entry(&s->partial,
							struct page, lru);
			} else if (!list_empty(&s->empty)) {
				page = list_first_entry(&s->empty,
							struct page, lru);
				slab_move(s, page, SL_PARTIAL);
			} else {
				break;
			}
			while (got < n && page->freelist) {
				void *obj = slab_take(s, page);

				if (!obj)
					break;
				objs[got++] = obj;
			}
			if (!page->freelist)
				slab_move(s, page, SL_FULL);
		}
		spin_unlock_irqrestore(&s->lock, flags);
		if (got) {
			/* Pops then hand them out in address order. */
			unsigned int i;

			for (i = 0; i < got / 2; i++) {
				void *t = objs[i];

				objs[i] = objs[got - 1 - i];
				objs[got - 1 - i] = t;
			}
			return got;
		}

		page = new_slab(s, gfp);
		if (!page)
			return 0;
		spin_lock_irqsave(&s->lock, flags);
		slab_move(s, page, SL_EMPTY);
		spin_unlock_irqrestore(&s->lock, flags);
	}
}

/* Return @n objects in state M to their slabs. */
static void slab_flush(struct kmem_cache *s, void **objs, unsigned int n)
{
	LIST_HEAD(discard);
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&s->lock, flags);
	for (i = 0; i < n; i++) {
		void *obj = objs[i];
		struct page *page = obj_head_page(obj);
		unsigned long link = page->freelist ?
			obj_index(s, page, page->freelist) + 1 : LINK_END;
		bool was_full = page->inuse == page->objects;

		*obj_meta(s, obj) = obj_tag(obj) | link;
		page->freelist = obj;
		page->inuse--;
		if (!page->inuse) {
			if (s->nr_empty < s->max_empty) {
				slab_move(s, page, SL_EMPTY);
			} else {
				slab_move(s, page, SL_NONE);
				list_add(&page->lru, &discard);
			}
		} else if (was_full) {
			slab_move(s, page, SL_PARTIAL);
		}
	}
	spin_unlock_irqrestore(&s->lock, flags);
	discard_list(s, &discard);
}

/* ---- thread caches --------------------------------------------------- */

static void slab_thread_exit(void *arg)
{
	struct slab_tc *tc = arg;
	unsigned int i;

	host_mutex_lock(&slab_mutex);
	list_del(&tc->link);
	for (i = 0; i < SLAB_SLOTS; i++) {
		struct slab_mag *m = tc->mags[i];

		if (!m)
			continue;
		if (m->count && m->cache)
			slab_flush(m->cache, m->objs, m->count);
		host_free(m);
	}
	host_mutex_unlock(&slab_mutex);
	slab_tc = &dead_tc;
	host_free(tc);
}

static struct slab_tc *get_tc(void)
{
	struct slab_tc *tc = slab_tc;

	if (likely(tc))
		return tc;
	tc = host_calloc(1, sizeof(*tc));
	if (!tc)
		return &dead_tc;
	host_mutex_lock(&slab_mutex);
	list_add(&tc->link, &slab_threads);
	host_mutex_unlock(&slab_mutex);
	host_on_thread_exit(slab_thread_exit, tc);
	slab_tc = tc;
	return tc;
}

/* The calling thread's magazine for @s, created if needed; NULL: none. */
static struct slab_mag *get_mag(struct kmem_cache *s)
{
	struct slab_tc *tc = get_tc();
	struct slab_mag *m;

	if (tc == &dead_tc || s->slot == NO_SLOT)
		return NULL;
	m = tc->mags[s->slot];
	if (!m) {
		m = host_calloc(1, sizeof(*m));
		if (!m)
			return NULL;
		__atomic_store_n(&tc->mags[s->slot], m, __ATOMIC_RELEASE);
	}
	m->cache = s;
	return m;
}

/* ---- allocation and free paths --------------------------------------- */

static noinline void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	struct slab_mag *m = get_mag(s);
	void *obj;

	if (!m)
		return slab_refill(s, &obj, 1, gfp) ? obj : NULL;
	if (m->count)
		return m->objs[--m->count];
	m->count = slab_refill(s, m->objs, s->mag_batch, gfp);
	if (!m->count)
		return NULL;
	return m->objs[--m->count];
}

static noinline void slab_free_slow(struct kmem_cache *s, void *obj)
{
	struct slab_mag *m = get_mag(s);

	if (!m) {
		slab_flush(s, &obj, 1);
		return;
	}
	if (m->count >= s->mag_limit) {
		unsigned int b = s->mag_batch;

		slab_flush(s, m->objs, b);
		memmove(m->objs, m->objs + b, (m->count - b) * sizeof(void *));
		m->count -= b;
	}
	m->objs[m->count++] = obj;
}

static noinline void report_corrupt_free_object(struct kmem_cache *s,
						void *obj)
{
	slab_bug(s, "Freepointer corrupt");
	pr_err("Object 0x%p: state word 0x%lx overwritten while free (use after free?)\n",
	       obj, *obj_meta(s, obj));
	WARN(1, "%s: free object 0x%p was written to while free\n",
	     s->name, obj);
}

/*
 * The allocation hooks every entry runs first, as 6.1's
 * slab_pre_alloc_hook(): might_alloc() (inlined: the report is
 * __might_sleep()'s), then the fault-injection hook.  Returns false when
 * the allocation must fail.
 */
static __always_inline bool slab_pre_alloc(gfp_t *gfp, int zone)
{
	if (unlikely(*gfp & GFP_SLAB_BUG_MASK))
		*gfp = kmalloc_fix_flags(*gfp);
	if (gfpflags_allow_blocking(*gfp) &&
	    unlikely(preempt_count() || irqs_disabled()))
		__might_sleep(__FILE__, __LINE__);
	if (unlikely(__compat_should_fail(COMPAT_FAULT_SLAB, *gfp, zone)) &&
	    !(*gfp & __GFP_NOFAIL))
		return false;
	return true;
}

static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct slab_tc *tc = slab_tc;
	struct slab_mag *m;
	unsigned long *meta;
	void *obj;

	if (likely(tc) && likely((m = tc->mags[s->slot]) != NULL) &&
	    likely(m->count)) {
		obj = m->objs[--m->count];
	} else {
		obj = slab_alloc_slow(s, gfp);
		if (unlikely(!obj))
			return NULL;
	}
	meta = obj_meta(s, obj);
	if (unlikely(*meta != obj_tag(obj)))
		report_corrupt_free_object(s, obj);
	*meta = 0;
	if (unlikely(s->flags & SLAB_DEBUG_MASK))
		debug_on_alloc(s, obj);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

static __always_inline void slab_free(struct kmem_cache *s, void *obj,
				      const char *func)
{
	struct slab_tc *tc;
	struct slab_mag *m;
	unsigned long *meta;

	if (unlikely(!obj_valid(s, obj))) {
		report_invalid_free(s, obj, func);
		return;
	}
	meta = obj_meta(s, obj);
	if (unlikely(((*meta ^ obj_tag(obj)) & ~LINK_MASK) == 0)) {
		report_double_free(s, obj, func);
		return;
	}
	if (unlikely(s->flags & SLAB_DEBUG_MASK))
		debug_on_free(s, obj);
	*meta = obj_tag(obj);
	tc = slab_tc;
	if (likely(tc) && likely((m = tc->mags[s->slot]) != NULL) &&
	    likely(m->count < s->mag_limit)) {
		m->objs[m->count++] = obj;
		return;
	}
	slab_free_slow(s, obj);
}

/* ---- caches ---------------------------------------------------------- */

static unsigned int calculate_alignment(slab_flags_t flags,
					unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = CACHE_LINE_SIZE;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	return ALIGN(align, sizeof(void *));
}

/* SLUB's calculate_order(): least waste, at least a few objects. */
static unsigned int calculate_order(unsigned int size)
{
	unsigned int min_objects = SLUB_MIN_OBJECTS;
	unsigned int max_objects = (PAGE_SIZE << SLUB_MAX_ORDER) / size;
	unsigned int fract, order;

	min_objects = min(min_objects, max_objects);
	while (min_objects >= 1) {
		for (fract = 16; fract >= 4; fract /= 2) {
			order = get_order((unsigned long)min_objects * size);
			for (; order <= SLUB_MAX_ORDER; order++) {
				unsigned long bytes = PAGE_SIZE << order;

				if (bytes / size > MAX_OBJS_PER_SLAB)
					break;
				if (bytes % size <= bytes / fract)
					return order;
			}
		}
		min_objects--;
	}
	return get_order(size);
}

/* Lay out and initialise @s; returns 0 or -errno. */
static int cache_setup(struct kmem_cache *s, const char *name,
		       unsigned int size, unsigned int align,
		       slab_flags_t flags, void (*ctor)(void *))
{
	unsigned int off;
	size_t len = strlen(name) + 1;
	char *copy;

	if (!size)
		return -EINVAL;
	copy = host_calloc(1, len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	s->name = copy;
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	s->align = calculate_alignment(flags, align, size);
	off = ALIGN(size, sizeof(void *));
	if (ctor || (flags & (SLAB_POISON | SLAB_RED_ZONE | SLAB_TYPESAFE_BY_RCU))) {
		/* The state word goes after the object (and its red zone). */
		if (flags & SLAB_RED_ZONE)
			off += sizeof(void *);
		s->meta = off;
		off += sizeof(void *);
		s->head.usable = (flags & SLAB_DEBUG_MASK) ? size : s->meta;
	} else {
		s->meta = 0;
		s->head.usable = 0;
	}
	s->size = roundup(off, s->align);
	if (!s->head.usable)
		s->head.usable = s->size;
	s->order = calculate_order(s->size);
	if (s->order >= MAX_ORDER)
		return -EINVAL;
	s->objects = (PAGE_SIZE << s->order) / s->size;
	s->recip = ((1ULL << 32) + s->size - 1) / s->size;
	s->slab_mask = (PAGE_SIZE << s->order) - 1;
	s->allocflags = s->order ? __GFP_COMP : 0;
	s->zone = ZONE_NORMAL;
	if (flags & SLAB_CACHE_DMA) {
		s->allocflags |= __GFP_DMA;
		s->zone = ZONE_DMA;
	} else if (flags & SLAB_CACHE_DMA32) {
		s->allocflags |= __GFP_DMA32;
		s->zone = ZONE_DMA32;
	}
	s->max_empty = clamp((unsigned int)ilog2(s->size) / 2,
			     (unsigned int)MIN_PARTIAL,
			     (unsigned int)MAX_PARTIAL);
	if (s->size <= 256) {
		s->mag_limit = 128;
	} else if (s->size <= 1024) {
		s->mag_limit = 64;
	} else if (s->size <= 4096) {
		s->mag_limit = 32;
	} else {
		s->mag_limit = 16;
	}
	s->mag_batch = s->mag_limit / 2;
	spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	INIT_LIST_HEAD(&s->empty);
	return 0;
}

/* Give @s a magazine slot and list it.  Under slab_mutex. */
static void cache_register(struct kmem_cache *s)
{
	unsigned int i;
	const unsigned int bits = 8 * sizeof(unsigned long);

	s->slot = NO_SLOT;
	for (i = 0; i < SLAB_SLOTS; i++) {
		if (!(slot_map[i / bits] & (1UL << (i % bits)))) {
			slot_map[i / bits] |= 1UL << (i % bits);
			s->slot = i;
			break;
		}
	}
	list_add_tail(&s->list, &slab_caches);
}

static void cache_free(struct kmem_cache *s)
{
	host_free((void *)s->name);
	host_free(s);
}

static void __noreturn slab_panic(const char *name, int err)
{
	printk(KERN_EMERG "Kernel panic - not syncing: kmem_cache_create: Failed to create slab '%s'. Error %d\n",
	       name, err);
	dump_stack();
	host_abort();
}

/**
 * kmem_cache_create_usercopy - create a cache with a usercopy region
 * @name: the cache's name (copied)
 * @size: object size
 * @align: required object alignment
 * @flags: SLAB_* flags
 * @useroffset: start of the region copy_to/from_user may touch
 * @usersize: its size
 * @ctor: constructor run on each object of each new slab, or NULL
 *
 * As 6.1: refuses a NULL name, interrupt context and sizes beyond
 * KMALLOC_MAX_SIZE ("integrity check failed"), flags outside
 * SLAB_FLAGS_PERMITTED (-EINVAL); a failure warns and returns NULL, or
 * panics with SLAB_PANIC.  Alignment as SLUB's calculate_alignment().
 * Caches are never merged.  The usercopy region is recorded only.
 * Context: process; may sleep.
 * Return: the cache, or NULL.
 */
struct kmem_cache *kmem_cache_create_usercopy(const char *name,
		unsigned int size, unsigned int align, slab_flags_t flags,
		unsigned int useroffset, unsigned int usersize,
		void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	int err = 0;

	compat_init();
	might_sleep();
	if (!name || in_interrupt() || size > KMALLOC_MAX_SIZE) {
		pr_err("kmem_cache_create(%s) integrity check failed\n",
		       name ? name : "(null)");
		err = -EINVAL;
		goto out;
	}
	WARN_ON(strchr(name, ' '));
	if (flags & ~SLAB_FLAGS_PERMITTED) {
		err = -EINVAL;
		goto out;
	}
	if (WARN_ON(!usersize && useroffset) ||
	    WARN_ON(size < usersize || size - usersize < useroffset))
		usersize = useroffset = 0;

	s = host_calloc(1, sizeof(*s));
	if (!s) {
		err = -ENOMEM;
		goto out;
	}
	err = cache_setup(s, name, size, align, flags, ctor);
	if (err) {
		cache_free(s);
		goto out;
	}
	s->useroffset = useroffset;
	s->usersize = usersize;
	host_mutex_lock(&slab_mutex);
	cache_register(s);
	host_mutex_unlock(&slab_mutex);
out:
	if (err) {
		if (flags & SLAB_PANIC)
			slab_panic(name ? name : "(null)", err);
		pr_warn("kmem_cache_create_usercopy(%s) failed with error %d\n",
			name ? name : "(null)", err);
		dump_stack();
		return NULL;
	}
	return s;
}
EXPORT_SYMBOL(kmem_cache_create_usercopy);

/**
 * kmem_cache_create - create a cache of equal-sized objects
 * @name: the cache's name (copied)
 * @size: object size
 * @align: required object alignment (at least 8 is always given)
 * @flags: SLAB_HWCACHE_ALIGN, SLAB_CACHE_DMA, SLAB_CACHE_DMA32,
 *	SLAB_PANIC, SLAB_POISON, SLAB_RED_ZONE...
 * @ctor: constructor run on each object when its slab is created
 *
 * Context: process; may sleep.
 * Return: the cache, or NULL (see kmem_cache_create_usercopy()).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	return kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);
}
EXPORT_SYMBOL(kmem_cache_create);

/* Drain @s's slot of every thread's magazine.  Under slab_mutex. */
static void drain_all_magazines(struct kmem_cache *s)
{
	struct slab_tc *tc;

	if (s->slot == NO_SLOT)
		return;
	list_for_each_entry(tc, &slab_threads, link) {
		struct slab_mag *m = __atomic_load_n(&tc->mags[s->slot],
						     __ATOMIC_ACQUIRE);

		if (m && m->count) {
			slab_flush(s, m->objs, m->count);
			m->count = 0;
		}
	}
}

/* Free every empty slab of @s. */
static void discard_empty(struct kmem_cache *s)
{
	LIST_HEAD(discard);
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	while (!list_empty(&s->empty)) {
		struct page *page = list_first_entry(&s->empty, struct page,
						     lru);

		slab_move(s, page, SL_NONE);
		list_add(&page->lru, &discard);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	discard_list(s, &discard);
}

/* 6.1's list_slab_objects(): name the objects still allocated. */
static void list_slab_objects(struct kmem_cache *s, struct page *page)
{
	unsigned int n = page->objects, i, free_idx;
	u8 map[MAX_OBJS_PER_SLAB / 8 + 1];
	char *base = slab_base(page);
	void *p;

	memset(map, 0, sizeof(map));
	for (p = page->freelist; p; ) {
		unsigned long link = *obj_meta(s, p) & LINK_MASK;

		free_idx = obj_index(s, page, p);
		map[free_idx / 8] |= 1 << (free_idx % 8);
		p = link == LINK_END || !link || link > n ? NULL :
			base + (size_t)(link - 1) * s->size;
	}
	slab_bug(s, "Objects remaining in %s on __kmem_cache_shutdown()",
		 s->name);
	for (i = 0; i < n; i++)
		if (!(map[i / 8] & (1 << (i % 8))))
			pr_err("Object 0x%p @offset=%lu\n",
			       (void *)(base + (size_t)i * s->size),
			       (unsigned long)i * s->size);
}

/**
 * kmem_cache_destroy - destroy a cache
 * @s: the cache, or NULL (no-op)
 *
 * Drains every thread's magazine of @s and frees its slabs.  As 6.1, if
 * objects are still allocated it reports them ("Objects remaining in ...")
 * and warns "kmem_cache_destroy %s: Slab cache still has objects"; the
 * cache and the slabs holding live objects are then leaked (kept intact,
 * so freeing those objects later is still safe).
 * Context: process; may sleep.  Nobody may use @s concurrently.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	struct page *page;
	unsigned long flags;
	bool busy;

	if (unlikely(!s))
		return;
	might_sleep();
	host_mutex_lock(&slab_mutex);
	drain_all_magazines(s);
	discard_empty(s);
	spin_lock_irqsave(&s->lock, flags);
	busy = s->nr_partial || s->nr_full;
	if (busy) {
		list_for_each_entry(page, &s->partial, lru)
			list_slab_objects(s, page);
		list_for_each_entry(page, &s->full, lru)
			list_slab_objects(s, page);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (busy) {
		WARN(1, "kmem_cache_destroy %s: Slab cache still has objects when called from %p\n",
		     s->name, __builtin_return_address(0));
		host_mutex_unlock(&slab_mutex);
		return;
	}
	list_del(&s->list);
	if (s->slot != NO_SLOT) {
		const unsigned int bits = 8 * sizeof(unsigned long);

		slot_map[s->slot / bits] &= ~(1UL << (s->slot % bits));
	}
	host_mutex_unlock(&slab_mutex);
	cache_free(s);
}
EXPORT_SYMBOL(kmem_cache_destroy);

/**
 * kmem_cache_shrink - free a cache's empty slabs
 * @s: the cache
 *
 * Flushes the calling thread's magazine of @s (other threads' magazines
 * are theirs: 6.1 flushes every CPU's slab, which the emulation cannot do
 * safely while they run) and gives every empty slab back.
 * Context: process.
 * Return: 0.
 */
int kmem_cache_shrink(struct kmem_cache *s)
{
	struct slab_tc *tc = slab_tc;

	if (tc && tc != &dead_tc && s->slot != NO_SLOT) {
		struct slab_mag *m = tc->mags[s->slot];

		if (m && m->count) {
			slab_flush(s, m->objs, m->count);
			m->count = 0;
		}
	}
	discard_empty(s);
	return 0;
}
EXPORT_SYMBOL(kmem_cache_shrink);

/**
 * kmem_cache_size - the object size a cache was created with
 * @s: the cache
 * Context: any.
 */
unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}
EXPORT_SYMBOL(kmem_cache_size);

/**
 * kmem_cache_alloc - allocate an object from a cache
 * @s: the cache
 * @flags: GFP flags; __GFP_ZERO zeroes the object
 *
 * Context: any context if @flags does not allow blocking (GFP_ATOMIC,
 * GFP_NOWAIT); process context otherwise.  might_alloc() as 6.1.
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	compat_init();
	if (unlikely(!slab_pre_alloc(&flags, s->zone)))
		return NULL;
	return slab_alloc(s, flags);
}
EXPORT_SYMBOL(kmem_cache_alloc);

/**
 * kmem_cache_alloc_node - kmem_cache_alloc() on a node (one node here)
 * @s: the cache
 * @flags: GFP flags
 * @node: ignored
 * Context: as kmem_cache_alloc().
 */
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
{
	return kmem_cache_alloc(s, flags);
}
EXPORT_SYMBOL(kmem_cache_alloc_node);

/**
 * kmem_cache_free - free an object to its cache
 * @s: the cache the object came from
 * @objp: the object (NULL is ignored)
 *
 * As 6.1 with CONFIG_SLAB_FREELIST_HARDENED: an object of another cache is
 * reported ("Wrong slab cache") and freed to its own cache; an address
 * that is not in a slab is reported and ignored.  Invalid and double frees
 * are reported and ignored.
 * Context: any.
 */
void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	struct page *page;
	struct kmem_cache *c;

	if (unlikely(!objp))
		return;
	page = obj_head_page(objp);
	if (unlikely(!page || !PageSlab(page))) {
		WARN(1, "%s: Object is not a Slab page!\n", "virt_to_cache");
		return;
	}
	c = page->slab_cache;
	if (unlikely(c != s))
		WARN_ONCE(1, "%s: Wrong slab cache. %s but object is from %s\n",
			  "cache_from_obj", s ? s->name : "(null)", c->name);
	slab_free(c, objp, "kmem_cache_free");
}
EXPORT_SYMBOL(kmem_cache_free);

/**
 * kmem_cache_alloc_bulk - allocate @size objects into @p
 * @s: the cache
 * @flags: GFP flags
 * @size: how many
 * @p: where to store them
 * Context: as kmem_cache_alloc().
 * Return: @size, or 0 (and nothing allocated) on failure.
 */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size,
			  void **p)
{
	size_t i;

	for (i = 0; i < size; i++) {
		p[i] = kmem_cache_alloc(s, flags);
		if (!p[i]) {
			kmem_cache_free_bulk(s, i, p);
			return 0;
		}
	}
	return (int)size;
}
EXPORT_SYMBOL(kmem_cache_alloc_bulk);

/**
 * kmem_cache_free_bulk - free @size objects of @p
 * @s: their cache, or NULL for kmalloc'ed objects (kfree_bulk())
 * @size: how many
 * @p: the objects
 * Context: any.
 */
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	size_t i;

	for (i = 0; i < size; i++) {
		if (s)
			kmem_cache_free(s, p[i]);
		else
			kfree(p[i]);
	}
}
EXPORT_SYMBOL(kmem_cache_free_bulk);

/* ---- kmalloc --------------------------------------------------------- */

static __always_inline struct kmem_cache *kmalloc_slab(size_t size,
						       gfp_t flags)
{
	unsigned int idx;

	if (size <= 192)
		idx = size_index[(size - 1) / 8];
	else
		idx = 64 - __builtin_clzl(size - 1);
	return kmalloc_caches[(flags & __GFP_DMA) ? KMALLOC_DMA :
			      KMALLOC_NORMAL][idx];
}

static noinline void *kmalloc_large_common(size_t size, gfp_t flags)
{
	unsigned int order = get_order(size);
	struct page *page;

	if (unlikely(!slab_pre_alloc(&flags, gfp_zone(flags))))
		return NULL;
	if (unlikely(order >= MAX_ORDER)) {
		/* The page allocator's WARN_ON_ONCE_GFP(order >= MAX_ORDER). */
		if (!(flags & __GFP_NOWARN))
			WARN_ON_ONCE(order >= MAX_ORDER);
		return NULL;
	}
	page = __compat_alloc_pages(flags | __GFP_COMP, order);
	return page ? page_address(page) : NULL;
}

static __always_inline void *do_kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *s;

	compat_init();
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large_common(size, flags);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	s = kmalloc_slab(size, flags);
	if (unlikely(!slab_pre_alloc(&flags, s->zone)))
		return NULL;
	return slab_alloc(s, flags);
}

/**
 * kmalloc - allocate memory
 * @size: bytes wanted
 * @flags: GFP flags; __GFP_DMA selects the dma-kmalloc caches (ZONE_DMA);
 *	__GFP_DMA32 and __GFP_HIGHMEM are "Unexpected gfp" (warned, cleared)
 *
 * Sizes round up to SLUB's kmalloc caches (8, 16, 32, 64, 96, 128, 192,
 * 256, ... 8192); power-of-two sizes are naturally aligned, every object
 * is at least 8-byte aligned.  Larger requests get compound pages.
 * kmalloc(0) returns ZERO_SIZE_PTR.
 * Context: any context with GFP_ATOMIC/GFP_NOWAIT; process with GFP_KERNEL.
 * Return: the memory, ZERO_SIZE_PTR, or NULL.
 */
void *kmalloc(size_t size, gfp_t flags)
{
	return do_kmalloc(size, flags);
}
EXPORT_SYMBOL(kmalloc);

/**
 * __kmalloc - kmalloc() (6.1's out-of-line entry)
 * @size: bytes wanted
 * @flags: GFP flags
 * Context: as kmalloc().
 */
void *__kmalloc(size_t size, gfp_t flags)
{
	return do_kmalloc(size, flags);
}
EXPORT_SYMBOL(__kmalloc);

/**
 * kmalloc_node - kmalloc() on a node (one node here)
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 * Context: as kmalloc().
 */
void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return do_kmalloc(size, flags);
}
EXPORT_SYMBOL(kmalloc_node);

/**
 * __kmalloc_node - kmalloc_node()
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 * Context: as kmalloc().
 */
void *__kmalloc_node(size_t size, gfp_t flags, int node)
{
	return do_kmalloc(size, flags);
}
EXPORT_SYMBOL(__kmalloc_node);

/**
 * __kmalloc_node_track_caller - kmalloc() on behalf of @caller
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 * @caller: ignored (6.1 traces it)
 * Context: as kmalloc().
 */
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller)
{
	return do_kmalloc(size, flags);
}
EXPORT_SYMBOL(__kmalloc_node_track_caller);

/**
 * kmalloc_large - allocate compound pages for a big kmalloc()
 * @size: bytes wanted
 * @flags: GFP flags
 * Context: as kmalloc().
 * Return: page-aligned memory of PAGE_SIZE << get_order(@size), or NULL.
 */
void *kmalloc_large(size_t size, gfp_t flags)
{
	compat_init();
	return kmalloc_large_common(size, flags);
}
EXPORT_SYMBOL(kmalloc_large);

/**
 * kmalloc_large_node - kmalloc_large() on a node (one node here)
 * @size: bytes wanted
 * @flags: GFP flags
 * @node: ignored
 * Context: as kmalloc().
 */
void *kmalloc_large_node(size_t size, gfp_t flags, int node)
{
	compat_init();
	return kmalloc_large_common(size, flags);
}
EXPORT_SYMBOL(kmalloc_large_node);

static noinline void free_large_kmalloc(struct page *page, void *object)
{
	if (unlikely(object != page_address(page) || PageReserved(page) ||
		     PageVmalloc(page))) {
		WARN(1, "kfree: invalid pointer 0x%p (not a kmalloc object)\n",
		     object);
		return;
	}
	if (unlikely(PageBuddy(page) || !page_count(page))) {
		WARN(1, "kfree: double free of 0x%p (its pages are free)\n",
		     object);
		return;
	}
	if (WARN_ON_ONCE(compound_order(page) == 0))
		pr_warn_once("object pointer: 0x%p\n", object);
	__free_pages(page, compound_order(page));
}

/**
 * kfree - free memory from kmalloc()
 * @objp: the memory; NULL and ZERO_SIZE_PTR are ignored
 *
 * Finds the cache through virt_to_head_page(@objp)->slab_cache; non-slab
 * (large) allocations go back to the page allocator.  An address that is
 * not an object's start, or an object already free, is reported (SLUB's
 * "Invalid object pointer" / "Object already free", and a WARN) and the
 * free is ignored.
 * Context: any.
 */
void kfree(const void *objp)
{
	struct page *page;
	void *x = (void *)objp;

	if (unlikely(ZERO_OR_NULL_PTR(x)))
		return;
	page = obj_head_page(x);
	if (unlikely(!page)) {
		WARN(1, "kfree: pointer 0x%p is outside the kernel direct map\n",
		     x);
		return;
	}
	if (unlikely(!PageSlab(page))) {
		free_large_kmalloc(page, x);
		return;
	}
	slab_free(page->slab_cache, x, "kfree");
}
EXPORT_SYMBOL(kfree);

/**
 * __ksize - the usable size of a kmalloc'ed object
 * @objp: the object
 * Context: any.
 * Return: the size of its cache's objects (or of its pages), 0 for
 * ZERO_SIZE_PTR or an address kmalloc did not return (with a WARN).
 */
size_t __ksize(const void *objp)
{
	struct page *page;

	if (unlikely(objp == ZERO_SIZE_PTR))
		return 0;
	page = obj_head_page(objp);
	if (WARN_ON(!page))
		return 0;
	if (unlikely(!PageSlab(page))) {
		if (WARN_ON((PAGE_SIZE << compound_order(page)) <=
			    KMALLOC_MAX_CACHE_SIZE))
			return 0;
		if (WARN_ON(objp != page_address(page)))
			return 0;
		return PAGE_SIZE << compound_order(page);
	}
	return page->slab_cache->head.usable;
}
EXPORT_SYMBOL(__ksize);

/* __ksize for __compat_call_nosave (ksize() in <linux/slab.h>). */
unsigned long __compat_ksize_arg(unsigned long objp)
{
	return __ksize((const void *)objp);
}


/**
 * kmalloc_size_roundup - the size kmalloc() would really give for @size
 * @size: bytes
 * Context: any.
 */
size_t kmalloc_size_roundup(size_t size)
{
	compat_init();
	if (unlikely(size == 0))
		return 0;
	if (unlikely(size == SIZE_MAX))
		return SIZE_MAX;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return PAGE_SIZE << get_order(size);
	return kmalloc_slab(size, GFP_KERNEL)->object_size;
}
EXPORT_SYMBOL(kmalloc_size_roundup);

/**
 * krealloc - resize a kmalloc'ed object, keeping its contents
 * @p: the object, or NULL/ZERO_SIZE_PTR (then it is kmalloc())
 * @new_size: new size; 0 frees @p and returns ZERO_SIZE_PTR
 * @flags: GFP flags
 *
 * As 6.1: if the object's ksize() already holds @new_size it is returned
 * as is (the spare tail zeroed with __GFP_ZERO); otherwise a new object
 * gets the old contents and the old one is freed.  On failure @p is
 * untouched and NULL is returned.
 * Context: as kmalloc().
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks = 0;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (likely(!ZERO_OR_NULL_PTR(p)))
		ks = __ksize(p);
	if (ks >= new_size) {
		if (flags & __GFP_ZERO)
			memset((char *)p + new_size, 0, ks - new_size);
		return (void *)p;
	}
	ret = do_kmalloc(new_size, flags);
	if (ret && !ZERO_OR_NULL_PTR(p)) {
		memcpy(ret, p, ks);
		kfree(p);
	}
	return ret;
}
EXPORT_SYMBOL(krealloc);

/**
 * kfree_sensitive - zero an object's whole usable size, then kfree() it
 * @p: the object, or NULL
 * Context: any.
 */
void kfree_sensitive(const void *p)
{
	size_t ks = ksize(p);

	if (ks)
		memset((void *)p, 0, ks);
	kfree(p);
}
EXPORT_SYMBOL(kfree_sensitive);

/* ---- set-up ---------------------------------------------------------- */

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = "96", [2] = "192", [3] = "8", [4] = "16", [5] = "32",
	[6] = "64", [7] = "128", [8] = "256", [9] = "512", [10] = "1k",
	[11] = "2k", [12] = "4k", [13] = "8k",
};

static unsigned int kmalloc_index_size(unsigned int idx)
{
	if (idx == 1)
		return 96;
	if (idx == 2)
		return 192;
	return 1U << idx;
}

/* Create the kmalloc caches (called once by compat_init()). */
void compat_slab_init(void)
{
	unsigned int type, idx;

	BUILD_BUG_ON(KMALLOC_SHIFT_HIGH != 13);
	host_mutex_init(&slab_mutex);
	slab_direct_map = (unsigned long)__compat_direct_map;
	slab_mem_map = __compat_mem_map;
	slab_max_pfn = __compat_max_pfn;
	slab_secret = mix64(host_now_ns() ^ (unsigned long)&slab_secret ^
			    ((unsigned long)host_realtime_ns() << 17));
	slab_secret |= 1UL << 63;	/* never all zero */
	for (type = 0; type < NR_KMALLOC_TYPES; type++) {
		for (idx = 1; idx <= KMALLOC_SHIFT_HIGH; idx++) {
			struct kmem_cache *s = host_calloc(1, sizeof(*s));
			char name[32];

			if (!s)
				compat_fatal("slab: out of host memory");
			snprintf(name, sizeof(name), "%skmalloc-%s",
				 type == KMALLOC_DMA ? "dma-" : "",
				 kmalloc_names[idx]);
			if (cache_setup(s, name, kmalloc_index_size(idx),
					ARCH_KMALLOC_MINALIGN,
					SLAB_KMALLOC | (type == KMALLOC_DMA ?
							SLAB_CACHE_DMA : 0),
					NULL))
				compat_fatal("slab: cannot set up %s", name);
			cache_register(s);
			kmalloc_caches[type][idx] = s;
		}
	}
}
