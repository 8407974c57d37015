/* SPDX-License-Identifier: MIT */
/*
 * ddi_test_machine.c - the simulated-machine helpers of the DDI tests
 * (API and rationale in ddi_test_machine.h).
 *
 * This file sees only the Linux API of the emulation and the svr5compat headers,
 * never an SVR5 header, so the two header families never meet in one
 * translation unit.  It includes no libc header either: the test
 * programs are compiled with the SVR5 include directory first, whose
 * <sys/types.h> replaces the C library's for every libc header that
 * includes it (see check_ddi_kmem.c).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/hardirq.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <svr5compat/context.h>
#include <svr5compat/fault.h>
#include <svr5compat/log.h>
#include <svr5compat/physmem.h>

#include "ddi_test_machine.h"

/* ---- physical addresses ------------------------------------------------ */

int ddit_in_direct_map(const void *p)
{
	return compat_addr_in_direct_map(p);
}

int ddit_is_vmalloc(const void *p)
{
	return is_vmalloc_addr(p);
}

unsigned long long ddit_phys_of(const void *p)
{
	struct page *page;

	if (!p)
		return DDIT_NOPHYS;
	if (compat_addr_in_direct_map(p))
		return virt_to_phys(p);
	if (is_vmalloc_addr(p)) {
		page = vmalloc_to_page(p);
		if (!page)
			return DDIT_NOPHYS;
		return page_to_phys(page) + offset_in_page(p);
	}
	return DDIT_NOPHYS;
}

void ddit_layout(const void *p, size_t size, struct ddit_layout *l)
{
	const char *c = p, *end = c + size;
	unsigned long long expect = 0, ph;

	l->mapped = 1;
	l->first = l->last = l->max = DDIT_NOPHYS;
	l->runs = 0;
	if (!p || !size) {
		l->mapped = 0;
		return;
	}
	/* Walk page by page: the first byte of each page, then the last. */
	while (c < end) {
		size_t chunk = PAGE_SIZE - offset_in_page(c);

		if (chunk > (size_t)(end - c))
			chunk = end - c;
		ph = ddit_phys_of(c);
		if (ph == DDIT_NOPHYS) {
			l->mapped = 0;
			return;
		}
		if (l->first == DDIT_NOPHYS)
			l->first = ph;
		if (l->runs == 0 || ph != expect)
			l->runs++;
		expect = ph + chunk;
		l->last = ph + chunk - 1;
		if (l->max == DDIT_NOPHYS || l->last > l->max)
			l->max = l->last;
		c += chunk;
	}
}

/* ---- contexts ------------------------------------------------------------ */

static DEFINE_SPINLOCK(ddit_lock);

void ddit_run_in_hardirq(void (*fn)(void *arg), void *arg)
{
	compat_run_in_hardirq(fn, arg);
}

void ddit_run_in_softirq(void (*fn)(void *arg), void *arg)
{
	compat_run_in_softirq(fn, arg);
}

void ddit_spin_lock(void)
{
	spin_lock(&ddit_lock);
}

void ddit_spin_unlock(void)
{
	spin_unlock(&ddit_lock);
}

void ddit_irq_disable(void)
{
	local_irq_disable();
}

void ddit_irq_enable(void)
{
	local_irq_enable();
}

int ddit_in_atomic(void)
{
	return in_atomic() || irqs_disabled();
}

unsigned long ddit_sleep_violations(void)
{
	return compat_sleep_violations();
}

unsigned long ddit_warn_count(void)
{
	return compat_warn_count();
}

void ddit_msleep(unsigned int ms)
{
	msleep(ms);
}

/* ---- log ----------------------------------------------------------------- */

void ddit_log_quiet(int quiet)
{
	compat_log_quiet(quiet != 0);
}

void ddit_log_clear(void)
{
	compat_log_clear();
}

int ddit_log_contains(const char *needle)
{
	return compat_log_contains(needle);
}

unsigned int ddit_log_count(const char *needle)
{
	return compat_log_count(needle);
}

static char log_copy[256 * 1024 + 1];

int ddit_log_line(const char *needle, unsigned int nth, char *buf,
		  size_t size)
{
	char *line, *nl;

	compat_log_read(log_copy, sizeof(log_copy));
	for (line = log_copy; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (strstr(line, needle) && nth-- == 0) {
			strscpy(buf, line, size);
			return 1;
		}
		if (!nl)
			break;
	}
	if (size)
		buf[0] = '\0';
	return 0;
}

/* ---- fault injection ----------------------------------------------------- */

void ddit_fault_fail_all(int family, int sleep_filter)
{
	struct compat_fault_spec spec = {
		.nth = 1,
		.times = -1,
		.zone = -1,
		.family = family,
	};

	spec.sleep = sleep_filter == DDIT_SLEEP_ONLY ? COMPAT_FAULT_SLEEP_ONLY :
		     sleep_filter == DDIT_NOSLEEP_ONLY ?
		     COMPAT_FAULT_NOSLEEP_ONLY : COMPAT_FAULT_SLEEP_ANY;
	compat_fault_set(&spec);
}

void ddit_fault_off(void)
{
	compat_fault_set(NULL);
}

unsigned long ddit_fault_injected(void)
{
	struct compat_fault_stats st;

	compat_fault_stats(&st);
	return st.injected;
}

void ddit_fault_nth(unsigned long nth)
{
	struct compat_fault_spec spec = {
		.nth = nth,
		.times = 1,
		.probability = 0,
		.seed = 1,
		.sleep = COMPAT_FAULT_SLEEP_ANY,
		.zone = -1,
		.family = COMPAT_FAULT_ANY,
	};

	compat_fault_set(&spec);
}

void ddit_fault_counts(struct ddit_fault_counts *c)
{
	struct compat_fault_stats st;

	compat_fault_stats(&st);
	c->calls = st.calls;
	c->matched = st.matched;
	c->injected = st.injected;
}

static struct completion lift_go, lift_done;
static unsigned int lift_ms;
static unsigned long lift_injected;
static int lift_state;		/* 0 none, 1 armed, 2 lifted */

static int lift_thread(void *unused)
{
	wait_for_completion(&lift_go);
	msleep(lift_ms);
	lift_injected = ddit_fault_injected();
	compat_fault_set(NULL);
	__atomic_store_n(&lift_state, 2, __ATOMIC_RELEASE);
	complete(&lift_done);
	return 0;
}

void ddit_fault_fail_all_for(unsigned int ms)
{
	struct task_struct *t;

	init_completion(&lift_go);
	init_completion(&lift_done);
	lift_ms = ms;
	lift_state = 1;
	/* Created before injection starts: creating it allocates. */
	t = kthread_run(lift_thread, NULL, "ddit-lift");
	BUG_ON(IS_ERR(t));
	ddit_fault_fail_all(DDIT_FAMILY_ANY, DDIT_SLEEP_ANY);
	complete(&lift_go);
}

unsigned long ddit_fault_lift_wait(void)
{
	wait_for_completion(&lift_done);
	return lift_injected;
}

int ddit_fault_lifted(void)
{
	return __atomic_load_n(&lift_state, __ATOMIC_ACQUIRE) == 2;
}

/* ---- physical memory ----------------------------------------------------- */

static enum zone_type zone_of(enum ddit_zone z)
{
	return z == DDIT_ZONE_DMA ? ZONE_DMA :
	       z == DDIT_ZONE_DMA32 ? ZONE_DMA32 : ZONE_NORMAL;
}

void *ddit_fragment(enum ddit_zone zone)
{
	return compat_fragment(zone_of(zone));
}

void *ddit_exhaust(enum ddit_zone zone)
{
	return compat_exhaust(zone_of(zone));
}

void ddit_unfragment(void *frag)
{
	if (frag)
		compat_unfragment(frag);
}

unsigned long ddit_zone_free_pages(enum ddit_zone zone)
{
	struct compat_zone_info info;

	if (!compat_zone_info(zone_of(zone), &info))
		return 0;
	return info.free_pages;
}

unsigned long ddit_free_pages(void)
{
	return compat_free_pages();
}

int ddit_zone_max_free_order(enum ddit_zone zone)
{
	struct compat_zone_info info;
	int o;

	if (!compat_zone_info(zone_of(zone), &info))
		return -1;
	for (o = MAX_ORDER - 1; o >= 0; o--)
		if (info.free_blocks[o])
			return o;
	return -1;
}

/* ---- raw coherent allocation (the reference the shim is compared to) ---- */

int ddit_coherent_try(unsigned long size, int bits)
{
	struct platform_device *pdev;
	dma_addr_t handle;
	void *cpu;
	int ok;

	pdev = platform_device_register_simple("ddit-coherent",
					       PLATFORM_DEVID_AUTO, NULL, 0);
	if (IS_ERR_OR_NULL(pdev))
		return -1;
	if (dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(bits))) {
		platform_device_unregister(pdev);
		return -1;
	}
	cpu = dma_alloc_coherent(&pdev->dev, size, &handle,
				 GFP_KERNEL | __GFP_NOWARN);
	ok = cpu != NULL;
	if (cpu)
		dma_free_coherent(&pdev->dev, size, cpu, handle);
	platform_device_unregister(pdev);
	return ok;
}

/* ---- foreign memory ------------------------------------------------------ */

void *ddit_kmalloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

void ddit_kfree(void *p)
{
	kfree(p);
}

void *ddit_page_alloc(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	return page ? page_address(page) : NULL;
}

void ddit_page_free(void *p)
{
	if (p)
		__free_page(virt_to_page(p));
}
