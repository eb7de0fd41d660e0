"""The Elasticsearch store's request bodies, checked as JSON without a server.

Every body the store sends is built by a pure function (`indexer.es_queries`,
`indexer.es_documents`), and the upsert batch is worked out in memory (`indexer.es_batch`):
these tests pin them down. Whether a server answers them as meant is the contract suite's
job (tests/indexer/test_store_contract.py with CODERMATCH_TEST_ELASTICSEARCH_URL).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from indexer.es_batch import UpsertBatch, batch_lookup
from indexer.es_documents import (
    alias_swap_body,
    candidate_of,
    index_action,
    index_body,
    job_document,
    job_of,
    link_document,
    update_action,
)
from indexer.es_queries import (
    base_clauses,
    candidates_body,
    credentials_clause,
    expired_body,
    facet_aggregations,
    faceted_clauses,
    linked_body,
    lookup_body,
    open_jobs_body,
    open_links_body,
    read_facets,
    search_body,
    sort_clauses,
    stats_body,
)
from indexer.location import Place
from indexer.models import Posting
from indexer.salary import Salary
from indexer.store import SearchQuery
from indexer.tags import Tags

AUSTIN = Place("Austin", "TX", "78701", 30.27, -97.74)
OPEN_CODING = [
    {"term": {"is_coding_job": True}},
    {"bool": {"must_not": [{"exists": {"field": "closed_at"}}]}},
]
NEWEST = [{"posted_day": "desc"}, {"first_seen": "desc"}, {"id": "desc"}]
LARGE = {"excludes": ["text", "description_html"]}
MORNING = "2026-11-25T06:00:00"


def cpc_or_ccs_held() -> dict[str, Any]:
    return {
        "bool": {
            "must_not": [
                {
                    "nested": {
                        "path": "required_groups",
                        "query": {
                            "bool": {
                                "must_not": [{"terms": {"required_groups.met_by": ["CCS", "CPC"]}}],
                                "filter": [{"term": {"required_groups.covered_by_grace": False}}],
                            }
                        },
                    }
                }
            ]
        }
    }


def posting(source_id: str = "1", **fields: Any) -> Posting:
    """A tagged posting written out in full, so its document is known exactly."""
    values: dict[str, Any] = {
        "source": "acme",
        "source_id": source_id,
        "url": f"https://careers.acme.example/jobs/{source_id}",
        "title": "Medical Coder",
        "employer": "Acme Health",
        "description_html": "<p>CCS required. RHIT, or obtain it within 6 months.</p>",
        "text": "CCS required. RHIT, or obtain it within 6 months.",
        "location_text": "Austin, TX",
        "place": AUSTIN,
        "is_remote": False,
        "posted_at": date(2026, 11, 20),
        "valid_through": date(2026, 12, 31),
        "tags": Tags(
            is_coding_job=True,
            credentials_required=(("CCS",), ("RHIT",)),
            credential_grace_months=6,
            grace_credentials=("RHIT",),
            min_experience_years=2,
            settings=("inpatient",),
            work_arrangement="onsite",
            salary=Salary(20.0, 25.0, "hour"),
        ),
        "annual_salary_usd": (41_600.0, 52_000.0),
        "content_hash": f"hash-{source_id}",
    }
    values.update(fields)
    return Posting(**values)


# --- the index --------------------------------------------------------------------------------


def test_the_index_mapping_is_explicit_and_refuses_unknown_fields() -> None:
    keyword = {"type": "keyword"}
    english = {"type": "text", "analyzer": "english"}
    source_only = {"type": "keyword", "index": False, "doc_values": False}
    assert index_body() == {
        "settings": {"index": {"number_of_shards": 1, "number_of_replicas": 1}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": keyword,
                "title": english,
                "employer": english,
                "text": english,
                "description_html": {"type": "text", "index": False},
                "url": source_only,
                "canonical_url": keyword,
                "same_job_key": keyword,
                "text_sketch": source_only,
                "city": keyword,
                "state": keyword,
                "zip": keyword,
                "location": {"type": "geo_point"},
                "is_remote": {"type": "boolean"},
                "work_arrangement": keyword,
                "is_coding_job": {"type": "boolean"},
                "entry_level": {"type": "boolean"},
                "min_experience": {"type": "integer"},
                "annual_min": {"type": "double"},
                "annual_max": {"type": "double"},
                "pay_top": {"type": "double"},
                "posted_at": {"type": "date"},
                "valid_through": {"type": "date"},
                "posted_day": {"type": "date"},
                "first_seen": {"type": "date"},
                "last_seen": {"type": "date"},
                "closed_at": {"type": "date"},
                "settings": keyword,
                "required_groups": {
                    "type": "nested",
                    "properties": {
                        "codes": keyword,
                        "met_by": keyword,
                        "covered_by_grace": {"type": "boolean"},
                    },
                },
                "tags": {"type": "object", "enabled": False},
                "sources": {
                    "type": "nested",
                    "properties": {
                        "source": keyword,
                        "source_id": keyword,
                        "url": keyword,
                        "content_hash": source_only,
                        "first_seen": {"type": "date"},
                        "last_seen": {"type": "date"},
                        "closed_at": {"type": "date"},
                    },
                },
            },
        },
    }


def test_a_posting_becomes_one_document_with_its_groups_and_links() -> None:
    tagged = posting()
    link = link_document(tagged, first_seen=MORNING, last_seen=MORNING)
    document = job_document(
        tagged, job_id="j1", first_seen=MORNING, last_seen=MORNING, closed_at=None, sources=[link]
    )
    assert document == {
        "id": "j1",
        "title": "Medical Coder",
        "employer": "Acme Health",
        "text": tagged.text,
        "description_html": tagged.description_html,
        "url": "https://careers.acme.example/jobs/1",
        "canonical_url": "https://careers.acme.example/jobs/1",
        "same_job_key": "acme health|medical coder|austin tx",
        "text_sketch": document["text_sketch"],
        "city": "Austin",
        "state": "TX",
        "zip": "78701",
        "location": {"lat": 30.27, "lon": -97.74},
        "is_remote": False,
        "work_arrangement": "onsite",
        "is_coding_job": True,
        "entry_level": False,
        "min_experience": 2,
        "annual_min": 41_600.0,
        "annual_max": 52_000.0,
        "pay_top": 52_000.0,
        "posted_at": "2026-11-20",
        "valid_through": "2026-12-31",
        "posted_day": "2026-11-20",
        "first_seen": MORNING,
        "last_seen": MORNING,
        "closed_at": None,
        "settings": ["inpatient"],
        "required_groups": [
            {"codes": ["CCS"], "met_by": ["CCS"], "covered_by_grace": False},
            {"codes": ["RHIT"], "met_by": ["RHIA", "RHIT"], "covered_by_grace": True},
        ],
        "tags": tagged.tags.to_dict(),
        "sources": [
            {
                "source": "acme",
                "source_id": "1",
                "url": "https://careers.acme.example/jobs/1",
                "content_hash": "hash-1",
                "first_seen": MORNING,
                "last_seen": MORNING,
                "closed_at": None,
            }
        ],
    }
    assert document["text_sketch"]


def test_an_undated_posting_counts_from_the_day_it_was_first_seen() -> None:
    document = job_document(
        posting(posted_at=None, place=None, annual_salary_usd=(None, 40_000.0)),
        job_id="j1",
        first_seen="2026-11-02T23:00:00-05:00",
        last_seen=MORNING,
        closed_at=None,
        sources=[],
    )
    assert document["posted_day"] == "2026-11-02"
    assert (document["location"], document["city"], document["pay_top"]) == (None, None, 40_000.0)


def test_a_document_reads_back_as_the_job_and_candidate_it_was_written_from() -> None:
    tagged = posting()
    document = job_document(
        tagged,
        job_id="j1",
        first_seen=MORNING,
        last_seen="2026-11-26T06:00:00",
        closed_at=None,
        sources=[
            {**link_document(tagged, first_seen="2026-11-26T06:00:00", last_seen=MORNING)},
            {
                **link_document(
                    posting("b9", source="board"), first_seen=MORNING, last_seen=MORNING
                ),
                "closed_at": MORNING,
            },
        ],
    )
    job = job_of(
        document, near=Place("Round Rock", "TX", None, 30.51, -97.68), with_description=True
    )
    assert (job.id, job.title, job.place, job.is_open, job.entry_level) == (
        "j1",
        "Medical Coder",
        AUSTIN,
        True,
        False,
    )
    assert [link.source for link in job.sources] == ["board", "acme"]  # oldest first
    assert job.first_seen == datetime(2026, 11, 25, 6)
    assert job.tags == tagged.tags
    assert job.annual_salary_usd == (41_600.0, 52_000.0)
    assert job.posted_at == date(2026, 11, 20)
    assert job.description_html == tagged.description_html
    assert job.distance_miles is not None
    assert 15 < job.distance_miles < 18
    assert job_of(document).description_html is None
    candidate = candidate_of(document, AUSTIN)
    assert (candidate.id, candidate.posted_at, candidate.distance_miles) == (
        "j1",
        date(2026, 11, 20),
        0.0,
    )


# --- bulk writes and the alias ----------------------------------------------------------------


def test_bulk_actions_write_whole_documents_or_change_fields() -> None:
    assert index_action("postings-1", {"id": "j1", "title": "Coder"}) == {
        "_op_type": "index",
        "_index": "postings-1",
        "_id": "j1",
        "_source": {"id": "j1", "title": "Coder"},
    }
    assert update_action("postings", "j1", {"closed_at": MORNING}) == {
        "_op_type": "update",
        "_index": "postings",
        "_id": "j1",
        "doc": {"closed_at": MORNING},
    }


def test_the_alias_swap_removes_the_old_indexes_and_adds_the_new_in_one_request() -> None:
    body = alias_swap_body("codermatch-postings", "codermatch-postings-2", ["p-1", "p-0"])
    assert body == {
        "actions": [
            {"remove": {"index": "p-0", "alias": "codermatch-postings"}},
            {"remove": {"index": "p-1", "alias": "codermatch-postings"}},
            {"add": {"index": "codermatch-postings-2", "alias": "codermatch-postings"}},
        ]
    }


def test_a_first_alias_only_adds_and_a_swap_to_the_same_index_keeps_it() -> None:
    assert alias_swap_body("a", "a-1", []) == {"actions": [{"add": {"index": "a-1", "alias": "a"}}]}
    assert alias_swap_body("a", "a-1", ["a-1"]) == {
        "actions": [{"add": {"index": "a-1", "alias": "a"}}]
    }


# --- search ------------------------------------------------------------------------------------


def test_a_search_with_every_filter_builds_the_expected_body() -> None:
    query = SearchQuery(
        text="inpatient coder",
        credentials=frozenset({"CPC", "CCS"}),
        settings=frozenset({"inpatient", "audit"}),
        work_arrangement="remote",
        entry_level=True,
        experience_years=2,
        near=AUSTIN,
        radius_miles=25,
        min_salary=50_000,
        posted_within_days=7,
        today=date(2026, 11, 25),
        sort="relevance",
        page=3,
        size=10,
    )
    settings = {"terms": {"settings": ["audit", "inpatient"]}}
    remote = {"term": {"work_arrangement": "remote"}}
    body = search_body(query, codes=["CPC"])
    assert body == {
        "query": {
            "bool": {
                "filter": [
                    *OPEN_CODING,
                    {
                        "multi_match": {
                            "query": "inpatient coder",
                            "fields": ["title", "employer", "text"],
                            "type": "cross_fields",
                            "operator": "and",
                        }
                    },
                    {"term": {"entry_level": True}},
                    {
                        "bool": {
                            "should": [
                                {"range": {"min_experience": {"lte": 2}}},
                                {"bool": {"must_not": [{"exists": {"field": "min_experience"}}]}},
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                    {
                        "bool": {
                            "should": [
                                {"term": {"is_remote": True}},
                                {
                                    "geo_distance": {
                                        "distance": "25mi",
                                        "location": {"lat": 30.27, "lon": -97.74},
                                    }
                                },
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                    {
                        "bool": {
                            "should": [
                                {"range": {"pay_top": {"gte": 50_000}}},
                                {"bool": {"must_not": [{"exists": {"field": "pay_top"}}]}},
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                    {"range": {"posted_day": {"gte": "2026-11-18"}}},
                ],
                "should": [
                    {
                        "constant_score": {
                            "filter": {
                                "match": {"title": {"query": "inpatient coder", "operator": "and"}}
                            },
                            "boost": 1.0,
                        }
                    }
                ],
            }
        },
        "post_filter": {"bool": {"filter": [cpc_or_ccs_held(), settings, remote]}},
        "aggs": {
            "credentials": {
                "filter": {"bool": {"filter": [settings, remote]}},
                "aggs": {"codes": {"filters": {"filters": {"CPC": credentials_clause(["CPC"])}}}},
            },
            "settings": {
                "filter": {"bool": {"filter": [cpc_or_ccs_held(), remote]}},
                "aggs": {"values": {"terms": {"field": "settings", "size": 7}}},
            },
            "work_arrangement": {
                "filter": {"bool": {"filter": [cpc_or_ccs_held(), settings]}},
                "aggs": {"values": {"terms": {"field": "work_arrangement", "size": 3}}},
            },
        },
        "sort": [{"_score": "desc"}, *NEWEST],
        "from": 20,
        "size": 10,
        "track_total_hits": True,
        "_source": LARGE,
    }


def test_a_search_without_filters_finds_open_coding_jobs_newest_first() -> None:
    body = search_body(SearchQuery(), codes=[])
    assert body["query"] == {"bool": {"filter": OPEN_CODING}}
    assert body["post_filter"] == {"bool": {"filter": []}}
    assert (body["sort"], body["from"], body["size"]) == (NEWEST, 0, 20)


def test_the_credentials_filter_finds_no_group_unmet_and_uncovered_by_grace() -> None:
    assert credentials_clause({"CPC", "CCS"}) == cpc_or_ccs_held()


def test_facets_count_each_under_the_other_faceted_filters() -> None:
    faceted = faceted_clauses(SearchQuery(settings=frozenset({"audit"})))
    audit = {"terms": {"settings": ["audit"]}}
    assert facet_aggregations(faceted, ["CPC", "RN"]) == {
        "credentials": {
            "filter": {"bool": {"filter": [audit]}},
            "aggs": {
                "codes": {
                    "filters": {
                        "filters": {
                            "CPC": credentials_clause(["CPC"]),
                            "RN": credentials_clause(["RN"]),
                        }
                    }
                }
            },
        },
        "settings": {
            "filter": {"bool": {"filter": []}},
            "aggs": {"values": {"terms": {"field": "settings", "size": 7}}},
        },
        "work_arrangement": {
            "filter": {"bool": {"filter": [audit]}},
            "aggs": {"values": {"terms": {"field": "work_arrangement", "size": 3}}},
        },
    }


def test_facets_name_every_code_setting_and_arrangement_even_when_none_match() -> None:
    aggregations = {
        "credentials": {"codes": {"buckets": {"CPC": {"doc_count": 3}, "RN": {"doc_count": 0}}}},
        "settings": {"values": {"buckets": [{"key": "audit", "doc_count": 2}]}},
        "work_arrangement": {"values": {"buckets": [{"key": "remote", "doc_count": 1}]}},
    }
    facets = read_facets(aggregations, ["CPC", "RN"])
    assert facets["credentials"] == {"CPC": 3, "RN": 0}
    assert facets["settings"]["audit"] == 2
    assert sum(facets["settings"].values()) == 2
    assert len(facets["settings"]) == 7
    assert facets["work_arrangement"] == {"remote": 1, "hybrid": 0, "onsite": 0}


@pytest.mark.parametrize(
    ("sort", "text", "expected"),
    [
        ("date", "", NEWEST),
        ("relevance", "", NEWEST),
        ("date", "coder", NEWEST),
        ("relevance", "coder", [{"_score": "desc"}, *NEWEST]),
        (
            "salary",
            "",
            [
                {"pay_top": {"order": "desc", "missing": "_last"}},
                {"posted_day": "desc"},
                {"first_seen": "asc"},
                {"id": "asc"},
            ],
        ),
    ],
)
def test_sorting_breaks_ties_as_the_sqlite_store_does(
    sort: Any, text: str, expected: list[Any]
) -> None:
    assert sort_clauses(SearchQuery(sort=sort, text=text)) == expected


def test_a_place_without_coordinates_and_days_without_today_filter_nothing() -> None:
    query = SearchQuery(near=Place("Nowhere", "TX", None, None, None), posted_within_days=7)
    assert base_clauses(query) == OPEN_CODING


@pytest.mark.parametrize(
    "text", ["CPC OR *:*", '"DRGs* (', 'title:coder AND {"query": 1}', "<script>", "a\\b"]
)
def test_user_text_ends_up_only_inside_match_queries(text: str) -> None:
    body = search_body(SearchQuery(text=text), codes=["CPC"])
    found = list(_paths_of(body, text))
    assert found == [
        ["query", "bool", "filter", 2, "multi_match", "query"],
        ["query", "bool", "should", 0, "constant_score", "filter", "match", "title", "query"],
    ]
    assert "query_string" not in repr(body)
    assert "simple_query_string" not in repr(body)
    assert list(_paths_of(candidates_body(SearchQuery(text=text)), text)) == [
        ["query", "bool", "filter", 2, "multi_match", "query"]
    ]


def _paths_of(value: Any, wanted: str, path: list[Any] | None = None) -> Any:
    """Every path in a JSON body to a string containing `wanted`."""
    path = path or []
    if isinstance(value, dict):
        for key, inner in value.items():
            assert wanted not in str(key)
            yield from _paths_of(inner, wanted, [*path, key])
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths_of(inner, wanted, [*path, index])
    elif isinstance(value, str) and wanted in value:
        yield path


def test_candidates_are_every_filtered_job_with_light_fields_only() -> None:
    query = SearchQuery(credentials=frozenset({"CPC", "CCS"}), work_arrangement="remote", page=4)
    assert candidates_body(query) == {
        "query": {
            "bool": {
                "filter": [
                    *OPEN_CODING,
                    cpc_or_ccs_held(),
                    {"term": {"work_arrangement": "remote"}},
                ]
            }
        },
        "_source": [
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
        ],
    }


def test_open_jobs_since_a_time_are_read_oldest_first() -> None:
    assert open_jobs_body(datetime(2026, 11, 18, 6)) == {
        "query": {
            "bool": {
                "filter": [*OPEN_CODING, {"range": {"first_seen": {"gte": "2026-11-18T06:00:00"}}}]
            }
        },
        "sort": [{"first_seen": "asc"}, {"id": "asc"}],
        "_source": LARGE,
    }


# --- keeping jobs over time -------------------------------------------------------------------


def test_a_batch_looks_up_its_links_urls_and_open_job_keys_in_one_query() -> None:
    body = lookup_body(
        [("acme", "2"), ("board", "b1"), ("acme", "1")],
        ["https://x.example/2", "https://x.example/1"],
        ["acme|coder|austin tx"],
    )

    def carrying(source: str, source_ids: list[str]) -> dict[str, Any]:
        return {
            "nested": {
                "path": "sources",
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"sources.source": source}},
                            {"terms": {"sources.source_id": source_ids}},
                        ]
                    }
                },
            }
        }

    assert body == {
        "query": {
            "bool": {
                "should": [
                    carrying("acme", ["1", "2"]),
                    carrying("board", ["b1"]),
                    {"terms": {"canonical_url": ["https://x.example/1", "https://x.example/2"]}},
                    {
                        "bool": {
                            "filter": [
                                {"terms": {"same_job_key": ["acme|coder|austin tx"]}},
                                OPEN_CODING[1],
                            ]
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        },
        "_source": LARGE,
    }


def test_a_sources_open_links_and_named_links_are_nested_queries() -> None:
    assert open_links_body("acme") == {
        "query": {
            "bool": {
                "filter": [
                    {
                        "nested": {
                            "path": "sources",
                            "query": {
                                "bool": {
                                    "filter": [
                                        {"term": {"sources.source": "acme"}},
                                        {
                                            "bool": {
                                                "must_not": [
                                                    {"exists": {"field": "sources.closed_at"}}
                                                ]
                                            }
                                        },
                                    ]
                                }
                            },
                        }
                    }
                ]
            }
        },
        "_source": ["id", "closed_at", "sources"],
    }
    named = linked_body("acme", {"2", "1"})["query"]["bool"]["filter"][0]["nested"]
    assert named["query"]["bool"]["filter"][1] == {"terms": {"sources.source_id": ["1", "2"]}}


def test_expired_jobs_and_stats_bodies() -> None:
    assert expired_body(date(2026, 11, 25)) == {
        "query": {
            "bool": {"filter": [OPEN_CODING[1], {"range": {"valid_through": {"lt": "2026-11-25"}}}]}
        },
        "_source": False,
    }
    assert stats_body() == {
        "size": 0,
        "track_total_hits": True,
        "aggs": {
            "jobs": {
                "filters": {
                    "filters": {
                        "open": {"bool": {"filter": OPEN_CODING}},
                        "closed": {"exists": {"field": "closed_at"}},
                        "not_coding": {"term": {"is_coding_job": False}},
                    }
                }
            },
            "sources": {
                "nested": {"path": "sources"},
                "aggs": {
                    "names": {
                        "cardinality": {"field": "sources.source", "precision_threshold": 40_000}
                    }
                },
            },
        },
    }


def test_an_upsert_batch_looks_up_what_its_postings_may_be() -> None:
    body = batch_lookup([posting("1"), posting("2", source="board")])
    should = body["query"]["bool"]["should"]
    assert should[2] == {
        "terms": {
            "canonical_url": [
                "https://careers.acme.example/jobs/1",
                "https://careers.acme.example/jobs/2",
            ]
        }
    }


def test_an_upsert_batch_creates_merges_and_changes_as_the_sqlite_store_does() -> None:
    batch = UpsertBatch([])
    later = "2026-11-25T07:00:00"
    same_text = posting("B7", source="board", url="https://board.example/B7", title="Medical Coder")
    outcomes = [
        batch.upsert(posting("1"), MORNING),
        batch.upsert(same_text, MORNING),  # same employer, title, place and text: merged
        batch.upsert(posting("1"), later),  # its own link, same content: unchanged
        batch.upsert(posting("1", content_hash="new-hash", title="Coder II"), later),
    ]
    assert outcomes == ["new", "merged", "unchanged", "changed"]
    (action,) = batch.actions("postings")
    assert action["_op_type"] == "index"
    written = action["_source"]
    assert written["title"] == "Coder II"
    assert (written["first_seen"], written["last_seen"]) == (MORNING, later)
    assert [(link["source"], link["content_hash"]) for link in written["sources"]] == [
        ("acme", "new-hash"),
        ("board", "hash-B7"),
    ]


def test_an_upsert_batch_reopens_a_closed_job_by_updating_its_times_and_links() -> None:
    tagged = posting("1")
    stored = job_document(
        tagged,
        job_id="j1",
        first_seen=MORNING,
        last_seen=MORNING,
        closed_at="2026-11-26T06:00:00",
        sources=[
            {
                **link_document(tagged, first_seen=MORNING, last_seen=MORNING),
                "closed_at": "2026-11-26T06:00:00",
            }
        ],
    )
    batch = UpsertBatch([stored])
    assert batch.upsert(tagged, "2026-11-27T06:00:00") == "unchanged"
    assert batch.actions("postings") == [
        {
            "_op_type": "update",
            "_index": "postings",
            "_id": "j1",
            "doc": {
                "last_seen": "2026-11-27T06:00:00",
                "closed_at": None,
                "sources": [
                    {
                        **link_document(tagged, first_seen=MORNING, last_seen=MORNING),
                        "last_seen": "2026-11-27T06:00:00",
                    }
                ],
            },
        }
    ]


def test_a_closed_job_at_the_same_url_takes_the_posting_but_not_by_job_key() -> None:
    tagged = posting("1")

    def closed_job() -> dict[str, Any]:
        return job_document(
            tagged,
            job_id="j1",
            first_seen=MORNING,
            last_seen=MORNING,
            closed_at=MORNING,
            sources=[],
        )

    by_url = UpsertBatch([closed_job()])
    assert by_url.upsert(posting("z", source="board", url=tagged.url), MORNING) == "merged"
    by_key = UpsertBatch([closed_job()])
    assert by_key.upsert(posting("z", source="board", url="https://b.example/z"), MORNING) == "new"
