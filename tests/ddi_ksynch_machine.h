/* SPDX-License-Identifier: MIT */
/* ddi_ksynch_machine.h - see ddi_ksynch_machine.c. */
#ifndef TESTS_DDI_KSYNCH_MACHINE_H
#define TESTS_DDI_KSYNCH_MACHINE_H

int ksm_irqs_disabled(void);		/* irqs_disabled() of this task */
unsigned int ksm_preempt_count(void);
int ksm_in_hardirq(void);

#endif
