/* SPDX-License-Identifier: MIT */
/*
 * linux/bug.h - BUG/WARN (userspace emulation of Linux 6.1).
 *
 * WARN* print "WARNING: at FILE:LINE" plus the message, count the event
 * (see <svr5compat/log.h>) and evaluate to the condition, as in Linux.
 * BUG* print "kernel BUG at FILE:LINE!" and abort the process.
 */
#ifndef _COMPAT_LINUX_BUG_H
#define _COMPAT_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/printk.h>

void __compat_warn(const char *file, int line, const char *fmt, ...)
	__printf(3, 4) __cold;
void __compat_bug(const char *file, int line) __noreturn __cold;

#define __WARN_printf(fmt, ...) \
	__compat_warn(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__compat_warn(__FILE__, __LINE__, "%s", #condition);	\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__compat_warn(__FILE__, __LINE__, format);		\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__compat_warn(__FILE__, __LINE__, "%s", #condition);	\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ONCE(condition, format...) ({				\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__compat_warn(__FILE__, __LINE__, format);		\
	}								\
	unlikely(__ret_warn_once);					\
})

#define BUG() __compat_bug(__FILE__, __LINE__)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)

/* CONFIG_DEBUG_VM is off in Debian's 6.1 kernel: VM_* checks compile away. */
#define VM_BUG_ON(cond)		do { (void)sizeof(cond); } while (0)
#define VM_WARN_ON(cond)	((void)sizeof(cond))
#define VM_WARN_ON_ONCE(cond)	((void)sizeof(cond))

#endif
