"""A search or a seeker's profile read from a URL's query (or a form), as people type them.

The search page, the "Match me" page and the JSON search `GET /api/jobs` read their
parameters here, so they agree. Pages are plain GET forms, so the URL holds the whole search
and can be shared. Values come as text: an empty one means absent, numbers may carry "$" and
thousands commas, and a value that cannot be read is an `InvalidSearch` naming the parameter,
which a page shows beside its form and the JSON API returns as a 422.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.datastructures import QueryParams

from indexer.search_request import InvalidSearch, SearchRequest

MAX_TEXT = 200  # characters in a text field, as in the JSON API
RADIUS_CHOICES = (10, 25, 50, 100, 250)
_YES = ("true", "1", "yes", "on")
_NO = ("false", "0", "no", "off")
Number = TypeVar("Number", int, float)


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}  # fmt: skip


_TEXT = {"type": "string", "maxLength": MAX_TEXT}
_TEXTS = {"type": "array", "items": _TEXT}
# `GET /api/jobs`'s parameters as OpenAPI describes them (DESIGN.md, HTTP interface).
SEARCH_PARAMETERS = [
    _parameter("q", "Words to look for", _TEXT),
    _parameter(
        "credential", "Credentials held (repeat): jobs whose requirements they meet", _TEXTS
    ),
    _parameter(
        "setting",
        "inpatient, outpatient, professional, risk_adjustment, audit, cdi, billing (repeat)",
        _TEXTS,
    ),
    _parameter("work_arrangement", "remote, hybrid or onsite", _TEXT),
    _parameter("entry_level", "true: only jobs a new coder can get", {"type": "boolean"}),
    _parameter(
        "experience_years", "Jobs requiring at most this many years (0-60)", {"type": "integer"}
    ),
    _parameter("near", "A place: 'City, ST' or a ZIP code", _TEXT),
    _parameter(
        "radius_miles",
        "Distance from `near` (more than 0, at most 500; default 50)",
        {"type": "number"},
    ),
    _parameter("min_salary", "Least yearly pay in USD", {"type": "number"}),
    _parameter("posted_within_days", "Posted in the last N days (0-3650)", {"type": "integer"}),
    _parameter("sort", "relevance (default), date or salary", _TEXT),
    _parameter("page", "Page number, from 1", {"type": "integer"}),
    _parameter("size", "Jobs a page, 1-100 (default 20)", {"type": "integer"}),
]


@dataclass(frozen=True)
class ProfileForm:
    """The "Match me" form, read: the arguments of `matching.profile.make_profile`."""

    credentials: tuple[str, ...]
    experience_years: int
    settings: tuple[str, ...]
    location: str | None
    radius_miles: float
    remote_ok: bool
    min_salary: float | None
    keywords: str

    def profile_arguments(self) -> dict[str, Any]:
        """Keyword arguments for `make_profile` after the credentials and years."""
        return {
            "settings": self.settings,
            "location": self.location,
            "radius_miles": self.radius_miles,
            "remote_ok": self.remote_ok,
            "min_salary": self.min_salary,
            "keywords": self.keywords,
        }


def read_search(params: QueryParams) -> SearchRequest:
    """The search page's form as a `SearchRequest`, or `InvalidSearch` naming the field."""
    return SearchRequest(
        q=_text(params, "q") or "",
        credential=_choices(params, "credential"),
        setting=_choices(params, "setting"),
        work_arrangement=_text(params, "work_arrangement"),
        entry_level=_yes_or_no(params, "entry_level"),
        experience_years=_whole_number(params, "experience_years"),
        near=_text(params, "near"),
        radius_miles=_or_default(_number(params, "radius_miles"), 50.0),
        min_salary=_number(params, "min_salary"),
        posted_within_days=_whole_number(params, "posted_within_days"),
        sort=_text(params, "sort") or "relevance",
        page=_or_default(_whole_number(params, "page"), 1),
        size=_or_default(_whole_number(params, "size"), 20),
    )


def read_profile(params: QueryParams) -> ProfileForm:
    """The "Match me" form; the years are required, everything else has a default."""
    years = _whole_number(params, "experience_years")
    if years is None:
        raise InvalidSearch("experience_years", "say how many years you have coded (0 is fine)")
    return ProfileForm(
        credentials=_choices(params, "credential"),
        experience_years=years,
        settings=_choices(params, "setting"),
        location=_text(params, "near"),
        radius_miles=_or_default(_number(params, "radius_miles"), 50.0),
        remote_ok=_text(params, "remote") != "no",
        min_salary=_number(params, "min_salary"),
        keywords=_text(params, "keywords") or "",
    )


def _or_default(value: Number | None, default: Number) -> Number:
    return default if value is None else value


def _text(params: QueryParams, name: str) -> str | None:
    value = params.get(name, "").strip()
    if len(value) > MAX_TEXT:
        raise InvalidSearch(name, f"at most {MAX_TEXT} characters")
    return value or None


def _choices(params: QueryParams, name: str) -> tuple[str, ...]:
    values = [value.strip() for value in params.getlist(name) if value.strip()]
    if any(len(value) > MAX_TEXT for value in values):
        raise InvalidSearch(name, f"at most {MAX_TEXT} characters")
    return tuple(dict.fromkeys(values))


def _yes_or_no(params: QueryParams, name: str) -> bool | None:
    value = _text(params, name)
    if value is None:
        return None
    if value.lower() in _YES:
        return True
    if value.lower() in _NO:
        return False
    raise InvalidSearch(name, f"{value!r} is not true or false")


def _whole_number(params: QueryParams, name: str) -> int | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return int(value.replace(",", ""))
    except ValueError:
        raise InvalidSearch(name, f"{value!r} is not a whole number") from None


def _number(params: QueryParams, name: str) -> float | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        number = float(value.replace("$", "").replace(",", ""))
    except ValueError:
        raise InvalidSearch(name, f"{value!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidSearch(name, f"{value!r} is not a number")
    return number
