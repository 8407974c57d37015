/* SPDX-License-Identifier: MIT */
/*
 * linux/timer.h - jiffies timers, struct timer_list (emulation of 6.1).
 *
 * Same contract as Linux 6.1 (Debian's, which has the timer_delete and
 * timer_shutdown names; del_timer and del_timer_sync are inline wrappers):
 * a timer is pending while it is queued (timer_pending()), its callback
 * runs once per arming, in softirq context, never before jiffies reach
 * the expiry the timer wheel gives it (6.1's calc_wheel_index(): at least
 * one tick after @expires, rounded up to the wheel level's granularity
 * for far timers), and a callback may re-arm or free its own timer.
 * timer_delete_sync() waits for a running callback and warns when called
 * in hardirq context for a timer that is not TIMER_IRQSAFE; called from
 * the timer's own callback it would deadlock in Linux (lockdep reports
 * it): the emulation warns and returns instead of hanging.
 *
 * Emulation: one timer base ("CPU 0") served by a timer thread that runs
 * each expired callback with SOFTIRQ_OFFSET in its preempt_count
 * (interrupts enabled, or masked for TIMER_IRQSAFE), as the TIMER_SOFTIRQ
 * does.  The thread starts at the first arming.  The fields named __* are
 * the emulation's bookkeeping.
 */
#ifndef _COMPAT_LINUX_TIMER_H
#define _COMPAT_LINUX_TIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/stddef.h>
#include <linux/container_of.h>

struct timer_list {
	struct hlist_node	entry;		/* pprev != NULL: pending */
	unsigned long		expires;
	void			(*function)(struct timer_list *);
	u32			flags;
	/* emulation */
	unsigned long		__bucket_expiry;	/* when it really fires */
};

struct lock_class_key;

/* Flags, with 6.1's values. */
#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT	22
#define TIMER_ARRAYMASK		0xFFC00000

#define TIMER_ENTRY_STATIC	((void *)0x300)

#define __TIMER_INITIALIZER(_function, _flags) {		\
		.entry = { .next = TIMER_ENTRY_STATIC },	\
		.function = (_function),			\
		.flags = (_flags),				\
	}

#define DEFINE_TIMER(_name, _function)				\
	struct timer_list _name =				\
		__TIMER_INITIALIZER(_function, 0)

void init_timer_key(struct timer_list *timer,
		    void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, struct lock_class_key *key);

#define timer_setup(timer, callback, flags)			\
	init_timer_key((timer), (callback), (flags), NULL, NULL)
#define timer_setup_on_stack(timer, callback, flags)		\
	init_timer_key((timer), (callback), (flags), NULL, NULL)
static inline void destroy_timer_on_stack(struct timer_list *timer)
{
	(void)timer;
}

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)

/**
 * timer_pending - is a timer queued?
 * Callers serialise against other operations on the timer, as in Linux.
 */
static inline int timer_pending(const struct timer_list *timer)
{
	return READ_ONCE(timer->entry.pprev) != NULL;
}

void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);

#define NEXT_TIMER_MAX_DELTA	((1UL << 30) - 1)

void add_timer(struct timer_list *timer);

/*
 * timer_delete is also a POSIX timer call of the C library's <time.h>:
 * the emulation's function is compat_timer_delete, which this macro
 * names timer_delete (a test that includes <time.h> does so first).
 */
#define timer_delete	compat_timer_delete

int try_to_del_timer_sync(struct timer_list *timer);
int timer_delete_sync(struct timer_list *timer);
int timer_delete(struct timer_list *timer);
int timer_shutdown_sync(struct timer_list *timer);
int timer_shutdown(struct timer_list *timer);

static inline int del_timer_sync(struct timer_list *timer)
{
	return timer_delete_sync(timer);
}

static inline int del_timer(struct timer_list *timer)
{
	return timer_delete(timer);
}

#endif
