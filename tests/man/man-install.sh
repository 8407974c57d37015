#!/bin/sh
# man-install: "make install-man DESTDIR=..." (automake's rule for
# dist_man_MANS, the one "make install" runs) puts every page where man-db
# finds it: "man -M MANDIR -w NAME" answers for every NAME entry and every
# alias, an alias resolves to its family's page (man-db follows the .so),
# and the rendered headers show the SVR5 sections.
. "$top_srcdir/tests/man/man-common.sh"
need man
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s -C "$top_builddir" \
	install-man DESTDIR="$tmp/root" >"$tmp/log" 2>&1
rc=$?
check "make install-man DESTDIR=... (exit $rc): $(cat "$tmp/log")" [ $rc -eq 0 ]
md=$tmp/root$mandir

installed() {	# the installed path of man/FILE
	e=$(page_ext "$1")
	echo "$md/man$(echo "$e" | cut -c1)/${1##*/}"
}

MANPAGER=cat PAGER=cat MANWIDTH=80 MAN_DISABLE_SECCOMP=1
export MANPAGER PAGER MANWIDTH MAN_DISABLE_SECCOMP
for p in $man_pages; do
	dst=$(installed "$p")
	check "$p not installed as $dst" [ -f "$dst" ]
	for n in $(name_entries "$top_srcdir/$p"); do
		w=$(man -M "$md" -w "$n" 2>&1)
		check "man -w $n: '$w', expected $dst" [ "$w" = "$dst" ]
	done
done
for a in $man_aliases; do
	n=$(page_base "$a")
	t=$(installed "man/$(alias_target "$top_srcdir/$a")")
	check "alias $a not installed" [ -f "$(installed "$a")" ]
	w=$(man -M "$md" -w "$n" 2>&1)
	check "man -w $n: '$w', expected the family page $t" [ "$w" = "$t" ]
done

# Rendered by man-db: the headers carry SCO's sections.
out=$(man -M "$md" kmem_alloc_physreq 2>&1 | head -n 1)
check "man kmem_alloc_physreq header: '$out'" \
	expr "$out" : 'KMEM_ALLOC_PHYSREQ(D3)' >/dev/null
out=$(man -M "$md" physreq 2>&1 | head -n 1)
check "man physreq header: '$out'" expr "$out" : 'PHYSREQ(D4)' >/dev/null
out=$(man -M "$md" kmem_zalloc 2>&1 | head -n 1)
check "man kmem_zalloc (alias) header: '$out'" \
	expr "$out" : 'KMEM_ALLOC(D3)' >/dev/null
out=$(man -M "$md" 9d bcopy 2>&1 | head -n 1)
check "man 9d bcopy header: '$out'" expr "$out" : 'BCOPY(D3)' >/dev/null
finish
