# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: nothing lost, nothing done twice, over real LMTP with the
secretariat script, when the store and the spool fail together (a full
disk, both unwritable), and the spool's own durability (its directory is
synced after an entry is renamed into it). The cases themselves are in
tests/lib/fault_cases.py, shared with tests/fault-matrix.py."""

import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
import fault_cases  # noqa: E402
from fault_cases import server, tagged_reports, deliver  # noqa: E402

ZERO = {"lost": 0, "recorded twice": 0, "receipts twice": 0,
        "receipts lost": 0}


def check_zero(c, count):
    got = {k: c[k] for k in ZERO}
    assert got == ZERO, (got, {k: v for k, v in c.items() if k != "_log"})
    assert c["delivered"] == count, c


def test_disk_full():
    c = fault_cases.case_disk_full(10)
    # Neither done nor spooled: refused for the MTA to retry, never 250.
    assert c["_tempfailed"] == 10, (c["_tempfailed"], c["_log"][-3000:])
    # The write itself failed, under an open store (not its opening).
    assert "database or disk is full" in c["_log"], c["_log"][-3000:]
    # ... in the one lmtp process that opened it before the disk filled
    # (2.4 starts one per connection unless told otherwise)
    pids = set(re.findall(r"lmtp\((\d+)\): Info: Connect from", c["_log"]))
    assert len(pids) == 1, (pids, c["_log"][-3000:])
    check_zero(c, 11)


def test_unwritable():
    c = fault_cases.case_unwritable(10)
    assert c["_tempfailed"] == 10, c
    check_zero(c, 10)


def test_spool_dir_synced():
    """After the rename of an entry into new/, new/ itself is synced
    (fdatasync_path()), before the delivery is acknowledged: strace of our
    own master and lmtp processes (by PID)."""
    subs = tagged_reports("sync", 1)
    with server() as s:
        s.add_task("DA06-2026-101", "STTTT", "Báo cáo tháng 6", "2026-06-30")
        os.rename(s.db, s.db + ".aside")
        trace = os.path.join(s.dc.dir, "strace.out")
        # The master and the lmtp processes it already runs (the harness's
        # readiness probe started one).
        pids = [s.dc.proc.pid] + fault_cases.lmtp_pids(s)
        tracer = subprocess.Popen(
            ["strace", "-f", "-qq", "-y", "-o", trace, "-e",
             "trace=rename,renameat,renameat2,fsync,fdatasync"] +
            sum((["-p", str(p)] for p in pids), []),
            stderr=subprocess.DEVNULL)
        try:
            time.sleep(1)
            code, text = deliver(s, subs[0])
        finally:
            tracer.send_signal(signal.SIGINT)
            tracer.wait(timeout=20)
        assert code == 250, text
        with open(trace) as f:
            lines = f.read().splitlines()
        new = os.path.join(s.spool, "new")
        renamed = [i for i, l in enumerate(lines)
                   if "rename" in l and new + "/" in l and ".meta" in l]
        assert renamed, "\n".join(lines)
        synced = [l for l in lines[renamed[-1]:]
                  if ("fsync(" in l or "fdatasync(" in l) and
                  "<%s>" % new in l]
        assert synced, "\n".join(lines[renamed[-1]:])


def main():
    tap = Tap()
    tap.run("store and spool on one full disk: 4xx, retried, done once",
            test_disk_full)
    tap.run("store and spool unwritable: 4xx, retried, done once",
            test_unwritable)
    tap.run("spool entry: new/ synced after the rename", test_spool_dir_synced)
    tap.done()


if __name__ == "__main__":
    main()
