/* SPDX-License-Identifier: MIT */
/*
 * linux/workqueue.h - deferred work (emulation of 6.1).
 *
 * Same contract as Linux: a work item is queued at most once at a time (the
 * PENDING bit in ->data; queue_work() returns false while it is set),
 * PENDING is cleared just before the function runs, so a work queued again
 * while it runs runs again, and an item never runs concurrently with itself
 * on one workqueue.  Work runs in process context on worker threads named
 * "kworker/...", started at the first queueing.  Delayed work waits on one
 * emulated timer (there is no struct timer_list) and is queued when jiffies
 * reach its expiry, as a timer would queue it.  system_wq and friends are
 * statically initialised: usable before anything else has run.
 *
 * The fields named __* are the emulation's bookkeeping: never touch them.
 */
#ifndef _COMPAT_LINUX_WORKQUEUE_H
#define _COMPAT_LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/container_of.h>

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

enum {
	WORK_STRUCT_PENDING_BIT	= 0,
	WORK_STRUCT_PENDING	= 1 << WORK_STRUCT_PENDING_BIT,
	/* emulation: cancel_work_sync() in progress (Linux: OFFQ_CANCELING) */
	__WORK_STRUCT_CANCELING	= 1 << 4,

	WORK_CPU_UNBOUND	= 64,	/* NR_CPUS in Debian's config is larger */
};

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
	/* emulation */
	struct workqueue_struct *__wq;	/* where last queued */
	unsigned long __seq;		/* id of the queued instance */
};

struct delayed_work {
	struct work_struct work;
	struct workqueue_struct *wq;	/* target of the timer */
	int cpu;
	/* emulation: the timer */
	struct list_head __timer_entry;
	unsigned long __expires;	/* jiffies */
};

#define WORK_DATA_INIT()	ATOMIC_LONG_INIT(0)
#define WORK_DATA_STATIC_INIT()	ATOMIC_LONG_INIT(0)

#define __WORK_INITIALIZER(n, f) {					\
	.data = WORK_DATA_STATIC_INIT(),				\
	.entry = { &(n).entry, &(n).entry },				\
	.func = (f),							\
}

#define __DELAYED_WORK_INITIALIZER(n, f, tflags) {			\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.cpu = WORK_CPU_UNBOUND,					\
	.__timer_entry = LIST_HEAD_INIT((n).__timer_entry),		\
}

#define DECLARE_WORK(n, f)						\
	struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)

#define INIT_WORK(_work, _func) do {					\
	struct work_struct *__w = (_work);				\
	atomic_long_set(&__w->data, 0);					\
	INIT_LIST_HEAD(&__w->entry);					\
	__w->func = (_func);						\
	__w->__wq = NULL;						\
	__w->__seq = 0;							\
} while (0)
#define INIT_WORK_ONSTACK(_work, _func)	INIT_WORK(_work, _func)
#define destroy_work_on_stack(work)	do { (void)(work); } while (0)
#define destroy_delayed_work_on_stack(work) do { (void)(work); } while (0)

#define INIT_DELAYED_WORK(_dwork, _func) do {				\
	struct delayed_work *__dw = (_dwork);				\
	INIT_WORK(&__dw->work, (_func));				\
	__dw->wq = NULL;						\
	__dw->cpu = WORK_CPU_UNBOUND;					\
	INIT_LIST_HEAD(&__dw->__timer_entry);				\
	__dw->__expires = 0;						\
} while (0)
#define INIT_DELAYED_WORK_ONSTACK(w, f)	INIT_DELAYED_WORK(w, f)
#define INIT_DEFERRABLE_WORK(w, f)	INIT_DELAYED_WORK(w, f)

#define work_data_bits(work)	((unsigned long *)(&(work)->data))
#define work_pending(work)						\
	((atomic_long_read(&(work)->data) & WORK_STRUCT_PENDING) != 0)
#define delayed_work_pending(w)	work_pending(&(w)->work)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define from_work(var, callback_work, work_fieldname)	\
	container_of(callback_work, typeof(*var), work_fieldname)

/* alloc_workqueue() flags, with 6.1's values. */
enum {
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,

	__WQ_DRAINING		= 1 << 16,
	__WQ_ORDERED		= 1 << 17,
	__WQ_LEGACY		= 1 << 18,
	__WQ_ORDERED_EXPLICIT	= 1 << 19,

	WQ_MAX_ACTIVE		= 512,
	WQ_MAX_UNBOUND_PER_CPU	= 4,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,
};
#define WQ_UNBOUND_MAX_ACTIVE	WQ_MAX_ACTIVE

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...) __printf(1, 4);

#define alloc_ordered_workqueue(fmt, flags, args...)			\
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED |		\
			__WQ_ORDERED_EXPLICIT | (flags), 1, ##args)
#define create_workqueue(name)						\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)				\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND |	\
			WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name)				\
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

void destroy_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
void __flush_workqueue(struct workqueue_struct *wq);
#define flush_workqueue(wq)	__flush_workqueue(wq)
#define flush_scheduled_work()	__flush_workqueue(system_wq)

bool queue_work_on(int cpu, struct workqueue_struct *wq,
		   struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay);

bool flush_work(struct work_struct *work);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);

struct work_struct *current_work(void);
bool current_is_workqueue_rescuer(void);
unsigned int work_busy(struct work_struct *work);
#define WORK_BUSY_PENDING	(1 << 0)
#define WORK_BUSY_RUNNING	(1 << 1)

static inline bool queue_work(struct workqueue_struct *wq,
			      struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq,
				      struct delayed_work *dwork,
				      unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool mod_delayed_work(struct workqueue_struct *wq,
				    struct delayed_work *dwork,
				    unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork,
					 unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

#endif
