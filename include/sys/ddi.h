/*
 * <sys/ddi.h> - SVR5 DDI: address translation and page arithmetic.
 *
 * Define _DDI (5, 6, 7 or 8) before including it to get exactly that
 * version's calls; leave it undefined for the permissive set (old SVR4.2MP
 * and UnixWare 2 code).  Version table: svr5-memory-ddi.md section 1.
 *	vtop		DDI 5..7 (gone in 8)
 *	kvtophys	DDI 5 and 6 (old compatibility name)
 *	kvtoppid, ptob, btop, btopr	every version
 * Also brings <sys/systm.h> (bcopy, bzero, bcmp) as UnixWare's ddi.h
 * declared those helpers.  The allocation calls are in <sys/kmem.h>.
 */
#ifndef _SVR5DDI_SYS_DDI_H
#define _SVR5DDI_SYS_DDI_H

#include <sys/types.h>
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/systm.h>

ulong_t ptob(ulong_t);		/* npages << PAGESHIFT */
ulong_t btop(ulong_t);		/* bytes to pages, rounding down */
ulong_t btopr(ulong_t);		/* bytes to pages, rounding up */

#if !defined(_DDI) || _DDI < 8
paddr_t vtop(caddr_t, proc_t *);	/* (vaddr, p); p NULL: kernel */
#endif
#if !defined(_DDI) || _DDI < 7
paddr_t kvtophys(caddr_t);		/* (vaddr) */
#endif
ppid_t kvtoppid(caddr_t);		/* (vaddr); NOPAGE if unmapped */

/*
 * The families below are declared here because UnixWare's <sys/ddi.h>
 * declares them; each section belongs to one family (issue 6).
 */
/* ---- section ksynch: spl levels and locks used from ddi.h ---- */
/*
 * Priority levels: pl_t, plbase..plhi and the spl calls, spl(D3), and
 * getpl(D3), are declared in <sys/ipl.h>.  The locks are in
 * <sys/ksynch.h> (not included here: legacy drivers often define LOCK
 * and friends of their own when they do not use the DDI's).
 */
#include <sys/ipl.h>
/* ---- end ksynch ---- */
/* ---- section time: timeouts, delays, drv_getparm ---- */
/*
 * Timeouts, delays and clock ticks; kernel parameters; device numbers;
 * privilege and process references.  Versions (SCO HDK D3 pages):
 *	itimeout, untimeout, drv_usecwait, drv_usectohz, drv_hztousec,
 *	delay, drv_getparm, drv_setparm, drv_priv, proc_ref, proc_unref,
 *	proc_signal, proc_valid				every version
 *	timeout, dtimeout; getmajor, getminor, makedevice, getemajor,
 *	geteminor, etoimajor, itoemajor			DDI < 8 only
 *	TICKS and the TICKS_* macros			DDI 8 (and permissive)
 * Hz (ticks per second, the HDK's variable) is declared for every
 * version.  Callbacks take exactly one argument: itimeout and dtimeout
 * pass a void *, timeout a caddr_t (a callback declared with another
 * parameter type needs a cast).
 *
 * Site capture, as <sys/kmem.h> does: itimeout, dtimeout, timeout,
 * untimeout, delay, drv_getparm, proc_ref and proc_signal are also
 * function-like macros naming F_site(args, __FILE__, __LINE__); &F,
 * (F)(...) and SVR5DDI_NO_SITE_MACROS reach the plain functions.
 *
 * Misuse reports (one line each, "svr5ddi: CALL: TAG: details at SITE"):
 *   itimeout/dtimeout/timeout: bad argument: ticks N (negative) ...
 *   itimeout/dtimeout: bad priority level: pl N (valid 1..8) ...
 *   dtimeout: bad argument: processor N not online ...
 *   untimeout: wrong context: id N cancelled from its own callback ...
 *   untimeout: bad priority level: called at pl N above the timeout's ...
 *   delay: wrong context: ... (interrupt context or interrupts masked)
 *   delay: sleep with a spin lock held: ...
 *   delay: bad argument: ticks N (negative) ...
 *   drv_getparm: wrong context: PARM in interrupt context ...
 *   drv_getparm: bad argument: NULL value pointer ...
 *   proc_ref: wrong context: interrupt context ...
 *   proc_signal: bad argument: signal N ...
 * and the call goes on as its manual page says.
 */
#include <sys/ipl.h>
#include <sys/cred.h>

/* drv_getparm(D3) and drv_setparm(D3) parameters (UnixWare's values) */
#define TIME		1	/* seconds since 1970 (time_t) */
#define UPROCP		2	/* the current process (proc_t *) */
#define PPGRP		3	/* its process group id */
#define LBOLT		4	/* clock ticks since boot (clock_t) */
#define SYSRINT		5	/* drv_setparm: receive interrupts */
#define SYSXINT		6	/* drv_setparm: transmit interrupts */
#define SYSMINT		7	/* drv_setparm: modem interrupts */
#define SYSRAWC		8	/* drv_setparm: raw characters in */
#define SYSCANC		9	/* drv_setparm: canonical characters in */
#define SYSOUTC		10	/* drv_setparm: characters out */
#define PPID		11	/* the current process id */
#define PSID		12	/* its session id */
#define UCRED		13	/* its credentials (cred_t *) */
#define DRV_MAXBIOSIZE	14	/* largest I/O transfer, bytes (size_t) */
#define STRMSGSIZE	15	/* largest STREAMS message data (int) */

/* OR into the ticks of itimeout/dtimeout: call every ticks, until cancelled */
#define TO_PERIODIC	0x80000000

/* (fn, arg, ticks, pl): fn(arg) after ticks at level pl; 0 if impossible */
toid_t itimeout(void (*)(void *), void *, long, pl_t);
toid_t itimeout_site(void (*)(void *), void *, long, pl_t, const char *,
		     int);
/* (id): cancel; waits for a callback running on another processor */
void untimeout(toid_t);
void untimeout_site(toid_t, const char *, int);
#if !defined(_DDI) || _DDI < 8
/* (fn, arg, ticks, pl, processor) */
toid_t dtimeout(void (*)(void *), void *, long, pl_t, processorid_t);
toid_t dtimeout_site(void (*)(void *), void *, long, pl_t, processorid_t,
		     const char *, int);
/* (fn, arg, ticks): at plhi */
int timeout(void (*)(caddr_t), caddr_t, long);
int timeout_site(void (*)(caddr_t), caddr_t, long, const char *, int);
#endif

void drv_usecwait(clock_t);		/* busy-wait microseconds */
clock_t drv_usectohz(clock_t);		/* microseconds -> ticks, rounding up */
clock_t drv_hztousec(clock_t);		/* ticks -> microseconds */
void delay(long);			/* sleep ticks: base level only */
void delay_site(long, const char *, int);

/* (parm, valuep): 0, or -1 for a parameter that cannot be read */
int drv_getparm(ulong_t, void *);
int drv_getparm_site(ulong_t, void *, const char *, int);
/* (parm, value): add value to a counter; 0, or -1 */
int drv_setparm(ulong_t, ulong_t);
int drv_priv(cred_t *);			/* 0 if privileged, else EPERM */

void *proc_ref(void);			/* reference the current process */
void *proc_ref_site(const char *, int);
void proc_unref(void *);
int proc_signal(void *, int);		/* (pref, sig): 0, or -1 if gone */
int proc_signal_site(void *, int, const char *, int);
boolean_t proc_valid(void *);		/* the process still exists */

#if !defined(_DDI) || _DDI < 8
major_t getmajor(dev_t);		/* internal major */
minor_t getminor(dev_t);		/* internal minor */
major_t getemajor(dev_t);		/* external major */
minor_t geteminor(dev_t);		/* external minor */
dev_t makedevice(major_t, minor_t);
int etoimajor(major_t);			/* internal major, or NODEV */
int itoemajor(major_t, int);		/* (imaj, prevemaj): next, or NODEV */
#endif

extern int Hz;				/* clock ticks per second */

#if !defined(_DDI) || _DDI >= 8
/*
 * lbolt values (clock ticks since boot) and their comparison, TICKS(D3).
 * The arithmetic is modulo 2^64 (never undefined), the result signed.
 */
clock_t TICKS(void);
#define TICKS_SINCE(t)		((clock_t)((ulong_t)TICKS() - (ulong_t)(t)))
#define TICKS_BETWEEN(t1, t2)	((clock_t)((ulong_t)(t2) - (ulong_t)(t1)))
#define TICKS_LATER(t1, t2)	((clock_t)((ulong_t)(t1) - (ulong_t)(t2)) > 0)
#define TICKS_FARPAST()	\
	((clock_t)((ulong_t)TICKS() - 10368000UL * (ulong_t)Hz))
#define TICKS_FARFUTURE() \
	((clock_t)((ulong_t)TICKS() + 10368000UL * (ulong_t)Hz))
#endif

#ifndef SVR5DDI_NO_SITE_MACROS
#define itimeout(fn, arg, ticks, pl) \
	itimeout_site((fn), (arg), (ticks), (pl), __FILE__, __LINE__)
#define untimeout(id)	untimeout_site((id), __FILE__, __LINE__)
#if !defined(_DDI) || _DDI < 8
#define dtimeout(fn, arg, ticks, pl, cpu) \
	dtimeout_site((fn), (arg), (ticks), (pl), (cpu), __FILE__, __LINE__)
#define timeout(fn, arg, ticks) \
	timeout_site((fn), (arg), (ticks), __FILE__, __LINE__)
#endif
#define delay(ticks)	delay_site((ticks), __FILE__, __LINE__)
#define drv_getparm(parm, valuep) \
	drv_getparm_site((parm), (valuep), __FILE__, __LINE__)
#define proc_ref()	proc_ref_site(__FILE__, __LINE__)
#define proc_signal(pref, sig) \
	proc_signal_site((pref), (sig), __FILE__, __LINE__)
#endif
/* ---- end time ---- */
/* ---- section io: port and device-memory I/O, data movement ---- */
/*
 * Port I/O, inb(D3) .. repoutsd(D3), every version: SVR5 argument order,
 * outb(port, data); ports 0..0xffff.  The rep forms move cnt elements of
 * the port's width between the port and consecutive memory at addr (on
 * LP64 repinsd/repoutsd move packed 32-bit words, as "rep insd" does,
 * although addr is a ulong_t *).  Any level, never block, any lock may be
 * held.  In the kernel these are the x86 instructions.
 *
 * Device memory: devmem_mapin(key, memnum, offset, len) (DDI 8) maps len
 * bytes at offset in the memnum-th CM_MEMADDR range of board key, or
 * returns NULL; devmem_mapout(addr, len) undoes it.  physmap(paddr,
 * nbytes, flags) maps any physical range (KM_SLEEP or KM_NOSLEEP; NULL if
 * it cannot), physmap_free(vaddr, nbytes, 0) undoes it.  devmem_mapin,
 * devmem_mapout and physmap(KM_SLEEP): base level, may block, no basic or
 * read/write lock held.  physmap(KM_NOSLEEP), physmap_free: any level.
 *
 * Data movement: copyin(userbuf, driverbuf, count) and copyout(driverbuf,
 * userbuf, count) return 0, or -1 when the user range is not accessible
 * (the driver then returns EFAULT): base level, user context, may block,
 * no basic or read/write lock held.  uiomove, ureadc, uwritec and the
 * uio_t are in <sys/uio.h>.
 *
 * SITE CAPTURE.  As in <sys/kmem.h>, each F below is also a function-like
 * macro F(args) -> F_site(args, __FILE__, __LINE__): &F, (F)(args), a
 * driver's own earlier #define of F, SVR5DDI_NO_SITE_MACROS, or (for the
 * port calls only, whose short names drivers sometimes use for members or
 * wrappers of their own) SVR5DDI_NO_IO_SITE_MACROS reach the plain
 * function, whose reports say "unknown site":
 *	inb inw inl outb outw outl repinsb repinsw repinsd repoutsb
 *	repoutsw repoutsd devmem_mapin devmem_mapout physmap physmap_free
 *	copyin copyout
 *
 * MISUSE (one "svr5ddi: CALL: TAG: ..." line each, <svr5ddi/ddictl.h>):
 *	inb: no device: port 0x3f8 width 1 at F:L
 *		(userspace only: an access no device model answered; the
 *		first one per port; reads give all ones)
 *	outw: bad argument: port 0x12345 at F:L	(nothing is accessed)
 *	repinsw: bad argument: port 0x1f0 addr NULL count 256 at F:L
 *	devmem_mapin: bad argument: key 0x1 memnum 0 offset 0x0 len 16:
 *		no such CM_MEMADDR range at F:L	(or: range is N bytes)
 *	devmem_mapin: no device: device memory at 0xc0000000 len 4096 at F:L
 *		(userspace only: no device model behind the range)
 *	devmem_mapin, devmem_mapout: wrong context: interrupt level at F:L
 *		(or: atomic context)
 *	physmap: bad argument: paddr 0x... nbytes N flags 0x5: REASON at F:L
 *		REASON: empty range, range wraps, flags not KM_SLEEP or
 *		KM_NOSLEEP, range is partly RAM
 *	physmap: no device: physical memory at 0x... len N at F:L
 *		(userspace only)
 *	physmap: KM_SLEEP in atomic context: ... at F:L (then KM_NOSLEEP)
 *	physmap_free: bad argument: addr 0x... flags 0x1: flags must be 0
 *		at F:L	(the mapping is still released)
 *	physmap_free, devmem_mapout: bad argument: addr 0x...: not mapped
 *		by physmap (or devmem_mapin) [(mapped by the other call)] at F:L
 *	physmap_free, devmem_mapout: size mismatch: addr 0x... size N,
 *		mapped M at F:L	(the whole mapping is released)
 *	copyin, copyout: wrong context: user copy in interrupt context at
 *		F:L	(or: atomic context; nothing is copied; returns -1)
 *
 * The strcpy family (strcat, strcmp, strcpy, strlen, strncat, strncmp,
 * strncpy) comes from the host C library or the kernel; since legacy
 * drivers often define those names themselves with older prototypes, they
 * are declared here only if the driver defines SVR5DDI_STRING_DECLS.
 */
#if !defined(_DDI) || _DDI >= 8
#include <sys/confmgr.h>
#endif

/*
 * (port), (port, data), (port, addr, cnt).  Each plain name is declared
 * only if it is not already a macro: a driver's own inb() wrapper, or
 * Linux's <asm/io.h> (where inb is a macro) in svr5ddi's own sources, in
 * either inclusion order.  The _site entry points are always declared.
 */
#if !defined(SVR5DDI_NO_SITE_MACROS) && !defined(SVR5DDI_NO_IO_SITE_MACROS)
#define _SVR5DDI_IO_SITES	1
#else
#define _SVR5DDI_IO_SITES	0
#endif
uchar_t inb_site(int, const char *, int);
ushort_t inw_site(int, const char *, int);
ulong_t inl_site(int, const char *, int);
void outb_site(int, uchar_t, const char *, int);
void outw_site(int, ushort_t, const char *, int);
void outl_site(int, ulong_t, const char *, int);
void repinsb_site(int, uchar_t *, int, const char *, int);
void repinsw_site(int, ushort_t *, int, const char *, int);
void repinsd_site(int, ulong_t *, int, const char *, int);
void repoutsb_site(int, uchar_t *, int, const char *, int);
void repoutsw_site(int, ushort_t *, int, const char *, int);
void repoutsd_site(int, ulong_t *, int, const char *, int);

#ifndef inb
uchar_t (inb)(int);
#if _SVR5DDI_IO_SITES
#define inb(port)	inb_site((port), __FILE__, __LINE__)
#endif
#endif
#ifndef inw
ushort_t (inw)(int);
#if _SVR5DDI_IO_SITES
#define inw(port)	inw_site((port), __FILE__, __LINE__)
#endif
#endif
#ifndef inl
ulong_t (inl)(int);
#if _SVR5DDI_IO_SITES
#define inl(port)	inl_site((port), __FILE__, __LINE__)
#endif
#endif
#ifndef outb
void (outb)(int, uchar_t);
#if _SVR5DDI_IO_SITES
#define outb(port, data)	outb_site((port), (data), __FILE__, __LINE__)
#endif
#endif
#ifndef outw
void (outw)(int, ushort_t);
#if _SVR5DDI_IO_SITES
#define outw(port, data)	outw_site((port), (data), __FILE__, __LINE__)
#endif
#endif
#ifndef outl
void (outl)(int, ulong_t);
#if _SVR5DDI_IO_SITES
#define outl(port, data)	outl_site((port), (data), __FILE__, __LINE__)
#endif
#endif
#ifndef repinsb
void (repinsb)(int, uchar_t *, int);
#if _SVR5DDI_IO_SITES
#define repinsb(port, addr, cnt) \
	repinsb_site((port), (addr), (cnt), __FILE__, __LINE__)
#endif
#endif
#ifndef repinsw
void (repinsw)(int, ushort_t *, int);
#if _SVR5DDI_IO_SITES
#define repinsw(port, addr, cnt) \
	repinsw_site((port), (addr), (cnt), __FILE__, __LINE__)
#endif
#endif
#ifndef repinsd
void (repinsd)(int, ulong_t *, int);
#if _SVR5DDI_IO_SITES
#define repinsd(port, addr, cnt) \
	repinsd_site((port), (addr), (cnt), __FILE__, __LINE__)
#endif
#endif
#ifndef repoutsb
void (repoutsb)(int, uchar_t *, int);
#if _SVR5DDI_IO_SITES
#define repoutsb(port, addr, cnt) \
	repoutsb_site((port), (addr), (cnt), __FILE__, __LINE__)
#endif
#endif
#ifndef repoutsw
void (repoutsw)(int, ushort_t *, int);
#if _SVR5DDI_IO_SITES
#define repoutsw(port, addr, cnt) \
	repoutsw_site((port), (addr), (cnt), __FILE__, __LINE__)
#endif
#endif
#ifndef repoutsd
void (repoutsd)(int, ulong_t *, int);
#if _SVR5DDI_IO_SITES
#define repoutsd(port, addr, cnt) \
	repoutsd_site((port), (addr), (cnt), __FILE__, __LINE__)
#endif
#endif
#undef _SVR5DDI_IO_SITES

#if !defined(_DDI) || _DDI >= 8
/* (key, memnum, offset, len), (addr, len): DDI 8 */
void *devmem_mapin(rm_key_t, uint_t, size_t, size_t);
void *devmem_mapin_site(rm_key_t, uint_t, size_t, size_t, const char *,
			int);
void devmem_mapout(void *, size_t);
void devmem_mapout_site(void *, size_t, const char *, int);
#endif

/* (paddr, nbytes, flags), (vaddr, nbytes, flags) */
caddr_t physmap(paddr_t, ulong_t, uint_t);
caddr_t physmap_site(paddr_t, ulong_t, uint_t, const char *, int);
void physmap_free(caddr_t, ulong_t, uint_t);
void physmap_free_site(caddr_t, ulong_t, uint_t, const char *, int);

/* (userbuf, driverbuf, count), (driverbuf, userbuf, count) */
int copyin(void *, void *, size_t);
int copyin_site(void *, void *, size_t, const char *, int);
int copyout(void *, void *, size_t);
int copyout_site(void *, void *, size_t, const char *, int);

#ifdef SVR5DDI_STRING_DECLS
char *strcat(char *, const char *);
int strcmp(const char *, const char *);
char *strcpy(char *, const char *);
size_t strlen(const char *);
char *strncat(char *, const char *, size_t);
int strncmp(const char *, const char *, size_t);
char *strncpy(char *, const char *, size_t);
#endif

#ifndef SVR5DDI_NO_SITE_MACROS
#if !defined(_DDI) || _DDI >= 8
#define devmem_mapin(key, memnum, off, len) \
	devmem_mapin_site((key), (memnum), (off), (len), __FILE__, __LINE__)
#define devmem_mapout(addr, len) \
	devmem_mapout_site((addr), (len), __FILE__, __LINE__)
#endif
#define physmap(paddr, nbytes, flags) \
	physmap_site((paddr), (nbytes), (flags), __FILE__, __LINE__)
#define physmap_free(vaddr, nbytes, flags) \
	physmap_free_site((vaddr), (nbytes), (flags), __FILE__, __LINE__)
#define copyin(ubuf, dbuf, count) \
	copyin_site((ubuf), (dbuf), (count), __FILE__, __LINE__)
#define copyout(dbuf, ubuf, count) \
	copyout_site((dbuf), (ubuf), (count), __FILE__, __LINE__)
#endif /* !SVR5DDI_NO_SITE_MACROS */
/* ---- end io ---- */
/* ---- section bio: block I/O ---- */
/*
 * The block-I/O calls (biodone, bioerror, biowait, geterror, getrbuf,
 * freerbuf, geteblk, ngeteblk, brelse, clrbuf, physiock, buf_breakup)
 * take buf_t and are declared in <sys/buf.h> with it, every version.
 */
/* ---- end bio ---- */
/* ---- section drv: devices, processes, the DDI 8 driver model ---- */
/*
 * The DDI 8 driver model is declared where SCO's drivers include it from:
 * drvinfo_t, drvops_t, drv_attach, drv_detach in <sys/conf.h>; the
 * resource manager (cm_*) in <sys/confmgr.h> and <sys/cm_i386at.h>;
 * MOD_DRV_WRAPPER in <sys/moddefs.h>.
 */
/* ---- end drv ---- */

#endif /* _SVR5DDI_SYS_DDI_H */
