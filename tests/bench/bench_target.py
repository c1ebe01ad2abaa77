# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""What every benchmark shares: the one line a target is printed as
(tests/bench/README.md; `make bench` collects these lines into its
summary with bench_summary.py), and stopping cleanly on a signal, so
that the servers a benchmark started are stopped by their own stop
code (context managers, atexit: by PID or their stop command) when
`make bench` is interrupted or killed with SIGTERM/SIGHUP; and reading
an `strace -c` summary.
Trusts only its callers."""

import os
import signal

OPS = {
    ">=": lambda x, y: x >= y,
    ">": lambda x, y: x > y,
    "<=": lambda x, y: x <= y,
    "<": lambda x, y: x < y,
}


def target(name, measured, op, want, unit="", digits=1):
    """Print `target NAME: measured X (want OP Y): met|NOT met`; unit is
    appended to both figures as it is (" ms", "%", "x"). Returns whether
    the target is met."""
    met = OPS[op](measured, want)
    print("target %s: measured %.*f%s (want %s %g%s): %s"
          % (name, digits, measured, unit, op, want, unit,
             "met" if met else "NOT met"), flush=True)
    return met


def strace_counts(path):
    """{syscall: calls} from an `strace -c` summary in the file at path."""
    counts = {}
    with open(path) as f:
        for line in f:
            fields = line.split()
            # % time, seconds, usecs/call, calls, [errors], syscall
            if len(fields) >= 5 and fields[3].isdigit() and \
                    fields[-1] not in ("syscall", "total"):
                counts[fields[-1]] = int(fields[3])
    return counts


def _stop(signum, frame):
    # unwinds through every `with` and finally, then atexit runs
    raise SystemExit("stopped by signal %d" % signum)


def stop_on_signals():
    """SIGTERM and SIGHUP end the benchmark as Ctrl-C does (the default
    action would kill Python without running any cleanup). And should it
    die without cleanup all the same (SIGKILL), the servers it starts get
    SIGTERM from the kernel (DONDOC_DIE_WITH_PARENT: tests/lib's
    harness asks for PR_SET_PDEATHSIG when it starts them)."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    os.environ["DONDOC_DIE_WITH_PARENT"] = "1"
