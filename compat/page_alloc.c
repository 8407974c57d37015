// SPDX-License-Identifier: MIT
/*
 * page_alloc.c - the buddy page allocator of the simulated memory (6.1).
 *
 * Theory: each zone has free lists of naturally aligned blocks of 2^order
 * frames, order 0..MAX_ORDER-1, linked through page->lru.  The head of a
 * free block has PG_buddy and private = order; every other frame of a free
 * block has flags 0 and refcount 0.  Allocation takes the smallest block
 * that fits and gives back the upper halves (expand); freeing merges with
 * the buddy (pfn ^ (1 << order)) while it is a free block of the same
 * order inside the zone.  All of it is done under the zone's spin lock,
 * with interrupts masked, so __free_pages() is legal in any context.
 * zone->free_pages counts the free frames (under the lock).
 *
 * Policy as 6.1's __alloc_pages(): the zonelist is gfp_zone() and below
 * (NORMAL -> DMA32 -> DMA); a zone is used only above its min watermark
 * (adjusted by gfp_to_alloc_flags: __GFP_HIGH halves it, non-blocking
 * __GFP_HIGH takes a further quarter) plus lowmem_reserve[gfp_zone()];
 * __GFP_MEMALLOC ignores watermarks unless __GFP_NOMEMALLOC.  There is no
 * kswapd and nothing reclaimable, so the slow path's "reclaim / OOM killer
 * made progress" becomes "some page was freed": requests that 6.1 retries
 * forever (blocking, order <= PAGE_ALLOC_COSTLY_ORDER, no __GFP_NORETRY or
 * __GFP_RETRY_MAYFAIL, highest zone NORMAL - lowmem requests skip the OOM
 * killer and fail - or __GFP_NOFAIL) sleep on NODE_DATA(0)->pages_freed and
 * retry; the rest fail at once with warn_alloc()'s message.
 *
 * Lost wake-ups: a waiter raises nr_waiters before it samples free_gen and
 * tries; a freer bumps free_gen after freeing and then reads nr_waiters
 * (all sequentially consistent), so either the waiter sees the new
 * generation or the freer sees the waiter and wakes the queue.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <svr5compat/physmem.h>
#include <svr5compat/fault.h>
#include "internal.h"

/* mm/internal.h alloc_flags, the ones that mean something here. */
#define ALLOC_WMARK_MIN		0x00
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_NON_BLOCK		0x10
#define ALLOC_MIN_RESERVE	0x20
#define ALLOC_RESERVES		(ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE)

/* WARN_ON_ONCE_GFP() of 6.1: silent with __GFP_NOWARN. */
#define WARN_ON_ONCE_GFP(cond, gfp) ({					\
	static bool __warned_gfp;					\
	int __ret_gfp = !!(cond);					\
	if (unlikely(__ret_gfp && !((gfp) & __GFP_NOWARN) &&		\
		     !__warned_gfp)) {					\
		__warned_gfp = true;					\
		WARN_ON(1);						\
	}								\
	unlikely(__ret_gfp);						\
})

static const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_DMA32] = 256, [ZONE_NORMAL] = 32,
};
static const int watermark_scale_factor = 10;
static int min_free_kbytes = 1024;

static unsigned long free_gen;		/* bumped after every free */
static int nr_waiters;			/* requests that may sleep for a free */

static inline struct zone *zone_of(int idx)
{
	return &NODE_DATA(0)->node_zones[idx];
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->present_pages;
}

/* ---------------------------------------------------------------- buddy */

static inline void add_to_free_list(struct zone *zone, struct page *page,
				    unsigned int order)
{
	__SetPageBuddy(page);
	page->private = order;
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

/* Boot-time freeing goes to the tail (FPI_TO_TAIL): low addresses first. */
static inline void add_to_free_list_tail(struct zone *zone, struct page *page,
					 unsigned int order)
{
	__SetPageBuddy(page);
	page->private = order;
	list_add_tail(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
}

static inline void del_from_free_list(struct zone *zone, struct page *page,
				      unsigned int order)
{
	list_del_init(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Take a block of @order from @zone, splitting a larger one if needed. */
static struct page *rmqueue(struct zone *zone, unsigned int order)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_list(zone, page, o);
		while (o > order) {
			o--;
			add_to_free_list(zone, page + (1UL << o), o);
		}
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* Give the block at @page back to @zone, merging with free buddies. */
static void merge_free(struct zone *zone, struct page *page,
		       unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long start = zone->zone_start_pfn, end = zone_end_pfn(zone);

	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn < start || buddy_pfn >= end)
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!PageBuddy(buddy) || buddy->private != order)
			break;
		del_from_free_list(zone, buddy, order);
		pfn &= buddy_pfn;
		order++;
	}
	add_to_free_list(zone, pfn_to_page(pfn), order);
}

/* ------------------------------------------------------ bad page checks */

static const char *page_flag_names(unsigned long flags, char *buf, size_t len)
{
	static const char *const names[__NR_PAGEFLAGS] = {
		"reserved", "buddy", "slab", "head", "tail", "vmalloc",
	};
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < __NR_PAGEFLAGS; i++)
		if (flags & (1UL << i))
			n += scnprintf(buf + n, len - n, "%s%s",
				       n ? "|" : "", names[i]);
	return buf;
}

/* 6.1's bad_page(): report, taint (count a WARN), leave the page alone. */
static void bad_page(struct page *page, const char *reason)
{
	char flags[64];

	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n",
		 current->comm, page_to_pfn(page));
	pr_alert("page:%p refcount:%d mapcount:0 mapping:0000000000000000 "
		 "index:0x0 pfn:%#lx\n", (void *)page,
		 atomic_read(&page->_refcount), page_to_pfn(page));
	pr_alert("flags: %#lx(%s)\n", page->flags,
		 page_flag_names(page->flags, flags, sizeof(flags)));
	pr_alert("page dumped because: %s\n", reason);
	dump_stack();
	compat_count_warn();
}

#define PAGE_FLAGS_CHECK_AT_FREE \
	((1UL << PG_reserved) | (1UL << PG_slab) | (1UL << PG_buddy))

/*
 * free_pages_prepare() of 6.1: check every frame of the block, clear what
 * the owners left.  False (the block is leaked, as in 6.1) if anything is
 * wrong, so a bad free never reaches the free lists.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	bool compound = PageHead(page);
	unsigned long i, nr = 1UL << order;
	int bad = 0;

	if (unlikely(PageTail(page))) {
		bad_page(page, "freeing a tail page of a compound page");
		return false;
	}
	if (unlikely(compound && page->compound_order != order)) {
		bad_page(page, "compound order does not match the free order");
		return false;
	}
	if (unlikely(page->flags & PAGE_FLAGS_CHECK_AT_FREE)) {
		bad_page(page, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set");
		return false;
	}
	for (i = 1; i < nr; i++) {
		struct page *p = page + i;

		if (compound) {
			if (unlikely(!PageTail(p) || p->compound_head != page)) {
				bad_page(p, "corrupted compound tail page");
				bad++;
				continue;
			}
		}
		if (unlikely(atomic_read(&p->_refcount) != 0)) {
			bad_page(p, "nonzero _refcount");
			bad++;
			continue;
		}
		if (unlikely(p->flags & PAGE_FLAGS_CHECK_AT_FREE)) {
			bad_page(p, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set");
			bad++;
		}
	}
	if (bad)
		return false;
	for (i = 0; i < nr; i++) {
		struct page *p = page + i;

		p->flags = 0;
		p->private = 0;
		p->compound_head = NULL;
		p->compound_order = 0;
		p->slab_cache = NULL;
		p->freelist = NULL;
		p->virtual = NULL;
	}
	return true;
}

static void wake_allocators(void)
{
	__atomic_fetch_add(&free_gen, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&nr_waiters, __ATOMIC_SEQ_CST))
		wake_up_all(&NODE_DATA(0)->pages_freed);
}

/* The block's refcount is already 0: check it and give it back. */
static void free_the_page(struct page *page, unsigned int order)
{
	struct zone *zone;
	unsigned long flags;

	if (!free_pages_prepare(page, order))
		return;
	zone = page_zone(page);
	spin_lock_irqsave(&zone->lock, flags);
	merge_free(zone, page, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	wake_allocators();
}

/**
 * __free_pages - drop a reference to an allocation of 2^@order pages
 * @page: the first page, as returned by alloc_pages()
 * @order: the order it was allocated with
 *
 * Context: any context, hardirq included; never sleeps.
 *
 * As 6.1: the block is freed when the last reference goes; if other
 * references remain on a non-compound block, all but its first page are
 * freed.  A free of a page that is not allocated (double free, refcount
 * 0, buddy or reserved page) is reported as "BUG: Bad page state" and the
 * page is left alone, so the free lists stay intact.
 */
void __free_pages(struct page *page, unsigned int order)
{
	bool head;
	int old;

	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(order >= MAX_ORDER);
		return;
	}
	head = PageHead(page);
	old = atomic_fetch_add(-1, &page->_refcount);
	if (likely(old == 1)) {
		free_the_page(page, order);
		return;
	}
	if (unlikely(old <= 0)) {
		atomic_inc(&page->_refcount);
		bad_page(page, PageBuddy(page) ? "freeing a free page (double free)"
			 : "freeing a page that is not allocated (refcount 0)");
		return;
	}
	if (!head)
		while (order-- > 0)
			free_the_page(page + (1UL << order), order);
}
EXPORT_SYMBOL(__free_pages);

/**
 * free_pages - __free_pages() by direct-map address
 * @addr: address from __get_free_pages(), or 0 (ignored)
 * @order: its order
 *
 * Context: any; never sleeps.
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0)
		__free_pages(virt_to_page((void *)addr), order);
}
EXPORT_SYMBOL(free_pages);

/* ------------------------------------------------------------ allocation */

static unsigned int gfp_to_alloc_flags(gfp_t gfp, unsigned int order)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_MIN_RESERVE;
	if (!(gfp & __GFP_DIRECT_RECLAIM) && !(gfp & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_NON_BLOCK;
	return alloc_flags;
}

static bool zone_watermark_ok(struct zone *z, unsigned int order,
			      int highest_zoneidx, unsigned int alloc_flags)
{
	long min = min_wmark_pages(z);
	long free_pages = (long)z->free_pages - ((1L << order) - 1);
	unsigned int o;

	if (alloc_flags & ALLOC_RESERVES) {
		if (alloc_flags & ALLOC_MIN_RESERVE) {
			min -= min / 2;
			if (alloc_flags & ALLOC_NON_BLOCK)
				min -= min / 4;
		}
	}
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return false;
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	atomic_set(&page->_refcount, 1);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	if (order && (gfp & __GFP_COMP)) {
		unsigned long i, nr = 1UL << order;

		__SetPageHead(page);
		page->compound_order = order;
		for (i = 1; i < nr; i++) {
			__SetPageTail(page + i);
			page[i].compound_head = page;
		}
	}
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags,
					   int highest_zoneidx)
{
	int z;

	for (z = highest_zoneidx; z >= 0; z--) {
		struct zone *zone = zone_of(z);
		struct page *page = NULL;
		unsigned long flags;

		if (!zone->managed_pages)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		if ((alloc_flags & ALLOC_NO_WATERMARKS) ||
		    zone_watermark_ok(zone, order, highest_zoneidx, alloc_flags))
			page = rmqueue(zone, order);
		spin_unlock_irqrestore(&zone->lock, flags);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
	}
	return NULL;
}

static const struct {
	gfp_t mask;
	const char *name;
} gfp_names[] = {
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
};

/*
 * compat_gfp_string - %pGg of 6.1: composite names first, then single
 * flags, then the rest in hex.  Shared by every allocator's messages.
 */
const char *compat_gfp_string(gfp_t gfp, char *buf, size_t len)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask)
			continue;
		gfp &= ~gfp_names[i].mask;
		n += scnprintf(buf + n, len - n, "%s%s", n ? "|" : "",
			       gfp_names[i].name);
	}
	if (gfp)
		n += scnprintf(buf + n, len - n, "%s%#x", n ? "|" : "", gfp);
	if (!n)
		scnprintf(buf, len, "none");
	return buf;
}

static void show_free_areas(void)
{
	int z;

	pr_warn("Mem-Info:\n");
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct compat_zone_info zi;
		char line[256];
		size_t n = 0;
		unsigned long total = 0;
		int o;

		if (!compat_zone_info(z, &zi))
			continue;
		pr_warn("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB "
			"present:%lukB managed:%lukB\n", zi.name,
			zi.free_pages * 4, zi.min_wmark * 4,
			low_wmark_pages(zone_of(z)) * 4,
			high_wmark_pages(zone_of(z)) * 4,
			zi.present_pages * 4, zi.managed_pages * 4);
		for (o = 0; o < MAX_ORDER; o++) {
			n += scnprintf(line + n, sizeof(line) - n, "%lu*%lukB ",
				       zi.free_blocks[o], 4UL << o);
			total += zi.free_blocks[o] << o;
		}
		pr_warn("Node 0 %s: %s= %lukB\n", zi.name, line, total * 4);
	}
}

static bool has_managed_dma(void)
{
	return zone_of(ZONE_DMA)->managed_pages != 0;
}

/* warn_alloc() of 6.1: one report per 10 s (nopage_rs), none with NOWARN. */
static void warn_alloc(gfp_t gfp, unsigned int order)
{
	static u64 last_ns;
	u64 now, last;
	char names[256];

	if ((gfp & __GFP_NOWARN) || ((gfp & __GFP_DMA) && !has_managed_dma()))
		return;
	now = host_now_ns();
	last = __atomic_load_n(&last_ns, __ATOMIC_RELAXED);
	if (last && now - last < 10ULL * NSEC_PER_SEC)
		return;
	if (!__atomic_compare_exchange_n(&last_ns, &last, now, false,
					 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	pr_warn("%s: page allocation failure: order:%u, mode:%#x(%s), "
		"nodemask=(null)\n", current->comm, order, gfp,
		compat_gfp_string(gfp, names, sizeof(names)));
	dump_stack();
	show_free_areas();
}

/* Sleep until some page is freed after generation @gen (or 1 s passes). */
static void wait_for_free(unsigned long gen, u64 start_ns, bool *stall_warned,
			  gfp_t gfp, unsigned int order)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	wait_event_timeout(pgdat->pages_freed,
			   __atomic_load_n(&free_gen, __ATOMIC_SEQ_CST) != gen,
			   HZ);
	if (!*stall_warned && host_now_ns() - start_ns > 10ULL * NSEC_PER_SEC) {
		char names[256];

		*stall_warned = true;
		pr_warn("%s: page allocation stalls for more than 10 s, "
			"order:%u, mode:%#x(%s): waiting for pages to be "
			"freed\n", current->comm, order, gfp,
			compat_gfp_string(gfp, names, sizeof(names)));
	}
}

static struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order,
					 int highest_zoneidx)
{
	bool can_direct_reclaim = gfp & __GFP_DIRECT_RECLAIM;
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	bool stall_warned = false;
	unsigned int alloc_flags;
	struct page *page = NULL;
	u64 start_ns = 0;
	unsigned long gen;

	if (WARN_ON_ONCE((gfp & (__GFP_ATOMIC | __GFP_DIRECT_RECLAIM)) ==
			 (__GFP_ATOMIC | __GFP_DIRECT_RECLAIM)))
		gfp &= ~__GFP_ATOMIC;

	alloc_flags = gfp_to_alloc_flags(gfp, order);
	if ((gfp & __GFP_MEMALLOC) && !(gfp & __GFP_NOMEMALLOC))
		alloc_flags = ALLOC_NO_WATERMARKS;

	if (can_direct_reclaim) {
		__atomic_fetch_add(&nr_waiters, 1, __ATOMIC_SEQ_CST);
		start_ns = host_now_ns();
	}
retry:
	gen = __atomic_load_n(&free_gen, __ATOMIC_SEQ_CST);
	page = get_page_from_freelist(gfp, order, alloc_flags, highest_zoneidx);
	if (page)
		goto got_pg;
	if (!can_direct_reclaim)
		goto nopage;
	/* Direct reclaim and compaction find nothing here. */
	if (gfp & __GFP_NORETRY)
		goto nopage;
	if (costly_order)
		goto nopage;	/* no OOM kill for costly orders either */
	/* __alloc_pages_may_oom(): when 6.1 would call the OOM killer. */
	if (gfp & __GFP_RETRY_MAYFAIL)
		goto nopage;
	if (highest_zoneidx < ZONE_NORMAL)
		goto nopage;
	if (gfp & __GFP_NOFAIL) {
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS,
					      highest_zoneidx);
		if (page)
			goto got_pg;
	}
	wait_for_free(gen, start_ns, &stall_warned, gfp, order);
	goto retry;

nopage:
	if (gfp & __GFP_NOFAIL) {
		if (WARN_ON_ONCE_GFP(!can_direct_reclaim, gfp))
			goto fail;
		WARN_ON_ONCE_GFP(costly_order, gfp);
		page = get_page_from_freelist(gfp, order, ALLOC_MIN_RESERVE,
					      highest_zoneidx);
		if (page)
			goto got_pg;
		wait_for_free(gen, start_ns, &stall_warned, gfp, order);
		goto retry;
	}
fail:
	warn_alloc(gfp, order);
got_pg:
	if (can_direct_reclaim)
		__atomic_fetch_sub(&nr_waiters, 1, __ATOMIC_SEQ_CST);
	return page;
}

/* The allocation proper, after the entry checks. */
static struct page *alloc_pages_core(gfp_t gfp, unsigned int order)
{
	int highest_zoneidx;
	struct page *page;

	/* 6.1's GFP_ZONE_BAD: __GFP_DMA with __GFP_DMA32 has no zone. */
	BUG_ON((gfp & (__GFP_DMA | __GFP_DMA32)) == (__GFP_DMA | __GFP_DMA32));
	highest_zoneidx = gfp_zone(gfp);
	page = get_page_from_freelist(gfp, order, gfp_to_alloc_flags(gfp, order),
				      highest_zoneidx);
	if (likely(page))
		return page;
	return alloc_pages_slowpath(gfp, order, highest_zoneidx);
}

/* Entry checks of __alloc_pages()/prepare_alloc_pages(); NULL = fail now. */
static bool alloc_pages_prepare(gfp_t gfp, unsigned int order)
{
	compat_init();
	if (WARN_ON_ONCE_GFP(order >= MAX_ORDER, gfp))
		return false;
	might_alloc(gfp);
	if (__compat_should_fail(COMPAT_FAULT_PAGE, gfp, gfp_zone(gfp)) &&
	    !(gfp & __GFP_NOFAIL))
		return false;
	return true;
}

/**
 * alloc_pages - allocate 2^@order physically contiguous pages
 * @gfp: GFP flags
 * @order: 0 .. MAX_ORDER - 1
 *
 * Context: may sleep if @gfp allows blocking (might_alloc() checks).
 * Returns the first struct page (refcount 1) or NULL.  As 6.1: zonelist
 * from gfp_zone() down, watermarks and lowmem_reserve, __GFP_ZERO,
 * __GFP_COMP, order >= MAX_ORDER warns (unless __GFP_NOWARN) and fails,
 * and the slow path's retry rules (see the theory comment).
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	if (!alloc_pages_prepare(gfp, order))
		return NULL;
	return alloc_pages_core(gfp, order);
}
EXPORT_SYMBOL(alloc_pages);

/**
 * alloc_pages_node - alloc_pages() on node @nid
 * @nid: node id, or NUMA_NO_NODE; there is one node
 * @gfp: GFP flags
 * @order: allocation order
 *
 * Context: as alloc_pages().
 */
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return alloc_pages(gfp, order);
}
EXPORT_SYMBOL(alloc_pages_node);

struct page *__compat_alloc_pages(gfp_t gfp, unsigned int order)
{
	compat_init();
	if (WARN_ON_ONCE_GFP(order >= MAX_ORDER, gfp))
		return NULL;
	return alloc_pages_core(gfp, order);
}

/**
 * __get_free_pages - allocate pages and return their direct-map address
 * @gfp: GFP flags (__GFP_HIGHMEM is ignored, as 6.1 masks it)
 * @order: allocation order
 *
 * Context: as alloc_pages().  Returns 0 on failure.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	if (!page)
		return 0;
	return (unsigned long)page_address(page);
}
EXPORT_SYMBOL(__get_free_pages);

/**
 * get_zeroed_page - one zeroed page, by address
 * @gfp: GFP flags
 *
 * Context: as alloc_pages().  Returns 0 on failure.
 */
unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}
EXPORT_SYMBOL(get_zeroed_page);

/**
 * split_page - make a non-compound order-@order allocation 2^@order pages
 * @page: first page of the allocation
 * @order: its order
 *
 * Context: any.  As 6.1: every page gets refcount 1 and can then be freed
 * alone with __free_page().  Compound pages cannot be split (warns).
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	if (WARN_ON_ONCE(PageHead(page) || PageTail(page)))
		return;
	for (i = 1; i < (1UL << order); i++)
		atomic_set(&page[i]._refcount, 1);
}
EXPORT_SYMBOL(split_page);

/**
 * alloc_pages_exact - allocate exactly PAGE_ALIGN(@size) bytes of pages
 * @size: bytes
 * @gfp: GFP flags; __GFP_COMP and __GFP_HIGHMEM are refused (warn, masked)
 *
 * Context: as alloc_pages().  As 6.1: allocates get_order(@size), splits it
 * and frees the pages beyond PAGE_ALIGN(@size) at once.  Free with
 * free_pages_exact().
 */
void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	unsigned long nr, i;
	struct page *page;

	if (WARN_ON_ONCE(gfp & (__GFP_COMP | __GFP_HIGHMEM)))
		gfp &= ~(__GFP_COMP | __GFP_HIGHMEM);
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	nr = DIV_ROUND_UP(size, PAGE_SIZE);
	for (i = 1; i < nr; i++)
		atomic_set(&page[i]._refcount, 1);
	for (i = nr; i < (1UL << order); i++)
		free_the_page(page + i, 0);
	return page_address(page);
}
EXPORT_SYMBOL(alloc_pages_exact);

/**
 * free_pages_exact - free memory from alloc_pages_exact()
 * @virt: the address it returned
 * @size: the size given to it
 *
 * Context: any; never sleeps.
 */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + PAGE_ALIGN(size);

	while (addr < end) {
		free_pages(addr, 0);
		addr += PAGE_SIZE;
	}
}
EXPORT_SYMBOL(free_pages_exact);

/**
 * totalram_pages - managed pages of all zones
 *
 * Context: any.
 */
unsigned long totalram_pages(void)
{
	unsigned long n = 0;
	int z;

	compat_init();
	for (z = 0; z < MAX_NR_ZONES; z++)
		n += zone_of(z)->managed_pages;
	return n;
}
EXPORT_SYMBOL(totalram_pages);

/**
 * nr_free_pages - free pages of all zones
 *
 * Context: any.
 */
unsigned long nr_free_pages(void)
{
	unsigned long n = 0;
	int z;

	compat_init();
	for (z = 0; z < MAX_NR_ZONES; z++)
		n += READ_ONCE(zone_of(z)->free_pages);
	return n;
}
EXPORT_SYMBOL(nr_free_pages);

/* --------------------------------------------------------- set-up */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (8 * sizeof(long) - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/* init_per_zone_wmark_min(): min_free_kbytes, watermarks, lowmem_reserve. */
static void setup_watermarks(void)
{
	unsigned long lowmem_pages = 0, lowmem_kbytes, pages_min;
	long new_min;
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++)
		lowmem_pages += zone_of(i)->managed_pages;
	/* nr_free_buffer_pages(): managed minus high watermark (0 now). */
	lowmem_kbytes = lowmem_pages * (PAGE_SIZE >> 10);
	new_min = int_sqrt(lowmem_kbytes * 16);
	min_free_kbytes = clamp(new_min, 128L, 262144L);
	pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = zone_of(i);
		unsigned long managed = zone->managed_pages;
		u64 tmp;

		tmp = lowmem_pages ? (u64)pages_min * managed / lowmem_pages : 0;
		zone->_watermark[WMARK_MIN] = tmp;
		tmp = max_t(u64, tmp >> 2,
			    managed / 10000 * watermark_scale_factor +
			    managed % 10000 * watermark_scale_factor / 10000);
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + tmp;
	}

	for (i = 0; i < MAX_NR_ZONES - 1; i++) {
		struct zone *zone = zone_of(i);
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone->managed_pages;
		unsigned long managed = 0;

		for (j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += zone_of(j)->managed_pages;
			zone->lowmem_reserve[j] = clear ? 0 : managed / ratio;
		}
	}
}

/*
 * compat_page_alloc_init - give every present, unreserved frame to the
 * buddy allocator as maximal naturally aligned blocks, then compute the
 * watermarks.  Called once, after compat_physmem_init().
 */
void compat_page_alloc_init(void)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = zone_of(z);
		unsigned long pfn = zone->zone_start_pfn;
		unsigned long end = zone_end_pfn(zone);

		while (pfn < end) {
			unsigned int order = MAX_ORDER - 1;

			if (PageReserved(pfn_to_page(pfn))) {
				pfn++;
				continue;
			}
			while (order && ((pfn & ((1UL << order) - 1)) ||
					 pfn + (1UL << order) > end))
				order--;
			add_to_free_list_tail(zone, pfn_to_page(pfn), order);
			zone->free_pages += 1UL << order;
			pfn += 1UL << order;
		}
	}
	setup_watermarks();
}

/* ------------------------------------------------ svr5compat/physmem.h */

/**
 * compat_zone_info - snapshot of a zone for tests and tools
 * @zone: zone index
 * @info: filled in
 *
 * Context: any.  Returns false if the zone has no memory.
 */
bool compat_zone_info(enum zone_type zone, struct compat_zone_info *info)
{
	struct zone *z;
	unsigned long flags;
	int i;

	compat_init();
	memset(info, 0, sizeof(*info));
	if ((unsigned int)zone >= MAX_NR_ZONES)
		return false;
	z = zone_of(zone);
	spin_lock_irqsave(&z->lock, flags);
	info->name = z->name;
	info->start = (phys_addr_t)z->zone_start_pfn << PAGE_SHIFT;
	info->end = (phys_addr_t)zone_end_pfn(z) << PAGE_SHIFT;
	info->present_pages = z->present_pages;
	info->managed_pages = z->managed_pages;
	info->free_pages = z->free_pages;
	for (i = 0; i < MAX_ORDER; i++)
		info->free_blocks[i] = z->free_area[i].nr_free;
	info->min_wmark = min_wmark_pages(z);
	for (i = 0; i < MAX_NR_ZONES; i++)
		info->lowmem_reserve[i] = z->lowmem_reserve[i];
	spin_unlock_irqrestore(&z->lock, flags);
	return z->present_pages != 0;
}
EXPORT_SYMBOL(compat_zone_info);

/**
 * compat_free_pages - free pages of all zones
 *
 * Context: any.
 */
unsigned long compat_free_pages(void)
{
	return nr_free_pages();
}
EXPORT_SYMBOL(compat_free_pages);

struct compat_frag {
	enum zone_type zone;
	unsigned long nr;
	struct page **pages;
};

static struct compat_frag *take_zone(enum zone_type zone, bool fragment)
{
	struct compat_frag *frag;
	struct zone *z;
	unsigned long flags, i, kept = 0;

	compat_init();
	if ((unsigned int)zone >= MAX_NR_ZONES)
		return NULL;
	z = zone_of(zone);
	if (!z->managed_pages)
		return NULL;
	frag = host_calloc(1, sizeof(*frag));
	frag->pages = host_calloc(z->managed_pages, sizeof(struct page *));
	if (!frag->pages)
		compat_fatal("compat: out of host memory");
	frag->zone = zone;
	spin_lock_irqsave(&z->lock, flags);
	for (;;) {
		struct page *page = rmqueue(z, 0);

		if (!page)
			break;
		atomic_set(&page->_refcount, 1);
		frag->pages[frag->nr++] = page;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	if (!fragment)
		return frag;
	/* Free every odd pfn: its buddy (even pfn) stays allocated. */
	for (i = 0; i < frag->nr; i++) {
		struct page *page = frag->pages[i];

		if (page_to_pfn(page) & 1)
			__free_pages(page, 0);
		else
			frag->pages[kept++] = page;
	}
	frag->nr = kept;
	return frag;
}

/**
 * compat_fragment - leave only order-0 free blocks in @zone
 * @zone: zone index
 *
 * Context: process.  See svr5compat/physmem.h.
 */
struct compat_frag *compat_fragment(enum zone_type zone)
{
	return take_zone(zone, true);
}
EXPORT_SYMBOL(compat_fragment);

/**
 * compat_exhaust - allocate every free page of @zone
 * @zone: zone index
 *
 * Context: process.  See svr5compat/physmem.h.
 */
struct compat_frag *compat_exhaust(enum zone_type zone)
{
	return take_zone(zone, false);
}
EXPORT_SYMBOL(compat_exhaust);

/**
 * compat_unfragment - free the pages held by compat_fragment/compat_exhaust
 * @frag: the handle (NULL is ignored)
 *
 * Context: any thread; never sleeps.
 */
void compat_unfragment(struct compat_frag *frag)
{
	unsigned long i;

	if (!frag)
		return;
	for (i = 0; i < frag->nr; i++)
		__free_pages(frag->pages[i], 0);
	host_free(frag->pages);
	host_free(frag);
}
EXPORT_SYMBOL(compat_unfragment);

static void emitf(void (*emit)(const char *line, void *arg), void *arg,
		  const char *fmt, ...) __printf(3, 4);
static void emitf(void (*emit)(const char *line, void *arg), void *arg,
		  const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	emit(line, arg);
}

/**
 * compat_physmem_dump - print the memory map through @emit
 * @emit: called once per line (no trailing newline)
 * @arg: passed to @emit
 *
 * Context: process.  Zones with their physical ranges, page counts,
 * watermarks, lowmem_reserve and free blocks per order.
 */
void compat_physmem_dump(void (*emit)(const char *line, void *arg), void *arg)
{
	struct compat_zone_info zi[MAX_NR_ZONES];
	bool present[MAX_NR_ZONES];
	char line[256];
	size_t n;
	int z, o;

	compat_init();
	for (z = 0; z < MAX_NR_ZONES; z++)
		present[z] = compat_zone_info(z, &zi[z]);
	emitf(emit, arg, "simulated physical memory: %lu pages (%lu MiB) "
	      "managed, %lu free; direct map at %p, max_pfn %#lx, "
	      "min_free_kbytes %d",
	      totalram_pages(), totalram_pages() >> (20 - PAGE_SHIFT),
	      nr_free_pages(), (void *)__compat_direct_map, __compat_max_pfn,
	      min_free_kbytes);
	emitf(emit, arg, "%-7s %-37s %8s %8s %8s %6s %6s %6s  %s", "zone",
	      "physical range", "present", "managed", "free", "min", "low",
	      "high", "lowmem_reserve[DMA,DMA32,Normal]");
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = zone_of(z);

		if (!present[z]) {
			emitf(emit, arg, "%-7s (empty)", zone->name);
			continue;
		}
		emitf(emit, arg, "%-7s [0x%016llx-0x%016llx] %8lu %8lu %8lu "
		      "%6lu %6lu %6lu  %ld,%ld,%ld", zi[z].name,
		      (unsigned long long)zi[z].start,
		      (unsigned long long)zi[z].end - 1, zi[z].present_pages,
		      zi[z].managed_pages, zi[z].free_pages, zi[z].min_wmark,
		      low_wmark_pages(zone), high_wmark_pages(zone),
		      zi[z].lowmem_reserve[0], zi[z].lowmem_reserve[1],
		      zi[z].lowmem_reserve[2]);
	}
	n = scnprintf(line, sizeof(line), "%-7s", "order");
	for (o = 0; o < MAX_ORDER; o++)
		n += scnprintf(line + n, sizeof(line) - n, " %6d", o);
	emit(line, arg);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		if (!present[z])
			continue;
		n = scnprintf(line, sizeof(line), "%-7s", zi[z].name);
		for (o = 0; o < MAX_ORDER; o++)
			n += scnprintf(line + n, sizeof(line) - n, " %6lu",
				       zi[z].free_blocks[o]);
		emit(line, arg);
	}
}
EXPORT_SYMBOL(compat_physmem_dump);
