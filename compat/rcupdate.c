/* SPDX-License-Identifier: MIT */
/*
 * rcupdate.c - RCU grace periods: synchronize_rcu() (emulation of 6.1's
 * kernel/rcu/tree.c for the caller's view).
 *
 * Theory
 * ------
 * Readers are the regions 6.1 counts as RCU read-side critical sections
 * (since 4.20 the flavours are one): rcu_read_lock() sections (a
 * per-thread nesting word), and regions with preemption, softirqs or
 * interrupts disabled (the thread's struct __compat_ctx: preempt_count
 * non-zero or irqs_off set).  A thread is registered on rcu_readers
 * (its own thread-local node, under rcu_lock) when it becomes a CPU and
 * leaves it when it exits (compat/percpu.c).
 *
 * synchronize_rcu(), holding rcu_lock throughout:
 *   1. host_membarrier(): every running thread of the process executes a
 *      full barrier (a thread not running passes one when switched in);
 *   2. for each other registered thread, waits until it is seen outside
 *      any reader at least once (spinning, then yielding, then sleeping);
 *   3. host_membarrier() again (on x86, whose stores are seen in order
 *      and after the thread's earlier loads, a local barrier does).
 *
 * Why it is enough.  Take an updater that stores X, then calls
 * synchronize_rcu(), and a reader section of thread T that loads X
 * (preempt_count raised, by a plain store, before the load; lowered
 * after).  Let B1 be the barrier T executes in step 1.
 *   - T's load after B1: the updater's store precedes its own barrier in
 *     step 1, which precedes B1; T loads the new X.
 *   - T's load before B1, T still in the section at B1: T's store raising
 *     the count precedes B1, so step 2 reads that count (or a later
 *     value) and waits until the lowering store is seen.  Seeing it
 *     means the section ended, and step 3's barrier on T (after that
 *     store, which T had already made) orders every access of the
 *     section before everything the updater does after returning.
 *   - T's section ended before B1: B1 orders it before the return.
 * A thread that registers during a grace period (rcu_lock is held from
 * step 1 to 3) does so after it: its lock acquisition follows the
 * updater's release, so its later loads see the new X.  A section that
 * begins before its thread is registered, and loads X before it touches
 * per-CPU data, is not covered: <linux/rcupdate.h> states the rule.
 * Step 2 needs a thread to be seen out of readers once; one that stays
 * mostly inside them only makes the wait longer (sampling).
 *
 * Differences from 6.1: no callbacks (call_rcu), no stall warnings; every
 * grace period is expedited (waits by polling, never by a timer tick);
 * a thread that exits inside a reader would hold a grace period forever
 * (a bug in 6.1 too).
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <asm/processor.h>
#include "host.h"
#include "internal.h"

__thread int __compat_rcu_nesting __attribute__((tls_model("initial-exec")));
EXPORT_SYMBOL(__compat_rcu_nesting);

struct rcu_reader {
	struct list_head node;		/* on rcu_readers, under rcu_lock */
	struct __compat_ctx *ctx;
	int *nesting;
	bool on_list;
};

static __thread struct rcu_reader rcu_self
	__attribute__((tls_model("initial-exec")));
static struct host_mutex rcu_lock;	/* zero-filled is initialised */
static LIST_HEAD(rcu_readers);

void __compat_rcu_attach(void)
{
	struct rcu_reader *r = &rcu_self;

	if (r->on_list)
		return;
	r->ctx = &__compat_ctx;
	r->nesting = &__compat_rcu_nesting;
	host_mutex_lock(&rcu_lock);
	list_add_tail(&r->node, &rcu_readers);
	r->on_list = true;
	host_mutex_unlock(&rcu_lock);
}

void __compat_rcu_detach(void)
{
	struct rcu_reader *r = &rcu_self;

	if (!r->on_list)
		return;
	host_mutex_lock(&rcu_lock);
	list_del(&r->node);
	r->on_list = false;
	host_mutex_unlock(&rcu_lock);
}

static bool rcu_reader_busy(const struct rcu_reader *r)
{
	return READ_ONCE(r->ctx->preempt_count) ||
	       READ_ONCE(r->ctx->irqs_off) || READ_ONCE(*r->nesting);
}

/* Step 2 for one thread: until seen outside every reader once. */
static void rcu_wait_quiescent(const struct rcu_reader *r)
{
	unsigned int n;

	for (n = 0; rcu_reader_busy(r); n++) {
		if (n < 100)
			cpu_relax();
		else if (n < 200)
			host_yield();
		else
			host_sleep_ns(20000);
	}
}

/**
 * synchronize_rcu - wait until a grace period has elapsed
 *
 * Returns once every RCU read-side critical section that began before the
 * call has ended: rcu_read_lock() sections and, as in 6.1, regions with
 * preemption, softirqs or interrupts disabled.  Everything those sections
 * did is visible to the caller on return, and sections beginning after
 * the call see what the caller stored before it.  As 6.1: might_sleep();
 * "Illegal synchronize_rcu() in RCU read-side critical section" (6.1's
 * lockdep warning) when called inside rcu_read_lock().  A caller that is
 * the only registered thread returns at once (6.1's single-CPU shortcut).
 * Context: process; sleeps.
 */
void synchronize_rcu(void)
{
	struct rcu_reader *r;
	bool others = false;

	might_sleep();
	WARN_ONCE(__compat_rcu_nesting > 0,
		  "Illegal synchronize_rcu() in RCU read-side critical section");
	host_mutex_lock(&rcu_lock);
	list_for_each_entry(r, &rcu_readers, node)
		others |= r != &rcu_self;
	if (!others) {
		host_mutex_unlock(&rcu_lock);
		smp_mb();
		return;
	}
	host_membarrier();
	list_for_each_entry(r, &rcu_readers, node) {
		if (r != &rcu_self)
			rcu_wait_quiescent(r);
	}
	/* x86 (TSO): seeing T's lowering store implies its earlier loads and
	 * stores are done, which step 3 is for; READ_ONCE and this order it. */
#if defined(__x86_64__) || defined(__i386__)
	smp_mb();
#else
	host_membarrier();
#endif
	host_mutex_unlock(&rcu_lock);
}
EXPORT_SYMBOL(synchronize_rcu);

/**
 * synchronize_rcu_expedited - synchronize_rcu(), urgently
 *
 * In 6.1 it forces quiescent states by IPIs instead of waiting for them;
 * the emulation's grace periods are all expedited, so this is
 * synchronize_rcu().  Context: process; sleeps.
 */
void synchronize_rcu_expedited(void)
{
	synchronize_rcu();
}
EXPORT_SYMBOL(synchronize_rcu_expedited);
