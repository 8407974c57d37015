/*
 * cap.h - definitions for the cap capture-board driver.
 *
 *	The board records into on-board memory addressed in 512-byte
 *	blocks and moves blocks to and from the host over a 16-bit ISA DMA
 *	channel.  Registers: eight 8-bit ports at the I/O base.
 */

#ifndef _IO_CAP_CAP_H
#define _IO_CAP_CAP_H

#define CAP_CMD		0	/* W: command	R: status */
#define CAP_ACK		1	/* W: status bits to clear  R: error code */
#define CAP_BLK		2	/* 4 bytes, least significant first */
#define CAP_NBLK	6	/* blocks, 0 means 256 */
#define CAP_CTL		7	/* W: interrupt enable  R: memory >> 16 blocks */
#define CAP_NPORTS	8

#define CAP_C_UPLOAD	0x01	/* board memory to host */
#define CAP_C_DNLOAD	0x02	/* host to board memory */
#define CAP_C_RESET	0x08

#define CAP_S_BUSY	0x01
#define CAP_S_DONE	0x02
#define CAP_S_ERROR	0x04
#define CAP_S_READY	0x40

#define CAP_CTL_IEN	0x01

#define CAP_BLKSIZE	512
#define CAP_BLKSHIFT	9
#define CAP_BUFSZ	(32 * 1024)	/* the capture buffer */

/* 8237 second controller: 16-bit channels 5-7 */
#define DMA2_SMASK	0xD4
#define DMA2_MODE	0xD6
#define DMA2_CLRFF	0xD8
#define DMA_SETMASK	0x04
#define DMA_TOMEM	0x44	/* single mode, write transfer */
#define DMA_FROMMEM	0x48	/* single mode, read transfer */

/* ioctl */
#define CAPIOC		('c' << 8)
#define CAPIOC_SIZE	(CAPIOC | 1)	/* board memory in blocks */
#define CAPIOC_COUNT	(CAPIOC | 2)	/* DMA transfers done */

struct cap {
	int		c_flags;
	int		c_ioaddr;
	int		c_irq;
	int		c_chan;		/* 5, 6 or 7 */
	ulong_t		c_nblk;		/* board memory, blocks */
	caddr_t		c_buf;		/* capture buffer, CAP_BUFSZ */
	paddr_t		c_bufpa;
	physreq_t	*c_preq;
	lock_t		*c_lock;
	sv_t		*c_sv;
	int		c_done;		/* interrupt seen */
	int		c_status;	/* its status */
	ulong_t		c_count;
};

#define CAP_PRESENT	0x01
#define CAP_OPEN	0x02
#define CAP_BUSY	0x04

#endif /* _IO_CAP_CAP_H */
