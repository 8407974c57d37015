// SPDX-License-Identifier: MIT
/*
 * ksynch_atomic.c - SVR5 atomic integers (DDI 6 and later):
 * ATOMIC_INT_ALLOC(D3), ATOMIC_INT_DEALLOC(D3), ATOMIC_INT_INIT(D3),
 * ATOMIC_INT_READ(D3), ATOMIC_INT_WRITE(D3), ATOMIC_INT_ADD(D3),
 * ATOMIC_INT_SUB(D3), ATOMIC_INT_INCR(D3), ATOMIC_INT_DECR(D3).
 *
 * Each is a Linux atomic_t.  Atomicity covers one object only, as SVR5
 * says.  The arithmetic calls are not checked (they are the fast path);
 * ALLOC and DEALLOC are.  ATOMIC_INT_DECR returns whether the new value
 * is zero (the reference-count idiom), with full ordering like Linux's
 * atomic_dec_and_test().
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/atomic.h>
#include "ddi_internal.h"
#include "ksynch_internal.h"

/*
 * ATOMIC_INT_ALLOC_site - a new atomic integer (value 0 until
 * ATOMIC_INT_INIT).  NULL only for KM_NOSLEEP without memory.
 * Context: KM_SLEEP: may sleep (reported and treated as KM_NOSLEEP where
 * the caller cannot); KM_NOSLEEP: any.
 */
atomic_int_t *ATOMIC_INT_ALLOC_site(int flag, const char *file, int line)
{
	struct __svr5_atomic_int *a;

	a = ddi_ksynch_alloc(sizeof(*a), flag, "ATOMIC_INT_ALLOC", file, line);
	if (!a)
		return NULL;
	atomic_set(&a->v, 0);
	WRITE_ONCE(a->magic, DDI_ATOMIC_MAGIC);
	return a;
}
EXPORT_SYMBOL(ATOMIC_INT_ALLOC_site);

atomic_int_t *ATOMIC_INT_ALLOC(int flag)
{
	return ATOMIC_INT_ALLOC_site(flag, NULL, 0);
}
EXPORT_SYMBOL(ATOMIC_INT_ALLOC);

/*
 * ATOMIC_INT_DEALLOC_site - free an atomic integer (NULL or a foreign
 * pointer: reported, nothing freed).  Context: any.
 */
void ATOMIC_INT_DEALLOC_site(atomic_int_t *a, const char *file, int line)
{
	if (!a || READ_ONCE(a->magic) != DDI_ATOMIC_MAGIC) {
		ddi_misuse(SVR5DDI_MISUSE_BAD_ARGUMENT,
			   "ATOMIC_INT_DEALLOC: bad argument: %s at %s",
			   a ? "not from ATOMIC_INT_ALLOC" : "NULL counter",
			   DDI_SITE(file, line));
		return;
	}
	ddi_ksynch_free(a, &a->magic);
}
EXPORT_SYMBOL(ATOMIC_INT_DEALLOC_site);

void ATOMIC_INT_DEALLOC(atomic_int_t *a)
{
	ATOMIC_INT_DEALLOC_site(a, NULL, 0);
}
EXPORT_SYMBOL(ATOMIC_INT_DEALLOC);

/* ATOMIC_INT_INIT - set the value (not atomic with other calls, as SVR5
 * says).  Context: any. */
void ATOMIC_INT_INIT(atomic_int_t *a, int value)
{
	atomic_set(&a->v, value);
}
EXPORT_SYMBOL(ATOMIC_INT_INIT);

/* ATOMIC_INT_READ - the current value.  Context: any. */
int ATOMIC_INT_READ(atomic_int_t *a)
{
	return atomic_read(&a->v);
}
EXPORT_SYMBOL(ATOMIC_INT_READ);

/* ATOMIC_INT_WRITE - store @value atomically.  Context: any. */
void ATOMIC_INT_WRITE(atomic_int_t *a, int value)
{
	atomic_set(&a->v, value);
}
EXPORT_SYMBOL(ATOMIC_INT_WRITE);

/* ATOMIC_INT_ADD - add @value atomically.  Context: any. */
void ATOMIC_INT_ADD(atomic_int_t *a, int value)
{
	atomic_add(value, &a->v);
}
EXPORT_SYMBOL(ATOMIC_INT_ADD);

/* ATOMIC_INT_SUB - subtract @value atomically.  Context: any. */
void ATOMIC_INT_SUB(atomic_int_t *a, int value)
{
	atomic_sub(value, &a->v);
}
EXPORT_SYMBOL(ATOMIC_INT_SUB);

/* ATOMIC_INT_INCR - add one atomically.  Context: any. */
void ATOMIC_INT_INCR(atomic_int_t *a)
{
	atomic_inc(&a->v);
}
EXPORT_SYMBOL(ATOMIC_INT_INCR);

/* ATOMIC_INT_DECR - subtract one; B_TRUE if the result is 0.
 * Context: any. */
boolean_t ATOMIC_INT_DECR(atomic_int_t *a)
{
	return atomic_dec_and_test(&a->v) ? B_TRUE : B_FALSE;
}
EXPORT_SYMBOL(ATOMIC_INT_DECR);
