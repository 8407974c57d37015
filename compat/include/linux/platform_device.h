/* SPDX-License-Identifier: MIT */
/*
 * linux/platform_device.h - platform devices (emulation of Linux 6.1,
 * drivers/base/platform.c).  Implementation: compat/device.c.
 *
 * platform_device_register_simple() allocates, names ("NAME.ID", or
 * "NAME" for PLATFORM_DEVID_NONE) and registers a device whose DMA masks
 * are 6.1's defaults: dma_mask points at pdev->platform_dma_mask, both
 * 32-bit.  platform_device_unregister() drops the last reference, which
 * frees it.  Errors come back as ERR_PTR(), as in 6.1.
 */
#ifndef _COMPAT_LINUX_PLATFORM_DEVICE_H
#define _COMPAT_LINUX_PLATFORM_DEVICE_H
#include <linux/device.h>
#include <linux/ioport.h>

#define PLATFORM_DEVID_NONE	(-1)
#define PLATFORM_DEVID_AUTO	(-2)

struct platform_device {
	const char *name;
	int id;
	bool id_auto;
	struct device dev;
	u64 platform_dma_mask;
	struct device_dma_parameters dma_parms;
	u32 num_resources;
	struct resource *resource;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)

extern const struct bus_type platform_bus_type;

struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add_resources(struct platform_device *pdev,
				  const struct resource *res, unsigned int num);
int platform_device_add_data(struct platform_device *pdev, const void *data,
			     size_t size);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);
struct platform_device *platform_device_register_resndata(
		struct device *parent, const char *name, int id,
		const struct resource *res, unsigned int num,
		const void *data, size_t size);

static inline struct platform_device *platform_device_register_simple(
		const char *name, int id,
		const struct resource *res, unsigned int num)
{
	return platform_device_register_resndata(NULL, name, id, res, num,
						 NULL, 0);
}

static inline struct platform_device *platform_device_register_data(
		struct device *parent, const char *name, int id,
		const void *data, size_t size)
{
	return platform_device_register_resndata(parent, name, id, NULL, 0,
						 data, size);
}

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

struct resource *platform_get_resource(struct platform_device *dev,
				       unsigned int type, unsigned int num);

#endif
