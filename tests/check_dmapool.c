/* SPDX-License-Identifier: MIT */
/*
 * check_dmapool.c - compat/dmapool.c against Linux 6.1 mm/dmapool.c with
 * DMAPOOL_DEBUG: argument rules, block layout (alignment, boundaries, the
 * 6.1 skipped last block), poisoning, the misuse reports, busy destroy,
 * fault injection and atomic-context use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <svr5compat/physmem.h>
#include <svr5compat/fault.h>
#include <svr5compat/log.h>
#include <svr5compat/context.h>
#include "check_util.h"

static struct platform_device *pdev;
static struct device *dev;

static void setup(void)
{
	pdev = platform_device_register_simple("pooldev", 0, NULL, 0);
	ck_assert(!IS_ERR_OR_NULL(pdev));
	dev = &pdev->dev;
}

static void teardown(void)
{
	platform_device_unregister(pdev);
}

/* Distance between the first two blocks of a fresh pool, 0 if NULL. */
static long first_step(size_t size, size_t align, size_t boundary,
		       bool *created)
{
	struct dma_pool *pool = dma_pool_create("rules", dev, size, align,
						boundary);
	dma_addr_t a, b;
	void *va, *vb;
	long step;

	*created = pool != NULL;
	if (!pool)
		return 0;
	va = dma_pool_alloc(pool, GFP_KERNEL, &a);
	vb = dma_pool_alloc(pool, GFP_KERNEL, &b);
	ck_assert_ptr_nonnull(va);
	ck_assert_ptr_nonnull(vb);
	step = (long)(b - a);
	dma_pool_free(pool, va, a);
	dma_pool_free(pool, vb, b);
	dma_pool_destroy(pool);
	return step;
}

START_TEST(test_create_rules)
{
	static const struct {
		size_t size, align, boundary;
		bool ok;
		long step;	/* distance of the 2nd block from the 1st */
	} t[] = {
		{ 0, 0, 0, false, 0 },		/* size 0 */
		{ 16, 3, 0, false, 0 },		/* align not a power of 2 */
		{ 16, 24, 0, false, 0 },
		{ 64, 0, 32, false, 0 },	/* boundary < size */
		{ 64, 0, 96, false, 0 },	/* boundary not a power of 2 */
		{ 60, 16, 32, false, 0 },	/* aligned size 64 > 32 */
		{ 1, 0, 0, true, 4 },		/* size < 4 -> 4 */
		{ 3, 1, 0, true, 4 },
		{ 10, 0, 0, true, 10 },		/* align 0 -> 1 */
		{ 10, 8, 0, true, 16 },		/* size rounded to align */
		{ 100, 64, 0, true, 128 },
		{ 64, 0, 64, true, 64 },	/* boundary == size */
		{ 48, 16, 64, true, 64 },	/* 2nd block would cross 64 */
		{ 8192, 0, 0, true, -1 },	/* one block per allocation */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		bool created;
		long step = first_step(t[i].size, t[i].align, t[i].boundary,
				       &created);

		ck_assert_msg(created == t[i].ok, "row %u: created %d", i,
			      created);
		if (t[i].ok && t[i].step > 0)
			ck_assert_msg(step == t[i].step, "row %u: step %ld", i,
				      step);
		if (t[i].ok && t[i].step < 0)
			ck_assert_msg(step < 0 || step >= 8192,
				      "row %u: step %ld", i, step);
	}
}
END_TEST

static int cmp_dma(const void *a, const void *b)
{
	dma_addr_t x = *(const dma_addr_t *)a, y = *(const dma_addr_t *)b;

	return x < y ? -1 : x > y;
}

#define NBLOCKS 2000
START_TEST(test_layout_many)
{
	static const struct {
		size_t size, align, boundary;
	} cfg[] = {
		{ 8, 8, 0 }, { 24, 8, 64 }, { 100, 4, 512 }, { 64, 64, 4096 },
		{ 1000, 16, 1024 }, { 2048, 2048, 0 }, { 3000, 8, 4096 },
		{ 5000, 64, 8192 }, { 33, 32, 128 }, { 512, 0, 2048 },
	};
	static dma_addr_t dma[NBLOCKS];
	static void *va[NBLOCKS];
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(cfg); c++) {
		size_t align = cfg[c].align ? cfg[c].align : 1;
		size_t size = ALIGN(max_t(size_t, cfg[c].size, 4), align);
		size_t allocation = max_t(size_t, size, PAGE_SIZE);
		size_t boundary = cfg[c].boundary ? cfg[c].boundary
						  : allocation;
		size_t page_align = PAGE_SIZE << get_order(allocation);
		struct dma_pool *pool;
		int i, n = size > 1024 ? 300 : NBLOCKS;

		pool = dma_pool_create("many", dev, cfg[c].size, cfg[c].align,
				       cfg[c].boundary);
		ck_assert_ptr_nonnull(pool);
		for (i = 0; i < n; i++) {
			dma_addr_t d, base;
			u8 *p = dma_pool_alloc(pool, GFP_KERNEL, &d);
			const char *bad = NULL;

			/* Plain tests first: one ck_assert per block is slow. */
			base = d & ~((dma_addr_t)page_align - 1);
			if (!p)
				bad = "NULL";
			else if (d != virt_to_phys(p))
				bad = "dma != virt_to_phys";
			else if (d & (align - 1))
				bad = "misaligned";
			else if (d / boundary != (d + size - 1) / boundary)
				bad = "crosses the boundary";
			else if (d - base + size > allocation)
				bad = "past its page";
			else if (d + size - 1 > DMA_BIT_MASK(32))
				bad = "above the device mask";
			else if (p[0] != 0xa9 || p[size - 1] != 0xa9)
				bad = "not poisoned 0xa9";	/* not zeroed */
			ck_assert_msg(!bad, "cfg %u block %d at %llx: %s", c, i,
				      (unsigned long long)d, bad);
			dma[i] = d;
			va[i] = p;
		}
		/* No two blocks overlap. */
		{
			static dma_addr_t sorted[NBLOCKS];

			memcpy(sorted, dma, n * sizeof(dma[0]));
			qsort(sorted, n, sizeof(sorted[0]), cmp_dma);
			for (i = 1; i < n; i++)
				if (sorted[i] - sorted[i - 1] < size)
					break;
			ck_assert_msg(i == n, "cfg %u: overlap", c);
		}
		compat_log_clear();
		for (i = 0; i < n; i++)
			dma_pool_free(pool, va[i], dma[i]);
		dma_pool_destroy(pool);
		ck_assert(!compat_log_contains("dma_pool"));
	}
}
END_TEST

/* 6.1's ">=" test leaves the last block of each boundary segment unused. */
START_TEST(test_last_block_skipped)
{
	struct dma_pool *pool = dma_pool_create("skip", dev, 64, 64, 0);
	dma_addr_t d, first, last = 0;
	int i;

	ck_assert_ptr_nonnull(pool);
	dma_pool_alloc(pool, GFP_KERNEL, &first);
	for (i = 1; i < 63; i++) {
		dma_pool_alloc(pool, GFP_KERNEL, &d);
		ck_assert_uint_eq(d, first + 64 * i);	/* same page */
		last = d;
	}
	ck_assert_uint_eq(last - first, 62 * 64);
	/* The 64th block (offset 4032) is never handed out: a new page. */
	dma_pool_alloc(pool, GFP_KERNEL, &d);
	ck_assert((d & PAGE_MASK) != (first & PAGE_MASK));
	compat_log_quiet(true);
	dma_pool_destroy(pool);		/* busy: leaked, not checked here */
}
END_TEST

START_TEST(test_zalloc_and_poison)
{
	struct dma_pool *pool = dma_pool_create("zero", dev, 200, 8, 0);
	dma_addr_t d1, d2, d3;
	u8 *a, *b, *c;
	int i;

	a = dma_pool_alloc(pool, GFP_KERNEL, &d1);
	for (i = 0; i < 200; i++)
		ck_assert_uint_eq(a[i], 0xa9);
	memset(a, 0x11, 200);
	b = dma_pool_zalloc(pool, GFP_KERNEL, &d2);
	for (i = 0; i < 200; i++)
		ck_assert_uint_eq(b[i], 0);
	dma_pool_free(pool, a, d1);
	/* Freed blocks hold the freed poison past the chain link. */
	for (i = 4; i < 200; i++)
		ck_assert_uint_eq(a[i], 0xa7);
	/* The freed block is the head of its page's chain: reused first. */
	compat_log_clear();
	c = dma_pool_alloc(pool, GFP_KERNEL, &d3);
	ck_assert_ptr_eq(c, a);
	ck_assert_uint_eq(d3, d1);
	ck_assert(!compat_log_contains("corrupted"));
	dma_pool_free(pool, b, d2);
	dma_pool_free(pool, c, d3);
	dma_pool_destroy(pool);
}
END_TEST

START_TEST(test_use_after_free_detected)
{
	struct dma_pool *pool = dma_pool_create("uaf", dev, 64, 0, 0);
	char msg[160];
	dma_addr_t d;
	u8 *p, *q;

	compat_log_quiet(true);
	p = dma_pool_alloc(pool, GFP_KERNEL, &d);
	dma_pool_free(pool, p, d);
	p[10] = 0x42;				/* write after free */
	compat_log_clear();
	q = dma_pool_alloc(pool, GFP_KERNEL, &d);
	ck_assert_ptr_eq(q, p);
	snprintf(msg, sizeof(msg), "pooldev.0: dma_pool_alloc uaf, %p (corrupted)",
		 (void *)q);
	ck_assert(compat_log_contains(msg));
	ck_assert(compat_log_contains("00000000: "));	/* the hex dump */
	ck_assert(compat_log_contains(" 42 "));
	dma_pool_free(pool, q, d);
	dma_pool_destroy(pool);
}
END_TEST

START_TEST(test_double_free)
{
	struct dma_pool *pool = dma_pool_create("dbl", dev, 32, 0, 0);
	dma_addr_t da, db, dc, dd;
	void *a, *b, *c, *e;
	char msg[160];

	compat_log_quiet(true);
	a = dma_pool_alloc(pool, GFP_KERNEL, &da);
	b = dma_pool_alloc(pool, GFP_KERNEL, &db);
	dma_pool_free(pool, a, da);
	compat_log_clear();
	dma_pool_free(pool, a, da);
	snprintf(msg, sizeof(msg),
		 "platform pooldev.0: dma_pool_free dbl, dma 0x%016llx already free",
		 (unsigned long long)da);
	ck_assert(compat_log_contains(msg));
	ck_assert_uint_eq(compat_log_count("already free"), 1);

	/* State intact: a comes back once, then a fresh block, never twice. */
	c = dma_pool_alloc(pool, GFP_KERNEL, &dc);
	ck_assert_ptr_eq(c, a);
	e = dma_pool_alloc(pool, GFP_KERNEL, &dd);
	ck_assert_ptr_ne(e, a);
	ck_assert_ptr_ne(e, b);
	dma_pool_free(pool, b, db);
	dma_pool_free(pool, c, dc);
	dma_pool_free(pool, e, dd);
	compat_log_clear();
	dma_pool_destroy(pool);
	ck_assert(!compat_log_contains("busy"));	/* in_use back to 0 */
}
END_TEST

START_TEST(test_bad_addresses)
{
	struct dma_pool *pool = dma_pool_create("bad", dev, 64, 0, 0);
	dma_addr_t d, d2;
	char msg[200];
	u8 *p, *q;

	compat_log_quiet(true);
	p = dma_pool_alloc(pool, GFP_KERNEL, &d);

	compat_log_clear();
	dma_pool_free(pool, p, d + 16 * PAGE_SIZE);
	snprintf(msg, sizeof(msg), "dma_pool_free bad, %p/0x%016llx (bad dma)",
		 (void *)p, (unsigned long long)(d + 16 * PAGE_SIZE));
	ck_assert(compat_log_contains(msg));

	compat_log_clear();
	dma_pool_free(pool, p + 4, d);
	snprintf(msg, sizeof(msg), "dma_pool_free bad, %p (bad vaddr)/0x%016llx",
		 (void *)(p + 4), (unsigned long long)d);
	ck_assert(compat_log_contains(msg));

	/* Nothing was freed: the next block is a different one. */
	q = dma_pool_alloc(pool, GFP_KERNEL, &d2);
	ck_assert_ptr_ne(q, p);
	dma_pool_free(pool, p, d);
	dma_pool_free(pool, q, d2);
	compat_log_clear();
	dma_pool_destroy(pool);
	ck_assert(!compat_log_contains("busy"));
}
END_TEST

START_TEST(test_destroy_busy)
{
	struct dma_pool *pool = dma_pool_create("busy", dev, 128, 0, 0);
	dma_addr_t d[40];
	void *v[40];
	char msg[160];
	int i;

	compat_log_quiet(true);
	for (i = 0; i < 40; i++)	/* 31 blocks per page: 2 pages */
		v[i] = dma_pool_alloc(pool, GFP_KERNEL, &d[i]);
	ck_assert((d[0] & PAGE_MASK) != (d[39] & PAGE_MASK));
	for (i = 1; i < 40; i++)
		dma_pool_free(pool, v[i], d[i]);
	/* Only v[0]'s page is busy. */
	ck_assert_int_eq(page_count(virt_to_page(v[39])), 1);
	compat_log_clear();
	dma_pool_destroy(pool);
	snprintf(msg, sizeof(msg), "platform pooldev.0: dma_pool_destroy busy, %p busy",
		 (void *)((unsigned long)v[0] & PAGE_MASK));
	ck_assert(compat_log_contains(msg));
	ck_assert_uint_eq(compat_log_count("busy,"), 1);
	/* The idle page went back, the busy one is leaked (still in use). */
	ck_assert_int_eq(page_count(virt_to_page(v[39])), 0);
	ck_assert_int_eq(page_count(virt_to_page(v[0])), 1);
	ck_assert_uint_eq(((u8 *)v[0])[5], 0xa9);
}
END_TEST

START_TEST(test_small_mask_device)
{
	struct dma_pool *pool;
	int i;

	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(24)), 0);
	pool = dma_pool_create("isa", dev, 512, 16, 4096);
	for (i = 0; i < 64; i++) {
		dma_addr_t d;
		void *p = dma_pool_alloc(pool, GFP_KERNEL, &d);

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_le(d + 511, DMA_BIT_MASK(24));
	}
	compat_log_quiet(true);
	dma_pool_destroy(pool);
}
END_TEST

START_TEST(test_fault_injection)
{
	struct dma_pool *pool = dma_pool_create("fi", dev, 64, 0, 0);
	struct compat_fault_spec spec;
	struct compat_fault_stats st;
	dma_addr_t d[3];
	void *p[3];

	ck_assert(compat_fault_parse("family=dma,nth=2", &spec));
	compat_fault_set(&spec);
	p[0] = dma_pool_alloc(pool, GFP_KERNEL, &d[0]);	/* adds a page */
	p[1] = dma_pool_alloc(pool, GFP_KERNEL, &d[1]);	/* injected */
	p[2] = dma_pool_alloc(pool, GFP_KERNEL, &d[2]);
	ck_assert_ptr_nonnull(p[0]);
	ck_assert_ptr_null(p[1]);
	ck_assert_ptr_nonnull(p[2]);
	compat_fault_stats(&st);
	/* One count per dma_pool_alloc: the page it added was nested. */
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_DMA], 3);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_SLAB], 0);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_PAGE], 0);
	ck_assert_uint_eq(st.injected, 1);
	compat_fault_set(NULL);
	dma_pool_free(pool, p[0], d[0]);
	dma_pool_free(pool, p[2], d[2]);
	dma_pool_destroy(pool);
}
END_TEST

struct irq_arg {
	struct dma_pool *pool;
	void *p;
	dma_addr_t d;
};

static void alloc_in_irq(void *arg)
{
	struct irq_arg *a = arg;

	a->p = dma_pool_alloc(a->pool, GFP_ATOMIC, &a->d);
	if (a->p)
		dma_pool_free(a->pool, a->p, a->d);
}

static void alloc_in_irq_kernel(void *arg)
{
	struct irq_arg *a = arg;

	a->p = dma_pool_alloc(a->pool, GFP_KERNEL, &a->d);
	if (a->p)
		dma_pool_free(a->pool, a->p, a->d);
}

START_TEST(test_atomic_context)
{
	struct irq_arg a = { .pool = dma_pool_create("irq", dev, 64, 0, 0) };
	unsigned long before = compat_sleep_violations();

	compat_run_in_hardirq(alloc_in_irq, &a);
	ck_assert_ptr_nonnull(a.p);
	ck_assert_uint_eq(a.d, virt_to_phys(a.p));
	ck_assert_uint_eq(compat_sleep_violations(), before);
	dma_pool_destroy(a.pool);
}
END_TEST

START_TEST(test_sleeping_alloc_in_irq_reported)
{
	struct irq_arg a = { .pool = dma_pool_create("irq2", dev, 64, 0, 0) };
	unsigned long before = compat_sleep_violations();

	compat_log_quiet(true);
	compat_run_in_hardirq(alloc_in_irq_kernel, &a);
	/* 6.1 might_alloc(GFP_KERNEL) in interrupt context complains. */
	ck_assert_uint_gt(compat_sleep_violations(), before);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("dmapool");
	TCase *tc;

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_create_rules);
	suite_add_tcase(s, tc);

	tc = tcase_create("layout");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_layout_many);
	tcase_add_test(tc, test_last_block_skipped);
	tcase_add_test(tc, test_small_mask_device);
	suite_add_tcase(s, tc);

	tc = tcase_create("debug");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_zalloc_and_poison);
	tcase_add_test(tc, test_use_after_free_detected);
	tcase_add_test(tc, test_double_free);
	tcase_add_test(tc, test_bad_addresses);
	tcase_add_test(tc, test_destroy_busy);
	suite_add_tcase(s, tc);

	tc = tcase_create("context");
	tcase_set_timeout(tc, 20);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fault_injection);
	tcase_add_test(tc, test_atomic_context);
	tcase_add_test(tc, test_sleeping_alloc_in_irq_reported);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
