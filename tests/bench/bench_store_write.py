# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""What the SQLite store writes per LMTP delivery of the secretariat
script in outbox mode (bench_lmtp's (b3)), measured independently of the
machine's load: WAL frames (pages) and bytes per delivery, write
transactions per delivery, and the time each one holds the write lock
(BEGIN IMMEDIATE to COMMIT, inside the process: clock time, and the
CPU time the process spent in it, less load-sensitive), for the deliveries
(lmtp) and the sender beside them (`dondoc outbox send --watch`), and
those pages per b-tree (table or index) they fell in.

Every process is run with tests/bench/sqlite-writestat.so preloaded
(built here from sqlite-writestat.c): a WAL hook that never checkpoints
(so frame counts only grow) and a trace of each write transaction. Not a
test: `make bench-store-write` or python3 tests/bench/bench_store_write.py
[N]. Trusts the staged build (tests/lib)."""

import collections
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_lmtp import message, pct, run, secretariat_server, sink_process  # noqa: E402
from bench_target import stop_on_signals, target  # noqa: E402

PAGE = 4096
FRAME = PAGE + 24


def build_shim(directory):
    shim = os.path.join(directory, "sqlite-writestat.so")
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", shim,
                    os.path.join(HERE, "sqlite-writestat.c"), "-lsqlite3",
                    "-ldl"], check=True)
    os.chmod(shim, 0o755)
    return shim


def parse(path):
    """[(pid, frames written, hold usecs, statements, hold cpu usecs,
    (WAL frames before, after))] in commit order."""
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split(" ", 4)
            if len(parts) == 5:
                rows.append((int(parts[0]), int(parts[1]), int(parts[2]),
                             parts[4].strip(), int(parts[3])))
    rows.sort(key=lambda r: r[1])
    out, last = [], None
    for pid, frames, hold, stmts, cpu in rows:
        if last is not None:
            out.append((pid, frames - last, hold, stmts, cpu,
                        (last, frames)))
        last = frames
    return out


def summary(name, txns, n):
    holds = [t[2] for t in txns if t[2] >= 0]
    cpus = [t[4] for t in txns if t[4] >= 0]
    frames = sum(t[1] for t in txns)
    print("%-8s %6.2f txn  %6.1f pages  %7.1f KiB  hold p50 %6d us  "
          "p99 %6d us  cpu p50 %5d us  p99 %5d us" % (
              name, len(txns) / n, frames / n, frames * FRAME / n / 1024,
              statistics.median(holds) if holds else 0,
              pct(holds, 99) if holds else 0,
              statistics.median(cpus) if cpus else 0,
              pct(cpus, 99) if cpus else 0))
    return frames / n


def strace_sender(pid, out):
    """strace -c -f of the sender's syncs from now on (None without
    strace)."""
    if shutil.which("strace") is None:
        return None
    proc = subprocess.Popen(["strace", "-qq", "-c", "-f", "-e",
                             "trace=fsync,fdatasync", "-o", out, "-p",
                             str(pid)])
    time.sleep(1)
    return proc


def syncs(path):
    """fsync + fdatasync calls in an strace -c summary."""
    calls = 0
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 5 and parts[-1] in ("fsync", "fdatasync"):
                calls += int(parts[3])
    return calls


def wal_pages(db, work):
    """{frame number: page number} of the WAL as it is now, and {page
    number: b-tree name} of the store those frames make (dbstat on a
    copy, so that the live store is not checkpointed)."""
    copy = os.path.join(work, "copy.db")
    shutil.copyfile(db, copy)
    shutil.copyfile(db + "-wal", copy + "-wal")
    frames = {}
    with open(copy + "-wal", "rb") as f:
        f.read(32)
        n = 0
        while True:
            head = f.read(24)
            if len(head) < 24:
                break
            n += 1
            frames[n] = int.from_bytes(head[:4], "big")
            f.seek(PAGE, 1)
    names = {}
    out = subprocess.run(["sqlite3", "-separator", " ", copy,
                          "SELECT pageno, name FROM dbstat"],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        pageno, name = line.split(" ", 1)
        names[int(pageno)] = name
    return frames, names


def by_btree(txns, frames, names, n):
    """What the delivery's commits wrote, per b-tree: pages per
    delivery, largest first (page 1, the header, as "(header)"; a page
    no b-tree holds now as "(free)")."""
    counts = collections.Counter()
    for first, last in txns:
        for frame in range(first + 1, last + 1):
            pageno = frames.get(frame)
            if pageno is None:
                continue
            counts["(header)" if pageno == 1 else
                   names.get(pageno, "(free)")] += 1
    return ", ".join("%s %.1f" % (name, count / n)
                     for name, count in counts.most_common())


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    work = tempfile.mkdtemp(prefix="dondoc-bench-writestat-")
    os.chmod(work, 0o777)
    shim = build_shim(work)
    log = os.path.join(work, "writestat.log")
    os.environ["LD_PRELOAD"] = shim
    os.environ["SQLITE_WRITESTAT"] = log
    conf = "import_environment = TZ LD_PRELOAD=%s SQLITE_WRITESTAT=%s%s\n" % (
        shim, log, " SQLITE_WRITESTAT_TIMES=1"
        if os.environ.get("SQLITE_WRITESTAT_TIMES") else "")
    servers = []
    with contextlib.ExitStack() as stack:
        smtp = sink_process(stack)
        port = secretariat_server(stack, n + 10, "delivery", smtp,
                                  send="outbox", servers=servers,
                                  extra_conf=conf)
        run(port, [message(n + i) for i in range(10)])  # warm up
        time.sleep(2)
        open(log, "w").close()
        os.chmod(log, 0o666)
        trace = os.path.join(work, "sender.strace")
        tracer = strace_sender(servers[0].sender.pid, trace)
        run(port, [message(i) for i in range(n)])
        db = servers[0].db
        deadline = time.time() + 60
        # read through the shell, not this process' sqlite3 module: the
        # last connection's close would checkpoint the WAL
        while time.time() < deadline:
            left = subprocess.run(
                ["sqlite3", "file:%s?mode=ro" % db,
                 "SELECT count(*) FROM outbox WHERE state != 'sent'"],
                capture_output=True, text=True).stdout.strip()
            if left == "0":
                break
            time.sleep(0.2)
        time.sleep(1)
        frames, names = wal_pages(db, work)
        if tracer is not None:
            tracer.terminate()
            tracer.wait()
        txns = parse(log)
        del os.environ["LD_PRELOAD"]
    lmtp = [t for t in txns if "INSERT_INTO_submission" in t[3] or
            "INSERT_INTO_outbox" in t[3]]
    lmtp_pids = {t[0] for t in lmtp}
    deliveries = [t for t in txns if t[0] in lmtp_pids]
    sender = [t for t in txns if t[0] not in lmtp_pids]
    print("store writes per delivery, %d deliveries of the secretariat "
          "script, outbox mode (WAL frames of %d bytes, never checkpointed)"
          % (n, FRAME))
    a = summary("lmtp", deliveries, n)
    b = summary("sender", sender, n)
    summary("all", txns, n)
    print("lmtp pages per delivery by b-tree: " + by_btree(
        [t[5] for t in deliveries], frames, names, n))
    print("sender pages per delivery by b-tree: " + by_btree(
        [t[5] for t in sender], frames, names, n))
    kinds = collections.Counter(t[3] for t in txns)
    for stmts, count in kinds.most_common(8):
        print("  %5d x %s" % (count, stmts[:150]))
    # figures, not a target of their own: what (b3)'s targets depend on
    print("wal pages per delivery: %.1f (lmtp %.1f, sender %.1f)" % (
        a + b, a, b))
    # the sender, per mail it sent (one receipt per delivery): write
    # transactions and WAL pages counted by the hook, syncs by strace -c
    # -f on its PID (load-independent counts, not times)
    print("sender per sent mail: %.2f write transactions, %.1f WAL pages"
          % (len(sender) / n, b))
    target("sender-write-txn-per-mail", len(sender) / n, "<=", 1.5, "", 2)
    if tracer is not None:
        target("sender-syncs-per-mail", syncs(trace) / n, "<=", 1.5, "", 2)


if __name__ == "__main__":
    main()
