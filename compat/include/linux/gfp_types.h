/* SPDX-License-Identifier: MIT */
/*
 * linux/gfp_types.h - GFP flags with Linux 6.1's bit values.
 *
 * Flags that select behaviour the emulation reproduces keep their 6.1
 * values.  Flags that only steer machinery that does not exist here
 * (movable/reclaimable grouping, cpusets, memcg accounting, KASAN tags,
 * lockdep, dirty-page throttling) are defined as 0, each with its reason,
 * as FreeBSD's LinuxKPI does; the static asserts in page_alloc.c check that
 * the meaningful bits never overlap.
 */
#ifndef _COMPAT_LINUX_GFP_TYPES_H
#define _COMPAT_LINUX_GFP_TYPES_H
#include <linux/types.h>

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_ATOMIC		0x200u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_RETRY_MAYFAIL	0x4000u
#define ___GFP_NOFAIL		0x8000u
#define ___GFP_NORETRY		0x10000u
#define ___GFP_MEMALLOC		0x20000u
#define ___GFP_COMP		0x40000u
#define ___GFP_NOMEMALLOC	0x80000u

/* Zone modifiers. */
#define __GFP_DMA	((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM	((gfp_t)___GFP_HIGHMEM)	/* x86-64 has no highmem: no effect */
#define __GFP_DMA32	((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE	((gfp_t)0)	/* no ZONE_MOVABLE is emulated */
#define GFP_ZONEMASK	(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Page mobility and placement hints. */
#define __GFP_RECLAIMABLE	((gfp_t)0)	/* no anti-fragmentation grouping */
#define __GFP_WRITE		((gfp_t)0)	/* no dirty-page balancing */
#define __GFP_HARDWALL		((gfp_t)0)	/* no cpusets */
#define __GFP_THISNODE		((gfp_t)0)	/* one node only */
#define __GFP_ACCOUNT		((gfp_t)0)	/* no memcg */

/* Watermark modifiers. */
#define __GFP_ATOMIC	((gfp_t)___GFP_ATOMIC)
#define __GFP_HIGH	((gfp_t)___GFP_HIGH)
#define __GFP_MEMALLOC	((gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC ((gfp_t)___GFP_NOMEMALLOC)

/* Reclaim modifiers. */
#define __GFP_IO		((gfp_t)___GFP_IO)
#define __GFP_FS		((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM	((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM	((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM	((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_RETRY_MAYFAIL	((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL		((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY		((gfp_t)___GFP_NORETRY)

/* Action modifiers. */
#define __GFP_NOWARN	((gfp_t)___GFP_NOWARN)
#define __GFP_COMP	((gfp_t)___GFP_COMP)
#define __GFP_ZERO	((gfp_t)___GFP_ZERO)
#define __GFP_ZEROTAGS	((gfp_t)0)	/* no memory tagging */
#define __GFP_SKIP_ZERO	((gfp_t)0)	/* no KASAN HW tags */
#define __GFP_SKIP_KASAN_UNPOISON ((gfp_t)0)
#define __GFP_SKIP_KASAN_POISON	((gfp_t)0)
#define __GFP_NOLOCKDEP	((gfp_t)0)	/* no lockdep */

#define __GFP_BITS_SHIFT 20
#define __GFP_BITS_MASK	((gfp_t)((1u << __GFP_BITS_SHIFT) - 1))

/* The useful combinations, exactly as 6.1 builds them. */
#define GFP_ATOMIC	(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA		__GFP_DMA
#define GFP_DMA32	__GFP_DMA32
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT ((GFP_HIGHUSER_MOVABLE | __GFP_COMP | \
			__GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

#endif
