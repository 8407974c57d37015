/* SPDX-License-Identifier: MIT */
/*
 * linux/mm.h - pages, pfns and addresses of the simulated physical memory.
 */
#ifndef _COMPAT_LINUX_MM_H
#define _COMPAT_LINUX_MM_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/atomic.h>
#include <asm/page.h>

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return __compat_mem_map + pfn;
}
static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - __compat_mem_map);
}
static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}
static inline struct page *virt_to_head_page(const void *addr)
{
	return compound_head(virt_to_page(addr));
}
static inline void *page_address(const struct page *page)
{
	return __va((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT);
}
#define lowmem_page_address(page)	page_address(page)
#define page_to_virt(page)		page_address(page)
#define virt_to_pfn(kaddr)		(__pa(kaddr) >> PAGE_SHIFT)
#define pfn_to_virt(pfn)		__va((phys_addr_t)(pfn) << PAGE_SHIFT)
#ifndef page_to_phys
#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#endif
bool pfn_valid(unsigned long pfn);

/*
 * region_intersects (compat/io.c): how [offset, offset + size) meets the
 * resources of type @flags.  The emulation keeps no resource tree: only
 * IORESOURCE_SYSTEM_RAM (the simulated RAM) is known; any other type is
 * REGION_DISJOINT.
 */
enum {
	REGION_DISJOINT = 0,
	REGION_INTERSECTS,
	REGION_MIXED,
};
int region_intersects(resource_size_t offset, size_t size,
		      unsigned long flags, unsigned long desc);

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page->zone_idx];
}
static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)page->zone_idx;
}
static inline int page_count(const struct page *page)
{
	return atomic_read(&compound_head((struct page *)page)->_refcount);
}
static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}
#define page_private(page)	((page)->private)

/* Bytes of simulated RAM in total and free, for si_meminfo-like callers. */
unsigned long totalram_pages(void);
unsigned long nr_free_pages(void);
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

/* vmalloc addresses (compat/vmalloc.c); declared here as in 6.1. */
bool is_vmalloc_addr(const void *x);
int is_vmalloc_or_module_addr(const void *x);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

#endif
