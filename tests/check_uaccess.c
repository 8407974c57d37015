/* SPDX-License-Identifier: MIT */
/*
 * check_uaccess.c - <linux/uaccess.h> against 6.1: "bytes not copied"
 * results, kernel addresses refused by access_ok(), the zeroed tail of
 * copy_from_user, clear_user, and might_fault() context reports.
 */
#include <stdint.h>
#include <string.h>
#include "check_util.h"
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <svr5compat/context.h>
#include <svr5compat/log.h>

/* Host memory outside the simulated kernel: "user" memory here. */
static unsigned char user_buf[256];

START_TEST(test_round_trip)
{
	unsigned char *k = kmalloc(256, GFP_KERNEL);
	unsigned int i;

	for (i = 0; i < 256; i++)
		user_buf[i] = (unsigned char)i;
	ck_assert_uint_eq(copy_from_user(k, user_buf, 256), 0);
	ck_assert_mem_eq(k, user_buf, 256);
	memset(k, 0x5a, 100);
	ck_assert_uint_eq(copy_to_user(user_buf + 10, k, 100), 0);
	ck_assert_uint_eq(user_buf[10], 0x5a);
	ck_assert_uint_eq(user_buf[109], 0x5a);
	ck_assert_uint_eq(user_buf[110], 110);
	ck_assert_uint_eq(copy_to_user(user_buf, k, 0), 0);
	ck_assert_uint_eq(compat_sleep_violations(), 0);
	kfree(k);
}
END_TEST

START_TEST(test_kernel_addresses_refused)
{
	unsigned char *k = kmalloc(64, GFP_KERNEL);
	unsigned char *v = vmalloc(8192);
	unsigned char *dst = kmalloc(64, GFP_KERNEL);

	memset(k, 0x11, 64);
	memset(dst, 0x77, 64);
	/* a kernel source: nothing copied, the destination zeroed */
	ck_assert_uint_eq(copy_from_user(dst, k, 64), 64);
	ck_assert_uint_eq(dst[0], 0);
	ck_assert_uint_eq(dst[63], 0);
	/* a kernel destination: nothing written */
	memset(user_buf, 0x33, 64);
	ck_assert_uint_eq(copy_to_user(k, user_buf, 64), 64);
	ck_assert_uint_eq(k[0], 0x11);
	ck_assert_uint_eq(copy_to_user(v + 100, user_buf, 64), 64);
	ck_assert_uint_eq(copy_from_user(dst, v, 8), 8);
	ck_assert(!access_ok(k, 1));
	ck_assert(!access_ok(v, 1));
	/* a range that runs from user memory into the direct map */
	ck_assert(!access_ok(__va(0) - 16, 32));
	ck_assert(access_ok(user_buf, sizeof(user_buf)));
	vfree(v);
	kfree(k);
	kfree(dst);
}
END_TEST

START_TEST(test_access_ok_limits)
{
	ck_assert(access_ok((void *)(TASK_SIZE_MAX - 16), 16));
	ck_assert(!access_ok((void *)(TASK_SIZE_MAX - 16), 17));
	ck_assert(!access_ok((void *)0x1000, ~0UL));
	ck_assert(!access_ok((void *)0xffff888000000000UL, 1));
	/* as 6.1, NULL passes access_ok(); the copy itself faults */
	ck_assert(access_ok(NULL, 8));
}
END_TEST

START_TEST(test_fault_low_page)
{
	unsigned char dst[16];

	memset(dst, 0x66, sizeof(dst));
	ck_assert_uint_eq(copy_from_user(dst, NULL, 16), 16);
	ck_assert_uint_eq(dst[0], 0);
	ck_assert_uint_eq(dst[15], 0);
	ck_assert_uint_eq(copy_to_user((void *)0x2000, dst, 16), 16);
	ck_assert_uint_eq(clear_user((void *)0x10, 4), 4);
}
END_TEST

START_TEST(test_clear_user)
{
	unsigned char *k = kmalloc(32, GFP_KERNEL);

	memset(user_buf, 0xff, 64);
	ck_assert_uint_eq(clear_user(user_buf + 8, 16), 0);
	ck_assert_uint_eq(user_buf[7], 0xff);
	ck_assert_uint_eq(user_buf[8], 0);
	ck_assert_uint_eq(user_buf[23], 0);
	ck_assert_uint_eq(user_buf[24], 0xff);
	memset(k, 0xaa, 32);
	ck_assert_uint_eq(clear_user(k, 32), 32);
	ck_assert_uint_eq(k[0], 0xaa);
	kfree(k);
}
END_TEST

START_TEST(test_too_big)
{
	unsigned char *k = kmalloc(16, GFP_KERNEL);
	unsigned long huge = 1UL << 31;

	compat_log_quiet(true);
	/* check_copy_size(): above INT_MAX, WARN once and copy nothing */
	ck_assert_uint_eq(copy_from_user(k, user_buf, huge), huge);
	ck_assert_uint_eq(copy_to_user(user_buf, k, huge), huge);
	ck_assert_uint_eq(compat_warn_count(), 1);
	kfree(k);
}
END_TEST

static unsigned long irq_left;

static void irq_copy(void *arg)
{
	unsigned char k[8];

	irq_left = copy_from_user(k, user_buf, sizeof(k));
}

static void irq_copy_nofault(void *arg)
{
	unsigned char k[8];

	pagefault_disable();
	irq_left = copy_from_user(k, user_buf, sizeof(k));
	pagefault_enable();
}

START_TEST(test_might_fault)
{
	DEFINE_SPINLOCK(lock);
	unsigned char k[8];

	compat_log_quiet(true);
	/* a user copy in interrupt context: might_fault() reports it */
	compat_run_in_hardirq(irq_copy, NULL);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	ck_assert(compat_log_contains("sleeping function called from invalid context"));
	/* with page faults disabled it may not sleep, so no report */
	compat_run_in_hardirq(irq_copy_nofault, NULL);
	ck_assert_uint_eq(irq_left, 0);
	ck_assert_uint_eq(compat_sleep_violations(), 1);
	/* under a spin lock too */
	spin_lock(&lock);
	ck_assert_uint_eq(copy_from_user(k, user_buf, 8), 0);
	spin_unlock(&lock);
	ck_assert_uint_eq(compat_sleep_violations(), 2);
	ck_assert(!pagefault_disabled());
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("uaccess");
	TCase *copies = tcase_create("copies");
	TCase *ctx = tcase_create("context");

	tcase_add_test(copies, test_round_trip);
	tcase_add_test(copies, test_kernel_addresses_refused);
	tcase_add_test(copies, test_access_ok_limits);
	tcase_add_test(copies, test_fault_low_page);
	tcase_add_test(copies, test_clear_user);
	tcase_add_test(copies, test_too_big);
	suite_add_tcase(s, copies);
	tcase_add_test(ctx, test_might_fault);
	suite_add_tcase(s, ctx);
	return s;
}

CHECK_MAIN(make_suite)
