// SPDX-License-Identifier: MIT
/*
 * ksynch_lock.c - SVR5 basic locks: LOCK_ALLOC(D3), LOCK_DEALLOC(D3),
 * LOCK(D3), UNLOCK(D3), TRYLOCK(D3), LOCK_OWNED(D3).
 *
 * A basic lock is a Linux spinlock_t taken with the CPU raised to the
 * caller's priority level first (ddi_spl_raise: above plbase every local
 * interrupt is masked), so interrupt code that takes the same lock can
 * never spin on this CPU against the holder.  LOCK returns the previous
 * level; UNLOCK releases the lock, then sets the level it is given.
 *
 * Ownership: the holder's task is recorded (written only by the holder,
 * read with READ_ONCE by others, who only compare it with their own
 * current).  That makes two SVR5 hangs into reports:
 *   - LOCK of a lock the calling task already holds (from the same
 *     context, or from interrupt code on top of the holder): reported as
 *     LOCK_RECURSION and NOT taken again; the lock counts the recursion,
 *     and the next UNLOCK only undoes it (restores the level it is given).
 *   - UNLOCK by a context that does not hold it: reported, nothing done.
 * Misuse of levels (BAD_LEVEL) is reported and corrected upwards only:
 * the lock is always held at least at its min_pl, never below the level
 * the caller was at.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

bool ddi_lock_valid(struct __svr5_lock *lk, const char *call,
		    const char *file, int line)
{
	if (likely(lk && READ_ONCE(lk->magic) == DDI_LOCK_MAGIC))
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: %s at %s", call,
		   lk ? "not a basic lock from LOCK_ALLOC" : "NULL lock",
		   DDI_SITE(file, line));
	return false;
}

/*
 * LOCK_ALLOC_site - a new unlocked basic lock of hierarchy @hier (1..32)
 * whose LOCK calls will pass at least @min_pl; @lkinfop names it (the
 * structure must outlive the lock).  Returns NULL only for KM_NOSLEEP
 * without memory, or for a bad hierarchy or min_pl (reported).
 * Context: KM_SLEEP: base level, no basic/rw lock held (otherwise
 * reported and treated as KM_NOSLEEP); KM_NOSLEEP: any.
 */
lock_t *LOCK_ALLOC_site(uchar_t hier, pl_t min_pl, lkinfo_t *lkinfop,
			int flag, const char *file, int line)
{
	struct __svr5_lock *lk;

	if (!ddi_lk_hier_ok(hier, "LOCK_ALLOC", file, line) ||
	    !ddi_lk_pl_ok(min_pl, "LOCK_ALLOC", "min_pl", file, line))
		return NULL;
	lk = ddi_ksynch_alloc(sizeof(*lk), flag, "LOCK_ALLOC", file, line);
	if (!lk)
		return NULL;
	spin_lock_init(&lk->sl);
	lk->hier = hier;
	lk->min_pl = min_pl;
	lk->name = ddi_lk_name(lkinfop);
	lk->file = file;
	lk->line = line;
	WRITE_ONCE(lk->magic, DDI_LOCK_MAGIC);
	return lk;
}
EXPORT_SYMBOL(LOCK_ALLOC_site);

lock_t *LOCK_ALLOC(uchar_t hier, pl_t min_pl, lkinfo_t *lkinfop, int flag)
{
	return LOCK_ALLOC_site(hier, min_pl, lkinfop, flag, NULL, 0);
}
EXPORT_SYMBOL(LOCK_ALLOC);

/*
 * LOCK_DEALLOC_site - free a basic lock.  A held lock is reported
 * (LOCK_HELD_AT_FREE) and not freed.  Context: any; the lock must not be
 * used afterwards.
 */
void LOCK_DEALLOC_site(lock_t *lk, const char *file, int line)
{
	if (!ddi_lock_valid(lk, "LOCK_DEALLOC", file, line))
		return;
	if (READ_ONCE(lk->owner)) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_HELD_AT_FREE,
			   "LOCK_DEALLOC: dealloc of a held lock: lock \"%s\" (taken at %s) not freed at %s",
			   lk->name, DDI_SITE(lk->file, lk->line),
			   DDI_SITE(file, line));
		return;
	}
	ddi_ksynch_free(lk, &lk->magic);
}
EXPORT_SYMBOL(LOCK_DEALLOC_site);

void LOCK_DEALLOC(lock_t *lk)
{
	LOCK_DEALLOC_site(lk, NULL, 0);
}
EXPORT_SYMBOL(LOCK_DEALLOC);

/* The caller now holds @lk at level @pl, having been at @old. */
static void ddi_lock_took(struct __svr5_lock *lk, int old, int pl,
			  const char *file, int line)
{
	WRITE_ONCE(lk->owner, current);
	lk->saved_pl = old;
	lk->held_pl = pl;
	lk->file = file;
	lk->line = line;
	ddi_lk_acquired(lk, DDI_LK_BASIC, lk->hier, pl, lk->name, file, line);
}

/*
 * LOCK_site - raise this CPU to @pl (at least the lock's min_pl) and take
 * the lock, spinning while another context holds it; returns the previous
 * level for UNLOCK.  Context: any (base or interrupt level); never sleeps.
 * With the debug layer on, taking it while the context holds a basic or
 * rw lock of equal or higher hierarchy is reported (lock order).
 */
pl_t LOCK_site(lock_t *lk, pl_t pl, const char *file, int line)
{
	int old;

	if (!ddi_lock_valid(lk, "LOCK", file, line))
		return ddi_spl_current();
	pl = ddi_lk_level(pl, lk->min_pl, "LOCK", lk->name, file, line);
	if (unlikely(READ_ONCE(lk->owner) == current)) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_RECURSION,
			   "LOCK: recursive lock: lock \"%s\" already held by this %s (taken at %s) at %s",
			   lk->name, in_interrupt() ? "task's interrupted code" :
			   "context", DDI_SITE(lk->file, lk->line),
			   DDI_SITE(file, line));
		old = ddi_spl_raise(pl);
		lk->recurse++;
		return old;
	}
	ddi_lk_order_check(lk, lk->hier, "LOCK", lk->name, file, line);
	old = ddi_spl_raise(pl);
	spin_lock(&lk->sl);
	ddi_lock_took(lk, old, max(pl, old), file, line);
	return old;
}
EXPORT_SYMBOL(LOCK_site);

pl_t LOCK(lock_t *lk, pl_t pl)
{
	return LOCK_site(lk, pl, NULL, 0);
}
EXPORT_SYMBOL(LOCK);

/*
 * TRYLOCK_site - take the lock if it is free right now, at level @pl as
 * LOCK does, and return the previous level; otherwise change nothing and
 * return invpl.  A lock the caller holds is not free.  Context: any;
 * never sleeps or spins.  No lock-order check (a try cannot deadlock).
 */
pl_t TRYLOCK_site(lock_t *lk, pl_t pl, const char *file, int line)
{
	int old;

	if (!ddi_lock_valid(lk, "TRYLOCK", file, line))
		return INVPL;
	pl = ddi_lk_level(pl, lk->min_pl, "TRYLOCK", lk->name, file, line);
	if (READ_ONCE(lk->owner) == current)
		return INVPL;
	old = ddi_spl_raise(pl);
	if (!spin_trylock(&lk->sl)) {
		ddi_spl_set_exact(old);
		return INVPL;
	}
	ddi_lock_took(lk, old, max(pl, old), file, line);
	return old;
}
EXPORT_SYMBOL(TRYLOCK_site);

pl_t TRYLOCK(lock_t *lk, pl_t pl)
{
	return TRYLOCK_site(lk, pl, NULL, 0);
}
EXPORT_SYMBOL(TRYLOCK);

/* Release @lk, held by the caller, leaving the level alone. */
void ddi_lock_release(struct __svr5_lock *lk)
{
	ddi_lk_released(lk);
	WRITE_ONCE(lk->owner, NULL);
	spin_unlock(&lk->sl);
}

/*
 * UNLOCK_site - release a lock the calling context holds, then set this
 * CPU's level to @pl (normally what LOCK returned).  Not held by the
 * caller: reported (LOCK_NOT_HELD), nothing done.  A bad @pl is reported
 * and the level LOCK returned is used.  With the debug layer on, dropping
 * below the level of another lock still held is reported and stops there.
 * Context: any; never sleeps.
 */
void UNLOCK_site(lock_t *lk, pl_t pl, const char *file, int line)
{
	if (!ddi_lock_valid(lk, "UNLOCK", file, line))
		return;
	if (unlikely(READ_ONCE(lk->owner) != current)) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
			   "UNLOCK: lock not held: lock \"%s\" %s at %s",
			   lk->name, READ_ONCE(lk->owner) ?
			   "is held by another context" : "is not locked",
			   DDI_SITE(file, line));
		return;
	}
	if (!ddi_lk_pl_ok(pl, "UNLOCK", "pl", file, line))
		pl = lk->saved_pl;
	if (unlikely(lk->recurse)) {
		lk->recurse--;
		ddi_spl_set_exact(max_t(int, pl, lk->held_pl));
		return;
	}
	ddi_lock_release(lk);
	ddi_spl_set_exact(ddi_ksynch_floor(pl, "UNLOCK", file, line));
}
EXPORT_SYMBOL(UNLOCK_site);

void UNLOCK(lock_t *lk, pl_t pl)
{
	UNLOCK_site(lk, pl, NULL, 0);
}
EXPORT_SYMBOL(UNLOCK);

/*
 * LOCK_OWNED - B_TRUE if the calling task holds @lk (for ASSERTs).
 * Context: any.
 */
boolean_t LOCK_OWNED(lock_t *lk)
{
	if (!ddi_lock_valid(lk, "LOCK_OWNED", NULL, 0))
		return B_FALSE;
	return READ_ONCE(lk->owner) == current ? B_TRUE : B_FALSE;
}
EXPORT_SYMBOL(LOCK_OWNED);
