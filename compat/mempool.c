// SPDX-License-Identifier: MIT
/*
 * mempool.c - memory pools with a guaranteed reserve (emulation of Linux
 * 6.1 mm/mempool.c).
 *
 * Theory.  A pool keeps up to min_nr preallocated elements (the reserve,
 * elements[0..curr_nr)).  mempool_alloc() asks the backing allocator
 * first, with reclaim and IO masked so it cannot block; only when that
 * fails does it take a reserve element.  With the reserve empty it retries
 * the backing allocator with the caller's full flags, and then, if the
 * caller may sleep (__GFP_DIRECT_RECLAIM), waits up to 5 s for an element
 * to come back and starts over: such a call never returns NULL.  Without
 * __GFP_DIRECT_RECLAIM it returns NULL.  mempool_free() refills the reserve
 * before giving anything back to the backing allocator, and wakes waiters.
 *
 * Invariants: 0 <= curr_nr <= min_nr; elements[] has min_nr slots.
 * Locking: pool->lock (spin_lock_irqsave, as 6.1) guards curr_nr,
 * elements and min_nr; the backing allocator is never called with it held.
 * mempool_free() is legal in any context; mempool_alloc() may sleep only
 * when its flags allow.
 *
 * __GFP_ZERO: 6.1 only has VM_WARN_ON_ONCE(gfp_mask & __GFP_ZERO), which
 * Debian's kernel (no CONFIG_DEBUG_VM) compiles out, so there the flag
 * silently reaches the backing allocator: an element from the backing
 * allocator is zeroed, one from the reserve is not.  Callers relying on it
 * work until the day they hit the reserve.  Here the misuse is refused
 * loudly instead: WARN_ON_ONCE and the flag is cleared, so no element is
 * ever zeroed by the pool and the bug shows in testing.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mempool.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/export.h>
#include "internal.h"

static void add_element(mempool_t *pool, void *element)
{
	BUG_ON(pool->curr_nr >= pool->min_nr);
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	void *element = pool->elements[--pool->curr_nr];

	BUG_ON(pool->curr_nr < 0);
	return element;
}

/**
 * mempool_exit - free the reserve of a pool set up by mempool_init()
 * @pool: the pool; may also be zeroed and never initialised
 *
 * Context: sleeps only if the pool's free function does.  Elements still
 * held by users are not tracked: free them first, as Linux expects.
 */
void mempool_exit(mempool_t *pool)
{
	while (pool->curr_nr) {
		void *element = remove_element(pool);

		pool->free(element, pool->pool_data);
	}
	kfree(pool->elements);
	pool->elements = NULL;
}
EXPORT_SYMBOL(mempool_exit);

/**
 * mempool_destroy - free the reserve and the pool from mempool_create()
 * @pool: the pool, or NULL (no-op)
 *
 * Context: sleeps only if the pool's free function does.
 */
void mempool_destroy(mempool_t *pool)
{
	if (unlikely(!pool))
		return;
	mempool_exit(pool);
	kfree(pool);
}
EXPORT_SYMBOL(mempool_destroy);

/**
 * mempool_init_node - set up a pool in place and fill its reserve
 * @pool: the pool's storage
 * @min_nr: reserve size
 * @alloc_fn: backing allocator
 * @free_fn: backing free
 * @pool_data: passed to both
 * @gfp_mask: flags for the reserve array and the @min_nr elements
 * @node_id: ignored (one node)
 *
 * Context: may sleep if @gfp_mask allows.  Returns 0, or -ENOMEM after
 * undoing everything if the array or any element cannot be allocated.
 */
int mempool_init_node(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		      mempool_free_t *free_fn, void *pool_data,
		      gfp_t gfp_mask, int node_id)
{
	spin_lock_init(&pool->lock);
	pool->min_nr = min_nr;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	init_waitqueue_head(&pool->wait);

	pool->elements = kmalloc_array_node(min_nr, sizeof(void *), gfp_mask,
					    node_id);
	if (!pool->elements)
		return -ENOMEM;

	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(gfp_mask, pool->pool_data);

		if (unlikely(!element)) {
			mempool_exit(pool);
			return -ENOMEM;
		}
		add_element(pool, element);
	}
	return 0;
}
EXPORT_SYMBOL(mempool_init_node);

/**
 * mempool_init - mempool_init_node() with GFP_KERNEL
 * @pool: the pool's storage (e.g. embedded in another structure)
 * @min_nr: reserve size
 * @alloc_fn: backing allocator
 * @free_fn: backing free
 * @pool_data: passed to both
 *
 * Context: process; may sleep.  Returns 0 or -ENOMEM.
 */
int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		 mempool_free_t *free_fn, void *pool_data)
{
	return mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data,
				 GFP_KERNEL, NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_init);

/**
 * mempool_create_node - allocate a pool and fill its reserve
 * @min_nr: reserve size
 * @alloc_fn: backing allocator
 * @free_fn: backing free
 * @pool_data: passed to both
 * @gfp_mask: flags for the pool, its array and the reserve
 * @node_id: ignored (one node)
 *
 * Context: may sleep if @gfp_mask allows.  Returns the pool or NULL.
 */
mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn,
			       mempool_free_t *free_fn, void *pool_data,
			       gfp_t gfp_mask, int node_id)
{
	mempool_t *pool;

	pool = kzalloc_node(sizeof(*pool), gfp_mask, node_id);
	if (!pool)
		return NULL;
	if (mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data,
			      gfp_mask, node_id)) {
		kfree(pool);
		return NULL;
	}
	return pool;
}
EXPORT_SYMBOL(mempool_create_node);

/**
 * mempool_create - allocate a pool and fill its reserve with GFP_KERNEL
 * @min_nr: reserve size
 * @alloc_fn: backing allocator
 * @free_fn: backing free
 * @pool_data: passed to both
 *
 * Context: process; may sleep.  Returns the pool, or NULL if the pool or
 * any of the @min_nr elements cannot be allocated.
 */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn,
			  mempool_free_t *free_fn, void *pool_data)
{
	return mempool_create_node(min_nr, alloc_fn, free_fn, pool_data,
				   GFP_KERNEL, NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_create);

/**
 * mempool_resize - change the reserve size of a pool
 * @pool: the pool
 * @new_min_nr: new reserve size, > 0 (BUG otherwise, as 6.1)
 *
 * Context: process; may sleep.  Shrinking frees surplus reserve elements
 * at once.  Growing reallocates the array and tries to fill the new slots
 * with GFP_KERNEL; if an element cannot be had it stops and still returns
 * 0 (later frees refill the reserve).  Returns -ENOMEM only if the new
 * array cannot be allocated, leaving the pool unchanged.
 */
int mempool_resize(mempool_t *pool, int new_min_nr)
{
	void *element;
	void **new_elements;
	unsigned long flags;

	BUG_ON(new_min_nr <= 0);
	might_sleep();

	spin_lock_irqsave(&pool->lock, flags);
	if (new_min_nr <= pool->min_nr) {
		while (new_min_nr < pool->curr_nr) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	new_elements = kmalloc_array(new_min_nr, sizeof(*new_elements),
				     GFP_KERNEL);
	if (!new_elements)
		return -ENOMEM;

	spin_lock_irqsave(&pool->lock, flags);
	if (unlikely(new_min_nr <= pool->min_nr)) {
		/* A concurrent resize got there first. */
		spin_unlock_irqrestore(&pool->lock, flags);
		kfree(new_elements);
		return 0;
	}
	memcpy(new_elements, pool->elements,
	       pool->curr_nr * sizeof(*new_elements));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;

	while (pool->curr_nr < pool->min_nr) {
		spin_unlock_irqrestore(&pool->lock, flags);
		element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			return 0;
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
		} else {
			/* Refilled meanwhile by mempool_free(). */
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			return 0;
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return 0;
}
EXPORT_SYMBOL(mempool_resize);

/**
 * mempool_alloc - allocate an element, from the reserve if need be
 * @pool: the pool
 * @gfp_mask: the caller's flags; __GFP_ZERO is refused (see the top)
 *
 * Context: any if @gfp_mask does not allow sleeping; otherwise process
 * context, and the call may wait for mempool_free() but never fails.
 * The backing allocator is tried first with __GFP_NOMEMALLOC,
 * __GFP_NORETRY and __GFP_NOWARN added and __GFP_DIRECT_RECLAIM and
 * __GFP_IO removed; then the reserve; then the backing allocator again
 * with the full flags; then NULL without __GFP_DIRECT_RECLAIM, or a wait
 * of up to 5 s (6.1's io_schedule_timeout(5*HZ)) and the whole sequence
 * again.  Returns the element or NULL.
 */
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	void *element;
	unsigned long flags;
	gfp_t gfp_temp;

	if (WARN_ON_ONCE(gfp_mask & __GFP_ZERO))
		gfp_mask &= ~__GFP_ZERO;
	might_alloc(gfp_mask);

	gfp_mask |= __GFP_NOMEMALLOC;	/* no emergency reserves */
	gfp_mask |= __GFP_NORETRY;	/* the reserve is the fallback */
	gfp_mask |= __GFP_NOWARN;	/* failures are expected */
	gfp_temp = gfp_mask & ~(__GFP_DIRECT_RECLAIM | __GFP_IO);

	for (;;) {
		element = pool->alloc(gfp_temp, pool->pool_data);
		if (likely(element))
			return element;

		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr)) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			/* Pairs with smp_rmb() in mempool_free(). */
			smp_wmb();
			return element;
		}
		spin_unlock_irqrestore(&pool->lock, flags);

		/* First round without reclaim failed: retry at once. */
		if (gfp_temp != gfp_mask) {
			gfp_temp = gfp_mask;
			continue;
		}
		if (!(gfp_mask & __GFP_DIRECT_RECLAIM))
			return NULL;

		/* Wait for an element to come back, or 5 s, then retry. */
		wait_event_timeout(pool->wait, READ_ONCE(pool->curr_nr) > 0,
				   5 * HZ);
	}
}
EXPORT_SYMBOL(mempool_alloc);

/**
 * mempool_free - return an element to its pool
 * @element: the element, or NULL (no-op)
 * @pool: the pool it came from
 *
 * Context: any (sleeps only if the pool's free function does).  Refills
 * the reserve when it is below min_nr and wakes waiters; otherwise hands
 * the element to the backing free function.
 */
void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (unlikely(!element))
		return;

	/* Pairs with smp_wmb() in mempool_alloc(): see curr_nr after it. */
	smp_rmb();
	if (unlikely(READ_ONCE(pool->curr_nr) < pool->min_nr)) {
		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr < pool->min_nr)) {
			add_element(pool, element);
			spin_unlock_irqrestore(&pool->lock, flags);
			wake_up(&pool->wait);
			return;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	pool->free(element, pool->pool_data);
}
EXPORT_SYMBOL(mempool_free);

/**
 * mempool_alloc_slab - backing allocator: kmem_cache_alloc(@pool_data)
 * @gfp_mask: flags
 * @pool_data: the struct kmem_cache
 */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	struct kmem_cache *mem = pool_data;

	return kmem_cache_alloc(mem, gfp_mask);
}
EXPORT_SYMBOL(mempool_alloc_slab);

/**
 * mempool_free_slab - backing free: kmem_cache_free(@pool_data)
 * @element: the object
 * @pool_data: the struct kmem_cache
 */
void mempool_free_slab(void *element, void *pool_data)
{
	struct kmem_cache *mem = pool_data;

	kmem_cache_free(mem, element);
}
EXPORT_SYMBOL(mempool_free_slab);

/**
 * mempool_kmalloc - backing allocator: kmalloc((size_t)@pool_data)
 * @gfp_mask: flags
 * @pool_data: the size in bytes
 */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	size_t size = (size_t)pool_data;

	return kmalloc(size, gfp_mask);
}
EXPORT_SYMBOL(mempool_kmalloc);

/**
 * mempool_kfree - backing free: kfree()
 * @element: the object
 * @pool_data: unused
 */
void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}
EXPORT_SYMBOL(mempool_kfree);

/**
 * mempool_alloc_pages - backing allocator: alloc_pages() of order @pool_data
 * @gfp_mask: flags
 * @pool_data: the order, as (void *)(long)order
 *
 * Elements are struct page pointers.
 */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	int order = (int)(long)pool_data;

	return alloc_pages(gfp_mask, order);
}
EXPORT_SYMBOL(mempool_alloc_pages);

/**
 * mempool_free_pages - backing free: __free_pages() of order @pool_data
 * @element: the struct page
 * @pool_data: the order
 */
void mempool_free_pages(void *element, void *pool_data)
{
	int order = (int)(long)pool_data;

	__free_pages(element, order);
}
EXPORT_SYMBOL(mempool_free_pages);
