"""Spider test fixtures: the bundled snapshot served on 127.0.0.1 (tests add their error
cases through its `answer`), and a crawl of some sources with loopback settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from codermatch.demo.server import SnapshotServer
from codermatch.demo.snapshot import Snapshot
from crawler.run import CrawlSettings, crawl
from crawler.sources import Source
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery

CrawlOne = Callable[[Source, str], dict[str, Any]]
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def snapshot() -> Snapshot:
    """The bundled snapshot, replayed as of a fixed day."""
    return Snapshot(today=TODAY)


@pytest.fixture
def local_server(snapshot: Snapshot) -> Iterator[SnapshotServer]:
    with SnapshotServer(snapshot) as server:
        yield server


@pytest.fixture
def crawl_one() -> CrawlOne:
    """Crawl one source into the store at a URL, without the delays of a polite crawl."""

    def crawl_source(source: Source, store_url: str) -> dict[str, Any]:
        settings = CrawlSettings(
            store_url,
            contact_url="https://example.org",
            polite=False,
            usajobs_api_key="test-key",
            usajobs_email="tests@example.org",
        )
        (summary,) = crawl([source], settings)
        return summary

    return crawl_source


StoredJobs = Callable[[str, str], dict[str, Any]]


@pytest.fixture
def stored_jobs() -> StoredJobs:
    """The open jobs of a store that a source lists, by the source's posting id."""

    def jobs_of(store_url: str, source: str) -> dict[str, Any]:
        store = SqlitePostingStore.from_url(store_url)
        jobs: dict[str, Any] = {}
        page = 1
        while True:
            hits = store.search(SearchQuery(size=100, page=page)).hits
            for job in hits:
                for link in job.sources:
                    if link.source == source:
                        jobs[link.source_id] = job
            if len(hits) < 100:
                break
            page += 1
        store.close()
        return jobs

    return jobs_of
