# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: a corrupt store is never written into. Over real LMTP with
the secretariat script and an SMTP sink: pages in the middle of a real
store file are overwritten (a table deliveries never read, so only a
check finds it), time passes beyond the check interval, and a report is
delivered. It must be filed, its work spooled, not one byte of the store
(file and WAL) changed, the damage logged as an error, and the
secretariat told once: one mail, however many deliveries follow."""

import hashlib
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import (TrackingServer, report, half_year_report,  # noqa: E402
                          SECRETARIAT)

STTTT = "vanphong@stttt.example.vn"
SXD = "vanphong@sxd.example.vn"


def snapshot(path):
    """Digest of the store's file and its WAL (the shared-memory index is
    SQLite's scratch, not data)."""
    h = hashlib.sha256()
    for p in (path, path + "-wal"):
        if os.path.exists(p):
            with open(p, "rb") as f:
                h.update(f.read())
        h.update(b"|")
    return h.hexdigest()


def damage(path, table):
    """Overwrite the middle of every page of table's b-tree with garbage,
    in the file itself (after a checkpoint: the WAL is empty)."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in con.execute(
            "SELECT pageno FROM dbstat WHERE name = ?", (table,))] if _has_dbstat(con) \
            else [con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                              (table,)).fetchone()[0]]
        size = os.path.getsize(path)
    finally:
        con.close()
    with open(path, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * page_size + 16)
            f.write(b"\xa5" * (page_size - 32))
    return pages, size // page_size


def _has_dbstat(con):
    try:
        con.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except sqlite3.Error:
        return False


def quick_check(path):
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        return [r[0] for r in con.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as e:
        return [str(e)]
    finally:
        con.close()


def spooled(s):
    new = os.path.join(s.spool, "new")
    return sorted(e for e in os.listdir(new) if e.endswith(".meta")) \
        if os.path.isdir(new) else []


def test_corrupt_store():
    with TrackingServer() as s:
        s.add_task("DA06-2026-001", "STTTT",
                   "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                   "2026-06-12", period="H:2026:1")
        s.add_task("DA06-2026-002", "SXD",
                   "Báo cáo kết quả thực hiện Đề án 06 6 tháng đầu năm 2026",
                   "2026-06-30", period="H:2026:1")
        body = half_year_report(112, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT")
        code, text = s.dc.deliver(report("ok-1@stttt.example.vn", STTTT, body),
                                  mail_from=STTTT)
        assert code == 250, text
        assert len(s.sent()) == 1
        pages, total = damage(s.db, "obligation")
        problems = quick_check(s.db)
        print("# damaged %d of %d pages (the obligation table): %s"
              % (len(pages), total, "; ".join(problems)[:200]))
        assert problems != ["ok"], problems
        # The last check was more than the check interval (an hour) ago.
        stamp = s.db + ".checked"
        if os.path.exists(stamp):
            old = time.time() - 7200
            os.utime(stamp, (old, old))
        s.dc.reconfigure()  # fresh lmtp processes, which open the store
        before = snapshot(s.db)
        entries = 0
        for n, (sender, agency, number, symbol) in enumerate([
                (SXD, "SỞ XÂY DỰNG", 40, "BC-SXD"),
                (STTTT, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 113, "BC-STTTT"),
                (SXD, "SỞ XÂY DỰNG", 41, "BC-SXD")]):
            msgid = "bad-%d@example.vn" % n
            code, text = s.dc.deliver(report(msgid, sender, half_year_report(
                number, agency, symbol)), mail_from=sender)
            assert code == 250, text
            assert len(s.dc.where("<%s>" % msgid)) == 1, "not filed"
            assert snapshot(s.db) == before, "the corrupt store was written"
            # Its work (with the full intent: record, confirm, ...) waits.
            assert len(spooled(s)) > entries, spooled(s)
            entries = len(spooled(s))
        assert os.path.exists(s.db + ".corrupt")
        sent = s.sent()
        notices = [(r, m) for _, r, m in sent]
        assert len(notices) == 1, [m["Subject"] for _, m in notices]
        rcpts, notice = notices[0]
        assert rcpts == ["<%s>" % SECRETARIAT], rcpts
        assert "dondoc.db" in notice.get_content(), notice.get_content()
        errors = [l for l in s.dc.read_log().splitlines()
                  if "CORRUPT" in l and "rror" in l]
        assert errors, s.dc.tail_log()
        print("# 3 deliveries after the damage: 0 bytes written, %d spooled, "
              "%d warning mail(s)" % (len(spooled(s)), len(notices)))


def main():
    tap = Tap()
    tap.run("corrupt store: nothing written, work spooled, one warning mail",
            test_corrupt_store)
    tap.done()


if __name__ == "__main__":
    main()
