/* SPDX-License-Identifier: MIT */
/*
 * timer.c - jiffies timers: struct timer_list (emulation of 6.1).
 *
 * Theory.  One timer base stands for the CPU's timer wheel.  Its state is
 * guarded by one host mutex, tlock: the list of queued timers and the
 * timer whose callback is running (running_timer, as base->running_timer
 * in Linux).  tlock is never held while a callback runs, so a callback may
 * arm, delete or free any timer, its own included.  tcond is broadcast
 * whenever the queue changes or a callback returns; the timer thread and
 * every waiter in timer_delete_sync() re-test their own condition.
 *
 * A queued timer is on `queued` (entry.pprev != NULL is timer_pending()).
 * Arming computes, as 6.1's calc_wheel_index() does, the wheel bucket and
 * the jiffy at which that bucket expires (__bucket_expiry): one tick
 * after @expires for near timers (the wheel never fires early, even when
 * armed at the end of a tick), rounded up to 8^level ticks for timers
 * farther than 63 ticks, capped at the wheel's capacity.  The bucket
 * index goes into flags (TIMER_ARRAYMASK) as in Linux, so mod_timer() of
 * a pending timer to an expiry in the same bucket only updates @expires,
 * the 6.1 shortcut (the timer then still fires with its bucket).
 *
 * The timer thread ("ksoftirqd/0") sleeps until the earliest bucket is
 * due, detaches the timer, marks it running and calls it with
 * SOFTIRQ_OFFSET added to its preempt_count, interrupts enabled (masked
 * for TIMER_IRQSAFE), as TIMER_SOFTIRQ runs it; timers due in the same
 * bucket run most recently armed first (hlist order).  After the callback
 * the thread never touches the timer again: the callback may have freed
 * it.  The thread starts at the first arming.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/hardirq.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "internal.h"

#define TICK_NS		((u64)(NSEC_PER_SEC / HZ))

/* 6.1's wheel geometry (kernel/time/timer.c), HZ > 100: nine levels. */
#define LVL_CLK_SHIFT	3
#define LVL_SHIFT(n)	((n) * LVL_CLK_SHIFT)
#define LVL_GRAN(n)	(1UL << LVL_SHIFT(n))
#define LVL_BITS	6
#define LVL_SIZE	(1UL << LVL_BITS)
#define LVL_MASK	(LVL_SIZE - 1)
#define LVL_OFFS(n)	((n) * LVL_SIZE)
#define LVL_START(n)	((LVL_SIZE - 1) << (((n) - 1) * LVL_CLK_SHIFT))
#define LVL_DEPTH	9
#define WHEEL_TIMEOUT_CUTOFF	(LVL_START(LVL_DEPTH))
#define WHEEL_TIMEOUT_MAX	(WHEEL_TIMEOUT_CUTOFF - LVL_GRAN(LVL_DEPTH - 1))

#define MOD_TIMER_PENDING_ONLY	0x01
#define MOD_TIMER_REDUCE	0x02
#define MOD_TIMER_NOTPENDING	0x04

static struct host_mutex tlock;
static struct host_cond tcond;
static struct hlist_head queued;
static struct timer_list *running_timer;
static bool started;
static __thread bool on_timer_thread;

/* ---- the queue (caller holds tlock) ------------------------------------ */

static void queue_add(struct timer_list *timer)
{
	struct hlist_node *n = &timer->entry;

	n->next = queued.first;
	if (queued.first)
		queued.first->pprev = &n->next;
	queued.first = n;
	WRITE_ONCE(n->pprev, &queued.first);
}

static void queue_del(struct timer_list *timer)
{
	struct hlist_node *n = &timer->entry;

	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->next = NULL;
	WRITE_ONCE(n->pprev, NULL);
}

/* The bucket index and bucket expiry of 6.1's calc_index(). */
static unsigned int calc_index(unsigned long expires, unsigned int lvl,
			       unsigned long *bucket_expiry)
{
	expires = (expires >> LVL_SHIFT(lvl)) + 1;
	*bucket_expiry = expires << LVL_SHIFT(lvl);
	return LVL_OFFS(lvl) + (expires & LVL_MASK);
}

/* 6.1's calc_wheel_index(): level by distance from the base clock. */
static unsigned int wheel_index(unsigned long expires, unsigned long clk,
				unsigned long *bucket_expiry)
{
	unsigned long delta = expires - clk;
	unsigned int lvl;

	if ((long)delta < 0) {
		*bucket_expiry = clk;
		return clk & LVL_MASK;
	}
	for (lvl = 0; lvl < LVL_DEPTH - 1; lvl++)
		if (delta < LVL_START(lvl + 1))
			return calc_index(expires, lvl, bucket_expiry);
	if (delta >= WHEEL_TIMEOUT_CUTOFF)
		expires = clk + WHEEL_TIMEOUT_MAX;
	return calc_index(expires, LVL_DEPTH - 1, bucket_expiry);
}

static unsigned int timer_get_idx(const struct timer_list *timer)
{
	return (timer->flags & TIMER_ARRAYMASK) >> TIMER_ARRAYSHIFT;
}

static void *timer_thread(void *unused);

/* Queue @timer at the bucket @idx expiring at @bucket (tlock held). */
static void enqueue(struct timer_list *timer, unsigned int idx,
		    unsigned long bucket)
{
	timer->flags = (timer->flags & ~TIMER_ARRAYMASK) |
		       (idx << TIMER_ARRAYSHIFT);
	timer->__bucket_expiry = bucket;
	queue_add(timer);
	if (!started) {
		host_thread_t t;

		if (host_thread_create(&t, timer_thread, NULL))
			compat_fatal("cannot start the timer thread");
		host_thread_detach(t);
		started = true;
	}
	host_cond_broadcast(&tcond);
}

static void internal_add_timer(struct timer_list *timer)
{
	unsigned long bucket;
	unsigned int idx = wheel_index(timer->expires, jiffies, &bucket);

	enqueue(timer, idx, bucket);
}

static int detach_if_pending(struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	queue_del(timer);
	host_cond_broadcast(&tcond);
	return 1;
}

/* ---- the timer softirq ------------------------------------------------------ */

static void call_timer_fn(struct timer_list *timer,
			  void (*fn)(struct timer_list *), bool irqsafe)
{
	struct __compat_ctx saved = __compat_ctx;
	unsigned int count;

	preempt_count_add(SOFTIRQ_OFFSET);
	if (irqsafe)
		local_irq_disable();
	else
		local_irq_enable();
	count = preempt_count();
	fn(timer);
	if (count != preempt_count())
		WARN_ONCE(1, "timer: %p preempt leak: %08x -> %08x\n",
			  (void *)fn, count, preempt_count());
	__compat_ctx = saved;
}

/* The queued timer whose bucket expires first; ties: most recent arming. */
static struct timer_list *first_due(void)
{
	struct timer_list *best = NULL;
	struct hlist_node *n;

	for (n = queued.first; n; n = n->next) {
		struct timer_list *t = container_of(n, struct timer_list, entry);

		if (!best || time_before(t->__bucket_expiry,
					 best->__bucket_expiry))
			best = t;
	}
	return best;
}

static void *timer_thread(void *unused)
{
	on_timer_thread = true;
	snprintf(current->comm, sizeof(current->comm), "ksoftirqd/0");
	host_mutex_lock(&tlock);
	for (;;) {
		struct timer_list *timer = first_due();
		void (*fn)(struct timer_list *);
		unsigned long now;
		bool irqsafe;

		if (!timer) {
			host_cond_wait(&tcond, &tlock);
			continue;
		}
		now = jiffies;
		if (time_before(now, timer->__bucket_expiry)) {
			/* sleep to just past the jiffy boundary it waits for */
			u64 ns = (u64)(timer->__bucket_expiry - now) * TICK_NS -
				 ktime_get_ns() % TICK_NS + 20000;

			host_cond_timedwait(&tcond, &tlock, ns);
			continue;
		}
		queue_del(timer);
		fn = timer->function;
		if (WARN_ON_ONCE(!fn))
			continue;
		irqsafe = timer->flags & TIMER_IRQSAFE;
		running_timer = timer;
		host_mutex_unlock(&tlock);

		call_timer_fn(timer, fn, irqsafe);	/* may free @timer */

		host_mutex_lock(&tlock);
		running_timer = NULL;
		host_cond_broadcast(&tcond);
	}
	return NULL;
}

/* ---- the API -------------------------------------------------------------- */

/**
 * init_timer_key - prepare a timer for first use (timer_setup()).
 * @timer: the timer
 * @func: its callback
 * @flags: TIMER_* flags; others are refused with a warning, as in 6.1
 * @name: lockdep name (unused)
 * @key: lockdep key (unused)
 * Context: any.
 */
void init_timer_key(struct timer_list *timer,
		    void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, struct lock_class_key *key)
{
	timer->entry.pprev = NULL;
	timer->entry.next = NULL;
	timer->function = func;
	if (WARN_ON_ONCE(flags & ~TIMER_INIT_FLAGS))
		flags &= TIMER_INIT_FLAGS;
	timer->flags = flags;		/* CPU 0 */
	timer->__bucket_expiry = 0;
}
EXPORT_SYMBOL(init_timer_key);

static int __mod_timer(struct timer_list *timer, unsigned long expires,
		       unsigned int options)
{
	unsigned long bucket = 0;
	unsigned int idx = ~0U;
	int ret = 0;

	if (!(options & MOD_TIMER_NOTPENDING) && timer_pending(timer)) {
		long diff = timer->expires - expires;

		if (!diff)
			return 1;
		if ((options & MOD_TIMER_REDUCE) && diff <= 0)
			return 1;
		host_mutex_lock(&tlock);
		if (!timer->function)
			goto out_unlock;
		if (timer_pending(timer) && (options & MOD_TIMER_REDUCE) &&
		    time_before_eq(timer->expires, expires)) {
			ret = 1;
			goto out_unlock;
		}
		idx = wheel_index(expires, jiffies, &bucket);
		/* same bucket: only the expiry field changes (6.1 shortcut) */
		if (timer_pending(timer) && idx == timer_get_idx(timer)) {
			if (!(options & MOD_TIMER_REDUCE))
				timer->expires = expires;
			else if (time_after(timer->expires, expires))
				timer->expires = expires;
			ret = 1;
			goto out_unlock;
		}
	} else {
		host_mutex_lock(&tlock);
		if (!timer->function)
			goto out_unlock;
	}

	ret = detach_if_pending(timer);
	if (!ret && (options & MOD_TIMER_PENDING_ONLY))
		goto out_unlock;
	timer->expires = expires;
	internal_add_timer(timer);
out_unlock:
	host_mutex_unlock(&tlock);
	return ret;
}

/**
 * mod_timer - (re)arm @timer to expire at @expires (absolute jiffies).
 * Returns 0 if the timer was inactive (or shut down: then nothing is
 * armed), 1 if it was pending.  Context: any.
 */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, 0);
}
EXPORT_SYMBOL(mod_timer);

/**
 * mod_timer_pending - mod_timer() for a pending timer only; an inactive
 * timer stays inactive (returns 0).  Context: any.
 */
int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_TIMER_PENDING_ONLY);
}
EXPORT_SYMBOL(mod_timer_pending);

/**
 * timer_reduce - mod_timer() that only ever moves a pending timer's expiry
 * earlier; an inactive timer is started.  Context: any.
 */
int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_TIMER_REDUCE);
}
EXPORT_SYMBOL(timer_reduce);

/**
 * add_timer - start an inactive timer at @timer->expires.  On a pending
 * timer it warns once and does nothing (6.1).  Context: any.
 */
void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}
EXPORT_SYMBOL(add_timer);

/**
 * add_timer_on - add_timer() on CPU @cpu.  The emulation has one timer
 * base: the CPU number is recorded in the flags only.  Context: any.
 */
void add_timer_on(struct timer_list *timer, int cpu)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	host_mutex_lock(&tlock);
	if (timer->function) {
		timer->flags = (timer->flags & ~TIMER_BASEMASK) |
			       ((u32)cpu & TIMER_CPUMASK);
		internal_add_timer(timer);
	}
	host_mutex_unlock(&tlock);
}
EXPORT_SYMBOL(add_timer_on);

static int __timer_delete(struct timer_list *timer, bool shutdown)
{
	int ret = 0;

	if (timer_pending(timer) || shutdown) {
		host_mutex_lock(&tlock);
		ret = detach_if_pending(timer);
		if (shutdown)
			timer->function = NULL;
		host_mutex_unlock(&tlock);
	}
	return ret;
}

/**
 * timer_delete - deactivate a pending timer without waiting for a running
 * callback.  Returns 1 if it was pending, 0 if not.  Context: any.
 */
int timer_delete(struct timer_list *timer)
{
	return __timer_delete(timer, false);
}
EXPORT_SYMBOL(compat_timer_delete);	/* timer_delete */

/**
 * timer_shutdown - timer_delete() that also makes every later arming of
 * @timer a silent no-op (until timer_setup() again).  Context: any.
 */
int timer_shutdown(struct timer_list *timer)
{
	return __timer_delete(timer, true);
}
EXPORT_SYMBOL(timer_shutdown);

static int __try_to_del_timer_sync(struct timer_list *timer, bool shutdown)
{
	int ret = -1;

	host_mutex_lock(&tlock);
	if (running_timer != timer) {
		ret = detach_if_pending(timer);
		if (shutdown)
			timer->function = NULL;
	}
	host_mutex_unlock(&tlock);
	return ret;
}

/**
 * try_to_del_timer_sync - deactivate @timer unless its callback is running.
 * Returns 0 (was not pending), 1 (was pending, now deactivated) or -1
 * (the callback is running: nothing done).  Context: any.
 */
int try_to_del_timer_sync(struct timer_list *timer)
{
	return __try_to_del_timer_sync(timer, false);
}
EXPORT_SYMBOL(try_to_del_timer_sync);

static int __timer_delete_sync(struct timer_list *timer, bool shutdown)
{
	int ret;

	/* 6.1: "don't use it in hardirq context, because it could lead to
	 * deadlock" */
	WARN_ON(in_hardirq() && !(timer->flags & TIMER_IRQSAFE));

	if (on_timer_thread && READ_ONCE(running_timer) == timer) {
		/*
		 * Called from the timer's own callback: Linux would wait for
		 * itself forever (lockdep reports the recursion).  Say so and
		 * do what can be done without waiting.
		 */
		WARN(1, "timer_delete_sync() called from the callback of the timer it waits for: deadlock in Linux\n");
		host_mutex_lock(&tlock);
		ret = detach_if_pending(timer);
		if (shutdown)
			timer->function = NULL;
		host_mutex_unlock(&tlock);
		return ret;
	}
	for (;;) {
		ret = __try_to_del_timer_sync(timer, shutdown);
		if (ret >= 0)
			return ret;
		/* the callback runs on the timer thread: wait for it */
		host_mutex_lock(&tlock);
		while (running_timer == timer)
			host_cond_wait(&tcond, &tlock);
		host_mutex_unlock(&tlock);
	}
}

/**
 * timer_delete_sync - deactivate @timer and wait until its callback is not
 * running.  Returns 1 if it was pending, 0 if not.  Warns in hardirq
 * context unless the timer is TIMER_IRQSAFE; must not be called from the
 * timer's own callback (warned, returns without waiting).
 * Context: any that may wait for the callback.
 */
int timer_delete_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, false);
}
EXPORT_SYMBOL(timer_delete_sync);

/**
 * timer_shutdown_sync - timer_delete_sync() that also prevents any later
 * arming of @timer.  Context: as timer_delete_sync().
 */
int timer_shutdown_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, true);
}
EXPORT_SYMBOL(timer_shutdown_sync);
