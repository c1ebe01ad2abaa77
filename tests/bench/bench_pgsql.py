# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""PostgreSQL against SQLite in one run, on the same machine (a benchmark,
not a test: `make bench-pgsql`):

  1. lookups at 100,000 tasks (tests/bench/bench-store, p50/p99/max per
     lookup) on an SQLite file and on a PostgreSQL database;
  2. LMTP delivery through the secretariat script (doc/examples/
     secretariat.sieve: matching, record, receipt to an SMTP sink), N
     reports over 1 and 8 sessions, each backend, SQLite then
     PostgreSQL back to back; the target (pgsql-delivery-vs-sqlite) is
     PostgreSQL at >= 80% of SQLite's throughput at both (the lower
     ratio), and beside it what no load moves: the statements and round
     trips of one delivery, and the outbox sender's round trips per
     mail sent (bench_pgsql_count.py);
  3. two Dovecot instances on one PostgreSQL store, 4 LMTP sessions each,
     1000 reports (tests/integration/test_pgsql_two_dovecots.py, whose
     make check run is the same count).

The private PostgreSQL is tests/lib/pg_harness.py's (fsync on, defaults
otherwise); the stores' settings are the plugins' (relaxed sync, one
flushing sync per delivery). Usage: bench_pgsql.py [REPORTS [TASKS]]."""

import os
import smtplib
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pg_harness  # noqa: E402
sys.path.insert(0, HERE)
from bench_target import stop_on_signals, target  # noqa: E402
import bench_pgsql_count  # noqa: E402

BUILD = os.environ.get("DONDOC_BUILDDIR", ".")
SENDER = "vanphong@stttt.example.vn"


def lookups(pg, tasks):
    bench = os.path.join(BUILD, "tests", "bench", "bench-store")
    for name, db in (("SQLite", ""), ("PostgreSQL", pg.createdb("bench"))):
        env = dict(os.environ, DONDOC_BENCH_DB=db)
        out = subprocess.run([bench, str(tasks), "20000"], env=env,
                             stdout=subprocess.PIPE, text=True, check=True)
        print("== lookups at %d tasks, %s" % (tasks, name))
        print(out.stdout.rstrip())


def code(i):
    return "BP-%05d" % i


def make_report(i):
    from tracking_env import report
    body = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: %d/BC-STTTT\n"
            "Kiên Giang, ngày 9 tháng 6 năm 2026\n\nBÁO CÁO\nNhiệm vụ %s\n"
            % (i, code(i)))
    return report("bp-%05d@stttt.example.vn" % i, SENDER, body,
                  subject="[%s] Báo cáo" % code(i))


def deliver(port, indexes, lat):
    with smtplib.LMTP("127.0.0.1", port, timeout=120) as lmtp:
        lmtp.ehlo("bench.example.vn")
        for i in indexes:
            start = time.time()
            lmtp.sendmail(SENDER, ["tgv@bcd06.example.vn"], make_report(i))
            lat.append(time.time() - start)


def deliver_sessions(port, reports, sessions, lat):
    """reports 0..N-1 over this many LMTP sessions at once; the seconds
    it took (each delivery's latency appended to lat)"""
    threads = [threading.Thread(target=deliver, args=(
        port, list(range(n, reports, sessions)), lat))
        for n in range(sessions)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.time() - start


def import_tasks(server, count):
    path = os.path.join(server.dc.dir, "tasks.csv")
    with open(path, "w") as f:
        f.write("kind,code-or-email,agency,roles-or-title,name\n")
        for i in range(count):
            f.write("task,%s,STTTT,Nhiệm vụ,2026-06-30,BC\n" % code(i))
    os.chmod(path, 0o644)
    server.cli("import", path)


def delivery(backend, pg, reports, sessions):
    """msgs/s of one backend at this many sessions"""
    os.environ["DONDOC_TEST_DB"] = backend
    os.environ["DONDOC_TEST_PG_DIR"] = pg.dir
    from tracking_env import TrackingServer
    with TrackingServer() as s:
        import_tasks(s, reports)
        lat = []
        elapsed = deliver_sessions(s.dc.lmtp_port, reports, sessions, lat)
        recorded = s.query("SELECT count(*) FROM submission")[0][0]
        lat.sort()
        rate = reports / elapsed
        print("%-10s %d session(s): %d reports in %.1f s, %.0f msgs/s, "
              "p50 %.1f ms, p99 %.1f ms, %d recorded"
              % (backend, sessions, reports, elapsed, rate,
                 lat[len(lat) // 2] * 1000, lat[len(lat) * 99 // 100] * 1000,
                 recorded), flush=True)
    return rate


def main():
    stop_on_signals()
    reports = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    pg = pg_harness.PrivatePostgres().start()
    try:
        lookups(pg, tasks)
        print("== LMTP delivery, secretariat script, %d reports" % reports)
        # each session count: SQLite then PostgreSQL, back to back
        ratios = []
        for sessions in (1, 8):
            lite = delivery("sqlite", pg, reports, sessions)
            post = delivery("pgsql", pg, reports, sessions)
            ratios.append(100.0 * post / lite)
            print("PostgreSQL / SQLite at %d session(s): %.0f%%"
                  % (sessions, ratios[-1]), flush=True)
        print("== per delivery, independent of the machine's load")
        bench_pgsql_count.count(20)
        bench_pgsql_count.count_sender(40)
        # the target holds at every session count: the lower ratio
        target("pgsql-delivery-vs-sqlite", min(ratios), ">=", 80, "%", 0)
        print("== two Dovecots, one PostgreSQL, 4 sessions each, 1000 reports")
        env = dict(os.environ, DONDOC_TEST_DB="pgsql", DONDOC_TEST_PG_DIR=pg.dir,
                   DONDOC_TWO_DOVECOT_REPORTS="1000")
        out = subprocess.run(["/usr/bin/python3", os.path.join(
            HERE, "..", "integration", "test_pgsql_two_dovecots.py")], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(out.stdout.rstrip())
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
