/* SPDX-License-Identifier: MIT */
/*
 * check_timer.c - struct timer_list of the Linux 6.1 emulation: arming
 * and the wheel's expiry rule, the return values of mod_timer and
 * friends, deletion (timer_delete_sync waits for a running callback; the
 * warnings Linux gives for hardirq callers and for a callback deleting
 * itself), shutdown, and the softirq context callbacks run in.
 *
 * Fresh process per test (fork mode): the timer thread starts at each
 * test's first arming.  HZ is 250, so a tick is 4 ms; tests wait at most
 * a few dozen ticks.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

#include "check_util.h"

struct probe {
	struct timer_list timer;
	volatile int runs;
	volatile int started, finished;
	unsigned long fired_at[4];	/* jiffies at each run */
	unsigned int preempt;		/* preempt_count in the callback */
	int irqs_off, in_hardirq, serving_softirq;
	int spin_ms;			/* busy time inside the callback */
	int rearm;			/* re-arm this many more times */
	int del_self;			/* timer_delete_sync() on itself */
	int del_self_ret;
};

static void probe_fn(struct timer_list *t)
{
	struct probe *p = from_timer(p, t, timer);
	int n = p->runs;

	if (n < 4)
		p->fired_at[n] = jiffies;
	p->preempt = preempt_count();
	p->irqs_off = irqs_disabled();
	p->in_hardirq = !!in_hardirq();
	p->serving_softirq = !!in_serving_softirq();
	p->started = 1;
	if (p->spin_ms)
		mdelay(p->spin_ms);
	if (p->del_self)
		p->del_self_ret = timer_delete_sync(t);
	if (p->rearm > 0) {
		p->rearm--;
		mod_timer(t, jiffies + 1);
	}
	p->runs = n + 1;
	p->finished = 1;
}

/* Poll @cond every millisecond for up to @ms; true when it held. */
#define WAIT_FOR(cond, ms) ({						\
	int __i;							\
	for (__i = 0; __i < (ms) && !(cond); __i++)			\
		usleep(1000);						\
	(cond);								\
})

static void sleep_ticks(unsigned int n)
{
	usleep(n * 4000 + 2000);
}

/* ---- arming ---------------------------------------------------------------- */

START_TEST(fires_once_in_softirq_not_early)
{
	struct probe p = { 0 };
	unsigned long armed;

	timer_setup(&p.timer, probe_fn, 0);
	ck_assert(!timer_pending(&p.timer));
	armed = jiffies;
	ck_assert_int_eq(mod_timer(&p.timer, armed + 3), 0);
	ck_assert(WAIT_FOR(p.finished, 1000));
	ck_assert(!timer_pending(&p.timer));
	/* the wheel: at least one tick after @expires, never before */
	ck_assert(time_after_eq(p.fired_at[0], armed + 3 + 1));
	ck_assert(time_before_eq(p.fired_at[0], armed + 3 + 50));	/* slow runs */
	ck_assert_int_eq(p.serving_softirq, 1);
	ck_assert_int_eq(p.in_hardirq, 0);
	ck_assert_int_eq(p.irqs_off, 0);
	ck_assert_uint_eq(p.preempt, SOFTIRQ_OFFSET);
	sleep_ticks(5);
	ck_assert_int_eq(p.runs, 1);
}
END_TEST

START_TEST(irqsafe_runs_with_irqs_off)
{
	struct probe p = { 0 };

	timer_setup(&p.timer, probe_fn, TIMER_IRQSAFE);
	mod_timer(&p.timer, jiffies);
	ck_assert(WAIT_FOR(p.finished, 1000));
	ck_assert_int_eq(p.irqs_off, 1);
	ck_assert_int_eq(p.serving_softirq, 1);
}
END_TEST

START_TEST(past_expiry_fires_at_next_tick)
{
	struct probe p = { 0 };
	unsigned long now = jiffies;

	timer_setup(&p.timer, probe_fn, 0);
	mod_timer(&p.timer, now - 100);
	ck_assert(WAIT_FOR(p.finished, 1000));
	ck_assert(time_before_eq(p.fired_at[0], now + 50));	/* at once (slow runs allowed) */
}
END_TEST

START_TEST(return_values)
{
	struct probe p = { 0 };
	unsigned long now = jiffies;

	timer_setup(&p.timer, probe_fn, 0);
	/* mod_timer_pending leaves an inactive timer alone */
	ck_assert_int_eq(mod_timer_pending(&p.timer, now + 50), 0);
	ck_assert(!timer_pending(&p.timer));
	ck_assert_int_eq(mod_timer(&p.timer, now + 50), 0);
	ck_assert_int_eq(mod_timer(&p.timer, now + 50), 1);	/* same */
	ck_assert_int_eq(mod_timer(&p.timer, now + 60), 1);
	ck_assert_int_eq(p.timer.expires, now + 60);
	ck_assert_int_eq(mod_timer_pending(&p.timer, now + 70), 1);
	/* timer_reduce only ever moves it earlier */
	ck_assert_int_eq(timer_reduce(&p.timer, now + 90), 1);
	ck_assert_uint_eq(p.timer.expires, now + 70);
	ck_assert_int_eq(timer_reduce(&p.timer, now + 40), 1);
	ck_assert_uint_eq(p.timer.expires, now + 40);
	ck_assert_int_eq(del_timer(&p.timer), 1);
	ck_assert_int_eq(del_timer(&p.timer), 0);
	ck_assert_int_eq(try_to_del_timer_sync(&p.timer), 0);
	ck_assert_int_eq(del_timer_sync(&p.timer), 0);
	sleep_ticks(2);
	ck_assert_int_eq(p.runs, 0);
}
END_TEST

START_TEST(add_timer_on_pending_warns)
{
	struct probe p = { 0 };
	unsigned long w0;

	compat_log_quiet(true);
	timer_setup(&p.timer, probe_fn, 0);
	p.timer.expires = jiffies + 100;
	add_timer(&p.timer);
	ck_assert(timer_pending(&p.timer));
	w0 = compat_warn_count();
	p.timer.expires = jiffies + 1;
	add_timer(&p.timer);			/* refused: already pending */
	ck_assert_uint_eq(compat_warn_count(), w0 + 1);
	sleep_ticks(3);
	ck_assert_int_eq(p.runs, 0);
	ck_assert_int_eq(del_timer(&p.timer), 1);
}
END_TEST

/* 6.1's wheel: far timers expire at a bucket boundary of their level. */
START_TEST(wheel_granularity)
{
	struct probe p = { 0 };
	unsigned long now, e;

	timer_setup(&p.timer, probe_fn, 0);
	now = jiffies;
	mod_timer(&p.timer, now + 10);		/* level 0: expires + 1 */
	ck_assert_uint_eq(p.timer.__bucket_expiry, now + 10 + 1);
	e = now + 100;				/* level 1: 8-tick buckets */
	mod_timer(&p.timer, e);
	ck_assert_uint_eq(p.timer.__bucket_expiry % 8, 0);
	ck_assert(time_after(p.timer.__bucket_expiry, e));
	ck_assert(time_before_eq(p.timer.__bucket_expiry, e + 8));
	e = now + 1000;				/* level 2: 64-tick buckets */
	mod_timer(&p.timer, e);
	ck_assert_uint_eq(p.timer.__bucket_expiry % 64, 0);
	ck_assert(time_after(p.timer.__bucket_expiry, e));
	ck_assert_int_eq(del_timer(&p.timer), 1);
}
END_TEST

START_TEST(rearm_from_callback)
{
	struct probe p = { 0 };

	timer_setup(&p.timer, probe_fn, 0);
	p.rearm = 2;
	mod_timer(&p.timer, jiffies);
	ck_assert(WAIT_FOR(p.runs == 3, 1000));
	sleep_ticks(3);
	ck_assert_int_eq(p.runs, 3);
	ck_assert(time_after(p.fired_at[1], p.fired_at[0]));
	ck_assert(time_after(p.fired_at[2], p.fired_at[1]));
}
END_TEST

static void free_self(struct timer_list *t)
{
	int *flag = *(int **)(t + 1);

	kfree(t);
	*flag = 1;
}

START_TEST(callback_frees_its_timer)
{
	struct timer_list *t = kmalloc(sizeof(*t) + sizeof(int *), GFP_KERNEL);
	static volatile int freed;

	ck_assert_ptr_nonnull(t);
	*(volatile int **)(t + 1) = &freed;
	timer_setup(t, free_self, 0);
	mod_timer(t, jiffies + 1);
	ck_assert(WAIT_FOR(freed, 1000));
	/* the timer thread goes on serving others */
	{
		struct probe p = { 0 };

		timer_setup(&p.timer, probe_fn, 0);
		mod_timer(&p.timer, jiffies);
		ck_assert(WAIT_FOR(p.finished, 1000));
	}
}
END_TEST

/* ---- deletion ------------------------------------------------------------ */

START_TEST(del_pending_never_runs)
{
	struct probe p = { 0 };

	timer_setup(&p.timer, probe_fn, 0);
	mod_timer(&p.timer, jiffies + 25);
	ck_assert_int_eq(del_timer_sync(&p.timer), 1);
	ck_assert(!timer_pending(&p.timer));
	sleep_ticks(5);
	ck_assert_int_eq(p.runs, 0);
}
END_TEST

START_TEST(del_sync_waits_for_running_callback)
{
	struct probe p = { 0 };

	timer_setup(&p.timer, probe_fn, 0);
	p.spin_ms = 40;
	mod_timer(&p.timer, jiffies);
	ck_assert(WAIT_FOR(p.started, 1000));
	ck_assert_int_eq(p.finished, 0);
	ck_assert_int_eq(try_to_del_timer_sync(&p.timer), -1);
	ck_assert_int_eq(del_timer_sync(&p.timer), 0);
	ck_assert_int_eq(p.finished, 1);	/* waited for it */
	ck_assert_int_eq(try_to_del_timer_sync(&p.timer), 0);
}
END_TEST

START_TEST(del_sync_stops_a_rearming_timer)
{
	struct probe p = { 0 };
	int runs;

	timer_setup(&p.timer, probe_fn, 0);
	p.rearm = 1000;
	mod_timer(&p.timer, jiffies);
	ck_assert(WAIT_FOR(p.runs >= 2, 1000));
	del_timer_sync(&p.timer);
	runs = p.runs;
	ck_assert(!timer_pending(&p.timer));
	sleep_ticks(4);
	ck_assert_int_eq(p.runs, runs);
}
END_TEST

START_TEST(del_sync_from_own_callback_warns)
{
	struct probe p = { 0 };

	compat_log_quiet(true);
	compat_log_clear();
	timer_setup(&p.timer, probe_fn, 0);
	p.del_self = 1;
	mod_timer(&p.timer, jiffies);
	ck_assert(WAIT_FOR(p.finished, 2000));		/* did not hang */
	ck_assert_int_eq(p.del_self_ret, 0);
	ck_assert(compat_log_contains("timer_delete_sync() called from the callback of the timer it waits for"));
}
END_TEST

struct hard_del {
	struct timer_list *timer;
	int ret;
};

static void del_in_hardirq(void *arg)
{
	struct hard_del *h = arg;

	h->ret = del_timer_sync(h->timer);
}

START_TEST(del_sync_in_hardirq_warns_unless_irqsafe)
{
	struct probe p = { 0 }, q = { 0 };
	struct hard_del h;
	unsigned long w0;

	compat_log_quiet(true);
	timer_setup(&p.timer, probe_fn, 0);
	timer_setup(&q.timer, probe_fn, TIMER_IRQSAFE);
	mod_timer(&p.timer, jiffies + 100);
	mod_timer(&q.timer, jiffies + 100);
	w0 = compat_warn_count();
	h.timer = &q.timer;
	compat_run_in_hardirq(del_in_hardirq, &h);
	ck_assert_int_eq(h.ret, 1);
	ck_assert_uint_eq(compat_warn_count(), w0);
	h.timer = &p.timer;
	compat_run_in_hardirq(del_in_hardirq, &h);
	ck_assert_int_eq(h.ret, 1);
	ck_assert_uint_eq(compat_warn_count(), w0 + 1);
}
END_TEST

START_TEST(shutdown_refuses_rearming)
{
	struct probe p = { 0 };

	timer_setup(&p.timer, probe_fn, 0);
	mod_timer(&p.timer, jiffies + 50);
	ck_assert_int_eq(timer_shutdown_sync(&p.timer), 1);
	ck_assert_int_eq(mod_timer(&p.timer, jiffies), 0);
	ck_assert(!timer_pending(&p.timer));
	p.timer.expires = jiffies;
	add_timer(&p.timer);
	ck_assert(!timer_pending(&p.timer));
	sleep_ticks(3);
	ck_assert_int_eq(p.runs, 0);
	/* timer_setup() makes it usable again */
	timer_setup(&p.timer, probe_fn, 0);
	mod_timer(&p.timer, jiffies);
	ck_assert(WAIT_FOR(p.finished, 1000));
}
END_TEST

/* ---- context ------------------------------------------------------------- */

static void leak_fn(struct timer_list *t)
{
	preempt_disable();			/* never enabled: a leak */
}

START_TEST(preempt_leak_is_warned_and_repaired)
{
	struct timer_list t;
	struct probe p = { 0 };

	compat_log_quiet(true);
	compat_log_clear();
	timer_setup(&t, leak_fn, 0);
	mod_timer(&t, jiffies);
	timer_setup(&p.timer, probe_fn, 0);
	mod_timer(&p.timer, jiffies + 2);
	ck_assert(WAIT_FOR(p.finished, 1000));
	ck_assert(compat_log_contains("preempt leak"));
	ck_assert_uint_eq(p.preempt, SOFTIRQ_OFFSET);	/* repaired */
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *tc;

	tc = tcase_create("arm");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, fires_once_in_softirq_not_early);
	tcase_add_test(tc, irqsafe_runs_with_irqs_off);
	tcase_add_test(tc, past_expiry_fires_at_next_tick);
	tcase_add_test(tc, return_values);
	tcase_add_test(tc, add_timer_on_pending_warns);
	tcase_add_test(tc, wheel_granularity);
	tcase_add_test(tc, rearm_from_callback);
	tcase_add_test(tc, callback_frees_its_timer);
	suite_add_tcase(s, tc);

	tc = tcase_create("delete");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, del_pending_never_runs);
	tcase_add_test(tc, del_sync_waits_for_running_callback);
	tcase_add_test(tc, del_sync_stops_a_rearming_timer);
	tcase_add_test(tc, del_sync_from_own_callback_warns);
	tcase_add_test(tc, del_sync_in_hardirq_warns_unless_irqsafe);
	tcase_add_test(tc, shutdown_refuses_rearming);
	suite_add_tcase(s, tc);

	tc = tcase_create("context");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, preempt_leak_is_warned_and_repaired);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
