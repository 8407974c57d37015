/* SPDX-License-Identifier: MIT */
/*
 * asm/io.h - port I/O, MMIO accessors and ioremap (x86-64 semantics of
 * Linux 6.1, emulated).  Implementation: compat/io.c.
 *
 * Port I/O: inb/inw/inl and outb/outw/outl (Linux's argument order:
 * outb(value, port)), the string forms insb..outsl (count elements of the
 * port's width, to or from consecutive memory) and the iomap forms
 * ioread8..iowrite32 over ioport_map() cookies.  Each access is handed to
 * the device model that registered the port (svr5compat/iomodel.h); an
 * access no model owns reads all ones, writes nothing, and is reported
 * once per port and counted (compat_io_unclaimed()).
 *
 * ioremap()/ioremap_uc()/ioremap_wc()/ioremap_cache() of a range inside a
 * registered device-memory range return the model's backing memory at that
 * offset; of present RAM they WARN and fail, as x86's ioremap refuses RAM;
 * of anything else they return a "floating bus" mapping (reads all ones,
 * writes dropped through readX/writeX), reported once per range and
 * counted.  readb..writel are volatile loads and stores (x86 MMIO is
 * ordered), except through a floating mapping.  iounmap() takes any
 * address in the first page of a mapping, as 6.1 does.
 *
 * Unlike the kernel, these accessors are out-of-line calls.  As on x86
 * (where inb is #defined to __inb), each port name is an object-like
 * macro naming an inline wrapper (__compat_inb ...), so no symbol or
 * declaration named inb/outb exists here: libsvr5ddi's own SVR5 inb/outb
 * and <sys/ddi.h>'s prototypes never collide with them.
 */
#ifndef _COMPAT_ASM_IO_H
#define _COMPAT_ASM_IO_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/page.h>

#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)

#define IO_SPACE_LIMIT	0xffff

/* ---- port I/O ------------------------------------------------------------ */

u32 __compat_io_in(unsigned long port, unsigned int width, const char *acc);
void __compat_io_out(unsigned long port, unsigned int width, u32 value,
		     const char *acc);
void __compat_io_ins(unsigned long port, unsigned int width, void *addr,
		     unsigned long count, const char *acc);
void __compat_io_outs(unsigned long port, unsigned int width,
		      const void *addr, unsigned long count, const char *acc);

static inline u8 __compat_inb(u16 port)
{
	return (u8)__compat_io_in(port, 1, "inb");
}
static inline u16 __compat_inw(u16 port)
{
	return (u16)__compat_io_in(port, 2, "inw");
}
static inline u32 __compat_inl(u16 port)
{
	return __compat_io_in(port, 4, "inl");
}
static inline void __compat_outb(u8 value, u16 port)
{
	__compat_io_out(port, 1, value, "outb");
}
static inline void __compat_outw(u16 value, u16 port)
{
	__compat_io_out(port, 2, value, "outw");
}
static inline void __compat_outl(u32 value, u16 port)
{
	__compat_io_out(port, 4, value, "outl");
}

/* The _p ("pausing") forms: the emulation has no bus to slow down. */
#define inb_p(port)		inb(port)
#define inw_p(port)		inw(port)
#define inl_p(port)		inl(port)
#define outb_p(value, port)	outb(value, port)
#define outw_p(value, port)	outw(value, port)
#define outl_p(value, port)	outl(value, port)

static inline void __compat_insb(u16 port, void *addr,
				  unsigned long count)
{
	__compat_io_ins(port, 1, addr, count, "insb");
}
static inline void __compat_insw(u16 port, void *addr,
				  unsigned long count)
{
	__compat_io_ins(port, 2, addr, count, "insw");
}
static inline void __compat_insl(u16 port, void *addr,
				  unsigned long count)
{
	__compat_io_ins(port, 4, addr, count, "insl");
}
static inline void __compat_outsb(u16 port, const void *addr,
				   unsigned long count)
{
	__compat_io_outs(port, 1, addr, count, "outsb");
}
static inline void __compat_outsw(u16 port, const void *addr,
				   unsigned long count)
{
	__compat_io_outs(port, 2, addr, count, "outsw");
}
static inline void __compat_outsl(u16 port, const void *addr,
				   unsigned long count)
{
	__compat_io_outs(port, 4, addr, count, "outsl");
}

#define inb __compat_inb
#define inw __compat_inw
#define inl __compat_inl
#define outb __compat_outb
#define outw __compat_outw
#define outl __compat_outl
#define insb __compat_insb
#define insw __compat_insw
#define insl __compat_insl
#define outsb __compat_outsb
#define outsw __compat_outsw
#define outsl __compat_outsl

/* ---- ioremap ------------------------------------------------------------- */

void __iomem *ioremap(resource_size_t offset, unsigned long size);
void __iomem *ioremap_uc(resource_size_t offset, unsigned long size);
void __iomem *ioremap_wc(resource_size_t offset, unsigned long size);
void __iomem *ioremap_cache(resource_size_t offset, unsigned long size);
void iounmap(volatile void __iomem *addr);
#define ioremap ioremap
#define ioremap_uc ioremap_uc
#define ioremap_wc ioremap_wc
#define ioremap_cache ioremap_cache
#define iounmap iounmap

/* ---- MMIO accessors ------------------------------------------------------ */

/* Number of live floating-bus mappings: readX/writeX check only if any. */
extern int __compat_io_floating;
u32 __compat_mmio_read(const volatile void __iomem *addr, unsigned int width);
void __compat_mmio_write(volatile void __iomem *addr, unsigned int width,
			 u32 value);

static __always_inline bool __compat_mmio_slow(void)
{
	return unlikely(__atomic_load_n(&__compat_io_floating,
					__ATOMIC_RELAXED) != 0);
}

static inline u8 readb(const volatile void __iomem *addr)
{
	if (__compat_mmio_slow())
		return (u8)__compat_mmio_read(addr, 1);
	return *(const volatile u8 __force *)addr;
}
static inline u16 readw(const volatile void __iomem *addr)
{
	if (__compat_mmio_slow())
		return (u16)__compat_mmio_read(addr, 2);
	return *(const volatile u16 __force *)addr;
}
static inline u32 readl(const volatile void __iomem *addr)
{
	if (__compat_mmio_slow())
		return __compat_mmio_read(addr, 4);
	return *(const volatile u32 __force *)addr;
}
static inline void writeb(u8 value, volatile void __iomem *addr)
{
	if (__compat_mmio_slow())
		__compat_mmio_write(addr, 1, value);
	else
		*(volatile u8 __force *)addr = value;
}
static inline void writew(u16 value, volatile void __iomem *addr)
{
	if (__compat_mmio_slow())
		__compat_mmio_write(addr, 2, value);
	else
		*(volatile u16 __force *)addr = value;
}
static inline void writel(u32 value, volatile void __iomem *addr)
{
	if (__compat_mmio_slow())
		__compat_mmio_write(addr, 4, value);
	else
		*(volatile u32 __force *)addr = value;
}

#define readb readb
#define readw readw
#define readl readl
#define writeb writeb
#define writew writew
#define writel writel
#define readb_relaxed(a)	readb(a)
#define readw_relaxed(a)	readw(a)
#define readl_relaxed(a)	readl(a)
#define writeb_relaxed(v, a)	writeb(v, a)
#define writew_relaxed(v, a)	writew(v, a)
#define writel_relaxed(v, a)	writel(v, a)

/* ---- iomap (lib/iomap.c): one cookie for port or MMIO -------------------- */

/*
 * As 6.1's lib/iomap.c: ioport_map() cookies are PIO_OFFSET + port, below
 * PIO_RESERVED; larger cookies are MMIO addresses (no host mapping is that
 * low); anything else is a "Bad IO access" (WARNed at most 10 times; reads
 * give all ones).
 */
unsigned int ioread8(const void __iomem *addr);
unsigned int ioread16(const void __iomem *addr);
unsigned int ioread32(const void __iomem *addr);
void iowrite8(u8 value, void __iomem *addr);
void iowrite16(u16 value, void __iomem *addr);
void iowrite32(u32 value, void __iomem *addr);
void __iomem *ioport_map(unsigned long port, unsigned int nr);
void ioport_unmap(void __iomem *addr);

#endif
