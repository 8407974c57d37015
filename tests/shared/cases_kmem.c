/* SPDX-License-Identifier: MIT */
/*
 * cases_kmem.c - shared cases of the memory DDI (svr5-memory-ddi.md):
 * the contract points a real kernel and the emulation must both honour.
 * Physical placement is checked through the DDI's own vtop/kvtophys here;
 * ktest.c also checks it against the kernel's page tables.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/cmn_err.h>
#include <svr5ddi/ddictl.h>
#include "ddi_case.h"

#define MB16	0x1000000UL

static void kmem_sizes_aligned_and_writable(void)
{
	static const size_t sizes[] = { 1, 8, 24, 64, 100, 4096, 5000, 70000 };
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = kmem_alloc(sizes[i], KM_SLEEP);

		DC_REQUIRE(p != NULL);
		DC_CHECK(((unsigned long)p & (sizes[i] >= 16 ? 15 : 7)) == 0);
		p[0] = 1;
		p[sizes[i] - 1] = 2;
		kmem_free(p, sizes[i]);
	}
}

static void kmem_zero_size_is_null(void)
{
	DC_CHECK(kmem_alloc(0, KM_SLEEP) == NULL);
	DC_CHECK(kmem_zalloc(0, KM_NOSLEEP) == NULL);
}

static void kmem_zalloc_zeroes(void)
{
	unsigned char *p = kmem_alloc(3000, KM_SLEEP);
	unsigned int i, nonzero = 0;

	DC_REQUIRE(p != NULL);
	for (i = 0; i < 3000; i++)
		p[i] = 0xa5;
	kmem_free(p, 3000);
	p = kmem_zalloc(3000, KM_SLEEP);
	DC_REQUIRE(p != NULL);
	for (i = 0; i < 3000; i++)
		nonzero += p[i] != 0;
	DC_CHECK(nonzero == 0);
	kmem_free(p, 3000);
}

static void *intr_result;
static void *intr_mem;

static void nosleep_in_interrupt(void *arg)
{
	(void)arg;
	intr_result = kmem_alloc(128, KM_NOSLEEP);
	if (intr_mem)
		kmem_free(intr_mem, 256);	/* free at interrupt level */
	intr_mem = NULL;
}

static void kmem_nosleep_and_free_in_interrupt(void)
{
	intr_mem = kmem_alloc(256, KM_SLEEP);
	DC_REQUIRE(intr_mem != NULL);
	dc_run_in_interrupt(nosleep_in_interrupt, NULL);
	DC_CHECK(intr_mem == NULL);
	DC_CHECK(intr_result != NULL);
	if (intr_result)
		kmem_free(intr_result, 128);
}

static void sleep_in_interrupt(void *arg)
{
	*(void **)arg = kmem_alloc(64, KM_SLEEP);
}

/* spec section 10: reported, and served as KM_NOSLEEP would be */
static void kmem_sleep_in_interrupt_reported(void)
{
	void *p = NULL;
	unsigned long n;

	dc_expect_begin();
	dc_run_in_interrupt(sleep_in_interrupt, &p);
	n = dc_expect_end();
	DC_CHECK(n == 1);
	if (p)
		kmem_free(p, 64);
}

static void kmem_wrong_free_size_reported(void)
{
	void *p = kmem_alloc(100, KM_SLEEP);
	unsigned long n;

	DC_REQUIRE(p != NULL);
	dc_expect_begin();
	kmem_free(p, 64);
	n = dc_expect_end();
	DC_CHECK(n == 1);
}

static void physreq_24bit_below_16m(void)
{
	physreq_t *preq = physreq_alloc(KM_SLEEP);
	void *small, *big;

	DC_REQUIRE(preq != NULL);
	preq->phys_dmasize = 24;
	preq->phys_align = 16;
	DC_REQUIRE(physreq_prep(preq, KM_SLEEP) == B_TRUE);
	small = kmem_alloc_physreq(200, preq, KM_SLEEP);
	big = kmem_alloc_physreq(3 * PAGESIZE, preq, KM_SLEEP);
	DC_CHECK(small != NULL);
	DC_CHECK(big != NULL);
	if (small) {
		DC_CHECK(kvtophys(small) + 200 <= MB16);
		DC_CHECK((kvtophys(small) & 15) == 0);
		kmem_free(small, 200);
	}
	if (big) {
		DC_CHECK(kvtophys(big) + PAGESIZE <= MB16);
		DC_CHECK(kvtophys((caddr_t)big + 2 * PAGESIZE) + PAGESIZE <=
			 MB16);
		kmem_free(big, 3 * PAGESIZE);
	}
	physreq_free(preq);
}

static void physreq_contig_boundary(void)
{
	physreq_t *preq = physreq_alloc(KM_SLEEP);
	caddr_t p;
	unsigned long i;

	DC_REQUIRE(preq != NULL);
	preq->phys_dmasize = 32;
	preq->phys_boundary = 0x10000;
	preq->phys_flags |= PREQ_PHYSCONTIG;
	DC_REQUIRE(physreq_prep(preq, KM_SLEEP) == B_TRUE);
	p = kmem_alloc_physreq(0x10000, preq, KM_SLEEP);
	DC_REQUIRE(p != NULL);
	DC_CHECK((kvtophys(p) & 0xffff) == 0);	/* 64 KiB fits only aligned */
	for (i = PAGESIZE; i < 0x10000; i += PAGESIZE)
		DC_CHECK(kvtophys(p + i) == kvtophys(p) + i);
	kmem_free(p, 0x10000);
	physreq_free(preq);
}

static void physreq_prep_rejects_bad_values(void)
{
	physreq_t *preq = physreq_alloc(KM_SLEEP);

	DC_REQUIRE(preq != NULL);
	preq->phys_align = 3;			/* not a power of two */
	dc_expect_begin();
	DC_CHECK(physreq_prep(preq, KM_SLEEP) == B_FALSE);
	(void)dc_expect_end();
	physreq_free(preq);
}

static void page_arithmetic(void)
{
	DC_CHECK(ptob(3) == 3 * PAGESIZE);
	DC_CHECK(btop(PAGESIZE + 1) == 1);
	DC_CHECK(btopr(PAGESIZE + 1) == 2);
	DC_CHECK(btopr(0) == 0);
}

const struct ddi_case ddi_cases_kmem[] = {
	{ "kmem_sizes_aligned_and_writable", kmem_sizes_aligned_and_writable, 0 },
	{ "kmem_zero_size_is_null", kmem_zero_size_is_null, 0 },
	{ "kmem_zalloc_zeroes", kmem_zalloc_zeroes, 0 },
	{ "kmem_nosleep_and_free_in_interrupt", kmem_nosleep_and_free_in_interrupt, 0 },
	{ "kmem_sleep_in_interrupt_reported", kmem_sleep_in_interrupt_reported, 0 },
	{ "kmem_wrong_free_size_reported", kmem_wrong_free_size_reported, 0 },
	{ "physreq_24bit_below_16m", physreq_24bit_below_16m, 0 },
	{ "physreq_contig_boundary", physreq_contig_boundary, 0 },
	{ "physreq_prep_rejects_bad_values", physreq_prep_rejects_bad_values, 0 },
	{ "page_arithmetic", page_arithmetic, 0 },
	DDI_CASES_END
};
