#!/bin/sh
# Print the symbols named by EXPORT_SYMBOL() / EXPORT_SYMBOL_GPL() in the
# given C files, one per line, sorted: libsvr5ddi's export list.
sed -n 's/^[[:space:]]*EXPORT_SYMBOL\(_GPL\)\{0,1\}([[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*);.*$/\2/p' "$@" | LC_ALL=C sort -u
