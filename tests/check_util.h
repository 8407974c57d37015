/* SPDX-License-Identifier: MIT */
/*
 * check_util.h - the shared main() of the Check test programs.
 *
 * Each test program defines `Suite *make_suite(void)` and ends with
 * CHECK_MAIN().  Tests run in fork mode (each test in its own process, so
 * each gets a fresh emulation), and the program's exit status is the
 * number of failures.
 */
#ifndef TESTS_CHECK_UTIL_H
#define TESTS_CHECK_UTIL_H
#include <check.h>
#include <stdlib.h>

#define CHECK_MAIN(make_suite)						\
int main(void)								\
{									\
	SRunner *sr = srunner_create(make_suite());			\
	int failed;							\
									\
	srunner_set_fork_status(sr, CK_FORK);				\
	srunner_run_all(sr, CK_NORMAL);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;			\
}

#endif
