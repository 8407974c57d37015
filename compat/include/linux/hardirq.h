/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_HARDIRQ_H
#define _COMPAT_LINUX_HARDIRQ_H
#include <linux/preempt.h>
/* Enter/leave hardirq context on the calling task (what irq entry does). */
#define __irq_enter()	do { preempt_count_add(HARDIRQ_OFFSET); } while (0)
#define __irq_exit()	do { preempt_count_sub(HARDIRQ_OFFSET); } while (0)
#endif
