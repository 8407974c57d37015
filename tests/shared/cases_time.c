/* SPDX-License-Identifier: MIT */
/*
 * cases_time.c - shared cases of the "time" family: timeouts (fire once,
 * at their level, not early; untimeout before expiry; untimeout waiting
 * for a running callback; periodic calls without drift), tick and
 * microsecond conversions, drv_getparm/drv_setparm, TICKS, device
 * numbers, drv_priv and process references.  Written like driver code
 * (SVR5 headers only); run under Check and in svr5ddi_test.ko.
 *
 * Timing bounds are one-sided where the kernel run (QEMU, TCG) may be
 * slow: a callback must never run early; "late" bounds are generous.
 */
#include <sys/types.h>
#include <sys/ddi.h>
#include <sys/signal.h>
#include <sys/errno.h>
#include <svr5ddi/ddictl.h>
#include "ddi_case.h"

#define SLACK_TICKS	50	/* how late a callback may be (slow runs) */

struct to_probe {
	volatile int runs;
	volatile int started;
	volatile int finished;
	volatile int release;
	pl_t level;			/* getpl() inside the callback */
	clock_t at[8];			/* TICKS() at each run */
	int spin_ms;			/* busy-wait inside, at most */
	toid_t self_id;			/* untimeout itself with this id */
	volatile int cancelled_self;	/* it did */
};

static void to_cb(void *arg)
{
	struct to_probe *p = arg;
	int n = p->runs, i;

	p->level = getpl();
	if (n < 8)
		p->at[n] = TICKS();
	p->started = 1;
	for (i = 0; i < p->spin_ms && !p->release; i++)
		drv_usecwait(1000);
	if (p->self_id) {
		untimeout(p->self_id);
		p->cancelled_self = 1;
	}
	p->runs = n + 1;
	p->finished = 1;
}

static void to_cb_c(caddr_t arg)
{
	to_cb(arg);
}

/* Sleep until @p has run @n times, at most @ms milliseconds. */
static int wait_runs(struct to_probe *p, int n, int ms)
{
	while (p->runs < n && ms-- > 0)
		dc_msleep(1);
	return p->runs >= n;
}

static void sleep_ticks(int n)
{
	dc_msleep((unsigned int)drv_hztousec(n) / 1000 + 1);
}

static void itimeout_fires_once_at_level(void)
{
	struct to_probe p = { 0 };
	clock_t t0 = TICKS();
	toid_t id;

	id = itimeout(to_cb, &p, 3, pldisk);
	DC_REQUIRE(id != 0);
	DC_REQUIRE(wait_runs(&p, 1, 3000));
	DC_CHECK(p.level == pldisk);
	/* at least ticks - 1 ticks after the call */
	DC_CHECK(TICKS_BETWEEN(t0, p.at[0]) >= 2);
	DC_CHECK(TICKS_BETWEEN(t0, p.at[0]) <= 3 + SLACK_TICKS);
	DC_CHECK(getpl() == plbase);		/* ours was never raised */
	sleep_ticks(4);
	DC_CHECK(p.runs == 1);
	untimeout(id);				/* finished: harmless */
	DC_CHECK(p.runs == 1);
}

static void itimeout_zero_ticks(void)
{
	struct to_probe p = { 0 };

	DC_REQUIRE(itimeout(to_cb, &p, 0, pltimeout) != 0);
	DC_REQUIRE(wait_runs(&p, 1, 3000));
	DC_CHECK(p.level == pltimeout);
}

static void untimeout_before_expiry(void)
{
	struct to_probe p = { 0 };
	toid_t id;

	id = itimeout(to_cb, &p, 25, plhi);
	DC_REQUIRE(id != 0);
	untimeout(id);
	sleep_ticks(28);
	DC_CHECK(p.runs == 0);
	untimeout(id);				/* stale: harmless */
	untimeout(0);
}

static void ids_differ(void)
{
	struct to_probe p = { 0 };
	toid_t a, b, c;

	a = itimeout(to_cb, &p, 100, pltimeout);
	b = itimeout(to_cb, &p, 100, pltimeout);
	untimeout(a);
	c = itimeout(to_cb, &p, 100, pltimeout);
	DC_CHECK(a != 0 && b != 0 && c != 0);
	DC_CHECK(a != b && b != c && a != c);	/* a is not reused at once */
	untimeout(b);
	untimeout(c);
	DC_CHECK(p.runs == 0);
}

struct canceller {
	struct to_probe *p;
	toid_t id;
	int finished_at_return;
	int was_running;
};

static void cancel_thread(void *arg)
{
	struct canceller *c = arg;
	int ms = 3000;

	while (!c->p->started && ms-- > 0)
		dc_msleep(1);
	c->was_running = c->p->started && !c->p->finished;
	untimeout(c->id);
	c->finished_at_return = c->p->finished;
}

/*
 * The callback spins for up to 60 ms; another thread cancels it while it
 * runs: untimeout must not return before the callback has.  (On a single
 * processor the callback may finish before the thread sees it start: the
 * check still holds.)
 */
static void untimeout_waits_for_running_callback(void)
{
	struct to_probe p = { 0 };
	struct canceller c = { 0 };
	struct dc_thread *t;

	p.spin_ms = 60;
	c.p = &p;
	c.id = itimeout(to_cb, &p, 1, pltimeout);
	DC_REQUIRE(c.id != 0);
	t = dc_thread_start(cancel_thread, &c);
	dc_thread_join(t);
	DC_CHECK(p.started);
	DC_CHECK(c.finished_at_return == 1);
	DC_CHECK(p.runs == 1);
}

static void periodic_without_drift(void)
{
	struct to_probe p = { 0 };
	clock_t t0 = TICKS();
	toid_t id;
	int runs, k;

	id = itimeout(to_cb, &p, 2 | TO_PERIODIC, plstr);
	DC_REQUIRE(id != 0);
	DC_REQUIRE(wait_runs(&p, 4, 5000));
	untimeout(id);
	runs = p.runs;
	DC_CHECK(p.level == plstr);
	/*
	 * Run k is due 2k + 1 ticks after the call (at least ticks - 1 per
	 * period), counted from the call, not from the previous run: a late
	 * run does not push the later ones back (no drift), so run 3 is due
	 * 7 ticks after the call however late run 0 was.
	 */
	for (k = 0; k < 4; k++)
		DC_CHECK(TICKS_BETWEEN(t0, p.at[k]) >= 2 * k + 1);
	DC_CHECK(TICKS_BETWEEN(t0, p.at[3]) <= 8 + SLACK_TICKS);
	sleep_ticks(6);
	DC_CHECK(p.runs == runs);
}

static void timeout_and_dtimeout(void)
{
	struct to_probe p = { 0 }, q = { 0 };

	DC_REQUIRE(timeout(to_cb_c, (caddr_t)&p, 1) != 0);
	DC_REQUIRE(dtimeout(to_cb, &q, 1, plstr, 0) != 0);
	DC_REQUIRE(wait_runs(&p, 1, 3000));
	DC_REQUIRE(wait_runs(&q, 1, 3000));
	DC_CHECK(p.level == plhi);		/* timeout: all interrupts */
	DC_CHECK(q.level == plstr);
}

/* untimeout from the callback itself: reported, cancelled, no hang. */
static void untimeout_self_reported(void)
{
	struct to_probe p = { 0 };
	toid_t id;
	unsigned long n;
	int runs, ms = 3000;

	dc_expect_begin();
	id = itimeout(to_cb, &p, 3 | TO_PERIODIC, pltimeout);
	p.self_id = id;
	while (id && !p.cancelled_self && ms-- > 0)
		dc_msleep(1);
	if (!p.cancelled_self) {
		untimeout(id);
		dc_expect_end();
		DC_REQUIRE(0);
	}
	wait_runs(&p, 1, 100);
	runs = p.runs;
	sleep_ticks(4);
	n = dc_expect_end();
	DC_CHECK(n == 1);
	DC_CHECK(p.runs == runs);		/* no longer re-armed */
	untimeout(id);
}

static void delay_in_interrupt(void *arg)
{
	*(clock_t *)arg = TICKS();
	delay(20);				/* refused: no sleeping here */
	*(clock_t *)arg = TICKS() - *(clock_t *)arg;
}

static void delay_sleeps_and_refuses_interrupt(void)
{
	clock_t t0 = TICKS(), spent = -1;

	delay(2);
	DC_CHECK(TICKS_SINCE(t0) >= 1);
	delay(0);
	dc_expect_begin();
	dc_run_in_interrupt(delay_in_interrupt, &spent);
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(spent >= 0 && spent < 15);
}

static void conversions(void)
{
	static const clock_t us[] = { 1, 999, 3999, 4000, 4001, 1000000,
				      123456789 };
	static const clock_t tk[] = { 1, 2, 7, 250, 12345 };
	unsigned int i;

	DC_CHECK(Hz > 0);
	DC_CHECK(drv_hztousec(Hz) == 1000000);
	DC_CHECK(drv_usectohz(1000000) == Hz);
	DC_CHECK(drv_usectohz(0) == 0);
	DC_CHECK(drv_usectohz(-5) == 0);
	DC_CHECK(drv_hztousec(0) == 0);
	DC_CHECK(drv_usectohz(1) == 1);		/* rounds up */
	for (i = 0; i < sizeof(us) / sizeof(us[0]); i++) {
		clock_t t = drv_usectohz(us[i]);

		DC_CHECK(drv_hztousec(t) >= us[i]);
		DC_CHECK(drv_hztousec(t) - us[i] < drv_hztousec(1));
	}
	for (i = 0; i < sizeof(tk) / sizeof(tk[0]); i++)
		DC_CHECK(drv_usectohz(drv_hztousec(tk[i])) == tk[i]);
	DC_CHECK(drv_hztousec(CLOCK_MAX) == CLOCK_MAX);
	DC_CHECK(drv_usectohz(CLOCK_MAX) > 0);
}

static void usecwait_waits(void)
{
	clock_t t0 = TICKS();

	drv_usecwait(drv_hztousec(3));
	DC_CHECK(TICKS_SINCE(t0) >= 2);
	drv_usecwait(0);
}

static void getparm_values(void)
{
	ulong_t lbolt = 0, lbolt2 = 0, now = 0, v = 0;
	clock_t t;
	int msg = 0;

	t = TICKS();
	DC_CHECK(drv_getparm(LBOLT, &lbolt) == 0);
	DC_CHECK((clock_t)lbolt - t >= 0 && (clock_t)lbolt - t < 5);
	DC_CHECK(drv_getparm(LBOLT, &lbolt2) == 0);
	DC_CHECK(lbolt2 >= lbolt);
	DC_CHECK(drv_getparm(TIME, &now) == 0);
	DC_CHECK(now > 1000000000UL);		/* after 2001 */
	DC_CHECK(drv_getparm(PPID, &v) == 0 && (long)v > 0);
	DC_CHECK(drv_getparm(PPGRP, &v) == 0 && (long)v >= 0);
	DC_CHECK(drv_getparm(PSID, &v) == 0 && (long)v >= 0);
	v = 0;
	DC_CHECK(drv_getparm(UPROCP, &v) == 0 && v != 0);
	v = 0;
	DC_CHECK(drv_getparm(UCRED, &v) == 0 && v != 0);
	DC_CHECK(drv_getparm(DRV_MAXBIOSIZE, &v) == 0 && v >= 65536);
	DC_CHECK(drv_getparm(STRMSGSIZE, &msg) == 0 && msg > 0);
	v = 12345;
	DC_CHECK(drv_getparm(0, &v) == -1);
	DC_CHECK(drv_getparm(99, &v) == -1);
	DC_CHECK(drv_getparm(SYSRINT, &v) == -1);	/* write-only */
	DC_CHECK(v == 12345);
	DC_CHECK(drv_setparm(SYSRINT, 1) == 0);
	DC_CHECK(drv_setparm(SYSOUTC, 10) == 0);
	DC_CHECK(drv_setparm(LBOLT, 1) == -1);
}

static void ticks_macros(void)
{
	clock_t a = TICKS(), b;

	DC_CHECK(TICKS_SINCE(a) >= 0);
	DC_CHECK(TICKS_LATER(TICKS_FARFUTURE(), a));
	DC_CHECK(!TICKS_LATER(TICKS_FARPAST(), a));
	DC_CHECK(TICKS_LATER(a + 1, a));
	DC_CHECK(!TICKS_LATER(a, a));
	b = a + 40;
	DC_CHECK(TICKS_BETWEEN(a, b) == 40);
	/* four months at Hz ticks a second */
	DC_CHECK(TICKS_BETWEEN(TICKS_FARPAST(), a) >= 10368000L * Hz - 10);
}

static void privilege(void)
{
	ulong_t cr = 0;

	DC_REQUIRE(drv_getparm(UCRED, &cr) == 0);
	/* userspace: the initial credentials; kernel: insmod's (root) */
	DC_CHECK(drv_priv((cred_t *)cr) == 0);
	DC_CHECK(drv_priv(NULL) == EPERM);
}

static void device_numbers(void)
{
	static const struct { major_t maj; minor_t min; } v[] = {
		{ 0, 0 }, { 1, 2 }, { 300, 70000 }, { 4095, 0xffffe },
	};
	unsigned int i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		dev_t d = makedevice(v[i].maj, v[i].min);

		DC_CHECK(d != NODEV);
		DC_CHECK(getmajor(d) == v[i].maj);
		DC_CHECK(getminor(d) == v[i].min);
		DC_CHECK(getemajor(d) == v[i].maj);
		DC_CHECK(geteminor(d) == v[i].min);
	}
	DC_CHECK(makedevice(1, 2) != makedevice(2, 1));
	DC_CHECK(etoimajor(5) == 5);
	DC_CHECK(etoimajor(4096) == (int)NODEV);
	DC_CHECK(itoemajor(7, (int)NODEV) == 7);
	DC_CHECK(itoemajor(7, 7) == (int)NODEV);
}

static void proc_ref_signal(void)
{
	void *ref = proc_ref();

	DC_REQUIRE(ref != NULL);
	DC_CHECK(proc_valid(ref) == B_TRUE);
	/* SIGWINCH: ignored by default, harmless to the test process */
	DC_CHECK(proc_signal(ref, SIGWINCH) == 0);
	proc_unref(ref);
	DC_CHECK(proc_valid(NULL) == B_FALSE);
	DC_CHECK(proc_signal(NULL, SIGWINCH) == -1);
	proc_unref(NULL);
}

static void take_ref(void *arg)
{
	*(void **)arg = proc_ref();
}

/* A referenced process exits: the reference stays valid but dead. */
static void proc_ref_outlives_process(void)
{
	void *ref = NULL;
	int ms = 3000;

	dc_thread_join(dc_thread_start(take_ref, &ref));
	DC_REQUIRE(ref != NULL);
	while (proc_valid(ref) && ms-- > 0)
		dc_msleep(1);
	DC_CHECK(proc_valid(ref) == B_FALSE);
	DC_CHECK(proc_signal(ref, SIGHUP) == -1);
	proc_unref(ref);
}

static void proc_signal_refuses_tstp(void)
{
	void *ref = proc_ref();

	DC_REQUIRE(ref != NULL);
	dc_expect_begin();
	DC_CHECK(proc_signal(ref, SIGTSTP) == 0);	/* not sent */
	DC_CHECK(proc_signal(ref, 99) == 0);
	DC_CHECK(dc_expect_end() == 2);
	proc_unref(ref);
}

const struct ddi_case ddi_cases_time[] = {
	{ "itimeout_fires_once_at_level", itimeout_fires_once_at_level, 0 },
	{ "itimeout_zero_ticks", itimeout_zero_ticks, 0 },
	{ "untimeout_before_expiry", untimeout_before_expiry, 0 },
	{ "ids_differ", ids_differ, 0 },
	{ "untimeout_waits_for_running_callback",
	  untimeout_waits_for_running_callback, 0 },
	{ "periodic_without_drift", periodic_without_drift, 0 },
	{ "timeout_and_dtimeout", timeout_and_dtimeout, 0 },
	{ "untimeout_self_reported", untimeout_self_reported, 0 },
	{ "delay_sleeps_and_refuses_interrupt",
	  delay_sleeps_and_refuses_interrupt, 0 },
	{ "conversions", conversions, 0 },
	{ "usecwait_waits", usecwait_waits, 0 },
	{ "getparm_values", getparm_values, 0 },
	{ "ticks_macros", ticks_macros, 0 },
	{ "privilege", privilege, 0 },
	{ "device_numbers", device_numbers, 0 },
	{ "proc_ref_signal", proc_ref_signal, 0 },
	{ "proc_ref_outlives_process", proc_ref_outlives_process, 0 },
	{ "proc_signal_refuses_tstp", proc_signal_refuses_tstp, 0 },
	DDI_CASES_END
};
