# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The dondoc demo: a month (June 2026) in the mailbox of the Kiên Giang
Project 06 Steering Committee's secretariat.

A private Dovecot runs the secretariat's Sieve script
(doc/examples/secretariat.sieve) with the embedded SQLite store, loaded
with the example committee (sql/examples/kien-giang-committee.csv) and the
year's obligations generated from the regulation (O1: every member reports
"before 15 June", i.e. by Friday 12 June 2026). Agencies' mail arrives
over LMTP day by day, as the MTA hands it over after checking DKIM/DMARC
(its Authentication-Results header). An SMTP sink on loopback stands for
the outgoing mail server. The secretariat's cron job, `dondoc sweep`,
reminds agencies before the deadline (10 June) and, at the end of the
month, marks what never arrived as overdue, chases the agencies and tells
the Head: the list the secretariat must chase.

The committee meets on Monday 22 June. The secretariat's mail client keeps
what it sends in Sent (IMAP APPEND), where the dondoc mail plugin reads it:
the invitation records the meeting and its tasks (O10 reports from every
member before it, O7 conclusions after it), a member's reply sending a
deputy in its place is recorded against the meeting with the written
opinion it owes (O8), the secretariat's consent is recorded on it, and the
conclusions notice creates one task per assignment (O11), chased by the
sweep like the rest."""

import base64
import email
import email.header
import email.policy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
from dovecot_harness import PrivateDovecot, stage_src  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402

AUTHSERV = "mx.bcd06.kiengiang.example"
SECRETARIAT = "tgv@bcd06.kiengiang.example"
DOMAIN = "kiengiang.example"


def document(issuer, number, symbol, day, title, sections=(), secrecy=None):
    lines = ["UBND TỈNH KIÊN GIANG", issuer]
    if secrecy:
        lines.append(secrecy)
    lines += ["Số: %s/%s" % (number, symbol),
              "Kiên Giang, ngày %d tháng 6 năm 2026" % day, "",
              "BÁO CÁO", title, "",
              "Kính gửi: Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh.", "",
              "I. KẾT QUẢ THỰC HIỆN",
              "Triển khai đầy đủ các nhiệm vụ được Trưởng ban giao."]
    for heading, text in sections:
        lines += ["", heading, text]
    lines += ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    return "\n".join(lines) + "\n"


H1 = "Kết quả thực hiện nhiệm vụ được Trưởng ban giao 6 tháng đầu năm 2026"

NOTICE = """UBND TỈNH KIÊN GIANG
BAN CHỈ ĐẠO ĐỀ ÁN 06
Số: 12/GM-BCĐ
Kiên Giang, ngày 10 tháng 6 năm 2026

GIẤY MỜI
Họp Ban Chỉ đạo Đề án 06 tỉnh sơ kết 6 tháng đầu năm 2026

Kính gửi: Các thành viên Ban Chỉ đạo Đề án 06 tỉnh.

Ban Chỉ đạo Đề án 06 tỉnh trân trọng kính mời:
Thành phần: Các thành viên Ban Chỉ đạo.
Thời gian: 14 giờ 00 phút, ngày 22/6/2026 (thứ Hai).
Địa điểm: Hội trường Công an tỉnh.
Chủ trì: Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo.
Nội dung: Sơ kết 6 tháng đầu năm 2026, nhiệm vụ 6 tháng cuối năm.
Đề nghị các thành viên gửi báo cáo kết quả thực hiện nhiệm vụ trước cuộc họp.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""

DELEGATE = """Kính gửi Tổ giúp việc,

Giám đốc Sở Y tế đi công tác tại Bộ Y tế, không thể tham dự cuộc họp ngày
22/6/2026. Sở Y tế cử bà Nguyễn Thị Mai, Phó Giám đốc Sở, dự họp thay.

Trân trọng.
"""

CONSENT = """Kính gửi Sở Y tế,

Trưởng ban đồng ý để bà Nguyễn Thị Mai, Phó Giám đốc Sở, dự họp thay.
Đề nghị Sở gửi ý kiến bằng văn bản về các nội dung cuộc họp.

Tổ giúp việc Ban Chỉ đạo
"""

O10_REPORT = """UBND TỈNH KIÊN GIANG
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 140/BC-STTTT
Kiên Giang, ngày 18 tháng 6 năm 2026

BÁO CÁO
Kết quả thực hiện nhiệm vụ phục vụ cuộc họp Ban Chỉ đạo ngày 22/6/2026

Kính gửi: Công an tỉnh (Cơ quan Thường trực).

Căn cứ Giấy mời số 12/GM-BCĐ ngày 10/6/2026 của Ban Chỉ đạo,
Sở Thông tin và Truyền thông báo cáo như sau: 98% xã đã kết nối mạng
truyền số liệu chuyên dùng.
"""

CONCLUSIONS = """UBND TỈNH KIÊN GIANG
BAN CHỈ ĐẠO ĐỀ ÁN 06
Số: 45/TB-BCĐ
Kiên Giang, ngày 24 tháng 6 năm 2026

THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp sơ kết 6 tháng đầu năm 2026

Ngày 22/6/2026, Ban Chỉ đạo Đề án 06 tỉnh họp sơ kết 6 tháng đầu năm.
Trưởng Ban Chỉ đạo kết luận như sau:
1. Giao Công an tỉnh chủ trì, phối hợp Sở Tài chính trang bị thiết bị đọc
thẻ căn cước cho 12 xã còn thiếu, hoàn thành trước ngày 26/6/2026.
2. Sở Thông tin và Truyền thông: kết nối mạng cho các xã còn lại; thời gian hoàn thành: tháng 7/2026.
3. Giao Sở Y tế hoàn thành kết nối dữ liệu tiêm chủng với cơ sở dữ liệu
dân cư trước ngày 29/6/2026.

Nơi nhận:
- Thành viên BCĐ;
- Lưu: VT.
"""

# (day, hour, sender, subject, body, options)
MONTH = [
    (3, "09:10", "vanthu.stttt", "Báo cáo 6 tháng đầu năm 2026",
     document("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 112, "BC-STTTT", 2, H1), {}),
    (5, "14:30", "pc06", "Báo cáo 6 tháng - Công an tỉnh",
     document("CÔNG AN TỈNH", 245, "BC-CAT", 5, H1, [
         ("II. KHÓ KHĂN, VƯỚNG MẮC",
          "Thiết bị đọc thẻ căn cước tại 12 xã chưa được cấp."),
         ("III. KIẾN NGHỊ, ĐỀ XUẤT",
          "Đề nghị Sở Tài chính bố trí kinh phí mua thiết bị.")]), {}),
    (8, "08:05", "giamdoc.syt", "Báo cáo của Sở Y tế",
     document("SỞ Y TẾ", 310, "BC-SYT", 8, H1), {}),
    (9, "22:47", "giamdoc.stc", "Bao cao gap",
     document("SỞ TÀI CHÍNH", 99, "BC-STC", 9, H1),
     {"spoofed": True}),
    (10, "09:00", "tgv", "Giấy mời họp Ban Chỉ đạo ngày 22/6/2026", NOTICE,
     {"sent": True, "label": "notice"}),
    (10, "10:20", "giamdoc.snv", "Báo cáo Sở Nội vụ",
     document("SỞ NỘI VỤ", 57, "BC-SNV", 10, H1), {}),
    (11, "16:00", "vanthu.phuquoc", "Báo cáo (MẬT)",
     document("UBND THÀNH PHỐ PHÚ QUỐC", 18, "BC-UBND", 11, H1, [
         ("II. KHÓ KHĂN, VƯỚNG MẮC",
          "Tài khoản định danh của 300 người bị sử dụng trái phép.")],
         secrecy="MẬT"), {}),
    (11, "16:45", "vanthu.stttt", "Hỏi lịch họp",
     "Chào chị, lịch họp Ban Chỉ đạo tháng này là ngày nào ạ?\n", {}),
    (15, "08:30", "giamdoc.sgddt", "Báo cáo Sở GD&ĐT",
     document("SỞ GIÁO DỤC VÀ ĐÀO TẠO", 402, "BC-SGDDT", 15, H1), {}),
    (16, "10:00", "giamdoc.syt", "Re: Giấy mời họp Ban Chỉ đạo ngày 22/6/2026",
     DELEGATE, {"reply_to": "notice", "label": "delegate"}),
    (16, "15:00", "tgv", "Re: Re: Giấy mời họp Ban Chỉ đạo ngày 22/6/2026",
     CONSENT, {"sent": True, "reply_to": "delegate", "to": "giamdoc.syt"}),
    (17, "09:00", "vanthu.stttt", "Re: Báo cáo 6 tháng đầu năm 2026",
     document("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 130, "BC-STTTT", 17,
              "Bổ sung số liệu kết nối dữ liệu dân cư"), {"reply_to_receipt": 1}),
    (18, "11:00", "giamdoc.stttt", "Báo cáo phục vụ cuộc họp ngày 22/6",
     O10_REPORT, {}),
    (19, "15:10", "chutich.hatien", "Báo cáo của UBND TP Hà Tiên",
     document("UBND THÀNH PHỐ HÀ TIÊN", 77, "BC-UBND", 19, H1), {}),
    (22, "11:00", "giamdoc.stp", "Báo cáo chuyên đề",
     document("SỞ TƯ PHÁP", 66, "BC-STP", 22,
              "Kết quả rà soát thủ tục hành chính liên quan dân cư"), {}),
    (24, "16:30", "tgv", "Thông báo kết luận cuộc họp ngày 22/6/2026",
     CONCLUSIONS, {"sent": True}),
    (26, "07:00", "giamdoc.stnmt", "[Tự động] Báo cáo",
     document("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 88, "BC-STNMT", 26, H1),
     {"auto": True}),
]


def message(n, day, hour, who, subject, body, opts, receipts):
    sender = SECRETARIAT if opts.get("sent") else "%s@%s" % (who, DOMAIN)
    to = "%s@%s" % (opts["to"], DOMAIN) if opts.get("to") else SECRETARIAT
    if opts.get("sent") and not opts.get("to"):
        to = "thanhvien-bcd@%s" % DOMAIN
    hdr = []
    if not opts.get("spoofed") and not opts.get("sent"):
        hdr.append("Authentication-Results: %s; dkim=pass header.d=%s; "
                   "dmarc=pass header.from=%s" % (AUTHSERV, DOMAIN, DOMAIN))
    hdr += ["From: %s" % sender, "To: %s" % to,
            "Subject: %s" % email.header.Header(subject, "utf-8").encode(),
            "Date: %s" % email.utils.format_datetime(
                email.utils.parsedate_to_datetime(
                    "Mon, %02d Jun 2026 %s:00 +0700" % (day, hour))),
            "Message-ID: <demo-%02d@%s>" % (n, DOMAIN),
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64"]
    if opts.get("auto"):
        hdr.append("Auto-Submitted: auto-generated")
    if opts.get("reply_to_receipt"):
        rid = receipts[opts["reply_to_receipt"]]
        hdr += ["In-Reply-To: %s" % rid, "References: %s" % rid]
    if opts.get("reply_to"):
        rid = receipts[opts["reply_to"]]
        hdr += ["In-Reply-To: %s" % rid, "References: %s" % rid]
    return sender, ("\r\n".join(hdr) + "\r\n\r\n" +
                    base64.encodebytes(body.encode()).decode()).encode()


def dondoc(dc, db, *args):
    return dc.dondoc(*args, db=db).stdout


def main():
    sink = SmtpSink().start()
    script = open(os.path.join(HERE, "secretariat.sieve")).read()
    settings = {"dondoc_authserv_id": AUTHSERV, "dondoc_secret_key": "demo-secret",
                "dondoc_from": SECRETARIAT, "dondoc_reply_address": SECRETARIAT}
    print(__doc__)
    with PrivateDovecot(sieve_script=script, plugin_settings=settings,
                        extra_conf="submission_host = 127.0.0.1:%d\n" % sink.port,
                        mail_plugin=True) as dc:
        store = dc.owned_dir("store")
        db = os.path.join(store, "dondoc.db")
        dc.reconfigure(dondoc_db=db, dondoc_spool=dc.owned_dir("spool"))
        dondoc(dc, db, "db", "init", "--calendar", stage_src(
            "sql", "calendar", "vn-public-service-calendar-2022-2026.tsv"))
        print(dondoc(dc, db, "import", stage_src(
            "sql", "examples", "kien-giang-committee.csv")).strip())
        # the secretariat's own mailbox, whose Sent the mail plugin reads
        dondoc(dc, db, "person", "add", SECRETARIAT, "--agency", "CAT", "--role",
               "thanh-vien-tgv", "--name", "Tổ giúp việc Ban Chỉ đạo")
        print(dondoc(dc, db, "obligations", "generate", "--year", "2026").strip())
        # The months before June are history: close what fell due then.
        closed = 0
        for task in json.loads(dondoc(dc, db, "task", "list", "--json")):
            if task["due"] < "2026-06-01":
                dondoc(dc, db, "task", "close", task["code"], "--reason",
                       "xử lý trước tháng 6")
                closed += 1
        print("closed %d task(s) due before June (the story starts on 1 June)"
              % closed)
        print()
        receipts = {}
        sweeps = {10: "2026-06-10", 18: "2026-06-18", 30: "2026-06-30"}
        for n, (day, hour, who, subject, body, opts) in enumerate(MONTH, 1):
            for sday in [d for d in sorted(sweeps) if d <= day]:
                sweep(dc, db, sink, sweeps.pop(sday))
            dc.reconfigure(dondoc_now="2026-06-%02dT%s:00+07:00" % (day, hour))
            sender, raw = message(n, day, hour, who, subject, body, opts, receipts)
            msgid = "<demo-%02d@%s>" % (n, DOMAIN)
            if opts.get("label"):
                receipts[opts["label"]] = msgid
            print("%02d/06 %s  %-34s %s" % (day, hour, sender, subject))
            if opts.get("sent"):
                committee_sent(dc, db, sink, raw, msgid, opts)
                continue
            code, text = dc.deliver(raw, rcpt=SECRETARIAT, mail_from=sender)
            where = ", ".join(dc.where(msgid)) or "(missing!)"
            if opts.get("spoofed"):
                print("           (forged: no Authentication-Results from our MTA)")
            print("           LMTP %d, filed in: %s" % (code, where))
            attendance_line(db, msgid)
            rows = dc.dondoc("task", "list", "--json", db=db).stdout
            sub = [r for r in dondoc_query(db, msgid)]
            for task, match, late, days, trust in sub:
                print("           recorded: %s (%s, %s)" % (
                    task or "no task matched", match,
                    "late %d working day(s)" % days if late else "on time"
                    if task else trust))
            for mail_from, rcpts, data in sink.take():
                m = email.message_from_bytes(data, policy=email.policy.default)
                kind = m["X-Dondoc-Generated"]
                if kind == "confirm":
                    receipts[n] = m["Message-ID"]
                print("           sent %-8s to %s: %s" % (kind, rcpts[0].strip("<>"),
                                                         m["Subject"]))
            print()
        for sday in sorted(sweeps):
            sweep(dc, db, sink, sweeps.pop(sday))
        print("\nTasks of June 2026 (O1 reports due 12/06/2026):")
        rows, o10 = [], {}
        for line in dondoc(dc, db, "task", "list").splitlines():
            code, agency, due, status, title = line.split("\t", 4)
            if not due.startswith("2026-06"):
                continue
            if "-O10-" in code:
                # the members' reports before the meeting: one line
                key = code.split("-O10-")[0] + "-O10-*"
                if key not in o10:
                    rows.append((key, "members", due, None))
                o10.setdefault(key, []).append(status)
                continue
            rows.append((code, agency, due, status))
        for code, agency, due, status in rows:
            if status is None:
                statuses = o10[code]
                print("  %-22s %-8s %s  %s%s" % (code, agency, due, ", ".join(
                    "%d %s" % (statuses.count(x), x) for x in sorted(set(statuses))),
                    "  <- chase" if "overdue" in statuses else ""))
                continue
            mark = "  <- chase" if status == "overdue" else ""
            print("  %-22s %-8s %s  %-14s%s" % (code, agency, due, status, mark))
        print("\nThe meeting, as `dondoc meeting show HOP-2026-06-22` tells it:")
        shown = dondoc(dc, db, "meeting", "show", "HOP-2026-06-22").splitlines()
        for line in shown:
            if "-O10-" not in line:
                print("  " + line)
        print("  (and %d O10 task(s), one per member, listed above)" %
              len([x for x in shown if "-O10-" in x]))
        print("\nMailboxes of the secretariat: %s" % ", ".join(dc.mailboxes()))
    sink.stop()
    print("Server stopped.")


def committee_sent(dc, db, sink, raw, msgid, opts):
    """The secretariat's client keeps a sent mail: IMAP APPEND into Sent,
    read by the mail plugin; then `dondoc outbox send` sends what the plugin
    queued for the secretariat (a short notice, agencies it cannot name)."""
    before = {t["code"]: t["status"]
              for t in json.loads(dondoc(dc, db, "task", "list", "--json"))}
    imap = dc.imap()
    try:
        typ, data = imap.append("Sent", None, None, raw)
    finally:
        imap.logout()
    print("           IMAP APPEND %s, filed in: %s" % (typ, ", ".join(dc.where(msgid))))
    for m in json.loads(dondoc(dc, db, "meeting", "list", "--json")):
        if m["notice_message_id"] == msgid:
            print("           recorded: meeting %s %s %s at %s, notice %s, %d working "
                  "day(s) ahead (O6 %s)" % (m["code"], m["date"], m["time"], m["place"],
                                             m["notice"], m["notice_workdays"],
                                             "met" if m["notice_ok"] else "NOT met"))
    tasks = json.loads(dondoc(dc, db, "task", "list", "--json"))
    new = [t for t in tasks if t["code"] not in before]
    by_obligation = {}
    for t in new:
        by_obligation.setdefault(t.get("obligation") or "-", []).append(t)
    for ob, ts in sorted(by_obligation.items()):
        if len(ts) > 3:
            print("           created %d %s task(s), due %s" % (
                len(ts), ob, ", ".join(sorted({t["due"] for t in ts}))))
        else:
            for t in ts:
                print("           created %s (%s), due %s" % (t["code"], ob, t["due"]))
    for t in tasks:
        if t["code"] in before and before[t["code"]] != t["status"]:
            print("           %s (%s) now %s" % (t["code"], t.get("obligation"),
                                               t["status"]))
    for row in dondoc_attendance(db, consent_of=msgid):
        print("           recorded: consent for %s (%s: %s)" % row)
    dondoc(dc, db, "outbox", "send", "--smtp", "127.0.0.1:%d" % sink.port)
    for mail_from, rcpts, data in sink.take():
        m = email.message_from_bytes(data, policy=email.policy.default)
        print("           sent %-8s to %s: %s" % (m["X-Dondoc-Generated"],
                                                 rcpts[0].strip("<>"), m["Subject"]))
    print()


def attendance_line(db, msgid):
    for agency, kind, delegate, meeting in dondoc_attendance(db, reply=msgid):
        print("           recorded: %s %s for %s%s" % (
            agency, kind, meeting, ": " + delegate if delegate else ""))


def dondoc_attendance(db, reply=None, consent_of=None):
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        if reply is not None:
            return con.execute(
                "SELECT a.code, t.kind, t.delegate, m.code FROM meeting_attendance t "
                "JOIN agency a ON a.id = t.agency_id JOIN meeting m ON m.id = t.meeting_id "
                "WHERE t.message_id = ?", (reply,)).fetchall()
        return con.execute(
            "SELECT a.code, t.kind, t.delegate FROM meeting_attendance t "
            "JOIN agency a ON a.id = t.agency_id WHERE t.consent_message_id = ?",
            (consent_of,)).fetchall()
    finally:
        con.close()


def sweep(dc, db, sink, day):
    """The cron job: dondoc sweep, then what it sent, grouped."""
    out = dc.dondoc("sweep", "--today", day, "--smtp", "127.0.0.1:%d" % sink.port,
                    db=db).stdout.strip()
    print("%s/%s sweep (cron): %s" % (day[8:], day[5:7], out))
    counts = {}
    digests = []
    meeting_chased = set()
    for mail_from, rcpts, data in sink.take():
        m = email.message_from_bytes(data, policy=email.policy.default)
        if m["Subject"].startswith("Tổng hợp báo cáo Trưởng ban"):
            digests.append((rcpts[0].strip("<>"), m, len(data)))
            continue
        key = (m["X-Dondoc-Generated"], m["Subject"].split("]")[1].split(":")[0].strip()
               if m["X-Dondoc-Generated"] == "reminder" else "to the Head")
        tag = m["Subject"][1:].split("]")[0]
        if m["X-Dondoc-Generated"] == "reminder" and \
                (tag.startswith("HOP-") or tag.startswith("45/TB")):
            meeting_chased.add(tag)
        counts[key] = counts.get(key, 0) + 1
    for (kind, what), count in sorted(counts.items()):
        print("           sent %2d %-8s %s" % (count, kind, what))
    if meeting_chased:
        o10 = [c for c in meeting_chased if "-O10-" in c]
        print("           of them for the meeting: %s%s" % (
            ", ".join(sorted(c for c in meeting_chased if c not in o10)),
            " and %d O10 report(s)" % len(o10) if o10 else ""))
    # dondoc_head_digest = weekly (the default): the Head gets one mail
    for rcpt, m, size in digests:
        attached = [p for p in m.walk() if p.get_content_type() == "message/rfc822"]
        print("           sent the Head's weekly digest to %s (%d bytes, %d original "
              "mail(s) attached): %s" % (rcpt, size, len(attached), m["Subject"]))
        for line in m.get_body(("plain",)).get_content().splitlines():
            print("           | %s" % line)
    print()


def dondoc_query(db, msgid):
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(
            "SELECT t.code, s.match, s.late, s.late_days, s.trust FROM submission s "
            "LEFT JOIN task t ON t.id = s.task_id WHERE s.message_id = ?",
            (msgid,)).fetchall()
    finally:
        con.close()


if __name__ == "__main__":
    main()
