# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: `dondoc digest`, the secretariat's report drafted from the
store. A real Dovecot receives June 2026's reports over LMTP (on time,
late with difficulties and proposals, a MẬT report), the CLI adds and
closes tasks, and every format of the digest is checked against the
store's rows read with SQL: the JSON's invariants and task codes, the
HTML table's figures, the text, and the .docx opened with python3-docx
(Debian's package: the test runs under /usr/bin/python3)."""

import os
import sys

# python3-docx is Debian's: run under Debian's interpreter.
if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
        os.path.exists("/usr/bin/python3") and not os.environ.get("DONDOC_DIGEST_REEXEC"):
    os.environ["DONDOC_DIGEST_REEXEC"] = "1"
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

import html.parser  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
CAT = "thuongtruc@cat.example.vn"
TODAY = "2026-06-20"
FIRST, LAST = "2026-06-01", "2026-06-30"
# Markup and a quote in mail text: each writer must escape it.
HOSTILE = 'Thiếu thiết bị <script>alert("x")</script> & máy chủ tại 5 xã'
SECRET_TEXT = "Đối tượng X tấn công hệ thống Y"

TASKS = [
    ("DG-STTTT-1", "STTTT", "Báo cáo chuyển đổi số tháng 6", "2026-06-12"),
    ("DG-STTTT-2", "STTTT", "Báo cáo rà soát hạ tầng mạng", "2026-06-05"),
    ("DG-STTTT-3", "STTTT", "Báo cáo tổng kết tháng 6", "2026-06-25"),
    ("DG-STTTT-4", "STTTT", "Báo cáo đã hủy", "2026-06-15"),
    ("DG-SXD-1", "SXD", "Báo cáo cấp phép xây dựng tháng 5", "2026-06-01"),
    ("DG-CAT-1", "CAT", "Báo cáo tình hình an ninh dữ liệu", "2026-06-05"),
    ("DG-PQ-1", "UBND-PQ", "Báo cáo tháng 7", "2026-07-15"),
]
EXPECTED = {  # code: (owed, on_time, late, overdue, open, closed)
    "STTTT": (3, 1, 0, 1, 1, 1),
    "SXD": (1, 0, 1, 0, 0, 0),
    "CAT": (1, 0, 1, 0, 0, 0),
}


def doc_body(agency_line, number, symbol, secrecy=None, difficulties=None,
             proposals=None):
    text = "UBND TỈNH KIÊN GIANG\n%s\n" % agency_line
    if secrecy:
        text += secrecy + "\n"
    text += ("Số: %s/%s\nKiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\n"
             "Kết quả thực hiện nhiệm vụ tháng 6 năm 2026\n\n"
             "I. KẾT QUẢ THỰC HIỆN\n1. Hoàn thành kết nối dữ liệu.\n" % (number, symbol))
    if difficulties:
        text += "\nII. KHÓ KHĂN, VƯỚNG MẮC\n%s\n" % difficulties
    if proposals:
        text += "\nIII. KIẾN NGHỊ, ĐỀ XUẤT\n%s\n" % proposals
    return text + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"


def build(s):
    for code, agency, title, due in TASKS:
        s.add_task(code, agency, title, due)
    s.cli("task", "close", "DG-STTTT-4", "--reason", "không còn cần")
    # Two meetings in June, one in July; the first one's conclusions
    # notice (its O7 task, the secretariat's) went out.
    s.cli("meeting", "add", "--code", "HOP-0612", "--date", "2026-06-12",
          "--title", "Họp Ban Chỉ đạo tháng 6")
    s.cli("meeting", "add", "--code", "HOP-0626", "--date", "2026-06-26")
    s.cli("meeting", "add", "--code", "HOP-0710", "--date", "2026-07-10")
    s.add_task("HOP-0612-O7", "UBND", "Thông báo kết luận", "2026-07-20", doc_type="TB")
    s.cli("task", "close", "HOP-0612-O7", "--reason", "đã gửi")
    for msgid, sender, task, body in [
        ("dg-1@stttt.example.vn", STTTT, "DG-STTTT-1",
         doc_body("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 41, "BC-STTTT")),
        ("dg-2@sxd.example.vn", SXD, "DG-SXD-1",
         doc_body("SỞ XÂY DỰNG", 77, "BC-SXD", difficulties=HOSTILE,
                  proposals="Đề nghị bổ sung kinh phí năm 2026.")),
        ("dg-3@cat.example.vn", CAT, "DG-CAT-1",
         doc_body("CÔNG AN TỈNH", 9, "BC-CAT", secrecy="MẬT",
                  difficulties=SECRET_TEXT)),
    ]:
        code, text = s.dc.deliver(report(msgid, sender, body,
                                         subject="[%s] Báo cáo" % task),
                                  mail_from=sender)
        assert code == 250, (code, text)


def sql_figures(s):
    """Per agency (owed, on_time, late, overdue, open, closed) from SQL."""
    rows = s.query(
        "SELECT a.code, t.code, t.status, t.due, "
        "(SELECT count(*) FROM submission x WHERE x.task_id = t.id "
        " AND x.trust = 'verified') FROM task t JOIN agency a "
        "ON a.id = t.agency_id WHERE t.due BETWEEN ? AND ?", FIRST, LAST)
    out = {}
    for agency, code, status, due, subs in rows:
        f = out.setdefault(agency, [0, 0, 0, 0, 0, 0, []])
        if status == "closed" and subs == 0:
            f[5] += 1
            continue
        f[0] += 1
        f[6].append(code)
        if status == "submitted":
            f[1] += 1
        elif status == "submitted-late":
            f[2] += 1
        elif status == "overdue" or due < TODAY:
            f[3] += 1
        else:
            f[4] += 1
    return out


def digest(s, *args):
    return s.cli("digest", "--period", "2026-06", "--today", TODAY, *args)


def test_json(s):
    d = json.loads(digest(s, "--format", "json").stdout)
    assert d["period"] == "2026-06" and d["first"] == FIRST and d["last"] == LAST, d
    sql = sql_figures(s)
    got = {a["code"]: a for a in d["agencies"]}
    assert sorted(got) == sorted(sql) == sorted(EXPECTED), (sorted(got), sorted(sql))
    for code, a in got.items():
        assert a["owed"] == a["on_time"] + a["late"] + a["overdue"] + a["open"], a
        assert a["owed"] == len(a["tasks"]), a
        figs = (a["owed"], a["on_time"], a["late"], a["overdue"], a["open"], a["closed"])
        assert figs == tuple(sql[code][:6]) == EXPECTED[code], (code, figs, sql[code])
        assert sorted(a["tasks"]) == sorted(sql[code][6]), (a["tasks"], sql[code])
    t = d["totals"]
    assert t["owed"] == sum(a["owed"] for a in d["agencies"]) == 5, t
    assert "DG-PQ-1" not in json.dumps(d), "a July task is not June's"
    sxd = got["SXD"]
    detail = sxd["task_details"][0]
    late_days = s.query("SELECT late_days FROM submission WHERE message_id = ?",
                        "<dg-2@sxd.example.vn>")[0][0]
    assert detail["state"] == "late" and detail["late_days"] == late_days == 7, detail
    diff = sxd["difficulties"]
    assert len(diff) == 1 and diff[0]["text"].startswith(HOSTILE), diff
    assert diff[0]["document"]["number"] == "77" and \
        diff[0]["document"]["symbol"] == "BC-SXD", diff
    assert diff[0]["document"]["date"] == "2026-06-09", diff
    assert sxd["proposals"][0]["text"].startswith("Đề nghị bổ sung kinh phí"), sxd
    cat = got["CAT"]["difficulties"]
    assert len(cat) == 1 and cat[0]["text"] is None and cat[0]["document"]["secret"], cat
    assert got["STTTT"]["closed_tasks"] == ["DG-STTTT-4"], got["STTTT"]
    meetings = {m["code"]: m for m in d["meetings"]}
    assert sorted(meetings) == ["HOP-0612", "HOP-0626"], d["meetings"]
    assert meetings["HOP-0612"]["conclusions_sent"] is True, meetings
    assert meetings["HOP-0612"]["conclusions_task"] == "HOP-0612-O7", meetings
    assert meetings["HOP-0626"]["conclusions_sent"] is None, meetings
    # no notice mail seen: the store cannot say
    assert meetings["HOP-0612"]["notice_ok"] is None, meetings
    assert isinstance(d["assigned"], list), d


def test_store_keeps_no_secret(s):
    rows = s.query("SELECT i.secret, i.difficulties_raised, i.difficulties, s.message_id "
                   "FROM submission_issue i JOIN submission s ON s.id = i.submission_id "
                   "ORDER BY s.message_id")
    assert len(rows) == 2, rows
    by = {r[3]: r for r in rows}
    assert by["<dg-3@cat.example.vn>"][:3] == (1, 1, None), rows
    assert by["<dg-2@sxd.example.vn>"][2].startswith(HOSTILE), rows
    for fmt in ("json", "text", "html"):
        out = digest(s, "--format", fmt).stdout
        assert "tấn công" not in out and "Đối tượng X" not in out, fmt


class Cells(html.parser.HTMLParser):
    """The figure cells (data-agency, data-figure) and all text."""

    def __init__(self):
        super().__init__()
        self.figures, self.cur, self.text, self.tags = {}, None, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "td" and "data-figure" in a:
            self.cur = (a["data-agency"], a["data-figure"])

    def handle_endtag(self, tag):
        if tag == "td":
            self.cur = None

    def handle_data(self, data):
        self.text.append(data)
        if self.cur is not None:
            self.figures[self.cur] = int(data)


def test_html(s):
    out = digest(s, "--format", "html").stdout
    p = Cells()
    p.feed(out)
    p.close()
    assert "script" not in p.tags, "markup from mail is escaped"
    assert HOSTILE in "".join(p.text), "and shown as text"
    sql = sql_figures(s)
    names = ("owed", "on_time", "late", "overdue", "open")
    for agency, f in sql.items():
        for i, name in enumerate(names):
            assert p.figures[(agency, name)] == f[i], (agency, name, p.figures)
    for i, name in enumerate(names):
        assert p.figures[("*", name)] == sum(f[i] for f in sql.values()), name
    assert "#f8d7da" in out and "#fff3cd" in out and "#d4edda" in out, "colours"


def test_text(s):
    out = digest(s).stdout
    assert "tháng 6 năm 2026" in out, out
    assert "Sở Xây dựng (SXD): phải nộp 1: đúng hạn 0, muộn 1, quá hạn 0" in out, out
    assert "DG-SXD-1 (hạn 01/6/2026): Muộn 7 ngày làm việc" in out, out
    assert "[Văn bản mật: không trích nội dung]" in out, out


def test_agency_filter(s):
    d = json.loads(digest(s, "--format", "json", "--agency", "sxd").stdout)
    assert [a["code"] for a in d["agencies"]] == ["SXD"], d
    assert d["agency"] == "SXD" and d["totals"]["owed"] == 1, d


def test_periods(s):
    for period, owed in [("2026-Q2", 5), ("2026-H1", 5), ("2026", 6), ("2026-07", 1),
                         ("2026-Q3", 1), ("2025-06", 0)]:
        d = json.loads(s.cli("digest", "--period", period, "--today", TODAY,
                             "--format", "json").stdout)
        assert d["totals"]["owed"] == owed, (period, d["totals"])
    for bad in ["2026-13", "2026-00", "2026-Q5", "2026-H3", "26-06", "2026-6",
                "2026-06-01", "", "2026-Q", "99999", "2026-06\n"]:
        r = s.cli("digest", "--period", bad, check=False)
        assert r.returncode == 64, (bad, r.returncode, r.stderr)
    r = s.cli("digest", "--period", "2026-06", "--agency", "X';--", check=False)
    assert r.returncode == 1 and "agency" in r.stderr, r.stderr
    r = s.cli("digest", "--period", "2026-06", "--format", "pdf", check=False)
    assert r.returncode == 64, r.stderr


def test_output_file(s):
    d = s.dc.owned_dir("digest-out")
    path = os.path.join(d, "june.json")
    digest(s, "--format", "json", "--output", path)
    with open(path) as f:
        assert json.load(f)["totals"]["owed"] == 5
    assert os.listdir(d) == ["june.json"], os.listdir(d)


def test_docx(s):
    import docx  # python3-docx (Debian)
    import struct
    d = s.dc.owned_dir("digest-docx")
    path = os.path.join(d, "june.docx")
    digest(s, "--format", "docx", "--output", path)
    doc = docx.Document(path)
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts, texts
    assert any(t.startswith("Tình hình thực hiện nhiệm vụ tháng 6 năm 2026") for t in texts), texts
    assert "Kính gửi: Trưởng Ban Chỉ đạo." in texts, texts
    tables = doc.tables
    head = [c.text for c in tables[0].rows[0].cells]
    assert "TỔ GIÚP VIỆC" in head[0] and "Số:" in head[0] and "/BC-TGV" in head[0], head
    # the number itself is left blank for the clerk
    assert head[0].split("Số:")[1].split("/")[0].strip() == "", head
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head[1], head
    assert "Độc lập - Tự do - Hạnh phúc" in head[1] and "Kiên Giang, ngày" in head[1], head
    # the summary table: one row per agency, the totals, figures = SQL
    sql = sql_figures(s)
    names = dict(s.query("SELECT code, name FROM agency"))
    summary = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in tables[1].rows[1:]}
    for agency, f in sql.items():
        assert summary[names[agency]] == [str(x) for x in f[:5]], (agency, summary)
    assert summary["Tổng cộng"] == [str(sum(f[i] for f in sql.values())) for i in range(5)]
    # a task table per agency, each task's row with its state
    rows = {r.cells[0].text: [c.text for c in r.cells] for t in tables[2:]
            for r in t.rows[1:]}
    for agency, f in sql.items():
        for code in f[6]:
            assert code in rows, (code, sorted(rows))
    assert rows["DG-SXD-1"][3] == "Muộn" and rows["DG-SXD-1"][4] == "7", rows["DG-SXD-1"]
    assert rows["DG-SXD-1"][5] == "Số 77/BC-SXD ngày 09/6/2026", rows["DG-SXD-1"]
    assert rows["DG-STTTT-2"][3] == "Quá hạn", rows["DG-STTTT-2"]
    assert any(HOSTILE in t for t in texts), "difficulties quoted as text"
    assert not any(SECRET_TEXT in t for t in texts)
    assert any("Văn bản mật: không trích nội dung" in t for t in texts)
    closing = [c.text for c in tables[-1].rows[0].cells]
    assert closing[0].startswith("Nơi nhận:"), closing
    # one chart per agency, a real PNG of the announced size
    assert len(doc.inline_shapes) == len(sql), len(doc.inline_shapes)
    with zipfile.ZipFile(path) as z:
        pngs = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        assert len(pngs) == len(sql), pngs
        for n in pngs:
            data = z.read(n)
            assert data[:8] == b"\x89PNG\r\n\x1a\n", n
            assert struct.unpack(">II", data[16:24]) == (480, 160), n
        xml = z.read("word/document.xml").decode("utf-8")
        assert "<script>" not in xml and "&lt;script&gt;" in xml, "escaped"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([soffice, "--headless", "--convert-to", "txt:Text", "--outdir",
                            out, path], check=True, timeout=180,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(os.path.join(out, "june.txt"), encoding="utf-8-sig") as f:
                txt = f.read()
            assert "BÁO CÁO" in txt and "DG-SXD-1" in txt, txt[:500]


def test_chart_helper(s):
    """No helper at the configured path: the digest without charts, said
    on stderr; a helper there that cannot be run: an error, no output."""
    import docx  # python3-docx (Debian)
    d = s.dc.owned_dir("digest-chart-helper")
    path = os.path.join(d, "june.docx")
    args = ["digest", "--period", "2026-06", "--today", TODAY, "--format", "docx",
            "--output", path]
    # the setting's name on the command line: 2.4 has no plugin {} block
    from dovecot_conf24 import is_24
    name = "dondoc_chart_helper" if is_24() else "plugin/dondoc_chart_helper"
    missing = os.path.join(d, "no-such-helper")
    r = s.dc.dondoc("-o", name + "=" + missing, *args, db=s.db)
    assert "not found, the digest has no charts" in r.stderr, r.stderr
    assert len(docx.Document(path).inline_shapes) == 0
    os.unlink(path)
    unrunnable = os.path.join(d, "helper-not-executable")
    with open(unrunnable, "w") as f:
        f.write("#!/bin/sh\nexit 0\n")
    os.chmod(unrunnable, 0o644)
    r = s.dc.dondoc("-o", name + "=" + unrunnable, *args, db=s.db,
                    check=False)
    assert r.returncode != 0, (r.returncode, r.stderr)
    assert unrunnable in r.stderr and "not found" not in r.stderr, r.stderr
    assert not os.path.exists(path), "no docx from a failed digest"


def test_mail(s):
    import docx  # python3-docx (Debian)
    import email
    import email.policy
    import io
    res = digest(s, "--mail", "truong-ban")
    assert "1 queued" in res.stdout, res.stdout
    # once per period, day and recipient
    res = digest(s, "--mail", "truong-ban")
    assert "0 queued, 1 already" in res.stdout, res.stdout
    r = s.cli("digest", "--period", "2026-06", "--mail", "x@y\r\nBcc: v@example.org",
              check=False)
    assert r.returncode != 0, r.stdout
    for bad in (["--format", "html"], ["--output", "/tmp/x"]):
        r = s.cli("digest", "--period", "2026-06", "--mail", "truong-ban", *bad, check=False)
        assert r.returncode == 64, r.stderr
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert "1 sent" in res.stdout, res.stdout
    sent = [m for m in s.sent() if m[2]["X-Dondoc-Generated"] == "digest"]
    assert len(sent) == 1, sent
    _, rcpts, msg = sent[0]
    assert rcpts == ["<truongban@ubnd.example.vn>"], rcpts
    assert msg["X-Dondoc-Generated"] == "digest" and msg["Bcc"] is None
    assert "tháng 6 năm 2026" in str(msg["Subject"]), msg["Subject"]
    assert msg.get_content_type() == "multipart/mixed", msg.get_content_type()
    alt, attachment = msg.get_payload()
    assert alt.get_content_type() == "multipart/alternative"
    text, related = alt.get_payload()
    assert text.get_content_type() == "text/plain"
    assert "Sở Xây dựng (SXD): phải nộp 1: đúng hạn 0, muộn 1" in text.get_content()
    assert related.get_content_type() == "multipart/related"
    html_part, *images = related.get_payload()
    page = html_part.get_content()
    p = Cells()
    p.feed(page)
    sql = sql_figures(s)
    for agency, f in sql.items():
        assert p.figures[(agency, "late")] == f[2], (agency, p.figures)
    assert len(images) == len(sql), len(images)
    for img in images:
        cid = img["Content-ID"].strip("<>")
        assert img.get_content_type() == "image/png"
        assert img.get_content()[:8] == b"\x89PNG\r\n\x1a\n"
        assert ('src="cid:%s"' % cid) in page, cid
    assert attachment.get_filename() == "bao-cao-2026-06.docx", attachment.get_filename()
    d = docx.Document(io.BytesIO(attachment.get_content()))
    assert "BÁO CÁO" in [x.text for x in d.paragraphs]
    assert SECRET_TEXT not in msg.as_string()


def main():
    tap = Tap()
    with TrackingServer(now="2026-06-10T09:00:00+07:00") as s:
        build(s)
        for name, func in [
            ("json: figures and task codes match the store, owed = sum", test_json),
            ("a MẬT document's difficulties: flagged, never stored or shown",
             test_store_keeps_no_secret),
            ("html: the table's figures match the store; mail text escaped", test_html),
            ("text: per agency figures and late working days", test_text),
            ("--agency: one agency only", test_agency_filter),
            ("periods: month, quarter, half, year; bad input refused", test_periods),
            ("--output: written whole, no temporary left", test_output_file),
            ("docx: Decree 30 layout, opens in python3-docx, figures match the store",
             test_docx),
            ("the chart helper: missing gives no charts, unrunnable an error",
             test_chart_helper),
            ("--mail: queued once, sent: text, HTML with cid: charts, the docx",
             test_mail),
        ]:
            tap.run(name, func, s)
    tap.done()


if __name__ == "__main__":
    main()
