/* SPDX-License-Identifier: MIT */
/*
 * check_ddiport_scenario.c - the scenario parser of ddiport(1): every
 * statement parses into what the manual says, and every malformed line
 * is refused with "FILE:LINE: reason".
 */
#include <string.h>
#include "check_util.h"
#include "ddiport.h"

static struct scenario s;
static char err[512];

static int parse(const char *text)
{
	scenario_free(&s);
	err[0] = '\0';
	return scenario_parse("t.scn", text, &s, err, sizeof(err));
}

/* @text must fail with a message starting "t.scn:LINE: " and holding
 * @what. */
static void refuse(const char *text, int line, const char *what)
{
	char want[64];

	ck_assert_msg(parse(text) == -1, "accepted: %s", text);
	snprintf(want, sizeof(want), "t.scn:%d: ", line);
	ck_assert_msg(!strncmp(err, want, strlen(want)),
		      "message \"%s\" does not start with \"%s\"", err, want);
	ck_assert_msg(strstr(err, what), "message \"%s\" lacks \"%s\"", err,
		      what);
}

START_TEST(settings)
{
	ck_assert_msg(!parse(
		"# comment\n"
		"\n"
		"driver prefix=isd ddi=7 name=isdisk major=12  # trailing\n"
		"option physmem=dma:16M,dma32:64M debug=0 strict=1 timeout=250\n"
		"device isa-disk disk0 io=0x320 irq=5 dma=1 capacity=32M\n"
		"board irq=5 ipl=5 itype=1 io=0x320-0x327 dma=1 mem=0xd0000+16k "
		"bus=eisa id=\"ABC 1\" slot=3 unit=7 modname=other\n"
		"board device=disk0 hotplug=yes\n"), "%s", err);
	ck_assert_str_eq(s.prefix, "isd");
	ck_assert_int_eq(s.ddi, 7);
	ck_assert_str_eq(s.name, "isdisk");
	ck_assert_int_eq(s.major, 12);
	ck_assert_str_eq(s.physmem, "dma:16M,dma32:64M");
	ck_assert_int_eq(s.debug, 0);
	ck_assert_int_eq(s.strict, 1);
	ck_assert_int_eq(s.timeout_ms, 250);
	ck_assert_int_eq(s.ndevs, 1);
	ck_assert_str_eq(s.devs[0].model, "isa-disk");
	ck_assert_str_eq(s.devs[0].name, "disk0");
	ck_assert_int_eq(s.devs[0].nparams, 4);
	ck_assert_str_eq(s.devs[0].params[3].key, "capacity");
	ck_assert_str_eq(s.devs[0].params[3].val, "32M");
	ck_assert_int_eq(s.devs[0].line, 5);
	ck_assert_int_eq(s.nboards, 2);
	ck_assert_int_eq(s.boards[0].irq, 5);
	ck_assert_int_eq(s.boards[0].ipl, 5);
	ck_assert_int_eq(s.boards[0].itype, 1);
	ck_assert(s.boards[0].has_io);
	ck_assert_uint_eq(s.boards[0].io_lo, 0x320);
	ck_assert_uint_eq(s.boards[0].io_hi, 0x327);
	ck_assert(s.boards[0].has_mem);
	ck_assert_uint_eq(s.boards[0].mem_lo, 0xd0000);
	ck_assert_uint_eq(s.boards[0].mem_hi, 0xd3fff);
	ck_assert_int_eq(s.boards[0].dma, 1);
	ck_assert_int_eq(s.boards[0].bus, BUS_EISA);
	ck_assert_str_eq(s.boards[0].id, "ABC 1");
	ck_assert_int_eq(s.boards[0].slot, 3);
	ck_assert_int_eq(s.boards[0].unit, 7);
	ck_assert_str_eq(s.boards[0].modname, "other");
	ck_assert(!s.boards[0].hotplug);
	/* defaults: unit = board number, no irq, ISA; device= and hotplug */
	ck_assert_int_eq(s.boards[1].unit, 1);
	ck_assert_int_eq(s.boards[1].irq, -1);
	ck_assert_int_eq(s.boards[1].dma, -1);
	ck_assert_int_eq(s.boards[1].bus, BUS_ISA);
	ck_assert_ptr_null(s.boards[1].modname);
	ck_assert_str_eq(s.boards[1].device, "disk0");
	ck_assert(s.boards[1].hotplug);
	ck_assert_int_eq(s.nops, 0);
}
END_TEST

START_TEST(defaults)
{
	ck_assert_msg(!parse(""), "%s", err);
	ck_assert_int_eq(s.major, 40);
	ck_assert_int_eq(s.debug, -1);
	ck_assert_int_eq(s.timeout_ms, 5000);
	ck_assert_int_eq(s.style, STYLE_AUTO);
	ck_assert_ptr_null(s.prefix);
	scenario_free(&s);
	scenario_default(&s);
	ck_assert_int_eq(s.nops, 2);
	ck_assert_int_eq(s.ops[0].kind, OP_LOAD);
	ck_assert_int_eq(s.ops[1].kind, OP_UNLOAD);
	ck_assert_str_eq(s.ops[1].text, "unload");
	ck_assert_int_eq(s.ops[1].line, 2);
}
END_TEST

START_TEST(operations)
{
	ck_assert_msg(!parse(
		"board irq=5\n"
		"board irq=6\n"
		"load\n"
		"add 1\n"
		"config suspend 0 expect=fail\n"
		"open 3 flags=read,excl otyp=blk board=1\n"
		"read 3 4k offset=1m pattern=offset\n"
		"write 3   512 pattern=0xa5\n"
		"ioctl 3 0x4401 -7 rval=2 expect=ENOTTY\n"
		"ioctl 3 5 buf=64\n"
		"strategy 0 write 64k 16 buffer=contig nowait\n"
		"wait timeout=100\n"
		"interrupt 5 count=3 nowait\n"
		"delay 20\n"
		"delay 3ticks\n"
		"delay 150us\n"
		"expect disk0.reads >= 3\n"
		"expect misuse.size_mismatch 0\n"
		"expect log \"isd0: io 0x320\" == 1\n"
		"halt\n"
		"close 3 expect=any\n"
		"remove\n"
		"unload\n"), "%s", err);
	ck_assert_int_eq(s.nops, 21);
	ck_assert_int_eq(s.ops[0].kind, OP_LOAD);
	ck_assert_int_eq(s.ops[0].line, 3);
	ck_assert_int_eq(s.ops[0].exp, EXP_VALUE);
	ck_assert_int_eq(s.ops[0].exp_val, 0);
	ck_assert_int_eq(s.ops[1].cfg, CFGOP_ADD);
	ck_assert_int_eq(s.ops[1].board, 1);
	ck_assert_int_eq(s.ops[2].cfg, CFGOP_SUSPEND);
	ck_assert_int_eq(s.ops[2].board, 0);
	ck_assert_int_eq(s.ops[2].exp, EXP_FAIL);
	ck_assert_int_eq(s.ops[3].kind, OP_OPEN);
	ck_assert_int_eq(s.ops[3].dev, 3);
	ck_assert_int_eq(s.ops[3].oflags, OFLAG_READ | OFLAG_EXCL);
	ck_assert_int_eq(s.ops[3].otyp_blk, 1);
	ck_assert_int_eq(s.ops[3].board, 1);
	ck_assert_int_eq(s.ops[4].kind, OP_READ);
	ck_assert_uint_eq(s.ops[4].size, 4096);
	ck_assert_uint_eq(s.ops[4].offset, 1 << 20);
	ck_assert_int_eq(s.ops[4].pattern, PAT_OFFSET);
	ck_assert_int_eq(s.ops[5].kind, OP_WRITE);
	ck_assert_int_eq(s.ops[5].pattern, PAT_BYTE);
	ck_assert_uint_eq(s.ops[5].pattern_byte, 0xa5);
	ck_assert_str_eq(s.ops[5].text, "write 3 512 pattern=0xa5");
	ck_assert_int_eq(s.ops[6].cmd, 0x4401);
	ck_assert_int_eq(s.ops[6].arg, -7);
	ck_assert(s.ops[6].has_rval);
	ck_assert_int_eq(s.ops[6].rval, 2);
	ck_assert_int_eq(s.ops[6].exp_val, 25);	/* SVR5 ENOTTY */
	ck_assert_uint_eq(s.ops[7].bufsize, 64);
	ck_assert_int_eq(s.ops[8].kind, OP_STRATEGY);
	ck_assert(s.ops[8].write);
	ck_assert_uint_eq(s.ops[8].size, 65536);
	ck_assert_uint_eq(s.ops[8].block, 16);
	ck_assert(s.ops[8].contig);
	ck_assert(s.ops[8].nowait);
	ck_assert_int_eq(s.ops[8].pattern, PAT_OFFSET);	/* writes default */
	ck_assert_str_eq(s.ops[8].text,
			 "strategy 0 write 64k 16 buffer=contig nowait");
	ck_assert_int_eq(s.ops[9].timeout_ms, 100);
	ck_assert_uint_eq(s.ops[10].irq, 5);
	ck_assert_int_eq(s.ops[10].count, 3);
	ck_assert(s.ops[10].nowait);
	ck_assert_int_eq(s.ops[11].delay_us, 20000);
	ck_assert_int_eq(s.ops[12].delay_us, 30000);
	ck_assert_int_eq(s.ops[13].delay_us, 150);
	ck_assert_str_eq(s.ops[14].name, "disk0.reads");
	ck_assert_int_eq(s.ops[14].cmp, CMP_GE);
	ck_assert_int_eq(s.ops[14].value, 3);
	ck_assert_str_eq(s.ops[15].name, "misuse.size_mismatch");
	ck_assert_int_eq(s.ops[15].cmp, CMP_EQ);
	ck_assert_str_eq(s.ops[16].name, "log");
	ck_assert_str_eq(s.ops[16].logtext, "isd0: io 0x320");
	ck_assert_str_eq(s.ops[16].text, "expect log \"isd0: io 0x320\" == 1");
	ck_assert_int_eq(s.ops[17].kind, OP_HALT);
	ck_assert_int_eq(s.ops[18].exp, EXP_ANY);
	ck_assert_int_eq(s.ops[19].cfg, CFGOP_REMOVE);
	ck_assert_int_eq(s.ops[19].board, -1);
	ck_assert_int_eq(s.ops[20].kind, OP_UNLOAD);
	ck_assert_int_eq(s.ops[20].line, 23);
}
END_TEST

START_TEST(errors)
{
	refuse("load\nopne 0\n", 2, "unknown keyword \"opne\"");
	refuse("\n\nload\ndriver prefix=xx\n", 4, "before the first operation");
	refuse("open\n", 1, "missing argument");
	refuse("open 0 1\n", 1, "too many arguments");
	refuse("open 0 colour=red\n", 1, "unknown option \"colour\"");
	refuse("open zero\n", 1, "not a number");
	refuse("read 0 12q\n", 1, "not a number");
	refuse("read 0 0\n", 1, "out of range");
	refuse("board irq=300\n", 1, "out of range");
	refuse("board io=0x1f7-0x1f0\n", 1, "ends before it starts");
	refuse("board io=0x1f0\n", 1, "not a range");
	refuse("board io=0xfff0+0x100\n", 1, "beyond the 64 KiB port space");
	refuse("board bus=vme\n", 1, "bus \"vme\"");
	refuse("board device=nodev\n", 1, "no device \"nodev\"");
	refuse("driver ddi=9\n", 1, "out of range");
	refuse("driver prefix=1x\n", 1, "not an identifier");
	refuse("driver style=ddi7\n", 1, "style");
	refuse("device isa-disk d0\ndevice i8237 d0\n", 2, "already defined at line 1");
	refuse("option\n", 1, "no KEY=VALUE");
	refuse("option debug=maybe\n", 1, "not 0 or 1");
	refuse("expect foo 3\n", 1, "unknown counter \"foo\"");
	refuse("expect misuse.nonsense 0\n", 1, "unknown counter");
	refuse("expect disk0.reads =< 3\n", 1, "is not ==");
	refuse("expect live\n", 1, "missing argument");
	refuse("open 0 expect=EWHAT\n", 1, "unknown errno name");
	refuse("open 0 nowait\n", 1, "only for strategy and interrupt");
	refuse("strategy 0 sideways 512 0\n", 1, "direction");
	refuse("load\nexpect log \"unterminated == 1\n", 2, "unterminated");
	refuse("delay 2 hours\n", 1, "too many arguments");
	refuse("delay 5min\n", 1, "not a time");
	refuse("open 0 board=0\n", 1, "no board 0");
	refuse("board\nadd 1\n", 2, "no board 1");
	refuse("config shake\n", 1, "is not add, remove");
	refuse("open 0 expect=0 expect=1\n", 1, "given twice");
	refuse("ioctl 0 1 rval=3 5\n", 1, "after an option");
	refuse("\"load\"\n", 1, "keyword");
}
END_TEST

START_TEST(quoting)
{
	ck_assert_msg(!parse("expect log \"say \\\"hi\\\" \\\\ # not a comment\" > 0\n"), "%s", err);
	ck_assert_str_eq(s.ops[0].logtext, "say \"hi\" \\ # not a comment");
	ck_assert_int_eq(s.ops[0].cmp, CMP_GT);
	/* a quoted word is never an option */
	ck_assert_msg(!parse("expect log \"a=b\" 1\n"), "%s", err);
	ck_assert_str_eq(s.ops[0].logtext, "a=b");
	/* CRLF line ends */
	ck_assert_msg(!parse("load\r\nunload\r\n"), "%s", err);
	ck_assert_int_eq(s.nops, 2);
	ck_assert_str_eq(s.ops[1].text, "unload");
}
END_TEST

START_TEST(errno_names)
{
	ck_assert_int_eq(errno_value("EIO"), 5);
	ck_assert_int_eq(errno_value("ETIMEDOUT"), 145);	/* SVR5, not Linux */
	ck_assert_int_eq(errno_value("ENOSYS"), 89);
	ck_assert_int_eq(errno_value("EBOGUS"), -1);
	ck_assert_str_eq(errno_name(6), "ENXIO");
	ck_assert_ptr_null(errno_name(9999));
}
END_TEST

static Suite *make_suite(void)
{
	Suite *su = suite_create("ddiport_scenario");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, settings);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, operations);
	tcase_add_test(tc, quoting);
	tcase_add_test(tc, errno_names);
	suite_add_tcase(su, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, errors);
	suite_add_tcase(su, tc);
	return su;
}

CHECK_MAIN(make_suite)
