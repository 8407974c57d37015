/* SPDX-License-Identifier: MIT */
/*
 * ddi_ksynch_machine.c - the Linux-side view the ksynch tests need (is the
 * calling task's interrupt mask on, its preempt count), through the
 * emulated Linux API only: no SVR5 header, no libc.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include "ddi_ksynch_machine.h"

int ksm_irqs_disabled(void)
{
	return irqs_disabled() ? 1 : 0;
}

unsigned int ksm_preempt_count(void)
{
	return preempt_count();
}

int ksm_in_hardirq(void)
{
	return in_hardirq() ? 1 : 0;
}
