/*
 * <sys/proc.h> - the process handle drivers pass around.
 *
 * Drivers only hold proc_t pointers (vtop's second argument, drv_getparm
 * results); the structure is opaque here and never defined for them.
 */
#ifndef _SVR5DDI_SYS_PROC_H
#define _SVR5DDI_SYS_PROC_H

typedef struct proc proc_t;

#endif /* _SVR5DDI_SYS_PROC_H */
