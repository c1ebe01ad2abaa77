# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the wording of the automatic mail comes from templates
(doc/templates.md). Over real LMTP with the secretariat script, a real
store and a real SMTP sink: a site's template in dondoc_template_dir
changes a receipt (and a change takes effect at the next mail, without a
reload); the committee's name and the signature are settings; agencies
are addressed by name; a broken site template is refused with its file
and line in the log and the mail still goes out in the shipped wording;
a classified document is never quoted whatever the site's template says;
the headers stay dondoc's."""

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report, half_year_report  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
CAT = "thuongtruc@cat.example.vn"
HEAD = "truongban@ubnd.example.vn"
SECRET_TEXT = "Nội dung tuyệt mật về hạ tầng XYZ-778"

SITE_RECEIPT = """Subject: [${task.code}] ${committee.name} xác nhận: ${document.line}

Kính gửi: ${agency.name}

${committee.name} đã nhận văn bản ${document.number}/${document.symbol}.
TRÍCH YẾU=${document.summary}
${if task.code}
Nhiệm vụ ${task.code}, hạn ${task.due}: ${timeliness}.
${end}

-- 
${signature}
"""
# line 5 names a field the escalation does not have
BROKEN_ESCALATION = """Subject: x

Kính gửi ${committee.name},

${task.codee}
"""


def write(tpl_dir, name, text):
    path = os.path.join(tpl_dir, name)
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.chmod(path + ".tmp", 0o644)
    os.rename(path + ".tmp", path)


def one(lst, what):
    assert len(lst) == 1, (what, lst)
    return lst[0]


def mail_text(msg):
    """The text of a mail dondoc sent (an escalation is multipart: its
    text, then the original)."""
    return msg.get_body(preferencelist=("plain",)).get_content()


def every_text(msg):
    """Every decoded leaf part, attached messages included."""
    out = str(msg["Subject"])
    for part in msg.walk():
        if part.is_multipart():
            continue
        data = part.get_payload(decode=True) or b""
        out += "\n" + data.decode("utf-8", "replace")
    return out


def kinds(sent):
    return sorted((m["X-Dondoc-Generated"], r[0]) for _, r, m in sent)


def test_site_receipt(s):
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    code, text = s.dc.deliver(report("tpl-1@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    _, rcpts, msg = one(s.sent(), "one receipt")
    assert rcpts == ["<%s>" % STTTT], rcpts
    assert msg["Subject"] == ("[DA06-2026-001] Ban Chỉ đạo Đề án 06 tỉnh "
                              "Kiên Giang xác nhận: Báo cáo số 112/BC-STTTT "
                              "ngày 08/06/2026"), msg["Subject"]
    content = msg.get_content()
    assert content.startswith("Kính gửi: Sở Thông tin và Truyền thông\r\n") or \
        content.startswith("Kính gửi: Sở Thông tin và Truyền thông\n"), content
    assert "Nhiệm vụ DA06-2026-001, hạn 12/06/2026: đúng hạn." in content, content
    assert "TRÍCH YẾU=Kết quả thực hiện Đề án 06" in content, content
    # the signature setting, its "\n" a line break
    assert content.replace("\r\n", "\n").endswith(
        "-- \nTổ giúp việc Ban Chỉ đạo\nĐiện thoại: 0297 3 000 000\n"), content
    # the headers are dondoc's, whatever the template
    assert msg["Auto-Submitted"].startswith("auto-replied"), msg["Auto-Submitted"]
    assert msg["In-Reply-To"] == "<tpl-1@stttt.example.vn>"
    assert msg["Precedence"] == "bulk"
    assert msg["X-Dondoc-Generated"] == "confirm"


def test_change_takes_effect(s):
    """Templates are read for each mail: an edit needs no reload."""
    write(s.tpl_dir, "receipt.txt",
          SITE_RECEIPT.replace("xác nhận:", "đã nhận:"))
    s.add_task("DA06-2026-030", "STTTT", "Báo cáo chuyển đổi số tháng 6",
               "2026-06-30")
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 140/BC-STTTT\n"
            "Kiên Giang, ngày 10 tháng 6 năm 2026\n\nBÁO CÁO\n"
            "Chuyển đổi số tháng 6\n")
    code, _ = s.dc.deliver(report("tpl-2@stttt.example.vn", STTTT, body,
                                  subject="[DA06-2026-030] Báo cáo"),
                           mail_from=STTTT)
    assert code == 250
    _, _, msg = one(s.sent(), "one receipt")
    assert "đã nhận: Báo cáo số 140/BC-STTTT" in msg["Subject"], msg["Subject"]


def test_broken_escalation(s):
    """A late report: the site's escalation template is refused (logged
    with file:line), the Head still gets the escalation, in the shipped
    wording; the receipt follows the site's template."""
    body = half_year_report(45, "SỞ XÂY DỰNG", "BC-SXD", day=9)
    code, text = s.dc.deliver(report("tpl-late@sxd.example.vn", SXD, body),
                              mail_from=SXD)
    assert code == 250, text
    sent = s.sent()
    assert kinds(sent) == [("confirm", "<%s>" % SXD),
                           ("escalate", "<%s>" % HEAD)], kinds(sent)
    esc = [m for _, _, m in sent if m["X-Dondoc-Generated"] == "escalate"][0]
    assert esc["Subject"].startswith("[DA06-2026-002] Báo cáo Trưởng ban: "), \
        esc["Subject"]
    content = mail_text(esc)
    assert "Kính gửi: Trưởng Ban Chỉ đạo Đề án 06 tỉnh Kiên Giang" in content, content
    assert "Cơ quan gửi: Sở Xây dựng" in content, content
    assert "trễ hạn 7 ngày làm việc" in content, content
    log = s.dc.read_log()
    want = ("template refused: %s:5: unknown field 'task.codee'"
            % os.path.join(s.tpl_dir, "escalation.txt"))
    assert want in log and "Error:" in log.split(want)[0].splitlines()[-1] + want, \
        s.dc.tail_log()
    assert "the shipped escalation template is used instead" in log


def test_secret_never_quoted(s):
    """A document marked MẬT: its trích yếu and its difficulties appear in
    no mail, though the site's receipt template asks for the summary."""
    s.add_task("DA06-2026-040", "CAT", "Báo cáo an ninh mạng 6 tháng",
               "2026-06-01", period="H:2026:1")
    body = half_year_report(9, "CÔNG AN TỈNH", "BC-CAT", secrecy="MẬT",
                            difficulties=SECRET_TEXT)
    code, text = s.dc.deliver(report("tpl-secret@cat.example.vn", CAT, body),
                              mail_from=CAT)
    assert code == 250, text
    sent = s.sent()
    assert ("confirm", "<%s>" % CAT) in kinds(sent), kinds(sent)
    assert ("escalate", "<%s>" % HEAD) in kinds(sent), kinds(sent)
    for _, _, msg in sent:
        whole = every_text(msg)
        assert "XYZ-778" not in whole, whole
        assert "Kết quả thực hiện Đề án 06" not in whole.replace(
            "Báo cáo an ninh mạng", ""), whole
    receipt = [m for _, _, m in sent if m["X-Dondoc-Generated"] == "confirm"][0]
    assert "TRÍCH YẾU=(văn bản có độ mật: không trích dẫn nội dung)" in \
        receipt.get_content(), receipt.get_content()
    esc = [m for _, _, m in sent if m["X-Dondoc-Generated"] == "escalate"][0]
    assert "Văn bản có độ mật (MẬT)" in mail_text(esc), mail_text(esc)


SITE_CHASE = """Subject: [${task.code}] KHẨN: quá hạn ${late_days} ngày làm việc

Kính gửi: ${agency.name}

Đề nghị gửi ngay báo cáo "${task.title}" (hạn ${task.due}).
"""


def test_sweep_wording(s):
    """The sweep (the dondoc command) reads the same settings: a site's
    chase, the shipped reminder; both address the agency by its name."""
    write(s.tpl_dir, "chase.txt", SITE_CHASE)
    s.add_task("DA06-2026-050", "UBND-PQ", "Báo cáo số hóa hộ tịch",
               "2026-06-05")
    s.add_task("DA06-2026-051", "SXD", "Báo cáo cấp phép xây dựng",
               "2026-06-11")
    s.add_task("DA06-2026-052", "UBND-PQ", "Báo cáo cải cách hành chính",
               "2026-05-20")
    res = s.cli("sweep", "--today", "2026-06-10", "--smtp",
                "127.0.0.1:%d" % s.sink.port)
    every = s.sent()
    # the Head is told of the task long overdue: it sent no document,
    # and the mail says so without a "document not recognised" line
    esc = [m for _, r, m in every if m["X-Dondoc-Generated"] == "escalate"
           and "DA06-2026-052" in m["Subject"]]
    assert len(esc) == 1, ([m["Subject"] for _, _, m in every], res.stdout)
    assert esc[0]["Subject"] == ("[DA06-2026-052] Báo cáo Trưởng ban: "
                                 "Báo cáo cải cách hành chính"), esc[0]["Subject"]
    body = mail_text(esc[0])
    assert "Cơ quan thực hiện: UBND thành phố Phú Quốc" in body, body
    assert "Văn bản:" not in body and "không nhận diện" not in body, body
    sent = [(r, m) for _, r, m in every
            if m["X-Dondoc-Generated"] == "reminder"]
    chase = [m for r, m in sent if "DA06-2026-050" in m["Subject"]]
    remind = [m for r, m in sent if "DA06-2026-051" in m["Subject"]]
    assert len(chase) == 1 and len(remind) == 1, [m["Subject"] for _, m in sent]
    assert chase[0]["Subject"] == \
        "[DA06-2026-050] KHẨN: quá hạn 3 ngày làm việc", chase[0]["Subject"]
    text = chase[0].get_content().replace("\r\n", "\n")
    assert text.startswith("Kính gửi: UBND thành phố Phú Quốc\n"), text
    assert 'báo cáo "Báo cáo số hóa hộ tịch" (hạn 05/06/2026)' in text, text
    assert chase[0]["Auto-Submitted"].startswith("auto-generated")
    assert remind[0]["Subject"].startswith("[DA06-2026-051] Nhắc hạn: "), \
        remind[0]["Subject"]
    text = remind[0].get_content().replace("\r\n", "\n")
    assert "Kính gửi: Sở Xây dựng\n" in text, text
    assert "Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh Kiên Giang nhắc" in text, text


def test_check_command(s):
    """dondoc template check says what a delivery would use."""
    res = s.cli("template", "check", check=False)
    assert res.returncode == 1, (res.returncode, res.stdout, res.stderr)
    assert "receipt.txt: the site's\n" in res.stdout, res.stdout
    assert "chase.txt: the site's\n" in res.stdout, res.stdout
    assert "reminder.txt: shipped" in res.stdout, res.stdout
    assert ("escalation.txt: REFUSED, the shipped one is used: "
            "%s/escalation.txt:5: unknown field 'task.codee'"
            % s.tpl_dir) in res.stdout, res.stdout
    assert "1 template(s) refused" in res.stderr, res.stderr
    write(s.tpl_dir, "escalation.txt", BROKEN_ESCALATION.replace(
        "task.codee", "task.code"))
    write(s.tpl_dir, "reciept.txt", SITE_RECEIPT)
    res = s.cli("template", "check", s.tpl_dir)
    assert "escalation.txt: the site's\n" in res.stdout, res.stdout
    assert "reciept.txt: not read" in res.stdout, res.stdout


def main():
    tap = Tap()
    tpl_dir = tempfile.mkdtemp(prefix="dondoc-templates.")
    os.chmod(tpl_dir, 0o755)
    try:
        write(tpl_dir, "receipt.txt", SITE_RECEIPT)
        write(tpl_dir, "escalation.txt", BROKEN_ESCALATION)
        settings = {
            "dondoc_template_dir": tpl_dir,
            "dondoc_committee_name": "Ban Chỉ đạo Đề án 06 tỉnh Kiên Giang",
            "dondoc_signature":
                "Tổ giúp việc Ban Chỉ đạo\\nĐiện thoại: 0297 3 000 000",
        }
        with TrackingServer(store_settings=settings) as s:
            s.tpl_dir = tpl_dir
            s.add_task("DA06-2026-001", "STTTT",
                       "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                       "2026-06-12", period="H:2026:1")
            s.add_task("DA06-2026-002", "SXD",
                       "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                       "2026-06-01", period="H:2026:1")
            tap.run("a site's receipt template words the receipt", test_site_receipt, s)
            tap.run("an edited template takes effect at the next mail",
                    test_change_takes_effect, s)
            tap.run("a broken template is refused with file:line, the mail still goes",
                    test_broken_escalation, s)
            tap.run("a document marked MẬT is never quoted, whatever the template",
                    test_secret_never_quoted, s)
            tap.run("the sweep's chase and reminder follow the templates, by agency name",
                    test_sweep_wording, s)
            tap.run("dondoc template check names the refused file and line",
                    test_check_command, s)
    finally:
        shutil.rmtree(tpl_dir, ignore_errors=True)
    tap.done()


if __name__ == "__main__":
    main()
