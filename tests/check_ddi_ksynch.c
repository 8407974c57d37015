/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_ksynch.c - the ksynch family in userspace only: what the
 * shared cases (tests/shared/cases_ksynch.c) cannot check in the kernel.
 *   - the exact one-line diagnostics, with this file's name and the line
 *     of the offending call, and the per-tag counters;
 *   - the debug layer's lock-order and level checks (and their absence
 *     with the debug layer off);
 *   - levels against the emulated interrupt mask (irqs_disabled), and
 *     lock calls from a simulated hardirq (compat_run_in_hardirq);
 *   - allocation failure (fault injection) and KM_SLEEP where the caller
 *     holds a spin lock;
 *   - bounded concurrency stress of SV_WAIT/SV_SIGNAL and SV_DEALLOC
 *     racing with woken waiters.
 * Fresh process per test (fork mode), debug layer on unless stated.
 */
#include "ddi_test_common.h"
#include <pthread.h>
#include <sys/ksynch.h>
#include "ddi_ksynch_machine.h"

static LKINFO_DECL(t_lk_a, "t:a", 0);
static LKINFO_DECL(t_lk_b, "t:b", 0);
static LKINFO_DECL(t_lk_rw, "t:rw", 0);
static LKINFO_DECL(t_lk_sl, "t:sleep", 0);

static void setup(void)
{
	ddit_debug_on();
	ddit_log_quiet(1);
	ddit_log_clear();
}

/* Exactly one report since @s0, under @tag; nothing else counted. */
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

static void expect_none(const struct svr5ddi_stats *s0)
{
	struct svr5ddi_stats s1 = ddit_stats();

	ck_assert_uint_eq(s1.misuse_total, s0->misuse_total);
}

/* The log holds exactly one line containing "svr5ddi: " + @text. */
static void expect_text(const char *text)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "svr5ddi: %s", text);
	ck_assert_msg(ddit_log_count(buf) == 1, "%u lines with \"%s\"",
		      ddit_log_count(buf), buf);
}

#define SITE_FMT	"%s:%d"

/* ---- exact diagnostics ----------------------------------------------------- */

START_TEST(msg_unlock_not_held)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	struct svr5ddi_stats s0 = ddit_stats();
	char want[256];
	int line;

	ck_assert_ptr_nonnull(a);
	line = __LINE__; UNLOCK(a, plbase);
	snprintf(want, sizeof(want),
		 "UNLOCK: lock not held: lock \"t:a\" is not locked at " SITE_FMT,
		 __FILE__, line);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_NOT_HELD);
	ck_assert_int_eq(getpl(), plbase);
	LOCK_DEALLOC(a);
}
END_TEST

START_TEST(msg_recursive_lock)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	struct svr5ddi_stats s0;
	char want[256];
	int l1, l2;
	pl_t s, s2;

	l1 = __LINE__; s = LOCK(a, pldisk);
	s0 = ddit_stats();
	l2 = __LINE__; s2 = LOCK(a, pldisk);
	snprintf(want, sizeof(want),
		 "LOCK: recursive lock: lock \"t:a\" already held by this context (taken at "
		 SITE_FMT ") at " SITE_FMT, __FILE__, l1, __FILE__, l2);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_RECURSION);
	UNLOCK(a, s2);
	ck_assert(LOCK_OWNED(a));
	UNLOCK(a, s);
	ck_assert(!LOCK_OWNED(a));
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_RECURSION);
	LOCK_DEALLOC(a);
}
END_TEST

START_TEST(msg_plain_function_unknown_site)
{
	lock_t *a = (LOCK_ALLOC)(1, plbase, &t_lk_a, KM_SLEEP);
	struct svr5ddi_stats s0 = ddit_stats();

	(UNLOCK)(a, plbase);
	expect_text("UNLOCK: lock not held: lock \"t:a\" is not locked at unknown site");
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_NOT_HELD);
	(LOCK_DEALLOC)(a);
}
END_TEST

START_TEST(msg_dealloc_held_and_bad_args)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	struct svr5ddi_stats s0;
	sleep_t *sl;
	char want[256];
	int l1, l2;
	pl_t s;

	l1 = __LINE__; s = LOCK(a, plbase);
	s0 = ddit_stats();
	l2 = __LINE__; LOCK_DEALLOC(a);
	snprintf(want, sizeof(want),
		 "LOCK_DEALLOC: dealloc of a held lock: lock \"t:a\" (taken at "
		 SITE_FMT ") not freed at " SITE_FMT, __FILE__, l1, __FILE__, l2);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_HELD_AT_FREE);
	UNLOCK(a, s);
	LOCK_DEALLOC(a);

	s0 = ddit_stats();
	l1 = __LINE__; ck_assert_ptr_null(LOCK_ALLOC(33, plbase, &t_lk_a, KM_SLEEP));
	snprintf(want, sizeof(want),
		 "LOCK_ALLOC: bad argument: hierarchy 33 outside 1..32 at " SITE_FMT,
		 __FILE__, l1);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);

	s0 = ddit_stats();
	l1 = __LINE__; sl = SLEEP_ALLOC(0, &t_lk_sl, 7);	/* as KM_NOSLEEP */
	snprintf(want, sizeof(want),
		 "SLEEP_ALLOC: bad argument: flag 0x7 is neither KM_SLEEP nor KM_NOSLEEP at "
		 SITE_FMT, __FILE__, l1);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	if (sl)
		SLEEP_DEALLOC(sl);

	s0 = ddit_stats();
	l1 = __LINE__; LOCK(NULL, plhi);
	snprintf(want, sizeof(want), "LOCK: bad argument: NULL lock at " SITE_FMT,
		 __FILE__, l1);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	ck_assert_int_eq(getpl(), plbase);
}
END_TEST

START_TEST(msg_bad_levels)
{
	lock_t *a = LOCK_ALLOC(1, pldisk, &t_lk_a, KM_SLEEP);
	struct svr5ddi_stats s0 = ddit_stats();
	char want[256];
	int line;
	pl_t s;

	line = __LINE__; s = LOCK(a, pltimeout);
	snprintf(want, sizeof(want),
		 "LOCK: bad priority level: lock \"t:a\": pl 1 below its min_pl 5 at "
		 SITE_FMT, __FILE__, line);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_LEVEL);
	ck_assert_int_eq(getpl(), pldisk);	/* held at min_pl */
	UNLOCK(a, s);

	s0 = ddit_stats();
	line = __LINE__; splx(9);
	snprintf(want, sizeof(want),
		 "splx: bad priority level: pl 9 outside plbase..plhi (0..8) at "
		 SITE_FMT, __FILE__, line);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_LEVEL);
	ck_assert_int_eq(getpl(), plbase);
	LOCK_DEALLOC(a);
}
END_TEST

START_TEST(msg_sleep_with_lock_names_held_lock)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	lock_t *b = LOCK_ALLOC(2, plbase, &t_lk_b, KM_SLEEP);
	sleep_t *sl = SLEEP_ALLOC(0, &t_lk_sl, KM_SLEEP);
	sv_t *sv = SV_ALLOC(KM_SLEEP);
	struct svr5ddi_stats s0;
	char want[320];
	int la, l2;
	pl_t sa;

	la = __LINE__; sa = LOCK(a, pldisk);
	LOCK(b, pldisk);
	s0 = ddit_stats();
	l2 = __LINE__; SV_WAIT(sv, primed, b);
	snprintf(want, sizeof(want),
		 "SV_WAIT: sleep with a spin lock held: 1 basic/rw lock(s) held besides lkp \"t:b\" (lock \"t:a\" taken at "
		 SITE_FMT ") at " SITE_FMT, __FILE__, la, __FILE__, l2);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_SLEEP_WITH_LOCK);
	ck_assert(!LOCK_OWNED(b));
	ck_assert(LOCK_OWNED(a));
	ck_assert_int_eq(getpl(), pldisk);	/* not below a's level */

	s0 = ddit_stats();
	l2 = __LINE__; SLEEP_LOCK(sl, prilo);
	snprintf(want, sizeof(want),
		 "SLEEP_LOCK: sleep with a spin lock held: lock \"t:sleep\" with 1 basic/rw lock(s) held (lock \"t:a\" taken at "
		 SITE_FMT ") at " SITE_FMT, __FILE__, la, __FILE__, l2);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_SLEEP_WITH_LOCK);
	ck_assert(SLEEP_LOCKOWNED(sl));
	ck_assert_uint_eq(ddit_sleep_violations(), 0);	/* never slept */
	UNLOCK(a, sa);
	SLEEP_UNLOCK(sl);

	s0 = ddit_stats();
	l2 = __LINE__; SV_WAIT(sv, primed, a);
	snprintf(want, sizeof(want),
		 "SV_WAIT: lock not held: lock \"t:a\" passed as lkp is not held by the caller at "
		 SITE_FMT, __FILE__, l2);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_NOT_HELD);

	s0 = ddit_stats();
	SLEEP_LOCK(sl, prilo);
	ck_assert_int_eq(SLEEP_LOCK_SIG(sl, prilo), B_TRUE);	/* recursion */
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_RECURSION);
	ck_assert(ddit_log_contains("SLEEP_LOCK_SIG: recursive lock: lock \"t:sleep\""));
	SLEEP_UNLOCK(sl);
	SLEEP_UNLOCK(sl);
	ck_assert(SLEEP_LOCKAVAIL(sl));
	SV_DEALLOC(sv);
	SLEEP_DEALLOC(sl);
	LOCK_DEALLOC(b);
	LOCK_DEALLOC(a);
}
END_TEST

/* ---- the debug layer: lock order and levels -------------------------------- */

START_TEST(order_violation_reported)
{
	lock_t *lo = LOCK_ALLOC(3, plbase, &t_lk_a, KM_SLEEP);
	lock_t *hi = LOCK_ALLOC(5, plbase, &t_lk_b, KM_SLEEP);
	rwlock_t *rw = RW_ALLOC(5, plbase, &t_lk_rw, KM_SLEEP);
	struct svr5ddi_stats s0 = ddit_stats();
	char want[320];
	int l1, l2;
	pl_t s1, s2;

	/* increasing order: fine */
	s1 = LOCK(lo, plbase);
	s2 = LOCK(hi, plbase);
	UNLOCK(hi, s2);
	UNLOCK(lo, s1);
	expect_none(&s0);

	l1 = __LINE__; s1 = LOCK(hi, plbase);
	l2 = __LINE__; s2 = LOCK(lo, plbase);
	snprintf(want, sizeof(want),
		 "LOCK: lock order violation: lock \"t:a\" hierarchy 3 not above held lock \"t:b\" hierarchy 5 (taken at "
		 SITE_FMT ") at " SITE_FMT, __FILE__, l1, __FILE__, l2);
	expect_text(want);
	/* counted under its own tag */
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_ORDER);
	UNLOCK(lo, s2);

	/* equal hierarchy is not "above" either; rw locks take part */
	s0 = ddit_stats();
	s2 = RW_RDLOCK(rw, plbase);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_ORDER);
	ck_assert(ddit_log_contains("RW_RDLOCK: lock order violation: lock \"t:rw\" hierarchy 5 not above held lock \"t:b\" hierarchy 5"));
	RW_UNLOCK(rw, s2);
	UNLOCK(hi, s1);

	/* a try cannot deadlock: no order check */
	s0 = ddit_stats();
	s1 = LOCK(hi, plbase);
	s2 = TRYLOCK(lo, plbase);
	ck_assert_int_ne(s2, invpl);
	UNLOCK(lo, s2);
	UNLOCK(hi, s1);
	expect_none(&s0);
	RW_DEALLOC(rw);
	LOCK_DEALLOC(hi);
	LOCK_DEALLOC(lo);
}
END_TEST

START_TEST(order_and_levels_unchecked_without_debug)
{
	lock_t *lo = LOCK_ALLOC(3, plbase, &t_lk_a, KM_SLEEP);
	lock_t *hi = LOCK_ALLOC(5, plhi, &t_lk_b, KM_SLEEP);
	struct svr5ddi_stats s0;
	pl_t s1, s2;

	svr5ddi_set_debug(0);
	s0 = ddit_stats();
	s1 = LOCK(hi, plhi);
	s2 = LOCK(lo, plhi);
	UNLOCK(hi, s1);		/* out of order: drops to plbase */
	ck_assert_int_eq(getpl(), plbase);
	UNLOCK(lo, s2);
	ck_assert_int_eq(getpl(), plhi);
	splx(plbase);
	expect_none(&s0);
	/* the always-on checks stay on */
	UNLOCK(lo, plbase);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_NOT_HELD);
	LOCK_DEALLOC(hi);
	LOCK_DEALLOC(lo);
}
END_TEST

START_TEST(level_floor_on_out_of_order_unlock)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	lock_t *b = LOCK_ALLOC(2, plhi, &t_lk_b, KM_SLEEP);
	struct svr5ddi_stats s0;
	char want[320];
	int lb, l2;
	pl_t sa, sb;

	sa = LOCK(a, plbase);
	lb = __LINE__; sb = LOCK(b, plhi);
	s0 = ddit_stats();
	l2 = __LINE__; UNLOCK(a, sa);	/* would drop to plbase under b */
	snprintf(want, sizeof(want),
		 "UNLOCK: bad priority level: pl 0 below level 8 of held lock \"t:b\" (taken at "
		 SITE_FMT ") at " SITE_FMT, __FILE__, lb, __FILE__, l2);
	expect_text(want);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_LEVEL);
	ck_assert_int_eq(getpl(), plhi);
	ck_assert(ksm_irqs_disabled());

	s0 = ddit_stats();
	splx(plbase);
	splbase();
	ck_assert_int_eq(getpl(), plhi);
	ck_assert_uint_eq(ddit_stats().misuse[SVR5DDI_MISUSE_BAD_LEVEL],
			  s0.misuse[SVR5DDI_MISUSE_BAD_LEVEL] + 2);
	UNLOCK(b, sb);		/* sb is plbase: all the way down */
	ck_assert_int_eq(getpl(), plbase);
	ck_assert(!ksm_irqs_disabled());
	LOCK_DEALLOC(b);
	LOCK_DEALLOC(a);
}
END_TEST

START_TEST(rw_reader_recursion_and_foreign_unlock)
{
	rwlock_t *rw = RW_ALLOC(4, plbase, &t_lk_rw, KM_SLEEP);
	struct svr5ddi_stats s0 = ddit_stats();
	pl_t s, s2;

	s = RW_RDLOCK(rw, plstr);
	s2 = RW_WRLOCK(rw, plstr);	/* reader asks to write: deadlock */
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_RECURSION);
	ck_assert(ddit_log_contains("RW_WRLOCK: recursive lock: lock \"t:rw\" already held for reading by this context"));
	RW_UNLOCK(rw, s2);		/* undoes the recursion */
	ck_assert_int_eq(RW_TRYWRLOCK(rw, plstr), invpl);	/* still read */
	RW_UNLOCK(rw, s);
	ck_assert_int_eq(getpl(), plbase);
	s = RW_TRYWRLOCK(rw, plstr);
	ck_assert_int_eq(s, plbase);
	RW_UNLOCK(rw, s);
	RW_DEALLOC(rw);
}
END_TEST

struct reader {
	rwlock_t *rw;
	volatile int holding;
	volatile int release;
};

static void *reader_thread(void *p)
{
	struct reader *r = p;
	pl_t s = RW_RDLOCK(r->rw, plbase);

	r->holding = 1;
	while (!r->release)
		usleep(1000);
	RW_UNLOCK(r->rw, s);
	return NULL;
}

START_TEST(rw_unlock_by_non_holder_while_others_read)
{
	struct reader r = { 0 };
	struct svr5ddi_stats s0;
	pthread_t t;
	int i;

	r.rw = RW_ALLOC(4, plbase, &t_lk_rw, KM_SLEEP);
	ck_assert_int_eq(pthread_create(&t, NULL, reader_thread, &r), 0);
	for (i = 0; i < 5000 && !r.holding; i++)
		usleep(1000);
	ck_assert(r.holding);
	s0 = ddit_stats();
	RW_UNLOCK(r.rw, plbase);	/* we hold nothing */
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_NOT_HELD);
	ck_assert(ddit_log_contains("RW_UNLOCK: lock not held: lock \"t:rw\" is held for reading by other contexts"));
	ck_assert_int_eq(RW_TRYWRLOCK(r.rw, plbase), invpl);	/* untouched */
	r.release = 1;
	pthread_join(t, NULL);
	expect_one(&s0, SVR5DDI_MISUSE_LOCK_NOT_HELD);
	RW_DEALLOC(r.rw);
}
END_TEST

/* ---- levels against the emulated interrupt mask ---------------------------- */

START_TEST(levels_mask_interrupts)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	pl_t s, s2;

	ck_assert(!ksm_irqs_disabled());
	s = spltimeout();
	ck_assert(ksm_irqs_disabled());
	s2 = splhi();
	splx(s2);
	ck_assert(ksm_irqs_disabled());	/* still at pltimeout */
	splx(s);
	ck_assert(!ksm_irqs_disabled());

	/* at plbase a basic lock masks nothing but is atomic */
	s = LOCK(a, plbase);
	ck_assert(!ksm_irqs_disabled());
	ck_assert_uint_gt(ksm_preempt_count(), 0);
	UNLOCK(a, s);
	ck_assert_uint_eq(ksm_preempt_count(), 0);
	s = LOCK(a, pldisk);
	ck_assert(ksm_irqs_disabled());
	UNLOCK(a, s);
	ck_assert(!ksm_irqs_disabled());
	LOCK_DEALLOC(a);
}
END_TEST

struct irq_arg {
	lock_t *lk;
	sv_t *sv;
	sleep_t *sl;
	int masked_before, masked_after, level_in, owned_after, line;
	pl_t got;
	unsigned long bad_level, wrong_ctx;
};

static void irq_levels(void *p)
{
	struct irq_arg *a = p;
	struct svr5ddi_stats s0 = ddit_stats();
	pl_t s, sh;

	a->masked_before = ksm_irqs_disabled();
	/* a level raised and dropped in a handler never unmasks */
	s = LOCK(a->lk, plhi);
	a->level_in = getpl();
	UNLOCK(a->lk, s);
	a->masked_after = ksm_irqs_disabled();
	/* at interrupt level a lock below the current level is reported */
	sh = splhi();
	a->line = __LINE__; a->got = LOCK(a->lk, plstr);
	a->level_in = getpl();
	UNLOCK(a->lk, a->got);
	splx(sh);
	a->bad_level = ddit_stats().misuse[SVR5DDI_MISUSE_BAD_LEVEL] -
		s0.misuse[SVR5DDI_MISUSE_BAD_LEVEL];
}

START_TEST(lock_from_hardirq)
{
	struct irq_arg a = { 0 };
	char want[256];

	a.lk = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	ddit_run_in_hardirq(irq_levels, &a);
	ck_assert(a.masked_before);
	ck_assert(a.masked_after);
	ck_assert_int_eq(a.level_in, plhi);
	ck_assert_int_eq(a.got, plhi);
	ck_assert_uint_eq(a.bad_level, 1);
	snprintf(want, sizeof(want),
		 "LOCK: bad priority level: lock \"t:a\": pl 6 below the interrupt level 8 at "
		 SITE_FMT, __FILE__, a.line);
	expect_text(want);
	ck_assert_int_eq(getpl(), plbase);
	ck_assert(!ksm_irqs_disabled());
	LOCK_DEALLOC(a.lk);
}
END_TEST

static void irq_blocking_calls(void *p)
{
	struct irq_arg *a = p;
	struct svr5ddi_stats s0 = ddit_stats();
	pl_t s;

	s = LOCK(a->lk, plhi);
	SV_WAIT(a->sv, primed, a->lk);	/* may not block here */
	a->owned_after = LOCK_OWNED(a->lk);
	a->level_in = getpl();
	SLEEP_LOCK(a->sl, prilo);	/* free: polled, taken */
	SLEEP_UNLOCK(a->sl);
	a->wrong_ctx = ddit_stats().misuse[SVR5DDI_MISUSE_WRONG_CONTEXT] -
		s0.misuse[SVR5DDI_MISUSE_WRONG_CONTEXT];
	(void)s;
}

START_TEST(blocking_calls_from_hardirq)
{
	struct irq_arg a = { 0 };

	a.lk = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	a.sv = SV_ALLOC(KM_SLEEP);
	a.sl = SLEEP_ALLOC(0, &t_lk_sl, KM_SLEEP);
	ddit_run_in_hardirq(irq_blocking_calls, &a);
	ck_assert_uint_eq(a.wrong_ctx, 2);
	ck_assert(!a.owned_after);		/* lkp released anyway */
	ck_assert_int_eq(a.level_in, plbase);	/* back to LOCK's level */
	ck_assert(ddit_log_contains("SV_WAIT: wrong context: at interrupt level (lock \"t:a\")"));
	ck_assert(ddit_log_contains("SLEEP_LOCK: wrong context: lock \"t:sleep\" at interrupt level"));
	ck_assert(SLEEP_LOCKAVAIL(a.sl));
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	SLEEP_DEALLOC(a.sl);
	SV_DEALLOC(a.sv);
	LOCK_DEALLOC(a.lk);
}
END_TEST

/* ---- allocation ------------------------------------------------------------- */

START_TEST(nosleep_allocation_failure)
{
	struct svr5ddi_stats s0 = ddit_stats();

	ddit_fault_fail_all(DDIT_FAMILY_ANY, DDIT_SLEEP_ANY);
	ck_assert_ptr_null(LOCK_ALLOC(1, plbase, &t_lk_a, KM_NOSLEEP));
	ck_assert_ptr_null(RW_ALLOC(1, plbase, &t_lk_rw, KM_NOSLEEP));
	ck_assert_ptr_null(SLEEP_ALLOC(0, &t_lk_sl, KM_NOSLEEP));
	ck_assert_ptr_null(SV_ALLOC(KM_NOSLEEP));
	ck_assert_ptr_null(ATOMIC_INT_ALLOC(KM_NOSLEEP));
	ck_assert_uint_ge(ddit_fault_injected(), 5);
	ddit_fault_off();
	expect_none(&s0);
}
END_TEST

START_TEST(km_sleep_with_spin_lock_held)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &t_lk_a, KM_SLEEP);
	struct svr5ddi_stats s0;
	sv_t *sv;
	int line;
	pl_t s;

	s = LOCK(a, pldisk);
	s0 = ddit_stats();
	line = __LINE__; sv = SV_ALLOC(KM_SLEEP);	/* may not sleep here */
	ck_assert_ptr_nonnull(sv);
	expect_one(&s0, SVR5DDI_MISUSE_SLEEP_IN_ATOMIC);
	ck_assert(ddit_log_contains("SV_ALLOC: KM_SLEEP in atomic context"));
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	UNLOCK(a, s);
	(void)line;
	SV_DEALLOC(sv);
	LOCK_DEALLOC(a);
}
END_TEST

/* ---- concurrency stress (bounded) ------------------------------------------- */

#define NITEMS		3000
#define NCONSUMERS	3

struct queue {
	lock_t *lk;
	sv_t *nonempty;
	int items;		/* produced, not yet consumed */
	int produced;
	int done;
	int consumed[NCONSUMERS];
	int bad;
	int sig;		/* use SV_WAIT_SIG */
};

struct consumer {
	struct queue *q;
	int id;
};

static void *consumer_thread(void *p)
{
	struct consumer *c = p;
	struct queue *q = c->q;
	pl_t s = LOCK(q->lk, pldisk);

	for (;;) {
		while (!q->items && !q->done) {
			if (q->sig) {
				if (SV_WAIT_SIG(q->nonempty, primed, q->lk) != B_TRUE)
					q->bad++;	/* no signals here */
			} else {
				SV_WAIT(q->nonempty, primed, q->lk);
			}
			if (getpl() != plbase || LOCK_OWNED(q->lk))
				q->bad++;
			s = LOCK(q->lk, pldisk);
		}
		if (!q->items)
			break;
		q->items--;
		q->consumed[c->id]++;
	}
	UNLOCK(q->lk, s);
	return NULL;
}

static void run_queue(int sig)
{
	struct queue q = { 0 };
	struct consumer c[NCONSUMERS];
	pthread_t t[NCONSUMERS];
	int i, total = 0;
	pl_t s;

	q.sig = sig;
	q.lk = LOCK_ALLOC(1, pldisk, &t_lk_a, KM_SLEEP);
	q.nonempty = SV_ALLOC(KM_SLEEP);
	for (i = 0; i < NCONSUMERS; i++) {
		c[i].q = &q;
		c[i].id = i;
		ck_assert_int_eq(pthread_create(&t[i], NULL, consumer_thread,
						&c[i]), 0);
	}
	for (i = 0; i < NITEMS; i++) {
		s = LOCK(q.lk, pldisk);
		q.items++;
		q.produced++;
		SV_SIGNAL(q.nonempty, 0);
		UNLOCK(q.lk, s);
	}
	s = LOCK(q.lk, pldisk);
	q.done = 1;
	SV_BROADCAST(q.nonempty, 0);
	UNLOCK(q.lk, s);
	for (i = 0; i < NCONSUMERS; i++) {
		pthread_join(t[i], NULL);
		total += q.consumed[i];
	}
	ck_assert_int_eq(total, NITEMS);
	ck_assert_int_eq(q.items, 0);
	ck_assert_int_eq(q.bad, 0);
	SV_DEALLOC(q.nonempty);
	LOCK_DEALLOC(q.lk);
}

START_TEST(stress_sv_producer_consumers)
{
	struct svr5ddi_stats s0 = ddit_stats();

	run_queue(0);
	run_queue(1);
	expect_none(&s0);
}
END_TEST

struct waker {
	lock_t *lk;
	sv_t *sv;
	volatile int queued;
};

static void *waiter_thread(void *p)
{
	struct waker *w = p;

	LOCK(w->lk, plstr);
	w->queued = 1;
	SV_WAIT(w->sv, primed, w->lk);
	return NULL;
}

/* SV_DEALLOC right after SV_BROADCAST, while woken waiters may still be
 * leaving SV_WAIT: no use after free (ASan builds check it). */
START_TEST(stress_dealloc_after_broadcast)
{
	struct waker w;
	pthread_t t[2];
	int round, i;
	pl_t s;

	w.lk = LOCK_ALLOC(1, plstr, &t_lk_a, KM_SLEEP);
	for (round = 0; round < 100; round++) {
		w.sv = SV_ALLOC(KM_SLEEP);
		for (i = 0; i < 2; i++) {
			w.queued = 0;
			ck_assert_int_eq(pthread_create(&t[i], NULL,
							waiter_thread, &w), 0);
			while (!w.queued)
				sched_yield();
			s = LOCK(w.lk, plstr);	/* it is queued now */
			UNLOCK(w.lk, s);
		}
		SV_BROADCAST(w.sv, 0);
		SV_DEALLOC(w.sv);
		for (i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
	}
	LOCK_DEALLOC(w.lk);
}
END_TEST

static void *atomic_thread(void *p)
{
	atomic_int_t *a = p;
	int i;

	for (i = 0; i < 20000; i++) {
		ATOMIC_INT_INCR(a);
		if (ATOMIC_INT_DECR(a) == B_TRUE && ATOMIC_INT_READ(a) < 0)
			break;
		ATOMIC_INT_INCR(a);
	}
	return NULL;
}

START_TEST(stress_atomic_int)
{
	atomic_int_t *a = ATOMIC_INT_ALLOC(KM_SLEEP);
	pthread_t t[4];
	int i;

	ATOMIC_INT_INIT(a, 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, atomic_thread, a), 0);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	ck_assert_int_eq(ATOMIC_INT_READ(a), 4 * 20000);
	ATOMIC_INT_DEALLOC(a);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_ksynch");
	TCase *tc;

	tc = tcase_create("messages");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, msg_unlock_not_held);
	tcase_add_test(tc, msg_recursive_lock);
	tcase_add_test(tc, msg_plain_function_unknown_site);
	tcase_add_test(tc, msg_dealloc_held_and_bad_args);
	tcase_add_test(tc, msg_bad_levels);
	tcase_add_test(tc, msg_sleep_with_lock_names_held_lock);
	suite_add_tcase(s, tc);

	tc = tcase_create("debug_layer");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, order_violation_reported);
	tcase_add_test(tc, order_and_levels_unchecked_without_debug);
	tcase_add_test(tc, level_floor_on_out_of_order_unlock);
	tcase_add_test(tc, rw_reader_recursion_and_foreign_unlock);
	tcase_add_test(tc, rw_unlock_by_non_holder_while_others_read);
	tcase_set_timeout(tc, 20);
	suite_add_tcase(s, tc);

	tc = tcase_create("contexts");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, levels_mask_interrupts);
	tcase_add_test(tc, lock_from_hardirq);
	tcase_add_test(tc, blocking_calls_from_hardirq);
	tcase_add_test(tc, nosleep_allocation_failure);
	tcase_add_test(tc, km_sleep_with_spin_lock_held);
	suite_add_tcase(s, tc);

	tc = tcase_create("stress");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, stress_sv_producer_consumers);
	tcase_add_test(tc, stress_dealloc_after_broadcast);
	tcase_add_test(tc, stress_atomic_int);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
