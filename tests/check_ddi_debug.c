/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_debug.c - the debug layer's records (ddi/kmem_debug.c) seen
 * from drivers through the public API: kmem_alloc/kmem_free (with sites),
 * svr5ddi_set_debug, svr5ddi_get_stats, svr5ddi_leak_report,
 * svr5ddi_phys_owner and the misuse reports.
 *
 * What is pinned:
 *   - threads racing to kmem_free the same tracked pointers (64 a
 *     round, walked in crossing orders so the threads meet on some of
 *     them at the same instant): exactly one free releases each (live
 *     counts drop by its object and size), each other one is reported
 *     once as a double free or a free of an unknown address naming it,
 *     and nothing else is counted;
 *   - a second free is a double free (naming both sites) after up to 127
 *     other tracked frees on the same CPU and any number on other CPUs,
 *     also when another thread makes it; interior frees name the
 *     containing buffer and the offset; a stack address is unknown;
 *     nothing of a reported free is released;
 *   - the leak report: one line per live allocation, with its call, size
 *     and site, whichever thread (now gone) made it; none once freed;
 *     svr5ddi_phys_owner finds another thread's buffer, byte by byte;
 *   - debug switched off with tracked allocations live: their frees are
 *     still checked (size from the record, guard bytes); once the last
 *     is gone, release behaviour (magazine LIFO, no backend call);
 *     switching on and off, also while other threads allocate, never
 *     loses or double-counts a live object, and after everything was
 *     freed, switching on again makes tracking complete (a double free
 *     is reported, not performed);
 *   - sizes around the trailer boundary (1 .. 8193): the alignment of
 *     spec section 4, a byte written past the end is a redzone report
 *     wherever the object has slack, and a correct free is silent.
 *
 * Fresh process per test (fork mode); debug on (SVR5DDI_DEBUG=1 and
 * ddit_debug_on(), before anything is allocated, so tracking is
 * complete); log quiet.
 */
#include "ddi_test_common.h"
#include <pthread.h>
#include <stdlib.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void quiet_debug(void)
{
	ddit_debug_on();
	ddit_log_quiet(1);
	ddit_log_clear();
}

static const char *tag_text(int tag)
{
	const char *t = svr5ddi_misuse_text((enum svr5ddi_misuse)tag);

	ck_assert_ptr_nonnull(t);
	return t;
}

/* Counters moved by exactly @want[tag] since @s0 (total included). */
static void expect_counts(const struct svr5ddi_stats *s0,
			  const unsigned long *want)
{
	struct svr5ddi_stats s1 = ddit_stats();
	unsigned long total = 0;
	int i;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++) {
		ck_assert_msg(s1.misuse[i] == s0->misuse[i] + want[i],
			      "misuse[%s] %lu, expected %lu",
			      svr5ddi_misuse_name((enum svr5ddi_misuse)i),
			      s1.misuse[i], s0->misuse[i] + want[i]);
		total += want[i];
	}
	ck_assert_uint_eq(s1.misuse_total, s0->misuse_total + total);
}

/* Exactly one report, of @tag, since @s0. */
static void expect_one(const struct svr5ddi_stats *s0, int tag)
{
	unsigned long want[SVR5DDI_MISUSE_NR] = { 0 };

	want[tag] = 1;
	expect_counts(s0, want);
}

/* The one log line with @tag's text since the last clear, "svr5ddi: CALL: TEXT". */
static void one_line(int tag, const char *call, char *buf, size_t size)
{
	const char *text = tag_text(tag);
	char head[128];

	ck_assert_msg(ddit_log_count(text) == 1, "%u lines with \"%s\"",
		      ddit_log_count(text), text);
	ck_assert(ddit_log_line(text, 0, buf, size));
	snprintf(head, sizeof(head), "svr5ddi: %s: %s", call, text);
	ck_assert_msg(strstr(buf, head) != NULL, "no \"%s\" in: %s", head,
		      buf);
}

/* "0x<v>" in @line as a whole hex number (not a prefix of a longer one). */
static int has_hex(const char *line, unsigned long v)
{
	const char *s = line;
	char h[32];
	size_t n = (size_t)snprintf(h, sizeof(h), "0x%lx", v);

	while ((s = strstr(s, h)) != NULL) {
		if (!isxdigit_ascii(s[n]))
			return 1;
		s++;
	}
	return 0;
}

#define ck_line_addr(buf, p) \
	ck_assert_msg(has_hex(buf, (unsigned long)(p)), \
		      "no address %p in: %s", (void *)(p), buf)
#define ck_line_num(buf, n) \
	ck_assert_msg(ddit_has_number(buf, (unsigned long)(n)), \
		      "no number %lu in: %s", (unsigned long)(n), buf)
#define ck_line_site(buf, line) \
	ck_assert_msg(ddit_has_site(buf, __FILE__, line), \
		      "no site %s:%d in: %s", ddit_basename(__FILE__), \
		      line, buf)

/* Allocator calls the emulation has seen since counting started. */
static unsigned long backend_calls(void)
{
	struct ddit_fault_counts c;

	ddit_fault_counts(&c);
	return c.calls;
}

/*
 * The allocator is sound: allocations of several sizes hold their
 * contents, freeing them leaves every live count where it was, nothing is
 * reported, and no tracked allocation is left over (leak report empty).
 */
static void exercise_allocator(void)
{
	static const size_t sizes[] = { 1, 64, 100, 3000, 8169, 20000 };
	struct svr5ddi_stats s0 = ddit_stats();
	unsigned char *p[NELEM(sizes)];
	unsigned int i;

	for (i = 0; i < NELEM(sizes); i++) {
		p[i] = kmem_alloc(sizes[i], i & 1 ? KM_NOSLEEP : KM_SLEEP);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (i = 0; i < NELEM(sizes); i++) {
		ck_assert_uint_eq(p[i][0], i + 1);
		ck_assert_uint_eq(p[i][sizes[i] - 1], i + 1);
		kmem_free(p[i], sizes[i]);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	ck_assert_uint_eq(ddit_log_count(tag_text(SVR5DDI_MISUSE_LEAK)), 0);
}

/* ---- 1. racing frees of one pointer ---------------------------------------- */

#define RACE_K		64	/* pointers per round */
#define RACE_ROUNDS	200

struct race {
	pthread_barrier_t start, done;
	char *p[RACE_K];
	size_t size[RACE_K];
	int stop;
	int round;
	int nthreads;
	atomic_int ready;	/* threads spinning for this round */
	atomic_int go;		/* the round they may free in */
};

struct racer {
	struct race *r;
	int id;
};

/*
 * Every thread frees every pointer of the round.  Threads meet at a
 * barrier, then spin until the last of them to arrive opens the round
 * (the main thread sleeps meanwhile), so they start close together; and
 * they walk the pointers in crossing orders (thread 0 forwards, thread 1
 * backwards, threads 2 and 3 likewise from the middle), so wherever one
 * thread is ahead of another they meet on some pointer at the same time.
 */
static void *race_fn(void *arg)
{
	struct racer *me = arg;
	struct race *r = me->r;
	unsigned long spins;
	int j;

	for (;;) {
		pthread_barrier_wait(&r->start);
		if (r->stop)
			break;
		if (atomic_fetch_add(&r->ready, 1) + 1 == r->nthreads)
			atomic_store(&r->go, r->round);
		for (spins = 0; atomic_load(&r->go) != r->round; spins++)
			if (spins > 100000)
				sched_yield();
		for (j = 0; j < RACE_K; j++) {
			int k = (me->id & 1 ? RACE_K - 1 - j : j);

			k = (k + (me->id / 2) * (RACE_K / 2)) % RACE_K;
			kmem_free(r->p[k], r->size[k]);
		}
		pthread_barrier_wait(&r->done);
	}
	return NULL;
}

/*
 * @nthreads threads free the same pointers at once, 200 rounds of 64:
 * small ones found by their trailers (64, 3000 B), slab ones in the hash
 * (8169 B) and vmalloc ones (20000 B).  Per pointer exactly one free
 * releases it: the live counts drop by the round's objects and bytes,
 * and every other free is one report (double free, or unknown address
 * when it comes before the winner's tombstone) naming the pointer.
 */
static void race_frees(int nthreads)
{
	static const size_t sizes[] = { 64, 3000, 8169, 20000 };
	const char *dbl = tag_text(SVR5DDI_MISUSE_DOUBLE_FREE);
	const char *wild = tag_text(SVR5DDI_MISUSE_WILD_FREE);
	unsigned int lines[RACE_K];
	struct racer who[4];
	pthread_t th[4];
	struct race r;
	int i, j, round;

	ck_assert_int_le(nthreads, (int)NELEM(th));
	quiet_debug();
	memset(&r, 0, sizeof(r));
	atomic_init(&r.ready, 0);
	atomic_init(&r.go, 0);
	r.nthreads = nthreads;
	ck_assert_int_eq(pthread_barrier_init(&r.start, NULL, nthreads + 1), 0);
	ck_assert_int_eq(pthread_barrier_init(&r.done, NULL, nthreads + 1), 0);
	for (i = 0; i < nthreads; i++) {
		who[i].r = &r;
		who[i].id = i;
		ck_assert_int_eq(pthread_create(&th[i], NULL, race_fn, &who[i]),
				 0);
	}

	for (round = 0; round < RACE_ROUNDS; round++) {
		struct svr5ddi_stats s0, s1;
		unsigned long bytes = 0, want;
		unsigned int n;

		for (j = 0; j < RACE_K; j++) {
			size_t size = sizes[(round + j) % NELEM(sizes)];

			r.p[j] = kmem_alloc(size, KM_SLEEP);
			ck_assert_ptr_nonnull(r.p[j]);
			memset(r.p[j], 0x3c, size);
			r.size[j] = size;
			bytes += size;
		}
		ddit_log_clear();
		s0 = ddit_stats();
		r.round = round + 1;
		atomic_store(&r.ready, 0);
		pthread_barrier_wait(&r.start);
		pthread_barrier_wait(&r.done);

		s1 = ddit_stats();
		ck_assert_msg(ddit_live_objects(&s1) ==
			      ddit_live_objects(&s0) - RACE_K,
			      "round %d: live objects %lu, were %lu (%d freed)",
			      round, ddit_live_objects(&s1),
			      ddit_live_objects(&s0), RACE_K);
		ck_assert_msg(ddit_live_bytes(&s1) ==
			      ddit_live_bytes(&s0) - bytes,
			      "round %d: live bytes %lu, were %lu (%lu freed)",
			      round, ddit_live_bytes(&s1),
			      ddit_live_bytes(&s0), bytes);
		want = (unsigned long)RACE_K * (unsigned long)(nthreads - 1);
		ck_assert_msg(s1.misuse_total == s0.misuse_total + want,
			      "round %d: %lu reports, expected %lu", round,
			      s1.misuse_total - s0.misuse_total, want);
		ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
				  s1.misuse[SVR5DDI_MISUSE_WILD_FREE],
				  s0.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
				  s0.misuse[SVR5DDI_MISUSE_WILD_FREE] + want);
		n = ddit_log_count(dbl) + ddit_log_count(wild);
		ck_assert_msg(n == want, "round %d: %u report lines", round, n);
		/* each pointer named by nthreads - 1 of them */
		memset(lines, 0, sizeof(lines));
		for (i = 0; i < (int)n; i++) {
			unsigned int d = ddit_log_count(dbl);
			char buf[512];

			ck_assert(ddit_log_line(i < (int)d ? dbl : wild,
						(unsigned int)(i < (int)d ? i : i - (int)d),
						buf, sizeof(buf)));
			for (j = 0; j < RACE_K; j++)
				if (has_hex(buf, (unsigned long)r.p[j]))
					lines[j]++;
		}
		for (j = 0; j < RACE_K; j++)
			ck_assert_msg(lines[j] == (unsigned int)(nthreads - 1),
				      "round %d: %p (size %zu) in %u reports",
				      round, (void *)r.p[j], r.size[j],
				      lines[j]);
	}
	r.stop = 1;
	pthread_barrier_wait(&r.start);
	for (i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&r.start);
	pthread_barrier_destroy(&r.done);
	exercise_allocator();
}

START_TEST(test_race_free_two_threads)
{
	race_frees(2);
}
END_TEST

START_TEST(test_race_free_four_threads)
{
	race_frees(4);
}
END_TEST

/* ---- 2. double, interior and wild frees ------------------------------------ */

/* A double free of @p (@size, allocated at @aline, first freed at @fline). */
static void expect_double(const struct svr5ddi_stats *s0, const void *p,
			  size_t size, int aline, int fline, int dline)
{
	char buf[512];

	expect_one(s0, SVR5DDI_MISUSE_DOUBLE_FREE);
	one_line(SVR5DDI_MISUSE_DOUBLE_FREE, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, p);
	ck_line_num(buf, size);
	ck_line_site(buf, aline);
	ck_line_site(buf, fline);
	ck_line_site(buf, dline);
	ck_assert_live_as(*s0);
}

/* 127 more tracked frees on the same CPU: the tombstone is still there. */
START_TEST(test_double_free_after_local_frees)
{
	enum { N = 127 };
	struct svr5ddi_stats s0;
	void *hold[N];
	int aline, fline, dline, i;
	char *p;

	quiet_debug();
	/* same class as p, allocated first so none of them is p again */
	for (i = 0; i < N; i++) {
		hold[i] = kmem_alloc(64, KM_SLEEP);
		ck_assert_ptr_nonnull(hold[i]);
	}
	p = kmem_alloc(64, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 64); fline = __LINE__;
	for (i = 0; i < N; i++)
		kmem_free(hold[i], 64);
	s0 = ddit_stats();
	ddit_log_clear();
	kmem_free(p, 64); dline = __LINE__;
	expect_double(&s0, p, 64, aline, fline, dline);
	exercise_allocator();
}
END_TEST

struct churn {
	int id;
	int bad;
};

/* Tracked alloc/free pairs of classes other than the 64 B one's. */
static void *churn_fn(void *arg)
{
	static const size_t sizes[] = { 24, 200, 3000 };
	struct churn *c = arg;
	int i;

	for (i = 0; i < 300; i++) {
		size_t n = sizes[(i + c->id) % NELEM(sizes)];
		unsigned char *q = kmem_alloc(n, KM_SLEEP);

		if (!q) {
			c->bad++;
			continue;
		}
		memset(q, c->id, n);
		kmem_free(q, n);
	}
	return NULL;
}

struct refree {
	void *p;
	size_t size;
	int line;
};

static void *refree_fn(void *arg)
{
	struct refree *f = arg;

	kmem_free(f->p, f->size); f->line = __LINE__;
	return NULL;
}

/*
 * Frees on other CPUs (300 each, more than a ring holds) do not push out
 * this CPU's tombstone; a second free made by another thread finds it.
 */
START_TEST(test_double_free_after_other_threads)
{
	struct churn c[4];
	pthread_t th[4];
	struct svr5ddi_stats s0, s1;
	struct refree f;
	int aline, fline, dline, i;
	char *p;

	quiet_debug();
	p = kmem_alloc(64, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 64); fline = __LINE__;
	s1 = ddit_stats();
	for (i = 0; i < 4; i++) {
		c[i].id = i + 1;
		c[i].bad = 0;
		ck_assert_int_eq(pthread_create(&th[i], NULL, churn_fn, &c[i]),
				 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		ck_assert_int_eq(c[i].bad, 0);
	}
	ck_assert_live_as(s1);
	ck_assert_no_misuse_since(s1);

	s0 = ddit_stats();
	ddit_log_clear();
	kmem_free(p, 64); dline = __LINE__;
	expect_double(&s0, p, 64, aline, fline, dline);

	/* the same double free from a thread that never saw p */
	s0 = ddit_stats();
	ddit_log_clear();
	f.p = p;
	f.size = 64;
	f.line = 0;
	ck_assert_int_eq(pthread_create(&th[0], NULL, refree_fn, &f), 0);
	pthread_join(th[0], NULL);
	expect_double(&s0, p, 64, aline, fline, f.line);
	exercise_allocator();
}
END_TEST

/*
 * After more tracked frees on the same CPU than its ring holds, a second
 * free may be called a double free or an unknown address, but it is
 * reported once and frees nothing.
 */
START_TEST(test_old_double_free_still_reported)
{
	enum { N = 300 };
	struct svr5ddi_stats s0, s1;
	unsigned long dw;
	char *p;
	int i;

	quiet_debug();
	p = kmem_alloc(64, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 64);
	for (i = 0; i < N; i++) {
		void *q = kmem_alloc(3000, KM_SLEEP);

		ck_assert_ptr_nonnull(q);
		kmem_free(q, 3000);
	}
	s0 = ddit_stats();
	kmem_free(p, 64);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse_total, s0.misuse_total + 1);
	dw = s1.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] +
	     s1.misuse[SVR5DDI_MISUSE_WILD_FREE] -
	     s0.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] -
	     s0.misuse[SVR5DDI_MISUSE_WILD_FREE];
	ck_assert_uint_eq(dw, 1);
	ck_assert_live_as(s0);
	exercise_allocator();
}
END_TEST

/* A free of @p + @off (inside @base, @size bytes from @aline) is interior. */
static void interior(char *base, size_t size, int aline, size_t off)
{
	struct svr5ddi_stats s0;
	unsigned long w0;
	char buf[512];
	int fline;

	ddit_log_clear();
	s0 = ddit_stats();
	w0 = ddit_warn_count();
	kmem_free(base + off, 16); fline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_INTERIOR_FREE);
	one_line(SVR5DDI_MISUSE_INTERIOR_FREE, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, base + off);
	ck_line_addr(buf, base);
	ck_assert_msg(strstr(buf, "offset") != NULL, "no offset in: %s", buf);
	ck_line_num(strstr(buf, "offset"), off);
	ck_line_num(buf, size);
	ck_line_site(buf, aline);
	ck_line_site(buf, fline);
	ck_assert_live_as(s0);
	ck_assert_uint_eq(ddit_warn_count(), w0);
}

START_TEST(test_interior_free)
{
	struct svr5ddi_stats sb, s0;
	char *a, *b, *c;
	int al, bl, cl;

	quiet_debug();
	sb = ddit_stats();
	a = kmem_alloc(64, KM_SLEEP); al = __LINE__;
	b = kmem_alloc(3000, KM_SLEEP); bl = __LINE__;
	c = kmem_alloc(20000, KM_SLEEP); cl = __LINE__;
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(c);
	memset(a, 1, 64);
	memset(b, 2, 3000);
	memset(c, 3, 20000);
	interior(a, 64, al, 8);
	interior(a, 64, al, 16);
	interior(a, 64, al, 63);
	interior(b, 3000, bl, 1000);
	interior(b, 3000, bl, 2048);	/* aligned like a smaller object */
	interior(b, 3000, bl, 2999);
	interior(c, 20000, cl, 8192);	/* a page start inside vmalloc */
	/* the buffers are intact and free cleanly */
	ck_assert(a[0] == 1 && a[63] == 1);
	ck_assert(b[0] == 2 && b[2999] == 2);
	ck_assert(c[0] == 3 && c[19999] == 3);
	s0 = ddit_stats();
	kmem_free(a, 64);
	kmem_free(b, 3000);
	kmem_free(c, 20000);
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

START_TEST(test_wild_free)
{
	struct svr5ddi_stats s0;
	char local[64];
	unsigned long w0;
	char buf[512];
	void *foreign;
	int fline;

	quiet_debug();
	memset(local, 0, sizeof(local));
	s0 = ddit_stats();
	kmem_free(local, sizeof(local)); fline = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_WILD_FREE);
	one_line(SVR5DDI_MISUSE_WILD_FREE, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, local);
	ck_line_num(buf, sizeof(local));
	ck_line_site(buf, fline);
	ck_assert_live_as(s0);

	/* a slab object svr5ddi never returned: reported, not freed (the
	 * emulation's own kfree of it afterwards warns about nothing) */
	foreign = ddit_kmalloc(128);
	ck_assert_ptr_nonnull(foreign);
	memset(foreign, 0x11, 128);
	ddit_log_clear();
	s0 = ddit_stats();
	w0 = ddit_warn_count();
	kmem_free(foreign, 128);
	expect_one(&s0, SVR5DDI_MISUSE_WILD_FREE);
	one_line(SVR5DDI_MISUSE_WILD_FREE, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, foreign);
	ddit_kfree(foreign);
	ck_assert_uint_eq(ddit_warn_count(), w0);
	ck_assert_live_as(s0);
	exercise_allocator();
}
END_TEST

/* ---- 3. leak report and owners across threads -------------------------------- */

#define LEAK_THREADS	4
#define LEAK_PER	5

struct leaker {
	int id;
	char *p[LEAK_PER];
	size_t size[LEAK_PER];
	int line[LEAK_PER];
	const char *call[LEAK_PER];
};

static void *leak_fn(void *arg)
{
	struct leaker *l = arg;
	size_t s[LEAK_PER];
	int i;

	s[0] = 1 + (size_t)l->id;
	s[1] = 64;
	s[2] = 3000 + (size_t)l->id;
	s[3] = 8169;
	s[4] = 20000 + (size_t)l->id;
	l->p[0] = kmem_alloc(s[0], KM_SLEEP); l->line[0] = __LINE__;
	l->call[0] = "kmem_alloc";
	l->p[1] = kmem_zalloc(s[1], KM_SLEEP); l->line[1] = __LINE__;
	l->call[1] = "kmem_zalloc";
	l->p[2] = kmem_alloc(s[2], KM_NOSLEEP); l->line[2] = __LINE__;
	l->call[2] = "kmem_alloc";
	l->p[3] = kmem_zalloc(s[3], KM_SLEEP); l->line[3] = __LINE__;
	l->call[3] = "kmem_zalloc";
	l->p[4] = kmem_alloc(s[4], KM_SLEEP); l->line[4] = __LINE__;
	l->call[4] = "kmem_alloc";
	for (i = 0; i < LEAK_PER; i++) {
		l->size[i] = s[i];
		if (l->p[i])
			memset(l->p[i], 0x40 + l->id, s[i]);
	}
	return NULL;
}

START_TEST(test_leak_report_threads)
{
	const char *leak = tag_text(SVR5DDI_MISUSE_LEAK);
	struct leaker l[LEAK_THREADS];
	pthread_t th[LEAK_THREADS];
	struct svr5ddi_stats sb, s0;
	unsigned int nlines, k;
	int i, j;

	quiet_debug();
	sb = ddit_stats();
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	ck_assert_uint_eq(ddit_log_count(leak), 0);
	for (i = 0; i < LEAK_THREADS; i++) {
		memset(&l[i], 0, sizeof(l[i]));
		l[i].id = i + 1;
		ck_assert_int_eq(pthread_create(&th[i], NULL, leak_fn, &l[i]),
				 0);
	}
	for (i = 0; i < LEAK_THREADS; i++) {
		pthread_join(th[i], NULL);
		for (j = 0; j < LEAK_PER; j++)
			ck_assert_ptr_nonnull(l[i].p[j]);
	}

	ddit_log_clear();
	s0 = ddit_stats();
	ck_assert_uint_eq(svr5ddi_leak_report(), LEAK_THREADS * LEAK_PER);
	nlines = ddit_log_count(leak);
	ck_assert_uint_eq(nlines, LEAK_THREADS * LEAK_PER);
	ck_assert_uint_eq(ddit_stats().misuse[SVR5DDI_MISUSE_LEAK],
			  s0.misuse[SVR5DDI_MISUSE_LEAK] +
			  LEAK_THREADS * LEAK_PER);
	for (i = 0; i < LEAK_THREADS; i++) {
		for (j = 0; j < LEAK_PER; j++) {
			char buf[512], want[96];
			unsigned int hits = 0;

			for (k = 0; k < nlines; k++) {
				char line[512];

				ck_assert(ddit_log_line(leak, k, line,
							sizeof(line)));
				if (has_hex(line, (unsigned long)l[i].p[j])) {
					hits++;
					memcpy(buf, line, sizeof(buf));
				}
			}
			ck_assert_msg(hits == 1, "thread %d alloc %d (%p): %u leak lines",
				      i, j, (void *)l[i].p[j], hits);
			snprintf(want, sizeof(want), "svr5ddi: %s: %s",
				 l[i].call[j], leak);
			ck_assert_msg(strstr(buf, want) != NULL,
				      "no \"%s\" in: %s", want, buf);
			snprintf(want, sizeof(want), "size %zu,", l[i].size[j]);
			ck_assert_msg(strstr(buf, want) != NULL,
				      "no \"%s\" in: %s", want, buf);
			ck_line_site(buf, l[i].line[j]);
		}
	}

	/* freed (here, not by the threads that allocated): no line */
	s0 = ddit_stats();
	for (i = 0; i < LEAK_THREADS; i++)
		for (j = 0; j < LEAK_PER; j++)
			kmem_free(l[i].p[j], l[i].size[j]);
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(sb);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	ck_assert_uint_eq(ddit_log_count(leak), 0);
	exercise_allocator();
}
END_TEST

struct owner_thread {
	char *small, *big;
	int sline, bline;
};

static void *owner_fn(void *arg)
{
	struct owner_thread *o = arg;

	o->small = kmem_alloc(3000, KM_SLEEP); o->sline = __LINE__;
	o->big = kmem_zalloc(20000, KM_SLEEP); o->bline = __LINE__;
	return NULL;
}

/* svr5ddi_phys_owner(phys of @p) names @call of @size at @line, or fails. */
static void expect_owner(const char *p, const char *call, size_t size,
			 int line)
{
	unsigned long long pa = ddit_phys_of(p);
	char buf[256], want[96];

	ck_assert(pa != DDIT_NOPHYS);
	memset(buf, 0, sizeof(buf));
	ck_assert_msg(svr5ddi_phys_owner(pa, buf, sizeof(buf)) == 1,
		      "no owner for %p (phys %#llx)", (const void *)p, pa);
	snprintf(want, sizeof(want), "%s of %zu bytes at ", call, size);
	ck_assert_msg(strstr(buf, want) == buf, "owner \"%s\", expected \"%s...\"",
		      buf, want);
	ck_line_site(buf, line);
}

static void expect_no_owner(const char *p)
{
	unsigned long long pa = ddit_phys_of(p);
	char buf[256];

	ck_assert(pa != DDIT_NOPHYS);
	buf[0] = 0;
	ck_assert_msg(svr5ddi_phys_owner(pa, buf, sizeof(buf)) == 0,
		      "%p (phys %#llx) owned by \"%s\"", (const void *)p, pa,
		      buf);
}

START_TEST(test_phys_owner_other_thread)
{
	struct owner_thread o;
	struct svr5ddi_stats s0;
	pthread_t th;

	quiet_debug();
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(pthread_create(&th, NULL, owner_fn, &o), 0);
	pthread_join(th, NULL);
	ck_assert_ptr_nonnull(o.small);
	ck_assert_ptr_nonnull(o.big);

	expect_owner(o.small, "kmem_alloc", 3000, o.sline);
	expect_owner(o.small + 1234, "kmem_alloc", 3000, o.sline);
	expect_owner(o.small + 2999, "kmem_alloc", 3000, o.sline);
	expect_no_owner(o.small + 3000);	/* the guard bytes */
	expect_owner(o.big, "kmem_zalloc", 20000, o.bline);
	expect_owner(o.big + 4096, "kmem_zalloc", 20000, o.bline);
	expect_owner(o.big + 19999, "kmem_zalloc", 20000, o.bline);

	s0 = ddit_stats();
	kmem_free(o.small, 3000);
	kmem_free(o.big, 20000);
	ck_assert_no_misuse_since(s0);
	expect_no_owner(o.small);
	expect_no_owner(o.small + 1234);
	exercise_allocator();
}
END_TEST

/* ---- 4. debug switched at run time ---------------------------------------------- */

START_TEST(test_debug_off_checks_live_tracked)
{
	struct svr5ddi_stats sb, s0, s1;
	const char *leak = tag_text(SVR5DDI_MISUSE_LEAK);
	int al, rl, cl, fl;
	char *a, *b, *r, *c, *u, *p, *q;
	char buf[512];
	unsigned long c0;
	unsigned int k;

	quiet_debug();
	sb = ddit_stats();
	a = kmem_alloc(64, KM_SLEEP); al = __LINE__;
	b = kmem_alloc(100, KM_SLEEP);
	r = kmem_alloc(40, KM_SLEEP); rl = __LINE__;
	c = kmem_alloc(20000, KM_SLEEP); cl = __LINE__;
	ck_assert(a && b && r && c);
	memset(a, 1, 64);
	memset(b, 2, 100);
	memset(r, 3, 40);
	memset(c, 4, 20000);

	svr5ddi_set_debug(0);
	ck_assert_int_eq(svr5ddi_debug_enabled(), 0);
	u = kmem_alloc(64, KM_SLEEP);		/* untracked */
	ck_assert_ptr_nonnull(u);
	memset(u, 5, 64);

	/* the report lists the debug-time allocations, not u */
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), 4);
	ck_assert_uint_eq(ddit_log_count(leak), 4);
	for (k = 0; k < 4; k++) {
		ck_assert(ddit_log_line(leak, k, buf, sizeof(buf)));
		ck_assert_msg(!has_hex(buf, (unsigned long)u),
			      "untracked %p in: %s", (void *)u, buf);
	}

	/* wrong size: reported, the recorded size is freed */
	ddit_log_clear();
	s0 = ddit_stats();
	kmem_free(a, 100); fl = __LINE__;
	expect_one(&s0, SVR5DDI_MISUSE_SIZE_MISMATCH);
	one_line(SVR5DDI_MISUSE_SIZE_MISMATCH, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, a);
	ck_line_num(buf, 100);
	ck_assert_msg(strstr(buf, "allocated 64 ") != NULL,
		      "recorded size 64 not named: %s", buf);
	ck_line_site(buf, al);
	ck_line_site(buf, fl);
	s1 = ddit_stats();
	ck_assert_uint_eq(ddit_live_objects(&s1), ddit_live_objects(&s0) - 1);
	ck_assert_uint_eq(ddit_live_bytes(&s1), ddit_live_bytes(&s0) - 64);

	/* a byte past the end */
	ddit_log_clear();
	s0 = ddit_stats();
	r[40] = 0;
	kmem_free(r, 40);
	expect_one(&s0, SVR5DDI_MISUSE_REDZONE);
	one_line(SVR5DDI_MISUSE_REDZONE, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, r);
	ck_line_num(buf, 40);
	ck_line_site(buf, rl);
	s1 = ddit_stats();
	ck_assert_uint_eq(ddit_live_objects(&s1), ddit_live_objects(&s0) - 1);
	ck_assert_uint_eq(ddit_live_bytes(&s1), ddit_live_bytes(&s0) - 40);

	/* a large one (a record in the hash) with a wrong size */
	ddit_log_clear();
	s0 = ddit_stats();
	kmem_free(c, 16384);
	expect_one(&s0, SVR5DDI_MISUSE_SIZE_MISMATCH);
	one_line(SVR5DDI_MISUSE_SIZE_MISMATCH, "kmem_free", buf, sizeof(buf));
	ck_line_addr(buf, c);
	ck_assert_msg(strstr(buf, "allocated 20000 ") != NULL,
		      "recorded size 20000 not named: %s", buf);
	ck_line_site(buf, cl);
	s1 = ddit_stats();
	ck_assert_uint_eq(ddit_live_objects(&s1), ddit_live_objects(&s0) - 1);
	ck_assert_uint_eq(ddit_live_bytes(&s1), ddit_live_bytes(&s0) - 20000);

	/* untracked and tracked ones freed right: silent */
	s0 = ddit_stats();
	kmem_free(u, 64);
	ck_assert(b[0] == 2 && b[99] == 2);
	kmem_free(b, 100);		/* the last tracked one */
	ck_assert_no_misuse_since(s0);
	ck_assert_live_as(sb);
	ddit_log_clear();
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);

	/* release behaviour: a magazine hit, no backend call */
	ddit_fault_off();
	for (k = 0; k < 3; k++) {
		static const size_t sz[] = { 8, 64, 4096 };

		p = kmem_alloc(sz[k], KM_SLEEP);
		ck_assert_ptr_nonnull(p);
		kmem_free(p, sz[k]);
		c0 = backend_calls();
		q = kmem_alloc(sz[k], KM_SLEEP);
		ck_assert_msg(q == p, "size %zu: freed %p, got %p", sz[k],
			      (void *)p, (void *)q);
		ck_assert_uint_eq(backend_calls(), c0);
		/* untracked: the report does not list it */
		ck_assert_uint_eq(svr5ddi_leak_report(), 0);
		kmem_free(q, sz[k]);
	}
	ck_assert_live_as(sb);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/*
 * Debug on and off every round, two allocations a round, the oldest
 * freed once more than eight are held: objects made in either mode are
 * freed in either mode.  Live counts equal what is held after every
 * round; nothing is reported; at the end everything balances, and with
 * nothing live, debug on makes tracking complete again: a double free
 * is reported (and not performed).
 */
START_TEST(test_debug_toggle_balances)
{
	static const size_t sizes[] = { 24, 64, 3000, 8169, 20000, 100, 1 };
	enum { MAXH = 16 };
	struct svr5ddi_stats sb, s0, s1;
	char *held[MAXH];
	size_t hsz[MAXH];
	unsigned long hbytes = 0;
	int nh = 0, round, k, aline, fline, dline;
	char *p;

	quiet_debug();
	sb = ddit_stats();
	for (round = 0; round < 120; round++) {
		svr5ddi_set_debug(round % 3 != 1);
		for (k = 0; k < 2; k++) {
			size_t n = sizes[(round * 2 + k) % NELEM(sizes)];

			p = kmem_alloc(n, (round + k) & 1 ? KM_NOSLEEP :
				       KM_SLEEP);
			ck_assert_ptr_nonnull(p);
			memset(p, round & 0xff, n);
			held[nh] = p;
			hsz[nh++] = n;
			hbytes += n;
		}
		while (nh > 8) {
			kmem_free(held[0], hsz[0]);
			hbytes -= hsz[0];
			memmove(held, held + 1, (size_t)(nh - 1) * sizeof(held[0]));
			memmove(hsz, hsz + 1, (size_t)(nh - 1) * sizeof(hsz[0]));
			nh--;
		}
		s1 = ddit_stats();
		ck_assert_msg(ddit_live_objects(&s1) ==
			      ddit_live_objects(&sb) + (unsigned long)nh,
			      "round %d: live objects %lu, expected %lu", round,
			      ddit_live_objects(&s1),
			      ddit_live_objects(&sb) + (unsigned long)nh);
		ck_assert_msg(ddit_live_bytes(&s1) ==
			      ddit_live_bytes(&sb) + hbytes,
			      "round %d: live bytes %lu, expected %lu", round,
			      ddit_live_bytes(&s1), ddit_live_bytes(&sb) + hbytes);
		ck_assert_no_misuse_since(sb);
	}
	svr5ddi_set_debug(round & 1);
	while (nh > 0) {
		nh--;
		kmem_free(held[nh], hsz[nh]);
	}
	ck_assert_live_as(sb);
	ck_assert_no_misuse_since(sb);
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);

	/* nothing live: switching on makes tracking complete */
	svr5ddi_set_debug(0);
	svr5ddi_set_debug(1);
	p = kmem_alloc(64, KM_SLEEP); aline = __LINE__;
	ck_assert_ptr_nonnull(p);
	kmem_free(p, 64); fline = __LINE__;
	ddit_log_clear();
	s0 = ddit_stats();
	kmem_free(p, 64); dline = __LINE__;
	expect_double(&s0, p, 64, aline, fline, dline);
	exercise_allocator();
}
END_TEST

/*
 * The switch flipped by this thread while others allocate and free with
 * the right sizes: nothing may be reported, the counts stay exact and no
 * record is left.  With @hold, one tracked object is live throughout (so
 * switching on never finds nothing live) and @nw workers run for a fixed
 * number of switches.  Without, one worker holds nothing between its
 * alloc/free pairs, so switching on often finds nothing live and makes
 * tracking complete while the worker may be in the middle of an
 * allocation made with the switch off; the switching goes on (in batches)
 * until something is reported or 1.5 s have passed.
 */
struct toggle_shared {
	pthread_barrier_t start;
	volatile int stop;
};

struct toggle_arg {
	struct toggle_shared *sh;
	int bad;
	unsigned long rounds;
};

static void *toggle_work(void *arg)
{
	static const size_t sizes[] = { 24, 64, 200, 3000, 8169, 1 };
	struct toggle_arg *a = arg;
	unsigned long i;

	pthread_barrier_wait(&a->sh->start);
	for (i = 0; !a->sh->stop || i < 2000; i++) {
		size_t n = sizes[i % NELEM(sizes)];
		unsigned char *p = kmem_alloc(n, KM_SLEEP);

		if (!p) {
			a->bad++;
			continue;
		}
		memset(p, 0x60, n);
		kmem_free(p, n);
	}
	a->rounds = i;
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void toggle_while_allocating(int hold, int nw)
{
	struct toggle_shared sh;
	struct toggle_arg a[2];
	pthread_t th[2];
	struct svr5ddi_stats sb, s1;
	unsigned long switches = 0;
	char *keep = NULL;
	char line[512] = "";
	double t0;
	int i;

	ck_assert_int_le(nw, 2);
	quiet_debug();
	sb = ddit_stats();
	if (hold) {
		keep = kmem_alloc(64, KM_SLEEP);
		ck_assert_ptr_nonnull(keep);
	}
	memset(&sh, 0, sizeof(sh));
	ck_assert_int_eq(pthread_barrier_init(&sh.start, NULL,
					      (unsigned int)nw + 1), 0);
	for (i = 0; i < nw; i++) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].sh = &sh;
		ck_assert_int_eq(pthread_create(&th[i], NULL, toggle_work,
						&a[i]), 0);
	}
	pthread_barrier_wait(&sh.start);
	t0 = now_s();
	do {
		for (i = 0; i < 2000; i++)
			svr5ddi_set_debug(i & 1);
		switches += 2000;
		s1 = ddit_stats();
	} while (s1.misuse_total == sb.misuse_total &&
		 (hold ? switches < 4000 : now_s() - t0 < 1.5));
	sh.stop = 1;
	for (i = 0; i < nw; i++) {
		pthread_join(th[i], NULL);
		ck_assert_int_eq(a[i].bad, 0);
	}
	pthread_barrier_destroy(&sh.start);
	svr5ddi_set_debug(1);
	s1 = ddit_stats();
	if (ddit_log_count("svr5ddi: kmem_free"))
		ck_assert(ddit_log_line("svr5ddi: kmem_free", 0, line,
					sizeof(line)));
	ck_assert_msg(s1.misuse_total == sb.misuse_total,
		      "after %lu switches: %lu reports (wild %lu, double %lu, size %lu): %s",
		      switches, s1.misuse_total - sb.misuse_total,
		      s1.misuse[SVR5DDI_MISUSE_WILD_FREE] -
		      sb.misuse[SVR5DDI_MISUSE_WILD_FREE],
		      s1.misuse[SVR5DDI_MISUSE_DOUBLE_FREE] -
		      sb.misuse[SVR5DDI_MISUSE_DOUBLE_FREE],
		      s1.misuse[SVR5DDI_MISUSE_SIZE_MISMATCH] -
		      sb.misuse[SVR5DDI_MISUSE_SIZE_MISMATCH], line);
	ck_assert_uint_eq(ddit_live_objects(&s1),
			  ddit_live_objects(&sb) + (hold ? 1 : 0));
	if (keep)
		kmem_free(keep, 64);
	ck_assert_live_as(sb);
	ck_assert_no_misuse_since(sb);
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
	exercise_allocator();
}

START_TEST(test_toggle_while_allocating_holding)
{
	toggle_while_allocating(1, 2);
}
END_TEST

START_TEST(test_toggle_while_allocating)
{
	toggle_while_allocating(0, 1);
}
END_TEST

/* ---- 5. sizes around the trailer ------------------------------------------------- */

static const size_t edge_sizes[] = { 1, 7, 8, 9, 40, 104, 8168, 8169, 8192,
				     8193 };

static void check_align(const void *p, size_t size)
{
	unsigned long a = (unsigned long)p;

	ck_assert_msg(a % 8 == 0, "size %zu: %p not 8-aligned", size, p);
	if (size >= 16)
		ck_assert_msg(a % 16 == 0, "size %zu: %p not 16-aligned",
			      size, p);
	if ((size & (size - 1)) == 0) {
		size_t nat = size < PAGESIZE ? size : PAGESIZE;

		ck_assert_msg(a % nat == 0, "size %zu: %p not %zu-aligned",
			      size, p, nat);
	}
}

START_TEST(test_edge_sizes_aligned_and_clean)
{
	struct svr5ddi_stats sb, s0;
	unsigned int i, f;

	quiet_debug();
	sb = ddit_stats();
	for (f = 0; f < 2; f++) {
		int flag = f ? KM_NOSLEEP : KM_SLEEP;

		for (i = 0; i < NELEM(edge_sizes); i++) {
			size_t n = edge_sizes[i];
			unsigned char *p, *z;

			s0 = ddit_stats();
			p = kmem_alloc(n, flag);
			ck_assert_ptr_nonnull(p);
			check_align(p, n);
			memset(p, 0x44, n);
			z = kmem_zalloc(n, flag);
			ck_assert_ptr_nonnull(z);
			check_align(z, n);
			ck_assert_msg(z[0] == 0 && z[n - 1] == 0 &&
				      !memchr(z, 0x44, n),
				      "size %zu: zalloc not zeroed", n);
			memset(z, 0xbb, n);	/* the guard byte value itself */
			kmem_free(p, n);
			kmem_free(z, n);
			ck_assert_no_misuse_since(s0);
			ck_assert_live_as(s0);
		}
	}
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

/*
 * A byte written just past the end is reported at free as a redzone
 * overwrite, for every size with slack after it (8192 fills its 8 KiB
 * class exactly: no guard byte, and nothing is written past it here).
 */
START_TEST(test_edge_sizes_redzone)
{
	struct svr5ddi_stats sb, s0, s1;
	unsigned int i;

	quiet_debug();
	sb = ddit_stats();
	for (i = 0; i < NELEM(edge_sizes); i++) {
		size_t n = edge_sizes[i];
		char buf[512];
		unsigned char *p;
		int aline, fline;

		if (n == 8192)
			continue;
		ddit_log_clear();
		p = kmem_alloc(n, KM_SLEEP); aline = __LINE__;
		ck_assert_ptr_nonnull(p);
		memset(p, 0x11, n);
		p[n] = 0x11;
		s0 = ddit_stats();
		kmem_free(p, n); fline = __LINE__;
		expect_one(&s0, SVR5DDI_MISUSE_REDZONE);
		one_line(SVR5DDI_MISUSE_REDZONE, "kmem_free", buf, sizeof(buf));
		ck_line_addr(buf, p);
		ck_line_num(buf, n);
		ck_line_site(buf, aline);
		ck_line_site(buf, fline);
		/* reported, and freed all the same */
		s1 = ddit_stats();
		ck_assert_msg(ddit_live_objects(&s1) ==
			      ddit_live_objects(&s0) - 1,
			      "size %zu: not freed after the report", n);
		ck_assert_uint_eq(ddit_live_bytes(&s1),
				  ddit_live_bytes(&s0) - n);
	}
	ck_assert_live_as(sb);
	exercise_allocator();
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_debug");
	TCase *tc;

	tc = tcase_create("race");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_race_free_two_threads);
	tcase_add_test(tc, test_race_free_four_threads);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad_free");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_double_free_after_local_frees);
	tcase_add_test(tc, test_double_free_after_other_threads);
	tcase_add_test(tc, test_old_double_free_still_reported);
	tcase_add_test(tc, test_interior_free);
	tcase_add_test(tc, test_wild_free);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_leak_report_threads);
	tcase_add_test(tc, test_phys_owner_other_thread);
	suite_add_tcase(s, tc);

	tc = tcase_create("switch");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_debug_off_checks_live_tracked);
	tcase_add_test(tc, test_debug_toggle_balances);
	suite_add_tcase(s, tc);

	tc = tcase_create("switch_mt_hold");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_toggle_while_allocating_holding);
	suite_add_tcase(s, tc);

	/*
	 * Switching on while another thread allocates with nothing else
	 * live: svr5ddi_set_debug decides "tracking complete" after a grace
	 * period, so an allocation in flight at the switch is never taken
	 * for unknown when freed; and switching off clears the tracking flag
	 * only when no tracked record is left (the final leak report).
	 */
	tc = tcase_create("switch_mt");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_toggle_while_allocating);
	suite_add_tcase(s, tc);

	tc = tcase_create("sizes");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_edge_sizes_aligned_and_clean);
	tcase_add_test(tc, test_edge_sizes_redzone);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
