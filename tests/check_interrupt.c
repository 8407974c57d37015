/* SPDX-License-Identifier: MIT */
/*
 * check_interrupt.c - interrupt lines of the Linux 6.1 emulation:
 * request_irq/free_irq/disable_irq/enable_irq/synchronize_irq
 * (<linux/interrupt.h>) and the device side, compat_irq_assert*
 * (<svr5compat/context.h>).  Each test runs in a fresh child process.
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/preempt.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

#include "check_util.h"

/* What a handler saw. */
struct seen {
	int calls;
	int irq;
	void *dev;
	int in_irq, irqs_off;
	irqreturn_t ret;		/* what to return */
};

static irqreturn_t record(int irq, void *dev)
{
	struct seen *s = dev;

	__atomic_add_fetch(&s->calls, 1, __ATOMIC_SEQ_CST);
	s->irq = irq;
	s->dev = dev;
	s->in_irq = !!in_irq();
	s->irqs_off = !!irqs_disabled();
	return s->ret;
}

static int calls(struct seen *s)
{
	return __atomic_load_n(&s->calls, __ATOMIC_SEQ_CST);
}

START_TEST(handler_runs_in_hardirq)
{
	struct seen s = { .ret = IRQ_HANDLED };

	ck_assert_int_eq(request_irq(5, record, 0, "dev5", &s), 0);
	ck_assert_int_eq(compat_irq_assert_sync(5), IRQ_HANDLED);
	ck_assert_int_eq(calls(&s), 1);
	ck_assert_int_eq(s.irq, 5);
	ck_assert_ptr_eq(s.dev, &s);
	ck_assert(s.in_irq);
	ck_assert(s.irqs_off);
	ck_assert(!in_irq());		/* the caller's context is untouched */
	ck_assert_str_eq(free_irq(5, &s), "dev5");
}
END_TEST

START_TEST(assert_is_asynchronous)
{
	struct seen s = { .ret = IRQ_HANDLED };

	ck_assert_int_eq(request_irq(9, record, 0, "dev9", &s), 0);
	ck_assert_int_eq(compat_irq_assert(9), 0);
	ck_assert_int_eq(compat_irq_assert(9), 0);
	compat_irq_sync();
	ck_assert_int_eq(calls(&s), 2);
	free_irq(9, &s);
}
END_TEST

START_TEST(shared_line_runs_every_handler)
{
	struct seen a = { .ret = IRQ_NONE }, b = { .ret = IRQ_HANDLED };

	ck_assert_int_eq(request_irq(11, record, IRQF_SHARED, "a", &a), 0);
	ck_assert_int_eq(request_irq(11, record, IRQF_SHARED, "b", &b), 0);
	ck_assert_int_eq(compat_irq_assert_sync(11), IRQ_HANDLED);
	ck_assert_int_eq(calls(&a), 1);
	ck_assert_int_eq(calls(&b), 1);
	/* nobody claims it: IRQ_NONE */
	b.ret = IRQ_NONE;
	ck_assert_int_eq(compat_irq_assert_sync(11), IRQ_NONE);
	ck_assert_int_eq(calls(&a), 2);
	/* freeing one leaves the other */
	ck_assert_str_eq(free_irq(11, &a), "a");
	ck_assert_int_eq(compat_irq_assert_sync(11), IRQ_NONE);
	ck_assert_int_eq(calls(&a), 2);
	ck_assert_int_eq(calls(&b), 3);
	free_irq(11, &b);
}
END_TEST

START_TEST(shared_rules)
{
	struct seen a = { 0 }, b = { 0 };

	compat_log_quiet(true);
	/* IRQF_SHARED needs a dev_id; not with IRQF_NO_AUTOEN */
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED, "x", NULL), -EINVAL);
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED | IRQF_NO_AUTOEN,
				     "x", &a), -EINVAL);
	ck_assert_int_eq(request_irq(3, record, IRQF_COND_SUSPEND, "x", &a),
			 -EINVAL);
	/* an exclusive line refuses a second user, and says so */
	ck_assert_int_eq(request_irq(3, record, 0, "first", &a), 0);
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED, "second", &b),
			 -EBUSY);
	ck_assert(compat_log_contains("Flags mismatch irq 3. 00000080 (second) vs. 00000000 (first)"));
	/* ... silently with IRQF_PROBE_SHARED */
	compat_log_clear();
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED | IRQF_PROBE_SHARED,
				     "probe", &b), -EBUSY);
	ck_assert(!compat_log_contains("Flags mismatch"));
	free_irq(3, &a);
	/* sharers must agree on the trigger type and IRQF_ONESHOT */
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED | IRQF_TRIGGER_HIGH,
				     "lvl", &a), 0);
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED | IRQF_TRIGGER_RISING,
				     "edge", &b), -EBUSY);
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED | IRQF_TRIGGER_HIGH |
				     IRQF_ONESHOT, "one", &b), -EBUSY);
	ck_assert_int_eq(request_irq(3, record, IRQF_SHARED | IRQF_TRIGGER_HIGH,
				     "lvl2", &b), 0);
	free_irq(3, &a);
	free_irq(3, &b);
}
END_TEST

START_TEST(bad_requests)
{
	struct seen s = { 0 };

	ck_assert_int_eq(request_irq(IRQ_NOTCONNECTED, record, 0, "x", &s),
			 -ENOTCONN);
	ck_assert_int_eq(request_irq(COMPAT_NR_IRQS, record, 0, "x", &s),
			 -EINVAL);
	ck_assert_int_eq(request_irq(4, NULL, 0, "x", &s), -EINVAL);
}
END_TEST

START_TEST(free_unknown_dev_id_warns)
{
	struct seen s = { 0 }, other = { 0 };
	unsigned long w0 = compat_warn_count();

	compat_log_quiet(true);
	ck_assert_ptr_null(free_irq(6, &s));	/* never requested */
	ck_assert(compat_log_contains("Trying to free already-free IRQ 6"));
	ck_assert_int_eq(request_irq(6, record, 0, "six", &s), 0);
	ck_assert_ptr_null(free_irq(6, &other));	/* wrong dev_id */
	ck_assert_uint_eq(compat_warn_count() - w0, 2);
	ck_assert_str_eq(free_irq(6, &s), "six");
	ck_assert_uint_eq(compat_warn_count() - w0, 2);
}
END_TEST

START_TEST(disabled_line_keeps_interrupt_pending)
{
	struct seen s = { .ret = IRQ_HANDLED };

	ck_assert_int_eq(request_irq(7, record, 0, "seven", &s), 0);
	disable_irq(7);
	disable_irq(7);			/* nests */
	ck_assert_int_eq(compat_irq_assert_sync(7), 0);
	ck_assert_int_eq(compat_irq_assert_sync(7), 0);
	ck_assert_int_eq(calls(&s), 0);
	enable_irq(7);
	compat_irq_sync();
	ck_assert_int_eq(calls(&s), 0);	/* still depth 1 */
	enable_irq(7);
	compat_irq_sync();
	ck_assert_int_eq(calls(&s), 1);	/* one pending delivery, not two */
	ck_assert_int_eq(compat_irq_assert_sync(7), IRQ_HANDLED);
	ck_assert_int_eq(calls(&s), 2);
	free_irq(7, &s);
}
END_TEST

START_TEST(unbalanced_enable_warns)
{
	struct seen s = { 0 };

	compat_log_quiet(true);
	ck_assert_int_eq(request_irq(8, record, 0, "eight", &s), 0);
	enable_irq(8);
	ck_assert(compat_log_contains("Unbalanced enable for IRQ 8"));
	ck_assert_uint_eq(compat_warn_count(), 1);
	free_irq(8, &s);
}
END_TEST

START_TEST(no_autoen_starts_disabled)
{
	struct seen s = { .ret = IRQ_HANDLED };

	ck_assert_int_eq(request_irq(10, record, IRQF_NO_AUTOEN, "ten", &s), 0);
	ck_assert_int_eq(compat_irq_assert_sync(10), 0);
	ck_assert_int_eq(calls(&s), 0);
	enable_irq(10);
	compat_irq_sync();
	ck_assert_int_eq(calls(&s), 1);
	free_irq(10, &s);
}
END_TEST

START_TEST(last_free_shuts_line_down)
{
	struct seen s = { .ret = IRQ_HANDLED };

	ck_assert_int_eq(request_irq(12, record, 0, "twelve", &s), 0);
	disable_irq(12);
	ck_assert_int_eq(compat_irq_assert_sync(12), 0);	/* pending */
	free_irq(12, &s);
	/* a new user starts with an enabled line and nothing pending */
	ck_assert_int_eq(request_irq(12, record, 0, "again", &s), 0);
	compat_irq_sync();
	ck_assert_int_eq(calls(&s), 0);
	ck_assert_int_eq(compat_irq_assert_sync(12), IRQ_HANDLED);
	ck_assert_int_eq(calls(&s), 1);
	free_irq(12, &s);
}
END_TEST

START_TEST(spurious_interrupt_counted_reported_once)
{
	compat_log_quiet(true);
	ck_assert_uint_eq(compat_irq_spurious(), 0);
	ck_assert_int_eq(compat_irq_assert(13), -ENOENT);
	ck_assert_int_eq(compat_irq_assert_sync(13), -ENOENT);
	ck_assert_uint_eq(compat_irq_spurious(), 2);
	ck_assert_uint_eq(compat_log_count("unexpected IRQ trap at vector 0d"), 1);
	ck_assert_int_eq(compat_irq_assert(COMPAT_NR_IRQS), -EINVAL);
}
END_TEST

/* free_irq waits for a handler that is running. */
static volatile int hold_in, hold_release, free_done;

static irqreturn_t holding(int irq, void *dev)
{
	__atomic_store_n(&hold_in, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&hold_release, __ATOMIC_SEQ_CST))
		usleep(1000);
	return IRQ_HANDLED;
}

static void *free_thread(void *arg)
{
	free_irq(14, arg);
	__atomic_store_n(&free_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

START_TEST(free_irq_waits_for_running_handler)
{
	static int dev;
	pthread_t t;
	int i;

	compat_log_quiet(true);
	ck_assert_int_eq(request_irq(14, holding, 0, "hold", &dev), 0);
	ck_assert_int_eq(compat_irq_assert(14), 0);
	for (i = 0; i < 2000 && !__atomic_load_n(&hold_in, __ATOMIC_SEQ_CST); i++)
		usleep(1000);
	ck_assert(hold_in);
	ck_assert_int_eq(pthread_create(&t, NULL, free_thread, &dev), 0);
	usleep(50000);
	ck_assert(!__atomic_load_n(&free_done, __ATOMIC_SEQ_CST));
	__atomic_store_n(&hold_release, 1, __ATOMIC_SEQ_CST);
	pthread_join(t, NULL);
	ck_assert(free_done);
	ck_assert_int_eq(compat_irq_assert(14), -ENOENT);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("interrupt");
	TCase *tc;

	tc = tcase_create("delivery");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, handler_runs_in_hardirq);
	tcase_add_test(tc, assert_is_asynchronous);
	tcase_add_test(tc, shared_line_runs_every_handler);
	tcase_add_test(tc, spurious_interrupt_counted_reported_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("request_free");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, shared_rules);
	tcase_add_test(tc, bad_requests);
	tcase_add_test(tc, free_unknown_dev_id_warns);
	tcase_add_test(tc, free_irq_waits_for_running_handler);
	tcase_add_test(tc, last_free_shuts_line_down);
	suite_add_tcase(s, tc);

	tc = tcase_create("disable_enable");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, disabled_line_keeps_interrupt_pending);
	tcase_add_test(tc, unbalanced_enable_warns);
	tcase_add_test(tc, no_autoen_starts_disabled);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
