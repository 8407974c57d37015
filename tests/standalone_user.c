/* SPDX-License-Identifier: MIT */
/*
 * standalone_user.c - kernel-style code built with nothing but
 * -I compat/include and libsvr5ddi: no set-up call, no test framework.
 * It is what a porter's first experiment looks like; make check runs it.
 * Exit status 0 when every expectation holds.
 */
#include <stdio.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/mempool.h>

static int failures;

#define EXPECT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "standalone_user: FAILED: %s (line %d)\n", \
			#cond, __LINE__);				\
		failures++;						\
	}								\
} while (0)

int main(void)
{
	struct platform_device *pdev;
	struct page *page;
	mempool_t *pool;
	dma_addr_t handle;
	char *p, *v, *c;

	p = kmalloc(100, GFP_KERNEL);
	EXPECT(p != NULL);
	EXPECT(virt_to_phys(p) != 0);
	EXPECT(page_address(virt_to_page(p)) ==
	       (void *)((unsigned long)p & PAGE_MASK));
	kfree(p);

	page = alloc_pages(GFP_DMA, 2);
	EXPECT(page != NULL);
	EXPECT(page_to_phys(page) + (PAGE_SIZE << 2) <= 16UL << 20);
	EXPECT((page_to_pfn(page) & 3) == 0);
	__free_pages(page, 2);

	v = vmalloc(8 * PAGE_SIZE);
	EXPECT(v != NULL);
	v[5 * PAGE_SIZE + 7] = 'x';
	EXPECT(((char *)page_address(vmalloc_to_page(v + 5 * PAGE_SIZE)))[7] == 'x');
	vfree(v);

	pdev = platform_device_register_simple("standalone", -1, NULL, 0);
	EXPECT(!IS_ERR_OR_NULL(pdev));
	EXPECT(dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(24)) == 0);
	c = dma_alloc_coherent(&pdev->dev, 3 * PAGE_SIZE, &handle, GFP_KERNEL);
	EXPECT(c != NULL);
	EXPECT(handle == virt_to_phys(c));
	EXPECT(handle + 3 * PAGE_SIZE <= 16UL << 20);
	EXPECT((handle & (4 * PAGE_SIZE - 1)) == 0);
	dma_free_coherent(&pdev->dev, 3 * PAGE_SIZE, c, handle);
	platform_device_unregister(pdev);

	pool = mempool_create_kmalloc_pool(4, 64);
	EXPECT(pool != NULL);
	p = mempool_alloc(pool, GFP_KERNEL);
	EXPECT(p != NULL);
	mempool_free(p, pool);
	mempool_destroy(pool);

	if (failures)
		return 1;
	printf("standalone_user: kmalloc, alloc_pages, vmalloc, dma_alloc_coherent and mempool work with no set-up\n");
	return 0;
}
