"""The HTTP API through the app, over a real SQLite store filled by `codermatch ingest`."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.eligibility import Verdict, judge
from indexer.tags import Tags


def _problem(response: Any) -> tuple[int, list[str]]:
    """The status and the names of the parameters a 422 blames."""
    detail = response.json().get("detail", [])
    return response.status_code, [str(item["loc"][-1]) for item in detail]


def test_health_and_readiness(client: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["open_jobs"] == client.get("/api/jobs").json()["total"] > 100


def test_a_credential_keeps_the_jobs_it_meets_and_its_facet_gives_that_count(
    client: Any,
) -> None:
    everything = client.get("/api/jobs").json()
    cpc_a = client.get("/api/jobs", params={"credential": "CPC-A", "size": 100}).json()
    assert cpc_a["total"] == everything["facets"]["credentials"]["CPC-A"]
    assert 0 < cpc_a["total"] < everything["total"]
    for hit in cpc_a["hits"]:
        verdict = judge(Tags.from_dict(hit["tags"]), {"CPC-A"}, 60).verdict
        assert verdict is Verdict.ELIGIBLE


def test_an_empty_parameter_means_absent(client: Any) -> None:
    plain = client.get("/api/jobs").json()
    empty = client.get(
        "/api/jobs?q=&credential=&setting=&work_arrangement=&entry_level=&experience_years="
        "&near=&radius_miles=&min_salary=&posted_within_days=&sort=&page=&size="
    )
    assert empty.status_code == 200
    assert empty.json()["total"] == plain["total"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("size=0", "size"),
        ("size=101", "size"),
        ("page=0", "page"),
        ("credential=CPC&credential=XYZ", "credential"),
        ("setting=dental", "setting"),
        ("near=Atlantis", "near"),
        ("experience_years=-1", "experience_years"),
        ("experience_years=two", "experience_years"),
        ("entry_level=maybe", "entry_level"),
        ("radius_miles=0", "radius_miles"),
        ("radius_miles=501", "radius_miles"),
        ("posted_within_days=10000000", "posted_within_days"),
        ("experience_years=61", "experience_years"),
        ("sort=cheapest", "sort"),
        ("work_arrangement=mars", "work_arrangement"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(client: Any, query: str, parameter: str) -> None:
    assert _problem(client.get(f"/api/jobs?{query}")) == (422, [parameter])


def test_one_job_has_its_description_and_an_unknown_id_is_404(client: Any) -> None:
    hit = client.get("/api/jobs", params={"size": 1}).json()["hits"][0]
    job = client.get(f"/api/jobs/{hit['id']}").json()
    assert job["id"] == hit["id"]
    assert "<script" not in job["description_html"]
    assert len(job["description_html"]) > 200
    missing = client.get("/api/jobs/no-such-job")
    assert missing.status_code == 404
    assert "no-such-job" in missing.json()["detail"]


def test_match_puts_eligible_jobs_first_with_reasons_and_gives_advice(client: Any) -> None:
    profile = {"credentials": ["CPC-A"], "experience_years": 0, "location": "Tampa, FL"}
    answer = client.post("/api/match", json=profile)
    assert answer.status_code == 200
    matches = answer.json()["matches"]
    statuses = [found["status"] for found in matches]
    assert "eligible" in statuses
    assert statuses == sorted(statuses)  # "eligible" < "stretch"
    for found in matches:
        assert found["reasons"]
        verdict = judge(Tags.from_dict(found["job"]["tags"]), {"CPC-A"}, 0).verdict
        assert verdict.value == found["status"]
    advice = answer.json()["advice"]
    assert advice
    assert all(item["more_jobs"] > 0 and item["sentence"] for item in advice)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"credentials": ["CPC", "ZZZ"], "experience_years": 0}, "credentials"),
        ({"credentials": ["CPC"], "experience_years": -1}, "experience_years"),
        ({"credentials": ["CPC"]}, "experience_years"),
        ({"credentials": ["CPC"], "experience_years": 0, "location": "Atlantis"}, "location"),
        ({"credentials": ["CPC"], "experience_years": 0, "settings": ["dental"]}, "settings"),
        ({"credentials": ["CPC"], "experience_years": 0, "radius_miles": 0}, "radius_miles"),
        ({"credentials": ["CPC"], "experience_years": 0, "shoe_size": 9}, "shoe_size"),
    ],
)
def test_a_bad_profile_is_a_422_naming_the_field(
    client: Any, body: dict[str, Any], field: str
) -> None:
    assert _problem(client.post("/api/match", json=body)) == (422, [field])


def test_insights_count_what_search_finds(client: Any) -> None:
    insights = client.get("/api/insights").json()
    total = client.get("/api/jobs").json()["total"]
    assert insights["overall"]["open_jobs"] == total
    cpc_a = client.get("/api/jobs", params={"credential": "CPC-A"}).json()["total"]
    assert insights["by_credential"]["CPC-A"]["open_jobs"] == cpc_a
    inpatient = client.get("/api/jobs", params={"setting": "inpatient"}).json()["total"]
    assert insights["by_setting"]["inpatient"]["open_jobs"] == inpatient
    low, middle, high = insights["overall"]["salary_quartiles"]
    assert low <= middle <= high
    assert 0 < insights["by_credential"]["CPC-A"]["entry_level_share"] <= 1
