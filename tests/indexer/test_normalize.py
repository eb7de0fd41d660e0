"""Raw postings turned into clean, tagged ones: sanitizing first, source fields winning."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from indexer.html_text import html_to_text
from indexer.models import RawPosting
from indexer.normalize import normalize_posting, work_arrangement_of

TODAY = date(2026, 11, 25)


def _raw(**fields: object) -> RawPosting:
    values: dict[str, object] = {
        "source": "acme-health",
        "source_id": "R100",
        "url": "https://careers.example.org/jobs/R100",
        "title": "Medical Coder II",
        "description_html": "<p>CPC required. On site.</p>",
    }
    values.update(fields)
    return RawPosting.model_validate(values)


def test_script_handlers_and_javascript_links_never_reach_html_or_text() -> None:
    posting = normalize_posting(
        _raw(
            description_html=(
                '<p onclick="steal()">CCS required.</p><script>alert("x")</script>'
                '<a href="javascript:alert(1)">apply</a>'
            )
        ),
        today=TODAY,
    )
    for dangerous in ("script", "onclick", "javascript:", "alert"):
        assert dangerous not in posting.description_html
        assert dangerous not in posting.text
    assert posting.tags.credentials_required == (("CCS",),)


def test_plain_text_postings_get_escaped_html_paragraphs() -> None:
    posting = normalize_posting(
        _raw(description_html=None, text="RHIT required.\n<b>Remote</b> & flexible."),
        today=TODAY,
    )
    assert posting.description_html == (
        "<p>RHIT required.</p><p>&lt;b&gt;Remote&lt;/b&gt; &amp; flexible.</p>"
    )


def test_the_source_employment_type_wins_over_the_text() -> None:
    posting = normalize_posting(
        _raw(employment_type="PART_TIME", description_html="<p>Full-time. CPC required.</p>"),
        today=TODAY,
    )
    assert posting.tags.employment_type == "part_time"


def test_the_text_fills_an_employment_type_the_source_leaves_empty() -> None:
    posting = normalize_posting(_raw(description_html="<p>Per diem. CPC.</p>"), today=TODAY)
    assert posting.tags.employment_type == "per_diem"


def test_a_remote_location_makes_the_job_remote_even_if_the_text_says_on_site() -> None:
    posting = normalize_posting(_raw(location="Remote - US"), today=TODAY)
    assert posting.tags.work_arrangement == "remote"
    assert posting.is_remote


def test_the_source_work_arrangement_wins_over_location_and_text() -> None:
    posting = normalize_posting(
        _raw(location="Remote - US", work_arrangement="hybrid"), today=TODAY
    )
    assert posting.tags.work_arrangement == "hybrid"
    assert not posting.is_remote


def test_stated_salary_wins_and_is_annualized() -> None:
    posting = normalize_posting(
        _raw(salary="$20 - $25 per hour", description_html="<p>Pay: $15/hr. CPC.</p>"),
        today=TODAY,
    )
    assert posting.tags.salary is not None
    assert (posting.tags.salary.min, posting.tags.salary.max) == (20, 25)
    assert posting.annual_salary_usd == (41_600, 52_000)


def test_location_is_placed_with_coordinates() -> None:
    posting = normalize_posting(_raw(location="Columbus, OH"), today=TODAY)
    assert posting.place is not None
    assert (posting.place.city, posting.place.state) == ("Columbus", "OH")
    assert posting.place.latitude is not None


def test_dates_are_read_with_today_passed_in() -> None:
    posting = normalize_posting(
        _raw(posted_at="Posted 3 Days Ago", valid_through="2026-12-31T23:59"), today=TODAY
    )
    assert posting.posted_at == date(2026, 11, 22)
    assert posting.valid_through == date(2026, 12, 31)


def test_the_content_hash_changes_with_the_text_and_not_with_the_crawl() -> None:
    first = normalize_posting(_raw(), today=TODAY)
    again = normalize_posting(_raw(), today=date(2026, 12, 1))
    changed = normalize_posting(_raw(description_html="<p>CCS required.</p>"), today=TODAY)
    assert first.content_hash == again.content_hash
    assert first.content_hash != changed.content_hash


def test_a_posting_without_any_description_is_rejected() -> None:
    with pytest.raises(ValidationError, match="description_html or text"):
        _raw(description_html=None)


def test_a_posting_url_must_be_http() -> None:
    with pytest.raises(ValidationError, match="url"):
        _raw(url="javascript:alert(1)")


@pytest.mark.parametrize(
    ("label", "expected"),
    [("on-site", "onsite"), ("TELECOMMUTE", "remote"), ("Hybrid", "hybrid"), ("unspecified", None)],
)
def test_source_arrangement_labels_become_tag_values(label: str, expected: str | None) -> None:
    assert work_arrangement_of(label) == expected


_HTML_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<ul><li>", "</li></ul>", "<h3>Requirements</h3>",
        "<script>steal_9()</script>",
        "<a href='javascript:alert(1)'>", "<b onmouseover='steal_9()'>", "CPC or CCS required. ",
        "Remote. ", "$20-$25/hr ", "2+ years ", "&amp;", "&lt;", "<", ">", "\n", "\u2013",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    html=st.one_of(st.text(max_size=400), st.lists(_HTML_PIECES, max_size=40).map("".join)),
    location=st.one_of(st.none(), st.text(max_size=40)),
    salary=st.one_of(st.none(), st.text(max_size=40)),
)
def test_normalize_never_raises_and_never_lets_script_through(
    html: str, location: str | None, salary: str | None
) -> None:
    posting = normalize_posting(
        _raw(description_html=html if html.strip() else "x", location=location, salary=salary),
        today=TODAY,
    )
    assert "<script" not in posting.description_html.lower()
    assert "javascript:" not in posting.description_html.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", posting.description_html, re.IGNORECASE)
    # The text is what a browser shows of the sanitized HTML, nothing of a script.
    assert posting.text == html_to_text(posting.description_html)
