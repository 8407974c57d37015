/*
 * <sys/kmem.h> - SVR5 kernel memory allocation: kmem_*(D3), physreq(D4).
 *
 * Contract: svr5-memory-ddi.md sections 1-8.  Which calls are declared
 * depends on _DDI (define it before the first inclusion):
 *	undefined	permissive: every call of every version
 *	5, 6		kmem_alloc_physcontig, kmem_free_physcontig;
 *			no kmem_alloc_phys
 *	7, 8		kmem_alloc_phys; no physcontig pair
 *	all		kmem_alloc, kmem_zalloc, kmem_free,
 *			kmem_[z]alloc_physreq, physreq_alloc/free/prep
 * so a call outside the driver's version is an implicit declaration: an
 * error with -Werror=implicit-function-declaration (and by default in
 * C99-and-later modes of recent GCC and Clang).
 *
 * ENTRY POINTS THE IMPLEMENTATION PROVIDES (the link contract)
 *
 * For each F below there is the plain DDI function F and F_site, which
 * takes the same arguments followed by (const char *file, int line), the
 * call site used in debug-layer diagnostics and the leak report:
 *	kmem_alloc		kmem_alloc_site
 *	kmem_zalloc		kmem_zalloc_site
 *	kmem_free		kmem_free_site
 *	kmem_alloc_physreq	kmem_alloc_physreq_site
 *	kmem_zalloc_physreq	kmem_zalloc_physreq_site
 *	kmem_alloc_physcontig	kmem_alloc_physcontig_site	(DDI 5, 6)
 *	kmem_free_physcontig	kmem_free_physcontig_site	(DDI 5, 6)
 *	kmem_alloc_phys		kmem_alloc_phys_site		(DDI >= 7)
 *	physreq_alloc		physreq_alloc_site
 *	physreq_free		physreq_free_site
 *	physreq_prep		physreq_prep_site
 *	bcb_alloc		bcb_alloc_site		(<sys/buf.h>)
 *	bcb_free		bcb_free_site		(<sys/buf.h>)
 * DDI 5 (and older) semantics, where kmem_alloc/kmem_zalloc memory lies
 * below 16 MiB:
 *	kmem_alloc_ddi5		kmem_alloc_ddi5_site
 *	kmem_zalloc_ddi5	kmem_zalloc_ddi5_site
 * A plain F behaves as F_site with an unknown site (file NULL, line 0):
 * it is reached through a function pointer, (F)(...), or when the driver
 * opted out of site capture.  Memory from the ddi5 calls is freed with
 * kmem_free like any other.
 *
 * HOW CALLS ARE MAPPED
 *
 * - Site capture: each F is also a function-like macro F(args) ->
 *   F_site((args), __FILE__, __LINE__).  A function-like macro does not
 *   fire on &F, on F used as a value, or on (F)(args), so those reach the
 *   plain function.  A driver that declares these functions itself after
 *   including this header must define SVR5DDI_NO_SITE_MACROS first (its
 *   declaration would otherwise be macro-expanded).
 * - _DDI < 6: kmem_alloc and kmem_zalloc are object-like macros naming
 *   kmem_alloc_ddi5 / kmem_zalloc_ddi5, so calls, &kmem_alloc and
 *   (kmem_alloc)(...) all get the DMA-able DDI 5 behaviour; with site
 *   capture on, kmem_alloc_ddi5(args) then maps to kmem_alloc_ddi5_site.
 * - The implementation itself includes this header with _DDI undefined
 *   and SVR5DDI_NO_SITE_MACROS defined, so every prototype is visible
 *   and no macro touches its definitions.
 *
 * physreq_t keeps the documented public members in the documented order
 * (legacy code initialises it positionally); phys_private follows
 * phys_flags, as UnixWare's own private member did, and belongs to
 * physreq_prep.  Bit 0 of phys_flags is internal ("prepped").  (So a
 * five-value positional initialiser draws -Wextra's
 * missing-field-initializers warning, exactly as on UnixWare.)
 */
#ifndef _SVR5DDI_SYS_KMEM_H
#define _SVR5DDI_SYS_KMEM_H

#include <sys/types.h>

/* flag arguments */
#define KM_SLEEP	0	/* may block; never NULL for a satisfiable size */
#define KM_NOSLEEP	1	/* never blocks; may return NULL */
#define KM_FAIL_OK	0x10	/* kmem_alloc_phys only: may sleep, may fail */

typedef struct physreq {
	paddr_t	phys_align;	/* start is a multiple (power of 2; 1: any) */
	paddr_t	phys_boundary;	/* 0, or power of 2 never straddled */
	uchar_t	phys_dmasize;	/* address bits the device drives; 0: any */
	uchar_t	phys_max_scgth;	/* longest scatter/gather list; 0: any */
	uchar_t	phys_flags;	/* PREQ_PHYSCONTIG; bit 0 internal */
	/* private to svr5ddi, never before phys_flags: */
	void	*phys_private;	/* prepped state; owned by physreq_prep */
} physreq_t;

#define PREQ_PHYSCONTIG	0x02	/* physically contiguous memory required */

/*
 * Prototypes.  Parameter names are left out on purpose: a driver macro
 * named like a parameter must not be able to break them.
 */

/* void *kmem_alloc(size_t size, int flag) and friends: section 4 */
void *kmem_alloc(size_t, int);
void *kmem_alloc_site(size_t, int, const char *, int);
void *kmem_zalloc(size_t, int);
void *kmem_zalloc_site(size_t, int, const char *, int);
void kmem_free(void *, size_t);
void kmem_free_site(void *, size_t, const char *, int);

#if !defined(_DDI) || _DDI < 6
/* DDI 5: kmem_alloc/kmem_zalloc memory below 16 MiB */
void *kmem_alloc_ddi5(size_t, int);
void *kmem_alloc_ddi5_site(size_t, int, const char *, int);
void *kmem_zalloc_ddi5(size_t, int);
void *kmem_zalloc_ddi5_site(size_t, int, const char *, int);
#endif

/* (size, preqp, flag): section 6 */
void *kmem_alloc_physreq(size_t, const physreq_t *, int);
void *kmem_alloc_physreq_site(size_t, const physreq_t *, int,
			      const char *, int);
void *kmem_zalloc_physreq(size_t, const physreq_t *, int);
void *kmem_zalloc_physreq_site(size_t, const physreq_t *, int,
			       const char *, int);

#if !defined(_DDI) || _DDI < 7
/* (size, preqp, flag) and (addr, size): section 7, DDI 5 and 6 only */
void *kmem_alloc_physcontig(size_t, physreq_t *, int);
void *kmem_alloc_physcontig_site(size_t, physreq_t *, int,
				 const char *, int);
void kmem_free_physcontig(void *, size_t);
void kmem_free_physcontig_site(void *, size_t, const char *, int);
#endif

#if !defined(_DDI) || _DDI >= 7
/* (size, preqp, paddrp, flags): section 8, DDI 7.2 and 8 */
void *kmem_alloc_phys(size_t, const physreq_t *, paddr32_t *, int);
void *kmem_alloc_phys_site(size_t, const physreq_t *, paddr32_t *, int,
			   const char *, int);
#endif

/* (flag), (preqp), (preqp, flag): section 5 */
physreq_t *physreq_alloc(int);
physreq_t *physreq_alloc_site(int, const char *, int);
void physreq_free(physreq_t *);
void physreq_free_site(physreq_t *, const char *, int);
boolean_t physreq_prep(physreq_t *, int);
boolean_t physreq_prep_site(physreq_t *, int, const char *, int);

/*
 * Call mapping (see the top comment).  Every prototype is above: a
 * declaration after these macros would be rewritten by them.
 */
#if defined(_DDI) && _DDI < 6
#define kmem_alloc	kmem_alloc_ddi5
#define kmem_zalloc	kmem_zalloc_ddi5
#endif

#ifndef SVR5DDI_NO_SITE_MACROS
#if defined(_DDI) && _DDI < 6
#define kmem_alloc_ddi5(size, flag) \
	kmem_alloc_ddi5_site((size), (flag), __FILE__, __LINE__)
#define kmem_zalloc_ddi5(size, flag) \
	kmem_zalloc_ddi5_site((size), (flag), __FILE__, __LINE__)
#else
#define kmem_alloc(size, flag) \
	kmem_alloc_site((size), (flag), __FILE__, __LINE__)
#define kmem_zalloc(size, flag) \
	kmem_zalloc_site((size), (flag), __FILE__, __LINE__)
#endif
#define kmem_free(addr, size) \
	kmem_free_site((addr), (size), __FILE__, __LINE__)
#define kmem_alloc_physreq(size, preqp, flag) \
	kmem_alloc_physreq_site((size), (preqp), (flag), __FILE__, __LINE__)
#define kmem_zalloc_physreq(size, preqp, flag) \
	kmem_zalloc_physreq_site((size), (preqp), (flag), __FILE__, __LINE__)
#if !defined(_DDI) || _DDI < 7
#define kmem_alloc_physcontig(size, preqp, flag) \
	kmem_alloc_physcontig_site((size), (preqp), (flag), \
				   __FILE__, __LINE__)
#define kmem_free_physcontig(addr, size) \
	kmem_free_physcontig_site((addr), (size), __FILE__, __LINE__)
#endif
#if !defined(_DDI) || _DDI >= 7
#define kmem_alloc_phys(size, preqp, paddrp, flags) \
	kmem_alloc_phys_site((size), (preqp), (paddrp), (flags), \
			     __FILE__, __LINE__)
#endif
#define physreq_alloc(flag) \
	physreq_alloc_site((flag), __FILE__, __LINE__)
#define physreq_free(preqp) \
	physreq_free_site((preqp), __FILE__, __LINE__)
#define physreq_prep(preqp, flag) \
	physreq_prep_site((preqp), (flag), __FILE__, __LINE__)
#endif /* !SVR5DDI_NO_SITE_MACROS */

#endif /* _SVR5DDI_SYS_KMEM_H */
