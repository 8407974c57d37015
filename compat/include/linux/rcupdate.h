/* SPDX-License-Identifier: MIT */
/*
 * linux/rcupdate.h - RCU read-side markers (userspace emulation of 6.1).
 *
 * The emulation frees nothing that RCU readers could still see (struct
 * pid is reference counted and its task link is guarded by a lock), so
 * read-side critical sections need no effect beyond being compiler
 * barriers; they are kept so code reads as it must in the kernel.
 * Debian's 6.1 kernel has preemptible RCU: rcu_read_lock() does not touch
 * preempt_count there either.
 */
#ifndef _COMPAT_LINUX_RCUPDATE_H
#define _COMPAT_LINUX_RCUPDATE_H
#include <linux/compiler.h>

#define rcu_read_lock()			barrier()
#define rcu_read_unlock()		barrier()
#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_assign_pointer(p, v)	WRITE_ONCE(p, v)

#endif
