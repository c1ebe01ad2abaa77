# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the MTA's half of sender trust (doc/authentication-results.md).
The documented Postfix rule (doc/examples/postfix/header_checks.regexp) is
asked, with Postfix's own `postmap -q`, about every spelling of an
Authentication-Results carrying our authserv-id; then a forged one is
delivered over real LMTP as it arrives without the rule (believed: why the
MTA must strip it) and as Postfix passes it on with the rule (unverified)."""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from dovecot_harness import srcdir  # noqa: E402
from tracking_env import TrackingServer, report, half_year_report, AUTHSERV_ID  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
RULE = os.path.join(srcdir(), "doc", "examples", "postfix", "header_checks.regexp")

# Spellings of a field with our id: each must be removed by the MTA.
OURS = [
    "Authentication-Results: %s; dkim=pass header.d=stttt.example.vn" % AUTHSERV_ID,
    "Authentication-Results: %s; dmarc=pass header.from=stttt.example.vn"
    % AUTHSERV_ID.upper(),
    "authentication-results: \"%s\"; dkim=pass header.d=stttt.example.vn" % AUTHSERV_ID,
    "Authentication-Results : %s; dkim=pass header.d=stttt.example.vn" % AUTHSERV_ID,
    "Authentication-Results:(forged)\n\t%s 1;\n\tdkim=pass header.d=stttt.example.vn"
    % AUTHSERV_ID,
    "Authentication-Results: other.example; x=y %s" % AUTHSERV_ID,
]
# Others' fields: kept (they are never believed anyway).
OTHERS = [
    "Authentication-Results: mx.stttt.example.vn; dkim=pass header.d=stttt.example.vn",
    "Authentication-Results: mx-bcd06-example-vn; dkim=pass",
    "X-Authentication-Results: %s; dkim=pass" % AUTHSERV_ID,
    "Received: from %s by mx.example" % AUTHSERV_ID,
]


class Postmap:
    """postmap -q against the documented rule, with a private config dir."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dondoc-postfix-")
        open(os.path.join(self.dir, "main.cf"), "w").close()

    def action(self, header):
        res = subprocess.run(["postmap", "-c", self.dir, "-q", header,
                              "regexp:" + RULE], capture_output=True, text=True,
                             timeout=30)
        assert res.returncode in (0, 1), res.stderr
        return res.stdout.strip() or None

    def passes(self, message):
        """The message as Postfix's cleanup writes it with the rule: every
        logical header line the rule IGNOREs is left out."""
        head, _, body = message.partition(b"\r\n\r\n")
        fields = []
        for line in head.split(b"\r\n"):
            if line[:1] in (b" ", b"\t") and fields:
                fields[-1] += b"\n" + line
            else:
                fields.append(line)
        kept = [f for f in fields if self.action(f.decode()) != "IGNORE"]
        return b"\r\n".join(kept).replace(b"\n", b"\r\n").replace(
            b"\r\r\n", b"\r\n") + b"\r\n\r\n" + body

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def test_rule(pm):
    for h in OURS:
        assert pm.action(h) == "IGNORE", h
    for h in OTHERS:
        assert pm.action(h) is None, h


def forged(msgid):
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    # Written by the sender: no real result of ours above it.
    extra = OURS[0].replace("\n", "\r\n") + "\r\n"
    msg = report(msgid, STTTT, body, authenticated=False)
    return extra.encode() + msg


def test_delivery(pm):
    with TrackingServer() as s:
        s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng", "2026-06-12",
                   period="H:2026:1")
        # Through the rule: the forged field is gone, the sender unverified.
        code, _ = s.dc.deliver(pm.passes(forged("stripped@stttt.example.vn")),
                               mail_from=STTTT)
        assert code == 250
        assert s.submissions("<stripped@stttt.example.vn>")[0][3] == "unverified"
        assert s.dc.where("<stripped@stttt.example.vn>") == ["Cần xác minh"]
        assert s.task_status("DA06-2026-001") == "open"
        assert s.sent() == []
        # Without it, the forgery is believed: the MTA must strip.
        code, _ = s.dc.deliver(forged("unstripped@stttt.example.vn"), mail_from=STTTT)
        assert code == 250
        assert s.submissions("<unstripped@stttt.example.vn>")[0][3] == "verified"
        s.sent()


def main():
    tap = Tap()
    pm = Postmap()
    try:
        tap.run("the documented Postfix rule removes every spelling of our "
                "authserv-id and nothing else", test_rule, pm)
        tap.run("a forged Authentication-Results with our id: believed when "
                "left in, unverified once the rule removed it", test_delivery, pm)
    finally:
        pm.close()
    tap.done()


if __name__ == "__main__":
    main()
