"""The SmartRecruiters spider crawling the snapshot's companies on a local server."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from codermatch.demo.formats import matches_search
from codermatch.demo.server import SnapshotServer
from codermatch.demo.snapshot import Snapshot
from crawler.sources import Source
from crawler.spiders.base import CODING_SEARCH_TERMS
from indexer.location import parse_location

COMPANY = "TrueNorthRCMStaffing"


def _found(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if any(matches_search(r, term) for term in CODING_SEARCH_TERMS)]


def _source(server: Any) -> Source:
    return Source("smartrecruiters", COMPANY, "TrueNorth", base_url=server.url)


def test_a_company_is_searched_and_each_posting_found_is_read_with_its_place(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any, stored_jobs: Any
) -> None:
    found = _found(snapshot.boards[COMPANY])
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    summary = crawl_one(_source(local_server), store_url)
    assert (summary["fetched"], summary["failed"], summary["errors"]) == (len(found), False, 0)
    searches = [parse_qs(urlsplit(path).query) for path in local_server.paths if "q=" in path]
    assert {search["q"][0] for search in searches} == set(CODING_SEARCH_TERMS)

    jobs = stored_jobs(store_url, COMPANY)
    coding = [record for record in found if record["labels"]["is_coding_job"]]
    assert set(jobs) == {record["source_id"] for record in coding}
    for record in coding:
        job = jobs[record["source_id"]]
        assert (job.title, job.url, job.employer) == (
            record["title"],
            record["url"],
            record["employer"],
        )
        assert job.is_remote == (record["labels"]["work_arrangement"] == "remote")
        place = parse_location(record["location"]).place
        if place and not job.is_remote:
            assert (job.place.city, job.place.state) == (place.city, place.state)
        assert job.tags.employment_type == record["labels"]["employment_type"]


def test_postings_are_paged_by_100_until_every_one_found_is_read(
    snapshot: Snapshot, tmp_path: Path, crawl_one: Any
) -> None:
    found = [record for record in snapshot.boards[COMPANY] if matches_search(record, "coder")]
    copies = [
        {**record, "source_id": f"{record['source_id']}{copy}"}
        for copy in range(-(-130 // len(found)))
        for record in found
    ][:130]
    with SnapshotServer(Snapshot(snapshot.today, copies)) as server:
        summary = crawl_one(_source(server), f"sqlite:///{tmp_path / 'codermatch.db'}")
        offsets = [
            parse_qs(urlsplit(path).query)["offset"][0]
            for path in server.paths
            if "q=coder" in path
        ]
    assert summary["fetched"] == 130
    assert sorted(offsets) == ["0", "100"]


def test_a_missing_detail_is_skipped_and_a_failing_listing_fails_the_source(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any
) -> None:
    found = _found(snapshot.boards[COMPANY])
    missing = f"/postings/{found[0]['source_id']}"
    local_server.answer = lambda path: (404, {}, b"{}") if path.endswith(missing) else None
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    summary = crawl_one(_source(local_server), store_url)
    assert (summary["fetched"], summary["errors"], summary["failed"]) == (len(found) - 1, 1, False)

    local_server.answer = lambda path: (503, {}, b"") if "q=" in path else None
    again = crawl_one(_source(local_server), store_url)
    assert (again["failed"], again["closed"]) == (True, 0)
