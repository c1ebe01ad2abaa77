# Copyright (c) 2026 dondoc authors, see the included COPYING file
"""An SMTP server on loopback for fault tests, started and stopped by the
test (threads in the test's own process, no external program). Its mode
can be changed while it runs:

  ok     a sink: accepts every message, keeps (mail_from, rcpts, data) of
         each message it acknowledged with 250
  stall  accepts the TCP connection and never says anything (the greeting
         never comes)
  drop   greets, then closes the connection at `drop_at` ("greeting":
         right away, "rcpt": at RCPT, "data": after reading the whole
         message, before the 250 that would acknowledge it)

A client that closes the connection mid-DATA leaves nothing, as with a
real MTA. `on_data`, when set, is called with the message's bytes after it is read
and before the 250 that acknowledges it (a test's hook, e.g. to lock the
store at that very moment).

`drops` counts connections dropped, `stalled` connections left hanging;
only acknowledged messages are in `messages`: the client cannot know a
dropped message arrived, so counting those as sent would be wrong."""

import socket
import socketserver
import threading

from smtp_sink import read_data


class _Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        srv = self.server.faults
        mode = srv.mode
        with srv.lock:
            srv.connections += 1
        if mode == "stall":
            with srv.lock:
                srv.stalled += 1
            # Hold the connection open, silent, until stopped or closed.
            while not srv.stopping.is_set():
                try:
                    self.request.settimeout(0.2)
                    if self.request.recv(4096) == b"":
                        return
                except socket.timeout:
                    continue
                except OSError:
                    return
            return
        if mode == "drop" and srv.drop_at == "greeting":
            srv.count_drop()
            return
        self.reply("220 faults.test ESMTP")
        mail_from, rcpts = None, []
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            cmd = line[:4].upper()
            if cmd in ("EHLO", "HELO"):
                self.reply("250-faults.test\r\n250-8BITMIME\r\n250 SIZE 100000000")
            elif cmd == "MAIL":
                mail_from, rcpts = line[10:].strip().split(" ")[0], []
                self.reply("250 ok")
            elif cmd == "RCPT":
                if mode == "drop" and srv.drop_at == "rcpt":
                    srv.count_drop()
                    return
                rcpts.append(line[8:].strip())
                self.reply("250 ok")
            elif cmd == "DATA":
                self.reply("354 go ahead")
                data = read_data(self.rfile)
                if data is None:
                    return  # closed mid-DATA: nothing was sent
                if mode == "drop" and srv.drop_at == "data":
                    srv.count_drop()
                    return
                if srv.on_data is not None:
                    srv.on_data(bytes(data))
                with srv.lock:
                    srv.messages.append((mail_from, list(rcpts), data))
                self.reply("250 2.0.0 queued as F%d" % len(srv.messages))
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


class FaultSmtp:
    def __init__(self, mode="ok", drop_at="data"):
        self.mode = mode
        self.drop_at = drop_at
        self.on_data = None
        self.messages = []
        self.connections = self.drops = self.stalled = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.server = None
        self.port = 0

    def count_drop(self):
        with self.lock:
            self.drops += 1

    def start(self):
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.faults = self
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.stopping.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def message_ids(self):
        """The Message-ID of every acknowledged message, in order."""
        out = []
        with self.lock:
            for _, _, data in self.messages:
                for line in data.split(b"\r\n"):
                    if line.lower().startswith(b"message-id:"):
                        out.append(line.split(b":", 1)[1].strip().decode())
                        break
                    if line == b"":
                        break
        return out
