#!/bin/sh
# check-kernel.sh - run svr5ddi.ko and svr5ddi_test.ko inside the real
# Debian kernel they were built for, under QEMU (TCG), and print the result
# as TAP (one line per in-kernel case, then the runner's own checks) and a
# closing "N passed, M failed".  Exit 0 when everything passed (or the run
# is skipped: no QEMU), 1 otherwise.
#
# Environment (make check-kernel sets the first three):
#   LINUX_VERSION  kernel release the modules were built for (6.1.0-56-amd64)
#   KMOD_DIR       build tree holding ddi/svr5ddi.ko, tests/kernel/*.ko
#   CACHE_DIR      where the Debian image is kept (apt-get download)
#   KTEST_LOOPS    load/unload iterations after the KTAP run (100)
#   KTEST_TIMEOUT  seconds before a hung guest is killed (300)
#   KTEST_MEM      guest RAM (256M)
#   QEMU           the emulator (qemu-system-x86_64)
#
# The guest: busybox-static as /init's shell; the init script loads the
# modules (KTAP from the test module's init), then loads and unloads both
# modules KTEST_LOOPS times (the test module checks the shim's accounting
# each time) and compares MemFree before and after, then powers off.
set -u

: "${LINUX_VERSION:?}" "${KMOD_DIR:?}"
CACHE_DIR=${CACHE_DIR:-$KMOD_DIR/tests/kernel/cache}
LOOPS=${KTEST_LOOPS:-100}
TIMEOUT=${KTEST_TIMEOUT:-300}
MEM=${KTEST_MEM:-256M}
QEMU=${QEMU:-qemu-system-x86_64}
LEAK_KB=${KTEST_LEAK_KB:-4096}		# MemFree drop tolerated over the loop
RUN=$KMOD_DIR/tests/kernel/run
LOG=$RUN/console.log

skip() {
	echo "1..0 # SKIP $*"
	echo "SKIP: kernel tests: $*"
	echo "0 passed, 0 failed (kernel tests skipped: $*)"
	exit 0
}
die() {
	echo "Bail out! $*"
	echo "0 passed, 1 failed"
	exit 1
}

command -v "$QEMU" >/dev/null 2>&1 ||
	skip "$QEMU not found (apt-get install qemu-system-x86)"
BUSYBOX=$(command -v busybox 2>/dev/null || true)
[ -n "$BUSYBOX" ] && file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked' ||
	BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] || die "no static busybox (apt-get install busybox-static)"
command -v cpio >/dev/null 2>&1 || die "no cpio (apt-get install cpio)"

MODE=${KTEST_MODE:-test}		# test, or bench (make bench-kernel)
MODS="$KMOD_DIR/ddi/svr5ddi.ko $KMOD_DIR/tests/kernel/svr5ddi_test.ko"
[ "$MODE" = bench ] && MODS="$MODS $KMOD_DIR/tests/kernel/svr5ddi_bench.ko"
for m in $MODS; do
	[ -f "$m" ] || die "$m not built (make modules-test)"
done

# The kernel image, cached: apt-get download linux-image-RELEASE.
VMLINUZ=$CACHE_DIR/vmlinuz-$LINUX_VERSION
if [ ! -s "$VMLINUZ" ]; then
	mkdir -p "$CACHE_DIR" || die "cannot create $CACHE_DIR"
	(
		cd "$CACHE_DIR" &&
		{ ls linux-image-"$LINUX_VERSION"_*.deb >/dev/null 2>&1 ||
		  apt-get download "linux-image-$LINUX_VERSION" >&2; } &&
		rm -rf x && dpkg -x linux-image-"$LINUX_VERSION"_*.deb x &&
		cp x/boot/vmlinuz-"$LINUX_VERSION" "vmlinuz-$LINUX_VERSION" &&
		rm -rf x
	) || die "cannot fetch the image of $LINUX_VERSION (apt-get download linux-image-$LINUX_VERSION)"
fi

# The initramfs.
rm -rf "$RUN" && mkdir -p "$RUN/root/bin" "$RUN/root/proc" "$RUN/root/sys" \
	"$RUN/root/dev" || die "cannot create $RUN"
cp "$BUSYBOX" "$RUN/root/bin/busybox" || die "cannot copy busybox"
for m in $MODS; do
	strip --strip-debug -o "$RUN/root/${m##*/}" "$m" 2>/dev/null ||
		cp "$m" "$RUN/root/" || die "cannot copy $m"
done
if [ "$MODE" = bench ]; then
	cat > "$RUN/root/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
insmod /svr5ddi.ko && insmod /svr5ddi_bench.ko && rmmod svr5ddi_bench &&
	rmmod svr5ddi || echo "svr5ddi-ktest: bench load failed"
echo "svr5ddi-ktest: done"
poweroff -f
EOF
else
cat > "$RUN/root/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo "svr5ddi-ktest: start"
insmod /svr5ddi.ko debug=1 || echo "svr5ddi-ktest: insmod svr5ddi.ko failed"
insmod /svr5ddi_test.ko || echo "svr5ddi-ktest: insmod svr5ddi_test.ko failed"
rmmod svr5ddi_test && rmmod svr5ddi || echo "svr5ddi-ktest: rmmod failed"
free0=\$(awk '/^MemFree:/ { print \$2 }' /proc/meminfo)
i=0
fail=0
while [ \$i -lt $LOOPS ]; do
	insmod /svr5ddi.ko debug=\$((i % 2)) &&
	insmod /svr5ddi_test.ko quiet=1 &&
	rmmod svr5ddi_test && rmmod svr5ddi || fail=\$((fail + 1))
	i=\$((i + 1))
done
free1=\$(awk '/^MemFree:/ { print \$2 }' /proc/meminfo)
echo "svr5ddi-ktest: loop \$i loads \$fail failed memfree_drop_kb \$((free0 - free1))"
echo "svr5ddi-ktest: done"
poweroff -f
EOF
fi
chmod +x "$RUN/root/init"
(cd "$RUN/root" && find . | cpio -o -H newc --quiet) > "$RUN/initramfs.cpio" ||
	die "cpio failed"

# Boot.  A hang is killed after TIMEOUT seconds and reported with the log.
start=$(date +%s)
timeout -s KILL "$TIMEOUT" "$QEMU" -accel tcg -m "$MEM" -smp 1 -nographic \
	-no-reboot -kernel "$VMLINUZ" -initrd "$RUN/initramfs.cpio" \
	-append "console=ttyS0 panic=-1 loglevel=7" </dev/null >"$LOG" 2>&1
qrc=$?
secs=$(( $(date +%s) - start ))

# Console lines without CRs and "[   1.234567] " stamps.
tr -d '\r' < "$LOG" | sed 's/^\[ *[0-9.]*\] //' > "$RUN/console.txt"
C=$RUN/console.txt

if [ "$MODE" = bench ]; then
	sed -n 's/^svr5ddi_bench: //p' "$C"
	bad=$(grep -n 'WARNING:\|BUG:\|Oops\|Call Trace:\|Kernel panic' "$C" | head -n 5)
	echo "# kernel $LINUX_VERSION, boot+bench ${secs}s"
	if grep -q '^svr5ddi_bench: done' "$C" && [ -z "$bad" ]; then
		exit 0
	fi
	echo "bench failed: see $LOG${bad:+ ($bad)}"
	exit 1
fi

n=0
pass=0
fail=0
result() {	# result OK|FAIL name [diagnostic]
	n=$((n + 1))
	if [ "$1" = OK ]; then
		pass=$((pass + 1))
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2${3:+ # $3}"
	fi
}

# The KTAP of the first (verbose) load: "ok N - name" / "not ok N - name"
# between "KTAP version 1" and the module's summary line.
ktap=$(awk '/^KTAP version 1$/ { on = 1; next }
	on && /^svr5ddi_test: / { exit }
	on' "$C")
plan=$(printf '%s\n' "$ktap" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p' | head -n 1)
seen=0
tmp=$RUN/ktap.txt
printf '%s\n' "$ktap" > "$tmp"
while IFS= read -r line; do
	case $line in
	"ok "*)
		seen=$((seen + 1))
		result OK "kernel: ${line#ok [0-9]* - }" ;;
	"not ok "*)
		seen=$((seen + 1))
		result FAIL "kernel: ${line#not ok [0-9]* - }" ;;
	*"# "*)
		echo "#${line#*#}" ;;
	esac
done < "$tmp"
if [ -n "$plan" ] && [ "$seen" -eq "$plan" ]; then
	result OK "kernel: KTAP complete ($plan cases)"
else
	result FAIL "kernel: KTAP complete" "plan ${plan:-missing}, $seen results"
fi

# The load/unload loop: every iteration loaded, passed, unloaded.
loopline=$(grep '^svr5ddi-ktest: loop ' "$C" | tail -n 1)
set -- $loopline
if [ $# -ge 8 ] && [ "$3" -eq "$LOOPS" ] && [ "$5" -eq 0 ]; then
	result OK "load/unload $LOOPS times"
else
	result FAIL "load/unload $LOOPS times" "${loopline:-no loop result}"
fi
drop=${8:-}
goodruns=$(grep -c '^svr5ddi_test: [0-9]* passed, 0 failed$' "$C")
if [ "$goodruns" -eq $((LOOPS + 1)) ]; then
	result OK "every load passed its cases and balanced the accounting ($goodruns runs)"
else
	result FAIL "every load passed its cases and balanced the accounting" \
		"$goodruns of $((LOOPS + 1)) runs clean"
fi
if [ -n "$drop" ] && [ "$drop" -le "$LEAK_KB" ]; then
	result OK "no memory leaked over the loop (MemFree drop ${drop} KiB)"
else
	result FAIL "no memory leaked over the loop" \
		"MemFree drop ${drop:-unknown} KiB > $LEAK_KB"
fi
if grep -q '^svr5ddi-ktest: insmod\|^svr5ddi-ktest: rmmod' "$C"; then
	result FAIL "first load and unload" "$(grep '^svr5ddi-ktest: ' "$C" | head -n 3 | tr '\n' ';')"
else
	result OK "first load and unload"
fi
# Inside "# expect-begin" / "# expect-end" (a shared case provoking a
# misuse on purpose) svr5ddi's own "WARNING: svr5ddi: " lines are expected;
# every other line still counts.
awk '/^# expect-begin$/ { e = 1; next } /^# expect-end$/ { e = 0; next }
	e && /^WARNING: svr5ddi: / { next } { print }' "$C" > "$RUN/console-checked.txt"
bad=$(grep -n 'WARNING:\|BUG:\|Oops\|Call Trace:\|Kernel panic\|general protection fault\|svr5ddi: .*leak' "$RUN/console-checked.txt" | head -n 5)
if [ -z "$bad" ]; then
	result OK "console has no WARNING, BUG or Oops"
else
	result FAIL "console has no WARNING, BUG or Oops" "$(printf '%s' "$bad" | tr '\n' ';')"
fi
if grep -q '^svr5ddi-ktest: done' "$C" && [ "$qrc" -ne 137 ]; then
	result OK "guest powered off (${secs}s)"
else
	result FAIL "guest powered off" "killed after ${TIMEOUT}s or died (qemu exit $qrc)"
fi
echo "1..$n"

if [ "$fail" -ne 0 ]; then
	echo "# console log: $LOG"
	sed 's/^/# /' "$C" | tail -n 80
fi
echo "# kernel $LINUX_VERSION, boot+tests ${secs}s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
