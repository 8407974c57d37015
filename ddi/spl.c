// SPDX-License-Identifier: MIT
/*
 * spl.c - SVR5 interrupt priority levels (spl(D3), getpl(D3)) on Linux.
 *
 * Theory
 * ------
 * Linux has no interrupt priority levels: a CPU takes every interrupt or
 * (local_irq_disable) none.  svr5ddi keeps the SVR5 level of each CPU as a
 * number in a per-CPU variable and masks ALL local interrupts whenever
 * that number is above plbase.  Masking more than SVR5 would is safe (an
 * interrupt is only deferred); a driver cannot tell except by latency.
 * In the userspace emulation "per CPU" is per task (<linux/percpu.h>),
 * matching compat's per-task interrupt mask.
 *
 * Invariants (per CPU):
 *   level > plbase  =>  local interrupts are off, so the task cannot
 *                       migrate and the variable cannot change under it
 *                       (an interrupt handler on this CPU would need
 *                       interrupts on to start);
 *   irqs_on_at_base records whether interrupts were on when the CPU left
 *                       plbase: returning to plbase turns them back on
 *                       only then, so a level raised inside a Linux
 *                       hardirq (interrupts already off, level plbase)
 *                       never unmasks them when it drops back.
 * Every transition runs with interrupts off (local_irq_save first), so it
 * is atomic with respect to this CPU's interrupts.
 *
 * The named spl calls other than splbase/spl0 only ever raise: at plhi,
 * splstr() leaves the level at plhi (an SVR5 driver calling them wants
 * "at least this blocked"; lowering would let interrupts in that the
 * enclosing code blocked).  splx() and splbase() set the level exactly,
 * lowering it too.  A value outside plbase..plhi is reported (BAD_LEVEL)
 * and ignored.  getpl() reads the number.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

static DEFINE_PER_CPU(int, ddi_pl);
static DEFINE_PER_CPU(bool, ddi_pl_irqs_on);

/*
 * ddi_spl_set_exact - move this CPU to level @pl (already validated) and
 * return the previous level.  Context: any.
 */
int ddi_spl_set_exact(int pl)
{
	unsigned long flags;
	int old;

	local_irq_save(flags);
	old = __this_cpu_read(ddi_pl);
	if (pl == old) {
		local_irq_restore(flags);
		return old;
	}
	if (old == PLBASE) {
		/* leaving base: remember whether to unmask on the way back */
		__this_cpu_write(ddi_pl_irqs_on, !irqs_disabled_flags(flags));
		__this_cpu_write(ddi_pl, pl);
		return old;			/* interrupts stay off */
	}
	__this_cpu_write(ddi_pl, pl);
	if (pl == PLBASE && __this_cpu_read(ddi_pl_irqs_on))
		local_irq_enable();
	/* otherwise interrupts stay as they were: off */
	return old;
}

static inline bool ddi_pl_valid(int pl)
{
	return pl >= PLBASE && pl <= PLHI;
}

/*
 * ddi_spl_raise - raise this CPU to at least @pl; returns the previous
 * level.  A level outside plbase..plhi is clamped into the range (internal
 * callers pass levels they validated).  Context: any.
 */
int ddi_spl_raise(int pl)
{
	int cur;

	if (pl > PLHI)
		pl = PLHI;
	cur = this_cpu_read(ddi_pl);
	if (pl <= cur)
		return cur;
	return ddi_spl_set_exact(pl);
}

/*
 * ddi_spl_restore - return this CPU to @old, a level ddi_spl_raise() (or
 * an spl call) returned.  Context: any.
 */
void ddi_spl_restore(int old)
{
	if (!ddi_pl_valid(old))
		old = old < PLBASE ? PLBASE : PLHI;
	ddi_spl_set_exact(old);
}

/* ddi_spl_current - this CPU's SVR5 level.  Context: any. */
int ddi_spl_current(void)
{
	return this_cpu_read(ddi_pl);
}

/* ---- the SVR5 calls ------------------------------------------------------ */

/*
 * splbase, spl0 - drop this CPU to plbase (interrupts on if they were on
 * when it left plbase); return the previous level.  Context: base-level
 * code not nested in any critical section (SVR5's rule; with the debug
 * layer on, dropping below a held lock's level is reported and stops
 * there).
 */
pl_t splbase(void)
{
	return ddi_spl_set_exact(ddi_ksynch_floor(PLBASE, "splbase", NULL, 0));
}
EXPORT_SYMBOL(splbase);

pl_t spl0(void)
{
	return ddi_spl_set_exact(ddi_ksynch_floor(PLBASE, "spl0", NULL, 0));
}
EXPORT_SYMBOL(spl0);

/*
 * spltimeout, spldisk, splstr, spltty, splhi, spl7 - raise this CPU to at
 * least that level (all local interrupts masked) and return the previous
 * level.  Never lower the level.  Context: any; never sleep.
 */
pl_t spltimeout(void)
{
	return ddi_spl_raise(PLTIMEOUT);
}
EXPORT_SYMBOL(spltimeout);

pl_t spldisk(void)
{
	return ddi_spl_raise(PLDISK);
}
EXPORT_SYMBOL(spldisk);

pl_t splstr(void)
{
	return ddi_spl_raise(PLSTR);
}
EXPORT_SYMBOL(splstr);

pl_t spltty(void)
{
	return ddi_spl_raise(PLTTY);
}
EXPORT_SYMBOL(spltty);

pl_t splhi(void)
{
	return ddi_spl_raise(PLHI);
}
EXPORT_SYMBOL(splhi);

pl_t spl7(void)
{
	return ddi_spl_raise(PLHI);
}
EXPORT_SYMBOL(spl7);

/*
 * splx_site - set this CPU's level to @pl exactly (normally a value an
 * spl call or LOCK returned); an invalid @pl is reported (BAD_LEVEL, with
 * the caller's site) and the level left alone.  With the debug layer on,
 * dropping below the level of a basic or rw lock still held is reported
 * (BAD_LEVEL) and stops at that lock's level.  Context: any.
 */
void splx_site(pl_t pl, const char *file, int line)
{
	if (!ddi_lk_pl_ok(pl, "splx", "pl", file, line))
		return;
	ddi_spl_set_exact(ddi_ksynch_floor(pl, "splx", file, line));
}
EXPORT_SYMBOL(splx_site);

void splx(pl_t pl)
{
	splx_site(pl, NULL, 0);
}
EXPORT_SYMBOL(splx);

/* getpl - this CPU's current level.  Context: any. */
pl_t getpl(void)
{
	return ddi_spl_current();
}
EXPORT_SYMBOL(getpl);
