/*
 * <sys/errno.h> - SVR5 error numbers drivers return.
 *
 * Classic SVR4 / UnixWare numbering.  1..34 coincide with Linux; above 34
 * the two differ (SVR4 EDEADLK is 45, Linux 35; SVR4 ENOSYS is 89, Linux
 * 38), so code that hands a driver's error to Linux must translate.  Only
 * values whose SVR4 numbers are settled are listed.
 */
#ifndef _SVR5DDI_SYS_ERRNO_H
#define _SVR5DDI_SYS_ERRNO_H

#define EPERM		1	/* not owner / not privileged */
#define ENOENT		2	/* no such file or directory */
#define ESRCH		3	/* no such process */
#define EINTR		4	/* interrupted system call */
#define EIO		5	/* I/O error */
#define ENXIO		6	/* no such device or address */
#define E2BIG		7	/* argument list too long */
#define ENOEXEC		8	/* exec format error */
#define EBADF		9	/* bad file number */
#define ECHILD		10	/* no child processes */
#define EAGAIN		11	/* resource temporarily unavailable */
#define ENOMEM		12	/* not enough space */
#define EACCES		13	/* permission denied */
#define EFAULT		14	/* bad address */
#define ENOTBLK		15	/* block device required */
#define EBUSY		16	/* device busy */
#define EEXIST		17	/* file exists */
#define EXDEV		18	/* cross-device link */
#define ENODEV		19	/* no such device */
#define ENOTDIR		20	/* not a directory */
#define EISDIR		21	/* is a directory */
#define EINVAL		22	/* invalid argument */
#define ENFILE		23	/* file table overflow */
#define EMFILE		24	/* too many open files */
#define ENOTTY		25	/* inappropriate ioctl for device */
#define ETXTBSY		26	/* text file busy */
#define EFBIG		27	/* file too large */
#define ENOSPC		28	/* no space left on device */
#define ESPIPE		29	/* illegal seek */
#define EROFS		30	/* read-only file system */
#define EMLINK		31	/* too many links */
#define EPIPE		32	/* broken pipe */
#define EDOM		33	/* argument out of domain */
#define ERANGE		34	/* result too large */
#define ENOMSG		35	/* no message of desired type */
#define EIDRM		36	/* identifier removed */
#define EDEADLK		45	/* deadlock avoided */
#define ENOLCK		46	/* no record locks available */
#define ENOSTR		60	/* not a STREAMS device */
#define ENODATA		61	/* no data available */
#define ETIME		62	/* timer expired */
#define ENOSR		63	/* out of STREAMS resources */
#define ENOLINK		67	/* link has been severed */
#define EPROTO		71	/* protocol error */
#define EBADMSG		77	/* not a data message */
#define ENAMETOOLONG	78	/* name too long */
#define EOVERFLOW	79	/* value too large for data type */
#define EILSEQ		88	/* illegal byte sequence */
#define ENOSYS		89	/* operation not applicable */
#define ELOOP		90	/* too many symbolic links */
#define ERESTART	91	/* restartable system call */
#define ENOTEMPTY	93	/* directory not empty */
#define EOPNOTSUPP	122	/* operation not supported */
#define ETIMEDOUT	145	/* connection timed out */
#define EWOULDBLOCK	EAGAIN	/* same value, as on SVR4 */

#endif /* _SVR5DDI_SYS_ERRNO_H */
