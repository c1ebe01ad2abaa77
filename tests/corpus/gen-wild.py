#!/usr/bin/env python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Builds tests/corpus/wild/: documents as mail clients and word
processors really send them, in forms the other corpora lack, each class
in several variants (provinces, agencies, encodings) with negative cases
a repair must not touch: spaces and invisible characters of Word, Outlook
and web pages (sp-: U+00A0 raw, in quoted-printable and base64, U+202F,
U+200B, U+FEFF, U+2011), calendar dates that do not exist (dt-), dates
written with '-' or '.' after "ngày" (dt-), the year in the number of a
legal document (sym-: "Số: 12/2023/QĐ-UBND", as references already read
it) and the subject written after the symbol on the number line (sym-).
Trusts nothing but the Python standard library. Each case keeps its
expected JSON; check.py compares `dondoc analyze --json` against it.
Re-run after editing:
    python3 tests/corpus/gen-wild.py tests/corpus/wild
"""
import base64, json, os, quopri, sys, unicodedata
from email.header import Header

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "wild")

TYPES = {"BC": "Báo cáo", "KH": "Kế hoạch", "TB": "Thông báo",
         "CV": "Công văn", "QĐ": "Quyết định", "NQ": "Nghị quyết",
         "TTr": "Tờ trình"}


def d(t, **kw):
    doc = dict(source="body", type=t, type_name=TYPES[t], number=None,
               symbol=None, issuer=None, place=None, date=None,
               summary=None, recipients=[], period=None, secrecy=None,
               urgency=None, references=[], difficulties=None,
               proposals=None, meeting=None, assignments=[],
               attendance=None)
    doc.update(kw)
    return doc


def period(kind, year, index=None):
    return dict(kind=kind, year=year, index=index)


def ref(t, n, s, date=None):
    return dict(type=t, number=n, symbol=s, date=date)


cases = []


def case(name, sender, subject, text, docs, cte="8bit", ctype="text/plain",
         nfd=False, crlf=False):
    if nfd:
        text = unicodedata.normalize("NFD", text)
    body = text.encode()
    if cte == "quoted-printable":
        body = quopri.encodestring(body)
    elif cte == "base64":
        s = base64.b64encode(body).decode()
        body = ("\n".join(s[i:i+76] for i in range(0, len(s), 76))
                + "\n").encode()
    h = ("From: %s <%s>\nTo: bcd06@kiengiang.gov.vn\nSubject: %s\n"
         "Message-ID: <%s@wild.dondoc>\n"
         "Date: Mon, 4 Dec 2023 08:00:00 +0700\nMIME-Version: 1.0\n"
         "Content-Type: %s; charset=utf-8\nContent-Transfer-Encoding: %s\n\n"
         % (Header(sender[0], "utf-8").encode(), sender[1],
            Header(subject, "utf-8").encode(), name, ctype, cte))
    raw = h.encode() + body
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    exp = {"message_id": "<%s@wild.dondoc>" % name,
           "from": "%s <%s>" % sender, "subject": subject,
           "documents": docs, "warnings": []}
    cases.append((name, raw, exp))


def case_bytes(name, sender, subject, body, docs, ctype):
    """A case whose body is already encoded (ctype names its charset)."""
    h = ("From: %s <%s>\nTo: bcd06@kiengiang.gov.vn\nSubject: %s\n"
         "Message-ID: <%s@wild.dondoc>\n"
         "Date: Mon, 4 Dec 2023 08:00:00 +0700\nMIME-Version: 1.0\n"
         "Content-Type: %s\n" % (Header(sender[0], "utf-8").encode(),
                                  sender[1], Header(subject, "utf-8").encode(),
                                  name, ctype))
    exp = {"message_id": "<%s@wild.dondoc>" % name,
           "from": "%s <%s>" % sender, "subject": subject,
           "documents": docs, "warnings": []}
    cases.append((name, h.encode() + body, exp))


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text):
    """windows-1258 as Vietnamese Windows writes it: the letter the code
    page has precomposed (â, ơ, ...), then the tone as a combining mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONES)
        base = unicodedata.normalize(
            "NFC", "".join(c for c in nfd if c not in TONES))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def html(text):
    return ("<html><head><meta charset=\"utf-8\"></head><body>\n" +
            "".join("<p class=MsoNormal>%s</p>\n" % line
                    for line in text.splitlines()) + "</body></html>\n")


NB, NNB, ZW, BOM, NBH = "\u00a0", "\u202f", "\u200b", "\ufeff", "\u2011"

# --- spaces and invisible characters (sp-) -------------------------------

# Word pasted into webmail: a no-break space after "Số:" and in the date
case("sp-nbsp-plain", ("Sở Tài chính", "stc@kiengiang.gov.vn"),
     "Báo cáo Đề án 06", """UBND TỈNH KIÊN GIANG
SỞ TÀI CHÍNH
Số:%s210/BC-STC
Kiên Giang,%sngày 14%stháng 6 năm 2023
BÁO CÁO
Kết quả thực hiện Đề án 06 sáu tháng đầu năm 2023
Kính gửi:%sTổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh.
""" % (NB, NB, NB, NB),
     [d("BC", number="210", symbol="BC-STC", issuer="SỞ TÀI CHÍNH",
        place="Kiên Giang", date="2023-06-14",
        summary="Kết quả thực hiện Đề án 06 sáu tháng đầu năm 2023",
        recipients=["Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh"],
        period=period("half-year", 2023, 1))])

# Outlook's quoted-printable text part: =C2=A0 for every hard space
case("sp-nbsp-qp-outlook", ("Công an tỉnh", "cat@congan.kiengiang.gov.vn"),
     "Tờ trình", """CÔNG AN TỈNH KIÊN GIANG
Số:%s%s17/TTr-CAT-PC06
Kiên Giang, ngày%s05 tháng%s01 năm%s2024
TỜ TRÌNH
Về việc bổ sung kinh phí triển khai Đề án 06
Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.
""" % (NB, NB, NB, NB, NB),
     [d("TTr", number="17", symbol="TTr-CAT-PC06",
        issuer="CÔNG AN TỈNH KIÊN GIANG", place="Kiên Giang",
        date="2024-01-05",
        summary="Về việc bổ sung kinh phí triển khai Đề án 06",
        recipients=["Ban Chỉ đạo Đề án 06 tỉnh"])],
     cte="quoted-printable", crlf=True)

# html with raw U+00A0 (no entity), base64, NFD (webmail on macOS)
case("sp-nbsp-html-nfd", ("UBND huyện Châu Thành", "ubnd@chauthanh.kiengiang.gov.vn"),
     "Kế hoạch", html("""ỦY BAN NHÂN DÂN
HUYỆN CHÂU THÀNH
Số:%s88/KH-UBND
Châu Thành,%sngày 3 tháng 8 năm 2023
KẾ HOẠCH
Triển khai làm sạch dữ liệu dân cư năm 2023""" % (NB, NB)),
     [d("KH", number="88", symbol="KH-UBND",
        issuer="ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH", place="Châu Thành",
        date="2023-08-03",
        summary="Triển khai làm sạch dữ liệu dân cư năm 2023",
        period=period("year", 2023))], cte="base64", ctype="text/html",
     nfd=True)

# a narrow no-break space (U+202F) and a zero-width space from a portal
case("sp-zwsp-portal", ("Sở Nội vụ", "snv@angiang.gov.vn"),
     "Báo cáo", """UBND TỈNH AN GIANG
SỞ NỘI VỤ
%sSố: 412/BC-SNV
An Giang,%sngày 12 tháng 4 năm 2023
BÁO CÁO
Kết quả cải cách hành chính quý I năm 2023
""" % (ZW, NNB),
     [d("BC", number="412", symbol="BC-SNV", issuer="SỞ NỘI VỤ",
        place="An Giang", date="2023-04-12",
        summary="Kết quả cải cách hành chính quý I năm 2023",
        period=period("quarter", 2023, 1))])

# a byte-order mark opening the text (Notepad) and inside a word
case("sp-bom-notepad", ("Sở Y tế", "syt@camau.gov.vn"),
     "Thông báo", """%sUBND TỈNH CÀ MAU
SỞ Y TẾ
Số: 9/TB-SYT
%sCà Mau, ngày 2 tháng 3 năm 2023
THÔNG BÁO
Lịch tiêm chủng tháng 3/2023
""" % (BOM, BOM),
     [d("TB", number="9", symbol="TB-SYT", issuer="SỞ Y TẾ",
        place="Cà Mau", date="2023-03-02",
        summary="Lịch tiêm chủng tháng 3/2023",
        period=period("month", 2023, 3))])

# Word's non-breaking hyphen (U+2011) inside the symbol and a citation
case("sp-nbhyphen-word", ("Sở Tư pháp", "stp@baclieu.gov.vn"),
     "Báo cáo", html("""UBND TỈNH BẠC LIÊU
SỞ TƯ PHÁP
Số: 56/BC%sSTP
Bạc Liêu, ngày 20 tháng 9 năm 2023
BÁO CÁO
Kết quả số hóa sổ hộ tịch
Thực hiện Kế hoạch số 45/KH%sUBND ngày 3/3/2023 của UBND tỉnh.""" % (NBH, NBH)),
     [d("BC", number="56", symbol="BC-STP", issuer="SỞ TƯ PHÁP",
        place="Bạc Liêu", date="2023-09-20",
        summary="Kết quả số hóa sổ hộ tịch",
        references=[ref("KH", "45", "KH-UBND", "2023-03-03")])],
     ctype="text/html")

# negative: the en dash of the motto and of a summary is text, kept
case("sp-neg-endash", ("Sở Công Thương", "sct@soctrang.gov.vn"),
     "Báo cáo", """UBND TỈNH SÓC TRĂNG
SỞ CÔNG THƯƠNG
Số: 71/BC-SCT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Sóc Trăng, ngày 9 tháng 10 năm 2023
BÁO CÁO
Tình hình thương mại – dịch vụ quý III năm 2023
""",
     [d("BC", number="71", symbol="BC-SCT", issuer="SỞ CÔNG THƯƠNG",
        place="Sóc Trăng", date="2023-10-09",
        summary="Tình hình thương mại – dịch vụ quý III năm 2023",
        period=period("quarter", 2023, 3))])

# --- dates (dt-) ----------------------------------------------------------


def dated(name, prov, agency, num, place, date, iso, summary, p=None,
          **kw):
    t, sym = num.split("/")[1].split("-")[0], num.split("/")[1]
    case(name, ("Văn phòng", "vp@%s.gov.vn" % name), "Văn bản " + name,
         """UBND TỈNH %s
%s
Số: %s
%s, %s
%s
%s
""" % (prov, agency, num, place, date, TYPES[t].upper(), summary),
         [d(t, number=num.split("/")[0], symbol=sym, issuer=agency,
            place=place, date=iso, summary=summary, period=p)], **kw)


# a day the month does not have: no date (the place stays)
dated("dt-neg-feb30", "HẬU GIANG", "SỞ NỘI VỤ", "30/BC-SNV", "Hậu Giang",
      "ngày 30 tháng 02 năm 2023", None, "Kết quả tuyển dụng viên chức")
dated("dt-neg-apr31", "TRÀ VINH", "SỞ TÀI CHÍNH", "31/TB-STC", "Trà Vinh",
      "ngày 31/4/2023", None, "Lịch tiếp công dân")
dated("dt-neg-feb29", "BẾN TRE", "SỞ Y TẾ", "29/KH-SYT", "Bến Tre",
      "ngày 29 tháng 2 năm 2023", None, "Phòng chống dịch sốt xuất huyết")
# the leap day exists in 2024
dated("dt-feb29-leap", "VĨNH LONG", "SỞ Y TẾ", "29/KH-SYT", "Vĩnh Long",
      "ngày 29 tháng 2 năm 2024", "2024-02-29",
      "Phòng chống dịch sốt xuất huyết")
# "ngày" then a date with '-' or '.': the place ends before "ngày"
dated("dt-dash-after-ngay", "ĐỒNG THÁP", "SỞ NỘI VỤ", "97/BC-SNV",
      "Đồng Tháp", "ngày 03-3-2023", "2023-03-03",
      "Kết quả thi đua khen thưởng")
dated("dt-dot-after-ngay", "TIỀN GIANG", "SỞ XÂY DỰNG", "12/TB-SXD",
      "Tiền Giang", "ngày 15.06.2023", "2023-06-15",
      "Kết quả kiểm tra công trình", crlf=True)
dated("dt-dash-after-ngay-nfd", "LONG AN", "SỞ TƯ PHÁP", "5/KH-STP",
      "Long An", "Ngày 1-12-2023", "2023-12-01",
      "Phổ biến giáo dục pháp luật", nfd=True)

# OCR of a scanned page: 0 read as O, 1 as l (between ngày, tháng, năm)
dated("dt-ocr-year", "KIÊN GIANG", "SỞ NỘI VỤ", "45/BC-SNV", "Kiên Giang",
      "ngày 14 tháng 3 năm 2O23", "2023-03-14", "Kết quả công tác văn thư")
dated("dt-ocr-day-month", "HẬU GIANG", "SỞ Y TẾ", "8/TB-SYT", "Hậu Giang",
      "ngày l4 tháng O3 năm 2023", "2023-03-14", "Lịch trực chuyên môn",
      nfd=True)
# negative: a draft's blank date stays blank, OCR or not
dated("dt-ocr-neg-blank", "SÓC TRĂNG", "SỞ TÀI CHÍNH", "3/KH-STC",
      "Sóc Trăng", "ngày … tháng … năm 2O24", None,
      "Kiểm tra quyết toán ngân sách")

# --- the number line (sym-) -----------------------------------------------

# legal documents carry the year in the number: "12/2023/QĐ-UBND", the
# symbol is QĐ-UBND (as a citation of it reads)
case("sym-year-qd", ("UBND tỉnh", "ubnd@kiengiang.gov.vn"), "Quyết định",
     """ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
Số: 12/2023/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Kiên Giang, ngày 14 tháng 3 năm 2023
QUYẾT ĐỊNH
Ban hành Quy chế phối hợp thực hiện Đề án 06
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;
""",
     [d("QĐ", number="12", symbol="QĐ-UBND",
        issuer="ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", place="Kiên Giang",
        date="2023-03-14",
        summary="Ban hành Quy chế phối hợp thực hiện Đề án 06",
        references=[ref("NĐ", "30", "NĐ-CP", "2020-03-05")])])
case("sym-year-nq-spaced", ("HĐND tỉnh", "hdnd@camau.gov.vn"), "Nghị quyết",
     """HỘI ĐỒNG NHÂN DÂN
TỈNH CÀ MAU
Số: 05 / 2023 / NQ-HĐND
Cà Mau, ngày 7 tháng 7 năm 2023
NGHỊ QUYẾT
Quy định mức chi hỗ trợ cho lực lượng tham gia Đề án 06
""",
     [d("NQ", number="05", symbol="NQ-HĐND",
        issuer="HỘI ĐỒNG NHÂN DÂN TỈNH CÀ MAU", place="Cà Mau",
        date="2023-07-07",
        summary="Quy định mức chi hỗ trợ cho lực lượng tham gia Đề án 06")],
     nfd=True)
# the document cites itself by its full number: no reference
case("sym-year-self", ("UBND tỉnh", "ubnd@kiengiang.gov.vn"), "Quyết định",
     """ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
Số: 21/2024/QĐ-UBND
Kiên Giang, ngày 2 tháng 4 năm 2024
QUYẾT ĐỊNH
Sửa đổi Quy chế phối hợp

Quyết định số 21/2024/QĐ-UBND có hiệu lực từ ngày 15 tháng 4 năm 2024.
""",
     [d("QĐ", number="21", symbol="QĐ-UBND",
        issuer="ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", place="Kiên Giang",
        date="2024-04-02", summary="Sửa đổi Quy chế phối hợp")])

# the subject after the symbol, on the number line: not part of it
for name, sep, vv in (("sym-subject-dash", " - ", "V/v triển khai Đề án 06"),
                      ("sym-subject-dash-veviec", " - ",
                       "Về việc triển khai Đề án 06"),
                      ("sym-subject-slash", " / ", "Kế hoạch năm 2024")):
    case(name, ("Sở TT&TT", "stttt@kiengiang.gov.vn"), "Công văn",
         """UBND TỈNH KIÊN GIANG
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 45/STTTT-VP%s%s
Kiên Giang, ngày 14 tháng 3 năm 2024
Kính gửi: Các sở, ban, ngành tỉnh.
""" % (sep, vv),
         [d("CV", number="45", symbol="STTTT-VP",
            issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", place="Kiên Giang",
            date="2024-03-14", recipients=["Các sở, ban, ngành tỉnh"])])
# an en dash or a minus sign typed for the hyphen between parts
for name, dash in (("sym-endash", "\u2013"), ("sym-minus-sign", "\u2212")):
    case(name, ("Sở Nội vụ", "snv@kiengiang.gov.vn"), "Báo cáo",
         """UBND TỈNH KIÊN GIANG
SỞ NỘI VỤ
Số: 45/BC%sSNV
Kiên Giang, ngày 14 tháng 3 năm 2023
BÁO CÁO
Kết quả thi tuyển công chức
Thực hiện Công văn số 12/UBND%sVX ngày 2/3/2023 của UBND tỉnh.
""" % (dash, dash),
         [d("BC", number="45", symbol="BC-SNV", issuer="SỞ NỘI VỤ",
            place="Kiên Giang", date="2023-03-14",
            summary="Kết quả thi tuyển công chức",
            references=[ref("CV", "12", "UBND-VX", "2023-03-02")])])
# negative: spaced joiners between symbol parts still join ("TTr - BCĐ")
case("sym-neg-spaced-parts", ("Tổ giúp việc", "tgv@kiengiang.gov.vn"),
     "Tờ trình", """BAN CHỈ ĐẠO ĐỀ ÁN 06
Số: 17/TTr - BCĐ - TGV
Kiên Giang, ngày 14 tháng 3 năm 2022
TỜ TRÌNH
Về việc phê duyệt kế hoạch kiểm tra
""",
     [d("TTr", number="17", symbol="TTr-BCĐ-TGV",
        issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang",
        date="2022-03-14",
        summary="Về việc phê duyệt kế hoạch kiểm tra")])

# --- lines a narrow cell wrapped (wrap-) ---------------------------------

# "Số: 05 /KH-SNV" wraps at its space: the symbol on the next line
case("wrap-so-number-html", ("Sở Nội vụ", "snv@kiengiang.gov.vn"), "Kế hoạch",
     """<html><body><table><tr><td width="35%"><p>UBND TỈNH KIÊN GIANG</p>
<p><b>SỞ NỘI VỤ</b></p><p>Số: 05<br>/KH-SNV</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
<p>Độc lập - Tự do - Hạnh phúc</p>
<p><i>Kiên Giang, ngày 6 tháng 1 năm 2024</i></p></td></tr></table>
<p><b>KẾ HOẠCH</b></p><p>Tuyển dụng công chức năm 2024</p></body></html>
""",
     [d("KH", number="05", symbol="KH-SNV", issuer="SỞ NỘI VỤ",
        place="Kiên Giang", date="2024-01-06",
        summary="Tuyển dụng công chức năm 2024",
        period=period("year", 2024))], ctype="text/html")
case("wrap-so-number-pdf", ("Huyện ủy Giồng Riềng", "hu@giongrieng.kiengiang.gov.vn"),
     "Báo cáo", """HUYỆN ỦY GIỒNG RIỀNG
Số 198
-BC/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Giồng Riềng, ngày 20 tháng 11 năm 2023
BÁO CÁO
Kết quả lãnh đạo thực hiện Đề án 06 năm 2023
""",
     [d("BC", number="198", symbol="BC/HU", issuer="HUYỆN ỦY GIỒNG RIỀNG",
        place="Giồng Riềng", date="2023-11-20",
        summary="Kết quả lãnh đạo thực hiện Đề án 06 năm 2023",
        period=period("year", 2023))], nfd=True)
# the date wrapped after its month, in a narrow right column
case("wrap-date-month-html", ("Sở Y tế", "syt@kiengiang.gov.vn"), "Báo cáo",
     """<html><body><table><tr><td><p>UBND TỈNH KIÊN GIANG</p>
<p><b>SỞ Y TẾ</b></p><p>Số: 77/BC-SYT</p></td>
<td width="30%"><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
<p>Độc lập - Tự do - Hạnh phúc</p>
<p><i>Kiên Giang, ngày 14 tháng 3<br>năm 2023</i></p></td></tr></table>
<p><b>BÁO CÁO</b></p><p>Kết quả tiêm chủng mở rộng</p></body></html>
""",
     [d("BC", number="77", symbol="BC-SYT", issuer="SỞ Y TẾ",
        place="Kiên Giang", date="2023-03-14",
        summary="Kết quả tiêm chủng mở rộng")], ctype="text/html")
case("wrap-date-thang-pdf", ("UBND huyện An Biên", "ubnd@anbien.kiengiang.gov.vn"),
     "Thông báo", """ỦY BAN NHÂN DÂN
HUYỆN AN BIÊN
Số: 31/TB-UBND
An Biên, ngày 2 tháng
10 năm 2023
THÔNG BÁO
Lịch tiếp công dân của Chủ tịch UBND huyện
""",
     [d("TB", number="31", symbol="TB-UBND",
        issuer="ỦY BAN NHÂN DÂN HUYỆN AN BIÊN", place="An Biên",
        date="2023-10-02",
        summary="Lịch tiếp công dân của Chủ tịch UBND huyện")], crlf=True)
# negative: a dash item under a number line is no symbol
case("wrap-neg-dash-item", ("Sở Tài chính", "stc@kiengiang.gov.vn"),
     "Báo cáo", """UBND TỈNH KIÊN GIANG
SỞ TÀI CHÍNH
Số: 88/BC-STC
Kiên Giang, ngày 5 tháng 9 năm 2023
BÁO CÁO
Tình hình giải ngân vốn đầu tư công
Kính gửi:
- UBND tỉnh;
- Ban Chỉ đạo Đề án 06 tỉnh.
""",
     [d("BC", number="88", symbol="BC-STC", issuer="SỞ TÀI CHÍNH",
        place="Kiên Giang", date="2023-09-05",
        summary="Tình hình giải ngân vốn đầu tư công",
        recipients=["UBND tỉnh", "Ban Chỉ đạo Đề án 06 tỉnh"])])

# --- e-office notifications (eo-) ----------------------------------------

# the labels of other e-office systems than "Số ký hiệu:" / "Ngày ban hành:"
def eoffice(name, text, t, **kw):
    case(name, ("Hệ thống QLVB", "qlvb@kiengiang.gov.vn"),
         "Thông báo văn bản mới", text,
         [d(t, number="125", symbol="BC-UBND",
            issuer="UBND huyện Châu Thành", date="2023-03-14",
            summary="Kết quả thực hiện Đề án 06 quý I năm 2023",
            period=period("quarter", 2023, 1))], **kw)


eoffice("eo-so-ky-hieu-van-ban", """Hệ thống quản lý văn bản thông báo có văn bản đến mới.
Số, ký hiệu văn bản: 125/BC-UBND
Ngày văn bản: 14-03-2023
Đơn vị ban hành: UBND huyện Châu Thành
Loại VB: Báo cáo
Trích yếu nội dung: Kết quả thực hiện Đề án 06 quý I năm 2023
Số điện thoại hỗ trợ: 0297-3862123
""", "BC")
eoffice("eo-so-slash-ky-hieu", """Văn bản mới trên hệ thống iOffice:
Số/Ký hiệu: 125/BC-UBND
Ngày ký: 14/03/2023
Nơi ban hành: UBND huyện Châu Thành
Loại văn bản: Báo cáo
Trích yếu: Kết quả thực hiện Đề án 06 quý I năm 2023
""", "BC", cte="quoted-printable", nfd=True)
eoffice("eo-so-hieu-vb-nocolon", """Số hiệu VB 125/BC-UBND
Ngày ban hành: 14/03/2023
Cơ quan ban hành: UBND huyện Châu Thành
Trích yếu: Kết quả thực hiện Đề án 06 quý I năm 2023
""", "BC")

# --- charsets (cs-) -----------------------------------------------------

CP_DOC = """UBND TỈNH KIÊN GIANG
SỞ TÀI CHÍNH
Số: 210/BC-STC
Kiên Giang, ngày 14 tháng 6 năm 2023
BÁO CÁO
Kết quả thực hiện Đề án 06 sáu tháng đầu năm 2023
Kính gửi: Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh.
"""
CP_EXP = [d("BC", number="210", symbol="BC-STC", issuer="SỞ TÀI CHÍNH",
            place="Kiên Giang", date="2023-06-14",
            summary="Kết quả thực hiện Đề án 06 sáu tháng đầu năm 2023",
            recipients=["Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh"],
            period=period("half-year", 2023, 1))]
# windows-1258 that claims iso-8859-1 (old mail programs), or nothing
case_bytes("cs-cp1258-claims-latin1", ("Sở Tài chính", "stc@kiengiang.gov.vn"),
           "Báo cáo", b"Content-Transfer-Encoding: 8bit\n\n" + cp1258(CP_DOC),
           CP_EXP, "text/plain; charset=iso-8859-1")
case_bytes("cs-cp1258-unlabelled-qp", ("Sở Tài chính", "stc@kiengiang.gov.vn"),
           "Báo cáo", b"Content-Transfer-Encoding: quoted-printable\n\n" +
           quopri.encodestring(cp1258(CP_DOC).replace(b"\n", b"\r\n")),
           CP_EXP, "text/plain")
case_bytes("cs-cp1258-html-b64", ("Sở Tài chính", "stc@kiengiang.gov.vn"),
           "Báo cáo", b"Content-Transfer-Encoding: base64\n\n" +
           base64.encodebytes(cp1258(html(CP_DOC))), CP_EXP,
           "text/html; charset=windows-1252")
# negative: Portuguese and Italian in windows-1252 stay as they are
# (ã, õ, ò are ă, ơ and a tone in windows-1258)
case_bytes("cs-neg-cp1252-western", ("Secretaria", "sec@example.pt"),
           "Relatório", b"Content-Transfer-Encoding: 8bit\n\n" + """So: 12/BC-ABC
BÁO CÁO
Relatório da reunião em São João, però não à Città
""".encode("cp1252"),
           [d("BC", number="12", symbol="BC-ABC",
              summary="Relatório da reunião em São João, però não à Città")],
           "text/plain; charset=iso-8859-1")

# --- secrecy and urgency marks (mk-): confidential documents must be
# known as such, never quoted in automatic mail (regulation art. 15.1)


def marked(name, marks, secrecy, urgency, **kw):
    case(name, ("Công an tỉnh", "cat@congan.kiengiang.gov.vn"), "Báo cáo",
         """CÔNG AN TỈNH KIÊN GIANG
Số: 52/BC-CAT
%s
Kiên Giang, ngày 3 tháng 7 năm 2023
BÁO CÁO
Tình hình an ninh trật tự tháng 6 năm 2023
""" % marks,
         [d("BC", number="52", symbol="BC-CAT",
            issuer="CÔNG AN TỈNH KIÊN GIANG", place="Kiên Giang",
            date="2023-07-03",
            summary="Tình hình an ninh trật tự tháng 6 năm 2023",
            period=period("month", 2023, 6), secrecy=secrecy,
            urgency=urgency)], **kw)


marked("mk-mat-khan-one-line", "MẬT - KHẨN", "MẬT", "KHẨN")
marked("mk-mat-paren-nfd", "(Mật)", "MẬT", None, nfd=True)
marked("mk-hoa-toc-hen-gio", "HỎA TỐC HẸN GIỜ", None, "HỎA TỐC")
marked("mk-eoffice-labels", "Độ mật: Tối mật\nĐộ khẩn: Thượng khẩn", "TỐI MẬT",
       "THƯỢNG KHẨN", crlf=True)
# negative: "normal" in the e-office labels is no mark
marked("mk-neg-binh-thuong", "Độ mật: Bình thường\nĐộ khẩn: Thường", None,
       None)

# --- agencies in assigned work (ag-) ------------------------------------


def task(agency, what, deadline, text, cooperating=None, group=None):
    return dict(agency=agency, agency_code=None, agency_group=group,
                cooperating=cooperating, what=what, deadline=deadline,
                deadline_kind="day", deadline_text=text, recurrence=None,
                recurrence_day=None, recurrence_month=None)


def conclusions(name, body, tasks, **kw):
    case(name, ("Tổ giúp việc", "tgv@kiengiang.gov.vn"), "Thông báo kết luận",
         """BAN CHỈ ĐẠO ĐỀ ÁN 06
TỈNH KIÊN GIANG
Số: 15/TB-BCĐ
Kiên Giang, ngày 10 tháng 5 năm 2023
THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp Ban Chỉ đạo
Ban Chỉ đạo kết luận như sau:
""" + body,
         [d("TB", number="15", symbol="TB-BCĐ",
            issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH KIÊN GIANG",
            place="Kiên Giang", date="2023-05-10",
            summary="Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp Ban Chỉ đạo",
            assignments=tasks)], **kw)


# an agency written as its abbreviation is the whole name: the word after
# it is the work's ("STTTT chủ trì", not an agency "STTTT chủ")
conclusions("ag-abbrev-chu-tri",
            "1. Giao STTTT chủ trì rà soát hạ tầng mạng, hoàn thành trước ngày 30/6/2023.\n"
            "2. Giao SGDĐT chủ trì, phối hợp với CAT cấp tài khoản định danh cho học sinh, trước ngày 15/7/2023.\n",
            [task("STTTT", "rà soát hạ tầng mạng", "2023-06-30",
                  "trước ngày 30/6/2023"),
             task("SGDĐT", "cấp tài khoản định danh cho học sinh",
                  "2023-07-15", "trước ngày 15/7/2023", cooperating="CAT")])
conclusions("ag-abbrev-list-nfd",
            "1. Giao SYT, SLĐTBXH triển khai xác thực sinh trắc học, trước ngày 20/6/2023.\n",
            [task("SYT", "triển khai xác thực sinh trắc học", "2023-06-20",
                  "trước ngày 20/6/2023"),
             task("SLĐTBXH", "triển khai xác thực sinh trắc học",
                  "2023-06-20", "trước ngày 20/6/2023")], nfd=True)
# "TP." and "TX." inside a name end no sentence: a capital follows
conclusions("ag-tp-point",
            "1. Đề nghị UBND TP. Rạch Giá và UBND TX. Hà Tiên hoàn thành cấp căn cước trước ngày 30/6/2023.\n",
            [task("UBND TP. Rạch Giá", "hoàn thành cấp căn cước",
                  "2023-06-30", "trước ngày 30/6/2023"),
             task("UBND TX. Hà Tiên", "hoàn thành cấp căn cước",
                  "2023-06-30", "trước ngày 30/6/2023")])
conclusions("ag-tp-point-heading",
            "1. UBND Tp. Phú Quốc: hoàn thành làm sạch dữ liệu; thời gian hoàn thành: trước ngày 15/6/2023.\n",
            [task("UBND Tp. Phú Quốc", "hoàn thành làm sạch dữ liệu",
                  "2023-06-15", "trước ngày 15/6/2023")], crlf=True)
# the hour before the day: part of the deadline's words, the day its date
conclusions("dl-hour-gio",
            "1. Giao Sở Tư pháp rà soát dữ liệu hộ tịch, trước 16 giờ 30 ngày 25/5/2023.\n"
            "2. Giao Sở Y tế gửi báo cáo tiêm chủng chậm nhất 17h00 ngày 30/5/2023.\n",
            [task("Sở Tư pháp", "rà soát dữ liệu hộ tịch", "2023-05-25",
                  "trước 16 giờ 30 ngày 25/5/2023"),
             task("Sở Y tế", "gửi báo cáo tiêm chủng", "2023-05-30",
                  "chậm nhất 17h00 ngày 30/5/2023")])
conclusions("dl-hour-colon-nfd",
            "1. Đề nghị Công an tỉnh tổng hợp số liệu trước 10:00, ngày 2/6/2023.\n",
            [task("Công an tỉnh", "tổng hợp số liệu", "2023-06-02",
                  "trước 10:00, ngày 2/6/2023")], nfd=True)
# negative: a point after a word in lower case ends the sentence
conclusions("ag-neg-point-sentence",
            "1. Giao Sở Y tế chủ trì tiêm chủng cho trẻ em. Sở Tài chính bố trí kinh phí, trước ngày 30/6/2023.\n",
            [task("Sở Y tế", "tiêm chủng cho trẻ em. Sở Tài chính bố trí kinh phí",
                  "2023-06-30", "trước ngày 30/6/2023")])

os.makedirs(OUT, exist_ok=True)
for name, raw, exp in cases:
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")
print("%d cases" % len(cases))
