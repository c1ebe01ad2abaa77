#!/usr/bin/env python3
"""Builds tests/corpus/realtext/: documents as real text arrives (issue 15
section 2), one group of cases per class, each in several layouts and from
several provinces and agencies, with negative cases that a repair must not
touch: broken lines (brk-), table residue of html/portal copies (tbl-),
text flattened from PDF (pdf-), blank and missing numbers (num-), the
document's own date against a cited one (date-), summaries after a blank
line or without a type line (sum-), difficulty and proposal sections that
say there is none (none-), periods written in words (per-). Mail varies
in NFC/NFD, LF/CRLF and transfer encoding. Each case keeps its expected
JSON; check.py compares `dondoc analyze --json` against it. Re-run after
editing:
    python3 tests/corpus/gen-realtext.py tests/corpus/realtext
"""
import base64, json, os, quopri, sys, unicodedata
from email.header import Header

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "realtext")

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

TYPES = {"BC": "Báo cáo", "KH": "Kế hoạch", "TB": "Thông báo",
         "CV": "Công văn", "QĐ": "Quyết định", "TTr": "Tờ trình",
         "GM": "Giấy mời", "CT": "Chỉ thị", "HD": "Hướng dẫn"}

def d(t, **kw):
    return doc(type=t, type_name=TYPES[t], **kw)

def hdr(s):
    return Header(s, "utf-8").encode()

cases = []

def case(name, sender, subject, text, docs, nfd=False, crlf=False,
         cte="8bit", ctype="text/plain", warnings=()):
    if nfd:
        text = unicodedata.normalize("NFD", text)
    body = text.encode()
    if cte == "quoted-printable":
        body = quopri.encodestring(body)
    elif cte == "base64":
        s = base64.b64encode(body).decode()
        body = ("\n".join(s[i:i+76] for i in range(0, len(s), 76)) + "\n").encode()
    name_, addr = sender
    h = ("From: %s <%s>\nTo: bcd06@kiengiang.gov.vn\nSubject: %s\n"
         "Message-ID: <%s@realtext.dondoc>\n"
         "Date: Mon, 4 Dec 2023 08:00:00 +0700\nMIME-Version: 1.0\n"
         "Content-Type: %s; charset=utf-8\nContent-Transfer-Encoding: %s\n\n"
         % (hdr(name_), addr, hdr(subject), name, ctype, cte))
    raw = h.encode() + body
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    exp = {"message_id": "<%s@realtext.dondoc>" % name,
           "from": "%s <%s>" % sender, "subject": subject,
           "documents": docs, "warnings": list(warnings)}
    cases.append((name, raw, exp))

VT = ("Văn thư", "vanthu@example.gov.vn")

# --- broken lines -------------------------------------------------------

# PDF text of a narrow right column: the place wraps after "Vũng"
case("brk-place-brvt", ("Sở Nội vụ", "snv@baria-vungtau.gov.vn"),
     "Báo cáo công tác cải cách hành chính quý I/2023", """UBND TỈNH BÀ RỊA - VŨNG TÀU
SỞ NỘI VỤ
Số: 412/BC-SNV
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bà Rịa - Vũng
Tàu, ngày 12 tháng 4 năm 2023
BÁO CÁO
Kết quả công tác cải cách hành chính quý I năm 2023
Kính gửi: Ủy ban nhân dân tỉnh.
Sở Nội vụ báo cáo kết quả như sau:
I. KẾT QUẢ
Đã rà soát 125 thủ tục hành chính.
""", [d("BC", number="412", symbol="BC-SNV", issuer="SỞ NỘI VỤ",
       place="Bà Rịa - Vũng Tàu", date="2023-04-12",
       summary="Kết quả công tác cải cách hành chính quý I năm 2023",
       recipients=["Ủy ban nhân dân tỉnh"], period=period("quarter", 2023, 1))])

# hand-spaced columns, the place wrapped in the right column; NFD, CRLF
case("brk-place-hue", ("Sở Y tế", "syt@thuathienhue.gov.vn"),
     "Kế hoạch tiêm chủng 2022", """UBND TỈNH THỪA THIÊN HUẾ         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ                          Độc lập - Tự do - Hạnh phúc
Số: 88/KH-SYT                    Thừa Thiên
                                 Huế, ngày 3 tháng 8 năm 2022

KẾ HOẠCH
Tiêm chủng mở rộng năm 2022

Kính gửi: Các đơn vị y tế trực thuộc.
""", [d("KH", number="88", symbol="KH-SYT", issuer="SỞ Y TẾ",
       place="Thừa Thiên Huế", date="2022-08-03",
       summary="Tiêm chủng mở rộng năm 2022",
       recipients=["Các đơn vị y tế trực thuộc"], period=period("year", 2022))],
     nfd=True, crlf=True, cte="quoted-printable")

# the date wrapped after "ngày" (stacked, as pdftotext gives it)
case("brk-date-dongthap", ("UBND huyện Cao Lãnh", "ubnd@caolanh.dongthap.gov.vn"),
     "Kế hoạch chuyển đổi số 2023", """ỦY BAN NHÂN DÂN
HUYỆN CAO LÃNH
Số: 97/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cao Lãnh, ngày
15 tháng 5 năm 2023
KẾ HOẠCH
Triển khai chuyển đổi số trên địa bàn huyện năm 2023
""", [d("KH", number="97", symbol="KH-UBND",
       issuer="ỦY BAN NHÂN DÂN HUYỆN CAO LÃNH", place="Cao Lãnh",
       date="2023-05-15",
       summary="Triển khai chuyển đổi số trên địa bàn huyện năm 2023",
       period=period("year", 2023))])

# the date wrapped after "ngày" in the right column of a spaced header
case("brk-date-cantho", ("Văn phòng UBND", "vp@cantho.gov.vn"),
     "Thông báo kết luận giao ban", """ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ CẦN THƠ                        Độc lập - Tự do - Hạnh phúc
Số: 245/TB-VP                     Cần Thơ, ngày
                                  20 tháng 6 năm 2023
THÔNG BÁO
Kết luận của Chủ tịch UBND thành phố tại cuộc họp giao ban tháng 6/2023
""", [d("TB", number="245", symbol="TB-VP",
       issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", place="Cần Thơ",
       date="2023-06-20",
       summary="Kết luận của Chủ tịch UBND thành phố tại cuộc họp giao ban tháng 6/2023",
       period=period("month", 2023, 6))], crlf=True)

# "Số:" with the number on the next line
case("brk-so-quangninh", ("Sở TN&MT", "stnmt@quangninh.gov.vn"),
     "Báo cáo quản lý đất đai", """UBND TỈNH QUẢNG NINH
SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG
Số:
125/BC-STNMT
Quảng Ninh, ngày 8 tháng 9 năm 2023
BÁO CÁO
Tình hình quản lý đất đai chín tháng đầu năm 2023
""", [d("BC", number="125", symbol="BC-STNMT",
       issuer="SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
       place="Quảng Ninh", date="2023-09-08",
       summary="Tình hình quản lý đất đai chín tháng đầu năm 2023",
       period=period("nine-months", 2023))])

# the type line wrapped (letter-spaced title of a Word template)
case("brk-type-lamdong", ("Sở Tư pháp", "stp@lamdong.gov.vn"),
     "Tờ trình dự thảo quy định", """UBND TỈNH LÂM ĐỒNG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TƯ PHÁP                       Độc lập - Tự do - Hạnh phúc
Số: 301/TTr-STP                  Lâm Đồng, ngày 2 tháng 10 năm 2023

TỜ
TRÌNH
Về việc ban hành Quy định quản lý nhà nước về bồi thường
Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng.
""", [d("TTr", number="301", symbol="TTr-STP", issuer="SỞ TƯ PHÁP",
       place="Lâm Đồng", date="2023-10-02",
       summary="Về việc ban hành Quy định quản lý nhà nước về bồi thường",
       recipients=["Ủy ban nhân dân tỉnh Lâm Đồng"])])

# a type written as a công văn symbol but a KH type line broken in two
case("brk-type-kh-quangtri", ("BCĐ 389", "bcd389@quangtri.gov.vn"),
     "Kế hoạch cao điểm", """BAN CHỈ ĐẠO 389 TỈNH QUẢNG TRỊ
Số: 17/KH-BCĐ389
Quảng Trị, ngày 6 tháng 11 năm 2023
KẾ
HOẠCH
Cao điểm đấu tranh chống buôn lậu dịp cuối năm 2023
""", [d("KH", number="17", symbol="KH-BCĐ389",
       issuer="BAN CHỈ ĐẠO 389 TỈNH QUẢNG TRỊ", place="Quảng Trị",
       date="2023-11-06",
       summary="Cao điểm đấu tranh chống buôn lậu dịp cuối năm 2023",
       period=period("year", 2023))])

# the agency line wrapped in a narrow left column
case("brk-agency-tnmt", ("Sở TN&MT", "stnmt@binhdinh.gov.vn"),
     "Báo cáo quản lý khoáng sản", """UBND TỈNH BÌNH ĐỊNH                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TÀI NGUYÊN VÀ MÔI                   Độc lập - Tự do - Hạnh phúc
TRƯỜNG
Số: 77/BC-STNMT                    Bình Định, ngày 14 tháng 7 năm 2023
BÁO CÁO
Công tác quản lý khoáng sản 6 tháng đầu năm 2023
""", [d("BC", number="77", symbol="BC-STNMT",
       issuer="SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", place="Bình Định",
       date="2023-07-14",
       summary="Công tác quản lý khoáng sản 6 tháng đầu năm 2023",
       period=period("half-year", 2023, 1))])

# the parent agency wrapped ("ỦY BAN NHÂN DÂN" / "TỈNH ...") above it
case("brk-agency-ubnd", ("UBND tỉnh Gia Lai", "vp@gialai.gov.vn"),
     "Công văn triển khai", """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 1520/UBND-KGVX
V/v triển khai Đề án 06 năm 2023
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Gia Lai, ngày 21 tháng 8 năm 2023
Kính gửi: Các sở, ban, ngành tỉnh.
""", [d("CV", number="1520", symbol="UBND-KGVX",
       issuer="ỦY BAN NHÂN DÂN TỈNH GIA LAI", place="Gia Lai",
       date="2023-08-21", summary="triển khai Đề án 06 năm 2023",
       recipients=["Các sở, ban, ngành tỉnh"], period=period("year", 2023))])

# a citation wrapped after "số"; NFD
case("brk-citation-hanoi", ("Sở Nội vụ", "snv@hanoi.gov.vn"),
     "Báo cáo thực hiện Công văn 2345", """UBND THÀNH PHỐ HÀ NỘI           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                        Độc lập - Tự do - Hạnh phúc
Số: 530/BC-SNV                   Hà Nội, ngày 4 tháng 4 năm 2023
BÁO CÁO
Kết quả rà soát biên chế năm 2023
Thực hiện Công văn số
2345/UBND-KGVX ngày 10/3/2023 của UBND Thành phố, Sở Nội vụ báo cáo như sau:
Căn cứ Quyết định số 15/QĐ-UBND
ngày 2/1/2023 của UBND Thành phố.
""", [d("BC", number="530", symbol="BC-SNV", issuer="SỞ NỘI VỤ",
       place="Hà Nội", date="2023-04-04",
       summary="Kết quả rà soát biên chế năm 2023", period=period("year", 2023),
       references=[ref("CV", "2345", "UBND-KGVX", "2023-03-10"),
                   ref("QĐ", "15", "QĐ-UBND", "2023-01-02")])], nfd=True)

# negative: nothing broken; a short Title-case line above the date that
# is no place ("Kính gửi" is below), a body line ending in "ngày"
case("brk-neg-intact", ("Sở Công Thương", "sct@angiang.gov.vn"),
     "Báo cáo tháng 10", """UBND TỈNH AN GIANG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG                   Độc lập - Tự do - Hạnh phúc
Số: 640/BC-SCT                   An Giang, ngày 30 tháng 10 năm 2023
BÁO CÁO
Tình hình thương mại tháng 10 năm 2023
Kính gửi: Bộ Công Thương.
Hàng hóa được kiểm tra trong vòng 05 ngày
15 đơn vị đã đăng ký kiểm tra.
""", [d("BC", number="640", symbol="BC-SCT", issuer="SỞ CÔNG THƯƠNG",
       place="An Giang", date="2023-10-30",
       summary="Tình hình thương mại tháng 10 năm 2023",
       recipients=["Bộ Công Thương"], period=period("month", 2023, 10))])

# negative: two agency lines that are two agencies
case("brk-neg-agencies", ("Chi cục Thuế", "cct@vinhlong.gov.vn"),
     "Công văn đôn đốc", """CỤC THUẾ TỈNH VĨNH LONG
CHI CỤC THUẾ KHU VỰC
Số: 212/CCT-KK
V/v đôn đốc nộp hồ sơ khai thuế
Vĩnh Long, ngày 9 tháng 10 năm 2023
""", [d("CV", number="212", symbol="CCT-KK", issuer="CHI CỤC THUẾ KHU VỰC",
       place="Vĩnh Long", date="2023-10-09",
       summary="đôn đốc nộp hồ sơ khai thuế")])

# --- table residue ------------------------------------------------------

# portal copy of the header table: '|' between the columns
case("tbl-pipe-longan", ("Sở Y tế", "syt@longan.gov.vn"),
     "Báo cáo phòng chống dịch", """| UBND TỈNH LONG AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| SỞ Y TẾ | Độc lập - Tự do - Hạnh phúc |
| Số: 356/BC-SYT | Long An, ngày 11 tháng 9 năm 2023 |

BÁO CÁO
Tình hình phòng, chống dịch sốt xuất huyết tháng 8/2023
Kính gửi: Ủy ban nhân dân tỉnh.
""", [d("BC", number="356", symbol="BC-SYT", issuer="SỞ Y TẾ",
       place="Long An", date="2023-09-11",
       summary="Tình hình phòng, chống dịch sốt xuất huyết tháng 8/2023",
       recipients=["Ủy ban nhân dân tỉnh"], period=period("month", 2023, 8))])

# markdown-like table with a rule row, CRLF
case("tbl-pipe-markdown", ("BCĐ Đề án 06", "bcd06@tayninh.gov.vn"),
     "Thông báo kết luận", """|UBND TỈNH TÂY NINH|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|
|---|---|
|BAN CHỈ ĐẠO ĐỀ ÁN 06|Độc lập - Tự do - Hạnh phúc|
|Số: 21/TB-BCĐ|Tây Ninh, ngày 5 tháng 12 năm 2023|

THÔNG BÁO
Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp quý IV năm 2023
""", [d("TB", number="21", symbol="TB-BCĐ", issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06",
       place="Tây Ninh", date="2023-12-05",
       summary="Kết luận của Trưởng Ban Chỉ đạo tại cuộc họp quý IV năm 2023",
       period=period("quarter", 2023, 4))], crlf=True)

# the whole header on one line, cells joined with '|'
case("tbl-oneline-pipe", ("Sở GD&ĐT", "sgddt@nghean.gov.vn"),
     "Báo cáo khai giảng", """UBND TỈNH NGHỆ AN | SỞ GIÁO DỤC VÀ ĐÀO TẠO | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | Độc lập - Tự do - Hạnh phúc | Số: 1123/BC-SGDĐT | Nghệ An, ngày 5 tháng 9 năm 2023
BÁO CÁO
Công tác chuẩn bị năm học 2023-2024
Kính gửi: Bộ Giáo dục và Đào tạo.
""", [d("BC", number="1123", symbol="BC-SGDĐT",
       issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO", place="Nghệ An", date="2023-09-05",
       summary="Công tác chuẩn bị năm học 2023-2024",
       recipients=["Bộ Giáo dục và Đào tạo"])])

# the whole header on one line with single spaces (a portal's flattened
# text); html
case("tbl-oneline-flat", ("UBND tỉnh Bình Dương", "vp@binhduong.gov.vn"),
     "Kế hoạch cải cách hành chính 2024",
     """<html><body><p>ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 45/KH-UBND Bình Dương, ngày 12 tháng 1 năm 2024</p>
<p>KẾ HOẠCH</p><p>Cải cách hành chính năm 2024</p>
<p>Kính gửi: Các sở, ban, ngành; UBND các huyện, thị xã, thành phố.</p></body></html>
""", [d("KH", number="45", symbol="KH-UBND",
       issuer="ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", place="Bình Dương",
       date="2024-01-12", summary="Cải cách hành chính năm 2024",
       recipients=["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"],
       period=period("year", 2024))], ctype="text/html",
     cte="base64")

# Party style on one line with '|'
case("tbl-oneline-party", ("Huyện ủy", "hu@chauthanh.tiengiang.gov.vn"),
     "Báo cáo Huyện ủy", """ĐẢNG BỘ TỈNH TIỀN GIANG | ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY CHÂU THÀNH | Châu Thành, ngày 18 tháng 12 năm 2023
Số 301-BC/HU |
BÁO CÁO
Tổng kết công tác xây dựng Đảng năm 2023
""", [d("BC", number="301", symbol="BC/HU", issuer="HUYỆN ỦY CHÂU THÀNH",
       place="Châu Thành", date="2023-12-18",
       summary="Tổng kết công tác xây dựng Đảng năm 2023",
       period=period("year", 2023))])

# a portal page pasted as html, the header table flattened to '|' in
# paragraphs; NFD
case("tbl-html-pipe-nfd", ("Sở Nội vụ", "snv@quangnam.gov.vn"),
     "Thông báo tuyển dụng", """<html><body>
<p>UBND TỈNH QUẢNG NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p>SỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc</p>
<p>Số: 1805/TB-SNV | Quảng Nam, ngày 14 tháng 11 năm 2023</p>
<p>THÔNG BÁO</p>
<p>Kết quả xét tuyển viên chức năm 2023</p>
<p>Kính gửi: Các cơ quan, đơn vị.</p>
</body></html>
""", [d("TB", number="1805", symbol="TB-SNV", issuer="SỞ NỘI VỤ",
       place="Quảng Nam", date="2023-11-14",
       summary="Kết quả xét tuyển viên chức năm 2023",
       recipients=["Các cơ quan, đơn vị"], period=period("year", 2023))],
     ctype="text/html", nfd=True, cte="quoted-printable")

# negative: a '|' in the body (a work table) of an ordinary header
case("tbl-neg-body-pipe", ("Sở Xây dựng", "sxd@khanhhoa.gov.vn"),
     "Báo cáo xây dựng", """UBND TỈNH KHÁNH HÒA              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ XÂY DỰNG                      Độc lập - Tự do - Hạnh phúc
Số: 98/BC-SXD                    Khánh Hòa, ngày 1 tháng 3 năm 2023
BÁO CÁO
Tình hình cấp phép xây dựng tháng 2/2023
Chỉ tiêu | Kết quả
Giấy phép cấp mới | 120
""", [d("BC", number="98", symbol="BC-SXD", issuer="SỞ XÂY DỰNG",
       place="Khánh Hòa", date="2023-03-01",
       summary="Tình hình cấp phép xây dựng tháng 2/2023",
       period=period("month", 2023, 2))])

# --- text flattened from PDF --------------------------------------------

case("pdf-glued-laocai", ("Sở KH&ĐT", "skhdt@laocai.gov.vn"),
     "Báo cáo đầu tư năm 2010", """UBND TỈNH LÀO CAI
SỞ KẾ HOẠCH VÀ ĐẦU TƯ
Số: 210/BC-SKHĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 15 tháng 12 năm2010BÁOCÁO
Tình hình thu hút đầu tư năm 2010
""", [d("BC", number="210", symbol="BC-SKHĐT",
       issuer="SỞ KẾ HOẠCH VÀ ĐẦU TƯ", place="Lào Cai", date="2010-12-15",
       summary="Tình hình thu hút đầu tư năm 2010", period=period("year", 2010))])

# a notice: the year glued to the type line, CRLF
case("pdf-glued-hatinh", ("Văn phòng UBND", "vp@hatinh.gov.vn"),
     "Thông báo kết luận", """UBND TỈNH HÀ TĨNH
VĂN PHÒNG
Số: 402/TB-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 9 tháng 8 năm 2022THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc về Đề án 06
""", [d("TB", number="402", symbol="TB-VP", issuer="VĂN PHÒNG",
       place="Hà Tĩnh", date="2022-08-09",
       summary="Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc về Đề án 06")],
     crlf=True)

# the symbol glued to "Ngày" of the date, and in a citation
case("pdf-glued-ngay", ("UBND huyện", "ubnd@duyxuyen.quangnam.gov.vn"),
     "Báo cáo phòng chống thiên tai", """UBND HUYỆN DUY XUYÊN
Số: 56/BC-UBNDNgày 10 tháng 3 năm 2023
BÁO CÁO
Công tác phòng, chống thiên tai năm 2022
Thực hiện Công văn số 123/SNN-TL ngày 5/1/2023 và Kế hoạch số 9/KH-UBNDngày 12/1/2023 của UBND tỉnh.
""", [d("BC", number="56", symbol="BC-UBND", issuer="UBND HUYỆN DUY XUYÊN",
       date="2023-03-10", summary="Công tác phòng, chống thiên tai năm 2022",
       period=period("year", 2022),
       references=[ref("CV", "123", "SNN-TL", "2023-01-05"),
                   ref("KH", "9", "KH-UBND", "2023-01-12")])])

# lost hyphens: "QĐUBND", "KHUBND"
case("pdf-hyphen-daklak", ("UBND tỉnh Đắk Lắk", "vp@daklak.gov.vn"),
     "Quyết định thành lập Tổ công tác", """ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
Số: 2315/QĐUBND
Đắk Lắk, ngày 19 tháng 10 năm 2023
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác triển khai Đề án 06
Căn cứ Kế hoạch số 45/KHUBND ngày 3/3/2023 của UBND tỉnh;
""", [d("QĐ", number="2315", symbol="QĐ-UBND",
       issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", place="Đắk Lắk",
       date="2023-10-19",
       summary="Về việc thành lập Tổ công tác triển khai Đề án 06",
       references=[ref("KH", "45", "KH-UBND", "2023-03-03")])])

# negative: symbols without a hyphen that are no lost one
case("pdf-hyphen-neg", ("HĐND tỉnh", "hdnd@kontum.gov.vn"),
     "Công văn HĐND", """HỘI ĐỒNG NHÂN DÂN TỈNH KON TUM
Số: 33/HĐND
V/v chuẩn bị kỳ họp thứ 6
Kon Tum, ngày 2 tháng 11 năm 2023
Căn cứ Công văn số 12/BCĐ ngày 1/11/2023 của Ban Chỉ đạo.
""", [d("CV", number="33", symbol="HĐND",
       issuer="HỘI ĐỒNG NHÂN DÂN TỈNH KON TUM", place="Kon Tum",
       date="2023-11-02", summary="chuẩn bị kỳ họp thứ 6",
       references=[ref("CV", "12", "BCĐ", "2023-11-01")])])

# missing spaces in the date: "tháng11", "ngày12", "năm2023"
case("pdf-nospace-kontum", ("Sở Y tế", "syt@kontum.gov.vn"),
     "Báo cáo y tế tháng 11", """UBND TỈNH KON TUM
SỞ Y TẾ
Số: 610/BC-SYT
Kon Tum, ngày12 tháng11 năm2023
BÁO CÁO
Tình hình khám chữa bệnh tháng11/2023
""", [d("BC", number="610", symbol="BC-SYT", issuer="SỞ Y TẾ",
       place="Kon Tum", date="2023-11-12",
       summary="Tình hình khám chữa bệnh tháng11/2023",
       period=period("month", 2023, 11))])

# stray combining marks: a mark cut off its letter by a space, a mark
# doubled
case("pdf-marks-gialai", ("Sở Nội vụ", "snv@gialai.gov.vn"),
     "Báo cáo thi đua", """UBND TI\u0309NH GIA LAI
SƠ\u0309 NÔ\u0323I VU\u0323
Số: 201/BC-SNV
Gia Lai, nga \u0300y 7 tha \u0301ng 6 năm 2023
BA \u0301O CA \u0301O
Công ta \u0301c thi đua khen thươ\u0309ng 6 tha\u0301ng đầu năm 2023
""", [d("BC", number="201", symbol="BC-SNV", issuer="SỞ NỘI VỤ",
       place="Gia Lai", date="2023-06-07",
       summary="Công tác thi đua khen thưởng 6 tháng đầu năm 2023",
       period=period("half-year", 2023, 1))])

# --- blank and missing numbers -----------------------------------------

# e-signed: "Số:" and "/TTr-VPCP" apart on the line
case("num-blank-vpcp", ("Văn phòng Chính phủ", "vpcp@chinhphu.vn"),
     "Tờ trình dự thảo Nghị định", """VĂN PHÒNG CHÍNH PHỦ             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                 Độc lập - Tự do - Hạnh phúc
Số:          /TTr-VPCP           Hà Nội, ngày   tháng   năm 2023

TỜ TRÌNH
Về dự thảo Nghị định về công tác văn thư
Kính gửi: Thủ tướng Chính phủ.
""", [d("TTr", symbol="TTr-VPCP", issuer="VĂN PHÒNG CHÍNH PHỦ",
       place="Hà Nội", summary="Về dự thảo Nghị định về công tác văn thư",
       recipients=["Thủ tướng Chính phủ"])])

# an e-signed invitation: the number left blank in a spaced header; CRLF
case("num-blank-gm", ("UBND huyện", "ubnd@mocay.bentre.gov.vn"),
     "Giấy mời họp", """ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN MỎ CÀY NAM                 Độc lập - Tự do - Hạnh phúc
Số:     /GM-UBND                 Mỏ Cày Nam, ngày 16 tháng 10 năm 2023
GIẤY MỜI
Họp triển khai Đề án 06 quý IV năm 2023
Kính gửi: Các thành viên Tổ công tác Đề án 06 huyện.
Thời gian: 14 giờ 00, ngày 19/10/2023.
Địa điểm: Hội trường UBND huyện.
""", [d("GM", symbol="GM-UBND", issuer="ỦY BAN NHÂN DÂN HUYỆN MỎ CÀY NAM",
       place="Mỏ Cày Nam", date="2023-10-16",
       summary="Họp triển khai Đề án 06 quý IV năm 2023",
       recipients=["Các thành viên Tổ công tác Đề án 06 huyện"],
       period=period("quarter", 2023, 4),
       meeting=dict(date="2023-10-19", time="14:00",
                    place="Hội trường UBND huyện", chair=None, agenda=None,
                    participants=None))], crlf=True)

# a draft as PDF text: "Số:" then "/BC-UBND" on the next line
case("num-blank-split", ("UBND huyện", "ubnd@phuquoc.kiengiang.gov.vn"),
     "Dự thảo báo cáo", """UBND THÀNH PHỐ PHÚ QUỐC
Số:
/BC-UBND
Phú Quốc, ngày 22 tháng 5 năm 2023
BÁO CÁO
Kết quả thực hiện Đề án 06 tháng 5 năm 2023
""", [d("BC", symbol="BC-UBND", issuer="UBND THÀNH PHỐ PHÚ QUỐC",
       place="Phú Quốc", date="2023-05-22",
       summary="Kết quả thực hiện Đề án 06 tháng 5 năm 2023",
       period=period("month", 2023, 5))])

# no number line at all: still a report
case("num-none-haugiang", ("Hội Nông dân", "hnd@haugiang.gov.vn"),
     "Báo cáo sơ kết 6 tháng", """HỘI NÔNG DÂN TỈNH HẬU GIANG       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                 Độc lập - Tự do - Hạnh phúc
                                 Hậu Giang, ngày 25 tháng 6 năm 2023

BÁO CÁO
Sơ kết công tác Hội sáu tháng đầu năm 2023

Kính gửi: Ban Thường vụ Tỉnh ủy.
II. KHÓ KHĂN, VƯỚNG MẮC
Nguồn vốn hỗ trợ nông dân còn hạn chế.
""", [d("BC", issuer="HỘI NÔNG DÂN TỈNH HẬU GIANG", place="Hậu Giang",
       date="2023-06-25",
       summary="Sơ kết công tác Hội sáu tháng đầu năm 2023",
       recipients=["Ban Thường vụ Tỉnh ủy"], period=period("half-year", 2023, 1),
       difficulties="Nguồn vốn hỗ trợ nông dân còn hạn chế.")])

# no number line, stacked PDF text, NFD
case("num-none-stacked", ("Trường THPT", "thpt@soctrang.edu.vn"),
     "Kế hoạch ôn thi", """SỞ GIÁO DỤC VÀ ĐÀO TẠO SÓC TRĂNG
TRƯỜNG THPT CHUYÊN NGUYỄN THỊ MINH KHAI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Sóc Trăng, ngày 9 tháng 1 năm 2024
KẾ HOẠCH
Ôn thi tốt nghiệp trung học phổ thông năm 2024
""", [d("KH", issuer="TRƯỜNG THPT CHUYÊN NGUYỄN THỊ MINH KHAI",
       place="Sóc Trăng", date="2024-01-09",
       summary="Ôn thi tốt nghiệp trung học phổ thông năm 2024",
       period=period("year", 2024))], nfd=True)

# negatives: a type word and a date in ordinary mail are no document
case("num-none-neg-mail", VT, "Gửi báo cáo tuần", """Kính gửi anh Bình,

Em gửi anh BÁO CÁO tuần này, hạn nộp ngày 15 tháng 12 năm 2023.
BÁO CÁO
Em sẽ bổ sung sau.
""", [])

case("num-none-neg-noagency", VT, "Lịch công tác", """Lịch công tác tuần
Kiên Giang, ngày 4 tháng 12 năm 2023
THÔNG BÁO
Lịch làm việc của Lãnh đạo Sở tuần 49
""", [])

# --- the document's own date --------------------------------------------

case("date-vv-stacked", ("Sở LĐTBXH", "sldtbxh@bacninh.gov.vn"),
     "Công văn thực hiện Công văn 45", """UBND TỈNH BẮC NINH
SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 1502/SLĐTBXH-LĐVL
V/v thực hiện Công văn số 45/UBND-VX ngày 2/3/2023 của UBND tỉnh
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 10 tháng 3 năm 2023
Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.
""", [d("CV", number="1502", symbol="SLĐTBXH-LĐVL",
       issuer="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", place="Bắc Ninh",
       date="2023-03-10",
       summary="thực hiện Công văn số 45/UBND-VX ngày 2/3/2023 của UBND tỉnh",
       recipients=["Ủy ban nhân dân các huyện, thị xã, thành phố"],
       references=[ref("CV", "45", "UBND-VX", "2023-03-02")])])

case("date-vv-columns", ("Sở GTVT", "sgtvt@haiphong.gov.vn"),
     "Công văn triển khai Quyết định 120", """UBND THÀNH PHỐ HẢI PHÒNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIAO THÔNG VẬN TẢI            Độc lập - Tự do - Hạnh phúc
Số: 3310/SGTVT-QLVT
V/v triển khai Quyết định số 120/QĐ-UBND ngày 15/8/2023    Hải Phòng, ngày 28 tháng 8 năm 2023
Kính gửi: Các doanh nghiệp vận tải.
""", [d("CV", number="3310", symbol="SGTVT-QLVT",
       issuer="SỞ GIAO THÔNG VẬN TẢI", place="Hải Phòng", date="2023-08-28",
       summary="triển khai Quyết định số 120/QĐ-UBND ngày 15/8/2023",
       recipients=["Các doanh nghiệp vận tải"],
       references=[ref("QĐ", "120", "QĐ-UBND", "2023-08-15")])], nfd=True,
     crlf=True)

# the cited date written in words, the own date numeric
case("date-vv-words", ("Công an tỉnh", "cat@ninhbinh.gov.vn"),
     "Công văn về Đề án 06", """CÔNG AN TỈNH NINH BÌNH
Số: 880/CAT-PC06
V/v triển khai Kế hoạch số 12/KH-BCĐ ngày 5 tháng 6 năm 2023
Ninh Bình, 20/6/2023
Kính gửi: Công an các huyện, thành phố.
""", [d("CV", number="880", symbol="CAT-PC06", issuer="CÔNG AN TỈNH NINH BÌNH",
       place="Ninh Bình", date="2023-06-20",
       summary="triển khai Kế hoạch số 12/KH-BCĐ ngày 5 tháng 6 năm 2023",
       recipients=["Công an các huyện, thành phố"],
       references=[ref("KH", "12", "KH-BCĐ", "2023-06-05")])])

# negative: a V/v citation and no date line: the document has no date
case("date-vv-neg-nodate", ("Sở Tài chính", "stc@camau.gov.vn"),
     "Dự thảo công văn", """UBND TỈNH CÀ MAU
SỞ TÀI CHÍNH
Số: 77/STC-NS
V/v góp ý Công văn số 9/UBND-KT ngày 4/4/2023
Kính gửi: Sở Kế hoạch và Đầu tư.
""", [d("CV", number="77", symbol="STC-NS", issuer="SỞ TÀI CHÍNH",
       summary="góp ý Công văn số 9/UBND-KT ngày 4/4/2023",
       recipients=["Sở Kế hoạch và Đầu tư"],
       references=[ref("CV", "9", "UBND-KT", "2023-04-04")])])

# --- summaries ----------------------------------------------------------

case("sum-blank-after-type", ("Sở VHTTDL", "svhttdl@quangbinh.gov.vn"),
     "Báo cáo du lịch", """UBND TỈNH QUẢNG BÌNH              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH     Độc lập - Tự do - Hạnh phúc
Số: 415/BC-SVHTTDL                 Quảng Bình, ngày 3 tháng 7 năm 2023

BÁO CÁO

Kết quả hoạt động du lịch 6 tháng đầu năm 2023

Kính gửi: Bộ Văn hóa, Thể thao và Du lịch.
""", [d("BC", number="415", symbol="BC-SVHTTDL",
       issuer="SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", place="Quảng Bình",
       date="2023-07-03",
       summary="Kết quả hoạt động du lịch 6 tháng đầu năm 2023",
       recipients=["Bộ Văn hóa, Thể thao và Du lịch"],
       period=period("half-year", 2023, 1))], crlf=True)

# công văn without "V/v": "Về việc" under the number, after a blank line
case("sum-cv-veviec", ("Sở NN&PTNT", "snn@bentre.gov.vn"),
     "Công văn phòng chống hạn mặn", """UBND TỈNH BẾN TRE               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NÔNG NGHIỆP VÀ PTNT           Độc lập - Tự do - Hạnh phúc
Số: 2210/SNN-TL                  Bến Tre, ngày 6 tháng 12 năm 2023

Về việc chủ động phòng, chống hạn mặn mùa khô 2023-2024

Kính gửi: Ủy ban nhân dân các huyện, thành phố.
""", [d("CV", number="2210", symbol="SNN-TL", issuer="SỞ NÔNG NGHIỆP VÀ PTNT",
       place="Bến Tre", date="2023-12-06",
       summary="chủ động phòng, chống hạn mặn mùa khô 2023-2024",
       recipients=["Ủy ban nhân dân các huyện, thành phố"])])

# công văn, V/v after a blank line, wrapped
case("sum-cv-vv-blank", ("Công an tỉnh", "cat@thanhhoa.gov.vn"),
     "Công văn đề nghị phối hợp", """CÔNG AN TỈNH THANH HÓA
Số: 3012/CAT-PV01

V/v đề nghị phối hợp làm sạch dữ liệu
dân cư trên địa bàn tỉnh
Thanh Hóa, ngày 14 tháng 9 năm 2023
Kính gửi: Sở Tư pháp tỉnh Thanh Hóa.
""", [d("CV", number="3012", symbol="CAT-PV01", issuer="CÔNG AN TỈNH THANH HÓA",
       place="Thanh Hóa", date="2023-09-14",
       summary="đề nghị phối hợp làm sạch dữ liệu dân cư trên địa bàn tỉnh",
       recipients=["Sở Tư pháp tỉnh Thanh Hóa"])], nfd=True)

# negative: a type line with no summary; the body starts at once
case("sum-neg-none", ("Sở Nội vụ", "snv@phuyen.gov.vn"),
     "Thông báo", """UBND TỈNH PHÚ YÊN
SỞ NỘI VỤ
Số: 66/TB-SNV
Phú Yên, ngày 2 tháng 2 năm 2023
THÔNG BÁO

Kính gửi: Các phòng thuộc Sở.
Sở Nội vụ thông báo lịch trực Tết.
""", [d("TB", number="66", symbol="TB-SNV", issuer="SỞ NỘI VỤ",
       place="Phú Yên", date="2023-02-02", recipients=["Các phòng thuộc Sở"])])

# --- sections that say there is none ---------------------------------------

NONE_HEAD = """UBND TỈNH %s               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
%s                   Độc lập - Tự do - Hạnh phúc
Số: %s                    %s, ngày %s

BÁO CÁO
%s
"""

case("none-headed", ("Sở Tư pháp", "stp@ninhthuan.gov.vn"), "Báo cáo quý III",
     NONE_HEAD % ("NINH THUẬN", "SỞ TƯ PHÁP", "140/BC-STP", "Ninh Thuận",
                  "28 tháng 9 năm 2023",
                  "Kết quả thực hiện Đề án 06 quý III năm 2023") + """
I. KẾT QUẢ THỰC HIỆN
Đã số hóa 12.000 hồ sơ hộ tịch.
II. KHÓ KHĂN, VƯỚNG MẮC
Không có.
III. KIẾN NGHỊ, ĐỀ XUẤT
Không.
""", [d("BC", number="140", symbol="BC-STP", issuer="SỞ TƯ PHÁP",
       place="Ninh Thuận", date="2023-09-28",
       summary="Kết quả thực hiện Đề án 06 quý III năm 2023",
       period=period("quarter", 2023, 3))])

case("none-inline", ("Sở TT&TT", "stttt@hagiang.gov.vn"), "Báo cáo tháng 11",
     NONE_HEAD % ("HÀ GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "320/BC-STTTT",
                  "Hà Giang", "30 tháng 11 năm 2023",
                  "Tình hình chuyển đổi số tháng 11 năm 2023") + """
1. Kết quả: hoàn thành 95% chỉ tiêu.
2. Khó khăn, vướng mắc: Không có khó khăn, vướng mắc.
3. Kiến nghị, đề xuất: Chưa có đề xuất.
""", [d("BC", number="320", symbol="BC-STTTT",
       issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", place="Hà Giang",
       date="2023-11-30", summary="Tình hình chuyển đổi số tháng 11 năm 2023",
       period=period("month", 2023, 11))], crlf=True)

case("none-dash", ("UBND huyện", "ubnd@tanhiep.kiengiang.gov.vn"),
     "Báo cáo Đề án 06 tháng 10", """UBND HUYỆN TÂN HIỆP
Số: 418/BC-UBND
Tân Hiệp, ngày 25 tháng 10 năm 2023
BÁO CÁO
Kết quả triển khai Đề án 06 tháng 10/2023
3. Khó khăn, vướng mắc
- Không phát sinh khó khăn, vướng mắc trong kỳ báo cáo.
4. Đề xuất, kiến nghị
- Không có kiến nghị.
Nơi nhận:
- Như trên;
""", [d("BC", number="418", symbol="BC-UBND", issuer="UBND HUYỆN TÂN HIỆP",
       place="Tân Hiệp", date="2023-10-25",
       summary="Kết quả triển khai Đề án 06 tháng 10/2023",
       period=period("month", 2023, 10))], nfd=True)

# negatives: "Không có ..." that is a difficulty, "Chưa có ..." that is one
case("none-neg-real", ("Sở Y tế", "syt@caobang.gov.vn"), "Báo cáo y tế cơ sở",
     NONE_HEAD % ("CAO BẰNG", "SỞ Y TẾ", "502/BC-SYT", "Cao Bằng",
                  "4 tháng 12 năm 2023",
                  "Tình hình y tế cơ sở năm 2023") + """
II. KHÓ KHĂN, VƯỚNG MẮC
Không có kinh phí mua sắm trang thiết bị cho trạm y tế xã.
III. KIẾN NGHỊ, ĐỀ XUẤT
Chưa có hướng dẫn của Bộ Y tế về định mức, đề nghị Bộ ban hành.
""", [d("BC", number="502", symbol="BC-SYT", issuer="SỞ Y TẾ",
       place="Cao Bằng", date="2023-12-04",
       summary="Tình hình y tế cơ sở năm 2023", period=period("year", 2023),
       difficulties="Không có kinh phí mua sắm trang thiết bị cho trạm y tế xã.",
       proposals="Chưa có hướng dẫn của Bộ Y tế về định mức, đề nghị Bộ ban hành.")])

# one of the two sections says there is none, the other has content
case("none-neg-mixed", ("BCH Quân sự", "bchqs@soctrang.gov.vn"),
     "Báo cáo tuyển quân", """BỘ CHỈ HUY QUÂN SỰ TỈNH SÓC TRĂNG
Số: 88/BC-BCH
Sóc Trăng, ngày 1 tháng 3 năm 2023
BÁO CÁO
Kết quả tuyển quân năm 2023
Khó khăn: Không có.
Kiến nghị: Đề nghị Bộ Tư lệnh Quân khu bổ sung chỉ tiêu huấn luyện.
""", [d("BC", number="88", symbol="BC-BCH",
       issuer="BỘ CHỈ HUY QUÂN SỰ TỈNH SÓC TRĂNG", place="Sóc Trăng",
       date="2023-03-01", summary="Kết quả tuyển quân năm 2023",
       period=period("year", 2023),
       proposals="Đề nghị Bộ Tư lệnh Quân khu bổ sung chỉ tiêu huấn luyện.")])

# --- periods in words ----------------------------------------------------

def per(name, prov, agency, num, place, date, iso, summary, p,
        references=(), **kw):
    case(name, ("Văn phòng", "vp@%s.gov.vn" % name), "Báo cáo " + name,
         """UBND TỈNH %s
%s
Số: %s
%s, ngày %s
BÁO CÁO
%s
""" % (prov, agency, num, place, date, summary),
         [d("BC", number=num.split("/")[0], symbol=num.split("/")[1],
            issuer=agency, place=place, date=iso, summary=summary,
            period=p, references=list(references))], **kw)

per("per-sau-thang", "PHÚ THỌ", "SỞ NỘI VỤ", "221/BC-SNV", "Phú Thọ",
    "20 tháng 6 năm 2023", "2023-06-20",
    "Sơ kết công tác nội vụ sáu tháng đầu năm 2023",
    period("half-year", 2023, 1))
per("per-sau-thang-cuoi", "HÒA BÌNH", "SỞ CÔNG THƯƠNG", "15/BC-SCT",
    "Hòa Bình", "5 tháng 1 năm 2024", "2024-01-05",
    "Kết quả thực hiện nhiệm vụ sáu tháng cuối năm 2023",
    period("half-year", 2023, 2), nfd=True)
per("per-chin-thang", "HƯNG YÊN", "SỞ TÀI CHÍNH", "702/BC-STC", "Hưng Yên",
    "2 tháng 10 năm 2023", "2023-10-02",
    "Tình hình thu ngân sách chín tháng đầu năm 2023",
    period("nine-months", 2023))
per("per-quy-roman", "YÊN BÁI", "SỞ Y TẾ", "330/BC-SYT", "Yên Bái",
    "3 tháng 10 năm 2023", "2023-10-03",
    "Kết quả thực hiện Đề án 06 Quý III/2023", period("quarter", 2023, 3),
    crlf=True)
per("per-month-citation", "ĐIỆN BIÊN", "SỞ TƯ PHÁP", "498/BC-STP",
    "Điện Biên", "1 tháng 12 năm 2023", "2023-12-01",
    "Kết quả thực hiện tháng 11/2022 theo Công văn số 1234/UBND-NC ngày 5/10/2022",
    period("month", 2022, 11),
    references=[ref("CV", "1234", "UBND-NC", "2022-10-05")])
# a period written in words with no year: the document's
per("per-sau-thang-noyear", "LAI CHÂU", "SỞ NỘI VỤ", "118/BC-SNV",
    "Lai Châu", "22 tháng 6 năm 2023", "2023-06-22",
    "Sơ kết sáu tháng đầu năm", period("half-year", 2023, 1))
# negative: "sáu tháng" with neither đầu nor cuối is no half-year
per("per-neg-sau-thang", "BẮC KẠN", "SỞ XÂY DỰNG", "77/BC-SXD", "Bắc Kạn",
    "9 tháng 8 năm 2023", "2023-08-09",
    "Tiến độ dự án sau sáu tháng thi công năm 2023", period("year", 2023))

for name, raw, exp in cases:
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")
print("%d cases" % len(cases))
