# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the dondoc mail plugin (lib20_dondoc_plugin.so) in a private
Dovecot with IMAP and LMTP on loopback. The secretariat's mail client keeps
its sent mail with IMAP APPEND (python3 imaplib), COPY and MOVE; an MTA that
BCCs outgoing mail delivers it over LMTP and Sieve files it into Sent. The
store (a real SQLite file, read through the CLI and sqlite3), the spool and
the mailboxes are checked."""

import os
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, authres, secretariat_script  # noqa: E402

SECRETARIAT = "tgv@bcd06.example.vn"
DEPUTY = "giamdoc@cat.example.vn"


def mail(msgid, body, sender=SECRETARIAT, to="truongban@ubnd.example.vn",
         date="Wed, 10 Jun 2026 10:00:00 +0700", extra=""):
    head = "From: %s\r\nTo: %s\r\nSubject: =?utf-8?b?VsSDbiBi4bqjbg==?=\r\n" % (sender, to)
    head += "Message-ID: <%s>\r\n" % msgid
    if date:
        head += "Date: %s\r\n" % date
    head += ("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
             "Content-Transfer-Encoding: 8bit\r\n" + extra)
    return (head + "\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def monthly_report(number, month, symbol="BC-TGV", issuer="TỔ GIÚP VIỆC"):
    return ("BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH KIÊN GIANG\n%s\nSố: %d/%s\n"
            "Kiên Giang, ngày 10 tháng 6 năm 2026\n\nBÁO CÁO\n"
            "Tình hình, kết quả hoạt động của Ban Chỉ đạo và Tổ giúp việc "
            "tháng %d năm 2026\n\nKính gửi: Ban Chỉ đạo.\n" % (issuer, number, symbol, month))


def quarter_report(number):
    return ("CÔNG AN TỈNH KIÊN GIANG\nSố: %d/BC-CAT\n"
            "Kiên Giang, ngày 10 tháng 6 năm 2026\n\nBÁO CÁO\n"
            "Tình hình hoạt động của Ban Chỉ đạo quý II năm 2026\n\n"
            "Kính gửi: Ủy ban nhân dân tỉnh.\n" % number)


def task_code(s, obligation, period):
    kind, year, index = period.split(":")
    rows = s.query("SELECT t.code FROM task t JOIN agency a ON a.id = t.agency_id "
                   "WHERE t.obligation = ? AND t.period_kind = ? AND t.period_year = ? "
                   "AND t.period_index = ? AND a.code = 'CAT'",
                   obligation, kind, int(year), int(index))
    assert len(rows) == 1, (obligation, period, rows)
    return rows[0][0]


def append(s, msg, user="tgv", mailbox="Sent"):
    imap = s.dc.imap(user)
    try:
        typ, data = imap.append(mailbox, None, None, msg)
        assert typ == "OK", (typ, data)
    finally:
        imap.logout()


def ids(s, mailbox, user="tgv"):
    return s.dc.message_ids(user).get(mailbox, [])


def test_append_marks_o2(s):
    code = task_code(s, "O2", "M:2026:6")
    assert s.task_status(code) == "open"
    append(s, mail("o2-jun@bcd06.example.vn", monthly_report(15, 6)))
    assert "<o2-jun@bcd06.example.vn>" in ids(s, "Sent")
    assert s.submissions("<o2-jun@bcd06.example.vn>") == [
        ("period", 0, 0, "verified", code)], s.dc.tail_log()
    assert s.task_status(code) == "submitted"
    # The same mail saved again records nothing twice.
    append(s, mail("o2-jun@bcd06.example.vn", monthly_report(15, 6)))
    assert len(s.submissions("<o2-jun@bcd06.example.vn>")) == 1
    audit = s.query("SELECT actor FROM audit WHERE entity = 'task' "
                    "AND entity_key = ?", code)
    assert ("plugin",) in audit, audit


def test_late_report(s):
    # May's report is due on the last working day of May (29 May 2026);
    # sent 10 June: 1-5, 8-10 June = 8 working days late.
    code = task_code(s, "O2", "M:2026:5")
    append(s, mail("o2-may@bcd06.example.vn", monthly_report(14, 5)))
    assert s.submissions("<o2-may@bcd06.example.vn>") == [
        ("period", 1, 8, "verified", code)], s.dc.tail_log()
    assert s.task_status(code) == "submitted-late"


def test_copy_and_move(s):
    imap = s.dc.imap()
    try:
        assert imap.create("Drafts")[0] == "OK"
        msg = mail("o3-q2@cat.example.vn", quarter_report(88), sender=DEPUTY)
        assert imap.append("Drafts", None, None, msg)[0] == "OK"
        msg = mail("o2-apr@bcd06.example.vn", monthly_report(13, 4))
        assert imap.append("Drafts", None, None, msg)[0] == "OK"
        imap.select("Drafts")
        # the Standing Deputy's quarterly report (O3), copied
        typ, data = imap.uid("COPY", "1", "Sent")
        assert typ == "OK", data
        # the secretariat's April report (O2), moved
        typ, data = imap.uid("MOVE", "2", "Sent")
        assert typ == "OK", data
    finally:
        imap.logout()
    o3 = task_code(s, "O3", "Q:2026:2")
    assert s.submissions("<o3-q2@cat.example.vn>") == [
        ("period", 0, 0, "verified", o3)], s.dc.tail_log()
    assert s.task_status(o3) == "submitted"
    o2 = task_code(s, "O2", "M:2026:4")
    assert s.submissions("<o2-apr@bcd06.example.vn>")[0][4] == o2
    assert s.task_status(o2) == "submitted-late"
    assert "<o2-apr@bcd06.example.vn>" in ids(s, "Sent")
    assert "<o2-apr@bcd06.example.vn>" not in ids(s, "Drafts")


def test_not_outgoing(s):
    # A report saved anywhere else is not the committee's outgoing mail.
    code = task_code(s, "O2", "M:2026:3")
    append(s, mail("o2-mar@bcd06.example.vn", monthly_report(12, 3)),
           mailbox="INBOX")
    assert s.submissions("<o2-mar@bcd06.example.vn>") == []
    assert s.task_status(code) == "open"


def test_no_dondoc_user(s):
    # A user whose settings carry no dondoc_db pays nothing, records
    # nothing.
    code = task_code(s, "O2", "M:2026:3")
    append(s, mail("o2-mar-other@bcd06.example.vn", monthly_report(12, 3)),
           user="other")
    assert "<o2-mar-other@bcd06.example.vn>" in ids(s, "Sent", user="other")
    assert s.submissions("<o2-mar-other@bcd06.example.vn>") == []
    assert s.task_status(code) == "open"
    # not even a settings complaint: the plugin never woke up for it
    noise = [line for line in s.dc.read_log().splitlines()
             if "imap(other)" in line and "dondoc" in line]
    assert noise == [], noise


def test_unknown_sender(s):
    code = task_code(s, "O2", "M:2026:3")
    append(s, mail("o2-mar-x@bcd06.example.vn", monthly_report(12, 3),
                   sender="someone@elsewhere.example"))
    assert s.submissions("<o2-mar-x@bcd06.example.vn>") == []
    assert s.task_status(code) == "open"


def test_lmtp_fileinto_sent(s):
    # The MTA BCCs the secretariat's outgoing mail; Sieve files it.
    code = task_code(s, "O2", "M:2026:3")
    msg = mail("o2-mar-bcc@bcd06.example.vn", monthly_report(12, 3),
               extra=authres("bcd06.example.vn"))
    rcode, text = s.dc.deliver(msg, mail_from=SECRETARIAT)
    assert rcode == 250, text
    assert "<o2-mar-bcc@bcd06.example.vn>" in ids(s, "Sent"), s.dc.message_ids()
    sub = s.submissions("<o2-mar-bcc@bcd06.example.vn>")
    assert len(sub) == 1 and sub[0][0] == "period" and sub[0][4] == code, \
        (sub, s.dc.tail_log())
    assert s.task_status(code) == "submitted-late"
    # Without our Authentication-Results the From: line proves nothing.
    code = task_code(s, "O2", "M:2026:2")
    msg = mail("o2-feb-forged@bcd06.example.vn", monthly_report(11, 2))
    rcode, text = s.dc.deliver(msg, mail_from="forger@evil.example")
    assert rcode == 250, text
    assert "<o2-feb-forged@bcd06.example.vn>" in ids(s, "Sent")
    assert s.submissions("<o2-feb-forged@bcd06.example.vn>") == []
    assert s.task_status(code) == "open"


def test_send_time(s):
    # No Date: the save time (dondoc_now) is the send time.
    code = task_code(s, "O2", "M:2026:2")
    append(s, mail("o2-feb@bcd06.example.vn", monthly_report(11, 2), date=None))
    rows = s.query("SELECT received_at FROM submission WHERE message_id = ?",
                   "<o2-feb@bcd06.example.vn>")
    # 2026-06-10T09:00:00+07:00
    assert rows == [(1781056800,)], (rows, s.dc.tail_log())
    assert s.task_status(code) == "submitted-late"
    # An implausible Date: (a year ahead) is not believed either.
    code = task_code(s, "O2", "M:2026:1")
    append(s, mail("o2-jan@bcd06.example.vn", monthly_report(10, 1),
                   date="Thu, 10 Jun 2027 10:00:00 +0700"))
    rows = s.query("SELECT received_at FROM submission WHERE message_id = ?",
                   "<o2-jan@bcd06.example.vn>")
    assert rows == [(1781056800,)], rows


def test_store_locked_spooled(s):
    code = task_code(s, "O2", "M:2026:7")
    con = sqlite3.connect(s.db, timeout=30, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    try:
        start = time.time()
        append(s, mail("o2-jul@bcd06.example.vn", monthly_report(16, 7),
                       date=None))
        took = time.time() - start
    finally:
        con.execute("ROLLBACK")
        con.close()
    assert took < 8, took
    assert "<o2-jul@bcd06.example.vn>" in ids(s, "Sent")
    assert s.submissions("<o2-jul@bcd06.example.vn>") == []
    listed = s.cli("spool", "list", "--spool", s.spool).stdout
    assert "\toutgoing\t" in listed, listed
    res = s.cli("spool", "replay", "--spool", s.spool)
    assert "1 replayed, 0 left" in res.stdout, res.stdout + res.stderr
    assert s.submissions("<o2-jul@bcd06.example.vn>") == [
        ("period", 0, 0, "verified", code)]
    assert s.task_status(code) == "submitted"
    assert s.cli("spool", "list", "--spool", s.spool).stdout == ""


def test_store_missing_spooled(s):
    os.rename(s.db, s.db + ".away")
    try:
        append(s, mail("o2-aug@bcd06.example.vn", monthly_report(17, 8),
                       date=None))
    finally:
        os.rename(s.db + ".away", s.db)
    assert "<o2-aug@bcd06.example.vn>" in ids(s, "Sent")
    res = s.cli("spool", "replay", "--spool", s.spool)
    assert "1 replayed, 0 left" in res.stdout, res.stdout + res.stderr
    assert s.task_status(task_code(s, "O2", "M:2026:8")) == "submitted"


def test_hostile_append(s):
    # Many parts and a document at the end: the APPEND is answered in
    # bounded time, the mail is kept, the analysis stops at its limits.
    parts = ["--p\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i
             for i in range(20000)]
    body = ("Content-Type: multipart/mixed; boundary=p\r\n\r\n" + "".join(parts) +
            "--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
            monthly_report(18, 9).replace("\n", "\r\n") + "--p--\r\n")
    msg = ("From: %s\r\nMessage-ID: <hostile@bcd06.example.vn>\r\n"
           "MIME-Version: 1.0\r\n" % SECRETARIAT + body).encode()
    start = time.time()
    append(s, msg)
    took = time.time() - start
    assert took < 10, took
    assert "<hostile@bcd06.example.vn>" in ids(s, "Sent")
    assert "analysis partial" in s.dc.read_log(), s.dc.tail_log()


def notice(number, day, month=6, time_line="14 giờ 00 phút", place="Hội trường Công an tỉnh"):
    return ("BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH KIÊN GIANG\nSố: %d/GM-BCĐ\n"
            "Kiên Giang, ngày 10 tháng 6 năm 2026\n\nGIẤY MỜI\n"
            "Họp Ban Chỉ đạo Đề án 06 tỉnh\n\n"
            "Ban Chỉ đạo Đề án 06 tỉnh trân trọng kính mời:\n"
            "Thành phần: Các thành viên Ban Chỉ đạo.\n"
            "Thời gian: %s, ngày %d/%d/2026.\n"
            "Địa điểm: %s.\n"
            "Chủ trì: Chủ tịch UBND tỉnh.\n"
            "Nội dung: Sơ kết 6 tháng đầu năm 2026.\n" % (number, time_line, day, month, place))


def meetings(s):
    import json
    return {m["code"]: m for m in json.loads(s.cli("meeting", "list", "--json").stdout)}


def test_meeting_notice(s):
    o5 = task_code(s, "O5", "B:2026:3")
    assert s.task_status(o5) == "open"
    # sent Wednesday 10 June for Monday 15 June: 11, 12, 15 = 3 working days
    append(s, mail("gm-12@bcd06.example.vn", notice(12, 15)))
    m = meetings(s).get("HOP-2026-06-15")
    assert m is not None, (meetings(s), s.dc.tail_log())
    assert m["date"] == "2026-06-15" and m["time"] == "14:00", m
    assert m["place"] == "Hội trường Công an tỉnh", m
    assert m["notice_sent"] == "2026-06-10T10:00:00+07:00", m
    assert m["notice_workdays"] == 3 and m["notice_ok"] is True, m
    assert m["notice"] == "12/GM-BCĐ", m
    # O10 for every member, due the last working day before (Friday 12)
    rows = s.query("SELECT t.code, a.code, t.due, t.obligation, t.source_symbol "
                   "FROM task t JOIN agency a ON a.id = t.agency_id "
                   "WHERE t.code LIKE 'HOP-2026-06-15-%' ORDER BY t.code")
    assert rows == [
        ("HOP-2026-06-15-O10-STTTT", "STTTT", "2026-06-12", "O10", "GM-BCĐ"),
        ("HOP-2026-06-15-O10-SXD", "SXD", "2026-06-12", "O10", "GM-BCĐ"),
        ("HOP-2026-06-15-O10-UBND-PQ", "UBND-PQ", "2026-06-12", "O10", "GM-BCĐ"),
        ("HOP-2026-06-15-O7", "CAT", "2026-06-22", "O7", None)], rows
    assert s.task_status(o5) == "closed"
    # the notice was on time: nothing for the secretariat
    assert s.query("SELECT count(*) FROM outbox WHERE kind = 'notice'") == [(0,)]
    import json
    listed = json.loads(s.cli("task", "list", "--source", "12/GM-BCĐ",
                              "--json").stdout)
    assert sorted(t["code"] for t in listed) == [
        "HOP-2026-06-15-O10-STTTT", "HOP-2026-06-15-O10-SXD",
        "HOP-2026-06-15-O10-UBND-PQ"], listed
    shown = json.loads(s.cli("meeting", "show", "HOP-2026-06-15", "--json").stdout)
    assert len(shown["tasks"]) == 4, shown


def test_meeting_late_notice(s):
    # sent Wednesday 10 June for Thursday 11 June: 1 working day (O6: 2)
    append(s, mail("gm-13@bcd06.example.vn", notice(13, 11, time_line="8h00")))
    m = meetings(s)["HOP-2026-06-11"]
    assert m["notice_workdays"] == 1 and m["notice_ok"] is False, m
    assert m["time"] == "08:00", m
    # saved twice (a second client, a resend): one warning all the same
    append(s, mail("gm-13@bcd06.example.vn", notice(13, 11, time_line="8h00")))
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    sent = s.sent()
    assert len(sent) == 1, [m["Subject"] for _, _, m in sent]
    mail_from, rcpts, msg = sent[0]
    assert rcpts == ["<%s>" % SECRETARIAT], rcpts
    assert msg["X-Dondoc-Generated"] == "notice", msg["X-Dondoc-Generated"]
    assert "HOP-2026-06-11" in msg["Subject"] and "muộn" in msg["Subject"], msg["Subject"]
    body = msg.get_content()
    assert "13/GM-BCĐ" in body and "1 ngày làm việc" in body, body
    assert len([c for c in meetings(s) if c.startswith("HOP-2026-06-11")]) == 1


def test_late_notice_in_head_digest(s):
    # dondoc_head_digest = weekly: the late notice is also a warning in
    # the Head's digest, once; the secretariat's notice is unchanged
    s.dc.reconfigure(dondoc_head_digest="weekly")
    try:
        append(s, mail("gm-31@bcd06.example.vn",
                       notice(31, 11, time_line="16 giờ 00 phút",
                              place="Phòng họp UBND tỉnh")))
        append(s, mail("gm-31@bcd06.example.vn",
                       notice(31, 11, time_line="16 giờ 00 phút",
                              place="Phòng họp UBND tỉnh")))
        rows = s.query("SELECT kind, recipient, reason, message_id FROM head_digest_item "
                       "WHERE kind = 'warning'")
        assert len(rows) == 1, rows
        assert rows[0][1] == "truongban@ubnd.example.vn", rows
        assert "gửi muộn" in rows[0][2] and rows[0][3] == "<gm-31@bcd06.example.vn>", rows
        s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
        res = s.cli("sweep", "--today", "2026-06-15", "--smtp",
                    "127.0.0.1:%d" % s.sink.port)
        head = [m for _, r, m in s.sent() if r == ["<truongban@ubnd.example.vn>"]]
        assert len(head) == 1, (res.stdout, [m["Subject"] for m in head])
        text = head[0].get_body(("plain",)).get_content()
        assert "CẢNH BÁO" in text and "gửi muộn" in text, text
        assert "<gm-31@bcd06.example.vn>" in text, text
    finally:
        s.dc.reconfigure(dondoc_head_digest="immediate")


def test_member_report_cites_notice(s):
    # A member's pre-meeting report citing the notice matches its O10.
    body = ("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n"
            "Số: 140/BC-STTTT\nKiên Giang, ngày 10 tháng 6 năm 2026\n\n"
            "BÁO CÁO\nKết quả thực hiện nhiệm vụ phục vụ cuộc họp Ban Chỉ đạo\n\n"
            "Căn cứ Giấy mời số 12/GM-BCĐ ngày 10/6/2026 của Ban Chỉ đạo,\n"
            "Sở Thông tin và Truyền thông báo cáo như sau.\n")
    from tracking_env import report
    code, text = s.dc.deliver(report("o10-stttt@stttt.example.vn",
                                     "vanphong@stttt.example.vn", body),
                              mail_from="vanphong@stttt.example.vn")
    assert code == 250, text
    sub = s.submissions("<o10-stttt@stttt.example.vn>")
    assert len(sub) == 1 and sub[0][0] == "reference" and \
        sub[0][4] == "HOP-2026-06-15-O10-STTTT", (sub, s.dc.tail_log())
    assert s.task_status("HOP-2026-06-15-O10-STTTT") == "submitted"
    s.sent()


def test_meeting_corrected_notice(s):
    # 12/GM-BCĐ corrected: the meeting moves to Tuesday 16 June at 8:30.
    append(s, mail("gm-12b@bcd06.example.vn", notice(12, 16, time_line="8 giờ 30 phút")))
    ms = meetings(s)
    assert "HOP-2026-06-16" not in ms, ms
    m = ms["HOP-2026-06-15"]
    assert m["date"] == "2026-06-16" and m["time"] == "08:30", m
    # the first notice's send time stands
    assert m["notice_sent"] == "2026-06-10T10:00:00+07:00", m
    assert m["notice_workdays"] == 4, m
    rows = s.query("SELECT code, due FROM task WHERE code LIKE 'HOP-2026-06-15-%' "
                   "ORDER BY code")
    assert rows == [("HOP-2026-06-15-O10-STTTT", "2026-06-15"),
                    ("HOP-2026-06-15-O10-SXD", "2026-06-15"),
                    ("HOP-2026-06-15-O10-UBND-PQ", "2026-06-15"),
                    ("HOP-2026-06-15-O7", "2026-06-23")], rows
    audit = s.query("SELECT action, old_value, new_value FROM audit WHERE "
                    "entity = 'meeting' AND entity_key = 'HOP-2026-06-15' "
                    "ORDER BY id")
    assert ("update", "2026-06-15 14:00", "2026-06-16 08:30") in audit, audit
    audit = s.query("SELECT action, old_value, new_value FROM audit WHERE "
                    "entity = 'task' AND entity_key = 'HOP-2026-06-15-O10-SXD' "
                    "ORDER BY id")
    assert ("update", "2026-06-12", "2026-06-15") in audit, audit
    # the submitted task keeps its status
    assert s.task_status("HOP-2026-06-15-O10-STTTT") == "submitted"


def conclusions(number=45, first_deadline="trước ngày 30/6/2026"):
    return ("UBND TỈNH KIÊN GIANG\nBAN CHỈ ĐẠO ĐỀ ÁN 06\nSố: %d/TB-BCĐ\n"
            "Kiên Giang, ngày 17 tháng 6 năm 2026\n\nTHÔNG BÁO\n"
            "Kết luận của Trưởng Ban Chỉ đạo tại phiên họp tháng 6 năm 2026\n\n"
            "Ngày 16/6/2026, Ban Chỉ đạo Đề án 06 tỉnh tổ chức phiên họp thường kỳ.\n"
            "Trưởng Ban Chỉ đạo kết luận như sau:\n"
            "1. Giao Sở Thông tin và Truyền thông chủ trì nâng cấp hệ thống thông tin "
            "giải quyết thủ tục hành chính, hoàn thành %s.\n"
            "2. UBND thành phố Phú Quốc: hoàn thành cấp tài khoản định danh điện tử; "
            "thời gian hoàn thành: tháng 7/2026.\n"
            "3. Các sở, ban, ngành tỉnh: định kỳ hằng tháng báo cáo kết quả thực hiện "
            "về Ban Chỉ đạo (qua Công an tỉnh) trước ngày 25.\n"
            "4. Giao Ban Quản lý Khu kinh tế Phú Quốc rà soát thủ tục đầu tư trong năm 2026.\n"
            "\nNơi nhận:\n- Thành viên BCĐ;\n- Lưu: VT.\n" % (number, first_deadline))


def o11_tasks(s, source):
    return s.query("SELECT t.code, a.code, t.due, t.status FROM task t JOIN agency a "
                   "ON a.id = t.agency_id WHERE t.obligation = 'O11' AND "
                   "t.source_symbol = ? ORDER BY t.code", source)


def test_conclusions(s):
    s.dc.reconfigure(dondoc_now="2026-06-17T09:00:00+07:00")
    date = "Wed, 17 Jun 2026 15:00:00 +0700"
    append(s, mail("tb-45@bcd06.example.vn", conclusions(), date=date))
    tasks = o11_tasks(s, "TB-BCĐ")
    by_code = {t[0]: t for t in tasks}
    assert by_code.get("45/TB-BCD-1-STTTT") == (
        "45/TB-BCD-1-STTTT", "STTTT", "2026-06-30", "open"), (tasks, s.dc.tail_log())
    # a month: its last working day
    assert by_code["45/TB-BCD-2-UBND-PQ"][2] == "2026-07-31", tasks
    # the group: every department member (not the district), monthly
    # before the 25th from June to December
    monthly = sorted(t for t in by_code if t.startswith("45/TB-BCD-3-"))
    assert monthly == sorted(["45/TB-BCD-3-%s-2026-%02d" % (a, m)
                              for a in ("STTTT", "SXD") for m in range(6, 13)]), monthly
    assert by_code["45/TB-BCD-3-SXD-2026-06"][2] == "2026-06-24", tasks
    # 25 July 2026 is a Saturday: Friday 24
    assert by_code["45/TB-BCD-3-SXD-2026-07"][2] == "2026-07-24", tasks
    assert len(tasks) == 16, tasks
    # the meeting's O7 (due 23 June) is discharged, on time
    assert s.task_status("HOP-2026-06-15-O7") == "submitted"
    # the unknown agency: one mail to the secretariat
    s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    sent = s.sent()
    assert len(sent) == 1, [m["Subject"] for _, _, m in sent]
    _, rcpts, msg = sent[0]
    assert rcpts == ["<%s>" % SECRETARIAT], rcpts
    body = msg.get_content()
    assert "Ban Quản lý Khu kinh tế Phú Quốc" in body, body
    assert "45/TB-BCĐ" in msg["Subject"], msg["Subject"]
    # the same notice saved twice creates nothing twice
    append(s, mail("tb-45@bcd06.example.vn", conclusions(), date=date))
    assert o11_tasks(s, "TB-BCĐ") == tasks
    s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert s.sent() == []


def test_report_cites_conclusions(s):
    body = ("UBND TỈNH KIÊN GIANG\nUBND THÀNH PHỐ PHÚ QUỐC\n"
            "Số: 77/BC-UBND\nPhú Quốc, ngày 17 tháng 6 năm 2026\n\n"
            "BÁO CÁO\nKết quả cấp tài khoản định danh điện tử\n\n"
            "Thực hiện Thông báo số 45/TB-BCĐ ngày 17/6/2026 của Ban Chỉ đạo,\n"
            "UBND thành phố báo cáo như sau.\n")
    from tracking_env import report
    code, text = s.dc.deliver(report("pq-77@phuquoc.example.vn",
                                     "vanthu@phuquoc.example.vn", body),
                              mail_from="vanthu@phuquoc.example.vn")
    assert code == 250, text
    sub = s.submissions("<pq-77@phuquoc.example.vn>")
    assert len(sub) == 1 and sub[0][0] == "reference" and \
        sub[0][4] == "45/TB-BCD-2-UBND-PQ", (sub, s.dc.tail_log())
    assert s.task_status("45/TB-BCD-2-UBND-PQ") == "submitted"
    s.sent()


def test_report_cites_recurring(s):
    # 45/TB-BCĐ gives SXD seven monthly instances (June to December): a
    # report citing it is for the month it states, else the month it is
    # sent in (17 June), never left ambiguous.
    from tracking_env import report
    for msgid, month_line, want in [
            ("sxd-jul", "Kết quả thực hiện tháng 7 năm 2026", "45/TB-BCD-3-SXD-2026-07"),
            ("sxd-now", "Kết quả thực hiện nhiệm vụ được giao", "45/TB-BCD-3-SXD-2026-06")]:
        body = ("UBND TỈNH KIÊN GIANG\nSỞ XÂY DỰNG\nSố: 31/BC-SXD\n"
                "Kiên Giang, ngày 17 tháng 6 năm 2026\n\nBÁO CÁO\n%s\n\n"
                "Thực hiện Thông báo số 45/TB-BCĐ ngày 17/6/2026 của Ban Chỉ đạo,\n"
                "Sở Xây dựng báo cáo như sau.\n" % month_line)
        code, text = s.dc.deliver(report("%s@sxd.example.vn" % msgid,
                                         "vanphong@sxd.example.vn", body),
                                  mail_from="vanphong@sxd.example.vn")
        assert code == 250, text
        sub = s.submissions("<%s@sxd.example.vn>" % msgid)
        assert len(sub) == 1 and sub[0][0] == "reference" and sub[0][4] == want, \
            (msgid, sub, s.dc.tail_log())
        assert s.task_status(want) == "submitted"
    s.sent()


def test_corrected_conclusions(s):
    append(s, mail("tb-45b@bcd06.example.vn",
                   conclusions(first_deadline="trước ngày 15/7/2026"),
                   date="Wed, 17 Jun 2026 16:00:00 +0700"))
    tasks = o11_tasks(s, "TB-BCĐ")
    assert len(tasks) == 16, tasks
    by_code = {t[0]: t for t in tasks}
    assert by_code["45/TB-BCD-1-STTTT"][2] == "2026-07-15", tasks
    audit = s.query("SELECT action, old_value, new_value, actor FROM audit WHERE "
                    "entity = 'task' AND entity_key = '45/TB-BCD-1-STTTT' ORDER BY id")
    assert ("update", "2026-06-30", "2026-07-15", "plugin") in audit, audit
    # the correction still names the unknown agency: told again, once
    s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert len(s.sent()) == 1


def test_plan_docx(s):
    # A plan sent as a .docx attachment (the corpus' own message, as the
    # secretariat sends it).
    with open(os.path.join(os.path.dirname(__file__), "..", "corpus", "committee",
                           "kh-docx-table.eml"), "rb") as f:
        raw = f.read()
    head, body = raw.split(b"\n\n", 1)
    lines = [l for l in head.split(b"\n")
             if not l.lower().startswith((b"from:", b"date:", b"message-id:"))]
    lines = [b"From: " + SECRETARIAT.encode(), b"Date: Wed, 17 Jun 2026 16:30:00 +0700",
             b"Message-ID: <kh-130@bcd06.example.vn>"] + lines
    append(s, b"\r\n".join(lines) + b"\r\n\r\n" + body.replace(b"\n", b"\r\n"))
    tasks = o11_tasks(s, "KH-UBND")
    codes = [t[0] for t in tasks]
    # the districts (UBND-PQ), six-monthly before the 15th: June's
    # instance (due 12 June) was past when the plan was sent on 17 June;
    # the Standing Agency, no deadline written: the year's end
    assert codes == ["130/KH-UBND-3-UBND-PQ-2026-12", "130/KH-UBND-5-CAT"], \
        (tasks, s.dc.tail_log())
    assert tasks[0][2] == "2026-12-14" and tasks[1][2] == "2026-12-31", tasks
    s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    sent = s.sent()
    assert len(sent) == 1, sent
    body = sent[0][2].get_content()
    for agency in ("Sở Tư pháp", "Sở Khoa học và Công nghệ",
                   "Trung tâm Chuyển đổi số tỉnh"):
        assert agency in body, body
    assert "không ghi thời hạn" in body, body


def mutf7(name):
    """An IMAP mailbox name in modified UTF-7 (RFC 3501 5.1.3)."""
    import base64
    out, run = [], []

    def flush():
        if run:
            b = base64.b64encode("".join(run).encode("utf-16-be")).decode()
            out.append("&" + b.rstrip("=").replace("/", ",") + "-")
            run.clear()
    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return '"%s"' % "".join(out)


def agency_report(msgid, number, summary, subject="Báo cáo"):
    from tracking_env import report
    body = ("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n"
            "Số: %d/BC-STTTT\nKiên Giang, ngày 17 tháng 6 năm 2026\n\n"
            "BÁO CÁO\n%s\n\nKính gửi: Tổ giúp việc.\n" % (number, summary))
    return report(msgid, "vanphong@stttt.example.vn", body, subject=subject)


def test_manual_triage(s):
    s.add_task("DA06-2026-090", "STTTT", "Rà soát thiết bị đầu cuối cấp xã",
               "2026-06-30")
    s.add_task("DA06-2026-091", "STTTT", "Báo cáo định kỳ tháng 6", "2026-06-30",
               period="M:2026:6")
    s.add_task("DA06-2026-092", "STTTT", "Báo cáo số liệu thuê bao di động",
               "2026-06-30")
    # 1. nothing matches automatically: filed for a human
    code, _ = s.dc.deliver(agency_report("tri-1@stttt.example.vn", 150,
                                         "Tình hình ứng dụng trí tuệ nhân tạo"),
                           mail_from="vanphong@stttt.example.vn")
    assert code == 250
    assert s.dc.where("<tri-1@stttt.example.vn>") == ["Chưa khớp nhiệm vụ"], \
        s.dc.message_ids()
    assert s.submissions("<tri-1@stttt.example.vn>") == [("none", 0, 0, "verified", None)]
    # 2. matched automatically, by the tag its sender wrote, to the
    # wrong task
    code, _ = s.dc.deliver(agency_report("tri-2@stttt.example.vn", 151,
                                         "Tình hình phát triển thuê bao",
                                         subject="[DA06-2026-091] Báo cáo"),
                           mail_from="vanphong@stttt.example.vn")
    assert code == 250
    assert s.submissions("<tri-2@stttt.example.vn>")[0][4] == "DA06-2026-091"
    s.sent()
    imap = s.dc.imap()
    try:
        for task in ("DA06-2026-090", "DA06-2026-092"):
            typ, data = imap.create(mutf7("Nhiệm vụ.%s" % task))
            assert typ == "OK", data
        typ, data = imap.select(mutf7("Chưa khớp nhiệm vụ"))
        assert typ == "OK", data
        typ, data = imap.uid("SEARCH", None, "HEADER", "Message-ID",
                             "tri-1@stttt.example.vn")
        uid = data[0].split()[-1].decode()
        typ, data = imap.uid("MOVE", uid, mutf7("Nhiệm vụ.DA06-2026-090"))
        assert typ == "OK", data
        box = s.dc.where("<tri-2@stttt.example.vn>")[0]
        typ, data = imap.select(mutf7(box))
        assert typ == "OK", data
        typ, data = imap.uid("SEARCH", None, "HEADER", "Message-ID",
                             "tri-2@stttt.example.vn")
        uid = data[0].split()[-1].decode()
        typ, data = imap.uid("COPY", uid, mutf7("Nhiệm vụ.DA06-2026-092"))
        assert typ == "OK", data
    finally:
        imap.logout()
    assert s.submissions("<tri-1@stttt.example.vn>") == [
        ("manual", 0, 0, "verified", "DA06-2026-090")], s.dc.tail_log()
    assert s.task_status("DA06-2026-090") == "submitted"
    assert s.submissions("<tri-2@stttt.example.vn>") == [
        ("manual", 0, 0, "verified", "DA06-2026-092")], s.dc.tail_log()
    assert s.task_status("DA06-2026-092") == "submitted"
    audit = s.query("SELECT action, old_value, new_value, actor FROM audit WHERE "
                    "entity = 'submission' AND entity_key = ? ORDER BY id",
                    "<tri-2@stttt.example.vn>")
    assert audit[-1] == ("assign", "task=DA06-2026-091 match=tag",
                         "task=DA06-2026-092 match=manual on-time late_days=0",
                         "plugin"), audit
    shown = s.cli("task", "show", "DA06-2026-092", "--json").stdout
    assert '"match":"manual"' in shown, shown


def test_triage_refused(s):
    """A mail filed by hand into the mailbox of a task the store does not
    have, or of a name that is no task code (a trailing space): nothing
    recorded, a warning naming the mail, the mailbox and why; not spooled
    (no replay could ever do it)."""
    code, _ = s.dc.deliver(agency_report("trr-1@stttt.example.vn", 160,
                                         "Tình hình chuyển đổi số cấp xã"),
                           mail_from="vanphong@stttt.example.vn")
    assert code == 250
    code, _ = s.dc.deliver(agency_report("trr-2@stttt.example.vn", 161,
                                         "Tình hình chuyển đổi số cấp huyện"),
                           mail_from="vanphong@stttt.example.vn")
    assert code == 250
    before = s.cli("spool", "list", "--spool", s.spool).stdout
    imap = s.dc.imap()
    try:
        for n, box in enumerate(["Nhiệm vụ.DA06-2026-999",
                                 "Nhiệm vụ.DA06-2026-090 "]):
            typ, data = imap.create(mutf7(box))
            assert typ == "OK", data
            typ, data = imap.select(mutf7("Chưa khớp nhiệm vụ"))
            assert typ == "OK", data
            typ, data = imap.uid("SEARCH", None, "HEADER", "Message-ID",
                                 "trr-%d@stttt.example.vn" % (n + 1))
            uid = data[0].split()[-1].decode()
            typ, data = imap.uid("MOVE", uid, mutf7(box))
            assert typ == "OK", data
    finally:
        imap.logout()
    log = s.dc.read_log()
    assert "<trr-1@stttt.example.vn> filed by hand into Nhiệm vụ.DA06-2026-999: " \
        "no such task in the store: nothing recorded" in log, s.dc.tail_log()
    assert "<trr-2@stttt.example.vn> filed by hand into Nhiệm vụ.DA06-2026-090 : " \
        "not a task code" in log, s.dc.tail_log()
    for n in (1, 2):
        assert [r[0] for r in s.submissions("<trr-%d@stttt.example.vn>" % n)] \
            == ["none"], s.submissions("<trr-%d@stttt.example.vn>" % n)
    assert s.cli("spool", "list", "--spool", s.spool).stdout == before, \
        "spooled: %s" % s.cli("spool", "list", "--spool", s.spool).stdout


def test_bulk_copy_bounded(s):
    # An old Sent folder copied in one command: at most 100 mails of one
    # transaction are acted on, the rest is logged and left.
    imap = s.dc.imap()
    try:
        assert imap.create("Archive")[0] == "OK"
        for i in range(105):
            msg = mail("bulk-%03d@bcd06.example.vn" % i, monthly_report(200 + i, 11))
            assert imap.append("Archive", None, None, msg)[0] == "OK"
        imap.select("Archive")
        typ, data = imap.uid("COPY", "1:*", "Sent")
        assert typ == "OK", data
    finally:
        imap.logout()
    rows = s.query("SELECT count(*) FROM submission WHERE message_id LIKE '<bulk-%'")
    assert rows == [(100,)], rows
    assert "more than 100 mails saved in one transaction into Sent" in \
        s.dc.read_log(), s.dc.tail_log()
    assert len([m for m in ids(s, "Sent") if m.startswith("<bulk-")]) == 105


def test_meeting_add_by_hand(s):
    # A meeting announced outside the mail: the same per-meeting tasks.
    o5 = task_code(s, "O5", "B:2026:4")
    res = s.cli("meeting", "add", "--code", "HOP-2026-08-14", "--date",
                "2026-08-14", "--time", "08:00", "--place", "UBND tỉnh",
                "--tasks")
    assert "4 task(s) created, 1 closed" in res.stdout, res.stdout
    m = meetings(s)["HOP-2026-08-14"]
    assert m["time"] == "08:00" and m["notice_sent"] is None and \
        m["notice_ok"] is None, m
    assert s.task_status(o5) == "closed"
    rows = s.query("SELECT code, due FROM task WHERE code LIKE 'HOP-2026-08-14-%' "
                   "ORDER BY code")
    assert rows[0] == ("HOP-2026-08-14-O10-STTTT", "2026-08-13"), rows
    assert rows[-1] == ("HOP-2026-08-14-O7", "2026-08-21"), rows
    res = s.cli("meeting", "add", "--code", "HOP-2026-08-14", "--date",
                "2026-08-14", check=False)
    assert res.returncode != 0 and "already exists" in res.stderr, res
    assert len(s.query("SELECT code FROM task WHERE code LIKE 'HOP-2026-08-14-%'")) == 4


def sieve_with_sent():
    script = secretariat_script()
    # after the secretariat's require line: mail from ourselves is filed
    # into Sent before anything else
    lines = script.splitlines(True)
    for i, line in enumerate(lines):
        if line.startswith("require"):
            lines.insert(i + 1, 'if address :is "from" "%s" {\n'
                         '    fileinto "Sent";\n    stop;\n}\n' % SECRETARIAT)
            break
    return "".join(lines)


def main():
    t = Tap()
    # dondoc_db in the secretariat's userdb fields only: "other" has none
    other = {"other": ""}
    with TrackingServer(mail_plugin=True, script=sieve_with_sent(),
                        users_extra=other, db_in_userdb=True,
                        store_settings={"dondoc_task_mailboxes": "Nhiệm vụ"}) as s:
        s.cli("person", "add", SECRETARIAT, "--agency", "CAT", "--role",
              "to-truong", "--name", "Tổ giúp việc")
        s.cli("person", "add", DEPUTY, "--agency", "CAT", "--role",
              "pho-truong-ban-tt", "--name", "Giám đốc Công an tỉnh")
        s.cli("obligations", "generate", "--year", "2026")
        for name, func in [
                ("APPEND into Sent marks the O2 report submitted", test_append_marks_o2),
                ("a late report is submitted late", test_late_report),
                ("COPY and MOVE into Sent", test_copy_and_move),
                ("a save elsewhere is not outgoing", test_not_outgoing),
                ("a user without dondoc_db records nothing", test_no_dondoc_user),
                ("an unknown sender marks nothing", test_unknown_sender),
                ("LMTP delivery filed into Sent", test_lmtp_fileinto_sent),
                ("send time: Date:, else the save time", test_send_time),
                ("store locked: saved, spooled, replayed", test_store_locked_spooled),
                ("store missing: saved, spooled, replayed", test_store_missing_spooled),
                ("a hostile APPEND is bounded", test_hostile_append),
                ("a meeting notice records the meeting and its tasks", test_meeting_notice),
                ("a late notice warns the secretariat once", test_meeting_late_notice),
                ("a member's report citing the notice matches its O10",
                 test_member_report_cites_notice),
                ("a corrected notice updates the meeting", test_meeting_corrected_notice),
                ("a conclusion notice creates its O11 tasks", test_conclusions),
                ("a report citing the conclusion notice matches", test_report_cites_conclusions),
                ("a report citing a recurring assignment: the instance of its period",
                 test_report_cites_recurring),
                ("a corrected conclusion notice updates its tasks", test_corrected_conclusions),
                ("a plan as .docx creates its tasks", test_plan_docx),
                ("MOVE/COPY into a task's mailbox records it by hand", test_manual_triage),
                ("filed by hand into no task's mailbox: a warning, not spooled",
                 test_triage_refused),
                ("a bulk COPY into Sent is bounded", test_bulk_copy_bounded),
                ("meeting add creates the per-meeting tasks", test_meeting_add_by_hand),
                # last: its sweep marks the month's tasks overdue
                ("a late notice is a warning in the Head's weekly digest",
                 test_late_notice_in_head_digest)]:
            t.run(name, func, s)
    t.done()


if __name__ == "__main__":
    main()
