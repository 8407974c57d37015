/* SPDX-License-Identifier: MIT */
/*
 * scenario.c - the scenario parser (the format is ddiport(1)'s SCENARIO
 * FORMAT; keep the two in step).
 *
 * A line is cut into words (blanks separate; double quotes group, with
 * \" and \\; '#' at the start of an unquoted word ends the line).  An
 * unquoted word "key=value" whose key is a lower-case identifier is an
 * option; every other word is positional.  Each keyword has a parser
 * that takes its positional words, then hands each option to the
 * keyword's option table; an option the keyword does not know, a missing
 * or extra positional word, a malformed number is an error "FILE:LINE:
 * why" and parsing stops at the first one.  Settings must come before the
 * first operation.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "ddiport.h"

#define MAXWORDS	64

struct word {
	char *s;
	bool quoted;
};

struct pctx {
	const char *file;
	int line;
	char *err;
	size_t errlen;
	struct scenario *s;
	bool ops_started;
	int nboards_cap, ndevs_cap, nops_cap;
};

static int perr(struct pctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int perr(struct pctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(c->err, c->errlen, "%s:%d: ", c->file, c->line);
	if (n < 0 || (size_t)n >= c->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Cut @line (modified) into words; -1 on an unterminated quote. */
static int split_words(struct pctx *c, char *line, struct word *w, int *nw)
{
	char *p = line, *out;
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			break;
		if (n == MAXWORDS)
			return perr(c, "too many words (at most %d)", MAXWORDS);
		if (*p == '"') {
			out = ++p;
			w[n].s = out;
			w[n].quoted = true;
			for (;;) {
				if (!*p)
					return perr(c, "unterminated quoted string");
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\')) {
					*out++ = p[1];
					p += 2;
					continue;
				}
				if (*p == '"')
					break;
				*out++ = *p++;
			}
			p++;
			if (*p && *p != ' ' && *p != '\t' && *p != '\r')
				return perr(c, "text after a closing quote");
			*out = '\0';
		} else {
			/* key="quoted value" is one word */
			out = p;
			w[n].s = p;
			w[n].quoted = false;
			while (*p && *p != ' ' && *p != '\t' && *p != '\r') {
				if (*p == '"' && p > w[n].s && p[-1] == '=') {
					p++;
					for (;;) {
						if (!*p)
							return perr(c, "unterminated quoted string");
						if (*p == '\\' && (p[1] == '"' ||
								    p[1] == '\\')) {
							*out++ = p[1];
							p += 2;
							continue;
						}
						if (*p == '"')
							break;
						*out++ = *p++;
					}
					p++;
					if (*p && *p != ' ' && *p != '\t' &&
					    *p != '\r')
						return perr(c, "text after a closing quote");
					break;
				}
				*out++ = *p++;
			}
			if (*p)
				p++;
			*out = '\0';
		}
		n++;
	}
	*nw = n;
	return 0;
}

static bool is_option(const struct word *w, char **key, char **val)
{
	const char *p = w->s;

	if (w->quoted || !islower((unsigned char)*p))
		return false;
	while (islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
	       *p == '_')
		p++;
	if (*p != '=')
		return false;
	*key = w->s;
	*val = (char *)p + 1;
	return true;
}

/* ---- values --------------------------------------------------------------- */

static int parse_ull(struct pctx *c, const char *what, const char *s,
		     bool sized, unsigned long long *v)
{
	unsigned long long x, mul = 1;
	char *end;

	if (!*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return perr(c, "%s: \"%s\" is not a number", what, s);
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || end == s)
		return perr(c, "%s: \"%s\" is not a number", what, s);
	if (sized && *end && !end[1]) {
		switch (*end) {
		case 'k': case 'K': mul = 1ULL << 10; end++; break;
		case 'm': case 'M': mul = 1ULL << 20; end++; break;
		case 'g': case 'G': mul = 1ULL << 30; end++; break;
		}
	}
	if (*end)
		return perr(c, "%s: \"%s\" is not a number", what, s);
	if (mul > 1 && x > ~0ULL / mul)
		return perr(c, "%s: \"%s\" is too large", what, s);
	*v = x * mul;
	return 0;
}

static int parse_ll(struct pctx *c, const char *what, const char *s,
		    long long *v)
{
	unsigned long long u = 0;
	bool neg = false;

	if (*s == '-') {
		neg = true;
		s++;
	}
	if (parse_ull(c, what, s, false, &u))
		return -1;
	if (u > (unsigned long long)0x7fffffffffffffffLL + neg)
		return perr(c, "%s: \"%s\" is out of range", what, s);
	*v = neg ? -(long long)u : (long long)u;
	return 0;
}

static int parse_long(struct pctx *c, const char *what, const char *s,
		      long min, long max, long *v)
{
	long long x = 0;

	if (parse_ll(c, what, s, &x))
		return -1;
	if (x < min || x > max)
		return perr(c, "%s: %s is out of range (%ld..%ld)", what, s,
			    min, max);
	*v = (long)x;
	return 0;
}

/* "lo-hi" (inclusive) or "base+len" */
static int parse_range(struct pctx *c, const char *what, const char *s,
		       unsigned long long *lo, unsigned long long *hi)
{
	char buf[128], *sep;
	unsigned long long a = 0, b = 0;
	bool plus;

	if (strlen(s) >= sizeof(buf))
		return perr(c, "%s: \"%s\" is too long", what, s);
	strcpy(buf, s);
	sep = strpbrk(buf, "-+");
	if (!sep || sep == buf)
		return perr(c, "%s: \"%s\" is not a range (LO-HI or BASE+LENGTH)",
			    what, s);
	plus = *sep == '+';
	*sep = '\0';
	if (parse_ull(c, what, buf, false, &a) ||
	    parse_ull(c, what, sep + 1, plus, &b))
		return -1;
	if (plus) {
		if (b == 0)
			return perr(c, "%s: \"%s\" is empty", what, s);
		b = a + b - 1;
		if (b < a)
			return perr(c, "%s: \"%s\" wraps around", what, s);
	} else if (b < a) {
		return perr(c, "%s: \"%s\" ends before it starts", what, s);
	}
	*lo = a;
	*hi = b;
	return 0;
}

static int parse_bool(struct pctx *c, const char *what, const char *s, int *v)
{
	if (!strcmp(s, "0") || !strcmp(s, "no") || !strcmp(s, "off"))
		*v = 0;
	else if (!strcmp(s, "1") || !strcmp(s, "yes") || !strcmp(s, "on"))
		*v = 1;
	else
		return perr(c, "%s: \"%s\" is not 0 or 1", what, s);
	return 0;
}

static int parse_pattern(struct pctx *c, const char *s, struct scn_op *op)
{
	unsigned long long b = 0;

	if (!strcmp(s, "offset")) {
		op->pattern = PAT_OFFSET;
		return 0;
	}
	if (!strcmp(s, "zero")) {
		op->pattern = PAT_BYTE;
		op->pattern_byte = 0;
		return 0;
	}
	if (parse_ull(c, "pattern", s, false, &b))
		return perr(c, "pattern: \"%s\" is not offset, zero or a byte", s);
	if (b > 255)
		return perr(c, "pattern: %s is not a byte value", s);
	op->pattern = PAT_BYTE;
	op->pattern_byte = (unsigned int)b;
	return 0;
}

static int parse_expect_val(struct pctx *c, const char *s, struct scn_op *op)
{
	int e;

	if (!strcmp(s, "fail")) {
		op->exp = EXP_FAIL;
		return 0;
	}
	if (!strcmp(s, "any")) {
		op->exp = EXP_ANY;
		return 0;
	}
	op->exp = EXP_VALUE;
	e = errno_value(s);
	if (e >= 0) {
		op->exp_val = e;
		return 0;
	}
	if (isupper((unsigned char)s[0]))
		return perr(c, "expect: unknown errno name \"%s\"", s);
	return parse_ll(c, "expect", s, &op->exp_val);
}

/* time: "N" (ms) or N us|ms|s|ticks */
static int parse_time(struct pctx *c, const char *s, long long *us)
{
	static const struct { const char *sfx; long long mul; } units[] = {
		{ "us", 1 }, { "ms", 1000 }, { "s", 1000000 },
		{ "ticks", 10000 },	/* hz = 100, as <sys/param.h> */
	};
	char buf[64];
	unsigned long long v = 0;
	size_t len = strlen(s), i;

	if (len >= sizeof(buf))
		return perr(c, "delay: \"%s\" is too long", s);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t l = strlen(units[i].sfx);

		if (len > l && !strcmp(s + len - l, units[i].sfx) &&
		    isdigit((unsigned char)s[len - l - 1])) {
			memcpy(buf, s, len - l);
			buf[len - l] = '\0';
			if (parse_ull(c, "delay", buf, false, &v))
				return -1;
			if (v > 3600ULL * 1000000 / (unsigned long long)units[i].mul)
				return perr(c, "delay: \"%s\" is longer than an hour", s);
			*us = (long long)v * units[i].mul;
			return 0;
		}
	}
	if (parse_ull(c, "delay", s, false, &v))
		return perr(c, "delay: \"%s\" is not a time (N, Nus, Nms, Ns, Nticks)", s);
	if (v > 3600ULL * 1000)
		return perr(c, "delay: \"%s\" is longer than an hour", s);
	*us = (long long)v * 1000;
	return 0;
}

/* ---- statements ----------------------------------------------------------- */

static int need_pos(struct pctx *c, const char *kw, int npos, int min, int max)
{
	if (npos < min)
		return perr(c, "%s: missing argument (expects %d)", kw, min);
	if (npos > max)
		return perr(c, "%s: too many arguments (at most %d)", kw, max);
	return 0;
}

static int bad_option(struct pctx *c, const char *kw, const char *key)
{
	return perr(c, "%s: unknown option \"%s\"", kw, key);
}

static int st_driver(struct pctx *c, struct word *pos, int npos,
		     char **keys, char **vals, int nopt)
{
	struct scenario *s = c->s;
	long v = 0;
	int i;

	if (need_pos(c, "driver", npos, 0, 0))
		return -1;
	for (i = 0; i < nopt; i++) {
		if (!strcmp(keys[i], "prefix")) {
			const char *p = vals[i];

			if (!*p || !(isalpha((unsigned char)*p) || *p == '_'))
				return perr(c, "driver: prefix \"%s\" is not an identifier", p);
			for (; *p; p++)
				if (!isalnum((unsigned char)*p) && *p != '_')
					return perr(c, "driver: prefix \"%s\" is not an identifier", vals[i]);
			free(s->prefix);
			s->prefix = xstrdup(vals[i]);
		} else if (!strcmp(keys[i], "style")) {
			if (!strcmp(vals[i], "ddi8"))
				s->style = STYLE_DDI8;
			else if (!strcmp(vals[i], "prefix"))
				s->style = STYLE_PREFIX;
			else
				return perr(c, "driver: style \"%s\" is not ddi8 or prefix", vals[i]);
		} else if (!strcmp(keys[i], "ddi")) {
			if (parse_long(c, "driver ddi", vals[i], 5, 8, &v))
				return -1;
			s->ddi = (int)v;
		} else if (!strcmp(keys[i], "name")) {
			if (!*vals[i])
				return perr(c, "driver: empty name");
			free(s->name);
			s->name = xstrdup(vals[i]);
		} else if (!strcmp(keys[i], "major")) {
			if (parse_long(c, "driver major", vals[i], 0, 4095, &v))
				return -1;
			s->major = v;
		} else {
			return bad_option(c, "driver", keys[i]);
		}
	}
	return 0;
}

static int st_option(struct pctx *c, struct word *pos, int npos,
		     char **keys, char **vals, int nopt)
{
	struct scenario *s = c->s;
	int i, b;

	if (need_pos(c, "option", npos, 0, 0))
		return -1;
	if (!nopt)
		return perr(c, "option: no KEY=VALUE given");
	for (i = 0; i < nopt; i++) {
		if (!strcmp(keys[i], "physmem")) {
			free(s->physmem);
			s->physmem = xstrdup(vals[i]);
		} else if (!strcmp(keys[i], "reserve")) {
			free(s->reserve);
			s->reserve = xstrdup(vals[i]);
		} else if (!strcmp(keys[i], "debug")) {
			if (parse_bool(c, "option debug", vals[i], &b))
				return -1;
			s->debug = b;
		} else if (!strcmp(keys[i], "strict")) {
			if (parse_bool(c, "option strict", vals[i], &b))
				return -1;
			s->strict = b;
		} else if (!strcmp(keys[i], "timeout")) {
			unsigned long long ms = 0;

			if (parse_ull(c, "option timeout", vals[i], false, &ms))
				return -1;
			if (ms == 0 || ms > 3600000)
				return perr(c, "option timeout: %s ms is out of range (1..3600000)", vals[i]);
			s->timeout_ms = (long long)ms;
		} else {
			return bad_option(c, "option", keys[i]);
		}
	}
	return 0;
}

static bool ident_ok(const char *p)
{
	if (!*p || !(isalpha((unsigned char)*p) || *p == '_'))
		return false;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return false;
	return true;
}

static int st_device(struct pctx *c, struct word *pos, int npos,
		     char **keys, char **vals, int nopt)
{
	struct scenario *s = c->s;
	struct scn_device *d;
	int i;

	if (need_pos(c, "device", npos, 2, 2))
		return -1;
	if (!ident_ok(pos[0].s))
		return perr(c, "device: model \"%s\" is not a name", pos[0].s);
	if (!ident_ok(pos[1].s))
		return perr(c, "device: \"%s\" is not a name (letters, digits, _ and -)", pos[1].s);
	for (i = 0; i < s->ndevs; i++)
		if (!strcmp(s->devs[i].name, pos[1].s))
			return perr(c, "device: \"%s\" already defined at line %d",
				    pos[1].s, s->devs[i].line);
	if (s->ndevs == c->ndevs_cap) {
		c->ndevs_cap = c->ndevs_cap ? 2 * c->ndevs_cap : 4;
		s->devs = xrealloc(s->devs, c->ndevs_cap * sizeof(*s->devs));
	}
	d = &s->devs[s->ndevs++];
	memset(d, 0, sizeof(*d));
	d->line = c->line;
	d->model = xstrdup(pos[0].s);
	d->name = xstrdup(pos[1].s);
	d->params = xcalloc(nopt ? nopt : 1, sizeof(*d->params));
	for (i = 0; i < nopt; i++) {
		d->params[i].key = xstrdup(keys[i]);
		d->params[i].val = xstrdup(vals[i]);
	}
	d->nparams = nopt;
	return 0;
}

static int st_board(struct pctx *c, struct word *pos, int npos,
		    char **keys, char **vals, int nopt)
{
	struct scenario *s = c->s;
	struct scn_board *b;
	int i;

	if (need_pos(c, "board", npos, 0, 0))
		return -1;
	if (s->nboards == c->nboards_cap) {
		c->nboards_cap = c->nboards_cap ? 2 * c->nboards_cap : 4;
		s->boards = xrealloc(s->boards,
				     c->nboards_cap * sizeof(*s->boards));
	}
	b = &s->boards[s->nboards++];
	memset(b, 0, sizeof(*b));
	b->line = c->line;
	b->unit = b->irq = b->ipl = b->itype = b->dma = b->slot = -1;
	b->bus = BUS_ISA;
	for (i = 0; i < nopt; i++) {
		const char *k = keys[i], *v = vals[i];

		if (!strcmp(k, "modname")) {
			if (!*v || strlen(v) > 63)
				return perr(c, "board: modname \"%s\" is empty or too long", v);
			free(b->modname);
			b->modname = xstrdup(v);
		} else if (!strcmp(k, "unit")) {
			if (parse_long(c, "board unit", v, 0, 0x7fffffff, &b->unit))
				return -1;
		} else if (!strcmp(k, "irq")) {
			if (parse_long(c, "board irq", v, 0, 255, &b->irq))
				return -1;
			b->set_irq = true;
		} else if (!strcmp(k, "ipl")) {
			if (parse_long(c, "board ipl", v, 0, 15, &b->ipl))
				return -1;
		} else if (!strcmp(k, "itype")) {
			if (parse_long(c, "board itype", v, 0, 255, &b->itype))
				return -1;
		} else if (!strcmp(k, "io")) {
			if (parse_range(c, "board io", v, &b->io_lo, &b->io_hi))
				return -1;
			if (b->io_hi > 0xffff)
				return perr(c, "board io: \"%s\" is beyond the 64 KiB port space", v);
			b->has_io = true;
		} else if (!strcmp(k, "mem")) {
			if (parse_range(c, "board mem", v, &b->mem_lo, &b->mem_hi))
				return -1;
			b->has_mem = true;
		} else if (!strcmp(k, "dma")) {
			if (parse_long(c, "board dma", v, 0, 7, &b->dma))
				return -1;
			b->set_dma = true;
		} else if (!strcmp(k, "bus")) {
			if (!strcmp(v, "isa"))
				b->bus = BUS_ISA;
			else if (!strcmp(v, "eisa"))
				b->bus = BUS_EISA;
			else if (!strcmp(v, "pci"))
				b->bus = BUS_PCI;
			else if (!strcmp(v, "pcmcia"))
				b->bus = BUS_PCMCIA;
			else if (!strcmp(v, "mca"))
				b->bus = BUS_MCA;
			else
				return perr(c, "board: bus \"%s\" is not isa, eisa, mca, pci or pcmcia", v);
			b->set_bus = true;
		} else if (!strcmp(k, "id")) {
			free(b->id);
			b->id = xstrdup(v);
			b->set_id = true;
		} else if (!strcmp(k, "slot")) {
			if (parse_long(c, "board slot", v, 0, 255, &b->slot))
				return -1;
			b->set_slot = true;
		} else if (!strcmp(k, "device")) {
			int j;

			for (j = 0; j < s->ndevs; j++)
				if (!strcmp(s->devs[j].name, v))
					break;
			if (j == s->ndevs)
				return perr(c, "board: no device \"%s\" (declare it with a device line first)", v);
			free(b->device);
			b->device = xstrdup(v);
		} else if (!strcmp(k, "hotplug")) {
			int hp;

			if (parse_bool(c, "board hotplug", v, &hp))
				return -1;
			b->hotplug = hp;
		} else {
			return bad_option(c, "board", k);
		}
	}
	if (b->unit < 0)
		b->unit = s->nboards - 1;
	return 0;
}

static struct scn_op *new_op(struct pctx *c, enum op_kind k)
{
	struct scenario *s = c->s;
	struct scn_op *op;

	if (s->nops == c->nops_cap) {
		c->nops_cap = c->nops_cap ? 2 * c->nops_cap : 16;
		s->ops = xrealloc(s->ops, c->nops_cap * sizeof(*s->ops));
	}
	op = &s->ops[s->nops++];
	memset(op, 0, sizeof(*op));
	op->line = c->line;
	op->kind = k;
	op->exp = EXP_VALUE;
	op->board = -1;
	op->timeout_ms = -1;
	op->count = 1;
	op->oflags = OFLAG_READ | OFLAG_WRITE;
	return op;
}

static int board_arg(struct pctx *c, const char *kw, const char *v, long *b)
{
	if (parse_long(c, kw, v, 0, 0x7fffffff, b))
		return -1;
	if (*b >= c->s->nboards)
		return perr(c, "%s: no board %s (the scenario has %d)", kw, v,
			    c->s->nboards);
	return 0;
}

static int parse_oflags(struct pctx *c, const char *v, int *flags)
{
	char buf[128], *tok, *save;

	if (strlen(v) >= sizeof(buf))
		return perr(c, "open: flags \"%s\" too long", v);
	strcpy(buf, v);
	*flags = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "read"))
			*flags |= OFLAG_READ;
		else if (!strcmp(tok, "write"))
			*flags |= OFLAG_WRITE;
		else if (!strcmp(tok, "excl"))
			*flags |= OFLAG_EXCL;
		else if (!strcmp(tok, "ndelay"))
			*flags |= OFLAG_NDELAY;
		else
			return perr(c, "open: unknown flag \"%s\" (read, write, excl, ndelay)", tok);
	}
	return 0;
}

static int parse_cmp(const char *s, enum cmp_op *op)
{
	static const char *const t[] = { "==", "!=", "<", "<=", ">", ">=" };
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(s, t[i])) {
			*op = (enum cmp_op)i;
			return 0;
		}
	return -1;
}

static bool counter_name_ok(const char *n)
{
	static const char *const plain[] = {
		"misuse", "live", "live_bytes", "unclaimed", "spurious",
		"sleep_violations", "dma_violations", "pending", "ret",
		"resid", "rval", "warnings",
	};
	unsigned int i;
	const char *dot;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (!strcmp(n, plain[i]))
			return true;
	if (!strncmp(n, "misuse.", 7))
		return misuse_tag_find(n + 7) >= 0;
	dot = strchr(n, '.');
	return dot && dot != n && dot[1];
}

/* An operation: positional words, then its options. */
static int st_op(struct pctx *c, const char *kw, struct word *pos, int npos,
		 char **keys, char **vals, int nopt)
{
	struct scenario *s = c->s;
	struct scn_op *op;
	long v = 0;
	int i;

	c->ops_started = true;
	if (!strcmp(kw, "load")) {
		op = new_op(c, OP_LOAD);
		if (need_pos(c, kw, npos, 0, 0))
			return -1;
	} else if (!strcmp(kw, "add") || !strcmp(kw, "remove")) {
		op = new_op(c, OP_CONFIG);
		op->cfg = kw[0] == 'a' ? CFGOP_ADD : CFGOP_REMOVE;
		if (need_pos(c, kw, npos, 0, 1))
			return -1;
		if (npos && board_arg(c, kw, pos[0].s, &op->board))
			return -1;
	} else if (!strcmp(kw, "config")) {
		static const char *const names[] = { "add", "remove", "suspend",
			"resume", "modify", "verify" };
		unsigned int k;

		op = new_op(c, OP_CONFIG);
		if (need_pos(c, kw, npos, 1, 2))
			return -1;
		for (k = 0; k < 6; k++)
			if (!strcmp(pos[0].s, names[k]))
				break;
		if (k == 6)
			return perr(c, "config: \"%s\" is not add, remove, suspend, resume, modify or verify", pos[0].s);
		op->cfg = (enum cfg_op)k;
		if (npos == 2 && board_arg(c, kw, pos[1].s, &op->board))
			return -1;
	} else if (!strcmp(kw, "open") || !strcmp(kw, "close")) {
		op = new_op(c, kw[0] == 'o' ? OP_OPEN : OP_CLOSE);
		if (need_pos(c, kw, npos, 1, 1))
			return -1;
		if (parse_long(c, kw, pos[0].s, 0, 0x3ffff, &op->dev))
			return -1;
	} else if (!strcmp(kw, "read") || !strcmp(kw, "write")) {
		op = new_op(c, kw[0] == 'r' ? OP_READ : OP_WRITE);
		if (need_pos(c, kw, npos, 2, 2))
			return -1;
		if (parse_long(c, kw, pos[0].s, 0, 0x3ffff, &op->dev) ||
		    parse_ull(c, kw, pos[1].s, true, &op->size))
			return -1;
		if (op->size == 0 || op->size > (64ULL << 20))
			return perr(c, "%s: size %s is out of range (1..64M)", kw, pos[1].s);
		if (op->kind == OP_WRITE)
			op->pattern = PAT_OFFSET;
	} else if (!strcmp(kw, "ioctl")) {
		op = new_op(c, OP_IOCTL);
		if (need_pos(c, kw, npos, 2, 3))
			return -1;
		if (parse_long(c, kw, pos[0].s, 0, 0x3ffff, &op->dev) ||
		    parse_ll(c, "ioctl cmd", pos[1].s, &op->cmd))
			return -1;
		if (npos == 3 && parse_ll(c, "ioctl arg", pos[2].s, &op->arg))
			return -1;
	} else if (!strcmp(kw, "strategy")) {
		op = new_op(c, OP_STRATEGY);
		if (need_pos(c, kw, npos, 4, 4))
			return -1;
		if (parse_long(c, kw, pos[0].s, 0, 0x3ffff, &op->dev))
			return -1;
		if (!strcmp(pos[1].s, "read"))
			op->write = false;
		else if (!strcmp(pos[1].s, "write"))
			op->write = true;
		else
			return perr(c, "strategy: direction \"%s\" is not read or write", pos[1].s);
		if (parse_ull(c, "strategy size", pos[2].s, true, &op->size) ||
		    parse_ull(c, "strategy block", pos[3].s, true, &op->block))
			return -1;
		if (op->size == 0 || op->size > (64ULL << 20))
			return perr(c, "strategy: size %s is out of range (1..64M)", pos[2].s);
		if (op->write)
			op->pattern = PAT_OFFSET;
	} else if (!strcmp(kw, "wait")) {
		op = new_op(c, OP_WAIT);
		if (need_pos(c, kw, npos, 0, 0))
			return -1;
	} else if (!strcmp(kw, "interrupt")) {
		op = new_op(c, OP_INTERRUPT);
		if (need_pos(c, kw, npos, 1, 1))
			return -1;
		if (parse_long(c, "interrupt", pos[0].s, 0, 255, &v))
			return -1;
		op->irq = (unsigned long)v;
	} else if (!strcmp(kw, "delay")) {
		op = new_op(c, OP_DELAY);
		if (need_pos(c, kw, npos, 1, 1))
			return -1;
		if (parse_time(c, pos[0].s, &op->delay_us))
			return -1;
	} else if (!strcmp(kw, "expect")) {
		int vi;

		op = new_op(c, OP_EXPECT);
		if (npos >= 1 && !strcmp(pos[0].s, "log")) {
			if (need_pos(c, "expect log", npos, 2, 4))
				return -1;
			op->name = xstrdup("log");
			op->logtext = xstrdup(pos[1].s);
			vi = 2;
		} else {
			if (need_pos(c, kw, npos, 2, 3))
				return -1;
			if (!counter_name_ok(pos[0].s))
				return perr(c, "expect: unknown counter \"%s\"", pos[0].s);
			op->name = xstrdup(pos[0].s);
			vi = 1;
		}
		if (npos - vi == 2) {
			if (parse_cmp(pos[vi].s, &op->cmp))
				return perr(c, "expect: \"%s\" is not ==, !=, <, <=, > or >=", pos[vi].s);
			vi++;
		} else if (npos - vi != 1) {
			return perr(c, "expect: missing value");
		} else {
			op->cmp = CMP_EQ;
		}
		if (errno_value(pos[vi].s) >= 0)
			op->value = errno_value(pos[vi].s);
		else if (parse_ll(c, "expect value", pos[vi].s, &op->value))
			return -1;
	} else if (!strcmp(kw, "halt")) {
		op = new_op(c, OP_HALT);
		if (need_pos(c, kw, npos, 0, 0))
			return -1;
	} else if (!strcmp(kw, "unload")) {
		op = new_op(c, OP_UNLOAD);
		if (need_pos(c, kw, npos, 0, 0))
			return -1;
	} else {
		return perr(c, "unknown keyword \"%s\"", kw);
	}

	for (i = 0; i < nopt; i++) {
		const char *k = keys[i], *val = vals[i];
		enum op_kind t = op->kind;
		bool dev_op = t == OP_OPEN || t == OP_CLOSE || t == OP_READ ||
			      t == OP_WRITE || t == OP_IOCTL || t == OP_STRATEGY;

		if (!strcmp(k, "expect") && t != OP_EXPECT) {
			if (parse_expect_val(c, val, op))
				return -1;
		} else if (!strcmp(k, "board") && dev_op) {
			if (board_arg(c, kw, val, &op->board))
				return -1;
		} else if (!strcmp(k, "flags") && t == OP_OPEN) {
			if (parse_oflags(c, val, &op->oflags))
				return -1;
		} else if (!strcmp(k, "otyp") && (t == OP_OPEN || t == OP_CLOSE)) {
			if (!strcmp(val, "blk"))
				op->otyp_blk = 1;
			else if (!strcmp(val, "chr"))
				op->otyp_blk = 0;
			else
				return perr(c, "%s: otyp \"%s\" is not chr or blk", kw, val);
		} else if (!strcmp(k, "offset") && (t == OP_READ || t == OP_WRITE)) {
			if (parse_ull(c, "offset", val, true, &op->offset))
				return -1;
		} else if (!strcmp(k, "pattern") &&
			   (t == OP_READ || t == OP_WRITE || t == OP_STRATEGY)) {
			if (parse_pattern(c, val, op))
				return -1;
		} else if (!strcmp(k, "buffer") && t == OP_STRATEGY) {
			if (!strcmp(val, "contig"))
				op->contig = true;
			else if (!strcmp(val, "kmem"))
				op->contig = false;
			else
				return perr(c, "strategy: buffer \"%s\" is not kmem or contig", val);
		} else if (!strcmp(k, "buf") && t == OP_IOCTL) {
			if (parse_ull(c, "ioctl buf", val, true, &op->bufsize))
				return -1;
			if (op->bufsize == 0 || op->bufsize > (1ULL << 20))
				return perr(c, "ioctl: buf %s is out of range (1..1M)", val);
		} else if (!strcmp(k, "rval") && t == OP_IOCTL) {
			if (parse_ll(c, "ioctl rval", val, &op->rval))
				return -1;
			op->has_rval = true;
		} else if (!strcmp(k, "timeout") && t == OP_WAIT) {
			unsigned long long ms = 0;

			if (parse_ull(c, "wait timeout", val, false, &ms))
				return -1;
			if (ms == 0 || ms > 3600000)
				return perr(c, "wait: timeout %s ms is out of range", val);
			op->timeout_ms = (long long)ms;
		} else if (!strcmp(k, "count") && t == OP_INTERRUPT) {
			if (parse_long(c, "interrupt count", val, 1, 100000, &op->count))
				return -1;
		} else {
			return bad_option(c, kw, k);
		}
	}
	(void)s;
	return 0;
}

static char *collapse(struct word *w, int nw)
{
	size_t len = 1;
	char *t, *p;
	int i;

	for (i = 0; i < nw; i++)
		len += strlen(w[i].s) * 2 + 3;
	t = p = xmalloc(len);
	for (i = 0; i < nw; i++) {
		const char *q;

		if (i)
			*p++ = ' ';
		if (!w[i].quoted) {
			strcpy(p, w[i].s);
			p += strlen(p);
			continue;
		}
		*p++ = '"';
		for (q = w[i].s; *q; q++) {
			if (*q == '"' || *q == '\\')
				*p++ = '\\';
			*p++ = *q;
		}
		*p++ = '"';
	}
	*p = '\0';
	return t;
}

static int parse_line(struct pctx *c, char *line)
{
	struct word w[MAXWORDS], pos[MAXWORDS];
	char *keys[MAXWORDS], *vals[MAXWORDS];
	int nw, npos = 0, nopt = 0, i, rc;
	const char *kw;
	char *text;
	bool nowait;

	if (split_words(c, line, w, &nw))
		return -1;
	if (!nw)
		return 0;
	if (w[0].quoted)
		return perr(c, "a statement starts with a keyword, not a quoted string");
	kw = w[0].s;
	text = collapse(w, nw);
	nowait = false;
	for (i = 1; i < nw; i++) {
		char *k, *v;

		if (!w[i].quoted && !strcmp(w[i].s, "nowait")) {
			nowait = true;	/* a bare flag, anywhere */
			continue;
		}
		if (is_option(&w[i], &k, &v)) {
			*(v - 1) = '\0';
			keys[nopt] = k;
			vals[nopt++] = v;
		} else {
			if (nopt) {
				free(text);
				return perr(c, "%s: argument \"%s\" after an option", kw, w[i].s);
			}
			pos[npos++] = w[i];
		}
	}
	for (i = 0; i < nopt; i++) {
		int j;

		for (j = 0; j < i; j++)
			if (!strcmp(keys[i], keys[j])) {
				free(text);
				return perr(c, "%s: option \"%s\" given twice", kw, keys[i]);
			}
	}
	if (!strcmp(kw, "driver") || !strcmp(kw, "option") ||
	    !strcmp(kw, "device") || !strcmp(kw, "board")) {
		free(text);
		if (c->ops_started)
			return perr(c, "%s: settings must come before the first operation", kw);
		if (nowait)
			return perr(c, "%s: \"nowait\" is only for strategy and interrupt", kw);
		if (kw[0] == 'd' && kw[1] == 'r')
			return st_driver(c, pos, npos, keys, vals, nopt);
		if (kw[0] == 'o')
			return st_option(c, pos, npos, keys, vals, nopt);
		if (kw[0] == 'd')
			return st_device(c, pos, npos, keys, vals, nopt);
		return st_board(c, pos, npos, keys, vals, nopt);
	}
	if (nowait && strcmp(kw, "strategy") && strcmp(kw, "interrupt")) {
		free(text);
		return perr(c, "%s: \"nowait\" is only for strategy and interrupt", kw);
	}
	rc = st_op(c, kw, pos, npos, keys, vals, nopt);
	if (c->s->nops && c->s->ops[c->s->nops - 1].line == c->line) {
		struct scn_op *op = &c->s->ops[c->s->nops - 1];

		op->text = text;
		op->nowait = nowait;
	} else {
		free(text);
	}
	return rc;
}

static void scenario_init(struct scenario *s)
{
	memset(s, 0, sizeof(*s));
	s->major = 40;
	s->debug = -1;
	s->strict = 0;
	s->timeout_ms = 5000;
}

int scenario_parse(const char *file, const char *text, struct scenario *s,
		   char *err, size_t errlen)
{
	struct pctx c = { .file = file, .err = err, .errlen = errlen, .s = s };
	const char *p = text;

	scenario_init(s);
	s->file = xstrdup(file);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);

		c.line++;
		if (memchr(p, '\0', len)) {
			free(line);
			return perr(&c, "NUL byte in the scenario");
		}
		if (parse_line(&c, line)) {
			free(line);
			return -1;
		}
		free(line);
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

int scenario_load(const char *file, struct scenario *s, char *err,
		  size_t errlen)
{
	size_t len;
	char *text = read_file(file, &len);
	int rc;

	if (!text) {
		scenario_init(s);
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	if (strlen(text) != len) {
		scenario_init(s);
		snprintf(err, errlen, "%s: not a text file (NUL byte)", file);
		free(text);
		return -1;
	}
	rc = scenario_parse(file, text, s, err, errlen);
	free(text);
	return rc;
}

/* "load" (which adds every board), "unload". */
void scenario_default(struct scenario *s)
{
	static const char *const lines[] = { "load", "unload" };
	struct pctx c = { .file = "(default)", .s = s };
	char buf[16];
	unsigned int i;

	scenario_init(s);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		c.line = (int)i + 1;
		strcpy(buf, lines[i]);
		parse_line(&c, buf);
	}
}

void scenario_free(struct scenario *s)
{
	int i, j;

	for (i = 0; i < s->ndevs; i++) {
		for (j = 0; j < s->devs[i].nparams; j++) {
			free(s->devs[i].params[j].key);
			free(s->devs[i].params[j].val);
		}
		free(s->devs[i].params);
		free(s->devs[i].model);
		free(s->devs[i].name);
	}
	for (i = 0; i < s->nboards; i++) {
		free(s->boards[i].modname);
		free(s->boards[i].id);
		free(s->boards[i].device);
	}
	for (i = 0; i < s->nops; i++) {
		free(s->ops[i].text);
		free(s->ops[i].name);
		free(s->ops[i].logtext);
	}
	free(s->devs);
	free(s->boards);
	free(s->ops);
	free(s->file);
	free(s->prefix);
	free(s->name);
	free(s->physmem);
	free(s->reserve);
	memset(s, 0, sizeof(*s));
}

const char *op_name(enum op_kind k)
{
	static const char *const n[] = {
		[OP_LOAD] = "load", [OP_CONFIG] = "config", [OP_OPEN] = "open",
		[OP_CLOSE] = "close", [OP_READ] = "read", [OP_WRITE] = "write",
		[OP_IOCTL] = "ioctl", [OP_STRATEGY] = "strategy",
		[OP_WAIT] = "wait", [OP_INTERRUPT] = "interrupt",
		[OP_DELAY] = "delay", [OP_EXPECT] = "expect",
		[OP_HALT] = "halt", [OP_UNLOAD] = "unload",
	};
	return n[k];
}

const char *cfg_name(enum cfg_op op)
{
	static const char *const n[] = { "CFG_ADD", "CFG_REMOVE",
		"CFG_SUSPEND", "CFG_RESUME", "CFG_MODIFY", "CFG_VERIFY" };
	return n[op];
}

/* SVR5's errno values, as svr5ddi's <sys/errno.h> (not the host's). */
static const struct { const char *name; int value; } errnos[] = {
	{ "EPERM", 1 }, { "ENOENT", 2 }, { "ESRCH", 3 }, { "EINTR", 4 },
	{ "EIO", 5 }, { "ENXIO", 6 }, { "E2BIG", 7 }, { "ENOEXEC", 8 },
	{ "EBADF", 9 }, { "ECHILD", 10 }, { "EAGAIN", 11 }, { "ENOMEM", 12 },
	{ "EACCES", 13 }, { "EFAULT", 14 }, { "ENOTBLK", 15 }, { "EBUSY", 16 },
	{ "EEXIST", 17 }, { "EXDEV", 18 }, { "ENODEV", 19 }, { "ENOTDIR", 20 },
	{ "EISDIR", 21 }, { "EINVAL", 22 }, { "ENFILE", 23 }, { "EMFILE", 24 },
	{ "ENOTTY", 25 }, { "ETXTBSY", 26 }, { "EFBIG", 27 }, { "ENOSPC", 28 },
	{ "ESPIPE", 29 }, { "EROFS", 30 }, { "EMLINK", 31 }, { "EPIPE", 32 },
	{ "EDOM", 33 }, { "ERANGE", 34 }, { "ENOMSG", 35 }, { "EIDRM", 36 },
	{ "EDEADLK", 45 }, { "ENOLCK", 46 }, { "ENOSTR", 60 },
	{ "ENODATA", 61 }, { "ETIME", 62 }, { "ENOSR", 63 },
	{ "ENOLINK", 67 }, { "EPROTO", 71 }, { "EBADMSG", 77 },
	{ "ENAMETOOLONG", 78 }, { "EOVERFLOW", 79 }, { "EILSEQ", 88 },
	{ "ENOSYS", 89 }, { "ELOOP", 90 }, { "ERESTART", 91 },
	{ "ENOTEMPTY", 93 }, { "EOPNOTSUPP", 122 }, { "ETIMEDOUT", 145 },
};

int errno_value(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return -1;
}

const char *errno_name(int value)
{
	unsigned int i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].value == value)
			return errnos[i].name;
	return NULL;
}
