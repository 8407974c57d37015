/* SPDX-License-Identifier: MIT */
/*
 * drv_internal.h - what the DDI 8 driver-model files share: the
 * resource-manager database (confmgr.c), the driver registry and its
 * instances (drv_attach.c) and interrupt attachment (cm_intr.c).
 *
 * Lock order: cfg_mutex (drv_attach.c, held across config(D2) calls),
 * then drv_lock (drv_attach.c, the registry), then rm_lock (confmgr.c, a
 * spinlock, innermost).  ci_lock (cm_intr.c) is taken with neither
 * drv_lock nor rm_lock held.  No entry point other than config is ever
 * called with one of these held.
 */
#ifndef _SVR5DDI_DRV_INTERNAL_H
#define _SVR5DDI_DRV_INTERNAL_H

#include "ddi_internal.h"
#include <sys/ipl.h>
#include <sys/confmgr.h>
#include <sys/conf.h>
#include <svr5ddi/drvreg.h>

/* ---- database (confmgr.c) ------------------------------------------------ */

/* Values are byte strings; a parameter holds at most this many values and
 * a value at most this many bytes (an I/O database, not a store). */
#define DDI_RM_MAXVALS		64
#define DDI_RM_MAXVAL		256
#define DDI_RM_MAXCFG		4096	/* device configuration space */

int ddi_rm_newkey(rm_key_t *keyp);
int ddi_rm_delkey(rm_key_t key);		/* -EBUSY: transaction pending */
bool ddi_rm_valid(rm_key_t key);
/* Append a value; @ro marks the parameter read-only for drivers. */
int ddi_rm_add(rm_key_t key, const char *param, const void *val,
	       size_t len, bool ro);
/* The @n-th value into @buf (*lenp: its size in, the value's length
 * out); 0, -EINVAL (bad name), -ENOENT (no record or value), -ENOSPC.
 * The other calls also return -ENOENT for a missing record. */
int ddi_rm_get(rm_key_t key, const char *param, unsigned int n,
	       void *buf, size_t *lenp);
int ddi_rm_num(rm_key_t key, const char *param, unsigned int n,
	       cm_num_t *v);
int ddi_rm_clear(rm_key_t key, const char *param);
int ddi_rm_set_devconfig(rm_key_t key, const void *buf, size_t len);
/* Keys in creation order: the first key after @after (RM_NULL_KEY: the
 * first), or RM_NULL_KEY at the end. */
rm_key_t ddi_rm_next(rm_key_t after);
/* Does the record's CM_MODNAME equal @name? */
bool ddi_rm_modname_is(rm_key_t key, const char *name);
/* Does the calling context have a transaction pending? */
bool ddi_rm_in_trans(void);

/* ---- driver registry (drv_attach.c) --------------------------------------- */

/* Is the record configured by an attached driver? (board removal) */
bool ddi_drv_key_busy(rm_key_t key);

/* ---- interrupts (cm_intr.c) ------------------------------------------------ */

/* Detach every interrupt attached for @key (CFG_REMOVE cleanup); the
 * number detached. */
int ddi_intr_detach_key(rm_key_t key);
int ddi_intr_count_key(rm_key_t key);

#endif /* _SVR5DDI_DRV_INTERNAL_H */
