// SPDX-License-Identifier: MIT
/*
 * vmalloc.c - virtually contiguous memory (emulation of Linux 6.1
 * mm/vmalloc.c, plus the kvmalloc family of mm/util.c).
 *
 * Theory.  At first use one VMALLOC_AREA_SIZE range of the process's
 * address space is reserved (PROT_NONE): [VMALLOC_START, VMALLOC_END).  An
 * area takes the lowest free virtual range that fits its pages plus one
 * guard page (as 6.1's alloc_vmap_area), and each of its pages is an arena
 * frame mapped there a second time, MAP_SHARED from the arena's memfd, so
 * the vmalloc address and the frame's direct-map address alias the same
 * memory.  Physically contiguous runs are mapped by one host mapping.  The
 * guard page stays PROT_NONE: running off the end of an area faults.
 *
 * Two per-virtual-page tables cover the whole range (NORESERVE: only the
 * touched parts cost memory):
 *   vm_page_map[i]  the struct page mapped at virtual page i, or NULL;
 *                   vmalloc_to_page() is one load.  For a vmalloc area the
 *                   slice of this table is the area's pages[] array.
 *   vm_area_map[i]  the area owning virtual page i, guard page included;
 *                   find_vm_area() is one load and, as 6.1's
 *                   __find_vmap_area(), finds the area from any address in
 *                   it, so vfree(addr + PAGE_SIZE) frees the whole area.
 *
 * Area states: allocated under vmap_area_lock (in the address-sorted list,
 * vm_area_map set, VM_UNINITIALIZED); populated and mapped without the
 * lock; on free, first detached from vm_area_map (a second vfree now
 * warns), then unmapped and its pages freed, and only then removed from
 * the list, so its virtual range cannot be handed out while still mapped.
 *
 * vfree() in interrupt context (hardirq, softirq, bh disabled) defers the
 * free as 6.1's __vfree_deferred(): the address goes on a list, and the
 * first one on the list schedules a work item on system_wq that drains it
 * in process context; the next vmalloc-family call in process context
 * drains it too, whichever comes first.
 *
 * Pages are allocated outside the lock with __compat_alloc_pages() inside
 * a nest bracket: a vmalloc is one allocation of family
 * COMPAT_FAULT_VMALLOC for fault injection.  Pages a vmalloc area owns
 * carry PG_vmalloc; pages mapped by vmap() are the caller's and do not.
 *
 * Bookkeeping (struct vm_struct, the page array being filled, the
 * deferred-free nodes) lives on the host heap, not in the arena: unlike
 * 6.1, an area consumes no simulated memory beyond its pages (6.1
 * kmallocs the vm_struct and kvmallocs pages[]), so page counts in tests
 * are exact, and vmalloc never recurses into itself.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/export.h>
#include <linux/workqueue.h>
#include <svr5compat/fault.h>
#include "internal.h"

#define VMALLOC_AREA_SIZE	(1UL << 30)	/* 1 GiB of address space */
#define VM_NR_VPAGES		(VMALLOC_AREA_SIZE >> PAGE_SHIFT)

#ifndef INT_MAX
#define INT_MAX			((int)(~0U >> 1))
#endif

unsigned long __compat_vmalloc_start;
EXPORT_SYMBOL(__compat_vmalloc_start);
unsigned long __compat_vmalloc_end;
EXPORT_SYMBOL(__compat_vmalloc_end);

static struct host_once vm_once = HOST_ONCE_INIT;
static struct page **vm_page_map;
static struct vm_struct **vm_area_map;
static DEFINE_SPINLOCK(vmap_area_lock);	/* the area list, vm_area_map */
static LIST_HEAD(vmap_area_list);	/* address-sorted */
static unsigned long nr_vmalloc_pages;	/* atomic */

/* Deferred frees from interrupt context: a LIFO of host-heap nodes. */
struct vfree_deferred {
	struct vfree_deferred *next;
	const void *addr;
};
static DEFINE_SPINLOCK(vfree_deferred_lock);
static struct vfree_deferred *vfree_deferred_list;

static void vmalloc_init_once(void)
{
	void *base = host_reserve(VMALLOC_AREA_SIZE);

	if (!base)
		compat_fatal("vmalloc: cannot reserve %lu bytes of address space",
			     VMALLOC_AREA_SIZE);
	vm_page_map = host_map_anon(VM_NR_VPAGES * sizeof(*vm_page_map));
	vm_area_map = host_map_anon(VM_NR_VPAGES * sizeof(*vm_area_map));
	if (!vm_page_map || !vm_area_map)
		compat_fatal("vmalloc: cannot map the page tables");
	__compat_vmalloc_end = (unsigned long)base + VMALLOC_AREA_SIZE;
	__atomic_store_n(&__compat_vmalloc_start, (unsigned long)base,
			 __ATOMIC_RELEASE);
}

static void vmalloc_init(void)
{
	compat_init();
	host_once(&vm_once, vmalloc_init_once);
}

static inline unsigned long vpage_index(unsigned long addr)
{
	return (addr - VMALLOC_START) >> PAGE_SHIFT;
}

/*
 * warn_alloc() as 6.1 prints it for vmalloc failures: suppressed by
 * __GFP_NOWARN and rate-limited to one report per 10 s (6.1's nopage_rs).
 */
static bool vm_warn_ratelimit(void)
{
	static u64 last_ns;
	u64 now = host_now_ns();
	u64 last = __atomic_load_n(&last_ns, __ATOMIC_RELAXED);

	if (last && now - last < 10ULL * NSEC_PER_SEC)
		return false;
	return __atomic_compare_exchange_n(&last_ns, &last, now, false,
					   __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

#define vm_warn_alloc(gfp, fmt, ...) do {				\
	gfp_t __gfp = (gfp);						\
	if (!(__gfp & __GFP_NOWARN) && vm_warn_ratelimit()) {		\
		pr_warn("%s: " fmt ", mode:%#x, nodemask=(null)\n",	\
			current->comm, ##__VA_ARGS__, __gfp);		\
		dump_stack();						\
	}								\
} while (0)

/**
 * is_vmalloc_addr - is @x inside the vmalloc area?
 * @x: any address
 *
 * Context: any.  As 6.1: a range test only, true also for guard pages and
 * free parts of the area.
 */
bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}
EXPORT_SYMBOL(is_vmalloc_addr);

/**
 * is_vmalloc_or_module_addr - is_vmalloc_addr(); there is no module space.
 * @x: any address
 */
int is_vmalloc_or_module_addr(const void *x)
{
	return is_vmalloc_addr(x);
}
EXPORT_SYMBOL(is_vmalloc_or_module_addr);

/**
 * vmalloc_to_page - the struct page mapped at a vmalloc address
 * @vmalloc_addr: address inside the vmalloc area
 *
 * Context: any.  Returns NULL for an address that maps nothing (a guard
 * page, a free range) as 6.1's page-table walk does; for an address
 * outside the vmalloc area NULL too (6.1 would walk the kernel page
 * tables; with VIRTUAL_BUG_ON off it does not complain).  O(1).
 */
struct page *vmalloc_to_page(const void *vmalloc_addr)
{
	if (!is_vmalloc_addr(vmalloc_addr))
		return NULL;
	return READ_ONCE(vm_page_map[vpage_index((unsigned long)vmalloc_addr)]);
}
EXPORT_SYMBOL(vmalloc_to_page);

/**
 * vmalloc_to_pfn - the pfn mapped at a vmalloc address
 * @vmalloc_addr: address inside a mapped vmalloc/vmap area
 *
 * Context: any.  As 6.1, page_to_pfn(vmalloc_to_page()): meaningless for
 * an address that maps nothing.
 */
unsigned long vmalloc_to_pfn(const void *vmalloc_addr)
{
	return page_to_pfn(vmalloc_to_page(vmalloc_addr));
}
EXPORT_SYMBOL(vmalloc_to_pfn);

/**
 * find_vm_area - the area containing @addr
 * @addr: any address
 *
 * Context: any.  As 6.1, any address inside the area or its guard page
 * finds it; NULL otherwise.
 */
struct vm_struct *find_vm_area(const void *addr)
{
	if (!is_vmalloc_addr(addr))
		return NULL;
	return READ_ONCE(vm_area_map[vpage_index((unsigned long)addr)]);
}
EXPORT_SYMBOL(find_vm_area);

/**
 * vmalloc_nr_pages - pages owned by vmalloc areas (6.1's nr_vmalloc_pages)
 */
unsigned long vmalloc_nr_pages(void)
{
	return __atomic_load_n(&nr_vmalloc_pages, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(vmalloc_nr_pages);

/*
 * Reserve @size bytes (guard included) of virtual space, lowest address
 * first, aligned to @align.  Returns a new VM_UNINITIALIZED area or NULL.
 */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long align,
				     unsigned long flags, const void *caller)
{
	struct vm_struct *area, *pos;
	struct list_head *before = &vmap_area_list;
	unsigned long addr = VMALLOC_START, i;

	area = host_calloc(1, sizeof(*area));
	if (!area)
		return NULL;
	align = max(align, PAGE_SIZE);

	spin_lock(&vmap_area_lock);
	list_for_each_entry(pos, &vmap_area_list, __list) {
		addr = ALIGN(addr, align);
		if (addr <= (unsigned long)pos->addr &&
		    (unsigned long)pos->addr - addr >= size) {
			before = &pos->__list;
			break;
		}
		addr = (unsigned long)pos->addr + pos->size;
	}
	addr = ALIGN(addr, align);
	if (addr >= VMALLOC_END || VMALLOC_END - addr < size) {
		spin_unlock(&vmap_area_lock);
		host_free(area);
		return NULL;
	}
	area->addr = (void *)addr;
	area->size = size;
	area->flags = flags | VM_UNINITIALIZED;
	area->caller = caller;
	list_add_tail(&area->__list, before);
	for (i = 0; i < size >> PAGE_SHIFT; i++)
		vm_area_map[vpage_index(addr) + i] = area;
	spin_unlock(&vmap_area_lock);
	return area;
}

/* Give back the virtual range of an area already unmapped and detached. */
static void release_vm_area(struct vm_struct *area)
{
	spin_lock(&vmap_area_lock);
	list_del(&area->__list);
	spin_unlock(&vmap_area_lock);
	host_free(area);
}

/* Detach @area from vm_area_map; false if it was already detached. */
static bool detach_vm_area(struct vm_struct *area)
{
	unsigned long first = vpage_index((unsigned long)area->addr), i;
	bool ok = false;

	spin_lock(&vmap_area_lock);
	if (vm_area_map[first] == area) {
		for (i = 0; i < area->size >> PAGE_SHIFT; i++)
			vm_area_map[first + i] = NULL;
		ok = true;
	}
	spin_unlock(&vmap_area_lock);
	return ok;
}

/* Return the pages of @area to PROT_NONE and forget what they mapped. */
static void unmap_vm_area(struct vm_struct *area, unsigned int count)
{
	unsigned long first = vpage_index((unsigned long)area->addr), i;

	if (count)
		host_unmap_fixed(area->addr, (size_t)count << PAGE_SHIFT);
	for (i = 0; i < count; i++)
		WRITE_ONCE(vm_page_map[first + i], NULL);
}

/*
 * Map @count pages at @area's address, one host mapping per physically
 * (and file-) contiguous run, and record them in vm_page_map.  The page
 * checks and their warnings are 6.1's vmap_pages_pte_range().
 */
static int map_vm_area(struct vm_struct *area, struct page **pages,
		       unsigned int count)
{
	unsigned long first = vpage_index((unsigned long)area->addr);
	char *addr = area->addr;
	unsigned int i, j;
	int fd = compat_physmem_fd();

	for (i = 0; i < count; i++) {
		if (WARN_ON(!pages[i]))
			return -ENOMEM;
		if (WARN_ON(!pfn_valid(page_to_pfn(pages[i]))))
			return -EINVAL;
	}
	for (i = 0; i < count; i = j) {
		unsigned long pfn = page_to_pfn(pages[i]);
		u64 off = compat_phys_to_file_offset(PFN_PHYS(pfn));

		for (j = i + 1; j < count; j++) {
			unsigned long n = j - i;

			if (page_to_pfn(pages[j]) != pfn + n ||
			    compat_phys_to_file_offset(PFN_PHYS(pfn + n)) !=
			    off + ((u64)n << PAGE_SHIFT))
				break;
		}
		if (host_map_file_fixed(addr + ((size_t)i << PAGE_SHIFT),
					(size_t)(j - i) << PAGE_SHIFT, fd, off)) {
			unmap_vm_area(area, i);
			return -ENOMEM;
		}
	}
	for (i = 0; i < count; i++)
		WRITE_ONCE(vm_page_map[first + i], pages[i]);
	return 0;
}

static void free_area_pages(struct page **pages, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		BUG_ON(!pages[i]);
		__ClearPageVmalloc(pages[i]);
		__free_pages(pages[i], 0);
	}
}

/* 6.1's __vunmap(): unmap the area at @addr, free its pages if asked. */
static void vunmap_area(const void *addr, bool deallocate_pages)
{
	struct vm_struct *area;
	unsigned int nr_mapped;

	if (!addr)
		return;
	if (WARN(!PAGE_ALIGNED(addr), "Trying to vfree() bad address (%p)\n",
		 addr))
		return;
	area = find_vm_area(addr);
	if (unlikely(!area || !detach_vm_area(area))) {
		WARN(1, "Trying to vfree() nonexistent vm area (%p)\n", addr);
		return;
	}
	/* 6.1's __vunmap() sleeps: cond_resched(), vmap_purge_lock. */
	might_sleep();
	nr_mapped = get_vm_area_size(area) >> PAGE_SHIFT;
	if (area->flags & VM_UNINITIALIZED)
		nr_mapped = 0;
	if (deallocate_pages && area->pages) {
		/* Unmap first: the pages must not be reachable once freed. */
		struct page **pages = area->pages;
		unsigned int nr = area->nr_pages;

		if (area->flags & VM_ALLOC) {
			/* pages[] is the area's slice of vm_page_map. */
			struct page **copy = host_calloc(nr ? nr : 1,
							 sizeof(*copy));

			BUG_ON(!copy);
			memcpy(copy, pages, nr * sizeof(*copy));
			unmap_vm_area(area, nr_mapped);
			free_area_pages(copy, nr);
			host_free(copy);
			__atomic_sub_fetch(&nr_vmalloc_pages, nr,
					   __ATOMIC_RELAXED);
		} else {
			/* vmap(VM_MAP_PUT_PAGES): the caller's array. */
			unmap_vm_area(area, nr_mapped);
			free_area_pages(pages, nr);
			kvfree(pages);
		}
	} else {
		unmap_vm_area(area, nr_mapped);
	}
	release_vm_area(area);
}

/* Free what interrupt context left behind; process context only. */
static void vfree_drain_deferred(void)
{
	struct vfree_deferred *list, *next;
	unsigned long flags;

	if (!READ_ONCE(vfree_deferred_list))
		return;
	spin_lock_irqsave(&vfree_deferred_lock, flags);
	list = vfree_deferred_list;
	vfree_deferred_list = NULL;
	spin_unlock_irqrestore(&vfree_deferred_lock, flags);
	for (; list; list = next) {
		next = list->next;
		vunmap_area(list->addr, true);
		host_free(list);
	}
}

static void vfree_work_fn(struct work_struct *work)
{
	vfree_drain_deferred();
}
static DECLARE_WORK(vfree_work, vfree_work_fn);

static void vfree_defer(const void *addr)
{
	struct vfree_deferred *node = host_calloc(1, sizeof(*node));
	unsigned long flags;
	bool first;

	BUG_ON(!node);
	node->addr = addr;
	spin_lock_irqsave(&vfree_deferred_lock, flags);
	first = !vfree_deferred_list;
	node->next = vfree_deferred_list;
	vfree_deferred_list = node;
	spin_unlock_irqrestore(&vfree_deferred_lock, flags);
	if (first)
		schedule_work(&vfree_work);
}

/*
 * The common allocator: 6.1's __vmalloc_node_range() and
 * __vmalloc_area_node() for order-0 pages.
 */
static void *vmalloc_range(unsigned long size, unsigned long align,
			   gfp_t gfp_mask, unsigned long vm_flags,
			   const void *caller)
{
	struct vm_struct *area;
	struct page **pages = NULL;
	unsigned int nr_pages, nr = 0;
	gfp_t page_gfp;

	vmalloc_init();
	if (WARN_ON_ONCE(!size))
		return NULL;
	if ((size >> PAGE_SHIFT) > totalram_pages()) {
		vm_warn_alloc(gfp_mask, "vmalloc error: size %lu, exceeds total pages",
			      size);
		return NULL;
	}
	if (!in_interrupt())
		vfree_drain_deferred();
	might_sleep();			/* alloc_vmap_area() */
	if (!(gfp_mask & __GFP_NOFAIL) &&
	    __compat_should_fail(COMPAT_FAULT_VMALLOC, gfp_mask,
				 gfp_zone(gfp_mask))) {
		vm_warn_alloc(gfp_mask,
			      "vmalloc error: size %lu, page order %u, failed to allocate pages",
			      0UL, 0U);
		return NULL;
	}

	size = PAGE_ALIGN(size);
	nr_pages = size >> PAGE_SHIFT;
again:
	area = get_vm_area(size + PAGE_SIZE, align, VM_ALLOC | vm_flags,
			   caller);
	if (!area) {
		bool nofail = gfp_mask & __GFP_NOFAIL;

		if (!(gfp_mask & __GFP_NOWARN))
			pr_warn_ratelimited("vmap allocation for size %lu failed: use vmalloc=<size> to increase size\n",
					    size + PAGE_SIZE);
		vm_warn_alloc(gfp_mask,
			      "vmalloc error: size %lu, vm_struct allocation failed%s",
			      size, nofail ? ". Retrying." : "");
		if (nofail) {
			schedule_timeout_uninterruptible(1);
			goto again;
		}
		return NULL;
	}

	page_gfp = gfp_mask | __GFP_NOWARN;
	if (!(page_gfp & (GFP_DMA | GFP_DMA32)))
		page_gfp |= __GFP_HIGHMEM;
	pages = host_calloc(nr_pages, sizeof(*pages));
	if (!pages) {
		vm_warn_alloc(gfp_mask,
			      "vmalloc error: size %lu, failed to allocated page array size %lu",
			      size, (unsigned long)nr_pages * sizeof(*pages));
		goto fail;
	}

	__compat_alloc_nest_enter();
	for (nr = 0; nr < nr_pages; nr++) {
		struct page *page = __compat_alloc_pages(page_gfp, 0);

		if (unlikely(!page))
			break;
		__SetPageVmalloc(page);
		pages[nr] = page;
	}
	__compat_alloc_nest_exit();

	if (nr != nr_pages) {
		vm_warn_alloc(gfp_mask,
			      "vmalloc error: size %lu, page order %u, failed to allocate pages",
			      (unsigned long)nr * PAGE_SIZE, 0U);
		goto fail;
	}
	if (map_vm_area(area, pages, nr_pages)) {
		vm_warn_alloc(gfp_mask, "vmalloc error: size %lu, failed to map pages",
			      (unsigned long)nr * PAGE_SIZE);
		goto fail;
	}
	host_free(pages);
	/* From now on pages[] is the area's slice of vm_page_map. */
	area->pages = &vm_page_map[vpage_index((unsigned long)area->addr)];
	area->nr_pages = nr_pages;
	__atomic_add_fetch(&nr_vmalloc_pages, nr_pages, __ATOMIC_RELAXED);
	__atomic_and_fetch(&area->flags, ~(unsigned long)VM_UNINITIALIZED,
			   __ATOMIC_RELEASE);
	return area->addr;

fail:
	if (pages) {
		free_area_pages(pages, nr);
		host_free(pages);
	}
	if (detach_vm_area(area))
		release_vm_area(area);
	return NULL;
}

/**
 * __vmalloc_node - allocate virtually contiguous memory
 * @size: bytes, rounded up to pages
 * @align: alignment of the area (at least PAGE_SIZE)
 * @gfp_mask: flags for the page allocator; GFP_KERNEL, GFP_NOFS, GFP_NOIO
 * @node: ignored (one node)
 * @caller: recorded in the area
 *
 * Context: process; may sleep (might_sleep() even with GFP_NOWAIT, as
 * 6.1's alloc_vmap_area()).  Returns NULL for size 0 (WARN_ON_ONCE), for
 * a size above total RAM, and when pages or address space run out, with
 * 6.1's "vmalloc error: ..." report unless __GFP_NOWARN.  Pages are order
 * 0, from any zone, or DMA32/DMA when @gfp_mask asks; __GFP_ZERO zeroes.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp_mask,
		     int node, const void *caller)
{
	return vmalloc_range(size, align, gfp_mask, 0, caller);
}
EXPORT_SYMBOL(__vmalloc_node);

/**
 * __vmalloc - allocate virtually contiguous memory with @gfp_mask
 * @size: bytes
 * @gfp_mask: flags for the page allocator
 *
 * Context: process; may sleep.  See __vmalloc_node().
 */
void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return vmalloc_range(size, 1, gfp_mask, 0,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(__vmalloc);

/**
 * vmalloc - allocate virtually contiguous memory
 * @size: bytes
 *
 * Context: process; may sleep.  GFP_KERNEL pages from any zone.
 */
void *vmalloc(unsigned long size)
{
	return vmalloc_range(size, 1, GFP_KERNEL, 0,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc);

/**
 * vmalloc_huge - vmalloc() that may use huge mappings (never here)
 * @size: bytes
 * @gfp_mask: flags for the page allocator
 *
 * Context: process; may sleep.
 */
void *vmalloc_huge(unsigned long size, gfp_t gfp_mask)
{
	return vmalloc_range(size, 1, gfp_mask, VM_ALLOW_HUGE_VMAP,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_huge);

/**
 * vzalloc - allocate zeroed virtually contiguous memory
 * @size: bytes
 *
 * Context: process; may sleep.
 */
void *vzalloc(unsigned long size)
{
	return vmalloc_range(size, 1, GFP_KERNEL | __GFP_ZERO, 0,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(vzalloc);

/**
 * vmalloc_node - vmalloc() on a node (one node here)
 * @size: bytes
 * @node: ignored
 *
 * Context: process; may sleep.
 */
void *vmalloc_node(unsigned long size, int node)
{
	return vmalloc_range(size, 1, GFP_KERNEL, 0,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_node);

/**
 * vzalloc_node - vzalloc() on a node (one node here)
 * @size: bytes
 * @node: ignored
 *
 * Context: process; may sleep.
 */
void *vzalloc_node(unsigned long size, int node)
{
	return vmalloc_range(size, 1, GFP_KERNEL | __GFP_ZERO, 0,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(vzalloc_node);

/**
 * vmalloc_32 - virtually contiguous memory of pages below 4 GiB
 * @size: bytes
 *
 * Context: process; may sleep.  6.1 on x86-64 uses GFP_DMA32 | GFP_KERNEL.
 */
void *vmalloc_32(unsigned long size)
{
	return vmalloc_range(size, 1, GFP_DMA32 | GFP_KERNEL, 0,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_32);

/**
 * __vmalloc_array - vmalloc @n * @size bytes, NULL if that overflows
 * @n: elements
 * @size: bytes per element
 * @flags: flags for the page allocator
 *
 * Context: process; may sleep.
 */
void *__vmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return vmalloc_range(bytes, 1, flags, 0, __builtin_return_address(0));
}
EXPORT_SYMBOL(__vmalloc_array);

/**
 * vmalloc_array - __vmalloc_array() with GFP_KERNEL
 * @n: elements
 * @size: bytes per element
 */
void *vmalloc_array(size_t n, size_t size)
{
	return __vmalloc_array(n, size, GFP_KERNEL);
}
EXPORT_SYMBOL(vmalloc_array);

/**
 * __vcalloc - zeroed __vmalloc_array()
 * @n: elements
 * @size: bytes per element
 * @flags: flags for the page allocator
 */
void *__vcalloc(size_t n, size_t size, gfp_t flags)
{
	return __vmalloc_array(n, size, flags | __GFP_ZERO);
}
EXPORT_SYMBOL(__vcalloc);

/**
 * vcalloc - zeroed vmalloc_array()
 * @n: elements
 * @size: bytes per element
 */
void *vcalloc(size_t n, size_t size)
{
	return __vmalloc_array(n, size, GFP_KERNEL | __GFP_ZERO);
}
EXPORT_SYMBOL(vcalloc);

/**
 * vfree - release memory allocated by vmalloc()
 * @addr: the area's address (any address inside it, as 6.1), or NULL
 *
 * Context: process (may sleep) or interrupt, not NMI.  In interrupt
 * context the free is deferred to process context, as 6.1's
 * __vfree_deferred().  A misaligned address warns "Trying to vfree() bad
 * address", an unknown one "Trying to vfree() nonexistent vm area", and
 * nothing is freed.  Frees the pages only of vmalloc areas and of vmap()
 * areas made with VM_MAP_PUT_PAGES.
 */
void vfree(const void *addr)
{
	BUG_ON(in_nmi());
	might_sleep_if(!in_interrupt());
	if (!addr)
		return;
	if (unlikely(in_interrupt())) {
		vfree_defer(addr);
		return;
	}
	vfree_drain_deferred();
	vunmap_area(addr, true);
}
EXPORT_SYMBOL(vfree);

/**
 * vfree_atomic - vfree() that always defers, for any non-NMI context
 * @addr: the area's address, or NULL
 */
void vfree_atomic(const void *addr)
{
	BUG_ON(in_nmi());
	if (!addr)
		return;
	vfree_defer(addr);
}
EXPORT_SYMBOL(vfree_atomic);

/**
 * vunmap - release a mapping made by vmap()
 * @addr: the area's address, or NULL
 *
 * Context: process; may sleep (BUG in interrupt context, as 6.1).  The
 * pages are not freed.
 */
void vunmap(const void *addr)
{
	BUG_ON(in_interrupt());
	might_sleep();
	if (!addr)
		return;
	vfree_drain_deferred();
	vunmap_area(addr, false);
}
EXPORT_SYMBOL(vunmap);

/**
 * vmap - map an array of pages at virtually contiguous addresses
 * @pages: the pages (order-0 or parts of larger blocks)
 * @count: how many
 * @flags: VM_MAP usually; VM_MAP_PUT_PAGES hands the pages and the array
 *	(kmalloc or vmalloc memory) over to vfree(); VM_NO_GUARD is refused
 *	with a warning as in 6.1
 * @prot: page protection (ignored: always read-write)
 *
 * Context: process; may sleep.  Returns the address or NULL.  The mapping
 * aliases the pages' direct-map addresses.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot)
{
	struct vm_struct *area;
	unsigned long size;

	vmalloc_init();
	might_sleep();
	if (WARN_ON_ONCE(flags & VM_NO_GUARD))
		flags &= ~VM_NO_GUARD;
	if (count > totalram_pages())
		return NULL;
	if (!in_interrupt())
		vfree_drain_deferred();
	size = (unsigned long)count << PAGE_SHIFT;
	if (!size)
		return NULL;	/* 6.1's get_vm_area() refuses size 0 */
	area = get_vm_area(size + PAGE_SIZE, PAGE_SIZE, flags & ~VM_ALLOC,
			   __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_vm_area(area, pages, count) < 0) {
		if (detach_vm_area(area))
			release_vm_area(area);
		return NULL;
	}
	if (flags & VM_MAP_PUT_PAGES) {
		area->pages = pages;
		area->nr_pages = count;
	}
	__atomic_and_fetch(&area->flags, ~(unsigned long)VM_UNINITIALIZED,
			   __ATOMIC_RELEASE);
	return area->addr;
}
EXPORT_SYMBOL(vmap);

/*
 * The kvmalloc family (6.1 mm/util.c).  Declared in linux/slab.h, as in
 * 6.1.
 */

/**
 * kvmalloc_node - kmalloc, falling back to vmalloc for large sizes
 * @size: bytes
 * @flags: GFP flags
 * @node: ignored (one node)
 *
 * Context: as kmalloc() with @flags; the vmalloc fallback needs a
 * blocking @flags (process context).  As 6.1: above PAGE_SIZE the kmalloc
 * attempt gets __GFP_NOWARN, __GFP_NORETRY (unless __GFP_RETRY_MAYFAIL)
 * and loses __GFP_NOFAIL; at most PAGE_SIZE, or without
 * __GFP_DIRECT_RECLAIM, kmalloc's answer is final.  GFP_NOFS and GFP_NOIO
 * do fall back to vmalloc in 6.1 (older kernels required GFP_KERNEL).
 * Sizes above INT_MAX fail, with WARN_ON_ONCE unless __GFP_NOWARN.
 */
void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	gfp_t kmalloc_flags = flags;
	void *ret;

	if (size > PAGE_SIZE) {
		kmalloc_flags |= __GFP_NOWARN;
		if (!(kmalloc_flags & __GFP_RETRY_MAYFAIL))
			kmalloc_flags |= __GFP_NORETRY;
		/* The vmalloc fallback implements __GFP_NOFAIL. */
		kmalloc_flags &= ~__GFP_NOFAIL;
	}
	ret = kmalloc_node(size, kmalloc_flags, node);
	if (ret || size <= PAGE_SIZE)
		return ret;
	if (!gfpflags_allow_blocking(flags))
		return NULL;
	if (unlikely(size > INT_MAX)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	return vmalloc_range(size, 1, flags, VM_ALLOW_HUGE_VMAP,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(kvmalloc_node);

/**
 * kvfree - free memory from kmalloc(), vmalloc() or kvmalloc()
 * @addr: the memory, or NULL
 *
 * Context: process, or non-NMI interrupt (vfree defers there).
 */
void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}
EXPORT_SYMBOL(kvfree);

/**
 * kvfree_sensitive - clear @len bytes at @addr, then kvfree() it
 * @addr: the memory, or NULL / ZERO_SIZE_PTR (no-op)
 * @len: bytes to clear
 */
void kvfree_sensitive(const void *addr, size_t len)
{
	if (likely(!ZERO_OR_NULL_PTR(addr))) {
		memset((void *)addr, 0, len);
		barrier();
		kvfree(addr);
	}
}
EXPORT_SYMBOL(kvfree_sensitive);

/**
 * kvrealloc - grow a kvmalloc()ed buffer
 * @p: the buffer
 * @oldsize: its size
 * @newsize: the size wanted
 * @flags: GFP flags for the new buffer
 *
 * Context: as kvmalloc().  As 6.1: returns @p itself when @oldsize >=
 * @newsize; otherwise a new buffer holding the old contents (@p freed),
 * or NULL with @p untouched.
 */
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	void *newp;

	if (oldsize >= newsize)
		return (void *)p;
	newp = kvmalloc_node(newsize, flags, NUMA_NO_NODE);
	if (!newp)
		return NULL;
	memcpy(newp, p, oldsize);
	kvfree(p);
	return newp;
}
EXPORT_SYMBOL(kvrealloc);
