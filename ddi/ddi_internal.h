/* SPDX-License-Identifier: MIT */
/*
 * ddi_internal.h - what the ddi/ files share with each other.
 *
 * Dispatch model (kmem_free finds the backend from the ADDRESS):
 *   vmalloc range               -> record hash (VMALLOC, SCATTER)
 *   direct map, PageSlab        -> size-class caches (SLAB), no lookup
 *   direct map, page registered -> a physreq class's block pool (POOL),
 *                                  lockless page registry lookup
 *   other direct-map addresses  -> record hash (PAGES, COHERENT, RESERVE)
 * With the debug layer on every allocation also has a record (site, size,
 * redzone), and the record decides.  See kmem.c and kmem_debug.c.
 */
#ifndef _SVR5DDI_DDI_INTERNAL_H
#define _SVR5DDI_DDI_INTERNAL_H

#define SVR5DDI_NO_SITE_MACROS
#undef _DDI
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include <linux/mempool.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/dmapool.h>
#include <linux/workqueue.h>
#include <sys/types.h>
#include <sys/kmem.h>
#include <svr5ddi/ddictl.h>
#include "ddi_os.h"

/* ---- size classes (kmem.c) -------------------------------------------- */

#define DDI_MIN_SHIFT		3		/* 8 bytes */
#define DDI_MAX_SHIFT		(PAGE_SHIFT + 1)	/* 8 KiB */
#define DDI_NR_CLASSES		(DDI_MAX_SHIFT - DDI_MIN_SHIFT + 1)
#define DDI_MAX_SMALL		(1UL << DDI_MAX_SHIFT)
#define DDI_REDZONE_MIN		8		/* debug: guard bytes added */
#define DDI_REDZONE_MAX		16		/* debug: guard bytes checked */
#define DDI_REDZONE_BYTE	0xbb
#define DDI_MAX_CONTIG		(PAGE_SIZE << DDI_OS_TOP_ORDER)

struct ddi_sclass {
	struct kmem_cache *cache;
	mempool_t *pool;
	unsigned int size;
};

/* zone sets of small caches */
enum { DDI_ZS_NORMAL, DDI_ZS_DMA, DDI_ZS_NR };
extern struct ddi_sclass ddi_sclasses[DDI_ZS_NR][DDI_NR_CLASSES];

/* What a caller asked for, in KM_* terms, after the context check. */
gfp_t ddi_km_to_gfp(int km);
int ddi_km_effective(int km, size_t size, const char *call,
		     const char *file, int line);

/* ---- physreq classes (physreq.c) --------------------------------------- */

#define DDI_CLASS_MAGIC		0x5c1a55edU
#define DDI_POOL_CACHE		256	/* free blocks kept per block pool */

struct ddi_key {
	paddr_t align;
	paddr_t boundary;
	uchar_t dmasize;
	uchar_t max_scgth;
	uchar_t contig_flag;		/* phys_flags & PREQ_PHYSCONTIG */
};

struct ddi_class;

struct ddi_bpool {			/* blocks of one size for one class */
	struct dma_pool *dp;
	struct ddi_class *cls;
	size_t bs;			/* block size: a power of two */
	void *hot[4];			/* lock-free slots: xchg/cmpxchg */
	spinlock_t lock;		/* guards n and stack */
	unsigned int n;
	void *stack[DDI_POOL_CACHE];	/* LIFO of free blocks */
};

struct ddi_class {
	u32 magic;
	atomic_t refs;			/* prepped physreqs, lookups in flight */
	atomic_long_t live;		/* live allocations made with it */
	struct ddi_key key;
	bool contig;			/* contiguity implied by the members */
	u64 mask;			/* DMA_BIT_MASK(dmasize or 64) */
	gfp_t zone_gfp;			/* zone for pages meeting dmasize */
	int reserve;			/* contiguous reserve index, -1 none */
	struct platform_device *pdev;
	struct device *dev;
	unsigned int min_pool, max_pool;	/* pool orders present */
	struct ddi_bpool *pools[PAGE_SHIFT + 1];	/* by log2(block) */
	struct list_head list;
};

struct ddi_class *ddi_class_get(const struct ddi_key *key, bool may_sleep,
			       bool persist);
void ddi_class_put(struct ddi_class *cls);
void ddi_class_live_dec(struct ddi_class *cls);
void ddi_page_forget(struct ddi_bpool *bp);
bool ddi_key_valid(const struct ddi_key *key);
void ddi_key_from(struct ddi_key *key, const physreq_t *preq);
struct ddi_class *ddi_physreq_class(const physreq_t *preq, int km,
				    size_t size, const char *call,
				    const char *file, int line, bool *ref);
void ddi_physreq_exit(void);

/* ---- records (kmem_debug.c) -------------------------------------------- */

enum ddi_kind {
	DDI_KIND_MEM,		/* memory from an allocation call */
	DDI_KIND_PHYSREQ,	/* a physreq from physreq_alloc */
	DDI_KIND_BCB,		/* a bcb from bcb_alloc */
};

struct ddi_rec {
	struct ddi_rec *next;		/* hash chain / deferred list */
	unsigned long addr;
	size_t size;			/* requested */
	size_t asize;			/* asked of the backend */
	u8 kind;			/* enum ddi_kind */
	u8 backend;			/* enum svr5ddi_backend */
	u8 tracked;			/* made by the debug layer */
	u8 rz;				/* guard bytes after size */
	const char *call;
	const char *file;
	int line;
	struct ddi_class *cls;
	dma_addr_t dma;
	void *extra;			/* SCATTER: chunk table */
	unsigned int nchunks;
	size_t chunk;			/* SCATTER: bytes per chunk */
};

int ddi_rec_init(void);
void ddi_rec_exit(void);
struct ddi_rec *ddi_rec_alloc(int km);
void ddi_rec_free(struct ddi_rec *rec);
void ddi_rec_insert(struct ddi_rec *rec);
struct ddi_rec *ddi_rec_remove(unsigned long addr, enum ddi_kind kind);
struct ddi_rec *ddi_rec_remove_tomb(unsigned long addr, const char *file,
				    int line);
bool ddi_rec_exists(unsigned long addr, enum ddi_kind kind);
void ddi_rec_tombstone(const struct ddi_rec *rec, const char *file,
		       int line);
void ddi_report_bad_free(const char *call, unsigned long addr, size_t size,
			 const char *file, int line);
extern atomic_long_t ddi_nr_tracked;	/* debug records alive */
unsigned long ddi_rec_count(void);
extern int ddi_debug;			/* the runtime switch */
extern bool ddi_track_complete;		/* debug on since init */

/* ---- misuse reports and statistics (module.c) --------------------------- */

void ddi_misuse(enum svr5ddi_misuse tag, const char *fmt, ...) __printf(2, 3);
const char *ddi_site(const char *file, int line, char *buf, size_t len);
#define DDI_SITE(f, l)	ddi_site((f), (l), (char[96]){ 0 }, 96)

struct ddi_bstat {
	atomic_long_t live_objects;
	atomic_long_t live_bytes;
	atomic_long_t allocs;
	atomic_long_t failures;
};
extern struct ddi_bstat ddi_bstats[SVR5DDI_BK_NR];
extern atomic_long_t ddi_mempool_reserve_hits;
extern atomic_long_t ddi_sleep_waits;

static inline void ddi_stat_alloc(int bk, size_t size)
{
	atomic_long_inc(&ddi_bstats[bk].allocs);
	atomic_long_inc(&ddi_bstats[bk].live_objects);
	atomic_long_add((long)size, &ddi_bstats[bk].live_bytes);
}

static inline void ddi_stat_free(int bk, size_t size)
{
	atomic_long_dec(&ddi_bstats[bk].live_objects);
	atomic_long_sub((long)size, &ddi_bstats[bk].live_bytes);
}

static inline void ddi_stat_fail(int bk)
{
	atomic_long_inc(&ddi_bstats[bk].failures);
}

/*
 * Fast-path statistics (release mode, slab and pool): a plain load and
 * store instead of an atomic read-modify-write, which would cost more
 * than the allocation itself.  Exact single-threaded and with the debug
 * layer on (which uses the atomic versions); under concurrent release-mode
 * use an update may be lost: these are statistics, not state.
 */
static __always_inline void ddi_racy_add(atomic_long_t *v, long d)
{
	WRITE_ONCE(v->counter, READ_ONCE(v->counter) + d);
}

static __always_inline void ddi_stat_alloc_fast(int bk, size_t size)
{
	ddi_racy_add(&ddi_bstats[bk].allocs, 1);
	ddi_racy_add(&ddi_bstats[bk].live_objects, 1);
	ddi_racy_add(&ddi_bstats[bk].live_bytes, (long)size);
}

static __always_inline void ddi_stat_free_fast(int bk, size_t size)
{
	ddi_racy_add(&ddi_bstats[bk].live_objects, -1);
	ddi_racy_add(&ddi_bstats[bk].live_bytes, -(long)size);
}

const char *ddi_backend_name(int bk);

/* Waiting of KM_SLEEP requests (kmem.c). */
struct ddi_wait {
	unsigned long start;
	bool counted;
};
void ddi_wait_init(struct ddi_wait *w);
void ddi_wait_once(struct ddi_wait *w, const char *call, size_t size);

/* ---- backends (kmem.c, phys.c, reserve.c) ------------------------------- */

void *ddi_small_alloc(struct ddi_sclass *sc, int km);
void ddi_small_free(void *addr, size_t size, int zs);
void ddi_free_rec_backend(struct ddi_rec *rec);
void ddi_deferred_init(void);
void ddi_deferred_exit(void);

int ddi_kmem_init(void);
void ddi_kmem_exit(void);
unsigned long ddi_kmem_live(void);

/* page registry: pfn -> block pool (phys.c) */
struct ddi_bpool *ddi_page_owner(unsigned long pfn);
int ddi_page_register(unsigned long pfn, struct ddi_bpool *bp, gfp_t gfp);
void ddi_pages_exit(void);
void ddi_bpool_free(struct ddi_bpool *bp, void *addr);
void ddi_bpool_destroy(struct ddi_bpool *bp);

/* ---- calls between the issue-6 families --------------------------------- */

/*
 * Priority levels (ksynch family, ddi/spl.c).  ddi_spl_raise() raises the
 * calling CPU to at least @pl (an SVR5 pl_t value: plbase 0 .. plhi) and
 * returns the previous level; above plbase interrupts are masked.
 * ddi_spl_restore() returns to a level ddi_spl_raise() gave.  Timeout
 * callbacks and interrupt handlers run their code between the two.
 * Context: any.
 */
int ddi_spl_raise(int pl);
void ddi_spl_restore(int old);
int ddi_spl_current(void);

/*
 * Resource manager (drv family, ddi/confmgr.c): the @idx-th device-memory
 * range (CM_MEMADDR) of board @key; 0, or -ENOENT.  Context: any.
 */
int ddi_rm_memrange(unsigned long key, unsigned int idx, u64 *start,
		    u64 *len);

/* Timeouts (time family, ddi/timeout.c): cancel the pending ones at exit. */
void ddi_timeout_exit(void);

/* contiguous reserve (reserve.c) */
int ddi_reserve_init(unsigned long size_dma, unsigned long size_dma32);
void ddi_reserve_exit(void);
void *ddi_reserve_alloc(int idx, size_t size, size_t align, dma_addr_t *dma);
void ddi_reserve_free(void *addr, size_t size);
bool ddi_reserve_owns(const void *addr);
int ddi_reserve_index(u64 mask);
void ddi_reserve_stats(unsigned long size[2], unsigned long used[2]);

/* the general physreq allocator (phys.c) */
void *ddi_phys_alloc(size_t size, const physreq_t *preq, int km,
		     bool force_contig, bool zero, bool fail_ok,
		     dma_addr_t *dma, const char *call,
		     const char *file, int line);

/* internal memory for physreqs and bcbs (physreq.c) */
void *ddi_obj_alloc(size_t size, int km, enum ddi_kind kind,
		    const char *call, const char *file, int line);
bool ddi_obj_free(void *obj, enum ddi_kind kind, const char *call,
		  const char *file, int line);
struct ddi_class *ddi_rec_set_cls(unsigned long addr, enum ddi_kind kind,
				  struct ddi_class *cls, bool *found);

#endif /* _SVR5DDI_DDI_INTERNAL_H */
