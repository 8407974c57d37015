/* SPDX-License-Identifier: MIT */
/*
 * linux/smp.h - the calling CPU's number (emulation of 6.1).
 *
 * A host thread is one CPU for its whole life (<linux/percpu.h>), so
 * smp_processor_id() is valid in any context here; Linux requires
 * preemption to be disabled for it to stay true, and so should callers.
 */
#ifndef _COMPAT_LINUX_SMP_H
#define _COMPAT_LINUX_SMP_H

#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/cpumask.h>

extern __thread int __compat_my_cpu
	__attribute__((tls_model("initial-exec")));
extern __thread unsigned long __compat_my_cpu_offset
	__attribute__((tls_model("initial-exec")));
unsigned long __compat_cpu_attach(void);
unsigned long __compat_cpu_attach_arg(unsigned long unused);

static __always_inline int __compat_smp_processor_id(void)
{
	if (unlikely(!__compat_my_cpu_offset))
		__compat_call_nosave(__compat_cpu_attach_arg, 0);
	return __compat_my_cpu;
}

#define raw_smp_processor_id()	__compat_smp_processor_id()
#define smp_processor_id()	__compat_smp_processor_id()
#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

#endif
