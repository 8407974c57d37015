/* SPDX-License-Identifier: MIT */
/* kadapter.h - what ktest.c needs of the shared-case adapter. */
#ifndef _SVR5DDI_KADAPTER_H
#define _SVR5DDI_KADAPTER_H
#include "ddi_cases.h"

void kadapter_case_begin(void);
void kadapter_case_end(void);
unsigned long kadapter_expected_misuse(void);

#endif
