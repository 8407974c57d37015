/* SPDX-License-Identifier: MIT */
/* cases_drv.c - shared cases of the "drv" family (placeholder). */
#include <sys/types.h>
#include "ddi_case.h"

const struct ddi_case ddi_cases_drv[] = {
	DDI_CASES_END
};
