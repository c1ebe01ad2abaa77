# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""How long each PostgreSQL write transaction of an LMTP delivery keeps
the store's lock, and how long deliveries wait for it, at 1 and 8
sessions of the secretariat script (inline sending: the delivery's own
transaction, then the sender's begin-send and mark-sent).
Every Dovecot process runs with tests/bench/pgsql-lockstat.so preloaded
(built here from pgsql-lockstat.c), which times each transaction from
its lock's answer to its COMMIT's answer and counts the round trips in
between (those do not move with the machine's load; the times do: a
shared, noisy machine stretches them), and which lock it took: the
store's alone, or shared (a delivery with its keys, the outbox's
marks). The server is pg_harness's (fsync on, synchronous_commit on,
the stores' relaxed sync as the plugins set it). Not a test: bench_pgsql_locks.py [REPORTS]. Trusts the
staged build (tests/lib)."""

import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import pg_harness  # noqa: E402
import bench_pgsql  # noqa: E402
from bench_target import stop_on_signals  # noqa: E402


def build_shim(directory):
    shim = os.path.join(directory, "pgsql-lockstat.so")
    include = subprocess.run(["pg_config", "--includedir"], check=True,
                             stdout=subprocess.PIPE, text=True).stdout.strip()
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-I", include, "-o",
                    shim, os.path.join(HERE, "pgsql-lockstat.c"), "-lpq",
                    "-ldl"], check=True)
    os.chmod(shim, 0o755)
    return shim


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, len(values) * p // 100)]


def parse(path):
    """[(kind, wait us, hold us, round trips, statements)]"""
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 6:
                continue
            names = parts[5]
            kind = ("delivery" if names.count(",") > 6 else
                    "sender" if int(parts[4]) <= 4 else "other")
            rows.append((kind, int(parts[1]), int(parts[2]), int(parts[3]),
                         int(parts[4]), names.split(",")[0]))
    return rows


def run(pg, shim, reports, sessions):
    os.environ["DONDOC_TEST_DB"] = "pgsql"
    os.environ["DONDOC_TEST_PG_DIR"] = pg.dir
    work = tempfile.mkdtemp(prefix="dondoc-lockstat.")
    os.chmod(work, 0o777)
    log = os.path.join(work, "lockstat.log")
    conf = "import_environment = TZ LD_PRELOAD=%s PGSQL_LOCKSTAT=%s\n" % (
        shim, log)
    from tracking_env import TrackingServer
    with TrackingServer(extra_conf=conf) as s:
        bench_pgsql.import_tasks(s, reports + sessions)
        # one delivery per session prepares its statements: not counted
        bench_pgsql.deliver(s.dc.lmtp_port, [reports], [])
        time.sleep(0.5)
        if os.path.exists(log):
            os.unlink(log)
        elapsed = bench_pgsql.deliver_sessions(s.dc.lmtp_port, reports,
                                               sessions, [])
        time.sleep(0.5)
        rows = parse(log) if os.path.exists(log) else []
    print("%d session(s), %d reports, %.0f msgs/s (noisy machine)"
          % (sessions, reports, reports / elapsed))
    by_kind = collections.defaultdict(list)
    for row in rows:
        by_kind[row[0]].append(row)
    for kind in ("delivery", "sender", "other"):
        got = by_kind.get(kind, [])
        if not got:
            continue
        holds = [r[2] for r in got]
        waits = [r[1] for r in got]
        print("  %-8s %5.2f txn/delivery  lock %s  round trips under it "
              "%.1f  statements %.1f  hold p50 %d us p99 %d us  wait p50 "
              "%d us p99 %d us" % (
                  kind, len(got) / reports,
                  "/".join(sorted({r[5] for r in got})),
                  statistics.mean(r[3] for r in got),
                  statistics.mean(r[4] for r in got),
                  statistics.median(holds), pct(holds, 99),
                  statistics.median(waits), pct(waits, 99)), flush=True)
    # held alone, every other writer waits; held shared, only what
    # holds the store alone (and a delivery with a key in common) does
    alone = sum(r[2] for r in rows if r[5] == "global-lock")
    shared = sum(r[2] for r in rows if r[5] != "global-lock")
    print("  lock held alone %.0f%% of the run's wall time, shared %.0f%% "
          "(sum of holds / elapsed; shared holds overlap)"
          % (100.0 * alone / 1e6 / elapsed, 100.0 * shared / 1e6 / elapsed))


def main():
    stop_on_signals()
    reports = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    work = tempfile.mkdtemp(prefix="dondoc-lockstat-shim.")
    os.chmod(work, 0o755)
    shim = build_shim(work)
    pg = pg_harness.PrivatePostgres().start()
    try:
        for sessions in (1, 8):
            run(pg, shim, reports, sessions)
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
