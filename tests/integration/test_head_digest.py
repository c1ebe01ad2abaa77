# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration: one digest for the Head (dondoc_head_digest), the original
mail attached to escalations (dondoc_escalate_attach_max, never for MẬT),
and the chase ladder as settings, over real LMTP, a real store and a real
SMTP sink. The same June is played once with escalations mailed at once
(the "before" figure) and once with the weekly digest."""

import os
import sqlite3
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from tracking_env import TrackingServer, report, half_year_report  # noqa: E402

SXD = "vanphong@sxd.example.vn"
STTTT = "vanphong@stttt.example.vn"
CAT = "thuongtruc@cat.example.vn"
PQ = "vanthu@phuquoc.example.vn"
HEAD = "truongban@ubnd.example.vn"
# seven tasks long overdue at the end of the first half of June
OVERDUE = [("OD-%d" % i, agency) for i, agency in enumerate(
    ["STTTT", "SXD", "UBND-PQ", "CAT", "STTTT", "SXD", "UBND-PQ"], 1)]
FIGURES = {}


def to_head(sent):
    return [m for _, r, m in sent if r == ["<%s>" % HEAD]]


def plain(msg):
    return msg.get_body(("plain",)).get_content()


def attached(msg):
    return [p for p in msg.walk() if p.get_content_type() == "message/rfc822"]


def play_june(s):
    """Seven overdue tasks, a late report raising difficulties, a late
    classified report; then the sweep of Monday 15 June."""
    for code, agency in OVERDUE:
        s.add_task(code, agency, "Báo cáo tiến độ %s" % code, "2026-06-01")
    s.add_task("LATE-SXD", "SXD", "Báo cáo kết quả Đề án 06 6 tháng đầu năm",
               "2026-06-01", period="H:2026:1")
    s.add_task("LATE-CAT", "CAT", "Báo cáo an ninh dữ liệu 6 tháng",
               "2026-06-05", period="H:2026:1")
    body = half_year_report(45, "SỞ XÂY DỰNG", "BC-SXD", day=9,
                            difficulties="Thiếu kinh phí số hóa hồ sơ.")
    code, text = s.dc.deliver(report("late@sxd.example.vn", SXD, body),
                              mail_from=SXD)
    assert code == 250, text
    body = half_year_report(7, "CÔNG AN TỈNH", "BC-CAT", secrecy="MẬT",
                            difficulties="Đối tượng X tấn công hệ thống Y.")
    code, text = s.dc.deliver(report("secret@cat.example.vn", CAT, body),
                              mail_from=CAT)
    assert code == 250, text
    at_delivery = to_head(s.sent())
    res = s.cli("sweep", "--today", "2026-06-15", "--smtp",
                "127.0.0.1:%d" % s.sink.port)
    return at_delivery, to_head(s.sent()), res.stdout


def test_before(s):
    at_delivery, at_sweep, _ = play_june(s)
    # one mail per escalation: late + difficulties of SXD, late of CAT
    # (its difficulties too), and one per overdue task
    assert len(at_sweep) == 7, [m["Subject"] for m in at_sweep]
    FIGURES["before"] = (len(at_delivery), len(at_sweep),
                         sum(len(m.as_bytes()) for m in at_delivery + at_sweep))
    # the original attached, the classified one never
    late = [m for m in at_delivery if "LATE-SXD" in m["Subject"]]
    assert late and all(len(attached(m)) == 1 for m in late), late
    inner = attached(late[0])[0].get_payload()[0]
    assert inner["Message-ID"] == "<late@sxd.example.vn>", inner["Message-ID"]
    secret = [m for m in at_delivery if "LATE-CAT" in m["Subject"]]
    assert secret, [m["Subject"] for m in at_delivery]
    for m in secret:
        assert attached(m) == [] and "tấn công" not in m.as_string()
        assert "độ mật" in plain(m), plain(m)


def test_after(s):
    at_delivery, at_sweep, out = play_june(s)
    assert at_delivery == [], [m["Subject"] for m in at_delivery]
    assert len(at_sweep) == 1, [m["Subject"] for m in at_sweep]
    assert "1 digest(s) built" in out, out
    digest = at_sweep[0]
    text = plain(digest)
    for code, _ in OVERDUE + [("LATE-SXD", ""), ("LATE-CAT", "")]:
        assert "[%s]" % code in text, (code, text)
    # each item once: an overdue task is listed once
    assert text.count("[OD-3]") == 1, text
    assert "<late@sxd.example.vn>" in text and "<secret@cat.example.vn>" in text
    assert "Thiếu kinh phí" in text and "tấn công" not in digest.as_string()
    assert "tgv+od-1." in text.lower(), text
    # the one non-classified original, attached once for its two items
    parts = attached(digest)
    assert len(parts) == 1, len(parts)
    assert parts[0].get_payload()[0]["Message-ID"] == "<late@sxd.example.vn>"
    FIGURES["after"] = (len(at_delivery), len(at_sweep), len(digest.as_bytes()),
                        text.count("\n"))
    rows = s.query("SELECT period, recipient, items FROM head_digest")
    assert rows == [("weekly:2026-06-15", HEAD, 11)], rows
    # the same day again, and Tuesday: the week's digest is built
    for day in ("2026-06-15", "2026-06-16"):
        res = s.cli("sweep", "--today", day, "--smtp", "127.0.0.1:%d" % s.sink.port)
        assert "0 digest(s)" in res.stdout, res.stdout
        assert to_head(s.sent()) == []


def test_weekly_waits(s):
    # collected on Tuesday, mailed the next Monday, alone
    s.add_task("W-1", "SXD", "Báo cáo tuần", "2026-06-08")
    res = s.cli("sweep", "--today", "2026-06-16", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert "1 escalation(s) collected" in res.stdout and "0 digest(s)" in res.stdout, \
        res.stdout
    assert to_head(s.sent()) == []
    res = s.cli("sweep", "--today", "2026-06-22", "--smtp", "127.0.0.1:%d" % s.sink.port)
    head = to_head(s.sent())
    assert len(head) == 1 and "[W-1]" in plain(head[0]), res.stdout
    assert "[OD-1]" not in plain(head[0])


def test_daily_concurrent(s):
    s.dc.reconfigure(dondoc_head_digest="daily")
    s.add_task("D-1", "STTTT", "Báo cáo ngày", "2026-06-15")
    outs = []

    def sweep():
        outs.append(s.cli("sweep", "--today", "2026-06-23", "--smtp",
                          "127.0.0.1:%d" % s.sink.port).stdout)
    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    head = to_head(s.sent())
    assert len(head) == 1 and "[D-1]" in plain(head[0]), (outs, head)
    assert s.query("SELECT count(*) FROM head_digest WHERE period = "
                   "'daily:2026-06-23'") == [(1,)]
    # daily: the next working day has its own digest
    s.add_task("D-2", "STTTT", "Báo cáo ngày 2", "2026-06-16")
    s.cli("sweep", "--today", "2026-06-24", "--smtp", "127.0.0.1:%d" % s.sink.port)
    head = to_head(s.sent())
    assert len(head) == 1 and "[D-2]" in plain(head[0]) and "[D-1]" not in plain(head[0])


def test_failed_send_queued(s):
    s.add_task("F-1", "SXD", "Báo cáo gửi lỗi", "2026-06-17")
    # nobody listens on port 1: the digest is built and stays queued
    res = s.cli("sweep", "--today", "2026-06-25", "--smtp", "127.0.0.1:1")
    assert "1 digest(s) built" in res.stdout, res.stdout
    rows = s.query("SELECT state FROM outbox WHERE dedup_key = "
                   "'head-digest:daily:2026-06-25:%s'" % HEAD)
    assert rows == [("queued",)], rows
    res = s.cli("sweep", "--today", "2026-06-25", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert "0 digest(s)" in res.stdout
    assert to_head(s.sent()) == []
    res = s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    head = to_head(s.sent())
    assert len(head) == 1 and "[F-1]" in plain(head[0]), res.stdout
    s.cli("outbox", "send", "--smtp", "127.0.0.1:%d" % s.sink.port)
    assert to_head(s.sent()) == []


def test_policy_change_no_repeat(s):
    # escalated into a digest, then immediate: not mailed again
    s.dc.reconfigure(dondoc_head_digest="immediate")
    res = s.cli("sweep", "--today", "2026-06-26", "--smtp", "127.0.0.1:%d" % s.sink.port)
    head = to_head(s.sent())
    assert head == [], [m["Subject"] for m in head]
    s.dc.reconfigure(dondoc_head_digest="weekly")
    assert "0 escalation(s)" in res.stdout, res.stdout


def test_bounded_attachment(s):
    s.dc.reconfigure(dondoc_escalate_attach_max="4K")
    s.add_task("BIG-1", "STTTT", "Báo cáo dài", "2026-06-01", period="H:2026:1")
    body = half_year_report(99, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "BC-STTTT", day=9,
                            difficulties="Dài. " + "x" * 12000)
    big = report("big@stttt.example.vn", STTTT, body)
    assert len(big) > 12000
    code, text = s.dc.deliver(big, mail_from=STTTT)
    assert code == 250, text
    head = to_head(s.sent())
    assert head, "an escalation"
    for m in head:
        assert attached(m) == [], m["Subject"]
        assert "vượt giới hạn" in plain(m), plain(m)
        assert len(m.as_bytes()) < 12000, len(m.as_bytes())
    FIGURES["oversized"] = (len(big), max(len(m.as_bytes()) for m in head))
    # a small one within the same bound is attached
    s.add_task("SMALL-1", "UBND-PQ", "Báo cáo ngắn", "2026-06-01", period="H:2026:1")
    body = half_year_report(12, "UBND THÀNH PHỐ PHÚ QUỐC", "BC-UBND", day=9)
    small = report("small@phuquoc.example.vn", PQ, body)
    assert len(small) < 4096, len(small)
    code, _ = s.dc.deliver(small, mail_from=PQ)
    head = to_head(s.sent())
    assert len(head) == 1 and len(attached(head[0])) == 1, head
    FIGURES["small"] = (len(small), len(head[0].as_bytes()))
    s.dc.reconfigure(dondoc_escalate_attach_max="256K")


def ladder_days(s, code, days):
    got = []
    for day in days:
        s.cli("sweep", "--today", day, "--smtp", "127.0.0.1:%d" % s.sink.port)
        for _, r, m in s.sent():
            if "[%s]" % code in m["Subject"]:
                got.append((day, m["X-Dondoc-Generated"]))
    return got


def test_ladder(s):
    days = ["2026-06-%02d" % d for d in (8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22)]
    # the defaults: remind 2 working days before, chase the day after,
    # again every 3, the Head after 5
    s.add_task("LAD-A", "SXD", "Báo cáo thang mặc định", "2026-06-12")
    got = ladder_days(s, "LAD-A", days)
    assert got == [("2026-06-10", "reminder"), ("2026-06-15", "reminder"),
                   ("2026-06-18", "reminder"), ("2026-06-19", "escalate")], got
    s.dc.reconfigure(dondoc_remind_workdays="4", dondoc_chase_repeat_workdays="2",
                     dondoc_escalate_workdays="4")
    s.add_task("LAD-B", "SXD", "Báo cáo thang cấu hình", "2026-06-12")
    got = ladder_days(s, "LAD-B", days)
    assert got == [("2026-06-08", "reminder"), ("2026-06-15", "reminder"),
                   ("2026-06-17", "reminder"), ("2026-06-18", "escalate"),
                   ("2026-06-19", "reminder")], got
    # every step once: the same days again send nothing
    assert ladder_days(s, "LAD-B", days) == []
    s.dc.reconfigure(dondoc_remind_workdays="2", dondoc_chase_repeat_workdays="3",
                     dondoc_escalate_workdays="5")


# a literal :to that names nobody does not compile (tests/sieve): here
# it is built at run time
HOSTILE_TO = """require ["vnd.dondoc", "variables"];
set "to" "not an address";
if document {
    record;
    escalate :to "${to}" :reason "bad to";
    escalate :reason "nộp trễ ${dondoc.late_days}\r\nBcc: x@y.vn";
}
keep;
"""


def test_hostile_to(s):
    # a :to the store cannot keep is not collected, and the record and
    # the other escalation are still done (nothing fails the delivery)
    s.add_task("H-1", "SXD", "Báo cáo", "2026-06-01", period="H:2026:1")
    body = half_year_report(46, "SỞ XÂY DỰNG", "BC-SXD", day=9)
    code, text = s.dc.deliver(report("hostile@sxd.example.vn", SXD, body),
                              mail_from=SXD)
    assert code == 250, text
    assert s.submissions("<hostile@sxd.example.vn>"), s.dc.tail_log()
    rows = s.query("SELECT recipient, reason FROM head_digest_item")
    assert len(rows) == 1 and rows[0][0] == HEAD, rows
    assert "\r" not in rows[0][1] and "\n" not in rows[0][1], rows
    res = s.cli("sweep", "--today", "2026-06-15", "--smtp", "127.0.0.1:%d" % s.sink.port)
    head = to_head(s.sent())
    assert len(head) == 1 and head[0]["Bcc"] is None, res.stdout
    assert "[H-1]" in plain(head[0])


def main():
    tap = Tap()
    with TrackingServer() as s:
        tap.run("immediate: one mail per escalation, the original attached, "
                "never a MẬT one", test_before, s)
        tap.run("bounded attachment: an oversized original is not attached",
                test_bounded_attachment, s)
        tap.run("the chase ladder follows its settings, each step once",
                test_ladder, s)
    with TrackingServer(store_settings={"dondoc_head_digest": "weekly"}) as s:
        tap.run("weekly: the Head gets one digest where he got many mails",
                test_after, s)
        tap.run("weekly: collected midweek, mailed the next digest day",
                test_weekly_waits, s)
        tap.run("daily: one digest per working day, once under concurrent sweeps",
                test_daily_concurrent, s)
        tap.run("a failed digest send stays queued and goes later, once",
                test_failed_send_queued, s)
        tap.run("a digest's item is not mailed again after a switch to immediate",
                test_policy_change_no_repeat, s)
    with TrackingServer(script=HOSTILE_TO,
                        store_settings={"dondoc_head_digest": "weekly"}) as s:
        tap.run("a hostile :to or :reason cannot fail or inject the digest",
                test_hostile_to, s)
    if "before" in FIGURES and "after" in FIGURES:
        print("# the Head, June 1-15: immediate %d mails at delivery + %d at the "
              "sweep (%d bytes); weekly %d + %d: one digest of %d bytes, %d lines"
              % (FIGURES["before"] + FIGURES["after"]))
    for key in ("oversized", "small"):
        if key in FIGURES:
            print("# %s original %d bytes -> escalation %d bytes" % ((key,) + FIGURES[key]))
    tap.done()


if __name__ == "__main__":
    main()
