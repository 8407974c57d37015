/* SPDX-License-Identifier: MIT */
/*
 * ddi_case.h - shared DDI test cases: written once, run twice.
 *
 * A case is a void function written like driver code: SVR5 headers
 * (<sys/...>), <svr5ddi/ddictl.h> and this header only; no libc, no Linux,
 * no Check.  Two adapters run the same case tables:
 *   userspace  tests/check_ddi_shared.c: one Check TCase per family, one
 *              test per case, each in a forked child over compat/;
 *   kernel     tests/kernel/ktest.c: svr5ddi_test.ko runs every case not
 *              marked DDI_CASE_USER_ONLY and prints one KTAP line each.
 *
 * Checks never abort: DC_CHECK records the first failure (file, line,
 * expression) and the case goes on; DC_REQUIRE records and returns from
 * the case function (use it where going on would dereference NULL).  A
 * case fails if any check failed, in both environments alike.
 *
 * The environment calls (dc_*) are what a case may not do portably by
 * itself: run code in interrupt context, start and join a thread, sleep.
 * A family's table ends with DDI_CASES_END and is listed in
 * tests/shared/ddi_cases.h.
 */
#ifndef _SVR5DDI_TESTS_DDI_CASE_H
#define _SVR5DDI_TESTS_DDI_CASE_H

struct ddi_case {
	const char *name;
	void (*fn)(void);
	unsigned int flags;
};

/* needs emulation-only controls (fault injection, fragmentation, models) */
#define DDI_CASE_USER_ONLY	0x1

#define DDI_CASES_END	{ 0, 0, 0 }

/* Provided by each adapter. */
void dc_fail(const char *file, int line, const char *expr);
int dc_failed(void);			/* the current case has failed */

#define DC_CHECK(cond)							\
	do {								\
		if (!(cond))						\
			dc_fail(__FILE__, __LINE__, #cond);		\
	} while (0)

#define DC_REQUIRE(cond)						\
	do {								\
		if (!(cond)) {						\
			dc_fail(__FILE__, __LINE__, #cond);		\
			return;						\
		}							\
	} while (0)

/*
 * Run fn(arg) in hardware-interrupt context (userspace: the simulated
 * CPU's interrupt thread; kernel: an irq_work, i.e. a real hardirq) and
 * wait until it has returned.  Context: process.
 */
void dc_run_in_interrupt(void (*fn)(void *), void *arg);

/* Start fn(arg) on a new kernel thread; dc_thread_join waits for it.
 * The thread takes SIGHUP (kernel: allow_signal(SIGHUP); userspace: its
 * default), so proc_signal() to its proc_ref() ends its *_SIG waits. */
struct dc_thread;
struct dc_thread *dc_thread_start(void (*fn)(void *), void *arg);
void dc_thread_join(struct dc_thread *t);

/* Sleep at least @ms milliseconds (process context). */
void dc_msleep(unsigned int ms);

/*
 * Expected diagnostics: between dc_expect_begin() and dc_expect_end() the
 * adapter keeps the console quiet where it can (userspace: compat's log
 * capture) and dc_expect_end() returns how many svr5ddi misuse reports
 * were made in between.
 */
void dc_expect_begin(void);
unsigned long dc_expect_end(void);

#endif
