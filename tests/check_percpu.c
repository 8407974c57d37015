/* SPDX-License-Identifier: MIT */
/*
 * check_percpu.c - the per-CPU layer of the emulation (<linux/percpu.h>,
 * <linux/smp.h>, <linux/cpumask.h>, compat/percpu.c) against 6.1's
 * model: dynamic per-CPU memory (alloc_percpu, __alloc_percpu_gfp,
 * free_percpu) zeroed on every CPU, one copy per CPU, this_cpu_ptr and
 * the this_cpu operations on the calling CPU's copy, CPU numbers for
 * threads (distinct while alive, reused with their data after exit),
 * static DEFINE_PER_CPU variables with their initial value on every CPU,
 * 6.1's argument checks and failure messages (mm/percpu.c pcpu_alloc),
 * the cpumask counts, this_cpu_{add,inc,dec}_return (the new value, on
 * the calling CPU's copy only), and <linux/random.h> (get_random_u32/
 * u64/long differ between calls; get_random_bytes fills exactly the
 * bytes asked for).
 *
 * Every test runs in a fresh process (fork mode), so CPU numbers and the
 * dynamic area start from a fresh emulation.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <pthread.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <linux/gfp.h>
#include <linux/random.h>
#include <asm/page.h>
#include <svr5compat/log.h>
#include "check_util.h"

struct blob {
	unsigned long w[8];
};

static int all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i])
			return 0;
	return 1;
}

/* ---- dynamic per-CPU memory ------------------------------------------- */

START_TEST(test_alloc_zeroed_on_every_cpu)
{
	struct blob __percpu *p;
	int cpu, n = 0;

	p = alloc_percpu(struct blob);
	ck_assert_ptr_nonnull(p);
	for_each_possible_cpu(cpu) {
		struct blob *b = per_cpu_ptr(p, cpu);

		ck_assert_msg(all_zero(b, sizeof(*b)),
			      "cpu %d: alloc_percpu memory not zeroed", cpu);
		memset(b, 0xa5, sizeof(*b));
		n++;
	}
	ck_assert_int_eq(n, (int)nr_cpu_ids);
	free_percpu(p);

	/* the same space again: zeroed again on every CPU */
	p = alloc_percpu(struct blob);
	ck_assert_ptr_nonnull(p);
	for_each_possible_cpu(cpu)
		ck_assert_msg(all_zero(per_cpu_ptr(p, cpu), sizeof(*p)),
			      "cpu %d: reused per-CPU memory not zeroed", cpu);
	free_percpu(p);
}
END_TEST

START_TEST(test_copies_distinct_and_private)
{
	struct blob __percpu *p;
	int a, b;

	p = alloc_percpu(struct blob);
	ck_assert_ptr_nonnull(p);
	for_each_possible_cpu(a) {
		uintptr_t pa = (uintptr_t)per_cpu_ptr(p, a);

		for_each_possible_cpu(b) {
			uintptr_t pb = (uintptr_t)per_cpu_ptr(p, b);

			if (a == b)
				continue;
			/* distinct and not overlapping */
			ck_assert_msg(pa + sizeof(struct blob) <= pb ||
				      pb + sizeof(struct blob) <= pa,
				      "cpus %d and %d share per-CPU memory",
				      a, b);
		}
	}
	/* writes to one CPU's copy do not show on another's */
	for_each_possible_cpu(a) {
		struct blob *x = per_cpu_ptr(p, a);
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(x->w); i++)
			x->w[i] = 1000UL * a + i;
	}
	for_each_possible_cpu(a) {
		struct blob *x = per_cpu_ptr(p, a);
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(x->w); i++)
			ck_assert_uint_eq(x->w[i], 1000UL * a + i);
	}
	/* per_cpu_ptr of a member is that CPU's member */
	ck_assert_ptr_eq(per_cpu_ptr(&p->w[3], 5), &per_cpu_ptr(p, 5)->w[3]);
	free_percpu(p);
}
END_TEST

START_TEST(test_this_cpu_ptr_is_own_copy)
{
	long __percpu *p;
	int cpu, cpu2, other;

	p = alloc_percpu(long);
	ck_assert_ptr_nonnull(p);
	cpu = smp_processor_id();
	ck_assert_int_ge(cpu, 0);
	ck_assert_int_lt(cpu, (int)nr_cpu_ids);
	ck_assert_ptr_eq(this_cpu_ptr(p), per_cpu_ptr(p, cpu));
	ck_assert_ptr_eq(raw_cpu_ptr(p), per_cpu_ptr(p, cpu));
	ck_assert_int_eq(raw_smp_processor_id(), cpu);

	/* get_cpu disables preemption and names the same CPU */
	ck_assert_int_eq(preempt_count(), 0);
	cpu2 = get_cpu();
	ck_assert_int_eq(cpu2, cpu);
	ck_assert_int_ne(preempt_count(), 0);
	put_cpu();
	ck_assert_int_eq(preempt_count(), 0);

	/* the this_cpu operations act on this CPU's copy only */
	other = (cpu + 1) % (int)nr_cpu_ids;
	*per_cpu_ptr(p, other) = 77;
	this_cpu_write(*p, 10);
	this_cpu_inc(*p);
	this_cpu_add(*p, 5);
	this_cpu_dec(*p);
	this_cpu_sub(*p, 3);
	__this_cpu_add(*p, 100);
	__this_cpu_inc(*p);
	ck_assert_int_eq(this_cpu_read(*p), 113);
	ck_assert_int_eq(__this_cpu_read(*p), 113);
	ck_assert_int_eq(*per_cpu_ptr(p, cpu), 113);
	ck_assert_int_eq(*per_cpu_ptr(p, other), 77);
	free_percpu(p);
}
END_TEST

/* alloc_percpu honours the alignment on every CPU's copy. */
START_TEST(test_alignment_on_every_cpu)
{
	static const size_t aligns[] = { 4, 8, 16, 64, 256, 1024, PAGE_SIZE };
	void __percpu *p[ARRAY_SIZE(aligns)];
	unsigned int i;
	int cpu;

	for (i = 0; i < ARRAY_SIZE(aligns); i++) {
		/* an odd-sized neighbour first, so the area is not aligned */
		void __percpu *pad = __alloc_percpu(20, 4);

		ck_assert_ptr_nonnull(pad);
		p[i] = __alloc_percpu(24, aligns[i]);
		ck_assert_ptr_nonnull(p[i]);
		for_each_possible_cpu(cpu)
			ck_assert_msg(((uintptr_t)per_cpu_ptr(p[i], cpu) &
				       (aligns[i] - 1)) == 0,
				      "align %zu: cpu %d copy at %p",
				      aligns[i], cpu, per_cpu_ptr(p[i], cpu));
	}
	for (i = 0; i < ARRAY_SIZE(aligns); i++)
		free_percpu(p[i]);
}
END_TEST

START_TEST(test_free_then_alloc_reuses)
{
	void __percpu *a, *b, *c;

	a = __alloc_percpu(256, 8);
	b = __alloc_percpu(256, 8);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	free_percpu(a);
	c = __alloc_percpu(256, 8);
	ck_assert_ptr_eq(c, a);
	free_percpu(b);
	free_percpu(c);
}
END_TEST

START_TEST(test_free_null_is_noop)
{
	unsigned long w0;
	void __percpu *a, *b;

	compat_log_quiet(true);
	compat_log_clear();
	a = __alloc_percpu(64, 8);
	ck_assert_ptr_nonnull(a);
	w0 = compat_warn_count();
	free_percpu(NULL);
	ck_assert_uint_eq(compat_warn_count(), w0);
	ck_assert(!compat_log_contains("percpu"));
	/* and it freed nothing: the next allocation is elsewhere */
	b = __alloc_percpu(64, 8);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	free_percpu(a);
	free_percpu(b);
}
END_TEST

/* ---- 6.1's argument checks and failures --------------------------------- */

/*
 * pcpu_alloc: align below PCPU_MIN_ALLOC_SIZE (4) becomes 4, size is
 * rounded up to 4, then size 0, size over PCPU_MIN_UNIT_SIZE (32 KiB),
 * align over PAGE_SIZE or not a power of two WARN with the adjusted
 * values and return NULL.
 */
static void check_illegal(size_t size, size_t align, const char *msg)
{
	unsigned long w0 = compat_warn_count();

	compat_log_clear();
	ck_assert_ptr_null(__alloc_percpu(size, align));
	ck_assert_msg(compat_warn_count() == w0 + 1,
		      "size %zu align %zu: no WARN", size, align);
	ck_assert_msg(compat_log_contains(msg),
		      "size %zu align %zu: no \"%s\" in the log", size, align,
		      msg);
}

START_TEST(test_illegal_size_or_align_warns)
{
	void __percpu *p;

	compat_log_quiet(true);
	check_illegal(0, 8, "illegal size (0) or align (8) for percpu allocation");
	check_illegal(0, 1, "illegal size (0) or align (4) for percpu allocation");
	check_illegal(32 * 1024 + 4, 8,
		      "illegal size (32772) or align (8) for percpu allocation");
	check_illegal(32 * 1024 + 1, 1,
		      "illegal size (32772) or align (4) for percpu allocation");
	check_illegal(64, 24, "illegal size (64) or align (24) for percpu allocation");
	check_illegal(64, 2 * PAGE_SIZE,
		      "illegal size (64) or align (8192) for percpu allocation");
	check_illegal(6, 12, "illegal size (8) or align (12) for percpu allocation");

	/* the limits themselves are legal */
	compat_log_clear();
	p = __alloc_percpu(32 * 1024, PAGE_SIZE);
	ck_assert_ptr_nonnull(p);
	ck_assert(!compat_log_contains("illegal size"));
	free_percpu(p);
	p = __alloc_percpu(1, 1);
	ck_assert_ptr_nonnull(p);
	free_percpu(p);
}
END_TEST

/* 6.1: WARN(do_warn, ...): __GFP_NOWARN silences the illegal-size WARN. */
START_TEST(test_illegal_size_nowarn_is_silent)
{
	unsigned long w0;

	compat_log_quiet(true);
	compat_log_clear();
	w0 = compat_warn_count();
	ck_assert_ptr_null(__alloc_percpu_gfp(0, 8, GFP_KERNEL | __GFP_NOWARN));
	ck_assert_ptr_null(__alloc_percpu_gfp(64, 24,
					      GFP_KERNEL | __GFP_NOWARN));
	ck_assert_uint_eq(compat_warn_count(), w0);
	ck_assert(!compat_log_contains("illegal size"));
}
END_TEST

/* Fill the area with 32 KiB allocations; returns how many (at most @max). */
static unsigned int fill_area(void __percpu **v, unsigned int max)
{
	unsigned int n = 0;

	while (n < max) {
		v[n] = __alloc_percpu_gfp(32 * 1024, 8,
					  GFP_KERNEL | __GFP_NOWARN);
		if (!v[n])
			break;
		n++;
	}
	return n;
}

START_TEST(test_exhausted_area_fails)
{
	enum { MAX = 4096 };
	static void __percpu *v[MAX];
	unsigned int n, i;
	void __percpu *p, *small[64];
	unsigned int ns = 0;
	size_t sz;

	compat_log_quiet(true);
	compat_log_clear();
	n = fill_area(v, MAX);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, MAX);
	/* __GFP_NOWARN: NULL and not a word */
	ck_assert(!compat_log_contains("percpu"));
	/* smaller requests may still fit the tail: take it all */
	for (sz = 16 * 1024; sz >= 4; sz /= 2) {
		while (ns < ARRAY_SIZE(small) &&
		       (small[ns] = __alloc_percpu_gfp(sz, 4, GFP_KERNEL |
						       __GFP_NOWARN)))
			ns++;
	}
	ck_assert_uint_lt(ns, ARRAY_SIZE(small));
	ck_assert_ptr_null(__alloc_percpu_gfp(4, 4, GFP_KERNEL | __GFP_NOWARN));
	ck_assert(!compat_log_contains("percpu"));

	/* without it: NULL and 6.1's message */
	p = __alloc_percpu(32 * 1024, 8);
	ck_assert_ptr_null(p);
	ck_assert(compat_log_contains("percpu: allocation failed, size=32768 align=8 atomic=0, failed to allocate new chunk"));

	/* a freed allocation is usable again, at the same place */
	free_percpu(v[n / 2]);
	p = __alloc_percpu(32 * 1024, 8);
	ck_assert_ptr_eq(p, v[n / 2]);
	for (i = 0; i < n; i++)
		free_percpu(v[i]);
	for (i = 0; i < ns; i++)
		free_percpu(small[i]);

	/* everything is back: the same number fits again */
	ck_assert_uint_eq(fill_area(v, MAX), n);
}
END_TEST

/*
 * 6.1 warns about failed allocations that may block only ("!is_atomic &&
 * do_warn"), and at most 10 times ("limit reached, disable warning").
 */
START_TEST(test_failure_warning_limits)
{
	enum { MAX = 4096 };
	static void __percpu *v[MAX];
	unsigned int n, i;

	compat_log_quiet(true);
	n = fill_area(v, MAX);
	ck_assert_uint_gt(n, 0);
	compat_log_clear();
	ck_assert_ptr_null(__alloc_percpu_gfp(32 * 1024, 8, GFP_ATOMIC));
	ck_assert(!compat_log_contains("allocation failed"));
	for (i = 0; i < 12; i++)
		ck_assert_ptr_null(__alloc_percpu(32 * 1024, 8));
	ck_assert_uint_eq(compat_log_count("percpu: allocation failed"), 10);
	ck_assert_uint_eq(compat_log_count("percpu: limit reached, disable warning"), 1);
	for (i = 0; i < n; i++)
		free_percpu(v[i]);
}
END_TEST

/* ---- CPUs and threads ----------------------------------------------------- */

struct thr {
	long __percpu *p;
	pthread_barrier_t *bar;
	int cpu;
	long *mine;
	long seen;
	long write;
};

static void *thr_fn(void *arg)
{
	struct thr *t = arg;

	t->cpu = smp_processor_id();
	t->mine = this_cpu_ptr(t->p);
	t->seen = this_cpu_read(*t->p);
	if (t->write)
		this_cpu_write(*t->p, t->write);
	if (t->bar)
		pthread_barrier_wait(t->bar);
	return NULL;
}

START_TEST(test_live_threads_different_cpus)
{
	enum { NT = 4 };
	pthread_barrier_t bar;
	pthread_t th[NT];
	struct thr t[NT];
	long __percpu *p;
	int me, i, j;

	p = alloc_percpu(long);
	ck_assert_ptr_nonnull(p);
	me = smp_processor_id();
	pthread_barrier_init(&bar, NULL, NT);
	for (i = 0; i < NT; i++) {
		t[i] = (struct thr){ .p = p, .bar = &bar, .write = 100 + i };
		ck_assert_int_eq(pthread_create(&th[i], NULL, thr_fn, &t[i]), 0);
	}
	for (i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&bar);
	/* all alive together (the barrier): pairwise different CPUs */
	for (i = 0; i < NT; i++) {
		ck_assert_int_ge(t[i].cpu, 0);
		ck_assert_int_lt(t[i].cpu, (int)nr_cpu_ids);
		ck_assert_int_ne(t[i].cpu, me);
		ck_assert_ptr_eq(t[i].mine, per_cpu_ptr(p, t[i].cpu));
		ck_assert_int_eq(t[i].seen, 0);
		for (j = 0; j < i; j++)
			ck_assert_int_ne(t[i].cpu, t[j].cpu);
	}
	/* each wrote its own CPU's copy; the rest are untouched */
	for (i = 0; i < NT; i++)
		ck_assert_int_eq(*per_cpu_ptr(p, t[i].cpu), 100 + i);
	ck_assert_int_eq(*per_cpu_ptr(p, me), 0);
	free_percpu(p);
}
END_TEST

START_TEST(test_cpu_reused_with_its_data)
{
	struct thr a, b;
	long __percpu *p;
	pthread_t th;

	p = alloc_percpu(long);
	ck_assert_ptr_nonnull(p);
	(void)smp_processor_id();	/* the main thread is a CPU too */
	a = (struct thr){ .p = p, .write = 0xabc };
	ck_assert_int_eq(pthread_create(&th, NULL, thr_fn, &a), 0);
	pthread_join(th, NULL);
	ck_assert_int_ne(a.cpu, smp_processor_id());
	ck_assert_int_eq(*per_cpu_ptr(p, a.cpu), 0xabc);

	/* the number is free again: the next thread gets it, data and all */
	b = (struct thr){ .p = p, .write = 0 };
	ck_assert_int_eq(pthread_create(&th, NULL, thr_fn, &b), 0);
	pthread_join(th, NULL);
	ck_assert_int_eq(b.cpu, a.cpu);
	ck_assert_ptr_eq(b.mine, a.mine);
	ck_assert_int_eq(b.seen, 0xabc);
	free_percpu(p);
}
END_TEST

/* ---- static per-CPU variables --------------------------------------------- */

static DEFINE_PER_CPU(int, pcpu_answer) = 42;
static DEFINE_PER_CPU(struct blob, pcpu_blob) = { .w = { 1, 2, 3 } };

START_TEST(test_static_initial_value_everywhere)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		ck_assert_msg(per_cpu(pcpu_answer, cpu) == 42,
			      "cpu %d: pcpu_answer %d before any write", cpu,
			      per_cpu(pcpu_answer, cpu));
		ck_assert_uint_eq(per_cpu(pcpu_blob, cpu).w[2], 3);
		ck_assert_uint_eq(per_cpu(pcpu_blob, cpu).w[3], 0);
	}
	ck_assert_int_eq(this_cpu_read(pcpu_answer), 42);
	ck_assert_ptr_eq(this_cpu_ptr(&pcpu_answer),
			 &per_cpu(pcpu_answer, smp_processor_id()));
}
END_TEST

START_TEST(test_static_writes_per_cpu)
{
	int cpu, me;

	me = smp_processor_id();
	per_cpu(pcpu_answer, 3) = 7;
	per_cpu(pcpu_blob, 5).w[0] = 99;
	this_cpu_write(pcpu_answer, -1);
	for_each_possible_cpu(cpu) {
		int want = cpu == me ? -1 : cpu == 3 ? 7 : 42;

		ck_assert_msg(per_cpu(pcpu_answer, cpu) == want,
			      "cpu %d: pcpu_answer %d, expected %d", cpu,
			      per_cpu(pcpu_answer, cpu), want);
		ck_assert_uint_eq(per_cpu(pcpu_blob, cpu).w[0],
				  cpu == 5 ? 99 : 1);
	}
	/* distinct copies */
	ck_assert_ptr_ne(&per_cpu(pcpu_answer, 0), &per_cpu(pcpu_answer, 1));
}
END_TEST

/* ---- cpumask ----------------------------------------------------------------- */

START_TEST(test_possible_and_online_cpus)
{
	unsigned int n = 0;
	int cpu, prev = -1;

	for_each_possible_cpu(cpu) {
		ck_assert_int_eq(cpu, prev + 1);
		ck_assert(cpu_possible(cpu));
		ck_assert(cpu_online(cpu));
		prev = cpu;
		n++;
	}
	ck_assert_uint_eq(n, nr_cpu_ids);
	ck_assert_uint_eq(num_possible_cpus(), nr_cpu_ids);
	ck_assert_uint_eq(num_online_cpus(), nr_cpu_ids);
	ck_assert(!cpu_possible(nr_cpu_ids));
	ck_assert(!cpu_online(nr_cpu_ids));
	n = 0;
	for_each_online_cpu(cpu)
		n++;
	ck_assert_uint_eq(n, nr_cpu_ids);
	ck_assert_int_gt((int)nr_cpu_ids, 1);
}
END_TEST

/* ---- this_cpu_*_return ------------------------------------------------------- */

static DEFINE_PER_CPU(unsigned int, pcpu_ticket);

struct ret_thr {
	long __percpu *p;
	pthread_barrier_t *bar;
	long add;
	int cpu;
	long r[4];
	unsigned int t[2];
};

/* Four operations on this CPU's copy; both threads alive at once. */
static void *ret_fn(void *arg)
{
	struct ret_thr *t = arg;

	t->cpu = smp_processor_id();
	pthread_barrier_wait(t->bar);
	t->r[0] = this_cpu_inc_return(*t->p);
	t->r[1] = this_cpu_add_return(*t->p, t->add);
	t->r[2] = this_cpu_dec_return(*t->p);
	t->r[3] = this_cpu_add_return(*t->p, -2 * t->add);
	t->t[0] = this_cpu_inc_return(pcpu_ticket);
	t->t[1] = this_cpu_inc_return(pcpu_ticket);
	pthread_barrier_wait(t->bar);
	return NULL;
}

START_TEST(test_this_cpu_return_new_value)
{
	unsigned int u;
	long __percpu *p;
	long v;
	int me, cpu;

	p = alloc_percpu(long);
	ck_assert_ptr_nonnull(p);
	me = smp_processor_id();
	ck_assert_int_eq(this_cpu_inc_return(*p), 1);
	ck_assert_int_eq(this_cpu_inc_return(*p), 2);
	ck_assert_int_eq(this_cpu_add_return(*p, 40), 42);
	ck_assert_int_eq(this_cpu_add_return(*p, -50), -8);
	ck_assert_int_eq(this_cpu_dec_return(*p), -9);
	ck_assert_int_eq(this_cpu_read(*p), -9);
	ck_assert_int_eq(*per_cpu_ptr(p, me), -9);
	v = 0;
	for_each_possible_cpu(cpu)
		if (cpu != me)
			v |= *per_cpu_ptr(p, cpu);
	ck_assert_int_eq(v, 0);

	/* unsigned: wraps as the C type does, like 6.1 */
	u = this_cpu_dec_return(pcpu_ticket);
	ck_assert_uint_eq(u, ~0U);
	ck_assert_uint_eq(this_cpu_inc_return(pcpu_ticket), 0);
	ck_assert_uint_eq(this_cpu_add_return(pcpu_ticket, 7), 7);
	ck_assert_uint_eq(per_cpu(pcpu_ticket, me), 7);
	free_percpu(p);
}
END_TEST

START_TEST(test_this_cpu_return_per_thread)
{
	pthread_barrier_t bar;
	struct ret_thr t[2];
	pthread_t th[2];
	long __percpu *p;
	int me, cpu, i;

	p = alloc_percpu(long);
	ck_assert_ptr_nonnull(p);
	me = smp_processor_id();
	this_cpu_write(*p, 1000);
	this_cpu_write(pcpu_ticket, 50);
	pthread_barrier_init(&bar, NULL, 2);
	for (i = 0; i < 2; i++) {
		t[i] = (struct ret_thr){ .p = p, .bar = &bar,
					 .add = 10 * (i + 1) };
		ck_assert_int_eq(pthread_create(&th[i], NULL, ret_fn, &t[i]),
				 0);
	}
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&bar);
	ck_assert_int_ne(t[0].cpu, t[1].cpu);
	for (i = 0; i < 2; i++) {
		long a = t[i].add;

		ck_assert_int_ne(t[i].cpu, me);
		/* each saw only its own CPU's copy, from zero */
		ck_assert_int_eq(t[i].r[0], 1);
		ck_assert_int_eq(t[i].r[1], 1 + a);
		ck_assert_int_eq(t[i].r[2], a);
		ck_assert_int_eq(t[i].r[3], -a);
		ck_assert_int_eq(*per_cpu_ptr(p, t[i].cpu), -a);
		ck_assert_uint_eq(t[i].t[0], 1);
		ck_assert_uint_eq(t[i].t[1], 2);
		ck_assert_uint_eq(per_cpu(pcpu_ticket, t[i].cpu), 2);
	}
	/* the caller's copy and every other CPU's are untouched */
	ck_assert_int_eq(*per_cpu_ptr(p, me), 1000);
	ck_assert_uint_eq(per_cpu(pcpu_ticket, me), 50);
	for_each_possible_cpu(cpu) {
		if (cpu == me || cpu == t[0].cpu || cpu == t[1].cpu)
			continue;
		ck_assert_int_eq(*per_cpu_ptr(p, cpu), 0);
		ck_assert_uint_eq(per_cpu(pcpu_ticket, cpu), 0);
	}
	free_percpu(p);
}
END_TEST

/* ---- <linux/random.h> ---------------------------------------------------------- */

START_TEST(test_random_numbers_differ)
{
	enum { N = 64 };
	u64 v[N];
	u32 w[N];
	unsigned long l[N];
	int i, j, wsame = 1, lsame = 1;
	u64 ones = 0, zeros = ~0ULL;

	for (i = 0; i < N; i++) {
		v[i] = get_random_u64();
		w[i] = get_random_u32();
		l[i] = get_random_long();
		ones |= v[i];
		zeros &= v[i];
	}
	/* 64 draws of 64 bits: a repeat is a 2^-52 event */
	for (i = 0; i < N; i++)
		for (j = 0; j < i; j++)
			ck_assert_msg(v[i] != v[j], "get_random_u64 #%d == #%d",
				      i, j);
	/* every bit is set in some draw and clear in another */
	ck_assert_msg(ones == ~0ULL && zeros == 0,
		      "bits never set %#llx, never clear %#llx",
		      (unsigned long long)~ones, (unsigned long long)zeros);
	for (i = 1; i < N; i++) {
		wsame &= w[i] == w[0];
		lsame &= l[i] == l[0];
	}
	ck_assert_msg(!wsame, "get_random_u32 gave %#x 64 times", w[0]);
	ck_assert_msg(!lsame, "get_random_long gave %#lx 64 times", l[0]);
}
END_TEST

/* get_random_bytes fills exactly @len bytes, with something. */
static void fill_check(size_t len)
{
	enum { GUARD = 16 };
	unsigned char *buf = malloc(len + 2 * GUARD);
	unsigned char *in;
	size_t i, nz = 0;
	int tries;

	ck_assert_ptr_nonnull(buf);
	in = buf + GUARD;
	/* a byte is zero with p = 1/256: draw until not all zero, at most
	 * 16 times (all-zero every time: 2^-128 for len 1) */
	for (tries = 0; tries < 16 && !nz; tries++) {
		memset(buf, 0xa5, len + 2 * GUARD);
		memset(in, 0, len);
		get_random_bytes(in, len);
		for (i = 0; i < GUARD; i++) {
			ck_assert_msg(buf[i] == 0xa5, "len %zu: wrote before", len);
			ck_assert_msg(in[len + i] == 0xa5,
				      "len %zu: wrote past the end", len);
		}
		for (i = 0; i < len; i++)
			nz += in[i] != 0;
	}
	ck_assert_msg(nz > 0, "len %zu: all zero", len);
	if (len >= 7)		/* one draw suffices: 2^-56 */
		ck_assert_int_eq(tries, 1);
	if (len > 4096) {
		/* the tail past the first page is filled too (its last four
		 * bytes all zero: 2^-32), and is not a repeat of the head */
		ck_assert_msg(in[len - 1] || in[len - 2] || in[len - 3] ||
			      in[len - 4], "len %zu: tail not filled", len);
		ck_assert(memcmp(in, in + len / 2, len / 2) != 0);
	}
	free(buf);
}

START_TEST(test_random_bytes_odd_lengths)
{
	unsigned char z[4] = { 1, 2, 3, 4 };

	fill_check(1);
	fill_check(7);
	fill_check(4097);
	fill_check(65537);
	get_random_bytes(z, 0);		/* nothing to do */
	ck_assert(z[0] == 1 && z[1] == 2 && z[2] == 3 && z[3] == 4);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("percpu");
	TCase *tc;

	tc = tcase_create("dynamic");
	tcase_add_test(tc, test_alloc_zeroed_on_every_cpu);
	tcase_add_test(tc, test_copies_distinct_and_private);
	tcase_add_test(tc, test_this_cpu_ptr_is_own_copy);
	tcase_add_test(tc, test_alignment_on_every_cpu);
	tcase_add_test(tc, test_free_then_alloc_reuses);
	tcase_add_test(tc, test_free_null_is_noop);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_illegal_size_or_align_warns);
	tcase_add_test(tc, test_illegal_size_nowarn_is_silent);
	tcase_add_test(tc, test_exhausted_area_fails);
	tcase_add_test(tc, test_failure_warning_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("threads");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_live_threads_different_cpus);
	tcase_add_test(tc, test_cpu_reused_with_its_data);
	suite_add_tcase(s, tc);

	tc = tcase_create("static");
	tcase_add_test(tc, test_static_initial_value_everywhere);
	tcase_add_test(tc, test_static_writes_per_cpu);
	suite_add_tcase(s, tc);

	tc = tcase_create("cpumask");
	tcase_add_test(tc, test_possible_and_online_cpus);
	suite_add_tcase(s, tc);

	tc = tcase_create("op_return");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_this_cpu_return_new_value);
	tcase_add_test(tc, test_this_cpu_return_per_thread);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_add_test(tc, test_random_numbers_differ);
	tcase_add_test(tc, test_random_bytes_odd_lengths);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
