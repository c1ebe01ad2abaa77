# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The IMAP APPEND benchmark counted in syscalls, independent of the
machine's load: strace -f -c on the imap process of one connection while
it APPENDs N messages into Sent, the same messages and users as
bench_append.py, with the mail plugin loaded and without it. Per APPEND:
the disk syncs (fsync, fdatasync, sync_file_range, msync) and every
syscall. Targets: a user without dondoc_db pays no syscall; the
secretariat's document costs no sync more (the store's commit is left
to the OS: the outgoing mailbox, synced by Dovecot before the OK, is the
journal the plugin's catch-up redoes lost work from; with
dondoc_store_sync = full it would be one more).
Trusts the staged build; runs strace (root) on its own Dovecots only.
Run: `make bench-append-syscalls` or python3 ... [N]."""

import imaplib
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from tracking_env import TrackingServer  # noqa: E402
from bench_append import message, setup  # noqa: E402
from bench_target import strace_counts, target, stop_on_signals  # noqa: E402

SYNCS = "fsync,fdatasync,sync_file_range,msync"


def imap_pid(server):
    """The imap process of the one connection: it runs in a home of this
    instance's directory."""
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open("/proc/%s/cmdline" % pid).read().rstrip("\0")
            cwd = os.readlink("/proc/%s/cwd" % pid)
        except OSError:
            continue
        if cmd.endswith("/imap") and cwd.startswith(server.dc.dir + "/"):
            pids.append(int(pid))
    if len(pids) != 1:
        raise RuntimeError("imap processes: %r" % pids)
    return pids[0]


def count(server, user, msgs, trace):
    imap = imaplib.IMAP4("127.0.0.1", server.dc.imap_port, timeout=120)
    imap.login(user, "secret")
    # warm: the mailbox, the plugin's settings, the store opened
    imap.append("Sent", None, None, msgs[0])
    out = tempfile.mktemp(prefix="dondoc-strace-")
    st = subprocess.Popen(["strace", "-f", "-c", "-o", out] +
                          (["-e", "trace=" + trace] if trace else []) +
                          ["-p", str(imap_pid(server))],
                          stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        for msg in msgs[1:]:
            typ, data = imap.append("Sent", None, None, msg)
            if typ != "OK":
                raise RuntimeError("APPEND failed: %r" % (data,))
        time.sleep(0.3)
    finally:
        st.send_signal(signal.SIGINT)
        st.wait()
    imap.logout()
    counts = strace_counts(out)
    os.unlink(out)
    return counts


def main():
    stop_on_signals()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    extra = {"other": ""}
    per = {}
    with TrackingServer(mail_plugin=True, users_extra=extra,
                        db_in_userdb=True) as with_p, \
            TrackingServer(mail_plugin=False, users_extra=extra,
                           sent_mailbox=True, db_in_userdb=True) as without:
        setup(with_p)
        setup(without)
        for case, user, doc in (("s", "tgv", True), ("s0", "tgv", False),
                                ("u", "other", True)):
            for label, server in (("plugin", with_p), ("none", without)):
                msgs = [message("%s-%s-sync" % (case, label), i, doc)
                        for i in range(n + 1)]
                syncs = count(server, user, msgs, SYNCS)
                msgs = [message("%s-%s-all" % (case, label), i, doc)
                        for i in range(n + 1)]
                every = count(server, user, msgs, None)
                per[(case, label)] = (sum(syncs.values()) / n,
                                      sum(every.values()) / n)
                print("%-3s %-6s per APPEND: syncs %.2f (%s), syscalls %.1f"
                      % (case, label, per[(case, label)][0],
                         " ".join("%s %.2f" % (k, v / n)
                                  for k, v in sorted(syncs.items())),
                         per[(case, label)][1]), flush=True)
    diff = {case: (per[(case, "plugin")][0] - per[(case, "none")][0],
                   per[(case, "plugin")][1] - per[(case, "none")][1])
            for case in ("s", "s0", "u")}
    ok = target("append-secretariat-syncs", diff["s"][0], "<=", 0,
                " syncs/APPEND", 2)
    ok &= target("append-user-without-dondoc-syscalls", diff["u"][1], "<=",
                 0.5, " syscalls/APPEND", 2)
    ok &= target("append-user-without-dondoc-syncs", diff["u"][0], "<=", 0,
                 " syncs/APPEND", 2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
