/* SPDX-License-Identifier: MIT */
/*
 * physiock.c - physiock(D3): raw I/O on a block device, a buffer header
 * over the caller's uio, one strategy call per iovec, each awaited.
 *
 * Theory: SCO's physiock checks the offset against the device size
 * (nblocks blocks of NBPSCTR bytes; 0 means no limit), trims the request
 * to the end of the device, then for each iovec builds a buffer over the
 * iovec's own memory, calls the strategy routine and waits (biowait).
 * The uio advances by what each transfer moved; a short transfer ends
 * the call, and an error counts only when nothing of that iovec moved.
 *
 * User memory: a UIO_USERSPACE (or UIO_USERISPACE) uio gives a B_PHYS
 * buffer (b_addrtype BA_UVIRT, b_proc the caller) over the user's own
 * addresses, as on UnixWare, after access_ok(); a driver reaches them
 * with copyin/copyout or lets buf_breakup bounce them.  In the userspace
 * build "user memory" is plain process memory (see <linux/uaccess.h> of
 * compat).  UIO_SYSSPACE gives a BA_KVIRT buffer over kernel memory.
 *
 * This file includes <sys/uio.h>, whose struct iovec is also a Linux
 * name: it includes no Linux header that declares it (<linux/uio.h>).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include "bio_internal.h"
#include <sys/uio.h>

/*
 * physiock - validate and perform raw I/O described by @uiop with
 * @strat, in @rwflag's direction (B_READ: device to memory), on device
 * @dev of @nblocks blocks (0: no limit).  @bp is the header to use, or
 * NULL for one of physiock's own.  Returns 0 (also for a read exactly at
 * the end of the device, which moves nothing), ENXIO for an offset past
 * the end (or at it, for a write), EINVAL for an offset that is negative
 * or not a multiple of NBPSCTR, EFAULT for user memory that is not,
 * else the error of the transfer that moved nothing.
 * Context: process (blockable); no basic or read/write lock held.
 */
int physiock_site(void (*strat)(buf_t *), buf_t *bp, dev_t dev, int rwflag,
		  daddr_t nblocks, struct uio *uiop, const char *file,
		  int line)
{
	void (*iodone)(buf_t *) = NULL;
	long long avail = (long long)(~0ULL >> 1);	/* no limit */
	bool own, user;
	int error = 0;

	ddi_os_ready();
	if (!ddi_bio_may_sleep()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "physiock: wrong context: %s context, at %s",
			   ddi_bio_ctx(), DDI_SITE(file, line));
		return EINVAL;
	}
	if (!strat || !uiop || (rwflag != B_READ && rwflag != B_WRITE)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "physiock: bad argument: strat 0x%lx uio 0x%lx rwflag 0x%x, at %s",
			   (unsigned long)strat, (unsigned long)uiop, rwflag,
			   DDI_SITE(file, line));
		return EINVAL;
	}
	if (uiop->uio_offset < 0 || uiop->uio_offset % NBPSCTR)
		return EINVAL;
	if (nblocks > 0) {
		long long limit = (long long)nblocks * NBPSCTR;

		if (uiop->uio_offset >= limit)
			return uiop->uio_offset > limit || rwflag == B_WRITE ?
			       ENXIO : 0;
		avail = limit - uiop->uio_offset;
	}
	user = uiop->uio_segflg != UIO_SYSSPACE;
	own = !bp;
	if (own) {
		bp = ddi_buf_new(sizeof(buf_t), KM_SLEEP, DDI_BUF_RBUF, file,
				 line);
	} else {
		unsigned long flags;
		unsigned int st;

		spin_lock_irqsave(&ddi_bio_lock, flags);
		st = bp->b_ddi_state;
		spin_unlock_irqrestore(&ddi_bio_lock, flags);
		if (st) {
			ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
				   "physiock: bad argument: buf 0x%lx busy (I/O in progress), at %s",
				   (unsigned long)bp, DDI_SITE(file, line));
			return EINVAL;
		}
		iodone = bp->b_iodone;
		if (iodone) {
			ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
				   "physiock: bad argument: buf 0x%lx has b_iodone 0x%lx (cleared for the call), at %s",
				   (unsigned long)bp, (unsigned long)iodone,
				   DDI_SITE(file, line));
			bp->b_iodone = NULL;
		}
	}

	while (uiop->uio_iovcnt > 0 && uiop->uio_resid > 0 && avail > 0) {
		iovec_t *iov = uiop->uio_iov;
		long long len = iov->iov_len;
		size_t done;

		if (len <= 0) {
			uiop->uio_iov++;
			uiop->uio_iovcnt--;
			continue;
		}
		if (len > uiop->uio_resid)
			len = uiop->uio_resid;
		if (len > avail)
			len = avail;
		if (user && !access_ok(iov->iov_base, len)) {
			error = EFAULT;
			break;
		}
		bp->b_flags = (bp->b_flags & ~(B_READ | B_ERROR | B_DONE |
					       B_PHYS | B_PAGEIO | B_ASYNC)) |
			      B_BUSY | rwflag | (user ? B_PHYS : 0);
		bp->b_addrtype = user ? BA_UVIRT : BA_KVIRT;
		bp->b_un.b_addr = iov->iov_base;
		bp->b_bcount = (uint_t)len;
		bp->b_bufsize = (long)len;
		bp->b_resid = 0;
		bp->b_error = 0;
		bp->b_edev = dev;
		bp->b_blkno = (daddr_t)(uiop->uio_offset / NBPSCTR);
		bp->b_blkoff = (ushort_t)(uiop->uio_offset % NBPSCTR);
		bp->b_proc = user ? (proc_t *)current : NULL;
		ddi_buf_inflight(bp);
		strat(bp);
		error = ddi_biowait(bp);
		done = (size_t)len - min_t(size_t, bp->b_resid, (size_t)len);
		if (done) {
			error = 0;	/* something moved: no error */
			iov->iov_base += done;
			iov->iov_len -= (int)done;
			uiop->uio_resid -= (int)done;
			uiop->uio_offset += done;
			avail -= done;
		}
		if (bp->b_resid || error)
			break;
		if (!iov->iov_len) {
			uiop->uio_iov++;
			uiop->uio_iovcnt--;
		}
	}

	if (own) {
		ddi_buf_delete(bp, sizeof(*bp), file, line);
	} else {
		bp->b_flags &= ~B_PHYS;
		bp->b_proc = NULL;
		bp->b_iodone = iodone;
	}
	return error;
}
EXPORT_SYMBOL(physiock_site);

int physiock(void (*strat)(buf_t *), buf_t *bp, dev_t dev, int rwflag,
	     daddr_t nblocks, struct uio *uiop)
{
	return physiock_site(strat, bp, dev, rwflag, nblocks, uiop, NULL, 0);
}
EXPORT_SYMBOL(physiock);
