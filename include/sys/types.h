/*
 * <sys/types.h> - SVR5 (UnixWare 7 / OpenServer 6) driver-visible types.
 *
 * Legacy drivers are recompiled unchanged, so the names, signedness and
 * widths below are the contract (svr5-memory-ddi.md, section 2), not a
 * convenience.  Target: x86-64 (LP64), where ulong_t, paddr_t and vaddr_t
 * are 64 bits wide and paddr32_t stays 32.
 *
 * Freestanding: this header includes nothing from libc or Linux.  It
 * defines size_t and NULL itself under the guards the compiler's own
 * <stddef.h> tests (GCC and Clang both skip their size_t when _SIZE_T is
 * defined, and both #undef NULL before defining the same ((void *)0)), so
 * <stddef.h> may be included before or after this file.
 */
#ifndef _SVR5DDI_SYS_TYPES_H
#define _SVR5DDI_SYS_TYPES_H

#ifndef _SIZE_T
#define _SIZE_T
#ifdef __SIZE_TYPE__
typedef __SIZE_TYPE__ size_t;
#else
typedef unsigned long size_t;
#endif
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

typedef unsigned char uchar_t;
typedef unsigned short ushort_t;
typedef unsigned int uint_t;
typedef unsigned long ulong_t;

/* The BSD spellings SVR4 <sys/types.h> also offers. */
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

typedef char *caddr_t;			/* "core address": byte pointer */
typedef ulong_t vaddr_t;		/* virtual address as an integer */
typedef ulong_t paddr_t;		/* physical address, native width */
typedef unsigned int paddr32_t;		/* 32-bit physical address */
#ifdef __GNUC__
__extension__ typedef unsigned long long paddr64_t;	/* C89-clean */
#else
typedef unsigned long long paddr64_t;
#endif

typedef uint_t ppid_t;			/* physical page id (page frame) */
#define NOPAGE ((ppid_t)-1)		/* "no page": kvtoppid of unmapped */

typedef enum boolean { B_FALSE, B_TRUE } boolean_t;

/*
 * Names Linux's <linux/types.h> also defines.  ddi/ compiles these
 * headers together with Linux's, and C11 accepts a repeated typedef only
 * of the same type, so each has the type Linux gives it on x86-64 --
 * which is also UnixWare's width for it (UnixWare is a 32-bit system:
 * dev_t and daddr_t are 32 bits there too).  One definition each, here;
 * the _SVR5DDI_* guards let <sys/buf.h> and others test for them.
 */
#ifndef _SVR5DDI_DEV_T
#define _SVR5DDI_DEV_T
typedef unsigned int dev_t;		/* external device number */
#endif
#ifndef _SVR5DDI_DADDR_T
#define _SVR5DDI_DADDR_T
typedef int daddr_t;			/* disk block number */
#endif
typedef long off_t;			/* byte offset */
typedef long time_t;			/* seconds since 1970 */
typedef long clock_t;			/* clock ticks */
typedef int pid_t;			/* process id */
typedef unsigned int uid_t;		/* user id */
typedef unsigned int gid_t;		/* group id */

/*
 * Timeouts and device numbers, as UnixWare 7's <sys/types.h> has them
 * (the "time" family of issue 6; see itimeout(D3), getmajor(D3)).  Linux
 * has none of these names.  major_t and minor_t stay ulong_t as on
 * UnixWare; a dev_t holds a 12-bit major and a 20-bit minor, Linux's
 * encoding, so a kernel device number is an SVR5 one unchanged.
 */
typedef int toid_t;			/* timeout id; 0: none */
typedef int processorid_t;		/* processor number (dtimeout) */
typedef ulong_t major_t;		/* major part of a device number */
typedef ulong_t minor_t;		/* minor part of a device number */
#define NODEV		((dev_t)-1)	/* no device */
#define CLOCK_MAX	((clock_t)(~0UL >> 1))	/* largest clock_t */

#endif /* _SVR5DDI_SYS_TYPES_H */
