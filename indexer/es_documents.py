"""What the Elasticsearch store writes: the index's settings and explicit mapping, a job as a
document, the bulk actions that write documents, and the alias swap; and a stored document read
back as a `Job` or `Candidate`. Pure functions of values; `indexer.es_store` sends the bodies
and `indexer.es_queries` builds the reads.

A job is one document (its `_id` is the job id) holding its source links as `nested` objects,
and, for the credential filter, its required groups as `nested` objects: for each group, the
credentials that meet it (`indexer.eligibility.required_groups`, the same sets the SQLite
store keeps as bit masks) and whether grace covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from indexer.dedup import canonical_url, same_job_key, text_sketch
from indexer.eligibility import is_entry_level, required_groups
from indexer.location import Place, distance_miles
from indexer.models import Posting
from indexer.store import Candidate, Job, SourceLink
from indexer.tags import Tags

_KEYWORD = {"type": "keyword"}
_DATE = {"type": "date"}
_BOOLEAN = {"type": "boolean"}
_MONEY = {"type": "double"}
_ENGLISH_TEXT = {"type": "text", "analyzer": "english"}
# Kept in `_source` to be read back, never searched, sorted or counted.
_SOURCE_ONLY = {"type": "keyword", "index": False, "doc_values": False}

# Read back from `_source` only where a caller needs them (the single job; re-writing a job).
LARGE_FIELDS = ("text", "description_html")


def index_body(*, shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """Settings and the explicit mapping of a postings index (unknown fields are refused)."""
    return {
        "settings": {"index": {"number_of_shards": shards, "number_of_replicas": replicas}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": _KEYWORD,
                "title": _ENGLISH_TEXT,
                "employer": _ENGLISH_TEXT,
                "text": _ENGLISH_TEXT,
                "description_html": {"type": "text", "index": False},
                "url": _SOURCE_ONLY,
                "canonical_url": _KEYWORD,
                "same_job_key": _KEYWORD,
                "text_sketch": _SOURCE_ONLY,
                "city": _KEYWORD,
                "state": _KEYWORD,
                "zip": _KEYWORD,
                "location": {"type": "geo_point"},
                "is_remote": _BOOLEAN,
                "work_arrangement": _KEYWORD,
                "is_coding_job": _BOOLEAN,
                "entry_level": _BOOLEAN,
                "min_experience": {"type": "integer"},
                "annual_min": _MONEY,
                "annual_max": _MONEY,
                "pay_top": _MONEY,
                "posted_at": _DATE,
                "valid_through": _DATE,
                "posted_day": _DATE,
                "first_seen": _DATE,
                "last_seen": _DATE,
                "closed_at": _DATE,
                "settings": _KEYWORD,
                "required_groups": {
                    "type": "nested",
                    "properties": {
                        "codes": _KEYWORD,
                        "met_by": _KEYWORD,
                        "covered_by_grace": _BOOLEAN,
                    },
                },
                "tags": {"type": "object", "enabled": False},
                "sources": {
                    "type": "nested",
                    "properties": {
                        "source": _KEYWORD,
                        "source_id": _KEYWORD,
                        "url": _KEYWORD,
                        "content_hash": _SOURCE_ONLY,
                        "first_seen": _DATE,
                        "last_seen": _DATE,
                        "closed_at": _DATE,
                    },
                },
            },
        },
    }


def link_document(
    posting: Posting, *, first_seen: str, last_seen: str, closed_at: str | None = None
) -> dict[str, Any]:
    """A source link of a job: where the posting was seen, its content hash, when."""
    return {
        "source": posting.source,
        "source_id": posting.source_id,
        "url": posting.url,
        "content_hash": posting.content_hash,
        "first_seen": first_seen,
        "last_seen": last_seen,
        "closed_at": closed_at,
    }


def job_document(
    posting: Posting,
    *,
    job_id: str,
    first_seen: str,
    last_seen: str,
    closed_at: str | None,
    sources: Iterable[dict[str, Any]],
) -> dict[str, Any]:
    """A job as one document: what the SQLite store writes for it, in the mapping's fields.

    Times are ISO strings as the job keeps them; `posted_day` is the posting date, else the
    day it was first seen (what date sorting and `posted_within_days` read).
    """
    tags = posting.tags
    low, high = posting.annual_salary_usd or (None, None)
    place = posting.place
    located = place is not None and place.latitude is not None and place.longitude is not None
    posted_at = posting.posted_at.isoformat() if posting.posted_at else None
    return {
        "id": job_id,
        "title": posting.title,
        "employer": posting.employer,
        "text": posting.text,
        "description_html": posting.description_html,
        "url": posting.url,
        "canonical_url": canonical_url(posting.url),
        "same_job_key": same_job_key(
            posting.employer, posting.title, posting.place, posting.is_remote
        ),
        "text_sketch": text_sketch(posting.text),
        "city": place.city if place else None,
        "state": place.state if place else None,
        "zip": place.zip if place else None,
        "location": {"lat": place.latitude, "lon": place.longitude} if place and located else None,
        "is_remote": posting.is_remote,
        "work_arrangement": tags.work_arrangement,
        "is_coding_job": tags.is_coding_job,
        "entry_level": tags.is_coding_job and is_entry_level(posting.title, tags),
        "min_experience": tags.min_experience_years,
        "annual_min": low,
        "annual_max": high,
        "pay_top": high if high is not None else low,
        "posted_at": posted_at,
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "posted_day": posted_at or first_seen[:10],
        "first_seen": first_seen,
        "last_seen": last_seen,
        "closed_at": closed_at,
        "settings": list(tags.settings),
        "required_groups": [
            {
                "codes": list(group.codes),
                "met_by": sorted(group.met_by),
                "covered_by_grace": group.covered_by_grace,
            }
            for group in required_groups(tags)
        ],
        "tags": tags.to_dict(),
        "sources": list(sources),
    }


def iso(moment: datetime) -> str:
    """A time as the documents keep it (ISO 8601, as the SQLite store writes it)."""
    return moment.isoformat()


def index_action(index: str, document: dict[str, Any]) -> dict[str, Any]:
    """A bulk action writing a whole job document (created, or replaced when it changed)."""
    return {"_op_type": "index", "_index": index, "_id": document["id"], "_source": document}


def update_action(index: str, job_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """A bulk action changing some fields of a job (times, closing, source links) in place."""
    return {"_op_type": "update", "_index": index, "_id": job_id, "doc": changes}


def alias_swap_body(alias: str, new_index: str, old_indexes: Iterable[str]) -> dict[str, Any]:
    """One `_aliases` request moving the alias from its old indexes to the new one: atomic,
    so a search sees the old index or the new, never neither and never a half-built one."""
    removals = [
        {"remove": {"index": old, "alias": alias}}
        for old in sorted(old_indexes)
        if old != new_index
    ]
    return {"actions": [*removals, {"add": {"index": new_index, "alias": alias}}]}


# --- reading documents back -----------------------------------------------------------------


def _place(document: dict[str, Any]) -> Place | None:
    """The job's place, shown when its city or state is known (as the SQLite store does)."""
    if not (document.get("city") or document.get("state")):
        return None
    location = document.get("location") or {}
    return Place(
        document.get("city"),
        document.get("state"),
        document.get("zip"),
        location.get("lat"),
        location.get("lon"),
    )


def _annual(document: dict[str, Any]) -> tuple[float | None, float | None] | None:
    low, high = document.get("annual_min"), document.get("annual_max")
    return (low, high) if low is not None or high is not None else None


def job_of(
    document: dict[str, Any], *, near: Place | None = None, with_description: bool = False
) -> Job:
    """A stored document as a `Job`, its sources oldest first, its distance from `near`."""
    place = _place(document)
    links = sorted(document["sources"], key=lambda link: (link["first_seen"], link["source"]))
    posted_at = document.get("posted_at")
    return Job(
        id=document["id"],
        title=document["title"],
        employer=document.get("employer"),
        place=place,
        is_remote=bool(document["is_remote"]),
        url=document["url"],
        sources=tuple(SourceLink(link["source"], link["source_id"], link["url"]) for link in links),
        first_seen=datetime.fromisoformat(document["first_seen"]),
        last_seen=datetime.fromisoformat(document["last_seen"]),
        is_open=document.get("closed_at") is None,
        entry_level=bool(document["entry_level"]),
        annual_salary_usd=_annual(document),
        tags=Tags.from_dict(document["tags"]),
        posted_at=date.fromisoformat(posted_at) if posted_at else None,
        description_html=document.get("description_html") if with_description else None,
        distance_miles=distance_miles(near, place) if near and place else None,
    )


def candidate_of(document: dict[str, Any], near: Place | None) -> Candidate:
    """A stored document's light fields as a `Candidate`, its distance from `near`."""
    location = document.get("location")
    miles = None
    if near is not None and location:
        miles = distance_miles(near, Place(None, None, None, location["lat"], location["lon"]))
    return Candidate(
        id=document["id"],
        title=document["title"],
        tags=Tags.from_dict(document["tags"]),
        is_remote=bool(document["is_remote"]),
        distance_miles=miles,
        annual_salary_usd=_annual(document),
        posted_at=date.fromisoformat(document["posted_day"]),
    )
