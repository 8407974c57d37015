/* SPDX-License-Identifier: MIT */
/*
 * linux/mmzone.h - zones of the simulated physical memory (x86-64 layout).
 *
 * ZONE_DMA covers [0, 16 MiB), ZONE_DMA32 [16 MiB, 4 GiB), ZONE_NORMAL
 * [4 GiB, ...).  Each zone has a buddy allocator of orders 0..MAX_ORDER-1.
 * Implementation: compat/physmem.c (layout), compat/page_alloc.c (buddy).
 */
#ifndef _COMPAT_LINUX_MMZONE_H
#define _COMPAT_LINUX_MMZONE_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/wait.h>

#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1 << (MAX_ORDER - 1))
#define PAGE_ALLOC_COSTLY_ORDER	3
#define NUMA_NO_NODE		(-1)
#define MAX_NUMNODES		1

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES	__MAX_NR_ZONES

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

struct zone {
	const char *name;
	enum zone_type idx;
	unsigned long zone_start_pfn;	/* first pfn of the zone's span */
	unsigned long spanned_pages;	/* span, holes included */
	unsigned long present_pages;	/* pages that exist */
	unsigned long managed_pages;	/* present minus reserved */
	unsigned long _watermark[NR_WMARK];
	long lowmem_reserve[MAX_NR_ZONES];
	spinlock_t lock;
	unsigned long free_pages;	/* under lock */
	struct free_area free_area[MAX_ORDER];
};

struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	/* Woken whenever pages are freed: the "reclaim made progress" event. */
	wait_queue_head_t pages_freed;
};
typedef struct pglist_data pg_data_t;

extern struct pglist_data *__compat_node_data(void);
#define NODE_DATA(nid)	__compat_node_data()
#define numa_node_id()	0
#define page_to_nid(page) 0

static inline bool populated_zone(struct zone *zone)
{
	return zone->present_pages != 0;
}
static inline unsigned long zone_managed_pages(struct zone *zone)
{
	return zone->managed_pages;
}
#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])

#endif
