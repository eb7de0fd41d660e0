"""The Lever spider crawling a local server that serves the postings API's format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.sources import Source
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery


def _posting(number: int) -> dict[str, object]:
    return {
        "id": f"5f0c2a6e-{number:04d}",
        "text": f"Risk Adjustment Coder {number}",
        "createdAt": 1731945600000,
        "categories": {"location": "Remote", "commitment": "Full-time"},
        "workplaceType": "remote",
        "description": "<p>Review Medicare Advantage charts for HCC coding.</p>",
        "lists": [
            {
                "text": "Requirements",
                "content": "<li>CRC required</li><li>1 year of HCC coding</li>",
            }
        ],
        "hostedUrl": f"https://jobs.lever.example/acme/{number}",
        "salaryRange": {
            "min": 60000,
            "max": 72000,
            "currency": "USD",
            "interval": "per-year-salary",
        },
    }


def test_a_lever_site_is_paged_and_its_lists_and_salary_are_read(
    local_server: Any, tmp_path: Path, crawl_one: Any
) -> None:
    postings = [_posting(number) for number in range(150)]

    def answer(path: str) -> tuple[int, dict[str, str], bytes]:
        query = parse_qs(urlsplit(path).query)
        skip, limit = int(query["skip"][0]), int(query["limit"][0])
        return 200, {}, json.dumps(postings[skip : skip + limit]).encode()

    local_server.answer = answer
    store_url = f"sqlite:///{tmp_path / 'codermatch.db'}"
    source = Source("lever", "acme", "Acme Risk", base_url=local_server.url)
    summary = crawl_one(source, store_url)
    assert (summary["fetched"], summary["new"], summary["failed"]) == (150, 150, False)
    assert len(local_server.paths) == 2

    store = SqlitePostingStore.from_url(store_url)
    job = store.search(SearchQuery(text="coder 7")).hits[0]
    assert job.tags.credentials_required == (("CRC",),)
    assert job.tags.min_experience_years == 1
    assert job.tags.employment_type == "full_time"
    assert job.annual_salary_usd == (60_000, 72_000)
    assert job.is_remote
    store.close()
