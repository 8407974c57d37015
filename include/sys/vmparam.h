/*
 * <sys/vmparam.h> - SVR5 virtual-memory page parameters.
 *
 * The page geometry drivers size and align buffers with.  PAGEOFFSET is a
 * plain int so that ~PAGEOFFSET sign-extends to a full-width mask when it
 * meets a 64-bit paddr_t or vaddr_t (an unsigned int mask would clear the
 * high 32 bits).  All three are usable in #if.
 */
#ifndef _SVR5DDI_SYS_VMPARAM_H
#define _SVR5DDI_SYS_VMPARAM_H

#define PAGESIZE	4096		/* bytes per page */
#define PAGESHIFT	12		/* log2(PAGESIZE) */
#define PAGEOFFSET	(PAGESIZE - 1)	/* mask of the offset within a page */

#endif /* _SVR5DDI_SYS_VMPARAM_H */
