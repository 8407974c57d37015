/* SPDX-License-Identifier: MIT */
/*
 * svr5compat/signal.h - what kill_pid() posted, for tests.  Not Linux
 * API.  Besides delivering it (<linux/sched/signal.h>), the emulation
 * records each signal posted to a process on its struct pid
 * (<linux/pid.h>), including those the task ignores.
 */
#ifndef _SVR5COMPAT_SIGNAL_H
#define _SVR5COMPAT_SIGNAL_H
#include <linux/types.h>

struct pid;

/* Signals posted to @pid's process so far: bit (sig - 1) per signal
 * (a record: flush_signals() does not clear it). */
unsigned long compat_pid_signals(struct pid *pid);

#endif
