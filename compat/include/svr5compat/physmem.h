/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/physmem.h - controls and views of the simulated physical memory
 * for tests, the harness and tools.  Not part of the Linux API.
 *
 * Layout (SVR5DDI_PHYSMEM, read once at first use):
 *   SVR5DDI_PHYSMEM=dma:SIZE,dma32:SIZE,normal:SIZE
 * SIZE takes K/M/G suffixes.  ZONE_DMA starts at physical 0 (its first frame
 * is reserved, as on a PC), ZONE_DMA32 at 16 MiB, ZONE_NORMAL at 4 GiB, so the
 * space between the end of DMA32 and 4 GiB is a hole.  Omitted zones keep
 * their default; the default is dma:16M,dma32:112M,normal:128M (256 MiB).
 * Limits: dma <= 16M, dma32 <= 4G-16M, every size a multiple of 4 KiB.
 * A malformed value is a fatal error naming the variable.
 */
#ifndef _SVR5COMPAT_PHYSMEM_H
#define _SVR5COMPAT_PHYSMEM_H
#include <linux/types.h>
#include <linux/mmzone.h>

struct compat_zone_info {
	const char *name;
	phys_addr_t start;		/* first byte of the zone's memory */
	phys_addr_t end;		/* one past its last byte */
	unsigned long present_pages;
	unsigned long managed_pages;
	unsigned long free_pages;
	unsigned long free_blocks[MAX_ORDER];	/* free blocks per order */
	unsigned long min_wmark;
	long lowmem_reserve[MAX_NR_ZONES];
};

/* Fill @info for zone @zone; returns false if the zone has no memory. */
bool compat_zone_info(enum zone_type zone, struct compat_zone_info *info);

/* Sum of free pages over all zones. */
unsigned long compat_free_pages(void);

/*
 * Deliberate fragmentation: allocate every free page of @zone (as order-0
 * pages, ignoring watermarks) and free back every other one, so no free
 * block larger than order 0 remains.  The pages kept are held by the
 * returned handle until compat_unfragment(); NULL if the zone is empty.
 */
struct compat_frag;
struct compat_frag *compat_fragment(enum zone_type zone);
/* Also keep every page of the zone allocated: the zone is exhausted. */
struct compat_frag *compat_exhaust(enum zone_type zone);
void compat_unfragment(struct compat_frag *frag);

/* Print the memory map (zones, free blocks per order) through @emit. */
void compat_physmem_dump(void (*emit)(const char *line, void *arg), void *arg);

/* True when @addr lies inside the direct map of present memory. */
bool compat_addr_in_direct_map(const void *addr);

#endif
