// SPDX-License-Identifier: MIT
/* The shared "bio" cases, compiled into svr5ddi_test.ko (see ddi_case.h). */
#include "../shared/cases_bio.c"
