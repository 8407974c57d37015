/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_kmem.c - kmem_alloc(D3), kmem_zalloc(D3), kmem_free(D3) and the
 * small helpers (ptob/btop/btopr, bcopy/bzero/bcmp, cmn_err) of the SVR5
 * DDI, black-box, against svr5-memory-ddi.md sections 1, 2, 4 and 9.
 *
 * Every test runs in a fresh process (fork mode) with the debug layer on
 * (ddit_debug_on()), so the counters of <svr5ddi/ddictl.h> start from the
 * state of a fresh emulation.  Physical placement is read through
 * ddi_test_machine.h; the DDI 5 unit is ddi_test_ddi5.c.
 */
#include "ddi_test_common.h"
#include "ddi_test_ddi5.h"
#include <signal.h>
#include <sys/wait.h>

/* The alignment Decision of section 4. */
static size_t required_align(size_t n)
{
	size_t a = n >= 16 ? 16 : 8;

	if ((n & (n - 1)) == 0) {
		size_t nat = n < PAGESIZE ? n : PAGESIZE;

		if (nat > a)
			a = nat;
	}
	return a;
}

static int all_bytes(const void *p, size_t n, unsigned char v)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i] != v)
			return 0;
	return 1;
}

/* ---- size 0 ----------------------------------------------------------- */

START_TEST(test_size_zero_is_null)
{
	static const int flags[] = { KM_SLEEP, KM_NOSLEEP };
	struct svr5ddi_stats s0;
	unsigned int i;
	int line;

	ddit_debug_on();
	s0 = ddit_stats();
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		ck_assert_ptr_null(kmem_alloc(0, flags[i]));
		ck_assert_ptr_null(kmem_zalloc(0, flags[i]));
		ck_assert_ptr_null((kmem_alloc)(0, flags[i]));
		ck_assert_ptr_null((kmem_zalloc)(0, flags[i]));
		ck_assert_ptr_null(ddi5_kmem_alloc(0, flags[i], &line));
		ck_assert_ptr_null(ddi5_kmem_zalloc(0, flags[i], &line));
	}
	ck_assert_live_as(s0);
	/* Returning NULL for size 0 is the contract, not a misuse. */
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_free_size_zero_does_nothing)
{
	struct svr5ddi_stats s0, s1;
	char *p;

	ddit_debug_on();
	s0 = ddit_stats();
	p = kmem_alloc(48, KM_SLEEP);
	ck_assert_ptr_nonnull(p);
	memset(p, 0x3c, 48);
	s1 = ddit_stats();
	kmem_free(NULL, 0);
	kmem_free(p, 0);	/* section 4: size 0 does nothing */
	ck_assert_live_as(s1);
	ck_assert(all_bytes(p, 48, 0x3c));
	kmem_free(p, 48);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- kmem_zalloc -------------------------------------------------------- */

START_TEST(test_zalloc_zeroes_dirty_memory)
{
	static const size_t sizes[] = {
		1, 7, 8, 24, 100, 256, 1000, 2048, 4096, 5000, 8192,
		64 * KiB, MiB,
	};
	static const int flags[] = { KM_SLEEP, KM_NOSLEEP };
	struct svr5ddi_stats s0;
	unsigned int i, f, round;

	ddit_debug_on();
	s0 = ddit_stats();
	for (f = 0; f < 2; f++) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			size_t n = sizes[i];

			for (round = 0; round < 3; round++) {
				void *a, *b, *z;

				/* dirty two buffers, free them, zalloc */
				a = kmem_alloc(n, flags[f]);
				b = kmem_alloc(n, flags[f]);
				ck_assert_ptr_nonnull(a);
				ck_assert_ptr_nonnull(b);
				memset(a, 0xa5, n);
				memset(b, 0x5a, n);
				kmem_free(b, n);
				kmem_free(a, n);
				z = kmem_zalloc(n, flags[f]);
				ck_assert_ptr_nonnull(z);
				ck_assert_msg(all_bytes(z, n, 0),
					      "kmem_zalloc(%zu, %d) not zeroed",
					      n, flags[f]);
				memset(z, 0xee, n);
				kmem_free(z, n);
			}
		}
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- alignment Decision ------------------------------------------------ */

static void check_align_range(size_t lo, size_t hi, int flag, int zero)
{
	size_t n;

	for (n = lo; n <= hi; n++) {
		char *a = zero ? kmem_zalloc(n, flag) : kmem_alloc(n, flag);
		char *b = zero ? kmem_zalloc(n, flag) : kmem_alloc(n, flag);
		size_t al = required_align(n);

		ck_assert_msg(a && b, "size %zu flag %d: NULL", n, flag);
		ck_assert_msg(((uintptr_t)a & (al - 1)) == 0,
			      "size %zu: %p not %zu-aligned", n, (void *)a, al);
		ck_assert_msg(((uintptr_t)b & (al - 1)) == 0,
			      "size %zu: %p not %zu-aligned", n, (void *)b, al);
		ck_assert_ptr_ne(a, b);
		/* The whole size is usable and the two do not overlap. */
		memset(a, 0x11, n);
		memset(b, 0x22, n);
		ck_assert(all_bytes(a, n, 0x11));
		kmem_free(b, n);
		kmem_free(a, n);
	}
}

START_TEST(test_align_small_sleep)
{
	struct svr5ddi_stats s0;

	ddit_debug_on();
	s0 = ddit_stats();
	check_align_range(1, 8192, KM_SLEEP, 0);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_align_small_nosleep_zalloc)
{
	struct svr5ddi_stats s0;

	ddit_debug_on();
	s0 = ddit_stats();
	check_align_range(1, 8192, KM_NOSLEEP, 0);
	check_align_range(1, 600, KM_SLEEP, 1);
	check_align_range(4090, 4100, KM_NOSLEEP, 1);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_align_large)
{
	static const size_t sizes[] = {
		8193, 12288, 16384, 16385, 32768, 65536, 100000, 131072,
		MiB, MiB + 3,
	};
	struct svr5ddi_stats s0;
	unsigned int i, f;

	ddit_debug_on();
	s0 = ddit_stats();
	for (f = 0; f < 2; f++)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			check_align_range(sizes[i], sizes[i],
					  f ? KM_NOSLEEP : KM_SLEEP, f);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/*
 * The same contract holds with the debug layer off (release mode, whose
 * allocation paths differ): alignment, zeroing, live statistics.
 */
START_TEST(test_debug_off_basics)
{
	static const size_t sizes[] = { 1, 24, 100, 4096, 9000, MiB };
	struct svr5ddi_stats s0, s1;
	unsigned int i;

	svr5ddi_set_debug(0);
	ck_assert_int_eq(svr5ddi_debug_enabled(), 0);
	s0 = ddit_stats();
	check_align_range(1, 4200, KM_SLEEP, 0);
	check_align_range(1, 300, KM_NOSLEEP, 1);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];
		void *a = kmem_alloc(n, KM_SLEEP), *z;

		ck_assert_ptr_nonnull(a);
		memset(a, 0xa5, n);
		kmem_free(a, n);
		z = kmem_zalloc(n, i & 1 ? KM_NOSLEEP : KM_SLEEP);
		ck_assert_ptr_nonnull(z);
		ck_assert_msg(all_bytes(z, n, 0), "zalloc(%zu) not zeroed", n);
		s1 = ddit_stats();
		ck_assert_uint_eq(ddit_live_objects(&s1),
				  ddit_live_objects(&s0) + 1);
		ck_assert_uint_eq(ddit_live_bytes(&s1),
				  ddit_live_bytes(&s0) + n);
		kmem_free(z, n);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- exact-size free and live statistics --------------------------------- */

START_TEST(test_exact_free_and_live_stats)
{
	static const size_t sizes[] = { 1, 13, 100, 4096, 7000, 64 * KiB, MiB };
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	void *p[N];
	struct svr5ddi_stats s0, s;
	unsigned long bytes = 0;
	unsigned int i;

	ddit_debug_on();
	s0 = ddit_stats();
	for (i = 0; i < N; i++) {
		p[i] = kmem_alloc(sizes[i], KM_SLEEP);
		ck_assert_ptr_nonnull(p[i]);
		bytes += sizes[i];
		s = ddit_stats();
		ck_assert_uint_eq(ddit_live_objects(&s),
				  ddit_live_objects(&s0) + i + 1);
		/* live_bytes counts bytes requested, not rounded */
		ck_assert_uint_eq(ddit_live_bytes(&s),
				  ddit_live_bytes(&s0) + bytes);
	}
	for (i = 0; i < N; i++) {
		kmem_free(p[i], sizes[i]);
		bytes -= sizes[i];
		s = ddit_stats();
		ck_assert_uint_eq(ddit_live_objects(&s),
				  ddit_live_objects(&s0) + N - i - 1);
		ck_assert_uint_eq(ddit_live_bytes(&s),
				  ddit_live_bytes(&s0) + bytes);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
}
END_TEST

static void check_backend(size_t size, int flag, int bk)
{
	struct svr5ddi_stats s0, s1, s2;
	void *p;

	s0 = ddit_stats();
	p = kmem_alloc(size, flag);
	ck_assert_ptr_nonnull(p);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.backend[bk].live_objects,
			  s0.backend[bk].live_objects + 1);
	ck_assert_uint_eq(s1.backend[bk].live_bytes,
			  s0.backend[bk].live_bytes + size);
	ck_assert_uint_eq(s1.backend[bk].allocs, s0.backend[bk].allocs + 1);
	ck_assert_uint_eq(ddit_live_objects(&s1), ddit_live_objects(&s0) + 1);
	kmem_free(p, size);
	s2 = ddit_stats();
	ck_assert_live_as(s0);
	ck_assert_uint_eq(s2.backend[bk].allocs, s1.backend[bk].allocs);
}

START_TEST(test_backend_stats)
{
	struct svr5ddi_stats s0;

	ddit_debug_on();
	s0 = ddit_stats();
	/* ddictl.h: small sizes from the size-class caches ... */
	check_backend(100, KM_SLEEP, SVR5DDI_BK_SLAB);
	check_backend(100, KM_NOSLEEP, SVR5DDI_BK_SLAB);
	/* ... large KM_SLEEP virtually contiguous, large KM_NOSLEEP pages */
	check_backend(MiB, KM_SLEEP, SVR5DDI_BK_VMALLOC);
	check_backend(MiB, KM_NOSLEEP, SVR5DDI_BK_PAGES);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- large sizes ---------------------------------------------------------- */

static void check_large(size_t size, int flag)
{
	struct ddit_layout l;
	char *p = kmem_alloc(size, flag);
	size_t i;

	ck_assert_msg(p != NULL, "kmem_alloc(%zu, %d) NULL", size, flag);
	ddit_layout(p, size, &l);
	ck_assert_msg(l.mapped, "kmem_alloc(%zu): a page has no frame", size);
	for (i = 0; i < size; i += PAGESIZE / 2)
		p[i] = (char)(i >> 11);
	p[size - 1] = 0x7f;
	for (i = 0; i < size; i += PAGESIZE / 2)
		ck_assert_int_eq(p[i], (char)(i >> 11));
	ck_assert_int_eq(p[size - 1], 0x7f);
	kmem_free(p, size);
}

START_TEST(test_large_sizes)
{
	struct svr5ddi_stats s0;

	ddit_debug_on();
	s0 = ddit_stats();
	check_large(64 * KiB, KM_SLEEP);
	check_large(MiB, KM_SLEEP);
	check_large(4 * MiB + 100, KM_SLEEP);
	check_large(64 * KiB, KM_NOSLEEP);
	check_large(MiB, KM_NOSLEEP);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/*
 * With every zone fragmented (no free block above order 0), large
 * KM_SLEEP requests still succeed at once: no contiguity is promised, so
 * none may be needed.
 */
START_TEST(test_large_sleep_fragmented)
{
	struct svr5ddi_stats s0;
	void *f[3];

	ddit_debug_on();
	/* warm up the allocator before pressure */
	kmem_free(kmem_alloc(MiB, KM_SLEEP), MiB);
	s0 = ddit_stats();
	f[0] = ddit_fragment(DDIT_ZONE_NORMAL);
	f[1] = ddit_fragment(DDIT_ZONE_DMA32);
	f[2] = ddit_fragment(DDIT_ZONE_DMA);
	check_large(MiB, KM_SLEEP);
	check_large(2 * MiB + 5, KM_SLEEP);
	ddit_unfragment(f[2]);
	ddit_unfragment(f[1]);
	ddit_unfragment(f[0]);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- KM_NOSLEEP never sleeps --------------------------------------------- */

struct irq_alloc {
	size_t size[4];
	void *p[4];
	int in_atomic;
};

static void irq_alloc_fn(void *arg)
{
	struct irq_alloc *a = arg;
	void *t;
	int i;

	a->in_atomic = ddit_in_atomic();
	for (i = 0; i < 4; i++) {
		a->p[i] = kmem_alloc(a->size[i], KM_NOSLEEP);
		if (a->p[i])
			memset(a->p[i], 0x42, a->size[i]);
		/* and an alloc/free pair entirely at interrupt level */
		t = kmem_zalloc(a->size[i], KM_NOSLEEP);
		if (t)
			kmem_free(t, a->size[i]);
	}
}

static void check_nosleep_in(void (*run)(void (*)(void *), void *))
{
	struct irq_alloc a = { { 16, 100, 4096, 64 * KiB }, { 0 }, 0 };
	struct svr5ddi_stats s0;
	unsigned long v0, w0;
	int i;

	ddit_debug_on();
	s0 = ddit_stats();
	v0 = ddit_sleep_violations();
	w0 = ddit_warn_count();
	run(irq_alloc_fn, &a);
	ck_assert_int_ne(a.in_atomic, 0);
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	ck_assert_uint_eq(ddit_warn_count(), w0);
	for (i = 0; i < 4; i++) {
		ck_assert_msg(a.p[i] != NULL, "KM_NOSLEEP %zu in irq: NULL",
			      a.size[i]);
		ck_assert(all_bytes(a.p[i], a.size[i], 0x42));
		kmem_free(a.p[i], a.size[i]);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}

START_TEST(test_nosleep_in_hardirq)
{
	check_nosleep_in(ddit_run_in_hardirq);
}
END_TEST

START_TEST(test_nosleep_in_softirq)
{
	check_nosleep_in(ddit_run_in_softirq);
}
END_TEST

START_TEST(test_nosleep_under_spin_lock)
{
	struct svr5ddi_stats s0;
	unsigned long v0;
	void *p, *q;

	ddit_debug_on();
	s0 = ddit_stats();
	v0 = ddit_sleep_violations();
	ddit_spin_lock();
	p = kmem_alloc(200, KM_NOSLEEP);
	q = kmem_zalloc(3 * PAGESIZE, KM_NOSLEEP);
	ddit_spin_unlock();
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert(all_bytes(q, 3 * PAGESIZE, 0));
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	kmem_free(p, 200);
	kmem_free(q, 3 * PAGESIZE);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* kmem_free never sleeps: legal at interrupt level and under spin locks. */
struct irq_free {
	void *p[4];
	size_t size[4];
};

static void irq_free_fn(void *arg)
{
	struct irq_free *f = arg;
	int i;

	for (i = 0; i < 4; i++)
		kmem_free(f->p[i], f->size[i]);
}

START_TEST(test_free_at_interrupt_level)
{
	struct irq_free f = { { 0 }, { 32, 5000, MiB, 64 * KiB } };
	struct svr5ddi_stats s0;
	unsigned long v0, w0;
	int i;

	ddit_debug_on();
	s0 = ddit_stats();
	v0 = ddit_sleep_violations();
	w0 = ddit_warn_count();
	for (i = 0; i < 4; i++) {
		f.p[i] = kmem_alloc(f.size[i], i == 3 ? KM_NOSLEEP : KM_SLEEP);
		ck_assert_ptr_nonnull(f.p[i]);
	}
	ddit_run_in_hardirq(irq_free_fn, &f);
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	ck_assert_uint_eq(ddit_warn_count(), w0);
	/* a deferred release may finish later; the books must balance */
	for (i = 0; i < 200; i++) {
		struct svr5ddi_stats s = ddit_stats();

		if (ddit_live_objects(&s) == ddit_live_objects(&s0))
			break;
		ddit_msleep(10);
	}
	ck_assert_live_as(s0);

	for (i = 0; i < 4; i++) {
		f.p[i] = kmem_alloc(f.size[i], KM_SLEEP);
		ck_assert_ptr_nonnull(f.p[i]);
	}
	ddit_spin_lock();
	irq_free_fn(&f);
	ddit_spin_unlock();
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	ck_assert_uint_eq(ddit_warn_count(), w0);
	for (i = 0; i < 200; i++) {
		struct svr5ddi_stats s = ddit_stats();

		if (ddit_live_objects(&s) == ddit_live_objects(&s0))
			break;
		ddit_msleep(10);
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- behaviour under fault injection --------------------------------------- */

/*
 * Every allocation in every family fails from now on: small KM_SLEEP
 * requests still return memory (they cannot be waiting: the failures
 * never stop).  The first comes from this CPU's magazine (the warm-up's
 * freed object), the second from the size class's mempool reserve.
 */
START_TEST(test_sleep_uses_reserve_under_injection)
{
	struct svr5ddi_stats s0, s1;
	char *p, *q;

	ddit_debug_on();
	ddit_log_quiet(1);
	/* allocate early, as drivers are told to: pools exist before */
	kmem_free(kmem_alloc(64, KM_SLEEP), 64);
	s0 = ddit_stats();
	ddit_fault_fail_all(DDIT_FAMILY_ANY, DDIT_SLEEP_ANY);
	p = kmem_alloc(64, KM_SLEEP);
	q = kmem_alloc(64, KM_SLEEP);
	ck_assert_uint_gt(ddit_fault_injected(), 0);
	ddit_fault_off();
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(p, q);
	memset(p, 1, 64);
	memset(q, 2, 64);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.mempool_reserve_hits, s0.mempool_reserve_hits + 1);
	ck_assert_uint_eq(ddit_live_objects(&s1), ddit_live_objects(&s0) + 2);
	kmem_free(p, 64);
	kmem_free(q, 64);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

START_TEST(test_sleep_slab_injection_small_sizes)
{
	static const size_t sizes[] = { 8, 100, 512, 2000 };
	struct svr5ddi_stats s0, s1;
	void *p[8];
	int i;

	ddit_debug_on();
	ddit_log_quiet(1);
	for (i = 0; i < 4; i++)
		kmem_free(kmem_alloc(sizes[i], KM_SLEEP), sizes[i]);
	s0 = ddit_stats();
	ddit_fault_fail_all(DDIT_FAMILY_SLAB, DDIT_SLEEP_ANY);
	/* per size: the magazine's object, then one from the reserve */
	for (i = 0; i < 8; i++)
		p[i] = kmem_alloc(sizes[i % 4], KM_SLEEP);
	ddit_fault_off();
	s1 = ddit_stats();
	for (i = 0; i < 8; i++) {
		ck_assert_msg(p[i] != NULL, "KM_SLEEP %zu NULL", sizes[i % 4]);
		memset(p[i], 9, sizes[i % 4]);
	}
	ck_assert_uint_eq(s1.mempool_reserve_hits,
			  s0.mempool_reserve_hits + 4);
	for (i = 0; i < 8; i++)
		kmem_free(p[i], sizes[i % 4]);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/*
 * Every allocation fails until a kernel thread lifts the injection 300 ms
 * later: a large KM_SLEEP request (no reserve behind it) waits and then
 * succeeds; it never returns NULL.
 */
START_TEST(test_sleep_waits_for_memory)
{
	struct svr5ddi_stats s0, s1;
	char *p;
	int lifted;

	ddit_debug_on();
	ddit_log_quiet(1);
	kmem_free(kmem_alloc(MiB, KM_SLEEP), MiB);
	s0 = ddit_stats();
	ddit_fault_fail_all_for(300);
	p = kmem_alloc(MiB, KM_SLEEP);
	lifted = ddit_fault_lifted();
	ck_assert_uint_gt(ddit_fault_lift_wait(), 0);
	ck_assert_ptr_nonnull(p);
	p[0] = 1;
	p[MiB - 1] = 2;
	s1 = ddit_stats();
	if (lifted)	/* it came back only after memory did: it waited */
		ck_assert_uint_gt(s1.sleep_waits, s0.sleep_waits);
	kmem_free(p, MiB);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

struct nosleep_fault {
	size_t size[3];
	void *p[3];
};

static void nosleep_fault_fn(void *arg)
{
	struct nosleep_fault *n = arg;
	int i;

	for (i = 0; i < 3; i++)
		n->p[i] = kmem_alloc(n->size[i], KM_NOSLEEP);
}

START_TEST(test_nosleep_under_injection)
{
	struct nosleep_fault n[2] = {
		{ { 64, 3000, MiB }, { 0 } },
		{ { 64, 3000, MiB }, { 0 } },
	};
	struct svr5ddi_stats s0, s1;
	unsigned long v0, nulls = 0;
	int i, r;

	ddit_debug_on();
	ddit_log_quiet(1);
	for (i = 0; i < 3; i++)
		kmem_free(kmem_alloc(n[0].size[i], KM_NOSLEEP), n[0].size[i]);
	s0 = ddit_stats();
	v0 = ddit_sleep_violations();
	ddit_fault_fail_all(DDIT_FAMILY_ANY, DDIT_SLEEP_ANY);
	ddit_run_in_hardirq(nosleep_fault_fn, &n[0]);	/* may not sleep */
	nosleep_fault_fn(&n[1]);			/* process context */
	ck_assert_uint_gt(ddit_fault_injected(), 0);
	ddit_fault_off();
	s1 = ddit_stats();
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
	ck_assert_uint_eq(s1.sleep_waits, s0.sleep_waits);
	for (r = 0; r < 2; r++) {
		for (i = 0; i < 3; i++) {
			if (n[r].p[i]) {
				memset(n[r].p[i], 3, n[r].size[i]);
				kmem_free(n[r].p[i], n[r].size[i]);
			} else {
				nulls++;
			}
		}
	}
	/* every NULL return is counted as a failure */
	ck_assert_uint_eq(ddit_failures(&s1), ddit_failures(&s0) + nulls);
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/* ---- DDI 5: kmem_alloc memory is DMA-able (below 16 MiB) ----------------- */

START_TEST(test_ddi5_below_16m)
{
	static const size_t sizes[] = {
		1, 24, 100, 2048, 4095, 4096, 8192, 3 * 4096 + 5, 64 * KiB,
	};
	static const int flags[] = { KM_SLEEP, KM_NOSLEEP };
	struct svr5ddi_stats s0;
	unsigned int i, f;
	int line;

	ddit_debug_on();
	s0 = ddit_stats();
	for (f = 0; f < 2; f++) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			size_t n = sizes[i];
			struct ddit_layout l;
			char *p = ddi5_kmem_alloc(n, flags[f], &line);
			char *z = ddi5_kmem_zalloc(n, flags[f], &line);
			char *q = ddi5_kmem_alloc_fn(n, flags[f]);

			ck_assert_msg(p && z && q, "DDI 5 kmem_alloc(%zu) NULL",
				      n);
			ddit_layout(p, n, &l);
			ck_assert(l.mapped);
			ck_assert_msg(l.max < 16 * MiB,
				      "DDI 5 kmem_alloc(%zu): byte at %#llx",
				      n, l.max);
			ddit_layout(z, n, &l);
			ck_assert(l.mapped);
			ck_assert_msg(l.max < 16 * MiB,
				      "DDI 5 kmem_zalloc(%zu): byte at %#llx",
				      n, l.max);
			ck_assert(all_bytes(z, n, 0));
			ddit_layout(q, n, &l);
			ck_assert(l.mapped);
			ck_assert_msg(l.max < 16 * MiB,
				      "DDI 5 (kmem_alloc)(%zu): byte at %#llx",
				      n, l.max);
			ck_assert_uint_eq((uintptr_t)p & (required_align(n) - 1),
					  0);
			memset(p, 0xab, n);
			memset(q, 0xcd, n);
			ddi5_kmem_free(p, n);
			kmem_free(z, n);	/* kmem_free like any other */
			ddi5_kmem_free(q, n);
		}
	}
	ck_assert_live_as(s0);
	ck_assert_no_misuse_since(s0);
}
END_TEST

/*
 * Only the DDI 5 spelling is DMA-able: with ZONE_DMA exhausted, a DDI 6+
 * kmem_alloc still succeeds (above 16 MiB, necessarily), while DDI 5
 * memory, whenever it is returned, still lies below 16 MiB.
 */
START_TEST(test_ddi5_only_in_ddi5_unit)
{
	struct ddit_layout l;
	void *frag, *p, *q;
	int line;

	ddit_debug_on();
	ddit_log_quiet(1);
	kmem_free(kmem_alloc(100, KM_SLEEP), 100);
	q = ddi5_kmem_alloc(PAGESIZE, KM_SLEEP, &line);
	ck_assert_ptr_nonnull(q);
	ddi5_kmem_free(q, PAGESIZE);
	frag = ddit_exhaust(DDIT_ZONE_DMA);
	ck_assert_ptr_nonnull(frag);
	p = kmem_alloc(2 * PAGESIZE, KM_NOSLEEP);
	ck_assert_ptr_nonnull(p);
	ddit_layout(p, 2 * PAGESIZE, &l);
	ck_assert(l.mapped);
	q = ddi5_kmem_alloc(PAGESIZE, KM_NOSLEEP, &line);
	if (q) {
		ddit_layout(q, PAGESIZE, &l);
		ck_assert(l.mapped && l.max < 16 * MiB);
		ddi5_kmem_free(q, PAGESIZE);
	}
	kmem_free(p, 2 * PAGESIZE);
	ddit_unfragment(frag);
	q = ddi5_kmem_alloc(2 * PAGESIZE, KM_NOSLEEP, &line);
	ck_assert_ptr_nonnull(q);
	ddit_layout(q, 2 * PAGESIZE, &l);
	ck_assert(l.mapped && l.max < 16 * MiB);
	ddi5_kmem_free(q, 2 * PAGESIZE);
}
END_TEST

START_TEST(test_ddi5_site_in_leak_report)
{
	char buf[1024];
	unsigned int n;
	int line, found = 0;
	void *p;

	ddit_debug_on();
	ddit_log_quiet(1);
	ddit_log_clear();
	p = ddi5_kmem_alloc(123, KM_SLEEP, &line);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(svr5ddi_leak_report(), 1);
	for (n = 0; ddit_log_line("leak", n, buf, sizeof(buf)); n++)
		if (ddit_has_site(buf, ddi5_file(), line)) {
			found++;
			ck_assert_msg(ddit_has_number(buf, 123),
				      "no size: %s", buf);
		}
	ck_assert_msg(found == 1, "%d leak lines name %s:%d", found,
		      ddit_basename(ddi5_file()), line);
	kmem_free(p, 123);
	ck_assert_uint_eq(svr5ddi_leak_report(), 0);
}
END_TEST

/* ---- page arithmetic -------------------------------------------------------- */

START_TEST(test_ptob_btop_btopr)
{
	ck_assert_uint_eq(PAGESIZE, 4096);
	ck_assert_uint_eq(PAGESHIFT, 12);
	ck_assert_uint_eq(PAGEOFFSET, 4095);
	ck_assert_uint_eq(ptob(0), 0);
	ck_assert_uint_eq(ptob(1), 4096);
	ck_assert_uint_eq(ptob(3), 12288);
	ck_assert_uint_eq(ptob(1UL << 40), 1UL << 52);
	ck_assert_uint_eq(btop(0), 0);
	ck_assert_uint_eq(btop(1), 0);
	ck_assert_uint_eq(btop(4095), 0);
	ck_assert_uint_eq(btop(4096), 1);
	ck_assert_uint_eq(btop(8191), 1);
	ck_assert_uint_eq(btop(8192), 2);
	ck_assert_uint_eq(btop(~0UL), ~0UL >> 12);
	ck_assert_uint_eq(btopr(0), 0);
	ck_assert_uint_eq(btopr(1), 1);
	ck_assert_uint_eq(btopr(4095), 1);
	ck_assert_uint_eq(btopr(4096), 1);
	ck_assert_uint_eq(btopr(4097), 2);
	ck_assert_uint_eq(btopr(12288), 3);
	ck_assert_uint_eq(btopr(12289), 4);
	/* through the functions, not a macro */
	ck_assert_uint_eq((ptob)(5), 5 * 4096);
	ck_assert_uint_eq((btop)(5 * 4096 + 7), 5);
	ck_assert_uint_eq((btopr)(5 * 4096 + 7), 6);
}
END_TEST

/* btopr rounds up: the result for the top of the range is 2^52, not 0. */
START_TEST(test_btopr_top_of_range)
{
	ck_assert_uint_eq(btopr(~0UL), (~0UL >> 12) + 1);
	ck_assert_uint_eq(btopr(~0UL - 4094), (~0UL >> 12) + 1);
}
END_TEST

/* ---- byte strings --------------------------------------------------------- */

START_TEST(test_bcopy_bzero_bcmp)
{
	char a[64], b[64];
	int i;

	for (i = 0; i < 64; i++)
		a[i] = (char)(i * 7 + 1);
	memset(b, 0, sizeof(b));
	bcopy(a + 3, b + 5, 40);	/* (from, to, count) */
	ck_assert_int_eq(memcmp(a + 3, b + 5, 40), 0);
	ck_assert_int_eq(b[4], 0);
	ck_assert_int_eq(b[45], 0);
	ck_assert_int_eq(bcmp(a + 3, b + 5, 40), 0);
	ck_assert_int_ne(bcmp(a, b, 40), 0);
	ck_assert_int_eq(bcmp(a, b, 0), 0);
	bzero(a + 10, 20);
	for (i = 0; i < 64; i++)
		ck_assert_int_eq(a[i], (i >= 10 && i < 30) ? 0 :
				 (char)(i * 7 + 1));
	/* through the functions, not built-ins */
	(bcopy)(a, b, 64);
	ck_assert_int_eq((bcmp)(a, b, 64), 0);
	(bzero)(b, 64);
	ck_assert_int_ne((bcmp)(a, b, 64), 0);
}
END_TEST

/* ---- cmn_err ---------------------------------------------------------------- */

START_TEST(test_cmn_err_levels)
{
	char buf[1024];

	ddit_log_quiet(1);
	ddit_log_clear();
	cmn_err(CE_NOTE, "ddit note %d", 1234);
	ck_assert(ddit_log_contains("ddit note 1234"));
	cmn_err(CE_WARN, "ddit warn %s %lu", "xy", 99UL);
	ck_assert(ddit_log_contains("ddit warn xy 99"));
	cmn_err(CE_CONT, "ddit cont %c\n", 'q');
	ck_assert(ddit_log_contains("ddit cont q"));
	/* a note and a warning are distinct messages, one line each */
	ck_assert_uint_eq(ddit_log_count("ddit note 1234"), 1);
	ck_assert_uint_eq(ddit_log_count("ddit warn xy 99"), 1);
	ck_assert(ddit_log_line("ddit warn xy 99", 0, buf, sizeof(buf)));
	ck_assert_ptr_null(strstr(buf, "ddit note"));
}
END_TEST

START_TEST(test_cmn_err_prefixes)
{
	char buf[1024];

	ddit_log_quiet(1);
	ddit_log_clear();
	/* '!': to the log only; the '!' itself is not part of the text */
	cmn_err(CE_NOTE, "!ddit logonly %d", 7);
	ck_assert(ddit_log_contains("ddit logonly 7"));
	ck_assert(!ddit_log_contains("!ddit logonly"));
	cmn_err(CE_WARN, "!ddit wlogonly");
	ck_assert(ddit_log_contains("ddit wlogonly"));
	ck_assert(!ddit_log_contains("!ddit wlogonly"));
	cmn_err(CE_CONT, "!ddit clogonly\n");
	ck_assert(ddit_log_contains("ddit clogonly"));
	ck_assert(!ddit_log_contains("!ddit clogonly"));
	/* '^': console only; wherever the text goes, the '^' does not */
	cmn_err(CE_NOTE, "^ddit console %d", 8);
	ck_assert(!ddit_log_contains("^ddit console"));
	cmn_err(CE_WARN, "^ddit wconsole");
	ck_assert(!ddit_log_contains("^ddit wconsole"));
	ck_assert(ddit_log_contains("ddit console 8"));
	ck_assert(ddit_log_contains("ddit wconsole"));
	/* a '!' or '^' elsewhere in the text is kept */
	cmn_err(CE_NOTE, "ddit mid!bang^caret");
	ck_assert(ddit_log_contains("ddit mid!bang^caret"));
	ck_assert(ddit_log_line("ddit logonly 7", 0, buf, sizeof(buf)));
	/* the SVR4 prefixes, and none for CE_CONT */
	ck_assert(ddit_log_line("ddit console 8", 0, buf, sizeof(buf)));
	ck_assert_msg(strstr(buf, "NOTICE: ddit console 8"), "%s", buf);
	ck_assert(ddit_log_line("ddit wconsole", 0, buf, sizeof(buf)));
	ck_assert_msg(strstr(buf, "WARNING: ddit wconsole"), "%s", buf);
	cmn_err(CE_CONT, "ddit plain cont\n");
	ck_assert(ddit_log_line("ddit plain cont", 0, buf, sizeof(buf)));
	ck_assert_msg(!strstr(buf, "NOTICE") && !strstr(buf, "WARNING"),
		      "%s", buf);
}
END_TEST

/*
 * Run @fn in a child with the log on its stderr (a pipe): the signal that
 * ended it (0 if it exited) and what it printed, in @out.
 */
static int run_child(void (*fn)(void), char *out, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd[2], st;
	pid_t pid;

	ck_assert(pipe(fd) == 0);
	pid = fork();
	ck_assert(pid >= 0);
	if (!pid) {
		close(fd[0]);
		dup2(fd[1], 2);
		ddit_log_quiet(0);
		fn();
		_exit(0);
	}
	close(fd[1]);
	while (len + 1 < size && (n = read(fd[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fd[0]);
	ck_assert(waitpid(pid, &st, 0) == pid);
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static void panic_fn(void)
{
	cmn_err(CE_PANIC, "ddit panic %d", 5);
}

void assfail(const char *, const char *, int);	/* <sys/debug.h>, DEBUG */

static void assfail_fn(void)
{
	assfail("x == y", "drv.c", 12);
}

/* CE_PANIC prints "PANIC: " and BUG()s; ASSERT's assfail panics too. */
START_TEST(test_cmn_err_panic)
{
	char out[4096];

	ck_assert_int_eq(run_child(panic_fn, out, sizeof(out)), SIGABRT);
	ck_assert_msg(strstr(out, "PANIC: ddit panic 5"), "%s", out);
	ck_assert_msg(strstr(out, "kernel BUG at"), "%s", out);
	ck_assert_int_eq(run_child(assfail_fn, out, sizeof(out)), SIGABRT);
	ck_assert_msg(strstr(out, "PANIC: assertion failed: x == y, file: "
			     "drv.c, line: 12"), "%s", out);
}
END_TEST

static void irq_cmn_err_fn(void *arg)
{
	cmn_err(CE_WARN, "ddit from irq %d", *(int *)arg);
}

START_TEST(test_cmn_err_in_hardirq)
{
	unsigned long v0;
	int v = 31337;

	ddit_log_quiet(1);
	ddit_log_clear();
	v0 = ddit_sleep_violations();
	ddit_run_in_hardirq(irq_cmn_err_fn, &v);
	ck_assert(ddit_log_contains("ddit from irq 31337"));
	ck_assert_uint_eq(ddit_sleep_violations(), v0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_kmem");
	TCase *tc;

	tc = tcase_create("size_zero");
	tcase_add_test(tc, test_size_zero_is_null);
	tcase_add_test(tc, test_free_size_zero_does_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("zalloc");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_zalloc_zeroes_dirty_memory);
	suite_add_tcase(s, tc);

	tc = tcase_create("alignment");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_align_small_sleep);
	tcase_add_test(tc, test_align_small_nosleep_zalloc);
	tcase_add_test(tc, test_align_large);
	tcase_add_test(tc, test_debug_off_basics);
	suite_add_tcase(s, tc);

	tc = tcase_create("stats");
	tcase_add_test(tc, test_exact_free_and_live_stats);
	tcase_add_test(tc, test_backend_stats);
	suite_add_tcase(s, tc);

	tc = tcase_create("large");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_large_sizes);
	tcase_add_test(tc, test_large_sleep_fragmented);
	suite_add_tcase(s, tc);

	tc = tcase_create("contexts");
	tcase_set_timeout(tc, 5);
	tcase_add_test(tc, test_nosleep_in_hardirq);
	tcase_add_test(tc, test_nosleep_in_softirq);
	tcase_add_test(tc, test_nosleep_under_spin_lock);
	tcase_add_test(tc, test_free_at_interrupt_level);
	suite_add_tcase(s, tc);

	tc = tcase_create("fault_injection");
	tcase_set_timeout(tc, 8);
	tcase_add_test(tc, test_sleep_uses_reserve_under_injection);
	tcase_add_test(tc, test_sleep_slab_injection_small_sizes);
	tcase_add_test(tc, test_sleep_waits_for_memory);
	tcase_add_test(tc, test_nosleep_under_injection);
	suite_add_tcase(s, tc);

	tc = tcase_create("ddi5");
	tcase_set_timeout(tc, 5);
	tcase_add_test(tc, test_ddi5_below_16m);
	tcase_add_test(tc, test_ddi5_only_in_ddi5_unit);
	tcase_add_test(tc, test_ddi5_site_in_leak_report);
	suite_add_tcase(s, tc);

	tc = tcase_create("helpers");
	tcase_add_test(tc, test_ptob_btop_btopr);
	tcase_add_test(tc, test_btopr_top_of_range);
	tcase_add_test(tc, test_bcopy_bzero_bcmp);
	tcase_add_test(tc, test_cmn_err_levels);
	tcase_add_test(tc, test_cmn_err_prefixes);
	tcase_add_test(tc, test_cmn_err_panic);
	tcase_add_test(tc, test_cmn_err_in_hardirq);
	suite_add_tcase(s, tc);

	return s;
}

CHECK_MAIN(make_suite)
