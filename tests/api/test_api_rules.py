"""DOMAIN.md's eligibility rules 1-6 and "which credential meets which", end to end over HTTP.

Each test writes its own postings, stores them with `codermatch ingest` into the test's own
SQLite store, and asks `GET /api/jobs` and `POST /api/match` what a seeker sees. Postings are
named by their `source_id` (their key); each test states one rule.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from codermatch.cli import app as cli
from codermatch.settings import Settings

Serve = Callable[..., TestClient]
AUSTIN = "Austin, TX"


def _posting(key: str, text: str, *, title: str = "", location: str = AUSTIN) -> dict[str, str]:
    """One raw posting as a crawl would give it, posted two days ago."""
    return {
        "source": "acme",
        "source_id": key,
        "url": f"https://careers.acme.example/jobs/{key}",
        "title": title or f"Medical Coder - {key}",
        "employer": "Acme Health",
        "location": location,
        "posted_at": (date.today() - timedelta(days=2)).isoformat(),
        "text": text,
    }


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    """Store the given postings with `codermatch ingest` and hand back a client of the API."""
    with ExitStack() as stack:

        def start(*postings: dict[str, str]) -> TestClient:
            file = tmp_path / "postings.jsonl"
            file.write_text("".join(json.dumps(p) + "\n" for p in postings), encoding="utf-8")
            result = CliRunner().invoke(cli, ["ingest", str(file)])
            assert result.exit_code == 0, result.output
            assert f"Stored {len(postings)} postings: {len(postings)} new" in result.output
            return stack.enter_context(TestClient(create_app(Settings())))

        yield start


def _found(client: TestClient, **params: Any) -> list[str]:
    """The keys of the jobs `GET /api/jobs` returns, in its order."""
    response = client.get("/api/jobs", params={"size": 100, **params})
    assert response.status_code == 200, response.text
    return [hit["sources"][0]["source_id"] for hit in response.json()["hits"]]


def _matches(
    client: TestClient, credentials: list[str], years: int = 0, **wants: Any
) -> dict[str, dict[str, Any]]:
    """The matches `POST /api/match` returns, by key, in its order."""
    body = {
        "credentials": credentials,
        "experience_years": years,
        "location": AUSTIN,
        "radius_miles": 50,
        "remote_ok": True,
        "min_salary": None,
        **wants,
    }
    response = client.post("/api/match", json=body)
    assert response.status_code == 200, response.text
    return {found["job"]["sources"][0]["source_id"]: found for found in response.json()["matches"]}


def _statuses(matches: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {key: found["status"] for key, found in matches.items()}


MEETS = (
    _posting("apprentice-or-cca", "Requirements: CPC-A or CCA required. No experience required."),
    _posting("rhit", "RHIT required."),
    _posting("cca", "CCA required."),
    _posting("ccs", "CCS required."),
    _posting("aapc-body", "AAPC certification required."),
    _posting("any-coding", "Coding certification required."),
)


@pytest.mark.parametrize(
    ("held", "met"),
    [
        ("CPC", {"apprentice-or-cca", "aapc-body", "any-coding"}),  # CPC meets CPC-A, not CCS
        ("CPC-A", {"apprentice-or-cca", "aapc-body", "any-coding"}),  # ANY_AAPC: apprentices too
        ("RHIA", {"rhit", "any-coding"}),  # RHIA meets RHIT
        ("CCS", {"apprentice-or-cca", "cca", "ccs", "any-coding"}),  # CCS meets CCA
        ("CCA", {"apprentice-or-cca", "cca", "any-coding"}),
        ("CBCS", {"any-coding"}),
        ("CPB", {"aapc-body"}),  # an AAPC credential, but not a coding one
        ("RN", set()),  # an RN meets only RN
    ],
)
def test_a_credential_meets_itself_its_apprentice_form_lower_rungs_and_group_tokens(
    serve: Serve, held: str, met: set[str]
) -> None:
    client = serve(*MEETS)
    assert set(_found(client, credential=held)) == met
    matches = _matches(client, [held])
    assert _statuses(matches) == dict.fromkeys(met, "eligible")
    for found in matches.values():
        assert found["reasons"][0].startswith(f"Your {held} meets '")
    if "apprentice-or-cca" in matches:
        assert (
            f"Your {held} meets 'CPC-A or CCA required'" in matches["apprentice-or-cca"]["reasons"]
        )


def test_every_required_group_must_be_met(serve: Serve) -> None:
    client = serve(_posting("both", "CPC or CCS required. RHIT required."))
    assert _found(client, credential="CPC") == []
    assert _found(client, credential="RHIT") == []
    assert _found(client, credential=["CPC", "RHIT"]) == ["both"]
    assert _found(client, credential=["CCS", "RHIA"]) == ["both"]
    assert _matches(client, ["CPC"]) == {}
    assert _matches(client, ["RHIT", "CCA"]) == {}
    found = _matches(client, ["CPC", "RHIT"])["both"]
    assert found["status"] == "eligible"
    assert found["reasons"][:2] == [
        "Your CPC meets 'CPC or CCS required'",
        "Your RHIT meets 'RHIT required'",
    ]


APPRENTICE = (
    _posting("welcome", "CPC required. CPC-A accepted."),
    _posting("silent", "CPC required."),
    _posting("refused", "CPC required. CPC-A not accepted."),
)


def test_an_apprentice_is_eligible_where_accepted_a_stretch_where_silent_out_where_refused(
    serve: Serve,
) -> None:
    client = serve(*APPRENTICE)
    matches = _matches(client, ["CPC-A"])
    assert list(matches) == ["welcome", "silent"]  # the stretch shown after, apart
    assert _statuses(matches) == {"welcome": "eligible", "silent": "stretch"}
    assert matches["welcome"]["reasons"][0] == "Your CPC-A meets 'CPC required'"
    assert matches["silent"]["reasons"][0] == (
        "CPC is required and the posting does not say whether CPC-A is accepted: a stretch"
    )
    assert _found(client, credential="CPC-A") == ["welcome"]


def test_the_full_credential_meets_all_three_whatever_they_say_of_apprentices(
    serve: Serve,
) -> None:
    client = serve(*APPRENTICE)
    assert set(_found(client, credential="CPC")) == {"welcome", "silent", "refused"}
    assert _statuses(_matches(client, ["CPC"])) == dict.fromkeys(
        ("welcome", "silent", "refused"), "eligible"
    )


def test_a_credential_earned_after_hire_is_eligible_with_the_condition_shown(
    serve: Serve,
) -> None:
    client = serve(_posting("grace", "CPC required. CRC required within 6 months of hire."))
    assert _found(client, credential="CPC") == ["grace"]
    found = _matches(client, ["CPC"])["grace"]
    assert found["status"] == "eligible"
    assert "CRC is required; you may earn it within 6 months of hire" in found["reasons"]
    assert _found(client, credential="CCS") == []  # the CPC group has no grace


def test_grace_never_covers_a_licence(serve: Serve) -> None:
    client = serve(
        _posting("rn-later", "RN license required within 6 months of hire.", title="CDI Nurse"),
        _posting(
            "rn-now",
            "Active RN license required. CCDS or CDIP required within one year of hire.",
            title="CDI Specialist",
        ),
    )
    assert _found(client, credential="CDIP") == []
    assert _matches(client, ["CDIP", "CCDS"]) == {}
    assert set(_found(client, credential="RN")) == {"rn-later", "rn-now"}
    matches = _matches(client, ["RN"])
    assert _statuses(matches) == {"rn-later": "eligible", "rn-now": "eligible"}
    assert (
        "CCDS or CDIP is required; you may earn it within 12 months of hire"
        in (matches["rn-now"]["reasons"])
    )


EXPERIENCE = (
    _posting("unstated", "CPC required."),
    _posting("one-year", "CPC required. 1 year of coding experience required."),
    _posting("two-years", "CPC required. 2 years of coding experience required."),
)


def test_enough_years_are_eligible_one_short_a_stretch_two_short_out(serve: Serve) -> None:
    client = serve(*EXPERIENCE)
    new = _matches(client, ["CPC"], 0)
    assert _statuses(new) == {"unstated": "eligible", "one-year": "stretch"}
    assert "Requires 1 year; you have 0: a stretch" in new["one-year"]["reasons"]
    assert _statuses(_matches(client, ["CPC"], 1)) == {
        "unstated": "eligible",
        "one-year": "eligible",
        "two-years": "stretch",
    }
    assert set(_statuses(_matches(client, ["CPC"], 2)).values()) == {"eligible"}


def test_experience_years_keeps_the_jobs_needing_at_most_that_many(serve: Serve) -> None:
    client = serve(*EXPERIENCE)
    assert _found(client, experience_years=0) == ["unstated"]  # unstated counts as none
    assert set(_found(client, experience_years=1)) == {"unstated", "one-year"}
    assert set(_found(client, experience_years=2, credential="CPC")) == {
        "unstated",
        "one-year",
        "two-years",
    }


def test_entry_level_keeps_jobs_a_new_coder_can_get_and_drops_senior_titles_and_years(
    serve: Serve,
) -> None:
    open_to_new = "CPC or CPC-A required. No experience necessary."
    client = serve(
        _posting("new-coder", open_to_new, title="Medical Coder I"),
        _posting("senior", open_to_new, title="Senior Medical Coder"),
        _posting("lead", open_to_new, title="Coding Lead"),
        _posting("three-years", "CPC or CPC-A required. 3 years of coding experience required."),
        _posting("ccs", "CCS required."),
        _posting("silent", "CPC required."),  # a stretch for a CPC-A: still entry-level
        _posting("one-year", "CPC or CCA required. CPC-A accepted. 1 year of experience required."),
    )
    assert set(_found(client, entry_level=True)) == {"new-coder", "silent", "one-year"}
    assert set(_found(client, entry_level=False)) == {"senior", "lead", "three-years", "ccs"}
    assert _found(client, entry_level=True, credential="CPC-A", experience_years=0) == ["new-coder"]
    hits = client.get("/api/jobs", params={"size": 100}).json()["hits"]
    flags = {hit["sources"][0]["source_id"]: hit["entry_level"] for hit in hits}
    assert flags["new-coder"] is True
    assert flags["senior"] is False


PLACES = (
    _posting("near", "CPC required.", location="Round Rock, TX"),  # about 15 miles
    _posting("far", "CPC required.", location="Denver, CO"),
    _posting("remote", "CPC required. This is a fully remote position.", location="Remote"),
)


def test_near_keeps_jobs_within_the_radius_and_remote_jobs_and_drops_far_ones(
    serve: Serve,
) -> None:
    client = serve(*PLACES)
    assert set(_found(client)) == {"near", "far", "remote"}  # without a place: everywhere
    assert set(_found(client, near=AUSTIN, radius_miles=50)) == {"near", "remote"}
    assert _found(client, near=AUSTIN, radius_miles=10) == ["remote"]


def test_a_match_reaches_near_jobs_and_remote_ones_only_when_remote_is_wanted(
    serve: Serve,
) -> None:
    client = serve(*PLACES)
    matches = _matches(client, ["CPC"])
    assert set(matches) == {"near", "remote"}
    assert "Remote" in matches["remote"]["reasons"]
    assert "15 miles away" in matches["near"]["reasons"]
    assert set(_matches(client, ["CPC"], remote_ok=False)) == {"near"}
    assert set(_matches(client, ["CPC"], radius_miles=10, remote_ok=False)) == set()


PAY = (
    _posting("low", "CPC required. Pay: $15 - $17 per hour."),  # tops out at $35,360 a year
    _posting("high", "CPC required. Pay: $25 - $30 per hour."),
    _posting("unstated", "CPC required."),
)


def test_a_minimum_salary_leaves_out_pay_topping_out_below_it_and_keeps_unstated_pay(
    serve: Serve,
) -> None:
    client = serve(*PAY)
    assert set(_found(client, min_salary=45_000)) == {"high", "unstated"}
    assert _found(client, min_salary=45_000, sort="salary") == ["high", "unstated"]
    assert set(_found(client, min_salary=30_000)) == {"low", "high", "unstated"}
    matches = _matches(client, ["CPC"], min_salary=45_000)
    assert list(matches) == ["high", "unstated"]
    assert "Pays $25-30/h" in matches["high"]["reasons"]
    assert "Pay not stated" in matches["unstated"]["reasons"]


def test_unstated_pay_comes_after_stated_pay_even_when_it_is_remote(serve: Serve) -> None:
    client = serve(
        _posting("paid", "CPC required. Pay: $23 - $24 per hour.", location="San Marcos, TX"),
        _posting("unstated", "CPC required. This is a fully remote position.", location="Remote"),
    )
    assert list(_matches(client, ["CPC"], min_salary=45_000)) == ["paid", "unstated"]
