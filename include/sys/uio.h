/*
 * <sys/uio.h> - SVR5 scatter/gather I/O descriptions: uio(D4), iovec(D4),
 * and the calls that walk them: uiomove, ureadc, uwritec (D3).
 *
 * Layout: members in the order and with the types of the UnixWare 7 /
 * OpenServer 6 (SVR4.2MP-derived) header, so drivers that initialise or
 * read them keep working:
 *	iovec_t:  iov_base (caddr_t), iov_len (int)
 *	uio_t:    uio_iov, uio_iovcnt, uio_offset (off64_t), uio_segflg
 *		  (uio_seg_t), uio_fmode, uio_limit (off64_t), uio_resid (int)
 * uio_seg_t is UIO_USERSPACE (0), UIO_SYSSPACE (1), UIO_USERISPACE (2,
 * treated as user space); uio_rw_t is UIO_READ (0: data flows from the
 * driver into the uio's areas) and UIO_WRITE (1: from the uio's areas to
 * the driver).
 *
 * Every call here exists in every DDI version (5 through 8).  Return
 * values as SCO documents them:
 *	uiomove(addr, nbytes, rwflag, uiop)	0, or EFAULT (and the uio is
 *						advanced by what was moved)
 *	ureadc(c, uiop)				0, or EFAULT (also when the uio
 *						is exhausted)
 *	uwritec(uiop)				next byte (0..255), or -1
 * Context: base level (may block) when uio_segflg is a user space; any
 * level, no blocking, for UIO_SYSSPACE.  No basic or read/write lock may
 * be held across a user-space transfer.
 *
 * SITE CAPTURE.  As in <sys/kmem.h>: uiomove, ureadc and uwritec are also
 * function-like macros naming uiomove_site, ureadc_site, uwritec_site,
 * which take (const char *file, int line) after the arguments; &F, (F)()
 * and SVR5DDI_NO_SITE_MACROS reach the plain functions.
 *
 * MISUSE (one "svr5ddi: CALL: TAG: ..." line, <svr5ddi/ddictl.h>):
 *	uiomove: bad argument: uio 0x...: segflg 9 at F:L
 *	uiomove: bad argument: uio 0x...: rwflag 7 at F:L
 *	uiomove: bad argument: uio NULL at F:L
 *	uiomove: bad argument: uio 0x...: uio_resid 12 but no iovec left
 *		at F:L	(what the iovecs held was moved; EFAULT)
 *	uiomove: wrong context: user-space transfer in interrupt context
 *		at F:L	(or: atomic context; nothing moved; EFAULT)
 * ureadc and uwritec report the same way under their own names.
 *
 * The uio_t is shared with physiock(D3) (<sys/buf.h>).
 */
#ifndef _SVR5DDI_SYS_UIO_H
#define _SVR5DDI_SYS_UIO_H

#include <sys/types.h>

#ifndef _SVR5DDI_OFF64_T
#define _SVR5DDI_OFF64_T
#ifdef __GNUC__
__extension__ typedef long long off64_t;	/* 64-bit file/device offset */
#else
typedef long long off64_t;
#endif
#endif

typedef struct iovec {
	caddr_t	iov_base;	/* start of the storage area */
	int	iov_len;	/* bytes left in it */
} iovec_t;

typedef enum uio_seg {
	UIO_USERSPACE,		/* areas are in the current user context */
	UIO_SYSSPACE,		/* areas are kernel addresses */
	UIO_USERISPACE		/* user instruction space (as user space) */
} uio_seg_t;

typedef enum uio_rw {
	UIO_READ,		/* driver -> uio areas */
	UIO_WRITE		/* uio areas -> driver */
} uio_rw_t;

typedef struct uio {
	iovec_t	*uio_iov;	/* current iovec */
	int	uio_iovcnt;	/* iovecs left, from uio_iov on */
	off64_t	uio_offset;	/* file or device offset */
	uio_seg_t uio_segflg;	/* address space of the iovecs */
	short	uio_fmode;	/* file mode flags (not set by drivers) */
	off64_t	uio_limit;	/* ulimit (not set by drivers) */
	int	uio_resid;	/* bytes still to move */
} uio_t;

/* (address, nbytes, rwflag, uiop) */
int uiomove(caddr_t, long, uio_rw_t, uio_t *);
int uiomove_site(caddr_t, long, uio_rw_t, uio_t *, const char *, int);
/* (c, uiop) */
int ureadc(int, uio_t *);
int ureadc_site(int, uio_t *, const char *, int);
/* (uiop) */
int uwritec(uio_t *);
int uwritec_site(uio_t *, const char *, int);

#ifndef SVR5DDI_NO_SITE_MACROS
#define uiomove(address, nbytes, rwflag, uiop) \
	uiomove_site((address), (nbytes), (rwflag), (uiop), __FILE__, __LINE__)
#define ureadc(c, uiop)	ureadc_site((c), (uiop), __FILE__, __LINE__)
#define uwritec(uiop)	uwritec_site((uiop), __FILE__, __LINE__)
#endif

#endif /* _SVR5DDI_SYS_UIO_H */
