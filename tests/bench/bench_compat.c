/* SPDX-License-Identifier: MIT */
/*
 * bench_compat.c - throughput of the emulated allocators, against glibc
 * malloc/free measured in the same run.
 *
 * Each row is the best (lowest) ns per alloc+free pair over a few runs.
 * With 2 threads both run the same loop at once on separate objects; the
 * "scaling" column is aggregate throughput divided by one thread's.  The
 * two targets of the slab design are printed as PASS/MISS lines: the
 * benchmark reports, it never fails the build.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/device.h>
#include <linux/dmapool.h>
#include <linux/platform_device.h>
#include <linux/err.h>

#define RUNS 5

enum op { OP_KMALLOC, OP_MALLOC, OP_PAGES, OP_DMAPOOL };

struct bench {
	enum op op;
	size_t size;		/* bytes, or page order */
	unsigned long iters;
	struct dma_pool *pool;
};

static pthread_barrier_t start_barrier;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Keep the compiler from pairing away malloc/free. */
#define USE(p) __asm__ __volatile__("" : : "r"(p) : "memory")

static void run_loop(const struct bench *b)
{
	unsigned long i;

	switch (b->op) {
	case OP_KMALLOC:
		for (i = 0; i < b->iters; i++) {
			void *p = kmalloc(b->size, GFP_KERNEL);

			USE(p);
			kfree(p);
		}
		break;
	case OP_MALLOC:
		for (i = 0; i < b->iters; i++) {
			void *p = malloc(b->size);

			USE(p);
			free(p);
		}
		break;
	case OP_PAGES:
		for (i = 0; i < b->iters; i++) {
			struct page *p = alloc_pages(GFP_KERNEL, b->size);

			USE(p);
			__free_pages(p, b->size);
		}
		break;
	case OP_DMAPOOL:
		for (i = 0; i < b->iters; i++) {
			dma_addr_t h;
			void *p = dma_pool_alloc(b->pool, GFP_KERNEL, &h);

			USE(p);
			dma_pool_free(b->pool, p, h);
		}
		break;
	}
}

struct worker {
	const struct bench *b;
	double t0, t1;
};

static void *thread_fn(void *arg)
{
	struct worker *w = arg;

	run_loop(w->b);			/* warm this thread's caches */
	pthread_barrier_wait(&start_barrier);
	w->t0 = now_ns();
	run_loop(w->b);
	w->t1 = now_ns();
	return NULL;
}

/* Best ns per pair with @threads threads running @b concurrently. */
static double measure(const struct bench *b, int threads)
{
	double best = 1e30;
	int r, t;

	for (r = 0; r < RUNS; r++) {
		pthread_t tid[2];
		struct worker w[2];
		double t0 = 1e300, t1 = 0;

		/* Each thread times itself: the span from the first start to
		 * the last end is the aggregate's elapsed time. */
		pthread_barrier_init(&start_barrier, NULL, threads);
		for (t = 0; t < threads; t++) {
			w[t].b = b;
			pthread_create(&tid[t], NULL, thread_fn, &w[t]);
		}
		for (t = 0; t < threads; t++) {
			pthread_join(tid[t], NULL);
			t0 = w[t].t0 < t0 ? w[t].t0 : t0;
			t1 = w[t].t1 > t1 ? w[t].t1 : t1;
		}
		pthread_barrier_destroy(&start_barrier);
		/* ns per pair of the aggregate: elapsed / total pairs */
		if ((t1 - t0) / (b->iters * threads) < best)
			best = (t1 - t0) / (b->iters * threads);
	}
	return best;
}

static double min_d(double a, double b)
{
	return a < b ? a : b;
}

static void rule(void)
{
	printf("%.*s\n", 86, "------------------------------------------------------------"
	       "------------------------------------------------------------");
}

int main(void)
{
	static const size_t ksizes[] = { 16, 64, 256, 4096 };
	double k64_ratio = 0, k64_scaling = 0;
	struct platform_device *pdev;
	unsigned int i;

	printf("svr5ddi compat allocator benchmark (best of %d runs; ns per alloc+free pair;\n"
	       "2-thread ns is elapsed / total pairs, scaling = 1-thread ns / 2-thread ns)\n\n",
	       RUNS);
	{
		FILE *f = fopen("/proc/loadavg", "r");
		double load = 0;

		if (f) {
			if (fscanf(f, "%lf", &load) != 1)
				load = 0;
			fclose(f);
		}
		printf("host: %ld CPUs online, load average %.2f (scaling needs 2 idle CPUs)\n\n",
		       sysconf(_SC_NPROCESSORS_ONLN), load);
	}
	printf("%-30s %10s %10s %10s %8s %8s\n", "operation", "1 thr ns",
	       "2 thr ns", "scaling", "ref ns", "ratio");
	rule();
	for (i = 0; i < sizeof(ksizes) / sizeof(ksizes[0]); i++) {
		struct bench k = { OP_KMALLOC, ksizes[i], 1000000, NULL };
		struct bench m = { OP_MALLOC, ksizes[i], 1000000, NULL };
		double k1 = 1e30, k2 = 1e30, m1 = 1e30, m2 = 1e30;
		char name[64];
		int r;

		/* Interleaved, so both see the same machine load. */
		for (r = 0; r < 2; r++) {
			k1 = min_d(k1, measure(&k, 1));
			m1 = min_d(m1, measure(&m, 1));
			k2 = min_d(k2, measure(&k, 2));
			m2 = min_d(m2, measure(&m, 2));
		}

		snprintf(name, sizeof(name), "kmalloc+kfree %zu B", ksizes[i]);
		printf("%-30s %10.1f %10.1f %9.2fx %8.1f %8.2f\n", name, k1, k2,
		       k1 / k2, m1, k1 / m1);
		snprintf(name, sizeof(name), "  glibc malloc+free %zu B", ksizes[i]);
		printf("%-30s %10.1f %10.1f %9.2fx\n", name, m1, m2, m1 / m2);
		if (ksizes[i] == 64) {
			k64_ratio = k1 / m1;
			k64_scaling = k1 / k2;
		}
	}
	rule();
	for (i = 0; i <= 4; i += 4) {
		struct bench p = { OP_PAGES, i, 500000, NULL };
		double p1 = measure(&p, 1), p2 = measure(&p, 2);
		char name[64];

		snprintf(name, sizeof(name), "alloc_pages+__free_pages o%u", i);
		printf("%-30s %10.1f %10.1f %9.2fx\n", name, p1, p2, p1 / p2);
	}
	rule();
	pdev = platform_device_register_simple("bench", -1, NULL, 0);
	if (IS_ERR_OR_NULL(pdev)) {
		printf("dma_pool: no platform device, skipped\n");
	} else {
		static const unsigned int outstanding[] = { 1, 1000, 8000 };
		struct dma_pool *pool = dma_pool_create("bench", &pdev->dev,
							64, 8, 0);

		for (i = 0; pool && i < 3; i++) {
			unsigned int held = outstanding[i] - 1, j;
			void **keep = calloc(held + 1, sizeof(void *));
			dma_addr_t *h = calloc(held + 1, sizeof(dma_addr_t));
			struct bench d = { OP_DMAPOOL, 64, 500000, pool };
			double d1, d2;
			char name[64];

			for (j = 0; j < held; j++)
				keep[j] = dma_pool_alloc(pool, GFP_KERNEL, &h[j]);
			d1 = measure(&d, 1);
			d2 = measure(&d, 2);
			snprintf(name, sizeof(name), "dma_pool 64 B, %u outstanding",
				 outstanding[i]);
			printf("%-30s %10.1f %10.1f %9.2fx\n", name, d1, d2,
			       d1 / d2);
			for (j = 0; j < held; j++)
				dma_pool_free(pool, keep[j], h[j]);
			free(keep);
			free(h);
		}
		dma_pool_destroy(pool);
		platform_device_unregister(pdev);
	}
	rule();
	printf("%s: kmalloc+kfree 64 B vs glibc malloc+free: ratio %.2f (target <= 1.00)\n",
	       k64_ratio <= 1.0 ? "PASS" : "MISS", k64_ratio);
	printf("%s: kmalloc+kfree 64 B 2-thread scaling: %.2fx (target >= 1.80x)\n",
	       k64_scaling >= 1.8 ? "PASS" : "MISS", k64_scaling);
	return 0;
}
