/* SPDX-License-Identifier: MIT */
/*
 * util.c - allocation that cannot fail (ddiport is a short-lived tool:
 * out of memory ends it with a message), file reading, signal names, the
 * misuse tags' names and texts.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
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
	char buf[256], *p;
	va_list ap;
	int n;

	/* A real buffer first: GCC's -Wformat-truncation misreads a NULL one
	 * under -fsanitize at -O1. */
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return xstrdup("?");
	if ((size_t)n < sizeof(buf))
		return xstrdup(buf);
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

/*
 * The misuse tags, from the library's one table (ddi/misuse.c): the text
 * of a report line is svr5ddi_misuse_text(); the name a scenario
 * ("expect misuse.NAME") and the reports use is svr5ddi_misuse_name() in
 * lower case, made once.
 */
static char misuse_lc[SVR5DDI_MISUSE_NR][40];
static pthread_once_t misuse_lc_once = PTHREAD_ONCE_INIT;

static void misuse_lc_init(void)
{
	int t;
	size_t i;

	for (t = 0; t < SVR5DDI_MISUSE_NR; t++) {
		const char *n = svr5ddi_misuse_name((enum svr5ddi_misuse)t);

		for (i = 0; n && n[i] && i + 1 < sizeof(misuse_lc[t]); i++)
			misuse_lc[t][i] = (char)tolower((unsigned char)n[i]);
		misuse_lc[t][i] = '\0';
	}
}

_Static_assert(SVR5DDI_MISUSE_NR <= sizeof(((struct run *)0)->misuse) /
	       sizeof(((struct run *)0)->misuse[0]),
	       "struct run counts every misuse tag");

int misuse_tag_count(void)
{
	return SVR5DDI_MISUSE_NR;
}

const char *misuse_tag_name(int t)
{
	if (t < 0 || t >= SVR5DDI_MISUSE_NR)
		return NULL;
	pthread_once(&misuse_lc_once, misuse_lc_init);
	return misuse_lc[t];
}

const char *misuse_tag_text(int t)
{
	return svr5ddi_misuse_text((enum svr5ddi_misuse)t);
}

int misuse_tag_find(const char *name)
{
	int t;

	for (t = 0; t < SVR5DDI_MISUSE_NR; t++)
		if (!strcmp(name, misuse_tag_name(t)))
			return t;
	return -1;
}
