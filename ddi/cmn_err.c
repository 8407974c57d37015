/* SPDX-License-Identifier: MIT */
/*
 * cmn_err.c - cmn_err(D3), assfail (ASSERT of <sys/debug.h>), and the
 * byte-string helpers bcopy(D3), bzero(D3), bcmp(D3).
 *
 * Theory: cmn_err maps SVR5 levels onto printk levels and the SVR4 message
 * prefixes: CE_CONT -> KERN_CONT (text as is), CE_NOTE -> KERN_NOTICE
 * "NOTICE: ", CE_WARN -> KERN_WARNING "WARNING: ", CE_PANIC ->
 * KERN_EMERG "PANIC: " and then BUG() (a module cannot panic the kernel
 * more usefully; BUG() leaves a trace).  A format starting with '!' goes
 * to the log only: printed at KERN_INFO, below the console's usual
 * threshold; '^' means console only: Linux has one log, so it is printed
 * at the level's own priority.  The first character is then dropped.
 * Lines other than CE_CONT get a newline, as cmn_err adds one.  Context:
 * any (printk); CE_PANIC does not return.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <linux/export.h>
#include "ddi_internal.h"
#include <sys/cmn_err.h>
#include <sys/systm.h>
#include <sys/debug.h>

static void ddi_vcmn_err(int level, const char *fmt, va_list ap)
{
	static const char *const prefix[] = {
		[CE_CONT] = "", [CE_NOTE] = "NOTICE: ",
		[CE_WARN] = "WARNING: ", [CE_PANIC] = "PANIC: ",
	};
	const char *kl;
	char buf[512];
	bool log_only = false;

	if (fmt && (*fmt == '!' || *fmt == '^')) {
		log_only = *fmt == '!';
		fmt++;
	}
	vsnprintf(buf, sizeof(buf), fmt ? fmt : "(null)", ap);
	switch (level) {
	case CE_CONT:
		printk(KERN_CONT "%s", buf);
		return;
	case CE_NOTE:
		kl = KERN_NOTICE;
		break;
	case CE_WARN:
		kl = KERN_WARNING;
		break;
	case CE_PANIC:
		printk(KERN_EMERG "%s%s\n", prefix[CE_PANIC], buf);
		BUG();
	default:
		printk(KERN_WARNING "svr5ddi: cmn_err: bad argument: level %d\n",
		       level);
		kl = KERN_WARNING;
		level = CE_WARN;
		break;
	}
	if (log_only)
		kl = KERN_INFO;
	printk("%s%s%s\n", kl, prefix[level], buf);
}

/*
 * cmn_err - print a kernel message at SVR5 @level.  Context: any; locks
 * are neither taken nor released.  CE_PANIC does not return.
 */
void cmn_err(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ddi_vcmn_err(level, fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL(cmn_err);

/* assfail - a failed ASSERT: CE_PANIC with the expression and site. */
/*
 * assfail - ASSERT's failure (<sys/debug.h>): panics with the expression
 * and its site.  Context: any; does not return.
 */
void assfail(const char *expr, const char *file, int line)
{
	cmn_err(CE_PANIC, "assertion failed: %s, file: %s, line: %d",
		expr, file, line);
}
EXPORT_SYMBOL(assfail);

/* bcopy - copy @n bytes from @from to @to (overlap allowed).  Context: any. */
void bcopy(const void *from, void *to, size_t n)
{
	memmove(to, from, n);
}
EXPORT_SYMBOL(bcopy);

/* bzero - zero @n bytes at @p.  Context: any. */
void bzero(void *p, size_t n)
{
	memset(p, 0, n);
}
EXPORT_SYMBOL(bzero);

/* bcmp - 0 when the @n bytes at @a and @b are equal, else 1.  Context: any. */
int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) != 0;
}
EXPORT_SYMBOL(bcmp);
