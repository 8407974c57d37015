/* SPDX-License-Identifier: MIT */
/*
 * printk.c - the kernel log of the emulation: printk, WARN, BUG.
 *
 * Every printk() is formatted once, stripped of its KERN_* level, written to
 * stderr (unless quieted) and appended to an in-memory log that tests read
 * through <svr5compat/log.h>.  The log keeps the most recent LOG_SIZE bytes:
 * when full, the older half is discarded.  One host mutex guards the log;
 * it is a leaf lock, so printk is legal in every context, including with
 * spin locks held and in simulated hardirq context.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <svr5compat/log.h>
#include "internal.h"

#define LOG_SIZE	(256 * 1024)
#define LINE_MAX_LEN	1024

static struct host_mutex log_lock;
static char log_buf[LOG_SIZE];
static size_t log_len;
static bool log_quiet;
static atomic_t warn_count;
static struct host_once printk_once = HOST_ONCE_INIT;

static void printk_setup(void)
{
	const char *q = host_getenv("SVR5DDI_QUIET");

	host_mutex_init(&log_lock);
	if (q && *q && *q != '0')
		log_quiet = true;
}

void compat_printk_init(void)
{
	host_once(&printk_once, printk_setup);
}

/* Append @len bytes to the log; caller holds log_lock. */
static void log_append(const char *s, size_t len)
{
	if (len >= LOG_SIZE / 2)
		len = LOG_SIZE / 2 - 1;
	if (log_len + len >= LOG_SIZE) {
		size_t keep = log_len / 2;

		memmove(log_buf, log_buf + log_len - keep, keep);
		log_len = keep;
	}
	memcpy(log_buf + log_len, s, len);
	log_len += len;
	log_buf[log_len] = '\0';
}

int vprintk(const char *fmt, va_list args)
{
	char buf[LINE_MAX_LEN];
	const char *line = buf;
	int n;

	compat_printk_init();
	n = host_vsnprintf(buf, sizeof(buf), fmt, args);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	/*
	 * Strip the level (KERN_SOH and one character) from the FORMATTED
	 * text, as 6.1's printk_parse_prefix() does: a level may come in
	 * through "%s" (cmn_err builds its line that way).
	 */
	while (line[0] == KERN_SOH_ASCII && line[1]) {
		line += 2;
		n -= 2;
	}

	host_mutex_lock(&log_lock);
	log_append(line, (size_t)n);
	if (!log_quiet)
		host_write_err(line, (size_t)n);
	host_mutex_unlock(&log_lock);
	return n;
}
EXPORT_SYMBOL(vprintk);

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(printk);

void compat_count_warn(void)
{
	atomic_inc(&warn_count);
}

/**
 * __compat_warn - the body of WARN(), WARN_ON() and their _ONCE forms.
 * Prints Linux's "WARNING: at FILE:LINE" header with the message.
 * Context: any.
 */
void __compat_warn(const char *file, int line, const char *fmt, ...)
{
	char msg[LINE_MAX_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = host_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	compat_count_warn();
	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: CPU: 0 PID: %d at %s:%d: %s\n",
	       current->pid, file, line, msg);
}
EXPORT_SYMBOL(__compat_warn);

/**
 * __compat_bug - the body of BUG(): print "kernel BUG at FILE:LINE!" and
 * abort the process, as an oops would end the kernel's thread.
 */
void __compat_bug(const char *file, int line)
{
	printk(KERN_CRIT "kernel BUG at %s:%d!\n", file, line);
	host_abort();
}
EXPORT_SYMBOL(__compat_bug);

void dump_stack(void)
{
	printk(KERN_DEFAULT "Call Trace: (not available in the emulation)\n");
}
EXPORT_SYMBOL(dump_stack);

/*
 * Rate limiting as the kernel's default ratelimit state: at most 10
 * messages in any 5 s window per call site; the number suppressed is
 * reported when the next window opens.
 */
bool __printk_ratelimit_site(void *state)
{
	struct __printk_rl_state *rs = state;
	u64 now = host_now_ns();	/* never 0: 0 marks an unused state */
	u64 begin = ((u64)rs->begin_ns_hi << 32) | rs->begin_ns_lo;
	bool ok;

	host_mutex_lock(&log_lock);
	if (!begin || now - begin > 5ULL * NSEC_PER_SEC) {
		int missed = rs->missed;

		rs->begin_ns_hi = (unsigned long)(now >> 32);
		rs->begin_ns_lo = (unsigned long)(now & 0xffffffffu);
		rs->printed = 0;
		rs->missed = 0;
		if (missed) {
			host_mutex_unlock(&log_lock);
			printk(KERN_WARNING "%d callbacks suppressed\n", missed);
			host_mutex_lock(&log_lock);
		}
	}
	ok = rs->printed < 10;
	if (ok)
		rs->printed++;
	else
		rs->missed++;
	host_mutex_unlock(&log_lock);
	return ok;
}
EXPORT_SYMBOL(__printk_ratelimit_site);

/**
 * compat_fatal - a set-up error the emulation cannot continue from (a
 * malformed environment variable): print it and exit with status 2.
 */
void compat_fatal(const char *fmt, ...)
{
	char msg[LINE_MAX_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = host_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(msg))
		n = sizeof(msg) - 1;
	host_write_err("svr5ddi: fatal: ", 16);
	host_write_err(msg, (size_t)n);
	host_write_err("\n", 1);
	host_exit(2);
}

/* <svr5compat/log.h> */

void compat_log_clear(void)
{
	compat_printk_init();
	host_mutex_lock(&log_lock);
	log_len = 0;
	log_buf[0] = '\0';
	host_mutex_unlock(&log_lock);
}
EXPORT_SYMBOL(compat_log_clear);

unsigned int compat_log_count(const char *needle)
{
	unsigned int count = 0;
	const char *line;

	compat_printk_init();
	host_mutex_lock(&log_lock);
	line = log_buf;
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char saved = line[len];

		/* Search within this line only. */
		((char *)line)[len] = '\0';
		if (strstr(line, needle))
			count++;
		((char *)line)[len] = saved;
		line += len + (nl ? 1 : 0);
	}
	host_mutex_unlock(&log_lock);
	return count;
}
EXPORT_SYMBOL(compat_log_count);

bool compat_log_contains(const char *needle)
{
	return compat_log_count(needle) != 0;
}
EXPORT_SYMBOL(compat_log_contains);

size_t compat_log_read(char *buf, size_t size)
{
	size_t n;

	compat_printk_init();
	if (!size)
		return 0;
	host_mutex_lock(&log_lock);
	n = log_len < size - 1 ? log_len : size - 1;
	memcpy(buf, log_buf, n);
	buf[n] = '\0';
	host_mutex_unlock(&log_lock);
	return n;
}
EXPORT_SYMBOL(compat_log_read);

void compat_log_quiet(bool quiet)
{
	compat_printk_init();
	host_mutex_lock(&log_lock);
	log_quiet = quiet;
	host_mutex_unlock(&log_lock);
}
EXPORT_SYMBOL(compat_log_quiet);

unsigned long compat_warn_count(void)
{
	return (unsigned long)atomic_read(&warn_count);
}
EXPORT_SYMBOL(compat_warn_count);
