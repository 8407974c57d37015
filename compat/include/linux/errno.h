/* SPDX-License-Identifier: MIT */
/* linux/errno.h - the asm-generic errno values (same numbers as glibc). */
#ifndef _COMPAT_LINUX_ERRNO_H
#define _COMPAT_LINUX_ERRNO_H
#ifndef EPERM
#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define ETIMEDOUT	110
#endif
#ifndef ENOTCONN
#define ENOTCONN	107	/* request_irq(IRQ_NOTCONNECTED) */
#endif
#define ERESTARTSYS	512
#endif
