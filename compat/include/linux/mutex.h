/* SPDX-License-Identifier: MIT */
/*
 * linux/mutex.h - sleeping locks (emulation of 6.1): mutex_lock calls
 * might_sleep(); unlocking a mutex the caller does not hold WARNs as
 * CONFIG_DEBUG_MUTEXES would.
 */
#ifndef _COMPAT_LINUX_MUTEX_H
#define _COMPAT_LINUX_MUTEX_H
#include <linux/types.h>
#include <linux/sched.h>

struct mutex {
	unsigned long __host[6] __attribute__((aligned(8)));
	unsigned int owner;	/* host_thread_id() + 1 of the holder, or 0 */
};
#define __MUTEX_INITIALIZER(name)	{ { 0 }, 0 }
#define DEFINE_MUTEX(name)	struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
void mutex_destroy(struct mutex *lock);
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
#define lockdep_assert_held(l)	do { } while (0)
#endif
