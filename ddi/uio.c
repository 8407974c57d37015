// SPDX-License-Identifier: MIT
/*
 * uio.c - data movement between a driver and its callers: copyin(D3) and
 * copyout(D3) (their SVR5 names are in io_svr5.c), uiomove(D3),
 * ureadc(D3), uwritec(D3) over the uio(D4)/iovec(D4) of <sys/uio.h>.
 *
 * Mapping.  A user-space transfer is copy_from_user()/copy_to_user():
 * Linux returns the bytes it could not copy, SVR5 a status (0 or -1 for
 * copyin/copyout, 0 or EFAULT for the uio calls).  A user range that
 * fails access_ok() (a kernel address where a user one belongs) is
 * refused before the copy is attempted: the driver gets -1 or EFAULT as
 * on UnixWare, and the kernel's hardened-usercopy check of the driver's
 * buffer, which comes first inside copy_*_user() and BUG()s on a slab
 * object without a usercopy region, is not reached for a copy that
 * cannot happen anyway.  A UIO_SYSSPACE transfer is memcpy() between
 * kernel addresses.
 *
 * Context.  User copies need the calling user context (they may fault
 * pages in and sleep): at interrupt level or in atomic context (a spin
 * lock held, interrupts off) the call is reported as WRONG_CONTEXT and
 * moves nothing; SVR5 forbids it (base level only, no basic or rw lock
 * held) and Linux would copy from whichever process was interrupted.
 * UIO_SYSSPACE transfers work at any level.
 *
 * uio bookkeeping, as the D3 pages say: each byte moved advances the
 * current iovec's iov_base and uio_offset and takes one from iov_len and
 * uio_resid; an exhausted iovec is stepped over (uio_iov++,
 * uio_iovcnt--).  A transfer stops at nbytes, at uio_resid 0, or at the
 * first fault; what was moved before the fault stays accounted.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include "ddi_internal.h"
#include "io_internal.h"
#include <sys/uio.h>

static bool ddi_uio_user_ok(const char *call, const char *what,
			    const char *file, int line)
{
	if (likely(!in_interrupt() && !in_atomic() && !irqs_disabled()))
		return true;
	ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
		   "%s: wrong context: %s in %s at %s", call, what,
		   in_interrupt() ? "interrupt context" : "atomic context",
		   DDI_SITE(file, line));
	return false;
}

/*
 * ddi_copyin - copyin(D3): @count bytes from user @ubuf to kernel @dbuf.
 * 0, or -1 if any byte could not be read (the rest of @dbuf's range is
 * then zeroed, as copy_from_user() leaves it).  Context: process, user
 * context, may sleep.
 */
int ddi_copyin(const void *ubuf, void *dbuf, unsigned long count,
	       const char *file, int line)
{
	ddi_os_ready();
	if (!count)
		return 0;
	if (!ddi_uio_user_ok("copyin", "user copy", file, line))
		return -1;
	if (!access_ok((const void __user *)ubuf, count)) {
		memset(dbuf, 0, count);		/* as copy_from_user leaves it */
		return -1;
	}
	return copy_from_user(dbuf, (const void __user *)ubuf, count) ? -1 : 0;
}

/*
 * ddi_copyout - copyout(D3): @count bytes from kernel @dbuf to user
 * @ubuf.  0, or -1.  Context: process, user context, may sleep.
 */
int ddi_copyout(const void *dbuf, void *ubuf, unsigned long count,
		const char *file, int line)
{
	ddi_os_ready();
	if (!count)
		return 0;
	if (!ddi_uio_user_ok("copyout", "user copy", file, line))
		return -1;
	if (!access_ok((void __user *)ubuf, count))
		return -1;
	return copy_to_user((void __user *)ubuf, dbuf, count) ? -1 : 0;
}

static bool ddi_uio_user_seg(const uio_t *uio)
{
	return uio->uio_segflg == UIO_USERSPACE ||
	       uio->uio_segflg == UIO_USERISPACE;
}

/* Is @uio usable for @call?  Reports why not. */
static bool ddi_uio_valid(const uio_t *uio, const char *call,
			  const char *file, int line)
{
	if (likely(uio && (ddi_uio_user_seg(uio) ||
			   uio->uio_segflg == UIO_SYSSPACE)))
		return true;
	if (!uio)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: uio NULL at %s", call,
			   DDI_SITE(file, line));
	else
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: uio 0x%lx: segflg %d at %s", call,
			   (unsigned long)uio, (int)uio->uio_segflg,
			   DDI_SITE(file, line));
	return false;
}

/*
 * Move up to @n bytes between kernel @cp and @uio.  Returns 0 or EFAULT;
 * the uio records what was moved either way.
 */
static int ddi_uiomove(caddr_t cp, long n, uio_rw_t rw, uio_t *uio,
		       const char *call, const char *file, int line)
{
	bool user;

	if (rw != UIO_READ && rw != UIO_WRITE) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: uio 0x%lx: rwflag %d at %s", call,
			   (unsigned long)uio, (int)rw, DDI_SITE(file, line));
		return EFAULT;
	}
	if (!ddi_uio_valid(uio, call, file, line))
		return EFAULT;
	user = ddi_uio_user_seg(uio);
	if (user && n > 0 && uio->uio_resid > 0 &&
	    !ddi_uio_user_ok(call, "user-space transfer", file, line))
		return EFAULT;
	while (n > 0 && uio->uio_resid > 0) {
		iovec_t *iov = uio->uio_iov;
		unsigned long cnt, left = 0;

		if (uio->uio_iovcnt <= 0 || !iov) {
			ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
				   "%s: bad argument: uio 0x%lx: uio_resid %d but no iovec left at %s",
				   call, (unsigned long)uio, uio->uio_resid,
				   DDI_SITE(file, line));
			return EFAULT;
		}
		if (iov->iov_len <= 0) {
			uio->uio_iov++;
			uio->uio_iovcnt--;
			continue;
		}
		cnt = min_t(unsigned long, iov->iov_len, n);
		cnt = min_t(unsigned long, cnt, uio->uio_resid);
		if (!user) {
			if (rw == UIO_READ)
				memcpy(iov->iov_base, cp, cnt);
			else
				memcpy(cp, iov->iov_base, cnt);
		} else if (!access_ok((const void __user *)iov->iov_base, cnt)) {
			left = cnt;
		} else if (rw == UIO_READ) {
			left = copy_to_user((void __user *)iov->iov_base, cp,
					    cnt);
		} else {
			left = copy_from_user(cp,
					      (const void __user *)iov->iov_base,
					      cnt);
		}
		cnt -= left;
		iov->iov_base += cnt;
		iov->iov_len -= (int)cnt;
		uio->uio_resid -= (int)cnt;
		uio->uio_offset += cnt;
		cp += cnt;
		n -= (long)cnt;
		if (left)
			return EFAULT;
	}
	return 0;
}

/*
 * uiomove_site - uiomove(D3): move min(@nbytes, uio_resid) bytes between
 * driver memory @address and the areas of @uiop; UIO_READ copies from
 * @address into them, UIO_WRITE out of them.  Returns 0 or EFAULT.
 * Context: user space (UIO_USERSPACE): base level, user context, may
 * sleep, no basic or rw lock held.  UIO_SYSSPACE: any level, no sleep.
 */
int uiomove_site(caddr_t address, long nbytes, uio_rw_t rwflag,
		 uio_t *uiop, const char *file, int line)
{
	ddi_os_ready();
	return ddi_uiomove(address, nbytes, rwflag, uiop, "uiomove", file,
			   line);
}
EXPORT_SYMBOL(uiomove_site);

int (uiomove)(caddr_t address, long nbytes, uio_rw_t rwflag, uio_t *uiop)
{
	ddi_os_ready();
	return ddi_uiomove(address, nbytes, rwflag, uiop, "uiomove", NULL, 0);
}
EXPORT_SYMBOL(uiomove);

static int ddi_ureadc(int c, uio_t *uio, const char *file, int line)
{
	char ch = (char)c;

	ddi_os_ready();
	if (!ddi_uio_valid(uio, "ureadc", file, line) || uio->uio_resid <= 0)
		return EFAULT;
	return ddi_uiomove(&ch, 1, UIO_READ, uio, "ureadc", file, line);
}

/*
 * ureadc_site - ureadc(D3): store the byte @c at the current position of
 * @uiop and advance it as uiomove does.  0, or EFAULT (also when the uio
 * has no room left).  Context: as uiomove.
 */
int ureadc_site(int c, uio_t *uiop, const char *file, int line)
{
	return ddi_ureadc(c, uiop, file, line);
}
EXPORT_SYMBOL(ureadc_site);

int (ureadc)(int c, uio_t *uiop)
{
	return ddi_ureadc(c, uiop, NULL, 0);
}
EXPORT_SYMBOL(ureadc);

static int ddi_uwritec(uio_t *uio, const char *file, int line)
{
	unsigned char ch;

	ddi_os_ready();
	if (!ddi_uio_valid(uio, "uwritec", file, line) || uio->uio_resid <= 0)
		return -1;
	if (ddi_uiomove((caddr_t)&ch, 1, UIO_WRITE, uio, "uwritec", file,
			line))
		return -1;
	return ch;
}

/*
 * uwritec_site - uwritec(D3): take the next byte from @uiop, advancing it
 * as uiomove does.  The byte (0..255), or -1 when the uio is exhausted or
 * the byte cannot be read.  Context: as uiomove.
 */
int uwritec_site(uio_t *uiop, const char *file, int line)
{
	return ddi_uwritec(uiop, file, line);
}
EXPORT_SYMBOL(uwritec_site);

int (uwritec)(uio_t *uiop)
{
	return ddi_uwritec(uiop, NULL, 0);
}
EXPORT_SYMBOL(uwritec);
