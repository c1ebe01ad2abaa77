# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""`dondoc task list` (text and --json) byte for byte against golden
files, over a store holding awkward values written past the store's own
checks, straight into SQLite: quotes, backslashes, control characters,
DEL, Vietnamese, 4-byte UTF-8, U+2028, invalid UTF-8 (a stray byte, a cut
sequence, an encoded surrogate, an overlong form), empty and NULL fields,
periods with odd years. The listing's formatting has fast paths (no
printf, spans copied at once); this holds them to the exact bytes the
printf and json_append_escaped() forms wrote. Prints TAP.
Trusts: the built cli/dondoc and the golden files beside this script
(tests/cli/task-list-awkward.txt and .json)."""

import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("DONDOC_SRCDIR", os.path.join(HERE, "..", ".."))
BUILD = os.environ.get("DONDOC_BUILDDIR", os.path.join(SRC, "_build"))
DONDOC = os.path.join(BUILD, "cli", "dondoc")
GOLDEN = os.path.join(HERE, "task-list-awkward")

# (code, title as bytes, assigner, source_type, source_number,
#  source_symbol, due, status, period kind, year, index, doc_type)
TASKS = [
    (b"Q1", b'say "hi" \\ back\\slash', None, None, None, None,
     "2026-01-05", "open", "Q", 2026, 1, "BC"),
    (b"C1", b"tab\there nl\nthere cr\r bs\x08 ff\x0c \x01\x1f del\x7f",
     b"", b"", b"", b"", "2026-01-06", "overdue", "", 0, 0, None),
    (b"V1", "Báo cáo nhiệm vụ — Đợt 1 😀".encode(), "Trưởng ban".encode(),
     b"TB", b"12", "TB-BCĐ".encode(), "2026-02-28", "submitted", "M",
     2026, 12, "BC"),
    (b"L1", "line\u2028sep\u2029para".encode(), None, None, None, None,
     "2026-03-01", "submitted-late", "Y", -5, 0, ""),
    (b"B1", b"stray \xff cut \xe1\xbb", None, None, None, None,
     "2026-03-02", "closed", "H", 123456, 2, None),
    (b"B2", b"surrogate \xed\xa0\x80 overlong \xc0\xaf end \xe1", None,
     None, None, None, "2026-03-03", "open", "E", 2026, 7, None),
    (b"B3", b"mid \xe1\xbbx \xc3 y \xef\xbf\xbf \xee\x80\x80 \xe0\x80\x80 "
     b"\xe0\xa0\x80 \xed\x9f\xbf \xf4\x8f\xbf\xbf \xf4\x90\x80\x80 \x80 \xc2",
     None, None, None, None, "2026-03-04", "open", "", 0, 0, None),
    (b"E1", b"", None, None, None, None, "1999-12-31", "open", "", 0, 0,
     None),
    (b"X\"1", b"\\\"", b"\\", b'"', b"\t", b"\xc3\xa9\"", "2026-12-31",
     "open", "B", 0, 0, b"\x7f"),
]


def make_store(db):
    subprocess.run([DONDOC, "--db", db, "db", "init"], check=True,
                   stdout=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    con.text_factory = bytes
    with con:
        con.execute("INSERT INTO agency (id, code, name) VALUES "
                    "(1, 'CAT', 'Công an tỉnh')")
        for i, cols in enumerate(TASKS):
            # bytes bind as BLOBs: CAST makes them TEXT, invalid UTF-8
            # and all
            con.execute(
                "INSERT INTO task (id, code, title, agency_id, assigner, "
                "source_type, source_number, source_symbol, due, status, "
                "period_kind, period_year, period_index, doc_type, "
                "created_at, updated_at) VALUES (?, CAST(? AS TEXT), "
                "CAST(? AS TEXT), 1, CAST(? AS TEXT), CAST(? AS TEXT), "
                "CAST(? AS TEXT), CAST(? AS TEXT), ?, ?, ?, ?, ?, "
                "CAST(? AS TEXT), 0, 0)", [i + 1] + list(cols))
    con.close()


def listing(db, *args):
    proc = subprocess.run([DONDOC, "--db", db, "task", "list"] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit("dondoc task list failed: %s" % proc.stderr.decode())
    return proc.stdout


def main():
    write = len(sys.argv) > 1 and sys.argv[1] == "--write-golden"
    # (golden, arguments): every task is CAT's, so the agency's listing
    # (the text one read from an index alone) is the whole listing
    cases = [("txt", ()), ("json", ("--json",)),
             ("txt", ("--agency", "CAT")),
             ("json", ("--agency", "CAT", "--json")),
             ("filtered.txt", ("--agency", "CAT", "--status", "open,closed")),
             ("filtered.json", ("--agency", "CAT", "--status", "open,closed",
                                "--json"))]
    with tempfile.TemporaryDirectory(prefix="dondoc-list.") as tmp:
        db = os.path.join(tmp, "store.db")
        make_store(db)
        print("1..%d" % len(cases))
        failed = 0
        for n, (ext, args) in enumerate(cases, 1):
            out = listing(db, *args)
            name = GOLDEN + ("-" if "." in ext else ".") + ext
            if write and (args[:1] != ("--agency",) or "." in ext):
                with open(name, "wb") as f:
                    f.write(out)
            with open(name, "rb") as f:
                want = f.read()
            label = " ".join(("task", "list") + args)
            if out == want:
                print("ok %d - %s: as %s" % (n, label, os.path.basename(name)))
            else:
                failed += 1
                print("not ok %d - %s differs from %s" %
                      (n, label, os.path.basename(name)))
                print("# got  %r" % out[:400])
                print("# want %r" % want[:400])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
