# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: real LMTP delivery into a private Dovecot whose Sieve script
uses vnd.dondoc. A report lands in the folder the script names, a message
without a document stays in INBOX, and malformed MIME is still delivered."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import PrivateDovecot, stage_sieve_plugindir  # noqa: E402
from tap import Tap  # noqa: E402
from dovecot_conf24 import settings_conf  # noqa: E402

SCRIPT = """require ["vnd.dondoc", "fileinto", "mailbox"];
if document :type "BC" {
    fileinto :create "Reports";
    stop;
}
if document {
    fileinto :create "Documents";
    stop;
}
keep;
"""

REPORT = """From: Van phong STTTT <vanphong@stttt.example.vn>
To: tgv@bcd06.example.vn
Subject: =?UTF-8?Q?B=C3=A1o_c=C3=A1o_6_th=C3=A1ng?=
Message-ID: <report-1@stttt.example.vn>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

UBND TỈNH KIÊN GIANG
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 112/BC-STTTT
Kiên Giang, ngày 10 tháng 6 năm 2022

BÁO CÁO
Kết quả thực hiện Đề án 06 sáu tháng đầu năm 2022
"""

PROPOSAL = """From: Cong an tinh <cat@cat.example.vn>
Subject: To trinh
Message-ID: <ttr-1@cat.example.vn>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

""" + __import__("base64").encodebytes(
    "<table><tr><td>CÔNG AN TỈNH</td></tr></table><p>Số: 17/TTr-BCĐ-CAT</p>"
    "<p>TỜ TRÌNH</p>".encode()).decode()

CHAT = """From: Nguyen Van A <a@example.vn>
Subject: Hoi thu
Message-ID: <chat-1@example.vn>

Chào anh, tuần sau mình gặp nhau nhé.
"""


def malformed_messages():
    """Hostile MIME: each must be delivered, whatever the analysis makes of it."""
    deep = "".join('Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n'
                   % (i, i) for i in range(300))
    parts = "".join("--p\nContent-Type: text/plain\n\nSố: %d/BC-X\n" % i
                    for i in range(3000))
    return {
        "truncated-base64": "Message-ID: <bad-1@x>\nContent-Type: text/plain\n"
        "Content-Transfer-Encoding: base64\n\nU+G7kTogMTIvQkMt!!!@@@\n",
        "no-closing-boundary": "Message-ID: <bad-2@x>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="zz"\n\n--zz\n'
        "Content-Type: text/plain\n\nSố: 3/BC-Y\n--z",
        "unknown-charset": "Message-ID: <bad-3@x>\n"
        "Content-Type: text/plain; charset=x-no-such-charset\n\n\xff\xfeS\x00",
        "nul-bytes": "Message-ID: <bad-4@x>\n\nS\x00\x00 \x00 Số: 4/BC-Z\x00\n",
        "deep-nesting": "Message-ID: <bad-5@x>\nMIME-Version: 1.0\n" + deep +
        "Content-Type: text/plain\n\nSố: 5/BC-Z\n",
        "many-parts": "Message-ID: <bad-6@x>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="p"\n\n' + parts + "--p--\n",
        "long-header": "Message-ID: <bad-7@x>\nSubject: " + "x" * 200000 +
        "\n\nSố: 7/BC-Z\n",
        "no-body": "Message-ID: <bad-8@x>\nSubject: only headers",
    }


def test_report_filed(dc):
    code, text = dc.deliver(REPORT)
    assert code == 250, (code, text)
    assert dc.where("<report-1@stttt.example.vn>") == ["Reports"], dc.message_ids()


def test_other_document_filed(dc):
    code, text = dc.deliver(PROPOSAL)
    assert code == 250, (code, text)
    assert dc.where("<ttr-1@cat.example.vn>") == ["Documents"], dc.message_ids()


def test_chat_kept(dc):
    code, text = dc.deliver(CHAT)
    assert code == 250, (code, text)
    assert dc.where("<chat-1@example.vn>") == ["INBOX"], dc.message_ids()


def test_malformed_delivered(dc, name, message, msgid):
    code, text = dc.deliver(message.encode("utf-8", "surrogateescape"))
    assert code == 250, (name, code, text)
    assert len(dc.where(msgid)) == 1, (name, dc.message_ids())


def test_no_errors_logged(dc):
    log = dc.read_log()
    bad = [line for line in log.splitlines()
           if ("Error:" in line or "Panic:" in line or "Fatal:" in line)]
    assert not bad, bad


def test_capability():
    conf = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                        "dondoc-cap-%d.conf" % os.getpid())
    plugdir = stage_sieve_plugindir()
    with open(conf, "w") as f:
        f.write(settings_conf({"sieve_plugin_dir": plugdir,
                               "sieve_plugins": "sieve_dondoc",
                               "sieve_extensions": "+vnd.dondoc"}) +
                "protocols = sieve\n")
    try:
        out = subprocess.run(["doveconf", "-c", conf, "managesieve_sieve_capability"],
                             capture_output=True, text=True, timeout=30).stdout
    finally:
        os.unlink(conf)
    assert "vnd.dondoc" in out.split(), out


def main():
    tap = Tap()
    with PrivateDovecot(sieve_script=SCRIPT) as dc:
        tap.run("report (BC) filed into the script's folder", test_report_filed, dc)
        tap.run("other document type filed elsewhere", test_other_document_filed, dc)
        tap.run("message without a document kept in INBOX", test_chat_kept, dc)
        for i, (name, msg) in enumerate(malformed_messages().items()):
            tap.run("malformed MIME still delivered: " + name,
                    test_malformed_delivered, dc, name, msg, "<bad-%d@x>" % (i + 1))
        tap.run("no error, fatal or panic in the server log", test_no_errors_logged, dc)
    tap.run("doveconf lists vnd.dondoc in the Sieve capability", test_capability)
    tap.done()


if __name__ == "__main__":
    main()
