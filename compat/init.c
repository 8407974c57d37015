/* SPDX-License-Identifier: MIT */
/*
 * init.c - the one lazy initialisation of the emulation (see internal.h).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include "internal.h"

int __compat_initialized;
static struct host_once init_once = HOST_ONCE_INIT;

static void compat_init_all(void)
{
	compat_printk_init();
	compat_physmem_init();
	compat_page_alloc_init();
	compat_fault_init();
	compat_slab_init();
	__atomic_store_n(&__compat_initialized, 1, __ATOMIC_RELEASE);
}

void __compat_init_slow(void)
{
	host_once(&init_once, compat_init_all);
}
EXPORT_SYMBOL(__compat_init_slow);
EXPORT_SYMBOL(__compat_initialized);
