/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_PAGE_FLAGS_H
#define _COMPAT_LINUX_PAGE_FLAGS_H
#include <linux/mm_types.h>

enum pageflags {
	PG_reserved,	/* not managed by the buddy allocator (pfn 0, holes) */
	PG_buddy,	/* head of a free buddy block; private = order */
	PG_slab,	/* owned by a slab cache */
	PG_head,	/* head of a compound allocation */
	PG_tail,	/* tail of a compound allocation */
	PG_vmalloc,	/* mapped into a vmalloc area */
	__NR_PAGEFLAGS
};

#define __COMPAT_PAGEFLAG(uname, lname)					\
static inline int Page##uname(const struct page *page)			\
{ return (page->flags >> PG_##lname) & 1; }				\
static inline void __SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void __ClearPage##uname(struct page *page)		\
{ page->flags &= ~(1UL << PG_##lname); }

__COMPAT_PAGEFLAG(Reserved, reserved)
__COMPAT_PAGEFLAG(Buddy, buddy)
__COMPAT_PAGEFLAG(Slab, slab)
__COMPAT_PAGEFLAG(Head, head)
__COMPAT_PAGEFLAG(Tail, tail)
__COMPAT_PAGEFLAG(Vmalloc, vmalloc)

static inline struct page *compound_head(struct page *page)
{
	return PageTail(page) ? page->compound_head : page;
}
static inline unsigned int compound_order(struct page *page)
{
	return PageHead(page) ? page->compound_order : 0;
}
#endif
