/*
 * legacy_libc.c - a legacy driver that brings its own libc-named helpers.
 *
 * Old drivers define memcpy, memset, printf, sprintf, strlen ... with
 * pre-ISO prototypes.  After including every driver-facing header they
 * must still compile: the headers declare none of those names, define no
 * macro with those names, and do not trip over driver macros named like
 * the parameters of our prototypes and site macros.
 */

/* Driver macros with common parameter names: usable by no header. */
#define size	driver macro size
#define flag	driver macro flag
#define addr	driver macro addr
#define preqp	driver macro preqp
#define file	driver macro file
#define line	driver macro line

#include <sys/types.h>
#include <sys/param.h>
#include <sys/vmparam.h>
#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/dma.h>
#include <sys/ddi.h>
#include <sys/cmn_err.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/errno.h>
#include <sys/debug.h>

#if defined(memcpy) || defined(memset) || defined(memcmp) || \
    defined(printf) || defined(sprintf) || defined(strlen) || \
    defined(strcpy) || defined(strcmp) || defined(malloc) || \
    defined(free) || defined(min) || defined(max) || defined(offsetof) || \
    defined(bool) || defined(true) || defined(false) || defined(errno)
#error "a driver-facing header defines a libc or common driver name"
#endif

char *memcpy(char *, char *, int);
int memset(char *, int, unsigned);
int printf(const char *, ...);
int sprintf(char *, char *, ...);
int strlen(char *);
char *strcpy(char *, char *);
int min(int, int);
int max(int, int);
int errno;

char *
memcpy(char *to, char *from, int n)
{
	char *t = to;

	while (n-- > 0)
		*t++ = *from++;
	return to;
}

int
memset(char *p, int c, unsigned n)
{
	while (n-- > 0)
		*p++ = (char)c;
	return 0;
}

int
printf(const char *fmt, ...)
{
	return fmt[0];
}

int
sprintf(char *buf, char *fmt, ...)
{
	strcpy(buf, fmt);
	return strlen(buf);
}

int
strlen(char *s)
{
	int n = 0;

	while (s[n])
		n++;
	return n;
}

char *
strcpy(char *to, char *from)
{
	memcpy(to, from, strlen(from) + 1);
	return to;
}

int
min(int a, int b)
{
	return a < b ? a : b;
}

int
max(int a, int b)
{
	return a > b ? a : b;
}

int svr5ddi_legacy(physreq_t *);

int
svr5ddi_legacy(physreq_t *pr)
{
	char msg[32];
	caddr_t p;

	p = kmem_zalloc(max(NBPSCTR, 64), KM_SLEEP);
	sprintf(msg, "ok");
	memcpy(p, msg, min(strlen(msg), 31));
	memset(p, 0, 8);
	kmem_free(p, max(NBPSCTR, 64));
	p = kmem_alloc_physreq(PAGESIZE, pr, KM_NOSLEEP);
	if (p == NULL) {
		errno = ENOMEM;
		cmn_err(CE_NOTE, "no memory: %d", errno);
		return printf("%s", msg);
	}
	bzero(p, PAGESIZE);
	kmem_free(p, PAGESIZE);
	return 0;
}
