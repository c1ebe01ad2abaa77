# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The store's tests again on PostgreSQL, on a private server of their own
(tests/lib/pg_harness.py): the store unit tests (each store a fresh
schema), the concurrency test (8 processes racing on one database, then 8
CLI writers), and the tracking integration tests that run with
DONDOC_TEST_DB=pgsql (tests/lib/tracking_env.py gives each Dovecot a fresh
database). Under CI=true a missing PostgreSQL fails; elsewhere it skips.
Prints TAP: one line per sub-test."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402

BUILD = os.environ.get("DONDOC_BUILDDIR", ".")
SRC = os.environ.get("DONDOC_SRCDIR", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", ".."))
# integration tests run against both backends (each also runs on SQLite
# as a test of its own)
INTEGRATION = [
    "tests/integration/test_tracking.py",
    "tests/integration/test_concurrency.py",
    "tests/integration/test_concurrency_same.py",
    "tests/integration/test_pgsql_faults.py",
    "tests/integration/test_committees.py",
    "tests/integration/test_committees_spool.py",
    "tests/integration/test_head_digest.py",
    "tests/integration/test_pgsql_two_dovecots.py",
    "tests/integration/test_attendance.py",
    "tests/fault-matrix.py",
]


def run(t, name, args, env, must=None):
    """Run a sub-test; it passes when it exits 0 and prints no "not ok"
    (and prints must, when given)."""
    result = {}

    def check():
        out = subprocess.run(args, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        result["out"] = out.stdout
        for line in out.stdout.splitlines():
            if line.startswith("# ") and not line.startswith("# #"):
                print("#  " + line[2:])
        bad = out.returncode != 0 or "\nnot ok " in "\n" + out.stdout or (
            must is not None and must not in out.stdout)
        if bad:
            raise AssertionError("\n".join(out.stdout.splitlines()[-80:]))
    t.run(name, check)
    return result.get("out", "")


def same_schema(pg):
    """sql/ and sql/pgsql/ make the same tables with the same columns, in
    the same order (dondoc db copy and the backends' shared logic rely on
    it), and the same indexes by name."""
    import sqlite3
    import tempfile
    dondoc = os.path.join(BUILD, "cli", "dondoc")
    # a directory of root's own: as root the command refuses to create a
    # store in one that belongs to another user (pg.dir is nobody's)
    mine = tempfile.mkdtemp(prefix="dondoc-schema-")
    path = os.path.join(mine, "schema.db")
    target = pg.createdb("schema")
    for store in (path, target):
        subprocess.run([dondoc, "--db", store, "db", "init", "--calendar",
                        "/dev/null"], check=True, stdout=subprocess.PIPE)
    con = sqlite3.connect(path)
    lite, lite_idx = {}, set()
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE "
                               "type = 'table' AND name NOT LIKE 'sqlite_%'"):
        lite[name] = [r[1] for r in con.execute("PRAGMA table_info(%s)" % name)]
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE "
                               "type = 'index' AND sql IS NOT NULL"):
        lite_idx.add(name)
    con.close()
    pgt = {}
    for table, column in pg.psql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, "
            "ordinal_position", "schema"):
        pgt.setdefault(table, []).append(column)
    pgt.pop("dondoc_schema")
    assert lite == pgt, {t: (lite.get(t), pgt.get(t))
                         for t in set(lite) | set(pgt)
                         if lite.get(t) != pgt.get(t)}
    pg_idx = {r[0] for r in pg.psql("SELECT indexname FROM pg_indexes WHERE "
                                    "schemaname = 'public'", "schema")}
    for name in os.listdir(mine):
        os.unlink(os.path.join(mine, name))
    os.rmdir(mine)
    missing = lite_idx - pg_idx
    assert not missing, missing


def db_copy(pg):
    """dondoc db copy: SQLite (filled by 4 writers and the CLI) into an
    empty PostgreSQL database, refused into a filled one, back into a new
    SQLite file; the listings and a task's history agree, and the copy
    takes new writes."""
    dondoc = os.path.join(BUILD, "cli", "dondoc")
    work = pg.dir  # nobody's, readable: a place for the SQLite files
    src = os.path.join(work, "copy-src")
    os.makedirs(src, exist_ok=True)
    env = dict(os.environ)
    env.pop("DONDOC_TEST_PGSQL", None)
    db = os.path.join(src, "concurrency.db")
    subprocess.run([dondoc, "--db", db, "db", "init", "--calendar",
                    os.path.join(SRC, "sql", "calendar",
                                 "vn-public-service-calendar-2022-2026.tsv")],
                   check=True, stdout=subprocess.PIPE)
    out = subprocess.run([os.path.join(BUILD, "tests", "store", "store-writer"),
                          src, "4", "50", "20"], env=env,
                         stdout=subprocess.PIPE, text=True)
    assert out.returncode == 0, out.stdout

    def cli(store, *args, check=True):
        res = subprocess.run([dondoc, "--db", store] + list(args),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
        if check:
            assert res.returncode == 0, (args, res.stdout, res.stderr)
        return res

    cli(db, "agency", "add", "STTTT", "Sở Thông tin và Truyền thông")
    cli(db, "agency", "alias", "STTTT", "Sở TT&TT")
    cli(db, "person", "add", "vanphong@stttt.example.vn", "--agency",
        "STTTT", "--role", "thanh-vien", "--name", "Văn phòng")
    cli(db, "task", "close", "T-0-0", check=False)
    target = pg.createdb("copy_target")
    res = cli(db, "db", "copy", "--from", db, "--to", target)
    assert "verified" in res.stdout, res.stdout
    print("# " + res.stdout.strip())
    again = cli(db, "db", "copy", "--from", db, "--to", target, check=False)
    assert again.returncode != 0 and "not empty" in again.stderr, \
        (again.stdout, again.stderr)
    back = os.path.join(src, "back.db")
    res = cli(db, "db", "copy", "--from", target, "--to", back)
    assert "verified" in res.stdout, res.stdout
    for args in (("task", "list"), ("agency", "list"), ("person", "list"),
                 ("task", "show", "T-0-0")):
        a = cli(db, *args).stdout
        b = cli(target, *args).stdout
        c = cli(back, *args).stdout
        assert a == b == c, (args, a[:300], b[:300], c[:300])
    # the identity sequences follow the copied ids
    cli(target, "task", "add", "--code", "AFTER-COPY", "--agency", "CAT",
        "--title", "sau khi chuyển", "--due", "2026-07-01")
    cli(target, "db", "check")


def main():
    t = Tap()
    if not pg_harness.available():
        print("1..0 # SKIP PostgreSQL is not installed")
        return 0
    pg = pg_harness.PrivatePostgres().start()
    try:
        env = dict(os.environ)
        env["DONDOC_TEST_PGSQL"] = pg.createdb("unit")
        run(t, "store unit tests on PostgreSQL",
            [os.path.join(BUILD, "tests", "unit", "test-store")], env)

        env = dict(os.environ)
        env["DONDOC_TEST_PGSQL"] = pg.createdb("writers")
        env["DONDOC_TEST_PGSQL_CLI"] = pg.createdb("cli")
        run(t, "concurrency: 8 writer processes and 8 CLI writers on "
            "one PostgreSQL database",
            ["sh", os.path.join(SRC, "tests", "store",
                                "test_concurrency.sh")], env)

        t.run("sql/ and sql/pgsql/: the same tables, columns and indexes",
              same_schema, pg)
        t.run("dondoc db copy: SQLite to PostgreSQL and back, verified, "
              "a filled target refused", db_copy, pg)

        env = dict(os.environ)
        env["DONDOC_TEST_DB"] = "pgsql"
        env["DONDOC_TEST_PG_DIR"] = pg.socket_dir
        only = os.environ.get("DONDOC_TEST_PGSQL_ONLY")
        for test in INTEGRATION:
            path = os.path.join(SRC, test)
            if not os.path.exists(path) or (only and only not in test):
                continue
            run(t, "%s on PostgreSQL" % test, ["/usr/bin/python3", path], env)
    finally:
        pg.stop()
    t.done()


if __name__ == "__main__":
    sys.exit(main())
