/*
 * symbols.c - every call of the selected DDI version, at its exact type.
 *
 * Compiled once per _DDI value (undefined, 5, 6, 7, 8) by
 * check-headers.sh.  For each call the version has (svr5-memory-ddi.md,
 * section 1 table) it checks the declared function type (prototypes as in
 * sections 4-9; __typeof__ of a bare name is not touched by the site
 * macros) and compiles a call with correctly typed arguments, both the
 * plain call (which the site macros capture) and the (F)(args) form
 * (which they must not capture).  Calls a version lacks are the negative
 * tests' business.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/dma.h>
#include <sys/ddi.h>
#include <sys/cmn_err.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/errno.h>
#include <sys/debug.h>

#define TYPE(f, t) typedef char svr5ddi_type_##f[ \
	__builtin_types_compatible_p(__typeof__(f), t) ? 1 : -1]

#if !defined(_DDI)
#define V(lo, hi) 1			/* permissive: everything */
#else
#define V(lo, hi) (_DDI >= (lo) && _DDI <= (hi))
#endif

TYPE(kmem_alloc, void *(size_t, int));
TYPE(kmem_zalloc, void *(size_t, int));
TYPE(kmem_free, void (void *, size_t));
TYPE(kmem_alloc_site, void *(size_t, int, const char *, int));
TYPE(kmem_zalloc_site, void *(size_t, int, const char *, int));
TYPE(kmem_free_site, void (void *, size_t, const char *, int));
TYPE(kmem_alloc_physreq, void *(size_t, const physreq_t *, int));
TYPE(kmem_zalloc_physreq, void *(size_t, const physreq_t *, int));
TYPE(kmem_alloc_physreq_site,
     void *(size_t, const physreq_t *, int, const char *, int));
TYPE(kmem_zalloc_physreq_site,
     void *(size_t, const physreq_t *, int, const char *, int));
TYPE(physreq_alloc, physreq_t *(int));
TYPE(physreq_free, void (physreq_t *));
TYPE(physreq_prep, boolean_t (physreq_t *, int));
TYPE(physreq_alloc_site, physreq_t *(int, const char *, int));
TYPE(physreq_free_site, void (physreq_t *, const char *, int));
TYPE(physreq_prep_site, boolean_t (physreq_t *, int, const char *, int));
TYPE(dma_physreq, void (int, int, physreq_t *));
TYPE(bcb_alloc, bcb_t *(int));
TYPE(bcb_free, void (bcb_t *));
TYPE(bcb_alloc_site, bcb_t *(int, const char *, int));
TYPE(bcb_free_site, void (bcb_t *, const char *, int));
TYPE(buf_breakup, void (void (*)(buf_t *), buf_t *, const bcb_t *));
TYPE(kvtoppid, ppid_t (caddr_t));
TYPE(ptob, ulong_t (ulong_t));
TYPE(btop, ulong_t (ulong_t));
TYPE(btopr, ulong_t (ulong_t));
TYPE(cmn_err, void (int, const char *, ...));
TYPE(bcopy, void (const void *, void *, size_t));
TYPE(bzero, void (void *, size_t));
TYPE(bcmp, int (const void *, const void *, size_t));
#if V(0, 5)
TYPE(kmem_alloc_ddi5, void *(size_t, int));
TYPE(kmem_zalloc_ddi5, void *(size_t, int));
TYPE(kmem_alloc_ddi5_site, void *(size_t, int, const char *, int));
TYPE(kmem_zalloc_ddi5_site, void *(size_t, int, const char *, int));
#endif
#if V(0, 6)
TYPE(kmem_alloc_physcontig, void *(size_t, physreq_t *, int));
TYPE(kmem_free_physcontig, void (void *, size_t));
TYPE(kmem_alloc_physcontig_site,
     void *(size_t, physreq_t *, int, const char *, int));
TYPE(kmem_free_physcontig_site, void (void *, size_t, const char *, int));
TYPE(kvtophys, paddr_t (caddr_t));
#endif
#if V(0, 7)
TYPE(vtop, paddr_t (caddr_t, proc_t *));
#endif
#if V(7, 99)
TYPE(kmem_alloc_phys,
     void *(size_t, const physreq_t *, paddr32_t *, int));
TYPE(kmem_alloc_phys_site,
     void *(size_t, const physreq_t *, paddr32_t *, int, const char *, int));
#endif
#if V(8, 99)
TYPE(bcb_prep, boolean_t (bcb_t *, int));
#endif

void svr5ddi_strategy(buf_t *);
void svr5ddi_symbols(const physreq_t *cpr, buf_t *bp, proc_t *p);

void
svr5ddi_symbols(const physreq_t *cpr, buf_t *bp, proc_t *p)
{
	physreq_t *pr;
	bcb_t *bcb;
	void *vp;
	char buf[16];
	paddr32_t pa[2];
	paddr_t pad = 0;
	ppid_t pp;
	ulong_t ul;
	boolean_t b;
	int same;

	(void)p;		/* used by vtop in DDI < 8 only */
	pr = physreq_alloc(KM_SLEEP);
	pr = (physreq_alloc)(KM_NOSLEEP);
	pr->phys_align = 1;
	pr->phys_boundary = 0;
	pr->phys_dmasize = 32;
	pr->phys_max_scgth = 16;
	pr->phys_flags |= PREQ_PHYSCONTIG;
	dma_physreq(DMA_CH1, DMA_PATH_8, pr);
	b = physreq_prep(pr, KM_SLEEP);
	b = (physreq_prep)(pr, KM_NOSLEEP);

	vp = kmem_alloc(PAGESIZE, KM_SLEEP);
	kmem_free(vp, PAGESIZE);
	vp = (kmem_alloc)(16, KM_NOSLEEP);
	(kmem_free)(vp, 16);
	vp = kmem_zalloc(NBPSCTR, KM_NOSLEEP);
	kmem_free(vp, NBPSCTR);
	vp = (kmem_zalloc)(NBPW, KM_SLEEP);
	vp = kmem_alloc_physreq(ptob(2), pr, KM_SLEEP);
	vp = kmem_alloc_physreq(ptob(2), cpr, KM_SLEEP);
	vp = (kmem_alloc_physreq)(ptob(2), cpr, KM_SLEEP);
	vp = kmem_zalloc_physreq(btopr(5000), cpr, KM_NOSLEEP);
	vp = (kmem_zalloc_physreq)(btop(5000), pr, KM_NOSLEEP);
#if V(0, 6)
	vp = kmem_alloc_physcontig(PAGESIZE, pr, KM_SLEEP);
	kmem_free_physcontig(vp, PAGESIZE);
	vp = (kmem_alloc_physcontig)(PAGESIZE, pr, KM_SLEEP);
	(kmem_free_physcontig)(vp, PAGESIZE);
	pad = kvtophys((caddr_t)vp);
#endif
#if V(7, 99)
	vp = kmem_alloc_phys(PAGESIZE, pr, pa, KM_FAIL_OK);
	vp = (kmem_alloc_phys)(PAGESIZE, cpr, pa, KM_SLEEP);
	pad = pa[0];
#else
	pa[0] = 0;
	pa[1] = pa[0];
#endif
#if V(0, 7)
	pad = vtop((caddr_t)vp, p);
	pad = vtop((caddr_t)vp, NULL);
#endif
	pp = kvtoppid((caddr_t)vp);
	same = (pp == NOPAGE);
	ul = ptob(btop(pad) + btopr(pad & PAGEOFFSET));

	bcb = bcb_alloc(KM_SLEEP);
	bcb = (bcb_alloc)(KM_NOSLEEP);
	bcb->bcb_addrtypes = BA_KVIRT | BA_SCGTH;
	bcb->bcb_flags = BCB_ONE_PIECE;
	bcb->bcb_max_xfer = 65536;
	bcb->bcb_granularity = NBPSCTR;
	bcb->bcb_physreqp = pr;
#if V(8, 99)
	b = bcb_prep(bcb, KM_SLEEP);
#endif
	buf_breakup(svr5ddi_strategy, bp, bcb);
	bcb_free(bcb);
	(bcb_free)(bcb);
	physreq_free(pr);
	(physreq_free)(pr);

	bzero(buf, sizeof(buf));
	bcopy("abc", buf, 3);
	same = bcmp(buf, "abc", 3) == 0 && same;
	ASSERT(same || ul == 0);
	cmn_err(CE_WARN, "!svr5ddi: %d %lu %s", same, ul, b ? "y" : "n");
	if (same == ENOMEM)
		cmn_err(CE_PANIC, "unreachable");
}
