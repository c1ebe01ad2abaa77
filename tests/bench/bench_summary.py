# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The summary `make bench` ends with: every `target ...` line the
benchmarks printed into LOG (tests/bench/README.md's format), as a table
of name, measured, wanted and met/NOT met, then the benchmarks that
failed to run (their `bench-exit NAME STATUS` lines, written by the
make rule) and any target line not in the format, so nothing is dropped
silently. Exits 1 when a benchmark failed to run (a target NOT met is a
figure, not a failure). Usage: bench_summary.py LOG.
Trusts: LOG is the benchmarks' own output."""

import re
import sys

TARGET = re.compile(r"^target (?P<name>[A-Za-z0-9.-]+): measured "
                    r"(?P<measured>.+?) \(want (?P<want>(?:>=|<=|<|>) .+?)\): "
                    r"(?P<verdict>met|NOT met)$")
EXIT = re.compile(r"^bench-exit (?P<bench>\S+) (?P<status>\d+) "
                  r"(?P<seconds>\d+)$")


def main():
    rows, odd, failed, ran, total = [], [], [], [], 0
    current = "?"
    with open(sys.argv[1], errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            m = EXIT.match(line)
            if m:
                ran.append("%s %s s" % (m.group("bench"),
                                        m.group("seconds")))
                total += int(m.group("seconds"))
                if m.group("status") != "0":
                    failed.append("%s (exit %s)" % (m.group("bench"),
                                                    m.group("status")))
                continue
            if line.startswith("== bench "):
                current = line[len("== bench "):]
                continue
            m = TARGET.match(line)
            if m:
                rows.append((m.group("name"), m.group("measured"),
                             m.group("want"), m.group("verdict"), current))
            elif line.startswith("target"):
                odd.append("%s: %s" % (current, line))
    met = sum(1 for r in rows if r[3] == "met")
    print("SUMMARY: %d targets, %d met, %d NOT met; %d benchmarks run, "
          "%d failed" % (len(rows), met, len(rows) - met, len(ran),
                         len(failed)))
    widths = [max([len(h)] + [len(r[i]) for r in rows])
              for i, h in enumerate(("target", "measured", "wanted",
                                     "verdict", "benchmark"))]
    fmt = "  ".join("%%-%ds" % w for w in widths)
    print((fmt % ("target", "measured", "wanted", "verdict",
                  "benchmark")).rstrip())
    print(fmt % tuple("-" * w for w in widths))
    for r in rows:
        print((fmt % r).rstrip())
    print("run time %d s: %s" % (total, ", ".join(ran)))
    for line in odd:
        print("not in the target format: %s" % line)
    for bench in failed:
        print("FAILED to run: %s" % bench)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
