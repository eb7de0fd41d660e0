"""Spider test fixtures: a real HTTP server on 127.0.0.1 answering with a function of the
path, and a crawl of one source with loopback settings."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from crawler.run import CrawlSettings, crawl
from crawler.sources import Source

Answer = tuple[int, dict[str, str], bytes]
CrawlOne = Callable[[Source, str], dict[str, Any]]


class LocalServer:
    """Serves `answer(path)`; robots.txt allows everything unless `robots` says otherwise."""

    def __init__(self) -> None:
        self.answer: Callable[[str], Answer] = lambda path: (404, {}, b"")
        self.robots = b"User-agent: *\nAllow: /\n"
        self.paths: list[str] = []
        self.url = ""


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server_state = LocalServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                status, headers, body = 200, {}, server_state.robots
            else:
                server_state.paths.append(self.path)
                status, headers, body = server_state.answer(self.path)
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server_state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server_state
    server.shutdown()


@pytest.fixture
def crawl_one() -> CrawlOne:
    """Crawl one source into the store at a URL, without the delays of a polite crawl."""

    def crawl_source(source: Source, store_url: str) -> dict[str, Any]:
        settings = CrawlSettings(store_url, contact_url="https://example.org", polite=False)
        (summary,) = crawl([source], settings)
        return summary

    return crawl_source
