/* SPDX-License-Identifier: MIT */
/*
 * wait.c - wait queues and completions (theory in linux/wait.h).
 *
 * The sequence number is read and written under the head's host mutex; a
 * sleeper holds that mutex from the sequence comparison until the condition
 * variable releases it, so a wake-up cannot slip in between.
 *
 * Signals: an interruptible (or killable) sleeper registers the queue
 * with compat/signal.c before it takes the head's mutex and unregisters
 * after releasing it, and re-tests signal_pending_state() under the
 * mutex before each wait.  A sender marks the signal pending, then
 * (under its lock, which keeps the registration, hence the queue, alive)
 * takes the head's mutex and broadcasts: whichever comes first, the
 * sleeper either sees the signal before it waits or is woken.  Lock
 * order: signal lock, then a head's mutex.
 */
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/string.h>
#include <linux/export.h>
#include "internal.h"

#define UINT_MAX_DONE	(~0U)	/* complete_all(): done for ever */

#define WQ_MUTEX(wq)	((struct host_mutex *)(void *)(wq)->__host_mutex)
#define WQ_COND(wq)	((struct host_cond *)(void *)(wq)->__host_cond)

void init_waitqueue_head(struct wait_queue_head *wq)
{
	memset(wq, 0, sizeof(*wq));
	spin_lock_init(&wq->lock);
}
EXPORT_SYMBOL(init_waitqueue_head);

/**
 * __wake_up - wake the tasks waiting on @wq.
 * All waiters wake and re-test their condition (see linux/wait.h).
 * Context: any; never sleeps.
 */
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr,
	       void *key)
{
	host_mutex_lock(WQ_MUTEX(wq));
	wq->seq++;
	if (wq->nr_waiters)
		host_cond_broadcast(WQ_COND(wq));
	host_mutex_unlock(WQ_MUTEX(wq));
}
EXPORT_SYMBOL(__wake_up);

unsigned long __compat_wait_prepare(struct wait_queue_head *wq)
{
	unsigned long seq;

	host_mutex_lock(WQ_MUTEX(wq));
	seq = wq->seq;
	host_mutex_unlock(WQ_MUTEX(wq));
	return seq;
}
EXPORT_SYMBOL(__compat_wait_prepare);

/*
 * __compat_wait_sleep - the sleep of a wait_event*(): until a wake-up on
 * @wq, the end of @timeout, or (for @state TASK_INTERRUPTIBLE or
 * TASK_KILLABLE) a signal that ends a sleep in @state.  The caller then
 * re-tests its condition and the signal.
 */
long __compat_wait_sleep(struct wait_queue_head *wq, unsigned long seq,
			 long timeout, unsigned int state)
{
	u64 tick = NSEC_PER_SEC / HZ;
	u64 start = host_now_ns();
	u64 budget = timeout == MAX_SCHEDULE_TIMEOUT ? 0 : (u64)timeout * tick;
	bool sig = state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL);
	long left = timeout;

	if (sig)
		__compat_signal_sleep_begin(wq, state);
	host_mutex_lock(WQ_MUTEX(wq));
	wq->nr_waiters++;
	while (wq->seq == seq) {
		if (sig && __compat_signal_interrupts(state))
			break;
		if (timeout == MAX_SCHEDULE_TIMEOUT) {
			host_cond_wait(WQ_COND(wq), WQ_MUTEX(wq));
			continue;
		}
		u64 spent = host_now_ns() - start;

		if (spent >= budget) {
			left = 0;
			break;
		}
		host_cond_timedwait(WQ_COND(wq), WQ_MUTEX(wq), budget - spent);
	}
	wq->nr_waiters--;
	host_mutex_unlock(WQ_MUTEX(wq));
	if (sig)
		__compat_signal_sleep_end();

	if (timeout != MAX_SCHEDULE_TIMEOUT && left) {
		u64 spent = (host_now_ns() - start) / tick;

		left = spent >= (u64)timeout ? 0 : timeout - (long)spent;
	}
	return left;
}
EXPORT_SYMBOL(__compat_wait_sleep);

/* __compat_wait_kick - a signal came for a sleeper on @wq: wake all to
 * re-test (compat/signal.c calls it under its lock). */
void __compat_wait_kick(struct wait_queue_head *wq)
{
	host_mutex_lock(WQ_MUTEX(wq));
	host_cond_broadcast(WQ_COND(wq));
	host_mutex_unlock(WQ_MUTEX(wq));
}

int waitqueue_active(struct wait_queue_head *wq)
{
	return __atomic_load_n(&wq->nr_waiters, __ATOMIC_RELAXED) != 0;
}
EXPORT_SYMBOL(waitqueue_active);

/* Completions: a counter guarded by the wait queue's spin lock. */

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX_DONE)
		x->done++;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	wake_up_all(&x->wait);
}
EXPORT_SYMBOL(complete);

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = UINT_MAX_DONE;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	wake_up_all(&x->wait);
}
EXPORT_SYMBOL(complete_all);

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = false;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != UINT_MAX_DONE)
			x->done--;
		ret = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}
EXPORT_SYMBOL(try_wait_for_completion);

/**
 * wait_for_completion_timeout - wait for complete() at most @timeout jiffies.
 * Returns 0 on time-out, else the jiffies left (at least 1).
 * Context: process; sleeps.
 */
unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout)
{
	long left = wait_event_timeout(x->wait, try_wait_for_completion(x),
				       (long)timeout);

	return (unsigned long)left;
}
EXPORT_SYMBOL(wait_for_completion_timeout);

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, try_wait_for_completion(x));
}
EXPORT_SYMBOL(wait_for_completion);

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
EXPORT_SYMBOL(completion_done);
