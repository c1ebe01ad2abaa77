# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: `dondoc retention`. The bodies of outbox mail sent longer
ago than --days go (the rows stay, with the keys that keep a mail from
going out twice), spool entries that old go after an audit row each, the
audit log is never purged, and --dry-run counts the same and changes
nothing. The fixed clock of the test server (June 2026) makes its mail
and spool entries about half a year old today."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import GID, UID  # noqa: E402
from fault_cases import spool_entries  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, half_year_report, report  # noqa: E402

STTTT = "vanphong@stttt.example.vn"


def setup(s):
    s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng đầu năm 2026",
               "2026-06-15", period="H:2026:1")
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    code, text = s.dc.deliver(report("ret-1@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    assert len(s.sent()) == 1
    # sent (real time) half a year ago too, as the mail user: the store's
    # files must stay the mail user's
    subprocess.run(["/usr/bin/python3", "-c",
                    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    "c.execute('UPDATE outbox SET sent_at = sent_at - 200 * 86400'); "
                    "c.commit()", s.db], check=True, user=UID, group=GID)
    # the store away: the next report is spooled
    s.dc.reconfigure(dondoc_db=os.path.join(s.dc.dir, "gone", "dondoc.db"))
    code, text = s.dc.deliver(report("ret-2@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    assert spool_entries(s), s.dc.tail_log()


def bodies(s):
    return s.query("SELECT state, length(data) > 0 FROM outbox")


def audit_count(s):
    return s.query("SELECT count(*) FROM audit")[0][0]


def test_dry_run(s):
    before, spooled, audit = bodies(s), spool_entries(s), audit_count(s)
    assert before == [("sent", 1)], before
    out = s.cli("retention", "--days", "90", "--dry-run", "--spool", s.spool).stdout
    assert out.startswith("would purge 1 outbox bodies, %d spool entries"
                          % len(spooled)), out
    assert bodies(s) == before and spool_entries(s) == spooled
    assert audit_count(s) == audit


def test_not_old_enough(s):
    out = s.cli("retention", "--days", "365", "--spool", s.spool).stdout
    assert out.startswith("purged 0 outbox bodies, 0 spool entries"), out
    assert bodies(s) == [("sent", 1)]


def test_purge(s):
    spooled, audit = spool_entries(s), audit_count(s)
    out = s.cli("retention", "--days", "90", "--spool", s.spool).stdout
    assert out.startswith("purged 1 outbox bodies, %d spool entries" % len(spooled)), out
    # the row stays, without its body; the spool is empty
    assert bodies(s) == [("sent", 0)], bodies(s)
    assert spool_entries(s) == []
    # one audit row per spool entry and one for the bodies; none removed
    assert audit_count(s) == audit + len(spooled) + 1, (audit, audit_count(s))
    rows = s.query("SELECT action FROM audit WHERE entity = 'spool'")
    assert [r[0] for r in rows] == ["purge"] * len(spooled), rows


def test_bounds(s):
    for bad in ("0", "-1", "36501", "x"):
        res = s.cli("retention", "--days", bad, "--spool", s.spool, check=False)
        assert res.returncode == 1 and "--days" in res.stderr, (bad, res.stderr)


def main():
    tap = Tap()
    with TrackingServer() as s:
        setup(s)
        tap.run("--dry-run counts what would go and changes nothing", test_dry_run, s)
        tap.run("nothing younger than --days goes", test_not_old_enough, s)
        tap.run("sent bodies and old spool entries go, rows and audit stay",
                test_purge, s)
        tap.run("--days is bounded", test_bounds, s)
    tap.done()


if __name__ == "__main__":
    main()
