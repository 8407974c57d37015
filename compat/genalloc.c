/* SPDX-License-Identifier: MIT */
/*
 * genalloc.c - general purpose special memory pools (emulation of Linux
 * 6.1 lib/genalloc.c).
 *
 * Theory: a pool is a list of chunks, each a range [start_addr, end_addr]
 * of caller-provided memory with its physical address and a bitmap of one
 * bit per (1 << min_alloc_order) bytes, set while allocated.  An
 * allocation of size bytes needs nbits = size rounded up to the order; the
 * pool's algorithm (first fit by default) picks the first bit in each
 * chunk whose avail counter can hold it, in chunk-list order (newest chunk
 * first, as list_add_rcu puts it).  A free needs the size again; freeing
 * bits that are not set, or an address outside every chunk, is a BUG as in
 * 6.1.
 *
 * Locking: 6.1 sets/clears the bits with lockless cmpxchg loops and walks
 * chunks under RCU.  Here one spinlock per pool (irqsave) covers the chunk
 * list, the bitmaps and the avail counters: the results are the same, and
 * gen_pool_alloc()/gen_pool_free() still never sleep and may be called
 * from any context, interrupts included.
 *
 * Fault injection: gen_pool_alloc*() is one allocation of family
 * COMPAT_FAULT_GENALLOC (a non-sleeping request, zone unspecified).
 * gen_pool_create()'s kmalloc and gen_pool_add()'s vzalloc are ordinary
 * slab/vmalloc allocations, as they are in 6.1.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/genalloc.h>
#include <svr5compat/fault.h>
#include "internal.h"

#define BITS_PER_LONG		64
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BITS_TO_LONGS(nr)	DIV_ROUND_UP(nr, BITS_PER_LONG)
#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

/* find_next_bit()/find_next_zero_bit(): first set/clear bit >= start. */
static unsigned long find_next_bit_inv(const unsigned long *map,
				       unsigned long size, unsigned long start,
				       unsigned long invert)
{
	unsigned long word;

	if (start >= size)
		return size;
	word = (map[BIT_WORD(start)] ^ invert) & BITMAP_FIRST_WORD_MASK(start);
	start &= ~(BITS_PER_LONG - 1);
	while (!word) {
		start += BITS_PER_LONG;
		if (start >= size)
			return size;
		word = map[BIT_WORD(start)] ^ invert;
	}
	return min(start + __ffs(word), size);
}

static unsigned long find_next_bit(const unsigned long *map,
				   unsigned long size, unsigned long start)
{
	return find_next_bit_inv(map, size, start, 0);
}

static unsigned long find_next_zero_bit(const unsigned long *map,
					unsigned long size, unsigned long start)
{
	return find_next_bit_inv(map, size, start, ~0UL);
}

/*
 * bitmap_find_next_zero_area_off() of 6.1 lib/bitmap.c: the first run of
 * @nr clear bits at or after @start whose index plus @align_offset is a
 * multiple of (@align_mask + 1); returns a value > @size if none.
 */
static unsigned long bitmap_find_next_zero_area_off(unsigned long *map,
		unsigned long size, unsigned long start, unsigned int nr,
		unsigned long align_mask, unsigned long align_offset)
{
	unsigned long index, end, i;

again:
	index = find_next_zero_bit(map, size, start);
	index = ((index + align_offset + align_mask) & ~align_mask) -
		align_offset;
	end = index + nr;
	if (end > size)
		return end;
	i = find_next_bit(map, end, index);
	if (i < end) {
		start = i + 1;
		goto again;
	}
	return index;
}

static unsigned long bitmap_find_next_zero_area(unsigned long *map,
		unsigned long size, unsigned long start, unsigned int nr,
		unsigned long align_mask)
{
	return bitmap_find_next_zero_area_off(map, size, start, nr,
					      align_mask, 0);
}

/*
 * Set (@set) or clear bits [start, start + nr).  Like 6.1's
 * bitmap_set_ll()/bitmap_clear_ll(), stop at the first word where a bit is
 * already in the target state and return how many bits were left undone.
 */
static unsigned long bitmap_change(unsigned long *map, unsigned long start,
				   unsigned long nr, bool set)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned long size = start + nr;
	unsigned long bits = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);

	while (nr) {
		if (nr < bits)
			mask &= BITMAP_LAST_WORD_MASK(size);
		if (set ? (*p & mask) : ((*p & mask) != mask))
			return nr;
		if (set)
			*p |= mask;
		else
			*p &= ~mask;
		nr -= min(nr, bits);
		bits = BITS_PER_LONG;
		mask = ~0UL;
		p++;
	}
	return 0;
}

static inline size_t chunk_size(const struct gen_pool_chunk *chunk)
{
	return chunk->end_addr - chunk->start_addr + 1;
}

/**
 * gen_pool_create - create a new special memory pool
 * @min_alloc_order: log base 2 of number of bytes each bitmap bit represents
 * @nid: node id of the node the pool structure should be allocated on, or -1
 * Context: process context (GFP_KERNEL).
 *
 * Return: the pool (first-fit algorithm), or NULL.
 */
struct gen_pool *gen_pool_create(int min_alloc_order, int nid)
{
	struct gen_pool *pool;

	pool = kmalloc(sizeof(struct gen_pool), GFP_KERNEL);
	if (pool) {
		spin_lock_init(&pool->lock);
		INIT_LIST_HEAD(&pool->chunks);
		pool->min_alloc_order = min_alloc_order;
		pool->algo = gen_pool_first_fit;
		pool->data = NULL;
		pool->name = NULL;
	}
	return pool;
}
EXPORT_SYMBOL(gen_pool_create);

/**
 * gen_pool_add_owner - add a new chunk of special memory to the pool
 * @pool: pool to add new memory chunk to
 * @virt: virtual starting address of memory chunk to add to pool
 * @phys: physical starting address of memory chunk (-1: unknown)
 * @size: size in bytes of the memory chunk to add to pool
 * @nid: node id of the node the chunk structure and bitmap should be
 *	 allocated on, or -1
 * @owner: private data the owner would like to be returned at alloc time
 * Context: process context (vzalloc).
 *
 * Return: 0, or -ENOMEM.
 */
int gen_pool_add_owner(struct gen_pool *pool, unsigned long virt,
		       phys_addr_t phys, size_t size, int nid, void *owner)
{
	struct gen_pool_chunk *chunk;
	unsigned long nbits = size >> pool->min_alloc_order;
	unsigned long nbytes = sizeof(struct gen_pool_chunk) +
				BITS_TO_LONGS(nbits) * sizeof(long);
	unsigned long flags;

	chunk = vzalloc_node(nbytes, nid);
	if (unlikely(chunk == NULL))
		return -ENOMEM;

	chunk->phys_addr = phys;
	chunk->start_addr = virt;
	chunk->end_addr = virt + size - 1;
	chunk->owner = owner;
	atomic_long_set(&chunk->avail, size);

	spin_lock_irqsave(&pool->lock, flags);
	list_add(&chunk->next_chunk, &pool->chunks);
	spin_unlock_irqrestore(&pool->lock, flags);
	return 0;
}
EXPORT_SYMBOL(gen_pool_add_owner);

/**
 * gen_pool_virt_to_phys - return the physical address of memory
 * @pool: pool to allocate from
 * @addr: starting address of memory
 * Context: any.
 *
 * Return: the physical address, or -1 if @addr is in no chunk.
 */
phys_addr_t gen_pool_virt_to_phys(struct gen_pool *pool, unsigned long addr)
{
	struct gen_pool_chunk *chunk;
	phys_addr_t paddr = -1;
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk) {
		if (addr >= chunk->start_addr && addr <= chunk->end_addr) {
			paddr = chunk->phys_addr + (addr - chunk->start_addr);
			break;
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return paddr;
}
EXPORT_SYMBOL(gen_pool_virt_to_phys);

/**
 * gen_pool_destroy - destroy a special memory pool
 * @pool: pool to destroy
 * Context: process context (vfree).
 *
 * As 6.1: BUG if any allocation is still outstanding.
 */
void gen_pool_destroy(struct gen_pool *pool)
{
	struct gen_pool_chunk *chunk, *next;
	int order = pool->min_alloc_order;
	unsigned long bit, end_bit;

	list_for_each_entry_safe(chunk, next, &pool->chunks, next_chunk) {
		list_del(&chunk->next_chunk);

		end_bit = chunk_size(chunk) >> order;
		bit = find_next_bit(chunk->bits, end_bit, 0);
		BUG_ON(bit < end_bit);

		vfree(chunk);
	}
	kfree(pool->name);
	kfree(pool);
}
EXPORT_SYMBOL(gen_pool_destroy);

/**
 * gen_pool_alloc_algo_owner - allocate special memory from the pool
 * @pool: pool to allocate from
 * @size: number of bytes to allocate from the pool
 * @algo: algorithm passed from caller
 * @data: data passed to algorithm
 * @owner: optionally retrieve the chunk owner
 * Context: any; never sleeps.
 *
 * Return: the address, or 0 when @size is 0 or nothing fits.
 */
unsigned long gen_pool_alloc_algo_owner(struct gen_pool *pool, size_t size,
		genpool_algo_t algo, void *data, void **owner)
{
	struct gen_pool_chunk *chunk;
	unsigned long addr = 0;
	int order = pool->min_alloc_order;
	unsigned long nbits, start_bit, end_bit, remain;
	unsigned long flags;

	compat_init();
	BUG_ON(in_nmi());

	if (owner)
		*owner = NULL;

	if (size == 0)
		return 0;

	if (__compat_should_fail(COMPAT_FAULT_GENALLOC, GFP_NOWAIT, -1))
		return 0;

	nbits = (size + (1UL << order) - 1) >> order;
	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk) {
		if (size > (size_t)atomic_long_read(&chunk->avail))
			continue;

		end_bit = chunk_size(chunk) >> order;
		start_bit = algo(chunk->bits, end_bit, 0, nbits, data, pool,
				 chunk->start_addr);
		if (start_bit >= end_bit)
			continue;
		remain = bitmap_change(chunk->bits, start_bit, nbits, true);
		BUG_ON(remain);	/* the algorithm returned busy bits */

		addr = chunk->start_addr + ((unsigned long)start_bit << order);
		size = nbits << order;
		atomic_long_sub(size, &chunk->avail);
		if (owner)
			*owner = chunk->owner;
		break;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return addr;
}
EXPORT_SYMBOL(gen_pool_alloc_algo_owner);

/**
 * gen_pool_dma_alloc - allocate special memory from the pool for DMA usage
 * @pool: pool to allocate from (NULL: returns NULL)
 * @size: number of bytes to allocate from the pool
 * @dma: dma-view physical address return value; may be NULL
 * Context: any; never sleeps.
 *
 * Return: the address, or NULL.
 */
void *gen_pool_dma_alloc(struct gen_pool *pool, size_t size, dma_addr_t *dma)
{
	if (!pool)
		return NULL;
	return gen_pool_dma_alloc_algo(pool, size, dma, pool->algo, pool->data);
}
EXPORT_SYMBOL(gen_pool_dma_alloc);

/**
 * gen_pool_dma_alloc_algo - gen_pool_dma_alloc() with a given algorithm
 * @pool: pool to allocate from (NULL: returns NULL)
 * @size: number of bytes to allocate from the pool
 * @dma: dma-view physical address return value; may be NULL
 * @algo: algorithm passed from caller
 * @data: data passed to algorithm
 * Context: any; never sleeps.
 */
void *gen_pool_dma_alloc_algo(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, genpool_algo_t algo, void *data)
{
	unsigned long vaddr;

	if (!pool)
		return NULL;

	vaddr = gen_pool_alloc_algo(pool, size, algo, data);
	if (!vaddr)
		return NULL;

	if (dma)
		*dma = gen_pool_virt_to_phys(pool, vaddr);
	return (void *)vaddr;
}
EXPORT_SYMBOL(gen_pool_dma_alloc_algo);

/**
 * gen_pool_dma_alloc_align - gen_pool_dma_alloc() aligned to @align bytes
 * @pool: pool to allocate from
 * @size: number of bytes to allocate from the pool
 * @dma: dma-view physical address return value; may be NULL
 * @align: alignment in bytes for starting address (power of two)
 * Context: any; never sleeps.
 *
 * Alignment is of the chunk offset plus the chunk's start address, as 6.1
 * gen_pool_first_fit_align() computes it.
 */
void *gen_pool_dma_alloc_align(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, int align)
{
	struct genpool_data_align data = { .align = align };

	return gen_pool_dma_alloc_algo(pool, size, dma,
			gen_pool_first_fit_align, &data);
}
EXPORT_SYMBOL(gen_pool_dma_alloc_align);

/**
 * gen_pool_dma_zalloc - gen_pool_dma_alloc() and zero the memory
 * @pool: pool to allocate from
 * @size: number of bytes to allocate from the pool
 * @dma: dma-view physical address return value; may be NULL
 * Context: any; never sleeps.
 */
void *gen_pool_dma_zalloc(struct gen_pool *pool, size_t size, dma_addr_t *dma)
{
	if (!pool)
		return NULL;
	return gen_pool_dma_zalloc_algo(pool, size, dma, pool->algo,
					pool->data);
}
EXPORT_SYMBOL(gen_pool_dma_zalloc);

/**
 * gen_pool_dma_zalloc_algo - gen_pool_dma_alloc_algo() and zero the memory
 * @pool: pool to allocate from
 * @size: number of bytes to allocate from the pool
 * @dma: dma-view physical address return value; may be NULL
 * @algo: algorithm passed from caller
 * @data: data passed to algorithm
 * Context: any; never sleeps.
 */
void *gen_pool_dma_zalloc_algo(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, genpool_algo_t algo, void *data)
{
	void *vaddr = gen_pool_dma_alloc_algo(pool, size, dma, algo, data);

	if (vaddr)
		memset(vaddr, 0, size);
	return vaddr;
}
EXPORT_SYMBOL(gen_pool_dma_zalloc_algo);

/**
 * gen_pool_dma_zalloc_align - gen_pool_dma_alloc_align() and zero it
 * @pool: pool to allocate from
 * @size: number of bytes to allocate from the pool
 * @dma: dma-view physical address return value; may be NULL
 * @align: alignment in bytes for starting address
 * Context: any; never sleeps.
 */
void *gen_pool_dma_zalloc_align(struct gen_pool *pool, size_t size,
		dma_addr_t *dma, int align)
{
	struct genpool_data_align data = { .align = align };

	return gen_pool_dma_zalloc_algo(pool, size, dma,
			gen_pool_first_fit_align, &data);
}
EXPORT_SYMBOL(gen_pool_dma_zalloc_align);

/**
 * gen_pool_free_owner - free allocated special memory back to the pool
 * @pool: pool to free to
 * @addr: starting address of memory to free back to pool
 * @size: size in bytes of memory to free
 * @owner: private data stashed at gen_pool_add() time
 * Context: any; never sleeps.
 *
 * As 6.1: BUG if @addr is in no chunk, if the range runs past the chunk's
 * end, or if some of its bits are not allocated (double free).
 */
void gen_pool_free_owner(struct gen_pool *pool, unsigned long addr,
			 size_t size, void **owner)
{
	struct gen_pool_chunk *chunk;
	int order = pool->min_alloc_order;
	unsigned long start_bit, nbits, remain;
	unsigned long flags;

	BUG_ON(in_nmi());

	if (owner)
		*owner = NULL;

	nbits = (size + (1UL << order) - 1) >> order;
	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk) {
		if (addr >= chunk->start_addr && addr <= chunk->end_addr) {
			BUG_ON(addr + size - 1 > chunk->end_addr);
			start_bit = (addr - chunk->start_addr) >> order;
			remain = bitmap_change(chunk->bits, start_bit, nbits,
					       false);
			BUG_ON(remain);
			size = nbits << order;
			atomic_long_add(size, &chunk->avail);
			if (owner)
				*owner = chunk->owner;
			spin_unlock_irqrestore(&pool->lock, flags);
			return;
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	BUG();
}
EXPORT_SYMBOL(gen_pool_free_owner);

/**
 * gen_pool_for_each_chunk - call func for every chunk of generic memory pool
 * @pool: the generic memory pool
 * @func: func to call (under the pool lock: it must not sleep)
 * @data: additional data used by @func
 * Context: any.
 */
void gen_pool_for_each_chunk(struct gen_pool *pool,
	void (*func)(struct gen_pool *pool, struct gen_pool_chunk *chunk,
		     void *data),
	void *data)
{
	struct gen_pool_chunk *chunk;
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk)
		func(pool, chunk, data);
	spin_unlock_irqrestore(&pool->lock, flags);
}
EXPORT_SYMBOL(gen_pool_for_each_chunk);

/**
 * gen_pool_has_addr - checks if an address falls within the range of a pool
 * @pool: the generic memory pool
 * @start: start address
 * @size: size of the region
 * Context: any.
 *
 * Return: true if the whole region lies inside one chunk.
 */
bool gen_pool_has_addr(struct gen_pool *pool, unsigned long start,
		       size_t size)
{
	bool found = false;
	unsigned long end = start + size - 1;
	struct gen_pool_chunk *chunk;
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk) {
		if (start >= chunk->start_addr && start <= chunk->end_addr) {
			if (end <= chunk->end_addr) {
				found = true;
				break;
			}
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return found;
}
EXPORT_SYMBOL(gen_pool_has_addr);

/**
 * gen_pool_avail - get available free space of the pool
 * @pool: pool to get available free space
 * Context: any.
 *
 * Return: available free space in bytes (allocations count rounded up to
 * the pool's order).
 */
size_t gen_pool_avail(struct gen_pool *pool)
{
	struct gen_pool_chunk *chunk;
	size_t avail = 0;
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk)
		avail += atomic_long_read(&chunk->avail);
	spin_unlock_irqrestore(&pool->lock, flags);
	return avail;
}
EXPORT_SYMBOL(gen_pool_avail);

/**
 * gen_pool_size - get size in bytes of memory managed by the pool
 * @pool: pool to get size
 * Context: any.
 */
size_t gen_pool_size(struct gen_pool *pool)
{
	struct gen_pool_chunk *chunk;
	size_t size = 0;
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry(chunk, &pool->chunks, next_chunk)
		size += chunk_size(chunk);
	spin_unlock_irqrestore(&pool->lock, flags);
	return size;
}
EXPORT_SYMBOL(gen_pool_size);

/**
 * gen_pool_set_algo - set the allocation algorithm
 * @pool: pool to change allocation algorithm
 * @algo: custom algorithm function (NULL: first fit)
 * @data: additional data used by @algo
 * Context: any.
 */
void gen_pool_set_algo(struct gen_pool *pool, genpool_algo_t algo, void *data)
{
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	pool->algo = algo;
	if (!pool->algo)
		pool->algo = gen_pool_first_fit;
	pool->data = data;
	spin_unlock_irqrestore(&pool->lock, flags);
}
EXPORT_SYMBOL(gen_pool_set_algo);

/**
 * gen_pool_first_fit - find the first available region of memory
 * @map: the address to base the search on
 * @size: the bitmap size in bits
 * @start: the bitnumber to start searching at
 * @nr: the number of zeroed bits we're looking for
 * @data: additional data - unused
 * @pool: pool to find the fit region memory from
 * @start_addr: not used in this function
 * Context: any.
 */
unsigned long gen_pool_first_fit(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr)
{
	return bitmap_find_next_zero_area(map, size, start, nr, 0);
}
EXPORT_SYMBOL(gen_pool_first_fit);

/**
 * gen_pool_first_fit_align - find the first available region of memory
 * matching the size requirement (alignment constraint)
 * @map: the address to base the search on
 * @size: the bitmap size in bits
 * @start: the bitnumber to start searching at
 * @nr: the number of zeroed bits we're looking for
 * @data: a struct genpool_data_align (alignment in bytes)
 * @pool: pool to get order from
 * @start_addr: start addr of the chunk
 * Context: any.
 */
unsigned long gen_pool_first_fit_align(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr)
{
	struct genpool_data_align *alignment = data;
	unsigned long align_mask, align_off;
	int order = pool->min_alloc_order;

	align_mask = ((alignment->align + (1UL << order) - 1) >> order) - 1;
	align_off = (start_addr & (alignment->align - 1)) >> order;

	return bitmap_find_next_zero_area_off(map, size, start, nr,
					      align_mask, align_off);
}
EXPORT_SYMBOL(gen_pool_first_fit_align);

/**
 * gen_pool_fixed_alloc - reserve a specific region
 * @map: the address to base the search on
 * @size: the bitmap size in bits
 * @start: the bitnumber to start searching at
 * @nr: the number of zeroed bits we're looking for
 * @data: a struct genpool_data_fixed (offset in the chunk)
 * @pool: pool to get order from
 * @start_addr: not used in this function
 * Context: any.
 */
unsigned long gen_pool_fixed_alloc(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr)
{
	struct genpool_data_fixed *fixed_data = data;
	int order = pool->min_alloc_order;
	unsigned long offset_bit = fixed_data->offset >> order;
	unsigned long start_bit;

	if (WARN_ON(fixed_data->offset & ((1UL << order) - 1)))
		return size;

	start_bit = bitmap_find_next_zero_area(map, size, start + offset_bit,
					       nr, 0);
	if (start_bit != offset_bit)
		start_bit = size;
	return start_bit;
}
EXPORT_SYMBOL(gen_pool_fixed_alloc);

/**
 * gen_pool_first_fit_order_align - find the first available region of
 * memory matching the size requirement, aligned to its own size rounded up
 * to a power of two (in bitmap bits)
 * @map: the address to base the search on
 * @size: the bitmap size in bits
 * @start: the bitnumber to start searching at
 * @nr: the number of zeroed bits we're looking for
 * @data: additional data - unused
 * @pool: pool to find the fit region memory from
 * @start_addr: not used in this function
 * Context: any.
 */
unsigned long gen_pool_first_fit_order_align(unsigned long *map,
		unsigned long size, unsigned long start,
		unsigned int nr, void *data, struct gen_pool *pool,
		unsigned long start_addr)
{
	unsigned long align_mask = roundup_pow_of_two(nr) - 1;

	return bitmap_find_next_zero_area(map, size, start, nr, align_mask);
}
EXPORT_SYMBOL(gen_pool_first_fit_order_align);

/**
 * gen_pool_best_fit - find the best fitting region of memory
 * matching the size requirement (no alignment constraint)
 * @map: the address to base the search on
 * @size: the bitmap size in bits
 * @start: the bitnumber to start searching at
 * @nr: the number of zeroed bits we're looking for
 * @data: additional data - unused
 * @pool: pool to find the fit region memory from
 * @start_addr: not used in this function
 * Context: any.
 *
 * Iterates over the free regions and picks the smallest that fits (the
 * first of equal ones), stopping early at an exact fit, as 6.1.
 */
unsigned long gen_pool_best_fit(unsigned long *map, unsigned long size,
		unsigned long start, unsigned int nr, void *data,
		struct gen_pool *pool, unsigned long start_addr)
{
	unsigned long start_bit = size;
	unsigned long len = size + 1;
	unsigned long index;

	index = bitmap_find_next_zero_area(map, size, start, nr, 0);

	while (index < size) {
		unsigned long next_bit = find_next_bit(map, size, index + nr);

		if ((next_bit - index) < len) {
			len = next_bit - index;
			start_bit = index;
			if (len == nr)
				return start_bit;
		}
		index = bitmap_find_next_zero_area(map, size, next_bit + 1,
						   nr, 0);
	}
	return start_bit;
}
EXPORT_SYMBOL(gen_pool_best_fit);
