/* SPDX-License-Identifier: MIT */
/*
 * ddi_test_ddi5.h - a translation unit compiled as a DDI 5 driver
 * (ddi_test_ddi5.c defines _DDI 5 before <sys/kmem.h>), seen from the
 * tests.  Under _DDI 5, kmem_alloc/kmem_zalloc map to the DMA-able
 * kmem_alloc_ddi5/kmem_zalloc_ddi5 (memory below 16 MiB).
 */
#ifndef TESTS_DDI_TEST_DDI5_H
#define TESTS_DDI_TEST_DDI5_H

#include <stddef.h>

/* kmem_alloc(size, flag) as a DDI 5 driver writes it; *line: its line. */
void *ddi5_kmem_alloc(size_t size, int flag, int *line);
void *ddi5_kmem_zalloc(size_t size, int flag, int *line);
/* (kmem_alloc)(size, flag): the function, not the site macro. */
void *ddi5_kmem_alloc_fn(size_t size, int flag);
/* kmem_free(addr, size) from the DDI 5 unit. */
void ddi5_kmem_free(void *addr, size_t size);
/* __FILE__ of the DDI 5 unit. */
const char *ddi5_file(void);

#endif
