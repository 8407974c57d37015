/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_MODULEPARAM_H
#define _COMPAT_LINUX_MODULEPARAM_H
/* Module parameters have no loader here: the userspace build reads the
 * corresponding SVR5DDI_* environment variables instead. */
#define module_param(name, type, perm)
#define module_param_named(name, value, type, perm)
#define MODULE_PARM_DESC(name, desc)
#endif
