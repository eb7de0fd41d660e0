"""Turning a raw posting into a clean, tagged one.

The description is sanitized before anything else reads it, and the plain text the tagger and
search see is derived from the sanitized HTML, so nothing from a script ever reaches them.
Fields the source states in structured form (employment type, remote or on-site, pay) win
over what the text suggests; the text fills what the source leaves empty. Pure: the date is
passed in.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import replace
from datetime import date

from indexer.dates import parse_date
from indexer.employment import employment_type_of
from indexer.html_text import html_to_text, sanitize_html
from indexer.location import parse_location
from indexer.models import Posting, RawPosting
from indexer.salary import annual_salary_usd, parse_salary
from indexer.tagging.tagger import tag_posting
from indexer.tags import Tags

_ARRANGEMENT_WORDS = {
    "remote": "remote",
    "telecommute": "remote",
    "fully remote": "remote",
    "hybrid": "hybrid",
    "on-site": "onsite",
    "onsite": "onsite",
    "on site": "onsite",
    "in office": "onsite",
    "in-office": "onsite",
}


def normalize_posting(raw: RawPosting, *, today: date) -> Posting:
    """Sanitize, derive text, place, dates and pay, and tag one raw posting."""
    description_html = sanitize_html(raw.description_html or _paragraphs(raw.text or ""))
    text = html_to_text(description_html)
    tags = tag_posting(raw.title, text, employer=raw.employer).tags
    parsed_location = parse_location(raw.location)
    tags = _with_source_fields(tags, raw, location_says_remote=parsed_location.is_remote)
    annual = annual_salary_usd(tags.salary) if tags.salary else None
    return Posting(
        source=raw.source,
        source_id=raw.source_id,
        url=raw.url,
        title=raw.title,
        employer=raw.employer,
        description_html=description_html,
        text=text,
        location_text=raw.location,
        place=parsed_location.place,
        is_remote=tags.work_arrangement == "remote",
        posted_at=parse_date(raw.posted_at, today=today),
        valid_through=parse_date(raw.valid_through, today=today),
        tags=tags,
        annual_salary_usd=annual,
        content_hash=_content_hash(raw, text),
    )


def _with_source_fields(tags: Tags, raw: RawPosting, *, location_says_remote: bool) -> Tags:
    """Structured fields of the source win; the text fills the rest."""
    arrangement = work_arrangement_of(raw.work_arrangement)
    if arrangement is None and location_says_remote:
        arrangement = "remote"
    salary = parse_salary(raw.salary) if raw.salary else None
    return replace(
        tags,
        employment_type=employment_type_of(raw.employment_type) or tags.employment_type,
        work_arrangement=arrangement or tags.work_arrangement,
        salary=salary or tags.salary,
    )


def work_arrangement_of(label: str | None) -> str | None:
    """A source's own arrangement label ("on-site", "TELECOMMUTE", "Hybrid") as a tag value."""
    if not label:
        return None
    return _ARRANGEMENT_WORDS.get(label.strip().lower().replace("_", " "))


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, one a line, escaped."""
    lines = (line.strip() for line in text.splitlines())
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def _content_hash(raw: RawPosting, text: str) -> str:
    """What a crawl compares to see whether a posting changed."""
    parts = (raw.title, raw.employer or "", raw.location or "", raw.salary or "", text)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
