/* SPDX-License-Identifier: MIT */
/*
 * linux/pid.h - struct pid, the kernel's process identifier (userspace
 * emulation of 6.1).
 *
 * As in Linux, a struct pid is reference counted (get_pid/put_pid) and
 * outlives the task it names: once the task has exited, pid_task()
 * returns NULL and kill_pid() fails with -ESRCH, but the struct stays
 * valid until the last reference is put.
 *
 * Emulation: every task (host thread) is its own thread-group leader, so
 * its PIDTYPE_PID and PIDTYPE_TGID pids are the same struct; all tasks
 * share one process group and one session, both numbered 1.  A task's
 * pid is created at its first get_task_pid() and detached when the host
 * thread exits.  kill_pid() delivers to the task (compat/signal.c) and
 * also records each signal posted on the pid (<svr5compat/signal.h>
 * reads them).  The fields named __* are the emulation's bookkeeping.
 */
#ifndef _COMPAT_LINUX_PID_H
#define _COMPAT_LINUX_PID_H
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>

#ifndef __pid_t_defined
typedef int pid_t;
#define __pid_t_defined
#endif

enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_TGID,
	PIDTYPE_PGID,
	PIDTYPE_SID,
	PIDTYPE_MAX,
};

struct task_struct;

struct pid {
	atomic_t count;
	int nr;
	/* emulation */
	struct task_struct *__task;	/* attached task; NULL once exited */
	unsigned long __signals;	/* signals posted: bit (sig - 1) */
	struct list_head __node;	/* on the list of attached pids */
};

static inline struct pid *get_pid(struct pid *pid)
{
	if (pid)
		atomic_inc(&pid->count);
	return pid;
}

void put_pid(struct pid *pid);
struct task_struct *pid_task(struct pid *pid, enum pid_type type);
struct pid *get_task_pid(struct task_struct *task, enum pid_type type);
pid_t pid_vnr(struct pid *pid);

static inline pid_t pid_nr(struct pid *pid)
{
	return pid ? pid->nr : 0;
}

#endif
