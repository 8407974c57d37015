/* SPDX-License-Identifier: MIT */
/*
 * linux/string.h - the kernel's string functions.  The mem and str
 * functions have the C library's contracts and are the C library's; the
 * kernel-only ones are in compat/util.c.
 */
#ifndef _COMPAT_LINUX_STRING_H
#define _COMPAT_LINUX_STRING_H
#include <linux/types.h>
#include <linux/gfp_types.h>
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, size_t n);
ssize_t strscpy(char *dest, const char *src, size_t count);
char *kstrdup(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t max, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
void *memchr_inv(const void *s, int c, size_t n);
#endif
