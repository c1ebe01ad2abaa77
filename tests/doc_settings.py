# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""Every setting the code reads is documented: each "dondoc_NAME" string
in the C sources (lib/, sieve/, cli/, plugin/) appears in the settings
table of doc/sieve-vnd-dondoc.md and, commented with its default, in the
administrator's doc/conf.d/90-sieve-dondoc.conf."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
from dovecot_harness import srcdir  # noqa: E402
from tap import Tap  # noqa: E402

SETTING = re.compile(r'"(dondoc_[a-z0-9_]+)"')
# old names still read, with a warning; documented beside the new one
DEPRECATED = {"dondoc_secret"}


def event_names():
    """Event and field names (doc/events.md): strings, not settings."""
    with open(os.path.join(srcdir(), "doc", "events.md")) as f:
        return set(re.findall(r"`(dondoc_[a-z0-9_]+)`", f.read()))


def settings_read():
    names = set()
    for top in ("lib", "sieve", "cli", "plugin"):
        for root, _, files in os.walk(os.path.join(srcdir(), top)):
            for name in files:
                if name.endswith(".c"):
                    with open(os.path.join(root, name), errors="replace") as f:
                        names.update(SETTING.findall(f.read()))
    return names - event_names()


def test_spec(names):
    with open(os.path.join(srcdir(), "doc", "sieve-vnd-dondoc.md")) as f:
        spec = f.read()
    missing = sorted(n for n in names if not re.search(r"\b%s\b" % n, spec))
    assert not missing, "not in doc/sieve-vnd-dondoc.md: %s" % missing


def test_conf(names):
    with open(os.path.join(srcdir(), "doc", "conf.d", "90-sieve-dondoc.conf")) as f:
        conf = f.read()
    missing = sorted(n for n in names - DEPRECATED
                     if not re.search(r"^\s*#%s =" % n, conf, re.M))
    assert not missing, "not in doc/conf.d/90-sieve-dondoc.conf: %s" % missing


def test_declared(names):
    """Dovecot 2.4 rejects a setting it was not told of: every setting
    read is declared in lib/tracking/dondoc-settings-defs.c, and nothing
    else is."""
    path = os.path.join(srcdir(), "lib", "tracking", "dondoc-settings-defs.c")
    with open(path) as f:
        text = f.read()
    block = re.search(r"#define DONDOC_SETTINGS\([^)]*\)(.*?)\n\n", text, re.S)
    assert block, "no DONDOC_SETTINGS list in %s" % path
    declared = {"dondoc_" + n for n in re.findall(
        r"\b(?:STR|UINT|SIZE|AUTO|ENUM)\(\s*([a-z0-9_]+)", block.group(1))}
    assert declared == names, "read, not declared: %s; declared, not read: %s" % (
        sorted(names - declared), sorted(declared - names))


def main():
    tap = Tap()
    names = settings_read()
    assert len(names) > 10, names
    tap.run("every setting is in the specification's table", test_spec, names)
    tap.run("every setting is in the commented conf.d file", test_conf, names)
    tap.run("every setting is declared for Dovecot 2.4", test_declared, names)
    tap.done()


if __name__ == "__main__":
    main()
