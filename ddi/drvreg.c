/* SPDX-License-Identifier: MIT */
/*
 * drvreg.c - the board half of <svr5ddi/drvreg.h>: scenario boards in the
 * resource-manager database (the harness's side; the kernel glue fills
 * the same records from a Linux device, as drvreg.h describes).  Thin
 * wrappers over confmgr.c's store, which does the locking; the values
 * are written as an SVR5 driver reads them (cm_num_t, cm_range_t,
 * NUL-terminated strings).  Facts about the hardware (bus type, board
 * id, slot) are read-only to drivers, as the autoconfiguration manager
 * makes them in UnixWare.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/export.h>
#include "drv_internal.h"

/* svr5ddi_board_init - every field "absent".  Context: any. */
void svr5ddi_board_init(struct svr5ddi_board *b)
{
	memset(b, 0, sizeof(*b));
	b->bustype = -1;
	b->slot = -1;
	b->unit = -1;
	b->irq = -1;
	b->ipl = -1;
	b->itype = -1;
	b->dmac = -1;
}
EXPORT_SYMBOL(svr5ddi_board_init);

static int brd_add_num(rm_key_t key, const char *param, long val, bool ro)
{
	cm_num_t v = val;

	return ddi_rm_add(key, param, &v, sizeof(v), ro);
}

static int brd_add_range(rm_key_t key, const char *param, unsigned long first,
		     unsigned long last)
{
	cm_range_t r;

	if (last < first)
		return -EINVAL;
	r.startaddr = first;
	r.endaddr = last;
	return ddi_rm_add(key, param, &r, sizeof(r), false);
}

/**
 * svr5ddi_board_create - make a record from @b (see drvreg.h); its key in
 * *@keyp.  0, -EINVAL (no modname, bad range), -ENOMEM.  On error no
 * record is left behind.  Context: process.
 */
int svr5ddi_board_create(const struct svr5ddi_board *b, unsigned int *keyp)
{
	rm_key_t key;
	int r;

	ddi_os_ready();
	if (!b || !keyp || !b->modname || !b->modname[0] ||
	    strlen(b->modname) >= RM_MAXPARAMLEN ||
	    (b->io_len && b->io_start + b->io_len - 1 < b->io_start) ||
	    (b->mem_len && b->mem_start + b->mem_len - 1 < b->mem_start))
		return -EINVAL;
	r = ddi_rm_newkey(&key);
	if (r)
		return r;
	r = ddi_rm_add(key, CM_MODNAME, b->modname, strlen(b->modname) + 1,
		       false);
	if (!r)
		r = brd_add_num(key, CM_TYPE, CM_TYPE_BRDINST, true);
	if (!r)
		r = brd_add_num(key, CM_ENTRYTYPE, CM_ENTRY_DEFAULT, false);
	if (!r && b->bustype >= 0)
		r = brd_add_num(key, CM_BRDBUSTYPE, b->bustype, true);
	if (!r && b->brdid)
		r = ddi_rm_add(key, CM_BRDID, b->brdid, strlen(b->brdid) + 1,
			       true);
	if (!r && b->slot >= 0)
		r = brd_add_num(key, CM_SLOT, b->slot, true);
	if (!r && b->unit >= 0)
		r = brd_add_num(key, CM_UNIT, b->unit, false);
	if (!r && b->irq >= 0) {
		r = brd_add_num(key, CM_IRQ, b->irq, false);
		if (!r)
			r = brd_add_num(key, CM_IPL, b->ipl >= 0 ? b->ipl : PLDISK,
				    false);
		if (!r)
			r = brd_add_num(key, CM_ITYPE, b->itype >= 0 ? b->itype :
				    CM_ITYPE_LEVEL, false);
	}
	if (!r && b->io_len)
		r = brd_add_range(key, CM_IOADDR, b->io_start,
			      b->io_start + b->io_len - 1);
	if (!r && b->mem_len)
		r = brd_add_range(key, CM_MEMADDR, b->mem_start,
			      b->mem_start + b->mem_len - 1);
	if (!r && b->dmac >= 0)
		r = brd_add_num(key, CM_DMAC, b->dmac, false);
	if (r) {
		ddi_rm_delkey(key);
		return r;
	}
	*keyp = key;
	return 0;
}
EXPORT_SYMBOL(svr5ddi_board_create);

/**
 * svr5ddi_board_remove - delete record @key.  -EBUSY while a driver has
 * it configured (run CFG_REMOVE first) or a transaction is pending,
 * -ENOENT if there is no such record.  Context: process.
 */
int svr5ddi_board_remove(unsigned int key)
{
	int r;

	ddi_os_ready();
	svr5ddi_drv_settle();
	if (!ddi_rm_valid(key))
		return -ENOENT;
	if (ddi_drv_key_busy(key))
		return -EBUSY;
	r = ddi_rm_delkey(key);
	return r;
}
EXPORT_SYMBOL(svr5ddi_board_remove);

int svr5ddi_board_add_num(unsigned int key, const char *param, long val)
{
	ddi_os_ready();
	return brd_add_num(key, param, val, false);
}
EXPORT_SYMBOL(svr5ddi_board_add_num);

int svr5ddi_board_add_range(unsigned int key, const char *param,
			    unsigned long first, unsigned long last)
{
	ddi_os_ready();
	return brd_add_range(key, param, first, last);
}
EXPORT_SYMBOL(svr5ddi_board_add_range);

int svr5ddi_board_add_string(unsigned int key, const char *param,
			     const char *str)
{
	ddi_os_ready();
	if (!str)
		return -EINVAL;
	return ddi_rm_add(key, param, str, strlen(str) + 1, false);
}
EXPORT_SYMBOL(svr5ddi_board_add_string);

int svr5ddi_board_add_value(unsigned int key, const char *param,
			    const void *val, unsigned long len, int flags)
{
	ddi_os_ready();
	return ddi_rm_add(key, param, val, len, flags & SVR5DDI_RM_RDONLY);
}
EXPORT_SYMBOL(svr5ddi_board_add_value);

int svr5ddi_board_clear(unsigned int key, const char *param)
{
	ddi_os_ready();
	return ddi_rm_clear(key, param);
}
EXPORT_SYMBOL(svr5ddi_board_clear);

int svr5ddi_board_get_num(unsigned int key, const char *param,
			  unsigned int n, long *val)
{
	cm_num_t v;
	int r;

	ddi_os_ready();
	if (!val)
		return -EINVAL;
	r = ddi_rm_num(key, param, n, &v);
	if (!r)
		*val = v;
	return r;
}
EXPORT_SYMBOL(svr5ddi_board_get_num);

int svr5ddi_board_set_devconfig(unsigned int key, const void *buf,
				unsigned long len)
{
	ddi_os_ready();
	return ddi_rm_set_devconfig(key, buf, len);
}
EXPORT_SYMBOL(svr5ddi_board_set_devconfig);

unsigned int svr5ddi_board_next(unsigned int key)
{
	ddi_os_ready();
	return ddi_rm_next(key);
}
EXPORT_SYMBOL(svr5ddi_board_next);
