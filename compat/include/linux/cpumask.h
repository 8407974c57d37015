/* SPDX-License-Identifier: MIT */
/*
 * linux/cpumask.h - which CPUs exist (userspace emulation of 6.1).
 *
 * NR_CPUS CPUs are possible and all are online (<linux/percpu.h>: a host
 * thread becomes one of them when it first touches per-CPU data).  The
 * timer base and the workqueue pools are shared by all of them: work and
 * timers queued "on" a CPU run on the emulation's one timer or worker
 * thread.
 */
#ifndef _COMPAT_LINUX_CPUMASK_H
#define _COMPAT_LINUX_CPUMASK_H

#define NR_CPUS			64
#define nr_cpu_ids		((unsigned int)NR_CPUS)
#define num_online_cpus()	nr_cpu_ids
#define num_possible_cpus()	nr_cpu_ids
#define cpu_online(cpu)		((unsigned int)(cpu) < nr_cpu_ids)
#define cpu_possible(cpu)	((unsigned int)(cpu) < nr_cpu_ids)

#define for_each_possible_cpu(cpu)					\
	for ((cpu) = 0; (unsigned int)(cpu) < nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu)	for_each_possible_cpu(cpu)

#endif
