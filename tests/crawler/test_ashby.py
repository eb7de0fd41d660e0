"""The Ashby spider crawling the snapshot's job boards on a local server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codermatch.demo.snapshot import Snapshot
from crawler.sources import Source

BOARD = "cadencevirtualcare"


def test_a_board_is_read_with_its_pay_and_without_its_unlisted_jobs(
    local_server: Any, snapshot: Snapshot, tmp_path: Path, crawl_one: Any, stored_jobs: Any
) -> None:
    records = snapshot.boards[BOARD]
    listed = [record for record in records if not record.get("unlisted")]
    assert len(listed) < len(records)
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    summary = crawl_one(Source("ashby", BOARD, "Cadence", base_url=local_server.url), store_url)
    assert (summary["fetched"], summary["failed"]) == (len(listed), False)
    assert local_server.paths == [f"/posting-api/job-board/{BOARD}?includeCompensation=true"]

    jobs = stored_jobs(store_url, BOARD)
    assert set(jobs) == {r["source_id"] for r in listed if r["labels"]["is_coding_job"]}
    paid = [record for record in listed if record["salary"] and record["source_id"] in jobs]
    assert paid
    for record in paid:
        salary = jobs[record["source_id"]].tags.salary
        expected = record["labels"]["salary"]
        assert (salary.min, salary.max, salary.period) == (
            expected["min"],
            expected["max"],
            expected["period"],
        )
    for record in listed:
        if record["source_id"] in jobs:
            job = jobs[record["source_id"]]
            assert job.is_remote == (record["labels"]["work_arrangement"] == "remote")
            assert job.tags.employment_type == record["labels"]["employment_type"]


def test_an_unknown_board_fails_the_source(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    source = Source("ashby", "no-such-board", "Nobody", base_url=local_server.url)
    summary = crawl_one(source, f"sqlite:///{tmp_path / 'codermatch.db'}")
    assert (summary["failed"], summary["fetched"]) == (True, 0)
