dnl The largest buddy order: 6.1 has MAX_ORDER exclusive (orders
dnl 0..MAX_ORDER-1, MAX_ORDER_NR_PAGES == 1 << (MAX_ORDER - 1)); 6.4 made
dnl it inclusive; 6.8 renamed it MAX_PAGE_ORDER.  ddi/ddi_os.h turns the
dnl result into DDI_OS_TOP_ORDER.
AC_DEFUN([SVR5DDI_KERNEL_MAX_ORDER], [
	SVR5DDI_LINUX_CHECK([HAVE_MAX_PAGE_ORDER], [whether the kernel has MAX_PAGE_ORDER],
		[#include <linux/mmzone.h>],
		[	int o = MAX_PAGE_ORDER;
	(void)o;])
	AS_CASE([$KERNEL_CPPFLAGS], [*HAVE_MAX_PAGE_ORDER*], [], [
		SVR5DDI_LINUX_CHECK([HAVE_MAX_ORDER_INCLUSIVE], [whether MAX_ORDER is an inclusive order],
			[#include <linux/mmzone.h>
#include <linux/build_bug.h>],
			[	BUILD_BUG_ON(MAX_ORDER_NR_PAGES != (1UL << MAX_ORDER));])
	])
])
