"""`codermatch serve` answers over real HTTP on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from codermatch.settings import Settings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_search_over_http(filled: Settings, tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "codermatch", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{url}/readyz", timeout=1) as response:
                    ready = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.1)
        assert ready["status"] == "ready"
        with urllib.request.urlopen(f"{url}/api/jobs?credential=CPC-A&size=3") as response:
            page = json.loads(response.read())
        assert 0 < page["total"] < ready["open_jobs"]
        assert len(page["hits"]) == 3
    finally:
        server.terminate()
        server.wait(timeout=10)
