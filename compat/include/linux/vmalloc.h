/* SPDX-License-Identifier: MIT */
/*
 * linux/vmalloc.h - virtually contiguous memory (emulation of Linux 6.1).
 * Implementation: compat/vmalloc.c.
 *
 * The vmalloc area is one reserved range of the process's address space;
 * an area maps arena frames a second time (the arena is a memfd), so the
 * memory is virtually contiguous, physically scattered, and a write through
 * either address is seen through the other, as in the kernel.
 */
#ifndef _COMPAT_LINUX_VMALLOC_H
#define _COMPAT_LINUX_VMALLOC_H
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/gfp_types.h>
#include <asm/page.h>

struct page;

/* Bits in vm_struct.flags, with 6.1's values. */
#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages */
#define VM_USERMAP		0x00000008	/* remap_vmalloc_range */
#define VM_DMA_COHERENT		0x00000010	/* dma_alloc_coherent */
#define VM_UNINITIALIZED	0x00000020	/* not fully initialised */
#define VM_NO_GUARD		0x00000040	/* refused by vmap(), as in 6.1 */
#define VM_KASAN		0x00000080
#define VM_FLUSH_RESET_PERMS	0x00000100
#define VM_MAP_PUT_PAGES	0x00000200	/* vfree puts pages, frees array */
#define VM_ALLOW_HUGE_VMAP	0x00000400	/* accepted, no huge mappings */
#define VM_DEFER_KMEMLEAK	0

/*
 * Page protections.  Linux's pgprot_t lives in asm/pgtable_types.h; the
 * emulation maps everything read-write, so only the type and the names
 * exist (another compat header may already have provided them).
 */
#ifndef __COMPAT_HAVE_PGPROT
#define __COMPAT_HAVE_PGPROT
typedef struct {
	unsigned long pgprot;
} pgprot_t;
#define pgprot_val(x)	((x).pgprot)
#define __pgprot(x)	((pgprot_t) { (x) })
#define PAGE_KERNEL		__pgprot(0x163UL)	/* x86-64 value */
#define PAGE_KERNEL_RO		__pgprot(0x161UL)
#define PAGE_KERNEL_EXEC	__pgprot(0x163UL)
#define pgprot_noncached(prot)		(prot)
#define pgprot_writecombine(prot)	(prot)
#define pgprot_nx(prot)			(prot)
#endif

/*
 * One vmalloc/vmap area.  @size includes the guard page, as in 6.1
 * (get_vm_area_size() excludes it).  @pages/@nr_pages describe the pages
 * the area owns (vmalloc, or vmap with VM_MAP_PUT_PAGES).
 */
struct vm_struct {
	struct vm_struct	*next;
	void			*addr;
	unsigned long		size;
	unsigned long		flags;
	struct page		**pages;
	unsigned int		nr_pages;
	phys_addr_t		phys_addr;
	const void		*caller;
	struct list_head	__list;		/* address-sorted, emulation */
};

static inline size_t get_vm_area_size(const struct vm_struct *area)
{
	if (!(area->flags & VM_NO_GUARD))
		return area->size - PAGE_SIZE;
	return area->size;
}

/* The emulated vmalloc area: [VMALLOC_START, VMALLOC_END). */
extern unsigned long __compat_vmalloc_start;
extern unsigned long __compat_vmalloc_end;
#define VMALLOC_START	__compat_vmalloc_start
#define VMALLOC_END	__compat_vmalloc_end

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_node(unsigned long size, int node);
void *vzalloc_node(unsigned long size, int node);
void *vmalloc_32(unsigned long size);
void *vmalloc_huge(unsigned long size, gfp_t gfp_mask);
void *__vmalloc(unsigned long size, gfp_t gfp_mask);
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp_mask,
		     int node, const void *caller);
void *__vmalloc_array(size_t n, size_t size, gfp_t flags);
void *vmalloc_array(size_t n, size_t size);
void *__vcalloc(size_t n, size_t size, gfp_t flags);
void *vcalloc(size_t n, size_t size);

void vfree(const void *addr);
void vfree_atomic(const void *addr);

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot);
void vunmap(const void *addr);

struct vm_struct *find_vm_area(const void *addr);

/* In linux/mm.h in 6.1; declared here too for vmalloc.h-only users. */
bool is_vmalloc_addr(const void *x);
int is_vmalloc_or_module_addr(const void *x);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

/* Pages currently owned by vmalloc areas (6.1's nr_vmalloc_pages). */
unsigned long vmalloc_nr_pages(void);

#endif
