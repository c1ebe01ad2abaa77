#!/usr/bin/env python3
"""Builds the corpus of replies about attending a meeting (O8):
tests/corpus/committee/reply-*.eml and the expected analysis reply-*.json.
Members write "xin vắng", "cử ... dự thay", "ủy quyền" in a short mail
body, in a formal công văn attached as .docx, in Outlook and Thunderbird
replies quoting the notice, in NFD text; the secretariat consents; and
mails that mention "vắng" or "cử" in another sense, or ask for consent,
are not what they seem. check.py compares `dondoc analyze --json`.
Re-run after editing:
    python3 tests/corpus/gen-attendance.py tests/corpus/committee
"""
import base64, io, json, os, quopri, sys, unicodedata, zipfile
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


def ref(t, n, s, d=None):
    return dict(type=t, number=n, symbol=s, date=d)


def reply(kind, words, delegate=None, date=None, cited=(), source="body",
          meeting_words=True):
    return dict(kind=kind, source=source, words=words, delegate=delegate,
                meeting_words=meeting_words, meeting_date=date,
                cited=[dict(number=n, symbol=s) for n, s in cited])


def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i+76] for i in range(0, len(s), 76)) + "\n"


def hdr(s):
    return Header(s, "utf-8").encode()


def headers(mid, subject, ctype, sender, cte=None, extra=""):
    h = ("From: %s <%s>\nTo: Tổ giúp việc <tgv@kiengiang.gov.vn>\n"
         "Subject: %s\nMessage-ID: <%s@committee.dondoc>\n"
         "Date: Thu, 11 Jun 2026 08:00:00 +0700\nMIME-Version: 1.0\n"
         "Content-Type: %s\n" % (hdr(sender[0]), sender[1], hdr(subject),
                                  mid, ctype))
    if cte:
        h += "Content-Transfer-Encoding: %s\n" % cte
    return (h + extra + "\n").replace("To: Tổ giúp việc", "To: " + hdr("Tổ giúp việc"))


def plain(mid, subject, text, sender, cte="8bit", extra=""):
    body = text.encode() if cte == "8bit" else quopri.encodestring(text.encode())
    return headers(mid, subject, "text/plain; charset=utf-8", sender, cte,
                   extra).encode() + body


def html_mail(mid, subject, text, html, sender, extra=""):
    raw = headers(mid, subject, 'multipart/alternative; boundary="alt"',
                  sender, extra=extra).encode()
    raw += (b"--alt\nContent-Type: text/plain; charset=utf-8\n"
            b"Content-Transfer-Encoding: quoted-printable\n\n"
            + quopri.encodestring(text.encode()) + b"\n--alt\n"
            b"Content-Type: text/html; charset=utf-8\n"
            b"Content-Transfer-Encoding: base64\n\n"
            + b64(html.encode()).encode() + b"--alt--\n")
    return raw


def zinfo(name):
    info = zipfile.ZipInfo(name, date_time=(2026, 6, 11, 8, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def w_p(text):
    return ('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>'
            % text.replace("&", "&amp;").replace("<", "&lt;"))


def docx(paragraphs):
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>%s</w:body></w:document>' % "".join(w_p(p) for p in paragraphs))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zinfo("[Content_Types].xml"), '<?xml version="1.0"?><Types/>')
        z.writestr(zinfo("word/document.xml"), xml)
    return buf.getvalue()


def docx_mail(mid, subject, note, fname, data, sender, extra=""):
    raw = headers(mid, subject, 'multipart/mixed; boundary="mix"', sender,
                  extra=extra).encode()
    raw += ("--mix\nContent-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n%s\n--mix\n"
            "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\n"
            "Content-Disposition: attachment;\n filename*=utf-8''%s\n"
            "Content-Transfer-Encoding: base64\n\n" % (note, quote(fname))).encode()
    return raw + b64(data).encode() + b"--mix--\n"


SXD = ("Văn phòng Sở Xây dựng", "vanphong@sxd.kiengiang.gov.vn")
STTTT = ("Sở Thông tin và Truyền thông", "stttt@kiengiang.gov.vn")
SYT = ("Sở Y tế", "syt@kiengiang.gov.vn")
PQ = ("UBND thành phố Phú Quốc", "vanthu@phuquoc.kiengiang.gov.vn")
TGV = ("Tổ giúp việc BCĐ 06", "tgv@kiengiang.gov.vn")
REPLY_TO_GM = "In-Reply-To: <gm-12@committee.dondoc>\nReferences: <gm-12@committee.dondoc>\n"

# The notice as members quote it.
GM = ("BAN CHỈ ĐẠO ĐỀ ÁN 06\nSố: 12/GM-BCĐ\nKiên Giang, ngày 10 tháng 6 năm 2026\n"
      "GIẤY MỜI\nHọp Ban Chỉ đạo Đề án 06 tỉnh\n"
      "Thời gian: 14 giờ 00 phút, ngày 15/6/2026.\n"
      "Địa điểm: Hội trường Công an tỉnh.\n")
GM_DOC = doc(type="GM", type_name="Giấy mời", number="12", symbol="GM-BCĐ",
             issuer="BAN CHỈ ĐẠO ĐỀ ÁN 06", place="Kiên Giang",
             date="2026-06-10", summary="Họp Ban Chỉ đạo Đề án 06 tỉnh",
             meeting=dict(date="2026-06-15", time="14:00",
                          place="Hội trường Công an tỉnh", chair=None,
                          agenda=None, participants=None))

cases = []


def case(name, subject, raw, docs, att, sender):
    cases.append((name, subject, raw, docs, att, sender))


# 1. The shortest form: a mail body, no document, the date in the text.
T = ("Kính gửi Tổ giúp việc,\n\n"
     "Sở Xây dựng xin phép vắng mặt tại cuộc họp Ban Chỉ đạo ngày 15/6/2026 "
     "do Giám đốc Sở đi công tác tại Hà Nội.\n\nTrân trọng.\nVăn phòng Sở Xây dựng\n")
s = "Xin vắng họp BCĐ 06"
case("reply-absent-plain", s, plain("reply-absent-plain", s, T, SXD), [],
     reply("absent", "Sở Xây dựng xin phép vắng mặt tại cuộc họp Ban Chỉ đạo "
           "ngày 15/6/2026 do Giám đốc Sở đi công tác tại Hà Nội",
           date="2026-06-15"), SXD)

# 2. Thunderbird: own words above "On ... wrote:", the notice quoted.
T = ("Kính gửi Tổ giúp việc,\n"
     "Giám đốc Sở bận tiếp đoàn công tác của Bộ, Sở Thông tin và Truyền thông "
     "cử đồng chí Lê Thị Hoa, Phó Giám đốc Sở, tham dự thay.\n\n"
     "On 6/10/26 8:00 AM, Văn phòng Ban Chỉ đạo wrote:\n>\n"
     + "".join("> " + l + "\n" for l in GM.splitlines()) +
     ">\n> Đề nghị thành viên vắng mặt báo cáo, xin ý kiến người chủ trì.\n")
s = "Re: Giấy mời họp Ban Chỉ đạo Đề án 06"
case("reply-delegate-thunderbird", s,
     plain("reply-delegate-thunderbird", s, T, STTTT, extra=REPLY_TO_GM),
     [dict(GM_DOC)],
     reply("delegate", "Giám đốc Sở bận tiếp đoàn công tác của Bộ, Sở Thông "
           "tin và Truyền thông cử đồng chí Lê Thị Hoa, Phó Giám đốc Sở, "
           "tham dự thay", delegate="đồng chí Lê Thị Hoa, Phó Giám đốc Sở"),
     STTTT)

# 3. Outlook html: own words, then the "-----Original Message-----" block
# (which says "vắng" itself: not this mail's words).
T = ("Kính gửi Tổ giúp việc,\r\n\r\nĐồng chí Giám đốc Sở Xây dựng không thể dự "
     "họp theo Giấy mời số 12/GM-BCĐ; Giám đốc Sở ủy quyền cho ông Phạm Văn "
     "Đức, Trưởng phòng Quản lý xây dựng, tham dự.\r\n\r\n"
     "-----Original Message-----\r\nFrom: Văn phòng Ban Chỉ đạo\r\n"
     "Sent: Wednesday, June 10, 2026 8:00 AM\r\nSubject: Giấy mời họp\r\n\r\n"
     "Thành viên vắng mặt phải báo cáo và được sự đồng ý của người chủ trì.\r\n")
H = ("<html><body><div>Kính gửi Tổ giúp việc,</div><div><br></div>"
     "<div>Đồng chí Giám đốc Sở Xây dựng không thể dự họp theo Giấy mời số "
     "12/GM-BCĐ; Giám đốc Sở ủy quyền cho ông Phạm Văn Đức, Trưởng phòng "
     "Quản lý xây dựng, tham dự.</div><div><br></div>"
     "<div>-----Original Message-----<br>From: Văn phòng Ban Chỉ đạo<br>"
     "Sent: Wednesday, June 10, 2026 8:00 AM<br>Subject: Giấy mời họp</div>"
     "<div>Thành viên vắng mặt phải báo cáo và được sự đồng ý của người chủ "
     "trì.</div></body></html>")
s = "RE: Giấy mời họp"
case("reply-delegate-outlook", s, html_mail("reply-delegate-outlook", s, T, H, SXD),
     [], reply("delegate", "Giám đốc Sở ủy quyền cho ông Phạm Văn Đức, "
               "Trưởng phòng Quản lý xây dựng, tham dự",
               delegate="ông Phạm Văn Đức, Trưởng phòng Quản lý xây dựng",
               cited=[("12", "GM-BCĐ")]), SXD)

# 4. A formal công văn as .docx, a one-line mail body.
P = ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", "Số: 245/SYT-VP",
     "V/v xin vắng mặt cuộc họp Ban Chỉ đạo", "Kiên Giang, ngày 11 tháng 6 năm 2026",
     "Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.",
     "Thực hiện Giấy mời số 12/GM-BCĐ ngày 10/6/2026 của Ban Chỉ đạo Đề án 06 "
     "tỉnh, do Giám đốc Sở Y tế bận công tác nên không thể tham dự cuộc họp.",
     "Sở Y tế cử bà Nguyễn Thị Mai, Phó Giám đốc Sở, dự họp thay và sẽ gửi ý "
     "kiến góp ý bằng văn bản.", "Trân trọng./.", "GIÁM ĐỐC"]
s = "Công văn 245/SYT-VP"
case("reply-delegate-cong-van-docx", s,
     docx_mail("reply-delegate-cong-van-docx", s, "Sở Y tế gửi công văn đính kèm.",
               "245-SYT-VP.docx", docx(P), SYT),
     [doc(source="attachment:245-SYT-VP.docx", type="CV", type_name="Công văn",
          number="245", symbol="SYT-VP", issuer="SỞ Y TẾ",
          place="Kiên Giang", date="2026-06-11",
          summary="xin vắng mặt cuộc họp Ban Chỉ đạo",
          recipients=["Ban Chỉ đạo Đề án 06 tỉnh"],
          references=[ref("GM", "12", "GM-BCĐ", "2026-06-10")])],
     reply("delegate", "Sở Y tế cử bà Nguyễn Thị Mai, Phó Giám đốc Sở, dự họp "
           "thay và sẽ gửi ý kiến góp ý bằng văn bản",
           delegate="bà Nguyễn Thị Mai, Phó Giám đốc Sở",
           cited=[("12", "GM-BCĐ")], source="attachment:245-SYT-VP.docx"), SYT)

# 5. NFD text (macOS Mail), quoted-printable, cited by subject only.
T = unicodedata.normalize("NFD",
    "Kính gửi Tổ giúp việc,\nUBND thành phố Phú Quốc xin vắng mặt do trùng "
    "lịch tiếp công dân.\nTrân trọng.\n")
s = "Re: Giấy mời số 12/GM-BCĐ họp ngày 15/6/2026"
case("reply-absent-nfd", s, plain("reply-absent-nfd", s, T, PQ, cte="quoted-printable"),
     [], reply("absent", "UBND thành phố Phú Quốc xin vắng mặt do trùng lịch "
               "tiếp công dân", date="2026-06-15", cited=[("12", "GM-BCĐ")]), PQ)

# 6. The secretariat consents, quoting the request.
T = ("Kính gửi Văn phòng Sở Xây dựng,\n\nTrưởng ban đồng ý cho Sở Xây dựng "
     "vắng mặt tại cuộc họp ngày 15/6/2026. Đề nghị Sở gửi ý kiến bằng văn bản "
     "trước cuộc họp.\n\nTổ giúp việc\n\n"
     "> Sở Xây dựng xin phép vắng mặt tại cuộc họp Ban Chỉ đạo ngày 15/6/2026.\n")
s = "Re: Xin vắng họp BCĐ 06"
case("reply-consent", s, plain("reply-consent", s, T, TGV,
     extra="In-Reply-To: <reply-absent-plain@committee.dondoc>\n"),
     [], reply("consent", "Trưởng ban đồng ý cho Sở Xây dựng vắng mặt tại cuộc "
               "họp ngày 15/6/2026", date="2026-06-15"), TGV)

# 7. A member *asking* for consent is an absence, not a consent.
T = ("Kính gửi Trưởng ban,\nKính đề nghị Trưởng ban đồng ý cho Sở Xây dựng "
     "được vắng mặt tại cuộc họp ngày 15/6 vì lý do đột xuất.\n")
s = "Xin ý kiến"
case("reply-absent-asks-consent", s, plain("reply-absent-asks-consent", s, T, SXD),
     [], reply("absent", "Kính đề nghị Trưởng ban đồng ý cho Sở Xây dựng được "
               "vắng mặt tại cuộc họp ngày 15/6 vì lý do đột xuất",
               date="--06-15"), SXD)

# 8. The delegate named before "dự họp thay", Gmail's Vietnamese attribution.
T = ("Kính gửi Tổ giúp việc,\n"
     "Đồng chí Trần Văn Nam – Phó Chủ tịch UBND thành phố sẽ dự họp thay "
     "đồng chí Chủ tịch.\n\n"
     "Vào Th 4, 10 thg 6, 2026 vào lúc 08:00 Văn phòng BCĐ <bcd06@kiengiang.gov.vn> đã viết:\n"
     "> Kính mời ...\n")
s = "Re: Giấy mời họp"
case("reply-delegate-before-name", s,
     plain("reply-delegate-before-name", s, T, PQ, extra=REPLY_TO_GM), [],
     reply("delegate", "Đồng chí Trần Văn Nam – Phó Chủ tịch UBND thành phố sẽ "
           "dự họp thay đồng chí Chủ tịch",
           delegate="Đồng chí Trần Văn Nam – Phó Chủ tịch UBND thành phố"), PQ)

# Negatives. 9. "vắng" in another sense, in a mail about a meeting.
T = ("Kính gửi Tổ giúp việc,\nSở gửi số liệu phục vụ cuộc họp: trong tháng, "
     "bộ phận một cửa vắng người dân đến giao dịch do mưa bão, đường sá vắng "
     "vẻ; tỷ lệ hồ sơ trực tuyến tăng.\n")
s = "Số liệu phục vụ họp BCĐ"
case("reply-not-vang-other-sense", s,
     plain("reply-not-vang-other-sense", s, T, STTTT), [], None, STTTT)

# 10. "căn cứ" is no "cử"; attending oneself is no delegation.
T = ("Căn cứ Giấy mời số 12/GM-BCĐ, Sở đã chuẩn bị báo cáo; Giám đốc Sở sẽ "
     "trực tiếp dự họp.\n")
s = "Re: Giấy mời họp"
case("reply-not-can-cu", s, plain("reply-not-can-cu", s, T, SYT), [], None, SYT)

# 11. A reply in another thread that agrees to something else.
T = ("Kính gửi Tổ giúp việc,\nSở Y tế đồng ý với dự thảo Kế hoạch triển khai "
     "Đề án 06 năm 2026, không có ý kiến khác.\n")
s = "Re: Góp ý dự thảo kế hoạch"
case("reply-not-unrelated", s, plain("reply-not-unrelated", s, T, SYT,
     extra="In-Reply-To: <kh-du-thao@committee.dondoc>\n"), [], None, SYT)

# 12. Apple Mail's Vietnamese forward: another agency's request below
# "Bắt đầu thư được chuyển tiếp:", its header block in Apple's order
# ("Từ:", then "Chủ đề:"). Not this writer's words: nothing.
T = ("Kính gửi Tổ giúp việc,\nVăn phòng Sở Y tế chuyển thư của Sở Xây dựng "
     "để Tổ giúp việc tổng hợp.\n\nBắt đầu thư được chuyển tiếp:\n\n"
     "Từ: Văn phòng Sở Xây dựng <vanphong@sxd.kiengiang.gov.vn>\n"
     "Chủ đề: Xin vắng họp BCĐ 06\n"
     "Ngày: 11 tháng 6, 2026 lúc 07:30:00 GMT+7\n"
     "Đến: Sở Y tế <syt@kiengiang.gov.vn>\n\n"
     "Sở Xây dựng xin phép vắng mặt tại cuộc họp Ban Chỉ đạo ngày "
     "15/6/2026.\n")
s = "Fwd: Xin vắng họp BCĐ 06"
case("reply-not-forward-apple-vi", s,
     plain("reply-not-forward-apple-vi", s, T, SYT), [], None, SYT)

os.makedirs(OUT, exist_ok=True)
for name, subject, raw, docs, att, sender in cases:
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    exp = {"message_id": "<%s@committee.dondoc>" % name,
           "from": "%s <%s>" % sender, "subject": subject,
           "documents": docs, "attendance_reply": att, "warnings": []}
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")
print("%d cases" % len(cases))
