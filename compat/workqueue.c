/* SPDX-License-Identifier: MIT */
/*
 * workqueue.c - workqueues and delayed work (emulation of 6.1).
 *
 * Theory.  One host mutex, wq_lock, guards every workqueue, work item and
 * worker, and the timer list; it is never held while a work function runs.
 * wq_done is broadcast whenever work finishes or leaves a queue, and every
 * waiter (flush, cancel, drain) re-tests its own condition under wq_lock.
 *
 * A work item's state, as in Linux:
 *   idle:      PENDING clear, not on any list;
 *   timer:     PENDING set, on timer_list (delayed work only);
 *   queued:    PENDING set, on wq->worklist;
 *   running:   a worker's current_work; PENDING clear, so it may be queued
 *              again meanwhile, and then it runs again afterwards;
 *   canceling: PENDING and CANCELING set by cancel_*_sync(): queueing fails.
 * Each queueing gets a process-wide unique id (__seq).  flush_work() waits
 * for one id to leave every worklist and every worker; flush_workqueue()
 * for every id up to the one issued when it started.  Waiters look only at
 * lists and worker records, never at the work item itself, because a work
 * function may free its own work_struct.
 *
 * Workers are host threads, created lazily when a queueing finds more
 * runnable items than idle workers, up to the workqueue's max_active
 * (ordered: one, so FIFO), capped at WQ_MAX_WORKERS.  A worker skips items
 * that another worker of the same workqueue is running (non-reentrancy).
 * All CPUs are CPU 0 here: a per-CPU workqueue behaves like one pool.
 *
 * The timer thread stands for the timer wheel: it queues each delayed work
 * once jiffies reach its expiry, never before.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include "internal.h"

#define WQ_NAME_LEN	24
#define WQ_MAX_WORKERS	32
#define TICK_NS		((u64)(NSEC_PER_SEC / HZ))

struct worker;

struct workqueue_struct {
	struct list_head worklist;	/* queued work, FIFO */
	struct list_head workers;	/* struct worker.node */
	struct list_head node;		/* on all_wqs once used */
	struct host_cond more_work;	/* idle workers wait here */
	unsigned int flags;
	int max_active;
	int nr_workers;
	int nr_idle;
	int nr_drainers;
	bool dying;
	bool registered;
	bool is_static;
	char name[WQ_NAME_LEN];
};

struct worker {
	struct list_head node;		/* in wq->workers */
	struct workqueue_struct *wq;
	host_thread_t thread;
	struct work_struct *current_work;
	work_func_t current_func;
	unsigned long current_seq;
	int id;
};

static struct host_mutex wq_lock;
static struct host_cond wq_done;
static LIST_HEAD(all_wqs);
static unsigned long wq_seq;		/* last queueing id issued */
static int next_worker_id;
static __thread struct worker *cur_worker;

static LIST_HEAD(timer_list_head);
static struct host_cond timer_cond;
static bool timer_started;

/* The system workqueues: static, so they exist before anything runs. */
#define SYSTEM_WQ(var, _name, _flags, _max)				\
static struct workqueue_struct var##_storage = {			\
	.worklist = LIST_HEAD_INIT(var##_storage.worklist),		\
	.workers = LIST_HEAD_INIT(var##_storage.workers),		\
	.node = LIST_HEAD_INIT(var##_storage.node),			\
	.flags = (_flags),						\
	.max_active = (_max),						\
	.is_static = true,						\
	.name = _name,							\
};									\
struct workqueue_struct *var = &var##_storage

SYSTEM_WQ(system_wq, "events", 0, WQ_DFL_ACTIVE);
EXPORT_SYMBOL(system_wq);
SYSTEM_WQ(system_highpri_wq, "events_highpri", WQ_HIGHPRI, WQ_DFL_ACTIVE);
EXPORT_SYMBOL(system_highpri_wq);
SYSTEM_WQ(system_long_wq, "events_long", 0, WQ_DFL_ACTIVE);
EXPORT_SYMBOL(system_long_wq);
SYSTEM_WQ(system_unbound_wq, "events_unbound", WQ_UNBOUND,
	  WQ_UNBOUND_MAX_ACTIVE);
EXPORT_SYMBOL(system_unbound_wq);
SYSTEM_WQ(system_freezable_wq, "events_freezable", WQ_FREEZABLE,
	  WQ_DFL_ACTIVE);
EXPORT_SYMBOL(system_freezable_wq);
SYSTEM_WQ(system_power_efficient_wq, "events_power_efficient",
	  WQ_POWER_EFFICIENT, WQ_DFL_ACTIVE);
EXPORT_SYMBOL(system_power_efficient_wq);
SYSTEM_WQ(system_freezable_power_efficient_wq,
	  "events_freezable_power_",	/* truncated to WQ_NAME_LEN, as in 6.1 */
	  WQ_FREEZABLE | WQ_POWER_EFFICIENT, WQ_DFL_ACTIVE);
EXPORT_SYMBOL(system_freezable_power_efficient_wq);

static inline long work_data(struct work_struct *work)
{
	return atomic_long_read(&work->data);
}

static inline void set_work_data(struct work_struct *work, long v)
{
	atomic_long_set(&work->data, v);
}

/* Wrap-safe "id a was issued no later than id b". */
static inline bool seq_le(unsigned long a, unsigned long b)
{
	return (long)(a - b) <= 0;
}

static int max_workers(struct workqueue_struct *wq)
{
	if (wq->flags & __WQ_ORDERED)
		return 1;
	return min(wq->max_active, WQ_MAX_WORKERS);
}

/* Is @work being run by a worker of @wq?  Caller holds wq_lock. */
static struct worker *executing_on(struct workqueue_struct *wq,
				   struct work_struct *work)
{
	struct worker *w;

	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work == work)
			return w;
	return NULL;
}

/* The most recent running instance of @work anywhere, or NULL. */
static struct worker *find_running(struct work_struct *work)
{
	struct workqueue_struct *wq;
	struct worker *found = NULL, *w;

	list_for_each_entry(wq, &all_wqs, node) {
		list_for_each_entry(w, &wq->workers, node) {
			if (w->current_work != work)
				continue;
			if (!found || seq_le(found->current_seq, w->current_seq))
				found = w;
		}
	}
	return found;
}

/* Is queueing @seq still queued or running?  Caller holds wq_lock. */
static bool instance_busy(unsigned long seq)
{
	struct workqueue_struct *wq;
	struct work_struct *work;
	struct worker *w;

	list_for_each_entry(wq, &all_wqs, node) {
		list_for_each_entry(work, &wq->worklist, entry)
			if (work->__seq == seq)
				return true;
		list_for_each_entry(w, &wq->workers, node)
			if (w->current_work && w->current_seq == seq)
				return true;
	}
	return false;
}

static struct work_struct *pick_work(struct workqueue_struct *wq)
{
	struct work_struct *work;

	list_for_each_entry(work, &wq->worklist, entry)
		if (!executing_on(wq, work))
			return work;
	return NULL;
}

static int count_runnable(struct workqueue_struct *wq)
{
	struct work_struct *work;
	int n = 0;

	list_for_each_entry(work, &wq->worklist, entry)
		if (!executing_on(wq, work))
			n++;
	return n;
}

static void *worker_thread(void *arg)
{
	struct worker *worker = arg;
	struct workqueue_struct *wq = worker->wq;

	cur_worker = worker;
	if (wq->flags & WQ_UNBOUND)
		snprintf(current->comm, sizeof(current->comm), "kworker/u0:%d",
			 worker->id);
	else
		snprintf(current->comm, sizeof(current->comm), "kworker/0:%d%s",
			 worker->id, wq->flags & WQ_HIGHPRI ? "H" : "");

	host_mutex_lock(&wq_lock);
	for (;;) {
		struct work_struct *work = pick_work(wq);
		work_func_t func;

		if (!work) {
			if (wq->dying)
				break;
			wq->nr_idle++;
			host_cond_wait(&wq->more_work, &wq_lock);
			wq->nr_idle--;
			continue;
		}
		list_del_init(&work->entry);
		func = work->func;
		worker->current_work = work;
		worker->current_func = func;
		worker->current_seq = work->__seq;
		/* Clear PENDING before the call: it may be queued again. */
		set_work_data(work, 0);
		host_mutex_unlock(&wq_lock);

		func(work);	/* may free @work */

		if (unlikely(in_atomic() || irqs_disabled())) {
			pr_err("BUG: workqueue leaked lock or atomic: %s/0x%08x/%d\n"
			       "     last function: %p\n", current->comm,
			       preempt_count(), current->pid,
			       (void *)func);
			/* Unlike Linux, give the next item a clean context. */
			__compat_ctx.preempt_count = 0;
			__compat_ctx.irqs_off = 0;
		}

		host_mutex_lock(&wq_lock);
		worker->current_work = NULL;
		worker->current_func = NULL;
		host_cond_broadcast(&wq_done);
	}
	host_mutex_unlock(&wq_lock);
	return NULL;
}

/* Start one more worker for @wq if it has runnable work nobody will take. */
static void maybe_start_worker(struct workqueue_struct *wq)
{
	struct worker *worker;

	if (wq->nr_workers >= max_workers(wq))
		return;
	if (count_runnable(wq) <= wq->nr_idle)
		return;
	worker = host_calloc(1, sizeof(*worker));
	worker->wq = wq;
	worker->id = next_worker_id++;
	if (host_thread_create(&worker->thread, worker_thread, worker)) {
		host_free(worker);
		if (!wq->nr_workers)
			compat_fatal("workqueue %s: cannot start a worker",
				     wq->name);
		return;
	}
	list_add_tail(&worker->node, &wq->workers);
	wq->nr_workers++;
}

/* Queue @work, whose PENDING bit the caller owns, on @wq.  Holds wq_lock. */
static void __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	bool chained = cur_worker && cur_worker->wq == wq;

	/* 6.1: only a work item of a draining workqueue may queue on it. */
	if (unlikely((wq->flags & __WQ_DRAINING) || wq->dying) &&
	    WARN_ON_ONCE(!chained || wq->dying))
		return;		/* PENDING stays set, as in Linux */

	if (!wq->registered) {
		list_add_tail(&wq->node, &all_wqs);
		wq->registered = true;
	}
	work->__seq = ++wq_seq;
	work->__wq = wq;
	list_add_tail(&work->entry, &wq->worklist);
	maybe_start_worker(wq);
	host_cond_broadcast(&wq->more_work);
}

/**
 * queue_work_on - queue work on a workqueue
 * @cpu: ignored (every CPU is CPU 0 here)
 * @wq: workqueue to use
 * @work: work to queue
 *
 * Returns %false if @work was already pending, %true if it was queued.
 * A work item that is running may be queued again: it runs again.
 * Context: any, including hardirq; never sleeps.
 */
bool queue_work_on(int cpu, struct workqueue_struct *wq,
		   struct work_struct *work)
{
	bool ret = false;

	host_mutex_lock(&wq_lock);
	if (!(work_data(work) & WORK_STRUCT_PENDING)) {
		set_work_data(work, work_data(work) | WORK_STRUCT_PENDING);
		__queue_work(wq, work);
		ret = true;
	}
	host_mutex_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL(queue_work_on);

static void *timer_thread(void *unused)
{
	snprintf(current->comm, sizeof(current->comm), "ktimers/0");
	host_mutex_lock(&wq_lock);
	for (;;) {
		struct delayed_work *dw, *tmp;
		unsigned long now = jiffies;
		long next = 0;

		list_for_each_entry_safe(dw, tmp, &timer_list_head,
					 __timer_entry) {
			long left = (long)(dw->__expires - now);

			if (left <= 0) {
				list_del_init(&dw->__timer_entry);
				__queue_work(dw->wq, &dw->work);
			} else if (!next || left < next) {
				next = left;
			}
		}
		if (!next)
			host_cond_wait(&timer_cond, &wq_lock);
		else
			host_cond_timedwait(&timer_cond, &wq_lock,
					    (u64)next * TICK_NS);
	}
	return NULL;
}

/* Arm the emulated timer of @dwork, whose PENDING bit the caller owns. */
static void __queue_delayed_work(struct workqueue_struct *wq,
				 struct delayed_work *dwork,
				 unsigned long delay)
{
	struct work_struct *work = &dwork->work;

	WARN_ON_ONCE(!wq);
	WARN_ON_ONCE(!list_empty(&dwork->__timer_entry));
	WARN_ON_ONCE(!list_empty(&work->entry));

	dwork->wq = wq;
	if (!delay) {
		__queue_work(wq, work);
		return;
	}
	if (!timer_started) {
		host_thread_t t;

		if (host_thread_create(&t, timer_thread, NULL))
			compat_fatal("workqueue: cannot start the timer thread");
		host_thread_detach(t);
		timer_started = true;
	}
	dwork->__expires = jiffies + delay;
	list_add_tail(&dwork->__timer_entry, &timer_list_head);
	host_cond_broadcast(&timer_cond);
}

/**
 * queue_delayed_work_on - queue work on a workqueue after a delay
 * @cpu: ignored
 * @wq: workqueue to use
 * @dwork: delayed work to queue
 * @delay: jiffies to wait; 0 queues at once
 *
 * Returns %false if @dwork was already pending, %true otherwise.  The work
 * is queued when jiffies reach jiffies + @delay, never earlier.
 * Context: any; never sleeps.
 */
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	struct work_struct *work = &dwork->work;
	bool ret = false;

	host_mutex_lock(&wq_lock);
	if (!(work_data(work) & WORK_STRUCT_PENDING)) {
		set_work_data(work, work_data(work) | WORK_STRUCT_PENDING);
		dwork->cpu = cpu;
		__queue_delayed_work(wq, dwork, delay);
		ret = true;
	}
	host_mutex_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL(queue_delayed_work_on);

/*
 * try_to_grab_pending - own @work's PENDING bit, taking it off its timer or
 * worklist.  Returns 1 if it was pending (now unlinked), 0 if it was idle
 * (PENDING now set by us), -ENOENT if someone is canceling it.  Holds
 * wq_lock.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork)
{
	long data = work_data(work);

	if (is_dwork) {
		struct delayed_work *dwork = to_delayed_work(work);

		if (!list_empty(&dwork->__timer_entry)) {
			list_del_init(&dwork->__timer_entry);
			return 1;
		}
	}
	if (!(data & WORK_STRUCT_PENDING)) {
		set_work_data(work, data | WORK_STRUCT_PENDING);
		return 0;
	}
	if (data & __WORK_STRUCT_CANCELING)
		return -ENOENT;
	if (!list_empty(&work->entry)) {
		list_del_init(&work->entry);
		host_cond_broadcast(&wq_done);
	}
	return 1;
}

/**
 * mod_delayed_work_on - modify the delay of, or queue, a delayed work
 * @cpu: ignored
 * @wq: workqueue to use
 * @dwork: delayed work
 * @delay: new delay in jiffies
 *
 * Returns %false if @dwork was idle and is now queued, %true if it was
 * pending (its timer is re-armed) -- and, as in 6.1, %true without
 * queueing if it is being canceled.
 * Context: any; never sleeps.
 */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
{
	int ret;

	host_mutex_lock(&wq_lock);
	ret = try_to_grab_pending(&dwork->work, true);
	if (ret >= 0) {
		dwork->cpu = cpu;
		__queue_delayed_work(wq, dwork, delay);
	}
	host_mutex_unlock(&wq_lock);
	return ret != 0;
}
EXPORT_SYMBOL(mod_delayed_work_on);

/*
 * Wait for the last queueing of @work to finish; caller holds wq_lock.
 * Returns false if @work was idle (or is the caller itself).
 */
static bool __flush_work(struct work_struct *work)
{
	unsigned long seq;
	struct worker *w;

	if (!list_empty(&work->entry)) {
		seq = work->__seq;
	} else {
		w = find_running(work);
		if (!w)
			return false;
		seq = w->current_seq;
	}
	if (WARN(cur_worker && cur_worker->current_work &&
		 cur_worker->current_seq == seq,
		 "workqueue: %s flushes itself (would deadlock)\n",
		 current->comm))
		return false;
	while (instance_busy(seq))
		host_cond_wait(&wq_done, &wq_lock);
	return true;
}

/**
 * flush_work - wait for a work to finish executing the last queueing
 * @work: the work to flush
 *
 * Returns %true if it waited, %false if @work was idle.  Like 6.1, a
 * delayed work still on its timer is idle here (see flush_delayed_work()).
 * Flushing the running work from inside itself would deadlock in Linux;
 * here it WARNs and returns %false.
 * Context: process; sleeps.
 */
bool flush_work(struct work_struct *work)
{
	bool ret;

	might_sleep();
	if (WARN_ON(!work->func))
		return false;
	host_mutex_lock(&wq_lock);
	ret = __flush_work(work);
	host_mutex_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL(flush_work);

/**
 * flush_delayed_work - queue a delayed work at once and flush it
 * @dwork: the delayed work
 *
 * If @dwork is on its timer it is queued now; then it is flushed as by
 * flush_work().  Returns %true if it waited, %false if @dwork was idle.
 * (Queueing and flushing happen under one lock hold, so a work taken off
 * its timer here always counts as waited for.)
 * Context: process; sleeps.
 */
bool flush_delayed_work(struct delayed_work *dwork)
{
	bool ret;

	might_sleep();
	if (WARN_ON(!dwork->work.func))
		return false;
	host_mutex_lock(&wq_lock);
	if (!list_empty(&dwork->__timer_entry)) {
		list_del_init(&dwork->__timer_entry);
		__queue_work(dwork->wq, &dwork->work);
	}
	ret = __flush_work(&dwork->work);
	host_mutex_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL(flush_delayed_work);

static bool __cancel_work(struct work_struct *work, bool is_dwork)
{
	int ret;

	host_mutex_lock(&wq_lock);
	ret = try_to_grab_pending(work, is_dwork);
	if (ret >= 0)
		set_work_data(work, 0);
	host_mutex_unlock(&wq_lock);
	return ret > 0;
}

/**
 * cancel_work - cancel a pending work without waiting for it to run
 * @work: the work
 *
 * Returns %true if @work was pending.  A running instance keeps running.
 * Context: any; never sleeps.
 */
bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}
EXPORT_SYMBOL(cancel_work);

/**
 * cancel_delayed_work - cancel a pending delayed work
 * @dwork: the delayed work
 *
 * Returns %true if @dwork was pending (on its timer or queued).  Does not
 * wait for a running instance.
 * Context: any; never sleeps.
 */
bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true);
}
EXPORT_SYMBOL(cancel_delayed_work);

static bool __cancel_work_timer(struct work_struct *work, bool is_dwork)
{
	struct worker *w;
	int ret;

	might_sleep();
	host_mutex_lock(&wq_lock);
	/* Someone else canceling: wait until they are done. */
	while ((ret = try_to_grab_pending(work, is_dwork)) == -ENOENT)
		host_cond_wait(&wq_done, &wq_lock);
	/* Queueing fails from now on: PENDING stays set while we wait. */
	set_work_data(work, WORK_STRUCT_PENDING | __WORK_STRUCT_CANCELING);
	for (;;) {
		w = find_running(work);
		if (!w)
			break;
		if (WARN(w == cur_worker,
			 "workqueue: %s cancels itself (would deadlock)\n",
			 current->comm))
			break;
		host_cond_wait(&wq_done, &wq_lock);
	}
	set_work_data(work, 0);
	host_cond_broadcast(&wq_done);
	host_mutex_unlock(&wq_lock);
	return ret > 0;
}

/**
 * cancel_work_sync - cancel a work and wait for it to finish
 * @work: the work
 *
 * On return @work is neither pending nor running, even if it re-queues
 * itself: queueing attempts fail while the cancel waits.
 * Returns %true if @work was pending.
 * Context: process; sleeps.
 */
bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_timer(work, false);
}
EXPORT_SYMBOL(cancel_work_sync);

/**
 * cancel_delayed_work_sync - cancel a delayed work and wait for it
 * @dwork: the delayed work
 *
 * Returns %true if @dwork was pending.
 * Context: process; sleeps.
 */
bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_timer(&dwork->work, true);
}
EXPORT_SYMBOL(cancel_delayed_work_sync);

/* Has @wq queued or running work issued no later than @upto?  Holds lock. */
static bool wq_busy_upto(struct workqueue_struct *wq, unsigned long upto)
{
	struct work_struct *work;
	struct worker *w;

	list_for_each_entry(work, &wq->worklist, entry)
		if (seq_le(work->__seq, upto))
			return true;
	list_for_each_entry(w, &wq->workers, node)
		if (w != cur_worker && w->current_work &&
		    seq_le(w->current_seq, upto))
			return true;
	return false;
}

/**
 * __flush_workqueue - wait for all work queued so far to finish
 * @wq: the workqueue (flush_workqueue() and flush_scheduled_work() call it)
 *
 * Work queued after the call starts, including re-queueing by the work
 * being flushed, is not waited for.  Delayed work still on its timer is
 * not waited for.  Called from a work item of @wq, Linux would deadlock;
 * here it WARNs and does not wait for the caller itself.
 * Context: process; sleeps.
 */
void __flush_workqueue(struct workqueue_struct *wq)
{
	unsigned long upto;

	might_sleep();
	host_mutex_lock(&wq_lock);
	upto = wq_seq;
	WARN(cur_worker && cur_worker->wq == wq,
	     "workqueue: %s flushes its own workqueue %s (would deadlock)\n",
	     current->comm, wq->name);
	while (wq_busy_upto(wq, upto))
		host_cond_wait(&wq_done, &wq_lock);
	host_mutex_unlock(&wq_lock);
}
EXPORT_SYMBOL(__flush_workqueue);

static bool wq_busy(struct workqueue_struct *wq)
{
	struct worker *w;

	if (!list_empty(&wq->worklist))
		return true;
	list_for_each_entry(w, &wq->workers, node)
		if (w != cur_worker && w->current_work)
			return true;
	return false;
}

/**
 * drain_workqueue - flush until the workqueue is empty
 * @wq: the workqueue
 *
 * While draining only @wq's own work items may queue on it (chained
 * work); other queueing WARNs and is dropped, as in 6.1.
 * Context: process; sleeps.
 */
void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned int tries = 0;
	bool busy;

	might_sleep();
	host_mutex_lock(&wq_lock);
	if (!wq->nr_drainers++)
		wq->flags |= __WQ_DRAINING;
	host_mutex_unlock(&wq_lock);

	for (;;) {
		__flush_workqueue(wq);
		host_mutex_lock(&wq_lock);
		busy = wq_busy(wq);
		host_mutex_unlock(&wq_lock);
		if (!busy)
			break;
		if (++tries == 10 || (tries % 100 == 0 && tries <= 1000))
			pr_warn("workqueue %s: %s() isn't complete after %u tries\n",
				wq->name, __func__, tries);
	}

	host_mutex_lock(&wq_lock);
	if (!--wq->nr_drainers)
		wq->flags &= ~__WQ_DRAINING;
	host_mutex_unlock(&wq_lock);
}
EXPORT_SYMBOL(drain_workqueue);

/**
 * alloc_workqueue - create a workqueue
 * @fmt: printf format for the name
 * @flags: WQ_* flags
 * @max_active: maximum work items running at once (0: default, 256)
 *
 * Unbound with @max_active 1 implies ordered, as in 6.1.  An out-of-range
 * @max_active is clamped with 6.1's warning.  Worker threads start at the
 * first queueing.  The structure comes from the host heap (emulation
 * bookkeeping), so fault injection does not fail it.
 * Returns the workqueue.
 * Context: process; may sleep.
 */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq;
	va_list args;
	int lim;

	might_sleep();
	if ((flags & WQ_UNBOUND) && max_active == 1)
		flags |= __WQ_ORDERED;

	wq = host_calloc(1, sizeof(*wq));
	va_start(args, max_active);
	host_vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);

	max_active = max_active ?: WQ_DFL_ACTIVE;
	lim = flags & WQ_UNBOUND ? WQ_UNBOUND_MAX_ACTIVE : WQ_MAX_ACTIVE;
	if (max_active < 1 || max_active > lim) {
		pr_warn("workqueue: max_active %d requested for %s is out of range, clamping between %d and %d\n",
			max_active, wq->name, 1, lim);
		max_active = clamp(max_active, 1, lim);
	}

	INIT_LIST_HEAD(&wq->worklist);
	INIT_LIST_HEAD(&wq->workers);
	INIT_LIST_HEAD(&wq->node);
	host_cond_init(&wq->more_work);
	wq->flags = flags;
	wq->max_active = max_active;
	return wq;
}
EXPORT_SYMBOL(alloc_workqueue);

/**
 * destroy_workqueue - drain and free a workqueue
 * @wq: the workqueue
 *
 * Drains @wq, stops its workers and frees it.  Delayed work still on its
 * timer for @wq would fire into freed memory in Linux; here it WARNs and
 * is dropped.  A system workqueue is never destroyed (WARN).
 * Context: process; sleeps.
 */
void destroy_workqueue(struct workqueue_struct *wq)
{
	struct delayed_work *dw, *tmp;
	struct worker *w, *wtmp;

	might_sleep();
	if (WARN(wq->is_static, "workqueue: destroying system workqueue %s\n",
		 wq->name))
		return;
	drain_workqueue(wq);

	host_mutex_lock(&wq_lock);
	list_for_each_entry_safe(dw, tmp, &timer_list_head, __timer_entry) {
		if (dw->wq != wq)
			continue;
		WARN(1, "workqueue %s: destroyed with delayed work %p on its timer\n",
		     wq->name, (void *)dw);
		list_del_init(&dw->__timer_entry);
		set_work_data(&dw->work, 0);
	}
	wq->dying = true;
	if (wq->registered)
		list_del_init(&wq->node);
	host_cond_broadcast(&wq->more_work);
	host_mutex_unlock(&wq_lock);

	/* Nobody else can reach @wq now; its workers exit once woken. */
	list_for_each_entry(w, &wq->workers, node)
		host_thread_join(w->thread);
	list_for_each_entry_safe(w, wtmp, &wq->workers, node)
		host_free(w);
	host_cond_destroy(&wq->more_work);
	host_free(wq);
}
EXPORT_SYMBOL(destroy_workqueue);

/**
 * current_work - the work item the calling worker is running, or NULL.
 * Context: any.
 */
struct work_struct *current_work(void)
{
	return cur_worker ? cur_worker->current_work : NULL;
}
EXPORT_SYMBOL(current_work);

/* No rescuers here: workers are created on demand and never lack memory. */
bool current_is_workqueue_rescuer(void)
{
	return false;
}
EXPORT_SYMBOL(current_is_workqueue_rescuer);

/**
 * work_busy - test whether a work is pending or running
 * @work: the work
 *
 * Returns WORK_BUSY_PENDING and/or WORK_BUSY_RUNNING; advisory only.
 * Context: any.
 */
unsigned int work_busy(struct work_struct *work)
{
	unsigned int ret = 0;

	host_mutex_lock(&wq_lock);
	if (work_data(work) & WORK_STRUCT_PENDING)
		ret |= WORK_BUSY_PENDING;
	if (find_running(work))
		ret |= WORK_BUSY_RUNNING;
	host_mutex_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL(work_busy);
