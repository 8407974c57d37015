#!/bin/sh
# man-complete: the manual covers the DDI and names nothing that is not.
#
# THE RULE.  The public DDI symbols are the names in libsvr5ddi's export
# list (libsvr5ddi.sym, generated from EXPORT_SYMBOL) that the
# driver-facing headers include/sys/*.h or svr5ddi/ddictl.h declare as a
# function or function-like macro (comments stripped), which leaves out
# compat's Linux API.  The driver-visible structures are the struct tags
# include/sys/*.h defines with a body (physreq, bcb).  Each must be a NAME entry of a page
# or have an alias page.  Each NAME entry of a section 9 page must be such
# a symbol, a declared function or macro, or a declared struct or typedef;
# a section 1 page must name an installed program and the section 7 page
# the package.  Every alias names a name its target page documents
# (.Nm, .Fn or .Fo), every man/ file is in the page lists, and every .Xr
# to a D3, D4 or 9 page points at a page of the manual.
. "$top_srcdir/tests/man/man-common.sh"
need perl
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

sym=$top_builddir/libsvr5ddi.sym
check "export list $sym exists" [ -s "$sym" ]

perl -0777 -ne '
	s{/\*.*?\*/}{ }gs;
	while (/\b([A-Za-z_]\w*)\s*\(/g) { print "F $1\n" }
	while ($ARGV =~ m{/include/sys/} && /\bstruct\s+(\w+)\s*\{/g) {
		print "S $1\n";
	}
	while (/\}\s*(\w+)\s*;/g) { print "T $1\n" }
	while (/^\s*typedef\b[^;{]*?\b(\w+)\s*;/mg) { print "T $1\n" }
' "$top_srcdir"/include/sys/*.h "$top_srcdir"/ddi/include/svr5ddi/ddictl.h |
	sort -u >"$tmp/decl"
sed -n 's/^F //p' "$tmp/decl" | sort -u >"$tmp/funcs"
sed -n 's/^S //p' "$tmp/decl" | sort -u >"$tmp/structs"
sed -n 's/^[ST] //p' "$tmp/decl" | sort -u >"$tmp/types"
sort -u "$sym" | comm -12 - "$tmp/funcs" >"$tmp/public"
check "some public DDI symbols found" [ -s "$tmp/public" ]
check "driver-visible structs physreq and bcb found" \
	grep -qx physreq "$tmp/structs"

# Names the manual documents: NAME entries and alias file names.
: >"$tmp/names"
for p in $man_pages; do
	name_entries "$top_srcdir/$p" >>"$tmp/names"
done
for a in $man_aliases; do
	page_base "$a" >>"$tmp/names"
done
sort -u -o "$tmp/names" "$tmp/names"

for s in $(cat "$tmp/public" "$tmp/structs"); do
	check "$s has no page or alias" grep -qx "$s" "$tmp/names"
done

cat "$sym" "$tmp/funcs" "$tmp/types" | sort -u >"$tmp/known"
for p in $man_pages; do
	ext=$(page_ext "$p")
	for n in $(name_entries "$top_srcdir/$p"); do
		case $ext in
		1)	ok=no
			for b in $bin_programs; do
				[ "${b##*/}" = "$n" ] && ok=yes
			done
			check "$p names $n, which is not an installed program" \
				[ $ok = yes ] ;;
		7)	check "$p names $n, not the package $package" \
				[ "$n" = "$package" ] ;;
		*)	check "$p names $n, which no header declares and the library does not export" \
				grep -qx "$n" "$tmp/known" ;;
		esac
	done
	check "$p has no NAME entry" [ -n "$(name_entries "$top_srcdir/$p")" ]
	check "$p file name is not its first NAME entry" \
		[ "$(name_entries "$top_srcdir/$p" | head -n 1)" = "$(page_base "$p")" ]
done

for a in $man_aliases; do
	n=$(page_base "$a")
	t=$top_srcdir/man/$(alias_target "$top_srcdir/$a")
	check "alias $a: its target does not document $n" \
		grep -Eq "^\.(Nm|Fn|Fo) $n( |\$)" "$t"
done

# Every file under man/ is installed; every listed page exists.
for f in "$top_srcdir"/man/*.[0-9]*; do
	rel=man/${f##*/}
	case " $man_pages $man_aliases " in
	*" $rel "*) pass ;;
	*) fail "$rel is not in svr5ddi_man_pages or svr5ddi_man_aliases" ;;
	esac
done
for p in $man_pages $man_aliases; do
	check "$p is listed but missing" [ -f "$top_srcdir/$p" ]
done

# Cross-references to the manual's own sections resolve.
for p in $man_pages; do
	sed -n 's/^\.Xr \([^ ]*\) \([^ ]*\).*/\1 \2/p' "$top_srcdir/$p" |
	while read -r n sec; do
		case $sec in
		D3|D4|9|7|1)
			grep -qx "$n" "$tmp/names" ||
				echo "$p: .Xr $n $sec: no such page" ;;
		esac
	done >"$tmp/xr"
	check "$p: dangling cross-references: $(cat "$tmp/xr")" [ ! -s "$tmp/xr" ]
done
finish
