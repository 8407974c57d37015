/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_time.c - the "time" family's userspace-only details: every
 * misuse report (its counter, its one log line with the tag and this
 * file's name and line), the contexts delay() refuses, and how the calls
 * map onto the emulated Linux: the callback's softirq context, the
 * signals proc_signal() posts (Linux numbers), what drv_getparm() reads
 * from the current task, drv_priv() against capabilities.  The semantic
 * cases (timing, cancellation, conversions, device numbers) are in
 * tests/shared/cases_time.c.
 *
 * INCLUDE ORDER (as tests/ddi_test_common.h): built with -I include
 * first, so <sys/types.h> is the SVR5 one for the whole file; <stdint.h>
 * and <unistd.h> come before anything that includes it.  The compat
 * (Linux) headers come before the SVR5 ones, whose call macros
 * (timeout, delay ...) must not meet Linux code.  SVR5 signal numbers
 * come from <sys/signal.h>; the Linux numbers they map to are spelled
 * out below (compat's <linux/signal.h> would clash with them), and
 * errno values from <linux/errno.h> (EPERM is 1 on both systems).
 *
 * Fresh process per test (fork mode), debug layer on, log quiet.
 */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/cred.h>
#include <linux/jiffies.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>
#include <svr5compat/signal.h>

#include <sys/types.h>
#include <sys/ddi.h>
#include <sys/signal.h>
#include <svr5ddi/ddictl.h>

#include "check_util.h"

/* Linux's x86 numbers of the signals drivers send. */
#define LINUX_SIGHUP	1
#define LINUX_SIGINT	2
#define LINUX_SIGQUIT	3
#define LINUX_SIGURG	23
#define LINUX_SIGWINCH	28
#define LINUX_SIGIO	29
#define SIGBIT(n)	(1UL << ((n) - 1))

static struct svr5ddi_stats stats(void)
{
	struct svr5ddi_stats s;

	svr5ddi_get_stats(&s);
	return s;
}

static void setup(void)
{
	svr5ddi_set_debug(1);
	compat_log_quiet(true);
	compat_log_clear();
}

/* Exactly one report since @s0, with @tag. */
static void expect_one(const struct svr5ddi_stats *s0, int tag)
{
	struct svr5ddi_stats s1 = stats();
	int i;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		ck_assert_msg(s1.misuse[i] == s0->misuse[i] + (i == tag),
			      "misuse[%d] %lu, expected %lu", i, s1.misuse[i],
			      s0->misuse[i] + (i == tag));
}

static const char *basename_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/*
 * The log holds exactly one line with @head ("svr5ddi: CALL: TAG"),
 * containing @detail and naming this file at @line (0: "unknown site").
 */
static void expect_line(const char *head, const char *detail, int line)
{
	static char log[64 * 1024];
	char site[256];
	const char *l, *end;

	ck_assert_msg(compat_log_count(head) == 1, "%u lines with \"%s\"",
		      compat_log_count(head), head);
	compat_log_read(log, sizeof(log));
	l = strstr(log, head);
	ck_assert_ptr_nonnull(l);
	end = strchr(l, '\n');
	if (end)
		*(char *)end = '\0';
	if (detail)
		ck_assert_msg(strstr(l, detail) != NULL, "no \"%s\" in: %s",
			      detail, l);
	if (line)
		snprintf(site, sizeof(site), "%s:%d", basename_of(__FILE__),
			 line);
	else
		snprintf(site, sizeof(site), "unknown site");
	ck_assert_msg(strstr(l, site) != NULL, "no site %s in: %s", site, l);
}

struct probe {
	volatile int runs, started, finished;
	pl_t level;
	int softirq, hardirq, irqs_off;
	unsigned int preempt;
	struct task_struct *task;
	int spin_ms;
	toid_t self_id;
	volatile int self_line;
};

static void cb(void *arg)
{
	struct probe *p = arg;
	int i;

	p->level = getpl();
	p->softirq = !!in_serving_softirq();
	p->hardirq = !!in_hardirq();
	p->irqs_off = !!irqs_disabled();
	p->preempt = preempt_count();
	p->task = current;
	p->started = 1;
	for (i = 0; i < p->spin_ms; i++)
		drv_usecwait(1000);
	if (p->self_id) {
		p->self_line = __LINE__ + 1;
		untimeout(p->self_id);
	}
	p->runs++;
	p->finished = 1;
}

static void cb_c(caddr_t arg)
{
	cb(arg);
}

static int wait_runs(struct probe *p, int n)
{
	int ms;

	for (ms = 0; ms < 3000 && p->runs < n; ms++)
		usleep(1000);
	return p->runs >= n;
}

/* ---- misuse reports -------------------------------------------------------- */

START_TEST(itimeout_negative_ticks)
{
	struct svr5ddi_stats s0 = stats();
	struct probe p = { 0 };
	int line = __LINE__ + 1;
	toid_t id = itimeout(cb, &p, -5, pltimeout);

	ck_assert_int_ne(id, 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: itimeout: bad argument", "ticks -5 (negative)",
		    line);
	ck_assert(wait_runs(&p, 1));		/* scheduled anyway: 1 tick */
}
END_TEST

START_TEST(itimeout_bad_levels)
{
	struct svr5ddi_stats s0 = stats();
	struct probe p = { 0 }, q = { 0 };
	int line = __LINE__ + 1;
	toid_t id = itimeout(cb, &p, 1, plbase);

	ck_assert_int_ne(id, 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_LEVEL);
	expect_line("svr5ddi: itimeout: bad priority level", "pl 0", line);
	ck_assert(wait_runs(&p, 1));
	ck_assert_int_eq(p.level, pltimeout);	/* raised to the minimum */
	ck_assert_int_ne(itimeout(cb, &q, 1, plhi + 1), 0);
	ck_assert(wait_runs(&q, 1));
	ck_assert_int_eq(q.level, plhi);
}
END_TEST

START_TEST(itimeout_null_function)
{
	struct svr5ddi_stats s0 = stats();
	int line = __LINE__ + 1;
	toid_t id = itimeout(NULL, NULL, 1, pltimeout);

	ck_assert_int_eq(id, 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: itimeout: bad argument", "NULL function", line);
}
END_TEST

START_TEST(dtimeout_offline_processor)
{
	struct svr5ddi_stats s0 = stats();
	struct probe p = { 0 };
	int line = __LINE__ + 1;
	toid_t id = dtimeout(cb, &p, 1, pldisk, 4096);

	ck_assert_int_ne(id, 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: dtimeout: bad argument",
		    "processor 4096 not online", line);
	ck_assert(wait_runs(&p, 1));
	ck_assert_int_eq(p.level, pldisk);
}
END_TEST

START_TEST(timeout_negative_ticks)
{
	struct svr5ddi_stats s0 = stats();
	struct probe p = { 0 };
	int line = __LINE__ + 1;
	int id = timeout(cb_c, (caddr_t)&p, -1);

	ck_assert_int_ne(id, 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: timeout: bad argument", "ticks -1", line);
	ck_assert(wait_runs(&p, 1));
	ck_assert_int_eq(p.level, plhi);
}
END_TEST

START_TEST(untimeout_above_its_level)
{
	struct svr5ddi_stats s0;
	struct probe p = { 0 };
	toid_t id = itimeout(cb, &p, 25, pltimeout);
	pl_t s;
	int line;

	ck_assert_int_ne(id, 0);
	s0 = stats();
	s = splhi();
	line = __LINE__ + 1;
	untimeout(id);
	splx(s);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_LEVEL);
	expect_line("svr5ddi: untimeout: bad priority level",
		    "called at pl 8 above the timeout's pl 1", line);
	usleep(120000);
	ck_assert_int_eq(p.runs, 0);		/* cancelled all the same */
}
END_TEST

START_TEST(untimeout_from_own_callback)
{
	struct svr5ddi_stats s0 = stats();
	struct probe p = { 0 };
	toid_t id = itimeout(cb, &p, 3 | TO_PERIODIC, plstr);
	int runs, ms;

	p.self_id = id;
	/* the run that cancels itself (an earlier one may have missed id) */
	for (ms = 0; ms < 3000 && !p.self_line; ms++)
		usleep(1000);
	ck_assert_int_ne(p.self_line, 0);
	usleep(2000);
	runs = p.runs;
	usleep(30000);
	ck_assert_int_eq(p.runs, runs);		/* not re-armed */
	expect_one(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT);
	expect_line("svr5ddi: untimeout: wrong context",
		    "cancelled from its own callback", p.self_line);
}
END_TEST

struct delay_arg {
	long ticks;
	int line;
};

static void do_delay(void *arg)
{
	struct delay_arg *d = arg;

	d->line = __LINE__ + 1;
	delay(d->ticks);
}

START_TEST(delay_in_hardirq)
{
	struct svr5ddi_stats s0 = stats();
	struct delay_arg d = { 50, 0 };
	unsigned long j0 = jiffies;

	compat_run_in_hardirq(do_delay, &d);
	ck_assert(time_before(jiffies, j0 + 25));	/* did not sleep */
	expect_one(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT);
	expect_line("svr5ddi: delay: wrong context",
		    "interrupt context (hardirq)", d.line);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

START_TEST(delay_in_softirq)
{
	struct svr5ddi_stats s0 = stats();
	struct delay_arg d = { 50, 0 };

	compat_run_in_softirq(do_delay, &d);
	expect_one(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT);
	expect_line("svr5ddi: delay: wrong context",
		    "interrupt context (softirq)", d.line);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

START_TEST(delay_with_spin_lock)
{
	static DEFINE_SPINLOCK(lock);
	struct svr5ddi_stats s0 = stats();
	int line;

	spin_lock(&lock);
	line = __LINE__ + 1;
	delay(2);
	spin_unlock(&lock);
	expect_one(&s0, SVR5DDI_MISUSE_SLEEP_WITH_LOCK);
	expect_line("svr5ddi: delay: sleep with a spin lock held",
		    "not sleeping", line);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
}
END_TEST

START_TEST(delay_at_raised_level)
{
	struct svr5ddi_stats s0 = stats();
	pl_t s = spldisk();
	int line;

	line = __LINE__ + 1;
	delay(2);
	splx(s);
	expect_one(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT);
	expect_line("svr5ddi: delay: wrong context",
		    "interrupts masked (pl 5)", line);
}
END_TEST

START_TEST(delay_negative_and_zero)
{
	struct svr5ddi_stats s0 = stats();
	int line;

	line = __LINE__ + 1;
	delay(-3);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: delay: bad argument", "ticks -3", line);
	s0 = stats();
	delay(0);
	expect_one(&s0, -1);
}
END_TEST

static void getparm_ppid(void *arg)
{
	ulong_t v = 0, lb = 0;

	ck_assert_int_eq(drv_getparm(LBOLT, &lb), 0);	/* fine here */
	*(int *)arg = __LINE__ + 1;
	ck_assert_int_eq(drv_getparm(PPID, &v), 0);	/* reported, done */
	ck_assert_uint_ne(v, 0);
}

START_TEST(getparm_process_in_interrupt)
{
	struct svr5ddi_stats s0 = stats();
	int line = 0;

	compat_run_in_hardirq(getparm_ppid, &line);
	expect_one(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT);
	expect_line("svr5ddi: drv_getparm: wrong context",
		    "PPID in interrupt context", line);
}
END_TEST

START_TEST(getparm_null_pointer)
{
	struct svr5ddi_stats s0 = stats();
	int line;

	line = __LINE__ + 1;
	ck_assert_int_eq(drv_getparm(LBOLT, NULL), -1);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: drv_getparm: bad argument", "NULL value pointer",
		    line);
	s0 = stats();
	ck_assert_int_eq(drv_getparm(77, NULL), -1);	/* unknown: silent */
	expect_one(&s0, -1);
}
END_TEST

struct ref_arg {
	void *ref;
	int line;
};

static void ref_in_irq(void *arg)
{
	struct ref_arg *r = arg;

	r->line = __LINE__ + 1;
	r->ref = proc_ref();
}

START_TEST(proc_ref_in_interrupt)
{
	struct svr5ddi_stats s0 = stats();
	struct ref_arg r = { (void *)1, 0 };

	compat_run_in_hardirq(ref_in_irq, &r);
	ck_assert_ptr_null(r.ref);
	expect_one(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT);
	expect_line("svr5ddi: proc_ref: wrong context", "interrupt context",
		    r.line);
}
END_TEST

START_TEST(proc_signal_bad_signals)
{
	void *ref = proc_ref();
	struct svr5ddi_stats s0 = stats();
	int line;

	line = __LINE__ + 1;
	ck_assert_int_eq(proc_signal(ref, SIGTSTP), 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: proc_signal: bad argument",
		    "(SIGTSTP) only comes from a stream", line);
	compat_log_clear();
	s0 = stats();
	line = __LINE__ + 1;
	ck_assert_int_eq(proc_signal(ref, 9), 0);	/* SIGKILL: not allowed */
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: proc_signal: bad argument",
		    "signal 9 is not one drivers may send", line);
	ck_assert_uint_eq(compat_pid_signals(ref), 0);	/* nothing posted */
	proc_unref(ref);
}
END_TEST

START_TEST(unknown_site)
{
	struct svr5ddi_stats s0 = stats();
	struct probe p = { 0 };

	ck_assert_int_ne((itimeout)(cb, &p, -2, pltimeout), 0);
	expect_one(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT);
	expect_line("svr5ddi: itimeout: bad argument", "ticks -2", 0);
	ck_assert(wait_runs(&p, 1));
}
END_TEST

/* ---- the mapping onto Linux ----------------------------------------------- */

START_TEST(callback_context)
{
	struct probe p = { 0 };

	ck_assert_int_ne(itimeout(cb, &p, 1, pldisk), 0);
	ck_assert(wait_runs(&p, 1));
	ck_assert_int_eq(p.softirq, 1);		/* the timer softirq */
	ck_assert_int_eq(p.hardirq, 0);
	ck_assert_int_eq(p.irqs_off, 1);	/* above plbase */
	ck_assert_uint_eq(p.preempt, SOFTIRQ_OFFSET);
	ck_assert_int_eq(p.level, pldisk);
	ck_assert_ptr_ne(p.task, current);
}
END_TEST

struct hard_cancel {
	toid_t id;
	struct probe *p;
	int finished_at_return;
};

static void cancel_in_hardirq(void *arg)
{
	struct hard_cancel *h = arg;

	untimeout(h->id);
	h->finished_at_return = h->p->finished;
}

START_TEST(untimeout_in_hardirq_waits)
{
	struct probe p = { 0 };
	struct hard_cancel h = { 0 };
	struct svr5ddi_stats s0 = stats();
	int ms;

	p.spin_ms = 40;
	h.p = &p;
	h.id = itimeout(cb, &p, 1, pltimeout);
	for (ms = 0; ms < 3000 && !p.started; ms++)
		usleep(1000);
	ck_assert(p.started);
	compat_run_in_hardirq(cancel_in_hardirq, &h);
	ck_assert_int_eq(h.finished_at_return, 1);
	expect_one(&s0, -1);
}
END_TEST

START_TEST(proc_signal_posts_linux_numbers)
{
	void *ref = proc_ref();
	struct svr5ddi_stats s0 = stats();

	ck_assert_ptr_nonnull(ref);
	ck_assert_int_eq(proc_signal(ref, SIGHUP), 0);
	ck_assert_uint_eq(compat_pid_signals(ref), SIGBIT(LINUX_SIGHUP));
	ck_assert_int_eq(proc_signal(ref, SIGINT), 0);
	ck_assert_int_eq(proc_signal(ref, SIGQUIT), 0);
	ck_assert_int_eq(proc_signal(ref, SIGWINCH), 0);
	ck_assert_int_eq(proc_signal(ref, SIGURG), 0);
	ck_assert_int_eq(proc_signal(ref, SIGPOLL), 0);
	ck_assert_int_eq(proc_signal(ref, SIGWAITING), 0);	/* no-op */
	ck_assert_uint_eq(compat_pid_signals(ref),
			  SIGBIT(LINUX_SIGHUP) | SIGBIT(LINUX_SIGINT) |
			  SIGBIT(LINUX_SIGQUIT) | SIGBIT(LINUX_SIGWINCH) |
			  SIGBIT(LINUX_SIGURG) | SIGBIT(LINUX_SIGIO));
	expect_one(&s0, -1);
	proc_unref(ref);
}
END_TEST

START_TEST(getparm_reads_the_current_task)
{
	ulong_t v = 0;
	time_t now = time(NULL);
	unsigned long j;

	ck_assert_int_eq(drv_getparm(PPID, &v), 0);
	ck_assert_uint_eq(v, (ulong_t)current->pid);
	ck_assert_int_eq(drv_getparm(UPROCP, &v), 0);
	ck_assert_uint_eq(v, (ulong_t)current);
	ck_assert_int_eq(drv_getparm(UCRED, &v), 0);
	ck_assert_uint_eq(v, (ulong_t)current_cred());
	ck_assert_int_eq(drv_getparm(PPGRP, &v), 0);
	ck_assert_uint_eq(v, 1);		/* the emulation's one group */
	ck_assert_int_eq(drv_getparm(PSID, &v), 0);
	ck_assert_uint_eq(v, 1);
	j = jiffies - INITIAL_JIFFIES;
	ck_assert_int_eq(drv_getparm(LBOLT, &v), 0);
	ck_assert(v >= j && v <= j + 1);
	ck_assert(TICKS() >= (clock_t)v);
	ck_assert_int_eq(drv_getparm(TIME, &v), 0);
	ck_assert((time_t)v >= now && (time_t)v <= now + 2);
	ck_assert_int_eq(Hz, HZ);
}
END_TEST

START_TEST(drv_priv_follows_capabilities)
{
	struct cred *c;
	ulong_t v = 0;

	ck_assert_int_eq(drv_priv((cred_t *)current_cred()), 0);
	c = prepare_creds();
	ck_assert_ptr_nonnull(c);
	cap_lower(c->cap_effective, CAP_SYS_ADMIN);
	ck_assert_int_eq(drv_priv(c), EPERM);		/* not current */
	ck_assert_int_eq(drv_priv((cred_t *)current_cred()), 0);
	commit_creds(c);
	ck_assert_int_eq(drv_getparm(UCRED, &v), 0);
	ck_assert_int_eq(drv_priv((cred_t *)v), EPERM);	/* capable() */
	c = prepare_creds();
	cap_raise(c->cap_effective, CAP_SYS_ADMIN);
	commit_creds(c);
	ck_assert_int_eq(drv_priv((cred_t *)current_cred()), 0);
}
END_TEST

/* ---- timeouts still pending at unload ------------------------------------ */

/* <sys/wait.h> would bring the C library's signal numbers, which clash
 * with the SVR5 ones of <sys/signal.h>; <stdlib.h> has the W* macros. */
extern pid_t waitpid(pid_t pid, int *status, int options);

static void say(const char *s)
{
	ssize_t n = write(2, s, strlen(s));

	(void)n;
}

static void unload_cb(void *arg)
{
	say((const char *)arg);
}

static void unload_cb_c(caddr_t arg)
{
	say((const char *)arg);
}

#define LEAK_HEAD	"svr5ddi: untimeout: leak: timeout id "

/* @out has a leak line "... set at <path>check_ddi_time.c:@line still
 * pending at unload; cancelled". */
static bool leak_names_site(const char *out, int line)
{
	char want[128];
	const char *hit, *bol;

	snprintf(want, sizeof(want), "%s:%d still pending at unload; cancelled\n",
		 basename_of(__FILE__), line);
	hit = strstr(out, want);
	if (!hit) {
		fprintf(stderr, "no \"%s\" in:\n%s", want, out);
		return false;
	}
	for (bol = hit; bol > out && bol[-1] != '\n'; bol--)
		;
	return !strncmp(bol, LEAK_HEAD, strlen(LEAK_HEAD)) &&
		strstr(bol, " set at ") && strstr(bol, " set at ") < hit;
}

/*
 * In a process of its own (fork before any use of the library, so the
 * child has its own timer thread and runs module_exit at its exit), with
 * its log on stderr: one timeout that fires, then an itimeout and a
 * timeout still pending at exit.  Each pending one is reported once as
 * the driver's leak, naming its call site, and never runs.
 */
START_TEST(pending_timeouts_cancelled_at_unload)
{
	static char out[16384];
	int fd[2], status = 0, line_i = 0, line_t = 0, lines[2];
	size_t len = 0;
	ssize_t n;
	pid_t pid;
	char want[64];
	const char *l;

	ck_assert_int_eq(pipe(fd), 0);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct probe p = { 0 };

		close(fd[0]);
		dup2(fd[1], 2);
		compat_log_quiet(false);
		svr5ddi_set_debug(1);
		ck_assert_int_ne(itimeout(cb, &p, 1, pltimeout), 0);
		if (!wait_runs(&p, 1))
			_exit(3);
		say("fired ok\n");
		lines[0] = __LINE__ + 1;
		if (!itimeout(unload_cb, "itimeout ran\n", 100 * Hz, pltimeout))
			_exit(4);
		lines[1] = __LINE__ + 1;
		if (!timeout(unload_cb_c, "timeout ran\n", 100 * Hz))
			_exit(5);
		snprintf(want, sizeof(want), "sites %d %d\n", lines[0],
			 lines[1]);
		say(want);
		exit(0);			/* module_exit runs */
	}
	close(fd[1]);
	while (len < sizeof(out) - 1 &&
	       (n = read(fd[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "child status %#x, output:\n%s", status, out);
	ck_assert_ptr_nonnull(strstr(out, "fired ok\n"));
	l = strstr(out, "sites ");
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(sscanf(l, "sites %d %d", &line_i, &line_t), 2);

	/* one leak line per pending call, with its site */
	l = out;
	n = 0;
	while ((l = strstr(l, LEAK_HEAD)) != NULL) {
		n++;
		l++;
	}
	ck_assert_msg(n == 2, "%zd leak lines in:\n%s", n, out);
	ck_assert(leak_names_site(out, line_i));
	ck_assert(leak_names_site(out, line_t));
	/* cancelled, not run */
	ck_assert_ptr_null(strstr(out, "itimeout ran"));
	ck_assert_ptr_null(strstr(out, "timeout ran"));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_time");
	TCase *tc;

	tc = tcase_create("misuse");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, itimeout_negative_ticks);
	tcase_add_test(tc, itimeout_bad_levels);
	tcase_add_test(tc, itimeout_null_function);
	tcase_add_test(tc, dtimeout_offline_processor);
	tcase_add_test(tc, timeout_negative_ticks);
	tcase_add_test(tc, untimeout_above_its_level);
	tcase_add_test(tc, untimeout_from_own_callback);
	tcase_add_test(tc, delay_in_hardirq);
	tcase_add_test(tc, delay_in_softirq);
	tcase_add_test(tc, delay_with_spin_lock);
	tcase_add_test(tc, delay_at_raised_level);
	tcase_add_test(tc, delay_negative_and_zero);
	tcase_add_test(tc, getparm_process_in_interrupt);
	tcase_add_test(tc, getparm_null_pointer);
	tcase_add_test(tc, proc_ref_in_interrupt);
	tcase_add_test(tc, proc_signal_bad_signals);
	tcase_add_test(tc, unknown_site);
	suite_add_tcase(s, tc);

	tc = tcase_create("linux");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, callback_context);
	tcase_add_test(tc, untimeout_in_hardirq_waits);
	tcase_add_test(tc, proc_signal_posts_linux_numbers);
	tcase_add_test(tc, getparm_reads_the_current_task);
	tcase_add_test(tc, drv_priv_follows_capabilities);
	suite_add_tcase(s, tc);

	/* no fixture: the test forks before the library is used */
	tc = tcase_create("unload");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, pending_timeouts_cancelled_at_unload);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
