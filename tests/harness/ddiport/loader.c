/* SPDX-License-Identifier: MIT */
/*
 * loader.c - which entry points a driver has, decided in the parent from
 * the command line, the scenario, the Master file and the object's
 * defined symbols (scan.c), before any child runs.
 *
 * Order: --prefix, then the scenario's "driver prefix=", then a Master
 * file in the driver's or the scenario's directory, then an
 * "xxdevflag" symbol (every pre-DDI 8 driver defines one).  With a
 * prefix the style is "prefix" unless the scenario says "style=ddi8";
 * without one, a driver that defines _load is a DDI 8 driver.
 */
#include <ctype.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include "ddiport.h"

/* A "$NAME" directive line, NAME followed by a blank or the end. */
static bool master_directive(const char *p, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(p, name, n) &&
		(!p[n] || isspace((unsigned char)p[n]));
}

/*
 * The prefix of a Master file (see ddiport(1)); NULL if none.  Two
 * layouts of the device line: UnixWare's Master(4), announced by
 * "$version 1" (UnixWare 2) or "$version 2" (UnixWare 7) and with the
 * entry points on "$entry" lines, is "name prefix characteristics order
 * bmaj cmaj ...": the prefix is the second field.  A file with neither
 * is an SVR4.2 mdevice line, "name functions characteristics prefix
 * ...": the fourth.
 */
static char *master_prefix(const char *dir)
{
	char *path = xasprintf("%s/Master", dir), *text, *line, *save;
	char *prefix = NULL;
	bool uw = false;		/* UnixWare layout */

	text = read_file(path, NULL);
	free(path);
	if (!text)
		return NULL;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8], *p = line, *tok, *s2;
		int n = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#' || *p == '*')
			continue;
		if (*p == '$') {
			if ((master_directive(p, "$version") &&
			     atoi(p + 8) >= 1) || master_directive(p, "$entry"))
				uw = true;
			continue;
		}
		for (tok = strtok_r(p, " \t\r", &s2); tok && n < 8;
		     tok = strtok_r(NULL, " \t\r", &s2))
			f[n++] = tok;
		if (n >= (uw ? 2 : 4)) {
			const char *c = f[uw ? 1 : 3];

			if (strcmp(c, "-"))
				prefix = xstrdup(c);
		}
		break;
	}
	free(text);
	return prefix;
}

static char *dir_of(const char *path)
{
	char *copy = xstrdup(path), *d = xstrdup(dirname(copy));

	free(copy);
	return d;
}

static bool has_prefix_entry(const struct scan_result *sc, const char *pfx)
{
	static const char *const e[] = { "init", "start", "open", "close",
		"read", "write", "ioctl", "strategy", "intr", "halt",
		"devflag" };
	unsigned int i;

	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		char *n = xasprintf("%s%s", pfx, e[i]);
		bool ok = scan_defines(sc, n);

		free(n);
		if (ok)
			return true;
	}
	return false;
}

int driver_resolve(struct driver_info *d, const char *path,
		   const char *opt_prefix, const struct scenario *s,
		   const struct scan_result *sc, char *err, size_t errlen)
{
	char *dir;
	int i;

	memset(d, 0, sizeof(*d));
	d->path = xstrdup(path);
	if (s->name) {
		d->name = xstrdup(s->name);
	} else {
		char *copy = xstrdup(path), *b = basename(copy), *dot;

		dot = strchr(b, '.');
		if (dot && dot != b)
			*dot = '\0';
		d->name = xstrdup(b);
		free(copy);
	}
	d->ddi = s->ddi;
	for (i = 0; i < sc->nsyms; i++)
		if (!strcmp(sc->syms[i].name, "cm_intr_attach"))
			d->self_intr = true;
	if (opt_prefix) {
		d->prefix = xstrdup(opt_prefix);
		d->prefix_from = "option";
	} else if (s->prefix) {
		d->prefix = xstrdup(s->prefix);
		d->prefix_from = "scenario";
	}
	if (!d->prefix) {
		dir = dir_of(path);
		d->prefix = master_prefix(dir);
		free(dir);
		if (!d->prefix && s->file) {
			dir = dir_of(s->file);
			d->prefix = master_prefix(dir);
			free(dir);
		}
		if (d->prefix)
			d->prefix_from = "Master";
	}
	if (!d->prefix && s->style != STYLE_DDI8 && s->ddi != 8 &&
	    !scan_defines(sc, "_load")) {
		for (i = 0; i < sc->ndefined; i++) {
			const char *n = sc->defined[i];
			size_t l = strlen(n);

			if (l > 7 && !strcmp(n + l - 7, "devflag")) {
				d->prefix = xstrndup(n, l - 7);
				d->prefix_from = "devflag";
				break;
			}
		}
	}

	/* a prefix guessed from a Master file that names no entry point of
	 * a driver with _load: the Master file is another driver's */
	if (d->prefix && !strcmp(d->prefix_from, "Master") &&
	    !has_prefix_entry(sc, d->prefix) && scan_defines(sc, "_load")) {
		free(d->prefix);
		d->prefix = NULL;
		d->prefix_from = NULL;
	}
	d->style = s->style;
	if (d->style == STYLE_AUTO) {
		if (d->prefix && s->ddi != 8)
			d->style = STYLE_PREFIX;
		else
			d->style = STYLE_DDI8;
	}
	if (d->style == STYLE_DDI8) {
		if (!scan_defines(sc, "_load")) {
			snprintf(err, errlen, "%s: no _load and no entry-point "
				 "prefix: give --prefix or \"driver prefix=\" "
				 "in the scenario", path);
			return -1;
		}
		if (!d->ddi)
			d->ddi = 8;
	} else {
		if (!d->prefix) {
			snprintf(err, errlen, "%s: prefix style needs a prefix "
				 "(--prefix, \"driver prefix=\" or a Master file)",
				 path);
			return -1;
		}
		if (!has_prefix_entry(sc, d->prefix)) {
			snprintf(err, errlen, "%s: defines no entry point with "
				 "prefix \"%s\" (%sopen, %sinit, ...)", path,
				 d->prefix, d->prefix, d->prefix);
			return -1;
		}
	}
	return 0;
}

void driver_free(struct driver_info *d)
{
	free(d->path);
	free(d->name);
	free(d->prefix);
	memset(d, 0, sizeof(*d));
}
