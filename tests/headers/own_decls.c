/*
 * own_decls.c - a driver that declares DDI functions itself.
 *
 * Some legacy drivers repeat the prototypes, or declare the calls K&R
 * style.  Done before <sys/kmem.h> it works with site capture on (the
 * function-like macros come later); done after, the driver must define
 * SVR5DDI_NO_SITE_MACROS.  check-headers.sh compiles both arrangements
 * (-DOWN_DECLS_FIRST selects the first).  Either way &kmem_alloc and
 * calls must keep working.
 */
#ifndef OWN_DECLS_FIRST
#define SVR5DDI_NO_SITE_MACROS
#endif

#include <sys/types.h>

#ifdef OWN_DECLS_FIRST
#include "own_decls.h"
#endif

#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/ddi.h>

#ifndef OWN_DECLS_FIRST
#include "own_decls.h"
#endif

void *(*svr5ddi_alloc_fn)(size_t, int) = kmem_alloc;
void (*svr5ddi_free_fn)(void *, size_t) = kmem_free;
physreq_t *(*svr5ddi_preq_fn)(int) = &physreq_alloc;

void *svr5ddi_own(size_t);

void *
svr5ddi_own(size_t n)
{
	void *p = kmem_alloc(n, KM_SLEEP);
	physreq_t *pr = physreq_alloc(KM_SLEEP);
	bcb_t *bcb = bcb_alloc(KM_SLEEP);

	kmem_free(p, n);
	p = (*svr5ddi_alloc_fn)(n, KM_NOSLEEP);
	(void)physreq_prep(pr, KM_SLEEP);
	bcb->bcb_physreqp = pr;
	bcb_free(bcb);
	physreq_free(pr);
	return p;
}
