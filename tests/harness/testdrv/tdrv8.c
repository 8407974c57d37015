/* SPDX-License-Identifier: MIT */
/*
 * tdrv8.c - the DDI 8 test driver of ddiport's self-test, not a sample:
 * a RAM disk of 64 blocks per board with the DDI 8 driver model
 * (drv_attach, config CFG_ADD/CFG_REMOVE, cm_intr_attach, d_biostart
 * completing transfers at interrupt time).  Its allocation-failure paths
 * are all handled, so a sweep of it must survive every N.
 *
 * A transfer is queued by d_biostart and done by the interrupt handler:
 * the scenario raises the board's interrupt ("strategy ... nowait",
 * "interrupt", "wait").  ioctl 1 returns the instance's unit in *rvalp.
 */
#define _DDI 8
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/buf.h>
#include <sys/ksynch.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/ddi.h>

#define T8_BLOCKS	64
#define T8_BSIZE	512

struct t8 {
	rm_key_t	key;
	long		unit;
	char		*disk;		/* T8_BLOCKS * T8_BSIZE */
	buf_t		*queue;		/* waiting for the interrupt */
	lock_t		*lock;
	void		*cookie;
};

static int t8_config(cfg_func_t, void *, rm_key_t);
static int t8_open(void *, channel_t *, int, cred_t *, queue_t *);
static int t8_close(void *, channel_t, int, cred_t *, queue_t *);
static void t8_biostart(void *, channel_t, buf_t *);
static int t8_ioctl(void *, channel_t, int, void *, int, cred_t *, int *);
static int t8_intr(void *);

static const drvops_t t8_ops = {
	t8_config, t8_open, t8_close, NULL, t8_biostart, t8_ioctl, NULL, NULL
};
static drvinfo_t t8_info = { &t8_ops, "tdrv8", D_MP, NULL, 3 };
static LKINFO_DECL(t8_lkinfo, "tdrv8 queue", 0);

int
_load(void)
{
	return drv_attach(&t8_info);
}

int
_unload(void)
{
	drv_detach(&t8_info);
	return 0;
}

static void
t8_free(struct t8 *t)
{
	if (t->cookie != NULL)
		cm_intr_detach(t->cookie);
	if (t->lock != NULL)
		LOCK_DEALLOC(t->lock);
	if (t->disk != NULL)
		kmem_free(t->disk, T8_BLOCKS * T8_BSIZE);
	kmem_free(t, sizeof(*t));
}

static int
t8_config(cfg_func_t func, void *idata, rm_key_t key)
{
	struct t8 *t;
	cm_args_t ca;
	cm_num_t unit = 0;
	int i;

	switch (func) {
	case CFG_ADD:
		t = kmem_zalloc(sizeof(*t), KM_NOSLEEP);
		if (t == NULL)
			return ENOMEM;
		t->key = key;
		t->disk = kmem_alloc(T8_BLOCKS * T8_BSIZE, KM_NOSLEEP);
		t->lock = LOCK_ALLOC(1, pldisk, &t8_lkinfo, KM_NOSLEEP);
		if (t->disk == NULL || t->lock == NULL) {
			t8_free(t);
			return ENOMEM;
		}
		for (i = 0; i < T8_BLOCKS * T8_BSIZE; i++)
			t->disk[i] = (char)(i % 251);
		cm_begin_trans(key, RM_READ);
		ca.cm_key = key;
		ca.cm_n = 0;
		ca.cm_param = CM_UNIT;
		ca.cm_val = &unit;
		ca.cm_vallen = sizeof(unit);
		(void)cm_getval(&ca);
		cm_end_trans(key);
		t->unit = unit;
		if (cm_intr_attach(key, t8_intr, t, &t8_info, &t->cookie) == 0) {
			t->cookie = NULL;
			t8_free(t);
			return ENXIO;
		}
		*(void **)idata = t;
		return 0;
	case CFG_REMOVE:
		t8_free(idata);
		return 0;
	case CFG_VERIFY:
		return 0;
	default:
		return EOPNOTSUPP;
	}
}

static int
t8_open(void *idata, channel_t *chanp, int oflags, cred_t *crp, queue_t *q)
{
	return *chanp == 0 ? 0 : ENXIO;
}

static int
t8_close(void *idata, channel_t chan, int oflags, cred_t *crp, queue_t *q)
{
	return 0;
}

static void
t8_biostart(void *idata, channel_t chan, buf_t *bp)
{
	struct t8 *t = idata;
	pl_t pl;

	if (bp->b_blkno < 0 || bp->b_blkno >= T8_BLOCKS ||
	    bp->b_bcount % T8_BSIZE) {
		bioerror(bp, EINVAL);
		biodone(bp);
		return;
	}
	pl = LOCK(t->lock, pldisk);
	bp->av_forw = t->queue;
	t->queue = bp;
	UNLOCK(t->lock, pl);
}

static int
t8_ioctl(void *idata, channel_t chan, int cmd, void *arg, int mode,
	 cred_t *crp, int *rvalp)
{
	struct t8 *t = idata;

	if (cmd != 1)
		return EINVAL;
	*rvalp = (int)t->unit;
	return 0;
}

static int
t8_intr(void *idata)
{
	struct t8 *t = idata;
	buf_t *bp, *next;
	size_t off, n;
	pl_t pl;

	pl = LOCK(t->lock, pldisk);
	bp = t->queue;
	t->queue = NULL;
	UNLOCK(t->lock, pl);
	if (bp == NULL)
		return ISTAT_NONE;
	for (; bp != NULL; bp = next) {
		next = bp->av_forw;
		off = (size_t)bp->b_blkno * T8_BSIZE;
		n = bp->b_bcount;
		if (off + n > T8_BLOCKS * T8_BSIZE)
			n = T8_BLOCKS * T8_BSIZE - off;
		if (bp->b_flags & B_READ)
			bcopy(t->disk + off, bp->b_un.b_addr, n);
		else
			bcopy(bp->b_un.b_addr, t->disk + off, n);
		bp->b_resid = bp->b_bcount - n;
		biodone(bp);
	}
	return ISTAT_ASSERTED;
}
