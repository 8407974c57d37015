/* SPDX-License-Identifier: MIT */
/*
 * linux/cpumask.h - which CPUs exist (userspace emulation of 6.1).
 *
 * The emulation has one CPU, CPU 0, as its workqueues and timers do
 * (there is one timer base): only CPU 0 is possible and online.
 */
#ifndef _COMPAT_LINUX_CPUMASK_H
#define _COMPAT_LINUX_CPUMASK_H

#define nr_cpu_ids		1U
#define num_online_cpus()	1U
#define num_possible_cpus()	1U
#define cpu_online(cpu)		((unsigned int)(cpu) == 0)
#define cpu_possible(cpu)	((unsigned int)(cpu) == 0)

#endif
