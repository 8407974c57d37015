/* SPDX-License-Identifier: MIT */
/*
 * check_dma.c - devices and the DMA API (compat/device.c, dma-mapping.c)
 * against Linux 6.1's behaviour: platform device defaults, dma_set_mask
 * rules, dma_alloc_coherent zone choice, retry and alignment, streaming
 * mappings, the irqs-disabled free warning and fault injection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <svr5compat/physmem.h>
#include <svr5compat/fault.h>
#include <svr5compat/log.h>
#include "check_util.h"

#define MiB (1024UL * 1024)
#define GiB (1024UL * MiB)

static struct platform_device *new_pdev(const char *name, int id)
{
	struct platform_device *pdev;

	pdev = platform_device_register_simple(name, id, NULL, 0);
	ck_assert_msg(!IS_ERR_OR_NULL(pdev), "register %s.%d", name, id);
	return pdev;
}

/* Index of the first byte of @p[0..n) not equal to @val, or @n. */
static size_t first_not(const u8 *p, size_t n, u8 val)
{
	size_t i;

	for (i = 0; i < n && p[i] == val; i++)
		;
	return i;
}

static enum zone_type zone_of(dma_addr_t dma)
{
	return page_zonenum(pfn_to_page(PHYS_PFN(dma)));
}

/* ---- devices ---- */

START_TEST(test_platform_defaults)
{
	struct platform_device *a, *b, *dup;
	int cookie;

	a = new_pdev("foo", 3);
	ck_assert_str_eq(dev_name(&a->dev), "foo.3");
	ck_assert_ptr_eq(a->dev.dma_mask, &a->platform_dma_mask);
	ck_assert_uint_eq(*a->dev.dma_mask, DMA_BIT_MASK(32));
	ck_assert_uint_eq(a->dev.coherent_dma_mask, DMA_BIT_MASK(32));
	ck_assert_uint_eq(a->dev.bus_dma_limit, 0);
	ck_assert_uint_eq(dma_get_mask(&a->dev), DMA_BIT_MASK(32));

	b = new_pdev("bar", PLATFORM_DEVID_NONE);
	ck_assert_str_eq(dev_name(&b->dev), "bar");

	/* The same name twice fails as sysfs makes it fail in 6.1. */
	compat_log_quiet(true);
	dup = platform_device_register_simple("foo", 3, NULL, 0);
	ck_assert(IS_ERR(dup));
	ck_assert_int_eq(PTR_ERR(dup), -EEXIST);

	platform_set_drvdata(a, &cookie);
	ck_assert_ptr_eq(dev_get_drvdata(&a->dev), &cookie);

	compat_log_clear();
	dev_err(&a->dev, "hello %d\n", 42);
	dev_info(&b->dev, "info line\n");
	dev_dbg(&b->dev, "debug line\n");
	ck_assert(compat_log_contains("platform foo.3: hello 42"));
	ck_assert(compat_log_contains("platform bar: info line"));
	ck_assert(!compat_log_contains("debug line"));

	platform_device_unregister(a);
	platform_device_unregister(b);
	/* The name is free again once unregistered. */
	a = new_pdev("foo", 3);
	platform_device_unregister(a);
}
END_TEST

static int released;
static void count_release(struct device *dev)
{
	released++;
}

START_TEST(test_device_refcount)
{
	struct device dev = { .init_name = "plain0" };
	struct platform_device *pdev;
	struct resource res[2] = {
		DEFINE_RES_MEM(0x1000, 0x100),
		DEFINE_RES_IRQ(7),
	};

	dev.release = count_release;
	ck_assert_int_eq(device_register(&dev), 0);
	ck_assert_str_eq(dev_name(&dev), "plain0");
	get_device(&dev);
	device_unregister(&dev);
	ck_assert_int_eq(released, 0);
	put_device(&dev);
	ck_assert_int_eq(released, 1);

	pdev = platform_device_register_simple("res", 0, res, 2);
	ck_assert(!IS_ERR(pdev));
	ck_assert_uint_eq(pdev->num_resources, 2);
	ck_assert_ptr_ne(pdev->resource, res);	/* a copy, as 6.1 */
	ck_assert_uint_eq(platform_get_resource(pdev, IORESOURCE_MEM, 0)->start,
			  0x1000);
	ck_assert_uint_eq(resource_size(platform_get_resource(pdev,
					IORESOURCE_MEM, 0)), 0x100);
	ck_assert_uint_eq(platform_get_resource(pdev, IORESOURCE_IRQ, 0)->start,
			  7);
	ck_assert_ptr_null(platform_get_resource(pdev, IORESOURCE_MEM, 1));
	platform_device_unregister(pdev);
}
END_TEST

/* ---- masks ---- */

START_TEST(test_set_mask_rules)
{
	struct platform_device *pdev = new_pdev("mask", 0);
	struct device *dev = &pdev->dev;
	struct device bare;

	/* 6.1 dma_direct_supported(): below min(max RAM, 24 bits) fails. */
	ck_assert_int_eq(dma_set_mask(dev, DMA_BIT_MASK(20)), -EIO);
	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(20)), -EIO);
	ck_assert_int_eq(dma_set_mask(dev, DMA_BIT_MASK(23)), -EIO);
	ck_assert_uint_eq(*dev->dma_mask, DMA_BIT_MASK(32));
	ck_assert_uint_eq(dev->coherent_dma_mask, DMA_BIT_MASK(32));
	ck_assert_int_eq(dma_supported(dev, DMA_BIT_MASK(24)), 1);
	ck_assert_int_eq(dma_supported(dev, DMA_BIT_MASK(24) - 1), 0);

	ck_assert_int_eq(dma_set_mask(dev, DMA_BIT_MASK(24)), 0);
	ck_assert_uint_eq(*dev->dma_mask, DMA_BIT_MASK(24));
	ck_assert_int_eq(dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)), 0);
	ck_assert_uint_eq(*dev->dma_mask, DMA_BIT_MASK(64));
	ck_assert_uint_eq(dev->coherent_dma_mask, DMA_BIT_MASK(64));
	/* A failing streaming mask leaves the coherent one alone. */
	ck_assert_int_eq(dma_set_mask_and_coherent(dev, DMA_BIT_MASK(16)), -EIO);
	ck_assert_uint_eq(dev->coherent_dma_mask, DMA_BIT_MASK(64));

	/* No dma_mask pointer: dma_set_mask fails, the coherent one works. */
	memset(&bare, 0, sizeof(bare));
	device_initialize(&bare);
	ck_assert_int_eq(dma_set_mask(&bare, DMA_BIT_MASK(32)), -EIO);
	ck_assert_int_eq(dma_set_coherent_mask(&bare, DMA_BIT_MASK(30)), 0);
	ck_assert_uint_eq(dma_get_mask(&bare), DMA_BIT_MASK(32));

	/* Default layout: RAM up to 4 GiB + 128 MiB needs 33 bits. */
	ck_assert_uint_eq(dma_get_required_mask(dev), DMA_BIT_MASK(33));
	platform_device_unregister(pdev);
}
END_TEST

/* ---- coherent allocations ---- */

static void check_coherent(struct device *dev, int bits, size_t size,
			   enum zone_type want_zone)
{
	dma_addr_t dma = 0;
	u8 *p;
	size_t i;

	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(bits)), 0);
	p = dma_alloc_coherent(dev, size, &dma, GFP_KERNEL);
	ck_assert_msg(p != NULL, "%d-bit alloc of %zu", bits, size);
	ck_assert_uint_eq(dma, virt_to_phys(p));
	ck_assert_msg(dma + PAGE_ALIGN(size) - 1 <= DMA_BIT_MASK(bits),
		      "%d-bit: %llx+%zx above mask", bits,
		      (unsigned long long)dma, size);
	ck_assert_msg(zone_of(dma) == want_zone, "%d-bit: zone %d, want %d",
		      bits, zone_of(dma), want_zone);
	i = first_not(p, PAGE_ALIGN(size), 0);
	ck_assert_msg(i == PAGE_ALIGN(size), "byte %zu not zero", i);
	memset(p, 0x5a, size);
	dma_free_coherent(dev, size, p, dma);
}

START_TEST(test_coherent_masks)
{
	struct platform_device *pdev = new_pdev("coh", 0);
	struct device *dev = &pdev->dev;
	static const size_t sizes[] = { 1, 4096, 5000, 65536, 1 << 20 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		/* 6.1 dma_direct_optimal_gfp_mask(): the zone the mask is in. */
		check_coherent(dev, 24, sizes[i], ZONE_DMA);
		/* 30 bits: GFP_DMA32 first; the default DMA32 is below 1G. */
		check_coherent(dev, 30, sizes[i], ZONE_DMA32);
		check_coherent(dev, 32, sizes[i], ZONE_DMA32);
		/* 64 bits: no zone flag: ZONE_NORMAL above 4 GiB. */
		check_coherent(dev, 64, sizes[i], ZONE_NORMAL);
	}
	/* The caller's zone flags are stripped (6.1 dma_alloc_attrs). */
	{
		dma_addr_t dma;
		void *p = dma_alloc_coherent(dev, 4096, &dma,
					     GFP_KERNEL | GFP_DMA);

		ck_assert_ptr_nonnull(p);
		ck_assert_int_eq(zone_of(dma), ZONE_NORMAL);
		dma_free_coherent(dev, 4096, p, dma);
	}
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_coherent_alignment)
{
	struct platform_device *pdev = new_pdev("align", 0);
	struct device *dev = &pdev->dev;
	size_t size;

	for (size = PAGE_SIZE; size <= 4 * MiB; size *= 2) {
		size_t odd[2] = { size, size + size / 2 };
		int k;

		for (k = 0; k < 2; k++) {
			size_t sz = odd[k];
			size_t align = PAGE_SIZE << get_order(sz);
			dma_addr_t dma;
			void *p;

			if (get_order(sz) >= MAX_ORDER)
				continue;
			p = dma_alloc_coherent(dev, sz, &dma, GFP_KERNEL);
			ck_assert_msg(p != NULL, "size %zu", sz);
			ck_assert_msg((dma & (align - 1)) == 0,
				      "size %zu at %llx not %zu-aligned", sz,
				      (unsigned long long)dma, align);
			ck_assert_uint_eq(dma, virt_to_phys(p));
			dma_free_coherent(dev, sz, p, dma);
		}
	}
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_coherent_zeroed)
{
	struct platform_device *pdev = new_pdev("zero", 0);
	struct device *dev = &pdev->dev;
	void *prev = NULL;
	int i, reused = 0;

	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(24)), 0);
	for (i = 0; i < 16; i++) {
		dma_addr_t dma;
		u8 *p = dma_alloc_coherent(dev, 65536, &dma, GFP_KERNEL);
		size_t j;

		ck_assert_ptr_nonnull(p);
		if (p == (u8 *)prev)
			reused++;
		j = first_not(p, 65536, 0);
		ck_assert_msg(j == 65536, "round %d byte %zu", i, j);
		memset(p, 0xff, 65536);	/* dirty it for the next round */
		dma_free_coherent(dev, 65536, p, dma);
		prev = p;
	}
	/* The dirty block came back at least once: the zeroing was real. */
	ck_assert_int_gt(reused, 0);
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_coherent_24bit_exhausted)
{
	struct platform_device *pdev = new_pdev("exh", 0);
	struct device *dev = &pdev->dev;
	struct compat_frag *frag;
	dma_addr_t dma;
	void *p;

	compat_log_quiet(true);
	frag = compat_exhaust(ZONE_DMA);
	ck_assert_ptr_nonnull(frag);
	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(24)), 0);
	p = dma_alloc_coherent(dev, 4096, &dma, GFP_KERNEL | __GFP_NOWARN);
	ck_assert_ptr_null(p);

	/* A 32-bit device still gets memory (from DMA32). */
	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(32)), 0);
	p = dma_alloc_coherent(dev, 4096, &dma, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(zone_of(dma), ZONE_DMA32);
	dma_free_coherent(dev, 4096, p, dma);

	compat_unfragment(frag);
	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(24)), 0);
	p = dma_alloc_coherent(dev, 4096, &dma, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(zone_of(dma), ZONE_DMA);
	dma_free_coherent(dev, 4096, p, dma);
	platform_device_unregister(pdev);
}
END_TEST

/*
 * 6.1 __dma_direct_alloc_pages(): a 30-bit device first tries GFP_DMA32;
 * a block above 1 GiB fails dma_coherent_ok(), is freed, and the request
 * is retried with GFP_DMA.  DMA32 spans 16 MiB..2 GiB here; every 4 MiB
 * block below 1 GiB is taken so DMA32 can only offer blocks above it.
 */
#define MAX_BLOCKS 1024
START_TEST(test_coherent_30bit_retry)
{
	static struct page *held[MAX_BLOCKS];
	struct compat_zone_info dma_before, dma_after, d32_before, d32_after;
	struct platform_device *pdev;
	struct device *dev;
	int n = 0, i, kept = 0;
	dma_addr_t dma;
	void *p;

	setenv("SVR5DDI_PHYSMEM", "dma:16M,dma32:2G,normal:64M", 1);
	pdev = new_pdev("retry", 0);
	dev = &pdev->dev;

	for (;;) {
		struct page *pg = alloc_pages(GFP_KERNEL | __GFP_DMA32 |
					      __GFP_NOWARN, MAX_ORDER - 1);

		if (!pg)
			break;
		if (page_zonenum(pg) != ZONE_DMA32) {
			__free_pages(pg, MAX_ORDER - 1);
			break;
		}
		ck_assert_int_lt(n, MAX_BLOCKS);
		held[n++] = pg;
	}
	ck_assert_int_gt(n, 400);	/* ~2 GiB / 4 MiB */
	for (i = 0; i < n; i++) {
		if (page_to_phys(held[i]) >= 1 * GiB) {
			__free_pages(held[i], MAX_ORDER - 1);
			held[i] = NULL;
		} else {
			kept++;
		}
	}
	ck_assert_int_gt(kept, 200);

	ck_assert(compat_zone_info(ZONE_DMA, &dma_before));
	ck_assert(compat_zone_info(ZONE_DMA32, &d32_before));
	ck_assert_uint_gt(d32_before.free_blocks[MAX_ORDER - 1], 0);

	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(30)), 0);
	p = dma_alloc_coherent(dev, 4 * MiB, &dma, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(dma, virt_to_phys(p));
	ck_assert_uint_le(dma + 4 * MiB - 1, DMA_BIT_MASK(30));
	ck_assert_int_eq(zone_of(dma), ZONE_DMA);	/* the GFP_DMA retry */

	ck_assert(compat_zone_info(ZONE_DMA, &dma_after));
	ck_assert(compat_zone_info(ZONE_DMA32, &d32_after));
	ck_assert_uint_eq(dma_after.free_pages + 1024, dma_before.free_pages);
	/* The DMA32 block tried first was given back. */
	ck_assert_uint_eq(d32_after.free_pages, d32_before.free_pages);
	dma_free_coherent(dev, 4 * MiB, p, dma);

	/* Control: a 32-bit device takes the DMA32 block above 1 GiB. */
	ck_assert_int_eq(dma_set_coherent_mask(dev, DMA_BIT_MASK(32)), 0);
	p = dma_alloc_coherent(dev, 4 * MiB, &dma, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(zone_of(dma), ZONE_DMA32);
	ck_assert_uint_ge(dma, 1 * GiB);
	dma_free_coherent(dev, 4 * MiB, p, dma);

	for (i = 0; i < n; i++)
		if (held[i])
			__free_pages(held[i], MAX_ORDER - 1);
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_free_irqs_disabled_warns)
{
	struct platform_device *pdev = new_pdev("irq", 0);
	unsigned long flags, warns, before;
	dma_addr_t dma;
	void *p;

	compat_log_quiet(true);
	before = compat_free_pages();
	p = dma_alloc_coherent(&pdev->dev, 8192, &dma, GFP_KERNEL);
	ck_assert_ptr_nonnull(p);
	warns = compat_warn_count();
	compat_log_clear();
	local_irq_save(flags);
	dma_free_coherent(&pdev->dev, 8192, p, dma);
	local_irq_restore(flags);
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert(compat_log_contains("irqs_disabled()"));
	/* 6.1 still frees the memory after warning. */
	ck_assert_uint_eq(compat_free_pages(), before);

	/* With interrupts on: no warning. */
	p = dma_alloc_coherent(&pdev->dev, 8192, &dma, GFP_KERNEL);
	dma_free_coherent(&pdev->dev, 8192, p, dma);
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_no_coherent_mask)
{
	struct platform_device *pdev = new_pdev("nomask", 0);
	unsigned long warns;
	dma_addr_t dma;

	compat_log_quiet(true);
	pdev->dev.coherent_dma_mask = 0;
	warns = compat_warn_count();
	/* 6.1: WARN_ON_ONCE, and no zone can satisfy a zero mask. */
	ck_assert_ptr_null(dma_alloc_coherent(&pdev->dev, 4096, &dma,
					      GFP_KERNEL));
	ck_assert_uint_eq(compat_warn_count(), warns + 1);
	ck_assert_ptr_null(dma_alloc_coherent(&pdev->dev, 4096, &dma,
					      GFP_KERNEL));
	ck_assert_uint_eq(compat_warn_count(), warns + 1);	/* once */
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_fault_injection)
{
	struct platform_device *pdev = new_pdev("fault", 0);
	struct compat_fault_spec spec;
	struct compat_fault_stats st;
	dma_addr_t dma[4];
	void *p[4];
	int i;

	ck_assert(compat_fault_parse("family=dma,nth=2", &spec));
	compat_fault_set(&spec);
	for (i = 0; i < 3; i++)
		p[i] = dma_alloc_coherent(&pdev->dev, 4096, &dma[i], GFP_KERNEL);
	ck_assert_ptr_nonnull(p[0]);
	ck_assert_ptr_null(p[1]);
	ck_assert_ptr_nonnull(p[2]);
	/* __GFP_NOFAIL is never failed. */
	ck_assert(compat_fault_parse("family=dma,nth=1,times=-1", &spec));
	compat_fault_set(&spec);
	p[3] = dma_alloc_coherent(&pdev->dev, 4096, &dma[3],
				  GFP_KERNEL | __GFP_NOFAIL);
	ck_assert_ptr_nonnull(p[3]);
	ck_assert_ptr_null(dma_alloc_coherent(&pdev->dev, 4096, &dma[1],
					      GFP_KERNEL));
	compat_fault_stats(&st);
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_DMA], 2);
	/* The pages behind them are nested, not counted. */
	ck_assert_uint_eq(st.per_family[COMPAT_FAULT_PAGE], 0);
	ck_assert_uint_eq(st.injected, 1);
	compat_fault_set(NULL);
	dma_free_coherent(&pdev->dev, 4096, p[0], dma[0]);
	dma_free_coherent(&pdev->dev, 4096, p[2], dma[2]);
	dma_free_coherent(&pdev->dev, 4096, p[3], dma[3]);
	platform_device_unregister(pdev);
}
END_TEST

/* ---- streaming mappings ---- */

START_TEST(test_map_single)
{
	struct platform_device *pdev = new_pdev("map", 0);
	struct device *dev = &pdev->dev;
	struct page *low, *high;
	void *buf, *vbuf;
	dma_addr_t d;

	compat_log_quiet(true);
	low = alloc_pages(GFP_KERNEL | GFP_DMA32, 0);
	high = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(low);
	ck_assert_ptr_nonnull(high);
	ck_assert_int_eq(page_zonenum(high), ZONE_NORMAL);

	buf = (char *)page_address(low) + 100;
	d = dma_map_single(dev, buf, 200, DMA_TO_DEVICE);
	ck_assert_int_eq(dma_mapping_error(dev, d), 0);
	ck_assert_uint_eq(d, virt_to_phys(buf));
	dma_sync_single_for_cpu(dev, d, 200, DMA_TO_DEVICE);
	dma_sync_single_for_device(dev, d, 200, DMA_TO_DEVICE);
	dma_unmap_single(dev, d, 200, DMA_TO_DEVICE);

	/* Above the 32-bit mask, no swiotlb: error and a warning. */
	compat_log_clear();
	d = dma_map_single(dev, page_address(high), 64, DMA_FROM_DEVICE);
	ck_assert_uint_eq(d, DMA_MAPPING_ERROR);
	ck_assert_int_eq(dma_mapping_error(dev, d), -ENOMEM);
	ck_assert(compat_log_contains("overflow (mask ffffffff, bus limit 0)"));
	ck_assert(compat_log_contains("platform map.0: DMA addr"));

	/* A 64-bit device reaches it. */
	ck_assert_int_eq(dma_set_mask(dev, DMA_BIT_MASK(64)), 0);
	d = dma_map_page(dev, high, 8, 64, DMA_BIDIRECTIONAL);
	ck_assert_uint_eq(d, page_to_phys(high) + 8);
	dma_unmap_page(dev, d, 64, DMA_BIDIRECTIONAL);

	/* vmalloc memory is rejected (6.1 dma_map_single_attrs). */
	vbuf = vmalloc(PAGE_SIZE);
	ck_assert_ptr_nonnull(vbuf);
	compat_log_clear();
	d = dma_map_single(dev, vbuf, 16, DMA_TO_DEVICE);
	ck_assert_uint_eq(d, DMA_MAPPING_ERROR);
	ck_assert(compat_log_contains("rejecting DMA map of vmalloc memory"));
	vfree(vbuf);

	__free_pages(low, 0);
	__free_pages(high, 0);
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_map_bad_direction)
{
	struct platform_device *pdev = new_pdev("dir", 0);
	struct page *pg = alloc_pages(GFP_KERNEL | GFP_DMA32, 0);

	compat_log_quiet(true);
	dma_map_page(&pdev->dev, pg, 0, 64, DMA_NONE);	/* BUG: aborts */
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("dma");
	TCase *tc;

	tc = tcase_create("device");
	tcase_add_test(tc, test_platform_defaults);
	tcase_add_test(tc, test_device_refcount);
	tcase_add_test(tc, test_set_mask_rules);
	suite_add_tcase(s, tc);

	tc = tcase_create("coherent");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_coherent_masks);
	tcase_add_test(tc, test_coherent_alignment);
	tcase_add_test(tc, test_coherent_zeroed);
	tcase_add_test(tc, test_coherent_24bit_exhausted);
	tcase_add_test(tc, test_coherent_30bit_retry);
	tcase_add_test(tc, test_free_irqs_disabled_warns);
	tcase_add_test(tc, test_no_coherent_mask);
	tcase_add_test(tc, test_fault_injection);
	suite_add_tcase(s, tc);

	tc = tcase_create("streaming");
	tcase_add_test(tc, test_map_single);
	tcase_add_test_raise_signal(tc, test_map_bad_direction, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
