"""`codermatch demo`: the bundled snapshot crawled by the real spiders, twice."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from codermatch.cli import app
from codermatch.demo import sample_postings
from codermatch.demo.snapshot import snapshot_sources
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery

runner = CliRunner()


def _crawl_rows(output: str) -> dict[str, dict[str, int]]:
    """The demo's crawl table, by source kind."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("kind "))
    header = lines[start].split()
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        kind, *numbers = line.split()
        rows[kind] = dict(zip(header[1:], map(int, numbers), strict=True))
    return rows


def _open_jobs(data_dir: Path) -> list[object]:
    store = SqlitePostingStore.from_url(f"sqlite:///{data_dir / 'codermatch.db'}")
    jobs = list(store.search(SearchQuery(size=100)).hits)
    jobs += store.search(SearchQuery(size=100, page=2)).hits
    store.close()
    return jobs


def test_the_demo_crawls_every_kind_and_a_second_run_updates_without_duplicating(
    clean_environment: Path,
) -> None:
    first = runner.invoke(app, ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    rows = _crawl_rows(first.stdout)
    kinds = {source.kind for source in snapshot_sources()}
    assert set(rows) == kinds
    for row in rows.values():
        assert (row["failed"], row["errors"]) == (0, 0)
        assert row["new"] > 0
    jobs_after_first = _open_jobs(clean_environment)

    second = runner.invoke(app, ["demo", "--no-serve"])
    assert second.exit_code == 0, second.output
    again = _crawl_rows(second.stdout)
    assert all(row["new"] == 0 and row["unchanged"] > 0 for row in again.values())
    jobs_after_second = _open_jobs(clean_environment)
    assert len(jobs_after_second) == len(jobs_after_first)

    coding_records = [record for record in sample_postings() if record["labels"]["is_coding_job"]]
    assert 100 <= len(jobs_after_second) < len(coding_records)
    merged = [job for job in jobs_after_second if len({s.source for s in job.sources}) > 1]
    assert len(merged) >= 9  # the career sites' copies of ATS jobs, and the reposted jobs


def test_the_demo_says_it_is_a_snapshot_and_shows_a_new_coders_jobs() -> None:
    result = runner.invoke(app, ["demo", "--no-serve", "--near", "Tampa, FL"])
    assert result.exit_code == 0, result.output
    assert "bundled snapshot, not live postings" in result.stdout
    assert "codermatch crawl" in result.stdout
    assert "CODERMATCH_USAJOBS_API_KEY" in result.stdout
    requirements = [
        line for line in result.stdout.splitlines() if line.strip().startswith("requires:")
    ]
    assert requirements
    assert all("apprentices ok" in line for line in requirements)
    assert "Entry level:" in result.stdout
    assert "CPC-A" in result.stdout


def test_the_demo_ends_by_serving_the_web_page_over_what_it_crawled(
    clean_environment: Path,
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    demo = subprocess.Popen(
        [sys.executable, "-m", "codermatch", "demo", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "CODERMATCH_DATA_DIR": str(clean_environment)},
    )
    try:
        assert demo.stdout is not None
        said = next(line for line in demo.stdout if f"http://127.0.0.1:{port}" in line)
        assert "Ctrl-C" in said
        page = _get_when_up(f"http://127.0.0.1:{port}/?credential=CPC-A")
        assert 'id="results-heading"' in page
        count = re.search(r'id="results-heading">(\d+) jobs<', page)
        assert count
        assert int(count.group(1)) > 10
    finally:
        demo.send_signal(signal.SIGINT)
        assert demo.wait(timeout=20) == 0


def _get_when_up(url: str) -> str:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")
