/* SPDX-License-Identifier: MIT */
/* linux/time64.h - time64_t: seconds, 64 bits (userspace emulation of 6.1). */
#ifndef _COMPAT_LINUX_TIME64_H
#define _COMPAT_LINUX_TIME64_H
#include <linux/types.h>

typedef s64 time64_t;

#endif
