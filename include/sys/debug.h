/*
 * <sys/debug.h> - ASSERT, as SVR5 drivers use it.
 *
 * As on UnixWare, ASSERT(EX) is active only when DEBUG is defined at the
 * first inclusion; otherwise it expands to ((void)0) and EX is not
 * evaluated (so EX must have no side effects a driver relies on).  When
 * active, a false EX calls assfail() with the expression text and the
 * call site; assfail panics, as UnixWare's does (cmn_err CE_PANIC).
 *
 * Entry point the implementation provides (needed only by DEBUG builds):
 *	void assfail(const char *expr, const char *file, int line);
 */
#ifndef _SVR5DDI_SYS_DEBUG_H
#define _SVR5DDI_SYS_DEBUG_H

#ifdef DEBUG
void assfail(const char *, const char *, int);
#define ASSERT(EX) \
	((void)((EX) || (assfail(#EX, __FILE__, __LINE__), 0)))
#else
#define ASSERT(EX) ((void)0)
#endif

#endif /* _SVR5DDI_SYS_DEBUG_H */
