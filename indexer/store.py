"""What every posting store offers (`PostingStore`), and the values that cross it.

Stores keep tagged postings as jobs (one job may have several sources), search them with the
filters of DESIGN.md's `GET /api/jobs`, and keep them over time (first seen, last seen, closed).
SQLite (embedded) and Elasticsearch (scale-out) implement it; callers never know which.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol

from indexer.location import Place
from indexer.models import Posting
from indexer.tags import Tags

SortOrder = Literal["relevance", "date", "salary"]


@dataclass(frozen=True)
class SourceLink:
    """Where a job was seen: a source of sources.yaml, its id there, and the posting's URL."""

    source: str
    source_id: str
    url: str


@dataclass(frozen=True)
class Job:
    """A job as the CLI, the API and the digest show it (DESIGN.md, the job object)."""

    id: str
    title: str
    employer: str | None
    place: Place | None
    is_remote: bool
    url: str
    sources: tuple[SourceLink, ...]
    first_seen: datetime
    last_seen: datetime
    is_open: bool
    entry_level: bool
    annual_salary_usd: tuple[float | None, float | None] | None
    tags: Tags
    posted_at: date | None = None
    description_html: str | None = None
    distance_miles: float | None = None

    def to_dict(self, *, with_description: bool = False) -> dict[str, Any]:
        """The DESIGN.md job object as plain JSON values."""
        place = self.place
        shown: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "employer": self.employer,
            "location": (
                {"city": place.city, "state": place.state, "zip": place.zip}
                if place and (place.city or place.state)
                else None
            ),
            "is_remote": self.is_remote,
            "work_arrangement": self.tags.work_arrangement,
            "url": self.url,
            "sources": [
                {"source": link.source, "source_id": link.source_id, "url": link.url}
                for link in self.sources
            ],
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "is_open": self.is_open,
            "entry_level": self.entry_level,
            "annual_salary_usd": (
                {"min": self.annual_salary_usd[0], "max": self.annual_salary_usd[1]}
                if self.annual_salary_usd
                else None
            ),
            "tags": self.tags.to_dict(),
        }
        if self.distance_miles is not None:
            shown["distance_miles"] = round(self.distance_miles, 1)
        if with_description:
            shown["description_html"] = self.description_html
        return shown


@dataclass(frozen=True)
class Candidate:
    """A job as the matcher first weighs it: what judging and ranking read, nothing more."""

    id: str
    title: str
    tags: Tags
    is_remote: bool
    distance_miles: float | None
    annual_salary_usd: tuple[float | None, float | None] | None
    posted_at: date  # the posting date, else the day it was first seen


@dataclass(frozen=True)
class SearchQuery:
    """The filters, sort and page of a search (DESIGN.md `GET /api/jobs`)."""

    text: str = ""
    credentials: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    work_arrangement: str | None = None
    entry_level: bool | None = None
    experience_years: int | None = None
    near: Place | None = None
    radius_miles: float = 50.0
    min_salary: float | None = None
    posted_within_days: int | None = None
    today: date | None = None
    sort: SortOrder = "relevance"
    page: int = 1
    size: int = 20


@dataclass(frozen=True)
class SearchResult:
    """One page of hits, the total, and facet counts under the other filters."""

    total: int
    hits: tuple[Job, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class KnownPage:
    """An open posting of a source, found by the page URL it was read from."""

    source_id: str
    last_seen: datetime


@dataclass(frozen=True)
class UpsertOutcome:
    """What a batch did: jobs created, changed, unchanged, and postings merged into a job."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    merged: int = 0


class PostingStore(Protocol):
    """The store every stage talks to."""

    def upsert(self, postings: Iterable[Posting], *, seen_at: datetime) -> UpsertOutcome:
        """Store a batch: new jobs, changes, and sources merged into existing jobs."""
        ...

    def get(self, job_id: str) -> Job | None:
        """One job with its description, open or closed."""
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Open coding jobs matching every filter, sorted and paged, with facets."""
        ...

    def candidates(self, query: SearchQuery) -> list[Candidate]:
        """Every open coding job matching the query's filters, light (no paging, no facets)."""
        ...

    def jobs(self, job_ids: Iterable[str], *, near: Place | None = None) -> list[Job]:
        """These jobs, in this order (unknown ids left out), distances from `near`."""
        ...

    def open_jobs(self, *, first_seen_since: datetime | None = None) -> Iterator[Job]:
        """Every open coding job, or those first seen since a time (for the digest)."""
        ...

    def known_postings(self, source: str) -> dict[str, str]:
        """A source's open postings: source id to content hash (to skip unchanged ones)."""
        ...

    def known_pages(self, source: str) -> dict[str, KnownPage]:
        """A source's open postings by page URL (to skip pages a sitemap says are unchanged)."""
        ...

    def mark_seen(self, source: str, source_ids: Iterable[str], *, at: datetime) -> None:
        """Record that a crawl saw these open postings again without fetching them."""
        ...

    def close_missing(self, source: str, seen_ids: Iterable[str], *, at: datetime) -> int:
        """After a successful crawl of a source, close its postings it no longer returns."""
        ...

    def close_expired(self, *, today: date, at: datetime) -> int:
        """Close jobs whose `validThrough` has passed."""
        ...

    def stats(self) -> dict[str, int]:
        """Counts of jobs: open, closed, non-coding, sources."""
        ...
