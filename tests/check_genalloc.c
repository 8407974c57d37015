/* SPDX-License-Identifier: MIT */
/*
 * check_genalloc.c - compat/genalloc.c against Linux 6.1 lib/genalloc.c:
 * accounting, the algorithms' placement, alignment, virt-to-phys through
 * chunks, exhaustion, several chunks, the BUGs on misuse, fault injection
 * and use from interrupt context.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/genalloc.h>
#include <svr5compat/fault.h>
#include <svr5compat/log.h>
#include <svr5compat/context.h>
#include "check_util.h"

/* A chunk of simulated RAM: @order pages, its virt and phys addresses. */
static unsigned long get_chunk(unsigned int order, phys_addr_t *phys)
{
	unsigned long v = __get_free_pages(GFP_KERNEL, order);

	ck_assert(v != 0);
	*phys = virt_to_phys((void *)v);
	return v;
}

START_TEST(test_accounting)
{
	struct gen_pool *pool = gen_pool_create(5, -1);	/* 32-byte units */
	phys_addr_t phys;
	unsigned long base = get_chunk(4, &phys);	/* 64 KiB */
	unsigned long a, b;

	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(gen_pool_add_virt(pool, base, phys, 65536, -1), 0);
	ck_assert_uint_eq(gen_pool_size(pool), 65536);
	ck_assert_uint_eq(gen_pool_avail(pool), 65536);

	a = gen_pool_alloc(pool, 100);		/* rounded to 128 */
	ck_assert_uint_eq(a, base);		/* first fit: the start */
	ck_assert_uint_eq(gen_pool_avail(pool), 65536 - 128);
	b = gen_pool_alloc(pool, 32);
	ck_assert_uint_eq(b, base + 128);
	ck_assert_uint_eq(gen_pool_avail(pool), 65536 - 160);
	ck_assert_uint_eq(gen_pool_size(pool), 65536);
	ck_assert_uint_eq(gen_pool_alloc(pool, 0), 0);

	gen_pool_free(pool, a, 100);
	ck_assert_uint_eq(gen_pool_avail(pool), 65536 - 32);
	/* The freed hole is reused first. */
	ck_assert_uint_eq(gen_pool_alloc(pool, 64), base);
	gen_pool_free(pool, base, 64);
	gen_pool_free(pool, b, 32);
	ck_assert_uint_eq(gen_pool_avail(pool), 65536);
	gen_pool_destroy(pool);
	free_pages(base, 4);
}
END_TEST

START_TEST(test_virt_to_phys)
{
	struct gen_pool *pool = gen_pool_create(6, -1);
	phys_addr_t phys;
	unsigned long base = get_chunk(2, &phys);
	dma_addr_t dma = 0;
	u8 *p;
	int i;

	gen_pool_add_virt(pool, base, phys, 4 * PAGE_SIZE, -1);
	ck_assert_uint_eq(gen_pool_virt_to_phys(pool, base + 1234), phys + 1234);
	ck_assert_uint_eq(gen_pool_virt_to_phys(pool, base + 4 * PAGE_SIZE),
			  (phys_addr_t)-1);
	ck_assert_uint_eq(gen_pool_virt_to_phys(pool, base - 1), (phys_addr_t)-1);

	p = gen_pool_dma_alloc(pool, 300, &dma);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(dma, virt_to_phys(p));
	memset(p, 0xee, 300);
	gen_pool_free(pool, (unsigned long)p, 300);
	p = gen_pool_dma_zalloc(pool, 300, &dma);
	ck_assert_uint_eq(dma, virt_to_phys(p));
	for (i = 0; i < 300; i++)
		ck_assert_uint_eq(p[i], 0);
	gen_pool_free(pool, (unsigned long)p, 300);
	ck_assert_ptr_null(gen_pool_dma_alloc(NULL, 64, &dma));
	gen_pool_destroy(pool);
	free_pages(base, 2);
}
END_TEST

START_TEST(test_align)
{
	struct gen_pool *pool = gen_pool_create(5, -1);
	phys_addr_t phys;
	unsigned long base = get_chunk(5, &phys);	/* 128 KiB */
	static const int aligns[] = { 64, 256, 1024, 4096, 16384 };
	unsigned int i;

	/* A chunk starting 96 bytes into the block: alignment is absolute. */
	gen_pool_add_virt(pool, base + 96, phys + 96, 128 * 1024 - 96, -1);
	gen_pool_alloc(pool, 32);	/* occupy the start */
	for (i = 0; i < ARRAY_SIZE(aligns); i++) {
		dma_addr_t dma;
		void *p = gen_pool_dma_alloc_align(pool, 100, &dma, aligns[i]);
		void *z;

		ck_assert_ptr_nonnull(p);
		ck_assert_msg(((unsigned long)p & (aligns[i] - 1)) == 0,
			      "%p not %d-aligned", p, aligns[i]);
		ck_assert_uint_eq(dma, virt_to_phys(p));
		z = gen_pool_dma_zalloc_align(pool, 40, &dma, aligns[i]);
		ck_assert_ptr_nonnull(z);
		ck_assert(((unsigned long)z & (aligns[i] - 1)) == 0);
	}
	/* order_align: a 3-unit request lands on a 4-unit boundary. */
	gen_pool_set_algo(pool, gen_pool_first_fit_order_align, NULL);
	{
		unsigned long a = gen_pool_alloc(pool, 96);
		unsigned long off = a - (base + 96);

		ck_assert_uint_eq((off >> 5) % 4, 0);
	}
	/* Destroy would BUG with these outstanding: leak the pool. */
}
END_TEST

/*
 * 16-byte units, 64 units.  a = units 0..7, b = 8, c = 9..11, d = 12,
 * e = 13..63; freeing a and c leaves holes of 8 and 3 units.
 */
static struct gen_pool *holes_pool(unsigned long *base)
{
	struct gen_pool *pool = gen_pool_create(4, -1);
	phys_addr_t phys;
	unsigned long a, c;

	*base = get_chunk(0, &phys);
	gen_pool_add_virt(pool, *base, phys, 1024, -1);
	a = gen_pool_alloc(pool, 8 * 16);
	gen_pool_alloc(pool, 16);
	c = gen_pool_alloc(pool, 3 * 16);
	gen_pool_alloc(pool, 16);
	ck_assert_uint_eq(gen_pool_alloc(pool, 51 * 16), *base + 13 * 16);
	ck_assert_uint_eq(gen_pool_avail(pool), 0);
	gen_pool_free(pool, a, 8 * 16);
	gen_pool_free(pool, c, 3 * 16);
	return pool;
}

START_TEST(test_first_vs_best_fit)
{
	unsigned long base;
	struct gen_pool *pool = holes_pool(&base);

	/* First fit takes the first hole big enough. */
	ck_assert_uint_eq(gen_pool_alloc(pool, 3 * 16), base);
	pool = holes_pool(&base);
	/* Best fit takes the exact 3-unit hole. */
	gen_pool_set_algo(pool, gen_pool_best_fit, NULL);
	ck_assert_uint_eq(gen_pool_alloc(pool, 3 * 16), base + 9 * 16);
	/* Then a 2-unit request: the smallest hole left is the 8-unit one. */
	ck_assert_uint_eq(gen_pool_alloc(pool, 2 * 16), base);
	/* NULL algo restores first fit. */
	gen_pool_set_algo(pool, NULL, NULL);
	ck_assert_uint_eq(gen_pool_alloc(pool, 16), base + 2 * 16);
	/* fixed_alloc: exactly at an offset, or nothing. */
	{
		struct genpool_data_fixed fx = { .offset = 5 * 16 };

		ck_assert_uint_eq(gen_pool_alloc_algo(pool, 16,
					gen_pool_fixed_alloc, &fx),
				  base + 5 * 16);
		ck_assert_uint_eq(gen_pool_alloc_algo(pool, 16,
					gen_pool_fixed_alloc, &fx), 0);
	}
}
END_TEST

START_TEST(test_exhaustion)
{
	struct gen_pool *pool = gen_pool_create(PAGE_SHIFT, -1);
	phys_addr_t phys;
	unsigned long base = get_chunk(3, &phys), a[8];
	int i;

	gen_pool_add_virt(pool, base, phys, 8 * PAGE_SIZE, -1);
	ck_assert_uint_eq(gen_pool_alloc(pool, 9 * PAGE_SIZE), 0);
	for (i = 0; i < 8; i++) {
		a[i] = gen_pool_alloc(pool, 1);	/* one page each */
		ck_assert_uint_eq(a[i], base + i * PAGE_SIZE);
	}
	ck_assert_uint_eq(gen_pool_avail(pool), 0);
	ck_assert_uint_eq(gen_pool_alloc(pool, 1), 0);
	/* Fragmented: 2 free pages that are not adjacent give no 2 pages. */
	gen_pool_free(pool, a[1], 1);
	gen_pool_free(pool, a[5], 1);
	ck_assert_uint_eq(gen_pool_avail(pool), 2 * PAGE_SIZE);
	ck_assert_uint_eq(gen_pool_alloc(pool, 2 * PAGE_SIZE), 0);
	gen_pool_free(pool, a[2], 1);
	ck_assert_uint_eq(gen_pool_alloc(pool, 2 * PAGE_SIZE), a[1]);
}
END_TEST

START_TEST(test_multiple_chunks)
{
	struct gen_pool *pool = gen_pool_create(8, -1);
	phys_addr_t p1, p2;
	unsigned long c1 = get_chunk(0, &p1), c2 = get_chunk(1, &p2);
	unsigned long a, b;
	int owner2 = 2;
	void *owner = NULL;

	gen_pool_add_virt(pool, c1, p1, PAGE_SIZE, -1);
	gen_pool_add_owner(pool, c2, p2, 2 * PAGE_SIZE, -1, &owner2);
	ck_assert_uint_eq(gen_pool_size(pool), 3 * PAGE_SIZE);
	ck_assert(gen_pool_has_addr(pool, c1 + 100, 200));
	ck_assert(gen_pool_has_addr(pool, c2, 2 * PAGE_SIZE));
	ck_assert(!gen_pool_has_addr(pool, c1 + PAGE_SIZE - 10, 20));
	ck_assert(!gen_pool_has_addr(pool, c2 + 2 * PAGE_SIZE, 1));

	/* Chunks are searched newest first (6.1 list_add_rcu). */
	a = gen_pool_alloc_owner(pool, 256, &owner);
	ck_assert_uint_eq(a, c2);
	ck_assert_ptr_eq(owner, &owner2);
	/* More than either chunk has free: nowhere to go. */
	ck_assert_uint_eq(gen_pool_alloc(pool, 2 * PAGE_SIZE), 0);
	/* The rest of chunk 2, then chunk 1 for what no longer fits. */
	b = gen_pool_alloc(pool, 2 * PAGE_SIZE - 256);
	ck_assert_uint_eq(b, c2 + 256);
	a = gen_pool_alloc_owner(pool, 512, &owner);
	ck_assert_uint_eq(a, c1);
	ck_assert_ptr_null(owner);
	ck_assert_uint_eq(gen_pool_virt_to_phys(pool, a + 5), p1 + 5);
	ck_assert_uint_eq(gen_pool_virt_to_phys(pool, b + 5), p2 + 256 + 5);
	ck_assert_uint_eq(gen_pool_avail(pool), PAGE_SIZE - 512);
	gen_pool_free_owner(pool, a, 512, &owner);
	ck_assert_ptr_null(owner);
	gen_pool_free_owner(pool, b, 2 * PAGE_SIZE - 256, &owner);
	ck_assert_ptr_eq(owner, &owner2);
	gen_pool_free(pool, c2, 256);
	ck_assert_uint_eq(gen_pool_avail(pool), 3 * PAGE_SIZE);
	gen_pool_destroy(pool);		/* nothing outstanding: no BUG */
}
END_TEST

START_TEST(test_destroy_outstanding_bugs)
{
	struct gen_pool *pool = gen_pool_create(5, -1);
	phys_addr_t phys;
	unsigned long base = get_chunk(0, &phys);

	compat_log_quiet(true);
	gen_pool_add_virt(pool, base, phys, PAGE_SIZE, -1);
	ck_assert(gen_pool_alloc(pool, 64) != 0);
	gen_pool_destroy(pool);		/* BUG_ON(bit < end_bit) */
}
END_TEST

START_TEST(test_double_free_bugs)
{
	struct gen_pool *pool = gen_pool_create(5, -1);
	phys_addr_t phys;
	unsigned long base = get_chunk(0, &phys), a;

	compat_log_quiet(true);
	gen_pool_add_virt(pool, base, phys, PAGE_SIZE, -1);
	a = gen_pool_alloc(pool, 64);
	gen_pool_free(pool, a, 64);
	gen_pool_free(pool, a, 64);	/* BUG_ON(remain) */
}
END_TEST

START_TEST(test_free_foreign_bugs)
{
	struct gen_pool *pool = gen_pool_create(5, -1);
	phys_addr_t phys;
	unsigned long base = get_chunk(0, &phys);

	compat_log_quiet(true);
	gen_pool_add_virt(pool, base, phys, PAGE_SIZE, -1);
	gen_pool_free(pool, base + PAGE_SIZE, 64);	/* in no chunk: BUG */
}
END_TEST

START_TEST(test_fault_injection)
{
	struct gen_pool *pool = gen_pool_create(5, -1);
	struct compat_fault_spec spec;
	struct compat_fault_stats st;
	phys_addr_t phys;
	unsigned long base = get_chunk(0, &phys);

	gen_pool_add_virt(pool, base, phys, PAGE_SIZE, -1);
	ck_assert(compat_fault_parse("family=genalloc,nth=2,only=nosleep",
				     &spec));
	compat_fault_set(&spec);
	ck_assert(gen_pool_alloc(pool, 32) != 0);
	ck_assert_uint_eq(gen_pool_alloc(pool, 32), 0);
	ck_assert(gen_pool_alloc(pool, 32) != 0);
	compat_fault_stats(&st);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_GENALLOC], 3);
	ck_assert_uint_eq(st.matched, 3);	/* genalloc never sleeps */
	ck_assert_uint_eq(st.injected, 1);
	compat_fault_set(NULL);
	ck_assert_uint_eq(gen_pool_avail(pool), PAGE_SIZE - 64);
}
END_TEST

struct irq_arg {
	struct gen_pool *pool;
	unsigned long a;
};

static void alloc_in_irq(void *arg)
{
	struct irq_arg *x = arg;

	x->a = gen_pool_alloc(x->pool, 128);
	gen_pool_free(x->pool, x->a, 128);
}

START_TEST(test_hardirq)
{
	struct irq_arg x = { .pool = gen_pool_create(5, -1) };
	unsigned long before = compat_sleep_violations();
	phys_addr_t phys;
	unsigned long base = get_chunk(0, &phys);

	gen_pool_add_virt(x.pool, base, phys, PAGE_SIZE, -1);
	compat_run_in_hardirq(alloc_in_irq, &x);
	ck_assert_uint_eq(x.a, base);
	ck_assert_uint_eq(compat_sleep_violations(), before);
	ck_assert_uint_eq(gen_pool_avail(x.pool), PAGE_SIZE);
	gen_pool_destroy(x.pool);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("genalloc");
	TCase *tc;

	tc = tcase_create("alloc");
	tcase_add_test(tc, test_accounting);
	tcase_add_test(tc, test_virt_to_phys);
	tcase_add_test(tc, test_align);
	tcase_add_test(tc, test_first_vs_best_fit);
	tcase_add_test(tc, test_exhaustion);
	tcase_add_test(tc, test_multiple_chunks);
	suite_add_tcase(s, tc);

	tc = tcase_create("misuse");
	tcase_add_test_raise_signal(tc, test_destroy_outstanding_bugs, SIGABRT);
	tcase_add_test_raise_signal(tc, test_double_free_bugs, SIGABRT);
	tcase_add_test_raise_signal(tc, test_free_foreign_bugs, SIGABRT);
	suite_add_tcase(s, tc);

	tc = tcase_create("context");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_fault_injection);
	tcase_add_test(tc, test_hardirq);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
