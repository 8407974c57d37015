/*
 * ead - raw reader for an EISA/ISA disk controller on an 8237 channel
 * (DDI 7).
 *
 *	read(2) at a sector-aligned offset moves whole sectors from the
 *	disk into a DMA buffer over the board's 8-bit channel and copies
 *	them out with uiomove.  The driver came from an EISA machine, whose
 *	DMA controller has high page registers and reaches 4 GiB, so it
 *	programs the high page and describes its buffer with a physreq
 *	built by hand.
 *
 *	BROKEN ON PURPOSE (a svr5ddi sample of a DMA buffer the device
 *	cannot reach): the physreq says 32 address bits.  On an ISA
 *	machine the channel drives 24; the buffer must come from
 *	dma_physreq(), which knows the bus.  With this physreq the buffer
 *	lies above 16 MiB and the transfer never reaches it.
 */

#define _DDI	7

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
#include <sys/dma.h>
#include <sys/ddi.h>

#define EAD_CMD		0	/* controller registers */
#define EAD_ACK		1
#define EAD_LBA		2
#define EAD_COUNT	6
#define EAD_CTL		7
#define EAD_C_READ	0x01
#define EAD_S_DONE	0x02
#define EAD_S_ERROR	0x04
#define EAD_S_READY	0x40

#define EAD_SECSIZE	512
#define EAD_BUFSZ	(8 * EAD_SECSIZE)

/* 8237 channels 0-3, their page and EISA high page registers */
#define DMA1_SMASK	0x0A
#define DMA1_MODE	0x0B
#define DMA1_CLRFF	0x0C
static const int ead_dmaaddr[4] = { 0x00, 0x02, 0x04, 0x06 };
static const int ead_dmacnt[4] = { 0x01, 0x03, 0x05, 0x07 };
static const int ead_dmapage[4] = { 0x87, 0x83, 0x81, 0x82 };
#define DMA_HIPAGE(page)	((page) + 0x400)

#define DRVNAME	"ead - EISA/ISA raw disk reader"

static int ead_load(void), ead_unload(void);
MOD_DRV_WRAPPER(ead, ead_load, ead_unload, NULL, DRVNAME);

int eaddevflag = D_MP;

static LKINFO_DECL(ead_lkinfo, "ead::ead_lock", 0);

static int ead_ioaddr, ead_irq, ead_chan = -1;
static ulong_t ead_nsect;
static physreq_t *ead_preq;
static caddr_t ead_buf;
static paddr_t ead_bufpa;
static lock_t *ead_lock;
static sv_t *ead_sv;
static int ead_busy, ead_done, ead_status;

void eadintr(int);

static int
ead_load(void)
{
	cm_args_t ca;
	cm_range_t range;
	cm_num_t num;
	rm_key_t key;

	if (cm_getnbrd("ead") < 1)
		return ENODEV;
	key = cm_getbrdkey("ead", 0);
	ca.cm_key = key;
	ca.cm_n = 0;
	ca.cm_param = CM_IOADDR;
	ca.cm_val = &range;
	ca.cm_vallen = sizeof(range);
	if (cm_getval(&ca) != 0)
		return ENXIO;
	ead_ioaddr = (int)range.startaddr;
	ca.cm_param = CM_IRQ;
	ca.cm_val = &num;
	ca.cm_vallen = sizeof(num);
	if (cm_getval(&ca) != 0)
		return ENXIO;
	ead_irq = (int)num;
	ca.cm_param = CM_DMAC;
	if (cm_getval(&ca) != 0 || num < 0 || num > 3)
		return ENXIO;
	ead_chan = (int)num;
	if (!(inb(ead_ioaddr + EAD_CMD) & EAD_S_READY))
		return ENXIO;
	ead_nsect = (ulong_t)inb(ead_ioaddr + EAD_CTL) << 16;

	/* the DMA buffer: contiguous, inside one 64 KiB page */
	ead_preq = physreq_alloc(KM_SLEEP);
	ead_preq->phys_align = 1;
	ead_preq->phys_boundary = 64 * 1024;
	ead_preq->phys_dmasize = 32;
	ead_preq->phys_flags |= PREQ_PHYSCONTIG;
	if (!physreq_prep(ead_preq, KM_SLEEP)) {
		physreq_free(ead_preq);
		return EINVAL;
	}
	ead_buf = kmem_alloc_physreq(EAD_BUFSZ, ead_preq, KM_SLEEP);
	ead_bufpa = vtop(ead_buf, NULL);
	ead_lock = LOCK_ALLOC(1, pldisk, &ead_lkinfo, KM_SLEEP);
	ead_sv = SV_ALLOC(KM_SLEEP);
	outb(ead_ioaddr + EAD_CTL, 1);
	cmn_err(CE_CONT, "ead0: io 0x%x irq %d dma %d, %lu sectors\n",
		ead_ioaddr, ead_irq, ead_chan, ead_nsect);
	return 0;
}

static int
ead_unload(void)
{
	outb(ead_ioaddr + EAD_CTL, 0);
	SV_DEALLOC(ead_sv);
	LOCK_DEALLOC(ead_lock);
	kmem_free(ead_buf, EAD_BUFSZ);
	physreq_free(ead_preq);
	return 0;
}

/* ARGSUSED */
int
eadopen(dev_t *devp, int flag, int otyp, cred_t *crp)
{
	return getminor(*devp) == 0 && ead_chan >= 0 ? 0 : ENXIO;
}

/* ARGSUSED */
int
eadclose(dev_t dev, int flag, int otyp, cred_t *crp)
{
	return 0;
}

/*
 * Read nsect sectors at lba into the DMA buffer.
 */
static int
ead_rdsect(ulong_t lba, int nsect)
{
	int chan = ead_chan;
	ulong_t count = (ulong_t)nsect * EAD_SECSIZE - 1;
	pl_t pl;

	pl = LOCK(ead_lock, pldisk);
	ead_busy = 1;
	ead_done = 0;
	outb(DMA1_SMASK, 0x04 | chan);
	outb(DMA1_MODE, 0x44 | chan);		/* single, to memory */
	outb(DMA1_CLRFF, 0);
	outb(ead_dmaaddr[chan], ead_bufpa & 0xFF);
	outb(ead_dmaaddr[chan], (ead_bufpa >> 8) & 0xFF);
	outb(ead_dmacnt[chan], count & 0xFF);
	outb(ead_dmacnt[chan], (count >> 8) & 0xFF);
	outb(ead_dmapage[chan], (ead_bufpa >> 16) & 0xFF);
	outb(DMA_HIPAGE(ead_dmapage[chan]), (ead_bufpa >> 24) & 0xFF);
	outb(DMA1_SMASK, chan);

	outb(ead_ioaddr + EAD_LBA, lba & 0xFF);
	outb(ead_ioaddr + EAD_LBA + 1, (lba >> 8) & 0xFF);
	outb(ead_ioaddr + EAD_LBA + 2, (lba >> 16) & 0xFF);
	outb(ead_ioaddr + EAD_LBA + 3, (lba >> 24) & 0xFF);
	outb(ead_ioaddr + EAD_COUNT, nsect);
	outb(ead_ioaddr + EAD_CMD, EAD_C_READ);
	while (!ead_done) {
		SV_WAIT(ead_sv, pridisk, ead_lock);
		pl = LOCK(ead_lock, pldisk);
	}
	ead_busy = 0;
	UNLOCK(ead_lock, pl);
	if (ead_status & EAD_S_ERROR) {
		cmn_err(CE_WARN, "ead0: read error at sector %lu", lba);
		return EIO;
	}
	return 0;
}

/* ARGSUSED */
int
eadread(dev_t dev, uio_t *uiop, cred_t *crp)
{
	ulong_t lba;
	int nsect, error;

	if (uiop->uio_offset % EAD_SECSIZE != 0 ||
	    uiop->uio_resid % EAD_SECSIZE != 0)
		return EINVAL;
	while (uiop->uio_resid > 0) {
		lba = uiop->uio_offset / EAD_SECSIZE;
		if (lba >= ead_nsect)
			break;
		nsect = uiop->uio_resid / EAD_SECSIZE;
		if (nsect > EAD_BUFSZ / EAD_SECSIZE)
			nsect = EAD_BUFSZ / EAD_SECSIZE;
		if (lba + nsect > ead_nsect)
			nsect = ead_nsect - lba;
		if ((error = ead_rdsect(lba, nsect)) != 0)
			return error;
		error = uiomove(ead_buf, nsect * EAD_SECSIZE, UIO_READ, uiop);
		if (error != 0)
			return error;
	}
	return 0;
}

void
eadintr(int ivec)
{
	uchar_t st;
	pl_t pl;

	if (ivec != ead_irq)
		return;
	pl = LOCK(ead_lock, pldisk);
	st = inb(ead_ioaddr + EAD_CMD);
	if (!(st & EAD_S_DONE) || !ead_busy) {
		UNLOCK(ead_lock, pl);
		return;
	}
	outb(ead_ioaddr + EAD_ACK, EAD_S_DONE | EAD_S_ERROR);
	outb(DMA1_SMASK, 0x04 | ead_chan);
	ead_status = st;
	ead_done = 1;
	SV_SIGNAL(ead_sv, 0);
	UNLOCK(ead_lock, pl);
}
