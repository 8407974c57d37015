/* SPDX-License-Identifier: MIT */
/*
 * asm/processor.h - cpu_relax() (x86: the PAUSE instruction), for busy
 * waits that poll memory another CPU changes.  Userspace emulation of 6.1.
 */
#ifndef _COMPAT_ASM_PROCESSOR_H
#define _COMPAT_ASM_PROCESSOR_H

static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
}

#endif
