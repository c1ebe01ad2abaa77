# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Two committees on one Dovecot: the secretariats tgv (committee A) and
tgv2 (committee B) name their own stores in their userdb extra fields
(userdb_dondoc_db), on SQLite (two files) or, with DONDOC_TEST_DB=pgsql,
on PostgreSQL (A a database; B a schema of another one, owned by a role of its own).
Both committees know the same agency code STTTT with the same sender and
a task of the same code and period. A report to one secretariat is
recorded, matched and confirmed in its store only; the same Message-ID
delivered to both is recorded once in each; a sweep of one chases its own
tasks only. Prints TAP."""

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
SHARED_TASK = "DA06-2026-001"
B_ONLY = "DA06-B-777"


def main():
    tap = Tap()
    pg = None
    if pg_harness.backend() == "pgsql":
        # B: a schema of its own in another database, reached as a role
        # of its own whose search_path names it (no "%" in a userdb field:
        # Dovecot expands those twice)
        pg, _ = pg_new_database()
        dbname = "b%d" % os.getpid()
        pg.createdb(dbname)
        pg.psql("CREATE ROLE committee_b LOGIN", check=False)
        pg.psql("ALTER ROLE committee_b SET search_path = committee_b")
        pg.psql("CREATE SCHEMA committee_b AUTHORIZATION committee_b", dbname)
        db_b = pg.uri(dbname, user="committee_b")
        extra_b = "userdb_dondoc_db=%s userdb_dondoc_spool={dir}/spool-b" % db_b
    else:
        db_b = dbname = None
        extra_b = ("userdb_dondoc_db={dir}/store-b/b.db "
                   "userdb_dondoc_spool={dir}/spool-b")
    with TrackingServer(db_in_userdb=True, users_extra={"tgv2": extra_b}) as s:
        if db_b is None:
            os.makedirs(os.path.join(s.dc.dir, "store-b"))
            os.chown(os.path.join(s.dc.dir, "store-b"), UID, GID)
            db_b = os.path.join(s.dc.dir, "store-b", "b.db")
        os.makedirs(os.path.join(s.dc.dir, "spool-b"))
        os.chown(os.path.join(s.dc.dir, "spool-b"), UID, GID)

        def cli_b(*args):
            return s.dc.dondoc(*args, db=db_b)

        cli_b("db", "init", "--calendar", "/dev/null")
        for code, name in AGENCIES:
            cli_b("agency", "add", code, name)
        for addr, agency, role, name in PEOPLE:
            cli_b("person", "add", addr, "--agency", agency, "--role", role,
                  "--name", name)
        for cli in (s.cli, cli_b):
            cli("task", "add", "--code", SHARED_TASK, "--agency", "STTTT",
                "--title", "Báo cáo 6 tháng", "--due", "2026-06-12", "--type",
                "BC", "--period", "H:2026:1")
        cli_b("task", "add", "--code", B_ONLY, "--agency", "STTTT", "--title",
              "Nhiệm vụ của B", "--due", "2026-06-05", "--type", "BC")


        def status_b(code):
            for line in cli_b("task", "list").stdout.splitlines():
                f = line.split("\t")
                if f[0] == code:
                    return f[3]
            return None

        def query_b(sql, *params):
            if pg is not None:
                con = pg.connect(dbname, schema="committee_b")
                try:
                    with con.cursor() as cur:
                        cur.execute(sql.replace("?", "%s"), params)
                        return [tuple(r) for r in cur.fetchall()]
                finally:
                    con.close()
            con = sqlite3.connect("file:%s?mode=ro" % db_b, uri=True)
            try:
                return con.execute(sql, params).fetchall()
            finally:
                con.close()

        def submissions_b(msgid):
            return query_b("SELECT message_id FROM submission WHERE "
                           "message_id = ?", "<%sstttt.example.vn>" % msgid)

        numbers = {}

        def report_to(rcpt, msgid, subject="Báo cáo"):
            # one document number per Message-ID: the same document twice
            # would be recorded once by the document rule
            number = numbers.setdefault(msgid, 112 + len(numbers))
            body = half_year_report(number, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                                    "BC-STTTT")
            code, text = s.dc.deliver(report(msgid, STTTT, body,
                                             subject=subject),
                                      rcpt=rcpt, mail_from=STTTT)
            assert code == 250, (text, s.dc.read_log().splitlines()[-8:])

        def a_matches_own_task_only():
            report_to("tgv", "ca-1@stttt.example.vn")
            sub = s.submissions("<ca-1@stttt.example.vn>")
            assert len(sub) == 1 and sub[0][4] == SHARED_TASK, sub
            assert s.task_status(SHARED_TASK) == "submitted"
            assert status_b(SHARED_TASK) == "open", cli_b("task", "list").stdout
            assert submissions_b("ca-1@") == []

        def b_matches_own_task_only():
            report_to("tgv2", "cb-1@stttt.example.vn")
            assert status_b(SHARED_TASK) == "submitted"
            assert len(submissions_b("cb-1@")) == 1, submissions_b("cb-1@")
            assert s.submissions("<cb-1@stttt.example.vn>") == []
            assert len(s.dc.where("<cb-1@stttt.example.vn>", user="tgv2")) == 1
            assert s.dc.where("<cb-1@stttt.example.vn>", user="tgv") == []

        def tag_of_other_committee_matches_nothing():
            report_to("tgv", "ca-2@stttt.example.vn",
                      subject="[%s] Báo cáo" % B_ONLY)
            sub = s.submissions("<ca-2@stttt.example.vn>")
            assert all(row[4] != B_ONLY for row in sub), sub
            assert status_b(B_ONLY) == "open"
            assert submissions_b("ca-2@") == []

        def same_message_id_once_in_each():
            report_to("tgv", "both-1@stttt.example.vn")
            report_to("tgv2", "both-1@stttt.example.vn")
            report_to("tgv2", "both-1@stttt.example.vn")
            assert len(s.submissions("<both-1@stttt.example.vn>")) == 1
            assert len(submissions_b("both-1@")) == 1, submissions_b("both-1@")

        def sweep_chases_own_tasks_only():
            s.sent()
            s.cli("sweep", "--today", "2026-06-10", "--smtp",
                  "127.0.0.1:%d" % s.sink.port)
            subjects = [m["Subject"] for _, _, m in s.sent()]
            assert not any(B_ONLY in x for x in subjects), subjects
            assert status_b(B_ONLY) == "open"
            res = cli_b("sweep", "--today", "2026-06-10", "--smtp",
                        "127.0.0.1:%d" % s.sink.port)
            assert "1 marked overdue" in res.stdout, res.stdout
            subjects = [m["Subject"] for _, _, m in s.sent()]
            assert any(B_ONLY in x for x in subjects), subjects
            assert s.query("SELECT count(*) FROM task WHERE code = ?",
                           B_ONLY) == [(0,)]

        tap.run("committee A's report is recorded and matched in A only",
                a_matches_own_task_only)
        tap.run("committee B's report (same agency, sender, task code) in B only",
                b_matches_own_task_only)
        tap.run("a tag naming B's task matches nothing in A",
                tag_of_other_committee_matches_nothing)
        tap.run("one Message-ID to both: recorded once in each",
                same_message_id_once_in_each)
        tap.run("a sweep chases its own committee's tasks only",
                sweep_chases_own_tasks_only)
    tap.done()


if __name__ == "__main__":
    main()
