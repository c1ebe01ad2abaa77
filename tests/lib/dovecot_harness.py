# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""A private Dovecot for tests and the demo.

Writes a dovecot.conf into a temporary directory (LMTP and IMAP on free
loopback ports, maildir, passwd-file users with numeric uids), installs the
built dondoc Sieve plugin into a private module directory, starts
`dovecot -F` and remembers its PID, and always stops that PID again, even
when a test fails. Delivery is over LMTP (smtplib), inspection with doveadm.
Nothing here touches the system's Dovecot or needs an installed dondoc.
"""

import atexit
import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dovecot_conf24  # noqa: E402
from dovecot_conf24 import install_settings_module  # noqa: E402

UID = 5000
GID = 5000
STOCK_MODULES = "/usr/lib/dovecot/modules"


def srcdir():
    return os.environ.get("DONDOC_SRCDIR") or os.path.abspath(
        os.path.join(os.path.dirname(__file__), "..", ".."))


def builddir():
    return os.environ.get("DONDOC_BUILDDIR") or os.path.join(srcdir(), "_build")


def _staged(var):
    path = os.environ.get(var)
    if not path:
        raise DovecotError("%s not set: run through `make check` (or "
                           "tests/stage.sh), which stages the build where "
                           "the mail uid can read it" % var)
    return path


def stage_bin():
    """The staged dondoc command (readable by the mail uid)."""
    return _staged("DONDOC_STAGE_BIN")


def stage_sieve_plugindir():
    """The staged directory of the dondoc Sieve plugin."""
    return _staged("DONDOC_STAGE_SIEVE_PLUGINDIR")


def stage_moduledir():
    """The staged Dovecot module directory (the dondoc mail plugin)."""
    return _staged("DONDOC_STAGE_MODULEDIR")


def stage_libexec(name):
    """A staged helper program (dondoc-chart, dondoc-extract)."""
    return os.path.join(_staged("DONDOC_STAGE_LIBEXEC"), name)


def stage_src(*parts):
    """A source-tree file as staged for the mail uid to read."""
    return os.path.join(_staged("DONDOC_STAGE_SRCDIR"), *parts)


def die_with_parent():
    """For Popen's preexec_fn: when DONDOC_DIE_WITH_PARENT is set (the
    benchmarks set it), the child gets SIGTERM when the Python that
    started it dies, even killed with SIGKILL (Linux PR_SET_PDEATHSIG;
    tied to the starting thread, so only for servers started by the main
    thread, as the benchmarks do). None otherwise: the tests' default."""
    if os.environ.get("DONDOC_DIE_WITH_PARENT") != "1":
        return None
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)

    def preexec():
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    return preexec


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DovecotError(Exception):
    pass


class PrivateDovecot:
    """One private Dovecot instance; use as a context manager."""

    def __init__(self, users=("tgv",), sieve_script=None, plugin_settings=None,
                 extra_conf="", keep_dir=False, stock_sieve_plugins=(),
                 mail_plugin=False, users_extra=None, sent_mailbox=None,
                 lmtp_mail_plugin=True):
        self.users = list(users)
        self.sieve_script = sieve_script
        self.plugin_settings = dict(plugin_settings or {})
        self.extra_conf = extra_conf
        self.keep_dir = keep_dir
        # Pigeonhole's own Sieve plugins to offer next to ours.
        self.stock_sieve_plugins = list(stock_sieve_plugins)
        # Load the dondoc mail plugin (lib20_dondoc_plugin.so) for IMAP
        # and LMTP, with a \Sent mailbox in the inbox namespace.
        self.mail_plugin = mail_plugin
        # LMTP loads it anyway: it holds the Sieve plugin's store
        # connection (lib/tracking/dondoc-owner.h). False: the
        # misconfiguration, for the test of its error.
        self.lmtp_mail_plugin = lmtp_mail_plugin
        # A \Sent mailbox (auto-created); default: with the mail plugin.
        self.sent_mailbox = mail_plugin if sent_mailbox is None else sent_mailbox
        # {user: "k=v k2=v2"}: userdb extra fields (per-user settings)
        self.users_extra = dict(users_extra or {})
        self.dir = tempfile.mkdtemp(prefix="dondoc-dovecot-")
        os.chmod(self.dir, 0o755)
        self.conf = os.path.join(self.dir, "dovecot.conf")
        self.log = os.path.join(self.dir, "dovecot.log")
        self.lmtp_port = free_port()
        self.imap_port = free_port()
        self.proc = None

    # -- setup ---------------------------------------------------------
    def home(self, user):
        return os.path.join(self.dir, "home", user)

    def _install_modules(self):
        mods = os.path.join(self.dir, "modules")
        os.makedirs(os.path.join(mods, "sieve"))
        # mail_plugin_dir replaces the directory for every mail plugin.
        os.symlink(os.path.join(STOCK_MODULES, "lib90_sieve_plugin.so"),
                   os.path.join(mods, "lib90_sieve_plugin.so"))
        built = os.path.join(stage_sieve_plugindir(),
                             "lib90_sieve_dondoc_plugin.so")
        if not os.path.exists(built):
            raise DovecotError("plugin not built: %s" % built)
        shutil.copy(built, os.path.join(mods, "sieve"))
        mail_built = os.path.join(stage_moduledir(), "lib20_dondoc_plugin.so")
        # always: the Sieve plugin links against it ($ORIGIN/..)
        if not os.path.exists(mail_built):
            raise DovecotError("mail plugin not built: %s" % mail_built)
        shutil.copy(mail_built, mods)
        for name in self.stock_sieve_plugins:
            lib = "lib90_%s_plugin.so" % name
            os.symlink(os.path.join(STOCK_MODULES, "sieve", lib),
                       os.path.join(mods, "sieve", lib))
        return mods

    def _write_users(self):
        passwd = os.path.join(self.dir, "passwd")
        with open(passwd, "w") as f:
            for user in self.users:
                home = self.home(user)
                os.makedirs(os.path.join(home, "sieve"))
                f.write("%s:{PLAIN}secret:%d:%d::%s::%s\n" % (
                    user, UID, GID, home,
                    dovecot_conf24.userdb_fields(self.users_extra.get(
                        user, "").replace("{dir}", self.dir))))
                if self.sieve_script is not None:
                    with open(os.path.join(home, "dondoc.sieve"), "w") as s:
                        s.write(self.sieve_script)
                for root, dirs, files in os.walk(home):
                    os.chown(root, UID, GID)
                    for name in files:
                        os.chown(os.path.join(root, name), UID, GID)
        os.chown(os.path.join(self.dir, "home"), UID, GID)
        return passwd

    def _write_conf(self, mods, passwd):
        settings = {
            "sieve": "~/dondoc.sieve",
            "sieve_plugin_dir": os.path.join(mods, "sieve"),
            "sieve_plugins": "sieve_dondoc",
            "sieve_extensions": "+vnd.dondoc",
        }
        settings.update(self.plugin_settings)
        if dovecot_conf24.is_24():
            install_settings_module(stage_moduledir())
            with open(self.conf, "w") as f:
                f.write(dovecot_conf24.conf(self, mods, passwd, settings))
            return
        # None removes a default setting
        plugin = "".join("  %s = %s\n" % kv for kv in sorted(settings.items())
                         if kv[1] is not None)
        d = self.dir
        mail_conf = ""
        lmtp_plugins = ""
        if self.mail_plugin:
            mail_conf = "mail_plugins = $mail_plugins dondoc\n"
        elif self.lmtp_mail_plugin:
            lmtp_plugins = "dondoc "
        if self.sent_mailbox:
            mail_conf += """namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
"""
        conf = f"""# Private test instance written by tests/lib/dovecot_harness.py
instance_name = dondoc-{os.path.basename(d)}
base_dir = {d}/run
state_dir = {d}/state
log_path = {self.log}
info_log_path = {self.log}
protocols = lmtp imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:~/Maildir
mail_plugin_dir = {mods}
first_valid_uid = 1000
{mail_conf}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {passwd}
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {passwd}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {self.lmtp_port}
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
protocol lmtp {{
  mail_plugins = $mail_plugins {lmtp_plugins}sieve
  postmaster_address = postmaster@bcd06.example.vn
}}
plugin {{
{plugin}}}
{self.extra_conf}
"""
        with open(self.conf, "w") as f:
            f.write(conf)

    # -- lifecycle -----------------------------------------------------
    def start(self):
        for sub in ("run", "state"):
            os.makedirs(os.path.join(self.dir, sub))
        mods = self._install_modules()
        passwd = self._write_users()
        self._write_conf(mods, passwd)
        self.proc = subprocess.Popen(["dovecot", "-c", self.conf, "-F"],
                                     stdout=subprocess.DEVNULL,
                                     stderr=open(self.log + ".stderr", "w"),
                                     preexec_fn=die_with_parent())
        atexit.register(self.stop)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise DovecotError("dovecot exited: %s" % self.tail_log())
            # up when it greets: a reload signalled before the master
            # has finished starting is lost
            if all(self._greets(port, greeting)
                   for port, greeting in self._greetings()):
                return self
            time.sleep(0.05)
        self.stop()
        raise DovecotError("dovecot did not start: %s" % self.tail_log())

    def stop(self):
        """Stop the instance by its PID (never by process name)."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc is not None and not self.keep_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def reconfigure(self, **plugin_settings):
        """Change plugin settings of the running instance: rewrite the
        config and reload it (SIGHUP to our master, by PID). New LMTP
        connections get processes with the new settings."""
        self.plugin_settings.update(plugin_settings)
        self._write_conf(os.path.join(self.dir, "modules"),
                         os.path.join(self.dir, "passwd"))
        logged = os.path.getsize(self.log) if os.path.exists(self.log) else 0
        self.proc.send_signal(signal.SIGHUP)
        # The master logs the reload, then reopens its listeners: wait for
        # both rather than for a fixed time (a loaded machine is slow).
        deadline = time.time() + 30
        resend = time.time() + 10
        while time.time() < deadline:
            with open(self.log, errors="replace") as f:
                f.seek(logged)
                if "reloading configuration" in f.read():
                    break
            if time.time() > resend:
                # not seen: signal again (the reload is idempotent)
                self.proc.send_signal(signal.SIGHUP)
                resend = time.time() + 10
            time.sleep(0.05)
        time.sleep(0.2)
        # A listener that accepts is not enough: a process of the old
        # configuration may take the connection and close it as it exits.
        # Back is when a new one greets (LMTP, and IMAP when it runs).
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise DovecotError("dovecot exited on reload: %s"
                                   % self.tail_log())
            if all(self._greets(port, greeting)
                   for port, greeting in self._greetings()):
                return
            time.sleep(0.05)
        raise DovecotError("dovecot did not come back after reload: %s"
                           % self.tail_log())

    def _greetings(self):
        ports = [(self.lmtp_port, b"220")]
        if self.mail_plugin:
            ports.append((self.imap_port, b"* OK"))
        return ports

    @staticmethod
    def _greets(port, greeting):
        try:
            with socket.create_connection(("127.0.0.1", port), 2) as sock:
                sock.settimeout(2)
                return sock.recv(64).startswith(greeting)
        except OSError:
            return False

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def tail_log(self, lines=40):
        out = []
        for path in (self.log, self.log + ".stderr"):
            try:
                with open(path, errors="replace") as f:
                    out += f.read().splitlines()[-lines:]
            except OSError:
                pass
        return "\n".join(out)

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    # -- use -----------------------------------------------------------
    def deliver(self, message, rcpt="tgv", mail_from="sender@example.vn"):
        """Deliver one message over LMTP. Returns (code, text) for rcpt."""
        if isinstance(message, str):
            message = message.encode("utf-8")
        rcpt_addr = rcpt if "@" in rcpt else rcpt + "@bcd06.example.vn"
        with smtplib.LMTP("127.0.0.1", self.lmtp_port, timeout=60) as lmtp:
            lmtp.ehlo("test.example.vn")
            lmtp.mail(mail_from)
            code, text = lmtp.rcpt(rcpt_addr)
            if code >= 300:
                return code, text.decode(errors="replace")
            try:
                # smtplib checks only the 354; the reply to the message
                # itself (LMTP: the recipient's) is returned, not raised.
                code, text = lmtp.data(message)
            except smtplib.SMTPDataError as e:
                return e.smtp_code, e.smtp_error.decode(errors="replace")
            except smtplib.SMTPResponseException as e:
                return e.smtp_code, e.smtp_error.decode(errors="replace")
            return code, text.decode(errors="replace")

    def imap(self, user="tgv"):
        """A logged-in imaplib client (plain, loopback)."""
        import imaplib
        client = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=60)
        client.login(user, "secret")
        return client

    def owned_dir(self, name):
        """A directory inside the instance, owned by the mail user."""
        path = os.path.join(self.dir, name)
        os.makedirs(path, exist_ok=True)
        os.chown(path, UID, GID)
        return path

    def dondoc(self, *args, check=True, db=None):
        """Run the built dondoc command with this instance's config."""
        cmd = [stage_bin(), "-c", self.conf]
        if db is not None:
            cmd += ["--db", db]
        # As the mail user, so the store files stay writable by LMTP.
        res = subprocess.run(cmd + list(args), capture_output=True,
                             text=True, timeout=120, user=UID, group=GID,
                             cwd=self.dir)
        if check and res.returncode != 0:
            raise DovecotError("dondoc %s: %s%s" % (" ".join(args),
                                                   res.stdout, res.stderr))
        return res

    def dondoc_spawn(self, *args, db=None):
        """Start the dondoc command in the background (e.g. `outbox send
        --watch`), as the mail user; the caller stops it by PID with
        stop_spawned()."""
        cmd = [stage_bin(), "-c", self.conf]
        if db is not None:
            cmd += ["--db", db]
        return subprocess.Popen(cmd + list(args), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, user=UID,
                                group=GID, cwd=self.dir,
                                preexec_fn=die_with_parent())

    @staticmethod
    def stop_spawned(proc, timeout=20):
        """SIGTERM by PID; returns (returncode, stdout, stderr)."""
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err

    def doveadm(self, *args):
        res = subprocess.run(["doveadm", "-c", self.conf] + list(args),
                             capture_output=True, text=True, timeout=60)
        if res.returncode != 0:
            raise DovecotError("doveadm %s: %s" % (" ".join(args), res.stderr))
        return res.stdout

    def mailboxes(self, user="tgv"):
        return sorted(self.doveadm("mailbox", "list", "-u", user).splitlines())

    def message_ids(self, user="tgv"):
        """{mailbox: [message-id, ...]} for every message of user."""
        out = self.doveadm("fetch", "-u", user, "mailbox hdr.message-id", "ALL")
        result, mailbox = {}, None
        for line in out.splitlines():
            if line.startswith("mailbox: "):
                mailbox = line[len("mailbox: "):]
            elif line.lower().startswith("hdr.message-id: "):
                result.setdefault(mailbox, []).append(
                    line.split(": ", 1)[1].strip())
        return result

    def where(self, message_id, user="tgv"):
        """The mailboxes holding message_id (normally exactly one)."""
        return sorted(mb for mb, ids in self.message_ids(user).items()
                      if message_id in ids)
