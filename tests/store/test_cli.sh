#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The store commands of `dondoc` (db, agency, person, task, import,
# obligations): outputs, JSON, exit codes (0 ok, 1 bad input, 64 usage),
# all-or-nothing import with line numbers, the dondoc_db setting and the
# 2026 obligations. Prints TAP.
set -u
: "${DONDOC_SRCDIR:=..}" "${DONDOC_BUILDDIR:=.}"
DONDOC="$DONDOC_BUILDDIR/cli/dondoc"
tmp=$(mktemp -d /tmp/dondoc-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
DB="$tmp/store.db"
CAL="$DONDOC_SRCDIR/sql/calendar/vn-public-service-calendar-2022-2026.tsv"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
# run: run dondoc --db DB ARGS, keep stdout/stderr/status
run() {
	"$DONDOC" --db "$DB" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
# expect NAME STATUS [GREP-PATTERN-IN-STDOUT+STDERR]
expect() {
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
		nok "$1"; sed 's/^/# /' "$tmp/out"
	fi
}

run db check
expect "db check on a missing store fails" 1 "does not exist"
run db init --calendar "$CAL"
expect "db init" 0 "schema version"
run db init --calendar "$CAL"
expect "db init again is harmless" 0 "schema version"
run db check
expect "db check" 0 "^ok"
run db migrate
expect "db migrate" 0 "schema version"
run db frobnicate
expect "db with an unknown subcommand is a usage error" 64 "usage"

run agency add CAT "Công an tỉnh"
expect "agency add" 0 "added agency CAT"
run agency add CAT "Công an tỉnh"
expect "agency add again says so" 0 "already exists"
run agency add "BAD CODE" "x"
expect "agency add with a bad code" 1 "letters, digits"
run agency add ONLYCODE
expect "agency add without a name is a usage error" 64 "usage"
run agency list --json
json_check "agency list --json" 'd == [{"code": "CAT", "name": "Công an tỉnh"}]'

run person add Head@Example.ORG --agency CAT --role truong-ban --name "Trưởng ban"
expect "person add" 0 "added head@example.org"
run person add x@example.org --agency CAT --role boss
expect "person add with an unknown role" 1 "unknown role"
run person add y@example.org --agency NOPE
expect "person add with an unknown agency" 1 "unknown agency"
run person add y@example.org
expect "person add without --agency is a usage error" 64 "usage"
run person list --json
json_check "person list --json" 'len(d) == 1 and d[0]["emails"] == ["head@example.org"] and d[0]["roles"] == ["truong-ban"] and d[0]["agency"] == "CAT"'

run task add --code DA06-2026-001 --agency CAT --title "Báo cáo quý" --due 2026-03-31 --type BC --period Q:2026:1
expect "task add" 0 "added task DA06-2026-001"
run task add --code DA06-2026-001 --agency CAT --title "again" --due 2026-03-31
expect "task add with an existing code" 1 "already exists"
run task add --code T2 --agency CAT --title "x" --due 2026-02-30
expect "task add with an invalid date" 1 "invalid due date"
run task add --code T2 --agency CAT --title "x" --due 2026-02-20 --period H:2026:3
expect "task add with an invalid period" 1 "invalid period"
run task add --code T2 --agency CAT --due 2026-02-20
expect "task add without --title is a usage error" 64 "usage"
run task add --code T2 --agency CAT --title x --due 2026-02-20 --status open
expect "task add with a list option is a usage error" 64 "usage"
run task list --json
json_check "task list --json" 'len(d) == 1 and all(k in d[0] for k in ("code","agency","title","due","status")) and d[0]["due"] == "2026-03-31" and d[0]["status"] == "open" and d[0]["period"] == "Q:2026:1"'
run task list --status submitted --json
json_check "task list --status filters" 'd == []'
run task list --status nonsense
expect "task list with an unknown status" 1 "unknown status"
run task list --agency CAT
expect "task list text" 0 "DA06-2026-001	CAT	2026-03-31	open"
run task show DA06-2026-001
expect "task show" 0 "status: open"
run task show NOPE
expect "task show of an unknown task" 1 "no task"
run task close DA06-2026-001
expect "task close" 0 "closed task"
run task close DA06-2026-001
expect "task close of a closed task is refused" 1 "already closed"
run task show DA06-2026-001 --json
json_check "task show --json has the audited history" 'd["status"] == "closed" and [h["new"] for h in d["history"]] == ["open", "closed"]'
run task
expect "task without a subcommand is a usage error" 64 "usage"

# import: a bad row stops everything, with its line number
cat >"$tmp/bad.csv" <<'CSV'
kind,code,agency,roles,name
agency,STTTT,Sở Thông tin và Truyền thông
person,it@example.org,STTTT,thanh-vien,Giám đốc
task,T-9,STTTT,Báo cáo,2026-13-01
agency,SNV,Sở Nội vụ
CSV
run import "$tmp/bad.csv"
expect "import reports the bad row's line number" 1 "bad.csv:4: invalid due date"
run agency list
if grep -q STTTT "$tmp/out"; then nok "import is all or nothing"; else ok "import is all or nothing"; fi
printf 'agency,A1,"quoted, name"\nagency,A2,"broken\n' >"$tmp/quote.csv"
run import "$tmp/quote.csv"
expect "import reports bad quoting" 1 "quote.csv:2: unterminated"
printf 'agency,A1,x\nmeeting,M1,x\n' >"$tmp/kind.csv"
run import "$tmp/kind.csv"
expect "import reports an unknown row kind" 1 "kind.csv:2: unknown row kind"
run import "$tmp/missing.csv"
expect "import of a missing file" 1 "missing.csv"
run import
expect "import without a file is a usage error" 64 "usage"
run import "$DONDOC_SRCDIR/sql/examples/kien-giang-committee.csv"
expect "import the Kiên Giang example (CAT and DA06-2026-001 exist)" 0 "imported 15 agencies, 9 aliases, 22 people, 1 tasks (2 unchanged)"
run import "$DONDOC_SRCDIR/sql/examples/kien-giang-committee.csv"
expect "import again changes nothing" 0 "imported 0 agencies, 0 people, 0 tasks"
run person list --role truong-ban --json
json_check "the Head by role" 'len(d) == 2 and all("truong-ban" in p["roles"] for p in d)'

run obligations list --json
json_check "obligations list: O1-O11" '[o["code"] for o in d] == ["O%d" % i for i in range(1, 12)] and d[0]["due_rule"] == "before:15"'
run obligations generate --year 2026
expect "obligations generate --year 2026" 0 "generated 54 task(s) for 2026"
run obligations generate --year 2026
expect "obligations generate is idempotent" 0 "generated 0 task(s)"
run obligations generate --year 20x6
expect "obligations generate with a bad year" 1 "invalid year"
run obligations generate
expect "obligations generate without --year is a usage error" 64 "usage"
run task list --agency UBND-PQ --json
json_check "O1 for a district: due the last working day before 15 June/December" '{t["code"]: t["due"] for t in d if t["obligation"] == "O1"} == {"O1-UBND-PQ-2026-H1": "2026-06-12", "O1-UBND-PQ-2026-H2": "2026-12-14"}'
run task list --agency CAT --json
json_check "O2 monthly: last working day (30 April is a holiday)" '{t["code"]: t["due"] for t in d}["O2-CAT-2026-M4"] == "2026-04-29"'

# the store from dovecot.conf (plugin {} on 2.3, top-level on 2.4)
conf24="$DONDOC_SRCDIR/tests/lib/dovecot_conf24.py"
python3 "$conf24" conf "dondoc_db=$DB" >"$tmp/dovecot.conf"
"$DONDOC" -c "$tmp/dovecot.conf" agency list >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "the dondoc_db setting from -c CONFIG" 0 "^CAT"
"$DONDOC" -c "$tmp/dovecot.conf" -o "$(python3 "$conf24" key dondoc_db)=$tmp/none.db" agency list >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "-o overrides the setting" 1 "none.db does not exist"
python3 "$conf24" conf >"$tmp/empty.conf"
"$DONDOC" -c "$tmp/empty.conf" agency list >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "no --db and no setting: a clear error" 1 "no store"

# foreign files are refused
echo "not a database" >"$tmp/text.db"
"$DONDOC" --db "$tmp/text.db" db check >"$tmp/out" 2>"$tmp/err"; rc=$?
expect "a file that is not SQLite is refused" 1 "not an SQLite database"

# db backup writes a new file only: never over the store itself (a typo),
# an earlier backup or any other file, which stay as they were
run db backup "$DB"
expect "db backup onto the store itself is refused" 1 "already exists"
run agency list
expect "... and the store is still there" 0 "^CAT"
echo "precious" >"$tmp/other.txt"
run db backup "$tmp/other.txt"
expect "db backup over another file is refused" 1 "already exists"
if [ "$(cat "$tmp/other.txt" 2>/dev/null)" = "precious" ]; then
	ok "... and that file is untouched"
else
	nok "... and that file is untouched (it is gone or changed)"
fi
run db backup "$tmp/b1.db"
expect "db backup into a new file" 0 "backed up to"
cksum <"$tmp/b1.db" >"$tmp/b1.sum"
run agency add BK "Sau sao lưu"
run db backup "$tmp/b1.db"
expect "db backup over the last backup is refused" 1 "already exists"
if cksum <"$tmp/b1.db" | cmp -s - "$tmp/b1.sum"; then
	ok "... and the last backup is untouched"
else
	nok "... and the last backup is untouched"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
