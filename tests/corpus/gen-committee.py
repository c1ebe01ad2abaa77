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

# --- conclusion notices, plans, công văn ----------------------------------

# Kiên Giang: the conclusions typed as numbered paragraphs, wrapped as
# the editor wrapped them: "Giao X chủ trì, phối hợp với Y ...", "X:
# ...; thời gian hoàn thành: tháng 7/2026", a quarter, a group reporting
# monthly, the first half-year, an agency no store knows, no deadline.
TB2 = """UBND TỈNH KIÊN GIANG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN CHỈ ĐẠO ĐỀ ÁN 06                   Độc lập - Tự do - Hạnh phúc
Số: 45/TB-BCĐ                Kiên Giang, ngày 17 tháng 6 năm 2026

                           THÔNG BÁO
   Kết luận của Trưởng Ban Chỉ đạo tại phiên họp tháng 6 năm 2026

Ngày 15/6/2026, Ban Chỉ đạo Đề án 06 tỉnh tổ chức phiên họp thường kỳ.
Sau khi nghe Công an tỉnh báo cáo, Trưởng Ban Chỉ đạo kết luận như sau:
1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính và UBND các huyện, thành phố
xây dựng kế hoạch tiêm chủng mở rộng năm 2026, hoàn thành trước ngày 30/6/2026.
2. Công an tỉnh: hoàn thành làm sạch dữ liệu dân cư trên địa bàn; thời gian hoàn thành: tháng 7/2026.
3. Giao Sở Thông tin và Truyền thông nâng cấp hệ thống thông tin giải quyết thủ
tục hành chính trong quý III/2026.
4. Các sở, ban, ngành tỉnh: định kỳ hằng tháng báo cáo kết quả thực hiện về Ban
Chỉ đạo (qua Công an tỉnh) trước ngày 25.
5. Đề nghị UBND các huyện, thành phố chỉ đạo UBND cấp xã hoàn thành cấp tài
khoản định danh điện tử trong 6 tháng đầu năm 2026.
6. Giao Ban Quản lý Khu kinh tế Phú Quốc rà soát thủ tục đầu tư trong năm 2026.
7. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện Thông báo này.

Nơi nhận:
- Thành viên BCĐ;
- Lưu: VT.
                                        TL. TRƯỞNG BAN
"""
s = "Thông báo kết luận phiên họp tháng 6/2026"
case("tb-ket-luan-plain", s, plain("tb-ket-luan-plain", s, TB2), [doc(
    type="TB", type_name="Thông báo", number="45", symbol="TB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang", date="2026-06-17",
    summary="Kết luận của Trưởng Ban Chỉ đạo tại phiên họp tháng 6 năm 2026",
    period=period("month", 2026, 6),
    assignments=[
        task("Sở Y tế", "xây dựng kế hoạch tiêm chủng mở rộng năm 2026",
             "2026-06-30", "day", "trước ngày 30/6/2026",
             coop="Sở Tài chính và UBND các huyện, thành phố"),
        task("Công an tỉnh", "hoàn thành làm sạch dữ liệu dân cư trên địa bàn",
             "2026-07-31", "month", "tháng 7/2026"),
        task("Sở Thông tin và Truyền thông",
             "nâng cấp hệ thống thông tin giải quyết thủ tục hành chính",
             "2026-09-30", "quarter", "trong quý III/2026"),
        task("Các sở, ban, ngành tỉnh",
             "báo cáo kết quả thực hiện về Ban Chỉ đạo (qua Công an tỉnh)",
             None, None, "định kỳ hằng tháng, trước ngày 25",
             group="departments", rec="monthly", day=25),
        task("UBND các huyện, thành phố",
             "chỉ đạo UBND cấp xã hoàn thành cấp tài khoản định danh điện tử",
             "2026-06-30", "half-year", "trong 6 tháng đầu năm 2026",
             group="districts"),
        task("Ban Quản lý Khu kinh tế Phú Quốc", "rà soát thủ tục đầu tư",
             "2026-12-31", "year", "trong năm 2026"),
        task("Văn phòng UBND tỉnh",
             "theo dõi, đôn đốc thực hiện Thông báo này")])])

# Đồng Tháp: the conclusions as an Outlook table (each cell a Word
# paragraph), a group row, a group reporting monthly, "Thường xuyên",
# two agencies in one cell; then a paragraph after the table.
ROWS2 = [("1", "Hoàn thành cấp căn cước cho người từ 14 tuổi trở lên", "Công an tỉnh",
          "UBND các huyện, thành phố", "Tháng 7/2026"),
         ("2", "Số hóa hồ sơ hộ tịch", "Sở Tư pháp",
          "Sở Thông tin và Truyền thông", "Quý III/2026"),
         ("II", "Nhiệm vụ thường xuyên"),
         ("3", "Báo cáo tiến độ thực hiện Đề án 06", "Các sở, ban, ngành tỉnh", "",
          "Hằng tháng, trước ngày 20"),
         ("4", "Tuyên truyền về lợi ích của ứng dụng VNeID",
          "Các thành viên Ban Chỉ đạo", "Đài Phát thanh và Truyền hình tỉnh",
          "Thường xuyên"),
         ("5", "Bảo đảm hạ tầng mạng cho bộ phận một cửa cấp xã",
          "Viettel Đồng Tháp; VNPT Đồng Tháp", "Sở Thông tin và Truyền thông",
          "30/9/2026")]
def mso_row(r):
    if len(r) == 2:
        return ('<tr><td><p class=MsoNormal><b>%s</b></p></td><td colspan=4>'
                '<p class=MsoNormal><b>%s</b></p></td></tr>' % r)
    return "<tr>%s</tr>" % "".join(
        '<td valign=top><p class=MsoNormal>%s</p></td>' % c for c in r)
HEAD2 = ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp",
         "Thời gian hoàn thành")
html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<style><!-- p.MsoNormal {margin:0cm} --></style></head><body lang=VI>'
        '<table class=MsoNormalTable><tr><td><p class=MsoNormal align=center><b>'
        'UBND TỈNH ĐỒNG THÁP</b></p><p class=MsoNormal align=center><b>BAN CHỈ ĐẠO '
        'ĐỀ ÁN 06</b></p><p class=MsoNormal align=center>Số: 96/TB-BCĐ</p></td>'
        '<td><p class=MsoNormal align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
        '</b></p><p class=MsoNormal align=center><b>Độc lập - Tự do - Hạnh phúc</b>'
        '</p><p class=MsoNormal align=center><i>Đồng Tháp, ngày 19 tháng 6 năm '
        '2026</i></p></td></tr></table>'
        '<p class=MsoNormal align=center><b>THÔNG BÁO</b></p>'
        '<p class=MsoNormal align=center><b>Kết luận của Phó Trưởng Ban Thường trực '
        'tại cuộc họp quý II năm 2026</b></p>'
        '<p class=MsoNormal>Ban Chỉ đạo giao nhiệm vụ cụ thể như sau:</p>'
        '<table class=MsoTableGrid border=1><tr>%s</tr>%s</table>'
        '<p class=MsoNormal>Giao Công an tỉnh (cơ quan thường trực) theo dõi, tổng '
        'hợp, báo cáo Trưởng Ban kết quả thực hiện trước ngày 15/10/2026.</p>'
        '<p class=MsoNormal>Nơi nhận:<br>- Như trên;<br>- Lưu: VT.</p>'
        '</body></html>' % ("".join('<td><p class=MsoNormal align=center><b>%s</b>'
                                    '</p></td>' % c for c in HEAD2),
                            "".join(mso_row(r) for r in ROWS2)))
text = "Xem nội dung thông báo trong bản HTML.\n"
s = "TB kết luận cuộc họp quý II/2026"
case("tb-ket-luan-outlook-table", s, html_mail("tb-ket-luan-outlook-table", s,
     text, html), [doc(
    type="TB", type_name="Thông báo", number="96", symbol="TB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Đồng Tháp", date="2026-06-19",
    summary="Kết luận của Phó Trưởng Ban Thường trực tại cuộc họp quý II năm 2026",
    period=period("quarter", 2026, 2),
    assignments=[
        task("Công an tỉnh", "Hoàn thành cấp căn cước cho người từ 14 tuổi trở lên",
             "2026-07-31", "month", "Tháng 7/2026",
             coop="UBND các huyện, thành phố"),
        task("Sở Tư pháp", "Số hóa hồ sơ hộ tịch", "2026-09-30", "quarter",
             "Quý III/2026", coop="Sở Thông tin và Truyền thông"),
        task("Các sở, ban, ngành tỉnh", "Báo cáo tiến độ thực hiện Đề án 06",
             None, None, "Hằng tháng, trước ngày 20", group="departments",
             rec="monthly", day=20),
        task("Các thành viên Ban Chỉ đạo",
             "Tuyên truyền về lợi ích của ứng dụng VNeID", None, None,
             "Thường xuyên", group="members",
             coop="Đài Phát thanh và Truyền hình tỉnh"),
        task("Viettel Đồng Tháp", "Bảo đảm hạ tầng mạng cho bộ phận một cửa cấp xã",
             "2026-09-30", "day", "30/9/2026", coop="Sở Thông tin và Truyền thông"),
        task("VNPT Đồng Tháp", "Bảo đảm hạ tầng mạng cho bộ phận một cửa cấp xã",
             "2026-09-30", "day", "30/9/2026", coop="Sở Thông tin và Truyền thông"),
        task("Công an tỉnh",
             "theo dõi, tổng hợp, báo cáo Trưởng Ban kết quả thực hiện",
             "2026-10-15", "day", "trước ngày 15/10/2026")])])

# Nghệ An: a plan as a Word attachment, its tasks in a Word table with a
# merged group row, "Quý III năm 2026", six-monthly reports, "6 tháng
# cuối năm".
KH_HEAD = w_tbl([[["UBND TỈNH NGHỆ AN", "Số: 130/KH-UBND"],
                  ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "Nghệ An, ngày 5 tháng 6 năm 2026"]]])
KH_ROWS = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
           ["I", "Hoàn thiện thể chế"],
           ["1", "Rà soát, sửa đổi quy chế chia sẻ dữ liệu", "Sở Tư pháp",
            "Các sở, ngành liên quan", "Quý III năm 2026"],
           ["2", "Ban hành danh mục dữ liệu mở của tỉnh", "Sở Khoa học và Công nghệ",
            "", "Tháng 9/2026"],
           ["II", "Tổ chức thực hiện"],
           ["3", ["Báo cáo kết quả", "thực hiện Kế hoạch"], "UBND các huyện, thị xã, thành phố", "",
            "Định kỳ 6 tháng, trước ngày 15/6 và 15/12"],
           ["4", "Xây dựng kho dữ liệu dùng chung", "Trung tâm Chuyển đổi số tỉnh",
            "", "6 tháng cuối năm 2026"]]
KH = (KH_HEAD + w_p("KẾ HOẠCH", True, True)
      + w_p("Triển khai Đề án 06 trên địa bàn tỉnh năm 2026", True, True)
      + w_p("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;")
      + w_p("III. NHIỆM VỤ CỤ THỂ", True) + w_tbl(KH_ROWS)
      + w_p("IV. TỔ CHỨC THỰC HIỆN", True)
      + w_p("Giao Công an tỉnh chủ trì theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch."))
s = "Kế hoạch triển khai Đề án 06 năm 2026"
case("kh-docx-table", s, docx_mail("kh-docx-table", s,
     "Văn phòng UBND tỉnh gửi Kế hoạch 130/KH-UBND.", "KH 130.docx", docx(KH)), [doc(
    source="attachment:KH 130.docx",
    type="KH", type_name="Kế hoạch", number="130", symbol="KH-UBND",
    issuer="UBND TỈNH NGHỆ AN", place="Nghệ An", date="2026-06-05",
    summary="Triển khai Đề án 06 trên địa bàn tỉnh năm 2026",
    period=period("year", 2026),
    references=[ref("QĐ", "06", "QĐ-TTg", "2022-01-06")],
    assignments=[
        task("Sở Tư pháp", "Rà soát, sửa đổi quy chế chia sẻ dữ liệu",
             "2026-09-30", "quarter", "Quý III năm 2026",
             coop="Các sở, ngành liên quan"),
        task("Sở Khoa học và Công nghệ", "Ban hành danh mục dữ liệu mở của tỉnh",
             "2026-09-30", "month", "Tháng 9/2026"),
        task("UBND các huyện, thị xã, thành phố", "Báo cáo kết quả thực hiện Kế hoạch",
             None, None, "Định kỳ 6 tháng, trước ngày 15/6 và 15/12",
             group="districts", rec="six-monthly", day=15),
        task("Trung tâm Chuyển đổi số tỉnh", "Xây dựng kho dữ liệu dùng chung",
             "2026-12-31", "half-year", "6 tháng cuối năm 2026"),
        task("Công an tỉnh", "theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch")])])

# Quảng Ninh: a công văn from Thunderbird assigning to a list of
# agencies, to the members every year, "xong trong quý IV/2026".
CV2 = ["UBND TỈNH QUẢNG NINH", "BAN CHỈ ĐẠO ĐỀ ÁN 06", "Số: 310/BCĐ-CAT",
       "V/v triển khai nhiệm vụ tích hợp dữ liệu trên VNeID",
       "Quảng Ninh, ngày 8 tháng 6 năm 2026",
       "Kính gửi: Các thành viên Ban Chỉ đạo Đề án 06 tỉnh.",
       "Để bảo đảm tiến độ, Ban Chỉ đạo đề nghị:",
       "1. Đề nghị Sở Y tế, Sở Lao động - Thương binh và Xã hội rà soát đối tượng chính sách đã tích hợp trên VNeID, báo cáo kết quả trước ngày 20/7/2026.",
       "2. Yêu cầu các thành viên Ban Chỉ đạo gửi báo cáo tổng kết năm về Văn phòng trước ngày 15/12 hằng năm.",
       "3. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu UBND tỉnh ban hành Quy chế phối hợp, xong trong quý IV/2026.",
       "Nơi nhận:", "- Như trên;", "- Lưu: VT."]
html = ('<html><head><meta http-equiv="content-type" content="text/html; '
        'charset=UTF-8"></head><body><p>' + "<br>\n".join(CV2[:6]) + "</p>\n"
        + "".join("<p>%s</p>\n" % l for l in CV2[6:10])
        + "<p>" + "<br>\n".join(CV2[10:]) + "</p></body></html>")
s = "Triển khai nhiệm vụ tích hợp dữ liệu trên VNeID"
case("cv-giao-thunderbird", s, html_mail("cv-giao-thunderbird", s, "\n".join(CV2), html), [doc(
    type="CV", type_name="Công văn", number="310", symbol="BCĐ-CAT",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Quảng Ninh", date="2026-06-08",
    summary="triển khai nhiệm vụ tích hợp dữ liệu trên VNeID",
    recipients=["Các thành viên Ban Chỉ đạo Đề án 06 tỉnh"],
    assignments=[
        task("Sở Y tế", "rà soát đối tượng chính sách đã tích hợp trên VNeID, báo cáo kết quả",
             "2026-07-20", "day", "trước ngày 20/7/2026"),
        task("Sở Lao động - Thương binh và Xã hội",
             "rà soát đối tượng chính sách đã tích hợp trên VNeID, báo cáo kết quả",
             "2026-07-20", "day", "trước ngày 20/7/2026"),
        task("các thành viên Ban Chỉ đạo", "gửi báo cáo tổng kết năm về Văn phòng",
             None, None, "trước ngày 15/12 hằng năm", group="members",
             rec="yearly", day=15, month=12),
        task("Sở Nội vụ", "tham mưu UBND tỉnh ban hành Quy chế phối hợp",
             "2026-12-31", "quarter", "trong quý IV/2026", coop="Sở Tài chính")])])

# Hà Tĩnh: a conclusion notice as a Word attachment, the agencies as bold
# headings with dash items, a deadline on a dash line of its own, a
# standing agency with its role in brackets, a bold label and its text
# in one paragraph, a yearly report.
TB5 = (w_tbl([[["UBND TỈNH HÀ TĨNH", "BAN CHỈ ĐẠO ĐỀ ÁN 06", "Số: 33/TB-BCĐ"],
               ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Hà Tĩnh, ngày 26 tháng 6 năm 2026"]]])
       + w_p("THÔNG BÁO", True, True)
       + w_p("Kết luận của Trưởng Ban Chỉ đạo Đề án 06 tại hội nghị sơ kết 6 tháng đầu năm 2026", True, True)
       + w_p("Kính gửi: Các thành viên Ban Chỉ đạo Đề án 06 tỉnh.")
       + w_p("Trưởng Ban Chỉ đạo yêu cầu các cơ quan, đơn vị thực hiện tốt các nhiệm vụ sau:")
       + w_p("1. Sở Tài chính:", True)
       + w_p("- Tham mưu bố trí kinh phí thực hiện Đề án 06 năm 2027;")
       + w_p("- Thời gian hoàn thành: tháng 8/2026.")
       + w_p("2. Công an tỉnh (cơ quan thường trực):", True)
       + w_p("- Tổng hợp báo cáo kết quả thực hiện Đề án 06 của tỉnh trước ngày 10/12 hằng năm;")
       + w_p("- Hướng dẫn các địa phương thu nhận hồ sơ căn cước trong quý IV/2026.")
       + w_label("3. Sở Y tế:", "chủ trì, phối hợp với Bảo hiểm xã hội tỉnh đẩy mạnh khám chữa bệnh bằng căn cước, hoàn thành trong quý IV/2026.")
       + w_p("Nơi nhận:") + w_p("- Như trên;") + w_p("- Lưu: VT."))
s = "Thông báo kết luận hội nghị sơ kết Đề án 06"
case("tb-ket-luan-docx-headings", s, docx_mail("tb-ket-luan-docx-headings", s,
     "Văn phòng gửi Thông báo kết luận số 33/TB-BCĐ (đính kèm).", "TB 33.docx",
     docx(TB5)), [doc(
    source="attachment:TB 33.docx",
    type="TB", type_name="Thông báo", number="33", symbol="TB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Hà Tĩnh", date="2026-06-26",
    summary="Kết luận của Trưởng Ban Chỉ đạo Đề án 06 tại hội nghị sơ kết 6 tháng đầu năm 2026",
    recipients=["Các thành viên Ban Chỉ đạo Đề án 06 tỉnh"],
    period=period("half-year", 2026, 1),
    assignments=[
        task("Sở Tài chính", "Tham mưu bố trí kinh phí thực hiện Đề án 06 năm 2027",
             "2026-08-31", "month", "tháng 8/2026"),
        task("Công an tỉnh (cơ quan thường trực)",
             "Tổng hợp báo cáo kết quả thực hiện Đề án 06 của tỉnh", None, None,
             "trước ngày 10/12 hằng năm", rec="yearly", day=10, month=12),
        task("Công an tỉnh (cơ quan thường trực)",
             "Hướng dẫn các địa phương thu nhận hồ sơ căn cước",
             "2026-12-31", "quarter", "trong quý IV/2026"),
        task("Sở Y tế", "đẩy mạnh khám chữa bệnh bằng căn cước", "2026-12-31",
             "quarter", "trong quý IV/2026", coop="Bảo hiểm xã hội tỉnh")])])

# --- minutes ---------------------------------------------------------------

# Lâm Đồng: the minutes typed in plain text: who attended, who for whom
# (dự thay, cử ... dự thay, được ... ủy quyền), who was absent; what was
# reported (not assigned); the conclusions headed by agency with dash
# items, a quarterly report, "chậm nhất ngày".
BB1 = """UBND TỈNH LÂM ĐỒNG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN CHỈ ĐẠO ĐỀ ÁN 06                Độc lập - Tự do - Hạnh phúc
Số: 12/BB-BCĐ                   Lâm Đồng, ngày 23 tháng 6 năm 2026

                          BIÊN BẢN
          Cuộc họp Ban Chỉ đạo Đề án 06 tỉnh quý II năm 2026

Vào lúc 8 giờ 30 phút ngày 23/6/2026, tại Phòng họp tầng 3, Công an tỉnh.
I. THÀNH PHẦN
1. Chủ trì: Đồng chí Trần Văn Hùng, Phó Giám đốc Công an tỉnh.
2. Thành phần tham dự:
- Đồng chí Nguyễn Thị Lan, Phó Giám đốc Sở Tư pháp;
- Ông Lê Văn Nam, Phó Giám đốc Sở Y tế, dự thay Giám đốc Sở Y tế;
- Sở Tài chính cử bà Phạm Thị Hoa, Trưởng phòng Quản lý ngân sách
  dự thay;
- Bà Võ Thị Mai, Trưởng phòng, được Giám đốc Sở Nội vụ ủy quyền dự họp.
3. Vắng mặt: Đồng chí Giám đốc Sở Giáo dục và Đào tạo (có lý do); đại diện Bảo hiểm xã hội tỉnh.
II. NỘI DUNG
Công an tỉnh báo cáo tiến độ thực hiện Đề án 06 quý II năm 2026.
Sở Y tế: đã kết nối 100% cơ sở khám chữa bệnh với Cơ sở dữ liệu quốc gia.
III. KẾT LUẬN VÀ PHÂN CÔNG NHIỆM VỤ
1. Sở Tài chính:
- Tham mưu bố trí kinh phí thực hiện Đề án 06 năm 2026, hoàn thành trước ngày 15/7/2026;
- Hướng dẫn thanh toán chi phí số hóa hồ sơ trong tháng 8/2026.
2. Đối với UBND các huyện, thành phố:
- Định kỳ hằng quý báo cáo kết quả thực hiện trước ngày 20 tháng cuối quý.
3. Sở Giáo dục và Đào tạo: chỉ đạo các trường cập nhật dữ liệu học sinh, hoàn thành chậm nhất ngày 31/8/2026.
Biên bản kết thúc lúc 11 giờ 00 cùng ngày./.
   THƯ KÝ                                      CHỦ TRÌ
"""
s = "Biên bản họp BCĐ Đề án 06 quý II/2026"
case("bb-minutes-plain", s, plain("bb-minutes-plain", s, BB1), [doc(
    type="BB", type_name="Biên bản", number="12", symbol="BB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Lâm Đồng", date="2026-06-23",
    summary="Cuộc họp Ban Chỉ đạo Đề án 06 tỉnh quý II năm 2026",
    period=period("quarter", 2026, 2),
    assignments=[
        task("Sở Tài chính", "Tham mưu bố trí kinh phí thực hiện Đề án 06 năm 2026",
             "2026-07-15", "day", "trước ngày 15/7/2026"),
        task("Sở Tài chính", "Hướng dẫn thanh toán chi phí số hóa hồ sơ",
             "2026-08-31", "month", "trong tháng 8/2026"),
        task("UBND các huyện, thành phố", "báo cáo kết quả thực hiện", None, None,
             "Định kỳ hằng quý, trước ngày 20", group="districts",
             rec="quarterly", day=20),
        task("Sở Giáo dục và Đào tạo", "chỉ đạo các trường cập nhật dữ liệu học sinh",
             "2026-08-31", "day", "chậm nhất ngày 31/8/2026")],
    attendance=attendance(
        present=["Đồng chí Nguyễn Thị Lan, Phó Giám đốc Sở Tư pháp",
                 "Ông Lê Văn Nam, Phó Giám đốc Sở Y tế, dự thay Giám đốc Sở Y tế",
                 "Sở Tài chính cử bà Phạm Thị Hoa, Trưởng phòng Quản lý ngân sách dự thay",
                 "Bà Võ Thị Mai, Trưởng phòng, được Giám đốc Sở Nội vụ ủy quyền dự họp"],
        absent=["Đồng chí Giám đốc Sở Giáo dục và Đào tạo (có lý do)",
                "đại diện Bảo hiểm xã hội tỉnh"],
        delegated=[("Giám đốc Sở Y tế", "Ông Lê Văn Nam, Phó Giám đốc Sở Y tế"),
                   ("Sở Tài chính", "bà Phạm Thị Hoa, Trưởng phòng Quản lý ngân sách"),
                   ("Giám đốc Sở Nội vụ", "Bà Võ Thị Mai, Trưởng phòng")]))])

# Outlook html minutes: the attendance in one paragraph each, a delegate
# named by "ủy quyền cho", the absent inline in the list.
BB2 = [("UBND TỈNH ĐỒNG THÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
       ("BAN CHỈ ĐẠO ĐỀ ÁN 06", "Độc lập - Tự do - Hạnh phúc"),
       ("Số: 07/BB-BCĐ", "Đồng Tháp, ngày 18 tháng 6 năm 2026")]
BB2_BODY = ["BIÊN BẢN", "Họp Tổ giúp việc Ban Chỉ đạo tháng 6 năm 2026",
            "Có mặt:", "Đ/c Huỳnh Văn Tâm, Trưởng phòng PC06 Công an tỉnh;",
            "Đ/c Trần Minh Đức, Phó Chánh Văn phòng UBND tỉnh;",
            "Đ/c Lý Thị Ngọc, chuyên viên Sở Tư pháp (vắng có lý do);",
            "Giám đốc Sở Thông tin và Truyền thông ủy quyền cho ông Đặng Văn Lực, Phó Giám đốc dự họp.",
            "Kết luận:", "Giao Sở Thông tin và Truyền thông hoàn thành kết nối mạng truyền số liệu chuyên dùng đến cấp xã trong tháng 9/2026."]
rows = "".join('<tr><td><p class=MsoNormal align=center><b>%s</b></p></td>'
               '<td><p class=MsoNormal align=center><b>%s</b></p></td></tr>' % r for r in BB2)
html = ('<html><body><table>%s</table>%s</body></html>'
        % (rows, "".join("<p class=MsoNormal>%s</p>" % l for l in BB2_BODY)))
s = "Biên bản họp Tổ giúp việc tháng 6"
case("bb-minutes-outlook", s, html_mail("bb-minutes-outlook", s,
     "\n".join("%s    %s" % r for r in BB2) + "\n" + "\n".join(BB2_BODY), html), [doc(
    type="BB", type_name="Biên bản", number="07", symbol="BB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Đồng Tháp", date="2026-06-18",
    summary="Họp Tổ giúp việc Ban Chỉ đạo tháng 6 năm 2026",
    period=period("month", 2026, 6),
    assignments=[task("Sở Thông tin và Truyền thông",
        "hoàn thành kết nối mạng truyền số liệu chuyên dùng đến cấp xã",
        "2026-09-30", "month", "trong tháng 9/2026")],
    attendance=attendance(
        present=["Đ/c Huỳnh Văn Tâm, Trưởng phòng PC06 Công an tỉnh",
                 "Đ/c Trần Minh Đức, Phó Chánh Văn phòng UBND tỉnh",
                 "Giám đốc Sở Thông tin và Truyền thông ủy quyền cho ông Đặng Văn Lực, Phó Giám đốc dự họp"],
        absent=["Đ/c Lý Thị Ngọc, chuyên viên Sở Tư pháp (vắng có lý do)"],
        delegated=[("Giám đốc Sở Thông tin và Truyền thông",
                    "ông Đặng Văn Lực, Phó Giám đốc")]))])

# --- hostile and edge cases --------------------------------------------------

# 300 rows of work in one html table: the first 200 are kept, with a
# warning; every row is read in bounded time.
rows = "".join("<tr><td>%d</td><td>Nhiệm vụ số %d</td><td>Sở Tài chính</td>"
               "<td></td><td>Tháng %d/2026</td></tr>" % (i, i, 1 + i % 12)
               for i in range(1, 301))
html = ("<html><body><p>UBND TỈNH KIÊN GIANG</p><p>Số: 50/KH-UBND</p>"
        "<p>Kiên Giang, ngày 2 tháng 6 năm 2026</p><p>KẾ HOẠCH</p>"
        "<p>Ba trăm nhiệm vụ năm 2026</p><table><tr><td>STT</td><td>Nội dung</td>"
        "<td>Đơn vị chủ trì</td><td>Đơn vị phối hợp</td><td>Thời gian hoàn thành</td>"
        "</tr>%s</table></body></html>" % rows)
def month_end(m):
    return "2026-%02d-%02d" % (m, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
s = "Kế hoạch 300 nhiệm vụ"
case("kh-300-assignments", s, headers("kh-300-assignments", s,
     "text/html; charset=utf-8", "base64").encode() + b64(html.encode()).encode(), [doc(
    type="KH", type_name="Kế hoạch", number="50", symbol="KH-UBND",
    issuer="UBND TỈNH KIÊN GIANG", place="Kiên Giang", date="2026-06-02",
    summary="Ba trăm nhiệm vụ năm 2026", period=period("year", 2026),
    assignments=[task("Sở Tài chính", "Nhiệm vụ số %d" % i, month_end(1 + i % 12),
                      "month", "Tháng %d/2026" % (1 + i % 12))
                 for i in range(1, 201)])],
     warnings=["assignment limit reached"])

# One assignment whose work runs to 3 300 bytes: cut at 1000 bytes on a
# character boundary, with a warning; its deadline is still read. A
# table row with no agency is kept; work assigned to a company no
# committee lists, with no deadline, is kept.
long_what = "rà soát hồ sơ đất đai của từng hộ gia đình, cá nhân " * 55
TB3 = ("UBND TỈNH KIÊN GIANG\nBAN CHỈ ĐẠO ĐỀ ÁN 06\nSố: 61/TB-BCĐ\n"
       "Kiên Giang, ngày 24 tháng 6 năm 2026\nTHÔNG BÁO\n"
       "Kết luận về công tác cấp giấy chứng nhận quyền sử dụng đất\n"
       "Kính gửi: Các thành viên Ban Chỉ đạo.\n"
       "1. Giao Sở Tài nguyên và Môi trường %s, hoàn thành trước ngày 31/12/2026.\n"
       "2. Giao Công ty Cổ phần Cấp thoát nước Kiên Giang di dời đường ống khỏi mặt bằng dự án.\n"
       "Nội dung\tĐơn vị chủ trì\tThời gian hoàn thành\n"
       "Cập nhật bản đồ địa chính\t\tQuý IV/2026\n" % long_what.strip())
def cut(text, n):
    return text.encode()[:n].decode("utf-8", "ignore")
s = "Thông báo kết luận công tác cấp giấy chứng nhận"
case("tb-huge-field", s, plain("tb-huge-field", s, TB3), [doc(
    type="TB", type_name="Thông báo", number="61", symbol="TB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang", date="2026-06-24",
    summary="Kết luận về công tác cấp giấy chứng nhận quyền sử dụng đất",
    recipients=["Các thành viên Ban Chỉ đạo"],
    assignments=[
        task("Sở Tài nguyên và Môi trường", cut(long_what.strip(), 1000),
             "2026-12-31", "day", "trước ngày 31/12/2026"),
        task("Công ty Cổ phần Cấp thoát nước Kiên Giang",
             "di dời đường ống khỏi mặt bằng dự án"),
        task(None, "Cập nhật bản đồ địa chính", "2026-12-31", "quarter",
             "Quý IV/2026")])],
     warnings=["field length limit reached"])

# A conclusion notice that assigns nothing: reported with no assignments.
TB4 = """UBND TỈNH KIÊN GIANG
BAN CHỈ ĐẠO ĐỀ ÁN 06
Số: 62/TB-BCĐ
Kiên Giang, ngày 25 tháng 6 năm 2026
THÔNG BÁO
Ý kiến của Trưởng Ban Chỉ đạo về kết quả quý II năm 2026
Kính gửi: Các sở, ban, ngành tỉnh.
Trưởng Ban Chỉ đạo ghi nhận, biểu dương các sở, ngành đã hoàn thành tốt
nhiệm vụ trong quý II năm 2026.
"""
s = "Thông báo ý kiến Trưởng Ban"
case("tb-no-assignment", s, plain("tb-no-assignment", s, TB4), [doc(
    type="TB", type_name="Thông báo", number="62", symbol="TB-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang", date="2026-06-25",
    summary="Ý kiến của Trưởng Ban Chỉ đạo về kết quả quý II năm 2026",
    recipients=["Các sở, ban, ngành tỉnh"],
    period=period("quarter", 2026, 2))])

# A meeting notice whose labels carry 3 000 bytes: each cut at 1000.
big = "Hội trường " + "tầng trệt, " * 300
GM4 = ("BAN CHỈ ĐẠO ĐỀ ÁN 06\nSố: 16/GM-BCĐ\nKiên Giang, ngày 11 tháng 6 năm 2026\n"
       "GIẤY MỜI\nHọp chuyên đề về dữ liệu dân cư\n"
       "Thời gian: 15h30 ngày 16/6/2026\nĐịa điểm: %s\n" % big)
s = "GM họp chuyên đề"
case("gm-huge-place", s, plain("gm-huge-place", s, GM4), [doc(
    type="GM", type_name="Giấy mời", number="16", symbol="GM-BCĐ",
    issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang", date="2026-06-11",
    summary="Họp chuyên đề về dữ liệu dân cư",
    meeting=meeting("2026-06-16", "15:30", cut(big.rstrip(", "), 1000)))],
     warnings=["field length limit reached"])

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
