/* SPDX-License-Identifier: MIT */
/*
 * report.c - the reports of ddiport(1), as text and as JSON.  The layout
 * is the REPORT FORMAT section of the manual page: keep the two in step.
 * Text items are one line each and grouped by kind, in a fixed order, so
 * two reports of the same run compare line by line (--stable masks the
 * numbers that change between runs: process addresses and PIDs).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "ddiport.h"

/* ---- text helpers -------------------------------------------------------- */

/*
 * @s with, when @stable, every hexadecimal number of 11 or more digits
 * (a virtual address of the process; simulated physical addresses are
 * shorter) replaced by "0x?" and "PID: N"/"pid: N" by "PID: ?".  The
 * result lives until the next call.
 */
const char *stable_text(const char *s, bool stable)
{
	static char *buf;
	static size_t cap;
	size_t len = strlen(s), o = 0;
	const char *p = s;

	if (!stable)
		return s;
	if (cap < len + 1) {
		cap = len + 1;
		buf = xrealloc(buf, cap);
	}
	while (*p) {
		if (p[0] == '0' && p[1] == 'x' &&
		    (p == s || !isalnum((unsigned char)p[-1]))) {
			size_t n = 0;

			while (isxdigit((unsigned char)p[2 + n]))
				n++;
			if (n >= 11) {
				memcpy(buf + o, "0x?", 3);
				o += 3;
				p += 2 + n;
				continue;
			}
		}
		if ((!strncmp(p, "PID: ", 5) || !strncmp(p, "pid: ", 5)) &&
		    isdigit((unsigned char)p[5])) {
			memcpy(buf + o, p, 5);
			o += 5;
			buf[o++] = '?';
			p += 5;
			while (isdigit((unsigned char)*p))
				p++;
			continue;
		}
		buf[o++] = *p++;
	}
	buf[o] = '\0';
	return buf;
}

void json_str(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else if (*p >= 0x80)
				/* not known to be UTF-8: keep JSON valid */
				fprintf(f, "\\u%04x", *p);
			else
				putc(*p, f);
		}
	}
	putc('"', f);
}

static void json_stable(FILE *f, const char *s, bool stable)
{
	json_str(f, s ? stable_text(s, stable) : NULL);
}

static const char *style_name(enum ddp_style s)
{
	return s == STYLE_DDI8 ? "ddi8" : s == STYLE_PREFIX ? "prefix" : "auto";
}

static const char *status_name(enum op_status s)
{
	return s == ST_OK ? "ok" : s == ST_FAILED ? "failed" :
		s == ST_CRASHED ? "crashed" : "not run";
}

/* ---- run --------------------------------------------------------------- */

static void text_items(FILE *f, const struct run *r, enum item_kind k,
		       bool stable)
{
	int i;

	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (it->kind != k)
			continue;
		switch (k) {
		case IT_CONSOLE:
		case IT_DIAG:
			fprintf(f, "%s ", k == IT_CONSOLE ? "console" : "diag");
			if (it->line)
				fprintf(f, "%d: ", it->line);
			else
				fputs("-: ", f);
			fputs(stable_text(it->text, stable), f);
			break;
		case IT_LEAK:
			fprintf(f, "leak: %s", stable_text(it->text, stable));
			break;
		case IT_DMA:
		case IT_DEVERR:
			fprintf(f, "%s: %s: %s: %s",
				k == IT_DMA ? "dma" : "device", it->device,
				it->tag, stable_text(it->text, stable));
			break;
		}
		if (it->site && (k == IT_DIAG || k == IT_LEAK))
			fprintf(f, " [site %s]", it->site);
		putc('\n', f);
	}
}

static void report_run_text(FILE *f, const struct run *r,
			    const struct scan_result *sc, bool stable)
{
	const struct scenario *s = r->scn;
	const struct driver_info *d = r->drv;
	int i;

	fprintf(f, "ddiport: run %s\n", d->path);
	fprintf(f, "driver: %s style %s", d->name, style_name(d->style));
	if (d->style == STYLE_PREFIX)
		fprintf(f, " prefix %s (%s)", d->prefix, d->prefix_from);
	if (d->ddi)
		fprintf(f, " ddi %d", d->ddi);
	putc('\n', f);
	fprintf(f, "scenario: %s\n", s->file ? s->file : "(default)");
	for (i = 0; sc && i < sc->nsyms; i++)
		if (sc->syms[i].state == SYM_MISSING)
			fprintf(f, "missing: %s\n", sc->syms[i].name);
	if (r->load_error)
		fprintf(f, "error: %s\n", stable_text(r->load_error, stable));
	for (i = 0; i < s->nops; i++) {
		const struct scn_op *op = &s->ops[i];
		const struct op_result *res = &r->res[i];

		fprintf(f, "op %d: %s: %s", op->line, op->text,
			res->status == ST_FAILED ? "FAILED" :
			res->status == ST_CRASHED ? "CRASHED" :
			status_name(res->status));
		if (res->status == ST_CRASHED)
			fprintf(f, ": %s", r->crash_reason);
		if (res->status == ST_FAILED && res->reason)
			fprintf(f, ": %s", stable_text(res->reason, stable));
		if ((res->status == ST_OK || res->status == ST_FAILED) &&
		    res->detail && *res->detail)
			fprintf(f, " (%s)", stable_text(res->detail, stable));
		putc('\n', f);
	}
	text_items(f, r, IT_CONSOLE, stable);
	text_items(f, r, IT_DIAG, stable);
	text_items(f, r, IT_DMA, stable);
	text_items(f, r, IT_DEVERR, stable);
	text_items(f, r, IT_LEAK, stable);
	if (!r->unloaded && r->completed && !r->load_error)
		fputs("leak: not checked: the driver was not unloaded\n", f);
	if (r->crash_reason) {
		fprintf(f, "crash: %s", r->crash_reason);
		if (r->crash_op >= 0)
			fprintf(f, " in op %d: %s", s->ops[r->crash_op].line,
				s->ops[r->crash_op].text);
		putc('\n', f);
	}
	for (i = 0; i < misuse_tag_count(); i++)
		if (r->misuse[i])
			fprintf(f, "misuse: %s %lu\n", misuse_tag_name(i),
				r->misuse[i]);
	fprintf(f, "summary: %d operations, %d failed, %d diagnostics, "
		"%d misuses, %d leaks, %d dma violations, %d device errors, "
		"%lu unclaimed, %lu spurious\n",
		s->nops, r->nfailed, r->ndiag, r->nmisuse, r->nleaks, r->ndma,
		r->ndeverr, r->cnt.unclaimed, r->cnt.spurious);
	fprintf(f, "result: %s\n", r->pass ? "PASS" : "FAIL");
}

static void json_items(FILE *f, const struct run *r, const char *key,
		       enum item_kind k, bool stable)
{
	bool first = true;
	int i;

	fprintf(f, ",\n  \"%s\": [", key);
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (it->kind != k)
			continue;
		fputs(first ? "\n    {" : ",\n    {", f);
		first = false;
		switch (k) {
		case IT_CONSOLE:
		case IT_DIAG:
			fputs("\"line\": ", f);
			if (it->line)
				fprintf(f, "%d", it->line);
			else
				fputs("null", f);
			fputs(", \"text\": ", f);
			json_stable(f, it->text, stable);
			if (k == IT_DIAG) {
				fputs(", \"call\": ", f);
				json_str(f, it->call);
				fputs(", \"tag\": ", f);
				json_str(f, it->tag);
				fputs(", \"site\": ", f);
				json_str(f, it->site);
			}
			break;
		case IT_LEAK:
			fputs("\"text\": ", f);
			json_stable(f, it->text, stable);
			fputs(", \"call\": ", f);
			json_str(f, it->call);
			fputs(", \"site\": ", f);
			json_str(f, it->site);
			break;
		case IT_DMA:
		case IT_DEVERR:
			fputs("\"line\": ", f);
			if (it->line)
				fprintf(f, "%d", it->line);
			else
				fputs("null", f);
			fputs(", \"device\": ", f);
			json_str(f, it->device);
			fputs(", \"tag\": ", f);
			json_str(f, it->tag);
			fputs(", \"text\": ", f);
			json_stable(f, it->text, stable);
			break;
		}
		putc('}', f);
	}
	fputs(first ? "]" : "\n  ]", f);
}

static void report_run_json(FILE *f, const struct run *r,
			    const struct scan_result *sc, bool stable)
{
	const struct scenario *s = r->scn;
	const struct driver_info *d = r->drv;
	bool first;
	int i;

	fputs("{\n  \"tool\": \"ddiport\", \"version\": ", f);
	json_str(f, DDIPORT_VERSION);
	fputs(", \"command\": \"run\",\n  \"driver\": {\"path\": ", f);
	json_str(f, d->path);
	fputs(", \"name\": ", f);
	json_str(f, d->name);
	fprintf(f, ", \"style\": \"%s\", \"prefix\": ", style_name(d->style));
	json_str(f, d->style == STYLE_PREFIX ? d->prefix : NULL);
	fputs(", \"prefix_from\": ", f);
	json_str(f, d->style == STYLE_PREFIX ? d->prefix_from : NULL);
	fputs(", \"ddi\": ", f);
	if (d->ddi)
		fprintf(f, "%d}", d->ddi);
	else
		fputs("null}", f);
	fputs(",\n  \"scenario\": ", f);
	json_str(f, s->file);
	fputs(",\n  \"missing\": [", f);
	first = true;
	for (i = 0; sc && i < sc->nsyms; i++)
		if (sc->syms[i].state == SYM_MISSING) {
			if (!first)
				fputs(", ", f);
			first = false;
			json_str(f, sc->syms[i].name);
		}
	fputs("],\n  \"error\": ", f);
	json_stable(f, r->load_error, stable);
	fputs(",\n  \"operations\": [", f);
	for (i = 0; i < s->nops; i++) {
		const struct scn_op *op = &s->ops[i];
		const struct op_result *res = &r->res[i];

		fprintf(f, "%s\n    {\"line\": %d, \"text\": ", i ? "," : "",
			op->line);
		json_str(f, op->text);
		fprintf(f, ", \"op\": \"%s\", \"status\": \"%s\"",
			op_name(op->kind), status_name(res->status));
		if (res->status == ST_NOT_RUN || res->status == ST_CRASHED)
			fputs(", \"ret\": null, \"resid\": null, \"rval\": null", f);
		else
			fprintf(f, ", \"ret\": %lld, \"resid\": %lld, \"rval\": %lld",
				res->ret, res->resid, res->rval);
		fputs(", \"reason\": ", f);
		json_stable(f, res->status == ST_FAILED ? res->reason : NULL,
			    stable);
		fputs(", \"detail\": ", f);
		json_stable(f, res->detail && *res->detail ? res->detail : NULL,
			    stable);
		putc('}', f);
	}
	fputs(s->nops ? "\n  ]" : "]", f);
	json_items(f, r, "console", IT_CONSOLE, stable);
	json_items(f, r, "diagnostics", IT_DIAG, stable);
	json_items(f, r, "dma_violations", IT_DMA, stable);
	json_items(f, r, "device_errors", IT_DEVERR, stable);
	json_items(f, r, "leaks", IT_LEAK, stable);
	fprintf(f, ",\n  \"leak_check\": %s", r->unloaded ? "true" : "false");
	fputs(",\n  \"misuse\": {", f);
	first = true;
	for (i = 0; i < misuse_tag_count(); i++)
		if (r->misuse[i]) {
			fprintf(f, "%s\"%s\": %lu", first ? "" : ", ",
				misuse_tag_name(i), r->misuse[i]);
			first = false;
		}
	fputs("},\n  \"crash\": ", f);
	if (r->crash_reason) {
		fputs("{\"signal\": ", f);
		json_str(f, r->crash_reason);
		if (r->crash_op >= 0) {
			fprintf(f, ", \"line\": %d, \"text\": ",
				s->ops[r->crash_op].line);
			json_str(f, s->ops[r->crash_op].text);
		} else {
			fputs(", \"line\": null, \"text\": null", f);
		}
		putc('}', f);
	} else {
		fputs("null", f);
	}
	fprintf(f, ",\n  \"counts\": {\"operations\": %d, \"failed\": %d, "
		"\"diagnostics\": %d, \"misuses\": %d, \"leaks\": %d, "
		"\"dma_violations\": %d, \"device_errors\": %d, "
		"\"unclaimed\": %lu, \"spurious\": %lu, "
		"\"sleep_violations\": %lu, \"allocations\": %lu},\n",
		s->nops, r->nfailed, r->ndiag, r->nmisuse, r->nleaks, r->ndma,
		r->ndeverr, r->cnt.unclaimed, r->cnt.spurious,
		r->cnt.sleep_violations, r->cnt.allocations);
	fprintf(f, "  \"result\": \"%s\"\n}\n", r->pass ? "pass" : "fail");
}

void report_run(FILE *f, const struct run *r, const struct scan_result *sc,
		bool json, bool stable)
{
	if (json)
		report_run_json(f, r, sc, stable);
	else
		report_run_text(f, r, sc, stable);
}

/* ---- scan -------------------------------------------------------------- */

static const char *sym_state_name(enum sym_state s)
{
	return s == SYM_PROVIDED ? "provided" : s == SYM_HOST ? "host" :
		"MISSING";
}

void report_scan(FILE *f, const char *path, const struct scan_result *sc,
		 bool json)
{
	int i, nprov = 0, nhost = 0;

	for (i = 0; i < sc->nsyms; i++) {
		nprov += sc->syms[i].state == SYM_PROVIDED;
		nhost += sc->syms[i].state == SYM_HOST;
	}
	if (!json) {
		fprintf(f, "ddiport: scan %s\n", path);
		for (i = 0; i < sc->nsyms; i++) {
			const struct scan_sym *s = &sc->syms[i];

			fprintf(f, "uses: %s", s->name);
			if (strcmp(s->name, s->symbol))
				fprintf(f, " (%s)", s->symbol);
			fprintf(f, " %s\n", sym_state_name(s->state));
		}
		fprintf(f, "summary: %d symbols, %d provided, %d host, %d missing\n",
			sc->nsyms, nprov, nhost, sc->nmissing);
		fprintf(f, "result: %s\n", sc->nmissing ? "FAIL" : "PASS");
		return;
	}
	fputs("{\n  \"tool\": \"ddiport\", \"version\": ", f);
	json_str(f, DDIPORT_VERSION);
	fputs(", \"command\": \"scan\",\n  \"driver\": {\"path\": ", f);
	json_str(f, path);
	fputs("},\n  \"symbols\": [", f);
	for (i = 0; i < sc->nsyms; i++) {
		const struct scan_sym *s = &sc->syms[i];

		fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		json_str(f, s->name);
		fputs(", \"symbol\": ", f);
		json_str(f, s->symbol);
		fprintf(f, ", \"provided\": %s, \"state\": \"%s\"}",
			s->state != SYM_MISSING ? "true" : "false",
			s->state == SYM_PROVIDED ? "provided" :
			s->state == SYM_HOST ? "host" : "missing");
	}
	fputs(sc->nsyms ? "\n  ],\n  \"missing\": [" : "],\n  \"missing\": [", f);
	nprov = 0;
	for (i = 0; i < sc->nsyms; i++)
		if (sc->syms[i].state == SYM_MISSING) {
			if (nprov++)
				fputs(", ", f);
			json_str(f, sc->syms[i].name);
		}
	fprintf(f, "],\n  \"counts\": {\"symbols\": %d, \"missing\": %d},\n",
		sc->nsyms, sc->nmissing);
	fprintf(f, "  \"result\": \"%s\"\n}\n", sc->nmissing ? "fail" : "pass");
}
