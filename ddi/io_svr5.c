// SPDX-License-Identifier: MIT
/*
 * io_svr5.c - the SVR5 names of the io family: inb(D3) .. repoutsd(D3),
 * devmem_mapin(D3), devmem_mapout(D3), physmap(D3), physmap_free(D3),
 * copyin(D3), copyout(D3), each plain F and its F_site.
 *
 * This file must not see Linux's <asm/io.h> (where inb is a macro and
 * outb takes (value, port)): it includes only <linux/export.h> and the
 * SVR5 headers, and hands every call to io.c or uio.c through
 * io_internal.h.  A plain F is F_site with an unknown site.
 *
 * Port calls: any context, never block (they are single instructions in
 * the kernel), no lock restrictions.  The others: see <sys/ddi.h>.
 */
#define SVR5DDI_NO_SITE_MACROS
#undef _DDI
#include <linux/export.h>
#include <sys/types.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include "io_internal.h"

/* ---- port input ---------------------------------------------------------- */

/* inb - read a byte from @port.  Context: any. */
uchar_t inb_site(int port, const char *file, int line)
{
	return (uchar_t)ddi_io_in(port, 1, "inb", file, line);
}
EXPORT_SYMBOL(inb_site);

uchar_t (inb)(int port)
{
	return (uchar_t)ddi_io_in(port, 1, "inb", NULL, 0);
}
EXPORT_SYMBOL(inb);

/* inw - read 16 bits from @port.  Context: any. */
ushort_t inw_site(int port, const char *file, int line)
{
	return (ushort_t)ddi_io_in(port, 2, "inw", file, line);
}
EXPORT_SYMBOL(inw_site);

ushort_t (inw)(int port)
{
	return (ushort_t)ddi_io_in(port, 2, "inw", NULL, 0);
}
EXPORT_SYMBOL(inw);

/* inl - read 32 bits from @port (zero-extended to ulong_t).  Context: any. */
ulong_t inl_site(int port, const char *file, int line)
{
	return ddi_io_in(port, 4, "inl", file, line);
}
EXPORT_SYMBOL(inl_site);

ulong_t (inl)(int port)
{
	return ddi_io_in(port, 4, "inl", NULL, 0);
}
EXPORT_SYMBOL(inl);

/* ---- port output: SVR5 order, (port, data) ------------------------------- */

/* outb - write a byte to @port.  Context: any. */
void outb_site(int port, uchar_t data, const char *file, int line)
{
	ddi_io_out(port, 1, data, "outb", file, line);
}
EXPORT_SYMBOL(outb_site);

void (outb)(int port, uchar_t data)
{
	ddi_io_out(port, 1, data, "outb", NULL, 0);
}
EXPORT_SYMBOL(outb);

/* outw - write 16 bits to @port.  Context: any. */
void outw_site(int port, ushort_t data, const char *file, int line)
{
	ddi_io_out(port, 2, data, "outw", file, line);
}
EXPORT_SYMBOL(outw_site);

void (outw)(int port, ushort_t data)
{
	ddi_io_out(port, 2, data, "outw", NULL, 0);
}
EXPORT_SYMBOL(outw);

/* outl - write the low 32 bits of @data to @port.  Context: any. */
void outl_site(int port, ulong_t data, const char *file, int line)
{
	ddi_io_out(port, 4, (unsigned int)data, "outl", file, line);
}
EXPORT_SYMBOL(outl_site);

void (outl)(int port, ulong_t data)
{
	ddi_io_out(port, 4, (unsigned int)data, "outl", NULL, 0);
}
EXPORT_SYMBOL(outl);

/* ---- string forms: cnt elements between @port and memory at @addr -------- */

/* repinsb - @cnt byte reads of @port into @addr.  Context: any. */
void repinsb_site(int port, uchar_t *addr, int cnt, const char *file,
		  int line)
{
	ddi_io_rep_in(port, 1, addr, cnt, "repinsb", file, line);
}
EXPORT_SYMBOL(repinsb_site);

void (repinsb)(int port, uchar_t *addr, int cnt)
{
	ddi_io_rep_in(port, 1, addr, cnt, "repinsb", NULL, 0);
}
EXPORT_SYMBOL(repinsb);

/* repinsw - @cnt 16-bit reads of @port into @addr.  Context: any. */
void repinsw_site(int port, ushort_t *addr, int cnt, const char *file,
		  int line)
{
	ddi_io_rep_in(port, 2, addr, cnt, "repinsw", file, line);
}
EXPORT_SYMBOL(repinsw_site);

void (repinsw)(int port, ushort_t *addr, int cnt)
{
	ddi_io_rep_in(port, 2, addr, cnt, "repinsw", NULL, 0);
}
EXPORT_SYMBOL(repinsw);

/*
 * repinsd - @cnt 32-bit reads of @port into @addr, packed 4 bytes apart
 * ("rep insd"), not one per ulong_t.  Context: any.
 */
void repinsd_site(int port, ulong_t *addr, int cnt, const char *file,
		  int line)
{
	ddi_io_rep_in(port, 4, addr, cnt, "repinsd", file, line);
}
EXPORT_SYMBOL(repinsd_site);

void (repinsd)(int port, ulong_t *addr, int cnt)
{
	ddi_io_rep_in(port, 4, addr, cnt, "repinsd", NULL, 0);
}
EXPORT_SYMBOL(repinsd);

/* repoutsb - @cnt bytes at @addr written to @port.  Context: any. */
void repoutsb_site(int port, uchar_t *addr, int cnt, const char *file,
		   int line)
{
	ddi_io_rep_out(port, 1, addr, cnt, "repoutsb", file, line);
}
EXPORT_SYMBOL(repoutsb_site);

void (repoutsb)(int port, uchar_t *addr, int cnt)
{
	ddi_io_rep_out(port, 1, addr, cnt, "repoutsb", NULL, 0);
}
EXPORT_SYMBOL(repoutsb);

/* repoutsw - @cnt 16-bit words at @addr written to @port.  Context: any. */
void repoutsw_site(int port, ushort_t *addr, int cnt, const char *file,
		   int line)
{
	ddi_io_rep_out(port, 2, addr, cnt, "repoutsw", file, line);
}
EXPORT_SYMBOL(repoutsw_site);

void (repoutsw)(int port, ushort_t *addr, int cnt)
{
	ddi_io_rep_out(port, 2, addr, cnt, "repoutsw", NULL, 0);
}
EXPORT_SYMBOL(repoutsw);

/* repoutsd - @cnt packed 32-bit words at @addr to @port.  Context: any. */
void repoutsd_site(int port, ulong_t *addr, int cnt, const char *file,
		   int line)
{
	ddi_io_rep_out(port, 4, addr, cnt, "repoutsd", file, line);
}
EXPORT_SYMBOL(repoutsd_site);

void (repoutsd)(int port, ulong_t *addr, int cnt)
{
	ddi_io_rep_out(port, 4, addr, cnt, "repoutsd", NULL, 0);
}
EXPORT_SYMBOL(repoutsd);

/* ---- device memory ------------------------------------------------------- */

/*
 * devmem_mapin - map @len bytes at @offset of board @key's @memnum-th
 * device-memory range; NULL on failure.  Context: base level, may block,
 * no basic or read/write lock held.  DDI 8.
 */
void *devmem_mapin_site(rm_key_t key, uint_t memnum, size_t offset,
			size_t len, const char *file, int line)
{
	return ddi_devmem_mapin(key, memnum, offset, len, file, line);
}
EXPORT_SYMBOL(devmem_mapin_site);

void *(devmem_mapin)(rm_key_t key, uint_t memnum, size_t offset, size_t len)
{
	return ddi_devmem_mapin(key, memnum, offset, len, NULL, 0);
}
EXPORT_SYMBOL(devmem_mapin);

/*
 * devmem_mapout - undo devmem_mapin(@addr, @len).  Context: base level,
 * may block, no basic or read/write lock held.  DDI 8.
 */
void devmem_mapout_site(void *addr, size_t len, const char *file, int line)
{
	ddi_devmem_mapout(addr, len, file, line);
}
EXPORT_SYMBOL(devmem_mapout_site);

void (devmem_mapout)(void *addr, size_t len)
{
	ddi_devmem_mapout(addr, len, NULL, 0);
}
EXPORT_SYMBOL(devmem_mapout);

/*
 * physmap - map @nbytes of physical memory at @paddr; NULL on failure.
 * Context: KM_SLEEP base level (may block, no basic or rw lock held);
 * KM_NOSLEEP any level (then only RAM can be mapped at interrupt level).
 */
caddr_t physmap_site(paddr_t paddr, ulong_t nbytes, uint_t flags,
		     const char *file, int line)
{
	return ddi_physmap(paddr, nbytes, flags, file, line);
}
EXPORT_SYMBOL(physmap_site);

caddr_t (physmap)(paddr_t paddr, ulong_t nbytes, uint_t flags)
{
	return ddi_physmap(paddr, nbytes, flags, NULL, 0);
}
EXPORT_SYMBOL(physmap);

/*
 * physmap_free - undo physmap(); @flags must be 0.  Context: any level
 * (an unmapping that needs process context is deferred to the next io
 * call made there).
 */
void physmap_free_site(caddr_t vaddr, ulong_t nbytes, uint_t flags,
		       const char *file, int line)
{
	ddi_physmap_free(vaddr, nbytes, flags, file, line);
}
EXPORT_SYMBOL(physmap_free_site);

void (physmap_free)(caddr_t vaddr, ulong_t nbytes, uint_t flags)
{
	ddi_physmap_free(vaddr, nbytes, flags, NULL, 0);
}
EXPORT_SYMBOL(physmap_free);

/* ---- user copies --------------------------------------------------------- */

/*
 * copyin - copy @count bytes from user @ubuf to driver @dbuf: 0, or -1
 * (the driver returns EFAULT).  Context: base level in the user's
 * context; may block; no basic or read/write lock held.
 */
int copyin_site(void *ubuf, void *dbuf, size_t count, const char *file,
		int line)
{
	return ddi_copyin(ubuf, dbuf, count, file, line);
}
EXPORT_SYMBOL(copyin_site);

int (copyin)(void *ubuf, void *dbuf, size_t count)
{
	return ddi_copyin(ubuf, dbuf, count, NULL, 0);
}
EXPORT_SYMBOL(copyin);

/* copyout - copy @count bytes from driver @dbuf to user @ubuf; as copyin. */
int copyout_site(void *dbuf, void *ubuf, size_t count, const char *file,
		 int line)
{
	return ddi_copyout(dbuf, ubuf, count, file, line);
}
EXPORT_SYMBOL(copyout_site);

int (copyout)(void *dbuf, void *ubuf, size_t count)
{
	return ddi_copyout(dbuf, ubuf, count, NULL, 0);
}
EXPORT_SYMBOL(copyout);
