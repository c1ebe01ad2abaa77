#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Sieve golden tests: each cases/NAME.sieve is run by Pigeonhole's own
# sieve-test, with the built plugin loaded by path, against the message
# cases/NAME.eml (or cases/default.eml); its output must equal
# cases/NAME.out. A script that must not compile has NAME.err instead: the
# compile must fail and its messages must contain each line of NAME.err.
# NAME.msg: the messages must contain each line, whatever the exit status
# (Pigeonhole reports some errors inside strings without failing).
# Prints TAP. Runs as root (sieve-test then needs mail_uid) or as a user.
srcdir=${DONDOC_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${DONDOC_BUILDDIR:-$srcdir/_build}
sieve_test=${SIEVE_TEST:-sieve-test}
# the staged plugin: sieve-test drops to mail_uid, which may not enter
# the checkout (tests/stage.sh)
plugin=${DONDOC_STAGE_SIEVE_PLUGINDIR:-$builddir/sieve/.libs}/sieve_dondoc
cases=$srcdir/tests/sieve/cases

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 0777 "$work"
set -- -P "$plugin" -x +vnd.dondoc
if [ "$(id -u)" = 0 ]; then
	set -- "$@" -o mail_uid=nobody -o mail_gid=nogroup
fi

n=0
failed=0
for script in "$cases"/*.sieve; do
	name=$(basename "$script" .sieve)
	n=$((n + 1))
	msg=$cases/$name.eml
	[ -f "$msg" ] || msg=$cases/default.eml
	cp "$script" "$work/$name.sieve"
	cp "$msg" "$work/$name.eml"
	msg=$work/$name.eml
	chmod 0644 "$work/$name.sieve" "$msg"
	"$sieve_test" "$@" "$work/$name.sieve" "$msg" \
		>"$work/out" 2>"$work/err"
	status=$?
	ok=yes
	if [ -f "$cases/$name.err" ] || [ -f "$cases/$name.msg" ]; then
		expect=$cases/$name.msg
		if [ -f "$cases/$name.err" ]; then
			[ $status -ne 0 ] || ok=no
			expect=$cases/$name.err
		fi
		while IFS= read -r line; do
			grep -qF -- "$line" "$work/err" || ok=no
		done <"$expect"
	else
		[ $status -eq 0 ] || ok=no
		# DONDOC_GOLDEN_UPDATE=1 writes missing .out files; review them.
		if [ -n "$DONDOC_GOLDEN_UPDATE" ] && [ ! -f "$cases/$name.out" ]; then
			cp "$work/out" "$cases/$name.out"
		fi
		diff -u "$cases/$name.out" "$work/out" >"$work/diff" || ok=no
	fi
	if [ $ok = yes ]; then
		echo "ok $n - sieve golden $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - sieve golden $name (exit $status)"
		sed 's/^/# /' "$work/diff" "$work/err" 2>/dev/null
	fi
	rm -f "$work/diff"
done

# However many tests a script has, the message is analysed once.
n=$((n + 1))
cp "$cases/analysis-once.sieve" "$work/once.sieve"
cp "$cases/default.eml" "$work/once.eml"
chmod 0644 "$work/once.sieve" "$work/once.eml"
"$sieve_test" -D "$@" "$work/once.sieve" "$work/once.eml" \
	>/dev/null 2>"$work/err"
runs=$(grep -c 'dondoc: analysis found' "$work/err")
if [ "$runs" = 1 ]; then
	echo "ok $n - analysis runs once per delivery"
else
	failed=$((failed + 1))
	echo "not ok $n - analysis ran $runs times for 4 tests"
fi
echo "1..$n"
exit 0
