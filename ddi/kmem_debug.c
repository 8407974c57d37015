/* SPDX-License-Identifier: MIT */
/*
 * kmem_debug.c - the record hash: live allocations by address, and the
 * debug layer's registry (sites, redzones, tombstones, leak report).
 *
 * Theory
 * ------
 * A record (struct ddi_rec) describes one live allocation: address,
 * requested and backend sizes, backend, physreq class, DMA handle, call
 * and site.  Records exist for (a) every allocation made while the debug
 * layer is on ("tracked": a trailing redzone of guard bytes is set and
 * checked at free), (b) every allocation whose backend kmem_free cannot
 * recognise from the page alone (vmalloc, pages, coherent, reserve,
 * scatter), debug on or off, and (c) every physreq and bcb (so
 * physreq_free can tell foreign ones and the leak report lists them).
 *
 * The hash is sharded: DDI_SHARDS shards of DDI_BUCKETS buckets, each
 * shard with its own spin lock (taken with interrupts saved: kmem_free is
 * legal at interrupt level).  A record is in exactly one chain while
 * live.  Each shard also keeps a ring of the last DDI_TOMBS freed tracked
 * records (address, sizes, sites), so a second free of the same address
 * is told apart from a wild one.  Interior frees are found by a scan of
 * the live records (error path only).
 *
 * Records come from their own kmem_cache with a mempool reserve, so a
 * KM_SLEEP allocation never fails for want of a record, and a per-CPU
 * magazine in front of the cache (kmem_cpu.c), so a record costs no
 * atomic on the debug layer's hot path.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include "ddi_internal.h"

#define DDI_SHARDS	64
#define DDI_BUCKETS	64
#define DDI_TOMBS	64
#define DDI_REC_RESERVE	64

struct ddi_tomb {
	unsigned long addr;
	size_t size;
	const char *file, *ffile, *call;
	int line, fline;
};

struct ddi_shard {
	spinlock_t lock;
	struct ddi_rec *bucket[DDI_BUCKETS];
	unsigned int ntomb;
	struct ddi_tomb tomb[DDI_TOMBS];
};

static struct ddi_shard *ddi_shards;
static struct kmem_cache *ddi_rec_cache;
static mempool_t *ddi_rec_pool;
static struct ddi_mag __percpu *ddi_rec_mag;
#define DDI_REC_MAG	16
atomic_long_t ddi_nr_tracked;

static inline unsigned int ddi_hash(unsigned long addr)
{
	return (unsigned int)(((addr >> 3) * 0x9e3779b97f4a7c15UL) >> 52);
}

static inline struct ddi_shard *ddi_shard_of(unsigned int h)
{
	return &ddi_shards[h / DDI_BUCKETS];
}

int ddi_rec_init(void)
{
	int i;

	BUILD_BUG_ON(DDI_SHARDS * DDI_BUCKETS != 4096);
	ddi_shards = kvmalloc(sizeof(*ddi_shards) * DDI_SHARDS,
			      GFP_KERNEL | __GFP_ZERO);
	if (!ddi_shards)
		return -ENOMEM;
	for (i = 0; i < DDI_SHARDS; i++)
		spin_lock_init(&ddi_shards[i].lock);
	ddi_rec_cache = kmem_cache_create("svr5ddi-rec",
					  sizeof(struct ddi_rec), 0, 0, NULL);
	if (!ddi_rec_cache)
		return -ENOMEM;
	ddi_rec_pool = mempool_create_slab_pool(DDI_REC_RESERVE,
						ddi_rec_cache);
	if (!ddi_rec_pool)
		return -ENOMEM;
	ddi_rec_mag = alloc_percpu(struct ddi_mag);
	if (!ddi_rec_mag)
		return -ENOMEM;
	return 0;
}

static void ddi_spill_rec(void *ctx, void **objs, unsigned int n)
{
	kmem_cache_free_bulk(ddi_rec_cache, n, objs);
}

void ddi_rec_exit(void)
{
	if (ddi_rec_mag) {
		ddi_mag_drain(ddi_rec_mag, ddi_spill_rec, NULL);
		free_percpu(ddi_rec_mag);
		ddi_rec_mag = NULL;
	}
	mempool_destroy(ddi_rec_pool);
	ddi_rec_pool = NULL;
	kmem_cache_destroy(ddi_rec_cache);
	ddi_rec_cache = NULL;
	kvfree(ddi_shards);
	ddi_shards = NULL;
}

/* A zeroed record.  KM_SLEEP: never NULL (waits on the reserve). */
struct ddi_rec *ddi_rec_alloc(int km)
{
	struct ddi_rec *rec;

	/* this CPU's magazine; mempool_alloc's first step; the pool. */
	rec = ddi_mag_get(ddi_rec_mag, -1, 0);
	if (likely(rec)) {
		memset(rec, 0, sizeof(*rec));
		return rec;
	}
	rec = kmem_cache_alloc(ddi_rec_cache, GFP_NOWAIT | __GFP_NOWARN);
	if (unlikely(!rec))
		rec = mempool_alloc(ddi_rec_pool, (km & KM_NOSLEEP) ?
				    GFP_ATOMIC | __GFP_NOWARN : GFP_KERNEL);
	if (rec)
		memset(rec, 0, sizeof(*rec));
	return rec;
}

void ddi_rec_free(struct ddi_rec *rec)
{
	if (likely(READ_ONCE(ddi_rec_pool->curr_nr) >= ddi_rec_pool->min_nr)) {
		if (!ddi_mag_put(ddi_rec_mag, DDI_REC_MAG, rec, ddi_spill_rec,
				 NULL, -1, 0))
			kmem_cache_free(ddi_rec_cache, rec);
		return;
	}
	mempool_free(rec, ddi_rec_pool);
}

void ddi_rec_insert(struct ddi_rec *rec)
{
	unsigned int h = ddi_hash(rec->addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	unsigned long flags;

	spin_lock_irqsave(&sh->lock, flags);
	rec->next = sh->bucket[h % DDI_BUCKETS];
	sh->bucket[h % DDI_BUCKETS] = rec;
	spin_unlock_irqrestore(&sh->lock, flags);
}

static void ddi_tomb_put(struct ddi_shard *sh, const struct ddi_rec *rec,
			 const char *file, int line)
{
	struct ddi_tomb *t = &sh->tomb[sh->ntomb++ % DDI_TOMBS];

	t->addr = rec->addr;
	t->size = rec->size;
	t->file = rec->file;
	t->line = rec->line;
	t->ffile = file;
	t->fline = line;
	t->call = rec->call;
}

/*
 * ddi_rec_unlink - unlink and return the live record of @kind at @addr,
 * or NULL; with @tomb, a tracked record leaves a tombstone naming the
 * freeing site (@file:@line).  One lock round trip.
 */
static struct ddi_rec *ddi_rec_unlink(unsigned long addr, enum ddi_kind kind,
				      bool tomb, const char *file, int line)
{
	unsigned int h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_rec **pp, *rec;
	unsigned long flags;

	spin_lock_irqsave(&sh->lock, flags);
	for (pp = &sh->bucket[h % DDI_BUCKETS]; (rec = *pp); pp = &rec->next) {
		if (rec->addr == addr && rec->kind == kind) {
			*pp = rec->next;
			rec->next = NULL;
			if (tomb && rec->tracked)
				ddi_tomb_put(sh, rec, file, line);
			break;
		}
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	return rec;
}

/* The live memory record at @addr, leaving a tombstone if tracked. */
struct ddi_rec *ddi_rec_remove_tomb(unsigned long addr, const char *file,
				    int line)
{
	return ddi_rec_unlink(addr, DDI_KIND_MEM, true, file, line);
}

/* Unlink and return the live record of @kind at @addr, or NULL. */
struct ddi_rec *ddi_rec_remove(unsigned long addr, enum ddi_kind kind)
{
	return ddi_rec_unlink(addr, kind, false, NULL, 0);
}

/* Set the class a record holds; returns the previous one. */
struct ddi_class *ddi_rec_set_cls(unsigned long addr, enum ddi_kind kind,
				  struct ddi_class *cls, bool *found)
{
	unsigned int h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_class *old = NULL;
	struct ddi_rec *rec;
	unsigned long flags;

	*found = false;
	spin_lock_irqsave(&sh->lock, flags);
	for (rec = sh->bucket[h % DDI_BUCKETS]; rec; rec = rec->next) {
		if (rec->addr == addr && rec->kind == kind) {
			old = rec->cls;
			rec->cls = cls;
			*found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	return old;
}

bool ddi_rec_exists(unsigned long addr, enum ddi_kind kind)
{
	unsigned int h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_rec *rec;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&sh->lock, flags);
	for (rec = sh->bucket[h % DDI_BUCKETS]; rec; rec = rec->next) {
		if (rec->addr == addr && rec->kind == kind) {
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	return found;
}

/* Remember a freed tracked record, to recognise a second free of it. */
void ddi_rec_tombstone(const struct ddi_rec *rec, const char *file, int line)
{
	unsigned int h = ddi_hash(rec->addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_tomb *t;
	unsigned long flags;

	if (!rec->tracked)
		return;
	spin_lock_irqsave(&sh->lock, flags);
	t = &sh->tomb[sh->ntomb++ % DDI_TOMBS];
	t->addr = rec->addr;
	t->size = rec->size;
	t->file = rec->file;
	t->line = rec->line;
	t->ffile = file;
	t->fline = line;
	t->call = rec->call;
	spin_unlock_irqrestore(&sh->lock, flags);
}

static bool ddi_find_tomb(unsigned long addr, struct ddi_tomb *out)
{
	unsigned int h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	unsigned long flags;
	bool found = false;
	unsigned int i, n;

	spin_lock_irqsave(&sh->lock, flags);
	n = min_t(unsigned int, sh->ntomb, DDI_TOMBS);
	/* newest first */
	for (i = 0; i < n; i++) {
		struct ddi_tomb *t = &sh->tomb[(sh->ntomb - 1 - i) % DDI_TOMBS];

		if (t->addr == addr) {
			*out = *t;
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	return found;
}

/* The live memory record whose [addr, addr + asize) holds @addr. */
static bool ddi_find_container(unsigned long addr, struct ddi_rec *out)
{
	unsigned long flags;
	bool found = false;
	int s, b;

	for (s = 0; s < DDI_SHARDS && !found; s++) {
		struct ddi_shard *sh = &ddi_shards[s];

		spin_lock_irqsave(&sh->lock, flags);
		for (b = 0; b < DDI_BUCKETS && !found; b++) {
			struct ddi_rec *rec;

			for (rec = sh->bucket[b]; rec; rec = rec->next) {
				if (rec->kind == DDI_KIND_MEM &&
				    addr > rec->addr &&
				    addr < rec->addr + max(rec->asize,
							   rec->size)) {
					*out = *rec;
					found = true;
					break;
				}
			}
		}
		spin_unlock_irqrestore(&sh->lock, flags);
	}
	return found;
}

/*
 * ddi_report_bad_free - @addr has no live record: a double free (a
 * tombstone remembers it), an interior pointer (a live allocation holds
 * it), or a pointer svr5ddi never returned.  Reported; nothing is freed.
 */
void ddi_report_bad_free(const char *call, unsigned long addr, size_t size,
			 const char *file, int line)
{
	struct ddi_tomb t = { 0 };
	struct ddi_rec r = { 0 };

	if (ddi_find_container(addr, &r)) {
		ddi_misuse(SVR5DDI_MISUSE_INTERIOR_FREE,
			   "%s: free of interior pointer: addr 0x%lx size %zu, inside 0x%lx (offset %lu) allocated %zu at %s (freed at %s)",
			   call, addr, size, r.addr, addr - r.addr, r.size,
			   DDI_SITE(r.file, r.line), DDI_SITE(file, line));
		return;
	}
	if (ddi_find_tomb(addr, &t)) {
		ddi_misuse(SVR5DDI_MISUSE_DOUBLE_FREE,
			   "%s: double free: addr 0x%lx size %zu, allocated %zu at %s, first freed at %s (freed again at %s)",
			   call, addr, size, t.size, DDI_SITE(t.file, t.line),
			   DDI_SITE(t.ffile, t.fline), DDI_SITE(file, line));
		return;
	}
	ddi_misuse(SVR5DDI_MISUSE_WILD_FREE,
		   "%s: free of unknown address: addr 0x%lx size %zu (freed at %s)",
		   call, addr, size, DDI_SITE(file, line));
}

static const char *ddi_kind_backend(const struct ddi_rec *rec)
{
	if (rec->kind == DDI_KIND_PHYSREQ)
		return "physreq";
	if (rec->kind == DDI_KIND_BCB)
		return "bcb";
	return ddi_backend_name(rec->backend);
}

/*
 * svr5ddi_leak_report - one "leak" line per live recorded allocation.
 * Context: process.  Returns the number of lines.
 */
unsigned long svr5ddi_leak_report(void)
{
	unsigned long flags, n = 0;
	int s, b;

	ddi_os_ready();
	if (!ddi_shards)
		return 0;
	for (s = 0; s < DDI_SHARDS; s++) {
		struct ddi_shard *sh = &ddi_shards[s];

		spin_lock_irqsave(&sh->lock, flags);
		for (b = 0; b < DDI_BUCKETS; b++) {
			struct ddi_rec *rec;

			for (rec = sh->bucket[b]; rec; rec = rec->next) {
				ddi_misuse(SVR5DDI_MISUSE_LEAK,
					   "%s: leak: addr 0x%lx size %zu, backend %s, allocated at %s",
					   rec->call, rec->addr, rec->size,
					   ddi_kind_backend(rec),
					   DDI_SITE(rec->file, rec->line));
				n++;
			}
		}
		spin_unlock_irqrestore(&sh->lock, flags);
	}
	return n;
}
EXPORT_SYMBOL(svr5ddi_leak_report);

/* Physical address of the byte at @addr of a record, or -1 if unknown. */
static phys_addr_t ddi_rec_phys(const struct ddi_rec *rec, unsigned long off)
{
	const void *va = (const void *)(rec->addr + off);

	if (is_vmalloc_addr(va)) {
		struct page *pg = vmalloc_to_page(va);

		return pg ? page_to_phys(pg) + offset_in_page(va) :
			    (phys_addr_t)-1;
	}
	return virt_to_phys((void *)va);
}

/*
 * svr5ddi_phys_owner - describe the live recorded allocation holding
 * physical address @pa ("CALL of SIZE bytes at FILE:LINE") into @buf;
 * 1 if found, 0 if not.  For a device model's DMA report: which buffer
 * the driver gave the device, and where it was allocated.  Walks every
 * record, page by page: a diagnostic path, not a fast one.
 * Context: process.
 */
int svr5ddi_phys_owner(unsigned long long pa, char *buf, unsigned long len)
{
	unsigned long flags, off;
	int s, b, found = 0;

	ddi_os_ready();
	if (!ddi_shards || !len)
		return 0;
	for (s = 0; s < DDI_SHARDS && !found; s++) {
		struct ddi_shard *sh = &ddi_shards[s];

		spin_lock_irqsave(&sh->lock, flags);
		for (b = 0; b < DDI_BUCKETS && !found; b++) {
			struct ddi_rec *rec;

			for (rec = sh->bucket[b]; rec && !found;
			     rec = rec->next) {
				if (rec->kind != DDI_KIND_MEM || !rec->size)
					continue;
				for (off = 0; off < rec->size && !found;
				     off += PAGE_SIZE - offset_in_page(rec->addr + off)) {
					phys_addr_t p = ddi_rec_phys(rec, off);
					unsigned long in_page = PAGE_SIZE -
						offset_in_page(rec->addr + off);

					if (p == (phys_addr_t)-1 || pa < p ||
					    pa >= p + min_t(unsigned long, in_page,
							    rec->size - off))
						continue;
					snprintf(buf, len, "%s of %zu bytes at %s",
						 rec->call, rec->size,
						 DDI_SITE(rec->file, rec->line));
					found = 1;
				}
			}
		}
		spin_unlock_irqrestore(&sh->lock, flags);
	}
	return found;
}
EXPORT_SYMBOL(svr5ddi_phys_owner);

/* Number of live records (module exit decides whether to tear down). */
unsigned long ddi_rec_count(void)
{
	unsigned long flags, n = 0;
	int s, b;

	if (!ddi_shards)
		return 0;
	for (s = 0; s < DDI_SHARDS; s++) {
		struct ddi_shard *sh = &ddi_shards[s];

		spin_lock_irqsave(&sh->lock, flags);
		for (b = 0; b < DDI_BUCKETS; b++) {
			struct ddi_rec *rec;

			for (rec = sh->bucket[b]; rec; rec = rec->next)
				n++;
		}
		spin_unlock_irqrestore(&sh->lock, flags);
	}
	return n;
}
