/* SPDX-License-Identifier: MIT */
/*
 * cases_io.c - shared cases of the "io" family: data movement (copyin,
 * copyout, uiomove, ureadc, uwritec over uio_t) and physmap, as a real
 * kernel and the emulation must both honour them.
 *
 * A user address: in userspace any host memory outside the simulated
 * kernel (a static buffer of this file) is one; in the kernel there is
 * none to be had from here, so the round trips through user space are
 * DDI_CASE_USER_ONLY.  Kernel addresses (kmem_alloc) are refused by
 * copyin/copyout in both.  Port I/O and device memory need a device model
 * (or hardware): the cases that touch them are user-only and only probe
 * what no model answers.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/kmem.h>
#include <sys/ddi.h>
#include <sys/uio.h>
#include <sys/errno.h>
#include <svr5ddi/ddictl.h>
#include "ddi_case.h"

static unsigned char user_area[512];	/* user memory in userspace only */

static void fill(unsigned char *p, unsigned int n, unsigned int seed)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int same(const unsigned char *a, const unsigned char *b,
		unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* copyin/copyout of a user buffer: 0 and the bytes moved (user-only). */
static void io_copy_round_trip(void)
{
	unsigned char *k = kmem_alloc(300, KM_SLEEP);

	DC_REQUIRE(k != NULL);
	fill(user_area, 300, 1);
	DC_CHECK(copyin(user_area, k, 300) == 0);
	DC_CHECK(same(k, user_area, 300));
	fill(k, 300, 99);
	DC_CHECK(copyout(k, user_area + 100, 300) == 0);
	DC_CHECK(same(user_area + 100, k, 300));
	DC_CHECK(copyin(user_area, k, 0) == 0);
	kmem_free(k, 300);
}

/* A kernel address where a user one belongs: -1, nothing written. */
static void io_copy_kernel_address_fails(void)
{
	unsigned char *k = kmem_alloc(64, KM_SLEEP);
	unsigned char *other = kmem_alloc(64, KM_SLEEP);

	DC_REQUIRE(k != NULL && other != NULL);
	fill(k, 64, 3);
	fill(other, 64, 5);
	DC_CHECK(copyout(other, k, 64) == -1);
	DC_CHECK(k[0] == 3 && k[63] == (unsigned char)(3 + 63 * 7));
	DC_CHECK(copyin(k, other, 64) == -1);
	kmem_free(k, 64);
	kmem_free(other, 64);
}

/* Three kernel buffers of 5, 0 and 20 bytes in one uio. */
struct sys_uio {
	unsigned char a[5], c[20];
	iovec_t iov[3];
	uio_t uio;
};

static void sys_uio_init(struct sys_uio *s)
{
	unsigned int i;

	for (i = 0; i < sizeof(s->a); i++)
		s->a[i] = 0;
	for (i = 0; i < sizeof(s->c); i++)
		s->c[i] = 0;
	s->iov[0].iov_base = (caddr_t)s->a;
	s->iov[0].iov_len = 5;
	s->iov[1].iov_base = (caddr_t)s->c;	/* empty: stepped over */
	s->iov[1].iov_len = 0;
	s->iov[2].iov_base = (caddr_t)s->c;
	s->iov[2].iov_len = 20;
	s->uio.uio_iov = s->iov;
	s->uio.uio_iovcnt = 3;
	s->uio.uio_offset = 1000;
	s->uio.uio_segflg = UIO_SYSSPACE;
	s->uio.uio_fmode = 0;
	s->uio.uio_limit = 0;
	s->uio.uio_resid = 25;
}

/*
 * uiomove over kernel space, UIO_READ then UIO_WRITE: the bytes land in
 * order across the iovecs, and iov_base/iov_len, uio_iov/uio_iovcnt,
 * uio_offset and uio_resid advance as the D3 page says.
 */
static void io_uiomove_sysspace(void)
{
	struct sys_uio *s = kmem_zalloc(sizeof(*s), KM_SLEEP);
	unsigned char src[25], back[25];

	DC_REQUIRE(s != NULL);
	sys_uio_init(s);
	fill(src, 25, 11);
	DC_CHECK(uiomove((caddr_t)src, 3, UIO_READ, &s->uio) == 0);
	DC_CHECK(s->uio.uio_resid == 22 && s->uio.uio_offset == 1003);
	DC_CHECK(s->uio.uio_iov == &s->iov[0] && s->uio.uio_iovcnt == 3);
	DC_CHECK(s->iov[0].iov_base == (caddr_t)s->a + 3);
	DC_CHECK(s->iov[0].iov_len == 2);
	/* more than uio_resid is asked: only uio_resid moves */
	DC_CHECK(uiomove((caddr_t)src + 3, 100, UIO_READ, &s->uio) == 0);
	DC_CHECK(s->uio.uio_resid == 0 && s->uio.uio_offset == 1025);
	DC_CHECK(s->uio.uio_iov == &s->iov[2] && s->uio.uio_iovcnt == 1);
	DC_CHECK(s->iov[2].iov_len == 0);
	DC_CHECK(s->iov[2].iov_base == (caddr_t)s->c + 20);
	DC_CHECK(same(s->a, src, 5));
	DC_CHECK(same(s->c, src + 5, 20));
	/* an exhausted uio moves nothing and is no error */
	DC_CHECK(uiomove((caddr_t)src, 4, UIO_READ, &s->uio) == 0);

	/* back out of the same areas */
	sys_uio_init(s);
	fill(s->a, 5, 40);
	fill(s->c, 20, 60);
	DC_CHECK(uiomove((caddr_t)back, 25, UIO_WRITE, &s->uio) == 0);
	DC_CHECK(same(back, s->a, 5) && same(back + 5, s->c, 20));
	DC_CHECK(s->uio.uio_resid == 0 && s->uio.uio_offset == 1025);
	kmem_free(s, sizeof(*s));
}

/* User-space areas (user-only): the same walk through copyout/copyin. */
static void io_uiomove_userspace(void)
{
	unsigned char *k = kmem_alloc(64, KM_SLEEP);
	iovec_t iov[2];
	uio_t uio;

	DC_REQUIRE(k != NULL);
	fill(k, 64, 21);
	iov[0].iov_base = (caddr_t)user_area + 10;
	iov[0].iov_len = 30;
	iov[1].iov_base = (caddr_t)user_area + 200;
	iov[1].iov_len = 34;
	uio.uio_iov = iov;
	uio.uio_iovcnt = 2;
	uio.uio_offset = 0;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_fmode = 0;
	uio.uio_limit = 0;
	uio.uio_resid = 64;
	DC_CHECK(uiomove((caddr_t)k, 64, UIO_READ, &uio) == 0);
	DC_CHECK(same(user_area + 10, k, 30));
	DC_CHECK(same(user_area + 200, k + 30, 34));
	DC_CHECK(uio.uio_resid == 0 && uio.uio_offset == 64);
	DC_CHECK(uio.uio_iovcnt == 1 && uio.uio_iov == &iov[1]);
	kmem_free(k, 64);
}

/* UIO_USERSPACE over kernel memory: EFAULT, and nothing accounted. */
static void io_uiomove_userspace_fault(void)
{
	unsigned char *k = kmem_alloc(32, KM_SLEEP);
	unsigned char *target = kmem_alloc(32, KM_SLEEP);
	iovec_t iov;
	uio_t uio;

	DC_REQUIRE(k != NULL && target != NULL);
	iov.iov_base = (caddr_t)target;
	iov.iov_len = 32;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 0;
	uio.uio_segflg = UIO_USERSPACE;
	uio.uio_fmode = 0;
	uio.uio_limit = 0;
	uio.uio_resid = 32;
	DC_CHECK(uiomove((caddr_t)k, 32, UIO_READ, &uio) == EFAULT);
	DC_CHECK(uio.uio_resid == 32 && iov.iov_len == 32);
	DC_CHECK(uio.uio_offset == 0);
	kmem_free(k, 32);
	kmem_free(target, 32);
}

/* ureadc fills, uwritec drains, byte by byte; -1 / EFAULT when empty. */
static void io_ureadc_uwritec(void)
{
	unsigned char buf[4];
	iovec_t iov;
	uio_t uio;
	int c;

	iov.iov_base = (caddr_t)buf;
	iov.iov_len = 4;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 7;
	uio.uio_segflg = UIO_SYSSPACE;
	uio.uio_fmode = 0;
	uio.uio_limit = 0;
	uio.uio_resid = 4;
	for (c = 0; c < 4; c++)
		DC_CHECK(ureadc(0xfc + c, &uio) == 0);
	DC_CHECK(buf[0] == 0xfc && buf[3] == 0xff);
	DC_CHECK(uio.uio_resid == 0 && uio.uio_offset == 11);
	DC_CHECK(ureadc('x', &uio) == EFAULT);

	iov.iov_base = (caddr_t)buf;
	iov.iov_len = 4;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = 4;
	DC_CHECK(uwritec(&uio) == 0xfc);
	DC_CHECK(uwritec(&uio) == 0xfd);
	DC_CHECK(uwritec(&uio) == 0xfe);
	DC_CHECK(uwritec(&uio) == 0xff);	/* a byte, not the -1 of "empty" */
	DC_CHECK(uwritec(&uio) == -1);
	DC_CHECK(uio.uio_resid == 0 && uio.uio_offset == 15);
}

/* physmap of RAM gives a mapping of the same bytes; physmap_free. */
static void io_physmap_ram(void)
{
	unsigned char *p = kmem_alloc(256, KM_SLEEP);
	unsigned char *v;
	paddr_t pa;

	DC_REQUIRE(p != NULL);
	pa = vtop((caddr_t)p, NULL);
	fill(p, 256, 17);
	v = (unsigned char *)physmap(pa, 256, KM_SLEEP);
	DC_REQUIRE(v != NULL);
	DC_CHECK(same(v, p, 256));
	v[5] = 0xee;
	DC_CHECK(p[5] == 0xee);
	physmap_free((caddr_t)v, 256, 0);
	v = (unsigned char *)physmap(pa + 16, 16, KM_NOSLEEP);
	DC_REQUIRE(v != NULL);
	DC_CHECK(v[0] == p[16]);
	physmap_free((caddr_t)v, 16, 0);
	kmem_free(p, 256);
}

/* Misuse of physmap/physmap_free is reported and harmless. */
static void io_physmap_misuse(void)
{
	unsigned char *p = kmem_alloc(64, KM_SLEEP);
	unsigned char *v;

	DC_REQUIRE(p != NULL);
	dc_expect_begin();
	DC_CHECK(physmap(vtop((caddr_t)p, NULL), 0, KM_SLEEP) == NULL);
	physmap_free((caddr_t)p + 1, 64, 0);	/* never mapped */
	DC_CHECK(dc_expect_end() == 2);
	v = (unsigned char *)physmap(vtop((caddr_t)p, NULL), 64, KM_SLEEP);
	DC_REQUIRE(v != NULL);
	dc_expect_begin();
	physmap_free((caddr_t)v, 32, 0);	/* size mismatch: freed */
	DC_CHECK(dc_expect_end() == 1);
	kmem_free(p, 64);
}

/* An unclaimed port reads all ones and is reported (user-only). */
static void io_port_no_device(void)
{
	dc_expect_begin();
	DC_CHECK(inb(0x2e8) == 0xff);
	DC_CHECK(inw(0x2e8) == 0xffff);		/* same port: once */
	DC_CHECK(inl(0x2ec) == 0xffffffffUL);
	DC_CHECK(dc_expect_end() == 2);
}

/* physmap of memory no device answers: a floating bus (user-only). */
static void io_physmap_no_device(void)
{
	volatile unsigned char *v;

	dc_expect_begin();
	v = (volatile unsigned char *)physmap(0xc8000000UL, 4096, KM_SLEEP);
	DC_CHECK(dc_expect_end() == 1);
	DC_REQUIRE(v != NULL);
	DC_CHECK(v[0] == 0xff && v[4095] == 0xff);
	physmap_free((caddr_t)v, 4096, 0);
}

const struct ddi_case ddi_cases_io[] = {
	{ "copy_round_trip", io_copy_round_trip, DDI_CASE_USER_ONLY },
	{ "copy_kernel_address_fails", io_copy_kernel_address_fails, 0 },
	{ "uiomove_sysspace", io_uiomove_sysspace, 0 },
	{ "uiomove_userspace", io_uiomove_userspace, DDI_CASE_USER_ONLY },
	{ "uiomove_userspace_fault", io_uiomove_userspace_fault, 0 },
	{ "ureadc_uwritec", io_ureadc_uwritec, 0 },
	{ "physmap_ram", io_physmap_ram, 0 },
	{ "physmap_misuse", io_physmap_misuse, 0 },
	{ "port_no_device", io_port_no_device, DDI_CASE_USER_ONLY },
	{ "physmap_no_device", io_physmap_no_device, DDI_CASE_USER_ONLY },
	DDI_CASES_END
};
