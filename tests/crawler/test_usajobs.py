"""The USAJOBS spider crawling the snapshot's federal announcements on a local server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from codermatch.demo import formats
from codermatch.demo.snapshot import Snapshot
from crawler.run import NEEDS_USAJOBS_KEY, CrawlSettings, crawl
from crawler.sources import Source

QUERY = "Keyword=coder&JobCategoryCode=0675"


def _source(server: Any) -> Source:
    return Source("usajobs", QUERY, "USAJOBS", base_url=server.url)


def test_the_search_is_read_with_pay_dates_and_telework(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any, stored_jobs: Any
) -> None:
    found = [r for r in snapshot.boards[QUERY] if formats.matches_search(r, "coder")]
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    summary = crawl_one(_source(local_server), store_url)
    assert (summary["fetched"], summary["failed"]) == (len(found), False)
    (path,) = local_server.paths
    query = parse_qs(urlsplit(path).query)
    assert (query["Keyword"], query["JobCategoryCode"], query["Page"]) == (
        ["coder"],
        ["0675"],
        ["1"],
    )

    jobs = stored_jobs(store_url, QUERY)
    assert set(jobs) == {record["source_id"] for record in found}
    for record in found:
        job, labels = jobs[record["source_id"]], record["labels"]
        assert (job.title, job.employer, job.url) == (
            record["title"],
            record["employer"],
            record["url"],
        )
        assert (job.tags.salary.min, job.tags.salary.max) == (
            labels["salary"]["min"],
            labels["salary"]["max"],
        )
        if labels["work_arrangement"] == "remote":  # RemoteIndicator
            assert job.is_remote
        assert job.posted_at.isoformat() == record["posted_at"]


def test_results_are_paged_until_the_last_page(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any
) -> None:
    """The server pages by 4 whatever the spider asks, as a search past 500 results would."""
    records = snapshot.boards[QUERY]

    def answer(path: str) -> tuple[int, dict[str, str], bytes]:
        query = {key: values[0] for key, values in parse_qs(urlsplit(path).query).items()}
        page = formats.usajobs_search(records, {**query, "ResultsPerPage": "4"})
        return 200, {}, json.dumps(page).encode()

    local_server.answer = answer
    summary = crawl_one(_source(local_server), f"sqlite:///{tmp_path / 'codermatch.db'}")
    found = [r for r in records if formats.matches_search(r, "coder")]
    assert summary["fetched"] == len(found)
    assert len(local_server.paths) == -(-len(found) // 4)


def test_without_a_key_the_source_is_skipped_and_says_what_it_needs(
    local_server: Any, tmp_path: Path
) -> None:
    settings = CrawlSettings(f"sqlite:///{tmp_path / 'c.db'}", "https://example.org", False)
    (summary,) = crawl([_source(local_server)], settings)
    assert summary == {"source": QUERY, "skipped": NEEDS_USAJOBS_KEY}
    assert local_server.paths == []


def test_a_refused_key_fails_the_source(local_server: Any, tmp_path: Path, crawl_one: Any) -> None:
    local_server.answer = lambda path: (401, {}, b'{"Message": "Authorization has been denied"}')
    summary = crawl_one(_source(local_server), f"sqlite:///{tmp_path / 'codermatch.db'}")
    assert (summary["failed"], summary["fetched"]) == (True, 0)
