"""A seeker's search as they type it (CLI flags, URL parameters), checked and made a query.

One home for what a valid search is, so the command and the API say the same things: an
unknown credential, setting or place, a page below 1 or a size outside 1-100 is an
`InvalidSearch` that names the parameter at fault. Empty values mean absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from indexer.errors import CoderMatchError
from indexer.location import Place, resolve_place
from indexer.store import SearchQuery
from indexer.tagging.care_settings import SETTINGS
from indexer.taxonomy import load_taxonomy

SORT_ORDERS = ("relevance", "date", "salary")
WORK_ARRANGEMENTS = ("remote", "hybrid", "onsite")
MAX_PAGE_SIZE = 100
Number = TypeVar("Number", int, float)


class InvalidSearch(CoderMatchError):
    """A search parameter that cannot be used; `parameter` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    """The search parameters of DESIGN.md, as given."""

    q: str = ""
    credential: tuple[str, ...] = ()
    setting: tuple[str, ...] = ()
    work_arrangement: str | None = None
    entry_level: bool | None = None
    experience_years: int | None = None
    near: str | None = None
    radius_miles: float = 50.0
    min_salary: float | None = None
    posted_within_days: int | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = 20


def to_query(request: SearchRequest, *, today: date) -> SearchQuery:
    """Check a request and make it a store query, or raise `InvalidSearch`."""
    return SearchQuery(
        text=request.q.strip(),
        credentials=frozenset(_credentials(request.credential)),
        settings=frozenset(_choices("setting", request.setting, SETTINGS)),
        work_arrangement=_choice("work_arrangement", request.work_arrangement, WORK_ARRANGEMENTS),
        entry_level=request.entry_level,
        experience_years=_between("experience_years", request.experience_years, 0, 60),
        near=_place(request.near),
        radius_miles=_radius(request.radius_miles),
        min_salary=_at_least("min_salary", request.min_salary, 0),
        posted_within_days=_between("posted_within_days", request.posted_within_days, 0, 3650),
        today=today,
        sort=_choice("sort", request.sort, SORT_ORDERS) or "relevance",  # type: ignore[arg-type]
        page=_at_least("page", request.page, 1) or 1,
        size=_size(request.size),
    )


def _credentials(codes: Iterable[str]) -> list[str]:
    taxonomy = load_taxonomy()
    known = []
    for code in codes:
        if not code.strip():
            continue
        canonical = taxonomy.canonical_code(code)
        if canonical is None:
            raise InvalidSearch("credential", f"unknown credential code {code!r}")
        known.append(canonical)
    return known


def _choices(parameter: str, values: Iterable[str], allowed: Iterable[str]) -> list[str]:
    return [
        choice for value in values if (choice := _choice(parameter, value, allowed)) is not None
    ]


def _choice(parameter: str, value: str | None, allowed: Iterable[str]) -> str | None:
    if value is None or not value.strip():
        return None
    options = tuple(allowed)
    if value.strip().lower() not in options:
        raise InvalidSearch(parameter, f"{value!r} is not one of {', '.join(options)}")
    return value.strip().lower()


def _place(text: str | None) -> Place | None:
    if text is None or not text.strip():
        return None
    place = resolve_place(text)
    if place is None:
        raise InvalidSearch("near", f"unknown place {text!r}; try 'City, ST' or a ZIP code")
    return place


def _at_least(parameter: str, value: Number | None, minimum: float) -> Number | None:
    if value is not None and value < minimum:
        raise InvalidSearch(parameter, f"must be at least {minimum:g}")
    return value


def _between(parameter: str, value: int | None, low: int, high: int) -> int | None:
    if value is not None and not low <= value <= high:
        raise InvalidSearch(parameter, f"must be between {low} and {high}")
    return value


def _radius(miles: float) -> float:
    if not 0 < miles <= 500:
        raise InvalidSearch("radius_miles", "must be more than 0 and at most 500")
    return miles


def _size(size: int) -> int:
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise InvalidSearch("size", f"must be between 1 and {MAX_PAGE_SIZE}")
    return size
