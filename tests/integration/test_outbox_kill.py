# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the outbox sender (`dondoc outbox send`, the PID this
test started) killed with SIGKILL after it has begun a send, on both store
backends in one run: SQLite (a file) and PostgreSQL (a private server,
tests/lib/pg_harness.py). Real LMTP with the secretariat script queues the
receipt (dondoc_send = outbox); a fault-injecting SMTP server on loopback
(tests/lib/smtp_faults.py) fires the kill.

- Killed after it wrote the whole message and before the server answered
  (the server took no responsibility: nothing acknowledged): the row
  holds its begun send (send_started_at), the next sender, started at
  once with the lease live, takes the claim over (its owner is gone:
  audited), resends (audited as a resend) and marks it sent. Exactly one
  mail acknowledged; the row sent. Without the take-over it sent
  nothing until the lease ran out.
- An lmtp process killed while it sends its delivery's receipt inline
  (after the whole receipt, before the server's answer), the message
  redelivered at once, its claim's lease still live: the claim's owner
  is gone (no such process on this host), so the redelivery takes it over
  (audited), resends, marks it sent. One receipt acknowledged; without
  the take-over it waited for the lease and a later `outbox send`.
- Killed after the server's 250, while "mark sent" waits for the store's
  write lock (held by another connection): the outcome is known to the
  server only. The next sender takes the claim over at once (its owner
  is gone); the row ends sent and the resend is audited; the server has
  the mail twice. This is the one window no store can close (the sent
  journal covers a mark that fails while the sender lives, not a sender
  that dies before it can note anything); the test states it.
- The same for the delivery's own send (dondoc_send = delivery): the
  lmtp killed in its mark after the receipt's 250, the message
  redelivered at once: the take-over and the resend audited, the row
  sent, the receipt twice (stated).
- Not killed: the store's write lock is held past the busy timeout from
  the 250 on, so every try of "mark sent" fails while the sender lives.
  The sender notes the mail in the sent journal (SQLite: a file beside
  the store; PostgreSQL: a row of the audit log, written without the
  write lock) and exits; the sender that takes the claim over (at once:
  its owner is gone) marks it sent and sends nothing: one mail.
- The same for the delivery's own send: the delivery waits one busy
  timeout for its mark (it is tried once), answers 250, and the sender
  marks the receipt once the lease runs out, sending nothing: one mail.
The cases that hold the store locked at the 250 share their setup
(locked_at_data()).
Prints TAP."""

import contextlib
import os
import signal
import smtplib
import sys
import threading
import time

# psycopg2 (the PostgreSQL rows) is Debian's python3-psycopg2
if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
        os.path.exists("/usr/bin/python3") and \
        not os.environ.get("DONDOC_KILL_REEXEC"):
    os.environ["DONDOC_KILL_REEXEC"] = "1"
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402
from smtp_faults import FaultSmtp  # noqa: E402
from test_outbox_faults import STTTT, add_tasks, lmtp_children, monthly, \
    server, wait_for  # noqa: E402

class Killed(Exception):
    """Raised in the server's handler: the connection ends unanswered."""


def send(s, fault, *extra):
    return s.dc.dondoc_spawn("outbox", "send", "--smtp",
                             "127.0.0.1:%d" % fault.port, *extra, db=s.db)


def kill(proc):
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=20)
    assert proc.returncode == -signal.SIGKILL, proc.returncode


def kill_lmtps(s, killed):
    """kill -9 of our Dovecot's lmtp processes (each appended to killed
    once killed), waited for until its master has reaped them (no such
    process any more)."""
    for pid in lmtp_children(s):
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)
    assert wait_for(lambda: not any(os.path.exists("/proc/%d" % p)
                                    for p in killed), 10), killed


def row(s):
    rows = s.query("SELECT state, attempts, send_started_at, message_id "
                   "FROM outbox")
    assert len(rows) == 1, rows
    return rows[0]


def resends(s):
    return s.query("SELECT count(*) FROM audit WHERE entity = 'outbox' "
                   "AND action LIKE 'resend%'")[0][0]


def gone_owner_claims(s):
    return s.query("SELECT count(*) FROM audit WHERE entity = 'outbox' "
                   "AND action LIKE 'claim (its owner %'")[0][0]


def take_over(s, fault):
    """The next sender (the first one's claim taken over)."""
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % fault.port)
    assert "1 sent" in res.stdout, res.stdout + res.stderr


def queue_one(s, number, tag):
    code = add_tasks(s, 1, first=number)[0]
    status, text = s.dc.deliver(monthly(number, code, "%s-%d@stttt.example.vn"
                                        % (tag, number)), mail_from=STTTT)
    assert status == 250, text
    assert row(s)[0] == "queued"


def killed_before_answer():
    fault = FaultSmtp("ok").start()
    # the handler's Killed is the point, not a traceback for the log
    fault.server.handle_error = lambda *args: None
    proc = []

    def die(_data):
        kill(proc[0])
        raise Killed("the sender is gone: no answer, nothing acknowledged")

    try:
        with server(fault, dondoc_send="outbox") as s:
            queue_one(s, 400, "kb")
            fault.on_data = die
            proc.append(send(s, fault, "--timeout", "1"))
            assert wait_for(lambda: proc[0].poll() is not None, 30), \
                "the sender was never killed"
            fault.on_data = None
            state, attempts, started, msgid = row(s)
            lease = s.query("SELECT lease_until FROM outbox")[0][0]
            assert state == "claimed" and started > 0, (state, started)
            assert fault.message_ids() == []
            # the next sender, long before the lease runs out: the
            # claim's owner is gone, taken at once
            take_over(s, fault)
            assert time.time() < lease, "the lease ran out: no proof"
            sent = fault.message_ids()
            state, attempts, started, _ = row(s)
            print("# %s: killed before the answer, the next sender with the "
                  "lease live: %d mail(s) acknowledged, row %s after %d "
                  "attempts, %d take-over(s) from a gone owner, %d resend(s) "
                  "audited" % (pg_harness.backend(), len(sent), state,
                               attempts, gone_owner_claims(s), resends(s)))
            assert sent == [msgid], (sent, msgid)
            assert (state, attempts) == ("sent", 2), (state, attempts)
            assert gone_owner_claims(s) == 1 and resends(s) == 1
            # and nothing goes out again
            res = s.cli("outbox", "send", "--smtp",
                        "127.0.0.1:%d" % fault.port)
            assert "0 sent" in res.stdout, res.stdout
            assert len(fault.message_ids()) == 1
    finally:
        fault.stop()


def lmtp_killed_sending_inline():
    fault = FaultSmtp("ok").start()
    fault.server.handle_error = lambda *args: None
    killed = []

    def die(_data):
        kill_lmtps(s, killed)
        raise Killed("the lmtp is gone: no answer, nothing acknowledged")

    try:
        with server(fault) as s:
            code = add_tasks(s, 1, first=420)[0]
            mail = monthly(420, code, "ki-420@stttt.example.vn")
            fault.on_data = die
            try:
                status, text = s.dc.deliver(mail, mail_from=STTTT)
            except (smtplib.SMTPException, OSError) as e:
                status, text = None, str(e)
            fault.on_data = None
            assert killed and status is None, (killed, status, text)
            state, attempts, started, msgid = row(s)
            lease = s.query("SELECT lease_until FROM outbox")[0][0]
            assert state == "claimed" and started > 0, (state, started)
            assert fault.message_ids() == []
            # the MTA's retry, long before the lease runs out
            status, text = s.dc.deliver(mail, mail_from=STTTT)
            assert status == 250, text
            assert time.time() < lease, "the lease ran out: no proof"
            sent = fault.message_ids()
            state, attempts, _, _ = row(s)
            gone = gone_owner_claims(s)
            print("# %s: lmtp killed sending inline, redelivered with the "
                  "lease live: %d receipt(s) acknowledged, row %s, %d "
                  "take-over(s) from a gone owner, %d resend(s) audited"
                  % (pg_harness.backend(), len(sent), state, gone,
                     resends(s)))
            assert sent == [msgid], (sent, msgid)
            assert (state, attempts) == ("sent", 2), (state, attempts)
            assert gone == 1 and resends(s) == 1
            # and nothing goes out again, by a sender or a third delivery
            res = s.cli("outbox", "send", "--smtp",
                        "127.0.0.1:%d" % fault.port)
            assert "0 sent" in res.stdout, res.stdout
            assert s.dc.deliver(mail, mail_from=STTTT)[0] == 250
            assert fault.message_ids() == [msgid]
    finally:
        fault.stop()


@contextlib.contextmanager
def locked_at_data(busy_msecs, **settings):
    """A fault server and a TrackingServer whose store another connection
    locks when the SMTP server has read a whole mail, before its 250: the
    mail is acknowledged and its mark then waits for the lock (the busy
    timeout, busy_msecs). Yields (s, fault, release); release() stops the
    locking and lets the locks go."""
    fault = FaultSmtp("ok").start()
    locks = []

    def lock(_data):
        locks.append(s.lock_store())

    def release():
        fault.on_data = None
        for con in locks:
            con.release()

    try:
        with server(fault, dondoc_busy_timeout_msecs=busy_msecs,
                    **settings) as s:
            fault.on_data = lock
            yield s, fault, release
    finally:
        for con in locks:
            con.close()
        fault.stop()


def killed_in_mark_sent():
    with locked_at_data("20000", dondoc_send="outbox") as (s, fault, release):
        queue_one(s, 410, "km")
        proc = send(s, fault, "--timeout", "1")
        assert wait_for(lambda: fault.message_ids(), 30), "no mail"
        time.sleep(1)  # acknowledged; the sender waits in mark sent
        assert proc.poll() is None, proc.communicate()
        kill(proc)
        release()
        state, _, started, msgid = row(s)
        assert state == "claimed" and started > 0, (state, started)
        take_over(s, fault)
        sent = fault.message_ids()
        state, attempts, _, _ = row(s)
        print("# %s: killed in mark sent after the 250: %d mail(s) "
              "acknowledged (the known at-least-once window), row %s, "
              "%d resend(s) audited" % (pg_harness.backend(), len(sent),
                                       state, resends(s)))
        assert state == "sent", state
        assert sent == [msgid, msgid], sent
        assert resends(s) == 1


def lmtp_killed_in_mark_sent():
    """The delivery's own send (dondoc_send = delivery): the receipt
    acknowledged, the lmtp waiting for the store in its mark, killed."""
    with locked_at_data("20000") as (s, fault, release):
        code = add_tasks(s, 1, first=430)[0]
        mail = monthly(430, code, "kl-430@stttt.example.vn")
        outcome = {}

        def deliver():
            try:
                outcome["status"] = s.dc.deliver(mail, mail_from=STTTT)[0]
            except (smtplib.SMTPException, OSError) as e:
                outcome["status"] = str(e)

        first = threading.Thread(target=deliver)
        first.start()
        assert wait_for(lambda: fault.message_ids(), 30), "no receipt"
        time.sleep(1)  # acknowledged; the lmtp waits in its mark
        killed = []
        kill_lmtps(s, killed)
        first.join(30)
        release()
        assert killed and outcome.get("status") != 250, (killed, outcome)
        state, _, started, msgid = row(s)
        assert state == "claimed" and started > 0, (state, started)
        # the MTA's retry, at once: the claim's owner is gone
        status, text = s.dc.deliver(mail, mail_from=STTTT)
        assert status == 250, text
        sent = fault.message_ids()
        state, attempts, _, _ = row(s)
        print("# %s: lmtp killed in its mark after the receipt's 250, "
              "redelivered: %d receipt(s) acknowledged (the known "
              "at-least-once window), row %s, %d take-over(s) from a gone "
              "owner, %d resend(s) audited" % (pg_harness.backend(),
                                               len(sent), state,
                                               gone_owner_claims(s),
                                               resends(s)))
        assert state == "sent", state
        assert sent == [msgid, msgid], sent
        assert gone_owner_claims(s) == 1 and resends(s) == 1


def mark_fails_alive():
    with locked_at_data("500", dondoc_send="outbox") as (s, fault, release):
        queue_one(s, 420, "ma")
        proc = send(s, fault, "--timeout", "1")
        # each try waits the busy timeout: the sender gives up, alive
        out, err = proc.communicate(timeout=60)
        release()
        assert proc.returncode != 0, (out, err)
        assert "it will be sent again" not in err, err
        assert len(fault.message_ids()) == 1
        state, _, started, msgid = row(s)
        assert state == "claimed" and started > 0, (state, started)
        # the sender exited: its claim is taken at once
        take_over(s, fault)
        sent = fault.message_ids()
        rows = s.query("SELECT state, smtp_reply FROM outbox")
        print("# %s: mark sent failed while the sender lived: %d mail(s) "
              "acknowledged, row %s" % (pg_harness.backend(), len(sent),
                                       rows[0][0]))
        assert rows == [("sent", "sent before (the sent journal)")], rows
        assert sent == [msgid], sent
        assert resends(s) == 0


def delivery_mark_fails_alive():
    """The delivery's own send (dondoc_send = delivery), not killed: the
    store locked from the receipt's DATA on, past the busy timeout (1 s),
    so the step that marks it fails. The delivery waits one busy timeout
    for it (each try waits that long: three tries and 0.3 s between them
    held it 3.3 s), answers 250 and files the mail; the receipt goes to
    the sent journal, its claim stays. The sender, once the lease runs
    out (the lmtp lives), marks it sent and sends nothing: one receipt."""
    with locked_at_data("1000", dondoc_outbox_lease="3") as \
            (s, fault, release):
        code = add_tasks(s, 1, first=440)[0]
        msgid = "kd-440@stttt.example.vn"
        locked_at = []
        lock = fault.on_data

        def lock_timed(data):
            locked_at.append(time.monotonic())
            lock(data)

        fault.on_data = lock_timed
        status, text = s.dc.deliver(monthly(440, code, msgid),
                                    mail_from=STTTT)
        waited = time.monotonic() - locked_at[0] if locked_at else None
        release()
        assert status == 250, text
        assert s.dc.where("<%s>" % msgid), "the mail was not filed"
        state, _, started, receipt = row(s)
        assert state == "claimed" and started > 0, (state, started)
        assert fault.message_ids() == [receipt]
        # the lmtp that holds the claim lives: its lease runs out first
        lease = s.query("SELECT lease_until FROM outbox")[0][0]
        assert wait_for(lambda: time.time() > lease + 1, 20)
        take_over(s, fault)
        sent = fault.message_ids()
        rows = s.query("SELECT state, smtp_reply FROM outbox")
        print("# %s: the delivery's mark failed under a lock held past the "
              "busy timeout (1.0 s): the delivery waited %.2f s after the "
              "receipt's DATA; %d receipt(s) acknowledged, row %s"
              % (pg_harness.backend(), waited, len(sent), rows[0][0]))
        assert waited < 2.0, waited
        assert rows == [("sent", "sent before (the sent journal)")], rows
        assert sent == [receipt], sent
        assert resends(s) == 0


def main():
    tap = Tap()
    backends = ["sqlite"]
    if pg_harness.available():
        backends.append("pgsql")
    for backend in backends:
        os.environ["DONDOC_TEST_DB"] = backend
        tap.run("%s: sender killed after the message, before the answer, "
                "the next sender at once: its gone owner's claim taken "
                "over, one mail, resend audited" % backend,
                killed_before_answer)
        tap.run("%s: lmtp killed sending its receipt inline, redelivered "
                "at once: the gone owner's claim taken over, one receipt"
                % backend, lmtp_killed_sending_inline)
        tap.run("%s: sender killed in mark sent after the 250: row sent, "
                "resend audited (the mail twice: stated)" % backend,
                killed_in_mark_sent)
        tap.run("%s: lmtp killed in its mark after the receipt's 250, "
                "redelivered at once: row sent, take-over and resend "
                "audited (the receipt twice: stated)" % backend,
                lmtp_killed_in_mark_sent)
        tap.run("%s: mark sent fails while the sender lives: noted in the "
                "sent journal, not sent again (one mail)" % backend,
                mark_fails_alive)
        tap.run("%s: the delivery's mark fails under a lock past the busy "
                "timeout: the delivery waits one busy timeout, the receipt "
                "marked by the sender from the sent journal (one receipt)"
                % backend, delivery_mark_fails_alive)
    tap.done()


if __name__ == "__main__":
    main()
