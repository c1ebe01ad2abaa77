# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""PostgreSQL against SQLite in one run, on the same machine (a benchmark,
not a test: `make bench-pgsql`):

  1. lookups at 100,000 tasks (tests/bench/bench-store, p50/p99/max per
     lookup) on an SQLite file and on a PostgreSQL database;
  2. LMTP delivery through the secretariat script (doc/examples/
     secretariat.sieve: matching, record, receipt to an SMTP sink), N
     reports over 1 and 8 sessions, each backend; the target is
     PostgreSQL at >= 80% of SQLite's throughput;
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
from bench_target import stop_on_signals  # noqa: E402

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


def delivery(backend, pg, reports):
    os.environ["DONDOC_TEST_DB"] = backend
    os.environ["DONDOC_TEST_PG_DIR"] = pg.dir
    from tracking_env import TrackingServer
    results = {}
    for sessions in (1, 8):
        with TrackingServer() as s:
            path = os.path.join(s.dc.dir, "tasks.csv")
            with open(path, "w") as f:
                f.write("kind,code-or-email,agency,roles-or-title,name\n")
                for i in range(reports):
                    f.write("task,%s,STTTT,Nhiệm vụ,2026-06-30,BC\n" % code(i))
            os.chmod(path, 0o644)
            s.cli("import", path)
            lat = []
            threads = [threading.Thread(target=deliver, args=(
                s.dc.lmtp_port, list(range(n, reports, sessions)), lat))
                for n in range(sessions)]
            start = time.time()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.time() - start
            recorded = s.query("SELECT count(*) FROM submission")[0][0]
            lat.sort()
            rate = reports / elapsed
            results[sessions] = rate
            print("%-10s %d session(s): %d reports in %.1f s, %.0f msgs/s, "
                  "p50 %.1f ms, p99 %.1f ms, %d recorded"
                  % (backend, sessions, reports, elapsed, rate,
                     lat[len(lat) // 2] * 1000, lat[len(lat) * 99 // 100] * 1000,
                     recorded))
    return results


def main():
    stop_on_signals()
    reports = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    pg = pg_harness.PrivatePostgres().start()
    try:
        lookups(pg, tasks)
        print("== LMTP delivery, secretariat script, %d reports" % reports)
        sqlite = delivery("sqlite", pg, reports)
        pgsql = delivery("pgsql", pg, reports)
        for sessions in (1, 8):
            print("PostgreSQL / SQLite at %d session(s): %.0f%% (target >= 80%%)"
                  % (sessions, 100.0 * pgsql[sessions] / sqlite[sessions]))
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
