# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: dondoc's settings as each Dovecot reads them.

On Dovecot 2.4 they are declared with their types
(lib/tracking/dondoc-settings-defs.c): doveconf refuses a badly typed
value with the setting's name and prints the typed defaults, which must
be the documented ones (doc/sieve-vnd-dondoc.md). On both versions
dondoc's own readers keep their bounds, and a secret can be read from a
file (`NAME = <FILE`: the key of the signed reply addresses, a
PostgreSQL conninfo with its password) without being printed or logged.
The 2.4-only cases say so in their SKIP line on 2.3, whose plugin {}
values are untyped strings. Runs doveconf and the dondoc command as the
tests' own user; trusts nothing it reads back."""

import os
import re
import shutil
import smtplib
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
import dovecot_conf24  # noqa: E402
from dovecot_harness import PrivateDovecot, srcdir, GID  # noqa: E402
from tracking_env import (TrackingServer, half_year_report, report,  # noqa: E402
                          SECRET)

STTTT = "vanphong@stttt.example.vn"
ONLY_24 = "2.4 only: 2.3's plugin {} values are untyped strings"
# (setting, bad value, what doveconf must say)
BAD = [
    ("dondoc_busy_timeout_msecs", "abc", "Invalid number"),
    ("dondoc_busy_timeout_msecs", "2s", "Invalid number"),
    ("dondoc_smtp_timeout", "-1", "Invalid number"),
    ("dondoc_max_parts", "99999999999", "Invalid number"),
    ("dondoc_spool_max_size", "12Q", "Invalid size"),
    ("dondoc_store_sync", "fast", "Invalid value"),
    ("dondoc_trust", "bogus", "Invalid value"),
    ("dondoc_head_digest_day", "Monday", "Invalid value"),
    ("dondoc_max_parts", "unlimited", "no unlimited value"),
    ("dondoc_escalate_attach_max", "unlimited", "no unlimited value"),
]
SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def doveconf(conf, *args):
    return subprocess.run(["doveconf", "-c", conf] + list(args),
                          capture_output=True, text=True, timeout=60)


class Conf:
    """A private instance's dovecot.conf, written but not started."""

    def __init__(self, **settings):
        self.dc = PrivateDovecot(plugin_settings=settings)
        for sub in ("run", "state"):
            os.makedirs(os.path.join(self.dc.dir, sub))
        mods = self.dc._install_modules()
        self.dc._write_conf(mods, self.dc._write_users())
        self.path = self.dc.conf

    def with_line(self, line):
        """A copy with LINE last (2.4: a later value wins)."""
        path = os.path.join(self.dc.dir, "bad.conf")
        with open(self.path) as f, open(path, "w") as out:
            out.write(f.read() + "\n" + line + "\n")
        return path

    def close(self):
        shutil.rmtree(self.dc.dir, ignore_errors=True)


def test_refused():
    conf = Conf()
    try:
        res = doveconf(conf.path, "-n")
        assert res.returncode == 0, "the base config fails: %s" % res.stderr
        for name, value, says in BAD:
            res = doveconf(conf.with_line("%s = %s" % (name, value)), "-n")
            assert res.returncode != 0, "%s = %s accepted" % (name, value)
            assert name in res.stderr and says in res.stderr, \
                (name, value, res.stderr)
        # the unit is in the name: a plain number, as on 2.3
        res = doveconf(conf.with_line("dondoc_busy_timeout_msecs = 2000"),
                       "-h", "dondoc_busy_timeout_msecs")
        assert res.returncode == 0 and res.stdout.strip() == "2000", res
    finally:
        conf.close()


def size_bytes(text):
    m = re.fullmatch(r"(\d+)\s*([KMG]?)B?", text.strip(), re.I)
    return int(m.group(1)) * SIZE_UNITS[m.group(2).upper()] if m else None


def documented_defaults():
    """{setting: default} of the spec's table rows "| a, b | x, y | ..."."""
    with open(os.path.join(srcdir(), "doc", "sieve-vnd-dondoc.md")) as f:
        rows = re.findall(r"^\| (dondoc_[a-z0-9_, ]+) \| ([^|]*) \|", f.read(),
                          re.M)
    out = {}
    for names, defaults in rows:
        names = [n.strip() for n in names.split(",")]
        values = [v.strip() for v in defaults.split(",")]
        if len(values) == len(names):
            out.update(zip(names, values))
    return out


def test_defaults():
    conf = Conf()
    try:
        res = doveconf(conf.path, "-d")
        assert res.returncode == 0, res.stderr
        printed = dict(re.findall(r"^(dondoc_[a-z0-9_]+) = (.*)$", res.stdout,
                                  re.M))
        assert "dondoc_spool_max_size" in printed, res.stdout[-2000:]
        documented = documented_defaults()
        compared = 0
        for name, value in sorted(printed.items()):
            # strings are "" (their default depends on the adapter);
            # dondoc_outbox_lease's 0 is "derived from dondoc_smtp_timeout"
            if value == "" or name == "dondoc_outbox_lease":
                continue
            doc = documented.get(name)
            assert doc is not None, "%s: no documented default" % name
            if size_bytes(value) is not None and size_bytes(doc) is not None:
                assert size_bytes(value) == size_bytes(doc), (name, value, doc)
            else:
                assert value == doc, (name, value, doc)
            compared += 1
        assert compared >= 25, compared
    finally:
        conf.close()


def test_bounds_kept():
    """Values of the right type out of dondoc's range are still refused
    by dondoc's reader, on both versions; in range, they are used."""
    with TrackingServer() as s:
        out = s.cli("retention", "--dry-run", "--no-spool").stdout
        assert "older than 90 days" in out, out
        s.dc.reconfigure(dondoc_retention_days="30")
        out = s.cli("retention", "--dry-run", "--no-spool").stdout
        assert "older than 30 days" in out, out
        s.dc.reconfigure(dondoc_retention_days="40000")
        res = s.cli("retention", "--dry-run", "--no-spool", check=False)
        assert res.returncode != 0 and \
            "invalid dondoc_retention_days: 40000" in res.stderr, res
        s.dc.reconfigure(dondoc_retention_days=None,
                         dondoc_busy_timeout_msecs="600001")
        res = s.cli("agency", "list", check=False)
        assert res.returncode != 0 and \
            "invalid dondoc_busy_timeout_msecs: 600001 (1..600000)" in res.stderr, res


def test_bad_userdb_value_once():
    """2.4: a badly typed dondoc value from the userdb (which doveconf
    never sees) fails settings_get() at each delivery. Four deliveries in
    one LMTP session (one lmtp process), each using vnd.dondoc several
    times: every one is answered 250 and filed (the script fails, the
    implicit keep), and the error is logged once for the process, not by
    each use and each delivery (the mail plugin's reading included)."""
    with TrackingServer(users_extra={
            "tgv": "userdb_dondoc_max_parts=abc"}) as s:
        ids = ["bad-%d@stttt.example.vn" % i for i in range(4)]
        with smtplib.LMTP("127.0.0.1", s.dc.lmtp_port, timeout=60) as lmtp:
            lmtp.ehlo("test.example.vn")
            for i, msgid in enumerate(ids):
                mail = report(msgid, STTTT, half_year_report(
                    70 + i, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT"))
                lmtp.mail(STTTT)
                code, text = lmtp.rcpt("tgv@bcd06.example.vn")
                assert code == 250, text
                code, text = lmtp.data(mail if isinstance(mail, bytes)
                                       else mail.encode("utf-8"))
                assert code == 250, text
        filed = [s.dc.where("<%s>" % msgid) for msgid in ids]
        log = s.dc.read_log()
        errors = [line for line in log.splitlines()
                  if "dondoc_max_parts" in line and "rror" in line]
        print("# a bad userdb value over 4 deliveries: %d error line(s); "
              "filed in %s" % (len(errors), filed))
        assert filed == [["INBOX"]] * 4, filed
        assert len(errors) == 1, "\n".join(errors)


def secret_file(text):
    """TEXT in a file only root and the mail group read (no newline: a
    trailing one would be part of the value)."""
    d = tempfile.mkdtemp(prefix="dondoc-secret-")
    os.chmod(d, 0o755)
    path = os.path.join(d, "secret")
    with open(path, "w") as f:
        f.write(text)
    os.chown(path, 0, GID)
    os.chmod(path, 0o640)
    return d, path


def test_secret_key_from_file():
    with TrackingServer() as s:
        inline = s.cli("reply-address", "DA06-2026-001").stdout.strip()
    d, path = secret_file(SECRET)
    try:
        with TrackingServer(store_settings={"dondoc_secret_key": "<" + path}) as s:
            address = s.cli("reply-address", "DA06-2026-001").stdout.strip()
            assert address == inline and "+da06-2026-001." in address.lower(), \
                (address, inline)
            s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng đầu năm 2026",
                       "2026-06-15", period="H:2026:1")
            body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
            code, text = s.dc.deliver(report("key-1@stttt.example.vn", STTTT, body),
                                      mail_from=STTTT)
            assert code == 250, text
            assert s.task_status("DA06-2026-001") == "submitted", s.dc.tail_log()
            shown = doveconf(s.dc.conf, "-n").stdout
            assert "dondoc_secret_key" in shown, shown
            for where, text in (("doveconf -n", shown),
                                ("the log", s.dc.read_log())):
                assert SECRET not in text, "the key is in %s" % where
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_conninfo_from_file():
    """A conninfo read from a file: the server it names is used (and is
    not there: the work is spooled, the mail filed), its password is in
    no log line."""
    password = "pw-" + SECRET
    d, path = secret_file("host=/nonexistent/dondoc-secret dbname=x "
                          "user=dondoc password=%s" % password)
    try:
        with TrackingServer(store_settings={"db": "<" + path}) as s:
            body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
            code, text = s.dc.deliver(report("pw-1@stttt.example.vn", STTTT, body),
                                      mail_from=STTTT)
            assert code == 250, text
            log = s.dc.read_log()
            assert "/nonexistent/dondoc-secret" in log or \
                "'postgresql' is not available" in log, s.dc.tail_log()
            assert os.listdir(os.path.join(s.spool, "new")), "nothing spooled"
            assert password not in log, "the password is in the log"
            assert password not in doveconf(s.dc.conf, "-n").stdout, \
                "doveconf -n prints the password"
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    tap = Tap()
    if dovecot_conf24.is_24():
        tap.run("2.4: doveconf refuses a badly typed dondoc value, naming it",
                test_refused)
        tap.run("2.4: doveconf prints the typed defaults, as documented",
                test_defaults)
        tap.run("2.4: a badly typed userdb value: each delivery filed, the "
                "error logged once per process", test_bad_userdb_value_once)
    else:
        tap.skip("2.4: doveconf refuses a badly typed dondoc value, naming it",
                 ONLY_24)
        tap.skip("2.4: doveconf prints the typed defaults, as documented",
                 ONLY_24)
        tap.skip("2.4: a badly typed userdb value: each delivery filed, the "
                 "error logged once per process", ONLY_24)
    tap.run("typed values are read; dondoc's own bounds still refuse the rest",
            test_bounds_kept)
    tap.run("dondoc_secret_key = <FILE: read from the file, never shown or logged",
            test_secret_key_from_file)
    tap.run("dondoc_db = <FILE (conninfo with a password): used, never logged",
            test_conninfo_from_file)
    tap.done()


if __name__ == "__main__":
    main()
