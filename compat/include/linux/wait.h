/* SPDX-License-Identifier: MIT */
/*
 * linux/wait.h - wait queues (emulation of 6.1).
 *
 * Theory: a wait queue head carries a wake-up sequence number.  A waiter
 * samples the sequence, re-tests its condition, and sleeps only while the
 * sequence is unchanged; every wake_up*() bumps the sequence and broadcasts
 * under the head's host mutex.  A wake-up between the test and the sleep
 * therefore cannot be lost, which is the guarantee prepare_to_wait() gives
 * in Linux.  All waiters are woken (exclusive waits are not distinguished);
 * each re-tests its condition, so this is correct, only less frugal.
 * Interruptible waits are never interrupted: a process here has no signals.
 */
#ifndef _COMPAT_LINUX_WAIT_H
#define _COMPAT_LINUX_WAIT_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/jiffies.h>

struct wait_queue_head {
	spinlock_t lock;	/* for callers that take it, as in Linux */
	unsigned long __host_mutex[6] __attribute__((aligned(8)));
	unsigned long __host_cond[7] __attribute__((aligned(8)));
	unsigned long seq;
	int nr_waiters;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void init_waitqueue_head(struct wait_queue_head *wq);
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key);
unsigned long __compat_wait_prepare(struct wait_queue_head *wq);
/* Sleep while the sequence is @seq; @timeout in jiffies, or
 * MAX_SCHEDULE_TIMEOUT.  Returns the jiffies left (0 on time-out). */
long __compat_wait_sleep(struct wait_queue_head *wq, unsigned long seq,
			 long timeout);
int waitqueue_active(struct wait_queue_head *wq);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define TASK_NORMAL	(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* Returns the time left (>= 1) if @condition became true, 0 on time-out. */
#define __compat_wait_event_timeout(wq_head, condition, timeout) ({	\
	long __left = (timeout);					\
	might_sleep();							\
	if (!(condition)) {						\
		for (;;) {						\
			unsigned long __seq =				\
				__compat_wait_prepare(&(wq_head));	\
			if (condition)					\
				break;					\
			__left = __compat_wait_sleep(&(wq_head), __seq,	\
						     __left);		\
			if (condition) {				\
				if (!__left)				\
					__left = 1;			\
				break;					\
			}						\
			if (!__left)					\
				break;					\
		}							\
	} else if (!__left) {						\
		__left = 1;						\
	}								\
	__left;								\
})

#define wait_event(wq_head, condition) \
	((void)__compat_wait_event_timeout(wq_head, condition, MAX_SCHEDULE_TIMEOUT))
#define wait_event_timeout(wq_head, condition, timeout) \
	__compat_wait_event_timeout(wq_head, condition, timeout)
#define wait_event_interruptible(wq_head, condition) \
	({ wait_event(wq_head, condition); 0; })
#define wait_event_killable(wq_head, condition) \
	({ wait_event(wq_head, condition); 0; })
#define wait_event_interruptible_timeout(wq_head, condition, timeout) \
	wait_event_timeout(wq_head, condition, timeout)
#define wait_event_idle(wq_head, condition) wait_event(wq_head, condition)
#endif
