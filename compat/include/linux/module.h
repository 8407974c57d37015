/* SPDX-License-Identifier: MIT */
/* linux/module.h - module metadata; a process has one "module": itself. */
#ifndef _COMPAT_LINUX_MODULE_H
#define _COMPAT_LINUX_MODULE_H
#include <linux/export.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_VERSION(x)
#define MODULE_ALIAS(x)
#define THIS_MODULE	((struct module *)0)
struct module;
#endif
