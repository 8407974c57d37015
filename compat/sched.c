/* SPDX-License-Identifier: MIT */
/*
 * sched.c - tasks, execution context and might_sleep().
 *
 * Theory: every host thread is an emulated task with its own
 * struct task_struct and its own context word (__compat_ctx: preempt_count
 * and the interrupt-mask flag), both thread-local and created on first use.
 * Context is never shared, so reading it needs no lock.
 *
 * __might_sleep() is Linux's check: a task may sleep only when its
 * preempt_count is zero and its interrupts are enabled.  A violation prints
 * the same report Linux prints, is counted, and with the fatal switch on
 * (compat_set_sleep_fatal() or SVR5DDI_STRICT=1) aborts the process.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <svr5compat/context.h>
#include "internal.h"

__thread struct __compat_ctx __compat_ctx
	__attribute__((tls_model("initial-exec")));
EXPORT_SYMBOL(__compat_ctx);

static __thread struct task_struct task;
static __thread bool task_ready;
static atomic64_t sleep_violations;
static int sleep_fatal = -1;	/* -1: not decided yet (read SVR5DDI_STRICT) */

struct task_struct *__compat_current(void)
{
	if (unlikely(!task_ready)) {
		task.pid = (int)host_thread_id() + 1;
		snprintf(task.comm, sizeof(task.comm), "task%d", task.pid);
		task.state = TASK_RUNNING;
		task_ready = true;
	}
	return &task;
}
EXPORT_SYMBOL(__compat_current);

static bool sleep_is_fatal(void)
{
	int f = __atomic_load_n(&sleep_fatal, __ATOMIC_RELAXED);

	if (f < 0) {
		const char *s = host_getenv("SVR5DDI_STRICT");

		f = s && *s && *s != '0';
		__atomic_store_n(&sleep_fatal, f, __ATOMIC_RELAXED);
	}
	return f;
}

/**
 * __might_sleep - report a sleeping call made in atomic context.
 * @file: caller's file
 * @line: caller's line
 *
 * Reproduces kernel/sched/core.c's __might_resched() report.  Unlike Linux
 * it reports every violation (Linux rate-limits to one a second), so a test
 * can count them.
 * Context: any.
 */
void __might_sleep(const char *file, int line)
{
	unsigned int pc = preempt_count();
	struct task_struct *t;

	if (likely(pc == 0 && !irqs_disabled()))
		return;
	t = current;
	atomic64_inc(&sleep_violations);
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), t->pid, t->comm);
	printk(KERN_ERR "preempt_count: %x, expected: 0\n", pc);
	if (sleep_is_fatal()) {
		printk(KERN_CRIT "svr5ddi: sleeping in atomic context is fatal (SVR5DDI_STRICT)\n");
		host_abort();
	}
}
EXPORT_SYMBOL(__might_sleep);

unsigned long compat_sleep_violations(void)
{
	return (unsigned long)atomic64_read(&sleep_violations);
}
EXPORT_SYMBOL(compat_sleep_violations);

void compat_set_sleep_fatal(bool fatal)
{
	__atomic_store_n(&sleep_fatal, fatal ? 1 : 0, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(compat_set_sleep_fatal);

/**
 * schedule_timeout - sleep for @timeout jiffies.
 * Nothing wakes a task early here (there are no signals and no explicit
 * wake_up_process() of a plain task), so it always returns 0, except for
 * MAX_SCHEDULE_TIMEOUT, which Linux would sleep on forever: that is a bug
 * here (nobody can wake it) and is refused with a warning.
 * Context: process; may sleep.
 */
long schedule_timeout(long timeout)
{
	might_sleep();
	if (WARN_ON(timeout == MAX_SCHEDULE_TIMEOUT))
		return timeout;
	if (timeout < 0) {
		printk(KERN_ERR "schedule_timeout: wrong timeout value %lx\n",
		       (unsigned long)timeout);
		return 0;
	}
	host_sleep_ns((u64)timeout * (NSEC_PER_SEC / HZ));
	current->state = TASK_RUNNING;
	return 0;
}
EXPORT_SYMBOL(schedule_timeout);

long schedule_timeout_uninterruptible(long timeout)
{
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_uninterruptible);

long schedule_timeout_interruptible(long timeout)
{
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_interruptible);

long io_schedule_timeout(long timeout)
{
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(io_schedule_timeout);

void schedule(void)
{
	might_sleep();
	host_yield();
}
EXPORT_SYMBOL(schedule);

void cond_resched_compat(void)
{
	host_yield();
}
EXPORT_SYMBOL(cond_resched_compat);
