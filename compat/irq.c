/* SPDX-License-Identifier: MIT */
/*
 * irq.c - simulated interrupt delivery (svr5compat/context.h).
 *
 * Theory: one interrupt thread stands for the CPU's interrupt entry.  It
 * takes handlers from a FIFO and runs each with HARDIRQ_OFFSET (or
 * SOFTIRQ_OFFSET) added to its preempt_count and interrupts masked, exactly
 * the context Linux gives a handler, then restores its context.  Handlers
 * run one at a time, as on one CPU.  The thread starts at the first raise.
 *
 * Requests are host-heap nodes on a list guarded by irq_lock; `pending`
 * counts requests queued or running, so compat_irq_sync() can wait for the
 * queue to drain.  A raise from inside a handler queues behind it; a
 * synchronous run from inside a handler runs nested, as a nested interrupt.
 */
#include <linux/kernel.h>
#include <linux/hardirq.h>
#include <linux/export.h>
#include <svr5compat/context.h>
#include "internal.h"

struct irq_req {
	void (*fn)(void *arg);
	void *arg;
	unsigned int offset;	/* HARDIRQ_OFFSET or SOFTIRQ_OFFSET */
	bool sync;
	bool done;
	struct irq_req *next;
};

static struct host_mutex irq_lock;
static struct host_cond irq_cond;	/* queue changed or request done */
static struct irq_req *head, *tail;
static unsigned long pending;
static bool started;
static __thread bool on_irq_thread;

static void run_handler(struct irq_req *r)
{
	struct __compat_ctx saved = __compat_ctx;

	preempt_count_add(r->offset);
	/* Hardirq handlers run with interrupts masked; softirqs do not. */
	if (r->offset == HARDIRQ_OFFSET)
		local_irq_disable();
	else
		local_irq_enable();
	r->fn(r->arg);
	if (preempt_count() != saved.preempt_count + r->offset)
		WARN(1, "irq handler %p returned with preempt_count %x (entered with %x)\n",
		     (void *)r->fn, preempt_count(), saved.preempt_count + r->offset);
	__compat_ctx = saved;
}

static void *irq_thread(void *unused)
{
	on_irq_thread = true;
	snprintf(current->comm, sizeof(current->comm), "irq/0");
	host_mutex_lock(&irq_lock);
	for (;;) {
		struct irq_req *r;

		while (!head)
			host_cond_wait(&irq_cond, &irq_lock);
		r = head;
		head = r->next;
		if (!head)
			tail = NULL;
		host_mutex_unlock(&irq_lock);

		run_handler(r);

		host_mutex_lock(&irq_lock);
		pending--;
		if (r->sync)
			r->done = true;
		else
			host_free(r);
		host_cond_broadcast(&irq_cond);
	}
	return NULL;
}

static void queue_req(struct irq_req *r)
{
	host_mutex_lock(&irq_lock);
	if (!started) {
		host_thread_t t;

		if (host_thread_create(&t, irq_thread, NULL))
			compat_fatal("cannot start the interrupt thread");
		host_thread_detach(t);
		started = true;
	}
	r->next = NULL;
	if (tail)
		tail->next = r;
	else
		head = r;
	tail = r;
	pending++;
	host_cond_broadcast(&irq_cond);
	if (r->sync) {
		while (!r->done)
			host_cond_wait(&irq_cond, &irq_lock);
	}
	host_mutex_unlock(&irq_lock);
}

static void run_sync(void (*fn)(void *), void *arg, unsigned int offset)
{
	struct irq_req r = { .fn = fn, .arg = arg, .offset = offset, .sync = true };

	if (on_irq_thread) {
		run_handler(&r);	/* nested interrupt */
		return;
	}
	queue_req(&r);
}

/**
 * compat_run_in_hardirq - run @fn(@arg) in simulated hardirq context and
 * wait for it.  Context: any task that may block (the caller waits).
 */
void compat_run_in_hardirq(void (*fn)(void *arg), void *arg)
{
	run_sync(fn, arg, HARDIRQ_OFFSET);
}
EXPORT_SYMBOL(compat_run_in_hardirq);

void compat_run_in_softirq(void (*fn)(void *arg), void *arg)
{
	run_sync(fn, arg, SOFTIRQ_OFFSET);
}
EXPORT_SYMBOL(compat_run_in_softirq);

/**
 * compat_raise_irq - queue @fn(@arg) to run in hardirq context; returns at
 * once.  Context: any.
 */
void compat_raise_irq(void (*fn)(void *arg), void *arg)
{
	struct irq_req *r = host_calloc(1, sizeof(*r));

	r->fn = fn;
	r->arg = arg;
	r->offset = HARDIRQ_OFFSET;
	queue_req(r);
}
EXPORT_SYMBOL(compat_raise_irq);

/**
 * compat_irq_sync - wait until every raised handler has run.
 * Context: not from a handler (it would wait for itself).
 */
void compat_irq_sync(void)
{
	if (WARN_ON(on_irq_thread))
		return;
	host_mutex_lock(&irq_lock);
	while (pending)
		host_cond_wait(&irq_cond, &irq_lock);
	host_mutex_unlock(&irq_lock);
}
EXPORT_SYMBOL(compat_irq_sync);
