/* SPDX-License-Identifier: MIT */
/*
 * ddiport.h - what the files of ddiport(1) share.
 *
 * THE SHAPE.  The parent process parses the command line and the scenario
 * (scenario.c), scans the driver's symbols (scan.c), then forks one child
 * per run (runner.c).  The child (child.c) sets up the emulation, the
 * device models (tests/harness/models) and the resource manager, dlopens
 * the driver, calls its entry points (entry.c, the only file that sees
 * the SVR5 headers) and runs the operations.  Everything the child learns goes
 * to the parent as it happens through ONE pipe, the child's standard
 * error: the kernel log (compat writes each printk line to fd 2) and the
 * child's own records, lines starting with RS (\036).  One stream keeps
 * the order exact (a diagnostic belongs to the operation running when it
 * was logged) and survives a crash: what the child wrote before dying is
 * in the pipe.  The parent folds the stream into a struct run
 * (runner.c), and report.c prints it, as text or JSON.  sweep.c runs the
 * scenario once per injected allocation failure.
 *
 * Files: main.c (CLI), scenario.c (parser), loader.c (entry-point style
 * and prefix), entry.c (boards, load/config/unload, entry-point calls,
 * bufs and uios), child.c (the run: environment, devices, operations),
 * runner.c (fork, the stream, tally), scan.c (ELF symbols), sweep.c,
 * report.c (text, JSON), util.c.
 */
#ifndef DDIPORT_H
#define DDIPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifndef DDIPORT_VERSION
#define DDIPORT_VERSION	"unknown"
#endif

/* ---- scenario (scenario.c) -------------------------------------------- */

enum ddp_style { STYLE_AUTO, STYLE_DDI8, STYLE_PREFIX };

enum op_kind {
	OP_LOAD, OP_CONFIG, OP_OPEN, OP_CLOSE, OP_READ, OP_WRITE, OP_IOCTL,
	OP_STRATEGY, OP_WAIT, OP_INTERRUPT, OP_DELAY, OP_EXPECT, OP_HALT,
	OP_UNLOAD,
};

/* config operations, in CFG_* order of <sys/conf.h> */
enum cfg_op { CFGOP_ADD, CFGOP_REMOVE, CFGOP_SUSPEND, CFGOP_RESUME,
	      CFGOP_MODIFY, CFGOP_VERIFY };

enum expect_kind { EXP_VALUE, EXP_FAIL, EXP_ANY };
enum cmp_op { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };
enum pattern_kind { PAT_NONE, PAT_OFFSET, PAT_BYTE };

#define OFLAG_READ	0x1
#define OFLAG_WRITE	0x2
#define OFLAG_EXCL	0x4
#define OFLAG_NDELAY	0x8

struct scn_param {
	char *key;
	char *val;
};

struct scn_device {
	int line;
	char *model;
	char *name;
	struct scn_param *params;
	int nparams;
};

#define BUS_ISA		1
#define BUS_EISA	2
#define BUS_PCI		4
#define BUS_PCMCIA	8
#define BUS_MCA		0x20

struct scn_board {
	int line;
	char *modname;			/* NULL: the driver's name */
	long unit;			/* -1: the board number */
	long irq, ipl, itype;		/* -1: none */
	bool has_io, has_mem;
	unsigned long long io_lo, io_hi;
	unsigned long long mem_lo, mem_hi;
	long dma;			/* -1: none */
	long bus;			/* BUS_* (default ISA) */
	char *id;			/* CM_BRDID or NULL */
	long slot;			/* -1: none */
	char *device;			/* device=: resources from a model */
	bool hotplug;			/* not added at load */
	/* which keys were given (device= fills the others) */
	bool set_irq, set_dma, set_bus, set_id, set_slot;
};

struct scn_op {
	int line;
	enum op_kind kind;
	char *text;			/* the statement, blanks collapsed */
	/* expect= of every operation */
	enum expect_kind exp;
	long long exp_val;
	/* device operations */
	long dev;			/* minor / channel */
	long board;			/* DDI 8 board, -1: default / all */
	int oflags;			/* OFLAG_* */
	int otyp_blk;			/* close/open otyp=blk */
	unsigned long long size;
	unsigned long long offset;	/* read/write byte offset */
	unsigned long long block;	/* strategy block */
	bool write;			/* strategy direction */
	enum pattern_kind pattern;
	unsigned int pattern_byte;
	bool contig;			/* strategy buffer=contig */
	bool nowait;
	long long cmd, arg;		/* ioctl */
	unsigned long long bufsize;	/* ioctl buf=, 0: plain arg */
	bool has_rval;
	long long rval;
	enum cfg_op cfg;
	long long timeout_ms;		/* wait; -1 scenario default */
	unsigned long irq;		/* interrupt */
	long count;
	long long delay_us;
	/* expect NAME OP VALUE */
	char *name;
	char *logtext;			/* expect log TEXT */
	enum cmp_op cmp;
	long long value;
};

struct scenario {
	char *file;			/* NULL: the default scenario */
	/* driver */
	char *prefix;
	enum ddp_style style;
	int ddi;			/* 0: unknown */
	char *name;
	long major;
	/* option */
	char *physmem, *reserve;
	int debug;			/* -1: environment */
	int strict;
	long long timeout_ms;
	struct scn_device *devs;
	int ndevs;
	struct scn_board *boards;
	int nboards;
	struct scn_op *ops;
	int nops;
};

/* Parse @text (named @file in messages).  0, or -1 with "file:line: why"
 * in @err. */
int scenario_parse(const char *file, const char *text, struct scenario *s,
		   char *err, size_t errlen);
int scenario_load(const char *file, struct scenario *s, char *err,
		  size_t errlen);
void scenario_default(struct scenario *s);
void scenario_free(struct scenario *s);
const char *op_name(enum op_kind k);
const char *cfg_name(enum cfg_op c);
/* errno name -> value (EIO -> 5) and back; -1 / NULL if unknown */
int errno_value(const char *name);
const char *errno_name(int value);

/* ---- the driver (loader.c) --------------------------------------------- */

struct driver_info {
	char *path;			/* as given */
	char *name;			/* module name: scenario, else basename */
	enum ddp_style style;		/* resolved: DDI8 or PREFIX */
	char *prefix;			/* prefix style: the prefix */
	const char *prefix_from;	/* "option", "scenario", "Master" */
	int ddi;			/* 0: unknown */
	bool self_intr;			/* uses cm_intr_attach itself */
};

/* Decide the style and prefix from --prefix, the scenario, the Master
 * file and the object's symbols.  0, or -1 with a message in @err. */
struct scan_result;
int driver_resolve(struct driver_info *d, const char *path,
		   const char *opt_prefix, const struct scenario *s,
		   const struct scan_result *sc, char *err, size_t errlen);
void driver_free(struct driver_info *d);

/* ---- scan (scan.c) ------------------------------------------------------ */

enum sym_state { SYM_PROVIDED, SYM_HOST, SYM_MISSING };

struct scan_sym {
	char *name;			/* as the source wrote it */
	char *symbol;			/* the object's symbol */
	enum sym_state state;
};

struct scan_result {
	struct scan_sym *syms;
	int nsyms;
	int nmissing;
	char **defined;			/* symbols the driver defines */
	int ndefined;
};

/* Read @path's undefined and defined symbols; classify against @lib
 * (libsvr5ddi's file).  0, or -1 with @err. */
int scan_driver(const char *path, const char *lib, struct scan_result *r,
		char *err, size_t errlen);
bool scan_defines(const struct scan_result *r, const char *sym);
void scan_free(struct scan_result *r);
/* The file libsvr5ddi was loaded from (dladdr). */
const char *libsvr5ddi_path(void);

/* ---- a run (runner.c, child.c) ----------------------------------------- */

enum op_status { ST_NOT_RUN, ST_OK, ST_FAILED, ST_CRASHED };

struct op_result {
	enum op_status status;
	bool errret;			/* it returned an error code */
	long long ret, resid, rval;
	char *reason;
	char *detail;
};

enum item_kind { IT_CONSOLE, IT_DIAG, IT_LEAK, IT_DMA, IT_DEVERR };

struct item {
	enum item_kind kind;
	int line;			/* scenario line, 0: none */
	char *text;
	char *site;			/* last FILE:LINE, or NULL */
	char *call, *tag;		/* svr5ddi misuse lines */
	char *device;			/* DMA violations, device errors */
};

struct counters {
	unsigned long unclaimed, spurious, sleep_violations, warnings;
	unsigned long dma_violations;
	unsigned long allocations;	/* allocations seen (fault counter) */
	unsigned long injected;
};

struct run {
	const struct scenario *scn;
	const struct driver_info *drv;
	struct op_result *res;		/* one per scenario op */
	struct item *items;
	int nitems, itemcap;
	struct counters cnt;
	bool completed;			/* the child reached its end */
	bool unloaded;			/* leak check done */
	int crash_signal;		/* 0: none */
	int exit_status;		/* child's, when it exited */
	char *crash_reason;		/* signal name, "hung", "exit 127" ... */
	int crash_op;			/* index of the running op, -1 none */
	char *load_error;		/* dlopen/setup failure */
	/* derived (run_tally) */
	int nfailed, nmisuse, nleaks, ndiag, ndma, ndeverr;
	bool error_seen;		/* some op returned an error */
	unsigned long misuse[32];
	bool pass;
};

struct run_opts {
	bool echo;			/* copy the child's log to stderr */
	long fault_nth;			/* sweep: fail allocation N; 0: none */
	bool count_allocs;		/* sweep: count allocations */
	bool stable;
	unsigned int watchdog_s;
	bool sweep;			/* expect= failures tolerated */
};

/* Fork, run the scenario in the child, fold its stream into @r. */
int run_scenario(const struct scenario *s, const struct driver_info *d,
		 const struct run_opts *o, struct run *r);
void run_tally(struct run *r, const struct run_opts *o);
void run_free(struct run *r);
/* The child side: never returns. */
void child_main(const struct scenario *s, const struct driver_info *d,
		const struct run_opts *o) __attribute__((noreturn));

/*
 * The misuse tags of <svr5ddi/ddictl.h>, 0 .. misuse_tag_count() - 1:
 * the text of a report line (svr5ddi_misuse_text), the lower-case name
 * scenarios and reports use ("size_mismatch"); NULL out of range.
 * misuse_tag_find: the tag of a lower-case name, or -1.
 */
int misuse_tag_count(void);
const char *misuse_tag_text(int t);
const char *misuse_tag_name(int t);
int misuse_tag_find(const char *name);

/* ---- sweep (sweep.c) ---------------------------------------------------- */

int sweep_main(const struct scenario *s, const struct driver_info *d,
	       const struct run_opts *o, long max, bool json);

/* ---- reports (report.c) ------------------------------------------------- */

void report_run(FILE *f, const struct run *r, const struct scan_result *sc,
		bool json, bool stable);
void report_scan(FILE *f, const char *path, const struct scan_result *sc,
		 bool json);
/* Strings */
void json_str(FILE *f, const char *s);
/* @s with long hex numbers masked when @stable (static buffer). */
const char *stable_text(const char *s, bool stable);

/* ---- util.c ------------------------------------------------------------- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *read_file(const char *path, size_t *lenp);
const char *signal_name(int sig);

#endif /* DDIPORT_H */
