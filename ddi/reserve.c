/* SPDX-License-Identifier: MIT */
/*
 * reserve.c - the contiguous reserves: coherent memory taken at module
 * init, below 16 MiB ([0], for 24..31-bit devices and DDI 5) and below
 * 4 GiB ([1], for everything wider), handed out with genalloc.
 *
 * Theory
 * ------
 * A KM_SLEEP contiguous request cannot wait for the page allocator to
 * produce a large free block: on a fragmented machine it may never come.
 * So svr5ddi takes its reserves while memory is still unfragmented (at
 * module init) and serves contiguous requests from them when the page
 * allocator fails; freed reserve memory is back at once, so KM_SLEEP
 * requests that fit the reserve are served as soon as earlier users free.
 * Order of attempts (phys.c): dma_alloc_coherent first (the reserve stays
 * for when it is needed), with __GFP_NORETRY for KM_SLEEP, then here.
 *
 * Each reserve is a gen_pool whose "addresses" are PHYSICAL addresses
 * (min_alloc_order PAGE_SHIFT), so gen_pool_first_fit_align aligns them
 * physically; the chunk table maps back to the kernel virtual address.
 * Chunks are coherent allocations of at most PAGE_SIZE << (MAX_ORDER - 1)
 * bytes from a platform device whose mask is 24 or 32 bits.  genalloc
 * never sleeps, so allocation and free are legal in any context.
 * Sizes: module parameters reserve_dma / reserve_dma32 / reserve=, or
 * SVR5DDI_RESERVE in userspace; defaults 1 MiB and 4 MiB.  A reserve that
 * cannot be taken in full is reported and kept at the size obtained.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/genalloc.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include "ddi_internal.h"

#define DDI_RESV_CHUNKS	64

struct ddi_resv_chunk {
	void *virt;
	phys_addr_t phys;
	dma_addr_t dma;
	size_t size;
};

struct ddi_resv {
	struct platform_device *pdev;
	struct gen_pool *gp;
	unsigned long size;
	atomic_long_t used;
	unsigned int nchunks;
	struct ddi_resv_chunk chunk[DDI_RESV_CHUNKS];
};

static struct ddi_resv ddi_resv[2];

static int ddi_resv_take(int idx, unsigned long want)
{
	struct ddi_resv *r = &ddi_resv[idx];
	u64 mask = idx == 0 ? DMA_BIT_MASK(24) : DMA_BIT_MASK(32);

	if (!want)
		return 0;
	r->pdev = platform_device_register_simple("svr5ddi-reserve", idx,
						  NULL, 0);
	if (IS_ERR(r->pdev)) {
		int err = PTR_ERR(r->pdev);

		r->pdev = NULL;
		return err;
	}
	if (dma_set_mask_and_coherent(&r->pdev->dev, mask))
		return -EIO;
	r->gp = gen_pool_create(PAGE_SHIFT, -1);
	if (!r->gp)
		return -ENOMEM;
	want = PAGE_ALIGN(want);
	while (r->size < want && r->nchunks < DDI_RESV_CHUNKS) {
		struct ddi_resv_chunk *c = &r->chunk[r->nchunks];
		size_t sz = min_t(unsigned long, want - r->size,
				  DDI_MAX_CONTIG);

		c->virt = dma_alloc_coherent(&r->pdev->dev, sz, &c->dma,
					     GFP_KERNEL | __GFP_NOWARN);
		if (!c->virt)
			break;
		c->phys = virt_to_phys(c->virt);
		c->size = sz;
		if (gen_pool_add(r->gp, (unsigned long)c->phys, sz, -1)) {
			dma_free_coherent(&r->pdev->dev, sz, c->virt, c->dma);
			break;
		}
		r->nchunks++;
		r->size += sz;
	}
	if (r->size < want)
		pr_warn("svr5ddi: contiguous reserve %s: took %lu of %lu bytes\n",
			idx == 0 ? "dma" : "dma32", r->size, want);
	return 0;
}

int ddi_reserve_init(unsigned long size_dma, unsigned long size_dma32)
{
	int err = ddi_resv_take(0, size_dma);

	if (!err)
		err = ddi_resv_take(1, size_dma32);
	return err;
}

void ddi_reserve_exit(void)
{
	int idx;
	unsigned int i;

	for (idx = 0; idx < 2; idx++) {
		struct ddi_resv *r = &ddi_resv[idx];

		if (r->gp)
			gen_pool_destroy(r->gp);
		r->gp = NULL;
		for (i = 0; i < r->nchunks; i++)
			dma_free_coherent(&r->pdev->dev, r->chunk[i].size,
					  r->chunk[i].virt, r->chunk[i].dma);
		r->nchunks = 0;
		r->size = 0;
		if (r->pdev)
			platform_device_unregister(r->pdev);
		r->pdev = NULL;
	}
}

/* Index of the reserve that meets a device mask. */
int ddi_reserve_index(u64 mask)
{
	return mask >= DMA_BIT_MASK(32) ? 1 : 0;
}

/*
 * ddi_reserve_alloc - @size bytes (a page multiple) of reserve @idx whose
 * physical start is a multiple of @align (a power of two).  Context: any.
 * Returns the kernel address (and *@dma), or NULL.  Reserve 1 (DMA32)
 * falls back to reserve 0: memory below 16 MiB meets any wider mask.
 */
void *ddi_reserve_alloc(int idx, size_t size, size_t align, dma_addr_t *dma)
{
	struct genpool_data_align data = { .align = (int)align };
	unsigned long phys;
	unsigned int i;

	for (; idx >= 0; idx--) {
		struct ddi_resv *r = &ddi_resv[idx];

		if (!r->gp)
			continue;
		phys = gen_pool_alloc_algo(r->gp, size, gen_pool_first_fit_align,
					   &data);
		if (!phys)
			continue;
		for (i = 0; i < r->nchunks; i++) {
			struct ddi_resv_chunk *c = &r->chunk[i];

			if (phys >= c->phys && phys < c->phys + c->size) {
				atomic_long_add((long)size, &r->used);
				*dma = c->dma + (phys - c->phys);
				return (char *)c->virt + (phys - c->phys);
			}
		}
		gen_pool_free(r->gp, phys, size);	/* cannot happen */
	}
	return NULL;
}

/* Give back reserve memory at @addr.  Context: any. */
void ddi_reserve_free(void *addr, size_t size)
{
	unsigned int i;
	int idx;

	for (idx = 0; idx < 2; idx++) {
		struct ddi_resv *r = &ddi_resv[idx];

		for (i = 0; i < r->nchunks; i++) {
			struct ddi_resv_chunk *c = &r->chunk[i];
			char *v = c->virt;

			if ((char *)addr >= v && (char *)addr < v + c->size) {
				gen_pool_free(r->gp, c->phys +
					      ((char *)addr - v), size);
				atomic_long_sub((long)size, &r->used);
				return;
			}
		}
	}
	WARN(1, "svr5ddi: reserve free of foreign address %p\n", addr);
}

bool ddi_reserve_owns(const void *addr)
{
	unsigned int i;
	int idx;

	for (idx = 0; idx < 2; idx++)
		for (i = 0; i < ddi_resv[idx].nchunks; i++) {
			const char *v = ddi_resv[idx].chunk[i].virt;

			if ((const char *)addr >= v &&
			    (const char *)addr < v + ddi_resv[idx].chunk[i].size)
				return true;
		}
	return false;
}

void ddi_reserve_stats(unsigned long size[2], unsigned long used[2])
{
	int idx;

	for (idx = 0; idx < 2; idx++) {
		size[idx] = ddi_resv[idx].size;
		used[idx] = atomic_long_read(&ddi_resv[idx].used);
	}
}
