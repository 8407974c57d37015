#!/bin/sh
# man-lint: mandoc -Tlint over every page, allowing only the whitelisted
# messages; alias pages must be exactly one ".so man9/PAGE" line naming a
# page of the manual.
#
# WHITELIST (each a consequence of a decision, see man/Makefile.inc):
#  1. "WARNING: unknown manual section: Dt ... D3" (and D4), on .9d pages:
#     the header shows SCO's section name, which mandoc does not know.
#  2. "WARNING: unexpected section: Sh RETURN VALUES for 2, 3, 9 only",
#     on D3 pages: mandoc ties RETURN VALUES to sections 2, 3 and 9 and
#     does not know D3 is a function section.
#  3. "STYLE: referenced manual not found: Xr ..." and "outdated
#     mandoc.db lacks NAME(SEC) entry": mandoc looks .Xr targets up in the
#     host's mandoc.db, which differs between machines and never holds
#     our uninstalled pages.  man-complete.sh checks every svr5ddi
#     cross-reference against the pages instead.
. "$top_srcdir/tests/man/man-common.sh"
need mandoc

whitelist='WARNING: unknown manual section: Dt \.\.\. D[34]$
WARNING: unexpected section: Sh RETURN VALUES for 2, 3, 9 only$
STYLE: referenced manual not found: Xr 
outdated mandoc\.db lacks .* entry, run makewhatis'

for p in $man_pages; do
	f=$top_srcdir/$p
	out=$(mandoc -Tlint "$f" 2>&1)
	rc=$?
	bad=$(printf '%s\n' "$out" | grep -v '^$' | grep -Ev "$whitelist")
	if [ $rc -le 3 ] && [ -z "$bad" ]; then
		pass
	else
		fail "mandoc -Tlint $p (exit $rc):"
		printf '%s\n' "$bad"
	fi
	# A D-section header only on .9d files, and never "9D3"-style.
	dt=$(sed -n 's/^\.Dt [^ ]* //p' "$f")
	case $(page_ext "$p"):$dt in
	9d:D3|9d:D4|9:9|7:7|1:1) pass ;;
	*) fail "$p: .Dt section '$dt' does not match the file suffix" ;;
	esac
done

for a in $man_aliases; do
	f=$top_srcdir/$a
	t=$(alias_target "$f")
	ok=no
	if [ "$(wc -l <"$f")" -eq 1 ] && [ -n "$t" ]; then
		for p in $man_pages; do
			[ "${p##*/}" = "$t" ] && ok=yes
		done
	fi
	check "$a: not one '.so man9/PAGE' line naming a page" [ $ok = yes ]
done
finish
