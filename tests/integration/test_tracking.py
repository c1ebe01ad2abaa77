# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: delivery-time tracking over real LMTP with the secretariat
script (doc/examples/secretariat.sieve), a real SQLite store and a real SMTP
sink on loopback. Each case checks the mailboxes, the store and the mail
dondoc sent."""

import json
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import (TrackingServer, report, half_year_report,  # noqa: E402
                          SECRETARIAT, authres)

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
HEAD = "truongban@ubnd.example.vn"


def setup_tasks(s):
    s.add_task("DA06-2026-001", "STTTT",
               "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
               "2026-06-12", period="H:2026:1")
    s.add_task("DA06-2026-002", "SXD",
               "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
               "2026-06-01", period="H:2026:1")
    s.add_task("DA06-2026-015", "STTTT", "Báo cáo rà soát hạ tầng mạng cấp xã",
               "2026-06-30", period="M:2026:6")
    s.add_task("DA06-2026-020", "STTTT", "Báo cáo kết quả cấp tài khoản định danh",
               "2026-06-20")
    s.add_task("DA06-2026-070", "STTTT", "Báo cáo tiến độ số hóa hồ sơ hộ tịch",
               "2026-06-11")


def test_sweep_and_reply(s):
    res = s.cli("sweep", "--today", "2026-06-10", "--smtp",
                "127.0.0.1:%d" % s.sink.port)
    assert "1 marked overdue" in res.stdout, res.stdout
    sent = s.sent()
    reminders = {m["Subject"]: (r, m) for _, r, m in sent
                 if m["X-Dondoc-Generated"] == "reminder"}
    subjects = sorted(reminders)
    assert any("[DA06-2026-070] Nhắc hạn" in x for x in subjects), subjects
    assert any("[DA06-2026-002] Đôn đốc, quá hạn" in x for x in subjects), subjects
    esc = [m for _, r, m in sent if m["X-Dondoc-Generated"] == "escalate"]
    assert len(esc) == 1 and "DA06-2026-002" in esc[0]["Subject"], \
        [m["Subject"] for m in esc]
    # Sent, the sweep's mail keeps its row, not its body (issue 11: a
    # sweep of 100k tasks grew the store by 100k bodies).
    rows = s.query("SELECT kind, state, length(data), length(message_id) "
                   "FROM outbox WHERE kind IN ('reminder', 'escalate')")
    assert rows and all(r[1] == "sent" and r[2] == 0 and r[3] > 0
                        for r in rows), rows
    # The same sweep again sends nothing: once per task and day kind.
    res = s.cli("sweep", "--today", "2026-06-10", "--smtp",
                "127.0.0.1:%d" % s.sink.port)
    assert "0 reminder(s), 0 escalation(s)" in res.stdout, res.stdout
    assert s.sent() == []
    # The agency answers the reminder with Reply: matched by the thread.
    rcpts, reminder = [v for k, v in reminders.items() if "DA06-2026-070" in k][0]
    assert rcpts == ["<%s>" % STTTT], rcpts
    assert reminder["Reply-To"].lower().startswith("tgv+da06-2026-070.")
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 120/BC-STTTT\n"
            "Kiên Giang, ngày 10 tháng 6 năm 2026\n\nBÁO CÁO\nSố hóa\n")
    extra = "In-Reply-To: %s\r\nReferences: %s\r\n" % (
        reminder["Message-ID"], reminder["Message-ID"])
    code, _ = s.dc.deliver(report("remind-1@stttt.example.vn", STTTT, body,
                                  extra_headers=extra), mail_from=STTTT)
    assert code == 250
    sub = one(s.submissions("<remind-1@stttt.example.vn>"), "submission")
    assert sub[0] == "thread" and sub[4] == "DA06-2026-070", sub
    assert s.task_status("DA06-2026-070") == "submitted"
    # A receipt quotes its incoming mail: its body stays once sent.
    assert s.query("SELECT DISTINCT length(data) > 0 FROM outbox "
                   "WHERE kind = 'confirm' AND state = 'sent'") == [(1,)]
    s.sent()


def one(lst, what):
    assert len(lst) == 1, (what, lst)
    return lst[0]


def test_on_time(s):
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    code, text = s.dc.deliver(report("ontime-1@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    assert s.dc.where("<ontime-1@stttt.example.vn>") == ["Báo cáo.STTTT.2026-H1"], \
        s.dc.message_ids()
    assert s.submissions("<ontime-1@stttt.example.vn>") == [
        ("period", 0, 0, "verified", "DA06-2026-001")]
    assert s.task_status("DA06-2026-001") == "submitted"
    mail_from, rcpts, msg = one(s.sent(), "one confirmation")
    assert mail_from == "<>", mail_from
    assert rcpts == ["<%s>" % STTTT], rcpts
    assert msg["Auto-Submitted"].startswith("auto-replied"), msg["Auto-Submitted"]
    assert msg["In-Reply-To"] == "<ontime-1@stttt.example.vn>", msg["In-Reply-To"]
    assert "ontime-1@stttt.example.vn" in msg["References"]
    assert "DA06-2026-001" in msg.get_content() and "đúng hạn" in msg.get_content()
    assert msg["Reply-To"].startswith("tgv+da06-2026-001.") or \
        msg["Reply-To"].lower().startswith("tgv+da06-2026-001."), msg["Reply-To"]
    s.confirm_id = msg["Message-ID"]


def test_late_escalated(s):
    body = half_year_report(45, "SỞ XÂY DỰNG", "BC-SXD", day=9)
    code, text = s.dc.deliver(report("late-1@sxd.example.vn", SXD, body),
                              mail_from=SXD)
    assert code == 250, text
    # 1 June 2026 due; delivered 10 June: 2,3,4,5,8,9,10 June = 7 working days.
    assert s.submissions("<late-1@sxd.example.vn>") == [
        ("period", 1, 7, "verified", "DA06-2026-002")]
    assert s.task_status("DA06-2026-002") == "submitted-late"
    sent = s.sent()
    kinds = sorted((m["X-Dondoc-Generated"], r[0]) for _, r, m in sent)
    assert kinds == [("confirm", "<%s>" % SXD), ("escalate", "<%s>" % HEAD)], kinds
    esc = [m for _, _, m in sent if m["X-Dondoc-Generated"] == "escalate"][0]
    assert esc["Auto-Submitted"].startswith("auto-generated")
    assert "trễ hạn 7 ngày làm việc" in esc.get_body(("plain",)).get_content()
    assert s.dc.where("<late-1@sxd.example.vn>") == ["Báo cáo.SXD.2026-H1"]


def test_reply_to_reminder(s):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 130/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nBổ sung số liệu\n")
    extra = "In-Reply-To: %s\r\nReferences: %s\r\n" % (s.confirm_id, s.confirm_id)
    code, _ = s.dc.deliver(report("thread-1@stttt.example.vn", STTTT, body,
                                  extra_headers=extra), mail_from=STTTT)
    assert code == 250
    sub = one(s.submissions("<thread-1@stttt.example.vn>"), "submission")
    assert sub[0] == "thread" and sub[4] == "DA06-2026-001", sub
    s.sent()


def test_signed_address(s):
    addr = s.dc.dondoc("reply-address", "DA06-2026-020").stdout.strip()
    assert addr.startswith("tgv+") and addr.endswith("@bcd06.example.vn"), addr
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 131/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTài khoản định danh\n")
    code, _ = s.dc.deliver(report("addr-1@stttt.example.vn", STTTT, body),
                           rcpt=addr, mail_from=STTTT)
    assert code == 250
    sub = one(s.submissions("<addr-1@stttt.example.vn>"), "submission")
    assert sub[0] == "address" and sub[4] == "DA06-2026-020", sub
    assert s.task_status("DA06-2026-020") == "submitted"
    s.sent()


def test_forged_mac(s):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 132/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nVề một việc khác hẳn\n")
    code, _ = s.dc.deliver(report("forged-1@stttt.example.vn", STTTT, body),
                           rcpt="tgv+DA06-2026-015.aaaaaaaaaaaa@bcd06.example.vn",
                           mail_from=STTTT)
    assert code == 250
    sub = one(s.submissions("<forged-1@stttt.example.vn>"), "submission")
    assert sub[0] == "none" and sub[4] is None, sub
    assert s.task_status("DA06-2026-015") == "open"
    assert s.dc.where("<forged-1@stttt.example.vn>") == ["Chưa khớp nhiệm vụ"]
    s.sent()


def test_unverified_never_confirmed():
    """Even a script that confirms everything sends no receipt to a sender
    it cannot verify."""
    script = ('require ["vnd.dondoc", "fileinto", "mailbox"];\n'
              'record;\nconfirm;\nfileinto :create "Tất cả";\n')
    with TrackingServer(script=script) as s:
        s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng", "2026-06-12",
                   period="H:2026:1")
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, _ = s.dc.deliver(report("unv-1@stttt.example.vn", STTTT, body,
                                      authenticated=False), mail_from=STTTT)
        assert code == 250
        assert s.dc.where("<unv-1@stttt.example.vn>") == ["Tất cả"]
        sub = one(s.submissions("<unv-1@stttt.example.vn>"), "submission")
        assert sub[3] == "unverified", sub
        assert s.task_status("DA06-2026-001") == "open"
        assert s.sent() == []
        assert "confirmation not sent: sender not verified" in s.dc.read_log()


def test_spoofed_from(s):
    body = half_year_report(113, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    # A forged Authentication-Results from someone else's server is ignored.
    extra = ("Authentication-Results: evil.example.net; dkim=pass "
             "header.d=stttt.example.vn; dmarc=pass header.from=stttt.example.vn\r\n")
    msg = report("spoof-1@attacker.example", STTTT, body, extra_headers=extra,
                 authenticated=False)
    code, _ = s.dc.deliver(msg, mail_from="x@attacker.example")
    assert code == 250
    assert s.dc.where("<spoof-1@attacker.example>") == ["Cần xác minh"]
    sub = one(s.submissions("<spoof-1@attacker.example>"), "submission")
    assert sub[3] == "unverified", sub
    assert s.task_status("DA06-2026-001") in ("open", "submitted")
    assert s.sent() == []


def test_outsider_tag(s):
    """A verified sender the store does not know cannot move another
    agency's task by naming it in the subject."""
    body = ("Số: 1/BC-XYZ\nKiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nxin nộp\n")
    msg = (authres("outsider.example").encode() +
           report("outsider-1@outsider.example", "someone@outsider.example", body,
                  subject="[DA06-2026-015] xin nộp", authenticated=False))
    code, _ = s.dc.deliver(msg, mail_from="someone@outsider.example")
    assert code == 250
    assert s.dc.where("<outsider-1@outsider.example>") == ["Cần xác minh"]
    sub = one(s.submissions("<outsider-1@outsider.example>"), "submission")
    assert sub[4] is None and sub[3] == "unverified", sub
    assert s.task_status("DA06-2026-015") == "open"
    assert s.sent() == []


def test_envelope_not_verified_sender(s):
    """A verified report replayed with another envelope sender: recorded,
    but no receipt to that envelope address (no backscatter)."""
    s.add_task("DA06-2026-080", "STTTT", "Báo cáo an toàn thông tin", "2026-06-30")
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 180/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nAn toàn\n")
    code, _ = s.dc.deliver(report("env-1@stttt.example.vn", STTTT, body,
                                  subject="[DA06-2026-080] Báo cáo"),
                           mail_from="victim@elsewhere.example")
    assert code == 250
    sub = one(s.submissions("<env-1@stttt.example.vn>"), "submission")
    assert sub[4] == "DA06-2026-080", sub
    assert s.sent() == []
    assert "envelope sender is not the verified sender" in s.dc.read_log()


def test_no_message_id(s):
    """Without a Message-ID nothing can be made idempotent: delivered and
    filed, not recorded, not confirmed, and nothing left in the spool."""
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 190/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nKhông mã\n")
    before = s.query("SELECT count(*) FROM submission")[0][0]
    for _ in range(2):
        msg = report("x@y", STTTT, body, subject="[DA06-2026-080] Báo cáo")
        msg = msg.replace(b"Message-ID: <x@y>\r\n", b"")
        assert b"Message-ID" not in msg
        code, _ = s.dc.deliver(msg, mail_from=STTTT)
        assert code == 250
    assert s.query("SELECT count(*) FROM submission")[0][0] == before
    assert s.sent() == []
    new = os.path.join(s.spool, "new")
    assert not os.path.exists(new) or not os.listdir(new), os.listdir(new)


def test_weekend_not_late():
    """Due on a Friday, delivered on the Saturday: 0 working days late is
    on time, and nobody is told otherwise."""
    with TrackingServer(now="2026-06-13T10:00:00+07:00") as s:
        s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng", "2026-06-12",
                   period="H:2026:1")
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, _ = s.dc.deliver(report("sat-1@stttt.example.vn", STTTT, body),
                               mail_from=STTTT)
        assert code == 250
        assert s.submissions("<sat-1@stttt.example.vn>") == [
            ("period", 0, 0, "verified", "DA06-2026-001")]
        assert s.task_status("DA06-2026-001") == "submitted"
        kinds = [m["X-Dondoc-Generated"] for _, _, m in s.sent()]
        assert kinds == ["confirm"], kinds


def test_duplicate(s):
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    before = s.query("SELECT count(*) FROM submission")[0][0]
    code, _ = s.dc.deliver(report("ontime-1@stttt.example.vn", STTTT, body),
                           mail_from=STTTT)
    assert code == 250
    assert s.query("SELECT count(*) FROM submission")[0][0] == before
    assert s.sent() == [], "a duplicate must not be confirmed twice"
    audit = s.query("SELECT count(*) FROM audit WHERE entity = 'task' AND "
                    "entity_key = 'DA06-2026-001' AND action LIKE 'transition%'")[0][0]
    assert audit == 1, audit


def test_auto_submitted(s):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 140/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTự động\n")
    code, _ = s.dc.deliver(report("auto-1@stttt.example.vn", STTTT, body,
                                  subject="[DA06-2026-015] Báo cáo",
                                  extra_headers="Auto-Submitted: auto-generated\r\n"),
                           mail_from=STTTT)
    assert code == 250
    sub = one(s.submissions("<auto-1@stttt.example.vn>"), "submission")
    assert sub[0] == "tag" and sub[4] == "DA06-2026-015", sub
    assert s.sent() == [], "no confirmation to automatic mail"


def test_secret_document(s):
    s.add_task("DA06-2026-030", "CAT", "Báo cáo tình hình an ninh dữ liệu 6 tháng",
               "2026-06-05", period="H:2026:1")
    body = half_year_report(7, "CÔNG AN TỈNH", "BC-CAT", secrecy="MẬT",
                            difficulties="Đối tượng X tấn công hệ thống Y tại xã Z.")
    code, _ = s.dc.deliver(report("secret-1@cat.example.vn", "thuongtruc@cat.example.vn",
                                  body), mail_from="thuongtruc@cat.example.vn")
    assert code == 250
    sent = s.sent()
    assert sent, "confirmation and escalation expected"
    for _, _, msg in sent:
        content = msg.get_content()
        assert "tấn công" not in content and "Đối tượng X" not in content, content
        assert "Kết quả thực hiện" not in content, content
    assert any(m["X-Dondoc-Generated"] == "escalate" for _, _, m in sent)


def test_difficulties_escalated(s):
    s.add_task("DA06-2026-040", "UBND-PQ", "Báo cáo kết quả Đề án 06 6 tháng đầu năm",
               "2026-06-12", period="H:2026:1")
    body = half_year_report(88, "UBND THÀNH PHỐ PHÚ QUỐC", "BC-UBND",
                            difficulties="Thiếu thiết bị đọc thẻ căn cước tại 5 xã.")
    code, _ = s.dc.deliver(report("diff-1@phuquoc.example.vn", "vanthu@phuquoc.example.vn",
                                  body), mail_from="vanthu@phuquoc.example.vn")
    assert code == 250
    esc = [m for _, r, m in s.sent() if m["X-Dondoc-Generated"] == "escalate"]
    assert len(esc) == 1, esc
    assert "Thiếu thiết bị đọc thẻ căn cước" in esc[0].get_body(("plain",)).get_content()


def test_header_injection(s):
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 150/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nX\r\nBcc: victim@example.org\n")
    code, _ = s.dc.deliver(report("inj-1@stttt.example.vn", STTTT, body,
                                  subject="[DA06-2026-015] a\r\n b"), mail_from=STTTT)
    assert code == 250
    for _, rcpts, msg in s.sent():
        assert rcpts == ["<%s>" % STTTT], rcpts
        assert msg["Bcc"] is None


def test_smtp_down_then_up(s):
    s.sink.stop()
    s.add_task("DA06-2026-050", "STTTT", "Báo cáo chuyển đổi số quý 2 năm 2026",
               "2026-06-30")
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 160/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nChuyển đổi số\n")
    code, text = s.dc.deliver(report("smtp-1@stttt.example.vn", STTTT, body,
                                     subject="[DA06-2026-050] Báo cáo"), mail_from=STTTT)
    assert code == 250, text
    assert s.dc.where("<smtp-1@stttt.example.vn>") == ["Báo cáo.STTTT"]
    queued = s.query("SELECT state FROM outbox o JOIN task t ON t.id = o.task_id "
                     "WHERE t.code = 'DA06-2026-050'")
    assert queued == [("queued",)], queued
    s.sink.start()
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert "1 sent" in res.stdout, res.stdout
    mail = one(s.sent(), "the queued confirmation")
    assert mail[1] == ["<%s>" % STTTT]
    listed = json.loads(s.cli("outbox", "list", "--json").stdout)
    mine = [m for m in listed if m["task"] == "DA06-2026-050"]
    assert [m["state"] for m in mine] == ["sent"], mine
    # Sending again sends nothing: exactly once.
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert "0 sent" in res.stdout, res.stdout
    assert s.sent() == []


def test_store_locked(s):
    s.add_task("DA06-2026-060", "STTTT", "Báo cáo bảo mật", "2026-06-30")
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 170/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nKhóa\n")
    con = s.lock_store()
    release = threading.Timer(30, con.release)
    release.start()
    started = time.time()
    try:
        code, text = s.dc.deliver(report("lock-1@stttt.example.vn", STTTT, body,
                                         subject="[DA06-2026-060] Báo cáo"),
                                  mail_from=STTTT)
    finally:
        release.join()
        con.close()
    assert code == 250, text
    assert len(s.dc.where("<lock-1@stttt.example.vn>")) == 1
    assert time.time() - started >= 2
    assert s.submissions("<lock-1@stttt.example.vn>") == []
    res = s.dc.dondoc("spool", "replay", "--spool", s.spool, "--smtp",
                      "127.0.0.1:%d" % s.sink.port, db=s.db)
    assert " 0 left" in res.stdout, res.stdout + res.stderr
    sub = one(s.submissions("<lock-1@stttt.example.vn>"), "replayed submission")
    assert sub[4] == "DA06-2026-060", sub
    assert s.task_status("DA06-2026-060") == "submitted"
    assert any(r == ["<%s>" % STTTT] for _, r, _ in s.sent())


def test_store_missing():
    with TrackingServer(store_settings={"db": "/nonexistent/dir/dondoc.db"}) as s:
        s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng", "2026-06-12",
                   period="H:2026:1")
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, text = s.dc.deliver(report("miss-1@stttt.example.vn", STTTT, body),
                                  mail_from=STTTT)
        assert code == 250, text
        assert len(s.dc.where("<miss-1@stttt.example.vn>")) == 1
        entries = os.listdir(os.path.join(s.spool, "new"))
        assert any(e.endswith(".meta") for e in entries), entries
        # The entry is for the store the delivery named: replay into
        # another store leaves it, and says how to take it
        res = s.dc.dondoc("spool", "replay", "--spool", s.spool, db=s.db)
        assert res.stdout.startswith("0 replayed, 0 left") and \
            "left for another store" in res.stdout, res.stdout
        assert "--any-store" in res.stderr, res.stderr
        assert s.task_status("DA06-2026-001") != "submitted"
        # The operator says the real store is the one meant: done.
        res = s.dc.dondoc("spool", "replay", "--spool", s.spool,
                          "--any-store", db=s.db)
        assert " 0 left" in res.stdout, res.stdout + res.stderr
        assert "another store" not in res.stdout, res.stdout
        assert s.task_status("DA06-2026-001") == "submitted"
        assert not [e for e in os.listdir(os.path.join(s.spool, "new"))]


def wait_sent(s, count, timeout=15):
    """The mails the sink received, waiting until there are count."""
    got, deadline = [], time.time() + timeout
    while len(got) < count and time.time() < deadline:
        got += s.sent()
        time.sleep(0.1)
    return got


def deliver_monthly(s, task, number, msgid, subject="Báo cáo"):
    """A monthly report of STTTT tagged with task, delivered over LMTP."""
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nTháng 6\n" % number)
    code, text = s.dc.deliver(report(msgid, STTTT, body,
                                     subject="[%s] %s" % (task, subject)),
                              mail_from=STTTT)
    assert code == 250, text


def test_outbox_mode():
    """dondoc_send = outbox: the delivery only queues; the site's sender
    (`dondoc outbox send --watch`) sends each mail once. A second report
    for the same task the same day is recorded and gets no receipt
    (dondoc_receipt_days); one for another task gets its own."""
    with TrackingServer(store_settings={"dondoc_send": "outbox"}) as s:
        s.add_task("DA06-2026-070", "STTTT", "Báo cáo tháng 6", "2026-06-30")
        s.add_task("DA06-2026-072", "STTTT", "Báo cáo chuyên đề", "2026-06-30")
        deliver_monthly(s, "DA06-2026-070", 180, "ob-1@stttt.example.vn")
        assert s.task_status("DA06-2026-070") == "submitted"
        time.sleep(0.5)
        assert s.sent() == [], "nothing is sent at delivery"
        assert s.query("SELECT kind, state FROM outbox") == [("confirm", "queued")]
        sender = s.dc.dondoc_spawn("outbox", "send", "--watch", "--smtp",
                                   "127.0.0.1:%d" % s.sink.port, db=s.db)
        try:
            mail = one(wait_sent(s, 1), "the receipt sent by the watcher")
            assert mail[0] == "<>" and mail[1] == ["<%s>" % STTTT], mail[:2]
            # Mail queued while it runs goes out too, once.
            deliver_monthly(s, "DA06-2026-072", 181, "ob-2@stttt.example.vn",
                            "Báo cáo chuyên đề")
            one(wait_sent(s, 1), "the second receipt")
            deliver_monthly(s, "DA06-2026-070", 183, "ob-4@stttt.example.vn",
                            "Báo cáo bổ sung")
            time.sleep(1.5)
            assert s.sent() == [], "each mail once, one receipt a day per task"
        finally:
            rc, out, err = s.dc.stop_spawned(sender)
        assert rc == 0, (rc, out, err)
        assert s.query("SELECT state, attempts FROM outbox") == \
            [("sent", 1), ("sent", 1)]
        assert len(s.submissions("<ob-4@stttt.example.vn>")) == 1


def test_outbox_watch_restart():
    """The site's sender as the README runs it (`outbox send --watch`, the
    systemd unit's ExecStart): a receipt leaves within about 2 s of the
    delivery; after a kill -9 and a restart (Restart=on-failure) what was
    queued while it was down goes out, and nothing is sent twice."""
    with TrackingServer(store_settings={"dondoc_send": "outbox"}) as s:
        s.add_task("DA06-2026-090", "STTTT", "Báo cáo tháng 6", "2026-06-30")
        s.add_task("DA06-2026-092", "STTTT", "Báo cáo chuyên đề", "2026-06-30")
        cmd = ("outbox", "send", "--watch", "--smtp",
               "127.0.0.1:%d" % s.sink.port)
        sender = s.dc.dondoc_spawn(*cmd, db=s.db)
        try:
            time.sleep(1)  # the sender is up and idle
            delivered = time.time()
            deliver_monthly(s, "DA06-2026-090", 190, "wr-1@stttt.example.vn")
            one(wait_sent(s, 1, timeout=5), "the receipt sent by the watcher")
            took = time.time() - delivered
            print("# receipt left %.2f s after the delivery" % took)
            assert took < 2.5, took
            os.kill(sender.pid, signal.SIGKILL)
            sender.communicate(timeout=20)
            deliver_monthly(s, "DA06-2026-092", 191, "wr-2@stttt.example.vn",
                            "Báo cáo chuyên đề")
            time.sleep(1)
            assert s.sent() == [], "nothing sent while the sender is down"
            sender = s.dc.dondoc_spawn(*cmd, db=s.db)
            one(wait_sent(s, 1, timeout=10), "the receipt queued while down")
            time.sleep(1.5)
            assert s.sent() == [], "each mail once across the restart"
        finally:
            rc, out, err = s.dc.stop_spawned(sender)
        assert rc == 0, (rc, out, err)
        assert s.query("SELECT state, attempts FROM outbox") == \
            [("sent", 1), ("sent", 1)]


def test_outbox_watch_backoff():
    """SMTP down under the watcher: the mail is tried once, then waits
    (backoff) instead of burning its attempts every second; an operator's
    one-shot send does not wait."""
    with TrackingServer(store_settings={"dondoc_send": "outbox"}) as s:
        s.add_task("DA06-2026-071", "STTTT", "Báo cáo tháng 7", "2026-06-30")
        deliver_monthly(s, "DA06-2026-071", 182, "ob-3@stttt.example.vn")
        port = s.sink.port
        s.sink.stop()
        sender = s.dc.dondoc_spawn("outbox", "send", "--watch", "--interval", "1",
                                   "--smtp", "127.0.0.1:%d" % port, db=s.db)
        try:
            time.sleep(4)
        finally:
            rc, out, err = s.dc.stop_spawned(sender)
        assert rc == 0, (rc, out, err)
        assert s.query("SELECT state, attempts FROM outbox") == [("queued", 1)]
        s.sink.start()
        res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
        assert "1 sent" in res.stdout, res.stdout
        one(s.sent(), "the receipt once SMTP is back")


def main():
    tap = Tap()
    with TrackingServer(store_settings={"dondoc_busy_timeout_msecs": "2000"}) as s:
        setup_tasks(s)
        for name, func in [
            ("sweep reminds and escalates once; a reply to the reminder is matched",
             test_sweep_and_reply),
            ("on-time report: filed, recorded, confirmed", test_on_time),
            ("late report: submitted-late, 7 working days, escalated", test_late_escalated),
            ("reply to dondoc's mail matched by thread", test_reply_to_reminder),
            ("signed reply address matches its task", test_signed_address),
            ("forged MAC matches nothing", test_forged_mac),
            ("spoofed From without our authentication: set aside", test_spoofed_from),
            ("duplicate delivery recorded and confirmed once", test_duplicate),
            ("verified outsider cannot take a task by subject tag", test_outsider_tag),
            ("no Message-ID: filed, not recorded, not spooled", test_no_message_id),
            ("no receipt to an envelope sender that is not the verified one",
             test_envelope_not_verified_sender),
            ("auto-submitted sender recorded, not confirmed", test_auto_submitted),
            ("secret document: metadata only in automatic mail", test_secret_document),
            ("difficulties escalated to the Head with their text", test_difficulties_escalated),
            ("no header injection from mail content", test_header_injection),
            ("SMTP down then up: queued, sent once by outbox send", test_smtp_down_then_up),
            ("store locked 30 s: delivered, spooled, replayed", test_store_locked),
        ]:
            tap.run(name, func, s)
        tap.run("server log has no panic or fatal", lambda: (
            None if not [l for l in s.dc.read_log().splitlines()
                         if "Panic:" in l or "Fatal:" in l]
            else (_ for _ in ()).throw(AssertionError(s.dc.tail_log()))))
    tap.run("store file missing: delivered, spooled, replayed", test_store_missing)
    tap.run("unverified sender: recorded, no state change, never confirmed",
            test_unverified_never_confirmed)
    tap.run("Saturday after a Friday deadline is on time", test_weekend_not_late)
    tap.run("dondoc_send = outbox: queued at delivery, sent once by outbox send --watch",
            test_outbox_mode)
    tap.run("outbox send --watch: receipt within 2 s, survives a kill -9 and restart, once",
            test_outbox_watch_restart)
    tap.run("outbox send --watch backs off while SMTP is down", test_outbox_watch_backoff)
    tap.done()


if __name__ == "__main__":
    main()
