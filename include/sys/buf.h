/*
 * <sys/buf.h> - block-I/O buffers and breakup constraints: bcb(D4).
 *
 * A bcb_t tells buf_breakup(D3) how to cut a request: which address forms
 * the driver accepts (BA_*), how (BCB_*), the largest transfer, the
 * granularity, and the physreq the pieces must meet.  The member order is
 * the documented one.  bcb_alloc zero-fills a bcb and does not allocate
 * its physreq; bcb_prep (DDI 8) also preps that physreq.
 *
 * buf_t is opaque for now: the block-I/O work fills in struct buf.
 *
 * bcb_alloc and bcb_free take part in the site capture described in
 * <sys/kmem.h> (bcb_alloc_site, bcb_free_site; SVR5DDI_NO_SITE_MACROS
 * turns it off).
 */
#ifndef _SVR5DDI_SYS_BUF_H
#define _SVR5DDI_SYS_BUF_H

#include <sys/types.h>
#include <sys/kmem.h>

typedef struct buf buf_t;	/* opaque until the block-I/O interface */

typedef struct bcb {
	uchar_t		bcb_addrtypes;	/* BA_* forms the driver accepts */
	uchar_t		bcb_flags;	/* BCB_* */
	size_t		bcb_max_xfer;	/* largest piece, bytes */
	size_t		bcb_granularity; /* pieces are multiples of this */
	physreq_t	*bcb_physreqp;	/* constraints on every piece */
} bcb_t;

/* bcb_addrtypes */
#define BA_KVIRT	0x01	/* kernel virtual address */
#define BA_UVIRT	0x02	/* user virtual address */
#define BA_PAGELIST	0x04	/* page list */
#define BA_PHYS		0x08	/* physical address */
#define BA_SCGTH	0x10	/* scatter/gather list */

/* bcb_flags */
#define BCB_PHYSCONTIG	0x01
#define BCB_ONE_PIECE	0x02	/* the driver takes no split requests */
#define BCB_EXACT_SIZE	0x04
#define BCB_SYNCHRONOUS	0x08
#define BCB_NOMEMWAIT	0x10

bcb_t *bcb_alloc(int);				/* (flag) */
bcb_t *bcb_alloc_site(int, const char *, int);
void bcb_free(bcb_t *);
void bcb_free_site(bcb_t *, const char *, int);
#if !defined(_DDI) || _DDI >= 8
boolean_t bcb_prep(bcb_t *, int);		/* (bcbp, flag), DDI 8 */
#endif
void buf_breakup(void (*)(buf_t *), buf_t *, const bcb_t *);

#ifndef SVR5DDI_NO_SITE_MACROS
#define bcb_alloc(flag)	bcb_alloc_site((flag), __FILE__, __LINE__)
#define bcb_free(bcbp)	bcb_free_site((bcbp), __FILE__, __LINE__)
#endif

#endif /* _SVR5DDI_SYS_BUF_H */
