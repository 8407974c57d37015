/* SPDX-License-Identifier: MIT */
/*
 * linux/spinlock.h - spin locks and rwlocks (emulation of 6.1).
 *
 * Taking a lock raises preempt_count exactly as Linux does, so sleeping with
 * one held is caught by might_sleep().  The _irq/_irqsave forms also mask
 * the calling task's interrupts.  The lock itself is a host mutex: waiting
 * blocks the host thread instead of spinning, which is invisible to the
 * emulated kernel code but kind to a 2-core machine.
 */
#ifndef _COMPAT_LINUX_SPINLOCK_H
#define _COMPAT_LINUX_SPINLOCK_H
#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/spinlock_types.h>
#include <linux/bug.h>

void __compat_spin_init(spinlock_t *lock);
void __compat_spin_lock(spinlock_t *lock);
int __compat_spin_trylock(spinlock_t *lock);
void __compat_spin_unlock(spinlock_t *lock);
int __compat_spin_is_locked(spinlock_t *lock);
void __compat_rwlock_init(rwlock_t *lock);
void __compat_read_lock(rwlock_t *lock);
void __compat_write_lock(rwlock_t *lock);
void __compat_rw_unlock(rwlock_t *lock);
int __compat_read_trylock(rwlock_t *lock);
int __compat_write_trylock(rwlock_t *lock);

#define spin_lock_init(l)	__compat_spin_init(l)
#define raw_spin_lock_init(l)	__compat_spin_init(l)
#define spin_lock(l)	do { preempt_disable(); __compat_spin_lock(l); } while (0)
#define spin_unlock(l)	do { __compat_spin_unlock(l); preempt_enable(); } while (0)
#define spin_trylock(l)	({ preempt_disable(); __compat_spin_trylock(l) ? 1 : \
			   ({ preempt_enable(); 0; }); })
#define spin_lock_irq(l) do { local_irq_disable(); spin_lock(l); } while (0)
#define spin_unlock_irq(l) do { spin_unlock(l); local_irq_enable(); } while (0)
#define spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { spin_unlock(l); local_irq_restore(flags); } while (0)
#define spin_lock_bh(l)	do { local_bh_disable(); spin_lock(l); } while (0)
#define spin_unlock_bh(l) do { spin_unlock(l); local_bh_enable(); } while (0)
#define spin_is_locked(l)	__compat_spin_is_locked(l)
#define assert_spin_locked(l)	BUG_ON(!spin_is_locked(l))
#define raw_spin_lock		spin_lock
#define raw_spin_unlock		spin_unlock
#define raw_spin_lock_irqsave	spin_lock_irqsave
#define raw_spin_unlock_irqrestore spin_unlock_irqrestore

#define rwlock_init(l)	__compat_rwlock_init(l)
#define read_lock(l)	do { preempt_disable(); __compat_read_lock(l); } while (0)
#define read_unlock(l)	do { __compat_rw_unlock(l); preempt_enable(); } while (0)
#define write_lock(l)	do { preempt_disable(); __compat_write_lock(l); } while (0)
#define write_unlock(l)	do { __compat_rw_unlock(l); preempt_enable(); } while (0)
#define read_trylock(l)	({ preempt_disable(); __compat_read_trylock(l) ? 1 : \
			   ({ preempt_enable(); 0; }); })
#define write_trylock(l) ({ preempt_disable(); __compat_write_trylock(l) ? 1 : \
			   ({ preempt_enable(); 0; }); })
#define read_lock_irqsave(l, f)	do { local_irq_save(f); read_lock(l); } while (0)
#define read_unlock_irqrestore(l, f) \
	do { read_unlock(l); local_irq_restore(f); } while (0)
#define write_lock_irqsave(l, f) do { local_irq_save(f); write_lock(l); } while (0)
#define write_unlock_irqrestore(l, f) \
	do { write_unlock(l); local_irq_restore(f); } while (0)
#endif
