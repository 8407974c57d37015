/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/signal.h - what kill_pid() delivered, for tests.  Not Linux
 * API.  The emulation records each signal posted to a process on its
 * struct pid (<linux/pid.h>); nothing interrupts the task.
 */
#ifndef _SVR5COMPAT_SIGNAL_H
#define _SVR5COMPAT_SIGNAL_H
#include <linux/types.h>

struct pid;

/* Signals posted to @pid's process so far: bit (sig - 1) per signal. */
unsigned long compat_pid_signals(struct pid *pid);

#endif
