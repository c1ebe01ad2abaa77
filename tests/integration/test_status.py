# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: members ask by mail. Over real LMTP with the secretariat
script (doc/examples/secretariat.sieve), a real store and an SMTP sink: a
verified member writing to tgv+status gets one mail listing the open and
overdue tasks of their own agency with due dates and signed reply
addresses; a second request in the hour, an unverified or spoofed sender
and automatic mail get nothing; every request is still delivered."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report, SECRETARIAT  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
STATUS = "tgv+status"


def setup(s):
    s.add_task("ST-STTTT-1", "STTTT", "Báo cáo chuyển đổi số tháng 6", "2026-06-30")
    s.add_task("ST-STTTT-2", "STTTT", "Báo cáo rà soát hạ tầng", "2026-06-05")
    s.add_task("ST-STTTT-3", "STTTT", "Báo cáo đã nộp", "2026-06-20")
    s.add_task("ST-SXD-1", "SXD", "Báo cáo cấp phép xây dựng", "2026-06-25")
    s.cli("task", "mark-overdue", "--today", "2026-06-10")
    # ST-STTTT-3 answered: not listed any more
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 61/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nĐã nộp\n")
    code, _ = s.dc.deliver(report("st-done@stttt.example.vn", STTTT, body,
                                  subject="[ST-STTTT-3] Báo cáo"), mail_from=STTTT)
    assert code == 250
    s.sent()


def ask(s, msgid, sender, mail_from=None, authenticated=True, extra=""):
    code, text = s.dc.deliver(report(msgid, sender, "Xin cho biết các nhiệm vụ còn phải "
                                     "thực hiện.\n", subject="Hỏi tình hình nhiệm vụ",
                                     authenticated=authenticated, extra_headers=extra),
                              rcpt=STATUS, mail_from=mail_from or sender)
    assert code == 250, (code, text)
    return [m for m in s.sent() if m[2]["X-Dondoc-Generated"] is not None]


def test_member_gets_list(s):
    sent = ask(s, "ask-1@stttt.example.vn", STTTT)
    assert len(sent) == 1, [m[2]["Subject"] for m in sent]
    _, rcpts, msg = sent[0]
    assert rcpts == ["<%s>" % STTTT], rcpts
    body = msg.get_content().replace("\r\n", "\n")
    assert "Kính gửi: Sở Thông tin và Truyền thông" in body, body
    assert "[ST-STTTT-1]" in body and "[ST-STTTT-2]" in body, body
    assert "ST-STTTT-3" not in body, "a submitted task is not owed"
    assert "ST-SXD-1" not in body, "another agency's task never appears"
    assert "Hạn: 05/06/2026 (quá hạn)" in body and "Hạn: 30/06/2026\n" in body, body
    for code in ("ST-STTTT-1", "ST-STTTT-2"):
        addr = s.cli("reply-address", code).stdout.strip()
        assert addr.startswith("tgv+") and ("Gửi báo cáo về: %s" % addr) in body, (addr, body)
    assert msg["Reply-To"] is None, "the answer is about no one task"
    assert s.dc.where("<ask-1@stttt.example.vn>"), "the request is delivered"


def test_once_an_hour(s):
    assert ask(s, "ask-2@stttt.example.vn", STTTT) == [], "one answer per hour"
    # another member is answered, with its own agency's tasks
    sent = ask(s, "ask-3@sxd.example.vn", SXD)
    assert len(sent) == 1
    body = sent[0][2].get_content()
    assert "[ST-SXD-1]" in body and "ST-STTTT" not in body, body


def test_nothing_for_the_unproven(s):
    assert ask(s, "ask-4@stttt.example.vn", "vanphong@stttt.example.vn",
               authenticated=False) == [], "unverified"
    assert ask(s, "ask-5@x.example", STTTT, mail_from="attacker@x.example") == [], \
        "envelope sender not the verified one"
    assert ask(s, "ask-6@outsider.example.vn", "someone@outsider.example.vn") == [], \
        "verified but not a member"


def main():
    tap = Tap()
    with TrackingServer() as s:
        setup(s)
        for name, func in [
            ("a verified member gets their agency's open and overdue tasks", test_member_gets_list),
            ("at most one answer per sender and hour; each agency its own", test_once_an_hour),
            ("unverified, spoofed or unknown senders get nothing", test_nothing_for_the_unproven),
        ]:
            tap.run(name, func, s)
        tap.run("automatic mail is not answered", lambda: (
            None if ask(s, "ask-7@cat.example.vn", "thuongtruc@cat.example.vn",
                        extra="Auto-Submitted: auto-replied\r\n") == []
            else (_ for _ in ()).throw(AssertionError("answered automatic mail"))))
    tap.done()


if __name__ == "__main__":
    main()
