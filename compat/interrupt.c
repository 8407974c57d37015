/* SPDX-License-Identifier: MIT */
/*
 * interrupt.c - interrupt lines (<linux/interrupt.h>) and the device side
 * that raises them (compat_irq_assert*, <svr5compat/context.h>).
 *
 * Theory: each line is a descriptor with an action list (one per
 * request_irq), a disable depth, a pending bit and a count of handler
 * runs in progress, all under irq_desc_lock.  An assertion queues a
 * delivery on the simulated CPU's interrupt thread (irq.c's
 * compat_raise_irq / compat_run_in_hardirq), so handlers run in hardirq
 * context with interrupts masked, one at a time, as on one CPU.  The
 * delivery re-checks the line under the lock: disabled means pending
 * (re-delivered by enable_irq), no action means the interrupt is dropped.
 * It then counts itself as running, drops the lock and calls every
 * action's handler.  free_irq unlinks an action under the lock and then
 * waits (irq_wq) until no delivery is running before freeing it, so a
 * delivery walking the list never touches freed memory; request_irq only
 * appends, publishing the node with WRITE_ONCE after filling it.
 *
 * Reproduced from 6.1 (kernel/irq/manage.c): the flag rules and messages
 * of request_threaded_irq/__setup_irq for the non-threaded case, the
 * free_irq warning, the depth counting of disable/enable_irq and its
 * warning, shutdown of a line whose last action goes (depth back to 1),
 * the trigger type a line inherits from its first requester.  Not
 * emulated: threaded handlers, affinity, "nobody cared" accounting.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/export.h>
#include <svr5compat/context.h>
#include "internal.h"

struct irqaction {
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	unsigned long flags;
	struct irqaction *next;
};

struct irq_line {
	struct irqaction *action;
	unsigned int depth;		/* 0: enabled */
	unsigned int running;		/* deliveries calling handlers */
	unsigned int trigger;		/* IRQF_TRIGGER_* once set */
	bool trigger_set;
	bool pending;			/* arrived while disabled */
	bool spurious_reported;
};

static DEFINE_SPINLOCK(irq_desc_lock);
static DECLARE_WAIT_QUEUE_HEAD(irq_wq);
static struct irq_line lines[COMPAT_NR_IRQS];
static bool lines_ready;
static unsigned long spurious;

/* Lines start shut down (depth 1), as an unrequested descriptor does. */
static void lines_init(void)
{
	unsigned int i;

	if (lines_ready)
		return;
	for (i = 0; i < COMPAT_NR_IRQS; i++)
		lines[i].depth = 1;
	lines_ready = true;
}

static unsigned long desc_lock(void)
{
	unsigned long flags;

	spin_lock_irqsave(&irq_desc_lock, flags);
	lines_init();
	return flags;
}

static void desc_unlock(unsigned long flags)
{
	spin_unlock_irqrestore(&irq_desc_lock, flags);
}

/* Run the line's handlers; the combined IRQ_* result (0: none ran). */
static unsigned int handle_line(unsigned int irq)
{
	struct irq_line *l = &lines[irq];
	struct irqaction *act;
	unsigned int ret = 0;
	unsigned long flags;

	flags = desc_lock();
	act = l->action;
	if (!act) {
		desc_unlock(flags);
		return 0;
	}
	if (l->depth) {
		l->pending = true;
		desc_unlock(flags);
		return 0;
	}
	l->running++;
	desc_unlock(flags);

	for (; act; act = READ_ONCE(act->next))
		ret |= act->handler((int)irq, act->dev_id);

	flags = desc_lock();
	l->running--;
	desc_unlock(flags);
	wake_up_all(&irq_wq);
	return ret;
}

static void deliver_async(void *arg)
{
	handle_line((unsigned int)(unsigned long)arg);
}

struct deliver_sync_ctx {
	unsigned int irq;
	unsigned int ret;
};

static void deliver_sync(void *arg)
{
	struct deliver_sync_ctx *c = arg;

	c->ret = handle_line(c->irq);
}

/* No action on @irq: count it, say so once per line.  -ENOENT. */
static int no_handler(unsigned int irq)
{
	unsigned long flags;
	bool report;

	flags = desc_lock();
	spurious++;
	report = !lines[irq].spurious_reported;
	lines[irq].spurious_reported = true;
	desc_unlock(flags);
	if (report)
		pr_err("unexpected IRQ trap at vector %02x\n", irq);
	return -ENOENT;
}

static bool line_has_action(unsigned int irq)
{
	unsigned long flags;
	bool has;

	flags = desc_lock();
	has = lines[irq].action != NULL;
	desc_unlock(flags);
	return has;
}

/**
 * compat_irq_assert - a device raises line @irq: its handlers run on the
 * interrupt thread (or the interrupt stays pending while the line is
 * disabled).  Returns 0 at once; -ENOENT (counted, reported once per
 * line) when no handler is registered; -EINVAL for a line that does not
 * exist.  Context: any.
 */
int compat_irq_assert(unsigned int irq)
{
	if (irq >= COMPAT_NR_IRQS)
		return -EINVAL;
	if (!line_has_action(irq))
		return no_handler(irq);
	compat_raise_irq(deliver_async, (void *)(unsigned long)irq);
	return 0;
}
EXPORT_SYMBOL(compat_irq_assert);

/**
 * compat_irq_assert_sync - as compat_irq_assert, then wait for the
 * handlers: returns their IRQ_HANDLED/IRQ_NONE results ORed together (0
 * when none ran, e.g. the line is disabled and the interrupt is now
 * pending), or -ENOENT / -EINVAL as compat_irq_assert.
 * Context: a task that may block, or a handler (runs nested).
 */
int compat_irq_assert_sync(unsigned int irq)
{
	struct deliver_sync_ctx c = { .irq = irq };

	if (irq >= COMPAT_NR_IRQS)
		return -EINVAL;
	if (!line_has_action(irq))
		return no_handler(irq);
	compat_run_in_hardirq(deliver_sync, &c);
	return (int)c.ret;
}
EXPORT_SYMBOL(compat_irq_assert_sync);

/* compat_irq_spurious - interrupts asserted with no handler registered. */
unsigned long compat_irq_spurious(void)
{
	unsigned long flags, n;

	flags = desc_lock();
	n = spurious;
	desc_unlock(flags);
	return n;
}
EXPORT_SYMBOL(compat_irq_spurious);

/**
 * request_irq - add @handler for line @irq.  Returns 0; -ENOTCONN for
 * IRQ_NOTCONNECTED; -EINVAL for bad flags (IRQF_SHARED without @dev, or
 * with IRQF_NO_AUTOEN; IRQF_COND_SUSPEND without IRQF_SHARED or with
 * IRQF_NO_SUSPEND), a line that does not exist or a NULL handler;
 * -ENOMEM; -EBUSY when the line is taken and the flags do not allow
 * sharing ("Flags mismatch irq ..." unless IRQF_PROBE_SHARED).  The first
 * action starts the line enabled (disabled with IRQF_NO_AUTOEN).
 * Context: process; may sleep.
 */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev)
{
	struct irqaction *act, *old, **pp;
	struct irq_line *l;
	unsigned int oldtype;
	unsigned long lf;

	if (irq == IRQ_NOTCONNECTED)
		return -ENOTCONN;
	if (((flags & IRQF_SHARED) && !dev) ||
	    ((flags & IRQF_SHARED) && (flags & IRQF_NO_AUTOEN)) ||
	    (!(flags & IRQF_SHARED) && (flags & IRQF_COND_SUSPEND)) ||
	    ((flags & IRQF_NO_SUSPEND) && (flags & IRQF_COND_SUSPEND)))
		return -EINVAL;
	if (irq >= COMPAT_NR_IRQS || !handler)
		return -EINVAL;

	act = kzalloc(sizeof(*act), GFP_KERNEL);
	if (!act)
		return -ENOMEM;
	act->handler = handler;
	act->dev_id = dev;
	act->name = name;
	act->flags = flags;

	lf = desc_lock();
	l = &lines[irq];
	old = l->action;
	if (old) {
		if (l->trigger_set) {
			oldtype = l->trigger;
		} else {
			oldtype = flags & IRQF_TRIGGER_MASK;
			l->trigger = oldtype;
			l->trigger_set = true;
		}
		if (!((old->flags & flags) & IRQF_SHARED) ||
		    oldtype != (flags & IRQF_TRIGGER_MASK) ||
		    ((old->flags ^ flags) & IRQF_ONESHOT) ||
		    ((old->flags & IRQF_PERCPU) != (flags & IRQF_PERCPU))) {
			if (!(flags & IRQF_PROBE_SHARED))
				pr_err("Flags mismatch irq %d. %08x (%s) vs. %08x (%s)\n",
				       irq, (unsigned int)flags, name,
				       (unsigned int)old->flags, old->name);
			desc_unlock(lf);
			kfree(act);
			return -EBUSY;
		}
		for (pp = &l->action; *pp; pp = &(*pp)->next)
			;
		WRITE_ONCE(*pp, act);
	} else {
		if (flags & IRQF_TRIGGER_MASK) {
			l->trigger = flags & IRQF_TRIGGER_MASK;
			l->trigger_set = true;
		}
		l->pending = false;
		l->depth = (flags & IRQF_NO_AUTOEN) ? 1 : 0;
		WRITE_ONCE(l->action, act);
	}
	desc_unlock(lf);
	return 0;
}
EXPORT_SYMBOL(request_irq);

static bool line_idle(unsigned int irq)
{
	unsigned long flags;
	bool idle;

	flags = desc_lock();
	idle = !lines[irq].running;
	desc_unlock(flags);
	return idle;
}

/**
 * synchronize_irq - wait until no handler of line @irq is running.
 * Context: process (a handler waiting for its own line never returns,
 * as in Linux).
 */
void synchronize_irq(unsigned int irq)
{
	if (irq >= COMPAT_NR_IRQS)
		return;
	wait_event(irq_wq, line_idle(irq));
}
EXPORT_SYMBOL(synchronize_irq);

/**
 * free_irq - remove the action of line @irq whose dev_id is @dev_id,
 * wait for a running handler, and return the name it was requested with.
 * No such action: WARNs "Trying to free already-free IRQ %d" and returns
 * NULL.  The last action shuts the line down.  Context: process; WARNs
 * "Trying to free IRQ %d from IRQ context!" from an interrupt.
 */
const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irqaction *act, **pp;
	struct irq_line *l;
	unsigned long flags;
	const char *name;

	if (irq >= COMPAT_NR_IRQS)
		return NULL;
	WARN(in_interrupt(), "Trying to free IRQ %d from IRQ context!\n", irq);
	might_sleep();
	flags = desc_lock();
	l = &lines[irq];
	for (pp = &l->action; (act = *pp); pp = &act->next)
		if (act->dev_id == dev_id)
			break;
	if (!act) {
		desc_unlock(flags);
		WARN(1, "Trying to free already-free IRQ %d\n", irq);
		return NULL;
	}
	WRITE_ONCE(*pp, act->next);
	if (!l->action) {
		l->depth = 1;		/* irq_shutdown */
		l->pending = false;
	}
	desc_unlock(flags);
	synchronize_irq(irq);
	name = act->name;
	kfree(act);
	return name;
}
EXPORT_SYMBOL(free_irq);

/* disable_irq_nosync - one more disable level for line @irq; does not
 * wait.  Context: any. */
void disable_irq_nosync(unsigned int irq)
{
	unsigned long flags;

	if (irq >= COMPAT_NR_IRQS)
		return;
	flags = desc_lock();
	lines[irq].depth++;
	desc_unlock(flags);
}
EXPORT_SYMBOL(disable_irq_nosync);

/* disable_irq - disable line @irq (nesting) and wait for a running
 * handler.  Context: process (it waits, as 6.1's does). */
void disable_irq(unsigned int irq)
{
	if (irq >= COMPAT_NR_IRQS)
		return;
	disable_irq_nosync(irq);
	synchronize_irq(irq);
}
EXPORT_SYMBOL(disable_irq);

/**
 * enable_irq - undo one disable_irq of line @irq; at depth 0 an interrupt
 * that arrived meanwhile is delivered.  Below depth 0: WARNs "Unbalanced
 * enable for IRQ %d".  Context: any.
 */
void enable_irq(unsigned int irq)
{
	struct irq_line *l;
	bool resend = false;
	unsigned long flags;

	if (irq >= COMPAT_NR_IRQS)
		return;
	flags = desc_lock();
	l = &lines[irq];
	if (!l->depth) {
		desc_unlock(flags);
		WARN(1, "Unbalanced enable for IRQ %d\n", irq);
		return;
	}
	if (--l->depth == 0) {
		resend = l->pending && l->action;
		l->pending = false;
	}
	desc_unlock(flags);
	if (resend)
		compat_raise_irq(deliver_async, (void *)(unsigned long)irq);
}
EXPORT_SYMBOL(enable_irq);
