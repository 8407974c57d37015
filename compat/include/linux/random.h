/* SPDX-License-Identifier: MIT */
/*
 * linux/random.h - random numbers for kernel code (userspace emulation of
 * 6.1's get_random_* interface, drawn from the host's getrandom(2)).
 * Context: any; never sleeps once the host's pool is initialised.
 */
#ifndef _COMPAT_LINUX_RANDOM_H
#define _COMPAT_LINUX_RANDOM_H

#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);

static inline unsigned long get_random_long(void)
{
	return (unsigned long)get_random_u64();
}

#endif /* _COMPAT_LINUX_RANDOM_H */
