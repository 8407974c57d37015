/*
 * <sys/ksynch.h> - SVR5 kernel synchronization: basic (spin) locks,
 * read/write locks, sleep locks, synchronization variables and atomic
 * integers (LOCK_ALLOC(D3) ... ATOMIC_INT(D4), lkinfo(D4)).
 *
 * Version table (_DDI defined before the first inclusion; undefined is
 * permissive: everything):
 *	every version	lkinfo_t, LKINFO_DECL, LOCK_ALLOC, LOCK_DEALLOC, LOCK,
 *			UNLOCK, TRYLOCK, LOCK_OWNED, RW_*, SLEEP_*, SV_*
 *	_DDI >= 6	ATOMIC_INT_ALLOC/DEALLOC/INIT/READ/WRITE/ADD/SUB/
 *			INCR/DECR
 * pl_t and the levels (plbase ... plhi, invpl) come from <sys/ipl.h>; the
 * spl calls and getpl are in <sys/ddi.h>.
 *
 * The lock objects are opaque: drivers only hold pointers returned by the
 * *_ALLOC calls.  rwlock_t is "struct __svr5_rwlock" (Linux has a type of
 * the same name: code that sees both defines SVR5DDI_NO_RWLOCK_T and uses
 * the struct name).
 *
 * SITE CAPTURE.  As in <sys/kmem.h>, every call whose misuse is reported
 * has an F_site entry point taking (args..., const char *file, int line),
 * and F(args) is a function-like macro calling F_site with __FILE__ and
 * __LINE__; the plain F is a real exported function too (reached by &F,
 * (F)(args), or with SVR5DDI_NO_SITE_MACROS defined), reporting
 * "unknown site".  Queries (LOCK_OWNED, SLEEP_LOCKAVAIL, SLEEP_LOCKOWNED)
 * and the ATOMIC_INT operations other than ALLOC/DEALLOC have no site
 * form.
 *
 * DIAGNOSTICS (one line each, counted in svr5ddi_stats.misuse[], see
 * <svr5ddi/ddictl.h>):
 *   svr5ddi: CALL: TAG: lock "NAME" (ADDR) DETAILS at FILE:LINE
 * where CALL is the SVR5 name (LOCK, SV_WAIT ...), TAG the fixed text of
 * the misuse tag, NAME the lkinfo lk_name given at allocation ("?" if
 * none) and FILE:LINE the driver's call site.  Tags used:
 *   lock not held                 UNLOCK/RW_UNLOCK/SLEEP_UNLOCK of a lock
 *                                 the caller does not hold, SV_WAIT whose
 *                                 lkp the caller does not hold: the call
 *                                 does nothing else
 *   recursive lock                LOCK/RW_*LOCK/SLEEP_LOCK of a lock the
 *                                 calling context already holds: reported
 *                                 instead of deadlocking; the matching
 *                                 unlock undoes only the recursion.  Also
 *                                 lock-order violations with the debug
 *                                 layer on ("lock order violation: ...
 *                                 hierarchy H not above held lock ...")
 *   sleep with a spin lock held   SV_WAIT (with a basic/rw lock other than
 *                                 lkp), SLEEP_LOCK, SLEEP_LOCK_SIG,
 *                                 KM_SLEEP allocations of these objects
 *   dealloc of a held lock        *_DEALLOC of a held lock, a sleep lock
 *                                 with waiters or an sv_t with waiters:
 *                                 the object is not freed (leaked)
 *   bad priority level            a pl outside plbase..plhi, below the
 *                                 lock's min_pl, below the current level
 *                                 at interrupt level, or (debug layer)
 *                                 dropping below the level of a basic
 *                                 lock still held
 *   bad argument                  NULL or foreign object, hierarchy
 *                                 outside 1..32, non-zero reserved
 *                                 arguments
 *   wrong context                 a blocking call at interrupt level
 */
#ifndef _SVR5DDI_SYS_KSYNCH_H
#define _SVR5DDI_SYS_KSYNCH_H

#include <sys/types.h>
#include <sys/ipl.h>

/* lkinfo(D4): names a lock for statistics and diagnostics. */
typedef struct lkinfo {
	char *lk_name;		/* lock name, starts with the driver prefix */
	int lk_flags;		/* 0, or LK_NOSTATS for SLEEP_ALLOC */
	long lk_pad[2];		/* reserved: zero */
} lkinfo_t;

#define LK_NOSTATS	0x1	/* SLEEP_ALLOC: collect no statistics */

/* LKINFO_DECL(D5): define and initialise an lkinfo_t; "static" may
 * precede it. */
#define LKINFO_DECL(var, name, flags) \
	lkinfo_t var = { (char *)(name), (flags), { 0, 0 } }

#define LK_HIER_MIN	1	/* valid hierarchy values: 1..32 */
#define LK_HIER_MAX	32

/*
 * Scheduling hints for SV_WAIT and SLEEP_LOCK, pri(D5): each may be
 * offset by -3..+3.  Linux has no per-wait priority: svr5ddi accepts and
 * ignores them.
 */
#define prilo		10
#define primed		20
#define prihi		30
#define pritape		40
#define pritty		50
#define prinet		60
#define pridisk		70

struct __svr5_lock;
struct __svr5_rwlock;
struct __svr5_sleep;
struct __svr5_sv;
typedef struct __svr5_lock lock_t;
#ifndef SVR5DDI_NO_RWLOCK_T
typedef struct __svr5_rwlock rwlock_t;
#endif
typedef struct __svr5_sleep sleep_t;
typedef struct __svr5_sv sv_t;

/* Basic locks: LOCK_ALLOC(D3), LOCK(D3), UNLOCK(D3), TRYLOCK(D3). */
lock_t *LOCK_ALLOC(uchar_t, pl_t, lkinfo_t *, int);
lock_t *LOCK_ALLOC_site(uchar_t, pl_t, lkinfo_t *, int, const char *, int);
void LOCK_DEALLOC(lock_t *);
void LOCK_DEALLOC_site(lock_t *, const char *, int);
pl_t LOCK(lock_t *, pl_t);
pl_t LOCK_site(lock_t *, pl_t, const char *, int);
void UNLOCK(lock_t *, pl_t);
void UNLOCK_site(lock_t *, pl_t, const char *, int);
pl_t TRYLOCK(lock_t *, pl_t);
pl_t TRYLOCK_site(lock_t *, pl_t, const char *, int);
boolean_t LOCK_OWNED(lock_t *);

/* Read/write spin locks: RW_ALLOC(D3) ... RW_UNLOCK(D3). */
struct __svr5_rwlock *RW_ALLOC(uchar_t, pl_t, lkinfo_t *, int);
struct __svr5_rwlock *RW_ALLOC_site(uchar_t, pl_t, lkinfo_t *, int,
				    const char *, int);
void RW_DEALLOC(struct __svr5_rwlock *);
void RW_DEALLOC_site(struct __svr5_rwlock *, const char *, int);
pl_t RW_RDLOCK(struct __svr5_rwlock *, pl_t);
pl_t RW_RDLOCK_site(struct __svr5_rwlock *, pl_t, const char *, int);
pl_t RW_WRLOCK(struct __svr5_rwlock *, pl_t);
pl_t RW_WRLOCK_site(struct __svr5_rwlock *, pl_t, const char *, int);
pl_t RW_TRYRDLOCK(struct __svr5_rwlock *, pl_t);
pl_t RW_TRYRDLOCK_site(struct __svr5_rwlock *, pl_t, const char *, int);
pl_t RW_TRYWRLOCK(struct __svr5_rwlock *, pl_t);
pl_t RW_TRYWRLOCK_site(struct __svr5_rwlock *, pl_t, const char *, int);
void RW_UNLOCK(struct __svr5_rwlock *, pl_t);
void RW_UNLOCK_site(struct __svr5_rwlock *, pl_t, const char *, int);

/* Sleep locks: SLEEP_ALLOC(D3) ... SLEEP_LOCKOWNED(D3). */
sleep_t *SLEEP_ALLOC(int, lkinfo_t *, int);
sleep_t *SLEEP_ALLOC_site(int, lkinfo_t *, int, const char *, int);
void SLEEP_DEALLOC(sleep_t *);
void SLEEP_DEALLOC_site(sleep_t *, const char *, int);
void SLEEP_LOCK(sleep_t *, int);
void SLEEP_LOCK_site(sleep_t *, int, const char *, int);
boolean_t SLEEP_LOCK_SIG(sleep_t *, int);
boolean_t SLEEP_LOCK_SIG_site(sleep_t *, int, const char *, int);
boolean_t SLEEP_TRYLOCK(sleep_t *);
boolean_t SLEEP_TRYLOCK_site(sleep_t *, const char *, int);
void SLEEP_UNLOCK(sleep_t *);
void SLEEP_UNLOCK_site(sleep_t *, const char *, int);
boolean_t SLEEP_LOCKAVAIL(sleep_t *);
boolean_t SLEEP_LOCKOWNED(sleep_t *);

/* Synchronization variables: SV_ALLOC(D3) ... SV_DEALLOC(D3). */
sv_t *SV_ALLOC(int);
sv_t *SV_ALLOC_site(int, const char *, int);
void SV_DEALLOC(sv_t *);
void SV_DEALLOC_site(sv_t *, const char *, int);
void SV_WAIT(sv_t *, int, lock_t *);
void SV_WAIT_site(sv_t *, int, lock_t *, const char *, int);
boolean_t SV_WAIT_SIG(sv_t *, int, lock_t *);
boolean_t SV_WAIT_SIG_site(sv_t *, int, lock_t *, const char *, int);
void SV_SIGNAL(sv_t *, int);
void SV_SIGNAL_site(sv_t *, int, const char *, int);
void SV_BROADCAST(sv_t *, int);
void SV_BROADCAST_site(sv_t *, int, const char *, int);

#if !defined(_DDI) || _DDI >= 6
/* Atomic integers: ATOMIC_INT(D4), ATOMIC_INT_ALLOC(D3) ... */
struct __svr5_atomic_int;
typedef struct __svr5_atomic_int atomic_int_t;

atomic_int_t *ATOMIC_INT_ALLOC(int);
atomic_int_t *ATOMIC_INT_ALLOC_site(int, const char *, int);
void ATOMIC_INT_DEALLOC(atomic_int_t *);
void ATOMIC_INT_DEALLOC_site(atomic_int_t *, const char *, int);
void ATOMIC_INT_INIT(atomic_int_t *, int);
int ATOMIC_INT_READ(atomic_int_t *);
void ATOMIC_INT_WRITE(atomic_int_t *, int);
void ATOMIC_INT_ADD(atomic_int_t *, int);
void ATOMIC_INT_SUB(atomic_int_t *, int);
void ATOMIC_INT_INCR(atomic_int_t *);
boolean_t ATOMIC_INT_DECR(atomic_int_t *);
#endif

/* Site capture (see the top comment).  Every prototype is above. */
#ifndef SVR5DDI_NO_SITE_MACROS
#define LOCK_ALLOC(h, minpl, lkinfop, flag) \
	LOCK_ALLOC_site((h), (minpl), (lkinfop), (flag), __FILE__, __LINE__)
#define LOCK_DEALLOC(lockp) \
	LOCK_DEALLOC_site((lockp), __FILE__, __LINE__)
#define LOCK(lockp, pl)		LOCK_site((lockp), (pl), __FILE__, __LINE__)
#define UNLOCK(lockp, pl)	UNLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define TRYLOCK(lockp, pl)	TRYLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define RW_ALLOC(h, minpl, lkinfop, flag) \
	RW_ALLOC_site((h), (minpl), (lkinfop), (flag), __FILE__, __LINE__)
#define RW_DEALLOC(lockp)	RW_DEALLOC_site((lockp), __FILE__, __LINE__)
#define RW_RDLOCK(lockp, pl) \
	RW_RDLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define RW_WRLOCK(lockp, pl) \
	RW_WRLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define RW_TRYRDLOCK(lockp, pl) \
	RW_TRYRDLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define RW_TRYWRLOCK(lockp, pl) \
	RW_TRYWRLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define RW_UNLOCK(lockp, pl) \
	RW_UNLOCK_site((lockp), (pl), __FILE__, __LINE__)
#define SLEEP_ALLOC(arg, lkinfop, flag) \
	SLEEP_ALLOC_site((arg), (lkinfop), (flag), __FILE__, __LINE__)
#define SLEEP_DEALLOC(lockp)	SLEEP_DEALLOC_site((lockp), __FILE__, __LINE__)
#define SLEEP_LOCK(lockp, pri) \
	SLEEP_LOCK_site((lockp), (pri), __FILE__, __LINE__)
#define SLEEP_LOCK_SIG(lockp, pri) \
	SLEEP_LOCK_SIG_site((lockp), (pri), __FILE__, __LINE__)
#define SLEEP_TRYLOCK(lockp)	SLEEP_TRYLOCK_site((lockp), __FILE__, __LINE__)
#define SLEEP_UNLOCK(lockp)	SLEEP_UNLOCK_site((lockp), __FILE__, __LINE__)
#define SV_ALLOC(flag)		SV_ALLOC_site((flag), __FILE__, __LINE__)
#define SV_DEALLOC(svp)		SV_DEALLOC_site((svp), __FILE__, __LINE__)
#define SV_WAIT(svp, pri, lkp) \
	SV_WAIT_site((svp), (pri), (lkp), __FILE__, __LINE__)
#define SV_WAIT_SIG(svp, pri, lkp) \
	SV_WAIT_SIG_site((svp), (pri), (lkp), __FILE__, __LINE__)
#define SV_SIGNAL(svp, flags)	SV_SIGNAL_site((svp), (flags), __FILE__, __LINE__)
#define SV_BROADCAST(svp, flags) \
	SV_BROADCAST_site((svp), (flags), __FILE__, __LINE__)
#if !defined(_DDI) || _DDI >= 6
#define ATOMIC_INT_ALLOC(flag) \
	ATOMIC_INT_ALLOC_site((flag), __FILE__, __LINE__)
#define ATOMIC_INT_DEALLOC(counter) \
	ATOMIC_INT_DEALLOC_site((counter), __FILE__, __LINE__)
#endif
#endif /* !SVR5DDI_NO_SITE_MACROS */

#endif /* _SVR5DDI_SYS_KSYNCH_H */
