// SPDX-License-Identifier: MIT
/*
 * ksynch_sleep.c - SVR5 sleep locks: SLEEP_ALLOC(D3), SLEEP_DEALLOC(D3),
 * SLEEP_LOCK(D3), SLEEP_LOCK_SIG(D3), SLEEP_TRYLOCK(D3), SLEEP_UNLOCK(D3),
 * SLEEP_LOCKAVAIL(D3), SLEEP_LOCKOWNED(D3).
 *
 * Theory: a binary semaphore built from a spin lock (held, owner,
 * waiters) and a wait queue, not a Linux struct mutex: SVR5 lets
 * SLEEP_TRYLOCK and SLEEP_UNLOCK run at interrupt level, and SLEEP_UNLOCK
 * come from a context other than the one that locked (I/O completion
 * releasing a lock a task took), both of which a mutex forbids.
 * Waiters sleep in wait_event() on a condition that takes the lock when
 * it is free, so a wake-up can never be lost and exactly one waiter gets
 * each release (no FIFO order, as SVR5 promises none).
 *
 * Misuse: SLEEP_LOCK/SLEEP_LOCK_SIG at interrupt level (WRONG_CONTEXT),
 * with a basic or rw lock held (SLEEP_WITH_LOCK) or above plbase
 * (BAD_LEVEL) is reported and then waits by polling instead of sleeping
 * (never sleeps in atomic context).  A task taking a lock it holds is
 * reported (LOCK_RECURSION) and counted instead of deadlocking; the next
 * SLEEP_UNLOCK undoes the recursion only.  SLEEP_UNLOCK of a free lock is
 * reported (LOCK_NOT_HELD) and does nothing.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

static bool ddi_sleep_valid(struct __svr5_sleep *sl, const char *call,
			    const char *file, int line)
{
	if (likely(sl && READ_ONCE(sl->magic) == DDI_SLEEP_MAGIC))
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: %s at %s", call,
		   sl ? "not a sleep lock from SLEEP_ALLOC" : "NULL lock",
		   DDI_SITE(file, line));
	return false;
}

/*
 * SLEEP_ALLOC_site - a new free sleep lock; @arg is reserved and must be
 * 0 (reported otherwise, and ignored); @lkinfop names it.  NULL only for
 * KM_NOSLEEP without memory.  Context: KM_SLEEP: base level, no basic/rw
 * lock held (otherwise reported and treated as KM_NOSLEEP); KM_NOSLEEP:
 * any.
 */
sleep_t *SLEEP_ALLOC_site(int arg, lkinfo_t *lkinfop, int flag,
			  const char *file, int line)
{
	struct __svr5_sleep *sl;

	if (arg != 0)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "SLEEP_ALLOC: bad argument: reserved argument %d is not 0 at %s",
			   arg, DDI_SITE(file, line));
	sl = ddi_ksynch_alloc(sizeof(*sl), flag, "SLEEP_ALLOC", file, line);
	if (!sl)
		return NULL;
	spin_lock_init(&sl->lock);
	init_waitqueue_head(&sl->wq);
	sl->name = ddi_lk_name(lkinfop);
	sl->file = file;
	sl->line = line;
	WRITE_ONCE(sl->magic, DDI_SLEEP_MAGIC);
	return sl;
}
EXPORT_SYMBOL(SLEEP_ALLOC_site);

sleep_t *SLEEP_ALLOC(int arg, lkinfo_t *lkinfop, int flag)
{
	return SLEEP_ALLOC_site(arg, lkinfop, flag, NULL, 0);
}
EXPORT_SYMBOL(SLEEP_ALLOC);

/*
 * SLEEP_DEALLOC_site - free a sleep lock; one that is held or waited for
 * is reported (LOCK_HELD_AT_FREE) and not freed.  Context: any.
 */
void SLEEP_DEALLOC_site(sleep_t *sl, const char *file, int line)
{
	unsigned long flags;
	bool busy;

	if (!ddi_sleep_valid(sl, "SLEEP_DEALLOC", file, line))
		return;
	spin_lock_irqsave(&sl->lock, flags);
	busy = sl->held || sl->waiters;
	spin_unlock_irqrestore(&sl->lock, flags);
	if (busy) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_HELD_AT_FREE,
			   "SLEEP_DEALLOC: dealloc of a held lock: lock \"%s\" %s (taken at %s) not freed at %s",
			   sl->name, sl->held ? "held" : "waited for",
			   DDI_SITE(sl->file, sl->line), DDI_SITE(file, line));
		return;
	}
	ddi_ksynch_free(sl, &sl->magic);
}
EXPORT_SYMBOL(SLEEP_DEALLOC_site);

void SLEEP_DEALLOC(sleep_t *sl)
{
	SLEEP_DEALLOC_site(sl, NULL, 0);
}
EXPORT_SYMBOL(SLEEP_DEALLOC);

/* Take @sl if free; the owner is the task in task context. */
static bool ddi_sleep_try(struct __svr5_sleep *sl, const char *file,
			  int line)
{
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&sl->lock, flags);
	if (!sl->held) {
		sl->held = true;
		WRITE_ONCE(sl->owner, in_task() ? current : NULL);
		sl->file = file;
		sl->line = line;
		got = true;
	}
	spin_unlock_irqrestore(&sl->lock, flags);
	return got;
}

static void ddi_sleep_waiters(struct __svr5_sleep *sl, int d)
{
	unsigned long flags;

	spin_lock_irqsave(&sl->lock, flags);
	sl->waiters += d;
	spin_unlock_irqrestore(&sl->lock, flags);
}

/*
 * The checks of a blocking request: true if the caller may sleep; false
 * (reported) if it must poll instead.  Also handles recursion: returns
 * true with *recursed set when the task already holds @sl.
 */
static bool ddi_sleep_may_block(struct __svr5_sleep *sl, const char *call,
				bool *recursed, const char *file, int line)
{
	char held[128];
	unsigned int n;
	int pl;

	*recursed = false;
	if (in_task() && READ_ONCE(sl->owner) == current) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_RECURSION,
			   "%s: recursive lock: lock \"%s\" already held by this context (taken at %s) at %s",
			   call, sl->name, DDI_SITE(sl->file, sl->line),
			   DDI_SITE(file, line));
		*recursed = true;
		return true;
	}
	if (!in_task()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "%s: wrong context: lock \"%s\" at interrupt level at %s",
			   call, sl->name, DDI_SITE(file, line));
		return false;
	}
	n = ddi_lk_spin_held();
	if (n) {
		preempt_disable();
		ddi_lk_held_desc(NULL, held, sizeof(held));
		preempt_enable();
		ddi_misuse(SVR5DDI_MISUSE_SLEEP_WITH_LOCK,
			   "%s: sleep with a spin lock held: lock \"%s\" with %u basic/rw lock(s) held%s at %s",
			   call, sl->name, n, held, DDI_SITE(file, line));
		return false;
	}
	pl = ddi_spl_current();
	if (pl != PLBASE) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
			   "%s: bad priority level: lock \"%s\" requested at level %d, not plbase at %s",
			   call, sl->name, pl, DDI_SITE(file, line));
		return false;
	}
	return true;
}

/*
 * ddi_sleep_lock - common body of SLEEP_LOCK and SLEEP_LOCK_SIG: true
 * with the lock held, false if a signal interrupted the wait (@sig).
 */
static bool ddi_sleep_lock(struct __svr5_sleep *sl, bool sig,
			   const char *call, const char *file, int line)
{
	bool recursed;
	int err = 0;

	if (!ddi_sleep_may_block(sl, call, &recursed, file, line)) {
		/* may not sleep here: wait without sleeping */
		while (!ddi_sleep_try(sl, file, line))
			udelay(10);
		return true;
	}
	if (recursed) {
		unsigned long flags;

		spin_lock_irqsave(&sl->lock, flags);
		sl->recurse++;
		spin_unlock_irqrestore(&sl->lock, flags);
		return true;
	}
	if (ddi_sleep_try(sl, file, line))
		return true;
	ddi_sleep_waiters(sl, 1);
	if (sig)
		err = wait_event_interruptible(sl->wq,
					       ddi_sleep_try(sl, file, line));
	else
		wait_event(sl->wq, ddi_sleep_try(sl, file, line));
	ddi_sleep_waiters(sl, -1);
	return err == 0;
}

/*
 * SLEEP_LOCK_site - take @sl, sleeping (not interruptible by signals)
 * while another context holds it.  @pri is a scheduling hint (ignored).
 * Context: base level (task), plbase, no basic or rw lock held; see the
 * top comment for what misuse does.
 */
void SLEEP_LOCK_site(sleep_t *sl, int pri, const char *file, int line)
{
	if (!ddi_sleep_valid(sl, "SLEEP_LOCK", file, line))
		return;
	ddi_sleep_lock(sl, false, "SLEEP_LOCK", file, line);
}
EXPORT_SYMBOL(SLEEP_LOCK_site);

void SLEEP_LOCK(sleep_t *sl, int pri)
{
	SLEEP_LOCK_site(sl, pri, NULL, 0);
}
EXPORT_SYMBOL(SLEEP_LOCK);

/*
 * SLEEP_LOCK_SIG_site - as SLEEP_LOCK, but a signal ends the wait:
 * B_TRUE with the lock held, B_FALSE (lock not held) if interrupted.
 * Context: as SLEEP_LOCK.
 */
boolean_t SLEEP_LOCK_SIG_site(sleep_t *sl, int pri, const char *file,
			      int line)
{
	if (!ddi_sleep_valid(sl, "SLEEP_LOCK_SIG", file, line))
		return B_FALSE;
	return ddi_sleep_lock(sl, true, "SLEEP_LOCK_SIG", file, line) ?
		B_TRUE : B_FALSE;
}
EXPORT_SYMBOL(SLEEP_LOCK_SIG_site);

boolean_t SLEEP_LOCK_SIG(sleep_t *sl, int pri)
{
	return SLEEP_LOCK_SIG_site(sl, pri, NULL, 0);
}
EXPORT_SYMBOL(SLEEP_LOCK_SIG);

/*
 * SLEEP_TRYLOCK_site - take @sl if it is free: B_TRUE if taken, B_FALSE
 * otherwise (also when the caller holds it).  Context: any; never sleeps.
 */
boolean_t SLEEP_TRYLOCK_site(sleep_t *sl, const char *file, int line)
{
	if (!ddi_sleep_valid(sl, "SLEEP_TRYLOCK", file, line))
		return B_FALSE;
	return ddi_sleep_try(sl, file, line) ? B_TRUE : B_FALSE;
}
EXPORT_SYMBOL(SLEEP_TRYLOCK_site);

boolean_t SLEEP_TRYLOCK(sleep_t *sl)
{
	return SLEEP_TRYLOCK_site(sl, NULL, 0);
}
EXPORT_SYMBOL(SLEEP_TRYLOCK);

/*
 * SLEEP_UNLOCK_site - release @sl and wake one waiter.  SVR5 allows this
 * from any context (interrupt level too) and by a context other than the
 * locker.  A free lock is reported (LOCK_NOT_HELD), nothing done.
 * Context: any; never sleeps.
 */
void SLEEP_UNLOCK_site(sleep_t *sl, const char *file, int line)
{
	unsigned long flags;
	bool wake = false, was_held, undo_recursion = false;

	if (!ddi_sleep_valid(sl, "SLEEP_UNLOCK", file, line))
		return;
	spin_lock_irqsave(&sl->lock, flags);
	was_held = sl->held;
	if (was_held && sl->recurse) {
		sl->recurse--;
		undo_recursion = true;
	} else if (was_held) {
		sl->held = false;
		WRITE_ONCE(sl->owner, NULL);
		wake = sl->waiters != 0;
	}
	spin_unlock_irqrestore(&sl->lock, flags);
	if (!was_held) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
			   "SLEEP_UNLOCK: lock not held: lock \"%s\" is not locked at %s",
			   sl->name, DDI_SITE(file, line));
		return;
	}
	if (!undo_recursion && wake)
		wake_up(&sl->wq);
}
EXPORT_SYMBOL(SLEEP_UNLOCK_site);

void SLEEP_UNLOCK(sleep_t *sl)
{
	SLEEP_UNLOCK_site(sl, NULL, 0);
}
EXPORT_SYMBOL(SLEEP_UNLOCK);

/*
 * SLEEP_LOCKAVAIL - B_TRUE if @sl is free at this instant (a hint: it may
 * be taken right after).  Context: any.
 */
boolean_t SLEEP_LOCKAVAIL(sleep_t *sl)
{
	if (!ddi_sleep_valid(sl, "SLEEP_LOCKAVAIL", NULL, 0))
		return B_FALSE;
	return READ_ONCE(sl->held) ? B_FALSE : B_TRUE;
}
EXPORT_SYMBOL(SLEEP_LOCKAVAIL);

/*
 * SLEEP_LOCKOWNED - B_TRUE if the calling task holds @sl (for ASSERTs).
 * Context: any (B_FALSE at interrupt level).
 */
boolean_t SLEEP_LOCKOWNED(sleep_t *sl)
{
	if (!ddi_sleep_valid(sl, "SLEEP_LOCKOWNED", NULL, 0))
		return B_FALSE;
	return in_task() && READ_ONCE(sl->held) &&
		READ_ONCE(sl->owner) == current ? B_TRUE : B_FALSE;
}
EXPORT_SYMBOL(SLEEP_LOCKOWNED);
