/* SPDX-License-Identifier: MIT */
/*
 * linux/dmapool.h - pools of small coherent DMA blocks (emulation of Linux
 * 6.1 mm/dmapool.c, with its DMAPOOL_DEBUG checks always on).
 * Implementation: compat/dmapool.c.
 */
#ifndef _COMPAT_LINUX_DMAPOOL_H
#define _COMPAT_LINUX_DMAPOOL_H
#include <linux/types.h>
#include <linux/gfp_types.h>

struct device;
struct dma_pool;

struct dma_pool *dma_pool_create(const char *name, struct device *dev,
				 size_t size, size_t align, size_t boundary);
void dma_pool_destroy(struct dma_pool *pool);
void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags,
		     dma_addr_t *handle);
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t addr);

static inline void *dma_pool_zalloc(struct dma_pool *pool, gfp_t mem_flags,
				    dma_addr_t *handle)
{
	return dma_pool_alloc(pool, mem_flags | __GFP_ZERO, handle);
}

#endif
