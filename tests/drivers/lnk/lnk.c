/*
 * lnk - link monitor for bmn bus-master adapters (DDI 8).
 *
 *	A small companion of the bmn driver, used on machines where the
 *	adapter is shared with another network stack: it never touches the
 *	rings, only reads the adapter's status register and counts what it
 *	sees.  LNKIOC_STATUS returns the status register, LNKIOC_POLLS the
 *	number of polls so far.
 *
 *	BROKEN ON PURPOSE (a svr5ddi sample of a wrong-size free): the
 *	CFG_REMOVE code frees the instance with sizeof(lp), the size of the
 *	pointer, instead of sizeof(*lp).  On UnixWare this silently
 *	corrupts the kmem_alloc free lists; svr5ddi reports it.
 */

#define _DDI	8

#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/ddi.h>

#define LNK_NPORTS	0x40
#define LNK_STATUS	0x04		/* adapter status register */
#define LNK_ID		0x38		/* device << 16 | vendor */
#define LNK_BMNID	0x4E015356

#define LNKIOC		('l' << 8)
#define LNKIOC_STATUS	(LNKIOC | 1)
#define LNKIOC_POLLS	(LNKIOC | 2)

struct lnk {
	rm_key_t	l_key;
	int		l_ioaddr;
	lock_t		*l_lock;
	ulong_t		l_polls;
	uint_t		l_last;		/* status at the last poll */
	char		l_name[16];
};

static int lnkconfig(cfg_func_t, void *, rm_key_t);
static int lnkopen(void *, channel_t *, int, cred_t *, queue_t *);
static int lnkclose(void *, channel_t, int, cred_t *, queue_t *);
static int lnkdevinfo(void *, channel_t, di_parm_t, void *);
static int lnkioctl(void *, channel_t, int, void *, int, cred_t *, int *);

static const drvops_t lnk_drvops = {
	lnkconfig, lnkopen, lnkclose, lnkdevinfo, NULL, lnkioctl, NULL, NULL
};
static const drvinfo_t lnk_drvinfo = {
	&lnk_drvops, "lnk", D_MP, NULL, 0
};

static LKINFO_DECL(lnk_lkinfo, "lnk::l_lock", 0);

int
_load(void)
{
	return drv_attach(&lnk_drvinfo);
}

int
_unload(void)
{
	drv_detach(&lnk_drvinfo);
	return 0;
}

static int
lnkconfig(cfg_func_t func, void *idata, rm_key_t key)
{
	struct lnk *lp;
	cm_args_t ca;
	cm_range_t range;
	int error;

	switch (func) {
	case CFG_ADD:
		ca.cm_key = key;
		ca.cm_n = 0;
		ca.cm_param = CM_IOADDR;
		ca.cm_val = &range;
		ca.cm_vallen = sizeof(range);
		cm_begin_trans(key, RM_READ);
		error = cm_getval(&ca);
		cm_end_trans(key);
		if (error != 0 ||
		    range.endaddr - range.startaddr + 1 < LNK_NPORTS)
			return ENXIO;
		if (inl((int)range.startaddr + LNK_ID) != LNK_BMNID)
			return ENXIO;

		lp = kmem_zalloc(sizeof(*lp), KM_SLEEP);
		lp->l_key = key;
		lp->l_ioaddr = (int)range.startaddr;
		lp->l_lock = LOCK_ALLOC(1, plstr, &lnk_lkinfo, KM_SLEEP);
		bcopy("lnk", lp->l_name, 4);
		*(void **)idata = lp;
		cmn_err(CE_CONT, "lnk: watching the adapter at 0x%x\n",
			lp->l_ioaddr);
		return 0;

	case CFG_REMOVE:
		lp = idata;
		LOCK_DEALLOC(lp->l_lock);
		kmem_free(lp, sizeof(lp));
		return 0;

	default:
		return EOPNOTSUPP;
	}
}

/* ARGSUSED */
static int
lnkopen(void *idata, channel_t *chp, int oflags, cred_t *crp, queue_t *q)
{
	return *chp == 0 ? 0 : ENXIO;
}

/* ARGSUSED */
static int
lnkclose(void *idata, channel_t ch, int oflags, cred_t *crp, queue_t *q)
{
	return 0;
}

/* ARGSUSED */
static int
lnkdevinfo(void *idata, channel_t ch, di_parm_t parm, void *valp)
{
	return EOPNOTSUPP;
}

/* ARGSUSED */
static int
lnkioctl(void *idata, channel_t ch, int cmd, void *arg, int oflags,
	 cred_t *crp, int *rvalp)
{
	struct lnk *lp = idata;
	pl_t pl;

	pl = LOCK(lp->l_lock, plstr);
	switch (cmd) {
	case LNKIOC_STATUS:
		lp->l_last = inl(lp->l_ioaddr + LNK_STATUS);
		lp->l_polls++;
		*rvalp = (int)lp->l_last;
		break;
	case LNKIOC_POLLS:
		*rvalp = (int)lp->l_polls;
		break;
	default:
		UNLOCK(lp->l_lock, pl);
		return EINVAL;
	}
	UNLOCK(lp->l_lock, pl);
	return 0;
}
