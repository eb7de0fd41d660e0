"""The web pages' forms, read from the URL: a search or a seeker's profile, as people type them.

Pages are plain GET forms, so the URL holds the whole search and can be shared. Values come
as text: an empty field means absent, numbers may carry "$" and thousands commas, and a value
that cannot be read is an `InvalidSearch` naming the field, which the page shows beside the
form (the same error type the JSON API turns into a 422).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.datastructures import QueryParams

from indexer.search_request import InvalidSearch, SearchRequest

MAX_TEXT = 200  # characters in a text field, as in the JSON API
RADIUS_CHOICES = (10, 25, 50, 100, 250)
Number = TypeVar("Number", int, float)


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
        entry_level=True if _text(params, "entry_level") else None,
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
