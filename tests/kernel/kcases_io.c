// SPDX-License-Identifier: MIT
/* The shared "io" cases, compiled into svr5ddi_test.ko (see ddi_case.h). */
#include "../shared/cases_io.c"
