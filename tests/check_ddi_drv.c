/* SPDX-License-Identifier: MIT */
/*
 * check_ddi_drv.c - the "drv" family in userspace: cm_intr_attach and
 * cm_intr_detach over compat's interrupt lines (delivery in hardirq
 * context at the board's CM_IPL, ISTAT_* results, shared and exclusive
 * lines, spurious interrupts), the old-style interrupt hook and board API
 * of <svr5ddi/drvreg.h>, and the exact text and FILE:LINE of the misuse
 * reports.  The database and driver-model semantics are the shared cases
 * (tests/shared/cases_drv.c).  Compiled as a _DDI 8 driver would be.
 */
#define _DDI 8
#include "ddi_test_common.h"
#include <sys/errno.h>
#include <sys/ipl.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <svr5ddi/drvreg.h>
#include <svr5compat/context.h>

#define T_IRQ_NONE	0	/* <linux/interrupt.h> values */
#define T_IRQ_HANDLED	1

static unsigned int board(const char *modname, long irq, long ipl,
			  long itype)
{
	struct svr5ddi_board b;
	unsigned int key = 0;

	svr5ddi_board_init(&b);
	b.modname = modname;
	b.irq = irq;
	b.ipl = ipl;
	b.itype = itype;
	b.io_start = 0x300;
	b.io_len = 8;
	ck_assert_int_eq(svr5ddi_board_create(&b, &key), 0);
	ck_assert_uint_ne(key, 0);
	return key;
}

/* What an SVR5 handler saw. */
struct hseen {
	int calls;
	int pl;
	int in_atomic;
	int ret;			/* what to return */
	void *idata;
	int irq;			/* old-style: the argument */
};

static struct hseen hs[2];

static int h8_a(void *idata)
{
	hs[0].calls++;
	hs[0].pl = getpl();
	hs[0].in_atomic = ddit_in_atomic();
	hs[0].idata = idata;
	return hs[0].ret;
}

static int h8_b(void *idata)
{
	hs[1].calls++;
	hs[1].pl = getpl();
	hs[1].idata = idata;
	return hs[1].ret;
}

static void h7(int irq)
{
	hs[0].calls++;
	hs[0].pl = getpl();
	hs[0].irq = irq;
}

static const drvops_t t_ops;
static const drvinfo_t t_info = { &t_ops, "tdrv", D_MP, NULL, 0 };

START_TEST(intr_runs_at_board_level)
{
	unsigned int key = board("tdrv", 5, PLSTR, CM_ITYPE_LEVEL);
	void *cookie = NULL;
	int idata;

	memset(hs, 0, sizeof(hs));
	hs[0].ret = ISTAT_ASSERTED;
	ck_assert_int_eq(cm_intr_attach(key, h8_a, &idata, &t_info, &cookie), 1);
	ck_assert_ptr_nonnull(cookie);
	ck_assert_int_eq(compat_irq_assert_sync(5), T_IRQ_HANDLED);
	ck_assert_int_eq(hs[0].calls, 1);
	ck_assert_int_eq(hs[0].pl, PLSTR);
	ck_assert(hs[0].in_atomic);
	ck_assert_ptr_eq(hs[0].idata, &idata);
	ck_assert_int_eq(getpl(), PLBASE);	/* the caller's level */
	/* ISTAT_NONE: not ours; ISTAT_ASSUMED: handled */
	hs[0].ret = ISTAT_NONE;
	ck_assert_int_eq(compat_irq_assert_sync(5), T_IRQ_NONE);
	hs[0].ret = ISTAT_ASSUMED;
	ck_assert_int_eq(compat_irq_assert_sync(5), T_IRQ_HANDLED);
	/* asynchronous delivery too */
	ck_assert_int_eq(compat_irq_assert(5), 0);
	compat_irq_sync();
	ck_assert_int_eq(hs[0].calls, 4);
	cm_intr_detach(cookie);
	ck_assert_int_eq(svr5ddi_board_remove(key), 0);
}
END_TEST

START_TEST(intr_default_level_is_pldisk)
{
	unsigned int key = board("tdrv", 6, -1, -1);
	void *cookie = NULL;
	long v;

	ck_assert_int_eq(svr5ddi_board_get_num(key, CM_IPL, 0, &v), 0);
	ck_assert_int_eq(v, PLDISK);
	ck_assert_int_eq(svr5ddi_board_get_num(key, CM_ITYPE, 0, &v), 0);
	ck_assert_int_eq(v, CM_ITYPE_LEVEL);
	ck_assert_int_eq(svr5ddi_board_irq(key), 6);
	memset(hs, 0, sizeof(hs));
	ck_assert_int_eq(cm_intr_attach(key, h8_a, NULL, &t_info, &cookie), 1);
	ck_assert_int_eq(compat_irq_assert_sync(6), T_IRQ_HANDLED);
	ck_assert_int_eq(hs[0].pl, PLDISK);
	cm_intr_detach(cookie);
	svr5ddi_board_remove(key);
}
END_TEST

START_TEST(intr_shared_level_line)
{
	unsigned int k1 = board("tdrv", 7, PLDISK, CM_ITYPE_LEVEL);
	unsigned int k2 = board("tdrv", 7, PLSTR, CM_ITYPE_LEVEL);
	void *c1 = NULL, *c2 = NULL;

	memset(hs, 0, sizeof(hs));
	hs[0].ret = ISTAT_NONE;
	hs[1].ret = ISTAT_ASSERTED;
	ck_assert_int_eq(cm_intr_attach(k1, h8_a, &hs[0], &t_info, &c1), 1);
	ck_assert_int_eq(cm_intr_attach(k2, h8_b, &hs[1], &t_info, &c2), 1);
	ck_assert_int_eq(compat_irq_assert_sync(7), T_IRQ_HANDLED);
	ck_assert_int_eq(hs[0].calls, 1);
	ck_assert_int_eq(hs[1].calls, 1);
	ck_assert_int_eq(hs[0].pl, PLDISK);	/* each at its own board's */
	ck_assert_int_eq(hs[1].pl, PLSTR);
	cm_intr_detach(c1);
	ck_assert_int_eq(compat_irq_assert_sync(7), T_IRQ_HANDLED);
	ck_assert_int_eq(hs[0].calls, 1);
	ck_assert_int_eq(hs[1].calls, 2);
	cm_intr_detach(c2);
	svr5ddi_board_remove(k1);
	svr5ddi_board_remove(k2);
}
END_TEST

START_TEST(intr_exclusive_edge_line)
{
	unsigned int k1 = board("tdrv", 8, PLDISK, CM_ITYPE_EDGE);
	unsigned int k2 = board("tdrv", 8, PLDISK, CM_ITYPE_LEVEL);
	struct svr5ddi_stats s0 = ddit_stats();
	void *c1 = NULL, *c2 = NULL;

	ddit_log_quiet(1);
	ck_assert_int_eq(cm_intr_attach(k1, h8_a, NULL, &t_info, &c1), 1);
	/* the line is taken exclusively: nothing attached, not a misuse */
	ck_assert_int_eq(cm_intr_attach(k2, h8_b, NULL, &t_info, &c2), 0);
	ck_assert_ptr_null(c2);
	ck_assert(ddit_log_contains("Flags mismatch irq 8"));
	ck_assert(ddit_log_contains("svr5ddi: cm_intr_attach: key 0x"));
	ck_assert_no_misuse_since(s0);
	cm_intr_detach(c1);
	svr5ddi_board_remove(k1);
	svr5ddi_board_remove(k2);
}
END_TEST

START_TEST(intr_detach_stops_delivery)
{
	unsigned int key = board("tdrv", 9, PLDISK, CM_ITYPE_LEVEL);
	void *cookie = NULL;

	ddit_log_quiet(1);
	memset(hs, 0, sizeof(hs));
	ck_assert_int_eq(cm_intr_attach(key, h8_a, NULL, &t_info, &cookie), 1);
	cm_intr_detach(cookie);
	ck_assert_uint_eq(compat_irq_spurious(), 0);
	ck_assert_int_eq(compat_irq_assert_sync(9), -ENOENT);
	ck_assert_uint_eq(compat_irq_spurious(), 1);
	ck_assert_int_eq(hs[0].calls, 0);
	ck_assert(ddit_log_contains("unexpected IRQ trap at vector 09"));
	svr5ddi_board_remove(key);
}
END_TEST

START_TEST(intr_old_style_hook)
{
	unsigned int key = board("olddrv", 10, PLSTR, CM_ITYPE_LEVEL);
	unsigned int nokey = board("olddrv", -1, -1, -1);
	void *cookie = NULL, *c7 = NULL;
	int devflag = D_MP;

	memset(hs, 0, sizeof(hs));
	ck_assert_int_eq(svr5ddi_intr_register(key, h7, &cookie), 0);
	ck_assert_int_eq(compat_irq_assert_sync(10), T_IRQ_HANDLED);
	ck_assert_int_eq(hs[0].calls, 1);
	ck_assert_int_eq(hs[0].irq, 10);
	ck_assert_int_eq(hs[0].pl, PLSTR);
	svr5ddi_intr_unregister(cookie);
	ck_assert_int_eq(svr5ddi_intr_register(nokey, h7, &cookie), -ENXIO);
	ck_assert_int_eq(svr5ddi_intr_register(12345, h7, &cookie), -ENOENT);
	ck_assert_int_eq(svr5ddi_board_irq(nokey), -ENXIO);
	/* the pre-DDI 8 cm_intr_attach form */
	ck_assert_int_eq(cm_intr_attach_ddi7(key, h7, &devflag, &c7), 1);
	ck_assert_int_eq(devflag, D_MP);
	ck_assert_int_eq(compat_irq_assert_sync(10), T_IRQ_HANDLED);
	ck_assert_int_eq(hs[0].calls, 2);
	cm_intr_detach(c7);
	svr5ddi_board_remove(key);
	svr5ddi_board_remove(nokey);
}
END_TEST

/* ---- misuse reports: exact text and the caller's site ------------------- */

static char line_buf[512];

static const char *log_line(const char *needle)
{
	ck_assert_msg(ddit_log_line(needle, 0, line_buf, sizeof(line_buf)),
		      "no log line with \"%s\"", needle);
	return line_buf;
}

START_TEST(misuse_intr_attach_no_irq)
{
	unsigned int key = board("tdrv", -1, -1, -1);
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	void *cookie = NULL;
	char want[128];
	int line;

	ddit_log_quiet(1);
	line = __LINE__ + 1;
	ck_assert_int_eq(cm_intr_attach(key, h8_a, NULL, &t_info, &cookie), 0);
	ck_assert_ptr_null(cookie);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_NO_DEVICE] -
			  s0.misuse[SVR5DDI_MISUSE_NO_DEVICE], 1);
	snprintf(want, sizeof(want),
		 "svr5ddi: cm_intr_attach: no device: key 0x%x: no CM_IRQ value at ",
		 key);
	ck_assert(ddit_has_site(log_line(want), __FILE__, line));
	svr5ddi_board_remove(key);
}
END_TEST

START_TEST(misuse_intr_detach_stray_cookie)
{
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	int stray, line;

	ddit_log_quiet(1);
	line = __LINE__ + 1;
	cm_intr_detach(&stray);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_BAD_ARGUMENT] -
			  s0.misuse[SVR5DDI_MISUSE_BAD_ARGUMENT], 1);
	log_line("svr5ddi: cm_intr_detach: bad argument: cookie ");
	ck_assert(ddit_has_addr(line_buf, &stray));
	ck_assert(strstr(line_buf, ": not attached at "));
	ck_assert(ddit_has_site(line_buf, __FILE__, line));
}
END_TEST

START_TEST(misuse_getval_outside_transaction)
{
	unsigned int key = board("tdrv", -1, -1, -1);
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	cm_range_t rng;
	cm_args_t a;
	char want[128];
	int line;

	ddit_log_quiet(1);
	a.cm_key = key;
	a.cm_param = CM_IOADDR;
	a.cm_val = &rng;
	a.cm_vallen = sizeof(rng);
	a.cm_n = 0;
	line = __LINE__ + 1;
	ck_assert_int_eq(cm_getval(&a), 0);	/* still performed */
	ck_assert_uint_eq(rng.startaddr, 0x300);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_LOCK_NOT_HELD] -
			  s0.misuse[SVR5DDI_MISUSE_LOCK_NOT_HELD], 1);
	snprintf(want, sizeof(want),
		 "svr5ddi: cm_getval: lock not held: key 0x%x param \"IOADDR\": no transaction pending at ",
		 key);
	ck_assert(ddit_has_site(log_line(want), __FILE__, line));

	/* cm_addval within RM_READ */
	cm_begin_trans(key, RM_READ);
	line = __LINE__ + 1;
	ck_assert_int_eq(cm_addval(&a), 0);
	cm_end_trans(key);
	snprintf(want, sizeof(want),
		 "svr5ddi: cm_addval: lock not held: key 0x%x param \"IOADDR\": no RM_RDWR transaction pending at ",
		 key);
	ck_assert(ddit_has_site(log_line(want), __FILE__, line));
	svr5ddi_board_remove(key);
}
END_TEST

START_TEST(misuse_transaction_nesting)
{
	unsigned int k1 = board("tdrv", -1, -1, -1);
	unsigned int k2 = board("tdrv", -1, -1, -1);
	char want[160];
	int line;

	ddit_log_quiet(1);
	cm_begin_trans(k1, RM_RDWR);
	line = __LINE__ + 1;
	cm_begin_trans(k2, RM_READ);
	snprintf(want, sizeof(want),
		 "svr5ddi: cm_begin_trans: recursive lock: key 0x%x: transaction on key 0x%x already pending at ",
		 k2, k1);
	ck_assert(ddit_has_site(log_line(want), __FILE__, line));
	cm_end_trans(k1);
	line = __LINE__ + 1;
	cm_end_trans(k2);
	snprintf(want, sizeof(want),
		 "svr5ddi: cm_end_trans: lock not held: key 0x%x: no transaction pending at ",
		 k2);
	ck_assert(ddit_has_site(log_line(want), __FILE__, line));
	svr5ddi_board_remove(k1);
	svr5ddi_board_remove(k2);
}
END_TEST

static void begin_in_irq(void *arg)
{
	cm_begin_trans(*(unsigned int *)arg, RM_READ);
}

static void attach_in_irq(void *arg)
{
	*(int *)arg = cm_intr_attach(*(int *)arg, h8_a, NULL, &t_info, NULL);
}

START_TEST(misuse_wrong_context)
{
	unsigned int key = board("tdrv", 11, PLDISK, CM_ITYPE_LEVEL);
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	int arg = (int)key;

	ddit_log_quiet(1);
	ddit_run_in_hardirq(begin_in_irq, &key);
	ddit_run_in_hardirq(attach_in_irq, &arg);
	ck_assert_int_eq(arg, 0);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_WRONG_CONTEXT] -
			  s0.misuse[SVR5DDI_MISUSE_WRONG_CONTEXT], 2);
	ck_assert(ddit_log_contains("svr5ddi: cm_begin_trans: wrong context: key 0x"));
	ck_assert(ddit_log_contains("svr5ddi: cm_intr_attach: wrong context: key 0x"));
	/* nothing was left pending: a transaction can begin and end */
	cm_begin_trans(key, RM_RDWR);
	cm_end_trans(key);
	ck_assert_no_misuse_since(s1);
	svr5ddi_board_remove(key);
}
END_TEST

static int bad_ret(void *idata)
{
	(void)idata;
	return 7;
}

START_TEST(misuse_handler_result)
{
	unsigned int key = board("tdrv", 12, PLDISK, CM_ITYPE_LEVEL);
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	void *cookie = NULL;

	ddit_log_quiet(1);
	ck_assert_int_eq(cm_intr_attach(key, bad_ret, NULL, &t_info, &cookie), 1);
	ck_assert_int_eq(compat_irq_assert_sync(12), T_IRQ_HANDLED);
	ck_assert_int_eq(compat_irq_assert_sync(12), T_IRQ_HANDLED);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse_total - s0.misuse_total, 1);	/* once */
	ck_assert(ddit_log_contains("returned 7 (not ISTAT_*)"));
	cm_intr_detach(cookie);
	svr5ddi_board_remove(key);
}
END_TEST

/* A driver that forgets cm_intr_detach in CFG_REMOVE. */
static void *leaky_cookie;

static int leaky_config(cfg_func_t func, void *idata, rm_key_t key)
{
	if (func == CFG_ADD) {
		*(void **)idata = &leaky_cookie;
		return cm_intr_attach(key, h8_a, NULL, NULL, &leaky_cookie) == 1
			? 0 : ENODEV;
	}
	return 0;
}

static const drvops_t leaky_ops = { leaky_config, 0, 0, 0, 0, 0, 0, 0 };
static const drvinfo_t leaky_info = { &leaky_ops, "leaky", D_MP, NULL, 0 };

START_TEST(misuse_interrupt_left_after_remove)
{
	unsigned int key = board("leaky", 13, PLDISK, CM_ITYPE_LEVEL);
	struct svr5ddi_stats s0 = ddit_stats(), s1;
	char want[128];

	ddit_log_quiet(1);
	memset(hs, 0, sizeof(hs));
	hs[0].ret = ISTAT_ASSERTED;
	ck_assert_int_eq(drv_attach(&leaky_info), 0);
	ck_assert_int_eq(svr5ddi_inst_state(key), SVR5DDI_INST_ACTIVE);
	ck_assert_int_eq(compat_irq_assert_sync(13), T_IRQ_HANDLED);
	ck_assert_int_eq(svr5ddi_cfg(key, SVR5DDI_CFG_REMOVE), 0);
	s1 = ddit_stats();
	ck_assert_uint_eq(s1.misuse[SVR5DDI_MISUSE_LEAK] -
			  s0.misuse[SVR5DDI_MISUSE_LEAK], 1);
	snprintf(want, sizeof(want),
		 "svr5ddi: config: leak: driver \"leaky\" key 0x%x: 1 interrupt attachment left after CFG_REMOVE",
		 key);
	ck_assert(ddit_log_contains(want));
	/* and the handler is gone */
	ck_assert_int_eq(compat_irq_assert_sync(13), -ENOENT);
	ck_assert_int_eq(hs[0].calls, 1);
	drv_detach(&leaky_info);
	svr5ddi_board_remove(key);
}
END_TEST

/* ---- the board API --------------------------------------------------------------- */

START_TEST(board_api)
{
	struct svr5ddi_board b;
	unsigned int key, k;
	char s[16];
	cm_args_t a;
	long v;

	svr5ddi_board_init(&b);
	ck_assert_int_eq(svr5ddi_board_create(&b, &key), -EINVAL); /* no name */
	b.modname = "a-name-too-long-for-it";
	ck_assert_int_eq(svr5ddi_board_create(&b, &key), -EINVAL);
	b.modname = "tdrv";
	b.io_start = ~0UL - 3;
	b.io_len = 16;				/* wraps */
	ck_assert_int_eq(svr5ddi_board_create(&b, &key), -EINVAL);
	b.io_len = 0;
	b.dmac = 3;
	ck_assert_int_eq(svr5ddi_board_create(&b, &key), 0);
	ck_assert_int_eq(svr5ddi_board_get_num(key, CM_DMAC, 0, &v), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(svr5ddi_board_get_num(key, CM_IRQ, 0, &v), -ENOENT);
	ck_assert_int_eq(svr5ddi_board_add_num(key, CM_DMAC, 5), 0);
	ck_assert_int_eq(svr5ddi_board_get_num(key, CM_DMAC, 1, &v), 0);
	ck_assert_int_eq(v, 5);
	ck_assert_int_eq(svr5ddi_board_clear(key, CM_DMAC), 0);
	ck_assert_int_eq(svr5ddi_board_clear(key, CM_DMAC), -ENOENT);
	ck_assert_int_eq(svr5ddi_board_add_range(key, CM_IOADDR, 9, 8), -EINVAL);
	ck_assert_int_eq(svr5ddi_board_add_string(key, CM_SBRDID, "0x1"), 0);
	ck_assert_int_eq(svr5ddi_board_add_value(key, "RO", "x", 2,
						 SVR5DDI_RM_RDONLY), 0);
	ck_assert_int_eq(svr5ddi_board_add_num(key, "TOOLONGPARAMNAME", 1),
			 -EINVAL);
	ck_assert_int_eq(svr5ddi_board_add_num(99999, CM_DMAC, 1), -ENOENT);
	/* a driver cannot change a read-only parameter */
	cm_begin_trans(key, RM_RDWR);
	a.cm_key = key;
	a.cm_param = "RO";
	a.cm_val = s;
	a.cm_vallen = 2;
	a.cm_n = 0;
	ck_assert_int_eq(cm_addval(&a), EINVAL);
	ck_assert_int_eq(cm_delval(&a), EINVAL);
	a.cm_vallen = sizeof(s);
	ck_assert_int_eq(cm_getval(&a), 0);
	ck_assert_str_eq(s, "x");
	cm_end_trans(key);
	for (k = svr5ddi_board_next(0); k && k != key; k = svr5ddi_board_next(k))
		;
	ck_assert_uint_eq(k, key);
	ck_assert_int_eq(svr5ddi_board_remove(key), 0);
	ck_assert_int_eq(svr5ddi_board_remove(key), -ENOENT);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("ddi_drv");
	TCase *tc;

	tc = tcase_create("interrupts");
	tcase_add_checked_fixture(tc, ddit_debug_on, NULL);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, intr_runs_at_board_level);
	tcase_add_test(tc, intr_default_level_is_pldisk);
	tcase_add_test(tc, intr_shared_level_line);
	tcase_add_test(tc, intr_exclusive_edge_line);
	tcase_add_test(tc, intr_detach_stops_delivery);
	tcase_add_test(tc, intr_old_style_hook);
	suite_add_tcase(s, tc);

	tc = tcase_create("misuse");
	tcase_add_checked_fixture(tc, ddit_debug_on, NULL);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, misuse_intr_attach_no_irq);
	tcase_add_test(tc, misuse_intr_detach_stray_cookie);
	tcase_add_test(tc, misuse_getval_outside_transaction);
	tcase_add_test(tc, misuse_transaction_nesting);
	tcase_add_test(tc, misuse_wrong_context);
	tcase_add_test(tc, misuse_handler_result);
	tcase_add_test(tc, misuse_interrupt_left_after_remove);
	suite_add_tcase(s, tc);

	tc = tcase_create("boards");
	tcase_add_checked_fixture(tc, ddit_debug_on, NULL);
	tcase_add_test(tc, board_api);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(make_suite)
