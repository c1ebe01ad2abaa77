# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""dondoc db backup of a PostgreSQL store, on a private server of its own
(tests/lib/pg_harness.py): a populated store backed up into a new SQLite
file holds every table's rows and the audit log entry for entry, opens as
an SQLite store and copies back into an empty database with the same
listings; backups taken while 8 writer processes record submissions are
each one consistent snapshot (every submitted task has its submission and
its transition in the audit log, nothing more); hostile or invalid
targets (an existing file, a directory, a dangling link, a stale -wal, a
PostgreSQL URI or conninfo, a missing directory) are refused with a clear
error, leave what was there untouched and leave no temporary file behind.
Trusts the server and sqlite3; checks dondoc. Prints TAP."""

import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402

BUILD = os.environ.get("DONDOC_BUILDDIR", ".")
SRC = os.environ.get("DONDOC_SRCDIR", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", ".."))
DONDOC = os.path.join(BUILD, "cli", "dondoc")
WRITER = os.path.join(BUILD, "tests", "store", "store-writer")
CAL = os.path.join(SRC, "sql", "calendar",
                   "vn-public-service-calendar-2022-2026.tsv")
# every table of the store (lib/store/dondoc-store-copy.c's list)
TABLES = ["agency", "role", "obligation", "person", "person_email",
          "person_role", "task", "meeting", "calendar_exception",
          "submission", "submission_issue", "agency_alias", "outbox",
          "head_digest", "head_digest_item", "meeting_attendance", "audit"]
AUDIT_COLS = "at, actor, entity, entity_key, action, old_value, new_value"


def cli(store, *args, check=True):
    res = subprocess.run([DONDOC, "--db", store] + list(args),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    if check:
        assert res.returncode == 0, (args, res.stdout, res.stderr)
    return res


def pg_rows(pg, db, sql):
    return [tuple(None if v == "" else v for v in r) for r in pg.psql(sql, db)]


def lite(path):
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    return con


def populate(pg, work):
    """A PostgreSQL store with rows in most tables: 4 writers' submissions
    (tasks moved, audited), agencies, an alias, a person, a meeting, a
    closed task."""
    uri = pg.uri("site")
    pg.createdb("site")
    env = dict(os.environ, DONDOC_TEST_PGSQL=uri)
    out = subprocess.run([WRITER, work, "4", "40", "10"], env=env,
                         stdout=subprocess.PIPE, text=True)
    assert out.returncode == 0, out.stdout
    cli(uri, "db", "init", "--calendar", CAL)
    cli(uri, "agency", "add", "STTTT", "Sở Thông tin và Truyền thông")
    cli(uri, "agency", "alias", "STTTT", "Sở TT&TT")
    cli(uri, "person", "add", "vanphong@stttt.example.vn", "--agency",
        "STTTT", "--role", "thanh-vien", "--name", "Văn phòng")
    cli(uri, "task", "close", "T-0-0", check=False)
    return uri


def audit_pg(pg, db):
    return pg_rows(pg, db, "SELECT %s FROM audit ORDER BY id" % AUDIT_COLS)


def audit_lite(con):
    return [tuple(None if v is None else str(v) for v in r) for r in
            con.execute("SELECT %s FROM audit ORDER BY id" % AUDIT_COLS)]


def check_backup_of(pg, db, path):
    """path holds db's every row: counts equal table by table (the seeded
    ones too), and its audit log is its own migration rows, then db's
    entries in order, then one copy row."""
    con = lite(path)
    try:
        for t in TABLES:
            want = int(pg_rows(pg, db, "SELECT count(*) FROM %s" % t)[0][0])
            got = con.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
            if t == "audit":
                # the file's own migration rows (one per version), and
                # the copy's row
                own = con.execute("PRAGMA user_version").fetchone()[0]
                want += own + 1
            assert got == want, (t, got, want)
        src = audit_pg(pg, db)
        dst = audit_lite(con)
        own = len(dst) - len(src) - 1
        assert dst[own:own + len(src)] == src, "audit log differs"
        assert dst[-1][4] == "copy", dst[-1]
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()


def leftovers(directory, keep):
    return sorted(set(os.listdir(directory)) - set(keep))


def backup_restores(pg, work):
    """A populated store backed up: every table and the audit log in the
    file, which is one file (no -wal), mode 0600, an SQLite store dondoc
    opens and checks, and copies back into an empty database with the
    same listings."""
    uri = populate(pg, work)
    out = os.path.join(work, "out")
    os.makedirs(out)
    path = os.path.join(out, "site.db")
    res = cli(uri, "db", "backup", path)
    assert "backed up to" in res.stdout, res.stdout
    print("# " + res.stdout.strip())
    assert leftovers(out, []) == ["site.db"], leftovers(out, [])
    assert os.stat(path).st_mode & 0o777 == 0o600, oct(os.stat(path).st_mode)
    check_backup_of(pg, "site", path)
    cli(path, "db", "check")
    pg.createdb("restored")
    back = pg.uri("restored")
    res = cli(path, "db", "copy", "--from", path, "--to", back)
    assert "verified" in res.stdout, res.stdout
    for args in (("task", "list"), ("agency", "list"), ("person", "list"),
                 ("agency", "aliases"), ("task", "show", "T-0-0"),
                 ("task", "show", "S-3")):
        a = cli(uri, *args).stdout
        b = cli(path, *args).stdout
        c = cli(back, *args).stdout
        assert a == b == c, (args, a[:300], b[:300], c[:300])
    cli(back, "db", "check")
    # a second backup to the same name: refused, the first untouched
    before = open(path, "rb").read()
    res = cli(uri, "db", "backup", path, check=False)
    assert res.returncode == 1 and "already exists" in res.stderr, \
        (res.stdout, res.stderr)
    assert open(path, "rb").read() == before


def snapshot_consistent(path):
    """In the backup: a task is submitted exactly when it has a submission,
    and each submitted task has its one transition in the audit log."""
    con = lite(path)
    try:
        bad = con.execute(
            "SELECT count(*) FROM task t WHERE (t.status = 'submitted') != "
            "EXISTS (SELECT 1 FROM submission s WHERE s.task_id = t.id)"
        ).fetchone()[0]
        submitted = con.execute("SELECT count(*) FROM task WHERE status = "
                                "'submitted'").fetchone()[0]
        subs = con.execute("SELECT count(*) FROM submission").fetchone()[0]
        moved = con.execute(
            "SELECT count(DISTINCT entity_key) FROM audit WHERE entity = "
            "'task' AND new_value = 'submitted'").fetchone()[0]
    finally:
        con.close()
    assert bad == 0, "%d tasks disagree with their submissions" % bad
    assert moved == submitted, (moved, submitted)
    return subs


def backup_during_writes(pg, work):
    """8 processes record submissions (each moving its task, audited, in
    one transaction) while backups are taken one after another: every
    backup succeeds, verified, and is one snapshot."""
    busy = os.path.join(work, "busy")
    os.makedirs(busy)
    pg.createdb("busy")
    uri = pg.uri("busy")
    env = dict(os.environ, DONDOC_TEST_PGSQL=uri)
    writer = subprocess.Popen([WRITER, busy, "8", "150", "60"], env=env,
                              stdout=subprocess.PIPE, text=True)
    taken = []
    try:
        # the writers' setup (the tasks) first
        deadline = time.time() + 60
        while time.time() < deadline and writer.poll() is None:
            rows = pg.psql("SELECT count(*) FROM submission", "busy",
                           check=False)
            if rows and int(rows[0][0]) > 0:
                break
            time.sleep(0.05)
        while writer.poll() is None and len(taken) < 20:
            path = os.path.join(busy, "b%d.db" % len(taken))
            res = cli(uri, "db", "backup", path, check=False)
            during = writer.poll() is None
            assert res.returncode == 0, (res.stdout, res.stderr)
            taken.append((path, during))
    finally:
        out, _ = writer.communicate(timeout=300)
    assert writer.returncode == 0, out
    counts = [snapshot_consistent(p) for p, _ in taken]
    during = sum(1 for _, d in taken if d)
    print("# %d backups while the writers ran (submissions in them: %s), "
          "of 8 x 150 + 60" % (during, ", ".join(str(c) for c in counts)))
    assert during >= 2, taken
    assert len(set(counts)) >= 2, "the writes did not overlap the backups"
    # and one at rest equals the store
    path = os.path.join(busy, "rest.db")
    cli(uri, "db", "backup", path)
    check_backup_of(pg, "busy", path)
    assert leftovers(busy, [os.path.basename(p) for p, _ in taken] +
                     ["rest.db"]) == [], leftovers(busy, [])


def hostile_targets(pg, work):
    """Refused with a clear error, nothing touched, nothing left over."""
    uri = pg.uri("site")
    d = os.path.join(work, "hostile")
    os.makedirs(d)
    existing = os.path.join(d, "existing.db")
    with open(existing, "w") as f:
        f.write("not mine\n")
    os.makedirs(os.path.join(d, "adir"))
    os.symlink(os.path.join(d, "elsewhere.db"), os.path.join(d, "dangling"))
    with open(os.path.join(d, "stale.db-wal"), "w") as f:
        f.write("stale wal\n")
    keep = sorted(os.listdir(d))
    cases = [
        (existing, "already exists"),
        (os.path.join(d, "adir"), "already exists"),
        (os.path.join(d, "adir") + "/", "directory"),
        (os.path.join(d, "dangling"), "already exists"),
        (os.path.join(d, "stale.db"), "stale.db-wal already exists"),
        (pg.uri("other"), "names a PostgreSQL store"),
        ("dbname=other", "names a PostgreSQL store"),
        (os.path.join(d, "missing", "x.db"), "cannot create"),
        (os.path.join(d, ".."), "directory"),
    ]
    for target, want in cases:
        res = cli(uri, "db", "backup", target, check=False)
        assert res.returncode == 1, (target, res.returncode, res.stdout,
                                     res.stderr)
        assert want in res.stderr, (target, res.stderr)
        print("# %s: %s" % (target, res.stderr.strip()))
    assert sorted(os.listdir(d)) == keep, sorted(os.listdir(d))
    assert open(existing).read() == "not mine\n"
    assert not os.path.exists(os.path.join(d, "elsewhere.db"))
    res = cli(uri, "db", "backup", check=False)
    assert res.returncode == 64, (res.returncode, res.stderr)
    res = cli(uri, "db", "backup", "", check=False)
    assert res.returncode == 1 and "backup file" in res.stderr, res.stderr


def main():
    t = Tap()
    if not pg_harness.available():
        print("1..0 # SKIP PostgreSQL is not installed")
        return 0
    pg = pg_harness.PrivatePostgres().start()
    try:
        work = os.path.join(pg.dir, "backup")  # readable by nobody too
        os.makedirs(work)
        t.run("db backup of a populated PostgreSQL store: every row and the "
              "audit log in one SQLite file, restored by db copy",
              backup_restores, pg, work)
        t.run("db backup while 8 writers record submissions: each backup "
              "one consistent snapshot", backup_during_writes, pg, work)
        t.run("db backup refuses existing, hostile and invalid targets",
              hostile_targets, pg, work)
    finally:
        pg.stop()
    t.done()


if __name__ == "__main__":
    sys.exit(main())
