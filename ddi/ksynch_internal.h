/* SPDX-License-Identifier: MIT */
/*
 * ksynch_internal.h - what the ksynch files (spl.c, ksynch_*.c) share:
 * the lock objects behind the opaque SVR5 types, and the per-context
 * bookkeeping of held spin locks (ksynch_check.c).
 *
 * Contexts.  A "context" is what SVR5 calls the caller of a lock call: a
 * task, or the interrupt code running on top of it.  svr5ddi tells them
 * apart by the task (current) and the interrupt bits of preempt_count:
 * ddi_lk_ctx() is 0 in task context, 1 in a softirq, 2 in a hardirq.
 *
 * Held spin locks (basic and rw) are counted per CPU and context, always:
 * a task holding a spin lock cannot migrate (spin_lock disables
 * preemption), and interrupt code releases what it took before it
 * returns, so the count of the current context on the current CPU is
 * exactly what the caller holds.  In the userspace emulation a CPU is a
 * task (<linux/percpu.h>).  With the debug layer on, each held spin lock
 * also has an entry in a small per-CPU table (lock, kind, hierarchy,
 * level, name, site, context) used for lock-order checks, level checks
 * and naming the held lock in reports.  Entries are added and removed
 * with local interrupts off, so interrupt code on the same CPU cannot
 * interleave with a table update.
 */
#ifndef _SVR5DDI_KSYNCH_INTERNAL_H
#define _SVR5DDI_KSYNCH_INTERNAL_H

#define SVR5DDI_NO_RWLOCK_T
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/sched.h>
#include <sys/types.h>
#include <sys/ipl.h>
#include <sys/ksynch.h>

/* Lock-order violations: "lock order violation", counted as LOCK_ORDER. */
#define DDI_MISUSE_LOCK_ORDER	SVR5DDI_MISUSE_LOCK_ORDER

#define DDI_LOCK_MAGIC		0x5b10c4edU
#define DDI_RW_MAGIC		0x5b2e1dedU
#define DDI_SLEEP_MAGIC		0x5b51eeedU
#define DDI_SV_MAGIC		0x5b5e7a2dU
#define DDI_ATOMIC_MAGIC	0x5ba70a1cU
#define DDI_DEAD_MAGIC		0xdeadbeefU

/* lock_t: a Linux spin lock plus the owner for the misuse checks. */
struct __svr5_lock {
	u32 magic;
	u8 hier;
	u8 min_pl;
	u16 recurse;			/* reported recursive LOCKs pending */
	spinlock_t sl;
	struct task_struct *owner;	/* holder task, NULL when free */
	int saved_pl;			/* level LOCK returned */
	int held_pl;			/* level while held */
	const char *name;		/* lkinfo lk_name */
	const char *file;		/* where it was taken (or allocated) */
	int line;
};

/* rwlock_t: a Linux rwlock plus the writer and a reader count. */
struct __svr5_rwlock {
	u32 magic;
	u8 hier;
	u8 min_pl;
	u16 recurse;			/* writer's reported recursions */
	rwlock_t rw;
	struct task_struct *owner;	/* writer, NULL if none */
	atomic_t readers;		/* read holds */
	atomic_t tracked;		/* read holds in a debug table */
	int saved_pl;			/* writer: level RW_WRLOCK returned */
	int held_pl;			/* writer: level while held */
	const char *name;
	const char *file;		/* writer's site (or allocation) */
	int line;
};

/*
 * sleep_t: a semaphore of one, not a struct mutex: SVR5 allows
 * SLEEP_UNLOCK and SLEEP_TRYLOCK at interrupt level and SLEEP_UNLOCK by
 * a context other than the locker, which a Linux mutex forbids.
 */
struct __svr5_sleep {
	u32 magic;
	bool held;
	u16 recurse;
	spinlock_t lock;		/* guards held, owner, waiters */
	wait_queue_head_t wq;
	struct task_struct *owner;	/* task that took it (task context) */
	unsigned int waiters;
	const char *name;
	const char *file;
	int line;
};

/* sv_t: a FIFO of waiters, each woken by name (no lost wake-ups). */
struct __svr5_sv {
	u32 magic;
	spinlock_t lock;		/* guards waiters */
	struct list_head waiters;	/* struct ddi_sv_waiter, oldest first */
	atomic_t sleepers;		/* tasks between queueing and return */
	wait_queue_head_t wq;
	const char *file;		/* allocation site */
	int line;
};

struct __svr5_atomic_int {
	u32 magic;
	atomic_t v;
};

/* ---- objects (ksynch_check.c) ------------------------------------------- */

/* Zeroed object for an *_ALLOC call: validates @km (KM_SLEEP or
 * KM_NOSLEEP), reports KM_SLEEP where the caller cannot sleep, waits for
 * memory under KM_SLEEP.  NULL only for KM_NOSLEEP.  Context: as @km. */
void *ddi_ksynch_alloc(size_t size, int km, const char *call,
		       const char *file, int line);
void ddi_ksynch_free(void *obj, u32 *magic);
const char *ddi_lk_name(const lkinfo_t *info);
bool ddi_lk_hier_ok(int hier, const char *call, const char *file, int line);
bool ddi_lk_pl_ok(int pl, const char *call, const char *what,
		  const char *file, int line);

/* ---- contexts and held spin locks (ksynch_check.c) ---------------------- */

enum ddi_lk_kind { DDI_LK_BASIC, DDI_LK_READ, DDI_LK_WRITE };

struct ddi_held {
	const void *lock;
	u8 kind;			/* enum ddi_lk_kind */
	u8 hier;
	u8 pl;				/* level while held */
	u8 ctx;
	u16 recurse;			/* reported recursive read holds */
	const char *name;
	const char *file;
	int line;
};

int ddi_lk_ctx(void);
unsigned int ddi_lk_spin_held(void);
bool ddi_lk_acquired(const void *lock, enum ddi_lk_kind kind, int hier,
		     int pl, const char *name, const char *file, int line);
void ddi_lk_released(const void *lock);
struct ddi_held *ddi_lk_find(const void *lock);
void ddi_lk_order_check(const void *lock, int hier, const char *call,
			const char *name, const char *file, int line);
/* "" or " (lock "NAME" taken at SITE)" for the first held spin lock other
 * than @except, into @buf. */
const char *ddi_lk_held_desc(const void *except, char *buf, size_t len);

/*
 * The level a drop to @pl may go to: with the debug layer on, a drop
 * below the level of a basic or rw lock the context still holds is
 * reported (BAD_LEVEL) and stopped at that level.  Context: any.
 */
int ddi_ksynch_floor(int pl, const char *call, const char *file, int line);

/* The level of a lock call: @pl checked against plbase..plhi, the lock's
 * @min_pl and (at interrupt level) the current level; reported and
 * raised as needed.  Context: any. */
int ddi_lk_level(int pl, int min_pl, const char *call, const char *name,
		 const char *file, int line);

/* spl.c: set this CPU's level exactly, returning the previous one. */
int ddi_spl_set_exact(int pl);

/* ksynch_lock.c: release @lk held by the caller (SV_WAIT). */
void ddi_lock_release(struct __svr5_lock *lk);
bool ddi_lock_valid(struct __svr5_lock *lk, const char *call,
		    const char *file, int line);

#endif
