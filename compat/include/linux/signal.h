/* SPDX-License-Identifier: MIT */
/*
 * linux/signal.h - signal numbers, x86 values (userspace emulation of
 * 6.1's <asm/signal.h>), and a kernel thread's choice of the signals it
 * takes (allow_signal, disallow_signal; compat/signal.c).  Each number is
 * guarded: a test may also include the C library's <signal.h>, which has
 * the same numbers.
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
#ifndef SIGILL
#define SIGILL		4
#endif
#ifndef SIGTRAP
#define SIGTRAP		5
#endif
#ifndef SIGABRT
#define SIGABRT		6
#endif
#ifndef SIGBUS
#define SIGBUS		7
#endif
#ifndef SIGFPE
#define SIGFPE		8
#endif
#ifndef SIGSEGV
#define SIGSEGV		11
#endif
#ifndef SIGUSR2
#define SIGUSR2		12
#endif
#ifndef SIGPIPE
#define SIGPIPE		13
#endif
#ifndef SIGALRM
#define SIGALRM		14
#endif
#ifndef SIGCONT
#define SIGCONT		18
#endif
#ifndef SIGSTOP
#define SIGSTOP		19
#endif
#ifndef SIGTTIN
#define SIGTTIN		21
#endif
#ifndef SIGTTOU
#define SIGTTOU		22
#endif
#ifndef SIGXCPU
#define SIGXCPU		24
#endif
#ifndef SIGXFSZ
#define SIGXFSZ		25
#endif
#ifndef SIGSYS
#define SIGSYS		31
#endif

/* A signal number send_sig() and kill_pid() accept (0 checks only). */
static inline int valid_signal(unsigned long sig)
{
	return sig <= _NSIG ? 1 : 0;
}

/*
 * allow_signal - let the calling task take @sig: kernel threads ignore
 * every signal until they call it (6.1's SIG_KTHREAD handler); the
 * signal then interrupts its interruptible sleeps and stays pending
 * until flush_signals() or kernel_dequeue_signal().  In an ordinary task
 * it replaces the default action (a default-fatal signal no longer
 * becomes SIGKILL).  disallow_signal - ignore @sig from now on and drop
 * it if pending.  Context: process.
 */
void allow_signal(int sig);
void disallow_signal(int sig);

#endif
