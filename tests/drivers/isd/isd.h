/*
 * isd.h - definitions for the isd ISA disk driver.
 *
 *	Controller: eight 8-bit I/O ports at the board's I/O base, one
 *	interrupt line, one 8237 DMA channel (System file fields 6, 7-8
 *	and 11).  Every transfer goes through the motherboard DMA
 *	controller, which reaches only the first 16 MiB of memory and
 *	never crosses a 64 KiB (8-bit channel) or 128 KiB (16-bit
 *	channel) boundary.
 */

#ifndef _IO_ISD_ISD_H
#define _IO_ISD_ISD_H

#ifndef STATIC
#define STATIC	static
#endif

/*
 * Controller registers (offsets from the I/O base).
 */
#define ISD_REG_CMD	0	/* W: command	R: status */
#define ISD_REG_ACK	1	/* W: status bits to clear  R: error code */
#define ISD_REG_LBA	2	/* 4 bytes, least significant first */
#define ISD_REG_COUNT	6	/* sectors, 0 means 256 */
#define ISD_REG_CTL	7	/* W: interrupt enable  R: capacity >> 16 */
#define ISD_NPORTS	8

/* commands */
#define ISD_C_READ	0x01	/* disk to memory */
#define ISD_C_WRITE	0x02	/* memory to disk */
#define ISD_C_RESET	0x08	/* abort, clear status */

/* status */
#define ISD_S_BUSY	0x01
#define ISD_S_DONE	0x02	/* command finished, acknowledge it */
#define ISD_S_ERROR	0x04	/* ... and failed */
#define ISD_S_READY	0x40

#define ISD_CTL_INTR	0x01	/* interrupt enable */

/* error codes (ISD_REG_ACK) */
#define ISD_E_NONE	0
#define ISD_E_LBA	1
#define ISD_E_DMA	2
#define ISD_E_SHORT	3
#define ISD_E_CMD	4
#define ISD_E_BUSY	5
#define ISD_E_MEM	6

/*
 * The 8237A pair of the PC/AT and its page registers.
 */
#define DMA1_SMASK	0x0A	/* single mask bit, channels 0-3 */
#define DMA1_MODE	0x0B
#define DMA1_CLRFF	0x0C	/* clear byte pointer flip-flop */
#define DMA2_SMASK	0xD4	/* channels 4-7 */
#define DMA2_MODE	0xD6
#define DMA2_CLRFF	0xD8

#define DMA_SETMASK	0x04	/* with the channel: mask it */
#define DMA_M_WRITE	0x04	/* transfer to memory */
#define DMA_M_READ	0x08	/* transfer from memory */
#define DMA_M_SINGLE	0x40	/* single transfer mode */

#define ISD_SECSIZE	NBPSCTR		/* bytes per sector */
#define ISD_SECSHFT	9
#define ISD_MAXXFER	(4 * PAGESIZE)	/* bounce buffer, bytes */
#define ISD_MAXCTL	4		/* controllers */
#define ISD_WAITLOOP	10000		/* reset polling, 10 us apart */

/*
 * Per-controller state.  ic_actf/ic_actl queue the pieces buf_breakup
 * hands to isdstrat(); ic_cur is the one the controller works on.
 * Everything but the configuration is protected by spldisk().
 */
struct isd_ctl {
	rm_key_t	ic_key;		/* resource manager key */
	int		ic_ioaddr;	/* first I/O port */
	int		ic_irq;
	int		ic_chan;	/* 8237 channel */
	int		ic_flags;
	int		ic_opens;
	ulong_t		ic_nsect;	/* capacity in sectors */
	physreq_t	*ic_preq;	/* what the channel can reach */
	physreq_t	*ic_bpreq;	/* for the bcb: any memory */
	bcb_t		*ic_bcb;	/* how requests are cut */
	caddr_t		ic_bounce;	/* ISD_MAXXFER bytes the channel reaches */
	paddr_t		ic_bouncepa;
	buf_t		*ic_actf;	/* queue of pieces */
	buf_t		*ic_actl;
	buf_t		*ic_cur;	/* piece in progress */
	ulong_t		ic_nxfer;	/* statistics */
	ulong_t		ic_nerr;
};

/* ic_flags */
#define ISD_PRESENT	0x01
#define ISD_BUSY	0x02

#endif /* _IO_ISD_ISD_H */
