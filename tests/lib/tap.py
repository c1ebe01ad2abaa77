# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Minimal TAP output for the python tests: each test is a function; a
failing assertion or exception is "not ok" with the details as comments."""

import sys
import traceback


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def run(self, name, func, *args):
        self.n += 1
        try:
            func(*args)
        except Exception:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
        else:
            print("ok %d - %s" % (self.n, name))
        sys.stdout.flush()

    def skip(self, name, reason):
        """A case that does not apply here: "ok N - NAME # SKIP REASON"."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, reason))
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        # Failures are reported per case above; the exit status is kept
        # for crashes, so one failure is not counted twice.
        sys.exit(0)
