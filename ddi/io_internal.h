/* SPDX-License-Identifier: MIT */
/*
 * io_internal.h - the io family's two halves (issue 6).
 *
 * The SVR5 names inb, outb ... clash with Linux's: x86's <asm/io.h>
 * #defines inb as __inb and takes outb(value, port).  So the SVR5
 * definitions live in io_svr5.c, which sees <sys/ddi.h> and no Linux
 * header but <linux/export.h>, and everything that needs Linux lives in
 * io.c (ports, device memory) and uio.c (user copies), which never see
 * <sys/ddi.h>.  This header joins them with plain C types only, so that
 * both sides can include it.
 *
 * Every function takes the SVR5 call's name (for reports) and the
 * driver's site (file NULL: unknown).
 */
#ifndef _SVR5DDI_IO_INTERNAL_H
#define _SVR5DDI_IO_INTERNAL_H

/* ---- ports (io.c); width 1, 2 or 4; context: any ------------------------- */

unsigned int ddi_io_in(int port, unsigned int width, const char *call,
		       const char *file, int line);
void ddi_io_out(int port, unsigned int width, unsigned int value,
		const char *call, const char *file, int line);
/* cnt elements of @width bytes, packed at @addr */
void ddi_io_rep_in(int port, unsigned int width, void *addr, int cnt,
		   const char *call, const char *file, int line);
void ddi_io_rep_out(int port, unsigned int width, const void *addr, int cnt,
		    const char *call, const char *file, int line);

/* ---- device memory (io.c) ---------------------------------------------- */

/* devmem_mapin/devmem_mapout.  Context: process (may sleep). */
void *ddi_devmem_mapin(unsigned int key, unsigned int memnum,
		       unsigned long offset, unsigned long len,
		       const char *file, int line);
void ddi_devmem_mapout(void *addr, unsigned long len, const char *file,
		       int line);

/* physmap/physmap_free; km is KM_SLEEP or KM_NOSLEEP.  Context: see
 * io.c. */
void *ddi_physmap(unsigned long paddr, unsigned long nbytes, unsigned int km,
		  const char *file, int line);
void ddi_physmap_free(void *vaddr, unsigned long nbytes, unsigned int flags,
		      const char *file, int line);

/* ---- user copies (uio.c) ---------------------------------------------- */

/* copyin/copyout: 0, or -1.  Context: process, user context. */
int ddi_copyin(const void *ubuf, void *dbuf, unsigned long count,
	       const char *file, int line);
int ddi_copyout(const void *dbuf, void *ubuf, unsigned long count,
		const char *file, int line);

#endif /* _SVR5DDI_IO_INTERNAL_H */
