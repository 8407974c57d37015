/* SPDX-License-Identifier: MIT */
/*
 * util.c - the kernel's small string and memory helpers (mm/util.c and
 * lib/string.c of 6.1): kstrdup, kstrndup, kmemdup, kmemdup_nul, strscpy,
 * memchr_inv, and scnprintf (lib/vsprintf.c) over the C library's
 * vsnprintf.  The copies come from kmalloc(), so they are kfree()d.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/random.h>
#include "internal.h"

/**
 * kstrdup - allocate space for and copy an existing string
 * @s: the string to duplicate, or NULL
 * @gfp: GFP flags for kmalloc()
 * Context: as kmalloc() with @gfp.
 * Return: the copy, or NULL if @s is NULL or allocation fails.
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = kmalloc_track_caller(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}
EXPORT_SYMBOL(kstrdup);

/**
 * kstrndup - allocate space for and copy at most @max bytes of a string
 * @s: the string, or NULL
 * @max: read at most @max bytes of @s
 * @gfp: GFP flags for kmalloc()
 * Context: as kmalloc() with @gfp.
 * Return: the NUL-terminated copy, or NULL.
 */
char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = kmalloc_track_caller(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kstrndup);

/**
 * kmemdup - duplicate a region of memory
 * @src: the memory
 * @len: its size
 * @gfp: GFP flags for kmalloc()
 * Context: as kmalloc() with @gfp.
 * Return: the copy (ZERO_SIZE_PTR when @len is 0, as kmalloc(0)), or NULL.
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc_track_caller(len, gfp);

	if (p && !ZERO_OR_NULL_PTR(p))
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kmemdup);

/**
 * kmemdup_nul - copy @len bytes of @s and NUL-terminate the copy
 * @s: the bytes, or NULL
 * @len: how many
 * @gfp: GFP flags for kmalloc()
 * Context: as kmalloc() with @gfp.
 * Return: the copy, or NULL.
 */
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;
	buf = kmalloc_track_caller(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kmemdup_nul);

/**
 * strscpy - copy a C string into a sized buffer
 * @dest: where to copy
 * @src: the string
 * @count: size of @dest
 *
 * As lib/string.c: copies as much of @src as fits and always
 * NUL-terminates @dest unless @count is 0.
 * Context: any.
 * Return: the number of characters copied (without the NUL), or -E2BIG
 * when @count is 0, larger than INT_MAX (with a WARN), or @src was
 * truncated.
 */
ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (count == 0 || WARN_ON_ONCE(count > 0x7fffffffUL))
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return (ssize_t)len;
}
EXPORT_SYMBOL(strscpy);

/**
 * memchr_inv - find the first byte that differs from @c
 * @start: the memory
 * @c: the byte value
 * @bytes: how many bytes to look at
 * Context: any.
 * Return: the address of the first byte that is not @c, or NULL.
 */
void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = start;
	u8 value = (u8)c;
	unsigned long word;
	size_t i = 0;

	/* Whole words while aligned: 8 bytes per compare. */
	while (i < bytes && ((unsigned long)(p + i) & 7))
		if (p[i++] != value)
			return (void *)(p + i - 1);
	word = value * 0x0101010101010101UL;
	for (; i + 8 <= bytes; i += 8) {
		unsigned long v;

		memcpy(&v, p + i, sizeof(v));
		if (v != word)
			break;
	}
	for (; i < bytes; i++)
		if (p[i] != value)
			return (void *)(p + i);
	return NULL;
}
EXPORT_SYMBOL(memchr_inv);

/**
 * scnprintf - format into a buffer, returning what was really written
 * @buf: the buffer
 * @size: its size
 * @fmt: printf format (the host's: no %p extensions)
 * Context: any.
 * Return: the number of characters written to @buf, without the NUL
 * (0 if @size is 0), unlike snprintf() which returns what it wanted.
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	if (!size)
		return 0;
	va_start(args, fmt);
	i = vsnprintf(buf, size, fmt, args);
	va_end(args);
	if (i < 0)
		return 0;
	return (size_t)i < size ? i : (int)(size - 1);
}
EXPORT_SYMBOL(scnprintf);

/**
 * get_random_bytes - fill @buf with @len random bytes (host getrandom(2))
 * Context: any.
 */
void get_random_bytes(void *buf, size_t len)
{
	host_random(buf, len);
}
EXPORT_SYMBOL(get_random_bytes);

/** get_random_u32 - a random 32-bit number.  Context: any. */
u32 get_random_u32(void)
{
	u32 v;

	host_random(&v, sizeof(v));
	return v;
}
EXPORT_SYMBOL(get_random_u32);

/** get_random_u64 - a random 64-bit number.  Context: any. */
u64 get_random_u64(void)
{
	u64 v;

	host_random(&v, sizeof(v));
	return v;
}
EXPORT_SYMBOL(get_random_u64);
