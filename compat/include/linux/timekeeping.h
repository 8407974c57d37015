/* SPDX-License-Identifier: MIT */
/* linux/timekeeping.h - the kernel's clocks (userspace emulation of 6.1). */
#ifndef _COMPAT_LINUX_TIMEKEEPING_H
#define _COMPAT_LINUX_TIMEKEEPING_H
#include <linux/ktime.h>
#include <linux/time64.h>

/* ktime_get_real_seconds - CLOCK_REALTIME in whole seconds.  Context: any. */
static inline time64_t ktime_get_real_seconds(void)
{
	return (time64_t)(ktime_get_real_ns() / NSEC_PER_SEC);
}

#endif
