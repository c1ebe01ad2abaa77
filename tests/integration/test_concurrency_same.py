# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Concurrency on the same things: 8 LMTP sessions deliver at the same
moment (a barrier before each round) mails that share what a delivery's
write transaction holds (dondoc_store_begin_keys()): the same Message-ID,
the same document under new Message-IDs, the same task and sender with
different documents. On PostgreSQL deliveries that share nothing run at
once; these must still wait for each other, so that each exactly-once
rule holds: one record per Message-ID and per document, a task moved
once, one receipt per Message-ID and per task and sender within
dondoc_receipt_days, no delivery failed or spooled. Runs on SQLite, and
on PostgreSQL through tests/store/test_pgsql.py (DONDOC_TEST_DB=pgsql).
Trusts tests/lib (the private Dovecot, the store, the SMTP sink)."""

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
ROUNDS = 6
SENDER = "vanphong@stttt.example.vn"


def body(code, number):
    return ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nNhiệm vụ %s\n"
            % (number, code))


def mail(msgid, code, number):
    return report(msgid, SENDER, body(code, number),
                  subject="[%s] Báo cáo" % code)


def deliver_rounds(port, mails_of, results, barrier):
    """mails_of(r) -> this session's mail of round r"""
    with smtplib.LMTP("127.0.0.1", port, timeout=120) as lmtp:
        lmtp.ehlo("load.example.vn")
        for r in range(ROUNDS):
            data = mails_of(r)
            barrier.wait()
            try:
                lmtp.sendmail(SENDER, ["tgv@bcd06.example.vn"], data)
                results.append(250)
            except smtplib.SMTPException as e:
                results.append(str(e))


def run_sessions(s, make):
    """make(session, round) -> mail; all sessions send round r at once"""
    results = []
    barrier = threading.Barrier(SESSIONS)
    threads = [threading.Thread(target=deliver_rounds, args=(
        s.dc.lmtp_port, lambda r, n=n: make(n, r), results, barrier))
        for n in range(SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def receipts(s, want):
    """The receipts sent (In-Reply-To of each), once want arrived or
    after a while; and a little more, to see any extra one."""
    deadline = time.time() + 20
    got = []
    while time.time() < deadline and len(got) < want:
        got += s.sent()
        time.sleep(0.2)
    time.sleep(1.0)
    got += s.sent()
    return [m["In-Reply-To"] for _, _, m in got]


def main():
    tap = Tap()
    with TrackingServer() as s:
        # A: round r's task; B: round r's; C: round r's
        with tempfile.NamedTemporaryFile("w", suffix=".csv",
                                         delete=False) as f:
            f.write("kind,code-or-email,agency,roles-or-title,name\n")
            for kind in "ABC":
                for r in range(ROUNDS):
                    code = "SM-%s%d" % (kind, r)
                    f.write("task,%s,STTTT,Nhiệm vụ %s,2026-06-30,BC\n" % (
                        code, code))
        os.chmod(f.name, 0o644)
        s.cli("import", f.name)
        os.unlink(f.name)
        all_results = []

        # A: every session the same mail (one Message-ID) at once
        all_results += run_sessions(s, lambda n, r: mail(
            "sm-a%d@stttt.example.vn" % r, "SM-A%d" % r, 100 + r))
        sent_a = receipts(s, ROUNDS)

        # B: the same document (number, symbol, task) under a new
        # Message-ID in each session
        all_results += run_sessions(s, lambda n, r: mail(
            "sm-b%d-%d@stttt.example.vn" % (r, n), "SM-B%d" % r, 200 + r))
        sent_b = receipts(s, ROUNDS)

        # C: the same task and sender, a document of its own each
        all_results += run_sessions(s, lambda n, r: mail(
            "sm-c%d-%d@stttt.example.vn" % (r, n), "SM-C%d" % r,
            1000 + 10 * r + n))
        sent_c = receipts(s, ROUNDS)

        def all_accepted():
            bad = [r for r in all_results if r != 250]
            assert len(all_results) == 3 * ROUNDS * SESSIONS and not bad, \
                bad[:5]

        def one_per_message_id():
            rows = s.query("SELECT t.code, count(*) FROM submission s "
                           "JOIN task t ON t.id = s.task_id WHERE "
                           "s.message_id LIKE '<sm-a%' GROUP BY t.code "
                           "ORDER BY t.code")
            assert rows == [("SM-A%d" % r, 1) for r in range(ROUNDS)], rows
            assert sorted(sent_a) == sorted(
                "<sm-a%d@stttt.example.vn>" % r for r in range(ROUNDS)), \
                sent_a

        def one_per_document():
            rows = s.query("SELECT t.code, count(*) FROM submission s "
                           "JOIN task t ON t.id = s.task_id WHERE "
                           "s.message_id LIKE '<sm-b%' GROUP BY t.code "
                           "ORDER BY t.code")
            assert rows == [("SM-B%d" % r, 1) for r in range(ROUNDS)], rows
            assert len(sent_b) == ROUNDS and len(
                {ref.split("-")[1] for ref in sent_b}) == ROUNDS, sent_b

        def one_move_one_receipt_per_task():
            rows = s.query("SELECT t.code, count(*) FROM submission s "
                           "JOIN task t ON t.id = s.task_id WHERE "
                           "s.message_id LIKE '<sm-c%' GROUP BY t.code "
                           "ORDER BY t.code")
            assert rows == [("SM-C%d" % r, SESSIONS)
                            for r in range(ROUNDS)], rows
            # one receipt per task and sender (dondoc_receipt_days)
            assert len(sent_c) == ROUNDS and len(
                {ref.split("-")[1] for ref in sent_c}) == ROUNDS, sent_c

        def every_task_moved_once():
            moved = s.query("SELECT count(*) FROM task WHERE code LIKE "
                            "'SM-%' AND status = 'submitted'")[0][0]
            assert moved == 3 * ROUNDS, moved
            audits = s.query("SELECT count(*) FROM audit WHERE entity = "
                             "'task' AND entity_key LIKE 'SM-%' AND "
                             "action LIKE 'transition%'")
            assert audits == [(3 * ROUNDS,)], audits
            states = s.query("SELECT state, count(*) FROM outbox "
                             "GROUP BY state")
            assert states == [("sent", 3 * ROUNDS)], states

        def no_errors():
            bad = [line for line in s.dc.read_log().splitlines()
                   if "Error:" in line or "Panic:" in line or
                   "Fatal:" in line]
            assert not bad, bad[:5]
            new = os.path.join(s.spool, "new")
            assert not os.path.exists(new) or not os.listdir(new), \
                os.listdir(new)

        tap.run("all %d LMTP deliveries accepted" % (3 * ROUNDS * SESSIONS),
                all_accepted)
        tap.run("one Message-ID from %d sessions at once: recorded once, "
                "one receipt" % SESSIONS, one_per_message_id)
        tap.run("one document under %d Message-IDs at once: recorded once, "
                "one receipt" % SESSIONS, one_per_document)
        tap.run("one task, %d documents at once: all recorded, one receipt"
                % SESSIONS, one_move_one_receipt_per_task)
        tap.run("every task moved once, every outbox mail sent",
                every_task_moved_once)
        tap.run("zero errors logged, nothing spooled", no_errors)
    tap.done()


if __name__ == "__main__":
    main()
