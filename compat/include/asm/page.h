/* SPDX-License-Identifier: MIT */
/*
 * asm/page.h - page size and the direct map (x86-64 semantics).
 *
 * The simulated physical memory is mapped once, at __compat_direct_map, so
 * that virtual address = __compat_direct_map + physical address for every
 * present frame.  __pa()/__va() are therefore exact for any address inside
 * the direct map, as on x86-64 for lowmem; like Linux without
 * CONFIG_DEBUG_VIRTUAL they do not check their argument.  virt_addr_valid()
 * does.
 */
#ifndef _COMPAT_ASM_PAGE_H
#define _COMPAT_ASM_PAGE_H
#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr)	(((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(addr)	(((unsigned long)(addr) & (PAGE_SIZE - 1)) == 0)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

struct page;
extern char *__compat_direct_map;	/* virtual address of physical 0 */
extern struct page *__compat_mem_map;	/* struct page of pfn 0 */
extern unsigned long __compat_max_pfn;	/* one past the highest pfn */

#define __pa(x)	((phys_addr_t)((unsigned long)(x) - (unsigned long)__compat_direct_map))
#define __va(x)	((void *)(__compat_direct_map + (unsigned long)(x)))
#define __pa_symbol(x)	__pa(x)

static inline phys_addr_t virt_to_phys(const volatile void *address)
{
	return __pa(address);
}
static inline void *phys_to_virt(phys_addr_t address)
{
	return __va(address);
}
bool __compat_virt_addr_valid(const void *addr);
#define virt_addr_valid(kaddr)	__compat_virt_addr_valid((const void *)(kaddr))

#include <asm-generic/getorder.h>
#endif
