#!/usr/bin/env python3
"""TAP test: hostile messages, generated here at test time (nothing large is
committed), must each be analysed quickly, in bounded memory, giving a
partial result and the expected warning, never a crash. Peak RSS is that of
the `dondoc analyze` child (getrusage via os.wait4)."""
import base64, io, json, os, subprocess, sys, tempfile, time, zipfile

build = os.environ.get("DONDOC_BUILDDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
dondoc = os.path.join(build, "cli", "dondoc")
MAX_SECS = float(os.environ.get("DONDOC_HOSTILE_MAX_SECS", "5"))
MAX_RSS_KB = int(os.environ.get("DONDOC_HOSTILE_MAX_RSS_KB", str(256 * 1024)))

DOC = "Số: 17/BC-BCĐ\nBÁO CÁO\nKết quả quý I năm 2022\n".encode()

def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i+76] for i in range(0, len(s), 76)).encode() + b"\n"

def truncated_base64():
    enc = b64(DOC * 50)
    return (b"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
            b"Content-Type: text/plain; charset=utf-8\n"
            b"Content-Transfer-Encoding: base64\n\n" + enc[:len(enc) // 2 - 3])

def bad_charset():
    return (b"Content-Type: text/plain; charset=x-no-such-charset\n\n"
            + DOC + b"\xff\xfe\x80 caf\xe9\n")

def deep_nesting():
    out = b""
    for i in range(500):
        out += b"Content-Type: multipart/mixed; boundary=\"n%d\"\n\n--n%d\n" % (i, i)
    return out + b"Content-Type: text/plain\n\n" + DOC

def many_parts():
    out = [b"Content-Type: multipart/mixed; boundary=p\n\n"]
    for i in range(20000):
        out.append(b"--p\nContent-Type: text/plain\n\npart %d\n" % i)
    out.append(b"--p--\n")
    return b"".join(out)

def huge_header():
    line = b"X-Junk: " + b"a" * 70 + b"\n"
    junk = b"".join([line, b" " + b"b" * 77 + b"\n"] * (8 * 1024 * 1024 // 157))
    return b"Subject: big\n" + junk + b"Content-Type: text/plain\n\n" + DOC

def zip_bomb():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                f.write(chunk)
    return (b"Content-Type: multipart/mixed; boundary=z\n\n--z\n"
            b"Content-Type: text/plain\n\n" + DOC + b"--z\n"
            b"Content-Type: application/octet-stream; name=\"bomb.docx\"\n"
            b"Content-Transfer-Encoding: base64\n\n" + b64(buf.getvalue())
            + b"--z--\n")

def lying_zip():
    """A bomb whose central directory and local header claim 1000 bytes:
    the inflated bytes are counted, whatever the archive says."""
    data = bytearray(zip_bomb_bytes())
    cd = data.rfind(b"PK\x01\x02")
    # central directory: uncompressed size at offset 24 (zip64: in extra)
    data[cd + 24:cd + 28] = (1000).to_bytes(4, "little")
    data[26:30] = b"\x00\x00\x00\x00"
    data[22:26] = (1000).to_bytes(4, "little")
    return (b"Content-Type: multipart/mixed; boundary=z\n\n--z\n"
            b"Content-Type: application/octet-stream; name=\"lie.docx\"\n"
            b"Content-Transfer-Encoding: base64\n\n" + b64(bytes(data))
            + b"--z--\n")

def zip_bomb_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:t>" + b"a" * (64 << 20))
    return buf.getvalue()

def oversized_docx():
    """20 MB of incompressible data: never opened (attachment limit)."""
    return (b"Content-Type: multipart/mixed; boundary=z\n\n--z\n"
            b"Content-Type: application/octet-stream; name=\"big.docx\"\n"
            b"Content-Transfer-Encoding: base64\n\n"
            + b64(os.urandom(20 << 20)) + b"--z--\n")

class _Unseekable:
    """A stream zipfile cannot seek back in: it writes data descriptors
    (sizes after the data, none in the local header), as streaming
    producers do."""
    def __init__(self):
        self.data = bytearray()
    def write(self, b):
        self.data += b
        return len(b)
    def flush(self):
        pass

def cut_docx(descriptors):
    """A .docx over the 16 MB attachment limit (24 MB of document.xml that
    barely compresses, mostly markup, as embedded drawings are: little
    text), its Decree 30 header on the first line: cut there, its central
    directory lost, it is read by its local headers up to the cut."""
    rnd = base64.b64encode(os.urandom(18 << 20)).decode()
    xml = ("<w:document><w:body>" +
           "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % l
                   for l in DOC.decode().splitlines()) +
           "".join('<w:p><w:r><w:drawing w:data="%s"/></w:r></w:p>' % rnd[i:i + 1000]
                   for i in range(0, len(rnd), 1000)) +
           "</w:body></w:document>")
    out = _Unseekable() if descriptors else io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types>%s</Types>" % ("<Default/>" * 50))
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", xml)
    data = bytes(out.data) if descriptors else out.getvalue()
    assert len(data) > 16 << 20
    return (b"Content-Type: multipart/mixed; boundary=z\n\n--z\n"
            b"Content-Type: application/vnd.openxmlformats-officedocument."
            b"wordprocessingml.document; name=\"bc.docx\"\n"
            b"Content-Transfer-Encoding: base64\n\n" + b64(data) + b"--z--\n")

def nul_bytes():
    return b"Content-Type: text/plain; charset=utf-8\n\n" + DOC.replace(b"\n", b"\0\n") + b"\0" * 100000

# The committee's documents: 1 MB of assigned work, of attendees, of a
# table; a paragraph of 1 MB on one line. The readers are bounded in
# what they keep (DONDOC_MAX_ASSIGNMENTS, DONDOC_MAX_ATTENDEES,
# DONDOC_MAX_FIELD_BYTES) and linear in what they read.
TB = "Số: 45/TB-BCĐ\nKiên Giang, ngày 17 tháng 6 năm 2026\nTHÔNG BÁO\nKết luận\n"

def mega_conclusions():
    line = ("Giao Sở Y tế, Sở Tài chính, Công an tỉnh chủ trì, phối hợp với "
            "UBND các huyện, thành phố xây dựng kế hoạch, hoàn thành trước "
            "ngày 30/6/2026. Giao Sở Nội vụ định kỳ hằng tháng báo cáo trước ngày 25.\n")
    body = TB + line * (1024 * 1024 // len(line.encode()))
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_paragraph():
    body = TB + "Giao Sở Y tế " + "xây dựng kế hoạch, " * 60000 + "trước ngày 30/6/2026.\n"
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_minutes():
    body = ("Số: 12/BB-BCĐ\nBIÊN BẢN\nCuộc họp\nThành phần tham dự:\n"
            + "- Ông Lê Văn Nam, Phó Giám đốc, dự thay Giám đốc Sở Y tế;\n" * 20000)
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_table():
    row = "<tr>" + "<td>Sở Tài chính</td>" * 20 + "</tr>"
    rows = ("<tr><td>Nội dung</td><td>Đơn vị chủ trì</td><td>Thời gian hoàn thành</td></tr>"
            + "<tr><td>Việc</td><td>Sở Y tế</td><td>Quý III/2026</td></tr>" * 30000 + row * 500)
    html = "<p>Số: 50/KH-UBND</p><p>KẾ HOẠCH</p><table>%s</table>" % rows
    return b"Content-Type: text/html; charset=utf-8\n\n" + html.encode()

# the line repairs of text as it really arrives (dondoc-document-repair.c)
def mega_marks():
    # marks cut off their letters, marks that compose with nothing, a
    # precomposed letter with a mark that does not belong to it
    unit = "nga \u0300y x\u0301 \u1ed0\u0301 B\u0323\u0323\u0323 "
    body = DOC.decode() + unit * (1024 * 1024 // len(unit.encode()))
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_blank_numbers():
    body = "Số:\n/BC-UBND\nHà Nội, ngày\n1 tháng 1 năm 2023\n" * 30000
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_pipe_headers():
    line = ("UBND TỈNH A | SỞ B | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | "
            "Độc lập - Tự do - Hạnh phúc | Số: 1/BC-B | A, ngày 1 tháng 1 "
            "năm2023BÁOCÁO | ")
    body = (line * 4 + "\n") * (1024 * 1024 // len((line * 4).encode()))
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_numberless():
    body = ("ỦY BAN NHÂN DÂN\nTỈNH A\nA, ngày\n1 tháng 1 năm 2023\nBÁO\n"
            "Kết quả\n") * 20000
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

# spaces and invisible characters of Word and web pages (dondoc-spacing.c),
# the symbol's joiners and parts (dondoc-document-symbol.c)
def mega_invisible():
    unit = "Số:\u00a0\u200b1/BC\u2011B\ufeff\nA, ngày\u202f1-1-2023\u00ad\n"
    body = DOC.decode() + unit * (900 * 1024 // len(unit.encode()))
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

def mega_symbol():
    body = "Số: 1/BC" + " - AB" * 200000 + "\n" + "Số: " + "5" * 5000 + \
        "/BC-UBND\n" + "Số: 1/2023/" * 50000 + "QĐ-UBND\n"
    return b"Content-Type: text/plain; charset=utf-8\n\n" + body.encode()

cases = [
    ("1 MB of stray marks", mega_marks, ""),
    ("30k blank numbers split over lines", mega_blank_numbers,
     "document limit reached"),
    ("1 MB of one-line headers with '|'", mega_pipe_headers,
     "document limit reached"),
    ("20k headers without a number line", mega_numberless, ""),
    ("900 kB of no-break and zero-width spaces", mega_invisible,
     "document limit reached"),
    ("a symbol of 200k parts, a number of 5000 digits", mega_symbol, ""),
    ("1 MB of assigned work", mega_conclusions, "assignment limit reached"),
    ("1 MB paragraph", mega_paragraph, "field length limit reached"),
    ("20k attendees", mega_minutes, "assignment limit reached"),
    ("30k table rows", mega_table, "assignment limit reached"),
    ("truncated base64", truncated_base64, "truncated base64"),
    ("bad charset", bad_charset, "unknown charset"),
    ("500-deep nesting", deep_nesting, "MIME structure limit reached"),
    ("20k parts", many_parts, "MIME structure limit reached"),
    ("8 MB header", huge_header, "header size limit reached"),
    ("zip bomb docx", zip_bomb, "office document: uncompressed size limit reached"),
    ("NUL bytes", nul_bytes, "NUL bytes in text"),
    ("zip with lying sizes", lying_zip, None),
    ("20 MB docx", oversized_docx, "attachment size limit reached"),
    ("cut 24 MB docx", lambda: cut_docx(False),
     "office document: archive cut, read up to the cut"),
    ("cut 24 MB docx with data descriptors", lambda: cut_docx(True),
     "office document: archive cut, read up to the cut"),
]
# Cases whose partial result must still hold the document: its symbol.
KEEPS_DOCUMENT = {"cut 24 MB docx": "BC-BCĐ",
                  "cut 24 MB docx with data descriptors": "BC-BCĐ"}

n = 0
worst = (0, "")
with tempfile.TemporaryDirectory() as tmp:
    for name, make, warning in cases:
        n += 1
        path = os.path.join(tmp, "m.eml")
        with open(path, "wb") as f:
            f.write(make())
        start = time.monotonic()
        out = tempfile.TemporaryFile()
        rss_file = os.path.join(tmp, "rss")
        # GNU time (Debian package "time") measures the child alone; a
        # fork of this python would inherit its peak RSS
        cmd = [dondoc, "analyze", "--json", path]
        if os.access("/usr/bin/time", os.X_OK):
            cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
        proc = subprocess.Popen(cmd, stdout=out)
        _, status, ru = os.wait4(proc.pid, 0)
        secs = time.monotonic() - start
        rss = ru.ru_maxrss
        if cmd[0] == "/usr/bin/time":
            with open(rss_file) as f:
                rss = int(f.read().split()[-1])
        out.seek(0)
        problems = []
        if status != 0:
            problems.append("exit status %d" % status)
        else:
            try:
                res = json.loads(out.read().decode())
                if warning == "":
                    pass  # only time and memory are bounded
                elif warning is None:
                    # any warning will do: what libzip says of the lie
                    if not res["warnings"]:
                        problems.append("no warning")
                elif warning not in res["warnings"]:
                    problems.append("warnings %r lack %r" % (res["warnings"], warning))
                if name in KEEPS_DOCUMENT and \
                   [d.get("symbol") for d in res["documents"]] != [KEEPS_DOCUMENT[name]]:
                    problems.append("documents %r lack %r" % (
                        [d.get("symbol") for d in res["documents"]], KEEPS_DOCUMENT[name]))
            except ValueError as e:
                problems.append("bad JSON: %s" % e)
        if secs > MAX_SECS:
            problems.append("took %.2f s" % secs)
        if rss > MAX_RSS_KB:
            problems.append("peak RSS %d kB" % rss)
        worst = max(worst, (rss, name))
        print("%s %d - hostile %s (%.2f s, peak RSS %d kB)" %
              ("not ok" if problems else "ok", n, name, secs, rss))
        for p in problems:
            print("# " + p)
print("# worst peak RSS: %d kB (%s)" % worst)
print("1..%d" % n)
