// SPDX-License-Identifier: MIT
/* The shared "drv" cases, compiled into svr5ddi_test.ko (see ddi_case.h). */
#include "../shared/cases_drv.c"
