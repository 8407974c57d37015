// SPDX-License-Identifier: MIT
/*
 * ksynch_sv.c - SVR5 synchronization variables: SV_ALLOC(D3),
 * SV_DEALLOC(D3), SV_WAIT(D3), SV_WAIT_SIG(D3), SV_SIGNAL(D3),
 * SV_BROADCAST(D3).
 *
 * Theory: an sv_t has no memory (a signal with nobody waiting is lost,
 * as on SVR5) and a FIFO of waiters.  Each waiter is a node on its own
 * stack: SV_WAIT links it at the tail WHILE STILL HOLDING the basic lock
 * lkp, then releases lkp, drops to plbase and sleeps until its node is
 * marked woken.  SV_SIGNAL unlinks the oldest node and marks it;
 * SV_BROADCAST does so for all.  So a signal sent after the waiter
 * released lkp (the SVR5 guarantee) always finds it, and a signal wakes
 * exactly one waiter.  The sleep itself is wait_event() on the sv's wait
 * queue, testing the node's flag: the waker touches only the sv (which
 * outlives its waiters), never a node after marking it, so a waiter may
 * return and drop its stack frame at once.  All waiters of the sv share
 * the wait queue, so a signal wakes them all to re-test their flags:
 * correct, at the cost of extra wake-ups with many waiters.
 *
 * SV_WAIT_SIG sleeps interruptibly; when a signal ends the sleep, a node
 * still linked is unlinked (B_FALSE), a node already marked consumed its
 * wake-up (B_TRUE), so no SV_SIGNAL is ever lost to a signalled waiter.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/atomic.h>
#include <asm/processor.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

struct ddi_sv_waiter {
	struct list_head node;
	bool woken;
};

static bool ddi_sv_valid(struct __svr5_sv *sv, const char *call,
			 const char *file, int line)
{
	if (likely(sv && READ_ONCE(sv->magic) == DDI_SV_MAGIC))
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: %s at %s", call,
		   sv ? "not a synchronization variable from SV_ALLOC" :
		   "NULL sv_t", DDI_SITE(file, line));
	return false;
}

/*
 * SV_ALLOC_site - a new synchronization variable with no waiters.  NULL
 * only for KM_NOSLEEP without memory.  Context: KM_SLEEP: base level, no
 * basic/rw lock held (otherwise reported and treated as KM_NOSLEEP);
 * KM_NOSLEEP: any.
 */
sv_t *SV_ALLOC_site(int flag, const char *file, int line)
{
	struct __svr5_sv *sv;

	sv = ddi_ksynch_alloc(sizeof(*sv), flag, "SV_ALLOC", file, line);
	if (!sv)
		return NULL;
	spin_lock_init(&sv->lock);
	INIT_LIST_HEAD(&sv->waiters);
	init_waitqueue_head(&sv->wq);
	sv->file = file;
	sv->line = line;
	WRITE_ONCE(sv->magic, DDI_SV_MAGIC);
	return sv;
}
EXPORT_SYMBOL(SV_ALLOC_site);

sv_t *SV_ALLOC(int flag)
{
	return SV_ALLOC_site(flag, NULL, 0);
}
EXPORT_SYMBOL(SV_ALLOC);

/*
 * SV_DEALLOC_site - free a synchronization variable; one with waiters is
 * reported (LOCK_HELD_AT_FREE) and not freed.  Waiters that SV_SIGNAL or
 * SV_BROADCAST already woke need not have run yet: it waits (briefly,
 * without sleeping) until they are out of the sv.  Context: any.
 */
void SV_DEALLOC_site(sv_t *sv, const char *file, int line)
{
	unsigned long flags;
	bool busy;

	if (!ddi_sv_valid(sv, "SV_DEALLOC", file, line))
		return;
	spin_lock_irqsave(&sv->lock, flags);
	busy = !list_empty(&sv->waiters);
	spin_unlock_irqrestore(&sv->lock, flags);
	if (busy) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_HELD_AT_FREE,
			   "SV_DEALLOC: dealloc of a held lock: sv_t (allocated at %s) has waiters, not freed at %s",
			   DDI_SITE(sv->file, sv->line), DDI_SITE(file, line));
		return;
	}
	/* waiters already woken may still be leaving wait_event() */
	while (atomic_read(&sv->sleepers))
		cpu_relax();
	smp_mb();
	ddi_ksynch_free(sv, &sv->magic);
}
EXPORT_SYMBOL(SV_DEALLOC_site);

void SV_DEALLOC(sv_t *sv)
{
	SV_DEALLOC_site(sv, NULL, 0);
}
EXPORT_SYMBOL(SV_DEALLOC);

static bool ddi_sv_woken(struct ddi_sv_waiter *w)
{
	return READ_ONCE(w->woken);
}

/*
 * ddi_sv_wait - the body of SV_WAIT and SV_WAIT_SIG.  Returns B_TRUE when
 * woken by SV_SIGNAL/SV_BROADCAST (or at once after a reported misuse),
 * B_FALSE when a signal ended an interruptible wait.  Always returns with
 * @lk released (if the caller held it).
 */
static boolean_t ddi_sv_wait(struct __svr5_sv *sv, struct __svr5_lock *lk,
			     bool sig, const char *call, const char *file,
			     int line)
{
	struct ddi_sv_waiter w;
	unsigned long flags;
	unsigned int n;
	char held[128];
	int err = 0;

	if (!ddi_sv_valid(sv, call, file, line) ||
	    !ddi_lock_valid(lk, call, file, line))
		return B_TRUE;
	if (READ_ONCE(lk->owner) != current || lk->recurse) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
			   "%s: lock not held: lock \"%s\" passed as lkp %s at %s",
			   call, lk->name, lk->recurse ?
			   "is held recursively" : "is not held by the caller",
			   DDI_SITE(file, line));
		return B_TRUE;
	}
	if (!in_task()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "%s: wrong context: at interrupt level (lock \"%s\") at %s",
			   call, lk->name, DDI_SITE(file, line));
		ddi_lock_release(lk);
		ddi_spl_set_exact(lk->saved_pl);
		return B_TRUE;
	}
	n = ddi_lk_spin_held();
	if (n > 1) {
		preempt_disable();
		ddi_lk_held_desc(lk, held, sizeof(held));
		preempt_enable();
		ddi_misuse(SVR5DDI_MISUSE_SLEEP_WITH_LOCK,
			   "%s: sleep with a spin lock held: %u basic/rw lock(s) held besides lkp \"%s\"%s at %s",
			   call, n - 1, lk->name, held, DDI_SITE(file, line));
		/* release lkp, but never sleep or drop below the others */
		ddi_lock_release(lk);
		ddi_spl_set_exact(ddi_ksynch_floor(lk->saved_pl, call, NULL,
						   0));
		return B_TRUE;
	}

	w.woken = false;
	spin_lock_irqsave(&sv->lock, flags);
	list_add_tail(&w.node, &sv->waiters);
	atomic_inc(&sv->sleepers);
	spin_unlock_irqrestore(&sv->lock, flags);

	ddi_lock_release(lk);
	ddi_spl_set_exact(PLBASE);

	if (sig)
		err = wait_event_interruptible(sv->wq, ddi_sv_woken(&w));
	else
		wait_event(sv->wq, ddi_sv_woken(&w));
	if (err) {
		spin_lock_irqsave(&sv->lock, flags);
		if (!w.woken)
			list_del(&w.node);
		spin_unlock_irqrestore(&sv->lock, flags);
	}
	atomic_dec_return(&sv->sleepers);	/* last touch of the sv */
	return w.woken ? B_TRUE : B_FALSE;
}

/*
 * SV_WAIT_site - wait on @sv: atomically with respect to SV_SIGNAL and
 * SV_BROADCAST (which callers issue holding, or after taking, @lkp),
 * release the basic lock @lkp the caller holds, and sleep until woken.
 * Returns at plbase with no lock held.  @pri is a scheduling hint
 * (ignored).  Signals do not end the wait.  Context: base level (task);
 * no basic or rw lock held other than @lkp (reported: SLEEP_WITH_LOCK,
 * lkp released, no sleep); @lkp not held by the caller: reported
 * (LOCK_NOT_HELD), returns at once.
 */
void SV_WAIT_site(sv_t *sv, int pri, lock_t *lkp, const char *file,
		  int line)
{
	ddi_sv_wait(sv, lkp, false, "SV_WAIT", file, line);
}
EXPORT_SYMBOL(SV_WAIT_site);

void SV_WAIT(sv_t *sv, int pri, lock_t *lkp)
{
	SV_WAIT_site(sv, pri, lkp, NULL, 0);
}
EXPORT_SYMBOL(SV_WAIT);

/*
 * SV_WAIT_SIG_site - as SV_WAIT, but a signal ends the wait: B_TRUE when
 * woken by SV_SIGNAL/SV_BROADCAST, B_FALSE when a signal interrupted it;
 * either way at plbase with no lock held.  Context: as SV_WAIT.
 */
boolean_t SV_WAIT_SIG_site(sv_t *sv, int pri, lock_t *lkp, const char *file,
			   int line)
{
	return ddi_sv_wait(sv, lkp, true, "SV_WAIT_SIG", file, line);
}
EXPORT_SYMBOL(SV_WAIT_SIG_site);

boolean_t SV_WAIT_SIG(sv_t *sv, int pri, lock_t *lkp)
{
	return SV_WAIT_SIG_site(sv, pri, lkp, NULL, 0);
}
EXPORT_SYMBOL(SV_WAIT_SIG);

/* Wake the oldest waiter (@all: every waiter); false if there was none. */
static bool ddi_sv_wake(struct __svr5_sv *sv, bool all)
{
	struct ddi_sv_waiter *w;
	unsigned long flags;
	bool any = false;

	spin_lock_irqsave(&sv->lock, flags);
	while (!list_empty(&sv->waiters)) {
		w = list_first_entry(&sv->waiters, struct ddi_sv_waiter, node);
		list_del(&w->node);
		WRITE_ONCE(w->woken, true);	/* last touch of the node */
		any = true;
		if (!all)
			break;
	}
	spin_unlock_irqrestore(&sv->lock, flags);
	if (any)
		wake_up_all(&sv->wq);
	return any;
}

static void ddi_sv_flags(int flags, const char *call, const char *file,
			 int line)
{
	if (flags)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: flags %#x, must be 0 at %s",
			   call, (unsigned int)flags, DDI_SITE(file, line));
}

/*
 * SV_SIGNAL_site - wake the longest-waiting context blocked in SV_WAIT or
 * SV_WAIT_SIG on @sv; nothing if none waits (not remembered).  @flags is
 * reserved: 0 (reported otherwise, and ignored).  Context: any; never
 * sleeps; locks may be held.
 */
void SV_SIGNAL_site(sv_t *sv, int flags, const char *file, int line)
{
	if (!ddi_sv_valid(sv, "SV_SIGNAL", file, line))
		return;
	ddi_sv_flags(flags, "SV_SIGNAL", file, line);
	ddi_sv_wake(sv, false);
}
EXPORT_SYMBOL(SV_SIGNAL_site);

void SV_SIGNAL(sv_t *sv, int flags)
{
	SV_SIGNAL_site(sv, flags, NULL, 0);
}
EXPORT_SYMBOL(SV_SIGNAL);

/*
 * SV_BROADCAST_site - wake every context blocked on @sv.  @flags as for
 * SV_SIGNAL.  Context: any; never sleeps.
 */
void SV_BROADCAST_site(sv_t *sv, int flags, const char *file, int line)
{
	if (!ddi_sv_valid(sv, "SV_BROADCAST", file, line))
		return;
	ddi_sv_flags(flags, "SV_BROADCAST", file, line);
	ddi_sv_wake(sv, true);
}
EXPORT_SYMBOL(SV_BROADCAST_site);

void SV_BROADCAST(sv_t *sv, int flags)
{
	SV_BROADCAST_site(sv, flags, NULL, 0);
}
EXPORT_SYMBOL(SV_BROADCAST);
