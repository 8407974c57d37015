/* SPDX-License-Identifier: MIT */
/*
 * bench_ddi.c - cost of the SVR5 memory DDI against the allocators it is
 * built on and against glibc, measured in the same run.
 *
 * Each row is the best (lowest) ns per alloc+free pair over a few runs of
 * one thread; the iteration count of a row is calibrated so a run lasts
 * about RUN_NS.  Rows:
 *   kmem_alloc+kmem_free 16/64/256/4096 B   vs glibc malloc+free and
 *                                           compat kmalloc+kfree
 *   kmem_alloc_physreq+kmem_free 64 B, 4 KiB with a 32-bit physreq, 1000
 *   buffers of that physreq outstanding     vs dma_pool_alloc+dma_pool_free
 *                                           on a 32-bit device, 1000 blocks
 *                                           outstanding
 * first in the release configuration (debug layer off:
 * svr5ddi_set_debug(0)), then again with the debug layer on.  The targets
 * are printed as PASS/MISS lines (the debug layer's for its worst kmem
 * and worst physreq row): the benchmark reports, it never fails.  Rows
 * measured minutes apart on a loaded machine compare badly: run it idle.
 *
 * Both the SVR5 headers and the compat (Linux) headers are included: the
 * loops of both sides are compiled alike in one unit.  <stdint.h> and
 * <unistd.h> come first because -I include makes <sys/types.h> the SVR5
 * header, which lacks the types glibc's <stdlib.h> expects from it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/types.h>
#include <sys/kmem.h>
#include <svr5ddi/ddictl.h>

#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/platform_device.h>
#include <linux/err.h>

#define RUNS		5
#define RUN_NS		50e6	/* target length of one timed run */
#define OUTSTANDING	1000

enum op { OP_KMEM, OP_MALLOC, OP_KMALLOC, OP_PHYSREQ, OP_DMAPOOL };

struct bench {
	enum op op;
	size_t size;
	unsigned long iters;
	const physreq_t *preq;
	struct dma_pool *pool;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Keep the compiler from pairing away an allocation and its free. */
#define USE(p) __asm__ __volatile__("" : : "r"(p) : "memory")

static void run_loop(const struct bench *b, unsigned long iters)
{
	unsigned long i;

	switch (b->op) {
	case OP_KMEM:
		for (i = 0; i < iters; i++) {
			void *p = kmem_alloc(b->size, KM_SLEEP);

			USE(p);
			kmem_free(p, b->size);
		}
		break;
	case OP_MALLOC:
		for (i = 0; i < iters; i++) {
			void *p = malloc(b->size);

			USE(p);
			free(p);
		}
		break;
	case OP_KMALLOC:
		for (i = 0; i < iters; i++) {
			void *p = kmalloc(b->size, GFP_KERNEL);

			USE(p);
			kfree(p);
		}
		break;
	case OP_PHYSREQ:
		for (i = 0; i < iters; i++) {
			void *p = kmem_alloc_physreq(b->size, b->preq, KM_SLEEP);

			USE(p);
			kmem_free(p, b->size);
		}
		break;
	case OP_DMAPOOL:
		for (i = 0; i < iters; i++) {
			dma_addr_t h;
			void *p = dma_pool_alloc(b->pool, GFP_KERNEL, &h);

			USE(p);
			dma_pool_free(b->pool, p, h);
		}
		break;
	}
}

/* Best ns per pair over RUNS runs of a calibrated length. */
static double measure(struct bench *b)
{
	double best = 1e30, t0, probe;
	unsigned long n = 1000;
	int r;

	run_loop(b, n);				/* warm caches and pools */
	do {					/* calibrate */
		n *= 4;
		t0 = now_ns();
		run_loop(b, n);
		probe = now_ns() - t0;
	} while (probe < RUN_NS / 8 && n < (1UL << 26));
	b->iters = (unsigned long)(n * (RUN_NS / probe));
	if (b->iters < 1000)
		b->iters = 1000;
	for (r = 0; r < RUNS; r++) {
		double ns;

		t0 = now_ns();
		run_loop(b, b->iters);
		ns = (now_ns() - t0) / b->iters;
		if (ns < best)
			best = ns;
	}
	return best;
}

static void rule(void)
{
	printf("%.*s\n", 78, "----------------------------------------"
	       "----------------------------------------");
}

static void row(const char *name, double ns, const char *ref, double ref_ns)
{
	if (ref)
		printf("%-46s %9.1f  %-12s %6.2fx\n", name, ns, ref, ns / ref_ns);
	else
		printf("%-46s %9.1f\n", name, ns);
}

static const size_t ksizes[] = { 16, 64, 256, 4096 };
#define NK (sizeof(ksizes) / sizeof(ksizes[0]))
static const size_t psizes[] = { 64, 4096 };
#define NP (sizeof(psizes) / sizeof(psizes[0]))

struct results {
	double kmem[NK], malloc_[NK], kmalloc[NK];
	double physreq[NP], dmapool[NP];
};

/*
 * The kmem_alloc rows.  @rel NULL: release, with the glibc and kmalloc
 * references; otherwise debug, compared with @rel.
 */
static void kmem_rows(struct results *res, const struct results *rel,
		      const char *mode)
{
	unsigned int i;
	char name[80];

	for (i = 0; i < NK; i++) {
		struct bench k = { OP_KMEM, ksizes[i], 0, NULL, NULL };

		res->kmem[i] = measure(&k);
		snprintf(name, sizeof(name), "kmem_alloc+kmem_free %zu B [%s]",
			 ksizes[i], mode);
		if (rel) {
			row(name, res->kmem[i], "/ release", rel->kmem[i]);
		} else {
			struct bench m = { OP_MALLOC, ksizes[i], 0, NULL, NULL };
			struct bench c = { OP_KMALLOC, ksizes[i], 0, NULL, NULL };

			res->malloc_[i] = measure(&m);
			res->kmalloc[i] = measure(&c);
			row(name, res->kmem[i], "/ kmalloc", res->kmalloc[i]);
			row("", res->kmem[i], "/ glibc", res->malloc_[i]);
			snprintf(name, sizeof(name), "  compat kmalloc+kfree %zu B",
				 ksizes[i]);
			row(name, res->kmalloc[i], "/ glibc", res->malloc_[i]);
			snprintf(name, sizeof(name), "  glibc malloc+free %zu B",
				 ksizes[i]);
			row(name, res->malloc_[i], NULL, 0);
		}
	}
}

/* The physreq rows, OUTSTANDING buffers of the same physreq held. */
static void physreq_rows(struct results *res, const struct results *rel,
			 const physreq_t *preq, struct device *dev,
			 const char *mode)
{
	unsigned int i, j;
	char name[80];

	for (i = 0; i < NP; i++) {
		size_t size = psizes[i];
		void **keep = calloc(OUTSTANDING, sizeof(void *));
		dma_addr_t *h = calloc(OUTSTANDING, sizeof(dma_addr_t));
		struct bench p = { OP_PHYSREQ, size, 0, preq, NULL };
		unsigned int held = 0;

		if (!keep || !h) {
			printf("out of host memory\n");
			exit(1);
		}
		for (j = 0; j < OUTSTANDING; j++) {
			keep[j] = kmem_alloc_physreq(size, preq, KM_SLEEP);
			held += keep[j] != NULL;
		}
		res->physreq[i] = measure(&p);
		for (j = 0; j < OUTSTANDING; j++)
			if (keep[j])
				kmem_free(keep[j], size);
		snprintf(name, sizeof(name), "physreq 32-bit %zu B, %u held [%s]",
			 size, held, mode);
		if (rel) {
			row(name, res->physreq[i], "/ release",
			    rel->physreq[i]);
			goto next;
		}
		res->dmapool[i] = 0;
		if (dev) {
			struct dma_pool *pool = dma_pool_create("bench_ddi",
								dev, size,
								8, 0);
			struct bench d = { OP_DMAPOOL, size, 0, NULL, pool };

			if (pool) {
				for (j = 0; j < OUTSTANDING; j++)
					keep[j] = dma_pool_alloc(pool,
								 GFP_KERNEL,
								 &h[j]);
				res->dmapool[i] = measure(&d);
				for (j = 0; j < OUTSTANDING; j++)
					if (keep[j])
						dma_pool_free(pool, keep[j],
							      h[j]);
				dma_pool_destroy(pool);
			}
		}
		if (res->dmapool[i] > 0) {
			row(name, res->physreq[i], "/ dma_pool", res->dmapool[i]);
			snprintf(name, sizeof(name),
				 "  dma_pool_alloc+free %zu B, %u held", size,
				 OUTSTANDING);
			row(name, res->dmapool[i], NULL, 0);
		} else {
			row(name, res->physreq[i], NULL, 0);
			printf("  dma_pool %zu B: no pool, skipped\n", size);
		}
next:
		free(keep);
		free(h);
	}
}

static void target(int pass, const char *fmt, double v, const char *goal)
{
	printf("%s: ", pass ? "PASS" : "MISS");
	printf(fmt, v);
	printf(" (target %s)\n", goal);
}

int main(void)
{
	struct results rel, dbg;
	struct platform_device *pdev;
	struct device *dev = NULL;
	physreq_t *preq;
	double t0 = now_ns();
	unsigned int i, w;
	char what[128];

	memset(&rel, 0, sizeof(rel));
	memset(&dbg, 0, sizeof(dbg));
	svr5ddi_set_debug(0);
	preq = physreq_alloc(KM_SLEEP);
	if (!preq) {
		printf("physreq_alloc failed\n");
		return 1;
	}
	preq->phys_dmasize = 32;
	if (physreq_prep(preq, KM_SLEEP) != B_TRUE) {
		printf("physreq_prep failed\n");
		return 1;
	}
	pdev = platform_device_register_simple("bench_ddi", -1, NULL, 0);
	if (!IS_ERR_OR_NULL(pdev) &&
	    dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32)) == 0)
		dev = &pdev->dev;

	printf("svr5ddi memory DDI benchmark (best of %d runs of ~%.0f ms; "
	       "ns per alloc+free pair,\n1 thread; ratio = this row / the "
	       "reference named)\n\n", RUNS, RUN_NS / 1e6);
	printf("%-46s %9s  %-12s %7s\n", "operation", "ns/pair", "reference",
	       "ratio");
	rule();
	kmem_rows(&rel, NULL, "release");
	rule();
	physreq_rows(&rel, NULL, preq, dev, "release");
	rule();

	/* The same with the debug layer on (tracks allocations from now). */
	svr5ddi_set_debug(1);
	kmem_rows(&dbg, &rel, "debug");
	physreq_rows(&dbg, &rel, preq, dev, "debug");
	svr5ddi_set_debug(0);
	rule();

	target(rel.kmem[1] <= 1.1 * rel.kmalloc[1],
	       "kmem_alloc+kmem_free 64 B vs compat kmalloc+kfree: %.2fx",
	       rel.kmem[1] / rel.kmalloc[1], "<= 1.10x");
	target(rel.kmem[1] <= 1.0 * rel.malloc_[1],
	       "kmem_alloc+kmem_free 64 B vs glibc malloc+free: %.2fx",
	       rel.kmem[1] / rel.malloc_[1], "<= 1.00x");
	if (rel.dmapool[0] > 0)
		target(rel.dmapool[0] >= 5.0 * rel.physreq[0],
		       "kmem_alloc_physreq 64 B 32-bit is %.2fx faster than "
		       "dma_pool (1000 held)", rel.dmapool[0] / rel.physreq[0],
		       ">= 5.00x");
	else
		printf("MISS: no dma_pool reference measured\n");
	/* The debug layer's target holds for every row: report the worst. */
	for (i = 0, w = 0; i < NK; i++)
		if (dbg.kmem[i] / rel.kmem[i] > dbg.kmem[w] / rel.kmem[w])
			w = i;
	snprintf(what, sizeof(what), "debug layer on, kmem_alloc+kmem_free "
		 "(worst row, %zu B): %%.2fx release", ksizes[w]);
	target(dbg.kmem[w] <= 3.0 * rel.kmem[w], what,
	       dbg.kmem[w] / rel.kmem[w], "<= 3.00x");
	for (i = 0, w = 0; i < NP; i++)
		if (dbg.physreq[i] / rel.physreq[i] >
		    dbg.physreq[w] / rel.physreq[w])
			w = i;
	snprintf(what, sizeof(what), "debug layer on, kmem_alloc_physreq "
		 "(worst row, %zu B): %%.2fx release", psizes[w]);
	target(dbg.physreq[w] <= 3.0 * rel.physreq[w], what,
	       dbg.physreq[w] / rel.physreq[w], "<= 3.00x");
	printf("(total %.1f s)\n", (now_ns() - t0) / 1e9);

	physreq_free(preq);
	if (!IS_ERR_OR_NULL(pdev))
		platform_device_unregister(pdev);
	return 0;
}
