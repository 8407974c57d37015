/* SPDX-License-Identifier: MIT */
/*
 * check_vmalloc.c - vmalloc, vmap and the kvmalloc family against 6.1.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include "check_util.h"
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <svr5compat/physmem.h>
#include <svr5compat/fault.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

#define FOUR_GIB	(1ULL << 32)

/* Bring the emulation up and return the free-page baseline. */
static unsigned long warm_up(void)
{
	vfree(vmalloc(PAGE_SIZE));
	return compat_free_pages();
}

static struct compat_frag *frag[MAX_NR_ZONES];

static void fragment_all(void)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		frag[z] = compat_fragment(z);
}

static void unfragment_all(void)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (frag[z])
			compat_unfragment(frag[z]);
}

START_TEST(test_basic)
{
	unsigned long base = warm_up();
	const unsigned int n = 10;
	unsigned char *p = vmalloc(n * PAGE_SIZE - 100);
	struct vm_struct *area;
	unsigned int i;

	ck_assert_ptr_nonnull(p);
	ck_assert(is_vmalloc_addr(p));
	ck_assert(is_vmalloc_addr(p + n * PAGE_SIZE - 1));
	ck_assert(PAGE_ALIGNED(p));
	ck_assert_uint_eq(vmalloc_nr_pages(), n);
	ck_assert_uint_eq(compat_free_pages(), base - n);
	area = find_vm_area(p);
	ck_assert_ptr_nonnull(area);
	ck_assert_ptr_eq(area->addr, p);
	ck_assert_uint_eq(get_vm_area_size(area), n * PAGE_SIZE);
	ck_assert_uint_eq(area->nr_pages, n);
	ck_assert(area->flags & VM_ALLOC);
	ck_assert(!(area->flags & VM_UNINITIALIZED));
	for (i = 0; i < n; i++) {
		struct page *pg = vmalloc_to_page(p + i * PAGE_SIZE + 17);

		ck_assert_ptr_nonnull(pg);
		ck_assert_ptr_eq(pg, area->pages[i]);
		ck_assert(PageVmalloc(pg));
		ck_assert_uint_eq(vmalloc_to_pfn(p + i * PAGE_SIZE),
				  page_to_pfn(pg));
	}
	memset(p, 0x5a, n * PAGE_SIZE);
	ck_assert(!is_vmalloc_addr(&base));
	ck_assert_ptr_null(vmalloc_to_page(&base));
	vfree(p);
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
	ck_assert_uint_eq(compat_free_pages(), base);
	ck_assert_ptr_null(find_vm_area(p));
	vfree(NULL);
}
END_TEST

/* Every free page isolated: no two pages of a vmalloc area adjacent. */
START_TEST(test_scattered)
{
	unsigned long base = warm_up();
	const unsigned int n = 64;
	unsigned char *p;
	unsigned int i, adjacent = 0;

	fragment_all();
	p = vmalloc(n * PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i + 1 < n; i++) {
		unsigned long a = vmalloc_to_pfn(p + i * PAGE_SIZE);
		unsigned long b = vmalloc_to_pfn(p + (i + 1) * PAGE_SIZE);

		if (b == a + 1 || a == b + 1)
			adjacent++;
	}
	ck_assert_uint_eq(adjacent, 0);
	/* Yet virtually contiguous: one memset spans all of it. */
	memset(p, 0xc3, n * PAGE_SIZE);
	for (i = 0; i < n; i++) {
		unsigned char *d = page_address(vmalloc_to_page(p + i * PAGE_SIZE));

		ck_assert_uint_eq(d[0], 0xc3);
		ck_assert_uint_eq(d[PAGE_SIZE - 1], 0xc3);
	}
	vfree(p);
	unfragment_all();
	ck_assert_uint_eq(compat_free_pages(), base);
}
END_TEST

START_TEST(test_aliasing)
{
	const unsigned int n = 5;
	unsigned int *p;
	unsigned int i;

	warm_up();
	p = vmalloc(n * PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++)
		p[i * PAGE_SIZE / sizeof(*p) + 3] = 0xdead0000u + i;
	for (i = 0; i < n; i++) {
		unsigned int *d = page_address(vmalloc_to_page(
			(char *)p + i * PAGE_SIZE));

		ck_assert_ptr_ne(d, (char *)p + i * PAGE_SIZE);
		ck_assert_uint_eq(d[3], 0xdead0000u + i);
		d[7] = 0xbeef0000u + i;	/* and the other way round */
	}
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(p[i * PAGE_SIZE / sizeof(*p) + 7],
				  0xbeef0000u + i);
	vfree(p);
}
END_TEST

START_TEST(test_zones)
{
	const unsigned int n = 16;
	unsigned char *p, *q;
	unsigned int i;

	warm_up();
	p = vmalloc_32(n * PAGE_SIZE);
	q = vmalloc(n * PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	for (i = 0; i < n; i++) {
		phys_addr_t pp = page_to_phys(vmalloc_to_page(p + i * PAGE_SIZE));
		phys_addr_t qp = page_to_phys(vmalloc_to_page(q + i * PAGE_SIZE));

		ck_assert_uint_lt(pp, FOUR_GIB);
		/* GFP_KERNEL starts at ZONE_NORMAL, above 4 GiB by default. */
		ck_assert_uint_ge(qp, FOUR_GIB);
	}
	vfree(p);
	vfree(q);
}
END_TEST

START_TEST(test_vmalloc_32_exhausted_dma32)
{
	struct compat_frag *f = compat_exhaust(ZONE_DMA32);
	unsigned char *p;
	unsigned int i;

	ck_assert_ptr_nonnull(f);
	/* DMA32 is empty: vmalloc_32 must fall back to ZONE_DMA only. */
	p = vmalloc_32(4 * PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(page_zonenum(vmalloc_to_page(p + i * PAGE_SIZE)),
				  ZONE_DMA);
	vfree(p);
	compat_unfragment(f);
}
END_TEST

START_TEST(test_vzalloc)
{
	const unsigned int n = 8;
	unsigned char *p;
	unsigned long i;

	warm_up();
	p = vmalloc(n * PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	memset(p, 0xff, n * PAGE_SIZE);
	vfree(p);
	p = vzalloc(n * PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n * PAGE_SIZE; i++)
		if (p[i])
			break;
	ck_assert_uint_eq(i, n * PAGE_SIZE);
	vfree(p);

	p = vcalloc(3, PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p[3 * PAGE_SIZE - 1], 0);
	vfree(p);
	ck_assert_ptr_null(vmalloc_array(SIZE_MAX / 2, 4));
}
END_TEST

START_TEST(test_guard_page)
{
	unsigned char *a, *b;

	warm_up();
	a = vmalloc(PAGE_SIZE);
	b = vmalloc(PAGE_SIZE);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	/* Lowest fit: b follows a's guard page. */
	ck_assert_ptr_eq(b, a + 2 * PAGE_SIZE);
	ck_assert_ptr_null(vmalloc_to_page(a + PAGE_SIZE));
	ck_assert_ptr_eq(find_vm_area(a + PAGE_SIZE), find_vm_area(a));
	ck_assert_ptr_ne(find_vm_area(a), find_vm_area(b));
	ck_assert_uint_eq(find_vm_area(a)->size, 2 * PAGE_SIZE);
	vfree(b);
	vfree(a);
}
END_TEST

#ifndef __SANITIZE_ADDRESS__
/* Writing to the guard page faults (dies with SIGSEGV). */
START_TEST(test_guard_page_faults)
{
	volatile unsigned char *a;

	warm_up();
	a = vmalloc(PAGE_SIZE);
	ck_assert_ptr_nonnull((void *)a);
	a[PAGE_SIZE - 1] = 1;
	a[PAGE_SIZE] = 1;
}
END_TEST

START_TEST(test_freed_range_faults)
{
	volatile unsigned char *a;

	warm_up();
	a = vmalloc(PAGE_SIZE);
	ck_assert_ptr_nonnull((void *)a);
	a[0] = 1;
	vfree((void *)a);
	a[0] = 2;
}
END_TEST
#endif

START_TEST(test_vmap)
{
	unsigned long base = warm_up();
	struct page *pages[4];
	unsigned char *v;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		ck_assert_ptr_nonnull(pages[i]);
		memset(page_address(pages[i]), 'a' + i, PAGE_SIZE);
	}
	/* Map them in reverse order: the mapping follows the array. */
	{
		struct page *rev[4] = { pages[3], pages[2], pages[1], pages[0] };

		v = vmap(rev, 4, VM_MAP, PAGE_KERNEL);
		ck_assert_ptr_nonnull(v);
		ck_assert(is_vmalloc_addr(v));
		for (i = 0; i < 4; i++) {
			ck_assert_ptr_eq(vmalloc_to_page(v + i * PAGE_SIZE),
					 rev[i]);
			ck_assert_uint_eq(v[i * PAGE_SIZE + 5], 'a' + 3 - i);
		}
	}
	ck_assert(find_vm_area(v)->flags & VM_MAP);
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
	v[0] = 'Z';
	ck_assert_uint_eq(*(unsigned char *)page_address(pages[3]), 'Z');
	vunmap(v);
	ck_assert_ptr_null(find_vm_area(v));
	/* vunmap leaves the pages allocated and their contents intact. */
	ck_assert_uint_eq(compat_free_pages(), base - 4);
	ck_assert_uint_eq(*(unsigned char *)page_address(pages[3]), 'Z');
	ck_assert_uint_eq(((unsigned char *)page_address(pages[1]))[9], 'b');
	for (i = 0; i < 4; i++)
		__free_page(pages[i]);
	ck_assert_uint_eq(compat_free_pages(), base);
}
END_TEST

/* VM_MAP_PUT_PAGES: vfree() drops the pages and kvfree()s the array. */
START_TEST(test_vmap_put_pages)
{
	unsigned long base = warm_up();
	/* A vmalloc()ed array, so kvfree() of it is visible in page counts. */
	struct page **pages = vmalloc_array(3, sizeof(*pages));
	unsigned char *v;
	unsigned int i;

	ck_assert_ptr_nonnull(pages);
	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		ck_assert_ptr_nonnull(pages[i]);
	}
	ck_assert_uint_eq(compat_free_pages(), base - 4);
	v = vmap(pages, 3, VM_MAP | VM_MAP_PUT_PAGES, PAGE_KERNEL);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_eq(find_vm_area(v)->pages, pages);
	memset(v, 1, 3 * PAGE_SIZE);
	vfree(v);
	ck_assert_uint_eq(compat_free_pages(), base);
	ck_assert_ptr_null(find_vm_area(pages));
}
END_TEST

static void *irq_ptr;

static void irq_vfree(void *arg)
{
	vfree(irq_ptr);
}

/*
 * In interrupt context vfree() defers to process context (a work item or
 * the next vmalloc-family call) and does not complain about sleeping.
 */
START_TEST(test_vfree_in_hardirq_deferred)
{
	unsigned long base = warm_up();
	unsigned long viol = compat_sleep_violations();

	irq_ptr = vmalloc(8 * PAGE_SIZE);
	ck_assert_ptr_nonnull(irq_ptr);
	ck_assert_uint_eq(compat_free_pages(), base - 8);
	compat_run_in_hardirq(irq_vfree, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), viol);
	flush_scheduled_work();
	ck_assert_uint_eq(compat_free_pages(), base);
	ck_assert_ptr_null(find_vm_area(irq_ptr));
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
}
END_TEST

/* vfree_atomic() defers even in process context; vfree(NULL) is a no-op. */
START_TEST(test_vfree_atomic)
{
	unsigned long base = warm_up();
	void *p = vmalloc(3 * PAGE_SIZE);

	ck_assert_ptr_nonnull(p);
	vfree_atomic(p);
	vfree_atomic(NULL);
	flush_scheduled_work();
	ck_assert_uint_eq(compat_free_pages(), base);
	ck_assert_ptr_null(find_vm_area(p));
}
END_TEST

static void irq_vmalloc(void *arg)
{
	irq_ptr = vmalloc(PAGE_SIZE);
}

START_TEST(test_vmalloc_in_hardirq_complains)
{
	unsigned long viol;

	warm_up();
	compat_log_quiet(true);
	viol = compat_sleep_violations();
	compat_run_in_hardirq(irq_vmalloc, NULL);
	ck_assert_uint_gt(compat_sleep_violations(), viol);
	vfree(irq_ptr);
}
END_TEST

START_TEST(test_bad_vfree)
{
	unsigned long base = warm_up();
	unsigned long warns;
	unsigned char *p = vmalloc(3 * PAGE_SIZE);

	ck_assert_ptr_nonnull(p);
	compat_log_quiet(true);
	compat_log_clear();
	warns = compat_warn_count();

	vfree(p + 1);
	ck_assert(compat_log_contains("Trying to vfree() bad address"));
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert_ptr_nonnull(find_vm_area(p));

	vfree(p + 16 * PAGE_SIZE);	/* inside the area, but nothing there */
	ck_assert(compat_log_contains("Trying to vfree() nonexistent vm area"));
	ck_assert_uint_eq(compat_warn_count(), warns + 2);

	/* 6.1 finds the area from any address in it: the whole area goes. */
	vfree(p + PAGE_SIZE);
	ck_assert_uint_eq(compat_free_pages(), base);
	ck_assert_uint_eq(compat_warn_count(), warns + 2);

	vfree(p);			/* double free */
	ck_assert_uint_eq(compat_log_count("Trying to vfree() nonexistent vm area"), 2);
	ck_assert_uint_eq(compat_warn_count(), warns + 3);
	ck_assert_uint_eq(compat_free_pages(), base);
}
END_TEST

START_TEST(test_size_limits)
{
	unsigned long warns;

	warm_up();
	compat_log_quiet(true);
	compat_log_clear();
	warns = compat_warn_count();
	ck_assert_ptr_null(vmalloc(0));
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert_ptr_null(__vmalloc((totalram_pages() + 1) * PAGE_SIZE,
				     GFP_KERNEL | __GFP_NOWARN));
	ck_assert(!compat_log_contains("vmalloc error"));
	ck_assert_ptr_null(vmalloc((totalram_pages() + 1) * PAGE_SIZE));
	ck_assert(compat_log_contains("vmalloc error: size"));
	ck_assert(compat_log_contains("exceeds total pages"));
}
END_TEST

START_TEST(test_out_of_pages)
{
	unsigned long base = warm_up();
	struct compat_frag *f[MAX_NR_ZONES];
	int z;

	compat_log_quiet(true);
	compat_log_clear();
	for (z = 0; z < MAX_NR_ZONES; z++)
		f[z] = compat_exhaust(z);
	/*
	 * Plain GFP_KERNEL would wait for a free page forever, as an order-0
	 * GFP_KERNEL request does in 6.1; these flags fail instead.
	 */
	ck_assert_ptr_null(__vmalloc(4 * PAGE_SIZE,
				     GFP_KERNEL | __GFP_RETRY_MAYFAIL));
	ck_assert(compat_log_contains("vmalloc error: size 0, page order 0, failed to allocate pages"));
	/* Lowmem requests skip the OOM killer and fail in 6.1. */
	ck_assert_ptr_null(vmalloc_32(PAGE_SIZE));
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
	for (z = 0; z < MAX_NR_ZONES; z++)
		if (f[z])
			compat_unfragment(f[z]);
	ck_assert_uint_eq(compat_free_pages(), base);
	/* The failed area's address range was given back. */
	{
		void *p = vmalloc(PAGE_SIZE);

		ck_assert_ptr_nonnull(p);
		ck_assert_ptr_eq(p, (void *)VMALLOC_START);
		vfree(p);
	}
}
END_TEST

START_TEST(test_fault_injection)
{
	struct compat_fault_spec spec = {
		.nth = 2, .times = 1, .family = COMPAT_FAULT_VMALLOC,
		.zone = -1,
	};
	struct compat_fault_stats st;
	void *a, *b, *c, *d;

	warm_up();
	compat_log_quiet(true);
	compat_fault_set(&spec);
	a = vmalloc(8 * PAGE_SIZE);
	b = vmalloc(8 * PAGE_SIZE);
	c = vmalloc(8 * PAGE_SIZE);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(c);
	compat_fault_stats(&st);
	/* One allocation per vmalloc: the 16 page allocations are nested. */
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_VMALLOC], 3);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_PAGE], 0);
	ck_assert_uint_eq(st.injected, 1);

	/* __GFP_NOFAIL is never failed. */
	spec.nth = 1;
	spec.times = -1;
	compat_fault_set(&spec);
	ck_assert_ptr_null(vmalloc(PAGE_SIZE));
	d = __vmalloc(PAGE_SIZE, GFP_KERNEL | __GFP_NOFAIL);
	ck_assert_ptr_nonnull(d);
	compat_fault_set(NULL);
	vfree(a);
	vfree(c);
	vfree(d);
}
END_TEST

START_TEST(test_kvmalloc)
{
	unsigned long base = warm_up();
	void *small, *big, *nofs, *atomic;

	small = kvmalloc(100, GFP_KERNEL);
	big = kvmalloc(16 * PAGE_SIZE, GFP_KERNEL);
	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(big);
	/* Contiguous memory is there: kmalloc serves both. */
	ck_assert(!is_vmalloc_addr(small));
	ck_assert(!is_vmalloc_addr(big));
	kvfree(big);

	fragment_all();
	compat_log_quiet(true);
	compat_log_clear();
	big = kvmalloc(16 * PAGE_SIZE, GFP_KERNEL);
	ck_assert_ptr_nonnull(big);
	ck_assert(is_vmalloc_addr(big));
	/* The kmalloc attempt was made with __GFP_NOWARN. */
	ck_assert(!compat_log_contains("page allocation failure"));
	memset(big, 7, 16 * PAGE_SIZE);
	/* 6.1: GFP_NOFS may use vmalloc too; non-blocking flags may not. */
	nofs = kvmalloc(16 * PAGE_SIZE, GFP_NOFS);
	ck_assert_ptr_nonnull(nofs);
	ck_assert(is_vmalloc_addr(nofs));
	atomic = kvmalloc(16 * PAGE_SIZE, GFP_ATOMIC);
	ck_assert_ptr_null(atomic);
	ck_assert_ptr_null(kvmalloc(16 * PAGE_SIZE, GFP_NOWAIT));
	kvfree(nofs);
	kvfree(big);
	kvfree(small);
	kvfree(NULL);
	unfragment_all();
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
	(void)base;
}
END_TEST

START_TEST(test_kvmalloc_huge_size)
{
	unsigned long warns;

	warm_up();
	compat_log_quiet(true);
	warns = compat_warn_count();
	ck_assert_ptr_null(kvmalloc((size_t)INT32_MAX + 1, GFP_KERNEL | __GFP_NOWARN));
	ck_assert_uint_eq(compat_warn_count(), warns);
	ck_assert_ptr_null(kvmalloc((size_t)INT32_MAX + 1, GFP_KERNEL));
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
}
END_TEST

START_TEST(test_kvmalloc_fault)
{
	struct compat_fault_spec spec = {
		.nth = 1, .times = -1, .family = COMPAT_FAULT_VMALLOC,
		.zone = -1,
	};

	warm_up();
	fragment_all();
	compat_log_quiet(true);
	compat_fault_set(&spec);
	ck_assert_ptr_null(kvmalloc(16 * PAGE_SIZE, GFP_KERNEL));
	compat_fault_set(NULL);
	unfragment_all();
}
END_TEST

START_TEST(test_kvrealloc)
{
	unsigned char *p, *q;
	unsigned int i;

	warm_up();
	p = kvmalloc(64, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 64; i++)
		p[i] = i;
	ck_assert_ptr_eq(kvrealloc(p, 64, 32, GFP_KERNEL), p);
	q = kvrealloc(p, 64, 8 * PAGE_SIZE, GFP_KERNEL);
	ck_assert_ptr_nonnull(q);
	for (i = 0; i < 64; i++)
		ck_assert_uint_eq(q[i], i);
	q = kvcalloc(4, PAGE_SIZE, GFP_KERNEL);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(q[4 * PAGE_SIZE - 1], 0);
	kvfree(q);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("vmalloc");
	TCase *tc;

	tc = tcase_create("vmalloc");
	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_scattered);
	tcase_add_test(tc, test_aliasing);
	tcase_add_test(tc, test_zones);
	tcase_add_test(tc, test_vmalloc_32_exhausted_dma32);
	tcase_add_test(tc, test_vzalloc);
	tcase_add_test(tc, test_size_limits);
	tcase_add_test(tc, test_out_of_pages);
	tcase_add_test(tc, test_fault_injection);
	suite_add_tcase(s, tc);

	tc = tcase_create("guard");
	tcase_add_test(tc, test_guard_page);
#ifndef __SANITIZE_ADDRESS__
	/* ASan turns SIGSEGV into its own report and exit status. */
	tcase_add_test_raise_signal(tc, test_guard_page_faults, SIGSEGV);
	tcase_add_test_raise_signal(tc, test_freed_range_faults, SIGSEGV);
#endif
	suite_add_tcase(s, tc);

	tc = tcase_create("vmap");
	tcase_add_test(tc, test_vmap);
	tcase_add_test(tc, test_vmap_put_pages);
	suite_add_tcase(s, tc);

	tc = tcase_create("vfree");
	tcase_add_test(tc, test_vfree_in_hardirq_deferred);
	tcase_add_test(tc, test_vfree_atomic);
	tcase_add_test(tc, test_vmalloc_in_hardirq_complains);
	tcase_add_test(tc, test_bad_vfree);
	tcase_set_timeout(tc, 20);
	suite_add_tcase(s, tc);

	tc = tcase_create("kvmalloc");
	tcase_add_test(tc, test_kvmalloc);
	tcase_add_test(tc, test_kvmalloc_huge_size);
	tcase_add_test(tc, test_kvmalloc_fault);
	tcase_add_test(tc, test_kvrealloc);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
