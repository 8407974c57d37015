/* SPDX-License-Identifier: MIT */
/*
 * check_io.c - port I/O, device memory and device DMA of the emulation
 * (svr5compat/iomodel.h behind <asm/io.h> and <linux/io.h>), against
 * 6.1's accessor semantics.
 */
#include <stdint.h>
#include <string.h>
#include "check_util.h"
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/preempt.h>
#include <svr5compat/iomodel.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

#define SZ_1M		(1ULL << 20)
#define HOLE_PHYS	(3ULL << 30)	/* between DMA32's end and 4 GiB */

/*
 * A toy device: 8 byte-registers at base..base+7 with a log of accesses,
 * and a FIFO at base+8 that inw/insw drain and outw/outsw fill.
 */
struct toy {
	unsigned long base;
	u8 regs[8];
	u16 fifo[64];
	unsigned int head, tail;
	unsigned int nin, nout;
	unsigned int last_width;
	unsigned long last_port;
	u32 last_value;
	bool saw_hardirq;
};

static u32 toy_in(void *model, unsigned long port, unsigned int width)
{
	struct toy *t = model;
	unsigned long off = port - t->base;
	u32 v = 0;
	unsigned int i;

	t->nin++;
	t->last_port = port;
	t->last_width = width;
	t->saw_hardirq = in_hardirq();
	if (off == 8)
		return t->head < t->tail ? t->fifo[t->head++] : 0xdead;
	for (i = 0; i < width && off + i < 8; i++)
		v |= (u32)t->regs[off + i] << (8 * i);
	/* junk above the width: the accessor must mask it off */
	if (width < 4)
		v |= 0xa5a5a500U << (8 * (width - 1));
	return v;
}

static void toy_out(void *model, unsigned long port, unsigned int width,
		    u32 value)
{
	struct toy *t = model;
	unsigned long off = port - t->base;
	unsigned int i;

	t->nout++;
	t->last_port = port;
	t->last_width = width;
	t->last_value = value;
	if (off == 8) {
		if (t->tail < 64)
			t->fifo[t->tail++] = (u16)value;
		return;
	}
	for (i = 0; i < width && off + i < 8; i++)
		t->regs[off + i] = (u8)(value >> (8 * i));
}

static const struct compat_io_ops toy_ops = { .in = toy_in, .out = toy_out };

static struct toy *toy_new(unsigned long base)
{
	static struct toy t;

	memset(&t, 0, sizeof(t));
	t.base = base;
	ck_assert_int_eq(compat_io_register_ports(base, 16, &toy_ops, &t,
						  "toy"), 0);
	return &t;
}

START_TEST(test_port_widths)
{
	struct toy *t = toy_new(0x300);

	outb(0x12, 0x300);
	ck_assert_uint_eq(t->last_port, 0x300);
	ck_assert_uint_eq(t->last_width, 1);
	ck_assert_uint_eq(t->last_value, 0x12);
	outw(0x3456, 0x302);
	ck_assert_uint_eq(t->last_width, 2);
	outl(0x89abcdefU, 0x304);
	ck_assert_uint_eq(t->last_width, 4);
	ck_assert_uint_eq(t->regs[0], 0x12);
	ck_assert_uint_eq(t->regs[2], 0x56);
	ck_assert_uint_eq(t->regs[3], 0x34);
	ck_assert_uint_eq(t->regs[4], 0xef);
	ck_assert_uint_eq(t->regs[7], 0x89);
	/* reads: the model's value, masked to the width */
	ck_assert_uint_eq(inb(0x300), 0x12);
	ck_assert_uint_eq(inw(0x302), 0x3456);
	ck_assert_uint_eq(inl(0x304), 0x89abcdefU);
	ck_assert_uint_eq(inb_p(0x303), 0x34);
	outb_p(0x77, 0x301);
	ck_assert_uint_eq(t->regs[1], 0x77);
	ck_assert_uint_eq(t->nin, 4);
	ck_assert_uint_eq(t->nout, 4);
	ck_assert_uint_eq(compat_io_unclaimed(), 0);
}
END_TEST

START_TEST(test_port_string_forms)
{
	struct toy *t = toy_new(0x1f0);
	u16 in[5], out[5] = { 1, 2, 3, 0xfffe, 5 };
	u8 bytes[3];
	u32 dw[2] = { 0, 0 };

	outsw(0x1f8, out, 5);
	ck_assert_uint_eq(t->tail, 5);
	ck_assert_uint_eq(t->nout, 5);	/* one model access per element */
	insw(0x1f8, in, 5);
	ck_assert_mem_eq(in, out, sizeof(in));
	ck_assert_uint_eq(t->nin, 5);
	t->regs[0] = 0x42;
	insb(0x1f0, bytes, 3);
	ck_assert_uint_eq(bytes[0], 0x42);
	ck_assert_uint_eq(bytes[2], 0x42);
	/* insl: packed 32-bit elements, each masked to 32 bits */
	t->regs[4] = 1;
	t->regs[7] = 0x80;
	insl(0x1f4, dw, 2);
	ck_assert_uint_eq(dw[0], 0x80000001U);
	ck_assert_uint_eq(dw[1], 0x80000001U);
	insw(0x1f8, in, 0);		/* count 0: no access */
	ck_assert_uint_eq(t->nin, 10);
}
END_TEST

START_TEST(test_port_registration)
{
	struct toy t2;

	memset(&t2, 0, sizeof(t2));
	ck_assert_int_eq(compat_io_register_ports(0x100, 0, &toy_ops, &t2, "x"),
			 -EINVAL);
	ck_assert_int_eq(compat_io_register_ports(0xfff0, 0x20, &toy_ops, &t2,
						  "x"), -EINVAL);
	ck_assert_int_eq(compat_io_register_ports(0x100, 8, NULL, &t2, "x"),
			 -EINVAL);
	toy_new(0x100);
	ck_assert_int_eq(compat_io_register_ports(0x10f, 4, &toy_ops, &t2, "x"),
			 -EBUSY);
	ck_assert_int_eq(compat_io_register_ports(0x0f8, 9, &toy_ops, &t2, "x"),
			 -EBUSY);
	ck_assert_int_eq(compat_io_register_ports(0x110, 4, &toy_ops, &t2, "x"),
			 0);
	t2.base = 0x110;
	t2.regs[0] = 9;
	ck_assert_uint_eq(inb(0x110), 9);
	compat_io_unregister_ports(0x110);
	compat_log_quiet(true);
	ck_assert_uint_eq(inb(0x110), 0xff);
	ck_assert_uint_eq(compat_io_unclaimed(), 1);
	/* the whole 64 KiB space may be owned */
	compat_io_unregister_ports(0x100);
	ck_assert_int_eq(compat_io_register_ports(0, 0x10000, &toy_ops, &t2,
						  "all"), 0);
	compat_io_unregister_ports(0);
	/* unregistering nothing WARNs */
	compat_log_clear();
	compat_io_unregister_ports(0x999);
	ck_assert(compat_log_contains("no port range registered at 0x999"));
}
END_TEST

START_TEST(test_port_unclaimed)
{
	u8 b[4];

	compat_log_quiet(true);
	compat_log_clear();
	ck_assert_uint_eq(inb(0x2f8), 0xff);
	ck_assert_uint_eq(inw(0x2f8), 0xffff);
	ck_assert_uint_eq(inl(0x2f8), 0xffffffffU);
	outb(1, 0x2f8);
	ck_assert_uint_eq(compat_io_unclaimed(), 4);
	/* reported once per port, naming the first accessor and width */
	ck_assert_uint_eq(compat_log_count("compat: unclaimed I/O:"), 1);
	ck_assert(compat_log_contains("compat: unclaimed I/O: inb port 0x2f8 width 1"));
	outw(1, 0x3f8);
	ck_assert(compat_log_contains("compat: unclaimed I/O: outw port 0x3f8 width 2"));
	memset(b, 0, sizeof(b));
	insb(0x80, b, 4);		/* all ones, one access per element */
	ck_assert_uint_eq(b[0], 0xff);
	ck_assert_uint_eq(b[3], 0xff);
	ck_assert_uint_eq(compat_io_unclaimed(), 9);
	ck_assert(compat_log_contains("insb port 0x80 width 1"));
	compat_io_reset_unclaimed();
	ck_assert_uint_eq(compat_io_unclaimed(), 0);
	compat_log_clear();
	inb(0x2f8);			/* forgotten: reported again */
	ck_assert_uint_eq(compat_log_count("unclaimed I/O: inb port 0x2f8"), 1);
}
END_TEST

static struct toy *irq_toy;
static u8 irq_val;

static void irq_fn(void *arg)
{
	irq_val = inb(0x300);
}

START_TEST(test_port_model_context)
{
	irq_toy = toy_new(0x300);
	irq_toy->regs[0] = 0x5a;
	inb(0x300);
	ck_assert(!irq_toy->saw_hardirq);
	compat_run_in_hardirq(irq_fn, NULL);
	ck_assert_uint_eq(irq_val, 0x5a);
	ck_assert(irq_toy->saw_hardirq);	/* the accessor's context */
}
END_TEST

START_TEST(test_iomap)
{
	struct toy *t = toy_new(0x300);
	void __iomem *io = ioport_map(0x300, 16);

	ck_assert_ptr_nonnull(io);
	iowrite8(0x11, io);
	iowrite16(0x2233, io + 2);
	iowrite32(0x44556677U, io + 4);
	ck_assert_uint_eq(t->regs[0], 0x11);
	ck_assert_uint_eq(t->regs[3], 0x22);
	ck_assert_uint_eq(ioread8(io), 0x11);
	ck_assert_uint_eq(ioread16(io + 2), 0x2233);
	ck_assert_uint_eq(ioread32(io + 4), 0x44556677U);
	ioport_unmap(io);
	ck_assert_ptr_null(ioport_map(0x10000, 1));
	/* as 6.1: port 0's cookie equals PIO_OFFSET and is refused */
	compat_log_quiet(true);
	compat_log_clear();
	ck_assert_uint_eq(ioread8(ioport_map(0, 1)), 0xff);
	ck_assert(compat_log_contains("Bad IO access at port 0x10000 (inb(port))"));
	ck_assert_uint_eq(ioread32((void __iomem *)0x100), 0xffffffffU);
	ck_assert_uint_eq(compat_warn_count(), 2);
}
END_TEST

START_TEST(test_iomap_mmio)
{
	static u32 regs[1024];
	void __iomem *va;

	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS, sizeof(regs), regs,
						"regs"), 0);
	va = ioremap(HOLE_PHYS, sizeof(regs));
	ck_assert_ptr_eq(va, regs);
	iowrite32(0xcafe, va + 8);
	ck_assert_uint_eq(regs[2], 0xcafe);
	ck_assert_uint_eq(ioread16(va + 8), 0xcafe);
	iounmap(va);
	compat_io_unregister_mem(HOLE_PHYS);
}
END_TEST

START_TEST(test_ioremap_registered)
{
	static u8 fb[64 * 1024];
	u8 __iomem *va, *vb;

	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS, sizeof(fb), fb,
						"fb"), 0);
	/* a window at an offset: the model's buffer at that offset */
	va = ioremap(HOLE_PHYS + 0x1010, 0x100);
	ck_assert_ptr_eq(va, fb + 0x1010);
	writel(0x01020304, va);
	ck_assert_uint_eq(fb[0x1010], 0x04);
	ck_assert_uint_eq(fb[0x1013], 0x01);
	fb[0x1014] = 0x99;
	ck_assert_uint_eq(readb(va + 4), 0x99);
	writew(0xbeef, va + 6);
	ck_assert_uint_eq(readw(va + 6), 0xbeef);
	vb = ioremap_uc(HOLE_PHYS, sizeof(fb));
	ck_assert_ptr_eq(vb, fb);
	ck_assert_ptr_eq(ioremap_wc(HOLE_PHYS, 16), fb);
	iounmap(ioremap_cache(HOLE_PHYS + 16, 16));
	iounmap(vb);
	iounmap(fb);		/* the ioremap_wc mapping */
	/* any address in the mapping's first page unmaps it */
	iounmap(va + 0x20);
	ck_assert_uint_eq(compat_io_unclaimed(), 0);
	/* unmapping it again: not an ioremap address any more */
	compat_log_quiet(true);
	compat_log_clear();
	iounmap(va);
	ck_assert(compat_log_contains("iounmap: bad address"));
	compat_io_unregister_mem(HOLE_PHYS);
}
END_TEST

START_TEST(test_ioremap_unclaimed)
{
	u8 __iomem *va;
	u32 __iomem *vl;

	compat_log_quiet(true);
	compat_log_clear();
	va = ioremap(HOLE_PHYS + SZ_1M, 4096);
	ck_assert_ptr_nonnull(va);
	ck_assert_uint_eq(compat_io_unclaimed(), 1);
	ck_assert(compat_log_contains("compat: unclaimed I/O: ioremap 0xc0100000 size 0x1000"));
	/* a floating bus: all ones, writes dropped, each access counted */
	ck_assert_uint_eq(readb(va), 0xff);
	writel(0, va + 8);
	ck_assert_uint_eq(readl(va + 8), 0xffffffffU);
	ck_assert_uint_eq(readw(va + 4094), 0xffff);
	ck_assert_uint_eq(compat_io_unclaimed(), 5);
	iounmap(va);
	/* reported once per range */
	vl = ioremap(HOLE_PHYS + SZ_1M, 4096);
	ck_assert_uint_eq(compat_log_count("unclaimed I/O: ioremap"), 1);
	ck_assert_uint_eq(compat_io_unclaimed(), 6);
	iounmap(vl);
	/* the fast path is back once no floating mapping is left */
	ck_assert_int_eq(__compat_io_floating, 0);
}
END_TEST

START_TEST(test_ioremap_ram_and_args)
{
	void *p = kmalloc(64, GFP_KERNEL);

	ck_assert_ptr_nonnull(p);
	compat_log_quiet(true);
	compat_log_clear();
	ck_assert_ptr_null(ioremap(virt_to_phys(p), 64));
	ck_assert(compat_log_contains("ioremap on RAM at"));
	ck_assert_uint_eq(compat_warn_count(), 1);
	ck_assert_ptr_null(ioremap(HOLE_PHYS, 0));
	ck_assert_ptr_null(ioremap(~0ULL - 10, 100));
	/* NULL and direct-map addresses are ignored by iounmap, as on x86 */
	iounmap(NULL);
	iounmap(p);
	ck_assert(!compat_log_contains("bad address"));
	kfree(p);
}
END_TEST

START_TEST(test_memremap)
{
	static u8 dev[8192];
	void *p = kmalloc(128, GFP_KERNEL);
	phys_addr_t pa = virt_to_phys(p);

	compat_log_quiet(true);
	/* RAM with WB: the direct map itself */
	ck_assert_ptr_eq(memremap(pa, 128, MEMREMAP_WB), p);
	memunmap(p);
	ck_assert_ptr_eq(memremap(pa, 128, MEMREMAP_WB | MEMREMAP_WC), p);
	/* RAM without WB: refused */
	compat_log_clear();
	ck_assert_ptr_null(memremap(pa, 128, MEMREMAP_WC));
	ck_assert(compat_log_contains("memremap attempted on ram"));
	ck_assert_ptr_null(memremap(pa, 128, 0));
	/* device memory: the model's buffer */
	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS, sizeof(dev), dev,
						"dev"), 0);
	ck_assert_ptr_eq(memremap(HOLE_PHYS + 8, 16, MEMREMAP_WC), dev + 8);
	memunmap(dev + 8);
	ck_assert(!compat_log_contains("bad address"));
	compat_io_unregister_mem(HOLE_PHYS);
	kfree(p);
}
END_TEST

START_TEST(test_register_mem)
{
	static u8 buf[4096];
	void *p = kmalloc(64, GFP_KERNEL);

	ck_assert_int_eq(compat_io_register_mem(virt_to_phys(p), 64, buf, "x"),
			 -EINVAL);
	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS, 0, buf, "x"),
			 -EINVAL);
	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS, 64, NULL, "x"),
			 -EINVAL);
	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS, 4096, buf, "a"), 0);
	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS + 4095, 8, buf, "b"),
			 -EBUSY);
	ck_assert_int_eq(compat_io_register_mem(HOLE_PHYS + 4096, 8, buf, "c"),
			 0);
	compat_io_unregister_mem(HOLE_PHYS);
	compat_io_unregister_mem(HOLE_PHYS + 4096);
	compat_log_quiet(true);
	compat_log_clear();
	compat_io_unregister_mem(HOLE_PHYS);
	ck_assert(compat_log_contains("no device memory registered at 0xc0000000"));
	kfree(p);
}
END_TEST

START_TEST(test_region_intersects)
{
	void *p = kmalloc(64, GFP_KERNEL);
	phys_addr_t pa = virt_to_phys(p);
	/* the default layout: DMA32 is 16 MiB + 112 MiB, up to 128 MiB */
	phys_addr_t dma32_end = 128 * SZ_1M;

	ck_assert_int_eq(region_intersects(pa, 64, IORESOURCE_SYSTEM_RAM,
					   IORES_DESC_NONE), REGION_INTERSECTS);
	ck_assert_int_eq(region_intersects(HOLE_PHYS, 64, IORESOURCE_SYSTEM_RAM,
					   IORES_DESC_NONE), REGION_DISJOINT);
	ck_assert_int_eq(region_intersects(dma32_end - 4096, 8192,
					   IORESOURCE_SYSTEM_RAM,
					   IORES_DESC_NONE), REGION_MIXED);
	/* DMA (0..16M) and DMA32 (16M..) are adjacent: one RAM run */
	ck_assert_int_eq(region_intersects(16 * SZ_1M - 4096, 8192,
					   IORESOURCE_SYSTEM_RAM,
					   IORES_DESC_NONE), REGION_INTERSECTS);
	ck_assert_int_eq(region_intersects(pa, 64, IORESOURCE_MEM,
					   IORES_DESC_NONE), REGION_DISJOINT);
	kfree(p);
}
END_TEST

START_TEST(test_phys_dma)
{
	u8 *p = kmalloc(256, GFP_KERNEL);
	phys_addr_t pa = virt_to_phys(p);
	u8 buf[256];
	unsigned int i;

	for (i = 0; i < 256; i++)
		buf[i] = (u8)i;
	ck_assert_int_eq(compat_phys_write(pa, buf, 256), 0);
	ck_assert_mem_eq(p, buf, 256);
	p[7] = 0xee;
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(compat_phys_read(pa, buf, 256), 0);
	ck_assert_uint_eq(buf[7], 0xee);
	ck_assert_uint_eq(buf[8], 8);
	/* outside present RAM: nothing copied */
	memset(buf, 0x11, sizeof(buf));
	ck_assert_int_eq(compat_phys_read(HOLE_PHYS, buf, 16), -EFAULT);
	ck_assert_uint_eq(buf[0], 0x11);
	ck_assert_int_eq(compat_phys_write(128 * SZ_1M - 8, buf, 16), -EFAULT);
	ck_assert_int_eq(compat_phys_write(~0ULL - 4, buf, 16), -EFAULT);
	ck_assert_int_eq(compat_phys_read(HOLE_PHYS, buf, 0), 0);
	/* the last bytes of RAM are fine */
	ck_assert_int_eq(compat_phys_read(128 * SZ_1M - 16, buf, 16), 0);
	kfree(p);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("io");
	TCase *ports = tcase_create("ports");
	TCase *mem = tcase_create("device_memory");
	TCase *dma = tcase_create("device_dma");

	tcase_add_test(ports, test_port_widths);
	tcase_add_test(ports, test_port_string_forms);
	tcase_add_test(ports, test_port_registration);
	tcase_add_test(ports, test_port_unclaimed);
	tcase_add_test(ports, test_port_model_context);
	tcase_add_test(ports, test_iomap);
	suite_add_tcase(s, ports);
	tcase_add_test(mem, test_iomap_mmio);
	tcase_add_test(mem, test_ioremap_registered);
	tcase_add_test(mem, test_ioremap_unclaimed);
	tcase_add_test(mem, test_ioremap_ram_and_args);
	tcase_add_test(mem, test_memremap);
	tcase_add_test(mem, test_register_mem);
	suite_add_tcase(s, mem);
	tcase_add_test(dma, test_region_intersects);
	tcase_add_test(dma, test_phys_dma);
	suite_add_tcase(s, dma);
	return s;
}

CHECK_MAIN(make_suite)
