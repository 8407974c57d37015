/*
 * <sys/param.h> - SVR5 machine parameters drivers use.
 *
 * Brings the page geometry of <sys/vmparam.h> (PAGESIZE, PAGESHIFT,
 * PAGEOFFSET) and adds the word and disk-sector sizes.
 */
#ifndef _SVR5DDI_SYS_PARAM_H
#define _SVR5DDI_SYS_PARAM_H

#include <sys/types.h>
#include <sys/vmparam.h>

#define NBPW	(sizeof(int))	/* bytes per word */
#define NBPSCTR	512		/* bytes per disk sector */

#endif /* _SVR5DDI_SYS_PARAM_H */
