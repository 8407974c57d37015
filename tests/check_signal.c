/* SPDX-License-Identifier: MIT */
/*
 * check_signal.c - signals in the Linux 6.1 emulation: what send_sig()
 * and kill_pid() make pending, which sleeps a signal ends (6.1's
 * signal_wake_up(): TASK_INTERRUPTIBLE always, TASK_KILLABLE only for
 * SIGKILL, TASK_UNINTERRUPTIBLE never), what the waits return
 * (-ERESTARTSYS; a true condition or an expired timeout first), kernel
 * threads ignoring every signal they did not allow_signal(), default
 * actions (ignored, fatal: SIGKILL made pending, core-dump, stop and
 * continue), flush_signals() and kernel_dequeue_signal().
 *
 * Plain host threads stand for ordinary tasks (every signal at its
 * default action), kthread_run() for kernel threads.  "Not woken" is
 * checked after the sleeper is on its queue (waitqueue_active) and a
 * further 50 ms; every blocking test ends its sleepers and has a timeout.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/pid.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <svr5compat/signal.h>
#include <svr5compat/log.h>

#include "check_util.h"

#define BIT_OF(sig)	(1UL << ((sig) - 1))

static void ms_sleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ---- the calling task: pending, default actions, flushing ------------ */

START_TEST(send_sig_rejects_bad_numbers)
{
	ck_assert_int_eq(send_sig(_NSIG + 1, current, 1), -EINVAL);
	ck_assert_int_eq(send_sig(-1, current, 1), -EINVAL);
	ck_assert_int_eq(send_sig(0, current, 1), 0);	/* checks only */
	ck_assert(!signal_pending(current));
}
END_TEST

/* SIGTERM's default action is fatal: 6.1 also makes SIGKILL pending. */
START_TEST(default_fatal_signal_pends_sigkill)
{
	ck_assert(!signal_pending(current));
	ck_assert_int_eq(send_sig(SIGTERM, current, 1), 0);
	ck_assert(signal_pending(current));
	ck_assert(fatal_signal_pending(current));
	ck_assert(signal_pending_state(TASK_KILLABLE, current));
	ck_assert(!signal_pending_state(TASK_UNINTERRUPTIBLE, current));
	flush_signals(current);
	ck_assert(!signal_pending(current));
	ck_assert(!fatal_signal_pending(current));
}
END_TEST

/* A core-dump signal is not turned into SIGKILL; killable sleeps go on. */
START_TEST(coredump_signal_is_not_fatal_pending)
{
	ck_assert_int_eq(send_sig(SIGQUIT, current, 1), 0);
	ck_assert(signal_pending(current));
	ck_assert(!fatal_signal_pending(current));
	ck_assert(signal_pending_state(TASK_INTERRUPTIBLE, current));
	ck_assert(!signal_pending_state(TASK_KILLABLE, current));
	ck_assert_int_eq(kernel_dequeue_signal(), SIGQUIT);
	ck_assert_int_eq(kernel_dequeue_signal(), 0);
	ck_assert(!signal_pending(current));
}
END_TEST

START_TEST(default_ignored_signals_are_dropped)
{
	static const int ign[] = { SIGCHLD, SIGWINCH, SIGURG, SIGCONT };
	unsigned int i;

	for (i = 0; i < sizeof(ign) / sizeof(ign[0]); i++) {
		ck_assert_int_eq(send_sig(ign[i], current, 1), 0);
		ck_assert_msg(!signal_pending(current), "signal %d", ign[i]);
	}
	/* disallow_signal: SIG_IGN, and a pending one goes */
	allow_signal(SIGUSR2);
	ck_assert_int_eq(send_sig(SIGUSR2, current, 1), 0);
	ck_assert(signal_pending(current));
	disallow_signal(SIGUSR2);
	ck_assert(!signal_pending(current));
	ck_assert_int_eq(send_sig(SIGUSR2, current, 1), 0);
	ck_assert(!signal_pending(current));
}
END_TEST

/* allow_signal: the task handles it, no SIGKILL; dequeued in order. */
START_TEST(allowed_signals_dequeue_in_order)
{
	allow_signal(SIGUSR1);
	allow_signal(SIGINT);
	allow_signal(SIGSEGV);
	ck_assert_int_eq(send_sig(SIGUSR1, current, 1), 0);
	ck_assert_int_eq(send_sig(SIGINT, current, 1), 0);
	ck_assert_int_eq(send_sig(SIGSEGV, current, 1), 0);
	ck_assert(signal_pending(current));
	ck_assert(!fatal_signal_pending(current));
	/* synchronous signals first, then the lowest number */
	ck_assert_int_eq(kernel_dequeue_signal(), SIGSEGV);
	ck_assert_int_eq(kernel_dequeue_signal(), SIGINT);
	ck_assert(signal_pending(current));
	ck_assert_int_eq(kernel_dequeue_signal(), SIGUSR1);
	ck_assert_int_eq(kernel_dequeue_signal(), 0);
	ck_assert(!signal_pending(current));
}
END_TEST

/* A stop signal and SIGCONT cancel each other's pending state. */
START_TEST(stop_and_continue_cancel)
{
	ck_assert_int_eq(send_sig(SIGTSTP, current, 1), 0);
	ck_assert(signal_pending(current));
	ck_assert(!fatal_signal_pending(current));	/* stop: not fatal */
	ck_assert_int_eq(send_sig(SIGCONT, current, 1), 0);
	ck_assert(!signal_pending(current));		/* TSTP gone */
	allow_signal(SIGCONT);
	ck_assert_int_eq(send_sig(SIGCONT, current, 1), 0);
	ck_assert_int_eq(send_sig(SIGTTIN, current, 1), 0);	/* drops CONT */
	ck_assert_int_eq(kernel_dequeue_signal(), SIGTTIN);
	ck_assert_int_eq(kernel_dequeue_signal(), 0);
}
END_TEST

/* ---- waits in the calling task --------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(wq0);

START_TEST(pending_signal_ends_interruptible_wait_at_once)
{
	long r;

	init_waitqueue_head(&wq0);
	allow_signal(SIGUSR1);
	ck_assert_int_eq(send_sig(SIGUSR1, current, 1), 0);
	ck_assert_int_eq(wait_event_interruptible(wq0, 0), -ERESTARTSYS);
	r = wait_event_interruptible_timeout(wq0, 0, HZ);
	ck_assert_int_eq(r, -ERESTARTSYS);
	/* a true condition wins over the signal */
	ck_assert_int_eq(wait_event_interruptible(wq0, 1), 0);
	ck_assert_int_eq(wait_event_interruptible_timeout(wq0, 1, 5), 5);
	/* so does an expired timeout */
	ck_assert_int_eq(wait_event_interruptible_timeout(wq0, 0, 0), 0);
	/* not killable: SIGUSR1 is handled, not fatal */
	ck_assert_int_eq(wait_event_timeout(wq0, 0, 2), 0);
	ck_assert_int_eq(wait_event_killable_timeout(wq0, 0, 2), 0);
	ck_assert(signal_pending(current));		/* still pending */
	flush_signals(current);
	ck_assert_int_eq(wait_event_interruptible_timeout(wq0, 0, 2), 0);
	/* SIGKILL pending: killable waits end too */
	ck_assert_int_eq(send_sig(SIGKILL, current, 1), 0);
	ck_assert_int_eq(wait_event_killable(wq0, 0), -ERESTARTSYS);
	ck_assert_int_eq(wait_event_killable_timeout(wq0, 0, HZ),
			 -ERESTARTSYS);
	ck_assert_int_eq(wait_event_timeout(wq0, 0, 2), 0);
}
END_TEST

/* ---- sleepers woken (or not) by a signal from another task ------------ */

struct sleeper {
	wait_queue_head_t wq;
	int flag;
	unsigned int state;	/* TASK_INTERRUPTIBLE, _KILLABLE, _UNINTERRUPTIBLE */
	int allow[3];		/* signals to allow_signal() first */
	struct task_struct *task;
	struct pid *pid;
	volatile int ready;
	volatile int done;
	long ret;
	int pending, fatal, dequeued;
};

static int sleeper_body(struct sleeper *s)
{
	unsigned int i;

	for (i = 0; i < 3 && s->allow[i]; i++)
		allow_signal(s->allow[i]);
	s->task = current;
	s->pid = get_task_pid(current, PIDTYPE_PID);
	__atomic_store_n(&s->ready, 1, __ATOMIC_RELEASE);
	switch (s->state) {
	case TASK_INTERRUPTIBLE:
		s->ret = wait_event_interruptible(s->wq, READ_ONCE(s->flag));
		break;
	case TASK_KILLABLE:
		s->ret = wait_event_killable(s->wq, READ_ONCE(s->flag));
		break;
	default:
		s->ret = wait_event_timeout(s->wq, READ_ONCE(s->flag),
					    10 * HZ) ? 0 : -1;
		break;
	}
	s->pending = signal_pending(current);
	s->fatal = fatal_signal_pending(current);
	s->dequeued = kernel_dequeue_signal();
	flush_signals(current);
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	return 0;
}

static void *plain_main(void *arg)
{
	sleeper_body(arg);
	return NULL;
}

static int kthread_main(void *arg)
{
	sleeper_body(arg);
	while (!kthread_should_stop())
		ms_sleep(1);
	return 0;
}

static void sleeper_init(struct sleeper *s, unsigned int state)
{
	memset(s, 0, sizeof(*s));
	init_waitqueue_head(&s->wq);
	s->state = state;
}

/* Wait until @s sleeps on its queue. */
static void sleeper_asleep(struct sleeper *s)
{
	int i;

	for (i = 0; i < 5000 && !__atomic_load_n(&s->ready, __ATOMIC_ACQUIRE);
	     i++)
		ms_sleep(1);
	ck_assert(s->ready);
	for (i = 0; i < 5000 && !waitqueue_active(&s->wq); i++)
		ms_sleep(1);
	ck_assert(waitqueue_active(&s->wq));
}

/* Has @s returned within @ms milliseconds? */
static bool sleeper_returns(struct sleeper *s, int ms)
{
	int i;

	for (i = 0; i < ms && !__atomic_load_n(&s->done, __ATOMIC_ACQUIRE);
	     i++)
		ms_sleep(1);
	return __atomic_load_n(&s->done, __ATOMIC_ACQUIRE);
}

/* End @s's wait the ordinary way. */
static void sleeper_release(struct sleeper *s)
{
	WRITE_ONCE(s->flag, 1);
	wake_up_all(&s->wq);
	ck_assert(sleeper_returns(s, 5000));
}

START_TEST(signal_wakes_interruptible_plain_task)
{
	struct sleeper s;
	pthread_t t;

	sleeper_init(&s, TASK_INTERRUPTIBLE);
	ck_assert_int_eq(pthread_create(&t, NULL, plain_main, &s), 0);
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGINT, s.task, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	pthread_join(t, NULL);
	ck_assert_int_eq(s.ret, -ERESTARTSYS);
	ck_assert(s.pending);
	ck_assert(s.fatal);		/* SIGINT at its default: fatal */
	ck_assert_int_eq(s.dequeued, SIGINT);
	ck_assert(!signal_pending(current));	/* the sender's own: none */
	put_pid(s.pid);
}
END_TEST

START_TEST(kill_pid_wakes_interruptible_task)
{
	struct sleeper s;
	pthread_t t;

	sleeper_init(&s, TASK_INTERRUPTIBLE);
	s.allow[0] = SIGHUP;
	ck_assert_int_eq(pthread_create(&t, NULL, plain_main, &s), 0);
	sleeper_asleep(&s);
	ck_assert_int_eq(kill_pid(s.pid, SIGHUP, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	pthread_join(t, NULL);
	ck_assert_int_eq(s.ret, -ERESTARTSYS);
	ck_assert(!s.fatal);		/* allowed: handled by the task */
	ck_assert_int_eq(s.dequeued, SIGHUP);
	ck_assert_uint_eq(compat_pid_signals(s.pid), BIT_OF(SIGHUP));
	ck_assert_int_eq(kill_pid(s.pid, SIGHUP, 1), -ESRCH);	/* exited */
	put_pid(s.pid);
}
END_TEST

START_TEST(uninterruptible_sleep_is_not_woken)
{
	struct sleeper s;
	pthread_t t;

	sleeper_init(&s, TASK_UNINTERRUPTIBLE);
	ck_assert_int_eq(pthread_create(&t, NULL, plain_main, &s), 0);
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGKILL, s.task, 1), 0);
	ck_assert(!sleeper_returns(&s, 50));
	sleeper_release(&s);
	pthread_join(t, NULL);
	ck_assert_int_eq(s.ret, 0);	/* the condition, not the signal */
	ck_assert(s.pending);
	ck_assert(s.fatal);
	ck_assert_int_eq(s.dequeued, SIGKILL);
	put_pid(s.pid);
}
END_TEST

/* Killable: a core-dump signal does not end it, a default-fatal one does
 * (6.1 turns it into SIGKILL). */
START_TEST(killable_sleep_ends_only_for_fatal)
{
	struct sleeper s;
	pthread_t t;

	sleeper_init(&s, TASK_KILLABLE);
	ck_assert_int_eq(pthread_create(&t, NULL, plain_main, &s), 0);
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGQUIT, s.task, 1), 0);
	ck_assert(!sleeper_returns(&s, 50));
	/* already a signal pending, asleep: 6.1 sends no second wake-up,
	 * SIGTERM is not made fatal; SIGKILL always is */
	ck_assert_int_eq(send_sig(SIGTERM, s.task, 1), 0);
	ck_assert(!sleeper_returns(&s, 50));
	ck_assert_int_eq(send_sig(SIGKILL, s.task, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	pthread_join(t, NULL);
	ck_assert_int_eq(s.ret, -ERESTARTSYS);
	ck_assert(s.fatal);
	ck_assert_int_eq(s.dequeued, SIGQUIT);
	put_pid(s.pid);
}
END_TEST

START_TEST(default_fatal_signal_ends_killable_sleep)
{
	struct sleeper s;
	pthread_t t;

	sleeper_init(&s, TASK_KILLABLE);
	ck_assert_int_eq(pthread_create(&t, NULL, plain_main, &s), 0);
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGTERM, s.task, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	pthread_join(t, NULL);
	ck_assert_int_eq(s.ret, -ERESTARTSYS);
	ck_assert(s.fatal);
	ck_assert_int_eq(s.dequeued, SIGKILL);	/* 9 before 15 */
	put_pid(s.pid);
}
END_TEST

/* A kernel thread ignores every signal, SIGKILL too, until it allows it. */
START_TEST(kthread_ignores_signals_not_allowed)
{
	struct sleeper s;
	struct task_struct *k;

	sleeper_init(&s, TASK_INTERRUPTIBLE);
	k = kthread_run(kthread_main, &s, "sigdeaf");
	ck_assert(!IS_ERR(k));
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGUSR1, k, 1), 0);
	ck_assert_int_eq(send_sig(SIGKILL, k, 1), 0);
	ck_assert(!sleeper_returns(&s, 50));
	ck_assert(!signal_pending(k));
	sleeper_release(&s);
	ck_assert_int_eq(kthread_stop(k), 0);
	ck_assert_int_eq(s.ret, 0);
	ck_assert(!s.pending);
	put_pid(s.pid);
}
END_TEST

START_TEST(kthread_allow_signal_interrupts)
{
	struct sleeper s;
	struct task_struct *k;

	sleeper_init(&s, TASK_INTERRUPTIBLE);
	s.allow[0] = SIGUSR1;
	k = kthread_run(kthread_main, &s, "sigallow");
	ck_assert(!IS_ERR(k));
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGUSR2, k, 1), 0);	/* not allowed */
	ck_assert(!sleeper_returns(&s, 50));
	ck_assert_int_eq(send_sig(SIGUSR1, k, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	ck_assert_int_eq(kthread_stop(k), 0);
	ck_assert_int_eq(s.ret, -ERESTARTSYS);
	ck_assert(s.pending);
	ck_assert(!s.fatal);		/* SIG_KTHREAD: never converted */
	ck_assert_int_eq(s.dequeued, SIGUSR1);
	put_pid(s.pid);
}
END_TEST

/* Killable kthread: an allowed SIGUSR1 does not end it, allowed SIGKILL
 * does. */
START_TEST(kthread_killable_needs_sigkill)
{
	struct sleeper s;
	struct task_struct *k;

	sleeper_init(&s, TASK_KILLABLE);
	s.allow[0] = SIGUSR1;
	s.allow[1] = SIGKILL;
	k = kthread_run(kthread_main, &s, "sigkill");
	ck_assert(!IS_ERR(k));
	sleeper_asleep(&s);
	ck_assert_int_eq(send_sig(SIGUSR1, k, 1), 0);
	ck_assert(!sleeper_returns(&s, 50));
	ck_assert(signal_pending(k));
	ck_assert(!fatal_signal_pending(k));
	ck_assert_int_eq(send_sig(SIGKILL, k, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	ck_assert_int_eq(kthread_stop(k), 0);
	ck_assert_int_eq(s.ret, -ERESTARTSYS);
	ck_assert(s.fatal);
	ck_assert_int_eq(s.dequeued, SIGKILL);
	put_pid(s.pid);
}
END_TEST

/* A wake-up and a signal together: the condition wins. */
START_TEST(condition_true_beats_signal)
{
	struct sleeper s;
	pthread_t t;

	sleeper_init(&s, TASK_INTERRUPTIBLE);
	s.allow[0] = SIGUSR1;
	ck_assert_int_eq(pthread_create(&t, NULL, plain_main, &s), 0);
	sleeper_asleep(&s);
	WRITE_ONCE(s.flag, 1);
	ck_assert_int_eq(send_sig(SIGUSR1, s.task, 1), 0);
	ck_assert(sleeper_returns(&s, 5000));
	pthread_join(t, NULL);
	ck_assert_int_eq(s.ret, 0);
	ck_assert(s.pending);
	ck_assert_int_eq(s.dequeued, SIGUSR1);
	put_pid(s.pid);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("signal");
	TCase *tc;

	tc = tcase_create("pending");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, send_sig_rejects_bad_numbers);
	tcase_add_test(tc, default_fatal_signal_pends_sigkill);
	tcase_add_test(tc, coredump_signal_is_not_fatal_pending);
	tcase_add_test(tc, default_ignored_signals_are_dropped);
	tcase_add_test(tc, allowed_signals_dequeue_in_order);
	tcase_add_test(tc, stop_and_continue_cancel);
	tcase_add_test(tc, pending_signal_ends_interruptible_wait_at_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("wakeup");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, signal_wakes_interruptible_plain_task);
	tcase_add_test(tc, kill_pid_wakes_interruptible_task);
	tcase_add_test(tc, uninterruptible_sleep_is_not_woken);
	tcase_add_test(tc, killable_sleep_ends_only_for_fatal);
	tcase_add_test(tc, default_fatal_signal_ends_killable_sleep);
	tcase_add_test(tc, kthread_ignores_signals_not_allowed);
	tcase_add_test(tc, kthread_allow_signal_interrupts);
	tcase_add_test(tc, kthread_killable_needs_sigkill);
	tcase_add_test(tc, condition_true_beats_signal);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
