// SPDX-License-Identifier: MIT
/*
 * kbench.c - svr5ddi_bench.ko: the shim against the raw Linux primitives,
 * in the same boot (make bench-kernel).  Prints one line per pair:
 *   svr5ddi_bench: NAME shim NS ns/pair raw NS ns/pair ratio R.RR
 * TCG timing is slow and noisy: only the ratios mean anything.  Each
 * measurement is the best of a few rounds.
 * Not yet: contiguous success rates on a fragmented guest (issue 4).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <sys/types.h>
#include <sys/kmem.h>

#define KB_ITERS	20000
#define KB_ROUNDS	5
#define KB_OUT		1000

static void *kb_ptr[KB_OUT];
static dma_addr_t kb_dma[KB_OUT];

static u64 kb_shim_kmem(size_t size)
{
	u64 t = ktime_get_ns();
	int i;

	for (i = 0; i < KB_ITERS; i++) {
		void *p = kmem_alloc(size, KM_SLEEP);

		kmem_free(p, size);
	}
	return ktime_get_ns() - t;
}

static u64 kb_raw_kmalloc(size_t size)
{
	u64 t = ktime_get_ns();
	int i;

	for (i = 0; i < KB_ITERS; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		kfree(p);
	}
	return ktime_get_ns() - t;
}

/* KB_OUT blocks outstanding, then KB_OUT alloc+free pairs on top. */
static u64 kb_shim_physreq(physreq_t *preq)
{
	u64 t;
	int i;

	for (i = 0; i < KB_OUT; i++)
		kb_ptr[i] = kmem_alloc_physreq(256, preq, KM_SLEEP);
	t = ktime_get_ns();
	for (i = 0; i < KB_ITERS; i++) {
		void *p = kmem_alloc_physreq(256, preq, KM_SLEEP);

		kmem_free(p, 256);
	}
	t = ktime_get_ns() - t;
	for (i = 0; i < KB_OUT; i++)
		kmem_free(kb_ptr[i], 256);
	return t;
}

static u64 kb_raw_pool(struct dma_pool *dp)
{
	dma_addr_t dma;
	u64 t;
	int i;

	for (i = 0; i < KB_OUT; i++)
		kb_ptr[i] = dma_pool_alloc(dp, GFP_KERNEL, &kb_dma[i]);
	t = ktime_get_ns();
	for (i = 0; i < KB_ITERS; i++) {
		void *p = dma_pool_alloc(dp, GFP_KERNEL, &dma);

		dma_pool_free(dp, p, dma);
	}
	t = ktime_get_ns() - t;
	for (i = 0; i < KB_OUT; i++)
		dma_pool_free(dp, kb_ptr[i], kb_dma[i]);
	return t;
}

static void kb_report(const char *name, u64 shim, u64 raw)
{
	u64 r100 = raw ? div64_u64(shim * 100, raw) : 0;

	pr_info("svr5ddi_bench: %s shim %llu ns/pair raw %llu ns/pair ratio %llu.%02llu\n",
		name, div64_u64(shim, KB_ITERS), div64_u64(raw, KB_ITERS),
		r100 / 100, r100 % 100);
}

/* Best of KB_ROUNDS, shim and raw interleaved so drift hits both. */
#define KB_BEST(name, shim_expr, raw_expr)				\
	do {								\
		u64 bs = U64_MAX, br = U64_MAX, v;			\
		int r;							\
		for (r = 0; r < KB_ROUNDS; r++) {			\
			v = (shim_expr);				\
			bs = min(bs, v);				\
			v = (raw_expr);					\
			br = min(br, v);				\
		}							\
		kb_report(name, bs, br);				\
	} while (0)

static int __init svr5ddi_bench_init(void)
{
	struct platform_device *pdev;
	struct dma_pool *dp = NULL;
	physreq_t *preq;

	KB_BEST("kmem_alloc+free 64B vs kmalloc+kfree", kb_shim_kmem(64),
		kb_raw_kmalloc(64));
	KB_BEST("kmem_alloc+free 4KiB vs kmalloc+kfree", kb_shim_kmem(4096),
		kb_raw_kmalloc(4096));

	pdev = platform_device_register_simple("svr5ddi_bench", -1, NULL, 0);
	preq = physreq_alloc(KM_SLEEP);
	if (!IS_ERR(pdev) && preq &&
	    !dma_coerce_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32)))
		dp = dma_pool_create("svr5ddi_bench", &pdev->dev, 256, 16, 0);
	if (preq) {
		preq->phys_dmasize = 32;
		preq->phys_align = 16;
	}
	if (dp && physreq_prep(preq, KM_SLEEP))
		KB_BEST("kmem_alloc_physreq 256B (1000 out) vs dma_pool",
			kb_shim_physreq(preq), kb_raw_pool(dp));
	else
		pr_info("svr5ddi_bench: physreq vs dma_pool: setup failed\n");
	if (dp)
		dma_pool_destroy(dp);
	if (preq)
		physreq_free(preq);
	if (!IS_ERR(pdev))
		platform_device_unregister(pdev);
	pr_info("svr5ddi_bench: done\n");
	return 0;
}

static void __exit svr5ddi_bench_exit(void)
{
}

module_init(svr5ddi_bench_init);
module_exit(svr5ddi_bench_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("svr5ddi in-kernel benchmark");
