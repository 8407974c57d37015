/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/log.h - reading the kernel log for tests.  Not Linux API.
 *
 * Every printk() line is appended to an in-memory log (the last 256 KiB are
 * kept) as well as written to stderr.  compat_log_quiet(true) stops the
 * stderr copy (tests that provoke warnings on purpose use it).
 */
#ifndef _SVR5COMPAT_LOG_H
#define _SVR5COMPAT_LOG_H
#include <linux/types.h>

void compat_log_clear(void);
/* True if some line logged since the last clear contains @needle. */
bool compat_log_contains(const char *needle);
/* Number of lines since the last clear that contain @needle. */
unsigned int compat_log_count(const char *needle);
/* Copy the log since the last clear, NUL-terminated; returns its length. */
size_t compat_log_read(char *buf, size_t size);
void compat_log_quiet(bool quiet);

unsigned long compat_warn_count(void);	/* WARN*() that fired */

#endif
