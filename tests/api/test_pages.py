"""The web pages through the app, over a real SQLite store filled by `codermatch ingest`.

The HTML is read with BeautifulSoup, as a person would read it: what each page says, which
links and fields it has, and that its figures agree with the JSON API.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from tests.api.conftest import HOSTILE_TITLE


def _page(client: Any, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def _count_beside(page: BeautifulSoup, name: str, value: str) -> int:
    """The facet count a filter shows beside its choice: "CPC (41)" gives 41."""
    box = page.find("input", attrs={"name": name, "value": value})
    assert isinstance(box, Tag)
    label = box.find_parent("label")
    assert isinstance(label, Tag)
    found = re.search(r"\((\d+)\)", label.get_text())
    assert found, label.get_text()
    return int(found.group(1))


def _job_links(page: BeautifulSoup) -> list[str]:
    return [str(link["href"]) for link in page.select(".job-title a")]


def test_every_page_forbids_inline_script_and_has_one_main_and_one_h1(client: Any) -> None:
    for url in ("/", "/match", "/insights", "/subscribe", "/jobs/no-such-job", "/?near=Atlantis"):
        response = client.get(url)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src" not in policy  # so default-src 'none' forbids every script
        page = BeautifulSoup(response.text, "html.parser")
        assert len(page.find_all("main")) == 1
        assert len(page.find_all("h1")) == 1
        assert not page.find("script")
        assert not page.select("[style]")  # the policy would refuse inline styles
        for control in page.select("input:not([type=hidden]), select"):
            labelled = page.find("label", attrs={"for": control.get("id")})
            assert labelled or control.find_parent("label"), control


def test_search_shows_facet_counts_that_choosing_them_gives(client: Any) -> None:
    page = _page(client, "/")
    api = client.get("/api/jobs").json()
    assert _count_beside(page, "credential", "CPC-A") == api["facets"]["credentials"]["CPC-A"]
    assert _count_beside(page, "setting", "inpatient") == api["facets"]["settings"]["inpatient"]
    heading = page.find(id="results-heading")
    assert heading
    assert heading.get_text() == f"{api['total']} jobs"

    chosen = _page(client, "/?credential=CPC-A")
    heading = chosen.find(id="results-heading")
    assert heading
    assert heading.get_text() == f"{_count_beside(page, 'credential', 'CPC-A')} jobs"
    box = chosen.find("input", attrs={"name": "credential", "value": "CPC-A"})
    assert isinstance(box, Tag)
    assert box.has_attr("checked")
    narrowed = client.get("/api/jobs", params={"credential": "CPC-A"}).json()
    assert _count_beside(chosen, "setting", "inpatient") == narrowed["facets"]["settings"].get(
        "inpatient", 0
    )


def test_the_url_holds_the_whole_search_and_paging_keeps_it(client: Any) -> None:
    url = "/?q=coder&credential=CPC&setting=professional&near=Austin%2C+TX&radius_miles=250&size=5"
    page = _page(client, url)
    form = page.find("form", attrs={"role": "search"})
    assert isinstance(form, Tag)
    assert form["method"] == "get"
    q = page.find("input", attrs={"name": "q"})
    near = page.find("input", attrs={"name": "near"})
    assert isinstance(q, Tag)
    assert q["value"] == "coder"
    assert isinstance(near, Tag)
    assert near["value"] == "Austin, TX"
    radius = page.select_one("select[name=radius_miles] option[selected]")
    assert radius
    assert radius["value"] == "250"
    next_link = page.find("a", attrs={"rel": "next"})
    assert isinstance(next_link, Tag)
    second = _page(client, str(next_link["href"]))
    assert "page=2" in str(next_link["href"])
    assert "credential=CPC" in str(next_link["href"])
    assert "near=Austin" in str(next_link["href"])
    api = client.get(
        "/api/jobs",
        params={
            "q": "coder", "credential": "CPC", "setting": "professional",
            "near": "Austin, TX", "radius_miles": 250, "size": 5, "page": 2,
        },
    ).json()  # fmt: skip
    assert _job_links(second) == [f"/jobs/{hit['id']}" for hit in api["hits"]]


@pytest.mark.parametrize(
    ("url", "field", "words"),
    [
        ("/?near=Atlantis", "near", "unknown place 'Atlantis'"),
        ("/?experience_years=two", "experience_years", "'two' is not a whole number"),
        ("/?credential=XYZ", "credential", "unknown credential code 'XYZ'"),
        ("/?min_salary=lots", "min_salary", "'lots' is not a number"),
        ("/?page=0", "page", "must be at least 1"),
        ("/match?experience_years=", "experience_years", "say how many years"),
        ("/match?experience_years=1&near=Atlantis", "near", "unknown place"),
        ("/match?experience_years=1&credential=ZZZ", "credential", "unknown credential"),
        ("/match?experience_years=-2", "experience_years", "must be 0 or more"),
    ],
)
def test_a_bad_field_is_a_422_page_that_names_it_and_keeps_the_form(
    client: Any, url: str, field: str, words: str
) -> None:
    page = _page(client, url, status=422)
    summary = page.find(class_="error-summary")
    assert isinstance(summary, Tag)
    assert words in summary.get_text()
    link = summary.find("a")
    if field == "page":  # no form shows the page number: nothing to link to
        assert link is None
    else:
        assert isinstance(link, Tag)
        assert link["href"] == f"#field-{field}"
        assert page.find(id=f"field-{field}") is not None
    assert page.find("form") is not None


def test_a_job_page_says_what_it_requires_and_lists_its_sources(client: Any) -> None:
    api = client.get("/api/jobs", params={"q": "Risk Adjustment Coder Remote", "size": 1}).json()
    job = api["hits"][0]
    page = _page(client, f"/jobs/{job['id']}")
    heading = page.find("h1")
    assert heading
    assert heading.get_text() == job["title"]
    requirements = [item.get_text() for item in page.select(".requirements li")]
    groups = job["tags"]["credentials_required"]
    if groups:
        assert any(requirements[0].startswith("Required:") and code in requirements[0]
                   for code in groups[0])  # fmt: skip
    else:
        assert requirements[0] == "No credential is required."
    source_links = [str(link["href"]) for link in page.select(".sources a")]
    assert source_links == [source["url"] for source in job["sources"]]
    facts = {dt.get_text(): dd.get_text() for dt, dd in zip(
        page.select(".facts dt"), page.select(".facts dd"), strict=True)}  # fmt: skip
    assert {"First seen", "Last seen", "Status", "Pay"} <= set(facts)
    assert facts["Status"] == "Open"


def test_a_posting_with_a_script_a_handler_and_a_javascript_link_shows_none_of_them(
    client: Any,
) -> None:
    hit = client.get("/api/jobs", params={"q": HOSTILE_TITLE}).json()["hits"][0]
    page = _page(client, f"/jobs/{hit['id']}")
    description = page.find(class_="description")
    assert isinstance(description, Tag)
    assert "Code professional-fee E/M visits" in description.get_text()
    assert not description.find("script")
    assert "pwned" not in str(description)
    for element in description.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs)
        assert not str(element.get("href", "")).lower().startswith("javascript:")


def test_an_unknown_job_is_a_404_page(client: Any) -> None:
    page = _page(client, "/jobs/no-such-job", status=404)
    assert page.find("h1")
    assert page.find("h1").get_text() == "Not found"


def test_match_me_shows_eligible_and_stretch_jobs_apart_with_reasons_and_advice(
    client: Any,
) -> None:
    page = _page(client, "/match?credential=CPC-A&experience_years=0&near=Tampa%2C+FL")
    api = client.post(
        "/api/match",
        json={"credentials": ["CPC-A"], "experience_years": 0, "location": "Tampa, FL"},
    ).json()
    eligible = [m["job"]["id"] for m in api["matches"] if m["status"] == "eligible"]
    stretch = [m["job"]["id"] for m in api["matches"] if m["status"] == "stretch"]
    shown_eligible = [link.split("/")[-1] for link in _job_links_in(page, ".eligible")]
    shown_stretch = [link.split("/")[-1] for link in _job_links_in(page, ".stretch")]
    assert shown_eligible == eligible[:25]
    assert shown_stretch == stretch[:25]
    assert shown_eligible
    assert shown_stretch
    first_reasons = [item.get_text() for item in page.select(".eligible")[0].select(".reasons li")]
    assert first_reasons == api["matches"][0]["reasons"]
    advice = [item.get_text() for item in page.select(".advice-list li")]
    assert advice == [f"{item['sentence']}." for item in api["advice"]]
    box = page.find("input", attrs={"name": "credential", "value": "CPC-A"})
    assert isinstance(box, Tag)
    assert box.has_attr("checked")


def _job_links_in(page: BeautifulSoup, selector: str) -> list[str]:
    return [
        str(link["href"])
        for block in page.select(selector)
        for link in block.select(".job-title a")
    ]


def test_match_me_without_an_answer_is_only_the_form(client: Any) -> None:
    page = _page(client, "/match")
    assert page.find("form", attrs={"action": "/match"}) is not None
    assert not page.select(".eligible, .stretch, .advice")


def test_insights_draw_the_api_figures_as_svg(client: Any) -> None:
    page = _page(client, "/insights")
    api = client.get("/api/insights").json()
    figures = [stat.get_text() for stat in page.select(".stat-figure")]
    assert figures[0] == str(api["overall"]["open_jobs"])
    charts = page.select("svg[role=img]")
    assert len(charts) == 5
    demand = charts[0]
    description = demand.find("desc")
    assert description is not None
    assert f"CPC-A: {api['by_credential']['CPC-A']['open_jobs']}" in description.get_text()
    rows = {
        row.th.get_text(): row.td.get_text() for row in page.select("table")[0].select("tbody tr")
    }
    assert rows["CPC"] == str(api["by_credential"]["CPC"]["open_jobs"])
