# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Statements and network round trips per LMTP delivery on PostgreSQL,
the load-independent side of bench-pgsql (wall-clock ratios on a shared
machine move with the others' load; these do not). One Dovecot with the
secretariat script on a private PostgreSQL of its own with
log_statement = all; after one delivery that prepares the statements,
N reports on one LMTP session: the statements the lmtp process's
backend logged, and (with strace) the sendto calls on its socket that
follow an answer, i.e. the round trips; and the same for the outbox
sender, per mail `dondoc outbox send` sends. Trusts tests/lib's harnesses;
used by bench_pgsql.py, or alone: bench_pgsql_count.py [N]."""

import collections
import os
import re
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pg_harness  # noqa: E402

LOGGED = re.compile(r"\[(\d+)\] LOG:  (?:statement|execute [^:]*): ")


def _lmtp_pid(server):
    """The lmtp process the master started for our session."""
    ps = subprocess.run(["ps", "-eo", "pid,ppid,comm"], check=True,
                        stdout=subprocess.PIPE, text=True).stdout
    pids = [f[0] for f in (line.split() for line in ps.splitlines()[1:])
            if f[2] == "lmtp" and f[1] == str(server.dc.proc.pid)]
    return pids[0] if len(pids) == 1 else None


def _round_trips(trace):
    """sendto calls on the busiest socket that follow a received answer
    (a send after a send is the same round trip)."""
    lines = trace.splitlines()
    fds = collections.Counter(m.group(1) for m in (
        re.search(r"sendto\((\d+),", line) for line in lines) if m)
    if not fds:
        return 0
    fd = fds.most_common(1)[0][0]
    trips, last = 0, "recv"
    for line in lines:
        if re.search(r"sendto\(%s," % fd, line):
            trips += last == "recv"
            last = "send"
        elif re.search(r"recvfrom\(%s,.*= [1-9]" % fd, line):
            last = "recv"
    return trips


def use_pg_store(pg):
    """Points the tracking harness's servers at the private PostgreSQL;
    returns what restore_env() puts back."""
    saved = {k: os.environ.get(k) for k in ("DONDOC_TEST_DB",
                                           "DONDOC_TEST_PG_DIR")}
    os.environ["DONDOC_TEST_DB"] = "pgsql"
    os.environ["DONDOC_TEST_PG_DIR"] = pg.dir
    return saved


def restore_env(saved):
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def count(reports=20):
    """Print the statements and round trips per delivery; returns them
    (round trips None without strace)."""
    import bench_pgsql
    pg = pg_harness.PrivatePostgres({"log_statement": "all"}).start()
    saved = use_pg_store(pg)
    tmp = tempfile.mkdtemp(prefix="dondoc-count.")
    strace = shutil.which("strace")
    tracer = None
    try:
        from tracking_env import TrackingServer
        with TrackingServer() as s:
            bench_pgsql.import_tasks(s, reports + 1)
            with smtplib.LMTP("127.0.0.1", s.dc.lmtp_port, timeout=120) as lmtp:
                lmtp.ehlo("bench.example.vn")
                lmtp.sendmail(bench_pgsql.SENDER, ["tgv@bcd06.example.vn"],
                              bench_pgsql.make_report(reports))
                pid = _lmtp_pid(s)
                trace = os.path.join(tmp, "strace.out")
                if strace is not None and pid is not None:
                    tracer = subprocess.Popen(
                        [strace, "-qq", "-e", "trace=sendto,recvfrom",
                         "-o", trace, "-p", pid])
                    time.sleep(1)
                log = os.path.join(pg.dir, "server.log")
                offset = os.path.getsize(log)
                for i in range(reports):
                    lmtp.sendmail(bench_pgsql.SENDER, ["tgv@bcd06.example.vn"],
                                  bench_pgsql.make_report(i))
                time.sleep(0.5)
                if tracer is not None:
                    tracer.terminate()
                    tracer.wait()
                    tracer = None
            with open(log, errors="replace") as f:
                f.seek(offset)
                per_backend = collections.Counter(
                    m.group(1) for m in map(LOGGED.search, f) if m)
            recorded = s.query("SELECT count(*) FROM submission")[0][0]
        statements = per_backend.most_common(1)[0][1] if per_backend else 0
        trips = None
        if strace is not None and pid is not None:
            with open(trace) as f:
                trips = _round_trips(f.read())
        print("PostgreSQL, %d deliveries on one session (%d recorded): "
              "%.1f statements per delivery (log_statement), %s round "
              "trips per delivery (%s)"
              % (reports, recorded, statements / reports,
                 "?" if trips is None else "%.1f" % (trips / reports),
                 "strace -e sendto,recvfrom on the lmtp process"
                 if trips is not None else "strace not installed"),
              flush=True)
        return statements / reports, None if trips is None else trips / reports
    finally:
        if tracer is not None:
            tracer.terminate()
            tracer.wait()
        restore_env(saved)
        shutil.rmtree(tmp, ignore_errors=True)
        pg.stop()


def _sender_trips(server, tmp, name):
    """`dondoc outbox send` once under strace: (round trips on its
    PostgreSQL socket, mails the sink got)"""
    from dovecot_harness import UID, GID, stage_bin
    trace = os.path.join(tmp, name)
    subprocess.run(["strace", "-f", "-qq", "-e",
                    "trace=sendto,recvfrom", "-o", trace, stage_bin(), "-c",
                    server.dc.conf, "--db", server.db, "outbox", "send",
                    "--smtp", "127.0.0.1:%d" % server.sink.port],
                   check=True, user=UID, group=GID, cwd=server.dc.dir,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # libpq sends with send(2), the SMTP client with write(2): the
    # busiest socket that sendto() sees is the store's
    with open(trace) as f:
        trips = _round_trips(f.read())
    time.sleep(0.5)
    return trips, len(server.sent())


def count_sender(reports=40):
    """The outbox sender's round trips per mail sent (`dondoc outbox
    send` of the receipts of reports delivered with dondoc_send =
    outbox): the run with reports mails less the run with none, so that
    connecting and the first look are not counted. Prints and returns
    them (None without strace)."""
    import bench_pgsql
    if shutil.which("strace") is None:
        print("PostgreSQL sender: strace not installed")
        return None
    pg = pg_harness.PrivatePostgres().start()
    saved = use_pg_store(pg)
    tmp = tempfile.mkdtemp(prefix="dondoc-count-sender.")
    os.chmod(tmp, 0o777)
    try:
        from tracking_env import TrackingServer
        with TrackingServer(store_settings={"dondoc_send": "outbox"}) as s:
            bench_pgsql.import_tasks(s, reports)
            empty, _ = _sender_trips(s, tmp, "empty.out")
            with smtplib.LMTP("127.0.0.1", s.dc.lmtp_port,
                              timeout=120) as lmtp:
                lmtp.ehlo("bench.example.vn")
                for i in range(reports):
                    lmtp.sendmail(bench_pgsql.SENDER,
                                  ["tgv@bcd06.example.vn"],
                                  bench_pgsql.make_report(i))
            trips, sent = _sender_trips(s, tmp, "send.out")
        per = (trips - empty) / sent if sent else float("nan")
        print("PostgreSQL sender (dondoc outbox send), %d mails sent: %.2f "
              "round trips per mail sent (%d in all, %d of them with "
              "nothing to send; strace -e sendto,recvfrom)" % (sent, per, trips, empty), flush=True)
        return per
    finally:
        restore_env(saved)
        shutil.rmtree(tmp, ignore_errors=True)
        pg.stop()


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    count(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
    count_sender()
