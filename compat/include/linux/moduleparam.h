/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_MODULEPARAM_H
#define _COMPAT_LINUX_MODULEPARAM_H
/* Module parameters have no loader here: the userspace build reads the
 * corresponding SVR5DDI_* environment variables instead. */
#define module_param(name, type, perm)
#define module_param_named(name, value, type, perm)
#define MODULE_PARM_DESC(name, desc)

struct kernel_param;

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

struct kernel_param {
	const char *name;
	const struct kernel_param_ops *ops;
	unsigned short perm;
	void *arg;
};

/* Kept (never called here) so that the ops are used, as in Linux. */
#define module_param_cb(name, ops, arg, perm)				\
	static const struct kernel_param __param_##name			\
	__attribute__((used)) = { #name, (ops), (perm), (arg) }
#endif
