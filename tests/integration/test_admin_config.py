# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: the configuration an administrator writes. The extension
is offered to global scripts only (sieve_global_extensions): the
secretariat's script, run as its sieve_before, records; an ordinary user's
own (ManageSieve) script cannot even require vnd.dondoc, and its mail is
still delivered; offered to every script, a user without dondoc_db has
nothing done or spooled. Bad values are logged with the setting's name; the key of
the signed addresses is not printed by doveconf -n."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
import dovecot_conf24  # noqa: E402
from tracking_env import (TrackingServer, half_year_report, report,  # noqa: E402
                          secretariat_script, SECRET)

STTTT = "vanphong@stttt.example.vn"
OWN_SCRIPT = """require ["vnd.dondoc", "fileinto", "mailbox"];
record;
confirm;
escalate :reason "a user's own script";
fileinto :create "Mine";
"""


def global_only(s):
    """The secretariat's script as a global sieve_before of tgv only; every
    user's personal script tries to use the extension."""
    s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng đầu năm 2026",
               "2026-06-15", period="H:2026:1")
    body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
    code, text = s.dc.deliver(report("own-1@stttt.example.vn", STTTT, body),
                              rcpt="dan", mail_from=STTTT)
    assert code == 250, text
    assert s.dc.where("<own-1@stttt.example.vn>", user="dan") == ["INBOX"], \
        s.dc.mailboxes("dan")
    assert s.submissions("<own-1@stttt.example.vn>") == [], "a user's script recorded"
    assert s.task_status("DA06-2026-001") == "open"
    assert s.sent() == [], "a user's script sent mail"
    # Pigeonhole tells the user, in the script's own log, why it failed
    with open(os.path.join(s.dc.home("dan"), "dondoc.sieve.log")) as f:
        userlog = f.read()
    assert "vnd.dondoc" in userlog and "require" in userlog, userlog

    code, text = s.dc.deliver(report("sec-1@stttt.example.vn", STTTT, body),
                              mail_from=STTTT)
    assert code == 250, text
    assert s.task_status("DA06-2026-001") == "submitted", s.dc.tail_log()
    assert [m[1] for m in s.sent()] == [["<%s>" % STTTT]]


def test_global_extension_only():
    fields = {"tgv": "userdb_sieve_before={dir}/global/secretariat.sieve",
              "dan": ""}
    with TrackingServer(script=OWN_SCRIPT, users_extra=fields,
                        store_settings={"sieve_extensions": None,
                                        "sieve_global_extensions": "+vnd.dondoc"}) as s:
        path = os.path.join(s.dc.owned_dir("global"), "secretariat.sieve")
        with open(path, "w") as f:
            f.write(secretariat_script())
        os.chown(path, 5000, 5000)
        global_only(s)


SPAM_SCRIPT = """require ["vnd.dondoc", "fileinto", "mailbox"];
record;
confirm;
escalate :to "victim@evil.example" :reason "a user's own script";
fileinto :create "Mine";
"""


def test_offered_to_every_script():
    """vnd.dondoc offered to every script (sieve_extensions, as the spec
    once said), dondoc_db in the secretariat's userdb fields only: an
    ordinary user's own script compiles, and its actions are not done
    and not spooled into the shared dondoc_spool, whose replay by the
    secretariat would record the mail in the secretariat's store and
    send its receipt and an escalation to the user's :to. The mail is
    delivered as the script says."""
    with TrackingServer(script=SPAM_SCRIPT, db_in_userdb=True,
                        users_extra={"dan": ""}) as s:
        s.add_task("DA06-2026-001", "STTTT", "Báo cáo 6 tháng đầu năm 2026",
                   "2026-06-15", period="H:2026:1")
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, text = s.dc.deliver(report("spam-1@stttt.example.vn", STTTT, body),
                                  rcpt="dan", mail_from=STTTT)
        assert code == 250, text
        assert s.dc.where("<spam-1@stttt.example.vn>", user="dan") == ["Mine"], \
            s.dc.mailboxes("dan")
        assert "no dondoc_db for this user" in s.dc.read_log(), s.dc.tail_log()
        listed = s.cli("spool", "list", "--spool", s.spool).stdout
        assert listed == "", "spooled: %s" % listed
        res = s.cli("spool", "replay", "--spool", s.spool, "--smtp",
                    "127.0.0.1:%d" % s.sink.port)
        assert res.returncode == 0, res
        assert s.submissions("<spam-1@stttt.example.vn>") == []
        assert s.query("SELECT kind, recipient FROM outbox") == []
        assert s.sent() == []


def test_bad_values_named():
    """Values of the right type out of dondoc's bounds (2.4 refuses a
    wrong type, an unknown word, at load: test_typed_settings.py)."""
    bad = {"dondoc_text_threshold": "500", "dondoc_max_parts": "0",
           "dondoc_extract_memory": "16M",
           "dondoc_secret": SECRET, "dondoc_secret_key": ""}
    needles = ["dondoc_text_threshold: invalid value '500'",
               "dondoc_max_parts: invalid value 0",
               "dondoc_extract_memory: invalid value",
               "dondoc_secret is deprecated"]
    if not dovecot_conf24.is_24():
        bad["dondoc_trust"] = "bogus"
        needles.append("dondoc_trust: invalid value 'bogus'")
    with TrackingServer(store_settings=bad) as s:
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, text = s.dc.deliver(report("bad-1@stttt.example.vn", STTTT, body),
                                  mail_from=STTTT)
        assert code == 250, text
        log = s.dc.read_log()
        for needle in needles:
            assert needle in log, (needle, s.dc.tail_log())
        # the old name still keys the signed reply address
        out = s.cli("reply-address", "DA06-2026-001").stdout
        assert out.lower().startswith("tgv+da06-2026-001."), out


def test_key_hidden():
    with TrackingServer() as s:
        out = subprocess.run(["doveconf", "-c", s.dc.conf, "-n"], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        assert "dondoc_secret_key" in out, out
        assert SECRET not in out, "doveconf -n prints the key"


def main():
    tap = Tap()
    tap.run("vnd.dondoc for global scripts only: a user's own script cannot record",
            test_global_extension_only)
    tap.run("offered to every script: a user without dondoc_db has nothing "
            "done or spooled", test_offered_to_every_script)
    tap.run("bad setting values are logged with their names", test_bad_values_named)
    tap.run("doveconf -n does not print dondoc_secret_key", test_key_hidden)
    tap.done()


if __name__ == "__main__":
    main()
