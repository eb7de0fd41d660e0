"""The Workday spider crawling the snapshot's Workday sites on a local server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codermatch.demo.formats import matches_search, workday_external_path
from codermatch.demo.server import SnapshotServer
from codermatch.demo.snapshot import Snapshot
from crawler.sources import Source
from crawler.spiders.base import CODING_SEARCH_TERMS

BOARD = "magnoliahealth/wd5/MagnoliaCareers"


def _found(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if any(matches_search(r, term) for term in CODING_SEARCH_TERMS)]


def _source(server: Any) -> Source:
    return Source("workday", BOARD, "Magnolia Health System", base_url=server.url)


def test_a_site_is_searched_for_coding_and_each_job_found_is_read_once(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any, stored_jobs: Any
) -> None:
    records = snapshot.boards[BOARD]
    found = _found(records)
    assert len(found) > 0
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    summary = crawl_one(_source(local_server), store_url)
    assert (summary["fetched"], summary["failed"], summary["errors"]) == (len(found), False, 0)

    searches = [json.loads(body) for method, _, body in local_server.requests if method == "POST"]
    assert {search["searchText"] for search in searches} == set(CODING_SEARCH_TERMS)
    assert all(search["limit"] == 20 and search["offset"] == 0 for search in searches)
    details = [path for method, path, _ in local_server.requests if method == "GET"]
    assert sorted(details) == sorted(
        f"/wday/cxs/magnoliahealth/MagnoliaCareers{workday_external_path(r)}" for r in found
    )

    jobs = stored_jobs(store_url, BOARD)
    coding = [r for r in found if r["labels"]["is_coding_job"]]
    assert set(jobs) == {r["source_id"] for r in coding}
    for record in coding:
        job = jobs[record["source_id"]]
        assert (job.title, job.employer, job.url) == (
            record["title"],
            "Magnolia Health System",
            record["url"],
        )
        assert job.is_remote == (record["labels"]["work_arrangement"] == "remote")
        assert job.posted_at.isoformat() == record["posted_at"]


def test_a_second_crawl_reads_no_detail_it_already_holds(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any
) -> None:
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    crawl_one(_source(local_server), store_url)
    local_server.requests.clear()
    again = crawl_one(_source(local_server), store_url)
    assert (again["fetched"], again["new"], again["closed"]) == (0, 0, 0)
    assert again["unchanged"] == len(_found(snapshot.boards[BOARD]))
    assert all(method == "POST" for method, _, _ in local_server.requests)


def test_searches_page_by_20_using_the_first_pages_total(
    snapshot: Snapshot, tmp_path: Path, crawl_one: Any
) -> None:
    """The site's jobs a "coder" search finds, copied to 45; later pages say total 0."""
    found = [record for record in snapshot.boards[BOARD] if matches_search(record, "coder")]
    copies = [
        {
            **record,
            "source_id": f"{record['source_id']}{copy}",
            "url": f"{record['url']}{copy}",
        }
        for copy in range(-(-45 // len(found)))
        for record in found
    ][:45]
    with SnapshotServer(Snapshot(snapshot.today, copies)) as server:
        summary = crawl_one(_source(server), f"sqlite:///{tmp_path / 'codermatch.db'}")
        offsets = [
            json.loads(body)["offset"]
            for method, _, body in server.requests
            if method == "POST" and json.loads(body)["searchText"] == "coder"
        ]
    assert summary["fetched"] == 45
    assert sorted(offsets) == [0, 20, 40]


def test_an_unknown_site_fails_the_source(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    source = Source("workday", "magnoliahealth/wd5/NoSuchSite", "Magnolia", local_server.url)
    summary = crawl_one(source, f"sqlite:///{tmp_path / 'codermatch.db'}")
    assert (summary["failed"], summary["fetched"]) == (True, 0)


def test_a_failing_detail_skips_one_job_and_an_unreadable_search_closes_nothing(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any, stored_jobs: Any
) -> None:
    found = _found(snapshot.boards[BOARD])
    broken = workday_external_path(found[0])
    local_server.answer = lambda path: (500, {}, b"") if path.endswith(broken) else None
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    summary = crawl_one(_source(local_server), store_url)
    assert (summary["fetched"], summary["errors"], summary["failed"]) == (len(found) - 1, 1, False)
    held = stored_jobs(store_url, BOARD)

    local_server.answer = lambda path: (200, {}, b"<html>") if path.endswith("/jobs") else None
    again = crawl_one(_source(local_server), store_url)
    assert (again["failed"], again["closed"]) == (True, 0)
    assert stored_jobs(store_url, BOARD).keys() == held.keys()
