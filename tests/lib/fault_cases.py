# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Fault cases over real LMTP with the secretariat script: each starts its
own TrackingServer (Dovecot, SQLite store, SMTP sink), submits reports the
way an agency does, injects one fault, plays the MTA (a 4xx is retried
once the fault is repaired, as a queue would; a 5xx is a bounce), repairs,
replays the spool, and counts what became of every submission:

  delivered       accepted with 250 at some point
  lost            accepted (or bounced) but never recorded
  recorded twice  more than one submission row for one Message-ID
  receipts twice  more than one receipt for one Message-ID, but for
  twice in window  a second receipt where the first one's sender died
                  between its "." and the server's 250 (the connection
                  ended there, no QUIT): the outbox's documented
                  at-least-once window, allowed, counted apart
  receipts lost   a receipt owed (verified member, its own task) not sent
  copies          extra mailbox copies (the MTA's at-least-once delivery)
  wrong acts      a task moved by a sender with no right to move it, or a
                  receipt sent where none is owed

Shared by tests/integration/test_nothing_lost.py (which asserts on them)
and tests/fault-matrix.py (which prints them all). Trusts: the test
machine (root, mount, loopback)."""

import collections
import os
import signal
import socket
import subprocess
import time

import dovecot_conf24
from dovecot_harness import UID, GID
from tracking_env import TrackingServer, report

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
SINK_WAIT_SECS = 10

COLUMNS = ("delivered", "lost", "recorded twice", "receipts twice",
           "twice in window", "receipts lost", "copies", "wrong acts")
# the counts that are no failure
ALLOWED = ("delivered", "copies", "twice in window")


def monthly(number):
    return ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\n"
            "Kết quả tháng 6\n" % number)


class Submission:
    """One report an agency sends (the bytes the MTA keeps retrying)."""

    def __init__(self, msgid, data, mail_from, task=None, receipt=True):
        self.msgid = "<%s>" % msgid
        self.data = data
        self.mail_from = mail_from
        self.task = task
        self.receipt = receipt
        self.codes = []

    @property
    def accepted(self):
        return 250 in self.codes

    @property
    def pending(self):
        """Still in the MTA's queue: never accepted, never bounced."""
        return not self.accepted and not any(c >= 500 for c in self.codes)


def tagged_reports(prefix, count, task=None, first=200):
    """count reports of STTTT, each for a task of its own (DA06-2026-101,
    -102, ...: one receipt is owed per sender and task a day,
    dondoc_receipt_days), or all for `task`."""
    subs = []
    for i in range(count):
        msgid = "%s-%d@stttt.example.vn" % (prefix, i)
        code = task or "DA06-2026-%03d" % (101 + i)
        subs.append(Submission(msgid, report(
            msgid, STTTT, monthly(first + i),
            subject="[%s] Báo cáo tháng 6 (%d)" % (code, i)), STTTT, code))
    return subs


def add_tasks(s, subs):
    """The tasks subs answer."""
    for code in sorted(set(sub.task for sub in subs)):
        s.add_task(code, "STTTT", "Báo cáo tháng 6", "2026-06-30")


def deliver(s, sub):
    code, text = s.dc.deliver(sub.data, mail_from=sub.mail_from)
    sub.codes.append(code)
    return code, text


def mta_retry(s, subs):
    """The MTA's next queue run: every submission still queued."""
    for sub in subs:
        if sub.pending:
            deliver(s, sub)


def replay(s):
    return s.dc.dondoc("spool", "replay", "--spool", s.spool, "--smtp",
                       "127.0.0.1:%d" % s.sink.port, db=s.db, check=False)


def receipts(s, wait_for=0):
    """{original Message-ID: receipts} the sink got (cumulative)."""
    deadline = time.time() + SINK_WAIT_SECS
    while True:
        for _, _, msg in s.sent():
            if msg["X-Dondoc-Generated"] == "confirm":
                s.receipt_log[(msg["In-Reply-To"] or "").strip()] += 1
        for msg in s.unconfirmed():
            if msg["X-Dondoc-Generated"] == "confirm":
                s.receipt_window[(msg["In-Reply-To"] or "").strip()] += 1
        if sum(s.receipt_log.values()) >= wait_for or time.time() > deadline:
            return s.receipt_log
        time.sleep(0.1)


def split_twice(receipts, unconfirmed):
    """(receipts twice, twice in window) of one Message-ID's receipts,
    unconfirmed of them left unacknowledged to their dead sender: each
    extra receipt is allowed while an unconfirmed one explains it."""
    extra = max(0, receipts - 1)
    in_window = min(extra, unconfirmed)
    return extra - in_window, in_window


def account(s, subs, expect_moves=()):
    """The counts for subs (see the module's comment)."""
    got = receipts(s, wait_for=sum(1 for x in subs if x.receipt and x.accepted))
    copies = collections.Counter()
    for ids in s.dc.message_ids().values():
        for mid in ids:
            copies[mid] += 1
    c = dict.fromkeys(COLUMNS, 0)
    for sub in subs:
        rows = s.query("SELECT count(*) FROM submission WHERE message_id = ?",
                       sub.msgid)[0][0]
        if sub.accepted:
            c["delivered"] += 1
        if rows == 0 and not sub.pending:
            c["lost"] += 1
        c["recorded twice"] += max(0, rows - 1)
        n = got.get(sub.msgid, 0)
        twice, in_window = split_twice(n, s.receipt_window[sub.msgid])
        c["receipts twice"] += twice
        c["twice in window"] += in_window
        if sub.receipt and sub.accepted and n == 0:
            c["receipts lost"] += 1
        if not sub.receipt and n > 0:
            c["wrong acts"] += 1
        c["copies"] += max(0, copies.get(sub.msgid, 0) - 1)
    for code, status in expect_moves:
        if s.task_status(code) != status:
            c["wrong acts"] += 1
    return c


def server(**kw):
    s = TrackingServer(**kw)
    s.receipt_log = collections.Counter()
    s.receipt_window = collections.Counter()
    return s


# -- the faults -------------------------------------------------------------

def case_disk_full(count=10):
    """The store and the spool on one tmpfs, full: every delivery must be
    refused with a 4xx (the work can be neither done nor spooled), then
    accepted and done once when the MTA retries after space is freed."""
    subs = tagged_reports("full", count + 1)
    with server(tmpfs_size="4m",
                extra_conf=dovecot_conf24.one_lmtp_conf()) as s:
        add_tasks(s, subs)
        # One delivery first: the store is open in the lmtp process (one,
        # reused: 2.4 would start a fresh one per connection), its WAL and
        # shared memory exist, so the disk fills under an open, readable
        # store and it is the write that fails (SQLITE_FULL).
        deliver(s, subs[0])
        s.fill_fs()
        for sub in subs[1:]:
            deliver(s, sub)
        tempfailed = sum(1 for x in subs[1:] if x.codes[0] // 100 == 4)
        s.free_fs()
        mta_retry(s, subs)
        replay(s)
        c = account(s, subs)
        c["_tempfailed"] = tempfailed
        c["_log"] = s.dc.read_log()
        return c


def case_unwritable(count=10):
    """The store and the spool both unwritable by the mail user."""
    subs = tagged_reports("ro", count)
    with server() as s:
        add_tasks(s, subs)
        store_dir = os.path.dirname(s.db)
        for path in (store_dir, s.db, s.spool):
            os.chown(path, 0, 0)
        for sub in subs:
            deliver(s, sub)
        tempfailed = sum(1 for x in subs if x.codes[0] // 100 == 4)
        for path in (store_dir, s.db, s.spool):
            os.chown(path, UID, GID)
        mta_retry(s, subs)
        replay(s)
        c = account(s, subs)
        c["_tempfailed"] = tempfailed
        return c


def case_store_outage(count=10):
    """The store file missing at delivery (moved away), then repaired and
    the spool replayed: every report recorded once and confirmed once."""
    subs = tagged_reports("outage", count)
    with server() as s:
        add_tasks(s, subs)
        aside = s.db + ".aside"
        os.rename(s.db, aside)
        try:
            for sub in subs:
                deliver(s, sub)
        finally:
            os.rename(aside, s.db)
        mta_retry(s, subs)
        res = replay(s)
        c = account(s, subs, expect_moves=[(sub.task, "submitted")
                                           for sub in subs])
        c["_replay"] = res.stdout + res.stderr
        return c


def lmtp_pids(s):
    """The PIDs of this instance's lmtp processes (children of our
    master), from /proc: never by name alone."""
    master = s.dc.proc.pid
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
            exe = os.readlink("/proc/%s/exe" % name)
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master and exe == "/usr/lib/dovecot/lmtp":
            pids.append(int(name))
    return pids


def case_kill_lmtp(count=20):
    """kill -9 of the lmtp process in the middle of a batch on one LMTP
    connection; the MTA redelivers what had no reply."""
    import smtplib
    subs = tagged_reports("kill", count)
    # A short claim lease (default 17 s), so that the MTA's retry below
    # comes after it, as a real queue's does (minutes later).
    with server(store_settings={"dondoc_outbox_lease": "3"}) as s:
        add_tasks(s, subs)
        lmtp = smtplib.LMTP("127.0.0.1", s.dc.lmtp_port, timeout=60)
        lmtp.ehlo("test.example.vn")
        killed = False
        for i, sub in enumerate(subs):
            try:
                lmtp.mail(sub.mail_from)
                lmtp.rcpt("tgv@bcd06.example.vn")
                if i == count // 2:
                    # The message is sent, the process is killed while
                    # it delivers, before (or as) it answers.
                    lmtp.putcmd("data")
                    lmtp.getreply()
                    lmtp.send(sub.data.replace(b"\r\n.", b"\r\n..") +
                              b"\r\n.\r\n")
                    time.sleep(0.005)
                    for pid in lmtp_pids(s):
                        os.kill(pid, signal.SIGKILL)
                        killed = True
                    code, _ = lmtp.getreply()
                else:
                    code, _ = lmtp.data(sub.data)
                sub.codes.append(code)
            except (smtplib.SMTPException, OSError):
                # No reply: the MTA keeps it queued; a new connection.
                try:
                    lmtp.close()
                except OSError:
                    pass
                lmtp = smtplib.LMTP("127.0.0.1", s.dc.lmtp_port, timeout=60)
                lmtp.ehlo("test.example.vn")
        lmtp.close()
        # A receipt the kill left claimed is the redelivery's: its owner
        # (the killed process) is gone; else anyone's once its lease has
        # run out (the redelivery, or the site's sender).
        time.sleep(3.5)
        mta_retry(s, subs)
        replay(s)
        # The site's sender (cron or --watch) runs as it would.
        s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port,
              check=False)
        c = account(s, subs)
        c["_killed"] = killed
        return c


def case_cross_agency():
    """A verified member of STTTT answers SXD's task: through SXD's signed
    reply address (in the Reply-To of every mail sent to SXD), and by
    threading on SXD's receipt. Neither may move SXD's task or confirm:
    both are recorded unmatched, for a human."""
    with server() as s:
        s.add_task("DA06-2026-102", "SXD", "Báo cáo tháng 6 của Sở Xây dựng",
                   "2026-06-30")
        s.add_task("DA06-2026-103", "SXD", "Báo cáo quý II của Sở Xây dựng",
                   "2026-06-30")
        # SXD's own report, confirmed: the receipt STTTT will thread on.
        own = Submission("sxd-own@sxd.example.vn", report(
            "sxd-own@sxd.example.vn", SXD, monthly(300).replace(
                "THÔNG TIN VÀ TRUYỀN THÔNG", "XÂY DỰNG").replace(
                "BC-STTTT", "BC-SXD"),
            subject="[DA06-2026-103] Báo cáo quý II"), SXD, "DA06-2026-103")
        deliver(s, own)
        receipt_ids = []
        for _ in range(50):
            for _, _, msg in s.sent():
                if msg["X-Dondoc-Generated"] == "confirm":
                    s.receipt_log[(msg["In-Reply-To"] or "").strip()] += 1
                    receipt_ids.append(msg["Message-ID"])
            if receipt_ids:
                break
            time.sleep(0.1)
        signed = s.cli("reply-address", "DA06-2026-102").stdout.strip()
        by_addr = Submission("cross-addr@stttt.example.vn", report(
            "cross-addr@stttt.example.vn", STTTT, monthly(310),
            subject="Báo cáo"), STTTT, receipt=False)
        code, text = s.dc.deliver(by_addr.data, rcpt=signed,
                                  mail_from=STTTT)
        by_addr.codes.append(code)
        thread = receipt_ids[0] if receipt_ids else "<none@x>"
        by_thread = Submission("cross-thread@stttt.example.vn", report(
            "cross-thread@stttt.example.vn", STTTT, monthly(311),
            subject="Re: Báo cáo", extra_headers="In-Reply-To: %s\r\n"
            "References: %s\r\n" % (thread, thread)), STTTT, receipt=False)
        deliver(s, by_thread)
        subs = [own, by_addr, by_thread]
        c = account(s, subs, expect_moves=[("DA06-2026-102", "open"),
                                           ("DA06-2026-103", "submitted")])
        c["_signed"] = signed
        c["_receipt_ids"] = receipt_ids
        c["_tasks"] = [s.query("SELECT t.code FROM submission x LEFT JOIN "
                               "task t ON t.id = x.task_id WHERE "
                               "x.message_id = ?", sub.msgid) for sub in subs]
        c["_folders"] = [s.dc.where(sub.msgid) for sub in subs]
        return c


def spool_entries(s):
    new = os.path.join(s.spool, "new")
    if not os.path.isdir(new):
        return []
    return sorted(n for n in os.listdir(new) if n.endswith(".meta"))


def case_long_ids(count=4):
    """Message-ids the store cannot keep: In-Reply-To over 998 bytes,
    References with control characters (from a verified member, tagged:
    matched on the rest, recorded, confirmed), and reports whose own
    Message-ID is over 998 bytes (filed, not recorded: as none). Nothing
    may be spooled, and the store stays usable."""
    long_id = "<%s@stttt.example.vn>" % ("x" * 1200)
    ctl_id = "<a\x01b@stttt.example.vn>"
    subs = []
    for i in range(count):
        # a task each: one receipt is owed per sender and task a day
        msgid = "longirt-%d@stttt.example.vn" % i
        code = "DA06-2026-%03d" % (101 + i)
        subs.append(Submission(msgid, report(
            msgid, STTTT, monthly(400 + i),
            subject="[%s] Báo cáo (%d)" % (code, i),
            extra_headers="In-Reply-To: %s\r\nReferences: %s %s\r\n"
            % (long_id, ctl_id, long_id)), STTTT, code))
    own_long = "own-%s@stttt.example.vn" % ("y" * 1100)
    bad_own = Submission(own_long, report(
        own_long, STTTT, monthly(450), subject="[DA06-2026-101] Báo cáo"),
        STTTT, receipt=False)
    with server() as s:
        add_tasks(s, subs)
        for sub in subs + [bad_own]:
            deliver(s, sub)
        c = account(s, subs, expect_moves=[(sub.task, "submitted")
                                           for sub in subs])
        c["_spooled"] = spool_entries(s)
        c["_bad_own_folders"] = s.dc.where(bad_own.msgid)
        c["_bad_own_code"] = bad_own.codes
        c["_log"] = s.dc.read_log()
        return c


def case_spool_bounds():
    """The store missing; an outsider (unverified) sends more than the
    per-sender bound lets the spool keep, and one mail larger than the
    spool's size bound: refused with a 4xx beyond the bounds (the MTA
    keeps them), never 250 with the work gone."""
    with server(store_settings={"dondoc_spool_max_per_sender": "6",
                                "dondoc_spool_max_size": "2M"}) as s:
        os.rename(s.db, s.db + ".aside")
        codes = []
        for i in range(4):
            msgid = "outsider-%d@outsider.example" % i
            data = report(msgid, "x@outsider.example", monthly(500 + i),
                          authenticated=False)
            codes.append(s.dc.deliver(data, mail_from="x@outsider.example")[0])
        big = report("big-1@stttt.example.vn", STTTT, monthly(600) +
                     ("Phụ lục " * 40 + "\n") * 8000)
        big_code = s.dc.deliver(big, mail_from=STTTT)[0]
        return {"codes": codes, "big": big_code, "big_size": len(big),
                "entries": spool_entries(s), "log": s.dc.read_log()}


def case_quarantine():
    """A spool holding entries no replay can apply (a damaged .meta, a
    missing message) beside a good one: replay applies the good one,
    moves the others to quarantine/ with a count, and exits 0."""
    with server() as s:
        s.add_task("DA06-2026-101", "STTTT", "Báo cáo tháng 6", "2026-06-30")
        sub = tagged_reports("q", 1)[0]
        os.rename(s.db, s.db + ".aside")
        deliver(s, sub)
        os.rename(s.db + ".aside", s.db)
        new = os.path.join(s.spool, "new")
        with open(os.path.join(new, "1.000001.1.record.meta"), "w") as f:
            f.write("action: frobnicate\nreceived-at: 1\n")
        with open(os.path.join(new, "1.000001.1.record.eml"), "w") as f:
            f.write("Subject: x\n\nx\n")
        with open(os.path.join(new, "1.000002.1.record.meta"), "w") as f:
            f.write("action: record\nreceived-at: 1\n")
        for name in os.listdir(new):
            os.chown(os.path.join(new, name), UID, GID)
        res = replay(s)
        again = replay(s)
        quarantine = os.path.join(s.spool, "quarantine")
        c = account(s, [sub])
        c["_replay"] = (res.returncode, res.stdout, res.stderr)
        c["_again"] = (again.returncode, again.stdout)
        c["_quarantine"] = sorted(os.listdir(quarantine)) \
            if os.path.isdir(quarantine) else []
        c["_left"] = spool_entries(s)
        return c
