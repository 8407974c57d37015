/* SPDX-License-Identifier: MIT */
/*
 * ddi_machine2.h - the simulated machine, seen from the DDI property,
 * pressure and fault tests (tests/check_ddi_property.c,
 * tests/check_ddi_pressure.c).
 *
 * Those tests include the driver-facing SVR5 headers (<sys/kmem.h> ...),
 * whose names (caddr_t, paddr_t, the kmem_* site macros) and whose
 * <sys/types.h> are not meant to meet the Linux API in one translation
 * unit.  Everything that needs the compat (Linux 6.1 emulation) headers
 * lives in tests/ddi_machine2.c behind this interface, which uses only
 * plain C types.
 */
#ifndef TESTS_DDI_MACHINE2_H
#define TESTS_DDI_MACHINE2_H

/* Zones, numbered as the Linux zone_type of the emulation. */
enum dm2_zone { DM2_ZONE_DMA, DM2_ZONE_DMA32, DM2_ZONE_NORMAL, DM2_NR_ZONES };

/*
 * Physical address of the byte at @va as the machine sees it: through
 * vmalloc_to_page() + page_to_phys() when is_vmalloc_addr() says @va is a
 * vmalloc/vmap address, through virt_to_phys() when it lies in the direct
 * map.  Returns 0 and fills *@pa, or -1 when @va is mapped by neither.
 */
int dm2_phys(const void *va, unsigned long long *pa);
/* 1 when @va is a vmalloc/vmap address. */
int dm2_is_vmalloc(const void *va);

unsigned long dm2_free_pages(void);		/* compat_free_pages() */
unsigned long dm2_zone_free_pages(enum dm2_zone zone);
unsigned long dm2_total_pages(void);		/* present, all zones */
/* Largest order with a free block in @zone, -1 if none. */
int dm2_zone_max_free_order(enum dm2_zone zone);

/* compat_fragment / compat_exhaust / compat_unfragment. */
void *dm2_fragment(enum dm2_zone zone);
void *dm2_exhaust(enum dm2_zone zone);
void dm2_unfragment(void *handle);

/* compat_run_in_hardirq(fn, arg) and the might_sleep() report count. */
void dm2_run_in_hardirq(void (*fn)(void *arg), void *arg);
unsigned long dm2_sleep_violations(void);

/* Fault injection: fail the @nth matching allocation (0: count only). */
void dm2_fault_nth(unsigned long nth);
void dm2_fault_off(void);
struct dm2_fault_counts {
	unsigned long calls;
	unsigned long matched;
	unsigned long injected;
};
void dm2_fault_counts(struct dm2_fault_counts *c);

/* Kernel log (svr5compat/log.h). */
void dm2_log_quiet(int quiet);
void dm2_log_clear(void);
int dm2_log_contains(const char *needle);
unsigned long dm2_warn_count(void);

/*
 * A direct dma_alloc_coherent(GFP_KERNEL | __GFP_NOWARN) of @size bytes
 * for a platform device whose streaming and coherent masks are
 * DMA_BIT_MASK(@bits).  Returns 1 if it succeeded (the memory is freed
 * again at once), 0 if it failed, -1 if the device could not be set up.
 */
int dm2_coherent_try(unsigned long size, int bits);

#endif
