/* SPDX-License-Identifier: MIT */
/*
 * linux/mm_types.h - struct page of the simulated physical memory.
 *
 * One struct page per 4 KiB frame, in a virtually contiguous array indexed
 * by pfn (like SPARSEMEM_VMEMMAP): entries for holes are never touched.
 * Fields are not overlaid as in Linux (clarity over 64 bytes); who owns
 * which field:
 *   buddy:   lru (free list link), private (order) while PageBuddy
 *   slab:    slab_cache, freelist, inuse, objects, lru (slab lists)
 *   others:  private is the owner's; compound_order on the head page of a
 *            multi-page allocation
 */
#ifndef _COMPAT_LINUX_MM_TYPES_H
#define _COMPAT_LINUX_MM_TYPES_H
#include <linux/types.h>
#include <linux/list.h>

struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits, see linux/page-flags.h */
	struct list_head lru;
	unsigned long private;
	struct kmem_cache *slab_cache;
	void *freelist;
	unsigned int inuse;
	unsigned int objects;
	atomic_t _refcount;
	unsigned char zone_idx;		/* enum zone_type of the frame */
	unsigned char compound_order;	/* on a head page */
	unsigned short __pad;
	struct page *compound_head;	/* on tail pages: the head */
	void *virtual;			/* vmalloc bookkeeping, owner's use */
};

#endif
