/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/iomodel.h - simulated devices behind port I/O and device
 * memory, for tests and the porting-test harness.  Not part of the Linux
 * API.
 *
 * In the kernel, inb()/outl()/ioremap() reach hardware.  Here, the Linux
 * accessors of <asm/io.h> (inb, inw, inl, outb, outw, outl, the string
 * forms insb..outsl, ioread8.., iowrite8..) dispatch to the model that
 * registered the port range, and ioremap()/memremap() of a registered
 * device-memory range return a mapping of the model's backing memory.
 *
 * Ports: a model owns [base, base + len) of the 64 KiB port space and
 * handles each access in its callbacks (width 1, 2 or 4 bytes), on the
 * accessing thread, in the accessor's context (a model must not sleep).
 * Ranges never overlap: registering an overlapping range fails (-EBUSY).
 *
 * Device memory: a model registers [phys, phys + len) with a host buffer
 * behind it (a frame buffer, shared registers read by polling); the range
 * must lie outside the simulated RAM (the hole between DMA32 and 4 GiB, or
 * above NORMAL).  Driver loads and stores through the mapping go straight
 * to the buffer; the model reads it when it runs.
 *
 * An access with no model behind it (a port nobody owns, an ioremap of an
 * unregistered range) is reported once per port/range with
 * "compat: unclaimed I/O: ..." at KERN_ERR (naming the accessor, port or
 * address and width), counted in compat_io_unclaimed(), and reads return
 * all ones, as a floating ISA bus does.
 *
 * Device DMA: models read and write RAM by physical address with
 * compat_phys_read()/compat_phys_write(); they fail (-EFAULT) for an
 * address range not entirely inside present RAM, which a model reports as
 * a DMA violation.
 */
#ifndef _SVR5COMPAT_IOMODEL_H
#define _SVR5COMPAT_IOMODEL_H
#include <linux/types.h>

struct compat_io_ops {
	/* read @width bytes at @port; result in the low bits */
	u32 (*in)(void *model, unsigned long port, unsigned int width);
	void (*out)(void *model, unsigned long port, unsigned int width,
		    u32 value);
};

int compat_io_register_ports(unsigned long base, unsigned long len,
			     const struct compat_io_ops *ops, void *model,
			     const char *name);
void compat_io_unregister_ports(unsigned long base);

int compat_io_register_mem(phys_addr_t phys, size_t len, void *backing,
			   const char *name);
void compat_io_unregister_mem(phys_addr_t phys);

/* accesses that found no model since start (or the last reset) */
unsigned long compat_io_unclaimed(void);
void compat_io_reset_unclaimed(void);

/* device DMA by physical address; 0 or -EFAULT */
int compat_phys_read(phys_addr_t phys, void *buf, size_t len);
int compat_phys_write(phys_addr_t phys, const void *buf, size_t len);

#endif
