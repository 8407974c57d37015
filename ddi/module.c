/* SPDX-License-Identifier: MIT */
/*
 * module.c - svr5ddi as a module: parameters, init/exit, statistics, the
 * misuse reporter and the control interface of <svr5ddi/ddictl.h>.
 *
 * Theory
 * ------
 * module_init builds, in order: the record hash, the size-class caches,
 * the contiguous reserves (coherent memory taken at start, before memory
 * can fragment), then marks the module up.  Parameters: debug (0/1),
 * reserve_dma / reserve_dma32 (bytes, K/M/G suffixes), and reserve
 * ("dma:SIZE,dma32:SIZE", which overrides the two).  The userspace build
 * reads SVR5DDI_DEBUG and SVR5DDI_RESERVE instead (ddi_os.h).  A bad value
 * fails the init with a message naming it.
 *
 * Counters are per CPU (struct ddi_cpu), summed without a lock by
 * svr5ddi_get_stats(): a snapshot of each sum, not of all at one instant.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/export.h>
#include "ddi_internal.h"

int ddi_module_up;
int ddi_debug = DDI_OS_DEBUG_DEFAULT;
bool ddi_track_complete;
atomic_t ddi_gate = ATOMIC_INIT(DDI_GATE_DOWN);

static unsigned long reserve_dma = 1UL << 20;
static unsigned long reserve_dma32 = 4UL << 20;
static char *reserve;

/*
 * debug=0/1 at load time, or written at run time, which goes through
 * svr5ddi_set_debug() like every other switch of the layer.
 */
static int ddi_param_debug_set(const char *val, const struct kernel_param *kp)
{
	int on;

	if ((val[0] != '0' && val[0] != '1') ||
	    (val[1] && (val[1] != '\n' || val[2])))
		return -EINVAL;
	on = val[0] == '1';
	if (!smp_load_acquire(&ddi_module_up)) {
		WRITE_ONCE(ddi_debug, on);	/* init reads it */
		return 0;
	}
	svr5ddi_set_debug(on);
	return 0;
}

static int ddi_param_debug_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%d\n", READ_ONCE(ddi_debug));
}

static const struct kernel_param_ops ddi_param_debug_ops = {
	.set = ddi_param_debug_set,
	.get = ddi_param_debug_get,
};
module_param_cb(debug, &ddi_param_debug_ops, NULL, 0644);
MODULE_PARM_DESC(debug, "svr5ddi debug layer: registry, redzones, misuse reports (0/1)");
module_param(reserve_dma, ulong, 0444);
MODULE_PARM_DESC(reserve_dma, "contiguous reserve below 16 MiB, bytes");
module_param(reserve_dma32, ulong, 0444);
MODULE_PARM_DESC(reserve_dma32, "contiguous reserve below 4 GiB, bytes");
module_param(reserve, charp, 0444);
MODULE_PARM_DESC(reserve, "contiguous reserves: dma:SIZE,dma32:SIZE");

atomic_long_t ddi_mempool_reserve_hits;
atomic_long_t ddi_sleep_waits;
static atomic_long_t ddi_misuse_count[SVR5DDI_MISUSE_NR];
static atomic_long_t ddi_misuse_total;

static const char *const ddi_bk_names[SVR5DDI_BK_NR] = {
	[SVR5DDI_BK_SLAB] = "slab",
	[SVR5DDI_BK_VMALLOC] = "vmalloc",
	[SVR5DDI_BK_PAGES] = "pages",
	[SVR5DDI_BK_POOL] = "pool",
	[SVR5DDI_BK_COHERENT] = "coherent",
	[SVR5DDI_BK_RESERVE] = "reserve",
	[SVR5DDI_BK_SCATTER] = "scatter",
};

const char *ddi_backend_name(int bk)
{
	return bk >= 0 && bk < SVR5DDI_BK_NR ? ddi_bk_names[bk] : "?";
}

/* "FILE:LINE", or "unknown site" when the caller had no site capture. */
const char *ddi_site(const char *file, int line, char *buf, size_t len)
{
	if (!file)
		return "unknown site";
	snprintf(buf, len, "%s:%d", file, line);
	return buf;
}

/*
 * ddi_misuse - report one misuse: one KERN_WARNING line "svr5ddi: " +
 * the formatted text (which starts with the call name and the tag), and
 * count it.  Context: any.
 */
void ddi_misuse(enum svr5ddi_misuse tag, const char *fmt, ...)
{
	char buf[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	atomic_long_inc(&ddi_misuse_count[tag]);
	atomic_long_inc(&ddi_misuse_total);
	printk(KERN_WARNING "svr5ddi: %s\n", buf);
}

/* ---- control interface ---------------------------------------------------- */

/* svr5ddi_get_stats - snapshot of the counters.  Context: any. */
void svr5ddi_get_stats(struct svr5ddi_stats *st)
{
	int i;

	ddi_os_ready();
	memset(st, 0, sizeof(*st));
	for (i = 0; i < SVR5DDI_BK_NR; i++) {
		long objs, bytes, allocs;

		ddi_stat_read(i, &objs, &bytes, &allocs);
		st->backend[i].live_objects = objs;
		st->backend[i].live_bytes = bytes;
		st->backend[i].allocs = allocs;
		st->backend[i].failures = atomic_long_read(&ddi_bk_failures[i]);
	}
	ddi_reserve_stats(st->reserve_size, st->reserve_used);
	st->mempool_reserve_hits = atomic_long_read(&ddi_mempool_reserve_hits);
	st->sleep_waits = atomic_long_read(&ddi_sleep_waits);
	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		st->misuse[i] = atomic_long_read(&ddi_misuse_count[i]);
	st->misuse_total = atomic_long_read(&ddi_misuse_total);
}
EXPORT_SYMBOL(svr5ddi_get_stats);

/* svr5ddi_reset_misuse - zero the misuse counters.  Context: any. */
void svr5ddi_reset_misuse(void)
{
	int i;

	ddi_os_ready();
	for (i = 0; i < SVR5DDI_MISUSE_NR; i++)
		atomic_long_set(&ddi_misuse_count[i], 0);
	atomic_long_set(&ddi_misuse_total, 0);
}
EXPORT_SYMBOL(svr5ddi_reset_misuse);

static unsigned long ddi_live_total(void)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < SVR5DDI_BK_NR; i++) {
		long objs, bytes, allocs;

		ddi_stat_read(i, &objs, &bytes, &allocs);
		n += objs;
	}
	return n;
}

/*
 * svr5ddi_set_debug - the debug layer's runtime switch.  Allocations made
 * from then on are tracked; if no untracked allocation is live, tracking
 * is complete (every unknown pointer is then reported, never freed).
 *
 * Switching on from a context that may sleep: the gate opens to tracking,
 * a grace period (ddi_gate_sync) lets every fast path that read it closed
 * end, counted; then tracking is complete only if an upper bound of the
 * live allocations (ddi_live_bound) is 0.  An untracked slow path still
 * in flight counts, then tests the switch (ddi_untracked_made): with a
 * full barrier on each side, either the bound counts its allocation or
 * it sees the switch on, marks ddi_untracked_late and clears the flag;
 * the flag is set only if the mark is clear, and cleared again if the
 * mark is seen after, so it is never true while such an allocation is
 * returned.  From atomic context there is no grace period: "nothing
 * live" is then a snapshot of the per-CPU counts, so switch on at a
 * quiescent moment, for an allocation in flight on another CPU may be
 * taken for unknown when freed (reported, not freed).
 *
 * Switching off: tracked records stay findable until ddi_tracking_recheck
 * finds none left, which it decides only after a grace period (waited
 * for here when the caller may sleep, else by a work item).
 * Context: any.
 */
void svr5ddi_set_debug(int on)
{
	bool can_sleep = !in_atomic() && !irqs_disabled();

	ddi_os_ready();
	on = !!on;
	if (on && !READ_ONCE(ddi_debug)) {
		if (can_sleep)
			ddi_pool_slots_prepare();
		WRITE_ONCE(ddi_track_complete, !can_sleep &&
			   ddi_live_total() == 0);
		WRITE_ONCE(ddi_untracked_late, false);
		smp_mb();
		WRITE_ONCE(ddi_debug, 1);
		ddi_gate_debug(true);
		if (!ddi_gate_sync())
			return;
		smp_mb();	/* the switch before the sum, as above */
		if (ddi_live_bound() != 0 || READ_ONCE(ddi_untracked_late))
			return;
		WRITE_ONCE(ddi_track_complete, true);
		smp_mb();	/* the flag before the mark's test */
		if (READ_ONCE(ddi_untracked_late))
			WRITE_ONCE(ddi_track_complete, false);
		return;
	}
	if (on)
		return;
	WRITE_ONCE(ddi_track_complete, false);
	WRITE_ONCE(ddi_debug, 0);
	ddi_gate_debug(false);
	ddi_gate_sync();
	ddi_tracking_recheck();
}
EXPORT_SYMBOL(svr5ddi_set_debug);

/* svr5ddi_debug_enabled - the switch's state.  Context: any. */
int svr5ddi_debug_enabled(void)
{
	ddi_os_ready();
	return READ_ONCE(ddi_debug);
}
EXPORT_SYMBOL(svr5ddi_debug_enabled);

/* ---- parameters --------------------------------------------------------------- */

/* "SIZE" with an optional K/M/G suffix; false if malformed. */
static bool ddi_parse_size(const char *s, size_t len, unsigned long *out)
{
	unsigned long v = 0, mult = 1;
	size_t i = 0;

	if (!len)
		return false;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > (~0UL - 9) / 10)
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (i == 0)
		return false;
	if (i < len) {
		switch (s[i]) {
		case 'k': case 'K':
			mult = 1UL << 10;
			break;
		case 'm': case 'M':
			mult = 1UL << 20;
			break;
		case 'g': case 'G':
			mult = 1UL << 30;
			break;
		default:
			return false;
		}
		if (++i != len)
			return false;
	}
	if (v > ~0UL / mult)
		return false;
	*out = v * mult;
	return true;
}

/* "dma:SIZE,dma32:SIZE" (either item optional); false if malformed. */
static bool ddi_parse_reserve(const char *s, unsigned long *dma,
			      unsigned long *dma32)
{
	while (*s) {
		const char *end = strchr(s, ',');
		const char *colon;
		size_t len = end ? (size_t)(end - s) : strlen(s);
		unsigned long *dst;

		colon = memchr(s, ':', len);
		if (!colon)
			return false;
		if (colon - s == 3 && !strncmp(s, "dma", 3))
			dst = dma;
		else if (colon - s == 5 && !strncmp(s, "dma32", 5))
			dst = dma32;
		else
			return false;
		if (!ddi_parse_size(colon + 1, len - (colon + 1 - s), dst))
			return false;
		s += len;
		if (*s == ',')
			s++;
		else if (*s)
			return false;
	}
	return true;
}

static int ddi_read_params(void)
{
	const char *env;

	env = ddi_os_getenv("SVR5DDI_DEBUG");
	if (env) {
		if (!strcmp(env, "0")) {
			ddi_debug = 0;
		} else if (!strcmp(env, "1")) {
			ddi_debug = 1;
		} else {
			pr_err("svr5ddi: SVR5DDI_DEBUG=\"%s\": expected 0 or 1\n",
			       env);
			return -EINVAL;
		}
	}
	if (ddi_debug != 0 && ddi_debug != 1) {
		pr_err("svr5ddi: debug=%d: expected 0 or 1\n", ddi_debug);
		return -EINVAL;
	}
	env = ddi_os_getenv("SVR5DDI_RESERVE");
	if (env && !ddi_parse_reserve(env, &reserve_dma, &reserve_dma32)) {
		pr_err("svr5ddi: SVR5DDI_RESERVE=\"%s\": expected dma:SIZE,dma32:SIZE (SIZE in bytes, K/M/G suffix)\n",
		       env);
		return -EINVAL;
	}
	if (reserve && !ddi_parse_reserve(reserve, &reserve_dma,
					  &reserve_dma32)) {
		pr_err("svr5ddi: reserve=\"%s\": expected dma:SIZE,dma32:SIZE\n",
		       reserve);
		return -EINVAL;
	}
	return 0;
}

static void ddi_teardown(void)
{
	atomic_or(DDI_GATE_DOWN, &ddi_gate);
	ddi_tracking_exit();	/* a recheck reads ddi_cpu */
	ddi_physreq_exit();
	ddi_reserve_exit();
	ddi_kmem_exit();
	ddi_pages_exit();
	ddi_rec_exit();
	ddi_cpu_exit();
}

static int __init svr5ddi_init(void)
{
	int err;

	err = ddi_read_params();
	if (err)
		return err;
	err = ddi_cpu_init();
	if (!err)
		err = ddi_rec_init();
	if (!err)
		err = ddi_kmem_init();
	if (!err)
		err = ddi_reserve_init(reserve_dma, reserve_dma32);
	if (err) {
		pr_err("svr5ddi: initialisation failed: %d\n", err);
		ddi_teardown();
		return err;
	}
	ddi_track_complete = ddi_debug;
	if (ddi_debug) {
		ddi_pool_slots_prepare();
		atomic_or(DDI_GATE_DEBUG | DDI_GATE_TRACKING, &ddi_gate);
	}
	smp_store_release(&ddi_module_up, 1);
	atomic_andnot(DDI_GATE_DOWN, &ddi_gate);
	return 0;
}

static void __exit svr5ddi_exit(void)
{
	unsigned long live;

	ddi_timeout_exit();
	ddi_deferred_exit();
	live = ddi_live_total() + ddi_rec_count();
	if (live) {
		if (READ_ONCE(ddi_debug))
			svr5ddi_leak_report();
		/* Tearing down under live memory would corrupt it: keep it. */
		return;
	}
	ddi_teardown();
}

module_init(svr5ddi_init);
module_exit(svr5ddi_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("SVR5 (UnixWare 7) memory DDI over Linux primitives");
