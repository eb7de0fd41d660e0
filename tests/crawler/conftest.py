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
