#!/bin/sh
# Flags and file lists are split on purpose (no spaces in paths):
# shellcheck disable=SC2086,SC2046,SC2016
# check-headers.sh - compile tests of the driver-facing SVR5 headers
# (include/sys/*.h) against svr5-memory-ddi.md and the architecture rules:
# freestanding, C89 (gnu89) and C11 clean under -Wall -Wextra -pedantic
# -Werror, the _DDI version table (positive and negative), the site-capture
# and DDI 5 call mapping, struct layouts and constant values, and no
# collision with a legacy driver's own memcpy/printf.
#
# Only the compiler is needed.  Environment (set by the generated wrapper
# tests/headers/check-headers in the build tree):
#   CC          compiler (default: cc); may carry flags
#   NM          symbol lister (default: nm)
#   top_srcdir  source tree (default: two levels above this script)
# Prints one PASS/FAIL line per case and "N passed, M failed" at the end;
# exits 1 if any case failed, 99 when the compiler cannot be used at all.

set -u
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$here/../..}
CC=${CC:-cc}
NM=${NM:-nm}
incdir=$top_srcdir/include
tdir=$top_srcdir/tests/headers

tmp=$(mktemp -d "${TMPDIR:-/tmp}/svr5ddi-hdr.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

ccinc=$($CC -print-file-name=include)
if [ ! -f "$ccinc/stddef.h" ]; then
	echo "ERROR: $CC -print-file-name=include gave '$ccinc' (no stddef.h)"
	exit 99
fi

# Every header, in a fixed order; the "all" tests also use the reverse.
headers="types param vmparam kmem ddi debug cmn_err systm proc buf dma errno"
# ...then every other header of include/sys, so a new one is covered.
for f in "$incdir"/sys/*.h; do
	h=$(basename "$f" .h)
	case " $headers " in *" $h "*) ;; *) headers="$headers $h" ;; esac
done
rheaders=
for h in $headers; do rheaders="$h $rheaders"; done
ddis="none 5 6 7 8"
stds="gnu89 c11"

# Freestanding: no libc or Linux header can be reached, only the
# compiler's own include directory and ours.
base="-ffreestanding -nostdinc -isystem $ccinc -I$incdir"
warn="-Wall -Wextra -Werror -pedantic -Wundef -Wstrict-prototypes"
# Extra hygiene for TUs that hold nothing but our headers.
hwarn="-Wmissing-prototypes -Wredundant-decls -Wnested-externs -Wshadow \
-Wcast-qual -Wpointer-arith -Wwrite-strings"

npass=0
nfail=0
jobs=$(nproc 2>/dev/null || echo 2)

pass() {
	npass=$((npass + 1))
	echo "PASS: $1"
}

fail() {
	nfail=$((nfail + 1))
	echo "FAIL: $1"
	if [ -s "$tmp/err" ]; then
		sed 's/^/    | /' "$tmp/err" | head -n 30
	fi
	if [ -n "${2:-}" ] && [ -f "$2" ]; then
		echo "    source $2:"
		sed 's/^/    > /' "$2" | head -n 40
	fi
}

# stdflags STD: the flags of one language mode.
stdflags() {
	case $1 in
	gnu89) echo "-std=gnu89 -Wdeclaration-after-statement" ;;
	*) echo "-std=$1" ;;
	esac
}

# ddiflag DDI: -D_DDI=n, or nothing for the permissive mode.
ddiflag() {
	case $1 in
	none) ;;
	*) echo "-D_DDI=$1" ;;
	esac
}

# cc_obj SRC FLAGS...: compile SRC to $tmp/t.o, diagnostics in $tmp/err.
cc_obj() {
	src=$1
	shift
	rm -f "$tmp/t.o"
	$CC $base "$@" -c "$src" -o "$tmp/t.o" >"$tmp/err" 2>&1
}

# cc_syn SRC FLAGS...: as cc_obj, but stop after the front end (cheaper;
# for the cases that only need the diagnostics).
cc_syn() {
	src=$1
	shift
	$CC $base "$@" -fsyntax-only "$src" >"$tmp/err" 2>&1
}

# expect_ok NAME SRC FLAGS...: SRC must compile cleanly.  These cases
# are independent, so they are queued and run in parallel by run_queue;
# results are reported in queue order.
njob=0
expect_ok() {
	njob=$((njob + 1))
	printf '%s\n' "$1" >"$tmp/job.$njob.name"
	src=$2
	shift 2
	printf '%s ' $CC $base "$@" -fsyntax-only "$src" >"$tmp/job.$njob.cmd"
}

run_queue() {
	[ "$njob" -gt 0 ] || return 0
	i=1
	while [ $i -le $njob ]; do
		echo $i
		i=$((i + 1))
	done | xargs -n 1 -P "$jobs" sh -c \
		'if sh "$0/job.$1.cmd" >"$0/job.$1.err" 2>&1; then
			echo ok >"$0/job.$1.res"; else echo ko >"$0/job.$1.res"; fi' \
		"$tmp"
	i=1
	while [ $i -le $njob ]; do
		name=$(cat "$tmp/job.$i.name")
		if [ "$(cat "$tmp/job.$i.res" 2>/dev/null)" = ok ]; then
			pass "$name"
		else
			cp "$tmp/job.$i.err" "$tmp/err" 2>/dev/null
			fail "$name"
			echo "    command: $(cat "$tmp/job.$i.cmd")"
		fi
		rm -f "$tmp/job.$i."*
		i=$((i + 1))
	done
	njob=0
}

# includes H...: #include lines for the named headers.
includes() {
	for h in "$@"; do
		echo "#include <sys/$h.h>"
	done
}

# --- 1. each header alone (and twice: the include guard), every mode
for h in $headers; do
	{
		includes "$h" "$h"
		echo "extern int svr5ddi_header_test;"
	} >"$tmp/one_$h.c"
	for d in $ddis; do
		for s in $stds; do
			expect_ok "alone sys/$h.h _DDI=$d $s" "$tmp/one_$h.c" \
				$(stdflags $s) $(ddiflag $d) $warn $hwarn
		done
	done
done

# --- 2. all headers together, forward and reverse order
{ includes $headers; echo "extern int svr5ddi_header_test;"; } >"$tmp/fwd.c"
{ includes $rheaders; echo "extern int svr5ddi_header_test;"; } >"$tmp/rev.c"
for order in fwd rev; do
	for d in $ddis; do
		for s in $stds; do
			expect_ok "all headers $order _DDI=$d $s" "$tmp/$order.c" \
				$(stdflags $s) $(ddiflag $d) $warn $hwarn
		done
	done
done

# --- 3. the compiler's <stddef.h> before and after ours: size_t and NULL
# are defined once and agree.  A duplicate typedef would be an error in
# C89, but compilers excuse it when the first one is in a system header,
# so the guard macro both sides test is checked directly.
guard_check='#ifndef _SIZE_T
#error "<sys/types.h> left _SIZE_T undefined: <stddef.h> would redefine size_t"
#endif'
stddef_body='typedef char svr5ddi_size_ok[sizeof(size_t) == sizeof(__SIZE_TYPE__) ? 1 : -1];
extern size_t svr5ddi_sz;
extern __SIZE_TYPE__ svr5ddi_sz;
void *svr5ddi_np = NULL;
size_t svr5ddi_off = offsetof(physreq_t, phys_boundary);'
for which in types all; do
	if [ $which = types ]; then set -- types kmem; else set -- $headers; fi
	{ echo "#include <stddef.h>"; includes "$@"; echo "$stddef_body"; } \
		>"$tmp/stddef_before_$which.c"
	{ includes "$@"; echo "$guard_check"; echo "#include <stddef.h>";
	  echo "$stddef_body"; } \
		>"$tmp/stddef_after_$which.c"
	for pos in before after; do
		for s in $stds; do
			expect_ok "<stddef.h> $pos sys/$which $s" \
				"$tmp/stddef_${pos}_$which.c" $(stdflags $s) $warn
		done
	done
done

# --- 4. hosted mode (compiler built-ins active): bcopy, bzero, bcmp
# match the built-in declarations (GCC and Clang warn by default when a
# library built-in is redeclared with another type).
{
	includes $headers
	cat <<'EOF'
int svr5ddi_hosted(char *a, char *b);
int svr5ddi_hosted(char *a, char *b)
{
	bcopy(a, b, 4);
	bzero(a, 4);
	return bcmp(a, b, 4);
}
EOF
} >"$tmp/hosted.c"
for s in $stds; do
	if $CC -nostdinc -isystem "$ccinc" -I"$incdir" $(stdflags $s) $warn \
		-fsyntax-only "$tmp/hosted.c" >"$tmp/err" 2>&1; then
		pass "hosted (built-ins on) $s"
	else
		fail "hosted (built-ins on) $s" "$tmp/hosted.c"
	fi
done

# --- 5. source files: layout/constant asserts, each version's symbol
# set, a legacy driver with its own libc names, drivers declaring calls.
for s in $stds; do
	expect_ok "layout and constants $s" "$tdir/layout.c" $(stdflags $s) \
		$warn
done
for d in $ddis; do
	for s in $stds; do
		expect_ok "symbol set _DDI=$d $s" "$tdir/symbols.c" \
			$(stdflags $s) $(ddiflag $d) $warn \
			-Werror=implicit-function-declaration
	done
done
for d in none 5 8; do
	for s in $stds; do
		expect_ok "legacy libc names _DDI=$d $s" \
			"$tdir/legacy_libc.c" $(stdflags $s) $(ddiflag $d) $warn
		expect_ok "own declarations after (no site macros) _DDI=$d $s" \
			"$tdir/own_decls.c" $(stdflags $s) $(ddiflag $d) \
			-Wall -Wextra -Werror
		expect_ok "own declarations before _DDI=$d $s" \
			"$tdir/own_decls.c" $(stdflags $s) $(ddiflag $d) \
			-DOWN_DECLS_FIRST -Wall -Wextra -Werror
	done
done

run_queue

# --- 6. version gating: a call outside the version must not compile,
# and must fail for the right reason (the call is undeclared).
# gate_src CALL: a TU calling CALL with well-typed arguments.
gate_src() {
	includes $headers
	cat <<EOF
void *(*svr5ddi_afp)(size_t, int);
void (*svr5ddi_ffp)(void *, size_t);
void svr5ddi_gate(physreq_t *pr, void *vp, paddr32_t *pa, bcb_t *bcbp);
void svr5ddi_gate(physreq_t *pr, void *vp, paddr32_t *pa, bcb_t *bcbp)
{
	(void)pr;
	(void)vp;
	(void)pa;
	(void)bcbp;
	(void)$1;
}
EOF
}

# gate DDI SYMBOL CALL yes|no
gate() {
	d=$1
	sym=$2
	call=$3
	want=$4
	gate_src "$call" >"$tmp/gate.c"
	for s in $stds; do
		name="_DDI=$d $sym $s"
		if cc_syn "$tmp/gate.c" $(stdflags $s) $(ddiflag $d) $warn \
			-Werror=implicit-function-declaration; then
			if [ "$want" = yes ]; then
				pass "declared: $name"
			else
				fail "not declared: $name (it compiled)" "$tmp/gate.c"
			fi
		elif [ "$want" = yes ]; then
			fail "declared: $name" "$tmp/gate.c"
		elif grep -E "(implicit declaration of function|undeclared function) .$sym." \
			"$tmp/err" >/dev/null; then
			pass "not declared: $name"
		else
			fail "not declared: $name (failed for another reason)" \
				"$tmp/gate.c"
		fi
	done
}

c_physcontig='kmem_alloc_physcontig(4096, pr, KM_SLEEP)'
c_physcontig_site='kmem_alloc_physcontig_site(4096, pr, KM_SLEEP, "f", 1)'
c_free_physcontig='kmem_free_physcontig(vp, 4096)'
c_phys='kmem_alloc_phys(4096, pr, pa, KM_SLEEP)'
c_phys_site='kmem_alloc_phys_site(4096, pr, pa, KM_SLEEP, "f", 1)'
c_vtop='vtop((caddr_t)vp, NULL)'
c_kvtophys='kvtophys((caddr_t)vp)'
c_bcb_prep='bcb_prep(bcbp, KM_SLEEP)'
c_ddi5='kmem_alloc_ddi5(16, KM_SLEEP)'

gate 8 kmem_alloc_physcontig "$c_physcontig" no
gate 8 kmem_alloc_physcontig_site "$c_physcontig_site" no
gate 8 kmem_free_physcontig "$c_free_physcontig" no
gate 8 vtop "$c_vtop" no
gate 8 kvtophys "$c_kvtophys" no
gate 8 kmem_alloc_ddi5 "$c_ddi5" no
gate 8 kmem_alloc_phys "$c_phys" yes
gate 8 bcb_prep "$c_bcb_prep" yes
gate 7 kmem_alloc_physcontig "$c_physcontig" no
gate 7 kmem_free_physcontig "$c_free_physcontig" no
gate 7 kvtophys "$c_kvtophys" no
gate 7 bcb_prep "$c_bcb_prep" no
gate 7 kmem_alloc_phys "$c_phys" yes
gate 7 kmem_alloc_phys_site "$c_phys_site" yes
gate 7 vtop "$c_vtop" yes
gate 6 kmem_alloc_phys "$c_phys" no
gate 6 kmem_alloc_phys_site "$c_phys_site" no
gate 6 bcb_prep "$c_bcb_prep" no
gate 6 kmem_alloc_ddi5 "$c_ddi5" no
gate 6 kmem_alloc_physcontig "$c_physcontig" yes
gate 6 kvtophys "$c_kvtophys" yes
gate 5 kmem_alloc_phys "$c_phys" no
gate 5 bcb_prep "$c_bcb_prep" no
gate 5 kmem_free_physcontig "$c_free_physcontig" yes
gate 5 vtop "$c_vtop" yes

# --- 7. call mapping: which entry point a call really references.
# refs OBJ: the memory-family symbols OBJ references, one line, sorted.
refs() {
	$NM -u "$1" | awk '{ print $NF }' |
		grep -E '^(kmem_|physreq_|bcb_|assfail$)' | sort | tr '\n' ' ' |
		sed 's/ $//'
}

# site DDI MODE EXPECTED CALL: compile a function doing CALL; the family
# symbols it references must be exactly EXPECTED.  MODE: site | nosite.
site() {
	d=$1
	mode=$2
	want=$3
	call=$4
	gate_src "$call" >"$tmp/site.c"
	extra=
	[ "$mode" = nosite ] && extra=-DSVR5DDI_NO_SITE_MACROS
	name="_DDI=$d $mode: $call -> $want"
	if ! cc_obj "$tmp/site.c" -std=c11 $(ddiflag $d) $extra $warn; then
		fail "$name" "$tmp/site.c"
		return
	fi
	got=$(refs "$tmp/t.o")
	if [ "$got" = "$want" ]; then
		pass "$name"
	else
		echo "references: '$got'" >"$tmp/err"
		fail "$name"
	fi
}

for mode in site nosite; do
	sfx=
	[ "$mode" = site ] && sfx=_site
	site none $mode "kmem_alloc$sfx" 'kmem_alloc(16, KM_SLEEP)'
	site none $mode "kmem_zalloc$sfx" 'kmem_zalloc(16, KM_NOSLEEP)'
	site none $mode "kmem_free$sfx" 'kmem_free(vp, 16)'
	site none $mode "kmem_alloc_physreq$sfx" \
		'kmem_alloc_physreq(16, pr, KM_SLEEP)'
	site none $mode "kmem_zalloc_physreq$sfx" \
		'kmem_zalloc_physreq(16, pr, KM_SLEEP)'
	site none $mode "kmem_alloc_physcontig$sfx" "$c_physcontig"
	site none $mode "kmem_free_physcontig$sfx" "$c_free_physcontig"
	site none $mode "kmem_alloc_phys$sfx" "$c_phys"
	site none $mode "physreq_alloc$sfx" 'physreq_alloc(KM_SLEEP)'
	site none $mode "physreq_free$sfx" 'physreq_free(pr)'
	site none $mode "physreq_prep$sfx" 'physreq_prep(pr, KM_SLEEP)'
	site none $mode "bcb_alloc$sfx" 'bcb_alloc(KM_SLEEP)'
	site none $mode "bcb_free$sfx" 'bcb_free(bcbp)'
	site 5 $mode "kmem_alloc_ddi5$sfx" 'kmem_alloc(16, KM_SLEEP)'
	site 5 $mode "kmem_zalloc_ddi5$sfx" 'kmem_zalloc(16, KM_SLEEP)'
	site 5 $mode "kmem_free$sfx" 'kmem_free(vp, 16)'
	site 8 $mode "kmem_alloc$sfx" 'kmem_alloc(16, KM_SLEEP)'
	site 6 $mode "kmem_zalloc$sfx" 'kmem_zalloc(16, KM_SLEEP)'
	# Address taken or name parenthesised: the plain function, never
	# the site variant; under DDI 5 still the DMA-able entry point.
	site 8 $mode kmem_alloc '(kmem_alloc)(16, KM_SLEEP)'
	site 8 $mode kmem_alloc '(svr5ddi_afp = &kmem_alloc, 0)'
	site none $mode kmem_free '(svr5ddi_ffp = kmem_free, 0)'
	site none $mode physreq_prep '(physreq_prep)(pr, KM_SLEEP)'
	site 5 $mode kmem_alloc_ddi5 '(kmem_alloc)(16, KM_SLEEP)'
	site 5 $mode kmem_zalloc_ddi5 '(svr5ddi_afp = &kmem_zalloc, 0)'
done

# The site is the caller's file and line.
{
	echo "#include <sys/kmem.h>"
	echo "void *svr5ddi_at(void);"
	echo "void *svr5ddi_at(void) { return kmem_alloc(24, KM_SLEEP); }"
	echo "void svr5ddi_pr(physreq_t *p);"
	echo "void svr5ddi_pr(physreq_t *p) { physreq_free(p); }"
} >"$tmp/line.c"
for d in none 5; do
	case $d in
	none) want1="kmem_alloc_site((24), (0), \"$tmp/line.c\", 3)" ;;
	*) want1="kmem_alloc_ddi5_site((24), (0), \"$tmp/line.c\", 3)" ;;
	esac
	want2="physreq_free_site((p), \"$tmp/line.c\", 5)"
	if $CC $base $(ddiflag $d) -E "$tmp/line.c" >"$tmp/line.i" \
		2>"$tmp/err" && grep -F "$want1" "$tmp/line.i" >/dev/null &&
		grep -F "$want2" "$tmp/line.i" >/dev/null; then
		pass "site is caller's __FILE__/__LINE__ _DDI=$d"
	else
		grep -E 'svr5ddi_(at|pr)' "$tmp/line.i" >>"$tmp/err" 2>/dev/null
		fail "site is caller's __FILE__/__LINE__ _DDI=$d"
	fi
done

# --- 8. ASSERT: off without DEBUG (argument not even compiled into a
# call), on with DEBUG (calls assfail, usable as an expression).
assert_src() {
	includes debug
	cat <<EOF
int svr5ddi_assert(int x);
int svr5ddi_assert(int x)
{
	$1;
	return x;
}
EOF
}
assert_case() {
	name=$1
	dbg=$2
	want=$3
	body=$4
	assert_src "$body" >"$tmp/assert.c"
	for s in $stds; do
		if cc_obj "$tmp/assert.c" $(stdflags $s) $dbg $warn \
			-Werror=implicit-function-declaration &&
			[ "$(refs "$tmp/t.o")" = "$want" ]; then
			pass "ASSERT $name $s"
		else
			echo "references: '$(refs "$tmp/t.o" 2>/dev/null)'" \
				>>"$tmp/err"
			fail "ASSERT $name $s" "$tmp/assert.c"
		fi
	done
}
assert_case "off without DEBUG" "" "" \
	'ASSERT(svr5ddi_undeclared(x))'
assert_case "on with DEBUG" -DDEBUG assfail \
	'ASSERT(x > 0); x = (ASSERT(x != 2), x + 1)'
assert_src 'ASSERT(svr5ddi_undeclared(x))' >"$tmp/assert.c"
for s in $stds; do
	if cc_syn "$tmp/assert.c" $(stdflags $s) -DDEBUG $warn \
		-Werror=implicit-function-declaration; then
		fail "ASSERT evaluates its argument with DEBUG $s (it compiled)"
	else
		pass "ASSERT evaluates its argument with DEBUG $s"
	fi
done

# --- 9. cmn_err carries a printf format check, which can be dropped.
cmn_src() {
	includes cmn_err
	cat <<EOF
void svr5ddi_msg(int x);
void svr5ddi_msg(int x)
{
	cmn_err(CE_WARN, $1, x);
}
EOF
}
cmn_src '"!svr5ddi: %d"' >"$tmp/cmn_good.c"
cmn_src '"svr5ddi: %s"' >"$tmp/cmn_bad.c"
for s in $stds; do
	expect_ok "cmn_err good format $s" "$tmp/cmn_good.c" $(stdflags $s) \
		$warn
	if cc_syn "$tmp/cmn_bad.c" $(stdflags $s) $warn; then
		fail "cmn_err bad format rejected $s (it compiled)"
	elif grep -E 'format=?\]' "$tmp/err" >/dev/null; then
		pass "cmn_err bad format rejected $s"
	else
		fail "cmn_err bad format rejected $s (another reason)" \
			"$tmp/cmn_bad.c"
	fi
	expect_ok "cmn_err SVR5DDI_NO_FORMAT_CHECK $s" "$tmp/cmn_bad.c" \
		$(stdflags $s) -DSVR5DDI_NO_FORMAT_CHECK $warn
done

run_queue
echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
