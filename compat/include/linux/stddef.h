/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_STDDEF_H
#define _COMPAT_LINUX_STDDEF_H
#include <stddef.h>
#include <stdbool.h>
#endif
