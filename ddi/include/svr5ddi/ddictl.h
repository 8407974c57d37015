/* SPDX-License-Identifier: MIT */
/*
 * svr5ddi/ddictl.h - svr5ddi's own control and statistics interface, for
 * the porting-test harness, tests and the kernel module's users.  Not part
 * of the SVR5 DDI: drivers never include it.  Freestanding C89.
 *
 * DIAGNOSTICS.  Every misuse the debug layer detects (spec section 10) is
 * reported as ONE kernel log warning (KERN_WARNING) line
 *   svr5ddi: CALL: TEXT: details
 * where CALL is the DDI call, TEXT the fixed phrase of the report's tag
 * (enum svr5ddi_misuse below; the text a tool may match) and the details
 * give the address, the sizes and the sites, e.g.
 *   svr5ddi: kmem_free: size mismatch: addr 0x... size 100, allocated 64 at drv.c:12 (freed at drv.c:40)
 * svr5ddi_misuse_text(tag) returns TEXT and svr5ddi_misuse_name(tag) the
 * tag's name, both from the one table in ddi/misuse.c (listed in
 * svr5ddi_get_stats(9)).
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
	SVR5DDI_MISUSE_SIZE_MISMATCH,	/* free/unmap size is not the allocated one */
	SVR5DDI_MISUSE_DOUBLE_FREE,
	SVR5DDI_MISUSE_WILD_FREE,	/* free of an address never allocated */
	SVR5DDI_MISUSE_INTERIOR_FREE,	/* free of a pointer inside a block */
	SVR5DDI_MISUSE_REDZONE,		/* guard bytes after a buffer written */
	SVR5DDI_MISUSE_SLEEP_IN_ATOMIC,	/* KM_SLEEP where sleeping is forbidden */
	SVR5DDI_MISUSE_UNPREPPED_PHYSREQ,
	SVR5DDI_MISUSE_CHANGED_PHYSREQ,	/* physreq changed after physreq_prep */
	SVR5DDI_MISUSE_FOREIGN_PHYSREQ,	/* physreq not from physreq_alloc */
	SVR5DDI_MISUSE_SIZE_OVERFLOW,
	SVR5DDI_MISUSE_LEAK,		/* one per live allocation in a report */
	SVR5DDI_MISUSE_IMPOSSIBLE,	/* a request that can never be met */
	SVR5DDI_MISUSE_BAD_ARGUMENT,
	SVR5DDI_MISUSE_LOCK_NOT_HELD,	/* UNLOCK, SV_WAIT ... of a lock the
					 * caller does not hold */
	SVR5DDI_MISUSE_LOCK_RECURSION,	/* LOCK of a lock it holds */
	SVR5DDI_MISUSE_SLEEP_WITH_LOCK,	/* sleep with a spin lock held */
	SVR5DDI_MISUSE_LOCK_HELD_AT_FREE, /* dealloc of a held lock */
	SVR5DDI_MISUSE_BAD_LEVEL,	/* pl_t out of range, or below the
					 * current one where SVR5 forbids it */
	SVR5DDI_MISUSE_NO_DEVICE,	/* I/O that reached no device */
	SVR5DDI_MISUSE_WRONG_CONTEXT,	/* a call its D3 page forbids in
					 * interrupt/atomic context */
	SVR5DDI_MISUSE_LOCK_ORDER,	/* a basic lock taken while one of
					 * equal or higher hierarchy is held */
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
/*
 * The misuse tags: svr5ddi_misuse_name() gives the tag's name, the enum
 * constant without "SVR5DDI_MISUSE_" (e.g. "SIZE_MISMATCH");
 * svr5ddi_misuse_text() the phrase its reports carry after the call name
 * (e.g. "size mismatch").  NULL for a value not below SVR5DDI_MISUSE_NR.
 * Context: any.
 */
const char *svr5ddi_misuse_name(enum svr5ddi_misuse tag);
const char *svr5ddi_misuse_text(enum svr5ddi_misuse tag);

#endif
