/* SPDX-License-Identifier: MIT */
/*
 * main.c - ddiport's command line: run, scan, sweep (see ddiport(1)).
 *
 * Exit status: 0 everything passed, 1 something failed, 2 usage or
 * scenario error or a driver that cannot be examined.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "ddiport.h"
#include "devmodel.h"

static void usage(FILE *f)
{
	fputs("usage: ddiport run DRIVER.so [--scenario FILE] [--prefix XX] [--json]\n"
	      "                  [--stable] [--verbose] [--watchdog SEC] [--fail N]\n"
	      "       ddiport scan DRIVER.so [--json]\n"
	      "       ddiport sweep DRIVER.so --scenario FILE [--prefix XX] [--max N]\n"
	      "                  [--json] [--stable] [--watchdog SEC]\n"
	      "       ddiport models\n"
	      "Run a legacy SVR5 driver built with ddicc against simulated devices\n"
	      "and report what breaks.  See ddiport(1).\n", f);
}

/* "ddiport models": the device models and their parameters. */
static void list_models(FILE *f)
{
	int i, j;

	for (i = 0; devmodel_types[i]; i++) {
		const struct devmodel_type *t = devmodel_types[i];

		fprintf(f, "%s: %s\n", t->name, t->summary);
		for (j = 0; t->params && t->params[j].key; j++)
			fprintf(f, "  %s=%s\t%s\n", t->params[j].key,
				t->params[j].def ? t->params[j].def : "(required)",
				t->params[j].help ? t->params[j].help : "");
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "scenario", required_argument, NULL, 's' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "stable", no_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "max", required_argument, NULL, 'm' },
		{ "watchdog", required_argument, NULL, 'w' },
		{ "fail", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd, *scn_file = NULL, *prefix = NULL, *path;
	struct run_opts o = { .echo = false };
	struct scan_result sc;
	struct driver_info d;
	struct scenario s;
	bool json = false;
	long max = 0;
	char err[512];
	int c, rc;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		printf("ddiport (svr5ddi) %s\n", DDIPORT_VERSION);
		return 0;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "models")) {
		list_models(stdout);
		return 0;
	}
	if (strcmp(cmd, "run") && strcmp(cmd, "scan") && strcmp(cmd, "sweep")) {
		fprintf(stderr, "ddiport: unknown command \"%s\"\n", cmd);
		usage(stderr);
		return 2;
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 's': scn_file = optarg; break;
		case 'p': prefix = optarg; break;
		case 'j': json = true; break;
		case 'S': o.stable = true; break;
		case 'v': o.echo = true; break;
		case 'm':
			max = strtol(optarg, &end, 10);
			if (*end || max < 1) {
				fprintf(stderr, "ddiport: --max %s: not a positive number\n",
					optarg);
				return 2;
			}
			break;
		case 'f':
			o.fault_nth = strtol(optarg, &end, 10);
			if (*end || o.fault_nth < 1) {
				fprintf(stderr, "ddiport: --fail %s: not a positive number\n",
					optarg);
				return 2;
			}
			break;
		case 'w':
			o.watchdog_s = (unsigned int)strtoul(optarg, &end, 10);
			if (*end || !o.watchdog_s || o.watchdog_s > 86400) {
				fprintf(stderr, "ddiport: --watchdog %s: not 1..86400 seconds\n",
					optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		case 'V':
			printf("ddiport (svr5ddi) %s\n", DDIPORT_VERSION);
			return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "ddiport %s: give exactly one driver\n", cmd);
		usage(stderr);
		return 2;
	}
	path = argv[optind];

	if (scan_driver(path, libsvr5ddi_path(), &sc, err, sizeof(err))) {
		fprintf(stderr, "ddiport: %s\n", err);
		return 2;
	}
	if (!strcmp(cmd, "scan")) {
		report_scan(stdout, path, &sc, json);
		rc = sc.nmissing ? 1 : 0;
		scan_free(&sc);
		return rc;
	}

	if (scn_file) {
		if (scenario_load(scn_file, &s, err, sizeof(err))) {
			fprintf(stderr, "ddiport: %s\n", err);
			scenario_free(&s);
			scan_free(&sc);
			return 2;
		}
	} else if (!strcmp(cmd, "sweep")) {
		fputs("ddiport sweep: --scenario is required\n", stderr);
		scan_free(&sc);
		return 2;
	} else {
		scenario_default(&s);
	}
	if (driver_resolve(&d, path, prefix, &s, &sc, err, sizeof(err))) {
		fprintf(stderr, "ddiport: %s\n", err);
		scenario_free(&s);
		scan_free(&sc);
		return 2;
	}

	if (!strcmp(cmd, "sweep")) {
		rc = sweep_main(&s, &d, &o, max, json);
	} else {
		struct run r;

		run_scenario(&s, &d, &o, &r);
		report_run(stdout, &r, &sc, json, o.stable);
		rc = r.pass && !sc.nmissing ? 0 : 1;
		run_free(&r);
	}
	driver_free(&d);
	scenario_free(&s);
	scan_free(&sc);
	return rc;
}
