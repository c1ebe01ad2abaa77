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
the Head: the list the secretariat must chase."""

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
    (17, "09:00", "vanthu.stttt", "Re: Báo cáo 6 tháng đầu năm 2026",
     document("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 130, "BC-STTTT", 17,
              "Bổ sung số liệu kết nối dữ liệu dân cư"), {"reply_to_receipt": 1}),
    (19, "15:10", "chutich.hatien", "Báo cáo của UBND TP Hà Tiên",
     document("UBND THÀNH PHỐ HÀ TIÊN", 77, "BC-UBND", 19, H1), {}),
    (22, "11:00", "giamdoc.stp", "Báo cáo chuyên đề",
     document("SỞ TƯ PHÁP", 66, "BC-STP", 22,
              "Kết quả rà soát thủ tục hành chính liên quan dân cư"), {}),
    (26, "07:00", "giamdoc.stnmt", "[Tự động] Báo cáo",
     document("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 88, "BC-STNMT", 26, H1),
     {"auto": True}),
]


def message(n, day, hour, who, subject, body, opts, receipts):
    sender = "%s@%s" % (who, DOMAIN)
    hdr = []
    if not opts.get("spoofed"):
        hdr.append("Authentication-Results: %s; dkim=pass header.d=%s; "
                   "dmarc=pass header.from=%s" % (AUTHSERV, DOMAIN, DOMAIN))
    hdr += ["From: %s" % sender, "To: %s" % SECRETARIAT,
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
                        ) as dc:
        store = dc.owned_dir("store")
        db = os.path.join(store, "dondoc.db")
        dc.reconfigure(dondoc_db=db, dondoc_spool=dc.owned_dir("spool"))
        dondoc(dc, db, "db", "init", "--calendar", stage_src(
            "sql", "calendar", "vn-public-service-calendar-2022-2026.tsv"))
        print(dondoc(dc, db, "import", stage_src(
            "sql", "examples", "kien-giang-committee.csv")).strip())
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
        sweeps = {10: "2026-06-10", 30: "2026-06-30"}
        for n, (day, hour, who, subject, body, opts) in enumerate(MONTH, 1):
            for sday in [d for d in sorted(sweeps) if d <= day]:
                sweep(dc, db, sink, sweeps.pop(sday))
            dc.reconfigure(dondoc_now="2026-06-%02dT%s:00+07:00" % (day, hour))
            sender, raw = message(n, day, hour, who, subject, body, opts, receipts)
            code, text = dc.deliver(raw, rcpt=SECRETARIAT, mail_from=sender)
            msgid = "<demo-%02d@%s>" % (n, DOMAIN)
            where = ", ".join(dc.where(msgid)) or "(missing!)"
            print("%02d/06 %s  %-34s %s" % (day, hour, sender, subject))
            if opts.get("spoofed"):
                print("           (forged: no Authentication-Results from our MTA)")
            print("           LMTP %d, filed in: %s" % (code, where))
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
        for line in dondoc(dc, db, "task", "list").splitlines():
            code, agency, due, status, title = line.split("\t", 4)
            if due.startswith("2026-06"):
                mark = "  <- chase" if status == "overdue" else ""
                print("  %-22s %-8s %s  %-14s%s" % (code, agency, due, status, mark))
        print("\nMailboxes of the secretariat: %s" % ", ".join(dc.mailboxes()))
    sink.stop()
    print("Server stopped.")


def sweep(dc, db, sink, day):
    """The cron job: dondoc sweep, then what it sent, grouped."""
    out = dc.dondoc("sweep", "--today", day, "--smtp", "127.0.0.1:%d" % sink.port,
                    db=db).stdout.strip()
    print("%s/%s sweep (cron): %s" % (day[8:], day[5:7], out))
    counts = {}
    digests = []
    for mail_from, rcpts, data in sink.take():
        m = email.message_from_bytes(data, policy=email.policy.default)
        if m["Subject"].startswith("Tổng hợp báo cáo Trưởng ban"):
            digests.append((rcpts[0].strip("<>"), m, len(data)))
            continue
        key = (m["X-Dondoc-Generated"], m["Subject"].split("]")[1].split(":")[0].strip()
               if m["X-Dondoc-Generated"] == "reminder" else "to the Head")
        counts[key] = counts.get(key, 0) + 1
    for (kind, what), count in sorted(counts.items()):
        print("           sent %2d %-8s %s" % (count, kind, what))
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
