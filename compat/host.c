/* SPDX-License-Identifier: MIT */
/*
 * host.c - the only compat/ file that talks to libc and pthreads.
 *
 * Everything the emulation needs from the host process is here, behind the
 * interface of host.h.  Failures of the host itself (a mutex that cannot be
 * locked, a mapping the kernel refuses) are fatal: the emulation cannot
 * continue with a broken host, and hiding it would make tests lie.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "host.h"

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(struct host_mutex),
	       "host_mutex too small");
_Static_assert(sizeof(pthread_cond_t) <= sizeof(struct host_cond),
	       "host_cond too small");
_Static_assert(sizeof(pthread_rwlock_t) <= 7 * sizeof(unsigned long),
	       "rwlock_t too small");
_Static_assert(sizeof(pthread_t) == sizeof(host_thread_t),
	       "host_thread_t size");

/*
 * Static initialisation of locks and condition variables is zero-fill in
 * the emulated headers (DEFINE_SPINLOCK, DECLARE_WAIT_QUEUE_HEAD): glibc's
 * PTHREAD_MUTEX_INITIALIZER and PTHREAD_COND_INITIALIZER are all zeros.
 * host_mutex_init() and host_cond_init() therefore only zero-fill too.
 */

static void host_die(const char *what, int err)
{
	char buf[160];
	int n = snprintf(buf, sizeof(buf), "svr5ddi: host failure: %s: %s\n",
			 what, strerror(err));

	host_write_err(buf, n > 0 ? (size_t)n : 0);
	abort();
}

void host_mutex_init(struct host_mutex *m)
{
	memset(m, 0, sizeof(*m));
}

void host_mutex_destroy(struct host_mutex *m)
{
	(void)m;
}

void host_mutex_lock(struct host_mutex *m)
{
	int err = pthread_mutex_lock((pthread_mutex_t *)m);

	if (err)
		host_die("pthread_mutex_lock", err);
}

bool host_mutex_trylock(struct host_mutex *m)
{
	return pthread_mutex_trylock((pthread_mutex_t *)m) == 0;
}

void host_mutex_unlock(struct host_mutex *m)
{
	int err = pthread_mutex_unlock((pthread_mutex_t *)m);

	if (err)
		host_die("pthread_mutex_unlock", err);
}

void host_cond_init(struct host_cond *c)
{
	memset(c, 0, sizeof(*c));
}

void host_cond_destroy(struct host_cond *c)
{
	(void)c;
}

void host_cond_wait(struct host_cond *c, struct host_mutex *m)
{
	int err = pthread_cond_wait((pthread_cond_t *)c, (pthread_mutex_t *)m);

	if (err)
		host_die("pthread_cond_wait", err);
}

bool host_cond_timedwait(struct host_cond *c, struct host_mutex *m,
			 u64 timeout_ns)
{
	/* Zero-initialised condition variables use CLOCK_REALTIME. */
	u64 deadline = host_realtime_ns() + timeout_ns;
	struct timespec ts = {
		.tv_sec = (time_t)(deadline / 1000000000ULL),
		.tv_nsec = (long)(deadline % 1000000000ULL),
	};
	int err = pthread_cond_timedwait((pthread_cond_t *)c,
					 (pthread_mutex_t *)m, &ts);

	if (err == ETIMEDOUT)
		return false;
	if (err)
		host_die("pthread_cond_timedwait", err);
	return true;
}

void host_cond_signal(struct host_cond *c)
{
	pthread_cond_signal((pthread_cond_t *)c);
}

void host_cond_broadcast(struct host_cond *c)
{
	pthread_cond_broadcast((pthread_cond_t *)c);
}

void host_rwlock_rdlock(void *rw)
{
	int err = pthread_rwlock_rdlock(rw);

	if (err)
		host_die("pthread_rwlock_rdlock", err);
}

void host_rwlock_wrlock(void *rw)
{
	int err = pthread_rwlock_wrlock(rw);

	if (err)
		host_die("pthread_rwlock_wrlock", err);
}

bool host_rwlock_tryrdlock(void *rw)
{
	int err = pthread_rwlock_tryrdlock(rw);

	if (err && err != EBUSY && err != EAGAIN)
		host_die("pthread_rwlock_tryrdlock", err);
	return !err;
}

bool host_rwlock_trywrlock(void *rw)
{
	int err = pthread_rwlock_trywrlock(rw);

	if (err && err != EBUSY)
		host_die("pthread_rwlock_trywrlock", err);
	return !err;
}

void host_rwlock_unlock(void *rw)
{
	int err = pthread_rwlock_unlock(rw);

	if (err)
		host_die("pthread_rwlock_unlock", err);
}

int host_thread_create(host_thread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_t th;
	int err = pthread_create(&th, NULL, fn, arg);

	if (err)
		return -err;
	*t = (host_thread_t)th;
	return 0;
}

void host_thread_join(host_thread_t t)
{
	pthread_join((pthread_t)t, NULL);
}

void host_thread_detach(host_thread_t t)
{
	pthread_detach((pthread_t)t);
}

void host_yield(void)
{
	sched_yield();
}

/*
 * membarrier(2) needs a registration per process (a forked child is a
 * new one, hence the pid): membarrier_pid is our pid once registered,
 * minus it when the call is refused (then the fallback of host.h).
 */
#ifndef SYS_membarrier
#define SYS_membarrier	(-1L)		/* fails with ENOSYS */
#endif
#define HOST_MB_PRIVATE_EXPEDITED		(1 << 3)	/* uapi values */
#define HOST_MB_REGISTER_PRIVATE_EXPEDITED	(1 << 4)
static pid_t membarrier_pid;
static char *membarrier_page;

static void membarrier_fallback(void)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&lock);
	if (!membarrier_page) {
		membarrier_page = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE),
				       PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (membarrier_page == MAP_FAILED)
			host_die("mmap", errno);
	}
	/* Present in the page tables, then write-protected: a shootdown. */
	__atomic_store_n(membarrier_page, 1, __ATOMIC_SEQ_CST);
	if (mprotect(membarrier_page, 1, PROT_READ) ||
	    mprotect(membarrier_page, 1, PROT_READ | PROT_WRITE))
		host_die("mprotect", errno);
	pthread_mutex_unlock(&lock);
}

void host_membarrier(void)
{
	pid_t pid = getpid();
	pid_t reg = __atomic_load_n(&membarrier_pid, __ATOMIC_ACQUIRE);

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (reg != pid && reg != -pid) {
		reg = syscall(SYS_membarrier,
			      HOST_MB_REGISTER_PRIVATE_EXPEDITED, 0, 0)
			? -pid : pid;
		__atomic_store_n(&membarrier_pid, reg, __ATOMIC_RELEASE);
	}
	if (reg != pid ||
	    syscall(SYS_membarrier, HOST_MB_PRIVATE_EXPEDITED, 0, 0))
		membarrier_fallback();
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int host_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

static unsigned int next_thread_id;
static __thread unsigned int my_thread_id;

unsigned int host_thread_id(void)
{
	if (!my_thread_id)
		my_thread_id = __atomic_add_fetch(&next_thread_id, 1,
						  __ATOMIC_RELAXED);
	return my_thread_id - 1;
}

/*
 * Thread-exit hooks: a per-thread list run by a pthread key destructor.
 * The list nodes come from the host heap.
 */
struct exit_hook {
	void (*fn)(void *);
	void *arg;
	struct exit_hook *next;
};

static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void run_exit_hooks(void *head)
{
	struct exit_hook *h = head;

	while (h) {
		struct exit_hook *next = h->next;

		h->fn(h->arg);
		free(h);
		h = next;
	}
}

static void make_exit_key(void)
{
	int err = pthread_key_create(&exit_key, run_exit_hooks);

	if (err)
		host_die("pthread_key_create", err);
}

void host_on_thread_exit(void (*fn)(void *), void *arg)
{
	struct exit_hook *h = malloc(sizeof(*h));

	if (!h)
		host_die("malloc", ENOMEM);
	pthread_once(&exit_key_once, make_exit_key);
	h->fn = fn;
	h->arg = arg;
	h->next = pthread_getspecific(exit_key);
	pthread_setspecific(exit_key, h);
}

static pthread_mutex_t once_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t once_cond = PTHREAD_COND_INITIALIZER;

void host_once(struct host_once *o, void (*fn)(void))
{
	if (__atomic_load_n(&o->state, __ATOMIC_ACQUIRE) == 2)
		return;
	pthread_mutex_lock(&once_lock);
	while (o->state == 1)
		pthread_cond_wait(&once_cond, &once_lock);
	if (o->state == 2) {
		pthread_mutex_unlock(&once_lock);
		return;
	}
	o->state = 1;
	pthread_mutex_unlock(&once_lock);

	fn();

	pthread_mutex_lock(&once_lock);
	__atomic_store_n(&o->state, 2, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&once_cond);
	pthread_mutex_unlock(&once_lock);
}

static u64 clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

void host_random(void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			host_abort();
		}
		p += n;
		len -= (size_t)n;
	}
}

u64 host_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

u64 host_realtime_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

void host_sleep_ns(u64 ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ns / 1000000000ULL),
		.tv_nsec = (long)(ns % 1000000000ULL),
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int host_memfd(const char *name, u64 size)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size)) {
		int err = errno;

		close(fd);
		return -err;
	}
	return fd;
}

void *host_reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void *host_map_anon(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

int host_map_file_fixed(void *addr, size_t len, int fd, u64 offset)
{
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_FIXED, fd, (off_t)offset);

	return p == MAP_FAILED ? -errno : 0;
}

int host_unmap_fixed(void *addr, size_t len)
{
	void *p = mmap(addr, len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		       -1, 0);

	return p == MAP_FAILED ? -errno : 0;
}

void host_write_err(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(2, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

int host_vsnprintf(char *buf, size_t size, const char *fmt,
		   __builtin_va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

const char *host_getenv(const char *name)
{
	return getenv(name);
}

void host_abort(void)
{
	abort();
}

void host_exit(int status)
{
	exit(status);
}

void *host_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		host_die("calloc", ENOMEM);
	return p;
}

void host_free(void *p)
{
	free(p);
}

static bool apply_suffix(const char **s, u64 *v)
{
	u64 mult = 1;

	switch (**s) {
	case 'k': case 'K': mult = 1ULL << 10; break;
	case 'm': case 'M': mult = 1ULL << 20; break;
	case 'g': case 'G': mult = 1ULL << 30; break;
	case 't': case 'T': mult = 1ULL << 40; break;
	default: return true;
	}
	(*s)++;
	if (*v > UINT64_MAX / mult)
		return false;
	*v *= mult;
	return true;
}

bool host_parse_u64(const char *s, const char **end, u64 *out)
{
	char *e;
	unsigned long long v;

	if (!s || *s == '-' || *s == '\0')
		return false;
	errno = 0;
	v = strtoull(s, &e, 0);
	if (errno || e == s)
		return false;
	*out = v;
	if (end)
		*end = e;
	return true;
}

bool host_parse_size(const char *s, const char **end, u64 *out)
{
	const char *e;
	u64 v;

	if (!host_parse_u64(s, &e, &v))
		return false;
	if (!apply_suffix(&e, &v))
		return false;
	*out = v;
	if (end)
		*end = e;
	return true;
}

bool host_parse_double(const char *s, const char **end, double *out)
{
	char *e;
	double v;

	if (!s || *s == '\0')
		return false;
	errno = 0;
	v = strtod(s, &e);
	if (errno || e == s)
		return false;
	*out = v;
	if (end)
		*end = e;
	return true;
}
