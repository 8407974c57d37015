/*
 * bmn.h - definitions for the bmn PCI bus-master network driver.
 *
 *	The adapter fetches transmit and receive descriptors from two
 *	rings in host memory and moves frames by bus-master DMA.  Its
 *	descriptor base registers are 64 bits wide but this driver keeps
 *	the rings below 4 GiB (a 32-bit physreq), as the first revision of
 *	the chip required; frame buffers may lie anywhere (a 64-bit
 *	physreq).  Registers are 32 bits wide, in I/O space.
 */

#ifndef _IO_BMN_BMN_H
#define _IO_BMN_BMN_H

#ifndef STATIC
#define STATIC	static
#endif

/* PCI identification, as the resource manager's CM_BRDID spells it */
#define BMN_VENDOR	0x5356
#define BMN_DEVICE	0x4E01
#define BMN_BRDID	"0x4e015356"

/* registers (offsets in I/O space) */
#define BMN_CTRL	0x00
#define BMN_STATUS	0x04
#define BMN_IMASK	0x08
#define BMN_ISTATUS	0x0C	/* write 1s to acknowledge */
#define BMN_TXBASE_LO	0x10
#define BMN_TXBASE_HI	0x14
#define BMN_RXBASE_LO	0x18
#define BMN_RXBASE_HI	0x1C
#define BMN_TXLEN	0x20
#define BMN_RXLEN	0x24
#define BMN_TXTAIL	0x28	/* doorbells */
#define BMN_RXTAIL	0x2C
#define BMN_TXHEAD	0x30
#define BMN_RXHEAD	0x34
#define BMN_ID		0x38
#define BMN_WIDTH	0x3C
#define BMN_NPORTS	0x40

#define BMN_CTRL_ENABLE	0x01
#define BMN_CTRL_RESET	0x02

#define BMN_ST_ENABLED	0x01
#define BMN_ST_LINK	0x02
#define BMN_ST_DMAERR	0x04

#define BMN_INT_TX	0x01
#define BMN_INT_RX	0x02
#define BMN_INT_ERR	0x04
#define BMN_INTRS	(BMN_INT_TX | BMN_INT_RX | BMN_INT_ERR)

/*
 * Descriptor: 16 bytes, little-endian, 16-byte aligned.
 */
typedef struct bmn_desc {
	uint_t		d_addrlo;	/* buffer physical address */
	uint_t		d_addrhi;
	uint_t		d_len;		/* frame / buffer length */
	ushort_t	d_flags;	/* 0 */
	ushort_t	d_status;	/* set by the adapter */
} bmn_desc_t;

#define BMN_D_DONE	0x0001
#define BMN_D_ERR	0x0002
#define BMN_D_TRUNC	0x0004

#define BMN_NTXD	16		/* descriptors per ring */
#define BMN_NRXD	16
#define BMN_BUFSZ	1536		/* frame buffer */
#define BMN_MAXFRAME	1514
#define BMN_MINFRAME	14		/* a header */
#define BMN_ETHERTYPE	0x88B5		/* IEEE local experimental */
#define BMN_RXWAIT	200000		/* microseconds to wait for a frame */

/*
 * ioctl commands.  BMNIOC_SEND sends a test frame of arg bytes (the
 * payload counts up from the frame's sequence number) and returns the
 * sequence number; BMNIOC_RECV waits for a received frame and copies it
 * out to the buffer at arg (BMN_MAXFRAME bytes), returning its length;
 * BMNIOC_LOOP sends a frame of arg bytes, waits for it to come back
 * (the adapter is in loopback; older frames still queued are dropped)
 * and checks it byte for byte, returning its length; BMNIOC_STAT
 * returns counter arg (BMNSTAT_*).
 */
#define BMNIOC		('b' << 8)
#define BMNIOC_SEND	(BMNIOC | 1)
#define BMNIOC_RECV	(BMNIOC | 2)
#define BMNIOC_LOOP	(BMNIOC | 3)
#define BMNIOC_STAT	(BMNIOC | 4)

#define BMNSTAT_TX	0	/* frames sent */
#define BMNSTAT_RX	1	/* frames received */
#define BMNSTAT_NOMEM	2	/* received, dropped: no memory */
#define BMNSTAT_ERR	3	/* descriptors the adapter failed */
#define BMNSTAT_QLEN	4	/* frames waiting for BMNIOC_RECV */
#define BMNSTAT_NSTAT	5

/* a received frame waiting for BMNIOC_RECV */
typedef struct bmn_frame {
	struct bmn_frame *bf_next;
	int		bf_len;		/* bytes of data after the header */
} bmn_frame_t;

#define BMN_FRAMESZ(len)	(sizeof(bmn_frame_t) + (len))
#define BMN_FRAMEDATA(bf)	((uchar_t *)((bf) + 1))

/*
 * Per-adapter state, the idata of every entry point.  bmn_lock (a basic
 * lock at plstr) protects the rings, the receive queue and the counters;
 * bmn_sv is signalled when a frame is queued or a wait times out.
 */
typedef struct bmn {
	rm_key_t	bmn_key;
	int		bmn_unit;
	int		bmn_ioaddr;
	int		bmn_irq;
	void		*bmn_cookie;		/* from cm_intr_attach */
	lock_t		*bmn_lock;
	sv_t		*bmn_sv;
	int		bmn_flags;
	int		bmn_opens;
	bmn_desc_t	*bmn_txd;		/* transmit ring */
	paddr32_t	bmn_txdpa;
	bmn_desc_t	*bmn_rxd;		/* receive ring */
	paddr32_t	bmn_rxdpa;
	caddr_t		bmn_txbuf[BMN_NTXD];
	paddr32_t	bmn_txbufpa[BMN_NTXD][2];
	caddr_t		bmn_rxbuf[BMN_NRXD];
	paddr32_t	bmn_rxbufpa[BMN_NRXD][2];
	uint_t		bmn_txhead;		/* oldest frame in flight */
	uint_t		bmn_txtail;		/* next free descriptor */
	uint_t		bmn_rxnext;		/* next to be filled */
	uint_t		bmn_rxtail;		/* doorbell value */
	bmn_frame_t	*bmn_rxq;		/* received, not yet read */
	bmn_frame_t	*bmn_rxqtail;
	int		bmn_rxtimo;		/* the current wait timed out */
	uint_t		bmn_seq;		/* next test frame */
	uchar_t		bmn_addr[6];
	ulong_t		bmn_stat[BMNSTAT_NSTAT];
} bmn_t;

/* bmn_flags */
#define BMN_UP		0x01		/* adapter enabled */

#endif /* _IO_BMN_BMN_H */
