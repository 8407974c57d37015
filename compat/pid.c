/* SPDX-License-Identifier: MIT */
/*
 * pid.c - struct pid and kill_pid() (emulation of 6.1's kernel/pid.c and
 * the part of kernel/signal.c a driver reaches).
 *
 * Theory.  Each task (host thread) gets its struct pid at its first
 * get_task_pid(): number = the task's pid, one reference held by the
 * task, and a thread-exit hook.  The pids of live tasks are on `attached`;
 * pid_lock (a host mutex, a leaf lock) guards that list and every pid's
 * task link and signal record.  When the host thread exits, the hook
 * detaches the pid (task link NULL: pid_task() returns NULL, kill_pid()
 * -ESRCH) and drops the task's reference; the struct itself lives on
 * until its last put_pid().  Every task is its own thread-group leader;
 * one process group and one session (number 1, never freed) hold all.
 * kill_pid() delivers to the task through compat/signal.c with pid_lock
 * held, so the task cannot exit meanwhile; it also records each signal
 * posted on the pid, for tests (compat_pid_signals()).
 * struct pid comes from the host heap: it is emulation bookkeeping.
 */
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/export.h>
#include <svr5compat/signal.h>
#include "internal.h"

static struct host_mutex pid_lock;
static LIST_HEAD(attached);
static __thread struct pid *task_pid_tls;

/* The session and process group every emulated task belongs to. */
static struct pid session_pid = {
	.count = ATOMIC_INIT(1),
	.nr = 1,
};

/* The host thread of a task exits: its pid no longer names a task. */
static void pid_task_exit(void *arg)
{
	struct pid *pid = arg;

	host_mutex_lock(&pid_lock);
	pid->__task = NULL;
	list_del(&pid->__node);
	host_mutex_unlock(&pid_lock);
	task_pid_tls = NULL;
	put_pid(pid);
}

/* The calling task's own pid, created at first use. */
static struct pid *current_pid(void)
{
	struct pid *pid = task_pid_tls;

	if (likely(pid))
		return pid;
	pid = host_calloc(1, sizeof(*pid));
	if (!pid)
		compat_fatal("out of host memory for a struct pid");
	atomic_set(&pid->count, 1);		/* the task's reference */
	pid->nr = current->pid;
	pid->__task = current;
	host_mutex_lock(&pid_lock);
	list_add(&pid->__node, &attached);
	host_mutex_unlock(&pid_lock);
	task_pid_tls = pid;
	host_on_thread_exit(pid_task_exit, pid);
	return pid;
}

/* The pid attached to @task, or NULL (pid_lock held). */
static struct pid *find_task_pid(struct task_struct *task)
{
	struct pid *pid;

	list_for_each_entry(pid, &attached, __node)
		if (pid->__task == task)
			return pid;
	return NULL;
}

static struct pid *pid_of(struct task_struct *task, enum pid_type type)
{
	if (type == PIDTYPE_PGID || type == PIDTYPE_SID)
		return &session_pid;
	if (task == current)
		return current_pid();
	return find_task_pid(task);	/* caller holds pid_lock */
}

/**
 * put_pid - drop a reference; the last one frees the struct.
 * Context: any.
 */
void put_pid(struct pid *pid)
{
	if (!pid || pid == &session_pid)
		return;
	if (atomic_dec_and_test(&pid->count))
		host_free(pid);
}
EXPORT_SYMBOL(put_pid);

/**
 * get_task_pid - a counted reference to @task's pid of @type (TGID: the
 * same as PID here).  NULL if @task has no pid (another task that never
 * asked for one).  Context: any.
 */
struct pid *get_task_pid(struct task_struct *task, enum pid_type type)
{
	struct pid *pid;

	if (task == current && type != PIDTYPE_PGID && type != PIDTYPE_SID)
		return get_pid(current_pid());
	host_mutex_lock(&pid_lock);
	pid = get_pid(pid_of(task, type));
	host_mutex_unlock(&pid_lock);
	return pid;
}
EXPORT_SYMBOL(get_task_pid);

/**
 * pid_task - the task @pid names, or NULL once it has exited.  Linux wants
 * rcu_read_lock() around the use of the result.  Context: any.
 */
struct task_struct *pid_task(struct pid *pid, enum pid_type type)
{
	struct task_struct *task;

	if (!pid || pid == &session_pid)
		return NULL;
	host_mutex_lock(&pid_lock);
	task = pid->__task;
	host_mutex_unlock(&pid_lock);
	return task;
}
EXPORT_SYMBOL(pid_task);

/* pid_vnr - @pid's number as the current pid namespace sees it (0: NULL). */
pid_t pid_vnr(struct pid *pid)
{
	return pid_nr(pid);
}
EXPORT_SYMBOL(pid_vnr);

struct pid *task_tgid(struct task_struct *task)
{
	struct pid *pid;

	if (task == current)
		return current_pid();
	host_mutex_lock(&pid_lock);
	pid = find_task_pid(task);
	host_mutex_unlock(&pid_lock);
	return pid;
}
EXPORT_SYMBOL(task_tgid);

struct pid *task_pgrp(struct task_struct *task)
{
	return &session_pid;
}
EXPORT_SYMBOL(task_pgrp);

struct pid *task_session(struct task_struct *task)
{
	return &session_pid;
}
EXPORT_SYMBOL(task_session);

/**
 * kill_pid - post @sig to the process @pid names, as 6.1's kill_pid():
 * 0 when sent (signal 0 only checks; a signal the task ignores counts
 * as sent), -ESRCH when no task is attached any more, -EINVAL for a
 * number outside 0.._NSIG.  Delivery is send_sig()'s (compat/signal.c):
 * the signal becomes pending and ends an interruptible sleep of the
 * task.  The emulation also records it on the pid
 * (compat_pid_signals()).  Context: any; never sleeps.
 */
int kill_pid(struct pid *pid, int sig, int priv)
{
	int ret = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (!pid || pid == &session_pid)
		return -ESRCH;
	host_mutex_lock(&pid_lock);
	if (!pid->__task)
		ret = -ESRCH;
	else if (sig) {
		pid->__signals |= 1UL << (sig - 1);
		__compat_send_signal(pid->__task, sig);
	}
	host_mutex_unlock(&pid_lock);
	return ret;
}
EXPORT_SYMBOL(kill_pid);

/* compat_pid_signals - the signals kill_pid() posted to @pid so far,
 * whether its task took them or ignored them. */
unsigned long compat_pid_signals(struct pid *pid)
{
	unsigned long m;

	if (!pid)
		return 0;
	host_mutex_lock(&pid_lock);
	m = pid->__signals;
	host_mutex_unlock(&pid_lock);
	return m;
}
EXPORT_SYMBOL(compat_pid_signals);
