/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_physreq.c - physreq(D4), physreq_alloc/prep/free(D3),
 * kmem_alloc_physreq, kmem_zalloc_physreq, kmem_alloc_physcontig,
 * kmem_alloc_phys, dma_physreq, vtop/kvtophys/kvtoppid and bcb_alloc/
 * bcb_prep, black-box, against svr5-memory-ddi.md sections 2, 3 and 5-9.
 *
 * Physical placement is checked byte-exactly through ddi_test_machine.h:
 * every page of a buffer is translated (direct map or vmalloc/vmap) and
 * the start alignment, boundary, address width, contiguity and number of
 * contiguous runs are compared with the physreq.  Fresh process per test
 * (fork mode), debug layer on.
 */
#include "ddi_test_common.h"

/* Contiguity is implied by PREQ_PHYSCONTIG, a boundary, or align > page. */
static int implies_contig(const physreq_t *pr)
{
	return (pr->phys_flags & PREQ_PHYSCONTIG) || pr->phys_boundary ||
	       pr->phys_align > PAGESIZE;
}

/* [p, p + size) meets every member of *pr (section 6). */
static void check_meets(const char *what, const void *p, size_t size,
			const physreq_t *pr, int contig)
{
	struct ddit_layout l;

	ck_assert_msg(p != NULL, "%s: size %zu: NULL", what, size);
	ddit_layout(p, size, &l);
	ck_assert_msg(l.mapped, "%s: size %zu: unmapped page", what, size);
	ck_assert_msg(pr->phys_align && l.first % pr->phys_align == 0,
		      "%s: size %zu: phys %#llx not aligned to %lu", what,
		      size, l.first, pr->phys_align);
	if (contig || implies_contig(pr))
		ck_assert_msg(l.runs == 1,
			      "%s: size %zu: %u physical runs, contiguity "
			      "required", what, size, l.runs);
	if (pr->phys_boundary)
		ck_assert_msg(l.first / pr->phys_boundary ==
			      l.last / pr->phys_boundary,
			      "%s: size %zu: [%#llx, %#llx] crosses a %#lx "
			      "boundary", what, size, l.first, l.last,
			      pr->phys_boundary);
	if (pr->phys_dmasize && pr->phys_dmasize < 64)
		ck_assert_msg(l.max < (1ULL << pr->phys_dmasize),
			      "%s: size %zu: byte at %#llx above %u bits",
			      what, size, l.max, pr->phys_dmasize);
	if (!contig && !implies_contig(pr) && pr->phys_max_scgth)
		ck_assert_msg(l.runs <= pr->phys_max_scgth,
			      "%s: size %zu: %u runs > max_scgth %u", what,
			      size, l.runs, pr->phys_max_scgth);
}

static physreq_t *new_physreq(paddr_t align, paddr_t boundary,
			      uchar_t dmasize, uchar_t max_scgth, uchar_t flags)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);

	ck_assert_ptr_nonnull(pr);
	pr->phys_align = align;
	pr->phys_boundary = boundary;
	pr->phys_dmasize = dmasize;
	pr->phys_max_scgth = max_scgth;
	pr->phys_flags = flags;
	ck_assert_msg(physreq_prep(pr, KM_SLEEP) == B_TRUE,
		      "prep(align %lu boundary %lu dmasize %u scgth %u "
		      "flags %#x) refused", align, boundary, dmasize,
		      max_scgth, flags);
	return pr;
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i])
			return 0;
	return 1;
}

/* ---- physreq_alloc ---------------------------------------------------------- */

static void check_defaults(const physreq_t *pr)
{
	ck_assert_ptr_nonnull(pr);
	ck_assert_uint_eq(pr->phys_align, 1);
	ck_assert_uint_eq(pr->phys_boundary, 0);
	ck_assert_uint_eq(pr->phys_dmasize, 0);
	ck_assert_uint_eq(pr->phys_max_scgth, 0);
	ck_assert_uint_eq(pr->phys_flags, 0);
}

START_TEST(test_physreq_alloc_defaults)
{
	struct svr5ddi_stats s0;
	physreq_t *a, *b;
	int i;

	ddit_debug_on();
	s0 = ddit_stats();
	for (i = 0; i < 3; i++) {
		a = physreq_alloc(KM_SLEEP);
		b = physreq_alloc(KM_NOSLEEP);
		check_defaults(a);
		check_defaults(b);
		ck_assert_ptr_ne(a, b);
		/* dirty them; the next ones must still be clean */
		memset(a, 0xff, offsetof(physreq_t, phys_flags) + 1);
		memset(b, 0xff, offsetof(physreq_t, phys_flags) + 1);
		physreq_free(a);
		physreq_free(b);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_physreq_layout)
{
	/* The documented member order: legacy code initialises positionally */
	physreq_t pr = { 16, 65536, 24, 3, PREQ_PHYSCONTIG, NULL };

	ck_assert_uint_eq(pr.phys_align, 16);
	ck_assert_uint_eq(pr.phys_boundary, 65536);
	ck_assert_uint_eq(pr.phys_dmasize, 24);
	ck_assert_uint_eq(pr.phys_max_scgth, 3);
	ck_assert_uint_eq(pr.phys_flags, 0x02);
	ck_assert_uint_eq(PREQ_PHYSCONTIG, 0x02);
	ck_assert_uint_eq(KM_SLEEP, 0);
	ck_assert_uint_eq(KM_NOSLEEP, 1);
	ck_assert_uint_eq(KM_FAIL_OK, 0x10);
	ck_assert_uint_lt(offsetof(physreq_t, phys_align),
			  offsetof(physreq_t, phys_boundary));
	ck_assert_uint_lt(offsetof(physreq_t, phys_boundary),
			  offsetof(physreq_t, phys_dmasize));
	ck_assert_uint_eq(offsetof(physreq_t, phys_max_scgth),
			  offsetof(physreq_t, phys_dmasize) + 1);
	ck_assert_uint_eq(offsetof(physreq_t, phys_flags),
			  offsetof(physreq_t, phys_dmasize) + 2);
}
END_TEST

static void irq_physreq_fn(void *arg)
{
	physreq_t **pr = arg;

	pr[0] = physreq_alloc(KM_NOSLEEP);
	pr[1] = physreq_alloc(KM_NOSLEEP);
	if (pr[1])
		physreq_free(pr[1]);	/* never sleeps */
}

START_TEST(test_physreq_alloc_nosleep_in_hardirq)
{
	physreq_t *pr[2] = { NULL, NULL };
	unsigned long v0;

	ddit_debug_on();
	v0 = ddit_sleep_violations();
	ddit_run_in_hardirq(irq_physreq_fn, pr);
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	check_defaults(pr[0]);
	ck_assert_ptr_nonnull(pr[1]);
	ck_assert(physreq_prep(pr[0], KM_SLEEP) == B_TRUE);
	physreq_free(pr[0]);
}
END_TEST

/*
 * With KM_NOSLEEP, prep may fail only when memory for its internal state
 * is short (section 5); in process context, with memory plentiful, it
 * succeeds, also for members no physreq has used before.
 */
START_TEST(test_prep_nosleep_with_memory)
{
	static const struct {
		paddr_t align, boundary;
		uchar_t dmasize, flags;
	} c[] = {
		{ 1, 0, 0, 0 },
		{ 16, 0, 24, 0 },
		{ 1, 0, 32, PREQ_PHYSCONTIG },
		{ 4096, 65536, 30, 0 },
	};
	struct svr5ddi_stats s0;
	unsigned int i;
	void *p;

	ddit_debug_on();
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		physreq_t *pr = physreq_alloc(KM_NOSLEEP);

		ck_assert_ptr_nonnull(pr);
		pr->phys_align = c[i].align;
		pr->phys_boundary = c[i].boundary;
		pr->phys_dmasize = c[i].dmasize;
		pr->phys_flags = c[i].flags;
		ck_assert_msg(physreq_prep(pr, KM_NOSLEEP) == B_TRUE,
			      "KM_NOSLEEP prep of case %u refused", i);
		s0 = ddit_stats();
		p = kmem_alloc_physreq(300, pr, KM_NOSLEEP);
		check_meets("nosleep prep", p, 300, pr, 0);
		kmem_free(p, 300);
		ck_assert_no_misuse_since(s0);
		physreq_free(pr);
	}
}
END_TEST

/* NULL only with KM_NOSLEEP: KM_SLEEP waits out an allocation drought. */
START_TEST(test_physreq_alloc_sleep_never_null)
{
	physreq_t *pr;

	ddit_debug_on();
	ddit_log_quiet(1);
	physreq_free(physreq_alloc(KM_SLEEP));
	ddit_fault_fail_all_for(300);
	pr = physreq_alloc(KM_SLEEP);
	ddit_fault_lift_wait();
	check_defaults(pr);
	physreq_free(pr);
}
END_TEST

/* ---- physreq_prep ------------------------------------------------------------ */

struct prep_case {
	paddr_t align, boundary;
	uchar_t dmasize, scgth, flags;
};

START_TEST(test_prep_accepts_valid)
{
	static const struct prep_case ok[] = {
		{ 1, 0, 0, 0, 0 },
		{ 1, 0, 24, 0, 0 },
		{ 2, 0x20000, 24, 0, PREQ_PHYSCONTIG },
		{ 4, 0, 32, 0, 0 },
		{ 8, 4096, 32, 1, 0 },
		{ 16, 512, 64, 0, 0 },
		{ 512, 0, 31, 0, 0 },
		{ 4096, 0, 28, 16, 0 },
		{ 8192, 65536, 30, 0, 0 },
		{ 65536, 0, 0, 0, 0 },
		{ 1, 1UL << 32, 64, 255, PREQ_PHYSCONTIG },
		{ 1, 0, 63, 0, 0 },
		{ 64, 64, 32, 0, 0 },
	};
	struct svr5ddi_stats s0;
	unsigned int i;

	ddit_debug_on();
	s0 = ddit_stats();
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		physreq_t *pr = physreq_alloc(KM_SLEEP);

		ck_assert_ptr_nonnull(pr);
		pr->phys_align = ok[i].align;
		pr->phys_boundary = ok[i].boundary;
		pr->phys_dmasize = ok[i].dmasize;
		pr->phys_max_scgth = ok[i].scgth;
		pr->phys_flags = ok[i].flags;
		ck_assert_msg(physreq_prep(pr, KM_SLEEP) == B_TRUE,
			      "case %u refused", i);
		/* members are the driver's: prep leaves them as they were */
		ck_assert_uint_eq(pr->phys_align, ok[i].align);
		ck_assert_uint_eq(pr->phys_boundary, ok[i].boundary);
		ck_assert_uint_eq(pr->phys_dmasize, ok[i].dmasize);
		ck_assert_uint_eq(pr->phys_max_scgth, ok[i].scgth);
		ck_assert_uint_eq(pr->phys_flags & PREQ_PHYSCONTIG,
				  ok[i].flags & PREQ_PHYSCONTIG);
		/* repeated preps are allowed */
		ck_assert_msg(physreq_prep(pr, KM_NOSLEEP) == B_TRUE,
			      "case %u: second prep refused", i);
		physreq_free(pr);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_prep_refuses_invalid)
{
	static const struct prep_case bad[] = {
		{ 0, 0, 0, 0, 0 },		/* align 0 */
		{ 3, 0, 32, 0, 0 },		/* align not a power of two */
		{ 48, 0, 32, 0, 0 },
		{ 4097, 0, 0, 0, 0 },
		{ 1, 3, 32, 0, 0 },		/* boundary not a power of two */
		{ 1, 100, 32, 0, 0 },
		{ 1, 0x30000, 24, 0, 0 },
		{ 1, 0, 1, 0, 0 },		/* dmasize 1..11: no page fits */
		{ 1, 0, 8, 0, 0 },
		{ 1, 0, 11, 0, 0 },
		{ 1, 0, 65, 0, 0 },		/* dmasize above 64 */
		{ 1, 0, 128, 0, 0 },
		{ 1, 0, 255, 0, 0 },
	};
	unsigned int i;

	ddit_debug_on();
	ddit_log_quiet(1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		physreq_t *pr = physreq_alloc(KM_SLEEP);

		ck_assert_ptr_nonnull(pr);
		pr->phys_align = bad[i].align;
		pr->phys_boundary = bad[i].boundary;
		pr->phys_dmasize = bad[i].dmasize;
		pr->phys_max_scgth = bad[i].scgth;
		pr->phys_flags = bad[i].flags;
		ck_assert_msg(physreq_prep(pr, KM_SLEEP) == B_FALSE,
			      "case %u (align %lu boundary %lu dmasize %u) "
			      "accepted", i, bad[i].align, bad[i].boundary,
			      bad[i].dmasize);
		ck_assert_msg(physreq_prep(pr, KM_NOSLEEP) == B_FALSE,
			      "case %u accepted with KM_NOSLEEP", i);
		physreq_free(pr);
	}
}
END_TEST

/*
 * dmasize 12..23 is valid SVR5, but x86 Linux has no memory below its
 * 16 MiB zone to give such a device (dma_set_mask refuses masks under 24
 * bits): prep fails with a warning naming the width; 24 is served.
 */
START_TEST(test_prep_refuses_narrow_dmasize_with_warning)
{
	static const unsigned int narrow[] = { 12, 20, 23 };
	char buf[512], want[64];
	unsigned int i;
	physreq_t *pr;
	void *p;

	ddit_debug_on();
	ddit_log_quiet(1);
	for (i = 0; i < sizeof(narrow) / sizeof(narrow[0]); i++) {
		pr = physreq_alloc(KM_SLEEP);
		ck_assert_ptr_nonnull(pr);
		pr->phys_dmasize = (uchar_t)narrow[i];
		ddit_log_clear();
		ck_assert_msg(physreq_prep(pr, KM_SLEEP) == B_FALSE,
			      "dmasize %u accepted", narrow[i]);
		snprintf(want, sizeof(want), "physreq dmasize %u:", narrow[i]);
		ck_assert_msg(ddit_log_line(want, 0, buf, sizeof(buf)),
			      "no warning for dmasize %u", narrow[i]);
		ck_assert(strstr(buf, "no memory this narrow") != NULL);
		ck_assert(!(pr->phys_flags & 0x01));	/* left unprepped */
		physreq_free(pr);
	}
	pr = physreq_alloc(KM_SLEEP);
	pr->phys_dmasize = 24;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	p = kmem_alloc_physreq(100, pr, KM_SLEEP);
	check_meets("dmasize 24", p, 100, pr, 0);
	kmem_free(p, 100);
	physreq_free(pr);
}
END_TEST

/*
 * Many hashed records (physreqs are found by address through the record
 * hash): 20000 of them make every shard grow its chains (a work item)
 * while they are live; each is still found, in any order, before and
 * after, and a foreign pointer is still refused.
 */
START_TEST(test_many_physreqs_hash_grows)
{
	enum { N = 20000 };
	struct svr5ddi_stats s0;
	physreq_t **pr = malloc(N * sizeof(*pr));
	unsigned int i, j;

	ck_assert_ptr_nonnull(pr);
	ddit_debug_on();
	ddit_log_quiet(1);
	s0 = ddit_stats();
	for (i = 0; i < N; i++) {
		pr[i] = physreq_alloc(KM_SLEEP);
		ck_assert_ptr_nonnull(pr[i]);
	}
	usleep(200 * 1000);			/* let the growth run */
	/* free every third first, then the rest backwards */
	for (i = 0; i < N; i += 3)
		physreq_free(pr[i]);
	for (j = N; j-- > 0;)
		if (j % 3)
			physreq_free(pr[j]);
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(s0);
	free(pr);
}
END_TEST

START_TEST(test_prep_again_after_change)
{
	struct svr5ddi_stats s0;
	physreq_t *pr;
	void *p;

	ddit_debug_on();
	ddit_log_quiet(1);
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	pr->phys_align = 3;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_FALSE);
	pr->phys_align = 64;
	pr->phys_dmasize = 24;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	/* the re-prepped values rule, and using them is no misuse */
	s0 = ddit_stats();
	p = kmem_alloc_physreq(200, pr, KM_SLEEP);
	check_meets("re-prepped", p, 200, pr, 0);
	kmem_free(p, 200);
	pr->phys_dmasize = 0;
	pr->phys_flags |= PREQ_PHYSCONTIG;
	pr->phys_align = 8192;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	p = kmem_alloc_physreq(3 * PAGESIZE, pr, KM_SLEEP);
	check_meets("re-prepped 2", p, 3 * PAGESIZE, pr, 1);
	kmem_free(p, 3 * PAGESIZE);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
	physreq_free(pr);
}
END_TEST

/* ---- dma_physreq ------------------------------------------------------------- */

START_TEST(test_dma_physreq_values)
{
	physreq_t *pr;
	int ch;

	ddit_debug_on();
	for (ch = DMA_CH0; ch <= DMA_CH3; ch++) {
		pr = physreq_alloc(KM_SLEEP);
		ck_assert_ptr_nonnull(pr);
		pr->phys_max_scgth = 9;		/* overwritten: 0 */
		dma_physreq(ch, DMA_PATH_8, pr);
		ck_assert_uint_eq(pr->phys_align, 1);
		ck_assert_uint_eq(pr->phys_boundary, 64 * KiB);
		ck_assert_uint_eq(pr->phys_dmasize, 24);
		ck_assert_uint_eq(pr->phys_max_scgth, 0);
		ck_assert(pr->phys_flags & PREQ_PHYSCONTIG);
		ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
		physreq_free(pr);
	}
	for (ch = DMA_CH5; ch <= DMA_CH7; ch++) {
		pr = physreq_alloc(KM_SLEEP);
		ck_assert_ptr_nonnull(pr);
		pr->phys_max_scgth = 9;
		dma_physreq(ch, DMA_PATH_16, pr);
		ck_assert_uint_eq(pr->phys_align, 2);
		ck_assert_uint_eq(pr->phys_boundary, 128 * KiB);
		ck_assert_uint_eq(pr->phys_dmasize, 24);
		ck_assert_uint_eq(pr->phys_max_scgth, 0);
		ck_assert(pr->phys_flags & PREQ_PHYSCONTIG);
		ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
		physreq_free(pr);
	}
	ck_assert_uint_eq(DMA_PATH_8, 0);
	ck_assert_uint_eq(DMA_PATH_16, 1);
	ck_assert_uint_eq(DMA_PATH_32, 2);
	ck_assert_uint_eq(DMA_PATH_64, 3);
	ck_assert_uint_eq(DMA_PATH_16B, 4);
}
END_TEST

/* ---- kmem_alloc_physreq placement ---------------------------------------------- */

struct meet_case {
	const char *name;
	int path;			/* >= 0: dma_physreq(chan, path) */
	int chan;
	paddr_t align, boundary;
	uchar_t dmasize, scgth, flags;
	size_t sizes[6];		/* 0-terminated */
};

static const struct meet_case meet_cases[] = {
	{ "isa 8-bit", DMA_PATH_8, DMA_CH1, 0, 0, 0, 0, 0,
	  { 1, 100, 4096, 20000, 64 * KiB } },
	{ "isa 16-bit", DMA_PATH_16, DMA_CH5, 0, 0, 0, 0, 0,
	  { 2, 512, 8192, 70000, 128 * KiB } },
	{ "32-bit 4k boundary", -1, 0, 1, 4096, 32, 0, 0,
	  { 1, 64, 1000, 4096 } },
	{ "64-bit", -1, 0, 1, 0, 64, 0, 0, { 10, 4096, 100000, MiB } },
	{ "align 64k", -1, 0, 64 * KiB, 0, 32, 0, 0,
	  { 100, 3 * 4096, 64 * KiB + 1 } },
	{ "physcontig 32-bit", -1, 0, 1, 0, 32, 0, PREQ_PHYSCONTIG,
	  { 5 * 4096 + 100, 64 * KiB, 100 } },
	{ "physcontig any", -1, 0, 1, 0, 0, 0, PREQ_PHYSCONTIG,
	  { 3 * 4096, 16 } },
	{ "24-bit scattered", -1, 0, 1, 0, 24, 0, 0,
	  { 256 * KiB, 5000, 8 } },
	{ "30-bit scgth 4", -1, 0, 1, 0, 30, 4, 0, { 64 * KiB, 9000 } },
	{ "align 512 sub-page", -1, 0, 512, 0, 32, 0, 0,
	  { 100, 513, 2048 } },
	{ "boundary 512", -1, 0, 16, 512, 0, 0, 0, { 100, 512, 17 } },
	{ "28-bit align 8", -1, 0, 8, 0, 28, 0, 0, { 300, 3 * 4096 } },
	{ "align 8k boundary 64k 24-bit", -1, 0, 8192, 64 * KiB, 24, 0, 0,
	  { 8192, 64 * KiB, 1 } },
};

static physreq_t *meet_physreq(const struct meet_case *c)
{
	physreq_t *pr;

	if (c->path >= 0) {
		pr = physreq_alloc(KM_SLEEP);
		ck_assert_ptr_nonnull(pr);
		dma_physreq(c->chan, c->path, pr);
		ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
		return pr;
	}
	return new_physreq(c->align, c->boundary, c->dmasize, c->scgth,
			   c->flags);
}

static void run_meet_cases(int flag, int zero)
{
	struct svr5ddi_stats s0 = ddit_stats();
	unsigned int i, j, k;

	for (i = 0; i < sizeof(meet_cases) / sizeof(meet_cases[0]); i++) {
		const struct meet_case *c = &meet_cases[i];
		physreq_t *pr = meet_physreq(c);

		for (j = 0; j < 6 && c->sizes[j]; j++) {
			size_t n = c->sizes[j];
			void *p[3];

			for (k = 0; k < 3; k++) {
				p[k] = zero ? kmem_zalloc_physreq(n, pr, flag) :
				       kmem_alloc_physreq(n, pr, flag);
				check_meets(c->name, p[k], n, pr, 0);
				if (zero)
					ck_assert_msg(all_zero(p[k], n),
						      "%s: %zu not zeroed",
						      c->name, n);
				memset(p[k], 0x6b + k, n);
			}
			ck_assert_ptr_ne(p[0], p[1]);
			ck_assert_ptr_ne(p[1], p[2]);
			for (k = 0; k < 3; k++)
				kmem_free(p[k], n);
		}
		physreq_free(pr);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}

START_TEST(test_alloc_physreq_meets_sleep)
{
	ddit_debug_on();
	run_meet_cases(KM_SLEEP, 0);
}
END_TEST

START_TEST(test_alloc_physreq_meets_nosleep)
{
	ddit_debug_on();
	run_meet_cases(KM_NOSLEEP, 0);
}
END_TEST

START_TEST(test_zalloc_physreq_meets_and_zeroes)
{
	static const size_t sizes[] = { 40, 4096, 3 * 4096 + 1, 64 * KiB };
	physreq_t *pr[3];
	unsigned int i, j;

	ddit_debug_on();
	pr[0] = new_physreq(1, 0, 24, 0, 0);
	pr[1] = new_physreq(64, 0, 32, 0, PREQ_PHYSCONTIG);
	pr[2] = new_physreq(16, 64 * KiB, 0, 0, 0);
	/* dirty memory of the same classes first */
	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++) {
			void *p = kmem_alloc_physreq(sizes[j], pr[i], KM_SLEEP);

			check_meets("dirty", p, sizes[j], pr[i], 0);
			memset(p, 0xc3, sizes[j]);
			kmem_free(p, sizes[j]);
		}
	run_meet_cases(KM_SLEEP, 1);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 4; j++) {
			void *p = kmem_zalloc_physreq(sizes[j], pr[i],
						      KM_NOSLEEP);

			check_meets("zalloc", p, sizes[j], pr[i], 0);
			ck_assert(all_zero(p, sizes[j]));
			kmem_free(p, sizes[j]);
		}
	for (i = 0; i < 3; i++)
		physreq_free(pr[i]);
}
END_TEST

/* The same placement with the debug layer off (release paths). */
START_TEST(test_alloc_physreq_meets_debug_off)
{
	svr5ddi_set_debug(0);
	ck_assert_int_eq(svr5ddi_debug_enabled(), 0);
	run_meet_cases(KM_SLEEP, 0);
	run_meet_cases(KM_NOSLEEP, 1);
}
END_TEST

static void check_physreq_backend(physreq_t *pr, size_t size, int bk)
{
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	void *p = kmem_alloc_physreq(size, pr, KM_SLEEP);

	check_meets("backend", p, size, pr, 0);
	s1 = ddit_stats();
	ck_assert_msg(s1.backend[bk].live_objects ==
		      s0.backend[bk].live_objects + 1,
		      "size %zu: not counted in backend %d", size, bk);
	ck_assert_uint_eq(s1.backend[bk].live_bytes,
			  s0.backend[bk].live_bytes + size);
	ck_assert_uint_eq(ddit_live_objects(&s1), ddit_live_objects(&s0) + 1);
	kmem_free(p, size);
	ck_assert_live_as(s0);
}

/* The backends <svr5ddi/ddictl.h> names for physreq requests. */
START_TEST(test_physreq_backends)
{
	physreq_t *sub, *contig, *scat;

	ddit_debug_on();
	sub = new_physreq(16, 0, 24, 0, 0);
	contig = new_physreq(1, 0, 32, 0, PREQ_PHYSCONTIG);
	scat = new_physreq(1, 0, 32, 0, 0);
	check_physreq_backend(sub, 100, SVR5DDI_BK_POOL);
	check_physreq_backend(contig, 3 * PAGESIZE, SVR5DDI_BK_COHERENT);
	check_physreq_backend(scat, 64 * KiB, SVR5DDI_BK_SCATTER);
	physreq_free(sub);
	physreq_free(contig);
	physreq_free(scat);
}
END_TEST

/* ---- requests no memory can meet ------------------------------------------------ */

START_TEST(test_size_above_boundary_never_met)
{
	struct svr5ddi_stats s0, s1;
	char buf[1024];
	paddr32_t pa[2];
	physreq_t *pr, *isa;
	void *p;

	ddit_debug_on();
	ddit_log_quiet(1);
	pr = new_physreq(1, 4096, 32, 0, 0);
	isa = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(isa);
	dma_physreq(DMA_CH1, DMA_PATH_8, isa);
	ck_assert(physreq_prep(isa, KM_SLEEP) == B_TRUE);
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(4097, pr, KM_SLEEP);	/* returns, NULL */
	ck_assert_ptr_null(p);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_IMPOSSIBLE],
			  s0.misuse[SVR5DDI_MISUSE_IMPOSSIBLE] + 1);
	ck_assert_uint_eq(s1.misuse_total, s0.misuse_total + 1);
	ck_assert(ddit_log_line("request can never be met", 0, buf,
				sizeof(buf)));
	ck_assert_msg(strstr(buf, "svr5ddi: ") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, "kmem_alloc_physreq") != NULL, "%s", buf);
	ck_assert_msg(ddit_has_number(buf, 4097), "no size: %s", buf);

	ck_assert_ptr_null(kmem_alloc_physreq(4097, pr, KM_NOSLEEP));
	ck_assert_ptr_null(kmem_zalloc_physreq(8192, pr, KM_SLEEP));
	ck_assert_ptr_null(kmem_alloc_physreq(64 * KiB + 1, isa, KM_SLEEP));
	ck_assert_ptr_null(kmem_alloc_physcontig(64 * KiB + 2, isa,
						 KM_SLEEP));
	ck_assert_ptr_null(kmem_alloc_phys(64 * KiB + 3, isa, pa, KM_SLEEP));
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_IMPOSSIBLE],
			  s0.misuse[SVR5DDI_MISUSE_IMPOSSIBLE] + 6);
	ck_assert_uint_eq(ddit_log_count("request can never be met"), 6);
	ck_assert_live_as(s0);

	/* size 0 is NULL too, and no misuse */
	s0 = ddit_stats();
	ck_assert_ptr_null(kmem_alloc_physreq(0, pr, KM_SLEEP));
	ck_assert_ptr_null(kmem_zalloc_physreq(0, pr, KM_NOSLEEP));
	ck_assert_no_misuse_since(s0);

	/* and the physreqs still work */
	p = kmem_alloc_physreq(4096, pr, KM_SLEEP);
	check_meets("after", p, 4096, pr, 0);
	kmem_free(p, 4096);
	p = kmem_alloc_physreq(64 * KiB, isa, KM_SLEEP);
	check_meets("after isa", p, 64 * KiB, isa, 0);
	kmem_free(p, 64 * KiB);
	physreq_free(pr);
	physreq_free(isa);
}
END_TEST

/* ---- kmem_alloc_physcontig (DDI 5, 6) -------------------------------------------- */

START_TEST(test_physcontig)
{
	static const size_t sizes[] = { 100, 4096, 3 * 4096 + 7, 64 * KiB };
	struct svr5ddi_stats s0;
	physreq_t *pr[4];
	unsigned int i, j;

	ddit_debug_on();
	s0 = ddit_stats();
	pr[0] = new_physreq(1, 0, 0, 0, 0);		/* no restriction */
	pr[1] = new_physreq(1, 0, 24, 0, 0);		/* below 16 MiB */
	pr[2] = new_physreq(4096, 0, 32, 0, 0);
	pr[3] = new_physreq(1, 0, 32, 0, PREQ_PHYSCONTIG);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 4; j++) {
			size_t n = sizes[j];
			void *a = kmem_alloc_physcontig(n, pr[i], KM_SLEEP);
			void *b = kmem_alloc_physcontig(n, pr[i], KM_NOSLEEP);

			/* always contiguous, with or without the flag */
			check_meets("physcontig", a, n, pr[i], 1);
			check_meets("physcontig nosleep", b, n, pr[i], 1);
			memset(a, 1, n);
			memset(b, 2, n);
			kmem_free_physcontig(a, n);
			kmem_free(b, n);	/* accepted too */
		}
	}
	for (i = 0; i < 4; i++)
		physreq_free(pr[i]);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* phys_dmasize 0 means no restriction: ZONE_DMA and ZONE_DMA32 may be gone. */
START_TEST(test_physcontig_dmasize0_unrestricted)
{
	physreq_t *pr;
	void *f[2], *p;

	ddit_debug_on();
	pr = new_physreq(1, 0, 0, 0, 0);
	kmem_free_physcontig(kmem_alloc_physcontig(PAGESIZE, pr, KM_SLEEP),
			     PAGESIZE);
	f[0] = ddit_exhaust(DDIT_ZONE_DMA);
	f[1] = ddit_exhaust(DDIT_ZONE_DMA32);
	p = kmem_alloc_physcontig(5 * PAGESIZE, pr, KM_NOSLEEP);
	check_meets("dmasize 0", p, 5 * PAGESIZE, pr, 1);
	kmem_free_physcontig(p, 5 * PAGESIZE);
	ddit_unfragment(f[1]);
	ddit_unfragment(f[0]);
	physreq_free(pr);
}
END_TEST

/* ---- kmem_alloc_phys (DDI 7.2, 8) ------------------------------------------------ */

#define SENTINEL 0xdeadbeefU

static void check_alloc_phys(physreq_t *pr, size_t size, int flags)
{
	paddr32_t pa[4] = { SENTINEL, SENTINEL, SENTINEL, SENTINEL };
	unsigned long long phys;
	void *p = kmem_alloc_phys(size, pr, pa, flags);

	check_meets("kmem_alloc_phys", p, size, pr, 1);
	phys = ddit_phys_of(p);
	ck_assert_uint_eq(pa[0], (paddr32_t)phys);
	if (pr->phys_dmasize && pr->phys_dmasize <= 32) {
		ck_assert_uint_eq(pa[1], SENTINEL);	/* one word only */
	} else {
		ck_assert_uint_eq(pa[1], (paddr32_t)(phys >> 32));
		ck_assert_uint_eq(pa[2], SENTINEL);	/* two words only */
	}
	ck_assert_uint_eq(pa[3], SENTINEL);
	memset(p, 0x99, size);
	kmem_free(p, size);
}

START_TEST(test_alloc_phys_address_words)
{
	static const int flags[] = { KM_SLEEP, KM_NOSLEEP, KM_FAIL_OK };
	struct svr5ddi_stats s0;
	physreq_t *pr[5];
	unsigned int i, f;

	ddit_debug_on();
	s0 = ddit_stats();
	pr[0] = new_physreq(1, 0, 32, 0, 0);
	pr[1] = new_physreq(16, 0, 24, 0, 0);
	pr[2] = new_physreq(1, 0, 64, 0, 0);
	pr[3] = new_physreq(1, 0, 0, 0, 0);
	pr[4] = new_physreq(4096, 64 * KiB, 33, 0, 0);
	for (i = 0; i < 5; i++)
		for (f = 0; f < 3; f++) {
			check_alloc_phys(pr[i], 100, flags[f]);
			check_alloc_phys(pr[i], 8192, flags[f]);
			check_alloc_phys(pr[i], 5 * PAGESIZE + 9, flags[f]);
		}
	for (i = 0; i < 5; i++)
		physreq_free(pr[i]);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* With ZONE_DMA and ZONE_DMA32 exhausted, 64-bit memory comes from above
 * 4 GiB: the high word is then non-zero and must be written. */
START_TEST(test_alloc_phys_high_memory)
{
	physreq_t *pr64, *pr0;
	void *f[2];

	ddit_debug_on();
	pr64 = new_physreq(1, 0, 64, 0, 0);
	pr0 = new_physreq(1, 0, 0, 0, 0);
	check_alloc_phys(pr64, 4096, KM_SLEEP);
	f[0] = ddit_exhaust(DDIT_ZONE_DMA);
	f[1] = ddit_exhaust(DDIT_ZONE_DMA32);
	check_alloc_phys(pr64, 3 * 4096, KM_NOSLEEP);
	check_alloc_phys(pr0, 2 * 4096, KM_NOSLEEP);
	check_alloc_phys(pr64, 100, KM_SLEEP);
	ddit_unfragment(f[1]);
	ddit_unfragment(f[0]);
	physreq_free(pr64);
	physreq_free(pr0);
}
END_TEST

/* KM_FAIL_OK may sleep but returns NULL instead of waiting forever. */
START_TEST(test_alloc_phys_fail_ok_returns)
{
	paddr32_t pa[2];
	physreq_t *pr;
	void *p;

	ddit_debug_on();
	ddit_log_quiet(1);
	pr = new_physreq(1, 0, 32, 0, 0);
	check_alloc_phys(pr, 8 * PAGESIZE, KM_SLEEP);
	ddit_fault_fail_all(DDIT_FAMILY_ANY, DDIT_SLEEP_ANY);
	p = kmem_alloc_phys(8 * PAGESIZE, pr, pa, KM_FAIL_OK);
	ddit_fault_off();
	if (p) {
		check_meets("fail_ok", p, 8 * PAGESIZE, pr, 1);
		ck_assert_uint_eq(pa[0], (paddr32_t)ddit_phys_of(p));
		kmem_free(p, 8 * PAGESIZE);
	}
	physreq_free(pr);
}
END_TEST

/* ---- contexts and pressure ------------------------------------------------------- */

struct irq_phys {
	physreq_t *pr;
	void *p, *q;
	paddr32_t pa[2];
};

static void irq_phys_alloc(void *arg)
{
	struct irq_phys *x = arg;

	x->p = kmem_alloc_physreq(3 * PAGESIZE, x->pr, KM_NOSLEEP);
	x->q = kmem_alloc_phys(2 * PAGESIZE, x->pr, x->pa, KM_NOSLEEP);
}

static void irq_phys_free(void *arg)
{
	struct irq_phys *x = arg;

	kmem_free(x->p, 3 * PAGESIZE);
	kmem_free(x->q, 2 * PAGESIZE);
}

START_TEST(test_contiguous_at_interrupt_level)
{
	struct irq_phys x = { NULL, NULL, NULL, { 0, 0 } };
	struct svr5ddi_stats s0;
	unsigned long v0, w0;
	int i;

	ddit_debug_on();
	x.pr = new_physreq(1, 0, 32, 0, PREQ_PHYSCONTIG);
	s0 = ddit_stats();
	v0 = ddit_sleep_violations();
	w0 = ddit_warn_count();
	ddit_run_in_hardirq(irq_phys_alloc, &x);
	check_meets("irq physreq", x.p, 3 * PAGESIZE, x.pr, 1);
	check_meets("irq phys", x.q, 2 * PAGESIZE, x.pr, 1);
	ck_assert_uint_eq(x.pa[0], (paddr32_t)ddit_phys_of(x.q));
	/* freeing coherent memory with interrupts off must not warn */
	ddit_run_in_hardirq(irq_phys_free, &x);
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	ck_assert_uint_eq(ddit_warn_count(), w0);
	for (i = 0; i < 200; i++) {
		struct svr5ddi_stats s = ddit_stats();

		if (ddit_live_objects(&s) == ddit_live_objects(&s0))
			break;
		ddit_msleep(10);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
	physreq_free(x.pr);
}
END_TEST

/* 24-bit non-contiguous memory from a fragmented ZONE_DMA: pages scatter. */
START_TEST(test_scattered_from_fragmented_dma)
{
	physreq_t *pr, *pr4;
	void *frag, *p;

	ddit_debug_on();
	pr = new_physreq(1, 0, 24, 0, 0);
	pr4 = new_physreq(1, 0, 24, 4, 0);
	kmem_free(kmem_alloc_physreq(2 * PAGESIZE, pr, KM_SLEEP),
		  2 * PAGESIZE);
	frag = ddit_fragment(DDIT_ZONE_DMA);
	ck_assert_ptr_nonnull(frag);
	p = kmem_alloc_physreq(64 * KiB, pr, KM_NOSLEEP);
	check_meets("fragmented 24-bit", p, 64 * KiB, pr, 0);
	kmem_free(p, 64 * KiB);
	p = kmem_alloc_physreq(64 * KiB, pr, KM_SLEEP);
	check_meets("fragmented 24-bit sleep", p, 64 * KiB, pr, 0);
	kmem_free(p, 64 * KiB);
	/* at most 4 runs: NULL allowed (NOSLEEP), else within 4 runs */
	p = kmem_alloc_physreq(64 * KiB, pr4, KM_NOSLEEP);
	if (p) {
		check_meets("fragmented scgth 4", p, 64 * KiB, pr4, 0);
		kmem_free(p, 64 * KiB);
	}
	ddit_unfragment(frag);
	physreq_free(pr);
	physreq_free(pr4);
}
END_TEST

/*
 * The contiguous reserve (SVR5DDI_RESERVE) backs contiguous requests the
 * page allocator cannot meet: with ZONE_DMA fragmented, a 24-bit
 * contiguous KM_SLEEP request is served from it at once.
 */
START_TEST(test_contiguous_reserve_under_fragmentation)
{
	struct svr5ddi_stats s0, s1;
	physreq_t *pr;
	void *frag, *p;

	setenv("SVR5DDI_RESERVE", "dma:256K,dma32:1M", 1);
	ddit_debug_on();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	dma_physreq(DMA_CH2, DMA_PATH_8, pr);
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	kmem_free(kmem_alloc_physreq(100, pr, KM_SLEEP), 100);
	s0 = ddit_stats();
	ck_assert_uint_eq(s0.reserve_size[0], 256 * KiB);
	ck_assert_uint_eq(s0.reserve_size[1], MiB);
	frag = ddit_fragment(DDIT_ZONE_DMA);
	ck_assert_ptr_nonnull(frag);
	p = kmem_alloc_physreq(32 * KiB, pr, KM_SLEEP);
	check_meets("reserve", p, 32 * KiB, pr, 1);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.backend[SVR5DDI_BK_RESERVE].live_objects,
			  s0.backend[SVR5DDI_BK_RESERVE].live_objects + 1);
	ck_assert_uint_ge(s1.reserve_used[0], s0.reserve_used[0] + 32 * KiB);
	kmem_free(p, 32 * KiB);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.reserve_used[0], s0.reserve_used[0]);
	ddit_unfragment(frag);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
	physreq_free(pr);
}
END_TEST

/* ---- vtop, kvtophys, kvtoppid ------------------------------------------------------ */

static void check_translation(void *base, size_t size)
{
	size_t offs[] = { 0, 1, 17, size / 2 + 3, size - 1 };
	unsigned int i;

	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		caddr_t a = (caddr_t)base + offs[i];
		unsigned long long ph = ddit_phys_of(a);

		ck_assert_msg(ph != DDIT_NOPHYS, "test machine: no phys");
		ck_assert_msg(vtop(a, NULL) == ph,
			      "vtop(base+%zu) %#lx, expected %#llx", offs[i],
			      vtop(a, NULL), ph);
		ck_assert_uint_eq(kvtophys(a), ph);
		ck_assert_uint_eq(kvtoppid(a), (ppid_t)(ph >> PAGESHIFT));
	}
}

START_TEST(test_vtop_kvtoppid)
{
	physreq_t *contig, *scat;
	void *small, *large, *pc, *ps, *page;
	char local = 0;

	ddit_debug_on();
	contig = new_physreq(1, 0, 32, 0, PREQ_PHYSCONTIG);
	scat = new_physreq(1, 0, 32, 0, 0);
	small = kmem_alloc(200, KM_SLEEP);
	large = kmem_alloc(MiB, KM_SLEEP);
	pc = kmem_alloc_physreq(5 * PAGESIZE, contig, KM_SLEEP);
	ps = kmem_alloc_physreq(64 * KiB, scat, KM_SLEEP);
	ck_assert(small && large && pc && ps);
	check_translation(small, 200);
	check_translation(large, MiB);
	check_translation(pc, 5 * PAGESIZE);
	check_translation(ps, 64 * KiB);
	/* any mapped kernel address, not only the shim's memory */
	page = ddit_page_alloc();
	ck_assert_ptr_nonnull(page);
	check_translation(page, PAGESIZE);
	ddit_page_free(page);
	/* nothing mapped: 0 and NOPAGE */
	ddit_log_quiet(1);
	ck_assert_uint_eq(vtop(&local, NULL), 0);
	ck_assert_uint_eq(vtop(NULL, NULL), 0);
	ck_assert_uint_eq(kvtophys(&local), 0);
	ck_assert_uint_eq(kvtoppid(&local), NOPAGE);
	ck_assert_uint_eq(kvtoppid(NULL), NOPAGE);
	ck_assert_uint_eq(NOPAGE, (ppid_t)-1);
	kmem_free(small, 200);
	kmem_free(large, MiB);
	kmem_free(pc, 5 * PAGESIZE);
	kmem_free(ps, 64 * KiB);
	physreq_free(contig);
	physreq_free(scat);
}
END_TEST

/* ---- bcb_alloc, bcb_prep ------------------------------------------------------------ */

START_TEST(test_bcb_alloc_zero_filled)
{
	static const bcb_t zero;
	struct svr5ddi_stats s0;
	bcb_t *b;
	int i;

	ddit_debug_on();
	s0 = ddit_stats();
	for (i = 0; i < 3; i++) {
		b = bcb_alloc(i == 1 ? KM_NOSLEEP : KM_SLEEP);
		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(memcmp(b, &zero, sizeof(*b)), 0);
		ck_assert_ptr_null(b->bcb_physreqp);	/* not allocated */
		memset(b, 0xff, sizeof(*b));
		b->bcb_physreqp = NULL;
		bcb_free(b);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_bcb_prep_preps_physreq)
{
	struct svr5ddi_stats s0;
	bcb_t *b;
	void *p;

	ddit_debug_on();
	ddit_log_quiet(1);
	b = bcb_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(b);
	b->bcb_addrtypes = BA_KVIRT;
	b->bcb_max_xfer = 64 * KiB;
	b->bcb_granularity = NBPSCTR;
	b->bcb_physreqp = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(b->bcb_physreqp);
	b->bcb_physreqp->phys_align = 3;
	ck_assert(bcb_prep(b, KM_SLEEP) == B_FALSE);
	b->bcb_physreqp->phys_align = 16;
	b->bcb_physreqp->phys_dmasize = 24;
	ck_assert(bcb_prep(b, KM_SLEEP) == B_TRUE);
	/* the physreq is now prepped: using it is no misuse */
	s0 = ddit_stats();
	p = kmem_alloc_physreq(700, b->bcb_physreqp, KM_SLEEP);
	check_meets("bcb physreq", p, 700, b->bcb_physreqp, 0);
	kmem_free(p, 700);
	ck_assert_no_misuse_since(s0);
	ck_assert_uint_eq(b->bcb_max_xfer, 64 * KiB);
	ck_assert_uint_eq(b->bcb_granularity, 512);
	physreq_free(b->bcb_physreqp);
	b->bcb_physreqp = NULL;
	bcb_free(b);
	ck_assert_uint_eq(BA_KVIRT, 0x01);
	ck_assert_uint_eq(BA_SCGTH, 0x10);
	ck_assert_uint_eq(BCB_PHYSCONTIG, 0x01);
	ck_assert_uint_eq(BCB_NOMEMWAIT, 0x10);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_physreq");
	TCase *tc;

	tc = tcase_create("physreq_alloc");
	tcase_set_timeout(tc, 8);
	tcase_add_test(tc, test_physreq_alloc_defaults);
	tcase_add_test(tc, test_physreq_layout);
	tcase_add_test(tc, test_physreq_alloc_nosleep_in_hardirq);
	tcase_add_test(tc, test_physreq_alloc_sleep_never_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("physreq_prep");
	tcase_add_test(tc, test_prep_accepts_valid);
	tcase_add_test(tc, test_prep_refuses_invalid);
	tcase_add_test(tc, test_prep_refuses_narrow_dmasize_with_warning);
	tcase_add_test(tc, test_many_physreqs_hash_grows);
	tcase_add_test(tc, test_prep_nosleep_with_memory);
	tcase_add_test(tc, test_prep_again_after_change);
	tcase_add_test(tc, test_dma_physreq_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc_physreq");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_alloc_physreq_meets_sleep);
	tcase_add_test(tc, test_alloc_physreq_meets_nosleep);
	tcase_add_test(tc, test_zalloc_physreq_meets_and_zeroes);
	tcase_add_test(tc, test_alloc_physreq_meets_debug_off);
	tcase_add_test(tc, test_physreq_backends);
	tcase_add_test(tc, test_size_above_boundary_never_met);
	suite_add_tcase(s, tc);

	tc = tcase_create("physcontig_phys");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_physcontig);
	tcase_add_test(tc, test_physcontig_dmasize0_unrestricted);
	tcase_add_test(tc, test_alloc_phys_address_words);
	tcase_add_test(tc, test_alloc_phys_high_memory);
	tcase_add_test(tc, test_alloc_phys_fail_ok_returns);
	suite_add_tcase(s, tc);

	tc = tcase_create("pressure_contexts");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_contiguous_at_interrupt_level);
	tcase_add_test(tc, test_scattered_from_fragmented_dma);
	tcase_add_test(tc, test_contiguous_reserve_under_fragmentation);
	suite_add_tcase(s, tc);

	tc = tcase_create("translation_bcb");
	tcase_add_test(tc, test_vtop_kvtoppid);
	tcase_add_test(tc, test_bcb_alloc_zero_filled);
	tcase_add_test(tc, test_bcb_prep_preps_physreq);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
