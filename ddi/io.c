// SPDX-License-Identifier: MIT
/*
 * io.c - the Linux half of the io family: port I/O through the Linux
 * accessors, device memory through ioremap()/memremap() (io_svr5.c holds
 * the SVR5 names; io_internal.h says why the halves are apart).
 *
 * Ports.  A port call checks its port (0..0xffff, the whole access
 * inside) and calls inb/inw/inl/outb/outw/outl or the ins/outs string
 * forms.  In the kernel these are the instructions.  In userspace they
 * reach the device model registered for the port, and the emulation
 * counts accesses no model answered: ddi_os_io_unclaimed() moving across
 * the access means this access found no device, reported once per port
 * as NO_DEVICE with the driver's site (the count is global: an unclaimed
 * access on another thread at the same moment can be blamed on this one;
 * in the kernel the count is 0 and nothing is checked).
 *
 * Device memory.  physmap() and devmem_mapin() keep a record per mapping
 * (ddi_iomaps, under ddi_iomap_lock, a spinlock: physmap_free may run at
 * interrupt level) so that the free calls can tell their own addresses
 * from wild ones and check the size.  RAM (region_intersects() says the
 * whole range is System RAM) is mapped with memremap(MEMREMAP_WB), which
 * is the direct map and never sleeps; anything else with ioremap()
 * (uncached), which needs process context.  So physmap(KM_NOSLEEP) of
 * device memory at interrupt level fails (NULL, as KM_NOSLEEP allows), and
 * an iounmap() due at interrupt level is deferred: the record moves to
 * ddi_iomap_deferred and the next io call made in process context unmaps
 * it (no work item: nothing can then run after module unload).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include "ddi_internal.h"
#include "io_internal.h"

#define DDI_IO_PORTS		0x10000U
#define DDI_LONG_BITS		(8 * sizeof(unsigned long))

/* ---- ports --------------------------------------------------------------- */

/* Ports whose unclaimed access was reported (userspace only). */
static unsigned long ddi_io_reported[DDI_IO_PORTS / DDI_LONG_BITS];

static bool ddi_io_first_report(unsigned int port)
{
	unsigned long *w = &ddi_io_reported[port / DDI_LONG_BITS];
	unsigned long mask = 1UL << (port % DDI_LONG_BITS);
	unsigned long old;

	for (;;) {
		old = READ_ONCE(*w);
		if (old & mask)
			return false;
		if (cmpxchg(w, old, old | mask) == old)
			return true;
	}
}

static void ddi_io_no_device(const char *call, int port, unsigned int width,
			     const char *file, int line)
{
	if (ddi_io_first_report((unsigned int)port))
		ddi_misuse(SVR5DDI_MISUSE_NO_DEVICE,
			   "%s: no device: port %#x width %u at %s", call, port,
			   width, DDI_SITE(file, line));
}

/* Is [port, port + width) inside the port space?  Reports if not. */
static bool ddi_io_port_ok(int port, unsigned int width, const char *call,
			   const char *file, int line)
{
	if (likely(port >= 0 && (unsigned int)port <= DDI_IO_PORTS - width))
		return true;
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT, "%s: bad argument: port %#x at %s",
		   call, port, DDI_SITE(file, line));
	return false;
}

static inline unsigned int ddi_io_ones(unsigned int width)
{
	return width >= 4 ? ~0U : (1U << (width * 8)) - 1;
}

/*
 * ddi_io_in - inb/inw/inl: @width bytes from @port.  Context: any.  All
 * ones for a bad port (nothing accessed).
 */
unsigned int ddi_io_in(int port, unsigned int width, const char *call,
		       const char *file, int line)
{
	unsigned long before;
	unsigned int v;

	if (unlikely(!ddi_io_port_ok(port, width, call, file, line)))
		return ddi_io_ones(width);
	before = ddi_os_io_unclaimed();
	switch (width) {
	case 1:
		v = inb((u16)port);
		break;
	case 2:
		v = inw((u16)port);
		break;
	default:
		v = inl((u16)port);
		break;
	}
	if (unlikely(ddi_os_io_unclaimed() != before))
		ddi_io_no_device(call, port, width, file, line);
	return v;
}

/* ddi_io_out - outb/outw/outl: @value to @port.  Context: any. */
void ddi_io_out(int port, unsigned int width, unsigned int value,
		const char *call, const char *file, int line)
{
	unsigned long before;

	if (unlikely(!ddi_io_port_ok(port, width, call, file, line)))
		return;
	before = ddi_os_io_unclaimed();
	switch (width) {
	case 1:
		outb((u8)value, (u16)port);
		break;
	case 2:
		outw((u16)value, (u16)port);
		break;
	default:
		outl(value, (u16)port);
		break;
	}
	if (unlikely(ddi_os_io_unclaimed() != before))
		ddi_io_no_device(call, port, width, file, line);
}

static bool ddi_io_rep_ok(int port, unsigned int width, const void *addr,
			  int cnt, const char *call, const char *file,
			  int line)
{
	if (likely(cnt >= 0 && (addr || !cnt)))
		return ddi_io_port_ok(port, width, call, file, line);
	ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
		   "%s: bad argument: port %#x addr %s count %d at %s", call,
		   port, addr ? "set" : "NULL", cnt, DDI_SITE(file, line));
	return false;
}

/*
 * ddi_io_rep_in - repinsb/w/d: @cnt reads of @port into packed elements
 * at @addr.  Context: any.
 */
void ddi_io_rep_in(int port, unsigned int width, void *addr, int cnt,
		   const char *call, const char *file, int line)
{
	unsigned long before;

	if (unlikely(!ddi_io_rep_ok(port, width, addr, cnt, call, file, line)) ||
	    !cnt)
		return;
	before = ddi_os_io_unclaimed();
	switch (width) {
	case 1:
		insb((u16)port, addr, cnt);
		break;
	case 2:
		insw((u16)port, addr, cnt);
		break;
	default:
		insl((u16)port, addr, cnt);
		break;
	}
	if (unlikely(ddi_os_io_unclaimed() != before))
		ddi_io_no_device(call, port, width, file, line);
}

/* ddi_io_rep_out - repoutsb/w/d: @cnt elements at @addr to @port.  Any. */
void ddi_io_rep_out(int port, unsigned int width, const void *addr, int cnt,
		    const char *call, const char *file, int line)
{
	unsigned long before;

	if (unlikely(!ddi_io_rep_ok(port, width, addr, cnt, call, file, line)) ||
	    !cnt)
		return;
	before = ddi_os_io_unclaimed();
	switch (width) {
	case 1:
		outsb((u16)port, addr, cnt);
		break;
	case 2:
		outsw((u16)port, addr, cnt);
		break;
	default:
		outsl((u16)port, addr, cnt);
		break;
	}
	if (unlikely(ddi_os_io_unclaimed() != before))
		ddi_io_no_device(call, port, width, file, line);
}

/* ---- mapping records ----------------------------------------------------- */

enum { DDI_MAP_PHYSMAP, DDI_MAP_DEVMEM };
enum { DDI_HOW_MEMREMAP, DDI_HOW_IOREMAP };

struct ddi_iomap {
	struct list_head list;
	void *addr;
	unsigned long size;
	u8 kind;			/* DDI_MAP_* */
	u8 how;				/* DDI_HOW_* */
};

static DEFINE_SPINLOCK(ddi_iomap_lock);
static LIST_HEAD(ddi_iomaps);
static LIST_HEAD(ddi_iomap_deferred);	/* iounmap due in process context */

static const char *const ddi_map_call[] = {
	[DDI_MAP_PHYSMAP] = "physmap",
	[DDI_MAP_DEVMEM] = "devmem_mapin",
};

static bool ddi_io_can_sleep(void)
{
	return !in_interrupt() && !in_atomic() && !irqs_disabled();
}

static void ddi_iomap_release(struct ddi_iomap *m)
{
	if (m->how == DDI_HOW_IOREMAP)
		iounmap((void __iomem *)m->addr);
	else
		memunmap(m->addr);
	kfree(m);
}

/* Unmap what interrupt-level frees left behind.  Context: process. */
static void ddi_iomap_drain(void)
{
	struct ddi_iomap *m;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&ddi_iomap_lock, flags);
		m = list_first_entry_or_null(&ddi_iomap_deferred,
					     struct ddi_iomap, list);
		if (m)
			list_del(&m->list);
		spin_unlock_irqrestore(&ddi_iomap_lock, flags);
		if (!m)
			return;
		ddi_iomap_release(m);
	}
}

static void ddi_iomap_insert(struct ddi_iomap *m)
{
	unsigned long flags;

	spin_lock_irqsave(&ddi_iomap_lock, flags);
	list_add(&m->list, &ddi_iomaps);
	spin_unlock_irqrestore(&ddi_iomap_lock, flags);
}

/*
 * Unlink the record of @addr made by @kind's call, reporting a wild
 * address (NULL) or a size other than the mapped one.
 */
static struct ddi_iomap *ddi_iomap_remove(void *addr, unsigned long size,
					  int kind, const char *call,
					  const char *file, int line)
{
	struct ddi_iomap *m, *found = NULL;
	bool other = false;
	unsigned long flags;

	spin_lock_irqsave(&ddi_iomap_lock, flags);
	list_for_each_entry(m, &ddi_iomaps, list) {
		if (m->addr != addr)
			continue;
		if (m->kind != kind) {
			other = true;
			continue;
		}
		found = m;
		list_del(&m->list);
		break;
	}
	spin_unlock_irqrestore(&ddi_iomap_lock, flags);
	if (!found) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "%s: bad argument: addr 0x%lx: not mapped by %s%s at %s",
			   call, (unsigned long)addr, ddi_map_call[kind],
			   other ? " (mapped by the other call)" : "",
			   DDI_SITE(file, line));
		return NULL;
	}
	if (found->size != size)
		ddi_misuse(SVR5DDI_MISUSE_SIZE_MISMATCH,
			   "%s: size mismatch: addr 0x%lx size %lu, mapped %lu at %s",
			   call, (unsigned long)addr, size, found->size,
			   DDI_SITE(file, line));
	return found;
}

/* Release now, or later if this context cannot unmap. */
static void ddi_iomap_put(struct ddi_iomap *m)
{
	unsigned long flags;

	if (m->how == DDI_HOW_IOREMAP && !ddi_io_can_sleep()) {
		spin_lock_irqsave(&ddi_iomap_lock, flags);
		list_add_tail(&m->list, &ddi_iomap_deferred);
		spin_unlock_irqrestore(&ddi_iomap_lock, flags);
		return;
	}
	ddi_iomap_release(m);
}

/*
 * ioremap [phys, phys + len), reporting a range no device answers
 * (userspace) as NO_DEVICE.
 */
static void *ddi_io_ioremap(u64 phys, unsigned long len, const char *call,
			    const char *what, const char *file, int line)
{
	unsigned long before = ddi_os_io_unclaimed();
	void __iomem *va = ioremap(phys, len);

	if (unlikely(ddi_os_io_unclaimed() != before))
		ddi_misuse(SVR5DDI_MISUSE_NO_DEVICE,
			   "%s: no device: %s at %#llx len %lu at %s", call,
			   what, (unsigned long long)phys, len,
			   DDI_SITE(file, line));
	return (void __force *)va;
}

/* ---- physmap ------------------------------------------------------------- */

/*
 * ddi_physmap - physmap(D3).  RAM: the direct map (memremap WB), any
 * context.  Other memory: ioremap, only where the context may sleep
 * (KM_NOSLEEP there is not taken to forbid ioremap's short allocations).
 * NULL for a bad argument (reported), a range partly RAM (reported), or
 * no resources.
 */
void *ddi_physmap(unsigned long paddr, unsigned long nbytes, unsigned int km,
		  const char *file, int line)
{
	struct ddi_iomap *m;
	bool can_sleep;
	int ram;

	ddi_os_ready();
	if (!nbytes || paddr + nbytes < paddr || (km & ~KM_NOSLEEP)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "physmap: bad argument: paddr %#lx nbytes %lu flags %#x: %s at %s",
			   paddr, nbytes, km,
			   !nbytes ? "empty range" : (km & ~KM_NOSLEEP) ?
			   "flags not KM_SLEEP or KM_NOSLEEP" : "range wraps",
			   DDI_SITE(file, line));
		return NULL;
	}
	km = ddi_km_effective(km, nbytes, "physmap", file, line);
	can_sleep = ddi_io_can_sleep();
	if (can_sleep)
		ddi_iomap_drain();
	ram = region_intersects(paddr, nbytes, IORESOURCE_SYSTEM_RAM,
				IORES_DESC_NONE);
	if (ram == REGION_MIXED) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "physmap: bad argument: paddr %#lx nbytes %lu flags %#x: range is partly RAM at %s",
			   paddr, nbytes, km, DDI_SITE(file, line));
		return NULL;
	}
	if (ram != REGION_INTERSECTS && !can_sleep)
		return NULL;
	m = kmalloc(sizeof(*m), can_sleep ? GFP_KERNEL : GFP_ATOMIC);
	if (!m)
		return NULL;
	m->size = nbytes;
	m->kind = DDI_MAP_PHYSMAP;
	if (ram == REGION_INTERSECTS) {
		m->how = DDI_HOW_MEMREMAP;
		m->addr = memremap(paddr, nbytes, MEMREMAP_WB);
	} else {
		m->how = DDI_HOW_IOREMAP;
		m->addr = ddi_io_ioremap(paddr, nbytes, "physmap",
					 "physical memory", file, line);
	}
	if (!m->addr) {
		kfree(m);
		return NULL;
	}
	ddi_iomap_insert(m);
	return m->addr;
}

/*
 * ddi_physmap_free - physmap_free(D3): @flags must be 0 (reported, then
 * ignored).  Context: any; an ioremap()ed range freed at interrupt level
 * is unmapped by the next io call in process context.
 */
void ddi_physmap_free(void *vaddr, unsigned long nbytes, unsigned int flags,
		      const char *file, int line)
{
	struct ddi_iomap *m;

	ddi_os_ready();
	if (flags)
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "physmap_free: bad argument: addr 0x%lx flags %#x: flags must be 0 at %s",
			   (unsigned long)vaddr, flags, DDI_SITE(file, line));
	if (ddi_io_can_sleep())
		ddi_iomap_drain();
	m = ddi_iomap_remove(vaddr, nbytes, DDI_MAP_PHYSMAP, "physmap_free",
			     file, line);
	if (m)
		ddi_iomap_put(m);
}

/* ---- devmem_mapin (DDI 8) ------------------------------------------------ */

static bool ddi_io_wrong_context(const char *call, const char *file, int line)
{
	if (likely(ddi_io_can_sleep()))
		return false;
	ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
		   "%s: wrong context: %s at %s", call,
		   in_interrupt() ? "interrupt level" : "atomic context",
		   DDI_SITE(file, line));
	return true;
}

/*
 * ddi_devmem_mapin - devmem_mapin(D3): ioremap @len bytes at @offset of
 * the @memnum-th CM_MEMADDR range of board @key.  NULL (reported) for an
 * unknown range, a window outside it, or the wrong context; NULL if the
 * mapping fails.  Context: process.
 */
void *ddi_devmem_mapin(unsigned int key, unsigned int memnum,
		       unsigned long offset, unsigned long len,
		       const char *file, int line)
{
	struct ddi_iomap *m;
	u64 start, rlen;

	ddi_os_ready();
	if (ddi_io_wrong_context("devmem_mapin", file, line))
		return NULL;
	ddi_iomap_drain();
	if (ddi_rm_memrange(key, memnum, &start, &rlen)) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "devmem_mapin: bad argument: key %#x memnum %u offset %#lx len %lu: no such CM_MEMADDR range at %s",
			   key, memnum, offset, len, DDI_SITE(file, line));
		return NULL;
	}
	if (!len || offset >= rlen || len > rlen - offset) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "devmem_mapin: bad argument: key %#x memnum %u offset %#lx len %lu: range is %llu bytes at %s",
			   key, memnum, offset, len, (unsigned long long)rlen,
			   DDI_SITE(file, line));
		return NULL;
	}
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->size = len;
	m->kind = DDI_MAP_DEVMEM;
	m->how = DDI_HOW_IOREMAP;
	m->addr = ddi_io_ioremap(start + offset, len, "devmem_mapin",
				 "device memory", file, line);
	if (!m->addr) {
		kfree(m);
		return NULL;
	}
	ddi_iomap_insert(m);
	return m->addr;
}

/*
 * ddi_devmem_mapout - devmem_mapout(D3).  Context: process (at interrupt
 * level it is reported, and the unmapping deferred).
 */
void ddi_devmem_mapout(void *addr, unsigned long len, const char *file,
		       int line)
{
	struct ddi_iomap *m;

	ddi_os_ready();
	if (!ddi_io_wrong_context("devmem_mapout", file, line))
		ddi_iomap_drain();
	m = ddi_iomap_remove(addr, len, DDI_MAP_DEVMEM, "devmem_mapout", file,
			     line);
	if (m)
		ddi_iomap_put(m);
}

