"""The contract every posting store must keep, written once and run against each store.

SQLite always runs; the Elasticsearch store joins the `store` fixture's parameters when
`CODERMATCH_TEST_ELASTICSEARCH_URL` names a server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from indexer.location import resolve_place
from indexer.models import Posting, RawPosting
from indexer.normalize import normalize_posting
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import KnownPage, PostingStore, SearchQuery

TODAY = date(2026, 11, 25)
MORNING = datetime(2026, 11, 25, 6, 0)


# Read at import: the autouse fixture of tests/conftest.py clears CODERMATCH_* for each test.
ELASTICSEARCH_URL = os.environ.get("CODERMATCH_TEST_ELASTICSEARCH_URL")


@pytest.fixture(params=["sqlite", "elasticsearch"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PostingStore]:
    if request.param == "sqlite":
        sqlite_store = SqlitePostingStore(tmp_path / "codermatch.db")
        yield sqlite_store
        sqlite_store.close()
        return
    if not ELASTICSEARCH_URL:
        pytest.skip("CODERMATCH_TEST_ELASTICSEARCH_URL is not set: no Elasticsearch server")
    from indexer.es_store import ElasticsearchPostingStore

    alias = f"codermatch-test-{uuid.uuid4().hex[:12]}"
    es_store = ElasticsearchPostingStore.from_url(ELASTICSEARCH_URL, alias)
    es_store.ensure_alias()
    yield es_store
    for index in es_store.indexes():
        es_store.delete_index(index)
    es_store.close()


def posting(source_id: str, text: str, **fields: Any) -> Posting:
    """A posting of source "acme" unless told otherwise, tagged from its text."""
    values: dict[str, Any] = {
        "source": "acme",
        "source_id": source_id,
        "url": f"https://careers.acme.example/jobs/{source_id}",
        "title": "Medical Coder",
        "employer": "Acme Health",
        "location": "Austin, TX",
        "text": text,
    }
    values.update(fields)
    return normalize_posting(RawPosting.model_validate(values), today=TODAY)


def ids(store: PostingStore, **filters: Any) -> set[str]:
    """The source ids of every hit of a search (one page of up to 100)."""
    result = store.search(SearchQuery(size=100, today=TODAY, **filters))
    return {link.source_id for job in result.hits for link in job.sources}


# --- storing, changes and duplicates ---------------------------------------------------------


def test_a_new_posting_becomes_a_job_with_its_tags(store: PostingStore) -> None:
    outcome = store.upsert([posting("1", "CPC required. Remote.")], seen_at=MORNING)
    assert outcome.new == 1
    (job,) = store.search(SearchQuery()).hits
    assert job.tags.credentials_required == (("CPC",),)
    assert job.is_remote
    fetched = store.get(job.id)
    assert fetched is not None
    assert fetched.description_html == "<p>CPC required. Remote.</p>"


def test_storing_the_same_posting_again_changes_nothing(store: PostingStore) -> None:
    store.upsert([posting("1", "CPC required.")], seen_at=MORNING)
    outcome = store.upsert([posting("1", "CPC required.")], seen_at=MORNING + timedelta(hours=1))
    assert (outcome.new, outcome.unchanged) == (0, 1)
    assert store.search(SearchQuery()).total == 1


def test_a_changed_posting_updates_its_job_and_keeps_its_id(store: PostingStore) -> None:
    store.upsert([posting("1", "CPC required.")], seen_at=MORNING)
    first_id = store.search(SearchQuery()).hits[0].id
    outcome = store.upsert([posting("1", "CCS required.")], seen_at=MORNING)
    assert outcome.changed == 1
    (job,) = store.search(SearchQuery()).hits
    assert job.id == first_id
    assert job.tags.credentials_required == (("CCS",),)


def test_the_same_url_from_two_sources_is_one_job_with_both(store: PostingStore) -> None:
    url = "https://careers.acme.example/jobs/77?utm_source=board"
    store.upsert([posting("77", "CPC required.", url=url)], seen_at=MORNING)
    store.upsert(
        [posting("x-9", "CPC required.", source="aggregator", url=url.split("?")[0])],
        seen_at=MORNING,
    )
    (job,) = store.search(SearchQuery()).hits
    assert {link.source for link in job.sources} == {"acme", "aggregator"}


def test_same_employer_title_place_and_text_is_one_job_and_the_first_id_stays(
    store: PostingStore,
) -> None:
    text = "Code clinic visits for 20 providers. CPC required. 2 years of coding experience."
    store.upsert([posting("1", text, title="Sr. Medical Coder II")], seen_at=MORNING)
    first_id = store.search(SearchQuery()).hits[0].id
    outcome = store.upsert(
        [posting("B7", text + " Apply today.", source="board", title="Senior Medical Coder 2")],
        seen_at=MORNING,
    )
    assert outcome.merged == 1
    (job,) = store.search(SearchQuery()).hits
    assert job.id == first_id
    assert len(job.sources) == 2


def test_same_title_with_different_text_stays_two_jobs(store: PostingStore) -> None:
    store.upsert([posting("1", "Inpatient DRG coding. CCS required.")], seen_at=MORNING)
    store.upsert(
        [posting("2", "Professional fee coding for family medicine. CPC required.", source="b")],
        seen_at=MORNING,
    )
    assert store.search(SearchQuery()).total == 2


# --- postings over time ----------------------------------------------------------------------


def test_a_successful_crawl_closes_what_it_no_longer_returns(store: PostingStore) -> None:
    store.upsert([posting("1", "CPC required."), posting("2", "CCS required.")], seen_at=MORNING)
    closed = store.close_missing("acme", ["1"], at=MORNING + timedelta(days=1))
    assert closed == 1
    assert ids(store) == {"1"}
    assert store.known_postings("acme") == {"1": posting("1", "CPC required.").content_hash}
    gone = [job for job in store.search(SearchQuery()).hits if job.sources[0].source_id == "2"]
    assert gone == []


def test_a_closed_job_keeps_its_history_and_reopens_when_seen_again(store: PostingStore) -> None:
    store.upsert([posting("1", "CPC required.")], seen_at=MORNING)
    job_id = store.search(SearchQuery()).hits[0].id
    store.close_missing("acme", [], at=MORNING + timedelta(days=1))
    closed = store.get(job_id)
    assert closed is not None
    assert not closed.is_open
    store.upsert([posting("1", "CPC required.")], seen_at=MORNING + timedelta(days=2))
    reopened = store.get(job_id)
    assert reopened is not None
    assert reopened.is_open
    assert reopened.first_seen == MORNING


def test_a_job_closes_only_when_every_source_has_dropped_it(store: PostingStore) -> None:
    url = "https://careers.acme.example/jobs/5"
    store.upsert([posting("5", "CPC required.", url=url)], seen_at=MORNING)
    store.upsert([posting("z5", "CPC required.", source="board", url=url)], seen_at=MORNING)
    store.close_missing("acme", [], at=MORNING + timedelta(days=1))
    assert store.search(SearchQuery()).total == 1
    store.close_missing("board", [], at=MORNING + timedelta(days=1))
    assert store.search(SearchQuery()).total == 0


def test_a_failed_or_other_source_closes_nothing_of_another(store: PostingStore) -> None:
    store.upsert([posting("1", "CPC required.")], seen_at=MORNING)
    assert store.close_missing("some-other-source", [], at=MORNING) == 0
    assert store.search(SearchQuery()).total == 1


def test_a_job_past_its_valid_through_date_closes(store: PostingStore) -> None:
    store.upsert(
        [
            posting("1", "CPC required.", valid_through="2026-11-20"),
            posting("2", "CCS required.", valid_through="2026-12-31"),
        ],
        seen_at=MORNING,
    )
    assert store.close_expired(today=TODAY, at=MORNING) == 1
    assert ids(store) == {"2"}


def test_open_jobs_can_be_only_those_first_seen_since_a_time(store: PostingStore) -> None:
    store.upsert([posting("old", "CPC required.")], seen_at=MORNING - timedelta(days=9))
    store.upsert([posting("new", "CCS required.")], seen_at=MORNING)
    store.upsert([posting("old", "CPC required.")], seen_at=MORNING)  # seen again: still old
    recent = store.open_jobs(first_seen_since=MORNING - timedelta(days=2))
    assert [link.source_id for job in recent for link in job.sources] == ["new"]
    assert len(list(store.open_jobs())) == 2


def test_non_coding_postings_are_stored_flagged_and_never_found(store: PostingStore) -> None:
    store.upsert(
        [posting("1", "Greet patients and answer phones.", title="Front Desk Receptionist")],
        seen_at=MORNING,
    )
    assert store.search(SearchQuery()).total == 0
    assert store.stats()["not_coding"] == 1


# --- eligibility through the credential filter -----------------------------------------------


@pytest.fixture
def credential_jobs(store: PostingStore) -> PostingStore:
    store.upsert(
        [
            posting("accepts", "CPC required. CPC-A accepted."),
            posting("silent", "CPC required."),
            posting("excludes", "CPC required. CPC-A not accepted."),
            posting("grace", "CCS required. RHIT required, or obtain it within 6 months of hire."),
            posting("token", "AAPC or AHIMA certification required."),
            posting("and", "RHIT and CCS or CIC required."),
            posting("rhit", "RHIT required."),
            posting("licence", "Registered Nurse (RN) required."),
        ],
        seen_at=MORNING,
    )
    return store


def test_an_apprentice_finds_only_postings_that_accept_apprentices(
    credential_jobs: PostingStore,
) -> None:
    found = ids(credential_jobs, credentials=frozenset({"CPC-A"}))
    assert found == {"accepts", "token"}


def test_grace_covers_its_group_but_not_another(credential_jobs: PostingStore) -> None:
    assert "grace" in ids(credential_jobs, credentials=frozenset({"CCS"}))
    assert "grace" not in ids(credential_jobs, credentials=frozenset({"RHIT"}))


def test_an_and_of_or_groups_needs_every_group(credential_jobs: PostingStore) -> None:
    assert "and" in ids(credential_jobs, credentials=frozenset({"RHIT", "CIC"}))
    assert "and" not in ids(credential_jobs, credentials=frozenset({"CIC"}))


def test_rhia_meets_rhit_and_a_licence_meets_only_itself(credential_jobs: PostingStore) -> None:
    assert {"rhit", "token"} <= ids(credential_jobs, credentials=frozenset({"RHIA"}))
    assert ids(credential_jobs, credentials=frozenset({"RN"})) == {"licence"}


def test_the_credentials_facet_counts_what_choosing_each_gives(
    credential_jobs: PostingStore,
) -> None:
    facets = credential_jobs.search(SearchQuery()).facets["credentials"]
    for code in ("CPC", "CPC-A", "RHIT", "RN", "CCS"):
        assert facets[code] == len(ids(credential_jobs, credentials=frozenset({code}))), code


# --- other filters, facets, sorting and paging -----------------------------------------------


@pytest.fixture
def varied_jobs(store: PostingStore) -> PostingStore:
    store.upsert(
        [
            posting(
                "remote-inpatient",
                "Assign ICD-10-PCS codes and DRGs to inpatient stays. CCS required. "
                "3 years of inpatient coding. Remote.",
                title="Inpatient Coder II",
                location="Remote - US",
                salary="$30 - $38 per hour",
                posted_at="2026-11-20",
            ),
            posting(
                "austin-pro",
                "Code office visits and E/M for 40 providers. CPC, CPC-A or CCA required. "
                "No experience necessary. On site.",
                title="Medical Coder I",
                salary="$18 - $21 per hour",
                posted_at="2026-11-10",
            ),
            posting(
                "dallas-audit",
                "Audit coded professional encounters. CPMA required. 2 years of auditing. On site.",
                title="Coding Auditor",
                location="Dallas, TX",
                salary="$60,000 - $70,000 per year",
                posted_at="2026-11-24",
            ),
            posting(
                "boise-hybrid",
                "Code hospital outpatient surgery. COC required. 1 year of coding. Hybrid.",
                title="Outpatient Coder",
                location="Boise, ID",
                posted_at="2026-10-01",
            ),
        ],
        seen_at=MORNING,
    )
    return store


def test_text_search_matches_word_forms(varied_jobs: PostingStore) -> None:
    assert ids(varied_jobs, text="auditing encounter") == {"dallas-audit"}
    assert ids(varied_jobs, text='"DRGs* (') == {"remote-inpatient"}  # FTS syntax is plain text


def test_settings_work_arrangement_and_entry_level_filters(varied_jobs: PostingStore) -> None:
    assert ids(varied_jobs, settings=frozenset({"inpatient", "audit"})) == {
        "remote-inpatient",
        "dallas-audit",
    }
    assert ids(varied_jobs, work_arrangement="hybrid") == {"boise-hybrid"}
    # A COC-A with no experience is a stretch on both counts at Boise: still entry level.
    assert ids(varied_jobs, entry_level=True) == {"austin-pro", "boise-hybrid"}


def test_experience_filter_keeps_jobs_requiring_at_most_that(varied_jobs: PostingStore) -> None:
    assert ids(varied_jobs, experience_years=1) == {"austin-pro", "boise-hybrid"}


def test_place_and_radius_keep_near_jobs_and_remote_ones(varied_jobs: PostingStore) -> None:
    austin = resolve_place("Austin, TX")
    assert ids(varied_jobs, near=austin, radius_miles=50) == {"austin-pro", "remote-inpatient"}
    assert "dallas-audit" in ids(varied_jobs, near=austin, radius_miles=250)
    result = varied_jobs.search(SearchQuery(near=austin, radius_miles=250, size=100))
    by_id = {job.sources[0].source_id: job for job in result.hits}
    assert 170 < (by_id["dallas-audit"].distance_miles or 0) < 210


def test_minimum_salary_drops_pay_below_it_and_keeps_unstated_pay(
    varied_jobs: PostingStore,
) -> None:
    assert ids(varied_jobs, min_salary=55_000) == {
        "remote-inpatient",
        "dallas-audit",
        "boise-hybrid",
    }


def test_posted_within_days(varied_jobs: PostingStore) -> None:
    assert ids(varied_jobs, posted_within_days=7) == {"remote-inpatient", "dallas-audit"}


def test_facets_count_what_the_other_filters_leave(varied_jobs: PostingStore) -> None:
    facets = varied_jobs.search(
        SearchQuery(work_arrangement="remote", settings=frozenset({"audit"}))
    ).facets
    assert facets["work_arrangement"]["remote"] == 0
    assert facets["work_arrangement"]["onsite"] == 1
    assert facets["settings"]["inpatient"] == 1
    assert facets["settings"]["audit"] == 0


def test_sorting_by_date_and_by_salary(varied_jobs: PostingStore) -> None:
    by_date = varied_jobs.search(SearchQuery(sort="date")).hits
    assert [job.sources[0].source_id for job in by_date][:2] == ["dallas-audit", "remote-inpatient"]
    by_salary = varied_jobs.search(SearchQuery(sort="salary")).hits
    assert [job.sources[0].source_id for job in by_salary] == [
        "remote-inpatient",
        "dallas-audit",
        "austin-pro",
        "boise-hybrid",
    ]


def test_paging_walks_the_whole_result_once(varied_jobs: PostingStore) -> None:
    seen = []
    for page in (1, 2):
        result = varied_jobs.search(SearchQuery(sort="date", page=page, size=3))
        assert result.total == 4
        seen.extend(job.id for job in result.hits)
    assert len(seen) == len(set(seen)) == 4


def test_job_objects_have_the_designed_shape(varied_jobs: PostingStore) -> None:
    job = varied_jobs.search(SearchQuery(text="auditor")).hits[0]
    shown = job.to_dict()
    assert set(shown) == {
        "id", "title", "employer", "location", "is_remote", "work_arrangement", "url",
        "sources", "first_seen", "last_seen", "is_open", "entry_level", "annual_salary_usd",
        "tags",
    }  # fmt: skip
    assert shown["location"] == {"city": "Dallas", "state": "TX", "zip": shown["location"]["zip"]}
    assert shown["annual_salary_usd"] == {"min": 60_000, "max": 70_000}


def test_relevance_puts_jobs_with_the_words_in_their_title_first(store: PostingStore) -> None:
    store.upsert(
        [
            posting("body", "Auditor support: code clinic visits.", posted_at="2026-11-24"),
            posting(
                "title", "Review coded visits.", title="Coding Auditor", posted_at="2026-11-01"
            ),
        ],
        seen_at=MORNING,
    )
    hits = store.search(SearchQuery(text="auditor", sort="relevance")).hits
    assert [job.sources[0].source_id for job in hits] == ["title", "body"]


def test_ingesting_in_worker_processes_stores_the_same_jobs(store: PostingStore) -> None:
    from codermatch.demo import sample_postings
    from indexer.html_text import html_to_text
    from indexer.ingest import ingest
    from indexer.tagging.tagger import tag_posting

    raw = [RawPosting.model_validate(record) for record in sample_postings()]
    report = ingest(raw, store, today=TODAY, seen_at=MORNING, workers=2)
    tags = [tag_posting(p.title, html_to_text(p.description_html or "")).tags for p in raw]
    not_coding = sum(not tag.is_coding_job for tag in tags)
    assert report.new + report.merged == len(raw)
    assert report.merged >= 9  # the sample's duplicates across sources
    assert report.not_coding == not_coding
    assert store.stats()["open"] == report.new - not_coding


def test_known_pages_and_marking_them_seen_keep_them_open(store: PostingStore) -> None:
    store.upsert([posting("1", "CPC required."), posting("2", "CCS required.")], seen_at=MORNING)
    pages = store.known_pages("acme")
    assert pages == {
        "https://careers.acme.example/jobs/1": KnownPage("1", MORNING),
        "https://careers.acme.example/jobs/2": KnownPage("2", MORNING),
    }
    later = MORNING + timedelta(days=1)
    store.mark_seen("acme", ["1"], at=later)
    assert store.known_pages("acme")["https://careers.acme.example/jobs/1"].last_seen == later
    (job,) = [job for job in store.search(SearchQuery()).hits if job.sources[0].source_id == "1"]
    assert job.last_seen == later
    store.close_missing("acme", ["1"], at=later)
    assert set(store.known_pages("acme")) == {"https://careers.acme.example/jobs/1"}


def test_candidates_are_the_searched_jobs_and_jobs_are_read_back_in_order(
    store: PostingStore,
) -> None:
    store.upsert(
        [
            posting("1", "CPC required. Pay: $20 - $25 per hour.", posted_at="2026-11-20"),
            posting("2", "CCS required.", location="Dallas, TX"),
            posting("3", "CPC required. Fully remote.", location="Remote - US"),
        ],
        seen_at=MORNING,
    )
    austin = resolve_place("Austin, TX")
    query = SearchQuery(credentials=frozenset({"CPC"}), near=austin, radius_miles=50, today=TODAY)
    candidates = {candidate.id: candidate for candidate in store.candidates(query)}
    found = store.search(replace(query, size=100)).hits
    assert set(candidates) == {job.id for job in found}
    by_title = {job.sources[0].source_id: job for job in found}
    near = candidates[by_title["1"].id]
    assert near.annual_salary_usd == by_title["1"].annual_salary_usd
    assert near.posted_at == date(2026, 11, 20)
    assert near.distance_miles is not None
    assert near.distance_miles < 1
    assert candidates[by_title["3"].id].is_remote
    wanted = [by_title["3"].id, "no-such-id", by_title["1"].id]
    assert [job.id for job in store.jobs(wanted)] == [by_title["3"].id, by_title["1"].id]
