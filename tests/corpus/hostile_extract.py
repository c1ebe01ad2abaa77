#!/usr/bin/python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""TAP test: hostile PDF and .doc attachments, generated here at test time,
cost at most the extractor's limits, give a partial result with a reason,
and the rest of the message is still analysed (its body's document is
found). Also: the extractor absent, disabled, killed mid-work by someone
else (SIGKILL to its PID), and a helper that dies in the middle of its
output. Each case prints its wall time and the peak RSS of the largest
process (the `dondoc analyze` child or the extractor and the tool it runs:
os.wait4's rusage covers the waited-for descendants)."""
import base64, json, os, resource, signal, subprocess, sys, tempfile, time, zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tap import Tap  # noqa: E402

build = os.environ.get("DONDOC_BUILDDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
dondoc = os.path.join(build, "cli", "dondoc")
extractor = os.path.join(build, "extract", "dondoc-extract")
BODY = "Số: 17/BC-BCĐ\nBÁO CÁO\nKết quả quý I năm 2022\n"
# the limits the cases run under (short, to keep the test quick)
CPU_SECS, WALL_MSECS, MEMORY = 2, 4000, 256 * 1024 * 1024
MAX_RSS_KB = 300 * 1024


def pdf(objects, root=1):
    """A PDF from its objects (bytes, numbered from 1), with a right xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, root, xref))
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page_pdf(content, resources=b"<< /Font << /F1 4 0 R >> >>", extra_objects=(),
             content_extra=b""):
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                b"/Contents 5 0 R /Resources " + resources + b" >>",
                FONT, stream(content, content_extra)] + list(extra_objects))


def deep_nesting():
    # 200,000 nested arrays in the page's resources
    deep = b"[" * 200000 + b"]" * 200000
    return page_pdf(b"BT /F1 12 Tf 72 700 Td (Deep) Tj ET",
                    resources=b"<< /Font << /F1 4 0 R >> /Deep " + deep + b" >>")


def huge_stream():
    # 12 MB of text operators: more text than the output budget
    line = b"BT /F1 10 Tf 72 700 Td (So: 17/BC-BCD BAO CAO ket qua quy I) Tj ET\n"
    return page_pdf(line * (12 * 1024 * 1024 // len(line)))


def decompression_bomb():
    # a 600 KB Flate stream that inflates to 600 MB of spaces
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(comp.compress(chunk) for _ in range(600)) + comp.flush()
    return page_pdf(data, content_extra=b"/Filter /FlateDecode ")


def endless_content():
    # form XObjects drawing each other ten times, 30 levels deep: 10^30
    # drawing operations, a content stream that never ends
    n = 30
    objects = []
    first = 6
    for level in range(n):
        res = (b"<< /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >>" % (first + level + 1)
               if level + 1 < n else b"<< /Font << /F1 4 0 R >> >>")
        body = (b"/X Do " * 10) if level + 1 < n else b"BT /F1 1 Tf (x) Tj ET"
        objects.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                              b"/Resources " + res + b" "))
    return page_pdf(b"BT /F1 12 Tf 72 700 Td (Before) Tj ET /X Do",
                    resources=b"<< /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >>" % first,
                    extra_objects=objects)


def huge_string():
    # one 200 MB string literal (inflated from a small stream) in the
    # page's content: the tool's memory, not the analysis's
    comp = zlib.compressobj(9)
    data = comp.compress(b"BT /F1 12 Tf (") + b"".join(
        comp.compress(b"A" * (1024 * 1024)) for _ in range(200)) + comp.compress(b") Tj ET") + comp.flush()
    return page_pdf(data, content_extra=b"/Filter /FlateDecode ")


def broken_doc():
    # the OLE2 signature, then garbage
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(64 * 1024)


def truncated_doc():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "doc-word97.eml"), "rb") as f:
        raw = f.read()
    import email
    msg = email.message_from_bytes(raw)
    for part in msg.walk():
        if part.get_filename():
            data = part.get_payload(decode=True)
            return data[:len(data) // 3]
    raise AssertionError("no .doc in doc-word97.eml")


def eml(data, name, ctype="application/pdf"):
    enc = base64.encodebytes(data)
    return (b"From: a@b.vn\nSubject: hostile\nMessage-ID: <hostile@x>\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
            b"Content-Type: text/plain; charset=utf-8\n\n" + BODY.encode() +
            b"--b\nContent-Type: " + ctype.encode() + b"; name=" + name.encode() + b"\n"
            b"Content-Transfer-Encoding: base64\n\n" + enc + b"--b--\n")


def analyze(tmp, message, extractor_path=extractor, on_start=None, memory=MEMORY):
    path = os.path.join(tmp, "m.eml")
    with open(path, "wb") as f:
        f.write(message)
    cmd = [dondoc, "analyze", "--json", "--extractor", extractor_path,
           "--extract-cpu-secs", str(CPU_SECS), "--extract-msecs", str(WALL_MSECS),
           "--extract-memory", str(memory), path]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if on_start is not None:
        on_start(p.pid)
    out, err = p.communicate(timeout=60)
    secs = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert p.returncode == 0, err
    return json.loads(out), secs, rss


def check(result, reason_part, extraction="partial"):
    # the body's document is found whatever happened to the attachment
    assert any(d["source"] == "body" and d["number"] == "17" for d in result["documents"]), result
    att = result["attachments"][0]
    assert att["extraction"] == extraction, att
    if reason_part is not None:
        assert att["reason"] is not None and reason_part in att["reason"], att
        assert att["reason"] in result["warnings"], result


def children_of(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def main():
    t = Tap()
    limit_secs = WALL_MSECS / 1000.0 + 3

    def case(name, make, ctype, reason_part, extraction="partial", fname="x.pdf"):
        def body():
            with tempfile.TemporaryDirectory() as tmp:
                result, secs, rss = analyze(tmp, eml(make(), fname, ctype))
                print("# %s: %.2f s, peak RSS %d kB, %s: %s" % (
                    name, secs, rss, result["attachments"][0]["extraction"],
                    result["attachments"][0]["reason"]))
                check(result, reason_part, extraction)
                assert secs < limit_secs, "took %.1f s" % secs
                assert rss < MAX_RSS_KB, "peak RSS %d kB" % rss
        t.run("hostile " + name, body)

    # each runs in its own process so that RUSAGE_CHILDREN is its own
    which = sys.argv[1] if len(sys.argv) > 1 else None
    cases = [
        ("PDF 200k-deep nesting", deep_nesting, "application/pdf", None, None),
        ("PDF 12 MB content stream", huge_stream, "application/pdf", "limit", "partial"),
        ("PDF decompression bomb (600 MB)", decompression_bomb, "application/pdf", None, None),
        ("PDF endless content stream", endless_content, "application/pdf", "limit", "partial"),
        ("PDF 200 MB string", huge_string, "application/pdf", None, None),
        ("doc garbage after OLE2 magic", broken_doc, "application/msword", "not a readable Word document", "partial"),
        ("doc cut to a third", truncated_doc, "application/msword", None, None),
    ]
    if which is None:
        # one child process per case: its own peak RSS
        for i, c in enumerate(cases):
            p = subprocess.run([sys.executable, __file__, str(i)], capture_output=True, text=True,
                               timeout=120)
            t.n += 1
            lines = [l for l in p.stdout.splitlines() if l.startswith("#")]
            ok = any(l.startswith("ok ") for l in p.stdout.splitlines()) and p.returncode == 0
            print("%s %d - hostile %s" % ("ok" if ok else "not ok", t.n, c[0]))
            if ok:
                for l in lines:
                    print(l)
            else:
                t.failed += 1
                for l in (p.stdout + p.stderr).splitlines():
                    print("# " + l)
        run_others(t)
        t.done()
    else:
        name, make, ctype, reason, extraction = cases[int(which)]
        fname = "x.doc" if ctype == "application/msword" else "x.pdf"
        if extraction is None:
            # a partial result or a complete one: either is fine, within limits
            def body():
                with tempfile.TemporaryDirectory() as tmp:
                    result, secs, rss = analyze(tmp, eml(make(), fname, ctype))
                    att = result["attachments"][0]
                    print("# %s: %.2f s, peak RSS %d kB, %s: %s" % (
                        name, secs, rss, att["extraction"], att["reason"]))
                    check(result, None, att["extraction"])
                    assert att["extraction"] in ("ok", "partial"), att
                    assert att["extraction"] == "ok" or att["reason"] in result["warnings"], result
                    assert secs < limit_secs, "took %.1f s" % secs
                    assert rss < MAX_RSS_KB, "peak RSS %d kB" % rss
            t.run("hostile " + name, body)
        else:
            case(name, make, ctype, reason, extraction, fname)
        sys.exit(0 if t.failed == 0 else 1)


def run_others(t):
    plain = eml(page_pdf(b"BT /F1 12 Tf 72 700 Td (Plain) Tj ET"), "x.pdf")

    def absent():
        with tempfile.TemporaryDirectory() as tmp:
            result, _, _ = analyze(tmp, plain, extractor_path="/nonexistent/dondoc-extract")
            check(result, "extractor not installed", "unavailable")

    def disabled():
        with tempfile.TemporaryDirectory() as tmp:
            result, _, _ = analyze(tmp, plain, extractor_path="")
            check(result, "extractor disabled", "unavailable")

    def killed_by_someone():
        # the endless PDF; once the extractor runs, SIGKILL it by PID
        seen = []

        def kill_it(pid):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not seen:
                for child in children_of(pid):
                    try:
                        with open("/proc/%d/comm" % child) as f:
                            if f.read().strip() == "dondoc-extract":
                                grandchildren = children_of(child)
                                time.sleep(0.3)
                                os.kill(child, signal.SIGKILL)
                                seen.append((child, grandchildren))
                    except OSError:
                        pass
                time.sleep(0.02)
        with tempfile.TemporaryDirectory() as tmp:
            start = time.monotonic()
            result, secs, _ = analyze(tmp, eml(endless_content(), "x.pdf"), on_start=kill_it)
            assert seen, "the extractor was never seen running"
            print("# killed %d after 0.3 s; analysis done in %.2f s" % (seen[0][0], secs))
            check(result, "extractor killed", "partial")
            assert secs < WALL_MSECS / 1000.0, "waited for the wall-clock limit: %.1f s" % secs
            # the tool it ran (pdftotext) went with it
            for pid in seen[0][1]:
                assert not os.path.exists("/proc/%d" % pid) or \
                    open("/proc/%d/stat" % pid).read().split()[2] == "Z", "pdftotext %d survived" % pid

    def dies_mid_output():
        # a stand-in helper (exec'd the same way) that writes half a
        # record of text and kills itself
        with tempfile.TemporaryDirectory() as tmp:
            fake = os.path.join(tmp, "fake-extract")
            with open(fake, "w") as f:
                f.write("#!/usr/bin/python3\nimport os, sys\n"
                        "sys.stdout.buffer.write('I 7\\npages=1\\nT 400\\n"
                        "Số: 9/BC-UBND\\nBÁO CÁO\\nKết quả'.encode())\n"
                        "sys.stdout.flush()\nos.kill(os.getpid(), 9)\n")
            os.chmod(fake, 0o755)
            result, _, _ = analyze(tmp, plain, extractor_path=fake)
            check(result, "extractor killed", "partial")
            # what came before the cut is still read
            assert any(d["source"] == "attachment:x.pdf" and d["number"] == "9"
                       for d in result["documents"]), result

    def memory_limit():
        # an address space too small for the tool: the limit is applied,
        # and costs the delivery nothing but the reason
        with tempfile.TemporaryDirectory() as tmp:
            result, secs, _ = analyze(tmp, plain, memory=8 * 1024 * 1024)
            att = result["attachments"][0]
            print("# 8 MB address space: %.2f s, %s: %s" % (secs, att["extraction"], att["reason"]))
            check(result, None, "partial")
            assert att["reason"] in result["warnings"], result

    t.run("extractor absent: analysed without it, and says so", absent)
    t.run("extractor under an 8 MB RLIMIT_AS: partial with a reason", memory_limit)
    t.run("extractor disabled (dondoc_extractor = none)", disabled)
    t.run("extractor killed mid-work by SIGKILL: partial, at once", killed_by_someone)
    t.run("extractor dies in the middle of a record: partial text kept", dies_mid_output)


if __name__ == "__main__":
    main()
