# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the outbox against faults, over real LMTP with the
secretariat script, a real store (SQLite; PostgreSQL with
DONDOC_TEST_DB=pgsql) and fault-injecting SMTP servers on loopback
(tests/lib/smtp_faults.py). What must hold: a stalled server holds a
delivery for dondoc_smtp_timeout, not 30 s; a delivery killed (kill -9)
after its commit and before its send ends in exactly one receipt, sent by
the running sender or by the redelivery within seconds; two senders never
send the same mail twice, whatever stalls; a dropping server loses nothing
and doubles nothing. Each case counts the mails the servers acknowledged
against the receipts due."""

import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402
from smtp_faults import FaultSmtp  # noqa: E402

STTTT = "vanphong@stttt.example.vn"


def monthly(number, task, msgid):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTháng 6\n" % number)
    return report(msgid, STTTT, body, subject="[%s] Báo cáo" % task)


def server(fault, **settings):
    store = {"dondoc_submission_host": "127.0.0.1:%d" % fault.port}
    store.update(settings)
    return TrackingServer(sink=False, smtp_port=fault.port, store_settings=store)


def add_tasks(s, count, first=70):
    codes = []
    for i in range(count):
        code = "DA06-2026-%03d" % (first + i)
        s.add_task(code, "STTTT", "Báo cáo tháng 6 số %d" % i, "2026-06-30")
        codes.append(code)
    return codes


def outbox(s):
    return s.query("SELECT state, attempts, message_id FROM outbox ORDER BY id")


def lmtp_children(s):
    """PIDs of the lmtp processes of our own Dovecot (children of its
    master, found by the master's PID)."""
    pids = []
    master = s.dc.proc.pid
    try:
        with open("/proc/%d/task/%d/children" % (master, master)) as f:
            children = [int(p) for p in f.read().split()]
    except OSError:
        return pids
    for pid in children:
        try:
            with open("/proc/%d/comm" % pid) as f:
                if f.read().strip() == "lmtp":
                    pids.append(pid)
        except OSError:
            pass
    return pids


def wait_for(pred, timeout, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(step)
    return pred()


def test_stalled_server_bounded():
    """A server that accepts and never greets: each delivery is held about
    dondoc_smtp_timeout (2 s), answers 250, and leaves its receipt queued;
    it is sent once when the server is back."""
    fault = FaultSmtp("stall").start()
    try:
        with server(fault) as s:
            codes = add_tasks(s, 4)
            held = []
            for i, code in enumerate(codes):
                started = time.time()
                code_, text = s.dc.deliver(monthly(300 + i, code,
                                                   "stall-%d@stttt.example.vn" % i),
                                           mail_from=STTTT)
                held.append(time.time() - started)
                assert code_ == 250, text
            print("# delivery held by a stalled server: %s s" %
                  ", ".join("%.1f" % h for h in held))
            assert max(held) < 4.5, held
            assert fault.stalled >= 4, fault.stalled
            rows = outbox(s)
            assert [(r[0], r[1]) for r in rows] == [("queued", 1)] * 4, rows
            fault.mode = "ok"
            res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % fault.port)
            assert "4 sent" in res.stdout, res.stdout + res.stderr
            sent = fault.message_ids()
            assert sorted(sent) == sorted(r[2] for r in rows), (sent, rows)
            assert len(set(sent)) == 4
    finally:
        fault.stop()


def kill_in_send(s, fault, message, rcpt_sender):
    """Deliver message while the SMTP server stalls, and kill -9 the lmtp
    process while it waits in the send (after its store commit). Returns
    the LMTP outcome (code or the exception)."""
    outcome = {}

    def run():
        try:
            outcome["code"] = s.dc.deliver(message, mail_from=rcpt_sender)[0]
        except Exception as e:  # the connection dies with the process
            outcome["code"] = repr(e)

    before = fault.stalled
    t = threading.Thread(target=run)
    t.start()
    assert wait_for(lambda: fault.stalled > before, 20), "no send began"
    pids = lmtp_children(s)
    assert pids, "no lmtp process"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    t.join(30)
    return outcome.get("code")


def test_kill_after_commit():
    """kill -9 of the lmtp process between the commit and the send, twice:
    the running sender (`outbox send --watch`) sends the first receipt
    within seconds of the lease; the MTA's redelivery of the second sends
    it itself. Exactly one receipt per report; a redelivery after that
    sends nothing."""
    fault = FaultSmtp("stall").start()
    sink = FaultSmtp("ok").start()
    try:
        with server(fault, dondoc_smtp_timeout="10",
                    dondoc_outbox_lease="12") as s:
            codes = add_tasks(s, 2)
            m1 = monthly(310, codes[0], "kill-1@stttt.example.vn")
            m2 = monthly(311, codes[1], "kill-2@stttt.example.vn")

            # 1: the running sender picks it up.
            res = kill_in_send(s, fault, m1, STTTT)
            assert res != 250, res
            killed_at = time.time()
            rows = s.query("SELECT state FROM outbox")
            assert len(rows) == 1 and rows[0][0] != "sent", rows
            sender = s.dc.dondoc_spawn("outbox", "send", "--watch", "--smtp",
                                       "127.0.0.1:%d" % sink.port, db=s.db)
            try:
                assert wait_for(lambda: sink.message_ids(), 30), \
                    "the running sender never sent the receipt"
                picked = time.time() - killed_at
                print("# receipt of the killed delivery sent by the running "
                      "sender %.1f s after the kill (lease 12 s)" % picked)
                assert picked < 16, picked
            finally:
                rc, out, err = s.dc.stop_spawned(sender)
            assert rc == 0, (rc, out, err)
            # The MTA redelivers the killed delivery: nothing sent again.
            fault.mode = "ok"
            code, text = s.dc.deliver(m1, mail_from=STTTT)
            assert code == 250, text
            time.sleep(0.5)
            assert fault.message_ids() == [], fault.message_ids()
            # It was sent begun twice: the resend is in the audit log.
            resend = s.query("SELECT count(*) FROM audit WHERE entity = 'outbox' "
                             "AND action LIKE 'resend%'")[0][0]
            assert resend == 1, resend

            # 2: the redelivery sends it, once its lease has run out.
            fault.mode = "stall"
            res = kill_in_send(s, fault, m2, STTTT)
            assert res != 250, res
            killed_at = time.time()
            fault.mode = "ok"
            time.sleep(14 - (time.time() - killed_at))  # past the lease
            code, text = s.dc.deliver(m2, mail_from=STTTT)
            assert code == 250, text
            assert len(fault.message_ids()) == 1, fault.message_ids()
            code, text = s.dc.deliver(m2, mail_from=STTTT)
            assert code == 250, text
            sent = sink.message_ids() + fault.message_ids()
            rows = outbox(s)
            assert [r[0] for r in rows] == ["sent", "sent"], rows
            assert sorted(sent) == sorted(r[2] for r in rows), (sent, rows)
            print("# receipts due 2, sent %d" % len(sent))
    finally:
        fault.stop()
        sink.stop()


def test_mark_sent_fails():
    """The mail is sent and the store is locked at that very moment (by
    another writer, longer than the busy timeout): "mark sent" fails. The
    mail is noted in the sent journal; the sender that takes the claim
    over once its lease runs out marks it sent and does not send it
    again: one receipt."""
    sink = FaultSmtp("ok").start()
    locks = []

    def lock_store(_data):
        # the store's own lock (SQLite or PostgreSQL: DONDOC_TEST_DB)
        con = s.lock_store()
        locks.append(con)
        threading.Timer(4, con.release).start()

    try:
        with server(sink, dondoc_busy_timeout_msecs="500",
                    dondoc_outbox_lease="6") as s:
            codes = add_tasks(s, 1)
            sink.on_data = lock_store
            code, text = s.dc.deliver(monthly(350, codes[0],
                                              "mark-1@stttt.example.vn"),
                                      mail_from=STTTT)
            assert code == 250, text
            sink.on_data = None
            assert len(sink.message_ids()) == 1
            assert "noting" not in s.dc.read_log(), s.dc.tail_log()
            time.sleep(7)  # the lease runs out, the lock is long gone
            rows = s.query("SELECT state FROM outbox")
            assert rows == [("claimed",)], rows
            res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % sink.port)
            assert "1 sent" in res.stdout, res.stdout + res.stderr
            assert s.query("SELECT state, smtp_reply FROM outbox") == \
                [("sent", "sent before (the sent journal)")]
            sent = sink.message_ids()
            print("# mark sent failed under a lock: %d mail(s) sent for 1 "
                  "receipt" % len(sent))
            assert len(sent) == 1, sent
    finally:
        for con in locks:
            con.close()
        sink.stop()


def test_two_senders_stalled_claim():
    """A sender stalls on a silent server holding a batch; meanwhile it is
    stopped (SIGSTOP) past its lease and a second sender takes every mail
    over. Let go, the first must not send what it no longer holds: mails
    acknowledged == receipts, each Message-ID once."""
    stall = FaultSmtp("stall").start()
    sink = FaultSmtp("ok").start()
    try:
        with server(stall, dondoc_send="outbox") as s:
            codes = add_tasks(s, 12)
            for i, code in enumerate(codes):
                code_, text = s.dc.deliver(monthly(320 + i, code,
                                                   "two-%d@stttt.example.vn" % i),
                                           mail_from=STTTT)
                assert code_ == 250, text
            assert len(outbox(s)) == 12
            first = s.dc.dondoc_spawn("outbox", "send", "--smtp",
                                      "127.0.0.1:%d" % stall.port,
                                      "--timeout", "1", db=s.db)
            assert wait_for(lambda: stall.stalled > 0, 20)
            os.kill(first.pid, signal.SIGSTOP)
            claimed = s.query("SELECT count(*) FROM outbox WHERE state = 'claimed'")[0][0]
            # The first sender claims no more than one lease covers
            # (11 s at 1 s a step), not all 12.
            assert 1 <= claimed <= 11, claimed
            time.sleep(12)  # its lease (6 * 1 + 5 s) runs out
            second = s.dc.dondoc_spawn("outbox", "send", "--watch", "--smtp",
                                       "127.0.0.1:%d" % sink.port, db=s.db)
            try:
                assert wait_for(lambda: len(sink.message_ids()) >= 12, 40), \
                    sink.message_ids()
            finally:
                os.kill(first.pid, signal.SIGCONT)
                rc1, out1, err1 = s.dc.stop_spawned(first, timeout=60)
                time.sleep(1)
                rc2, out2, err2 = s.dc.stop_spawned(second)
            assert rc2 == 0, (rc2, out2, err2)
            sent = sink.message_ids() + stall.message_ids()
            rows = outbox(s)
            print("# two senders: %d receipts, %d mails acknowledged; first "
                  "sender: %s" % (len(rows), len(sent), out1.strip() or err1.strip()))
            assert [r[0] for r in rows] == ["sent"] * 12, rows
            assert len(sent) == 12 and len(set(sent)) == 12, sent
            assert "taken by another sender" in out1, (out1, err1)
    finally:
        stall.stop()
        sink.stop()


def test_dropping_server():
    """A server that drops the connection after reading each message,
    before acknowledging it: every delivery still answers 250 and leaves
    its receipt queued; the sender retries until the server is back.
    Acknowledged mails == receipts, each once."""
    fault = FaultSmtp("drop", drop_at="data").start()
    try:
        with server(fault) as s:
            codes = add_tasks(s, 5)
            for i, code in enumerate(codes):
                code_, text = s.dc.deliver(monthly(340 + i, code,
                                                   "drop-%d@stttt.example.vn" % i),
                                           mail_from=STTTT)
                assert code_ == 250, text
            assert fault.drops >= 5, fault.drops
            rows = outbox(s)
            assert [r[0] for r in rows] == ["queued"] * 5, rows
            # Dropping at RCPT now: the one-shot sender fails them again.
            fault.drop_at = "rcpt"
            res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % fault.port,
                        check=False)
            assert "0 sent, 5 failed" in res.stdout, res.stdout + res.stderr
            fault.mode = "ok"
            res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % fault.port)
            assert "5 sent" in res.stdout, res.stdout + res.stderr
            res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % fault.port)
            assert "0 sent" in res.stdout, res.stdout
            sent = fault.message_ids()
            rows = outbox(s)
            assert [(r[0], r[1]) for r in rows] == [("sent", 3)] * 5, rows
            assert sorted(sent) == sorted(r[2] for r in rows), (sent, rows)
            print("# dropping server: %d drops, 5 receipts, %d acknowledged"
                  % (fault.drops, len(sent)))
    finally:
        fault.stop()


def main():
    tap = Tap()
    tap.run("stalled SMTP server: delivery held ~2 s, receipt left queued, sent once",
            test_stalled_server_bounded)
    tap.run("kill -9 between commit and send: one receipt, by the sender or the redelivery",
            test_kill_after_commit)
    tap.run("mark sent fails: noted, not sent again after the lease",
            test_mark_sent_fails)
    tap.run("two senders, one stalled past its lease: no mail sent twice",
            test_two_senders_stalled_claim)
    tap.run("dropping SMTP server: nothing lost, nothing doubled", test_dropping_server)
    tap.done()


if __name__ == "__main__":
    main()
