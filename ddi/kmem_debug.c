/* SPDX-License-Identifier: MIT */
/*
 * kmem_debug.c - records of live allocations: where they come from (the
 * record arena), how kmem_free finds them (object trailers, the address
 * hash), tombstones of freed ones, and the reports that walk them (leaks,
 * interior and double frees, DMA owners).
 *
 * Theory
 * ------
 * A record (struct ddi_rec) describes one live allocation: address,
 * requested and backend sizes, backend, physreq class, DMA handle, call
 * and site.  Records exist for (a) every allocation made while the debug
 * layer is on ("tracked": guard bytes after the buffer are set and checked
 * at free), (b) every allocation whose backend kmem_free cannot recognise
 * from the page alone (vmalloc, pages, coherent, reserve, scatter), debug
 * on or off, and (c) every physreq and bcb.
 *
 * The arena.  Records come from chunks this file allocates and frees only
 * at exit, so a record's memory is always a record: reports may read one
 * without a lock (see "Walking").  Free records sit in a per-CPU magazine
 * (kmem_cpu.c) in front of a global stack under ddi_arena_lock.  The
 * stack's last DDI_REC_RESERVE records are a reserve, taken only when a
 * new chunk cannot be had, and refilled first by frees, so a KM_SLEEP
 * allocation never fails for want of a record (it waits for one).
 *
 * Finding a record from an address.  kmem_free gets an address and a
 * size it cannot trust; the record is found without a lock in the common
 * case:
 *   - a tracked slab object (the debug layer's small allocations) ends
 *     with a trailer {rec, rec ^ addr ^ secret} in its last 16 bytes.
 *     ksize() gives the object's real end whatever size the caller
 *     passes, objects are naturally aligned (an unaligned address is no
 *     object start), and the check word makes a false match on foreign
 *     data a 2^-64 event.  The free that wins cmpxchg(trailer.rec, rec,
 *     NULL) owns the record: two racing frees of one pointer cannot both
 *     release it.  One atomic per free, none per allocation, no lock;
 *   - a physreq pool block's record is in a slot of its page (phys.c),
 *     taken the same way;
 *   - everything else is in a hash of DDI_SHARDS shards, each under its
 *     own spin lock (interrupts saved: kmem_free is legal at interrupt
 *     level), each shard's chains doubled by a work item when they
 *     average more than two records, so a lookup stays O(1) on average
 *     (until then, or when memory for the doubling is short, the chains
 *     only grow longer).
 *
 * Live or not.  rec->gen is odd while the record is published (in the
 * hash or behind a trailer) and even otherwise; each change is one
 * increment, by the owner.  A report walking the arena copies a record
 * between two reads of gen and keeps the copy only if gen was odd and did
 * not move: a torn copy is dropped, never printed.  (Reports walking live
 * state are snapshots; the leak report runs when nothing else does.)
 *
 * Tombstones.  Each CPU keeps a ring of its last DDI_TOMBS tracked frees
 * (address, sizes, both sites), written with preemption disabled, its
 * slot claimed with this_cpu_inc_return() so an interrupt handler on the
 * same CPU takes the next one; the freed slab object or pool block notes
 * its tombstone in its last word (ddi_tomb_note), so the newest one is
 * found even when an older life of the address was freed on another
 * CPU.  A pointer without a record is looked for there (a double free)
 * and in the live records (an interior pointer) before it is called
 * wild.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/log2.h>
#include <linux/rcupdate.h>
#include "ddi_internal.h"

#define DDI_SHARD_BITS	6
#define DDI_SHARDS	(1 << DDI_SHARD_BITS)
#define DDI_BUCKET_BITS	6		/* per shard, at first */
#define DDI_REC_CHUNK	32		/* records per arena chunk */

struct ddi_shard {
	spinlock_t lock;
	unsigned int bits;		/* log2 of the chains */
	unsigned long n;		/* records hashed */
	struct ddi_rec **bucket;
};

struct ddi_rec_chunk {
	struct ddi_rec_chunk *next;	/* older chunk */
	struct ddi_rec rec[DDI_REC_CHUNK];
};

static struct ddi_shard *ddi_shards;

static DEFINE_SPINLOCK(ddi_arena_lock);	/* guards the three below */
static struct ddi_rec_chunk *ddi_chunks;	/* newest first; only grows */
static struct ddi_rec *ddi_rec_stack;		/* free records */
unsigned long ddi_rec_nfree;

static DEFINE_SPINLOCK(ddi_tracking_lock);

/* ---- the arena ----------------------------------------------------------- */

/* Add a chunk: its first record is returned, the rest go on the stack. */
static struct ddi_rec *ddi_arena_grow(gfp_t gfp)
{
	struct ddi_rec_chunk *c = kzalloc(sizeof(*c), gfp | __GFP_NOWARN);
	unsigned long flags;
	unsigned int i;

	if (!c)
		return NULL;
	spin_lock_irqsave(&ddi_arena_lock, flags);
	for (i = 1; i < DDI_REC_CHUNK; i++) {
		c->rec[i].next = ddi_rec_stack;
		ddi_rec_stack = &c->rec[i];
	}
	ddi_rec_nfree += DDI_REC_CHUNK - 1;
	c->next = ddi_chunks;
	smp_store_release(&ddi_chunks, c);	/* walkers see it whole */
	spin_unlock_irqrestore(&ddi_arena_lock, flags);
	return &c->rec[0];
}

/* A record off the stack, leaving @keep of them; NULL if none. */
static struct ddi_rec *ddi_arena_pop(unsigned long keep)
{
	struct ddi_rec *rec = NULL;
	unsigned long flags;

	spin_lock_irqsave(&ddi_arena_lock, flags);
	if (ddi_rec_nfree > keep) {
		rec = ddi_rec_stack;
		ddi_rec_stack = rec->next;
		ddi_rec_nfree--;
	}
	spin_unlock_irqrestore(&ddi_arena_lock, flags);
	return rec;
}

static void ddi_arena_push(void *ctx, void **objs, unsigned int n)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&ddi_arena_lock, flags);
	for (i = 0; i < n; i++) {
		struct ddi_rec *rec = objs[i];

		rec->next = ddi_rec_stack;
		ddi_rec_stack = rec;
	}
	ddi_rec_nfree += n;
	spin_unlock_irqrestore(&ddi_arena_lock, flags);
}

/* ddi_rec_alloc's slow part: the arena.  Context: as @km allows. */
struct ddi_rec *__ddi_rec_alloc(int km)
{
	struct ddi_rec *rec;
	struct ddi_wait w;

	rec = ddi_arena_pop(DDI_REC_RESERVE);
	if (rec)
		goto got;
	rec = ddi_arena_grow(GFP_NOWAIT);
	if (rec)
		goto got;
	if (km & KM_NOSLEEP) {
		rec = ddi_arena_pop(0);
		goto got;
	}
	ddi_wait_init(&w);
	for (;;) {
		rec = ddi_arena_grow(GFP_KERNEL | __GFP_NORETRY);
		if (rec || (rec = ddi_arena_pop(0)) || (km & KM_FAIL_OK))
			break;
		ddi_wait_once(&w, "svr5ddi record", sizeof(*rec));
	}
got:
	if (rec)
		ddi_rec_clear(rec);
	return rec;
}

/* ddi_rec_free - give back an unpublished record, cleared.  Context: any. */
void ddi_rec_free(struct ddi_rec *rec)
{
	ddi_rec_clear(rec);	/* as a magazine's records are: ddi_rec_fill */
	if (likely(READ_ONCE(ddi_rec_nfree) >= DDI_REC_RESERVE) &&
	    ddi_mag_put(&ddi_cpu->rec_mag, DDI_REC_MAG, rec, ddi_arena_push,
			NULL, -1, 0))
		return;
	ddi_arena_push(NULL, (void **)&rec, 1);
}

/*
 * Walking: call @fn on a stable copy of every published record, until it
 * returns true.  Lockless; see the theory comment.
 */
static bool ddi_rec_walk(bool (*fn)(const struct ddi_rec *copy, void *ctx),
			 void *ctx)
{
	struct ddi_rec_chunk *c;
	struct ddi_rec copy;
	unsigned int i, g;

	for (c = smp_load_acquire(&ddi_chunks); c; c = c->next) {
		for (i = 0; i < DDI_REC_CHUNK; i++) {
			const struct ddi_rec *rec = &c->rec[i];

			g = smp_load_acquire(&rec->gen);
			if (!(g & 1))
				continue;
			memcpy(&copy, rec, sizeof(copy));
			smp_rmb();
			if (READ_ONCE(rec->gen) != g)
				continue;
			if (fn(&copy, ctx))
				return true;
		}
	}
	return false;
}

/* ---- trailers of tracked slab objects (ddi_internal.h) ------------------ */

unsigned long ddi_trailer_secret;

static bool ddi_trailer_live(const void *addr, size_t objsize)
{
	struct ddi_trailer *t = ddi_trailer_of(addr, objsize);
	struct ddi_rec *rec = READ_ONCE(t->rec);

	return rec && READ_ONCE(t->check) ==
	       ddi_trailer_check(rec, (unsigned long)addr);
}

/* Is there a live memory record for @addr (trailer or hash)? */
bool ddi_mem_live(const void *addr)
{
	size_t objsize = ddi_tracked_objsize(addr);

	if (objsize && ddi_trailer_live(addr, objsize))
		return true;
	if (!objsize && ddi_os_direct_mapped(addr) && ddi_pool_rec_live(addr))
		return true;
	return ddi_rec_exists((unsigned long)addr, DDI_KIND_MEM);
}

/* ---- the address hash --------------------------------------------------- */

static inline u64 ddi_hash(unsigned long addr)
{
	return (u64)(addr >> 3) * 0x9e3779b97f4a7c15ULL;
}

/* The top bits of the hash pick the shard, the next ones the chain. */
static inline struct ddi_shard *ddi_shard_of(u64 h)
{
	return &ddi_shards[h >> (64 - DDI_SHARD_BITS)];
}

static inline struct ddi_rec **ddi_chain(const struct ddi_shard *sh, u64 h)
{
	return &sh->bucket[(h << DDI_SHARD_BITS) >> (64 - sh->bits)];
}

static void ddi_hash_grow_fn(struct work_struct *work);
static DECLARE_WORK(ddi_hash_grow_work, ddi_hash_grow_fn);

/*
 * Grow the chains of every shard averaging more than two records per
 * chain, by doublings until it does not.  The new array is made outside the lock (it may sleep), then
 * the records move under it.  Context: process (the work item).
 */
static void ddi_hash_grow_fn(struct work_struct *work)
{
	struct ddi_rec **nb, **old, *rec, *next;
	unsigned int bits, nbits;
	struct ddi_shard *sh;
	unsigned long flags, i;
	int s;

	for (s = 0; s < DDI_SHARDS; s++) {
		sh = &ddi_shards[s];
		bits = READ_ONCE(sh->bits);
		for (nbits = bits; READ_ONCE(sh->n) > 2UL << nbits &&
		     nbits < 40; nbits++)
			;
		if (nbits == bits)
			continue;
		nb = kvcalloc(1UL << nbits, sizeof(*nb),
			      GFP_KERNEL | __GFP_NOWARN);
		if (!nb)
			continue;
		spin_lock_irqsave(&sh->lock, flags);
		old = sh->bucket;
		if (sh->bits != bits) {
			spin_unlock_irqrestore(&sh->lock, flags);
			kvfree(nb);
			continue;
		}
		sh->bucket = nb;
		sh->bits = nbits;
		for (i = 0; i < 1UL << bits; i++)
			for (rec = old[i]; rec; rec = next) {
				struct ddi_rec **c;

				next = rec->next;
				c = ddi_chain(sh, ddi_hash(rec->addr));
				rec->next = *c;
				*c = rec;
			}
		spin_unlock_irqrestore(&sh->lock, flags);
		kvfree(old);
	}
}

/* ddi_rec_insert - publish a filled record in the hash.  Context: any. */
void ddi_rec_insert(struct ddi_rec *rec)
{
	u64 h = ddi_hash(rec->addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_rec **c;
	unsigned long flags;
	bool grow;

	ddi_rec_publish(rec);
	spin_lock_irqsave(&sh->lock, flags);
	c = ddi_chain(sh, h);
	rec->next = *c;
	*c = rec;
	grow = ++sh->n == (2UL << sh->bits) + 1;
	spin_unlock_irqrestore(&sh->lock, flags);
	if (unlikely(grow))
		schedule_work(&ddi_hash_grow_work);
}

/* Unlink, unpublish and return the hashed record of @kind at @addr. */
struct ddi_rec *ddi_rec_remove(unsigned long addr, enum ddi_kind kind)
{
	u64 h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_rec **pp, *rec;
	unsigned long flags;

	spin_lock_irqsave(&sh->lock, flags);
	for (pp = ddi_chain(sh, h); (rec = *pp); pp = &rec->next) {
		if (rec->addr == addr && rec->kind == kind) {
			*pp = rec->next;
			rec->next = NULL;
			sh->n--;
			ddi_rec_unpublish(rec);
			break;
		}
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	return rec;
}

/* Set the class a hashed record holds; returns the previous one. */
struct ddi_class *ddi_rec_set_cls(unsigned long addr, enum ddi_kind kind,
				  struct ddi_class *cls, bool *found)
{
	u64 h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_class *old = NULL;
	struct ddi_rec *rec;
	unsigned long flags;

	*found = false;
	spin_lock_irqsave(&sh->lock, flags);
	for (rec = *ddi_chain(sh, h); rec; rec = rec->next) {
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
	u64 h = ddi_hash(addr);
	struct ddi_shard *sh = ddi_shard_of(h);
	struct ddi_rec *rec;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&sh->lock, flags);
	for (rec = *ddi_chain(sh, h); rec; rec = rec->next) {
		if (rec->addr == addr && rec->kind == kind) {
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	return found;
}

/* ---- tracking: may tracked records exist? -------------------------------- */

/*
 * The gate's DEBUG and TRACKING bits change here, under ddi_tracking_lock.
 * A fast path reads the gate once, with preemption disabled, so a grace
 * period after a change (ddi_gate_sync) has seen every fast path that read
 * the old value finish, its counts visible.  TRACKING may be cleared only
 * when no tracked record is left:
 *   - after a grace period since DEBUG was last cleared (ddi_debug_offs
 *     counts the clearings, ddi_debug_offs_synced the last one a grace
 *     period has followed), no fast path still makes tracked records, so
 *     the per-CPU counts only fall, but for slow paths that read the
 *     switch on before: a sum of falling counts is an over-estimate, so
 *     0 means none is left;
 *   - a slow path counts its record, then (full barrier) tests
 *     ddi_tracking_busy (acquire) and then the flag; the recheck sets
 *     busy, then (full barrier) sums, and releases busy = 0 only after it
 *     cleared the flag: either the sum counts the record, or the slow
 *     path sees busy set, or busy's final 0 and so the flag clear; then
 *     it sets the flag again (waiting on the lock for the recheck to
 *     end) before it returns the memory, so no free of it can pass a
 *     clear gate.
 * Without a grace period yet (a caller that cannot sleep), the recheck is
 * left to ddi_tracking_work, which waits for one.
 */
int ddi_tracking_busy;
bool ddi_untracked_late;
static unsigned long ddi_debug_offs;		/* DEBUG clearings */
static unsigned long ddi_debug_offs_synced;	/* of them, followed by a GP */

static long ddi_tracked_sum(void)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(ddi_cpu, cpu)->tracked);
	return n;
}

/* Context: any. */
void ddi_tracking_set(void)
{
	unsigned long flags;

	spin_lock_irqsave(&ddi_tracking_lock, flags);
	atomic_or(DDI_GATE_TRACKING, &ddi_gate);
	spin_unlock_irqrestore(&ddi_tracking_lock, flags);
}

/*
 * ddi_gate_debug - open (TRACKING and DEBUG at once) or close (DEBUG) the
 * debug layer's bits of the gate.  Context: any.
 */
void ddi_gate_debug(bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&ddi_tracking_lock, flags);
	if (on) {
		atomic_or(DDI_GATE_TRACKING | DDI_GATE_DEBUG, &ddi_gate);
	} else {
		atomic_andnot(DDI_GATE_DEBUG, &ddi_gate);
		ddi_debug_offs++;
	}
	spin_unlock_irqrestore(&ddi_tracking_lock, flags);
}

/*
 * ddi_gate_sync - a grace period after the gate's last change, when the
 * caller may sleep: every fast path that read the gate before has ended,
 * and what it counted is visible.  Returns false, having waited for
 * nothing, in atomic context.  Context: any; sleeps when it can.
 */
bool ddi_gate_sync(void)
{
	unsigned long flags, offs;

	if (in_atomic() || irqs_disabled())
		return false;
	spin_lock_irqsave(&ddi_tracking_lock, flags);
	offs = ddi_debug_offs;
	spin_unlock_irqrestore(&ddi_tracking_lock, flags);
	synchronize_rcu();
	spin_lock_irqsave(&ddi_tracking_lock, flags);
	if ((long)(offs - ddi_debug_offs_synced) > 0)
		ddi_debug_offs_synced = offs;
	spin_unlock_irqrestore(&ddi_tracking_lock, flags);
	return true;
}

static void ddi_tracking_work_fn(struct work_struct *work)
{
	ddi_gate_sync();
	ddi_tracking_recheck();
}

static DECLARE_WORK(ddi_tracking_work, ddi_tracking_work_fn);

/*
 * ddi_tracking_recheck - clear TRACKING if the debug layer is off and no
 * tracked record is left (see above); without a grace period since the
 * switch went off, schedule the work that waits for one and rechecks.
 * Context: any.
 */
void ddi_tracking_recheck(void)
{
	unsigned long flags;
	bool later = false;

	spin_lock_irqsave(&ddi_tracking_lock, flags);
	if (!ddi_gate_shut(DDI_GATE_DEBUG) && ddi_tracking() && ddi_cpu) {
		if (ddi_debug_offs_synced != ddi_debug_offs) {
			later = true;
		} else {
			WRITE_ONCE(ddi_tracking_busy, 1);
			smp_mb();
			if (ddi_tracked_sum() == 0)
				atomic_andnot(DDI_GATE_TRACKING, &ddi_gate);
			smp_store_release(&ddi_tracking_busy, 0);
		}
	}
	spin_unlock_irqrestore(&ddi_tracking_lock, flags);
	if (later)
		schedule_work(&ddi_tracking_work);
}

/* ddi_tracking_exit - wait for a recheck in flight.  Context: process. */
void ddi_tracking_exit(void)
{
	cancel_work_sync(&ddi_tracking_work);
}

/*
 * ddi_live_bound - an upper bound of the allocations live at one moment
 * during the call: the monotonic per-CPU counts, every free count summed
 * before every allocation count (a later sum of frees could only be
 * larger, an earlier one of allocations only smaller).  Context: any.
 */
long ddi_live_bound(void)
{
	long allocs = 0, frees = 0;
	int cpu, bk;

	if (!ddi_cpu)
		return 0;
	for_each_possible_cpu(cpu)
		for (bk = 0; bk < SVR5DDI_BK_NR; bk++)
			frees += READ_ONCE(per_cpu_ptr(ddi_cpu, cpu)->st[bk].frees);
	smp_rmb();
	for_each_possible_cpu(cpu)
		for (bk = 0; bk < SVR5DDI_BK_NR; bk++)
			allocs += READ_ONCE(per_cpu_ptr(ddi_cpu, cpu)->st[bk].allocs);
	return allocs - frees;
}

/* ---- tombstones ------------------------------------------------------------ */

/* Remember a freed tracked record, to recognise a second free of it. */
/*
 * The size of the tracked slab object or the pool block at @obj, whose
 * last word can note a tombstone (ddi_tomb_note), or 0 when @obj is no
 * such object (reading it may not be safe then).
 */
static size_t ddi_noted_size(const void *obj)
{
	struct ddi_bpool *bp;
	size_t n = ddi_tracked_objsize(obj);

	if (n || !IS_ALIGNED((unsigned long)obj, sizeof(long)) ||
	    !ddi_os_direct_mapped(obj) || !virt_addr_valid(obj))
		return n;
	bp = ddi_page_owner(virt_to_pfn(obj));
	return bp ? bp->bs : 0;
}

void ddi_tomb_put(const struct ddi_rec *rec, const char *file, int line)
{
	struct ddi_tomb *t;
	size_t n;

	preempt_disable();
	t = ddi_tomb_next(this_cpu_ptr(ddi_cpu));
	ddi_tomb_fill(t, rec, file, line);
	n = ddi_noted_size((void *)rec->addr);
	if (n)
		ddi_tomb_note((void *)rec->addr, n, t);
	preempt_enable();
}

/* A stable copy of tombstone @t into @out if it is of @addr. */
static bool ddi_tomb_copy(const struct ddi_tomb *t, unsigned long addr,
			  struct ddi_tomb *out)
{
	if (smp_load_acquire(&t->addr) != addr)
		return false;
	*out = *t;
	smp_rmb();
	return READ_ONCE(t->addr) == addr && out->addr == addr;
}

/*
 * The tombstone noted in the freed object at @addr (ddi_tomb_note), when
 * @addr is a tracked slab object or a pool block (so reading it is safe)
 * and the note names a tombstone of @addr in some CPU's ring.
 */
static bool ddi_noted_tomb(unsigned long addr, struct ddi_tomb *out)
{
	const void *obj = (const void *)addr;
	size_t n = ddi_noted_size(obj);
	unsigned long v;
	int cpu;

	if (!n)
		return false;
	memcpy(&v, (const char *)obj + n - sizeof(v), sizeof(v));
	for_each_possible_cpu(cpu) {
		struct ddi_tomb *ring = per_cpu_ptr(ddi_cpu, cpu)->tomb;

		if (v < (unsigned long)ring ||
		    v >= (unsigned long)(ring + DDI_TOMBS) ||
		    (v - (unsigned long)ring) % sizeof(*ring))
			continue;
		return ddi_tomb_copy((struct ddi_tomb *)v, addr, out);
	}
	return false;
}

/*
 * The newest tombstone of @addr (a racy snapshot): the one its object
 * notes, else the newest of the first CPU whose ring has one.
 */
static bool ddi_find_tomb(unsigned long addr, struct ddi_tomb *out)
{
	int cpu;

	if (ddi_noted_tomb(addr, out))
		return true;
	for_each_possible_cpu(cpu) {
		struct ddi_cpu *c = per_cpu_ptr(ddi_cpu, cpu);
		unsigned int i, n = READ_ONCE(c->ntomb);

		for (i = 0; i < min_t(unsigned int, n, DDI_TOMBS); i++) {
			if (ddi_tomb_copy(&c->tomb[(n - 1 - i) % DDI_TOMBS],
					  addr, out))
				return true;
		}
	}
	return false;
}

/* ---- reports ------------------------------------------------------------------ */

struct ddi_container {
	unsigned long addr;
	struct ddi_rec found;
};

static bool ddi_contains(const struct ddi_rec *r, void *ctx)
{
	struct ddi_container *c = ctx;

	if (r->kind != DDI_KIND_MEM || c->addr <= r->addr ||
	    c->addr >= r->addr + max(r->asize, r->size))
		return false;
	c->found = *r;
	return true;
}

/*
 * ddi_report_bad_free - @addr has no live record: an interior pointer (a
 * live allocation holds it), a double free (a tombstone remembers it), or
 * a pointer svr5ddi never returned.  Reported; nothing is freed.
 */
void ddi_report_bad_free(const char *call, unsigned long addr, size_t size,
			 const char *file, int line)
{
	struct ddi_container c = { .addr = addr };
	struct ddi_tomb t = { 0 };

	if (ddi_rec_walk(ddi_contains, &c)) {
		ddi_misuse(SVR5DDI_MISUSE_INTERIOR_FREE,
			   "%s: free of interior pointer: addr 0x%lx size %zu, inside 0x%lx (offset %lu) allocated %zu at %s (freed at %s)",
			   call, addr, size, c.found.addr, addr - c.found.addr,
			   c.found.size, DDI_SITE(c.found.file, c.found.line),
			   DDI_SITE(file, line));
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

static bool ddi_report_leak(const struct ddi_rec *r, void *ctx)
{
	const struct ddi_key *k = r->cls ? &r->cls->key : NULL;
	unsigned long *n = ctx;

	/* A live allocation keeps its class, so the members can be shown. */
	if (k && r->kind == DDI_KIND_MEM)
		ddi_misuse(SVR5DDI_MISUSE_LEAK,
			   "%s: leak: addr 0x%lx size %zu, backend %s, allocated at %s (physreq align %lu boundary %lu dmasize %u max_scgth %u%s)",
			   r->call, r->addr, r->size, ddi_kind_backend(r),
			   DDI_SITE(r->file, r->line), k->align, k->boundary,
			   k->dmasize, k->max_scgth,
			   k->contig_flag ? " PREQ_PHYSCONTIG" : "");
	else
		ddi_misuse(SVR5DDI_MISUSE_LEAK,
			   "%s: leak: addr 0x%lx size %zu, backend %s, allocated at %s",
			   r->call, r->addr, r->size, ddi_kind_backend(r),
			   DDI_SITE(r->file, r->line));
	(*n)++;
	return false;
}

/*
 * svr5ddi_leak_report - one "leak" line per live recorded allocation.
 * Context: process.  Returns the number of lines.
 */
unsigned long svr5ddi_leak_report(void)
{
	unsigned long n = 0;

	ddi_os_ready();
	ddi_rec_walk(ddi_report_leak, &n);
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

struct ddi_phys_query {
	phys_addr_t pa;
	char *buf;
	unsigned long len;
};

static bool ddi_phys_holds(const struct ddi_rec *r, void *ctx)
{
	struct ddi_phys_query *q = ctx;
	unsigned long off, in_page;

	if (r->kind != DDI_KIND_MEM || !r->size)
		return false;
	for (off = 0; off < r->size; off += in_page) {
		phys_addr_t p = ddi_rec_phys(r, off);

		in_page = PAGE_SIZE - offset_in_page(r->addr + off);
		if (p == (phys_addr_t)-1 || q->pa < p ||
		    q->pa >= p + min_t(unsigned long, in_page, r->size - off))
			continue;
		snprintf(q->buf, q->len, "%s of %zu bytes at %s", r->call,
			 r->size, DDI_SITE(r->file, r->line));
		return true;
	}
	return false;
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
	struct ddi_phys_query q = { .pa = pa, .buf = buf, .len = len };

	ddi_os_ready();
	if (!len)
		return 0;
	return ddi_rec_walk(ddi_phys_holds, &q);
}
EXPORT_SYMBOL(svr5ddi_phys_owner);

static bool ddi_count_one(const struct ddi_rec *r, void *ctx)
{
	(*(unsigned long *)ctx)++;
	return false;
}

/* Number of live records (module exit decides whether to tear down). */
unsigned long ddi_rec_count(void)
{
	unsigned long n = 0;

	ddi_rec_walk(ddi_count_one, &n);
	return n;
}

/* ---- set-up ------------------------------------------------------------------ */

int ddi_rec_init(void)
{
	int i;

	ddi_shards = kvmalloc(sizeof(*ddi_shards) * DDI_SHARDS,
			      GFP_KERNEL | __GFP_ZERO);
	if (!ddi_shards)
		return -ENOMEM;
	for (i = 0; i < DDI_SHARDS; i++) {
		spin_lock_init(&ddi_shards[i].lock);
		ddi_shards[i].bits = DDI_BUCKET_BITS;
		ddi_shards[i].bucket = kvcalloc(1UL << DDI_BUCKET_BITS,
						sizeof(struct ddi_rec *),
						GFP_KERNEL);
		if (!ddi_shards[i].bucket)
			return -ENOMEM;
	}
	do {
		ddi_trailer_secret = get_random_long();
	} while (!ddi_trailer_secret);
	/* The reserve. */
	for (i = 0; i < DDI_REC_RESERVE / DDI_REC_CHUNK + 1; i++) {
		struct ddi_rec *rec = ddi_arena_grow(GFP_KERNEL);

		if (!rec)
			return -ENOMEM;
		ddi_arena_push(NULL, (void **)&rec, 1);
	}
	return 0;
}

void ddi_rec_exit(void)
{
	struct ddi_rec_chunk *c, *next;
	int i;

	for (c = ddi_chunks; c; c = next) {
		next = c->next;
		kfree(c);
	}
	ddi_chunks = NULL;
	ddi_rec_stack = NULL;
	ddi_rec_nfree = 0;
	cancel_work_sync(&ddi_hash_grow_work);
	for (i = 0; ddi_shards && i < DDI_SHARDS; i++)
		kvfree(ddi_shards[i].bucket);
	kvfree(ddi_shards);
	ddi_shards = NULL;
}
