/*
 * <sys/systm.h> - byte-string helpers of the SVR5 DDI.
 *
 * Prototypes as the DDI manual pages give them; they also match the
 * compiler's built-in declarations of the same names, so a hosted
 * (non -ffreestanding) build sees no conflict.  Nothing else from libc
 * (memcpy, printf ...) is declared here or anywhere in these headers:
 * legacy drivers define their own.
 */
#ifndef _SVR5DDI_SYS_SYSTM_H
#define _SVR5DDI_SYS_SYSTM_H

#include <sys/types.h>

void bcopy(const void *, void *, size_t);	/* (from, to, count) */
void bzero(void *, size_t);
int bcmp(const void *, const void *, size_t);	/* 0 when equal */

#endif /* _SVR5DDI_SYS_SYSTM_H */
