/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/fault.h - deterministic fault injection for the emulated
 * allocators.  Not part of the Linux API.
 *
 * Every outermost call into an allocator family (a call made by the
 * allocators themselves, e.g. the slab refilling from the page allocator,
 * is not counted) is an "allocation".  Those matching the filter are
 * numbered 1, 2, ... and the spec decides which fail.  A failed allocation
 * returns NULL at once, without waiting, whatever the GFP flags, except
 * __GFP_NOFAIL requests, which are never failed (as Linux's fail_page_alloc).
 *
 * SVR5DDI_FAULT (read at first use) holds comma-separated items:
 *   nth=N        fail the Nth matching allocation (1-based)
 *   times=K      with nth: fail K consecutive ones (default 1; -1: all after)
 *   prob=P       fail each matching allocation with probability P (0..1)
 *   seed=S       seed for prob (default 1): the same seed, the same failures
 *   only=nosleep match only requests that may not sleep
 *   only=sleep   match only requests that may sleep
 *   zone=dma|dma32|normal  match only requests whose zone is that one
 *   family=page|slab|vmalloc|dma|genalloc  match only that family
 *                (dma: dma_alloc_coherent and dma_pool_alloc)
 * A malformed item is a fatal error naming the variable.
 */
#ifndef _SVR5COMPAT_FAULT_H
#define _SVR5COMPAT_FAULT_H
#include <linux/types.h>
#include <linux/mmzone.h>

enum compat_fault_family {
	COMPAT_FAULT_PAGE,
	COMPAT_FAULT_SLAB,
	COMPAT_FAULT_VMALLOC,
	COMPAT_FAULT_DMA,
	COMPAT_FAULT_GENALLOC,
	COMPAT_FAULT_NR_FAMILIES,
	COMPAT_FAULT_ANY = -1,
};

enum compat_fault_sleep {
	COMPAT_FAULT_SLEEP_ANY,
	COMPAT_FAULT_SLEEP_ONLY,	/* only requests that may sleep */
	COMPAT_FAULT_NOSLEEP_ONLY,	/* only requests that may not */
};

struct compat_fault_spec {
	unsigned long nth;		/* 0: off */
	long times;			/* with nth; -1: every one from nth on */
	double probability;		/* 0: off */
	unsigned long seed;
	enum compat_fault_sleep sleep;
	int zone;			/* enum zone_type, or -1 for any */
	int family;			/* enum compat_fault_family or ANY */
};

struct compat_fault_stats {
	unsigned long calls;		/* allocations seen, any filter */
	unsigned long matched;		/* allocations matching the filter */
	unsigned long injected;		/* failures injected */
	unsigned long per_family[COMPAT_FAULT_NR_FAMILIES];
};

/*
 * Install @spec (NULL: injection off) and reset the counters.  Counting
 * starts with the first compat_fault_set() (or a SVR5DDI_FAULT value):
 * until then the hook costs one load and the counters stay at 0.
 */
void compat_fault_set(const struct compat_fault_spec *spec);
/* Parse a SVR5DDI_FAULT-style string into @spec; false if malformed. */
bool compat_fault_parse(const char *s, struct compat_fault_spec *spec);
void compat_fault_stats(struct compat_fault_stats *stats);

/*
 * The hook the allocators call at their entry: true means "fail this one".
 * @zone is the request's zone or -1.  Nested calls (an allocator called
 * by another) must be bracketed by compat_alloc_nest_enter/exit so that only
 * the outermost call is counted.
 */
extern int __compat_fault_active;	/* counting or injecting */
bool __compat_should_fail_slow(enum compat_fault_family family, gfp_t gfp,
			       int zone);
static inline bool __compat_should_fail(enum compat_fault_family family,
					gfp_t gfp, int zone)
{
	if (__builtin_expect(!__atomic_load_n(&__compat_fault_active,
					      __ATOMIC_RELAXED), 1))
		return false;
	return __compat_should_fail_slow(family, gfp, zone);
}
void __compat_alloc_nest_enter(void);
void __compat_alloc_nest_exit(void);

#endif
