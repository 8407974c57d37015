/*
 * <sys/ddi.h> - SVR5 DDI: address translation and page arithmetic.
 *
 * Define _DDI (5, 6, 7 or 8) before including it to get exactly that
 * version's calls; leave it undefined for the permissive set (old SVR4.2MP
 * and UnixWare 2 code).  Version table: svr5-memory-ddi.md section 1.
 *	vtop		DDI 5..7 (gone in 8)
 *	kvtophys	DDI 5 and 6 (old compatibility name)
 *	kvtoppid, ptob, btop, btopr	every version
 * Also brings <sys/systm.h> (bcopy, bzero, bcmp) as UnixWare's ddi.h
 * declared those helpers.  The allocation calls are in <sys/kmem.h>.
 */
#ifndef _SVR5DDI_SYS_DDI_H
#define _SVR5DDI_SYS_DDI_H

#include <sys/types.h>
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/systm.h>

ulong_t ptob(ulong_t);		/* npages << PAGESHIFT */
ulong_t btop(ulong_t);		/* bytes to pages, rounding down */
ulong_t btopr(ulong_t);		/* bytes to pages, rounding up */

#if !defined(_DDI) || _DDI < 8
paddr_t vtop(caddr_t, proc_t *);	/* (vaddr, p); p NULL: kernel */
#endif
#if !defined(_DDI) || _DDI < 7
paddr_t kvtophys(caddr_t);		/* (vaddr) */
#endif
ppid_t kvtoppid(caddr_t);		/* (vaddr); NOPAGE if unmapped */

/*
 * The families below are declared here because UnixWare's <sys/ddi.h>
 * declares them; each section belongs to one family (issue 6).
 */
/* ---- section ksynch: spl levels and locks used from ddi.h ---- */
/* ---- end ksynch ---- */
/* ---- section time: timeouts, delays, drv_getparm ---- */
/* ---- end time ---- */
/* ---- section io: port and device-memory I/O, data movement ---- */
/* ---- end io ---- */
/* ---- section bio: block I/O ---- */
/* ---- end bio ---- */
/* ---- section drv: devices, processes, the DDI 8 driver model ---- */
/* ---- end drv ---- */

#endif /* _SVR5DDI_SYS_DDI_H */
