/* SPDX-License-Identifier: MIT */
/*
 * ddi_test_ddi5.c - a DDI 5 driver's view of <sys/kmem.h>.
 *
 * _DDI 5 is defined before the first inclusion, as a DDI 5 driver does,
 * so kmem_alloc and kmem_zalloc name kmem_alloc_ddi5 / kmem_zalloc_ddi5
 * (with site capture: their _site forms).  The tests call in through
 * ddi_test_ddi5.h and check where the memory lies.
 */
#define _DDI 5
#include <sys/kmem.h>

#include "ddi_test_ddi5.h"

void *ddi5_kmem_alloc(size_t size, int flag, int *line)
{
	void *p;

	p = kmem_alloc(size, flag); *line = __LINE__;
	return p;
}

void *ddi5_kmem_zalloc(size_t size, int flag, int *line)
{
	void *p;

	p = kmem_zalloc(size, flag); *line = __LINE__;
	return p;
}

void *ddi5_kmem_alloc_fn(size_t size, int flag)
{
	return (kmem_alloc)(size, flag);
}

void ddi5_kmem_free(void *addr, size_t size)
{
	kmem_free(addr, size);
}

const char *ddi5_file(void)
{
	return __FILE__;
}
