#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# `dondoc calendar` end to end (TAP): the built cli/dondoc with the shipped
# 2022-2026 table from the source tree; outputs, and exit codes 1 (bad
# input, with a "dondoc:" message), 64 (usage, sysexits' EX_USAGE), and
# is-workday's 0/1 for yes/no as a shell test (65 for a bad table).
srcdir=${DONDOC_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${DONDOC_BUILDDIR:-.}
dondoc="$builddir/cli/dondoc"
DONDOC_DATADIR="$srcdir/sql/calendar"
export DONDOC_DATADIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

# expect OUTPUT ARGS...: exit 0 (1 for "no", as a shell test) and exactly
# OUTPUT on stdout
expect() {
	want=$1
	shift
	wstatus=0
	[ "$want" != no ] || wstatus=1
	got=$("$dondoc" "$@" 2>"$tmp/err")
	status=$?
	if [ "$status" -eq "$wstatus" ] && [ "$got" = "$want" ]; then
		ok "$* -> $want"
	else
		not_ok "$* -> $want (got '$got', status $status)"
		sed 's/^/# /' "$tmp/err"
	fi
}

# expect_status STATUS ARGS...: that exit status, nothing on stdout, and
# for 1 a "dondoc: " message
expect_status() {
	want=$1
	shift
	got=$("$dondoc" "$@" 2>"$tmp/err")
	status=$?
	if [ "$status" -eq "$want" ] && [ -z "$got" ] &&
	   { [ "$want" -ne 1 ] || grep -q '^dondoc: ' "$tmp/err"; }; then
		ok "$* exits $want"
	else
		not_ok "$* exits $want (got status $status, '$got')"
		sed 's/^/# /' "$tmp/err"
	fi
}

if [ ! -x "$dondoc" ]; then
	echo "not ok 1 - $dondoc is not built"
	echo "1..1"
	exit 1
fi

# working days from the official table
expect yes calendar is-workday 2024-05-04   # worked Saturday
expect no calendar is-workday 2024-02-08    # Tết, by notice
expect yes calendar is-workday 2024-02-15
expect no calendar is-workday 2026-11-24    # Culture Day from 2026
expect no calendar is-workday 2024-05-05    # a Sunday
# and from the rules (2027 has no schedule): Tết 6 Feb on a Saturday
expect no calendar is-workday 2027-02-10
expect yes calendar is-workday 2027-02-12

expect 2024-02-15 calendar add 2024-02-07 1
expect 2024-02-07 calendar add 2024-02-15 -1
expect 2026-01-05 calendar add 2025-12-31 1
expect 2025-12-30 calendar add 2026-01-05 -2
expect 2026-01-05 calendar add 2026-01-03 0
expect 2024-03-07 calendar add 2024-02-07 16

# February 2024: 21 weekdays, 5 of them Tết
expect 16 calendar count 2024-02-01 2024-02-29
expect 0 calendar count 2024-02-29 2024-02-01
expect 251 calendar count 2024-01-01 2024-12-31

"$dondoc" calendar holidays 2024 >"$tmp/h2024"
if [ $? -eq 0 ] && [ "$(wc -l <"$tmp/h2024")" -eq 13 ] &&
   grep -qx '2024-05-04 work Làm bù cho thứ Hai 29/4' "$tmp/h2024" &&
   grep -qx '2024-02-08 off Tết Nguyên đán' "$tmp/h2024"; then
	ok "calendar holidays 2024 lists the 13 table days"
else
	not_ok "calendar holidays 2024 lists the 13 table days"
	sed 's/^/# /' "$tmp/h2024"
fi
got=$("$dondoc" calendar holidays 2027 | head -n 6 | tail -n 2)
if [ "$got" = "2027-02-10 off Tết Nguyên đán (bù cho 06/2 thứ Bảy)
2027-02-11 off Tết Nguyên đán (bù cho 07/2 Chủ nhật)" ]; then
	ok "calendar holidays 2027 has the rules' compensatory days"
else
	not_ok "calendar holidays 2027 has the rules' compensatory days"
	echo "$got" | sed 's/^/# /'
fi

expect '{"day":1,"month":2,"year":2023,"leap":true}' calendar lunar 2023-03-22
expect '{"day":1,"month":1,"year":2007,"leap":false}' calendar lunar 2007-02-17
expect '{"day":30,"month":12,"year":2022,"leap":false}' calendar lunar 2023-01-21
expect '{"day":1,"month":1,"year":1985,"leap":false}' calendar lunar 1985-01-21

# --calendar FILE replaces the shipped table
printf '# test\n2027-01-04\toff\tx\tn\n' >"$tmp/cal.tsv"
expect no calendar --calendar "$tmp/cal.tsv" is-workday 2027-01-04
expect yes calendar --calendar "$tmp/cal.tsv" is-workday 2027-01-01
expect no calendar --calendar "$tmp/cal.tsv" is-workday 2024-02-15
printf '2027-01-04\tmaybe\tx\n' >"$tmp/bad.tsv"
expect_status 65 calendar --calendar "$tmp/bad.tsv" is-workday 2027-01-04
expect_status 65 calendar --calendar "$tmp/none.tsv" is-workday 2027-01-04
expect_status 1 calendar --calendar "$tmp/none.tsv" add 2027-01-04 1
if "$dondoc" calendar is-workday 2024-05-04 >/dev/null &&
   ! "$dondoc" calendar is-workday 2024-05-05 >/dev/null; then
	ok "is-workday works as a shell test (if/!)"
else
	not_ok "is-workday works as a shell test (if/!)"
fi
# no default table: the rules alone, without an error
got=$(DONDOC_DATADIR="$tmp/nothing" "$dondoc" calendar is-workday 2024-02-15 2>"$tmp/err")
[ $? -eq 1 ] || got="$got (exit status not 1)"
if [ "$got" = no ] && [ ! -s "$tmp/err" ]; then
	ok "a missing default table leaves the rules"
else
	not_ok "a missing default table leaves the rules (got '$got')"
fi

# bad input: exit 1 (is-workday: 64, its 1 is "no")
expect_status 64 calendar is-workday 2023-02-29
expect_status 64 calendar is-workday 1899-12-31
expect_status 64 calendar is-workday 2101-01-01
expect_status 64 calendar is-workday abc
expect_status 64 calendar is-workday ''
expect_status 1 calendar add 2024-01-01 10001
expect_status 1 calendar add 2024-01-01 -10001
expect_status 1 calendar add 2024-01-01 x
expect_status 1 calendar add 2024-01-01 99999999999999999999
expect_status 1 calendar count abc 2024-01-01
expect_status 1 calendar holidays 1899
expect_status 1 calendar holidays 20a4
expect_status 1 calendar lunar 2024-13-01
expect 2024-01-02 calendar add 2023-12-29 1
# the largest N, forwards and back, agrees with count
far=$("$dondoc" calendar add 2024-01-01 10000)
back=$("$dondoc" calendar add "$far" -10000)
cnt=$("$dondoc" calendar count 2024-01-02 "$far")
if [ "$back" = 2023-12-29 ] && [ "$cnt" = 10000 ]; then
	ok "add 10000 ($far), back and count agree"
else
	not_ok "add 10000 ($far), back ($back) and count ($cnt) agree"
fi

# usage: exit 64 (EX_USAGE)
expect_status 64 calendar
expect_status 64 calendar is-workday
expect_status 64 calendar is-workday 2024-01-01 2024-01-02
expect_status 64 calendar add 2024-01-01
expect_status 64 calendar count 2024-01-01
expect_status 64 calendar holidays
expect_status 64 calendar lunar
expect_status 64 calendar bogus 2024-01-01
expect_status 64 calendar --calendar

echo "1..$n"
[ "$failed" -eq 0 ]
