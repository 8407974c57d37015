/* SPDX-License-Identifier: MIT */
#ifndef _COMPAT_LINUX_MINMAX_H
#define _COMPAT_LINUX_MINMAX_H
#define min(x, y) ({ typeof(x) _x = (x); typeof(y) _y = (y); \
	(void)(&_x == &_y); _x < _y ? _x : _y; })
#define max(x, y) ({ typeof(x) _x = (x); typeof(y) _y = (y); \
	(void)(&_x == &_y); _x > _y ? _x : _y; })
#define min_t(type, x, y) ({ type _x = (x); type _y = (y); _x < _y ? _x : _y; })
#define max_t(type, x, y) ({ type _x = (x); type _y = (y); _x > _y ? _x : _y; })
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#endif
