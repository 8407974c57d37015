#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run-sample.sh - run one sample legacy driver under ddiport(1) and check
# its report (a make-check test; see tests/drivers/README).
#
# usage: run-sample.sh [--sweep] NAME/FILE.scn
#
# NAME, the directory, is the driver: NAME.so in $DRIVERS_BUILDDIR/NAME.
#   NAME/FILE.scn   ddiport run NAME.so --scenario NAME/FILE.scn --stable,
#                   then compare the report with NAME/FILE.expected
#                   (below) and check that the exit status and the JSON
#                   report agree with its "result:" line.
#   NAME/sweep.scn  (or --sweep) ddiport sweep NAME.so --scenario
#                   NAME/sweep.scn --stable: every N (allocation N
#                   failing) must be survived: no crash, no leak, no
#                   diagnostic, no DMA violation or device error, no
#                   wrong data (the scenario's patterns), no operation
#                   failing without an earlier error return to explain
#                   it (ddiport's "misbehaved").  sweep.scn is a scenario of
#                   its own: the operations of NAME.scn without the value
#                   checks an allocation failure legitimately changes.
#
# Environment (set by mk/drivers.am; defaults suit a build tree):
#   DDIPORT          the ddiport program
#   DRIVERS_BUILDDIR where NAME/NAME.so were built (tests/drivers)
#   DRIVERS_KEEP     if set, keep the work directory
#
# EXPECTED REPORTS.  FILE.expected lists the report lines that matter, in
# report order.  Blank lines and lines starting with '#' are comments.
# Every other line is a pattern for one whole report line: literal text
# where '*' matches any run of characters (ddiport --stable has already
# turned process addresses into "0x?").  Matching walks the report once:
#   - each pattern must match a report line, in order;
#   - every report line that is not matched must be a "console" line or
#     one of the header lines ("ddiport:", "driver:", "scenario:"), so an
#     operation, diagnostic, DMA violation, leak, crash, misuse count,
#     summary or result the expected report does not name fails the test.
# So console output is checked where the expected report lists it, and
# everything that says whether the driver worked is checked always.

set -u

sweep=no
if [ "${1:-}" = --sweep ]; then
	sweep=yes
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: run-sample.sh [--sweep] NAME/FILE.scn" >&2
	exit 99
fi

scn=$1
dir=$(dirname "$scn")
name=$(basename "$dir")
base=$(basename "$scn")
[ "${base%.*}" = sweep ] && sweep=yes
: "${DRIVERS_BUILDDIR:=tests/drivers}"
: "${DDIPORT:=tests/harness/ddiport}"
so=$DRIVERS_BUILDDIR/$name/$name.so

fail() {
	echo "FAIL: $*"
	exit 1
}

[ -f "$scn" ] || { echo "run-sample.sh: no scenario $scn" >&2; exit 99; }
[ -f "$so" ] || { echo "run-sample.sh: driver $so not built" >&2; exit 99; }
[ -x "$DDIPORT" ] || [ -f "$DDIPORT" ] ||
	{ echo "run-sample.sh: no ddiport at $DDIPORT" >&2; exit 99; }

work=$(mktemp -d "${TMPDIR:-/tmp}/run-sample.XXXXXX") || exit 99
if [ -z "${DRIVERS_KEEP:-}" ]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "work directory: $work"
fi

# ---- sweep ---------------------------------------------------------------
if [ $sweep = yes ]; then
	"$DDIPORT" sweep "$so" --scenario "$scn" --stable \
		>"$work/sweep" 2>"$work/stderr"
	status=$?
	echo "== ddiport sweep $so --scenario $scn (exit $status)"
	cat "$work/sweep"
	[ $status -le 1 ] || { cat "$work/stderr"; fail "ddiport sweep exit $status"; }

	allocs=$(sed -n 's/^allocations: \([0-9][0-9]*\)$/\1/p' "$work/sweep")
	[ -n "$allocs" ] || fail "no allocation count in the sweep report"
	[ "$allocs" -gt 0 ] || fail "the scenario made no allocation to fail"
	summary=$(grep '^summary: ' "$work/sweep")
	[ -n "$summary" ] || fail "no summary line"
	# summary: N runs, N survived, N leaked, N crashed, N misbehaved
	set -- $(echo "$summary" | tr -c '0-9\n' ' ')
	[ $# -eq 5 ] || fail "unexpected summary: $summary"
	runs=$1 survived=$2 leaked=$3 crashed=$4 misbehaved=$5
	[ "$runs" -eq "$allocs" ] ||
		fail "$runs runs for $allocs allocations"
	nlines=$(grep -c '^fail [0-9][0-9]*: ' "$work/sweep")
	[ "$nlines" -eq "$runs" ] || fail "$nlines per-N lines for $runs runs"
	[ "$crashed" -eq 0 ] || fail "$crashed runs crashed"
	[ "$leaked" -eq 0 ] || fail "$leaked runs leaked"
	if [ "$misbehaved" -ne 0 ]; then
		grep '^fail [0-9]*: misbehaved' "$work/sweep"
		fail "$misbehaved runs misbehaved"
	fi
	[ "$survived" -eq "$runs" ] || fail "$survived of $runs runs survived"
	grep -qx 'result: PASS' "$work/sweep" || fail "result is not PASS"
	[ $status -eq 0 ] || fail "exit status $status with every run survived"
	echo "PASS: $runs runs: no crash, no leak, no misuse, no wrong data at any N"
	exit 0
fi

# ---- run -----------------------------------------------------------------
expected=${scn%.scn}.expected
[ -f "$expected" ] || { echo "run-sample.sh: no $expected" >&2; exit 99; }

"$DDIPORT" run "$so" --scenario "$scn" --stable \
	>"$work/report" 2>"$work/stderr"
status=$?
echo "== ddiport run $so --scenario $scn --stable (exit $status)"
cat "$work/report"
if [ -s "$work/stderr" ]; then
	echo "== standard error"
	cat "$work/stderr"
fi
[ $status -le 1 ] || fail "ddiport exit status $status"

awk -v expfile="$expected" '
# glob: does s match p, where "*" in p matches any run of characters?
function glob(s, p,    n, part, i, pos, k, last) {
	n = split(p, part, "*")
	if (n == 1)
		return s == p
	if (substr(s, 1, length(part[1])) != part[1])
		return 0
	pos = length(part[1]) + 1
	for (i = 2; i < n; i++) {
		if (part[i] == "")
			continue
		k = index(substr(s, pos), part[i])
		if (k == 0)
			return 0
		pos += k - 1 + length(part[i])
	}
	last = part[n]
	if (length(last) > length(s) - pos + 1)
		return 0
	return substr(s, length(s) - length(last) + 1) == last
}
BEGIN {
	n = 0
	while ((getline line < expfile) > 0) {
		if (line ~ /^[ \t]*$/ || line ~ /^#/)
			continue
		pat[++n] = line
	}
	close(expfile)
	i = 1
	bad = 0
}
{
	if (i <= n && glob($0, pat[i])) {
		i++
		next
	}
	if ($0 ~ /^console / || $0 ~ /^(ddiport|driver|scenario): /)
		next
	printf("FAIL: report line %d is not in the expected report", NR)
	if (i <= n)
		printf(" (next expected: %s)", pat[i])
	printf("\n  got: %s\n", $0)
	bad = 1
	exit 1
}
END {
	if (bad)
		exit 1
	if (i <= n) {
		printf("FAIL: expected line %d not found in order:\n  %s\n",
		       i, pat[i])
		exit 1
	}
	printf("report matches %s (%d lines)\n", expfile, n)
}
' "$work/report" || fail "report differs from $expected"

# The exit status must agree with the report's verdict.
if grep -qx 'result: PASS' "$work/report"; then
	[ $status -eq 0 ] || fail "result PASS but exit status $status"
elif grep -qx 'result: FAIL' "$work/report"; then
	[ $status -eq 1 ] || fail "result FAIL but exit status $status"
else
	fail "no result line"
fi

# The JSON report must carry the same verdict.
"$DDIPORT" run "$so" --scenario "$scn" --stable --json \
	>"$work/json" 2>/dev/null
jstatus=$?
[ $jstatus -eq $status ] || fail "--json exit status $jstatus, text $status"
if grep -qx 'result: PASS' "$work/report"; then
	grep -q '"result": *"pass"' "$work/json" || fail "JSON result is not pass"
else
	grep -q '"result": *"fail"' "$work/json" || fail "JSON result is not fail"
fi
echo "PASS"
exit 0
