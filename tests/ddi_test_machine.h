/* SPDX-License-Identifier: MIT */
/*
 * ddi_test_machine.h - the simulated machine, seen from the DDI tests.
 *
 * The DDI tests include the SVR5 driver headers (<sys/kmem.h> ...).  The
 * machine controls (the svr5compat headers) and the Linux API the checks need
 * (virt_to_phys, vmalloc_to_page, spin locks, kmalloc, kthreads) live in
 * ddi_test_machine.c, which includes no SVR5 header, behind this small C
 * API that uses plain C types only.  Every function is usable from a test
 * in process context; none is part of svr5ddi.
 */
#ifndef TESTS_DDI_TEST_MACHINE_H
#define TESTS_DDI_TEST_MACHINE_H

#include <stddef.h>

#define DDIT_NOPHYS	(~0ULL)		/* "no physical address" */

/* Zones of the simulated machine (ZONE_DMA, ZONE_DMA32, ZONE_NORMAL). */
enum ddit_zone { DDIT_ZONE_DMA, DDIT_ZONE_DMA32, DDIT_ZONE_NORMAL,
		 DDIT_NR_ZONES };

/*
 * Physical address of the byte at @p: exact for the direct map
 * (virt_to_phys) and for vmalloc/vmap addresses (vmalloc_to_page plus the
 * offset); DDIT_NOPHYS for anything else.
 */
unsigned long long ddit_phys_of(const void *p);
int ddit_in_direct_map(const void *p);
int ddit_is_vmalloc(const void *p);

/* The physical shape of [p, p + size). */
struct ddit_layout {
	int mapped;			/* every byte has a physical address */
	unsigned long long first;	/* phys of the first byte */
	unsigned long long last;	/* phys of the last byte */
	unsigned long long max;		/* highest phys of any byte */
	unsigned int runs;		/* physically contiguous runs */
};
void ddit_layout(const void *p, size_t size, struct ddit_layout *l);

/* Execution contexts. */
void ddit_run_in_hardirq(void (*fn)(void *arg), void *arg);
void ddit_run_in_softirq(void (*fn)(void *arg), void *arg);
void ddit_spin_lock(void);		/* one test spin lock */
void ddit_spin_unlock(void);
void ddit_irq_disable(void);		/* local_irq_disable() */
void ddit_irq_enable(void);
int ddit_in_atomic(void);
unsigned long ddit_sleep_violations(void);	/* might_sleep() reports */
unsigned long ddit_warn_count(void);		/* WARN*() that fired */
void ddit_msleep(unsigned int ms);

/* Kernel log. */
void ddit_log_quiet(int quiet);
void ddit_log_clear(void);
int ddit_log_contains(const char *needle);
unsigned int ddit_log_count(const char *needle);
/*
 * Copy into @buf the @nth (0-based) log line since the last clear that
 * contains @needle (without its newline).  Returns 1 if found, else 0.
 */
int ddit_log_line(const char *needle, unsigned int nth, char *buf,
		  size_t size);

/* Fault injection (svr5compat/fault.h). */
#define DDIT_FAMILY_ANY		(-1)
#define DDIT_FAMILY_PAGE	0
#define DDIT_FAMILY_SLAB	1
#define DDIT_FAMILY_VMALLOC	2
#define DDIT_FAMILY_DMA		3
#define DDIT_FAMILY_GENALLOC	4
#define DDIT_SLEEP_ANY		0
#define DDIT_SLEEP_ONLY		1
#define DDIT_NOSLEEP_ONLY	2
/* Fail every matching allocation from now on (nth=1, times=-1). */
void ddit_fault_fail_all(int family, int sleep_filter);
void ddit_fault_off(void);
unsigned long ddit_fault_injected(void);
/*
 * As ddit_fault_fail_all(family ANY), then a kernel thread turns injection
 * off after @ms milliseconds.  ddit_fault_lift_wait() waits for that and
 * returns how many failures were injected before the lift.
 */
void ddit_fault_fail_all_for(unsigned int ms);
unsigned long ddit_fault_lift_wait(void);
int ddit_fault_lifted(void);
/* Fail exactly the @nth allocation (any family) from now on, once. */
void ddit_fault_nth(unsigned long nth);
struct ddit_fault_counts {
	unsigned long calls;		/* allocation calls seen */
	unsigned long matched;		/* calls the spec matched */
	unsigned long injected;		/* failures injected */
};
void ddit_fault_counts(struct ddit_fault_counts *c);

/* Physical memory pressure (svr5compat/physmem.h). */
void *ddit_fragment(enum ddit_zone zone);
void *ddit_exhaust(enum ddit_zone zone);
void ddit_unfragment(void *frag);
unsigned long ddit_zone_free_pages(enum ddit_zone zone);
unsigned long ddit_free_pages(void);		/* all zones */
int ddit_zone_max_free_order(enum ddit_zone zone);	/* -1: none free */

/*
 * Raw dma_alloc_coherent() of @size on a fresh device with a @bits-bit
 * mask, freed at once: 1 if it succeeded, 0 if not, -1 on set-up failure.
 */
int ddit_coherent_try(unsigned long size, int bits);

/* Memory the DDI shim never returned (for wild frees). */
void *ddit_kmalloc(size_t size);
void ddit_kfree(void *p);
void *ddit_page_alloc(void);		/* one direct-map page */
void ddit_page_free(void *p);

#endif
