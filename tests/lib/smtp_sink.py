# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""A small SMTP sink on loopback for tests: accepts every message and keeps
(mail_from, rcpts, data) in memory. It can be stopped and started again on
the same port, to play an SMTP server that is down and comes back.

As a real MTA, it keeps a message only once its DATA ended with "."; a
client that closes the connection mid-DATA leaves nothing. A message
whose 250 the client may never have read (the connection ended, without
QUIT or any other command, right after that 250: the client died
between its "." and the reply) is also listed in `unconfirmed`
(take_unconfirmed()): its sender cannot know it went out and may send
it again (the outbox's documented at-least-once window)."""

import socket
import socketserver
import threading


def read_data(rfile):
    """The message of a DATA command, dot-unstuffed, up to its "." line;
    None when the connection ends (or fails) before that line."""
    data = bytearray()
    while True:
        try:
            chunk = rfile.readline(1 << 20)
        except OSError:
            return None
        if not chunk:
            return None
        if chunk in (b".\r\n", b".\n"):
            return bytes(data)
        if chunk.startswith(b".."):
            chunk = chunk[1:]
        data += chunk


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        sink = self.server.sink
        self.reply("220 sink.test ESMTP")
        mail_from, rcpts = None, []
        # the message acknowledged last, until the client's next command
        last = None
        while True:
            try:
                raw = self.rfile.readline(4096)
            except OSError:
                raw = b""
            if not raw:
                if last is not None:
                    with sink.lock:
                        sink.unconfirmed.append(last)
                return
            last = None
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            cmd = line[:4].upper()
            if cmd in ("EHLO", "HELO"):
                self.reply("250-sink.test\r\n250-8BITMIME\r\n250 SIZE 100000000")
            elif cmd == "MAIL":
                mail_from, rcpts = line[10:].strip().split(" ")[0], []
                self.reply("250 ok")
            elif cmd == "RCPT":
                rcpts.append(line[8:].strip())
                self.reply("250 ok")
            elif cmd == "DATA":
                self.reply("354 go ahead")
                data = read_data(self.rfile)
                if data is None:
                    return  # closed mid-DATA: nothing was sent
                with sink.lock:
                    sink.messages.append((mail_from, list(rcpts), data))
                last = data
                if sink.before_250 is not None:
                    # a test's fault between the message taken and the
                    # client's reading of it
                    sink.before_250(data)
                try:
                    self.reply("250 queued")
                except OSError:
                    with sink.lock:
                        sink.unconfirmed.append(last)
                    return
            elif cmd == "RSET":
                mail_from, rcpts = None, []
                self.reply("250 ok")
            elif cmd == "NOOP":
                self.reply("250 ok")
            elif cmd == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 unknown")


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, port=0):
        self.port = port
        self.messages = []
        self.unconfirmed = []
        self.lock = threading.Lock()
        self.server = None
        # called with each message's data before its 250 is written
        self.before_250 = None

    def start(self):
        self.server = _Server(("127.0.0.1", self.port), _Handler)
        self.server.sink = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def take(self):
        with self.lock:
            msgs, self.messages = self.messages, []
        return msgs

    def take_unconfirmed(self):
        """The data of the messages whose 250 the client may not have
        read (see the module's comment), since the last call."""
        with self.lock:
            msgs, self.unconfirmed = self.unconfirmed, []
        return msgs


def reserve_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
