# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""A PostgreSQL server that stops answering on the plugin's kept
connection (its backend process stopped with SIGSTOP by PID: what a hung
server or a network partition looks like to the client) must not hold a
delivery longer than the busy timeout: the mail is delivered and the
work spooled, as when the server is down. statement_timeout and
lock_timeout are the server's own and cannot fire while it is stopped:
the client's wait has to be bounded too.

Against blocking PQexec calls the delivery hung past the LMTP client's
60 s; every answer is now awaited within the busy timeout
(pgsql_answer() in lib/store/dondoc-store-pgsql-exec.c). After SIGCONT
the spool's replay records the report exactly once. Runs on its own
private server (tests/lib/pg_harness.py). Prints TAP."""

import os
import signal
import socket
import sys
import time

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
        os.path.exists("/usr/bin/python3") and \
        not os.environ.get("DONDOC_HUNG_REEXEC"):
    os.environ["DONDOC_HUNG_REEXEC"] = "1"
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dovecot_conf24  # noqa: E402
import pg_harness  # noqa: E402
from tap import Tap  # noqa: E402
from test_outbox_faults import STTTT, add_tasks, monthly  # noqa: E402
from test_pgsql_faults import replay, spooled  # noqa: E402

os.environ["DONDOC_TEST_DB"] = "pgsql"
from tracking_env import TrackingServer  # noqa: E402

BUSY_MSECS = 2000


def store_backends(s):
    return [int(r[0]) for r in s.pg.psql(
        "SELECT pid FROM pg_stat_activity WHERE datname = '%s' AND "
        "backend_type = 'client backend' AND pid <> pg_backend_pid()"
        % s.pg_dbname, s.pg_dbname)]


def hung_server():
    socket.setdefaulttimeout(60)
    # one reused lmtp process: 2.4 ends it with each connection, and
    # with it the kept connection this test stops
    with TrackingServer(store_settings={
            "dondoc_busy_timeout_msecs": str(BUSY_MSECS)},
            extra_conf=dovecot_conf24.one_lmtp_conf()) as s:
        codes = add_tasks(s, 2, first=500)
        code, text = s.dc.deliver(monthly(500, codes[0],
                                          "hung-1@stttt.example.vn"),
                                  mail_from=STTTT)
        assert code == 250, text
        pids = store_backends(s)
        assert pids, "no kept connection"
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            started = time.time()
            try:
                code = s.dc.deliver(monthly(501, codes[1],
                                            "hung-2@stttt.example.vn"),
                                    mail_from=STTTT)[0]
            except OSError as e:
                code = repr(e)
            held = time.time() - started
        finally:
            for pid in pids:
                os.kill(pid, signal.SIGCONT)
        print("# delivery with the store's backend stopped: %r after "
              "%.1f s (busy timeout %.1f s)" % (code, held, BUSY_MSECS / 1000))
        assert code == 250, code
        assert held < BUSY_MSECS / 1000 + 3, held
        assert len(s.dc.where("<hung-2@stttt.example.vn>")) == 1
        assert spooled(s), "nothing spooled"
        replay(s)
        rows = s.query("SELECT count(*) FROM submission WHERE message_id = ?",
                       "<hung-2@stttt.example.vn>")
        assert rows[0][0] == 1, rows
        # a second replay finds nothing left to do
        replay(s)
        rows = s.query("SELECT count(*) FROM submission WHERE message_id = ?",
                       "<hung-2@stttt.example.vn>")
        assert rows[0][0] == 1, rows


def main():
    tap = Tap()
    if not pg_harness.available():
        print("1..0 # SKIP PostgreSQL is not installed")
        return
    tap.run("the store's server stops answering: the delivery waits no "
            "longer than the busy timeout, delivered, spooled", hung_server)
    tap.done()


if __name__ == "__main__":
    main()
