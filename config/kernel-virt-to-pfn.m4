dnl virt_to_pfn(): a generic helper on arm/arm64 (a macro, a static inline
dnl since 6.6), absent on x86 outside Xen's header.  ddi/ddi_os.h supplies
dnl it when missing.
AC_DEFUN([SVR5DDI_KERNEL_VIRT_TO_PFN], [
	SVR5DDI_LINUX_CHECK([HAVE_VIRT_TO_PFN], [whether the kernel has virt_to_pfn()],
		[#include <linux/mm.h>
static char conftest_buf;],
		[	unsigned long pfn = virt_to_pfn(&conftest_buf);
	(void)pfn;])
])
