/* SPDX-License-Identifier: MIT */
/*
 * linux/percpu.h - per-CPU variables (emulation of 6.1's accessors).
 *
 * In the emulation the unit of interrupt masking is the task (each host
 * thread has its own irqs_off and preempt_count, <linux/preempt.h>), and a
 * task never migrates while it has interrupts off.  The matching per-CPU
 * storage is therefore per task: a thread-local variable.  Code that reads
 * or writes a per-CPU variable only with interrupts or preemption disabled
 * (the rule Linux imposes for the __this_cpu forms) sees exactly what it
 * would on one CPU of a real kernel.  Only the static forms are provided.
 */
#ifndef _COMPAT_LINUX_PERCPU_H
#define _COMPAT_LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/preempt.h>

#define DEFINE_PER_CPU(type, name)					\
	__thread type name __attribute__((tls_model("initial-exec")))
#define DECLARE_PER_CPU(type, name)					\
	extern __thread type name __attribute__((tls_model("initial-exec")))

#define this_cpu_read(var)		(*(volatile typeof(var) *)&(var))
#define this_cpu_write(var, val)	((var) = (val))
#define __this_cpu_read(var)		(var)
#define __this_cpu_write(var, val)	((var) = (val))
#define this_cpu_ptr(ptr)		(ptr)
#define raw_cpu_ptr(ptr)		(ptr)

#endif
