/* SPDX-License-Identifier: MIT */
/*
 * linux/sched/signal.h - sending signals; a task's thread group, process
 * group and session (userspace emulation of 6.1).  See <linux/pid.h> for
 * how the emulation models processes.  Signal numbers are Linux's
 * (<linux/signal.h>).
 */
#ifndef _COMPAT_LINUX_SCHED_SIGNAL_H
#define _COMPAT_LINUX_SCHED_SIGNAL_H
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/signal.h>

/* Post @sig to the process @pid names: 0, -ESRCH if it is gone, -EINVAL. */
int kill_pid(struct pid *pid, int sig, int priv);

/* The pids of @task's thread group, process group and session.  Linux
 * wants rcu_read_lock() (or current) around their use; so does this. */
struct pid *task_tgid(struct task_struct *task);
struct pid *task_pgrp(struct task_struct *task);
struct pid *task_session(struct task_struct *task);

#endif
