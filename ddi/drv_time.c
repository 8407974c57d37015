// SPDX-License-Identifier: MIT
/*
 * drv_time.c - delays and clock ticks: drv_usecwait(D3), drv_usectohz(D3),
 * drv_hztousec(D3), delay(D3), TICKS(D3) and Hz; kernel parameters:
 * drv_getparm(D3), drv_setparm(D3).
 *
 * A clock tick is a jiffy (Hz == HZ: 250 in Debian's kernel and in the
 * emulation).  lbolt, the SVR5 tick counter, is jiffies - INITIAL_JIFFIES:
 * ticks since boot, 64 bits wide, so it does not wrap.
 *
 * drv_getparm stores each value with the type UnixWare's kernel stored:
 * a long-sized value (clock_t, time_t, size_t, a pointer, and pid_t, which
 * is a long on UnixWare) for every parameter except STRMSGSIZE (an int).
 * The process parameters describe the current Linux task: its thread
 * group (PPID), process group (PPGRP) and session (PSID) ids in its pid
 * namespace, the task itself (UPROCP: only ever passed back to vtop) and
 * its struct cred (UCRED: only ever passed to drv_priv).
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/pid.h>
#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/timekeeping.h>
#include <linux/hardirq.h>
#include <linux/export.h>
#include "ddi_internal.h"
#include <sys/ddi.h>
#include "time_internal.h"

#define DDI_USEC_PER_SEC	1000000L
#define DDI_MAXBIOSIZE		(128UL * 1024)	/* DRV_MAXBIOSIZE, bytes */
#define DDI_STRMSGSIZE		65536		/* STRMSGSIZE, bytes */

int Hz = HZ;
EXPORT_SYMBOL(Hz);

/* drv_setparm counters, SYSRINT..SYSOUTC (statistics nobody reads back) */
static atomic_long_t ddi_sysparm[SYSOUTC - SYSRINT + 1];

static clock_t ddi_lbolt(void)
{
	return (clock_t)(jiffies - INITIAL_JIFFIES);
}

/* TICKS - the current lbolt value: ticks since boot.  Context: any. */
clock_t TICKS(void)
{
	return ddi_lbolt();
}
EXPORT_SYMBOL(TICKS);

/*
 * drv_usecwait - busy-wait at least @usecs microseconds (udelay, in 1 ms
 * slices so long waits do not overflow the delay arithmetic).  Does not
 * change the level or sleep.  A value <= 0 returns at once.
 * Context: any.
 */
void drv_usecwait(clock_t usecs)
{
	while (usecs > 1000) {
		udelay(1000);
		usecs -= 1000;
	}
	if (usecs > 0)
		udelay((unsigned long)usecs);
}
EXPORT_SYMBOL(drv_usecwait);

/*
 * drv_usectohz - the fewest ticks lasting at least @usecs microseconds;
 * CLOCK_MAX when that does not fit, 0 for @usecs <= 0.  Context: any.
 */
clock_t drv_usectohz(clock_t usecs)
{
	long secs, rest;

	if (usecs <= 0)
		return 0;
	secs = usecs / DDI_USEC_PER_SEC;
	rest = usecs % DDI_USEC_PER_SEC;
	if (secs > (CLOCK_MAX - HZ) / HZ)
		return CLOCK_MAX;
	return secs * HZ + (rest * HZ + DDI_USEC_PER_SEC - 1) / DDI_USEC_PER_SEC;
}
EXPORT_SYMBOL(drv_usectohz);

/*
 * drv_hztousec - the microseconds in @ticks ticks; CLOCK_MAX when that
 * does not fit, 0 for @ticks <= 0.  Context: any.
 */
clock_t drv_hztousec(clock_t ticks)
{
	long secs, rest;

	if (ticks <= 0)
		return 0;
	secs = ticks / HZ;
	rest = ticks % HZ;
	if (secs > (CLOCK_MAX - DDI_USEC_PER_SEC) / DDI_USEC_PER_SEC)
		return CLOCK_MAX;
	return secs * DDI_USEC_PER_SEC + rest * DDI_USEC_PER_SEC / HZ;
}
EXPORT_SYMBOL(drv_hztousec);

/*
 * The process-context check of a call that sleeps: 0 when it may, else
 * the report is made and -1 returned.
 */
static int ddi_may_sleep(const char *call, const char *file, int line)
{
	if (in_interrupt()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "%s: wrong context: interrupt context (%s): not sleeping at %s",
			   call, in_hardirq() ? "hardirq" : "softirq",
			   DDI_SITE(file, line));
		return -1;
	}
	if (preempt_count()) {
		ddi_misuse(SVR5DDI_MISUSE_SLEEP_WITH_LOCK,
			   "%s: sleep with a spin lock held: preempt_count %#x: not sleeping at %s",
			   call, preempt_count(), DDI_SITE(file, line));
		return -1;
	}
	if (irqs_disabled()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "%s: wrong context: interrupts masked (pl %d): not sleeping at %s",
			   call, ddi_spl_current(), DDI_SITE(file, line));
		return -1;
	}
	return 0;
}

/*
 * delay_site - sleep @ticks clock ticks (at least ticks - 1), without
 * signals (schedule_timeout_uninterruptible).  Context: base level only:
 * process context, no basic or read/write lock held, interrupts enabled.
 * In interrupt context, with a spin lock held or at a raised level it is
 * reported (WRONG_CONTEXT, SLEEP_WITH_LOCK) and returns at once; so does
 * a negative @ticks (BAD_ARGUMENT).  0 returns at once.
 */
void delay_site(long ticks, const char *file, int line)
{
	ddi_os_ready();
	if (ticks < 0) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "delay: bad argument: ticks %ld (negative) at %s",
			   ticks, DDI_SITE(file, line));
		return;
	}
	if (ddi_may_sleep("delay", file, line))
		return;
	if (ticks)
		schedule_timeout_uninterruptible(ticks);
}
EXPORT_SYMBOL(delay_site);

void delay(long ticks)
{
	delay_site(ticks, NULL, 0);
}
EXPORT_SYMBOL(delay);

static const char *ddi_parm_name(ulong_t parm)
{
	switch (parm) {
	case UPROCP:
		return "UPROCP";
	case UCRED:
		return "UCRED";
	case PPGRP:
		return "PPGRP";
	case PPID:
		return "PPID";
	case PSID:
		return "PSID";
	default:
		return "?";
	}
}

/*
 * drv_getparm_site - store kernel parameter @parm at @valuep and return
 * 0, or return -1 for a parameter that cannot be read (nothing stored).
 * LBOLT (ticks since boot), TIME (seconds since 1970), DRV_MAXBIOSIZE and
 * STRMSGSIZE may be read in any context; UPROCP, UCRED, PPID, PPGRP and
 * PSID describe the current process, so need user context: in interrupt
 * context they are reported (WRONG_CONTEXT) and describe whatever task
 * was interrupted, as on UnixWare.  A NULL @valuep is reported
 * (BAD_ARGUMENT) and -1 returned.  Context: any; never sleeps.
 */
int drv_getparm_site(ulong_t parm, void *valuep, const char *file, int line)
{
	ulong_t v;

	ddi_os_ready();
	switch (parm) {
	case LBOLT:
	case TIME:
	case DRV_MAXBIOSIZE:
	case STRMSGSIZE:
		break;
	case UPROCP:
	case UCRED:
	case PPGRP:
	case PPID:
	case PSID:
		if (in_interrupt())
			ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
				   "drv_getparm: wrong context: %s in interrupt context at %s",
				   ddi_parm_name(parm), DDI_SITE(file, line));
		break;
	default:
		return -1;
	}
	if (!valuep) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "drv_getparm: bad argument: NULL value pointer at %s",
			   DDI_SITE(file, line));
		return -1;
	}

	switch (parm) {
	case LBOLT:
		v = (ulong_t)ddi_lbolt();
		break;
	case TIME:
		v = (ulong_t)ktime_get_real_seconds();
		break;
	case DRV_MAXBIOSIZE:
		v = DDI_MAXBIOSIZE;
		break;
	case STRMSGSIZE:
		*(int *)valuep = DDI_STRMSGSIZE;
		return 0;
	case UPROCP:
		v = (ulong_t)(proc_t *)current;
		break;
	case UCRED:
		v = (ulong_t)(cred_t *)current_cred();
		break;
	case PPID:
		rcu_read_lock();
		v = (ulong_t)(long)pid_vnr(task_tgid(current));
		rcu_read_unlock();
		break;
	case PPGRP:
		rcu_read_lock();
		v = (ulong_t)(long)pid_vnr(task_pgrp(current));
		rcu_read_unlock();
		break;
	default:	/* PSID */
		rcu_read_lock();
		v = (ulong_t)(long)pid_vnr(task_session(current));
		rcu_read_unlock();
		break;
	}
	*(ulong_t *)valuep = v;
	return 0;
}
EXPORT_SYMBOL(drv_getparm_site);

int drv_getparm(ulong_t parm, void *valuep)
{
	return drv_getparm_site(parm, valuep, NULL, 0);
}
EXPORT_SYMBOL(drv_getparm);

/*
 * drv_setparm - add @value to the kernel statistic @parm (SYSRINT,
 * SYSXINT, SYSMINT, SYSRAWC, SYSCANC, SYSOUTC) and return 0; -1 for any
 * other parameter.  Context: any; never sleeps.
 */
int drv_setparm(ulong_t parm, ulong_t value)
{
	if (parm < SYSRINT || parm > SYSOUTC)
		return -1;
	atomic_long_add((long)value, &ddi_sysparm[parm - SYSRINT]);
	return 0;
}
EXPORT_SYMBOL(drv_setparm);
