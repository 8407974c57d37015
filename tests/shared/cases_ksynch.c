/* SPDX-License-Identifier: MIT */
/* cases_ksynch.c - shared cases of the "ksynch" family (placeholder). */
#include <sys/types.h>
#include "ddi_case.h"

const struct ddi_case ddi_cases_ksynch[] = {
	DDI_CASES_END
};
