/* SPDX-License-Identifier: MIT */
/*
 * init.c - the one lazy initialisation of the emulation (see internal.h),
 * and the module_init() calls that complete it (see linux/init.h).
 *
 * The initcall list is built by constructors before main() and read only
 * after; it needs no lock.  A module whose init function fails is
 * reported and the process exits: a kernel would refuse to load it, and
 * nothing that depends on it could work.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>
#include "internal.h"

int __compat_initialized;
static struct host_once init_once = HOST_ONCE_INIT;
static struct __compat_initcall *initcalls, **initcalls_tail = &initcalls;
static bool modules_initialised;
static __thread bool running_init;	/* this thread runs compat_init_all */

void __compat_register_initcall(struct __compat_initcall *call)
{
	call->next = NULL;
	*initcalls_tail = call;
	initcalls_tail = &call->next;
}
EXPORT_SYMBOL(__compat_register_initcall);

static void compat_init_all(void)
{
	struct __compat_initcall *call;

	running_init = true;
	compat_printk_init();
	compat_physmem_init();
	compat_page_alloc_init();
	compat_fault_init();
	compat_slab_init();
	/* The kernel proper is up: allocators may be used from here on. */
	__atomic_store_n(&__compat_initialized, 1, __ATOMIC_RELEASE);

	for (call = initcalls; call; call = call->next) {
		int err = call->init();

		if (err)
			compat_fatal("module init %s failed: %d", call->name, err);
	}
	__atomic_store_n(&modules_initialised, true, __ATOMIC_RELEASE);
	running_init = false;
}

void __compat_init_slow(void)
{
	host_once(&init_once, compat_init_all);
}
EXPORT_SYMBOL(__compat_init_slow);
EXPORT_SYMBOL(__compat_initialized);

/*
 * __compat_modules_ready - make sure the emulation and every module_init()
 * have run.  Returns at once after the first time.
 */
void __compat_modules_ready(void)
{
	if (likely(__atomic_load_n(&modules_initialised, __ATOMIC_ACQUIRE)))
		return;
	if (running_init)	/* a module's init calling its own entry points */
		return;
	host_once(&init_once, compat_init_all);
}
EXPORT_SYMBOL(__compat_modules_ready);

void __compat_run_exit(void (*fn)(void))
{
	if (modules_initialised)
		fn();
}
EXPORT_SYMBOL(__compat_run_exit);

/*
 * __compat_getenv - the process environment, for the userspace build of a
 * module whose kernel build reads module parameters instead (ddi/ddi_os.h).
 * Not Linux API.  Returns NULL when @name is unset.
 */
const char *__compat_getenv(const char *name)
{
	return host_getenv(name);
}
EXPORT_SYMBOL(__compat_getenv);
