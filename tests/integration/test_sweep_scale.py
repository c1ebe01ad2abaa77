# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The store at scale: a sweep over more open and overdue tasks than any
page or old cap (100,050 overdue tasks of an agency nobody can be
reminded at, before them in due order) still reminds the agencies whose
tasks fall due this week; `task list` streams (its peak memory listing
100k tasks stays that of listing four) in (due, code) order; the status
filter and the keyset paging lose and repeat nothing."""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import GID, UID, stage_bin  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer  # noqa: E402

OLD = 100050
FILL = r"""
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=30)
con.execute("INSERT INTO agency (code, name) VALUES ('OLD', 'Cơ quan cũ')")
old = con.execute("SELECT id FROM agency WHERE code = 'OLD'").fetchone()[0]
rows = [("OLD-%06d" % i, "Nhiệm vụ cũ %d" % i, old,
         "2026-%02d-%02d" % (3 + i % 3, 1 + i % 28), "overdue", 0, 0)
        for i in range(int(sys.argv[2]))]
con.executemany("INSERT INTO task (code, title, agency_id, due, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
con.commit()
"""


def fill(s):
    # /usr/bin/python3: the mail uid cannot enter a python under root's home
    subprocess.run(["/usr/bin/python3", "-c", FILL, s.db, str(OLD)], check=True,
                   user=UID, group=GID)
    for code, due in (("SOON-1", "2026-06-11"), ("SOON-2", "2026-06-12"),
                      ("SOON-3", "2026-06-11"), ("LATER-1", "2026-12-01")):
        s.add_task(code, "STTTT", "Báo cáo " + code, due)


def reminded(s):
    rows = s.query("SELECT t.code FROM outbox o JOIN task t ON t.id = o.task_id "
                   "WHERE o.kind = 'reminder' AND t.code NOT LIKE 'OLD-%'")
    return sorted(r[0] for r in rows)


def test_sweep_reaches_due_soon(s):
    # none of the old tasks is late enough to go to the Head: the sweep
    # reads them all and writes nothing for them
    start = time.time()
    res = s.cli("sweep", "--today", "2026-06-10", "--escalate-days", "100")
    print("# sweep over %d tasks: %.2f s" % (OLD + 4, time.time() - start))
    assert res.returncode == 0, res.stderr
    assert reminded(s) == ["SOON-1", "SOON-2", "SOON-3"], (reminded(s), res.stdout)


def peak_rss_kb(*args):
    cmd = ["/usr/bin/time", "-f", "%M", stage_bin(), "-c", s_conf[0], "--db",
           s_db[0]] + list(args)
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, user=UID, group=GID, check=True)
    return int(res.stderr.strip().splitlines()[-1]), res.stdout


s_conf, s_db = [None], [None]


def test_list_streams(s):
    s_conf[0], s_db[0] = s.dc.conf, s.db
    small, out = peak_rss_kb("task", "list", "--json", "--agency", "STTTT")
    assert len(json.loads(out)) == 4, out
    big, out = peak_rss_kb("task", "list", "--json")
    tasks = json.loads(out)
    assert len(tasks) == OLD + 4, len(tasks)
    keys = [(t["due"], t["code"].lower()) for t in tasks]
    assert keys == sorted(keys), "not in (due, code) order"
    assert len(set(t["code"] for t in tasks)) == len(tasks), "a task listed twice"
    print("# peak RSS: %d kB listing 4 tasks, %d kB listing %d" % (small, big, len(tasks)))
    assert big < small + 16 * 1024, (small, big)


def test_status_filter(s):
    out = s.cli("task", "list", "--json", "--status", "open").stdout
    assert sorted(t["code"] for t in json.loads(out)) == \
        ["LATER-1", "SOON-1", "SOON-2", "SOON-3"], out
    out = s.cli("task", "list", "--status", "overdue,submitted").stdout
    assert len(out.splitlines()) == OLD


def main():
    tap = Tap()
    with TrackingServer() as s:
        fill(s)
        tap.run("a sweep past %d overdue tasks still reminds what falls due" % OLD,
                test_sweep_reaches_due_soon, s)
        tap.run("task list --json streams: constant memory, (due, code) order",
                test_list_streams, s)
        tap.run("the status filter finds every task of the statuses asked",
                test_status_filter, s)
    tap.done()


if __name__ == "__main__":
    main()
