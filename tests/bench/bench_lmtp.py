# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""LMTP delivery benchmark, three Sieve scripts in one run, on the same
messages and the same machine:

  (a) plain: a script that only files the message (the baseline), on a
      server with the dondoc Sieve plugin loaded (the harness' default);
  (a0) the same script with no dondoc configured at all (no Sieve
      plugin, no extension, no mail plugin), and (a1) on a server as a
      site runs it (README: the Sieve plugin and the mail plugin
      loaded, vnd.dondoc offered, dondoc_db global), for a user whose
      script does not use vnd.dondoc: target (a'), (a1) at least 99% of
      (a0) (tests/bench/bench_lmtp_instr.py counts the same in
      instructions and syscalls, independent of the machine's load);
  (b) secretariat: doc/examples/secretariat.sieve with the SQLite store,
      matching, record and a receipt sent to an SMTP sink through
      Pigeonhole's SMTP before the delivery is acknowledged (the default);
      (b1) and (b2) with the other store sync modes; (b3) with
      dondoc_send = outbox: the receipt is queued at delivery and sent by
      `dondoc outbox send --watch`, running beside LMTP on the same
      machine (the bench waits until it has sent every one);
  (c) pipe: `execute :pipe` of a script that only reads the message,
      the usual way to bolt such logic onto Sieve: a shell `cat` (c) and
      a python3 reader (c2).

Reports messages/s and the p50/p99 latency per delivery, and the added
latency and throughput ratio against (a). Not a test: run it by hand
(`make bench` or python3 tests/bench/bench_lmtp.py [N])."""

import contextlib
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import time

LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib")
sys.path.insert(0, LIB)
from dovecot_harness import PrivateDovecot, die_with_parent  # noqa: E402
from tracking_env import TrackingServer, report  # noqa: E402
from smtp_sink import reserve_port  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_target import stop_on_signals, target  # noqa: E402

SENDER = "vanphong@stttt.example.vn"
PLAIN = 'require ["fileinto", "mailbox"];\nfileinto :create "Reports";\n'
PIPE = ('require ["vnd.dovecot.execute", "fileinto", "mailbox"];\n'
        'execute :pipe "read-message";\nfileinto :create "Reports";\n')


A0 = "a0 no dondoc configured"
A1 = "a1 dondoc loaded, unused"


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


def pipe_server(stack, interpreter="sh"):
    """(c): the script only reads the message: a shell `cat`, or the
    python3 reader such integrations are usually written as."""
    bindir = tempfile.mkdtemp(prefix="dondoc-bench-bin-")
    os.chmod(bindir, 0o755)
    script = os.path.join(bindir, "read-message")
    with open(script, "w") as f:
        if interpreter == "python3":
            f.write("#!/usr/bin/python3\nimport sys\nsys.stdin.buffer.read()\n")
        else:
            f.write("#!/bin/sh\nexec cat >/dev/null\n")
    os.chmod(script, 0o755)
    settings = {"sieve_plugins": "sieve_extprograms",
                "sieve_extensions": "+vnd.dovecot.execute",
                "sieve_execute_bin_dir": bindir}
    dc = stack.enter_context(PrivateDovecot(
        sieve_script=PIPE, plugin_settings=settings,
        stock_sieve_plugins=["sieve_extprograms"]))
    return dc.lmtp_port


SMTP_SINK = "/usr/sbin/smtp-sink"


def sink_process(stack):
    """The SMTP server the receipts go to, in a process of its own:
    Postfix's smtp-sink (package postfix) when installed, as an MTA answers
    at about its speed, else the python sink (slower: one thread per
    connection)."""
    port = reserve_port()
    if os.access(SMTP_SINK, os.X_OK):
        print("# receipts go to Postfix smtp-sink")
        args = [SMTP_SINK, "-c", "127.0.0.1:%d" % port, "100"]
        if os.geteuid() == 0:
            args[1:1] = ["-u", "nobody"]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                                preexec_fn=die_with_parent())
    else:
        print("# receipts go to the python SMTP sink (install postfix for "
              "smtp-sink)")
        proc = subprocess.Popen([sys.executable, "-c", (
            "import sys, time; sys.path.insert(0, %r)\n"
            "from smtp_sink import SmtpSink\n"
            "SmtpSink(%d).start(); time.sleep(86400)\n") % (LIB, port)],
            preexec_fn=die_with_parent())
    stack.callback(proc.kill)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("SMTP sink did not start")


def secretariat_server(stack, n, sync, smtp_port, send="delivery",
                       servers=None, extra_conf="", sender=True):
    s = stack.enter_context(TrackingServer(
        store_settings={"dondoc_store_sync": sync, "dondoc_send": send},
        sink=False, smtp_port=smtp_port, extra_conf=extra_conf))
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("kind,code-or-email,agency,roles-or-title,name\n")
        for i in range(n + 20):
            f.write("task,BM-%05d,STTTT,Nhiệm vụ %d,2026-06-30,BC\n" % (i, i))
    os.chmod(f.name, 0o644)
    s.cli("import", f.name)
    os.unlink(f.name)
    if send == "outbox" and sender:
        # The site's sender, running beside LMTP on the same machine.
        proc = s.dc.dondoc_spawn("outbox", "send", "--watch", "--smtp",
                                 "127.0.0.1:%d" % smtp_port, db=s.db)
        stack.callback(s.dc.stop_spawned, proc)
        s.sender = proc  # its PID, for bench_store_write's strace
    if servers is not None:
        servers.append(s)
    return s.dc.lmtp_port


def unused_plugin_server(stack, loaded, extra_conf=""):
    """(a0) with dondoc not configured at all: no mail plugin (the
    harness loads it in LMTP by default), no Sieve plugin, no extension;
    (a1) on a server set up as the README says, for a user whose script
    does not require vnd.dondoc: both plugins loaded, vnd.dondoc
    offered, dondoc_db and the other settings global. Both with the same
    \\Sent mailbox, which a site has anyway."""
    if not loaded:
        return stack.enter_context(PrivateDovecot(
            sieve_script=PLAIN, lmtp_mail_plugin=False, sent_mailbox=True,
            extra_conf=extra_conf, plugin_settings={
                "sieve_plugins": None, "sieve_extensions": None})).lmtp_port
    site = stack.enter_context(TrackingServer(
        script=PLAIN, sink=False, mail_plugin=True, extra_conf=extra_conf,
        store_settings={"dondoc_send": "outbox"}))
    return site.dc.lmtp_port


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rounds = 5
    msgs = [message(i) for i in range(n)]
    outbox = []
    with contextlib.ExitStack() as stack:
        smtp = sink_process(stack)
        ports = {
            "a plain fileinto": stack.enter_context(
                PrivateDovecot(sieve_script=PLAIN)).lmtp_port,
            A0: unused_plugin_server(stack, False),
            A1: unused_plugin_server(stack, True),
            "b secretariat (dondoc)": secretariat_server(stack, n, "delivery", smtp),
            "b1 same, store_sync=full": secretariat_server(stack, n, "full", smtp),
            "b2 same, store_sync=normal": secretariat_server(stack, n, "normal", smtp),
            "b3 same, dondoc_send=outbox": secretariat_server(
                stack, n, "delivery", smtp, send="outbox", servers=outbox),
            "c execute :pipe (sh)": pipe_server(stack),
            "c2 execute :pipe (python3)": pipe_server(stack, "python3"),
        }
        for port in ports.values():
            run(port, [message(n + i) for i in range(10)])  # warm up
        # Interleaved rounds, so that load from elsewhere on the machine
        # falls on every script alike.
        times = {name: 0.0 for name in ports}
        lats = {name: [] for name in ports}
        round_ratio = []
        chunk = n // rounds
        for r in range(rounds):
            part = msgs[r * chunk:(r + 1) * chunk]
            rates = {}
            for name, port in ports.items():
                rate, lat = run(port, part)
                rates[name] = rate
                times[name] += len(part) / rate
                lats[name] += lat
            round_ratio.append(100 * rates[A1] / rates[A0])
        # (b3) The receipts are not skipped, only sent beside: wait for
        # the watcher to drain the outbox.
        deadline = time.time() + 60
        while time.time() < deadline:
            left = outbox[0].query("SELECT count(*) FROM outbox WHERE "
                                   "state != 'sent'")[0][0]
            if left == 0:
                break
            time.sleep(0.2)
        drained = time.time() - (deadline - 60)
        sent = outbox[0].query("SELECT count(*) FROM outbox WHERE "
                               "state = 'sent'")[0][0]
    base = "a plain fileinto"
    base_rate = chunk * rounds / times[base]
    base_p50 = pct(lats[base], 50)
    print("LMTP benchmark: %d messages of %d bytes per script, one session, "
          "%d interleaved rounds" % (chunk * rounds, len(msgs[0]), rounds))
    print("%-28s %9s %9s %9s %12s %8s" % ("script", "msgs/s", "p50 ms",
                                        "p99 ms", "added p50", "vs (a)"))
    for name in ports:
        rate = chunk * rounds / times[name]
        print("%-28s %9.1f %9.2f %9.2f %12.2f %7.0f%%" % (
            name, rate, pct(lats[name], 50), pct(lats[name], 99),
            pct(lats[name], 50) - base_p50, 100 * rate / base_rate))
    print("(b3) receipts sent by `dondoc outbox send --watch`: %d, %d left "
          "queued %.1f s after the last delivery" % (sent, left, drained))
    print("(a') (a1) / (a0) per round: %s%%" % ", ".join(
        "%.1f" % x for x in round_ratio))
    target("lmtp-a1-unused-plugin", 100 * times[A0] / times[A1], ">=", 99,
           "%")
    b3 = "b3 same, dondoc_send=outbox"
    ratio = 100 * (chunk * rounds / times[b3]) / base_rate
    added_p99 = pct(lats[b3], 99) - pct(lats[base], 99)
    target("lmtp-b3-outbox", ratio, ">=", 85, "%", 0)
    target("lmtp-b3-added-p99", added_p99, "<=", 2, " ms", 2)

if __name__ == "__main__":
    main()
