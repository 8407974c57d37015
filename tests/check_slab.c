/* SPDX-License-Identifier: MIT */
/*
 * check_slab.c - the slab allocator and the string helpers: kmalloc size
 * classes and ksize, alignment, zeroing, krealloc, overflow, ZERO_SIZE_PTR,
 * zone placement (GFP_DMA, SLAB_CACHE_DMA*), kmem_cache ctor/align flags,
 * cross-thread frees, thread exit and kmem_cache_destroy giving every page
 * back, leak reports, hardirq GFP_ATOMIC, "Unexpected gfp", fault
 * injection, invalid/double free reports, poison and red zones, and a
 * two-thread stress with content checks.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdint.h>
#include <pthread.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <svr5compat/physmem.h>
#include <svr5compat/log.h>
#include <svr5compat/context.h>
#include <svr5compat/fault.h>
#include "check_util.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* The kmalloc size class of @size, computed independently of slab.c. */
static size_t kmalloc_class(size_t size)
{
	size_t c = 8;

	if (size > 64 && size <= 96)
		return 96;
	if (size > 128 && size <= 192)
		return 192;
	while (c < size)
		c <<= 1;
	return c;
}

static void quiet(void)
{
	compat_log_quiet(true);
	compat_log_clear();
}

/* ------------------------------------------------------------ size classes */

START_TEST(size_classes)
{
	size_t size;

	for (size = 1; size <= 8192; size++) {
		unsigned char *p = kmalloc(size, GFP_KERNEL);
		size_t ks;

		ck_assert_ptr_nonnull(p);
		ks = ksize(p);
		ck_assert_uint_eq(ks, kmalloc_class(size));
		ck_assert_uint_eq(kmalloc_size_roundup(size), ks);
		ck_assert(PageSlab(virt_to_head_page(p)));
		memset(p, 0x5a, ks);	/* the whole class is usable */
		kfree(p);
	}
	ck_assert_uint_eq(kmalloc_size_roundup(0), 0);
}
END_TEST

START_TEST(large_kmalloc)
{
	static const size_t sizes[] = { 8193, 12000, 16384, 16385, 100000,
					1 << 20, KMALLOC_MAX_SIZE };
	unsigned long before = compat_free_pages();
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t want = PAGE_SIZE << get_order(sizes[i]);
		unsigned char *p = kmalloc(sizes[i], GFP_KERNEL);
		struct page *head;

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % PAGE_SIZE, 0);
		ck_assert_uint_eq(ksize(p), want);
		ck_assert_uint_eq(kmalloc_size_roundup(sizes[i]), want);
		head = virt_to_head_page(p + want - 1);
		ck_assert_ptr_eq(head, virt_to_page(p));
		ck_assert(!PageSlab(head));
		ck_assert_uint_eq(compound_order(head), get_order(sizes[i]));
		ck_assert_uint_eq(compat_free_pages(), before - want / PAGE_SIZE);
		p[0] = 1;
		p[want - 1] = 2;
		kfree(p);
		ck_assert_uint_eq(compat_free_pages(), before);
	}
	/* Beyond KMALLOC_MAX_SIZE: the page allocator's order warning. */
	quiet();
	ck_assert_ptr_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	ck_assert_ptr_null(kmalloc(KMALLOC_MAX_SIZE + 1,
				   GFP_KERNEL | __GFP_NOWARN));
	ck_assert_uint_eq(compat_warn_count(), 1);
}
END_TEST

START_TEST(alignment)
{
	size_t size;
	void *keep[16];
	unsigned int i;

	for (size = 1; size <= 8192; size += (size < 512 ? 1 : 37)) {
		for (i = 0; i < 16; i++) {
			keep[i] = kmalloc(size, GFP_KERNEL);
			ck_assert_ptr_nonnull(keep[i]);
			ck_assert_uint_eq((uintptr_t)keep[i] % ARCH_KMALLOC_MINALIGN, 0);
		}
		for (i = 0; i < 16; i++)
			kfree(keep[i]);
	}
	for (size = 8; size <= 8192; size <<= 1) {
		for (i = 0; i < 16; i++) {
			keep[i] = kmalloc(size, GFP_KERNEL);
			ck_assert_uint_eq((uintptr_t)keep[i] % size, 0);
		}
		for (i = 0; i < 16; i++)
			kfree(keep[i]);
	}
}
END_TEST

START_TEST(zeroing)
{
	static const size_t sizes[] = { 1, 8, 24, 64, 96, 100, 192, 300, 4096,
					8192, 20000 };
	unsigned int i, round;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (round = 0; round < 3; round++) {
			unsigned char *p = kmalloc(sizes[i], GFP_KERNEL);
			unsigned char *z;

			memset(p, 0xaa, ksize(p));
			kfree(p);
			z = round == 0 ? kzalloc(sizes[i], GFP_KERNEL) :
			    round == 1 ? kcalloc(1, sizes[i], GFP_KERNEL) :
			    kzalloc_node(sizes[i], GFP_KERNEL, NUMA_NO_NODE);
			/* LIFO magazines: the dirty object comes back. */
			if (sizes[i] <= KMALLOC_MAX_CACHE_SIZE)
				ck_assert_ptr_eq(z, p);
			ck_assert_ptr_null(memchr_inv(z, 0, sizes[i]));
			kfree(z);
		}
	}
}
END_TEST

START_TEST(krealloc_semantics)
{
	unsigned char *p, *q;
	size_t i;

	p = krealloc(NULL, 10, GFP_KERNEL);	/* kmalloc() */
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(ksize(p), 16);
	for (i = 0; i < 10; i++)
		p[i] = (unsigned char)i;
	q = krealloc(p, 16, GFP_KERNEL);	/* still fits: same object */
	ck_assert_ptr_eq(q, p);
	q = krealloc(p, 100, GFP_KERNEL);
	ck_assert_ptr_ne(q, p);
	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(q[i], i);
	for (i = 0; i < 100; i++)
		q[i] = (unsigned char)(i * 3);
	p = krealloc(q, 20000, GFP_KERNEL);	/* slab -> pages */
	for (i = 0; i < 100; i++)
		ck_assert_uint_eq(p[i], (unsigned char)(i * 3));
	q = krealloc(p, 50, GFP_KERNEL);	/* shrinking keeps the object */
	ck_assert_ptr_eq(q, p);
	/* __GFP_ZERO in place zeroes the spare tail. */
	memset(q, 0x11, 128);
	p = kmalloc(128, GFP_KERNEL);
	memset(p, 0x11, 128);
	q = krealloc(p, 64, GFP_KERNEL | __GFP_ZERO);
	ck_assert_ptr_eq(q, p);
	ck_assert_ptr_null(memchr_inv(q, 0x11, 64));
	ck_assert_ptr_null(memchr_inv(q + 64, 0, 64));
	/* new_size 0 frees and returns ZERO_SIZE_PTR. */
	quiet();
	ck_assert_ptr_eq(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(q);	/* so this is a double free */
	ck_assert(compat_log_contains("Object already free"));
	q = krealloc(ZERO_SIZE_PTR, 8, GFP_KERNEL);
	ck_assert_ptr_nonnull(q);
	ck_assert(!ZERO_OR_NULL_PTR(q));
	kfree(q);
	kfree(krealloc(NULL, 0, GFP_KERNEL));
	kfree(krealloc_array(NULL, 3, 4, GFP_KERNEL));
	ck_assert_ptr_null(krealloc_array(NULL, SIZE_MAX / 2, 4, GFP_KERNEL));
}
END_TEST

START_TEST(overflow_and_zero_size)
{
	unsigned long warns;

	quiet();
	warns = compat_warn_count();
	ck_assert_ptr_null(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	ck_assert_ptr_null(kmalloc_array(1UL << 40, 1UL << 40, GFP_KERNEL));
	ck_assert_ptr_null(kmalloc_array_node(SIZE_MAX, 2, GFP_KERNEL, 0));
	ck_assert_ptr_null(kcalloc_node(3, SIZE_MAX / 2, GFP_KERNEL, 0));
	ck_assert_uint_eq(compat_warn_count(), warns);	/* silently */

	ck_assert_ptr_eq(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	ck_assert_ptr_eq(kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	ck_assert_ptr_eq(kcalloc(0, 8, GFP_KERNEL), ZERO_SIZE_PTR);
	ck_assert_ptr_eq(kmemdup("x", 0, GFP_KERNEL), ZERO_SIZE_PTR);
	ck_assert(ZERO_OR_NULL_PTR(NULL));
	ck_assert(ZERO_OR_NULL_PTR(ZERO_SIZE_PTR));
	ck_assert_uint_eq(ksize(ZERO_SIZE_PTR), 0);
	ck_assert_uint_eq(ksize(NULL), 0);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	kfree_sensitive(NULL);
	ck_assert_uint_eq(compat_warn_count(), warns);
}
END_TEST

/* ---------------------------------------------------------------- zones */

START_TEST(zone_placement)
{
	static const size_t sizes[] = { 8, 64, 96, 500, 4096, 8192, 16384,
					100000 };
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *d = kmalloc(sizes[i], GFP_KERNEL | GFP_DMA);
		char *n = kmalloc(sizes[i], GFP_KERNEL);
		char *a = kmalloc(sizes[i], GFP_ATOMIC);

		ck_assert_ptr_nonnull(d);
		ck_assert_ptr_nonnull(n);
		ck_assert_ptr_nonnull(a);
		ck_assert_uint_lt(virt_to_phys(d) + sizes[i], 16 * MiB);
		ck_assert_uint_ge(virt_to_phys(n), 4 * GiB);
		ck_assert_uint_ge(virt_to_phys(a), 4 * GiB);
		ck_assert(compat_addr_in_direct_map(n));
		ck_assert(virt_addr_valid(n));
		ck_assert(virt_addr_valid(d + sizes[i] - 1));
		ck_assert_ptr_eq(page_address(virt_to_page(n)),
				 (void *)((uintptr_t)n & PAGE_MASK));
		ck_assert_ptr_eq(phys_to_virt(virt_to_phys(d)), d);
		ck_assert_uint_eq(page_zonenum(virt_to_page(d)), ZONE_DMA);
		ck_assert_uint_eq(page_zonenum(virt_to_page(n)), ZONE_NORMAL);
		ck_assert_uint_eq(ksize(d), ksize(n));
		kfree(d);
		kfree(n);
		kfree(a);
	}
}
END_TEST

/* --------------------------------------------------------------- caches */

static int ctor_calls;

static void ctor_fn(void *obj)
{
	ctor_calls++;
	memset(obj, 0xc7, 52);
}

START_TEST(cache_ctor)
{
	struct kmem_cache *c;
	unsigned char *objs[100], *p;
	int calls;
	unsigned int i;

	c = kmem_cache_create("ctor_test", 52, 0, 0, ctor_fn);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(kmem_cache_size(c), 52);
	ck_assert_int_eq(ctor_calls, 0);	/* no slab yet */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	calls = ctor_calls;
	/*
	 * One whole slab, as SLUB: with a ctor the free pointer lives after
	 * the object, so the stride is ALIGN(52, 8) + 8 = 64: 64 per page.
	 */
	ck_assert_int_eq(calls, PAGE_SIZE / 64);
	ck_assert_ptr_null(memchr_inv(p, 0xc7, 52));
	/* The ctor does not run again on reuse; contents survive a free. */
	memset(p, 0x3e, 52);
	kmem_cache_free(c, p);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_ptr_eq(objs[0], p);
	ck_assert_ptr_null(memchr_inv(p, 0x3e, 52));
	ck_assert_int_eq(ctor_calls, calls);
	for (i = 1; i < 100; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		ck_assert_uint_eq((uintptr_t)objs[i] % 8, 0);
		ck_assert_ptr_null(memchr_inv(objs[i], 0xc7, 52));
	}
	ck_assert_int_gt(ctor_calls, calls);
	for (i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}
END_TEST

struct test_struct {
	long a;
	char b[13];
} __attribute__((aligned(32)));

START_TEST(cache_align_flags)
{
	static const struct {
		unsigned int size, align;
		slab_flags_t flags;
		unsigned int expect;
	} cases[] = {
		{ 40, 0, 0, 8 },
		{ 40, 128, 0, 128 },
		{ 40, 0, SLAB_HWCACHE_ALIGN, 64 },
		{ 20, 0, SLAB_HWCACHE_ALIGN, 32 },
		{ 10, 0, SLAB_HWCACHE_ALIGN, 16 },
		{ 3, 0, SLAB_HWCACHE_ALIGN, 8 },
		{ 100, 256, SLAB_HWCACHE_ALIGN, 256 },
	};
	unsigned int i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kmem_cache *c = kmem_cache_create("align_test",
				cases[i].size, cases[i].align, cases[i].flags,
				NULL);
		void *o[40];
		uintptr_t min_gap = UINTPTR_MAX;

		ck_assert_ptr_nonnull(c);
		for (j = 0; j < 40; j++) {
			o[j] = kmem_cache_alloc(c, GFP_KERNEL);
			ck_assert_uint_eq((uintptr_t)o[j] % cases[i].expect, 0);
			if (j) {
				uintptr_t gap = (uintptr_t)o[j] > (uintptr_t)o[j - 1] ?
					(uintptr_t)o[j] - (uintptr_t)o[j - 1] :
					(uintptr_t)o[j - 1] - (uintptr_t)o[j];

				if (gap < min_gap)
					min_gap = gap;
			}
		}
		/* Objects are packed at the stride ALIGN(size, align). */
		ck_assert_uint_eq(min_gap, (cases[i].size + cases[i].expect - 1) /
				  cases[i].expect * cases[i].expect);
		for (j = 0; j < 40; j++)
			kmem_cache_free(c, o[j]);
		kmem_cache_destroy(c);
	}
	{
		struct kmem_cache *c = KMEM_CACHE(test_struct, 0);
		void *o = kmem_cache_zalloc(c, GFP_KERNEL);

		ck_assert_uint_eq(kmem_cache_size(c), sizeof(struct test_struct));
		ck_assert_uint_eq((uintptr_t)o % 32, 0);
		ck_assert_ptr_null(memchr_inv(o, 0, sizeof(struct test_struct)));
		kmem_cache_free(c, o);
		kmem_cache_destroy(c);
	}
}
END_TEST

START_TEST(cache_dma_zones)
{
	struct kmem_cache *d = kmem_cache_create("dma_cache", 300, 0,
						 SLAB_CACHE_DMA, NULL);
	struct kmem_cache *d32 = kmem_cache_create("dma32_cache", 300, 0,
						   SLAB_CACHE_DMA32, NULL);
	unsigned int i;

	for (i = 0; i < 50; i++) {
		void *a = kmem_cache_alloc(d, GFP_KERNEL);
		void *b = kmem_cache_alloc(d32, GFP_KERNEL);

		ck_assert_uint_eq(page_zonenum(virt_to_page(a)), ZONE_DMA);
		ck_assert_uint_lt(virt_to_phys(a), 16 * MiB);
		ck_assert_uint_eq(page_zonenum(virt_to_page(b)), ZONE_DMA32);
		ck_assert_uint_lt(virt_to_phys(b), 4 * GiB);
		ck_assert_uint_ge(virt_to_phys(b), 16 * MiB);
	}
	/* Leaked on purpose: destroy must report both. */
	quiet();
	kmem_cache_destroy(d);
	kmem_cache_destroy(d32);
	ck_assert_uint_eq(compat_log_count("Slab cache still has objects"), 2);
}
END_TEST

START_TEST(cache_create_errors)
{
	quiet();
	ck_assert_ptr_null(kmem_cache_create(NULL, 32, 0, 0, NULL));
	ck_assert(compat_log_contains("kmem_cache_create((null)) integrity check failed"));
	ck_assert_ptr_null(kmem_cache_create("too_big", KMALLOC_MAX_SIZE + 1,
					     0, 0, NULL));
	ck_assert(compat_log_contains("kmem_cache_create(too_big) integrity check failed"));
	ck_assert_ptr_null(kmem_cache_create("bad_flags", 32, 0, 0x1, NULL));
	ck_assert(compat_log_contains("kmem_cache_create_usercopy(bad_flags) failed with error -22"));
	kmem_cache_destroy(NULL);	/* no-op */
}
END_TEST

START_TEST(cache_create_panic)
{
	quiet();
	kmem_cache_create("panic_test", 32, 0, SLAB_PANIC | 0x1, NULL);
}
END_TEST

static void *irq_result[4];
static struct kmem_cache *irq_cache;

static void irq_alloc(void *arg)
{
	irq_result[0] = kmalloc(64, GFP_ATOMIC);
	irq_result[1] = kmalloc(20000, GFP_ATOMIC);
	irq_result[2] = kmem_cache_alloc(irq_cache, GFP_ATOMIC);
	irq_result[3] = kzalloc(300, GFP_NOWAIT | __GFP_DMA);
	kfree(irq_result[1]);
}

static void irq_alloc_kernel(void *arg)
{
	kfree(kmalloc(64, GFP_KERNEL));
}

START_TEST(hardirq_atomic)
{
	unsigned long v = compat_sleep_violations();

	irq_cache = kmem_cache_create("irq_cache", 200, 0, 0, NULL);
	compat_run_in_hardirq(irq_alloc, NULL);
	ck_assert_ptr_nonnull(irq_result[0]);
	ck_assert_ptr_nonnull(irq_result[1]);
	ck_assert_ptr_nonnull(irq_result[2]);
	ck_assert_ptr_nonnull(irq_result[3]);
	ck_assert_uint_lt(virt_to_phys(irq_result[3]), 16 * MiB);
	ck_assert_uint_eq(compat_sleep_violations(), v);
	/* Objects allocated in the handler are freed here (cross-thread). */
	kfree(irq_result[0]);
	kmem_cache_free(irq_cache, irq_result[2]);
	kfree(irq_result[3]);
	/* might_alloc(): GFP_KERNEL in hardirq is reported. */
	quiet();
	compat_run_in_hardirq(irq_alloc_kernel, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), v + 1);
	ck_assert(compat_log_contains("BUG: sleeping function called from invalid context"));
	compat_log_clear();
	kmem_cache_destroy(irq_cache);
	ck_assert(!compat_log_contains("still has objects"));
}
END_TEST

START_TEST(unexpected_gfp)
{
	void *p;

	quiet();
	p = kmalloc(64, GFP_KERNEL | __GFP_DMA32);
	ck_assert_ptr_nonnull(p);
	ck_assert(compat_log_contains("Unexpected gfp: 0x4 (GFP_DMA32). Fixing up to gfp: 0xcc0 (GFP_KERNEL). Fix your code!"));
	ck_assert_uint_ge(virt_to_phys(p), 4 * GiB);	/* normal cache */
	kfree(p);
	compat_log_clear();
	p = kmalloc(100000, GFP_ATOMIC | __GFP_HIGHMEM);
	ck_assert_ptr_nonnull(p);
	ck_assert(compat_log_contains("Unexpected gfp: 0x2 (__GFP_HIGHMEM). Fixing up to gfp: 0xa20 (GFP_ATOMIC). Fix your code!"));
	kfree(p);
	compat_log_clear();
	p = kmalloc(64, GFP_KERNEL | GFP_DMA);	/* GFP_DMA is fine */
	ck_assert(!compat_log_contains("Unexpected gfp"));
	kfree(p);
}
END_TEST

START_TEST(fault_nth)
{
	struct compat_fault_spec spec = {
		.nth = 3, .times = 1, .zone = -1, .family = COMPAT_FAULT_SLAB,
	};
	struct kmem_cache *c = kmem_cache_create("fault_cache", 100, 0, 0, NULL);
	void *p[8];
	struct page *pg;

	compat_log_quiet(true);
	compat_fault_set(&spec);
	p[0] = kmalloc(64, GFP_KERNEL);			/* #1 */
	pg = alloc_pages(GFP_KERNEL, 0);		/* page family */
	p[1] = kmem_cache_alloc(c, GFP_KERNEL);		/* #2 */
	p[2] = kmalloc(5000, GFP_KERNEL);		/* #3: fails */
	p[3] = kmalloc(50000, GFP_KERNEL);		/* #4 */
	p[4] = kmalloc(64, GFP_KERNEL);			/* #5 */
	ck_assert_ptr_nonnull(p[0]);
	ck_assert_ptr_nonnull(pg);
	ck_assert_ptr_nonnull(p[1]);
	ck_assert_ptr_null(p[2]);
	ck_assert_ptr_nonnull(p[3]);
	ck_assert_ptr_nonnull(p[4]);
	/* kmalloc(0) is not an allocation (as 6.1: no failslab hook). */
	ck_assert_ptr_eq(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(p[0]);
	kfree(p[3]);
	kfree(p[4]);
	kmem_cache_free(c, p[1]);
	__free_pages(pg, 0);

	/* Family "any": the slab's own page allocations are not counted. */
	spec.family = COMPAT_FAULT_ANY;
	spec.nth = 2;
	compat_fault_set(&spec);
	p[5] = kmalloc(1024, GFP_KERNEL | GFP_DMA);	/* #1, grows a slab */
	p[6] = kmalloc(1024, GFP_KERNEL | GFP_DMA);	/* #2: fails */
	p[7] = kmalloc(1024, GFP_KERNEL | __GFP_NOFAIL); /* never failed */
	ck_assert_ptr_nonnull(p[5]);
	ck_assert_ptr_null(p[6]);
	ck_assert_ptr_nonnull(p[7]);
	compat_fault_set(NULL);
	kfree(p[5]);
	kfree(p[7]);
	kmem_cache_destroy(c);
}
END_TEST

/* --------------------------------------------------------- bad frees */

START_TEST(invalid_and_double_free)
{
	unsigned long warns;
	char *p, *objs[300], *big;
	struct kmem_cache *c, *c2;
	unsigned int i, j, seen;
	int local;

	quiet();
	warns = compat_warn_count();
	p = kmalloc(64, GFP_KERNEL);
	strcpy(p, "still here");
	kfree(p + 8);
	ck_assert(compat_log_contains("BUG kmalloc-64 (Not tainted): Invalid object pointer"));
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert_str_eq(p, "still here");
	kfree(p);
	kfree(p);
	ck_assert(compat_log_contains("BUG kmalloc-64 (Not tainted): Object already free"));
	ck_assert(compat_log_contains("kfree: double free of object"));
	ck_assert_uint_eq(compat_warn_count(), warns + 2);
	/* State intact: p comes back exactly once among later objects. */
	for (i = 0, seen = 0; i < 300; i++) {
		objs[i] = kmalloc(64, GFP_KERNEL);
		seen += objs[i] == p;
		memset(objs[i], (int)i, 64);
	}
	ck_assert_uint_eq(seen, 1);
	for (i = 0; i < 300; i++) {
		for (j = 0; j < 64; j++)
			ck_assert_uint_eq((unsigned char)objs[i][j],
					  (unsigned char)i);
		kfree(objs[i]);
	}
	/* The same for a cache, and the "Wrong slab cache" rule. */
	c = kmem_cache_create("df_cache", 48, 0, 0, NULL);
	c2 = kmem_cache_create("other_cache", 48, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	ck_assert(compat_log_contains("BUG df_cache (Not tainted): Object already free"));
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c2, p);	/* freed to its own cache, df_cache */
	ck_assert(compat_log_contains("cache_from_obj: Wrong slab cache. other_cache but object is from df_cache"));
	compat_log_clear();
	kmem_cache_destroy(c);
	kmem_cache_destroy(c2);
	ck_assert(!compat_log_contains("still has objects"));
	/* Large objects; addresses outside the arena. */
	big = kmalloc(30000, GFP_KERNEL);
	kfree(big + PAGE_SIZE);
	ck_assert(compat_log_contains("kfree: invalid pointer"));
	kfree(big);
	kfree(big);
	ck_assert(compat_log_contains("kfree: double free of"));
	kfree(&local);
	ck_assert(compat_log_contains("outside the kernel direct map"));
	kmem_cache_free(c, &local);
	ck_assert(compat_log_contains("virt_to_cache: Object is not a Slab page!"));
}
END_TEST

START_TEST(poison_red_zone)
{
	struct kmem_cache *c = kmem_cache_create("debug_cache", 30, 0,
					SLAB_POISON | SLAB_RED_ZONE, NULL);
	unsigned char *p, *q;

	quiet();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_uint_eq(ksize(p), 30);
	memset(p, 1, 30);
	kmem_cache_free(c, p);
	/* Free objects are poisoned (0x6b ... 0xa5). */
	ck_assert_ptr_null(memchr_inv(p, 0x6b, 29));
	ck_assert_uint_eq(p[29], 0xa5);
	ck_assert(!compat_log_contains("BUG"));
	p[3] = 0;			/* use after free */
	q = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_ptr_eq(q, p);
	ck_assert(compat_log_contains("BUG debug_cache (Not tainted): Poison overwritten"));
	ck_assert(compat_log_contains("@offset=3. First byte 0x0 instead of 0x6b"));
	compat_log_clear();
	q[30] = 0x77;			/* one byte too far */
	kmem_cache_free(c, q);
	ck_assert(compat_log_contains("BUG debug_cache (Not tainted): Right Redzone overwritten"));
	compat_log_clear();
	q = kmem_cache_alloc(c, GFP_KERNEL);	/* repaired: clean now */
	kmem_cache_free(c, q);
	ck_assert(!compat_log_contains("BUG"));
	kmem_cache_destroy(c);
	ck_assert(!compat_log_contains("still has objects"));
}
END_TEST

START_TEST(destroy_with_live_objects)
{
	struct kmem_cache *c = kmem_cache_create("leak_cache", 64, 0, 0, NULL);
	void *a = kmem_cache_alloc(c, GFP_KERNEL);
	void *b = kmem_cache_alloc(c, GFP_KERNEL);
	void *d = kmem_cache_alloc(c, GFP_KERNEL);
	unsigned long warns;

	quiet();
	kmem_cache_free(c, b);	/* in a magazine: not a leak */
	warns = compat_warn_count();
	kmem_cache_destroy(c);
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert(compat_log_contains("kmem_cache_destroy leak_cache: Slab cache still has objects when called from"));
	ck_assert(compat_log_contains("BUG leak_cache (Not tainted): Objects remaining in leak_cache on __kmem_cache_shutdown()"));
	ck_assert_uint_eq(compat_log_count("Object 0x"), 2);
	/* The cache is leaked, intact: its objects may still be freed. */
	kmem_cache_free(c, a);
	kmem_cache_free(c, d);
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
}
END_TEST

/* ------------------------------------------------------------ threads */

struct xfer {
	struct kmem_cache *cache;
	void *objs[1000];
	unsigned int n;
};

static void *alloc_some(void *arg)
{
	struct xfer *x = arg;
	void *tmp[500];
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		x->objs[i] = kmem_cache_alloc(x->cache, GFP_KERNEL);
		memset(x->objs[i], 0x42, 100);
	}
	/* Some freed here (to this thread's magazine), the rest by main. */
	for (i = 0; i < 500; i++)
		tmp[i] = kmem_cache_alloc(x->cache, GFP_KERNEL);
	for (i = 0; i < 500; i++)
		kmem_cache_free(x->cache, tmp[i]);
	x->n = 1000;
	return NULL;
}

START_TEST(cross_thread_and_exit)
{
	unsigned long base = compat_free_pages();
	struct xfer x = { 0 };
	pthread_t t;
	unsigned int i;

	x.cache = kmem_cache_create("xthread", 100, 0, 0, NULL);
	pthread_create(&t, NULL, alloc_some, &x);
	pthread_join(t, NULL);	/* its exit flushed its magazine */
	ck_assert_uint_eq(x.n, 1000);
	ck_assert_uint_lt(compat_free_pages(), base);
	for (i = 0; i < 1000; i++) {
		ck_assert_ptr_null(memchr_inv(x.objs[i], 0x42, 100));
		kmem_cache_free(x.cache, x.objs[i]);	/* cross-thread */
	}
	quiet();
	kmem_cache_destroy(x.cache);
	ck_assert(!compat_log_contains("still has objects"));
	ck_assert_uint_eq(compat_free_pages(), base);	/* exact */
}
END_TEST

static pthread_mutex_t park_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t park_cond = PTHREAD_COND_INITIALIZER;
static int park_state;

static void *fill_and_park(void *arg)
{
	struct kmem_cache *c = arg;
	void *o[40];
	unsigned int i;

	for (i = 0; i < 40; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < 40; i++)
		kmem_cache_free(c, o[i]);	/* held in this magazine */
	pthread_mutex_lock(&park_lock);
	park_state = 1;
	pthread_cond_broadcast(&park_cond);
	while (park_state != 2)
		pthread_cond_wait(&park_cond, &park_lock);
	pthread_mutex_unlock(&park_lock);
	return NULL;
}

START_TEST(destroy_drains_live_threads)
{
	unsigned long base = compat_free_pages();
	struct kmem_cache *c = kmem_cache_create("parked", 256, 0, 0, NULL);
	struct kmem_cache *c2;
	pthread_t t;
	void *o;

	pthread_create(&t, NULL, fill_and_park, c);
	pthread_mutex_lock(&park_lock);
	while (park_state != 1)
		pthread_cond_wait(&park_cond, &park_lock);
	pthread_mutex_unlock(&park_lock);
	ck_assert_uint_lt(compat_free_pages(), base);
	quiet();
	kmem_cache_destroy(c);	/* the parked thread's magazine is drained */
	ck_assert(!compat_log_contains("still has objects"));
	ck_assert_uint_eq(compat_free_pages(), base);
	/* A new cache (reusing the slot) works; then the thread exits. */
	c2 = kmem_cache_create("parked2", 64, 0, 0, NULL);
	o = kmem_cache_alloc(c2, GFP_KERNEL);
	pthread_mutex_lock(&park_lock);
	park_state = 2;
	pthread_cond_broadcast(&park_cond);
	pthread_mutex_unlock(&park_lock);
	pthread_join(t, NULL);
	kmem_cache_free(c2, o);
	kmem_cache_destroy(c2);
	ck_assert(!compat_log_contains("still has objects"));
	ck_assert_uint_eq(compat_free_pages(), base);
}
END_TEST

static void *kmalloc_churn(void *arg)
{
	void *o[600];
	unsigned int i, round;

	for (round = 0; round < 5; round++) {
		for (i = 0; i < 600; i++)
			o[i] = kmalloc(64, GFP_KERNEL);
		for (i = 0; i < 600; i++)
			kfree(o[i]);
	}
	return NULL;
}

START_TEST(kmalloc_thread_exit_returns_pages)
{
	unsigned long base;
	pthread_t t[2];

	kfree(kmalloc(64, GFP_KERNEL));		/* the main thread's share */
	base = compat_free_pages();
	pthread_create(&t[0], NULL, kmalloc_churn, NULL);
	pthread_create(&t[1], NULL, kmalloc_churn, NULL);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	/*
	 * Everything was freed and both magazines flushed at exit: at most
	 * the cache's kept empty slabs (order-0 slabs for kmalloc-64, at
	 * most MAX_PARTIAL = 10 of them) stay out of the page allocator.
	 */
	ck_assert_int_le((long)base - (long)compat_free_pages(), 10);
	/* Shrinking frees the empty ones: back to the baseline, give or
	 * take the main thread's own slab. */
	kmem_cache_shrink(kmalloc_caches[KMALLOC_NORMAL][6]);
	ck_assert_int_le(labs((long)base - (long)compat_free_pages()), 1);
}
END_TEST

/* Two threads, random sizes, content checks, half the frees cross-thread. */
#define STRESS_SLOTS 512
#define STRESS_OPS 60000

struct stress_obj {
	unsigned char *p;
	size_t size;
	unsigned char tag;
};

static struct stress_obj exchange[STRESS_SLOTS];
static pthread_mutex_t exchange_lock = PTHREAD_MUTEX_INITIALIZER;
static int stress_errors;

static void check_obj(const struct stress_obj *o)
{
	if (o->p && memchr_inv(o->p, o->tag, o->size))
		__atomic_fetch_add(&stress_errors, 1, __ATOMIC_RELAXED);
}

static void *stress_thread(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	struct stress_obj mine[STRESS_SLOTS] = { { 0 } };
	unsigned int i;

	for (i = 0; i < STRESS_OPS; i++) {
		unsigned int r = rand_r(&seed);
		struct stress_obj *o = &mine[r % STRESS_SLOTS];

		if (o->p) {
			check_obj(o);
			if (r & 0x10000) {
				kfree(o->p);
			} else {	/* hand it to whoever comes next */
				struct stress_obj *x = &exchange[(r >> 3) % STRESS_SLOTS];
				struct stress_obj old;

				pthread_mutex_lock(&exchange_lock);
				old = *x;
				*x = *o;
				pthread_mutex_unlock(&exchange_lock);
				check_obj(&old);
				kfree(old.p);
			}
			o->p = NULL;
		} else {
			size_t size = (r >> 4) % 16 == 0 ? 1 + (r >> 8) % 20000 :
				      1 + (r >> 8) % 600;

			o->p = kmalloc(size, (r & 0x20) ? GFP_ATOMIC : GFP_KERNEL);
			if (!o->p) {
				__atomic_fetch_add(&stress_errors, 1, __ATOMIC_RELAXED);
				continue;
			}
			o->size = size;
			o->tag = (unsigned char)(r >> 20);
			memset(o->p, o->tag, size);
		}
	}
	for (i = 0; i < STRESS_SLOTS; i++) {
		check_obj(&mine[i]);
		kfree(mine[i].p);
	}
	return NULL;
}

START_TEST(stress_two_threads)
{
	pthread_t t[2];
	unsigned long warns = compat_warn_count();
	unsigned int i;

	pthread_create(&t[0], NULL, stress_thread, (void *)1);
	pthread_create(&t[1], NULL, stress_thread, (void *)2);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	for (i = 0; i < STRESS_SLOTS; i++) {
		check_obj(&exchange[i]);
		kfree(exchange[i].p);
	}
	ck_assert_int_eq(stress_errors, 0);
	ck_assert_uint_eq(compat_warn_count(), warns);
}
END_TEST

/* --------------------------------------------------------- util.c */

START_TEST(string_helpers)
{
	char buf[8], *s;
	unsigned char mem[100];
	void *m;

	s = kstrdup("hello", GFP_KERNEL);
	ck_assert_str_eq(s, "hello");
	ck_assert_uint_eq(ksize(s), 8);
	kfree(s);
	ck_assert_ptr_null(kstrdup(NULL, GFP_KERNEL));
	s = kstrndup("abcdef", 3, GFP_KERNEL);
	ck_assert_str_eq(s, "abc");
	kfree(s);
	s = kstrndup("ab", 10, GFP_KERNEL);
	ck_assert_str_eq(s, "ab");
	kfree(s);
	s = kmemdup_nul("xyz123", 3, GFP_KERNEL);
	ck_assert_str_eq(s, "xyz");
	kfree(s);
	m = kmemdup("\x01\x02\x03", 3, GFP_KERNEL);
	ck_assert_int_eq(memcmp(m, "\x01\x02\x03", 3), 0);
	kfree(m);

	ck_assert_int_eq(strscpy(buf, "1234567", sizeof(buf)), 7);
	ck_assert_str_eq(buf, "1234567");
	ck_assert_int_eq(strscpy(buf, "12345678", sizeof(buf)), -E2BIG);
	ck_assert_str_eq(buf, "1234567");
	ck_assert_int_eq(strscpy(buf, "", sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(strscpy(buf, "x", 0), -E2BIG);

	memset(mem, 0x33, sizeof(mem));
	ck_assert_ptr_null(memchr_inv(mem, 0x33, sizeof(mem)));
	ck_assert_ptr_null(memchr_inv(mem, 0x34, 0));
	mem[77] = 0;
	ck_assert_ptr_eq(memchr_inv(mem, 0x33, sizeof(mem)), &mem[77]);
	ck_assert_ptr_eq(memchr_inv(mem + 1, 0x33, 99), &mem[77]);
	ck_assert_ptr_null(memchr_inv(mem + 78, 0x33, 22));
	mem[2] = 0;
	ck_assert_ptr_eq(memchr_inv(mem + 1, 0x33, 99), &mem[2]);
	ck_assert_int_eq(scnprintf(buf, sizeof(buf), "%s", "0123456789"), 7);
	ck_assert_int_eq(scnprintf(buf, 0, "%s", "0123456789"), 0);
}
END_TEST

START_TEST(bulk_and_sensitive)
{
	struct kmem_cache *c = kmem_cache_create("bulk", 40, 0, 0, NULL);
	void *v[64];
	unsigned char *p;
	unsigned int i;

	ck_assert_int_eq(kmem_cache_alloc_bulk(c, GFP_KERNEL, 64, v), 64);
	for (i = 0; i < 64; i++)
		ck_assert_ptr_nonnull(v[i]);
	kmem_cache_free_bulk(c, 64, v);
	for (i = 0; i < 8; i++)
		v[i] = kmalloc(100 * (i + 1), GFP_KERNEL);
	kfree_bulk(8, v);
	p = kmalloc(50, GFP_KERNEL);
	memset(p, 0xee, 64);
	kfree_sensitive(p);
	/* The same object comes back: it was wiped over its whole ksize. */
	ck_assert_ptr_eq(kmalloc(64, GFP_KERNEL), p);
	ck_assert_ptr_null(memchr_inv(p + 8, 0, 56));
	kfree(p);
	compat_log_quiet(true);
	compat_log_clear();
	kmem_cache_destroy(c);
	ck_assert(!compat_log_contains("still has objects"));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("slab");
	TCase *tc;

	tc = tcase_create("kmalloc");
	tcase_add_test(tc, size_classes);
	tcase_add_test(tc, large_kmalloc);
	tcase_add_test(tc, alignment);
	tcase_add_test(tc, zeroing);
	tcase_add_test(tc, krealloc_semantics);
	tcase_add_test(tc, overflow_and_zero_size);
	tcase_add_test(tc, zone_placement);
	tcase_add_test(tc, unexpected_gfp);
	tcase_add_test(tc, bulk_and_sensitive);
	suite_add_tcase(s, tc);

	tc = tcase_create("kmem_cache");
	tcase_add_test(tc, cache_ctor);
	tcase_add_test(tc, cache_align_flags);
	tcase_add_test(tc, cache_dma_zones);
	tcase_add_test(tc, cache_create_errors);
	tcase_add_test_raise_signal(tc, cache_create_panic, SIGABRT);
	tcase_add_test(tc, destroy_with_live_objects);
	tcase_add_test(tc, poison_red_zone);
	suite_add_tcase(s, tc);

	tc = tcase_create("misuse");
	tcase_add_test(tc, invalid_and_double_free);
	tcase_add_test(tc, fault_nth);
	suite_add_tcase(s, tc);

	tc = tcase_create("context_and_threads");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, hardirq_atomic);
	tcase_add_test(tc, cross_thread_and_exit);
	tcase_add_test(tc, destroy_drains_live_threads);
	tcase_add_test(tc, kmalloc_thread_exit_returns_pages);
	tcase_add_test(tc, stress_two_threads);
	suite_add_tcase(s, tc);

	tc = tcase_create("util");
	tcase_add_test(tc, string_helpers);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
