/* SPDX-License-Identifier: MIT */
/*
 * time.c - jiffies, ktime and delays.
 *
 * jiffies count HZ (250) ticks of CLOCK_MONOTONIC since the emulation first
 * read the clock, starting at INITIAL_JIFFIES as Linux does, so that code
 * meets a wrap of the low 32 bits five minutes in, as in the kernel.
 * udelay() and friends busy-wait and are legal in atomic context; msleep()
 * and friends sleep and call might_sleep().
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/export.h>
#include "internal.h"

#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

static u64 boot_ns;

static u64 since_boot_ns(void)
{
	u64 now = host_now_ns();
	u64 b = __atomic_load_n(&boot_ns, __ATOMIC_RELAXED);

	if (unlikely(!b)) {
		u64 expected = 0;

		__atomic_compare_exchange_n(&boot_ns, &expected, now, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
		b = __atomic_load_n(&boot_ns, __ATOMIC_RELAXED);
	}
	return now - b;
}

unsigned long __compat_jiffies(void)
{
	return INITIAL_JIFFIES + (unsigned long)(since_boot_ns() / (NSEC_PER_SEC / HZ));
}
EXPORT_SYMBOL(__compat_jiffies);

u64 ktime_get_ns(void)
{
	return since_boot_ns();
}
EXPORT_SYMBOL(ktime_get_ns);

u64 ktime_get_real_ns(void)
{
	return host_realtime_ns();
}
EXPORT_SYMBOL(ktime_get_real_ns);

/**
 * ndelay - busy-wait at least @nsecs nanoseconds.
 * Context: any; never sleeps.
 */
void ndelay(unsigned long nsecs)
{
	u64 end = host_now_ns() + nsecs;

	while (host_now_ns() < end)
		__builtin_ia32_pause();
}
EXPORT_SYMBOL(ndelay);

void udelay(unsigned long usecs)
{
	ndelay(usecs * NSEC_PER_USEC);
}
EXPORT_SYMBOL(udelay);

void mdelay(unsigned long msecs)
{
	ndelay(msecs * NSEC_PER_MSEC);
}
EXPORT_SYMBOL(mdelay);

/**
 * msleep - sleep at least @msecs milliseconds.
 * As in Linux, the sleep is rounded up to whole jiffies plus one.
 * Context: process; sleeps.
 */
void msleep(unsigned int msecs)
{
	might_sleep();
	host_sleep_ns(((u64)msecs_to_jiffies(msecs) + 1) * (NSEC_PER_SEC / HZ));
}
EXPORT_SYMBOL(msleep);

unsigned long msleep_interruptible(unsigned int msecs)
{
	msleep(msecs);
	return 0;
}
EXPORT_SYMBOL(msleep_interruptible);

void usleep_range(unsigned long min, unsigned long max)
{
	might_sleep();
	host_sleep_ns((u64)min * NSEC_PER_USEC);
}
EXPORT_SYMBOL(usleep_range);

void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}
EXPORT_SYMBOL(fsleep);
