/* SPDX-License-Identifier: MIT */
/*
 * runner.c - one run of a scenario in a child process, seen from the
 * parent.
 *
 * The child's standard output and error are one pipe (see ddiport.h):
 * kernel-log lines, and records "\036K fields" the child writes with a
 * single write() each (so they never interleave with a log line written
 * by the interrupt thread).  Records:
 *   B i              operation i begins
 *   E i S e ret resid rval \t reason \t detail
 *                    operation i ended: S = ok|failed, e = 1 if it
 *                    returned an error code
 *   C unclaimed spurious sleepv warnings allocations injected
 *                    counters, after each operation
 *   V kind device tag \t message   a device-model event (kind 0: DMA
 *                    violation, 1: device error)
 *   L / l            the leak report begins / ends
 *   U                the driver was unloaded (leak check done)
 *   X message        setup failed (nothing more runs)
 *   Z                the child reached its end
 * The log lines are classified here: "svr5ddi: " lines are diagnostics
 * (leaks inside L..l), kernel reports (BUG:, WARNING: CPU, compat:) too,
 * the continuation lines of a kernel report are dropped, and the rest is
 * the driver's console.  When the pipe closes the child is reaped; a
 * signal or an exit without Z is a crash in the operation that had begun
 * and not ended.  A watchdog kills a child that runs too long.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ddiport.h"

#define NTAGS	misuse_tag_count()

struct stream {
	struct run *r;
	int cur;			/* op begun and not ended, -1 */
	int last;			/* last op begun, for log lines */
	bool in_leaks;
	bool echo;
	char *buf;
	size_t len, cap;
};

static struct item *new_item(struct run *r, enum item_kind k, int line,
			     const char *text)
{
	struct item *it;

	if (r->nitems == r->itemcap) {
		r->itemcap = r->itemcap ? 2 * r->itemcap : 32;
		r->items = xrealloc(r->items, r->itemcap * sizeof(*r->items));
	}
	it = &r->items[r->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->line = line;
	it->text = xstrdup(text);
	return it;
}

static bool isalnum_c(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The last "FILE:LINE" in @s (FILE ends in .c, .h or another suffix). */
static char *last_site(const char *s)
{
	const char *p, *best = NULL;
	size_t blen = 0;

	for (p = s; *p; p++) {
		const char *q = p, *colon;

		if (p != s && (isalnum_c(p[-1]) || p[-1] == '_' || p[-1] == '/' ||
			       p[-1] == '.' || p[-1] == '-'))
			continue;
		while (isalnum_c(*q) || *q == '_' || *q == '/' || *q == '.' ||
		       *q == '-')
			q++;
		if (*q != ':' || q == p)
			continue;
		colon = q;
		if (!memchr(p, '.', (size_t)(colon - p)))
			continue;
		q++;
		if (!(*q >= '0' && *q <= '9'))
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		if (isalnum_c(*q))
			continue;
		best = p;
		blen = (size_t)(q - p);
	}
	return best ? xstrndup(best, blen) : NULL;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "svr5ddi: CALL: TAG: ..." -> call, tag index (-1 unknown) */
static void misuse_parse(const char *text, struct item *it)
{
	const char *call = text + 9, *colon = strstr(call, ": ");
	int t;

	if (!colon || memchr(call, ' ', (size_t)(colon - call)))
		return;
	for (t = 0; t < NTAGS; t++) {
		size_t l = strlen(misuse_tag_text(t));

		if (!strncmp(colon + 2, misuse_tag_text(t), l) &&
		    (colon[2 + l] == ':' || colon[2 + l] == '\0')) {
			it->call = xstrndup(call, (size_t)(colon - call));
			it->tag = xstrdup(misuse_tag_text(t));
			return;
		}
	}
}

static void log_line(struct stream *st, const char *text)
{
	struct run *r = st->r;
	int line = st->last >= 0 ? r->scn->ops[st->last].line : 0;
	struct item *it;

	/* A KERN_<LEVEL> prefix inside the formatted text (printk("%s...",
	 * KERN_WARNING, ...)): the kernel's printk takes the level from
	 * there too and never prints it. */
	while (text[0] == '\001' && text[1])
		text += 2;
	if (!*text)
		return;
	if (st->echo)
		fprintf(stderr, "%s\n", text);
	/* continuation lines of a kernel report */
	if (starts(text, "------------[ cut here ]") ||
	    starts(text, "in_atomic(): ") || starts(text, "preempt_count: ") ||
	    starts(text, "Call Trace:") || starts(text, "---[ end trace"))
		return;
	if (starts(text, "svr5ddi: ")) {
		bool leak = st->in_leaks && strstr(text, ": leak: ");

		it = new_item(r, leak ? IT_LEAK : IT_DIAG, line, text);
		it->site = last_site(text);
		misuse_parse(text, it);
		return;
	}
	if (starts(text, "BUG: ") || starts(text, "WARNING: CPU") ||
	    starts(text, "kernel BUG at ") || starts(text, "compat: ") ||
	    starts(text, "devmodel: ") || strstr(text, "symbol lookup error") ||
	    (starts(text, "==") && strstr(text, "ERROR: "))) {
		it = new_item(r, IT_DIAG, line, text);
		it->site = last_site(text);
		return;
	}
	new_item(r, IT_CONSOLE, line, text);
}

static char *field_tab(char **p)
{
	char *s = *p, *t;

	if (!s)
		return xstrdup("");
	t = strchr(s, '\t');
	if (t) {
		*t = '\0';
		*p = t + 1;
	} else {
		*p = NULL;
	}
	return xstrdup(s);
}

static void record(struct stream *st, char *rec)
{
	struct run *r = st->r;
	int nops = r->scn->nops, i;
	char kind = rec[0], *p = rec + 1;

	while (*p == ' ')
		p++;
	switch (kind) {
	case 'B':
		i = atoi(p);
		if (i >= 0 && i < nops)
			st->cur = st->last = i;
		break;
	case 'E': {
		char status[16], *rest;
		long long ret, resid, rval;
		int e, n = 0;

		if (sscanf(p, "%d %15s %d %lld %lld %lld%n", &i, status, &e,
			   &ret, &resid, &rval, &n) < 6 || i < 0 || i >= nops)
			break;
		rest = p + n;
		if (*rest == '\t')
			rest++;
		else
			rest = NULL;
		r->res[i].status = strcmp(status, "ok") ? ST_FAILED : ST_OK;
		r->res[i].errret = e != 0;
		r->res[i].ret = ret;
		r->res[i].resid = resid;
		r->res[i].rval = rval;
		free(r->res[i].reason);
		free(r->res[i].detail);
		r->res[i].reason = field_tab(&rest);
		r->res[i].detail = field_tab(&rest);
		st->cur = -1;
		break;
	}
	case 'C':
		sscanf(p, "%lu %lu %lu %lu %lu %lu", &r->cnt.unclaimed,
		       &r->cnt.spurious, &r->cnt.sleep_violations,
		       &r->cnt.warnings, &r->cnt.allocations,
		       &r->cnt.injected);
		break;
	case 'V': {
		char dev[64], tag[64], *msg = strchr(p, '\t');
		struct item *it;
		int k;

		if (!msg || sscanf(p, "%d %63s %63s", &k, dev, tag) != 3)
			break;
		it = new_item(r, k ? IT_DEVERR : IT_DMA,
			      st->last >= 0 ? r->scn->ops[st->last].line : 0,
			      msg + 1);
		it->device = xstrdup(dev);
		it->tag = xstrdup(tag);
		break;
	}
	case 'L':
		st->in_leaks = true;
		break;
	case 'l':
		st->in_leaks = false;
		break;
	case 'U':
		r->unloaded = true;
		break;
	case 'X':
		free(r->load_error);
		r->load_error = xstrdup(p);
		break;
	case 'Z':
		r->completed = true;
		break;
	}
}

/* Feed @n bytes; complete lines are handled, the rest kept. */
static void feed(struct stream *st, const char *data, size_t n, bool eof)
{
	size_t start = 0, i;

	if (st->len + n + 1 > st->cap) {
		st->cap = (st->len + n + 1) * 2;
		st->buf = xrealloc(st->buf, st->cap);
	}
	memcpy(st->buf + st->len, data, n);
	st->len += n;
	for (i = 0; i < st->len; i++) {
		char *line, *rs;

		if (st->buf[i] != '\n')
			continue;
		st->buf[i] = '\0';
		line = st->buf + start;
		rs = strchr(line, '\036');
		if (rs) {
			*rs = '\0';
			log_line(st, line);
			record(st, rs + 1);
		} else {
			log_line(st, line);
		}
		start = i + 1;
	}
	memmove(st->buf, st->buf + start, st->len - start);
	st->len -= start;
	if (eof && st->len) {
		st->buf[st->len] = '\0';
		log_line(st, st->buf);
		st->len = 0;
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int run_scenario(const struct scenario *s, const struct driver_info *d,
		 const struct run_opts *o, struct run *r)
{
	struct stream st = { .r = r, .cur = -1, .last = -1, .echo = o->echo };
	long long deadline;
	bool killed = false;
	int fds[2], status;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->scn = s;
	r->drv = d;
	r->crash_op = -1;
	r->res = xcalloc((size_t)(s->nops ? s->nops : 1), sizeof(*r->res));
	if (pipe(fds)) {
		r->load_error = xasprintf("pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		r->load_error = xasprintf("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], 1) < 0 || dup2(fds[1], 2) < 0)
			_exit(125);
		close(fds[1]);
		child_main(s, d, o);
	}
	close(fds[1]);
	deadline = now_ms() + (long long)(o->watchdog_s ? o->watchdog_s : 120) *
		   1000;
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		long long left = deadline - now_ms();
		char buf[8192];
		ssize_t n;
		int pr;

		if (left <= 0 && !killed) {
			kill(pid, SIGKILL);
			killed = true;
		}
		pr = poll(&pfd, 1, killed ? 1000 : (int)(left > 1000 ? 1000 : left));
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0)
			continue;
		n = read(fds[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		feed(&st, buf, (size_t)n, false);
	}
	feed(&st, "", 0, true);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	free(st.buf);
	if (killed) {
		r->crash_reason = xasprintf("hung (killed after %u s)",
					    o->watchdog_s ? o->watchdog_s : 120);
		r->crash_signal = SIGKILL;
	} else if (WIFSIGNALED(status)) {
		r->crash_signal = WTERMSIG(status);
		r->crash_reason = xstrdup(signal_name(r->crash_signal));
	} else if (WIFEXITED(status)) {
		r->exit_status = WEXITSTATUS(status);
		if (!r->completed && !r->load_error)
			r->crash_reason = xasprintf("exit %d", r->exit_status);
	}
	if (r->crash_reason) {
		r->crash_op = st.cur;
		if (st.cur >= 0)
			r->res[st.cur].status = ST_CRASHED;
	}
	run_tally(r, o);
	return 0;
}

void run_tally(struct run *r, const struct run_opts *o)
{
	int i;

	r->nfailed = r->nmisuse = r->nleaks = r->ndiag = r->ndma = 0;
	r->ndeverr = 0;
	r->error_seen = false;
	memset(r->misuse, 0, sizeof(r->misuse));
	for (i = 0; i < r->scn->nops; i++) {
		if (r->res[i].status == ST_FAILED)
			r->nfailed++;
		if (r->res[i].errret)
			r->error_seen = true;
	}
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];
		int t;

		switch (it->kind) {
		case IT_DIAG:
			r->ndiag++;
			if (it->tag && strcmp(it->tag, "leak"))
				r->nmisuse++;
			break;
		case IT_LEAK:
			r->nleaks++;
			break;
		case IT_DMA:
			r->ndma++;
			break;
		case IT_DEVERR:
			r->ndeverr++;
			break;
		default:
			break;
		}
		if (it->tag && (it->kind == IT_DIAG || it->kind == IT_LEAK))
			for (t = 0; t < NTAGS; t++)
				if (!strcmp(it->tag, misuse_tag_text(t)))
					r->misuse[t]++;
	}
	(void)o;
	r->pass = r->completed && !r->crash_reason && !r->load_error &&
		  !r->nfailed && !r->ndiag && !r->nleaks && !r->ndma &&
		  !r->ndeverr && !r->cnt.unclaimed && !r->cnt.spurious;
}

void run_free(struct run *r)
{
	int i;

	for (i = 0; r->res && i < r->scn->nops; i++) {
		free(r->res[i].reason);
		free(r->res[i].detail);
	}
	for (i = 0; i < r->nitems; i++) {
		free(r->items[i].text);
		free(r->items[i].site);
		free(r->items[i].call);
		free(r->items[i].tag);
		free(r->items[i].device);
	}
	free(r->res);
	free(r->items);
	free(r->crash_reason);
	free(r->load_error);
	memset(r, 0, sizeof(*r));
}
