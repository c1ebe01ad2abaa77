# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the secretariat's outgoing mailbox as the journal of the
mail plugin's work (plugin/dondoc-plugin-journal.c). The APPEND is answered
without syncing the store; a store write lost after the OK (the store set
back to a copy taken before the APPEND, as a crash of the machine leaves an
unsynced WAL) is redone by the catch-up at the next save, exactly once; a
mark set back over mails already done redoes nothing twice; a new
UIDVALIDITY, mails expunged before the catch-up, a delivered mail and more
mails than one catch-up reads are bounded and handled. SQLite only (the
loss is made by setting the store file back); the store is read with
sqlite3 and the CLI."""

import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_plugin import monthly_report, task_code  # noqa: E402

SECRETARIAT = "tgv@bcd06.example.vn"
# the catch-up's bound (DONDOC_PLUGIN_MAX_CATCHUP_MAILS)
MAX_CATCHUP = 50


def mail(msgid, body, extra=""):
    head = ("%sFrom: %s\r\nTo: truongban@ubnd.example.vn\r\nSubject: Bao cao\r\n"
            "Message-ID: <%s>\r\nDate: Wed, 10 Jun 2026 10:00:00 +0700\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n" % (extra, SECRETARIAT, msgid))
    return (head + "\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def plain(msgid):
    return mail(msgid, "Kính gửi anh chị,\n\nGửi lại tài liệu cuộc họp.\n")


def append(s, *msgs):
    """APPEND msgs into Sent over one IMAP connection (one process)."""
    imap = s.dc.imap()
    try:
        for msg in msgs:
            typ, data = imap.append("Sent", None, None, msg)
            assert typ == "OK", (typ, data)
    finally:
        imap.logout()
    # the imap process ends with its connection (its user's deinit)
    time.sleep(0.3)


def write(s, sql, *params):
    con = sqlite3.connect(s.db, timeout=30, isolation_level=None)
    try:
        con.execute(sql, params)
    finally:
        con.close()


class Snapshot:
    """The store as it was: set back later as a crash of the machine
    leaves it when the last commits were not synced (same file, through
    SQLite's backup, so open connections see it)."""

    def __init__(self, s):
        self.s = s
        self.mem = sqlite3.connect(":memory:")
        con = sqlite3.connect(s.db, timeout=30)
        con.backup(self.mem)
        con.close()

    def restore(self):
        con = sqlite3.connect(self.s.db, timeout=30)
        self.mem.backup(con)
        con.close()


def mark(s):
    rows = s.query("SELECT mailbox, uidvalidity, last_uid FROM outgoing_mark")
    assert len(rows) == 1, rows
    return rows[0]


def sent_uids(s):
    imap = s.dc.imap()
    try:
        imap.select("Sent", readonly=True)
        typ, data = imap.uid("SEARCH", None, "ALL")
        assert typ == "OK"
        return [int(x) for x in data[0].split()]
    finally:
        imap.logout()


def counts(s, msgid, code):
    return (len(s.submissions(msgid)),
            s.query("SELECT count(*) FROM audit WHERE entity = 'task' "
                    "AND entity_key = ?", code)[0][0],
            s.query("SELECT count(*) FROM outbox")[0][0])


def test_plain_mail_marks(s):
    # plain mail: no store write per APPEND; the mark written once at the
    # end of the session, covering every UID saved
    append(s, plain("p1@bcd06.example.vn"), plain("p2@bcd06.example.vn"))
    assert mark(s)[0] == "Sent"
    assert mark(s)[2] == max(sent_uids(s)), (mark(s), sent_uids(s))


def test_lost_write_caught_up(s):
    code = task_code(s, "O2", "M:2026:5")
    msgid = "<o2-may@bcd06.example.vn>"
    snap = Snapshot(s)
    append(s, mail(msgid[1:-1], monthly_report(14, 5)))
    assert len(s.submissions(msgid)) == 1, s.dc.tail_log()
    before = counts(s, msgid, code)
    # the machine crashed: the store's unsynced commits are gone, the
    # mailbox (synced before the OK) keeps the mail
    snap.restore()
    assert s.submissions(msgid) == []
    assert s.task_status(code) == "open"
    append(s, plain("p3@bcd06.example.vn"))
    assert len(s.submissions(msgid)) == 1, s.dc.tail_log()
    assert s.task_status(code) == "submitted-late"
    assert counts(s, msgid, code) == before, (counts(s, msgid, code), before)
    assert "catch-up of Sent" in s.dc.read_log()
    assert mark(s)[2] == max(sent_uids(s))
    # and never again
    append(s, plain("p4@bcd06.example.vn"))
    assert counts(s, msgid, code) == before


def test_mark_behind_nothing_twice(s):
    code = task_code(s, "O2", "M:2026:4")
    msgid = "<o2-apr@bcd06.example.vn>"
    append(s, mail(msgid[1:-1], monthly_report(13, 4)))
    before = counts(s, msgid, code)
    assert before[0] == 1, s.dc.tail_log()
    # the work is in the store but the mark is behind it (a process
    # killed before it wrote a plain mail's mark, a race of two sessions)
    write(s, "UPDATE outgoing_mark SET last_uid = last_uid - 3")
    append(s, plain("p5@bcd06.example.vn"))
    assert counts(s, msgid, code) == before, (counts(s, msgid, code), before)
    assert mark(s)[2] == max(sent_uids(s))


def test_new_uidvalidity(s):
    code = task_code(s, "O2", "M:2026:3")
    msgid = "<o2-mar@bcd06.example.vn>"
    write(s, "UPDATE outgoing_mark SET uidvalidity = 12345, last_uid = 1")
    append(s, mail(msgid[1:-1], monthly_report(12, 3)))
    log = s.dc.read_log()
    assert "has a new UIDVALIDITY" in log, s.dc.tail_log()
    # the save itself is recorded; the mark restarts under the real one
    assert len(s.submissions(msgid)) == 1, s.dc.tail_log()
    _, uidvalidity, last = mark(s)
    assert uidvalidity != 12345 and last == max(sent_uids(s)), mark(s)


def test_expunged_before_catchup(s):
    code = task_code(s, "O2", "M:2026:2")
    msgid = "<o2-feb@bcd06.example.vn>"
    snap = Snapshot(s)
    append(s, mail(msgid[1:-1], monthly_report(11, 2)))
    snap.restore()
    # the lost mail is deleted before any catch-up
    imap = s.dc.imap()
    try:
        imap.select("Sent")
        typ, data = imap.search(None, "HEADER", "Message-ID", msgid)
        assert typ == "OK" and data[0], data
        imap.store(data[0].decode().split()[0], "+FLAGS", "\\Deleted")
        imap.expunge()
    finally:
        imap.logout()
    append(s, plain("p6@bcd06.example.vn"))
    assert s.submissions(msgid) == []
    assert s.task_status(code) == "open"
    assert mark(s)[2] == max(sent_uids(s))


def test_delivered_mail_not_trusted(s):
    # a mail delivered into Sent (by the MTA's BCC, LMTP's Return-Path on
    # top) is re-read with LMTP's rules: its From: alone proves nothing
    code = task_code(s, "O2", "M:2026:1")
    msgid = "<o2-jan-delivered@bcd06.example.vn>"
    snap = Snapshot(s)
    append(s, mail(msgid[1:-1], monthly_report(10, 1),
                   extra="Return-Path: <forger@evil.example>\r\n"))
    snap.restore()
    append(s, plain("p7@bcd06.example.vn"))
    assert s.submissions(msgid) == [], s.submissions(msgid)
    assert s.task_status(code) == "open"


def test_catchup_bounded(s):
    code = task_code(s, "O2", "M:2026:7")
    msgid = "<o2-jul@bcd06.example.vn>"
    snap = Snapshot(s)
    start = mark(s)[2]
    n = MAX_CATCHUP + 10
    append(s, *([plain("bulk-%d@bcd06.example.vn" % i) for i in range(n - 1)] +
                [mail(msgid[1:-1], monthly_report(16, 7))]))
    snap.restore()
    assert mark(s)[2] == start
    append(s, plain("p8@bcd06.example.vn"))
    # one catch-up reads at most its bound: the rest at the next save
    assert mark(s)[2] == start + MAX_CATCHUP, (mark(s), start)
    assert "the rest at the next save" in s.dc.read_log()
    assert s.submissions(msgid) == []
    append(s, plain("p9@bcd06.example.vn"))
    assert len(s.submissions(msgid)) == 1, s.dc.tail_log()
    assert s.task_status(code) == "submitted"
    assert mark(s)[2] == max(sent_uids(s))


def main():
    t = Tap()
    if pg_harness.backend() == "pgsql":
        # the loss is made by setting back an SQLite file
        print("1..0 # SKIP SQLite only")
        return
    with TrackingServer(mail_plugin=True, db_in_userdb=True) as s:
        s.cli("person", "add", SECRETARIAT, "--agency", "CAT", "--role",
              "to-truong", "--name", "Tổ giúp việc")
        s.cli("obligations", "generate", "--year", "2026")
        for name, func in [
                ("plain mail: the mark written once per session", test_plain_mail_marks),
                ("a store write lost after the OK is caught up once",
                 test_lost_write_caught_up),
                ("a mark behind done work redoes nothing twice",
                 test_mark_behind_nothing_twice),
                ("a new UIDVALIDITY restarts the journal", test_new_uidvalidity),
                ("a lost mail expunged before the catch-up is passed",
                 test_expunged_before_catchup),
                ("a delivered mail re-read is trusted as LMTP's",
                 test_delivered_mail_not_trusted),
                ("a catch-up reads at most its bound", test_catchup_bounded)]:
            t.run(name, func, s)
    t.done()


if __name__ == "__main__":
    main()
