/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_misuse_text.c - the misuse tags' one table (ddi/misuse.c)
 * and the lines the library really prints.
 *
 *   table  svr5ddi_misuse_name() is the enum constant's name and
 *          svr5ddi_misuse_text() a fixed phrase: both defined for every
 *          tag, distinct, NULL out of range; the names and texts the
 *          documentation uses as examples are pinned.
 *   lines  one case per tag provokes that misuse through the DDI and
 *          checks that every line it reports reads
 *            svr5ddi: CALL: TEXT: details
 *          with TEXT exactly svr5ddi_misuse_text(tag), CALL the DDI call
 *          the case made, and as many such lines as misuse[tag] grew; no
 *          other tag moves.  A tag with no case fails "every_tag_has_a_case".
 * The call sites' format strings are checked statically by
 * tests/misuse-text.sh.  Fresh process per case (fork mode), debug layer
 * on, log quiet.
 */
#include "ddi_test_common.h"
#include <sys/ksynch.h>

static LKINFO_DECL(mt_lk_a, "mt:a", 0);
static LKINFO_DECL(mt_lk_b, "mt:b", 0);
static LKINFO_DECL(mt_lk_sl, "mt:sleep", 0);

/* ---- table ---------------------------------------------------------------- */

START_TEST(table_defined_and_distinct)
{
	int i, j;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++) {
		const char *n = svr5ddi_misuse_name(i);
		const char *t = svr5ddi_misuse_text(i);
		const char *c;

		ck_assert_msg(n && *n, "tag %d has no name", i);
		ck_assert_msg(t && *t, "tag %d has no text", i);
		/* names are enum constants: upper case, digits, '_' */
		for (c = n; *c; c++)
			ck_assert_msg((*c >= 'A' && *c <= 'Z') || *c == '_' ||
				      (*c >= '0' && *c <= '9'),
				      "name \"%s\" of tag %d", n, i);
		/* a text ends at the ':' that follows it in a line */
		ck_assert_msg(!strchr(t, ':') && t[strlen(t) - 1] != ' ' &&
			      t[0] != ' ', "text \"%s\" of tag %d", t, i);
		for (j = 0; j < i; j++) {
			ck_assert_str_ne(n, svr5ddi_misuse_name(j));
			ck_assert_str_ne(t, svr5ddi_misuse_text(j));
		}
	}
}
END_TEST

START_TEST(table_out_of_range)
{
	ck_assert_ptr_null(svr5ddi_misuse_name(SVR5DDI_MISUSE_NR));
	ck_assert_ptr_null(svr5ddi_misuse_text(SVR5DDI_MISUSE_NR));
	ck_assert_ptr_null(svr5ddi_misuse_name(SVR5DDI_MISUSE_NR + 100));
	ck_assert_ptr_null(svr5ddi_misuse_text((enum svr5ddi_misuse)-1));
	ck_assert_ptr_null(svr5ddi_misuse_name((enum svr5ddi_misuse)-1));
}
END_TEST

/* The examples of ddictl.h and svr5ddi_get_stats(9). */
START_TEST(table_documented_examples)
{
	ck_assert_str_eq(svr5ddi_misuse_name(SVR5DDI_MISUSE_SIZE_MISMATCH),
			 "SIZE_MISMATCH");
	ck_assert_str_eq(svr5ddi_misuse_text(SVR5DDI_MISUSE_SIZE_MISMATCH),
			 "size mismatch");
	ck_assert_str_eq(svr5ddi_misuse_name(SVR5DDI_MISUSE_WILD_FREE),
			 "WILD_FREE");
	ck_assert_str_eq(svr5ddi_misuse_text(SVR5DDI_MISUSE_WILD_FREE),
			 "free of unknown address");
	ck_assert_str_eq(svr5ddi_misuse_name(SVR5DDI_MISUSE_LOCK_ORDER),
			 "LOCK_ORDER");
	ck_assert_str_eq(svr5ddi_misuse_text(SVR5DDI_MISUSE_LOCK_ORDER),
			 "lock order violation");
}
END_TEST

/* ---- one case per tag ------------------------------------------------------ */

static void t_size_mismatch(void)
{
	void *p = kmem_alloc(64, KM_SLEEP);

	ck_assert_ptr_nonnull(p);
	kmem_free(p, 100);
}

static void t_double_free(void)
{
	void *p = kmem_alloc(40, KM_SLEEP);

	ck_assert_ptr_nonnull(p);
	kmem_free(p, 40);
	kmem_free(p, 40);
}

static void t_wild_free(void)
{
	static char not_ours[256];

	kmem_free(not_ours + 16, 64);
}

static void t_interior_free(void)
{
	char *p = kmem_alloc(256, KM_SLEEP);

	ck_assert_ptr_nonnull(p);
	kmem_free(p + 16, 240);
	kmem_free(p, 256);
}

static void t_redzone(void)
{
	char *p = kmem_alloc(100, KM_SLEEP);

	ck_assert_ptr_nonnull(p);
	p[100] = (char)~p[100];		/* one byte past the end */
	kmem_free(p, 100);
}

static void t_sleep_in_atomic(void)
{
	void *p;

	ddit_spin_lock();
	p = kmem_alloc(72, KM_SLEEP);
	ddit_spin_unlock();
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 72);
}

static void t_unprepped_physreq(void)
{
	static physreq_t zeroed;	/* never prepped */

	ck_assert_ptr_null(kmem_alloc_physreq(128, &zeroed, KM_SLEEP));
}

static void t_changed_physreq(void)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	void *p;

	ck_assert_ptr_nonnull(pr);
	pr->phys_dmasize = 32;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	pr->phys_dmasize = 24;
	p = kmem_alloc_physreq(5000, pr, KM_SLEEP);
	if (p)
		kmem_free(p, 5000);
	physreq_free(pr);
}

static void t_foreign_physreq(void)
{
	physreq_t onstack = { 8, 0, 24, 0, 0, NULL };

	physreq_free(&onstack);
}

static void t_size_overflow(void)
{
	ck_assert_ptr_null(kmem_alloc(SIZE_MAX - 10, KM_SLEEP));
}

static void t_leak(void)
{
	void *p = kmem_alloc(100, KM_SLEEP);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_ge(svr5ddi_leak_report(), 1);
	kmem_free(p, 100);
}

static void t_impossible(void)
{
	/* more than the machine's memory, far from overflowing */
	ck_assert_ptr_null(kmem_alloc((size_t)1 << 44, KM_NOSLEEP));
}

static void t_bad_argument(void)
{
	ck_assert_ptr_null(LOCK_ALLOC(33, plbase, &mt_lk_a, KM_SLEEP));
}

static void t_lock_not_held(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &mt_lk_a, KM_SLEEP);

	ck_assert_ptr_nonnull(a);
	UNLOCK(a, plbase);
	LOCK_DEALLOC(a);
}

static void t_lock_recursion(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &mt_lk_a, KM_SLEEP);
	pl_t s, s2;

	ck_assert_ptr_nonnull(a);
	s = LOCK(a, pldisk);
	s2 = LOCK(a, pldisk);
	UNLOCK(a, s2);
	UNLOCK(a, s);
	LOCK_DEALLOC(a);
}

static void t_sleep_with_lock(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &mt_lk_a, KM_SLEEP);
	sleep_t *sl = SLEEP_ALLOC(0, &mt_lk_sl, KM_SLEEP);
	pl_t s;

	ck_assert(a && sl);
	s = LOCK(a, pldisk);
	SLEEP_LOCK(sl, prilo);
	UNLOCK(a, s);
	if (SLEEP_LOCKOWNED(sl))
		SLEEP_UNLOCK(sl);
	SLEEP_DEALLOC(sl);
	LOCK_DEALLOC(a);
}

static void t_lock_held_at_free(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &mt_lk_a, KM_SLEEP);
	pl_t s;

	ck_assert_ptr_nonnull(a);
	s = LOCK(a, plbase);
	LOCK_DEALLOC(a);		/* refused: held */
	UNLOCK(a, s);
	LOCK_DEALLOC(a);
}

static void t_bad_level(void)
{
	splx(9);			/* above plhi */
	ck_assert_int_eq(getpl(), plbase);
}

static void t_no_device(void)
{
	ck_assert_uint_eq(inb(0x2e8), 0xff);
}

static void delay_fn(void *arg)
{
	delay(1);
}

static void t_wrong_context(void)
{
	ddit_run_in_hardirq(delay_fn, NULL);
}

static void t_lock_order(void)
{
	lock_t *lo = LOCK_ALLOC(3, plbase, &mt_lk_a, KM_SLEEP);
	lock_t *hi = LOCK_ALLOC(5, plbase, &mt_lk_b, KM_SLEEP);
	pl_t s1, s2;

	ck_assert(lo && hi);
	s1 = LOCK(hi, plbase);
	s2 = LOCK(lo, plbase);
	UNLOCK(lo, s2);
	UNLOCK(hi, s1);
	LOCK_DEALLOC(hi);
	LOCK_DEALLOC(lo);
}

static const struct misuse_case {
	int tag;
	const char *call;	/* the call named by the reports */
	void (*provoke)(void);
} cases[] = {
	{ SVR5DDI_MISUSE_SIZE_MISMATCH, "kmem_free", t_size_mismatch },
	{ SVR5DDI_MISUSE_DOUBLE_FREE, "kmem_free", t_double_free },
	{ SVR5DDI_MISUSE_WILD_FREE, "kmem_free", t_wild_free },
	{ SVR5DDI_MISUSE_INTERIOR_FREE, "kmem_free", t_interior_free },
	{ SVR5DDI_MISUSE_REDZONE, "kmem_free", t_redzone },
	{ SVR5DDI_MISUSE_SLEEP_IN_ATOMIC, "kmem_alloc", t_sleep_in_atomic },
	{ SVR5DDI_MISUSE_UNPREPPED_PHYSREQ, "kmem_alloc_physreq",
	  t_unprepped_physreq },
	{ SVR5DDI_MISUSE_CHANGED_PHYSREQ, "kmem_alloc_physreq",
	  t_changed_physreq },
	{ SVR5DDI_MISUSE_FOREIGN_PHYSREQ, "physreq_free", t_foreign_physreq },
	{ SVR5DDI_MISUSE_SIZE_OVERFLOW, "kmem_alloc", t_size_overflow },
	{ SVR5DDI_MISUSE_LEAK, "kmem_alloc", t_leak },
	{ SVR5DDI_MISUSE_IMPOSSIBLE, "kmem_alloc", t_impossible },
	{ SVR5DDI_MISUSE_BAD_ARGUMENT, "LOCK_ALLOC", t_bad_argument },
	{ SVR5DDI_MISUSE_LOCK_NOT_HELD, "UNLOCK", t_lock_not_held },
	{ SVR5DDI_MISUSE_LOCK_RECURSION, "LOCK", t_lock_recursion },
	{ SVR5DDI_MISUSE_SLEEP_WITH_LOCK, "SLEEP_LOCK", t_sleep_with_lock },
	{ SVR5DDI_MISUSE_LOCK_HELD_AT_FREE, "LOCK_DEALLOC",
	  t_lock_held_at_free },
	{ SVR5DDI_MISUSE_BAD_LEVEL, "splx", t_bad_level },
	{ SVR5DDI_MISUSE_NO_DEVICE, "inb", t_no_device },
	{ SVR5DDI_MISUSE_WRONG_CONTEXT, "delay", t_wrong_context },
	{ SVR5DDI_MISUSE_LOCK_ORDER, "LOCK", t_lock_order },
};
#define NCASES	((int)(sizeof(cases) / sizeof(cases[0])))

/*
 * Does @line read "svr5ddi: CALL: @text" followed by ':' or its end?
 * CALL (one word) is copied to @call.
 */
static int line_has_text(const char *line, const char *text, char *call,
			 size_t size)
{
	static const char pfx[] = "svr5ddi: ";
	const char *c, *colon;
	size_t l = strlen(text);

	if (strncmp(line, pfx, sizeof(pfx) - 1))
		return 0;
	c = line + sizeof(pfx) - 1;
	colon = strstr(c, ": ");
	if (!colon || colon == c || memchr(c, ' ', (size_t)(colon - c)))
		return 0;
	if (strncmp(colon + 2, text, l) ||
	    (colon[2 + l] != ':' && colon[2 + l] != '\0'))
		return 0;
	snprintf(call, size, "%.*s", (int)(colon - c), c);
	return 1;
}

START_TEST(each_tag_reports_its_text)
{
	const struct misuse_case *mc = &cases[_i];
	const char *text = svr5ddi_misuse_text(mc->tag);
	struct svr5ddi_stats s0, s1;
	char line[1024], call[64];
	unsigned int n, lines = 0, named = 0;
	unsigned long grew;
	int i;

	ck_assert_ptr_nonnull(text);
	ddit_debug_on();
	ddit_log_quiet(1);
	s0 = ddit_stats();
	ddit_log_clear();
	mc->provoke();
	s1 = ddit_stats();

	grew = s1.misuse[mc->tag] - s0.misuse[mc->tag];
	ck_assert_msg(grew >= 1, "%s: misuse[%s] did not grow",
		      mc->call, svr5ddi_misuse_name(mc->tag));
	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		if (i != mc->tag)
			ck_assert_msg(s1.misuse[i] == s0.misuse[i],
				      "%s also counted misuse[%s]",
				      svr5ddi_misuse_name(mc->tag),
				      svr5ddi_misuse_name(i));
	ck_assert_uint_eq(s1.misuse_total - s0.misuse_total, grew);

	for (n = 0; ddit_log_line("svr5ddi: ", n, line, sizeof(line)); n++) {
		if (!line_has_text(line, text, call, sizeof(call)))
			continue;
		lines++;
		if (!strcmp(call, mc->call))
			named++;
	}
	ck_assert_msg(lines == grew, "%s: %u lines \"svr5ddi: CALL: %s\", counter grew %lu",
		      svr5ddi_misuse_name(mc->tag), lines, text, grew);
	ck_assert_msg(named >= 1, "no line \"svr5ddi: %s: %s\" (%u with another call)",
		      mc->call, text, lines);
}
END_TEST

START_TEST(every_tag_has_a_case)
{
	int seen[SVR5DDI_MISUSE_NR] = { 0 };
	int i;

	for (i = 0; i < NCASES; i++) {
		ck_assert_int_ge(cases[i].tag, 0);
		ck_assert_int_lt(cases[i].tag, SVR5DDI_MISUSE_NR);
		seen[cases[i].tag]++;
	}
	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		ck_assert_msg(seen[i] == 1, "tag %s has %d cases",
			      svr5ddi_misuse_name(i), seen[i]);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_misuse_text");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, table_defined_and_distinct);
	tcase_add_test(tc, table_out_of_range);
	tcase_add_test(tc, table_documented_examples);
	tcase_add_test(tc, every_tag_has_a_case);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, each_tag_reports_its_text, 0, NCASES);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
