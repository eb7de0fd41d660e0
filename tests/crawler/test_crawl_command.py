"""`codermatch crawl` end to end, in its own process: sources file, local boards, the store,
the progress lines and the summary table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from codermatch.cli import app

runner = CliRunner()


def _board(jobs: list[int]) -> bytes:
    return json.dumps(
        {
            "jobs": [
                {
                    "id": number,
                    "title": f"Medical Coder {number}",
                    "location": {"name": "Austin, TX"},
                    "absolute_url": f"https://boards.example/acme/jobs/{number}",
                    "content": "&lt;p&gt;CPC required.&lt;/p&gt;",
                }
                for number in jobs
            ]
        }
    ).encode()


@pytest.fixture
def sources_file(
    local_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, Path]:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        f"  - {{kind: greenhouse, id: acme, name: Acme Health, base_url: '{local_server.url}'}}\n"
        "  - {kind: greenhouse, id: gone, name: Gone Clinic, base_url: 'http://127.0.0.1:9'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CODERMATCH_SOURCES", str(path))
    monkeypatch.setenv("CODERMATCH_CRAWL_POLITE", "false")
    return local_server, path


def _codermatch(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process, as a user or the scheduler runs it."""
    command = [sys.executable, "-m", "codermatch", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_crawl_stores_closes_and_reports_each_source(sources_file: tuple[Any, Path]) -> None:
    server, _ = sources_file
    jobs = [1, 2, 3]
    server.answer = lambda path: (200, {}, _board(jobs))
    first = _codermatch("crawl")
    assert first.returncode == 0, first.stderr
    assert "acme: done, 3 fetched" in first.stderr.splitlines()
    header, acme, gone = first.stdout.splitlines()
    assert header.split()[0] == "source"
    assert acme.split() == ["acme", "3", "3", "0", "0", "0", "0", "0", "ok"]
    assert gone.split()[0] == "gone"
    assert gone.endswith("failed")

    jobs.remove(3)
    second = _codermatch("crawl", "--source", "acme")
    acme = next(line for line in second.stdout.splitlines() if line.startswith("acme"))
    assert acme.split() == ["acme", "2", "0", "0", "2", "1", "0", "0", "ok"]
    found = runner.invoke(app, ["search", "--json"])
    assert json.loads(found.stdout)["total"] == 2

    server.answer = lambda path: (500, {}, b"down")
    third = _codermatch("crawl", "--source", "acme")
    assert third.returncode == 1
    assert third.stdout.splitlines()[-1].split()[-1] == "failed"
    kept = runner.invoke(app, ["search", "--json"])
    assert json.loads(kept.stdout)["total"] == 2


def test_crawl_fails_only_when_every_source_failed(sources_file: tuple[Any, Path]) -> None:
    result = runner.invoke(app, ["crawl", "--source", "gone"])
    assert result.exit_code == 1


def test_an_unknown_source_is_named(sources_file: tuple[Any, Path]) -> None:
    result = runner.invoke(app, ["crawl", "--source", "nope"])
    assert result.exit_code == 2
    assert "unknown source nope" in result.output


def test_a_board_whose_robots_txt_disallows_us_is_not_fetched(
    sources_file: tuple[Any, Path],
) -> None:
    server, _ = sources_file
    server.robots = b"User-agent: *\nDisallow: /\n"
    server.answer = lambda path: (200, {}, _board([1]))
    result = runner.invoke(app, ["crawl", "--source", "acme"])
    assert server.paths == []
    assert result.stdout.splitlines()[-1].split()[-1] == "failed"
    assert result.exit_code == 1


def test_the_same_job_on_two_boards_is_stored_once_with_both_sources(
    local_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "two_boards.yaml"
    path.write_text(
        "sources:\n"
        f"  - {{kind: greenhouse, id: acme, name: Acme Health, base_url: '{local_server.url}'}}\n"
        f"  - {{kind: greenhouse, id: mirror, name: Acme Jobs, base_url: '{local_server.url}'}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CODERMATCH_SOURCES", str(path))
    monkeypatch.setenv("CODERMATCH_CRAWL_POLITE", "false")
    local_server.answer = lambda path: (200, {}, _board([1, 2]))
    result = runner.invoke(app, ["crawl"])
    assert result.exit_code == 0, result.output
    found = json.loads(runner.invoke(app, ["search", "--json"]).stdout)
    assert found["total"] == 2
    assert all(len(job["sources"]) == 2 for job in found["hits"])
