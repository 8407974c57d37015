/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_ASM_IO_H
#define _COMPAT_ASM_IO_H
#include <asm/page.h>
#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#endif
