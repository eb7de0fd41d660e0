"""`codermatch reindex` and the Elasticsearch store URL.

Without a server: the command's errors (one clear line, exit 1), and the documents it builds
from a real SQLite store filled by ingest. With `CODERMATCH_TEST_ELASTICSEARCH_URL` naming a
server: the whole copy, the alias swap, and search answering as SQLite does.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from codermatch.cli import app
from codermatch.demo import sample_postings
from codermatch.reindex_command import sqlite_documents
from codermatch.settings import Settings
from codermatch.stores import open_store
from indexer.errors import CoderMatchError
from indexer.es_documents import index_body
from indexer.ingest import ingest
from indexer.models import RawPosting
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery
from indexer.taxonomy import load_taxonomy

# Read at import: the autouse fixture of tests/conftest.py clears CODERMATCH_* for each test.
ELASTICSEARCH_URL = os.environ.get("CODERMATCH_TEST_ELASTICSEARCH_URL")
NO_SERVER = "CODERMATCH_TEST_ELASTICSEARCH_URL is not set: no Elasticsearch server"
TODAY = date(2026, 11, 25)
MORNING = datetime(2026, 11, 25, 6, 0)
NOTHING_LISTENS = "http://127.0.0.1:9"  # the discard port: refused at once

runner = CliRunner()


@pytest.fixture
def filled_store(clean_environment: Path) -> Path:
    """The settings' SQLite store filled with the bundled sample, one source's postings
    then closed, so it holds open, closed and non-coding jobs."""
    path = clean_environment / "codermatch.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    store = SqlitePostingStore(path)
    raw = [RawPosting.model_validate(record) for record in sample_postings()]
    ingest(raw, store, today=TODAY, seen_at=MORNING)
    store.close_missing("lever", [], at=MORNING + timedelta(days=1))
    store.close()
    return path


def _documents(path: Path) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        return list(sqlite_documents(connection))


# --- errors: one clear line, exit 1 -----------------------------------------------------------


def test_reindex_to_a_server_that_does_not_answer_fails_with_one_clear_line(
    filled_store: Path,
) -> None:
    result = runner.invoke(
        app, ["reindex", "--from", f"sqlite:///{filled_store}", "--to", NOTHING_LISTENS]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach Elasticsearch at {NOTHING_LISTENS}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, CoderMatchError)


def test_reindex_names_a_missing_sqlite_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = runner.invoke(
        app, ["reindex", "--from", f"sqlite:///{missing}", "--to", NOTHING_LISTENS]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: --from: no SQLite posting store at {missing}\n"
    assert not missing.exists()


def test_reindex_refuses_a_file_that_is_not_a_posting_store(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    result = runner.invoke(
        app, ["reindex", "--from", f"sqlite:///{other}", "--to", NOTHING_LISTENS]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: --from: {other} is not a CoderMatch posting store")


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--to", "localhost:9200"], "--to: 'localhost:9200'"),
        ([], "--to (or CODERMATCH_STORE): 'sqlite:///"),
        (["--from", "postgresql://db/postings"], "--from: 'postgresql://db/postings'"),
    ],
)
def test_reindex_names_the_flag_whose_url_it_cannot_use(
    filled_store: Path, arguments: list[str], named: str
) -> None:
    result = runner.invoke(app, ["reindex", *arguments])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {named}")


def test_an_unknown_store_url_names_codermatch_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODERMATCH_STORE", "ftp://postings.example/")
    with pytest.raises(
        CoderMatchError, match=re.escape("CODERMATCH_STORE: 'ftp://postings.example/'")
    ):
        open_store(Settings())


def test_an_http_store_url_opens_elasticsearch_and_says_when_it_cannot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CODERMATCH_STORE", NOTHING_LISTENS)
    with pytest.raises(
        CoderMatchError, match=re.escape(f"cannot reach Elasticsearch at {NOTHING_LISTENS}")
    ):
        open_store(Settings())


# --- the documents it copies -------------------------------------------------------------------


def test_every_job_open_closed_or_not_coding_becomes_a_document_the_mapping_accepts(
    filled_store: Path,
) -> None:
    documents = _documents(filled_store)
    with closing(sqlite3.connect(filled_store)) as connection:
        (stored,) = connection.execute("SELECT COUNT(*) FROM jobs").fetchone()
    assert len(documents) == stored
    assert any(document["closed_at"] for document in documents)
    assert any(not document["is_coding_job"] for document in documents)
    assert len({document["id"] for document in documents}) == len(documents)
    properties = index_body()["mappings"]["properties"]
    for document in documents:
        _assert_mapped(document, properties)


def _assert_mapped(document: dict[str, Any], properties: dict[str, Any]) -> None:
    """Every field is in the (strict) mapping, nested objects' fields too."""
    for name, value in document.items():
        assert name in properties, name
        if properties[name].get("type") == "nested":
            for inner in value:
                _assert_mapped(inner, properties[name]["properties"])


def test_documents_keep_every_source_link_with_its_hash_and_times(filled_store: Path) -> None:
    documents = _documents(filled_store)
    store = SqlitePostingStore(filled_store)
    merged = [document for document in documents if len(document["sources"]) > 1]
    assert merged  # the sample's duplicates across sources
    for source in {link["source"] for document in documents for link in document["sources"]}:
        open_links = {
            link["source_id"]: link["content_hash"]
            for document in documents
            for link in document["sources"]
            if link["source"] == source and link["closed_at"] is None
        }
        assert open_links == store.known_postings(source), source
    for document in documents:
        job = store.get(document["id"])
        assert job is not None
        assert [(link.source, link.source_id) for link in job.sources] == [
            (link["source"], link["source_id"]) for link in document["sources"]
        ]
        assert (document["first_seen"], document["is_coding_job"]) == (
            job.first_seen.isoformat(),
            job.tags.is_coding_job,
        )
        assert (document["closed_at"] is None) == job.is_open
        assert document["entry_level"] == job.entry_level
    store.close()


def test_documents_groups_meet_credentials_as_the_sqlite_store_finds(filled_store: Path) -> None:
    """The required groups the credentials filter reads keep the jobs SQLite's masks keep."""
    documents = _documents(filled_store)
    open_coding = [
        document
        for document in documents
        if document["is_coding_job"] and document["closed_at"] is None
    ]
    store = SqlitePostingStore(filled_store)
    for code in sorted(load_taxonomy().codes):
        query = SearchQuery(credentials=frozenset({code}), size=100)
        found = {job.id for page in (1, 2) for job in store.search(replace(query, page=page)).hits}
        assert store.search(query).total <= 200
        met = {
            document["id"]
            for document in open_coding
            if not any(
                code not in group["met_by"] and not group["covered_by_grace"]
                for group in document["required_groups"]
            )
        }
        assert met == found, code
    store.close()


# --- the whole copy, against a real server ----------------------------------------------------


@pytest.fixture
def alias(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A unique alias on the test server; the indexes behind it are deleted afterwards."""
    if not ELASTICSEARCH_URL:
        pytest.skip(NO_SERVER)
    from indexer.es_store import ElasticsearchPostingStore

    name = f"codermatch-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("CODERMATCH_ES_INDEX", name)
    yield name
    store = ElasticsearchPostingStore.from_url(ELASTICSEARCH_URL, name)
    for index in store.indexes():
        store.delete_index(index)
    store.close()


def test_reindex_copies_every_job_and_swaps_the_alias(filled_store: Path, alias: str) -> None:
    from indexer.es_store import ElasticsearchPostingStore

    assert ELASTICSEARCH_URL
    arguments = ["reindex", "--from", f"sqlite:///{filled_store}", "--to", ELASTICSEARCH_URL]
    first = runner.invoke(app, arguments)
    assert first.exit_code == 0, first.output
    assert f"now points to {alias}-" in first.stderr
    store = ElasticsearchPostingStore.from_url(ELASTICSEARCH_URL, alias)
    (first_index,) = store.indexes()
    sqlite_store = SqlitePostingStore(filled_store)
    assert store.stats() == sqlite_store.stats()
    for query in (
        SearchQuery(),
        SearchQuery(credentials=frozenset({"CPC-A"})),
        SearchQuery(text="inpatient", settings=frozenset({"inpatient"})),
        SearchQuery(entry_level=True, sort="salary"),
    ):
        expected = sqlite_store.search(query)
        found = store.search(query)
        assert found.total == expected.total, query
        assert found.facets == expected.facets, query
    assert store.known_postings("greenhouse") == sqlite_store.known_postings("greenhouse")
    sqlite_store.close()

    second = runner.invoke(app, [*arguments, "--delete-old"])
    assert second.exit_code == 0, second.output
    (second_index,) = store.indexes()
    assert second_index != first_index
    assert f"Deleted the old index {first_index}" in second.stderr
    with pytest.raises(CoderMatchError, match="index_not_found"):
        store.count(first_index)
    store.close()
