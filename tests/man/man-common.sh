# Shared helpers of the manual checks (sourced).  The generated wrapper
# (man/Makefile.inc) exports top_srcdir, top_builddir, man_pages,
# man_aliases, bin_programs, package, mandir and MAKE.
set -u
LC_ALL=C
export LC_ALL

passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() {	# check WHAT COMMAND...: one test, passes when COMMAND succeeds
	what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "FAIL: $1 is not installed (./bootstrap installs it)"
	echo "0 passed, 1 failed"
	exit 1
}

# page FILE -> "NAME SECTION" of a man/ path (man/kmem_alloc.9d -> kmem_alloc 9d)
page_base() { b=${1##*/}; echo "${b%.*}"; }
page_ext() { b=${1##*/}; echo "${b##*.}"; }

# The .Nm entries of a page's NAME section, one per line.
name_entries() {
	awk '/^\.Sh /{ insec = ($2 == "NAME") ; next }
	     insec && /^\.Nm /{ print $2 }' "$1"
}

# The target of an alias page: "man9/kmem_alloc.9d" -> kmem_alloc.9d
alias_target() { sed -n '1s|^\.so man[0-9]/||p' "$1"; }
