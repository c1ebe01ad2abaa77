# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The layout is the architecture: checks that it holds.

- Every dondoc header a file includes lives in its own folder or in a
  stage below it (calendar < analysis, store < tracking < adapters);
  lib/ never includes an adapter's header.
- No circle among dondoc's headers or among the folders.
- No source file over the size limit unless listed here with the reason
  it reads better whole.
Reads the source tree only (DONDOC_SRCDIR)."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from tap import Tap  # noqa: E402

SRC = os.environ.get("DONDOC_SRCDIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..")

# Which folders each folder may include from (besides itself).
ALLOWED = {
    "lib/calendar": set(),
    "lib/analysis": set(),
    "lib/store": {"lib/calendar"},
    "lib/tracking": {"lib/calendar", "lib/analysis", "lib/store"},
}
ADAPTERS = ("sieve", "cli", "plugin", "extract", "chart")
LIB = tuple(ALLOWED)
MAX_LINES = 800
# One concept each, read better whole.
WHOLE = {
    # the store's front: argument validation and backend dispatch for
    # every entity, one wrapper per vfunc
    "lib/store/dondoc-store.c": 900,
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources():
    for top in LIB + ADAPTERS:
        d = os.path.join(SRC, top)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                yield top, os.path.join(top, name)


def header_folders():
    where = {}
    for folder, path in sources():
        if path.endswith(".h"):
            where[os.path.basename(path)] = folder
    return where


def includes(path):
    with open(os.path.join(SRC, path), errors="replace") as f:
        return INCLUDE.findall(f.read())


def test_layering():
    where = header_folders()
    bad = []
    for folder, path in sources():
        for inc in includes(path):
            dep = where.get(inc)
            if dep is None or dep == folder:
                continue
            if folder in ADAPTERS:
                if dep in ADAPTERS:
                    bad.append("%s includes another adapter's %s" % (path, inc))
                continue
            if dep in ADAPTERS:
                bad.append("%s (lib) includes adapter header %s" % (path, inc))
            elif dep not in ALLOWED[folder]:
                bad.append("%s includes %s from %s: runs back up" % (path, inc, dep))
    assert not bad, "\n".join(bad)


def test_no_header_cycle():
    where = header_folders()
    paths = {os.path.basename(p): p for _, p in sources() if p.endswith(".h")}
    graph = {h: [i for i in includes(p) if i in where] for h, p in paths.items()}
    state = {}
    cycle = []

    def visit(node, stack):
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif state.get(nxt) is None:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for h in sorted(graph):
        if state.get(h) is None:
            visit(h, [h])
    assert not cycle, "\n".join(cycle)


def test_file_sizes():
    big = []
    for _, path in sources():
        with open(os.path.join(SRC, path), errors="replace") as f:
            n = sum(1 for _ in f)
        limit = WHOLE.get(path, MAX_LINES)
        if n > limit:
            big.append("%s: %d lines (limit %d)" % (path, n, limit))
    assert not big, "\n".join(big)


COPYRIGHT = "Copyright (c) 2026 dondoc authors, see the included COPYING file"


def test_copyright():
    """Every C file of the stages, adapters and unit tests opens with the
    licence's one line, as Dovecot's and Pigeonhole's do."""
    missing = []
    paths = [path for _, path in sources()]
    unit = os.path.join(SRC, "tests", "unit")
    paths += [os.path.join("tests", "unit", n) for n in sorted(os.listdir(unit))
              if n.endswith((".c", ".h"))]
    for path in paths:
        with open(os.path.join(SRC, path), errors="replace") as f:
            head = "".join(f.readline() for _ in range(3))
        if COPYRIGHT not in head:
            missing.append(path)
    assert not missing, "no copyright line: %s" % missing


def test_one_fragment_per_folder():
    missing = [top for top in LIB + ADAPTERS
               if os.path.isdir(os.path.join(SRC, top)) and
               not os.path.isfile(os.path.join(SRC, top, "Makefile.inc"))]
    assert not missing, missing
    with open(os.path.join(SRC, "Makefile.am")) as f:
        am = f.read()
    for top in LIB + ADAPTERS:
        if os.path.isdir(os.path.join(SRC, top)):
            assert "include %s/Makefile.inc" % top in am, top


def test_version_neutral_calls():
    """Dovecot 2.4 changed str_begins() to three arguments and renamed
    settings_get_size(): the code calls str_begins_with() and
    dondoc_parse_size(), which lib/dondoc-compat.h maps, so that it builds
    on both."""
    calls = re.compile(r"\bstr_begins\(|\bsettings_get_size\(")
    bad = []
    paths = [path for _, path in sources()]
    unit = os.path.join(SRC, "tests", "unit")
    paths += [os.path.join("tests", "unit", n) for n in sorted(os.listdir(unit))
              if n.endswith((".c", ".h"))]
    for path in paths:
        with open(os.path.join(SRC, path), errors="replace") as f:
            for n, line in enumerate(f, 1):
                if calls.search(line):
                    bad.append("%s:%d" % (path, n))
    assert not bad, ("str_begins( or settings_get_size( (use str_begins_with, "
                     "dondoc_parse_size): %s" % bad)


def main():
    tap = Tap()
    tap.run("every include stays in its stage or runs downwards", test_layering)
    tap.run("no circle among the headers", test_no_header_cycle)
    tap.run("no source file over %d lines unless read whole" % MAX_LINES,
            test_file_sizes)
    tap.run("one build fragment per folder, each included", test_one_fragment_per_folder)
    tap.run("every C file opens with the copyright line", test_copyright)
    tap.run("no str_begins( nor settings_get_size( call: 2.4 changed them",
            test_version_neutral_calls)
    tap.done()


if __name__ == "__main__":
    main()
