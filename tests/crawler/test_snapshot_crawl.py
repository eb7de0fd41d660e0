"""Every source of the snapshot crawled at once: each kind's spider reads its real format."""

from __future__ import annotations

from typing import Any

import pytest

from codermatch.demo.formats import matches_search
from codermatch.demo.server import SnapshotServer
from codermatch.demo.snapshot import Snapshot, snapshot_sources
from crawler.run import CrawlSettings, crawl
from crawler.spiders.base import CODING_SEARCH_TERMS
from indexer.html_text import html_to_text
from indexer.tagging.tagger import tag_posting

_SEARCHES = {"workday": CODING_SEARCH_TERMS, "smartrecruiters": CODING_SEARCH_TERMS}


def _listed(kind: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records a crawl of a source of this kind gets: what its searches find."""
    if kind == "usajobs":
        return [record for record in records if matches_search(record, "coder")]
    if kind in _SEARCHES:
        return [r for r in records if any(matches_search(r, term) for term in _SEARCHES[kind])]
    return [record for record in records if not record.get("unlisted")]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, snapshot: Snapshot) -> tuple[str, list[Any]]:
    store_url = f"sqlite:///{tmp_path_factory.mktemp('snapshot') / 'codermatch.db'}"
    with SnapshotServer(snapshot) as server:
        settings = CrawlSettings(
            store_url, "https://example.org", False, "test-key", "tests@example.org", False
        )
        summaries = crawl(snapshot_sources(server.url), settings)
    return store_url, summaries


def test_every_source_is_crawled_without_an_error(crawled: tuple[str, list[Any]]) -> None:
    _, summaries = crawled
    assert len(summaries) == len(snapshot_sources())
    assert [s["source"] for s in summaries if s["failed"] or s["errors"]] == []


@pytest.mark.parametrize("source", snapshot_sources(), ids=lambda source: source.id)
def test_each_source_stores_the_coding_postings_it_lists(
    source: Any, crawled: tuple[str, list[Any]], snapshot: Snapshot, stored_jobs: Any
) -> None:
    store_url, _ = crawled
    listed = _listed(source.kind, snapshot.boards[source.id])
    coding = {
        record["source_id"]: record
        for record in listed
        if tag_posting(record["title"], html_to_text(record["description_html"])).tags.is_coding_job
    }
    jobs = stored_jobs(store_url, source.id)
    assert set(jobs) == set(coding)
    for source_id, job in jobs.items():
        record = coding[source_id]
        link = next(link for link in job.sources if link.source == source.id)
        assert link.url == record["url"]
        assert job.employer == record["employer"]
