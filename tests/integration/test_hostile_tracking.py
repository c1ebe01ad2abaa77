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


def main():
    tap = Tap()
    tap.run("another agency's signed address or thread: recorded unmatched, "
            "no move, no receipt", test_cross_agency)
    tap.done()


if __name__ == "__main__":
    main()
