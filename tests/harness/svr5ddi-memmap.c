/* SPDX-License-Identifier: MIT */
/*
 * svr5ddi-memmap - print the simulated physical memory a driver will run
 * on, after a short self-check of the emulated Linux memory API.
 *
 * Usage: svr5ddi-memmap [--no-check]
 * The layout comes from SVR5DDI_PHYSMEM (see svr5ddi(7)); fault injection
 * (SVR5DDI_FAULT) is ignored by the self-check, which switches it off.
 * Exit status: 0 when the self-check passed, 1 when it failed, 2 on a bad
 * environment variable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/dmapool.h>
#include <linux/mempool.h>
#include <svr5compat/physmem.h>
#include <svr5compat/fault.h>

static int checks, failed;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok) {
		failed++;
		printf("self-check: FAILED: %s\n", what);
	}
}

static void check_zone_alloc(gfp_t gfp, phys_addr_t limit, const char *what)
{
	struct page *page = alloc_pages(gfp | __GFP_NOWARN, 3);

	check(page && page_to_phys(page) + (8 * PAGE_SIZE) <= limit &&
	      (page_to_pfn(page) & 7) == 0, what);
	if (page)
		__free_pages(page, 3);
}

static void self_check(void)
{
	unsigned long before = compat_free_pages();
	struct platform_device *pdev;
	struct dma_pool *dpool;
	mempool_t *mpool;
	dma_addr_t handle;
	char *p, *v;
	int i;

	compat_fault_set(NULL);

	check_zone_alloc(GFP_DMA, 16ULL << 20, "GFP_DMA pages lie below 16 MiB");
	check_zone_alloc(GFP_DMA32, 4ULL << 30, "GFP_DMA32 pages lie below 4 GiB");
	check_zone_alloc(GFP_KERNEL, ~0ULL, "GFP_KERNEL pages allocate");

	p = kmalloc(64, GFP_KERNEL);
	check(p && ((unsigned long)p & 63) == 0 &&
	      page_address(virt_to_page(p)) == (void *)((unsigned long)p & PAGE_MASK),
	      "kmalloc(64) is naturally aligned and inside the direct map");
	kfree(p);

	v = vmalloc(16 * PAGE_SIZE);
	check(v != NULL, "vmalloc(64 KiB)");
	if (v) {
		memset(v, 0x5a, 16 * PAGE_SIZE);
		check(((unsigned char *)page_address(vmalloc_to_page(v + 9 * PAGE_SIZE)))[100] == 0x5a,
		      "vmalloc memory aliases its frames in the direct map");
		vfree(v);
	}

	pdev = platform_device_register_simple("svr5ddi-memmap", -1, NULL, 0);
	check(!IS_ERR_OR_NULL(pdev), "platform device registers");
	if (!IS_ERR_OR_NULL(pdev)) {
		check(dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(24)) == 0,
		      "a 24-bit DMA mask is supported");
		p = dma_alloc_coherent(&pdev->dev, 5 * PAGE_SIZE, &handle, GFP_KERNEL);
		check(p && handle == virt_to_phys(p) &&
		      handle + 5 * PAGE_SIZE <= (16ULL << 20) &&
		      (handle & (8 * PAGE_SIZE - 1)) == 0 && p[0] == 0 && p[5 * PAGE_SIZE - 1] == 0,
		      "dma_alloc_coherent: 24-bit, naturally aligned, zeroed");
		if (p)
			dma_free_coherent(&pdev->dev, 5 * PAGE_SIZE, p, handle);

		dpool = dma_pool_create("memmap", &pdev->dev, 96, 32, 1024);
		check(dpool != NULL, "dma_pool_create");
		for (i = 0; dpool && i < 200; i++) {
			p = dma_pool_alloc(dpool, GFP_KERNEL, &handle);
			check(p && (handle & 31) == 0 &&
			      (handle / 1024) == ((handle + 95) / 1024),
			      "dma_pool block aligned and within its boundary");
			if (p)
				dma_pool_free(dpool, p, handle);
		}
		if (dpool)
			dma_pool_destroy(dpool);
		platform_device_unregister(pdev);
	}

	mpool = mempool_create_kmalloc_pool(8, 128);
	check(mpool != NULL, "mempool_create_kmalloc_pool");
	if (mpool) {
		p = mempool_alloc(mpool, GFP_ATOMIC);
		check(p != NULL, "mempool_alloc");
		mempool_free(p, mpool);
		mempool_destroy(mpool);
	}

	/*
	 * Slab caches keep some empty slabs and per-thread objects, so the
	 * free count may stay a little below where it started: allow 64 pages.
	 */
	check(compat_free_pages() + 64 >= before,
	      "memory returns to the page allocator");
}

static void print_map(void)
{
	struct compat_zone_info info;
	const char *layout = getenv("SVR5DDI_PHYSMEM");
	int z, o;

	printf("svr5ddi simulated physical memory (SVR5DDI_PHYSMEM=%s)\n",
	       layout ? layout : "default");
	for (z = 0; z < MAX_NR_ZONES; z++) {
		if (!compat_zone_info((enum zone_type)z, &info))
			continue;
		printf("zone %-6s [0x%010llx-0x%010llx) present %lu pages, managed %lu, free %lu (%lu KiB)\n",
		       info.name, (unsigned long long)info.start,
		       (unsigned long long)info.end, info.present_pages,
		       info.managed_pages, info.free_pages,
		       info.free_pages * (PAGE_SIZE / 1024));
		printf("  reserves: min watermark %lu pages; lowmem_reserve", info.min_wmark);
		for (o = 0; o < MAX_NR_ZONES; o++)
			printf(" %ld", info.lowmem_reserve[o]);
		printf("\n  free blocks by order:");
		for (o = 0; o < MAX_ORDER; o++)
			printf(" %d:%lu", o, info.free_blocks[o]);
		printf("\n");
	}
	printf("total free: %lu pages\n", compat_free_pages());
}

int main(int argc, char **argv)
{
	bool run_check = !(argc > 1 && strcmp(argv[1], "--no-check") == 0);

	if (run_check) {
		self_check();
		if (failed)
			printf("self-check: %d of %d checks FAILED\n", failed, checks);
		else
			printf("self-check: passed (%d checks)\n", checks);
	}
	print_map();
	return failed ? 1 : 0;
}
