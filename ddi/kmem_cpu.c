/* SPDX-License-Identifier: MIT */
/*
 * kmem_cpu.c - the per-CPU layer in front of the allocators: magazines of
 * free objects for the size classes (kmem.c) and the physreq block pools
 * (phys.c), and the per-CPU statistics.
 *
 * Theory
 * ------
 * A magazine (struct ddi_mag, ddi_internal.h) is a CPU's LIFO of free
 * objects of one kind.  It is touched only by its own CPU, from task
 * context, with preemption disabled: an interrupt or softirq handler never
 * uses magazines (it goes to the backend, which is interrupt-safe), so an
 * interrupt arriving in the middle of a push or pop finds nothing to race
 * with, and no lock, atomic or interrupt masking is needed.  This is what
 * makes kmem_alloc/kmem_free in task context cheaper than the slab fast
 * path they replace: a pop and a push of a CPU-local array.
 *
 * A put on a full magazine first spills its older half to the backend
 * (kfree for size classes, the pool's locked stack for blocks), keeping
 * the hot objects; a get on an empty one returns NULL and the caller asks
 * the backend.  Depth is bounded per class (DDI_MAG_BYTES of objects,
 * 2..DDI_MAG_SIZE), so a CPU holds at most ~64 KiB of small objects; they
 * are returned when the module unloads or their pool is destroyed (a CPU
 * taken offline keeps its magazines until then: no hotplug callback, the
 * amount being bounded).  Objects in magazines are free memory: not
 * counted as live, not checked by the debug layer, and not given back
 * under memory pressure (no shrinker; SLUB's per-CPU slabs behave alike).
 *
 * Only memory kmem_free has proved to belong to the class goes into a
 * class magazine: the page is a slab page of the normal zone and ksize()
 * is the class size, so a wrong size passed to kmem_free can never put an
 * object into a magazine of another size.  Spills use kfree(), which finds
 * each object's own cache.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/export.h>
#include "ddi_internal.h"

struct ddi_cpu __percpu *ddi_cpu;
atomic_long_t ddi_bk_failures[SVR5DDI_BK_NR];

void ddi_mag_drain(struct ddi_mag __percpu *pm, ddi_spill_fn spill,
		   void *ctx)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct ddi_mag *m = per_cpu_ptr(pm, cpu);

		if (m->nr)
			spill(ctx, m->obj, m->nr);
		m->nr = 0;
	}
}

/*
 * ddi_stat_read - one backend's counters summed over the CPUs.  A racy
 * snapshot while allocations run elsewhere, exact when they do not.
 */
void ddi_stat_read(int bk, long *live_objects, long *live_bytes,
		   long *allocs)
{
	long a = 0, f = 0, b = 0;
	int cpu;

	if (ddi_cpu) {
		for_each_possible_cpu(cpu) {
			const struct ddi_cpu_stat *st =
				&per_cpu_ptr(ddi_cpu, cpu)->st[bk];

			a += READ_ONCE(st->allocs);
			f += READ_ONCE(st->frees);
			b += READ_ONCE(st->bytes);
		}
	}
	*live_objects = a - f;
	*live_bytes = b;
	*allocs = a;
}

int ddi_cpu_init(void)
{
	ddi_cpu = alloc_percpu(struct ddi_cpu);
	return ddi_cpu ? 0 : -ENOMEM;
}

void ddi_cpu_exit(void)
{
	free_percpu(ddi_cpu);
	ddi_cpu = NULL;
}
