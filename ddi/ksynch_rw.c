// SPDX-License-Identifier: MIT
/*
 * ksynch_rw.c - SVR5 read/write spin locks: RW_ALLOC(D3), RW_DEALLOC(D3),
 * RW_RDLOCK(D3), RW_WRLOCK(D3), RW_TRYRDLOCK(D3), RW_TRYWRLOCK(D3),
 * RW_UNLOCK(D3).
 *
 * A Linux rwlock_t taken after raising the level, exactly as basic locks
 * (ksynch_lock.c).  Linux's rwlock matches SVR5's rule that a reader
 * waits behind a waiting writer (in task context).  Who holds it:
 *   writer   recorded (owner), so RW_UNLOCK knows a write hold and a
 *            recursive RW_WRLOCK/RW_RDLOCK by the writer is reported
 *            instead of deadlocking;
 *   readers  counted (readers); with the debug layer on each read hold
 *            also has an entry in the per-CPU held table, so a recursive
 *            RW_RDLOCK or RW_WRLOCK by a reader is reported, and
 *            RW_UNLOCK by a context that holds nothing is told apart from
 *            a reader's (tracked counts the read holds that have entries:
 *            readers > tracked means an untracked holder, taken before
 *            the debug layer was switched on, whose unlock is accepted).
 * Without the debug layer, RW_UNLOCK of a lock held only by other readers
 * cannot be detected and releases one of their read holds (as on SVR5).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

static bool ddi_rw_valid(struct __svr5_rwlock *rw, const char *call,
			 const char *file, int line)
{
	if (likely(rw && READ_ONCE(rw->magic) == DDI_RW_MAGIC))
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: %s at %s", call,
		   rw ? "not a read/write lock from RW_ALLOC" : "NULL lock",
		   DDI_SITE(file, line));
	return false;
}

/*
 * RW_ALLOC_site - a new unlocked read/write lock; arguments and context
 * as LOCK_ALLOC_site.
 */
struct __svr5_rwlock *RW_ALLOC_site(uchar_t hier, pl_t min_pl,
				    lkinfo_t *lkinfop, int flag,
				    const char *file, int line)
{
	struct __svr5_rwlock *rw;

	if (!ddi_lk_hier_ok(hier, "RW_ALLOC", file, line) ||
	    !ddi_lk_pl_ok(min_pl, "RW_ALLOC", "min_pl", file, line))
		return NULL;
	rw = ddi_ksynch_alloc(sizeof(*rw), flag, "RW_ALLOC", file, line);
	if (!rw)
		return NULL;
	rwlock_init(&rw->rw);
	atomic_set(&rw->readers, 0);
	atomic_set(&rw->tracked, 0);
	rw->hier = hier;
	rw->min_pl = min_pl;
	rw->name = ddi_lk_name(lkinfop);
	rw->file = file;
	rw->line = line;
	WRITE_ONCE(rw->magic, DDI_RW_MAGIC);
	return rw;
}
EXPORT_SYMBOL(RW_ALLOC_site);

struct __svr5_rwlock *RW_ALLOC(uchar_t hier, pl_t min_pl, lkinfo_t *lkinfop,
			       int flag)
{
	return RW_ALLOC_site(hier, min_pl, lkinfop, flag, NULL, 0);
}
EXPORT_SYMBOL(RW_ALLOC);

/*
 * RW_DEALLOC_site - free a read/write lock; one held in either mode is
 * reported (LOCK_HELD_AT_FREE) and not freed.  Context: any.
 */
void RW_DEALLOC_site(struct __svr5_rwlock *rw, const char *file, int line)
{
	if (!ddi_rw_valid(rw, "RW_DEALLOC", file, line))
		return;
	if (READ_ONCE(rw->owner) || atomic_read(&rw->readers)) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_HELD_AT_FREE,
			   "RW_DEALLOC: dealloc of a held lock: lock \"%s\" held %s not freed at %s",
			   rw->name, READ_ONCE(rw->owner) ? "for writing" :
			   "for reading", DDI_SITE(file, line));
		return;
	}
	ddi_ksynch_free(rw, &rw->magic);
}
EXPORT_SYMBOL(RW_DEALLOC_site);

void RW_DEALLOC(struct __svr5_rwlock *rw)
{
	RW_DEALLOC_site(rw, NULL, 0);
}
EXPORT_SYMBOL(RW_DEALLOC);

/*
 * A recursive request by a context that already holds @rw: reported, the
 * recursion counted (writer: in the lock; reader: in its table entry) and
 * the level raised; true if so.
 */
static bool ddi_rw_recursive(struct __svr5_rwlock *rw, bool write, int pl,
			     int *old, const char *call, const char *file,
			     int line)
{
	struct ddi_held *e = NULL;
	bool writer = READ_ONCE(rw->owner) == current;

	if (!writer) {
		if (!READ_ONCE(ddi_debug))
			return false;
		preempt_disable();
		e = ddi_lk_find(rw);
		if (!e) {
			preempt_enable();
			return false;
		}
	}
	ddi_misuse(SVR5DDI_MISUSE_LOCK_RECURSION,
		   "%s: recursive lock: lock \"%s\" already held %s by this context (taken at %s) at %s",
		   call, rw->name, writer ? "for writing" : "for reading",
		   writer ? DDI_SITE(rw->file, rw->line) :
		   DDI_SITE(e->file, e->line), DDI_SITE(file, line));
	*old = ddi_spl_raise(pl);
	if (writer) {
		rw->recurse++;
	} else {
		e->recurse++;
		preempt_enable();
	}
	(void)write;
	return true;
}

static void ddi_rw_took(struct __svr5_rwlock *rw, bool write, int old, int pl,
			const char *file, int line)
{
	if (write) {
		WRITE_ONCE(rw->owner, current);
		rw->saved_pl = old;
		rw->held_pl = pl;
		rw->file = file;
		rw->line = line;
		ddi_lk_acquired(rw, DDI_LK_WRITE, rw->hier, pl, rw->name,
				file, line);
		return;
	}
	atomic_inc(&rw->readers);
	if (ddi_lk_acquired(rw, DDI_LK_READ, rw->hier, pl, rw->name, file,
			    line))
		atomic_inc(&rw->tracked);
}

static pl_t ddi_rw_lock(struct __svr5_rwlock *rw, pl_t pl, bool write,
			const char *call, const char *file, int line)
{
	int old;

	if (!ddi_rw_valid(rw, call, file, line))
		return ddi_spl_current();
	pl = ddi_lk_level(pl, rw->min_pl, call, rw->name, file, line);
	if (ddi_rw_recursive(rw, write, pl, &old, call, file, line))
		return old;
	ddi_lk_order_check(rw, rw->hier, call, rw->name, file, line);
	old = ddi_spl_raise(pl);
	if (write)
		write_lock(&rw->rw);
	else
		read_lock(&rw->rw);
	ddi_rw_took(rw, write, old, max(pl, old), file, line);
	return old;
}

static pl_t ddi_rw_trylock(struct __svr5_rwlock *rw, pl_t pl, bool write,
			   const char *call, const char *file, int line)
{
	int old;

	if (!ddi_rw_valid(rw, call, file, line))
		return INVPL;
	pl = ddi_lk_level(pl, rw->min_pl, call, rw->name, file, line);
	if (READ_ONCE(rw->owner) == current)
		return INVPL;
	old = ddi_spl_raise(pl);
	if (!(write ? write_trylock(&rw->rw) : read_trylock(&rw->rw))) {
		ddi_spl_set_exact(old);
		return INVPL;
	}
	ddi_rw_took(rw, write, old, max(pl, old), file, line);
	return old;
}

/*
 * RW_RDLOCK_site / RW_WRLOCK_site - take @rw for reading (shared with
 * other readers, not while a writer holds or waits for it) or for writing
 * (exclusive), at level @pl as LOCK does; return the previous level.
 * Context: any; never sleeps (spins).  Not recursive: a second request by
 * the same context is reported and not taken.
 */
pl_t RW_RDLOCK_site(struct __svr5_rwlock *rw, pl_t pl, const char *file,
		    int line)
{
	return ddi_rw_lock(rw, pl, false, "RW_RDLOCK", file, line);
}
EXPORT_SYMBOL(RW_RDLOCK_site);

pl_t RW_RDLOCK(struct __svr5_rwlock *rw, pl_t pl)
{
	return RW_RDLOCK_site(rw, pl, NULL, 0);
}
EXPORT_SYMBOL(RW_RDLOCK);

pl_t RW_WRLOCK_site(struct __svr5_rwlock *rw, pl_t pl, const char *file,
		    int line)
{
	return ddi_rw_lock(rw, pl, true, "RW_WRLOCK", file, line);
}
EXPORT_SYMBOL(RW_WRLOCK_site);

pl_t RW_WRLOCK(struct __svr5_rwlock *rw, pl_t pl)
{
	return RW_WRLOCK_site(rw, pl, NULL, 0);
}
EXPORT_SYMBOL(RW_WRLOCK);

/*
 * RW_TRYRDLOCK_site / RW_TRYWRLOCK_site - as RW_RDLOCK/RW_WRLOCK if the
 * lock is available in that mode right now; otherwise return invpl and
 * change nothing.  Context: any; never spins.
 */
pl_t RW_TRYRDLOCK_site(struct __svr5_rwlock *rw, pl_t pl, const char *file,
		       int line)
{
	return ddi_rw_trylock(rw, pl, false, "RW_TRYRDLOCK", file, line);
}
EXPORT_SYMBOL(RW_TRYRDLOCK_site);

pl_t RW_TRYRDLOCK(struct __svr5_rwlock *rw, pl_t pl)
{
	return RW_TRYRDLOCK_site(rw, pl, NULL, 0);
}
EXPORT_SYMBOL(RW_TRYRDLOCK);

pl_t RW_TRYWRLOCK_site(struct __svr5_rwlock *rw, pl_t pl, const char *file,
		       int line)
{
	return ddi_rw_trylock(rw, pl, true, "RW_TRYWRLOCK", file, line);
}
EXPORT_SYMBOL(RW_TRYWRLOCK_site);

pl_t RW_TRYWRLOCK(struct __svr5_rwlock *rw, pl_t pl)
{
	return RW_TRYWRLOCK_site(rw, pl, NULL, 0);
}
EXPORT_SYMBOL(RW_TRYWRLOCK);

static void ddi_rw_not_held(struct __svr5_rwlock *rw, const char *file,
			    int line)
{
	ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
		   "RW_UNLOCK: lock not held: lock \"%s\" %s at %s",
		   rw->name, READ_ONCE(rw->owner) ?
		   "is held for writing by another context" :
		   atomic_read(&rw->readers) ?
		   "is held for reading by other contexts" : "is not locked",
		   DDI_SITE(file, line));
}

/*
 * RW_UNLOCK_site - release the calling context's hold on @rw (either
 * mode), then set the level to @pl as UNLOCK does.  Not held by the
 * caller: reported (LOCK_NOT_HELD), nothing done.  Context: any.
 */
void RW_UNLOCK_site(struct __svr5_rwlock *rw, pl_t pl, const char *file,
		    int line)
{
	struct ddi_held *e = NULL;
	int keep;

	if (!ddi_rw_valid(rw, "RW_UNLOCK", file, line))
		return;
	if (READ_ONCE(rw->owner) == current) {
		if (!ddi_lk_pl_ok(pl, "RW_UNLOCK", "pl", file, line))
			pl = rw->saved_pl;
		if (rw->recurse) {
			rw->recurse--;
			ddi_spl_set_exact(max_t(int, pl, rw->held_pl));
			return;
		}
		ddi_lk_released(rw);
		WRITE_ONCE(rw->owner, NULL);
		write_unlock(&rw->rw);
		ddi_spl_set_exact(ddi_ksynch_floor(pl, "RW_UNLOCK", file, line));
		return;
	}
	preempt_disable();
	e = ddi_lk_find(rw);
	if (e) {
		keep = e->pl;
		if (e->recurse) {
			e->recurse--;
			preempt_enable();
			if (!ddi_lk_pl_ok(pl, "RW_UNLOCK", "pl", file, line))
				pl = keep;
			ddi_spl_set_exact(max_t(int, pl, keep));
			return;
		}
		atomic_dec(&rw->tracked);
	} else if (atomic_read(&rw->readers) <= atomic_read(&rw->tracked)) {
		/* every read hold is tracked and none is ours */
		preempt_enable();
		ddi_rw_not_held(rw, file, line);
		return;
	}
	if (!ddi_lk_pl_ok(pl, "RW_UNLOCK", "pl", file, line))
		pl = ddi_spl_current();
	ddi_lk_released(rw);
	atomic_dec(&rw->readers);
	read_unlock(&rw->rw);
	preempt_enable();
	ddi_spl_set_exact(ddi_ksynch_floor(pl, "RW_UNLOCK", file, line));
}
EXPORT_SYMBOL(RW_UNLOCK_site);

void RW_UNLOCK(struct __svr5_rwlock *rw, pl_t pl)
{
	RW_UNLOCK_site(rw, pl, NULL, 0);
}
EXPORT_SYMBOL(RW_UNLOCK);
