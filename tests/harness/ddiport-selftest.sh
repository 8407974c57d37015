#!/bin/sh
# SPDX-License-Identifier: MIT
#
# ddiport-selftest: ddicc and ddiport end to end, on the two test drivers
# of tests/harness/testdrv (built here with ddicc from the build tree):
#   ddicc     --show flags, --ddi only where the source has no _DDI,
#             __FILE__ relative to the source's directory, -c and -shared
#   scan      of a -c object and a shared object; a missing symbol is
#             listed and fails the scan (exit 1)
#   run       a clean old-style run (prefix from the Master file) and a
#             clean DDI 8 run pass (exit 0); a misuse, a leak, a KM_SLEEP
#             in the interrupt routine and an unclaimed port are each
#             reported with the driver's file:line (exit 1); a SIGSEGV is
#             contained and names the operation; a missing function
#             called at run time is a crash, not a hang; a bad scenario
#             is refused with its line (exit 2)
#   sweep     of the DDI 8 driver survives every N; --max bounds it
#   JSON      every --json output is well-formed (python3 -m json.tool)
#             and carries the same verdict as the text
# Run by make check from the top build directory (srcdir is set by the
# test harness).
set -u
LC_ALL=C
export LC_ALL

top_builddir=$(pwd)
top_srcdir=$(cd "${srcdir:-$(dirname "$0")/../..}" && pwd)
ddiport=$top_builddir/tests/harness/ddiport/ddiport
ddicc=$top_builddir/tests/harness/ddicc
tdir=$top_srcdir/tests/harness/testdrv
DDICC_UNINSTALLED=1
export DDICC_UNINSTALLED
unset SVR5DDI_FAULT SVR5DDI_QUIET

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() {	# check WHAT COMMAND...
	what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}
has() {		# has FILE REGEX: a line of FILE matches (grep -E)
	grep -Eq -- "$2" "$1"
}
json_ok() {	# json_ok FILE: well-formed JSON
	python3 -m json.tool "$1" >/dev/null 2>&1
}
json_get() {	# json_get FILE EXPR: print python EXPR over the object d
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/old" "$tmp/ddi8"
cp "$tdir/Master" "$tmp/old/"
out=$tmp/out

# ---- ddicc ------------------------------------------------------------------
show=$("$ddicc" --show)
for f in -ffreestanding -fno-builtin -fno-common -fPIC -nostdinc -D_KERNEL \
	 "-I$top_srcdir/include"; do
	case " $show " in
	*" $f "*) pass ;;
	*) fail "ddicc --show lacks $f: $show" ;;
	esac
done
case " $("$ddicc" --show --ddi=7) " in
*" -D_DDI=7 "*) pass ;;
*) fail "ddicc --show --ddi=7 has no -D_DDI=7" ;;
esac
case " $("$ddicc" --show -shared) " in
*" -shared -nostdlib "*) pass ;;
*) fail "ddicc --show -shared does not link -shared -nostdlib" ;;
esac
"$ddicc" --ddi=9 --show >/dev/null 2>&1
check "ddicc --ddi=9 is a usage error" [ $? -eq 2 ]

# --ddi=5 must not override the source's own "#define _DDI 7": a DDI 7
# call (kmem_alloc_phys) is declared only if _DDI stays 7.
printf '#define _DDI 7\n#include <sys/kmem.h>\nvoid *f(physreq_t *p) { return kmem_alloc_phys(64, p, (paddr32_t *)0, KM_SLEEP); }\n' \
	>"$tmp/own.c"
check "ddicc --ddi=5 kept the source's _DDI 7" \
	"$ddicc" --ddi=5 -Werror=implicit-function-declaration -c \
	-o "$tmp/own.o" "$tmp/own.c"
# ... and a source without _DDI gets it: DDI 5 lacks kmem_alloc_phys.
printf '#include <sys/kmem.h>\nvoid *f(physreq_t *p) { return kmem_alloc_phys(64, p, (paddr32_t *)0, KM_SLEEP); }\n' \
	>"$tmp/none.c"
if "$ddicc" --ddi=5 -Werror=implicit-function-declaration -c \
	-o "$tmp/none.o" "$tmp/none.c" 2>/dev/null; then
	fail "ddicc --ddi=5 did not hide kmem_alloc_phys from a source without _DDI"
else
	pass
fi
# Freestanding: no C library header is reachable.
printf '#include <stdio.h>\n' >"$tmp/libc.c"
if "$ddicc" -c -o "$tmp/libc.o" "$tmp/libc.c" 2>/dev/null; then
	fail "ddicc reached the C library's <stdio.h>"
else
	pass
fi

check "ddicc -c tdrv.c" "$ddicc" -c -o "$tmp/tdrv.o" "$tdir/tdrv.c"
check "ddicc -shared tdrv.c" \
	"$ddicc" -shared -o "$tmp/old/tdrv.so" "$tdir/tdrv.c"
check "ddicc -shared tdrv8.c" \
	"$ddicc" -shared -o "$tmp/ddi8/tdrv8.so" "$tdir/tdrv8.c"
check "ddicc -shared -DTDRV_MISSING" "$ddicc" -DTDRV_MISSING -shared \
	-o "$tmp/missing.so" "$tdir/tdrv.c"

# ---- scan ----------------------------------------------------------------------
"$ddiport" scan "$tmp/tdrv.o" >"$out" 2>&1
check "scan of a -c object passes (exit $?)" [ $? -eq 0 ]
check "scan maps kmem_alloc_site to kmem_alloc" \
	has "$out" '^uses: kmem_alloc \(kmem_alloc_site\) provided$'
check "scan lists cm_getval" has "$out" '^uses: cm_getval provided$'
check "scan lists uiomove" has "$out" '^uses: uiomove( \(uiomove_site\))? provided$'
check "scan has no MISSING for tdrv" sh -c "! grep -q MISSING '$out'"
check "scan summary" has "$out" '^summary: [0-9]+ symbols, [0-9]+ provided, [0-9]+ host, 0 missing$'

"$ddiport" scan "$tmp/missing.so" >"$out" 2>&1
check "scan with a missing symbol exits 1 (exit $?)" [ $? -eq 1 ]
check "scan names the missing symbol" \
	has "$out" '^uses: tdrv_not_in_svr5ddi MISSING$'
check "scan result FAIL" has "$out" '^result: FAIL$'
"$ddiport" scan "$tmp/missing.so" --json >"$out.json" 2>&1
check "scan --json is well-formed" json_ok "$out.json"
check "scan --json lists the missing symbol" [ \
	"$(json_get "$out.json" 'd["missing"]')" = "['tdrv_not_in_svr5ddi']" ]
"$ddiport" scan "$tdir/Master" >"$out" 2>&1
check "scan of a non-ELF file is exit 2 (exit $?)" [ $? -eq 2 ]
check "scan says not an ELF file" has "$out" 'not an ELF file'

# ---- run: clean ------------------------------------------------------------------
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tdir/tdrv.scn" >"$out" 2>&1
rc=$?
check "clean old-style run passes (exit $rc): $(cat "$out")" [ $rc -eq 0 ]
check "prefix from the Master file" \
	has "$out" '^driver: tdrv style prefix prefix tdrv \(Master\)$'
# Master layouts: "$version 1" (UnixWare 2) with "$entry" lines has the
# prefix second, like "$version 2"; a file without either is an SVR4.2
# mdevice line, prefix fourth.  The scenario is copied next to the
# driver, so no other Master file is read.
for v in v1 entry mdevice; do
	mkdir "$tmp/$v"
	cp "$tmp/old/tdrv.so" "$tdir/tdrv.scn" "$tmp/$v/"
done
printf '%s\n' '#ident "tdrv"' '$version 1' \
	'$entry init start open close read write ioctl intr halt' \
	'tdrv	tdrv	Lc	0	0	0' >"$tmp/v1/Master"
printf '%s\n' '$entry init open close ioctl intr' \
	'tdrv	tdrv	Lc	0	0	0' >"$tmp/entry/Master"
printf '%s\n' '* SVR4.2 mdevice' 'tdrv	ocrwi	Lc	tdrv	0	0	0	1	-1' \
	>"$tmp/mdevice/Master"
for v in v1 entry mdevice; do
	"$ddiport" run "$tmp/$v/tdrv.so" --scenario "$tmp/$v/tdrv.scn" \
		>"$out" 2>&1
	rc=$?
	check "Master $v: the run passes (exit $rc): $(cat "$out")" \
		[ $rc -eq 0 ]
	check "Master $v: prefix tdrv from the Master file" \
		has "$out" '^driver: tdrv style prefix prefix tdrv \(Master\)$'
done
check "the driver's message is console output of load" \
	has "$out" '^console 4: tdrv0: irq 9$'
check "rval is reported" has "$out" '^op 13: ioctl 0 1 rval=3: ok \(rval 3\)$'
check "an expected error is reported" \
	has "$out" '^op 14: ioctl 0 99 expect=EINVAL: ok \(returned EINVAL\)$'
check "result PASS" has "$out" '^result: PASS$'

"$ddiport" run "$tmp/ddi8/tdrv8.so" --scenario "$tdir/tdrv8.scn" --json \
	>"$out.json" 2>&1
rc=$?
check "clean DDI 8 run passes (exit $rc)" [ $rc -eq 0 ]
check "run --json is well-formed" json_ok "$out.json"
check "run --json: style ddi8, result pass, 18 operations" [ \
	"$(json_get "$out.json" 'd["driver"]["style"], d["result"], len(d["operations"])')" = \
	"ddi8 pass 18" ]

# ---- run: misuse, leak, interrupt-level sleep, unclaimed port --------------------
cat >"$tmp/bad.scn" <<'EOF'
# bad things on purpose
board irq=9 io=0x300-0x307
load
open 0
ioctl 0 2	# leak 100 bytes
ioctl 0 3	# kmem_free(p, 100) of a 64-byte block
ioctl 0 5	# the next interrupt allocates KM_SLEEP
interrupt 9
ioctl 0 7	# inb of a port no device answers
close 0
unload
EOF
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tmp/bad.scn" --stable >"$out" 2>&1
rc=$?
check "the bad run fails (exit $rc)" [ $rc -eq 1 ]
line=$(grep -n 'kmem_free(p, 100)' "$tdir/tdrv.c" | cut -d: -f1)
check "size mismatch with the driver's line (tdrv.c:$line)" \
	has "$out" "^diag 6: svr5ddi: kmem_free: size mismatch: .* \\[site tdrv\\.c:$line\\]$"
line=$(grep -n 'p = kmem_alloc(100, KM_SLEEP)' "$tdir/tdrv.c" | cut -d: -f1)
check "leak with its allocation site (tdrv.c:$line)" \
	has "$out" "^leak: svr5ddi: kmem_alloc: leak: addr 0x\\? size 100, .* \\[site tdrv\\.c:$line\\]$"
line=$(grep -n 'p = kmem_alloc(32, KM_SLEEP)' "$tdir/tdrv.c" | cut -d: -f1)
check "KM_SLEEP at interrupt level, in the interrupt operation (tdrv.c:$line)" \
	has "$out" "^diag 8: svr5ddi: kmem_alloc: KM_SLEEP in atomic context: .*interrupt level.* \\[site tdrv\\.c:$line\\]$"
check "unclaimed port" has "$out" '^diag 9: compat: unclaimed I/O: inb port 0x300'
check "misuse counts" has "$out" '^misuse: size_mismatch 1$'
check "leak count" has "$out" '^misuse: leak 1$'
check "summary of the bad run" has "$out" \
	'^summary: 9 operations, 0 failed, [0-9]+ diagnostics, 3 misuses, 1 leaks, 0 dma violations, 0 device errors, 1 unclaimed, 0 spurious$'
check "--stable masks process addresses" sh -c "! grep -Eq '0x[0-9a-f]{11,}' '$out'"
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tmp/bad.scn" --json >"$out.json" 2>&1
check "bad run --json is well-formed" json_ok "$out.json"
check "bad run --json: fail, 1 leak, size_mismatch 1, a site per diagnostic" [ \
	"$(json_get "$out.json" 'd["result"], len(d["leaks"]), d["misuse"]["size_mismatch"], all(x["site"] for x in d["diagnostics"] if x["tag"])')" = \
	"fail 1 1 True" ]

# ---- run: a crash is contained ----------------------------------------------------
cat >"$tmp/crash.scn" <<'EOF'
board irq=9
load
open 0
ioctl 0 4	# store through NULL
close 0
unload
EOF
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tmp/crash.scn" >"$out" 2>&1
rc=$?
check "the crashing run fails (exit $rc)" [ $rc -eq 1 ]
check "the crash names the signal and the operation" \
	has "$out" '^crash: SIGSEGV in op 4: ioctl 0 4$'
check "the crashed operation" has "$out" '^op 4: ioctl 0 4: CRASHED: SIGSEGV$'
check "operations after the crash are not run" has "$out" '^op 5: close 0: not run$'
check "operations before the crash ran" has "$out" '^op 3: open 0: ok$'
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tmp/crash.scn" --json >"$out.json" 2>&1
check "crash --json is well-formed" json_ok "$out.json"
check "crash --json names SIGSEGV at line 4" [ \
	"$(json_get "$out.json" 'd["crash"]["signal"], d["crash"]["line"], d["operations"][2]["status"]')" = \
	"SIGSEGV 4 crashed" ]

# A function svr5ddi lacks, called at run time: the dynamic linker ends
# the child; reported as a crash with its message, the symbol in scan.
cp "$tmp/missing.so" "$tmp/old/missing.so"
printf 'driver prefix=tdrv\nboard irq=9\nload\nopen 0\nioctl 0 8\nclose 0\n' \
	>"$tmp/miss.scn"
"$ddiport" run "$tmp/old/missing.so" --scenario "$tmp/miss.scn" >"$out" 2>&1
rc=$?
check "calling a missing function fails the run (exit $rc)" [ $rc -eq 1 ]
check "missing symbol listed" has "$out" '^missing: tdrv_not_in_svr5ddi$'
check "missing function: a crash in the ioctl" has "$out" '^crash: .* in op 5: ioctl 0 8$'
check "missing function: the linker's message" has "$out" 'tdrv_not_in_svr5ddi'

# ---- scenario errors ----------------------------------------------------------------
printf 'board irq=9\nload\nopne 0\n' >"$tmp/typo.scn"
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tmp/typo.scn" >"$out" 2>&1
rc=$?
check "a bad scenario is exit 2 (exit $rc)" [ $rc -eq 2 ]
check "a bad scenario names file and line" \
	has "$out" "typo\\.scn:3: unknown keyword \"opne\""
printf 'device no-such-model x0\nload\n' >"$tmp/model.scn"
"$ddiport" run "$tmp/old/tdrv.so" --scenario "$tmp/model.scn" >"$out" 2>&1
check "an unknown device model is reported with its line" \
	has "$out" '^error: .*model\.scn:1: device x0: '

# ---- sweep --------------------------------------------------------------------------
"$ddiport" sweep "$tmp/ddi8/tdrv8.so" --scenario "$tdir/tdrv8.scn" --json \
	>"$out.json" 2>&1
rc=$?
check "sweep of tdrv8 passes (exit $rc)" [ $rc -eq 0 ]
check "sweep --json is well-formed" json_ok "$out.json"
check "sweep: every N survived, N = 1..allocations > 0" [ \
	"$(json_get "$out.json" 'd["allocations"] > 0 and d["counts"]["survived"] == d["allocations"] == len(d["runs"]) and [r["n"] for r in d["runs"]] == list(range(1, d["allocations"] + 1))')" = \
	"True" ]
"$ddiport" sweep "$tmp/old/tdrv.so" --scenario "$tmp/bad.scn" --max 2 >"$out" 2>&1
rc=$?
check "sweep of a failing scenario fails (exit $rc)" [ $rc -eq 1 ]
check "sweep stops at a failing clean run" has "$out" '^clean: FAIL '
# Leaks under failure: TDRV_ALLOC keeps a block that only unload frees; a
# scenario that never unloads has no leak check, one that does has none.
"$ddiport" sweep "$tmp/old/tdrv.so" --scenario "$tdir/tdrv.scn" --max 3 >"$out" 2>&1
rc=$?
check "sweep --max 3 of tdrv (exit $rc)" [ $rc -eq 0 ]
# min(3, the allocations the clean run counted) runs, all survived.
nalloc=$(sed -n 's/^allocations: //p' "$out")
nrun=$(( ${nalloc:-0} < 3 ? ${nalloc:-0} : 3 ))
check "sweep --max 3 made min(3, $nalloc) runs" [ "$nrun" -gt 0 ]
check "sweep --max 3: $nrun runs, all survived" \
	has "$out" "^summary: $nrun runs, $nrun survived"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
