# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""What one LMTP delivery costs the lmtp process, counted independently
of the machine's load, for bench_lmtp's scripts on the same messages:

  (a0) a plain `fileinto` script, no dondoc configured at all (no mail
       plugin, no Sieve plugin, no extension);
  (a1) the same user and script on a server set up as a site runs it
       (README): the mail plugin and the Sieve plugin loaded, vnd.dondoc
       offered, dondoc_db and the other settings global, but this user's
       script does not require vnd.dondoc; target (a'): nothing more
       than (a0);
  (b3) the secretariat script, outbox mode (bench_lmtp's (b3)).

Each lmtp process serves one connection (service_count = 1) under a
wrapper: callgrind counts its instructions, strace -c -f its syscalls.
A connection of W deliveries and one of W + N, each a fresh process:
the difference over N is the cost of one delivery, start-up and first
delivery (modules loaded, script compiled, store opened) left out.
Prints instructions (and how many of them ran in dondoc's own modules,
callgrind's self cost by object), syscalls and syncs (fsync, fdatasync)
per delivery and the ratios, with target lines. Not a test: `make bench-lmtp-instr`
or python3 tests/bench/bench_lmtp_instr.py [N]. Needs valgrind and
strace; runs them (as root) on its own Dovecots only. Trusts the staged
build (tests/lib)."""

import contextlib
import glob
import os
import re
import subprocess
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_lmtp import (message, run, secretariat_server,  # noqa: E402
                        unused_plugin_server)
from bench_target import stop_on_signals, strace_counts, target  # noqa: E402
import dovecot_conf24  # noqa: E402

LMTP = "/usr/lib/dovecot/lmtp"
SYNCS = ("fsync", "fdatasync", "sync_file_range", "msync")
WARM = 4
DONDOC_MODULES = ("lib20_dondoc_plugin.so", "lib90_sieve_dondoc_plugin.so")


def wrapper(work, name, tool):
    """A script the master runs as the lmtp executable: the tool around
    the real lmtp, its output named after the process."""
    out = os.path.join(work, "%s-%s" % (name, tool))
    os.makedirs(out)
    os.chmod(out, 0o777)
    if tool == "callgrind":
        cmd = ("exec /usr/bin/valgrind -q --tool=callgrind "
               "--callgrind-out-file=%s/out.$$ %s \"$@\"" % (out, LMTP))
    else:
        cmd = ("exec /usr/bin/strace -qq -f -c -o %s/out.$$ %s \"$@\""
               % (out, LMTP))
    path = os.path.join(out, "lmtp")
    with open(path, "w") as f:
        f.write("#!/bin/sh\n%s\n" % cmd)
    os.chmod(path, 0o755)
    once = ("restart_request_count" if dovecot_conf24.is_24()
            else "service_count")
    conf = ("service lmtp {\n  executable = %s\n  %s = 1\n"
            "  process_limit = 1\n}\n" % (path, once))
    return out, conf


SEEN = set()


def complete(path):
    """Written to the end: callgrind's last line is its totals, strace
    -c's its total."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError:
        return False
    return any(line.startswith("totals:") or
               (line.split() or [""])[-1] == "total" for line in lines[-3:])


def wait_output(out, timeout=300):
    """The output file of the process that just ended."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        files = set(glob.glob(os.path.join(out, "out.*"))) - SEEN
        for path in files:
            if complete(path):
                SEEN.add(path)
                return path
        time.sleep(0.2)
    raise RuntimeError("no output in %s" % out)


def settle(out, quiet=1.5, timeout=300):
    """Every process that has run so far (the harness connects to LMTP
    once or more while it waits for the server to start) is done and
    left out: no file unfinished, none new for `quiet` seconds."""
    deadline = time.time() + timeout
    last, since = None, time.time()
    while time.time() < deadline:
        files = set(glob.glob(os.path.join(out, "out.*")))
        if files != last or not all(complete(f) for f in files):
            last, since = files, time.time()
        elif time.time() - since >= quiet:
            SEEN.update(files)
            return
        time.sleep(0.2)
    raise RuntimeError("lmtp processes of %s did not finish" % out)


def instructions(path):
    """(every instruction, those run in dondoc's own modules: the mail
    plugin, which carries lib/, and the Sieve plugin)"""
    total = None
    with open(path) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
    if total is None:
        raise RuntimeError("no totals in %s" % path)
    out = subprocess.run(["callgrind_annotate", "--threshold=100", path],
                         capture_output=True, text=True).stdout
    own = 0
    for line in out.splitlines():
        # "  1,234 (0.01%)  file:function [/path/object.so]": self cost
        m = re.match(r"\s*([\d,]+)\s+\(.*\)\s+\S.*\[(.*)\]$", line)
        if m and os.path.basename(m.group(2)) in DONDOC_MODULES:
            own += int(m.group(1).replace(",", ""))
    return total, own


def measure(port, out, first, n, value):
    """value() of a connection of WARM deliveries and of one of WARM + n,
    each a fresh process; per delivery."""
    run(port, [message(first + i) for i in range(WARM)])
    a = value(wait_output(out))
    run(port, [message(first + WARM + i) for i in range(WARM + n)])
    b = value(wait_output(out))
    return a, b


def per_delivery_instr(port, out, first, n):
    """(instructions, of which in dondoc's modules) per delivery"""
    a, b = measure(port, out, first, n, instructions)
    if b[0] <= a[0]:
        raise RuntimeError("%s: %d instructions for %d deliveries, %d for "
                           "%d: not the connections measured" % (
                               out, b[0], WARM + n, a[0], WARM))
    return (b[0] - a[0]) / n, (b[1] - a[1]) / n


def per_delivery_syscalls(port, out, first, n):
    a, b = measure(port, out, first, n, strace_counts)
    every = (sum(b.values()) - sum(a.values())) / n
    syncs = sum(b.get(k, 0) - a.get(k, 0) for k in SYNCS) / n
    diff = {k: (b.get(k, 0) - a.get(k, 0)) / n for k in set(a) | set(b)}
    return every, syncs, diff


def servers(stack, work, tool, n):
    """The three servers, each lmtp under the tool."""
    ports = {}
    outs = {}
    for name, loaded in (("a0", False), ("a1", True)):
        outs[name], conf = wrapper(work, name, tool)
        ports[name] = unused_plugin_server(stack, loaded, conf)
    out, conf = wrapper(work, "b3", tool)
    # the sender is not run: its cost is not the lmtp process'
    ports["b3"] = secretariat_server(stack, n + 2 * WARM + 20, "delivery",
                                     1, send="outbox", extra_conf=conf,
                                     sender=False)
    outs["b3"] = out
    for out in outs.values():
        settle(out)  # the harness' greeting checks at start
    return ports, outs


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    for prog in ("/usr/bin/valgrind", "/usr/bin/strace"):
        if not os.access(prog, os.X_OK):
            print("# %s not installed: nothing counted" % prog)
            return 0
    work = tempfile.mkdtemp(prefix="dondoc-bench-lmtp-instr-")
    os.chmod(work, 0o755)
    instr, sysc = {}, {}
    try:
        with contextlib.ExitStack() as stack:
            ports, outs = servers(stack, work, "callgrind", n)
            for name in ports:
                instr[name] = per_delivery_instr(ports[name], outs[name],
                                                 0, n)
        with contextlib.ExitStack() as stack:
            ports, outs = servers(stack, work, "strace", n)
            for name in ports:
                sysc[name] = per_delivery_syscalls(ports[name],
                                                   outs[name], 0, n)
    finally:
        if os.environ.get("BENCH_KEEP") is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("# kept %s" % work)
    print("LMTP delivery cost in the lmtp process, per delivery (%d "
          "deliveries, less a warm connection's)" % n)
    print("%-4s %14s %14s %10s %8s" % ("", "instructions", "of which dondoc",
                                       "syscalls", "syncs"))
    for name in instr:
        print("%-4s %14.0f %14.0f %10.1f %8.2f" % (
            name, instr[name][0], instr[name][1], sysc[name][0],
            sysc[name][1]))
    own = instr["a1"][1]
    instr = {name: v[0] for name, v in instr.items()}
    for name in ("a1", "b3"):
        diff = sysc[name][2]
        more = {k: diff.get(k, 0) - sysc["a0"][2].get(k, 0)
                for k in set(diff) | set(sysc["a0"][2])}
        print("%s syscalls more than a0: %s" % (name, ", ".join(
            "%s %+.1f" % (k, v) for k, v in sorted(
                more.items(), key=lambda kv: -abs(kv[1])) if abs(v) >= 0.5)))
    # Pigeonhole scans sieve_plugin_dir at every delivery once any Sieve
    # plugin is configured (opendir, getdents64 x 2, close: about 5
    # syscalls); a syscall figure, not a target
    print("a1 syscalls more than a0: %.1f per delivery (Pigeonhole's scan "
          "of sieve_plugin_dir, any Sieve plugin, is about 5)"
          % (sysc["a1"][0] - sysc["a0"][0]))
    target("lmtp-a1-unused-plugin-instr",
           100 * instr["a0"] / instr["a1"], ">=", 99, "%")
    # the rest of (a1)'s cost is Pigeonhole's and Dovecot's: loading
    # a Sieve plugin, registering an extension, a longer settings list
    target("lmtp-a1-dondoc-own-instr", 100 * own / instr["a0"], "<=", 0.5,
           "%", 2)
    target("lmtp-a1-unused-plugin-syncs", sysc["a1"][1] - sysc["a0"][1],
           "<=", 0, " syncs", 2)
    target("lmtp-b3-instr", 100 * instr["a0"] / instr["b3"], ">=", 85, "%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
