/* SPDX-License-Identifier: MIT */
/*
 * check_page_alloc.c - the simulated physical memory and the buddy
 * allocator: layout, zone placement and fallback, alignment, coalescing,
 * address conversions, watermarks and lowmem_reserve as 6.1 computes them,
 * failure and blocking rules of the slow path, bad frees, SVR5DDI_PHYSMEM.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <pthread.h>
#include <time.h>
#include <signal.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <svr5compat/physmem.h>
#include <svr5compat/log.h>
#include <svr5compat/context.h>
#include "check_util.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define NOWAIT_FAIL (__GFP_NOWARN | __GFP_NORETRY)

static struct compat_zone_info zinfo(enum zone_type z)
{
	struct compat_zone_info zi;

	compat_zone_info(z, &zi);
	return zi;
}

static unsigned long zfree(enum zone_type z)
{
	return zinfo(z).free_pages;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Allocate with @gfp/@order until it fails; returns how many succeeded. */
static unsigned long drain(gfp_t gfp, unsigned int order, struct page ***out)
{
	unsigned long n = 0, cap = 1024;
	struct page **v = malloc(cap * sizeof(*v));
	struct page *p;

	while ((p = alloc_pages(gfp, order)) != NULL) {
		if (n == cap)
			v = realloc(v, (cap *= 2) * sizeof(*v));
		v[n++] = p;
	}
	*out = v;
	return n;
}

static void undrain(struct page **v, unsigned long n, unsigned int order)
{
	while (n--)
		__free_pages(v[n], order);
	free(v);
}

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* ------------------------------------------------------------ layout */

START_TEST(test_default_layout)
{
	struct compat_zone_info d = zinfo(ZONE_DMA), d32 = zinfo(ZONE_DMA32),
		n = zinfo(ZONE_NORMAL);

	ck_assert_str_eq(d.name, "DMA");
	ck_assert_str_eq(d32.name, "DMA32");
	ck_assert_str_eq(n.name, "Normal");
	ck_assert_uint_eq(d.start, 0);
	ck_assert_uint_eq(d.end, 16 * MiB);
	ck_assert_uint_eq(d32.start, 16 * MiB);
	ck_assert_uint_eq(d32.end, 128 * MiB);
	ck_assert_uint_eq(n.start, 4 * GiB);
	ck_assert_uint_eq(n.end, 4 * GiB + 128 * MiB);
	ck_assert_uint_eq(d.present_pages, 4096);
	ck_assert_uint_eq(d.managed_pages, 4095);	/* pfn 0 reserved */
	ck_assert_uint_eq(d32.managed_pages, 28672);
	ck_assert_uint_eq(n.managed_pages, 32768);
	ck_assert_uint_eq(totalram_pages(), 4095 + 28672 + 32768);
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
	ck_assert_uint_eq(compat_free_pages(), totalram_pages());
	ck_assert_uint_eq(__compat_max_pfn, (4 * GiB + 128 * MiB) >> PAGE_SHIFT);
	ck_assert(PageReserved(pfn_to_page(0)));
	ck_assert(pfn_valid(0));
	ck_assert(pfn_valid((128 * MiB >> PAGE_SHIFT) - 1));
	ck_assert(!pfn_valid(128 * MiB >> PAGE_SHIFT));		/* hole */
	ck_assert(!pfn_valid((4 * GiB >> PAGE_SHIFT) - 1));	/* hole */
	ck_assert(pfn_valid(4 * GiB >> PAGE_SHIFT));
	ck_assert(!pfn_valid(__compat_max_pfn));
	ck_assert(virt_addr_valid(__va(4 * GiB)));
	ck_assert(!virt_addr_valid(__va(1 * GiB)));
	ck_assert(!virt_addr_valid(&d));
	ck_assert(compat_addr_in_direct_map(__va(16 * MiB)));
	ck_assert(!compat_addr_in_direct_map(__va(200 * MiB)));
	/* Initial free state: maximal naturally aligned blocks. */
	ck_assert_uint_eq(d.free_blocks[0], 1);	/* pfn 1 */
	ck_assert_uint_eq(d.free_blocks[9], 1);	/* pfn 512 */
	ck_assert_uint_eq(d.free_blocks[10], 3);
	ck_assert_uint_eq(d32.free_blocks[10], 28);
	ck_assert_uint_eq(n.free_blocks[10], 32);
	ck_assert_uint_eq(n.free_blocks[0], 0);
}
END_TEST

static unsigned int dump_lines;
static char dump_text[8192];
static void dump_emit(const char *line, void *arg)
{
	dump_lines++;
	strncat(dump_text, line, sizeof(dump_text) - strlen(dump_text) - 2);
	strcat(dump_text, "\n");
}

START_TEST(test_dump)
{
	compat_physmem_dump(dump_emit, NULL);
	ck_assert_uint_ge(dump_lines, 8);
	ck_assert_ptr_nonnull(strstr(dump_text, "DMA32"));
	ck_assert_ptr_nonnull(strstr(dump_text, "Normal"));
	ck_assert_ptr_nonnull(strstr(dump_text,
				     "[0x0000000100000000-0x0000000107ffffff]"));
	ck_assert_ptr_nonnull(strstr(dump_text, "min_free_kbytes 2047"));
}
END_TEST

/* --------------------------------------------------------- placement */

START_TEST(test_zone_placement)
{
	struct page *dma = alloc_pages(GFP_KERNEL | GFP_DMA, 0);
	struct page *d32 = alloc_pages(GFP_KERNEL | GFP_DMA32, 0);
	struct page *nrm = alloc_pages(GFP_KERNEL, 0);

	ck_assert_ptr_nonnull(dma);
	ck_assert_ptr_nonnull(d32);
	ck_assert_ptr_nonnull(nrm);
	ck_assert_uint_lt(page_to_phys(dma), 16 * MiB);
	ck_assert_uint_ne(page_to_phys(dma), 0);
	ck_assert_uint_eq(page_zonenum(dma), ZONE_DMA);
	ck_assert_uint_ge(page_to_phys(d32), 16 * MiB);
	ck_assert_uint_lt(page_to_phys(d32), 4 * GiB);
	ck_assert_uint_eq(page_zonenum(d32), ZONE_DMA32);
	ck_assert_uint_ge(page_to_phys(nrm), 4 * GiB);
	ck_assert_uint_eq(page_zonenum(nrm), ZONE_NORMAL);
	ck_assert_ptr_eq(page_zone(nrm), &NODE_DATA(0)->node_zones[ZONE_NORMAL]);
	__free_page(dma);
	__free_page(d32);
	__free_page(nrm);
}
END_TEST

START_TEST(test_zone_fallback)
{
	struct compat_frag *fn, *f32;
	struct page *p;

	fn = compat_exhaust(ZONE_NORMAL);
	ck_assert_ptr_nonnull(fn);
	ck_assert_uint_eq(zfree(ZONE_NORMAL), 0);
	p = alloc_pages(GFP_KERNEL, 2);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 2);

	f32 = compat_exhaust(ZONE_DMA32);
	p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA);
	__free_page(p);
	/* Fallback never goes up: DMA32 requests do not take NORMAL. */
	compat_unfragment(fn);
	p = alloc_pages(GFP_DMA32 | GFP_KERNEL, 0);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA);
	__free_page(p);
	compat_unfragment(f32);
	p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_uint_eq(page_zonenum(p), ZONE_NORMAL);
	__free_page(p);
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
}
END_TEST

START_TEST(test_fragment)
{
	struct compat_zone_info before = zinfo(ZONE_NORMAL), mid, after;
	struct compat_frag *f = compat_fragment(ZONE_NORMAL);
	struct page *p;
	int i;

	mid = zinfo(ZONE_NORMAL);
	ck_assert_uint_eq(mid.free_pages, before.free_pages / 2);
	ck_assert_uint_eq(mid.free_blocks[0], mid.free_pages);
	for (i = 1; i < MAX_ORDER; i++)
		ck_assert_uint_eq(mid.free_blocks[i], 0);
	/* order 0 still comes from NORMAL, order 1 has to fall back */
	p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_uint_eq(page_zonenum(p), ZONE_NORMAL);
	__free_page(p);
	p = alloc_pages(GFP_KERNEL, 1);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 1);
	compat_unfragment(f);
	after = zinfo(ZONE_NORMAL);
	for (i = 0; i < MAX_ORDER; i++)
		ck_assert_uint_eq(after.free_blocks[i], before.free_blocks[i]);
	ck_assert_ptr_null(compat_fragment(MAX_NR_ZONES));
}
END_TEST

START_TEST(test_alignment)
{
	static const gfp_t zones[] = { GFP_DMA, GFP_DMA32, 0 };
	unsigned int z, order, k;

	for (z = 0; z < 3; z++) {
		for (order = 0; order < MAX_ORDER; order++) {
			struct page *p[3];

			for (k = 0; k < 3; k++) {
				p[k] = alloc_pages(GFP_KERNEL | zones[z], order);
				ck_assert_ptr_nonnull(p[k]);
				ck_assert_uint_eq(page_to_phys(p[k]) %
						  (PAGE_SIZE << order), 0);
				ck_assert_uint_eq(page_zonenum(p[k]), z);
				ck_assert_int_eq(page_count(p[k]), 1);
			}
			for (k = 0; k < 3; k++)
				__free_pages(p[k], order);
		}
	}
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
}
END_TEST

/* A randomized workload must leave the exact initial free state. */
START_TEST(test_coalescing)
{
	static const gfp_t zones[] = { GFP_DMA, GFP_DMA32, 0 };
	struct compat_zone_info before[MAX_NR_ZONES], after;
	struct { struct page *p; unsigned int order; } live[96];
	unsigned int nlive = 0, seed = 12345, i, z, allocs = 0;

	for (z = 0; z < MAX_NR_ZONES; z++)
		before[z] = zinfo(z);
	for (i = 0; i < 6000; i++) {
		bool do_alloc = nlive < 96 && (nlive == 0 || rand_r(&seed) % 2);

		if (do_alloc) {
			unsigned int order = rand_r(&seed) % 8 == 0 ?
				rand_r(&seed) % MAX_ORDER : rand_r(&seed) % 4;
			gfp_t g = GFP_KERNEL | NOWAIT_FAIL |
				  zones[rand_r(&seed) % 3];
			struct page *p = alloc_pages(g, order);
			unsigned long j;

			if (!p)
				continue;
			allocs++;
			ck_assert_uint_eq(page_to_pfn(p) % (1UL << order), 0);
			for (j = 0; j < (1UL << order); j++)
				*(unsigned long *)page_address(p + j) =
					page_to_pfn(p) + j;
			live[nlive].p = p;
			live[nlive++].order = order;
		} else {
			unsigned int k = rand_r(&seed) % nlive;
			struct page *p = live[k].p;
			unsigned long j;

			/* Nobody else wrote into our frames. */
			for (j = 0; j < (1UL << live[k].order); j++)
				ck_assert_uint_eq(*(unsigned long *)
						  page_address(p + j),
						  page_to_pfn(p) + j);
			__free_pages(p, live[k].order);
			live[k] = live[--nlive];
		}
	}
	ck_assert_uint_gt(allocs, 2500);
	while (nlive) {
		nlive--;
		__free_pages(live[nlive].p, live[nlive].order);
	}
	for (z = 0; z < MAX_NR_ZONES; z++) {
		after = zinfo(z);
		ck_assert_uint_eq(after.free_pages, before[z].free_pages);
		for (i = 0; i < MAX_ORDER; i++)
			ck_assert_uint_eq(after.free_blocks[i],
					  before[z].free_blocks[i]);
	}
}
END_TEST

struct stress_arg {
	unsigned int seed;
	unsigned long done;
};

static void *stress_thread(void *a)
{
	struct stress_arg *arg = a;
	struct page *live[32];
	unsigned int orders[32], n = 0, i;

	for (i = 0; i < 3000; i++) {
		if (n < 32 && (n == 0 || rand_r(&arg->seed) % 2)) {
			unsigned int o = rand_r(&arg->seed) % 5;
			struct page *p = alloc_pages(GFP_KERNEL | NOWAIT_FAIL, o);

			if (p) {
				live[n] = p;
				orders[n++] = o;
				arg->done++;
			}
		} else {
			unsigned int k = rand_r(&arg->seed) % n;

			__free_pages(live[k], orders[k]);
			live[k] = live[--n];
			orders[k] = orders[n];
		}
	}
	while (n--)
		__free_pages(live[n], orders[n]);
	return NULL;
}

START_TEST(test_concurrent)
{
	struct compat_zone_info before = zinfo(ZONE_NORMAL), after;
	struct stress_arg args[3] = { { 1, 0 }, { 2, 0 }, { 3, 0 } };
	pthread_t t[3];
	int i;

	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, stress_thread, &args[i]);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	after = zinfo(ZONE_NORMAL);
	ck_assert_uint_gt(args[0].done + args[1].done + args[2].done, 3000);
	ck_assert_uint_eq(after.free_pages, before.free_pages);
	for (i = 0; i < MAX_ORDER; i++)
		ck_assert_uint_eq(after.free_blocks[i], before.free_blocks[i]);
}
END_TEST

/* ---------------------------------------------------------- addresses */

static int physmem_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int fd = -1;

	while (d && (e = readdir(d)) != NULL) {
		char path[300], target[256];
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (strstr(target, "svr5ddi-physmem"))
			fd = atoi(e->d_name);
	}
	if (d)
		closedir(d);
	return fd;
}

/* File offset of @phys: zones are packed in the file in zone order. */
static off_t file_offset(phys_addr_t phys)
{
	off_t off = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct compat_zone_info zi = zinfo(z);

		if (phys >= zi.start && phys < zi.end)
			return off + (phys - zi.start);
		off += zi.end - zi.start;
	}
	return -1;
}

START_TEST(test_address_roundtrip)
{
	static const gfp_t zones[] = { GFP_DMA, GFP_DMA32, 0 };
	int fd, z;

	alloc_pages(GFP_KERNEL, 0);	/* initialise, then find the file */
	fd = physmem_fd();
	ck_assert_int_ge(fd, 0);
	for (z = 0; z < 3; z++) {
		struct page *p = alloc_pages(GFP_KERNEL | zones[z], 2);
		unsigned long pfn = page_to_pfn(p);
		phys_addr_t phys = page_to_phys(p);
		char *va = page_address(p);
		int i;

		ck_assert_ptr_eq(pfn_to_page(pfn), p);
		ck_assert_uint_eq(phys, (phys_addr_t)pfn << PAGE_SHIFT);
		ck_assert_ptr_eq(__va(phys), va);
		ck_assert_uint_eq(__pa(va), phys);
		ck_assert_uint_eq(virt_to_phys(va + 123), phys + 123);
		ck_assert_ptr_eq(phys_to_virt(phys + 5000), va + 5000);
		ck_assert_ptr_eq(virt_to_page(va + PAGE_SIZE + 17), p + 1);
		ck_assert_uint_eq(virt_to_pfn(va), pfn);
		ck_assert_uint_eq(offset_in_page(va + 77), 77);
		ck_assert(virt_addr_valid(va));
		for (i = 0; i < 4; i++) {
			unsigned long v = 0xfeed0000 + z * 16 + i, got = 0;

			*(unsigned long *)((char *)page_address(p + i) + 8) = v;
			/* the write is in the frame, as the memfd shows */
			ck_assert_int_eq(pread(fd, &got, sizeof(got),
					       file_offset(phys + i * PAGE_SIZE) + 8),
					 sizeof(got));
			ck_assert_uint_eq(got, v);
		}
		__free_pages(p, 2);
	}
}
END_TEST

START_TEST(test_gfp_zero)
{
	struct compat_frag *f = compat_exhaust(ZONE_DMA);
	struct page *p;
	unsigned long pfn, i;

	/* Dirty every DMA frame, then give them back. */
	for (pfn = 1; pfn < 4096; pfn++)
		memset(pfn_to_virt(pfn), 0xa5, PAGE_SIZE);
	compat_unfragment(f);
	p = alloc_pages(GFP_DMA | __GFP_ZERO, 3);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 8 * PAGE_SIZE; i++)
		ck_assert_uint_eq(((unsigned char *)page_address(p))[i], 0);
	__free_pages(p, 3);
	pfn = get_zeroed_page(GFP_DMA);
	ck_assert_uint_ne(pfn, 0);
	for (i = 0; i < PAGE_SIZE; i++)
		ck_assert_uint_eq(((unsigned char *)pfn)[i], 0);
	free_page(pfn);
}
END_TEST

START_TEST(test_get_free_pages)
{
	unsigned long a = __get_free_pages(GFP_KERNEL, 3);
	unsigned long free0 = zfree(ZONE_NORMAL);

	ck_assert_uint_ne(a, 0);
	ck_assert_uint_eq(a % (8 * PAGE_SIZE), 0);
	ck_assert(virt_addr_valid(a));
	ck_assert_uint_ge(__pa(a), 4 * GiB);
	free_pages(a, 3);
	ck_assert_uint_eq(zfree(ZONE_NORMAL), free0 + 8);
	free_pages(0, 3);	/* ignored, as in 6.1 */
	a = __get_free_page(GFP_DMA);
	ck_assert_uint_lt(__pa(a), 16 * MiB);
	free_page(a);
	ck_assert_ptr_nonnull(alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 0));
}
END_TEST

START_TEST(test_get_order)
{
	ck_assert_int_eq(get_order(1), 0);
	ck_assert_int_eq(get_order(PAGE_SIZE), 0);
	ck_assert_int_eq(get_order(PAGE_SIZE + 1), 1);
	ck_assert_int_eq(get_order(2 * PAGE_SIZE), 1);
	ck_assert_int_eq(get_order(2 * PAGE_SIZE + 1), 2);
	ck_assert_int_eq(get_order(5 * PAGE_SIZE), 3);
	ck_assert_int_eq(get_order(1UL << 20), 8);
	ck_assert_int_eq(get_order(4UL << 20), 10);
	ck_assert_int_eq(get_order((4UL << 20) + 1), 11);
	ck_assert_int_eq(get_order(1UL << 32), 20);
}
END_TEST

START_TEST(test_compound)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	unsigned long free0 = zfree(ZONE_NORMAL);
	int i;

	ck_assert(PageHead(p));
	ck_assert(!PageTail(p));
	ck_assert_uint_eq(compound_order(p), 3);
	for (i = 1; i < 8; i++) {
		ck_assert(PageTail(p + i));
		ck_assert_ptr_eq(compound_head(p + i), p);
		ck_assert_int_eq(page_count(p + i), 1);
		ck_assert_uint_eq(page_zonenum(p + i), ZONE_NORMAL);
	}
	ck_assert_ptr_eq(virt_to_head_page((char *)page_address(p) +
					   5 * PAGE_SIZE + 9), p);
	__free_pages(p, 3);
	ck_assert_uint_eq(zfree(ZONE_NORMAL), free0 + 8);
	/* A new allocation of the frames carries no stale compound state. */
	p = alloc_pages(GFP_KERNEL, 3);
	for (i = 0; i < 8; i++)
		ck_assert(!PageHead(p + i) && !PageTail(p + i));
	ck_assert_uint_eq(compound_order(p), 0);
	/* order 0 with __GFP_COMP is not compound, as in 6.1 */
	ck_assert(!PageHead(alloc_pages(GFP_KERNEL | __GFP_COMP, 0)));
}
END_TEST

START_TEST(test_split_page)
{
	struct compat_zone_info before = zinfo(ZONE_DMA), after;
	struct page *p = alloc_pages(GFP_DMA, 2);
	int i;

	ck_assert_int_eq(page_count(p), 1);
	split_page(p, 2);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(page_count(p + i), 1);
	__free_page(p + 2);
	__free_page(p);
	ck_assert_uint_eq(zfree(ZONE_DMA), before.free_pages - 2);
	__free_page(p + 3);
	__free_page(p + 1);
	after = zinfo(ZONE_DMA);
	ck_assert_uint_eq(after.free_pages, before.free_pages);
	for (i = 0; i < MAX_ORDER; i++)
		ck_assert_uint_eq(after.free_blocks[i], before.free_blocks[i]);
}
END_TEST

START_TEST(test_alloc_pages_exact)
{
	struct compat_zone_info before = zinfo(ZONE_DMA), after;
	void *v = alloc_pages_exact(5 * PAGE_SIZE - 100, GFP_DMA);
	int i;

	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(__pa(v) % (8 * PAGE_SIZE), 0);	/* order 3 */
	/* only 5 pages stay allocated: the 3 tail pages went back */
	ck_assert_uint_eq(zfree(ZONE_DMA), before.free_pages - 5);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(page_count(virt_to_page(v) + i), 1);
	memset(v, 1, 5 * PAGE_SIZE - 100);
	free_pages_exact(v, 5 * PAGE_SIZE - 100);
	after = zinfo(ZONE_DMA);
	ck_assert_uint_eq(after.free_pages, before.free_pages);
	for (i = 0; i < MAX_ORDER; i++)
		ck_assert_uint_eq(after.free_blocks[i], before.free_blocks[i]);
	v = alloc_pages_exact(PAGE_SIZE, GFP_KERNEL);
	ck_assert_uint_ge(__pa(v), 4 * GiB);
	free_pages_exact(v, PAGE_SIZE);
}
END_TEST

/* --------------------------------------------------------- watermarks */

START_TEST(test_watermark_values)
{
	unsigned long managed[MAX_NR_ZONES], lowmem = 0, kbytes, pages_min;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		lowmem += managed[z] = zinfo(z).managed_pages;
	/* init_per_zone_wmark_min(): sqrt(lowmem_kbytes * 16), clamped */
	kbytes = isqrt(lowmem * 4 * 16);
	ck_assert_uint_eq(kbytes, 2047);
	pages_min = kbytes >> 2;
	for (z = 0; z < MAX_NR_ZONES; z++)
		ck_assert_uint_eq(zinfo(z).min_wmark,
				  pages_min * managed[z] / lowmem);
	ck_assert_uint_eq(zinfo(ZONE_DMA).min_wmark, 31);
	ck_assert_uint_eq(zinfo(ZONE_NORMAL).min_wmark, 255);
	/* setup_per_zone_lowmem_reserve(), ratio 256 for DMA and DMA32 */
	ck_assert_int_eq(zinfo(ZONE_DMA).lowmem_reserve[ZONE_DMA], 0);
	ck_assert_int_eq(zinfo(ZONE_DMA).lowmem_reserve[ZONE_DMA32],
			 managed[ZONE_DMA32] / 256);
	ck_assert_int_eq(zinfo(ZONE_DMA).lowmem_reserve[ZONE_NORMAL],
			 (managed[ZONE_DMA32] + managed[ZONE_NORMAL]) / 256);
	ck_assert_int_eq(zinfo(ZONE_DMA32).lowmem_reserve[ZONE_NORMAL],
			 managed[ZONE_NORMAL] / 256);
	ck_assert_int_eq(zinfo(ZONE_NORMAL).lowmem_reserve[ZONE_NORMAL], 0);
}
END_TEST

START_TEST(test_watermark_min)
{
	long min = zinfo(ZONE_DMA).min_wmark;
	long high_min = min - min / 2;
	long atomic_min = high_min - high_min / 4;
	struct page **a, **b, **c, **d;
	unsigned long na, nb, nc, nd;

	compat_log_quiet(true);
	/* A blocking lowmem request stops at min (and fails: no OOM kill). */
	na = drain(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, 0, &a);
	ck_assert_uint_eq(zfree(ZONE_DMA), min);
	ck_assert_uint_eq(na, 4095 - min);
	/* GFP_NOWAIT has no access to the reserve either. */
	ck_assert_ptr_null(alloc_pages(GFP_NOWAIT | GFP_DMA | __GFP_NOWARN, 0));
	/* __GFP_HIGH takes half of it... */
	nb = drain(GFP_KERNEL | __GFP_HIGH | GFP_DMA | __GFP_NOWARN, 0, &b);
	ck_assert_uint_eq(zfree(ZONE_DMA), high_min);
	ck_assert_uint_eq(nb, min - high_min);
	/* ...and non-blocking __GFP_HIGH (GFP_ATOMIC) a further quarter. */
	nc = drain(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN, 0, &c);
	ck_assert_uint_eq(zfree(ZONE_DMA), atomic_min);
	ck_assert_uint_gt(nc, 0);
	/* __GFP_NOMEMALLOC cancels __GFP_MEMALLOC; __GFP_MEMALLOC takes all */
	ck_assert_ptr_null(alloc_pages(GFP_ATOMIC | GFP_DMA | __GFP_MEMALLOC |
				       __GFP_NOMEMALLOC | __GFP_NOWARN, 0));
	nd = drain(GFP_ATOMIC | GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN, 0, &d);
	ck_assert_uint_eq(nd, atomic_min);
	ck_assert_uint_eq(zfree(ZONE_DMA), 0);
	undrain(d, nd, 0);
	undrain(c, nc, 0);
	undrain(b, nb, 0);
	undrain(a, na, 0);
	ck_assert_uint_eq(zfree(ZONE_DMA), 4095);
}
END_TEST

START_TEST(test_watermark_order)
{
	long min = zinfo(ZONE_DMA).min_wmark;
	struct page **a;
	unsigned long na;

	/* order 2: free - 3 must stay above min */
	na = drain(GFP_DMA | __GFP_NOWARN, 2, &a);
	ck_assert_uint_le(zfree(ZONE_DMA) - 3, min);
	ck_assert_uint_gt(zfree(ZONE_DMA) + 4 - 3, min);
	undrain(a, na, 2);
}
END_TEST

START_TEST(test_lowmem_reserve)
{
	struct compat_frag *fn = compat_exhaust(ZONE_NORMAL);
	struct compat_frag *f32 = compat_exhaust(ZONE_DMA32);
	struct compat_zone_info d = zinfo(ZONE_DMA);
	struct page **a, **b, **c;
	unsigned long na, nb, nc;

	compat_log_quiet(true);
	/* NORMAL requests falling back keep DMA's lowmem_reserve[NORMAL] */
	na = drain(GFP_KERNEL | NOWAIT_FAIL, 0, &a);
	ck_assert_uint_eq(zfree(ZONE_DMA),
			  d.min_wmark + d.lowmem_reserve[ZONE_NORMAL]);
	ck_assert_uint_eq(d.lowmem_reserve[ZONE_NORMAL], 240);
	/* DMA32 requests keep lowmem_reserve[DMA32] */
	nb = drain(GFP_KERNEL | GFP_DMA32 | NOWAIT_FAIL, 0, &b);
	ck_assert_uint_eq(zfree(ZONE_DMA),
			  d.min_wmark + d.lowmem_reserve[ZONE_DMA32]);
	/* GFP_DMA requests go down to min */
	nc = drain(GFP_KERNEL | GFP_DMA | NOWAIT_FAIL, 0, &c);
	ck_assert_uint_eq(zfree(ZONE_DMA), d.min_wmark);
	ck_assert_uint_eq(na + nb + nc, 4095 - d.min_wmark);
	undrain(c, nc, 0);
	undrain(b, nb, 0);
	undrain(a, na, 0);
	compat_unfragment(f32);
	compat_unfragment(fn);
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
}
END_TEST

/* ------------------------------------------------ failure and blocking */

static struct compat_frag *exhaust_all(struct compat_frag *f[3])
{
	f[0] = compat_exhaust(ZONE_DMA);
	f[1] = compat_exhaust(ZONE_DMA32);
	f[2] = compat_exhaust(ZONE_NORMAL);
	ck_assert_uint_eq(nr_free_pages(), 0);
	return f[2];
}

static void unexhaust_all(struct compat_frag *f[3])
{
	int i;

	for (i = 0; i < 3; i++)
		compat_unfragment(f[i]);
}

START_TEST(test_atomic_fails_and_warns)
{
	struct compat_frag *f[3];
	double t0;

	compat_log_quiet(true);
	exhaust_all(f);
	compat_log_clear();
	t0 = now_s();
	ck_assert_ptr_null(alloc_pages(GFP_ATOMIC, 0));
	ck_assert_double_lt(now_s() - t0, 0.5);
	ck_assert(compat_log_contains(
		"page allocation failure: order:0, mode:0xa20(GFP_ATOMIC)"));
	ck_assert(compat_log_contains(current->comm));
	ck_assert_ptr_null(alloc_pages(GFP_NOWAIT, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY, 1));
	/* warn_alloc() is rate limited as 6.1's nopage_rs: one per 10 s */
	ck_assert_uint_eq(compat_log_count("page allocation failure"), 1);
	unexhaust_all(f);
}
END_TEST

START_TEST(test_nowarn_is_silent)
{
	struct compat_frag *f[3];

	compat_log_quiet(true);
	exhaust_all(f);
	compat_log_clear();
	ck_assert_ptr_null(alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 5));
	ck_assert(!compat_log_contains("page allocation failure"));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | GFP_DMA, 0));
	ck_assert(compat_log_contains(
		"page allocation failure: order:0, mode:0xcc1(GFP_KERNEL|GFP_DMA)"));
	unexhaust_all(f);
}
END_TEST

static struct compat_frag *release_frag;
static void *release_later(void *arg)
{
	usleep(300000);
	compat_unfragment(release_frag);
	return NULL;
}

START_TEST(test_kernel_blocks_until_free)
{
	struct compat_frag *f[3];
	pthread_t t;
	struct page *p;
	double t0;

	compat_log_quiet(true);
	exhaust_all(f);
	/* Costly orders, lowmem, NORETRY, RETRY_MAYFAIL: fail at once. */
	t0 = now_s();
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 4));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | GFP_DMA32, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_RETRY_MAYFAIL, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_RETRY_MAYFAIL, 7));
	ck_assert_double_lt(now_s() - t0, 0.5);
	/* Order <= 3 from NORMAL is "too small to fail": it waits. */
	release_frag = f[2];
	pthread_create(&t, NULL, release_later, NULL);
	t0 = now_s();
	p = alloc_pages(GFP_KERNEL, 3);
	ck_assert_ptr_nonnull(p);
	ck_assert_double_ge(now_s() - t0, 0.25);
	ck_assert_uint_eq(page_zonenum(p), ZONE_NORMAL);
	pthread_join(t, NULL);
	__free_pages(p, 3);
	f[2] = NULL;
	unexhaust_all(f);
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
}
END_TEST

START_TEST(test_nofail)
{
	struct compat_frag *f32 = compat_exhaust(ZONE_DMA32);
	struct compat_frag *fd = compat_exhaust(ZONE_DMA);
	struct page **a, *p;
	unsigned long na;
	long min = zinfo(ZONE_NORMAL).min_wmark;

	compat_log_quiet(true);
	na = drain(GFP_KERNEL | NOWAIT_FAIL, 0, &a);
	ck_assert_uint_eq(zfree(ZONE_NORMAL), min);
	/* __GFP_NOFAIL gets the reserves the OOM path gives it. */
	p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(zfree(ZONE_NORMAL), min - 1);
	__free_page(p);
	undrain(a, na, 0);
	compat_unfragment(fd);
	compat_unfragment(f32);
}
END_TEST

START_TEST(test_max_order)
{
	unsigned long w = compat_warn_count();

	compat_log_quiet(true);
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	ck_assert_uint_eq(compat_warn_count(), w);
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	ck_assert_uint_eq(compat_warn_count(), w + 1);
	ck_assert_ptr_null(alloc_pages_exact(8UL << 20, GFP_KERNEL));
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, MAX_ORDER - 1));
}
END_TEST

START_TEST(test_dma_and_dma32_is_a_bug)
{
	alloc_pages(GFP_DMA | GFP_DMA32, 0);
}
END_TEST

/* ----------------------------------------------------------- bad frees */

static void assert_same_state(const struct compat_zone_info *b)
{
	struct compat_zone_info a = zinfo(ZONE_NORMAL);
	int i;

	ck_assert_uint_eq(a.free_pages, b->free_pages);
	for (i = 0; i < MAX_ORDER; i++)
		ck_assert_uint_eq(a.free_blocks[i], b->free_blocks[i]);
}

START_TEST(test_double_free)
{
	struct compat_zone_info before = zinfo(ZONE_NORMAL);
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	struct page *q = alloc_pages(GFP_KERNEL, 2);
	unsigned long w = compat_warn_count();

	compat_log_quiet(true);
	__free_page(p);
	compat_log_clear();
	__free_page(p);			/* head of a free block now */
	ck_assert(compat_log_contains("BUG: Bad page state in process"));
	ck_assert(compat_log_contains("double free"));
	ck_assert_uint_eq(compat_warn_count(), w + 1);
	__free_pages(q, 2);
	__free_pages(q, 2);		/* merged into a bigger block */
	ck_assert_uint_eq(compat_log_count("BUG: Bad page state"), 2);
	__free_page(q + 1);		/* never allocated on its own */
	ck_assert_uint_eq(compat_log_count("BUG: Bad page state"), 3);
	ck_assert_uint_eq(compat_warn_count(), w + 3);
	assert_same_state(&before);
	/* and the allocator still works */
	p = alloc_pages(GFP_KERNEL, 10);
	ck_assert_ptr_nonnull(p);
	__free_pages(p, 10);
	assert_same_state(&before);
}
END_TEST

START_TEST(test_bad_flags_and_tails)
{
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	struct page *c = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	struct page *s = alloc_pages(GFP_KERNEL, 1);
	struct compat_zone_info before;
	unsigned long w = compat_warn_count();

	before = zinfo(ZONE_NORMAL);
	compat_log_quiet(true);
	compat_log_clear();
	__SetPageSlab(p);
	__free_page(p);			/* leaked, as 6.1's bad_page() */
	ck_assert(compat_log_contains("PAGE_FLAGS_CHECK_AT_FREE"));
	__free_page(c + 1);		/* tail of a compound page */
	split_page(s, 1);
	__free_pages(s, 1);		/* tail has a reference of its own */
	ck_assert(compat_log_contains("nonzero _refcount"));
	ck_assert_uint_eq(compat_warn_count(), w + 3);
	assert_same_state(&before);
	__free_pages(c, 2);
	ck_assert_uint_eq(zfree(ZONE_NORMAL), before.free_pages + 4);
}
END_TEST

/* ------------------------------------------------------------ contexts */

static struct page *irq_page;
static unsigned long irq_free_after;
static void irq_free(void *arg)
{
	__free_pages(irq_page, 1);
	irq_free_after = nr_free_pages();
	irq_page = alloc_pages(GFP_ATOMIC, 0);
}

START_TEST(test_hardirq)
{
	unsigned long v = compat_sleep_violations(), before;

	irq_page = alloc_pages(GFP_KERNEL, 1);
	before = nr_free_pages();
	compat_run_in_hardirq(irq_free, NULL);
	ck_assert_uint_eq(irq_free_after, before + 2);
	ck_assert_ptr_nonnull(irq_page);
	ck_assert_uint_eq(compat_sleep_violations(), v);
	__free_page(irq_page);
}
END_TEST

START_TEST(test_might_alloc)
{
	DEFINE_SPINLOCK(lock);
	unsigned long v;
	struct page *p;

	compat_log_quiet(true);
	p = alloc_pages(GFP_KERNEL, 0);
	v = compat_sleep_violations();
	spin_lock(&lock);
	__free_page(p);			/* fine under a spin lock */
	p = alloc_pages(GFP_ATOMIC, 0);	/* fine */
	ck_assert_uint_eq(compat_sleep_violations(), v);
	__free_page(alloc_pages(GFP_KERNEL, 0));	/* might sleep: reported */
	spin_unlock(&lock);
	ck_assert_uint_gt(compat_sleep_violations(), v);
	ck_assert(compat_log_contains("sleeping function called from invalid context"));
	__free_page(p);
}
END_TEST

/* ------------------------------------------------------ SVR5DDI_PHYSMEM */

START_TEST(test_physmem_custom)
{
	struct compat_zone_info d, d32, n;
	struct page *p;

	setenv("SVR5DDI_PHYSMEM", "dma:8M,dma32:64M,normal:0", 1);
	p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);	/* no NORMAL */
	ck_assert(compat_zone_info(ZONE_DMA, &d));
	ck_assert(compat_zone_info(ZONE_DMA32, &d32));
	ck_assert(!compat_zone_info(ZONE_NORMAL, &n));
	ck_assert_uint_eq(d.end, 8 * MiB);
	ck_assert_uint_eq(d.managed_pages, 2047);
	ck_assert_uint_eq(d32.start, 16 * MiB);
	ck_assert_uint_eq(d32.end, 80 * MiB);
	ck_assert_uint_eq(n.present_pages, 0);
	ck_assert_uint_eq(__compat_max_pfn, (80 * MiB) >> PAGE_SHIFT);
	ck_assert(!pfn_valid((8 * MiB) >> PAGE_SHIFT));
	ck_assert(!pfn_valid(4 * GiB >> PAGE_SHIFT));
	ck_assert_uint_eq(totalram_pages(), 2047 + 16384);
	__free_page(p);
}
END_TEST

START_TEST(test_physmem_partial)
{
	struct compat_zone_info n;

	setenv("SVR5DDI_PHYSMEM", "normal:1G", 1);
	ck_assert(compat_zone_info(ZONE_NORMAL, &n));
	ck_assert_uint_eq(n.end - n.start, 1 * GiB);
	ck_assert_uint_eq(zinfo(ZONE_DMA32).end, 128 * MiB);	/* default */
	ck_assert_uint_eq(n.free_blocks[MAX_ORDER - 1], 256);
}
END_TEST

static const char *const bad_physmem[] = {
	"dma:32M", "dma32:4G", "bogus:1M", "dma:12345", "dma:1M,",
	"dma:", "normal", "dma:0,dma32:0,normal:0", "dma:1X", "dma32:-4M",
};

START_TEST(test_physmem_malformed)
{
	setenv("SVR5DDI_PHYSMEM", bad_physmem[_i], 1);
	compat_log_quiet(true);
	alloc_pages(GFP_KERNEL, 0);
}
END_TEST

Suite *make_suite(void);
Suite *make_suite(void)
{
	Suite *s = suite_create("page_alloc");
	TCase *tc;

	tc = tcase_create("layout");
	tcase_add_test(tc, test_default_layout);
	tcase_add_test(tc, test_dump);
	suite_add_tcase(s, tc);

	tc = tcase_create("placement");
	tcase_add_test(tc, test_zone_placement);
	tcase_add_test(tc, test_zone_fallback);
	tcase_add_test(tc, test_alignment);
	tcase_add_test(tc, test_fragment);
	suite_add_tcase(s, tc);

	tc = tcase_create("buddy");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_coalescing);
	tcase_add_test(tc, test_concurrent);
	tcase_add_test(tc, test_split_page);
	tcase_add_test(tc, test_compound);
	tcase_add_test(tc, test_alloc_pages_exact);
	tcase_add_test(tc, test_get_free_pages);
	tcase_add_test(tc, test_get_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("addresses");
	tcase_add_test(tc, test_address_roundtrip);
	tcase_add_test(tc, test_gfp_zero);
	suite_add_tcase(s, tc);

	tc = tcase_create("watermarks");
	tcase_add_test(tc, test_watermark_values);
	tcase_add_test(tc, test_watermark_min);
	tcase_add_test(tc, test_watermark_order);
	tcase_add_test(tc, test_lowmem_reserve);
	suite_add_tcase(s, tc);

	tc = tcase_create("failure");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_atomic_fails_and_warns);
	tcase_add_test(tc, test_nowarn_is_silent);
	tcase_add_test(tc, test_kernel_blocks_until_free);
	tcase_add_test(tc, test_nofail);
	tcase_add_test(tc, test_max_order);
	tcase_add_test_raise_signal(tc, test_dma_and_dma32_is_a_bug, SIGABRT);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad_free");
	tcase_add_test(tc, test_double_free);
	tcase_add_test(tc, test_bad_flags_and_tails);
	suite_add_tcase(s, tc);

	tc = tcase_create("context");
	tcase_add_test(tc, test_hardirq);
	tcase_add_test(tc, test_might_alloc);
	suite_add_tcase(s, tc);

	tc = tcase_create("physmem_env");
	tcase_add_test(tc, test_physmem_custom);
	tcase_add_test(tc, test_physmem_partial);
	tcase_add_loop_exit_test(tc, test_physmem_malformed, 2, 0,
				 sizeof(bad_physmem) / sizeof(bad_physmem[0]));
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
