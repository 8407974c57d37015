/* SPDX-License-Identifier: MIT */
/* linux/uidgid.h - kernel user and group ids (userspace emulation of 6.1). */
#ifndef _COMPAT_LINUX_UIDGID_H
#define _COMPAT_LINUX_UIDGID_H
#include <linux/types.h>

typedef struct {
	unsigned int val;
} kuid_t;

typedef struct {
	unsigned int val;
} kgid_t;

#define KUIDT_INIT(value)	((kuid_t){ value })
#define KGIDT_INIT(value)	((kgid_t){ value })
#define GLOBAL_ROOT_UID		KUIDT_INIT(0)
#define GLOBAL_ROOT_GID		KGIDT_INIT(0)

static inline bool uid_eq(kuid_t left, kuid_t right)
{
	return left.val == right.val;
}

#endif
