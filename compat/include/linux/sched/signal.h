/* SPDX-License-Identifier: MIT */
/*
 * linux/sched/signal.h - sending, testing and flushing signals; a task's
 * thread group, process group and session (userspace emulation of 6.1).
 * See <linux/pid.h> for how the emulation models processes and
 * compat/signal.c for how a signal reaches a task.  Signal numbers are
 * Linux's (<linux/signal.h>).
 *
 * A task's pending signals are a mask on its task_struct, written under
 * compat/signal.c's lock and read here without it, as Linux reads
 * TIF_SIGPENDING: signal_pending() is true from the moment a signal that
 * was not ignored is queued until flush_signals() or
 * kernel_dequeue_signal() takes it away.  No signal is ever blocked.
 */
#ifndef _COMPAT_LINUX_SCHED_SIGNAL_H
#define _COMPAT_LINUX_SCHED_SIGNAL_H
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/signal.h>

/* Post @sig to the process @pid names: 0, -ESRCH if it is gone, -EINVAL. */
int kill_pid(struct pid *pid, int sig, int priv);
/* Post @sig to @p's thread group (here: @p): 0, or -EINVAL. */
int send_sig(int sig, struct task_struct *p, int priv);

/* Drop every signal pending on @t (and so end signal_pending()). */
void flush_signals(struct task_struct *t);
/* Take the calling task's next pending signal off: its number, or 0. */
int kernel_dequeue_signal(void);

/* A signal is pending on @p: an interruptible sleep would end at once. */
static inline int signal_pending(struct task_struct *p)
{
	return __atomic_load_n(&p->__sigpending, __ATOMIC_ACQUIRE) != 0;
}

/* SIGKILL is pending (also set when a default-fatal signal arrives). */
static inline int __fatal_signal_pending(struct task_struct *p)
{
	return (__atomic_load_n(&p->__sigpending, __ATOMIC_ACQUIRE) &
		(1UL << (SIGKILL - 1))) != 0;
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && __fatal_signal_pending(p);
}

/* Would a pending signal end a sleep in @state (6.1's rule)? */
static inline int signal_pending_state(unsigned int state,
				       struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

/* The pids of @task's thread group, process group and session.  Linux
 * wants rcu_read_lock() (or current) around their use; so does this. */
struct pid *task_tgid(struct task_struct *task);
struct pid *task_pgrp(struct task_struct *task);
struct pid *task_session(struct task_struct *task);

/* Emulation internals (compat/signal.c, for pid.c and wait.c). */
int __compat_send_signal(struct task_struct *t, int sig);

#endif
