dnl config/kernel.m4 - the kernel module build (svr5ddi.ko), OpenZFS style.
dnl
dnl SVR5DDI_AC_CONFIG_KERNEL: with --with-config=kernel|all, find the
dnl kernel build tree, check that it can build an external module, run the
dnl kernel API probes (config/kernel-*.m4) and substitute for ddi/Kbuild:
dnl   LINUX          kernel source tree (headers)
dnl   LINUX_OBJ      kernel build tree: the make -C directory
dnl   LINUX_VERSION  its kernel release (e.g. 6.1.0-56-amd64)
dnl   KERNEL_CPPFLAGS  -DHAVE_... from the probes
dnl Search order when not given: --with-linux-obj, --with-linux, then every
dnl /lib/modules/*/build, /usr/src/linux-headers-* and /usr/src/linux-*
dnl holding a Makefile and include/generated/autoconf.h, newest release
dnl first (sort -V).  The running kernel (uname -r) is never assumed to have
dnl headers.

dnl SVR5DDI_LINUX_RELEASE(objdir): echo the kernel release of a build tree.
AC_DEFUN([SVR5DDI_LINUX_RELEASE_SH], [
svr5ddi_linux_release() {
	dnl utsrelease.h first: Debian's include/config/kernel.release holds
	dnl the upstream version (6.1.192), not the release (6.1.0-56-amd64).
	if test -s "$[]1/include/generated/utsrelease.h"; then
		sed -n 's/^@%:@define UTS_RELEASE "\(.*\)"/\1/p' "$[]1/include/generated/utsrelease.h"
	elif test -s "$[]1/include/config/kernel.release"; then
		cat "$[]1/include/config/kernel.release"
	fi
}
])

AC_DEFUN([SVR5DDI_AC_KERNEL_FIND], [
	AC_REQUIRE([SVR5DDI_LINUX_RELEASE_SH])
	AC_MSG_CHECKING([for the kernel build tree])
	AS_IF([test -z "$LINUX_OBJ" && test -n "$LINUX"], [
		dnl --with-linux only: a combined tree, or Debian's split
		dnl (source in -common, objects beside it).
		AS_IF([test -f "$LINUX/include/generated/autoconf.h"],
			[LINUX_OBJ=$LINUX])
	])
	AS_IF([test -z "$LINUX_OBJ"], [
		svr5ddi_best= svr5ddi_best_rel=
		for d in /lib/modules/*/build /usr/src/linux-headers-* /usr/src/linux-*; do
			test -f "$d/Makefile" && test -f "$d/include/generated/autoconf.h" || continue
			r=$(svr5ddi_linux_release "$d")
			test -n "$r" || continue
			if test -z "$svr5ddi_best_rel" ||
			   test "$(printf '%s\n%s\n' "$svr5ddi_best_rel" "$r" | sort -V | tail -n 1)" = "$r" &&
			   test "$r" != "$svr5ddi_best_rel"; then
				svr5ddi_best=$d svr5ddi_best_rel=$r
			fi
		done
		LINUX_OBJ=$svr5ddi_best
	])
	AS_IF([test -z "$LINUX_OBJ"], [
		AC_MSG_RESULT([not found])
		AC_MSG_ERROR([no kernel build tree found (a Makefile and include/generated/autoconf.h under /lib/modules/*/build or /usr/src/linux-headers-*).
  Install the headers (Debian: apt-get install linux-headers-amd64) or give
  --with-linux=DIR (and --with-linux-obj=DIR for a separate build tree).])
	])
	LINUX_OBJ=$(cd "$LINUX_OBJ" && pwd -P)
	AS_IF([test ! -f "$LINUX_OBJ/Makefile" || test ! -f "$LINUX_OBJ/include/generated/autoconf.h"], [
		AC_MSG_RESULT([no])
		AC_MSG_ERROR([$LINUX_OBJ is not a configured kernel build tree (no Makefile or include/generated/autoconf.h)])
	])
	LINUX_VERSION=$(svr5ddi_linux_release "$LINUX_OBJ")
	AS_IF([test -z "$LINUX"], [
		dnl the source tree: /lib/modules/REL/source, else the build tree
		AS_IF([test -d "/lib/modules/$LINUX_VERSION/source"],
			[LINUX=$(cd "/lib/modules/$LINUX_VERSION/source" && pwd -P)],
			[LINUX=$LINUX_OBJ])
	])
	AC_MSG_RESULT([$LINUX_OBJ ($LINUX_VERSION)])
	AC_MSG_CHECKING([for the kernel source tree])
	AS_IF([test ! -f "$LINUX/include/linux/module.h"], [
		AC_MSG_RESULT([no])
		AC_MSG_ERROR([$LINUX has no include/linux/module.h: give --with-linux=DIR])
	])
	AC_MSG_RESULT([$LINUX])
])

dnl SVR5DDI_LINUX_TRY_COMPILE(NAME, PROLOGUE, BODY, IF-OK, IF-NOT)
dnl Build a one-file module against LINUX_OBJ (in build-aux/conftest-NAME
dnl of the build tree, like OpenZFS's build/ probes).
AC_DEFUN([SVR5DDI_LINUX_TRY_COMPILE], [
	svr5ddi_ct=$ac_pwd/conftest-kernel/$1
	rm -rf "$svr5ddi_ct" && mkdir -p "$svr5ddi_ct"
	cat > "$svr5ddi_ct/conftest.c" <<_SVR5EOF
#include <linux/module.h>
$2
int svr5ddi_conftest(void);
int svr5ddi_conftest(void)
{
$3
	return 0;
}
MODULE_LICENSE("Dual MIT/GPL");
_SVR5EOF
	echo "obj-m := conftest.o" > "$svr5ddi_ct/Kbuild"
	AS_IF([$MAKE -C "$LINUX_OBJ" M="$svr5ddi_ct" modules >"$svr5ddi_ct/build.log" 2>&1 &&
	       test -f "$svr5ddi_ct/conftest.o"],
		[cat "$svr5ddi_ct/build.log" >&AS_MESSAGE_LOG_FD; $4],
		[cat "$svr5ddi_ct/conftest.c" "$svr5ddi_ct/build.log" >&AS_MESSAGE_LOG_FD; $5])
])

dnl SVR5DDI_LINUX_CHECK(DEFINE, MESSAGE, PROLOGUE, BODY): a probe that
dnl adds -DDEFINE to KERNEL_CPPFLAGS when BODY compiles.
AC_DEFUN([SVR5DDI_LINUX_CHECK], [
	AC_MSG_CHECKING([$2])
	SVR5DDI_LINUX_TRY_COMPILE([$1], [$3], [$4],
		[AC_MSG_RESULT([yes]); KERNEL_CPPFLAGS="$KERNEL_CPPFLAGS -D$1"],
		[AC_MSG_RESULT([no])])
])

AC_DEFUN([SVR5DDI_AC_CONFIG_KERNEL], [
	AC_REQUIRE([AC_PROG_MAKE_SET])
	: ${MAKE=make}
	SVR5DDI_AC_KERNEL_FIND
	KERNEL_CPPFLAGS=
	AC_MSG_CHECKING([whether $LINUX_OBJ builds an external module])
	SVR5DDI_LINUX_TRY_COMPILE([basic], [], [],
		[AC_MSG_RESULT([yes])],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR([cannot build a module against $LINUX_OBJ: see config.log])])
	SVR5DDI_KERNEL_VIRT_TO_PFN
	SVR5DDI_KERNEL_MAX_ORDER
	dnl --enable-werror reaches the module too
	AS_IF([test "$enable_werror" = yes], [KERNEL_WERROR=-Werror], [KERNEL_WERROR=])
	rm -rf "$ac_pwd/conftest-kernel"
	AC_SUBST([LINUX])
	AC_SUBST([LINUX_OBJ])
	AC_SUBST([LINUX_VERSION])
	AC_SUBST([KERNEL_CPPFLAGS])
	AC_SUBST([KERNEL_WERROR])
])
