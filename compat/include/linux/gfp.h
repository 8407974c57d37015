/* SPDX-License-Identifier: MIT */
/*
 * linux/gfp.h - the page allocator's interface (emulation of 6.1).
 * Implementation: compat/page_alloc.c.
 */
#ifndef _COMPAT_LINUX_GFP_H
#define _COMPAT_LINUX_GFP_H
#include <linux/gfp_types.h>
#include <linux/mmzone.h>

struct page;

static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

/* Zone an allocation starts from, as gfp_zone() computes it on x86-64. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
#define alloc_page(gfp)	alloc_pages(gfp, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
void split_page(struct page *page, unsigned int order);

/* might_alloc() - may an allocation with @gfp sleep here?  Warns if so. */
#define might_alloc(gfp) might_sleep_if(gfpflags_allow_blocking(gfp))

#endif
