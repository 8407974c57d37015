// SPDX-License-Identifier: MIT
/*
 * uaccess.c - user-space copies (linux/uaccess.h) over one host address
 * space.
 *
 * Theory.  A user address is any host address below TASK_SIZE_MAX that is
 * not simulated kernel memory.  Kernel memory is two reserved host ranges,
 * each a single interval with no stray holes a user pointer could fall
 * into: the direct map (physical 0 to the end of the highest zone,
 * __compat_direct_map .. + __compat_max_pfn pages, zone holes included:
 * compat_addr_in_direct_map() is true only for present RAM, but a hole is
 * just as much kernel space) and the vmalloc area [VMALLOC_START,
 * VMALLOC_END), reserved at first vmalloc.  Before those exist there is no
 * kernel memory to protect.  access_ok() is Linux's range check plus "does
 * not overlap either range"; a copy whose access_ok() fails copies
 * nothing, exactly as in the kernel, where every kernel address fails it.
 *
 * Faults: the emulation cannot catch a real host fault, so it only models
 * the one region no process can map, the first 64 KiB (mmap_min_addr):
 * a copy starting there copies nothing.  NULL-pointer copies thus return
 * "nothing copied" as Linux's exception fixup makes them.
 *
 * pagefault_disable() nests per thread (a task's pagefault_disabled count).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/uaccess.h>
#include "internal.h"

#define MMAP_MIN_ADDR	0x10000UL

static __thread int pagefault_depth;

/** pagefault_disable - user copies stop sleeping.  Context: any; nests. */
void pagefault_disable(void)
{
	pagefault_depth++;
	barrier();
}
EXPORT_SYMBOL(pagefault_disable);

/** pagefault_enable - undo one pagefault_disable().  Context: any. */
void pagefault_enable(void)
{
	barrier();
	WARN_ON_ONCE(pagefault_depth <= 0);
	if (pagefault_depth > 0)
		pagefault_depth--;
}
EXPORT_SYMBOL(pagefault_enable);

/** pagefault_disabled - is pagefault_disable() in effect?  Context: any. */
bool pagefault_disabled(void)
{
	return pagefault_depth != 0;
}
EXPORT_SYMBOL(pagefault_disabled);

/**
 * __might_fault - might_fault(): a user access may sleep here
 * @file: caller's file
 * @line: caller's line
 *
 * Context: any.  As 6.1 with CONFIG_DEBUG_ATOMIC_SLEEP: nothing when page
 * faults are disabled, else might_sleep()'s atomic-context report.
 */
void __might_fault(const char *file, int line)
{
	if (pagefault_disabled())
		return;
	__might_sleep(file, line);
}
EXPORT_SYMBOL(__might_fault);

/* Does [a, a + n) (n >= 1) overlap [s, e)? */
static bool overlaps(unsigned long a, unsigned long n, unsigned long s,
		     unsigned long e)
{
	return s < e && a < e && a + n > s;
}

/**
 * __compat_access_ok - access_ok() without the context check
 * @addr: user pointer
 * @size: bytes
 *
 * Context: any.  False if the range passes TASK_SIZE_MAX (6.1's check) or
 * touches the direct map or the vmalloc area.  A zero size checks the
 * address alone.
 */
bool __compat_access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr, n = size ? size : 1;
	unsigned long dm = (unsigned long)__compat_direct_map;
	unsigned long dm_end = dm + (__compat_max_pfn << PAGE_SHIFT);

	if (size > TASK_SIZE_MAX || a > TASK_SIZE_MAX - size)
		return false;
	if (dm && overlaps(a, n, dm, dm_end))
		return false;
	if (overlaps(a, n, VMALLOC_START, VMALLOC_END))
		return false;
	return true;
}
EXPORT_SYMBOL(__compat_access_ok);

/* Bytes of a user access at @a of @n bytes that would fault (all or none). */
static unsigned long user_faults(unsigned long a, unsigned long n)
{
	return a < MMAP_MIN_ADDR ? n : 0;
}

/**
 * _copy_from_user - copy @n bytes from user @from to kernel @to
 * @to: kernel destination
 * @from: user source
 * @n: bytes
 *
 * Context: process (may sleep).  Returns the bytes not copied; as 6.1,
 * that many bytes at the end of @to are zeroed.
 */
unsigned long _copy_from_user(void *to, const void __user *from,
			      unsigned long n)
{
	unsigned long res = n;

	might_fault();
	if (likely(access_ok(from, n))) {
		res = user_faults((unsigned long)from, n);
		if (!res)
			memcpy(to, (const void __force *)from, n);
	}
	if (unlikely(res))
		memset((char *)to + (n - res), 0, res);
	return res;
}
EXPORT_SYMBOL(_copy_from_user);

/**
 * _copy_to_user - copy @n bytes from kernel @from to user @to
 * @to: user destination
 * @from: kernel source
 * @n: bytes
 *
 * Context: process (may sleep).  Returns the bytes not copied.
 */
unsigned long _copy_to_user(void __user *to, const void *from,
			    unsigned long n)
{
	might_fault();
	if (!access_ok(to, n))
		return n;
	if (user_faults((unsigned long)to, n))
		return n;
	memcpy((void __force *)to, from, n);
	return 0;
}
EXPORT_SYMBOL(_copy_to_user);

/**
 * __clear_user - zero @n bytes of user memory at @to, unchecked
 * @to: user destination (the caller did access_ok())
 * @n: bytes
 *
 * Context: process (may sleep).  Returns the bytes not cleared.
 */
unsigned long __clear_user(void __user *to, unsigned long n)
{
	might_fault();
	if (user_faults((unsigned long)to, n))
		return n;
	memset((void __force *)to, 0, n);
	return 0;
}
EXPORT_SYMBOL(__clear_user);
