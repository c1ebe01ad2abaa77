#!/usr/bin/python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Builds the PDF and Word 97-2003 (.doc) corpus cases: tests/corpus/NAME.eml
and the expected analysis NAME.json. The documents come from two PDF
producers, as agencies' mail carries them:
  - LibreOffice (`soffice --headless --convert-to pdf|doc`) of a .docx
    written here with python3-docx, the header a two-column table
    (agency | national motto), as Word and e-office systems lay it out;
  - python3-reportlab drawing the same kind of page directly, columns
    placed by coordinates, as report generators do.
LibreOffice is needed only to regenerate (it is too heavy for CI): the
.eml files are committed. Re-run after editing:
    /usr/bin/python3 tests/corpus/gen-office.py tests/corpus
"""
import json, os, shutil, subprocess, sys, tempfile
from email.message import EmailMessage
from email.utils import format_datetime
import datetime

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def doc(**kw):
    d = dict(source="body", type=None, type_name=None, number=None,
             symbol=None, issuer=None, place=None, date=None, summary=None,
             recipients=[], period=None, secrecy=None, urgency=None,
             references=[], difficulties=None, proposals=None,
             meeting=None, assignments=[], attendance=None)
    d.update(kw)
    return d


def attachment(source, fmt, pages=None, scanned=False, extraction="ok",
               reason=None, signature=None):
    return dict(source=source, format=fmt, extraction=extraction,
                reason=reason, pages=pages, scanned=scanned,
                signature=signature)


def period(kind, year, index=None):
    return dict(kind=kind, year=year, index=index)


def ref(t, n, s, d=None):
    return dict(type=t, number=n, symbol=s, date=d)


# --- the documents -------------------------------------------------------

# A report of the Department of Justice, as Word lays it out.
STP_LEFT = ["UBND TỈNH KIÊN GIANG", "SỞ TƯ PHÁP", "Số: 23/BC-STP"]
STP_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc",
             "Kiên Giang, ngày 8 tháng 4 năm 2024"]
STP_BODY = [
    ("BÁO CÁO", True),
    ("Kết quả công tác cải cách hành chính quý I năm 2024", True),
    ("Kính gửi: Ban Chỉ đạo cải cách hành chính tỉnh.", False),
    ("Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2024 của Ủy ban nhân dân "
     "tỉnh, Sở Tư pháp báo cáo kết quả như sau:", False),
    ("I. KẾT QUẢ THỰC HIỆN", False),
    ("1. Đã rà soát 34 thủ tục hành chính, đề nghị đơn giản hóa 6 thủ tục.", False),
    ("2. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%.", False),
    ("II. KHÓ KHĂN, VƯỚNG MẮC", False),
    ("Phần mềm một cửa điện tử còn lỗi khi liên thông với Cổng dịch vụ công quốc gia.", False),
    ("III. KIẾN NGHỊ", False),
    ("Đề nghị Sở Thông tin và Truyền thông khắc phục lỗi liên thông.", False),
    ("Nơi nhận:", False), ("- Như trên;", False), ("- Lưu: VT.", False),
    ("GIÁM ĐỐC", True),
]
STP_DOC = dict(type="BC", type_name="Báo cáo", number="23", symbol="BC-STP",
               issuer="SỞ TƯ PHÁP", place="Kiên Giang", date="2024-04-08",
               summary="Kết quả công tác cải cách hành chính quý I năm 2024",
               recipients=["Ban Chỉ đạo cải cách hành chính tỉnh"],
               period=period("quarter", 2024, 1),
               references=[ref("KH", "15", "KH-UBND", "2024-01-20")],
               difficulties="Phần mềm một cửa điện tử còn lỗi khi liên thông với Cổng dịch vụ công quốc gia.",
               proposals="Đề nghị Sở Thông tin và Truyền thông khắc phục lỗi liên thông.")

# A plan of the Department of Health, kept as Word 97-2003 .doc.
SYT_LEFT = ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", "Số: 112/KH-SYT"]
SYT_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc",
             "Rạch Giá, ngày 2 tháng 7 năm 2024"]
SYT_BODY = [
    ("KẾ HOẠCH", True),
    ("Triển khai tiêm chủng mở rộng 6 tháng cuối năm 2024", True),
    ("Căn cứ Quyết định số 1020/QĐ-UBND ngày 15/5/2024 của Ủy ban nhân dân tỉnh;", False),
    ("I. MỤC ĐÍCH, YÊU CẦU", False),
    ("Bảo đảm tỷ lệ tiêm chủng đầy đủ cho trẻ dưới 1 tuổi đạt trên 95%.", False),
    ("II. NỘI DUNG", False),
    ("Các Trung tâm Y tế huyện, thành phố tổ chức tiêm chủng hằng tháng.", False),
    ("Nơi nhận:", False), ("- Ban Chỉ đạo tỉnh;", False), ("- Lưu: VT, NVY.", False),
    ("KT. GIÁM ĐỐC", True), ("PHÓ GIÁM ĐỐC", True),
]
SYT_DOC = dict(type="KH", type_name="Kế hoạch", number="112", symbol="KH-SYT",
               issuer="SỞ Y TẾ", place="Rạch Giá", date="2024-07-02",
               summary="Triển khai tiêm chủng mở rộng 6 tháng cuối năm 2024",
               period=period("half-year", 2024, 2),
               references=[ref("QĐ", "1020", "QĐ-UBND", "2024-05-15")])

# A submission of the provincial police, drawn by a report generator.
CAT_LEFT = ["CÔNG AN TỈNH KIÊN GIANG", "Số: 88/TTr-CAT-PV01"]
CAT_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc",
             "Kiên Giang, ngày 19 tháng 9 năm 2024"]
CAT_BODY = [
    ("TỜ TRÌNH", True),
    ("Về việc phê duyệt danh sách điểm thu nhận hồ sơ căn cước lưu động", True),
    ("Kính gửi: Trưởng Ban Chỉ đạo Đề án 06 tỉnh.", False),
    ("Căn cứ Thông báo số 45/TB-BCĐ ngày 3/9/2024 của Ban Chỉ đạo Đề án 06 tỉnh;", False),
    ("Công an tỉnh kính trình Trưởng Ban Chỉ đạo xem xét, phê duyệt danh sách "
     "12 điểm thu nhận lưu động tại các xã vùng sâu.", False),
    ("Nơi nhận:", False), ("- Như trên;", False), ("- Lưu: VT, PV01.", False),
    ("GIÁM ĐỐC", True),
]
CAT_DOC = dict(type="TTr", type_name="Tờ trình", number="88",
               symbol="TTr-CAT-PV01", issuer="CÔNG AN TỈNH KIÊN GIANG",
               place="Kiên Giang", date="2024-09-19",
               summary="Về việc phê duyệt danh sách điểm thu nhận hồ sơ căn cước lưu động",
               recipients=["Trưởng Ban Chỉ đạo Đề án 06 tỉnh"],
               references=[ref("TB", "45", "TB-BCĐ", "2024-09-03")])


# --- producers -------------------------------------------------------------

def make_docx(path, left, right, body):
    d = docx.Document()
    for s in d.sections:
        s.left_margin = s.right_margin = Cm(2)
    style = d.styles["Normal"]
    style.font.name = "DejaVu Serif"
    style.font.size = Pt(12)
    t = d.add_table(rows=1, cols=2)
    t.autofit = False
    widths = (Cm(7), Cm(10))
    for cell, lines, w in zip(t.rows[0].cells, (left, right), widths):
        cell.width = w
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, centred in body:
        p = d.add_paragraph(text)
        if centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(path)


def libreoffice(src, fmt, workdir):
    env = dict(os.environ, HOME=workdir)
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir",
                    workdir, src], env=env, check=True, capture_output=True)
    out = os.path.join(workdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
    with open(out, "rb") as f:
        return f.read()


def reportlab_pdf(path, left, right, body, pages=2):
    pdfmetrics.registerFont(TTFont("Serif", FONT))
    pdfmetrics.registerFont(TTFont("SerifBold", FONT_BOLD))
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("dondoc corpus")
    width, height = A4
    y = height - 60
    # the two header columns, drawn line by line across both columns
    for i in range(max(len(left), len(right))):
        c.setFont("SerifBold", 12)
        if i < len(left):
            c.drawCentredString(150, y, left[i])
        if i < len(right):
            c.setFont("SerifBold" if i < 2 else "Serif", 12)
            c.drawCentredString(400, y, right[i])
        y -= 16
    y -= 20
    for text, centred in body:
        c.setFont("SerifBold" if centred else "Serif", 12)
        words, line = text.split(), ""
        lines = []
        for w in words:
            if c.stringWidth(line + " " + w, "Serif", 12) > width - 120:
                lines.append(line)
                line = w
            else:
                line = (line + " " + w).strip()
        lines.append(line)
        for l in lines:
            if centred:
                c.drawCentredString(width / 2, y, l)
            else:
                c.drawString(60, y, l)
            y -= 16
    c.showPage()
    for p in range(1, pages):
        c.setFont("Serif", 12)
        c.drawString(60, height - 60, "Phụ lục %d: danh sách điểm thu nhận." % p)
        c.showPage()
    c.save()


def scanned_pdf(path):
    # a scan: one image per page, no text layer
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    for p in range(2):
        c.setFillGray(0.85)
        c.rect(40, 40, 500, 750, fill=1, stroke=0)
        c.setFillGray(0.2)
        for i in range(30):
            c.rect(60, 760 - i * 24, 300 + (i * 37) % 180, 8, fill=1, stroke=0)
        c.showPage()
    c.save()


# --- cases -----------------------------------------------------------------

def message(mid, sender, subject, text, files, date):
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "Ban Chỉ đạo <bcd@kiengiang.gov.vn>"
    m["Subject"] = subject
    m["Message-ID"] = mid
    m["Date"] = format_datetime(date)
    m.set_content(text)
    for name, ctype, data in files:
        maintype, subtype = ctype.split("/")
        m.add_attachment(data, maintype=maintype, subtype=subtype,
                         filename=name)
    return bytes(m)


def expected(mid, sender, subject, docs, attachments, warnings=()):
    return {"message_id": mid, "from": sender, "subject": subject,
            "documents": docs, "attachments": attachments,
            "warnings": list(warnings)}


def write(name, raw, exp):
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    work = tempfile.mkdtemp(prefix="dondoc-office.")
    try:
        when = datetime.datetime(2024, 4, 8, 9, 30,
                                 tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
        # 1. LibreOffice PDF of a Word report, named .pdf, typed octet-stream
        src = os.path.join(work, "stp.docx")
        make_docx(src, STP_LEFT, STP_RIGHT, STP_BODY)
        pdf = libreoffice(src, "pdf", work)
        mid, sender = "<pdf-libreoffice@corpus.dondoc>", "Sở Tư pháp <stp@kiengiang.gov.vn>"
        subject = "Báo cáo CCHC quý I/2024"
        name = "Báo cáo 23-STP.pdf"
        write("pdf-libreoffice",
              message(mid, sender, subject, "Sở Tư pháp gửi báo cáo (tệp đính kèm).",
                      [(name, "application/octet-stream", pdf)], when),
              expected(mid, sender, subject,
                       [doc(source="attachment:" + name, **STP_DOC)],
                       [attachment("attachment:" + name, "pdf", pages=1)]))

        # 2. reportlab PDF, two pages, typed application/pdf, no file name
        #    ending: found by its magic bytes
        path = os.path.join(work, "cat.pdf")
        reportlab_pdf(path, CAT_LEFT, CAT_RIGHT, CAT_BODY)
        with open(path, "rb") as f:
            pdf = f.read()
        mid, sender = "<pdf-reportlab@corpus.dondoc>", "Công an tỉnh <pv01@congan.kiengiang.gov.vn>"
        subject = "Tờ trình số 88/TTr-CAT-PV01"
        name = "TTr88"
        write("pdf-reportlab",
              message(mid, sender, subject, "Kính gửi Ban Chỉ đạo.",
                      [(name, "application/pdf", pdf)], when),
              expected(mid, sender, subject,
                       [doc(source="attachment:" + name, **CAT_DOC)],
                       [attachment("attachment:" + name, "pdf", pages=2)]))

        # 3. Word 97-2003 .doc (LibreOffice), typed application/msword
        src = os.path.join(work, "syt.docx")
        make_docx(src, SYT_LEFT, SYT_RIGHT, SYT_BODY)
        data = libreoffice(src, "doc", work)
        mid, sender = "<doc-word97@corpus.dondoc>", "Sở Y tế <syt@kiengiang.gov.vn>"
        subject = "Kế hoạch tiêm chủng"
        name = "KH 112-SYT.doc"
        write("doc-word97",
              message(mid, sender, subject, "Sở Y tế gửi Kế hoạch.",
                      [(name, "application/msword", data)], when),
              expected(mid, sender, subject,
                       [doc(source="attachment:" + name, **SYT_DOC)],
                       [attachment("attachment:" + name, "doc")]))

        # 4. a scan: pages without a text layer, left to a human
        path = os.path.join(work, "scan.pdf")
        scanned_pdf(path)
        with open(path, "rb") as f:
            pdf = f.read()
        mid, sender = "<pdf-scanned@corpus.dondoc>", "UBND huyện Châu Thành <ubnd@chauthanh.kiengiang.gov.vn>"
        subject = "Báo cáo (bản scan)"
        name = "scan_bao_cao.pdf"
        write("pdf-scanned",
              message(mid, sender, subject, "Gửi kèm bản scan báo cáo.",
                      [(name, "application/pdf", pdf)], when),
              expected(mid, sender, subject, [],
                       [attachment("attachment:" + name, "pdf", pages=2,
                                   scanned=True)],
                       ["scanned PDF without text: left to a human"]))
    finally:
        shutil.rmtree(work)


main()
