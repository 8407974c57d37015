#!/bin/sh
# make check: svr5ddi-memmap's self-check passes and its map shows the
# three zones of the default layout and of a custom SVR5DDI_PHYSMEM layout.
set -eu
tool=${builddir:-.}/tests/harness/svr5ddi-memmap
out=$("$tool")
echo "$out"
echo "$out" | grep -q '^self-check: passed' || { echo "FAIL: self-check"; exit 1; }
for z in DMA DMA32 Normal; do
	echo "$out" | grep -q "^zone $z " || { echo "FAIL: zone $z missing"; exit 1; }
done
out=$(SVR5DDI_PHYSMEM=dma:8M,dma32:64M,normal:0 "$tool")
echo "$out" | grep -q '^zone DMA32 .*present 16384 pages' || { echo "FAIL: custom layout"; echo "$out"; exit 1; }
if echo "$out" | grep -q '^zone Normal '; then echo "FAIL: empty Normal zone shown"; exit 1; fi
# A malformed layout is refused with a message naming the variable.
if SVR5DDI_PHYSMEM=dma:lots "$tool" >/dev/null 2>err.$$; then
	echo "FAIL: malformed SVR5DDI_PHYSMEM accepted"; rm -f err.$$; exit 1
fi
grep -q SVR5DDI_PHYSMEM err.$$ || { echo "FAIL: error does not name the variable"; cat err.$$; rm -f err.$$; exit 1; }
rm -f err.$$
echo "1 passed, 0 failed"
