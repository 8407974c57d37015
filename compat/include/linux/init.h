/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_INIT_H
#define _COMPAT_LINUX_INIT_H
#include <linux/compiler.h>
/* module_init/module_exit: run at process start and exit (constructors). */
#define module_init(fn) \
	static void __attribute__((constructor)) __compat_modinit_##fn(void) { (void)fn(); }
#define module_exit(fn) \
	static void __attribute__((destructor)) __compat_modexit_##fn(void) { fn(); }
#endif
