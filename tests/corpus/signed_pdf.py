#!/usr/bin/python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""TAP test: signed PDF attachments. Everything is made here, at test time,
with the tools a site has (nothing signed is committed):
  - a test CA and a signer certificate (subject with the agency as O=) in an
    NSS database, by libnss3-tools' certutil; a second, unrelated CA;
  - a report PDF drawn by python3-reportlab, signed by poppler-utils'
    `pdfsig -add-signature -nssdir DIR -nick NAME`;
then `dondoc analyze --json --extractor ... [--pdf-ca PEM]` must report the
signature: valid only with the signer's CA configured, over the whole
file, untampered. Usable by other tests: make_signed(dir) returns the
paths (ca.pem, other-ca.pem, signed.pdf, plain.pdf)."""

import os as _os
import sys as _sys

# python3-reportlab is Debian's: run under Debian's interpreter.
if _os.path.realpath(_sys.executable) != _os.path.realpath("/usr/bin/python3") and \
        _os.path.exists("/usr/bin/python3") and not _os.environ.get("DONDOC_PDF_REEXEC"):
    _os.environ["DONDOC_PDF_REEXEC"] = "1"
    _os.execv("/usr/bin/python3", ["/usr/bin/python3"] + _sys.argv)

import base64, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tap import Tap  # noqa: E402

build = os.environ.get("DONDOC_BUILDDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
dondoc = os.path.join(build, "cli", "dondoc")
extractor = os.path.join(build, "extract", "dondoc-extract")

ORG = "Sở Tư pháp tỉnh Kiên Giang"
SIGNER = "Nguyễn Văn An"


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


def make_ca(db, nick, name, noise):
    # -2: basic constraints, answered: is a CA, no path length, critical
    subprocess.run(["certutil", "-S", "-d", "sql:" + db, "-n", nick, "-s",
                    "CN=%s,O=dondoc test" % name, "-x", "-t", "CT,C,C", "-2",
                    "-k", "rsa", "-g", "2048", "-Z", "SHA256", "-v", "120",
                    "-z", noise, "-m", str(abs(hash(nick)) % 100000 + 1)],
                   input=b"y\n\ny\n", check=True, capture_output=True)


def report_pdf(path, lines=None, body=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(TTFont("Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setFont("Serif", 12)
    lines = lines or [("UBND TỈNH KIÊN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                      ("SỞ TƯ PHÁP", "Độc lập - Tự do - Hạnh phúc"),
                      ("Số: 31/BC-STP", "Kiên Giang, ngày 5 tháng 7 năm 2024")]
    y = 780
    for left, right in lines:
        c.drawCentredString(150, y, left)
        c.drawCentredString(400, y, right)
        y -= 16
    for text in body or ("BÁO CÁO", "Kết quả công tác phổ biến pháp luật 6 tháng đầu năm 2024",
                         "Kính gửi: Ban Chỉ đạo tỉnh."):
        y -= 20
        c.drawCentredString(297, y, text)
    c.showPage()
    c.save()


def make_signed(tmp, org=ORG, lines=None, body=None):
    """The test CAs, a signer of org, plain.pdf (report_pdf(lines, body))
    and signed.pdf in tmp: {name: path}."""
    db = os.path.join(tmp, "nss")
    os.mkdir(db)
    noise = os.path.join(tmp, "noise")
    with open(noise, "wb") as f:
        f.write(os.urandom(64))
    run("certutil", "-N", "-d", "sql:" + db, "--empty-password")
    make_ca(db, "ca", "dondoc test CA", noise)
    make_ca(db, "other", "other test CA", noise)
    run("certutil", "-S", "-d", "sql:" + db, "-n", "signer", "-s",
        "CN=%s,O=%s,C=VN" % (SIGNER, org), "-c", "ca", "-t", ",,",
        "-k", "rsa", "-g", "2048", "-Z", "SHA256", "-v", "60", "-z", noise,
        "-m", "4242", "--keyUsage", "digitalSignature,nonRepudiation",
        "--extKeyUsage", "emailProtection")
    paths = {}
    for nick, name in (("ca", "ca.pem"), ("other", "other-ca.pem")):
        paths[name] = os.path.join(tmp, name)
        with open(paths[name], "wb") as f:
            f.write(run("certutil", "-L", "-d", "sql:" + db, "-n", nick, "-a").stdout)
    paths["plain.pdf"] = os.path.join(tmp, "plain.pdf")
    report_pdf(paths["plain.pdf"], lines, body)
    paths["signed.pdf"] = os.path.join(tmp, "signed.pdf")
    run("pdfsig", "-add-signature", "-nssdir", "sql:" + db, "-nick", "signer",
        paths["plain.pdf"], paths["signed.pdf"])
    return paths


def eml(pdf_bytes, name="Báo cáo 31.pdf"):
    enc = base64.encodebytes(pdf_bytes)
    return (b"From: So Tu phap <stp@kiengiang.gov.vn>\n"
            b"Subject: =?UTF-8?B?" + base64.b64encode("Báo cáo 6 tháng".encode()) + b"?=\n"
            b"Message-ID: <signed@test.dondoc>\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
            b"Content-Type: text/plain; charset=utf-8\n\nGui kem bao cao.\n--b\n"
            b"Content-Type: application/pdf; name*=UTF-8''" +
            name.encode().replace(b" ", b"%20") + b"\n"
            b"Content-Transfer-Encoding: base64\n\n" + enc + b"--b--\n")


def analyze(tmp, data, ca=None):
    path = os.path.join(tmp, "m.eml")
    with open(path, "wb") as f:
        f.write(eml(data))
    cmd = [dondoc, "analyze", "--json", "--extractor", extractor]
    if ca is not None:
        cmd += ["--pdf-ca", ca]
    p = subprocess.run(cmd + [path], capture_output=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def attachment(result):
    assert len(result["attachments"]) == 1, result
    return result["attachments"][0]


def main():
    t = Tap()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_signed(tmp)
        with open(paths["signed.pdf"], "rb") as f:
            signed = f.read()
        with open(paths["plain.pdf"], "rb") as f:
            plain = f.read()

        def valid():
            r = analyze(tmp, signed, paths["ca.pem"])
            sig = attachment(r)["signature"]
            assert sig is not None, r
            assert sig["status"] == "valid", sig
            assert sig["reason"] is None, sig
            assert sig["signer"] == SIGNER, sig
            assert sig["organisation"] == ORG, sig
            assert sig["subject"] == "CN=%s,O=%s,C=VN" % (SIGNER, ORG), sig
            assert sig["whole_file"] is True, sig
            assert sig["time"] and sig["time"][:2] == "20", sig
            # the signed report is still read as a report
            assert r["documents"] and r["documents"][0]["number"] == "31", r
            assert r["warnings"] == [], r

        def no_ca():
            sig = attachment(analyze(tmp, signed))["signature"]
            assert sig["status"] == "invalid", sig
            assert sig["reason"] == "no CA configured", sig
            # who signed is still said, for a human to judge
            assert sig["organisation"] == ORG, sig

        def other_ca():
            sig = attachment(analyze(tmp, signed, paths["other-ca.pem"]))["signature"]
            assert sig["status"] == "invalid", sig
            assert sig["reason"] == "certificate unknown issuer", sig

        def tampered():
            # one byte inside the signed range (the header comment)
            data = bytearray(signed)
            i = data.index(b"%", 1)
            data[i + 1] = data[i + 1] ^ 0x01
            sig = attachment(analyze(tmp, bytes(data), paths["ca.pem"]))["signature"]
            assert sig["status"] == "invalid", sig
            assert sig["reason"] == "signature digest mismatch", sig

        def appended():
            # bytes after the signed ranges (as an incremental update
            # would add): the signature does not cover the whole file
            data = signed + b"\n% appended after signing\n"
            sig = attachment(analyze(tmp, data, paths["ca.pem"]))["signature"]
            assert sig["whole_file"] is False, sig
            assert sig["status"] == "invalid", sig
            assert sig["reason"] == "does not cover the whole file", sig

        def unsigned():
            att = attachment(analyze(tmp, plain, paths["ca.pem"]))
            assert att["signature"] is None, att
            assert att["extraction"] == "ok", att

        t.run("signed PDF, its CA configured: valid, signer and organisation", valid)
        t.run("signed PDF, no dondoc_pdf_ca: invalid, nothing trusted", no_ca)
        t.run("signed PDF, another CA: invalid (unknown issuer)", other_ca)
        t.run("signed PDF changed after signing: invalid (digest mismatch)", tampered)
        t.run("signed PDF with bytes appended: not the whole file", appended)
        t.run("unsigned PDF: signature null", unsigned)
    t.done()


if __name__ == "__main__":
    main()
