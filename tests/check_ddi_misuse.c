/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_misuse.c - the debug layer of svr5ddi: every misuse of
 * svr5-memory-ddi.md section 10, provoked on purpose.
 *
 * For each one the test asserts (1) the per-tag counter of
 * <svr5ddi/ddictl.h> grew by exactly one and no other counter moved,
 * (2) exactly one diagnostic line "svr5ddi: CALL: TAG ..." reached the
 * kernel log, naming the address, the sizes and the allocating site
 * (this file's name and the line of the allocation, captured with
 * __LINE__ on the allocating line itself), and (3) the allocator still
 * works afterwards: more allocations and frees leave the live counts of
 * every backend where they were.
 *
 * Fresh process per test (fork mode), debug layer on, log quiet.
 */
#include "ddi_test_common.h"

static void quiet_debug(void)
{
	ddit_debug_on();
	ddit_log_quiet(1);
}

/* Exactly one report, with tag @tag, since @s0; nothing else counted. */
static void expect_one(const struct svr5ddi_stats *s0, int tag)
{
	struct svr5ddi_stats s1 = ddit_stats();
	int i;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		ck_assert_msg(s1.misuse[i] == s0->misuse[i] + (i == tag),
			      "misuse[%d] %lu, expected %lu", i, s1.misuse[i],
			      s0->misuse[i] + (i == tag));
	ck_assert_uint_eq(s1.misuse_total, s0->misuse_total + 1);
}

/*
 * The one log line carrying @tag since the last clear: it starts (after
 * any cmn_err level prefix) with "svr5ddi: ", names @call, then the tag.
 */
static void expect_line(const char *call, const char *tag, char *buf,
			size_t size)
{
	char head[128];
	const char *h;

	ck_assert_msg(ddit_log_count(tag) == 1, "%u lines with \"%s\"",
		      ddit_log_count(tag), tag);
	ck_assert(ddit_log_line(tag, 0, buf, size));
	snprintf(head, sizeof(head), "svr5ddi: %s", call);
	h = strstr(buf, head);
	ck_assert_msg(h != NULL, "no \"%s\" in: %s", head, buf);
	ck_assert_msg(strstr(h, tag) != NULL, "tag not after call: %s", buf);
}

#define ck_assert_line_has_addr(buf, p) \
	ck_assert_msg(ddit_has_addr(buf, p), "no address %p in: %s", \
		      (void *)(p), buf)
#define ck_assert_line_has_size(buf, n) \
	ck_assert_msg(ddit_has_number(buf, n), "no size %lu in: %s", \
		      (unsigned long)(n), buf)
#define ck_assert_line_has_site(buf, line) \
	ck_assert_msg(ddit_has_site(buf, __FILE__, line), \
		      "no site %s:%d in: %s", ddit_basename(__FILE__), \
		      line, buf)

/* [p, p + size) meets *pr (align, dmasize, contiguity when implied). */
static void check_meets(const void *p, size_t size, const physreq_t *pr)
{
	struct ddit_layout l;

	ck_assert_ptr_nonnull(p);
	ddit_layout(p, size, &l);
	ck_assert(l.mapped);
	ck_assert_uint_eq(l.first % pr->phys_align, 0);
	if (pr->phys_dmasize && pr->phys_dmasize < 64)
		ck_assert_msg(l.max < (1ULL << pr->phys_dmasize),
			      "byte at %#llx above %u bits", l.max,
			      pr->phys_dmasize);
	if ((pr->phys_flags & PREQ_PHYSCONTIG) || pr->phys_boundary ||
	    pr->phys_align > PAGESIZE)
		ck_assert_uint_eq(l.runs, 1);
}

/*
 * The allocator still works: allocations of every kind succeed, hold
 * their contents, and after freeing them every backend's live counts are
 * back where they were, with no misuse reported.
 */
static void exercise_allocator(void)
{
	static const size_t sizes[] = { 1, 64, 100, 4096, 9000, MiB };
	struct svr5ddi_stats s0 = ddit_stats();
	void *p[6], *q;
	physreq_t *pr;
	unsigned int i;

	for (i = 0; i < 6; i++) {
		p[i] = kmem_alloc(sizes[i], i & 1 ? KM_NOSLEEP : KM_SLEEP);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 24;
	pr->phys_flags = PREQ_PHYSCONTIG;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	q = kmem_zalloc_physreq(3 * PAGESIZE, pr, KM_SLEEP);
	check_meets(q, 3 * PAGESIZE, pr);
	for (i = 0; i < 6; i++) {
		const unsigned char *c = p[i];

		ck_assert_uint_eq(c[0], i + 1);
		ck_assert_uint_eq(c[sizes[i] - 1], i + 1);
		kmem_free(p[i], sizes[i]);
	}
	kmem_free(q, 3 * PAGESIZE);
	physreq_free(pr);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}

/*
 * After a report on a free of @p, whether the shim released the block is
 * its own business; if it did not, a correct free must still work.
 */
static void settle(const struct svr5ddi_stats *before_alloc, void *p,
		   size_t size)
{
	struct svr5ddi_stats s = ddit_stats(), s0;

	if (ddit_live_objects(&s) != ddit_live_objects(before_alloc)) {
		s0 = ddit_stats();
		kmem_free(p, size);
		ck_assert_no_misuse_since(s0);
	}
	ck_assert_live_as(*before_alloc);
}

/* ---- 1. kmem_free with the wrong size -------------------------------------- */

static void wrong_size(size_t size, size_t wrong)
{
	struct svr5ddi_stats sb, s0;
	char buf[1024];
	int aline, fline;
	char *p;

	ddit_log_clear();
	sb = ddit_stats();
	p = kmem_alloc(size, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_nonnull(p);
	memset(p, 0x21, size);
	s0 = ddit_stats();
	kmem_free(p, wrong); fline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_SIZE_MISMATCH);
	expect_line("kmem_free", "size mismatch", buf, sizeof(buf));
	ck_assert_line_has_addr(buf, p);
	ck_assert_line_has_size(buf, wrong);
	ck_assert_line_has_size(buf, size);
	ck_assert_line_has_site(buf, aline);
	ck_assert_line_has_site(buf, fline);
	settle(&sb, p, size);
}

START_TEST(test_wrong_size_free)
{
	quiet_debug();
	wrong_size(64, 100);
	wrong_size(100, 64);
	wrong_size(5000, 4999);
	wrong_size(MiB, MiB - 4096);
	exercise_allocator();
}
END_TEST

/* ---- 2. double free, wild free, interior free -------------------------------- */

static void double_free(size_t size, int check_site)
{
	struct svr5ddi_stats sb, s0;
	char buf[1024];
	int aline;
	char *p;

	ddit_log_clear();
	sb = ddit_stats();
	p = kmem_alloc(size, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_nonnull(p);
	kmem_free(p, size);
	ck_assert_live_as(sb);
	s0 = ddit_stats();
	kmem_free(p, size);
	expect_one(&s0, SVR5DDI_MISUSE_DOUBLE_FREE);
	expect_line("kmem_free", "double free", buf, sizeof(buf));
	ck_assert_line_has_addr(buf, p);
	ck_assert_line_has_size(buf, size);
	if (check_site)
		ck_assert_line_has_site(buf, aline);
	ck_assert_live_as(sb);
}

START_TEST(test_double_free)
{
	quiet_debug();
	double_free(48, 0);
	double_free(3000, 0);
	double_free(MiB, 0);
	exercise_allocator();
}
END_TEST

/* The double-free report names where the block had been allocated. */
START_TEST(test_double_free_names_alloc_site)
{
	quiet_debug();
	double_free(48, 1);
	double_free(MiB, 1);
}
END_TEST

static void irq_double_free_fn(void *arg)
{
	kmem_free(arg, 40);
}

START_TEST(test_double_free_at_interrupt_level)
{
	struct svr5ddi_stats sb, s0;
	unsigned long v0;
	char buf[1024];
	void *p;

	quiet_debug();
	ddit_log_clear();
	sb = ddit_stats();
	p = kmem_alloc(40, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 40);
	s0 = ddit_stats();
	v0 = ddit_sleep_violations();
	ddit_run_in_hardirq(irq_double_free_fn, p);
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	expect_one(&s0, SVR5DDI_MISUSE_DOUBLE_FREE);
	expect_line("kmem_free", "double free", buf, sizeof(buf));
	ck_assert_line_has_addr(buf, p);
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

static void wild(void *addr, size_t size)
{
	struct svr5ddi_stats s0;
	char buf[1024];

	ddit_log_clear();
	s0 = ddit_stats();
	kmem_free(addr, size);
	expect_one(&s0, SVR5DDI_MISUSE_WILD_FREE);
	expect_line("kmem_free", "free of unknown address", buf, sizeof(buf));
	ck_assert_line_has_addr(buf, addr);
	ck_assert_line_has_size(buf, size);
	ck_assert_live_as(s0);
}

START_TEST(test_wild_free)
{
	char stack[256];
	unsigned long w0;
	void *k, *pg;

	quiet_debug();
	memset(stack, 0x17, sizeof(stack));
	wild(stack + 16, 64);
	ck_assert_uint_eq((unsigned char)stack[16], 0x17);
	/* direct-map memory the shim did not hand out */
	k = ddit_kmalloc(96);
	pg = ddit_page_alloc();
	ck_assert(k && pg);
	ck_assert(ddit_in_direct_map(k) && ddit_in_direct_map(pg));
	memset(k, 0x33, 96);
	wild(k, 96);
	wild(pg, PAGESIZE);
	/* the emulation's own allocators are untouched */
	w0 = ddit_warn_count();
	ck_assert_uint_eq(((unsigned char *)k)[95], 0x33);
	ddit_kfree(k);
	ddit_page_free(pg);
	ck_assert_uint_eq(ddit_warn_count(), w0);
	exercise_allocator();
}
END_TEST

static void interior(size_t size, size_t off, physreq_t *pr)
{
	struct svr5ddi_stats sb, s0;
	char buf[1024];
	int aline;
	char *p;

	ddit_log_clear();
	sb = ddit_stats();
	if (pr) {
		p = kmem_alloc_physreq(size, pr, KM_SLEEP); aline = __LINE__;
	} else {
		p = kmem_alloc(size, KM_SLEEP); aline = __LINE__;
	}
	ck_assert_ptr_nonnull(p);
	memset(p, 0x44, size);
	s0 = ddit_stats();
	kmem_free(p + off, size);
	expect_one(&s0, SVR5DDI_MISUSE_INTERIOR_FREE);
	expect_line("kmem_free", "free of interior pointer", buf, sizeof(buf));
	ck_assert_line_has_addr(buf, p + off);
	ck_assert_line_has_size(buf, size);
	ck_assert_line_has_site(buf, aline);
	settle(&sb, p, size);
}

START_TEST(test_interior_free)
{
	physreq_t *pr;

	quiet_debug();
	interior(256, 16, NULL);
	interior(100, 1, NULL);
	interior(MiB, 8192, NULL);
	interior(MiB, 100, NULL);
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	pr->phys_flags = PREQ_PHYSCONTIG;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	interior(3 * PAGESIZE, PAGESIZE, pr);
	interior(200, 8, pr);
	physreq_free(pr);
	exercise_allocator();
}
END_TEST

/* ---- 3. write past the end ---------------------------------------------------- */

static void redzone_flag(size_t size, physreq_t *pr, int flag)
{
	struct svr5ddi_stats sb, s0;
	char buf[1024];
	int aline;
	char *p;

	ddit_log_clear();
	sb = ddit_stats();
	if (pr) {
		p = kmem_alloc_physreq(size, pr, flag); aline = __LINE__;
	} else {
		p = kmem_alloc(size, flag); aline = __LINE__;
	}
	ck_assert_ptr_nonnull(p);
	memset(p, 0x55, size);
	p[size] = (char)~p[size];	/* one byte past the end */
	s0 = ddit_stats();
	kmem_free(p, size);
	expect_one(&s0, SVR5DDI_MISUSE_REDZONE);
	expect_line("kmem_free", "redzone overwritten", buf, sizeof(buf));
	ck_assert_line_has_addr(buf, p);
	ck_assert_line_has_size(buf, size);
	ck_assert_line_has_site(buf, aline);
	/* the block is released all the same */
	ck_assert_live_as(sb);
}

static void redzone(size_t size, physreq_t *pr)
{
	redzone_flag(size, pr, KM_SLEEP);
}

START_TEST(test_redzone_small)
{
	quiet_debug();
	redzone(100, NULL);
	redzone(64, NULL);
	redzone(1, NULL);
	redzone(1000, NULL);
	exercise_allocator();
}
END_TEST

START_TEST(test_redzone_large)
{
	quiet_debug();
	redzone(5000, NULL);
	redzone(MiB + 100, NULL);
	exercise_allocator();
}
END_TEST

/*
 * kmem_alloc above 8168 bytes keeps the layout it has without the debug
 * layer, so its guard bytes are the rounding's slack: a byte past the end
 * is caught where there is slack (with KM_SLEEP and KM_NOSLEEP), and an
 * exact 8 KiB buffer is still a direct-mapped slab object, as without
 * the debug layer (kmem_alloc(D3)).
 */
START_TEST(test_redzone_slack_only_above_small)
{
	static const size_t sizes[] = { 8169, 8184, 3 * PAGESIZE - 100,
					16 * PAGESIZE - 8 };
	struct svr5ddi_stats s0;
	unsigned int i;
	char *p;

	quiet_debug();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		redzone_flag(sizes[i], NULL, KM_SLEEP);
		redzone_flag(sizes[i], NULL, KM_NOSLEEP);
	}
	s0 = ddit_stats();
	p = kmem_alloc(8192, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	ck_assert(ddit_in_direct_map(p));		/* a slab object */
	ck_assert_uint_eq((unsigned long)p % 8192, 0);	/* its class's */
	memset(p, 0x55, 8192);
	kmem_free(p, 8192);
	ck_assert_no_misuse_since(s0);
	exercise_allocator();
}
END_TEST

/*
 * A physreq buffer keeps the layout it has without the debug layer
 * (block size, backend, pages: what the physreq's properties are about),
 * so its guard bytes are only the slack that layout leaves: a buffer that
 * fills its block exactly has none (kmem_alloc_physreq(D3)).  Pinned: the
 * block is the release layout's, and a buffer filled to its end frees
 * without a report (a write past it would land in the next block).
 */
START_TEST(test_redzone_physreq_full_block)
{
	struct svr5ddi_stats s0;
	physreq_t *pr;
	char *p, *q;

	quiet_debug();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	s0 = ddit_stats();
	p = kmem_alloc_physreq(64, pr, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq((unsigned long)p % 64, 0);	/* a 64-byte block */
	q = kmem_alloc_physreq(64, pr, KM_SLEEP);
	memset(p, 0x55, 64);
	kmem_free(p, 64);
	kmem_free(q, 64);
	ck_assert_no_misuse_since(s0);
	physreq_free(pr);
	exercise_allocator();
}
END_TEST

/*
 * kmem_alloc above the largest contiguous block (4 MiB) with KM_NOSLEEP:
 * only pages could serve it without sleeping, so it can never be met:
 * NULL, reported with call, size and site; KM_SLEEP serves it.
 */
START_TEST(test_nosleep_above_contig_reported)
{
	struct svr5ddi_stats s0;
	char buf[1024];
	size_t size = 4 * MiB + PAGESIZE;
	int mode, aline;
	void *p;

	for (mode = 0; mode < 2; mode++) {
		if (mode)
			quiet_debug();
		else
			svr5ddi_set_debug(0);
		ddit_log_quiet(1);
		ddit_log_clear();
		s0 = ddit_stats();
		p = kmem_alloc(size, KM_NOSLEEP); aline = __LINE__;
		ck_assert_ptr_null(p);
		expect_one(&s0, SVR5DDI_MISUSE_IMPOSSIBLE);
		expect_line("kmem_alloc", "request can never be met", buf,
			    sizeof(buf));
		ck_assert_line_has_size(buf, size);
		ck_assert_line_has_site(buf, aline);
		s0 = ddit_stats();
		p = kmem_alloc(size, KM_SLEEP);
		ck_assert_ptr_nonnull(p);
		kmem_free(p, size);
		ck_assert_no_misuse_since(s0);
	}
}
END_TEST

START_TEST(test_redzone_physreq)
{
	physreq_t *pr;

	quiet_debug();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_align = 16;
	pr->phys_dmasize = 24;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	redzone(100, pr);
	redzone(3 * PAGESIZE + 10, pr);
	physreq_free(pr);
	exercise_allocator();
}
END_TEST

/* ---- 4. KM_SLEEP where the caller may not sleep ---------------------------------- */

static void expect_sleep_report(const struct svr5ddi_stats *s0,
				unsigned long v0, const char *call,
				size_t size, int aline)
{
	char buf[1024];

	/* reported by the shim, which then did not sleep */
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	expect_one(s0, SVR5DDI_MISUSE_SLEEP_IN_ATOMIC);
	expect_line(call, "KM_SLEEP in atomic context", buf, sizeof(buf));
	if (size)
		ck_assert_line_has_size(buf, size);
	ck_assert_line_has_site(buf, aline);
}

START_TEST(test_sleep_under_spin_lock)
{
	struct svr5ddi_stats sb, s0;
	unsigned long v0;
	int aline;
	void *p;

	quiet_debug();
	sb = ddit_stats();
	v0 = ddit_sleep_violations();

	ddit_log_clear();
	s0 = ddit_stats();
	ddit_spin_lock();
	p = kmem_alloc(72, KM_SLEEP); aline = __LINE__;
	ddit_spin_unlock();
	ck_assert_ptr_nonnull(p);	/* as KM_NOSLEEP, memory is plenty */
	expect_sleep_report(&s0, v0, "kmem_alloc", 72, aline);
	kmem_free(p, 72);

	/* large: must not take the sleeping (vmalloc) path either */
	ddit_log_clear();
	s0 = ddit_stats();
	ddit_spin_lock();
	p = kmem_zalloc(MiB, KM_SLEEP); aline = __LINE__;
	ddit_spin_unlock();
	expect_sleep_report(&s0, v0, "kmem_zalloc", MiB, aline);
	if (p)
		kmem_free(p, MiB);

	/* interrupts disabled in process context */
	ddit_log_clear();
	s0 = ddit_stats();
	ddit_irq_disable();
	p = kmem_alloc(300, KM_SLEEP); aline = __LINE__;
	ddit_irq_enable();
	ck_assert_ptr_nonnull(p);
	expect_sleep_report(&s0, v0, "kmem_alloc", 300, aline);
	kmem_free(p, 300);

	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

struct irq_sleep {
	physreq_t *pr;
	void *p[5];
	int line[5];
};

static void irq_sleep_fn(void *arg)
{
	struct irq_sleep *x = arg;
	paddr32_t pa[2];

	x->p[0] = kmem_alloc(64, KM_SLEEP); x->line[0] = __LINE__;
	x->p[1] = kmem_zalloc(2 * PAGESIZE, KM_SLEEP); x->line[1] = __LINE__;
	x->p[2] = kmem_alloc_physreq(500, x->pr, KM_SLEEP); x->line[2] = __LINE__;
	x->p[3] = physreq_alloc(KM_SLEEP); x->line[3] = __LINE__;
	x->p[4] = kmem_alloc_phys(PAGESIZE, x->pr, pa, 0); x->line[4] = __LINE__;
}

START_TEST(test_sleep_in_hardirq)
{
	static const char *const calls[5] = {
		"kmem_alloc", "kmem_zalloc", "kmem_alloc_physreq",
		"physreq_alloc", "kmem_alloc_phys",
	};
	struct irq_sleep x;
	struct svr5ddi_stats sb, s0, s1;
	unsigned long v0;
	char buf[1024];
	int i, found;

	quiet_debug();
	memset(&x, 0, sizeof(x));
	x.pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(x.pr);
	x.pr->phys_dmasize = 32;
	ck_assert(physreq_prep(x.pr, KM_SLEEP) == B_TRUE);
	sb = ddit_stats();
	v0 = ddit_sleep_violations();
	ddit_log_clear();
	s0 = ddit_stats();
	ddit_run_in_hardirq(irq_sleep_fn, &x);
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_SLEEP_IN_ATOMIC],
			  s0.misuse[SVR5DDI_MISUSE_SLEEP_IN_ATOMIC] + 5);
	ck_assert_uint_eq(s1.misuse_total, s0.misuse_total + 5);
	ck_assert_uint_eq(ddit_log_count("KM_SLEEP in atomic context"), 5);
	for (i = 0; i < 5; i++) {
		unsigned int n;

		ck_assert_msg(x.p[i] != NULL, "%s in hardirq: NULL", calls[i]);
		found = 0;
		for (n = 0; ddit_log_line("KM_SLEEP in atomic context", n,
					  buf, sizeof(buf)); n++)
			if (ddit_has_site(buf, __FILE__, x.line[i])) {
				char head[64];

				snprintf(head, sizeof(head), "svr5ddi: %s",
					 calls[i]);
				ck_assert_msg(strstr(buf, head) != NULL,
					      "%s", buf);
				found = 1;
			}
		ck_assert_msg(found, "no report for %s at line %d", calls[i],
			      x.line[i]);
	}
	kmem_free(x.p[0], 64);
	kmem_free(x.p[1], 2 * PAGESIZE);
	kmem_free(x.p[2], 500);
	physreq_free(x.p[3]);
	kmem_free(x.p[4], PAGESIZE);
	ck_assert_live_as(sb);
	physreq_free(x.pr);
	exercise_allocator();
}
END_TEST

/* ---- 5. unprepped physreq, physreq changed since prep ----------------------------- */

START_TEST(test_unprepped_zeroed_static)
{
	static physreq_t zeroed;	/* never prepped; align 0 is invalid */
	struct svr5ddi_stats s0, s1;
	char buf[1024];
	int aline;
	void *p;

	quiet_debug();
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(128, &zeroed, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);		/* invalid values: fails */
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_UNPREPPED_PHYSREQ],
			  s0.misuse[SVR5DDI_MISUSE_UNPREPPED_PHYSREQ] + 1);
	ck_assert(ddit_log_line("unprepped physreq", 0, buf, sizeof(buf)));
	ck_assert_uint_eq(ddit_log_count("unprepped physreq"), 1);
	ck_assert_msg(strstr(buf, "svr5ddi: kmem_alloc_physreq") != NULL,
		      "%s", buf);
	ck_assert_line_has_addr(buf, &zeroed);
	ck_assert_line_has_site(buf, aline);
	ck_assert_live_as(s0);
	exercise_allocator();
}
END_TEST

START_TEST(test_unprepped_valid)
{
	/* legacy positional initialisation, never prepped */
	static physreq_t legacy = { 16, 0, 24, 0, 0, NULL };
	struct svr5ddi_stats s0;
	char buf[1024];
	physreq_t *pr;
	int aline;
	void *p;

	quiet_debug();
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(300, &legacy, KM_SLEEP); aline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_UNPREPPED_PHYSREQ);
	expect_line("kmem_alloc_physreq", "unprepped physreq", buf,
		    sizeof(buf));
	ck_assert_line_has_addr(buf, &legacy);
	ck_assert_line_has_size(buf, 300);
	ck_assert_line_has_site(buf, aline);
	check_meets(p, 300, &legacy);	/* proceeds: the values are valid */
	kmem_free(p, 300);

	/* physreq_alloc'd, members set, prep forgotten */
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	pr->phys_flags = PREQ_PHYSCONTIG;
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_zalloc_physreq(2 * PAGESIZE, pr, KM_SLEEP); aline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_UNPREPPED_PHYSREQ);
	expect_line("kmem_zalloc_physreq", "unprepped physreq", buf,
		    sizeof(buf));
	ck_assert_line_has_site(buf, aline);
	check_meets(p, 2 * PAGESIZE, pr);
	kmem_free(p, 2 * PAGESIZE);

	/* a zeroed static physreq is tolerated once prepped */
	ck_assert(physreq_prep(&legacy, KM_SLEEP) == B_TRUE);
	s0 = ddit_stats();
	p = kmem_alloc_physreq(300, &legacy, KM_SLEEP);
	check_meets(p, 300, &legacy);
	kmem_free(p, 300);
	ck_assert_no_misuse_since(s0);
	physreq_free(pr);
	exercise_allocator();
}
END_TEST

START_TEST(test_changed_since_prep)
{
	struct svr5ddi_stats sb, s0, s1;
	char buf[1024];
	physreq_t *pr;
	int aline;
	void *p;

	quiet_debug();
	sb = ddit_stats();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);

	/* valid change: reported, then served with the new values */
	pr->phys_dmasize = 24;
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(5000, pr, KM_SLEEP); aline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_CHANGED_PHYSREQ);
	expect_line("kmem_alloc_physreq", "physreq changed since prep", buf,
		    sizeof(buf));
	ck_assert_line_has_addr(buf, pr);
	ck_assert_line_has_size(buf, 5000);
	ck_assert_line_has_site(buf, aline);
	check_meets(p, 5000, pr);
	kmem_free(p, 5000);

	/* a flag change counts too */
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	pr->phys_flags |= PREQ_PHYSCONTIG;
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(4 * PAGESIZE, pr, KM_SLEEP); aline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_CHANGED_PHYSREQ);
	expect_line("kmem_alloc_physreq", "physreq changed since prep", buf,
		    sizeof(buf));
	ck_assert_line_has_site(buf, aline);
	check_meets(p, 4 * PAGESIZE, pr);
	kmem_free(p, 4 * PAGESIZE);

	/* invalid change: reported, and the allocation fails */
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	pr->phys_align = 3;
	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(100, pr, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_CHANGED_PHYSREQ],
			  s0.misuse[SVR5DDI_MISUSE_CHANGED_PHYSREQ] + 1);
	ck_assert(ddit_log_line("physreq changed since prep", 0, buf,
				sizeof(buf)));
	ck_assert_line_has_site(buf, aline);

	/* re-prepped: no report */
	pr->phys_align = 4;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	s0 = ddit_stats();
	p = kmem_alloc_physreq(100, pr, KM_SLEEP);
	check_meets(p, 100, pr);
	kmem_free(p, 100);
	ck_assert_no_misuse_since(s0);
	physreq_free(pr);
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

/*
 * The same with the fast paths warm: a small block of a prepped physreq
 * comes from a per-CPU magazine (release and debug), whose lookup must
 * still notice a change of any member, every time, in both modes.
 */
START_TEST(test_changed_since_prep_fast)
{
	struct svr5ddi_stats sb, s0;
	char buf[1024];
	physreq_t *pr;
	int mode, m, r, aline;
	void *p, *warm[8];
	unsigned int i;

	for (mode = 0; mode < 2; mode++) {
		if (mode)
			quiet_debug();
		else
			svr5ddi_set_debug(0);
		ddit_log_quiet(1);
		sb = ddit_stats();
		pr = physreq_alloc(KM_SLEEP);
		ck_assert_ptr_nonnull(pr);
		pr->phys_dmasize = 32;
		for (m = 0; m < 5; m++) {
			ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
			/* warm this CPU's magazine of the 64-byte blocks */
			for (i = 0; i < 8; i++)
				warm[i] = kmem_alloc_physreq(64, pr, KM_SLEEP);
			for (i = 0; i < 8; i++)
				kmem_free(warm[i], 64);
			s0 = ddit_stats();
			p = kmem_alloc_physreq(64, pr, KM_SLEEP);
			kmem_free(p, 64);
			ck_assert_no_misuse_since(s0);
			switch (m) {
			case 0: pr->phys_align = 16; break;
			case 1: pr->phys_boundary = PAGESIZE; break;
			case 2: pr->phys_dmasize = 31; break;
			case 3: pr->phys_max_scgth = 1; break;
			case 4: pr->phys_flags |= PREQ_PHYSCONTIG; break;
			}
			for (r = 0; r < 2; r++) {
				ddit_log_clear();
				s0 = ddit_stats();
				p = kmem_alloc_physreq(64, pr, KM_SLEEP);
				aline = __LINE__ - 1;
				ck_assert_msg(p != NULL, "mode %d member %d", mode,
					      m);
				expect_one(&s0, SVR5DDI_MISUSE_CHANGED_PHYSREQ);
				expect_line("kmem_alloc_physreq",
					    "physreq changed since prep", buf,
					    sizeof(buf));
				ck_assert_line_has_site(buf, aline);
				check_meets(p, 64, pr);
				kmem_free(p, 64);
			}
		}
		physreq_free(pr);
		ck_assert_live_as(sb);
	}
	exercise_allocator();
}
END_TEST

/* ---- 6. physreq_free of a physreq the shim did not allocate ------------------------- */

static void foreign(physreq_t *pr)
{
	struct svr5ddi_stats s0;
	char buf[1024];

	ddit_log_clear();
	s0 = ddit_stats();
	physreq_free(pr);
	expect_one(&s0, SVR5DDI_MISUSE_FOREIGN_PHYSREQ);
	expect_line("physreq_free", "physreq not from physreq_alloc", buf,
		    sizeof(buf));
	ck_assert_line_has_addr(buf, pr);
	ck_assert_live_as(s0);
}

START_TEST(test_foreign_physreq_free)
{
	static physreq_t st = { 1, 0, 32, 0, 0, NULL };
	struct svr5ddi_stats sb, s0;
	physreq_t onstack = { 8, 0, 24, 0, 0, NULL };
	physreq_t *heap;

	quiet_debug();
	ck_assert(physreq_prep(&st, KM_SLEEP) == B_TRUE);
	sb = ddit_stats();
	foreign(&onstack);
	foreign(&st);
	ck_assert_uint_eq(onstack.phys_align, 8);
	/* memory from kmem_alloc is not a physreq: it stays allocated */
	heap = kmem_zalloc(sizeof(*heap), KM_SLEEP);
	ck_assert_ptr_nonnull(heap);
	heap->phys_align = 1;
	foreign(heap);
	s0 = ddit_stats();
	kmem_free(heap, sizeof(*heap));
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

/* ---- 7. sizes whose rounding overflows size_t ------------------------------------- */

static void expect_overflow(const struct svr5ddi_stats *s0, const char *call,
			    size_t size, int aline)
{
	char buf[1024], hex[32];

	expect_one(s0, SVR5DDI_MISUSE_SIZE_OVERFLOW);
	expect_line(call, "size overflow", buf, sizeof(buf));
	snprintf(hex, sizeof(hex), "%zx", size);
	ck_assert_msg(ddit_has_number(buf, size) || strstr(buf, hex),
		      "no size %zu in: %s", size, buf);
	ck_assert_line_has_site(buf, aline);
}

START_TEST(test_size_overflow)
{
	struct svr5ddi_stats sb, s0;
	paddr32_t pa[2];
	physreq_t *pr;
	int aline;
	void *p;

	quiet_debug();
	sb = ddit_stats();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_align = PAGESIZE;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);

	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc(SIZE_MAX - 10, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);	/* returns, even with KM_SLEEP */
	expect_overflow(&s0, "kmem_alloc", SIZE_MAX - 10, aline);

	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_zalloc(SIZE_MAX, KM_NOSLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);
	expect_overflow(&s0, "kmem_zalloc", SIZE_MAX, aline);

	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physreq(SIZE_MAX - 100, pr, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);
	expect_overflow(&s0, "kmem_alloc_physreq", SIZE_MAX - 100, aline);

	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_physcontig(SIZE_MAX - PAGESIZE + 2, pr, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);
	expect_overflow(&s0, "kmem_alloc_physcontig", SIZE_MAX - PAGESIZE + 2,
			aline);

	ddit_log_clear();
	s0 = ddit_stats();
	p = kmem_alloc_phys(SIZE_MAX - 1, pr, pa, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_null(p);
	expect_overflow(&s0, "kmem_alloc_phys", SIZE_MAX - 1, aline);

	physreq_free(pr);
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

/* Report lines with "leak" that name a site in this file. */
static unsigned int leak_lines(void)
{
	char buf[1024];
	unsigned int n, c = 0;

	for (n = 0; ddit_log_line("leak", n, buf, sizeof(buf)); n++)
		if (strstr(buf, ddit_basename(__FILE__)))
			c++;
	return c;
}

/* ---- 8. leak report ------------------------------------------------------------------ */

START_TEST(test_leak_report)
{
	struct svr5ddi_stats sb, s0, s1;
	char buf[1024];
	int lines[3];
	size_t sizes[3] = { 100, 2000, MiB };
	void *p[3];
	unsigned int i, n;
	int found;

	quiet_debug();
	sb = ddit_stats();
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	p[0] = kmem_alloc(100, KM_SLEEP); lines[0] = __LINE__;
	p[1] = kmem_zalloc(2000, KM_NOSLEEP); lines[1] = __LINE__;
	p[2] = kmem_alloc(MiB, KM_SLEEP); lines[2] = __LINE__;
	ck_assert(p[0] && p[1] && p[2]);
	ddit_log_clear();
	s0 = ddit_stats();
	ck_assert_uint_eq(svr5ddi_leak_report(), 3);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_LEAK],
			  s0.misuse[SVR5DDI_MISUSE_LEAK] + 3);
	ck_assert_uint_eq(s1.misuse_total, s0.misuse_total + 3);
	ck_assert_uint_eq(leak_lines(), 3);
	for (i = 0; i < 3; i++) {
		found = 0;
		for (n = 0; ddit_log_line("leak", n, buf, sizeof(buf)); n++) {
			if (!ddit_has_site(buf, __FILE__, lines[i]))
				continue;
			found++;
			ck_assert_msg(strstr(buf, "svr5ddi: ") != NULL, "%s",
				      buf);
			ck_assert_line_has_addr(buf, p[i]);
			ck_assert_line_has_size(buf, sizes[i]);
		}
		ck_assert_msg(found == 1, "allocation at line %d: %d lines",
			      lines[i], found);
	}
	/* the report changes nothing: the memory is still live and usable */
	memset(p[0], 1, 100);
	kmem_free(p[0], 100);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), 2);
	ck_assert_uint_eq(leak_lines(), 2);
	kmem_free(p[1], 2000);
	kmem_free(p[2], MiB);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	ck_assert_uint_eq(leak_lines(), 0);
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

START_TEST(test_leak_report_physreq_memory)
{
	struct svr5ddi_stats sb;
	unsigned long base;
	char buf[1024];
	unsigned int n;
	physreq_t *pr;
	int line, found = 0;
	void *p;

	quiet_debug();
	sb = ddit_stats();
	pr = physreq_alloc(KM_SLEEP);
	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 24;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	base = svr5ddi_leak_report();
	p = kmem_alloc_physreq(333, pr, KM_SLEEP); line = __LINE__;
	ck_assert_ptr_nonnull(p);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), base + 1);
	for (n = 0; ddit_log_line("leak", n, buf, sizeof(buf)); n++)
		if (ddit_has_site(buf, __FILE__, line)) {
			found++;
			ck_assert_line_has_size(buf, 333);
			ck_assert_line_has_addr(buf, p);
		}
	ck_assert_int_eq(found, 1);
	kmem_free(p, 333);
	ck_assert_uint_eq(svr5ddi_leak_report(), base);
	physreq_free(pr);
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	ck_assert_live_as(sb);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_misuse");
	TCase *tc;

	tc = tcase_create("frees");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_wrong_size_free);
	tcase_add_test(tc, test_double_free);
	tcase_add_test(tc, test_double_free_names_alloc_site);
	tcase_add_test(tc, test_double_free_at_interrupt_level);
	tcase_add_test(tc, test_wild_free);
	tcase_add_test(tc, test_interior_free);
	suite_add_tcase(s, tc);

	tc = tcase_create("redzone");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_redzone_small);
	tcase_add_test(tc, test_redzone_large);
	tcase_add_test(tc, test_redzone_physreq);
	tcase_add_test(tc, test_redzone_slack_only_above_small);
	tcase_add_test(tc, test_nosleep_above_contig_reported);
	tcase_add_test(tc, test_redzone_physreq_full_block);
	suite_add_tcase(s, tc);

	tc = tcase_create("atomic");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_sleep_under_spin_lock);
	tcase_add_test(tc, test_sleep_in_hardirq);
	suite_add_tcase(s, tc);

	tc = tcase_create("physreq");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_unprepped_zeroed_static);
	tcase_add_test(tc, test_unprepped_valid);
	tcase_add_test(tc, test_changed_since_prep);
	tcase_add_test(tc, test_changed_since_prep_fast);
	tcase_add_test(tc, test_foreign_physreq_free);
	suite_add_tcase(s, tc);

	tc = tcase_create("overflow_leak");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_size_overflow);
	tcase_add_test(tc, test_leak_report);
	tcase_add_test(tc, test_leak_report_physreq_memory);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
