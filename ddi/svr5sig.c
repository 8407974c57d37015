// SPDX-License-Identifier: MIT
/*
 * svr5sig.c - SVR5 signal numbers (<sys/signal.h>) to the neutral
 * DDI_SIG_* indices of time_internal.h.  This file includes no Linux
 * header on purpose: Linux's <asm/signal.h> defines the same names with
 * other values (SIGWINCH is 20 on SVR5, 28 on Linux).  dev.c maps the
 * indices to Linux's numbers.
 */
#include <sys/signal.h>
#include "time_internal.h"

int ddi_svr5_signal(int sig)
{
	switch (sig) {
	case SIGHUP:
		return DDI_SIG_HUP;
	case SIGINT:
		return DDI_SIG_INT;
	case SIGQUIT:
		return DDI_SIG_QUIT;
	case SIGWINCH:
		return DDI_SIG_WINCH;
	case SIGURG:
		return DDI_SIG_URG;
	case SIGPOLL:
		return DDI_SIG_POLL;
	case SIGTSTP:
		return DDI_SIG_TSTP;
	case SIGWAITING:
		return DDI_SIG_WAITING;
	default:
		return -1;
	}
}
