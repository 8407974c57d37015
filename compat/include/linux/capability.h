/* SPDX-License-Identifier: MIT */
/*
 * linux/capability.h - POSIX capabilities (userspace emulation of 6.1:
 * kernel_cap_t is two 32-bit words and the cap_* macros index them).
 */
#ifndef _COMPAT_LINUX_CAPABILITY_H
#define _COMPAT_LINUX_CAPABILITY_H
#include <linux/types.h>

#define _KERNEL_CAPABILITY_U32S	2

typedef struct kernel_cap_struct {
	__u32 cap[_KERNEL_CAPABILITY_U32S];
} kernel_cap_t;

#define CAP_SYS_RAWIO		17
#define CAP_SYS_ADMIN		21
#define CAP_LAST_CAP		40

#define CAP_TO_INDEX(x)		((x) >> 5)
#define CAP_TO_MASK(x)		(1U << ((x) & 31))
#define CAP_LAST_U32_VALID_MASK	(CAP_TO_MASK(CAP_LAST_CAP + 1) - 1)
#define CAP_EMPTY_SET		((kernel_cap_t){{ 0, 0 }})
#define CAP_FULL_SET		((kernel_cap_t){{ ~0U, CAP_LAST_U32_VALID_MASK }})

#define cap_raise(c, flag)	((c).cap[CAP_TO_INDEX(flag)] |= CAP_TO_MASK(flag))
#define cap_lower(c, flag)	((c).cap[CAP_TO_INDEX(flag)] &= ~CAP_TO_MASK(flag))
#define cap_raised(c, flag)	((c).cap[CAP_TO_INDEX(flag)] & CAP_TO_MASK(flag))

/* Does the current task have @cap in its effective set?  Context: process. */
bool capable(int cap);

#endif
