/* SPDX-License-Identifier: MIT */
/*
 * check_sync.c - locks, wait queues, completions, time, kthreads and
 * workqueues of the Linux 6.1 emulation.
 *
 * Timing assertions use lower bounds (Linux guarantees "at least") and
 * generous upper bounds, so a loaded machine does not make them flaky.
 * Every blocking test has a timeout; helper threads never wait unbounded.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/atomic.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

#include "check_util.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void host_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Poll @flag (bounded to @ms) without using the code under test. */
static bool wait_flag(volatile int *flag, int ms)
{
	double end = now_ms() + ms;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		if (now_ms() > end)
			return false;
		host_msleep(1);
	}
	return true;
}

static pthread_t spawn(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	ck_assert_int_eq(pthread_create(&t, NULL, fn, arg), 0);
	return t;
}

/* ---- spin locks ------------------------------------------------------- */

#define SPIN_ITERS 100000

static DEFINE_SPINLOCK(slock);
static volatile long shared_counter;
static atomic_t bad_ctx = ATOMIC_INIT(0);

static void *spin_worker(void *arg)
{
	int i;

	for (i = 0; i < SPIN_ITERS; i++) {
		long v;

		spin_lock(&slock);
		if (!in_atomic())
			atomic_inc(&bad_ctx);
		v = shared_counter;
		if ((i & 1023) == 0)
			sched_yield();	/* widen the window for a race */
		shared_counter = v + 1;
		spin_unlock(&slock);
	}
	return NULL;
}

START_TEST(test_spinlock_exclusion)
{
	pthread_t t1 = spawn(spin_worker, NULL);
	pthread_t t2 = spawn(spin_worker, NULL);

	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	ck_assert_int_eq(shared_counter, 2L * SPIN_ITERS);
	ck_assert_int_eq(atomic_read(&bad_ctx), 0);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

static volatile int holder_has_lock, holder_release;

static void *spin_holder(void *arg)
{
	spin_lock(&slock);
	__atomic_store_n(&holder_has_lock, 1, __ATOMIC_RELEASE);
	wait_flag(&holder_release, 5000);
	spin_unlock(&slock);
	return NULL;
}

START_TEST(test_spin_trylock)
{
	pthread_t t;

	ck_assert_int_eq(spin_trylock(&slock), 1);
	ck_assert_uint_eq(preempt_count(), 1);
	/* A lock one already holds cannot be taken again. */
	ck_assert_int_eq(spin_trylock(&slock), 0);
	ck_assert_uint_eq(preempt_count(), 1);
	spin_unlock(&slock);
	ck_assert_uint_eq(preempt_count(), 0);

	t = spawn(spin_holder, NULL);
	ck_assert(wait_flag(&holder_has_lock, 5000));
	ck_assert_int_eq(spin_trylock(&slock), 0);
	ck_assert_uint_eq(preempt_count(), 0);	/* failed trylock undoes it */
	ck_assert(spin_is_locked(&slock));
	holder_release = 1;
	pthread_join(t, NULL);
	ck_assert(!spin_is_locked(&slock));
	ck_assert_int_eq(spin_trylock(&slock), 1);
	spin_unlock(&slock);
}
END_TEST

/* ---- rwlocks ------------------------------------------------------------ */

static DEFINE_RWLOCK(rwl);
static atomic_t readers_in = ATOMIC_INIT(0);
static atomic_t writers_in = ATOMIC_INIT(0);
static atomic_t rw_violations = ATOMIC_INIT(0);
static volatile int both_readers_seen;

static void *reader_pair(void *arg)
{
	double end = now_ms() + 3000;

	read_lock(&rwl);
	atomic_inc(&readers_in);
	/* Both readers must be inside at once. */
	while (atomic_read(&readers_in) < 2 && now_ms() < end)
		host_msleep(1);
	if (atomic_read(&readers_in) >= 2)
		both_readers_seen = 1;
	host_msleep(5);
	atomic_dec(&readers_in);
	read_unlock(&rwl);
	return NULL;
}

START_TEST(test_rwlock_readers_concurrent)
{
	pthread_t t1 = spawn(reader_pair, NULL);
	pthread_t t2 = spawn(reader_pair, NULL);

	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	ck_assert_int_eq(both_readers_seen, 1);
}
END_TEST

#define RW_ITERS 20000

static void *rw_mixed(void *arg)
{
	long writer = (long)arg;
	int i;

	for (i = 0; i < RW_ITERS; i++) {
		if (writer || (i % 4) == 0) {
			write_lock(&rwl);
			if (atomic_inc_return(&writers_in) != 1 ||
			    atomic_read(&readers_in) != 0)
				atomic_inc(&rw_violations);
			if (!in_atomic())
				atomic_inc(&rw_violations);
			atomic_dec(&writers_in);
			write_unlock(&rwl);
		} else {
			read_lock(&rwl);
			atomic_inc(&readers_in);
			if (atomic_read(&writers_in) != 0)
				atomic_inc(&rw_violations);
			atomic_dec(&readers_in);
			read_unlock(&rwl);
		}
	}
	return NULL;
}

START_TEST(test_rwlock_writers_exclusive)
{
	pthread_t t1 = spawn(rw_mixed, (void *)1L);
	pthread_t t2 = spawn(rw_mixed, (void *)1L);
	pthread_t t3 = spawn(rw_mixed, (void *)0L);

	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	pthread_join(t3, NULL);
	ck_assert_int_eq(atomic_read(&rw_violations), 0);
	ck_assert_uint_eq(preempt_count(), 0);
}
END_TEST

/* ---- mutexes -------------------------------------------------------------- */

#define MUTEX_ITERS 20000

static DEFINE_MUTEX(mtx);

static void *mutex_worker(void *arg)
{
	int i;

	for (i = 0; i < MUTEX_ITERS; i++) {
		long v;

		mutex_lock(&mtx);
		v = shared_counter;
		if ((i & 511) == 0)
			sched_yield();
		shared_counter = v + 1;
		mutex_unlock(&mtx);
	}
	return NULL;
}

START_TEST(test_mutex_exclusion)
{
	pthread_t t1 = spawn(mutex_worker, NULL);
	pthread_t t2 = spawn(mutex_worker, NULL);

	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	ck_assert_int_eq(shared_counter, 2L * MUTEX_ITERS);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

static volatile int mholder_locked, mholder_release;

static void *mutex_holder(void *arg)
{
	mutex_lock(&mtx);
	__atomic_store_n(&mholder_locked, 1, __ATOMIC_RELEASE);
	wait_flag(&mholder_release, 5000);
	mutex_unlock(&mtx);
	return NULL;
}

START_TEST(test_mutex_trylock)
{
	pthread_t t;

	ck_assert(!mutex_is_locked(&mtx));
	ck_assert_int_eq(mutex_trylock(&mtx), 1);
	ck_assert(mutex_is_locked(&mtx));
	mutex_unlock(&mtx);
	ck_assert(!mutex_is_locked(&mtx));

	t = spawn(mutex_holder, NULL);
	ck_assert(wait_flag(&mholder_locked, 5000));
	ck_assert_int_eq(mutex_trylock(&mtx), 0);
	mholder_release = 1;
	pthread_join(t, NULL);
	ck_assert_int_eq(mutex_trylock(&mtx), 1);
	mutex_unlock(&mtx);
}
END_TEST

START_TEST(test_mutex_unlock_not_owner_warns)
{
	pthread_t t;

	compat_log_quiet(true);
	t = spawn(mutex_holder, NULL);
	ck_assert(wait_flag(&mholder_locked, 5000));
	mutex_unlock(&mtx);		/* not ours */
	ck_assert_uint_eq(compat_warn_count(), 1);
	ck_assert(compat_log_contains("DEBUG_LOCKS_WARN_ON"));
	/* The bogus unlock was refused: the holder still holds it. */
	ck_assert(mutex_is_locked(&mtx));
	ck_assert_int_eq(mutex_trylock(&mtx), 0);
	mholder_release = 1;
	pthread_join(t, NULL);
	ck_assert(!mutex_is_locked(&mtx));
}
END_TEST

/* ---- wait queues and completions -------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(wqh);
static volatile int wq_cond;
static volatile int waiter_done;

static void *event_waiter(void *arg)
{
	wait_event(wqh, wq_cond);
	__atomic_store_n(&waiter_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

START_TEST(test_wait_event_blocks_until_woken)
{
	pthread_t t = spawn(event_waiter, NULL);

	host_msleep(30);
	ck_assert_int_eq(waiter_done, 0);
	/* A spurious wake-up with the condition false changes nothing. */
	wake_up(&wqh);
	host_msleep(30);
	ck_assert_int_eq(waiter_done, 0);
	wake_up_all(&wqh);
	host_msleep(10);
	ck_assert_int_eq(waiter_done, 0);

	wq_cond = 1;
	wake_up(&wqh);
	ck_assert(wait_flag(&waiter_done, 5000));
	pthread_join(t, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

START_TEST(test_wait_event_timeout_expires)
{
	unsigned long j0 = jiffies;
	double t0 = now_ms();
	long ret = wait_event_timeout(wqh, wq_cond, 10);
	double dt = now_ms() - t0;

	ck_assert_int_eq(ret, 0);
	/* At least (timeout - 1) whole jiffies, as schedule_timeout(). */
	ck_assert_msg(dt >= 9 * 4.0, "timed out after %.1f ms", dt);
	ck_assert_msg(time_after_eq(jiffies, j0 + 9), "jiffies %lu -> %lu",
		      j0, jiffies);
	ck_assert_msg(dt < 2000, "took %.1f ms", dt);
}
END_TEST

static void *delayed_waker(void *arg)
{
	host_msleep((int)(long)arg);
	wq_cond = 1;
	wake_up(&wqh);
	return NULL;
}

START_TEST(test_wait_event_timeout_woken)
{
	pthread_t t = spawn(delayed_waker, (void *)20L);
	double t0 = now_ms();
	long ret = wait_event_timeout(wqh, wq_cond, HZ);
	double dt = now_ms() - t0;

	pthread_join(t, NULL);
	ck_assert_int_gt(ret, 0);
	ck_assert_int_le(ret, HZ);
	ck_assert_msg(dt < 900, "woke after %.1f ms", dt);
	/* Condition already true: the timeout is returned, at least 1. */
	ck_assert_int_eq(wait_event_timeout(wqh, wq_cond, 50), 50);
	ck_assert_int_eq(wait_event_timeout(wqh, wq_cond, 0), 1);
}
END_TEST

static struct completion comp;

static void *completer(void *arg)
{
	host_msleep(20);
	complete(&comp);
	return NULL;
}

START_TEST(test_completion)
{
	pthread_t t;
	double t0;

	init_completion(&comp);
	ck_assert(!completion_done(&comp));
	ck_assert(!try_wait_for_completion(&comp));

	t0 = now_ms();
	t = spawn(completer, NULL);
	wait_for_completion(&comp);
	ck_assert(now_ms() - t0 >= 15);
	pthread_join(t, NULL);
	ck_assert(!completion_done(&comp));	/* consumed */

	/* complete() counts: two completes, two waits. */
	complete(&comp);
	complete(&comp);
	ck_assert(completion_done(&comp));
	ck_assert(try_wait_for_completion(&comp));
	ck_assert(try_wait_for_completion(&comp));
	ck_assert(!try_wait_for_completion(&comp));

	reinit_completion(&comp);
	complete(&comp);
	reinit_completion(&comp);
	ck_assert(!completion_done(&comp));
}
END_TEST

START_TEST(test_complete_all)
{
	int i;

	init_completion(&comp);
	complete_all(&comp);
	for (i = 0; i < 5; i++) {
		wait_for_completion(&comp);
		ck_assert(try_wait_for_completion(&comp));
	}
	ck_assert(completion_done(&comp));
}
END_TEST

static void complete_from_irq(void *arg)
{
	complete(arg);
}

START_TEST(test_wait_for_completion_timeout)
{
	pthread_t t;
	double t0 = now_ms(), dt;
	unsigned long left;

	init_completion(&comp);
	left = wait_for_completion_timeout(&comp, 5);
	dt = now_ms() - t0;
	ck_assert_uint_eq(left, 0);
	ck_assert_msg(dt >= 4 * 4.0, "timed out after %.1f ms", dt);

	t = spawn(completer, NULL);
	left = wait_for_completion_timeout(&comp, HZ);
	pthread_join(t, NULL);
	ck_assert_uint_gt(left, 0);
	ck_assert_uint_le(left, HZ);

	/* complete() is legal in hardirq context. */
	compat_run_in_hardirq(complete_from_irq, &comp);
	ck_assert_uint_gt(wait_for_completion_timeout(&comp, 1), 0);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

/* ---- time ------------------------------------------------------------------ */

START_TEST(test_msleep_at_least)
{
	static const unsigned int ms[] = { 1, 5, 20 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ms); i++) {
		double t0 = now_ms(), dt;

		msleep(ms[i]);
		dt = now_ms() - t0;
		ck_assert_msg(dt >= ms[i], "msleep(%u) slept %.2f ms", ms[i], dt);
		ck_assert_msg(dt < ms[i] + 500, "msleep(%u) slept %.2f ms",
			      ms[i], dt);
	}
}
END_TEST

START_TEST(test_jiffies_hz)
{
	unsigned long j0, j1;
	double t0, dt;
	long expect, got;

	ck_assert_int_eq(HZ, 250);
	ck_assert_uint_eq(msecs_to_jiffies(1000), 250);
	ck_assert_uint_eq(msecs_to_jiffies(1), 1);	/* rounds up */
	ck_assert_uint_eq(msecs_to_jiffies(5), 2);
	ck_assert_uint_eq(jiffies_to_msecs(250), 1000);
	ck_assert_uint_eq(usecs_to_jiffies(4000), 1);

	j0 = jiffies;
	t0 = now_ms();
	host_msleep(200);
	j1 = jiffies;
	dt = now_ms() - t0;
	expect = (long)(dt * HZ / 1000);
	got = (long)(j1 - j0);
	ck_assert_msg(got >= expect - 2 && got <= expect + 2,
		      "%ld jiffies in %.1f ms (expected ~%ld)", got, dt, expect);
	ck_assert(time_after(j1, j0));
	ck_assert(time_before(j0, j1));
}
END_TEST

START_TEST(test_udelay_atomic_legal)
{
	double t0, dt;
	unsigned long flags;

	compat_log_quiet(true);
	spin_lock_irqsave(&slock, flags);
	t0 = now_ms();
	udelay(500);
	dt = now_ms() - t0;
	mdelay(1);
	ndelay(1000);
	spin_unlock_irqrestore(&slock, flags);
	ck_assert_msg(dt >= 0.5, "udelay(500) took %.3f ms", dt);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
	ck_assert(!compat_log_contains("sleeping function"));
}
END_TEST

/* ---- kthreads -------------------------------------------------------------- */

struct kt_info {
	volatile int started;
	volatile int loops;
	int preempt, in_interrupt, irqs_off;
	struct task_struct *self;
	char comm[TASK_COMM_LEN];
	int ret;
};

static int kt_fn(void *data)
{
	struct kt_info *ki = data;

	ki->self = current;
	strncpy(ki->comm, current->comm, sizeof(ki->comm));
	ki->preempt = preempt_count();
	ki->in_interrupt = !!in_interrupt();
	ki->irqs_off = irqs_disabled();
	__atomic_store_n(&ki->started, 1, __ATOMIC_RELEASE);
	while (!kthread_should_stop()) {
		ki->loops++;
		msleep(1);
	}
	return ki->ret;
}

START_TEST(test_kthread_create_stop)
{
	struct kt_info ki = { .ret = 42 };
	struct task_struct *t;

	t = kthread_create(kt_fn, &ki, "ktest/%d", 7);
	ck_assert(!IS_ERR_OR_NULL(t));
	/* Created stopped: the function does not run before the wake-up. */
	host_msleep(30);
	ck_assert_int_eq(ki.started, 0);
	ck_assert_str_eq(t->comm, "ktest/7");
	ck_assert_int_eq(wake_up_process(t), 1);
	ck_assert(wait_flag(&ki.started, 5000));
	ck_assert_ptr_eq(ki.self, t);		/* the task is its current */
	ck_assert_str_eq(ki.comm, "ktest/7");
	ck_assert_int_eq(ki.preempt, 0);
	ck_assert_int_eq(ki.in_interrupt, 0);
	ck_assert_int_eq(ki.irqs_off, 0);
	ck_assert(!kthread_should_stop());	/* not a kthread: false */
	ck_assert_int_eq(kthread_stop(t), 42);
	ck_assert_int_ge(ki.loops, 1);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

START_TEST(test_kthread_run)
{
	struct kt_info ki = { .ret = -5 };
	struct task_struct *t;

	t = kthread_run(kt_fn, &ki, "krun-%s-with-a-long-name", "x");
	ck_assert(!IS_ERR_OR_NULL(t));
	ck_assert(wait_flag(&ki.started, 5000));
	/* Names are truncated to TASK_COMM_LEN - 1 characters. */
	ck_assert_uint_eq(strlen(ki.comm), TASK_COMM_LEN - 1);
	ck_assert_int_eq(strncmp(ki.comm, "krun-x-with-a-l", TASK_COMM_LEN - 1), 0);
	ck_assert_ptr_eq(kthread_data(t), &ki);
	ck_assert_int_eq(wake_up_process(t), 0);	/* already running */
	ck_assert_int_eq(kthread_stop(t), -5);
}
END_TEST

static volatile int never_ran;

static int never_fn(void *data)
{
	never_ran = 1;
	return 0;
}

START_TEST(test_kthread_stop_unwoken)
{
	struct task_struct *t = kthread_create(never_fn, NULL, "never");

	ck_assert(!IS_ERR_OR_NULL(t));
	/* 6.1: stopping a thread that never ran returns -EINTR. */
	ck_assert_int_eq(kthread_stop(t), -EINTR);
	ck_assert_int_eq(never_ran, 0);
}
END_TEST

static int quick_fn(void *data)
{
	return 17;
}

START_TEST(test_kthread_exits_before_stop)
{
	struct task_struct *t = kthread_run(quick_fn, NULL, "quick");

	ck_assert(!IS_ERR_OR_NULL(t));
	host_msleep(20);
	ck_assert_int_eq(kthread_stop(t), 17);
}
END_TEST

/* ---- workqueues ---------------------------------------------------------- */

struct wtest {
	struct work_struct work;
	struct delayed_work dwork;
	volatile int runs;
	volatile int started;
	volatile int release;
	volatile int done;
	int pid, preempt, in_interrupt, irqs_off, pending_inside;
	unsigned long run_jiffies;
	double run_ms;
	bool is_current;
	char comm[TASK_COMM_LEN];
};

static void record(struct wtest *w, struct work_struct *work)
{
	w->pid = current->pid;
	w->preempt = preempt_count();
	w->in_interrupt = !!in_interrupt();
	w->irqs_off = irqs_disabled();
	w->pending_inside = work_pending(work);
	w->is_current = current_work() == work;
	w->run_jiffies = jiffies;
	w->run_ms = now_ms();
	strncpy(w->comm, current->comm, sizeof(w->comm));
}

static void basic_fn(struct work_struct *work)
{
	struct wtest *w = container_of(work, struct wtest, work);

	record(w, work);
	msleep(1);		/* process context: may sleep */
	__atomic_add_fetch(&w->runs, 1, __ATOMIC_RELEASE);
}

START_TEST(test_work_runs_in_process_context)
{
	static struct wtest w;

	INIT_WORK(&w.work, basic_fn);
	ck_assert(!work_pending(&w.work));
	ck_assert(schedule_work(&w.work));
	ck_assert(flush_work(&w.work));
	ck_assert_int_eq(w.runs, 1);
	ck_assert_int_ne(w.pid, current->pid);
	ck_assert_int_eq(w.preempt, 0);
	ck_assert_int_eq(w.in_interrupt, 0);
	ck_assert_int_eq(w.irqs_off, 0);
	ck_assert_int_eq(w.pending_inside, 0);	/* cleared before the call */
	ck_assert(w.is_current);
	ck_assert_int_eq(strncmp(w.comm, "kworker/", 8), 0);
	ck_assert(!work_pending(&w.work));
	ck_assert_ptr_null(current_work());
	/* Idle: nothing to wait for. */
	ck_assert(!flush_work(&w.work));
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

static void blocking_fn(struct work_struct *work)
{
	struct wtest *w = container_of(work, struct wtest, work);
	int n = __atomic_add_fetch(&w->started, 1, __ATOMIC_ACQ_REL);

	if (n == 1)
		wait_flag(&w->release, 5000);
	__atomic_add_fetch(&w->runs, 1, __ATOMIC_RELEASE);
}

START_TEST(test_requeue_while_running)
{
	static struct wtest w;

	INIT_WORK(&w.work, blocking_fn);
	ck_assert(schedule_work(&w.work));
	ck_assert(wait_flag(&w.started, 5000));
	/* Running, not pending: it can be queued again... */
	ck_assert(!work_pending(&w.work));
	ck_assert(schedule_work(&w.work));
	ck_assert(work_pending(&w.work));
	/* ...but only once while pending. */
	ck_assert(!schedule_work(&w.work));
	ck_assert(!queue_work(system_wq, &w.work));
	ck_assert_uint_eq(work_busy(&w.work),
			  WORK_BUSY_PENDING | WORK_BUSY_RUNNING);
	host_msleep(20);
	/* Never concurrently with itself. */
	ck_assert_int_eq(w.started, 1);
	w.release = 1;
	ck_assert(flush_work(&w.work));
	ck_assert_int_eq(w.runs, 2);
	ck_assert_int_eq(w.started, 2);
	ck_assert_uint_eq(work_busy(&w.work), 0);
}
END_TEST

static struct wtest irq_w;
static bool irq_queued, irq_queued_again;

static void queue_from_irq(void *arg)
{
	irq_queued = schedule_work(&irq_w.work);
	irq_queued_again = schedule_work(&irq_w.work);
}

START_TEST(test_schedule_work_from_hardirq)
{
	INIT_WORK(&irq_w.work, basic_fn);
	irq_w.release = 1;
	compat_run_in_hardirq(queue_from_irq, NULL);
	ck_assert(irq_queued);
	ck_assert(flush_work(&irq_w.work));
	/* The second queueing was refused if the first was still pending,
	 * or accepted if the work had already started: then it ran again. */
	ck_assert_int_eq(irq_w.runs, 1 + irq_queued_again);
	ck_assert_int_eq(irq_w.in_interrupt, 0);	/* runs in process ctx */
	ck_assert_int_eq(irq_w.preempt, 0);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

static void slow_fn(struct work_struct *work)
{
	struct wtest *w = container_of(work, struct wtest, work);

	__atomic_store_n(&w->started, 1, __ATOMIC_RELEASE);
	msleep(50);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

START_TEST(test_flush_work_waits)
{
	static struct wtest w;
	double t0;

	INIT_WORK(&w.work, slow_fn);
	t0 = now_ms();
	ck_assert(schedule_work(&w.work));
	ck_assert(flush_work(&w.work));
	ck_assert_int_eq(w.done, 1);
	ck_assert(now_ms() - t0 >= 50);
	ck_assert(!flush_work(&w.work));

	/* Flushing while it runs waits for that execution. */
	w.started = w.done = 0;
	ck_assert(schedule_work(&w.work));
	ck_assert(wait_flag(&w.started, 5000));
	ck_assert(flush_work(&w.work));
	ck_assert_int_eq(w.done, 1);
}
END_TEST

START_TEST(test_cancel_work_sync_pending)
{
	static struct wtest blocker, victim;
	struct workqueue_struct *wq = alloc_ordered_workqueue("ordered", 0);

	ck_assert_ptr_nonnull(wq);
	INIT_WORK(&blocker.work, blocking_fn);
	INIT_WORK(&victim.work, basic_fn);
	ck_assert(queue_work(wq, &blocker.work));
	ck_assert(wait_flag(&blocker.started, 5000));
	ck_assert(queue_work(wq, &victim.work));	/* behind the blocker */
	ck_assert(work_pending(&victim.work));
	ck_assert(cancel_work_sync(&victim.work));	/* was pending */
	ck_assert(!work_pending(&victim.work));
	ck_assert(!cancel_work_sync(&victim.work));	/* now idle */
	blocker.release = 1;
	flush_workqueue(wq);
	ck_assert_int_eq(blocker.runs, 1);
	ck_assert_int_eq(victim.runs, 0);
	destroy_workqueue(wq);
}
END_TEST

START_TEST(test_cancel_work_sync_running)
{
	static struct wtest w;

	INIT_WORK(&w.work, slow_fn);
	ck_assert(schedule_work(&w.work));
	ck_assert(wait_flag(&w.started, 5000));
	/* Running but not pending: returns false after waiting for it. */
	ck_assert(!cancel_work_sync(&w.work));
	ck_assert_int_eq(w.done, 1);
}
END_TEST

static struct wtest rearm;

static void rearming_fn(struct work_struct *work)
{
	__atomic_add_fetch(&rearm.runs, 1, __ATOMIC_RELEASE);
	udelay(200);
	schedule_work(work);
}

START_TEST(test_cancel_work_sync_self_requeueing)
{
	int runs;

	INIT_WORK(&rearm.work, rearming_fn);
	ck_assert(schedule_work(&rearm.work));
	while (__atomic_load_n(&rearm.runs, __ATOMIC_ACQUIRE) < 5)
		host_msleep(1);
	cancel_work_sync(&rearm.work);
	runs = rearm.runs;
	ck_assert(!work_pending(&rearm.work));
	ck_assert_uint_eq(work_busy(&rearm.work), 0);
	host_msleep(20);
	ck_assert_int_eq(rearm.runs, runs);	/* stopped for good */
}
END_TEST

static void delayed_fn(struct work_struct *work)
{
	struct wtest *w = container_of(to_delayed_work(work), struct wtest,
				       dwork);

	record(w, work);
	__atomic_add_fetch(&w->runs, 1, __ATOMIC_RELEASE);
}

START_TEST(test_delayed_work_delay)
{
	static struct wtest w;
	unsigned long j0;
	double t0;

	INIT_DELAYED_WORK(&w.dwork, delayed_fn);
	j0 = jiffies;
	t0 = now_ms();
	ck_assert(schedule_delayed_work(&w.dwork, 10));
	ck_assert(delayed_work_pending(&w.dwork));
	ck_assert(!schedule_delayed_work(&w.dwork, 1));	/* already pending */
	/* 6.1: flush_work() ignores a delayed work still on its timer. */
	ck_assert(!flush_work(&w.dwork.work));
	host_msleep(20);
	ck_assert_int_eq(w.runs, 0);		/* not before its time */
	ck_assert(wait_flag(&w.runs, 5000));
	ck_assert_msg(time_after_eq(w.run_jiffies, j0 + 10),
		      "ran at jiffy +%ld", (long)(w.run_jiffies - j0));
	ck_assert_msg(w.run_ms - t0 >= 9 * 4.0, "ran after %.1f ms",
		      w.run_ms - t0);
	ck_assert_int_eq(w.in_interrupt, 0);
	ck_assert_int_eq(strncmp(w.comm, "kworker/", 8), 0);
	host_msleep(5);
	ck_assert(!delayed_work_pending(&w.dwork));
	ck_assert_int_eq(w.runs, 1);
}
END_TEST

START_TEST(test_delayed_work_zero_delay)
{
	static struct wtest w;

	INIT_DELAYED_WORK(&w.dwork, delayed_fn);
	ck_assert(queue_delayed_work(system_wq, &w.dwork, 0));
	/* Queued at once: flush_work() sees it. */
	flush_work(&w.dwork.work);
	ck_assert_int_eq(w.runs, 1);
}
END_TEST

START_TEST(test_flush_delayed_work)
{
	static struct wtest w;
	double t0;

	INIT_DELAYED_WORK(&w.dwork, delayed_fn);
	t0 = now_ms();
	ck_assert(schedule_delayed_work(&w.dwork, HZ));	/* 1 s */
	ck_assert(flush_delayed_work(&w.dwork));	/* runs it now */
	ck_assert_int_eq(w.runs, 1);
	ck_assert(now_ms() - t0 < 900);
	ck_assert(!delayed_work_pending(&w.dwork));
	ck_assert(!flush_delayed_work(&w.dwork));
}
END_TEST

START_TEST(test_cancel_delayed_work)
{
	static struct wtest w;

	INIT_DELAYED_WORK(&w.dwork, delayed_fn);
	ck_assert(!cancel_delayed_work(&w.dwork));	/* idle */
	ck_assert(schedule_delayed_work(&w.dwork, 5));
	ck_assert(cancel_delayed_work(&w.dwork));
	ck_assert(!delayed_work_pending(&w.dwork));
	ck_assert(!cancel_delayed_work(&w.dwork));
	host_msleep(40);
	ck_assert_int_eq(w.runs, 0);

	ck_assert(schedule_delayed_work(&w.dwork, 5));
	ck_assert(cancel_delayed_work_sync(&w.dwork));
	ck_assert(!cancel_delayed_work_sync(&w.dwork));
	host_msleep(40);
	ck_assert_int_eq(w.runs, 0);

	/* It can be used again afterwards. */
	ck_assert(schedule_delayed_work(&w.dwork, 1));
	ck_assert(wait_flag(&w.runs, 5000));
}
END_TEST

START_TEST(test_mod_delayed_work)
{
	static struct wtest w;
	double t0;

	INIT_DELAYED_WORK(&w.dwork, delayed_fn);
	/* Idle: queued, returns false. */
	ck_assert(!mod_delayed_work(system_wq, &w.dwork, HZ));
	ck_assert(delayed_work_pending(&w.dwork));
	/* Pending: re-armed to run soon, returns true. */
	t0 = now_ms();
	ck_assert(mod_delayed_work(system_wq, &w.dwork, 2));
	ck_assert(wait_flag(&w.runs, 5000));
	ck_assert(w.run_ms - t0 < 900);
	ck_assert(w.run_ms - t0 >= 4.0);
}
END_TEST

struct seq_work {
	struct work_struct work;
	int idx;
};

static int seq_log[16];
static atomic_t seq_n = ATOMIC_INIT(0);
static atomic_t seq_inside = ATOMIC_INIT(0);
static atomic_t seq_overlap = ATOMIC_INIT(0);

static void seq_fn(struct work_struct *work)
{
	struct seq_work *sw = container_of(work, struct seq_work, work);

	if (atomic_inc_return(&seq_inside) != 1)
		atomic_inc(&seq_overlap);
	msleep(1);
	seq_log[atomic_read(&seq_n)] = sw->idx;
	atomic_inc(&seq_n);
	atomic_dec(&seq_inside);
}

START_TEST(test_ordered_workqueue)
{
	static struct seq_work sw[10];
	struct workqueue_struct *wq = create_singlethread_workqueue("single");
	int i;

	ck_assert_ptr_nonnull(wq);
	for (i = 0; i < 10; i++) {
		INIT_WORK(&sw[i].work, seq_fn);
		sw[i].idx = i;
		ck_assert(queue_work(wq, &sw[i].work));
	}
	flush_workqueue(wq);
	ck_assert_int_eq(atomic_read(&seq_n), 10);
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(seq_log[i], i);
	ck_assert_int_eq(atomic_read(&seq_overlap), 0);
	destroy_workqueue(wq);
}
END_TEST

static struct wtest pa, pb;

static void wait_for_b_fn(struct work_struct *work)
{
	/* Blocks until pb ran: needs a second worker, as in 6.1. */
	pa.done = wait_flag(&pb.runs, 3000) ? 1 : -1;
	__atomic_add_fetch(&pa.runs, 1, __ATOMIC_RELEASE);
}

START_TEST(test_blocked_work_does_not_block_queue)
{
	struct workqueue_struct *wq = alloc_workqueue("multi", 0, 0);

	ck_assert_ptr_nonnull(wq);
	INIT_WORK(&pa.work, wait_for_b_fn);
	INIT_WORK(&pb.work, basic_fn);
	ck_assert(queue_work(wq, &pa.work));
	ck_assert(queue_work(wq, &pb.work));
	flush_workqueue(wq);
	ck_assert_int_eq(pa.runs, 1);
	ck_assert_int_eq(pb.runs, 1);
	ck_assert_int_eq(pa.done, 1);
	destroy_workqueue(wq);
}
END_TEST

static atomic_t destroy_runs = ATOMIC_INIT(0);

static void destroy_fn(struct work_struct *work)
{
	msleep(5);
	atomic_inc(&destroy_runs);
}

START_TEST(test_destroy_workqueue_flushes)
{
	static struct work_struct works[5];
	struct workqueue_struct *wq = alloc_workqueue("d%d", WQ_UNBOUND, 1, 3);
	int i;

	ck_assert_ptr_nonnull(wq);
	for (i = 0; i < 5; i++) {
		INIT_WORK(&works[i], destroy_fn);
		ck_assert(queue_work(wq, &works[i]));
	}
	destroy_workqueue(wq);
	ck_assert_int_eq(atomic_read(&destroy_runs), 5);
	for (i = 0; i < 5; i++)
		ck_assert(!work_pending(&works[i]));
}
END_TEST

START_TEST(test_flush_scheduled_work)
{
	static struct wtest w[4];
	int i;

	for (i = 0; i < 4; i++) {
		INIT_WORK(&w[i].work, slow_fn);
		ck_assert(schedule_work(&w[i].work));
	}
	flush_scheduled_work();
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(w[i].done, 1);
}
END_TEST

START_TEST(test_alloc_workqueue_clamps)
{
	struct workqueue_struct *wq;

	compat_log_quiet(true);
	wq = alloc_workqueue("big", 0, 1000);
	ck_assert_ptr_nonnull(wq);
	ck_assert(compat_log_contains(
		"workqueue: max_active 1000 requested for big is out of range, clamping between 1 and 512"));
	destroy_workqueue(wq);		/* never used: no worker to stop */
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("sync");
	TCase *tc;

	tc = tcase_create("locks");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_spinlock_exclusion);
	tcase_add_test(tc, test_spin_trylock);
	tcase_add_test(tc, test_rwlock_readers_concurrent);
	tcase_add_test(tc, test_rwlock_writers_exclusive);
	tcase_add_test(tc, test_mutex_exclusion);
	tcase_add_test(tc, test_mutex_trylock);
	tcase_add_test(tc, test_mutex_unlock_not_owner_warns);
	suite_add_tcase(s, tc);

	tc = tcase_create("wait");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_wait_event_blocks_until_woken);
	tcase_add_test(tc, test_wait_event_timeout_expires);
	tcase_add_test(tc, test_wait_event_timeout_woken);
	tcase_add_test(tc, test_completion);
	tcase_add_test(tc, test_complete_all);
	tcase_add_test(tc, test_wait_for_completion_timeout);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_msleep_at_least);
	tcase_add_test(tc, test_jiffies_hz);
	tcase_add_test(tc, test_udelay_atomic_legal);
	suite_add_tcase(s, tc);

	tc = tcase_create("kthread");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_kthread_create_stop);
	tcase_add_test(tc, test_kthread_run);
	tcase_add_test(tc, test_kthread_stop_unwoken);
	tcase_add_test(tc, test_kthread_exits_before_stop);
	suite_add_tcase(s, tc);

	tc = tcase_create("workqueue");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_work_runs_in_process_context);
	tcase_add_test(tc, test_requeue_while_running);
	tcase_add_test(tc, test_schedule_work_from_hardirq);
	tcase_add_test(tc, test_flush_work_waits);
	tcase_add_test(tc, test_cancel_work_sync_pending);
	tcase_add_test(tc, test_cancel_work_sync_running);
	tcase_add_test(tc, test_cancel_work_sync_self_requeueing);
	tcase_add_test(tc, test_delayed_work_delay);
	tcase_add_test(tc, test_delayed_work_zero_delay);
	tcase_add_test(tc, test_flush_delayed_work);
	tcase_add_test(tc, test_cancel_delayed_work);
	tcase_add_test(tc, test_mod_delayed_work);
	tcase_add_test(tc, test_ordered_workqueue);
	tcase_add_test(tc, test_blocked_work_does_not_block_queue);
	tcase_add_test(tc, test_destroy_workqueue_flushes);
	tcase_add_test(tc, test_flush_scheduled_work);
	tcase_add_test(tc, test_alloc_workqueue_clamps);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
