"""`SnapshotServer`: the bundled snapshot served over HTTP on loopback, for the demo and tests.

A real HTTP server on 127.0.0.1 (a thread of the calling process) that answers GET and POST
from the snapshot, and robots.txt from `robots`. Tests add their error cases with `answer`:
a function of the request path that returns a response, or None to let the snapshot answer.
Every request is kept in `requests` (method, path, body) so tests can check what was asked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from codermatch.demo.snapshot import Answer, Snapshot


class SnapshotServer:
    """Serves a snapshot on 127.0.0.1, on `port` if free (0: any free port)."""

    def __init__(self, snapshot: Snapshot | None = None, port: int = 0) -> None:
        self.snapshot = snapshot or Snapshot(today=date.today())
        self.answer: Callable[[str], Answer | None] | None = None
        self.robots = b"User-agent: *\nAllow: /\n"
        self.requests: list[tuple[str, str, bytes]] = []
        try:
            self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        except OSError:
            self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def paths(self) -> list[str]:
        """The paths asked for, robots.txt aside, in order."""
        return [path for _, path, _ in self.requests]

    def __enter__(self) -> SnapshotServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _respond(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots
        self.requests.append((method, path, body))
        override = self.answer(path) if self.answer else None
        if override is not None:
            status, extra, content = override
            return status, {"Content-Type": "application/json", **extra}, content
        return self.snapshot.answer(method, path, headers, body)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._reply("GET", b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._reply("POST", self.rfile.read(length))

            def _reply(self, method: str, body: bytes) -> None:
                status, headers, content = server._respond(
                    method, self.path, dict(self.headers.items()), body
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args: object) -> None:
                return

        return Handler
