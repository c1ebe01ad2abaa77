#!/usr/bin/python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: a report that arrives as a PDF attachment (the commonest
form) is filed and recorded over real LMTP exactly like the same report as
text, with the extractor installed from the staged build and run by the
LMTP process itself; a signed PDF sets ${dondoc.signature} and
${dondoc.signed_by} against the site's dondoc_pdf_ca; with the extractor
missing, the PDF mail is still delivered (INBOX-side folders of the
secretariat script), never refused."""

import os as _os
import sys as _sys

# python3-reportlab is Debian's: run under Debian's interpreter.
if _os.path.realpath(_sys.executable) != _os.path.realpath("/usr/bin/python3") and \
        _os.path.exists("/usr/bin/python3") and not _os.environ.get("DONDOC_PDF_REEXEC"):
    _os.environ["DONDOC_PDF_REEXEC"] = "1"
    _os.execv("/usr/bin/python3", ["/usr/bin/python3"] + _sys.argv)


import base64
import glob
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "corpus"))
from tap import Tap  # noqa: E402
from tracking_env import (TrackingServer, report, half_year_report,  # noqa: E402
                          secretariat_script)
from signed_pdf import make_signed  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"
ORG = "Sở Thông tin và Truyền thông tỉnh Kiên Giang"


def staged_extractor():
    found = glob.glob(os.path.join(os.environ["DONDOC_STAGE"], "root", "**",
                                   "libexec", "dondoc", "dondoc-extract"),
                      recursive=True)
    assert found, "no staged dondoc-extract"
    return found[0]


def header_lines(number, agency, symbol, day=8):
    return [("UBND TỈNH KIÊN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            (agency, "Độc lập - Tự do - Hạnh phúc"),
            ("Số: %d/%s" % (number, symbol), "Kiên Giang, ngày %d tháng 6 năm 2026" % day)]


BODY = ("BÁO CÁO", "Kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
        "Kính gửi: Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh.")


def pdf_mail(msgid, sender, pdf_bytes, name="Báo cáo.pdf"):
    text = report(msgid, sender, "Kính gửi Tổ giúp việc, Sở gửi kèm báo cáo.\n")
    head, _, body = text.partition(b"\r\n\r\n")
    head = head.replace(b"Content-Type: text/plain; charset=utf-8\r\n"
                        b"Content-Transfer-Encoding: 8bit",
                        b"Content-Type: multipart/mixed; boundary=\"b\"")
    enc = base64.encodebytes(pdf_bytes).replace(b"\n", b"\r\n")
    return (head + b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body +
            b"\r\n--b\r\nContent-Type: application/pdf\r\n"
            b"Content-Disposition: attachment; filename*=UTF-8''" +
            name.encode().replace(b" ", b"%20").replace("á".encode(), b"%C3%A1") +
            b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + enc + b"--b--\r\n")


def script():
    # the secretariat's own script, with the signature put where a test
    # can see it: a copy into a folder named by the variables
    s = secretariat_script()
    require = s.index("require [")
    end = s.index(";", require) + 1
    return (s[:require] + 'require ["copy", ' + s[require + len("require ["):end] + "\n"
            'fileinto :copy :create "Ký số.${dondoc.signature}";\n'
            'if string :is "${dondoc.signature}" "valid" {\n'
            '  fileinto :copy :create "Ký bởi.${dondoc.signed_by}";\n}\n' + s[end:])


def main():
    t = Tap()
    tmp = tempfile.mkdtemp(prefix="dondoc-pdf-")
    os.chmod(tmp, 0o755)
    try:
        paths = make_signed(tmp, org=ORG, lines=header_lines(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                                                             "BC-STTTT"), body=BODY)
        for p in paths.values():
            os.chmod(p, 0o644)
        plain2 = os.path.join(tmp, "sxd.pdf")
        from signed_pdf import report_pdf
        report_pdf(plain2, header_lines(45, "SỞ XÂY DỰNG", "BC-SXD", day=9), BODY)
        os.chmod(plain2, 0o644)
        settings = {"dondoc_extractor": staged_extractor(),
                    "dondoc_pdf_ca": paths["ca.pem"]}
        with TrackingServer(script=script(), store_settings=settings) as s:
            s.add_task("DA06-2026-001", "STTTT",
                       "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                       "2026-06-12", period="H:2026:1")
            s.add_task("DA06-2026-002", "SXD",
                       "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                       "2026-06-12", period="H:2026:1")

            def signed_pdf_report():
                with open(paths["signed.pdf"], "rb") as f:
                    data = f.read()
                code, text = s.dc.deliver(pdf_mail("pdf-1@stttt.example.vn", STTTT, data),
                                          mail_from=STTTT)
                assert code == 250, text
                where = sorted(s.dc.where("<pdf-1@stttt.example.vn>"))
                assert where == sorted(["Báo cáo.STTTT.2026-H1", "Ký số.valid",
                                        "Ký bởi.%s" % ORG]), where
                assert s.submissions("<pdf-1@stttt.example.vn>") == [
                    ("period", 0, 0, "verified", "DA06-2026-001")]
                assert s.task_status("DA06-2026-001") == "submitted"
                kinds = [m["X-Dondoc-Generated"] for _, _, m in s.sent()]
                assert kinds == ["confirm"], kinds

            def pdf_like_text():
                # the same kind of report, one as text and one as a PDF:
                # the same folder and the same record
                with open(plain2, "rb") as f:
                    data = f.read()
                code, text = s.dc.deliver(pdf_mail("pdf-2@sxd.example.vn", SXD, data),
                                          mail_from=SXD)
                assert code == 250, text
                assert sorted(s.dc.where("<pdf-2@sxd.example.vn>")) == \
                    ["Báo cáo.SXD.2026-H1", "Ký số.none"], s.dc.where("<pdf-2@sxd.example.vn>")
                body = half_year_report(46, "SỞ XÂY DỰNG", "BC-SXD", day=9)
                code, _ = s.dc.deliver(report("txt-2@sxd.example.vn", SXD, body),
                                       mail_from=SXD)
                assert code == 250
                assert "Báo cáo.SXD.2026-H1" in s.dc.where("<txt-2@sxd.example.vn>")
                pdf_sub = s.submissions("<pdf-2@sxd.example.vn>")
                txt_sub = s.submissions("<txt-2@sxd.example.vn>")
                assert pdf_sub == [("period", 0, 0, "verified", "DA06-2026-002")], pdf_sub
                assert txt_sub == pdf_sub, (txt_sub, pdf_sub)
                s.sent()

            t.run("signed PDF report over LMTP: filed, recorded, signature valid", signed_pdf_report)
            t.run("unsigned PDF report: filed and recorded like the text one", pdf_like_text)

        # the extractor missing: delivered all the same, analysed without it
        settings = {"dondoc_extractor": "/nonexistent/dondoc-extract"}
        with TrackingServer(script=script(), store_settings=settings) as s:
            def missing():
                with open(paths["signed.pdf"], "rb") as f:
                    data = f.read()
                code, text = s.dc.deliver(pdf_mail("pdf-3@stttt.example.vn", STTTT, data),
                                          mail_from=STTTT)
                assert code == 250, text
                where = s.dc.where("<pdf-3@stttt.example.vn>")
                assert "Ký số.none" in where and where, where
                with open(s.dc.log, errors="replace") as f:
                    log = f.read()
                # the analysis says why the PDF was not read
                assert "analysis partial: extractor not installed" in log, log[-2000:]
            t.run("extractor missing: the PDF mail is still delivered", missing)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    t.done()


if __name__ == "__main__":
    main()
