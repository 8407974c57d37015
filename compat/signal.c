/* SPDX-License-Identifier: MIT */
/*
 * signal.c - signals to tasks (emulation of the part of 6.1's
 * kernel/signal.c a driver meets: send_sig, kill_pid's delivery,
 * signal_pending, flush_signals, allow_signal).
 *
 * Theory.  A task's signal state lives on its task_struct: the pending
 * mask, the signals it handles itself (allow_signal: 6.1's SIG_KTHREAD)
 * and those it ignores (disallow_signal: SIG_IGN), and the wait queue it
 * sleeps on interruptibly, if any.  One host mutex, sig_lock, guards all
 * of it for every task (6.1 has a siglock per process; one lock is
 * simpler and this is not a hot path).  Readers of the pending mask
 * (signal_pending) use atomic loads without the lock, as Linux tests
 * TIF_SIGPENDING.
 *
 * Sending, as 6.1's send_signal_locked() and complete_signal() for a
 * process of one thread (every task is its own thread group here):
 *  - a stop signal drops a pending SIGCONT, SIGCONT drops pending stop
 *    signals;
 *  - the handler is SIG_KTHREAD after allow_signal, SIG_IGN after
 *    disallow_signal, otherwise SIG_IGN in a kernel thread (6.1's
 *    kthreads ignore everything, SIGKILL included) and SIG_DFL in any
 *    other task.  An ignored signal (SIG_IGN, or SIG_DFL for SIGCONT,
 *    SIGCHLD, SIGWINCH, SIGURG) is dropped: the call still returns 0;
 *  - otherwise it is marked pending.  If the task already had a signal
 *    pending and is asleep in an interruptible or killable wait, nothing
 *    more happens (6.1's wants_signal()), unless the signal is SIGKILL;
 *  - a signal whose action is the default and fatal (not ignored, not a
 *    stop signal, no core dump) also makes SIGKILL pending, as 6.1's
 *    group exit does: fatal_signal_pending() becomes true.  The task does
 *    not die here: that is the emulation's only departure;
 *  - then signal_wake_up(): a task asleep in TASK_INTERRUPTIBLE is woken;
 *    one in TASK_KILLABLE only when SIGKILL was made pending; one in
 *    TASK_UNINTERRUPTIBLE never.  Its wait returns -ERESTARTSYS.
 *
 * Waking: a sleeper records its wait queue and state here (under
 * sig_lock) before it takes the queue's mutex, and clears them after
 * releasing it; the sender, still under sig_lock, kicks that queue
 * (compat/wait.c), so the queue cannot be freed meanwhile.  Lock order:
 * pid.c's pid_lock, then kthread.c's lock (kthread_func), then sig_lock,
 * then a wait queue's mutex.  Sleeps outside wait queues
 * (schedule_timeout, msleep) are not woken by signals.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/errno.h>
#include <linux/export.h>
#include "internal.h"

#define SIGBIT(sig)	(1UL << ((sig) - 1))

/* 6.1's SIG_KERNEL_*_MASK sets (x86 numbers). */
#define KERNEL_IGNORE_MASK	(SIGBIT(SIGCONT) | SIGBIT(SIGCHLD) | \
				 SIGBIT(SIGWINCH) | SIGBIT(SIGURG))
#define KERNEL_STOP_MASK	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | \
				 SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define KERNEL_COREDUMP_MASK	(SIGBIT(SIGQUIT) | SIGBIT(SIGILL) | \
				 SIGBIT(SIGTRAP) | SIGBIT(SIGABRT) | \
				 SIGBIT(SIGFPE) | SIGBIT(SIGSEGV) | \
				 SIGBIT(SIGBUS) | SIGBIT(SIGSYS) | \
				 SIGBIT(SIGXCPU) | SIGBIT(SIGXFSZ))
/* dequeued first, as 6.1's next_signal() does */
#define SYNCHRONOUS_MASK	(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | \
				 SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | \
				 SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

enum sig_handler { HANDLER_DFL, HANDLER_IGN, HANDLER_KTHREAD };

static struct host_mutex sig_lock;

static void set_pending(struct task_struct *t, unsigned long mask)
{
	__atomic_store_n(&t->__sigpending, mask, __ATOMIC_RELEASE);
}

/* @t's handler for @sig (sig_lock held). */
static enum sig_handler handler_of(struct task_struct *t, int sig,
				   bool kthread)
{
	unsigned long bit = SIGBIT(sig);

	if (t->__sigcaught & bit)
		return HANDLER_KTHREAD;
	if ((t->__sigignored & bit) || kthread)
		return HANDLER_IGN;
	return HANDLER_DFL;
}

/*
 * signal_wake_up - wake @t if it sleeps where a signal may end the sleep
 * (@fatal: SIGKILL is pending, killable sleeps end too).  sig_lock held.
 */
static void signal_wake_up(struct task_struct *t, bool fatal)
{
	unsigned int mask = TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0);

	if (t->__sleep_wq && (t->__sleep_state & mask))
		__compat_wait_kick(t->__sleep_wq);
}

/*
 * __compat_send_signal - deliver @sig (1.._NSIG) to @t as described at
 * the top.  Returns 0 (also when the signal is ignored).  The caller
 * keeps @t alive.  Context: any; never sleeps.
 */
int __compat_send_signal(struct task_struct *t, int sig)
{
	bool kthread = kthread_func(t) != NULL;
	unsigned long bit = SIGBIT(sig), pending;
	enum sig_handler h;

	host_mutex_lock(&sig_lock);
	pending = t->__sigpending;
	if (bit & KERNEL_STOP_MASK)
		pending &= ~SIGBIT(SIGCONT);
	else if (sig == SIGCONT)
		pending &= ~KERNEL_STOP_MASK;
	set_pending(t, pending);

	h = handler_of(t, sig, kthread);
	if (h == HANDLER_IGN || (h == HANDLER_DFL && (bit & KERNEL_IGNORE_MASK)))
		goto out;
	set_pending(t, pending | bit);
	/* wants_signal(): a sleeping task with a signal pending was woken */
	if (sig != SIGKILL && pending && t != current && t->__sleep_wq)
		goto out;
	if (h == HANDLER_DFL &&
	    !(bit & (KERNEL_IGNORE_MASK | KERNEL_STOP_MASK |
		     KERNEL_COREDUMP_MASK))) {
		set_pending(t, pending | bit | SIGBIT(SIGKILL));
		signal_wake_up(t, true);
		goto out;
	}
	signal_wake_up(t, sig == SIGKILL);
out:
	host_mutex_unlock(&sig_lock);
	return 0;
}

/**
 * send_sig - send @sig to the task @p (its thread group: @p itself here)
 * @sig: signal number, 0 (nothing sent) to _NSIG
 * @p: a task the caller keeps alive
 * @priv: 1 for a kernel-generated signal (no permission check, as
 *        everywhere here)
 *
 * As 6.1's send_sig(): -EINVAL for an invalid number, otherwise 0, also
 * when @p ignores @sig (a kernel thread that did not allow_signal() it).
 * A signal taken wakes @p from an interruptible wait (-ERESTARTSYS).
 * Context: any; never sleeps.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	if (sig < 0 || !valid_signal((unsigned long)sig))
		return -EINVAL;
	if (!sig)
		return 0;
	return __compat_send_signal(p, sig);
}
EXPORT_SYMBOL(send_sig);

/**
 * flush_signals - drop every signal pending on @t
 * @t: the calling task, or one the caller keeps alive
 *
 * signal_pending(@t) is false afterwards (6.1 clears TIF_SIGPENDING and
 * both pending queues).  Kernel threads that allow signals call it after
 * acting on one; tests call it to end a signal they sent.
 * Context: any; never sleeps.
 */
void flush_signals(struct task_struct *t)
{
	host_mutex_lock(&sig_lock);
	set_pending(t, 0);
	host_mutex_unlock(&sig_lock);
}
EXPORT_SYMBOL(flush_signals);

/**
 * kernel_dequeue_signal - take the calling task's next pending signal
 *
 * Returns its number (a synchronous one first, else the lowest), 0 if
 * none is pending; it is no longer pending.  Context: process.
 */
int kernel_dequeue_signal(void)
{
	struct task_struct *t = current;
	unsigned long pending, pick;
	int sig = 0;

	host_mutex_lock(&sig_lock);
	pending = t->__sigpending;
	pick = pending & SYNCHRONOUS_MASK ? pending & SYNCHRONOUS_MASK :
		pending;
	if (pick) {
		sig = __builtin_ctzl(pick) + 1;
		set_pending(t, pending & ~SIGBIT(sig));
	}
	host_mutex_unlock(&sig_lock);
	return sig;
}
EXPORT_SYMBOL(kernel_dequeue_signal);

/* allow_signal - see <linux/signal.h>.  Context: process. */
void allow_signal(int sig)
{
	struct task_struct *t = current;

	if (WARN_ON(sig < 1 || sig > _NSIG))
		return;
	host_mutex_lock(&sig_lock);
	t->__sigcaught |= SIGBIT(sig);
	t->__sigignored &= ~SIGBIT(sig);
	host_mutex_unlock(&sig_lock);
}
EXPORT_SYMBOL(allow_signal);

/* disallow_signal - see <linux/signal.h>.  Context: process. */
void disallow_signal(int sig)
{
	struct task_struct *t = current;

	if (WARN_ON(sig < 1 || sig > _NSIG))
		return;
	host_mutex_lock(&sig_lock);
	t->__sigignored |= SIGBIT(sig);
	t->__sigcaught &= ~SIGBIT(sig);
	set_pending(t, t->__sigpending & ~SIGBIT(sig));
	host_mutex_unlock(&sig_lock);
}
EXPORT_SYMBOL(disallow_signal);

/* __compat_signal_interrupts - would a pending signal end a sleep of the
 * calling task in @state?  (compat/wait.c, linux/wait.h) */
bool __compat_signal_interrupts(unsigned int state)
{
	return signal_pending_state(state, current);
}
EXPORT_SYMBOL(__compat_signal_interrupts);

/* __compat_signal_sleep_begin - the calling task is about to sleep on
 * @wq in @state: a signal must kick @wq.  (compat/wait.c) */
void __compat_signal_sleep_begin(struct wait_queue_head *wq,
				 unsigned int state)
{
	struct task_struct *t = current;

	host_mutex_lock(&sig_lock);
	t->__sleep_wq = wq;
	t->__sleep_state = state;
	host_mutex_unlock(&sig_lock);
}

/* __compat_signal_sleep_end - the calling task no longer sleeps on its
 * queue, which may now go away.  (compat/wait.c) */
void __compat_signal_sleep_end(void)
{
	struct task_struct *t = current;

	host_mutex_lock(&sig_lock);
	t->__sleep_wq = NULL;
	t->__sleep_state = 0;
	host_mutex_unlock(&sig_lock);
}
