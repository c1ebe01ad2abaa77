#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The fuzz targets as a regression test (TAP): each target's committed
# seeds (tests/fuzz/seeds/TARGET/, crashes once found included) run once
# through its libFuzzer binary (-runs=0: every seed, no mutation), under
# ASan and UBSan. The small targets are built with `make fuzz` first
# (a few seconds); the analysis target's corpus run is left to
# `make fuzz-run`. Skipped when clang cannot link a libFuzzer binary.
srcdir=${DONDOC_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${DONDOC_BUILDDIR:-.}
targets="trust msginfo replyaddr spool csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long s); int LLVMFuzzerTestOneInput(const char *d, unsigned long s) { return 0; }' >"$tmp/probe.c"
if ! clang -fsanitize=fuzzer,address,undefined -o "$tmp/probe" \
		"$tmp/probe.c" >/dev/null 2>&1; then
	echo "1..0 # SKIP clang with libFuzzer (clang, libclang-rt-14-dev) missing"
	exit 0
fi
if ! ${MAKE:-make} -s -C "$builddir" fuzz FUZZ_TARGETS="$targets" \
		>"$tmp/build.log" 2>&1; then
	echo "1..1"
	echo "not ok 1 - make fuzz builds the fuzz targets"
	sed 's/^/# /' "$tmp/build.log"
	exit 1
fi
n=0
failed=0
set -- $targets
echo "1..$#"
for t in $targets; do
	n=$((n + 1))
	seeds="$srcdir/tests/fuzz/seeds/$t"
	count=$(ls "$seeds" | wc -l)
	if "$builddir/tests/fuzz/fuzz-$t" -runs=0 -timeout=10 \
			-rss_limit_mb=1024 "$seeds" >"$tmp/$t.log" 2>&1; then
		echo "ok $n - fuzz-$t: $count seeds without a finding"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz-$t: $count seeds"
		tail -40 "$tmp/$t.log" | sed 's/^/# /'
	fi
done
[ "$failed" -eq 0 ]
