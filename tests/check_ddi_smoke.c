/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_smoke.c - smoke tests of the DDI core (ddi/): one or two
 * assertions per family, so a broken build shows at once.  The detailed
 * suites are tests/check_ddi_*.c.
 */
/*
 * The SVR5 include directory comes first (see ddi_test_common.h), so its
 * <sys/types.h> is the one every libc header here sees; <stdint.h> and
 * <unistd.h> first for the types glibc's would have given.  The compat
 * headers come before <sys/param.h> so their HZ wins.
 */
#include <stdint.h>
#include <unistd.h>
#include <sys/types.h>
#include <check.h>
#include <string.h>
#include <svr5compat/log.h>
#include <svr5compat/context.h>
#include <svr5compat/physmem.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/buf.h>
#include <svr5ddi/ddictl.h>
#include "check_util.h"

static struct svr5ddi_stats st;

static void setup(void)
{
	svr5ddi_set_debug(1);
	compat_log_quiet(true);
	compat_log_clear();
}

START_TEST(kmem_alignment_and_free)
{
	size_t sizes[] = { 1, 8, 15, 16, 24, 64, 100, 4096, 5000, 100000 };
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = kmem_zalloc(sizes[i], KM_SLEEP);
		size_t a = sizes[i] >= 16 ? 16 : 8;

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % a, 0);
		if ((sizes[i] & (sizes[i] - 1)) == 0 && sizes[i] <= 4096)
			ck_assert_uint_eq((uintptr_t)p % sizes[i], 0);
		ck_assert_int_eq(p[sizes[i] - 1], 0);
		ck_assert_uint_ne(vtop(p, NULL), 0);
		kmem_free(p, sizes[i]);
	}
	ck_assert_ptr_null(kmem_alloc(0, KM_SLEEP));
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.misuse_total, 0);
	ck_assert_uint_eq(st.backend[SVR5DDI_BK_SLAB].live_objects, 0);
	ck_assert_uint_eq(st.backend[SVR5DDI_BK_VMALLOC].live_objects, 0);
}
END_TEST

START_TEST(kmem_misuse_reported)
{
	char *p = kmem_alloc(64, KM_SLEEP);

	p[64] = 1;
	kmem_free(p, 32);
	kmem_free(p, 64);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_SIZE_MISMATCH], 1);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_REDZONE], 1);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_DOUBLE_FREE], 1);
	ck_assert(compat_log_contains("svr5ddi: kmem_free: size mismatch"));
	ck_assert(compat_log_contains("check_ddi_smoke.c"));
	ck_assert_uint_eq(st.backend[SVR5DDI_BK_SLAB].live_objects, 0);
}
END_TEST

static void *irq_p;
static void irq_alloc(void *arg)
{
	irq_p = kmem_alloc(128, KM_SLEEP);
}

START_TEST(kmem_sleep_in_irq)
{
	compat_run_in_hardirq(irq_alloc, NULL);
	ck_assert_ptr_nonnull(irq_p);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_SLEEP_IN_ATOMIC], 1);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
	kmem_free(irq_p, 128);
}
END_TEST

START_TEST(physreq_small_and_contig)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	paddr32_t pa[2] = { 0, 0 };
	char *p;

	pr->phys_align = 256;
	pr->phys_boundary = 4096;
	pr->phys_dmasize = 24;
	ck_assert_int_eq(physreq_prep(pr, KM_SLEEP), B_TRUE);
	p = kmem_zalloc_physreq(300, pr, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(vtop(p, NULL) % 256, 0);
	ck_assert_uint_lt(vtop(p, NULL) + 299, 1UL << 24);
	ck_assert_uint_eq(vtop(p, NULL) / 4096, (vtop(p, NULL) + 299) / 4096);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.backend[SVR5DDI_BK_POOL].live_objects, 1);
	kmem_free(p, 300);
	ck_assert_ptr_null(kmem_alloc_physreq(8192, pr, KM_SLEEP));
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_IMPOSSIBLE], 1);

	pr->phys_boundary = 0;
	pr->phys_dmasize = 32;
	pr->phys_flags |= PREQ_PHYSCONTIG;
	ck_assert_int_eq(physreq_prep(pr, KM_SLEEP), B_TRUE);
	p = kmem_alloc_phys(3 * 4096, pr, pa, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(pa[0], vtop(p, NULL));
	ck_assert_uint_eq(vtop(p + 2 * 4096, NULL), pa[0] + 2 * 4096);
	kmem_free(p, 3 * 4096);
	physreq_free(pr);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.misuse_total, 1);
}
END_TEST

START_TEST(physreq_unprepped_changed_foreign)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	physreq_t fake;
	void *p;

	p = kmem_alloc_physreq(64, pr, KM_SLEEP);	/* unprepped */
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 64);
	ck_assert_int_eq(physreq_prep(pr, KM_SLEEP), B_TRUE);
	pr->phys_dmasize = 32;				/* changed */
	p = kmem_alloc_physreq(64, pr, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_lt(vtop(p, NULL), 1UL << 32);
	kmem_free(p, 64);
	memset(&fake, 0, sizeof(fake));
	physreq_free(&fake);
	physreq_free(pr);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_UNPREPPED_PHYSREQ], 1);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_CHANGED_PHYSREQ], 1);
	ck_assert_uint_eq(st.misuse[SVR5DDI_MISUSE_FOREIGN_PHYSREQ], 1);
}
END_TEST

START_TEST(contig_sleep_on_fragmented_memory)
{
	struct compat_frag *f32, *fdma;
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	void *p;

	pr->phys_dmasize = 32;
	pr->phys_flags = PREQ_PHYSCONTIG;
	ck_assert_int_eq(physreq_prep(pr, KM_SLEEP), B_TRUE);
	f32 = compat_fragment(ZONE_DMA32);
	fdma = compat_fragment(ZONE_DMA);
	p = kmem_alloc_physreq(64 * 1024, pr, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.backend[SVR5DDI_BK_RESERVE].live_objects, 1);
	ck_assert_uint_ge(st.reserve_used[1], 64 * 1024);
	kmem_free(p, 64 * 1024);
	compat_unfragment(fdma);
	compat_unfragment(f32);
	physreq_free(pr);
}
END_TEST

static void *irq_c;
static void irq_free(void *arg)
{
	kmem_free(irq_c, 2 * 4096);
}

START_TEST(coherent_free_from_irq_deferred)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);

	pr->phys_flags = PREQ_PHYSCONTIG;
	ck_assert_int_eq(physreq_prep(pr, KM_SLEEP), B_TRUE);
	irq_c = kmem_alloc_physreq(2 * 4096, pr, KM_SLEEP);
	ck_assert_ptr_nonnull(irq_c);
	compat_run_in_hardirq(irq_free, NULL);
	ck_assert_uint_eq(compat_warn_count(), 0);
	svr5ddi_get_stats(&st);
	ck_assert_uint_eq(st.backend[SVR5DDI_BK_COHERENT].live_objects, 0);
	physreq_free(pr);
}
END_TEST

START_TEST(leak_report_and_bcb)
{
	bcb_t *b = bcb_alloc(KM_SLEEP);
	void *p = kmem_alloc(10, KM_SLEEP);

	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(b->bcb_physreqp);
	ck_assert_uint_eq(svr5ddi_leak_report(), 2);
	ck_assert(compat_log_contains("kmem_alloc: leak: addr"));
	bcb_free(b);
	kmem_free(p, 10);
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_smoke");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, kmem_alignment_and_free);
	tcase_add_test(tc, kmem_misuse_reported);
	tcase_add_test(tc, kmem_sleep_in_irq);
	tcase_add_test(tc, physreq_small_and_contig);
	tcase_add_test(tc, physreq_unprepped_changed_foreign);
	tcase_add_test(tc, contig_sleep_on_fragmented_memory);
	tcase_add_test(tc, coherent_free_from_irq_deferred);
	tcase_add_test(tc, leak_report_and_bcb);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
