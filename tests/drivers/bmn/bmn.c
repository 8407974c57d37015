/*
 * bmn - PCI bus-master network adapter (DDI 8).
 *
 *	A sample legacy driver for svr5ddi's porting-test harness, written
 *	the way UnixWare 7.1 / OpenServer 6 DDI 8 drivers are: _load calls
 *	drv_attach with the driver's drvinfo, the system then calls
 *	bmnconfig(CFG_ADD) for each board the resource manager holds for
 *	"bmn", and every later entry point gets that board's bmn_t back as
 *	its idata.
 *
 *	Memory: the descriptor rings come from kmem_alloc_phys with a
 *	32-bit physreq (the rings must lie below 4 GiB), the frame buffers
 *	from kmem_alloc_phys with a 64-bit physreq; kmem_alloc_phys hands
 *	back the physical addresses the adapter is given.  Received frames
 *	are copied into kmem_alloc(KM_NOSLEEP) memory by the interrupt
 *	routine and queued for BMNIOC_RECV; when memory is short the frame
 *	is dropped and counted, as an interrupt routine must never sleep.
 *
 *	This is a character driver with no STREAMS interface: the ioctls
 *	of bmn.h send test frames and read them back (the adapter runs in
 *	loopback), which is how its diagnostics were driven.
 *
 *	Locking: bmn_lock, a basic lock at plstr, per adapter; waiting for
 *	a frame is SV_WAIT on bmn_sv with an itimeout to bound it.
 */

#define _DDI	8

#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/buf.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/moddefs.h>
#include <sys/uio.h>
#include "bmn.h"
#include <sys/ddi.h>

#define BMN_HIER	1

STATIC int bmnconfig(cfg_func_t, void *, rm_key_t);
STATIC int bmnopen(void *, channel_t *, int, cred_t *, queue_t *);
STATIC int bmnclose(void *, channel_t, int, cred_t *, queue_t *);
STATIC int bmndevinfo(void *, channel_t, di_parm_t, void *);
STATIC int bmnioctl(void *, channel_t, int, void *, int, cred_t *, int *);
STATIC int bmnintr(void *);

STATIC const drvops_t bmn_drvops = {
	bmnconfig,	/* d_config */
	bmnopen,	/* d_open */
	bmnclose,	/* d_close */
	bmndevinfo,	/* d_devinfo */
	NULL,		/* d_biostart */
	bmnioctl,	/* d_ioctl */
	NULL,		/* d_drvctl */
	NULL		/* d_mmap */
};

STATIC const drvinfo_t bmn_drvinfo = {
	&bmn_drvops, "bmn", D_MP, NULL, 0
};

STATIC LKINFO_DECL(bmn_lkinfo, "bmn::bmn_lock", 0);

STATIC physreq_t *bmn_ringreq;		/* descriptor rings: below 4 GiB */
STATIC physreq_t *bmn_bufreq;		/* frame buffers: anywhere */
STATIC int bmn_nunit;

STATIC int bmn_getconf(bmn_t *, rm_key_t);
STATIC int bmn_verify(rm_key_t);
STATIC int bmn_alloc(bmn_t *);
STATIC void bmn_free(bmn_t *);
STATIC void bmn_hwinit(bmn_t *);
STATIC void bmn_up(bmn_t *);
STATIC void bmn_down(bmn_t *);
STATIC void bmn_txdone(bmn_t *);
STATIC int bmn_rxintr(bmn_t *);
STATIC int bmn_send(bmn_t *, int, int *);
STATIC int bmn_recv(bmn_t *, bmn_frame_t **);
STATIC void bmn_rxtimeout(void *);
STATIC void bmn_freeq(bmn_t *);

/*
 * int
 * _load(void)
 *	Describe the memory the adapter can reach, then register the
 *	driver: drv_attach calls bmnconfig(CFG_ADD) for every board.
 *
 * Calling/Exit State:
 *	No locks held.
 */
int
_load(void)
{
	int error;

	bmn_ringreq = physreq_alloc(KM_SLEEP);
	bmn_ringreq->phys_align = sizeof(bmn_desc_t);
	bmn_ringreq->phys_boundary = 0;
	bmn_ringreq->phys_dmasize = 32;
	bmn_ringreq->phys_flags |= PREQ_PHYSCONTIG;

	bmn_bufreq = physreq_alloc(KM_SLEEP);
	bmn_bufreq->phys_align = 8;
	bmn_bufreq->phys_boundary = 0;
	bmn_bufreq->phys_dmasize = 64;
	bmn_bufreq->phys_flags |= PREQ_PHYSCONTIG;

	if (!physreq_prep(bmn_ringreq, KM_SLEEP) ||
	    !physreq_prep(bmn_bufreq, KM_SLEEP)) {
		cmn_err(CE_WARN, "bmn: physreq_prep failed");
		error = EINVAL;
		goto fail;
	}
	if ((error = drv_attach(&bmn_drvinfo)) != 0)
		goto fail;
	return 0;

fail:
	physreq_free(bmn_bufreq);
	physreq_free(bmn_ringreq);
	bmn_bufreq = bmn_ringreq = NULL;
	return error;
}

/*
 * int
 * _unload(void)
 *
 * Calling/Exit State:
 *	No locks held.  Every instance has been removed.
 */
int
_unload(void)
{
	drv_detach(&bmn_drvinfo);
	physreq_free(bmn_bufreq);
	physreq_free(bmn_ringreq);
	bmn_bufreq = bmn_ringreq = NULL;
	return 0;
}

/*
 * STATIC int
 * bmnconfig(cfg_func_t func, void *idata, rm_key_t key)
 *
 * Calling/Exit State:
 *	No locks held; blockable context.
 */
STATIC int
bmnconfig(cfg_func_t func, void *idata, rm_key_t key)
{
	bmn_t *bmn;
	int error;

	switch (func) {
	case CFG_ADD:
		bmn = kmem_zalloc(sizeof(bmn_t), KM_NOSLEEP);
		if (bmn == NULL) {
			cmn_err(CE_WARN, "bmn: no memory for key %u", key);
			return ENOMEM;
		}
		bmn->bmn_key = key;
		bmn->bmn_unit = bmn_nunit;
		if ((error = bmn_getconf(bmn, key)) != 0 ||
		    (error = bmn_alloc(bmn)) != 0) {
			bmn_free(bmn);
			return error;
		}
		bmn_hwinit(bmn);
		if (cm_intr_attach(key, bmnintr, bmn, &bmn_drvinfo,
				   &bmn->bmn_cookie) == 0) {
			cmn_err(CE_WARN, "bmn%d: cannot attach IRQ %d",
				bmn->bmn_unit, bmn->bmn_irq);
			bmn_free(bmn);
			return ENXIO;
		}
		bmn_nunit++;
		*(void **)idata = bmn;
		cmn_err(CE_CONT, "bmn%d: io 0x%x irq %d, %d-bit DMA\n",
			bmn->bmn_unit, bmn->bmn_ioaddr, bmn->bmn_irq,
			(int)inl(bmn->bmn_ioaddr + BMN_WIDTH));
		return 0;

	case CFG_REMOVE:
		bmn = idata;
		outl(bmn->bmn_ioaddr + BMN_CTRL, BMN_CTRL_RESET);
		cm_intr_detach(bmn->bmn_cookie);
		bmn->bmn_cookie = NULL;
		bmn_free(bmn);
		return 0;

	case CFG_VERIFY:
		return bmn_verify(key);

	default:
		return EOPNOTSUPP;
	}
}

/*
 * STATIC int
 * bmn_getconf(bmn_t *bmn, rm_key_t key)
 *	Read the board's ID, I/O range and interrupt, and check that the
 *	adapter answers.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC int
bmn_getconf(bmn_t *bmn, rm_key_t key)
{
	cm_args_t ca;
	cm_range_t range;
	cm_num_t irq;
	char brdid[16];
	uint_t id;
	int error;

	ca.cm_key = key;
	ca.cm_n = 0;

	cm_begin_trans(key, RM_READ);
	ca.cm_param = CM_BRDID;
	ca.cm_val = brdid;
	ca.cm_vallen = sizeof(brdid);
	if ((error = cm_getval(&ca)) != 0 || bcmp(brdid, BMN_BRDID, sizeof(BMN_BRDID)) != 0) {
		cm_end_trans(key);
		cmn_err(CE_WARN, "bmn: key %u is not a bmn board", key);
		return ENODEV;
	}
	ca.cm_param = CM_IOADDR;
	ca.cm_val = &range;
	ca.cm_vallen = sizeof(range);
	if ((error = cm_getval(&ca)) != 0) {
		cm_end_trans(key);
		cmn_err(CE_WARN, "bmn: key %u: no I/O range", key);
		return error;
	}
	ca.cm_param = CM_IRQ;
	ca.cm_val = &irq;
	ca.cm_vallen = sizeof(irq);
	if ((error = cm_getval(&ca)) != 0) {
		cm_end_trans(key);
		cmn_err(CE_WARN, "bmn: key %u: no IRQ", key);
		return error;
	}
	cm_end_trans(key);

	if (range.endaddr - range.startaddr + 1 < BMN_NPORTS) {
		cmn_err(CE_WARN, "bmn: key %u: I/O range too small", key);
		return ENXIO;
	}
	bmn->bmn_ioaddr = (int)range.startaddr;
	bmn->bmn_irq = (int)irq;

	id = inl(bmn->bmn_ioaddr + BMN_ID);
	if (id != ((uint_t)BMN_DEVICE << 16 | BMN_VENDOR)) {
		cmn_err(CE_WARN, "bmn: no adapter at 0x%x (id 0x%x)",
			bmn->bmn_ioaddr, id);
		return ENXIO;
	}
	return 0;
}

/*
 * STATIC int
 * bmn_verify(rm_key_t key)
 *	CFG_VERIFY: is the board at key one of ours?
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC int
bmn_verify(rm_key_t key)
{
	cm_args_t ca;
	char brdid[16];
	int error;

	ca.cm_key = key;
	ca.cm_n = 0;
	ca.cm_param = CM_BRDID;
	ca.cm_val = brdid;
	ca.cm_vallen = sizeof(brdid);
	cm_begin_trans(key, RM_READ);
	error = cm_getval(&ca);
	cm_end_trans(key);
	if (error != 0 || bcmp(brdid, BMN_BRDID, sizeof(BMN_BRDID)) != 0)
		return ENODEV;
	return 0;
}

/*
 * STATIC int
 * bmn_alloc(bmn_t *bmn)
 *	Allocate the lock, the synchronization variable, the rings and the
 *	frame buffers.  On failure bmn_free releases what was allocated.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC int
bmn_alloc(bmn_t *bmn)
{
	int i;

	bmn->bmn_lock = LOCK_ALLOC(BMN_HIER, plstr, &bmn_lkinfo, KM_SLEEP);
	bmn->bmn_sv = SV_ALLOC(KM_SLEEP);

	bmn->bmn_txd = kmem_alloc_phys(BMN_NTXD * sizeof(bmn_desc_t),
				       bmn_ringreq, &bmn->bmn_txdpa,
				       KM_NOSLEEP);
	bmn->bmn_rxd = kmem_alloc_phys(BMN_NRXD * sizeof(bmn_desc_t),
				       bmn_ringreq, &bmn->bmn_rxdpa,
				       KM_NOSLEEP);
	if (bmn->bmn_txd == NULL || bmn->bmn_rxd == NULL)
		goto nomem;
	bzero(bmn->bmn_txd, BMN_NTXD * sizeof(bmn_desc_t));
	bzero(bmn->bmn_rxd, BMN_NRXD * sizeof(bmn_desc_t));

	for (i = 0; i < BMN_NTXD; i++) {
		bmn->bmn_txbuf[i] = kmem_alloc_phys(BMN_BUFSZ, bmn_bufreq,
						    bmn->bmn_txbufpa[i],
						    KM_NOSLEEP);
		if (bmn->bmn_txbuf[i] == NULL)
			goto nomem;
	}
	for (i = 0; i < BMN_NRXD; i++) {
		bmn->bmn_rxbuf[i] = kmem_alloc_phys(BMN_BUFSZ, bmn_bufreq,
						    bmn->bmn_rxbufpa[i],
						    KM_NOSLEEP);
		if (bmn->bmn_rxbuf[i] == NULL)
			goto nomem;
	}
	return 0;

nomem:
	cmn_err(CE_WARN, "bmn%d: no memory for the rings", bmn->bmn_unit);
	return ENOMEM;
}

/*
 * STATIC void
 * bmn_free(bmn_t *bmn)
 *	Free an instance and everything it holds.  The adapter is stopped
 *	and its interrupt detached.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC void
bmn_free(bmn_t *bmn)
{
	int i;

	bmn_freeq(bmn);
	for (i = 0; i < BMN_NRXD; i++)
		if (bmn->bmn_rxbuf[i] != NULL)
			kmem_free(bmn->bmn_rxbuf[i], BMN_BUFSZ);
	for (i = 0; i < BMN_NTXD; i++)
		if (bmn->bmn_txbuf[i] != NULL)
			kmem_free(bmn->bmn_txbuf[i], BMN_BUFSZ);
	if (bmn->bmn_rxd != NULL)
		kmem_free(bmn->bmn_rxd, BMN_NRXD * sizeof(bmn_desc_t));
	if (bmn->bmn_txd != NULL)
		kmem_free(bmn->bmn_txd, BMN_NTXD * sizeof(bmn_desc_t));
	if (bmn->bmn_sv != NULL)
		SV_DEALLOC(bmn->bmn_sv);
	if (bmn->bmn_lock != NULL)
		LOCK_DEALLOC(bmn->bmn_lock);
	kmem_free(bmn, sizeof(bmn_t));
}

/*
 * STATIC void
 * bmn_freeq(bmn_t *bmn)
 *	Drop every frame waiting for BMNIOC_RECV.
 *
 * Calling/Exit State:
 *	No locks held, or bmn_lock held.
 */
STATIC void
bmn_freeq(bmn_t *bmn)
{
	bmn_frame_t *bf;

	while ((bf = bmn->bmn_rxq) != NULL) {
		bmn->bmn_rxq = bf->bf_next;
		kmem_free(bf, BMN_FRAMESZ(bf->bf_len));
	}
	bmn->bmn_rxqtail = NULL;
	bmn->bmn_stat[BMNSTAT_QLEN] = 0;
}

/*
 * STATIC void
 * bmn_hwinit(bmn_t *bmn)
 *	Reset the adapter and tell it where the rings are.  It stays
 *	disabled until the first open.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC void
bmn_hwinit(bmn_t *bmn)
{
	int io = bmn->bmn_ioaddr;

	outl(io + BMN_CTRL, BMN_CTRL_RESET);
	outl(io + BMN_IMASK, 0);
	outl(io + BMN_TXBASE_LO, bmn->bmn_txdpa);
	outl(io + BMN_TXBASE_HI, 0);
	outl(io + BMN_RXBASE_LO, bmn->bmn_rxdpa);
	outl(io + BMN_RXBASE_HI, 0);
	outl(io + BMN_TXLEN, BMN_NTXD);
	outl(io + BMN_RXLEN, BMN_NRXD);

	/* a locally administered address */
	bmn->bmn_addr[0] = 0x02;
	bmn->bmn_addr[1] = 0x00;
	bmn->bmn_addr[2] = 0x5e;
	bmn->bmn_addr[3] = 0x10;
	bmn->bmn_addr[4] = (uchar_t)(bmn->bmn_key >> 8);
	bmn->bmn_addr[5] = (uchar_t)bmn->bmn_key;
}

/*
 * STATIC void
 * bmn_up(bmn_t *bmn)
 *	Give the adapter every receive buffer but one and enable it.
 *
 * Calling/Exit State:
 *	bmn_lock held.
 */
STATIC void
bmn_up(bmn_t *bmn)
{
	int io = bmn->bmn_ioaddr;
	bmn_desc_t *d;
	int i;

	for (i = 0; i < BMN_NRXD; i++) {
		d = &bmn->bmn_rxd[i];
		d->d_addrlo = bmn->bmn_rxbufpa[i][0];
		d->d_addrhi = bmn->bmn_rxbufpa[i][1];
		d->d_len = BMN_BUFSZ;
		d->d_flags = 0;
		d->d_status = 0;
	}
	bmn->bmn_txhead = bmn->bmn_txtail = 0;
	bmn->bmn_rxnext = 0;
	bmn->bmn_rxtail = BMN_NRXD - 1;
	outl(io + BMN_RXTAIL, bmn->bmn_rxtail);
	outl(io + BMN_ISTATUS, BMN_INTRS);
	outl(io + BMN_IMASK, BMN_INTRS);
	outl(io + BMN_CTRL, BMN_CTRL_ENABLE);
	bmn->bmn_flags |= BMN_UP;
}

/*
 * STATIC void
 * bmn_down(bmn_t *bmn)
 *	Stop the adapter and forget the frames in flight.
 *
 * Calling/Exit State:
 *	bmn_lock held.
 */
STATIC void
bmn_down(bmn_t *bmn)
{
	outl(bmn->bmn_ioaddr + BMN_IMASK, 0);
	bmn_hwinit(bmn);
	bmn->bmn_flags &= ~BMN_UP;
	bmn_freeq(bmn);
}

/*
 * STATIC int
 * bmnopen(void *idata, channel_t *channelp, int oflags, cred_t *crp,
 *	queue_t *q)
 *
 * Calling/Exit State:
 *	No locks held.
 */
/* ARGSUSED */
STATIC int
bmnopen(void *idata, channel_t *channelp, int oflags, cred_t *crp,
	queue_t *q)
{
	bmn_t *bmn = idata;
	pl_t pl;

	if (*channelp != 0)
		return ENXIO;
	pl = LOCK(bmn->bmn_lock, plstr);
	if (!(bmn->bmn_flags & BMN_UP))
		bmn_up(bmn);
	bmn->bmn_opens++;
	UNLOCK(bmn->bmn_lock, pl);
	return 0;
}

/*
 * STATIC int
 * bmnclose(void *idata, channel_t channel, int oflags, cred_t *crp,
 *	queue_t *q)
 *	Last close: stop the adapter.
 *
 * Calling/Exit State:
 *	No locks held.
 */
/* ARGSUSED */
STATIC int
bmnclose(void *idata, channel_t channel, int oflags, cred_t *crp,
	 queue_t *q)
{
	bmn_t *bmn = idata;
	pl_t pl;

	pl = LOCK(bmn->bmn_lock, plstr);
	if (bmn->bmn_opens > 0 && --bmn->bmn_opens == 0)
		bmn_down(bmn);
	UNLOCK(bmn->bmn_lock, pl);
	return 0;
}

/*
 * STATIC int
 * bmndevinfo(void *idata, channel_t channel, di_parm_t parm, void *valp)
 *
 * Calling/Exit State:
 *	No locks held.
 */
/* ARGSUSED */
STATIC int
bmndevinfo(void *idata, channel_t channel, di_parm_t parm, void *valp)
{
	switch (parm) {
	case DI_MEDIA:
		*(char **)valp = "NIC";
		return 0;
	default:
		return EOPNOTSUPP;
	}
}

/*
 * STATIC int
 * bmnioctl(void *idata, channel_t channel, int cmd, void *arg,
 *	int oflags, cred_t *crp, int *rvalp)
 *
 * Calling/Exit State:
 *	No locks held; user context.
 */
/* ARGSUSED */
STATIC int
bmnioctl(void *idata, channel_t channel, int cmd, void *arg, int oflags,
	 cred_t *crp, int *rvalp)
{
	bmn_t *bmn = idata;
	bmn_frame_t *bf;
	uchar_t *p;
	long len;
	int error, seq, i;
	pl_t pl;

	switch (cmd) {
	case BMNIOC_SEND:
		return bmn_send(bmn, (int)(long)arg, rvalp);

	case BMNIOC_RECV:
		if ((error = bmn_recv(bmn, &bf)) != 0)
			return error;
		error = 0;
		if (copyout(BMN_FRAMEDATA(bf), arg, bf->bf_len) != 0)
			error = EFAULT;
		else
			*rvalp = bf->bf_len;
		kmem_free(bf, BMN_FRAMESZ(bf->bf_len));
		return error;

	case BMNIOC_LOOP:
		len = (long)arg;
		if ((error = bmn_send(bmn, (int)len, &seq)) != 0)
			return error;
		/* take frames until ours comes back; others are stale */
		for (;;) {
			if ((error = bmn_recv(bmn, &bf)) != 0)
				return error;
			p = BMN_FRAMEDATA(bf);
			if (bf->bf_len <= BMN_MINFRAME ||
			    p[BMN_MINFRAME] == (uchar_t)(seq + BMN_MINFRAME))
				break;
			kmem_free(bf, BMN_FRAMESZ(bf->bf_len));
		}
		if (bf->bf_len != len)
			error = EIO;
		for (i = BMN_MINFRAME; error == 0 && i < len; i++)
			if (p[i] != (uchar_t)(seq + i))
				error = EIO;
		if (error != 0)
			cmn_err(CE_WARN, "bmn%d: loopback frame %d came "
				"back wrong (%d bytes)", bmn->bmn_unit, seq,
				bf->bf_len);
		else
			*rvalp = bf->bf_len;
		kmem_free(bf, BMN_FRAMESZ(bf->bf_len));
		return error;

	case BMNIOC_STAT:
		i = (int)(long)arg;
		if (i < 0 || i >= BMNSTAT_NSTAT)
			return EINVAL;
		pl = LOCK(bmn->bmn_lock, plstr);
		*rvalp = (int)bmn->bmn_stat[i];
		UNLOCK(bmn->bmn_lock, pl);
		return 0;

	default:
		return EINVAL;
	}
}

/*
 * STATIC int
 * bmn_send(bmn_t *bmn, int len, int *seqp)
 *	Build a test frame of len bytes addressed to ourselves and hand it
 *	to the adapter.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC int
bmn_send(bmn_t *bmn, int len, int *seqp)
{
	bmn_desc_t *d;
	uchar_t *p;
	uint_t t, seq;
	pl_t pl;
	int i;

	if (len < BMN_MINFRAME || len > BMN_MAXFRAME)
		return EINVAL;
	pl = LOCK(bmn->bmn_lock, plstr);
	if (!(bmn->bmn_flags & BMN_UP)) {
		UNLOCK(bmn->bmn_lock, pl);
		return ENXIO;
	}
	bmn_txdone(bmn);
	t = bmn->bmn_txtail;
	if ((t + 1) % BMN_NTXD == bmn->bmn_txhead) {
		UNLOCK(bmn->bmn_lock, pl);
		return EAGAIN;
	}
	seq = bmn->bmn_seq++;
	p = (uchar_t *)bmn->bmn_txbuf[t];
	bcopy(bmn->bmn_addr, p, 6);
	bcopy(bmn->bmn_addr, p + 6, 6);
	p[12] = BMN_ETHERTYPE >> 8;
	p[13] = BMN_ETHERTYPE & 0xFF;
	for (i = BMN_MINFRAME; i < len; i++)
		p[i] = (uchar_t)(seq + i);

	d = &bmn->bmn_txd[t];
	d->d_addrlo = bmn->bmn_txbufpa[t][0];
	d->d_addrhi = bmn->bmn_txbufpa[t][1];
	d->d_len = len;
	d->d_flags = 0;
	d->d_status = 0;
	bmn->bmn_txtail = (t + 1) % BMN_NTXD;
	outl(bmn->bmn_ioaddr + BMN_TXTAIL, bmn->bmn_txtail);
	UNLOCK(bmn->bmn_lock, pl);
	*seqp = (int)seq;
	return 0;
}

/*
 * STATIC int
 * bmn_recv(bmn_t *bmn, bmn_frame_t **bfp)
 *	Take the oldest received frame, waiting up to BMN_RXWAIT
 *	microseconds for one.
 *
 * Calling/Exit State:
 *	No locks held; may sleep.
 */
STATIC int
bmn_recv(bmn_t *bmn, bmn_frame_t **bfp)
{
	bmn_frame_t *bf;
	toid_t id = 0;
	pl_t pl;

	pl = LOCK(bmn->bmn_lock, plstr);
	if (bmn->bmn_rxq == NULL && (bmn->bmn_flags & BMN_UP)) {
		bmn->bmn_rxtimo = 0;
		id = itimeout(bmn_rxtimeout, bmn, drv_usectohz(BMN_RXWAIT),
			      plstr);
		while (bmn->bmn_rxq == NULL && !bmn->bmn_rxtimo && id != 0) {
			SV_WAIT(bmn->bmn_sv, prinet, bmn->bmn_lock);
			pl = LOCK(bmn->bmn_lock, plstr);
		}
	}
	if ((bf = bmn->bmn_rxq) != NULL) {
		bmn->bmn_rxq = bf->bf_next;
		if (bmn->bmn_rxq == NULL)
			bmn->bmn_rxqtail = NULL;
		bmn->bmn_stat[BMNSTAT_QLEN]--;
	}
	UNLOCK(bmn->bmn_lock, pl);
	if (id != 0)
		untimeout(id);
	if (bf == NULL)
		return ETIME;
	*bfp = bf;
	return 0;
}

/*
 * STATIC void
 * bmn_rxtimeout(void *arg)
 *	The wait of bmn_recv is over.
 *
 * Calling/Exit State:
 *	Called at plstr from the timeout subsystem.
 */
STATIC void
bmn_rxtimeout(void *arg)
{
	bmn_t *bmn = arg;
	pl_t pl;

	pl = LOCK(bmn->bmn_lock, plstr);
	bmn->bmn_rxtimo = 1;
	SV_BROADCAST(bmn->bmn_sv, 0);
	UNLOCK(bmn->bmn_lock, pl);
}

/*
 * STATIC int
 * bmnintr(void *idata)
 *
 * Calling/Exit State:
 *	Interrupt level; no locks held on entry or exit.
 */
STATIC int
bmnintr(void *idata)
{
	bmn_t *bmn = idata;
	uint_t isr, st;
	pl_t pl;

	pl = LOCK(bmn->bmn_lock, plstr);
	isr = inl(bmn->bmn_ioaddr + BMN_ISTATUS);
	if (isr == 0) {
		UNLOCK(bmn->bmn_lock, pl);
		return ISTAT_NONE;
	}
	outl(bmn->bmn_ioaddr + BMN_ISTATUS, isr);
	if (isr & BMN_INT_TX)
		bmn_txdone(bmn);
	if ((isr & BMN_INT_RX) && bmn_rxintr(bmn) != 0)
		SV_BROADCAST(bmn->bmn_sv, 0);
	if (isr & BMN_INT_ERR) {
		st = inl(bmn->bmn_ioaddr + BMN_STATUS);
		cmn_err(CE_WARN, "bmn%d: DMA error, status 0x%x",
			bmn->bmn_unit, st);
	}
	UNLOCK(bmn->bmn_lock, pl);
	return ISTAT_ASSERTED;
}

/*
 * STATIC void
 * bmn_txdone(bmn_t *bmn)
 *	Reclaim the transmit descriptors the adapter has finished.
 *
 * Calling/Exit State:
 *	bmn_lock held.
 */
STATIC void
bmn_txdone(bmn_t *bmn)
{
	bmn_desc_t *d;

	while (bmn->bmn_txhead != bmn->bmn_txtail) {
		d = &bmn->bmn_txd[bmn->bmn_txhead];
		if (!(d->d_status & BMN_D_DONE))
			break;
		if (d->d_status & BMN_D_ERR)
			bmn->bmn_stat[BMNSTAT_ERR]++;
		else
			bmn->bmn_stat[BMNSTAT_TX]++;
		d->d_status = 0;
		bmn->bmn_txhead = (bmn->bmn_txhead + 1) % BMN_NTXD;
	}
}

/*
 * STATIC int
 * bmn_rxintr(bmn_t *bmn)
 *	Copy every received frame out of its buffer onto the receive
 *	queue, give the buffers back to the adapter, and return how many
 *	frames were queued.
 *
 * Calling/Exit State:
 *	bmn_lock held, at interrupt level: nothing here may sleep.
 */
STATIC int
bmn_rxintr(bmn_t *bmn)
{
	bmn_desc_t *d;
	bmn_frame_t *bf;
	int queued = 0;
	uint_t i, len;

	for (;;) {
		i = bmn->bmn_rxnext;
		d = &bmn->bmn_rxd[i];
		if (!(d->d_status & BMN_D_DONE))
			break;
		len = d->d_len;
		if (d->d_status & (BMN_D_ERR | BMN_D_TRUNC)) {
			bmn->bmn_stat[BMNSTAT_ERR]++;
		} else if ((bf = kmem_alloc(BMN_FRAMESZ(len),
					    KM_NOSLEEP)) == NULL) {
			bmn->bmn_stat[BMNSTAT_NOMEM]++;
		} else {
			bcopy(bmn->bmn_rxbuf[i], BMN_FRAMEDATA(bf), len);
			bf->bf_len = len;
			bf->bf_next = NULL;
			if (bmn->bmn_rxqtail != NULL)
				bmn->bmn_rxqtail->bf_next = bf;
			else
				bmn->bmn_rxq = bf;
			bmn->bmn_rxqtail = bf;
			bmn->bmn_stat[BMNSTAT_RX]++;
			bmn->bmn_stat[BMNSTAT_QLEN]++;
			queued++;
		}
		/* give the buffer back */
		d->d_len = BMN_BUFSZ;
		d->d_status = 0;
		bmn->bmn_rxnext = (i + 1) % BMN_NRXD;
		bmn->bmn_rxtail = (bmn->bmn_rxtail + 1) % BMN_NRXD;
		outl(bmn->bmn_ioaddr + BMN_RXTAIL, bmn->bmn_rxtail);
	}
	return queued;
}
