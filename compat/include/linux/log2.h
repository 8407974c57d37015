/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_LOG2_H
#define _COMPAT_LINUX_LOG2_H
#include <linux/types.h>

static inline __attribute__((const)) int ilog2_u64(u64 n)
{
	return 63 - __builtin_clzll(n);
}
#define ilog2(n)	ilog2_u64((u64)(n))
static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return n != 0 && ((n & (n - 1)) == 0);
}
static inline __attribute__((const)) unsigned long
__roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1UL : 1UL << (64 - __builtin_clzl(n - 1));
}
#define roundup_pow_of_two(n)	__roundup_pow_of_two(n)
#define rounddown_pow_of_two(n)	(1UL << ilog2(n))
static inline int order_base_2(unsigned long n)
{
	return n <= 1 ? 0 : ilog2(n - 1) + 1;
}
static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}
static inline unsigned long __ffs(unsigned long w)
{
	return __builtin_ctzl(w);
}
static inline unsigned long __fls(unsigned long w)
{
	return 63 - __builtin_clzl(w);
}
#endif
