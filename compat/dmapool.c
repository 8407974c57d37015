/* SPDX-License-Identifier: MIT */
/*
 * dmapool.c - pools of small coherent DMA blocks (emulation of Linux 6.1
 * mm/dmapool.c with DMAPOOL_DEBUG on).
 *
 * Theory: a pool hands out blocks of pool->size bytes carved from
 * "pages" of pool->allocation bytes (max(size, PAGE_SIZE)) obtained with
 * dma_alloc_coherent().  Each page keeps an unsorted free chain threaded
 * through its free blocks: the first 4 bytes of a free block hold the
 * offset of the next free block, and page->offset is the head (a value
 * >= allocation ends the chain).  pool_initialise_page() lays blocks out so
 * that none crosses a multiple of pool->boundary; like 6.1 it also skips
 * the last block of every boundary segment when the block after it would
 * end exactly on the boundary (the ">=" test), which the tests pin.
 * Used blocks are not tracked, only counted (page->in_use).  Pages are
 * kept on one list that dma_pool_alloc() and dma_pool_free() walk from the
 * start: O(pages) per call, as 6.1 (benchmarks show it).  Empty pages stay
 * until dma_pool_destroy().
 *
 * Debug checks (6.1's DMAPOOL_DEBUG, always on): new and freed blocks are
 * filled with POOL_POISON_FREED, which dma_pool_alloc() checks (bytes 4..
 * size-1; a mismatch is reported as "(corrupted)" with a hex dump);
 * allocated blocks are filled with POOL_POISON_ALLOCATED unless __GFP_ZERO;
 * dma_pool_free() reports a bad dma address, a vaddr that does not match
 * the dma address, and a block already on the free chain, and then returns
 * leaving the pool untouched.
 *
 * Locking: pool->lock (spin_lock_irqsave, as 6.1) guards the page list and
 * the free chains; it is dropped around pool_alloc_page(), which may sleep.
 * pools_lock (a mutex) guards every device's dma_pools list.
 *
 * Fault injection: dma_pool_alloc() is one allocation of family
 * COMPAT_FAULT_DMA; the kmalloc and dma_alloc_coherent it makes are nested.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <svr5compat/fault.h>
#include "internal.h"

#define POOL_POISON_FREED	0xa7	/* !inuse */
#define POOL_POISON_ALLOCATED	0xa9	/* !initted */

struct dma_pool {		/* the pool */
	struct list_head page_list;
	spinlock_t lock;
	size_t size;
	struct device *dev;
	size_t allocation;
	size_t boundary;
	char name[32];
	struct list_head pools;
};

struct dma_page {		/* cacheable header for 'allocation' bytes */
	struct list_head page_list;
	void *vaddr;
	dma_addr_t dma;
	unsigned int in_use;
	unsigned int offset;
};

static DEFINE_MUTEX(pools_lock);

/*
 * The free-chain link in a free block's first 4 bytes.  6.1 uses plain
 * int accesses; blocks of align < 4 make them unaligned, which x86 allows
 * but UBSan reports, so go through memcpy (same code on x86).
 */
static inline int chain_get(const void *block)
{
	int v;

	memcpy(&v, block, sizeof(v));
	return v;
}

static inline void chain_set(void *block, int v)
{
	memcpy(block, &v, sizeof(v));
}

#define pool_err(pool, fmt, ...) do {					\
	if ((pool)->dev)						\
		dev_err((pool)->dev, fmt, ##__VA_ARGS__);		\
	else								\
		pr_err(fmt, ##__VA_ARGS__);				\
} while (0)

/**
 * dma_pool_create - creates a pool of consistent memory blocks, for DMA
 * @name: name of pool, for diagnostics (truncated to 31 characters)
 * @dev: device that will be doing the DMA (set up by device_initialize(),
 *	e.g. from platform_device_register_simple())
 * @size: size of the blocks in this pool
 * @align: alignment requirement for blocks; must be a power of two (0: 1)
 * @boundary: returned blocks won't cross this power of two boundary (0:
 *	the allocation size)
 * Context: process context (may sleep).
 *
 * 6.1's argument rules: a non-power-of-two @align, a zero @size, or a
 * @boundary smaller than the (aligned) size or not a power of two give
 * NULL; sizes below 4 become 4; the size is rounded up to @align; pages
 * are max(size, PAGE_SIZE) bytes.
 *
 * Return: the pool, or NULL.
 */
struct dma_pool *dma_pool_create(const char *name, struct device *dev,
				 size_t size, size_t align, size_t boundary)
{
	struct dma_pool *retval;
	size_t allocation, len;

	if (align == 0)
		align = 1;
	else if (align & (align - 1))
		return NULL;

	if (size == 0)
		return NULL;
	else if (size < 4)
		size = 4;

	size = ALIGN(size, align);
	allocation = max_t(size_t, size, PAGE_SIZE);

	if (!boundary)
		boundary = allocation;
	else if ((boundary < size) || (boundary & (boundary - 1)))
		return NULL;

	/* 6.1 dereferences @dev here; make the crash explicit. */
	if (unlikely(!dev || !dev->dma_pools.next)) {
		pr_crit("dma_pool_create %s: device %s is not initialised (device_initialize)\n",
			name, dev ? (dev_name(dev) ? dev_name(dev) : "(null)")
				  : "(NULL device *)");
		BUG();
	}

	retval = kmalloc(sizeof(*retval), GFP_KERNEL);
	if (!retval)
		return retval;

	/* strscpy(): truncate to 31 characters */
	len = strnlen(name, sizeof(retval->name) - 1);
	memcpy(retval->name, name, len);
	retval->name[len] = '\0';
	retval->dev = dev;
	INIT_LIST_HEAD(&retval->page_list);
	spin_lock_init(&retval->lock);
	retval->size = size;
	retval->boundary = boundary;
	retval->allocation = allocation;
	INIT_LIST_HEAD(&retval->pools);

	mutex_lock(&pools_lock);
	list_add(&retval->pools, &dev->dma_pools);
	mutex_unlock(&pools_lock);
	return retval;
}
EXPORT_SYMBOL(dma_pool_create);

/* Thread the free chain through a new page, never crossing a boundary. */
static void pool_initialise_page(struct dma_pool *pool, struct dma_page *page)
{
	unsigned int offset = 0;
	unsigned int next_boundary = pool->boundary;

	do {
		unsigned int next = offset + pool->size;

		if (unlikely((next + pool->size) >= next_boundary)) {
			next = next_boundary;
			next_boundary += pool->boundary;
		}
		chain_set(page->vaddr + offset, next);
		offset = next;
	} while (offset < pool->allocation);
}

static struct dma_page *pool_alloc_page(struct dma_pool *pool, gfp_t mem_flags)
{
	struct dma_page *page;

	page = kmalloc(sizeof(*page), mem_flags);
	if (!page)
		return NULL;
	page->vaddr = dma_alloc_coherent(pool->dev, pool->allocation,
					 &page->dma, mem_flags);
	if (!page->vaddr) {
		kfree(page);
		return NULL;
	}
	memset(page->vaddr, POOL_POISON_FREED, pool->allocation);
	pool_initialise_page(pool, page);
	page->in_use = 0;
	page->offset = 0;
	return page;
}

static void pool_free_page(struct dma_pool *pool, struct dma_page *page)
{
	memset(page->vaddr, POOL_POISON_FREED, pool->allocation);
	dma_free_coherent(pool->dev, pool->allocation, page->vaddr, page->dma);
	list_del(&page->page_list);
	kfree(page);
}

/**
 * dma_pool_destroy - destroys a pool of dma memory blocks
 * @pool: dma pool that will be destroyed (NULL: nothing)
 * Context: process context.
 *
 * Pages with blocks still in use are reported ("dma_pool_destroy NAME,
 * VADDR busy") and leaked, as 6.1 does; the others are freed.
 */
void dma_pool_destroy(struct dma_pool *pool)
{
	struct dma_page *page, *tmp;

	if (unlikely(!pool))
		return;

	mutex_lock(&pools_lock);
	list_del(&pool->pools);
	mutex_unlock(&pools_lock);

	list_for_each_entry_safe(page, tmp, &pool->page_list, page_list) {
		if (page->in_use) {
			pool_err(pool, "%s %s, %p busy\n", __func__,
				 pool->name, page->vaddr);
			/* leak the still-in-use consistent memory */
			list_del(&page->page_list);
			kfree(page);
		} else {
			pool_free_page(pool, page);
		}
	}
	kfree(pool);
}
EXPORT_SYMBOL(dma_pool_destroy);

/* print_hex_dump(KERN_ERR, "", DUMP_PREFIX_OFFSET, 16, 1, data, len, 1) */
static void pool_hex_dump(const u8 *data, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i += 16) {
		char line[16 * 3 + 2 + 16 + 1];
		size_t n = min_t(size_t, 16, len - i), pos = 0;

		for (j = 0; j < n; j++) {
			static const char hex[] = "0123456789abcdef";

			line[pos++] = hex[data[i + j] >> 4];
			line[pos++] = hex[data[i + j] & 15];
			line[pos++] = ' ';
		}
		for (; j < 16; j++) {
			memcpy(line + pos, "   ", 3);
			pos += 3;
		}
		line[pos++] = ' ';
		for (j = 0; j < n; j++) {
			u8 c = data[i + j];

			line[pos++] = (c >= 0x20 && c < 0x7f) ? c : '.';
		}
		line[pos] = '\0';
		printk(KERN_ERR "%08zx: %s\n", i, line);
	}
}

/* The zone a pool's pages come from, for the fault-injection filter. */
static int pool_zone(struct dma_pool *pool)
{
	u64 mask = pool->dev->coherent_dma_mask;

	if (pool->dev->bus_dma_limit &&
	    (!mask || pool->dev->bus_dma_limit < mask))
		mask = pool->dev->bus_dma_limit;
	if (mask <= DMA_BIT_MASK(COMPAT_ZONE_DMA_BITS))
		return ZONE_DMA;
	if (mask <= DMA_BIT_MASK(32))
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

/**
 * dma_pool_alloc - get a block of consistent memory
 * @pool: dma pool that will produce the block
 * @mem_flags: GFP_* bitmask (__GFP_ZERO: zeroed block)
 * @handle: pointer to dma address of block
 * Context: may sleep if @mem_flags allows blocking (might_alloc); with
 *	GFP_ATOMIC/GFP_NOWAIT any context.
 *
 * Takes the first page on the list with a free block, else adds a page.
 * Without __GFP_ZERO the block is not zeroed: it holds
 * POOL_POISON_ALLOCATED (0xa9) bytes, as 6.1 with DMAPOOL_DEBUG.
 *
 * Return: the kernel virtual address of a currently unused block, with its
 * dma address in *@handle, or NULL.
 */
void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags,
		     dma_addr_t *handle)
{
	unsigned long flags;
	struct dma_page *page;
	size_t offset;
	void *retval;
	size_t i;
	u8 *data;

	compat_init();
	might_alloc(mem_flags);

	if (__compat_should_fail(COMPAT_FAULT_DMA, mem_flags, pool_zone(pool)) &&
	    !(mem_flags & __GFP_NOFAIL))
		return NULL;

	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(page, &pool->page_list, page_list) {
		if (page->offset < pool->allocation)
			goto ready;
	}

	/* pool_alloc_page() might sleep, so temporarily drop &pool->lock */
	spin_unlock_irqrestore(&pool->lock, flags);

	__compat_alloc_nest_enter();
	page = pool_alloc_page(pool, mem_flags & ~__GFP_ZERO);
	__compat_alloc_nest_exit();
	if (!page)
		return NULL;

	spin_lock_irqsave(&pool->lock, flags);
	list_add(&page->page_list, &pool->page_list);
ready:
	page->in_use++;
	offset = page->offset;
	page->offset = chain_get(page->vaddr + offset);
	retval = offset + page->vaddr;
	*handle = offset + page->dma;

	/* page->offset is stored in the first 4 bytes */
	data = retval;
	for (i = sizeof(page->offset); i < pool->size; i++) {
		if (data[i] == POOL_POISON_FREED)
			continue;
		pool_err(pool, "%s %s, %p (corrupted)\n", __func__,
			 pool->name, retval);
		/* Dump the first 4 bytes even if they are not poisoned. */
		pool_hex_dump(data, pool->size);
		break;
	}
	if (!(mem_flags & __GFP_ZERO))
		memset(retval, POOL_POISON_ALLOCATED, pool->size);
	spin_unlock_irqrestore(&pool->lock, flags);

	/* want_init_on_alloc(): init_on_alloc is off by default in 6.1 */
	if (mem_flags & __GFP_ZERO)
		memset(retval, 0, pool->size);
	return retval;
}
EXPORT_SYMBOL(dma_pool_alloc);

static struct dma_page *pool_find_page(struct dma_pool *pool, dma_addr_t dma)
{
	struct dma_page *page;

	list_for_each_entry(page, &pool->page_list, page_list) {
		if (dma < page->dma)
			continue;
		if ((dma - page->dma) < pool->allocation)
			return page;
	}
	return NULL;
}

/**
 * dma_pool_free - put block back into dma pool
 * @pool: the dma pool holding the block
 * @vaddr: virtual address of block
 * @dma: dma address of block
 * Context: any (spin_lock_irqsave).
 *
 * The page is found from @dma by a walk of the page list.  As 6.1 with
 * DMAPOOL_DEBUG: an unknown @dma ("(bad dma)"), a @vaddr not matching
 * @dma ("(bad vaddr)") and a block already free ("already free") are
 * reported and the call returns with the pool unchanged.  The freed block
 * is poisoned with POOL_POISON_FREED; pages are never released here.
 */
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t dma)
{
	struct dma_page *page;
	unsigned long flags;
	unsigned int offset;
	unsigned int chain;

	spin_lock_irqsave(&pool->lock, flags);
	page = pool_find_page(pool, dma);
	if (!page) {
		spin_unlock_irqrestore(&pool->lock, flags);
		pool_err(pool, "%s %s, %p/0x%016llx (bad dma)\n", __func__,
			 pool->name, vaddr, (unsigned long long)dma);
		return;
	}

	offset = vaddr - page->vaddr;
	if ((dma - page->dma) != offset) {
		spin_unlock_irqrestore(&pool->lock, flags);
		pool_err(pool, "%s %s, %p (bad vaddr)/0x%016llx\n", __func__,
			 pool->name, vaddr, (unsigned long long)dma);
		return;
	}

	chain = page->offset;
	while (chain < pool->allocation) {
		if (chain != offset) {
			chain = chain_get(page->vaddr + chain);
			continue;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
		pool_err(pool, "%s %s, dma 0x%016llx already free\n", __func__,
			 pool->name, (unsigned long long)dma);
		return;
	}
	memset(vaddr, POOL_POISON_FREED, pool->size);

	page->in_use--;
	chain_set(vaddr, page->offset);
	page->offset = offset;
	/* Empty pages stay on the list, as in 6.1. */
	spin_unlock_irqrestore(&pool->lock, flags);
}
EXPORT_SYMBOL(dma_pool_free);
