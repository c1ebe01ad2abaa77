# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: no receipt loop. Over real LMTP with the secretariat
script, a real store and an SMTP sink: an agency's auto-responder that
carries none of the auto-reply markers (no Auto-Submitted, Precedence,
List-*, X-Autoreply...) answers every mail it gets, replying in the thread
of our receipt and quoting the original report, with ">" or Outlook-style
without. 50 rounds must leave 1 submission and 1 receipt: one document is
recorded once whatever the number of mails citing it, receipts are
limited per sender and task (dondoc_receipt_days), and a mail whose
document is one already recorded from another message confirms nothing.
A marker in the second field of a name counts as in the first; our own
address gets no receipt."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import (TrackingServer, report, half_year_report,  # noqa: E402
                          SECRETARIAT)

STTTT = "vanphong@stttt.example.vn"
ROUNDS = 50


def auto_reply(n, receipt, original_body):
    """The n-th answer of a marker-less auto-responder to `receipt`."""
    if n % 2 == 0:
        quoted = "\n".join("> " + line for line in original_body.split("\n"))
    else:
        quoted = ("-----Original Message-----\nFrom: %s\n\n%s"
                  % (STTTT, original_body))
    body = ("Văn phòng Sở đã nhận được thư. Xin cảm ơn.\n\n%s\n" % quoted)
    extra = "In-Reply-To: %s\r\nReferences: %s\r\n" % (
        receipt["Message-ID"], receipt["Message-ID"])
    subject = "Re: " + str(receipt["Subject"]).replace("\n", " ")
    return report("auto-%d@stttt.example.vn" % n, STTTT, body,
                  subject=subject, extra_headers=extra)


def test_marker_less_autoresponder():
    with TrackingServer() as s:
        s.add_task("DA06-2026-001", "STTTT",
                   "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                   "2026-06-12", period="H:2026:1")
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, text = s.dc.deliver(report("orig-1@stttt.example.vn", STTTT, body),
                                  mail_from=STTTT)
        assert code == 250, text
        receipts = [m for _, _, m in s.sent()]
        assert len(receipts) == 1, receipts
        last = receipts[0]
        for n in range(ROUNDS):
            code, text = s.dc.deliver(auto_reply(n, last, body), mail_from=STTTT)
            assert code == 250, text
            got = [m for _, _, m in s.sent()]
            receipts += got
            if got:
                last = got[-1]
        subs = s.query("SELECT count(*) FROM submission")[0][0]
        confirms = s.query("SELECT count(*) FROM outbox WHERE kind = 'confirm'")[0][0]
        print("# %d rounds: %d submission(s) recorded, %d receipt(s) sent, "
              "%d queued" % (ROUNDS, subs, len(receipts), confirms))
        assert subs == 1, subs
        assert len(receipts) == 1, [m["Subject"] for m in receipts]
        assert confirms == 1, confirms
        assert s.task_status("DA06-2026-001") == "submitted"
        moves = s.query("SELECT count(*) FROM audit WHERE entity = 'task' AND "
                        "action LIKE 'transition%'")[0][0]
        assert moves == 1, moves
        # Every auto-reply is still in a mailbox (nothing is lost).
        stored = sum(len(v) for v in s.dc.message_ids().values())
        assert stored == ROUNDS + 1, s.dc.message_ids()


def test_receipt_rate_limit():
    """Two different documents of one agency for one task on one day: both
    recorded, one receipt (dondoc_receipt_days = 1); another task still
    gets its own."""
    with TrackingServer() as s:
        for code in ("DA06-2026-070", "DA06-2026-071"):
            s.add_task(code, "STTTT", "Báo cáo tháng 6", "2026-06-30")
        for n, (code, number) in enumerate([("DA06-2026-070", 180),
                                            ("DA06-2026-070", 181),
                                            ("DA06-2026-071", 182)]):
            body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
                    "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTháng 6\n"
                    % number)
            c, text = s.dc.deliver(report("rl-%d@stttt.example.vn" % n, STTTT, body,
                                          subject="[%s] Báo cáo" % code),
                                   mail_from=STTTT)
            assert c == 250, text
        assert s.query("SELECT count(*) FROM submission")[0][0] == 3
        subjects = sorted(str(m["Subject"]) for _, _, m in s.sent())
        assert len(subjects) == 2, subjects
        assert "180/BC-STTTT" in subjects[0] and "182/BC-STTTT" in subjects[1], subjects
        log = s.dc.read_log()
        assert "dondoc_receipt_days" in log, s.dc.tail_log()


def test_repeated_marker_fields():
    """An auto-responder's (or a list manager's) marker below the author's
    own field of the same name: "Auto-Submitted: no" then "auto-replied",
    "Precedence: normal" then "bulk". Recorded, never confirmed: every
    field of a name is examined, not only the first. One task each, so
    that the receipt limit does not hide a receipt."""
    cases = [("Auto-Submitted: no\r\nAuto-Submitted: auto-replied\r\n",
              "auto-submitted message"),
             ("Precedence: normal\r\nX-Mailer: x\r\nPrecedence: bulk\r\n",
              "bulk precedence")]
    with TrackingServer() as s:
        for n, (extra, reason) in enumerate(cases):
            code = "DA06-2026-08%d" % n
            s.add_task(code, "STTTT", "Báo cáo tháng 6", "2026-06-30")
            body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
                    "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTháng 6\n"
                    % (190 + n))
            mid = "rep-%d@stttt.example.vn" % n
            c, text = s.dc.deliver(report(mid, STTTT, body,
                                          subject="[%s] Báo cáo" % code,
                                          extra_headers=extra),
                                   mail_from=STTTT)
            assert c == 250, text
            assert len(s.submissions("<%s>" % mid)) == 1, s.dc.tail_log()
            sent = s.sent()
            assert sent == [], [str(m["Subject"]) for _, _, m in sent]
            assert "confirmation not sent: %s" % reason in s.dc.read_log(), \
                s.dc.tail_log()


def test_own_address():
    """The secretariat's own report, copied to its own mailbox (an MTA's
    BCC of outgoing mail, a forward to itself) by the secretariat, which
    the store knows as a member: recorded, never confirmed to itself
    (RFC 3834 section 2), however the address is spelt."""
    with TrackingServer() as s:
        s.cli("person", "add", SECRETARIAT, "--agency", "UBND", "--role",
              "thanh-vien", "--name", "Tổ giúp việc")
        for n, sender in enumerate([SECRETARIAT,
                                    SECRETARIAT.upper()]):
            code = "DA06-2026-09%d" % n
            s.add_task(code, "UBND", "Báo cáo tháng 6", "2026-06-30")
            body = ("ỦY BAN NHÂN DÂN TỈNH\nSố: %d/BC-UBND\n"
                    "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTháng 6\n"
                    % (200 + n))
            mid = "own-%d@bcd06.example.vn" % n
            c, text = s.dc.deliver(report(mid, sender, body,
                                          subject="[%s] Báo cáo" % code),
                                   mail_from=sender)
            assert c == 250, text
            assert len(s.submissions("<%s>" % mid)) == 1, s.dc.tail_log()
            sent = s.sent()
            assert sent == [], [(r, str(m["Subject"])) for _, r, m in sent]
            assert s.dc.read_log().count(
                "confirmation not sent: our own address") == n + 1, \
                s.dc.tail_log()


def main():
    tap = Tap()
    tap.run("marker-less auto-responder, %d rounds: 1 submission, 1 receipt" % ROUNDS,
            test_marker_less_autoresponder)
    tap.run("receipts limited per sender and task (dondoc_receipt_days)",
            test_receipt_rate_limit)
    tap.run("a marker in a repeated field (Auto-Submitted: no, then "
            "auto-replied) stops the receipt", test_repeated_marker_fields)
    tap.run("no receipt to our own address (a copy of our own report)",
            test_own_address)
    tap.done()


if __name__ == "__main__":
    main()
