/* SPDX-License-Identifier: MIT */
/*
 * linux/ioport.h - struct resource, as platform devices carry them
 * (emulation of Linux 6.1; no resource tree is kept).
 */
#ifndef _COMPAT_LINUX_IOPORT_H
#define _COMPAT_LINUX_IOPORT_H
#include <linux/types.h>

struct resource {
	resource_size_t start;
	resource_size_t end;		/* inclusive */
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_REG		0x00000300
#define IORESOURCE_IRQ		0x00000400
#define IORESOURCE_DMA		0x00000800
#define IORESOURCE_BUS		0x00001000
#define IORESOURCE_SYSRAM	0x01000000
#define IORESOURCE_SYSTEM_RAM	(IORESOURCE_MEM | IORESOURCE_SYSRAM)

/* resource.desc for region_intersects() (<linux/mm.h>): 6.1's "none". */
#define IORES_DESC_NONE		0

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}

#define DEFINE_RES_NAMED(_start, _size, _name, _flags)			\
	{ .start = (_start), .end = (_start) + (_size) - 1,		\
	  .name = (_name), .flags = (_flags), .desc = 0 }
#define DEFINE_RES_MEM(_start, _size)					\
	DEFINE_RES_NAMED((_start), (_size), NULL, IORESOURCE_MEM)
#define DEFINE_RES_IRQ(_irq)						\
	DEFINE_RES_NAMED((_irq), 1, NULL, IORESOURCE_IRQ)

#endif
