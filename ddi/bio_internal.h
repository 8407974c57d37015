/* SPDX-License-Identifier: MIT */
/*
 * bio_internal.h - what the block-I/O files (bio.c, breakup.c,
 * physiock.c) share.
 *
 * A buf_t's private members (<sys/buf.h>, b_ddi_*):
 *   b_ddi_magic  DDI_BUF_RBUF (getrbuf), DDI_BUF_EBLK (ngeteblk/geteblk),
 *                DDI_BUF_PIECE (a buf_breakup piece), DDI_BUF_DEAD (freed);
 *                anything else: a header svr5ddi did not make.
 *   b_ddi_state  DDI_BS_INFLIGHT while a strategy routine svr5ddi called
 *                (physiock, buf_breakup) owns the buffer, plus the number
 *                of biowait callers asleep on it (DDI_BS_WAITER units).
 *                Both under ddi_bio_lock; a buffer with either is busy and
 *                is not freed.
 * Completion: biodone sets B_DONE with release ordering as its LAST access
 * to the buffer (the waiter may free it at once) and then wakes the one
 * global wait queue ddi_bio_wait; every sleeper re-checks its own
 * condition.  Nobody ever sleeps on memory inside a buffer.
 */
#ifndef _SVR5DDI_BIO_INTERNAL_H
#define _SVR5DDI_BIO_INTERNAL_H

#include <linux/wait.h>
#include <linux/spinlock.h>
#include "ddi_internal.h"
#include <sys/param.h>
#include <sys/buf.h>

#define DDI_BUF_RBUF	0x52627566U	/* "Rbuf" */
#define DDI_BUF_EBLK	0x45626c6bU	/* "Eblk" */
#define DDI_BUF_PIECE	0x50636521U	/* "Pce!" */
#define DDI_BUF_DEAD	0xdeadb0ffU

#define DDI_BS_INFLIGHT	0x1U
#define DDI_BS_WAITER	0x100U

#define DDI_NODEV	(~0UL)		/* b_edev of a new header (NODEV) */

extern spinlock_t ddi_bio_lock;
extern struct wait_queue_head ddi_bio_wait;

/* May the caller sleep here?  (process context, no spin lock, irqs on) */
static inline bool ddi_bio_may_sleep(void)
{
	return !in_interrupt() && !in_atomic() && !irqs_disabled();
}

/* "interrupt" or "atomic": for WRONG_CONTEXT reports. */
static inline const char *ddi_bio_ctx(void)
{
	return in_interrupt() ? "interrupt" : "atomic";
}

/* Mark @bp handed to a strategy routine by svr5ddi.  Context: any. */
void ddi_buf_inflight(buf_t *bp);

/* A zeroed header of @magic from kmem (never NULL with KM_SLEEP). */
buf_t *ddi_buf_new(size_t size, int km, unsigned int magic,
		   const char *file, int line);
/* Free a header made by ddi_buf_new(@size) (no checks). */
void ddi_buf_delete(buf_t *bp, size_t size, const char *file, int line);

/* biowait without the context report (callers checked). */
int ddi_biowait(buf_t *bp);

#endif /* _SVR5DDI_BIO_INTERNAL_H */
