/*
 * <sys/buf.h> - block I/O: the buffer header buf(D4), the breakup
 * constraints bcb(D4), and the calls on them: biodone, bioerror, biowait,
 * geterror, getrbuf, freerbuf, geteblk, ngeteblk, brelse, clrbuf,
 * physiock, buf_breakup, bcb_alloc, bcb_free, bcb_prep (D3).
 *
 * BUFFER HEADERS.  A buf_t describes one transfer: direction (B_READ, or
 * its absence B_WRITE), where the data is (b_un.b_addr, also reachable as
 * b_addr; b_addrtype says which form), how much (b_bcount), where on the
 * device (b_blkno in NBPSCTR-byte blocks plus b_blkoff bytes), and, after
 * completion, b_resid (bytes not transferred) and b_error with B_ERROR.
 * Drivers get headers from getrbuf (header only; the driver supplies the
 * data memory), ngeteblk/geteblk (header plus data memory), or receive
 * them in their strategy routine; they never declare buf_t objects of
 * their own.  The public members are those of the UnixWare (SVR4.2MP /
 * SVR5) buf, in that order; the b_ddi_* members after them are private to
 * svr5ddi.  Member order is not a binary promise (drivers are recompiled).
 *
 * COMPLETION.  The I/O handler calls biodone(bp) once per transfer, in any
 * context.  If b_iodone is set, biodone calls it and does nothing else
 * (handlers may restore a saved b_iodone and call biodone again).
 * Otherwise biodone sets B_DONE; a B_ASYNC buffer from ngeteblk/geteblk
 * is then released (brelse), any other buffer wakes biowait.  biowait
 * (process context only) waits for B_DONE and returns geterror(bp): 0, or
 * b_error, or EIO when B_ERROR is set with no b_error.  The creator clears
 * B_DONE before it hands a buffer to a strategy routine again.
 *
 * CONTEXTS.  biodone, bioerror, geterror, clrbuf, freerbuf, brelse and
 * getrbuf(KM_NOSLEEP): any context, never block.  biowait, ngeteblk,
 * geteblk, getrbuf(KM_SLEEP), physiock and buf_breakup: process
 * (blockable) context, no basic or read/write lock held.
 *
 * MISUSE (each reported as one "svr5ddi: CALL: TAG: ..." line, see
 * <svr5ddi/ddictl.h>, naming the buffer and the driver's FILE:LINE; the
 * call then does nothing harmful):
 *	biodone: bad argument: buf 0x... already done (B_DONE set, no b_iodone) at F:L
 *	biodone: bad argument: B_ASYNC getrbuf buf 0x... without b_iodone at F:L
 *	biowait: wrong context: buf 0x... in interrupt context at F:L
 *		(or "in atomic context"; returns geterror if done, else EIO)
 *	freerbuf / brelse: bad argument: buf 0x... busy (I/O in progress) at F:L
 *	freerbuf / brelse: bad argument: buf 0x... not from getrbuf / ngeteblk at F:L
 *	buf_breakup: bad argument: ... (no bcb, no physreq, granularity 0,
 *		no usable address type) at F:L; the job fails with EINVAL
 *	buf_breakup: unprepped physreq / physreq changed since prep: ...
 *		(the <sys/kmem.h> texts); the job fails with EINVAL
 *	ngeteblk, geteblk, physiock, buf_breakup: wrong context: ...
 *	getrbuf: KM_SLEEP in atomic context: ... (as kmem_alloc)
 *
 * SITE CAPTURE.  As in <sys/kmem.h>, each F below is also a function-like
 * macro F(args) -> F_site(args, __FILE__, __LINE__), so misuse names the
 * driver's file:line; &F, (F)(args) and SVR5DDI_NO_SITE_MACROS reach the
 * plain function (site unknown):
 *	biodone biowait getrbuf freerbuf ngeteblk geteblk brelse physiock
 *	buf_breakup bcb_alloc bcb_free
 *
 * BREAKUP CONSTRAINTS.  A bcb_t tells buf_breakup(D3) how to cut a
 * request: which address forms the driver accepts (BA_*), how (BCB_*),
 * the largest piece, the granularity, and the physreq every piece must
 * meet.  The member order is the documented one.  bcb_alloc zero-fills a
 * bcb and does not allocate its physreq; bcb_prep (DDI 8) also preps
 * that physreq.
 */
#ifndef _SVR5DDI_SYS_BUF_H
#define _SVR5DDI_SYS_BUF_H

#include <sys/types.h>
#include <sys/kmem.h>
#include <sys/proc.h>

/* dev_t and daddr_t come from <sys/types.h>: see the note there. */

struct uio;				/* <sys/uio.h>: physiock's uio_t */

/* One entry of a BA_SCGTH scatter/gather list (b_un.b_scgth). */
typedef struct ba_scgth {
	paddr_t	sg_base;		/* physical address */
	size_t	sg_size;		/* bytes */
} ba_scgth_t;

/* The forms b_un can take (b_addrtype); also bcb_addrtypes. */
#define BA_KVIRT	0x01	/* kernel virtual address: b_un.b_addr */
#define BA_UVIRT	0x02	/* user virtual address (B_PHYS): b_un.b_addr */
#define BA_PAGELIST	0x04	/* page list (never produced by svr5ddi) */
#define BA_PHYS		0x08	/* contiguous physical: b_un.b_paddr */
#define BA_SCGTH	0x10	/* b_un.b_scgth, b_scgth_count entries */

typedef struct buf {
	uint_t		b_flags;	/* B_*: set or clear bits, never assign */
	struct buf	*b_forw;	/* creator's list links (getrbuf only) */
	struct buf	*b_back;
	struct buf	*av_forw;	/* driver's work-list links */
	struct buf	*av_back;
	long		b_bufsize;	/* bytes of data memory allocated */
	uint_t		b_bcount;	/* bytes to transfer */
	dev_t		b_edev;		/* external device number */
	daddr_t		b_blkno;	/* first block (NBPSCTR bytes) */
	ushort_t	b_blkoff;	/* byte offset in that block */
	uchar_t		b_addrtype;	/* BA_*: the form of b_un */
	ushort_t	b_scgth_count;	/* entries at b_un.b_scgth (BA_SCGTH) */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
	union {				/* b_un.b_addr, or plain b_addr */
#define _SVR5DDI_B_ADDR_MEMBER
#elif defined(__GNUC__)
	__extension__ union {		/* (a C11 anonymous union) */
#define _SVR5DDI_B_ADDR_MEMBER
#endif
#ifdef _SVR5DDI_B_ADDR_MEMBER
		union {
			caddr_t	b_addr;		/* BA_KVIRT, BA_UVIRT */
			void	*b_ptr;
			int	*b_words;
			daddr_t	*b_daddr;
			paddr_t	b_paddr;	/* BA_PHYS */
			ba_scgth_t *b_scgth;	/* BA_SCGTH */
		} b_un;
		caddr_t	b_addr;
	};
#else
	union {
		caddr_t	b_addr;
		void	*b_ptr;
		int	*b_words;
		daddr_t	*b_daddr;
		paddr_t	b_paddr;
		ba_scgth_t *b_scgth;
	} b_un;
#endif
	proc_t		*b_proc;	/* the process of a B_PHYS buffer */
	int		b_error;	/* error number when B_ERROR */
	uint_t		b_resid;	/* bytes not transferred */
	void		*b_misc;	/* controlling agent's scratch */
	union {
		void	*un_ptr;
		int	un_int;
	} b_priv;			/* driver private */
	union {
		void	*un_ptr;
		int	un_int;
		long	un_long;
		daddr_t	un_daddr;
	} b_priv2;			/* driver private */
	caddr_t		b_private;	/* driver private (SVR4.2 name) */
	void		(*b_iodone)(struct buf *);	/* biodone calls it */
	clock_t		b_start;	/* when the I/O started (lbolt) */
	/* private to svr5ddi: drivers never touch these */
	uint_t		b_ddi_magic;	/* which call made the header */
	uint_t		b_ddi_state;	/* I/O tracking, under a global lock */
	void		*b_ddi_mem;	/* data memory (ngeteblk) */
	size_t		b_ddi_size;	/* its size */
	const char	*b_ddi_file;	/* allocation site */
	int		b_ddi_line;
} buf_t;

#if !defined(_SVR5DDI_B_ADDR_MEMBER) && !defined(b_addr)
#define b_addr	b_un.b_addr
#endif

/* b_flags */
#define B_WRITE		0x0000	/* no B_READ: memory to device */
#define B_READ		0x0001	/* device to memory */
#define B_DONE		0x0002	/* transfer finished (biodone) */
#define B_ERROR		0x0004	/* transfer failed: b_error */
#define B_BUSY		0x0008	/* owned (compatibility only) */
#define B_PHYS		0x0010	/* data is user memory of b_proc */
#define B_WANTED	0x0040	/* compatibility only */
#define B_AGE		0x0080	/* compatibility only */
#define B_ASYNC		0x0100	/* nobody waits: biodone releases */
#define B_DELWRI	0x0200	/* compatibility only */
#define B_STALE		0x0800	/* compatibility only */
#define B_PAGEIO	0x10000	/* page-list data (never set by svr5ddi) */
#define B_KERNBUF	0x20000000	/* header made by the system */

typedef struct bcb {
	uchar_t		bcb_addrtypes;	/* BA_* forms the driver accepts */
	uchar_t		bcb_flags;	/* BCB_* */
	size_t		bcb_max_xfer;	/* largest piece, bytes */
	size_t		bcb_granularity; /* pieces are multiples of this */
	physreq_t	*bcb_physreqp;	/* constraints on every piece */
} bcb_t;

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
/* (strat, bp, bcbp) */
void buf_breakup(void (*)(buf_t *), buf_t *, const bcb_t *);
void buf_breakup_site(void (*)(buf_t *), buf_t *, const bcb_t *,
		      const char *, int);

/* completion: (bp), (bp, errno) */
void biodone(buf_t *);
void biodone_site(buf_t *, const char *, int);
int biowait(buf_t *);
int biowait_site(buf_t *, const char *, int);
void bioerror(buf_t *, int);
int geterror(buf_t *);

/* headers and buffers: (flag), (bp), (bsize) */
buf_t *getrbuf(int);
buf_t *getrbuf_site(int, const char *, int);
void freerbuf(buf_t *);
void freerbuf_site(buf_t *, const char *, int);
buf_t *ngeteblk(size_t);
buf_t *ngeteblk_site(size_t, const char *, int);
buf_t *geteblk(void);
buf_t *geteblk_site(const char *, int);
void brelse(buf_t *);
void brelse_site(buf_t *, const char *, int);
void clrbuf(buf_t *);

/* raw I/O: (strat, bp, dev, rwflag, nblocks, uiop) */
int physiock(void (*)(buf_t *), buf_t *, dev_t, int, daddr_t, struct uio *);
int physiock_site(void (*)(buf_t *), buf_t *, dev_t, int, daddr_t,
		  struct uio *, const char *, int);

#ifndef SVR5DDI_NO_SITE_MACROS
#define bcb_alloc(flag)	bcb_alloc_site((flag), __FILE__, __LINE__)
#define bcb_free(bcbp)	bcb_free_site((bcbp), __FILE__, __LINE__)
#define buf_breakup(strat, bp, bcbp) \
	buf_breakup_site((strat), (bp), (bcbp), __FILE__, __LINE__)
#define biodone(bp)	biodone_site((bp), __FILE__, __LINE__)
#define biowait(bp)	biowait_site((bp), __FILE__, __LINE__)
#define getrbuf(flag)	getrbuf_site((flag), __FILE__, __LINE__)
#define freerbuf(bp)	freerbuf_site((bp), __FILE__, __LINE__)
#define ngeteblk(bsize)	ngeteblk_site((bsize), __FILE__, __LINE__)
#define geteblk()	geteblk_site(__FILE__, __LINE__)
#define brelse(bp)	brelse_site((bp), __FILE__, __LINE__)
#define physiock(strat, bp, dev, rw, nblocks, uiop) \
	physiock_site((strat), (bp), (dev), (rw), (nblocks), (uiop), \
		      __FILE__, __LINE__)
#endif

#endif /* _SVR5DDI_SYS_BUF_H */
