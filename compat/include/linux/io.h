/* SPDX-License-Identifier: MIT */
/*
 * linux/io.h - the MMIO and port accessors (<asm/io.h>) and memremap()
 * (emulation of Linux 6.1; implementation compat/io.c).
 */
#ifndef _COMPAT_LINUX_IO_H
#define _COMPAT_LINUX_IO_H
#include <linux/mm.h>
#include <asm/io.h>

/* memremap() flags, with 6.1's values. */
enum {
	MEMREMAP_WB = 1 << 0,
	MEMREMAP_WT = 1 << 1,
	MEMREMAP_WC = 1 << 2,
	MEMREMAP_ENC = 1 << 3,
	MEMREMAP_DEC = 1 << 4,
};

void *memremap(resource_size_t offset, size_t size, unsigned long flags);
void memunmap(void *addr);

#endif
