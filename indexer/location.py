"""Free-text job and seeker locations turned into US places with coordinates, and distances.

Coordinates come from the offline `zipcodes` table, read once on first need into lookups by
ZIP and by (city, state). A posting's text may also say it is remote; `parse_location`
reports that alongside any place it names.
"""

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import zipcodes


@dataclass(frozen=True)
class Place:
    """A US place; any part may be unknown. A city found by name carries its lowest ZIP and
    the mean position of its ZIPs; a place found by ZIP carries that ZIP's own position."""

    city: str | None
    state: str | None
    """Two-letter USPS code."""
    zip: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class ParsedLocation:
    """The first place a location text names, and whether it says the work is remote
    (a text that also says 'hybrid' is not remote)."""

    place: Place | None
    is_remote: bool


STATE_NAMES: Mapping[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "PR": "Puerto Rico", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
"""USPS code to name for the 50 states, DC and Puerto Rico."""

EARTH_RADIUS_MILES = 3958.8

_STATE_BY_NAME: Mapping[str, str] = {name.upper(): code for code, name in STATE_NAMES.items()}
_COUNTRY_NAMES = frozenset({"US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA", "AMERICA"})
_LONGEST_STATE_NAME_WORDS = max(len(name.split()) for name in STATE_NAMES.values())

_REMOTE = re.compile(
    r"\b(?:remote(?:ly)?|work(?:ing)?[\s-]+(?:from|at)[\s-]+home|wfh|tele-?commut\w*"
    r"|tele-?work\w*|virtual|home[\s-]+based|anywhere)\b",
    re.IGNORECASE,
)
_NOT_REMOTE = re.compile(r"\b(?:hybrid|not\s+remote|non-remote)\b", re.IGNORECASE)
_WORK_STYLE = re.compile(rf"{_REMOTE.pattern}|\b(?:hybrid|on-?site|in[\s-]office)\b", re.I)
"""Words about how the work is done, removed before looking for a place."""

_ALTERNATIVE_SEPARATOR = re.compile(r"[;|/]| or ", re.IGNORECASE)
"""Splits one line (whitespace already collapsed) into the places it offers."""
_DASH_RUN = re.compile("[-\u2013\u2014]+")
_PART_SEPARATOR = re.compile(r"[,()\[\]:\u2022\u00b7]| ?- | -")
"""Splits an alternative (single spaces, dash runs made one '-') into its parts."""
_PART_EDGE_CHARACTERS = " ._*#'\"!?-"
_LEADING_FILLER = re.compile(
    r"^(?:(?:located|based)\s+)?(?:in|within|near|from|across)\s+", re.IGNORECASE
)
_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")
_CITY_LIKE = re.compile(r"[A-Za-z][A-Za-z .'-]*")
_MAX_CITY_WORDS = 5
_NOT_CITY_WORDS = frozenset(
    {
        "all", "and", "any", "area", "areas", "based", "central", "county", "eastern", "field",
        "greater", "home", "in", "location", "locations", "metro", "more", "multiple", "must",
        "nationwide", "near", "northern", "of", "office", "offices", "or", "other", "region",
        "remote", "reside", "southern", "state", "states", "statewide", "the", "upstate",
        "various", "western", "within",
    }
)  # fmt: skip
"""Words that show an unrecognised 'city' is really a region or a note, not a town."""

_CITY_WORD_SPELLINGS = {"ST": "SAINT", "STE": "SAINTE", "FT": "FORT", "MT": "MOUNT"}
_CITY_KEY_PUNCTUATION = str.maketrans({".": None, "'": None, "\u2019": None, "-": " "})
_LETTER_RUN = re.compile(r"[^\W\d_]+")


_ZipRecord = Mapping[str, Any]
"""One row of the zipcodes table: zip_code, city, state, lat, long, zip_code_type, active..."""


_CACHED_PLACES = 50_000
"""Room for every city and more in the per-lookup caches of built places."""

_CityZips = tuple[str, list[_ZipRecord]]
"""A city's name as the table spells it (USPS name, or a name it accepts) and its ZIPs."""


@dataclass(frozen=True)
class _Gazetteer:
    """ZIP records by five-digit code, and a city's records by (city key, state code)."""

    records_by_zip: Mapping[str, _ZipRecord]
    zips_by_city: Mapping[tuple[str, str], _CityZips]


def parse_location(text: str | None) -> ParsedLocation:
    """Place named by a posting's location text, and whether the text says it is remote."""
    if not text:
        return ParsedLocation(place=None, is_remote=False)
    is_remote = bool(_REMOTE.search(text)) and not _NOT_REMOTE.search(text)
    lines = _WORK_STYLE.sub(",", text).splitlines()
    alternatives = (
        alternative
        for line in lines
        for alternative in _ALTERNATIVE_SEPARATOR.split(" ".join(line.split()))
    )
    place = next(filter(None, map(_place_in, alternatives)), None)
    return ParsedLocation(place=place, is_remote=is_remote)


def resolve_place(text: str) -> Place | None:
    """Place with coordinates for a seeker's 'Austin, TX' or '78701', or None."""
    place = parse_location(text).place
    return place if place is not None and _coordinates(place) is not None else None


def distance_miles(a: Place, b: Place) -> float | None:
    """Great-circle (haversine) distance in miles, or None when either place has no coordinates."""
    start, end = _coordinates(a), _coordinates(b)
    if start is None or end is None:
        return None
    lat_a, lon_a = map(math.radians, start)
    lat_b, lon_b = map(math.radians, end)
    half_chord = (
        math.sin((lat_b - lat_a) / 2) ** 2
        + math.cos(lat_a) * math.cos(lat_b) * math.sin((lon_b - lon_a) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(half_chord))


def _coordinates(place: Place) -> tuple[float, float] | None:
    if place.latitude is None or place.longitude is None:
        return None
    return place.latitude, place.longitude


def _place_in(alternative: str) -> Place | None:
    """Its ZIP's place when the ZIP is known and fits the state, else its city and state."""
    zip_match = _ZIP.search(alternative)
    parts = _parts(_ZIP.sub(" ", alternative))
    state, city_text = _state_and_city(parts)
    zip_place = _zip_place(zip_match.group(1)) if zip_match else None
    if zip_place is not None and state in (None, zip_place.state):
        return zip_place
    if state is None:
        return None
    return _city_place(city_text, state)


def _parts(alternative: str) -> list[str]:
    """Comma-, bracket- and dash-separated pieces, without countries or filler words."""
    parts: list[str] = []
    tidy_alternative = _DASH_RUN.sub("-", " ".join(alternative.split()))
    for raw_part in _PART_SEPARATOR.split(tidy_alternative):
        part = _LEADING_FILLER.sub("", raw_part.strip(_PART_EDGE_CHARACTERS))
        parts.extend(piece for piece in _split_code_prefixed(part) if not _is_country(piece))
    return [part for part in parts if part]


def _split_code_prefixed(part: str) -> list[str]:
    """'US-TX-Austin' or 'TX-Austin' into its pieces; 'Winston-Salem' stays whole."""
    pieces = part.split("-")
    first = pieces[0].strip()
    if len(pieces) > 1 and (_is_country(first) or (first.isupper() and first in STATE_NAMES)):
        return [piece.strip(_PART_EDGE_CHARACTERS) for piece in pieces]
    return [part]


def _is_country(part: str) -> bool:
    return _name_key(part) in _COUNTRY_NAMES


def _state_and_city(parts: list[str]) -> tuple[str | None, str | None]:
    """State code and the city text beside it; a whole-part state wins over a trailing one."""
    for index in reversed(range(len(parts))):
        state = _state_code(parts[index])
        if state is not None:
            return state, _city_beside(parts, index)
    for part in reversed(parts):
        state_and_city = _trailing_state(part)
        if state_and_city is not None:
            return state_and_city
    return None, None


def _city_beside(parts: list[str], state_index: int) -> str | None:
    if state_index > 0:
        return parts[state_index - 1]
    return parts[1] if len(parts) > 1 else None


def _state_code(text: str) -> str | None:
    key = _name_key(text)
    return key if key in STATE_NAMES else _STATE_BY_NAME.get(key)


def _trailing_state(part: str) -> tuple[str, str] | None:
    """('TX', 'Austin') for 'Austin TX' or 'Austin Texas'; codes must be upper case."""
    words = part.split()
    for size in range(min(_LONGEST_STATE_NAME_WORDS, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:])
        state = _STATE_BY_NAME.get(_name_key(tail))
        if state is None and size == 1 and tail.replace(".", "").isupper():
            state = _state_code(tail)
        if state is not None:
            return state, " ".join(words[:-size])
    return None


def _name_key(text: str) -> str:
    return " ".join(text.replace(".", "").upper().split())


def _city_place(city_text: str | None, state: str) -> Place:
    """The known city in the state, else an uncoordinated place for a plausible city name."""
    if city_text is None:
        return Place(city=None, state=state, zip=None, latitude=None, longitude=None)
    known = _known_city_place(_city_key(city_text), state)
    if known is not None:
        return known
    city = " ".join(city_text.split()) if _looks_like_city(city_text) else None
    return Place(city=city, state=state, zip=None, latitude=None, longitude=None)


def _looks_like_city(text: str) -> bool:
    words = text.lower().split()
    return (
        _CITY_LIKE.fullmatch(text.strip()) is not None
        and len(words) <= _MAX_CITY_WORDS
        and _NOT_CITY_WORDS.isdisjoint(words)
    )


def _city_key(city: str) -> str:
    """Spelling-tolerant key: 'St. Louis', 'SAINT LOUIS' and 'Saint-Louis' share one."""
    words = city.upper().translate(_CITY_KEY_PUNCTUATION).split()
    return "".join([_CITY_WORD_SPELLINGS.get(word, word) for word in words])


@lru_cache(maxsize=_CACHED_PLACES)
def _zip_place(zip_code: str) -> Place | None:
    record = _gazetteer().records_by_zip.get(zip_code)
    if record is None:
        return None
    return Place(
        city=_display_city(record["city"]),
        state=record["state"],
        zip=zip_code,
        latitude=float(record["lat"]),
        longitude=float(record["long"]),
    )


@lru_cache(maxsize=_CACHED_PLACES)
def _known_city_place(city_key: str, state: str) -> Place | None:
    """The city at the mean position of its active standard ZIPs (of all its ZIPs if none)."""
    city_zips = _gazetteer().zips_by_city.get((city_key, state))
    if city_zips is None:
        return None
    name, records = city_zips
    standard = [r for r in records if r["active"] and r["zip_code_type"] == "STANDARD"]
    chosen = standard or records
    return Place(
        city=_display_city(name),
        state=state,
        zip=min(record["zip_code"] for record in chosen),
        latitude=sum(float(record["lat"]) for record in chosen) / len(chosen),
        longitude=sum(float(record["long"]) for record in chosen) / len(chosen),
    )


@cache
def _gazetteer() -> _Gazetteer:
    """The zipcodes table indexed; read on first call only (it takes a fraction of a second)."""
    records: list[_ZipRecord] = zipcodes.list_all()
    by_other_name = _zips_by_city(records, lambda record: record["acceptable_cities"])
    by_primary_name = _zips_by_city(records, lambda record: [record["city"]])
    return _Gazetteer(
        records_by_zip={record["zip_code"]: record for record in records},
        zips_by_city=by_other_name | by_primary_name,
    )


def _zips_by_city(
    records: Iterable[_ZipRecord], city_names: Callable[[_ZipRecord], Iterable[str]]
) -> dict[tuple[str, str], _CityZips]:
    grouped: dict[tuple[str, str], _CityZips] = {}
    key_by_name: dict[str, str] = {}
    for record in records:
        for name in city_names(record):
            if name not in key_by_name:
                key_by_name[name] = _city_key(name)
            key = (key_by_name[name], record["state"])
            grouped.setdefault(key, (name, []))[1].append(record)
    return grouped


def _display_city(name: str) -> str:
    """'WINSTON-SALEM' or 'Winston-salem' as 'Winston-Salem'."""
    return _LETTER_RUN.sub(lambda letters: letters.group().capitalize(), name)
