// SPDX-License-Identifier: MIT
/*
 * ksynch_check.c - the ksynch family's shared machinery: object memory,
 * argument checks, and the per-CPU, per-context record of held spin locks
 * behind the misuse reports (see ksynch_internal.h for the theory).
 *
 * The counts (how many basic/rw locks the context holds) are kept always:
 * they cost one per-CPU increment and decrement and decide
 * SLEEP_WITH_LOCK.  The table (which locks) is kept only while the debug
 * layer is on (ddi_debug); it decides lock-order and level reports and
 * names the held lock in messages.  The table has DDI_HELD_MAX entries
 * per CPU; locks taken beyond that are counted but not checked.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

#define DDI_HELD_MAX	16
#define DDI_NR_CTX	3

struct ddi_held_cpu {
	unsigned int spin[DDI_NR_CTX];	/* held basic/rw locks per context */
	unsigned int n;			/* table entries in use */
	struct ddi_held e[DDI_HELD_MAX];
};

static DEFINE_PER_CPU(struct ddi_held_cpu, ddi_held_cpu);

/* ---- objects -------------------------------------------------------------- */

void *ddi_ksynch_alloc(size_t size, int km, const char *call,
		       const char *file, int line)
{
	struct ddi_wait w;
	void *p;

	ddi_os_ready();
	if (km & ~KM_NOSLEEP) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: flag %#x is neither KM_SLEEP nor KM_NOSLEEP at %s",
			   call, (unsigned int)km, DDI_SITE(file, line));
		km = KM_NOSLEEP;
	}
	km = ddi_km_effective(km, size, call, file, line);
	p = kzalloc(size, ddi_km_to_gfp(km));
	if (!p && !(km & KM_NOSLEEP)) {
		ddi_wait_init(&w);
		while (!(p = kzalloc(size, ddi_km_to_gfp(km))))
			ddi_wait_once(&w, call, size);
	}
	return p;
}

/* Free an object whose magic is at @magic, after poisoning the magic. */
void ddi_ksynch_free(void *obj, u32 *magic)
{
	WRITE_ONCE(*magic, DDI_DEAD_MAGIC);
	kfree(obj);
}

const char *ddi_lk_name(const lkinfo_t *info)
{
	return info && info->lk_name ? info->lk_name : "?";
}

bool ddi_lk_hier_ok(int hier, const char *call, const char *file, int line)
{
	if (hier >= LK_HIER_MIN && hier <= LK_HIER_MAX)
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: hierarchy %d outside %d..%d at %s",
		   call, hier, LK_HIER_MIN, LK_HIER_MAX, DDI_SITE(file, line));
	return false;
}

bool ddi_lk_pl_ok(int pl, const char *call, const char *what,
		  const char *file, int line)
{
	if (pl >= PLBASE && pl <= PLHI)
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
		   "%s: bad priority level: %s %d outside plbase..plhi (%d..%d) at %s",
		   call, what, pl, PLBASE, PLHI, DDI_SITE(file, line));
	return false;
}

int ddi_lk_level(int pl, int min_pl, const char *call, const char *name,
		 const char *file, int line)
{
	int cur;

	if (pl < PLBASE || pl > PLHI) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
			   "%s: bad priority level: lock \"%s\": pl %d outside plbase..plhi (%d..%d) at %s",
			   call, name, pl, PLBASE, PLHI, DDI_SITE(file, line));
		pl = pl < PLBASE ? PLBASE : PLHI;
	}
	if (pl < min_pl) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
			   "%s: bad priority level: lock \"%s\": pl %d below its min_pl %d at %s",
			   call, name, pl, min_pl, DDI_SITE(file, line));
		pl = min_pl;
	}
	cur = ddi_spl_current();
	if (pl < cur && in_interrupt()) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
			   "%s: bad priority level: lock \"%s\": pl %d below the interrupt level %d at %s",
			   call, name, pl, cur, DDI_SITE(file, line));
		pl = cur;
	}
	return pl;
}

/* ---- contexts and held spin locks ------------------------------------------ */

int ddi_lk_ctx(void)
{
	if (in_nmi() || in_hardirq())
		return 2;
	if (in_serving_softirq())
		return 1;
	return 0;
}

unsigned int ddi_lk_spin_held(void)
{
	unsigned int n;

	preempt_disable();
	n = this_cpu_ptr(&ddi_held_cpu)->spin[ddi_lk_ctx()];
	preempt_enable();
	return n;
}

/*
 * ddi_lk_acquired - the calling context now holds @lock (a basic or rw
 * spin lock); true if it got a table entry.  Context: any, with the spin
 * lock held (so pinned to this CPU).
 */
bool ddi_lk_acquired(const void *lock, enum ddi_lk_kind kind, int hier,
		     int pl, const char *name, const char *file, int line)
{
	struct ddi_held_cpu *hc = this_cpu_ptr(&ddi_held_cpu);
	int ctx = ddi_lk_ctx();
	unsigned long flags;
	struct ddi_held *e;
	bool tracked = false;

	hc->spin[ctx]++;
	if (!READ_ONCE(ddi_debug))
		return false;
	local_irq_save(flags);
	if (hc->n < DDI_HELD_MAX) {
		tracked = true;
		e = &hc->e[hc->n++];
		e->lock = lock;
		e->kind = kind;
		e->hier = hier;
		e->pl = pl;
		e->ctx = ctx;
		e->recurse = 0;
		e->name = name;
		e->file = file;
		e->line = line;
	}
	local_irq_restore(flags);
	return tracked;
}

/*
 * ddi_lk_released - the calling context no longer holds @lock.  Call it
 * before dropping the spin lock.  Context: any.
 */
void ddi_lk_released(const void *lock)
{
	struct ddi_held_cpu *hc = this_cpu_ptr(&ddi_held_cpu);
	int ctx = ddi_lk_ctx();
	unsigned long flags;
	unsigned int i;

	if (hc->spin[ctx])
		hc->spin[ctx]--;
	local_irq_save(flags);
	for (i = hc->n; i-- > 0;) {
		if (hc->e[i].lock == lock && hc->e[i].ctx == ctx) {
			memmove(&hc->e[i], &hc->e[i + 1],
				(hc->n - i - 1) * sizeof(hc->e[0]));
			hc->n--;
			break;
		}
	}
	local_irq_restore(flags);
}

/* The calling context's table entry for @lock, or NULL (debug layer). */
struct ddi_held *ddi_lk_find(const void *lock)
{
	struct ddi_held_cpu *hc = this_cpu_ptr(&ddi_held_cpu);
	int ctx = ddi_lk_ctx();
	unsigned int i;

	for (i = hc->n; i-- > 0;)
		if (hc->e[i].lock == lock && hc->e[i].ctx == ctx)
			return &hc->e[i];
	return NULL;
}

/*
 * ddi_lk_order_check - with the debug layer on, report acquiring @lock of
 * hierarchy @hier while the context holds a basic or rw lock whose
 * hierarchy is not below it (hierarchy(D5): locks are taken in increasing
 * hierarchy order).  Context: any; before the lock is taken.
 */
void ddi_lk_order_check(const void *lock, int hier, const char *call,
			const char *name, const char *file, int line)
{
	struct ddi_held_cpu *hc;
	struct ddi_held bad;
	unsigned long flags;
	bool found = false;
	unsigned int i;
	int ctx;

	if (!READ_ONCE(ddi_debug))
		return;
	local_irq_save(flags);
	hc = this_cpu_ptr(&ddi_held_cpu);
	ctx = ddi_lk_ctx();
	for (i = 0; i < hc->n; i++) {
		if (hc->e[i].ctx == ctx && hc->e[i].lock != lock &&
		    hc->e[i].hier >= hier) {
			bad = hc->e[i];
			found = true;
			break;
		}
	}
	local_irq_restore(flags);
	if (found)
		ddi_misuse(DDI_MISUSE_LOCK_ORDER,
			   "%s: lock order violation: lock \"%s\" hierarchy %d not above held lock \"%s\" hierarchy %d (taken at %s) at %s",
			   call, name, hier, bad.name, bad.hier,
			   DDI_SITE(bad.file, bad.line), DDI_SITE(file, line));
}

const char *ddi_lk_held_desc(const void *except, char *buf, size_t len)
{
	struct ddi_held_cpu *hc = this_cpu_ptr(&ddi_held_cpu);
	int ctx = ddi_lk_ctx();
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < hc->n; i++) {
		if (hc->e[i].ctx == ctx && hc->e[i].lock != except) {
			snprintf(buf, len, " (lock \"%s\" taken at %s)",
				 hc->e[i].name,
				 DDI_SITE(hc->e[i].file, hc->e[i].line));
			break;
		}
	}
	return buf;
}

int ddi_ksynch_floor(int pl, const char *call, const char *file, int line)
{
	struct ddi_held_cpu *hc;
	struct ddi_held top = { 0 };
	unsigned long flags;
	unsigned int i;
	int ctx;

	if (!READ_ONCE(ddi_debug))
		return pl;
	local_irq_save(flags);
	hc = this_cpu_ptr(&ddi_held_cpu);
	ctx = ddi_lk_ctx();
	for (i = 0; i < hc->n; i++)
		if (hc->e[i].ctx == ctx && hc->e[i].pl > top.pl)
			top = hc->e[i];
	local_irq_restore(flags);
	if (pl >= top.pl)
		return pl;
	ddi_misuse(SVR5DDI_MISUSE_BAD_LEVEL,
		   "%s: bad priority level: pl %d below level %d of held lock \"%s\" (taken at %s) at %s",
		   call, pl, top.pl, top.name, DDI_SITE(top.file, top.line),
		   DDI_SITE(file, line));
	return top.pl;
}
