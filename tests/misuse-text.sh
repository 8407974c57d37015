#!/bin/sh
# SPDX-License-Identifier: MIT
#
# misuse-text: every misuse report's text agrees with the one table of
# tags (ddi/misuse.c, DDI_MISUSE_TABLE: X(TAG, "text")).
#
# A static check of the sources, run by make check:
#   - every ddi_misuse(TAG, "CALL: TEXT..." call in ddi/*.c (comments
#     stripped, the format on any line) names a tag of the table, directly
#     (SVR5DDI_MISUSE_X) or through a ddi/*.h alias
#     (#define DDI_MISUSE_X SVR5DDI_MISUSE_X), and its format's first
#     string literal starts "CALL: " (CALL is an identifier or %s) followed
#     by the tag's text and then ":" or the end of the literal;
#   - a call the script cannot read that way fails the test, so a new call
#     site cannot slip past it;
#   - every tag of the table is reported by some call site;
#   - the table lists the tags in enum svr5ddi_misuse order
#     (ddi/include/svr5ddi/ddictl.h; the compiler checks the indexing);
#   - man/svr5ddi_get_stats.9 lists exactly the table's tags and texts, in
#     order, and every tag text man/svr5ddi.7 lists is one of the table's.
# The run-time side (the lines the library prints) is
# tests/check_ddi_misuse_text.c.
set -u
LC_ALL=C
export LC_ALL

top_srcdir=$(cd "${srcdir:-$(dirname "$0")/..}" && pwd)

command -v perl >/dev/null 2>&1 || {
	echo "misuse-text: perl not found: skipped"
	exit 77
}

exec perl -e '
use strict;
use warnings;

my $top = shift;
my $fail = 0;
sub bad { print "FAIL: @_\n"; $fail = 1; }
sub slurp {
	my ($f) = @_;
	open(my $fh, "<", $f) or die "misuse-text: $f: $!\n";
	local $/;
	my $s = <$fh>;
	close($fh);
	return $s;
}
sub strip_comments {
	my ($s) = @_;
	# Keep newlines so line numbers still hold; leave string literals be.
	$s =~ s{("(?:[^"\\\n]|\\.)*")|/\*(.*?)\*/|//[^\n]*}
	       {defined $1 ? $1 : defined $2 ? ("\n" x ($2 =~ tr/\n//)) : ""}gse;
	return $s;
}
sub lineno { my ($s, $pos) = @_; return 1 + (substr($s, 0, $pos) =~ tr/\n//); }

# The table.
my $mc = strip_comments(slurp("$top/ddi/misuse.c"));
my (@order, %text);
while ($mc =~ /\bX\(\s*(\w+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)/g) {
	bad("ddi/misuse.c: tag $1 twice in the table") if exists $text{$1};
	push @order, $1;
	$text{$1} = $2;
}
bad("ddi/misuse.c: no X(TAG, \"text\") entries found") unless @order;

# The enum.
my $h = strip_comments(slurp("$top/ddi/include/svr5ddi/ddictl.h"));
my @enum;
if ($h =~ /enum\s+svr5ddi_misuse\s*\{(.*?)\}/s) {
	@enum = ($1 =~ /\bSVR5DDI_MISUSE_(\w+)/g);
	@enum = grep { $_ ne "NR" } @enum;
} else {
	bad("ddictl.h: enum svr5ddi_misuse not found");
}
bad("table order (@order) is not enum svr5ddi_misuse order (@enum)")
	unless "@order" eq "@enum";

# Tag aliases in ddi/*.h.
my %alias;
for my $f (glob("$top/ddi/*.h")) {
	my $s = strip_comments(slurp($f));
	while ($s =~ /^\s*#\s*define\s+(\w+)\s+SVR5DDI_MISUSE_(\w+)\s*$/mg) {
		$alias{$1} = $2;
	}
}

# The call sites.
my ($sites, %used) = (0);
for my $f (sort glob("$top/ddi/*.c")) {
	(my $rel = $f) =~ s{^\Q$top\E/}{};
	my $s = strip_comments(slurp($f));
	while ($s =~ /\bddi_misuse\s*\(/g) {
		my $pos = pos($s);
		my $at = "$rel:" . lineno($s, $pos);
		# The definition (module.c) and any prototype.
		my $before = substr($s, 0, $pos);
		next if $before =~ /\bvoid\s+ddi_misuse\s*\($/;
		my $rest = substr($s, $pos);
		unless ($rest =~ /^\s*(\w+)\s*,\s*"((?:[^"\\]|\\.)*)"/) {
			bad("$at: ddi_misuse() call not of the form ddi_misuse(TAG, \"CALL: TEXT...\"");
			next;
		}
		my ($id, $lit) = ($1, $2);
		my $tag;
		if ($id =~ /^SVR5DDI_MISUSE_(\w+)$/) {
			$tag = $1;
		} elsif (exists $alias{$id}) {
			$tag = $alias{$id};
		} else {
			bad("$at: tag $id is not SVR5DDI_MISUSE_* nor an alias of one");
			next;
		}
		unless (exists $text{$tag}) {
			bad("$at: tag $tag is not in the table of ddi/misuse.c");
			next;
		}
		$sites++;
		$used{$tag}++;
		my $want = $text{$tag};
		unless ($lit =~ /^(?:%s|[A-Za-z_]\w*): (.*)$/s) {
			bad("$at: format \"$lit\" does not start \"CALL: \"");
			next;
		}
		my $after = $1;
		unless (substr($after, 0, length($want)) eq $want &&
			(length($after) == length($want) ||
			 substr($after, length($want), 1) eq ":")) {
			bad("$at: SVR5DDI_MISUSE_$tag says \"$lit\", the table \"$want\"");
		}
	}
}
bad("no ddi_misuse() call sites found") unless $sites;
for my $t (@order) {
	bad("tag $t is reported by no ddi_misuse() call in ddi/*.c")
		unless $used{$t};
}

# The manual.
my $man = slurp("$top/man/svr5ddi_get_stats.9");
my @man;
while ($man =~ /^\.It Dv SVR5DDI_MISUSE_(\w+)\n(?:\.[^\n]*\n)*?\.Li "([^"]*)"/mg) {
	push @man, "$1=$2";
}
my @want = map { "$_=$text{$_}" } @order;
for my $i (0 .. ($#man > $#want ? $#man : $#want)) {
	my ($m, $w) = ($man[$i] // "nothing", $want[$i] // "nothing");
	bad("man/svr5ddi_get_stats.9 MISUSE TAGS entry $i: $m, the table $w")
		if $m ne $w;
}
my %texts = map { $_ => 1 } values %text;
my $seven = slurp("$top/man/svr5ddi.7");
if ($seven =~ /^The memory family.s tags are\n(.*?)^the complete list/ms) {
	my @t = $1 =~ /^\.Dq (.*?)(?: [,;])?$/mg;
	bad("man/svr5ddi.7 lists no tag text") unless @t;
	for my $t (@t) {
		bad("man/svr5ddi.7 lists tag text \"$t\", not in the table")
			unless $texts{$t};
	}
} else {
	bad("man/svr5ddi.7: the tag list paragraph is missing");
}

printf "misuse-text: %d tags, %d call sites in ddi/*.c%s\n",
	scalar(@order), $sites, $fail ? "" : ": all agree";
exit($fail ? 1 : 0);
' "$top_srcdir"
