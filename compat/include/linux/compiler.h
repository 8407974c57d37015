/* SPDX-License-Identifier: MIT */
/*
 * linux/compiler.h - compiler annotations as Linux 6.1 spells them.
 * Names glibc's <sys/cdefs.h> also defines are guarded so either may come
 * first.
 */
#ifndef _COMPAT_LINUX_COMPILER_H
#define _COMPAT_LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define noinline	__attribute__((__noinline__))
#define __noreturn	__attribute__((__noreturn__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __packed	__attribute__((__packed__))
#define __maybe_unused	__attribute__((__unused__))
#define __always_unused	__attribute__((__unused__))
#define __must_check	__attribute__((__warn_unused_result__))
#define __cold		__attribute__((__cold__))
#define __malloc	__attribute__((__malloc__))
#define __weak		__attribute__((__weak__))
#define __visible	__attribute__((__externally_visible__))
#define __user
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __init
#define __exit
#define __initdata
#define __read_mostly
#define __cacheline_aligned	__aligned(64)
#define fallthrough	__attribute__((__fallthrough__))
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

#define barrier()	__asm__ __volatile__("" : : : "memory")
#define READ_ONCE(x)	(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

/*
 * __compat_call_nosave - call @fn(@arg) from an inline fast path through
 * a thunk that saves every register but rax (SSE included), hidden from
 * the compiler in an asm, below the red zone: for the emulation's rare
 * slow steps (a thread's first per-CPU access, ksize() of an object
 * outside the slabs) that are single instructions or never taken in the
 * kernel, so that their callers stay leaf functions without a frame, as
 * they are there.  As the kernel's preempt_schedule thunk.  x86-64 only;
 * elsewhere a plain call.  Not Linux API (thunk: compat/percpu.c).
 */
typedef unsigned long (*__compat_nosave_fn)(unsigned long arg);
#if defined(__x86_64__)
static __always_inline unsigned long
__compat_call_nosave(__compat_nosave_fn fn, unsigned long arg)
{
	unsigned long ret;

	__asm__ __volatile__("lea -128(%%rsp), %%rsp\n\t"
			     "call __compat_nosave_thunk@PLT\n\t"
			     "lea 128(%%rsp), %%rsp"
			     : "=a"(ret) : "D"(fn), "S"(arg) : "memory", "cc");
	return ret;
}
#else
#define __compat_call_nosave(fn, arg)	((fn)(arg))
#endif

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON: " #cond)
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#define __must_be_array(a) \
	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#endif
