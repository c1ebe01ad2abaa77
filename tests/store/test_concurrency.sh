#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Concurrent writers on one SQLite store, or on PostgreSQL when
# DONDOC_TEST_PGSQL and DONDOC_TEST_PGSQL_CLI name two empty databases
# (tests/store/test_pgsql.py); prints TAP.
# 1. tests/store/store-writer: 8 forked processes record 200 own and 100
#    racing submissions each (its own TAP lines, numbered first);
# 2. the CLI: 8 `dondoc task add` loops in parallel, 25 tasks each.
set -u
: "${DONDOC_BUILDDIR:=.}"
dir=$(mktemp -d /tmp/dondoc-concurrency.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$DONDOC_BUILDDIR/tests/store/store-writer" "$dir" 8 200 100 >"$dir/tap"
writer=$?
grep -v '^1\.\.' "$dir/tap"
n=$(grep -c '^\(not \)\{0,1\}ok ' "$dir/tap")
[ "$writer" -eq 0 ] || failed=1

DONDOC="$DONDOC_BUILDDIR/cli/dondoc"
DB=${DONDOC_TEST_PGSQL_CLI:-$dir/cli.db}
"$DONDOC" --db "$DB" db init --calendar /dev/null >/dev/null &&
	"$DONDOC" --db "$DB" agency add CAT "Công an tỉnh" >/dev/null
pids=
for p in 1 2 3 4 5 6 7 8; do
	(
		errors=0
		i=0
		while [ $i -lt 25 ]; do
			"$DONDOC" --db "$DB" task add --code "P$p-$i" \
				--agency CAT --title "task $p $i" \
				--due 2026-06-12 >/dev/null 2>>"$dir/err.$p" ||
				errors=$((errors + 1))
			i=$((i + 1))
		done
		exit $errors
	) &
	pids="$pids $!"
done
cli_failed=0
for pid in $pids; do
	wait "$pid" || cli_failed=$((cli_failed + 1))
done
n=$((n + 1))
if [ $cli_failed -eq 0 ] && ! cat "$dir"/err.* | grep -q .; then
	echo "ok $n - 8 parallel CLI writers: no error (no SQLITE_BUSY)"
else
	echo "not ok $n - 8 parallel CLI writers: no error (no SQLITE_BUSY)"
	cat "$dir"/err.* | sed 's/^/# /'
	failed=1
fi
count=$("$DONDOC" --db "$DB" task list | wc -l)
n=$((n + 1))
if [ "$count" -eq 200 ]; then
	echo "ok $n - 8 parallel CLI writers: all 200 tasks stored once"
else
	echo "not ok $n - 8 parallel CLI writers: $count tasks, wanted 200"
	failed=1
fi
echo "1..$n"
[ "${failed:-0}" -eq 0 ]
