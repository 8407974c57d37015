// SPDX-License-Identifier: MIT
/*
 * ktest.c - svr5ddi_test.ko: the memory DDI exercised inside a real Linux
 * kernel, reporting KTAP on the console (tests/kernel/check-kernel.sh
 * boots it under QEMU and turns the KTAP into automake TAP).
 *
 * Theory: every case runs in module_init, in process context, against
 * the svr5ddi.ko loaded before it.  A case checks what only a real
 * kernel can prove: physical placement (virt_to_phys / vmalloc_to_page,
 * independent of the shim's own vtop), zeroing, alignment, boundaries,
 * and that the shim's accounting (svr5ddi_get_stats) returns to its
 * baseline with no misuse reported.  quiet=1 prints only a summary line
 * (the load/unload loop); a failure is always printed.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/io.h>
#include <linux/string.h>
#include <sys/types.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <svr5ddi/ddictl.h>
#include "kadapter.h"

static bool quiet;
module_param(quiet, bool, 0444);
MODULE_PARM_DESC(quiet, "print only the summary line");

static int ktest_failed;		/* cases failed */
static int ktest_case_bad;		/* current case saw a failed check */

#define KT_CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			pr_info("    # %s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			ktest_case_bad = 1;				\
		}							\
	} while (0)

/* Physical address of a kernel virtual address, by the kernel itself. */
static phys_addr_t kt_phys(const void *p)
{
	if (is_vmalloc_addr(p))
		return page_to_phys(vmalloc_to_page(p)) + offset_in_page(p);
	return virt_to_phys((void *)p);
}

/* Every page of [p, p + size) below @limit, and contiguous if @contig. */
static bool kt_placed(const void *p, size_t size, phys_addr_t limit,
		      bool contig)
{
	phys_addr_t first = kt_phys(p);
	size_t off;

	for (off = 0; off < size; off += PAGE_SIZE - offset_in_page(p + off)) {
		phys_addr_t pa = kt_phys(p + off);

		if (pa + min_t(size_t, size - off, PAGE_SIZE) > limit)
			return false;
		if (contig && pa != first + off)
			return false;
	}
	return true;
}

static unsigned long kt_live(void)
{
	struct svr5ddi_stats st;
	unsigned long n = 0;
	int i;

	svr5ddi_get_stats(&st);
	for (i = 0; i < SVR5DDI_BK_NR; i++)
		n += st.backend[i].live_objects;
	return n;
}

static unsigned long kt_misuse(void)
{
	struct svr5ddi_stats st;

	svr5ddi_get_stats(&st);
	return st.misuse_total;
}

/* ---- cases ------------------------------------------------------------- */

static void kt_kmem_alloc_free(void)
{
	static const size_t sizes[] = { 1, 8, 64, 100, 512, 4096, 8192,
					65536, 1 << 20 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmem_alloc(sizes[i], KM_SLEEP);

		KT_CHECK(p != NULL);
		if (!p)
			continue;
		memset(p, 0xa5, sizes[i]);
		KT_CHECK(p[sizes[i] - 1] == 0xa5);
		kmem_free(p, sizes[i]);
	}
}

static void kt_kmem_zalloc(void)
{
	static const size_t sizes[] = { 24, 3000, 20000, 300000 };
	unsigned int i;
	size_t j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmem_zalloc(sizes[i], KM_SLEEP);
		bool zero = true;

		KT_CHECK(p != NULL);
		if (!p)
			continue;
		for (j = 0; j < sizes[i]; j++)
			zero &= !p[j];
		KT_CHECK(zero);
		kmem_free(p, sizes[i]);
	}
}

static void kt_kmem_nosleep(void)
{
	void *p[64];
	int i;

	for (i = 0; i < 64; i++) {
		p[i] = kmem_alloc(128, KM_NOSLEEP);
		KT_CHECK(p[i] != NULL);
	}
	for (i = 0; i < 64; i++)
		if (p[i])
			kmem_free(p[i], 128);
}

static physreq_t *kt_preq(uchar_t dmasize, paddr_t align, paddr_t boundary,
			  uchar_t flags)
{
	physreq_t *preq = physreq_alloc(KM_SLEEP);

	if (!preq)
		return NULL;
	preq->phys_dmasize = dmasize;
	preq->phys_align = align;
	preq->phys_boundary = boundary;
	preq->phys_flags |= flags;
	if (!physreq_prep(preq, KM_SLEEP)) {
		physreq_free(preq);
		return NULL;
	}
	return preq;
}

/* Small blocks under a 24-bit physreq: below 16 MiB, aligned, in bounds. */
static void kt_physreq_24bit_small(void)
{
	physreq_t *preq = kt_preq(24, 64, 4096, 0);
	void *p[32];
	int i;

	KT_CHECK(preq != NULL);
	if (!preq)
		return;
	for (i = 0; i < 32; i++) {
		phys_addr_t pa;

		p[i] = kmem_alloc_physreq(700, preq, KM_SLEEP);
		KT_CHECK(p[i] != NULL);
		if (!p[i])
			continue;
		pa = kt_phys(p[i]);
		KT_CHECK(pa + 700 <= SZ_16M);
		KT_CHECK(!(pa & 63));
		KT_CHECK((pa >> 12) == ((pa + 699) >> 12));
		KT_CHECK(vtop((caddr_t)p[i], NULL) == pa);
	}
	for (i = 0; i < 32; i++)
		if (p[i])
			kmem_free(p[i], 700);
	physreq_free(preq);
}

/* Contiguous requests: 24-bit 64 KiB and 32-bit 1 MiB, checked page by page. */
static void kt_physreq_contig(uchar_t bits, size_t size)
{
	physreq_t *preq = kt_preq(bits, PAGE_SIZE, 0, PREQ_PHYSCONTIG);
	unsigned char *p;

	KT_CHECK(preq != NULL);
	if (!preq)
		return;
	p = kmem_zalloc_physreq(size, preq, KM_SLEEP);
	KT_CHECK(p != NULL);
	if (p) {
		KT_CHECK(kt_placed(p, size, 1ULL << bits, true));
		KT_CHECK(!p[0] && !p[size - 1]);
		memset(p, 0x5a, size);
		kmem_free(p, size);
	}
	physreq_free(preq);
}

static void kt_physreq_contig_24bit_64k(void)
{
	kt_physreq_contig(24, SZ_64K);
}

static void kt_physreq_contig_32bit_1m(void)
{
	kt_physreq_contig(32, SZ_1M);
}

/* Non-contiguous large request under 24 bits: every page below 16 MiB. */
static void kt_physreq_scatter_24bit(void)
{
	physreq_t *preq = kt_preq(24, 1, 0, 0);
	size_t size = 5 * PAGE_SIZE + 100;
	void *p;

	KT_CHECK(preq != NULL);
	if (!preq)
		return;
	p = kmem_alloc_physreq(size, preq, KM_SLEEP);
	KT_CHECK(p != NULL);
	if (p) {
		KT_CHECK(kt_placed(p, size, SZ_16M, false));
		memset(p, 1, size);
		kmem_free(p, size);
	}
	physreq_free(preq);
}

/* kmem_alloc_phys: the returned 32-bit address is the memory's. */
static void kt_kmem_alloc_phys(void)
{
	physreq_t *preq = kt_preq(24, 16, 0, 0);
	paddr32_t pa = 0;
	void *p;

	KT_CHECK(preq != NULL);
	if (!preq)
		return;
	p = kmem_alloc_phys(8192, preq, &pa, 0);
	KT_CHECK(p != NULL);
	if (p) {
		KT_CHECK(pa == kt_phys(p));
		KT_CHECK(pa + 8192 <= SZ_16M);
		KT_CHECK(kt_placed(p, 8192, SZ_16M, true));
		kmem_free(p, 8192);
	}
	physreq_free(preq);
}

struct kt_case {
	const char *name;
	void (*fn)(void);
};

static const struct kt_case kt_cases[] = {
	{ "kmem_alloc_free", kt_kmem_alloc_free },
	{ "kmem_zalloc_zeroed", kt_kmem_zalloc },
	{ "kmem_alloc_nosleep", kt_kmem_nosleep },
	{ "physreq_24bit_small_blocks", kt_physreq_24bit_small },
	{ "physreq_contig_24bit_64k", kt_physreq_contig_24bit_64k },
	{ "physreq_contig_32bit_1m", kt_physreq_contig_32bit_1m },
	{ "physreq_scatter_24bit", kt_physreq_scatter_24bit },
	{ "kmem_alloc_phys_24bit", kt_kmem_alloc_phys },
};

/*
 * The shared cases (tests/shared/), run on the verbose load only: the
 * load/unload loop repeats the memory cases above, which is what finds a
 * leak.  A case marked DDI_CASE_USER_ONLY needs emulation-only controls
 * and is reported as a KTAP skip.
 */
#define KT_TABLE(fam)	ddi_cases_##fam,
static const struct ddi_case *const kt_shared[] = {
	DDI_CASE_TABLES(KT_TABLE)
};

static unsigned int kt_shared_count(void)
{
	unsigned int i, n = 0;
	const struct ddi_case *c;

	for (i = 0; i < ARRAY_SIZE(kt_shared); i++)
		for (c = kt_shared[i]; c->name; c++)
			n++;
	return n;
}

static void kt_report(bool bad, unsigned int nr, const char *name,
		      const char *directive)
{
	if (bad)
		ktest_failed++;
	if (!quiet || bad)
		pr_info("%s %u - %s%s\n", bad ? "not ok" : "ok", nr, name,
			directive);
}

static int __init svr5ddi_test_init(void)
{
	unsigned int i, nr = 0, n = ARRAY_SIZE(kt_cases);
	unsigned int nshared = quiet ? 0 : kt_shared_count();
	unsigned long live0 = kt_live(), mis0 = kt_misuse();
	const struct ddi_case *c;

	if (!quiet) {
		pr_info("KTAP version 1\n");
		pr_info("1..%u\n", n + nshared + 1);
	}
	for (i = 0; i < n; i++) {
		ktest_case_bad = 0;
		kt_cases[i].fn();
		kt_report(ktest_case_bad, ++nr, kt_cases[i].name, "");
	}
	for (i = 0; nshared && i < ARRAY_SIZE(kt_shared); i++) {
		for (c = kt_shared[i]; c->name; c++) {
			if (c->flags & DDI_CASE_USER_ONLY) {
				kt_report(false, ++nr, c->name,
					  " # SKIP userspace only");
				continue;
			}
			kadapter_case_begin();
			c->fn();
			kadapter_case_end();
			kt_report(dc_failed(), ++nr, c->name, "");
		}
	}
	/* The shim's own accounting: nothing left live, no misuse seen. */
	ktest_case_bad = 0;
	KT_CHECK(kt_live() == live0);
	KT_CHECK(kt_misuse() - mis0 == kadapter_expected_misuse());
	kt_report(ktest_case_bad, ++nr, "accounting_balanced", "");
	pr_info("svr5ddi_test: %u passed, %d failed\n", nr - ktest_failed,
		ktest_failed);
	return 0;
}

static void __exit svr5ddi_test_exit(void)
{
}

module_init(svr5ddi_test_init);
module_exit(svr5ddi_test_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("svr5ddi in-kernel tests (KTAP)");
