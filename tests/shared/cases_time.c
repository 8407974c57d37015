/* SPDX-License-Identifier: MIT */
/* cases_time.c - shared cases of the "time" family (placeholder). */
#include <sys/types.h>
#include "ddi_case.h"

const struct ddi_case ddi_cases_time[] = {
	DDI_CASES_END
};
