/* SPDX-License-Identifier: MIT */
/*
 * bcb.c - breakup control blocks: bcb_alloc(D3), bcb_free(D3), bcb_prep(D3).
 *
 * Theory: a bcb is svr5ddi memory with a record of kind BCB (physreq.c's
 * ddi_obj_alloc), so bcb_free can refuse a bcb it never handed out and
 * the leak report lists forgotten ones.  bcb_alloc zero-fills and does not
 * allocate the physreq; bcb_prep preps the bcb's physreq (DDI 8).
 * buf_breakup belongs to the block-I/O work and is not here.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include "ddi_internal.h"
#include <sys/buf.h>

/*
 * bcb_alloc - a zero-filled bcb.  Context: as kmem_alloc.  NULL only with
 * KM_NOSLEEP.
 */
bcb_t *bcb_alloc_site(int flag, const char *file, int line)
{
	int km;

	ddi_os_ready();
	km = ddi_km_effective(flag & KM_NOSLEEP, sizeof(bcb_t), "bcb_alloc",
			      file, line);
	return ddi_obj_alloc(sizeof(bcb_t), km, DDI_KIND_BCB, "bcb_alloc",
			     file, line);
}
EXPORT_SYMBOL(bcb_alloc_site);

bcb_t *bcb_alloc(int flag)
{
	return bcb_alloc_site(flag, NULL, 0);
}
EXPORT_SYMBOL(bcb_alloc);

/*
 * bcb_free - release a bcb from bcb_alloc (not its physreq).  Anything
 * else is reported and left alone.  Context: any; never sleeps.
 */
void bcb_free_site(bcb_t *bcbp, const char *file, int line)
{
	ddi_os_ready();
	if (!bcbp)
		return;
	if (!ddi_obj_free(bcbp, DDI_KIND_BCB, "bcb_free", file, line))
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "bcb_free: bad argument: bcb 0x%lx not from bcb_alloc (freed at %s)",
			   (unsigned long)bcbp, DDI_SITE(file, line));
}
EXPORT_SYMBOL(bcb_free_site);

void bcb_free(bcb_t *bcbp)
{
	bcb_free_site(bcbp, NULL, 0);
}
EXPORT_SYMBOL(bcb_free);

/*
 * bcb_prep - ready @bcbp for use: preps its physreq.  Context: as
 * physreq_prep.  Returns B_FALSE without a physreq or when the prep fails.
 */
boolean_t bcb_prep(bcb_t *bcbp, int flag)
{
	ddi_os_ready();
	if (!bcbp || !bcbp->bcb_physreqp) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "bcb_prep: bad argument: bcb 0x%lx without a physreq",
			   (unsigned long)bcbp);
		return B_FALSE;
	}
	return physreq_prep_site(bcbp->bcb_physreqp, flag, NULL, 0);
}
EXPORT_SYMBOL(bcb_prep);
