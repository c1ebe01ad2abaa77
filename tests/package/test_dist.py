# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""`make dist` ships what a release needs: every file under version
control (but the CI script and .gitignore) is in the distribution
directory, the documentation, the examples, the scripts and the Debian
packaging included. Built with `make distdir` into a private directory, so
it does not race the other tests in the build tree."""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import builddir, srcdir  # noqa: E402
from tap import Tap  # noqa: E402

NOT_SHIPPED = (".ci/", ".gitignore")
MUST = ("COPYING", "README.md", "doc/sieve-vnd-dondoc.md", "doc/man/dondoc.1",
        "doc/conf.d/90-sieve-dondoc.conf", "doc/examples/secretariat.sieve",
        "doc/systemd/dondoc-sweep@.timer", "scripts/test.sh", "scripts/demo.sh",
        "debian/control", "debian/rules", "sql/001-initial.sql")


def shipped():
    work = tempfile.mkdtemp(prefix="dondoc-dist-")
    try:
        dist = os.path.join(work, "dondoc")
        subprocess.run(["make", "-s", "-C", builddir(), "distdir", "distdir=" + dist],
                       check=True, stdout=subprocess.DEVNULL)
        files = set()
        for root, _, names in os.walk(dist):
            for name in names:
                files.add(os.path.relpath(os.path.join(root, name), dist))
        return files
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_required(files):
    missing = [f for f in MUST if f not in files]
    assert not missing, missing


def test_tracked(files):
    top = srcdir()
    if not os.path.isdir(os.path.join(top, ".git")):
        return
    out = subprocess.run(["git", "-C", top, "ls-files"], check=True,
                         stdout=subprocess.PIPE, text=True).stdout.split("\n")
    missing = [f for f in out if f and not f.startswith(NOT_SHIPPED) and f not in files]
    assert not missing, "tracked but not in make dist: %s" % missing


def main():
    tap = Tap()
    files = shipped()
    tap.run("make dist carries the docs, examples, scripts and packaging",
            test_required, files)
    tap.run("make dist carries every tracked file", test_tracked, files)
    tap.done()


if __name__ == "__main__":
    main()
