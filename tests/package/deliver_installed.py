# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Run by test_package.py with DONDOC_STAGE_BIN and
DONDOC_STAGE_SIEVE_PLUGINDIR pointing at the installed package: a verified
report delivered over LMTP with the installed example script is filed,
recorded against its task and confirmed. Prints delivered-and-recorded."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tracking_env import TrackingServer, half_year_report, report  # noqa: E402

EXAMPLE = "/usr/share/doc/dovecot-dondoc/examples/secretariat.sieve"
STTTT = "vanphong@stttt.example.vn"

with open(EXAMPLE) as f:
    script = f.read()
with TrackingServer(script=script) as s:
    s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng đầu năm 2026",
               "2026-06-15", period="H:2026:1")
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    code, text = s.dc.deliver(report("pkg-1@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    assert s.task_status("DA06-2026-001") == "submitted", s.dc.tail_log()
    sent = s.sent()
    assert len(sent) == 1 and sent[0][1] == ["<%s>" % STTTT], sent
    print("delivered-and-recorded")
