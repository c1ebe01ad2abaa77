#!/usr/bin/env python3
"""TAP test: every tests/corpus/NAME.eml and tests/corpus/committee/NAME.eml
(the committee's own documents) and tests/corpus/realtext/NAME.eml (text
as it really arrives: broken, flattened, table residue) analysed by `dondoc analyze --json` must
give exactly NAME.json (compared as parsed JSON; on a mismatch the
differing fields are printed as TAP comments)."""
import glob, json, os, subprocess, sys

src = os.environ.get("DONDOC_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
build = os.environ.get("DONDOC_BUILDDIR", src)
dondoc = os.path.join(build, "cli", "dondoc")
# PDF and .doc attachments: the helper as built, not as installed
extractor = os.path.join(build, "extract", "dondoc-extract")
corpus = os.path.join(src, "tests", "corpus")

def diff(path, a, b, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append("%s.%s: %s" % (path, k, "missing" if k not in a else "unexpected"))
            else:
                diff("%s.%s" % (path, k), a[k], b[k], out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff("%s[%d]" % (path, i), x, y, out)
    elif a != b:
        out.append("%s: got %s, expected %s" % (path, json.dumps(a, ensure_ascii=False),
                                                json.dumps(b, ensure_ascii=False)))

n = 0
failed = 0
for eml in (sorted(glob.glob(os.path.join(corpus, "*.eml"))) +
            sorted(glob.glob(os.path.join(corpus, "committee", "*.eml"))) +
            sorted(glob.glob(os.path.join(corpus, "realtext", "*.eml"))) +
            sorted(glob.glob(os.path.join(corpus, "wild", "*.eml")))):
    name = os.path.relpath(eml, corpus)[:-4]
    n += 1
    with open(eml[:-4] + ".json", encoding="utf-8") as f:
        expected = json.load(f)
    # cases without PDF or .doc attachments may leave out the empty list
    expected.setdefault("attachments", [])
    # and those that are no reply about attending a meeting, its null
    expected.setdefault("attendance_reply", None)
    p = subprocess.run([dondoc, "analyze", "--json", "--extractor", extractor, eml], capture_output=True, timeout=30)
    problems = []
    if p.returncode != 0:
        problems.append("exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace")))
    else:
        got = json.loads(p.stdout.decode())
        diff("", got, expected, problems)
    if problems:
        failed += 1
        print("not ok %d - corpus %s" % (n, name))
        for line in problems:
            print("# " + line)
    else:
        print("ok %d - corpus %s" % (n, name))
print("1..%d" % n)
sys.exit(0)
