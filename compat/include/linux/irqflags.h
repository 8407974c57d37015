/* SPDX-License-Identifier: MIT */
/*
 * linux/irqflags.h - local interrupt masking, per emulated task.
 * Masking is a per-thread flag: it makes irqs_disabled() and the context
 * checks true; mutual exclusion with interrupt handlers (which run on their
 * own thread) comes from the spin locks themselves.
 */
#ifndef _COMPAT_LINUX_IRQFLAGS_H
#define _COMPAT_LINUX_IRQFLAGS_H

#include <linux/preempt.h>

#define irqs_disabled()		(__compat_ctx.irqs_off != 0)
#define local_irq_disable()	do { __compat_ctx.irqs_off = 1; barrier(); } while (0)
#define local_irq_enable()	do { barrier(); __compat_ctx.irqs_off = 0; } while (0)
#define local_irq_save(flags)	do { (flags) = __compat_ctx.irqs_off; \
				     local_irq_disable(); } while (0)
#define local_irq_restore(flags) do { barrier(); \
				     __compat_ctx.irqs_off = (flags); } while (0)
#define irqs_disabled_flags(flags) ((flags) != 0)
#define local_bh_disable()	preempt_count_add(SOFTIRQ_DISABLE_OFFSET)
#define local_bh_enable()	preempt_count_sub(SOFTIRQ_DISABLE_OFFSET)

#endif
