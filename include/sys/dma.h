/*
 * <sys/dma.h> - motherboard (8237) DMA: dma_physreq(D3) and constants.
 *
 * dma_physreq fills a physreq for an 8237 channel: PREQ_PHYSCONTIG,
 * phys_max_scgth 0, phys_dmasize 24; 8-bit path: align 1, boundary
 * 64 KiB; 16-bit path: align 2, boundary 128 KiB.  The driver then calls
 * physreq_prep.  The controller-programming interface (struct dma_cb,
 * struct dma_buf, dma_prog ...) belongs with the harness's 8237 model and
 * is not declared here yet.
 */
#ifndef _SVR5DDI_SYS_DMA_H
#define _SVR5DDI_SYS_DMA_H

#include <sys/types.h>
#include <sys/kmem.h>

/* channels */
#define DMA_CH0		0
#define DMA_CH1		1
#define DMA_CH2		2
#define DMA_CH3		3
#define DMA_CH4		4
#define DMA_CH5		5
#define DMA_CH6		6
#define DMA_CH7		7

/* data paths */
#define DMA_PATH_8	0	/* 8-bit */
#define DMA_PATH_16	1	/* 16-bit */
#define DMA_PATH_32	2	/* 32-bit */
#define DMA_PATH_64	3	/* 64-bit */
#define DMA_PATH_16B	4	/* 16-bit, byte count */

/* address steps */
#define DMA_STEP_INC	0
#define DMA_STEP_DEC	1
#define DMA_STEP_HOLD	2

/* transfer types */
#define DMA_TRANS_SNGL	0	/* single */
#define DMA_TRANS_DMND	1	/* demand */
#define DMA_TRANS_BLCK	2	/* block */
#define DMA_TRANS_CSCD	3	/* cascade */

void dma_physreq(int, int, physreq_t *);	/* (chan, datapath, preqp) */

#endif /* _SVR5DDI_SYS_DMA_H */
