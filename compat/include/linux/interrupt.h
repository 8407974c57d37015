/* SPDX-License-Identifier: MIT */
/*
 * linux/interrupt.h - interrupt lines: request_irq() and friends
 * (userspace emulation of Linux 6.1; compat/interrupt.c).
 *
 * The emulation has COMPAT_NR_IRQS lines, numbered from 0; a "device"
 * raises one with compat_irq_assert() (<svr5compat/context.h>) and every
 * handler on the line runs on the simulated CPU's interrupt thread in
 * hardirq context.  What 6.1 does and this reproduces: IRQF_SHARED lines
 * need a non-NULL dev_id from every user and the same trigger type and
 * IRQF_ONESHOT setting ("Flags mismatch irq N..." and -EBUSY otherwise,
 * silent with IRQF_PROBE_SHARED); free_irq() finds the action by dev_id
 * and WARNs "Trying to free already-free IRQ N" when there is none;
 * disable_irq() nests (a depth count) and waits for running handlers,
 * enable_irq() WARNs "Unbalanced enable for IRQ N" below depth 0; an
 * interrupt arriving on a disabled line stays pending and is delivered
 * when the line is enabled again; free_irq() of the last action shuts
 * the line down (disabled, pending dropped) after waiting for a running
 * handler.  request_irq() and free_irq() may sleep.
 */
#ifndef _COMPAT_LINUX_INTERRUPT_H
#define _COMPAT_LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>

enum irqreturn {
	IRQ_NONE		= (0 << 0),
	IRQ_HANDLED		= (1 << 0),
	IRQ_WAKE_THREAD		= (1 << 1),
};
typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

typedef irqreturn_t (*irq_handler_t)(int, void *);

#define IRQF_TRIGGER_NONE	0x00000000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002
#define IRQF_TRIGGER_HIGH	0x00000004
#define IRQF_TRIGGER_LOW	0x00000008
#define IRQF_TRIGGER_MASK	(IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | \
				 IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_TRIGGER_PROBE	0x00000010

#define IRQF_SHARED		0x00000080
#define IRQF_PROBE_SHARED	0x00000100
#define __IRQF_TIMER		0x00000200
#define IRQF_PERCPU		0x00000400
#define IRQF_NOBALANCING	0x00000800
#define IRQF_IRQPOLL		0x00001000
#define IRQF_ONESHOT		0x00002000
#define IRQF_NO_SUSPEND		0x00004000
#define IRQF_FORCE_RESUME	0x00008000
#define IRQF_NO_THREAD		0x00010000
#define IRQF_EARLY_RESUME	0x00020000
#define IRQF_COND_SUSPEND	0x00040000
#define IRQF_NO_AUTOEN		0x00080000
#define IRQF_NO_DEBUG		0x00100000
#define IRQF_TIMER		(__IRQF_TIMER | IRQF_NO_SUSPEND | IRQF_NO_THREAD)

#define IRQ_NOTCONNECTED	(1U << 31)

#define COMPAT_NR_IRQS		256	/* lines 0..255 exist */

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev);
const void *free_irq(unsigned int irq, void *dev_id);
void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);

#endif
