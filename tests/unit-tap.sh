#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Runs one Dovecot test-framework program and reports it as TAP, one line
# per test_begin()/test_end() case, so the totals count cases, not
# programs. Under valgrind (when installed, unless DONDOC_NOVALGRIND is
# set) any memory error or leak fails the program.
prog=$1
shift
out=$(mktemp)
vglog=$(mktemp)
trap 'rm -f "$out" "$vglog"' EXIT
if command -v valgrind >/dev/null 2>&1 && [ -z "$DONDOC_NOVALGRIND" ]; then
	valgrind -q --error-exitcode=213 --leak-check=full \
		--log-file="$vglog" "$prog" "$@" >"$out" 2>&1
else
	"$prog" "$@" >"$out" 2>&1
fi
status=$?
awk -v status="$status" -v vglog="$vglog" '
	/ : ok$/ { n++; sub(/ \.+ : ok$/, ""); sub(/ : ok$/, ""); print "ok " n " - " $0; next }
	/ : FAILED$/ { n++; sub(/ \.+ : FAILED$/, ""); sub(/ : FAILED$/, ""); print "not ok " n " - " $0; failed++; next }
	{ print "# " $0 }
	END {
		while ((getline line < vglog) > 0) { print "# valgrind: " line; vg = 1 }
		if (status != 0 && failed == 0 || vg) { n++; print "not ok " n " - program exit status " status (vg ? " (valgrind)" : "") }
		if (n == 0) { n++; print "not ok 1 - no test case ran" }
		print "1.." n
	}' "$out"
