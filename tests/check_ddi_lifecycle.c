/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_lifecycle.c - the module's life in a process, seen from a
 * driver: start-up parameters, the leak report at exit, physreq classes
 * shared between physreqs, and the long-wait diagnostic of KM_SLEEP.
 *
 * In the library, svr5ddi's module_init runs at the first DDI call
 * (ddi_os_ready) and its module_exit as a destructor at process exit.
 * So the start-up and exit tests run their DDI code in a child process
 * forked from the (still uninitialised) test process: the child sets its
 * environment before its first DDI call, its stderr is a pipe the test
 * reads (log printing on), and it ends with exit(0), which runs the
 * module's exit.  A second pipe carries what the child wants the parent
 * to check (addresses, lines, values): one line per fact.
 *
 * leak_report  exit with the debug layer on prints one line
 *              "svr5ddi: CALL: leak: addr 0xA size N, backend B,
 *              allocated at FILE:LINE" for each live allocation
 *              (kmem_alloc slab and vmalloc, kmem_alloc_physreq pool and
 *              coherent, physreq_alloc), none for freed ones; a child
 *              that frees everything prints no leak line.
 * params       SVR5DDI_DEBUG=2|yes and SVR5DDI_RESERVE=garbage|dma:1Q
 *              make the first DDI call exit the process with status 2
 *              and a message naming the variable and its value; valid
 *              values start and take effect (debug state, reserve
 *              sizes).
 * classes      physreqs with equal members share one class after prep
 *              (phys_private), different members do not; a block freed
 *              through one physreq is the next block of the other (LIFO,
 *              no backend call), never of another class; debug off and
 *              on.
 * long_wait    KM_SLEEP kmem_alloc_physreq on an exhausted machine logs
 *              "KM_SLEEP request of N bytes waiting for memory for S s"
 *              after 10 s (a real wait: compat's jiffies follow
 *              CLOCK_MONOTONIC and have no test control), then succeeds
 *              once memory is given back.
 */
#include "ddi_test_common.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <sys/wait.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* @expr, with the line of the call stored in @ln: keep each use on one line. */
#define AT(ln, expr)	((ln) = __LINE__, (expr))

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- child processes ----------------------------------------------------- */

#define OUT_MAX		(256 * 1024)
#define RES_MAX		(16 * 1024)

struct child {
	int status;		/* waitpid() status */
	char err[OUT_MAX];	/* its stderr: the kernel log */
	char res[RES_MAX];	/* its reports (child_say) */
};

static int res_fd = -1;	/* in the child: the report pipe */

/* In the child: one report line for the parent. */
static void child_say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf) - 1)
		_exit(97);
	buf[n++] = '\n';
	if (write(res_fd, buf, (size_t)n) != n)
		_exit(98);
}

/* In the child: a broken expectation, seen by the parent as status 99. */
static void child_require(int cond, const char *what)
{
	if (!cond) {
		child_say("FAIL %s", what);
		_exit(99);
	}
}

/*
 * The child's whole life: its environment (entries "NAME=VALUE" set,
 * "NAME" unset), the log on stderr, @fn, then exit(0) - the module's exit
 * runs as a destructor.
 */
static void child_main(int err_fd, const char *const *env,
		       void (*fn)(void *), void *arg)
{
	unsigned int i;

	if (dup2(err_fd, 2) < 0)
		_exit(96);
	unsetenv("SVR5DDI_QUIET");
	for (i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		char name[64];

		if (!eq) {
			unsetenv(env[i]);
			continue;
		}
		if ((size_t)(eq - env[i]) >= sizeof(name))
			_exit(95);
		memcpy(name, env[i], (size_t)(eq - env[i]));
		name[eq - env[i]] = '\0';
		setenv(name, eq + 1, 1);
	}
	fn(arg);
	exit(0);
}

/* Run @fn in a fresh child (see child_main); collect its output. */
static void run_child(struct child *c, const char *const *env,
		      void (*fn)(void *), void *arg)
{
	struct pollfd pfd[2];
	size_t len[2] = { 0, 0 };
	char *buf[2] = { c->err, c->res };
	size_t cap[2] = { sizeof(c->err), sizeof(c->res) };
	int efd[2], rfd[2], open_fds = 2, i;
	pid_t pid;

	ck_assert(pipe(efd) == 0);
	ck_assert(pipe(rfd) == 0);
	fflush(NULL);
	pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		close(efd[0]);
		close(rfd[0]);
		res_fd = rfd[1];
		child_main(efd[1], env, fn, arg);
	}
	close(efd[1]);
	close(rfd[1]);
	pfd[0].fd = efd[0];
	pfd[1].fd = rfd[0];
	pfd[0].events = pfd[1].events = POLLIN;
	while (open_fds) {
		if (poll(pfd, 2, -1) < 0) {
			ck_assert_int_eq(errno, EINTR);
			continue;
		}
		for (i = 0; i < 2; i++) {
			ssize_t n;

			if (pfd[i].fd < 0 || !pfd[i].revents)
				continue;
			n = read(pfd[i].fd, buf[i] + len[i],
				 len[i] + 1 < cap[i] ? cap[i] - 1 - len[i] : 0);
			if (n > 0) {
				len[i] += (size_t)n;
				continue;
			}
			if (n == 0 && len[i] + 1 < cap[i]) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open_fds--;
			} else if (n == 0) {
				ck_abort_msg("child output %d overflows", i);
			}
		}
	}
	c->err[len[0]] = '\0';
	c->res[len[1]] = '\0';
	ck_assert(waitpid(pid, &c->status, 0) == pid);
}

/* The child exited with @code (not killed). */
#define ck_assert_exited(c, code) do {					\
	ck_assert_msg(WIFEXITED((c)->status) &&				\
		      WEXITSTATUS((c)->status) == (code),		\
		      "child status %#x, expected exit %d; reports:\n%s\n" \
		      "stderr:\n%.4000s", (c)->status, (code), (c)->res,	\
		      (c)->err);					\
} while (0)

/* Does @text have a line equal to @line?  How many lines contain @needle? */
static int has_line(const char *text, const char *line)
{
	size_t len = strlen(line);
	const char *s = text;

	while ((s = strstr(s, line)) != NULL) {
		if ((s == text || s[-1] == '\n') &&
		    (s[len] == '\n' || s[len] == '\0'))
			return 1;
		s += len;
	}
	return 0;
}

static unsigned int count_lines_with(const char *text, const char *needle)
{
	unsigned int n = 0;
	const char *s = text;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s = strchr(s, '\n');
		if (!s)
			break;
	}
	return n;
}

/* ---- leak_report --------------------------------------------------------- */

/*
 * The expected leak line of a live allocation, for the parent to find
 * ("E ..."), and the address and site of a freed one, for it not to find
 * ("F 0xADDR" and "S FILE:LINE").
 */
static void say_live(const char *call, const void *p, size_t size,
		     const char *backend, int line, const char *physreq)
{
	child_say("E svr5ddi: %s: leak: addr 0x%lx size %zu, backend %s, allocated at %s:%d%s",
		  call, (unsigned long)p, size, backend, __FILE__, line,
		  physreq);
}

static void say_freed(const void *p, int line)
{
	child_say("F addr 0x%lx size", (unsigned long)p);
	child_say("S allocated at %s:%d", __FILE__, line);
}

#define SMALL_A		100
#define SMALL_B		200
#define LARGE		(256 * KiB)
#define PBLOCK_A	100
#define PBLOCK_B	300
#define PCONTIG		(3 * PAGESIZE)

/* In the child: allocate seven things, free three (or all), exit. */
static void leak_child(void *arg)
{
	int free_all = *(int *)arg;
	int l_a, l_b, l_large, l_p, l_q, l_pa, l_pb, l_qc;
	physreq_t *p, *q;
	void *a, *b, *large, *pa, *pb, *qc;

	ddit_log_quiet(0);
	child_require(svr5ddi_debug_enabled() == 1, "debug layer on");
	p = AT(l_p, physreq_alloc(KM_SLEEP));
	q = AT(l_q, physreq_alloc(KM_SLEEP));
	child_require(p && q, "physreq_alloc");
	p->phys_align = 64;
	p->phys_dmasize = 32;
	q->phys_dmasize = 32;
	q->phys_flags |= PREQ_PHYSCONTIG;
	child_require(physreq_prep(p, KM_SLEEP) == B_TRUE &&
		      physreq_prep(q, KM_SLEEP) == B_TRUE, "physreq_prep");
	a = AT(l_a, kmem_alloc(SMALL_A, KM_SLEEP));
	b = AT(l_b, kmem_alloc(SMALL_B, KM_SLEEP));
	large = AT(l_large, kmem_alloc(LARGE, KM_SLEEP));
	pa = AT(l_pa, kmem_alloc_physreq(PBLOCK_A, p, KM_SLEEP));
	pb = AT(l_pb, kmem_alloc_physreq(PBLOCK_B, p, KM_SLEEP));
	qc = AT(l_qc, kmem_alloc_physreq(PCONTIG, q, KM_SLEEP));
	child_require(a && b && large && pa && pb && qc, "allocations");
	memset(large, 1, LARGE);
	memset(qc, 2, PCONTIG);

	/* Freed in both children: never reported. */
	kmem_free(b, SMALL_B);
	kmem_free(pb, PBLOCK_B);
	physreq_free(q);
	say_freed(b, l_b);
	say_freed(pb, l_pb);
	say_freed(q, l_q);
	if (free_all) {
		kmem_free(a, SMALL_A);
		kmem_free(large, LARGE);
		kmem_free(pa, PBLOCK_A);
		kmem_free(qc, PCONTIG);
		physreq_free(p);
		say_freed(a, l_a);
		say_freed(large, l_large);
		say_freed(pa, l_pa);
		say_freed(qc, l_qc);
		say_freed(p, l_p);
	} else {
		say_live("kmem_alloc", a, SMALL_A, "slab", l_a, "");
		say_live("kmem_alloc", large, LARGE, "vmalloc", l_large, "");
		/* the members of the physreq it was made with */
		say_live("kmem_alloc_physreq", pa, PBLOCK_A, "pool", l_pa,
			 " (physreq align 64 boundary 0 dmasize 32 "
			 "max_scgth 0)");
		say_live("kmem_alloc_physreq", qc, PCONTIG, "coherent", l_qc,
			 " (physreq align 1 boundary 0 dmasize 32 max_scgth 0 "
			 "PREQ_PHYSCONTIG)");
		say_live("physreq_alloc", p, sizeof(*p), "physreq", l_p, "");
	}
	child_say("DONE");
}

/* Each "X rest" report line of @res, rest copied into @out[]. */
static unsigned int reports(const char *res, char tag, char out[][256],
			    unsigned int max)
{
	unsigned int n = 0;
	const char *s = res;

	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (len > 2 && s[0] == tag && s[1] == ' ') {
			ck_assert_uint_lt(n, max);
			ck_assert_uint_lt(len - 2, 256);
			memcpy(out[n], s + 2, len - 2);
			out[n][len - 2] = '\0';
			n++;
		}
		s += len + (e != NULL);
	}
	return n;
}

static struct child kid;	/* 272 KiB: not on the stack */

/*
 * _i == 0: five allocations live at exit, five leak lines exactly;
 * _i == 1: everything freed, no leak line.
 */
START_TEST(test_leak_report_at_exit)
{
	static const char *const env[] = { "SVR5DDI_DEBUG=1", NULL };
	char live[8][256], freed[16][256];
	unsigned int nlive, nfreed, i;
	int free_all = _i;

	run_child(&kid, env, leak_child, &free_all);
	ck_assert_exited(&kid, 0);
	ck_assert_msg(has_line(kid.res, "DONE"), "%s", kid.res);
	nlive = reports(kid.res, 'E', live, NELEM(live));
	nfreed = reports(kid.res, 'F', freed, NELEM(freed));
	ck_assert_uint_eq(nlive, free_all ? 0 : 5);
	ck_assert_uint_eq(nfreed, free_all ? 8 : 3);
	/* Exactly the live ones, each once, whole. */
	ck_assert_msg(count_lines_with(kid.err, ": leak: ") == nlive,
		      "%u leak lines, expected %u:\n%s",
		      count_lines_with(kid.err, ": leak: "), nlive, kid.err);
	for (i = 0; i < nlive; i++)
		ck_assert_msg(has_line(kid.err, live[i]),
			      "missing \"%s\" in:\n%s", live[i], kid.err);
	/* Nothing freed: not its address, not its site. */
	for (i = 0; i < nfreed; i++)
		ck_assert_msg(!strstr(kid.err, freed[i]),
			      "freed \"%s\" reported:\n%s", freed[i], kid.err);
	nfreed = reports(kid.res, 'S', freed, NELEM(freed));
	for (i = 0; i < nfreed; i++) {
		char site[300];

		snprintf(site, sizeof(site), "%.255s\n", freed[i]);
		ck_assert_msg(!strstr(kid.err, site),
			      "freed site \"%s\" reported:\n%s", freed[i],
			      kid.err);
	}
	/* The report is the debug layer's misuse line, nothing else. */
	ck_assert_msg(!strstr(kid.err, "WARNING:") && !strstr(kid.err, "BUG"),
		      "%s", kid.err);
}
END_TEST

/* ---- params -------------------------------------------------------------- */

/* In the child: the first DDI call starts the module; report its state. */
static void params_child(void *arg)
{
	struct svr5ddi_stats st;
	int debug;

	debug = svr5ddi_debug_enabled();	/* module_init runs here */
	child_say("STARTED");
	memset(&st, 0xff, sizeof(st));
	svr5ddi_get_stats(&st);
	child_say("debug %d", debug);
	child_say("reserve %lu %lu", st.reserve_size[0], st.reserve_size[1]);
}

struct bad_param {
	const char *env;	/* NAME=VALUE */
	const char *msg;	/* the start of the line naming it */
};

/* Each malformed value: exit status 2 before the call returns. */
START_TEST(test_bad_params_exit)
{
	static const struct bad_param bad[] = {
		{ "SVR5DDI_DEBUG=2",
		  "svr5ddi: SVR5DDI_DEBUG=\"2\": expected 0 or 1" },
		{ "SVR5DDI_DEBUG=yes",
		  "svr5ddi: SVR5DDI_DEBUG=\"yes\": expected 0 or 1" },
		{ "SVR5DDI_RESERVE=garbage",
		  "svr5ddi: SVR5DDI_RESERVE=\"garbage\": expected dma:SIZE,dma32:SIZE" },
		{ "SVR5DDI_RESERVE=dma:1Q",
		  "svr5ddi: SVR5DDI_RESERVE=\"dma:1Q\": expected dma:SIZE,dma32:SIZE" },
	};
	const char *env[3] = { NULL, NULL, NULL };
	const struct bad_param *b = &bad[_i];

	/* The other variable valid, so only @b can be the cause. */
	env[0] = b->env;
	env[1] = strncmp(b->env, "SVR5DDI_DEBUG", 13) ? "SVR5DDI_DEBUG=1" :
							 "SVR5DDI_RESERVE";
	run_child(&kid, env, params_child, NULL);
	ck_assert_exited(&kid, 2);
	ck_assert_msg(!strstr(kid.res, "STARTED"),
		      "%s: the DDI call returned", b->env);
	ck_assert_msg(count_lines_with(kid.err, b->msg) == 1,
		      "%s: no \"%s\" in:\n%s", b->env, b->msg, kid.err);
	ck_assert_msg(strstr(kid.err, "svr5ddi: fatal: ") &&
		      strstr(kid.err, "failed: -22\n"),
		      "%s: no fatal init line in:\n%s", b->env, kid.err);
}
END_TEST

struct good_param {
	const char *env[3];
	int debug;
	unsigned long dma, dma32;
};

/* Valid values start the module and take effect. */
START_TEST(test_good_params_start)
{
	static const struct good_param good[] = {
		{ { "SVR5DDI_DEBUG=0", "SVR5DDI_RESERVE", NULL }, 0,
		  1 * MiB, 4 * MiB },
		{ { "SVR5DDI_DEBUG=1", "SVR5DDI_RESERVE", NULL }, 1,
		  1 * MiB, 4 * MiB },
		{ { "SVR5DDI_DEBUG=0", "SVR5DDI_RESERVE=dma:64K,dma32:1M",
		    NULL }, 0, 64 * KiB, 1 * MiB },
		{ { "SVR5DDI_DEBUG=1", "SVR5DDI_RESERVE=dma:128k,dma32:2m",
		    NULL }, 1, 128 * KiB, 2 * MiB },
	};
	const struct good_param *g = &good[_i];
	char want[128];

	run_child(&kid, g->env, params_child, NULL);
	ck_assert_exited(&kid, 0);
	ck_assert_msg(has_line(kid.res, "STARTED"), "%s", kid.res);
	snprintf(want, sizeof(want), "debug %d", g->debug);
	ck_assert_msg(has_line(kid.res, want), "want \"%s\" in:\n%s", want,
		      kid.res);
	snprintf(want, sizeof(want), "reserve %lu %lu", g->dma, g->dma32);
	ck_assert_msg(has_line(kid.res, want), "want \"%s\" in:\n%s", want,
		      kid.res);
	ck_assert_msg(!strstr(kid.err, "expected") &&
		      !strstr(kid.err, "fatal") &&
		      !strstr(kid.err, "contiguous reserve"),
		      "%s", kid.err);
}
END_TEST

/* ---- classes ------------------------------------------------------------- */

static unsigned long backend_calls(void)
{
	struct ddit_fault_counts c;

	ddit_fault_counts(&c);
	return c.calls;
}

static physreq_t *prepped(paddr_t align, int dmasize, int flags)
{
	physreq_t *p = physreq_alloc(KM_SLEEP);

	ck_assert_ptr_nonnull(p);
	p->phys_align = align;
	p->phys_dmasize = (uchar_t)dmasize;
	p->phys_flags |= (uchar_t)flags;
	ck_assert(physreq_prep(p, KM_SLEEP) == B_TRUE);
	ck_assert_ptr_nonnull(p->phys_private);
	return p;
}

/* _i: the debug layer off (0) or on (1). */
START_TEST(test_equal_physreqs_share_class)
{
	struct svr5ddi_stats s0;
	physreq_t *p1, *p2, *p3, *p4;
	unsigned long c0;
	char *a, *b, *c, *d, *e;

	svr5ddi_set_debug(_i);
	ck_assert_int_eq(svr5ddi_debug_enabled(), _i);
	s0 = ddit_stats();
	p1 = prepped(64, 32, 0);
	p2 = prepped(64, 32, 0);
	p3 = prepped(64, 24, 0);	/* another width */
	p4 = prepped(128, 32, 0);	/* another alignment */
	ck_assert_ptr_eq(p1->phys_private, p2->phys_private);
	ck_assert_ptr_ne(p1->phys_private, p3->phys_private);
	ck_assert_ptr_ne(p1->phys_private, p4->phys_private);
	ck_assert_ptr_ne(p3->phys_private, p4->phys_private);

	/* Warm the class: its pool and this CPU's magazine exist. */
	a = kmem_alloc_physreq(200, p1, KM_SLEEP);
	ck_assert_ptr_nonnull(a);
	kmem_free(a, 200);
	a = kmem_alloc_physreq(200, p1, KM_SLEEP);
	ck_assert_ptr_nonnull(a);
	memset(a, 0x11, 200);
	kmem_free(a, 200);

	/* Freed through p1, served to p2: the same block, no backend call. */
	ddit_fault_off();	/* counting on */
	c0 = backend_calls();
	b = kmem_alloc_physreq(200, p2, KM_SLEEP);
	ck_assert_ptr_eq(b, a);
	ck_assert_uint_eq(backend_calls(), c0);
	kmem_free(b, 200);
	/* Any size of the same block size (256) is the same block. */
	c0 = backend_calls();
	b = kmem_alloc_physreq(150, p1, KM_SLEEP);
	ck_assert_ptr_eq(b, a);
	ck_assert_uint_eq(backend_calls(), c0);
	kmem_free(b, 150);

	/* Other classes never get it, whatever is free in p1's. */
	c = kmem_alloc_physreq(200, p3, KM_SLEEP);
	d = kmem_alloc_physreq(200, p4, KM_SLEEP);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_ne(c, a);
	ck_assert_ptr_ne(d, a);
	ck_assert_uint_lt(ddit_phys_of(c) + 199, 1ULL << 24);
	ck_assert_uint_eq((uintptr_t)d % 128, 0);

	/* The class outlives p1 while p2 holds it. */
	physreq_free(p1);
	c0 = backend_calls();
	e = kmem_alloc_physreq(200, p2, KM_SLEEP);
	ck_assert_ptr_eq(e, a);
	ck_assert_uint_eq(backend_calls(), c0);
	ck_assert_uint_lt(ddit_phys_of(e) + 199, 1ULL << 32);

	kmem_free(e, 200);
	kmem_free(c, 200);
	kmem_free(d, 200);
	physreq_free(p2);
	physreq_free(p3);
	physreq_free(p4);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- long_wait ----------------------------------------------------------- */

#define WAIT_SIZE	(64 * KiB)
#define RESV_BUFS	64

struct exhausted {
	void *zone[DDIT_NR_ZONES];
	void *rbuf[RESV_BUFS];		/* the contiguous reserves, drained */
	size_t rsize[RESV_BUFS];
	unsigned int nr;
};

/*
 * Every page of every zone taken, then the contiguous reserves drained
 * through @preq (the only memory left that could serve it): a contiguous
 * KM_SLEEP request of @preq then waits in svr5ddi's own loop, whose
 * allocator calls fail at once (__GFP_NORETRY).
 */
static void exhaust(struct exhausted *ex, physreq_t *preq)
{
	static const size_t sizes[] = { MiB, 256 * KiB, 64 * KiB, 16 * KiB,
					4 * KiB };
	unsigned int s, z;

	memset(ex, 0, sizeof(*ex));
	for (z = 0; z < DDIT_NR_ZONES; z++)
		ex->zone[z] = ddit_exhaust((enum ddit_zone)z);
	for (s = 0; s < NELEM(sizes); s++) {
		while (ex->nr < RESV_BUFS) {
			void *b = kmem_alloc_physreq(sizes[s], preq,
						     KM_NOSLEEP);

			if (!b)
				break;
			ex->rbuf[ex->nr] = b;
			ex->rsize[ex->nr++] = sizes[s];
		}
	}
}

static void unexhaust(struct exhausted *ex)
{
	unsigned int i;

	for (i = 0; i < DDIT_NR_ZONES; i++)
		ddit_unfragment(ex->zone[i]);
	for (i = 0; i < ex->nr; i++)
		kmem_free(ex->rbuf[i], ex->rsize[i]);
}

struct waiter {
	physreq_t *preq;
	void *p;
	int done;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;

	w->p = kmem_alloc_physreq(WAIT_SIZE, w->preq, KM_SLEEP);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

#define WAIT_MSG	"KM_SLEEP request of"

START_TEST(test_km_sleep_long_wait_message)
{
	struct svr5ddi_stats s0, s1;
	struct ddit_layout lay;
	struct waiter w = { 0 };
	struct exhausted ex;
	char line[512], want[256];
	unsigned int secs;
	double t0, seen = -1, t1;
	void *q;
	pthread_t th;

	ddit_log_quiet(1);
	svr5ddi_set_debug(1);
	w.preq = prepped(1, 64, PREQ_PHYSCONTIG);
	/* Warm up: records, the class's device, the reserves. */
	q = kmem_alloc_physreq(WAIT_SIZE, w.preq, KM_SLEEP);
	ck_assert_ptr_nonnull(q);
	kmem_free(q, WAIT_SIZE);
	exhaust(&ex, w.preq);
	q = kmem_alloc_physreq(WAIT_SIZE, w.preq, KM_NOSLEEP);
	if (q)
		kmem_free(q, WAIT_SIZE);
	ck_assert_msg(q == NULL, "precondition: KM_NOSLEEP succeeded on an "
		      "exhausted machine");
	ddit_log_clear();
	s0 = ddit_stats();

	t0 = now_s();
	ck_assert_int_eq(pthread_create(&th, NULL, waiter_fn, &w), 0);
	while (now_s() - t0 < 25.0 &&
	       !__atomic_load_n(&w.done, __ATOMIC_ACQUIRE)) {
		if (ddit_log_contains(WAIT_MSG)) {
			seen = now_s() - t0;
			break;
		}
		ddit_msleep(20);
	}
	ck_assert_msg(!__atomic_load_n(&w.done, __ATOMIC_ACQUIRE),
		      "KM_SLEEP returned (%p) on an exhausted machine", w.p);
	ck_assert_msg(seen >= 0, "no \"%s\" message in 25 s", WAIT_MSG);
	/* Not before 10 s (jiffies tick every 4 ms), not much after. */
	ck_assert_msg(seen > 9.9 && seen < 12.0, "message after %.3f s", seen);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.sleep_waits, s0.sleep_waits + 1);

	/* Give memory back: the request completes. */
	unexhaust(&ex);
	t1 = now_s();
	while (now_s() - t1 < 5.0 &&
	       !__atomic_load_n(&w.done, __ATOMIC_ACQUIRE))
		ddit_msleep(10);
	ck_assert_msg(__atomic_load_n(&w.done, __ATOMIC_ACQUIRE),
		      "KM_SLEEP still waiting 5 s after memory came back");
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_ptr_nonnull(w.p);
	ddit_layout(w.p, WAIT_SIZE, &lay);
	ck_assert(lay.mapped);
	ck_assert_uint_eq(lay.runs, 1);
	memset(w.p, 0x5a, WAIT_SIZE);

	/* The message: the call, the size, the time waited. */
	ck_assert(ddit_log_line(WAIT_MSG, 0, line, sizeof(line)));
	snprintf(want, sizeof(want),
		 "svr5ddi: kmem_alloc_physreq: KM_SLEEP request of %lu bytes waiting for memory for ",
		 WAIT_SIZE);
	ck_assert_msg(!strncmp(line, want, strlen(want)), "line \"%s\"", line);
	ck_assert_msg(sscanf(line + strlen(want), "%u s", &secs) == 1 &&
		      secs >= 10 && secs <= 12, "line \"%s\"", line);
	snprintf(want, sizeof(want), "%u s", secs);
	ck_assert_str_eq(line + strlen(line) - strlen(want), want);
	/* Rate limited: at most 10 lines in any 5 s. */
	ck_assert_uint_le(ddit_log_count(WAIT_MSG), 10);

	kmem_free(w.p, WAIT_SIZE);
	physreq_free(w.preq);
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	ck_assert_uint_eq(ddit_stats().misuse_total, 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_lifecycle");
	TCase *tc;

	tc = tcase_create("leak_report");
	tcase_add_loop_test(tc, test_leak_report_at_exit, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("params");
	tcase_add_loop_test(tc, test_bad_params_exit, 0, 4);
	tcase_add_loop_test(tc, test_good_params_start, 0, 4);
	suite_add_tcase(s, tc);

	tc = tcase_create("classes");
	tcase_add_loop_test(tc, test_equal_physreqs_share_class, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("long_wait");
	tcase_set_timeout(tc, 40);
	tcase_add_test(tc, test_km_sleep_long_wait_message);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
