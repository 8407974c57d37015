/* SPDX-License-Identifier: MIT */
/*
 * devmodel_impl.h - what the models share with the core (devmodel.c).
 * Private to tests/harness/models/; tools use devmodel.h only.
 *
 * A model is a struct devmodel_type (devmodel.h) whose ops are below.  The
 * core parses the key=value parameters against the type's parameter table,
 * allocates the instance with ops->priv_size bytes of private state, and
 * calls ops->init with the values; the model reads them with the dm_param_*
 * helpers, which write a one-line reason into err on a bad value.
 *
 * Models are hardware, not kernel code: their state lives on the host heap
 * (calloc) and their locks are host mutexes, never the emulated kernel's
 * allocators or locks, so a model never shifts the allocation counts a
 * fault-injection sweep relies on and never trips a might_sleep() check.
 *
 * Locking: dm->lock (a host mutex) protects the model's state.  Port
 * callbacks take it with dm_lock() and release it with dm_unlock(), which
 * also raises the interrupts the model asked for with dm_raise_irq() while
 * it held the lock: interrupts always go out with no model lock held.
 * Lock order: isa-disk, then i8237 (the disk calls i8237_dreq() with its
 * own lock held).  Counters are updated atomically, lock or not.
 */
#ifndef SVR5DDI_HARNESS_DEVMODEL_IMPL_H
#define SVR5DDI_HARNESS_DEVMODEL_IMPL_H
#include <pthread.h>
#include "devmodel.h"

#define DEVMODEL_NAME_MAX	32

struct devmodel_ops {
	size_t priv_size;
	/* NULL-terminated counter names; counters[i] in struct devmodel */
	const char *const *counters;
	int (*init)(struct devmodel *dm, char *err, size_t errlen);
	int (*attach)(struct devmodel *dm, char *err, size_t errlen);
	void (*detach)(struct devmodel *dm);
	void (*destroy)(struct devmodel *dm);		/* free priv's contents */
	void (*resources)(const struct devmodel *dm,
			  struct devmodel_resources *res);
	/* optional */
	void *(*backing)(struct devmodel *dm, size_t *len);
	int (*inject)(struct devmodel *dm, const void *data, size_t len);
	long (*collect)(struct devmodel *dm, void *buf, size_t max);
	void (*sync)(struct devmodel *dm);		/* wait until idle */
	/* @gone is being destroyed: drop any pointer to it */
	void (*forget)(struct devmodel *dm, struct devmodel *gone);
};

#define DEVMODEL_MAX_COUNTERS	16

struct devmodel {
	struct devmodel_machine *machine;
	const struct devmodel_type *type;
	struct devmodel *next;			/* machine list, creation order */
	char name[DEVMODEL_NAME_MAX];
	bool attached;
	pthread_mutex_t lock;
	const char **values;			/* one per type->params entry */
	uint64_t counters[DEVMODEL_MAX_COUNTERS];
	unsigned long events[DEVMODEL_NR_KINDS];
	unsigned int irq_raise;			/* raises deferred to unlock */
	unsigned int irq_line;
	void *priv;
};

/* ---- parameters (during ops->init) ---- */
const char *dm_param(struct devmodel *dm, const char *key);
/* @key as a number in [min, max]; sizes (K/M/G) if @size */
int dm_param_u64(struct devmodel *dm, const char *key, uint64_t min,
		 uint64_t max, bool size, uint64_t *out, char *err,
		 size_t errlen);
/* @key as one of @choices (NULL-terminated); returns its index */
int dm_param_choice(struct devmodel *dm, const char *key,
		    const char *const *choices, char *err, size_t errlen);
void dm_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- locking, interrupts, counters, events ---- */
void dm_lock(struct devmodel *dm);
/* Unlock, then raise the interrupts dm_raise_irq() asked for. */
void dm_unlock(struct devmodel *dm);
/* With dm->lock held: raise @irq at the next dm_unlock(). */
void dm_raise_irq(struct devmodel *dm, unsigned int irq);

static inline void dm_count(struct devmodel *dm, unsigned int idx,
			    uint64_t n)
{
	__atomic_fetch_add(&dm->counters[idx], n, __ATOMIC_RELAXED);
}

/*
 * dm_report - report an event of @dm (counted, passed to the machine's
 * callback or printed).  @phys/@len/@width/@channel as in struct
 * devmodel_event; the message is formatted from @fmt.
 */
void dm_report(struct devmodel *dm, enum devmodel_event_kind kind,
	       const char *tag, uint64_t phys, uint64_t len,
	       unsigned int width, int channel, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* Another device of the machine by name, or the first of @type. */
struct devmodel *dm_find_peer(struct devmodel *dm, const char *name,
			      const struct devmodel_type *type);
/*
 * Create and attach an implicit device of @type named @name with its
 * defaults, placed first in the machine's list (so it is torn down
 * last).  NULL with @err on failure.
 */
struct devmodel *dm_create_implicit(struct devmodel *dm,
				    const struct devmodel_type *type,
				    const char *name, char *err,
				    size_t errlen);

/*
 * dm_free_memory - does [@phys, @phys + @len) touch memory the page
 * allocator holds free (a buddy block)?  Then *@where is its first free
 * byte.  A device DMA there uses a stale or wrong address (a freed
 * buffer, or an address the hardware truncated).  Reads the allocator's
 * page flags without its lock: a heuristic, exact for the stable buffers
 * a driver hands a device.
 */
bool dm_free_memory(uint64_t phys, uint64_t len, uint64_t *where);

/* Parse "0x1f0", "496", "1M" ...; false on junk or overflow. */
bool dm_parse_u64(const char *s, bool size, uint64_t *out);

/* ---- model-to-model: the 8237 as seen by a device on a channel ---- */

extern const struct devmodel_type i8237_type;
extern const struct devmodel_type isadisk_type;
extern const struct devmodel_type bmnic_type;

enum i8237_dir {
	I8237_TO_MEMORY,	/* the device writes memory (8237 "write") */
	I8237_FROM_MEMORY,	/* the device reads memory (8237 "read") */
};

/*
 * i8237_dreq - the device on @chan holds DREQ for up to @len bytes: the
 * controller moves them between @buf and memory as the channel is
 * programmed (address, count, page, mode).  Returns the bytes moved
 * (a whole number of words on channels 5-7), stopping at terminal count
 * (*@tc set then), or a negative errno after reporting nothing itself:
 *   -EAGAIN   channel masked (or channel 4, the cascade, masked), or the
 *             controller disabled by its command register
 *   -EINVAL   mode cascade, or the transfer type is for the other
 *             direction (verify moves nothing and is accepted)
 *   -EFAULT   the transfer reached memory the controller cannot (above
 *             16 MiB at width 24, or outside RAM): reported by the 8237
 * @requester names the device in the 8237's reports.  Takes the
 * controller's lock: call with at most the device's own lock held.
 */
long i8237_dreq(struct devmodel *dmac, unsigned int chan, enum i8237_dir dir,
		void *buf, size_t len, bool *tc, struct devmodel *requester);
/* Describe channel @chan's programming for a report ("masked", ...). */
void i8237_describe(struct devmodel *dmac, unsigned int chan, char *buf,
		    size_t size);

#endif
