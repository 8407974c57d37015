/* SPDX-License-Identifier: MIT */
/*
 * ddi_test_common.h - shared preamble and helpers of the DDI Check tests
 * (check_ddi_kmem.c, check_ddi_physreq.c, check_ddi_misuse.c).
 *
 * INCLUDE ORDER.  The DDI test programs are compiled with
 * -I$(top_srcdir)/include first, so <sys/types.h> names svr5ddi's SVR5
 * header for the whole translation unit, including every C library
 * header that includes <sys/types.h> itself: glibc's <stdlib.h> (which
 * then lacks int32_t and friends) and Check's <check.h> (pid_t).  The
 * SVR5 header must not be changed to suit libc (it is freestanding by
 * contract), so this preamble includes <stdint.h> (int32_t, the
 * __uintN_t types) and <unistd.h> (pid_t) BEFORE any header that pulls in
 * <sys/types.h>.  The SVR5 headers themselves and the svr5compat/Linux
 * headers coexist without conflict; the tests still reach the simulated
 * machine only through ddi_test_machine.h.
 */
#ifndef TESTS_DDI_TEST_COMMON_H
#define TESTS_DDI_TEST_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/types.h>
#include <sys/param.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/buf.h>
#include <sys/dma.h>
#include <sys/cmn_err.h>
#include <svr5ddi/ddictl.h>

#include "check_util.h"
#include "ddi_test_machine.h"

#define KiB	1024UL
#define MiB	(1024UL * 1024UL)

/* Debug layer on, checked: every DDI test starts with it. */
static inline void ddit_debug_on(void)
{
	svr5ddi_set_debug(1);
	ck_assert_int_ne(svr5ddi_debug_enabled(), 0);
}

static inline struct svr5ddi_stats ddit_stats(void)
{
	struct svr5ddi_stats s;

	memset(&s, 0xff, sizeof(s));
	svr5ddi_get_stats(&s);
	return s;
}

static inline unsigned long ddit_live_objects(const struct svr5ddi_stats *s)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < SVR5DDI_BK_NR; i++)
		n += s->backend[i].live_objects;
	return n;
}

static inline unsigned long ddit_live_bytes(const struct svr5ddi_stats *s)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < SVR5DDI_BK_NR; i++)
		n += s->backend[i].live_bytes;
	return n;
}

static inline unsigned long ddit_failures(const struct svr5ddi_stats *s)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < SVR5DDI_BK_NR; i++)
		n += s->backend[i].failures;
	return n;
}

/* Every backend's live counts equal those of @base. */
#define ck_assert_live_as(base) do {					\
	struct svr5ddi_stats now__ = ddit_stats();			\
	int bk__;							\
	for (bk__ = 0; bk__ < SVR5DDI_BK_NR; bk__++) {			\
		ck_assert_msg(now__.backend[bk__].live_objects ==	\
			      (base).backend[bk__].live_objects,	\
			      "backend %d: live_objects %lu, expected %lu", \
			      bk__, now__.backend[bk__].live_objects,	\
			      (base).backend[bk__].live_objects);	\
		ck_assert_msg(now__.backend[bk__].live_bytes ==		\
			      (base).backend[bk__].live_bytes,		\
			      "backend %d: live_bytes %lu, expected %lu", \
			      bk__, now__.backend[bk__].live_bytes,	\
			      (base).backend[bk__].live_bytes);		\
	}								\
} while (0)

/* No misuse was reported since @base. */
#define ck_assert_no_misuse_since(base) do {				\
	struct svr5ddi_stats now__ = ddit_stats();			\
	ck_assert_msg(now__.misuse_total == (base).misuse_total,	\
		      "unexpected misuse reports: %lu (was %lu)",	\
		      now__.misuse_total, (base).misuse_total);		\
} while (0)

static inline const char *ddit_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static inline int isxdigit_ascii(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* @num appears in @line as a whole decimal number. */
static inline int ddit_has_number(const char *line, unsigned long num)
{
	char n[32];
	const char *s = line;
	size_t len = (size_t)snprintf(n, sizeof(n), "%lu", num);

	while ((s = strstr(s, n)) != NULL) {
		int before = s > line && (isxdigit_ascii(s[-1]) ||
					  s[-1] == 'x' || s[-1] == 'X');
		int after = isxdigit_ascii(s[len]);

		if (!before && !after)
			return 1;
		s++;
	}
	return 0;
}

/* The address @p appears in @line in hex (as %p or %lx print it). */
static inline int ddit_has_addr(const char *line, const void *p)
{
	char lo[32], up[32];

	snprintf(lo, sizeof(lo), "%lx", (unsigned long)p);
	snprintf(up, sizeof(up), "%lX", (unsigned long)p);
	return strstr(line, lo) != NULL || strstr(line, up) != NULL;
}

/* "FILE:LINE" with FILE's base name, not followed by another digit. */
static inline int ddit_has_site(const char *line, const char *file, int lineno)
{
	char site[256];
	const char *s = line;
	size_t len = (size_t)snprintf(site, sizeof(site), "%s:%d",
				      ddit_basename(file), lineno);

	while ((s = strstr(s, site)) != NULL) {
		if (s[len] < '0' || s[len] > '9')
			return 1;
		s++;
	}
	return 0;
}

#endif
