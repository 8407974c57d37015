/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_io.c - the io family of the DDI in userspace: port I/O
 * through a registered toy device model (values, widths, SVR5 argument
 * order, the rep string forms), accesses no model answers (reported
 * with the driver's site), devmem_mapin over the resource manager,
 * physmap of device memory, and the misuse reports of every call,
 * including the user-copy context rules.  The semantic cases that also
 * run in the kernel are in tests/shared/cases_io.c.
 *
 * Fresh process per test (fork mode), debug layer on, log quiet.
 */
#include "ddi_test_common.h"
#include <sys/uio.h>
#include <sys/errno.h>
#include <svr5ddi/drvreg.h>
#include <svr5compat/iomodel.h>

#define HOLE	0xc0000000UL	/* physical: between DMA32 and 4 GiB */

static void quiet(void)
{
	ddit_debug_on();
	ddit_log_quiet(1);
	ddit_log_clear();
}

/* Exactly @n reports with tag @tag since @s0, and no other. */
static void expect_misuse(const struct svr5ddi_stats *s0, int tag,
			  unsigned long n)
{
	struct svr5ddi_stats s1 = ddit_stats();
	int i;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		ck_assert_msg(s1.misuse[i] == s0->misuse[i] + (i == tag ? n : 0),
			      "misuse[%d] %lu, expected %lu", i, s1.misuse[i],
			      s0->misuse[i] + (i == tag ? n : 0));
}

/* Exactly @n1 reports tagged @t1 and @n2 tagged @t2 since @s0, no other. */
static void expect_two(const struct svr5ddi_stats *s0, int t1,
		       unsigned long n1, int t2, unsigned long n2)
{
	struct svr5ddi_stats s1 = ddit_stats();
	int i;

	for (i = 0; i < SVR5DDI_MISUSE_NR; i++) {
		unsigned long want = s0->misuse[i] + (i == t1 ? n1 : 0) +
				     (i == t2 ? n2 : 0);

		ck_assert_msg(s1.misuse[i] == want,
			      "misuse[%d] %lu, expected %lu", i, s1.misuse[i],
			      want);
	}
}

/* The one log line holding @needle contains @what too. */
static void line_has(const char *needle, const char *what)
{
	char buf[512];

	ck_assert_msg(ddit_log_count(needle) == 1, "%u lines with \"%s\"",
		      ddit_log_count(needle), needle);
	ck_assert(ddit_log_line(needle, 0, buf, sizeof(buf)));
	ck_assert_msg(strstr(buf, what) != NULL, "no \"%s\" in: %s", what,
		      buf);
}

/* "check_ddi_io.c:LINE" as the site of a report. */
static const char *site(int line)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "check_ddi_io.c:%d", line);
	return buf;
}

/* ---- a toy device: 8 registers and a 16-bit FIFO at base + 8 ----------- */

struct toy {
	unsigned long base;
	unsigned char regs[8];
	unsigned char fifo[256];
	unsigned int head, tail;
	unsigned int nin, nout;
	unsigned int last_width;
	unsigned int last_value;
};

static struct toy toy;

static u32 toy_in(void *model, unsigned long port, unsigned int width)
{
	struct toy *t = model;
	unsigned long off = port - t->base;
	u32 v = 0;
	unsigned int i;

	t->nin++;
	t->last_width = width;
	for (i = 0; i < width; i++) {
		if (off == 8)
			v |= (u32)(t->head < t->tail ? t->fifo[t->head++] : 0)
			     << (8 * i);
		else if (off + i < 8)
			v |= (u32)t->regs[off + i] << (8 * i);
	}
	return v;
}

static void toy_out(void *model, unsigned long port, unsigned int width,
		    u32 value)
{
	struct toy *t = model;
	unsigned long off = port - t->base;
	unsigned int i;

	t->nout++;
	t->last_width = width;
	t->last_value = value;
	for (i = 0; i < width; i++) {
		if (off == 8 && t->tail < sizeof(t->fifo))
			t->fifo[t->tail++] = (unsigned char)(value >> (8 * i));
		else if (off != 8 && off + i < 8)
			t->regs[off + i] = (unsigned char)(value >> (8 * i));
	}
}

static const struct compat_io_ops toy_ops = { toy_in, toy_out };

static void toy_setup(unsigned long base)
{
	memset(&toy, 0, sizeof(toy));
	toy.base = base;
	ck_assert_int_eq(compat_io_register_ports(base, 16, &toy_ops, &toy,
						  "toy"), 0);
}

/* ---- ports ------------------------------------------------------------------ */

START_TEST(test_port_values_and_widths)
{
	struct svr5ddi_stats s0;

	quiet();
	toy_setup(0x320);
	s0 = ddit_stats();
	outb(0x320, 0x12);		/* SVR5 order: (port, data) */
	ck_assert_uint_eq(toy.regs[0], 0x12);
	ck_assert_uint_eq(toy.last_width, 1);
	outw(0x322, 0x3456);
	ck_assert_uint_eq(toy.last_width, 2);
	ck_assert_uint_eq(toy.regs[2], 0x56);
	ck_assert_uint_eq(toy.regs[3], 0x34);
	outl(0x324, 0x89abcdefUL);
	ck_assert_uint_eq(toy.last_width, 4);
	ck_assert_uint_eq(toy.regs[7], 0x89);
	ck_assert_uint_eq(inb(0x320), 0x12);
	ck_assert_uint_eq(inw(0x322), 0x3456);
	ck_assert_uint_eq(inl(0x324), 0x89abcdefUL);
	ck_assert_uint_eq(toy.last_width, 4);
	ck_assert_uint_eq(toy.nin, 3);
	ck_assert_uint_eq(toy.nout, 3);
	expect_misuse(&s0, 0, 0);
}
END_TEST

START_TEST(test_port_function_pointers)
{
	uchar_t (*in8)(int) = inb;
	void (*out16)(int, ushort_t) = &outw;
	void (*rep)(int, uchar_t *, int) = repinsb;
	uchar_t b[2];

	quiet();
	toy_setup(0x320);
	out16(0x320, 0xa55a);
	ck_assert_uint_eq(in8(0x321), 0xa5);
	ck_assert_uint_eq((inb)(0x320), 0x5a);
	(outb)(0x321, 7);
	ck_assert_uint_eq(toy.regs[1], 7);
	rep(0x320, b, 2);
	ck_assert_uint_eq(b[0], 0x5a);
	ck_assert_uint_eq(b[1], 0x5a);
}
END_TEST

START_TEST(test_port_rep_forms)
{
	unsigned char out[64], in[72];
	unsigned int i;

	quiet();
	toy_setup(0x1f0);
	for (i = 0; i < 64; i++)
		out[i] = (unsigned char)(i * 3 + 1);
	repoutsw(0x1f8, (ushort_t *)out, 32);	/* 32 accesses of 2 bytes */
	ck_assert_uint_eq(toy.nout, 32);
	ck_assert_uint_eq(toy.last_width, 2);
	ck_assert_uint_eq(toy.tail, 64);
	ck_assert_mem_eq(toy.fifo, out, 64);
	/*
	 * repinsd into a byte buffer: 16 accesses of 4 bytes, packed 4
	 * bytes apart (not one per 8-byte ulong_t): nothing past 64 bytes.
	 */
	memset(in, 0xcc, sizeof(in));
	repinsd(0x1f8, (ulong_t *)in, 16);
	ck_assert_uint_eq(toy.nin, 16);
	ck_assert_uint_eq(toy.last_width, 4);
	ck_assert_mem_eq(in, out, 64);
	for (i = 64; i < sizeof(in); i++)
		ck_assert_uint_eq(in[i], 0xcc);
	/* bytes */
	toy.head = toy.tail = 0;
	repoutsb(0x1f8, out, 5);
	ck_assert_uint_eq(toy.last_width, 1);
	memset(in, 0, sizeof(in));
	repinsb(0x1f8, in, 5);
	ck_assert_mem_eq(in, out, 5);
	/* words in, dwords out */
	toy.head = toy.tail = 0;
	repoutsd(0x1f8, (ulong_t *)out, 2);
	ck_assert_uint_eq(toy.tail, 8);
	repinsw(0x1f8, (ushort_t *)in, 4);
	ck_assert_mem_eq(in, out, 8);
	/* count 0: no access, no report */
	i = toy.nin;
	repinsw(0x1f8, (ushort_t *)in, 0);
	repinsw(0x1f8, NULL, 0);
	ck_assert_uint_eq(toy.nin, i);
	ck_assert_uint_eq(ddit_stats().misuse_total, 0);
}
END_TEST

START_TEST(test_port_no_device)
{
	struct svr5ddi_stats s0;
	unsigned short w[4];
	int l1, l2;

	quiet();
	s0 = ddit_stats();
	ck_assert_uint_eq(inb(0x2e8), 0xff); l1 = __LINE__;
	expect_misuse(&s0, SVR5DDI_MISUSE_NO_DEVICE, 1);
	line_has("no device: port 0x2e8", "svr5ddi: inb: no device: port 0x2e8 width 1 at ");
	line_has("no device: port 0x2e8", site(l1));
	/* once per port: neither the same call nor another width repeats */
	ck_assert_uint_eq(inw(0x2e8), 0xffff);
	outb(0x2e8, 1);
	expect_misuse(&s0, SVR5DDI_MISUSE_NO_DEVICE, 1);
	/* string forms, with the site */
	memset(w, 0, sizeof(w));
	repinsw(0x170, w, 4); l2 = __LINE__;
	ck_assert_uint_eq(w[0], 0xffff);
	ck_assert_uint_eq(w[3], 0xffff);
	line_has("repinsw: no device", "svr5ddi: repinsw: no device: port 0x170 width 2");
	line_has("repinsw: no device", site(l2));
	/* called through a pointer: the site is unknown */
	{
		void (*o)(int, ulong_t) = outl;

		o(0x3f0, 5);
	}
	line_has("outl: no device", "svr5ddi: outl: no device: port 0x3f0 width 4 at unknown site");
	expect_misuse(&s0, SVR5DDI_MISUSE_NO_DEVICE, 3);
	/* the emulation's own report, once per port, too */
	ck_assert_uint_eq(ddit_log_count("compat: unclaimed I/O: inb port 0x2e8 width 1"), 1);
}
END_TEST

START_TEST(test_port_bad_arguments)
{
	struct svr5ddi_stats s0;
	uchar_t b[4];
	int l1;

	quiet();
	toy_setup(0xfff0);
	s0 = ddit_stats();
	ck_assert_uint_eq(inb(-1), 0xff); l1 = __LINE__;
	line_has("inb: bad argument", "svr5ddi: inb: bad argument: port 0xffffffff at ");
	line_has("inb: bad argument", site(l1));
	/* a 16-bit access at 0xffff would run past the port space */
	outw(0xffff, 1);
	ck_assert_uint_eq(inl(0x10000), 0xffffffffUL);
	repinsb(0xfff0, NULL, 4);
	line_has("repinsb: bad argument", "addr NULL count 4");
	repoutsb(0xfff0, b, -1);
	expect_misuse(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT, 5);
	ck_assert_uint_eq(toy.nin + toy.nout, 0);	/* nothing accessed */
	ck_assert_uint_eq(inb(0xffff), 0);		/* the last port is fine */
	ck_assert_uint_eq(toy.nin, 1);
}
END_TEST

static unsigned int irq_read;

static void irq_port(void *arg)
{
	irq_read = inw(0x320);
}

START_TEST(test_port_interrupt_level)
{
	quiet();
	toy_setup(0x320);
	toy.regs[0] = 0x34;
	toy.regs[1] = 0x12;
	ddit_run_in_hardirq(irq_port, NULL);
	ck_assert_uint_eq(irq_read, 0x1234);
	ck_assert_uint_eq(ddit_stats().misuse_total, 0);
}
END_TEST

/* ---- device memory -------------------------------------------------------- */

static unsigned char devmem[0x4000];

START_TEST(test_physmap_device_memory)
{
	struct svr5ddi_stats s0;
	volatile unsigned char *v;

	quiet();
	ck_assert_int_eq(compat_io_register_mem(HOLE, sizeof(devmem), devmem,
						"fb"), 0);
	s0 = ddit_stats();
	v = (volatile unsigned char *)physmap(HOLE + 0x100, 0x200, KM_SLEEP);
	ck_assert_ptr_eq((void *)v, devmem + 0x100);
	v[0] = 0x42;			/* straight to the device */
	ck_assert_uint_eq(devmem[0x100], 0x42);
	devmem[0x2ff] = 0x24;
	ck_assert_uint_eq(v[0x1ff], 0x24);
	physmap_free((caddr_t)v, 0x200, 0);
	v = (volatile unsigned char *)physmap(HOLE, 16, KM_NOSLEEP);
	ck_assert_ptr_eq((void *)v, devmem);
	physmap_free((caddr_t)v, 16, 0);
	expect_misuse(&s0, 0, 0);
	compat_io_unregister_mem(HOLE);
}
END_TEST

START_TEST(test_physmap_no_device)
{
	struct svr5ddi_stats s0;
	volatile unsigned char *v;
	int l1;

	quiet();
	s0 = ddit_stats();
	v = (volatile unsigned char *)physmap(HOLE, 4096, KM_SLEEP); l1 = __LINE__;
	ck_assert_ptr_nonnull((void *)v);
	ck_assert_uint_eq(v[0], 0xff);
	expect_misuse(&s0, SVR5DDI_MISUSE_NO_DEVICE, 1);
	line_has("physmap: no device", "physical memory at 0xc0000000 len 4096 at ");
	line_has("physmap: no device", site(l1));
	physmap_free((caddr_t)v, 4096, 0);
	expect_misuse(&s0, SVR5DDI_MISUSE_NO_DEVICE, 1);
}
END_TEST

START_TEST(test_physmap_misuse)
{
	unsigned char *p = kmem_alloc(8192, KM_SLEEP);
	paddr_t pa = vtop((caddr_t)p, NULL);
	struct svr5ddi_stats s0;
	caddr_t v;
	int l1;

	quiet();
	ck_assert_ptr_nonnull(p);
	s0 = ddit_stats();
	ck_assert_ptr_null(physmap(pa, 0, KM_SLEEP));
	line_has("physmap: bad argument", "empty range");
	ddit_log_clear();
	ck_assert_ptr_null(physmap(pa, 64, 5));
	line_has("physmap: bad argument", "flags not KM_SLEEP or KM_NOSLEEP");
	ddit_log_clear();
	/* the last RAM page and the hole after it (the default layout's
	 * DMA32 ends at 128 MiB) */
	ck_assert_ptr_null(physmap(128UL * MiB - 4096, 8192, KM_SLEEP));
	line_has("physmap: bad argument", "range is partly RAM");
	expect_misuse(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT, 3);

	s0 = ddit_stats();
	physmap_free((caddr_t)p, 64, 0); l1 = __LINE__;
	line_has("physmap_free: bad argument", "not mapped by physmap at ");
	line_has("physmap_free: bad argument", site(l1));
	v = physmap(pa, 100, KM_SLEEP);
	ck_assert_ptr_eq(v, p);
	ddit_log_clear();
	physmap_free(v, 100, 1);	/* flags must be 0: reported, freed */
	line_has("physmap_free: bad argument", "flags must be 0");
	v = physmap(pa, 100, KM_SLEEP);
	ddit_log_clear();
	physmap_free(v, 50, 0);
	line_has("size mismatch", "svr5ddi: physmap_free: size mismatch: addr");
	line_has("size mismatch", "size 50, mapped 100");
	ddit_log_clear();
	physmap_free(v, 100, 0);	/* already gone */
	line_has("physmap_free: bad argument", "not mapped by physmap");
	expect_two(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT, 3,
		   SVR5DDI_MISUSE_SIZE_MISMATCH, 1);
	kmem_free(p, 8192);
}
END_TEST

static caddr_t irq_map;
static unsigned long irq_pa;
static unsigned long irq_len;

static void irq_physmap(void *arg)
{
	int km = *(int *)arg;

	irq_map = physmap(irq_pa, irq_len, km);
}

static void irq_physmap_free(void *arg)
{
	physmap_free(irq_map, irq_len, 0);
}

START_TEST(test_physmap_interrupt_level)
{
	unsigned char *p = kmem_alloc(512, KM_SLEEP);
	struct svr5ddi_stats s0;
	int km = KM_NOSLEEP;

	quiet();
	ck_assert_int_eq(compat_io_register_mem(HOLE, sizeof(devmem), devmem,
						"fb"), 0);
	s0 = ddit_stats();
	/* RAM: the direct map, fine at interrupt level */
	irq_pa = vtop((caddr_t)p, NULL);
	irq_len = 512;
	ddit_run_in_hardirq(irq_physmap, &km);
	ck_assert_ptr_eq(irq_map, p);
	ddit_run_in_hardirq(irq_physmap_free, NULL);
	/* device memory needs ioremap: KM_NOSLEEP there fails quietly */
	irq_pa = HOLE;
	irq_len = 64;
	ddit_run_in_hardirq(irq_physmap, &km);
	ck_assert_ptr_null(irq_map);
	expect_misuse(&s0, 0, 0);
	/* KM_SLEEP at interrupt level is reported, then treated as NOSLEEP */
	km = KM_SLEEP;
	ddit_run_in_hardirq(irq_physmap, &km);
	ck_assert_ptr_null(irq_map);
	expect_misuse(&s0, SVR5DDI_MISUSE_SLEEP_IN_ATOMIC, 1);
	line_has("physmap: KM_SLEEP in atomic context", "size 64");
	/* a process-level mapping freed at interrupt level: deferred */
	irq_map = physmap(HOLE, 64, KM_SLEEP);
	ck_assert_ptr_eq(irq_map, devmem);
	ddit_run_in_hardirq(irq_physmap_free, NULL);
	ck_assert_ptr_eq(physmap(HOLE + 64, 64, KM_SLEEP), devmem + 64);
	physmap_free((caddr_t)devmem + 64, 64, 0);
	expect_misuse(&s0, SVR5DDI_MISUSE_SLEEP_IN_ATOMIC, 1);
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	compat_io_unregister_mem(HOLE);
	kmem_free(p, 512);
}
END_TEST

/* A board with one device-memory range [HOLE, HOLE + 16 KiB). */
static unsigned int make_board(unsigned long mem_len)
{
	struct svr5ddi_board b;
	unsigned int key = 0;

	svr5ddi_board_init(&b);
	b.modname = "toy";
	b.mem_start = HOLE;
	b.mem_len = mem_len;
	ck_assert_int_eq(svr5ddi_board_create(&b, &key), 0);
	ck_assert_uint_ne(key, 0);
	return key;
}

START_TEST(test_devmem_mapin)
{
	struct svr5ddi_stats s0;
	unsigned int key;
	volatile unsigned int *v;

	quiet();
	key = make_board(sizeof(devmem));
	ck_assert_int_eq(compat_io_register_mem(HOLE, sizeof(devmem), devmem,
						"fb"), 0);
	s0 = ddit_stats();
	v = devmem_mapin(key, 0, 0x1000, 0x800);
	ck_assert_ptr_eq((void *)v, devmem + 0x1000);
	v[1] = 0xfeedface;
	ck_assert_uint_eq(devmem[0x1004], 0xce);
	devmem_mapout((void *)v, 0x800);
	/* the whole range, and its last byte */
	v = devmem_mapin(key, 0, 0, sizeof(devmem));
	ck_assert_ptr_eq((void *)v, devmem);
	devmem_mapout((void *)v, sizeof(devmem));
	v = devmem_mapin(key, 0, sizeof(devmem) - 1, 1);
	ck_assert_ptr_eq((void *)v, devmem + sizeof(devmem) - 1);
	(devmem_mapout)((void *)v, 1);
	expect_misuse(&s0, 0, 0);
	compat_io_unregister_mem(HOLE);
}
END_TEST

START_TEST(test_devmem_misuse)
{
	struct svr5ddi_stats s0;
	unsigned int key;
	void *v;
	int l1;

	quiet();
	key = make_board(sizeof(devmem));
	s0 = ddit_stats();
	ck_assert_ptr_null(devmem_mapin(key, 1, 0, 16)); l1 = __LINE__;
	line_has("devmem_mapin: bad argument", "memnum 1");
	line_has("devmem_mapin: bad argument", "no such CM_MEMADDR range");
	line_has("devmem_mapin: bad argument", site(l1));
	ddit_log_clear();
	ck_assert_ptr_null(devmem_mapin(key + 1000, 0, 0, 16));
	ddit_log_clear();
	ck_assert_ptr_null(devmem_mapin(key, 0, 0x3ff0, 0x20));
	line_has("devmem_mapin: bad argument", "range is 16384 bytes");
	ck_assert_ptr_null(devmem_mapin(key, 0, 0, 0));
	expect_misuse(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT, 4);

	/* no model behind the range: mapped, but reported */
	s0 = ddit_stats();
	ddit_log_clear();
	v = devmem_mapin(key, 0, 0, 4096); l1 = __LINE__;
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*(volatile unsigned char *)v, 0xff);
	line_has("devmem_mapin: no device", "device memory at 0xc0000000 len 4096");
	line_has("devmem_mapin: no device", site(l1));
	expect_misuse(&s0, SVR5DDI_MISUSE_NO_DEVICE, 1);
	/* the other call's free, a wild address, a wrong size */
	s0 = ddit_stats();
	ddit_log_clear();
	physmap_free(v, 4096, 0);
	line_has("physmap_free: bad argument", "(mapped by the other call)");
	devmem_mapout((char *)v + 8, 4096);
	devmem_mapout(v, 100);
	line_has("devmem_mapout: size mismatch", "size 100, mapped 4096");
	expect_two(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT, 2,
		   SVR5DDI_MISUSE_SIZE_MISMATCH, 1);
}
END_TEST

static void *irq_dev;

static void irq_devmem(void *arg)
{
	irq_dev = devmem_mapin(*(unsigned int *)arg, 0, 0, 16);
}

START_TEST(test_devmem_interrupt_level)
{
	struct svr5ddi_stats s0;
	unsigned int key;

	quiet();
	key = make_board(sizeof(devmem));
	ck_assert_int_eq(compat_io_register_mem(HOLE, sizeof(devmem), devmem,
						"fb"), 0);
	s0 = ddit_stats();
	irq_dev = devmem;
	ddit_run_in_hardirq(irq_devmem, &key);
	ck_assert_ptr_null(irq_dev);
	expect_misuse(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT, 1);
	line_has("devmem_mapin: wrong context", "interrupt level");
	compat_io_unregister_mem(HOLE);
}
END_TEST

/* ---- user copies and uio ------------------------------------------------------ */

static unsigned char ubuf[256];		/* "user" memory in userspace */

static int irq_rc;

static void irq_copyin(void *arg)
{
	irq_rc = copyin(ubuf, arg, 16);
}

static void irq_uiomove(void *arg)
{
	uio_t *uio = arg;
	char c[4];

	irq_rc = uiomove(c, 4, UIO_WRITE, uio);
}

START_TEST(test_copy_context)
{
	unsigned char *k = kmem_alloc(16, KM_SLEEP);
	struct svr5ddi_stats s0;
	iovec_t iov;
	uio_t uio;

	quiet();
	s0 = ddit_stats();
	memset(ubuf, 1, 16);
	memset(k, 0, 16);
	ddit_run_in_hardirq(irq_copyin, k);
	ck_assert_int_eq(irq_rc, -1);
	ck_assert_uint_eq(k[0], 0);		/* nothing copied */
	expect_misuse(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT, 1);
	line_has("copyin: wrong context", "user copy in interrupt context at ");
	ck_assert_uint_eq(ddit_sleep_violations(), 0);
	/* at process level it works */
	ck_assert_int_eq(copyin(ubuf, k, 16), 0);
	ck_assert_uint_eq(k[15], 1);
	/* a user-space uio at interrupt level: refused the same way */
	iov.iov_base = (caddr_t)ubuf;
	iov.iov_len = 4;
	memset(&uio, 0, sizeof(uio));
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_resid = 4;
	ddit_run_in_hardirq(irq_uiomove, &uio);
	ck_assert_int_eq(irq_rc, EFAULT);
	ck_assert_int_eq(uio.uio_resid, 4);
	line_has("uiomove: wrong context", "user-space transfer in interrupt context");
	/* a kernel-space one is fine there */
	iov.iov_base = (caddr_t)k;
	uio.uio_segflg = UIO_SYSSPACE;
	ddit_run_in_hardirq(irq_uiomove, &uio);
	ck_assert_int_eq(irq_rc, 0);
	ck_assert_int_eq(uio.uio_resid, 0);
	expect_misuse(&s0, SVR5DDI_MISUSE_WRONG_CONTEXT, 2);
	kmem_free(k, 16);
}
END_TEST

START_TEST(test_copy_faults)
{
	unsigned char *k = kmem_alloc(64, KM_SLEEP);

	quiet();
	memset(k, 0x5a, 64);
	/* NULL user pointers fault: -1, and copyin leaves zeroes */
	ck_assert_int_eq(copyin(NULL, k, 64), -1);
	ck_assert_uint_eq(k[0], 0);
	ck_assert_uint_eq(k[63], 0);
	ck_assert_int_eq(copyout(k, NULL, 8), -1);
	/* no misuse report: faults are the caller's normal EFAULT path */
	ck_assert_uint_eq(ddit_stats().misuse_total, 0);
	kmem_free(k, 64);
}
END_TEST

START_TEST(test_uiomove_partial_fault)
{
	unsigned char *k = kmem_alloc(64, KM_SLEEP);
	unsigned char *kern_target = kmem_alloc(32, KM_SLEEP);
	unsigned char src[48];
	iovec_t iov[2];
	uio_t uio;
	unsigned int i;

	quiet();
	for (i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)i;
	memset(ubuf, 0, sizeof(ubuf));
	/* the second area is a kernel address: the copy faults there */
	iov[0].iov_base = (caddr_t)ubuf;
	iov[0].iov_len = 16;
	iov[1].iov_base = (caddr_t)kern_target;
	iov[1].iov_len = 32;
	memset(&uio, 0, sizeof(uio));
	uio.uio_iov = iov;
	uio.uio_iovcnt = 2;
	uio.uio_offset = 100;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_resid = 48;
	ck_assert_int_eq(uiomove((caddr_t)src, 48, UIO_READ, &uio), EFAULT);
	/* what was moved before the fault stays accounted */
	ck_assert_mem_eq(ubuf, src, 16);
	ck_assert_int_eq(uio.uio_resid, 32);
	ck_assert_int_eq(uio.uio_offset, 116);
	ck_assert_ptr_eq(uio.uio_iov, &iov[1]);
	ck_assert_int_eq(uio.uio_iovcnt, 1);
	ck_assert_int_eq(iov[0].iov_len, 0);
	ck_assert_int_eq(iov[1].iov_len, 32);
	ck_assert_uint_eq(ddit_stats().misuse_total, 0);
	kmem_free(k, 64);
	kmem_free(kern_target, 32);
}
END_TEST

START_TEST(test_uio_misuse)
{
	unsigned char a[8], b[8];
	struct svr5ddi_stats s0;
	iovec_t iov;
	uio_t uio;
	int l1;

	quiet();
	s0 = ddit_stats();
	iov.iov_base = (caddr_t)a;
	iov.iov_len = 8;
	memset(&uio, 0, sizeof(uio));
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_resid = 20;		/* more than the iovecs hold */
	l1 = __LINE__; ck_assert_int_eq(uiomove((caddr_t)b, 20, UIO_READ, &uio), EFAULT);
	line_has("uiomove: bad argument", "uio_resid 12 but no iovec left at ");
	line_has("uiomove: bad argument", site(l1));
	ck_assert_int_eq(uio.uio_resid, 12);	/* the 8 bytes moved count */
	ddit_log_clear();
	ck_assert_int_eq(uiomove((caddr_t)b, 1, (uio_rw_t)7, &uio), EFAULT);
	line_has("uiomove: bad argument", "rwflag 7");
	uio.uio_segflg = (uio_seg_t)9;
	ck_assert_int_eq(ureadc('a', &uio), EFAULT);
	ck_assert_int_eq(uwritec(&uio), -1);
	ck_assert_int_eq(uwritec(NULL), -1);
	expect_misuse(&s0, SVR5DDI_MISUSE_BAD_ARGUMENT, 5);
}
END_TEST

START_TEST(test_ureadc_uwritec_user)
{
	iovec_t iov[2];
	uio_t uio;
	int c;

	quiet();
	memset(ubuf, 0, sizeof(ubuf));
	iov[0].iov_base = (caddr_t)ubuf;
	iov[0].iov_len = 2;
	iov[1].iov_base = (caddr_t)ubuf + 100;
	iov[1].iov_len = 2;
	memset(&uio, 0, sizeof(uio));
	uio.uio_iov = iov;
	uio.uio_iovcnt = 2;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_resid = 4;
	for (c = 'a'; c < 'e'; c++)
		ck_assert_int_eq(ureadc(c, &uio), 0);
	ck_assert_int_eq(ureadc('z', &uio), EFAULT);
	ck_assert_uint_eq(ubuf[0], 'a');
	ck_assert_uint_eq(ubuf[1], 'b');
	ck_assert_uint_eq(ubuf[100], 'c');
	ck_assert_uint_eq(ubuf[101], 'd');
	ck_assert_int_eq(uio.uio_offset, 4);
	iov[0].iov_base = (caddr_t)ubuf + 100;
	iov[0].iov_len = 2;
	uio.uio_iov = iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = 2;
	ck_assert_int_eq(uwritec(&uio), 'c');
	ck_assert_int_eq(uwritec(&uio), 'd');
	ck_assert_int_eq(uwritec(&uio), -1);
	ck_assert_uint_eq(ddit_stats().misuse_total, 0);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_io");
	TCase *ports = tcase_create("ports");
	TCase *mem = tcase_create("device_memory");
	TCase *copy = tcase_create("data_movement");

	tcase_add_test(ports, test_port_values_and_widths);
	tcase_add_test(ports, test_port_function_pointers);
	tcase_add_test(ports, test_port_rep_forms);
	tcase_add_test(ports, test_port_no_device);
	tcase_add_test(ports, test_port_bad_arguments);
	tcase_add_test(ports, test_port_interrupt_level);
	suite_add_tcase(s, ports);
	tcase_add_test(mem, test_physmap_device_memory);
	tcase_add_test(mem, test_physmap_no_device);
	tcase_add_test(mem, test_physmap_misuse);
	tcase_add_test(mem, test_physmap_interrupt_level);
	tcase_add_test(mem, test_devmem_mapin);
	tcase_add_test(mem, test_devmem_misuse);
	tcase_add_test(mem, test_devmem_interrupt_level);
	suite_add_tcase(s, mem);
	tcase_add_test(copy, test_copy_context);
	tcase_add_test(copy, test_copy_faults);
	tcase_add_test(copy, test_uiomove_partial_fault);
	tcase_add_test(copy, test_uio_misuse);
	tcase_add_test(copy, test_ureadc_uwritec_user);
	suite_add_tcase(s, copy);
	return s;
}

CHECK_MAIN(make_suite)
