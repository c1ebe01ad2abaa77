# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""IMAP APPEND benchmark of the dondoc mail plugin: throughput of APPEND
into Sent over one IMAP connection (python3 imaplib), in one run, on the
same machine and the same messages, with the plugin loaded (mail_plugins =
dondoc) against without it, for

  (s) the secretariat (its settings carry dondoc_db): every message a
      document the tracker acts on (a monthly report recorded in the
      store: the worst case), and (s0) plain mail without a document;
  (u) a user without dondoc_db on the same servers (plugin loaded, the
      user inactive: what everybody else pays);
  (s1) as (s) with dondoc_store_sync = full (a disk sync of the store
      per save, the behaviour before the outgoing mailbox became the
      journal: the share of the cost that sync was).

Rounds alternate the two servers to spread the machine's noise; reports
messages/s per case, p50/p99 latency and the ratio plugin / no plugin.
Not a test: run it by hand (`make bench-append` or python3
tests/bench/bench_append.py [N [ROUNDS]])."""

import imaplib
import os
import statistics
import sys
import time

LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib")
sys.path.insert(0, LIB)
from tracking_env import TrackingServer  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_target import stop_on_signals  # noqa: E402

SECRETARIAT = "tgv@bcd06.example.vn"


def message(tag, i, document):
    head = ("From: %s\r\nTo: truongban@ubnd.example.vn\r\n"
            "Subject: Bench %s %d\r\nMessage-ID: <%s-%05d@bcd06.example.vn>\r\n"
            "Date: Wed, 10 Jun 2026 10:00:00 +0700\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" % (SECRETARIAT, tag, i, tag, i))
    if document:
        body = ("BAN CHỈ ĐẠO ĐỀ ÁN 06 TỈNH KIÊN GIANG\r\nTỔ GIÚP VIỆC\r\n"
                "Số: %d/BC-TGV\r\nKiên Giang, ngày 10 tháng 6 năm 2026\r\n\r\n"
                "BÁO CÁO\r\nTình hình, kết quả hoạt động của Ban Chỉ đạo và Tổ "
                "giúp việc tháng 6 năm 2026\r\n\r\nKính gửi: Ban Chỉ đạo.\r\n\r\n" % i)
    else:
        body = "Kính gửi anh chị,\r\n\r\nGửi lại tài liệu cuộc họp.\r\n\r\n"
    body += "Đã triển khai đầy đủ các nội dung theo kế hoạch. " * 40 + "\r\n"
    return (head + body).encode("utf-8")


def run(server, user, messages):
    imap = imaplib.IMAP4("127.0.0.1", server.dc.imap_port, timeout=120)
    imap.login(user, "secret")
    lat = []
    start = time.perf_counter()
    for msg in messages:
        t0 = time.perf_counter()
        typ, data = imap.append("Sent", None, None, msg)
        if typ != "OK":
            raise RuntimeError("APPEND failed: %r" % (data,))
        lat.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - start
    imap.logout()
    return len(messages) / total, lat


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def setup(s):
    s.cli("person", "add", SECRETARIAT, "--agency", "CAT", "--role",
          "to-truong", "--name", "Tổ giúp việc")
    s.cli("obligations", "generate", "--year", "2026")


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    cases = [("s", "tgv", True), ("s0", "tgv", False), ("u", "other", True),
             ("s1", "tgv", True)]
    results = {}
    # dondoc_db in the secretariat's userdb fields only: "other" has none
    extra = {"other": ""}
    with TrackingServer(mail_plugin=True, users_extra=extra,
                        db_in_userdb=True) as with_p, \
            TrackingServer(mail_plugin=True, users_extra=extra, db_in_userdb=True,
                           store_settings={"dondoc_store_sync": "full"}) as normal, \
            TrackingServer(mail_plugin=False, users_extra=extra,
                           sent_mailbox=True, db_in_userdb=True) as without:
        setup(with_p)
        setup(normal)
        setup(without)
        for r in range(rounds):
            for case, user, document in cases:
                plugin = normal if case == "s1" else with_p
                for label, server in (("plugin", plugin), ("none", without)):
                    # a new number each round: a document sent again is
                    # recognised and skipped, not the worst case measured
                    msgs = [message("%s-%s-%d" % (case, label, r), r * n + i,
                                    document) for i in range(n)]
                    rate, lat = run(server, user, msgs)
                    results.setdefault((case, label), []).append((rate, lat))
        recorded = with_p.query("SELECT count(*) FROM submission")[0][0]
    print("APPEND into Sent, %d messages x %d rounds per case, one IMAP "
          "connection each" % (n, rounds))
    print("%-4s %-7s %10s %17s %8s %8s" % ("case", "server", "msgs/s",
                                          "spread msgs/s", "p50 ms", "p99 ms"))
    ratios = {}
    for case, _, _ in cases:
        rates = {}
        for label in ("plugin", "none"):
            runs = results[(case, label)]
            lat = [x for _, l in runs for x in l]
            rates[label] = statistics.median(r for r, _ in runs)
            spread = "%.1f-%.1f" % (min(r for r, _ in runs),
                                    max(r for r, _ in runs))
            print("%-4s %-7s %10.1f %17s %8.2f %8.2f" % (
                case, label, rates[label], spread, pct(lat, 50), pct(lat, 99)))
        ratios[case] = rates["plugin"] / rates["none"]
        # the ratio of each round's pair (run back to back): its spread
        per_round = sorted(p / n for (p, _), (n, _) in
                           zip(results[(case, "plugin")], results[(case, "none")]))
        print("%-4s ratio per round: %s" % (case, " ".join(
            "%.1f%%" % (100 * r) for r in per_round)))
    print("ratio plugin/none: secretariat documents (s) %.1f%%, secretariat "
          "plain mail (s0) %.1f%%, user without dondoc_db (u) %.1f%%, "
          "documents synced per save (s1, dondoc_store_sync = full) %.1f%%" % (
              100 * ratios["s"], 100 * ratios["s0"], 100 * ratios["u"],
              100 * ratios["s1"]))
    print("submissions recorded by the plugin: %d (expected %d)" % (
        recorded, n * rounds))
    # the targets, in tests/bench/README.md's line format
    for case, name, want in (("s", "append-secretariat", 90),
                             ("u", "append-user-without-dondoc", 99)):
        got = 100 * ratios[case]
        print("target %s: measured %.1f%% (want >= %d%%): %s" % (
            name, got, want, "met" if got >= want else "NOT met"))


if __name__ == "__main__":
    main()
