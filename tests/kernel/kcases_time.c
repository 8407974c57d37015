// SPDX-License-Identifier: MIT
/* The shared "time" cases, compiled into svr5ddi_test.ko (see ddi_case.h). */
#include "../shared/cases_time.c"
