/* SPDX-License-Identifier: MIT */
/*
 * tdrv.c - the old-style test driver of ddiport's self-test
 * (tests/harness/ddiport-selftest.sh), not a sample: each ioctl does one
 * thing right or one thing wrong on purpose, so the harness's reports of
 * it can be asserted.  Prefix "tdrv" (Master file), DDI 7, loadable
 * (MOD_DRV_WRAPPER), one board with an interrupt.
 *
 *	ioctl TDRV_COUNT	*rvalp = interrupts seen
 *	ioctl TDRV_LEAK		allocate 100 bytes and forget them
 *	ioctl TDRV_BADFREE	free 64 bytes as 100 (a size mismatch)
 *	ioctl TDRV_CRASH	store through NULL
 *	ioctl TDRV_SLEEPY	the next interrupt allocates with KM_SLEEP
 *	ioctl TDRV_ALLOC	allocate arg bytes KM_NOSLEEP and keep them
 *				(freed at unload); ENOMEM if it fails
 *	ioctl TDRV_IO		inb of the board's first port
 * Built with -DTDRV_MISSING it also calls a function svr5ddi lacks.
 */
#define _DDI 7
#include <sys/types.h>
#include <sys/param.h>
#include <sys/errno.h>
#include <sys/cmn_err.h>
#include <sys/kmem.h>
#include <sys/uio.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/moddefs.h>
#include <sys/ddi.h>

#define TDRV_COUNT	1
#define TDRV_LEAK	2
#define TDRV_BADFREE	3
#define TDRV_CRASH	4
#define TDRV_SLEEPY	5
#define TDRV_ALLOC	6
#define TDRV_IO		7
#define TDRV_MISS	8

#define TDRV_BUFSZ	256

int tdrvdevflag = D_MP;

struct tdrv_state {
	char		buf[TDRV_BUFSZ];	/* what read returns */
	int		nintr;
	int		sleepy;
	int		irq;
	int		ioaddr;
	void		*keep;			/* TDRV_ALLOC */
	size_t		keepsz;
};

static struct tdrv_state *tdrv_st;

void tdrvinit(void);
void tdrvstart(void);
int tdrvopen(dev_t *, int, int, cred_t *);
int tdrvclose(dev_t, int, int, cred_t *);
int tdrvread(dev_t, uio_t *, cred_t *);
int tdrvwrite(dev_t, uio_t *, cred_t *);
int tdrvioctl(dev_t, int, void *, int, cred_t *, int *);
void tdrvintr(int);

#ifdef TDRV_MISSING
void tdrv_not_in_svr5ddi(void);
#endif

static int
tdrv_load(void)
{
	tdrvinit();
	if (tdrv_st == NULL)
		return ENOMEM;
	tdrvstart();
	return 0;
}

static int
tdrv_unload(void)
{
	if (tdrv_st == NULL)
		return 0;
	if (tdrv_st->keep != NULL)
		kmem_free(tdrv_st->keep, tdrv_st->keepsz);
	kmem_free(tdrv_st, sizeof(*tdrv_st));
	tdrv_st = NULL;
	return 0;
}

MOD_DRV_WRAPPER(tdrv, tdrv_load, tdrv_unload, NULL, "tdrv - ddiport test driver");

void
tdrvinit(void)
{
	int i;

	tdrv_st = kmem_zalloc(sizeof(*tdrv_st), KM_NOSLEEP);
	if (tdrv_st == NULL)
		return;
	for (i = 0; i < TDRV_BUFSZ; i++)
		tdrv_st->buf[i] = (char)(i % 251);
}

void
tdrvstart(void)
{
	cm_args_t ca;
	cm_num_t irq;
	cm_range_t io;
	rm_key_t key;

	if (cm_getnbrd("tdrv") < 1)
		return;
	key = cm_getbrdkey("tdrv", 0);
	ca.cm_key = key;
	ca.cm_n = 0;
	ca.cm_param = CM_IRQ;
	ca.cm_val = &irq;
	ca.cm_vallen = sizeof(irq);
	if (cm_getval(&ca) == 0)
		tdrv_st->irq = (int)irq;
	ca.cm_param = CM_IOADDR;
	ca.cm_val = &io;
	ca.cm_vallen = sizeof(io);
	if (cm_getval(&ca) == 0)
		tdrv_st->ioaddr = (int)io.startaddr;
	cmn_err(CE_CONT, "tdrv0: irq %d\n", tdrv_st->irq);
}

int
tdrvopen(dev_t *devp, int flag, int otyp, cred_t *crp)
{
	return getminor(*devp) == 0 ? 0 : ENXIO;
}

int
tdrvclose(dev_t dev, int flag, int otyp, cred_t *crp)
{
	return 0;
}

int
tdrvread(dev_t dev, uio_t *uiop, cred_t *crp)
{
	size_t n;

	if (uiop->uio_offset >= TDRV_BUFSZ)
		return 0;
	n = TDRV_BUFSZ - (size_t)uiop->uio_offset;
	if (n > (size_t)uiop->uio_resid)
		n = (size_t)uiop->uio_resid;
	return uiomove(tdrv_st->buf + uiop->uio_offset, n, UIO_READ, uiop);
}

int
tdrvwrite(dev_t dev, uio_t *uiop, cred_t *crp)
{
	size_t n;

	if (uiop->uio_offset >= TDRV_BUFSZ)
		return ENOSPC;
	n = TDRV_BUFSZ - (size_t)uiop->uio_offset;
	if (n > (size_t)uiop->uio_resid)
		n = (size_t)uiop->uio_resid;
	return uiomove(tdrv_st->buf + uiop->uio_offset, n, UIO_WRITE, uiop);
}

int
tdrvioctl(dev_t dev, int cmd, void *arg, int mode, cred_t *crp, int *rvalp)
{
	void *p;

	switch (cmd) {
	case TDRV_COUNT:
		*rvalp = tdrv_st->nintr;
		return 0;
	case TDRV_LEAK:
		p = kmem_alloc(100, KM_SLEEP);
		return p == NULL ? ENOMEM : 0;
	case TDRV_BADFREE:
		p = kmem_alloc(64, KM_SLEEP);
		if (p == NULL)
			return ENOMEM;
		kmem_free(p, 100);
		return 0;
	case TDRV_CRASH:
		*(volatile int *)0 = 1;
		return 0;
	case TDRV_SLEEPY:
		tdrv_st->sleepy = 1;
		return 0;
	case TDRV_ALLOC:
		if (tdrv_st->keep != NULL)
			return EBUSY;
		tdrv_st->keepsz = (size_t)(long)arg;
		tdrv_st->keep = kmem_alloc(tdrv_st->keepsz, KM_NOSLEEP);
		return tdrv_st->keep == NULL ? ENOMEM : 0;
	case TDRV_IO:
		*rvalp = inb(tdrv_st->ioaddr);
		return 0;
#ifdef TDRV_MISSING
	case TDRV_MISS:
		tdrv_not_in_svr5ddi();
		return 0;
#endif
	default:
		return EINVAL;
	}
}

void
tdrvintr(int irq)
{
	void *p;

	tdrv_st->nintr++;
	if (tdrv_st->sleepy) {
		tdrv_st->sleepy = 0;
		p = kmem_alloc(32, KM_SLEEP);
		if (p != NULL)
			kmem_free(p, 32);
	}
}
