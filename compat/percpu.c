/* SPDX-License-Identifier: MIT */
/*
 * percpu.c - per-CPU memory: the units, CPU numbers for threads, and the
 * dynamic allocator behind alloc_percpu() (emulation of 6.1's
 * mm/percpu.c, <linux/percpu.h> for the model).
 *
 * Theory
 * ------
 * One host mapping holds NR_CPUS units of PCPU_UNIT bytes; CPU c's unit
 * is at units + c * PCPU_UNIT, and __per_cpu_offset[c] is that address
 * minus the start of the static section (the "compat_percpu" ELF section
 * every DEFINE_PER_CPU variable of this link unit lives in), so a
 * variable's address plus the offset is CPU c's copy.  Each unit starts
 * with a copy of the section (initial values), then the dynamic area.
 *
 * A thread gets a CPU number on its first per-CPU access
 * (__compat_cpu_attach: lowest free number, under pcpu_lock) and gives it
 * back when it exits; the data stays with the number.  More than NR_CPUS
 * live threads touching per-CPU data is a fatal set-up error.
 *
 * The dynamic area is the same range of every unit; alloc_percpu() takes
 * a run of PCPU_GRAIN-byte grains from a first-fit map (pcpu_len[g]: the
 * length in grains of the allocation starting at grain g, 0 otherwise;
 * pcpu_used: a flag per grain) under pcpu_lock and zeroes it on every CPU.
 * Allocations are rare (set-up paths), so the linear search is fine.
 *
 * Invariants: a grain's used flag is set iff it lies in an allocation; an
 * allocation starts where pcpu_len is non-zero; no unit is ever unmapped.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include <linux/string.h>
#include <linux/log2.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/export.h>
#include <linux/rcupdate.h>
#include "internal.h"

#define PCPU_UNIT		(1UL << 20)	/* bytes per CPU */
#define PCPU_GRAIN		16
#define PCPU_MIN_UNIT_SIZE	(32UL << 10)	/* 6.1's largest request */
#define PCPU_MIN_ALLOC_SIZE	4		/* 6.1's smallest unit */

extern char __start_compat_percpu[], __stop_compat_percpu[];

/* The section is never empty: this is x86's cpu_number, kept per CPU. */
static DEFINE_PER_CPU(int, cpu_number);

unsigned long __per_cpu_offset[NR_CPUS];
EXPORT_SYMBOL(__per_cpu_offset);
__thread unsigned long __compat_my_cpu_offset
	__attribute__((tls_model("initial-exec")));
EXPORT_SYMBOL(__compat_my_cpu_offset);
__thread int __compat_my_cpu __attribute__((tls_model("initial-exec")));
EXPORT_SYMBOL(__compat_my_cpu);

static struct host_once pcpu_once = HOST_ONCE_INIT;
static struct host_mutex pcpu_lock;
static char *pcpu_units;
static size_t pcpu_static;		/* bytes of static copy per unit */
static unsigned long pcpu_grains;	/* dynamic grains per unit */
static u32 *pcpu_len;
static u8 *pcpu_used;
static bool pcpu_cpus[NR_CPUS];	/* CPU numbers taken by live threads */

static void pcpu_init(void)
{
	size_t tsize = __stop_compat_percpu - __start_compat_percpu;
	unsigned int cpu;

	host_mutex_init(&pcpu_lock);
	pcpu_static = ALIGN(tsize, PAGE_SIZE);	/* copies meet any align */
	if (pcpu_static >= PCPU_UNIT / 2)
		compat_fatal("percpu: static per-CPU section of %zu bytes is too big\n",
			     tsize);
	pcpu_units = host_map_anon(NR_CPUS * PCPU_UNIT);
	pcpu_grains = (PCPU_UNIT - pcpu_static) / PCPU_GRAIN;
	pcpu_len = host_calloc(pcpu_grains, sizeof(*pcpu_len));
	pcpu_used = host_calloc(pcpu_grains, 1);
	if (!pcpu_units || !pcpu_len || !pcpu_used)
		compat_fatal("percpu: cannot map %u units of %lu bytes\n",
			     NR_CPUS, PCPU_UNIT);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		char *unit = pcpu_units + cpu * PCPU_UNIT;

		memcpy(unit, __start_compat_percpu, tsize);
		__per_cpu_offset[cpu] = (unsigned long)unit -
					(unsigned long)__start_compat_percpu;
		*SHIFT_PERCPU_PTR(&cpu_number, __per_cpu_offset[cpu]) = cpu;
	}
}

static void pcpu_ready(void)
{
	host_once(&pcpu_once, pcpu_init);
}

unsigned long __compat_cpu_offset(unsigned int cpu)
{
	pcpu_ready();
	BUG_ON(cpu >= NR_CPUS);
	return __per_cpu_offset[cpu];
}
EXPORT_SYMBOL(__compat_cpu_offset);

static void pcpu_cpu_detach(void *arg)
{
	unsigned int cpu = (unsigned int)(unsigned long)arg;

	__compat_rcu_detach();
	host_mutex_lock(&pcpu_lock);
	pcpu_cpus[cpu] = false;
	host_mutex_unlock(&pcpu_lock);
}

/* __compat_cpu_attach for __compat_call_nosave (<linux/percpu.h>). */
unsigned long __compat_cpu_attach_arg(unsigned long unused)
{
	return __compat_cpu_attach();
}

#if defined(__x86_64__)
/*
 * __compat_nosave_thunk(fn: rdi, arg: rsi) - rax = fn(arg), every other
 * register as it was: the general ones pushed, SSE and x87 state by
 * fxsave (the build uses no AVX state), the stack aligned for the C
 * call.  Called only from __compat_call_nosave() (<linux/compiler.h>).
 */
__asm__(".text\n"
	".globl __compat_nosave_thunk\n"
	".type __compat_nosave_thunk, @function\n"
	"__compat_nosave_thunk:\n\t"
	".cfi_startproc\n\t"
	"push %rbp\n\t"
	".cfi_def_cfa_offset 16\n\t"
	".cfi_offset %rbp, -16\n\t"
	"mov %rsp, %rbp\n\t"
	".cfi_def_cfa_register %rbp\n\t"
	"push %rcx\n\tpush %rdx\n\tpush %rsi\n\tpush %rdi\n\t"
	"push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"
	"sub $512, %rsp\n\t"
	"and $-64, %rsp\n\t"
	"fxsave64 (%rsp)\n\t"
	"mov %rdi, %rax\n\t"
	"mov %rsi, %rdi\n\t"
	"call *%rax\n\t"
	"fxrstor64 (%rsp)\n\t"
	"lea -64(%rbp), %rsp\n\t"
	"pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"
	"pop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n\t"
	"pop %rbp\n\t"
	".cfi_def_cfa %rsp, 8\n\t"
	"ret\n\t"
	".cfi_endproc\n"
	".size __compat_nosave_thunk, .-__compat_nosave_thunk\n");
#endif

/*
 * __compat_cpu_attach - make the calling thread a CPU: the lowest free CPU
 * number, its offset in the thread's __compat_my_cpu_offset.  Not Linux
 * API (Linux CPUs exist before tasks).  Returns the offset.
 */
unsigned long __compat_cpu_attach(void)
{
	unsigned int cpu;

	if (__compat_my_cpu_offset)
		return __compat_my_cpu_offset;
	pcpu_ready();
	host_mutex_lock(&pcpu_lock);
	for (cpu = 0; cpu < NR_CPUS && pcpu_cpus[cpu]; cpu++)
		;
	if (cpu >= NR_CPUS) {
		host_mutex_unlock(&pcpu_lock);
		compat_fatal("percpu: more than %u live threads use per-CPU data\n",
			     NR_CPUS);
	}
	pcpu_cpus[cpu] = true;
	host_mutex_unlock(&pcpu_lock);
	__compat_my_cpu = (int)cpu;
	__compat_my_cpu_offset = __per_cpu_offset[cpu];
	host_on_thread_exit(pcpu_cpu_detach, (void *)(unsigned long)cpu);
	/* A CPU from now on for synchronize_rcu() too (compat/rcupdate.c). */
	__compat_rcu_attach();
	return __compat_my_cpu_offset;
}
EXPORT_SYMBOL(__compat_cpu_attach);

/* First fit of @n grains aligned to @ag grains; pcpu_grains if none. */
static unsigned long pcpu_find(unsigned long n, unsigned long ag)
{
	unsigned long g = 0, i;

	for (;;) {
		g = ALIGN(g, ag);
		if (g + n > pcpu_grains)
			return pcpu_grains;
		for (i = g; i < g + n && !pcpu_used[i]; i++)
			;
		if (i == g + n)
			return g;
		g = i + 1;
	}
}

/*
 * __alloc_percpu_gfp - @size bytes aligned to @align on every CPU,
 * zeroed.  Returns a per-CPU pointer (use per_cpu_ptr/this_cpu_ptr), or
 * NULL.  As 6.1: align is at least 4 and size rounded up to 4; size 0,
 * size over 32 KiB or align over PAGE_SIZE (or not a power of two) WARNs
 * "illegal size (N) or align (A) for percpu allocation"; a full area
 * (6.1 would add a chunk; the emulation has one) fails, and a request
 * that may block warns "percpu: allocation failed, ..., failed to
 * allocate new chunk", ten times at most ("limit reached, disable
 * warning").  __GFP_NOWARN silences both.  Context: process; GFP_KERNEL
 * may sleep.
 */
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	static int warn_limit = 10;
	bool is_atomic = !gfpflags_allow_blocking(gfp);
	bool do_warn = !(gfp & __GFP_NOWARN);
	unsigned long n, g, ag;
	unsigned int cpu;
	void *base;

	might_alloc(gfp);
	pcpu_ready();
	if (align < PCPU_MIN_ALLOC_SIZE)
		align = PCPU_MIN_ALLOC_SIZE;
	size = ALIGN(size, PCPU_MIN_ALLOC_SIZE);
	if (unlikely(!size || size > PCPU_MIN_UNIT_SIZE || align > PAGE_SIZE ||
		     !is_power_of_2(align))) {
		WARN(do_warn,
		     "illegal size (%zu) or align (%zu) for percpu allocation\n",
		     size, align);
		return NULL;
	}
	n = DIV_ROUND_UP(size, PCPU_GRAIN);
	ag = max_t(unsigned long, align / PCPU_GRAIN, 1);
	host_mutex_lock(&pcpu_lock);
	g = pcpu_find(n, ag);
	if (g >= pcpu_grains) {
		bool warn = !is_atomic && do_warn && warn_limit > 0;

		if (warn)
			warn_limit--;
		host_mutex_unlock(&pcpu_lock);
		if (warn) {
			pr_warn("percpu: allocation failed, size=%zu align=%zu atomic=%d, failed to allocate new chunk\n",
				size, align, is_atomic);
			if (!warn_limit)
				pr_info("percpu: limit reached, disable warning\n");
		}
		return NULL;
	}
	memset(pcpu_used + g, 1, n);
	pcpu_len[g] = n;
	host_mutex_unlock(&pcpu_lock);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		memset(pcpu_units + cpu * PCPU_UNIT + pcpu_static +
		       g * PCPU_GRAIN, 0, size);
	base = (void *)((unsigned long)__start_compat_percpu + pcpu_static +
			g * PCPU_GRAIN);
	return (void __percpu *)base;
}
EXPORT_SYMBOL(__alloc_percpu_gfp);

void __percpu *__alloc_percpu(size_t size, size_t align)
{
	return __alloc_percpu_gfp(size, align, GFP_KERNEL);
}
EXPORT_SYMBOL(__alloc_percpu);

/*
 * free_percpu - free per-CPU memory from alloc_percpu().  NULL is a
 * no-op; a pointer alloc_percpu() did not return WARNs and is ignored.
 * Context: any.
 */
void free_percpu(void __percpu *ptr)
{
	unsigned long off, g;

	if (!ptr)
		return;
	pcpu_ready();
	off = (unsigned long)ptr - (unsigned long)__start_compat_percpu;
	g = (off - pcpu_static) / PCPU_GRAIN;
	host_mutex_lock(&pcpu_lock);
	if (WARN(off < pcpu_static || (off - pcpu_static) % PCPU_GRAIN ||
		 g >= pcpu_grains || !pcpu_len[g],
		 "percpu: free_percpu of %p, which alloc_percpu did not return\n",
		 ptr)) {
		host_mutex_unlock(&pcpu_lock);
		return;
	}
	memset(pcpu_used + g, 0, pcpu_len[g]);
	pcpu_len[g] = 0;
	host_mutex_unlock(&pcpu_lock);
}
EXPORT_SYMBOL(free_percpu);
