/*
 * dlg - event-log reader for an ISA data logger (UnixWare 2, no _DDI).
 *
 *	The logger keeps its event log in on-board memory, in 512-byte
 *	blocks; read(2) at a block-aligned offset uploads blocks over the
 *	board's 16-bit DMA channel into a contiguous buffer and copies them
 *	out with uiomove.
 *
 *	BROKEN ON PURPOSE (a svr5ddi sample of a leak at unload): the
 *	unload routine gives back the DMA buffer but not the physreq it was
 *	allocated against; dlg_load allocated both.
 */

#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/ksynch.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/moddefs.h>
#include <sys/uio.h>
#include <sys/ddi.h>

#define DLG_CMD		0
#define DLG_ACK		1
#define DLG_BLK		2
#define DLG_NBLK	6
#define DLG_CTL		7
#define DLG_UPLOAD	0x01
#define DLG_DONE	0x02
#define DLG_ERROR	0x04
#define DLG_READY	0x40

#define DLG_BSIZE	512
#define DLG_BUFSZ	(16 * 1024)

#define DRVNAME	"dlg - data logger"

static int dlg_load(), dlg_unload();
MOD_DRV_WRAPPER(dlg, dlg_load, dlg_unload, NULL, DRVNAME);

int dlgdevflag = D_MP;
LKINFO_DECL(dlg_lkinfo, "dlg::dlg_lock", 0);

static int dlg_io, dlg_irq, dlg_chan;
static ulong_t dlg_nblk;
static physreq_t *dlg_preq;
static caddr_t dlg_buf;
static paddr_t dlg_pa;
static lock_t *dlg_lock;
static sv_t *dlg_sv;
static int dlg_busy, dlg_done, dlg_st;

static int
dlg_load()
{
	cm_args_t cma;
	cm_range_t rng;
	cm_num_t val;

	if (cm_getnbrd("dlg") < 1)
		return ENODEV;
	cma.cm_key = cm_getbrdkey("dlg", 0);
	cma.cm_n = 0;
	cma.cm_param = CM_IOADDR;
	cma.cm_val = &rng;
	cma.cm_vallen = sizeof(rng);
	if (cm_getval(&cma) != 0)
		return ENXIO;
	dlg_io = rng.startaddr;
	cma.cm_param = CM_IRQ;
	cma.cm_val = &val;
	cma.cm_vallen = sizeof(val);
	if (cm_getval(&cma) != 0)
		return ENXIO;
	dlg_irq = val;
	cma.cm_param = CM_DMAC;
	if (cm_getval(&cma) != 0 || val < 5)
		return ENXIO;
	dlg_chan = val;
	if (!(inb(dlg_io + DLG_CMD) & DLG_READY))
		return ENXIO;
	dlg_nblk = (ulong_t)inb(dlg_io + DLG_CTL) << 16;

	dlg_preq = physreq_alloc(KM_SLEEP);
	dlg_preq->phys_align = 2;
	dlg_preq->phys_boundary = 128 * 1024;
	dlg_preq->phys_dmasize = 24;
	if (!physreq_prep(dlg_preq, KM_SLEEP))
		return EINVAL;
	dlg_buf = kmem_alloc_physcontig(DLG_BUFSZ, dlg_preq, KM_SLEEP);
	dlg_pa = kvtophys(dlg_buf);
	dlg_lock = LOCK_ALLOC(1, pldisk, &dlg_lkinfo, KM_SLEEP);
	dlg_sv = SV_ALLOC(KM_SLEEP);
	outb(dlg_io + DLG_CTL, 1);
	cmn_err(CE_CONT, "dlg0: io 0x%x irq %d dma %d\n", dlg_io, dlg_irq,
		dlg_chan);
	return 0;
}

static int
dlg_unload()
{
	outb(dlg_io + DLG_CTL, 0);
	SV_DEALLOC(dlg_sv);
	LOCK_DEALLOC(dlg_lock);
	kmem_free_physcontig(dlg_buf, DLG_BUFSZ);
	return 0;
}

/* ARGSUSED */
int
dlgopen(devp, flag, otyp, crp)
	dev_t *devp;
	int flag, otyp;
	cred_t *crp;
{
	return getminor(*devp) == 0 ? 0 : ENXIO;
}

/* ARGSUSED */
int
dlgclose(dev, flag, otyp, crp)
	dev_t dev;
	int flag, otyp;
	cred_t *crp;
{
	return 0;
}

static int
dlg_upload(blk, nblk)
	ulong_t blk, nblk;
{
	ulong_t count = nblk * (DLG_BSIZE / 2) - 1;
	int c = dlg_chan & 3;
	pl_t pl;

	pl = LOCK(dlg_lock, pldisk);
	dlg_busy = 1;
	dlg_done = 0;
	outb(0xD4, 0x04 | c);
	outb(0xD6, 0x44 | c);
	outb(0xD8, 0);
	outb(0xC0 + 4 * c, (dlg_pa >> 1) & 0xFF);
	outb(0xC0 + 4 * c, (dlg_pa >> 9) & 0xFF);
	outb(0xC2 + 4 * c, count & 0xFF);
	outb(0xC2 + 4 * c, (count >> 8) & 0xFF);
	outb(c == 1 ? 0x8B : c == 2 ? 0x89 : 0x8A, (dlg_pa >> 16) & 0xFE);
	outb(0xD4, c);
	outb(dlg_io + DLG_BLK, blk & 0xFF);
	outb(dlg_io + DLG_BLK + 1, (blk >> 8) & 0xFF);
	outb(dlg_io + DLG_BLK + 2, (blk >> 16) & 0xFF);
	outb(dlg_io + DLG_BLK + 3, (blk >> 24) & 0xFF);
	outb(dlg_io + DLG_NBLK, nblk);
	outb(dlg_io + DLG_CMD, DLG_UPLOAD);
	while (!dlg_done) {
		SV_WAIT(dlg_sv, pridisk, dlg_lock);
		pl = LOCK(dlg_lock, pldisk);
	}
	dlg_busy = 0;
	UNLOCK(dlg_lock, pl);
	return (dlg_st & DLG_ERROR) ? EIO : 0;
}

/* ARGSUSED */
int
dlgread(dev, uiop, crp)
	dev_t dev;
	uio_t *uiop;
	cred_t *crp;
{
	ulong_t blk, nblk;
	int error;

	if (uiop->uio_offset % DLG_BSIZE || uiop->uio_resid % DLG_BSIZE)
		return EINVAL;
	while (uiop->uio_resid > 0) {
		blk = uiop->uio_offset / DLG_BSIZE;
		if (blk >= dlg_nblk)
			break;
		nblk = uiop->uio_resid / DLG_BSIZE;
		if (nblk > DLG_BUFSZ / DLG_BSIZE)
			nblk = DLG_BUFSZ / DLG_BSIZE;
		if (blk + nblk > dlg_nblk)
			nblk = dlg_nblk - blk;
		if ((error = dlg_upload(blk, nblk)) != 0)
			return error;
		if ((error = uiomove(dlg_buf, nblk * DLG_BSIZE, UIO_READ,
				     uiop)) != 0)
			return error;
	}
	return 0;
}

void
dlgintr(ivec)
	int ivec;
{
	uchar_t st;
	pl_t pl;

	if (ivec != dlg_irq)
		return;
	pl = LOCK(dlg_lock, pldisk);
	st = inb(dlg_io + DLG_CMD);
	if ((st & DLG_DONE) && dlg_busy) {
		outb(dlg_io + DLG_ACK, DLG_DONE | DLG_ERROR);
		dlg_st = st;
		dlg_done = 1;
		SV_SIGNAL(dlg_sv, 0);
	}
	UNLOCK(dlg_lock, pl);
}
