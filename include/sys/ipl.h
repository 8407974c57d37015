/*
 * <sys/ipl.h> - SVR5 interrupt priority levels: pl_t and its values.
 *
 * A priority level (pl(D5)) says which interrupts the calling processor
 * may take: at plbase every interrupt, at plhi none.  The documented
 * partial order is
 *	plbase < pltimeout <= pldisk, plstr <= plhi
 * and the numbers are UnixWare's i386 ones (the sdevice(4) "ipl" field
 * uses the same scale, 0..8), so values a driver stores, prints or
 * compares keep their meaning.  spltty/pltty are the same level as plstr.
 * The spl calls are declared in <sys/ddi.h>, the locks that take a pl_t
 * in <sys/ksynch.h>; both include this header.
 *
 * On Linux a processor (a task, in the userspace emulation) above plbase
 * has its interrupts masked: svr5ddi keeps the SVR5 level as a number
 * for getpl() and the lock checks, and masks all local interrupts for any
 * level above plbase (spl(D3) and pl_t(D4) manual pages).
 */
#ifndef _SVR5DDI_SYS_IPL_H
#define _SVR5DDI_SYS_IPL_H

typedef int pl_t;

#define PL0		0
#define PL1		1
#define PL2		2
#define PL3		3
#define PL4		4
#define PL5		5
#define PL6		6
#define PL7		7
#define PL8		8

#define PLBASE		PL0	/* no interrupt blocked */
#define PLTIMEOUT	PL1	/* itimeout/dtimeout/bufcall callbacks */
#define PLDISK		PL5	/* disk interrupts */
#define PLSTR		PL6	/* STREAMS interrupts */
#define PLTTY		PLSTR	/* terminal drivers: same as plstr */
#define PLHI		PL8	/* every interrupt */
#define PLMIN		PLBASE
#define PLMAX		PLHI
#define INVPL		(-1)	/* "no level": never a valid pl_t */

#define plbase		PLBASE
#define pltimeout	PLTIMEOUT
#define pldisk		PLDISK
#define plstr		PLSTR
#define pltty		PLTTY
#define plhi		PLHI
#define invpl		INVPL

pl_t splbase(void);
pl_t spltimeout(void);
pl_t spldisk(void);
pl_t splstr(void);
pl_t spltty(void);
pl_t splhi(void);
#if !defined(_DDI) || _DDI < 8
pl_t spl0(void);
pl_t spl7(void);
#endif
void splx(pl_t);
void splx_site(pl_t, const char *, int);
pl_t getpl(void);

#ifndef SVR5DDI_NO_SITE_MACROS
#define splx(pl)	splx_site((pl), __FILE__, __LINE__)
#endif

#endif /* _SVR5DDI_SYS_IPL_H */
