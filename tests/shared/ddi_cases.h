/* SPDX-License-Identifier: MIT */
/*
 * ddi_cases.h - the shared case tables, one per DDI family.  Each adapter
 * runs every table listed in DDI_CASE_TABLES.
 */
#ifndef _SVR5DDI_TESTS_DDI_CASES_H
#define _SVR5DDI_TESTS_DDI_CASES_H
#include "ddi_case.h"

extern const struct ddi_case ddi_cases_kmem[];
extern const struct ddi_case ddi_cases_ksynch[];
extern const struct ddi_case ddi_cases_time[];
extern const struct ddi_case ddi_cases_io[];
extern const struct ddi_case ddi_cases_bio[];
extern const struct ddi_case ddi_cases_drv[];

#define DDI_CASE_TABLES(X)		\
	X(kmem)				\
	X(ksynch)			\
	X(time)				\
	X(io)				\
	X(bio)				\
	X(drv)

#endif
