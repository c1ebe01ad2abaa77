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
    "tests/integration/test_pgsql_faults.py",
    "tests/integration/test_committees.py",
    "tests/integration/test_head_digest.py",
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
