/* SPDX-License-Identifier: MIT */
/*
 * linux/kdev_t.h - the kernel's device numbers (userspace emulation of
 * 6.1): a dev_t is a 32-bit value, 12 bits of major above 20 bits of
 * minor.
 */
#ifndef _COMPAT_LINUX_KDEV_T_H
#define _COMPAT_LINUX_KDEV_T_H

#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)

#define MAJOR(dev)	((unsigned int) ((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int) ((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((ma) << MINORBITS) | (mi))

#endif
