/* SPDX-License-Identifier: MIT */
/*
 * util.c - allocation that cannot fail (ddiport is a short-lived tool:
 * out of memory ends it with a message), file reading, signal names.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <svr5ddi/ddictl.h>
#include "ddiport.h"

static void *oom(void)
{
	fputs("ddiport: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	return p ? p : oom();
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	return p ? p : oom();
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	return p ? p : oom();
}

char *xstrdup(const char *s)
{
	return strcpy(xmalloc(strlen(s) + 1), s);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("?");
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* The whole file, NUL-terminated; NULL with errno set. */
char *read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, cap = 4096, n;
	char *buf;
	int e;

	if (!f)
		return NULL;
	buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	if (ferror(f)) {
		e = errno;
		fclose(f);
		free(buf);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

const char *signal_name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGABRT: return "SIGABRT";
	case SIGILL: return "SIGILL";
	case SIGFPE: return "SIGFPE";
	case SIGKILL: return "SIGKILL";
	case SIGTERM: return "SIGTERM";
	case SIGTRAP: return "SIGTRAP";
	case SIGSYS: return "SIGSYS";
	case SIGPIPE: return "SIGPIPE";
	case SIGALRM: return "SIGALRM";
	default: return "signal";
	}
}

/* The misuse tags of <svr5ddi/ddictl.h>, in enum svr5ddi_misuse order:
 * the text in a report line and the name a scenario and the report use. */
const char *const misuse_tag_text[] = {
	"size mismatch", "double free", "free of unknown address",
	"free of interior pointer", "redzone overwritten",
	"KM_SLEEP in atomic context", "unprepped physreq",
	"physreq changed since prep", "physreq not from physreq_alloc",
	"size overflow", "leak", "request can never be met", "bad argument",
	"lock not held", "recursive lock", "sleep with a spin lock held",
	"dealloc of a held lock", "bad priority level", "no device",
	"wrong context", "lock order violation",
};
const char *const misuse_tag_name[] = {
	"size_mismatch", "double_free", "wild_free", "interior_free",
	"redzone", "sleep_in_atomic", "unprepped_physreq", "changed_physreq",
	"foreign_physreq", "size_overflow", "leak", "impossible",
	"bad_argument", "lock_not_held", "lock_recursion", "sleep_with_lock",
	"lock_held_at_free", "bad_level", "no_device", "wrong_context",
	"lock_order",
};

int misuse_tag_count(void)
{
	return (int)(sizeof(misuse_tag_name) / sizeof(misuse_tag_name[0]));
}


_Static_assert(sizeof(misuse_tag_name) / sizeof(misuse_tag_name[0]) ==
	       SVR5DDI_MISUSE_NR, "misuse_tag_name follows enum svr5ddi_misuse");
_Static_assert(sizeof(misuse_tag_text) / sizeof(misuse_tag_text[0]) ==
	       SVR5DDI_MISUSE_NR, "misuse_tag_text follows enum svr5ddi_misuse");
