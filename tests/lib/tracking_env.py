# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""A private Dovecot set up as the secretariat's mail server: the
secretariat script (doc/examples/secretariat.sieve), a real store (SQLite;
or, with DONDOC_TEST_DB=pgsql, a fresh database on the tests' private
PostgreSQL, tests/lib/pg_harness.py) with a small committee (agencies, people, tasks), an SMTP sink for the mail
dondoc sends, and the settings tracking needs. Shared by the tracking
tests, the concurrency test, the benchmark and the demo."""

import email
import email.policy
import os
import re
import shutil
import sqlite3
import subprocess

from dovecot_harness import (PrivateDovecot, srcdir, stage_libexec,
                             stage_src, UID, GID)
from smtp_sink import SmtpSink
import pg_harness

AUTHSERV_ID = "mx.bcd06.example.vn"
SECRET = "kiểm-thử-bí-mật-0123456789"
SECRETARIAT = "tgv@bcd06.example.vn"
# The simulated delivery time: a Wednesday in June 2026, Vietnam time.
NOW = "2026-06-10T09:00:00+07:00"

AGENCIES = [
    ("UBND", "Ủy ban nhân dân tỉnh"),
    ("CAT", "Công an tỉnh"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("SXD", "Sở Xây dựng"),
    ("UBND-PQ", "UBND thành phố Phú Quốc"),
]
PEOPLE = [
    ("truongban@ubnd.example.vn", "UBND", "truong-ban", "Trưởng ban"),
    ("thuongtruc@cat.example.vn", "CAT", "co-quan-thuong-truc", "Công an tỉnh"),
    ("vanphong@stttt.example.vn", "STTTT", "thanh-vien", "Văn phòng Sở TTTT"),
    ("vanphong@sxd.example.vn", "SXD", "thanh-vien", "Văn phòng Sở Xây dựng"),
    ("vanthu@phuquoc.example.vn", "UBND-PQ", "thanh-vien", "Văn thư UBND Phú Quốc"),
]


def secretariat_script():
    with open(os.path.join(srcdir(), "doc", "examples", "secretariat.sieve")) as f:
        return f.read()


_pg_databases = [0]


def pg_server():
    """The tests' PostgreSQL: the one DONDOC_TEST_PG_DIR names (started by
    tests/store/test_pgsql.py), else one of this process's own."""
    dir = os.environ.get("DONDOC_TEST_PG_DIR")
    if dir:
        pg = pg_harness.PrivatePostgres()
        pg.dir = dir
        return pg
    return pg_harness.shared()


def pg_new_database():
    """A fresh database's conninfo."""
    pg = pg_server()
    _pg_databases[0] += 1
    return pg, pg.createdb("t%d_%d" % (os.getpid(), _pg_databases[0]))


class StoreLock:
    """Another writer holding the store's write lock until release()."""

    def __init__(self, server):
        self.pg = server.pg is not None
        if self.pg:
            self.con = server.pg.connect(server.pg_dbname)
            self.con.autocommit = False
            with self.con.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(1685024356, "
                            "hashtext(current_schema()))")
        else:
            self.con = sqlite3.connect(server.db, timeout=1,
                                       isolation_level=None,
                                       check_same_thread=False)
            self.con.execute("BEGIN EXCLUSIVE")

    def release(self):
        self.con.rollback()

    def close(self):
        self.con.close()


class TrackingServer:
    """Dovecot + store + SMTP sink; use as a context manager."""

    def __init__(self, script=None, now=NOW, store_settings=None, sink=True,
                 smtp_port=None, extra_conf="", tmpfs_size=None,
                 mail_plugin=False, users_extra=None, sent_mailbox=None,
                 db_in_userdb=False, lmtp_mail_plugin=True):
        """sink: run an SmtpSink here; else smtp_port names one elsewhere.
        extra_conf: more dovecot.conf lines. tmpfs_size ("2m"): the store
        and the spool on one tmpfs of that size of their own (mounted here,
        tests run as root; unmounted at exit), to fill it."""
        self.sink = SmtpSink().start() if sink else None
        self.sink_port = self.sink.port if sink else (smtp_port or 1)
        self.script = script if script is not None else secretariat_script()
        self.now = now
        self.store_settings = store_settings or {}
        self.dc = None
        self.extra_conf = extra_conf
        self.tmpfs_size = tmpfs_size
        self.fs = None
        self.mail_plugin = mail_plugin
        self.sent_mailbox = sent_mailbox
        # {user: "userdb extra fields"} of more users than tgv (and of
        # tgv itself); "{dir}" is the instance's directory
        self.users_extra = dict(users_extra or {})
        # dondoc_db in tgv's userdb extra fields only (as a shared server
        # is set up), not in the plugin {} block every user reads
        self.db_in_userdb = db_in_userdb
        # False: LMTP without the dondoc mail plugin (a misconfiguration)
        self.lmtp_mail_plugin = lmtp_mail_plugin

    def __enter__(self):
        settings = {
            "dondoc_authserv_id": AUTHSERV_ID,
            "dondoc_secret_key": SECRET,
            "dondoc_from": SECRETARIAT,
            "dondoc_reply_address": SECRETARIAT,
            "dondoc_now": self.now,
            # the tests of one escalation mail each; the digest's own
            # tests set daily or weekly
            "dondoc_head_digest": "immediate",
            # the digest's charts: the staged helper (its installed
            # path is under the stage's DESTDIR)
            "dondoc_chart_helper": stage_libexec("dondoc-chart"),
            "sieve_extensions": "+vnd.dondoc",
        }
        self.dc = PrivateDovecot(sieve_script=self.script, plugin_settings=settings,
                                 mail_plugin=self.mail_plugin,
                                 sent_mailbox=self.sent_mailbox,
                                 lmtp_mail_plugin=self.lmtp_mail_plugin,
                                 users=["tgv"] + sorted(u for u in self.users_extra
                                                        if u != "tgv"),
                                 users_extra=self.users_extra,
                                 extra_conf="submission_host = 127.0.0.1:%d\n"
                                 % self.sink_port + self.extra_conf)
        # The store lives in a directory the mail user owns.
        data = self.dc.dir
        if self.tmpfs_size is not None:
            self.fs = data = os.path.join(self.dc.dir, "fs")
            os.makedirs(self.fs)
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755"
                            % self.tmpfs_size, "dondoc-test", self.fs],
                           check=True)
        self.db = os.path.join(data, "store", "dondoc.db")
        self.pg = None
        if pg_harness.backend() == "pgsql":
            given = self.store_settings.get("db", "")
            if "dbname=" in given:
                # another instance's store: one database, two Dovecots
                self.pg, self.db = pg_server(), given
            else:
                self.pg, self.db = pg_new_database()
            self.pg_dbname = self.db.split("dbname=")[1].split()[0]
            # a store that is not there: a server that is not there
            if self.store_settings.get("db", "").startswith("/nonexistent"):
                self.store_settings["db"] = ("host=/nonexistent/dir "
                                             "dbname=x user=dondoc")
        self.spool = os.path.join(data, "spool")
        if self.db_in_userdb:
            db = self.store_settings.get("db", self.db)
            if self.pg is not None and db == self.db:
                # a passwd-file field holds no spaces: the URI form
                db = self.pg.uri(self.pg_dbname)
            self.dc.users_extra["tgv"] = ("userdb_dondoc_db=%s %s" % (
                db,
                self.dc.users_extra.get("tgv", ""))).strip()
        else:
            self.dc.plugin_settings["dondoc_db"] = self.store_settings.get("db", self.db)
        self.dc.plugin_settings["dondoc_spool"] = self.spool
        for key, value in self.store_settings.items():
            if key != "db":
                self.dc.plugin_settings[key] = value
        self.dc.start()
        for path in (os.path.dirname(self.db), self.spool):
            os.makedirs(path, exist_ok=True)
            os.chown(path, UID, GID)
        self.cli("db", "init", "--calendar", stage_src(
            "sql", "calendar", "vn-public-service-calendar-2022-2026.tsv"))
        for code, name in AGENCIES:
            self.cli("agency", "add", code, name)
        for addr, agency, role, name in PEOPLE:
            self.cli("person", "add", addr, "--agency", agency, "--role", role,
                     "--name", name)
        return self

    def __exit__(self, *exc):
        if self.fs is not None:
            keep, self.dc.keep_dir = self.dc.keep_dir, True
            self.dc.stop()
            subprocess.run(["umount", self.fs], check=False)
            if not keep:
                shutil.rmtree(self.dc.dir, ignore_errors=True)
        else:
            self.dc.stop()
        if self.sink is not None:
            self.sink.stop()
        return False

    def fill_fs(self):
        """Fill the tmpfs (tmpfs_size) to the last byte; returns the filler
        to remove with free_fs(). The WAL is emptied first, so the next
        store write needs new space."""
        con = sqlite3.connect(self.db, timeout=30)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
        filler = os.path.join(self.fs, "filler")
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            for size in (1 << 20, 65536, 4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)
        return filler

    def free_fs(self):
        os.unlink(os.path.join(self.fs, "filler"))

    def cli(self, *args, check=True):
        return self.dc.dondoc(*args, check=check, db=self.db)

    def add_task(self, code, agency, title, due, doc_type="BC", period=None):
        args = ["task", "add", "--code", code, "--agency", agency, "--title", title,
                "--due", due, "--type", doc_type]
        if period:
            args += ["--period", period]
        self.cli(*args)

    def lock_store(self):
        """Hold the store's write lock from another connection."""
        return StoreLock(self)

    def query(self, sql, *params):
        if self.pg is not None:
            # LIKE needs a deterministic collation: the codes' is not
            sql = re.sub(r"([\w.]+) LIKE ", r'\1 COLLATE "C" LIKE ', sql)
            con = self.pg.connect(self.pg_dbname)
            try:
                with con.cursor() as cur:
                    cur.execute(sql.replace("%", "%%").replace("?", "%s"),
                                params)
                    return [tuple(r) for r in cur.fetchall()]
            finally:
                con.close()
        con = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True, timeout=30)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def task_status(self, code):
        rows = self.query("SELECT status FROM task WHERE code = ?", code)
        return rows[0][0] if rows else None

    def submissions(self, message_id):
        return self.query("SELECT s.match, s.late, s.late_days, s.trust, t.code "
                          "FROM submission s LEFT JOIN task t ON t.id = s.task_id "
                          "WHERE s.message_id = ?", message_id)

    def sent(self):
        """Mail the sink received since the last call, parsed."""
        out = []
        for mail_from, rcpts, data in self.sink.take():
            msg = email.message_from_bytes(data, policy=email.policy.default)
            out.append((mail_from, rcpts, msg))
        return out

    def unconfirmed(self):
        """Of the mail the sink received, what its client may never have
        seen acknowledged (smtp_sink's take_unconfirmed()), parsed."""
        return [email.message_from_bytes(data, policy=email.policy.default)
                for data in self.sink.take_unconfirmed()]


def authres(domain):
    return ("Authentication-Results: %s;\r\n\tdkim=pass header.d=%s header.s=mail;\r\n"
            "\tdmarc=pass (p=none) header.from=%s\r\n" % (AUTHSERV_ID, domain, domain))


def report(msgid, sender, body, subject="Báo cáo", extra_headers="", authenticated=True):
    """A report mail as an agency sends it; authenticated adds our own
    Authentication-Results for the sender's domain."""
    domain = sender.split("@")[1]
    headers = ""
    if authenticated:
        headers += authres(domain)
    headers += ("From: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s>\r\n"
                "Date: Wed, 10 Jun 2026 08:30:00 +0700\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n" % (
                    sender, SECRETARIAT, email.header.Header(subject, "utf-8").encode(),
                    msgid))
    headers += extra_headers
    return (headers + "\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def half_year_report(number, agency_line, symbol, day=8, difficulties=None,
                     secrecy=None, year=2026):
    text = "UBND TỈNH KIÊN GIANG\n%s\n" % agency_line
    if secrecy:
        text += "%s\n" % secrecy
    text += ("Số: %s/%s\nKiên Giang, ngày %d tháng 6 năm %d\n\nBÁO CÁO\n"
             "Kết quả thực hiện Đề án 06 6 tháng đầu năm %d\n\n"
             "Kính gửi: Tổ giúp việc Ban Chỉ đạo Đề án 06 tỉnh.\n\n"
             "I. KẾT QUẢ THỰC HIỆN\n1. Hoàn thành kết nối dữ liệu dân cư.\n"
             % (number, symbol, day, year, year))
    if difficulties:
        text += "\nII. KHÓ KHĂN, VƯỚNG MẮC\n%s\n" % difficulties
    text += "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    return text


import email.header  # noqa: E402  (used by report())
