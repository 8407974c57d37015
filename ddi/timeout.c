// SPDX-License-Identifier: MIT
/*
 * timeout.c - itimeout(D3), dtimeout(D3), timeout(D3), untimeout(D3) over
 * Linux timers (struct timer_list).
 *
 * Theory
 * ------
 * Each scheduled call is a struct ddi_to holding a timer_list, found from
 * its id through a small hash.  Ids come from a 31-bit counter that skips
 * 0 and ids still in use, so an id is not reused before 2^31 more calls
 * have been scheduled: untimeout() of a stale id finds nothing and does
 * nothing.
 *
 * ddi_to_lock (irq-safe spin lock) guards the hash, the id counter and
 * every record's refs, hashed, cancelled and runner fields.  Lock order:
 * ddi_to_lock, then the timer base (mod_timer under it); never the other
 * way (the timer callback takes ddi_to_lock with no timer lock held).
 *
 * A record is freed when its last reference goes.  References: one while
 * it is in the hash, one held by the callback wrapper while it runs, one
 * per untimeout() in progress.  So the wrapper never sees freed memory,
 * and untimeout() can poll try_to_del_timer_sync() on a record that the
 * callback has meanwhile finished with.
 *
 * Life of a record: armed (hashed, timer pending) -> running (runner set;
 * the driver function runs with this CPU raised to the record's level by
 * ddi_spl_raise) -> for a one-shot call, unhashed and released; for a
 * TO_PERIODIC one, re-armed at the previous due time plus the period (no
 * drift).  untimeout() marks it cancelled and unhashes it under the lock
 * (so it is never re-armed, and a wrapper that starts later returns at
 * once), then loops on try_to_del_timer_sync() until the timer is neither
 * queued nor running: it waits for a callback running on another CPU, as
 * SVR5 requires.  Called from the record's own callback it cannot wait
 * for itself: SVR5 forbids that, so it is reported and returns at once
 * (the call is still cancelled: a periodic one is not re-armed).
 *
 * Ticks: SVR5 guarantees "at least ticks - 1" ticks for itimeout, so the
 * timer expires at jiffies + ticks - 1, which the Linux wheel fires at
 * the tick boundary jiffies + ticks; timeout(D3) promises "at least
 * ticks", so it expires at jiffies + ticks.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include <asm/processor.h>
#include "ddi_internal.h"
#include <sys/ddi.h>
#include "time_internal.h"

#define DDI_TO_HASH	256		/* buckets (a power of two) */
#define DDI_TO_MAXID	((toid_t)(~0U >> 1))

struct ddi_to {
	struct timer_list timer;
	struct list_head node;		/* hash chain, while hashed */
	toid_t id;
	int refs;			/* ddi_to_lock */
	bool hashed;			/* ddi_to_lock */
	bool cancelled;			/* ddi_to_lock */
	struct task_struct *runner;	/* ddi_to_lock: task running fn */
	int pl;				/* level fn runs at */
	void (*fn)(void *);		/* itimeout, dtimeout */
	void (*cfn)(caddr_t);		/* timeout */
	void *arg;
	unsigned long period;		/* TO_PERIODIC ticks; 0: once */
	unsigned long due;		/* expiry of the current period */
	const char *file;		/* the driver's call site */
	int line;
};

static DEFINE_SPINLOCK(ddi_to_lock);
static struct list_head ddi_to_hash[DDI_TO_HASH];	/* lazily set up */
static toid_t ddi_to_next = 1;

static struct list_head *ddi_to_bucket(toid_t id)
{
	struct list_head *b = &ddi_to_hash[(unsigned int)id % DDI_TO_HASH];

	if (!b->next)
		INIT_LIST_HEAD(b);
	return b;
}

/* The record of @id, or NULL.  Caller holds ddi_to_lock. */
static struct ddi_to *ddi_to_find(toid_t id)
{
	struct list_head *b = ddi_to_bucket(id);
	struct ddi_to *to;

	list_for_each_entry(to, b, node)
		if (to->id == id)
			return to;
	return NULL;
}

/* A fresh id: never 0, never one in use.  Caller holds ddi_to_lock. */
static toid_t ddi_to_newid(void)
{
	for (;;) {
		toid_t id = ddi_to_next;

		ddi_to_next = id == DDI_TO_MAXID ? 1 : id + 1;
		if (!ddi_to_find(id))
			return id;
	}
}

/* Take @to out of the hash, dropping the hash's reference (lock held). */
static void ddi_to_unhash(struct ddi_to *to)
{
	if (!to->hashed)
		return;
	list_del(&to->node);
	to->hashed = false;
	to->refs--;
}

/* Drop a reference taken under the lock; free on the last. */
static void ddi_to_put(struct ddi_to *to)
{
	unsigned long flags;
	bool last;

	spin_lock_irqsave(&ddi_to_lock, flags);
	last = --to->refs == 0;
	spin_unlock_irqrestore(&ddi_to_lock, flags);
	if (last)
		kfree(to);
}

/*
 * The timer callback (softirq context): run the driver's function at its
 * level, then re-arm a periodic call or release a finished one.
 */
static void ddi_to_fire(struct timer_list *t)
{
	struct ddi_to *to = from_timer(to, t, timer);
	unsigned long flags;
	int old;

	spin_lock_irqsave(&ddi_to_lock, flags);
	if (to->cancelled) {
		/* untimeout() holds a reference and waits for us */
		spin_unlock_irqrestore(&ddi_to_lock, flags);
		return;
	}
	to->refs++;
	to->runner = current;
	spin_unlock_irqrestore(&ddi_to_lock, flags);

	old = ddi_spl_raise(to->pl);
	if (to->cfn)
		to->cfn((caddr_t)to->arg);
	else
		to->fn(to->arg);
	ddi_spl_restore(old);

	spin_lock_irqsave(&ddi_to_lock, flags);
	to->runner = NULL;
	if (to->period && !to->cancelled) {
		to->due += to->period;
		mod_timer(&to->timer, to->due);
	} else {
		to->cancelled = true;	/* done: untimeout() finds nothing */
		ddi_to_unhash(to);
	}
	spin_unlock_irqrestore(&ddi_to_lock, flags);
	ddi_to_put(to);
}

/* A level for a callback: pltimeout..plhi, else reported and clamped. */
static int ddi_to_level(pl_t pl, const char *call, const char *file,
			int line)
{
	if (pl >= PLTIMEOUT && pl <= PLHI)
		return pl;
	ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
		   "%s: bad priority level: pl %d (valid %d..%d): using %d at %s",
		   call, pl, PLTIMEOUT, PLHI, pl < PLTIMEOUT ? PLTIMEOUT : PLHI,
		   DDI_SITE(file, line));
	return pl < PLTIMEOUT ? PLTIMEOUT : PLHI;
}

/*
 * Schedule @fn/@cfn(@arg) at level @pl, @delay jiffies from now (0: at
 * the next tick), every @period jiffies if nonzero, on CPU @cpu (-1:
 * any).  Returns the id, or 0 if memory is short.
 */
static toid_t ddi_to_start(void (*fn)(void *), void (*cfn)(caddr_t),
			   void *arg, unsigned long delay,
			   unsigned long period, int pl, int cpu,
			   const char *file, int line)
{
	struct ddi_to *to;
	unsigned long flags;
	toid_t id;

	to = kzalloc(sizeof(*to), GFP_ATOMIC | __GFP_NOWARN);
	if (!to)
		return 0;
	timer_setup(&to->timer, ddi_to_fire, 0);
	to->fn = fn;
	to->cfn = cfn;
	to->arg = arg;
	to->pl = pl;
	to->period = period;
	to->file = file;
	to->line = line;

	spin_lock_irqsave(&ddi_to_lock, flags);
	id = ddi_to_newid();
	to->id = id;
	to->refs = 1;
	to->hashed = true;
	list_add(&to->node, ddi_to_bucket(id));
	to->due = jiffies + delay;
	if (cpu >= 0) {
		to->timer.expires = to->due;
		add_timer_on(&to->timer, cpu);
	} else {
		mod_timer(&to->timer, to->due);
	}
	spin_unlock_irqrestore(&ddi_to_lock, flags);
	return id;
}

/*
 * The itimeout/dtimeout ticks argument: TO_PERIODIC or a count; 0 and 1
 * both mean "within a tick"; a negative count is reported and taken as 1.
 * Sets *delay (jiffies to add: ticks - 1) and *period.
 */
static void ddi_to_ticks(long ticks, const char *call, const char *file,
			 int line, unsigned long *delay, unsigned long *period)
{
	unsigned long n;

	*period = 0;
	if (ticks < 0) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: ticks %ld (negative): using 1 at %s",
			   call, ticks, DDI_SITE(file, line));
		*delay = 0;
		return;
	}
	n = (unsigned long)ticks;
	if (n & TO_PERIODIC) {
		n &= ~(unsigned long)TO_PERIODIC;
		if (!n)
			n = 1;
		*period = n;
	}
	*delay = n ? n - 1 : 0;
}

/*
 * itimeout_site - call fn(arg) once after @ticks clock ticks (at least
 * ticks - 1; 0 acts as 1), or every @ticks with TO_PERIODIC, at priority
 * level @pl (pltimeout..plhi), in interrupt (Linux: softirq) context.
 * Returns a nonzero id for untimeout(), or 0 if it could not be scheduled
 * (memory short, or @fn NULL).  Context: any; never sleeps; any lock may
 * be held.  Reports: BAD_ARGUMENT (negative ticks, NULL fn), BAD_LEVEL.
 */
toid_t itimeout_site(void (*fn)(void *), void *arg, long ticks, pl_t pl,
		     const char *file, int line)
{
	unsigned long delay, period;
	int level;

	ddi_os_ready();
	if (!fn) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "itimeout: bad argument: NULL function at %s",
			   DDI_SITE(file, line));
		return 0;
	}
	ddi_to_ticks(ticks, "itimeout", file, line, &delay, &period);
	level = ddi_to_level(pl, "itimeout", file, line);
	return ddi_to_start(fn, NULL, arg, delay, period, level, -1, file,
			    line);
}
EXPORT_SYMBOL(itimeout_site);

toid_t itimeout(void (*fn)(void *), void *arg, long ticks, pl_t pl)
{
	return itimeout_site(fn, arg, ticks, pl, NULL, 0);
}
EXPORT_SYMBOL(itimeout);

/*
 * dtimeout_site - itimeout() on processor @processor (Linux:
 * add_timer_on()).  A processor that is not online is reported
 * (BAD_ARGUMENT) and the call scheduled on any.  Context: as itimeout.
 */
toid_t dtimeout_site(void (*fn)(void *), void *arg, long ticks, pl_t pl,
		     processorid_t processor, const char *file, int line)
{
	unsigned long delay, period;
	int level, cpu = processor;

	ddi_os_ready();
	if (!fn) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "dtimeout: bad argument: NULL function at %s",
			   DDI_SITE(file, line));
		return 0;
	}
	ddi_to_ticks(ticks, "dtimeout", file, line, &delay, &period);
	level = ddi_to_level(pl, "dtimeout", file, line);
	if (processor < 0 || (unsigned int)processor >= nr_cpu_ids ||
	    !cpu_online(processor)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "dtimeout: bad argument: processor %d not online: any processor at %s",
			   processor, DDI_SITE(file, line));
		cpu = -1;
	}
	return ddi_to_start(fn, NULL, arg, delay, period, level, cpu, file,
			    line);
}
EXPORT_SYMBOL(dtimeout_site);

toid_t dtimeout(void (*fn)(void *), void *arg, long ticks, pl_t pl,
		processorid_t processor)
{
	return dtimeout_site(fn, arg, ticks, pl, processor, NULL, 0);
}
EXPORT_SYMBOL(dtimeout);

/*
 * timeout_site - the old single-threaded call: fn(arg) once after at
 * least @ticks ticks (0: at the next tick), at plhi.  Returns the id, or
 * 0.  Context: any; never sleeps.  Reports: BAD_ARGUMENT (negative ticks,
 * taken as 0; NULL fn).
 */
int timeout_site(void (*fn)(caddr_t), caddr_t arg, long ticks,
		 const char *file, int line)
{
	ddi_os_ready();
	if (!fn) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "timeout: bad argument: NULL function at %s",
			   DDI_SITE(file, line));
		return 0;
	}
	if (ticks < 0) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "timeout: bad argument: ticks %ld (negative): using 0 at %s",
			   ticks, DDI_SITE(file, line));
		ticks = 0;
	}
	return ddi_to_start(NULL, fn, arg, (unsigned long)ticks, 0, PLHI, -1,
			    file, line);
}
EXPORT_SYMBOL(timeout_site);

int timeout(void (*fn)(caddr_t), caddr_t arg, long ticks)
{
	return timeout_site(fn, arg, ticks, NULL, 0);
}
EXPORT_SYMBOL(timeout);

/*
 * untimeout_site - cancel the call @id names.  If its function is running
 * on another processor, wait until it returns; afterwards it neither runs
 * nor is scheduled.  An id that finished, was cancelled, or never existed
 * (0 included) is ignored.  Context: any, at a level no higher than the
 * call's (SVR5's rule: reported BAD_LEVEL, still done); no lock its
 * function takes may be held.  From the call's own function: reported
 * (WRONG_CONTEXT), cancelled without waiting.
 */
void untimeout_site(toid_t id, const char *file, int line)
{
	struct ddi_to *to;
	unsigned long flags;
	bool self;
	int cur;

	ddi_os_ready();
	if (id <= 0)
		return;
	spin_lock_irqsave(&ddi_to_lock, flags);
	to = ddi_to_find(id);
	if (!to) {
		spin_unlock_irqrestore(&ddi_to_lock, flags);
		return;
	}
	to->refs++;
	to->cancelled = true;
	ddi_to_unhash(to);
	self = to->runner == current;
	spin_unlock_irqrestore(&ddi_to_lock, flags);

	cur = ddi_spl_current();
	if (self) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "untimeout: wrong context: id %d cancelled from its own callback at %s",
			   id, DDI_SITE(file, line));
	} else {
		if (cur > to->pl)
			ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
				   "untimeout: bad priority level: called at pl %d above the timeout's pl %d (id %d) at %s",
				   cur, to->pl, id, DDI_SITE(file, line));
		/* dequeue, or wait for the callback running elsewhere */
		while (try_to_del_timer_sync(&to->timer) < 0)
			cpu_relax();
	}
	ddi_to_put(to);
}
EXPORT_SYMBOL(untimeout_site);

void untimeout(toid_t id)
{
	untimeout_site(id, NULL, 0);
}
EXPORT_SYMBOL(untimeout);

/*
 * ddi_timeout_exit - at module unload, cancel every timeout still pending:
 * its function lies in a driver that is going away.  Each one is reported
 * as a leak of the driver that set it, with the site of its itimeout,
 * dtimeout or timeout call.  Context: process.
 */
void ddi_timeout_exit(void)
{
	for (;;) {
		const char *file = NULL;
		unsigned long flags;
		toid_t id = 0;
		int i, line = 0;

		spin_lock_irqsave(&ddi_to_lock, flags);
		for (i = 0; i < DDI_TO_HASH && !id; i++) {
			struct list_head *b = &ddi_to_hash[i];
			struct ddi_to *to;

			if (!b->next || list_empty(b))
				continue;
			to = list_first_entry(b, struct ddi_to, node);
			id = to->id;
			file = to->file;
			line = to->line;
		}
		spin_unlock_irqrestore(&ddi_to_lock, flags);
		if (!id)
			return;
		ddi_misuse(SVR5DDI_MISUSE_LEAK,
			   "untimeout: leak: timeout id %d set at %s still pending at unload; cancelled",
			   id, DDI_SITE(file, line));
		untimeout_site(id, NULL, 0);
	}
}
