# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: dondoc's events reach Dovecot's metrics. With `metric {}`
filters on dondoc's named events (doc/events.md) and on Pigeonhole's
sieve_action_finished in category dondoc, delivering a verified report
counts in `doveadm stats dump`: one analysis, one match (grouped by its
kind), one action-finished line, one receipt sent. The delivery's log line
carries one prefix."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, half_year_report, report  # noqa: E402
from dovecot_conf24 import is_24  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
METRICS = """
metric dondoc_analysis {
  filter = event=dondoc_analysis_finished
}
metric dondoc_match {
  filter = event=dondoc_match_finished
  GROUP_BY
}
metric dondoc_actions {
  filter = event=sieve_action_finished AND category=dondoc
}
metric dondoc_sent {
  filter = event=dondoc_mail_sent
}
"""
# 2.4: group_by is a named list filter
METRICS = METRICS.replace("GROUP_BY", "group_by match {\n  }" if is_24()
                          else "group_by = match")


def stats(s):
    out = subprocess.run(["doveadm", "-c", s.dc.conf, "stats", "dump"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    lines = out.splitlines()
    head = lines[0].split("\t")
    rows = {}
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t")))
        rows[row["metric_name"]] = int(row["count"])
    return rows


def test_metrics(s):
    s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng đầu năm 2026",
               "2026-06-15", period="H:2026:1")
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    code, text = s.dc.deliver(report("ev-1@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    got = stats(s)
    assert got.get("dondoc_analysis") == 1, got
    assert got.get("dondoc_actions") == 1, got
    assert got.get("dondoc_sent") == 1, got
    # grouped by the match's kind: a sub-metric dondoc_match_period
    assert got.get("dondoc_match") == 1, got
    assert got.get("dondoc_match_period") == 1, got


def test_one_prefix(s):
    log = s.dc.read_log()
    lines = [line for line in log.splitlines() if "submission recorded" in line]
    assert lines, s.dc.tail_log()
    for line in lines:
        assert "dondoc action: dondoc:" not in line, line


def main():
    tap = Tap()
    with TrackingServer(extra_conf=METRICS) as s:
        tap.run("dondoc's events count in doveadm stats dump", test_metrics, s)
        tap.run("a delivery's log line has one prefix", test_one_prefix, s)
    tap.done()


if __name__ == "__main__":
    main()
