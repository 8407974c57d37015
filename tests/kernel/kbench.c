// SPDX-License-Identifier: MIT
/*
 * kbench.c - svr5ddi_bench.ko: the shim against the raw Linux primitives,
 * in the same boot (make bench-kernel).  Prints one line per pair:
 *   svr5ddi_bench: NAME shim NS ns/pair raw NS ns/pair ratio R.RR
 * TCG timing is slow and noisy: only the ratios mean anything.  Each
 * measurement is the best of a few rounds.
 *
 * Contiguous success rates: the guest's memory is fragmented on purpose
 * (every free page of ZONE_DMA and ZONE_DMA32 down to the watermark taken as unmovable
 * order-0 pages, then those with an even frame number given back, so
 * no two free pages are buddies and compaction cannot move what is held), then N contiguous requests of each kind are
 * made and held, by the shim (kmem_alloc_physreq, PREQ_PHYSCONTIG,
 * KM_SLEEP: page allocator, then the contiguous reserve) and raw
 * (dma_alloc_coherent on a device with the same mask).  Printed as
 *   svr5ddi_bench: contig SIZE WIDTH-bit fragmented shim A/N raw B/N
 * N is chosen so the shim's requests fit in its reserve (module
 * parameters reserve_dma / reserve_dma32: 1 MiB and 4 MiB by default).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
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

/* ---- contiguous success rate on a fragmented guest -------------------- */

struct kb_frag {
	struct page **pages;
	unsigned long n, max;
	struct page *blocks[256];	/* higher-order blocks drained */
	unsigned int border[256];
	unsigned int nblocks;
};

/* Take order-0 pages of @gfp's zone until it fails or @limit pages. */
static void kb_take(struct kb_frag *f, gfp_t gfp, unsigned long limit)
{
	while (f->n < f->max && limit--) {
		struct page *pg = alloc_page(gfp | __GFP_NOWARN |
					     __GFP_NORETRY);

		if (!pg)
			break;
		f->pages[f->n++] = pg;
	}
}

static bool kb_fragment(struct kb_frag *f)
{
	unsigned long i;
	int order;

	f->nblocks = 0;
	f->max = totalram_pages();
	f->n = 0;
	f->pages = vmalloc(array_size(f->max, sizeof(*f->pages)));
	if (!f->pages)
		return false;
	/*
	 * __GFP_NORETRY: stop at the watermark instead of reclaiming hard or
	 * invoking the OOM killer.  Half of what was taken is free again
	 * right after, as order-0 holes.
	 */
	kb_take(f, GFP_DMA, ULONG_MAX);
	kb_take(f, GFP_DMA32, ULONG_MAX);
	/*
	 * Give back the pages with an even frame number: a page's order-0
	 * buddy differs from it in the lowest bit, so no two freed pages can
	 * merge, and only order-0 holes remain.
	 */
	for (i = 0; i < f->n; i++) {
		if (page_to_pfn(f->pages[i]) & 1)
			continue;
		__free_page(f->pages[i]);
		f->pages[i] = NULL;
	}
	/*
	 * What the first pass could not take (below the watermark, on the
	 * per-CPU lists) may hold larger free blocks: drain those too, from
	 * the largest order down, so only the order-0 holes stay free.
	 */
	for (order = MAX_ORDER - 1; order >= 1; order--) {
		while (f->nblocks < ARRAY_SIZE(f->blocks)) {
			struct page *pg = alloc_pages(GFP_DMA32 | __GFP_NOWARN |
						      __GFP_NORETRY, order);

			if (!pg)
				break;
			f->border[f->nblocks] = order;
			f->blocks[f->nblocks++] = pg;
		}
	}
	return true;
}

static void kb_unfragment(struct kb_frag *f)
{
	unsigned long i;

	for (i = 0; i < f->n; i++)
		if (f->pages[i])
			__free_page(f->pages[i]);
	for (i = 0; i < f->nblocks; i++)
		__free_pages(f->blocks[i], f->border[i]);
	vfree(f->pages);
}

#define KB_CONTIG_N	8

static void kb_contig(struct device *dev, uchar_t bits, size_t size,
		      int n)
{
	physreq_t *preq = physreq_alloc(KM_SLEEP);
	void *shim[KB_CONTIG_N] = { NULL }, *raw[KB_CONTIG_N] = { NULL };
	dma_addr_t dma[KB_CONTIG_N];
	int i, ns = 0, nr = 0;

	if (!preq || dma_coerce_mask_and_coherent(dev, DMA_BIT_MASK(bits))) {
		pr_info("svr5ddi_bench: contig setup failed\n");
		if (preq)
			physreq_free(preq);
		return;
	}
	preq->phys_dmasize = bits;
	preq->phys_flags |= PREQ_PHYSCONTIG;
	if (!physreq_prep(preq, KM_SLEEP)) {
		pr_info("svr5ddi_bench: contig physreq_prep failed\n");
		physreq_free(preq);
		return;
	}
	for (i = 0; i < n; i++) {
		shim[i] = kmem_alloc_physreq(size, preq, KM_SLEEP);
		ns += shim[i] != NULL;
		raw[i] = dma_alloc_coherent(dev, size, &dma[i],
					    GFP_KERNEL | __GFP_NOWARN);
		nr += raw[i] != NULL;
	}
	pr_info("svr5ddi_bench: contig %zuKiB %u-bit fragmented shim %d/%d raw %d/%d\n",
		size >> 10, bits, ns, n, nr, n);
	for (i = 0; i < n; i++) {
		if (shim[i])
			kmem_free(shim[i], size);
		if (raw[i])
			dma_free_coherent(dev, size, raw[i], dma[i]);
	}
	physreq_free(preq);
}

static struct kb_frag frag;		/* module init runs once */

static void kb_contig_rates(void)
{
	struct platform_device *pdev;

	pdev = platform_device_register_simple("svr5ddi_bench_contig", -1,
					       NULL, 0);
	if (IS_ERR(pdev) || !kb_fragment(&frag)) {
		pr_info("svr5ddi_bench: contig: setup failed\n");
		if (!IS_ERR(pdev))
			platform_device_unregister(pdev);
		return;
	}
	pr_info("svr5ddi_bench: fragmented: %lu pages and %u blocks taken, %lu free\n",
		frag.n, frag.nblocks, global_zone_page_state(NR_FREE_PAGES));
	/* within the default reserves: 8 x 64 KiB or 1 x 1 MiB of the 1 MiB
	 * below 16 MiB, 3 x 1 MiB of the 4 MiB below 4 GiB */
	kb_contig(&pdev->dev, 24, 64UL << 10, KB_CONTIG_N);
	kb_contig(&pdev->dev, 32, 64UL << 10, KB_CONTIG_N);
	kb_contig(&pdev->dev, 24, 1UL << 20, 1);
	kb_contig(&pdev->dev, 32, 1UL << 20, 3);
	kb_unfragment(&frag);
	platform_device_unregister(pdev);
}

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
	kb_contig_rates();
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
