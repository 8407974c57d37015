/* SPDX-License-Identifier: MIT */
/* cases_bio.c - shared cases of the "bio" family (placeholder). */
#include <sys/types.h>
#include "ddi_case.h"

const struct ddi_case ddi_cases_bio[] = {
	DDI_CASES_END
};
