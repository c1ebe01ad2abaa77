"""The dondoc demo: a private Dovecot with the secretariat's Sieve script,
a handful of real-looking mails from member agencies delivered over LMTP,
and where each one landed. Run by scripts/demo.sh after the build."""

import email
import email.header
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "lib"))
from dovecot_harness import PrivateDovecot, builddir  # noqa: E402


def decoded(value):
    return str(email.header.make_header(email.header.decode_header(value or "")))


def main():
    with open(os.path.join(HERE, "foundation.sieve")) as f:
        script = f.read()
    mails = sorted(glob.glob(os.path.join(HERE, "mail", "*.eml")))
    dondoc = os.path.join(builddir(), "cli", "dondoc")
    print("dondoc demo: a private Dovecot, the secretariat's script "
          "(doc/examples/foundation.sieve), %d mails over LMTP\n" % len(mails))
    with PrivateDovecot(sieve_script=script) as dc:
        for path in mails:
            with open(path, "rb") as f:
                raw = f.read()
            msg = email.message_from_bytes(raw)
            code, text = dc.deliver(raw)
            found = subprocess.run([dondoc, "analyze", path], capture_output=True,
                                   text=True).stdout.splitlines()[1:]
            where = ", ".join(dc.where(msg["Message-ID"])) or "(not found!)"
            print("%-28s %s" % (os.path.basename(path), decoded(msg["Subject"])))
            print("    from      %s" % decoded(msg["From"]))
            print("    analysis  %s" % ("; ".join(s.strip() for s in found)
                                        or "no administrative document"))
            print("    LMTP      %d %s" % (code, text))
            print("    landed in %s\n" % where)
        print("Mailboxes of the secretariat: %s" % ", ".join(dc.mailboxes()))
    print("Server stopped.")


if __name__ == "__main__":
    main()
