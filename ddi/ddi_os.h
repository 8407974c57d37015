/* SPDX-License-Identifier: MIT */
/*
 * ddi_os.h - the ONE place where the kernel-module build and the userspace
 * build of ddi/ differ.  Every ddi .c file is the same source in both;
 * only this header tests __KERNEL__.  The divergences, all of them:
 *
 * 1. Module readiness.  In the kernel, module_init() has run before any
 *    exported symbol can be called.  In the userspace library module_init
 *    runs lazily at the first allocator call (compat/init.c), so every DDI
 *    entry point calls ddi_os_ready() before touching module state; it is
 *    one predictable branch on a flag that module.c sets at the end of its
 *    init, then __compat_modules_ready() the first time.  Kernel: no-op.
 *
 * 2. Parameters.  The kernel reads module parameters (debug=,
 *    reserve_dma=, reserve_dma32=, reserve="dma:SIZE,dma32:SIZE").  The
 *    library reads the environment instead (SVR5DDI_DEBUG,
 *    SVR5DDI_RESERVE=dma:SIZE,dma32:SIZE) through __compat_getenv(), a
 *    one-line compat helper.  ddi_os_getenv() returns NULL in the kernel,
 *    so the same parsing code serves both.
 *
 * 3. A cheap "is this a direct-map address" test for kmem_free's fast
 *    path: the kernel's virt_addr_valid(); in userspace the same test
 *    inlined against the emulated direct map's bounds (compat's
 *    virt_addr_valid is an out-of-line call chain costing as much as the
 *    rest of kmem_free).
 *
 * 4. The debug layer's default state.  Kernel: off (debug=1 turns it on).
 *    Library: SVR5DDI_DEBUG_DEFAULT from configure (--enable-debug), which
 *    the environment overrides.
 *
 * 5. Symbols the kernel already exports: bcmp (lib/string.c, with the
 *    SVR5 contract: 0 when equal).  The module's own bcmp is renamed
 *    __svr5ddi_bcmp so its export does not collide; a ported driver's
 *    bcmp call links to the kernel's.
 *
 * 6. Kernel-version differences, decided by configure's kernel API probes
 *    (config/kernel-*.m4, passed to Kbuild as -D flags), never by
 *    LINUX_VERSION_CODE:
 *    - virt_to_pfn(): generic on some architectures, absent on x86 (only
 *      Xen's header has it); supplied here when the kernel lacks it
 *      (HAVE_VIRT_TO_PFN).  compat/ provides it.
 *    - The largest buddy order, DDI_OS_TOP_ORDER: 6.1 (and compat/)
 *      count MAX_ORDER exclusively (top order MAX_ORDER - 1); 6.4 made
 *      MAX_ORDER inclusive and 6.8 renamed it MAX_PAGE_ORDER
 *      (HAVE_MAX_ORDER_INCLUSIVE, HAVE_MAX_PAGE_ORDER).
 *
 * 7. I/O that reached no device.  The emulation knows when a port or
 *    device-memory access found no device model behind it and counts it
 *    (compat_io_unclaimed()); ddi_os_io_unclaimed() reads that count, so
 *    the io family can report the driver's access with its site.  Real
 *    hardware cannot tell (an empty ISA port reads all ones like a busy
 *    one): in the kernel it is the constant 0 and the checks compile away.
 */
#ifndef _SVR5DDI_DDI_OS_H
#define _SVR5DDI_DDI_OS_H

#include <linux/compiler.h>
#include <linux/init.h>

extern int ddi_module_up;		/* module.c: set at the end of init */

#ifdef __KERNEL__

#define DDI_OS_DEBUG_DEFAULT	0

static inline void ddi_os_ready(void)
{
}

static inline const char *ddi_os_getenv(const char *name)
{
	return NULL;
}

#define ddi_os_direct_mapped(addr)	virt_addr_valid(addr)

#define bcmp			__svr5ddi_bcmp

static inline unsigned long ddi_os_io_unclaimed(void)
{
	return 0;
}

#include <linux/mm.h>

#ifndef HAVE_VIRT_TO_PFN
#define virt_to_pfn(addr)	(__pa(addr) >> PAGE_SHIFT)
#endif

#if defined(HAVE_MAX_PAGE_ORDER)
#define DDI_OS_TOP_ORDER	MAX_PAGE_ORDER
#elif defined(HAVE_MAX_ORDER_INCLUSIVE)
#define DDI_OS_TOP_ORDER	MAX_ORDER
#else
#define DDI_OS_TOP_ORDER	(MAX_ORDER - 1)
#endif

#else /* userspace library over compat/ */

#include <svr5ddi_config.h>

#define DDI_OS_DEBUG_DEFAULT	SVR5DDI_DEBUG_DEFAULT

const char *__compat_getenv(const char *name);

static __always_inline void ddi_os_ready(void)
{
	if (unlikely(!__atomic_load_n(&ddi_module_up, __ATOMIC_ACQUIRE)))
		__compat_modules_ready();
}

static inline const char *ddi_os_getenv(const char *name)
{
	return __compat_getenv(name);
}

unsigned long compat_io_unclaimed(void);	/* <svr5compat/iomodel.h> */

static inline unsigned long ddi_os_io_unclaimed(void)
{
	return compat_io_unclaimed();
}

#include <asm/page.h>
#include <linux/mmzone.h>

#define DDI_OS_TOP_ORDER	(MAX_ORDER - 1)	/* largest buddy block order */

/* pfn below the emulation's end of memory (holes have zeroed pages). */
static __always_inline bool ddi_os_direct_mapped(const void *addr)
{
	return (__pa(addr) >> PAGE_SHIFT) < __compat_max_pfn;
}

#endif /* __KERNEL__ */

#endif /* _SVR5DDI_DDI_OS_H */
