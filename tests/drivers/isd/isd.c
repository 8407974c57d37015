/*
 * isd - ISA disk controller behind an 8237 DMA channel (DDI 7).
 *
 *	A sample legacy driver for svr5ddi's porting-test harness, written
 *	the way UnixWare 7 ISA block drivers were: prefix entry points
 *	(isdinit, isdstart, isdopen, isdclose, isdread, isdwrite,
 *	isdstrategy, isdsize, isdintr, isdhalt), configuration read from
 *	the resource manager with cm_getnbrd/cm_getbrdkey/cm_getval, a
 *	loadable-module wrapper, and the interrupt routine attached by the
 *	system from the System file ($entry intr).
 *
 *	DMA: the motherboard 8237 reaches only the first 16 MiB, and an
 *	8-bit channel never crosses a 64 KiB boundary (128 KiB on 16-bit
 *	channels).  Each controller owns a bounce buffer that meets those
 *	limits (dma_physreq, then kmem_alloc_physreq), and every transfer
 *	goes through it.  buf_breakup cuts requests into pieces no larger
 *	than the bounce buffer, in whole sectors; isdstrat queues the pieces
 *	and the interrupt routine completes them with biodone.
 *
 *	Locking: isd_lock (a basic lock at pldisk) protects the queues, the
 *	flags and the controller registers.  biodone is always called
 *	without it: completing a piece may start the next one through
 *	isdstrat.
 */

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
#include <sys/dma.h>
#include "isd.h"
#include <sys/ddi.h>

#define DRVNAME	"isd - ISA disk driver"

STATIC int isd_load(void);
STATIC int isd_unload(void);
void isdhalt(void);

MOD_DRV_WRAPPER(isd, isd_load, isd_unload, isdhalt, DRVNAME);

int isddevflag = D_MP | D_NOBRKUP | D_BLKOFF;

#define ISD_HIER	1

STATIC LKINFO_DECL(isd_lkinfo, "isd::isd_lock", 0);

STATIC struct isd_ctl isd_ctl[ISD_MAXCTL];
STATIC int isd_nctl;			/* boards found by isdstart */
STATIC lock_t *isd_lock;
STATIC int isd_inited;			/* isdinit has run */
STATIC int isd_started;			/* isdstart has run */

/* 8237 ports of each channel */
STATIC const int isd_dmaaddr[8] = {
	0x00, 0x02, 0x04, 0x06, 0xC0, 0xC4, 0xC8, 0xCC
};
STATIC const int isd_dmacnt[8] = {
	0x01, 0x03, 0x05, 0x07, 0xC2, 0xC6, 0xCA, 0xCE
};
STATIC const int isd_dmapage[8] = {
	0x87, 0x83, 0x81, 0x82, 0x8F, 0x8B, 0x89, 0x8A
};

void isdinit(void);
void isdstart(void);
int isdopen(dev_t *, int, int, cred_t *);
int isdclose(dev_t, int, int, cred_t *);
int isdread(dev_t, uio_t *, cred_t *);
int isdwrite(dev_t, uio_t *, cred_t *);
void isdstrategy(buf_t *);
int isdsize(dev_t);
void isdintr(int);

STATIC int isd_getconf(rm_key_t, struct isd_ctl *);
STATIC int isd_setup(struct isd_ctl *, int);
STATIC void isd_release(struct isd_ctl *);
STATIC void isdstrat(buf_t *);
STATIC void isd_next(struct isd_ctl *);
STATIC void isd_dmaprog(struct isd_ctl *, int, paddr_t, size_t);
STATIC void isd_dmastop(struct isd_ctl *);

/*
 * STATIC int
 * isd_load(void)
 *	Dynamic load: what isdinit and isdstart do for a static kernel.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC int
isd_load(void)
{
	isdinit();
	if (isd_lock == NULL)
		return ENOMEM;
	isdstart();
	if (isd_nctl == 0) {
		LOCK_DEALLOC(isd_lock);
		isd_lock = NULL;
		isd_inited = isd_started = 0;
		return ENODEV;
	}
	return 0;
}

/*
 * STATIC int
 * isd_unload(void)
 *	Stop the controllers and give back everything isdstart took.
 *
 * Calling/Exit State:
 *	No locks held.  Fails with EBUSY while a device is open.
 */
STATIC int
isd_unload(void)
{
	int i;

	for (i = 0; i < isd_nctl; i++)
		if (isd_ctl[i].ic_opens != 0)
			return EBUSY;

	for (i = 0; i < isd_nctl; i++) {
		if (isd_ctl[i].ic_flags & ISD_PRESENT) {
			outb(isd_ctl[i].ic_ioaddr + ISD_REG_CTL, 0);
			isd_dmastop(&isd_ctl[i]);
		}
		isd_release(&isd_ctl[i]);
	}
	isd_nctl = 0;
	if (isd_lock != NULL) {
		LOCK_DEALLOC(isd_lock);
		isd_lock = NULL;
	}
	isd_inited = isd_started = 0;
	return 0;
}

/*
 * void
 * isdinit(void)
 *	Allocate the driver lock.  Interrupts are not enabled yet.
 *
 * Calling/Exit State:
 *	No locks held.
 */
void
isdinit(void)
{
	if (isd_inited)
		return;
	isd_lock = LOCK_ALLOC(ISD_HIER, pldisk, &isd_lkinfo, KM_NOSLEEP);
	if (isd_lock == NULL) {
		cmn_err(CE_WARN, "isd: cannot allocate the driver lock");
		return;
	}
	isd_inited = 1;
}

/*
 * void
 * isdstart(void)
 *	Find the boards in the resource manager, check that a controller
 *	answers at each, and set each one up.
 *
 * Calling/Exit State:
 *	No locks held.
 */
void
isdstart(void)
{
	struct isd_ctl *ic;
	rm_key_t key;
	int nbrd, i;

	if (!isd_inited || isd_started)
		return;
	isd_started = 1;

	nbrd = cm_getnbrd("isd");
	if (nbrd > ISD_MAXCTL) {
		cmn_err(CE_WARN, "isd: %d boards configured, using %d",
			nbrd, ISD_MAXCTL);
		nbrd = ISD_MAXCTL;
	}
	for (i = 0; i < nbrd; i++) {
		ic = &isd_ctl[i];
		bzero(ic, sizeof(*ic));
		key = cm_getbrdkey("isd", i);
		if (key == RM_NULL_KEY || isd_getconf(key, ic) != 0)
			continue;
		if (isd_setup(ic, i) != 0) {
			isd_release(ic);
			continue;
		}
		ic->ic_flags |= ISD_PRESENT;
		cmn_err(CE_CONT,
			"isd%d: io 0x%x irq %d dma %d, %lu sectors\n",
			i, ic->ic_ioaddr, ic->ic_irq, ic->ic_chan,
			ic->ic_nsect);
	}
	isd_nctl = nbrd;
	for (i = 0; i < isd_nctl; i++)
		if (isd_ctl[i].ic_flags & ISD_PRESENT)
			return;
	isd_nctl = 0;
}

/*
 * STATIC int
 * isd_getconf(rm_key_t key, struct isd_ctl *ic)
 *	Read the board's I/O range, interrupt and DMA channel.
 *
 * Calling/Exit State:
 *	No locks held.  Returns 0 or an errno.
 */
STATIC int
isd_getconf(rm_key_t key, struct isd_ctl *ic)
{
	cm_args_t ca;
	cm_range_t range;
	cm_num_t num;

	ic->ic_key = key;
	ca.cm_key = key;
	ca.cm_n = 0;

	ca.cm_param = CM_IOADDR;
	ca.cm_val = &range;
	ca.cm_vallen = sizeof(range);
	if (cm_getval(&ca) != 0 ||
	    range.endaddr - range.startaddr + 1 < ISD_NPORTS) {
		cmn_err(CE_WARN, "isd: board key %u: no I/O address range",
			key);
		return ENXIO;
	}
	ic->ic_ioaddr = (int)range.startaddr;

	ca.cm_param = CM_IRQ;
	ca.cm_val = &num;
	ca.cm_vallen = sizeof(num);
	if (cm_getval(&ca) != 0) {
		cmn_err(CE_WARN, "isd: board key %u: no interrupt", key);
		return ENXIO;
	}
	ic->ic_irq = (int)num;

	ca.cm_param = CM_DMAC;
	ca.cm_val = &num;
	ca.cm_vallen = sizeof(num);
	if (cm_getval(&ca) != 0 || num < 0 || num > 7 || num == 4) {
		cmn_err(CE_WARN, "isd: board key %u: no usable DMA channel",
			key);
		return ENXIO;
	}
	ic->ic_chan = (int)num;
	return 0;
}

/*
 * STATIC int
 * isd_setup(struct isd_ctl *ic, int unit)
 *	Probe and reset the controller, then allocate what transfers need:
 *	the channel's physreq, the bounce buffer, and the breakup control
 *	block.
 *
 * Calling/Exit State:
 *	No locks held.  Returns 0 or an errno; on failure the caller
 *	releases what was allocated.
 */
STATIC int
isd_setup(struct isd_ctl *ic, int unit)
{
	uchar_t st;
	int i;

	st = inb(ic->ic_ioaddr + ISD_REG_CMD);
	if (st == 0xFF || !(st & ISD_S_READY)) {
		cmn_err(CE_NOTE, "isd%d: no controller at 0x%x", unit,
			ic->ic_ioaddr);
		return ENXIO;
	}
	outb(ic->ic_ioaddr + ISD_REG_CMD, ISD_C_RESET);
	for (i = 0; i < ISD_WAITLOOP; i++) {
		if (!(inb(ic->ic_ioaddr + ISD_REG_CMD) & ISD_S_BUSY))
			break;
		drv_usecwait(10);
	}
	ic->ic_nsect = (ulong_t)inb(ic->ic_ioaddr + ISD_REG_CTL) << 16;
	if (ic->ic_nsect == 0) {
		cmn_err(CE_NOTE, "isd%d: no disk", unit);
		return ENXIO;
	}

	/* what the 8237 channel reaches: below 16 MiB, no boundary */
	ic->ic_preq = physreq_alloc(KM_NOSLEEP);
	if (ic->ic_preq == NULL)
		return ENOMEM;
	dma_physreq(ic->ic_chan, ic->ic_chan < 4 ? DMA_PATH_8 : DMA_PATH_16,
		    ic->ic_preq);
	if (!physreq_prep(ic->ic_preq, KM_NOSLEEP))
		return ENOMEM;

	ic->ic_bounce = kmem_alloc_physreq(ISD_MAXXFER, ic->ic_preq,
					   KM_NOSLEEP);
	if (ic->ic_bounce == NULL) {
		cmn_err(CE_WARN, "isd%d: no memory for the DMA buffer", unit);
		return ENOMEM;
	}
	ic->ic_bouncepa = vtop(ic->ic_bounce, NULL);

	/*
	 * Pieces from buf_breakup: kernel virtual, whole sectors, at most
	 * one bounce buffer.  Any memory will do, as every transfer is
	 * copied through the bounce buffer.
	 */
	ic->ic_bpreq = physreq_alloc(KM_NOSLEEP);
	if (ic->ic_bpreq == NULL || !physreq_prep(ic->ic_bpreq, KM_NOSLEEP))
		return ENOMEM;
	ic->ic_bcb = bcb_alloc(KM_NOSLEEP);
	if (ic->ic_bcb == NULL)
		return ENOMEM;
	ic->ic_bcb->bcb_addrtypes = BA_KVIRT;
	ic->ic_bcb->bcb_flags = 0;
	ic->ic_bcb->bcb_max_xfer = ISD_MAXXFER;
	ic->ic_bcb->bcb_granularity = ISD_SECSIZE;
	ic->ic_bcb->bcb_physreqp = ic->ic_bpreq;

	outb(ic->ic_ioaddr + ISD_REG_CTL, ISD_CTL_INTR);
	return 0;
}

/*
 * STATIC void
 * isd_release(struct isd_ctl *ic)
 *	Free whatever isd_setup allocated.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC void
isd_release(struct isd_ctl *ic)
{
	if (ic->ic_bcb != NULL) {
		bcb_free(ic->ic_bcb);
		ic->ic_bcb = NULL;
	}
	if (ic->ic_bpreq != NULL) {
		physreq_free(ic->ic_bpreq);
		ic->ic_bpreq = NULL;
	}
	if (ic->ic_bounce != NULL) {
		kmem_free(ic->ic_bounce, ISD_MAXXFER);
		ic->ic_bounce = NULL;
	}
	if (ic->ic_preq != NULL) {
		physreq_free(ic->ic_preq);
		ic->ic_preq = NULL;
	}
	ic->ic_flags = 0;
}

/*
 * int
 * isdopen(dev_t *devp, int flag, int otyp, cred_t *crp)
 *
 * Calling/Exit State:
 *	No locks held.
 */
/* ARGSUSED */
int
isdopen(dev_t *devp, int flag, int otyp, cred_t *crp)
{
	minor_t unit = getminor(*devp);
	pl_t pl;

	if (unit >= (minor_t)isd_nctl ||
	    !(isd_ctl[unit].ic_flags & ISD_PRESENT))
		return ENXIO;
	pl = LOCK(isd_lock, pldisk);
	isd_ctl[unit].ic_opens++;
	UNLOCK(isd_lock, pl);
	return 0;
}

/*
 * int
 * isdclose(dev_t dev, int flag, int otyp, cred_t *crp)
 *
 * Calling/Exit State:
 *	No locks held.
 */
/* ARGSUSED */
int
isdclose(dev_t dev, int flag, int otyp, cred_t *crp)
{
	minor_t unit = getminor(dev);
	pl_t pl;

	if (unit >= (minor_t)isd_nctl)
		return ENXIO;
	pl = LOCK(isd_lock, pldisk);
	if (isd_ctl[unit].ic_opens > 0)
		isd_ctl[unit].ic_opens--;
	UNLOCK(isd_lock, pl);
	return 0;
}

/*
 * int
 * isdread(dev_t dev, uio_t *uiop, cred_t *crp)
 * int
 * isdwrite(dev_t dev, uio_t *uiop, cred_t *crp)
 *	Raw I/O: physiock builds the buf and calls isdstrategy.
 *
 * Calling/Exit State:
 *	No locks held.
 */
/* ARGSUSED */
int
isdread(dev_t dev, uio_t *uiop, cred_t *crp)
{
	minor_t unit = getminor(dev);

	if (unit >= (minor_t)isd_nctl)
		return ENXIO;
	return physiock(isdstrategy, NULL, dev, B_READ,
			(daddr_t)isd_ctl[unit].ic_nsect, uiop);
}

/* ARGSUSED */
int
isdwrite(dev_t dev, uio_t *uiop, cred_t *crp)
{
	minor_t unit = getminor(dev);

	if (unit >= (minor_t)isd_nctl)
		return ENXIO;
	return physiock(isdstrategy, NULL, dev, B_WRITE,
			(daddr_t)isd_ctl[unit].ic_nsect, uiop);
}

/*
 * int
 * isdsize(dev_t dev)
 *	Size of the disk in 512-byte blocks, or -1.
 *
 * Calling/Exit State:
 *	No locks held.
 */
int
isdsize(dev_t dev)
{
	minor_t unit = getminor(dev);

	if (unit >= (minor_t)isd_nctl ||
	    !(isd_ctl[unit].ic_flags & ISD_PRESENT))
		return -1;
	return (int)isd_ctl[unit].ic_nsect;
}

/*
 * void
 * isdstrategy(buf_t *bp)
 *	Check the request against the disk, then let buf_breakup cut it
 *	into pieces isdstrat can transfer.
 *
 * Calling/Exit State:
 *	No locks held.
 */
void
isdstrategy(buf_t *bp)
{
	struct isd_ctl *ic;
	minor_t unit = getminor(bp->b_edev);
	daddr_t nblk;

	if (unit >= (minor_t)isd_nctl ||
	    !((ic = &isd_ctl[unit])->ic_flags & ISD_PRESENT)) {
		bioerror(bp, ENXIO);
		biodone(bp);
		return;
	}
	if (bp->b_bcount % ISD_SECSIZE != 0) {
		bioerror(bp, EINVAL);
		biodone(bp);
		return;
	}
	nblk = bp->b_bcount >> ISD_SECSHFT;
	if (bp->b_blkno < 0 || bp->b_blkno > (daddr_t)ic->ic_nsect) {
		bioerror(bp, ENXIO);
		biodone(bp);
		return;
	}
	if (bp->b_blkno == (daddr_t)ic->ic_nsect || nblk == 0) {
		/* end of the medium: nothing moved */
		bp->b_resid = bp->b_bcount;
		biodone(bp);
		return;
	}
	if (bp->b_blkno + nblk > (daddr_t)ic->ic_nsect) {
		bioerror(bp, ENXIO);
		biodone(bp);
		return;
	}
	buf_breakup(isdstrat, bp, ic->ic_bcb);
}

/*
 * STATIC void
 * isdstrat(buf_t *bp)
 *	Queue one piece; start the controller if it is idle.
 *
 * Calling/Exit State:
 *	No locks held.
 */
STATIC void
isdstrat(buf_t *bp)
{
	struct isd_ctl *ic = &isd_ctl[getminor(bp->b_edev)];
	pl_t pl;

	bp->av_forw = NULL;
	pl = LOCK(isd_lock, pldisk);
	if (ic->ic_actf == NULL)
		ic->ic_actf = bp;
	else
		ic->ic_actl->av_forw = bp;
	ic->ic_actl = bp;
	if (!(ic->ic_flags & ISD_BUSY))
		isd_next(ic);
	UNLOCK(isd_lock, pl);
}

/*
 * STATIC void
 * isd_next(struct isd_ctl *ic)
 *	Start the first queued piece, if any.
 *
 * Calling/Exit State:
 *	isd_lock held.
 */
STATIC void
isd_next(struct isd_ctl *ic)
{
	buf_t *bp;
	ulong_t lba;
	int nsect, port;

	if ((bp = ic->ic_actf) == NULL) {
		ic->ic_flags &= ~ISD_BUSY;
		return;
	}
	ic->ic_actf = bp->av_forw;
	ic->ic_cur = bp;
	ic->ic_flags |= ISD_BUSY;

	nsect = bp->b_bcount >> ISD_SECSHFT;
	lba = (ulong_t)bp->b_blkno;
	port = ic->ic_ioaddr;

	if (bp->b_flags & B_READ) {
		isd_dmaprog(ic, DMA_M_WRITE, ic->ic_bouncepa, bp->b_bcount);
	} else {
		bcopy(bp->b_un.b_addr, ic->ic_bounce, bp->b_bcount);
		isd_dmaprog(ic, DMA_M_READ, ic->ic_bouncepa, bp->b_bcount);
	}
	outb(port + ISD_REG_LBA, lba & 0xFF);
	outb(port + ISD_REG_LBA + 1, (lba >> 8) & 0xFF);
	outb(port + ISD_REG_LBA + 2, (lba >> 16) & 0xFF);
	outb(port + ISD_REG_LBA + 3, (lba >> 24) & 0xFF);
	outb(port + ISD_REG_COUNT, nsect & 0xFF);
	outb(port + ISD_REG_CMD,
	     (bp->b_flags & B_READ) ? ISD_C_READ : ISD_C_WRITE);
}

/*
 * STATIC void
 * isd_dmaprog(struct isd_ctl *ic, int mode, paddr_t pa, size_t len)
 *	Program the controller's 8237 channel for one transfer of len
 *	bytes at physical address pa, then unmask it.
 *
 * Calling/Exit State:
 *	isd_lock held.
 */
STATIC void
isd_dmaprog(struct isd_ctl *ic, int mode, paddr_t pa, size_t len)
{
	int chan = ic->ic_chan;
	ulong_t addr, count;

	if (chan < 4) {
		addr = pa & 0xFFFF;
		count = len - 1;
		outb(DMA1_SMASK, DMA_SETMASK | chan);
		outb(DMA1_MODE, DMA_M_SINGLE | mode | chan);
		outb(DMA1_CLRFF, 0);
		outb(isd_dmaaddr[chan], addr & 0xFF);
		outb(isd_dmaaddr[chan], (addr >> 8) & 0xFF);
		outb(isd_dmacnt[chan], count & 0xFF);
		outb(isd_dmacnt[chan], (count >> 8) & 0xFF);
		outb(isd_dmapage[chan], (pa >> 16) & 0xFF);
		outb(DMA1_SMASK, chan);
	} else {
		/* 16-bit channels count words */
		addr = (pa >> 1) & 0xFFFF;
		count = (len >> 1) - 1;
		outb(DMA2_SMASK, DMA_SETMASK | (chan & 3));
		outb(DMA2_MODE, DMA_M_SINGLE | mode | (chan & 3));
		outb(DMA2_CLRFF, 0);
		outb(isd_dmaaddr[chan], addr & 0xFF);
		outb(isd_dmaaddr[chan], (addr >> 8) & 0xFF);
		outb(isd_dmacnt[chan], count & 0xFF);
		outb(isd_dmacnt[chan], (count >> 8) & 0xFF);
		outb(isd_dmapage[chan], (pa >> 16) & 0xFE);
		outb(DMA2_SMASK, chan & 3);
	}
}

/*
 * STATIC void
 * isd_dmastop(struct isd_ctl *ic)
 *	Mask the controller's channel.
 *
 * Calling/Exit State:
 *	None.
 */
STATIC void
isd_dmastop(struct isd_ctl *ic)
{
	if (ic->ic_chan < 4)
		outb(DMA1_SMASK, DMA_SETMASK | ic->ic_chan);
	else
		outb(DMA2_SMASK, DMA_SETMASK | (ic->ic_chan & 3));
}

/*
 * void
 * isdintr(int ivec)
 *	A controller on interrupt line ivec finished a command: complete
 *	its piece and start the next.
 *
 * Calling/Exit State:
 *	Called at interrupt level; no locks held on entry or exit.
 */
void
isdintr(int ivec)
{
	struct isd_ctl *ic;
	buf_t *bp;
	uchar_t st, err;
	pl_t pl;
	int i;

	for (i = 0; i < isd_nctl; i++) {
		ic = &isd_ctl[i];
		if (!(ic->ic_flags & ISD_PRESENT) || ic->ic_irq != ivec)
			continue;
		pl = LOCK(isd_lock, pldisk);
		st = inb(ic->ic_ioaddr + ISD_REG_CMD);
		if (!(st & ISD_S_DONE)) {
			UNLOCK(isd_lock, pl);
			continue;
		}
		err = inb(ic->ic_ioaddr + ISD_REG_ACK);
		outb(ic->ic_ioaddr + ISD_REG_ACK, ISD_S_DONE | ISD_S_ERROR);
		isd_dmastop(ic);
		if ((bp = ic->ic_cur) == NULL) {
			UNLOCK(isd_lock, pl);
			cmn_err(CE_NOTE, "isd%d: unexpected interrupt", i);
			continue;
		}
		ic->ic_cur = NULL;
		if (st & ISD_S_ERROR) {
			ic->ic_nerr++;
			bioerror(bp, EIO);
			bp->b_resid = bp->b_bcount;
			cmn_err(CE_WARN, "isd%d: %s error %d at block %ld", i,
				(bp->b_flags & B_READ) ? "read" : "write",
				err, (long)bp->b_blkno);
		} else {
			if (bp->b_flags & B_READ)
				bcopy(ic->ic_bounce, bp->b_un.b_addr,
				      bp->b_bcount);
			bp->b_resid = 0;
			ic->ic_nxfer++;
		}
		isd_next(ic);
		UNLOCK(isd_lock, pl);
		biodone(bp);
	}
}

/*
 * void
 * isdhalt(void)
 *	Shutdown: quiesce the controllers.
 *
 * Calling/Exit State:
 *	No locks held.
 */
void
isdhalt(void)
{
	int i;

	for (i = 0; i < isd_nctl; i++) {
		if (!(isd_ctl[i].ic_flags & ISD_PRESENT))
			continue;
		outb(isd_ctl[i].ic_ioaddr + ISD_REG_CTL, 0);
		isd_dmastop(&isd_ctl[i]);
	}
}
