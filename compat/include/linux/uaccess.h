/* SPDX-License-Identifier: MIT */
/*
 * linux/uaccess.h - copying to and from user space (emulation of Linux
 * 6.1 on x86-64; implementation compat/uaccess.c).
 *
 * What "user space" is here.  The process is both kernel and user: the
 * simulated kernel memory is the direct map of the simulated RAM and the
 * vmalloc area (and their holes and guard pages); every other host address
 * below TASK_SIZE_MAX counts as a user address.  So, as in the kernel,
 * access_ok() refuses kernel addresses and a copy_*_user() on one copies
 * nothing: passing a kernel pointer where a user one belongs is a driver
 * bug Linux refuses too.  (Host memory that is not simulated kernel
 * memory - a test's stack or heap - is "user" memory.)  The first 64 KiB
 * (vm.mmap_min_addr) are never mapped: a copy that starts there faults and
 * copies nothing, as Linux's exception fixup would make it.  Other
 * unmapped host addresses are not detected: the copy faults for real.
 *
 * Return values are Linux's: copy_from_user/copy_to_user/clear_user return
 * the number of bytes NOT copied (0 on success); copy_from_user zeroes
 * the part of the destination it could not fill.  A size above INT_MAX
 * WARNs once and copies nothing (check_copy_size()).
 *
 * Context: these may sleep (might_fault()), so in interrupt or atomic
 * context they report "sleeping function called from invalid context",
 * unless pagefault_disable() is in effect, as under 6.1's
 * CONFIG_DEBUG_ATOMIC_SLEEP.
 */
#ifndef _COMPAT_LINUX_UACCESS_H
#define _COMPAT_LINUX_UACCESS_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <linux/errno.h>
#include <asm/page.h>

/* x86-64, 4-level paging: the highest user address plus one, minus a page */
#define TASK_SIZE_MAX	((1UL << 47) - PAGE_SIZE)

/* pagefault_disable(): user copies then never sleep (and may fail). */
void pagefault_disable(void);
void pagefault_enable(void);
bool pagefault_disabled(void);
#define faulthandler_disabled()	(pagefault_disabled() || in_atomic())

void __might_fault(const char *file, int line);
#ifndef might_fault
#define might_fault()	__might_fault(__FILE__, __LINE__)
#endif

bool __compat_access_ok(const void __user *addr, unsigned long size);

/*
 * access_ok - might [@addr, @addr + @size) be user memory?  True also for
 * unmapped user addresses (the copy fails later), false for kernel ones.
 * WARNs once outside task context unless page faults are disabled.
 */
#define access_ok(addr, size)						\
({									\
	WARN_ON_ONCE(!in_task() && !pagefault_disabled());		\
	likely(__compat_access_ok((const void __user *)(addr), (size)));	\
})

/* The out-of-line copies (lib/usercopy.c): bytes not copied. */
unsigned long __must_check _copy_from_user(void *to, const void __user *from,
					   unsigned long n);
unsigned long __must_check _copy_to_user(void __user *to, const void *from,
					 unsigned long n);
unsigned long __must_check __clear_user(void __user *to, unsigned long n);

/* check_copy_size() of 6.1 (runtime part): false means copy nothing. */
static __always_inline bool __compat_check_copy_size(const void *addr,
						     unsigned long bytes)
{
	int sz = __builtin_object_size(addr, 0);

	if (unlikely(sz >= 0 && (unsigned long)sz < bytes)) {
		WARN(1, "Buffer overflow detected (%d < %lu)!\n", sz, bytes);
		return false;
	}
	if (WARN_ON_ONCE(bytes > (unsigned long)(~0U >> 1)))
		return false;
	return true;
}

static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (__compat_check_copy_size(to, n))
		n = _copy_from_user(to, from, n);
	return n;
}

static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (__compat_check_copy_size(from, n))
		n = _copy_to_user(to, from, n);
	return n;
}

static __always_inline unsigned long __must_check
clear_user(void __user *to, unsigned long n)
{
	if (access_ok(to, n))
		return __clear_user(to, n);
	return n;
}

#endif
