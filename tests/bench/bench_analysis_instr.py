#!/usr/bin/env python3
# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The analysis' own cost in instructions: for each corpus, the
instructions one message costs in dondoc's analysis and in Dovecot's bare
message-parser + message-decoder over the same bytes, counted by
callgrind (bench-analysis --count, collected only inside its
bench_counted()), so the figures do not depend on the machine's load.
The ratio bare/analysis is the share of the bare decode's throughput the
analysis reaches; the targets (issue 11 section 4): >= 80% on text mail
and on windows-1258 mail, each corpus counted on its own and the target
measured as the worst corpus of its set.

Corpora: plain, html-table, forwarded and windows-1258 from
tests/corpus, and two reports generated here: a 1 MB plain UTF-8 report
and a 256 kB windows-1258 one (tones as combining marks, as Windows
writes them).

Usage: bench_analysis_instr.py BENCH_ANALYSIS CORPUS_DIR
Needs valgrind. Trusts its arguments; writes only into a temporary
directory it removes."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

TARGET = 80.0
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

HEADER = (
    "From: =?utf-8?b?VsSDbiB0aMaw?= <vanthu@kiengiang.gov.vn>\n"
    "To: bcd06@kiengiang.gov.vn\n"
    "Subject: =?utf-8?b?QsOhbyBjw6FvIHRvw6BuIHbEg24=?=\n"
    "Message-ID: <report-{name}@bench.dondoc>\n"
    "Date: Mon, 4 Apr 2022 08:00:00 +0700\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset={charset}\n"
    "Content-Transfer-Encoding: 8bit\n\n")

HEAD = """UBND TỈNH KIÊN GIANG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ                                Độc lập - Tự do - Hạnh phúc
Số: 88/BC-SYT                Kiên Giang, ngày 2 tháng 7 năm 2023

                           BÁO CÁO
      Tình hình thực hiện Đề án 06 quý 2 năm 2023

Kính gửi: Ban Chỉ đạo Đề án 06 tỉnh.

I. KẾT QUẢ THỰC HIỆN
"""

LINES = [
    "{n}. Xã {n}: thu nhận {n}.210 hồ sơ cấp căn cước công dân, "
    "kích hoạt {n}.017 tài khoản định danh điện tử mức độ 2.",
    "Trong kỳ, đơn vị đã phối hợp với Công an huyện rà soát, làm sạch "
    "dữ liệu dân cư; tỷ lệ hồ sơ đạt yêu cầu tăng so với cùng kỳ.",
    "Các trường hợp chưa thu nhận được do đi làm ăn xa, người cao tuổi, "
    "ốm đau đã được lập danh sách để tổ chức thu nhận lưu động.",
]

TAIL = """
II. KHÓ KHĂN, VƯỚNG MẮC
Hạ tầng mạng cấp xã chưa đáp ứng yêu cầu kết nối.

III. KIẾN NGHỊ, ĐỀ XUẤT
Đề nghị Công an tỉnh hỗ trợ đồng bộ dữ liệu dân cư.

Nơi nhận:
- Như trên;
- Lưu: VT.
                                              GIÁM ĐỐC
"""


def report_text(size):
    out = [HEAD]
    used = len(HEAD.encode())
    n = 1
    while used < size:
        line = LINES[n % len(LINES)].format(n=n) + "\n"
        out.append(line)
        used += len(line.encode())
        n += 1
    out.append(TAIL)
    return "".join(out)


def to_cp1258(text):
    """Windows' form: vowel letters precomposed, tones combining."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in nfd if c not in TONES)
        tones = "".join(c for c in nfd if c in TONES)
        out += unicodedata.normalize("NFC", base).encode("cp1258")
        out += tones.encode("cp1258")
    return bytes(out)


def write_reports(tmp):
    text = report_text(1024 * 1024)
    plain = os.path.join(tmp, "report-1mb.eml")
    with open(plain, "wb") as f:
        f.write(HEADER.format(name="1mb", charset="utf-8").encode())
        f.write(text.encode())
    text = report_text(256 * 1024)
    cp = os.path.join(tmp, "report-cp1258.eml")
    with open(cp, "wb") as f:
        f.write(HEADER.format(name="cp1258",
                              charset="windows-1258").encode())
        f.write(to_cp1258(text))
    return plain, cp


def count(bench, mode, rounds, path, tmp):
    out = os.path.join(tmp, "callgrind.out")
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
         "--collect-atstart=no", "--toggle-collect=bench_counted",
         bench, "--count", mode, str(rounds), path],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out) as f:
        for line in f:
            m = re.match(r"(?:summary|totals): (\d+)", line)
            if m:
                os.unlink(out)
                return int(m.group(1)) / rounds
    raise SystemExit("no totals in callgrind output")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    bench, corpus = sys.argv[1:]
    if shutil.which("valgrind") is None:
        raise SystemExit("bench_analysis_instr: valgrind is not installed")
    tmp = tempfile.mkdtemp(prefix="dondoc-bench-instr-")
    try:
        report, report_cp = write_reports(tmp)
        sets = {
            "text": [os.path.join(corpus, n + ".eml") for n in
                     ("plain", "html-table", "forwarded")] + [report],
            "cp1258": [os.path.join(corpus, "windows-1258.eml"),
                       report_cp],
        }
        print("instructions per message (callgrind), analysis vs bare "
              "parse+decode")
        print("%-22s %9s %14s %14s %7s" % ("corpus", "bytes", "bare",
                                            "analysis", "ratio"))
        worst = {}
        for name, paths in sets.items():
            for path in paths:
                size = os.path.getsize(path)
                rounds = max(1, min(200, (4 << 20) // size))
                bare = count(bench, "bare", rounds, path, tmp)
                ana = count(bench, "analysis", rounds, path, tmp)
                ratio = bare / ana * 100
                print("%-22s %9d %14.0f %14.0f %6.1f%%" % (
                    os.path.basename(path)[:-4], size, bare, ana, ratio))
                worst[name] = min(worst.get(name, ratio), ratio)
        for name in sets:
            print("target analysis-%s: measured %.1f%% (want >= %.0f%%): %s"
                  % (name, worst[name], TARGET,
                     "met" if worst[name] >= TARGET else "NOT met"))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
