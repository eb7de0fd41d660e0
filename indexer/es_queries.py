"""What the Elasticsearch store reads: every search, facet, lookup and count as a JSON body.

Pure functions of a `SearchQuery` (or a few values); `indexer.es_store` sends them and
`indexer.es_documents` builds what they read. They mirror the SQLite store's filters:

- text: every word in the title, employer or description (`multi_match`, `cross_fields`,
  operator `and`, the `english` analyzer stemming as FTS5's porter does); the user's text is
  only ever the `query` of a match, never parsed as query syntax.
- credentials: no required group exists that no held credential meets and grace does not
  cover (a `must_not` over the `nested` required groups).
- relevance: jobs with every word in their title first (a constant score of 1), then as the
  date sort: newest posted first. This is the SQLite store's order, kept on purpose rather
  than BM25 with a title boost, so a caller cannot tell the stores apart by their pages.

Facets count under the other filters: the three faceted filters (credentials, settings, work
arrangement) go to `post_filter`, so hits see them and aggregations do not, and each facet's
aggregation applies the two others itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from indexer.es_documents import LARGE_FIELDS
from indexer.search_columns import ARRANGEMENTS
from indexer.store import SearchQuery
from indexer.tagging.care_settings import SETTINGS

TEXT_FIELDS = ("title", "employer", "text")
# What a light candidate reads of a job.
CANDIDATE_FIELDS = (
    "id",
    "title",
    "tags",
    "is_remote",
    "city",
    "state",
    "zip",
    "location",
    "annual_min",
    "annual_max",
    "posted_day",
    "first_seen",
)
# Exact cardinality of source names up to this many (Elasticsearch's maximum).
_SOURCE_COUNT_PRECISION = 40_000


# --- filters ---------------------------------------------------------------------------------


def open_coding_clauses() -> list[dict[str, Any]]:
    """Open jobs that are coding jobs: what search ever returns."""
    return [{"term": {"is_coding_job": True}}, _missing("closed_at")]


def text_clause(text: str) -> dict[str, Any]:
    """Every word of the user's text in the title, employer or description, stemmed."""
    return {
        "multi_match": {
            "query": text,
            "fields": list(TEXT_FIELDS),
            "type": "cross_fields",
            "operator": "and",
        }
    }


def title_clause(text: str) -> dict[str, Any]:
    """A score of 1 for jobs with every word of the text in their title (relevance)."""
    return {
        "constant_score": {
            "filter": {"match": {"title": {"query": text, "operator": "and"}}},
            "boost": 1.0,
        }
    }


def credentials_clause(held: Iterable[str]) -> dict[str, Any]:
    """Jobs whose every required group a held credential meets or grace covers."""
    unmet_group = {
        "bool": {
            "must_not": [{"terms": {"required_groups.met_by": sorted(held)}}],
            "filter": [{"term": {"required_groups.covered_by_grace": False}}],
        }
    }
    return {"bool": {"must_not": [{"nested": {"path": "required_groups", "query": unmet_group}}]}}


def settings_clause(settings: Iterable[str]) -> dict[str, Any]:
    """Jobs in any of these settings."""
    return {"terms": {"settings": sorted(settings)}}


def arrangement_clause(work_arrangement: str) -> dict[str, Any]:
    """Jobs worked this way (remote, hybrid, onsite)."""
    return {"term": {"work_arrangement": work_arrangement}}


def experience_clause(years: int) -> dict[str, Any]:
    """Jobs requiring at most `years` of experience; unstated counts as none."""
    return _in_range_or_missing("min_experience", {"lte": years})


def near_clause(latitude: float, longitude: float, radius_miles: float) -> dict[str, Any]:
    """Remote jobs, and others within the radius of a place (DOMAIN.md rule 6)."""
    within = {
        "geo_distance": {
            "distance": f"{radius_miles:g}mi",
            "location": {"lat": latitude, "lon": longitude},
        }
    }
    return {"bool": {"should": [{"term": {"is_remote": True}}, within], "minimum_should_match": 1}}


def min_salary_clause(minimum: float) -> dict[str, Any]:
    """Jobs whose pay tops out at the minimum or more, and those that state none."""
    return _in_range_or_missing("pay_top", {"gte": minimum})


def posted_since_clause(since: date) -> dict[str, Any]:
    """Jobs posted (or, undated, first seen) on or after a day."""
    return {"range": {"posted_day": {"gte": since.isoformat()}}}


def base_clauses(query: SearchQuery) -> list[dict[str, Any]]:
    """Every filter of the query that has no facet of its own, open coding jobs first."""
    clauses = open_coding_clauses()
    if query.text:
        clauses.append(text_clause(query.text))
    if query.entry_level is not None:
        clauses.append({"term": {"entry_level": query.entry_level}})
    if query.experience_years is not None:
        clauses.append(experience_clause(query.experience_years))
    near = query.near
    if near is not None and near.latitude is not None and near.longitude is not None:
        clauses.append(near_clause(near.latitude, near.longitude, query.radius_miles))
    if query.min_salary is not None:
        clauses.append(min_salary_clause(query.min_salary))
    if query.posted_within_days is not None and query.today is not None:
        since = query.today - timedelta(days=query.posted_within_days)
        clauses.append(posted_since_clause(since))
    return clauses


def faceted_clauses(query: SearchQuery) -> dict[str, dict[str, Any]]:
    """The query's filters that have a facet, by facet name; absent when not filtered on."""
    clauses: dict[str, dict[str, Any]] = {}
    if query.credentials:
        clauses["credentials"] = credentials_clause(query.credentials)
    if query.settings:
        clauses["settings"] = settings_clause(query.settings)
    if query.work_arrangement:
        clauses["work_arrangement"] = arrangement_clause(query.work_arrangement)
    return clauses


# --- search ----------------------------------------------------------------------------------


def sort_clauses(query: SearchQuery) -> list[Any]:
    """The order of hits: relevance (title matches first), date or salary, then the
    SQLite store's tie-breaks (newest posted; for salary unstated pay last)."""
    newest = [{"posted_day": "desc"}, {"first_seen": "desc"}, {"id": "desc"}]
    if query.sort == "salary":
        return [
            {"pay_top": {"order": "desc", "missing": "_last"}},
            {"posted_day": "desc"},
            {"first_seen": "asc"},
            {"id": "asc"},
        ]
    if query.sort == "relevance" and query.text:
        return [{"_score": "desc"}, *newest]
    return newest


def facet_aggregations(faceted: dict[str, dict[str, Any]], codes: Sequence[str]) -> dict[str, Any]:
    """The three facets, each counted under the other faceted filters (the base filters are
    the query's own): for each credential, the jobs its holder alone meets; the jobs of each
    setting; the jobs of each work arrangement."""

    def under_others(facet: str) -> dict[str, Any]:
        others = [clause for name, clause in faceted.items() if name != facet]
        return {"bool": {"filter": others}}

    return {
        "credentials": {
            "filter": under_others("credentials"),
            "aggs": {
                "codes": {
                    "filters": {"filters": {code: credentials_clause([code]) for code in codes}}
                }
            },
        },
        "settings": {
            "filter": under_others("settings"),
            "aggs": {"values": {"terms": {"field": "settings", "size": len(SETTINGS)}}},
        },
        "work_arrangement": {
            "filter": under_others("work_arrangement"),
            "aggs": {"values": {"terms": {"field": "work_arrangement", "size": len(ARRANGEMENTS)}}},
        },
    }


def search_body(query: SearchQuery, *, codes: Sequence[str]) -> dict[str, Any]:
    """One page of hits, the exact total and the facets of a search (`codes`: every
    credential code of the taxonomy, the credentials facet's keys)."""
    faceted = faceted_clauses(query)
    scoring: dict[str, Any] = {"filter": base_clauses(query)}
    if query.sort == "relevance" and query.text:
        scoring["should"] = [title_clause(query.text)]
    return {
        "query": {"bool": scoring},
        "post_filter": {"bool": {"filter": list(faceted.values())}},
        "aggs": facet_aggregations(faceted, codes),
        "sort": sort_clauses(query),
        "from": (query.page - 1) * query.size,
        "size": query.size,
        "track_total_hits": True,
        "_source": {"excludes": list(LARGE_FIELDS)},
    }


def read_facets(aggregations: dict[str, Any], codes: Sequence[str]) -> dict[str, dict[str, int]]:
    """The facets of a search answer, every code, setting and arrangement named (0 if none)."""
    by_code = aggregations["credentials"]["codes"]["buckets"]

    def terms(facet: str, names: Sequence[str]) -> dict[str, int]:
        found = {
            bucket["key"]: bucket["doc_count"]
            for bucket in aggregations[facet]["values"]["buckets"]
        }
        return {name: int(found.get(name, 0)) for name in names}

    return {
        "credentials": {code: int(by_code[code]["doc_count"]) for code in codes},
        "settings": terms("settings", SETTINGS),
        "work_arrangement": terms("work_arrangement", ARRANGEMENTS),
    }


def candidates_body(query: SearchQuery) -> dict[str, Any]:
    """Every job the query's filters keep (no paging, no facets), light fields only."""
    clauses = base_clauses(query) + list(faceted_clauses(query).values())
    return {"query": {"bool": {"filter": clauses}}, "_source": list(CANDIDATE_FIELDS)}


def open_jobs_body(first_seen_since: datetime | None) -> dict[str, Any]:
    """Every open coding job, or those first seen since a time, oldest first."""
    clauses = open_coding_clauses()
    if first_seen_since is not None:
        clauses.append({"range": {"first_seen": {"gte": first_seen_since.isoformat()}}})
    return {
        "query": {"bool": {"filter": clauses}},
        "sort": [{"first_seen": "asc"}, {"id": "asc"}],
        "_source": {"excludes": list(LARGE_FIELDS)},
    }


# --- keeping jobs over time ------------------------------------------------------------------


def lookup_body(
    links: Iterable[tuple[str, str]], canonical_urls: Iterable[str], job_keys: Iterable[str]
) -> dict[str, Any]:
    """The jobs a batch of postings may be: those carrying one of its (source, source id)
    links, those at one of its canonical URLs, and open ones with one of its job keys."""
    by_source: dict[str, set[str]] = {}
    for source, source_id in links:
        by_source.setdefault(source, set()).add(source_id)
    carrying = [
        _with_link(
            {"term": {"sources.source": source}}, {"terms": {"sources.source_id": sorted(ids)}}
        )
        for source, ids in sorted(by_source.items())
    ]
    open_with_key = {
        "bool": {
            "filter": [{"terms": {"same_job_key": sorted(set(job_keys))}}, _missing("closed_at")]
        }
    }
    return {
        "query": {
            "bool": {
                "should": [
                    *carrying,
                    {"terms": {"canonical_url": sorted(set(canonical_urls))}},
                    open_with_key,
                ],
                "minimum_should_match": 1,
            }
        },
        "_source": {"excludes": list(LARGE_FIELDS)},
    }


def open_links_body(source: str) -> dict[str, Any]:
    """Jobs with an open link of a source (its known postings and pages; what a crawl may
    close), with their links and whether they are closed."""
    open_link = _with_link({"term": {"sources.source": source}}, _missing("sources.closed_at"))
    return {"query": {"bool": {"filter": [open_link]}}, "_source": ["id", "closed_at", "sources"]}


def linked_body(source: str, source_ids: Iterable[str]) -> dict[str, Any]:
    """Jobs carrying a link of a source with one of these ids, open or closed."""
    linked = _with_link(
        {"term": {"sources.source": source}}, {"terms": {"sources.source_id": sorted(source_ids)}}
    )
    return {"query": {"bool": {"filter": [linked]}}, "_source": ["id", "closed_at", "sources"]}


def expired_body(today: date) -> dict[str, Any]:
    """Open jobs whose `validThrough` is before today."""
    return {
        "query": {
            "bool": {
                "filter": [
                    _missing("closed_at"),
                    {"range": {"valid_through": {"lt": today.isoformat()}}},
                ]
            }
        },
        "_source": False,
    }


def stats_body() -> dict[str, Any]:
    """Counts of jobs open, closed and not coding, and of distinct sources, in one request."""
    return {
        "size": 0,
        "track_total_hits": True,
        "aggs": {
            "jobs": {
                "filters": {
                    "filters": {
                        "open": {"bool": {"filter": open_coding_clauses()}},
                        "closed": {"exists": {"field": "closed_at"}},
                        "not_coding": {"term": {"is_coding_job": False}},
                    }
                }
            },
            "sources": {
                "nested": {"path": "sources"},
                "aggs": {
                    "names": {
                        "cardinality": {
                            "field": "sources.source",
                            "precision_threshold": _SOURCE_COUNT_PRECISION,
                        }
                    }
                },
            },
        },
    }


def _missing(field: str) -> dict[str, Any]:
    return {"bool": {"must_not": [{"exists": {"field": field}}]}}


def _in_range_or_missing(field: str, bounds: dict[str, Any]) -> dict[str, Any]:
    """A range on a field, or the field unstated."""
    return {
        "bool": {
            "should": [{"range": {field: bounds}}, _missing(field)],
            "minimum_should_match": 1,
        }
    }


def _with_link(*conditions: dict[str, Any]) -> dict[str, Any]:
    """Jobs with one source link meeting every condition."""
    return {"nested": {"path": "sources", "query": {"bool": {"filter": list(conditions)}}}}
