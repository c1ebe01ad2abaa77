#!/usr/bin/env python3
"""Builds the corpus of the committee's own documents:
tests/corpus/committee/NAME.eml and the expected analysis NAME.json.
Meeting notices, conclusion notices, plans and minutes written the many
ways provinces write them (plain text as typed, Outlook and Thunderbird
html, Word attachments with real tables), and hostile ones. Each case
states its expected facts; check.py compares `dondoc analyze --json`
against them. Re-run after editing:
    python3 tests/corpus/gen-committee.py tests/corpus/committee
"""
import base64, io, json, os, quopri, sys, zipfile
from email.header import Header
from urllib.parse import quote

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "committee")

def doc(**kw):
    d = dict(source="body", type=None, type_name=None, number=None,
             symbol=None, issuer=None, place=None, date=None, summary=None,
             recipients=[], period=None, secrecy=None, urgency=None,
             references=[], difficulties=None, proposals=None,
             meeting=None, assignments=[], attendance=None)
    d.update(kw)
    return d

def period(kind, year, index=None):
    return dict(kind=kind, year=year, index=index)

def ref(t, n, s, d=None):
    return dict(type=t, number=n, symbol=s, date=d)

def meeting(date=None, time=None, place=None, chair=None, agenda=None,
            participants=None):
    return dict(date=date, time=time, place=place, chair=chair,
                agenda=agenda, participants=participants)

def task(agency, what, deadline=None, kind=None, text=None, group=None,
         coop=None, rec=None, day=None, month=None):
    return dict(agency=agency, agency_code=None, agency_group=group,
                cooperating=coop, what=what, deadline=deadline,
                deadline_kind=kind, deadline_text=text, recurrence=rec,
                recurrence_day=day, recurrence_month=month)

def attendance(present=(), absent=(), delegated=()):
    return dict(present=list(present), absent=list(absent),
                delegated=[dict(member=m, delegate=d) for m, d in delegated])

# --- mail ---------------------------------------------------------------

def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i+76] for i in range(0, len(s), 76)) + "\n"

def hdr(s):
    return Header(s, "utf-8").encode()

FROM = ("Văn phòng Ban Chỉ đạo", "bcd06@kiengiang.gov.vn")

def headers(mid, subject, ctype, cte=None, sender=FROM):
    h = ("From: %s <%s>\nTo: thanhvien-bcd@kiengiang.gov.vn\n"
         "Subject: %s\nMessage-ID: <%s@committee.dondoc>\n"
         "Date: Wed, 10 Jun 2026 08:00:00 +0700\nMIME-Version: 1.0\n"
         "Content-Type: %s\n" % (hdr(sender[0]), sender[1], hdr(subject),
                                  mid, ctype))
    if cte:
        h += "Content-Transfer-Encoding: %s\n" % cte
    return h + "\n"

def plain(mid, subject, text, cte="8bit", sender=FROM):
    body = text.encode() if cte == "8bit" else quopri.encodestring(text.encode())
    return headers(mid, subject, "text/plain; charset=utf-8", cte,
                   sender).encode() + body

def html_mail(mid, subject, text, html, sender=FROM):
    raw = headers(mid, subject, 'multipart/alternative; boundary="alt"',
                  sender=sender).encode()
    raw += (b"--alt\nContent-Type: text/plain; charset=utf-8\n"
            b"Content-Transfer-Encoding: quoted-printable\n\n"
            + quopri.encodestring(text.encode()) + b"\n--alt\n"
            b"Content-Type: text/html; charset=utf-8\n"
            b"Content-Transfer-Encoding: base64\n\n"
            + b64(html.encode()).encode() + b"--alt--\n")
    return raw

def zinfo(name):
    """A fixed time stamp: the corpus regenerates byte for byte."""
    info = zipfile.ZipInfo(name, date_time=(2026, 6, 10, 8, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info

def w_p(text, bold=False, center=False):
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return ('<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>'
            % (ppr, rpr, text.replace("&", "&amp;").replace("<", "&lt;")))

def w_label(label, value):
    """A paragraph with its label in bold, the value in a second run."""
    return ('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s'
            '</w:t></w:r><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p>'
            % (label, value))

def w_tbl(rows):
    """rows of cells, each cell a list of paragraphs (or one string)."""
    def cell(c):
        paras = [c] if isinstance(c, str) else c
        return "<w:tc>%s</w:tc>" % ("".join(w_p(p) for p in paras) or "<w:p/>")
    return "<w:tbl>%s</w:tbl>" % "".join(
        "<w:tr>%s</w:tr>" % "".join(cell(c) for c in r) for r in rows)

def docx(body_xml):
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>%s</w:body></w:document>' % body_xml)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zinfo("[Content_Types].xml"), '<?xml version="1.0"?><Types/>')
        z.writestr(zinfo("word/document.xml"), xml)
    return buf.getvalue()

def docx_mail(mid, subject, note, fname, data, sender=FROM):
    raw = headers(mid, subject, 'multipart/mixed; boundary="mix"',
                  sender=sender).encode()
    raw += ("--mix\nContent-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n%s\n--mix\n"
            "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\n"
            "Content-Disposition: attachment;\n filename*=utf-8''%s\n"
            "Content-Transfer-Encoding: base64\n\n" % (note, quote(fname))).encode()
    return raw + b64(data).encode() + b"--mix--\n"

cases = []

def case(name, subject, raw, docs, warnings=(), sender=FROM):
    cases.append((name, subject, raw, docs, list(warnings), sender))

def expect(name, subject, docs, warnings, sender):
    return {"message_id": "<%s@committee.dondoc>" % name,
            "from": "%s <%s>" % sender, "subject": subject,
            "documents": docs, "warnings": warnings}

# --- meeting notices ------------------------------------------------------

# Kiên Giang: the invitation as typed in plain text, labels on their own
# lines, the participants as a dash list, the agenda wrapped.
GM1 = """UBND TỈNH KIÊN GIANG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN CHỈ ĐẠO ĐỀ ÁN 06                   Độc lập - Tự do - Hạnh phúc
Số: 15/GM-BCĐ                Kiên Giang, ngày 10 tháng 6 năm 2026

                           GIẤY MỜI
      Họp Ban Chỉ đạo Đề án 06 tỉnh phiên thường kỳ tháng 6 năm 2026

Ban Chỉ đạo Đề án 06 tỉnh trân trọng kính mời:
Thành phần:
- Đồng chí Phó Trưởng Ban Thường trực;
- Các thành viên Ban Chỉ đạo Đề án 06 tỉnh;
- Tổ giúp việc Ban Chỉ đạo.
Thời gian: 14 giờ 00 phút, ngày 15/6/2026 (thứ Hai).
Địa điểm: Hội trường Công an tỉnh, số 2 đường Nguyễn Trung Trực,
phường Vĩnh Thanh, thành phố Rạch Giá.
Chủ trì: Đồng chí Lâm Minh Thành, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo.
Nội dung: Đánh giá kết quả thực hiện Đề án 06 tháng 5 năm 2026 và triển
khai nhiệm vụ trọng tâm tháng 6 năm 2026.

Đề nghị các thành viên gửi báo cáo về Công an tỉnh trước ngày 12/6/2026.
Rất mong các đồng chí tham dự đúng thời gian.

Nơi nhận:
- Như thành phần;
- Lưu: VT.
                                        TRƯỞNG BAN
"""
s = "Giấy mời họp Ban Chỉ đạo Đề án 06 tháng 6/2026"
case("gm-plain", s, plain("gm-plain", s, GM1), [doc(
    type="GM", type_name="Giấy mời", number="15", symbol="GM-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang", date="2026-06-10",
    summary="Họp Ban Chỉ đạo Đề án 06 tỉnh phiên thường kỳ tháng 6 năm 2026",
    period=period("month", 2026, 6),
    meeting=meeting("2026-06-15", "14:00",
        "Hội trường Công an tỉnh, số 2 đường Nguyễn Trung Trực, phường Vĩnh Thanh, thành phố Rạch Giá",
        "Đồng chí Lâm Minh Thành, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo",
        "Đánh giá kết quả thực hiện Đề án 06 tháng 5 năm 2026 và triển khai nhiệm vụ trọng tâm tháng 6 năm 2026",
        "- Đồng chí Phó Trưởng Ban Thường trực; - Các thành viên Ban Chỉ đạo Đề án 06 tỉnh; - Tổ giúp việc Ban Chỉ đạo"))])

# Đồng Tháp: a notice calling the meeting in one sentence, as
# Thunderbird sends it (div and br), wrapped where the editor wrapped it.
TB1 = ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "BAN CHỈ ĐẠO ĐỀ ÁN 06",
       "Số: 88/TB-BCĐ", "Đồng Tháp, ngày 11 tháng 6 năm 2026",
       "THÔNG BÁO", "Triệu tập họp Ban Chỉ đạo Đề án 06 tỉnh quý II năm 2026",
       "Kính gửi: Các thành viên Ban Chỉ đạo Đề án 06 tỉnh.",
       "Ban Chỉ đạo Đề án 06 tỉnh tổ chức họp đánh giá kết quả quý II vào lúc",
       "8h00, thứ Năm, ngày 18 tháng 6 năm 2026, tại Phòng họp số 1, Trụ sở UBND",
       "tỉnh, do đồng chí Nguyễn Thanh Nhàn, Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban",
       "Thường trực chủ trì.",
       "Đề nghị các thành viên tham dự đầy đủ, đúng giờ.",
       "Nơi nhận:", "- Như trên;", "- Lưu: VT."]
html = ('<html><head><meta http-equiv="content-type" content="text/html; '
        'charset=UTF-8"></head><body><div class="moz-text-html">'
        + "".join(l + "<br>\n" for l in TB1[:7])
        + "<br>\n" + "\n".join(TB1[7:11]) + "<br>\n"
        + "".join(l + "<br>\n" for l in TB1[11:]) + "</div></body></html>")
s = "Thông báo triệu tập họp BCĐ quý II"
case("tb-trieu-tap-thunderbird", s, html_mail("tb-trieu-tap-thunderbird", s,
     "\n".join(TB1), html), [doc(
    type="TB", type_name="Thông báo", number="88", symbol="TB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Đồng Tháp", date="2026-06-11",
    summary="Triệu tập họp Ban Chỉ đạo Đề án 06 tỉnh quý II năm 2026",
    recipients=["Các thành viên Ban Chỉ đạo Đề án 06 tỉnh"],
    period=period("quarter", 2026, 2),
    meeting=meeting("2026-06-18", "08:00",
        "Phòng họp số 1, Trụ sở UBND tỉnh",
        "đồng chí Nguyễn Thanh Nhàn, Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Thường trực"))])

# Lâm Đồng: a công văn mời họp from Outlook, numbered labels in bold,
# the agenda as dash items, "08 giờ 30".
CV1 = [("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
       ("CÔNG AN TỈNH", "Độc lập - Tự do - Hạnh phúc"),
       ("Số: 2150/CAT-PC06", "Lâm Đồng, ngày 12 tháng 6 năm 2026"),
       ("V/v mời họp Tổ công tác Đề án 06", "")]
CV1_BODY = [("", "Kính gửi: Các thành viên Tổ công tác Đề án 06 tỉnh."),
            ("", "Công an tỉnh (cơ quan thường trực) trân trọng kính mời dự họp như sau:"),
            ("1. Thời gian:", " 08 giờ 30, thứ Ba, ngày 23/6/2026."),
            ("2. Địa điểm:", " Phòng họp tầng 3, Công an tỉnh, số 9 Trần Phú, Đà Lạt."),
            ("3. Chủ trì:", " Đại tá Trần Văn Hùng, Phó Giám đốc Công an tỉnh."),
            ("4. Thành phần tham dự:", " Lãnh đạo các sở, ngành là thành viên Tổ công tác."),
            ("5. Nội dung:", ""),
            ("", "- Rà soát tiến độ làm sạch dữ liệu dân cư;"),
            ("", "- Thống nhất kế hoạch tháng 7 năm 2026."),
            ("", "Đề nghị các đơn vị chuẩn bị ý kiến bằng văn bản."),
            ("", "Nơi nhận:"), ("", "- Như trên;"), ("", "- Lưu: VT, PC06.")]
rows = "".join('<tr><td><p class=MsoNormal align=center><b>%s</b></p></td>'
               '<td><p class=MsoNormal align=center><b>%s</b></p></td></tr>'
               % r for r in CV1)
body = "".join('<p class=MsoNormal><b><span lang=VI>%s</span></b>%s</p>' % r
               for r in CV1_BODY)
html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<style><!-- p.MsoNormal {margin:0cm} --></style></head><body lang=VI>'
        '<table class=MsoNormalTable>%s</table>%s</body></html>' % (rows, body))
text = "\n".join("%s    %s" % r for r in CV1) + "\n" + "\n".join(a + b for a, b in CV1_BODY)
s = "Mời họp Tổ công tác Đề án 06"
case("cv-moi-hop-outlook", s, html_mail("cv-moi-hop-outlook", s, text, html), [doc(
    type="CV", type_name="Công văn", number="2150", symbol="CAT-PC06",
    issuer="CÔNG AN TỈNH", place="Lâm Đồng", date="2026-06-12",
    summary="mời họp Tổ công tác Đề án 06",
    recipients=["Các thành viên Tổ công tác Đề án 06 tỉnh"],
    meeting=meeting("2026-06-23", "08:30",
        "Phòng họp tầng 3, Công an tỉnh, số 9 Trần Phú, Đà Lạt",
        "Đại tá Trần Văn Hùng, Phó Giám đốc Công an tỉnh",
        "- Rà soát tiến độ làm sạch dữ liệu dân cư; - Thống nhất kế hoạch tháng 7 năm 2026",
        "Lãnh đạo các sở, ngành là thành viên Tổ công tác"))])

# Nghệ An: the invitation as a Word attachment, the details in a
# two-column table (label | value), "14h" with no minutes.
GM2_HEAD = w_tbl([[["UBND TỈNH NGHỆ AN", "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "Số: 21/GM-BCĐ"],
                   ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "Nghệ An, ngày 15 tháng 6 năm 2026"]]])
GM2 = (GM2_HEAD + w_p("GIẤY MỜI", True, True)
       + w_p("Hội nghị sơ kết 6 tháng đầu năm 2026 về chuyển đổi số", True, True)
       + w_p("Kính gửi: Các thành viên Ban Chỉ đạo Chuyển đổi số tỉnh.")
       + w_tbl([["Thời gian:", "14h, ngày 25/6/2026"],
                ["Địa điểm:", "Hội trường A, Trung tâm Hội nghị tỉnh"],
                ["Chủ trì:", "Đồng chí Chủ tịch UBND tỉnh"],
                ["Nội dung:", ["Sơ kết 6 tháng đầu năm;", "phương hướng 6 tháng cuối năm"]]])
       + w_p("Trân trọng!"))
s = "Giấy mời hội nghị sơ kết chuyển đổi số"
case("gm-docx-table", s, docx_mail("gm-docx-table", s,
     "Kính gửi các đồng chí, gửi kèm giấy mời.", "Giấy mời 21.docx", docx(GM2)), [doc(
    source="attachment:Giấy mời 21.docx",
    type="GM", type_name="Giấy mời", number="21", symbol="GM-BCĐ",
    issuer="BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", place="Nghệ An", date="2026-06-15",
    summary="Hội nghị sơ kết 6 tháng đầu năm 2026 về chuyển đổi số",
    recipients=["Các thành viên Ban Chỉ đạo Chuyển đổi số tỉnh"],
    period=period("half-year", 2026, 1),
    meeting=meeting("2026-06-25", "14:00",
        "Hội trường A, Trung tâm Hội nghị tỉnh", "Đồng chí Chủ tịch UBND tỉnh",
        "Sơ kết 6 tháng đầu năm; phương hướng 6 tháng cuối năm"))])

# Quảng Ninh: "Thời gian, địa điểm:" in one label, "2 giờ chiều", a day
# without its year, the whole notice quoted-printable.
GM3 = """BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH QUẢNG NINH
TỔ GIÚP VIỆC
Số: 07/GM-TGV
Quảng Ninh, ngày 22 tháng 6 năm 2026
GIẤY MỜI
Họp Tổ giúp việc chuẩn bị phiên họp Ban Chỉ đạo
Kính gửi: Các thành viên Tổ giúp việc.
Thời gian, địa điểm: 2 giờ chiều thứ Ba, ngày 30/6, tại Phòng họp số 2, Văn
phòng UBND tỉnh.
Trân trọng kính mời: Các thành viên Tổ giúp việc; đại diện Viettel Quảng Ninh.
"""
s = "GM họp Tổ giúp việc"
case("gm-qp-combined-label", s, plain("gm-qp-combined-label", s, GM3,
     "quoted-printable"), [doc(
    type="GM", type_name="Giấy mời", number="07", symbol="GM-TGV",
    issuer="TỔ GIÚP VIỆC", place="Quảng Ninh", date="2026-06-22",
    summary="Họp Tổ giúp việc chuẩn bị phiên họp Ban Chỉ đạo",
    recipients=["Các thành viên Tổ giúp việc"],
    meeting=meeting("2026-06-30", "14:00",
        "Phòng họp số 2, Văn phòng UBND tỉnh",
        participants="Các thành viên Tổ giúp việc; đại diện Viettel Quảng Ninh"))])

# --- write ----------------------------------------------------------------

os.makedirs(OUT, exist_ok=True)
for name, subject, raw, docs, warnings, sender in cases:
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(expect(name, subject, docs, warnings, sender), f,
                  ensure_ascii=False, indent=1)
        f.write("\n")
print("%d cases" % len(cases))
