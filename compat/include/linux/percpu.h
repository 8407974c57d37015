/* SPDX-License-Identifier: MIT */
/*
 * linux/percpu.h - per-CPU variables, static and dynamic (emulation of
 * 6.1's model and accessors).
 *
 * Model: the emulation has NR_CPUS possible CPUs, all online.  A host
 * thread becomes a CPU the first time it touches per-CPU data: it takes a
 * free CPU number and keeps it until it exits (then the number, with its
 * per-CPU data, goes to the next thread that needs one: a CPU outlives the
 * tasks that ran on it).  No two live threads share a CPU, so what Linux
 * guarantees for per-CPU data touched with preemption or interrupts
 * disabled holds here for every access.
 *
 * Layout, as in Linux: each CPU has a unit of memory; the unit starts with
 * a copy of the static per-CPU section (DEFINE_PER_CPU variables, made at
 * start-up from their initial values) and continues with the dynamic area
 * alloc_percpu() carves.  A per-CPU pointer is an address that, plus
 * __per_cpu_offset[cpu], is that CPU's copy; the variable itself (the
 * section) is only the template.  this_cpu_ptr() adds the calling
 * thread's offset, a thread-local word set when it became a CPU.
 *
 * Static per-CPU variables must be defined in the link unit that holds
 * compat/percpu.c (libsvr5ddi itself, or a program linked with the static
 * libsvr5compat): the section another shared object or program gets is
 * not known to the units, so its variables have no per-CPU copies.  Code
 * elsewhere uses alloc_percpu(), as Linux modules may.
 *
 * Differences from 6.1: the this_cpu_*() operations are plain memory
 * operations (a CPU's data is only ever touched by its one thread, and
 * simulated interrupts run on threads of their own); per-CPU memory is
 * host memory, outside the simulated physical memory; alloc_percpu() is
 * not subject to fault injection.
 */
#ifndef _COMPAT_LINUX_PERCPU_H
#define _COMPAT_LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp_types.h>
#include <linux/preempt.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

#define __PER_CPU_SECTION	"compat_percpu"

#define DEFINE_PER_CPU(type, name)					\
	__attribute__((section(__PER_CPU_SECTION))) __typeof__(type) name
#define DECLARE_PER_CPU(type, name)					\
	extern __attribute__((section(__PER_CPU_SECTION)))		\
	__typeof__(type) name

extern unsigned long __per_cpu_offset[NR_CPUS];
extern __thread unsigned long __compat_my_cpu_offset
	__attribute__((tls_model("initial-exec")));
extern __thread int __compat_my_cpu
	__attribute__((tls_model("initial-exec")));

/* The calling thread becomes a CPU; returns its offset.  Not Linux API. */
unsigned long __compat_cpu_attach(void);
unsigned long __compat_cpu_attach_arg(unsigned long unused);
/* __per_cpu_offset[cpu], initialising the units first.  Not Linux API. */
unsigned long __compat_cpu_offset(unsigned int cpu);

static __always_inline unsigned long __compat_this_cpu_off(void)
{
	unsigned long off = __compat_my_cpu_offset;

	if (unlikely(!off))
		off = __compat_call_nosave(__compat_cpu_attach_arg, 0);
	return off;
}

/* As Linux: hide the pointer's origin from the compiler (RELOC_HIDE), so
 * it assumes nothing about the object the shifted pointer lands in. */
#define SHIFT_PERCPU_PTR(ptr, off)					\
	({								\
		unsigned long __pcpu_p;					\
		__asm__("" : "=r"(__pcpu_p) : "0"(ptr));		\
		(__typeof__(ptr))(__pcpu_p + (off));			\
	})
#define this_cpu_ptr(ptr)	SHIFT_PERCPU_PTR(ptr, __compat_this_cpu_off())
#define raw_cpu_ptr(ptr)	this_cpu_ptr(ptr)
#define per_cpu_ptr(ptr, cpu)	SHIFT_PERCPU_PTR(ptr, __compat_cpu_offset(cpu))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))

#define __this_cpu_read(pcp)		(*this_cpu_ptr(&(pcp)))
#define __this_cpu_write(pcp, val)	(*this_cpu_ptr(&(pcp)) = (val))
#define __this_cpu_add(pcp, val)	(*this_cpu_ptr(&(pcp)) += (val))
#define __this_cpu_sub(pcp, val)	(*this_cpu_ptr(&(pcp)) -= (val))
#define __this_cpu_inc(pcp)		__this_cpu_add(pcp, 1)
#define __this_cpu_dec(pcp)		__this_cpu_sub(pcp, 1)
#define this_cpu_read(pcp)		READ_ONCE(*this_cpu_ptr(&(pcp)))
#define this_cpu_write(pcp, val)	WRITE_ONCE(*this_cpu_ptr(&(pcp)), (val))
#define this_cpu_add(pcp, val)		do { __this_cpu_add(pcp, val); } while (0)
#define this_cpu_sub(pcp, val)		do { __this_cpu_sub(pcp, val); } while (0)
#define this_cpu_inc(pcp)		this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)		this_cpu_sub(pcp, 1)
/* The new value; atomic against this CPU (a thread is a CPU here). */
#define this_cpu_add_return(pcp, val)	(__this_cpu_add(pcp, val))
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)
#define this_cpu_dec_return(pcp)	this_cpu_add_return(pcp, -1)
#define raw_cpu_read(pcp)		__this_cpu_read(pcp)
#define raw_cpu_write(pcp, val)		__this_cpu_write(pcp, val)
#define raw_cpu_add(pcp, val)		__this_cpu_add(pcp, val)

/* Dynamic per-CPU memory (mm/percpu.c): zeroed on every CPU. */
void __percpu *__alloc_percpu(size_t size, size_t align);
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void free_percpu(void __percpu *ptr);

#define alloc_percpu(type)						\
	((__typeof__(type) __percpu *)__alloc_percpu(sizeof(type),	\
						     __alignof__(type)))
#define alloc_percpu_gfp(type, gfp)					\
	((__typeof__(type) __percpu *)__alloc_percpu_gfp(sizeof(type),	\
						__alignof__(type), (gfp)))

#endif
