/* SPDX-License-Identifier: MIT */
/*
 * drv_attach.c - the DDI 8 driver registry: drv_attach(D3)/drv_detach(D3),
 * the config(D2) subfunctions the system runs on a driver's boards, and
 * dispatch of its entry points to a configured instance
 * (<sys/conf.h>, <svr5ddi/drvreg.h>).
 *
 * Theory
 * ------
 * drv_attach() lists the driver and marks it "pending": as in UnixWare,
 * where a daemon makes the CFG_ADD calls after the driver's _load has
 * run, the calls are not made from inside drv_attach (a _load often goes
 * on initialising after it).  They are made at the next settle point:
 * any svr5ddi_* call of <svr5ddi/drvreg.h> (the harness's next step) or
 * drv_detach.  Settling calls d_config(CFG_ADD, &idata, key) for every
 * board record whose CM_MODNAME is the driver's name and that is not
 * configured yet, in the records' creation order; on 0 an instance
 * (key, idata) exists.
 *
 * Instances are active or suspended.  Entry calls take a reference on the
 * instance (refs) under drv_lock and run the driver with no lock held;
 * removal marks the instance as going (no new calls), waits on drv_wq for
 * refs to drop to 0, then calls CFG_REMOVE and frees it.  Config
 * subfunctions of all drivers are serialised by cfg_mutex (held across
 * d_config, as UnixWare's single configuration daemon serialises them);
 * cfg_owner lets a config call that re-enters the framework be reported
 * instead of deadlocking.  Lock order: cfg_mutex, drv_lock, then the
 * database's rm_lock; no lock is held across entry-point calls.
 *
 * drv_detach() tears the driver's instances down as UnixWare does
 * (CFG_SUSPEND then CFG_REMOVE each; results ignored), then unlists it.
 * After a CFG_REMOVE the driver must have detached its interrupts: any
 * left attached for the key are reported (LEAK) and detached, so that
 * no handler runs with the freed idata.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/preempt.h>
#include <linux/export.h>
#include "drv_internal.h"

enum { INST_ACTIVE = SVR5DDI_INST_ACTIVE, INST_SUSPENDED, INST_GOING };

struct drv_ent {
	struct list_head link;		/* drvs, attach order */
	const drvinfo_t *info;
	char name[RM_MAXPARAMLEN];
	struct list_head insts;		/* configuration order */
	unsigned int refs;		/* software-only entry calls */
	bool pending;			/* boards not scanned since attach */
	bool going;			/* drv_detach in progress */
};

struct drv_inst {
	struct list_head link;		/* drv->insts */
	struct drv_ent *drv;
	rm_key_t key;
	void *idata;
	int state;
	int prev_state;			/* before INST_GOING */
	unsigned int refs;		/* entry calls in flight */
};

static DEFINE_MUTEX(drv_lock);		/* drvs, instances, states, refs */
static DEFINE_MUTEX(cfg_mutex);		/* one config subfunction at a time */
static struct task_struct *cfg_owner;	/* holder of cfg_mutex */
static LIST_HEAD(drvs);
static DECLARE_WAIT_QUEUE_HEAD(drv_wq);

/* ---- lookup (drv_lock held) ------------------------------------------------ */

static struct drv_ent *drv_find(const char *name)
{
	struct drv_ent *d;

	if (!name)
		return NULL;
	list_for_each_entry(d, &drvs, link)
		if (!d->going && !strcmp(d->name, name))
			return d;
	return NULL;
}

static struct drv_ent *drv_find_info(const drvinfo_t *info)
{
	struct drv_ent *d;

	list_for_each_entry(d, &drvs, link)
		if (d->info == info && !d->going)
			return d;
	return NULL;
}

static struct drv_inst *inst_find(rm_key_t key)
{
	struct drv_ent *d;
	struct drv_inst *i;

	list_for_each_entry(d, &drvs, link)
		list_for_each_entry(i, &d->insts, link)
			if (i->key == key)
				return i;
	return NULL;
}

/* ddi_drv_key_busy - is board @key configured?  Context: process. */
bool ddi_drv_key_busy(rm_key_t key)
{
	bool busy;

	mutex_lock(&drv_lock);
	busy = inst_find(key) != NULL;
	mutex_unlock(&drv_lock);
	return busy;
}

/* ---- config calls (cfg_mutex held) ------------------------------------------- */

static void cfg_lock(void)
{
	mutex_lock(&cfg_mutex);
	cfg_owner = current;
}

static void cfg_unlock(void)
{
	cfg_owner = NULL;
	mutex_unlock(&cfg_mutex);
}

/* Is the caller inside a config call of its own?  Then report, true. */
static bool cfg_reentered(const char *call, const char *file, int line)
{
	if (READ_ONCE(cfg_owner) != current)
		return false;
	ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
		   "%s: wrong context: called from a config(D2) entry point at %s",
		   call, DDI_SITE(file, line));
	return true;
}

static int (*cfg_fn(struct drv_ent *d))(cfg_func_t, void *, rm_key_t)
{
	return d->info->drv_ops->d_config;
}

/* CFG_ADD on @key for @d; the driver's result, or -ENOMEM. */
static int cfg_add(struct drv_ent *d, rm_key_t key)
{
	struct drv_inst *i = kzalloc(sizeof(*i), GFP_KERNEL);
	void *idata = NULL;
	int r;

	if (!i)
		return -ENOMEM;
	r = cfg_fn(d)(CFG_ADD, &idata, key);
	if (r) {
		kfree(i);
		return r;
	}
	i->drv = d;
	i->key = key;
	i->idata = idata;
	i->state = INST_ACTIVE;
	mutex_lock(&drv_lock);
	list_add_tail(&i->link, &d->insts);
	mutex_unlock(&drv_lock);
	return 0;
}

/* Stop new entry calls on @i and wait for those in flight. */
static void inst_quiesce(struct drv_inst *i)
{
	mutex_lock(&drv_lock);
	if (i->state != INST_GOING) {
		i->prev_state = i->state;
		i->state = INST_GOING;
	}
	mutex_unlock(&drv_lock);
	wait_event(drv_wq, READ_ONCE(i->refs) == 0);
}

/* CFG_REMOVE @i (quiesced) and forget it; the driver's result. */
static int cfg_remove(struct drv_inst *i)
{
	struct drv_ent *d = i->drv;
	int r, n;

	r = cfg_fn(d)(CFG_REMOVE, i->idata, i->key);
	n = ddi_intr_count_key(i->key);
	if (n) {
		ddi_misuse(SVR5DDI_MISUSE_LEAK,
			   "config: leak: driver \"%s\" key 0x%x: %d interrupt attachment%s left after CFG_REMOVE",
			   d->name, i->key, n, n == 1 ? "" : "s");
		ddi_intr_detach_key(i->key);
	}
	mutex_lock(&drv_lock);
	list_del(&i->link);
	mutex_unlock(&drv_lock);
	kfree(i);
	return r;
}

/* Run the CFG_ADD calls drv_attach left pending.  cfg_mutex held. */
static void settle_locked(void)
{
	struct drv_ent *d;

	for (;;) {
		struct drv_ent *todo = NULL;
		rm_key_t key;

		mutex_lock(&drv_lock);
		list_for_each_entry(d, &drvs, link) {
			if (d->pending && !d->going) {
				d->pending = false;
				todo = d;
				break;
			}
		}
		mutex_unlock(&drv_lock);
		if (!todo)
			return;
		if (!cfg_fn(todo))
			continue;	/* software-only: no boards */
		for (key = ddi_rm_next(RM_NULL_KEY); key != RM_NULL_KEY;
		     key = ddi_rm_next(key)) {
			if (!ddi_rm_modname_is(key, todo->name) ||
			    ddi_drv_key_busy(key))
				continue;
			cfg_add(todo, key);
		}
	}
}

/**
 * svr5ddi_drv_settle - make the CFG_ADD calls that drv_attach left
 * pending (every drvreg call does this first).  Context: process.
 */
void svr5ddi_drv_settle(void)
{
	ddi_os_ready();
	if (cfg_reentered("svr5ddi_drv_settle", NULL, 0))
		return;
	cfg_lock();
	settle_locked();
	cfg_unlock();
}
EXPORT_SYMBOL(svr5ddi_drv_settle);

/* ---- drv_attach, drv_detach ----------------------------------------------------- */

/**
 * drv_attach_site - attach DDI 8 driver @info: CFG_ADD follows for each
 * of its boards (see the theory above).  Returns 0; EINVAL for a bad
 * drvinfo (NULL, no ops, no name or a name over 15 characters; reported
 * as misuse); EEXIST when a driver of that name is attached; ENOMEM.
 * Context: process (the driver's _load).
 */
int drv_attach_site(const drvinfo_t *info, const char *file, int line)
{
	struct drv_ent *d;

	ddi_os_ready();
	if (!info || !info->drv_ops || !info->drv_name ||
	    !info->drv_name[0] ||
	    strnlen(info->drv_name, RM_MAXPARAMLEN) >= RM_MAXPARAMLEN) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "drv_attach: bad argument: drvinfo 0x%lx: %s at %s",
			   (unsigned long)info,
			   !info ? "NULL" : !info->drv_ops ? "NULL drv_ops" :
			   "drv_name missing or over 15 characters",
			   DDI_SITE(file, line));
		return EINVAL;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return ENOMEM;
	d->info = info;
	strscpy(d->name, info->drv_name, sizeof(d->name));
	INIT_LIST_HEAD(&d->insts);
	d->pending = true;
	mutex_lock(&drv_lock);
	if (drv_find(d->name)) {
		mutex_unlock(&drv_lock);
		kfree(d);
		return EEXIST;
	}
	list_add_tail(&d->link, &drvs);
	mutex_unlock(&drv_lock);
	return 0;
}
EXPORT_SYMBOL(drv_attach_site);

int drv_attach(const drvinfo_t *info)
{
	return drv_attach_site(info, NULL, 0);
}
EXPORT_SYMBOL(drv_attach);

/**
 * drv_detach_site - detach driver @info: each of its instances gets
 * CFG_SUSPEND and CFG_REMOVE (results ignored, as UnixWare does), after
 * the entry calls in flight have returned; then the driver is unlisted.
 * A drvinfo that is not attached is reported (BAD_ARGUMENT).
 * Context: process (the driver's _unload); not from a config call.
 */
void drv_detach_site(const drvinfo_t *info, const char *file, int line)
{
	struct drv_ent *d;

	ddi_os_ready();
	if (cfg_reentered("drv_detach", file, line))
		return;
	cfg_lock();
	mutex_lock(&drv_lock);
	d = drv_find_info(info);
	if (d)
		d->going = true;
	mutex_unlock(&drv_lock);
	if (!d) {
		cfg_unlock();
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "drv_detach: bad argument: drvinfo 0x%lx: not attached at %s",
			   (unsigned long)info, DDI_SITE(file, line));
		return;
	}
	for (;;) {
		struct drv_inst *i = NULL;

		mutex_lock(&drv_lock);
		if (!list_empty(&d->insts))
			i = list_first_entry(&d->insts, struct drv_inst, link);
		mutex_unlock(&drv_lock);
		if (!i)
			break;
		inst_quiesce(i);
		cfg_fn(d)(CFG_SUSPEND, i->idata, i->key);
		cfg_remove(i);
	}
	wait_event(drv_wq, READ_ONCE(d->refs) == 0);
	mutex_lock(&drv_lock);
	list_del(&d->link);
	mutex_unlock(&drv_lock);
	cfg_unlock();
	kfree(d);
}
EXPORT_SYMBOL(drv_detach_site);

void drv_detach(const drvinfo_t *info)
{
	drv_detach_site(info, NULL, 0);
}
EXPORT_SYMBOL(drv_detach);

/* ---- the harness side: config subfunctions ------------------------------------- */

/* Board @key's driver (by CM_MODNAME).  drv_lock held. */
static struct drv_ent *board_drv(rm_key_t key)
{
	struct drv_ent *d;

	list_for_each_entry(d, &drvs, link)
		if (!d->going && ddi_rm_modname_is(key, d->name))
			return d;
	return NULL;
}

static const char *const cfg_names[] = {
	"CFG_ADD", "CFG_SUSPEND", "CFG_RESUME", "CFG_MODIFY", "CFG_REMOVE",
	"CFG_VERIFY"
};

/* svr5ddi_cfg - run config subfunction @func on board @key; see drvreg.h. */
int svr5ddi_cfg(unsigned int key, int func)
{
	struct drv_inst *i;
	struct drv_ent *d;
	int r;

	ddi_os_ready();
	if (func < SVR5DDI_CFG_ADD || func > SVR5DDI_CFG_VERIFY) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "svr5ddi_cfg: bad argument: key 0x%x: config subfunction %d",
			   key, func);
		return -EINVAL;
	}
	if (cfg_reentered(cfg_names[func], NULL, 0))
		return -EINVAL;
	cfg_lock();
	settle_locked();
	if (!ddi_rm_valid(key)) {
		r = -ENOENT;
		goto out;
	}
	mutex_lock(&drv_lock);
	d = board_drv(key);
	i = inst_find(key);
	mutex_unlock(&drv_lock);
	if (!d || !cfg_fn(d)) {
		r = -ENOENT;
		goto out;
	}
	switch (func) {
	case SVR5DDI_CFG_ADD:
		r = i ? -EEXIST : cfg_add(d, key);
		break;
	case SVR5DDI_CFG_VERIFY:
		r = cfg_fn(d)(CFG_VERIFY, NULL, key);
		break;
	case SVR5DDI_CFG_REMOVE:
		if (!i) {
			r = -ENOENT;
			break;
		}
		inst_quiesce(i);
		r = cfg_remove(i);
		break;
	default:	/* the hotplug subfunctions */
		if (!i) {
			r = -ENOENT;
			break;
		}
		if (!(d->info->drv_flags & D_HOT) ||
		    (func == SVR5DDI_CFG_SUSPEND && i->state != INST_ACTIVE) ||
		    (func == SVR5DDI_CFG_RESUME &&
		     i->state != INST_SUSPENDED)) {
			r = -EINVAL;
			break;
		}
		if (func == SVR5DDI_CFG_SUSPEND) {
			inst_quiesce(i);
			r = cfg_fn(d)(CFG_SUSPEND, i->idata, key);
			mutex_lock(&drv_lock);
			i->state = r ? i->prev_state : INST_SUSPENDED;
			mutex_unlock(&drv_lock);
		} else if (func == SVR5DDI_CFG_RESUME) {
			r = cfg_fn(d)(CFG_RESUME, i->idata, key);
			if (!r) {
				mutex_lock(&drv_lock);
				i->state = INST_ACTIVE;
				mutex_unlock(&drv_lock);
			}
		} else {
			r = cfg_fn(d)(CFG_MODIFY, i->idata, key);
		}
		break;
	}
out:
	cfg_unlock();
	return r;
}
EXPORT_SYMBOL(svr5ddi_cfg);

/* svr5ddi_inst_state - board @key's instance state.  Context: process. */
int svr5ddi_inst_state(unsigned int key)
{
	struct drv_inst *i;
	int st;

	svr5ddi_drv_settle();
	mutex_lock(&drv_lock);
	i = inst_find(key);
	st = i ? (i->state == INST_GOING ? i->prev_state : i->state)
	       : -ENOENT;
	mutex_unlock(&drv_lock);
	return st;
}
EXPORT_SYMBOL(svr5ddi_inst_state);

/* svr5ddi_drv_count - attached drivers.  Context: process. */
int svr5ddi_drv_count(void)
{
	struct drv_ent *d;
	int n = 0;

	svr5ddi_drv_settle();
	mutex_lock(&drv_lock);
	list_for_each_entry(d, &drvs, link)
		if (!d->going)
			n++;
	mutex_unlock(&drv_lock);
	return n;
}
EXPORT_SYMBOL(svr5ddi_drv_count);

/* svr5ddi_drv_name - the @idx-th attached driver's name. */
int svr5ddi_drv_name(unsigned int idx, char *buf, unsigned long len)
{
	struct drv_ent *d;
	int r = -ENOENT;

	svr5ddi_drv_settle();
	mutex_lock(&drv_lock);
	list_for_each_entry(d, &drvs, link) {
		if (d->going || idx--)
			continue;
		if (!buf || strlen(d->name) >= len)
			r = -ENOSPC;
		else
			r = (strscpy(buf, d->name, len), 0);
		break;
	}
	mutex_unlock(&drv_lock);
	return r;
}
EXPORT_SYMBOL(svr5ddi_drv_name);

/* svr5ddi_drv_instances - the keys of @name's instances. */
int svr5ddi_drv_instances(const char *name, unsigned int *keys,
			  unsigned int max)
{
	struct drv_inst *i;
	struct drv_ent *d;
	int n = 0;

	svr5ddi_drv_settle();
	mutex_lock(&drv_lock);
	d = drv_find(name);
	if (!d) {
		mutex_unlock(&drv_lock);
		return -ENOENT;
	}
	list_for_each_entry(i, &d->insts, link) {
		if (keys && (unsigned int)n < max)
			keys[n] = i->key;
		n++;
	}
	mutex_unlock(&drv_lock);
	return n;
}
EXPORT_SYMBOL(svr5ddi_drv_instances);

/* ---- the harness side: entry points ----------------------------------------------- */

struct call {
	struct drv_ent *d;
	struct drv_inst *i;		/* NULL: software-only driver */
	const drvops_t *ops;
	void *idata;
};

/* Take a reference on the instance (@key) or driver (@key 0). */
static int call_get(const char *drv, unsigned int key, unsigned int channel,
		    struct call *c)
{
	int r = 0;

	svr5ddi_drv_settle();
	memset(c, 0, sizeof(*c));
	mutex_lock(&drv_lock);
	if (key) {
		c->i = inst_find(key);
		if (!c->i || (drv && strcmp(c->i->drv->name, drv)))
			r = -ENOENT;
		else if (c->i->state == INST_SUSPENDED)
			r = -EBUSY;
		else if (c->i->state != INST_ACTIVE)
			r = -ENOENT;
		else
			c->d = c->i->drv;
	} else {
		c->d = drv_find(drv);
		if (!c->d || c->d->info->drv_ops->d_config)
			r = -ENOENT;
	}
	if (!r && channel > c->d->info->drv_maxchan)
		r = -EINVAL;
	if (!r) {
		if (c->i) {
			c->i->refs++;
			c->idata = c->i->idata;
		} else {
			c->d->refs++;
		}
		c->ops = c->d->info->drv_ops;
	}
	mutex_unlock(&drv_lock);
	return r;
}

static void call_put(struct call *c)
{
	mutex_lock(&drv_lock);
	if (c->i)
		c->i->refs--;
	else
		c->d->refs--;
	mutex_unlock(&drv_lock);
	wake_up_all(&drv_wq);
}

/* svr5ddi_open - d_open of an instance; see drvreg.h.  Context: process. */
int svr5ddi_open(const char *drv, unsigned int key, unsigned int *channelp,
		 int oflags, void *cred)
{
	channel_t ch;
	struct call c;
	int r;

	if (!channelp)
		return -EINVAL;
	r = call_get(drv, key, *channelp, &c);
	if (r)
		return r;
	ch = *channelp;
	r = c.ops->d_open ? c.ops->d_open(c.idata, &ch, oflags, cred, NULL)
			  : 0;
	*channelp = ch;
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_open);

int svr5ddi_close(const char *drv, unsigned int key, unsigned int channel,
		  int oflags, void *cred)
{
	struct call c;
	int r = call_get(drv, key, channel, &c);

	if (r)
		return r;
	r = c.ops->d_close ? c.ops->d_close(c.idata, channel, oflags, cred,
					    NULL) : 0;
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_close);

int svr5ddi_devinfo(const char *drv, unsigned int key, unsigned int channel,
		    int parm, void *valp)
{
	struct call c;
	int r = call_get(drv, key, channel, &c);

	if (r)
		return r;
	r = c.ops->d_devinfo ? c.ops->d_devinfo(c.idata, channel,
						(di_parm_t)parm, valp)
			     : -ENOSYS;
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_devinfo);

int svr5ddi_ioctl(const char *drv, unsigned int key, unsigned int channel,
		  int cmd, void *arg, int oflags, void *cred, int *rvalp)
{
	struct call c;
	int rval = 0;
	int r = call_get(drv, key, channel, &c);

	if (r)
		return r;
	r = c.ops->d_ioctl ? c.ops->d_ioctl(c.idata, channel, cmd, arg, oflags,
					    cred, &rval) : -ENOSYS;
	if (rvalp)
		*rvalp = rval;
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_ioctl);

int svr5ddi_biostart(const char *drv, unsigned int key, unsigned int channel,
		     void *bp)
{
	struct call c;
	int r = call_get(drv, key, channel, &c);

	if (r)
		return r;
	if (c.ops->d_biostart)
		c.ops->d_biostart(c.idata, channel, bp);
	else
		r = -ENOSYS;
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_biostart);

int svr5ddi_drvctl(const char *drv, unsigned int key, unsigned int channel,
		   int cmd, void *arg)
{
	struct call c;
	int r = call_get(drv, key, channel, &c);

	if (r)
		return r;
	r = c.ops->d_drvctl ? c.ops->d_drvctl(c.idata, channel, cmd, arg)
			    : -ENOSYS;
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_drvctl);

int svr5ddi_mmap(const char *drv, unsigned int key, unsigned int channel,
		 unsigned long off, int prot, unsigned long *ppid)
{
	struct call c;
	int r = call_get(drv, key, channel, &c);

	if (r)
		return r;
	if (c.ops->d_mmap) {
		ppid_t p = c.ops->d_mmap(c.idata, channel, off, prot);

		if (ppid)
			*ppid = p;
	} else {
		r = -ENOSYS;
	}
	call_put(&c);
	return r;
}
EXPORT_SYMBOL(svr5ddi_mmap);
