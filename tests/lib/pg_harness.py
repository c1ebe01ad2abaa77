# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""A private PostgreSQL server for the tests: Debian's postgresql (15 on
Debian 12, 17 on Debian 13: the newest installed major is used), initdb into a temporary directory, listening on a unix socket in that
directory only (listen_addresses = ''), run as `nobody` (the server refuses
root; tests run as root in CI) and stopped by its own pg_ctl, never by name.
Its superuser is "dondoc" (trust over the socket: the directory is the
only way in), so clients without a passwd entry (the mail uid 5000) can
name a user. Tests say which store backend they run on with DONDOC_TEST_DB
(sqlite, the default, or pgsql); under CI=true a missing server is an
error, not a skip.

    with PrivatePostgres() as pg:
        pg.createdb("committee_a")
        pg.conninfo("committee_a")   # host=/tmp/... dbname=... user=dondoc
        pg.uri("committee_a")        # postgresql://dondoc@/...?host=/tmp/...
"""

import atexit
import os
import pwd
import shutil
import subprocess
import tempfile

PG_LIB = "/usr/lib/postgresql"


def _pg_bin():
    """bin/ of the newest installed server major (Debian installs each
    major under PG_LIB/MAJOR); PG_LIB/15/bin, reported missing, if none."""
    try:
        majors = [int(d) for d in os.listdir(PG_LIB) if d.isdigit()]
    except OSError:
        majors = []
    for major in sorted(majors, reverse=True):
        path = os.path.join(PG_LIB, str(major), "bin")
        if os.access(os.path.join(path, "initdb"), os.X_OK):
            return path
    return os.path.join(PG_LIB, "15", "bin")


PG_BIN = _pg_bin()
SUPERUSER = "dondoc"
RUN_AS = "nobody"


def backend():
    """The store backend the tests run against: "sqlite" or "pgsql"."""
    value = os.environ.get("DONDOC_TEST_DB", "sqlite")
    if value not in ("sqlite", "pgsql"):
        raise SystemExit("DONDOC_TEST_DB must be sqlite or pgsql, not %r" % value)
    return value


def available():
    """Is the server installed? Under CI it must be (deps.sh installs it)."""
    ok = os.access(os.path.join(PG_BIN, "initdb"), os.X_OK)
    if not ok and os.environ.get("CI") == "true":
        raise SystemExit("CI=true but PostgreSQL is not installed (%s): "
                         "scripts/deps.sh installs postgresql" % PG_BIN)
    return ok


class PrivatePostgres:
    def __init__(self, settings=None):
        self.settings = dict(settings or {})
        self.dir = None
        self.running = False

    def _run(self, args, check=True, **kw):
        ent = pwd.getpwnam(RUN_AS)
        return subprocess.run(args, check=check, user=ent.pw_uid,
                              group=ent.pw_gid, cwd=self.dir,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, **kw)

    @property
    def data(self):
        return os.path.join(self.dir, "data")

    @property
    def socket_dir(self):
        return self.dir

    def start(self):
        if not available():
            raise RuntimeError("PostgreSQL is not installed (%s)" % PG_BIN)
        ent = pwd.getpwnam(RUN_AS)
        self.dir = tempfile.mkdtemp(prefix="dondoc-pg.")
        os.chown(self.dir, ent.pw_uid, ent.pw_gid)
        os.chmod(self.dir, 0o755)
        self._run([os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U",
                   SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C",
                   "-N"])
        conf = {
            "listen_addresses": "''",
            "unix_socket_directories": "'%s'" % self.dir,
            "max_connections": "100",
            "shared_buffers": "'32MB'",
            "log_min_messages": "warning",
        }
        conf.update(self.settings)
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            for key, value in conf.items():
                f.write("%s = %s\n" % (key, value))
        self.pg_ctl_start()
        atexit.register(self.stop)
        return self

    def pg_ctl_start(self):
        self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-l",
                   os.path.join(self.dir, "server.log"), "-w", "-t", "60",
                   "start"])
        self.running = True

    def pg_ctl_stop(self, mode="fast"):
        if self.running:
            self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-w",
                       "-t", "60", "stop", "-m", mode], check=False)
            self.running = False

    def restart(self, mode="fast"):
        self.pg_ctl_stop(mode)
        self.pg_ctl_start()

    def stop(self):
        if self.dir is None:
            return
        self.pg_ctl_stop()
        if os.environ.get("DONDOC_KEEP_PG") is None:
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def log(self):
        try:
            with open(os.path.join(self.dir, "server.log")) as f:
                return f.read()
        except OSError:
            return ""

    def conninfo(self, dbname="postgres", schema=None):
        s = "host=%s dbname=%s user=%s" % (self.dir, dbname, SUPERUSER)
        if schema is not None:
            s += " options=-csearch_path=%s" % schema
        return s

    def uri(self, dbname="postgres", user=SUPERUSER):
        # libpq takes the socket directory unencoded in a query value:
        # no "%" for Dovecot's variable expansion to trip on
        return "postgresql://%s@/%s?host=%s" % (user, dbname, self.dir)

    def psql(self, sql, dbname="postgres", check=True):
        """Run SQL (constant text from the tests) through psql; rows as
        lists of strings."""
        out = subprocess.run([os.path.join(PG_BIN, "psql"), "-X", "-q", "-A",
                              "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                              "-h", self.dir, "-U", SUPERUSER, "-d", dbname,
                              "-c", sql], check=check, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        if check and out.returncode != 0:
            raise RuntimeError(out.stderr)
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    def createdb(self, name):
        self.psql('CREATE DATABASE "%s"' % name)
        return self.conninfo(name)

    def connect(self, dbname, schema=None):
        """A psycopg2 connection (python3-psycopg2, /usr/bin/python3)."""
        import psycopg2
        con = psycopg2.connect(host=self.dir, dbname=dbname, user=SUPERUSER)
        con.autocommit = True
        if schema is not None:
            with con.cursor() as cur:
                cur.execute("SET search_path = %s", (schema,))
        return con


_shared = None


def shared():
    """One server per test process, started on first use, stopped at exit."""
    global _shared
    if _shared is None:
        _shared = PrivatePostgres().start()
    return _shared
