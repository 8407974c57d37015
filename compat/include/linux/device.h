/* SPDX-License-Identifier: MIT */
/*
 * linux/device.h - the parts of the driver model the emulation needs
 * (emulation of Linux 6.1).  Implementation: compat/device.c.
 *
 * A struct device here carries what the DMA API and dmapool read (the DMA
 * masks, the bus limit, the list of dma_pools), a name, driver data, a
 * reference count and a release hook.  There is no sysfs, no kobject and
 * no driver binding: a device is "registered" once device_add() named it.
 * As in 6.1, a device must pass through device_initialize() (directly or
 * via platform_device_alloc()/platform_device_register_simple()) before
 * dma_pool_create() may use it.
 */
#ifndef _COMPAT_LINUX_DEVICE_H
#define _COMPAT_LINUX_DEVICE_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/printk.h>
#include <linux/gfp_types.h>

struct device;

struct bus_type {
	const char *name;
};

struct device_driver {
	const char *name;
};

struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};

struct device {
	struct device *parent;
	const char *init_name;		/* initial name of the device */
	char *name;			/* set by dev_set_name(), kmalloc'ed */
	const struct bus_type *bus;	/* its bus; dev_printk prints its name */
	struct device_driver *driver;	/* bound driver, if any */
	void *platform_data;
	void *driver_data;		/* dev_set_drvdata()/dev_get_drvdata() */

	u64 *dma_mask;			/* streaming DMA mask */
	u64 coherent_dma_mask;		/* dma_alloc_coherent() mask */
	u64 bus_dma_limit;		/* upstream bridge limit, 0: none */
	struct device_dma_parameters *dma_parms;
	struct list_head dma_pools;	/* dma pools (if dmapool'ed) */
	int numa_node;

	atomic_t refcount;		/* get_device()/put_device() */
	bool registered;		/* between device_add() and device_del() */
	void (*release)(struct device *dev);
};

void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
int device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int dev_set_name(struct device *dev, const char *name, ...) __printf(2, 3);
const char *dev_driver_string(const struct device *dev);

static inline const char *dev_name(const struct device *dev)
{
	/* Use the init name until the real name is set, as 6.1 does. */
	if (dev->init_name)
		return dev->init_name;
	return dev->name;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline int dev_to_node(struct device *dev)
{
	return dev->numa_node;
}

static inline void set_dev_node(struct device *dev, int node)
{
	dev->numa_node = node;
}

/*
 * dev_printk and friends: "DRIVER NAME: message" at the given level, as
 * 6.1's __dev_printk() (DRIVER is the bound driver's name, else the bus
 * name: "platform foo.0: message").  dev_dbg compiles to nothing, as with
 * dynamic debug off.
 */
void _dev_printk(const char *level, const struct device *dev,
		 const char *fmt, ...) __printf(3, 4);

#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif
#define dev_printk(level, dev, fmt, ...) \
	_dev_printk(level, dev, fmt, ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) \
	_dev_printk(KERN_EMERG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) \
	_dev_printk(KERN_ALERT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) \
	_dev_printk(KERN_CRIT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) \
	_dev_printk(KERN_ERR, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) \
	_dev_printk(KERN_WARNING, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) \
	_dev_printk(KERN_NOTICE, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) \
	_dev_printk(KERN_INFO, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) \
	({ if (0) _dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__); })

#define dev_WARN(dev, format, ...) \
	WARN(1, "%s %s: " format, dev_driver_string(dev), dev_name(dev), \
	     ##__VA_ARGS__)
#define dev_WARN_ONCE(dev, condition, format, ...) \
	WARN_ONCE(condition, "%s %s: " format, dev_driver_string(dev), \
		  dev_name(dev), ##__VA_ARGS__)

#endif
