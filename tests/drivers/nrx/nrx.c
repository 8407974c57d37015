/*
 * nrx - receive-side test driver for bmn bus-master adapters (DDI 8).
 *
 *	A cut-down relative of bmn that production-line test stations ran:
 *	NRXIOC_SEND transmits a frame of arg bytes, the adapter (in
 *	loopback) receives it, the interrupt routine keeps a record of
 *	every frame received, and NRXIOC_COUNT returns how many records
 *	there are.  Four descriptors per ring.
 *
 *	BROKEN ON PURPOSE (a svr5ddi sample of sleeping at interrupt
 *	level): the interrupt routine allocates its record with KM_SLEEP.
 *	An interrupt routine may never block; the allocation must be
 *	KM_NOSLEEP, and the frame dropped when it fails.
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

/* adapter registers */
#define NRX_CTRL	0x00
#define NRX_IMASK	0x08
#define NRX_ISTATUS	0x0C
#define NRX_TXBASE_LO	0x10
#define NRX_TXBASE_HI	0x14
#define NRX_RXBASE_LO	0x18
#define NRX_RXBASE_HI	0x1C
#define NRX_TXLEN	0x20
#define NRX_RXLEN	0x24
#define NRX_TXTAIL	0x28
#define NRX_RXTAIL	0x2C
#define NRX_ENABLE	0x01
#define NRX_RESET	0x02
#define NRX_INT_TX	0x01
#define NRX_INT_RX	0x02

typedef struct nrx_desc {
	uint_t		d_addrlo;
	uint_t		d_addrhi;
	uint_t		d_len;
	ushort_t	d_flags;
	ushort_t	d_status;
} nrx_desc_t;
#define NRX_D_DONE	0x0001

#define NRX_NDESC	4
#define NRX_BUFSZ	1536

#define NRXIOC		('n' << 8)
#define NRXIOC_SEND	(NRXIOC | 1)
#define NRXIOC_COUNT	(NRXIOC | 2)

/* what the interrupt routine records of each frame */
struct nrx_rec {
	struct nrx_rec	*r_next;
	uint_t		r_len;
	uchar_t		r_hdr[14];
};

struct nrx {
	int		n_ioaddr;
	void		*n_cookie;
	lock_t		*n_lock;
	nrx_desc_t	*n_ring;		/* TX ring, then RX ring */
	paddr32_t	n_ringpa;
	caddr_t		n_buf;			/* 2 * NRX_NDESC buffers */
	paddr32_t	n_bufpa[2];
	uint_t		n_txtail, n_rxnext, n_rxtail;
	struct nrx_rec	*n_recs;
	int		n_nrecs;
};

#define NRX_RINGSZ	(2 * NRX_NDESC * sizeof(nrx_desc_t))
#define NRX_BUFTOTAL	(2 * NRX_NDESC * NRX_BUFSZ)

static int nrxconfig(cfg_func_t, void *, rm_key_t);
static int nrxopen(void *, channel_t *, int, cred_t *, queue_t *);
static int nrxclose(void *, channel_t, int, cred_t *, queue_t *);
static int nrxdevinfo(void *, channel_t, di_parm_t, void *);
static int nrxioctl(void *, channel_t, int, void *, int, cred_t *, int *);
static int nrxintr(void *);

static const drvops_t nrx_drvops = {
	nrxconfig, nrxopen, nrxclose, nrxdevinfo, NULL, nrxioctl, NULL, NULL
};
static const drvinfo_t nrx_drvinfo = {
	&nrx_drvops, "nrx", D_MP, NULL, 0
};

static LKINFO_DECL(nrx_lkinfo, "nrx::n_lock", 0);
static physreq_t *nrx_preq;

int
_load(void)
{
	int error;

	nrx_preq = physreq_alloc(KM_SLEEP);
	nrx_preq->phys_align = 16;
	nrx_preq->phys_dmasize = 32;
	nrx_preq->phys_flags |= PREQ_PHYSCONTIG;
	if (!physreq_prep(nrx_preq, KM_SLEEP)) {
		physreq_free(nrx_preq);
		return EINVAL;
	}
	if ((error = drv_attach(&nrx_drvinfo)) != 0)
		physreq_free(nrx_preq);
	return error;
}

int
_unload(void)
{
	drv_detach(&nrx_drvinfo);
	physreq_free(nrx_preq);
	return 0;
}

static void
nrx_free(struct nrx *np)
{
	struct nrx_rec *r;

	while ((r = np->n_recs) != NULL) {
		np->n_recs = r->r_next;
		kmem_free(r, sizeof(*r));
	}
	if (np->n_buf != NULL)
		kmem_free(np->n_buf, NRX_BUFTOTAL);
	if (np->n_ring != NULL)
		kmem_free(np->n_ring, NRX_RINGSZ);
	if (np->n_lock != NULL)
		LOCK_DEALLOC(np->n_lock);
	kmem_free(np, sizeof(*np));
}

static int
nrxconfig(cfg_func_t func, void *idata, rm_key_t key)
{
	struct nrx *np;
	cm_args_t ca;
	cm_range_t range;
	nrx_desc_t *d;
	int io, i, error;

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
		if (error != 0)
			return ENXIO;

		np = kmem_zalloc(sizeof(*np), KM_SLEEP);
		np->n_ioaddr = io = (int)range.startaddr;
		np->n_lock = LOCK_ALLOC(1, plstr, &nrx_lkinfo, KM_SLEEP);
		np->n_ring = kmem_alloc_phys(NRX_RINGSZ, nrx_preq,
					     &np->n_ringpa, KM_SLEEP);
		np->n_buf = kmem_alloc_phys(NRX_BUFTOTAL, nrx_preq,
					    np->n_bufpa, KM_SLEEP);
		if (np->n_ring == NULL || np->n_buf == NULL) {
			nrx_free(np);
			return ENOMEM;
		}
		bzero(np->n_ring, NRX_RINGSZ);
		for (i = 0; i < 2 * NRX_NDESC; i++) {
			d = &np->n_ring[i];
			d->d_addrlo = np->n_bufpa[0] + i * NRX_BUFSZ;
			d->d_len = NRX_BUFSZ;
		}
		outl(io + NRX_CTRL, NRX_RESET);
		outl(io + NRX_TXBASE_LO, np->n_ringpa);
		outl(io + NRX_TXBASE_HI, 0);
		outl(io + NRX_RXBASE_LO,
		     np->n_ringpa + NRX_NDESC * sizeof(nrx_desc_t));
		outl(io + NRX_RXBASE_HI, 0);
		outl(io + NRX_TXLEN, NRX_NDESC);
		outl(io + NRX_RXLEN, NRX_NDESC);
		np->n_rxtail = NRX_NDESC - 1;
		outl(io + NRX_RXTAIL, np->n_rxtail);
		if (cm_intr_attach(key, nrxintr, np, &nrx_drvinfo,
				   &np->n_cookie) == 0) {
			nrx_free(np);
			return ENXIO;
		}
		outl(io + NRX_IMASK, NRX_INT_TX | NRX_INT_RX);
		outl(io + NRX_CTRL, NRX_ENABLE);
		*(void **)idata = np;
		return 0;

	case CFG_REMOVE:
		np = idata;
		outl(np->n_ioaddr + NRX_CTRL, NRX_RESET);
		cm_intr_detach(np->n_cookie);
		nrx_free(np);
		return 0;

	default:
		return EOPNOTSUPP;
	}
}

/* ARGSUSED */
static int
nrxopen(void *idata, channel_t *chp, int oflags, cred_t *crp, queue_t *q)
{
	return 0;
}

/* ARGSUSED */
static int
nrxclose(void *idata, channel_t ch, int oflags, cred_t *crp, queue_t *q)
{
	return 0;
}

/* ARGSUSED */
static int
nrxdevinfo(void *idata, channel_t ch, di_parm_t parm, void *valp)
{
	return EOPNOTSUPP;
}

/* ARGSUSED */
static int
nrxioctl(void *idata, channel_t ch, int cmd, void *arg, int oflags,
	 cred_t *crp, int *rvalp)
{
	struct nrx *np = idata;
	nrx_desc_t *d;
	long len = (long)arg;
	uint_t t;
	pl_t pl;

	switch (cmd) {
	case NRXIOC_SEND:
		if (len < 14 || len > NRX_BUFSZ)
			return EINVAL;
		pl = LOCK(np->n_lock, plstr);
		t = np->n_txtail;
		d = &np->n_ring[t];
		bzero(np->n_buf + t * NRX_BUFSZ, len);
		d->d_len = len;
		d->d_status = 0;
		np->n_txtail = (t + 1) % NRX_NDESC;
		outl(np->n_ioaddr + NRX_TXTAIL, np->n_txtail);
		UNLOCK(np->n_lock, pl);
		return 0;

	case NRXIOC_COUNT:
		pl = LOCK(np->n_lock, plstr);
		*rvalp = np->n_nrecs;
		UNLOCK(np->n_lock, pl);
		return 0;

	default:
		return EINVAL;
	}
}

static int
nrxintr(void *idata)
{
	struct nrx *np = idata;
	struct nrx_rec *r;
	nrx_desc_t *d;
	uint_t isr, i;
	pl_t pl;

	pl = LOCK(np->n_lock, plstr);
	isr = inl(np->n_ioaddr + NRX_ISTATUS);
	if (isr == 0) {
		UNLOCK(np->n_lock, pl);
		return ISTAT_NONE;
	}
	outl(np->n_ioaddr + NRX_ISTATUS, isr);
	for (;;) {
		i = np->n_rxnext;
		d = &np->n_ring[NRX_NDESC + i];
		if (!(d->d_status & NRX_D_DONE))
			break;
		r = kmem_alloc(sizeof(*r), KM_SLEEP);
		r->r_len = d->d_len;
		bcopy(np->n_buf + (NRX_NDESC + i) * NRX_BUFSZ, r->r_hdr, 14);
		r->r_next = np->n_recs;
		np->n_recs = r;
		np->n_nrecs++;
		d->d_len = NRX_BUFSZ;
		d->d_status = 0;
		np->n_rxnext = (i + 1) % NRX_NDESC;
		np->n_rxtail = (np->n_rxtail + 1) % NRX_NDESC;
		outl(np->n_ioaddr + NRX_RXTAIL, np->n_rxtail);
	}
	UNLOCK(np->n_lock, pl);
	return ISTAT_ASSERTED;
}
