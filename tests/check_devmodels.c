/* SPDX-License-Identifier: MIT */
/*
 * check_devmodels.c - the harness's device models (tests/harness/models),
 * driven as a driver drives hardware: port I/O through the compat
 * accessors of <asm/io.h>, interrupts through request_irq() handlers run
 * in hardirq context, DMA into memory from alloc_pages() and
 * dma_alloc_coherent(), addressed physically.  Each test gets a fresh
 * machine whose report callback records the events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/interrupt.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <asm/io.h>
#include <svr5compat/context.h>
#include <svr5compat/iomodel.h>
#include <svr5compat/log.h>
#include "devmodel.h"
#include "devmodel_impl.h"
#include "check_util.h"

#define MiB	(1024ULL * 1024)
#define GiB	(1024ULL * MiB)

/* ---- fixture: a machine recording its events ---- */

#define MAX_EV	32
static struct devmodel_machine *m;
static struct devmodel_event ev[MAX_EV];
static char ev_msg[MAX_EV][256];
static char ev_tag[MAX_EV][32];
static char ev_dev[MAX_EV][32];
static int nev;

static void record(const struct devmodel_event *e, void *arg)
{
	if (nev >= MAX_EV)
		return;
	ev[nev] = *e;
	snprintf(ev_msg[nev], sizeof(ev_msg[nev]), "%s", e->message);
	snprintf(ev_tag[nev], sizeof(ev_tag[nev]), "%s", e->tag);
	snprintf(ev_dev[nev], sizeof(ev_dev[nev]), "%s", e->device);
	ev[nev].message = ev_msg[nev];
	ev[nev].tag = ev_tag[nev];
	ev[nev].device = ev_dev[nev];
	nev++;
}

static void setup(void)
{
	nev = 0;
	m = devmodel_machine_create(record, NULL);
	ck_assert_ptr_nonnull(m);
}

static void teardown(void)
{
	devmodel_machine_destroy(m);
	m = NULL;
}

static struct devmodel *add(const char *type, const char *name,
			    const char *params)
{
	struct devmodel *dm;
	char err[256];
	int ret;

	dm = devmodel_create_str(m, type, name, params, err, sizeof(err));
	ck_assert_msg(dm != NULL, "create %s: %s", type, err);
	ret = devmodel_attach(dm, err, sizeof(err));
	ck_assert_msg(ret == 0, "attach %s: %d %s", type, ret, err);
	return dm;
}

static uint64_t counter(struct devmodel *dm, const char *name)
{
	uint64_t v = ~0ULL;

	ck_assert_msg(devmodel_counter(dm, name, &v), "no counter %s", name);
	return v;
}

/* ---- memory ---- */

struct buf {
	struct page *page;
	unsigned int order;
	phys_addr_t phys;
	u8 *virt;
};

static struct buf get_pages(gfp_t gfp, unsigned int order)
{
	struct buf b = { .order = order };

	b.page = alloc_pages(gfp, order);
	ck_assert_ptr_nonnull(b.page);
	b.phys = page_to_phys(b.page);
	b.virt = page_address(b.page);
	memset(b.virt, 0, PAGE_SIZE << order);
	return b;
}

static void put_pages(struct buf *b)
{
	__free_pages(b->page, b->order);
}

/* ---- 8237 programming, as an ISA driver does it ---- */

static const u16 page_port[8] = {
	0x87, 0x83, 0x81, 0x82, 0x8F, 0x8B, 0x89, 0x8A
};

#define MODE_WRITE	0x44	/* single, device to memory ("write") */
#define MODE_READ	0x48	/* single, memory to device ("read") */
#define MODE_VERIFY	0x40
#define MODE_AUTOINIT	0x10
#define MODE_DOWN	0x20

/* 8-bit channel @ch (0-3): @len bytes at @phys */
static void prog8(unsigned int ch, u8 mode, u64 phys, unsigned int len)
{
	outb(0x04 | ch, 0x0A);
	outb(0, 0x0C);
	outb(mode | ch, 0x0B);
	outb(phys & 0xFF, ch * 2);
	outb((phys >> 8) & 0xFF, ch * 2);
	outb((phys >> 16) & 0xFF, page_port[ch]);
	outb((len - 1) & 0xFF, ch * 2 + 1);
	outb(((len - 1) >> 8) & 0xFF, ch * 2 + 1);
	outb(ch, 0x0A);
}

/* 16-bit channel @ch (5-7): @len bytes (even) at @phys (even) */
static void prog16(unsigned int ch, u8 mode, u64 phys, unsigned int len)
{
	unsigned int c = ch & 3, words = len / 2;

	outb(0x04 | c, 0xD4);
	outb(0, 0xD8);
	outb(mode | c, 0xD6);
	outb((phys >> 1) & 0xFF, 0xC0 + c * 4);
	outb((phys >> 9) & 0xFF, 0xC0 + c * 4);
	outb((phys >> 16) & 0xFE, page_port[ch]);
	outb((words - 1) & 0xFF, 0xC2 + c * 4);
	outb(((words - 1) >> 8) & 0xFF, 0xC2 + c * 4);
	outb(c, 0xD4);
}

static u16 read16(u16 port, u16 ffport)
{
	u16 v;

	outb(0, ffport);
	v = inb(port);
	v |= inb(port) << 8;
	return v;
}

/* ---- registry and parameters ---- */

START_TEST(test_registry)
{
	unsigned int i, n = 0;

	for (i = 0; devmodel_types[i]; i++, n++) {
		ck_assert_ptr_eq(devmodel_type_find(devmodel_types[i]->name),
				 devmodel_types[i]);
		ck_assert_ptr_nonnull(devmodel_types[i]->summary);
		ck_assert_ptr_nonnull(devmodel_types[i]->params);
	}
	ck_assert_uint_eq(n, 3);
	ck_assert_ptr_nonnull(devmodel_type_find("i8237"));
	ck_assert_ptr_nonnull(devmodel_type_find("isa-disk"));
	ck_assert_ptr_nonnull(devmodel_type_find("busmaster-nic"));
	ck_assert_ptr_null(devmodel_type_find("floppy"));
}
END_TEST

START_TEST(test_create_errors)
{
	struct devmodel_kv kv[] = { { "io", "0x340" }, { "irq", "7" } };
	struct devmodel *dm;
	char err[256];

	ck_assert_ptr_null(devmodel_create_str(m, "floppy", NULL, "", err,
					       sizeof(err)));
	ck_assert_msg(strstr(err, "unknown device type \"floppy\"") &&
		      strstr(err, "isa-disk"), "%s", err);
	ck_assert_ptr_null(devmodel_create_str(m, "isa-disk", "d", "sped=3",
					       err, sizeof(err)));
	ck_assert_msg(strstr(err, "unknown parameter \"sped\"") &&
		      strstr(err, "capacity"), "%s", err);
	ck_assert_ptr_null(devmodel_create_str(m, "isa-disk", "d", "irq=x5",
					       err, sizeof(err)));
	ck_assert_msg(strstr(err, "irq=x5"), "%s", err);
	ck_assert_ptr_null(devmodel_create_str(m, "isa-disk", "d", "dma=4",
					       err, sizeof(err)));
	ck_assert_msg(strstr(err, "cascade"), "%s", err);
	ck_assert_ptr_null(devmodel_create_str(m, "isa-disk", "d",
					       "capacity=1000", err,
					       sizeof(err)));
	ck_assert_msg(strstr(err, "multiple"), "%s", err);
	ck_assert_ptr_null(devmodel_create_str(m, "busmaster-nic", "n",
					       "width=40", err, sizeof(err)));
	ck_assert_msg(strstr(err, "24, 32, 64"), "%s", err);
	ck_assert_ptr_null(devmodel_create_str(m, "busmaster-nic", "n",
					       "io=0xd008", err, sizeof(err)));
	ck_assert_ptr_null(devmodel_create_str(m, "isa-disk", "d", "io",
					       err, sizeof(err)));
	ck_assert_msg(strstr(err, "key=value"), "%s", err);
	ck_assert_ptr_null(devmodel_next(m, NULL));

	dm = devmodel_create(m, "isa-disk", NULL, kv, 2, err, sizeof(err));
	ck_assert_ptr_nonnull(dm);
	ck_assert_str_eq(devmodel_name(dm), "isa-disk");
	ck_assert(!devmodel_attached(dm));
	ck_assert_ptr_null(devmodel_create(m, "isa-disk", "isa-disk", NULL, 0,
					   err, sizeof(err)));
	ck_assert_msg(strstr(err, "already used"), "%s", err);
	dm = devmodel_create(m, "isa-disk", NULL, NULL, 0, err, sizeof(err));
	ck_assert_str_eq(devmodel_name(dm), "isa-disk1");
	ck_assert_ptr_eq(devmodel_find(m, "isa-disk1"), dm);
}
END_TEST

START_TEST(test_resources)
{
	struct devmodel_resources r;
	struct devmodel *nic, *disk;
	char err[128];

	nic = devmodel_create_str(m, "busmaster-nic", "nic0",
				  "vendor=0x8086,device=0x1229 io=0xe040 irq=9 width=64 slot=7",
				  err, sizeof(err));
	ck_assert_msg(nic != NULL, "%s", err);
	devmodel_resources(nic, &r);
	ck_assert(r.pci);
	ck_assert_uint_eq(r.vendor, 0x8086);
	ck_assert_uint_eq(r.device, 0x1229);
	ck_assert_uint_eq(r.class_code, 0x020000);
	ck_assert_uint_eq(r.io_base, 0xe040);
	ck_assert_uint_eq(r.io_len, BMNIC_IO_LEN);
	ck_assert_int_eq(r.irq, 9);
	ck_assert_int_eq(r.dma_channel, -1);
	ck_assert_uint_eq(r.dma_width, 64);
	ck_assert_uint_eq(r.slot, 7);

	disk = devmodel_create_str(m, "isa-disk", "disk0", "dma=6 irq=14",
				   err, sizeof(err));
	ck_assert_msg(disk != NULL, "%s", err);
	devmodel_resources(disk, &r);
	ck_assert(!r.pci);
	ck_assert_uint_eq(r.io_base, 0x320);
	ck_assert_int_eq(r.irq, 14);
	ck_assert_int_eq(r.dma_channel, 6);
	ck_assert_ptr_eq(devmodel_type_of(disk), devmodel_type_find("isa-disk"));
}
END_TEST

START_TEST(test_attach_release)
{
	struct devmodel *a, *b;
	char err[128];
	unsigned long before;

	a = add("isa-disk", "a", "io=0x300");
	b = devmodel_create_str(m, "isa-disk", "b", "io=0x304", err,
				sizeof(err));
	ck_assert_int_eq(devmodel_attach(b, err, sizeof(err)), -EBUSY);
	ck_assert_msg(strstr(err, "already claimed"), "%s", err);
	/* the disk created the machine's 8237 first in the list */
	ck_assert_str_eq(devmodel_name(devmodel_next(m, NULL)), "i8237");
	ck_assert_int_eq(inb(0x300) & ISADISK_ST_READY, ISADISK_ST_READY);

	compat_log_quiet(true);
	before = compat_io_unclaimed();
	devmodel_destroy(a);
	ck_assert_uint_eq(inb(0x300), 0xFF);	/* released */
	ck_assert_uint_eq(compat_io_unclaimed(), before + 1);
	ck_assert_int_eq(devmodel_attach(b, err, sizeof(err)), 0);
	ck_assert_uint_eq(inb(0x304) & ISADISK_ST_READY, ISADISK_ST_READY);
	/* a second controller cannot take the fixed ports */
	a = devmodel_create_str(m, "i8237", "dma2", "", err, sizeof(err));
	ck_assert_int_ne(devmodel_attach(a, err, sizeof(err)), 0);
	ck_assert_msg(strstr(err, "already has an i8237"), "%s", err);
}
END_TEST

/* ---- i8237 ---- */

START_TEST(test_8237_registers)
{
	unsigned int ch;

	add("i8237", NULL, "");
	for (ch = 0; ch < 8; ch++) {
		outb(0x10 + ch, page_port[ch]);
		ck_assert_uint_eq(inb(page_port[ch]), 0x10 + ch);
	}
	/* flip-flop: low byte then high byte, reset by 0x0C */
	outb(0, 0x0C);
	outb(0x34, 0x02);
	outb(0x12, 0x02);
	ck_assert_uint_eq(read16(0x02, 0x0C), 0x1234);
	outb(0x78, 0x02);		/* flip-flop now low */
	outb(0, 0x0C);
	outb(0xCD, 0x02);
	outb(0xAB, 0x02);
	ck_assert_uint_eq(read16(0x02, 0x0C), 0xABCD);
	/* 16-bit chip: odd ports alias the even ones */
	outb(0, 0xD8);
	outb(0x22, 0xC5);
	outb(0x11, 0xC4);
	ck_assert_uint_eq(read16(0xC4, 0xD8), 0x1122);
	/* masks: all masked after reset except the cascade */
	ck_assert_uint_eq(inb(0x0F) & 0x0F, 0x0F);
	ck_assert_uint_eq(inb(0xDE) & 0x0F, 0x0E);
	outb(0x01, 0x0A);
	ck_assert_uint_eq(inb(0x0F) & 0x0F, 0x0D);
	outb(0, 0x0E);
	ck_assert_uint_eq(inb(0x0F) & 0x0F, 0x00);
	outb(0x0A, 0x0F);
	ck_assert_uint_eq(inb(0x0F) & 0x0F, 0x0A);
	outb(0, 0x0D);			/* master clear */
	ck_assert_uint_eq(inb(0x0F) & 0x0F, 0x0F);
	/* software request shows in the status */
	outb(0x06, 0x09);
	ck_assert_uint_eq(inb(0x08) & 0xF0, 0x40);
	/* high page: written back, cleared by a low-page write */
	outb(0x12, 0x483);
	ck_assert_uint_eq(inb(0x483), 0x12);
	outb(0x05, 0x83);
	ck_assert_uint_eq(inb(0x483), 0);
	/* a word access to this 8-bit device is two byte cycles */
	outw(0x3412, 0x81);
	ck_assert_uint_eq(inb(0x81), 0x12);
	ck_assert_uint_eq(inb(0x82), 0x34);
	ck_assert_uint_eq(inw(0x81), 0x3412);
}
END_TEST

START_TEST(test_8237_transfer)
{
	struct devmodel *dmac = add("i8237", "dma", "");
	struct buf b = get_pages(GFP_DMA, 0);
	u8 src[300];
	bool tc;
	long r;
	int i;

	ck_assert(b.phys < 16 * MiB);
	for (i = 0; i < 300; i++)
		src[i] = i * 3 + 1;
	prog8(1, MODE_WRITE, b.phys + 16, 300);
	/* the device offers 100 bytes, then the rest */
	r = i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 100, &tc, NULL);
	ck_assert_int_eq(r, 100);
	ck_assert(!tc);
	outb(0, 0x0C);
	ck_assert_uint_eq(read16(0x02, 0x0C), (b.phys + 116) & 0xFFFF);
	ck_assert_uint_eq(read16(0x03, 0x0C), 199);
	ck_assert_uint_eq(inb(0x08) & 0x0F, 0);
	r = i8237_dreq(dmac, 1, I8237_TO_MEMORY, src + 100, 1000, &tc, NULL);
	ck_assert_int_eq(r, 200);	/* stopped at terminal count */
	ck_assert(tc);
	ck_assert_mem_eq(b.virt + 16, src, 300);
	ck_assert_uint_eq(b.virt[15], 0);
	ck_assert_uint_eq(b.virt[316], 0);
	ck_assert_uint_eq(read16(0x03, 0x0C), 0xFFFF);
	/* TC in the status, cleared by the read; channel masked at TC */
	ck_assert_uint_eq(inb(0x08) & 0x0F, 0x02);
	ck_assert_uint_eq(inb(0x08) & 0x0F, 0);
	ck_assert_uint_eq(inb(0x0F) & 0x02, 0x02);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 10, &tc,
				    NULL), -EAGAIN);
	/* memory to device */
	prog8(1, MODE_READ, b.phys + 16, 300);
	memset(src, 0, sizeof(src));
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_FROM_MEMORY, src, 300,
				    &tc, NULL), 300);
	ck_assert_mem_eq(src, b.virt + 16, 300);
	ck_assert_uint_eq(counter(dmac, "transfers"), 3);
	ck_assert_uint_eq(counter(dmac, "bytes"), 600);
	ck_assert_uint_eq(counter(dmac, "tc"), 2);
	ck_assert_int_eq(nev, 0);
	put_pages(&b);
}
END_TEST

START_TEST(test_8237_modes)
{
	struct devmodel *dmac = add("i8237", "dma", "");
	struct buf b = get_pages(GFP_DMA, 0);
	u8 src[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out[8];
	char desc[160];
	bool tc;
	int i;

	/* wrong direction, cascade, verify */
	prog8(2, MODE_READ, b.phys, 8);
	ck_assert_int_eq(i8237_dreq(dmac, 2, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), -EINVAL);
	i8237_describe(dmac, 2, desc, sizeof(desc));
	ck_assert_msg(strstr(desc, "single, read"), "%s", desc);
	prog8(2, 0xC0, b.phys, 8);
	ck_assert_int_eq(i8237_dreq(dmac, 2, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), -EINVAL);
	prog8(2, MODE_VERIFY, b.phys, 8);
	ck_assert_int_eq(i8237_dreq(dmac, 2, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), 8);
	ck_assert(tc);
	ck_assert_uint_eq(b.virt[0], 0);	/* verify touches nothing */

	/* decrement: byte i goes to address start - i */
	prog8(2, MODE_WRITE | MODE_DOWN, b.phys + 107, 8);
	ck_assert_int_eq(i8237_dreq(dmac, 2, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), 8);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(b.virt[107 - i], src[i]);
	ck_assert_uint_eq(b.virt[108], 0);
	ck_assert_uint_eq(b.virt[99], 0);
	ck_assert_uint_eq(read16(0x04, 0x0C), (b.phys + 99) & 0xFFFF);
	prog8(2, MODE_READ | MODE_DOWN, b.phys + 107, 8);
	ck_assert_int_eq(i8237_dreq(dmac, 2, I8237_FROM_MEMORY, out, 8, &tc,
				    NULL), 8);
	ck_assert_mem_eq(out, src, 8);

	/* autoinit: reloaded at TC, stays unmasked */
	prog8(3, MODE_WRITE | MODE_AUTOINIT, b.phys + 200, 4);
	ck_assert_int_eq(i8237_dreq(dmac, 3, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), 4);
	ck_assert(tc);
	ck_assert_int_eq(i8237_dreq(dmac, 3, I8237_TO_MEMORY, src + 4, 8, &tc,
				    NULL), 4);
	ck_assert_mem_eq(b.virt + 200, src + 4, 4);
	ck_assert_uint_eq(inb(0x0F) & 0x08, 0);
	ck_assert_uint_eq(read16(0x07, 0x0C), 3);

	/* masking the cascade (channel 4) blocks channels 0-3 */
	prog8(1, MODE_WRITE, b.phys, 8);
	outb(0x04, 0xD4);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), -EAGAIN);
	outb(0x00, 0xD4);
	/* so does disabling the controller */
	outb(0x04, 0x08);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), -EAGAIN);
	outb(0x00, 0x08);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 8, &tc,
				    NULL), 8);
	ck_assert_int_eq(nev, 0);
	put_pages(&b);
}
END_TEST

START_TEST(test_8237_boundary_wrap)
{
	struct devmodel *dmac = add("i8237", "dma", "");
	struct buf b = get_pages(GFP_DMA, 5);	/* 128 KiB, aligned */
	u8 src[0x200];
	u64 start = b.phys + 0xFF00;
	bool tc;
	int i;

	ck_assert_uint_eq(b.phys & 0x1FFFF, 0);
	for (i = 0; i < 0x200; i++)
		src[i] = (i & 0xFF) ^ (i >> 8 ? 0xA5 : 0x5A);
	prog8(0, MODE_WRITE, start, 0x200);
	ck_assert_int_eq(i8237_dreq(dmac, 0, I8237_TO_MEMORY, src, 0x200, &tc,
				    NULL), 0x200);
	/* first half below the boundary, second half wrapped to the page
	 * start; nothing past the boundary */
	ck_assert_mem_eq(b.virt + 0xFF00, src, 0x100);
	ck_assert_mem_eq(b.virt, src + 0x100, 0x100);
	for (i = 0; i < 0x100; i++)
		ck_assert_uint_eq(b.virt[0x10000 + i], 0);
	ck_assert_int_eq(nev, 1);
	ck_assert_int_eq(ev[0].kind, DEVMODEL_DMA_VIOLATION);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_ISA_BOUNDARY);
	ck_assert_str_eq(ev[0].device, "dma");
	ck_assert_uint_eq(ev[0].phys, start);
	ck_assert_uint_eq(ev[0].len, 0x200);
	ck_assert_uint_eq(ev[0].width, 24);
	ck_assert_int_eq(ev[0].channel, 0);
	ck_assert_msg(strstr(ev[0].message, "64 KiB") &&
		      strstr(ev[0].message, "crosses"), "%s", ev[0].message);
	ck_assert_uint_eq(counter(dmac, "boundary_wraps"), 1);
	ck_assert_uint_eq(counter(dmac, "violations"), 1);
	ck_assert_uint_eq(devmodel_machine_events(m, DEVMODEL_DMA_VIOLATION),
			  1);

	/* a buffer ending exactly at the boundary is fine */
	prog8(0, MODE_WRITE, b.phys + 0xFF00, 0x100);
	ck_assert_int_eq(i8237_dreq(dmac, 0, I8237_TO_MEMORY, src, 0x100, &tc,
				    NULL), 0x100);
	ck_assert_int_eq(nev, 1);
	put_pages(&b);
}
END_TEST

START_TEST(test_8237_16bit)
{
	struct devmodel *dmac = add("i8237", "dma", "");
	struct buf b = get_pages(GFP_DMA, 6);	/* 256 KiB, aligned */
	u8 src[0x400];
	bool tc;
	int i;

	ck_assert_uint_eq(b.phys & 0x3FFFF, 0);
	for (i = 0; i < 0x400; i++)
		src[i] = i * 7;
	/* crossing 64 KiB is fine on a 16-bit channel */
	prog16(5, MODE_WRITE, b.phys + 0xFF00, 0x200);
	ck_assert_int_eq(i8237_dreq(dmac, 5, I8237_TO_MEMORY, src, 0x201, &tc,
				    NULL), 0x200);
	ck_assert(tc);
	ck_assert_mem_eq(b.virt + 0xFF00, src, 0x200);
	ck_assert_int_eq(nev, 0);
	/* address and count registers count words */
	ck_assert_uint_eq(read16(0xC4, 0xD8), ((b.phys + 0x10100) >> 1) &
			  0xFFFF);
	ck_assert_uint_eq(read16(0xC6, 0xD8), 0xFFFF);
	ck_assert_uint_eq(inb(0xD0) & 0x0F, 0x02);	/* TC of channel 5 */
	/* an odd byte count from the device moves whole words only */
	prog16(6, MODE_WRITE, b.phys + 0x100, 0x10);
	ck_assert_int_eq(i8237_dreq(dmac, 6, I8237_TO_MEMORY, src, 5, &tc,
				    NULL), 4);
	/* crossing 128 KiB wraps inside the 128 KiB page */
	prog16(7, MODE_WRITE, b.phys + 0x1FF00, 0x200);
	ck_assert_int_eq(i8237_dreq(dmac, 7, I8237_TO_MEMORY, src + 0x200,
				    0x200, &tc, NULL), 0x200);
	ck_assert_mem_eq(b.virt + 0x1FF00, src + 0x200, 0x100);
	ck_assert_mem_eq(b.virt, src + 0x300, 0x100);
	ck_assert_uint_eq(b.virt[0x20000], 0);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_ISA_BOUNDARY);
	ck_assert_uint_eq(ev[0].phys, b.phys + 0x1FF00);
	ck_assert_int_eq(ev[0].channel, 7);
	ck_assert_msg(strstr(ev[0].message, "128 KiB"), "%s", ev[0].message);
	put_pages(&b);
}
END_TEST

START_TEST(test_8237_16m)
{
	struct devmodel *dmac = add("i8237", "dma", "");
	struct buf b = get_pages(GFP_DMA32, 0);
	u8 src[16] = { 9, 8, 7 };
	bool tc;

	ck_assert(b.phys >= 16 * MiB && b.phys < 4 * GiB);
	prog8(1, MODE_WRITE, b.phys, 16);
	outb(b.phys >> 24, 0x483);		/* what an EISA driver does */
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 16, &tc,
				    NULL), -EFAULT);
	ck_assert_uint_eq(b.virt[0], 0);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_ISA_16M);
	ck_assert_uint_eq(ev[0].phys, b.phys);
	ck_assert_uint_eq(ev[0].width, 24);
	ck_assert_msg(strstr(ev[0].message, "above 16 MiB"), "%s",
		      ev[0].message);
	/* reported once per programming */
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 16, &tc,
				    NULL), -EFAULT);
	ck_assert_int_eq(nev, 1);
	put_pages(&b);
}
END_TEST

START_TEST(test_8237_eisa_width32)
{
	struct devmodel *dmac = add("i8237", "dma", "width=32");
	struct buf b = get_pages(GFP_DMA32, 0);
	u8 src[16] = { 9, 8, 7, 6 };
	bool tc;

	ck_assert(b.phys >= 16 * MiB);
	prog8(1, MODE_WRITE, b.phys, 16);
	outb(b.phys >> 24, 0x483);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 16, &tc,
				    NULL), 16);
	ck_assert_mem_eq(b.virt, src, 16);
	ck_assert_int_eq(nev, 0);
	/* a page in the hole below 4 GiB is not RAM */
	prog8(1, MODE_WRITE, 0xF0000000ULL, 16);
	outb(0xF0, 0x483);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 16, &tc,
				    NULL), -EFAULT);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_DMA_NO_RAM);
	ck_assert_uint_eq(ev[0].phys, 0xF0000000ULL);
	put_pages(&b);
}
END_TEST

START_TEST(test_8237_free_memory)
{
	struct devmodel *dmac = add("i8237", "dma", "");
	struct buf b = get_pages(GFP_DMA, 0), keep = get_pages(GFP_DMA, 0);
	u8 src[64];
	bool tc;

	memset(src, 0x3C, sizeof(src));
	/* allocated memory: nothing to say */
	prog8(1, MODE_WRITE, keep.phys, 64);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 64, &tc,
				    NULL), 64);
	ck_assert_int_eq(nev, 0);
	/* a freed buffer: reported, and written as hardware would */
	put_pages(&b);
	prog8(1, MODE_WRITE, b.phys + 100, 64);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 32, &tc,
				    NULL), 32);
	ck_assert_int_eq(i8237_dreq(dmac, 1, I8237_TO_MEMORY, src, 32, &tc,
				    NULL), 32);
	ck_assert_int_eq(nev, 1);		/* once per programming */
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_DMA_FREE);
	ck_assert_uint_eq(ev[0].phys, b.phys + 100);
	ck_assert_int_eq(ev[0].channel, 1);
	ck_assert_msg(strstr(ev[0].message, "free memory"), "%s",
		      ev[0].message);
	ck_assert_uint_eq(b.virt[100], 0x3C);
	ck_assert_uint_eq(counter(dmac, "violations"), 1);
	put_pages(&keep);
}
END_TEST

/* ---- isa-disk ---- */

#define DISK_IO		0x320
#define DISK_IRQ	5

static struct {
	int calls;
	int in_hardirq;
	int irqs_off;
	u8 status;
	u8 error;
} seen;

static irqreturn_t disk_isr(int irq, void *dev)
{
	u16 io = (unsigned long)dev;
	u8 st = inb(io + ISADISK_REG_CMD);

	if (!(st & ISADISK_ST_DONE))
		return IRQ_NONE;
	__atomic_fetch_add(&seen.calls, 1, __ATOMIC_SEQ_CST);
	seen.in_hardirq += in_hardirq() ? 1 : 0;
	seen.irqs_off += irqs_disabled() ? 1 : 0;
	seen.status = st;
	seen.error = inb(io + ISADISK_REG_ACK);
	outb(ISADISK_ST_DONE | ISADISK_ST_ERROR, io + ISADISK_REG_ACK);
	return IRQ_HANDLED;
}

static void disk_cmd(u16 io, u8 cmd, u32 lba, u8 count)
{
	outl(lba, io + ISADISK_REG_LBA);
	outb(count, io + ISADISK_REG_COUNT);
	outb(cmd, io + ISADISK_REG_CMD);
}

static void wait_irqs(int n)
{
	devmodel_machine_sync(m);
	ck_assert_int_eq(__atomic_load_n(&seen.calls, __ATOMIC_SEQ_CST), n);
}

START_TEST(test_disk_read_irq)
{
	struct devmodel *disk;
	struct platform_device *pdev;
	dma_addr_t dma;
	u8 *buf;
	unsigned int i;

	memset(&seen, 0, sizeof(seen));
	disk = add("isa-disk", "disk0", "fill=pattern capacity=64K");
	ck_assert_int_eq(request_irq(DISK_IRQ, disk_isr, 0, "disk0",
				     (void *)(unsigned long)DISK_IO), 0);
	pdev = platform_device_register_simple("isadisk", 0, NULL, 0);
	ck_assert(!IS_ERR_OR_NULL(pdev));
	ck_assert_int_eq(dma_set_coherent_mask(&pdev->dev, DMA_BIT_MASK(24)),
			 0);
	buf = dma_alloc_coherent(&pdev->dev, 1024, &dma, GFP_KERNEL);
	ck_assert_ptr_nonnull(buf);
	ck_assert(dma + 1024 <= 16 * MiB);

	prog8(1, MODE_WRITE, dma, 1024);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 3, 2);
	wait_irqs(1);
	ck_assert_int_eq(seen.in_hardirq, 1);
	ck_assert_int_eq(seen.irqs_off, 1);
	ck_assert_uint_eq(seen.status & (ISADISK_ST_DONE | ISADISK_ST_ERROR |
					 ISADISK_ST_BUSY), ISADISK_ST_DONE);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_NONE);
	for (i = 0; i < 1024; i++)
		ck_assert_uint_eq(buf[i], isadisk_pattern_byte(3 + i / 512,
							       i % 512));
	ck_assert_uint_eq(inb(DISK_IO) & ISADISK_ST_DONE, 0);	/* acked */
	ck_assert_uint_eq(counter(disk, "reads"), 1);
	ck_assert_uint_eq(counter(disk, "sectors_read"), 2);
	ck_assert_uint_eq(counter(disk, "irqs"), 1);
	ck_assert_int_eq(nev, 0);

	/* IDENTIFY: the capacity in sectors in the LBA registers */
	disk_cmd(DISK_IO, ISADISK_CMD_IDENTIFY, 0, 0);
	wait_irqs(2);
	ck_assert_uint_eq(inl(DISK_IO + ISADISK_REG_LBA), 128);
	ck_assert_uint_eq(inb(DISK_IO + ISADISK_REG_CTL), 0);

	dma_free_coherent(&pdev->dev, 1024, buf, dma);
	free_irq(DISK_IRQ, (void *)(unsigned long)DISK_IO);
	platform_device_unregister(pdev);
}
END_TEST

START_TEST(test_disk_write_16bit)
{
	struct devmodel *disk;
	struct buf b = get_pages(GFP_DMA, 1);
	size_t len;
	u8 *image;
	int i;

	memset(&seen, 0, sizeof(seen));
	disk = add("isa-disk", "disk0", "dma=5 capacity=32K");
	ck_assert_int_eq(request_irq(DISK_IRQ, disk_isr, 0, "disk0",
				     (void *)(unsigned long)DISK_IO), 0);
	for (i = 0; i < 1536; i++)
		b.virt[i] = i % 251;
	prog16(5, MODE_READ, b.phys, 1536);
	disk_cmd(DISK_IO, ISADISK_CMD_WRITE, 60, 3);
	wait_irqs(1);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_NONE);
	image = devmodel_backing(disk, &len);
	ck_assert_uint_eq(len, 32768);
	ck_assert_mem_eq(image + 60 * 512, b.virt, 1536);
	ck_assert_uint_eq(image[60 * 512 - 1], 0);
	ck_assert_uint_eq(image[63 * 512], 0);
	ck_assert_uint_eq(counter(disk, "sectors_written"), 3);
	/* read back through the 16-bit channel into the second page */
	memset(image + 10 * 512, 0x5C, 512);
	prog16(5, MODE_WRITE, b.phys + 4096, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 10, 1);
	wait_irqs(2);
	for (i = 0; i < 512; i++)
		ck_assert_uint_eq(b.virt[4096 + i], 0x5C);
	free_irq(DISK_IRQ, (void *)(unsigned long)DISK_IO);
	put_pages(&b);
}
END_TEST

START_TEST(test_disk_errors)
{
	struct devmodel *disk;
	struct buf b = get_pages(GFP_DMA, 1);

	memset(&seen, 0, sizeof(seen));
	disk = add("isa-disk", "disk0", "capacity=16K");
	ck_assert_int_eq(request_irq(DISK_IRQ, disk_isr, 0, "disk0",
				     (void *)(unsigned long)DISK_IO), 0);
	/* beyond the disk */
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 30, 4);
	wait_irqs(1);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_LBA);
	ck_assert(seen.status & ISADISK_ST_ERROR);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_BAD_LBA);
	ck_assert_int_eq(ev[0].kind, DEVMODEL_DEVICE_ERROR);
	/* channel still masked (never programmed) */
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 1);
	wait_irqs(2);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_DMA);
	ck_assert_str_eq(ev[1].tag, DEVMODEL_TAG_DMA_MODE);
	ck_assert_msg(strstr(ev[1].message, "masked"), "%s", ev[1].message);
	/* programmed for the other direction */
	prog8(1, MODE_READ, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 1);
	wait_irqs(3);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_DMA);
	ck_assert_msg(strstr(ev[2].message, "wrong mode"), "%s",
		      ev[2].message);
	/* count too small for the sectors: terminal count first */
	prog8(1, MODE_WRITE, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 2);
	wait_irqs(4);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_SHORT);
	ck_assert_str_eq(ev[3].tag, DEVMODEL_TAG_DMA_SHORT);
	ck_assert_msg(strstr(ev[3].message, "after 512 bytes"), "%s",
		      ev[3].message);
	/* unknown command */
	outb(0x77, DISK_IO);
	wait_irqs(5);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_CMD);
	ck_assert_str_eq(ev[4].tag, DEVMODEL_TAG_BAD_COMMAND);
	ck_assert_int_eq(nev, 5);
	ck_assert_uint_eq(counter(disk, "errors"), 5);
	ck_assert_uint_eq(devmodel_events(disk, DEVMODEL_DEVICE_ERROR), 5);
	/* no interrupt enabled: completion is polled; a second command
	 * before the acknowledge is rejected */
	outb(0, DISK_IO + ISADISK_REG_CTL);
	prog8(1, MODE_WRITE, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 1);
	ck_assert_uint_eq(inb(DISK_IO) & ISADISK_ST_DONE, ISADISK_ST_DONE);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 1);
	ck_assert_int_eq(nev, 6);
	ck_assert_str_eq(ev[5].tag, DEVMODEL_TAG_BUSY);
	wait_irqs(5);
	ck_assert_uint_eq(counter(disk, "reads"), 1);
	/* reset clears it */
	outb(ISADISK_CMD_RESET, DISK_IO);
	ck_assert_uint_eq(inb(DISK_IO), ISADISK_ST_READY);
	free_irq(DISK_IRQ, (void *)(unsigned long)DISK_IO);
	put_pages(&b);
}
END_TEST

START_TEST(test_disk_latency)
{
	struct devmodel *disk;
	struct buf b = get_pages(GFP_DMA, 0);
	u8 st;

	memset(&seen, 0, sizeof(seen));
	disk = add("isa-disk", "disk0", "fill=pattern latency=20000");
	ck_assert_int_eq(request_irq(DISK_IRQ, disk_isr, 0, "disk0",
				     (void *)(unsigned long)DISK_IO), 0);
	prog8(1, MODE_WRITE, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 1, 1);
	st = inb(DISK_IO);
	ck_assert_uint_eq(st & (ISADISK_ST_BUSY | ISADISK_ST_DONE),
			  ISADISK_ST_BUSY);
	ck_assert_uint_eq(b.virt[0], 0);	/* not yet */
	wait_irqs(1);
	ck_assert_int_eq(seen.in_hardirq, 1);
	ck_assert_uint_eq(b.virt[0], isadisk_pattern_byte(1, 0));
	ck_assert_uint_eq(b.virt[511], isadisk_pattern_byte(1, 511));
	/* a reset cancels a command in flight: no interrupt */
	prog8(1, MODE_WRITE, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 2, 1);
	outb(ISADISK_CMD_RESET, DISK_IO);
	wait_irqs(1);
	ck_assert_uint_eq(counter(disk, "reads"), 1);
	/* detach with a command in flight: no interrupt after */
	prog8(1, MODE_WRITE, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 2, 1);
	devmodel_detach(disk);
	wait_irqs(1);
	free_irq(DISK_IRQ, (void *)(unsigned long)DISK_IO);
	put_pages(&b);
}
END_TEST

START_TEST(test_disk_boundary)
{
	struct buf b = get_pages(GFP_DMA, 5);
	unsigned int i;

	memset(&seen, 0, sizeof(seen));
	add("isa-disk", "disk0", "fill=pattern");
	ck_assert_int_eq(request_irq(DISK_IRQ, disk_isr, 0, "disk0",
				     (void *)(unsigned long)DISK_IO), 0);
	/* a 1 KiB buffer 512 bytes below a 64 KiB boundary */
	prog8(1, MODE_WRITE, b.phys + 0xFE00, 1024);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 2);
	wait_irqs(1);
	ck_assert_uint_eq(seen.error, ISADISK_ERR_NONE);	/* it "worked" */
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_ISA_BOUNDARY);
	ck_assert_str_eq(ev[0].device, "i8237");
	ck_assert_msg(strstr(ev[0].message, "disk0"), "%s", ev[0].message);
	ck_assert_uint_eq(ev[0].phys, b.phys + 0xFE00);
	ck_assert_uint_eq(ev[0].len, 1024);
	/* sector 1 landed at the start of the 64 KiB page, not after it */
	for (i = 0; i < 512; i++) {
		ck_assert_uint_eq(b.virt[i], isadisk_pattern_byte(1, i));
		ck_assert_uint_eq(b.virt[0x10000 + i], 0);
	}
	free_irq(DISK_IRQ, (void *)(unsigned long)DISK_IO);
	put_pages(&b);
}
END_TEST

/* two disks on one controller, an explicit controller by name */
START_TEST(test_disk_two)
{
	struct devmodel *a, *b2;
	struct buf b = get_pages(GFP_DMA, 0);
	u8 *img;

	add("i8237", "dmac0", "");
	a = add("isa-disk", "a", "io=0x300 irq=6 dma=2 fill=pattern dmac=dmac0");
	b2 = add("isa-disk", "b", "io=0x308 irq=7 dma=3 capacity=64M");
	ck_assert_uint_eq(inb(0x308 + ISADISK_REG_CTL), 2);	/* 128 Ki sectors */
	img = devmodel_backing(b2, NULL);
	memset(img, 0xEE, 512);
	outb(0, 0x300 + ISADISK_REG_CTL);
	outb(0, 0x308 + ISADISK_REG_CTL);
	prog8(2, MODE_WRITE, b.phys, 512);
	prog8(3, MODE_WRITE, b.phys + 512, 512);
	disk_cmd(0x300, ISADISK_CMD_READ, 4, 1);
	disk_cmd(0x308, ISADISK_CMD_READ, 0, 1);
	ck_assert_uint_eq(inb(0x300), ISADISK_ST_READY | ISADISK_ST_DONE);
	ck_assert_uint_eq(inb(0x308), ISADISK_ST_READY | ISADISK_ST_DONE);
	ck_assert_uint_eq(b.virt[5], isadisk_pattern_byte(4, 5));
	ck_assert_uint_eq(b.virt[512], 0xEE);
	ck_assert_uint_eq(counter(a, "irqs"), 0);
	ck_assert_ptr_eq(devmodel_next(m, NULL), devmodel_find(m, "dmac0"));
	ck_assert_ptr_null(devmodel_find(m, "i8237"));
	/* destroying the controller leaves the disks without DMA */
	devmodel_destroy(devmodel_find(m, "dmac0"));
	outb(ISADISK_ST_DONE, 0x300 + ISADISK_REG_ACK);
	disk_cmd(0x300, ISADISK_CMD_READ, 4, 1);
	ck_assert_uint_eq(inb(0x300 + ISADISK_REG_ACK), ISADISK_ERR_DMA);
	ck_assert_int_eq(nev, 1);
	ck_assert_msg(strstr(ev[0].message, "no DMA controller"), "%s",
		      ev[0].message);
	put_pages(&b);
}
END_TEST

/* ---- busmaster-nic ---- */

#define NIC_IO		0xd000
#define NIC_IRQ		11
#define RING		8

static struct {
	int calls;
	int in_hardirq;
	u32 isr;
	bool ack_all;
} nic_seen;

static irqreturn_t nic_isr(int irq, void *dev)
{
	u32 isr = inl(NIC_IO + BMNIC_REG_ISTATUS);

	if (!isr)
		return IRQ_NONE;
	__atomic_fetch_add(&nic_seen.calls, 1, __ATOMIC_SEQ_CST);
	nic_seen.in_hardirq += in_hardirq() ? 1 : 0;
	nic_seen.isr |= isr;
	/* ack one bit at a time unless told otherwise */
	outl(nic_seen.ack_all ? isr : isr & -isr,
	     NIC_IO + BMNIC_REG_ISTATUS);
	return IRQ_HANDLED;
}

struct nic {
	struct devmodel *dm;
	struct buf ring;		/* TX ring, then RX ring */
	struct bmnic_desc *tx, *rx;
	struct buf bufs;		/* RING buffers of 512 bytes each */
};

static void nic_setup(struct nic *n, const char *params, gfp_t ring_gfp)
{
	u64 txp, rxp;
	int i;

	memset(&nic_seen, 0, sizeof(nic_seen));
	nic_seen.ack_all = true;
	n->dm = add("busmaster-nic", "nic0", params);
	ck_assert_int_eq(request_irq(NIC_IRQ, nic_isr, 0, "nic0", n), 0);
	n->ring = get_pages(ring_gfp, 0);
	n->tx = (struct bmnic_desc *)n->ring.virt;
	n->rx = n->tx + RING;
	n->bufs = get_pages(GFP_DMA32, 1);
	txp = n->ring.phys;
	rxp = txp + RING * sizeof(struct bmnic_desc);
	for (i = 0; i < RING; i++) {
		n->rx[i].addr = n->bufs.phys + 4096 + i * 512;
		n->rx[i].len = 512;
	}
	outl(BMNIC_CTRL_RESET, NIC_IO + BMNIC_REG_CTRL);
	outl((u32)txp, NIC_IO + BMNIC_REG_TXBASE_LO);
	outl(txp >> 32, NIC_IO + BMNIC_REG_TXBASE_HI);
	outl((u32)rxp, NIC_IO + BMNIC_REG_RXBASE_LO);
	outl(rxp >> 32, NIC_IO + BMNIC_REG_RXBASE_HI);
	outl(RING, NIC_IO + BMNIC_REG_TXLEN);
	outl(RING, NIC_IO + BMNIC_REG_RXLEN);
	outl(BMNIC_INT_TX | BMNIC_INT_RX | BMNIC_INT_ERR,
	     NIC_IO + BMNIC_REG_IMASK);
	outl(BMNIC_CTRL_ENABLE, NIC_IO + BMNIC_REG_CTRL);
	outl(RING - 1, NIC_IO + BMNIC_REG_RXTAIL);
}

static void nic_teardown(struct nic *n)
{
	free_irq(NIC_IRQ, n);
	put_pages(&n->ring);
	put_pages(&n->bufs);
}

/* queue TX descriptor @i for @len bytes at @addr and ring the bell */
static void nic_send(struct nic *n, unsigned int i, u64 addr, u32 len)
{
	n->tx[i].addr = addr;
	n->tx[i].len = len;
	n->tx[i].flags = 0;
	n->tx[i].status = 0;
	outl((i + 1) % RING, NIC_IO + BMNIC_REG_TXTAIL);
}

static void nic_wait(int calls)
{
	devmodel_machine_sync(m);
	ck_assert_int_eq(__atomic_load_n(&nic_seen.calls, __ATOMIC_SEQ_CST),
			 calls);
}

START_TEST(test_nic_loopback)
{
	struct nic n;
	int i;

	nic_setup(&n, "", GFP_DMA32);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_ID), 0x4e015356);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_WIDTH), 32);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_STATUS),
			  BMNIC_ST_ENABLED | BMNIC_ST_LINK);
	for (i = 0; i < 100; i++)
		n.bufs.virt[i] = i + 1;
	nic_send(&n, 0, n.bufs.phys, 100);
	nic_wait(1);
	ck_assert_int_eq(nic_seen.in_hardirq, 1);
	ck_assert_uint_eq(nic_seen.isr, BMNIC_INT_TX | BMNIC_INT_RX);
	ck_assert_uint_eq(n.tx[0].status, BMNIC_DESC_DONE);
	ck_assert_uint_eq(n.rx[0].status, BMNIC_DESC_DONE);
	ck_assert_uint_eq(n.rx[0].len, 100);
	ck_assert_mem_eq(n.bufs.virt + 4096, n.bufs.virt, 100);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_TXHEAD), 1);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_RXHEAD), 1);
	/* two more at once */
	n.tx[1] = (struct bmnic_desc){ n.bufs.phys + 10, 60, 0, 0 };
	n.tx[2] = (struct bmnic_desc){ n.bufs.phys + 20, 70, 0, 0 };
	outl(3, NIC_IO + BMNIC_REG_TXTAIL);
	nic_wait(2);
	ck_assert_uint_eq(n.rx[2].len, 70);
	ck_assert_mem_eq(n.bufs.virt + 4096 + 2 * 512, n.bufs.virt + 20, 70);
	ck_assert_uint_eq(counter(n.dm, "tx_frames"), 3);
	ck_assert_uint_eq(counter(n.dm, "rx_bytes"), 230);
	ck_assert_uint_eq(counter(n.dm, "irqs"), 2);
	ck_assert_int_eq(nev, 0);
	nic_teardown(&n);
}
END_TEST

START_TEST(test_nic_width32)
{
	struct buf high = get_pages(GFP_KERNEL, 0);
	struct nic n;

	ck_assert_msg(high.phys >= 4 * GiB, "%#llx", high.phys);
	nic_setup(&n, "width=32", GFP_DMA32);
	memset(high.virt, 0x42, 64);
	nic_send(&n, 0, high.phys + 8, 64);
	nic_wait(1);
	ck_assert_uint_eq(n.tx[0].status, BMNIC_DESC_DONE | BMNIC_DESC_ERR);
	ck_assert_uint_eq(nic_seen.isr, BMNIC_INT_TX | BMNIC_INT_ERR);
	ck_assert_uint_eq(n.rx[0].status, 0);		/* nothing sent */
	ck_assert_int_eq(nev, 1);
	ck_assert_int_eq(ev[0].kind, DEVMODEL_DMA_VIOLATION);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_DMA_WIDTH);
	ck_assert_uint_eq(ev[0].phys, high.phys + 8);
	ck_assert_uint_eq(ev[0].len, 64);
	ck_assert_uint_eq(ev[0].width, 32);
	ck_assert_msg(strstr(ev[0].message, "32-bit") &&
		      strstr(ev[0].message, "not performed"), "%s",
		      ev[0].message);
	ck_assert_uint_eq(counter(n.dm, "width_violations"), 1);
	ck_assert_uint_eq(counter(n.dm, "tx_frames"), 0);
	/* the device goes on with the next descriptor */
	nic_send(&n, 1, n.bufs.phys, 64);
	nic_wait(2);
	ck_assert_uint_eq(n.tx[1].status, BMNIC_DESC_DONE);
	ck_assert_uint_eq(n.rx[0].status, BMNIC_DESC_DONE);
	/* an RX buffer above 4 GiB is flagged too */
	n.rx[1].addr = high.phys;
	nic_send(&n, 2, n.bufs.phys, 64);
	nic_wait(3);
	ck_assert_uint_eq(n.rx[1].status, BMNIC_DESC_DONE | BMNIC_DESC_ERR);
	ck_assert_uint_eq(n.rx[1].len, 0);
	ck_assert_uint_eq(high.virt[0], 0x42);
	ck_assert_int_eq(nev, 2);
	ck_assert_uint_eq(ev[1].phys, high.phys);
	ck_assert_msg(strstr(ev[1].message, "RX descriptor 1"), "%s",
		      ev[1].message);
	nic_teardown(&n);
	put_pages(&high);
}
END_TEST

START_TEST(test_nic_width24_ring)
{
	struct nic n;

	nic_setup(&n, "width=24", GFP_DMA32);
	ck_assert(n.ring.phys >= 16 * MiB);
	nic_send(&n, 0, n.bufs.phys, 64);
	nic_wait(1);
	ck_assert_uint_eq(nic_seen.isr, BMNIC_INT_ERR);
	ck_assert_uint_eq(n.tx[0].status, 0);		/* never read */
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_TXHEAD), 0);
	ck_assert(inl(NIC_IO + BMNIC_REG_STATUS) & BMNIC_ST_DMAERR);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_DMA_WIDTH);
	ck_assert_uint_eq(ev[0].phys, n.ring.phys);
	ck_assert_uint_eq(ev[0].len, RING * BMNIC_DESC_SIZE);
	ck_assert_uint_eq(ev[0].width, 24);
	ck_assert_msg(strstr(ev[0].message, "TX descriptor ring"), "%s",
		      ev[0].message);
	/* stopped until reset: more doorbells do nothing, report once */
	outl(2, NIC_IO + BMNIC_REG_TXTAIL);
	nic_wait(1);
	ck_assert_int_eq(nev, 1);
	nic_teardown(&n);
}
END_TEST

START_TEST(test_nic_width24_ok_and_64)
{
	struct buf high = get_pages(GFP_KERNEL, 0);
	struct nic n;

	/* a 24-bit device with everything below 16 MiB works */
	nic_setup(&n, "width=24", GFP_DMA);
	put_pages(&n.bufs);
	n.bufs = get_pages(GFP_DMA, 1);
	for (int i = 0; i < RING; i++)
		n.rx[i].addr = n.bufs.phys + 4096 + i * 512;
	nic_send(&n, 0, n.bufs.phys, 64);
	nic_wait(1);
	ck_assert_uint_eq(n.rx[0].status, BMNIC_DESC_DONE);
	/* but a 32-bit buffer is beyond it */
	nic_send(&n, 1, n.bufs.phys + 16 * MiB, 64);
	nic_wait(2);
	ck_assert_int_eq(nev, 1);
	ck_assert_uint_eq(ev[0].width, 24);
	devmodel_destroy(n.dm);
	nic_teardown(&n);

	/* width 64 reaches memory above 4 GiB */
	nev = 0;
	nic_setup(&n, "width=64", GFP_KERNEL);
	ck_assert(n.ring.phys >= 4 * GiB);
	n.rx[0].addr = high.phys;
	memset(n.bufs.virt, 0x77, 64);
	nic_send(&n, 0, n.bufs.phys, 64);
	nic_wait(1);
	ck_assert_uint_eq(n.rx[0].status, BMNIC_DESC_DONE);
	ck_assert_uint_eq(high.virt[63], 0x77);
	ck_assert_int_eq(nev, 0);
	/* memory that is not RAM is still refused */
	nic_send(&n, 1, 0xF0000000ULL, 64);
	nic_wait(2);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_DMA_NO_RAM);
	ck_assert_uint_eq(n.tx[1].status, BMNIC_DESC_DONE | BMNIC_DESC_ERR);
	nic_teardown(&n);
	put_pages(&high);
}
END_TEST

START_TEST(test_nic_wire_inject)
{
	u8 frame[200], got[300];
	struct nic n;
	int i;

	nic_setup(&n, "loopback=0 mtu=1000", GFP_DMA32);
	for (i = 0; i < 200; i++)
		frame[i] = 255 - i;
	ck_assert_int_eq(devmodel_collect(n.dm, got, sizeof(got)), -ENOENT);
	memcpy(n.bufs.virt, frame, 150);
	nic_send(&n, 0, n.bufs.phys, 150);
	nic_wait(1);
	ck_assert_uint_eq(nic_seen.isr, BMNIC_INT_TX);
	ck_assert_int_eq(devmodel_collect(n.dm, got, sizeof(got)), 150);
	ck_assert_mem_eq(got, frame, 150);
	ck_assert_int_eq(devmodel_collect(n.dm, got, sizeof(got)), -ENOENT);
	/* a frame from the wire */
	ck_assert_int_eq(devmodel_inject(n.dm, frame, 200), 0);
	nic_wait(2);
	ck_assert_uint_eq(n.rx[0].len, 200);
	ck_assert_mem_eq(n.bufs.virt + 4096, frame, 200);
	ck_assert_int_eq(devmodel_inject(n.dm, frame, 1001), -E2BIG);
	/* longer than the buffer: truncated and reported */
	n.rx[1].len = 100;
	ck_assert_int_eq(devmodel_inject(n.dm, frame, 200), 0);
	nic_wait(3);
	ck_assert_uint_eq(n.rx[1].len, 100);
	ck_assert_uint_eq(n.rx[1].status, BMNIC_DESC_DONE | BMNIC_DESC_TRUNC);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_RX_OVERFLOW);
	/* fill the ring: the device keeps one slot, then drops */
	for (i = 2; i < RING - 1; i++)
		ck_assert_int_eq(devmodel_inject(n.dm, frame, 10), 0);
	ck_assert_int_eq(devmodel_inject(n.dm, frame, 10), -ENOSPC);
	ck_assert_uint_eq(counter(n.dm, "rx_dropped"), 1);
	nic_teardown(&n);
}
END_TEST

START_TEST(test_nic_free_buffer)
{
	struct buf gone = get_pages(GFP_DMA32, 0);
	struct nic n;

	nic_setup(&n, "", GFP_DMA32);
	memset(gone.virt, 0x19, 64);
	put_pages(&gone);
	nic_send(&n, 0, gone.phys, 64);
	nic_wait(1);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_DMA_FREE);
	ck_assert_uint_eq(ev[0].phys, gone.phys);
	ck_assert_uint_eq(ev[0].width, 32);
	ck_assert_msg(strstr(ev[0].message, "TX descriptor 0"), "%s",
		      ev[0].message);
	/* performed: the device cannot know */
	ck_assert_uint_eq(n.tx[0].status, BMNIC_DESC_DONE);
	ck_assert_uint_eq(n.rx[0].status, BMNIC_DESC_DONE);
	ck_assert_uint_eq(n.bufs.virt[4096], 0x19);
	nic_teardown(&n);
}
END_TEST

START_TEST(test_nic_level_irq)
{
	struct nic n;

	nic_setup(&n, "", GFP_DMA32);
	nic_seen.ack_all = false;		/* ack one bit per interrupt */
	nic_send(&n, 0, n.bufs.phys, 64);
	/* TX and RX pending: the line stays high after the first ack and
	 * the interrupt comes again */
	nic_wait(2);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_ISTATUS), 0);
	ck_assert_uint_eq(counter(n.dm, "irqs"), 2);
	/* masked: no interrupt; unmasking a pending bit raises it */
	outl(0, NIC_IO + BMNIC_REG_IMASK);
	nic_send(&n, 1, n.bufs.phys, 64);
	nic_wait(2);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_ISTATUS),
			  BMNIC_INT_TX | BMNIC_INT_RX);
	nic_seen.ack_all = true;
	outl(BMNIC_INT_RX, NIC_IO + BMNIC_REG_IMASK);
	nic_wait(3);
	ck_assert_uint_eq(inl(NIC_IO + BMNIC_REG_ISTATUS), 0);
	/* narrow accesses: the low byte of a register */
	ck_assert_uint_eq(inb(NIC_IO + BMNIC_REG_ID), 0x56);
	ck_assert_uint_eq(inw(NIC_IO + BMNIC_REG_ID + 2), 0x4e01);
	/* bad tail and ring length are device errors */
	outl(RING, NIC_IO + BMNIC_REG_TXTAIL);
	ck_assert_int_eq(nev, 1);
	ck_assert_str_eq(ev[0].tag, DEVMODEL_TAG_BAD_LENGTH);
	ck_assert_int_eq(ev[0].kind, DEVMODEL_DEVICE_ERROR);
	nic_teardown(&n);
}
END_TEST

/* ---- the machine ---- */

static int hooked[4];

static int irq_hook(unsigned int irq, void *arg)
{
	hooked[0]++;
	hooked[1] = irq;
	return compat_irq_assert(irq);
}

START_TEST(test_irq_hook_and_printk)
{
	struct devmodel_machine *m2;
	struct buf b = get_pages(GFP_DMA, 0);

	memset(&seen, 0, sizeof(seen));
	devmodel_machine_set_irq_hook(m, irq_hook, NULL);
	add("isa-disk", "disk0", "irq=9");
	ck_assert_int_eq(request_irq(9, disk_isr, 0, "disk0",
				     (void *)(unsigned long)DISK_IO), 0);
	prog8(1, MODE_WRITE, b.phys, 512);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 0, 1);
	wait_irqs(1);
	ck_assert_int_eq(hooked[0], 1);
	ck_assert_int_eq(hooked[1], 9);
	free_irq(9, (void *)(unsigned long)DISK_IO);
	devmodel_machine_destroy(m);
	m = NULL;

	/* no callback: events go to the kernel log */
	compat_log_quiet(true);
	compat_log_clear();
	m2 = devmodel_machine_create(NULL, NULL);
	m = m2;
	add("isa-disk", "disk1", "capacity=4K");
	outb(0, DISK_IO + ISADISK_REG_CTL);
	disk_cmd(DISK_IO, ISADISK_CMD_READ, 100, 1);
	ck_assert(compat_log_contains("devmodel: disk1: bad-lba: read of 1 sectors at LBA 100: beyond the disk (8 sectors)"));
	ck_assert_uint_eq(devmodel_machine_events(m2, DEVMODEL_DEVICE_ERROR),
			  1);
	put_pages(&b);
}
END_TEST

START_TEST(test_counters_list)
{
	struct devmodel_counter c[32];
	struct devmodel *nic;
	size_t n;

	nic = add("busmaster-nic", NULL, "");
	n = devmodel_counters(nic, c, 32);
	ck_assert_uint_eq(n, 10);
	ck_assert_str_eq(c[0].name, "tx_frames");
	ck_assert_str_eq(c[8].name, "violations");
	ck_assert_str_eq(c[9].name, "errors");
	ck_assert_uint_eq(devmodel_counters(nic, c, 2), 10);
	ck_assert(!devmodel_counter(nic, "nope", &c[0].value));
	ck_assert_ptr_null(devmodel_backing(nic, NULL));
	/* attached but not enabled by a driver */
	ck_assert_int_eq(devmodel_inject(devmodel_find(m, "busmaster-nic"),
					 "x", 1), -ENODEV);
	ck_assert_int_eq(devmodel_collect(add("i8237", NULL, ""), c, 1),
			 -ENOSYS);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("devmodels");
	TCase *tc;

	tc = tcase_create("machine");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_registry);
	tcase_add_test(tc, test_create_errors);
	tcase_add_test(tc, test_resources);
	tcase_add_test(tc, test_attach_release);
	tcase_add_test(tc, test_irq_hook_and_printk);
	tcase_add_test(tc, test_counters_list);
	suite_add_tcase(s, tc);

	tc = tcase_create("i8237");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_8237_registers);
	tcase_add_test(tc, test_8237_transfer);
	tcase_add_test(tc, test_8237_modes);
	tcase_add_test(tc, test_8237_boundary_wrap);
	tcase_add_test(tc, test_8237_16bit);
	tcase_add_test(tc, test_8237_16m);
	tcase_add_test(tc, test_8237_eisa_width32);
	tcase_add_test(tc, test_8237_free_memory);
	suite_add_tcase(s, tc);

	tc = tcase_create("isa-disk");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_disk_read_irq);
	tcase_add_test(tc, test_disk_write_16bit);
	tcase_add_test(tc, test_disk_errors);
	tcase_add_test(tc, test_disk_latency);
	tcase_add_test(tc, test_disk_boundary);
	tcase_add_test(tc, test_disk_two);
	suite_add_tcase(s, tc);

	tc = tcase_create("busmaster-nic");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_nic_loopback);
	tcase_add_test(tc, test_nic_width32);
	tcase_add_test(tc, test_nic_width24_ring);
	tcase_add_test(tc, test_nic_width24_ok_and_64);
	tcase_add_test(tc, test_nic_wire_inject);
	tcase_add_test(tc, test_nic_free_buffer);
	tcase_add_test(tc, test_nic_level_irq);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
