/* SPDX-License-Identifier: MIT */
/*
 * sweep.c - allocation-failure sweep: run the scenario once with the
 * fault injector counting (compat_fault_set, svr5compat/fault.h), then
 * once per allocation N = 1..count with allocation N failing, and judge
 * each run.
 *
 * Counting starts just before the load operation, after the harness has
 * set up its devices and boards; the harness's own allocations during
 * the run (the buffers it hands the driver) are bracketed as internal
 * allocations and never counted or failed, so N always names an
 * allocation of the driver or of the DDI on its behalf.
 *
 * Verdicts, first match: crashed (signal, exit, watchdog); misbehaved (a
 * diagnostic, a DMA violation, a device error, unclaimed I/O, or an
 * operation that failed without an error return to explain it: once an
 * operation has returned an error, later failures are its consequences);
 * leaked (allocations left after unload); survived.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ddiport.h"

enum verdict { V_SURVIVED, V_LEAKED, V_CRASHED, V_MISBEHAVED };

static const char *const verdict_name[] = {
	"survived", "leaked", "crashed", "misbehaved"
};

static enum verdict judge(const struct run *r, char **detail)
{
	const struct scenario *s = r->scn;
	bool err_before = false;
	int i;

	*detail = NULL;
	if (r->crash_reason) {
		if (r->crash_op >= 0)
			*detail = xasprintf("%s in op %d: %s", r->crash_reason,
					    s->ops[r->crash_op].line,
					    s->ops[r->crash_op].text);
		else
			*detail = xstrdup(r->crash_reason);
		return V_CRASHED;
	}
	if (r->load_error) {
		*detail = xasprintf("error: %s", r->load_error);
		return V_MISBEHAVED;
	}
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (it->kind == IT_DIAG || it->kind == IT_DMA ||
		    it->kind == IT_DEVERR) {
			*detail = xstrdup(it->text);
			return V_MISBEHAVED;
		}
	}
	if (r->cnt.unclaimed) {
		*detail = xasprintf("%lu unclaimed I/O accesses", r->cnt.unclaimed);
		return V_MISBEHAVED;
	}
	for (i = 0; i < s->nops; i++) {
		const struct op_result *res = &r->res[i];

		if (res->status == ST_FAILED && !res->errret && !err_before) {
			*detail = xasprintf("op %d: %s: %s", s->ops[i].line,
					    s->ops[i].text,
					    res->reason ? res->reason : "failed");
			return V_MISBEHAVED;
		}
		if (res->errret)
			err_before = true;
	}
	if (r->nleaks) {
		for (i = 0; i < r->nitems; i++)
			if (r->items[i].kind == IT_LEAK)
				break;
		*detail = xasprintf("%d leak%s, first allocated at %s",
				    r->nleaks, r->nleaks == 1 ? "" : "s",
				    r->items[i].site ? r->items[i].site :
				    "unknown site");
		return V_LEAKED;
	}
	/* what the failure showed: the first operation it made fail */
	for (i = 0; i < s->nops; i++)
		if (r->res[i].status == ST_FAILED) {
			*detail = xasprintf("op %d: %s: %s", s->ops[i].line,
					    s->ops[i].text,
					    r->res[i].reason ? r->res[i].reason :
					    "failed");
			break;
		}
	if (!r->cnt.injected && !*detail)
		*detail = xstrdup("allocation not reached");
	return V_SURVIVED;
}

/* First problem of the clean run, for the report. */
static char *clean_problem(const struct run *r)
{
	char *d = NULL;

	if (judge(r, &d) != V_SURVIVED || !r->pass) {
		if (!d) {
			int i;

			for (i = 0; i < r->scn->nops; i++)
				if (r->res[i].status == ST_FAILED)
					return xasprintf("op %d: %s: %s",
							 r->scn->ops[i].line,
							 r->scn->ops[i].text,
							 r->res[i].reason ?
							 r->res[i].reason : "failed");
			d = xstrdup("failed");
		}
		return d;
	}
	free(d);
	return NULL;
}

/* Runs N = w+1, w+1+J, ... in worker @w; one line "N V DETAIL" each. */
static void sweep_worker(int fd, int w, int jobs, const struct scenario *s,
			 const struct driver_info *d, struct run_opts *co,
			 unsigned long total)
{
	FILE *f = fdopen(fd, "w");
	unsigned long n;

	if (!f)
		_exit(1);
	for (n = (unsigned long)w + 1; n <= total; n += (unsigned long)jobs) {
		struct run r;
		char *detail, *p;
		enum verdict v;

		co->fault_nth = (long)n;
		run_scenario(s, d, co, &r);
		v = judge(&r, &detail);
		for (p = detail; p && *p; p++)
			if (*p == '\n')
				*p = ' ';
		fprintf(f, "%lu %d %s\n", n, (int)v, detail ? detail : "");
		fflush(f);
		free(detail);
		run_free(&r);
	}
	fclose(f);
	_exit(0);
}

/*
 * Run N = 1..@total, in up to as many worker processes as there are CPUs
 * (each run is its own child anyway; the workers only keep them busy).
 */
static void sweep_runs(const struct scenario *s, const struct driver_info *d,
		       struct run_opts *co, unsigned long total,
		       enum verdict *v, char **details)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = ncpu > 1 ? (int)(ncpu > 8 ? 8 : ncpu) : 1, w, fds[2];
	pid_t pids[8];
	FILE *in;
	char *line = NULL;
	size_t cap = 0;

	if ((unsigned long)jobs > total)
		jobs = (int)(total ? total : 1);
	if (pipe(fds)) {
		perror("ddiport: pipe");
		exit(2);
	}
	fflush(NULL);
	for (w = 0; w < jobs; w++) {
		pids[w] = fork();
		if (pids[w] < 0) {
			perror("ddiport: fork");
			exit(2);
		}
		if (pids[w] == 0) {
			close(fds[0]);
			sweep_worker(fds[1], w, jobs, s, d, co, total);
		}
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (in && getline(&line, &cap, in) > 0) {
		unsigned long n;
		int vv, off = 0;

		if (sscanf(line, "%lu %d %n", &n, &vv, &off) < 2 || n < 1 ||
		    n > total)
			continue;
		line[strcspn(line, "\n")] = '\0';
		v[n - 1] = (enum verdict)vv;
		free(details[n - 1]);
		details[n - 1] = line[off] ? xstrdup(line + off) : NULL;
	}
	free(line);
	if (in)
		fclose(in);
	for (w = 0; w < jobs; w++)
		while (waitpid(pids[w], NULL, 0) < 0 && errno == EINTR)
			;
}

int sweep_main(const struct scenario *s, const struct driver_info *d,
	       const struct run_opts *o, long max, bool json)
{
	struct run_opts co = *o;
	unsigned long total, n, count[4] = { 0 };
	enum verdict *v = NULL;
	char **details = NULL, *clean;
	struct run r;
	bool pass;

	co.count_allocs = true;
	co.fault_nth = 0;
	run_scenario(s, d, &co, &r);
	total = r.cnt.allocations;
	clean = clean_problem(&r);
	run_free(&r);
	if (!clean) {
		if (max > 0 && (unsigned long)max < total)
			total = (unsigned long)max;
		v = xcalloc(total ? total : 1, sizeof(*v));
		details = xcalloc(total ? total : 1, sizeof(*details));
		for (n = 0; n < total; n++) {
			v[n] = V_CRASHED;
			details[n] = xstrdup("no result: the sweep worker died");
		}
		sweep_runs(s, d, &co, total, v, details);
		for (n = 1; n <= total; n++)
			count[v[n - 1]]++;
	} else {
		total = 0;
	}
	pass = !clean && !count[V_LEAKED] && !count[V_CRASHED] &&
	       !count[V_MISBEHAVED];

	if (!json) {
		printf("ddiport: sweep %s\n", d->path);
		printf("scenario: %s\n", s->file);
		if (clean) {
			printf("clean: FAIL (%s)\n", stable_text(clean, o->stable));
		} else {
			printf("clean: PASS\n");
			printf("allocations: %lu\n", total);
		}
		for (n = 1; n <= total; n++) {
			printf("fail %lu: %s", n, verdict_name[v[n - 1]]);
			if (details[n - 1])
				printf(" (%s)", stable_text(details[n - 1],
							    o->stable));
			putchar('\n');
		}
		printf("summary: %lu runs, %lu survived, %lu leaked, %lu crashed, %lu misbehaved\n",
		       total, count[V_SURVIVED], count[V_LEAKED],
		       count[V_CRASHED], count[V_MISBEHAVED]);
		printf("result: %s\n", pass ? "PASS" : "FAIL");
	} else {
		printf("{\n  \"tool\": \"ddiport\", \"version\": ");
		json_str(stdout, DDIPORT_VERSION);
		printf(", \"command\": \"sweep\",\n  \"driver\": {\"path\": ");
		json_str(stdout, d->path);
		printf("},\n  \"scenario\": ");
		json_str(stdout, s->file);
		printf(",\n  \"clean\": {\"pass\": %s, \"problem\": ",
		       clean ? "false" : "true");
		json_str(stdout, clean ? stable_text(clean, o->stable) : NULL);
		printf("},\n  \"allocations\": %lu,\n  \"runs\": [", total);
		for (n = 1; n <= total; n++) {
			printf("%s\n    {\"n\": %lu, \"verdict\": \"%s\", \"detail\": ",
			       n > 1 ? "," : "", n, verdict_name[v[n - 1]]);
			json_str(stdout, details[n - 1] ?
				 stable_text(details[n - 1], o->stable) : NULL);
			putchar('}');
		}
		printf("%s,\n  \"counts\": {\"runs\": %lu, \"survived\": %lu, "
		       "\"leaked\": %lu, \"crashed\": %lu, \"misbehaved\": %lu},\n",
		       total ? "\n  ]" : "]", total, count[V_SURVIVED],
		       count[V_LEAKED], count[V_CRASHED], count[V_MISBEHAVED]);
		printf("  \"result\": \"%s\"\n}\n", pass ? "pass" : "fail");
	}
	for (n = 0; n < total; n++)
		free(details[n]);
	free(details);
	free(v);
	free(clean);
	return pass ? 0 : 1;
}
