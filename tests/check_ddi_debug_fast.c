/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_debug_fast.c - the debug layer's fast paths (ddi/phys.c
 * ddi_phys_alloc_debug / ddi_pool_free_debug, ddi/kmem.c
 * ddi_mem_alloc_debug / ddi_free_debug) behave exactly as its general
 * path does, seen through the public API only.
 *
 * A fast path serves an allocation from this CPU's magazines of blocks
 * and records, and a free of a block whose record is published where the
 * fast path looks (a pool page's slot array, a slab object's trailer).
 * So every test first warms the pool or class it uses (a few
 * allocations freed again), and then allocates and frees on the fast
 * paths; anything they do not handle falls to the general path, which
 * the tests reach on purpose too (pages beyond the spare slot arrays,
 * interrupt context, debug switched at run time).
 *
 * What is pinned (spec section 10, ddictl.h DIAGNOSTICS):
 *   - guard bytes of every length a block's slack gives (0..16, capped
 *     at 16): an intact free is silent; any one guard byte changed is
 *     one REDZONE report naming kmem_free, the address, the size and
 *     both sites; a byte past the checked zone is not; setting guard
 *     bytes never touches a neighbour block; the freed memory is reused
 *     and the live counts return to their start;
 *   - a wrong size is one SIZE_MISMATCH report with both sites, and the
 *     recorded size is freed; size 0 frees nothing;
 *   - a second free after a fast-path free is one DOUBLE_FREE report
 *     naming the three sites, and frees nothing: N allocations then give
 *     N distinct addresses; also when the first free was made on another
 *     CPU; interior and interrupt-context frees;
 *   - two threads freeing the same blocks at once (batches, and single
 *     blocks released together with a varying skew, so that both frees
 *     reach the slot's cmpxchg at once in some rounds): exactly one free
 *     of each succeeds, every other one is one report;
 *   - the leak report and svr5ddi_phys_owner describe a fast-path
 *     allocation (call, size, backend pool, caller's file:line) at the
 *     physical address vtop/kvtophys/kvtoppid give;
 *   - more pool pages than spare slot arrays (sub-page blocks) or single
 *     slots (page-sized blocks), and pages of page-sized blocks reused
 *     by a small-block pool: records in the hash, same reports, same
 *     frees;
 *   - debug switched off and on with blocks of either kind live: no
 *     false report, balanced counts, a redzone still caught.
 *
 * Fresh process per test (fork mode), debug on, log quiet.
 */
#include "ddi_test_common.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define RZ_MAX		16	/* guard bytes checked at most */

/*
 * An allocation (kmem_alloc_physreq of @pr, or kmem_alloc when @pr is
 * NULL) and a free, with the line of the call stored in @ln.  Keep each
 * use on one line: the site is that line.
 */
#define ALLOC(pr, size, flag, ln) ((ln) = __LINE__, (pr) ? \
	(char *)kmem_alloc_physreq((size), (pr), (flag)) : \
	(char *)kmem_alloc((size), (flag)))
#define FREE(p, size, ln) \
	do { (ln) = __LINE__; kmem_free((p), (size)); } while (0)

static void quiet_debug(void)
{
	ddit_debug_on();
	ddit_log_quiet(1);
	ddit_log_clear();
}

static const char *tag_text(int tag)
{
	const char *t = svr5ddi_misuse_text((enum svr5ddi_misuse)tag);

	ck_assert_ptr_nonnull(t);
	return t;
}

/* Counters moved by exactly @want[tag] since @s0 (total included). */
static void expect_counts(const struct svr5ddi_stats *s0,
			  const unsigned long *want)
{
	struct svr5ddi_stats s1 = ddit_stats();
	unsigned long total = 0;
	int i;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++) {
		ck_assert_msg(s1.misuse[i] == s0->misuse[i] + want[i],
			      "misuse[%s] %lu, expected %lu",
			      svr5ddi_misuse_name((enum svr5ddi_misuse)i),
			      s1.misuse[i], s0->misuse[i] + want[i]);
		total += want[i];
	}
	ck_assert_uint_eq(s1.misuse_total, s0->misuse_total + total);
}

static void expect_one(const struct svr5ddi_stats *s0, int tag)
{
	unsigned long want[SVR5DDI_MISUSE_NR] = { 0 };

	want[tag] = 1;
	expect_counts(s0, want);
}

/* "0x<v>" in @line as a whole hex number. */
static int has_hex(const char *line, unsigned long v)
{
	const char *s = line;
	char h[32];
	size_t n = (size_t)snprintf(h, sizeof(h), "0x%lx", v);

	while ((s = strstr(s, h)) != NULL) {
		if (!isxdigit_ascii(s[n]))
			return 1;
		s++;
	}
	return 0;
}

#define ck_line_addr(buf, p) \
	ck_assert_msg(has_hex(buf, (unsigned long)(p)), \
		      "no address %p in: %s", (void *)(p), buf)
#define ck_line_num(buf, n) \
	ck_assert_msg(ddit_has_number(buf, (unsigned long)(n)), \
		      "no number %lu in: %s", (unsigned long)(n), buf)
#define ck_line_site(buf, line) \
	ck_assert_msg(ddit_has_site(buf, __FILE__, line), \
		      "no site %s:%d in: %s", ddit_basename(__FILE__), \
		      line, buf)
#define ck_line_has(buf, s) \
	ck_assert_msg(strstr(buf, s) != NULL, "no \"%s\" in: %s", s, buf)

/*
 * Exactly one report since @s0 (log cleared before), of @tag, by
 * kmem_free: "svr5ddi: kmem_free: TEXT: ..." naming @p, @size and the
 * sites @aline (allocation) and @fline (this free).  Copied to @buf.
 */
static void expect_report(const struct svr5ddi_stats *s0, int tag,
			  const void *p, size_t size, int aline, int fline,
			  char *buf, size_t len)
{
	const char *text = tag_text(tag);
	char head[128];

	expect_one(s0, tag);
	ck_assert_msg(ddit_log_count(text) == 1, "%u lines with \"%s\"",
		      ddit_log_count(text), text);
	ck_assert(ddit_log_line(text, 0, buf, len));
	snprintf(head, sizeof(head), "svr5ddi: kmem_free: %s", text);
	ck_line_has(buf, head);
	ck_line_addr(buf, p);
	ck_line_num(buf, size);
	ck_line_site(buf, aline);
	ck_line_site(buf, fline);
}

static physreq_t *new_physreq32(void)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);

	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	return pr;
}

/* The pool block size serving @size (align 1): as ddi/phys.c computes it. */
static size_t block_of(size_t size)
{
	size_t bs = 8;

	while (bs < size)
		bs <<= 1;
	return bs;
}

/*
 * Warm the fast paths for @size: allocations freed again, so this CPU's
 * magazines hold blocks (whose pages have record slots) and records.
 */
static void warm(const physreq_t *pr, size_t size)
{
	char *p[6];
	unsigned int i;
	int ln;

	for (i = 0; i < NELEM(p); i++) {
		p[i] = ALLOC(pr, size, i & 1 ? KM_NOSLEEP : KM_SLEEP, ln);
		ck_assert_ptr_nonnull(p[i]);
	}
	for (i = NELEM(p); i-- > 0;)
		kmem_free(p[i], size);
	(void)ln;
}

/* The index of a pointer of @p[0..n) equal to @q, or -1. */
static int find_ptr(char *const *p, unsigned int n, const char *q)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (p[i] == q)
			return (int)i;
	return -1;
}

/* The first byte of @p[0..n) other than @c, or -1: one assertion a buffer. */
static long first_other(const char *p, size_t n, unsigned char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] != c)
			return (long)i;
	return -1;
}

/* Offset in its page of the physical address of @p[i]. */
static unsigned long phys_page_offset(char *const *p, unsigned int i)
{
	return (unsigned long)kvtophys(p[i]) % PAGESIZE;
}

/*
 * @n allocations of @size at once: non-NULL, pairwise distinct, each
 * keeping its own contents while the others are written; freed silently,
 * the live counts back where they were.
 */
static void check_reuse(const physreq_t *pr, size_t size, unsigned int n)
{
	struct svr5ddi_stats s0 = ddit_stats();
	unsigned int i, j;
	char **p = calloc(n, sizeof(*p));
	size_t k;
	int ln;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++) {
		p[i] = ALLOC(pr, size, KM_SLEEP, ln);
		if (!p[i])
			ck_abort_msg("allocation %u of %zu: NULL", i, size);
		j = (unsigned int)find_ptr(p, i, p[i]);
		if (j < i)
			ck_abort_msg("size %zu: %p returned twice (%u, %u)",
				     size, (void *)p[i], j, i);
		memset(p[i], (int)(i * 7 + 1), size);
	}
	for (i = 0; i < n; i++) {
		k = (size_t)first_other(p[i], size, (unsigned char)(i * 7 + 1));
		if (k < size)
			ck_abort_msg("size %zu: block %u byte %zu clobbered",
				     size, i, k);
		kmem_free(p[i], size);
	}
	free(p);
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(s0);
	(void)ln;
}

/* Number of "CALL: leak" lines naming @p since the last clear. */
static unsigned int leak_lines_naming(const char *call, const void *p)
{
	const char *leak = tag_text(SVR5DDI_MISUSE_LEAK);
	char head[128], buf[512];
	unsigned int i, n = 0;

	snprintf(head, sizeof(head), "%s: %s", call, leak);
	for (i = 0; ddit_log_line(head, i, buf, sizeof(buf)); i++)
		if (has_hex(buf, (unsigned long)p))
			n++;
	return n;
}

/* ---- 1. guard bytes of every length -------------------------------------- */

/*
 * One size: the slack gives rz = min(slack, 16) guard bytes.  Intact
 * frees are silent; each guard byte changed alone is one REDZONE report;
 * a byte past the checked zone is not; a run of blocks written to their
 * full size keeps its contents while the others are allocated (guard
 * bytes stay inside their block); the memory is reused afterwards.
 */
static void redzone_case(const physreq_t *pr, size_t size, size_t slack)
{
	size_t rz = slack < RZ_MAX ? slack : RZ_MAX, i;
	struct svr5ddi_stats s0, s1;
	char buf[512];
	int al, fl;
	char *p;

	warm(pr, size);
	s0 = ddit_stats();
	/* intact, on the fast path: silent, balanced */
	p = ALLOC(pr, size, KM_SLEEP, al);
	ck_assert_ptr_nonnull(p);
	memset(p, 0x5a, size);
	FREE(p, size, fl);
	ck_assert_msg(ddit_stats().misuse_total == s0.misuse_total,
		      "size %zu (slack %zu): intact free reported", size,
		      slack);
	ck_assert_live_as(s0);

	for (i = 0; i < rz; i++) {
		unsigned char *g;

		ddit_log_clear();
		s0 = ddit_stats();
		p = ALLOC(pr, size, i & 1 ? KM_NOSLEEP : KM_SLEEP, al);
		ck_assert_ptr_nonnull(p);
		memset(p, 0x5a, size);
		g = (unsigned char *)p + size + i;
		*g = (unsigned char)~*g;	/* differs, whatever it was */
		FREE(p, size, fl);
		s1 = ddit_stats();
		ck_assert_msg(s1.misuse[SVR5DDI_MISUSE_REDZONE] ==
			      s0.misuse[SVR5DDI_MISUSE_REDZONE] + 1,
			      "size %zu (slack %zu): guard byte %zu of %zu "
			      "changed, %lu redzone reports", size, slack, i,
			      rz, s1.misuse[SVR5DDI_MISUSE_REDZONE] -
			      s0.misuse[SVR5DDI_MISUSE_REDZONE]);
		expect_report(&s0, SVR5DDI_MISUSE_REDZONE, p, size, al, fl,
			      buf, sizeof(buf));
		/* the block is freed: live counts back */
		ck_assert_live_as(s0);
	}
	if (slack > RZ_MAX) {	/* past the checked bytes: not a misuse */
		s0 = ddit_stats();
		p = ALLOC(pr, size, KM_SLEEP, al);
		ck_assert_ptr_nonnull(p);
		p[size + RZ_MAX] = (char)~p[size + RZ_MAX];
		FREE(p, size, fl);
		ck_assert_no_misuse_since(s0);
		ck_assert_live_as(s0);
	}
	(void)al;
	(void)fl;
	/* twice: the magazine gives the blocks back in the other order */
	check_reuse(pr, size, 24);
	check_reuse(pr, size, 24);
}

static const size_t rz_list[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16 };

START_TEST(test_redzone_pool_lengths)
{
	static const size_t blocks[] = { 8, 16, 64, 4096 };
	struct svr5ddi_stats sb;
	physreq_t *pr;
	unsigned int b, r, cases = 0;

	quiet_debug();
	pr = new_physreq32();
	sb = ddit_stats();
	for (b = 0; b < NELEM(blocks); b++)
		for (r = 0; r < NELEM(rz_list); r++) {
			size_t size;

			/* size must still select this block */
			if (rz_list[r] >= blocks[b])
				continue;
			size = blocks[b] - rz_list[r];
			if (block_of(size) != blocks[b])
				continue;
			redzone_case(pr, size, rz_list[r]);
			cases++;
		}
	ck_assert_uint_eq(cases, 7 + 7 + 11 + 11);
	/* slack above 16: 16 guard bytes */
	redzone_case(pr, 33, 64 - 33);
	redzone_case(pr, 17, 32 - 17);
	redzone_case(pr, 2049, 4096 - 2049);
	ck_assert_live_as(sb);
	physreq_free(pr);
}
END_TEST

/*
 * kmem_alloc: a tracked slab object holds size + 8 guard bytes + a
 * 16-byte trailer, so its guard bytes are 8..16 (fast path); sizes above
 * 8168 keep the 8 KiB class with the rounding's slack, 0..16 bytes
 * (general path, record in the hash).
 */
START_TEST(test_redzone_kmem_lengths)
{
	struct svr5ddi_stats sb;
	unsigned int r;

	quiet_debug();
	sb = ddit_stats();
	for (r = 0; r < NELEM(rz_list); r++) {
		size_t rz = rz_list[r];

		if (rz >= 8) {
			redzone_case(NULL, 64 - 16 - rz, rz);
			redzone_case(NULL, 4096 - 16 - rz, rz);
		}
		redzone_case(NULL, 8192 - rz, rz);
	}
	redzone_case(NULL, 20, 64 - 16 - 20);		/* capped */
	redzone_case(NULL, 8169, 8192 - 8169);		/* capped */
	ck_assert_live_as(sb);
}
END_TEST

/* ---- 2., 3. wrong size, double, interior and interrupt frees ------------- */

/*
 * Free with size @bad: one SIZE_MISMATCH.  With @guard_like the buffer
 * is filled with the value its first guard byte holds, so a smaller
 * @bad leaves bytes that look like intact guard bytes where the wrong
 * size puts them: only the size itself tells.
 */
static void wrong_size_case(const physreq_t *pr, size_t size, size_t bad,
			    int guard_like)
{
	struct svr5ddi_stats s0, s1;
	char buf[512], want[64];
	int al, fl, dl;
	char *p;

	warm(pr, size);
	ddit_log_clear();
	s0 = ddit_stats();
	p = ALLOC(pr, size, KM_SLEEP, al);
	ck_assert_ptr_nonnull(p);
	memset(p, guard_like ? p[size] : 0x11, size);
	s1 = ddit_stats();
	FREE(p, bad, fl);
	expect_report(&s1, SVR5DDI_MISUSE_SIZE_MISMATCH, p, bad, al, fl, buf,
		      sizeof(buf));
	snprintf(want, sizeof(want), "allocated %zu at ", size);
	ck_line_has(buf, want);
	/* freed with the recorded size */
	ck_assert_live_as(s0);
	/* really freed: a second free is a double free */
	ddit_log_clear();
	s1 = ddit_stats();
	FREE(p, size, dl);
	expect_report(&s1, SVR5DDI_MISUSE_DOUBLE_FREE, p, size, al, dl, buf,
		      sizeof(buf));
	ck_line_site(buf, fl);
	ck_assert_live_as(s0);
}

START_TEST(test_wrong_size_pool)
{
	struct svr5ddi_stats sb, s0;
	physreq_t *pr;
	char *p;
	int al, fl;

	quiet_debug();
	pr = new_physreq32();
	sb = ddit_stats();
	wrong_size_case(pr, 100, 99, 0);
	wrong_size_case(pr, 100, 101, 0);
	wrong_size_case(pr, 100, 128, 0);
	wrong_size_case(pr, 100, 1, 0);
	wrong_size_case(pr, 100, 3 * PAGESIZE, 0);
	wrong_size_case(pr, 8, 16, 0);
	wrong_size_case(pr, 4000, 4096, 0);
	wrong_size_case(NULL, 100, 99, 0);	/* kmem_alloc, alike */
	wrong_size_case(pr, 100, 99, 1);
	wrong_size_case(pr, 20, 16, 1);
	wrong_size_case(NULL, 100, 99, 1);
	wrong_size_case(NULL, 20, 12, 1);
	wrong_size_case(NULL, 100, 8192, 0);

	/* size 0 frees nothing, reports nothing */
	warm(pr, 100);
	s0 = ddit_stats();
	p = ALLOC(pr, 100, KM_SLEEP, al);
	ck_assert_ptr_nonnull(p);
	memset(p, 0x12, 100);
	kmem_free(p, 0);
	ck_assert_no_misuse_since(s0);
	ck_assert_uint_eq(ddit_stats().backend[SVR5DDI_BK_POOL].live_objects,
			  s0.backend[SVR5DDI_BK_POOL].live_objects + 1);
	ck_assert_uint_eq((unsigned char)p[99], 0x12);
	FREE(p, 100, fl);
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(s0);
	(void)al;
	(void)fl;
	ck_assert_live_as(sb);
	check_reuse(pr, 100, 80);
	physreq_free(pr);
}
END_TEST

/*
 * Fast-path allocation, fast-path free, then a second free: one
 * DOUBLE_FREE naming the allocation, the first free and the second;
 * nothing freed twice (80 allocations: 80 distinct addresses).
 */
static void double_free_case(const physreq_t *pr, size_t size)
{
	struct svr5ddi_stats s0, s1;
	int al, fl, dl;
	char buf[512];
	char *p;

	warm(pr, size);
	ddit_log_clear();
	s0 = ddit_stats();
	p = ALLOC(pr, size, KM_SLEEP, al);
	ck_assert_ptr_nonnull(p);
	memset(p, 0x22, size);
	FREE(p, size, fl);
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(s0);
	s1 = ddit_stats();
	FREE(p, size, dl);
	expect_report(&s1, SVR5DDI_MISUSE_DOUBLE_FREE, p, size, al, dl, buf,
		      sizeof(buf));
	ck_line_has(buf, "first freed at ");
	ck_assert_msg(ddit_has_site(strstr(buf, "first freed at "), __FILE__,
				    fl), "first free's site %d not named: %s",
		      fl, buf);
	ck_assert_live_as(s0);
	/* a third free: reported again, still nothing freed */
	ddit_log_clear();
	s1 = ddit_stats();
	FREE(p, size, dl);
	expect_report(&s1, SVR5DDI_MISUSE_DOUBLE_FREE, p, size, al, dl, buf,
		      sizeof(buf));
	ck_assert_live_as(s0);
	check_reuse(pr, size, 80);
}

START_TEST(test_double_free_pool)
{
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	double_free_case(pr, 100);
	double_free_case(pr, 8);
	double_free_case(pr, 4000);
	physreq_free(pr);
}
END_TEST

START_TEST(test_double_free_kmem)
{
	quiet_debug();
	double_free_case(NULL, 100);
	double_free_case(NULL, 1);
	double_free_case(NULL, 4000);
}
END_TEST

/* Interior pointers of a fast-path block: reported, nothing freed. */
START_TEST(test_interior_free_pool)
{
	static const size_t offs[] = { 8, 64, 96 };
	struct svr5ddi_stats s0, s1;
	physreq_t *pr;
	char buf[512], want[64];
	unsigned int i;
	int al, fl;
	char *p;

	quiet_debug();
	pr = new_physreq32();
	warm(pr, 100);
	s0 = ddit_stats();
	p = ALLOC(pr, 100, KM_SLEEP, al);
	ck_assert_ptr_nonnull(p);
	memset(p, 0x33, 100);
	for (i = 0; i < NELEM(offs); i++) {
		ddit_log_clear();
		s1 = ddit_stats();
		FREE(p + offs[i], 100 - offs[i], fl);
		expect_report(&s1, SVR5DDI_MISUSE_INTERIOR_FREE, p + offs[i],
			      100 - offs[i], al, fl, buf, sizeof(buf));
		ck_line_addr(buf, p);
		snprintf(want, sizeof(want), "(offset %zu)", offs[i]);
		ck_line_has(buf, want);
		ck_assert_live_as(s1);
	}
	ck_assert_uint_eq((unsigned char)p[0], 0x33);
	ck_assert_uint_eq((unsigned char)p[99], 0x33);
	s1 = ddit_stats();
	FREE(p, 100, fl);
	ck_assert_no_misuse_since(s1);
	ck_assert_live_as(s0);
	check_reuse(pr, 100, 80);
	physreq_free(pr);
}
END_TEST

struct irq_free {
	void *p;
	size_t size;
	int line;		/* of the free */
};

static void irq_free_fn(void *arg)
{
	struct irq_free *f = arg;

	FREE(f->p, f->size, f->line);
}

/*
 * Frees at interrupt level leave the fast path (task context only): the
 * general path frees silently, and a second free there is a double free.
 */
START_TEST(test_free_in_interrupt)
{
	static const size_t sizes[] = { 100, 4000 };
	struct svr5ddi_stats s0, s1;
	struct irq_free f;
	physreq_t *pr;
	char buf[512];
	unsigned int i, k;
	int al;

	quiet_debug();
	pr = new_physreq32();
	for (k = 0; k < 2; k++)
		for (i = 0; i < NELEM(sizes); i++) {
			const physreq_t *q = k ? NULL : pr;

			warm(q, sizes[i]);
			ddit_log_clear();
			s0 = ddit_stats();
			f.size = sizes[i];
			f.p = ALLOC(q, f.size, KM_SLEEP, al);
			ck_assert_ptr_nonnull(f.p);
			memset(f.p, 0x44, f.size);
			ddit_run_in_hardirq(irq_free_fn, &f);
			ck_assert_no_misuse_since(s0);
			ck_assert_live_as(s0);
			s1 = ddit_stats();
			ddit_run_in_softirq(irq_free_fn, &f);
			expect_one(&s1, SVR5DDI_MISUSE_DOUBLE_FREE);
			ck_assert(ddit_log_line(tag_text(
					SVR5DDI_MISUSE_DOUBLE_FREE), 0, buf,
					sizeof(buf)));
			ck_line_addr(buf, f.p);
			ck_line_num(buf, f.size);
			ck_line_site(buf, f.line);	/* freed again */
			/* the other sites: test_double_free_sites_other_cpu */
			(void)al;
			ck_assert_live_as(s0);
			check_reuse(q, f.size, 40);
		}
	physreq_free(pr);
}
END_TEST

struct thread_free {
	void *p;
	size_t size;
	int line;
};

static void *thread_free_fn(void *arg)
{
	struct thread_free *f = arg;

	FREE(f->p, f->size, f->line);
	return NULL;
}

static void hardirq_free_fn(void *arg)
{
	thread_free_fn(arg);
}

/*
 * A block freed once on this CPU (warm), allocated again, freed by
 * another CPU (a thread: the fast path; a hardirq: the general path),
 * then freed a second time here: the double free report names the sites
 * of the block's current life (its allocation, the other CPU's free),
 * not those of its earlier life, whose tombstone this CPU still holds.
 */
static void other_cpu_case(const physreq_t *q, size_t size, int hardirq)
{
	struct svr5ddi_stats s0, s1;
	struct thread_free f;
	char buf[512];
	const char *first;
	pthread_t th;
	int al, dl;

	warm(q, size);
	ddit_log_clear();
	s0 = ddit_stats();
	f.size = size;
	f.p = ALLOC(q, size, KM_SLEEP, al);
	ck_assert_ptr_nonnull(f.p);
	memset(f.p, 0x45, size);
	if (hardirq) {
		ddit_run_in_hardirq(hardirq_free_fn, &f);
	} else {
		ck_assert_int_eq(pthread_create(&th, NULL, thread_free_fn, &f),
				 0);
		pthread_join(th, NULL);
	}
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(s0);
	s1 = ddit_stats();
	FREE(f.p, size, dl);
	expect_one(&s1, SVR5DDI_MISUSE_DOUBLE_FREE);
	ck_assert(ddit_log_line(tag_text(SVR5DDI_MISUSE_DOUBLE_FREE), 0, buf,
				sizeof(buf)));
	ck_line_addr(buf, f.p);
	ck_line_site(buf, dl);
	first = strstr(buf, "first freed at ");
	ck_assert_msg(ddit_has_site(buf, __FILE__, al) && first &&
		      ddit_has_site(first, __FILE__, f.line),
		      "%s of %zu, first freed by a %s: allocated at line %d, "
		      "first freed at %d, not so named: %s",
		      q ? "kmem_alloc_physreq" : "kmem_alloc", size,
		      hardirq ? "hardirq" : "thread", al, f.line, buf);
	ck_assert_live_as(s0);
}

START_TEST(test_double_free_sites_other_cpu)
{
	static const size_t sizes[] = { 100, 4000 };
	unsigned int i, k, h;
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	for (h = 0; h < 2; h++)
		for (k = 0; k < 2; k++)
			for (i = 0; i < NELEM(sizes); i++)
				other_cpu_case(k ? NULL : pr, sizes[i], h);
	physreq_free(pr);
}
END_TEST

/* ---- 4. two threads free the same blocks --------------------------------- */

#define RACE_K		16	/* blocks per round */
#define RACE_ROUNDS	300

struct race {
	pthread_barrier_t start, done;
	char *p[RACE_K];
	size_t size[RACE_K];
	int stop, round;
	atomic_int ready, go;
};

struct racer {
	struct race *r;
	int id;
};

/* Both threads free every block of the round, in step or crossing. */
static void *race_fn(void *arg)
{
	struct racer *me = arg;
	struct race *r = me->r;
	unsigned long spins;
	int j;

	for (;;) {
		pthread_barrier_wait(&r->start);
		if (r->stop)
			break;
		if (atomic_fetch_add(&r->ready, 1) + 1 == 2)
			atomic_store(&r->go, r->round);
		for (spins = 0; atomic_load(&r->go) != r->round; spins++)
			if (spins > 100000)
				sched_yield();
		for (j = 0; j < RACE_K; j++) {
			/* odd rounds: in step; even: crossing */
			int k = me->id && !(r->round & 1) ? RACE_K - 1 - j : j;

			kmem_free(r->p[k], r->size[k]);
		}
		pthread_barrier_wait(&r->done);
	}
	return NULL;
}

START_TEST(test_race_double_free_pool)
{
	static const size_t sizes[] = { 24, 100, 1000, 4000 };
	const char *dbl = tag_text(SVR5DDI_MISUSE_DOUBLE_FREE);
	const char *wild = tag_text(SVR5DDI_MISUSE_WILD_FREE);
	struct svr5ddi_stats sb;
	struct racer who[2];
	pthread_t th[2];
	struct race r;
	physreq_t *pr;
	int i, j, round;

	quiet_debug();
	pr = new_physreq32();
	for (i = 0; i < (int)NELEM(sizes); i++)
		warm(pr, sizes[i]);
	sb = ddit_stats();
	memset(&r, 0, sizeof(r));
	atomic_init(&r.ready, 0);
	atomic_init(&r.go, 0);
	ck_assert_int_eq(pthread_barrier_init(&r.start, NULL, 3), 0);
	ck_assert_int_eq(pthread_barrier_init(&r.done, NULL, 3), 0);
	for (i = 0; i < 2; i++) {
		who[i].r = &r;
		who[i].id = i;
		ck_assert_int_eq(pthread_create(&th[i], NULL, race_fn, &who[i]),
				 0);
	}
	for (round = 0; round < RACE_ROUNDS; round++) {
		struct svr5ddi_stats s0, s1;
		unsigned long bytes = 0;
		unsigned int named[RACE_K] = { 0 }, n, d;

		for (j = 0; j < RACE_K; j++) {
			size_t size = sizes[(round + j) % NELEM(sizes)];

			r.p[j] = kmem_alloc_physreq(size, pr, KM_SLEEP);
			ck_assert_ptr_nonnull(r.p[j]);
			memset(r.p[j], 0x55, size);
			r.size[j] = size;
			bytes += size;
		}
		ddit_log_clear();
		s0 = ddit_stats();
		r.round = round + 1;
		atomic_store(&r.ready, 0);
		pthread_barrier_wait(&r.start);
		pthread_barrier_wait(&r.done);
		s1 = ddit_stats();
		/* exactly one free of each block released it */
		ck_assert_msg(s1.backend[SVR5DDI_BK_POOL].live_objects ==
			      s0.backend[SVR5DDI_BK_POOL].live_objects - RACE_K,
			      "round %d: pool live %lu, were %lu", round,
			      s1.backend[SVR5DDI_BK_POOL].live_objects,
			      s0.backend[SVR5DDI_BK_POOL].live_objects);
		ck_assert_uint_eq(s1.backend[SVR5DDI_BK_POOL].live_bytes,
				  s0.backend[SVR5DDI_BK_POOL].live_bytes -
				  bytes);
		/* and the other was reported, once */
		ck_assert_msg(s1.misuse_total == s0.misuse_total + RACE_K,
			      "round %d: %lu reports for %d blocks", round,
			      s1.misuse_total - s0.misuse_total, RACE_K);
		ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
				  s1.misuse[SVR5DDI_MISUSE_WILD_FREE],
				  s0.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
				  s0.misuse[SVR5DDI_MISUSE_WILD_FREE] + RACE_K);
		d = ddit_log_count(dbl);
		n = d + ddit_log_count(wild);
		ck_assert_uint_eq(n, RACE_K);
		for (i = 0; i < (int)n; i++) {
			char buf[512];

			ck_assert(ddit_log_line(i < (int)d ? dbl : wild,
						(unsigned int)(i < (int)d ?
							       i : i - (int)d),
						buf, sizeof(buf)));
			for (j = 0; j < RACE_K; j++)
				if (has_hex(buf, (unsigned long)r.p[j]))
					named[j]++;
		}
		for (j = 0; j < RACE_K; j++)
			ck_assert_msg(named[j] == 1,
				      "round %d: %p named by %u reports",
				      round, (void *)r.p[j], named[j]);
	}
	r.stop = 1;
	pthread_barrier_wait(&r.start);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&r.start);
	pthread_barrier_destroy(&r.done);
	ck_assert_live_as(sb);
	for (i = 0; i < (int)NELEM(sizes); i++)
		check_reuse(pr, sizes[i], 300);
	ddit_log_clear();
	svr5ddi_leak_report();
	ck_assert_uint_eq(ddit_log_count("kmem_alloc_physreq: leak"), 0);
	physreq_free(pr);
}
END_TEST

/*
 * One block a round (a pool block, one round in four a kmem_alloc
 * object), freed by two threads released together, one of
 * them held back by a delay that varies from round to round, so over
 * the rounds the two frees overlap at every distance, down to both
 * reaching the slot's cmpxchg at once.  The thread that allocates also
 * checks each round (no Check assertion outside the test's thread):
 * exactly one report (double free, or unknown address when it comes
 * before the winner's tombstone), exactly one block and its bytes
 * released.
 */
#define SYNC_ROUNDS	5000

struct sync_race {
	const physreq_t *pr;
	atomic_uint seq;		/* the round whose block is out */
	atomic_uint done;		/* frees finished in this round */
	char *p;
	size_t size;
	unsigned int bad, first_bad;	/* rounds that went wrong */
	unsigned long got_reports, got_live, got_bytes;
	size_t bad_size;
};

static void sync_delay(unsigned int n)
{
	volatile unsigned int i;

	for (i = 0; i < n; i++)
		;
}

/* Round @r's hold-back of thread @id: one of the two, 0..127 loops. */
static unsigned int sync_hold(unsigned int r, int id)
{
	return (int)(r & 1) == id ? (r >> 1) % 128 : 0;
}

/* Wait until @v holds @want; yield now and then (fewer CPUs than spinners). */
static void spin_until(atomic_uint *v, unsigned int want)
{
	unsigned long spins;

	for (spins = 1; atomic_load(v) != want; spins++)
		if (!(spins % 4096))
			sched_yield();
}

static void *sync_free_fn(void *arg)
{
	struct sync_race *s = arg;
	unsigned int r;

	for (r = 1; r <= SYNC_ROUNDS; r++) {
		spin_until(&s->seq, r);
		sync_delay(sync_hold(r, 1));
		kmem_free(s->p, s->size);
		atomic_fetch_add(&s->done, 1);
	}
	return NULL;
}

static void *sync_alloc_fn(void *arg)
{
	static const size_t sizes[] = { 8, 100, 4000 };
	struct sync_race *s = arg;
	struct svr5ddi_stats s0, s1;
	unsigned int r;

	for (r = 1; r <= SYNC_ROUNDS; r++) {
		s->size = sizes[r % NELEM(sizes)];
		/* one round in four a kmem_alloc object (its trailer) */
		s->p = r % 4 == 3 ? kmem_alloc(s->size, KM_SLEEP) :
		       kmem_alloc_physreq(s->size, s->pr, KM_SLEEP);
		if (!s->p) {
			s->bad++;
			break;
		}
		s0 = ddit_stats();
		atomic_store(&s->done, 0);
		atomic_store(&s->seq, r);
		sync_delay(sync_hold(r, 0));
		kmem_free(s->p, s->size);
		atomic_fetch_add(&s->done, 1);
		spin_until(&s->done, 2);
		s1 = ddit_stats();
		if (s1.misuse_total != s0.misuse_total + 1 ||
		    s1.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
		    s1.misuse[SVR5DDI_MISUSE_WILD_FREE] !=
		    s0.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
		    s0.misuse[SVR5DDI_MISUSE_WILD_FREE] + 1 ||
		    ddit_live_objects(&s1) + 1 != ddit_live_objects(&s0) ||
		    ddit_live_bytes(&s1) + s->size != ddit_live_bytes(&s0)) {
			if (!s->bad++) {
				s->first_bad = r;
				s->bad_size = s->size;
				s->got_reports = s1.misuse_total -
						 s0.misuse_total;
				s->got_live = ddit_live_objects(&s0) -
					      ddit_live_objects(&s1);
				s->got_bytes = ddit_live_bytes(&s0) -
					       ddit_live_bytes(&s1);
			}
		}
	}
	if (r <= SYNC_ROUNDS)		/* let the other thread finish */
		for (; r <= SYNC_ROUNDS; r++)
			atomic_store(&s->seq, r);
	return NULL;
}

START_TEST(test_race_double_free_sync)
{
	struct svr5ddi_stats sb, s1;
	struct sync_race s;
	pthread_t a, b;
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	sb = ddit_stats();
	memset(&s, 0, sizeof(s));
	s.pr = pr;
	atomic_init(&s.seq, 0);
	atomic_init(&s.done, 0);
	ck_assert_int_eq(pthread_create(&b, NULL, sync_free_fn, &s), 0);
	ck_assert_int_eq(pthread_create(&a, NULL, sync_alloc_fn, &s), 0);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	ck_assert_msg(s.bad == 0,
		      "%u of %d rounds wrong, first %u: %lu reports, %lu "
		      "blocks and %lu bytes released (1, 1, %zu expected)",
		      s.bad, SYNC_ROUNDS, s.first_bad, s.got_reports,
		      s.got_live, s.got_bytes, s.bad_size);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse_total, sb.misuse_total + SYNC_ROUNDS);
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
			  s1.misuse[SVR5DDI_MISUSE_WILD_FREE],
			  sb.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
			  sb.misuse[SVR5DDI_MISUSE_WILD_FREE] + SYNC_ROUNDS);
	ck_assert_live_as(sb);
	check_reuse(pr, 8, 200);
	check_reuse(pr, 100, 200);
	check_reuse(pr, 4000, 100);
	check_reuse(NULL, 100, 200);
	physreq_free(pr);
}
END_TEST

/* ---- 5. what the records say --------------------------------------------- */

START_TEST(test_leak_report_and_owner)
{
	static const size_t sizes[] = { 1, 100, 4000 };
	enum { N = NELEM(sizes) };
	const char *leak = tag_text(SVR5DDI_MISUSE_LEAK);
	unsigned long counts[SVR5DDI_MISUSE_NR] = { 0 };
	struct svr5ddi_stats sb;
	char *p[N], buf[512], want[256];
	int al[N], fl;
	paddr_t pa;
	unsigned int i;
	unsigned long n;
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	for (i = 0; i < N; i++)
		warm(pr, sizes[i]);
	sb = ddit_stats();
	p[0] = ALLOC(pr, sizes[0], KM_SLEEP, al[0]);
	p[1] = ALLOC(pr, sizes[1], KM_NOSLEEP, al[1]);
	p[2] = ALLOC(pr, sizes[2], KM_SLEEP, al[2]);
	for (i = 0; i < N; i++) {
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], 0x66, sizes[i]);
	}
	ddit_log_clear();
	n = svr5ddi_leak_report();
	ck_assert_uint_eq(n, ddit_log_count(leak));
	counts[SVR5DDI_MISUSE_LEAK] = n;	/* each line is counted */
	ck_assert_uint_eq(ddit_log_count("kmem_alloc_physreq: leak"), N);
	for (i = 0; i < N; i++) {
		unsigned int k, found = 0;

		for (k = 0; ddit_log_line("kmem_alloc_physreq: leak", k, buf,
					  sizeof(buf)); k++) {
			if (!has_hex(buf, (unsigned long)p[i]))
				continue;
			found++;
			snprintf(want, sizeof(want), "size %zu,", sizes[i]);
			ck_line_has(buf, want);
			ck_line_has(buf, "backend pool");
			ck_line_site(buf, al[i]);
		}
		ck_assert_msg(found == 1, "%p in %u leak lines", (void *)p[i],
			      found);
	}

	/* the physical address: translations agree, the owner is the record */
	for (i = 0; i < N; i++) {
		pa = kvtophys(p[i]);
		ck_assert_uint_ne(pa, 0);
		ck_assert_uint_eq(vtop(p[i], NULL), pa);
		ck_assert_uint_eq((unsigned long long)pa, ddit_phys_of(p[i]));
		ck_assert_uint_eq(kvtoppid(p[i]), (ppid_t)(pa >> PAGESHIFT));
		ck_assert_uint_lt((unsigned long long)pa + sizes[i] - 1,
				  1ULL << 32);
		ck_assert_uint_eq((unsigned long long)kvtophys(p[i] +
							       sizes[i] - 1),
				  (unsigned long long)pa + sizes[i] - 1);
		snprintf(want, sizeof(want),
			 "kmem_alloc_physreq of %zu bytes at %s:%d", sizes[i],
			 __FILE__, al[i]);
		memset(buf, 0, sizeof(buf));
		ck_assert_int_eq(svr5ddi_phys_owner(pa, buf, sizeof(buf)), 1);
		ck_assert_str_eq(buf, want);
		memset(buf, 0, sizeof(buf));
		ck_assert_int_eq(svr5ddi_phys_owner(pa + sizes[i] - 1, buf,
						    sizeof(buf)), 1);
		ck_assert_str_eq(buf, want);
		/* the slack is nobody's */
		ck_assert_int_eq(svr5ddi_phys_owner(pa + sizes[i], buf,
						    sizeof(buf)), 0);
	}

	for (i = 0; i < N; i++) {
		pa = kvtophys(p[i]);
		FREE(p[i], sizes[i], fl);
		ck_assert_int_eq(svr5ddi_phys_owner(pa, buf, sizeof(buf)), 0);
	}
	(void)fl;
	ddit_log_clear();
	counts[SVR5DDI_MISUSE_LEAK] += svr5ddi_leak_report();
	ck_assert_uint_eq(counts[SVR5DDI_MISUSE_LEAK], n + n - N);
	ck_assert_uint_eq(ddit_log_count("kmem_alloc_physreq: leak"), 0);
	ck_assert_live_as(sb);
	expect_counts(&sb, counts);	/* nothing but the leak lines */
	physreq_free(pr);
}
END_TEST

/* ---- 6. more pool pages than spare slots --------------------------------- */

/*
 * ddi/phys.c keeps debug records of pool blocks in slots of their page's
 * registry entry: DDI_SLOT_ARRAYS (64) arrays for pages of sub-page
 * blocks, DDI_SLOT1_NR (4096) single slots for pages of page-sized
 * blocks, all made when the debug layer goes on.  Blocks on pages beyond
 * them, or that a page's slots cannot name, keep their records in the
 * hash: they must be tracked, checked and freed just the same.
 */
#define SLOT_ARRAYS	64	/* DDI_SLOT_ARRAYS */
#define SLOT1_NR	4096	/* DDI_SLOT1_NR */

/*
 * Free @p[0..n) (sizes @sz, allocated at lines @al): one in three
 * intact, one with its last guard byte changed, one with a wrong size;
 * each then freed again.  Every report is checked; the live counts drop
 * by one block each time.  Returns the reports it expected, by tag, in
 * @want (added to).
 */
static void free_checked(char **p, const size_t *sz, const int *al,
			 unsigned int n, unsigned long *want)
{
	struct svr5ddi_stats s0;
	unsigned int i;
	char buf[512];
	int fl, dl;

	for (i = 0; i < n; i++) {
		char *q = p[i];
		int tag = -1;

		if (first_other(q, sz[i], (unsigned char)(i + 1)) >= 0)
			ck_abort_msg("block %u (%p) clobbered", i, (void *)q);
		ddit_log_clear();
		s0 = ddit_stats();
		switch (i % 3) {
		case 0:
			FREE(q, sz[i], fl);
			break;
		case 1:
			q[sz[i] + RZ_MAX - 1] = (char)~q[sz[i] + RZ_MAX - 1];
			FREE(q, sz[i], fl);
			tag = SVR5DDI_MISUSE_REDZONE;
			break;
		default:
			FREE(q, sz[i] - 1, fl);
			tag = SVR5DDI_MISUSE_SIZE_MISMATCH;
			break;
		}
		if (tag < 0) {
			ck_assert_no_misuse_since(s0);
		} else {
			expect_report(&s0, tag, q,
				      tag == SVR5DDI_MISUSE_REDZONE ?
				      sz[i] : sz[i] - 1, al[i], fl, buf,
				      sizeof(buf));
			want[tag]++;
		}
		ck_assert_uint_eq(ddit_stats().backend[SVR5DDI_BK_POOL].
				  live_objects,
				  s0.backend[SVR5DDI_BK_POOL].live_objects - 1);
		ddit_log_clear();
		s0 = ddit_stats();
		FREE(q, sz[i], dl);
		expect_report(&s0, SVR5DDI_MISUSE_DOUBLE_FREE, q, sz[i], al[i],
			      dl, buf, sizeof(buf));
		ck_line_site(buf, fl);
		want[SVR5DDI_MISUSE_DOUBLE_FREE]++;
		ck_assert_live_as(s0);
	}
}

/*
 * 2000-byte blocks (two a page) on more pages than there are slot
 * arrays, then 100-byte blocks on pages that get none: every block is
 * in the leak report with its site, and free_checked() frees them.
 */
#define HALF_N		(2 * (SLOT_ARRAYS + 40))
#define SMALL_N		40

START_TEST(test_beyond_slot_arrays)
{
	enum { N = HALF_N + SMALL_N };
	unsigned long want[SVR5DDI_MISUSE_NR] = { 0 };
	struct svr5ddi_stats sb;
	char *p[N], buf[512];
	size_t sz[N];
	int al[N];
	unsigned int i, j;
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	sb = ddit_stats();
	for (i = 0; i < N; i++) {
		sz[i] = i < HALF_N ? 2000 : 100;
		p[i] = ALLOC(pr, sz[i], i & 1 ? KM_NOSLEEP : KM_SLEEP, al[i]);
		if (!p[i])
			ck_abort_msg("block %u: NULL", i);
		memset(p[i], (int)(i + 1), sz[i]);
		if (find_ptr(p, i, p[i]) >= 0)
			ck_abort_msg("%p returned twice", (void *)p[i]);
	}
	/* every one tracked, with its size and site */
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), N + 1);	/* + pr */
	want[SVR5DDI_MISUSE_LEAK] = N + 1;
	ck_assert_uint_eq(ddit_log_count("kmem_alloc_physreq: leak"), N);
	for (i = 0; i < N; i++) {
		char head[64];
		unsigned int k, found = 0;

		for (k = 0; ddit_log_line("kmem_alloc_physreq: leak", k, buf,
					  sizeof(buf)); k++) {
			if (!has_hex(buf, (unsigned long)p[i]))
				continue;
			found++;
			snprintf(head, sizeof(head), "size %zu,", sz[i]);
			if (!strstr(buf, head) ||
			    !ddit_has_site(buf, __FILE__, al[i]))
				ck_abort_msg("block %u: %s", i, buf);
		}
		if (found != 1)
			ck_abort_msg("block %u (%p) in %u leak lines", i,
				     (void *)p[i], found);
	}
	/* more pages than slot arrays */
	for (i = 0, j = 0; i < HALF_N; i++)
		j += (unsigned int)(phys_page_offset(p, i) == 0);
	ck_assert_uint_gt(j, SLOT_ARRAYS);
	free_checked(p, sz, al, N, want);
	ck_assert_live_as(sb);
	expect_counts(&sb, want);
	check_reuse(pr, 2000, HALF_N);
	check_reuse(pr, 100, 3 * SMALL_N);
	physreq_free(pr);
}
END_TEST

/*
 * Page-sized blocks on more pages than there are single slots: all
 * tracked (the leak report counts them, svr5ddi_phys_owner names each),
 * the last ones (certainly beyond) freed by free_checked(), the others
 * silently.
 */
#define PAGE_N		(SLOT1_NR + 40)
#define LAST_N		40

START_TEST(test_beyond_page_slots)
{
	unsigned long want[SVR5DDI_MISUSE_NR] = { 0 };
	struct svr5ddi_stats sb, s0;
	char **p, buf[256], name[256];
	size_t *sz;
	int *al;
	unsigned int i;
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	p = calloc(PAGE_N, sizeof(*p));
	sz = calloc(PAGE_N, sizeof(*sz));
	al = calloc(PAGE_N, sizeof(*al));
	ck_assert(p && sz && al);
	sb = ddit_stats();
	for (i = 0; i < PAGE_N; i++) {
		sz[i] = 4000;
		p[i] = ALLOC(pr, sz[i], KM_SLEEP, al[i]);
		if (!p[i])
			ck_abort_msg("block %u: NULL", i);
		p[i][0] = p[i][sz[i] - 1] = (char)(i + 1);
		if (i >= PAGE_N - LAST_N)
			memset(p[i], (int)(i - (PAGE_N - LAST_N) + 1), sz[i]);
	}
	/* one page each */
	for (i = 0; i < PAGE_N; i++)
		if (phys_page_offset(p, i) != 0)
			ck_abort_msg("block %u at page offset %lu", i,
				     (unsigned long)kvtophys(p[i]) % PAGESIZE);
	ddit_log_quiet(1);
	ck_assert_uint_eq(svr5ddi_leak_report(), PAGE_N + 1);
	want[SVR5DDI_MISUSE_LEAK] = PAGE_N + 1;
	for (i = PAGE_N - LAST_N; i < PAGE_N; i++) {
		snprintf(name, sizeof(name),
			 "kmem_alloc_physreq of 4000 bytes at %s:%d",
			 __FILE__, al[i]);
		if (svr5ddi_phys_owner(kvtophys(p[i]) + 3999, buf,
				       sizeof(buf)) != 1 || strcmp(buf, name))
			ck_abort_msg("block %u: owner \"%s\"", i, buf);
	}
	free_checked(p + PAGE_N - LAST_N, sz + PAGE_N - LAST_N,
		     al + PAGE_N - LAST_N, LAST_N, want);
	s0 = ddit_stats();
	for (i = 0; i < PAGE_N - LAST_N; i++) {
		if (p[i][0] != (char)(i + 1) || p[i][3999] != (char)(i + 1))
			ck_abort_msg("block %u clobbered", i);
		kmem_free(p[i], sz[i]);
	}
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(sb);
	expect_counts(&sb, want);
	check_reuse(pr, 4000, 2 * LAST_N);
	free(p);
	free(sz);
	free(al);
	physreq_free(pr);
}
END_TEST

/*
 * Pages of page-sized blocks (single slots) given back when their class
 * is reaped, then used by a pool of small blocks: the blocks a single
 * slot cannot name keep their records in the hash; all are tracked and
 * freed as anywhere else.
 */
START_TEST(test_page_reused_by_small_pool)
{
	enum { BIG = 16, SMALL = BIG * 4096 / 128 };
	unsigned long want[SVR5DDI_MISUSE_NR] = { 0 };
	ppid_t pages[BIG];
	struct svr5ddi_stats sb;
	char *p[SMALL], *big[BIG];
	size_t sz[SMALL];
	int al[SMALL], ln;
	unsigned int i, j, reused = 0;
	physreq_t *pr, *pr2;

	quiet_debug();
	sb = ddit_stats();
	pr = new_physreq32();
	for (i = 0; i < BIG; i++) {
		big[i] = ALLOC(pr, 4000, KM_SLEEP, ln);
		ck_assert_ptr_nonnull(big[i]);
		pages[i] = kvtoppid(big[i]);
	}
	for (i = 0; i < BIG; i++)
		kmem_free(big[i], 4000);
	(void)ln;
	physreq_free(pr);			/* the class goes */
	pr2 = physreq_alloc(KM_SLEEP);		/* another class */
	ck_assert_ptr_nonnull(pr2);
	pr2->phys_dmasize = 32;
	pr2->phys_align = 64;
	ck_assert(physreq_prep(pr2, KM_SLEEP) == B_TRUE);
	for (i = 0; i < SMALL; i++) {
		sz[i] = 100;
		p[i] = ALLOC(pr2, sz[i], KM_SLEEP, al[i]);
		if (!p[i])
			ck_abort_msg("block %u: NULL", i);
		memset(p[i], (int)(i + 1), sz[i]);
		for (j = 0; j < BIG; j++)
			reused += kvtoppid(p[i]) == pages[j] &&
				  kvtophys(p[i]) % PAGESIZE;
	}
	/* the scenario happened: small blocks inside pages of big ones */
	ck_assert_uint_gt(reused, 0);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), SMALL + 1);
	want[SVR5DDI_MISUSE_LEAK] = SMALL + 1;
	for (i = 0; i < SMALL; i += 5)
		ck_assert_uint_eq(leak_lines_naming("kmem_alloc_physreq", p[i]),
				  1);
	free_checked(p, sz, al, SMALL, want);
	ck_assert_live_as(sb);
	expect_counts(&sb, want);
	check_reuse(pr2, 100, SMALL);
	physreq_free(pr2);
}
END_TEST

/* ---- 7. debug switched with blocks live ---------------------------------- */

#define MIX_N	12

START_TEST(test_switch_mixed)
{
	static const size_t sizes[] = { 100, 4000 };
	struct svr5ddi_stats sb, s0;
	char *a[MIX_N], *u[MIX_N], *v[MIX_N];
	char buf[512];
	unsigned int i, k;
	int al, fl, dl;
	physreq_t *pr;

	quiet_debug();
	pr = new_physreq32();
	for (k = 0; k < NELEM(sizes); k++) {
		size_t size = sizes[k];

		warm(pr, size);
		sb = ddit_stats();
		/* tracked ones (fast path), freed with debug off */
		for (i = 0; i < MIX_N; i++) {
			a[i] = ALLOC(pr, size, KM_SLEEP, al);
			ck_assert_ptr_nonnull(a[i]);
			memset(a[i], 0x77, size);
		}
		svr5ddi_set_debug(0);
		ck_assert_int_eq(svr5ddi_debug_enabled(), 0);
		/* untracked ones, some in the same pages */
		for (i = 0; i < MIX_N; i++) {
			u[i] = ALLOC(pr, size, i & 1 ? KM_NOSLEEP : KM_SLEEP,
				     al);
			ck_assert_ptr_nonnull(u[i]);
			memset(u[i], 0x78, size);
		}
		ddit_log_clear();
		s0 = ddit_stats();
		for (i = 1; i < MIX_N; i++)
			kmem_free(a[i], size);
		ck_assert_no_misuse_since(s0);
		/* a tracked one's guard bytes are still checked */
		a[0][size] = (char)~a[0][size];
		FREE(a[0], size, fl);
		expect_one(&s0, SVR5DDI_MISUSE_REDZONE);
		ck_assert(ddit_log_line(tag_text(SVR5DDI_MISUSE_REDZONE), 0,
					buf, sizeof(buf)));
		ck_line_addr(buf, a[0]);
		ck_line_site(buf, fl);

		/* debug on again: untracked ones freed under debug */
		svr5ddi_set_debug(1);
		ck_assert_int_ne(svr5ddi_debug_enabled(), 0);
		for (i = 0; i < MIX_N; i++) {
			v[i] = ALLOC(pr, size, KM_SLEEP, al);
			ck_assert_ptr_nonnull(v[i]);
			memset(v[i], 0x79, size);
		}
		s0 = ddit_stats();
		for (i = 0; i < MIX_N; i++) {
			ck_assert_uint_eq((unsigned char)u[i][size - 1], 0x78);
			kmem_free(u[i], size);
		}
		for (i = 0; i < MIX_N; i++) {
			ck_assert_uint_eq((unsigned char)v[i][size - 1], 0x79);
			kmem_free(v[i], size);
		}
		ck_assert_no_misuse_since(s0);
		ck_assert_live_as(sb);
		ddit_log_clear();
		svr5ddi_leak_report();
		ck_assert_uint_eq(ddit_log_count("kmem_alloc_physreq: leak"),
				  0);
		check_reuse(pr, size, 3 * MIX_N);
	}

	/*
	 * Nothing live: switching on again makes tracking complete, so a
	 * fast-path double free is reported (and not performed) again.
	 */
	physreq_free(pr);
	svr5ddi_set_debug(0);
	svr5ddi_set_debug(1);
	pr = new_physreq32();
	warm(pr, 100);
	ddit_log_clear();
	sb = ddit_stats();
	v[0] = ALLOC(pr, 100, KM_SLEEP, al);
	ck_assert_ptr_nonnull(v[0]);
	FREE(v[0], 100, fl);
	FREE(v[0], 100, dl);
	expect_report(&sb, SVR5DDI_MISUSE_DOUBLE_FREE, v[0], 100, al, dl, buf,
		      sizeof(buf));
	ck_line_site(buf, fl);
	ck_assert_live_as(sb);
	check_reuse(pr, 100, 80);
	physreq_free(pr);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_debug_fast");
	TCase *tc;

	tc = tcase_create("redzone");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_redzone_pool_lengths);
	tcase_add_test(tc, test_redzone_kmem_lengths);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad_free");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_wrong_size_pool);
	tcase_add_test(tc, test_double_free_pool);
	tcase_add_test(tc, test_double_free_kmem);
	tcase_add_test(tc, test_interior_free_pool);
	tcase_add_test(tc, test_free_in_interrupt);
	tcase_add_test(tc, test_double_free_sites_other_cpu);
	suite_add_tcase(s, tc);

	tc = tcase_create("race");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_race_double_free_pool);
	tcase_add_test(tc, test_race_double_free_sync);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_leak_report_and_owner);
	suite_add_tcase(s, tc);

	tc = tcase_create("slots");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_beyond_slot_arrays);
	tcase_add_test(tc, test_beyond_page_slots);
	tcase_add_test(tc, test_page_reused_by_small_pool);
	suite_add_tcase(s, tc);

	tc = tcase_create("switch");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_switch_mixed);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
