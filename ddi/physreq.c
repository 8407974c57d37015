/* SPDX-License-Identifier: MIT */
/*
 * physreq.c - physreq_alloc(D3), physreq_free(D3), physreq_prep(D3),
 * dma_physreq(D3), and the allocation classes physreqs compile into.
 *
 * Theory
 * ------
 * physreq_prep validates the members (align a power of two; boundary 0 or
 * a power of two; dmasize 0 or 12..64; align at most the largest block the
 * page allocator can give) and compiles them into an allocation class
 * shared by every physreq with equal members (the key).  A class holds a
 * platform device whose DMA masks are DMA_BIT_MASK(dmasize) (0 and 64:
 * 64-bit), one dma_pool per power-of-two block size the class can use
 * (blocks aligned to their size, so a block never crosses a boundary it
 * could fit in), the zone for scattered pages and the contiguous reserve
 * to fall back on.  The physreq keeps a pointer to its class in
 * phys_private and bit 0 of phys_flags says "prepped"; the class key is
 * the fingerprint: an allocation whose physreq's members differ from its
 * class's key was changed since prep (reported; the allocation proceeds
 * with the class of the new members when they are valid).
 *
 * A class is referenced by each physreq prepped to it and by each lookup
 * in flight (refs); its allocations are counted per CPU (live).  One no
 * longer referenced is reaped once nothing it made is live, so
 * phys_private and the page registry never point at a freed class while
 * it can be used.  The class list is guarded by ddi_class_lock (a spin
 * lock, so allocations at interrupt level can look classes up); creation
 * and reaping, which sleep, are serialised by ddi_class_mutex.
 *
 * physreqs and bcbs are svr5ddi memory with a record of kind PHYSREQ/BCB:
 * physreq_free of anything else is reported (FOREIGN) and not freed.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/dma-mapping.h>
#include <linux/export.h>
#include "ddi_internal.h"
#include <sys/dma.h>

static LIST_HEAD(ddi_classes);
static DEFINE_SPINLOCK(ddi_class_lock);
static DEFINE_MUTEX(ddi_class_mutex);
static int ddi_class_seq;

void ddi_key_from(struct ddi_key *key, const physreq_t *preq)
{
	memset(key, 0, sizeof(*key));
	key->align = preq->phys_align;
	key->boundary = preq->phys_boundary;
	key->dmasize = preq->phys_dmasize;
	key->max_scgth = preq->phys_max_scgth;
	key->contig_flag = preq->phys_flags & PREQ_PHYSCONTIG;
}

static inline bool ddi_key_eq(const struct ddi_key *a, const struct ddi_key *b)
{
	return a->align == b->align && a->boundary == b->boundary &&
	       a->dmasize == b->dmasize && a->max_scgth == b->max_scgth &&
	       a->contig_flag == b->contig_flag;
}

bool ddi_key_valid(const struct ddi_key *key)
{
	if (!is_power_of_2(key->align) || key->align > DDI_MAX_CONTIG)
		return false;
	if (key->boundary && !is_power_of_2(key->boundary))
		return false;
	if (key->dmasize && (key->dmasize < PAGE_SHIFT || key->dmasize > 64))
		return false;
	return true;
}

static struct ddi_class *ddi_class_find(const struct ddi_key *key)
{
	struct ddi_class *cls, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&ddi_class_lock, flags);
	list_for_each_entry(cls, &ddi_classes, list) {
		if (ddi_key_eq(&cls->key, key)) {
			atomic_inc(&cls->refs);
			found = cls;
			break;
		}
	}
	spin_unlock_irqrestore(&ddi_class_lock, flags);
	return found;
}

/*
 * Live allocations of @cls: the sum of the per-CPU counts.  Exact when
 * read with no reference left (nothing can allocate with the class then,
 * so each count only falls while it is summed, and a zero sum means zero).
 */
static long ddi_class_live(struct ddi_class *cls)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(*per_cpu_ptr(cls->live, cpu));
	return n;
}

static void ddi_class_destroy(struct ddi_class *cls)
{
	unsigned int o;

	cls->magic = 0;
	for (o = 0; o <= PAGE_SHIFT; o++)
		WRITE_ONCE(cls->fast[o], NULL);
	for (o = 0; o <= PAGE_SHIFT; o++)
		if (cls->pools[o]) {
			ddi_page_forget(cls->pools[o]);
			ddi_bpool_destroy(cls->pools[o]);
		}
	if (cls->pdev)
		platform_device_unregister(cls->pdev);
	free_percpu(cls->live);
	kfree(cls);
}

static struct ddi_class *ddi_class_create(const struct ddi_key *key, int *err)
{
	struct ddi_class *cls;
	unsigned int eff, o;
	char name[40];

	*err = -ENOMEM;
	cls = kzalloc(sizeof(*cls), GFP_KERNEL);
	if (!cls)
		return NULL;
	cls->magic = DDI_CLASS_MAGIC;
	atomic_set(&cls->refs, 1);
	cls->live = alloc_percpu(long);
	if (!cls->live)
		goto fail;
	cls->key = *key;
	cls->sig = key->dmasize | (u32)key->max_scgth << 8 |
		   (u32)(PREQ_PREPPED | key->contig_flag) << 16;
	cls->contig = key->contig_flag || key->boundary ||
		      key->align > PAGE_SIZE;
	eff = (key->dmasize == 0 || key->dmasize >= 64) ? 64 : key->dmasize;
	cls->mask = DMA_BIT_MASK(eff);
	cls->zone_gfp = eff >= 64 ? 0 : eff >= 32 ? GFP_DMA32 : GFP_DMA;
	cls->reserve = ddi_reserve_index(cls->mask);
	cls->pdev = platform_device_register_simple("svr5ddi-physreq",
						    ddi_class_seq++, NULL, 0);
	if (IS_ERR(cls->pdev)) {
		cls->pdev = NULL;
		goto fail;
	}
	cls->dev = &cls->pdev->dev;
	if (dma_set_mask_and_coherent(cls->dev, cls->mask)) {
		/* the platform cannot drive this width (x86: below 24 bits) */
		pr_warn_ratelimited("svr5ddi: physreq dmasize %u: the platform has no memory this narrow (DMA_BIT_MASK(%u) refused); physreq_prep fails\n",
				    key->dmasize, eff);
		*err = -EIO;
		goto fail;
	}
	/* Block pools: sizes from max(8, align) to PAGE_SIZE. */
	cls->min_pool = max_t(unsigned int, DDI_MIN_SHIFT, ilog2(key->align));
	cls->max_pool = PAGE_SHIFT;
	for (o = cls->min_pool; o <= cls->max_pool; o++) {
		struct ddi_bpool *bp = kzalloc(sizeof(*bp), GFP_KERNEL);

		if (!bp)
			goto fail;
		spin_lock_init(&bp->lock);
		bp->cls = cls;
		bp->bs = 1UL << o;
		snprintf(name, sizeof(name), "svr5ddi-%d-%zu",
			 ddi_class_seq - 1, bp->bs);
		bp->dp = dma_pool_create(name, cls->dev, bp->bs, bp->bs, 0);
		if (!bp->dp) {
			kfree(bp);
			goto fail;
		}
		cls->pools[o] = bp;
	}
	return cls;
fail:
	ddi_class_destroy(cls);
	return NULL;
}

/*
 * ddi_class_get - the class of @key, created if needed and @may_sleep.
 * Context: creation sleeps; lookup is legal anywhere.
 */
struct ddi_class *ddi_class_get(const struct ddi_key *key, bool may_sleep,
			       bool persist)
{
	struct ddi_class *cls;
	struct ddi_wait w;
	unsigned long flags;
	int err;

	cls = ddi_class_find(key);
	if (cls || !may_sleep)
		return cls;
	ddi_wait_init(&w);
	for (;;) {
		mutex_lock(&ddi_class_mutex);
		cls = ddi_class_find(key);
		err = 0;
		if (!cls) {
			cls = ddi_class_create(key, &err);
			if (cls) {
				spin_lock_irqsave(&ddi_class_lock, flags);
				list_add_tail(&cls->list, &ddi_classes);
				spin_unlock_irqrestore(&ddi_class_lock, flags);
			}
		}
		mutex_unlock(&ddi_class_mutex);
		/* KM_SLEEP waits out a shortage; unsupported is final. */
		if (cls || !persist || err != -ENOMEM)
			return cls;
		ddi_wait_once(&w, "physreq_prep", sizeof(*cls));
	}
}

/*
 * Reaping: a class with no reference (no prepped physreq, no lookup in
 * flight) and no live allocation is unlinked under ddi_class_lock and
 * destroyed, in process context: synchronously from physreq_free and
 * physreq_prep when they may sleep (so a sequence of calls makes the same
 * allocations every time, as fault injection sweeps need), else from a
 * work item.
 */
static void ddi_class_reap(void)
{
	struct ddi_class *cls, *next;
	unsigned long flags;
	LIST_HEAD(dead);

	mutex_lock(&ddi_class_mutex);
	spin_lock_irqsave(&ddi_class_lock, flags);
	list_for_each_entry_safe(cls, next, &ddi_classes, list)
		if (!atomic_read(&cls->refs) && !ddi_class_live(cls))
			list_move(&cls->list, &dead);
	spin_unlock_irqrestore(&ddi_class_lock, flags);
	list_for_each_entry_safe(cls, next, &dead, list) {
		list_del(&cls->list);
		ddi_class_destroy(cls);
	}
	mutex_unlock(&ddi_class_mutex);
}

static void ddi_reap_fn(struct work_struct *work)
{
	ddi_class_reap();
}
static DECLARE_WORK(ddi_reap_work, ddi_reap_fn);

static void ddi_class_maybe_reap(void)
{
	if (!in_atomic() && !irqs_disabled())
		ddi_class_reap();
	else
		schedule_work(&ddi_reap_work);
}

/* Drop a reference taken by ddi_class_get or held by a physreq. */
void ddi_class_put(struct ddi_class *cls)
{
	if (cls && atomic_dec_and_test(&cls->refs) && !ddi_class_live(cls))
		ddi_class_maybe_reap();
}

/*
 * ddi_class_reap_later - an allocation of an unreferenced class was freed
 * (kmem_free: never sleeps, so the reap runs from a work item; only the
 * reap sums the per-CPU counts).  A free racing with the last reference's
 * put may leave the class for a later reap (each further put or free of
 * an unreferenced class tries again; module exit destroys every class).
 */
void ddi_class_reap_later(void)
{
	schedule_work(&ddi_reap_work);
}

void ddi_physreq_exit(void)
{
	flush_work(&ddi_reap_work);
	struct ddi_class *cls, *next;

	list_for_each_entry_safe(cls, next, &ddi_classes, list) {
		list_del(&cls->list);
		ddi_class_destroy(cls);
	}
}

/*
 * ddi_physreq_class - the class an allocation with @preq uses.  Reports
 * an unprepped physreq or one changed since prep, and then uses the class
 * of its present members if they are valid.  NULL: invalid members, or no
 * class and no way to make one here (KM_NOSLEEP).
 */
struct ddi_class *ddi_physreq_class(const physreq_t *preq, int km,
				    size_t size, const char *call,
				    const char *file, int line, bool *ref)
{
	const struct ddi_class *c;
	struct ddi_key key;

	if (unlikely(!preq)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: NULL physreq, size %zu at %s",
			   call, size, DDI_SITE(file, line));
		return NULL;
	}
	*ref = false;
	c = preq->phys_private;
	if (likely((preq->phys_flags & PREQ_PREPPED) && c &&
		   c->magic == DDI_CLASS_MAGIC && ddi_key_matches(&c->key, preq)))
		return (struct ddi_class *)c;
	ddi_key_from(&key, preq);
	if (!(preq->phys_flags & PREQ_PREPPED) || !c ||
	    c->magic != DDI_CLASS_MAGIC)
		ddi_misuse(SVR5DDI_MISUSE_UNPREPPED_PHYSREQ,
			   "%s: unprepped physreq: physreq 0x%lx size %zu (align %lu boundary %lu dmasize %u) at %s",
			   call, (unsigned long)preq, size, key.align, key.boundary,
			   key.dmasize, DDI_SITE(file, line));
	else
		ddi_misuse(SVR5DDI_MISUSE_CHANGED_PHYSREQ,
			   "%s: physreq changed since prep: physreq 0x%lx size %zu, align %lu->%lu boundary %lu->%lu dmasize %u->%u max_scgth %u->%u flags 0x%x->0x%x at %s",
			   call, (unsigned long)preq, size, c->key.align,
			   key.align,
			   c->key.boundary, key.boundary, c->key.dmasize,
			   key.dmasize, c->key.max_scgth, key.max_scgth,
			   c->key.contig_flag, key.contig_flag,
			   DDI_SITE(file, line));
	if (!ddi_key_valid(&key))
		return NULL;
	*ref = true;
	/* KM_SLEEP waits out a shortage here too: it never returns NULL */
	return ddi_class_get(&key, !in_atomic() && !irqs_disabled(),
			     !(km & KM_NOSLEEP));
}

/* ---- physreq and bcb memory ------------------------------------------------ */

/* Zeroed svr5ddi-internal object with a record of @kind. */
void *ddi_obj_alloc(size_t size, int km, enum ddi_kind kind,
		    const char *call, const char *file, int line)
{
	struct ddi_rec *rec;
	void *p;

	rec = ddi_rec_alloc(km);
	if (!rec)
		return NULL;
	p = kmalloc(size, ddi_km_to_gfp(km) | __GFP_ZERO);
	if (!p && !(km & KM_NOSLEEP)) {
		struct ddi_wait w;

		ddi_wait_init(&w);
		while (!(p = kmalloc(size, ddi_km_to_gfp(km) | __GFP_ZERO)))
			ddi_wait_once(&w, call, size);
	}
	if (!p) {
		ddi_rec_free(rec);
		return NULL;
	}
	rec->addr = (unsigned long)p;
	rec->size = size;
	rec->asize = size;
	rec->kind = kind;
	rec->call = call;
	rec->file = file;
	rec->line = line;
	ddi_rec_insert(rec);
	return p;
}

bool ddi_obj_free(void *obj, enum ddi_kind kind, const char *call,
		  const char *file, int line)
{
	struct ddi_rec *rec;
	struct ddi_class *cls;

	rec = ddi_rec_remove((unsigned long)obj, kind);
	if (!rec)
		return false;
	cls = rec->cls;
	ddi_rec_free(rec);
	kfree(obj);
	ddi_class_put(cls);
	return true;
}

/* ---- DDI entry points ---------------------------------------------------- */

/*
 * physreq_alloc - a new physreq: zero-filled except phys_align = 1.
 * Context: as kmem_alloc (KM_SLEEP may sleep).  Returns NULL only with
 * KM_NOSLEEP.
 */
physreq_t *physreq_alloc_site(int flag, const char *file, int line)
{
	physreq_t *preq;
	int km;

	ddi_os_ready();
	km = ddi_km_effective(flag & KM_NOSLEEP, sizeof(physreq_t),
			      "physreq_alloc", file, line);
	preq = ddi_obj_alloc(sizeof(*preq), km, DDI_KIND_PHYSREQ,
			     "physreq_alloc", file, line);
	if (preq)
		preq->phys_align = 1;
	return preq;
}
EXPORT_SYMBOL(physreq_alloc_site);

physreq_t *physreq_alloc(int flag)
{
	return physreq_alloc_site(flag, NULL, 0);
}
EXPORT_SYMBOL(physreq_alloc);

/*
 * physreq_free - release a physreq from physreq_alloc.  A physreq svr5ddi
 * did not allocate is reported (FOREIGN_PHYSREQ) and left alone.
 * Context: any.  Never sleeps where sleeping is illegal: dropping a
 * class's last reference there leaves its reap to a work item; in
 * process context the reap runs here under the class mutex.
 */
void physreq_free_site(physreq_t *preq, const char *file, int line)
{
	ddi_os_ready();
	if (!preq)
		return;
	if (!ddi_obj_free(preq, DDI_KIND_PHYSREQ, "physreq_free", file, line))
		ddi_misuse(SVR5DDI_MISUSE_FOREIGN_PHYSREQ,
			   "physreq_free: physreq not from physreq_alloc: addr 0x%lx size %zu (freed at %s)",
			   (unsigned long)preq, sizeof(*preq),
			   DDI_SITE(file, line));
}
EXPORT_SYMBOL(physreq_free_site);

void physreq_free(physreq_t *preq)
{
	physreq_free_site(preq, NULL, 0);
}
EXPORT_SYMBOL(physreq_free);

/*
 * physreq_prep - validate @preq and compile it into its allocation class.
 * Context: KM_SLEEP: process (may sleep to create the class); KM_NOSLEEP:
 * any; a class not made yet is created in process context (a mutex and a
 * device registration, never a wait for memory), and in atomic context
 * the prep fails.  Returns B_TRUE, or B_FALSE (members unsupported,
 * reported for a dmasize the platform cannot reach, or no memory with
 * KM_NOSLEEP); on B_FALSE the physreq is left unprepped.
 */
boolean_t physreq_prep_site(physreq_t *preq, int flag, const char *file,
			    int line)
{
	struct ddi_class *cls, *old;
	struct ddi_key key;
	bool ours;
	int km;

	ddi_os_ready();
	if (!preq) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "physreq_prep: bad argument: NULL physreq at %s",
			   DDI_SITE(file, line));
		return B_FALSE;
	}
	km = ddi_km_effective(flag & KM_NOSLEEP, sizeof(physreq_t),
			      "physreq_prep", file, line);
	ddi_key_from(&key, preq);
	/*
	 * Creating a class takes a mutex and sleeps only briefly; it is done
	 * for KM_NOSLEEP too when the caller is not atomic, so a KM_NOSLEEP
	 * prep fails only in atomic context or when memory is short.
	 */
	cls = ddi_key_valid(&key) ?
	      ddi_class_get(&key, !in_atomic() && !irqs_disabled(),
			    !(km & KM_NOSLEEP)) : NULL;
	old = ddi_rec_set_cls((unsigned long)preq, DDI_KIND_PHYSREQ, cls,
			      &ours);
	if (!ours) {
		/* A static physreq: it keeps one reference per class. */
		old = NULL;
		if (cls && preq->phys_private == cls &&
		    (preq->phys_flags & PREQ_PREPPED))
			old = cls;
	}
	if (!cls) {
		preq->phys_flags &= ~PREQ_PREPPED;
		preq->phys_private = NULL;
		ddi_class_put(old);
		return B_FALSE;
	}
	preq->phys_private = cls;
	preq->phys_flags |= PREQ_PREPPED;
	ddi_class_put(old);
	return B_TRUE;
}
EXPORT_SYMBOL(physreq_prep_site);

boolean_t physreq_prep(physreq_t *preq, int flag)
{
	return physreq_prep_site(preq, flag, NULL, 0);
}
EXPORT_SYMBOL(physreq_prep);

/*
 * dma_physreq - fill @preqp for a motherboard 8237 channel (spec 9):
 * PREQ_PHYSCONTIG, max_scgth 0, dmasize 24; 8-bit path: align 1, boundary
 * 64 KiB; 16-bit paths: align 2, boundary 128 KiB.  The driver preps it
 * afterwards.  Context: any.
 */
void dma_physreq(int chan, int datapath, physreq_t *preqp)
{
	ddi_os_ready();
	if (!preqp || chan < DMA_CH0 || chan > DMA_CH7) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "dma_physreq: bad argument: chan %d physreq 0x%lx",
			   chan, (unsigned long)preqp);
		if (!preqp)
			return;
	}
	preqp->phys_flags |= PREQ_PHYSCONTIG;
	preqp->phys_max_scgth = 0;
	preqp->phys_dmasize = 24;
	if (datapath == DMA_PATH_8) {
		preqp->phys_align = 1;
		preqp->phys_boundary = 64UL << 10;
	} else {
		preqp->phys_align = 2;
		preqp->phys_boundary = 128UL << 10;
	}
}
EXPORT_SYMBOL(dma_physreq);
