"""LMTP delivery benchmark, three Sieve scripts in one run, on the same
messages and the same machine:

  (a) plain: a script that only files the message (the baseline);
  (b) secretariat: doc/examples/secretariat.sieve with the SQLite store,
      matching, record and a receipt sent to an SMTP sink;
  (c) pipe: `execute :pipe` of a script that only reads the message,
      the usual way to bolt such logic onto Sieve.

Reports messages/s and the p50/p99 latency per delivery, and the added
latency and throughput ratio against (a). Not a test: run it by hand
(`make bench` or python3 tests/bench/bench_lmtp.py [N])."""

import os
import smtplib
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from dovecot_harness import PrivateDovecot  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402

SENDER = "vanphong@stttt.example.vn"
PLAIN = 'require ["fileinto", "mailbox"];\nfileinto :create "Reports";\n'
PIPE = ('require ["vnd.dovecot.execute", "fileinto", "mailbox"];\n'
        'execute :pipe "read-message";\nfileinto :create "Reports";\n')


def message(i):
    body = ("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n"
            "Số: %d/BC-STTTT\nKiên Giang, ngày 9 tháng 6 năm 2026\n\n"
            "BÁO CÁO\nKết quả thực hiện nhiệm vụ BM-%05d\n\n"
            "Kính gửi: Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh.\n\n"
            "I. KẾT QUẢ THỰC HIỆN\n" % (i, i) +
            "Đã triển khai đầy đủ các nội dung theo kế hoạch. " * 40 + "\n")
    return report("bm-%05d@stttt.example.vn" % i, SENDER, body,
                  subject="[BM-%05d] Báo cáo" % i)


def run(port, messages):
    """Deliver over one LMTP session; latencies in ms."""
    lat = []
    with smtplib.LMTP("127.0.0.1", port, timeout=120) as lmtp:
        lmtp.ehlo("bench.example.vn")
        start = time.perf_counter()
        for msg in messages:
            t0 = time.perf_counter()
            lmtp.sendmail(SENDER, ["tgv@bcd06.example.vn"], msg)
            lat.append((time.perf_counter() - t0) * 1000)
        total = time.perf_counter() - start
    return len(messages) / total, lat


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def bench_plain(msgs):
    with PrivateDovecot(sieve_script=PLAIN) as dc:
        run(dc.lmtp_port, msgs[:20])  # warm up
        return run(dc.lmtp_port, msgs)


def bench_pipe(msgs):
    bindir = tempfile.mkdtemp(prefix="dondoc-bench-bin-")
    os.chmod(bindir, 0o755)
    script = os.path.join(bindir, "read-message")
    with open(script, "w") as f:
        f.write("#!/bin/sh\nexec cat >/dev/null\n")
    os.chmod(script, 0o755)
    settings = {"sieve_plugins": "sieve_extprograms",
                "sieve_extensions": "+vnd.dovecot.execute",
                "sieve_execute_bin_dir": bindir}
    with PrivateDovecot(sieve_script=PIPE, plugin_settings=settings,
                        stock_sieve_plugins=["sieve_extprograms"]) as dc:
        run(dc.lmtp_port, msgs[:20])
        return run(dc.lmtp_port, msgs)


def bench_secretariat(msgs, n):
    with TrackingServer() as s:
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("kind,code-or-email,agency,roles-or-title,name\n")
            for i in range(n + 20):
                f.write("task,BM-%05d,STTTT,Nhiệm vụ %d,2026-06-30,BC\n" % (i, i))
        os.chmod(f.name, 0o644)
        s.cli("import", f.name)
        os.unlink(f.name)
        run(s.dc.lmtp_port, [message(n + i) for i in range(20)])
        result = run(s.dc.lmtp_port, msgs)
        recorded = s.query("SELECT count(*) FROM submission")[0][0]
        assert recorded == n + 20, recorded
        return result


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    msgs = [message(i) for i in range(n)]
    results = {
        "a plain fileinto": bench_plain(msgs),
        "b secretariat (dondoc)": bench_secretariat(msgs, n),
        "c execute :pipe": bench_pipe(msgs),
    }
    base_rate, base_lat = results["a plain fileinto"]
    base_p50 = pct(base_lat, 50)
    print("LMTP benchmark, %d messages of %d bytes, one session each" %
          (n, len(msgs[0])))
    print("%-24s %9s %9s %9s %12s %10s" % ("script", "msgs/s", "p50 ms",
                                         "p99 ms", "added p50", "vs (a)"))
    for name, (rate, lat) in results.items():
        print("%-24s %9.1f %9.2f %9.2f %12.2f %9.0f%%" % (
            name, rate, pct(lat, 50), pct(lat, 99), pct(lat, 50) - base_p50,
            100 * rate / base_rate))


if __name__ == "__main__":
    main()
