/*
 * <sys/cred.h> - the credentials handle drivers pass around: cred_t.
 *
 * Drivers receive a cred_t pointer in their open, close, read, write and
 * ioctl entry points, or from drv_getparm(UCRED, ...), and may only pass
 * it to drv_priv(D3): the structure is not defined by the DDI and stays
 * opaque here (cred(D4)).  In svr5ddi a cred_t is the Linux kernel's
 * struct cred.  The guard lets other headers (<sys/conf.h>) declare the
 * same typedef.
 */
#ifndef _SVR5DDI_SYS_CRED_H
#define _SVR5DDI_SYS_CRED_H

#ifndef _SVR5DDI_CRED_T
#define _SVR5DDI_CRED_T
typedef struct cred cred_t;		/* credentials: opaque to drivers */
#endif

#endif /* _SVR5DDI_SYS_CRED_H */
