/* SPDX-License-Identifier: MIT */
/* linux/atomic.h - atomic_t and atomic64_t over the compiler's builtins. */
#ifndef _COMPAT_LINUX_ATOMIC_H
#define _COMPAT_LINUX_ATOMIC_H
#include <linux/types.h>

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

#define __COMPAT_ATOMIC_OPS(pfx, T, V)					\
static inline V pfx##_read(const T *v)					\
{ return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }		\
static inline void pfx##_set(T *v, V i)				\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_add(V i, T *v)				\
{ __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_sub(V i, T *v)				\
{ __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_inc(T *v) { pfx##_add(1, v); }		\
static inline void pfx##_dec(T *v) { pfx##_sub(1, v); }		\
static inline V pfx##_add_return(V i, T *v)				\
{ return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline V pfx##_sub_return(V i, T *v)				\
{ return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline V pfx##_fetch_add(V i, T *v)				\
{ return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline V pfx##_inc_return(T *v) { return pfx##_add_return(1, v); } \
static inline V pfx##_dec_return(T *v) { return pfx##_sub_return(1, v); } \
static inline bool pfx##_dec_and_test(T *v)				\
{ return pfx##_sub_return(1, v) == 0; }				\
static inline bool pfx##_inc_and_test(T *v)				\
{ return pfx##_add_return(1, v) == 0; }				\
static inline V pfx##_xchg(T *v, V n)					\
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); }	\
static inline V pfx##_cmpxchg(T *v, V o, V n)				\
{ __atomic_compare_exchange_n(&v->counter, &o, n, false,		\
		__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return o; }	\
static inline bool pfx##_try_cmpxchg(T *v, V *o, V n)			\
{ return __atomic_compare_exchange_n(&v->counter, o, n, false,		\
		__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }			\
static inline void pfx##_or(V i, T *v)					\
{ __atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_and(V i, T *v)				\
{ __atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED); }		\
static inline void pfx##_andnot(V i, T *v)				\
{ __atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED); }		\
static inline V pfx##_fetch_or(V i, T *v)				\
{ return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline V pfx##_fetch_andnot(V i, T *v)				\
{ return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_SEQ_CST); }

__COMPAT_ATOMIC_OPS(atomic, atomic_t, int)
__COMPAT_ATOMIC_OPS(atomic64, atomic64_t, s64)
#define atomic_long_read	atomic64_read
#define atomic_long_set		atomic64_set
#define atomic_long_add		atomic64_add
#define atomic_long_sub		atomic64_sub
#define atomic_long_inc		atomic64_inc
#define atomic_long_dec		atomic64_dec
#define atomic_long_add_return	atomic64_add_return
#define atomic_long_sub_return	atomic64_sub_return
#define atomic_long_inc_return	atomic64_inc_return
#define atomic_long_dec_return	atomic64_dec_return
#define atomic_long_fetch_add	atomic64_fetch_add
#define atomic_long_dec_and_test atomic64_dec_and_test
#define atomic_long_inc_and_test atomic64_inc_and_test
#define atomic_long_xchg	atomic64_xchg
#define atomic_long_cmpxchg	atomic64_cmpxchg
#define atomic_long_try_cmpxchg	atomic64_try_cmpxchg

#define smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define xchg(p, v)	__atomic_exchange_n(p, v, __ATOMIC_SEQ_CST)
#define cmpxchg(p, o, n) ({ typeof(*(p)) __o = (o);			\
	__atomic_compare_exchange_n(p, &__o, n, false,			\
		__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); __o; })
#endif
