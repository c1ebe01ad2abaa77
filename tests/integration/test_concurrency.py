# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Concurrency: 8 parallel LMTP sessions deliver 1000 reports, each
answering its own task, through the secretariat script into one SQLite
store. Every report must be filed once, recorded once, its task moved
once, its receipt sent once, and nothing may fail."""

import os
import smtplib
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402

SESSIONS = 8
REPORTS = 1000
SENDER = "vanphong@stttt.example.vn"


def task_code(i):
    return "CC-%04d" % i


def make_report(i):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nNhiệm vụ %s\n"
            % (i, task_code(i)))
    return report("cc-%04d@stttt.example.vn" % i, SENDER, body,
                  subject="[%s] Báo cáo" % task_code(i))


def deliver_range(port, indexes, results):
    with smtplib.LMTP("127.0.0.1", port, timeout=120) as lmtp:
        lmtp.ehlo("load.example.vn")
        for i in indexes:
            try:
                lmtp.sendmail(SENDER, ["tgv@bcd06.example.vn"], make_report(i))
                results[i] = 250
            except smtplib.SMTPException as e:
                results[i] = str(e)


def main():
    tap = Tap()
    with TrackingServer() as s:
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("kind,code-or-email,agency,roles-or-title,name\n")
            for i in range(1, REPORTS + 1):
                f.write("task,%s,STTTT,Nhiệm vụ %s,2026-06-30,BC\n" % (
                    task_code(i), task_code(i)))
        os.chmod(f.name, 0o644)
        s.cli("import", f.name)
        os.unlink(f.name)

        results = {}
        threads = []
        started = time.time()
        for n in range(SESSIONS):
            idx = list(range(1 + n, REPORTS + 1, SESSIONS))
            t = threading.Thread(target=deliver_range,
                                 args=(s.dc.lmtp_port, idx, results))
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        elapsed = time.time() - started
        print("# %d reports in %.1f s over %d sessions (%.0f msgs/s)"
              % (REPORTS, elapsed, SESSIONS, REPORTS / elapsed))

        def all_accepted():
            bad = {i: r for i, r in results.items() if r != 250}
            assert len(results) == REPORTS and not bad, list(bad.items())[:5]

        def filed_once():
            ids = s.dc.message_ids()
            filed = [m for mb, lst in ids.items() for m in lst if m.startswith("<cc-")]
            assert len(filed) == REPORTS and len(set(filed)) == REPORTS, \
                (len(filed), len(set(filed)))
            assert set(ids) >= {"Báo cáo.STTTT"}, ids.keys()

        def recorded_once():
            rows = s.query("SELECT count(*), count(DISTINCT message_id), "
                           "count(DISTINCT task_id) FROM submission "
                           "WHERE message_id LIKE '<cc-%'")
            assert rows == [(REPORTS, REPORTS, REPORTS)], rows
            moved = s.query("SELECT count(*) FROM task WHERE code LIKE 'CC-%' "
                            "AND status = 'submitted'")[0][0]
            assert moved == REPORTS, moved
            audits = s.query("SELECT count(*) FROM audit WHERE entity = 'task' "
                             "AND entity_key LIKE 'CC-%' AND action LIKE 'transition%'")
            assert audits == [(REPORTS,)], audits

        def confirmed_once():
            deadline = time.time() + 30
            got = []
            while time.time() < deadline:
                got += s.sent()
                if len(got) >= REPORTS:
                    break
                time.sleep(0.2)
            got += s.sent()
            refs = [m["In-Reply-To"] for _, _, m in got]
            assert len(refs) == REPORTS and len(set(refs)) == REPORTS, \
                (len(refs), len(set(refs)))
            states = s.query("SELECT state, count(*) FROM outbox GROUP BY state")
            assert states == [("sent", REPORTS)], states

        def no_errors():
            bad = [line for line in s.dc.read_log().splitlines()
                   if "Error:" in line or "Panic:" in line or "Fatal:" in line]
            assert not bad, bad[:5]
            assert not os.path.exists(os.path.join(s.spool, "new")) or \
                not os.listdir(os.path.join(s.spool, "new"))

        tap.run("all 1000 LMTP deliveries accepted", all_accepted)
        tap.run("every report filed exactly once", filed_once)
        tap.run("every report recorded once, every task moved once", recorded_once)
        tap.run("every receipt sent exactly once", confirmed_once)
        tap.run("zero errors logged, nothing spooled", no_errors)
    tap.done()


if __name__ == "__main__":
    main()
