# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the dondoc command behaves as an administrator expects of
a Dovecot tool: --help, COMMAND --help, --version; sysexits codes (64
usage, 67 no such user, 75 temporary failure: SMTP down, the store locked;
1 bad input); `-u USER` resolving the user's settings through
mail-storage-service as doveadm does (userdb home, so `~/` paths work,
and the user's uid); a spool directory that does not exist is an error;
the CLI's mail and the delivery's mail have the same default From:;
root refused on the mail user's store, where it would leave root's
files."""

import os
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import PrivateDovecot, stage_bin, stage_src, UID  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import (TrackingServer, report, half_year_report)  # noqa: E402

COMMANDS = ["analyze", "calendar", "outbox", "spool", "reply-address",
            "sweep", "retention", "db", "agency", "person", "task", "import",
            "obligations"]
CAL = ("sql", "calendar", "vn-public-service-calendar-2022-2026.tsv")


def run(*args, user=None):
    kw = {"user": user, "group": user} if user is not None else {}
    return subprocess.run([stage_bin()] + list(args), capture_output=True,
                          text=True, timeout=60, **kw)


def test_help_and_version():
    res = run("--help")
    assert res.returncode == 0, res
    for name in COMMANDS:
        assert "\n  %s " % name in res.stdout, (name, res.stdout)
    assert "75" in res.stdout and "64" in res.stdout
    res = run("--version")
    assert res.returncode == 0 and res.stdout.startswith("dondoc "), res
    assert "Dovecot 2." in res.stdout, res.stdout
    for name in COMMANDS:
        res = run(name, "--help")
        assert res.returncode == 0, (name, res)
        assert res.stdout.startswith("usage: dondoc ") and \
            (" %s " % name) in res.stdout, (name, res.stdout)
        assert res.stderr == "", (name, res.stderr)


def test_usage_codes():
    for args in (["frobnicate"], [], ["-x", "db", "check"], ["db"],
                 ["db", "backup"], ["calendar", "is-workday"],
                 ["calendar", "is-workday", "2026-02-30"],
                 ["retention", "--spool", "/x", "--no-spool"]):
        res = run(*args)
        assert res.returncode == 64, (args, res.returncode, res.stderr)
        assert res.stdout == "", (args, res.stdout)


def test_is_workday_shell_test():
    assert run("calendar", "is-workday", "2026-06-10").returncode == 0
    assert run("calendar", "is-workday", "2026-06-13").returncode == 1
    assert run("calendar", "is-workday", "2026-09-02").returncode == 1


def test_user_settings(dc):
    home = dc.home("tgv")
    # Without -u, "~/" cannot be resolved: a clear error, not a guess.
    res = dc.dondoc("db", "check", check=False)
    assert res.returncode == 1 and "-u USER" in res.stderr, res
    # -u USER as root: the userdb's home and uid, as doveadm -u.
    res = subprocess.run([stage_bin(), "-c", dc.conf, "-u", "tgv", "db",
                          "init", "--calendar", stage_src(*CAL)],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res
    st = os.stat(os.path.join(home, "x", "dondoc.db"))
    assert st.st_uid == UID, "store created as uid %d" % st.st_uid
    res = subprocess.run([stage_bin(), "-c", dc.conf, "-u", "tgv", "agency",
                          "add", "CAT", "Công an tỉnh"], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res
    con = sqlite3.connect(os.path.join(home, "x", "dondoc.db"))
    assert con.execute("SELECT code FROM agency").fetchall() == [("CAT",)]
    con.close()
    res = subprocess.run([stage_bin(), "-c", dc.conf, "-u", "nobody-here",
                          "agency", "list"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 67, res


def test_foreign_check_stamp(dc):
    """A check stamp of another user's (root's, from an earlier version
    run as root) is replaced by the store's user after its check, not
    left to make every open check again."""
    db = os.path.join(dc.home("tgv"), "x", "dondoc.db")
    stamp = db + ".checked"
    if os.path.exists(stamp):
        os.unlink(stamp)
    with open(stamp, "w"):
        pass
    os.chmod(stamp, 0o644)
    old = time.time() - 7200
    os.utime(stamp, (old, old))
    res = subprocess.run([stage_bin(), "-c", dc.conf, "-u", "tgv", "agency",
                          "list"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res
    st = os.stat(stamp)
    assert st.st_uid == UID, "stamp still uid %d" % st.st_uid
    assert st.st_mtime > time.time() - 600, st.st_mtime


def test_root_on_mail_users_store(dc):
    """As root without -u, on the mail user's store (or into its
    directory): refused, with the way out named; nothing is created
    there as root (a root-owned store, or its check marker, which the
    deliveries could no longer write or touch)."""
    x = os.path.join(dc.home("tgv"), "x")
    new = os.path.join(x, "new.db")
    res = run("--db", new, "db", "init", "--calendar", stage_src(*CAL))
    assert res.returncode == 1, res
    assert "-u USER" in res.stderr and "uid %d" % UID in res.stderr, res.stderr
    assert not os.path.exists(new), "db init as root created %s" % new
    for args in (["agency", "list"], ["db", "check"],
                 ["db", "copy", "--from", os.path.join(x, "dondoc.db"),
                  "--to", new]):
        res = run("--db", os.path.join(x, "dondoc.db"), *args)
        assert res.returncode == 1 and "-u USER" in res.stderr, (args, res)
    rooted = [n for n in os.listdir(x)
              if os.stat(os.path.join(x, n)).st_uid == 0]
    assert rooted == [], "created as root: %s" % rooted
    # as the mail user, the same command works
    res = run("--db", os.path.join(x, "dondoc.db"), "agency", "list",
              user=UID)
    assert res.returncode == 0 and "CAT" in res.stdout, res


def test_spool_must_exist(dc):
    cmd = [stage_bin(), "-c", dc.conf, "-u", "tgv", "spool"]
    for sub in ("list", "replay"):
        res = subprocess.run(cmd + [sub], capture_output=True, text=True,
                             timeout=60)
        assert res.returncode == 1, (sub, res)
        assert "dondoc-spool does not exist" in res.stderr, res.stderr
        assert "replayed" not in res.stdout, res.stdout
    os.makedirs(os.path.join(dc.home("tgv"), "x", "dondoc-spool"))
    res = subprocess.run(cmd + ["replay"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0 and "0 replayed" in res.stdout, res
    res = run("--db", "/nonexistent.db", "spool", "list", "--spool",
              "/nonexistent/spool")
    assert res.returncode == 1 and "does not exist" in res.stderr, res


def test_store_locked_is_temporary(s):
    con = sqlite3.connect(s.db, timeout=5, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    try:
        res = subprocess.run([stage_bin(), "-c", s.dc.conf, "--db", s.db,
                              "-o", "plugin/dondoc_busy_timeout_msecs=200",
                              "agency", "add", "LOCK", "Bị khóa"],
                             capture_output=True, text=True, timeout=60,
                             user=UID, group=UID)
    finally:
        con.execute("ROLLBACK")
        con.close()
    assert res.returncode == 75, (res.returncode, res.stderr)
    assert "locked" in res.stderr or "busy" in res.stderr, res.stderr


def test_smtp_down_is_temporary(s):
    s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng", "2026-06-12",
               period="H:2026:1")
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    s.dc.reconfigure(dondoc_send="outbox")
    code, _ = s.dc.deliver(report("tempfail-1@stttt.example.vn",
                                  "vanphong@stttt.example.vn", body),
                           mail_from="vanphong@stttt.example.vn")
    s.dc.reconfigure(dondoc_send="delivery")
    assert code == 250
    # a closed port: SMTP is down, the receipt stays queued
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:1", check=False)
    assert res.returncode == 75, (res.returncode, res.stdout, res.stderr)
    res = s.cli("outbox", "list", "--state", "queued")
    assert res.stdout.count("\n") == 1, res.stdout
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert res.returncode == 0 and "1 sent" in res.stdout, res
    s.sent()


def test_same_default_from(s):
    s.add_task("DA06-2026-002", "SXD", "Báo cáo 6 tháng", "2026-06-01",
               period="H:2026:1")
    body = half_year_report(45, "SỞ XÂY DỰNG", "BC-SXD", day=9)
    code, _ = s.dc.deliver(report("from-1@sxd.example.vn",
                                  "vanphong@sxd.example.vn", body),
                           mail_from="vanphong@sxd.example.vn")
    assert code == 250
    delivered = {m["X-Dondoc-Generated"]: m["From"] for _, _, m in s.sent()}
    assert "confirm" in delivered, delivered
    s.add_task("DA06-2026-003", "SXD", "Báo cáo tháng", "2026-06-11")
    res = s.cli("sweep", "--today", "2026-06-10", "--smtp",
                "127.0.0.1:%d" % s.sink.port)
    assert res.returncode == 0, res
    swept = {m["X-Dondoc-Generated"]: m["From"] for _, _, m in s.sent()}
    assert "reminder" in swept, swept
    assert delivered["confirm"].addresses[0].addr_spec == \
        swept["reminder"].addresses[0].addr_spec == \
        "postmaster@bcd06.example.vn", (delivered, swept)


def main():
    tap = Tap()
    tap.run("--help, --version and COMMAND --help exit 0 on stdout",
            test_help_and_version)
    tap.run("usage errors exit 64 (EX_USAGE) with nothing on stdout",
            test_usage_codes)
    tap.run("calendar is-workday exits 0/1 as a shell test",
            test_is_workday_shell_test)
    dc = PrivateDovecot(plugin_settings={"dondoc_db": "~/x/dondoc.db",
                                         "dondoc_spool": "~/x/dondoc-spool"})
    with dc:
        os.makedirs(os.path.join(dc.home("tgv"), "x"))
        os.chown(os.path.join(dc.home("tgv"), "x"), UID, UID)
        tap.run("-u USER: the userdb's home and uid (dondoc_db = ~/x/...), "
                "67 for an unknown user", test_user_settings, dc)
        tap.run("a check stamp of root's beside the mail user's store is "
                "replaced after the check", test_foreign_check_stamp, dc)
        tap.run("as root, the mail user's store is refused (-u USER named), "
                "nothing created as root", test_root_on_mail_users_store, dc)
        tap.run("a spool directory that does not exist is an error",
                test_spool_must_exist, dc)
    with TrackingServer(store_settings={"dondoc_from": ""},
                        extra_conf="postmaster_address = "
                        "postmaster@bcd06.example.vn\n") as s:
        tap.run("a store locked past the busy timeout exits 75",
                test_store_locked_is_temporary, s)
        tap.run("outbox send with SMTP down exits 75, the mail stays queued",
                test_smtp_down_is_temporary, s)
        tap.run("delivery and CLI mail have the same default From:",
                test_same_default_from, s)
    tap.done()


if __name__ == "__main__":
    main()
