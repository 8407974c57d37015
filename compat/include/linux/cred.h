/* SPDX-License-Identifier: MIT */
/*
 * linux/cred.h - task credentials (userspace emulation of 6.1).
 *
 * As in Linux, a task's credentials are an immutable, reference-counted
 * struct cred: current_cred() reads them, and a change is made by
 * prepare_creds() (a private copy), editing the copy, and commit_creds()
 * (installs it; the old set is put).  Every emulated task starts with
 * the emulation's initial credentials: uid 0 with every capability, as
 * the kernel threads and root processes a driver usually runs under.
 */
#ifndef _COMPAT_LINUX_CRED_H
#define _COMPAT_LINUX_CRED_H
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/uidgid.h>

struct cred {
	atomic_t usage;
	kuid_t uid, euid, suid, fsuid;
	kgid_t gid, egid, sgid, fsgid;
	kernel_cap_t cap_inheritable;
	kernel_cap_t cap_permitted;
	kernel_cap_t cap_effective;
	kernel_cap_t cap_bset;
	kernel_cap_t cap_ambient;
};

const struct cred *__compat_current_cred(void);
#define current_cred()	__compat_current_cred()
#define current_uid()	(current_cred()->uid)
#define current_euid()	(current_cred()->euid)

struct cred *prepare_creds(void);
int commit_creds(struct cred *new);
void abort_creds(struct cred *new);
void __put_cred(struct cred *cred);

static inline const struct cred *get_cred(const struct cred *cred)
{
	if (cred)
		atomic_inc(&((struct cred *)cred)->usage);
	return cred;
}

static inline void put_cred(const struct cred *cred)
{
	if (cred && atomic_dec_and_test(&((struct cred *)cred)->usage))
		__put_cred((struct cred *)cred);
}

#endif
