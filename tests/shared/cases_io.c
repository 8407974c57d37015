/* SPDX-License-Identifier: MIT */
/* cases_io.c - shared cases of the "io" family (placeholder). */
#include <sys/types.h>
#include "ddi_case.h"

const struct ddi_case ddi_cases_io[] = {
	DDI_CASES_END
};
