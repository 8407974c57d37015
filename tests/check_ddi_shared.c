/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_shared.c - the userspace adapter of the shared DDI cases
 * (tests/shared/ddi_case.h): one Check TCase per family table, one test
 * per case (a loop test over the table index), each in a forked child
 * with a fresh emulation and the debug layer on.
 *
 * dc_fail() keeps the first failure and the case runs on, as in the
 * kernel; after the case the test fails with that message.  A case also
 * fails if the DDI's accounting shows it left memory live (checked by the
 * adapter, as the kernel runner checks its accounting at the end).
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <svr5compat/log.h>
#include <svr5compat/context.h>
#include <svr5ddi/ddictl.h>
#include "shared/ddi_cases.h"
#include "check_util.h"

static char first_failure[512];
static int nfailed;

void dc_fail(const char *file, int line, const char *expr)
{
	if (!nfailed++)
		snprintf(first_failure, sizeof(first_failure),
			 "%s:%d: check failed: %s", file, line, expr);
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
}

int dc_failed(void)
{
	return nfailed != 0;
}

void dc_run_in_interrupt(void (*fn)(void *), void *arg)
{
	compat_run_in_hardirq(fn, arg);
}

struct dc_thread {
	pthread_t tid;
	void (*fn)(void *);
	void *arg;
};

static void *dc_thread_main(void *p)
{
	struct dc_thread *t = p;

	t->fn(t->arg);
	return NULL;
}

struct dc_thread *dc_thread_start(void (*fn)(void *), void *arg)
{
	struct dc_thread *t = calloc(1, sizeof(*t));

	ck_assert_ptr_nonnull(t);
	t->fn = fn;
	t->arg = arg;
	ck_assert_int_eq(pthread_create(&t->tid, NULL, dc_thread_main, t), 0);
	return t;
}

void dc_thread_join(struct dc_thread *t)
{
	pthread_join(t->tid, NULL);
	free(t);
}

void dc_msleep(unsigned int ms)
{
	usleep(ms * 1000U);
}

static unsigned long misuse_total(void)
{
	struct svr5ddi_stats st;

	svr5ddi_get_stats(&st);
	return st.misuse_total;
}

static unsigned long expect_base;
static unsigned long expected;		/* reports the case expected */

void dc_expect_begin(void)
{
	compat_log_quiet(true);
	expect_base = misuse_total();
}

unsigned long dc_expect_end(void)
{
	unsigned long n = misuse_total() - expect_base;

	compat_log_quiet(false);
	expected += n;
	return n;
}

static unsigned long live_objects(void)
{
	struct svr5ddi_stats st;
	unsigned long n = 0;
	int i;

	svr5ddi_get_stats(&st);
	for (i = 0; i < SVR5DDI_BK_NR; i++)
		n += st.backend[i].live_objects;
	return n;
}

static void run_case(const struct ddi_case *c)
{
	unsigned long live0, mis0;

	svr5ddi_set_debug(1);
	live0 = live_objects();
	mis0 = misuse_total();
	c->fn();
	ck_assert_msg(!nfailed, "%s: %s", c->name, first_failure);
	ck_assert_msg(live_objects() == live0,
		      "%s: left %lu DDI allocations live", c->name,
		      live_objects() - live0);
	ck_assert_msg(misuse_total() - mis0 == expected,
		      "%s: %lu unexpected misuse reports", c->name,
		      misuse_total() - mis0 - expected);
}

#define DC_RUNNER(fam)							\
	START_TEST(run_##fam)						\
	{								\
		run_case(&ddi_cases_##fam[_i]);				\
	}								\
	END_TEST

DDI_CASE_TABLES(DC_RUNNER)

static int table_len(const struct ddi_case *t)
{
	int n = 0;

	while (t[n].name)
		n++;
	return n;
}

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_shared");
	TCase *tc;

#define DC_TCASE(fam)							\
	tc = tcase_create(#fam);					\
	tcase_set_timeout(tc, 30);					\
	if (table_len(ddi_cases_##fam))					\
		tcase_add_loop_test(tc, run_##fam, 0,			\
				    table_len(ddi_cases_##fam));	\
	suite_add_tcase(s, tc);
	DDI_CASE_TABLES(DC_TCASE)
	return s;
}

CHECK_MAIN(make_suite)
