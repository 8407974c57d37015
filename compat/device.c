/* SPDX-License-Identifier: MIT */
/*
 * device.c - struct device and platform devices (emulation of Linux 6.1,
 * drivers/base/core.c and drivers/base/platform.c).
 *
 * Theory: a device is reference counted from device_initialize() (count 1)
 * on; the last put_device() calls its release hook, which owns freeing it.
 * device_add() gives it its name (init_name if set) and marks it
 * registered; device_del() unmarks it.  Platform devices are also kept on
 * one list, under platform_lock (a mutex: registration may sleep), so that
 * a second device with the same name fails with -EEXIST as sysfs makes it
 * fail in 6.1.  There is no sysfs, kobject, driver binding or resource
 * tree: resources are copied and kept, not claimed.
 *
 * Locking: a device's fields are its owner's business, as in Linux; only
 * the refcount is atomic and the platform list is under platform_lock.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include "internal.h"

const struct bus_type platform_bus_type = {
	.name = "platform",
};
EXPORT_SYMBOL(platform_bus_type);

static DEFINE_MUTEX(platform_lock);
static LIST_HEAD(platform_devices);	/* of struct platform_object */

/* A platform device and its name in one allocation, as in 6.1. */
struct platform_object {
	struct platform_device pdev;
	struct list_head node;		/* on platform_devices when added */
	char name[];
};

/**
 * device_initialize - init device structure
 * @dev: device
 * Context: any.
 *
 * Reproduces 6.1: the reference count starts at one, the dma_pools list is
 * initialised (dma_pool_create() relies on it), no NUMA node.
 */
void device_initialize(struct device *dev)
{
	atomic_set(&dev->refcount, 1);
	INIT_LIST_HEAD(&dev->dma_pools);
	dev->numa_node = NUMA_NO_NODE;
	dev->registered = false;
}
EXPORT_SYMBOL(device_initialize);

/**
 * dev_set_name - set a device name
 * @dev: device
 * @fmt: format string for the device's name
 * Context: process context (allocates with GFP_KERNEL).
 *
 * Return: 0, or -ENOMEM.
 */
int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;
	char *name;
	int len;

	va_start(ap, fmt);
	len = host_vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return -EINVAL;
	name = kmalloc(len + 1, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	va_start(ap, fmt);
	host_vsnprintf(name, len + 1, fmt, ap);
	va_end(ap);
	kfree(dev->name);
	dev->name = name;
	return 0;
}
EXPORT_SYMBOL(dev_set_name);

/**
 * dev_driver_string - return a device's driver name, if at all possible
 * @dev: struct device to get the name of
 * Context: any.
 *
 * Return: the bound driver's name, else the bus name, else "".
 */
const char *dev_driver_string(const struct device *dev)
{
	if (dev->driver && dev->driver->name)
		return dev->driver->name;
	if (dev->bus && dev->bus->name)
		return dev->bus->name;
	return "";
}
EXPORT_SYMBOL(dev_driver_string);

/**
 * _dev_printk - print a message about a device
 * @level: KERN_* level
 * @dev: the device, or NULL
 * @fmt: printf format
 * Context: any.
 *
 * Prints "DRIVER NAME: message" (or "NAME: message" when the device has
 * neither driver nor bus), "(NULL device *): message" for a NULL device,
 * as 6.1's __dev_printk().
 */
void _dev_printk(const char *level, const struct device *dev,
		 const char *fmt, ...)
{
	char msg[512], f[16];
	const char *drv, *name;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	host_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	/* printk takes the level from its format string's prefix. */
	n = strnlen(level, 2);
	memcpy(f, level, n);
	memcpy(f + n, "%s%s%s: %s", sizeof("%s%s%s: %s"));

	if (!dev) {
		printk(f, "", "", "(NULL device *)", msg);
		return;
	}
	drv = dev_driver_string(dev);
	name = dev_name(dev);
	printk(f, drv, *drv ? " " : "", name ? name : "(null)", msg);
}
EXPORT_SYMBOL(_dev_printk);

/* The "kobject" release: the last reference is gone. */
static void device_release(struct device *dev)
{
	char *name = dev->name;

	if (dev->release) {
		dev->name = NULL;
		dev->release(dev);
	} else {
		WARN(1, "Device '%s' does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.\n",
		     dev_name(dev) ? dev_name(dev) : "(null)");
		dev->name = NULL;
	}
	kfree(name);
}

/**
 * get_device - increment reference count for device
 * @dev: device, or NULL
 * Context: any.
 *
 * Return: @dev.
 */
struct device *get_device(struct device *dev)
{
	if (dev)
		atomic_inc(&dev->refcount);
	return dev;
}
EXPORT_SYMBOL(get_device);

/**
 * put_device - decrement reference count
 * @dev: device in question, or NULL
 * Context: any; the release hook runs in the caller's context.
 *
 * The last reference calls dev->release; a device without one WARNs as
 * 6.1's kobject core does.
 */
void put_device(struct device *dev)
{
	if (!dev)
		return;
	if (WARN_ON(atomic_read(&dev->refcount) <= 0))
		return;
	if (atomic_dec_and_test(&dev->refcount))
		device_release(dev);
}
EXPORT_SYMBOL(put_device);

/**
 * device_add - add device to device hierarchy
 * @dev: device, initialised with device_initialize()
 * Context: process context.
 *
 * Names the device from init_name if set (as 6.1) and marks it registered.
 * Takes a reference for the registration.
 *
 * Return: 0, -EINVAL for a nameless device, -ENOMEM.
 */
int device_add(struct device *dev)
{
	might_sleep();
	if (!dev)
		return -EINVAL;
	if (dev->init_name) {
		int ret = dev_set_name(dev, "%s", dev->init_name);

		if (ret)
			return ret;
		dev->init_name = NULL;
	}
	if (!dev_name(dev))
		return -EINVAL;
	get_device(dev);
	dev->registered = true;
	return 0;
}
EXPORT_SYMBOL(device_add);

/**
 * device_del - delete device from system
 * @dev: device
 * Context: process context.
 */
void device_del(struct device *dev)
{
	might_sleep();
	if (!dev->registered)
		return;
	dev->registered = false;
	put_device(dev);
}
EXPORT_SYMBOL(device_del);

/**
 * device_register - register a device with the system
 * @dev: pointer to the device structure
 * Context: process context.
 *
 * device_initialize() plus device_add(); on failure the caller must still
 * put_device(), as in 6.1.
 */
int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}
EXPORT_SYMBOL(device_register);

/**
 * device_unregister - unregister device from system
 * @dev: device going away
 * Context: process context.
 */
void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}
EXPORT_SYMBOL(device_unregister);

/* ---- platform devices ---- */

static struct platform_object *to_platform_object(struct platform_device *p)
{
	return container_of(p, struct platform_object, pdev);
}

static void platform_device_release(struct device *dev)
{
	struct platform_object *pa =
		to_platform_object(to_platform_device(dev));

	kfree(pa->pdev.dev.platform_data);
	kfree(pa->pdev.resource);
	kfree(pa);
}

/* 6.1 setup_pdev_dma_masks(): 32-bit defaults. */
static void setup_pdev_dma_masks(struct platform_device *pdev)
{
	pdev->dev.dma_parms = &pdev->dma_parms;
	if (!pdev->dev.coherent_dma_mask)
		pdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	if (!pdev->dev.dma_mask) {
		pdev->platform_dma_mask = DMA_BIT_MASK(32);
		pdev->dev.dma_mask = &pdev->platform_dma_mask;
	}
}

/**
 * platform_device_alloc - create a platform device
 * @name: base name of the device we're adding
 * @id: instance id, or PLATFORM_DEVID_NONE
 * Context: process context.
 *
 * Return: a device with 32-bit DMA masks, or NULL.
 */
struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct platform_object *pa;
	size_t len = strlen(name);

	pa = kzalloc(sizeof(*pa) + len + 1, GFP_KERNEL);
	if (!pa)
		return NULL;
	memcpy(pa->name, name, len + 1);
	INIT_LIST_HEAD(&pa->node);
	pa->pdev.name = pa->name;
	pa->pdev.id = id;
	device_initialize(&pa->pdev.dev);
	pa->pdev.dev.release = platform_device_release;
	setup_pdev_dma_masks(&pa->pdev);
	return &pa->pdev;
}
EXPORT_SYMBOL(platform_device_alloc);

/**
 * platform_device_add_resources - add resources to a platform device
 * @pdev: device from platform_device_alloc()
 * @res: resources to copy
 * @num: how many
 * Context: process context.
 *
 * Return: 0 or -ENOMEM.
 */
int platform_device_add_resources(struct platform_device *pdev,
				  const struct resource *res, unsigned int num)
{
	struct resource *r = NULL;

	if (res) {
		r = kmalloc_array(num, sizeof(*res), GFP_KERNEL);
		if (!r)
			return -ENOMEM;
		memcpy(r, res, sizeof(*res) * num);
	}
	kfree(pdev->resource);
	pdev->resource = r;
	pdev->num_resources = r ? num : 0;
	return 0;
}
EXPORT_SYMBOL(platform_device_add_resources);

/**
 * platform_device_add_data - add platform-specific data to a device
 * @pdev: device from platform_device_alloc()
 * @data: data to copy (NULL: none)
 * @size: its size
 * Context: process context.
 *
 * Return: 0 or -ENOMEM.
 */
int platform_device_add_data(struct platform_device *pdev, const void *data,
			     size_t size)
{
	void *d = NULL;

	if (data) {
		d = kmalloc(size, GFP_KERNEL);
		if (!d)
			return -ENOMEM;
		memcpy(d, data, size);
	}
	kfree(pdev->dev.platform_data);
	pdev->dev.platform_data = d;
	return 0;
}
EXPORT_SYMBOL(platform_device_add_data);

/**
 * platform_device_add - add a platform device to device hierarchy
 * @pdev: platform device we're adding
 * Context: process context.
 *
 * Names it "NAME.ID", "NAME" (PLATFORM_DEVID_NONE) or "NAME.N.auto"
 * (PLATFORM_DEVID_AUTO) as 6.1 does.
 *
 * Return: 0, -EINVAL, -ENOMEM, or -EEXIST when a platform device of that
 * name is already registered (6.1 fails in sysfs the same way).
 */
int platform_device_add(struct platform_device *pdev)
{
	struct platform_object *pa, *other;
	static int next_auto_id;
	int ret;

	if (!pdev)
		return -EINVAL;
	pa = to_platform_object(pdev);
	pdev->dev.bus = &platform_bus_type;

	mutex_lock(&platform_lock);
	switch (pdev->id) {
	default:
		ret = dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
		break;
	case PLATFORM_DEVID_NONE:
		ret = dev_set_name(&pdev->dev, "%s", pdev->name);
		break;
	case PLATFORM_DEVID_AUTO:
		pdev->id = next_auto_id++;
		pdev->id_auto = true;
		ret = dev_set_name(&pdev->dev, "%s.%d.auto", pdev->name,
				   pdev->id);
		break;
	}
	if (ret)
		goto out;

	list_for_each_entry(other, &platform_devices, node) {
		if (!strcmp(dev_name(&other->pdev.dev), dev_name(&pdev->dev))) {
			pr_err("sysfs: cannot create duplicate filename '/devices/platform/%s'\n",
			       dev_name(&pdev->dev));
			ret = -EEXIST;
			goto out;
		}
	}
	ret = device_add(&pdev->dev);
	if (!ret)
		list_add_tail(&pa->node, &platform_devices);
out:
	if (ret && pdev->id_auto) {
		pdev->id_auto = false;
		pdev->id = PLATFORM_DEVID_AUTO;
	}
	mutex_unlock(&platform_lock);
	return ret;
}
EXPORT_SYMBOL(platform_device_add);

/**
 * platform_device_del - remove a platform-level device
 * @pdev: platform device we're removing
 * Context: process context.
 */
void platform_device_del(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	mutex_lock(&platform_lock);
	list_del_init(&to_platform_object(pdev)->node);
	mutex_unlock(&platform_lock);
	device_del(&pdev->dev);
	if (pdev->id_auto) {
		pdev->id_auto = false;
		pdev->id = PLATFORM_DEVID_AUTO;
	}
}
EXPORT_SYMBOL(platform_device_del);

/**
 * platform_device_put - destroy a platform device
 * @pdev: platform device to free (NULL or ERR_PTR: nothing)
 * Context: process context.
 */
void platform_device_put(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		put_device(&pdev->dev);
}
EXPORT_SYMBOL(platform_device_put);

/**
 * platform_device_register - add a platform-level device
 * @pdev: platform device we're adding (from platform_device_alloc())
 * Context: process context.
 */
int platform_device_register(struct platform_device *pdev)
{
	setup_pdev_dma_masks(pdev);
	return platform_device_add(pdev);
}
EXPORT_SYMBOL(platform_device_register);

/**
 * platform_device_unregister - unregister a platform-level device
 * @pdev: platform device we're unregistering
 * Context: process context.
 *
 * Deletes it and drops the caller's reference: the device is freed.
 */
void platform_device_unregister(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	platform_device_del(pdev);
	platform_device_put(pdev);
}
EXPORT_SYMBOL(platform_device_unregister);

/**
 * platform_device_register_resndata - add a platform-level device with
 * resources and platform-specific data
 * @parent: parent device, or NULL
 * @name: base name of the device we're adding
 * @id: instance id
 * @res: set of resources that needs to be allocated for the device
 * @num: number of resources
 * @data: platform specific data for this platform device
 * @size: size of platform specific data
 * Context: process context.
 *
 * 6.1's platform_device_register_full() for these arguments.
 *
 * Return: the registered device, or ERR_PTR(-errno).
 */
struct platform_device *platform_device_register_resndata(
		struct device *parent, const char *name, int id,
		const struct resource *res, unsigned int num,
		const void *data, size_t size)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(name, id);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = parent;
	ret = platform_device_add_resources(pdev, res, num);
	if (ret)
		goto err;
	ret = platform_device_add_data(pdev, data, size);
	if (ret)
		goto err;
	ret = platform_device_add(pdev);
	if (ret)
		goto err;
	return pdev;
err:
	platform_device_put(pdev);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL(platform_device_register_resndata);

/**
 * platform_get_resource - get a resource for a device
 * @dev: platform device
 * @type: resource type (IORESOURCE_MEM...)
 * @num: resource index among those of that type
 * Context: any.
 */
struct resource *platform_get_resource(struct platform_device *dev,
				       unsigned int type, unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if (type == resource_type(r) && num-- == 0)
			return r;
	}
	return NULL;
}
EXPORT_SYMBOL(platform_get_resource);
