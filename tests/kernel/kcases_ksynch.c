// SPDX-License-Identifier: MIT
/* The shared "ksynch" cases, compiled into svr5ddi_test.ko (see ddi_case.h). */
#include "../shared/cases_ksynch.c"
