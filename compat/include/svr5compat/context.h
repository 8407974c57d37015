/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/context.h - execution contexts for tests and the harness.
 * Not part of the Linux API.
 *
 * compat_run_in_hardirq(fn, arg) runs fn(arg) on the simulated CPU's
 * interrupt thread with HARDIRQ_OFFSET in preempt_count and interrupts
 * masked, exactly as an interrupt handler runs, and waits for it to return.
 * Handlers are serialised, as on one CPU.  compat_run_in_softirq() is the
 * same with SOFTIRQ_OFFSET.  compat_raise_irq() queues a handler and returns
 * at once; compat_irq_sync() waits until every queued handler has run.
 *
 * Sleeping in atomic context is reported by might_sleep() with Linux's
 * message and counted; compat_set_sleep_fatal(true) (or SVR5DDI_STRICT=1 in
 * the environment) makes it abort the process instead.
 */
#ifndef _SVR5COMPAT_CONTEXT_H
#define _SVR5COMPAT_CONTEXT_H
#include <linux/types.h>

void compat_run_in_hardirq(void (*fn)(void *arg), void *arg);
void compat_run_in_softirq(void (*fn)(void *arg), void *arg);
void compat_raise_irq(void (*fn)(void *arg), void *arg);
void compat_irq_sync(void);

/*
 * Interrupt lines (owned by compat/interrupt.c, which implements
 * request_irq() and friends of <linux/interrupt.h>): compat_irq_assert()
 * delivers interrupt @irq: every handler registered on the line runs on
 * the interrupt thread in hardirq context, unless the line is disabled
 * (disable_irq), in which case the interrupt stays pending until
 * enable_irq().  Returns at once (asynchronous, like a device raising its
 * line); -ENOENT if no handler is registered (counted, reported once as a
 * spurious interrupt).  compat_irq_assert_sync() waits until the handlers
 * have run and returns IRQ_HANDLED/IRQ_NONE combined (0 if none ran).
 */
int compat_irq_assert(unsigned int irq);
int compat_irq_assert_sync(unsigned int irq);
unsigned long compat_irq_spurious(void);

unsigned long compat_sleep_violations(void);	/* might_sleep reports */
void compat_set_sleep_fatal(bool fatal);

#endif
