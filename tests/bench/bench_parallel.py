# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""LMTP delivery at 1, 2, 4 and 8 parallel sessions, plain `fileinto`
(a) against the secretariat script in outbox mode (b3), same run, same
messages, interleaved rounds. Prints messages/s and p99 per session
count, the ratio to (a) and whether the targets hold (b3 at least 85% of
(a) at 1 and 4 sessions, at least 75% at 8; p99 at most 2x (a)'s at 8).
Not a test: run it by hand (`make bench-parallel`, or python3
tests/bench/bench_parallel.py [N])."""

import contextlib
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_lmtp import (PLAIN, message, pct, run, secretariat_server,  # noqa: E402
                        sink_process)
from dovecot_harness import PrivateDovecot  # noqa: E402
from bench_target import stop_on_signals, target  # noqa: E402

SESSIONS = (1, 2, 4, 8)
TARGET_RATIO = {1: 85, 4: 85, 8: 75}


def parallel(port, msgs, sessions):
    """Deliver msgs over `sessions` LMTP connections at once."""
    parts = [msgs[i::sessions] for i in range(sessions)]
    lats = [None] * sessions

    def worker(i):
        lats[i] = run(port, parts[i])[1]

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(sessions)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - start
    return total, [x for lat in lats for x in lat]


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 800
    rounds = 4
    with contextlib.ExitStack() as stack:
        smtp = sink_process(stack)
        ports = {
            "a": stack.enter_context(PrivateDovecot(sieve_script=PLAIN)).lmtp_port,
            "b3": secretariat_server(stack, n * len(SESSIONS), "delivery", smtp,
                                     send="outbox"),
        }
        for port in ports.values():
            run(port, [message(n * len(SESSIONS) + i) for i in range(10)])
        results = {}
        chunk = n // rounds
        for k, sessions in enumerate(SESSIONS):
            # the secretariat's store sees each message once: fresh ids
            base = k * n
            times = {name: 0.0 for name in ports}
            lats = {name: [] for name in ports}
            for r in range(rounds):
                part = [message(base + i) for i in range(r * chunk, (r + 1) * chunk)]
                for name, port in ports.items():
                    t, lat = parallel(port, part, sessions)
                    times[name] += t
                    lats[name] += lat
            results[sessions] = {name: (chunk * rounds / times[name],
                                        pct(lats[name], 99)) for name in ports}
    print("LMTP parallel benchmark: %d messages per script and session count, "
          "%d interleaved rounds" % (chunk * rounds, rounds))
    print("%-9s %10s %10s %10s %10s %8s" % ("sessions", "(a) msg/s", "(b3) msg/s",
                                         "(a) p99", "(b3) p99", "ratio"))
    for sessions, r in results.items():
        (ra, pa), (rb, pb) = r["a"], r["b3"]
        print("%-9d %10.1f %10.1f %10.2f %10.2f %7.0f%%" % (
            sessions, ra, rb, pa, pb, 100 * rb / ra))
    for sessions, want in TARGET_RATIO.items():
        (ra, pa), (rb, pb) = results[sessions]["a"], results[sessions]["b3"]
        target("parallel-%d" % sessions, 100 * rb / ra, ">=", want, "%", 0)
    (ra, pa), (rb, pb) = results[8]["a"], results[8]["b3"]
    target("parallel-8-p99", pb / pa, "<=", 2, "x", 2)

if __name__ == "__main__":
    main()
