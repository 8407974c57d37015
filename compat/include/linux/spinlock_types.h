/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_SPINLOCK_TYPES_H
#define _COMPAT_LINUX_SPINLOCK_TYPES_H
#include <linux/types.h>
/*
 * A spin lock is a host mutex (all-zero is its unlocked state, so static
 * initialisation is zero-fill) plus the owning task id for assertions.
 */
typedef struct spinlock {
	unsigned long __host[6] __attribute__((aligned(8)));
	unsigned int owner;	/* host_thread_id() + 1 of the holder, or 0 */
} spinlock_t;
typedef spinlock_t raw_spinlock_t;
typedef struct {
	unsigned long __host[7] __attribute__((aligned(8)));
} rwlock_t;
#define __SPIN_LOCK_UNLOCKED(name)	{ { 0 }, 0 }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define __RW_LOCK_UNLOCKED(name)	{ { 0 } }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)
#endif
