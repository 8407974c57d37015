/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_KTIME_H
#define _COMPAT_LINUX_KTIME_H
#include <linux/types.h>
#include <linux/jiffies.h>
typedef s64 ktime_t;
u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);
static inline ktime_t ktime_get(void) { return (ktime_t)ktime_get_ns(); }
static inline s64 ktime_to_ns(ktime_t kt) { return kt; }
static inline s64 ktime_to_us(ktime_t kt) { return kt / 1000; }
#define ktime_sub(a, b)	((a) - (b))
#endif
