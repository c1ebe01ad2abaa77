# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Benchmark (run by hand or by `make bench`, not a test): `dondoc digest`
over a store of 100,000 tasks and 200,000 submissions (100 agencies, the
tasks' due dates spread over 2026, two submissions per task of which one
verified, one submission in ten raising difficulties and proposals).
The store is made by `dondoc db init` and filled with SQL; each format is
timed for a month (target: under 1 s), then json for a quarter and a
year. Usage: bench_digest.py [TASKS] (DONDOC_BUILDDIR: the build)."""

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILD = os.environ.get("DONDOC_BUILDDIR", os.path.join(SRC, "_build"))
DONDOC = os.path.join(BUILD, "cli", "dondoc")
AGENCIES = 100
# a month's digest, each format
TARGET_MONTH_S = 1.0

sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from bench_target import stop_on_signals, target  # noqa: E402
from dovecot_conf24 import is_24  # noqa: E402

# The charts' helper as built (its installed path need not exist). On
# 2.4 a dondoc_* setting given with -o must be declared to doveconf,
# which the staged module does only for the tests: there the build-tree
# run draws no charts (and says so on stderr).
CHART_ARGS = [] if is_24() else [
    "-o", "plugin/dondoc_chart_helper=" + os.path.join(BUILD, "chart",
                                                       "dondoc-chart")]


def fill(db, n_tasks):
    con = sqlite3.connect(db)
    rnd = random.Random(6)
    now = int(time.time())
    with con:
        con.executemany("INSERT INTO agency (code, name) VALUES (?, ?)",
                        [("AG%03d" % i, "Cơ quan số %d" % i) for i in range(AGENCIES)])
        ids = dict(con.execute("SELECT code, id FROM agency"))
        tasks, subs, issues = [], [], []
        statuses = ["open", "overdue", "submitted", "submitted-late", "closed"]
        for i in range(n_tasks):
            agency = ids["AG%03d" % (i % AGENCIES)]
            day = 1 + (i * 7919) % 365
            due = time.strftime("%Y-%m-%d", time.gmtime(
                time.mktime((2026, 1, 1, 12, 0, 0, 0, 0, 0)) + (day - 1) * 86400))
            status = statuses[rnd.randrange(len(statuses))]
            tasks.append((i + 1, "T-%06d" % i, "Báo cáo nhiệm vụ số %d" % i, agency,
                          due, status, now, now))
            received = int(time.mktime((2026, 1, 1, 9, 0, 0, 0, 0, 0))) + day * 86400
            late = 1 if status == "submitted-late" else 0
            for k, trust in enumerate(("verified", "unverified")):
                sid = 2 * i + k + 1
                subs.append((sid, "<s%d@bench.example.vn>" % sid, "BC", str(i % 500),
                             "BC-AG", due, i + 1, agency, received + k * 3600,
                             late, 3 * late, trust))
                if k == 0 and i % 10 == 0:
                    issues.append((sid, 0, 1, 1, "Khó khăn số %d: thiếu thiết bị." % i,
                                   "Đề nghị hỗ trợ kinh phí."))
        con.executemany("INSERT INTO task (id, code, title, agency_id, due, status, "
                        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", tasks)
        con.executemany("INSERT INTO submission (id, message_id, doc_type, doc_number, "
                        "doc_symbol, doc_date, task_id, sender_agency_id, received_at, "
                        "late, late_days, trust) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", subs)
        con.executemany("INSERT INTO submission_issue (submission_id, secret, "
                        "difficulties_raised, proposals_raised, difficulties, proposals) "
                        "VALUES (?,?,?,?,?,?)", issues)
    con.execute("ANALYZE")
    con.close()
    return len(tasks), len(subs)


def timed(db, *args):
    best = None
    for _ in range(3):
        start = time.monotonic()
        res = subprocess.run([DONDOC] + CHART_ARGS +
                             ["--db", db, "digest", "--today", "2026-12-31"]
                             + list(args), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, check=True)
        took = time.monotonic() - start
        best = took if best is None else min(best, took)
    return best, len(res.stdout)


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    tmp = tempfile.mkdtemp(prefix="dondoc-bench-digest.")
    try:
        db = os.path.join(tmp, "dondoc.db")
        subprocess.run([DONDOC, "--db", db, "db", "init", "--calendar",
                        os.path.join(SRC, "sql", "calendar",
                                     "vn-public-service-calendar-2022-2026.tsv")],
                       check=True, stdout=subprocess.DEVNULL)
        start = time.monotonic()
        tasks, subs = fill(db, n)
        print("store: %d tasks, %d submissions (filled in %.1f s)"
              % (tasks, subs, time.monotonic() - start))
        for period, fmt in [("2026-06", "json"), ("2026-06", "text"),
                            ("2026-06", "html"), ("2026-06", "docx"),
                            ("2026-Q2", "json"), ("2026", "json")]:
            args = ["--period", period, "--format", fmt]
            if fmt == "docx":
                args += ["--output", os.path.join(tmp, "out.docx")]
            took, size = timed(db, *args)
            if fmt == "docx":
                size = os.path.getsize(os.path.join(tmp, "out.docx"))
            print("digest --period %-8s --format %-4s %6.3f s  (%d bytes)"
                  % (period, fmt, took, size))
            if period == "2026-06":
                target("digest-month-%s" % fmt, took, "<", TARGET_MONTH_S,
                       " s", 3)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
