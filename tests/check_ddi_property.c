/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_property.c - property test of the physreq allocators
 * (svr5-memory-ddi.md sections 3, 6, 8 and vtop/kvtoppid of 9).
 *
 * Thousands of random VALID physreqs (align 1..64 KiB, boundary 0 or a
 * power of two >= size, dmasize in {0,24,28,30,31,32,36,64}, max_scgth
 * 0..16, PREQ_PHYSCONTIG at random) and sizes (1 byte..256 KiB) go through
 * kmem_alloc_physreq, kmem_zalloc_physreq and kmem_alloc_phys, KM_SLEEP
 * and KM_NOSLEEP mixed.  Every buffer is walked page by page through the
 * machine's own physical view (ddi_test_machine.c: virt_to_phys for the direct
 * map, vmalloc_to_page + page_to_phys for vmalloc/vmap addresses) and must
 * meet: start alignment, boundary never straddled, every byte below
 * 2^dmasize, one physical run when contiguity is implied (PREQ_PHYSCONTIG,
 * boundary != 0, align > PAGESIZE) or always for kmem_alloc_phys, at most
 * phys_max_scgth runs otherwise; kmem_alloc_phys's paddr words, vtop and
 * kvtoppid agree with the view; zalloc memory is zero.  Each buffer is
 * filled with a pattern derived from its index and checked again when it is
 * freed and at the end, so two live buffers sharing a byte are caught.
 * Afterwards the DDI's live counts return to their baseline and the free
 * page count comes back near its baseline.
 *
 * The random sequence has a fixed seed (DDI_PROPERTY_SEED overrides it);
 * every failure message prints the seed and the iteration.
 *
 * Include order: <stdint.h> and <unistd.h> come before anything that pulls
 * in glibc's <stdlib.h>, because -I include makes <sys/types.h> resolve to
 * the SVR5 header, which lacks the POSIX types glibc expects from it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <unistd.h>
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

/* ck_assert_msg() records a mark point per call: too slow per page/byte. */
#define REQUIRE(cond, ...)						\
	do {								\
		if (!(cond))						\
			ck_abort_msg(__VA_ARGS__);			\
	} while (0)

#define DEFAULT_SEED	0x5eed0dd1u
#define MAX_SIZE	(256UL * 1024)
#define ITERATIONS	3000
#define TIME_CAP_S	20.0		/* stop early (reported) past this */
#define MAX_LIVE	48
#define LIVE_BYTES_CAP	(16UL << 20)	/* all live buffers */
#define LIVE_24_CAP	(2UL << 20)	/* live buffers restricted to 16 MiB */
#define PAGE_SLACK	2048		/* "near baseline": 8 MiB of 256 */

enum op { OP_ALLOC, OP_ZALLOC, OP_PHYS, OP_NR };
static const char *const op_names[OP_NR] = {
	"kmem_alloc_physreq", "kmem_zalloc_physreq", "kmem_alloc_phys",
};

struct live {
	unsigned char *buf;
	size_t size;
	physreq_t *preq;
	unsigned long idx;	/* iteration that made it: the pattern */
	int dmasize;
};

static uint64_t rng_state;
static unsigned long seed;
static unsigned long iter;	/* current iteration, for messages */

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)(rnd() % n);
}

static void seed_rng(unsigned long salt)
{
	const char *s = getenv("DDI_PROPERTY_SEED");

	seed = s ? strtoul(s, NULL, 0) : DEFAULT_SEED;
	rng_state = (seed ^ (salt * 0x9E3779B97F4A7C15ULL)) | 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long next_pow2(unsigned long v)
{
	unsigned long p = 1;

	while (p < v)
		p <<= 1;
	return p;
}

static unsigned char pattern(unsigned long idx, size_t i)
{
	return (unsigned char)((i * 7 + idx * 131) ^ (i >> 8) ^ (idx >> 5) ^
			       0x5a);
}

static unsigned long live_objects(void)
{
	struct svr5ddi_stats st;
	unsigned long n = 0;
	int b;

	svr5ddi_get_stats(&st);
	for (b = 0; b < SVR5DDI_BK_NR; b++)
		n += st.backend[b].live_objects;
	return n;
}

static unsigned long misuse_total(void)
{
	struct svr5ddi_stats st;

	svr5ddi_get_stats(&st);
	return st.misuse_total;
}

/*
 * One random valid physreq for a @size-byte buffer, prepped; alignment
 * 1..2^@max_align_shift.
 */
static physreq_t *random_physreq(size_t size, unsigned int max_align_shift)
{
	static const unsigned char widths[] = { 0, 24, 28, 30, 31, 32, 36, 64 };
	physreq_t *p = physreq_alloc(KM_SLEEP);

	REQUIRE(p != NULL, "seed %#lx iter %lu: physreq_alloc(KM_SLEEP) "
		      "returned NULL", seed, iter);
	REQUIRE(p->phys_align == 1 && p->phys_boundary == 0 &&
		      p->phys_dmasize == 0 && p->phys_max_scgth == 0 &&
		      (p->phys_flags & PREQ_PHYSCONTIG) == 0,
		      "seed %#lx iter %lu: physreq_alloc did not return a "
		      "zeroed physreq with align 1", seed, iter);
	p->phys_align = 1UL << rnd_below(max_align_shift + 1);
	if (rnd_below(2))
		p->phys_boundary = next_pow2(size) << rnd_below(5);
	p->phys_dmasize = widths[rnd_below(sizeof(widths))];
	p->phys_max_scgth = (uchar_t)rnd_below(17);
	if (rnd_below(3) == 0)
		p->phys_flags |= PREQ_PHYSCONTIG;
	REQUIRE(physreq_prep(p, KM_SLEEP) == B_TRUE,
		      "seed %#lx iter %lu: physreq_prep(KM_SLEEP) refused a "
		      "valid physreq: align %lu boundary %lu dmasize %u "
		      "scgth %u flags %#x", seed, iter, p->phys_align,
		      p->phys_boundary, p->phys_dmasize, p->phys_max_scgth,
		      p->phys_flags);
	return p;
}

static size_t random_size(void)
{
	unsigned int bits = (unsigned int)rnd_below(19);	/* 2^0..2^18 */
	size_t size = 1 + rnd_below(1UL << bits);

	return size > MAX_SIZE ? MAX_SIZE : size;
}

static int contiguity_implied(const physreq_t *p)
{
	return (p->phys_flags & PREQ_PHYSCONTIG) || p->phys_boundary != 0 ||
	       p->phys_align > PAGESIZE;
}

/*
 * Walk @buf page by page through the machine's physical view and check
 * every property of @p.  @must_contig: kmem_alloc_phys (always one run).
 * Returns the physical address of the first byte.
 */
static unsigned long long check_placement(const unsigned char *buf,
					  size_t size, const physreq_t *p,
					  int must_contig, const char *what)
{
	unsigned long long first = 0, prev_end = 0;
	unsigned long runs = 0;
	size_t off = 0;

	while (off < size) {
		const unsigned char *va = buf + off;
		size_t in_page = PAGESIZE - ((uintptr_t)va & PAGEOFFSET);
		size_t chunk = size - off < in_page ? size - off : in_page;
		unsigned long long pa, last;
		paddr_t vt;

		REQUIRE((pa = ddit_phys_of(va)) != DDIT_NOPHYS,
			      "seed %#lx iter %lu: %s: %p+%zu is neither in "
			      "the direct map nor a vmalloc address", seed,
			      iter, what, (void *)buf, off);
		REQUIRE((pa & PAGEOFFSET) == ((uintptr_t)va & PAGEOFFSET),
			      "seed %#lx iter %lu: %s: page offset differs "
			      "between virtual %p and physical %#llx", seed,
			      iter, what, (void *)va, pa);
		last = pa + chunk - 1;
		if (off == 0) {
			first = pa;
			REQUIRE(pa % p->phys_align == 0,
				      "seed %#lx iter %lu: %s: start %#llx "
				      "not aligned to %lu (size %zu)", seed,
				      iter, what, pa, p->phys_align, size);
		}
		if (p->phys_dmasize > 0 && p->phys_dmasize < 64)
			REQUIRE(last < (1ULL << p->phys_dmasize),
				      "seed %#lx iter %lu: %s: byte at "
				      "physical %#llx is above %u bits (size "
				      "%zu, offset %zu)", seed, iter, what,
				      last, p->phys_dmasize, size, off);
		if (off == 0 || pa != prev_end)
			runs++;
		prev_end = last + 1;

		vt = vtop((caddr_t)va, NULL);
		REQUIRE((unsigned long long)vt == pa,
			      "seed %#lx iter %lu: %s: vtop(%p) = %#lx, the "
			      "machine says %#llx", seed, iter, what,
			      (void *)va, (unsigned long)vt, pa);
		vt = vtop((caddr_t)va + chunk - 1, NULL);
		REQUIRE((unsigned long long)vt == last,
			      "seed %#lx iter %lu: %s: vtop(%p) = %#lx, the "
			      "machine says %#llx", seed, iter, what,
			      (void *)(va + chunk - 1), (unsigned long)vt,
			      last);
		REQUIRE(kvtoppid((caddr_t)va) == (ppid_t)(pa >> PAGESHIFT),
			      "seed %#lx iter %lu: %s: kvtoppid(%p) = %u, the "
			      "machine says %llu", seed, iter, what,
			      (void *)va, kvtoppid((caddr_t)va),
			      pa >> PAGESHIFT);
		off += chunk;
	}

	if (must_contig || contiguity_implied(p))
		REQUIRE(runs == 1,
			      "seed %#lx iter %lu: %s: %zu bytes in %lu "
			      "physical runs, contiguity required (align %lu "
			      "boundary %lu flags %#x)", seed, iter, what,
			      size, runs, p->phys_align, p->phys_boundary,
			      p->phys_flags);
	else if (p->phys_max_scgth)
		REQUIRE(runs <= p->phys_max_scgth,
			      "seed %#lx iter %lu: %s: %zu bytes in %lu "
			      "physical runs, phys_max_scgth %u", seed, iter,
			      what, size, runs, p->phys_max_scgth);
	if (p->phys_boundary && runs == 1)
		REQUIRE(first / p->phys_boundary ==
			      (first + size - 1) / p->phys_boundary,
			      "seed %#lx iter %lu: %s: [%#llx, %#llx] "
			      "straddles a multiple of boundary %lu", seed,
			      iter, what, first, first + size - 1,
			      p->phys_boundary);
	return first;
}

static void fill(struct live *l)
{
	size_t i;

	for (i = 0; i < l->size; i++)
		l->buf[i] = pattern(l->idx, i);
}

static void verify(const struct live *l)
{
	size_t i;

	for (i = 0; i < l->size; i++)
		if (l->buf[i] != pattern(l->idx, i))
			ck_abort_msg("seed %#lx iter %lu: buffer of iteration "
				     "%lu (%p, %zu bytes) changed at offset "
				     "%zu: another live buffer overlaps it",
				     seed, iter, l->idx, (void *)l->buf,
				     l->size, i);
}

static void release(struct live *l)
{
	verify(l);
	kmem_free(l->buf, l->size);
	physreq_free(l->preq);
	l->buf = NULL;
}

/*
 * Allocate with @p through @op and check the result.  NULL only for
 * KM_NOSLEEP (the return value says so).
 */
static unsigned char *alloc_checked(enum op op, size_t size, physreq_t *p,
				    int flag)
{
	paddr32_t pw[2] = { 0xdeadbeefu, 0xfeedf00du };
	unsigned char *buf = NULL;
	unsigned long long first;
	char what[160];
	size_t i;

	switch (op) {
	case OP_ALLOC:
		buf = kmem_alloc_physreq(size, p, flag);
		break;
	case OP_ZALLOC:
		buf = kmem_zalloc_physreq(size, p, flag);
		break;
	case OP_PHYS:
		buf = kmem_alloc_phys(size, p, pw, flag);
		break;
	default:
		ck_abort();
	}
	snprintf(what, sizeof(what), "%s(%zu, {align %lu boundary %lu dmasize "
		 "%u scgth %u flags %#x}, %s)", op_names[op], size,
		 p->phys_align, p->phys_boundary, p->phys_dmasize,
		 p->phys_max_scgth, p->phys_flags,
		 flag == KM_SLEEP ? "KM_SLEEP" : "KM_NOSLEEP");
	if (!buf) {
		REQUIRE(flag == KM_NOSLEEP, "seed %#lx iter %lu: %s "
			      "returned NULL", seed, iter, what);
		return NULL;
	}
	first = check_placement(buf, size, p, op == OP_PHYS, what);
	if (op == OP_PHYS) {
		if (p->phys_dmasize > 0 && p->phys_dmasize <= 32) {
			REQUIRE(pw[0] == (paddr32_t)first,
				      "seed %#lx iter %lu: %s: *paddrp %#x, "
				      "the machine says %#llx", seed, iter,
				      what, pw[0], first);
			REQUIRE(pw[1] == 0xfeedf00du,
				      "seed %#lx iter %lu: %s wrote a second "
				      "paddr32_t for dmasize %u", seed, iter,
				      what, p->phys_dmasize);
		} else {
			unsigned long long got = pw[0] |
						 ((unsigned long long)pw[1] << 32);

			REQUIRE(got == first, "seed %#lx iter %lu: %s: "
				      "paddrp {%#x, %#x}, the machine says "
				      "%#llx", seed, iter, what, pw[0], pw[1],
				      first);
		}
	}
	if (op == OP_ZALLOC)
		for (i = 0; i < size; i++)
			REQUIRE(buf[i] == 0, "seed %#lx iter %lu: %s: "
				      "byte %zu is %#x, not zero", seed, iter,
				      what, i, buf[i]);
	return buf;
}

/* Warm the DDI (lazy init, reserve) and return the free page baseline. */
static unsigned long settle(int debug)
{
	physreq_t *p;
	void *a;

	svr5ddi_set_debug(debug);
	p = physreq_alloc(KM_SLEEP);
	ck_assert(p != NULL);
	p->phys_dmasize = 32;
	ck_assert(physreq_prep(p, KM_SLEEP) == B_TRUE);
	a = kmem_alloc_physreq(64, p, KM_SLEEP);
	ck_assert(a != NULL);
	kmem_free(a, 64);
	physreq_free(p);
	a = kmem_alloc(100, KM_SLEEP);
	ck_assert(a != NULL);
	kmem_free(a, 100);
	svr5ddi_reset_misuse();
	return ddit_free_pages();
}

static void free_one(struct live *live, unsigned int *nlive,
		     unsigned long *bytes, unsigned long *bytes24)
{
	unsigned int k = (unsigned int)rnd_below(*nlive);

	*bytes -= live[k].size;
	if (live[k].dmasize == 24)
		*bytes24 -= live[k].size;
	release(&live[k]);
	live[k] = live[--*nlive];
}

struct pass {
	unsigned long iterations;
	unsigned long per_op[OP_NR];
	unsigned long nosleep_tries, nosleep_nulls;
	double elapsed;
};

/*
 * One pass of ITERATIONS random physreqs and buffers from the sequence of
 * @salt; everything is freed at the end.
 */
static void property_pass(unsigned long salt, struct pass *r)
{
	static struct live live[MAX_LIVE];
	unsigned long bytes = 0, bytes24 = 0;
	unsigned int nlive = 0, k;
	double t0;

	memset(r, 0, sizeof(*r));
	seed_rng(salt);
	t0 = now_s();
	for (iter = 0; iter < ITERATIONS; iter++) {
		size_t size = random_size();
		physreq_t *p;
		enum op op;
		int flag;
		unsigned char *buf;

		if (now_s() - t0 > TIME_CAP_S) {
			printf("check_ddi_property: seed %#lx: time cap hit "
			       "after %lu iterations\n", seed, iter);
			fflush(stdout);
			break;
		}
		p = random_physreq(size, 16);	/* align 1..64 KiB */
		op = (enum op)rnd_below(OP_NR);
		flag = rnd_below(2) ? KM_SLEEP : KM_NOSLEEP;
		/* Stay far from exhaustion so KM_SLEEP cannot wait forever. */
		while (nlive && (nlive == MAX_LIVE ||
				 bytes + size > LIVE_BYTES_CAP ||
				 (p->phys_dmasize == 24 &&
				  bytes24 + size > LIVE_24_CAP)))
			free_one(live, &nlive, &bytes, &bytes24);
		buf = alloc_checked(op, size, p, flag);
		if (flag == KM_NOSLEEP)
			r->nosleep_tries++;
		if (!buf) {
			r->nosleep_nulls++;
			physreq_free(p);
			continue;
		}
		r->per_op[op]++;
		live[nlive] = (struct live){ buf, size, p, iter,
					     p->phys_dmasize };
		fill(&live[nlive]);
		bytes += size;
		if (p->phys_dmasize == 24)
			bytes24 += size;
		nlive++;
	}
	r->iterations = iter;
	r->elapsed = now_s() - t0;
	/* Every buffer still live keeps its own pattern. */
	for (k = 0; k < nlive; k++)
		verify(&live[k]);
	while (nlive)
		free_one(live, &nlive, &bytes, &bytes24);
}

/*
 * The property test proper; _i selects the debug layer (0 release, 1 on),
 * since the debug layer changes how buffers are laid out.  The same pass
 * runs twice: memory lost by the second pass (same physreq members, same
 * sizes) is a leak; memory still missing after the first is what the DDI
 * keeps for the physreqs it has seen although every one was freed.
 */
START_TEST(test_random_physreqs)
{
	unsigned long base_pages, base_live, pages1, pages2;
	struct pass r, r2;

	base_pages = settle(_i);
	base_live = live_objects();
	property_pass((unsigned long)_i, &r);
	pages1 = ddit_free_pages();
	printf("check_ddi_property: debug %d seed %#lx: %lu iterations in "
	       "%.2f s (alloc %lu zalloc %lu phys %lu; NOSLEEP NULL %lu/%lu); "
	       "free pages %lu -> %lu\n", (int)_i, seed, r.iterations,
	       r.elapsed, r.per_op[OP_ALLOC], r.per_op[OP_ZALLOC],
	       r.per_op[OP_PHYS], r.nosleep_nulls, r.nosleep_tries,
	       base_pages, pages1);
	fflush(stdout);

	REQUIRE(r.iterations >= 500, "seed %#lx: only %lu iterations in "
		"%.1f s", seed, r.iterations, r.elapsed);
	REQUIRE(r.per_op[OP_ALLOC] && r.per_op[OP_ZALLOC] && r.per_op[OP_PHYS],
		"seed %#lx: some call never succeeded", seed);
	/* Nothing presses memory here: KM_NOSLEEP must mostly succeed. */
	REQUIRE(r.nosleep_nulls * 20 <= r.nosleep_tries,
		"seed %#lx: %lu of %lu KM_NOSLEEP requests failed on an idle "
		"machine", seed, r.nosleep_nulls, r.nosleep_tries);
	REQUIRE(misuse_total() == 0, "seed %#lx: valid use reported %lu "
		"misuses", seed, misuse_total());
	REQUIRE(live_objects() == base_live, "seed %#lx: %lu live objects "
		"after freeing everything, %lu before", seed, live_objects(),
		base_live);
	if (_i)
		REQUIRE(svr5ddi_leak_report() == 0,
			"seed %#lx: leak report not empty", seed);

	property_pass((unsigned long)_i, &r2);
	pages2 = ddit_free_pages();
	REQUIRE(live_objects() == base_live, "seed %#lx: second pass: %lu "
		"live objects after freeing everything, %lu before", seed,
		live_objects(), base_live);
	REQUIRE(pages2 + PAGE_SLACK / 8 >= pages1, "seed %#lx: the same "
		"pass again lost %ld more pages (%lu -> %lu free): a leak",
		seed, (long)pages1 - (long)pages2, pages1, pages2);
	REQUIRE(pages1 + PAGE_SLACK >= base_pages, "seed %#lx: %lu free "
		"pages after freeing every buffer and physreq, %lu before: "
		"%ld pages (%ld KiB) kept for %lu freed physreqs", seed,
		pages1, base_pages, (long)base_pages - (long)pages1,
		((long)base_pages - (long)pages1) * 4, r.iterations);
}
END_TEST

/*
 * Many small buffers from a few shared physreqs, all live at once: the
 * sub-page (pool) path packs blocks from one physreq side by side, so
 * boundary, alignment and overlap between neighbours are exercised.
 */
#define DENSE_PREQS	8
#define DENSE_BUFS	1500
START_TEST(test_shared_physreqs_dense)
{
	static struct live live[DENSE_BUFS];
	physreq_t *preqs[DENSE_PREQS];
	unsigned long base_live;
	unsigned int i, n = 0;

	seed_rng(100);
	settle(1);
	base_live = live_objects();
	for (i = 0; i < DENSE_PREQS; i++)
		preqs[i] = random_physreq(2048, 8);
	for (iter = 0; iter < DENSE_BUFS; iter++) {
		physreq_t *p = preqs[rnd_below(DENSE_PREQS)];
		size_t size = 1 + rnd_below(rnd_below(2) ? 64 : 2048);
		enum op op = (enum op)rnd_below(OP_NR);
		unsigned char *buf = alloc_checked(op, size, p, KM_SLEEP);

		live[n] = (struct live){ buf, size, NULL, iter, 0 };
		fill(&live[n]);
		n++;
	}
	for (i = 0; i < n; i++)
		verify(&live[i]);
	for (i = 0; i < n; i++)
		kmem_free(live[i].buf, live[i].size);
	for (i = 0; i < DENSE_PREQS; i++)
		physreq_free(preqs[i]);
	REQUIRE(misuse_total() == 0, "seed %#lx: valid use reported "
		      "%lu misuses", seed, misuse_total());
	REQUIRE(live_objects() == base_live, "seed %#lx: %lu live "
		      "objects after freeing everything, %lu before", seed,
		      live_objects(), base_live);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_property");
	TCase *tc = tcase_create("random_physreqs");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_random_physreqs, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("shared_physreqs_dense");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_shared_physreqs_dense);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
