/* SPDX-License-Identifier: MIT */
/*
 * check_context.c - execution contexts, might_sleep() reports, simulated
 * interrupts, WARN/BUG and printk of the Linux 6.1 emulation.
 *
 * Each test runs in a fresh child process (fork mode), so the counters
 * (compat_sleep_violations(), compat_warn_count()) start from zero and the
 * once-only switches (SVR5DDI_STRICT) are read afresh.
 */
#define pr_fmt(fmt) "check_context: " fmt

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/delay.h>
#include <linux/atomic.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

#include "check_util.h"

#define SLEEP_BUG "BUG: sleeping function called from invalid context at "

/* A snapshot of the context tests, taken where the code runs. */
struct ctx_snap {
	unsigned int preempt;
	int in_interrupt, in_irq, in_softirq, in_serving_softirq;
	int in_atomic, irqs_disabled, in_task, preemptible;
	int pid;
	bool taken;
};

static void snap(struct ctx_snap *s)
{
	s->preempt = preempt_count();
	s->in_interrupt = !!in_interrupt();
	s->in_irq = !!in_irq();
	s->in_softirq = !!in_softirq();
	s->in_serving_softirq = !!in_serving_softirq();
	s->in_atomic = !!in_atomic();
	s->irqs_disabled = !!irqs_disabled();
	s->in_task = !!in_task();
	s->preemptible = !!preemptible();
	s->pid = current->pid;
	s->taken = true;
}

static void snap_fn(void *arg)
{
	snap(arg);
}

static DEFINE_SPINLOCK(lock_a);
static DEFINE_MUTEX(mutex_a);

/* ---- contexts ---------------------------------------------------------- */

START_TEST(test_process_context)
{
	struct ctx_snap s = { 0 };

	snap(&s);
	ck_assert_uint_eq(s.preempt, 0);
	ck_assert_int_eq(s.in_interrupt, 0);
	ck_assert_int_eq(s.in_irq, 0);
	ck_assert_int_eq(s.in_softirq, 0);
	ck_assert_int_eq(s.in_atomic, 0);
	ck_assert_int_eq(s.irqs_disabled, 0);
	ck_assert_int_eq(s.in_task, 1);
	ck_assert_int_eq(s.preemptible, 1);
}
END_TEST

START_TEST(test_spin_lock_context)
{
	struct ctx_snap s = { 0 };

	spin_lock(&lock_a);
	snap(&s);
	ck_assert(spin_is_locked(&lock_a));
	spin_unlock(&lock_a);
	ck_assert_uint_eq(s.preempt, 1);
	ck_assert_int_eq(s.in_atomic, 1);
	ck_assert_int_eq(s.in_interrupt, 0);
	ck_assert_int_eq(s.irqs_disabled, 0);
	ck_assert_int_eq(s.in_task, 1);
	ck_assert_int_eq(s.preemptible, 0);
	/* Unlock restores everything. */
	ck_assert_uint_eq(preempt_count(), 0);
	ck_assert(!spin_is_locked(&lock_a));
}
END_TEST

START_TEST(test_spin_lock_irqsave_context)
{
	struct ctx_snap s = { 0 }, s2 = { 0 };
	unsigned long flags;

	spin_lock_irqsave(&lock_a, flags);
	snap(&s);
	spin_unlock_irqrestore(&lock_a, flags);
	ck_assert_int_eq(s.in_atomic, 1);
	ck_assert_int_eq(s.irqs_disabled, 1);
	ck_assert_int_eq(s.in_interrupt, 0);
	ck_assert_int_eq(irqs_disabled(), 0);
	ck_assert_uint_eq(preempt_count(), 0);

	spin_lock_irq(&lock_a);
	snap(&s2);
	spin_unlock_irq(&lock_a);
	ck_assert_int_eq(s2.irqs_disabled, 1);
	ck_assert_int_eq(s2.in_atomic, 1);
	ck_assert_int_eq(irqs_disabled(), 0);
}
END_TEST

START_TEST(test_local_irq_save_nesting)
{
	unsigned long outer, inner;

	local_irq_save(outer);
	ck_assert(irqs_disabled());
	/* Masking interrupts does not touch preempt_count. */
	ck_assert_uint_eq(preempt_count(), 0);
	ck_assert(!in_interrupt());
	ck_assert(!preemptible());
	local_irq_save(inner);
	ck_assert(irqs_disabled_flags(inner));
	local_irq_restore(inner);
	ck_assert_msg(irqs_disabled(), "inner restore re-enabled interrupts");
	local_irq_restore(outer);
	ck_assert(!irqs_disabled());
	ck_assert(!irqs_disabled_flags(outer));
}
END_TEST

START_TEST(test_bh_disable_context)
{
	spin_lock_bh(&lock_a);
	/* 6.1: in_interrupt() and in_softirq() count BH-disabled sections. */
	ck_assert(in_softirq());
	ck_assert(in_interrupt());
	ck_assert(!in_serving_softirq());
	ck_assert(!in_irq());
	ck_assert(in_task());
	ck_assert_uint_eq(preempt_count(), SOFTIRQ_DISABLE_OFFSET + 1);
	spin_unlock_bh(&lock_a);
	ck_assert_uint_eq(preempt_count(), 0);
}
END_TEST

START_TEST(test_hardirq_context)
{
	struct ctx_snap s = { 0 };
	int me = current->pid;

	compat_run_in_hardirq(snap_fn, &s);
	ck_assert(s.taken);
	ck_assert_uint_eq(s.preempt & HARDIRQ_MASK, HARDIRQ_OFFSET);
	ck_assert_int_eq(s.in_irq, 1);
	ck_assert_int_eq(s.in_interrupt, 1);
	ck_assert_int_eq(s.in_atomic, 1);
	ck_assert_int_eq(s.irqs_disabled, 1);
	ck_assert_int_eq(s.in_softirq, 0);
	ck_assert_int_eq(s.in_task, 0);
	ck_assert_int_ne(s.pid, me);	/* on the interrupt thread */
	/* The caller's own context is untouched. */
	ck_assert_uint_eq(preempt_count(), 0);
	ck_assert(!irqs_disabled());
}
END_TEST

START_TEST(test_softirq_context)
{
	struct ctx_snap s = { 0 };

	compat_run_in_softirq(snap_fn, &s);
	ck_assert(s.taken);
	ck_assert_uint_eq(s.preempt & SOFTIRQ_MASK, SOFTIRQ_OFFSET);
	ck_assert_int_eq(s.in_softirq, 1);
	ck_assert_int_eq(s.in_serving_softirq, 1);
	ck_assert_int_eq(s.in_interrupt, 1);
	ck_assert_int_eq(s.in_irq, 0);
	ck_assert_int_eq(s.in_atomic, 1);
	ck_assert_int_eq(s.in_task, 0);
	/* 6.1 runs softirq handlers with interrupts enabled (__do_softirq). */
	ck_assert_int_eq(s.irqs_disabled, 0);
}
END_TEST

/* ---- might_sleep() reports ------------------------------------------------ */

static void might_sleep_fn(void *arg)
{
	might_sleep();
}

START_TEST(test_might_sleep_hardirq_reports)
{
	char buf[4096];

	compat_log_quiet(true);
	compat_log_clear();
	ck_assert_uint_eq(compat_sleep_violations(), 0);
	compat_run_in_hardirq(might_sleep_fn, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains(SLEEP_BUG));
	compat_log_read(buf, sizeof(buf));
	ck_assert_msg(strstr(buf, SLEEP_BUG) && strstr(buf, "check_context.c:"),
		      "report does not name the caller: %s", buf);
	ck_assert(compat_log_contains("in_atomic(): 1, irqs_disabled(): 1"));
	ck_assert_uint_eq(compat_log_count(SLEEP_BUG), 1);
}
END_TEST

START_TEST(test_might_sleep_softirq_reports)
{
	compat_log_quiet(true);
	compat_run_in_softirq(might_sleep_fn, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains(SLEEP_BUG));
}
END_TEST

START_TEST(test_mutex_under_spinlock_reports)
{
	compat_log_quiet(true);
	spin_lock(&lock_a);
	mutex_lock(&mutex_a);
	mutex_unlock(&mutex_a);
	spin_unlock(&lock_a);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains(SLEEP_BUG));
	ck_assert(compat_log_contains("in_atomic(): 1, irqs_disabled(): 0"));
}
END_TEST

START_TEST(test_msleep_under_spinlock_reports)
{
	unsigned long flags;

	compat_log_quiet(true);
	spin_lock_irqsave(&lock_a, flags);
	msleep(1);
	spin_unlock_irqrestore(&lock_a, flags);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains(SLEEP_BUG));
	ck_assert(compat_log_contains("in_atomic(): 1, irqs_disabled(): 1"));
}
END_TEST

static DECLARE_WAIT_QUEUE_HEAD(wq_a);

START_TEST(test_wait_event_under_spinlock_reports)
{
	compat_log_quiet(true);
	init_waitqueue_head(&wq_a);
	spin_lock(&lock_a);
	/* Linux checks before testing the condition: even a true one reports. */
	wait_event(wq_a, 1);
	spin_unlock(&lock_a);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains(SLEEP_BUG));
	ck_assert(compat_log_contains("check_context.c:"));
}
END_TEST

START_TEST(test_irqs_off_might_sleep_reports)
{
	compat_log_quiet(true);
	local_irq_disable();
	might_sleep();
	local_irq_enable();
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains("in_atomic(): 0, irqs_disabled(): 1"));
}
END_TEST

START_TEST(test_process_context_silent)
{
	compat_log_quiet(true);
	compat_log_clear();
	might_sleep();
	mutex_lock(&mutex_a);
	mutex_unlock(&mutex_a);
	msleep(1);
	init_waitqueue_head(&wq_a);
	wait_event(wq_a, 1);
	spin_lock(&lock_a);
	udelay(10);		/* busy-waits: legal in atomic context */
	spin_unlock(&lock_a);
	might_sleep();
	ck_assert_uint_eq(compat_sleep_violations(), 0);
	ck_assert(!compat_log_contains("sleeping function"));
}
END_TEST

START_TEST(test_sleep_fatal_aborts)
{
	compat_log_quiet(true);
	compat_set_sleep_fatal(true);
	compat_run_in_hardirq(might_sleep_fn, NULL);
	/* Not reached: the report aborts the process. */
}
END_TEST

START_TEST(test_sleep_fatal_off_continues)
{
	compat_log_quiet(true);
	compat_set_sleep_fatal(true);
	compat_set_sleep_fatal(false);
	compat_run_in_hardirq(might_sleep_fn, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
}
END_TEST

START_TEST(test_strict_env_aborts)
{
	setenv("SVR5DDI_STRICT", "1", 1);
	compat_log_quiet(true);
	spin_lock(&lock_a);
	might_sleep();
	spin_unlock(&lock_a);
}
END_TEST

START_TEST(test_strict_env_zero_continues)
{
	setenv("SVR5DDI_STRICT", "0", 1);
	compat_log_quiet(true);
	spin_lock(&lock_a);
	might_sleep();
	spin_unlock(&lock_a);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
}
END_TEST

/* ---- simulated interrupts ----------------------------------------------- */

#define NR_RAISE 64

static int order[NR_RAISE];
static atomic_t nr_run = ATOMIC_INIT(0);
static atomic_t inside = ATOMIC_INIT(0);
static atomic_t max_inside = ATOMIC_INIT(0);
static atomic_t bad_ctx = ATOMIC_INIT(0);

static void order_fn(void *arg)
{
	int n = atomic_inc_return(&inside);

	if (n > atomic_read(&max_inside))
		atomic_set(&max_inside, n);
	if (!in_irq() || !irqs_disabled())
		atomic_inc(&bad_ctx);
	order[atomic_read(&nr_run)] = (int)(long)arg;
	udelay(20);
	atomic_inc(&nr_run);
	atomic_dec(&inside);
}

START_TEST(test_raise_irq_order)
{
	int i;

	for (i = 0; i < NR_RAISE; i++)
		compat_raise_irq(order_fn, (void *)(long)i);
	compat_irq_sync();
	ck_assert_int_eq(atomic_read(&nr_run), NR_RAISE);
	for (i = 0; i < NR_RAISE; i++)
		ck_assert_int_eq(order[i], i);
	ck_assert_int_eq(atomic_read(&bad_ctx), 0);
	ck_assert_int_eq(atomic_read(&max_inside), 1);
}
END_TEST

static void *raiser(void *arg)
{
	int i;

	for (i = 0; i < NR_RAISE / 2; i++)
		compat_raise_irq(order_fn, arg);
	return NULL;
}

START_TEST(test_irq_handlers_serialised)
{
	pthread_t t1, t2;
	struct ctx_snap s = { 0 };

	ck_assert_int_eq(pthread_create(&t1, NULL, raiser, (void *)1L), 0);
	ck_assert_int_eq(pthread_create(&t2, NULL, raiser, (void *)2L), 0);
	/* A synchronous handler is serialised with the raised ones too. */
	compat_run_in_hardirq(snap_fn, &s);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	compat_irq_sync();
	ck_assert_int_eq(atomic_read(&nr_run), NR_RAISE);
	ck_assert_int_eq(atomic_read(&max_inside), 1);
	ck_assert_int_eq(atomic_read(&bad_ctx), 0);
	ck_assert(s.taken && s.in_irq);
}
END_TEST

static volatile int release_flag;
static volatile int spin_done;

static void spin_until_released(void *arg)
{
	int i;

	/* A handler may not sleep: busy-wait, bounded to 2 s. */
	for (i = 0; i < 20000 && !release_flag; i++)
		udelay(100);
	spin_done = release_flag ? 1 : -1;
}

START_TEST(test_raise_irq_is_async)
{
	compat_raise_irq(spin_until_released, NULL);
	/* raise returned while the handler still spins. */
	ck_assert_int_eq(spin_done, 0);
	release_flag = 1;
	compat_irq_sync();
	ck_assert_int_eq(spin_done, 1);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

/* ---- WARN, BUG, printk --------------------------------------------------- */

START_TEST(test_warn_on_value_and_count)
{
	int r;

	compat_log_quiet(true);
	compat_log_clear();
	r = WARN_ON(0);
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(compat_warn_count(), 0);
	ck_assert(!compat_log_contains("WARNING:"));

	r = WARN_ON(2 + 2 == 4);
	ck_assert_int_ne(r, 0);
	ck_assert_uint_eq(compat_warn_count(), 1);
	ck_assert(compat_log_contains("WARNING:"));
	ck_assert(compat_log_contains("check_context.c:"));

	r = WARN(1, "custom %d\n", 42);
	ck_assert_int_ne(r, 0);
	ck_assert_uint_eq(compat_warn_count(), 2);
	ck_assert(compat_log_contains("custom 42"));
	ck_assert(!WARN(0, "never\n"));
	ck_assert_uint_eq(compat_warn_count(), 2);
}
END_TEST

static int warn_once_site(int cond)
{
	return WARN_ON_ONCE(cond);
}

START_TEST(test_warn_on_once)
{
	int i;

	compat_log_quiet(true);
	compat_log_clear();
	ck_assert_int_eq(warn_once_site(0), 0);
	ck_assert_uint_eq(compat_warn_count(), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_ne(warn_once_site(1), 0);	/* still returns cond */
	ck_assert_uint_eq(compat_warn_count(), 1);
	ck_assert_uint_eq(compat_log_count("WARNING:"), 1);
}
END_TEST

START_TEST(test_bug_on_aborts)
{
	compat_log_quiet(true);
	BUG_ON(0);		/* no effect */
	BUG_ON(1);
}
END_TEST

START_TEST(test_bug_on_false_continues)
{
	BUG_ON(0);
	ck_assert_uint_eq(compat_warn_count(), 0);
}
END_TEST

START_TEST(test_printk_levels)
{
	char buf[4096];

	compat_log_quiet(true);
	compat_log_clear();
	printk(KERN_ERR "plain printk %s\n", "err");
	printk("no level %d\n", 7);
	pr_emerg("emerg line\n");
	pr_err("err line %d\n", 3);
	pr_warn("warn line\n");
	pr_notice("notice line\n");
	pr_info("info line\n");
	pr_debug("debug line\n");
	ck_assert(compat_log_contains("plain printk err"));
	ck_assert(compat_log_contains("no level 7"));
	ck_assert(compat_log_contains("check_context: emerg line"));
	ck_assert(compat_log_contains("check_context: err line 3"));
	ck_assert(compat_log_contains("check_context: warn line"));
	ck_assert(compat_log_contains("check_context: notice line"));
	ck_assert(compat_log_contains("check_context: info line"));
	/* pr_debug is compiled out without DEBUG, as in Linux. */
	ck_assert(!compat_log_contains("debug line"));
	/* The KERN_* level prefix does not reach the text. */
	compat_log_read(buf, sizeof(buf));
	ck_assert_ptr_null(strchr(buf, KERN_SOH_ASCII));

	compat_log_clear();
	ck_assert(!compat_log_contains("info line"));
}
END_TEST

static void ratelimited_site(int i)
{
	pr_info_ratelimited("rate limited %d\n", i);
}

START_TEST(test_printk_ratelimited)
{
	int i;

	compat_log_quiet(true);
	compat_log_clear();
	for (i = 0; i < 25; i++)
		ratelimited_site(i);
	/* Default ratelimit state: burst of 10 per 5 s interval. */
	ck_assert_uint_eq(compat_log_count("rate limited"), 10);
	ck_assert(compat_log_contains("rate limited 0"));
	ck_assert(compat_log_contains("rate limited 9"));
	ck_assert(!compat_log_contains("rate limited 10"));
}
END_TEST

static void once_site(void)
{
	pr_warn_once("only once\n");
}

START_TEST(test_printk_once)
{
	compat_log_quiet(true);
	compat_log_clear();
	once_site();
	once_site();
	once_site();
	ck_assert_uint_eq(compat_log_count("only once"), 1);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("context");
	TCase *tc;

	tc = tcase_create("contexts");
	tcase_add_test(tc, test_process_context);
	tcase_add_test(tc, test_spin_lock_context);
	tcase_add_test(tc, test_spin_lock_irqsave_context);
	tcase_add_test(tc, test_local_irq_save_nesting);
	tcase_add_test(tc, test_bh_disable_context);
	tcase_add_test(tc, test_hardirq_context);
	tcase_add_test(tc, test_softirq_context);
	suite_add_tcase(s, tc);

	tc = tcase_create("might_sleep");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_might_sleep_hardirq_reports);
	tcase_add_test(tc, test_might_sleep_softirq_reports);
	tcase_add_test(tc, test_mutex_under_spinlock_reports);
	tcase_add_test(tc, test_msleep_under_spinlock_reports);
	tcase_add_test(tc, test_wait_event_under_spinlock_reports);
	tcase_add_test(tc, test_irqs_off_might_sleep_reports);
	tcase_add_test(tc, test_process_context_silent);
	tcase_add_test_raise_signal(tc, test_sleep_fatal_aborts, SIGABRT);
	tcase_add_test(tc, test_sleep_fatal_off_continues);
	tcase_add_test_raise_signal(tc, test_strict_env_aborts, SIGABRT);
	tcase_add_test(tc, test_strict_env_zero_continues);
	suite_add_tcase(s, tc);

	tc = tcase_create("irq");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_raise_irq_order);
	tcase_add_test(tc, test_irq_handlers_serialised);
	tcase_add_test(tc, test_raise_irq_is_async);
	suite_add_tcase(s, tc);

	tc = tcase_create("warn_bug_printk");
	tcase_add_test(tc, test_warn_on_value_and_count);
	tcase_add_test(tc, test_warn_on_once);
	tcase_add_test_raise_signal(tc, test_bug_on_aborts, SIGABRT);
	tcase_add_test(tc, test_bug_on_false_continues);
	tcase_add_test(tc, test_printk_levels);
	tcase_add_test(tc, test_printk_ratelimited);
	tcase_add_test(tc, test_printk_once);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
