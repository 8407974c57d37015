// SPDX-License-Identifier: MIT
/*
 * io.c - port I/O, device memory and device DMA of the simulated machine
 * (svr5compat/iomodel.h), behind the Linux 6.1 accessors of <asm/io.h>
 * and <linux/io.h>: inb..outl, insb..outsl, ioread8..iowrite32,
 * ioport_map, readb..writel, ioremap*, iounmap, memremap, memunmap,
 * region_intersects.
 *
 * Theory.  Two registries, both small fixed tables under io_lock (a host
 * mutex, so that taking it changes nothing in the emulated preempt count
 * a model or a driver may look at):
 *   port ranges   [base, base + len) of the 64 KiB port space, each with
 *                 its callbacks; port_owner[] maps every port to its
 *                 range (0: none), so a lookup is one load;
 *   memory ranges [phys, phys + len) outside RAM, each with the host
 *                 buffer that backs it.
 * A port access looks its owner up under io_lock and calls the model
 * after dropping it (a model may itself do I/O or DMA); a model therefore
 * must not be unregistered while an access to it can be in flight.  An
 * access nobody owns reads all ones and writes nothing, is counted in
 * io_unclaimed, and is reported at KERN_ERR the first time for its port
 * (reported_ports[]) or range (reported_mem[]), until
 * compat_io_reset_unclaimed() forgets both.
 *
 * Mappings.  Every ioremap()/memremap() that does not return the direct
 * map gets a record in the maps list (host heap), so that iounmap() can
 * tell its own addresses from bad ones.  A mapping of a registered range
 * is the model's buffer at that offset (loads and stores go straight to
 * it); a mapping of nothing is a "floating bus" buffer of all ones, and
 * while any exists (__compat_io_floating) readX/writeX take the slow path
 * that recognises it: reads give all ones, writes are dropped, each is
 * counted as unclaimed.
 *
 * Device DMA: compat_phys_read/compat_phys_write copy by physical address
 * through the direct map, after checking that every byte lies in present
 * RAM (the holes between zones and everything past the last zone fail).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <svr5compat/iomodel.h>
#include "internal.h"

#define IO_PORTS		0x10000UL
#define IO_MAX_PORT_RANGES	128	/* port_owner[] holds an index + 1 */
#define IO_MAX_MEM_RANGES	64
#define IO_MAX_REPORTED_MEM	64
#define IO_LONG_BITS		(8 * sizeof(unsigned long))

struct io_port_range {
	unsigned long base, len;	/* len 0: free slot */
	const struct compat_io_ops *ops;
	void *model;
	const char *name;
};

struct io_mem_range {
	phys_addr_t phys;
	size_t len;			/* 0: free slot */
	void *backing;
	const char *name;
};

struct io_map {
	struct io_map *next;
	void *addr;			/* what the caller got */
	phys_addr_t phys;
	size_t size;
	bool floating;			/* addr is our all-ones buffer */
};

static struct host_mutex io_lock;	/* zero-filled: initialised */
static struct io_port_range port_ranges[IO_MAX_PORT_RANGES];
static u8 port_owner[IO_PORTS];
static struct io_mem_range mem_ranges[IO_MAX_MEM_RANGES];
static struct io_map *maps;
static unsigned long reported_ports[IO_PORTS / IO_LONG_BITS];
static struct {
	phys_addr_t phys;
	size_t len;
} reported_mem[IO_MAX_REPORTED_MEM];
static unsigned int nr_reported_mem;
static unsigned long io_unclaimed;	/* atomic */

int __compat_io_floating;		/* atomic: live floating mappings */
EXPORT_SYMBOL(__compat_io_floating);

static void unclaimed_add(unsigned long n)
{
	__atomic_add_fetch(&io_unclaimed, n, __ATOMIC_RELAXED);
}

/* ---- simulated RAM ------------------------------------------------------- */

/* Bytes of [phys, phys + len) that are present RAM (len > 0, no wrap). */
static u64 ram_bytes_in(phys_addr_t phys, u64 len)
{
	struct pglist_data *pgdat;
	u64 total = 0, end = phys + len;
	int i;

	compat_init();
	pgdat = NODE_DATA(0);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &pgdat->node_zones[i];
		u64 zs = (u64)z->zone_start_pfn << PAGE_SHIFT;
		u64 ze = zs + ((u64)z->present_pages << PAGE_SHIFT);
		u64 lo = max(zs, phys), hi = min(ze, end);

		if (lo < hi)
			total += hi - lo;
	}
	return total;
}

/**
 * region_intersects - does [@offset, @offset + @size) meet resources of a type?
 * @offset: first physical address
 * @size: bytes
 * @flags: resource type; only IORESOURCE_SYSTEM_RAM is known here
 * @desc: IORES_DESC_NONE
 *
 * Context: any.  As 6.1: REGION_INTERSECTS when the range is entirely
 * System RAM, REGION_DISJOINT when none of it is, REGION_MIXED otherwise.
 * The emulation has no resource tree: other types are always disjoint.
 */
int region_intersects(resource_size_t offset, size_t size,
		      unsigned long flags, unsigned long desc)
{
	u64 ram;

	if ((flags & IORESOURCE_SYSTEM_RAM) != IORESOURCE_SYSTEM_RAM ||
	    desc != IORES_DESC_NONE || !size || offset + size < offset)
		return REGION_DISJOINT;
	ram = ram_bytes_in(offset, size);
	if (!ram)
		return REGION_DISJOINT;
	return ram == size ? REGION_INTERSECTS : REGION_MIXED;
}
EXPORT_SYMBOL(region_intersects);

/* ---- registration -------------------------------------------------------- */

/**
 * compat_io_register_ports - put a device model behind a range of ports
 * @base: first port
 * @len: number of ports; [base, base + len) must fit in 64 KiB
 * @ops: the model's callbacks (both required)
 * @model: passed back to the callbacks
 * @name: for diagnostics (kept, not copied)
 *
 * Context: process.  Returns 0, -EINVAL (bad range or ops), -EBUSY (the
 * range overlaps a registered one) or -ENOSPC (table full).
 */
int compat_io_register_ports(unsigned long base, unsigned long len,
			     const struct compat_io_ops *ops, void *model,
			     const char *name)
{
	unsigned long p;
	int i, slot = -1, err = 0;

	compat_init();
	if (!len || base >= IO_PORTS || len > IO_PORTS - base || !ops ||
	    !ops->in || !ops->out)
		return -EINVAL;
	host_mutex_lock(&io_lock);
	for (p = base; p < base + len; p++) {
		if (port_owner[p]) {
			err = -EBUSY;
			goto out;
		}
	}
	for (i = 0; i < IO_MAX_PORT_RANGES; i++) {
		if (!port_ranges[i].len) {
			slot = i;
			break;
		}
	}
	if (slot < 0) {
		err = -ENOSPC;
		goto out;
	}
	port_ranges[slot] = (struct io_port_range){
		.base = base, .len = len, .ops = ops, .model = model,
		.name = name ? name : "?",
	};
	for (p = base; p < base + len; p++)
		port_owner[p] = (u8)(slot + 1);
out:
	host_mutex_unlock(&io_lock);
	return err;
}
EXPORT_SYMBOL(compat_io_register_ports);

/**
 * compat_io_unregister_ports - remove the model registered at @base
 * @base: the base it was registered with
 *
 * Context: process; no access to the range may be in flight.  WARNs if
 * nothing was registered at @base.
 */
void compat_io_unregister_ports(unsigned long base)
{
	unsigned long p;
	int i;

	compat_init();
	host_mutex_lock(&io_lock);
	for (i = 0; i < IO_MAX_PORT_RANGES; i++) {
		struct io_port_range *r = &port_ranges[i];

		if (r->len && r->base == base) {
			for (p = r->base; p < r->base + r->len; p++)
				port_owner[p] = 0;
			memset(r, 0, sizeof(*r));
			host_mutex_unlock(&io_lock);
			return;
		}
	}
	host_mutex_unlock(&io_lock);
	WARN(1, "compat: no port range registered at %#lx\n", base);
}
EXPORT_SYMBOL(compat_io_unregister_ports);

/**
 * compat_io_register_mem - put a host buffer behind a device-memory range
 * @phys: first physical address
 * @len: bytes
 * @backing: @len bytes the model owns; mappings point into it
 * @name: for diagnostics (kept, not copied)
 *
 * Context: process.  Returns 0, -EINVAL (empty or wrapping range, no
 * buffer, or the range touches present RAM), -EBUSY (overlaps a
 * registered range) or -ENOSPC (table full).
 */
int compat_io_register_mem(phys_addr_t phys, size_t len, void *backing,
			   const char *name)
{
	int i, slot = -1, err = 0;

	compat_init();
	if (!len || !backing || phys + len < phys ||
	    ram_bytes_in(phys, len) != 0)
		return -EINVAL;
	host_mutex_lock(&io_lock);
	for (i = 0; i < IO_MAX_MEM_RANGES; i++) {
		struct io_mem_range *r = &mem_ranges[i];

		if (!r->len) {
			if (slot < 0)
				slot = i;
			continue;
		}
		if (phys < r->phys + r->len && r->phys < phys + len) {
			err = -EBUSY;
			goto out;
		}
	}
	if (slot < 0) {
		err = -ENOSPC;
		goto out;
	}
	mem_ranges[slot] = (struct io_mem_range){
		.phys = phys, .len = len, .backing = backing,
		.name = name ? name : "?",
	};
out:
	host_mutex_unlock(&io_lock);
	return err;
}
EXPORT_SYMBOL(compat_io_register_mem);

/**
 * compat_io_unregister_mem - remove the device memory registered at @phys
 * @phys: the address it was registered with
 *
 * Context: process.  Mappings of the range keep pointing at the model's
 * buffer: unmap them first.  WARNs if nothing was registered at @phys.
 */
void compat_io_unregister_mem(phys_addr_t phys)
{
	int i;

	compat_init();
	host_mutex_lock(&io_lock);
	for (i = 0; i < IO_MAX_MEM_RANGES; i++) {
		struct io_mem_range *r = &mem_ranges[i];

		if (r->len && r->phys == phys) {
			memset(r, 0, sizeof(*r));
			host_mutex_unlock(&io_lock);
			return;
		}
	}
	host_mutex_unlock(&io_lock);
	WARN(1, "compat: no device memory registered at %#llx\n",
	     (unsigned long long)phys);
}
EXPORT_SYMBOL(compat_io_unregister_mem);

/**
 * compat_io_unclaimed - accesses that found no device model
 *
 * Context: any.  Counts since start or the last compat_io_reset_unclaimed():
 * one per port access (one per element of a string access), one per
 * mapping of unclaimed device memory, one per readX/writeX through it.
 */
unsigned long compat_io_unclaimed(void)
{
	return __atomic_load_n(&io_unclaimed, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(compat_io_unclaimed);

/**
 * compat_io_reset_unclaimed - zero the count and forget what was reported
 *
 * Context: any (not concurrently with unclaimed accesses it should see).
 * The next unclaimed access to any port or range is reported again.
 */
void compat_io_reset_unclaimed(void)
{
	host_mutex_lock(&io_lock);
	memset(reported_ports, 0, sizeof(reported_ports));
	nr_reported_mem = 0;
	host_mutex_unlock(&io_lock);
	__atomic_store_n(&io_unclaimed, 0, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(compat_io_reset_unclaimed);

/* ---- port accesses ------------------------------------------------------- */

/* The owner of @port, copied out under the lock; false if none. */
static bool port_lookup(unsigned long port, struct io_port_range *out)
{
	unsigned int idx;

	if (port >= IO_PORTS)
		return false;
	host_mutex_lock(&io_lock);
	idx = port_owner[port];
	if (idx)
		*out = port_ranges[idx - 1];
	host_mutex_unlock(&io_lock);
	return idx != 0;
}

/* Count @n unclaimed accesses at @port; report the port's first one. */
static void port_unclaimed(unsigned long port, unsigned int width,
			   unsigned long n, const char *acc)
{
	unsigned long bit = port & (IO_PORTS - 1);
	unsigned long *word = &reported_ports[bit / IO_LONG_BITS];
	unsigned long mask = 1UL << (bit % IO_LONG_BITS);

	unclaimed_add(n);
	if (__atomic_fetch_or(word, mask, __ATOMIC_RELAXED) & mask)
		return;
	compat_init();		/* the log, if this is the first call */
	pr_err("compat: unclaimed I/O: %s port %#lx width %u\n", acc, port,
	       width);
}

static inline u32 width_mask(unsigned int width)
{
	return width >= 4 ? ~0U : (1U << (width * 8)) - 1;
}

/**
 * __compat_io_in - inb/inw/inl: read @width bytes at @port
 * @port: port number
 * @width: 1, 2 or 4
 * @acc: the accessor's name, for the unclaimed report
 *
 * Context: any (the model runs in the caller's context).  All ones when
 * no model owns the port.
 */
u32 __compat_io_in(unsigned long port, unsigned int width, const char *acc)
{
	struct io_port_range r;

	if (!port_lookup(port, &r)) {
		port_unclaimed(port, width, 1, acc);
		return width_mask(width);
	}
	return r.ops->in(r.model, port, width) & width_mask(width);
}
EXPORT_SYMBOL(__compat_io_in);

/**
 * __compat_io_out - outb/outw/outl: write @value (@width bytes) to @port
 * @port: port number
 * @width: 1, 2 or 4
 * @value: the low @width bytes are written
 * @acc: the accessor's name, for the unclaimed report
 *
 * Context: any.  Dropped when no model owns the port.
 */
void __compat_io_out(unsigned long port, unsigned int width, u32 value,
		     const char *acc)
{
	struct io_port_range r;

	if (!port_lookup(port, &r)) {
		port_unclaimed(port, width, 1, acc);
		return;
	}
	r.ops->out(r.model, port, width, value & width_mask(width));
}
EXPORT_SYMBOL(__compat_io_out);

static u32 load_width(const void *p, unsigned int width)
{
	u8 b;
	u16 w;
	u32 l;

	switch (width) {
	case 1:
		memcpy(&b, p, 1);
		return b;
	case 2:
		memcpy(&w, p, 2);
		return w;
	default:
		memcpy(&l, p, 4);
		return l;
	}
}

static void store_width(void *p, unsigned int width, u32 v)
{
	u8 b = (u8)v;
	u16 w = (u16)v;

	switch (width) {
	case 1:
		memcpy(p, &b, 1);
		break;
	case 2:
		memcpy(p, &w, 2);
		break;
	default:
		memcpy(p, &v, 4);
		break;
	}
}

/**
 * __compat_io_ins - insb/insw/insl: @count reads of @port into memory
 * @port: port number
 * @width: 1, 2 or 4: element size
 * @addr: @count elements, packed (no alignment needed)
 * @count: elements
 * @acc: the accessor's name, for the unclaimed report
 *
 * Context: any.  As "rep ins": each element is one access of the model,
 * in order.
 */
void __compat_io_ins(unsigned long port, unsigned int width, void *addr,
		     unsigned long count, const char *acc)
{
	struct io_port_range r;
	u8 *p = addr;

	if (!count)
		return;
	if (!port_lookup(port, &r)) {
		port_unclaimed(port, width, count, acc);
		memset(addr, 0xff, count * width);
		return;
	}
	for (; count; count--, p += width)
		store_width(p, width,
			    r.ops->in(r.model, port, width) & width_mask(width));
}
EXPORT_SYMBOL(__compat_io_ins);

/**
 * __compat_io_outs - outsb/outsw/outsl: @count writes of memory to @port
 * @port: port number
 * @width: 1, 2 or 4: element size
 * @addr: @count elements, packed
 * @count: elements
 * @acc: the accessor's name, for the unclaimed report
 *
 * Context: any.
 */
void __compat_io_outs(unsigned long port, unsigned int width,
		      const void *addr, unsigned long count, const char *acc)
{
	struct io_port_range r;
	const u8 *p = addr;

	if (!count)
		return;
	if (!port_lookup(port, &r)) {
		port_unclaimed(port, width, count, acc);
		return;
	}
	for (; count; count--, p += width)
		r.ops->out(r.model, port, width, load_width(p, width));
}
EXPORT_SYMBOL(__compat_io_outs);

/* ---- lib/iomap.c --------------------------------------------------------- */

#define PIO_OFFSET	0x10000UL
#define PIO_MASK	0x0ffffUL
#define PIO_RESERVED	0x40000UL

static void bad_io_access(unsigned long port, const char *access)
{
	static int count = 10;	/* as 6.1: the first ten only */

	if (__atomic_load_n(&count, __ATOMIC_RELAXED) > 0 &&
	    __atomic_sub_fetch(&count, 1, __ATOMIC_RELAXED) >= 0)
		WARN(1, "Bad IO access at port %#lx (%s)\n", port,
		     access);
}

/*
 * The cookie's kind, as 6.1's IO_COND: 1 port (*port set), 0 MMIO,
 * -1 bad (already reported).
 */
static int iomap_kind(const void __iomem *addr, unsigned long *port,
		      const char *access)
{
	unsigned long a = (unsigned long)addr;

	if (a >= PIO_RESERVED)
		return 0;
	if (a > PIO_OFFSET) {
		*port = a & PIO_MASK;
		return 1;
	}
	bad_io_access(a, access);
	return -1;
}

/**
 * ioread8 - read a byte from an ioport_map() cookie or an MMIO address
 * @addr: cookie or address
 *
 * Context: any.  Bad cookies give 0xff after a "Bad IO access" WARN.
 */
unsigned int ioread8(const void __iomem *addr)
{
	unsigned long port;

	switch (iomap_kind(addr, &port, "inb(port)")) {
	case 1:
		return __compat_io_in(port, 1, "ioread8");
	case 0:
		return readb(addr);
	}
	return 0xff;
}
EXPORT_SYMBOL(ioread8);

/** ioread16 - ioread8() for 16 bits.  Context: any. */
unsigned int ioread16(const void __iomem *addr)
{
	unsigned long port;

	switch (iomap_kind(addr, &port, "inw(port)")) {
	case 1:
		return __compat_io_in(port, 2, "ioread16");
	case 0:
		return readw(addr);
	}
	return 0xffff;
}
EXPORT_SYMBOL(ioread16);

/** ioread32 - ioread8() for 32 bits.  Context: any. */
unsigned int ioread32(const void __iomem *addr)
{
	unsigned long port;

	switch (iomap_kind(addr, &port, "inl(port)")) {
	case 1:
		return __compat_io_in(port, 4, "ioread32");
	case 0:
		return readl(addr);
	}
	return 0xffffffffU;
}
EXPORT_SYMBOL(ioread32);

/** iowrite8 - write a byte to a cookie or MMIO address.  Context: any. */
void iowrite8(u8 value, void __iomem *addr)
{
	unsigned long port;

	switch (iomap_kind(addr, &port, "outb(port)")) {
	case 1:
		__compat_io_out(port, 1, value, "iowrite8");
		break;
	case 0:
		writeb(value, addr);
		break;
	}
}
EXPORT_SYMBOL(iowrite8);

/** iowrite16 - iowrite8() for 16 bits.  Context: any. */
void iowrite16(u16 value, void __iomem *addr)
{
	unsigned long port;

	switch (iomap_kind(addr, &port, "outw(port)")) {
	case 1:
		__compat_io_out(port, 2, value, "iowrite16");
		break;
	case 0:
		writew(value, addr);
		break;
	}
}
EXPORT_SYMBOL(iowrite16);

/** iowrite32 - iowrite8() for 32 bits.  Context: any. */
void iowrite32(u32 value, void __iomem *addr)
{
	unsigned long port;

	switch (iomap_kind(addr, &port, "outl(port)")) {
	case 1:
		__compat_io_out(port, 4, value, "iowrite32");
		break;
	case 0:
		writel(value, addr);
		break;
	}
}
EXPORT_SYMBOL(iowrite32);

/**
 * ioport_map - a cookie for ports [@port, @port + @nr) for ioreadX/iowriteX
 * @port: first port
 * @nr: number of ports (unused, as in 6.1)
 *
 * Context: any.  As 6.1: NULL above the 64 KiB port space.  Note that port
 * 0 maps to PIO_OFFSET itself, which ioreadX then rejects, as 6.1 does.
 */
void __iomem *ioport_map(unsigned long port, unsigned int nr)
{
	if (port > PIO_MASK)
		return NULL;
	return (void __iomem *)(port + PIO_OFFSET);
}
EXPORT_SYMBOL(ioport_map);

/** ioport_unmap - nothing to undo, as in 6.1.  Context: any. */
void ioport_unmap(void __iomem *addr)
{
}
EXPORT_SYMBOL(ioport_unmap);

/* ---- device-memory mappings ---------------------------------------------- */

/* Report an unclaimed device-memory range once (io_lock held). */
static void mem_unclaimed_locked(const char *acc, phys_addr_t phys,
				 size_t size)
{
	unsigned int i;

	unclaimed_add(1);
	for (i = 0; i < nr_reported_mem; i++) {
		if (reported_mem[i].phys == phys && reported_mem[i].len == size)
			return;
	}
	if (nr_reported_mem < IO_MAX_REPORTED_MEM) {
		reported_mem[nr_reported_mem].phys = phys;
		reported_mem[nr_reported_mem].len = size;
		nr_reported_mem++;
	}
	pr_err("compat: unclaimed I/O: %s %#llx size %#zx (no device memory)\n",
	       acc, (unsigned long long)phys, size);
}

/*
 * Map device memory [phys, phys + size) that is not RAM: the registered
 * range's buffer, or a floating-bus buffer.  NULL only when out of host
 * memory.
 */
static void *map_device_mem(const char *acc, phys_addr_t phys, size_t size)
{
	struct io_map *m = host_calloc(1, sizeof(*m));
	void *addr = NULL;
	int i;

	if (!m)
		return NULL;
	host_mutex_lock(&io_lock);
	for (i = 0; i < IO_MAX_MEM_RANGES; i++) {
		struct io_mem_range *r = &mem_ranges[i];

		if (r->len && phys >= r->phys &&
		    phys + size <= r->phys + r->len) {
			addr = (char *)r->backing + (phys - r->phys);
			break;
		}
	}
	if (!addr) {
		addr = host_calloc(1, size);
		if (!addr) {
			host_mutex_unlock(&io_lock);
			host_free(m);
			return NULL;
		}
		memset(addr, 0xff, size);
		m->floating = true;
		__atomic_add_fetch(&__compat_io_floating, 1, __ATOMIC_RELAXED);
		mem_unclaimed_locked(acc, phys, size);
	}
	m->addr = addr;
	m->phys = phys;
	m->size = size;
	m->next = maps;
	maps = m;
	host_mutex_unlock(&io_lock);
	return addr;
}

static bool in_direct_map(const volatile void *addr)
{
	unsigned long a = (unsigned long)addr;
	unsigned long base = (unsigned long)__compat_direct_map;

	return a >= base && a - base < (__compat_max_pfn << PAGE_SHIFT);
}

static void __iomem *ioremap_common(const char *acc, resource_size_t offset,
				    unsigned long size)
{
	phys_addr_t last = offset + size - 1;

	compat_init();
	if (!size || last < offset)
		return NULL;
	if (ram_bytes_in(offset, size)) {
		WARN_ONCE(1, "ioremap on RAM at %#llx - %#llx\n",
			  (unsigned long long)offset, (unsigned long long)last);
		return NULL;
	}
	return (void __iomem *)map_device_mem(acc, offset, size);
}

/**
 * ioremap - map device memory (uncached on x86)
 * @offset: physical address
 * @size: bytes
 *
 * Context: process (6.1 allocates a vm area).  Returns the registered
 * model's buffer at @offset, a floating-bus mapping (reported and counted)
 * if no model registered the range, or NULL: for size 0 or a wrapping
 * range, and with a WARN for a range touching RAM, as 6.1 refuses RAM.
 */
void __iomem *ioremap(resource_size_t offset, unsigned long size)
{
	might_sleep();
	return ioremap_common("ioremap", offset, size);
}
EXPORT_SYMBOL(ioremap);

/** ioremap_uc - ioremap(), strongly uncached.  Context: process. */
void __iomem *ioremap_uc(resource_size_t offset, unsigned long size)
{
	might_sleep();
	return ioremap_common("ioremap_uc", offset, size);
}
EXPORT_SYMBOL(ioremap_uc);

/** ioremap_wc - ioremap(), write-combining.  Context: process. */
void __iomem *ioremap_wc(resource_size_t offset, unsigned long size)
{
	might_sleep();
	return ioremap_common("ioremap_wc", offset, size);
}
EXPORT_SYMBOL(ioremap_wc);

/** ioremap_cache - ioremap(), write-back cached.  Context: process. */
void __iomem *ioremap_cache(resource_size_t offset, unsigned long size)
{
	might_sleep();
	return ioremap_common("ioremap_cache", offset, size);
}
EXPORT_SYMBOL(ioremap_cache);

/* Remove and return the record whose first page holds @addr, or NULL. */
static struct io_map *map_remove(const volatile void *addr)
{
	unsigned long a = (unsigned long)addr;
	struct io_map **pp, *m;

	host_mutex_lock(&io_lock);
	for (pp = &maps; (m = *pp); pp = &m->next) {
		/* the emulated virtual page the mapping starts in */
		unsigned long page = (unsigned long)m->addr -
				     (unsigned long)(m->phys & ~PAGE_MASK);

		if (a >= page && a - page < PAGE_SIZE) {
			*pp = m->next;
			break;
		}
	}
	host_mutex_unlock(&io_lock);
	return m;
}

static void map_free(struct io_map *m)
{
	if (m->floating) {
		__atomic_sub_fetch(&__compat_io_floating, 1, __ATOMIC_RELAXED);
		host_free(m->addr);
	}
	host_free(m);
}

/**
 * iounmap - undo ioremap()
 * @addr: any address in the first page of the mapping
 *
 * Context: process.  As 6.1 on x86: NULL and direct-map addresses are
 * ignored; an address no ioremap() returned is reported ("iounmap: bad
 * address") with a stack dump and otherwise ignored.
 */
void iounmap(volatile void __iomem *addr)
{
	struct io_map *m;

	if (!addr || in_direct_map(addr))
		return;
	m = map_remove(addr);
	if (!m) {
		pr_err("iounmap: bad address %p\n", (void *)addr);
		dump_stack();
		return;
	}
	map_free(m);
}
EXPORT_SYMBOL(iounmap);

/**
 * memremap - map memory that may be RAM
 * @offset: physical address
 * @size: bytes
 * @flags: MEMREMAP_WB, MEMREMAP_WT, MEMREMAP_WC (others ignored)
 *
 * Context: any for RAM (the direct map), else process.  As 6.1: RAM
 * with MEMREMAP_WB is the direct map; RAM without it, or a range partly
 * RAM, WARNs and fails; anything else is mapped as ioremap() maps it (the
 * model's buffer or a floating bus).  NULL for @flags 0.
 */
void *memremap(resource_size_t offset, size_t size, unsigned long flags)
{
	int is_ram;

	compat_init();
	if (!flags || !size || offset + size < offset)
		return NULL;
	is_ram = region_intersects(offset, size, IORESOURCE_SYSTEM_RAM,
				   IORES_DESC_NONE);
	if (is_ram == REGION_MIXED) {
		WARN_ONCE(1, "memremap attempted on mixed range %#llx size: %#lx\n",
			  (unsigned long long)offset, (unsigned long)size);
		return NULL;
	}
	if (is_ram == REGION_INTERSECTS) {
		if (flags & MEMREMAP_WB)
			return __va(offset);
		WARN_ONCE(1, "memremap attempted on ram %#llx size: %#lx\n",
			  (unsigned long long)offset, (unsigned long)size);
		return NULL;
	}
	if (!(flags & (MEMREMAP_WB | MEMREMAP_WT | MEMREMAP_WC)))
		return NULL;
	might_sleep();		/* a new mapping, as ioremap() makes */
	return map_device_mem("memremap", offset, size);
}
EXPORT_SYMBOL(memremap);

/**
 * memunmap - undo memremap()
 * @addr: what memremap() returned
 *
 * Context: process.  Direct-map addresses need nothing; other addresses
 * are iounmap()ed.
 */
void memunmap(void *addr)
{
	if (!addr || in_direct_map(addr))
		return;
	iounmap((volatile void __iomem *)addr);
}
EXPORT_SYMBOL(memunmap);

/* The record whose mapping holds [addr, addr + width), or NULL (lock held). */
static struct io_map *map_find_locked(const volatile void *addr,
				      unsigned int width)
{
	unsigned long a = (unsigned long)addr;
	struct io_map *m;

	for (m = maps; m; m = m->next) {
		unsigned long s = (unsigned long)m->addr;

		if (a >= s && a - s + width <= m->size)
			return m;
	}
	return NULL;
}

static bool mmio_floating(const volatile void *addr, unsigned int width)
{
	struct io_map *m;
	bool floating;

	host_mutex_lock(&io_lock);
	m = map_find_locked(addr, width);
	floating = m && m->floating;
	host_mutex_unlock(&io_lock);
	if (floating)
		unclaimed_add(1);
	return floating;
}

/**
 * __compat_mmio_read - readb/readw/readl while floating mappings exist
 * @addr: MMIO address
 * @width: 1, 2 or 4
 *
 * Context: any.  All ones through a floating mapping (counted), else a
 * plain volatile load.
 */
u32 __compat_mmio_read(const volatile void __iomem *addr, unsigned int width)
{
	if (mmio_floating(addr, width))
		return width_mask(width);
	switch (width) {
	case 1:
		return *(const volatile u8 *)addr;
	case 2:
		return *(const volatile u16 *)addr;
	default:
		return *(const volatile u32 *)addr;
	}
}
EXPORT_SYMBOL(__compat_mmio_read);

/**
 * __compat_mmio_write - writeb/writew/writel while floating mappings exist
 * @addr: MMIO address
 * @width: 1, 2 or 4
 * @value: the low @width bytes are stored
 *
 * Context: any.  Dropped (and counted) through a floating mapping.
 */
void __compat_mmio_write(volatile void __iomem *addr, unsigned int width,
			 u32 value)
{
	if (mmio_floating(addr, width))
		return;
	switch (width) {
	case 1:
		*(volatile u8 *)addr = (u8)value;
		break;
	case 2:
		*(volatile u16 *)addr = (u16)value;
		break;
	default:
		*(volatile u32 *)addr = value;
		break;
	}
}
EXPORT_SYMBOL(__compat_mmio_write);

/* ---- device DMA ---------------------------------------------------------- */

static bool phys_range_is_ram(phys_addr_t phys, size_t len)
{
	if (phys + len < phys)
		return false;
	return ram_bytes_in(phys, len) == len;
}

/**
 * compat_phys_read - a device model reads RAM by physical address
 * @phys: first byte
 * @buf: destination
 * @len: bytes (0: nothing, success)
 *
 * Context: any.  0, or -EFAULT (nothing copied) unless every byte of
 * [@phys, @phys + @len) is present RAM.
 */
int compat_phys_read(phys_addr_t phys, void *buf, size_t len)
{
	if (!len)
		return 0;
	if (!phys_range_is_ram(phys, len))
		return -EFAULT;
	memcpy(buf, __va(phys), len);
	return 0;
}
EXPORT_SYMBOL(compat_phys_read);

/**
 * compat_phys_write - a device model writes RAM by physical address
 * @phys: first byte
 * @buf: source
 * @len: bytes (0: nothing, success)
 *
 * Context: any.  0, or -EFAULT (nothing written) unless every byte of
 * [@phys, @phys + @len) is present RAM.
 */
int compat_phys_write(phys_addr_t phys, const void *buf, size_t len)
{
	if (!len)
		return 0;
	if (!phys_range_is_ram(phys, len))
		return -EFAULT;
	memcpy(__va(phys), buf, len);
	return 0;
}
EXPORT_SYMBOL(compat_phys_write);
