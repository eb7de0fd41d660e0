"""A seeker's profile (DESIGN.md's `/api/match` body), checked once at the edge.

Credentials become canonical codes (an unknown code is an error naming it), the place is
resolved to coordinates, and impossible numbers are refused. Errors are `InvalidSearch`, which
names the field at fault, so the command and the API say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from indexer.location import Place, resolve_place
from indexer.search_request import InvalidSearch
from indexer.tagging.care_settings import SETTINGS
from indexer.taxonomy import load_taxonomy


@dataclass(frozen=True)
class Profile:
    """What a seeker holds and wants; `place` is None when they gave none."""

    credentials: frozenset[str]
    experience_years: int
    settings: frozenset[str] = frozenset()
    place: Place | None = None
    radius_miles: float = 50.0
    remote_ok: bool = True
    min_salary: float | None = None
    keywords: str = ""


def make_profile(
    credentials: Iterable[str],
    experience_years: int,
    *,
    settings: Iterable[str] = (),
    location: str | None = None,
    radius_miles: float = 50.0,
    remote_ok: bool = True,
    min_salary: float | None = None,
    keywords: str = "",
) -> Profile:
    """A checked profile, or `InvalidSearch` naming the field at fault."""
    return Profile(
        credentials=frozenset(_credentials(credentials)),
        experience_years=_years(experience_years),
        settings=frozenset(_settings(settings)),
        place=_place(location),
        radius_miles=_radius(radius_miles),
        remote_ok=remote_ok,
        min_salary=_minimum(min_salary),
        keywords=keywords.strip(),
    )


def _credentials(codes: Iterable[str]) -> list[str]:
    taxonomy = load_taxonomy()
    known = []
    for code in codes:
        if not code.strip():
            continue
        canonical = taxonomy.canonical_code(code)
        if canonical is None or canonical not in taxonomy.credentials:
            raise InvalidSearch("credentials", f"unknown credential code {code!r}")
        known.append(canonical)
    return known


def _years(years: int) -> int:
    if years < 0:
        raise InvalidSearch("experience_years", "must be 0 or more")
    if years > 60:
        raise InvalidSearch("experience_years", "must be at most 60")
    return years


def _settings(values: Iterable[str]) -> list[str]:
    chosen = []
    for value in values:
        if not value.strip():
            continue
        if value.strip().lower() not in SETTINGS:
            raise InvalidSearch("settings", f"{value!r} is not one of {', '.join(SETTINGS)}")
        chosen.append(value.strip().lower())
    return chosen


def _place(text: str | None) -> Place | None:
    if text is None or not text.strip():
        return None
    place = resolve_place(text)
    if place is None or place.latitude is None:
        raise InvalidSearch("location", f"unknown place {text!r}; try 'City, ST' or a ZIP code")
    return place


def _radius(miles: float) -> float:
    if not 0 < miles <= 500:
        raise InvalidSearch("radius_miles", "must be more than 0 and at most 500")
    return miles


def _minimum(amount: float | None) -> float | None:
    if amount is not None and amount < 0:
        raise InvalidSearch("min_salary", "must be 0 or more")
    return amount
