# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Integration, over real LMTP with the secretariat script: a verified
member of one agency answering another agency's task (its signed reply
address, its thread) moves nothing and is confirmed nothing; message-ids
that are too long or carry control characters are ignored as bad input,
never spooled as an outage; a store outage at delivery loses no receipt
once the spool is replayed. The cases are in tests/lib/fault_cases.py,
shared with tests/fault-matrix.py."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
import fault_cases  # noqa: E402


def public(c):
    return {k: v for k, v in c.items() if not k.startswith("_")}


def test_cross_agency():
    c = fault_cases.case_cross_agency()
    assert c["_receipt_ids"], "SXD's own report was confirmed"
    assert c["wrong acts"] == 0, (public(c), c["_tasks"], c["_folders"])
    assert c["lost"] == 0 and c["delivered"] == 3, public(c)
    # Both recorded, against no task, and set aside for a human.
    own, by_addr, by_thread = c["_tasks"]
    assert own == [("DA06-2026-103",)], own
    assert by_addr == [(None,)] and by_thread == [(None,)], c["_tasks"]
    assert c["_folders"][1] == ["Chưa khớp nhiệm vụ"], c["_folders"]
    assert c["_folders"][2] == ["Chưa khớp nhiệm vụ"], c["_folders"]


def test_long_ids():
    c = fault_cases.case_long_ids(4)
    assert c["_spooled"] == [], (c["_spooled"], c["_log"][-3000:])
    assert {k: c[k] for k in ("delivered", "lost", "recorded twice",
                              "receipts twice", "receipts lost",
                              "wrong acts")} == \
        {"delivered": 4, "lost": 0, "recorded twice": 0, "receipts twice": 0,
         "receipts lost": 0, "wrong acts": 0}, public(c)
    # Its own Message-ID unusable: filed as one without, not recorded.
    assert c["_bad_own_code"] == [250], c["_bad_own_code"]
    assert len(c["_bad_own_folders"]) == 1, c["_bad_own_folders"]
    assert "store unavailable" not in c["_log"], c["_log"][-3000:]


def test_spool_bounds():
    r = fault_cases.case_spool_bounds()
    # 3 entries a delivery (record, confirm, escalate), 6 per sender.
    assert r["codes"] == [250, 250, 451, 451], (r["codes"], r["log"][-2000:])
    assert r["big"] == 451, (r["big"], r["big_size"])
    assert len(r["entries"]) == 6, r["entries"]


def test_quarantine():
    c = fault_cases.case_quarantine()
    rc, out, err = c["_replay"]
    assert rc == 0, c["_replay"]
    assert "3 replayed, 0 left, 2 quarantined" in out, c["_replay"]
    assert c["_left"] == [], c["_left"]
    assert sorted(n.rsplit(".", 1)[1] for n in c["_quarantine"]) == \
        ["eml", "meta", "meta", "why", "why"], c["_quarantine"]
    assert c["_again"][0] == 0 and "0 replayed, 0 left, 0 quarantined" in \
        c["_again"][1], c["_again"]
    assert c["lost"] == 0 and c["receipts lost"] == 0, public(c)


def test_outage_receipts():
    c = fault_cases.case_store_outage(10)
    got = {k: c[k] for k in ("delivered", "lost", "recorded twice",
                             "receipts twice", "receipts lost", "wrong acts")}
    assert got == {"delivered": 10, "lost": 0, "recorded twice": 0,
                   "receipts twice": 0, "receipts lost": 0,
                   "wrong acts": 0}, (got, c["_replay"])


def main():
    tap = Tap()
    tap.run("another agency's signed address or thread: recorded unmatched, "
            "no move, no receipt", test_cross_agency)
    tap.run("ids over 998 bytes or with controls: ignored, matched on the "
            "rest, never spooled", test_long_ids)
    tap.run("spool bounded per sender and in size: 4xx beyond",
            test_spool_bounds)
    tap.run("replay moves what it can never apply to quarantine/, exits 0",
            test_quarantine)
    tap.run("store outage at delivery: after replay every receipt is sent "
            "once", test_outage_receipts)
    tap.done()


if __name__ == "__main__":
    main()
