// SPDX-License-Identifier: MIT
/*
 * fault_inject.c - deterministic allocation failure injection.
 *
 * Theory: every outermost allocator entry calls __compat_should_fail().
 * Calls made while the thread's nesting depth (a __thread counter raised
 * by __compat_alloc_nest_enter) is non-zero are internal and not seen at
 * all.  The others are counted in `calls`; those that pass the spec's
 * filter get the next number n = 1, 2, ... (`matched`, an atomic counter,
 * so numbering is global and each n is handed out exactly once).  Whether
 * n fails depends only on n and the spec: nth/times select a window, and
 * prob compares a splitmix64 hash of (seed, n) with the probability, so
 * the same seed gives the same failures whatever the thread interleaving
 * that assigned the numbers.  __GFP_NOFAIL requests are never matched, as
 * with 6.1's should_fail_alloc_page().
 *
 * Locking: none on the hot path.  The `calls` and per-family counters are
 * per thread (plain increments of thread-local memory, so two threads never
 * share a cache line); a reader sums every live thread's counters plus
 * those of threads that have exited, under counters_lock, which only
 * thread start, thread exit and readers take.  A reset records the current
 * sums as the new zero.  When injection is off the hook costs the
 * thread-local increments and one relaxed load; before counting starts
 * (see svr5compat/fault.h) it is one relaxed load, inlined in the caller.
 * compat_fault_set() is meant for quiescent moments (tests, start-up).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <svr5compat/fault.h>
#include "internal.h"

static struct compat_fault_spec fault_spec;
static int fault_enabled;
int __compat_fault_active;	/* set once counting starts; never cleared */
EXPORT_SYMBOL(__compat_fault_active);
static unsigned long stat_matched, stat_injected;

/* Per-thread counters; index 0 is `calls`, 1 + family the families. */
#define NR_COUNTS	(1 + COMPAT_FAULT_NR_FAMILIES)
struct thread_counts {
	unsigned long count[NR_COUNTS];
	struct thread_counts *next, **pprev;
};
static struct host_mutex counters_lock;
static struct thread_counts *live_counts;
static unsigned long retired[NR_COUNTS];	/* from exited threads */
static unsigned long baseline[NR_COUNTS];	/* sums at the last reset */

static __thread int nest_depth __attribute__((tls_model("initial-exec")));
static __thread struct thread_counts *my_counts
	__attribute__((tls_model("initial-exec")));

static const char *const family_names[COMPAT_FAULT_NR_FAMILIES] = {
	[COMPAT_FAULT_PAGE] = "page", [COMPAT_FAULT_SLAB] = "slab",
	[COMPAT_FAULT_VMALLOC] = "vmalloc", [COMPAT_FAULT_DMA] = "dma",
	[COMPAT_FAULT_GENALLOC] = "genalloc",
};
static const char *const zone_keys[MAX_NR_ZONES] = {
	[ZONE_DMA] = "dma", [ZONE_DMA32] = "dma32", [ZONE_NORMAL] = "normal",
};

static u64 splitmix64(u64 x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void counts_retire(void *arg)
{
	struct thread_counts *tc = arg;
	int i;

	host_mutex_lock(&counters_lock);
	for (i = 0; i < NR_COUNTS; i++)
		retired[i] += tc->count[i];
	*tc->pprev = tc->next;
	if (tc->next)
		tc->next->pprev = tc->pprev;
	host_mutex_unlock(&counters_lock);
	host_free(tc);
	my_counts = NULL;
}

static noinline struct thread_counts *counts_register(void)
{
	struct thread_counts *tc = host_calloc(1, sizeof(*tc));

	host_mutex_lock(&counters_lock);
	tc->next = live_counts;
	tc->pprev = &live_counts;
	if (live_counts)
		live_counts->pprev = &tc->next;
	live_counts = tc;
	host_mutex_unlock(&counters_lock);
	host_on_thread_exit(counts_retire, tc);
	my_counts = tc;
	return tc;
}

/* Sum of every thread's counter @i; caller holds counters_lock. */
static unsigned long counts_sum(int i)
{
	struct thread_counts *tc;
	unsigned long sum = retired[i];

	for (tc = live_counts; tc; tc = tc->next)
		sum += __atomic_load_n(&tc->count[i], __ATOMIC_RELAXED);
	return sum;
}

/**
 * __compat_alloc_nest_enter - mark the following allocations as internal
 *
 * Context: any.  Per thread; nests.
 */
void __compat_alloc_nest_enter(void)
{
	nest_depth++;
}
EXPORT_SYMBOL(__compat_alloc_nest_enter);

/**
 * __compat_alloc_nest_exit - end of an internal allocation bracket
 *
 * Context: any.
 */
void __compat_alloc_nest_exit(void)
{
	if (!WARN_ON_ONCE(nest_depth <= 0))
		nest_depth--;
}
EXPORT_SYMBOL(__compat_alloc_nest_exit);

/**
 * __compat_should_fail - the allocators' fault injection hook
 * @family: the allocator family of the request
 * @gfp: its GFP flags
 * @zone: its zone (enum zone_type) or -1
 *
 * Context: any; never sleeps.  True means "fail this allocation now".
 */
bool __compat_should_fail_slow(enum compat_fault_family family, gfp_t gfp,
			       int zone)
{
	const struct compat_fault_spec *spec = &fault_spec;
	struct thread_counts *tc = my_counts;
	unsigned long n;
	bool fail = false;

	if (nest_depth)
		return false;
	if (unlikely(!tc))
		tc = counts_register();
	/* Only this thread writes its counters; readers load them relaxed. */
	__atomic_store_n(&tc->count[0], tc->count[0] + 1, __ATOMIC_RELAXED);
	if ((unsigned int)family < COMPAT_FAULT_NR_FAMILIES)
		__atomic_store_n(&tc->count[1 + family],
				 tc->count[1 + family] + 1, __ATOMIC_RELAXED);
	if (likely(!__atomic_load_n(&fault_enabled, __ATOMIC_ACQUIRE)))
		return false;
	if (gfp & __GFP_NOFAIL)
		return false;
	if (spec->family != COMPAT_FAULT_ANY && spec->family != (int)family)
		return false;
	if (spec->zone >= 0 && spec->zone != zone)
		return false;
	if (spec->sleep == COMPAT_FAULT_SLEEP_ONLY &&
	    !gfpflags_allow_blocking(gfp))
		return false;
	if (spec->sleep == COMPAT_FAULT_NOSLEEP_ONLY &&
	    gfpflags_allow_blocking(gfp))
		return false;

	n = __atomic_add_fetch(&stat_matched, 1, __ATOMIC_RELAXED);
	if (spec->nth && n >= spec->nth &&
	    (spec->times < 0 || n - spec->nth < (unsigned long)spec->times))
		fail = true;
	if (!fail && spec->probability > 0) {
		u64 h = splitmix64(spec->seed ^ splitmix64(n));

		fail = (double)(h >> 11) * (1.0 / 9007199254740992.0) <
		       spec->probability;
	}
	if (fail) {
		__atomic_fetch_add(&stat_injected, 1, __ATOMIC_RELAXED);
		pr_info_ratelimited("FAULT_INJECTION: forcing a failure "
				    "(%s allocation #%lu)\n",
				    (unsigned int)family < COMPAT_FAULT_NR_FAMILIES ?
				    family_names[family] : "?", n);
	}
	return fail;
}
EXPORT_SYMBOL(__compat_should_fail_slow);

/**
 * compat_fault_set - install a fault injection spec and reset the counters
 * @spec: the spec, or NULL to turn injection off
 *
 * Context: process, while no allocation runs concurrently.
 */
void compat_fault_set(const struct compat_fault_spec *spec)
{
	int i;

	compat_init();
	__atomic_store_n(&fault_enabled, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&__compat_fault_active, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&stat_matched, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&stat_injected, 0, __ATOMIC_RELAXED);
	host_mutex_lock(&counters_lock);
	for (i = 0; i < NR_COUNTS; i++)
		baseline[i] = counts_sum(i);
	host_mutex_unlock(&counters_lock);
	if (!spec)
		return;
	fault_spec = *spec;
	__atomic_store_n(&fault_enabled, 1, __ATOMIC_RELEASE);
}
EXPORT_SYMBOL(compat_fault_set);

/**
 * compat_fault_stats - read the fault injection counters
 * @stats: filled in
 *
 * Context: any.
 */
void compat_fault_stats(struct compat_fault_stats *stats)
{
	int i;

	stats->matched = __atomic_load_n(&stat_matched, __ATOMIC_RELAXED);
	stats->injected = __atomic_load_n(&stat_injected, __ATOMIC_RELAXED);
	host_mutex_lock(&counters_lock);
	stats->calls = counts_sum(0) - baseline[0];
	for (i = 0; i < COMPAT_FAULT_NR_FAMILIES; i++)
		stats->per_family[i] = counts_sum(1 + i) - baseline[1 + i];
	host_mutex_unlock(&counters_lock);
}
EXPORT_SYMBOL(compat_fault_stats);

static bool item_is(const char *item, size_t len, const char *key,
		    const char **val)
{
	size_t klen = strlen(key);

	if (len <= klen || strncmp(item, key, klen) || item[klen] != '=')
		return false;
	*val = item + klen + 1;
	return true;
}

/* @val..@end must be exactly one of @names; its index, or -1. */
static int match_name(const char *val, const char *end,
		      const char *const *names, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		if (strlen(names[i]) == (size_t)(end - val) &&
		    !strncmp(val, names[i], end - val))
			return i;
	return -1;
}

/**
 * compat_fault_parse - parse a SVR5DDI_FAULT-style string
 * @s: the string (see svr5compat/fault.h); "" means no injection
 * @spec: filled in with the defaults and the items of @s
 *
 * Context: any.  Returns false if @s is malformed (@spec is then garbage).
 */
bool compat_fault_parse(const char *s, struct compat_fault_spec *spec)
{
	const char *p = s;

	memset(spec, 0, sizeof(*spec));
	spec->times = 1;
	spec->seed = 1;
	spec->sleep = COMPAT_FAULT_SLEEP_ANY;
	spec->zone = -1;
	spec->family = COMPAT_FAULT_ANY;
	if (!s)
		return false;

	while (*p) {
		const char *end = strchr(p, ',');
		const char *val, *e;
		size_t len;
		u64 v;
		int i;

		if (!end)
			end = p + strlen(p);
		len = end - p;
		if (item_is(p, len, "nth", &val)) {
			if (!host_parse_u64(val, &e, &v) || e != end || !v)
				return false;
			spec->nth = v;
		} else if (item_is(p, len, "times", &val)) {
			if (end - val == 2 && !strncmp(val, "-1", 2)) {
				spec->times = -1;
			} else {
				if (!host_parse_u64(val, &e, &v) || e != end ||
				    !v || v > (u64)(~0UL >> 1))
					return false;
				spec->times = v;
			}
		} else if (item_is(p, len, "prob", &val)) {
			double d;

			if (!host_parse_double(val, &e, &d) || e != end ||
			    !(d >= 0.0 && d <= 1.0))
				return false;
			spec->probability = d;
		} else if (item_is(p, len, "seed", &val)) {
			if (!host_parse_u64(val, &e, &v) || e != end)
				return false;
			spec->seed = v;
		} else if (item_is(p, len, "only", &val)) {
			static const char *const only[] = { "sleep", "nosleep" };

			i = match_name(val, end, only, 2);
			if (i < 0)
				return false;
			spec->sleep = i ? COMPAT_FAULT_NOSLEEP_ONLY :
					  COMPAT_FAULT_SLEEP_ONLY;
		} else if (item_is(p, len, "zone", &val)) {
			i = match_name(val, end, zone_keys, MAX_NR_ZONES);
			if (i < 0)
				return false;
			spec->zone = i;
		} else if (item_is(p, len, "family", &val)) {
			i = match_name(val, end, family_names,
				       COMPAT_FAULT_NR_FAMILIES);
			if (i < 0)
				return false;
			spec->family = i;
		} else {
			return false;
		}
		if (!*end)
			break;
		p = end + 1;
		if (!*p)
			return false;	/* trailing comma */
	}
	return true;
}
EXPORT_SYMBOL(compat_fault_parse);

/*
 * compat_fault_init - read SVR5DDI_FAULT once, at the first allocation.
 * A malformed value is fatal (exit status 2).
 */
void compat_fault_init(void)
{
	const char *env = host_getenv("SVR5DDI_FAULT");
	struct compat_fault_spec spec;

	if (!env || !*env)
		return;
	if (!compat_fault_parse(env, &spec))
		compat_fatal("SVR5DDI_FAULT: malformed value \"%s\" (expected "
			     "comma-separated nth=N, times=K|-1, prob=P, "
			     "seed=S, only=sleep|nosleep, "
			     "zone=dma|dma32|normal, "
			     "family=page|slab|vmalloc|dma|genalloc)", env);
	fault_spec = spec;
	__atomic_store_n(&fault_enabled, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&__compat_fault_active, 1, __ATOMIC_RELEASE);
}
