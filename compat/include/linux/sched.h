/* SPDX-License-Identifier: MIT */
/*
 * linux/sched.h - tasks, sleeping and might_sleep() (emulation of 6.1).
 *
 * A task is a host thread.  Every primitive that may sleep calls
 * might_sleep(); in atomic context (preempt_count != 0 or interrupts off)
 * it prints Linux's "BUG: sleeping function called from invalid context"
 * report, counts it, and aborts when the fatal switch is on
 * (<svr5compat/context.h>).
 */
#ifndef _COMPAT_LINUX_SCHED_H
#define _COMPAT_LINUX_SCHED_H

#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/bug.h>

#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_WAKEKILL		0x0100
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_COMM_LEN		16
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

struct wait_queue_head;

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];
	int state;
	/* signals (compat/signal.c, under its lock; <linux/sched/signal.h>) */
	unsigned long __sigpending;	/* bit (sig - 1) per pending signal */
	unsigned long __sigcaught;	/* allow_signal(): handled by the task */
	unsigned long __sigignored;	/* disallow_signal(): SIG_IGN */
	struct wait_queue_head *__sleep_wq; /* signal-wakeable sleep on it */
	unsigned int __sleep_state;	/* and its state */
};

struct task_struct *__compat_current(void);
#define current	__compat_current()

void __might_sleep(const char *file, int line);
#define might_sleep()	__might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
#define cant_sleep()	WARN_ON_ONCE(!in_atomic() && !irqs_disabled())

long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_interruptible(long timeout);
long io_schedule_timeout(long timeout);
void schedule(void);
int wake_up_process(struct task_struct *tsk);	/* compat/kthread.c */
void cond_resched_compat(void);
#define cond_resched()	({ might_sleep(); cond_resched_compat(); 0; })
#define set_current_state(s)	(current->state = (s))
#define __set_current_state(s)	(current->state = (s))

#endif
