# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Two committees sharing one absolute dondoc_spool: the secretariats tgv
(committee A) and tgv2 (committee B) name their own stores in their userdb
extra fields, but the spool is the one dondoc_spool every user reads. With
both stores locked, a report to each is spooled there. `spool replay`
with A's store does A's entry only and leaves B's ("left for another
store"), untouched; with B's store (named another way: a symlink, or for
PostgreSQL the key=value form of the URI the delivery had) does B's.
Nothing is recorded twice, nor in the other committee's store. SQLite, or
with DONDOC_TEST_DB=pgsql PostgreSQL (B a schema of another database).
Trusts the harness (Dovecot, the stores, the dondoc command). Prints TAP."""

import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import pg_harness  # noqa: E402
from dovecot_harness import UID, GID  # noqa: E402
from tap import Tap  # noqa: E402
from tracking_env import (AGENCIES, PEOPLE, TrackingServer,  # noqa: E402
                          half_year_report, pg_new_database, report)

STTTT = "vanphong@stttt.example.vn"
TASK = "DA06-2026-001"


class LockB:
    """B's store's write lock, held from another connection."""

    def __init__(self, pg, dbname, db_b):
        if pg is not None:
            self.con = pg.connect(dbname, schema="committee_b")
            self.con.autocommit = False
            with self.con.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(1685024356, "
                            "hashtext(current_schema()))")
        else:
            self.con = sqlite3.connect(db_b, timeout=1, isolation_level=None)
            self.con.execute("BEGIN EXCLUSIVE")

    def close(self):
        self.con.rollback()
        self.con.close()


def main():
    tap = Tap()
    pg = None
    if pg_harness.backend() == "pgsql":
        pg, _ = pg_new_database()
        dbname = "bs%d" % os.getpid()
        pg.createdb(dbname)
        pg.psql("CREATE ROLE committee_b LOGIN", check=False)
        pg.psql("ALTER ROLE committee_b SET search_path = committee_b")
        pg.psql("CREATE SCHEMA committee_b AUTHORIZATION committee_b", dbname)
        db_b = pg.uri(dbname, user="committee_b")
        # the same store as the delivery's URI, spelt as key=value
        db_b_other = "host=%s dbname=%s user=committee_b" % (pg.dir, dbname)
        extra_b = "userdb_dondoc_db=%s" % db_b
    else:
        db_b = dbname = db_b_other = None
        extra_b = "userdb_dondoc_db={dir}/store-b/b.db"
    # no userdb_dondoc_spool: both use the plugin's absolute dondoc_spool
    with TrackingServer(db_in_userdb=True, users_extra={"tgv2": extra_b},
                        store_settings={"dondoc_busy_timeout_msecs": "300"}
                        ) as s:
        if db_b is None:
            os.makedirs(os.path.join(s.dc.dir, "store-b"))
            os.chown(os.path.join(s.dc.dir, "store-b"), UID, GID)
            db_b = os.path.join(s.dc.dir, "store-b", "b.db")
            db_b_other = os.path.join(s.dc.dir, "b-link.db")
            os.symlink(db_b, db_b_other)

        def cli_b(*args, db=db_b):
            return s.dc.dondoc(*args, db=db, check=False)

        cli_b("db", "init", "--calendar", "/dev/null")
        for code, name in AGENCIES:
            cli_b("agency", "add", code, name)
        for addr, agency, role, name in PEOPLE:
            cli_b("person", "add", addr, "--agency", agency, "--role", role,
                  "--name", name)
        for cli in (s.cli, cli_b):
            cli("task", "add", "--code", TASK, "--agency", "STTTT",
                "--title", "Báo cáo 6 tháng", "--due", "2026-06-12", "--type",
                "BC", "--period", "H:2026:1")

        def submissions_b(msgid):
            sql = "SELECT message_id FROM submission WHERE message_id = ?"
            if pg is not None:
                con = pg.connect(dbname, schema="committee_b")
                try:
                    with con.cursor() as cur:
                        cur.execute(sql.replace("?", "%s"), (msgid,))
                        return cur.fetchall()
                finally:
                    con.close()
            con = sqlite3.connect("file:%s?mode=ro" % db_b, uri=True)
            try:
                return con.execute(sql, (msgid,)).fetchall()
            finally:
                con.close()

        def listed():
            res = s.cli("spool", "list", "--spool", s.spool)
            return [line for line in res.stdout.splitlines() if line]

        A, B = "<sa-1@stttt.example.vn>", "<sb-1@stttt.example.vn>"

        def both_locked_both_spooled():
            lock_a, lock_b = s.lock_store(), LockB(pg, dbname, db_b)
            try:
                for rcpt, msgid, number in (("tgv", A, 112),
                                            ("tgv2", B, 113)):
                    body = half_year_report(number,
                                            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                                            "BC-STTTT")
                    code, text = s.dc.deliver(
                        report(msgid.strip("<>"), STTTT, body),
                        rcpt=rcpt, mail_from=STTTT)
                    assert code == 250, (text, s.dc.read_log()[-2000:])
            finally:
                lock_a.release()
                lock_a.close()
                lock_b.close()
            entries = listed()
            # each a record and a confirm (secretariat.sieve)
            assert len(entries) == 4, entries
            assert len([e for e in entries if "\trecord\t" in e]) == 2, entries
            assert s.submissions(A) == [] and submissions_b(B) == []

        def replay_a_does_a_only():
            before = sorted(os.listdir(os.path.join(s.spool, "new")))
            res = s.cli("spool", "replay", "--spool", s.spool)
            assert "2 replayed, 0 left, 0 quarantined, 2 left for another " \
                "store" in res.stdout, res.stdout + res.stderr
            assert res.returncode == 0, res.stderr
            assert len(s.submissions(A)) == 1, s.submissions(A)
            assert s.submissions(B) == [] and submissions_b(B) == []
            after = sorted(os.listdir(os.path.join(s.spool, "new")))
            # B's two entries, each its .eml and .meta, as they were
            assert len(after) == 4 and set(after) < set(before), after
            assert not os.path.exists(os.path.join(s.spool, "quarantine"))

        def replay_b_does_b_only():
            res = cli_b("spool", "replay", "--spool", s.spool, db=db_b_other)
            assert "2 replayed, 0 left, 0 quarantined\n" == res.stdout, \
                res.stdout + res.stderr
            assert len(submissions_b(B)) == 1, submissions_b(B)
            assert submissions_b(A) == [] and s.submissions(B) == []
            assert listed() == []

        def nothing_twice():
            for replay in (lambda: s.cli("spool", "replay", "--spool",
                                         s.spool),
                           lambda: cli_b("spool", "replay", "--spool",
                                         s.spool)):
                assert "0 replayed, 0 left" in replay().stdout
            assert len(s.submissions(A)) == 1
            assert len(submissions_b(B)) == 1

        tap.run("both stores locked: each committee's report spooled in "
                "the one spool", both_locked_both_spooled)
        tap.run("replay with A's store: A's entry recorded in A, B's left "
                "untouched", replay_a_does_a_only)
        tap.run("replay with B's store (spelt another way): B's entry "
                "recorded in B", replay_b_does_b_only)
        tap.run("nothing recorded twice", nothing_twice)
    tap.done()


if __name__ == "__main__":
    main()
