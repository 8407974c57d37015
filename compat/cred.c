/* SPDX-License-Identifier: MIT */
/*
 * cred.c - task credentials and capable() (emulation of 6.1's
 * kernel/cred.c and kernel/capability.c).
 *
 * Theory.  Each task's credentials are a pointer in thread-local storage,
 * &init_cred until the task commits others.  A struct cred is never
 * changed once installed; prepare_creds() copies the current set into a
 * new one (usage 1) that commit_creds() installs, putting the old set.
 * init_cred is static and never freed: uid 0 and every capability, the
 * credentials of kernel threads.  Sets other than init_cred come from
 * kmalloc(), as Linux's come from the cred_jar slab cache.
 */
#include <linux/kernel.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include "internal.h"

static struct cred init_cred = {
	.usage = ATOMIC_INIT(1 << 30),	/* never reaches 0 */
	.cap_inheritable = CAP_EMPTY_SET,
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
	.cap_bset = CAP_FULL_SET,
	.cap_ambient = CAP_EMPTY_SET,
};

static __thread const struct cred *task_cred;

const struct cred *__compat_current_cred(void)
{
	const struct cred *c = task_cred;

	return c ? c : &init_cred;
}
EXPORT_SYMBOL(__compat_current_cred);

/**
 * prepare_creds - a private, modifiable copy of the current task's
 * credentials (usage 1), or NULL when memory is short.
 * Context: process; may sleep.
 */
struct cred *prepare_creds(void)
{
	struct cred *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	memcpy(new, current_cred(), sizeof(*new));
	atomic_set(&new->usage, 1);
	return new;
}
EXPORT_SYMBOL(prepare_creds);

/**
 * commit_creds - install @new as the current task's credentials, taking
 * over the caller's reference; the old set is put.  Returns 0.
 * Context: process.
 */
int commit_creds(struct cred *new)
{
	const struct cred *old = current_cred();

	task_cred = new;
	if (old != &init_cred)
		put_cred(old);
	return 0;
}
EXPORT_SYMBOL(commit_creds);

/* abort_creds - discard a set prepare_creds() made and nobody installed. */
void abort_creds(struct cred *new)
{
	put_cred(new);
}
EXPORT_SYMBOL(abort_creds);

/* __put_cred - free a set whose last reference went. */
void __put_cred(struct cred *cred)
{
	if (WARN_ON(cred == &init_cred))
		return;
	kfree(cred);
}
EXPORT_SYMBOL(__put_cred);

/**
 * capable - does the current task have @cap in its effective set?
 * (6.1 also consults the LSMs and marks the task as having used a
 * privilege; the emulation has no LSM.)  Context: process.
 */
bool capable(int cap)
{
	if (WARN_ONCE(cap < 0 || cap > CAP_LAST_CAP,
		      "capable() called with invalid cap=%d\n", cap))
		return false;
	return cap_raised(current_cred()->cap_effective, cap) != 0;
}
EXPORT_SYMBOL(capable);
