#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The test command: installs the Debian packages, builds, runs every test
# (`make check`: unit, Sieve golden, CLI, corpus and integration tests
# against private Dovecot instances) and ends with "N passed, N failed".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
sh "$top/scripts/deps.sh"
sh "$top/scripts/build.sh"
cd "$top/_build"
status=0
make -j"$(nproc)" check || status=$?
if [ $status -ne 0 ]; then
	# Show what failed: the log of every failed test.
	for trs in $(find . -name '*.trs'); do
		if grep -q '^:test-result: \(FAIL\|ERROR\|XPASS\)' "$trs"; then
			echo "==== ${trs%.trs}.log"
			cat "${trs%.trs}.log"
		fi
	done
fi
sh "$top/tests/summary.sh" .
exit $status
