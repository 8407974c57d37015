/* SPDX-License-Identifier: MIT */
/*
 * linux/delay.h - busy-wait delays (legal in atomic context) and msleep
 * (sleeps: might_sleep()).
 */
#ifndef _COMPAT_LINUX_DELAY_H
#define _COMPAT_LINUX_DELAY_H
#include <linux/types.h>
void ndelay(unsigned long nsecs);
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);
void fsleep(unsigned long usecs);
#endif
