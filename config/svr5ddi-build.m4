dnl svr5ddi build options.

dnl --with-config=user|kernel|all (OpenZFS style).
AC_DEFUN([SVR5DDI_WITH_CONFIG], [
	AC_ARG_WITH([config],
		AS_HELP_STRING([--with-config=CONFIG],
			[what to build: user (libsvr5ddi over compat/), kernel (svr5ddi.ko), all @<:@default=user@:>@]),
		[SVR5DDI_CONFIG="$withval"], [SVR5DDI_CONFIG=user])
	AC_ARG_WITH([linux],
		AS_HELP_STRING([--with-linux=DIR], [path to the Linux kernel source/headers]),
		[LINUX="$withval"])
	AC_ARG_WITH([linux-obj],
		AS_HELP_STRING([--with-linux-obj=DIR], [path to the Linux kernel build objects]),
		[LINUX_OBJ="$withval"])
	AC_MSG_CHECKING([svr5ddi config])
	AS_CASE([$SVR5DDI_CONFIG],
		[user], [],
		[kernel|all], [],
		[AC_MSG_ERROR([bad value '$SVR5DDI_CONFIG' for --with-config (user, kernel or all)])])
	AC_MSG_RESULT([$SVR5DDI_CONFIG])
	AC_SUBST([SVR5DDI_CONFIG])
	dnl the kernel module: config/kernel.m4
	AS_IF([test "$SVR5DDI_CONFIG" != user], [SVR5DDI_AC_CONFIG_KERNEL])
	AM_CONDITIONAL([CONFIG_USER], [test "$SVR5DDI_CONFIG" != kernel])
	AM_CONDITIONAL([CONFIG_KERNEL], [test "$SVR5DDI_CONFIG" != user])
])

dnl --enable-debug: the DDI debug layer is on by default at run time.
AC_DEFUN([SVR5DDI_ENABLE_DEBUG], [
	AC_ARG_ENABLE([debug],
		AS_HELP_STRING([--enable-debug], [turn the DDI debug layer on by default]),
		[], [enable_debug=no])
	AS_IF([test "$enable_debug" = yes],
		[AC_DEFINE([SVR5DDI_DEBUG_DEFAULT], [1], [debug layer default state])],
		[AC_DEFINE([SVR5DDI_DEBUG_DEFAULT], [0], [debug layer default state])])
])

dnl --enable-sanitizers: AddressSanitizer and UndefinedBehaviorSanitizer.
AC_DEFUN([SVR5DDI_ENABLE_SANITIZERS], [
	AC_ARG_ENABLE([sanitizers],
		AS_HELP_STRING([--enable-sanitizers], [build with ASan and UBSan]),
		[], [enable_sanitizers=no])
	AS_IF([test "$enable_sanitizers" = yes], [
		SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
		SVR5DDI_CFLAGS="$SVR5DDI_CFLAGS $SAN_FLAGS"
		SVR5DDI_LDFLAGS="$SVR5DDI_LDFLAGS $SAN_FLAGS"
		AC_DEFINE([SVR5DDI_SANITIZERS], [1], [built with ASan/UBSan])
	])
	AM_CONDITIONAL([SANITIZERS], [test "$enable_sanitizers" = yes])
])

dnl --enable-werror: warnings are errors (CI uses it).
AC_DEFUN([SVR5DDI_ENABLE_WERROR], [
	AC_ARG_ENABLE([werror],
		AS_HELP_STRING([--enable-werror], [treat compiler warnings as errors]),
		[], [enable_werror=no])
	SVR5DDI_CFLAGS="$SVR5DDI_CFLAGS -Wall -Wextra -Wno-unused-parameter"
	AS_IF([test "$enable_werror" = yes], [SVR5DDI_CFLAGS="$SVR5DDI_CFLAGS -Werror"])
	AC_SUBST([SVR5DDI_CFLAGS])
	AC_SUBST([SVR5DDI_LDFLAGS])
])

dnl pthreads: glibc 2.34+ has them in libc; -pthread is still the spelling.
AC_DEFUN([AX_PTHREAD_SIMPLE], [
	PTHREAD_CFLAGS="-pthread"
	PTHREAD_LIBS="-pthread"
	AC_SUBST([PTHREAD_CFLAGS])
	AC_SUBST([PTHREAD_LIBS])
])
