/* SPDX-License-Identifier: MIT */
/*
 * linux/preempt.h - the preemption counter and context tests (6.1 layout).
 *
 * Each emulated task (host thread) has its own preempt_count with Linux's
 * bit layout: PREEMPT 0-7, SOFTIRQ 8-15, HARDIRQ 16-19, NMI 20-23.  Spin
 * locks raise it as in a CONFIG_PREEMPT_COUNT kernel (Debian's 6.1 is one),
 * so in_atomic() and might_sleep() see what Linux would.
 */
#ifndef _COMPAT_LINUX_PREEMPT_H
#define _COMPAT_LINUX_PREEMPT_H

#include <linux/types.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4
#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)
#define __IRQ_MASK(x)	((1UL << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)
#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1UL << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

/* Per-task context state; defined in compat/sched.c. */
struct __compat_ctx {
	unsigned int preempt_count;
	unsigned int irqs_off;	/* local_irq_disable() depth flag: 0 or 1 */
};
extern __thread struct __compat_ctx __compat_ctx
	__attribute__((tls_model("initial-exec")));

static inline unsigned int preempt_count(void)
{
	return __compat_ctx.preempt_count;
}
#define preempt_count_add(v)	(__compat_ctx.preempt_count += (v))
#define preempt_count_sub(v)	(__compat_ctx.preempt_count -= (v))
#define preempt_disable()	do { preempt_count_add(1); barrier(); } while (0)
#define preempt_enable()	do { barrier(); preempt_count_sub(1); } while (0)
#define preempt_enable_no_resched() preempt_enable()

#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_MASK))
#define in_nmi()	(preempt_count() & NMI_MASK)
#define in_hardirq()	(hardirq_count())
#define in_irq()	(hardirq_count())
#define in_serving_softirq() (softirq_count() & SOFTIRQ_OFFSET)
#define in_softirq()	(softirq_count())
#define in_interrupt()	(irq_count())
#define in_task()	(!(in_nmi() | in_hardirq() | in_serving_softirq()))
#define in_atomic()	(preempt_count() != 0)
#define preemptible()	(preempt_count() == 0 && !irqs_disabled())

#include <linux/irqflags.h>

#endif
