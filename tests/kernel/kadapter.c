// SPDX-License-Identifier: MIT
/*
 * kadapter.c - the kernel adapter of the shared DDI cases
 * (tests/shared/ddi_case.h) for svr5ddi_test.ko.
 *
 * Theory: cases run one at a time from module_init (process context), so
 * the "current case" state is plain module data.  dc_run_in_interrupt()
 * queues an irq_work (on x86 a self-IPI: a real hardirq) and waits for it
 * with irq_work_sync(); threads are kthreads joined through a completion.
 * Expected diagnostics are bracketed on the console by "# expect-begin" /
 * "# expect-end" lines, inside which check-kernel.sh tolerates svr5ddi's
 * own "WARNING: svr5ddi: ..." misuse lines (and nothing else).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/signal.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/delay.h>
#include <svr5ddi/ddictl.h>
#include "kadapter.h"

static int dc_nfailed;

void dc_fail(const char *file, int line, const char *expr)
{
	dc_nfailed++;
	pr_info("    # %s:%d: check failed: %s\n", file, line, expr);
}

int dc_failed(void)
{
	return dc_nfailed != 0;
}

static int dc_saved_debug;

/* Each shared case runs with the debug layer on, as in userspace. */
void kadapter_case_begin(void)
{
	dc_nfailed = 0;
	dc_saved_debug = svr5ddi_debug_enabled();
	svr5ddi_set_debug(1);
}

void kadapter_case_end(void)
{
	svr5ddi_set_debug(dc_saved_debug);
}

struct dc_irq {
	struct irq_work work;
	void (*fn)(void *);
	void *arg;
};

static void dc_irq_fn(struct irq_work *w)
{
	struct dc_irq *d = container_of(w, struct dc_irq, work);

	d->fn(d->arg);
}

void dc_run_in_interrupt(void (*fn)(void *), void *arg)
{
	struct dc_irq d = { .fn = fn, .arg = arg };

	init_irq_work(&d.work, dc_irq_fn);
	irq_work_queue(&d.work);
	irq_work_sync(&d.work);
}

struct dc_thread {
	void (*fn)(void *);
	void *arg;
	struct completion done;
};

static int dc_thread_main(void *p)
{
	struct dc_thread *t = p;

	allow_signal(SIGHUP);	/* cases interrupt waits with proc_signal() */
	t->fn(t->arg);
	complete(&t->done);
	return 0;
}

struct dc_thread *dc_thread_start(void (*fn)(void *), void *arg)
{
	struct dc_thread *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct task_struct *task;

	if (!t) {
		dc_fail(__FILE__, __LINE__, "kzalloc");
		fn(arg);		/* keep the case's protocol going */
		return NULL;
	}
	t->fn = fn;
	t->arg = arg;
	init_completion(&t->done);
	task = kthread_run(dc_thread_main, t, "dc_thread");
	if (IS_ERR(task)) {
		dc_fail(__FILE__, __LINE__, "kthread_run");
		kfree(t);
		fn(arg);
		return NULL;
	}
	return t;
}

void dc_thread_join(struct dc_thread *t)
{
	if (!t)
		return;
	wait_for_completion(&t->done);
	kfree(t);
}

void dc_msleep(unsigned int ms)
{
	msleep(ms);
}

static unsigned long dc_misuse_total(void)
{
	struct svr5ddi_stats st;

	svr5ddi_get_stats(&st);
	return st.misuse_total;
}

static unsigned long dc_expect_base;
static unsigned long dc_expected;	/* misuse reports the cases expected */

unsigned long kadapter_expected_misuse(void)
{
	return dc_expected;
}

void dc_expect_begin(void)
{
	pr_info("# expect-begin\n");
	dc_expect_base = dc_misuse_total();
}

unsigned long dc_expect_end(void)
{
	unsigned long n = dc_misuse_total() - dc_expect_base;

	pr_info("# expect-end\n");
	dc_expected += n;
	return n;
}
