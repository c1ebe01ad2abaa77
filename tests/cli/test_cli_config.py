# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""How the dondoc command reads dovecot.conf (cli/cli-config.c,
cli/cli-doveconf.c): one doveconf run as a child, never a re-execution
of dondoc itself through doveconf; and, as before, the precedence --db
over -o over the file, values from `<FILE` kept whole (newlines and all,
never split into other settings), the caller's environment never taken
for settings, and a broken configuration failing with doveconf's own
message and exit status. Prints TAP.
Trusts: the staged dondoc, doveconf, strace (the exec count is skipped
without it)."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import stage_bin  # noqa: E402
from dovecot_conf24 import settings_conf, override_key, is_24  # noqa: E402
from tap import Tap  # noqa: E402


def dondoc(*args, env=None):
    return subprocess.run([stage_bin()] + list(args), capture_output=True,
                          text=True, timeout=60, env=env)


def store(tmp, name, agency):
    db = os.path.join(tmp, name)
    res = dondoc("--db", db, "db", "init")
    assert res.returncode == 0, res
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO agency (code, name) VALUES (?, ?)",
                    (agency, agency))
    con.close()
    return db


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


class Env:
    def __init__(self, tmp):
        self.tmp = tmp
        self.a = store(tmp, "a.db", "FILE")
        self.b = store(tmp, "b.db", "OPT")
        self.c = store(tmp, "c.db", "ARG")
        self.conf = write(os.path.join(tmp, "dovecot.conf"),
                          settings_conf({"dondoc_db": self.a}))


def agencies(res):
    assert res.returncode == 0, res
    return [line.split()[0] for line in res.stdout.splitlines()]


def test_precedence(e):
    assert agencies(dondoc("-c", e.conf, "agency", "list")) == ["FILE"]
    opt = "%s=%s" % (override_key("dondoc_db"), e.b)
    assert agencies(dondoc("-c", e.conf, "-o", opt, "agency",
                           "list")) == ["OPT"]
    assert agencies(dondoc("-c", e.conf, "-o", opt, "--db", e.c, "agency",
                           "list")) == ["ARG"]
    assert agencies(dondoc("-c", e.conf, "agency", "list", "--db",
                           e.c)) == ["ARG"]


def test_file_value_whole(e):
    value = write(os.path.join(e.tmp, "timeout"),
                  "250\nplugin/dondoc_db=/evil\nDONDOC_DB=/evil\n")
    conf = write(os.path.join(e.tmp, "file-value.conf"),
                 settings_conf({"dondoc_db": e.a,
                                "dondoc_busy_timeout_msecs": "<" + value}))
    res = dondoc("-c", conf, "agency", "list")
    assert res.stdout == "", res
    if is_24():
        # the setting is typed on 2.4: doveconf itself refuses the whole
        # value (status 89), before dondoc reads anything of it
        assert res.returncode == 89, res
        assert "dondoc_busy_timeout_msecs: Invalid number 250\n" \
            in res.stderr, res.stderr
        return
    assert res.returncode == 1, res
    # the whole file is the one value, newlines included
    assert "invalid dondoc_busy_timeout_msecs: 250\nplugin/dondoc_db=" \
        "/evil\nDONDOC_DB=/evil\n" in res.stderr, res.stderr


def test_environment_not_settings(e):
    env = dict(os.environ)
    env["PLUGIN/DONDOC_DB"] = e.b
    env["DONDOC_DB"] = e.b
    env["DOVECONF_ENV_X"] = "1"
    assert agencies(dondoc("-c", e.conf, "agency", "list",
                           env=env)) == ["FILE"]


def test_broken_config(e):
    conf = write(os.path.join(e.tmp, "broken.conf"),
                 settings_conf({"dondoc_db": e.a}) +
                 "no_such_setting_anywhere = 1\n")
    res = dondoc("-c", conf, "agency", "list")
    assert res.returncode == 89, res
    assert res.stdout == "", res
    assert "doveconf: Fatal:" in res.stderr and \
        "no_such_setting_anywhere" in res.stderr, res.stderr
    # no setting needed: the configuration is not read at all
    res = dondoc("-c", conf, "calendar", "is-workday", "2026-06-15")
    assert res.returncode == 0, res


def test_one_doveconf_no_reexec(e):
    if shutil.which("strace") is None:
        print("# strace not installed: skipped")
        return
    log = os.path.join(e.tmp, "strace.log")
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve", "-o", log,
                    stage_bin(), "-c", e.conf, "agency", "list", "--db",
                    e.c], check=True, capture_output=True, timeout=60)
    with open(log) as f:
        execs = [line for line in f if "execve(" in line and "= 0" in line]
    progs = [line.split('"')[1] for line in execs]
    dondocs = [p for p in progs if os.path.basename(p) == "dondoc"]
    doveconfs = [p for p in progs if os.path.basename(p) == "doveconf"]
    assert len(dondocs) == 1, progs
    assert len(doveconfs) == 1, progs
    # and what doveconf runs to hand the configuration over: env -0 on
    # 2.3, sh and cat on 2.4 (small tools, not dondoc's 53 libraries)
    others = [os.path.basename(p) for p in progs
              if p not in dondocs + doveconfs]
    assert set(others) <= {"env", "sh", "cat"}, progs


def main():
    tap = Tap()
    tmp = tempfile.mkdtemp(prefix="dondoc-cli-config.")
    try:
        e = Env(tmp)
        tap.run("--db over -o over dovecot.conf", test_precedence, e)
        tap.run("a <FILE value reaches the command whole, newlines and "
                "all", test_file_value_whole, e)
        tap.run("the caller's environment is never read as settings",
                test_environment_not_settings, e)
        tap.run("a broken dovecot.conf fails with doveconf's message and "
                "status", test_broken_config, e)
        tap.run("dovecot.conf read by one doveconf child, dondoc executed "
                "once", test_one_doveconf_no_reexec, e)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tap.done()


if __name__ == "__main__":
    main()
