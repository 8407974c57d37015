/* SPDX-License-Identifier: MIT */
/*
 * linux/rcupdate.h - RCU read-side markers and grace periods (userspace
 * emulation of 6.1).
 *
 * Readers, as in 6.1 since 4.20: an rcu_read_lock() section, and any
 * region with preemption, softirqs or interrupts disabled.  Debian's 6.1
 * kernel has preemptible RCU, so rcu_read_lock() does not touch
 * preempt_count: it counts in a per-thread nesting word instead, which
 * synchronize_rcu() reads along with the thread's context word.
 *
 * A thread is a reader synchronize_rcu() waits for from the moment it is
 * a CPU (its first per-CPU access, smp_processor_id() or rcu_read_lock();
 * <linux/percpu.h>) until it exits.  So a preempt-disabled section whose
 * grace period matters must touch per-CPU data before it reads what the
 * updater changed (in a new thread, the first touch registers it).  See
 * compat/rcupdate.c.
 */
#ifndef _COMPAT_LINUX_RCUPDATE_H
#define _COMPAT_LINUX_RCUPDATE_H
#include <linux/compiler.h>
#include <linux/smp.h>

extern __thread int __compat_rcu_nesting
	__attribute__((tls_model("initial-exec")));

static __always_inline void rcu_read_lock(void)
{
	if (unlikely(!__compat_my_cpu_offset))
		__compat_call_nosave(__compat_cpu_attach_arg, 0);
	__compat_rcu_nesting++;
	barrier();
}

static __always_inline void rcu_read_unlock(void)
{
	barrier();
	__compat_rcu_nesting--;
}

#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_assign_pointer(p, v)	WRITE_ONCE(p, v)

void synchronize_rcu(void);
void synchronize_rcu_expedited(void);

/* The calling thread starts / stops being waited for (compat/percpu.c,
 * when it becomes a CPU and when it exits).  Not Linux API. */
void __compat_rcu_attach(void);
void __compat_rcu_detach(void);

#endif
