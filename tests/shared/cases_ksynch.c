/* SPDX-License-Identifier: MIT */
/*
 * cases_ksynch.c - shared cases of the "ksynch" family: priority levels,
 * basic, read/write and sleep locks, synchronization variables and
 * atomic integers, as the SCO HDK D3 pages define them.  Run in userspace
 * (Check, over compat/) and in the kernel (svr5ddi_test.ko, one CPU).
 *
 * Rules these cases keep so that they are valid on one CPU: no spin lock
 * is held across dc_thread_start/join or dc_msleep; "another context
 * tries the lock while this one holds it" is done from interrupt level
 * (dc_run_in_interrupt) with the lock held at plbase, so the interrupt
 * can be taken.  Misuse cases only provoke checks that are always on
 * (not only with the debug layer), and show that the state stays usable.
 *
 * Signals: a thread from dc_thread_start takes SIGHUP (the kernel adapter
 * allow_signal()s it; a userspace thread takes it by default), so a case
 * interrupts a waiter with proc_ref() (in the waiter) and proc_signal().
 * A signal sent before the waiter sleeps stays pending and ends the wait
 * as surely as one sent while it sleeps, so these cases need no timing.
 */
#include <sys/types.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/ddi.h>
#include <sys/signal.h>
#include <svr5ddi/ddictl.h>
#include "ddi_case.h"

static LKINFO_DECL(kc_lkinfo_a, "kc:a", 0);
static LKINFO_DECL(kc_lkinfo_b, "kc:b", 0);
static LKINFO_DECL(kc_lkinfo_rw, "kc:rw", 0);
static LKINFO_DECL(kc_lkinfo_sl, "kc:sleep", 0);

/* ---- priority levels ------------------------------------------------------ */

static void spl_levels_nest(void)
{
	pl_t s0, s1, s2, s3;

	DC_CHECK(getpl() == plbase);
	s0 = spltimeout();
	DC_CHECK(s0 == plbase);
	DC_CHECK(getpl() == pltimeout);
	s1 = spldisk();
	DC_CHECK(s1 == pltimeout);
	DC_CHECK(getpl() == pldisk);
	s2 = splhi();
	DC_CHECK(s2 == pldisk);
	DC_CHECK(getpl() == plhi);
	s3 = splstr();			/* never lowers: stays at plhi */
	DC_CHECK(s3 == plhi);
	DC_CHECK(getpl() == plhi);
	splx(s3);
	DC_CHECK(getpl() == plhi);
	splx(s2);
	DC_CHECK(getpl() == pldisk);
	splx(s1);
	DC_CHECK(getpl() == pltimeout);
	splx(s0);
	DC_CHECK(getpl() == plbase);
}

static void spl_order_and_base(void)
{
	pl_t s;

	DC_CHECK(plbase < pltimeout);
	DC_CHECK(pltimeout <= pldisk && pltimeout <= plstr);
	DC_CHECK(pldisk <= plhi && plstr <= plhi);
	DC_CHECK(spltty() == plbase);
	DC_CHECK(getpl() == plstr);	/* spltty is splstr */
	s = splbase();			/* lowers, returns the level left */
	DC_CHECK(s == plstr);
	DC_CHECK(getpl() == plbase);
	s = splhi();
	(splx)(s);			/* the plain function, no site */
	DC_CHECK(getpl() == plbase);
}

/* ---- basic locks ---------------------------------------------------------- */

static void lock_levels_and_return_values(void)
{
	lock_t *a = LOCK_ALLOC(1, plstr, &kc_lkinfo_a, KM_SLEEP);
	lock_t *b = LOCK_ALLOC(2, plhi, &kc_lkinfo_b, KM_NOSLEEP);
	pl_t sa, sb;

	DC_REQUIRE(a != NULL && b != NULL);
	DC_CHECK(LOCK_OWNED(a) == B_FALSE);
	sa = LOCK(a, plstr);
	DC_CHECK(sa == plbase);
	DC_CHECK(getpl() == plstr);
	DC_CHECK(LOCK_OWNED(a) == B_TRUE);
	sb = LOCK(b, plhi);
	DC_CHECK(sb == plstr);
	DC_CHECK(getpl() == plhi);
	UNLOCK(b, sb);
	DC_CHECK(getpl() == plstr);
	DC_CHECK(LOCK_OWNED(b) == B_FALSE);
	UNLOCK(a, sa);
	DC_CHECK(getpl() == plbase);
	DC_CHECK(LOCK_OWNED(a) == B_FALSE);
	LOCK_DEALLOC(b);
	LOCK_DEALLOC(a);
}

/* LOCK at a level below the current one keeps the current level. */
static void lock_never_lowers(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &kc_lkinfo_a, KM_SLEEP);
	pl_t s0, s;

	DC_REQUIRE(a != NULL);
	s0 = splhi();
	s = LOCK(a, pldisk);
	DC_CHECK(s == plhi);
	DC_CHECK(getpl() == plhi);
	UNLOCK(a, s);
	DC_CHECK(getpl() == plhi);
	splx(s0);
	LOCK_DEALLOC(a);
}

struct kc_intr {
	lock_t *lk;
	rwlock_t *rw;
	sleep_t *sl;
	pl_t got, got2, level_in, level_after;
	boolean_t b1, b2;
};

static void kc_trylock_in_intr(void *arg)
{
	struct kc_intr *k = arg;

	k->got = TRYLOCK(k->lk, plhi);
	if (k->got != invpl) {
		k->level_in = getpl();
		UNLOCK(k->lk, k->got);
		k->level_after = getpl();
	}
}

static void trylock_free_held_and_from_interrupt(void)
{
	struct kc_intr k = { 0 };
	pl_t s, s2;

	k.lk = LOCK_ALLOC(3, plbase, &kc_lkinfo_a, KM_SLEEP);
	DC_REQUIRE(k.lk != NULL);
	s = TRYLOCK(k.lk, pltimeout);
	DC_CHECK(s == plbase);
	DC_CHECK(getpl() == pltimeout);
	DC_CHECK(LOCK_OWNED(k.lk) == B_TRUE);
	s2 = TRYLOCK(k.lk, plhi);	/* held (by us): not free */
	DC_CHECK(s2 == invpl);
	DC_CHECK(getpl() == pltimeout);	/* a failed try changes nothing */
	UNLOCK(k.lk, s);
	DC_CHECK(getpl() == plbase);

	/* held at plbase: interrupt code finds it busy */
	s = LOCK(k.lk, plbase);
	dc_run_in_interrupt(kc_trylock_in_intr, &k);
	DC_CHECK(k.got == invpl);
	UNLOCK(k.lk, s);

	/* free: interrupt code takes it at plhi and gives it back */
	dc_run_in_interrupt(kc_trylock_in_intr, &k);
	DC_CHECK(k.got != invpl);
	DC_CHECK(k.level_in == plhi);
	DC_CHECK(k.level_after == k.got);
	DC_CHECK(getpl() == plbase);
	LOCK_DEALLOC(k.lk);
}

static void kc_lock_in_intr(void *arg)
{
	struct kc_intr *k = arg;

	k->got = LOCK(k->lk, plhi);
	k->level_in = getpl();
	k->b1 = LOCK_OWNED(k->lk);
	UNLOCK(k->lk, k->got);
	k->level_after = getpl();
	k->b2 = LOCK_OWNED(k->lk);
}

static void lock_at_interrupt_level(void)
{
	struct kc_intr k = { 0 };

	k.lk = LOCK_ALLOC(4, plhi, &kc_lkinfo_a, KM_SLEEP);
	DC_REQUIRE(k.lk != NULL);
	dc_run_in_interrupt(kc_lock_in_intr, &k);
	DC_CHECK(k.level_in == plhi);
	DC_CHECK(k.level_after == k.got);
	DC_CHECK(k.b1 == B_TRUE);
	DC_CHECK(k.b2 == B_FALSE);
	DC_CHECK(getpl() == plbase);
	DC_CHECK(LOCK_OWNED(k.lk) == B_FALSE);
	LOCK_DEALLOC(k.lk);
}

#define KC_LOOPS	2000

struct kc_count {
	lock_t *lk;
	rwlock_t *rw;
	sleep_t *sl;
	atomic_int_t *at;
	volatile int count;
	volatile int inside;
	int bad;
};

static void kc_lock_worker(void *arg)
{
	struct kc_count *c = arg;
	int i, v;
	pl_t s;

	for (i = 0; i < KC_LOOPS; i++) {
		s = LOCK(c->lk, pldisk);
		if (c->inside++)
			c->bad++;
		v = c->count;
		c->count = v + 1;
		c->inside--;
		UNLOCK(c->lk, s);
	}
}

static void lock_mutual_exclusion_threads(void)
{
	struct kc_count c = { 0 };
	struct dc_thread *t1, *t2;

	c.lk = LOCK_ALLOC(5, pldisk, &kc_lkinfo_a, KM_SLEEP);
	DC_REQUIRE(c.lk != NULL);
	t1 = dc_thread_start(kc_lock_worker, &c);
	t2 = dc_thread_start(kc_lock_worker, &c);
	kc_lock_worker(&c);
	dc_thread_join(t1);
	dc_thread_join(t2);
	DC_CHECK(c.count == 3 * KC_LOOPS);
	DC_CHECK(c.bad == 0);
	LOCK_DEALLOC(c.lk);
}

/* ---- read/write locks ----------------------------------------------------- */

static void kc_rw_try_in_intr(void *arg)
{
	struct kc_intr *k = arg;

	k->got = RW_TRYRDLOCK(k->rw, plstr);
	if (k->got != invpl)
		RW_UNLOCK(k->rw, k->got);
	k->got2 = RW_TRYWRLOCK(k->rw, plstr);
	if (k->got2 != invpl)
		RW_UNLOCK(k->rw, k->got2);
}

static void rw_readers_share_writer_excludes(void)
{
	struct kc_intr k = { 0 };
	pl_t s;

	k.rw = RW_ALLOC(6, plbase, &kc_lkinfo_rw, KM_SLEEP);
	DC_REQUIRE(k.rw != NULL);

	s = RW_RDLOCK(k.rw, plbase);	/* a reader: others may read */
	DC_CHECK(s == plbase);
	dc_run_in_interrupt(kc_rw_try_in_intr, &k);
	DC_CHECK(k.got != invpl);
	DC_CHECK(k.got2 == invpl);
	RW_UNLOCK(k.rw, s);

	s = RW_WRLOCK(k.rw, plbase);	/* a writer: nobody else */
	dc_run_in_interrupt(kc_rw_try_in_intr, &k);
	DC_CHECK(k.got == invpl);
	DC_CHECK(k.got2 == invpl);
	RW_UNLOCK(k.rw, s);

	dc_run_in_interrupt(kc_rw_try_in_intr, &k);	/* free: both */
	DC_CHECK(k.got != invpl);
	DC_CHECK(k.got2 != invpl);

	s = RW_TRYWRLOCK(k.rw, pldisk);
	DC_CHECK(s == plbase);
	DC_CHECK(getpl() == pldisk);
	DC_CHECK(RW_TRYRDLOCK(k.rw, pldisk) == invpl);
	RW_UNLOCK(k.rw, s);
	DC_CHECK(getpl() == plbase);
	RW_DEALLOC(k.rw);
}

static void kc_rw_writer(void *arg)
{
	struct kc_count *c = arg;
	int i;
	pl_t s;

	for (i = 0; i < KC_LOOPS / 2; i++) {
		s = RW_WRLOCK(c->rw, pldisk);
		if (c->inside++)
			c->bad++;
		c->count++;
		c->inside--;
		RW_UNLOCK(c->rw, s);
	}
}

static void kc_rw_reader(void *arg)
{
	struct kc_count *c = arg;
	int i, seen = 0;
	pl_t s;

	for (i = 0; i < KC_LOOPS / 2; i++) {
		s = RW_RDLOCK(c->rw, pldisk);
		if (c->inside)
			c->bad++;
		seen = c->count >= seen ? c->count : -1;
		RW_UNLOCK(c->rw, s);
		if (seen < 0)
			c->bad++;
	}
}

static void rw_writers_exclude_threads(void)
{
	struct kc_count c = { 0 };
	struct dc_thread *t[3];
	int i;

	c.rw = RW_ALLOC(7, pldisk, &kc_lkinfo_rw, KM_SLEEP);
	DC_REQUIRE(c.rw != NULL);
	t[0] = dc_thread_start(kc_rw_writer, &c);
	t[1] = dc_thread_start(kc_rw_reader, &c);
	t[2] = dc_thread_start(kc_rw_reader, &c);
	kc_rw_writer(&c);
	for (i = 0; i < 3; i++)
		dc_thread_join(t[i]);
	DC_CHECK(c.count == KC_LOOPS);
	DC_CHECK(c.bad == 0);
	RW_DEALLOC(c.rw);
}

/* ---- synchronization variables ------------------------------------------- */

struct kc_sv {
	lock_t *lk;
	sv_t *sv;
	int cond;		/* under lk */
	int waiting;		/* under lk: waiters about to sleep */
	int woken;		/* under lk */
	int bad;		/* under lk */
};

static void kc_sv_waiter(void *arg)
{
	struct kc_sv *v = arg;
	pl_t s;
	int bad = 0;

	s = LOCK(v->lk, pldisk);
	while (!v->cond) {
		v->waiting++;
		SV_WAIT(v->sv, primed, v->lk);
		/* returns at plbase holding nothing */
		if (getpl() != plbase || LOCK_OWNED(v->lk))
			bad++;
		s = LOCK(v->lk, pldisk);
	}
	v->cond--;		/* consume one event */
	v->woken++;
	v->bad += bad;
	UNLOCK(v->lk, s);
}

/* Wait (not holding lk) until @n waiters are queued on the sv. */
static int kc_sv_wait_queued(struct kc_sv *v, int n)
{
	int i, w = 0;
	pl_t s;

	for (i = 0; i < 5000; i++) {
		s = LOCK(v->lk, pldisk);
		w = v->waiting;
		UNLOCK(v->lk, s);
		if (w >= n)
			return 1;
		dc_msleep(1);
	}
	return 0;
}

static int kc_sv_woken(struct kc_sv *v)
{
	pl_t s = LOCK(v->lk, pldisk);
	int n = v->woken;

	UNLOCK(v->lk, s);
	return n;
}

static void sv_wait_wakes_on_signal_holding_nothing(void)
{
	struct kc_sv v = { 0 };
	struct dc_thread *t;
	pl_t s;

	v.lk = LOCK_ALLOC(8, pldisk, &kc_lkinfo_a, KM_SLEEP);
	v.sv = SV_ALLOC(KM_SLEEP);
	DC_REQUIRE(v.lk != NULL && v.sv != NULL);
	t = dc_thread_start(kc_sv_waiter, &v);
	/* queued on the sv: it released lk inside SV_WAIT */
	DC_CHECK(kc_sv_wait_queued(&v, 1));
	s = LOCK(v.lk, pldisk);
	v.cond = 1;
	SV_SIGNAL(v.sv, 0);
	UNLOCK(v.lk, s);
	dc_thread_join(t);
	DC_CHECK(v.woken == 1);
	DC_CHECK(v.bad == 0);
	SV_DEALLOC(v.sv);
	LOCK_DEALLOC(v.lk);
}

static void sv_signal_wakes_one_broadcast_all(void)
{
	struct kc_sv v = { 0 };
	struct dc_thread *t[3];
	int i;
	pl_t s;

	v.lk = LOCK_ALLOC(9, pldisk, &kc_lkinfo_a, KM_SLEEP);
	v.sv = SV_ALLOC(KM_NOSLEEP);
	DC_REQUIRE(v.lk != NULL && v.sv != NULL);
	for (i = 0; i < 3; i++)
		t[i] = dc_thread_start(kc_sv_waiter, &v);
	DC_CHECK(kc_sv_wait_queued(&v, 3));

	/* one event, one signal: exactly one waiter goes */
	s = LOCK(v.lk, pldisk);
	v.cond = 1;
	SV_SIGNAL(v.sv, 0);
	UNLOCK(v.lk, s);
	for (i = 0; i < 2000 && kc_sv_woken(&v) < 1; i++)
		dc_msleep(1);
	dc_msleep(20);
	DC_CHECK(kc_sv_woken(&v) == 1);

	/* two events, broadcast: the other two go */
	s = LOCK(v.lk, pldisk);
	v.cond = 2;
	SV_BROADCAST(v.sv, 0);
	UNLOCK(v.lk, s);
	for (i = 0; i < 3; i++)
		dc_thread_join(t[i]);
	DC_CHECK(v.woken == 3);
	DC_CHECK(v.cond == 0);
	DC_CHECK(v.bad == 0);
	SV_DEALLOC(v.sv);
	LOCK_DEALLOC(v.lk);
}

static void sv_signal_without_waiters_is_harmless(void)
{
	sv_t *sv = SV_ALLOC(KM_SLEEP);

	DC_REQUIRE(sv != NULL);
	SV_SIGNAL(sv, 0);
	SV_BROADCAST(sv, 0);
	SV_DEALLOC(sv);
}

/*
 * SV_WAIT_SIG and signals.  The waiter takes a reference to its own
 * process, queues on the sv (SV_WAIT_SIG) and records what it returned
 * and the state it returned in; then, with the signal still pending, it
 * waits again with SV_WAIT, which signals do not end.
 */
struct kc_svsig {
	lock_t *lk;
	sv_t *sv;
	void *ref;		/* the waiter's process, under lk */
	int stage;		/* under lk: 1 queued (SIG), 2 queued (SV_WAIT) */
	int cond;		/* under lk */
	boolean_t r;
	int bad;
	int done;		/* under lk: SV_WAIT returned */
};

static int kc_svsig_stage(struct kc_svsig *v, int *done)
{
	pl_t s = LOCK(v->lk, pldisk);
	int n = v->stage;

	if (done)
		*done = v->done;
	UNLOCK(v->lk, s);
	return n;
}

static void kc_svsig_waiter(void *arg)
{
	struct kc_svsig *v = arg;
	void *ref = proc_ref();
	pl_t s;

	s = LOCK(v->lk, pldisk);
	v->ref = ref;
	v->stage = 1;
	v->r = SV_WAIT_SIG(v->sv, primed, v->lk);
	/* either way: at plbase, lkp released */
	if (getpl() != plbase || LOCK_OWNED(v->lk))
		v->bad++;
	s = LOCK(v->lk, pldisk);
	v->stage = 2;
	while (!v->cond) {
		SV_WAIT(v->sv, primed, v->lk);
		s = LOCK(v->lk, pldisk);
	}
	v->done = 1;
	UNLOCK(v->lk, s);
}

/* Wait (not holding lk) until the waiter reached @stage. */
static int kc_svsig_reach(struct kc_svsig *v, int stage)
{
	int i;

	for (i = 0; i < 5000; i++) {
		if (kc_svsig_stage(v, NULL) >= stage)
			return 1;
		dc_msleep(1);
	}
	return 0;
}

static void sv_wait_sig_returns_false_on_a_signal(void)
{
	struct kc_svsig v = { 0 };
	struct dc_thread *t;
	int i, done = 0;
	pl_t s;

	v.lk = LOCK_ALLOC(8, pldisk, &kc_lkinfo_a, KM_SLEEP);
	v.sv = SV_ALLOC(KM_SLEEP);
	DC_REQUIRE(v.lk != NULL && v.sv != NULL);
	t = dc_thread_start(kc_svsig_waiter, &v);
	DC_CHECK(kc_svsig_reach(&v, 1));
	DC_CHECK(v.ref != NULL);
	DC_CHECK(proc_signal(v.ref, SIGHUP) == 0);
	DC_CHECK(kc_svsig_reach(&v, 2));
	DC_CHECK(v.r == B_FALSE);
	DC_CHECK(v.bad == 0);
	/* the signal still pending does not end SV_WAIT */
	dc_msleep(30);
	kc_svsig_stage(&v, &done);
	DC_CHECK(done == 0);
	/* the interrupted SV_WAIT_SIG left the queue: this SV_SIGNAL goes to
	 * the SV_WAIT, and is not lost */
	s = LOCK(v.lk, pldisk);
	v.cond = 1;
	SV_SIGNAL(v.sv, 0);
	UNLOCK(v.lk, s);
	for (i = 0; i < 3000 && !done; i++) {
		dc_msleep(1);
		kc_svsig_stage(&v, &done);
	}
	DC_CHECK(done == 1);
	if (!done)
		SV_BROADCAST(v.sv, 0);	/* unstick it: the case failed */
	dc_thread_join(t);
	dc_expect_begin();
	SV_DEALLOC(v.sv);		/* no waiter left: no report */
	DC_CHECK(dc_expect_end() == 0);
	LOCK_DEALLOC(v.lk);
	proc_unref(v.ref);
}

/*
 * A waiter SV_SIGNAL woke before the signal came: SV_WAIT_SIG gives that
 * wake-up back as B_TRUE (a signal never swallows an SV_SIGNAL).
 */
static void sv_wait_sig_woken_before_the_signal_is_true(void)
{
	struct kc_svsig v = { 0 };
	struct dc_thread *t;
	pl_t s;

	v.lk = LOCK_ALLOC(8, pldisk, &kc_lkinfo_a, KM_SLEEP);
	v.sv = SV_ALLOC(KM_SLEEP);
	DC_REQUIRE(v.lk != NULL && v.sv != NULL);
	v.cond = 1;		/* no second wait */
	t = dc_thread_start(kc_svsig_waiter, &v);
	DC_CHECK(kc_svsig_reach(&v, 1));
	s = LOCK(v.lk, pldisk);
	SV_SIGNAL(v.sv, 0);
	DC_CHECK(proc_signal(v.ref, SIGHUP) == 0);
	UNLOCK(v.lk, s);
	dc_thread_join(t);
	DC_CHECK(v.r == B_TRUE);
	DC_CHECK(v.bad == 0);
	DC_CHECK(v.done == 1);
	SV_DEALLOC(v.sv);
	LOCK_DEALLOC(v.lk);
	proc_unref(v.ref);
}

/* ---- sleep locks ---------------------------------------------------------- */

static void kc_sleep_worker(void *arg)
{
	struct kc_count *c = arg;
	int i, v;

	for (i = 0; i < 20; i++) {
		SLEEP_LOCK(c->sl, prilo);
		if (c->inside++)
			c->bad++;
		v = c->count;
		if (i % 5 == 0)
			dc_msleep(1);	/* may sleep holding a sleep lock */
		c->count = v + 1;
		c->inside--;
		SLEEP_UNLOCK(c->sl);
	}
}

static void sleep_lock_mutual_exclusion(void)
{
	struct kc_count c = { 0 };
	struct dc_thread *t1, *t2;

	c.sl = SLEEP_ALLOC(0, &kc_lkinfo_sl, KM_SLEEP);
	DC_REQUIRE(c.sl != NULL);
	t1 = dc_thread_start(kc_sleep_worker, &c);
	t2 = dc_thread_start(kc_sleep_worker, &c);
	kc_sleep_worker(&c);
	dc_thread_join(t1);
	dc_thread_join(t2);
	DC_CHECK(c.count == 60);
	DC_CHECK(c.bad == 0);
	DC_CHECK(SLEEP_LOCKAVAIL(c.sl) == B_TRUE);
	SLEEP_DEALLOC(c.sl);
}

static void kc_sleep_in_intr(void *arg)
{
	struct kc_intr *k = arg;

	k->b1 = SLEEP_TRYLOCK(k->sl);
	k->b2 = SLEEP_LOCKOWNED(k->sl);	/* interrupt code owns nothing */
}

static void kc_sleep_unlock_in_intr(void *arg)
{
	struct kc_intr *k = arg;

	SLEEP_UNLOCK(k->sl);
}

static void sleep_lock_avail_owned_and_interrupt_level(void)
{
	struct kc_intr k = { 0 };

	k.sl = SLEEP_ALLOC(0, &kc_lkinfo_sl, KM_NOSLEEP);
	DC_REQUIRE(k.sl != NULL);
	DC_CHECK(SLEEP_LOCKAVAIL(k.sl) == B_TRUE);
	DC_CHECK(SLEEP_LOCKOWNED(k.sl) == B_FALSE);
	SLEEP_LOCK(k.sl, pridisk);
	DC_CHECK(SLEEP_LOCKAVAIL(k.sl) == B_FALSE);
	DC_CHECK(SLEEP_LOCKOWNED(k.sl) == B_TRUE);
	DC_CHECK(SLEEP_TRYLOCK(k.sl) == B_FALSE);
	dc_run_in_interrupt(kc_sleep_in_intr, &k);
	DC_CHECK(k.b1 == B_FALSE);
	/* SVR5: SLEEP_UNLOCK may come from interrupt level */
	dc_run_in_interrupt(kc_sleep_unlock_in_intr, &k);
	DC_CHECK(SLEEP_LOCKAVAIL(k.sl) == B_TRUE);
	DC_CHECK(SLEEP_LOCKOWNED(k.sl) == B_FALSE);

	dc_run_in_interrupt(kc_sleep_in_intr, &k);	/* free: taken */
	DC_CHECK(k.b1 == B_TRUE);
	DC_CHECK(k.b2 == B_FALSE);
	DC_CHECK(SLEEP_LOCKAVAIL(k.sl) == B_FALSE);
	DC_CHECK(SLEEP_LOCKOWNED(k.sl) == B_FALSE);
	SLEEP_UNLOCK(k.sl);		/* released by another context */
	DC_CHECK(SLEEP_TRYLOCK(k.sl) == B_TRUE);
	DC_CHECK(SLEEP_LOCKOWNED(k.sl) == B_TRUE);
	SLEEP_UNLOCK(k.sl);
	DC_CHECK(SLEEP_LOCK_SIG(k.sl, primed) == B_TRUE);
	DC_CHECK(SLEEP_LOCKOWNED(k.sl) == B_TRUE);
	SLEEP_UNLOCK(k.sl);
	DC_CHECK(SLEEP_LOCKAVAIL(k.sl) == B_TRUE);
	SLEEP_DEALLOC(k.sl);
}

/*
 * SLEEP_LOCK_SIG and signals.  The main context holds the lock; the
 * waiter's SLEEP_LOCK_SIG is interrupted (B_FALSE, not holding it), its
 * SLEEP_LOCK then waits in spite of the pending signal, and gets the
 * lock when it is released; SLEEP_LOCK_SIG of a free lock succeeds even
 * with the signal pending.
 */
struct kc_slsig {
	lock_t *lk;		/* guards the fields */
	sleep_t *sl;
	void *ref;
	int stage;		/* 1: about to SLEEP_LOCK_SIG, 2: SLEEP_LOCK */
	boolean_t r, owned_after, r_free;
	int got;		/* SLEEP_LOCK returned */
};

static int kc_slsig_get(struct kc_slsig *v, int *got)
{
	pl_t s = LOCK(v->lk, pldisk);
	int n = v->stage;

	if (got)
		*got = v->got;
	UNLOCK(v->lk, s);
	return n;
}

static void kc_slsig_set(struct kc_slsig *v, int stage, int got)
{
	pl_t s = LOCK(v->lk, pldisk);

	if (stage)
		v->stage = stage;
	v->got |= got;
	UNLOCK(v->lk, s);
}

static void kc_slsig_waiter(void *arg)
{
	struct kc_slsig *v = arg;
	pl_t s;

	s = LOCK(v->lk, pldisk);
	v->ref = proc_ref();
	v->stage = 1;
	UNLOCK(v->lk, s);
	v->r = SLEEP_LOCK_SIG(v->sl, primed);
	v->owned_after = SLEEP_LOCKOWNED(v->sl);
	kc_slsig_set(v, 2, 0);
	SLEEP_LOCK(v->sl, primed);
	kc_slsig_set(v, 0, SLEEP_LOCKOWNED(v->sl) == B_TRUE ? 1 : 2);
	SLEEP_UNLOCK(v->sl);
	v->r_free = SLEEP_LOCK_SIG(v->sl, primed);
	if (v->r_free == B_TRUE)
		SLEEP_UNLOCK(v->sl);
}

static void sleep_lock_sig_returns_false_on_a_signal(void)
{
	struct kc_slsig v = { 0 };
	struct dc_thread *t;
	int i, got = 0;

	v.lk = LOCK_ALLOC(8, pldisk, &kc_lkinfo_a, KM_SLEEP);
	v.sl = SLEEP_ALLOC(0, &kc_lkinfo_sl, KM_SLEEP);
	DC_REQUIRE(v.lk != NULL && v.sl != NULL);
	SLEEP_LOCK(v.sl, pridisk);
	t = dc_thread_start(kc_slsig_waiter, &v);
	for (i = 0; i < 5000 && kc_slsig_get(&v, NULL) < 1; i++)
		dc_msleep(1);
	DC_REQUIRE(v.ref != NULL);
	DC_CHECK(proc_signal(v.ref, SIGHUP) == 0);
	for (i = 0; i < 5000 && kc_slsig_get(&v, NULL) < 2; i++)
		dc_msleep(1);
	DC_CHECK(kc_slsig_get(&v, NULL) == 2);
	DC_CHECK(v.r == B_FALSE);
	DC_CHECK(v.owned_after == B_FALSE);
	/* still ours; SLEEP_LOCK waits in spite of the pending signal */
	DC_CHECK(SLEEP_LOCKOWNED(v.sl) == B_TRUE);
	dc_msleep(30);
	kc_slsig_get(&v, &got);
	DC_CHECK(got == 0);
	SLEEP_UNLOCK(v.sl);
	dc_thread_join(t);
	DC_CHECK(v.got == 1);		/* it got the lock, owned it */
	DC_CHECK(v.r_free == B_TRUE);
	DC_CHECK(SLEEP_LOCKAVAIL(v.sl) == B_TRUE);
	dc_expect_begin();
	SLEEP_DEALLOC(v.sl);		/* not held, not waited for */
	DC_CHECK(dc_expect_end() == 0);
	LOCK_DEALLOC(v.lk);
	proc_unref(v.ref);
}

/* ---- atomic integers ------------------------------------------------------ */

static void atomic_int_arithmetic(void)
{
	atomic_int_t *a = ATOMIC_INT_ALLOC(KM_SLEEP);

	DC_REQUIRE(a != NULL);
	ATOMIC_INT_INIT(a, 5);
	DC_CHECK(ATOMIC_INT_READ(a) == 5);
	ATOMIC_INT_ADD(a, 10);
	DC_CHECK(ATOMIC_INT_READ(a) == 15);
	ATOMIC_INT_SUB(a, 3);
	DC_CHECK(ATOMIC_INT_READ(a) == 12);
	ATOMIC_INT_INCR(a);
	DC_CHECK(ATOMIC_INT_READ(a) == 13);
	DC_CHECK(ATOMIC_INT_DECR(a) == B_FALSE);
	DC_CHECK(ATOMIC_INT_READ(a) == 12);
	ATOMIC_INT_WRITE(a, 1);
	DC_CHECK(ATOMIC_INT_DECR(a) == B_TRUE);
	DC_CHECK(ATOMIC_INT_READ(a) == 0);
	DC_CHECK(ATOMIC_INT_DECR(a) == B_FALSE);
	DC_CHECK(ATOMIC_INT_READ(a) == -1);
	ATOMIC_INT_SUB(a, -4);
	DC_CHECK(ATOMIC_INT_READ(a) == 3);
	ATOMIC_INT_DEALLOC(a);
}

static void kc_atomic_worker(void *arg)
{
	struct kc_count *c = arg;
	int i;

	for (i = 0; i < KC_LOOPS; i++) {
		ATOMIC_INT_INCR(c->at);
		ATOMIC_INT_ADD(c->at, 2);
		ATOMIC_INT_SUB(c->at, 1);
	}
}

static void kc_atomic_in_intr(void *arg)
{
	struct kc_count *c = arg;

	ATOMIC_INT_ADD(c->at, 1000);
}

static void atomic_int_threads_and_interrupts(void)
{
	struct kc_count c = { 0 };
	struct dc_thread *t1, *t2;

	c.at = ATOMIC_INT_ALLOC(KM_NOSLEEP);
	DC_REQUIRE(c.at != NULL);
	ATOMIC_INT_INIT(c.at, 0);
	t1 = dc_thread_start(kc_atomic_worker, &c);
	t2 = dc_thread_start(kc_atomic_worker, &c);
	kc_atomic_worker(&c);
	dc_run_in_interrupt(kc_atomic_in_intr, &c);
	dc_thread_join(t1);
	dc_thread_join(t2);
	DC_CHECK(ATOMIC_INT_READ(c.at) == 3 * 2 * KC_LOOPS + 1000);
	ATOMIC_INT_DEALLOC(c.at);
}

/* ---- misuse (always-on checks) ------------------------------------------- */

static void misuse_unlock_unheld_does_nothing(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &kc_lkinfo_a, KM_SLEEP);
	pl_t s;

	DC_REQUIRE(a != NULL);
	dc_expect_begin();
	UNLOCK(a, plbase);
	DC_CHECK(dc_expect_end() == 1);
	s = LOCK(a, plstr);		/* still a working lock */
	DC_CHECK(s == plbase && LOCK_OWNED(a) == B_TRUE);
	UNLOCK(a, s);
	DC_CHECK(getpl() == plbase);
	LOCK_DEALLOC(a);
}

static void misuse_recursive_lock_reported_not_deadlocked(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &kc_lkinfo_a, KM_SLEEP);
	pl_t s, s2;

	DC_REQUIRE(a != NULL);
	s = LOCK(a, pldisk);
	dc_expect_begin();
	s2 = LOCK(a, pldisk);
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(s2 == pldisk);
	UNLOCK(a, s2);			/* undoes the recursion only */
	DC_CHECK(LOCK_OWNED(a) == B_TRUE);
	DC_CHECK(getpl() == pldisk);
	UNLOCK(a, s);
	DC_CHECK(LOCK_OWNED(a) == B_FALSE);
	DC_CHECK(getpl() == plbase);
	LOCK_DEALLOC(a);
}

static void misuse_dealloc_held_lock_keeps_it(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &kc_lkinfo_a, KM_SLEEP);
	rwlock_t *rw = RW_ALLOC(2, plbase, &kc_lkinfo_rw, KM_SLEEP);
	sleep_t *sl = SLEEP_ALLOC(0, &kc_lkinfo_sl, KM_SLEEP);
	pl_t s, r;

	DC_REQUIRE(a != NULL && rw != NULL && sl != NULL);
	SLEEP_LOCK(sl, prilo);		/* no spin lock held yet */
	s = LOCK(a, plbase);
	r = RW_RDLOCK(rw, plbase);
	dc_expect_begin();
	LOCK_DEALLOC(a);
	RW_DEALLOC(rw);
	SLEEP_DEALLOC(sl);
	DC_CHECK(dc_expect_end() == 3);
	SLEEP_UNLOCK(sl);
	RW_UNLOCK(rw, r);
	UNLOCK(a, s);			/* not freed: still usable */
	DC_CHECK(LOCK_OWNED(a) == B_FALSE);
	SLEEP_DEALLOC(sl);
	RW_DEALLOC(rw);
	LOCK_DEALLOC(a);
}

static void misuse_bad_levels_corrected_upwards(void)
{
	lock_t *a = LOCK_ALLOC(1, pldisk, &kc_lkinfo_a, KM_SLEEP);
	pl_t s;

	DC_REQUIRE(a != NULL);
	dc_expect_begin();
	s = LOCK(a, pltimeout);		/* below min_pl: held at pldisk */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(s == plbase);
	DC_CHECK(getpl() == pldisk);
	UNLOCK(a, s);
	dc_expect_begin();
	s = LOCK(a, plhi + 5);		/* out of range: plhi */
	DC_CHECK(getpl() == plhi);
	UNLOCK(a, s);
	splx(-3);			/* ignored */
	DC_CHECK(getpl() == plbase);
	DC_CHECK(LOCK_ALLOC(0, plbase, &kc_lkinfo_a, KM_SLEEP) == NULL);
	DC_CHECK(LOCK_ALLOC(33, plbase, &kc_lkinfo_a, KM_SLEEP) == NULL);
	DC_CHECK(RW_ALLOC(1, plhi + 1, &kc_lkinfo_a, KM_SLEEP) == NULL);
	DC_CHECK(dc_expect_end() == 5);
	LOCK_DEALLOC(a);
}

static void misuse_sleep_and_rw_unlock_unheld(void)
{
	sleep_t *sl = SLEEP_ALLOC(0, &kc_lkinfo_sl, KM_SLEEP);
	rwlock_t *rw = RW_ALLOC(2, plbase, &kc_lkinfo_rw, KM_SLEEP);
	pl_t s, s2;

	DC_REQUIRE(sl != NULL && rw != NULL);
	dc_expect_begin();
	SLEEP_UNLOCK(sl);
	RW_UNLOCK(rw, plbase);
	DC_CHECK(dc_expect_end() == 2);
	DC_CHECK(SLEEP_LOCKAVAIL(sl) == B_TRUE);

	SLEEP_LOCK(sl, prilo);
	dc_expect_begin();
	SLEEP_LOCK(sl, prilo);		/* recursion: reported, no hang */
	DC_CHECK(dc_expect_end() == 1);
	SLEEP_UNLOCK(sl);
	DC_CHECK(SLEEP_LOCKOWNED(sl) == B_TRUE);
	SLEEP_UNLOCK(sl);
	DC_CHECK(SLEEP_LOCKAVAIL(sl) == B_TRUE);

	s = RW_WRLOCK(rw, plstr);
	dc_expect_begin();
	s2 = RW_RDLOCK(rw, plstr);	/* writer reads: recursion */
	DC_CHECK(dc_expect_end() == 1);
	RW_UNLOCK(rw, s2);
	DC_CHECK(RW_TRYWRLOCK(rw, plstr) == invpl);	/* still ours */
	RW_UNLOCK(rw, s);
	DC_CHECK(getpl() == plbase);
	s = RW_TRYWRLOCK(rw, plstr);
	DC_CHECK(s == plbase);
	RW_UNLOCK(rw, s);
	RW_DEALLOC(rw);
	SLEEP_DEALLOC(sl);
}

static void misuse_sleeping_with_a_spin_lock(void)
{
	lock_t *a = LOCK_ALLOC(1, plbase, &kc_lkinfo_a, KM_SLEEP);
	lock_t *b = LOCK_ALLOC(2, plbase, &kc_lkinfo_b, KM_SLEEP);
	sleep_t *sl = SLEEP_ALLOC(0, &kc_lkinfo_sl, KM_SLEEP);
	sv_t *sv = SV_ALLOC(KM_SLEEP);
	pl_t sa, sb;

	DC_REQUIRE(a && b && sl && sv);
	sa = LOCK(a, plbase);
	sb = LOCK(b, plbase);
	dc_expect_begin();
	SV_WAIT(sv, primed, b);		/* a still held: no sleep */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(LOCK_OWNED(b) == B_FALSE);	/* lkp released anyway */
	DC_CHECK(LOCK_OWNED(a) == B_TRUE);
	dc_expect_begin();
	SLEEP_LOCK(sl, prilo);		/* free: taken without sleeping */
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(SLEEP_LOCKOWNED(sl) == B_TRUE);
	UNLOCK(a, sa);
	SLEEP_UNLOCK(sl);
	(void)sb;

	dc_expect_begin();
	SV_WAIT(sv, primed, a);		/* lkp not held: returns at once */
	SV_SIGNAL(sv, 1);		/* flags must be 0 */
	DC_CHECK(dc_expect_end() == 2);
	DC_CHECK(getpl() == plbase);
	SV_DEALLOC(sv);
	SLEEP_DEALLOC(sl);
	LOCK_DEALLOC(b);
	LOCK_DEALLOC(a);
}

const struct ddi_case ddi_cases_ksynch[] = {
	{ "spl_levels_nest", spl_levels_nest, 0 },
	{ "spl_order_and_base", spl_order_and_base, 0 },
	{ "lock_levels_and_return_values", lock_levels_and_return_values, 0 },
	{ "lock_never_lowers", lock_never_lowers, 0 },
	{ "trylock_free_held_and_from_interrupt",
	  trylock_free_held_and_from_interrupt, 0 },
	{ "lock_at_interrupt_level", lock_at_interrupt_level, 0 },
	{ "lock_mutual_exclusion_threads", lock_mutual_exclusion_threads, 0 },
	{ "rw_readers_share_writer_excludes",
	  rw_readers_share_writer_excludes, 0 },
	{ "rw_writers_exclude_threads", rw_writers_exclude_threads, 0 },
	{ "sv_wait_wakes_on_signal_holding_nothing",
	  sv_wait_wakes_on_signal_holding_nothing, 0 },
	{ "sv_signal_wakes_one_broadcast_all",
	  sv_signal_wakes_one_broadcast_all, 0 },
	{ "sv_signal_without_waiters_is_harmless",
	  sv_signal_without_waiters_is_harmless, 0 },
	{ "sv_wait_sig_returns_false_on_a_signal",
	  sv_wait_sig_returns_false_on_a_signal, 0 },
	{ "sv_wait_sig_woken_before_the_signal_is_true",
	  sv_wait_sig_woken_before_the_signal_is_true, 0 },
	{ "sleep_lock_mutual_exclusion", sleep_lock_mutual_exclusion, 0 },
	{ "sleep_lock_sig_returns_false_on_a_signal",
	  sleep_lock_sig_returns_false_on_a_signal, 0 },
	{ "sleep_lock_avail_owned_and_interrupt_level",
	  sleep_lock_avail_owned_and_interrupt_level, 0 },
	{ "atomic_int_arithmetic", atomic_int_arithmetic, 0 },
	{ "atomic_int_threads_and_interrupts",
	  atomic_int_threads_and_interrupts, 0 },
	{ "misuse_unlock_unheld_does_nothing",
	  misuse_unlock_unheld_does_nothing, 0 },
	{ "misuse_recursive_lock_reported_not_deadlocked",
	  misuse_recursive_lock_reported_not_deadlocked, 0 },
	{ "misuse_dealloc_held_lock_keeps_it",
	  misuse_dealloc_held_lock_keeps_it, 0 },
	{ "misuse_bad_levels_corrected_upwards",
	  misuse_bad_levels_corrected_upwards, 0 },
	{ "misuse_sleep_and_rw_unlock_unheld",
	  misuse_sleep_and_rw_unlock_unheld, 0 },
	{ "misuse_sleeping_with_a_spin_lock",
	  misuse_sleeping_with_a_spin_lock, 0 },
	DDI_CASES_END
};
