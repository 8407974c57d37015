/* SPDX-License-Identifier: MIT */
/* linux/jiffies.h - HZ=250 as Debian's 6.1 config; jiffies from CLOCK_MONOTONIC. */
#ifndef _COMPAT_LINUX_JIFFIES_H
#define _COMPAT_LINUX_JIFFIES_H
#include <linux/types.h>

#define HZ		250
#define MSEC_PER_SEC	1000L
#define USEC_PER_MSEC	1000L
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L

/* Linux starts jiffies five minutes before the 32-bit wrap (6.1). */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

unsigned long __compat_jiffies(void);
#define jiffies		__compat_jiffies()
#define jiffies_64	((u64)__compat_jiffies())

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}
static inline unsigned long usecs_to_jiffies(unsigned int u)
{
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}
static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (MSEC_PER_SEC / HZ) * j;
}
static inline unsigned int jiffies_to_usecs(unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}
#endif
