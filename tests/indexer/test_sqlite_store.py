"""What only the SQLite store does: its file, its schema version, and other connections."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from indexer.errors import CoderMatchError
from indexer.models import Posting, RawPosting
from indexer.normalize import normalize_posting
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import SearchQuery


def _posting(source_id: str) -> Posting:
    raw = RawPosting(
        source="acme",
        source_id=source_id,
        url=f"https://acme.example/jobs/{source_id}",
        title="Medical Coder",
        text="CPC required. Remote.",
    )
    return normalize_posting(raw, today=date(2026, 11, 25))


def test_jobs_outlive_the_connection_and_the_file_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "codermatch.db"
    store = SqlitePostingStore(path)
    store.upsert([_posting("1")], seen_at=datetime(2026, 11, 25))
    store.close()
    reopened = SqlitePostingStore(path)
    assert reopened.search(SearchQuery()).total == 1
    reopened.close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_write_by_another_connection_is_seen_by_the_next_search(tmp_path: Path) -> None:
    path = tmp_path / "codermatch.db"
    reader, writer = SqlitePostingStore(path), SqlitePostingStore(path)
    assert reader.search(SearchQuery()).total == 0
    writer.upsert([_posting("1")], seen_at=datetime(2026, 11, 25))
    assert reader.search(SearchQuery()).total == 1


def test_a_store_written_by_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "codermatch.db"
    SqlitePostingStore(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(CoderMatchError, match="newer CoderMatch"):
        SqlitePostingStore(path)


def test_from_url_creates_the_data_folder(tmp_path: Path) -> None:
    store = SqlitePostingStore.from_url(f"sqlite:///{tmp_path / 'new' / 'codermatch.db'}")
    assert (tmp_path / "new" / "codermatch.db").exists()
    store.close()
