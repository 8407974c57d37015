/* SPDX-License-Identifier: MIT */
/*
 * locking.c - spin locks, rwlocks and mutexes.
 *
 * Theory: each lock is a host lock plus, for spin locks and mutexes, the
 * id of the holding task (0 when free), written only by the holder.  The
 * owner field turns two bugs that would hang or corrupt a real kernel into
 * reports: taking a lock the task already holds (recursion: BUG, since
 * continuing would deadlock) and releasing a lock the task does not hold
 * (WARN, and the release is skipped so the lock stays consistent).
 * preempt_count is raised and lowered by the spinlock.h macros, not here.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/export.h>
#include "internal.h"

/* The calling task's lock-owner id (host thread id + 1), cached. */
static __thread unsigned int my_owner_id __attribute__((tls_model("initial-exec")));

static __always_inline unsigned int me(void)
{
	if (unlikely(!my_owner_id))
		my_owner_id = host_thread_id() + 1;
	return my_owner_id;
}

#define HOST_MUTEX(p) ((struct host_mutex *)(void *)(p))

void __compat_spin_init(spinlock_t *lock)
{
	host_mutex_init(HOST_MUTEX(lock->__host));
	lock->owner = 0;
}
EXPORT_SYMBOL(__compat_spin_init);

void __compat_spin_lock(spinlock_t *lock)
{
	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me())) {
		printk(KERN_EMERG "BUG: spinlock recursion on CPU#0, %s/%d, lock %p\n",
		       current->comm, current->pid, (void *)lock);
		BUG();
	}
	host_mutex_lock(HOST_MUTEX(lock->__host));
	__atomic_store_n(&lock->owner, me(), __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(__compat_spin_lock);

int __compat_spin_trylock(spinlock_t *lock)
{
	if (!host_mutex_trylock(HOST_MUTEX(lock->__host)))
		return 0;
	__atomic_store_n(&lock->owner, me(), __ATOMIC_RELAXED);
	return 1;
}
EXPORT_SYMBOL(__compat_spin_trylock);

void __compat_spin_unlock(spinlock_t *lock)
{
	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != me())) {
		WARN(1, "BUG: spinlock wrong owner on CPU#0, %s/%d, lock %p, owner %u\n",
		     current->comm, current->pid, (void *)lock, lock->owner);
		return;
	}
	__atomic_store_n(&lock->owner, 0, __ATOMIC_RELAXED);
	host_mutex_unlock(HOST_MUTEX(lock->__host));
}
EXPORT_SYMBOL(__compat_spin_unlock);

int __compat_spin_is_locked(spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != 0;
}
EXPORT_SYMBOL(__compat_spin_is_locked);

void __compat_rwlock_init(rwlock_t *lock)
{
	memset(lock, 0, sizeof(*lock));
}
EXPORT_SYMBOL(__compat_rwlock_init);

void __compat_read_lock(rwlock_t *lock)
{
	host_rwlock_rdlock(lock->__host);
}
EXPORT_SYMBOL(__compat_read_lock);

void __compat_write_lock(rwlock_t *lock)
{
	host_rwlock_wrlock(lock->__host);
}
EXPORT_SYMBOL(__compat_write_lock);

/*
 * __compat_read_trylock / __compat_write_trylock - read_trylock() and
 * write_trylock(): take @lock in that mode if possible at once; 1 if
 * taken, 0 otherwise.  Context: any; never blocks.
 */
int __compat_read_trylock(rwlock_t *lock)
{
	return host_rwlock_tryrdlock(lock->__host);
}
EXPORT_SYMBOL(__compat_read_trylock);

int __compat_write_trylock(rwlock_t *lock)
{
	return host_rwlock_trywrlock(lock->__host);
}
EXPORT_SYMBOL(__compat_write_trylock);

void __compat_rw_unlock(rwlock_t *lock)
{
	host_rwlock_unlock(lock->__host);
}
EXPORT_SYMBOL(__compat_rw_unlock);

/**
 * mutex_init - initialise a mutex to the unlocked state.
 * Context: any.
 */
void mutex_init(struct mutex *lock)
{
	host_mutex_init(HOST_MUTEX(lock->__host));
	lock->owner = 0;
}
EXPORT_SYMBOL(mutex_init);

void mutex_destroy(struct mutex *lock)
{
	WARN(mutex_is_locked(lock), "mutex_destroy: mutex %p is locked\n",
	     (void *)lock);
}
EXPORT_SYMBOL(mutex_destroy);

/**
 * mutex_lock - acquire the mutex, sleeping until it is available.
 * Context: process; sleeps; not in interrupt context, no spin lock held.
 */
void mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me())) {
		printk(KERN_EMERG "BUG: mutex recursion: %s/%d already holds %p\n",
		       current->comm, current->pid, (void *)lock);
		BUG();
	}
	host_mutex_lock(HOST_MUTEX(lock->__host));
	__atomic_store_n(&lock->owner, me(), __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(mutex_lock);

int mutex_lock_interruptible(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}
EXPORT_SYMBOL(mutex_lock_interruptible);

int mutex_lock_killable(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}
EXPORT_SYMBOL(mutex_lock_killable);

/**
 * mutex_trylock - acquire the mutex if it is free.
 * Returns 1 on success, 0 if it is held.  Context: process; never sleeps.
 */
int mutex_trylock(struct mutex *lock)
{
	if (!host_mutex_trylock(HOST_MUTEX(lock->__host)))
		return 0;
	__atomic_store_n(&lock->owner, me(), __ATOMIC_RELAXED);
	return 1;
}
EXPORT_SYMBOL(mutex_trylock);

/**
 * mutex_unlock - release a mutex the caller holds.
 * Releasing one it does not hold WARNs (as CONFIG_DEBUG_MUTEXES) and is
 * ignored.  Context: process.
 */
void mutex_unlock(struct mutex *lock)
{
	if (unlikely(__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != me())) {
		WARN(1, "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current): mutex %p\n",
		     (void *)lock);
		return;
	}
	__atomic_store_n(&lock->owner, 0, __ATOMIC_RELAXED);
	host_mutex_unlock(HOST_MUTEX(lock->__host));
}
EXPORT_SYMBOL(mutex_unlock);

bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != 0;
}
EXPORT_SYMBOL(mutex_is_locked);
