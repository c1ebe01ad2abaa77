# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""The tests' own SMTP servers (tests/lib/smtp_sink.py, smtp_faults.py)
behave as a real MTA where the fault tests count on it: a client that
closes the connection mid-DATA leaves no message (RFC 5321: the mail is
taken only with the "." line), and a message whose 250 its client may
never have read (the connection ended right after that 250, without QUIT)
is listed apart, so that the fault matrix can tell the outbox's
documented at-least-once window from a real duplicate
(fault_cases.split_twice()). Raw sockets on loopback; trusts nothing
else. Prints TAP."""

import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from tap import Tap  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402
from smtp_faults import FaultSmtp  # noqa: E402
import fault_cases  # noqa: E402

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


def wait_for(pred, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline and not pred():
        time.sleep(0.02)
    return pred()


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
        assert sink.take_unconfirmed() == []
    finally:
        sink.stop()


def faults_closed_mid_data():
    fault = FaultSmtp("ok").start()
    try:
        closed_mid_data(fault, fault.message_ids)
    finally:
        fault.stop()


def sink_acknowledged():
    """QUIT after the 250: kept, confirmed. The 250 read, then the
    connection ends without QUIT, or the "." sent and the connection ends
    before the reply is read: kept, and listed unconfirmed."""
    sink = SmtpSink().start()
    try:
        c = Client(sink.port)
        c.start_data()
        assert c.cmd(MESSAGE + b".") == 250
        assert c.cmd(b"QUIT") == 221
        c.close()
        assert wait_for(lambda: len(sink.messages) == 1)
        time.sleep(0.3)
        assert sink.take_unconfirmed() == []
        for read_reply in (True, False):
            c = Client(sink.port)
            c.start_data()
            c.sock.sendall(MESSAGE + b".\r\n")
            if read_reply:
                assert c.reply() == 250
            c.close()
            assert wait_for(lambda: len(sink.unconfirmed) == 1), read_reply
            assert sink.take_unconfirmed() == [MESSAGE]
        # a command after the 250: the client read it and lived
        c = Client(sink.port)
        c.start_data()
        assert c.cmd(MESSAGE + b".") == 250
        assert c.cmd(b"RSET") == 250
        c.close()
        time.sleep(0.3)
        assert sink.take_unconfirmed() == []
        assert len(sink.take()) == 4
    finally:
        sink.stop()


def twice_split():
    """A second receipt is allowed only while an unconfirmed one explains
    it; every other duplicate stays "receipts twice"."""
    assert fault_cases.split_twice(0, 0) == (0, 0)
    assert fault_cases.split_twice(1, 0) == (0, 0)
    assert fault_cases.split_twice(1, 1) == (0, 0)
    assert fault_cases.split_twice(2, 0) == (1, 0)
    assert fault_cases.split_twice(2, 1) == (0, 1)
    assert fault_cases.split_twice(3, 1) == (1, 1)
    assert fault_cases.split_twice(3, 2) == (0, 2)
    assert "twice in window" in fault_cases.ALLOWED
    assert "receipts twice" not in fault_cases.ALLOWED


def main():
    tap = Tap()
    tap.run("smtp_sink: a connection closed mid-DATA leaves no message",
            sink_closed_mid_data)
    tap.run("smtp_faults: a connection closed mid-DATA leaves no message",
            faults_closed_mid_data)
    tap.run("smtp_sink: a 250 its client may not have read is listed "
            "unconfirmed, a QUIT or another command after it is not",
            sink_acknowledged)
    tap.run("fault matrix: a duplicate receipt is allowed only in the "
            "at-least-once window", twice_split)
    tap.done()


if __name__ == "__main__":
    main()
