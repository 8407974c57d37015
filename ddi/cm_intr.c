/* SPDX-License-Identifier: MIT */
/*
 * cm_intr.c - cm_intr_attach(D3) / cm_intr_detach(D3): a board's SVR5
 * interrupt handler on the Linux interrupt line named by its CM_IRQ.
 *
 * Theory
 * ------
 * An attachment (the "magic cookie" the driver keeps) holds one Linux
 * action per CM_IRQ value of the board, each requested with request_irq()
 * on that line, shared (IRQF_SHARED) unless CM_ITYPE says edge-triggered
 * and not shared (1).  The Linux handler raises the CPU to the board's
 * CM_IPL (ddi_spl_raise: the SVR5 level the driver's locks and getpl()
 * see; interrupts are already masked in a Linux hardirq), calls the SVR5
 * handler, restores the level, and maps the result:
 *	DDI 8:  int handler(void *idata): ISTAT_ASSERTED, ISTAT_ASSUMED ->
 *		IRQ_HANDLED; ISTAT_NONE -> IRQ_NONE (lets Linux account a
 *		shared line correctly); anything else is reported once and
 *		taken as handled.
 *	DDI 7 and older: void handler(int irq): always IRQ_HANDLED (the
 *		routine cannot say; SVR5 polled every sharer anyway).
 * ci_lock (a mutex) guards the list of attachments, which is how
 * cm_intr_detach tells a cookie it made from a stray pointer.  free_irq()
 * waits for a running handler, so after cm_intr_detach returns the
 * handler is not running and will not run again.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/preempt.h>
#include <linux/export.h>
#include "drv_internal.h"

#define CI_MAXIRQ	8	/* CM_IRQ values one cookie covers */

struct ci_irq {
	struct ci_att *att;
	unsigned int irq;
	int ipl;
	bool requested;
};

struct ci_att {
	struct list_head link;		/* ci_atts */
	rm_key_t key;
	bool ddi8;
	int (*h8)(void *);
	void *idata;
	void (*h7)(int);
	const char *name;
	bool bad_ret_reported;
	unsigned int n;
	struct ci_irq irqs[CI_MAXIRQ];
};

static DEFINE_MUTEX(ci_lock);
static LIST_HEAD(ci_atts);

static irqreturn_t ci_handler(int irq, void *dev)
{
	struct ci_irq *ci = dev;
	struct ci_att *a = ci->att;
	irqreturn_t ret = IRQ_HANDLED;
	int old = ddi_spl_raise(ci->ipl);

	if (a->ddi8) {
		int r = a->h8(a->idata);

		if (r == ISTAT_NONE) {
			ret = IRQ_NONE;
		} else if (r != ISTAT_ASSERTED && r != ISTAT_ASSUMED &&
			   !a->bad_ret_reported) {
			a->bad_ret_reported = true;
			ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
				   "intr: bad argument: handler of key 0x%x returned %d (not ISTAT_*)",
				   a->key, r);
		}
	} else {
		a->h7(irq);
	}
	ddi_spl_restore(old);
	return ret;
}

static void ci_release(struct ci_att *a)
{
	unsigned int i;

	for (i = 0; i < a->n; i++)
		if (a->irqs[i].requested)
			free_irq(a->irqs[i].irq, &a->irqs[i]);
	kfree(a);
}

/*
 * Attach @a (handlers filled in) to every CM_IRQ of its key.  Returns the
 * number of lines attached (> 0, @a then listed), or -errno:
 * -ENOENT no record, -ENXIO no CM_IRQ, -EINVAL bad CM_IPL/CM_ITYPE,
 * or request_irq()'s error.  On error @a is freed.  Context: process.
 */
static int ci_attach(struct ci_att *a, const char **why)
{
	unsigned int i;
	int err = 0;

	if (!ddi_rm_valid(a->key)) {
		*why = "no such record";
		err = -ENOENT;
		goto fail;
	}
	for (i = 0; i < CI_MAXIRQ; i++) {
		cm_num_t irq, ipl, itype;
		unsigned long flags;

		if (ddi_rm_num(a->key, CM_IRQ, i, &irq))
			break;
		if (ddi_rm_num(a->key, CM_IPL, i, &ipl) &&
		    ddi_rm_num(a->key, CM_IPL, 0, &ipl))
			ipl = -1;
		if (ddi_rm_num(a->key, CM_ITYPE, i, &itype) &&
		    ddi_rm_num(a->key, CM_ITYPE, 0, &itype))
			itype = 0;
		if (irq < 0 || irq >= (1L << 30)) {
			*why = "CM_IRQ out of range";
			err = -EINVAL;
			goto fail;
		}
		if (ipl < PLTIMEOUT || ipl > PLHI) {
			*why = "CM_IPL missing or outside 1..8";
			err = -EINVAL;
			goto fail;
		}
		if (itype < 1 || itype > 4) {
			*why = "CM_ITYPE missing or outside 1..4";
			err = -EINVAL;
			goto fail;
		}
		flags = itype == 1 ? 0 : IRQF_SHARED;
		a->irqs[i].att = a;
		a->irqs[i].irq = (unsigned int)irq;
		a->irqs[i].ipl = (int)ipl;
		a->n = i + 1;
		err = request_irq((unsigned int)irq, ci_handler, flags,
				  a->name, &a->irqs[i]);
		if (err) {
			*why = "request_irq failed";
			goto fail;
		}
		a->irqs[i].requested = true;
	}
	if (!a->n) {
		*why = "no CM_IRQ value";
		err = -ENXIO;
		goto fail;
	}
	mutex_lock(&ci_lock);
	list_add_tail(&a->link, &ci_atts);
	mutex_unlock(&ci_lock);
	return (int)a->n;
fail:
	ci_release(a);
	return err;
}

static struct ci_att *ci_new(rm_key_t key, const char *name)
{
	struct ci_att *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (a) {
		a->key = key;
		a->name = name ? name : "svr5ddi";
	}
	return a;
}

/* Report a failed attach as the driver's misuse (where it is one). */
static void ci_report(const char *call, rm_key_t key, int err,
		      const char *why, const char *file, int line)
{
	if (err == -ENOMEM)
		return;
	if (err == -ENXIO)
		ddi_misuse(SVR5DDI_MISUSE_NO_DEVICE,
			   "%s: no device: key 0x%x: no CM_IRQ value at %s",
			   call, key, DDI_SITE(file, line));
	else if (err == -ENOENT || err == -EINVAL)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: key 0x%x: %s at %s",
			   call, key, why, DDI_SITE(file, line));
	else
		printk(KERN_WARNING "svr5ddi: %s: key 0x%x: %s (%d) at %s\n",
		       call, key, why, err, DDI_SITE(file, line));
}

static bool ci_context_ok(const char *call, rm_key_t key, const char *file,
			  int line)
{
	if (!in_interrupt() && preemptible())
		return true;
	ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
		   "%s: wrong context: key 0x%x: in interrupt or atomic context at %s",
		   call, key, DDI_SITE(file, line));
	return false;
}

/**
 * cm_intr_attach_ddi8_site - attach DDI 8 interrupt handler @handler
 * (called as handler(@idata)) for board @key; the cookie for
 * cm_intr_detach in *@cookiep (if not NULL).  Returns the number of
 * interrupts attached: 0 on failure (bad key, no CM_IRQ, bad CM_IPL or
 * CM_ITYPE, line taken).  Context: process (blockable).
 */
int cm_intr_attach_ddi8_site(rm_key_t key, int (*handler)(void *),
			     void *idata, const drvinfo_t *infop,
			     void **cookiep, const char *file, int line)
{
	const char *why = "";
	struct ci_att *a;
	int n;

	ddi_os_ready();
	if (!ci_context_ok("cm_intr_attach", key, file, line))
		return 0;
	if (!handler) {
		ci_report("cm_intr_attach", key, -EINVAL, "NULL handler",
			  file, line);
		return 0;
	}
	a = ci_new(key, infop && infop->drv_name ? infop->drv_name : NULL);
	if (!a)
		return 0;
	a->ddi8 = true;
	a->h8 = handler;
	a->idata = idata;
	n = ci_attach(a, &why);
	if (n < 0) {
		ci_report("cm_intr_attach", key, n, why, file, line);
		return 0;
	}
	if (cookiep)
		*cookiep = a;
	return n;
}
EXPORT_SYMBOL(cm_intr_attach_ddi8_site);

int cm_intr_attach_ddi8(rm_key_t key, int (*handler)(void *), void *idata,
			const drvinfo_t *infop, void **cookiep)
{
	return cm_intr_attach_ddi8_site(key, handler, idata, infop, cookiep,
					NULL, 0);
}
EXPORT_SYMBOL(cm_intr_attach_ddi8);

/*
 * cm_intr_attach - the documented name, as a function: the DDI 8 form.
 * (<sys/confmgr.h> maps the name to one of the two forms by _DDI.)
 */
#undef cm_intr_attach
int cm_intr_attach(rm_key_t key, int (*handler)(void *), void *idata,
		   const drvinfo_t *infop, void **cookiep);
int cm_intr_attach(rm_key_t key, int (*handler)(void *), void *idata,
		   const drvinfo_t *infop, void **cookiep)
{
	return cm_intr_attach_ddi8_site(key, handler, idata, infop, cookiep,
					NULL, 0);
}
EXPORT_SYMBOL(cm_intr_attach);

/**
 * cm_intr_attach_ddi7_site - the pre-DDI 8 form: @handler is called as
 * handler(irq); @devflagp (the driver's devflag) is not changed.  Same
 * results and context as the DDI 8 form.
 */
int cm_intr_attach_ddi7_site(rm_key_t key, void (*handler)(int),
			     int *devflagp, void **cookiep, const char *file,
			     int line)
{
	const char *why = "";
	struct ci_att *a;
	int n;

	ddi_os_ready();
	if (!ci_context_ok("cm_intr_attach", key, file, line))
		return 0;
	if (!handler) {
		ci_report("cm_intr_attach", key, -EINVAL, "NULL handler",
			  file, line);
		return 0;
	}
	a = ci_new(key, NULL);
	if (!a)
		return 0;
	a->h7 = handler;
	n = ci_attach(a, &why);
	if (n < 0) {
		ci_report("cm_intr_attach", key, n, why, file, line);
		return 0;
	}
	if (cookiep)
		*cookiep = a;
	return n;
}
EXPORT_SYMBOL(cm_intr_attach_ddi7_site);

int cm_intr_attach_ddi7(rm_key_t key, void (*handler)(int), int *devflagp,
			void **cookiep)
{
	return cm_intr_attach_ddi7_site(key, handler, devflagp, cookiep,
					NULL, 0);
}
EXPORT_SYMBOL(cm_intr_attach_ddi7);

/* Unlist @cookie if it is an attachment; true then. */
static bool ci_take(void *cookie)
{
	struct ci_att *a;
	bool found = false;

	mutex_lock(&ci_lock);
	list_for_each_entry(a, &ci_atts, link) {
		if (a == cookie) {
			list_del(&a->link);
			found = true;
			break;
		}
	}
	mutex_unlock(&ci_lock);
	return found;
}

/**
 * cm_intr_detach_site - detach the interrupts of @cookie (from
 * cm_intr_attach); when it returns the handler is not running and will
 * not run again.  A cookie that is not attached is reported and ignored.
 * Context: process (blockable).
 */
void cm_intr_detach_site(void *cookie, const char *file, int line)
{
	ddi_os_ready();
	if (!ci_take(cookie)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "cm_intr_detach: bad argument: cookie 0x%lx: not attached at %s",
			   (unsigned long)cookie, DDI_SITE(file, line));
		return;
	}
	ci_release(cookie);
}
EXPORT_SYMBOL(cm_intr_detach_site);

void cm_intr_detach(void *cookie)
{
	cm_intr_detach_site(cookie, NULL, 0);
}
EXPORT_SYMBOL(cm_intr_detach);

/* ---- for drv_attach.c and the harness API ------------------------------------ */

/* ddi_intr_count_key - attachments made for @key.  Context: process. */
int ddi_intr_count_key(rm_key_t key)
{
	struct ci_att *a;
	int n = 0;

	mutex_lock(&ci_lock);
	list_for_each_entry(a, &ci_atts, link)
		if (a->key == key)
			n++;
	mutex_unlock(&ci_lock);
	return n;
}

/* ddi_intr_detach_key - detach every attachment of @key; how many. */
int ddi_intr_detach_key(rm_key_t key)
{
	struct ci_att *a, *t;
	LIST_HEAD(gone);
	int n = 0;

	mutex_lock(&ci_lock);
	list_for_each_entry_safe(a, t, &ci_atts, link) {
		if (a->key == key) {
			list_move_tail(&a->link, &gone);
			n++;
		}
	}
	mutex_unlock(&ci_lock);
	list_for_each_entry_safe(a, t, &gone, link)
		ci_release(a);
	return n;
}

/**
 * svr5ddi_intr_register - hook an old-style interrupt routine to board
 * @key's interrupt (see <svr5ddi/drvreg.h>).  0 or -errno.
 * Context: process.
 */
int svr5ddi_intr_register(unsigned int key, void (*intr)(int),
			  void **cookiep)
{
	const char *why = "";
	struct ci_att *a;
	int n;

	ddi_os_ready();
	if (!intr || !cookiep)
		return -EINVAL;
	a = ci_new(key, NULL);
	if (!a)
		return -ENOMEM;
	a->h7 = intr;
	n = ci_attach(a, &why);
	if (n < 0)
		return n;
	*cookiep = a;
	return 0;
}
EXPORT_SYMBOL(svr5ddi_intr_register);

/* svr5ddi_intr_unregister - undo svr5ddi_intr_register.  Context: process. */
void svr5ddi_intr_unregister(void *cookie)
{
	ddi_os_ready();
	if (ci_take(cookie))
		ci_release(cookie);
}
EXPORT_SYMBOL(svr5ddi_intr_unregister);

/* svr5ddi_board_irq - board @key's first CM_IRQ.  Context: any. */
int svr5ddi_board_irq(unsigned int key)
{
	cm_num_t irq;

	ddi_os_ready();
	if (!ddi_rm_valid(key))
		return -ENOENT;
	if (ddi_rm_num(key, CM_IRQ, 0, &irq) || irq < 0 || irq > 0x7fffffffL)
		return -ENXIO;
	return (int)irq;
}
EXPORT_SYMBOL(svr5ddi_board_irq);
