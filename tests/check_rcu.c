/* SPDX-License-Identifier: MIT */
/*
 * check_rcu.c - grace periods of the emulation (<linux/rcupdate.h>,
 * compat/rcupdate.c) against 6.1's guarantees: synchronize_rcu() waits
 * for every reader that began before it (rcu_read_lock sections, and
 * regions with preemption, softirqs or interrupts disabled, which 6.1
 * counts as readers since 4.20), does not wait for threads outside
 * readers, orders what readers saw against what the updater does after
 * it returns (the publish / wait / reuse pattern), works with threads
 * that have exited, and warns as 6.1 does when called from atomic
 * context or inside rcu_read_lock().
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/rcupdate.h>
#include <svr5compat/log.h>
#include "check_util.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- a reader holds the grace period -------------------------------- */

enum rd_kind { RD_PREEMPT, RD_IRQ, RD_BH, RD_RCU };

struct holder {
	enum rd_kind kind;
	volatile int ready;
	volatile int left;		/* set just before the section ends */
	double hold_s;
};

static void *holder_fn(void *arg)
{
	struct holder *h = arg;
	unsigned long flags = 0;
	double t0;

	(void)smp_processor_id();	/* a CPU: registered */
	switch (h->kind) {
	case RD_PREEMPT:
		preempt_disable();
		break;
	case RD_IRQ:
		local_irq_save(flags);
		break;
	case RD_BH:
		local_bh_disable();
		break;
	case RD_RCU:
		rcu_read_lock();
		break;
	}
	h->ready = 1;
	t0 = now_s();
	while (now_s() - t0 < h->hold_s)
		usleep(1000);
	h->left = 1;
	switch (h->kind) {
	case RD_PREEMPT:
		preempt_enable();
		break;
	case RD_IRQ:
		local_irq_restore(flags);
		break;
	case RD_BH:
		local_bh_enable();
		break;
	case RD_RCU:
		rcu_read_unlock();
		break;
	}
	return NULL;
}

static void check_reader_delays(enum rd_kind kind)
{
	struct holder h = { .kind = kind, .hold_s = 0.2 };
	pthread_t th;
	double t0, dt;

	(void)smp_processor_id();
	ck_assert_int_eq(pthread_create(&th, NULL, holder_fn, &h), 0);
	while (!h.ready)
		usleep(100);
	t0 = now_s();
	synchronize_rcu();
	dt = now_s() - t0;
	ck_assert_msg(h.left, "synchronize_rcu returned inside the reader");
	ck_assert_msg(dt > 0.1, "returned after %.3f s", dt);
	pthread_join(th, NULL);
}

START_TEST(test_preempt_disabled_delays)
{
	check_reader_delays(RD_PREEMPT);
}
END_TEST

START_TEST(test_irqs_disabled_delays)
{
	check_reader_delays(RD_IRQ);
}
END_TEST

START_TEST(test_bh_disabled_delays)
{
	check_reader_delays(RD_BH);
}
END_TEST

START_TEST(test_rcu_read_lock_delays)
{
	check_reader_delays(RD_RCU);
}
END_TEST

/* ---- threads outside readers do not delay it ------------------------- */

struct idler {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ready, stop;
	int spin;			/* busy outside readers, or blocked */
};

static void *idler_fn(void *arg)
{
	struct idler *s = arg;

	(void)smp_processor_id();
	pthread_mutex_lock(&s->lock);
	s->ready = 1;
	pthread_cond_broadcast(&s->cond);
	if (s->spin) {
		pthread_mutex_unlock(&s->lock);
		while (!__atomic_load_n(&s->stop, __ATOMIC_RELAXED))
			;
		return NULL;
	}
	while (!s->stop)
		pthread_cond_wait(&s->cond, &s->lock);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static void check_idlers_no_delay(int spin)
{
	struct idler s = { .spin = spin };
	pthread_t th[3];
	double t0, dt;
	int i;

	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, idler_fn, &s), 0);
	pthread_mutex_lock(&s.lock);
	while (!s.ready)
		pthread_cond_wait(&s.cond, &s.lock);
	pthread_mutex_unlock(&s.lock);
	usleep(20000);			/* all three registered and waiting */
	t0 = now_s();
	for (i = 0; i < 100; i++)
		synchronize_rcu();
	dt = now_s() - t0;
	pthread_mutex_lock(&s.lock);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELAXED);
	pthread_cond_broadcast(&s.cond);
	pthread_mutex_unlock(&s.lock);
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	ck_assert_msg(dt < 1.0, "100 grace periods took %.3f s", dt);
}

START_TEST(test_blocked_threads_no_delay)
{
	check_idlers_no_delay(0);
}
END_TEST

START_TEST(test_running_threads_no_delay)
{
	check_idlers_no_delay(1);
}
END_TEST

/* Threads that were CPUs and exited are not waited for. */
static void *short_fn(void *arg)
{
	(void)smp_processor_id();
	rcu_read_lock();
	rcu_read_unlock();
	return arg;
}

START_TEST(test_exited_threads)
{
	pthread_t th;
	double t0;
	int i;

	for (i = 0; i < 100; i++) {	/* more than NR_CPUS, one at a time */
		ck_assert_int_eq(pthread_create(&th, NULL, short_fn, NULL), 0);
		pthread_join(th, NULL);
	}
	t0 = now_s();
	synchronize_rcu();
	synchronize_rcu_expedited();
	ck_assert(now_s() - t0 < 0.5);
}
END_TEST

/* ---- ordering: publish, wait, reuse ------------------------------------ */

/*
 * Readers, with preemption disabled (or in rcu_read_lock), load the
 * current object and check it twice with a pause between; the updater
 * publishes a new object, waits for a grace period and only then poisons
 * the old one.  A reader that ever sees a poisoned object saw a grace
 * period end under it (the updater's store to cur and the reader's
 * raising of its count are the store-buffering pair the grace period
 * must order).
 */
#define NOBJ	4
struct obj {
	volatile long val;		/* 42 while usable, -1 once retired */
};

struct order {
	struct obj obj[NOBJ];
	struct obj *cur;
	volatile int stop;
	long bad[2];
	long rounds[2];
};

struct order_arg {
	struct order *o;
	int id;
};

static void *order_reader(void *arg)
{
	struct order_arg *a = arg;
	struct order *o = a->o;
	int id = a->id;

	while (!o->stop) {
		struct obj *p;
		int k;

		if (id)
			rcu_read_lock();
		else
			preempt_disable();
		(void)smp_processor_id();
		p = READ_ONCE(o->cur);
		for (k = 0; k < 50; k++)
			__asm__ __volatile__("" ::: "memory");
		if (p->val != 42)
			o->bad[id]++;
		if (id)
			rcu_read_unlock();
		else
			preempt_enable();
		WRITE_ONCE(o->rounds[id], o->rounds[id] + 1);
		for (k = 0; k < 50; k++)	/* as long outside */
			__asm__ __volatile__("" ::: "memory");
	}
	return NULL;
}

START_TEST(test_grace_period_orders)
{
	static struct order o;
	struct order_arg a[2];
	pthread_t th[2];
	double t0;
	int i, n;

	(void)smp_processor_id();
	for (i = 0; i < NOBJ; i++)
		o.obj[i].val = 42;
	o.cur = &o.obj[0];
	for (i = 0; i < 2; i++) {
		a[i].o = &o;
		a[i].id = i;
		ck_assert_int_eq(pthread_create(&th[i], NULL, order_reader,
						&a[i]), 0);
	}
	while (!READ_ONCE(o.rounds[0]) || !READ_ONCE(o.rounds[1]))
		usleep(100);		/* both registered and reading */
	t0 = now_s();
	for (n = 1; n <= 3000 && now_s() - t0 < 1.0; n++) {
		struct obj *old = o.cur, *nu = &o.obj[n % NOBJ];

		nu->val = 42;
		WRITE_ONCE(o.cur, nu);
		synchronize_rcu();
		old->val = -1;		/* retired: no reader may still see it */
	}
	o.stop = 1;
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	ck_assert_int_eq(o.bad[0], 0);
	ck_assert_int_eq(o.bad[1], 0);
	ck_assert_int_gt(n, 50);	/* grace periods under load */
}
END_TEST

/* ---- warnings ------------------------------------------------------------- */

START_TEST(test_atomic_context_warns)
{
	compat_log_quiet(true);
	preempt_disable();
	synchronize_rcu();
	preempt_enable();
	ck_assert(compat_log_contains(
		"BUG: sleeping function called from invalid context"));
}
END_TEST

START_TEST(test_inside_read_lock_warns)
{
	compat_log_quiet(true);
	rcu_read_lock();
	synchronize_rcu();
	rcu_read_unlock();
	ck_assert(compat_log_contains(
		"Illegal synchronize_rcu() in RCU read-side critical section"));
}
END_TEST

START_TEST(test_no_warning_in_process_context)
{
	compat_log_quiet(true);
	synchronize_rcu();
	ck_assert(!compat_log_contains("sleeping function"));
	ck_assert(!compat_log_contains("Illegal synchronize_rcu"));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("rcu");
	TCase *tc;

	tc = tcase_create("readers");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_preempt_disabled_delays);
	tcase_add_test(tc, test_irqs_disabled_delays);
	tcase_add_test(tc, test_bh_disabled_delays);
	tcase_add_test(tc, test_rcu_read_lock_delays);
	suite_add_tcase(s, tc);

	tc = tcase_create("quiescent");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_blocked_threads_no_delay);
	tcase_add_test(tc, test_running_threads_no_delay);
	tcase_add_test(tc, test_exited_threads);
	suite_add_tcase(s, tc);

	tc = tcase_create("ordering");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_grace_period_orders);
	suite_add_tcase(s, tc);

	tc = tcase_create("warnings");
	tcase_add_test(tc, test_atomic_context_warns);
	tcase_add_test(tc, test_inside_read_lock_warns);
	tcase_add_test(tc, test_no_warning_in_process_context);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
