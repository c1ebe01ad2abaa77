# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""PostgreSQL faults at delivery (DONDOC_TEST_DB=pgsql; tests/store/
test_pgsql.py runs it): the server down, the server restarting in the
middle of a batch of LMTP deliveries, the plugin's kept connection broken
by a restart between deliveries. Each time: every mail delivered, the work
that could not be done spooled, the replay records each report once and
sends each receipt once, nothing is lost and nothing done twice. Prints
TAP; skips (1..0) on the SQLite backend."""

import os
import smtplib
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402

SENDER = "vanphong@stttt.example.vn"
TGV = "tgv@bcd06.example.vn"
SESSIONS = 4
BATCH = 120


def code(i):
    return "PF-%04d" % i


def make_report(i):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nNhiệm vụ %s\n"
            % (i, code(i)))
    return report("pf-%04d@stttt.example.vn" % i, SENDER, body,
                  subject="[%s] Báo cáo" % code(i))


def add_tasks(s, first, last):
    path = os.path.join(s.dc.dir, "tasks-%d.csv" % first)
    with open(path, "w") as f:
        f.write("kind,code-or-email,agency,roles-or-title,name\n")
        for i in range(first, last + 1):
            f.write("task,%s,STTTT,Nhiệm vụ %s,2026-06-30,BC\n" % (code(i), code(i)))
    os.chmod(path, 0o644)
    s.cli("import", path)


def spooled(s):
    new = os.path.join(s.spool, "new")
    return [e for e in os.listdir(new) if e.endswith(".meta")] \
        if os.path.isdir(new) else []


def replay(s):
    res = s.dc.dondoc("spool", "replay", "--spool", s.spool, "--smtp",
                      "127.0.0.1:%d" % s.sink.port, db=s.db)
    assert " 0 left" in res.stdout, res.stdout + res.stderr


def recorded(s, first, last):
    rows = s.query("SELECT count(*), count(DISTINCT message_id) FROM submission "
                   "WHERE message_id >= ? AND message_id <= ?",
                   "<pf-%04d@" % first, "<pf-%04d@~" % last)
    return rows[0]


def receipts(s, got):
    return [m["In-Reply-To"] for _, _, m in got
            if (m["In-Reply-To"] or "").startswith("<pf-")]


def main():
    tap = Tap()
    if pg_harness.backend() != "pgsql":
        print("1..0 # SKIP PostgreSQL faults need DONDOC_TEST_DB=pgsql")
        return
    pg = None
    with TrackingServer() as s:
        pg = s.pg
        pg.running = True
        add_tasks(s, 1, 1 + BATCH + 10)
        sent = []

        def server_down():
            pg.pg_ctl_stop("fast")
            try:
                started = time.time()
                code_, text = s.dc.deliver(make_report(1), mail_from=SENDER)
                elapsed = time.time() - started
            finally:
                pg.pg_ctl_start()
            assert code_ == 250, text
            assert elapsed < 10, elapsed
            assert len(s.dc.where("<pf-0001@stttt.example.vn>")) == 1
            assert spooled(s), "nothing spooled"
            assert recorded(s, 1, 1) == (0, 0)
            replay(s)
            assert recorded(s, 1, 1) == (1, 1)
            assert s.task_status(code(1)) == "submitted"
            time.sleep(0.5)
            sent.extend(s.sent())
            assert receipts(s, sent) == ["<pf-0001@stttt.example.vn>"], sent

        results = {}

        def batch_with_restart():
            def deliver(indexes):
                with smtplib.LMTP("127.0.0.1", s.dc.lmtp_port, timeout=120) as l:
                    l.ehlo("load.example.vn")
                    for i in indexes:
                        try:
                            l.sendmail(SENDER, [TGV], make_report(i))
                            results[i] = 250
                        except smtplib.SMTPException as e:
                            results[i] = str(e)

            first, last = 2, 1 + BATCH
            threads = [threading.Thread(target=deliver, args=(
                list(range(first + n, last + 1, SESSIONS)),))
                for n in range(SESSIONS)]
            for t in threads:
                t.start()
            while len(results) < BATCH // 3:
                time.sleep(0.01)
            pg.restart("fast")
            for t in threads:
                t.join()
            bad = {i: r for i, r in results.items() if r != 250}
            assert len(results) == BATCH and not bad, list(bad.items())[:5]
            filed = [m for lst in s.dc.message_ids().values() for m in lst
                     if m.startswith("<pf-")]
            assert len(filed) == BATCH + 1 and len(set(filed)) == BATCH + 1
            n_spooled = len(spooled(s))
            print("# %d deliveries, %d spooled by the restart" % (BATCH, n_spooled))
            replay(s)
            assert recorded(s, first, last) == (BATCH, BATCH), \
                recorded(s, first, last)
            moved = s.query("SELECT count(*) FROM task WHERE code >= ? AND "
                            "code <= ? AND status = 'submitted'",
                            code(first), code(last))[0][0]
            assert moved == BATCH, moved
            audits = s.query("SELECT count(*) FROM audit WHERE entity = 'task' "
                             "AND entity_key >= ? AND entity_key <= ? AND "
                             "action LIKE 'transition%'", code(first), code(last))
            assert audits == [(BATCH,)], audits
            deadline = time.time() + 30
            while time.time() < deadline and len(receipts(s, sent)) < BATCH + 1:
                sent.extend(s.sent())
                time.sleep(0.2)
            res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
            time.sleep(0.5)
            sent.extend(s.sent())
            refs = receipts(s, sent)
            assert len(refs) == BATCH + 1 and len(set(refs)) == BATCH + 1, \
                (len(refs), len(set(refs)), res.stdout)

        def reconnect_between_deliveries():
            # the kept connection dies with the restart; the next delivery
            # reconnects outside any transaction and records directly
            pg.restart("fast")
            i = BATCH + 5
            code_, text = s.dc.deliver(make_report(i), mail_from=SENDER)
            assert code_ == 250, text
            assert not spooled(s), spooled(s)
            assert recorded(s, i, i) == (1, 1)

        def down_between_250_and_mark():
            # the receipt taken by the server, then the store's server
            # stopped before the delivery marks it sent, back 0.5 s later:
            # the mark is tried again within the busy timeout, so the
            # mail is marked once the server is back and sent once (one
            # try failed, and the sent journal, a row of the same server,
            # failed with it: the sender sent the receipt again)
            i = BATCH + 6
            stopped = []

            def stop_store(data):
                if b"pf-%04d@" % i in data and not stopped:
                    stopped.append(time.time())
                    pg.pg_ctl_stop("fast")
                    threading.Timer(0.5, pg.pg_ctl_start).start()

            s.sink.before_250 = stop_store
            try:
                started = time.time()
                code_, text = s.dc.deliver(make_report(i), mail_from=SENDER)
                elapsed = time.time() - started
            finally:
                s.sink.before_250 = None
            assert code_ == 250, text
            assert stopped, "no receipt was sent at delivery"
            deadline = time.time() + 60
            while not pg.running and time.time() < deadline:
                time.sleep(0.1)
            assert recorded(s, i, i) == (1, 1)
            got = s.sent()
            mine = [m for _, _, m in got if (m["In-Reply-To"] or "")
                    .startswith("<pf-%04d@" % i)]
            assert len(mine) == 1, got
            # marked by the delivery itself, not left claimed for a
            # sender that would send it again once the lease ran out
            state = s.query("SELECT state FROM outbox WHERE message_id = ?",
                            mine[0]["Message-ID"])
            assert state == [("sent",)], state
            res = s.cli("outbox", "send", "--smtp",
                        "127.0.0.1:%d" % s.sink.port)
            time.sleep(0.5)
            got.extend(s.sent())
            mine = [r for r in receipts(s, got) if r.startswith("<pf-%04d@" % i)]
            assert len(mine) == 1, (mine, res.stdout, res.stderr)
            print("# delivery took %.2f s with the store's server down "
                  "for its mark" % elapsed)

        def log_clean():
            log = s.dc.read_log().splitlines()
            bad = [line for line in log if "Panic:" in line or "Fatal:" in line]
            assert not bad, [line for line in log if "Panic" in line or
                             "rror" in line][:10]

        tap.run("PostgreSQL down: delivered at once, spooled, replayed once, "
                "one receipt", server_down)
        tap.run("restart in the middle of %d deliveries over %d sessions: all "
                "accepted, filed once, recorded once, receipts once"
                % (BATCH, SESSIONS), batch_with_restart)
        tap.run("a restart between deliveries: the next one reconnects and "
                "records, nothing spooled", reconnect_between_deliveries)
        tap.run("the server stopped between a receipt's 250 and its mark: "
                "marked once it is back, sent once", down_between_250_and_mark)
        tap.run("no panic or fatal in the server log", log_clean)
    tap.done()


if __name__ == "__main__":
    main()
