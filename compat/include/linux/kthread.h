/* SPDX-License-Identifier: MIT */
/*
 * linux/kthread.h - kernel threads (emulation of 6.1).
 *
 * A kthread is a host thread.  As in Linux it is created stopped: its
 * function runs only after wake_up_process(), and kthread_stop() on a
 * thread that was never woken returns -EINTR without running it.  The
 * task_struct returned is the thread's own `current`.  Parking and
 * kthread workers are not emulated.
 */
#ifndef _COMPAT_LINUX_KTHREAD_H
#define _COMPAT_LINUX_KTHREAD_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/sched.h>

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
	__printf(4, 5);

/**
 * kthread_create - create a kthread, stopped until wake_up_process().
 * Returns the task or ERR_PTR(-ENOMEM).
 */
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

/**
 * kthread_run - create and wake a kthread.
 * Returns the task or ERR_PTR(-ENOMEM).
 */
#define kthread_run(threadfn, data, namefmt, ...) ({			\
	struct task_struct *__k =					\
		kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))						\
		wake_up_process(__k);					\
	__k;								\
})

bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
void kthread_bind(struct task_struct *k, unsigned int cpu);
void *kthread_data(struct task_struct *k);
void *kthread_func(struct task_struct *k);

#endif
