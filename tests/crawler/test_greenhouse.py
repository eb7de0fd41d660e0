"""The Greenhouse spider crawling a local HTTP server that serves the board API's format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.sources import Source
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery


class _Board:
    """What the fake board serves: its jobs, or a failure."""

    def __init__(self) -> None:
        self.jobs: list[dict[str, object]] = []
        self.status = 200
        self.raw: str | None = None
        self.busy_answers = 0  # how many listing requests get 429 with Retry-After first
        self.requests = 0


def _job(job_id: int, title: str, content: str) -> dict[str, object]:
    return {
        "id": job_id,
        "title": title,
        "updated_at": "2026-11-18T10:02:11-05:00",
        "location": {"name": "Remote - US"},
        "absolute_url": f"https://job-boards.example/acme/jobs/{job_id}",
        "content": content,
    }


@pytest.fixture
def board(local_server: Any) -> tuple[_Board, str]:
    state = _Board()

    def answer(path: str) -> tuple[int, dict[str, str], bytes]:
        state.requests += 1
        if state.busy_answers > 0:
            state.busy_answers -= 1
            return 429, {"Retry-After": "1"}, b""
        payload = {"jobs": state.jobs, "meta": {"total": len(state.jobs)}}
        return state.status, {}, (state.raw or json.dumps(payload)).encode()

    local_server.answer = answer
    return state, local_server.url


def _board_source(base_url: str) -> Source:
    return Source("greenhouse", "acme", "Acme Health", base_url=base_url)


def test_a_crawl_stores_a_board_then_closes_what_it_drops_and_a_failure_closes_nothing(
    board: tuple[_Board, str], tmp_path: Path, crawl_one: Any
) -> None:
    state, base_url = board
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    state.jobs = [
        _job(
            1, "Medical Coder", "&lt;p&gt;CPC required.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;"
        ),
        _job(2, "Inpatient Coder", "&lt;p&gt;CCS required. Inpatient DRG coding.&lt;/p&gt;"),
        {"id": 3, "title": "Broken record without a URL"},
    ]
    first = crawl_one(_board_source(base_url), store_url)
    assert (first["fetched"], first["new"], first["errors"], first["failed"]) == (2, 2, 1, False)

    store = SqlitePostingStore.from_url(store_url)
    jobs = {job.title: job for job in store.search(SearchQuery()).hits}
    assert jobs["Medical Coder"].tags.credentials_required == (("CPC",),)
    assert jobs["Medical Coder"].is_remote
    assert "script" not in (store.get(jobs["Medical Coder"].id).description_html or "")

    state.jobs = state.jobs[:1]
    second = crawl_one(_board_source(base_url), store_url)
    assert (second["unchanged"], second["closed"]) == (1, 1)
    assert [job.title for job in store.search(SearchQuery()).hits] == ["Medical Coder"]

    state.status = 500
    third = crawl_one(_board_source(base_url), store_url)
    assert third["failed"] is True
    assert third["closed"] == 0
    assert store.search(SearchQuery()).total == 1

    state.status, state.raw = 200, "{not json"
    fourth = crawl_one(_board_source(base_url), store_url)
    assert fourth["failed"] is True
    assert store.search(SearchQuery()).total == 1
    store.close()


def test_a_busy_board_is_retried_after_waiting_and_then_crawled(
    board: tuple[_Board, str], tmp_path: Path, crawl_one: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    state, base_url = board
    state.jobs = [_job(1, "Medical Coder", "&lt;p&gt;CPC required.&lt;/p&gt;")]
    state.busy_answers = 2
    summary = crawl_one(_board_source(base_url), f"sqlite:///{tmp_path / 'codermatch.db'}")
    assert (summary["failed"], summary["new"]) == (False, 1)
    assert state.requests == 3
    progress = capfd.readouterr().err.splitlines()
    assert progress.index("acme: crawling") < progress.index("acme: done, 1 fetched")
