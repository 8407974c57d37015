// SPDX-License-Identifier: MIT
/*
 * dev.c - device numbers (getmajor(D3) and family), privilege
 * (drv_priv(D3)) and process references (proc_ref(D3), proc_unref,
 * proc_signal, proc_valid).
 *
 * Device numbers: an SVR5 dev_t is a Linux dev_t (MKDEV: 12-bit major,
 * 20-bit minor), so a device number the kernel hands a driver needs no
 * translation.  External and internal major numbers are the same (SVR5
 * allows a one-to-one mapping): getemajor == getmajor, etoimajor and
 * itoemajor only check the range.  makedevice masks out-of-range parts,
 * as SVR5's own macro did.
 *
 * Process references: proc_ref() is a counted reference to the struct pid
 * of the current thread group (get_task_pid(current, PIDTYPE_TGID)), so
 * it stays valid after the process exits; proc_signal() posts through
 * kill_pid() (-ESRCH once the process is gone: -1), translating SVR5
 * signal numbers (svr5sig.c) to Linux's.  The identifier a driver holds
 * is the struct pid pointer; proc_unref() is put_pid().
 *
 * Credentials: a cred_t is Linux's struct cred.  drv_priv() of the
 * current task's credentials is capable(CAP_SYS_ADMIN) (LSM-checked and
 * audited, as a privileged operation should be); of any other
 * credentials, or in interrupt context, the CAP_SYS_ADMIN bit of their
 * effective set.
 */
#include <linux/kernel.h>
#include <linux/kdev_t.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/pid.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/rcupdate.h>
#include <linux/hardirq.h>
#include <linux/errno.h>
#include <linux/export.h>
#include "ddi_internal.h"
#include <sys/ddi.h>
#include "time_internal.h"

#define DDI_MAXMAJ	((major_t)(~0U >> MINORBITS))
#define DDI_MAXMIN	((minor_t)MINORMASK)

/* ---- device numbers (DDI < 8) ------------------------------------------- */

/* getmajor - the (internal) major number of @dev.  Context: any. */
major_t getmajor(dev_t dev)
{
	return MAJOR(dev);
}
EXPORT_SYMBOL(getmajor);

/* getminor - the (internal) minor number of @dev.  Context: any. */
minor_t getminor(dev_t dev)
{
	return MINOR(dev);
}
EXPORT_SYMBOL(getminor);

/* getemajor - the external major number of @dev: the same.  Context: any. */
major_t getemajor(dev_t dev)
{
	return MAJOR(dev);
}
EXPORT_SYMBOL(getemajor);

/* geteminor - the external minor number of @dev: the same.  Context: any. */
minor_t geteminor(dev_t dev)
{
	return MINOR(dev);
}
EXPORT_SYMBOL(geteminor);

/*
 * makedevice - the device number of (@maj, @min); parts beyond 12 and 20
 * bits are masked off.  Context: any.
 */
dev_t makedevice(major_t maj, minor_t min)
{
	return MKDEV((dev_t)(maj & DDI_MAXMAJ), (dev_t)(min & DDI_MAXMIN));
}
EXPORT_SYMBOL(makedevice);

/*
 * etoimajor - the internal major of external major @emaj (the same), or
 * NODEV when @emaj cannot be a major number.  Context: any.
 */
int etoimajor(major_t emaj)
{
	return emaj <= DDI_MAXMAJ ? (int)emaj : (int)NODEV;
}
EXPORT_SYMBOL(etoimajor);

/*
 * itoemajor - the external majors of internal major @imaj, one per call:
 * pass NODEV first, then the previous answer; NODEV when all have been
 * returned.  There is one, @imaj itself.  Context: any.
 */
int itoemajor(major_t imaj, int prevemaj)
{
	if (prevemaj != (int)NODEV || imaj > DDI_MAXMAJ)
		return (int)NODEV;
	return (int)imaj;
}
EXPORT_SYMBOL(itoemajor);

/* ---- privilege ---------------------------------------------------------- */

/*
 * drv_priv - 0 if credentials @crp are privileged (CAP_SYS_ADMIN), else
 * EPERM (also for NULL).  Context: user context (base level); never
 * sleeps.
 */
int drv_priv(cred_t *crp)
{
	const struct cred *cred = crp;

	ddi_os_ready();
	if (!cred)
		return EPERM;
	if (cred == current_cred() && !in_interrupt())
		return capable(CAP_SYS_ADMIN) ? 0 : EPERM;
	return cap_raised(cred->cap_effective, CAP_SYS_ADMIN) ? 0 : EPERM;
}
EXPORT_SYMBOL(drv_priv);

/* ---- process references ------------------------------------------------- */

/*
 * proc_ref_site - a reference to the current process for proc_signal(),
 * released with proc_unref().  Context: user context.  In interrupt
 * context (where no process is "current") it is reported (WRONG_CONTEXT)
 * and NULL is returned, which the other proc_* calls accept.
 */
void *proc_ref_site(const char *file, int line)
{
	ddi_os_ready();
	if (in_interrupt()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "proc_ref: wrong context: interrupt context: no process referenced at %s",
			   DDI_SITE(file, line));
		return NULL;
	}
	return get_task_pid(current, PIDTYPE_TGID);
}
EXPORT_SYMBOL(proc_ref_site);

void *proc_ref(void)
{
	return proc_ref_site(NULL, 0);
}
EXPORT_SYMBOL(proc_ref);

/* proc_unref - release a proc_ref() reference.  Context: any. */
void proc_unref(void *pref)
{
	ddi_os_ready();
	put_pid(pref);
}
EXPORT_SYMBOL(proc_unref);

/* proc_valid - B_TRUE while the referenced process exists.  Context: any. */
boolean_t proc_valid(void *pref)
{
	bool alive;

	ddi_os_ready();
	if (!pref)
		return B_FALSE;
	rcu_read_lock();
	alive = pid_task(pref, PIDTYPE_PID) != NULL;
	rcu_read_unlock();
	return alive ? B_TRUE : B_FALSE;
}
EXPORT_SYMBOL(proc_valid);

/* DDI_SIG_* to Linux's numbers (0: not delivered on Linux). */
static const int ddi_linux_sig[DDI_SIG_NR] = {
	[DDI_SIG_HUP] = SIGHUP,
	[DDI_SIG_INT] = SIGINT,
	[DDI_SIG_QUIT] = SIGQUIT,
	[DDI_SIG_WINCH] = SIGWINCH,
	[DDI_SIG_URG] = SIGURG,
	[DDI_SIG_POLL] = SIGPOLL,
	[DDI_SIG_TSTP] = 0,
	[DDI_SIG_WAITING] = 0,
};

/*
 * proc_signal_site - post SVR5 signal @sig (<sys/signal.h>) to the
 * process @pref references.  Returns 0 while that process exists, -1
 * once it has exited (or for a NULL @pref).  A signal drivers may not
 * send (anything but SIGHUP, SIGINT, SIGQUIT, SIGWINCH, SIGURG, SIGPOLL,
 * SIGWAITING), SIGTSTP included, is reported (BAD_ARGUMENT) and not
 * sent; SIGWAITING has no Linux counterpart and is not sent.
 * Context: any; never sleeps; any lock may be held.
 */
int proc_signal_site(void *pref, int sig, const char *file, int line)
{
	int idx, lsig = 0;

	ddi_os_ready();
	if (!pref)
		return -1;
	idx = ddi_svr5_signal(sig);
	if (idx < 0 || idx == DDI_SIG_TSTP)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "proc_signal: bad argument: signal %d %s: not sent at %s",
			   sig, idx < 0 ? "is not one drivers may send" :
			   "(SIGTSTP) only comes from a stream",
			   DDI_SITE(file, line));
	else
		lsig = ddi_linux_sig[idx];
	/* signal 0 posts nothing: it only tells whether the process exists */
	return kill_pid(pref, lsig, 1) ? -1 : 0;
}
EXPORT_SYMBOL(proc_signal_site);

int proc_signal(void *pref, int sig)
{
	return proc_signal_site(pref, sig, NULL, 0);
}
EXPORT_SYMBOL(proc_signal);
