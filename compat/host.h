/* SPDX-License-Identifier: MIT */
/*
 * host.h - the one narrow interface between compat/ and the host process.
 *
 * Theory: compat/ emulates the Linux 6.1 kernel API inside a process.  Every
 * service it needs from libc or pthreads goes through the functions below,
 * implemented in host.c and nowhere else, so what the emulation relies on is
 * visible in one place.  No compat/ file other than host.c includes a libc
 * or pthread header.
 *
 * The types are opaque fixed-size blobs so that this header needs no libc
 * header either; host.c checks with static asserts that they are big enough.
 */
#ifndef COMPAT_HOST_H
#define COMPAT_HOST_H

#include <linux/types.h>

/* Mutual exclusion and condition variables (pthread underneath). */
struct host_mutex {
	unsigned long opaque[6] __attribute__((aligned(8)));
};
struct host_cond {
	unsigned long opaque[7] __attribute__((aligned(8)));
};

void host_mutex_init(struct host_mutex *m);
void host_mutex_destroy(struct host_mutex *m);
void host_mutex_lock(struct host_mutex *m);
bool host_mutex_trylock(struct host_mutex *m);
void host_mutex_unlock(struct host_mutex *m);

void host_cond_init(struct host_cond *c);
void host_cond_destroy(struct host_cond *c);
void host_cond_wait(struct host_cond *c, struct host_mutex *m);
/* Returns false when @timeout_ns elapsed without a signal. */
bool host_cond_timedwait(struct host_cond *c, struct host_mutex *m,
			 u64 timeout_ns);
void host_cond_signal(struct host_cond *c);
void host_cond_broadcast(struct host_cond *c);

/* Reader-writer locks over a 56-byte blob (rwlock_t's storage); all-zero
 * is the unlocked state. */
void host_rwlock_rdlock(void *rw);
void host_rwlock_wrlock(void *rw);
void host_rwlock_unlock(void *rw);
bool host_rwlock_tryrdlock(void *rw);	/* true if taken */
bool host_rwlock_trywrlock(void *rw);

/* Threads. */
typedef unsigned long host_thread_t;
int host_thread_create(host_thread_t *t, void *(*fn)(void *), void *arg);
void host_thread_join(host_thread_t t);
void host_thread_detach(host_thread_t t);
void host_yield(void);
/*
 * A full memory barrier executed by every running thread of the process
 * before this returns (membarrier(2) MEMBARRIER_CMD_PRIVATE_EXPEDITED;
 * without it, a protection change of a touched page, whose TLB shootdown
 * interrupts every CPU running the process: sound on x86).
 */
void host_membarrier(void);
int host_ncpus(void);
/* Small dense id of the calling thread, stable for its lifetime. */
unsigned int host_thread_id(void);

/* Thread-exit hooks: @fn(@arg) runs when the calling thread exits. */
void host_on_thread_exit(void (*fn)(void *), void *arg);

/* One-time initialisation. */
struct host_once {
	int state;		/* 0 = not run, 1 = running, 2 = done */
};
#define HOST_ONCE_INIT { 0 }
void host_once(struct host_once *o, void (*fn)(void));

/* Time. */
u64 host_now_ns(void);		/* CLOCK_MONOTONIC */
void host_random(void *buf, size_t len);	/* getrandom(2), never fails */
u64 host_realtime_ns(void);	/* CLOCK_REALTIME */
void host_sleep_ns(u64 ns);

/* Address space and memory files. */
int host_memfd(const char *name, u64 size);		/* <0 on error */
void *host_reserve(size_t size);	/* PROT_NONE, NORESERVE; NULL on error */
void *host_map_anon(size_t size);	/* RW, NORESERVE, zeroed; NULL on error */
/* Map @len bytes of @fd at @offset read-write, MAP_SHARED, at fixed @addr. */
int host_map_file_fixed(void *addr, size_t len, int fd, u64 offset);
/* Return [addr, addr+len) to the reserved, inaccessible state. */
int host_unmap_fixed(void *addr, size_t len);

/* Output and environment. */
void host_write_err(const char *buf, size_t len);
int host_vsnprintf(char *buf, size_t size, const char *fmt, __builtin_va_list ap)
	__attribute__((__format__(printf, 3, 0)));
const char *host_getenv(const char *name);
void __attribute__((noreturn)) host_abort(void);
void __attribute__((noreturn)) host_exit(int status);

/* Host heap, for emulation bookkeeping that must not come from the arena. */
void *host_calloc(size_t n, size_t size);
void host_free(void *p);

/* Parsing helpers (strtoull semantics with K/M/G suffixes). */
bool host_parse_size(const char *s, const char **end, u64 *out);
bool host_parse_u64(const char *s, const char **end, u64 *out);
bool host_parse_double(const char *s, const char **end, double *out);

#endif /* COMPAT_HOST_H */
