/* SPDX-License-Identifier: MIT */
/*
 * linux/export.h - EXPORT_SYMBOL.  In libsvr5ddi the export list is built
 * from these lines (build-aux/exports.sh), so a symbol is public exactly
 * when it is exported, as in the kernel.  The expansion only checks that
 * the symbol exists.
 */
#ifndef _COMPAT_LINUX_EXPORT_H
#define _COMPAT_LINUX_EXPORT_H
#define EXPORT_SYMBOL(sym) \
	_Static_assert(sizeof(&(sym)) != 0, "export " #sym)
#define EXPORT_SYMBOL_GPL(sym)		EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)	EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	EXPORT_SYMBOL(sym)
#endif
