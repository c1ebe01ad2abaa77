#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Agency aliases end to end (TAP): `dondoc agency alias CODE TEXT`,
# `agency aliases`, `agency resolve TEXT` (code, name, alias, folded for
# diacritics, case and punctuation; abbreviations; groups and unknown
# names resolve to none), the CSV import's aliases column (';' or '|',
# all or nothing), and `dondoc --db PATH analyze --json` giving each
# assignment its agency_code (null without a store). A real SQLite file.
set -u
: "${DONDOC_SRCDIR:=..}" "${DONDOC_BUILDDIR:=.}"
DONDOC="$DONDOC_BUILDDIR/cli/dondoc"
CORPUS="$DONDOC_SRCDIR/tests/corpus/committee"
tmp=$(mktemp -d /tmp/dondoc-alias.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
DB="$tmp/store.db"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
run() {
	"$DONDOC" --db "$DB" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
expect() { # NAME STATUS [PATTERN in stdout+stderr]
	name=$1 want=$2
	if [ "$rc" != "$want" ]; then
		nok "$name (exit $rc, wanted $want)"
		sed 's/^/# /' "$tmp/out" "$tmp/err"
		return
	fi
	if [ $# -ge 3 ] && ! cat "$tmp/out" "$tmp/err" | grep -q -- "$3"; then
		nok "$name (no '$3' in output)"
		sed 's/^/# /' "$tmp/out" "$tmp/err"
		return
	fi
	ok "$name"
}
json_check() { # NAME PYTHON-EXPR over d = the parsed stdout
	if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$tmp/out" 2>/dev/null; then
		ok "$1"
	else
		nok "$1"; sed 's/^/# /' "$tmp/out" "$tmp/err"
	fi
}

run db init
expect "db init" 0 "schema version"
run agency add STTTT "Sở Thông tin và Truyền thông"
run agency add CAT "Công an tỉnh Kiên Giang"
run agency add SYT "Sở Y tế"
run agency add STC "Sở Tài chính"

run agency alias STTTT "Sở TT&TT"
expect "agency alias" 0 "added alias of STTTT"
run agency alias STTTT "SỞ TT & TT"
expect "the same alias folded is no new alias" 0 "already has that alias"
run agency alias SYT "sở tt&tt"
expect "an alias of another agency is refused" 1 "already names agency STTTT"
run agency alias NOPE "Sở Nội vụ"
expect "an alias of an unknown agency" 1 "unknown agency"
run agency alias STTTT "(...) / ;"
expect "an alias with no letters" 1 "no letters"
run agency alias STTTT "$(head -c 300 /dev/zero | tr '\0' x)"
expect "an alias over 256 bytes" 1 "too long"
run agency alias STTTT
expect "agency alias without TEXT is a usage error" 64 "usage"
run agency aliases --json
json_check "agency aliases --json" 'd == [{"code": "STTTT", "alias": "Sở TT&TT", "key": "SO TT VA TT"}]'

resolve() { # TEXT CODE-or-empty
	run agency resolve "$1"
	if [ -n "$2" ]; then
		expect "resolve '$1' -> $2" 0 "^$2\$"
	else
		expect "resolve '$1' -> none" 1 "no agency is named"
	fi
}
resolve "STTTT" STTTT
resolve "sttttt" ""
resolve "cat" CAT
resolve "Sở TT&TT" STTTT
resolve "SỞ TT & TT" STTTT
resolve "sở thông tin và truyền thông" STTTT
resolve "Sở Thông tin và Truyền thông tỉnh" STTTT
resolve "Sở TTTT" STTTT
resolve "Công an tỉnh" CAT
resolve "Sở Y Tế" SYT
resolve "Các sở, ban, ngành tỉnh" ""
resolve "Ban Quản lý Khu kinh tế Phú Quốc" ""

# the CSV import's aliases column: all or nothing
cat >"$tmp/bad.csv" <<'CSV'
kind,code,name,aliases
agency,SNV,Sở Nội vụ,SNV tỉnh;Sở NV
agency,STP,Sở Tư pháp,Sở TT&TT
CSV
run import "$tmp/bad.csv"
expect "an imported alias of another agency stops the import" 1 "bad.csv:3: alias 'Sở TT&TT' already names agency STTTT"
run agency resolve "Sở NV"
expect "nothing of the bad import is kept" 1 "no agency"
cat >"$tmp/ok.csv" <<'CSV'
kind,code,name,aliases
agency,SNV,Sở Nội vụ,SNV tỉnh;Sở NV
agency,STP,Sở Tư pháp,"Sở TP | Tư pháp tỉnh"
agency,STC,Sở Tài chính,
CSV
run import "$tmp/ok.csv"
expect "import with aliases" 0 "imported 2 agencies, 4 aliases, 0 people, 0 tasks (1 unchanged)"
run import "$tmp/ok.csv"
expect "import again adds no alias" 0 "imported 0 agencies, 0 people, 0 tasks (7 unchanged)"
python3 -c 'print("agency,SXD,Sở Xây dựng," + ";".join("Tên %d" % i for i in range(33)))' >"$tmp/many.csv"
run import "$tmp/many.csv"
expect "more than 32 aliases in a row stop the import" 1 "many.csv:1: more than 32 aliases"
resolve "sở nv" SNV
resolve "Tư pháp tỉnh" STP

# analyze: agency_code through the store with --db, null without
run analyze --json "$CORPUS/tb-ket-luan-plain.eml"
json_check "analyze --db resolves the assignments' agencies" '[(a["agency"], a["agency_code"]) for a in d["documents"][0]["assignments"]] == [("Sở Y tế", "SYT"), ("Công an tỉnh", "CAT"), ("Sở Thông tin và Truyền thông", "STTTT"), ("Các sở, ban, ngành tỉnh", None), ("UBND các huyện, thành phố", None), ("Ban Quản lý Khu kinh tế Phú Quốc", None), ("Văn phòng UBND tỉnh", None)]'
"$DONDOC" analyze --json "$CORPUS/tb-ket-luan-plain.eml" >"$tmp/out" 2>"$tmp/err"; rc=$?
json_check "analyze without a store: agency_code null" 'all(a["agency_code"] is None for a in d["documents"][0]["assignments"])'
"$DONDOC" --db "$tmp/none.db" analyze --json "$CORPUS/tb-ket-luan-plain.eml" >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "analyze with a missing store fails" 1 "does not exist"

echo "1..$n"
[ "$failed" -eq 0 ]
