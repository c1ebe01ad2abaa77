# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: who owns the state kept across deliveries. The dondoc mail
plugin holds the store connection the Sieve plugin uses (in a mail-user
module context, lib/tracking/dondoc-owner.h); the Sieve plugin, which
Pigeonhole unloads after every delivery, carries no copy of lib/ and no
state, and is linked -z nodelete, so that the unload leaves it mapped and
the next delivery does not map and relocate it again. Without the mail plugin in LMTP's mail_plugins, the error is
logged, the mail is filed and the work spooled, then replayed. Reads the
staged build and a private Dovecot's log, store and spool."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
import dovecot_conf24  # noqa: E402
from dovecot_harness import stage_sieve_plugindir  # noqa: E402
from tracking_env import TrackingServer, report, half_year_report  # noqa: E402

STTTT = "vanphong@stttt.example.vn"
MISSING = "vnd.dondoc needs the dondoc mail plugin"


def sieve_plugin():
    return os.path.join(stage_sieve_plugindir(), "lib90_sieve_dondoc_plugin.so")


def test_one_copy_of_lib():
    """The Sieve plugin defines none of lib/ and needs the mail plugin,
    found one directory up; it stays mapped across Pigeonhole's unloads
    (DF_1_NODELETE, from the link, not a dlopen of its own)."""
    path = sieve_plugin()
    syms = subprocess.run(["nm", "-D", "--defined-only", path], check=True,
                          capture_output=True, text=True).stdout
    assert "dondoc_store_open_with" not in syms, "a copy of lib/store"
    assert "dondoc_analyze_stream" not in syms, "a copy of lib/analysis"
    dyn = subprocess.run(["readelf", "-d", "-W", path], check=True,
                         capture_output=True, text=True).stdout
    assert "[lib20_dondoc_plugin.so]" in dyn, dyn
    assert "[$ORIGIN/..]" in dyn, dyn
    flags = [l for l in dyn.splitlines() if "FLAGS" in l]
    assert any("NODELETE" in l for l in flags), \
        "mapped and relocated again at every delivery: %r" % flags
    undef = subprocess.run(["nm", "-D", "--undefined-only", path], check=True,
                           capture_output=True, text=True).stdout
    assert "dlopen" not in undef, "pins itself"


def lmtp_holding(path):
    """PIDs of processes holding path open."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        fd_dir = "/proc/%s/fd" % pid
        try:
            for fd in os.listdir(fd_dir):
                if os.readlink(os.path.join(fd_dir, fd)) == path:
                    pids.append(pid)
                    break
        except OSError:
            continue
    return pids


def task(s):
    s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng", "2026-06-12",
               period="H:2026:1")
    return half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")


def test_kept_by_mail_plugin():
    """After a delivery, the LMTP process still holds the store: the
    connection outlived the unloaded Sieve plugin. One reused lmtp
    process: 2.4 would end it with the connection."""
    with TrackingServer(extra_conf=dovecot_conf24.one_lmtp_conf()) as s:
        body = task(s)
        code, text = s.dc.deliver(report("own-1@stttt.example.vn", STTTT, body),
                                  mail_from=STTTT)
        assert code == 250, text
        assert s.task_status("DA06-2026-001") == "submitted"
        if not s.db.startswith("/"):
            return  # PostgreSQL: a socket, not a file to find
        assert lmtp_holding(os.path.realpath(s.db)), \
            "no process keeps the store open"
        log = s.dc.read_log()
        assert MISSING not in log, s.dc.tail_log()


def test_without_mail_plugin():
    """LMTP without mail_plugins = dondoc: a clear error, the mail filed,
    the work spooled and replayed by the existing command."""
    with TrackingServer(lmtp_mail_plugin=False) as s:
        body = task(s)
        code, text = s.dc.deliver(report("own-2@stttt.example.vn", STTTT, body),
                                  mail_from=STTTT)
        assert code == 250, text
        assert len(s.dc.where("<own-2@stttt.example.vn>")) == 1
        assert MISSING in s.dc.read_log(), s.dc.tail_log()
        assert s.task_status("DA06-2026-001") != "submitted"
        entries = os.listdir(os.path.join(s.spool, "new"))
        assert any(e.endswith(".meta") for e in entries), entries
        res = s.dc.dondoc("spool", "replay", "--spool", s.spool, db=s.db)
        assert " 0 left" in res.stdout, res.stdout + res.stderr
        assert s.task_status("DA06-2026-001") == "submitted"


def main():
    tap = Tap()
    tap.run("the Sieve plugin carries no copy of lib/ and pins nothing",
            test_one_copy_of_lib)
    tap.run("the mail plugin keeps the Sieve plugin's store across deliveries",
            test_kept_by_mail_plugin)
    tap.run("without the mail plugin in LMTP: error logged, filed, spooled, replayed",
            test_without_mail_plugin)
    tap.done()


if __name__ == "__main__":
    main()
