"""When two postings are the same job (DOMAIN.md, postings over time).

The same job often appears on several sources. Two postings are one job when they share a
canonical URL, or when employer, title and place are the same after normalization ("Sr." is
"Senior", "II" is "2", case and punctuation aside) and their texts are nearly the same.
"""

from __future__ import annotations

import re
import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from indexer.location import Place

# Query parameters that identify a posting; every other parameter is tracking and dropped.
_ID_PARAMETERS = frozenset({"gh_jid", "jobid", "job_id", "id", "jid", "req", "requisitionid"})
_WORD = re.compile(r"[a-z0-9]+")
_SPELLINGS = {
    "sr": "senior",
    "jr": "junior",
    "i": "1",
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "v": "5",
    "mgr": "manager",
    "spec": "specialist",
}
# Word sets at least this alike are "nearly the same" text (estimated on 64 word hashes).
_NEARLY_SAME = 0.85
_SKETCH_SIZE = 64


def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, case of host or trailing slash."""
    parts = urlsplit(url.strip())
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() in _ID_PARAMETERS]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", parts.netloc.lower(), path, urlencode(sorted(kept)), ""))


def same_job_key(employer: str | None, title: str, place: Place | None, is_remote: bool) -> str:
    """Employer, title and place, normalized, as one key."""
    where = "remote" if is_remote else _place_words(place)
    return "|".join((_normalized(employer or ""), _normalized(title), where))


def text_sketch(text: str) -> str:
    """A small fingerprint of a description's words (the lowest hashes of its distinct words),
    kept with a job so that texts compare without reading them again."""
    hashes = sorted({zlib.crc32(word.encode()) for word in _WORD.findall(text.lower())})
    return ",".join(str(value) for value in hashes[:_SKETCH_SIZE])


def nearly_same_text(first_sketch: str, second_sketch: str) -> bool:
    """Whether two descriptions share nearly all their words, estimated from their sketches."""
    first = {int(value) for value in first_sketch.split(",") if value}
    second = {int(value) for value in second_sketch.split(",") if value}
    if not first or not second:
        return first == second
    union = sorted(first | second)[:_SKETCH_SIZE]
    shared = sum(1 for value in union if value in first and value in second)
    return shared / len(union) >= _NEARLY_SAME


def _normalized(text: str) -> str:
    return " ".join(_SPELLINGS.get(word, word) for word in _WORD.findall(text.lower()))


def _place_words(place: Place | None) -> str:
    if place is None:
        return ""
    return _normalized(f"{place.city or ''} {place.state or ''}")
