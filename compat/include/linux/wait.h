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
 *
 * Signals, as 6.1's ___wait_event(): an interruptible wait (a killable
 * one: only for SIGKILL, see <linux/sched/signal.h>) that finds its
 * condition false and a signal pending returns -ERESTARTSYS; a true
 * condition wins over a pending signal, and an expired timeout too.  The
 * sleeper records which queue it sleeps on (compat/signal.c), so a
 * signal sent to it wakes it there; uninterruptible sleeps are not
 * recorded and never woken by a signal.
 */
#ifndef _COMPAT_LINUX_WAIT_H
#define _COMPAT_LINUX_WAIT_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/errno.h>

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
/* Sleep while the sequence is @seq, in @state (a signal ends an
 * interruptible or killable sleep early); @timeout in jiffies, or
 * MAX_SCHEDULE_TIMEOUT.  Returns the jiffies left (0 on time-out). */
long __compat_wait_sleep(struct wait_queue_head *wq, unsigned long seq,
			 long timeout, unsigned int state);
int waitqueue_active(struct wait_queue_head *wq);
/* compat/signal.c: does a pending signal end a wait in @state? */
bool __compat_signal_interrupts(unsigned int state);
/* compat/signal.c: the caller sleeps on @wq in @state / has woken. */
void __compat_signal_sleep_begin(struct wait_queue_head *wq,
				 unsigned int state);
void __compat_signal_sleep_end(void);
/* Wake every sleeper on @wq to re-test (a signal came): no sequence bump. */
void __compat_wait_kick(struct wait_queue_head *wq);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define TASK_NORMAL	(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/*
 * The body of every wait_event*(): the time left (>= 1; MAX_SCHEDULE_TIMEOUT
 * stays so) once @condition is true, 0 on time-out, -ERESTARTSYS when a
 * signal ends a wait in @state.  Order of the tests after each wake-up as
 * in 6.1: condition, then time-out, then signal.
 */
#define __compat_wait_event(wq_head, condition, timeout, state) ({	\
	long __left = (timeout);					\
	might_sleep();							\
	if (!(condition)) {						\
		for (;;) {						\
			unsigned long __seq =				\
				__compat_wait_prepare(&(wq_head));	\
			if (condition) {				\
				if (!__left)				\
					__left = 1;			\
				break;					\
			}						\
			if (!__left)					\
				break;					\
			if (__compat_signal_interrupts(state)) {	\
				__left = -ERESTARTSYS;			\
				break;					\
			}						\
			__left = __compat_wait_sleep(&(wq_head), __seq,	\
						     __left, (state));	\
		}							\
	} else if (!__left) {						\
		__left = 1;						\
	}								\
	__left;								\
})

/* 0 once @condition is true, -ERESTARTSYS if a signal ended the wait. */
#define __compat_wait_event_int(wq_head, condition, state) ({		\
	long __r = __compat_wait_event(wq_head, condition,		\
				       MAX_SCHEDULE_TIMEOUT, state);	\
	(int)(__r < 0 ? __r : 0);					\
})

#define wait_event(wq_head, condition)					\
	((void)__compat_wait_event(wq_head, condition,			\
				   MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE))
#define wait_event_timeout(wq_head, condition, timeout)			\
	__compat_wait_event(wq_head, condition, timeout, TASK_UNINTERRUPTIBLE)
#define wait_event_interruptible(wq_head, condition)			\
	__compat_wait_event_int(wq_head, condition, TASK_INTERRUPTIBLE)
#define wait_event_killable(wq_head, condition)				\
	__compat_wait_event_int(wq_head, condition, TASK_KILLABLE)
#define wait_event_interruptible_timeout(wq_head, condition, timeout)	\
	__compat_wait_event(wq_head, condition, timeout, TASK_INTERRUPTIBLE)
#define wait_event_killable_timeout(wq_head, condition, timeout)	\
	__compat_wait_event(wq_head, condition, timeout, TASK_KILLABLE)
#define wait_event_idle(wq_head, condition) wait_event(wq_head, condition)
#endif
