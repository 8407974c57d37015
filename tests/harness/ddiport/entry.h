/* SPDX-License-Identifier: MIT */
/*
 * entry.h - the interface between the child's libc side (child.c) and
 * its SVR5 side (entry.c), the one file of ddiport compiled against the
 * driver-facing headers.  Plain C types only: this header is included on
 * both sides, where <sys/types.h> means two different things.
 *
 * Results are SVR5 errno values (0: success).  @why receives a one-line
 * reason for a failure that is not the driver's return value (a harness
 * or setup problem), and stays empty otherwise.
 */
#ifndef DDIPORT_ENTRY_H
#define DDIPORT_ENTRY_H

struct ent_board {
	const char *modname;
	long unit;
	long irq, ipl, itype;		/* -1: none */
	int has_io, has_mem;
	unsigned long long io_lo, io_hi, mem_lo, mem_hi;
	long dma;			/* -1: none */
	long bus;
	const char *id;			/* NULL: none */
	long slot;			/* -1: none */
	int hotplug;			/* not added at load */
};

/* Entry points, found by the libc side with dlsym. */
struct ent_syms {
	int ddi8;			/* style */
	const char *name;		/* drv_name / module name */
	long major;
	/* DDI 8 */
	int (*load)(void);		/* _load */
	int (*unload)(void);		/* _unload */
	void *wrapper;			/* struct modwrapper *, or NULL */
	/* prefix style */
	void (*init)(void);
	void (*start)(void);
	void *open, *close, *read, *write, *ioctl, *strategy, *intr;
	void (*halt)(void);
	int *devflag;
	int self_intr;			/* calls cm_intr_attach itself */
};

#define ENT_WHY	256

/* Before load: fill the resource manager; 0 or -1 with @why. */
int ent_setup(const struct ent_syms *syms, const struct ent_board *b,
	      int nboards, char *why);

/* *@refused: a DDI 8 board's CFG_ADD failed (the driver returned an
 * error the framework does not pass on; @why says which board) */
int ent_load(char *why, int *refused);
/* cfg: CFGOP_* of ddiport.h; board -1: every board (see ddiport(1)) */
int ent_config(int cfg, long board, char *why);
int ent_open(long dev, long board, int oflags, int otyp_blk, char *why);
int ent_close(long dev, long board, int oflags, int otyp_blk, char *why);
/* Old style: read/write through a uio over @buf (user memory).  DDI 8
 * drivers have no read/write: the libc side uses ent_bio_start. */
int ent_rw(int write, long dev, void *buf, unsigned long long size,
	   unsigned long long offset, long long *resid, char *why);
int ent_ioctl(long dev, long board, long long cmd, void *arg,
	      long long *rval, char *why);

/*
 * Block I/O: ent_bio_start builds a buf of @size bytes over a kernel
 * buffer (kmem_alloc, or physically contiguous) and hands it to the
 * strategy routine; *@data is the buffer (@fill, when not NULL, fills
 * it before the driver sees it).  ent_bio_poll: 1 when biodone has run
 * (*@err is geterror, *@resid b_resid), 0 not yet.  ent_bio_release
 * frees a completed one.
 */
struct ent_bio;
struct ent_bio *ent_bio_start(int write, long dev, long board,
			      unsigned long long size,
			      unsigned long long block, int contig,
			      void (*fill)(void *data, unsigned long long size,
					   void *arg),
			      void *arg, void **data, int *err, char *why);
int ent_bio_poll(struct ent_bio *b, int *err, long long *resid);
void ent_bio_release(struct ent_bio *b);
/* bufs handed to the driver and not completed */
int ent_pending(void);

int ent_halt(char *why);
/* *@no_routine: the driver has no unload routine (a driver linked into
 * the kernel): nothing was freed, so no leak check makes sense */
int ent_unload(char *why, int *no_routine);

#endif /* DDIPORT_ENTRY_H */
