/* SPDX-License-Identifier: MIT */
/*
 * kthread.c - kernel threads over host threads (emulation of 6.1).
 *
 * Theory: each kthread has a struct kthread on the host heap, listed in
 * all_kthreads from kthread_create() until kthread_stop() has joined the
 * host thread, so the task_struct pointer (the thread's own thread-local
 * `current`) stays valid and unique for that whole time.  One host mutex,
 * kthread_lock, guards every struct kthread; kthread_cond is broadcast on
 * each state change (started, woken, should_stop, exited) and waiters
 * re-test their condition.
 *
 * Life of a kthread, as in 6.1: kthread_create() starts the host thread and
 * waits until it reports its task_struct; the thread then sleeps until
 * wake_up_process().  If kthread_stop() comes first, the function never
 * runs and the result is -EINTR.  Otherwise the function runs in process
 * context and its return value is what kthread_stop() returns.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/export.h>
#include "internal.h"

struct kthread {
	struct list_head node;		/* on all_kthreads */
	struct task_struct *task;	/* the thread's current; NULL at first */
	int (*threadfn)(void *data);
	void *data;
	host_thread_t thread;
	bool woken;			/* wake_up_process() or kthread_stop() */
	bool should_stop;
	bool exited;
	int result;
	char comm[TASK_COMM_LEN];
};

static struct host_mutex kthread_lock;
static struct host_cond kthread_cond;
static LIST_HEAD(all_kthreads);
static __thread struct kthread *self;

/* The kthread whose task is @task, or NULL.  Caller holds kthread_lock. */
static struct kthread *to_kthread(struct task_struct *task)
{
	struct kthread *k;

	list_for_each_entry(k, &all_kthreads, node)
		if (k->task == task)
			return k;
	return NULL;
}

static void *kthread_main(void *arg)
{
	struct kthread *k = arg;
	bool run;
	int ret = -EINTR;

	self = k;
	snprintf(current->comm, sizeof(current->comm), "%s", k->comm);
	current->state = TASK_UNINTERRUPTIBLE;

	host_mutex_lock(&kthread_lock);
	k->task = current;
	host_cond_broadcast(&kthread_cond);
	while (!k->woken)
		host_cond_wait(&kthread_cond, &kthread_lock);
	run = !k->should_stop;
	host_mutex_unlock(&kthread_lock);

	current->state = TASK_RUNNING;
	if (run)
		ret = k->threadfn(k->data);

	host_mutex_lock(&kthread_lock);
	k->result = ret;
	k->exited = true;
	host_cond_broadcast(&kthread_cond);
	host_mutex_unlock(&kthread_lock);
	return NULL;
}

/**
 * kthread_create_on_node - create a kthread
 * @threadfn: the function to run until kthread_should_stop()
 * @data: its argument
 * @node: ignored (no NUMA here)
 * @namefmt: printf format for the task name (current->comm, truncated to
 *           TASK_COMM_LEN - 1 characters)
 *
 * The thread exists on return but does not run @threadfn until
 * wake_up_process().  Returns its task, or ERR_PTR(-ENOMEM) when the host
 * cannot start a thread.
 * Context: process; sleeps.
 */
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
{
	struct kthread *k;
	struct task_struct *task;
	va_list args;

	might_sleep();
	k = host_calloc(1, sizeof(*k));
	k->threadfn = threadfn;
	k->data = data;
	va_start(args, namefmt);
	host_vsnprintf(k->comm, sizeof(k->comm), namefmt, args);
	va_end(args);

	host_mutex_lock(&kthread_lock);
	list_add_tail(&k->node, &all_kthreads);
	host_mutex_unlock(&kthread_lock);

	if (host_thread_create(&k->thread, kthread_main, k)) {
		host_mutex_lock(&kthread_lock);
		list_del(&k->node);
		host_mutex_unlock(&kthread_lock);
		host_free(k);
		return ERR_PTR(-ENOMEM);
	}

	host_mutex_lock(&kthread_lock);
	while (!k->task)
		host_cond_wait(&kthread_cond, &kthread_lock);
	task = k->task;
	host_mutex_unlock(&kthread_lock);
	return task;
}
EXPORT_SYMBOL(kthread_create_on_node);

/**
 * wake_up_process - wake a task
 * @tsk: the task
 *
 * Starts a kthread created by kthread_create(); otherwise sets the task
 * running.  (A task sleeping in schedule_timeout() still sleeps out its
 * time: sched.c has no early wake-up.)
 * Returns 1 if @tsk was not running, 0 if it was.
 * Context: any; never sleeps.
 */
int wake_up_process(struct task_struct *tsk)
{
	struct kthread *k;
	int woke = 0;

	host_mutex_lock(&kthread_lock);
	k = to_kthread(tsk);
	if (k && !k->woken) {
		k->woken = true;
		host_cond_broadcast(&kthread_cond);
		woke = 1;
	}
	host_mutex_unlock(&kthread_lock);
	if (__atomic_exchange_n(&tsk->state, TASK_RUNNING, __ATOMIC_RELAXED) !=
	    TASK_RUNNING)
		woke = 1;
	return woke;
}
EXPORT_SYMBOL(wake_up_process);

/**
 * kthread_should_stop - has kthread_stop() been called on this kthread?
 *
 * Returns %false in a task that is not a kthread (workqueue workers,
 * plain threads).
 * Context: any.
 */
bool kthread_should_stop(void)
{
	struct kthread *k = self;

	return k && __atomic_load_n(&k->should_stop, __ATOMIC_ACQUIRE);
}
EXPORT_SYMBOL(kthread_should_stop);

/**
 * kthread_stop - stop a kthread and reap it
 * @k: a task returned by kthread_create() and not yet stopped
 *
 * Sets should_stop, wakes @k (starting it if it never ran), waits for its
 * function to return and returns that value, or -EINTR if the function
 * never ran.  Also works if the function had already returned.  @k is
 * invalid afterwards.
 * Context: process; sleeps.
 */
int kthread_stop(struct task_struct *k)
{
	struct kthread *kt;
	int ret;

	might_sleep();
	host_mutex_lock(&kthread_lock);
	kt = to_kthread(k);
	if (WARN(!kt, "kthread_stop: task %p is not a kthread\n", (void *)k)) {
		host_mutex_unlock(&kthread_lock);
		return -EINVAL;
	}
	if (WARN(kt == self, "kthread_stop: %s stops itself (would deadlock)\n",
		 kt->comm)) {
		host_mutex_unlock(&kthread_lock);
		return -EINVAL;
	}
	__atomic_store_n(&kt->should_stop, true, __ATOMIC_RELEASE);
	kt->woken = true;
	host_cond_broadcast(&kthread_cond);
	host_mutex_unlock(&kthread_lock);
	wake_up_process(k);

	host_mutex_lock(&kthread_lock);
	while (!kt->exited)
		host_cond_wait(&kthread_cond, &kthread_lock);
	ret = kt->result;
	list_del(&kt->node);
	host_mutex_unlock(&kthread_lock);

	host_thread_join(kt->thread);
	host_free(kt);
	return ret;
}
EXPORT_SYMBOL(kthread_stop);

/**
 * kthread_bind - bind a kthread to a CPU before it runs
 * Nothing to do: every CPU is CPU 0 here.
 */
void kthread_bind(struct task_struct *k, unsigned int cpu)
{
}
EXPORT_SYMBOL(kthread_bind);

/**
 * kthread_data - the @data argument @k was created with.
 * Context: any.
 */
void *kthread_data(struct task_struct *k)
{
	struct kthread *kt;
	void *data;

	host_mutex_lock(&kthread_lock);
	kt = to_kthread(k);
	data = kt ? kt->data : NULL;
	host_mutex_unlock(&kthread_lock);
	WARN_ON(!kt);
	return data;
}
EXPORT_SYMBOL(kthread_data);

/**
 * kthread_func - the function @k runs, or NULL if @k is not a kthread.
 * Context: any.
 */
void *kthread_func(struct task_struct *k)
{
	struct kthread *kt;
	void *fn;

	host_mutex_lock(&kthread_lock);
	kt = to_kthread(k);
	fn = kt ? (void *)kt->threadfn : NULL;
	host_mutex_unlock(&kthread_lock);
	return fn;
}
EXPORT_SYMBOL(kthread_func);
