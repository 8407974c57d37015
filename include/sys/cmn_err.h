/*
 * <sys/cmn_err.h> - cmn_err(D3): kernel messages and panics.
 *
 * Levels keep their SVR4 / UnixWare values.  A format starting with '!'
 * goes to the log only, '^' to the console only (the implementation's
 * business).  With GCC-compatible compilers the prototype carries a printf
 * format attribute (valid in C89 too); define SVR5DDI_NO_FORMAT_CHECK
 * before inclusion to drop it for legacy code whose formats do not pass
 * -Wformat.
 */
#ifndef _SVR5DDI_SYS_CMN_ERR_H
#define _SVR5DDI_SYS_CMN_ERR_H

#define CE_CONT		0	/* continue the previous message */
#define CE_NOTE		1	/* notice */
#define CE_WARN		2	/* warning */
#define CE_PANIC	3	/* panic: does not return on UnixWare */

#if defined(__GNUC__) && !defined(SVR5DDI_NO_FORMAT_CHECK)
void cmn_err(int, const char *, ...)
	__attribute__((__format__(__printf__, 2, 3)));
#else
void cmn_err(int, const char *, ...);
#endif

#endif /* _SVR5DDI_SYS_CMN_ERR_H */
