/* SPDX-License-Identifier: MIT */
/*
 * check_mempool.c - mempool against Linux 6.1 mm/mempool.c.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "check_util.h"
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mempool.h>
#include <svr5compat/physmem.h>
#include <svr5compat/fault.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

/*
 * A backing allocator the tests steer: counts calls and frees, records
 * the flags of each call, and fails while "failing" is set (or from call
 * number fail_from on).  Elements come from the host heap.
 */
struct backing {
	int calls;
	int frees;
	int failing;		/* atomic */
	int fail_from;		/* 0: off */
	gfp_t gfp[64];
};

static void *backing_alloc(gfp_t gfp, void *data)
{
	struct backing *b = data;
	int n = __atomic_add_fetch(&b->calls, 1, __ATOMIC_SEQ_CST);

	if (n <= 64)
		b->gfp[n - 1] = gfp;
	if (__atomic_load_n(&b->failing, __ATOMIC_SEQ_CST))
		return NULL;
	if (b->fail_from && n >= b->fail_from)
		return NULL;
	return malloc(32);
}

static void backing_free(void *element, void *data)
{
	struct backing *b = data;

	__atomic_add_fetch(&b->frees, 1, __ATOMIC_SEQ_CST);
	free(element);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define MEMPOOL_GFP_EXTRA (__GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN)

START_TEST(test_create_fills_reserve)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(5, backing_alloc, backing_free, &b);

	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(pool->min_nr, 5);
	ck_assert_int_eq(pool->curr_nr, 5);
	ck_assert_int_eq(b.calls, 5);
	ck_assert_uint_eq(b.gfp[0], GFP_KERNEL);
	ck_assert(mempool_initialized(pool));
	mempool_destroy(pool);
	ck_assert_int_eq(b.frees, 5);
	mempool_destroy(NULL);
}
END_TEST

START_TEST(test_create_fails_cleanly)
{
	struct backing b = { .fail_from = 3 };

	ck_assert_ptr_null(mempool_create(5, backing_alloc, backing_free, &b));
	ck_assert_int_eq(b.calls, 3);
	ck_assert_int_eq(b.frees, 2);	/* what was filled is given back */
}
END_TEST

START_TEST(test_init_exit)
{
	struct backing b = { 0 };
	mempool_t pool;

	memset(&pool, 0, sizeof(pool));
	ck_assert(!mempool_initialized(&pool));
	ck_assert_int_eq(mempool_init(&pool, 3, backing_alloc, backing_free,
				      &b), 0);
	ck_assert_int_eq(pool.curr_nr, 3);
	mempool_exit(&pool);
	ck_assert(!mempool_initialized(&pool));
	ck_assert_int_eq(b.frees, 3);
	ck_assert_int_eq(pool.curr_nr, 0);
}
END_TEST

/* The backing allocator first, with reclaim and IO masked off. */
START_TEST(test_backing_first)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(2, backing_alloc, backing_free, &b);
	void *e;

	ck_assert_ptr_nonnull(pool);
	e = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(pool->curr_nr, 2);
	ck_assert_int_eq(b.calls, 3);
	ck_assert_uint_eq(b.gfp[2], (GFP_KERNEL | MEMPOOL_GFP_EXTRA) &
			  ~(__GFP_DIRECT_RECLAIM | __GFP_IO));
	/* Reserve full: the element goes back to the backing allocator. */
	mempool_free(e, pool);
	ck_assert_int_eq(b.frees, 1);
	ck_assert_int_eq(pool->curr_nr, 2);
	mempool_free(NULL, pool);
	mempool_destroy(pool);
}
END_TEST

START_TEST(test_reserve_when_backing_fails)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(2, backing_alloc, backing_free, &b);
	void *e1, *e2, *e3;

	ck_assert_ptr_nonnull(pool);
	b.failing = 1;
	b.calls = 0;
	e1 = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e1);
	ck_assert_int_eq(pool->curr_nr, 1);
	ck_assert_int_eq(b.calls, 1);	/* one try, then the reserve */
	e2 = mempool_alloc(pool, GFP_ATOMIC);
	ck_assert_ptr_nonnull(e2);
	ck_assert_int_eq(pool->curr_nr, 0);
	ck_assert_uint_eq(b.gfp[1], GFP_ATOMIC | MEMPOOL_GFP_EXTRA);

	/* Both empty, no direct reclaim: NULL after a single try. */
	b.calls = 0;
	e3 = mempool_alloc(pool, GFP_ATOMIC);
	ck_assert_ptr_null(e3);
	ck_assert_int_eq(b.calls, 1);
	ck_assert_ptr_null(mempool_alloc(pool, GFP_NOWAIT));
	/* __GFP_IO without reclaim: masked try, full-flags try, then NULL. */
	b.calls = 0;
	ck_assert_ptr_null(mempool_alloc(pool, GFP_NOWAIT | __GFP_IO));
	ck_assert_int_eq(b.calls, 2);
	ck_assert_uint_eq(b.gfp[0], GFP_NOWAIT | MEMPOOL_GFP_EXTRA);
	ck_assert_uint_eq(b.gfp[1], GFP_NOWAIT | __GFP_IO | MEMPOOL_GFP_EXTRA);

	/* Frees refill the reserve first, without calling the backend. */
	mempool_free(e1, pool);
	ck_assert_int_eq(pool->curr_nr, 1);
	mempool_free(e2, pool);
	ck_assert_int_eq(pool->curr_nr, 2);
	ck_assert_int_eq(b.frees, 0);
	b.failing = 0;
	e3 = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e3);
	mempool_free(e3, pool);
	ck_assert_int_eq(b.frees, 1);
	mempool_destroy(pool);
}
END_TEST

/* Real allocators under fault injection: a kmalloc pool. */
START_TEST(test_kmalloc_pool_fault)
{
	struct compat_fault_spec spec = {
		.nth = 1, .times = -1, .family = COMPAT_FAULT_SLAB,
		.zone = -1,
	};
	mempool_t *pool = mempool_create_kmalloc_pool(3, 200);
	void *e[4];
	int i;

	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(pool->curr_nr, 3);
	e[0] = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e[0]);
	ck_assert_int_eq(pool->curr_nr, 3);
	ck_assert_uint_ge(ksize(e[0]), 200);

	compat_fault_set(&spec);
	for (i = 1; i < 4; i++) {
		e[i] = mempool_alloc(pool, GFP_ATOMIC);
		ck_assert_ptr_nonnull(e[i]);
		ck_assert_int_eq(pool->curr_nr, 3 - i);
	}
	ck_assert_ptr_null(mempool_alloc(pool, GFP_ATOMIC));
	compat_fault_set(NULL);
	for (i = 3; i >= 0; i--)
		mempool_free(e[i], pool);
	ck_assert_int_eq(pool->curr_nr, 3);
	mempool_destroy(pool);
}
END_TEST

struct waiter {
	mempool_t *pool;
	void *got;
	int done;		/* atomic */
};

static void *waiter_thread(void *arg)
{
	struct waiter *w = arg;

	w->got = mempool_alloc(w->pool, GFP_KERNEL);
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* GFP_KERNEL with everything exhausted blocks until mempool_free(). */
START_TEST(test_blocks_until_free)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(1, backing_alloc, backing_free, &b);
	struct waiter w = { 0 };
	pthread_t t;
	double t0;
	void *e;

	ck_assert_ptr_nonnull(pool);
	b.failing = 1;
	e = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(pool->curr_nr, 0);

	b.calls = 0;
	w.pool = pool;
	ck_assert_int_eq(pthread_create(&t, NULL, waiter_thread, &w), 0);
	usleep(300 * 1000);
	ck_assert_int_eq(__atomic_load_n(&w.done, __ATOMIC_SEQ_CST), 0);
	/* It tried the backend twice (masked, then full flags), then slept. */
	ck_assert_int_eq(__atomic_load_n(&b.calls, __ATOMIC_SEQ_CST), 2);
	ck_assert_uint_eq(b.gfp[1], GFP_KERNEL | MEMPOOL_GFP_EXTRA);

	t0 = now_s();
	mempool_free(e, pool);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	/* Woken by the free, not by the 5 s time-out. */
	ck_assert_double_lt(now_s() - t0, 2.0);
	ck_assert_int_eq(w.done, 1);
	ck_assert_ptr_eq(w.got, e);
	ck_assert_int_eq(pool->curr_nr, 0);
	mempool_free(w.got, pool);
	mempool_destroy(pool);
}
END_TEST

/* Without a free, the sleeper retries the backend every 5 s (6.1). */
START_TEST(test_waiter_retries_backend)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(1, backing_alloc, backing_free, &b);
	struct waiter w = { 0 };
	pthread_t t;
	double t0;
	void *e;

	ck_assert_ptr_nonnull(pool);
	b.failing = 1;
	e = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e);
	w.pool = pool;
	t0 = now_s();
	ck_assert_int_eq(pthread_create(&t, NULL, waiter_thread, &w), 0);
	usleep(200 * 1000);
	ck_assert_int_eq(__atomic_load_n(&w.done, __ATOMIC_SEQ_CST), 0);
	__atomic_store_n(&b.failing, 0, __ATOMIC_SEQ_CST);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	/* The sleeper looked again only after its 5 s (5*HZ) time-out. */
	ck_assert_double_ge(now_s() - t0, 4.5);
	ck_assert_double_lt(now_s() - t0, 9.0);
	ck_assert_ptr_nonnull(w.got);
	ck_assert_ptr_ne(w.got, e);
	ck_assert_int_eq(pool->curr_nr, 0);
	mempool_free(w.got, pool);
	mempool_free(e, pool);
	ck_assert_int_eq(pool->curr_nr, 1);
	mempool_destroy(pool);
}
END_TEST

START_TEST(test_gfp_zero_refused)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(1, backing_alloc, backing_free, &b);
	unsigned long warns;
	void *e1, *e2;

	ck_assert_ptr_nonnull(pool);
	compat_log_quiet(true);
	warns = compat_warn_count();
	e1 = mempool_alloc(pool, GFP_KERNEL | __GFP_ZERO);
	ck_assert_ptr_nonnull(e1);
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert_uint_eq(b.gfp[1] & __GFP_ZERO, 0);
	e2 = mempool_alloc(pool, GFP_KERNEL | __GFP_ZERO);
	ck_assert_ptr_nonnull(e2);
	ck_assert_uint_eq(compat_warn_count(), warns + 1);	/* once */
	ck_assert_uint_eq(b.gfp[2] & __GFP_ZERO, 0);
	mempool_free(e1, pool);
	mempool_free(e2, pool);
	mempool_destroy(pool);
}
END_TEST

START_TEST(test_resize)
{
	struct backing b = { 0 };
	mempool_t *pool = mempool_create(2, backing_alloc, backing_free, &b);
	void *e;

	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(mempool_resize(pool, 6), 0);
	ck_assert_int_eq(pool->min_nr, 6);
	ck_assert_int_eq(pool->curr_nr, 6);
	ck_assert_int_eq(b.calls, 6);
	ck_assert_uint_eq(b.gfp[5], GFP_KERNEL);

	ck_assert_int_eq(mempool_resize(pool, 1), 0);
	ck_assert_int_eq(pool->min_nr, 1);
	ck_assert_int_eq(pool->curr_nr, 1);
	ck_assert_int_eq(b.frees, 5);

	/* Growing while the backend fails: still 0, the reserve stays short. */
	b.failing = 1;
	ck_assert_int_eq(mempool_resize(pool, 3), 0);
	ck_assert_int_eq(pool->min_nr, 3);
	ck_assert_int_eq(pool->curr_nr, 1);
	b.failing = 0;
	e = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e);
	mempool_free(e, pool);		/* refills the short reserve */
	ck_assert_int_eq(pool->curr_nr, 2);
	ck_assert_int_eq(b.frees, 5);
	mempool_destroy(pool);
	ck_assert_int_eq(b.frees, 7);
}
END_TEST

START_TEST(test_page_pool)
{
	unsigned long base;
	mempool_t *pool;
	struct page *pg;
	const int order = 2;

	pool = mempool_create_page_pool(3, order);
	ck_assert_ptr_nonnull(pool);
	base = compat_free_pages();
	pg = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(pg);
	ck_assert_uint_eq(page_to_pfn(pg) & ((1UL << order) - 1), 0);
	ck_assert_uint_eq(compat_free_pages(), base - (1UL << order));
	memset(page_address(pg), 0x11, PAGE_SIZE << order);
	mempool_free(pg, pool);
	ck_assert_uint_eq(compat_free_pages(), base);
	ck_assert_int_eq(pool->curr_nr, 3);
	mempool_destroy(pool);
	/* The reserve's pages are back (the pool's own slab page may be too). */
	ck_assert_uint_ge(compat_free_pages(), base + 3 * (1UL << order));
}
END_TEST

START_TEST(test_page_pool_reserve)
{
	struct compat_fault_spec spec = {
		.nth = 1, .times = -1, .family = COMPAT_FAULT_PAGE,
		.zone = -1,
	};
	mempool_t *pool = mempool_create_page_pool(2, 1);
	struct page *a, *b;

	ck_assert_ptr_nonnull(pool);
	compat_fault_set(&spec);
	a = mempool_alloc(pool, GFP_NOIO);
	b = mempool_alloc(pool, GFP_NOIO);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(pool->curr_nr, 0);
	ck_assert_uint_eq(page_to_pfn(a) & 1, 0);
	ck_assert_ptr_null(mempool_alloc(pool, GFP_ATOMIC));
	compat_fault_set(NULL);
	mempool_free(a, pool);
	mempool_free(b, pool);
	ck_assert_int_eq(pool->curr_nr, 2);
	mempool_destroy(pool);
}
END_TEST

START_TEST(test_slab_pool)
{
	struct kmem_cache *cache = kmem_cache_create("mempool_test", 48, 0, 0,
						     NULL);
	struct compat_fault_spec spec = {
		.nth = 1, .times = -1, .family = COMPAT_FAULT_SLAB,
		.zone = -1,
	};
	mempool_t *pool;
	void *e, *r;

	ck_assert_ptr_nonnull(cache);
	pool = mempool_create_slab_pool(2, cache);
	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(pool->curr_nr, 2);
	e = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e);
	memset(e, 0x22, 48);
	ck_assert_int_eq(pool->curr_nr, 2);
	compat_fault_set(&spec);
	r = mempool_alloc(pool, GFP_ATOMIC);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(pool->curr_nr, 1);
	compat_fault_set(NULL);
	mempool_free(e, pool);		/* refills the reserve */
	ck_assert_int_eq(pool->curr_nr, 2);
	mempool_free(r, pool);		/* back to the cache */
	ck_assert_int_eq(pool->curr_nr, 2);
	mempool_destroy(pool);
	kmem_cache_destroy(cache);
}
END_TEST

static mempool_t *irq_pool;
static void *irq_elem;

static void irq_alloc(void *arg)
{
	irq_elem = mempool_alloc(irq_pool, GFP_ATOMIC);
}

static void irq_free(void *arg)
{
	mempool_free(irq_elem, irq_pool);
}

/* GFP_ATOMIC allocation and any free are fine in a hardirq handler. */
START_TEST(test_hardirq)
{
	struct backing b = { 0 };
	unsigned long viol;

	irq_pool = mempool_create(1, backing_alloc, backing_free, &b);
	ck_assert_ptr_nonnull(irq_pool);
	b.failing = 1;
	viol = compat_sleep_violations();
	compat_run_in_hardirq(irq_alloc, NULL);
	ck_assert_ptr_nonnull(irq_elem);
	ck_assert_int_eq(irq_pool->curr_nr, 0);
	compat_run_in_hardirq(irq_free, NULL);
	ck_assert_int_eq(irq_pool->curr_nr, 1);
	ck_assert_uint_eq(compat_sleep_violations(), viol);
	mempool_destroy(irq_pool);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("mempool");
	TCase *tc;

	tc = tcase_create("create");
	tcase_add_test(tc, test_create_fills_reserve);
	tcase_add_test(tc, test_create_fails_cleanly);
	tcase_add_test(tc, test_init_exit);
	tcase_add_test(tc, test_resize);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc");
	tcase_add_test(tc, test_backing_first);
	tcase_add_test(tc, test_reserve_when_backing_fails);
	tcase_add_test(tc, test_kmalloc_pool_fault);
	tcase_add_test(tc, test_gfp_zero_refused);
	tcase_add_test(tc, test_hardirq);
	suite_add_tcase(s, tc);

	tc = tcase_create("blocking");
	tcase_add_test(tc, test_blocks_until_free);
	tcase_add_test(tc, test_waiter_retries_backend);
	tcase_set_timeout(tc, 15);
	suite_add_tcase(s, tc);

	tc = tcase_create("backends");
	tcase_add_test(tc, test_page_pool);
	tcase_add_test(tc, test_page_pool_reserve);
	tcase_add_test(tc, test_slab_pool);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
