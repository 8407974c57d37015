// SPDX-License-Identifier: MIT
/*
 * ddi_machine2.c - the compat side of the DDI property and pressure tests:
 * the machine's physical view of an address, zone controls, simulated
 * interrupt context, fault injection and a direct dma_alloc_coherent for
 * comparison.  Only compat headers here (see ddi_machine2.h for why).
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/err.h>
#include <svr5compat/physmem.h>
#include <svr5compat/context.h>
#include <svr5compat/fault.h>
#include <svr5compat/log.h>
#include "ddi_machine2.h"

int dm2_is_vmalloc(const void *va)
{
	return is_vmalloc_addr(va) ? 1 : 0;
}

int dm2_phys(const void *va, unsigned long long *pa)
{
	if (is_vmalloc_addr(va)) {
		struct page *page = vmalloc_to_page(va);

		if (!page)
			return -1;
		*pa = (unsigned long long)page_to_phys(page) +
		      offset_in_page(va);
		return 0;
	}
	if (!compat_addr_in_direct_map(va))
		return -1;
	*pa = (unsigned long long)virt_to_phys(va);
	return 0;
}

unsigned long dm2_free_pages(void)
{
	return compat_free_pages();
}

unsigned long dm2_zone_free_pages(enum dm2_zone zone)
{
	struct compat_zone_info info;

	if (!compat_zone_info((enum zone_type)zone, &info))
		return 0;
	return info.free_pages;
}

unsigned long dm2_total_pages(void)
{
	struct compat_zone_info info;
	unsigned long n = 0;
	int z;

	for (z = 0; z < DM2_NR_ZONES; z++)
		if (compat_zone_info((enum zone_type)z, &info))
			n += info.present_pages;
	return n;
}

int dm2_zone_max_free_order(enum dm2_zone zone)
{
	struct compat_zone_info info;
	int o;

	if (!compat_zone_info((enum zone_type)zone, &info))
		return -1;
	for (o = MAX_ORDER - 1; o >= 0; o--)
		if (info.free_blocks[o])
			return o;
	return -1;
}

void *dm2_fragment(enum dm2_zone zone)
{
	return compat_fragment((enum zone_type)zone);
}

void *dm2_exhaust(enum dm2_zone zone)
{
	return compat_exhaust((enum zone_type)zone);
}

void dm2_unfragment(void *handle)
{
	compat_unfragment(handle);
}

void dm2_run_in_hardirq(void (*fn)(void *arg), void *arg)
{
	compat_run_in_hardirq(fn, arg);
}

unsigned long dm2_sleep_violations(void)
{
	return compat_sleep_violations();
}

void dm2_fault_nth(unsigned long nth)
{
	struct compat_fault_spec spec = {
		.nth = nth,
		.times = 1,
		.probability = 0,
		.seed = 1,
		.sleep = COMPAT_FAULT_SLEEP_ANY,
		.zone = -1,
		.family = COMPAT_FAULT_ANY,
	};

	compat_fault_set(&spec);
}

void dm2_fault_off(void)
{
	compat_fault_set(NULL);
}

void dm2_fault_counts(struct dm2_fault_counts *c)
{
	struct compat_fault_stats st;

	compat_fault_stats(&st);
	c->calls = st.calls;
	c->matched = st.matched;
	c->injected = st.injected;
}

void dm2_log_quiet(int quiet)
{
	compat_log_quiet(quiet != 0);
}

void dm2_log_clear(void)
{
	compat_log_clear();
}

int dm2_log_contains(const char *needle)
{
	return compat_log_contains(needle) ? 1 : 0;
}

unsigned long dm2_warn_count(void)
{
	return compat_warn_count();
}

int dm2_coherent_try(unsigned long size, int bits)
{
	struct platform_device *pdev;
	dma_addr_t handle;
	void *cpu;
	int ok;

	pdev = platform_device_register_simple("ddi-machine2", PLATFORM_DEVID_AUTO,
					       NULL, 0);
	if (IS_ERR_OR_NULL(pdev))
		return -1;
	if (dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(bits))) {
		platform_device_unregister(pdev);
		return -1;
	}
	cpu = dma_alloc_coherent(&pdev->dev, size, &handle,
				 GFP_KERNEL | __GFP_NOWARN);
	ok = cpu != NULL;
	if (cpu)
		dma_free_coherent(&pdev->dev, size, cpu, handle);
	platform_device_unregister(pdev);
	return ok;
}
