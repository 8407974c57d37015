/* SPDX-License-Identifier: MIT */
/*
 * linux/slab.h - the slab allocator's interface (emulation of Linux 6.1,
 * SLUB flavour).  Implementation: compat/slab.c; kstrdup and friends are in
 * compat/util.c (declared in linux/string.h).
 *
 * Differences from 6.1 a caller can see: kmalloc() is an ordinary function
 * (6.1 inlines the cache choice for constant sizes), caches are never
 * merged, and a double or invalid free is reported and ignored instead of
 * crashing the kernel.
 */
#ifndef _COMPAT_LINUX_SLAB_H
#define _COMPAT_LINUX_SLAB_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <asm/page.h>
#include <linux/page-flags.h>

#ifndef __COMPAT_SLAB_FLAGS_T
#define __COMPAT_SLAB_FLAGS_T
typedef unsigned int slab_flags_t;
#endif

/* Cache flags, with 6.1's values. */
#define SLAB_CONSISTENCY_CHECKS	((slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE		((slab_flags_t)0x00000400U)
#define SLAB_POISON		((slab_flags_t)0x00000800U)
#define SLAB_KMALLOC		((slab_flags_t)0x00001000U)
#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32	((slab_flags_t)0x00008000U)
#define SLAB_STORE_USER		((slab_flags_t)0x00010000U)
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t)0x00020000U)
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT
#define SLAB_PANIC		((slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD		((slab_flags_t)0x00100000U)
#define SLAB_TRACE		((slab_flags_t)0x00200000U)
#define SLAB_DEBUG_OBJECTS	((slab_flags_t)0x00400000U)
#define SLAB_NOLEAKTRACE	((slab_flags_t)0x00800000U)
#define SLAB_FAILSLAB		((slab_flags_t)0x02000000U)
#define SLAB_ACCOUNT		((slab_flags_t)0x04000000U)
#define SLAB_KASAN		0
#define SLAB_NO_USER_FLAGS	((slab_flags_t)0x10000000U)
#define SLAB_SKIP_KFENCE	0

/*
 * kmalloc(0) returns ZERO_SIZE_PTR: distinct from NULL, faults when
 * dereferenced, and may be passed to kfree() like NULL.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= \
				(unsigned long)ZERO_SIZE_PTR)

/* x86-64: objects are 8-byte aligned at least. */
#define ARCH_KMALLOC_MINALIGN	8
#define ARCH_SLAB_MINALIGN	8
#define ARCH_DMA_MINALIGN	8

/* SLUB's kmalloc geometry: caches up to two pages, pages beyond. */
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX	(MAX_ORDER + PAGE_SHIFT - 1)
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)
#define KMALLOC_MIN_SIZE	(1 << KMALLOC_SHIFT_LOW)
#define SLAB_OBJ_MIN_SIZE	(KMALLOC_MIN_SIZE < 16 ? (KMALLOC_MIN_SIZE) : 16)

enum kmalloc_cache_type {
	KMALLOC_NORMAL = 0,
	KMALLOC_DMA,
	NR_KMALLOC_TYPES
};

struct kmem_cache;

/* The kmalloc caches, indexed by type and size index (as 6.1 exports). */
extern struct kmem_cache *
kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name,
				     unsigned int size, unsigned int align,
				     slab_flags_t flags,
				     unsigned int useroffset,
				     unsigned int usersize,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);

/* Create a cache for "struct __struct", named after it. */
#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)
#define KMEM_CACHE_USERCOPY(__struct, __flags, __field)		\
	kmem_cache_create_usercopy(#__struct,				\
			sizeof(struct __struct),			\
			__alignof__(struct __struct), (__flags),	\
			__builtin_offsetof(struct __struct, __field),	\
			sizeof(((struct __struct *)0)->__field), NULL)

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
	__malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size,
			  void **p);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);

void *kmalloc(size_t size, gfp_t flags) __malloc;
void *__kmalloc(size_t size, gfp_t flags) __malloc;
void *kmalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *__kmalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *kmalloc_large(size_t size, gfp_t flags) __malloc;
void *kmalloc_large_node(size_t size, gfp_t flags, int node) __malloc;
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller) __malloc;
#define kmalloc_track_caller(size, flags) \
	__kmalloc_node_track_caller(size, flags, NUMA_NO_NODE, \
				    (unsigned long)__builtin_return_address(0))
#define kmalloc_node_track_caller(size, flags, node) \
	__kmalloc_node_track_caller(size, flags, node, \
				    (unsigned long)__builtin_return_address(0))

void * __must_check krealloc(const void *objp, size_t new_size, gfp_t flags);
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t __ksize(const void *objp);
unsigned long __compat_ksize_arg(unsigned long objp);	/* slab.c */

/*
 * The first member of every (compat/slab.c) struct kmem_cache, so that
 * ksize() of a slab object is inline, as Linux's SLUB ksize() reads
 * s->object_size from the public <linux/slub_def.h>.  Not Linux API.
 */
struct __compat_cache_head {
	unsigned int usable;		/* ksize() of its objects */
};

/*
 * ksize - the usable size of a kmalloc'ed object: inline for a slab
 * object, __ksize() for the rest (NULL and ZERO_SIZE_PTR give 0).
 * Context: any.
 */
static __always_inline size_t ksize(const void *objp)
{
	unsigned long pfn = __pa(objp) >> PAGE_SHIFT;
	struct page *page;

	if (likely(pfn < __compat_max_pfn)) {
		page = compound_head(__compat_mem_map + pfn);
		if (likely(PageSlab(page)))
			return ((const struct __compat_cache_head *)
				page->slab_cache)->usable;
	}
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	return __compat_call_nosave(__compat_ksize_arg, (unsigned long)objp);
}
size_t kmalloc_size_roundup(size_t size);

static inline void kfree_bulk(size_t size, void **p)
{
	kmem_cache_free_bulk(NULL, size, p);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void * __must_check krealloc_array(void *p, size_t new_n,
						 size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array_node(size_t n, size_t size, gfp_t flags,
				       int node)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc_node(bytes, flags, node);
}

static inline void *kcalloc_node(size_t n, size_t size, gfp_t flags, int node)
{
	return kmalloc_array_node(n, size, flags | __GFP_ZERO, node);
}

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return kmalloc_node(size, flags | __GFP_ZERO, node);
}

static inline bool kmem_dump_obj(void *object)
{
	(void)object;
	return false;
}

/* kvmalloc family: compat/vmalloc.c */
void *kvmalloc_node(size_t size, gfp_t flags, int node) __malloc;
static inline void *kvmalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags, NUMA_NO_NODE);
}
static inline void *kvzalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, node);
}
static inline void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc(size, flags | __GFP_ZERO);
}
static inline void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc(bytes, flags);
}
static inline void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags);
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);

#endif /* _COMPAT_LINUX_SLAB_H */
