#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Totals over every test case automake's TAP driver recorded (*.trs) below
# the build directory given, as the closing line "N passed, N failed".
dir=${1:-.}
find "$dir" -name '*.trs' -exec cat {} + 2>/dev/null | awk '
	/^:test-result: (PASS|XFAIL)/ { pass++ }
	/^:test-result: (FAIL|XPASS|ERROR)/ { fail++ }
	/^:test-result: SKIP/ { skip++ }
	END {
		line = sprintf("%d passed, %d failed", pass, fail)
		if (skip) line = line sprintf(", %d skipped", skip)
		print line
	}'
