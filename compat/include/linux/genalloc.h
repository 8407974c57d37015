/* SPDX-License-Identifier: MIT */
/*
 * linux/genalloc.h - general purpose special memory pools (emulation of
 * Linux 6.1 lib/genalloc.c).  Implementation: compat/genalloc.c.
 *
 * A pool is a list of chunks; each chunk covers [start_addr, end_addr] and
 * has one bit per (1 << min_alloc_order) bytes.  6.1 sets and clears the
 * bits with lockless cmpxchg loops; here a per-pool spinlock guards the
 * bitmaps and the chunk list instead (same results, simpler to prove).
 * gen_pool_alloc() never sleeps and may be called from any context.
 */
#ifndef _COMPAT_LINUX_GENALLOC_H
#define _COMPAT_LINUX_GENALLOC_H
#include <linux/types.h>
#include <linux/spinlock_types.h>
#include <linux/atomic.h>

struct device;
struct gen_pool;

/*
 * An allocation algorithm: find @nr free bits in @map (of @size bits),
 * starting at bit @start; return the first bit, or >= @size if none.
 */
typedef unsigned long (*genpool_algo_t)(unsigned long *map,
			unsigned long size,
			unsigned long start,
			unsigned int nr,
			void *data, struct gen_pool *pool,
			unsigned long start_addr);

struct gen_pool {
	spinlock_t lock;
	struct list_head chunks;	/* list of chunks in this pool */
	int min_alloc_order;		/* minimum allocation order */
	genpool_algo_t algo;		/* allocation function */
	void *data;
	const char *name;
};

struct gen_pool_chunk {
	struct list_head next_chunk;	/* next chunk in pool */
	atomic_long_t avail;
	phys_addr_t phys_addr;		/* physical start of the chunk */
	void *owner;			/* private data returned at alloc time */
	unsigned long start_addr;	/* start address of memory chunk */
	unsigned long end_addr;		/* end address (inclusive) */
	unsigned long bits[];		/* bitmap for allocating memory chunk */
};

struct genpool_data_align {
	int align;		/* alignment by bytes for starting address */
};

struct genpool_data_fixed {
	unsigned long offset;	/* the offset of the specific region */
};

struct gen_pool *gen_pool_create(int min_alloc_order, int nid);
phys_addr_t gen_pool_virt_to_phys(struct gen_pool *pool, unsigned long addr);
int gen_pool_add_owner(struct gen_pool *pool, unsigned long addr,
		       phys_addr_t phys, size_t size, int nid, void *owner);

static inline int gen_pool_add_virt(struct gen_pool *pool, unsigned long addr,
		phys_addr_t phys, size_t size, int nid)
{
	return gen_pool_add_owner(pool, addr, phys, size, nid, NULL);
}

static inline int gen_pool_add(struct gen_pool *pool, unsigned long addr,
			       size_t size, int nid)
{
	return gen_pool_add_virt(pool, addr, -1, size, nid);
}

void gen_pool_destroy(struct gen_pool *pool);
unsigned long gen_pool_alloc_algo_owner(struct gen_pool *pool, size_t size,
		genpool_algo_t algo, void *data, void **owner);

static inline unsigned long gen_pool_alloc_owner(struct gen_pool *pool,
		size_t size, void **owner)
{
	return gen_pool_alloc_algo_owner(pool, size, pool->algo, pool->data,
			owner);
}

static inline unsigned long gen_pool_alloc_algo(struct gen_pool *pool,
		size_t size, genpool_algo_t algo, void *data)
{
	return gen_pool_alloc_algo_owner(pool, size, algo, data, NULL);
}

static inline unsigned long gen_pool_alloc(struct gen_pool *pool, size_t size)
{
	return gen_pool_alloc_algo(pool, size, pool->algo, pool->data);
}

void *gen_pool_dma_alloc(struct gen_pool *pool, size_t size, dma_addr_t *dma);
void *gen_pool_dma_alloc_algo(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, genpool_algo_t algo, void *data);
void *gen_pool_dma_alloc_align(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, int align);
void *gen_pool_dma_zalloc(struct gen_pool *pool, size_t size, dma_addr_t *dma);
void *gen_pool_dma_zalloc_algo(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, genpool_algo_t algo, void *data);
void *gen_pool_dma_zalloc_align(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, int align);
void gen_pool_free_owner(struct gen_pool *pool, unsigned long addr,
		size_t size, void **owner);

static inline void gen_pool_free(struct gen_pool *pool, unsigned long addr,
		size_t size)
{
	gen_pool_free_owner(pool, addr, size, NULL);
}

void gen_pool_for_each_chunk(struct gen_pool *pool,
	void (*func)(struct gen_pool *pool, struct gen_pool_chunk *chunk,
		     void *data),
	void *data);
size_t gen_pool_avail(struct gen_pool *pool);
size_t gen_pool_size(struct gen_pool *pool);
void gen_pool_set_algo(struct gen_pool *pool, genpool_algo_t algo,
		       void *data);

unsigned long gen_pool_first_fit(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr);
unsigned long gen_pool_fixed_alloc(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr);
unsigned long gen_pool_first_fit_align(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr);
unsigned long gen_pool_first_fit_order_align(unsigned long *map,
		unsigned long size, unsigned long start, unsigned int nr,
		void *data, struct gen_pool *pool, unsigned long start_addr);
unsigned long gen_pool_best_fit(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr);

bool gen_pool_has_addr(struct gen_pool *pool, unsigned long start,
		       size_t size);

#endif
