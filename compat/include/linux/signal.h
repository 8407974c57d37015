/* SPDX-License-Identifier: MIT */
/*
 * linux/signal.h - signal numbers, x86 values (userspace emulation of
 * 6.1's <asm/signal.h>).  Each is guarded: a test may also include the C
 * library's <signal.h>, which has the same numbers.
 */
#ifndef _COMPAT_LINUX_SIGNAL_H
#define _COMPAT_LINUX_SIGNAL_H

#ifndef _NSIG
#define _NSIG		64
#endif
#ifndef SIGHUP
#define SIGHUP		 1
#endif
#ifndef SIGINT
#define SIGINT		 2
#endif
#ifndef SIGQUIT
#define SIGQUIT		 3
#endif
#ifndef SIGKILL
#define SIGKILL		 9
#endif
#ifndef SIGUSR1
#define SIGUSR1		10
#endif
#ifndef SIGTERM
#define SIGTERM		15
#endif
#ifndef SIGCHLD
#define SIGCHLD		17
#endif
#ifndef SIGTSTP
#define SIGTSTP		20
#endif
#ifndef SIGURG
#define SIGURG		23
#endif
#ifndef SIGWINCH
#define SIGWINCH	28
#endif
#ifndef SIGIO
#define SIGIO		29
#endif
#ifndef SIGPOLL
#define SIGPOLL		SIGIO
#endif

#endif
