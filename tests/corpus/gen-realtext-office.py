#!/usr/bin/python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""PDF and Word 97-2003 cases of tests/corpus/realtext/ (issue 15 section 2,
as the classes arrive in attachments): a reportlab PDF whose narrow right
column wraps the place ("Bà Rịa - Vũng" / "Tàu, ngày ...") and whose
difficulty and proposal sections say there is none; a PDF of a report
without a number line, its agency name wrapped, whose sections say there
is none ("Không có khó khăn", "Chưa có đề xuất"); and where LibreOffice is
installed a Word công văn as LibreOffice PDF and .doc, its V/v line citing
a dated document above the place-and-date line. Needs python3-reportlab,
python3-docx (and soffice) to regenerate: the .eml files are committed.
    /usr/bin/python3 tests/corpus/gen-realtext-office.py tests/corpus/realtext
"""
import datetime, json, os, shutil, subprocess, sys, tempfile
from email.message import EmailMessage
from email.utils import format_datetime
import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "realtext")
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

def attachment(source, fmt, pages=None):
    return dict(source=source, format=fmt, extraction="ok", reason=None,
                pages=pages, scanned=False, signature=None)

def period(kind, year, index=None):
    return dict(kind=kind, year=year, index=index)

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

def write(name, raw, exp):
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")

def reportlab_pdf(path, left, right, body):
    """Columns placed by coordinates; the right one narrow, so its place
    line is drawn in two lines as a report generator wraps it."""
    pdfmetrics.registerFont(TTFont("Serif", FONT))
    pdfmetrics.registerFont(TTFont("SerifBold", FONT_BOLD))
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("dondoc realtext corpus")
    width, height = A4
    y = height - 60
    for i in range(max(len(left), len(right))):
        c.setFont("SerifBold", 12)
        if i < len(left):
            c.drawCentredString(150, y, left[i])
        if i < len(right):
            c.setFont("SerifBold" if i < 2 else "Serif", 11)
            c.drawCentredString(420, y, right[i])
        y -= 16
    y -= 20
    for text, centred in body:
        c.setFont("SerifBold" if centred else "Serif", 12)
        if centred:
            c.drawCentredString(width / 2, y, text)
        else:
            c.drawString(60, y, text)
        y -= 16
    c.showPage()
    c.save()

def make_docx(path, left, right, body, widths=(Cm(5), Cm(10))):
    d = docx.Document()
    for s in d.sections:
        s.left_margin = s.right_margin = Cm(2)
    d.styles["Normal"].font.name = "DejaVu Serif"
    d.styles["Normal"].font.size = Pt(12)
    t = d.add_table(rows=1, cols=2)
    t.autofit = False
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

# Bà Rịa - Vũng Tàu: the place wrapped by the narrow column; none sections
BRVT_LEFT = ["UBND TỈNH BÀ RỊA - VŨNG TÀU", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
             "Số: 215/BC-STTTT"]
BRVT_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "Bà Rịa - Vũng",
              "Tàu, ngày 6 tháng 7 năm 2023"]
BRVT_BODY = [("BÁO CÁO", True),
             ("Kết quả chuyển đổi số sáu tháng đầu năm 2023", True),
             ("Kính gửi: Ủy ban nhân dân tỉnh.", False),
             ("I. KẾT QUẢ THỰC HIỆN", False),
             ("Đã cung cấp 1.240 dịch vụ công trực tuyến toàn trình.", False),
             ("II. KHÓ KHĂN, VƯỚNG MẮC", False),
             ("Không có.", False),
             ("III. KIẾN NGHỊ, ĐỀ XUẤT", False),
             ("Không.", False)]
BRVT_DOC = dict(type="BC", type_name="Báo cáo", number="215",
                symbol="BC-STTTT", issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                place="Bà Rịa - Vũng Tàu", date="2023-07-06",
                summary="Kết quả chuyển đổi số sáu tháng đầu năm 2023",
                recipients=["Ủy ban nhân dân tỉnh"],
                period=period("half-year", 2023, 1))

# A report without a number line: the agency name wrapped in two lines;
# sections that say there is none
HND_LEFT = ["HỘI LIÊN HIỆP PHỤ NỮ TỈNH", "QUẢNG NGÃI"]
HND_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc",
             "Quảng Ngãi, ngày 28 tháng 9 năm 2023"]
HND_BODY = [("BÁO CÁO", True),
            ("Kết quả công tác Hội chín tháng đầu năm 2023", True),
            ("Kính gửi: Ban Thường vụ Tỉnh ủy.", False),
            ("1. Kết quả: phát triển mới 2.150 hội viên.", False),
            ("2. Khó khăn, vướng mắc: Không có khó khăn, vướng mắc.", False),
            ("3. Kiến nghị, đề xuất: Chưa có đề xuất.", False)]
HND_DOC = dict(type="BC", type_name="Báo cáo",
               issuer="HỘI LIÊN HIỆP PHỤ NỮ TỈNH QUẢNG NGÃI",
               place="Quảng Ngãi", date="2023-09-28",
               summary="Kết quả công tác Hội chín tháng đầu năm 2023",
               recipients=["Ban Thường vụ Tỉnh ủy"],
               period=period("nine-months", 2023))

# A công văn in Word: the V/v line under the number cites a dated
# document, the place and date in the right column; narrow cells wrap
# both in the PDF
CV_LEFT = ["UBND TỈNH AN GIANG", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
           "Số: 2460/STNMT-QLĐĐ",
           "V/v thực hiện Công văn số 1120/UBND-KTN ngày 3/10/2023 của UBND tỉnh"]
CV_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "An Giang, ngày 12 tháng 10 năm 2023"]
CV_BODY = [("Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.", False),
           ("Sở Tài nguyên và Môi trường đề nghị các địa phương rà soát.", False)]

CV_DOC = dict(type="CV", type_name="Công văn", number="2460",
              symbol="STNMT-QLĐĐ", issuer="SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
              place="An Giang", date="2023-10-12",
              summary="thực hiện Công văn số 1120/UBND-KTN ngày 3/10/2023 của UBND tỉnh",
              recipients=["Ủy ban nhân dân các huyện, thị xã, thành phố"],
              references=[dict(type="CV", number="1120", symbol="UBND-KTN",
                               date="2023-10-03")])

def main():
    work = tempfile.mkdtemp(prefix="dondoc-realtext.")
    when = datetime.datetime(2023, 10, 2, 9, 0,
                             tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    try:
        path = os.path.join(work, "brvt.pdf")
        reportlab_pdf(path, BRVT_LEFT, BRVT_RIGHT, BRVT_BODY)
        with open(path, "rb") as f:
            pdf = f.read()
        mid, sender = ("<pdf-office-brvt@realtext.dondoc>",
                       "Sở TT&TT <stttt@baria-vungtau.gov.vn>")
        subject, name = "Báo cáo chuyển đổi số 6 tháng", "BC 215-STTTT.pdf"
        write("pdf-office-brvt",
              message(mid, sender, subject, "Sở gửi báo cáo đính kèm.",
                      [(name, "application/pdf", pdf)], when),
              {"message_id": mid, "from": sender, "subject": subject,
               "documents": [doc(source="attachment:" + name, **BRVT_DOC)],
               "attachments": [attachment("attachment:" + name, "pdf", 1)],
               "warnings": []})
        path = os.path.join(work, "hlhpn.pdf")
        reportlab_pdf(path, HND_LEFT, HND_RIGHT, HND_BODY)
        with open(path, "rb") as f:
            pdf = f.read()
        case = "pdf-office-nonumber"
        mid = "<%s@realtext.dondoc>" % case
        sender = "Hội LHPN tỉnh <hlhpn@quangngai.gov.vn>"
        subject, name = "Báo cáo 9 tháng", "Báo cáo 9 tháng.pdf"
        write(case,
              message(mid, sender, subject, "Hội gửi báo cáo.",
                      [(name, "application/pdf", pdf)], when),
              {"message_id": mid, "from": sender, "subject": subject,
               "documents": [doc(source="attachment:" + name, **HND_DOC)],
               "attachments": [attachment("attachment:" + name, "pdf", 1)],
               "warnings": []})
        if shutil.which("soffice") is not None:
            src = os.path.join(work, "cv.docx")
            make_docx(src, CV_LEFT, CV_RIGHT, CV_BODY,
                      widths=(Cm(6.5), Cm(9.5)))
            for fmt, ctype, pages in (("pdf", "application/pdf", 1),
                                      ("doc", "application/msword", None)):
                data = libreoffice(src, fmt, work)
                case = "%s-office-cv-vv" % fmt
                mid = "<%s@realtext.dondoc>" % case
                sender = "Sở TN&MT <stnmt@angiang.gov.vn>"
                subject, name = "Công văn 2460", "CV 2460-STNMT." + fmt
                write(case,
                      message(mid, sender, subject, "Sở gửi công văn.",
                              [(name, ctype, data)], when),
                      {"message_id": mid, "from": sender, "subject": subject,
                       "documents": [doc(source="attachment:" + name,
                                         **CV_DOC)],
                       "attachments": [attachment("attachment:" + name, fmt,
                                                  pages)],
                       "warnings": []})
    finally:
        shutil.rmtree(work)

main()
