/* SPDX-License-Identifier: MIT */
/*
 * devmodel.c - the core of the device models: the type registry, the
 * machine (the devices of one run), parameter parsing, counters, events
 * and interrupt raising.  The models themselves are i8237.c, isadisk.c
 * and busmaster.c.
 *
 * Theory: a machine is a singly linked list of instances in creation
 * order, except that implicit devices (the i8237 an isa-disk creates when
 * the scenario declares none) go first: teardown runs from the tail, so
 * users are detached and destroyed before the devices they use.  The list and
 * the machine's event counts are protected by m->lock; instances are
 * created and destroyed only by the tool's main thread, so lookups from
 * model threads (dm_find_peer at attach) see a stable list.  Reports are
 * serialised by m->report_lock, so the tool's callback need not be
 * thread-safe.  Interrupts are raised through the machine's hook
 * (default compat_irq_assert) only from dm_unlock(), with no model lock
 * held.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/printk.h>
#include <linux/mm.h>
#include <svr5compat/context.h>
#include "devmodel_impl.h"

struct devmodel_machine {
	pthread_mutex_t lock;		/* list, events */
	pthread_mutex_t report_lock;	/* serialises the callback */
	struct devmodel *devices;
	devmodel_report_fn report;
	void *report_arg;
	devmodel_irq_fn irq_fn;
	void *irq_arg;
	unsigned long events[DEVMODEL_NR_KINDS];
};

const struct devmodel_type *const devmodel_types[] = {
	&i8237_type,
	&isadisk_type,
	&bmnic_type,
	NULL
};

const struct devmodel_type *devmodel_type_find(const char *name)
{
	unsigned int i;

	if (!name)
		return NULL;
	for (i = 0; devmodel_types[i]; i++)
		if (!strcmp(devmodel_types[i]->name, name))
			return devmodel_types[i];
	return NULL;
}

void dm_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ---- the machine ---- */

static int default_irq(unsigned int irq, void *arg)
{
	return compat_irq_assert(irq);
}

struct devmodel_machine *devmodel_machine_create(devmodel_report_fn report,
						 void *arg)
{
	struct devmodel_machine *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	pthread_mutex_init(&m->lock, NULL);
	pthread_mutex_init(&m->report_lock, NULL);
	m->report = report;
	m->report_arg = arg;
	m->irq_fn = default_irq;
	return m;
}

void devmodel_machine_destroy(struct devmodel_machine *m)
{
	struct devmodel *dm, *last;

	if (!m)
		return;
	/* detach everything, users (created later) first */
	for (;;) {
		last = NULL;
		for (dm = m->devices; dm; dm = dm->next)
			if (dm->attached)
				last = dm;
		if (!last)
			break;
		devmodel_detach(last);
	}
	while (m->devices) {
		for (last = m->devices; last->next; last = last->next)
			;
		devmodel_destroy(last);
	}
	pthread_mutex_destroy(&m->lock);
	pthread_mutex_destroy(&m->report_lock);
	free(m);
}

void devmodel_machine_set_irq_hook(struct devmodel_machine *m,
				   devmodel_irq_fn fn, void *arg)
{
	pthread_mutex_lock(&m->lock);
	m->irq_fn = fn ? fn : default_irq;
	m->irq_arg = fn ? arg : NULL;
	pthread_mutex_unlock(&m->lock);
}

unsigned long devmodel_machine_events(struct devmodel_machine *m,
				      enum devmodel_event_kind kind)
{
	unsigned long n;

	if (kind >= DEVMODEL_NR_KINDS)
		return 0;
	pthread_mutex_lock(&m->lock);
	n = m->events[kind];
	pthread_mutex_unlock(&m->lock);
	return n;
}

void devmodel_machine_sync(struct devmodel_machine *m)
{
	struct devmodel *dm;

	for (dm = m->devices; dm; dm = dm->next)
		if (dm->attached && dm->type->ops->sync)
			dm->type->ops->sync(dm);
	compat_irq_sync();
}

/* ---- parameters ---- */

bool dm_parse_u64(const char *s, bool size, uint64_t *out)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	if (size && *end) {
		switch (*end) {
		case 'k': case 'K':
			shift = 10;
			break;
		case 'm': case 'M':
			shift = 20;
			break;
		case 'g': case 'G':
			shift = 30;
			break;
		default:
			return false;
		}
		end++;
	}
	if (*end)
		return false;
	if (shift && v > (~0ULL >> shift))
		return false;
	*out = (uint64_t)v << shift;
	return true;
}

static int param_index(const struct devmodel_type *type, const char *key)
{
	int i;

	for (i = 0; type->params[i].key; i++)
		if (!strcmp(type->params[i].key, key))
			return i;
	return -1;
}

const char *dm_param(struct devmodel *dm, const char *key)
{
	int i = param_index(dm->type, key);

	return i < 0 ? NULL : dm->values[i];
}

int dm_param_u64(struct devmodel *dm, const char *key, uint64_t min,
		 uint64_t max, bool size, uint64_t *out, char *err,
		 size_t errlen)
{
	const char *s = dm_param(dm, key);

	if (!s || !dm_parse_u64(s, size, out)) {
		dm_errf(err, errlen, "%s: %s=%s: not a %s", dm->name, key,
			s ? s : "", size ? "size" : "number");
		return -EINVAL;
	}
	if (*out < min || *out > max) {
		dm_errf(err, errlen,
			"%s: %s=%s: out of range (%#llx..%#llx)", dm->name,
			key, s, (unsigned long long)min,
			(unsigned long long)max);
		return -EINVAL;
	}
	return 0;
}

int dm_param_choice(struct devmodel *dm, const char *key,
		    const char *const *choices, char *err, size_t errlen)
{
	const char *s = dm_param(dm, key);
	char list[128] = "";
	int i;

	for (i = 0; s && choices[i]; i++)
		if (!strcmp(choices[i], s))
			return i;
	for (i = 0; choices[i]; i++) {
		if (i)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, choices[i], sizeof(list) - strlen(list) - 1);
	}
	dm_errf(err, errlen, "%s: %s=%s: expected one of %s", dm->name, key,
		s ? s : "", list);
	return -EINVAL;
}

static void list_keys(const struct devmodel_type *type, char *buf,
		      size_t size)
{
	int i;

	buf[0] = 0;
	for (i = 0; type->params[i].key; i++) {
		if (i)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, type->params[i].key, size - strlen(buf) - 1);
	}
}

/* ---- instances ---- */

static bool name_taken(struct devmodel_machine *m, const char *name)
{
	struct devmodel *dm;

	for (dm = m->devices; dm; dm = dm->next)
		if (!strcmp(dm->name, name))
			return true;
	return false;
}

static void free_instance(struct devmodel *dm)
{
	const struct devmodel_param *p;
	unsigned int i;

	if (dm->values) {
		for (i = 0, p = dm->type->params; p[i].key; i++)
			free((char *)dm->values[i]);
		free(dm->values);
	}
	free(dm->priv);
	pthread_mutex_destroy(&dm->lock);
	free(dm);
}

static struct devmodel *create(struct devmodel_machine *m, const char *type,
			       const char *name,
			       const struct devmodel_kv *kv, size_t nkv,
			       bool first, char *err, size_t errlen)
{
	const struct devmodel_type *t = devmodel_type_find(type);
	struct devmodel *dm, **pp;
	unsigned int nparams, i;
	char keys[256];
	int idx;

	if (err && errlen)
		err[0] = 0;
	if (!t) {
		char types[128] = "";

		for (i = 0; devmodel_types[i]; i++) {
			if (i)
				strcat(types, ", ");
			strcat(types, devmodel_types[i]->name);
		}
		dm_errf(err, errlen, "unknown device type \"%s\" (known: %s)",
			type ? type : "", types);
		return NULL;
	}
	dm = calloc(1, sizeof(*dm));
	if (!dm) {
		dm_errf(err, errlen, "%s: out of memory", t->name);
		return NULL;
	}
	pthread_mutex_init(&dm->lock, NULL);
	dm->machine = m;
	dm->type = t;
	if (name) {
		if (!*name || strlen(name) >= DEVMODEL_NAME_MAX) {
			dm_errf(err, errlen, "%s: bad device name \"%s\"",
				t->name, name);
			goto fail;
		}
		if (name_taken(m, name)) {
			dm_errf(err, errlen, "device name \"%s\" already used",
				name);
			goto fail;
		}
		strcpy(dm->name, name);
	} else {
		snprintf(dm->name, sizeof(dm->name), "%s", t->name);
		for (i = 1; name_taken(m, dm->name); i++)
			snprintf(dm->name, sizeof(dm->name), "%s%u", t->name,
				 i);
	}
	for (nparams = 0; t->params[nparams].key; nparams++)
		;
	dm->values = calloc(nparams + 1, sizeof(*dm->values));
	if (!dm->values) {
		dm_errf(err, errlen, "%s: out of memory", dm->name);
		goto fail;
	}
	for (i = 0; i < nkv; i++) {
		if (!kv[i].key) {
			dm_errf(err, errlen, "%s: parameter without a name",
				dm->name);
			goto fail;
		}
		idx = param_index(t, kv[i].key);
		if (idx < 0) {
			list_keys(t, keys, sizeof(keys));
			dm_errf(err, errlen,
				"%s: unknown parameter \"%s\" for %s (known: %s)",
				dm->name, kv[i].key, t->name, keys);
			goto fail;
		}
		free((char *)dm->values[idx]);
		dm->values[idx] = strdup(kv[i].value ? kv[i].value : "");
		if (!dm->values[idx])
			goto nomem;
	}
	for (i = 0; i < nparams; i++) {
		if (dm->values[i])
			continue;
		if (!t->params[i].def) {
			dm_errf(err, errlen, "%s: parameter %s= is required",
				dm->name, t->params[i].key);
			goto fail;
		}
		dm->values[i] = strdup(t->params[i].def);
		if (!dm->values[i])
			goto nomem;
	}
	if (t->ops->priv_size) {
		dm->priv = calloc(1, t->ops->priv_size);
		if (!dm->priv)
			goto nomem;
	}
	if (t->ops->init(dm, err, errlen)) {
		if (err && errlen && !err[0])
			dm_errf(err, errlen, "%s: bad parameters", dm->name);
		goto fail;
	}
	pthread_mutex_lock(&m->lock);
	if (first) {
		dm->next = m->devices;
		m->devices = dm;
	} else {
		for (pp = &m->devices; *pp; pp = &(*pp)->next)
			;
		*pp = dm;
	}
	pthread_mutex_unlock(&m->lock);
	return dm;
nomem:
	dm_errf(err, errlen, "%s: out of memory", dm->name);
fail:
	free_instance(dm);
	return NULL;
}

struct devmodel *devmodel_create(struct devmodel_machine *m,
				 const char *type, const char *name,
				 const struct devmodel_kv *kv, size_t nkv,
				 char *err, size_t errlen)
{
	return create(m, type, name, kv, nkv, false, err, errlen);
}

#define MAX_KV	32

struct devmodel *devmodel_create_str(struct devmodel_machine *m,
				     const char *type, const char *name,
				     const char *params,
				     char *err, size_t errlen)
{
	struct devmodel_kv kv[MAX_KV];
	struct devmodel *dm;
	char *copy, *tok, *save, *eq;
	size_t n = 0;

	copy = strdup(params ? params : "");
	if (!copy) {
		dm_errf(err, errlen, "out of memory");
		return NULL;
	}
	for (tok = strtok_r(copy, " \t\n,", &save); tok;
	     tok = strtok_r(NULL, " \t\n,", &save)) {
		eq = strchr(tok, '=');
		if (!eq || eq == tok) {
			dm_errf(err, errlen, "%s: \"%s\": expected key=value",
				type ? type : "", tok);
			free(copy);
			return NULL;
		}
		if (n == MAX_KV) {
			dm_errf(err, errlen, "%s: too many parameters",
				type ? type : "");
			free(copy);
			return NULL;
		}
		*eq = 0;
		kv[n].key = tok;
		kv[n].value = eq + 1;
		n++;
	}
	dm = devmodel_create(m, type, name, kv, n, err, errlen);
	free(copy);
	return dm;
}

int devmodel_attach(struct devmodel *dm, char *err, size_t errlen)
{
	int ret;

	if (err && errlen)
		err[0] = 0;
	if (dm->attached)
		return 0;
	ret = dm->type->ops->attach(dm, err, errlen);
	if (ret) {
		if (err && errlen && !err[0])
			dm_errf(err, errlen, "%s: cannot attach (%s)",
				dm->name, strerror(-ret));
		return ret;
	}
	dm->attached = true;
	return 0;
}

void devmodel_detach(struct devmodel *dm)
{
	if (!dm->attached)
		return;
	dm->type->ops->detach(dm);
	dm->attached = false;
}

void devmodel_destroy(struct devmodel *dm)
{
	struct devmodel_machine *m;
	struct devmodel **pp, *o;

	if (!dm)
		return;
	m = dm->machine;
	devmodel_detach(dm);
	for (o = m->devices; o; o = o->next)
		if (o != dm && o->type->ops->forget)
			o->type->ops->forget(o, dm);
	pthread_mutex_lock(&m->lock);
	for (pp = &m->devices; *pp; pp = &(*pp)->next)
		if (*pp == dm) {
			*pp = dm->next;
			break;
		}
	pthread_mutex_unlock(&m->lock);
	if (dm->type->ops->destroy)
		dm->type->ops->destroy(dm);
	free_instance(dm);
}

struct devmodel *devmodel_find(struct devmodel_machine *m, const char *name)
{
	struct devmodel *dm;

	for (dm = m->devices; dm; dm = dm->next)
		if (!strcmp(dm->name, name))
			return dm;
	return NULL;
}

struct devmodel *devmodel_next(struct devmodel_machine *m,
			       struct devmodel *prev)
{
	return prev ? prev->next : m->devices;
}

const char *devmodel_name(const struct devmodel *dm)
{
	return dm->name;
}

const struct devmodel_type *devmodel_type_of(const struct devmodel *dm)
{
	return dm->type;
}

bool devmodel_attached(const struct devmodel *dm)
{
	return dm->attached;
}

void devmodel_resources(const struct devmodel *dm,
			struct devmodel_resources *res)
{
	memset(res, 0, sizeof(*res));
	res->irq = -1;
	res->dma_channel = -1;
	dm->type->ops->resources(dm, res);
}

static const char *const kind_counter[DEVMODEL_NR_KINDS] = {
	[DEVMODEL_DMA_VIOLATION] = "violations",
	[DEVMODEL_DEVICE_ERROR] = "errors",
};

size_t devmodel_counters(struct devmodel *dm, struct devmodel_counter *out,
			 size_t max)
{
	const char *const *names = dm->type->ops->counters;
	size_t n = 0, i;

	for (i = 0; names && names[i]; i++, n++)
		if (n < max) {
			out[n].name = names[i];
			out[n].value = __atomic_load_n(&dm->counters[i],
						       __ATOMIC_RELAXED);
		}
	for (i = 0; i < DEVMODEL_NR_KINDS; i++, n++)
		if (n < max) {
			out[n].name = kind_counter[i];
			out[n].value = devmodel_events(dm, i);
		}
	return n;
}

bool devmodel_counter(struct devmodel *dm, const char *name,
		      uint64_t *value)
{
	struct devmodel_counter c[DEVMODEL_MAX_COUNTERS + DEVMODEL_NR_KINDS];
	size_t n, i;

	n = devmodel_counters(dm, c, sizeof(c) / sizeof(c[0]));
	for (i = 0; i < n; i++)
		if (!strcmp(c[i].name, name)) {
			*value = c[i].value;
			return true;
		}
	return false;
}

unsigned long devmodel_events(struct devmodel *dm,
			      enum devmodel_event_kind kind)
{
	if (kind >= DEVMODEL_NR_KINDS)
		return 0;
	return __atomic_load_n(&dm->events[kind], __ATOMIC_RELAXED);
}

void *devmodel_backing(struct devmodel *dm, size_t *len)
{
	if (!dm->type->ops->backing) {
		if (len)
			*len = 0;
		return NULL;
	}
	return dm->type->ops->backing(dm, len);
}

int devmodel_inject(struct devmodel *dm, const void *data, size_t len)
{
	if (!dm->type->ops->inject)
		return -ENOSYS;
	if (!dm->attached)
		return -ENODEV;
	return dm->type->ops->inject(dm, data, len);
}

long devmodel_collect(struct devmodel *dm, void *buf, size_t max)
{
	if (!dm->type->ops->collect)
		return -ENOSYS;
	return dm->type->ops->collect(dm, buf, max);
}

/* ---- for the models ---- */

void dm_lock(struct devmodel *dm)
{
	pthread_mutex_lock(&dm->lock);
}

void dm_raise_irq(struct devmodel *dm, unsigned int irq)
{
	dm->irq_line = irq;
	dm->irq_raise++;
}

void dm_unlock(struct devmodel *dm)
{
	struct devmodel_machine *m = dm->machine;
	unsigned int n = dm->irq_raise, irq = dm->irq_line;
	devmodel_irq_fn fn;
	void *arg;

	dm->irq_raise = 0;
	pthread_mutex_unlock(&dm->lock);
	if (!n)
		return;
	pthread_mutex_lock(&m->lock);
	fn = m->irq_fn;
	arg = m->irq_arg;
	pthread_mutex_unlock(&m->lock);
	while (n--)
		fn(irq, arg);
}

void dm_report(struct devmodel *dm, enum devmodel_event_kind kind,
	       const char *tag, uint64_t phys, uint64_t len,
	       unsigned int width, int channel, const char *fmt, ...)
{
	struct devmodel_machine *m = dm->machine;
	struct devmodel_event ev;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	__atomic_fetch_add(&dm->events[kind], 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&m->lock);
	m->events[kind]++;
	pthread_mutex_unlock(&m->lock);

	ev.kind = kind;
	ev.device = dm->name;
	ev.type = dm->type->name;
	ev.tag = tag;
	ev.message = msg;
	ev.phys = phys;
	ev.len = len;
	ev.width = width;
	ev.channel = channel;
	pthread_mutex_lock(&m->report_lock);
	if (m->report)
		m->report(&ev, m->report_arg);
	else
		printk(KERN_ERR "devmodel: %s: %s: %s\n", dm->name, tag, msg);
	pthread_mutex_unlock(&m->report_lock);
}

struct devmodel *dm_find_peer(struct devmodel *dm, const char *name,
			      const struct devmodel_type *type)
{
	struct devmodel *o;

	for (o = dm->machine->devices; o; o = o->next) {
		if (o == dm)
			continue;
		if (name ? !strcmp(o->name, name) : o->type == type)
			return o;
	}
	return NULL;
}

struct devmodel *dm_create_implicit(struct devmodel *dm,
				    const struct devmodel_type *type,
				    const char *name, char *err,
				    size_t errlen)
{
	struct devmodel *o;

	o = create(dm->machine, type->name, name, NULL, 0, true, err, errlen);
	if (!o)
		return NULL;
	if (devmodel_attach(o, err, errlen)) {
		devmodel_destroy(o);
		return NULL;
	}
	return o;
}

/* ---- DMA into free memory ---- */

/* true if page frame @pfn lies inside a free buddy block */
static bool pfn_free(unsigned long pfn)
{
	unsigned long head, flags, order;
	unsigned int o;
	struct page *p;

	for (o = 0; o < MAX_ORDER; o++) {
		head = pfn & ~((1UL << o) - 1);
		if (!pfn_valid(head))
			break;
		p = pfn_to_page(head);
		flags = __atomic_load_n(&p->flags, __ATOMIC_RELAXED);
		if (!(flags & (1UL << PG_buddy)))
			continue;
		order = __atomic_load_n(&p->private, __ATOMIC_RELAXED);
		if (order < MAX_ORDER && head + (1UL << order) > pfn)
			return true;
	}
	return false;
}

bool dm_free_memory(uint64_t phys, uint64_t len, uint64_t *where)
{
	uint64_t pfn, last;

	if (!len)
		return false;
	last = (phys + len - 1) >> PAGE_SHIFT;
	for (pfn = phys >> PAGE_SHIFT; pfn <= last; pfn++) {
		if (!pfn_valid(pfn) || !pfn_free(pfn))
			continue;
		*where = pfn << PAGE_SHIFT > phys ? pfn << PAGE_SHIFT : phys;
		return true;
	}
	return false;
}
