/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what compat/ files share with each other and nobody else.
 *
 * Initialisation is lazy: every allocator entry point calls compat_init(),
 * which runs the subsystem set-ups once, in this order: printk, physmem
 * (arena and zones, from SVR5DDI_PHYSMEM), page allocator, fault injection
 * (from SVR5DDI_FAULT), slab.  Threads (the interrupt thread, the workqueue
 * worker) start on first use.  Nothing runs in a constructor, so a process
 * that forks before its first allocation (Check's fork mode) gives each
 * child a fresh emulation.
 */
#ifndef COMPAT_INTERNAL_H
#define COMPAT_INTERNAL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/mmzone.h>
#include "host.h"

extern int __compat_initialized;
void __compat_init_slow(void);

static inline void compat_init(void)
{
	if (unlikely(!__atomic_load_n(&__compat_initialized, __ATOMIC_ACQUIRE)))
		__compat_init_slow();
}

/* Subsystem set-ups, called by __compat_init_slow() in this order. */
void compat_printk_init(void);
void compat_physmem_init(void);		/* physmem.c */
void compat_page_alloc_init(void);	/* page_alloc.c */
void compat_fault_init(void);		/* fault_inject.c */
void compat_slab_init(void);		/* slab.c */

/* Fatal set-up error (bad environment variable...): print and exit(2). */
void compat_fatal(const char *fmt, ...) __printf(1, 2) __noreturn;

/* printk.c: count a WARN; record a log line. */
void compat_count_warn(void);

/*
 * page_alloc.c services for the other allocators.  __compat_alloc_pages()
 * is alloc_pages() without fault-injection counting (the caller counted
 * its own request); __compat_free_pages() is __free_pages().
 */
struct page *__compat_alloc_pages(gfp_t gfp, unsigned int order);

/* page_alloc.c: name GFP flags as 6.1's %pGg does, into @buf. */
const char *compat_gfp_string(gfp_t gfp, char *buf, size_t len);

/* physmem.c: the arena's memfd and the file offset of physical @phys. */
int compat_physmem_fd(void);
u64 compat_phys_to_file_offset(phys_addr_t phys);

#endif
