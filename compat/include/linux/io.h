/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_IO_H
#define _COMPAT_LINUX_IO_H
#include <linux/mm.h>
#include <asm/io.h>
#endif
