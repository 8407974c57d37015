/* SPDX-License-Identifier: MIT */
/*
 * cases_drv.c - shared cases of the "drv" family: the resource-manager
 * database (cm_getval, cm_addval, cm_delval, transactions, cm_getnbrd,
 * cm_getbrdkey, device configuration space) and the DDI 8 driver model
 * (drv_attach -> CFG_ADD per board -> entry points -> CFG_REMOVE ->
 * drv_detach), with a tiny DDI 8 driver written here.  Boards are made
 * through <svr5ddi/drvreg.h>, the system's side.
 *
 * Compiled in the permissive mode (_DDI undefined: every call of every
 * version is declared), so the pre-DDI 8 cm_getnbrd/cm_getbrdkey are
 * available too; the DDI 8 transaction rule is exercised through the
 * _site entry points a _DDI 8 driver's calls map to.  Each case removes
 * the boards and drivers it made.  Interrupts are in check_ddi_drv.c
 * (userspace: they need compat's interrupt lines).
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/kmem.h>
#include <sys/conf.h>
#include <sys/confmgr.h>
#include <sys/cm_i386at.h>
#include <sys/moddefs.h>
#include <svr5ddi/ddictl.h>
#include <svr5ddi/drvreg.h>
#include "ddi_case.h"

/* ---- helpers ----------------------------------------------------------------- */

static int dc_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* A board for @modname with an I/O and a memory range, no interrupt. */
static unsigned int mk_board(const char *modname, unsigned long io,
			     unsigned long mem)
{
	struct svr5ddi_board b;
	unsigned int key = 0;

	svr5ddi_board_init(&b);
	b.modname = modname;
	b.bustype = CM_BUS_PCI;
	b.brdid = "0x12348086";
	b.slot = 3;
	b.unit = 0;
	b.io_start = io;
	b.io_len = 0x20;
	b.mem_start = mem;
	b.mem_len = 0x1000;
	if (svr5ddi_board_create(&b, &key) != 0)
		return 0;
	return key;
}

static void set_args(cm_args_t *a, rm_key_t key, char *param, void *val,
		     size_t len, uint_t n)
{
	a->cm_key = key;
	a->cm_param = param;
	a->cm_val = val;
	a->cm_vallen = len;
	a->cm_n = n;
}

/* ---- the database --------------------------------------------------------------- */

static void rm_board_values(void)
{
	unsigned int key = mk_board("dcrm", 0x300, 0xd0000);
	char name[16], small[2];
	cm_range_t rng;
	cm_num_t num;
	cm_args_t a;

	DC_REQUIRE(key != RM_NULL_KEY);
	cm_begin_trans(key, RM_READ);

	set_args(&a, key, CM_MODNAME, name, sizeof(name), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
	DC_CHECK(dc_streq(name, "dcrm"));
	DC_CHECK(a.cm_vallen == 5);

	set_args(&a, key, CM_IOADDR, &rng, sizeof(rng), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
	DC_CHECK(rng.startaddr == 0x300 && rng.endaddr == 0x31f);
	DC_CHECK(a.cm_vallen == sizeof(cm_range_t));

	set_args(&a, key, CM_MEMADDR, &rng, sizeof(rng), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
	DC_CHECK(rng.startaddr == 0xd0000 && rng.endaddr == 0xd0fff);

	set_args(&a, key, CM_BRDBUSTYPE, &num, sizeof(num), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
	DC_CHECK(num == CM_BUS_PCI);
	set_args(&a, key, CM_SLOT, &num, sizeof(num), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0 && num == 3);

	/* too small a buffer: ENOSPC and the real length */
	set_args(&a, key, CM_BRDID, small, sizeof(small), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == ENOSPC);
	DC_CHECK(a.cm_vallen == 11);
	/* no second value; no such parameter */
	set_args(&a, key, CM_IOADDR, &rng, sizeof(rng), 1);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == ENOENT);
	set_args(&a, key, CM_IRQ, &num, sizeof(num), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == ENOENT);
	cm_end_trans(key);

	/* EINVAL: NULL args, NULL param, bad key (pre-DDI 8 plain call) */
	DC_CHECK(cm_getval(NULL) == EINVAL);
	set_args(&a, key, NULL, &num, sizeof(num), 0);
	DC_CHECK(cm_getval(&a) == EINVAL);
	set_args(&a, RM_NULL_KEY, CM_SLOT, &num, sizeof(num), 0);
	DC_CHECK(cm_getval(&a) == EINVAL);
	set_args(&a, key, CM_SLOT, &num, sizeof(num), 0);
	DC_CHECK(cm_getval(&a) == 0 && num == 3);

	DC_CHECK(svr5ddi_board_remove(key) == 0);
	set_args(&a, key, CM_SLOT, &num, sizeof(num), 0);
	DC_CHECK(cm_getval(&a) == EINVAL);
	DC_CHECK(svr5ddi_board_remove(key) == -ENOENT);
}

static void rm_add_del_values(void)
{
	unsigned int key = mk_board("dcrm", 0x300, 0xd0000);
	cm_num_t v, got;
	cm_range_t rng;
	cm_args_t a;
	int i;

	DC_REQUIRE(key != RM_NULL_KEY);
	cm_begin_trans(key, RM_RDWR);
	for (i = 0; i < 3; i++) {
		v = 100 + i;
		set_args(&a, key, "MYPARAM", &v, sizeof(v), 0);
		DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == 0);
	}
	for (i = 0; i < 3; i++) {
		set_args(&a, key, "MYPARAM", &got, sizeof(got), (uint_t)i);
		DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
		DC_CHECK(got == 100 + i);
	}
	set_args(&a, key, "MYPARAM", &got, sizeof(got), 3);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == ENOENT);

	/* a second I/O range goes after the first */
	rng.startaddr = 0x3f0;
	rng.endaddr = 0x3f7;
	set_args(&a, key, CM_IOADDR, &rng, sizeof(rng), 0);
	DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == 0);
	set_args(&a, key, CM_IOADDR, &rng, sizeof(rng), 1);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
	DC_CHECK(rng.startaddr == 0x3f0 && rng.endaddr == 0x3f7);

	/* cm_delval removes them all */
	set_args(&a, key, "MYPARAM", NULL, 0, 0);
	DC_CHECK(cm_delval_site(&a, __FILE__, __LINE__) == 0);
	set_args(&a, key, "MYPARAM", &got, sizeof(got), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == ENOENT);
	set_args(&a, key, "MYPARAM", NULL, 0, 0);
	DC_CHECK(cm_delval_site(&a, __FILE__, __LINE__) == ENOENT);

	/* EINVAL: read-only parameter, zero length, NULL param, bad key */
	v = CM_BUS_ISA;
	set_args(&a, key, CM_BRDBUSTYPE, &v, sizeof(v), 0);
	DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == EINVAL);
	DC_CHECK(cm_delval_site(&a, __FILE__, __LINE__) == EINVAL);
	set_args(&a, key, "MYPARAM", &v, 0, 0);
	DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == EINVAL);
	set_args(&a, key, NULL, &v, sizeof(v), 0);
	DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == EINVAL);
	DC_CHECK(cm_addval(NULL) == EINVAL);
	/* the read-only value is intact */
	set_args(&a, key, CM_BRDBUSTYPE, &got, sizeof(got), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0 &&
		 got == CM_BUS_PCI);
	cm_end_trans(key);
	set_args(&a, RM_NULL_KEY, "MYPARAM", &v, sizeof(v), 0);
	DC_CHECK(cm_addval(&a) == EINVAL);
	DC_CHECK(svr5ddi_board_remove(key) == 0);
}

static void rm_abort_undoes(void)
{
	unsigned int key = mk_board("dcrm", 0x300, 0xd0000);
	cm_num_t v = 7, got;
	cm_range_t rng;
	cm_args_t a;

	DC_REQUIRE(key != RM_NULL_KEY);
	cm_begin_trans(key, RM_RDWR);
	set_args(&a, key, "NEWP", &v, sizeof(v), 0);
	DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == 0);
	set_args(&a, key, CM_IOADDR, NULL, 0, 0);
	DC_CHECK(cm_delval_site(&a, __FILE__, __LINE__) == 0);
	cm_abort_trans(key);

	cm_begin_trans(key, RM_READ);
	set_args(&a, key, "NEWP", &got, sizeof(got), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == ENOENT);
	set_args(&a, key, CM_IOADDR, &rng, sizeof(rng), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0);
	DC_CHECK(rng.startaddr == 0x300 && rng.endaddr == 0x31f);
	cm_end_trans(key);
	DC_CHECK(svr5ddi_board_remove(key) == 0);
}

/* Readers share a record; a writer waits for them. */
struct trans_ctx {
	unsigned int key;
	volatile int writer_in;
	volatile int reader2_in;
};

static void trans_writer(void *arg)
{
	struct trans_ctx *t = arg;

	cm_begin_trans(t->key, RM_RDWR);
	t->writer_in = 1;
	cm_end_trans(t->key);
}

static void trans_reader(void *arg)
{
	struct trans_ctx *t = arg;

	cm_begin_trans(t->key, RM_READ);
	t->reader2_in = 1;
	cm_end_trans(t->key);
}

static void rm_transaction_rules(void)
{
	struct trans_ctx t;
	struct dc_thread *w, *r;
	int i;

	t.key = mk_board("dcrm", 0x300, 0xd0000);
	t.writer_in = 0;
	t.reader2_in = 0;
	DC_REQUIRE(t.key != RM_NULL_KEY);

	cm_begin_trans(t.key, RM_READ);
	r = dc_thread_start(trans_reader, &t);	/* another reader: joins */
	for (i = 0; i < 200 && !t.reader2_in; i++)
		dc_msleep(5);
	DC_CHECK(t.reader2_in);
	dc_thread_join(r);

	w = dc_thread_start(trans_writer, &t);	/* a writer: waits */
	dc_msleep(50);
	DC_CHECK(!t.writer_in);
	DC_CHECK(svr5ddi_board_remove(t.key) == -EBUSY);
	cm_end_trans(t.key);
	dc_thread_join(w);
	DC_CHECK(t.writer_in);
	DC_CHECK(svr5ddi_board_remove(t.key) == 0);
}

static void rm_transaction_misuse(void)
{
	unsigned int key = mk_board("dcrm", 0x300, 0xd0000);
	unsigned int key2 = mk_board("dcrm", 0x340, 0xd4000);
	cm_num_t num;
	cm_args_t a;

	DC_REQUIRE(key != RM_NULL_KEY && key2 != RM_NULL_KEY);
	/* DDI 8: cm_getval outside a transaction is reported, still works */
	dc_expect_begin();
	set_args(&a, key, CM_SLOT, &num, sizeof(num), 0);
	DC_CHECK(cm_getval_site(&a, __FILE__, __LINE__) == 0 && num == 3);
	DC_CHECK(dc_expect_end() == 1);
	/* ... a pre-DDI 8 call is not */
	dc_expect_begin();
	DC_CHECK(cm_getval(&a) == 0);
	DC_CHECK(dc_expect_end() == 0);
	/* updates need RM_RDWR */
	dc_expect_begin();
	cm_begin_trans(key, RM_READ);
	num = 1;
	set_args(&a, key, "X", &num, sizeof(num), 0);
	DC_CHECK(cm_addval_site(&a, __FILE__, __LINE__) == 0);
	/* a second transaction while one is pending */
	cm_begin_trans(key2, RM_READ);
	cm_end_trans(key);
	/* unmatched end, bad mode */
	cm_end_trans(key);
	cm_begin_trans(key, 0);
	DC_CHECK(dc_expect_end() == 4);
	DC_CHECK(svr5ddi_board_remove(key) == 0);
	DC_CHECK(svr5ddi_board_remove(key2) == 0);
}

static void rm_boards_by_name(void)
{
	unsigned int k1 = mk_board("dcnb", 0x300, 0xd0000);
	unsigned int k2 = mk_board("dcother", 0x340, 0xd4000);
	unsigned int k3 = mk_board("dcnb", 0x380, 0xd8000);
	unsigned int k, seen = 0;

	DC_REQUIRE(k1 && k2 && k3);
	DC_CHECK(cm_getnbrd("dcnb") == 2);
	DC_CHECK(cm_getnbrd("dcother") == 1);
	DC_CHECK(cm_getnbrd("dcnone") == 0);
	DC_CHECK(cm_getnbrd(NULL) == 0);
	DC_CHECK(cm_getbrdkey("dcnb", 0) == k1);
	DC_CHECK(cm_getbrdkey("dcnb", 1) == k3);
	DC_CHECK(cm_getbrdkey("dcnb", 2) == RM_NULL_KEY);
	DC_CHECK(cm_getbrdkey("dcnb", -1) == RM_NULL_KEY);
	DC_CHECK(cm_getbrdkey(NULL, 0) == RM_NULL_KEY);
	DC_CHECK(cm_getbrdkey("dcother", 0) == k2);
	/* the system's enumeration sees them in creation order */
	for (k = svr5ddi_board_next(0); k; k = svr5ddi_board_next(k)) {
		if (k == k1)
			seen |= seen == 0 ? 1 : 8;
		else if (k == k2)
			seen |= seen == 1 ? 2 : 8;
		else if (k == k3)
			seen |= seen == 3 ? 4 : 8;
	}
	DC_CHECK(seen == 7);
	DC_CHECK(svr5ddi_board_remove(k2) == 0);
	DC_CHECK(cm_getnbrd("dcother") == 0);
	DC_CHECK(svr5ddi_board_remove(k1) == 0);
	DC_CHECK(cm_getbrdkey("dcnb", 0) == k3);
	DC_CHECK(svr5ddi_board_remove(k3) == 0);
}

static void rm_devconfig(void)
{
	unsigned int key = mk_board("dcrm", 0x300, 0xd0000);
	unsigned char cfg[64], buf[8];
	int i;

	DC_REQUIRE(key != RM_NULL_KEY);
	DC_CHECK(cm_devconfig_size(key) == 0);
	DC_CHECK(cm_read_devconfig(key, 0, buf, 1) == -1);
	for (i = 0; i < 64; i++)
		cfg[i] = (unsigned char)(i * 3);
	DC_CHECK(svr5ddi_board_set_devconfig(key, cfg, sizeof(cfg)) == 0);
	DC_CHECK(cm_devconfig_size(key) == 64);
	DC_CHECK(cm_read_devconfig(key, 4, buf, 8) == 8);
	for (i = 0; i < 8; i++)
		DC_CHECK(buf[i] == (unsigned char)((4 + i) * 3));
	DC_CHECK(cm_read_devconfig(key, 60, buf, 8) == -1);
	DC_CHECK(cm_read_devconfig(key, 65, buf, 0) == -1);
	DC_CHECK(cm_read_devconfig(RM_NULL_KEY, 0, buf, 1) == -1);
	buf[0] = 0xaa;
	buf[1] = 0x55;
	DC_CHECK(cm_write_devconfig(key, 62, buf, 2) == 2);
	DC_CHECK(cm_read_devconfig(key, 61, buf, 3) == 3);
	DC_CHECK(buf[0] == 61 * 3 % 256 && buf[1] == 0xaa && buf[2] == 0x55);
	/* with a transaction pending it is misuse (the read still works) */
	dc_expect_begin();
	cm_begin_trans(key, RM_READ);
	DC_CHECK(cm_read_devconfig(key, 0, buf, 1) == 1);
	cm_end_trans(key);
	DC_CHECK(dc_expect_end() == 1);
	DC_CHECK(svr5ddi_board_remove(key) == 0);
}

/* ---- a tiny DDI 8 driver ------------------------------------------------------ */

#define DT_NAME		"dcdrv"
#define DT_GETIO	0x4401		/* ioctl: *arg = ioaddr, rval 7 */

struct dt_inst {
	unsigned long ioaddr;
	rm_key_t key;
	int opens;
	int suspended;
};

static struct {
	int adds, removes, suspends, resumes, modifies, verifies;
	int verify_idata_null;
	int fail_add;			/* CFG_ADD returns this */
	rm_key_t add_keys[4];
} dt;

static int dt_config(cfg_func_t func, void *idata, rm_key_t key)
{
	struct dt_inst *in;
	cm_range_t rng;
	cm_args_t a;
	int r;

	switch (func) {
	case CFG_ADD:
		if (dt.fail_add)
			return dt.fail_add;
		in = kmem_zalloc(sizeof(*in), KM_SLEEP);
		cm_begin_trans(key, RM_READ);
		set_args(&a, key, CM_IOADDR, &rng, sizeof(rng), 0);
		r = cm_getval_site(&a, __FILE__, __LINE__);
		cm_end_trans(key);
		if (r) {
			kmem_free(in, sizeof(*in));
			return r;
		}
		in->ioaddr = rng.startaddr;
		in->key = key;
		if (dt.adds < 4)
			dt.add_keys[dt.adds] = key;
		dt.adds++;
		*(void **)idata = in;
		return 0;
	case CFG_REMOVE:
		dt.removes++;
		kmem_free(idata, sizeof(struct dt_inst));
		return 0;
	case CFG_SUSPEND:
		dt.suspends++;
		((struct dt_inst *)idata)->suspended = 1;
		return 0;
	case CFG_RESUME:
		dt.resumes++;
		((struct dt_inst *)idata)->suspended = 0;
		return 0;
	case CFG_MODIFY:
		dt.modifies++;
		return 0;
	case CFG_VERIFY:
		dt.verifies++;
		dt.verify_idata_null += idata == NULL;
		return 0;
	}
	return EINVAL;
}

static int dt_open(void *idata, channel_t *chp, int oflags, cred_t *crp,
		   queue_t *q)
{
	struct dt_inst *in = idata;

	(void)oflags;
	(void)crp;
	(void)q;
	if (*chp == 2)
		*chp = 3;		/* a clone open */
	in->opens++;
	return 0;
}

static int dt_close(void *idata, channel_t ch, int oflags, cred_t *crp,
		    queue_t *q)
{
	struct dt_inst *in = idata;

	(void)ch;
	(void)oflags;
	(void)crp;
	(void)q;
	if (!in->opens)
		return ENXIO;
	in->opens--;
	return 0;
}

static int dt_devinfo(void *idata, channel_t ch, di_parm_t parm, void *valp)
{
	(void)idata;
	(void)ch;
	if (parm == DI_MEDIA) {
		*(const char **)valp = "testcard";
		return 0;
	}
	return EOPNOTSUPP;
}

static int dt_ioctl(void *idata, channel_t ch, int cmd, void *arg,
		    int oflags, cred_t *crp, int *rvalp)
{
	struct dt_inst *in = idata;

	(void)oflags;
	(void)crp;
	if (cmd != DT_GETIO)
		return EINVAL;
	*(unsigned long *)arg = in->ioaddr + ch;
	*rvalp = 7;
	return 0;
}

static const drvops_t dt_ops = {
	dt_config, dt_open, dt_close, dt_devinfo, NULL, dt_ioctl, NULL, NULL
};

static const drvinfo_t dt_info = { &dt_ops, DT_NAME, D_MP, NULL, 3 };
static const drvinfo_t dt_hot_info = { &dt_ops, DT_NAME, D_MP | D_HOT,
				       NULL, 3 };

static void dt_reset(void)
{
	unsigned int i;
	char *p = (char *)&dt;

	for (i = 0; i < sizeof(dt); i++)
		p[i] = 0;
}

static void drv_lifecycle(void)
{
	unsigned int k1, k2, kother, keys[4], ch;
	unsigned long io = 0;
	const char *media = 0;
	char name[16];
	int rval = 0;

	dt_reset();
	k1 = mk_board(DT_NAME, 0x300, 0xd0000);
	kother = mk_board("dcother", 0x340, 0xd4000);
	k2 = mk_board(DT_NAME, 0x380, 0xd8000);
	DC_REQUIRE(k1 && k2 && kother);

	DC_REQUIRE(drv_attach(&dt_info) == 0);
	DC_CHECK(dt.adds == 0);			/* made after _load */
	DC_CHECK(svr5ddi_drv_instances(DT_NAME, keys, 4) == 2);
	DC_CHECK(dt.adds == 2);
	DC_CHECK(keys[0] == k1 && keys[1] == k2);
	DC_CHECK(dt.add_keys[0] == k1 && dt.add_keys[1] == k2);
	DC_CHECK(svr5ddi_drv_count() >= 1);
	DC_CHECK(svr5ddi_drv_name(0, name, sizeof(name)) == 0);
	DC_CHECK(svr5ddi_inst_state(k1) == SVR5DDI_INST_ACTIVE);
	DC_CHECK(svr5ddi_inst_state(kother) == -ENOENT);
	/* attached twice: EEXIST */
	DC_CHECK(drv_attach(&dt_info) == EEXIST);

	/* entry points by (driver, board, channel) */
	ch = 0;
	DC_CHECK(svr5ddi_open(DT_NAME, k2, &ch, 0, 0) == 0);
	DC_CHECK(svr5ddi_ioctl(DT_NAME, k2, 1, DT_GETIO, &io, 0, 0, &rval) == 0);
	DC_CHECK(io == 0x381 && rval == 7);
	DC_CHECK(svr5ddi_ioctl(0, k1, 0, DT_GETIO, &io, 0, 0, &rval) == 0);
	DC_CHECK(io == 0x300);
	DC_CHECK(svr5ddi_ioctl(0, k1, 0, 0x1, &io, 0, 0, &rval) == EINVAL);
	DC_CHECK(svr5ddi_devinfo(0, k1, 0, DI_MEDIA, &media) == 0);
	DC_CHECK(media && dc_streq(media, "testcard"));
	DC_CHECK(svr5ddi_devinfo(0, k1, 0, DI_SIZE, &io) == EOPNOTSUPP);
	DC_CHECK(svr5ddi_close(DT_NAME, k2, 0, 0, 0) == 0);
	DC_CHECK(svr5ddi_close(DT_NAME, k2, 0, 0, 0) == ENXIO);
	ch = 2;
	DC_CHECK(svr5ddi_open(0, k1, &ch, 0, 0) == 0 && ch == 3);
	DC_CHECK(svr5ddi_close(0, k1, ch, 0, 0) == 0);
	/* framework errors: the driver is not called */
	ch = 4;
	DC_CHECK(svr5ddi_open(0, k1, &ch, 0, 0) == -EINVAL);	/* > maxchan */
	DC_CHECK(svr5ddi_open("dcother", k1, &ch, 0, 0) == -ENOENT);
	ch = 0;
	DC_CHECK(svr5ddi_open(0, kother, &ch, 0, 0) == -ENOENT);
	DC_CHECK(svr5ddi_biostart(0, k1, 0, 0) < 0);	/* no d_biostart */
	/* not D_HOT: no suspend; a configured board cannot go */
	DC_CHECK(svr5ddi_cfg(k1, SVR5DDI_CFG_SUSPEND) == -EINVAL);
	DC_CHECK(svr5ddi_cfg(k1, SVR5DDI_CFG_ADD) == -EEXIST);
	DC_CHECK(svr5ddi_board_remove(k1) == -EBUSY);
	/* CFG_VERIFY gets no idata */
	DC_CHECK(svr5ddi_cfg(k1, SVR5DDI_CFG_VERIFY) == 0);
	DC_CHECK(dt.verifies == 1 && dt.verify_idata_null == 1);

	/* CFG_REMOVE of one board */
	DC_CHECK(svr5ddi_cfg(k1, SVR5DDI_CFG_REMOVE) == 0);
	DC_CHECK(dt.removes == 1);
	DC_CHECK(svr5ddi_drv_instances(DT_NAME, keys, 4) == 1 && keys[0] == k2);
	DC_CHECK(svr5ddi_inst_state(k1) == -ENOENT);
	DC_CHECK(svr5ddi_cfg(k1, SVR5DDI_CFG_REMOVE) == -ENOENT);
	DC_CHECK(svr5ddi_board_remove(k1) == 0);

	/* drv_detach suspends and removes what is left */
	drv_detach(&dt_info);
	DC_CHECK(dt.suspends == 1 && dt.removes == 2);
	DC_CHECK(svr5ddi_drv_instances(DT_NAME, keys, 4) == -ENOENT);
	DC_CHECK(svr5ddi_board_remove(k2) == 0);
	DC_CHECK(svr5ddi_board_remove(kother) == 0);
}

static void drv_hotplug(void)
{
	unsigned int k, ch = 0;

	dt_reset();
	k = mk_board(DT_NAME, 0x300, 0xd0000);
	DC_REQUIRE(k != 0);
	DC_REQUIRE(drv_attach(&dt_hot_info) == 0);
	DC_CHECK(svr5ddi_inst_state(k) == SVR5DDI_INST_ACTIVE);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_RESUME) == -EINVAL);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_SUSPEND) == 0);
	DC_CHECK(dt.suspends == 1);
	DC_CHECK(svr5ddi_inst_state(k) == SVR5DDI_INST_SUSPENDED);
	DC_CHECK(svr5ddi_open(0, k, &ch, 0, 0) == -EBUSY);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_SUSPEND) == -EINVAL);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_MODIFY) == 0 && dt.modifies == 1);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_RESUME) == 0 && dt.resumes == 1);
	DC_CHECK(svr5ddi_inst_state(k) == SVR5DDI_INST_ACTIVE);
	DC_CHECK(svr5ddi_open(0, k, &ch, 0, 0) == 0);
	DC_CHECK(svr5ddi_close(0, k, ch, 0, 0) == 0);
	/* removed and added again (a board swap) */
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_REMOVE) == 0);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_ADD) == 0 && dt.adds == 2);
	drv_detach(&dt_hot_info);
	DC_CHECK(dt.removes == 2);
	DC_CHECK(svr5ddi_board_remove(k) == 0);
}

static void drv_add_failure(void)
{
	unsigned int k, keys[2];

	dt_reset();
	k = mk_board(DT_NAME, 0x300, 0xd0000);
	DC_REQUIRE(k != 0);
	dt.fail_add = ENODEV;
	DC_REQUIRE(drv_attach(&dt_info) == 0);
	DC_CHECK(svr5ddi_drv_instances(DT_NAME, keys, 2) == 0);
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_ADD) == ENODEV);
	dt.fail_add = 0;
	DC_CHECK(svr5ddi_cfg(k, SVR5DDI_CFG_ADD) == 0);
	DC_CHECK(svr5ddi_drv_instances(DT_NAME, keys, 2) == 1);
	drv_detach(&dt_info);
	DC_CHECK(dt.removes == 1);
	DC_CHECK(svr5ddi_board_remove(k) == 0);
}

static const drvinfo_t dt_badname = { &dt_ops, "name-far-too-long", 0,
				      NULL, 0 };
static const drvinfo_t dt_noops = { 0, "dcnoops", 0, NULL, 0 };

static void drv_attach_misuse(void)
{
	dc_expect_begin();
	DC_CHECK(drv_attach(&dt_badname) == EINVAL);
	DC_CHECK(drv_attach(&dt_noops) == EINVAL);
	drv_detach(&dt_info);			/* never attached */
	DC_CHECK(svr5ddi_cfg(1, 99) == -EINVAL);	/* no such subfunction */
	DC_CHECK(dc_expect_end() == 4);
}

/* A software-only driver: no d_config, addressed with key 0. */
static int sw_opens;

static int sw_open(void *idata, channel_t *chp, int oflags, cred_t *crp,
		   queue_t *q)
{
	(void)oflags;
	(void)crp;
	(void)q;
	(void)chp;
	if (idata)
		return EINVAL;
	sw_opens++;
	return 0;
}

static const drvops_t sw_ops = {
	NULL, sw_open, NULL, NULL, NULL, NULL, NULL, NULL
};
static const drvinfo_t sw_info = { &sw_ops, "dcsw", D_MP, NULL, 0 };

static void drv_software_only(void)
{
	unsigned int ch = 0;

	sw_opens = 0;
	DC_REQUIRE(drv_attach(&sw_info) == 0);
	DC_CHECK(svr5ddi_drv_instances("dcsw", 0, 0) == 0);
	DC_CHECK(svr5ddi_open("dcsw", 0, &ch, 0, 0) == 0 && sw_opens == 1);
	DC_CHECK(svr5ddi_close("dcsw", 0, 0, 0, 0) == 0);	/* NULL close */
	DC_CHECK(svr5ddi_ioctl("dcsw", 0, 0, 1, 0, 0, 0, 0) < 0);
	drv_detach(&sw_info);
	DC_CHECK(svr5ddi_open("dcsw", 0, &ch, 0, 0) == -ENOENT);
}

/* MOD_DRV_WRAPPER makes PREFIX_wrapper with the routines and names. */
static int dcw_load(void)
{
	return 0;
}

static int dcw_unload(void)
{
	return EBUSY;
}

MOD_DRV_WRAPPER(dcw, dcw_load, dcw_unload, 0, "dcw - test wrapper");

static void drv_mod_wrapper(void)
{
	DC_CHECK(dcw_wrapper.mw_rev == MODREV);
	DC_CHECK(dcw_wrapper.mw_type == MOD_TY_DRV);
	DC_CHECK(dcw_wrapper.mw_load() == 0);
	DC_CHECK(dcw_wrapper.mw_unload() == EBUSY);
	DC_CHECK(dcw_wrapper.mw_halt == 0 && dcw_wrapper.mw_verify == 0);
	DC_CHECK(dc_streq(dcw_wrapper.mw_prefix, "dcw"));
	DC_CHECK(dc_streq(dcw_wrapper.mw_desc, "dcw - test wrapper"));
}

const struct ddi_case ddi_cases_drv[] = {
	{ "rm_board_values", rm_board_values, 0 },
	{ "rm_add_del_values", rm_add_del_values, 0 },
	{ "rm_abort_undoes", rm_abort_undoes, 0 },
	{ "rm_transaction_rules", rm_transaction_rules, 0 },
	{ "rm_transaction_misuse", rm_transaction_misuse, 0 },
	{ "rm_boards_by_name", rm_boards_by_name, 0 },
	{ "rm_devconfig", rm_devconfig, 0 },
	{ "drv_lifecycle", drv_lifecycle, 0 },
	{ "drv_hotplug", drv_hotplug, 0 },
	{ "drv_add_failure", drv_add_failure, 0 },
	{ "drv_attach_misuse", drv_attach_misuse, 0 },
	{ "drv_software_only", drv_software_only, 0 },
	{ "drv_mod_wrapper", drv_mod_wrapper, 0 },
	DDI_CASES_END
};
