// SPDX-License-Identifier: MIT
/*
 * physmem.c - the simulated physical memory: layout, direct map, mem_map.
 *
 * Theory: the frames of all zones live in one memfd, packed (DMA, then
 * DMA32, then NORMAL), so the file holds exactly the present memory.  One
 * virtual range is reserved from physical 0 to the end of the highest zone
 * and each zone's part of the file is mapped into it at direct_map + the
 * zone's physical start: __pa()/__va() are then a subtraction/addition, and
 * the holes (DMA end .. 16 MiB, DMA32 end .. 4 GiB) stay inaccessible, so a
 * stray pointer into a hole faults instead of aliasing memory.
 *
 * struct page array: a NORESERVE anonymous mapping of max_pfn entries, so
 * pfn_to_page() is mem_map + pfn; only the entries of present frames are
 * ever written, the rest costs nothing.  Pfn 0 is PG_reserved (as on a PC)
 * so physical address 0 is never handed out.
 *
 * Everything here is set up once by compat_physmem_init() (under the init
 * once-lock) and read-only afterwards; the zones' free lists belong to
 * page_alloc.c.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <svr5compat/physmem.h>
#include "internal.h"

#define SZ_16M		(16ULL << 20)
#define SZ_4G		(4ULL << 30)

char *__compat_direct_map;
EXPORT_SYMBOL(__compat_direct_map);
struct page *__compat_mem_map;
EXPORT_SYMBOL(__compat_mem_map);
unsigned long __compat_max_pfn;
EXPORT_SYMBOL(__compat_max_pfn);

static struct pglist_data node_data;
static int physmem_fd = -1;

/* Per zone: physical start, bytes present, offset of its frames in the file. */
static const phys_addr_t zone_phys_start[MAX_NR_ZONES] = {
	[ZONE_DMA] = 0, [ZONE_DMA32] = SZ_16M, [ZONE_NORMAL] = SZ_4G,
};
static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA", [ZONE_DMA32] = "DMA32", [ZONE_NORMAL] = "Normal",
};
static u64 zone_bytes[MAX_NR_ZONES];
static u64 zone_file_off[MAX_NR_ZONES];

/**
 * __compat_node_data - the one node's pglist_data (NODE_DATA(0))
 *
 * Context: any.
 */
struct pglist_data *__compat_node_data(void)
{
	return &node_data;
}
EXPORT_SYMBOL(__compat_node_data);

/* The memfd holding all present frames (vmalloc maps its pages again). */
int compat_physmem_fd(void)
{
	return physmem_fd;
}

/* Offset of physical @phys in the memfd; warns and returns ~0 in a hole. */
u64 compat_phys_to_file_offset(phys_addr_t phys)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (phys >= zone_phys_start[i] &&
		    phys < zone_phys_start[i] + zone_bytes[i])
			return zone_file_off[i] + (phys - zone_phys_start[i]);
	}
	WARN(1, "compat: physical address %#llx is not present memory\n",
	     (unsigned long long)phys);
	return ~0ULL;
}

static bool phys_present(phys_addr_t phys)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (phys >= zone_phys_start[i] &&
		    phys < zone_phys_start[i] + zone_bytes[i])
			return true;
	}
	return false;
}

/**
 * pfn_valid - does @pfn have a struct page backed by present memory?
 * @pfn: page frame number
 *
 * Context: any.  As 6.1 on x86-64 (SPARSEMEM): true for every frame of
 * present memory, reserved ones included (pfn 0); false in the holes.
 */
bool pfn_valid(unsigned long pfn)
{
	compat_init();
	if (pfn >= __compat_max_pfn)
		return false;
	return phys_present((phys_addr_t)pfn << PAGE_SHIFT);
}
EXPORT_SYMBOL(pfn_valid);

/**
 * compat_addr_in_direct_map - is @addr a direct-map address of present RAM?
 * @addr: any pointer
 *
 * Context: any.
 */
bool compat_addr_in_direct_map(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	unsigned long base = (unsigned long)__compat_direct_map;

	compat_init();
	if (a < base || a - base >= (__compat_max_pfn << PAGE_SHIFT))
		return false;
	return phys_present(a - base);
}
EXPORT_SYMBOL(compat_addr_in_direct_map);

/**
 * __compat_virt_addr_valid - virt_addr_valid(): direct-map address of RAM?
 * @addr: any pointer
 *
 * Context: any.  As x86-64's __virt_addr_valid: true only for addresses of
 * the direct map whose pfn is valid (vmalloc and user addresses are not).
 */
bool __compat_virt_addr_valid(const void *addr)
{
	return compat_addr_in_direct_map(addr);
}
EXPORT_SYMBOL(__compat_virt_addr_valid);

static void parse_layout(const char *s, u64 bytes[MAX_NR_ZONES])
{
	static const char *const keys[MAX_NR_ZONES] = {
		[ZONE_DMA] = "dma", [ZONE_DMA32] = "dma32",
		[ZONE_NORMAL] = "normal",
	};
	static const u64 limits[MAX_NR_ZONES] = {
		[ZONE_DMA] = SZ_16M, [ZONE_DMA32] = SZ_4G - SZ_16M,
		[ZONE_NORMAL] = 1ULL << 40,
	};
	const char *p = s;

	while (*p) {
		const char *colon = strchr(p, ':');
		const char *end;
		size_t klen;
		u64 v;
		int i;

		if (!colon)
			goto bad;
		klen = colon - p;
		for (i = 0; i < MAX_NR_ZONES; i++)
			if (strlen(keys[i]) == klen && !strncmp(p, keys[i], klen))
				break;
		if (i == MAX_NR_ZONES)
			goto bad;
		if (!host_parse_size(colon + 1, &end, &v))
			goto bad;
		if (*end != ',' && *end != '\0')
			goto bad;
		if (v % PAGE_SIZE || v > limits[i])
			goto bad;
		bytes[i] = v;
		p = *end ? end + 1 : end;
		if (*end == ',' && !*p)
			goto bad;
	}
	if (!bytes[ZONE_DMA] && !bytes[ZONE_DMA32] && !bytes[ZONE_NORMAL])
		goto bad;
	if (bytes[ZONE_DMA] == PAGE_SIZE && !bytes[ZONE_DMA32] &&
	    !bytes[ZONE_NORMAL])
		goto bad;	/* only the reserved page 0 */
	return;
bad:
	compat_fatal("SVR5DDI_PHYSMEM: malformed value \"%s\" (expected "
		     "dma:SIZE,dma32:SIZE,normal:SIZE with SIZE a multiple "
		     "of 4K, dma <= 16M, dma32 <= 4080M, not all zero)", s);
}

/*
 * compat_physmem_init - build the arena, the direct map and the zones.
 * Called once from __compat_init_slow(), before the page allocator.
 */
void compat_physmem_init(void)
{
	u64 bytes[MAX_NR_ZONES] = {
		[ZONE_DMA] = SZ_16M, [ZONE_DMA32] = 112ULL << 20,
		[ZONE_NORMAL] = 128ULL << 20,
	};
	const char *env = host_getenv("SVR5DDI_PHYSMEM");
	u64 total = 0, top = 0, off = 0;
	int i, err;

	if (env)
		parse_layout(env, bytes);

	for (i = 0; i < MAX_NR_ZONES; i++) {
		zone_bytes[i] = bytes[i];
		zone_file_off[i] = off;
		off += bytes[i];
		total += bytes[i];
		if (bytes[i])
			top = zone_phys_start[i] + bytes[i];
	}

	physmem_fd = host_memfd("svr5ddi-physmem", total);
	if (physmem_fd < 0)
		compat_fatal("compat: cannot create the %llu-byte physical "
			     "memory file (error %d)",
			     (unsigned long long)total, -physmem_fd);
	__compat_direct_map = host_reserve(top);
	if (!__compat_direct_map)
		compat_fatal("compat: cannot reserve %llu bytes for the direct "
			     "map", (unsigned long long)top);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (!bytes[i])
			continue;
		err = host_map_file_fixed(__compat_direct_map +
					  zone_phys_start[i], bytes[i],
					  physmem_fd, zone_file_off[i]);
		if (err)
			compat_fatal("compat: cannot map zone %s (error %d)",
				     zone_names[i], -err);
	}

	__compat_max_pfn = top >> PAGE_SHIFT;
	__compat_mem_map = host_map_anon(__compat_max_pfn *
					 sizeof(struct page));
	if (!__compat_mem_map)
		compat_fatal("compat: cannot map the struct page array");

	node_data.nr_zones = MAX_NR_ZONES;
	node_data.node_start_pfn = 0;
	node_data.node_spanned_pages = __compat_max_pfn;
	init_waitqueue_head(&node_data.pages_freed);

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &node_data.node_zones[i];
		unsigned long pfn, start, nr;
		int o;

		start = zone_phys_start[i] >> PAGE_SHIFT;
		nr = bytes[i] >> PAGE_SHIFT;
		zone->name = zone_names[i];
		zone->idx = i;
		zone->zone_start_pfn = start;
		zone->spanned_pages = nr;
		zone->present_pages = nr;
		zone->managed_pages = nr;
		spin_lock_init(&zone->lock);
		for (o = 0; o < MAX_ORDER; o++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list);
		for (pfn = start; pfn < start + nr; pfn++) {
			struct page *page = pfn_to_page(pfn);

			page->zone_idx = i;
			INIT_LIST_HEAD(&page->lru);
		}
	}
	/* Pfn 0 is reserved, as the BIOS page of a PC. */
	if (bytes[ZONE_DMA]) {
		__SetPageReserved(pfn_to_page(0));
		node_data.node_zones[ZONE_DMA].managed_pages--;
	}
}
