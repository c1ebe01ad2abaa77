# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""What the dondoc command loads at every start: not cairo (the digest's
charts are drawn by the dondoc-chart helper) and not libpq (a PostgreSQL
store is handed to dondoc-pgsql, the same command with that backend,
beside it). Each library more costs every command its dynamic linking:
libpq's 9M instructions, cairo's 7M. Checks the built binaries' NEEDED
entries (readelf), and that a PostgreSQL store named on the command line
reaches the PostgreSQL backend through dondoc-pgsql, and a SQLite one
stays in dondoc. Prints TAP. Trusts: the build (DONDOC_BUILDDIR)."""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import builddir  # noqa: E402
from tap import Tap  # noqa: E402

DONDOC = os.path.join(builddir(), "cli", "dondoc")
PGSQL = os.path.join(builddir(), "cli", "dondoc-pgsql")


def needed(path):
    out = subprocess.run(["readelf", "-d", path], check=True,
                         capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def no_cairo_no_libpq():
    libs = needed(DONDOC)
    assert "libsqlite3.so.0" in libs, libs
    assert not [lib for lib in libs if lib.startswith(("libpq.", "libcairo."))], libs


def execs(*args):
    """The programs one dondoc command ran (strace), and its result."""
    with tempfile.TemporaryDirectory(prefix="dondoc-libs.") as tmp:
        trace = os.path.join(tmp, "trace")
        res = subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve",
                              "-o", trace, DONDOC] + list(args),
                             capture_output=True, text=True)
        with open(trace) as f:
            progs = re.findall(r'execve\("([^"]+)"', f.read())
    return [os.path.basename(p) for p in progs], res


def pgsql_handed_on():
    progs, res = execs("--db", "host=/nonexistent/dir dbname=x", "agency",
                       "list")
    assert progs[:2] == ["dondoc", "dondoc-pgsql"], progs
    # the PostgreSQL backend's own failure, not "not available"
    assert res.returncode != 0 and "connect" in res.stderr, res.stderr


def sqlite_stays():
    with tempfile.TemporaryDirectory(prefix="dondoc-libs.") as tmp:
        db = os.path.join(tmp, "store.db")
        subprocess.run([DONDOC, "--db", db, "db", "init"], check=True,
                       stdout=subprocess.DEVNULL)
        progs, res = execs("--db", db, "agency", "list")
    assert res.returncode == 0, res.stderr
    assert "dondoc-pgsql" not in progs, progs


def main():
    t = Tap()
    t.run("dondoc links neither cairo nor libpq", no_cairo_no_libpq)
    if os.path.exists(PGSQL):
        t.run("a PostgreSQL store: handed to dondoc-pgsql before anything "
              "is done", pgsql_handed_on)
    else:
        t.skip("a PostgreSQL store: handed to dondoc-pgsql",
               "built without PostgreSQL")
    t.run("a SQLite store: dondoc alone", sqlite_stays)
    t.done()


if __name__ == "__main__":
    main()
