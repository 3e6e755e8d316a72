"""tests/lsp/client.py — a scripted Language Server Protocol client: starts
`pathwayc lsp` and speaks to it over stdio as an editor would
(Content-Length framing, requests with ids, notifications). Used by
tests/lsp/lsp and bench/lsp; needs nothing but Python's standard library.
"""
import json
import os
import select
import shlex
import subprocess
import time


class Client:
    def __init__(self, pathwayc, args=("lsp",), wrap=None, timeout=30.0):
        cmd = (shlex.split(wrap) if wrap else []) + [pathwayc] + list(args)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 0
        self.timeout = timeout
        self.notes = []  # notifications received and not yet taken

    # ---- sending --------------------------------------------------------

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        """Sends a request and returns its response (notifications that come
        first are kept in self.notes)."""
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.response(rid)

    # ---- reading --------------------------------------------------------

    def _fill(self, deadline):
        fd = self.proc.stdout.fileno()
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no message from the server in time")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise TimeoutError("no message from the server in time")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise EOFError("the server closed its output")
        self.buf += chunk

    def read(self):
        """The next message, as a dict."""
        deadline = time.monotonic() + self.timeout
        while b"\r\n\r\n" not in self.buf:
            self._fill(deadline)
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ValueError("a message without Content-Length: %r" % head)
        while len(rest) < length:
            self._fill(deadline)
            head, _, rest = self.buf.partition(b"\r\n\r\n")
        self.buf = rest[length:]
        return json.loads(rest[:length].decode("utf-8"))

    def response(self, rid):
        while True:
            msg = self.read()
            if "method" in msg:
                self.notes.append(msg)
            elif msg.get("id") == rid:
                return msg
            else:
                raise ValueError("a response to another request: %r" % msg)

    def diagnostics(self, uri):
        """The next publishDiagnostics for uri (taking it from those kept)."""
        while True:
            for i, n in enumerate(self.notes):
                if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri:
                    del self.notes[i]
                    return n["params"]
            self.notes.append(self.read())

    def close(self):
        """Closes stdin and returns the exit status (and stderr)."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        err = self.proc.stderr.read()
        status = self.proc.wait(timeout=60)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return status, err.decode("utf-8", "replace")


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
