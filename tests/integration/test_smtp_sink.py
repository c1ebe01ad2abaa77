# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The tests' own SMTP servers (tests/lib/smtp_sink.py, smtp_faults.py)
behave as a real MTA where the fault tests count on it: a client that
closes the connection mid-DATA leaves no message (RFC 5321: the mail is
taken only with the "." line). Raw sockets on loopback; trusts nothing
else. Prints TAP."""

import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402
from smtp_faults import FaultSmtp  # noqa: E402

MESSAGE = b"Message-ID: <m@x>\r\nSubject: t\r\n\r\nbody\r\n"


class Client:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.f = self.sock.makefile("rb")
        self.reply()

    def reply(self):
        while True:
            line = self.f.readline()
            assert line, "the server closed the connection"
            if line[3:4] != b"-":
                return int(line[:3])

    def cmd(self, line):
        self.sock.sendall(line + b"\r\n")
        return self.reply()

    def start_data(self):
        assert self.cmd(b"EHLO client.test") == 250
        assert self.cmd(b"MAIL FROM:<>") == 250
        assert self.cmd(b"RCPT TO:<a@b.test>") == 250
        assert self.cmd(b"DATA") == 354

    def close(self):
        self.f.close()
        self.sock.close()


def closed_mid_data(server, taken):
    """The header and half a body, then the connection closes: nothing."""
    c = Client(server.port)
    try:
        c.start_data()
        c.sock.sendall(MESSAGE[:30])
    finally:
        c.close()
    time.sleep(0.3)  # the server has seen the end of the connection
    assert taken() == [], taken()


def sink_closed_mid_data():
    sink = SmtpSink().start()
    try:
        closed_mid_data(sink, sink.take)
    finally:
        sink.stop()


def faults_closed_mid_data():
    fault = FaultSmtp("ok").start()
    try:
        closed_mid_data(fault, fault.message_ids)
    finally:
        fault.stop()


def main():
    tap = Tap()
    tap.run("smtp_sink: a connection closed mid-DATA leaves no message",
            sink_closed_mid_data)
    tap.run("smtp_faults: a connection closed mid-DATA leaves no message",
            faults_closed_mid_data)
    tap.done()


if __name__ == "__main__":
    main()
