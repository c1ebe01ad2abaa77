# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: replies about attending a meeting (O8) in a private Dovecot
with the mail plugin, Sieve (doc/examples/secretariat.sieve), IMAP and LMTP
on loopback. The secretariat's notice is APPENDed to Sent; members' replies
(a short mail body threaded to the notice, a formal công văn as .docx citing
it, an Outlook reply in NFD text naming its date) are delivered over LMTP;
look-alikes (another sense of "vắng", an unrelated thread) record nothing;
the secretariat's consent is APPENDed to Sent; the sweep chases the
delegation's written opinion once per step; a reply while the store is
locked is spooled and replayed. The store, the mail sent and the mailboxes
are checked."""

import base64
import io
import json
import os
import sys
import time
import unicodedata
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, authres, report  # noqa: E402
from test_plugin import SECRETARIAT, append, ids, mail, notice, sieve_with_sent  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
PQ = "vanthu@phuquoc.example.vn"
MEETING = "HOP-2026-06-15"


def rows(s):
    return s.query("SELECT a.code, t.kind, t.delegate, t.message_id, t.doc_symbol, "
                   "t.consent_at > 0 FROM meeting_attendance t "
                   "JOIN agency a ON a.id = t.agency_id ORDER BY a.code")


def audits(s):
    return s.query("SELECT count(*) FROM audit WHERE entity = 'attendance'")[0][0]


def deliver(s, msg, sender):
    code, text = s.dc.deliver(msg, mail_from=sender)
    assert code == 250, text


def shown(s):
    return json.loads(s.cli("meeting", "show", MEETING, "--json").stdout)


def test_notice(s):
    append(s, mail("gm-12@bcd06.example.vn", notice(12, 15)))
    assert MEETING in s.cli("meeting", "list").stdout, s.dc.tail_log()
    assert s.task_status(MEETING + "-O10-STTTT") == "open"


def test_not_vang(s):
    # Threaded to the notice, "vắng" in another sense: nothing recorded.
    body = ("Kính gửi Tổ giúp việc,\nSở gửi số liệu phục vụ cuộc họp: bộ phận "
            "một cửa vắng người dân đến giao dịch, đường sá vắng vẻ do mưa bão.\n")
    deliver(s, report("vang-khac@stttt.example.vn", STTTT, body, subject="Số liệu",
                      extra_headers="In-Reply-To: <gm-12@bcd06.example.vn>\r\n"), STTTT)
    # an absence in an unrelated thread, naming no meeting: no meeting to record
    body = "Kính gửi Tổ giúp việc,\nSở Xây dựng xin vắng mặt cuộc họp chiều nay.\n"
    deliver(s, report("vang-khac@sxd.example.vn", SXD, body, subject="Re: Góp ý dự thảo",
                      extra_headers="In-Reply-To: <du-thao-kh@bcd06.example.vn>\r\n"), SXD)
    assert rows(s) == [], rows(s)
    where = s.dc.message_ids()
    assert "<vang-khac@stttt.example.vn>" in where.get("INBOX", []), where
    assert "<vang-khac@sxd.example.vn>" in where.get("INBOX", []), where


def test_absent_threaded(s):
    # The shortest form: a mail body, threaded to the notice.
    body = ("Kính gửi Tổ giúp việc,\n\nSở Thông tin và Truyền thông xin phép vắng "
            "mặt do Giám đốc Sở đi công tác.\n\nTrân trọng.\n\n"
            "On 6/10/26 10:00 AM, Tổ giúp việc wrote:\n> GIẤY MỜI\n"
            "> Họp Ban Chỉ đạo Đề án 06 tỉnh\n")
    deliver(s, report("vang-1@stttt.example.vn", STTTT, body,
                      subject="Re: Giấy mời họp",
                      extra_headers="In-Reply-To: <gm-12@bcd06.example.vn>\r\n"
                      "References: <gm-12@bcd06.example.vn>\r\n"), STTTT)
    assert rows(s) == [("STTTT", "absent", None, "<vang-1@stttt.example.vn>", None, 0)], \
        (rows(s), s.dc.tail_log())
    # filed with the meeting; no report for O10, no O8 for a plain absence
    assert "<vang-1@stttt.example.vn>" in ids(s, "Họp." + MEETING), s.dc.message_ids()
    assert s.task_status(MEETING + "-O10-STTTT") == "open"
    assert s.task_status(MEETING + "-O8-STTTT") is None
    # the same delivery again (an MTA retry): nothing twice
    n = audits(s)
    deliver(s, report("vang-1@stttt.example.vn", STTTT, body,
                      extra_headers="In-Reply-To: <gm-12@bcd06.example.vn>\r\n"), STTTT)
    assert audits(s) == n and len(rows(s)) == 1, rows(s)


def docx(paragraphs):
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % p
                     for p in paragraphs) + "</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml)
    return base64.encodebytes(buf.getvalue()).decode()


def test_delegate_docx(s):
    # A formal công văn attached, citing the notice, no thread.
    cv = docx(["UBND TỈNH KIÊN GIANG", "SỞ XÂY DỰNG", "Số: 245/SXD-VP",
               "V/v cử người dự họp Ban Chỉ đạo", "Kiên Giang, ngày 11 tháng 6 năm 2026",
               "Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.",
               "Thực hiện Giấy mời số 12/GM-BCĐ ngày 10/6/2026, do Giám đốc Sở bận "
               "công tác nên không thể tham dự cuộc họp.",
               "Sở Xây dựng cử ông Phạm Văn Đức, Phó Giám đốc Sở, dự họp thay.",
               "Trân trọng./.", "GIÁM ĐỐC"])
    msg = (authres("sxd.example.vn") +
           "From: %s\r\nTo: %s\r\nSubject: =?utf-8?b?Q8O0bmcgdsSDbiAyNDUvU1hELVZQ?=\r\n"
           "Message-ID: <cv-245@sxd.example.vn>\r\nDate: Thu, 11 Jun 2026 08:00:00 +0700\r\n"
           "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
           "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           "Sở Xây dựng gửi công văn đính kèm.\r\n--m\r\n"
           "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n"
           "Content-Disposition: attachment; filename=\"245-SXD-VP.docx\"\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n%s--m--\r\n" % (SXD, SECRETARIAT, cv))
    deliver(s, msg.encode(), SXD)
    got = [r for r in rows(s) if r[0] == "SXD"]
    assert got == [("SXD", "delegate", "ông Phạm Văn Đức, Phó Giám đốc Sở",
                    "<cv-245@sxd.example.vn>", "SXD-VP", 0)], (rows(s), s.dc.tail_log())
    # the written opinion owed (art. 7.5): O8, due the last working day before
    task = s.query("SELECT due, status, obligation, title FROM task WHERE code = ?",
                   MEETING + "-O8-SXD")
    assert task and task[0][:3] == ("2026-06-12", "open", "O8"), task
    # citing the notice did not make it the O10 report
    assert s.task_status(MEETING + "-O10-SXD") == "open"
    assert "<cv-245@sxd.example.vn>" in ids(s, "Họp." + MEETING)


def test_absent_by_date_nfd(s):
    # Outlook, NFD text (macOS), no thread, no number: the meeting's date.
    own = unicodedata.normalize("NFD", "UBND thành phố Phú Quốc không thể tham dự "
                                "cuộc họp ngày 15/6/2026 do trùng lịch tiếp công dân.")
    body = (own + "\n\n-----Original Message-----\nFrom: Tổ giúp việc\n"
            "Sent: Wednesday, June 10, 2026 10:00 AM\nSubject: Giấy mời\n\n"
            "Đề nghị đồng chí cử người dự họp thay nếu vắng.\n")
    deliver(s, report("vang-pq@phuquoc.example.vn", PQ, body, subject="RE: Giấy mời"), PQ)
    got = [r for r in rows(s) if r[0] == "UBND-PQ"]
    assert got == [("UBND-PQ", "absent", None, "<vang-pq@phuquoc.example.vn>", None, 0)], \
        (rows(s), s.dc.tail_log())


def test_consent(s):
    # The secretariat's reply, kept by its client in Sent.
    body = ("Kính gửi Sở Thông tin và Truyền thông,\n\nTrưởng ban đồng ý cho Sở vắng "
            "mặt tại cuộc họp ngày 15/6/2026; đề nghị Sở gửi ý kiến bằng văn bản.\n\n"
            "> Sở Thông tin và Truyền thông xin phép vắng mặt.\n")
    msg = mail("dong-y-1@bcd06.example.vn", body, to=STTTT,
               date="Thu, 11 Jun 2026 09:00:00 +0700",
               extra="In-Reply-To: <vang-1@stttt.example.vn>\r\n")
    append(s, msg)
    got = s.query("SELECT consent_at, consent_message_id FROM meeting_attendance t "
                  "JOIN agency a ON a.id = t.agency_id WHERE a.code = 'STTTT'")
    assert got and got[0][1] == "<dong-y-1@bcd06.example.vn>", (got, s.dc.tail_log())
    n = audits(s)
    append(s, msg)
    assert audits(s) == n
    show = shown(s)
    att = {a["agency"]: a for a in show["attendance"]}
    assert sorted(att) == ["STTTT", "SXD", "UBND-PQ"], show
    assert att["STTTT"]["consent"] == "2026-06-11T09:00:00+07:00", att
    assert att["SXD"]["kind"] == "delegate" and att["SXD"]["consent"] is None, att
    assert att["SXD"]["document"] == "245/SXD-VP", att
    assert any(t["code"] == MEETING + "-O8-SXD" for t in show["tasks"]), show
    text = s.cli("meeting", "show", MEETING).stdout
    assert "attendance: STTTT\tabsent\tconsent given" in text, text


def test_chair_consents_by_mail(s):
    # The chair's own reply (art. 7.5: the chair consents) arrives by mail,
    # threaded to the delegation: recorded. A member's "đồng ý" is not.
    body = "Đồng ý cho Sở Xây dựng vắng mặt cuộc họp.\n"
    deliver(s, report("dong-y-stttt@stttt.example.vn", STTTT, body, subject="Re: Công văn",
                      extra_headers="In-Reply-To: <cv-245@sxd.example.vn>\r\n"), STTTT)
    consent = "SELECT consent_message_id FROM meeting_attendance t JOIN agency a " \
        "ON a.id = t.agency_id WHERE a.code = 'SXD'"
    assert s.query(consent) == [(None,)], s.query(consent)
    chair = "truongban@ubnd.example.vn"
    body = "Đồng ý để ông Phạm Văn Đức, Phó Giám đốc Sở, dự họp thay.\n"
    deliver(s, report("dong-y-chair@ubnd.example.vn", chair, body, subject="Re: Công văn",
                      extra_headers="In-Reply-To: <cv-245@sxd.example.vn>\r\n"), chair)
    assert s.query(consent) == [("<dong-y-chair@ubnd.example.vn>",)], \
        (s.query(consent), s.dc.tail_log())
    assert "<dong-y-chair@ubnd.example.vn>" in ids(s, "Họp." + MEETING)


def sweep(s, day):
    s.cli("sweep", "--today", day, "--smtp", "127.0.0.1:%d" % s.sink.port)
    return [m for _, _, m in s.sent() if MEETING + "-O8-SXD" in m["Subject"]]


def test_sweep_chases_o8(s):
    s.sent()
    first = sweep(s, "2026-06-11")
    assert len(first) == 1 and "Nhắc hạn" in first[0]["Subject"], \
        [m["Subject"] for m in first]
    assert sweep(s, "2026-06-11") == []
    late = sweep(s, "2026-06-15")
    assert len(late) == 1 and "quá hạn" in late[0]["Subject"], [m["Subject"] for m in late]
    assert sweep(s, "2026-06-15") == []
    assert s.task_status(MEETING + "-O8-SXD") == "overdue"
    # the written opinion, a reply to the reminder: matched by the thread
    body = ("SỞ XÂY DỰNG\nSố: 250/SXD-VP\nKiên Giang, ngày 15 tháng 6 năm 2026\n\n"
            "CÔNG VĂN\nV/v góp ý kiến về nội dung cuộc họp Ban Chỉ đạo\n")
    extra = "In-Reply-To: %s\r\nReferences: %s\r\n" % (late[0]["Message-ID"],
                                                       late[0]["Message-ID"])
    deliver(s, report("y-kien-250@sxd.example.vn", SXD, body, extra_headers=extra), SXD)
    sub = s.submissions("<y-kien-250@sxd.example.vn>")
    assert sub and sub[0][0] == "thread" and sub[0][4] == MEETING + "-O8-SXD", sub
    assert s.task_status(MEETING + "-O8-SXD") == "submitted-late"


def test_store_locked_spooled(s):
    # A second meeting; a reply while the store is locked: spooled, replayed.
    append(s, mail("gm-20@bcd06.example.vn", notice(20, 26)))
    body = "Sở Xây dựng xin vắng mặt cuộc họp.\n"
    con = s.lock_store()
    try:
        start = time.time()
        deliver(s, report("vang-2@sxd.example.vn", SXD, body, subject="Re: Giấy mời",
                          extra_headers="In-Reply-To: <gm-20@bcd06.example.vn>\r\n"), SXD)
        took = time.time() - start
    finally:
        con.release()
        con.close()
    assert took < 20, took
    assert s.query("SELECT count(*) FROM meeting_attendance WHERE message_id = ?",
                   "<vang-2@sxd.example.vn>") == [(0,)]
    res = s.cli("spool", "replay", "--spool", s.spool)
    assert "1 replayed, 0 left" in res.stdout, res.stdout + res.stderr
    got = s.query("SELECT m.code, t.kind FROM meeting_attendance t JOIN meeting m "
                  "ON m.id = t.meeting_id WHERE t.message_id = ?", "<vang-2@sxd.example.vn>")
    assert got == [("HOP-2026-06-26", "absent")], got
    res = s.cli("spool", "replay", "--spool", s.spool)
    assert len(s.query("SELECT id FROM meeting_attendance WHERE message_id = ?",
                       "<vang-2@sxd.example.vn>")) == 1


def test_plugin_mail_sent_at_save(s):
    # With our own bounded submission configured, the plugin's mail to the
    # secretariat goes out at the save, as a delivery's does; once.
    s.sent()
    s.dc.reconfigure(dondoc_submission_host="127.0.0.1:%d" % s.sink.port)
    try:
        # sent Wednesday 10 June for Thursday 11 June: short (O6)
        append(s, mail("gm-21@bcd06.example.vn", notice(21, 11, time_line="15h00")))
        sent = s.sent()
        assert len(sent) == 1 and "HOP-2026-06-11" in sent[0][2]["Subject"], \
            ([m["Subject"] for _, _, m in sent], s.dc.tail_log())
        assert sent[0][1] == ["<%s>" % SECRETARIAT], sent[0][1]
        assert s.query("SELECT state FROM outbox WHERE kind = 'notice' AND "
                       "dedup_key = 'notice-late:HOP-2026-06-11'") == [("sent",)]
        # saved again, and the outbox drained: nothing twice
        append(s, mail("gm-21@bcd06.example.vn", notice(21, 11, time_line="15h00")))
        s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
        assert s.sent() == []
    finally:
        s.dc.reconfigure(dondoc_submission_host="")
    # without it: queued only, for `dondoc outbox send`
    append(s, mail("gm-22@bcd06.example.vn", notice(22, 11, time_line="16h00",
                                                    place="Phòng họp số 2")))
    assert s.sent() == []
    s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert len(s.sent()) == 1


def main():
    t = Tap()
    with TrackingServer(mail_plugin=True, script=sieve_with_sent()) as s:
        s.cli("person", "add", SECRETARIAT, "--agency", "CAT", "--role",
              "to-truong", "--name", "Tổ giúp việc")
        s.cli("obligations", "generate", "--year", "2026")
        for name, func in [
                ("the notice records the meeting", test_notice),
                ("look-alikes and an unrelated thread record nothing", test_not_vang),
                ("a short absence threaded to the notice", test_absent_threaded),
                ("a công văn .docx citing the notice: a delegation and its O8",
                 test_delegate_docx),
                ("an Outlook reply in NFD naming the meeting's date", test_absent_by_date_nfd),
                ("the secretariat's consent in Sent", test_consent),
                ("the chair's consent by mail; a member's is none", test_chair_consents_by_mail),
                ("the sweep chases the written opinion once per step", test_sweep_chases_o8),
                ("store locked: the reply spooled and replayed", test_store_locked_spooled),
                ("the plugin's mail goes out at the save with dondoc_submission_host",
                 test_plugin_mail_sent_at_save)]:
            t.run(name, func, s)
    t.done()


if __name__ == "__main__":
    main()
