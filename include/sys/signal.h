/*
 * <sys/signal.h> - the signals a driver may send, signals(D5).
 *
 * Numbers are SVR5's (UnixWare 7 / OpenServer 6 on i386), not Linux's:
 * proc_signal(D3) translates them.  Only the signals the DDI lets a
 * driver post are defined; SIGTSTP may only come from a stream (M_SIG),
 * never from proc_signal, and SIGWAITING has no Linux counterpart.
 */
#ifndef _SVR5DDI_SYS_SIGNAL_H
#define _SVR5DDI_SYS_SIGNAL_H

#define SIGHUP		1	/* the device has been disconnected */
#define SIGINT		2	/* the interrupt character was received */
#define SIGQUIT		3	/* the quit character was received */
#define SIGWINCH	20	/* the window size has changed */
#define SIGURG		21	/* urgent data are available */
#define SIGPOLL		22	/* a pollable event has occurred */
#define SIGTSTP		24	/* interactive stop (streams only) */
#define SIGWAITING	32	/* all LWPs of the process are blocked */

#endif /* _SVR5DDI_SYS_SIGNAL_H */
