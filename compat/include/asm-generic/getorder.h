/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_ASM_GENERIC_GETORDER_H
#define _COMPAT_ASM_GENERIC_GETORDER_H
#include <linux/log2.h>
/*
 * get_order - smallest order whose pages hold @size bytes.
 * As in 6.1: get_order(0) is undefined there; here it is BITS_PER_LONG -
 * PAGE_SHIFT like the generic fls-based formula gives.
 */
static inline __attribute__((const)) int get_order(unsigned long size)
{
	if (size == 0)
		return 64 - 12;
	size--;
	size >>= 12;
	return size ? 64 - __builtin_clzl(size) : 0;
}
#endif
