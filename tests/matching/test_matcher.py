"""The matcher, the advisor and profiles, end to end over a real SQLite store.

Postings are written here, tagged and stored by `indexer.ingest` as a crawl would; each test
states one DOMAIN.md eligibility rule and what a seeker sees for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from indexer.ingest import ingest
from indexer.models import RawPosting
from indexer.search_request import InvalidSearch
from indexer.sqlite_store import SqlitePostingStore
from matching.advisor import ONE_MORE_YEAR, advise
from matching.matcher import Match, match
from matching.profile import make_profile

TODAY = date(2026, 11, 25)


def _raw(source_id: str, text: str, **fields: Any) -> RawPosting:
    values: dict[str, Any] = {
        "source": "acme",
        "source_id": source_id,
        "url": f"https://careers.acme.example/jobs/{source_id}",
        "title": f"Medical Coder {source_id}",
        "employer": "Acme Health",
        "location": "Austin, TX",
        "posted_at": "2026-11-20",
        "text": text,
    }
    values.update(fields)
    return RawPosting.model_validate(values)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlitePostingStore]:
    opened = SqlitePostingStore.from_url(f"sqlite:///{tmp_path / 'codermatch.db'}")
    yield opened
    opened.close()


def _fill(store: SqlitePostingStore, *postings: RawPosting) -> None:
    ingest(list(postings), store, today=TODAY, seen_at=datetime(2026, 11, 25, 8, tzinfo=UTC))


def _by_title(matches: list[Match]) -> dict[str, Match]:
    return {found.job.title: found for found in matches}


def _run(store: SqlitePostingStore, *credentials: str, years: int = 0, **wants: Any) -> dict:
    profile = make_profile(credentials, years, **wants)
    return _by_title(match(store, profile, today=TODAY))


def test_a_credential_that_meets_a_group_is_eligible_and_says_which(store: Any) -> None:
    _fill(store, _raw("1", "Requirements: CPC-A or CCA required. No experience required."))
    found = _run(store, "CPC-A")["Medical Coder 1"]
    assert found.status == "eligible"
    assert found.reasons[0] == "Your CPC-A meets 'CPC-A or CCA required'"


def test_an_apprentice_where_the_posting_is_silent_is_a_stretch_and_where_refused_out(
    store: Any,
) -> None:
    _fill(
        store,
        _raw("silent", "CPC required."),
        _raw("welcome", "CPC required. CPC-A accepted."),
        _raw("refused", "CPC required. Apprentice (CPC-A) credentials are not accepted."),
    )
    found = _run(store, "CPC-A")
    assert found["Medical Coder silent"].status == "stretch"
    assert "does not say whether CPC-A is accepted" in found["Medical Coder silent"].reasons[0]
    assert found["Medical Coder welcome"].status == "eligible"
    assert "Medical Coder refused" not in found


def test_a_credential_earned_after_hire_is_eligible_with_the_condition(store: Any) -> None:
    _fill(store, _raw("grace", "CPC required. CRC required within 6 months of hire."))
    found = _run(store, "CPC")["Medical Coder grace"]
    assert found.status == "eligible"
    assert any("within 6 months of hire" in reason for reason in found.reasons)


def test_one_year_short_is_a_stretch_and_two_short_is_out(store: Any) -> None:
    _fill(
        store,
        _raw("one", "CPC required. 1 year of coding experience required."),
        _raw("two", "CPC required. 2 years of coding experience required."),
    )
    found = _run(store, "CPC")
    assert found["Medical Coder one"].status == "stretch"
    assert "Requires 1 year; you have 0: a stretch" in found["Medical Coder one"].reasons
    assert "Medical Coder two" not in found


def test_place_keeps_jobs_within_the_radius_and_remote_jobs_only_when_wanted(
    store: Any,
) -> None:
    _fill(
        store,
        _raw("near", "CPC required.", location="Round Rock, TX"),
        _raw("far", "CPC required.", location="Dallas, TX"),
        _raw("remote", "CPC required. This is a fully remote position.", location="Remote - US"),
    )
    found = _run(store, "CPC", location="Austin, TX", radius_miles=50)
    assert set(found) == {"Medical Coder near", "Medical Coder remote"}
    assert any(reason.endswith("miles away") for reason in found["Medical Coder near"].reasons)
    assert "Remote" in found["Medical Coder remote"].reasons
    no_remote = _run(store, "CPC", location="Austin, TX", remote_ok=False)
    assert set(no_remote) == {"Medical Coder near"}


def test_a_minimum_salary_leaves_out_lower_pay_and_keeps_unstated_pay(store: Any) -> None:
    _fill(
        store,
        _raw("low", "CPC required. Pay: $15 - $17 per hour."),
        _raw("high", "CPC required. Pay: $25 - $30 per hour."),
        _raw("unstated", "CPC required."),
    )
    found = _run(store, "CPC", min_salary=45_000)
    assert set(found) == {"Medical Coder high", "Medical Coder unstated"}
    assert "Pays $25-30/h" in found["Medical Coder high"].reasons
    assert found["Medical Coder high"].score > found["Medical Coder unstated"].score


def test_eligible_jobs_come_first_and_wanted_settings_rank_up(store: Any) -> None:
    _fill(
        store,
        _raw("stretch", "CPC required. 1 year of experience required. Inpatient coding."),
        _raw("profee", "CPC required. Code physician office visits (professional fee)."),
        _raw("inpatient", "CPC required. Code inpatient hospital stays, assign MS-DRGs."),
    )
    profile = make_profile(["CPC"], 0, settings=["inpatient"])
    ranked = [found.job.title for found in match(store, profile, today=TODAY)]
    assert ranked == ["Medical Coder inpatient", "Medical Coder profee", "Medical Coder stretch"]


def test_the_advisor_names_the_credential_that_opens_the_most_jobs(store: Any) -> None:
    _fill(
        store,
        _raw("crc1", "CRC required. Pay: $50,000 - $60,000 per year."),
        _raw("crc2", "CRC required. Pay: $54,000 - $64,000 per year."),
        _raw("ccs", "CCS required."),
        _raw("year", "CPC-A or CCA required. 1 year of experience required."),
    )
    advice = advise(store, make_profile(["CPC-A"], 0), today=TODAY)
    assert (advice[0].step, advice[0].more_jobs, advice[0].median_pay) == ("CRC", 2, 57_000)
    assert {item.step for item in advice} >= {"CCS", ONE_MORE_YEAR}
    assert advice[0].sentence == (
        "Adding CRC would open 2 more jobs within your reach, median $57,000 a year"
    )


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"credentials": ["CPC", "NOPE"], "experience_years": 0}, "credentials"),
        ({"credentials": ["CPC"], "experience_years": -1}, "experience_years"),
        ({"credentials": [], "experience_years": 0, "location": "Atlantis, ZZ"}, "location"),
        ({"credentials": [], "experience_years": 0, "settings": ["dental"]}, "settings"),
        ({"credentials": [], "experience_years": 0, "radius_miles": 0}, "radius_miles"),
        ({"credentials": [], "experience_years": 0, "min_salary": -5}, "min_salary"),
    ],
)
def test_a_bad_profile_names_the_field_at_fault(arguments: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidSearch) as raised:
        make_profile(arguments.pop("credentials"), arguments.pop("experience_years"), **arguments)
    assert raised.value.parameter == field
