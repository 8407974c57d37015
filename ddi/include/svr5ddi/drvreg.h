/* SPDX-License-Identifier: MIT */
/*
 * svr5ddi/drvreg.h - the system's side of the SVR5 driver model: what a
 * porting harness (or the kernel glue) does that an SVR5 kernel's
 * autoconfiguration would: make board records in the resource-manager
 * database, run a DDI 8 driver's config(D2) subfunctions on them, call
 * its entry points on a configured instance, and hook an old-style
 * driver's interrupt routine to a board's interrupt.  Not part of the
 * SVR5 DDI: drivers never include it.  Freestanding C89, plain C types
 * (a key is an SVR5 rm_key_t, a channel a channel_t, both unsigned int).
 *
 * RESULTS.  Calls that reach a driver return what the driver returned:
 * 0 or an SVR5 errno value (> 0).  A negative value is the framework's
 * own -errno (Linux numbering) and means the driver was NOT called:
 *	-ENOENT	no such board, driver or instance
 *	-EINVAL	bad argument (unknown subfunction, channel > drv_maxchan,
 *		a subfunction the instance's state does not allow)
 *	-EEXIST	the board is configured already
 *	-EBUSY	the board is configured (board removal), or the instance is
 *		suspended (entry-point calls)
 *	-ENOSYS	the driver has no such entry point
 *	-ENXIO	the board has no interrupt (CM_IRQ)
 *	-ENOMEM	no memory
 *
 * CONTEXT.  Every call here is process context and may sleep (they call
 * driver entry points, allocate, or wait for running interrupt
 * handlers), except svr5ddi_board_next, svr5ddi_board_get_num and
 * svr5ddi_board_irq (any context).  None may be called from a driver
 * entry point of the same instance it operates on (config and entry
 * calls of one instance are serialised against its removal); a config
 * call that re-enters the framework is reported (WRONG_CONTEXT).  Config subfunctions of all drivers
 * are serialised with each other, as SVR5's autoconfiguration is; entry
 * points of different instances (and of one instance) run concurrently.
 *
 * HOW BOARDS ARE FILLED.  Userspace: the harness describes each board of
 * a scenario with struct svr5ddi_board and creates it before loading the
 * driver; svr5ddi_board_add_* add more values (a second I/O range...).
 * Kernel (the glue that binds svr5ddi to a Linux device; only userspace
 * exercises this today): for a PCI device the record gets
 *	CM_MODNAME	the SVR5 driver bound to the device
 *	CM_BRDBUSTYPE	CM_BUS_PCI (read-only)
 *	CM_BRDID	"0xDDDDVVVV": device id << 16 | vendor id (read-only)
 *	CM_SBRDID	"0xSSSSTTTT": subsystem device, vendor (read-only)
 *	CM_BUSNUM, CM_DEVNUM, CM_FUNCNUM, CM_SLOT  pdev->bus->number,
 *			PCI_SLOT(devfn), PCI_FUNC(devfn), the slot (read-only)
 *	CM_IOADDR	each I/O BAR: [start, end] of pci_resource_start/end
 *	CM_MEMADDR	each memory BAR likewise (ddi_rm_memrange feeds
 *			devmem_mapin from these)
 *	CM_IRQ		pdev->irq (a Linux irq number: cm_intr_attach passes
 *			it to request_irq as is), CM_ITYPE CM_ITYPE_LEVEL
 *			(shared), CM_IPL 5 (pldisk) unless configured
 *	configuration space: the device's PCI configuration space, read
 *			with pci_read_config_* (cm_read_devconfig)
 * then runs CFG_ADD (svr5ddi_cfg) from its probe and CFG_REMOVE from its
 * remove callback.  The userspace IRQ numbers are compat's interrupt
 * lines: a scenario raises one with compat_irq_assert(irq).
 */
#ifndef _SVR5DDI_DRVREG_H
#define _SVR5DDI_DRVREG_H

/* ---- boards ---------------------------------------------------------------- */

/*
 * One board of a scenario.  svr5ddi_board_init() sets every field to
 * "absent" (NULL, -1 or a zero length); svr5ddi_board_create() then adds
 * a value for each field that is present:
 *	modname		CM_MODNAME (required)
 *	bustype		CM_BRDBUSTYPE, a CM_BUS_* value (read-only to drivers)
 *	brdid		CM_BRDID string (read-only)
 *	slot		CM_SLOT (read-only)
 *	unit		CM_UNIT
 *	irq		CM_IRQ; with it CM_IPL (ipl, or 5 if absent) and CM_ITYPE
 *			(itype, or CM_ITYPE_LEVEL 4 if absent)
 *	io_start/io_len	CM_IOADDR [io_start, io_start + io_len - 1]
 *	mem_start/mem_len CM_MEMADDR likewise
 *	dmac		CM_DMAC
 */
struct svr5ddi_board {
	const char	*modname;
	long		bustype;
	const char	*brdid;
	long		slot;
	long		unit;
	long		irq;
	long		ipl;
	long		itype;
	unsigned long	io_start, io_len;
	unsigned long	mem_start, mem_len;
	long		dmac;
};

void svr5ddi_board_init(struct svr5ddi_board *board);
/* Make a record from @board; its key in *@keyp.  0 or -errno. */
int svr5ddi_board_create(const struct svr5ddi_board *board,
			 unsigned int *keyp);
/* Delete a record (-EBUSY while a driver has it configured). */
int svr5ddi_board_remove(unsigned int key);

/* Append one value to (key, param); 0 or -errno. */
int svr5ddi_board_add_num(unsigned int key, const char *param, long val);
int svr5ddi_board_add_range(unsigned int key, const char *param,
			    unsigned long first, unsigned long last);
int svr5ddi_board_add_string(unsigned int key, const char *param,
			     const char *str);
#define SVR5DDI_RM_RDONLY	0x1	/* drivers may not change the parameter */
int svr5ddi_board_add_value(unsigned int key, const char *param,
			    const void *val, unsigned long len, int flags);
/* Delete every value of (key, param). */
int svr5ddi_board_clear(unsigned int key, const char *param);
/* The n-th numeric value of (key, param).  Context: any. */
int svr5ddi_board_get_num(unsigned int key, const char *param,
			  unsigned int n, long *val);
/* The board's device configuration space (cm_read_devconfig). */
int svr5ddi_board_set_devconfig(unsigned int key, const void *buf,
				unsigned long len);
/* Keys in creation order: the one after @key (0: the first), 0 at the
 * end.  Context: any. */
unsigned int svr5ddi_board_next(unsigned int key);

/* ---- drivers and instances ------------------------------------------------ */

/*
 * drv_attach() leaves the driver's CFG_ADD calls pending (UnixWare makes
 * them from a daemon after _load); every call below makes them first.
 * svr5ddi_drv_settle() makes them and nothing else.
 */
void svr5ddi_drv_settle(void);

/* Attached DDI 8 drivers (drv_attach), in attach order. */
int svr5ddi_drv_count(void);
/* The @idx-th driver's name into @buf; 0, -ENOENT, -ENOSPC. */
int svr5ddi_drv_name(unsigned int idx, char *buf, unsigned long len);
/*
 * The keys of @name's configured instances, in configuration order:
 * up to @max of them into @keys; returns how many there are in all, or
 * -ENOENT (no such driver).
 */
int svr5ddi_drv_instances(const char *name, unsigned int *keys,
			  unsigned int max);

/* config(D2) subfunctions, same values as <sys/conf.h>'s cfg_func_t. */
#define SVR5DDI_CFG_ADD		0
#define SVR5DDI_CFG_SUSPEND	1
#define SVR5DDI_CFG_RESUME	2
#define SVR5DDI_CFG_MODIFY	3
#define SVR5DDI_CFG_REMOVE	4
#define SVR5DDI_CFG_VERIFY	5

/*
 * Run subfunction @func of the driver named by board @key's CM_MODNAME:
 *	ADD	board not configured: d_config(CFG_ADD, &idata, key); on 0
 *		the instance exists (active)
 *	SUSPEND	active instance of a D_HOT driver; on 0 it is suspended
 *	RESUME	suspended instance of a D_HOT driver; on 0 active again
 *	MODIFY	instance of a D_HOT driver: d_config(CFG_MODIFY, idata, key)
 *	REMOVE	any instance: waits for its entry calls in flight, then
 *		d_config(CFG_REMOVE, idata, key); on 0 the instance is gone
 *		(interrupts the driver left attached are detached, and
 *		reported as a leak)
 *	VERIFY	d_config(CFG_VERIFY, NULL, key), configured or not
 * Returns the driver's result or -errno (see RESULTS).
 */
int svr5ddi_cfg(unsigned int key, int func);

/* Instance state: SVR5DDI_INST_ACTIVE, SVR5DDI_INST_SUSPENDED, -ENOENT. */
#define SVR5DDI_INST_ACTIVE	1
#define SVR5DDI_INST_SUSPENDED	2
int svr5ddi_inst_state(unsigned int key);

/*
 * Entry points of a configured, active instance.  @drv names the
 * driver; it may be NULL when @key is non-zero (the board's driver).
 * @key 0 addresses a software-only driver (no d_config): idata NULL.
 * @cred is passed to the driver as its cred_t * (may be NULL); the
 * queue_t argument of open and close is NULL (not STREAMS).  A NULL
 * d_open or d_close succeeds (returns 0) without a call; other missing
 * entry points give -ENOSYS.  Channels above drv_maxchan give -EINVAL;
 * open may change *@channelp (a clone open).
 */
int svr5ddi_open(const char *drv, unsigned int key, unsigned int *channelp,
		 int oflags, void *cred);
int svr5ddi_close(const char *drv, unsigned int key, unsigned int channel,
		  int oflags, void *cred);
int svr5ddi_devinfo(const char *drv, unsigned int key, unsigned int channel,
		    int parm, void *valp);
int svr5ddi_ioctl(const char *drv, unsigned int key, unsigned int channel,
		  int cmd, void *arg, int oflags, void *cred, int *rvalp);
/* d_biostart(idata, channel, (buf_t *)bp); 0 once it returned. */
int svr5ddi_biostart(const char *drv, unsigned int key, unsigned int channel,
		     void *bp);
int svr5ddi_drvctl(const char *drv, unsigned int key, unsigned int channel,
		   int cmd, void *arg);
/* d_mmap: the page id in *@ppid (NOPAGE: none); 0 or -errno. */
int svr5ddi_mmap(const char *drv, unsigned int key, unsigned int channel,
		 unsigned long off, int prot, unsigned long *ppid);

/* ---- old-style (pre-DDI 8) drivers -------------------------------------- */

/*
 * The harness finds a pre-DDI 8 driver's prefix entry points itself
 * (dlsym "PREFIXopen", "PREFIXintr"...).  svr5ddi_intr_register hooks
 * its interrupt routine @intr to board @key's interrupt through the same
 * mechanism as cm_intr_attach: on CM_IRQ, shared unless CM_ITYPE is 1,
 * called as intr(irq) in interrupt context at the board's CM_IPL.  The
 * handle for svr5ddi_intr_unregister in *@cookiep.  0, -ENOENT (no
 * board), -ENXIO (no CM_IRQ), -EINVAL (bad CM_IPL/CM_ITYPE), -EBUSY (the
 * line is taken exclusively), -ENOMEM.
 */
int svr5ddi_intr_register(unsigned int key, void (*intr)(int),
			  void **cookiep);
void svr5ddi_intr_unregister(void *cookie);
/* The interrupt line of board @key (its first CM_IRQ), or -ENXIO/-ENOENT. */
int svr5ddi_board_irq(unsigned int key);

#endif /* _SVR5DDI_DRVREG_H */
