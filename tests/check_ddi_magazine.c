/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_magazine.c - the DDI's per-CPU layer (ddi/kmem_cpu.c) seen
 * from a driver, release mode (svr5ddi_set_debug(0)): the per-CPU
 * magazines in front of the kmem size classes and the physreq block
 * pools, and the per-CPU statistics behind svr5ddi_get_stats().
 *
 * What is pinned:
 *   - a free then an allocation of the same class on the same CPU is a
 *     LIFO magazine hit: the same pointer, and no backend call (the
 *     fault layer's allocation counter does not move);
 *   - a class magazine holds clamp(8192 / size, 2, 32) objects; a free
 *     into a full one spills its older half to the backend;
 *   - kmem_free with a wrong (larger) size never lets the object out of
 *     kmem_alloc of the wrong class (ksize() proves the class);
 *   - the statistics are exact with several threads (CPUs) allocating
 *     and freeing at once, also when objects are freed on another CPU;
 *   - hardirq and softirq allocations and frees never use a magazine;
 *   - physreq pool blocks have the same LIFO reuse, and a class whose
 *     blocks are all free (some in magazines) is reaped when its last
 *     physreq is freed, or when its last block is freed after that;
 *   - a KM_SLEEP request waiting on an exhausted class is served by a
 *     kmem_free on another CPU.
 *
 * "No backend call" is read through the fault-injection counters
 * (ddit_fault_counts): every outermost allocator call of the emulation
 * (kmem_cache_alloc, dma_pool_alloc...) is counted once counting is on
 * (ddit_fault_off() turns counting on with nothing injected).  Every test
 * runs in a fresh process (fork mode).
 */
#include "ddi_test_common.h"
#include <pthread.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Release mode, checked. */
static void release_mode(void)
{
	svr5ddi_set_debug(0);
	ck_assert_int_eq(svr5ddi_debug_enabled(), 0);
}

/* Allocator calls the emulation has seen since counting started. */
static unsigned long backend_calls(void)
{
	struct ddit_fault_counts c;

	ddit_fault_counts(&c);
	return c.calls;
}

static void counting_on(void)
{
	ddit_fault_off();
	ck_assert_uint_eq(backend_calls(), 0);
}

/* The magazine depth of the class of @size, as ddi_internal.h sets it. */
static unsigned int mag_depth(size_t size)
{
	size_t cls = 8, d;

	while (cls < size)
		cls <<= 1;
	d = 8192 / cls;
	return d < 2 ? 2 : d > 32 ? 32 : (unsigned int)d;
}

/* ---- LIFO hits ------------------------------------------------------------ */

START_TEST(test_free_then_alloc_same_pointer)
{
	static const size_t sizes[] = { 1, 8, 24, 64, 100, 512, 3000, 4096,
					8192 };
	struct svr5ddi_stats s0, s1;
	unsigned int i;
	unsigned long c0;

	release_mode();
	counting_on();
	for (i = 0; i < NELEM(sizes); i++) {
		size_t n = sizes[i];
		char *p, *q, *z;

		p = kmem_alloc(n, KM_SLEEP);
		ck_assert_ptr_nonnull(p);
		memset(p, 0x5a, n);
		s0 = ddit_stats();
		kmem_free(p, n);
		c0 = backend_calls();
		q = kmem_alloc(n, KM_SLEEP);
		ck_assert_msg(q == p, "size %zu: freed %p, got %p", n,
			      (void *)p, (void *)q);
		ck_assert_msg(backend_calls() == c0,
			      "size %zu: a magazine hit called the backend", n);
		/* a hit is an allocation in the statistics */
		s1 = ddit_stats();
		ck_assert_uint_eq(s1.backend[SVR5DDI_BK_SLAB].allocs,
				  s0.backend[SVR5DDI_BK_SLAB].allocs + 1);
		ck_assert_live_as(s0);
		kmem_free(q, n);
		/* KM_NOSLEEP and kmem_zalloc take the same fast path */
		q = kmem_alloc(n, KM_NOSLEEP);
		ck_assert_ptr_eq(q, p);
		memset(q, 0x77, n);
		kmem_free(q, n);
		z = kmem_zalloc(n, KM_SLEEP);
		ck_assert_ptr_eq(z, p);
		ck_assert_msg(z[0] == 0 && z[n - 1] == 0 &&
			      !memchr(z, 0x77, n),
			      "size %zu: zalloc hit not zeroed", n);
		ck_assert_uint_eq(backend_calls(), c0);
		kmem_free(z, n);
	}
}
END_TEST

/* Several frees come back last-in first-out. */
START_TEST(test_lifo_order)
{
	enum { N = 8 };
	void *p[N], *q;
	int i;

	release_mode();
	for (i = 0; i < N; i++) {
		p[i] = kmem_alloc(48, KM_SLEEP);
		ck_assert_ptr_nonnull(p[i]);
	}
	for (i = 0; i < N; i++)
		kmem_free(p[i], 48);
	for (i = N - 1; i >= 0; i--) {
		q = kmem_alloc(48, KM_SLEEP);
		ck_assert_msg(q == p[i], "pop %d: %p, expected %p", N - 1 - i,
			      q, p[i]);
	}
	for (i = 0; i < N; i++)
		kmem_free(p[i], 48);
}
END_TEST

/*
 * Depth and spill: d = clamp(8192/size, 2, 32) frees fill the magazine;
 * one more spills the older half (d - d/2 objects) to the backend, so
 * the next d/2 + 1 allocations are hits, newest first, and the one after
 * them calls the backend.
 */
static void check_depth(size_t size)
{
	enum { MAX = 40 };
	unsigned int d = mag_depth(size), spilled = d - d / 2, i;
	void *p[MAX], *q;
	unsigned long c0;

	ck_assert_uint_lt(d + 1, MAX);
	for (i = 0; i < d + 1; i++) {
		p[i] = kmem_alloc(size, KM_SLEEP);
		ck_assert_ptr_nonnull(p[i]);
	}
	for (i = 0; i < d + 1; i++)
		kmem_free(p[i], size);
	c0 = backend_calls();
	for (i = d + 1; i-- > spilled;) {
		q = kmem_alloc(size, KM_SLEEP);
		ck_assert_msg(q == p[i],
			      "size %zu (depth %u): pop got %p, expected p[%u] %p",
			      size, d, q, i, p[i]);
	}
	ck_assert_msg(backend_calls() == c0,
		      "size %zu: the magazine held fewer than %u objects",
		      size, d / 2 + 1);
	/* empty now: the next one is the backend's */
	q = kmem_alloc(size, KM_SLEEP);
	ck_assert_ptr_nonnull(q);
	ck_assert_msg(backend_calls() > c0,
		      "size %zu (depth %u): magazine held more than %u", size,
		      d, d / 2 + 1);
	for (i = spilled; i < d + 1; i++)
		kmem_free(p[i], size);
	kmem_free(q, size);
}

START_TEST(test_depth_and_spill)
{
	static const size_t sizes[] = { 8, 200, 256, 512, 1024, 2048, 4096,
					8192 };
	unsigned int i;

	release_mode();
	counting_on();
	for (i = 0; i < NELEM(sizes); i++)
		check_depth(sizes[i]);
}
END_TEST

/* ---- a wrong size never crosses classes ------------------------------------ */

struct obj {
	uintptr_t a;
	size_t n;
};

static int obj_cmp(const void *x, const void *y)
{
	const struct obj *a = x, *b = y;

	return a->a < b->a ? -1 : a->a > b->a;
}

/*
 * Allocate 32, free it claiming 64 (a driver bug the release mode does
 * not report): the object goes back to the 32-byte class, never into the
 * 64-byte magazine.  A 64-byte object freed just before it stays on top
 * of the magazine, every kmem_alloc(64) result is 64-aligned, and no
 * live object overlaps another.
 */
START_TEST(test_wrong_size_free_stays_in_class)
{
	enum { ITER = 300 };
	static struct obj live[3 * ITER];
	unsigned int nl = 0, i;
	void *a, *b, *c, *q;

	release_mode();
	for (i = 0; i < ITER; i++) {
		a = kmem_alloc(32, KM_SLEEP);
		b = kmem_alloc(32, KM_SLEEP);	/* kept: a's neighbour */
		c = kmem_alloc(64, KM_SLEEP);
		ck_assert(a && b && c);
		kmem_free(c, 64);		/* top of the 64 magazine */
		kmem_free(a, 64);		/* wrong size */
		q = kmem_alloc(64, KM_SLEEP);
		ck_assert_msg(q != a, "iteration %u: 32-byte object %p "
			      "returned by kmem_alloc(64)", i, a);
		ck_assert_msg(q == c, "iteration %u: kmem_alloc(64) gave %p, "
			      "not the magazine's %p", i, q, c);
		ck_assert_msg(((uintptr_t)q & 63) == 0,
			      "kmem_alloc(64) = %p not 64-aligned", q);
		/* and a second 64 (the magazine is empty now) */
		c = kmem_alloc(64, KM_SLEEP);
		ck_assert_ptr_nonnull(c);
		ck_assert_msg(c != a && ((uintptr_t)c & 63) == 0,
			      "iteration %u: kmem_alloc(64) = %p (freed 32: %p)",
			      i, c, a);
		live[nl++] = (struct obj){ (uintptr_t)b, 32 };
		live[nl++] = (struct obj){ (uintptr_t)q, 64 };
		live[nl++] = (struct obj){ (uintptr_t)c, 64 };
	}
	qsort(live, nl, sizeof(live[0]), obj_cmp);
	for (i = 1; i < nl; i++)
		ck_assert_msg(live[i - 1].a + live[i - 1].n <= live[i].a,
			      "live objects overlap: %#lx+%zu and %#lx",
			      (unsigned long)live[i - 1].a, live[i - 1].n,
			      (unsigned long)live[i].a);
	for (i = 0; i < nl; i++)
		kmem_free((void *)live[i].a, live[i].n);
}
END_TEST

/* ---- exact statistics across CPUs ------------------------------------------ */

enum { NTHREADS = 4, PAIRS = 10000, HELD = 3 };

struct stat_thread {
	int id;
	void *held[HELD];
	size_t held_size[HELD];
	unsigned long bad;
};

static size_t stat_size(int id, int i)
{
	return (size_t)(1 + ((id * 7919 + i * 131) % 5000));
}

static void *stat_fn(void *arg)
{
	struct stat_thread *t = arg;
	int i;

	for (i = 0; i < PAIRS; i++) {
		size_t n = stat_size(t->id, i);
		unsigned char *p = kmem_alloc(n, (i & 1) ? KM_NOSLEEP : KM_SLEEP);

		if (!p) {
			t->bad++;
			continue;
		}
		p[n - 1] = (unsigned char)i;
		p[0] = (unsigned char)t->id;
		if (p[0] != (unsigned char)t->id ||
		    (n > 1 && p[n - 1] != (unsigned char)i))
			t->bad++;
		kmem_free(p, n);
	}
	for (i = 0; i < HELD; i++) {
		t->held_size[i] = stat_size(t->id, PAIRS + i);
		t->held[i] = kmem_alloc(t->held_size[i], KM_SLEEP);
		if (!t->held[i])
			t->bad++;
	}
	return NULL;
}

START_TEST(test_stats_exact_with_threads)
{
	struct stat_thread t[NTHREADS];
	pthread_t th[NTHREADS];
	struct svr5ddi_stats s0, s1, s2;
	unsigned long held_bytes = 0;
	int i, j;

	release_mode();
	s0 = ddit_stats();
	for (i = 0; i < NTHREADS; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].id = i + 1;
		ck_assert_int_eq(pthread_create(&th[i], NULL, stat_fn, &t[i]),
				 0);
	}
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		ck_assert_uint_eq(t[i].bad, 0);
		for (j = 0; j < HELD; j++)
			held_bytes += t[i].held_size[j];
	}
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.backend[SVR5DDI_BK_SLAB].live_objects,
			  s0.backend[SVR5DDI_BK_SLAB].live_objects +
			  NTHREADS * HELD);
	ck_assert_uint_eq(s1.backend[SVR5DDI_BK_SLAB].live_bytes,
			  s0.backend[SVR5DDI_BK_SLAB].live_bytes + held_bytes);
	ck_assert_uint_eq(s1.backend[SVR5DDI_BK_SLAB].allocs,
			  s0.backend[SVR5DDI_BK_SLAB].allocs +
			  NTHREADS * (PAIRS + HELD));
	ck_assert_uint_eq(ddit_failures(&s1), ddit_failures(&s0));
	/* freed on this CPU, not the one that allocated them */
	for (i = 0; i < NTHREADS; i++)
		for (j = 0; j < HELD; j++)
			kmem_free(t[i].held[j], t[i].held_size[j]);
	s2 = ddit_stats();
	ck_assert_live_as(s0);
	ck_assert_uint_eq(s2.backend[SVR5DDI_BK_SLAB].allocs,
			  s1.backend[SVR5DDI_BK_SLAB].allocs);
}
END_TEST

/* ---- interrupt context bypasses the magazines ----------------------------- */

struct irq_mag {
	size_t size;
	void *p;		/* freed in the handler */
	void *q;		/* allocated after it in the handler */
	unsigned long calls_before, calls_after;
};

static void irq_free_alloc_fn(void *arg)
{
	struct irq_mag *m = arg;

	kmem_free(m->p, m->size);
	m->calls_before = backend_calls();
	m->q = kmem_alloc(m->size, KM_NOSLEEP);
	m->calls_after = backend_calls();
}

/*
 * In an interrupt handler a free goes to the backend and an allocation
 * asks the backend, even right after a free of the same class: the
 * allocation is a backend call (a magazine hit would be none).  The
 * backend (the emulation's slab, which keeps a per-thread LIFO) gives the
 * just-freed object back.  Back in task context the task's magazine is
 * untouched: its top is what the task freed last.
 */
static void check_irq_bypass(void (*run)(void (*)(void *), void *))
{
	static const size_t sizes[] = { 16, 64, 1000, 8192 };
	unsigned int i, k;

	release_mode();
	counting_on();
	for (i = 0; i < NELEM(sizes); i++) {
		struct irq_mag m = { .size = sizes[i] };
		unsigned long c0;
		void *top, *r;

		/* give the interrupt thread's CPU a chance to fill a magazine */
		for (k = 0; k < 3; k++) {
			m.p = kmem_alloc(m.size, KM_SLEEP);
			ck_assert_ptr_nonnull(m.p);
			run(irq_free_alloc_fn, &m);
			ck_assert_ptr_nonnull(m.q);
			ck_assert_msg(m.calls_after > m.calls_before,
				      "size %zu: interrupt allocation served "
				      "by a magazine", m.size);
			ck_assert_ptr_eq(m.q, m.p);
			m.p = m.q;
			run(irq_free_alloc_fn, &m);
			ck_assert_ptr_nonnull(m.q);
			ck_assert_uint_gt(m.calls_after, m.calls_before);
			kmem_free(m.q, m.size);	/* task: into our magazine */
		}
		/* this CPU's magazine holds the task's last free only */
		c0 = backend_calls();
		top = kmem_alloc(m.size, KM_SLEEP);
		ck_assert_ptr_eq(top, m.q);
		ck_assert_uint_eq(backend_calls(), c0);
		r = kmem_alloc(m.size, KM_SLEEP);
		ck_assert_ptr_nonnull(r);
		ck_assert_uint_gt(backend_calls(), c0);
		kmem_free(r, m.size);
		kmem_free(top, m.size);
	}
}

START_TEST(test_hardirq_bypasses_magazines)
{
	check_irq_bypass(ddit_run_in_hardirq);
}
END_TEST

START_TEST(test_softirq_bypasses_magazines)
{
	check_irq_bypass(ddit_run_in_softirq);
}
END_TEST

struct irq_free_only {
	void *p[4];
	size_t size;
};

static void irq_free_only_fn(void *arg)
{
	struct irq_free_only *f = arg;
	int i;

	for (i = 0; i < 4; i++)
		kmem_free(f->p[i], f->size);
}

/*
 * Objects freed at interrupt level do not appear in the task's
 * magazine: after the task frees one object of its own, the next two
 * allocations are that object (a hit) and then a backend call.
 */
START_TEST(test_irq_frees_invisible_to_task)
{
	struct irq_free_only f = { .size = 128 };
	struct svr5ddi_stats s0;
	unsigned long c0;
	void *mine, *a, *b;
	int i;

	release_mode();
	counting_on();
	s0 = ddit_stats();
	mine = kmem_alloc(f.size, KM_SLEEP);
	for (i = 0; i < 4; i++) {
		f.p[i] = kmem_alloc(f.size, KM_SLEEP);
		ck_assert_ptr_nonnull(f.p[i]);
	}
	kmem_free(mine, f.size);
	ddit_run_in_hardirq(irq_free_only_fn, &f);
	c0 = backend_calls();
	a = kmem_alloc(f.size, KM_SLEEP);
	ck_assert_ptr_eq(a, mine);
	ck_assert_uint_eq(backend_calls(), c0);
	b = kmem_alloc(f.size, KM_SLEEP);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_gt(backend_calls(), c0);
	for (i = 0; i < 4; i++)
		ck_assert_ptr_ne(b, f.p[i]);
	kmem_free(a, f.size);
	kmem_free(b, f.size);
	ck_assert_live_as(s0);
}
END_TEST

/* ---- physreq block pools ------------------------------------------------- */

static physreq_t *new_physreq(uchar_t dmasize, paddr_t align)
{
	physreq_t *pr = physreq_alloc(KM_SLEEP);

	ck_assert_ptr_nonnull(pr);
	pr->phys_align = align;
	pr->phys_dmasize = dmasize;
	ck_assert(physreq_prep(pr, KM_SLEEP) == B_TRUE);
	return pr;
}

START_TEST(test_physreq_block_lifo)
{
	static const size_t sizes[] = { 8, 100, 512, 2048, 4000 };
	physreq_t *pr;
	unsigned int i;
	unsigned long c0;
	struct svr5ddi_stats s0, s1;

	release_mode();
	pr = new_physreq(32, 16);
	counting_on();
	for (i = 0; i < NELEM(sizes); i++) {
		size_t n = sizes[i];
		char *p, *q, *z;

		p = kmem_alloc_physreq(n, pr, KM_SLEEP);
		ck_assert_ptr_nonnull(p);
		memset(p, 0x33, n);
		s0 = ddit_stats();
		kmem_free(p, n);
		c0 = backend_calls();
		q = kmem_alloc_physreq(n, pr, KM_SLEEP);
		ck_assert_msg(q == p, "block %zu: freed %p, got %p", n,
			      (void *)p, (void *)q);
		ck_assert_msg(backend_calls() == c0,
			      "block %zu: a magazine hit called the backend", n);
		s1 = ddit_stats();
		ck_assert_uint_eq(s1.backend[SVR5DDI_BK_POOL].allocs,
				  s0.backend[SVR5DDI_BK_POOL].allocs + 1);
		ck_assert_live_as(s0);
		kmem_free(q, n);
		z = kmem_zalloc_physreq(n, pr, KM_NOSLEEP);
		ck_assert_ptr_eq(z, p);
		ck_assert(!memchr(z, 0x33, n));
		kmem_free(z, n);
	}
	physreq_free(pr);
}
END_TEST

enum { BLOCKS = 96, BLOCK = 2048 };

/*
 * A 24-bit class's blocks live in ZONE_DMA pages its dma_pool holds until
 * the class is destroyed.  Returns how many ZONE_DMA pages are free
 * beyond @before, waiting up to 2 s for @want (a reap may run from a work
 * item).
 */
static unsigned long dma_pages_back(unsigned long before, unsigned long want)
{
	unsigned long now = 0;
	int i;

	for (i = 0; i < 200; i++) {
		now = ddit_zone_free_pages(DDIT_ZONE_DMA);
		if (now >= before + want)
			break;
		ddit_msleep(10);
	}
	return now > before ? now - before : 0;
}

static void alloc_blocks(physreq_t *pr, void **b)
{
	int i;

	for (i = 0; i < BLOCKS; i++) {
		b[i] = kmem_alloc_physreq(BLOCK, pr, KM_SLEEP);
		ck_assert_ptr_nonnull(b[i]);
		ck_assert_uint_lt(ddit_phys_of(b[i]), 16 * MiB);
	}
}

/* The pages the blocks occupy (BLOCK divides a page). */
static unsigned long block_pages(void)
{
	return BLOCKS * BLOCK / PAGESIZE;
}

/* Blocks all freed (a magazine's worth on this CPU), then physreq_free. */
START_TEST(test_physreq_free_reaps_class)
{
	struct svr5ddi_stats s0;
	void *b[BLOCKS];
	unsigned long f0, f1, back;
	physreq_t *pr;
	int i;

	release_mode();
	pr = new_physreq(24, 1);
	s0 = ddit_stats();
	f0 = ddit_zone_free_pages(DDIT_ZONE_DMA);
	alloc_blocks(pr, b);
	for (i = 0; i < BLOCKS; i++)
		kmem_free(b[i], BLOCK);
	ck_assert_live_as(s0);
	/* the class still holds its pages: its physreq is prepped */
	ddit_msleep(50);
	f1 = ddit_zone_free_pages(DDIT_ZONE_DMA);
	ck_assert_uint_le(f1 + block_pages(), f0);
	physreq_free(pr);
	back = dma_pages_back(f1, block_pages());
	ck_assert_msg(back >= block_pages(),
		      "physreq_free: %lu ZONE_DMA pages back, expected %lu "
		      "(class not reaped)", back, block_pages());
}
END_TEST

/* physreq_free first, then the last blocks: the reap follows the frees. */
START_TEST(test_last_block_free_reaps_class)
{
	void *b[BLOCKS];
	unsigned long f0, f1, back;
	physreq_t *pr;
	int i;

	release_mode();
	pr = new_physreq(24, 1);
	f0 = ddit_zone_free_pages(DDIT_ZONE_DMA);
	alloc_blocks(pr, b);
	physreq_free(pr);
	/* live blocks keep the class and its pages */
	ddit_msleep(50);
	f1 = ddit_zone_free_pages(DDIT_ZONE_DMA);
	ck_assert_uint_le(f1 + block_pages(), f0);
	for (i = 0; i < BLOCKS; i++)
		kmem_free(b[i], BLOCK);
	back = dma_pages_back(f1, block_pages());
	ck_assert_msg(back >= block_pages(),
		      "last kmem_free: %lu ZONE_DMA pages back, expected %lu "
		      "(class not reaped)", back, block_pages());
}
END_TEST

/* ---- a KM_SLEEP waiter and a free on another CPU ----------------------- */

struct waiter {
	size_t size;
	void *p;
	int done;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;

	w->p = kmem_alloc(w->size, KM_SLEEP);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * The slab fails every allocation (injected), so a class's only memory is
 * its mempool reserve.  With the reserve taken, a KM_SLEEP request on
 * another thread (CPU) waits; one kmem_free here must reach it (the
 * reserve, not this CPU's magazine, where the waiter could not see it).
 */
START_TEST(test_sleep_waiter_released_by_free)
{
	enum { MAX = 64 };
	struct waiter w = { .size = 256 };
	struct svr5ddi_stats s0, s1;
	void *held[MAX];
	unsigned int n = 0, i;
	pthread_t th;

	release_mode();
	ddit_log_quiet(1);
	s0 = ddit_stats();
	ddit_fault_fail_all(DDIT_FAMILY_SLAB, DDIT_SLEEP_ANY);
	while (n < MAX && (held[n] = kmem_alloc(w.size, KM_NOSLEEP)))
		n++;
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, MAX);
	ck_assert_int_eq(pthread_create(&th, NULL, waiter_fn, &w), 0);
	ddit_msleep(300);
	ck_assert_msg(!__atomic_load_n(&w.done, __ATOMIC_ACQUIRE),
		      "KM_SLEEP returned with the class exhausted");
	s1 = ddit_stats();
	ck_assert_uint_gt(s1.sleep_waits, s0.sleep_waits);

	kmem_free(held[--n], w.size);
	for (i = 0; i < 300 && !__atomic_load_n(&w.done, __ATOMIC_ACQUIRE);
	     i++)
		ddit_msleep(10);
	ck_assert_msg(__atomic_load_n(&w.done, __ATOMIC_ACQUIRE),
		      "the waiter was not released by kmem_free in 3 s");
	pthread_join(th, NULL);
	ddit_fault_off();
	ck_assert_ptr_eq(w.p, held[n]);
	kmem_free(w.p, w.size);
	while (n)
		kmem_free(held[--n], w.size);
	ck_assert_live_as(s0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_magazine");
	TCase *tc;

	tc = tcase_create("lifo");
	tcase_add_test(tc, test_free_then_alloc_same_pointer);
	tcase_add_test(tc, test_lifo_order);
	tcase_add_test(tc, test_depth_and_spill);
	tcase_add_test(tc, test_wrong_size_free_stays_in_class);
	suite_add_tcase(s, tc);

	tc = tcase_create("stats");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_stats_exact_with_threads);
	suite_add_tcase(s, tc);

	tc = tcase_create("interrupts");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_hardirq_bypasses_magazines);
	tcase_add_test(tc, test_softirq_bypasses_magazines);
	tcase_add_test(tc, test_irq_frees_invisible_to_task);
	suite_add_tcase(s, tc);

	tc = tcase_create("physreq");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_physreq_block_lifo);
	tcase_add_test(tc, test_physreq_free_reaps_class);
	tcase_add_test(tc, test_last_block_free_reaps_class);
	suite_add_tcase(s, tc);

	tc = tcase_create("waiting");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_sleep_waiter_released_by_free);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
