/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_pressure.c - the DDI allocators under memory pressure, at
 * interrupt level, on fragmented memory and under fault injection
 * (svr5-memory-ddi.md sections 4, 6, 8; architecture.md "Mapping SVR5
 * onto Linux": the contiguous reserve).
 *
 * sleep_blocks       KM_SLEEP on an exhausted machine blocks, and completes
 *                    only after another thread gives memory back (by
 *                    kmem_free, or by the rest of the kernel freeing pages).
 * nosleep_hardirq    KM_NOSLEEP from simulated hardirq context never sleeps
 *                    (compat_sleep_violations() stays 0), on an idle and on
 *                    an exhausted machine, where it returns NULL cleanly.
 * reserve            64 KiB and 1 MiB contiguous requests, 24- and 32-bit,
 *                    succeed from the contiguous reserve on fragmented
 *                    memory where dma_alloc_coherent for a device with the
 *                    same mask fails.
 * fault_sweep        a fixed sequence of ~30 DDI calls run with allocation
 *                    N = 1, 2, ... failed: KM_NOSLEEP calls fail cleanly,
 *                    KM_SLEEP calls never return NULL, nothing leaks.
 *
 * Include order: see check_ddi_property.c.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <unistd.h>
#include <pthread.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/types.h>
#include <sys/param.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <svr5ddi/ddictl.h>

#include "ddi_test_machine.h"
#include "check_util.h"

/* ck_assert_msg() records a mark point per call: not from irq threads. */
#define REQUIRE(cond, ...)						\
	do {								\
		if (!(cond))						\
			ck_abort_msg(__VA_ARGS__);			\
	} while (0)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void get_stats(struct svr5ddi_stats *st)
{
	svr5ddi_get_stats(st);
}

static unsigned long live_objects(void)
{
	struct svr5ddi_stats st;
	unsigned long n = 0;
	int b;

	get_stats(&st);
	for (b = 0; b < SVR5DDI_BK_NR; b++)
		n += st.backend[b].live_objects;
	return n;
}

/* Deferred frees (coherent memory freed at interrupt level) settle. */
static unsigned long live_objects_settled(unsigned long want)
{
	double t0 = now_s();
	unsigned long n;

	while ((n = live_objects()) != want && now_s() - t0 < 3.0)
		usleep(10000);
	return n;
}

static physreq_t *make_physreq(paddr_t align, paddr_t boundary, int dmasize,
			       int scgth, int flags)
{
	physreq_t *p = physreq_alloc(KM_SLEEP);

	ck_assert(p != NULL);
	p->phys_align = align;
	p->phys_boundary = boundary;
	p->phys_dmasize = (uchar_t)dmasize;
	p->phys_max_scgth = (uchar_t)scgth;
	p->phys_flags |= (uchar_t)flags;
	ck_assert_msg(physreq_prep(p, KM_SLEEP) == B_TRUE,
		      "physreq_prep(align %lu boundary %lu dmasize %d scgth %d "
		      "flags %#x) failed", (unsigned long)align,
		      (unsigned long)boundary, dmasize, scgth, flags);
	return p;
}

/* Lazy initialisation of the DDI (reserve, caches) before any pressure. */
static void warm_up(int debug)
{
	physreq_t *p;
	void *a;

	svr5ddi_set_debug(debug);
	p = make_physreq(1, 0, 32, 0, PREQ_PHYSCONTIG);
	a = kmem_alloc_physreq(8192, p, KM_SLEEP);
	ck_assert(a != NULL);
	kmem_free(a, 8192);
	a = kmem_alloc_physreq(64, p, KM_SLEEP);
	ck_assert(a != NULL);
	kmem_free(a, 64);
	physreq_free(p);
	a = kmem_alloc(65536, KM_SLEEP);
	ck_assert(a != NULL);
	kmem_free(a, 65536);
	a = kmem_alloc(64, KM_SLEEP);
	ck_assert(a != NULL);
	kmem_free(a, 64);
	svr5ddi_reset_misuse();
}

/*
 * Physical check of a contiguous buffer: one run, every byte below
 * 2^@bits.  Returns the first byte's physical address.
 */
static unsigned long long check_contig(const void *buf, size_t size, int bits,
				       const char *what)
{
	const unsigned char *b = buf;
	unsigned long long first = 0, expect = 0;
	size_t off = 0;

	while (off < size) {
		size_t in_page = PAGESIZE - ((uintptr_t)(b + off) & PAGEOFFSET);
		size_t chunk = size - off < in_page ? size - off : in_page;
		unsigned long long pa;

		REQUIRE((pa = ddit_phys_of(b + off)) != DDIT_NOPHYS, "%s: %p+%zu unmapped",
			what, buf, off);
		if (off == 0)
			first = pa;
		else
			REQUIRE(pa == expect, "%s: not contiguous at offset "
				"%zu (%#llx, expected %#llx)", what, off, pa,
				expect);
		if (bits > 0 && bits < 64)
			REQUIRE(pa + chunk - 1 < (1ULL << bits), "%s: byte at "
				"%#llx above %d bits", what, pa + chunk - 1,
				bits);
		expect = pa + chunk;
		off += chunk;
	}
	return first;
}

/* ------------------------------------------------------------------ */
/* sleep_blocks */

struct exhausted {
	void *zone[DDIT_NR_ZONES];
	void *rbuf[64];		/* the contiguous reserve, drained */
	size_t rsize[64];
	unsigned int nr;
	physreq_t *preq;
};

/*
 * Take every page of every zone, then drain the DDI's contiguous reserve
 * (after the zones are gone only the reserve can serve a contiguous
 * KM_NOSLEEP request), so nothing anywhere can serve a large request.
 */
static void exhaust_all(struct exhausted *ex)
{
	static const size_t sizes[] = { 1UL << 20, 256UL << 10, 64UL << 10,
					16UL << 10, 4096 };
	unsigned int s, z;

	memset(ex, 0, sizeof(*ex));
	ex->preq = make_physreq(1, 0, 64, 0, PREQ_PHYSCONTIG);
	for (z = 0; z < DDIT_NR_ZONES; z++)
		ex->zone[z] = ddit_exhaust((enum ddit_zone)z);
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		while (ex->nr < 64) {
			void *b = kmem_alloc_physreq(sizes[s], ex->preq,
						     KM_NOSLEEP);

			if (!b)
				break;
			ex->rbuf[ex->nr] = b;
			ex->rsize[ex->nr++] = sizes[s];
		}
	}
}

static void unexhaust_all(struct exhausted *ex)
{
	unsigned int i;

	for (i = 0; i < DDIT_NR_ZONES; i++)
		ddit_unfragment(ex->zone[i]);
	for (i = 0; i < ex->nr; i++)
		kmem_free(ex->rbuf[i], ex->rsize[i]);
	physreq_free(ex->preq);
}

struct releaser {
	void *buf;		/* kmem_free this ... */
	size_t size;
	void *frag;		/* ... or ddit_unfragment this */
	int released;		/* set just before giving memory back */
	double at;		/* when */
};

static void *releaser_fn(void *arg)
{
	struct releaser *r = arg;

	usleep(400 * 1000);
	r->at = now_s();
	__atomic_store_n(&r->released, 1, __ATOMIC_SEQ_CST);
	if (r->buf)
		kmem_free(r->buf, r->size);
	if (r->frag)
		ddit_unfragment(r->frag);
	return NULL;
}

#define HOLD_SIZE	(8UL << 20)	/* far above any zone watermark */
#define WANT_SIZE	(64UL << 10)

/* _i == 0: the memory comes back by kmem_free; 1: by the page allocator. */
START_TEST(test_sleep_blocks_until_free)
{
	struct svr5ddi_stats before, after;
	struct releaser rel = { 0 };
	struct exhausted ex;
	pthread_t tid;
	unsigned char *hold, *p, *q;
	double t0, t1;

	ddit_log_quiet(1);
	warm_up(1);
	hold = kmem_alloc(HOLD_SIZE, KM_SLEEP);
	ck_assert(hold != NULL);
	memset(hold, 0xa5, HOLD_SIZE);
	exhaust_all(&ex);
	/* Precondition: nothing can serve the request now. */
	q = kmem_alloc(WANT_SIZE, KM_NOSLEEP);
	if (q)
		kmem_free(q, WANT_SIZE);
	ck_assert_msg(q == NULL, "precondition: kmem_alloc(%lu, KM_NOSLEEP) "
		      "succeeded on an exhausted machine", WANT_SIZE);

	if (_i == 0) {
		rel.buf = hold;
		rel.size = HOLD_SIZE;
	} else {
		rel.frag = ex.zone[DDIT_ZONE_NORMAL];
		ex.zone[DDIT_ZONE_NORMAL] = NULL;
	}
	get_stats(&before);
	ck_assert(pthread_create(&tid, NULL, releaser_fn, &rel) == 0);
	t0 = now_s();
	p = kmem_alloc(WANT_SIZE, KM_SLEEP);
	t1 = now_s();
	ck_assert_msg(p != NULL, "kmem_alloc(KM_SLEEP) returned NULL");
	ck_assert_msg(__atomic_load_n(&rel.released, __ATOMIC_SEQ_CST) == 1,
		      "kmem_alloc(KM_SLEEP) returned after %.3f s, before any "
		      "memory was given back", t1 - t0);
	ck_assert_msg(t1 >= rel.at, "returned before the release");
	memset(p, 0x5a, WANT_SIZE);
	/*
	 * Not asserted: a wait inside the Linux allocator the DDI calls is
	 * invisible to the DDI's own sleep_waits counter.
	 */
	get_stats(&after);
	printf("check_ddi_pressure: KM_SLEEP blocked %.3f s (release by %s), "
	       "sleep_waits %lu -> %lu\n", t1 - t0,
	       _i ? "the page allocator" : "kmem_free", before.sleep_waits,
	       after.sleep_waits);
	fflush(stdout);
	pthread_join(tid, NULL);
	kmem_free(p, WANT_SIZE);
	if (_i == 1)
		kmem_free(hold, HOLD_SIZE);
	unexhaust_all(&ex);
	ck_assert(ddit_sleep_violations() == 0);
	get_stats(&after);
	ck_assert_msg(after.misuse_total == 0, "%lu misuses reported",
		      after.misuse_total);
}
END_TEST

/*
 * A small KM_SLEEP request (the size-class path) on an exhausted machine
 * also completes once memory comes back, and never returns NULL.  Many
 * small requests are made so any per-class reserve runs dry first.
 */
START_TEST(test_sleep_small_never_null)
{
	struct releaser rel = { 0 };
	struct exhausted ex;
	pthread_t tid;
	void **objs;
	unsigned char *hold;
	unsigned int i, n = 4096;

	ddit_log_quiet(1);
	warm_up(1);
	hold = kmem_alloc(HOLD_SIZE, KM_SLEEP);
	ck_assert(hold != NULL);
	exhaust_all(&ex);
	objs = calloc(n, sizeof(*objs));
	ck_assert(objs != NULL);
	rel.buf = hold;
	rel.size = HOLD_SIZE;
	ck_assert(pthread_create(&tid, NULL, releaser_fn, &rel) == 0);
	/* 4096 x 512 B = 2 MiB: more than any reserve, less than HOLD_SIZE. */
	for (i = 0; i < n; i++) {
		objs[i] = kmem_alloc(512, KM_SLEEP);
		REQUIRE(objs[i] != NULL, "kmem_alloc(512, KM_SLEEP) #%u "
			"returned NULL", i);
		memset(objs[i], (int)i, 512);
	}
	ck_assert_msg(__atomic_load_n(&rel.released, __ATOMIC_SEQ_CST) == 1,
		      "2 MiB of KM_SLEEP allocations completed on an exhausted "
		      "machine before any memory was given back");
	pthread_join(tid, NULL);
	for (i = 0; i < n; i++) {
		const unsigned char *o = objs[i];

		REQUIRE(o[0] == (unsigned char)i && o[511] == (unsigned char)i,
			"object %u overwritten", i);
		kmem_free(objs[i], 512);
	}
	free(objs);
	unexhaust_all(&ex);
	ck_assert(ddit_sleep_violations() == 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* nosleep_hardirq */

#define IRQ_LIVE	32
#define IRQ_ROUNDS	400

struct irq_run {
	physreq_t *preq[4];
	void *buf[IRQ_LIVE];
	size_t size[IRQ_LIVE];
	unsigned int nlive;
	unsigned long tries, nulls, ok;
	unsigned long seed;
	unsigned long phys_bad;		/* kmem_alloc_phys paddr mismatches */
	double elapsed;
	int free_all;
};

static unsigned long irq_rnd(struct irq_run *r)
{
	r->seed = r->seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(r->seed >> 33);
}

/* Runs at interrupt level: KM_NOSLEEP only, no Check calls. */
static void irq_body(void *arg)
{
	static const size_t sizes[] = { 1, 16, 64, 200, 1000, 4096, 5000,
					16384, 65536 };
	struct irq_run *r = arg;
	double t0 = now_s();
	unsigned int i;

	if (r->free_all) {
		while (r->nlive) {
			r->nlive--;
			kmem_free(r->buf[r->nlive], r->size[r->nlive]);
		}
		return;
	}
	for (i = 0; i < IRQ_ROUNDS; i++) {
		size_t size = sizes[irq_rnd(r) % (sizeof(sizes) / sizeof(sizes[0]))];
		physreq_t *p = r->preq[irq_rnd(r) % 4];
		paddr32_t pw[2];
		void *b = NULL;

		if (r->nlive == IRQ_LIVE) {
			unsigned int k = (unsigned int)(irq_rnd(r) % r->nlive);

			kmem_free(r->buf[k], r->size[k]);
			r->nlive--;
			r->buf[k] = r->buf[r->nlive];
			r->size[k] = r->size[r->nlive];
		}
		switch (irq_rnd(r) % 5) {
		case 0:
			b = kmem_alloc(size, KM_NOSLEEP);
			break;
		case 1:
			b = kmem_zalloc(size, KM_NOSLEEP);
			break;
		case 2:
			b = kmem_alloc_physreq(size, p, KM_NOSLEEP);
			break;
		case 3:
			b = kmem_zalloc_physreq(size, p, KM_NOSLEEP);
			break;
		case 4:
			b = kmem_alloc_phys(size, p, pw, KM_NOSLEEP);
			if (b && p->phys_dmasize && p->phys_dmasize <= 32) {
				unsigned long long pa;

				if ((pa = ddit_phys_of(b)) == DDIT_NOPHYS ||
				    pw[0] != (paddr32_t)pa)
					r->phys_bad++;
			}
			break;
		}
		r->tries++;
		if (!b) {
			r->nulls++;
			continue;
		}
		r->ok++;
		memset(b, 0xc3, size);
		r->buf[r->nlive] = b;
		r->size[r->nlive++] = size;
	}
	r->elapsed = now_s() - t0;
}

static void irq_prepare(struct irq_run *r, unsigned long seed)
{
	memset(r, 0, sizeof(*r));
	r->seed = seed;
	r->preq[0] = make_physreq(1, 0, 32, 0, 0);
	r->preq[1] = make_physreq(2, 64UL << 10, 24, 0, PREQ_PHYSCONTIG);
	r->preq[2] = make_physreq(64, 0, 64, 8, 0);
	r->preq[3] = make_physreq(8192, 0, 30, 0, 0);
}

static void irq_finish(struct irq_run *r)
{
	unsigned int i;

	r->free_all = 1;
	ddit_run_in_hardirq(irq_body, r);	/* kmem_free at interrupt level */
	for (i = 0; i < 4; i++)
		physreq_free(r->preq[i]);
}

START_TEST(test_nosleep_hardirq_idle)
{
	struct svr5ddi_stats st;
	struct irq_run r;
	unsigned long base;

	warm_up(1);
	base = live_objects();
	irq_prepare(&r, 7);
	ddit_run_in_hardirq(irq_body, &r);
	ck_assert_msg(ddit_sleep_violations() == 0, "KM_NOSLEEP at interrupt "
		      "level slept (%lu might_sleep reports)",
		      ddit_sleep_violations());
	ck_assert_uint_eq(r.tries, IRQ_ROUNDS);
	ck_assert_msg(r.nulls * 20 <= r.tries, "%lu of %lu KM_NOSLEEP "
		      "requests failed at interrupt level on an idle machine",
		      r.nulls, r.tries);
	ck_assert_msg(r.phys_bad == 0, "kmem_alloc_phys paddr wrong %lu times",
		      r.phys_bad);
	irq_finish(&r);
	ck_assert(ddit_sleep_violations() == 0);
	get_stats(&st);
	ck_assert_msg(st.misuse[SVR5DDI_MISUSE_SLEEP_IN_ATOMIC] == 0 &&
		      st.misuse_total == 0, "%lu misuses reported for valid "
		      "interrupt-level use", st.misuse_total);
	ck_assert_msg(live_objects_settled(base) == base, "%lu live objects "
		      "after freeing everything at interrupt level, %lu before",
		      live_objects(), base);
}
END_TEST

START_TEST(test_nosleep_hardirq_exhausted)
{
	struct svr5ddi_stats st;
	struct exhausted ex;
	struct irq_run r;
	unsigned long base;

	ddit_log_quiet(1);
	warm_up(1);
	base = live_objects();
	irq_prepare(&r, 11);
	exhaust_all(&ex);
	ddit_run_in_hardirq(irq_body, &r);
	ck_assert_msg(ddit_sleep_violations() == 0, "KM_NOSLEEP at interrupt "
		      "level slept on an exhausted machine (%lu reports)",
		      ddit_sleep_violations());
	ck_assert_uint_eq(r.tries, IRQ_ROUNDS);
	ck_assert_msg(r.nulls > 0, "no KM_NOSLEEP request failed on an "
		      "exhausted machine: the test did not press memory");
	/* Never waited: 400 requests well within a second. */
	ck_assert_msg(r.elapsed < 1.0, "%u KM_NOSLEEP requests took %.2f s on "
		      "an exhausted machine", IRQ_ROUNDS, r.elapsed);
	ck_assert_msg(r.phys_bad == 0, "kmem_alloc_phys paddr wrong %lu times",
		      r.phys_bad);
	irq_finish(&r);
	unexhaust_all(&ex);
	ck_assert(ddit_sleep_violations() == 0);
	get_stats(&st);
	ck_assert_msg(st.misuse_total == 0, "%lu misuses reported: a failed "
		      "KM_NOSLEEP request was not clean", st.misuse_total);
	printf("check_ddi_pressure: exhausted hardirq: %lu of %lu KM_NOSLEEP "
	       "requests failed, %.3f s\n", r.nulls, r.tries, r.elapsed);
	fflush(stdout);
	ck_assert_msg(live_objects_settled(base) == base,
		      "%lu live objects after freeing everything, %lu "
		      "before", live_objects(), base);
}
END_TEST

/* ------------------------------------------------------------------ */
/* reserve */

START_TEST(test_reserve_on_fragmented_memory)
{
	static const struct {
		size_t size;
		int bits;
		int how;	/* 0 physreq SLEEP, 1 physreq NOSLEEP, 2 phys */
	} req[] = {
		{ 64UL << 10, 24, 0 },
		{ 1UL << 20, 24, 2 },
		{ 64UL << 10, 32, 1 },
		{ 1UL << 20, 32, 0 },
	};
	struct svr5ddi_stats st0, st;
	physreq_t *preq[4];
	void *buf[4], *frag_dma, *frag_dma32;
	unsigned int i;

	/* A reserve big enough for both 24-bit requests at once. */
	setenv("SVR5DDI_RESERVE", "dma:2M,dma32:4M", 1);
	ddit_log_quiet(1);
	warm_up(1);
	for (i = 0; i < 4; i++)
		preq[i] = make_physreq(1, 0, req[i].bits, 0, PREQ_PHYSCONTIG);
	get_stats(&st0);
	ck_assert_msg(st0.reserve_size[0] >= (1UL << 20) + (64UL << 10),
		      "DMA reserve is %lu bytes with SVR5DDI_RESERVE=dma:2M",
		      st0.reserve_size[0]);
	frag_dma = ddit_fragment(DDIT_ZONE_DMA);
	frag_dma32 = ddit_fragment(DDIT_ZONE_DMA32);
	ck_assert(frag_dma != NULL && frag_dma32 != NULL);
	ck_assert_int_le(ddit_zone_max_free_order(DDIT_ZONE_DMA), 0);
	ck_assert_int_le(ddit_zone_max_free_order(DDIT_ZONE_DMA32), 0);

	for (i = 0; i < 4; i++) {
		unsigned long before, after;
		paddr32_t pw[2] = { 0, 0 };
		unsigned long long pa;
		char what[96];

		ck_assert_msg(ddit_coherent_try(req[i].size, req[i].bits) == 0,
			      "precondition: dma_alloc_coherent(%zu, %d-bit "
			      "mask) succeeded on fragmented memory",
			      req[i].size, req[i].bits);
		get_stats(&st);
		before = st.reserve_used[0] + st.reserve_used[1];
		snprintf(what, sizeof(what), "%zu bytes, %d-bit, way %d",
			 req[i].size, req[i].bits, req[i].how);
		switch (req[i].how) {
		case 0:
			buf[i] = kmem_alloc_physreq(req[i].size, preq[i],
						    KM_SLEEP);
			break;
		case 1:
			buf[i] = kmem_alloc_physreq(req[i].size, preq[i],
						    KM_NOSLEEP);
			break;
		default:
			buf[i] = kmem_alloc_phys(req[i].size, preq[i], pw,
						 KM_SLEEP);
			break;
		}
		ck_assert_msg(buf[i] != NULL, "%s: NULL on fragmented memory "
			      "with a contiguous reserve", what);
		pa = check_contig(buf[i], req[i].size, req[i].bits, what);
		if (req[i].how == 2)
			ck_assert_msg(pw[0] == (paddr32_t)pa, "%s: paddr %#x, "
				      "machine %#llx", what, pw[0], pa);
		memset(buf[i], 0x11 * (i + 1), req[i].size);
		get_stats(&st);
		after = st.reserve_used[0] + st.reserve_used[1];
		ck_assert_msg(after >= before + req[i].size,
			      "%s: reserve_used %lu -> %lu", what, before,
			      after);
		if (req[i].bits == 24)
			ck_assert_msg(st.reserve_used[0] >=
				      st0.reserve_used[0] + req[i].size,
				      "%s: not from the DMA reserve", what);
	}
	get_stats(&st);
	ck_assert_uint_ge(st.backend[SVR5DDI_BK_RESERVE].live_objects,
			  st0.backend[SVR5DDI_BK_RESERVE].live_objects + 4);
	for (i = 0; i < 4; i++) {
		const unsigned char *b = buf[i];

		ck_assert(b[0] == 0x11 * (i + 1) &&
			  b[req[i].size - 1] == 0x11 * (i + 1));
		kmem_free(buf[i], req[i].size);
		physreq_free(preq[i]);
	}
	get_stats(&st);
	ck_assert_uint_eq(st.reserve_used[0], st0.reserve_used[0]);
	ck_assert_uint_eq(st.reserve_used[1], st0.reserve_used[1]);
	ck_assert_msg(st.misuse_total == 0, "%lu misuses", st.misuse_total);
	ddit_unfragment(frag_dma);
	ddit_unfragment(frag_dma32);
}
END_TEST

/* ------------------------------------------------------------------ */
/* fault_sweep */

#define SEQ_MAX		40

struct seq {
	void *buf[SEQ_MAX];
	size_t size[SEQ_MAX];
	physreq_t *preq[4];
	unsigned int nbuf;
	unsigned int calls;		/* DDI calls made */
	unsigned int sleep_null;	/* KM_SLEEP calls that returned NULL */
	unsigned int sleep_null_call;	/* the first of them */
	unsigned int nosleep_null;
	unsigned int nosleep_null_call;	/* the first of them */
	unsigned int prep_false;	/* physreq_prep(KM_SLEEP) == B_FALSE */
};

static void seq_note(struct seq *s, void *b, size_t size, int flag)
{
	s->calls++;
	if (!b) {
		if (flag == KM_SLEEP) {
			if (!s->sleep_null++)
				s->sleep_null_call = s->calls;
		} else if (!s->nosleep_null++) {
			s->nosleep_null_call = s->calls;
		}
		return;
	}
	memset(b, 0x77, size);
	s->buf[s->nbuf] = b;
	s->size[s->nbuf++] = size;
}

#define A(sz, fl)	seq_note(s, kmem_alloc((sz), (fl)), (sz), (fl))
#define Z(sz, fl)	seq_note(s, kmem_zalloc((sz), (fl)), (sz), (fl))
#define PR(sz, p, fl)							\
	do {								\
		if (p)							\
			seq_note(s, kmem_alloc_physreq((sz), (p), (fl)),\
				 (sz), (fl));				\
	} while (0)
#define PZ(sz, p, fl)							\
	do {								\
		if (p)							\
			seq_note(s, kmem_zalloc_physreq((sz), (p), (fl)),\
				 (sz), (fl));				\
	} while (0)
#define PH(sz, p, fl)							\
	do {								\
		paddr32_t pw_[2];					\
		if (p)							\
			seq_note(s, kmem_alloc_phys((sz), (p), pw_, (fl)),\
				 (sz), (fl));				\
	} while (0)

/* A physreq; NULL (cleanly) only with KM_NOSLEEP. */
static physreq_t *seq_physreq(struct seq *s, int flag, paddr_t align,
			      paddr_t boundary, int dmasize, int scgth,
			      int pflags)
{
	physreq_t *p = physreq_alloc(flag);

	s->calls++;
	if (!p) {
		if (flag == KM_SLEEP) {
			if (!s->sleep_null++)
				s->sleep_null_call = s->calls;
		} else if (!s->nosleep_null++) {
			s->nosleep_null_call = s->calls;
		}
		return NULL;
	}
	p->phys_align = align;
	p->phys_boundary = boundary;
	p->phys_dmasize = (uchar_t)dmasize;
	p->phys_max_scgth = (uchar_t)scgth;
	p->phys_flags |= (uchar_t)pflags;
	s->calls++;
	if (physreq_prep(p, flag) != B_TRUE) {
		if (flag == KM_SLEEP)
			s->prep_false++;
		else if (!s->nosleep_null++)
			s->nosleep_null_call = s->calls;
		physreq_free(p);
		return NULL;
	}
	return p;
}

/* The fixed sequence: 30-odd DDI calls, then everything freed. */
static void run_sequence(struct seq *s)
{
	physreq_t *p1, *p2, *p3;
	unsigned int i;

	memset(s, 0, sizeof(*s));
	A(32, KM_SLEEP);
	Z(100, KM_NOSLEEP);
	A(5000, KM_SLEEP);
	A(20000, KM_NOSLEEP);
	p1 = seq_physreq(s, KM_SLEEP, 64, 0, 32, 0, 0);
	p2 = seq_physreq(s, KM_NOSLEEP, 1, 64UL << 10, 24, 0, PREQ_PHYSCONTIG);
	PR(64, p1, KM_SLEEP);
	PR(64, p1, KM_NOSLEEP);
	PZ(4096, p1, KM_SLEEP);
	PR(3 * 4096, p1, KM_NOSLEEP);
	PR(16384, p2, KM_SLEEP);
	PR(8192, p2, KM_NOSLEEP);
	PH(32768, p1, KM_SLEEP);
	PH(8192, p1, KM_NOSLEEP);
	p3 = seq_physreq(s, KM_SLEEP, 1, 0, 64, 4, 0);
	PR(65536, p3, KM_SLEEP);
	PZ(40000, p3, KM_NOSLEEP);
	A(16, KM_NOSLEEP);
	Z(4096, KM_SLEEP);
	A(256, KM_SLEEP);
	A(70000, KM_SLEEP);
	PH(131072, p3, KM_NOSLEEP);
	PH(4096, p2, KM_SLEEP);
	Z(1, KM_NOSLEEP);
	A(8192, KM_NOSLEEP);
	PR(512, p3, KM_SLEEP);
	PZ(200, p1, KM_NOSLEEP);
	Z(300000, KM_SLEEP);
	PR(1000, p2, KM_NOSLEEP);
	s->preq[0] = p1;
	s->preq[1] = p2;
	s->preq[2] = p3;
	for (i = s->nbuf; i-- > 0;)
		kmem_free(s->buf[i], s->size[i]);
	for (i = 0; i < 3; i++)
		if (s->preq[i])
			physreq_free(s->preq[i]);
}

START_TEST(test_fault_sweep)
{
	struct svr5ddi_stats st;
	struct ddit_fault_counts fc;
	struct seq s;
	unsigned long base, total, n, injected_runs = 0, nosleep_nulls = 0;
	double t0 = now_s();

	physreq_t *same_as_p2;

	ddit_log_quiet(1);
	warm_up((int)_i);
	/*
	 * A KM_NOSLEEP prep of members no class has yet must make the class
	 * and fails, without waiting, when an injected fault hits that
	 * (test_prep_nosleep_new_shape pins the idle case): make p2's class
	 * exist so the sweep tests the allocations' fault behaviour.
	 */
	same_as_p2 = make_physreq(1, 64UL << 10, 24, 0, PREQ_PHYSCONTIG);
	run_sequence(&s);			/* warm every path */
	base = live_objects();
	ddit_fault_nth(0);			/* count, fail nothing */
	run_sequence(&s);
	ddit_fault_counts(&fc);
	ddit_fault_off();
	total = fc.matched;
	ck_assert_msg(s.sleep_null == 0 && s.nosleep_null == 0 &&
		      s.prep_false == 0, "the sequence failed without fault "
		      "injection: %u KM_SLEEP NULLs (first: call #%u), %u "
		      "KM_NOSLEEP NULLs (first: call #%u), %u "
		      "physreq_prep(KM_SLEEP) B_FALSE", s.sleep_null,
		      s.sleep_null_call, s.nosleep_null, s.nosleep_null_call,
		      s.prep_false);
	ck_assert_msg(total > 0, "the sequence never reached an allocator");

	for (n = 1; n <= total; n++) {
		svr5ddi_reset_misuse();
		ddit_fault_nth(n);
		run_sequence(&s);
		ddit_fault_counts(&fc);
		ddit_fault_off();
		if (fc.injected)
			injected_runs++;
		nosleep_nulls += s.nosleep_null;
		ck_assert_msg(s.sleep_null == 0, "failing allocation %lu of "
			      "%lu: KM_SLEEP call #%u of the sequence returned "
			      "NULL", n, total, s.sleep_null_call);
		ck_assert_msg(s.prep_false == 0, "failing allocation %lu: "
			      "physreq_prep(KM_SLEEP) returned B_FALSE", n);
		get_stats(&st);
		ck_assert_msg(st.misuse_total == 0, "failing allocation %lu: "
			      "%lu misuses reported", n, st.misuse_total);
		ck_assert_msg(live_objects_settled(base) == base,
			      "failing allocation %lu: %lu live objects after "
			      "freeing what succeeded, %lu before", n,
			      live_objects(), base);
		ck_assert_msg(ddit_sleep_violations() == 0, "failing "
			      "allocation %lu: might_sleep reports", n);
	}
	ck_assert_msg(injected_runs == total, "only %lu of %lu runs saw their "
		      "injected failure", injected_runs, total);
	ck_assert_msg(nosleep_nulls > 0, "no KM_NOSLEEP call ever failed");
	physreq_free(same_as_p2);
	if (_i)
		ck_assert_msg(svr5ddi_leak_report() == 0, "leak report not "
			      "empty after the sweep");
	printf("check_ddi_pressure: fault sweep (debug %d): %u calls, %lu "
	       "allocations, %lu NOSLEEP NULLs, %.2f s\n", (int)_i, s.calls,
	       total, nosleep_nulls, now_s() - t0);
	fflush(stdout);
}
END_TEST

/*
 * Section 5: physreq_prep returns B_FALSE "when the members cannot be
 * supported or, with KM_NOSLEEP, when memory for the internal state is
 * short".  On an idle machine, valid members prepped with KM_NOSLEEP from
 * process context must succeed, whether or not another physreq with the
 * same members was prepped before.
 */
/*
 * A physreq changed since prep is served as if re-prepped (reported):
 * with KM_SLEEP that includes making the new members' class, which must
 * wait out a failure like any KM_SLEEP allocation, never return NULL.
 * The Nth allocation the call makes fails, for every N it reaches; each
 * round uses members no class has yet.
 */
START_TEST(test_changed_physreq_sleep_never_null)
{
	struct ddit_fault_counts fc;
	unsigned long n;
	physreq_t *pr;
	void *p;

	ddit_log_quiet(1);
	warm_up(1);
	for (n = 1; n <= 16; n++) {
		pr = physreq_alloc(KM_SLEEP);
		ck_assert(pr != NULL);
		pr->phys_dmasize = 32;
		ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
		pr->phys_dmasize = (uchar_t)(40 + n);	/* a new class */
		ddit_fault_nth(n);
		p = kmem_alloc_physreq(64, pr, KM_SLEEP);
		ddit_fault_counts(&fc);
		ddit_fault_off();
		ck_assert_msg(p != NULL, "allocation %lu failed (%lu matched, "
			      "%lu injected): KM_SLEEP returned NULL", n,
			      fc.matched, fc.injected);
		kmem_free(p, 64);
		physreq_free(pr);
	}
	ck_assert(ddit_sleep_violations() == 0);
}
END_TEST

START_TEST(test_prep_nosleep_new_shape)
{
	static const struct { paddr_t align, boundary; int bits, flags; } m[] = {
		{ 1, 64UL << 10, 24, PREQ_PHYSCONTIG },
		{ 16, 0, 32, 0 },
		{ 8192, 0, 64, 0 },
	};
	unsigned int i, ok = 0;

	warm_up(1);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		physreq_t *p = physreq_alloc(KM_NOSLEEP);
		void *b;

		ck_assert(p != NULL);
		p->phys_align = m[i].align;
		p->phys_boundary = m[i].boundary;
		p->phys_dmasize = (uchar_t)m[i].bits;
		p->phys_flags |= (uchar_t)m[i].flags;
		if (physreq_prep(p, KM_NOSLEEP) == B_TRUE) {
			ok++;
			b = kmem_alloc_physreq(512, p, KM_NOSLEEP);
			ck_assert(b != NULL);
			kmem_free(b, 512);
		} else {
			printf("check_ddi_pressure: physreq_prep(KM_NOSLEEP) "
			       "B_FALSE on an idle machine: align %lu boundary "
			       "%lu dmasize %d flags %#x\n",
			       (unsigned long)m[i].align,
			       (unsigned long)m[i].boundary, m[i].bits,
			       m[i].flags);
			fflush(stdout);
		}
		physreq_free(p);
	}
	ck_assert_msg(ok == i, "physreq_prep(KM_NOSLEEP) refused %u of %u "
		      "valid physreqs on an idle machine", i - ok, i);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_pressure");
	TCase *tc;

	tc = tcase_create("sleep_blocks");
	tcase_set_timeout(tc, 15);
	tcase_add_loop_test(tc, test_sleep_blocks_until_free, 0, 2);
	tcase_add_test(tc, test_sleep_small_never_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("nosleep_hardirq");
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_nosleep_hardirq_idle);
	tcase_add_test(tc, test_nosleep_hardirq_exhausted);
	suite_add_tcase(s, tc);

	tc = tcase_create("reserve");
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_reserve_on_fragmented_memory);
	suite_add_tcase(s, tc);

	tc = tcase_create("fault_sweep");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_fault_sweep, 0, 2);
	tcase_add_test(tc, test_prep_nosleep_new_shape);
	tcase_add_test(tc, test_changed_physreq_sleep_never_null);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
