/* SPDX-License-Identifier: MIT */
/*
 * svr5ddi/ddictl.h - svr5ddi's own control and statistics interface, for
 * the porting-test harness, tests and the kernel module's users.  Not part
 * of the SVR5 DDI: drivers never include it.  Freestanding C89.
 *
 * DIAGNOSTICS.  Every misuse the debug layer detects (spec section 10) is
 * reported through cmn_err(CE_WARN, ...) as ONE line that starts with
 * "svr5ddi: " followed by the call name and the misuse tag below, then the
 * address, the sizes and the sites, e.g.
 *   svr5ddi: kmem_free: size mismatch: addr 0x... size 100, allocated 64 at drv.c:12 (freed at drv.c:40)
 * Tags (the fixed text a tool may match; one per enum svr5ddi_misuse):
 *   SIZE_MISMATCH       "size mismatch"
 *   DOUBLE_FREE         "double free"
 *   WILD_FREE           "free of unknown address"
 *   INTERIOR_FREE       "free of interior pointer"
 *   REDZONE             "redzone overwritten"
 *   SLEEP_IN_ATOMIC     "KM_SLEEP in atomic context"
 *   UNPREPPED_PHYSREQ   "unprepped physreq"
 *   CHANGED_PHYSREQ     "physreq changed since prep"
 *   FOREIGN_PHYSREQ     "physreq not from physreq_alloc"
 *   SIZE_OVERFLOW       "size overflow"
 *   LEAK                "leak"  (one line per live allocation in the report)
 *   IMPOSSIBLE          "request can never be met"
 *   BAD_ARGUMENT        "bad argument"
 *   LOCK_NOT_HELD       "lock not held"        (UNLOCK, SV_WAIT ... of a lock
 *                                                the caller does not hold)
 *   LOCK_RECURSION      "recursive lock"       (LOCK of a lock it holds)
 *   SLEEP_WITH_LOCK     "sleep with a spin lock held"
 *   LOCK_HELD_AT_FREE   "dealloc of a held lock"
 *   BAD_LEVEL           "bad priority level"   (pl_t out of range, or a
 *                                                level below the current one
 *                                                where SVR5 forbids it)
 *   NO_DEVICE           "no device"            (I/O that reached no device)
 *   LOCK_ORDER          "lock order violation" (a basic lock taken while
 *                                                one of equal or higher
 *                                                hierarchy is held)
 *   WRONG_CONTEXT       "wrong context"        (a call its D3 page forbids
 *                                                in interrupt/atomic context)
 * Sites print as FILE:LINE, or "unknown site" when the caller was not
 * compiled with site capture.  Every report increments misuse[tag].
 */
#ifndef _SVR5DDI_DDICTL_H
#define _SVR5DDI_DDICTL_H

enum svr5ddi_backend {
	SVR5DDI_BK_SLAB,	/* size-class cache with mempool reserve */
	SVR5DDI_BK_VMALLOC,	/* large KM_SLEEP: virtually contiguous */
	SVR5DDI_BK_PAGES,	/* large KM_NOSLEEP, and DDI 5 large: pages */
	SVR5DDI_BK_POOL,	/* physreq sub-page block: dma_pool */
	SVR5DDI_BK_COHERENT,	/* physreq contiguous: dma_alloc_coherent */
	SVR5DDI_BK_RESERVE,	/* physreq contiguous: the contiguous reserve */
	SVR5DDI_BK_SCATTER,	/* physreq non-contiguous: pages + vmap */
	SVR5DDI_BK_NR
};

enum svr5ddi_misuse {
	SVR5DDI_MISUSE_SIZE_MISMATCH,
	SVR5DDI_MISUSE_DOUBLE_FREE,
	SVR5DDI_MISUSE_WILD_FREE,
	SVR5DDI_MISUSE_INTERIOR_FREE,
	SVR5DDI_MISUSE_REDZONE,
	SVR5DDI_MISUSE_SLEEP_IN_ATOMIC,
	SVR5DDI_MISUSE_UNPREPPED_PHYSREQ,
	SVR5DDI_MISUSE_CHANGED_PHYSREQ,
	SVR5DDI_MISUSE_FOREIGN_PHYSREQ,
	SVR5DDI_MISUSE_SIZE_OVERFLOW,
	SVR5DDI_MISUSE_LEAK,
	SVR5DDI_MISUSE_IMPOSSIBLE,
	SVR5DDI_MISUSE_BAD_ARGUMENT,
	SVR5DDI_MISUSE_LOCK_NOT_HELD,
	SVR5DDI_MISUSE_LOCK_RECURSION,
	SVR5DDI_MISUSE_SLEEP_WITH_LOCK,
	SVR5DDI_MISUSE_LOCK_HELD_AT_FREE,
	SVR5DDI_MISUSE_BAD_LEVEL,
	SVR5DDI_MISUSE_NO_DEVICE,
	SVR5DDI_MISUSE_WRONG_CONTEXT,
	SVR5DDI_MISUSE_LOCK_ORDER,
	SVR5DDI_MISUSE_NR
};

struct svr5ddi_backend_stats {
	unsigned long live_objects;
	unsigned long live_bytes;	/* bytes requested, not rounded */
	unsigned long allocs;		/* successful allocations */
	unsigned long failures;		/* NULL returns */
};

struct svr5ddi_stats {
	struct svr5ddi_backend_stats backend[SVR5DDI_BK_NR];
	unsigned long reserve_size[2];	/* contiguous reserve: [0] DMA, [1] DMA32 */
	unsigned long reserve_used[2];	/* bytes in use */
	unsigned long mempool_reserve_hits; /* small allocs served by a mempool reserve */
	unsigned long sleep_waits;	/* KM_SLEEP requests that had to wait */
	unsigned long misuse[SVR5DDI_MISUSE_NR];
	unsigned long misuse_total;
};

/* Snapshot of the counters.  Context: any. */
void svr5ddi_get_stats(struct svr5ddi_stats *stats);
/* Zero the misuse counters (tests).  Context: any. */
void svr5ddi_reset_misuse(void);
/* The debug layer's runtime switch (SVR5DDI_DEBUG / debug=).  Switching
 * it on only tracks allocations made from then on. */
void svr5ddi_set_debug(int on);
int svr5ddi_debug_enabled(void);
/*
 * Print one "leak" line per live tracked allocation (call, address, size,
 * backend, site) and return how many there were.  Context: process.
 */
unsigned long svr5ddi_leak_report(void);
/*
 * Describe the live tracked allocation holding physical address @pa as
 * "CALL of SIZE bytes at FILE:LINE" in @buf (@len bytes); returns 1 if
 * one holds it, else 0.  For device models' DMA reports.  Context: process.
 */
int svr5ddi_phys_owner(unsigned long long pa, char *buf, unsigned long len);

#endif
