/* SPDX-License-Identifier: MIT */
/*
 * linux/init.h - module_init/module_exit in a process.
 *
 * module_init(fn) registers fn at load time (a constructor that only links
 * a static node: no allocation, nothing else runs), and the emulation calls
 * the registered functions, in registration order, at the end of its lazy
 * initialisation (compat/init.c), i.e. at the first allocator call.  So a
 * module's initialisation sees a working kernel, and a process that forks
 * before using the emulation (Check's fork mode) gives each child a fresh
 * module.  module_exit(fn) runs at process exit if the module was
 * initialised.  Code that must be sure the modules are initialised before
 * touching their state calls __compat_modules_ready().
 */
#ifndef _COMPAT_LINUX_INIT_H
#define _COMPAT_LINUX_INIT_H
#include <linux/compiler.h>

struct __compat_initcall {
	int (*init)(void);
	void (*exit)(void);
	const char *name;
	struct __compat_initcall *next;
};
void __compat_register_initcall(struct __compat_initcall *call);
void __compat_modules_ready(void);

#define module_init(fn)							\
	static struct __compat_initcall __compat_initcall_##fn = {	\
		.init = fn, .name = #fn };				\
	static void __attribute__((constructor))			\
	__compat_register_##fn(void)					\
	{								\
		__compat_register_initcall(&__compat_initcall_##fn);	\
	}
#define module_exit(fn)							\
	static void __attribute__((destructor))				\
	__compat_modexit_##fn(void) { __compat_run_exit(fn); }
void __compat_run_exit(void (*fn)(void));
#endif
