# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Two Dovecot instances on one PostgreSQL store (DONDOC_TEST_DB=pgsql;
tests/store/test_pgsql.py runs it): a director ring's two backends, each
with the secretariat's script and its own SMTP sink, 4 LMTP sessions
each, 1000 reports in all (DONDOC_TWO_DOVECOT_REPORTS), every report
answering its own task. Every report is filed once, recorded once, its
task moved once, its receipt sent once (by the instance that took it),
with zero errors and nothing spooled. Prints TAP; skips on SQLite."""

import os
import smtplib
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402

SESSIONS = 4
REPORTS = int(os.environ.get("DONDOC_TWO_DOVECOT_REPORTS", "1000"))
SENDER = "vanphong@stttt.example.vn"


def task_code(i):
    return "TD-%04d" % i


def make_report(i):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nNhiệm vụ %s\n"
            % (i, task_code(i)))
    return report("td-%04d@stttt.example.vn" % i, SENDER, body,
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
    if pg_harness.backend() != "pgsql":
        print("1..0 # SKIP two Dovecots share a store on PostgreSQL only")
        return
    with TrackingServer() as a:
        path = os.path.join(a.dc.dir, "tasks.csv")
        with open(path, "w") as f:
            f.write("kind,code-or-email,agency,roles-or-title,name\n")
            for i in range(1, REPORTS + 1):
                f.write("task,%s,STTTT,Nhiệm vụ %s,2026-06-30,BC\n" % (
                    task_code(i), task_code(i)))
        os.chmod(path, 0o644)
        a.cli("import", path)
        with TrackingServer(store_settings={"db": a.db}) as b:
            results = {}
            threads = []
            started = time.time()
            for n in range(2 * SESSIONS):
                server = a if n % 2 == 0 else b
                idx = list(range(1 + n, REPORTS + 1, 2 * SESSIONS))
                t = threading.Thread(target=deliver_range,
                                     args=(server.dc.lmtp_port, idx, results))
                t.start()
                threads.append(t)
            for t in threads:
                t.join()
            elapsed = time.time() - started
            print("# %d reports in %.1f s over 2 Dovecots x %d sessions "
                  "(%.0f msgs/s)" % (REPORTS, elapsed, SESSIONS,
                                     REPORTS / elapsed))

            def all_accepted():
                bad = {i: r for i, r in results.items() if r != 250}
                assert len(results) == REPORTS and not bad, \
                    list(bad.items())[:5]

            def filed_once():
                filed = []
                for server in (a, b):
                    filed += [m for lst in server.dc.message_ids().values()
                              for m in lst if m.startswith("<td-")]
                assert len(filed) == REPORTS and len(set(filed)) == REPORTS, \
                    (len(filed), len(set(filed)))

            def recorded_once():
                rows = a.query("SELECT count(*), count(DISTINCT message_id), "
                               "count(DISTINCT task_id) FROM submission "
                               "WHERE message_id LIKE '<td-%'")
                assert rows == [(REPORTS, REPORTS, REPORTS)], rows
                moved = a.query("SELECT count(*) FROM task WHERE code LIKE "
                                "'TD-%' AND status = 'submitted'")[0][0]
                assert moved == REPORTS, moved
                audits = a.query("SELECT count(*) FROM audit WHERE entity = "
                                 "'task' AND entity_key LIKE 'TD-%' AND "
                                 "action LIKE 'transition%'")
                assert audits == [(REPORTS,)], audits

            def confirmed_once():
                deadline = time.time() + 60
                got = []
                while time.time() < deadline:
                    got += a.sent() + b.sent()
                    if len(got) >= REPORTS:
                        break
                    time.sleep(0.2)
                got += a.sent() + b.sent()
                refs = [m["In-Reply-To"] for _, _, m in got
                        if (m["In-Reply-To"] or "").startswith("<td-")]
                assert len(refs) == REPORTS and len(set(refs)) == REPORTS, \
                    (len(refs), len(set(refs)))
                states = a.query("SELECT state, count(*) FROM outbox "
                                 "GROUP BY state")
                assert states == [("sent", REPORTS)], states

            def no_errors():
                for server in (a, b):
                    bad = [line for line in server.dc.read_log().splitlines()
                           if "Error:" in line or "Panic:" in line or
                           "Fatal:" in line]
                    assert not bad, bad[:5]
                    new = os.path.join(server.spool, "new")
                    assert not os.path.exists(new) or not os.listdir(new)

            tap.run("all %d LMTP deliveries accepted by the two instances"
                    % REPORTS, all_accepted)
            tap.run("every report filed exactly once", filed_once)
            tap.run("every report recorded once, every task moved once",
                    recorded_once)
            tap.run("every receipt sent exactly once", confirmed_once)
            tap.run("zero errors logged by either, nothing spooled", no_errors)
    tap.done()


if __name__ == "__main__":
    main()
