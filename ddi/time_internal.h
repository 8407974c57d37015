/* SPDX-License-Identifier: MIT */
/*
 * time_internal.h - what the "time" family's files share (timeout.c,
 * drv_time.c, dev.c, svr5sig.c).  Includes nothing: svr5sig.c must see
 * no Linux header (SVR5 and Linux number signals differently and both
 * call them SIGHUP...), so the two sides meet on the neutral DDI_SIG_*
 * indices below.
 */
#ifndef _SVR5DDI_TIME_INTERNAL_H
#define _SVR5DDI_TIME_INTERNAL_H

/* The signals a driver may post with proc_signal(D3), signals(D5). */
enum ddi_sig {
	DDI_SIG_HUP,
	DDI_SIG_INT,
	DDI_SIG_QUIT,
	DDI_SIG_WINCH,
	DDI_SIG_URG,
	DDI_SIG_POLL,
	DDI_SIG_TSTP,		/* streams only: refused by proc_signal */
	DDI_SIG_WAITING,	/* no Linux counterpart: not delivered */
	DDI_SIG_NR
};

/*
 * ddi_svr5_signal - the DDI_SIG_* index of SVR5 signal number @sig
 * (<sys/signal.h>), or -1 for a number drivers may not send.
 * Context: any.
 */
int ddi_svr5_signal(int sig);

#endif
