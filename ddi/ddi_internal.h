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
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/slab.h>
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
	unsigned int mag_max;		/* per-CPU magazine depth (normal zone) */
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
#define PREQ_PREPPED		0x01	/* phys_flags: physreq_prep succeeded */
#define DDI_POOL_CACHE		256	/* free blocks kept per block pool */

struct ddi_key {
	paddr_t align;
	paddr_t boundary;
	uchar_t dmasize;
	uchar_t max_scgth;
	uchar_t contig_flag;		/* phys_flags & PREQ_PHYSCONTIG */
};

struct ddi_class;

struct ddi_mag;
struct ddi_tomb;

struct ddi_bpool {			/* blocks of one size for one class */
	struct dma_pool *dp;
	struct ddi_class *cls;
	size_t bs;			/* block size: a power of two */
	struct ddi_mag __percpu *mag;	/* per-CPU free blocks (kmem_cpu.c) */
	spinlock_t lock;		/* guards n and stack */
	unsigned int n;
	void *stack[DDI_POOL_CACHE];	/* LIFO of free blocks */
};

struct ddi_class {
	u32 magic;
	atomic_t refs;			/* prepped physreqs, lookups in flight */
	long __percpu *live;		/* live allocations made with it:
					 * per-CPU counts, summed to reap */
	struct ddi_key key;
	bool contig;			/* contiguity implied by the members */
	u64 mask;			/* DMA_BIT_MASK(dmasize or 64) */
	gfp_t zone_gfp;			/* zone for pages meeting dmasize */
	int reserve;			/* contiguous reserve index, -1 none */
	struct platform_device *pdev;
	struct device *dev;
	unsigned int min_pool, max_pool;	/* pool orders present */
	struct ddi_bpool *pools[PAGE_SHIFT + 1];	/* by log2(block) */
	/*
	 * For the allocation fast paths: ddi_physreq_sig() of a prepped
	 * physreq with this key, and by order_base_2(size) the per-CPU
	 * magazines of the pool serving that size (ddi_class_fast_order),
	 * once made; NULL where no pool block may serve it.
	 */
	u32 sig;
	struct ddi_mag __percpu *fast[PAGE_SHIFT + 1];
	struct list_head list;
};

/*
 * ddi_physreq_sig - the members of @preq that a class's key holds but
 * align and boundary, with the prepped flag, in one word to compare with
 * cls->sig.
 */
static __always_inline u32 ddi_physreq_sig(const physreq_t *preq)
{
	return preq->phys_dmasize | (u32)preq->phys_max_scgth << 8 |
	       (u32)(preq->phys_flags & (PREQ_PREPPED | PREQ_PHYSCONTIG)) << 16;
}

/*
 * ddi_class_fast_order - log2 of the pool block that serves sizes of
 * order @k (2^(k-1) < size <= 2^k) for @cls, or 0 when no pool block may
 * (the physreq's align is beyond a page, or its boundary below 2^k).
 */
static inline unsigned int ddi_class_fast_order(const struct ddi_class *cls,
						unsigned int k)
{
	if (cls->key.align > PAGE_SIZE ||
	    (cls->key.boundary && (1UL << k) > cls->key.boundary))
		return 0;
	return max(k, cls->min_pool);
}

struct ddi_class *ddi_class_get(const struct ddi_key *key, bool may_sleep,
			       bool persist);
void ddi_class_put(struct ddi_class *cls);
void ddi_class_reap_later(void);

/*
 * ddi_class_live_inc/dec - one allocation of @cls made/freed (per-CPU
 * count).  A free of an unreferenced class's last allocations asks for a
 * reap (physreq.c).  Context: any; never sleeps.
 */
static __always_inline void ddi_class_live_inc(struct ddi_class *cls)
{
	this_cpu_inc(*cls->live);
}

static __always_inline void ddi_class_live_dec(struct ddi_class *cls)
{
	this_cpu_dec(*cls->live);
	if (unlikely(!atomic_read(&cls->refs)))
		ddi_class_reap_later();
}
void ddi_page_forget(struct ddi_bpool *bp);
bool ddi_key_valid(const struct ddi_key *key);
void ddi_key_from(struct ddi_key *key, const physreq_t *preq);

/* @preq's members are still those of key @k (compiled at prep). */
static __always_inline bool ddi_key_matches(const struct ddi_key *k,
					    const physreq_t *preq)
{
	return k->align == preq->phys_align &&
	       k->boundary == preq->phys_boundary &&
	       k->dmasize == preq->phys_dmasize &&
	       k->max_scgth == preq->phys_max_scgth &&
	       k->contig_flag == (preq->phys_flags & PREQ_PHYSCONTIG);
}
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

struct ddi_rec_head {
	u8 kind;			/* enum ddi_kind */
	u8 backend;			/* enum svr5ddi_backend */
	u8 tracked;			/* made by the debug layer */
	u8 rz;				/* guard bytes after size */
};

/*
 * A record on a CPU's record magazine has next, cls, dma, extra, nchunks
 * and chunk clear (ddi_rec_free clears, the fast frees keep it so), so the
 * debug fast paths' ddi_rec_fill need not write them.
 */
struct ddi_rec {
	unsigned int gen;		/* odd while published (live) */
	union {
		struct {		/* as struct ddi_rec_head */
			u8 kind;
			u8 backend;
			u8 tracked;
			u8 rz;
		};
		struct ddi_rec_head head;	/* the four in one store */
	};
	struct ddi_rec *next;		/* hash chain / free list / deferred */
	unsigned long addr;
	size_t size;			/* requested */
	size_t asize;			/* asked of the backend */
	const char *call;
	const char *file;
	int line;
	struct ddi_class *cls;
	dma_addr_t dma;
	void *extra;			/* SCATTER: chunk table */
	unsigned int nchunks;
	size_t chunk;			/* SCATTER: bytes per chunk */
};

/*
 * A tracked slab object ends with a trailer naming its record (found by
 * kmem_free from the object alone: see kmem_debug.c).
 */
struct ddi_trailer {
	struct ddi_rec *rec;
	unsigned long check;		/* rec ^ addr ^ a secret */
};
#define DDI_TRAILER		sizeof(struct ddi_trailer)

int ddi_rec_init(void);
void ddi_rec_exit(void);
struct ddi_rec *__ddi_rec_alloc(int km);
void ddi_rec_free(struct ddi_rec *rec);
void ddi_rec_insert(struct ddi_rec *rec);
struct ddi_rec *ddi_rec_remove(unsigned long addr, enum ddi_kind kind);
bool ddi_rec_exists(unsigned long addr, enum ddi_kind kind);
bool ddi_mem_live(const void *addr);
extern unsigned long ddi_trailer_secret;

/*
 * A record is live (published: behind a trailer, in a page's slots or in
 * the hash) while its gen is odd; each change is one increment by the
 * record's owner, the publication a release so a walker that sees the
 * odd gen sees the filled record (kmem_debug.c).
 */
static __always_inline void ddi_rec_publish(struct ddi_rec *rec)
{
	smp_store_release(&rec->gen, rec->gen + 1);
}

static __always_inline void ddi_rec_unpublish(struct ddi_rec *rec)
{
	WRITE_ONCE(rec->gen, rec->gen + 1);
}

static __always_inline struct ddi_trailer *ddi_trailer_of(const void *obj,
							  size_t objsize)
{
	return (struct ddi_trailer *)((char *)obj + objsize - DDI_TRAILER);
}

static __always_inline unsigned long ddi_trailer_check(const struct ddi_rec *rec,
						       unsigned long addr)
{
	return (unsigned long)rec ^ addr ^ ddi_trailer_secret;
}

/*
 * ddi_trailer_publish - make the filled @rec live behind the trailer of
 * its object (rec->addr, a slab object of @objsize bytes): gen becomes
 * odd, then the trailer names it.  Context: any.
 */
static __always_inline void ddi_trailer_publish(struct ddi_rec *rec,
						size_t objsize)
{
	struct ddi_trailer *t = ddi_trailer_of((void *)rec->addr, objsize);

	ddi_rec_publish(rec);
	t->check = ddi_trailer_check(rec, rec->addr);
	smp_store_release(&t->rec, rec);
}

/*
 * ddi_trailer_take - unpublish and return the record behind the trailer
 * of the object at @addr (@objsize from ddi_tracked_objsize), or NULL.
 * Of racing callers for one record exactly one gets it (cmpxchg).
 * Context: any.
 */
static __always_inline struct ddi_rec *ddi_trailer_take(const void *addr,
							size_t objsize)
{
	struct ddi_trailer *t = ddi_trailer_of(addr, objsize);
	struct ddi_rec *rec = READ_ONCE(t->rec);

	if (!rec || READ_ONCE(t->check) !=
	    ddi_trailer_check(rec, (unsigned long)addr))
		return NULL;
	if (cmpxchg(&t->rec, rec, NULL) != rec)
		return NULL;
	WRITE_ONCE(t->check, 0);
	ddi_rec_unpublish(rec);
	return rec;
}

/*
 * ddi_tracked_objsize - the size of the slab object starting at @addr
 * if it can carry a trailer (a slab page of the direct map, a power-of-two
 * object of 32 B .. 8 KiB, @addr aligned to it as our classes' objects
 * are), else 0.  Reads nothing at @addr.  Context: any.
 */
static __always_inline size_t __ddi_tracked_objsize(const void *addr,
						   struct page **pagep)
{
	unsigned long a = (unsigned long)addr;
	size_t objsize;

	if (!ddi_os_direct_mapped(addr))
		return 0;
	*pagep = virt_to_head_page(addr);
	if (!PageSlab(*pagep))
		return 0;
	objsize = ksize(addr);
	if (objsize < 2 * DDI_TRAILER || objsize > DDI_MAX_SMALL ||
	    (objsize & (objsize - 1)) ||
	    (a & (min_t(size_t, objsize, PAGE_SIZE) - 1)))
		return 0;
	return objsize;
}

static __always_inline size_t ddi_tracked_objsize(const void *addr)
{
	struct page *page;

	return __ddi_tracked_objsize(addr, &page);
}

/*
 * Guard bytes: @n (0..DDI_REDZONE_MAX) bytes of DDI_REDZONE_BYTE at @p,
 * written and checked as two overlapping accesses of the widest size
 * that fits, so no call (and no frame) is needed; the ...8 forms for a
 * caller that knows @n >= 8 (a tracked slab object's).
 */
#define DDI_REDZONE_WORD	(0x0101010101010101UL * DDI_REDZONE_BYTE)

static __always_inline void ddi_redzone_set8(void *p, size_t n)
{
	unsigned long w = DDI_REDZONE_WORD;

	memcpy(p, &w, sizeof(w));
	memcpy((char *)p + n - sizeof(w), &w, sizeof(w));
}

static __always_inline bool ddi_redzone_ok8(const void *p, size_t n)
{
	unsigned long a, b;

	memcpy(&a, p, sizeof(a));
	memcpy(&b, (const char *)p + n - sizeof(b), sizeof(b));
	return a == DDI_REDZONE_WORD && b == DDI_REDZONE_WORD;
}

static __always_inline void ddi_redzone_set(void *p, size_t n)
{
	unsigned int w4 = (unsigned int)DDI_REDZONE_WORD;
	unsigned short w2 = (unsigned short)DDI_REDZONE_WORD;

	if (n >= 8) {
		ddi_redzone_set8(p, n);
	} else if (n >= 4) {
		memcpy(p, &w4, 4);
		memcpy((char *)p + n - 4, &w4, 4);
	} else if (n >= 2) {
		memcpy(p, &w2, 2);
		memcpy((char *)p + n - 2, &w2, 2);
	} else if (n) {
		*(unsigned char *)p = DDI_REDZONE_BYTE;
	}
}

static __always_inline bool ddi_redzone_ok(const void *p, size_t n)
{
	const char *q = p;
	unsigned int a4, b4;
	unsigned short a2, b2;

	if (n >= 8)
		return ddi_redzone_ok8(p, n);
	if (n >= 4) {
		memcpy(&a4, q, 4);
		memcpy(&b4, q + n - 4, 4);
		return a4 == (unsigned int)DDI_REDZONE_WORD &&
		       b4 == (unsigned int)DDI_REDZONE_WORD;
	}
	if (n >= 2) {
		memcpy(&a2, q, 2);
		memcpy(&b2, q + n - 2, 2);
		return a2 == (unsigned short)DDI_REDZONE_WORD &&
		       b2 == (unsigned short)DDI_REDZONE_WORD;
	}
	return !n || *(const unsigned char *)q == DDI_REDZONE_BYTE;
}

/*
 * ddi_rec_fill - fill @rec, from a CPU's record magazine (see struct
 * ddi_rec: what it holds clear is not written), but gen, for a tracked
 * allocation of @size bytes at @p: the debug layer's fast paths and the
 * general tracked slab path.
 */
static __always_inline void ddi_rec_fill(struct ddi_rec *rec, void *p,
					 size_t size, size_t asize, int bk,
					 size_t rz, struct ddi_class *cls,
					 dma_addr_t dma, const char *call,
					 const char *file, int line)
{
	rec->head = (struct ddi_rec_head){
		.kind = DDI_KIND_MEM, .backend = bk, .tracked = 1, .rz = rz,
	};
	rec->addr = (unsigned long)p;
	rec->size = size;
	rec->asize = asize;
	rec->call = call;
	rec->file = file;
	rec->line = line;
	if (cls)
		rec->cls = cls;
	if (dma)
		rec->dma = dma;
}
void ddi_tomb_put(const struct ddi_rec *rec, const char *file, int line);
/*
 * The next tombstone of CPU base @c (this CPU's, preemption disabled);
 * claimed with this_cpu_inc_return() so an interrupt handler on the same
 * CPU takes another.
 */
#define ddi_tomb_next(c)						\
	(&(c)->tomb[(this_cpu_inc_return(ddi_cpu->ntomb) - 1) % DDI_TOMBS])
extern unsigned long ddi_rec_nfree;	/* records on the arena's stack */
#define DDI_REC_RESERVE		64	/* of which kept for hard times */
void ddi_report_bad_free(const char *call, unsigned long addr, size_t size,
			 const char *file, int line);
unsigned long ddi_rec_count(void);
extern int ddi_debug;			/* the runtime switch */
extern bool ddi_track_complete;		/* debug on since init */

/*
 * ddi_gate - why the release fast paths are shut: 0 lets every
 * allocation and free try them, so each decides with one load, made
 * with preemption disabled (see ddi_gate_sync).  Bits change on slow
 * paths only, atomically:
 *   DOWN      the module is not up: the cold paths bring it up
 *             (userspace) or are never reached before (kernel);
 *   DEBUG     the debug layer is on: allocations are tracked;
 *   TRACKING  tracked records may exist, so frees must look for them:
 *             set before DEBUG, cleared by ddi_tracking_recheck() once
 *             DEBUG is off and no tracked record is left (per-CPU counts
 *             in struct ddi_cpu);
 *   RESERVE   a normal-zone class reserve is below its minimum: frees
 *             go where they refill it until ddi_reserve_recheck() finds
 *             every reserve full again.
 * An allocation fast path takes its per-CPU base before it reads the
 * gate, so that a thread's first section is one a grace period waits
 * for (the emulation registers a thread as a CPU at its first per-CPU
 * access); a free need not: one that read the gate before a switch only
 * makes ddi_live_bound() larger.
 */
#define DDI_GATE_DOWN		0x1
#define DDI_GATE_DEBUG		0x2
#define DDI_GATE_TRACKING	0x4
#define DDI_GATE_RESERVE	0x8
#define DDI_GATE_ALLOC		(DDI_GATE_DOWN | DDI_GATE_DEBUG)
#define DDI_GATE_FREE		(DDI_GATE_DOWN | DDI_GATE_TRACKING | \
				 DDI_GATE_RESERVE)
extern atomic_t ddi_gate;

static __always_inline bool ddi_gate_shut(int bits)
{
	return atomic_read(&ddi_gate) & bits;
}

static __always_inline bool ddi_tracking(void)
{
	return ddi_gate_shut(DDI_GATE_TRACKING);
}

void ddi_tracking_set(void);
void ddi_tracking_recheck(void);
void ddi_tracking_exit(void);
void ddi_gate_debug(bool on);
bool ddi_gate_sync(void);
long ddi_live_bound(void);
extern int ddi_tracking_busy;		/* a recheck is deciding */
extern bool ddi_untracked_late;		/* see ddi_untracked_made */

/*
 * ddi_untracked_made - call at the end of an allocation made untracked
 * (it read ddi_debug == 0) outside a preempt-disabled section, after it
 * was counted (ddi_stat_alloc), before it is returned: if the debug layer
 * went on meanwhile, tracking is not complete.  The barriers order the
 * count before the test of the switch (svr5ddi_set_debug orders the
 * switch before its sum of the counts: one of the two sees the other),
 * and the mark before the flag (svr5ddi_set_debug tests the mark after
 * setting the flag).  Context: any.
 */
static __always_inline void ddi_untracked_made(void)
{
	smp_mb();
	if (unlikely(READ_ONCE(ddi_debug))) {
		WRITE_ONCE(ddi_untracked_late, true);
		smp_mb();
		WRITE_ONCE(ddi_track_complete, false);
	}
}

void ddi_reserve_low(void);
void ddi_reserve_recheck(void);

/* ---- misuse reports and statistics (module.c) --------------------------- */

void ddi_misuse(enum svr5ddi_misuse tag, const char *fmt, ...) __printf(2, 3);
const char *ddi_site(const char *file, int line, char *buf, size_t len);
#define DDI_SITE(f, l)	ddi_site((f), (l), (char[96]){ 0 }, 96)

/*
 * Statistics: per-CPU counters (struct ddi_cpu, kmem_cpu.c) changed with
 * this_cpu operations, so counting costs no atomic and no shared cache
 * line, and is exact (a this_cpu operation is atomic against its own
 * CPU's interrupts); readers sum over the possible CPUs.  A CPU's live
 * count may be negative (freed on another CPU than allocated); the sum
 * is right.  Failures and waits are rare and stay global atomics.
 */
struct ddi_cpu_stat {
	long allocs;
	long frees;
	long bytes;			/* allocated minus freed */
};

/*
 * A magazine: a CPU's stack of free objects of one size class or block
 * pool, used only from task context with preemption disabled (interrupt
 * and softirq handlers go to the shared backends), so it needs no lock
 * and no atomic.  See kmem_cpu.c.
 */
#define DDI_MAG_SIZE		32
#define DDI_MAG_BYTES		8192	/* of small objects per class */

struct ddi_mag {
	unsigned int nr;
	void *obj[DDI_MAG_SIZE];
};

/* A tracked free remembered, to tell a double free (kmem_debug.c). */
struct ddi_tomb {
	unsigned long addr;
	size_t size;
	const char *file, *ffile, *call;
	int line, fline;
};
#define DDI_TOMBS		128	/* per CPU */
#define DDI_REC_MAG		16	/* records per CPU magazine */
/*
 * ddi_tomb_fill - write tombstone @t for @rec, freed at @file:@line (in
 * this CPU's ring: the caller claimed @t with ddi_tomb_next()).  The
 * reader (ddi_find_tomb) keeps a copy whose addr matched before and after.
 */
static __always_inline void ddi_tomb_fill(struct ddi_tomb *t,
					  const struct ddi_rec *rec,
					  const char *file, int line)
{
	WRITE_ONCE(t->addr, 0);
	t->size = rec->size;
	t->file = rec->file;
	t->line = rec->line;
	t->ffile = file;
	t->fline = line;
	t->call = rec->call;
	smp_store_release(&t->addr, rec->addr);
}

/*
 * ddi_tomb_note - note tombstone @t in the last word of the @n-byte slab
 * object or pool block at @obj, freed and now the allocator's, so a later
 * double free finds the newest tombstone of the address whichever CPU
 * wrote it (ddi_find_tomb); the rings alone only order one CPU's frees.
 * The last word, because the allocators below keep their own free-list
 * words at the start (dma_pool, the emulation's slab) or the middle
 * (SLUB) of a free object; for a tracked slab object it is the trailer's
 * check, whose record is NULL once freed.
 */
static __always_inline void ddi_tomb_note(void *obj, size_t n,
					  const struct ddi_tomb *t)
{
	unsigned long v = (unsigned long)t;

	memcpy((char *)obj + n - sizeof(v), &v, sizeof(v));
}

/*
 * Everything a CPU keeps for the allocators, in one per-CPU object so a
 * path reaches all of it from one base (this_cpu_ptr(ddi_cpu)).
 */
struct ddi_cpu {
	struct ddi_cpu_stat st[SVR5DDI_BK_NR];
	long tracked;			/* debug records made minus freed */
	struct ddi_mag mag[DDI_NR_CLASSES];	/* normal-zone size classes */
	struct ddi_mag rec_mag;		/* free records (kmem_debug.c) */
	unsigned int ntomb;		/* tombstone slots ever claimed */
	struct ddi_tomb tomb[DDI_TOMBS];
};
extern struct ddi_cpu __percpu *ddi_cpu;

extern atomic_long_t ddi_bk_failures[SVR5DDI_BK_NR];
extern atomic_long_t ddi_mempool_reserve_hits;
extern atomic_long_t ddi_sleep_waits;

static __always_inline void ddi_stat_alloc(int bk, size_t size)
{
	this_cpu_inc(ddi_cpu->st[bk].allocs);
	this_cpu_add(ddi_cpu->st[bk].bytes, (long)size);
}

static __always_inline void ddi_stat_free(int bk, size_t size)
{
	this_cpu_inc(ddi_cpu->st[bk].frees);
	this_cpu_sub(ddi_cpu->st[bk].bytes, (long)size);
}

/*
 * One tracked record more / less (this CPU's count; any context), for
 * the slow paths, after the record is published: the barrier orders the
 * count before the test of the flag, as ddi_tracking_recheck orders its
 * busy mark before its sum, so either the recheck counts this record or
 * this sees the flag clear (or a recheck deciding) and sets it again.
 */
static __always_inline void ddi_tracked_inc(void)
{
	this_cpu_inc(ddi_cpu->tracked);
	smp_mb();
	/* busy first: its final 0 is released after the flag is cleared */
	if (unlikely(smp_load_acquire(&ddi_tracking_busy) || !ddi_tracking()))
		ddi_tracking_set();
}

static __always_inline void ddi_tracked_dec(void)
{
	this_cpu_dec(ddi_cpu->tracked);
}

static inline void ddi_stat_fail(int bk)
{
	atomic_long_inc(&ddi_bk_failures[bk]);
}

/* Sums over the CPUs (kmem_cpu.c). */
void ddi_stat_read(int bk, long *live_objects, long *live_bytes,
		   long *allocs);

int ddi_cpu_init(void);
void ddi_cpu_exit(void);

/*
 * The primitives every magazine path is built from, for a caller that
 * has preemption disabled in task context and holds this CPU's objects:
 * pop and push on magazine @m, and the counting of @size bytes of
 * backend @bk in CPU base @c.
 */
static __always_inline void *ddi_mag_pop(struct ddi_mag *m)
{
	return likely(m->nr) ? m->obj[--m->nr] : NULL;
}

static __always_inline bool ddi_mag_push(struct ddi_mag *m, unsigned int max,
					 void *p)
{
	if (unlikely(m->nr >= max))
		return false;
	m->obj[m->nr++] = p;
	return true;
}

static __always_inline void ddi_cpu_count_alloc(struct ddi_cpu *c, int bk,
						size_t size)
{
	c->st[bk].allocs++;
	c->st[bk].bytes += size;
}

static __always_inline void ddi_cpu_count_free(struct ddi_cpu *c, int bk,
					       size_t size)
{
	c->st[bk].frees++;
	c->st[bk].bytes -= size;
}

/*
 * ddi_mag_get - an object from this CPU's magazine @pm, or NULL (empty,
 * or not in task context).  A hit is counted as an allocation of @size
 * bytes of backend @bk (< 0: not counted) in the same section, and in
 * the per-CPU counter @live when not NULL (__ddi_mag_get).
 * Context: any; never sleeps.
 */
static __always_inline void *__ddi_mag_get(struct ddi_mag __percpu *pm,
					   int bk, size_t size,
					   long __percpu *live)
{
	struct ddi_mag *m;
	void *p = NULL;

	if (unlikely(!in_task()))
		return NULL;
	preempt_disable();
	m = this_cpu_ptr(pm);
	p = ddi_mag_pop(m);
	if (likely(p)) {
		if (bk >= 0)
			ddi_cpu_count_alloc(this_cpu_ptr(ddi_cpu), bk, size);
		if (live)
			(*this_cpu_ptr(live))++;
	}
	preempt_enable();
	return p;
}

static __always_inline void *ddi_mag_get(struct ddi_mag __percpu *pm,
					 int bk, size_t size)
{
	return __ddi_mag_get(pm, bk, size, NULL);
}

typedef void (*ddi_spill_fn)(void *ctx, void **objs, unsigned int n);

/*
 * ddi_mag_put - keep @p in this CPU's magazine @pm (at most @max deep);
 * when it is full, hand its older half to @spill first (called with
 * preemption disabled: it must not sleep).  Counts a free of @size bytes
 * of backend @bk (< 0: not counted), and one less in the per-CPU counter
 * @live when not NULL (__ddi_mag_put).  Returns false, keeping and counting
 * nothing, outside task context or when full and @spill is NULL.
 * Context: any; never sleeps.
 */
static __always_inline bool __ddi_mag_put(struct ddi_mag __percpu *pm,
					  unsigned int max, void *p,
					  ddi_spill_fn spill, void *ctx,
					  int bk, size_t size,
					  long __percpu *live)
{
	struct ddi_mag *m;

	if (unlikely(!in_task()))
		return false;
	preempt_disable();
	m = this_cpu_ptr(pm);
	if (unlikely(m->nr >= max)) {
		unsigned int n = max - max / 2;

		if (!spill) {
			preempt_enable();
			return false;
		}

		spill(ctx, m->obj, n);
		m->nr -= n;
		memmove(m->obj, m->obj + n, m->nr * sizeof(m->obj[0]));
	}
	ddi_mag_push(m, max, p);
	if (bk >= 0)
		ddi_cpu_count_free(this_cpu_ptr(ddi_cpu), bk, size);
	if (live)
		(*this_cpu_ptr(live))--;
	preempt_enable();
	return true;
}

static __always_inline bool ddi_mag_put(struct ddi_mag __percpu *pm,
					unsigned int max, void *p,
					ddi_spill_fn spill, void *ctx,
					int bk, size_t size)
{
	return __ddi_mag_put(pm, max, p, spill, ctx, bk, size, NULL);
}

/* Every member of @rec but gen, which counts its publications. */
static __always_inline void ddi_rec_clear(struct ddi_rec *rec)
{
	rec->kind = 0;
	rec->backend = 0;
	rec->tracked = 0;
	rec->rz = 0;
	rec->next = NULL;
	rec->addr = 0;
	rec->size = 0;
	rec->asize = 0;
	rec->call = NULL;
	rec->file = NULL;
	rec->line = 0;
	rec->cls = NULL;
	rec->dma = 0;
	rec->extra = NULL;
	rec->nchunks = 0;
	rec->chunk = 0;
}

/*
 * ddi_rec_alloc - a cleared, unpublished record: this CPU's magazine,
 * else the arena (kmem_debug.c).  KM_SLEEP: never NULL.
 * Context: as @km allows.
 */
static __always_inline struct ddi_rec *ddi_rec_alloc(int km)
{
	struct ddi_rec *rec = ddi_mag_get(&ddi_cpu->rec_mag, -1, 0);

	if (likely(rec)) {
		ddi_rec_clear(rec);
		return rec;
	}
	return __ddi_rec_alloc(km);
}

/* Give every object of every CPU's copy of @pm to @spill (exit paths). */
void ddi_mag_drain(struct ddi_mag __percpu *pm, ddi_spill_fn spill,
		   void *ctx);

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

/*
 * The page registry: pfn -> block pool (phys.c, theory there), an
 * open-addressing table read without a lock.
 */
struct ddi_pent {
	unsigned long key;		/* pfn + 1; 0: empty */
	struct ddi_bpool *bp;
	struct ddi_rec **slots;		/* debug: records by offset / 8, or
					 * one slot (tagged: phys.c) */
};

struct ddi_ptab {
	struct ddi_ptab *old;		/* previous (smaller) table */
	unsigned long cap;		/* power of two */
	unsigned long used;
	struct ddi_pent ent[];
};

extern struct ddi_ptab *ddi_ptab;

static __always_inline unsigned long ddi_pfn_hash(unsigned long pfn)
{
	return (pfn * 0x9e3779b97f4a7c15UL) >> 20;
}

/* The entry of page @pfn in table @t, or NULL.  Lockless. */
static __always_inline struct ddi_pent *ddi_ptab_find(struct ddi_ptab *t,
						      unsigned long pfn)
{
	unsigned long i, key;

	for (i = ddi_pfn_hash(pfn);; i++) {
		struct ddi_pent *e = &t->ent[i & (t->cap - 1)];

		key = smp_load_acquire(&e->key);
		if (!key)
			return NULL;
		if (key == pfn + 1)
			return e;
	}
}

/* ddi_page_owner - the block pool owning page @pfn, or NULL.  Lockless. */
static __always_inline struct ddi_bpool *ddi_page_owner(unsigned long pfn)
{
	struct ddi_ptab *t = smp_load_acquire(&ddi_ptab);
	struct ddi_pent *e = t ? ddi_ptab_find(t, pfn) : NULL;

	return e ? READ_ONCE(e->bp) : NULL;
}

int ddi_page_register(unsigned long pfn, struct ddi_bpool *bp, gfp_t gfp);
void ddi_pages_exit(void);
void ddi_bpool_free(struct ddi_bpool *bp, void *addr);

/*
 * ddi_pool_push_fast - kmem_free's release fast path for a pool block, for
 * a caller in task context with preemption disabled that found the gate
 * open: onto this CPU's magazine of its pool, counted.  Returns false,
 * having done nothing, when @addr is no pool block or the magazine cannot
 * take it (the caller takes the general path).  Never sleeps.
 */
static __always_inline bool ddi_pool_push_fast(void *addr, size_t size)
{
	struct ddi_bpool *bp = ddi_page_owner(virt_to_pfn(addr));
	struct ddi_mag __percpu *mag;
	struct ddi_class *cls;

	if (!bp)
		return false;
	mag = READ_ONCE(bp->mag);
	cls = bp->cls;
	/* An unreferenced class's frees may have to reap: general path. */
	if (unlikely(!mag) || unlikely(!atomic_read(&cls->refs)) ||
	    !ddi_mag_push(this_cpu_ptr(mag), DDI_MAG_SIZE, addr))
		return false;
	ddi_cpu_count_free(this_cpu_ptr(ddi_cpu), SVR5DDI_BK_POOL, size);
	(*this_cpu_ptr(cls->live))--;
	return true;
}
struct ddi_rec *ddi_pool_rec_take(const void *addr);
void ddi_pool_free_debug(void *addr, size_t size, const char *call,
			 const char *file, int line);
void ddi_free_mem_cold(void *addr, size_t size, const char *call,
		       const char *file, int line);
void ddi_pool_slots_prepare(void);
bool ddi_pool_rec_live(const void *addr);
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
