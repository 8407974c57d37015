/* SPDX-License-Identifier: MIT */
/*
 * confmgr.c - the resource-manager database and the configuration
 * manager calls drivers make on it: cm_getval, cm_addval, cm_delval,
 * cm_begin_trans/cm_end_trans/cm_abort_trans, cm_getnbrd/cm_getbrdkey,
 * cm_read_devconfig/cm_write_devconfig (<sys/confmgr.h>).
 *
 * Theory
 * ------
 * The database is a list of records (boards), in creation order, each a
 * key, a list of named parameters and an optional device configuration
 * space (the bytes cm_read_devconfig returns: PCI configuration space in
 * the kernel path, whatever the scenario gave in userspace).  A parameter
 * is an ordered list of values; a value is a byte string (the writer's
 * cm_vallen), so cm_num_t, cm_range_t and strings need no type tags.
 * Parameters set by the system as facts about the hardware (bus type,
 * board id, slot) are read-only to drivers.
 *
 * rm_lock (a spinlock taken with interrupts saved, so ddi_rm_memrange and
 * cm_read_devconfig work in any context) guards all of it: records,
 * values, the transaction list and each record's transaction counts.
 * Values are copied in and out under it; allocation happens before the
 * lock is taken, freeing after it is dropped.
 *
 * Transactions.  A transaction is (task, key, mode) on rm_txns.  A record
 * counts its pending RM_READ transactions and whether an RM_RDWR one is
 * pending; cm_begin_trans sleeps on rm_wq until it can join (RM_READ: no
 * writer; RM_RDWR: nobody), as the DDI 8 rule says.  Changes are applied
 * at once (readers are excluded while a writer is pending, so nobody sees
 * a half-done update); an RM_RDWR transaction keeps an undo log so that
 * cm_abort_trans can put the record back.  Calls from outside any
 * transaction are the pre-DDI 8 behaviour: one atomic access under
 * rm_lock.  The _site entry points, which <sys/confmgr.h> maps only DDI 8
 * drivers to, report such calls as misuse first.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/preempt.h>
#include <linux/export.h>
#include "drv_internal.h"

struct rm_val {
	struct rm_val *next;
	size_t len;
	unsigned char data[];
};

struct rm_param {
	struct rm_param *next;
	struct rm_val *vals;		/* in cm_n order */
	unsigned int nvals;
	bool ro;			/* read-only to drivers */
	char name[RM_MAXPARAMLEN];
};

struct rm_rec {
	struct list_head link;		/* rm_recs, creation order */
	rm_key_t key;
	struct rm_param *params;
	unsigned int readers;		/* pending RM_READ transactions */
	bool writer;			/* an RM_RDWR transaction pending */
	u8 *cfg;			/* device configuration space */
	size_t cfglen;
};

enum { UNDO_ADD, UNDO_DEL };

struct rm_undo {
	struct rm_undo *next;		/* newest first */
	int op;
	char name[RM_MAXPARAMLEN];
	struct rm_val *vals;		/* UNDO_DEL: the values taken away */
	unsigned int nvals;
	bool ro;
};

struct rm_txn {
	struct list_head link;		/* rm_txns */
	struct task_struct *task;
	rm_key_t key;
	int mode;
	struct rm_undo *undo;		/* RM_RDWR only */
};

static DEFINE_SPINLOCK(rm_lock);
static LIST_HEAD(rm_recs);
static LIST_HEAD(rm_txns);
static DECLARE_WAIT_QUEUE_HEAD(rm_wq);
static rm_key_t rm_last_key;

/* ---- lookup (rm_lock held) ------------------------------------------------ */

static struct rm_rec *rec_find(rm_key_t key)
{
	struct rm_rec *r;

	if (key == RM_NULL_KEY || key == RM_KEY)
		return NULL;
	list_for_each_entry(r, &rm_recs, link)
		if (r->key == key)
			return r;
	return NULL;
}

static struct rm_param *param_find(struct rm_rec *r, const char *name)
{
	struct rm_param *p;

	for (p = r->params; p; p = p->next)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static struct rm_txn *txn_find(struct task_struct *t, rm_key_t key)
{
	struct rm_txn *x;

	list_for_each_entry(x, &rm_txns, link)
		if (x->task == t && (key == RM_NULL_KEY || x->key == key))
			return x;
	return NULL;
}

static bool name_ok(const char *name)
{
	return name && name[0] && strnlen(name, RM_MAXPARAMLEN) < RM_MAXPARAMLEN;
}

static void vals_free(struct rm_val *v)
{
	while (v) {
		struct rm_val *n = v->next;

		kfree(v);
		v = n;
	}
}

/* Unlink the last value of @p (undo of an add); returns it. */
static struct rm_val *param_pop(struct rm_param *p)
{
	struct rm_val **pp = &p->vals;

	if (!*pp)
		return NULL;
	while ((*pp)->next)
		pp = &(*pp)->next;
	p->nvals--;
	{
		struct rm_val *v = *pp;

		*pp = NULL;
		return v;
	}
}

static void param_append(struct rm_param *p, struct rm_val *v)
{
	struct rm_val **pp = &p->vals;

	while (*pp)
		pp = &(*pp)->next;
	v->next = NULL;
	*pp = v;
	p->nvals++;
}

/* ---- the store (any caller) --------------------------------------------------- */

/*
 * Append @val to (@key, @param).  @np is a preallocated parameter used
 * if the parameter is new, @v the value node; both are consumed (set to
 * NULL) when used.  rm_lock held.
 */
static int store_add(struct rm_rec *r, const char *param, bool ro,
		     struct rm_param **np, struct rm_val **v)
{
	struct rm_param *p = param_find(r, param);

	if (!p) {
		p = *np;
		*np = NULL;
		strscpy(p->name, param, sizeof(p->name));
		p->ro = ro;
		p->next = r->params;
		r->params = p;
	} else if (p->nvals >= DDI_RM_MAXVALS) {
		return -ENOSPC;
	}
	if (ro)
		p->ro = true;
	param_append(p, *v);
	*v = NULL;
	return 0;
}

static struct rm_val *val_new(const void *val, size_t len, gfp_t gfp)
{
	struct rm_val *v = kmalloc(sizeof(*v) + len, gfp);

	if (v) {
		v->next = NULL;
		v->len = len;
		memcpy(v->data, val, len);
	}
	return v;
}

/**
 * ddi_rm_add - append a value to (@key, @param), bypassing transactions
 * and the read-only rule (the system's side: harness, kernel glue).
 * @ro: mark the parameter read-only to drivers.
 * Context: process (allocates with GFP_KERNEL).
 */
int ddi_rm_add(rm_key_t key, const char *param, const void *val,
	       size_t len, bool ro)
{
	struct rm_param *np;
	struct rm_val *v;
	struct rm_rec *r;
	unsigned long flags;
	int ret;

	if (!name_ok(param) || !val || !len || len > DDI_RM_MAXVAL)
		return -EINVAL;
	np = kzalloc(sizeof(*np), GFP_KERNEL);
	v = val_new(val, len, GFP_KERNEL);
	if (!np || !v) {
		kfree(np);
		kfree(v);
		return -ENOMEM;
	}
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	ret = r ? store_add(r, param, ro, &np, &v) : -ENOENT;
	spin_unlock_irqrestore(&rm_lock, flags);
	kfree(np);
	kfree(v);
	return ret;
}

/* Copy the @n-th value out; rm_lock held. */
static int store_get(struct rm_rec *r, const char *param, unsigned int n,
		     void *buf, size_t *lenp)
{
	struct rm_param *p = param_find(r, param);
	struct rm_val *v;

	if (!p)
		return -ENOENT;
	for (v = p->vals; v && n; v = v->next)
		n--;
	if (!v)
		return -ENOENT;
	if (*lenp < v->len || (!buf && v->len)) {
		*lenp = v->len;
		return -ENOSPC;
	}
	memcpy(buf, v->data, v->len);
	*lenp = v->len;
	return 0;
}

/* ddi_rm_get - copy the @n-th value of (@key, @param).  Context: any. */
int ddi_rm_get(rm_key_t key, const char *param, unsigned int n,
	       void *buf, size_t *lenp)
{
	unsigned long flags;
	struct rm_rec *r;
	int ret;

	if (!name_ok(param) || !lenp)
		return -EINVAL;
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	ret = r ? store_get(r, param, n, buf, lenp) : -ENOENT;
	spin_unlock_irqrestore(&rm_lock, flags);
	return ret;
}

/* ddi_rm_num - the @n-th value of a numeric parameter.  Context: any. */
int ddi_rm_num(rm_key_t key, const char *param, unsigned int n,
	       cm_num_t *val)
{
	size_t len = sizeof(*val);
	int ret = ddi_rm_get(key, param, n, val, &len);

	if (!ret && len != sizeof(*val))
		ret = -EINVAL;
	return ret;
}

/* Detach all values of @p, returning them; rm_lock held. */
static struct rm_val *param_take(struct rm_param *p)
{
	struct rm_val *v = p->vals;

	p->vals = NULL;
	p->nvals = 0;
	return v;
}

/* ddi_rm_clear - delete every value of (@key, @param).  Context: any. */
int ddi_rm_clear(rm_key_t key, const char *param)
{
	struct rm_val *gone = NULL;
	struct rm_param *p;
	unsigned long flags;
	struct rm_rec *r;
	int ret = 0;

	if (!name_ok(param))
		return -EINVAL;
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	if (!r)
		ret = -ENOENT;
	else if (!(p = param_find(r, param)) || !p->nvals)
		ret = -ENOENT;
	else
		gone = param_take(p);
	spin_unlock_irqrestore(&rm_lock, flags);
	vals_free(gone);
	return ret;
}

/**
 * ddi_rm_newkey - make an empty record; its key in *@keyp.
 * Context: process.
 */
int ddi_rm_newkey(rm_key_t *keyp)
{
	struct rm_rec *r = kzalloc(sizeof(*r), GFP_KERNEL);
	unsigned long flags;

	if (!r)
		return -ENOMEM;
	spin_lock_irqsave(&rm_lock, flags);
	do {
		rm_last_key++;
	} while (rm_last_key == RM_NULL_KEY || rm_last_key == RM_KEY ||
		 rec_find(rm_last_key));
	r->key = rm_last_key;
	list_add_tail(&r->link, &rm_recs);
	spin_unlock_irqrestore(&rm_lock, flags);
	*keyp = r->key;
	return 0;
}

static void rec_free(struct rm_rec *r)
{
	while (r->params) {
		struct rm_param *p = r->params;

		r->params = p->next;
		vals_free(p->vals);
		kfree(p);
	}
	kfree(r->cfg);
	kfree(r);
}

/**
 * ddi_rm_delkey - delete a record and everything in it.  -ENOENT: no such
 * record; -EBUSY: a transaction is pending on it.  Whether a driver still
 * uses it is the caller's business (ddi_drv_key_busy).  Context: process.
 */
int ddi_rm_delkey(rm_key_t key)
{
	unsigned long flags;
	struct rm_rec *r;
	int ret = 0;

	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	if (!r)
		ret = -ENOENT;
	else if (r->readers || r->writer)
		ret = -EBUSY;
	else
		list_del(&r->link);
	spin_unlock_irqrestore(&rm_lock, flags);
	if (!ret)
		rec_free(r);
	return ret;
}

/* ddi_rm_valid - does the record exist?  Context: any. */
bool ddi_rm_valid(rm_key_t key)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&rm_lock, flags);
	ok = rec_find(key) != NULL;
	spin_unlock_irqrestore(&rm_lock, flags);
	return ok;
}

/* ddi_rm_next - the next key in creation order.  Context: any. */
rm_key_t ddi_rm_next(rm_key_t after)
{
	struct list_head *pos = &rm_recs;
	unsigned long flags;
	rm_key_t key = RM_NULL_KEY;

	spin_lock_irqsave(&rm_lock, flags);
	if (after != RM_NULL_KEY) {
		struct rm_rec *r = rec_find(after);

		pos = r ? &r->link : NULL;
	}
	if (pos && pos->next != &rm_recs)
		key = list_entry(pos->next, struct rm_rec, link)->key;
	spin_unlock_irqrestore(&rm_lock, flags);
	return key;
}

/* rm_lock held: does the record's first CM_MODNAME value equal @name? */
static bool rec_modname_is(struct rm_rec *r, const char *name)
{
	struct rm_param *p = param_find(r, CM_MODNAME);

	return p && p->vals && strnlen(name, p->vals->len) < p->vals->len &&
	       !strcmp((const char *)p->vals->data, name);
}

/* ddi_rm_modname_is - is @key a board for driver @name?  Context: any. */
bool ddi_rm_modname_is(rm_key_t key, const char *name)
{
	unsigned long flags;
	struct rm_rec *r;
	bool ok;

	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	ok = r && name && rec_modname_is(r, name);
	spin_unlock_irqrestore(&rm_lock, flags);
	return ok;
}

/* ddi_rm_set_devconfig - set the record's configuration space. */
int ddi_rm_set_devconfig(rm_key_t key, const void *buf, size_t len)
{
	u8 *copy = NULL, *old = NULL;
	unsigned long flags;
	struct rm_rec *r;
	int ret = 0;

	if (len > DDI_RM_MAXCFG || (len && !buf))
		return -EINVAL;
	if (len) {
		copy = kmemdup(buf, len, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
	}
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	if (!r) {
		ret = -ENOENT;
		old = copy;
	} else {
		old = r->cfg;
		r->cfg = copy;
		r->cfglen = len;
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	kfree(old);
	return ret;
}

/**
 * ddi_rm_memrange - the @idx-th CM_MEMADDR range of board @key: its first
 * address in *@start and its length in *@len.  0, or -ENOENT (no such
 * board or range, or a malformed value).  Context: any.
 */
int ddi_rm_memrange(unsigned long key, unsigned int idx, u64 *start,
		    u64 *len)
{
	cm_range_t rng;
	size_t n = sizeof(rng);

	ddi_os_ready();
	if (key > (rm_key_t)~0U ||
	    ddi_rm_get((rm_key_t)key, CM_MEMADDR, idx, &rng, &n) ||
	    n != sizeof(rng) || rng.endaddr < rng.startaddr)
		return -ENOENT;
	*start = rng.startaddr;
	*len = (u64)(rng.endaddr - rng.startaddr) + 1;
	return 0;
}

/* ddi_rm_in_trans - has the calling task a transaction pending? */
bool ddi_rm_in_trans(void)
{
	unsigned long flags;
	bool in;

	spin_lock_irqsave(&rm_lock, flags);
	in = txn_find(current, RM_NULL_KEY) != NULL;
	spin_unlock_irqrestore(&rm_lock, flags);
	return in;
}

/* ---- driver-facing calls ------------------------------------------------------ */

#define KEYFMT	"key 0x%x"

/*
 * The transaction rule for a DDI 8 call (the _site entry points): the
 * caller must have a transaction on the key (RM_RDWR for updates).
 * Reports and returns; the access goes on atomically either way.
 */
static void check_trans(const char *call, const cm_args_t *args, bool rdwr,
			const char *file, int line)
{
	unsigned long flags;
	struct rm_txn *x;
	bool ok;

	spin_lock_irqsave(&rm_lock, flags);
	x = txn_find(current, args->cm_key);
	ok = x && (!rdwr || x->mode == RM_RDWR);
	spin_unlock_irqrestore(&rm_lock, flags);
	if (!ok)
		ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
			   "%s: lock not held: " KEYFMT " param \"%.15s\": no %stransaction pending at %s",
			   call, args->cm_key, args->cm_param,
			   rdwr ? "RM_RDWR " : "", DDI_SITE(file, line));
}

static bool args_ok(const cm_args_t *args)
{
	return args && name_ok(args->cm_param);
}

/**
 * cm_getval - copy the cm_n-th value of (cm_key, cm_param) into cm_val.
 * Returns 0, EINVAL, ENOENT or ENOSPC; sets cm_vallen on 0 and ENOSPC.
 * Context: any (SCO: blockable); never sleeps.  Pre-DDI 8 semantics: a
 * call without a transaction is one atomic access.
 */
int cm_getval(cm_args_t *args)
{
	unsigned long flags;
	struct rm_rec *r;
	size_t len;
	int ret;

	ddi_os_ready();
	if (!args_ok(args))
		return EINVAL;
	len = args->cm_vallen;
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(args->cm_key);
	ret = r ? store_get(r, args->cm_param, args->cm_n, args->cm_val, &len)
		: -EINVAL;
	spin_unlock_irqrestore(&rm_lock, flags);
	if (!ret || ret == -ENOSPC)
		args->cm_vallen = len;
	return -ret;
}
EXPORT_SYMBOL(cm_getval);

/* cm_getval_site - cm_getval of a DDI 8 driver: also checks that the
 * caller has a transaction on the key.  Context: as cm_getval. */
int cm_getval_site(cm_args_t *args, const char *file, int line)
{
	ddi_os_ready();
	if (args_ok(args) && ddi_rm_valid(args->cm_key))
		check_trans("cm_getval", args, false, file, line);
	return cm_getval(args);
}
EXPORT_SYMBOL(cm_getval_site);

/* Record an undo entry for the caller's RM_RDWR transaction on @key (if
 * any); @u is preallocated and consumed (set to NULL) when used; true
 * then.  rm_lock held. */
static bool undo_push(rm_key_t key, struct rm_undo **u, int op,
		      const char *name, struct rm_val *vals,
		      unsigned int nvals, bool ro)
{
	struct rm_txn *x = txn_find(current, key);

	if (!x || x->mode != RM_RDWR || !*u)
		return false;
	(*u)->op = op;
	strscpy((*u)->name, name, sizeof((*u)->name));
	(*u)->vals = vals;
	(*u)->nvals = nvals;
	(*u)->ro = ro;
	(*u)->next = x->undo;
	x->undo = *u;
	*u = NULL;
	return true;
}

/**
 * cm_addval - append cm_val (cm_vallen bytes) to (cm_key, cm_param).
 * Returns 0, EINVAL (bad arguments, read-only parameter), ENOSPC (too
 * many values or too long a value for the database), ENOMEM.
 * Context: process; may sleep.
 */
int cm_addval(cm_args_t *args)
{
	struct rm_param *np = NULL, *p;
	struct rm_undo *u = NULL;
	struct rm_val *v = NULL;
	unsigned long flags;
	struct rm_rec *r;
	int ret;

	ddi_os_ready();
	if (!args_ok(args) || !args->cm_vallen || !args->cm_val)
		return EINVAL;
	if (args->cm_vallen > DDI_RM_MAXVAL)
		return ENOSPC;
	might_sleep();
	np = kzalloc(sizeof(*np), GFP_KERNEL);
	v = val_new(args->cm_val, args->cm_vallen, GFP_KERNEL);
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!np || !v || !u) {
		ret = -ENOMEM;
		goto out;
	}
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(args->cm_key);
	p = r ? param_find(r, args->cm_param) : NULL;
	if (!r || (p && p->ro)) {
		ret = -EINVAL;
	} else {
		ret = store_add(r, args->cm_param, false, &np, &v);
		if (!ret)
			undo_push(r->key, &u, UNDO_ADD, args->cm_param, NULL,
				  0, false);
	}
	spin_unlock_irqrestore(&rm_lock, flags);
out:
	kfree(np);
	kfree(v);
	kfree(u);
	return -ret;
}
EXPORT_SYMBOL(cm_addval);

/* cm_addval_site - cm_addval of a DDI 8 driver: also checks that the
 * caller has an RM_RDWR transaction on the key. */
int cm_addval_site(cm_args_t *args, const char *file, int line)
{
	ddi_os_ready();
	if (args_ok(args) && ddi_rm_valid(args->cm_key))
		check_trans("cm_addval", args, true, file, line);
	return cm_addval(args);
}
EXPORT_SYMBOL(cm_addval_site);

/**
 * cm_delval - delete every value of (cm_key, cm_param).  Returns 0,
 * EINVAL (bad arguments, read-only parameter) or ENOENT (no value).
 * Context: process; may sleep.
 */
int cm_delval(cm_args_t *args)
{
	struct rm_undo *u = NULL;
	struct rm_val *gone = NULL;
	struct rm_param *p;
	unsigned long flags;
	struct rm_rec *r;
	int ret = 0;

	ddi_os_ready();
	if (!args_ok(args))
		return EINVAL;
	might_sleep();
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(args->cm_key);
	p = r ? param_find(r, args->cm_param) : NULL;
	if (!r || (p && p->ro)) {
		ret = EINVAL;
	} else if (!p || !p->nvals) {
		ret = ENOENT;
	} else {
		unsigned int n = p->nvals;

		gone = param_take(p);
		if (undo_push(r->key, &u, UNDO_DEL, p->name, gone, n, p->ro))
			gone = NULL;	/* kept by the undo log */
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	vals_free(gone);
	kfree(u);
	return ret;
}
EXPORT_SYMBOL(cm_delval);

/* cm_delval_site - cm_delval of a DDI 8 driver, with the RM_RDWR check. */
int cm_delval_site(cm_args_t *args, const char *file, int line)
{
	ddi_os_ready();
	if (args_ok(args) && ddi_rm_valid(args->cm_key))
		check_trans("cm_delval", args, true, file, line);
	return cm_delval(args);
}
EXPORT_SYMBOL(cm_delval_site);

/* ---- transactions --------------------------------------------------------------- */

/* Join record @key in @mode if the rule allows now; true when joined (or
 * when the record vanished: the caller then holds nothing).  Used as a
 * wait_event condition. */
static bool txn_try_join(struct rm_txn *x, bool *gone)
{
	unsigned long flags;
	struct rm_rec *r;
	bool ok = false;

	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(x->key);
	if (!r) {
		*gone = true;
		ok = true;
	} else if (x->mode == RM_READ ? !r->writer
				      : !r->writer && !r->readers) {
		if (x->mode == RM_READ)
			r->readers++;
		else
			r->writer = true;
		list_add_tail(&x->link, &rm_txns);
		ok = true;
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	return ok;
}

/**
 * cm_begin_trans_site - begin a transaction on record @key in @mode
 * (RM_READ or RM_RDWR), waiting as the DDI 8 rule requires.  A bad key
 * begins nothing (the calls that follow then fail with EINVAL).
 * Context: process (blockable); no transaction pending in the caller.
 */
void cm_begin_trans_site(rm_key_t key, int mode, const char *file, int line)
{
	struct rm_txn *x, *held;
	unsigned long flags;
	bool gone = false;

	ddi_os_ready();
	if (mode != RM_READ && mode != RM_RDWR) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "cm_begin_trans: bad argument: " KEYFMT ": mode %d at %s",
			   key, mode, DDI_SITE(file, line));
		return;
	}
	if (in_interrupt() || !preemptible()) {
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "cm_begin_trans: wrong context: " KEYFMT ": in interrupt or atomic context at %s",
			   key, DDI_SITE(file, line));
		return;
	}
	spin_lock_irqsave(&rm_lock, flags);
	held = txn_find(current, RM_NULL_KEY);
	spin_unlock_irqrestore(&rm_lock, flags);
	if (held) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_RECURSION,
			   "cm_begin_trans: recursive lock: " KEYFMT ": transaction on key 0x%x already pending at %s",
			   key, held->key, DDI_SITE(file, line));
		return;
	}
	if (!ddi_rm_valid(key))
		return;
	x = kzalloc(sizeof(*x), GFP_KERNEL | __GFP_NOFAIL);
	x->task = current;
	x->key = key;
	x->mode = mode;
	wait_event(rm_wq, txn_try_join(x, &gone));
	if (gone)
		kfree(x);
}
EXPORT_SYMBOL(cm_begin_trans_site);

/* cm_begin_trans - as cm_begin_trans_site with an unknown site. */
void cm_begin_trans(rm_key_t key, int mode)
{
	cm_begin_trans_site(key, mode, NULL, 0);
}
EXPORT_SYMBOL(cm_begin_trans);

/* Leave the caller's transaction on @key; returns it (unlinked), or NULL. */
static struct rm_txn *txn_leave(rm_key_t key)
{
	unsigned long flags;
	struct rm_txn *x;
	struct rm_rec *r;

	spin_lock_irqsave(&rm_lock, flags);
	x = txn_find(current, key);
	if (x) {
		list_del(&x->link);
		r = rec_find(key);
		if (r) {
			if (x->mode == RM_READ)
				r->readers--;
			else
				r->writer = false;
		}
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	if (x)
		wake_up_all(&rm_wq);
	return x;
}

static void undo_free(struct rm_undo *u)
{
	while (u) {
		struct rm_undo *n = u->next;

		vals_free(u->vals);
		kfree(u);
		u = n;
	}
}

/**
 * cm_end_trans_site - end the caller's transaction on @key, making its
 * changes final.  Context: process.
 */
void cm_end_trans_site(rm_key_t key, const char *file, int line)
{
	struct rm_txn *x;

	ddi_os_ready();
	x = txn_leave(key);
	if (!x) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
			   "cm_end_trans: lock not held: " KEYFMT ": no transaction pending at %s",
			   key, DDI_SITE(file, line));
		return;
	}
	undo_free(x->undo);
	kfree(x);
}
EXPORT_SYMBOL(cm_end_trans_site);

void cm_end_trans(rm_key_t key)
{
	cm_end_trans_site(key, NULL, 0);
}
EXPORT_SYMBOL(cm_end_trans);

/**
 * cm_abort_trans - end the caller's transaction on @key, undoing every
 * cm_addval and cm_delval it made.  Context: process.
 */
void cm_abort_trans(rm_key_t key)
{
	struct rm_val *drop = NULL;
	struct rm_undo *u, *done;
	unsigned long flags;
	struct rm_txn *x;
	struct rm_rec *r;

	ddi_os_ready();
	spin_lock_irqsave(&rm_lock, flags);
	x = txn_find(current, key);
	r = x ? rec_find(key) : NULL;
	done = x ? x->undo : NULL;
	if (x)
		x->undo = NULL;
	for (u = done; r && u; u = u->next) {
		struct rm_param *p = param_find(r, u->name);

		if (!p)
			continue;
		if (u->op == UNDO_ADD) {
			struct rm_val *v = param_pop(p);

			if (v) {
				v->next = drop;
				drop = v;
			}
		} else {
			struct rm_val *v = u->vals;

			u->vals = NULL;
			while (v) {
				struct rm_val *n = v->next;

				param_append(p, v);
				v = n;
			}
		}
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	vals_free(drop);
	undo_free(done);
	x = txn_leave(key);
	if (!x) {
		ddi_misuse(SVR5DDI_MISUSE_LOCK_NOT_HELD,
			   "cm_abort_trans: lock not held: " KEYFMT ": no transaction pending at %s",
			   key, DDI_SITE(NULL, 0));
		return;
	}
	kfree(x);
}
EXPORT_SYMBOL(cm_abort_trans);

/* ---- boards by driver name (before DDI 8) ------------------------------------ */

/**
 * cm_getnbrd - how many records name @modname in CM_MODNAME.
 * Context: any; never sleeps.
 */
int cm_getnbrd(char *modname)
{
	unsigned long flags;
	struct rm_rec *r;
	int n = 0;

	ddi_os_ready();
	if (!modname)
		return 0;
	spin_lock_irqsave(&rm_lock, flags);
	list_for_each_entry(r, &rm_recs, link)
		if (rec_modname_is(r, modname))
			n++;
	spin_unlock_irqrestore(&rm_lock, flags);
	return n;
}
EXPORT_SYMBOL(cm_getnbrd);

/**
 * cm_getbrdkey - the key of the @relbrd-th (from 0, in creation order)
 * record for @modname, or RM_NULL_KEY.  Context: any; never sleeps.
 */
rm_key_t cm_getbrdkey(char *modname, int relbrd)
{
	rm_key_t key = RM_NULL_KEY;
	unsigned long flags;
	struct rm_rec *r;

	ddi_os_ready();
	if (!modname || relbrd < 0)
		return RM_NULL_KEY;
	spin_lock_irqsave(&rm_lock, flags);
	list_for_each_entry(r, &rm_recs, link) {
		if (rec_modname_is(r, modname) && relbrd-- == 0) {
			key = r->key;
			break;
		}
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	return key;
}
EXPORT_SYMBOL(cm_getbrdkey);

/* ---- device configuration space ------------------------------------------------- */

static int devconfig_rw(const char *call, rm_key_t key, size_t off,
			void *buf, size_t n, bool wr, const char *file,
			int line)
{
	unsigned long flags;
	struct rm_rec *r;
	int ret;

	ddi_os_ready();
	if (ddi_rm_in_trans())
		ddi_misuse(SVR5DDI_MISUSE_WRONG_CONTEXT,
			   "%s: wrong context: " KEYFMT ": transaction pending at %s",
			   call, key, DDI_SITE(file, line));
	if (!buf && n)
		return -1;
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	if (!r || !r->cfg || off > r->cfglen || n > r->cfglen - off ||
	    n > 0x7fffffffUL) {
		ret = -1;
	} else {
		if (wr)
			memcpy(r->cfg + off, buf, n);
		else
			memcpy(buf, r->cfg + off, n);
		ret = (int)n;
	}
	spin_unlock_irqrestore(&rm_lock, flags);
	return ret;
}

/**
 * cm_read_devconfig_site - copy @n bytes at @off of board @key's
 * configuration space into @buf.  Returns @n, or -1 (bad key, no
 * configuration space, range outside it).  Context: any; the caller must
 * have no transaction pending.
 */
int cm_read_devconfig_site(rm_key_t key, size_t off, void *buf, size_t n,
			   const char *file, int line)
{
	return devconfig_rw("cm_read_devconfig", key, off, buf, n, false,
			    file, line);
}
EXPORT_SYMBOL(cm_read_devconfig_site);

int cm_read_devconfig(rm_key_t key, size_t off, void *buf, size_t n)
{
	return cm_read_devconfig_site(key, off, buf, n, NULL, 0);
}
EXPORT_SYMBOL(cm_read_devconfig);

/* cm_write_devconfig_site - the write direction of the above. */
int cm_write_devconfig_site(rm_key_t key, size_t off, void *buf, size_t n,
			    const char *file, int line)
{
	return devconfig_rw("cm_write_devconfig", key, off, buf, n, true,
			    file, line);
}
EXPORT_SYMBOL(cm_write_devconfig_site);

int cm_write_devconfig(rm_key_t key, size_t off, void *buf, size_t n)
{
	return cm_write_devconfig_site(key, off, buf, n, NULL, 0);
}
EXPORT_SYMBOL(cm_write_devconfig);

/* cm_devconfig_size - size of board @key's configuration space (0: none). */
size_t cm_devconfig_size(rm_key_t key)
{
	unsigned long flags;
	struct rm_rec *r;
	size_t n;

	ddi_os_ready();
	spin_lock_irqsave(&rm_lock, flags);
	r = rec_find(key);
	n = r ? r->cfglen : 0;
	spin_unlock_irqrestore(&rm_lock, flags);
	return n;
}
EXPORT_SYMBOL(cm_devconfig_size);
