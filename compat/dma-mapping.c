/* SPDX-License-Identifier: MIT */
/*
 * dma-mapping.c - the DMA API over the simulated physical memory
 * (emulation of Linux 6.1 kernel/dma/mapping.c + kernel/dma/direct.c on a
 * cache-coherent x86-64 machine without IOMMU, swiotlb, CMA or memory
 * encryption).
 *
 * Theory: a DMA address is the physical address (identity mapping), so
 * dma_handle == virt_to_phys(cpu_addr) always.  Coherent allocations follow
 * dma_direct_alloc(): the caller's zone flags are stripped, the zone is
 * chosen from the coherent mask (<= 24 bits: ZONE_DMA, <= 32 bits:
 * ZONE_DMA32, else any), pages of get_order(size) come from the buddy
 * allocator (hence natural alignment), and a block the mask cannot reach is
 * freed and the request retried with GFP_DMA32, then GFP_DMA, exactly as
 * __dma_direct_alloc_pages() does.  Streaming mappings are identity too;
 * one the device's dma_mask cannot reach fails with DMA_MAPPING_ERROR and a
 * one-time warning, as dma-direct does when swiotlb is not active.  Caches
 * are coherent, so the sync calls only check their arguments.
 *
 * Fault injection: dma_alloc_attrs() is one allocation of family
 * COMPAT_FAULT_DMA; its page allocations are nested and not counted.
 *
 * Locking: none of its own; the page allocator locks its zones.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <svr5compat/fault.h>
#include "internal.h"

#define min_not_zero(x, y) ({						\
	typeof(x) __x = (x);						\
	typeof(y) __y = (y);						\
	__x == 0 ? __y : ((__y == 0) ? __x : min(__x, __y)); })

static void dma_check_dev(const struct device *dev, const char *fn)
{
	/* 6.1 dereferences the device at once; say why before dying. */
	if (unlikely(!dev)) {
		pr_crit("%s: NULL device\n", fn);
		BUG();
	}
}

/* 6.1 dma_direct_optimal_gfp_mask(). */
static gfp_t dma_direct_optimal_gfp_mask(struct device *dev, u64 *phys_limit)
{
	u64 dma_limit = min_not_zero(dev->coherent_dma_mask,
				     dev->bus_dma_limit);

	*phys_limit = dma_limit;
	if (*phys_limit <= DMA_BIT_MASK(COMPAT_ZONE_DMA_BITS))
		return GFP_DMA;
	if (*phys_limit <= DMA_BIT_MASK(32))
		return GFP_DMA32;
	return 0;
}

/* 6.1 dma_coherent_ok(): the whole buffer is below the coherent mask. */
static bool dma_coherent_ok(struct device *dev, phys_addr_t phys, size_t size)
{
	return phys + size - 1 <=
		min_not_zero(dev->coherent_dma_mask, dev->bus_dma_limit);
}

/* 6.1 __dma_direct_alloc_pages() without CMA and swiotlb. */
static struct page *dma_direct_alloc_pages(struct device *dev, size_t size,
					   gfp_t gfp)
{
	unsigned int order = get_order(size);
	struct page *page;
	u64 phys_limit;

	WARN_ON_ONCE(!PAGE_ALIGNED(size));

	gfp |= dma_direct_optimal_gfp_mask(dev, &phys_limit);
again:
	page = __compat_alloc_pages(gfp, order);
	if (page && !dma_coherent_ok(dev, page_to_phys(page), size)) {
		__free_pages(page, order);
		page = NULL;

		if (phys_limit < DMA_BIT_MASK(64) &&
		    !(gfp & (GFP_DMA32 | GFP_DMA))) {
			gfp |= GFP_DMA32;
			goto again;
		}
		if (!(gfp & GFP_DMA)) {
			gfp = (gfp & ~GFP_DMA32) | GFP_DMA;
			goto again;
		}
	}
	return page;
}

/* 6.1 dma_direct_alloc() on a coherent device. */
static void *dma_direct_alloc(struct device *dev, size_t size,
			      dma_addr_t *dma_handle, gfp_t gfp,
			      unsigned long attrs)
{
	struct page *page;
	void *ret;

	size = PAGE_ALIGN(size);
	if (attrs & DMA_ATTR_NO_WARN)
		gfp |= __GFP_NOWARN;

	/* We always zero the memory ourselves once we are done. */
	page = dma_direct_alloc_pages(dev, size, gfp & ~__GFP_ZERO);
	if (!page)
		return NULL;

	*dma_handle = page_to_phys(page);
	if (attrs & DMA_ATTR_NO_KERNEL_MAPPING)
		return page;	/* the page is the opaque cookie */

	ret = page_address(page);
	memset(ret, 0, size);
	return ret;
}

/**
 * dma_alloc_attrs - allocate coherent memory for DMA
 * @dev: the device (its coherent_dma_mask decides the zone)
 * @size: bytes wanted; rounded up to whole pages
 * @dma_handle: set to the buffer's DMA (== physical) address
 * @flag: GFP flags; __GFP_DMA, __GFP_DMA32 and __GFP_HIGHMEM are ignored
 * @attrs: DMA_ATTR_* (NO_WARN, NO_KERNEL_MAPPING are honoured)
 * Context: may sleep if @flag allows blocking; any context otherwise.
 *
 * Reproduces 6.1 dma_alloc_attrs() + dma_direct_alloc(): warns once when
 * the device has no coherent mask, allocates get_order(size) pages
 * (naturally aligned) from the zone the mask calls for, retries lower zones
 * when the block is above the mask, zeroes the whole buffer.
 *
 * Return: the kernel address, or NULL when the mask cannot be met or the
 * memory is exhausted.
 */
void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		      gfp_t flag, unsigned long attrs)
{
	u64 phys_limit;
	gfp_t zone_gfp;
	void *cpu_addr;

	compat_init();
	dma_check_dev(dev, __func__);

	WARN_ON_ONCE(!dev->coherent_dma_mask);

	/* Let the implementation decide on the zone to allocate from. */
	flag &= ~(__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM);

	might_alloc(flag);
	zone_gfp = dma_direct_optimal_gfp_mask(dev, &phys_limit);
	if (__compat_should_fail(COMPAT_FAULT_DMA, flag, gfp_zone(zone_gfp)) &&
	    !(flag & __GFP_NOFAIL))
		return NULL;

	__compat_alloc_nest_enter();
	cpu_addr = dma_direct_alloc(dev, size, dma_handle, flag, attrs);
	__compat_alloc_nest_exit();
	return cpu_addr;
}
EXPORT_SYMBOL(dma_alloc_attrs);

/**
 * dma_free_attrs - free memory from dma_alloc_attrs()
 * @dev: the device it was allocated for
 * @size: the size passed to the allocation
 * @cpu_addr: the address it returned (NULL: nothing to free)
 * @dma_handle: the DMA address it returned; the pages are found from it
 * @attrs: the attributes passed to the allocation
 * Context: process or softirq context with interrupts enabled.
 *
 * Reproduces 6.1: WARN_ON(irqs_disabled()) (freeing coherent memory with
 * interrupts off is a driver bug), then the pages behind @dma_handle are
 * freed (the memory is still freed after the warning, as in 6.1).
 */
void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr,
		    dma_addr_t dma_handle, unsigned long attrs)
{
	struct page *page;

	dma_check_dev(dev, __func__);
	WARN_ON(irqs_disabled());

	if (!cpu_addr)
		return;

	size = PAGE_ALIGN(size);
	if (attrs & DMA_ATTR_NO_KERNEL_MAPPING)
		page = cpu_addr;	/* the cookie is the page */
	else
		page = pfn_to_page(PHYS_PFN(dma_handle));
	__free_pages(page, get_order(size));
}
EXPORT_SYMBOL(dma_free_attrs);

/* 6.1 dma_capable() for RAM on a 64-bit dma_addr_t. */
static bool dma_capable(struct device *dev, dma_addr_t addr, size_t size)
{
	dma_addr_t end = addr + size - 1;

	if (addr == DMA_MAPPING_ERROR)
		return false;
	return end <= min_not_zero(*dev->dma_mask, dev->bus_dma_limit);
}

/**
 * dma_map_page_attrs - map a page for streaming DMA
 * @dev: the device
 * @page: first page of the buffer
 * @offset: offset of the buffer in @page
 * @size: bytes
 * @dir: transfer direction (BUG if invalid)
 * @attrs: DMA_ATTR_*
 * Context: any.
 *
 * Reproduces 6.1 dma-direct without swiotlb: the DMA address is the
 * physical one; a buffer the device cannot reach gives a one-time
 * "DMA addr ... overflow (mask ..., bus limit ...)" warning and
 * DMA_MAPPING_ERROR.  A device without dma_mask warns once and fails.
 */
dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page,
			      size_t offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	dma_addr_t dma_addr;

	dma_check_dev(dev, __func__);
	BUG_ON(!valid_dma_direction(dir));

	if (WARN_ON_ONCE(!dev->dma_mask))
		return DMA_MAPPING_ERROR;

	dma_addr = page_to_phys(page) + offset;
	if (unlikely(!dma_capable(dev, dma_addr, size))) {
		dev_WARN_ONCE(dev, 1,
			"DMA addr 0x%016llx+%zu overflow (mask %llx, bus limit %llx).\n",
			(unsigned long long)dma_addr, size,
			(unsigned long long)*dev->dma_mask,
			(unsigned long long)dev->bus_dma_limit);
		return DMA_MAPPING_ERROR;
	}
	return dma_addr;
}
EXPORT_SYMBOL(dma_map_page_attrs);

/**
 * dma_map_single_attrs - map a kernel buffer for streaming DMA
 * @dev: the device
 * @ptr: buffer in the direct map (kmalloc, page allocator memory)
 * @size: bytes
 * @dir: transfer direction
 * @attrs: DMA_ATTR_*
 * Context: any.
 *
 * As 6.1: vmalloc memory is rejected with a one-time warning.  Memory
 * outside the simulated direct map (the host's stack or heap) has no
 * physical address here: it is reported with CONFIG_DMA_API_DEBUG's
 * "maps memory from invalid area" text and rejected too (6.1 would map
 * garbage).
 *
 * Return: the DMA address, or DMA_MAPPING_ERROR.
 */
dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir,
				unsigned long attrs)
{
	dma_check_dev(dev, __func__);
	/* DMA must never operate on areas that might be remapped. */
	if (dev_WARN_ONCE(dev, is_vmalloc_addr(ptr),
			  "rejecting DMA map of vmalloc memory\n"))
		return DMA_MAPPING_ERROR;
	if (dev_WARN_ONCE(dev, !virt_addr_valid(ptr),
			  "DMA-API: device driver maps memory from invalid area [addr=%p] [len=%zu]\n",
			  ptr, size))
		return DMA_MAPPING_ERROR;
	return dma_map_page_attrs(dev, virt_to_page(ptr), offset_in_page(ptr),
				  size, dir, attrs);
}
EXPORT_SYMBOL(dma_map_single_attrs);

/**
 * dma_unmap_page_attrs - end a streaming mapping
 * @dev: the device
 * @addr: the DMA address the mapping returned
 * @size: its size
 * @dir: its direction (BUG if invalid)
 * @attrs: DMA_ATTR_*
 * Context: any.  Nothing to undo on a coherent machine.
 */
void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
{
	BUG_ON(!valid_dma_direction(dir));
}
EXPORT_SYMBOL(dma_unmap_page_attrs);

/**
 * dma_sync_single_for_cpu - give a streaming buffer back to the CPU
 * @dev: the device
 * @addr: DMA address
 * @size: bytes
 * @dir: direction (BUG if invalid)
 * Context: any.  Caches are coherent: no work, as on x86.
 */
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	BUG_ON(!valid_dma_direction(dir));
}
EXPORT_SYMBOL(dma_sync_single_for_cpu);

/**
 * dma_sync_single_for_device - give a streaming buffer to the device
 * @dev: the device
 * @addr: DMA address
 * @size: bytes
 * @dir: direction (BUG if invalid)
 * Context: any.  Caches are coherent: no work, as on x86.
 */
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir)
{
	BUG_ON(!valid_dma_direction(dir));
}
EXPORT_SYMBOL(dma_sync_single_for_device);

/**
 * dma_supported - can the device address DMA with this mask?
 * @dev: the device
 * @mask: a DMA mask
 * Context: any.
 *
 * 6.1 dma_direct_supported(): masks of 32 bits or more always are;
 * smaller ones must cover min(highest RAM address, ZONE_DMA's 24 bits).
 */
int dma_supported(struct device *dev, u64 mask)
{
	u64 min_mask;

	compat_init();
	if (mask >= DMA_BIT_MASK(32))
		return 1;
	min_mask = (u64)(__compat_max_pfn - 1) << PAGE_SHIFT;
	min_mask = min_t(u64, min_mask, DMA_BIT_MASK(COMPAT_ZONE_DMA_BITS));
	return mask >= min_mask;
}
EXPORT_SYMBOL(dma_supported);

/**
 * dma_set_mask - set the streaming DMA mask
 * @dev: the device
 * @mask: the new mask
 * Context: process context (probe time).
 *
 * Return: 0, or -EIO when the device has no dma_mask pointer or the mask is
 * not supported (6.1).
 */
int dma_set_mask(struct device *dev, u64 mask)
{
	mask = (dma_addr_t)mask;
	if (!dev->dma_mask || !dma_supported(dev, mask))
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}
EXPORT_SYMBOL(dma_set_mask);

/**
 * dma_set_coherent_mask - set the coherent allocation mask
 * @dev: the device
 * @mask: the new mask
 * Context: process context (probe time).
 *
 * Return: 0, or -EIO when the mask is not supported (6.1).
 */
int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	mask = (dma_addr_t)mask;
	if (!dma_supported(dev, mask))
		return -EIO;
	dev->coherent_dma_mask = mask;
	return 0;
}
EXPORT_SYMBOL(dma_set_coherent_mask);

/**
 * dma_get_required_mask - the mask that reaches all of RAM
 * @dev: the device
 * Context: any.
 *
 * 6.1 dma_direct_get_required_mask(): all ones up to the top bit of the
 * highest physical address.
 */
u64 dma_get_required_mask(struct device *dev)
{
	phys_addr_t phys;

	compat_init();
	phys = (phys_addr_t)(__compat_max_pfn - 1) << PAGE_SHIFT;
	return (1ULL << (fls64(phys) - 1)) * 2 - 1;
}
EXPORT_SYMBOL(dma_get_required_mask);

/**
 * dma_max_mapping_size - the largest streaming mapping
 * @dev: the device
 * Context: any.  Without swiotlb: SIZE_MAX, as 6.1.
 */
size_t dma_max_mapping_size(struct device *dev)
{
	return SIZE_MAX;
}
EXPORT_SYMBOL(dma_max_mapping_size);
