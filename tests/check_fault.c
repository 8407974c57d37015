/* SPDX-License-Identifier: MIT */
/*
 * check_fault.c - deterministic fault injection: nth/times, seeded
 * probability, the sleep/zone/family filters, nesting, counters,
 * __GFP_NOFAIL, SVR5DDI_FAULT parsing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <svr5compat/fault.h>
#include <svr5compat/log.h>
#include <svr5compat/physmem.h>
#include "check_util.h"

static struct compat_fault_spec spec_of(const char *s)
{
	struct compat_fault_spec spec;

	ck_assert_msg(compat_fault_parse(s, &spec), "parse %s", s);
	return spec;
}

static void set_spec(const char *s)
{
	struct compat_fault_spec spec = spec_of(s);

	compat_fault_set(&spec);
}

/* Allocate and free one page @n times; bit i of the result: i+1 failed. */
static unsigned long long pattern(gfp_t gfp, int n)
{
	unsigned long long bits = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct page *p = alloc_pages(gfp, 0);

		if (!p)
			bits |= 1ULL << i;
		else
			__free_page(p);
	}
	return bits;
}

static struct compat_fault_stats stats(void)
{
	struct compat_fault_stats st;

	compat_fault_stats(&st);
	return st;
}

START_TEST(test_nth)
{
	struct compat_fault_stats st;

	compat_log_quiet(true);
	set_spec("nth=3");
	ck_assert_uint_eq(pattern(GFP_KERNEL, 10), 1ULL << 2);
	st = stats();
	ck_assert_uint_eq(st.calls, 10);
	ck_assert_uint_eq(st.matched, 10);
	ck_assert_uint_eq(st.injected, 1);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_PAGE], 10);
	/* an injected failure is not an allocation failure report */
	ck_assert(!compat_log_contains("page allocation failure"));
	/* memory is intact */
	ck_assert_uint_eq(nr_free_pages(), totalram_pages());
}
END_TEST

START_TEST(test_times)
{
	set_spec("nth=2,times=3");
	ck_assert_uint_eq(pattern(GFP_KERNEL, 8), 0x0eULL);
	ck_assert_uint_eq(stats().injected, 3);
	set_spec("nth=4,times=-1");
	ck_assert_uint_eq(pattern(GFP_ATOMIC, 10), 0x3f8ULL);
	ck_assert_uint_eq(stats().injected, 7);
	compat_fault_set(NULL);
	ck_assert_uint_eq(pattern(GFP_KERNEL, 10), 0);
	ck_assert_uint_eq(stats().calls, 10);
	ck_assert_uint_eq(stats().matched, 0);
}
END_TEST

START_TEST(test_probability_reproducible)
{
	unsigned long long a, b, c;
	int ones;

	compat_log_quiet(true);
	set_spec("prob=0.3,seed=42");
	a = pattern(GFP_KERNEL, 64);
	set_spec("prob=0.3,seed=42");
	b = pattern(GFP_KERNEL, 64);
	set_spec("prob=0.3,seed=43");
	c = pattern(GFP_KERNEL, 64);
	ck_assert_uint_eq(a, b);
	ck_assert_uint_ne(a, c);
	ones = __builtin_popcountll(a);
	ck_assert_int_ge(ones, 8);
	ck_assert_int_le(ones, 32);
	ck_assert_uint_eq(stats().injected, (unsigned long)__builtin_popcountll(c));
	set_spec("prob=1");
	ck_assert_uint_eq(pattern(GFP_KERNEL, 5), 0x1f);
	set_spec("prob=0");
	ck_assert_uint_eq(pattern(GFP_KERNEL, 5), 0);
}
END_TEST

START_TEST(test_only_nosleep)
{
	struct compat_fault_stats st;

	set_spec("nth=1,times=-1,only=nosleep");
	ck_assert_ptr_null(alloc_pages(GFP_ATOMIC, 0));
	ck_assert_ptr_null(alloc_pages(GFP_NOWAIT, 0));
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, 0));
	ck_assert_ptr_nonnull(alloc_pages(GFP_NOIO, 0));
	st = stats();
	ck_assert_uint_eq(st.calls, 4);
	ck_assert_uint_eq(st.matched, 2);
	ck_assert_uint_eq(st.injected, 2);
	set_spec("nth=1,times=-1,only=sleep");
	ck_assert_ptr_nonnull(alloc_pages(GFP_ATOMIC, 0));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 0));
}
END_TEST

START_TEST(test_zone_filter)
{
	set_spec("nth=1,times=-1,zone=dma");
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | GFP_DMA, 0));
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL | GFP_DMA32, 0));
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, 0));
	ck_assert_uint_eq(stats().matched, 1);
	set_spec("nth=1,times=-1,zone=normal");
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 0));
	ck_assert_ptr_nonnull(alloc_pages(GFP_DMA32, 0));
	/* the hook's own zone argument: -1 never matches a zone filter */
	ck_assert(!__compat_should_fail(COMPAT_FAULT_SLAB, GFP_KERNEL, -1));
	ck_assert(__compat_should_fail(COMPAT_FAULT_SLAB, GFP_KERNEL,
				       ZONE_NORMAL));
}
END_TEST

START_TEST(test_family_filter)
{
	struct compat_fault_stats st;

	set_spec("nth=1,times=-1,family=slab");
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, 0));
	ck_assert(__compat_should_fail(COMPAT_FAULT_SLAB, GFP_KERNEL, -1));
	ck_assert(!__compat_should_fail(COMPAT_FAULT_DMA, GFP_KERNEL, -1));
	st = stats();
	ck_assert_uint_eq(st.calls, 3);
	ck_assert_uint_eq(st.matched, 1);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_PAGE], 1);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_SLAB], 1);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_DMA], 1);
	set_spec("nth=2,family=page");
	ck_assert(!__compat_should_fail(COMPAT_FAULT_VMALLOC, GFP_KERNEL, -1));
	ck_assert_uint_eq(pattern(GFP_KERNEL, 3), 0x2);
}
END_TEST

START_TEST(test_nesting)
{
	struct page *p;

	set_spec("nth=1,times=-1");
	__compat_alloc_nest_enter();
	__compat_alloc_nest_enter();
	p = alloc_pages(GFP_KERNEL, 0);	/* internal: not seen */
	__compat_alloc_nest_exit();
	ck_assert_ptr_nonnull(alloc_pages(GFP_KERNEL, 0));
	__compat_alloc_nest_exit();
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(stats().calls, 0);
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 0));
	ck_assert_uint_eq(stats().calls, 1);
	__free_page(p);
}
END_TEST

START_TEST(test_entry_points_count_once)
{
	unsigned long a;
	void *v;

	set_spec("family=page");
	a = __get_free_pages(GFP_KERNEL, 1);
	ck_assert_uint_eq(stats().calls, 1);
	free_pages(a, 1);
	a = get_zeroed_page(GFP_KERNEL);
	ck_assert_uint_eq(stats().calls, 2);
	free_page(a);
	v = alloc_pages_exact(3 * PAGE_SIZE, GFP_KERNEL);
	ck_assert_uint_eq(stats().calls, 3);
	free_pages_exact(v, 3 * PAGE_SIZE);
	__free_page(alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 0));
	ck_assert_uint_eq(stats().calls, 4);
	ck_assert_uint_eq(stats().matched, 4);
	ck_assert_uint_eq(stats().injected, 0);
	set_spec("nth=1,times=-1");
	ck_assert_uint_eq(__get_free_pages(GFP_KERNEL, 0), 0);
	ck_assert_ptr_null(alloc_pages_exact(100, GFP_KERNEL));
	ck_assert_uint_eq(get_zeroed_page(GFP_KERNEL), 0);
	ck_assert_uint_eq(stats().calls, 3);
	ck_assert_uint_eq(stats().injected, 3);
}
END_TEST

START_TEST(test_nofail_never_failed)
{
	struct page *p;

	set_spec("nth=1,times=-1");
	p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(stats().calls, 1);
	ck_assert_uint_eq(stats().matched, 0);
	ck_assert_uint_eq(stats().injected, 0);
	ck_assert(!__compat_should_fail(COMPAT_FAULT_SLAB,
					GFP_KERNEL | __GFP_NOFAIL, -1));
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 0));
	__free_page(p);
}
END_TEST

START_TEST(test_parse)
{
	struct compat_fault_spec s;

	s = spec_of("");
	ck_assert_uint_eq(s.nth, 0);
	ck_assert_int_eq(s.times, 1);
	ck_assert(s.probability == 0);
	ck_assert_uint_eq(s.seed, 1);
	ck_assert_int_eq(s.sleep, COMPAT_FAULT_SLEEP_ANY);
	ck_assert_int_eq(s.zone, -1);
	ck_assert_int_eq(s.family, COMPAT_FAULT_ANY);
	s = spec_of("nth=7,times=-1,prob=0.25,seed=99,only=nosleep,"
		    "zone=dma32,family=genalloc");
	ck_assert_uint_eq(s.nth, 7);
	ck_assert_int_eq(s.times, -1);
	ck_assert(s.probability == 0.25);
	ck_assert_uint_eq(s.seed, 99);
	ck_assert_int_eq(s.sleep, COMPAT_FAULT_NOSLEEP_ONLY);
	ck_assert_int_eq(s.zone, ZONE_DMA32);
	ck_assert_int_eq(s.family, COMPAT_FAULT_GENALLOC);
	s = spec_of("only=sleep,family=vmalloc,zone=normal,times=4");
	ck_assert_int_eq(s.sleep, COMPAT_FAULT_SLEEP_ONLY);
	ck_assert_int_eq(s.family, COMPAT_FAULT_VMALLOC);
	ck_assert_int_eq(s.zone, ZONE_NORMAL);
	ck_assert_int_eq(s.times, 4);
	ck_assert_int_eq(spec_of("family=dma").family, COMPAT_FAULT_DMA);
	ck_assert_int_eq(spec_of("zone=dma").zone, ZONE_DMA);
}
END_TEST

static const char *const bad_fault[] = {
	"nth=0", "nth=x", "nth=", "nth=3x", "times=0", "times=-2",
	"prob=1.5", "prob=-0.1", "prob=abc", "only=maybe", "zone=high",
	"family=foo", "bogus=1", "nth=1,", ",nth=1", "nth", "seed=-1",
	"nth=1,,times=2",
};

START_TEST(test_parse_malformed)
{
	struct compat_fault_spec s;

	ck_assert_msg(!compat_fault_parse(bad_fault[_i], &s), "accepted %s",
		      bad_fault[_i]);
}
END_TEST

START_TEST(test_env)
{
	setenv("SVR5DDI_FAULT", "nth=2,family=page", 1);
	ck_assert_uint_eq(pattern(GFP_KERNEL, 4), 0x2);
	ck_assert_uint_eq(stats().injected, 1);
}
END_TEST

START_TEST(test_env_malformed)
{
	setenv("SVR5DDI_FAULT", bad_fault[_i], 1);
	alloc_pages(GFP_KERNEL, 0);
}
END_TEST

Suite *make_suite(void);
Suite *make_suite(void)
{
	Suite *s = suite_create("fault");
	TCase *tc;

	tc = tcase_create("nth");
	tcase_add_test(tc, test_nth);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_nofail_never_failed);
	suite_add_tcase(s, tc);

	tc = tcase_create("probability");
	tcase_add_test(tc, test_probability_reproducible);
	suite_add_tcase(s, tc);

	tc = tcase_create("filters");
	tcase_add_test(tc, test_only_nosleep);
	tcase_add_test(tc, test_zone_filter);
	tcase_add_test(tc, test_family_filter);
	suite_add_tcase(s, tc);

	tc = tcase_create("counting");
	tcase_add_test(tc, test_nesting);
	tcase_add_test(tc, test_entry_points_count_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse);
	tcase_add_loop_test(tc, test_parse_malformed, 0,
			    sizeof(bad_fault) / sizeof(bad_fault[0]));
	tcase_add_test(tc, test_env);
	tcase_add_loop_exit_test(tc, test_env_malformed, 2, 0,
				 sizeof(bad_fault) / sizeof(bad_fault[0]));
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
