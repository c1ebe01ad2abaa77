#!/usr/bin/env python3
"""Builds the analysis corpus: tests/corpus/NAME.eml and the expected
analysis NAME.json, from realistic Decree 30 documents written here (wording
after /work/shared/seeds). Each case states its expected facts; check.py
compares `dondoc analyze --json` against them. Re-run after editing:
    python3 tests/corpus/gen-corpus.py tests/corpus
"""
import base64, io, json, os, quopri, subprocess, sys, unicodedata, zipfile
from email.header import Header

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)

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

# --- documents ---------------------------------------------------------

BC_TEXT = """UBND TỈNH KIÊN GIANG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN CHỈ ĐẠO ĐỀ ÁN 06                   Độc lập - Tự do - Hạnh phúc
     -------                               ---------------
Số: 17/BC-BCĐ                Kiên Giang, ngày 31 tháng 3 năm 2022

                           BÁO CÁO
      Kết quả thực hiện Đề án 06 quý I năm 2022

Kính gửi: Tổ công tác triển khai Đề án 06 Chính phủ.

Thực hiện Công văn số 1234/UBND-KT ngày 15/3/2022 của UBND tỉnh và Thông báo kết luận số 12/TB-BCĐ của Ban Chỉ đạo, Ban Chỉ đạo Đề án 06 tỉnh báo cáo như sau:

I. KẾT QUẢ THỰC HIỆN
1. Công tác chỉ đạo, điều hành: đã ban hành 05 văn bản chỉ đạo.
2. Thu nhận hồ sơ cấp căn cước công dân: 45.210 hồ sơ.

II. KHÓ KHĂN, VƯỚNG MẮC
1. Hạ tầng mạng cấp xã chưa đáp ứng yêu cầu kết nối.
2. Thiếu kinh phí mua sắm thiết bị đầu đọc chip.

III. KIẾN NGHỊ, ĐỀ XUẤT
Đề nghị Bộ Công an hỗ trợ kinh phí trang bị thiết bị cho cấp xã.

Nơi nhận:
- Như trên;
- Lưu: VT.
                                              TRƯỞNG BAN
"""
BC_DOC = doc(type="BC", type_name="Báo cáo", number="17", symbol="BC-BCĐ",
             issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang",
             date="2022-03-31",
             summary="Kết quả thực hiện Đề án 06 quý I năm 2022",
             recipients=["Tổ công tác triển khai Đề án 06 Chính phủ"],
             period=period("quarter", 2022, 1),
             references=[ref("CV", "1234", "UBND-KT", "2022-03-15"),
                         ref("TB", "12", "TB-BCĐ")],
             difficulties="1. Hạ tầng mạng cấp xã chưa đáp ứng yêu cầu kết nối.\n2. Thiếu kinh phí mua sắm thiết bị đầu đọc chip.",
             proposals="Đề nghị Bộ Công an hỗ trợ kinh phí trang bị thiết bị cho cấp xã.")

KH_ROWS = [("UBND TỈNH KIÊN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
           ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Độc lập - Tự do - Hạnh phúc"),
           ("Số: 45 / KH - STTTT", "Kiên Giang, ngày 5 tháng 7 năm 2022")]
KH_BODY = ["HOẢ TỐC", "KẾ HOẠCH",
           "Triển khai các nhiệm vụ chuyển đổi số 6 tháng cuối năm 2022",
           "Kính gửi:", "- Ủy ban nhân dân các huyện, thành phố;",
           "- Các sở, ban, ngành tỉnh.",
           "Căn cứ Quyết định số 61/QĐ-BCĐ ngày 31/3/2022 của Ban Chỉ đạo Đề án 06 tỉnh;",
           "1. Khó khăn, vướng mắc: thiếu nhân lực kỹ thuật tại cấp huyện.",
           "2. Đề xuất: bổ sung biên chế cho Trung tâm Chuyển đổi số."]
KH_DOC = doc(type="KH", type_name="Kế hoạch", number="45", symbol="KH-STTTT",
             issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
             place="Kiên Giang", date="2022-07-05",
             summary="Triển khai các nhiệm vụ chuyển đổi số 6 tháng cuối năm 2022",
             recipients=["Ủy ban nhân dân các huyện, thành phố",
                         "Các sở, ban, ngành tỉnh"],
             period=period("half-year", 2022, 2), urgency="HỎA TỐC",
             references=[ref("QĐ", "61", "QĐ-BCĐ", "2022-03-31")],
             difficulties="thiếu nhân lực kỹ thuật tại cấp huyện.",
             proposals="bổ sung biên chế cho Trung tâm Chuyển đổi số.")

def kh_html():
    rows = "".join("<tr><td><p align=center><b>%s</b></p></td>"
                   "<td><p align=center><b>%s</b></p></td></tr>\n" % r
                   for r in KH_ROWS)
    body = "".join("<p>%s</p>\n" % l.replace("Ủ", "&#7910;") for l in KH_BODY)
    return ("<html><head><style>p {margin:0}</style></head><body>\n"
            "<table width=100%%>%s</table>\n%s"
            "<p>N&#417;i nh&#7853;n:<br>- Nh&#432; tr&ecirc;n;<br>- L&#432;u: VT.</p>"
            "</body></html>\n" % (rows, body))

TTR_PARAS = ["CÔNG AN TỈNH KIÊN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", "Số: 17/Ttr-BCĐ-CAT",
             "Kiên Giang, ngày 14 tháng 3 năm 2022", "TỜ TRÌNH",
             "Về việc ban hành Quy chế hoạt động của Ban Chỉ đạo Đề án 06 tỉnh",
             "Kính gửi: Trưởng Ban Chỉ đạo Đề án 06 tỉnh.",
             "Căn cứ Quyết định số 671/QĐ-UBND ngày 10 tháng 3 năm 2022 của Chủ tịch Ủy ban nhân dân tỉnh;",
             "Công an tỉnh kính trình Trưởng Ban Chỉ đạo xem xét, ban hành Quy chế."]
TTR_DOC = doc(source="attachment:Tờ trình 17.docx", type="TTr",
              type_name="Tờ trình", number="17", symbol="Ttr-BCĐ-CAT",
              issuer="CÔNG AN TỈNH KIÊN GIANG", place="Kiên Giang",
              date="2022-03-14",
              summary="Về việc ban hành Quy chế hoạt động của Ban Chỉ đạo Đề án 06 tỉnh",
              recipients=["Trưởng Ban Chỉ đạo Đề án 06 tỉnh"],
              references=[ref("QĐ", "671", "QĐ-UBND", "2022-03-10")])

CV_TEXT = """UBND TỈNH KIÊN GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VĂN PHÒNG                           Độc lập - Tự do - Hạnh phúc
MẬT
Số: 1234/VP-KT                 Kiên Giang, ngày 15 tháng 3 năm 2022
V/v báo cáo tình hình triển khai
dịch vụ công trực tuyến năm 2022

Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.

Văn phòng UBND tỉnh đề nghị các đơn vị báo cáo trước ngày 25/3/2022.
"""
CV_DOC = doc(type="CV", type_name="Công văn", number="1234", symbol="VP-KT",
             issuer="VĂN PHÒNG", place="Kiên Giang", date="2022-03-15",
             summary="báo cáo tình hình triển khai dịch vụ công trực tuyến năm 2022",
             recipients=["Ban Chỉ đạo Đề án 06 tỉnh"],
             period=period("year", 2022), secrecy="MẬT")

PARTY_TEXT = """ĐẢNG BỘ TỈNH KIÊN GIANG                ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY CHÂU THÀNH
*
Số 198-BC/HU                     Châu Thành, ngày 20 tháng 12 năm 2022

BÁO CÁO
tổng kết công tác năm 2022

Ban Thường vụ Huyện ủy báo cáo như sau.
"""
PARTY_DOC = doc(type="BC", type_name="Báo cáo", number="198", symbol="BC/HU",
                issuer="HUYỆN ỦY CHÂU THÀNH", place="Châu Thành",
                date="2022-12-20", summary="tổng kết công tác năm 2022",
                period=period("year", 2022))

TB_TEXT = """UBND HUYỆN GIỒNG RIỀNG
Số: /TB-UBND
Giồng Riềng, ngày   tháng   năm 2023
THÔNG BÁO
Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng 3/2023
"""
TB_DOC = doc(type="TB", type_name="Thông báo", number=None, symbol="TB-UBND",
             issuer="UBND HUYỆN GIỒNG RIỀNG", place="Giồng Riềng",
             date=None,
             summary="Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng 3/2023",
             period=period("month", 2023, 3))

GM_TEXT = """UBND TỈNH KIÊN GIANG
SỞ NỘI VỤ
Số: 52/GM-SNV                       Rạch Giá, 20/3/2023
GIẤY MỜI
Họp sơ kết công tác cải cách hành chính tháng 3 năm 2023
Kính gửi: Lãnh đạo các phòng thuộc Sở; Chánh Văn phòng Sở.
Thời gian: 14 giờ 00, ngày 24/3/2023.
"""
GM_DOC = doc(type="GM", type_name="Giấy mời", number="52", symbol="GM-SNV",
             issuer="SỞ NỘI VỤ", place="Rạch Giá", date="2023-03-20",
             summary="Họp sơ kết công tác cải cách hành chính tháng 3 năm 2023",
             recipients=["Lãnh đạo các phòng thuộc Sở",
                         "Chánh Văn phòng Sở"],
             period=period("month", 2023, 3),
             meeting=dict(date="2023-03-24", time="14:00", place=None,
                          chair=None, agenda=None, participants=None))

BC2_TEXT = """UBND TỈNH KIÊN GIANG
SỞ Y TẾ
KHẨN
Số: 88/BC-SYT                  Kiên Giang, ngày 2 tháng 7 năm 2023
BÁO CÁO
Tình hình thực hiện Đề án 06 quý 2 năm 2023
Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.
Khó khăn: kết nối dữ liệu tiêm chủng còn chậm.
Kiến nghị: Công an tỉnh hỗ trợ đồng bộ dữ liệu dân cư.
"""
BC2_DOC = doc(type="BC", type_name="Báo cáo", number="88", symbol="BC-SYT",
              issuer="SỞ Y TẾ", place="Kiên Giang", date="2023-07-02",
              summary="Tình hình thực hiện Đề án 06 quý 2 năm 2023",
              recipients=["Ban Chỉ đạo Đề án 06 tỉnh"],
              period=period("quarter", 2023, 2), urgency="KHẨN",
              difficulties="kết nối dữ liệu tiêm chủng còn chậm.",
              proposals="Công an tỉnh hỗ trợ đồng bộ dữ liệu dân cư.")

BC9_TEXT = """UBND TỈNH KIÊN GIANG
SỞ TÀI CHÍNH
Số: 301/BC-STC                  Kiên Giang, ngày 5 tháng 10 năm 2023
BÁO CÁO
Tình hình thực hiện dự toán ngân sách 9 tháng đầu năm 2023
"""
BC9_DOC = doc(type="BC", type_name="Báo cáo", number="301", symbol="BC-STC",
              issuer="SỞ TÀI CHÍNH", place="Kiên Giang", date="2023-10-05",
              summary="Tình hình thực hiện dự toán ngân sách 9 tháng đầu năm 2023",
              period=period("nine-months", 2023))

# --- encoders ----------------------------------------------------------

def cp1258(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            # letter with its shape mark precomposed, tone combining
            nfd = unicodedata.normalize("NFD", ch)
            base = nfd[0] + "".join(m for m in nfd[1:]
                                    if m in "\u0302\u0306\u031b")
            tones = "".join(m for m in nfd[1:] if m not in "\u0302\u0306\u031b")
            out += unicodedata.normalize("NFC", base).encode("cp1258")
            out += tones.encode("cp1258")
    return bytes(out)

VNI_MARK = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5,
            "\u0323": 0xEF}
VNI_CIRC = {None: 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5,
            "\u0303": 0xE3, "\u0323": 0xE4}
VNI_BREVE = {None: 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA,
             "\u0303": 0xFC, "\u0323": 0xEB}
VNI_LETTER = {"ơ": 0xF4, "ư": 0xF6, "đ": 0xF1, "í": 0xED, "ì": 0xEC,
              "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2, "ỵ": 0xEE}

def vni(text):
    """The VNI-Windows font encoding, as old Word documents used it."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        up = ch != low
        if ord(ch) < 0x80:
            out.append(ord(ch)); continue
        if low in VNI_LETTER:
            out.append(VNI_LETTER[low] - (0x20 if up else 0)); continue
        nfd = unicodedata.normalize("NFD", low)
        base, marks = nfd[0], list(nfd[1:])
        if "\u031b" in marks:           # horn: ơ ư
            marks.remove("\u031b")
            out.append(VNI_LETTER["ơ" if base == "o" else "ư"] - (0x20 if up else 0))
        else:
            out.append(ord(base.upper() if up else base))
        shape = None
        for m in ("\u0302", "\u0306"):
            if m in marks:
                shape = m; marks.remove(m)
        tone = marks[0] if marks else None
        if shape == "\u0302":
            b = VNI_CIRC[tone]
        elif shape == "\u0306":
            b = VNI_BREVE[tone]
        elif tone is not None:
            b = VNI_MARK[tone]
        else:
            continue
        out.append(b - (0x20 if up else 0))
    return bytes(out)

def tcvn3(text):
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"],
                          input=text.encode(), capture_output=True,
                          check=True).stdout

def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i+76] for i in range(0, len(s), 76)) + "\n"

def hdr(s):
    return Header(s, "utf-8").encode()

def headers(mid, subject, ctype, cte=None, extra=""):
    h = ("From: %s <vanthu@kiengiang.gov.vn>\nTo: bcd06@kiengiang.gov.vn\n"
         "Subject: %s\nMessage-ID: <%s@corpus.dondoc>\n"
         "Date: Mon, 4 Apr 2022 08:00:00 +0700\nMIME-Version: 1.0\n%s"
         "Content-Type: %s\n" % (hdr("Văn thư"), hdr(subject), mid, extra,
                                  ctype))
    if cte:
        h += "Content-Transfer-Encoding: %s\n" % cte
    return h + "\n"

def zinfo(name):
    """A fixed time stamp: the corpus regenerates byte for byte."""
    info = zipfile.ZipInfo(name, date_time=(2022, 3, 14, 8, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info

def docx(paras, left=(), right=()):
    def p(text):
        return ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/>'
                '</w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text)
    # agency and motto side by side in a table, as Word templates do
    table = ""
    if left or right:
        table = ('<w:tbl><w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>'
                 % ("".join(map(p, left)), "".join(map(p, right))))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>%s%s</w:body></w:document>' % (table, "".join(map(p, paras))))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zinfo("[Content_Types].xml"), '<?xml version="1.0"?><Types/>')
        z.writestr(zinfo("word/document.xml"), xml)
    return buf.getvalue()

def odt(paras):
    body = "".join("<text:p>%s</text:p>" % p for p in paras)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
           '<office:body><office:text>%s</office:text></office:body>'
           '</office:document-content>' % body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zinfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr(zinfo("content.xml"), xml)
    return buf.getvalue()

# --- cases -------------------------------------------------------------

cases = []

def case(name, subject, raw, docs, warnings=()):
    cases.append((name, subject, raw, docs, list(warnings)))

def expect(name, subject, docs, warnings):
    return {"message_id": "<%s@corpus.dondoc>" % name,
            "from": "Văn thư <vanthu@kiengiang.gov.vn>",
            "subject": subject, "documents": docs, "warnings": warnings}

s = "Báo cáo kết quả Đề án 06 quý I/2022"
case("plain", s, headers("plain", s, "text/plain; charset=utf-8", "8bit").encode()
     + BC_TEXT.encode(), [BC_DOC])

s = "Kế hoạch chuyển đổi số 6 tháng cuối năm"
plain = "\n".join(a + "    " + b for a, b in KH_ROWS) + "\n" + "\n".join(KH_BODY)
raw = headers("html-table", s, 'multipart/alternative; boundary="alt1"').encode()
raw += (b"--alt1\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(plain.encode()) + b"\n--alt1\n"
        b"Content-Type: text/html; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\n"
        + b64(kh_html().encode()).encode() + b"--alt1--\n")
case("html-table", s, raw, [KH_DOC])

s = "Tờ trình ban hành Quy chế"
fname = "Tờ trình 17.docx"
from urllib.parse import quote
raw = headers("docx", s, 'multipart/mixed; boundary="mix1"').encode()
raw += ("--mix1\nContent-Type: text/plain; charset=utf-8\n\n"
        "Kính gửi anh chị, Công an tỉnh gửi kèm tờ trình.\n--mix1\n"
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\n"
        "Content-Disposition: attachment;\n filename*=utf-8''%s\n"
        "Content-Transfer-Encoding: base64\n\n" % quote(fname)).encode()
raw += b64(docx(TTR_PARAS[5:], left=[TTR_PARAS[0], TTR_PARAS[3]],
                right=[TTR_PARAS[1], TTR_PARAS[2], TTR_PARAS[4]])).encode()
raw += ("--mix1\nContent-Type: image/png; name=\"logo.png\"\n"
        "Content-Transfer-Encoding: base64\n\n%s--mix1\n"
        "Content-Type: application/vnd.oasis.opendocument.text;\n"
        " name=\"=?UTF-8?B?%s?=\"\nContent-Transfer-Encoding: base64\n\n"
        % (b64(b"\x89PNG\r\n\x1a\n" + "Số: 9/BC-X".encode()),
           base64.b64encode("Giấy mời.odt".encode()).decode())).encode()
raw += b64(odt(GM_TEXT.split("\n"))).encode() + b"--mix1--\n"
case("docx", s, raw, [TTR_DOC, dict(GM_DOC, source="attachment:Giấy mời.odt")])

s = "Fwd: Công văn 1234/VP-KT"
body = ("Chuyển anh Bình xử lý.\n\n---------- Forwarded message ---------\n"
        "From: Văn phòng UBND tỉnh <vp@kiengiang.gov.vn>\n"
        "Date: Tue, 15 Mar 2022 at 10:12\nSubject: Công văn 1234/VP-KT\n\n"
        + CV_TEXT)
case("forwarded", s, headers("forwarded", s, "text/plain; charset=utf-8",
                             "8bit").encode() + body.encode(), [CV_DOC])

s = "Re: Kế hoạch chuyển đổi số"
body = ("Kính gửi Sở Thông tin và Truyền thông,\nHuyện ủy gửi báo cáo năm.\n\n"
        + PARTY_TEXT + "\nVào 10:00 ngày 5/7/2022, Sở TTTT viết:\n"
        + "".join("> " + l + "\n" for l in
                  [a + "    " + b for a, b in KH_ROWS] + KH_BODY))
case("reply-quoted", s, headers("reply-quoted", s, "text/plain; charset=utf-8",
                                "8bit").encode() + body.encode(), [PARTY_DOC])

s = "Re: Thông báo kết luận"
body = "Đã nhận, xin cảm ơn.\n\n" + "".join("> " + l + "\n" for l in TB_TEXT.split("\n"))
case("reply-only-quoted", s, headers("reply-only-quoted", s,
     "text/plain; charset=utf-8", "8bit").encode() + body.encode(), [TB_DOC])

s = "Giấy mời họp"
nfd = unicodedata.normalize("NFD", GM_TEXT)
case("nfd", s, headers("nfd", s, "text/plain; charset=utf-8",
     "quoted-printable").encode() + quopri.encodestring(nfd.encode()), [GM_DOC])

s = "Báo cáo quý 2"
case("windows-1258", s, headers("windows-1258", s,
     "text/plain; charset=windows-1258", "8bit").encode() + cp1258(BC2_TEXT),
     [BC2_DOC])

s = "Báo cáo năm Huyện ủy"
case("tcvn3", s, headers("tcvn3", s, "text/plain; charset=iso-8859-1",
     "8bit").encode() + tcvn3(PARTY_TEXT), [PARTY_DOC])

s = "Báo cáo 9 tháng"
case("vni", s, headers("vni", s, "text/plain; charset=windows-1252",
     "quoted-printable").encode() + quopri.encodestring(vni(BC9_TEXT)),
     [BC9_DOC])

# The real decision of the seed (/work/shared/seeds), as Outlook sends a
# long text: base64. Its layout is a Word export: no agency lines, the
# date on its own line, the summary in markdown bold.
SEED = "/work/shared/seeds/quy-che-bcd-de-an-06-kien-giang.txt"
if os.path.exists(SEED):
    with open(SEED, "rb") as f:
        seed = f.read()
    s = "Quyết định 61/QĐ-BCĐ ban hành Quy chế"
    case("seed-decision", s, headers("seed-decision", s,
         "text/plain; charset=utf-8", "base64").encode() + b64(seed).encode(),
         [doc(type="QĐ", type_name="Quyết định", number="61", symbol="QĐ-BCĐ",
              place="Kiên Giang", date="2022-03-31",
              summary="Ban hành Quy chế hoạt động của Ban Chỉ đạo, Tổ giúp việc Đề án 06 tỉnh Kiên Giang",
              references=[ref("QĐ", "671", "QĐ-UBND", "2022-03-10"),
                          ref("TTr", "17", "TTr-BCĐ-CAT", "2022-03-14"),
                          ref("QĐ", "06", "QĐ-TTg", "2022-01-06")])])

# An html reply quoting the document in <blockquote>: the only document,
# so it is reported although quoted.
s = "RE: Giấy mời họp"
html = ("<html><body><div>Đã nhận, sẽ tham dự.</div><blockquote>"
        + "".join("<div>%s</div>" % l for l in GM_TEXT.split("\n") if l)
        + "</blockquote></body></html>")
case("html-blockquote", s, headers("html-blockquote", s,
     "text/html; charset=utf-8", "quoted-printable").encode()
     + quopri.encodestring(html.encode()), [GM_DOC])

# Outlook: multipart/alternative { text/plain, multipart/related {
# text/html in windows-1258 with Word's MsoNormal markup, logo } }.
s = "Công văn 1234/VP-KT về dịch vụ công"
mso = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
       '<meta http-equiv=Content-Type content="text/html; charset=windows-1258">'
       '<style><!-- p.MsoNormal {margin:0cm} --></style></head><body lang=VI>'
       '<table class=MsoNormalTable><tr><td><p class=MsoNormal align=center>'
       '<b><span lang=VI>UBND TỈNH KIÊN GIANG<o:p></o:p></span></b></p>'
       '<p class=MsoNormal align=center><b>VĂN PHÒNG</b></p>'
       '<p class=MsoNormal align=center>MẬT</p>'
       '<p class=MsoNormal>Số: 1234/VP-KT</p>'
       '<p class=MsoNormal>V/v báo cáo tình hình triển khai</p>'
       '<p class=MsoNormal>dịch vụ công trực tuyến năm 2022</p></td>'
       '<td><p class=MsoNormal align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>'
       '<p class=MsoNormal align=center><b>Độc lập - Tự do - Hạnh phúc</b></p>'
       '<p class=MsoNormal align=center><i>Kiên Giang, ngày 15 tháng 3 năm 2022</i></p>'
       '</td></tr></table><p class=MsoNormal>&nbsp;</p>'
       '<p class=MsoNormal>Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.</p>'
       '<p class=MsoNormal>Văn phòng UBND tỉnh đề nghị các đơn vị báo cáo.</p>'
       '<p class=MsoNormal><img src="cid:logo@x"></p></body></html>')
raw = headers("outlook-related", s, 'multipart/alternative; boundary="alt"').encode()
raw += (b"--alt\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(CV_TEXT.replace("  ", " ").encode())
        + b"\n--alt\nContent-Type: multipart/related; boundary=\"rel\"\n\n"
        b"--rel\nContent-Type: text/html; charset=windows-1258\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(cp1258(mso))
        + b"\n--rel\nContent-Type: image/png; name=logo.png\n"
        b"Content-ID: <logo@x>\nContent-Transfer-Encoding: base64\n\n"
        + b64(b"\x89PNG\r\n\x1a\nlogo").encode() + b"--rel--\n--alt--\n")
case("outlook-related", s, raw, [CV_DOC])

# A document typed in a VNI font, pasted into webmail: the mail is honest
# UTF-8, but of the font's Latin-1 glyphs ("Soá" for "Số").
s = "Báo cáo 9 tháng (dán từ Word)"
glyphs = vni(BC9_TEXT).decode("cp1252")
html = "<div dir=ltr>" + "".join("<div>%s</div>" % l for l in glyphs.split("\n") if l) + "</div>"
case("legacy-paste", s, headers("legacy-paste", s, "text/html; charset=UTF-8",
     "base64").encode() + b64(html.encode()).encode(), [BC9_DOC])

for name, subject, raw, docs, warnings in cases:
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(expect(name, subject, docs, warnings), f,
                  ensure_ascii=False, indent=1)
        f.write("\n")
print("%d cases" % len(cases))
