"""`codermatch reindex`: copy every posting from the SQLite store into Elasticsearch.

The copy goes into a new index named `<alias>-<UTC time>`; only when every job is in it and
searchable does one `_aliases` request move the alias there, so search never sees a half-built
index. A failed copy deletes its own new index and leaves the alias as it was. The indexes the
alias pointed to before are kept unless `--delete-old` is given.

Every job is copied, open or closed, coding or not, with every source link, its content hash
and its times, so crawls go on from Elasticsearch exactly where they left off in SQLite. The
SQLite file is read read-only, straight from its tables (the store's own methods return open
coding jobs only, without content hashes), in one read transaction: postings stored after the
copy began are not in the new index, so pause crawls and ingests while it runs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, suppress
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from indexer.errors import CoderMatchError

if TYPE_CHECKING:
    from codermatch.settings import Settings
    from indexer.es_store import ElasticsearchPostingStore
    from indexer.models import Posting

# The SQLite schema this command reads (indexer.sqlite_store.SCHEMA_VERSION when written).
_READS_SCHEMA = "1"
_CHUNK = 1_000  # jobs read, and written in one bulk load, at a time
_LINK_COLUMNS = "source, source_id, url, content_hash, first_seen, last_seen, closed_at"


def reindex(
    source_url: Annotated[
        str | None,
        typer.Option(
            "--from", help="The SQLite store to copy (sqlite:///path); default: the settings'."
        ),
    ] = None,
    target_url: Annotated[
        str | None,
        typer.Option(
            "--to", help="The Elasticsearch server (http://host:9200); default: CODERMATCH_STORE."
        ),
    ] = None,
    delete_old: Annotated[
        bool,
        typer.Option("--delete-old", help="Delete the indexes the alias pointed to before."),
    ] = False,
) -> None:
    """Copy every posting from SQLite into a new Elasticsearch index, then swap the alias."""
    from codermatch.settings import Settings

    settings = Settings()
    try:
        path = _sqlite_path(source_url, settings)
        target = _elasticsearch_url(target_url, settings)
        with closing(_read_only(path)) as connection:
            copied, index = _copy(connection, target, settings.es_index, delete_old=delete_old)
    except CoderMatchError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Re-indexed {copied:,} jobs into {index}; {settings.es_index} now points to it.")


def sqlite_documents(connection: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every job of a SQLite posting store as an Elasticsearch document, oldest stored first,
    with its source links (oldest first) as the SQLite store keeps them."""
    from indexer.es_documents import job_document

    rows = connection.execute("SELECT * FROM jobs ORDER BY rowid")
    while chunk := rows.fetchmany(_CHUNK):
        links = _links_of(connection, [row["rowid"] for row in chunk])
        for row in chunk:
            sources = links.get(row["rowid"], [])
            yield job_document(
                _posting_of(row, sources),
                job_id=row["id"],
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
                closed_at=row["closed_at"],
                sources=sources,
            )


def _copy(
    connection: sqlite3.Connection, target: str, alias: str, *, delete_old: bool
) -> tuple[int, str]:
    """Copy every job into a new index, check it holds them all, swap the alias to it."""
    from indexer.es_store import ElasticsearchPostingStore, timestamped_index

    total = int(connection.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
    store = ElasticsearchPostingStore.from_url(target, alias, refresh=False)
    try:
        index = timestamped_index(alias, datetime.now(UTC))
        store.create_index(index)
        _progress(f"Copying {total:,} jobs into the new index {index} on {target}")
        try:
            _fill(store, index, connection, total)
        except BaseException:  # an error or Ctrl-C: the half-built index goes, then the error
            with suppress(CoderMatchError):
                store.delete_index(index)
            raise
        old = store.swap_alias(index)
        _progress(f"{alias} now points to {index}" + (f" (was: {', '.join(old)})" if old else ""))
        for name in old:
            if delete_old:
                store.delete_index(name)
                _progress(f"Deleted the old index {name}")
            else:
                _progress(f"Kept the old index {name} (--delete-old deletes it)")
    finally:
        store.close()
    return total, index


def _fill(
    store: ElasticsearchPostingStore, index: str, connection: sqlite3.Connection, total: int
) -> None:
    """Bulk-load every job, then make the index searchable and check nothing is missing."""
    documents = sqlite_documents(connection)
    copied = 0
    while chunk := list(islice(documents, _CHUNK)):
        copied += store.bulk_load(chunk, index=index)
        _progress(f"  {copied:,}/{total:,} jobs")
    store.refresh_index(index)
    counted = store.count(index)
    if counted != total:
        raise CoderMatchError(
            f"the new index {index} holds {counted:,} jobs, not {total:,}; the alias is unchanged"
        )


def _sqlite_path(source_url: str | None, settings: Settings) -> Path:
    """The SQLite file to copy: `--from`, else the settings' store when SQLite, else the
    default file in the data dir."""
    if source_url is None:
        default = settings.store_url
        url = default if default.startswith("sqlite:///") else _default_sqlite(settings)
    elif source_url.startswith("sqlite:///"):
        url = source_url
    else:
        raise CoderMatchError(f"--from: {source_url!r} is not a sqlite:/// URL")
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        raise CoderMatchError(f"--from: no SQLite posting store at {path}")
    return path


def _default_sqlite(settings: Settings) -> str:
    return f"sqlite:///{settings.data_dir / 'codermatch.db'}"


def _elasticsearch_url(target_url: str | None, settings: Settings) -> str:
    """The server to copy into: `--to`, else `CODERMATCH_STORE` when it names one."""
    url = target_url or settings.store_url
    if not url.startswith(("http://", "https://")):
        where = "--to" if target_url else "--to (or CODERMATCH_STORE)"
        raise CoderMatchError(f"{where}: {url!r} is not an Elasticsearch http:// or https:// URL")
    return url


def _read_only(path: Path) -> sqlite3.Connection:
    """The SQLite posting store opened read-only, its schema checked."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        raise CoderMatchError(
            f"--from: {path} is not a CoderMatch posting store ({error})"
        ) from error
    if row is None or row["value"] != _READS_SCHEMA:
        connection.close()
        found = row["value"] if row else "none"
        raise CoderMatchError(
            f"--from: {path} has posting store schema {found}; reindex reads schema {_READS_SCHEMA}"
        )
    connection.execute("BEGIN")  # one snapshot for the count and every row read
    return connection


def _links_of(connection: sqlite3.Connection, rowids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The source links of these jobs as documents keep them, oldest first."""
    marks = ", ".join("?" for _ in rowids)
    rows = connection.execute(
        f"SELECT job_rowid, {_LINK_COLUMNS} FROM job_sources"
        f" WHERE job_rowid IN ({marks}) ORDER BY first_seen, source",
        rowids,
    )
    links: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        link = {key: row[key] for key in _LINK_COLUMNS.split(", ")}
        links.setdefault(row["job_rowid"], []).append(link)
    return links


def _posting_of(row: sqlite3.Row, links: list[dict[str, Any]]) -> Posting:
    """A stored job row as the `Posting` it was written from (source fields: its first link)."""
    from indexer.location import Place
    from indexer.models import Posting
    from indexer.tags import Tags

    parts = (row["city"], row["state"], row["zip"], row["latitude"], row["longitude"])
    first = links[0] if links else {"source": "", "source_id": "", "content_hash": ""}
    low, high = row["annual_min"], row["annual_max"]
    return Posting(
        source=first["source"],
        source_id=first["source_id"],
        url=row["url"],
        title=row["title"],
        employer=row["employer"],
        description_html=row["description_html"],
        text=row["text"],
        location_text=None,
        place=Place(*parts) if any(part is not None for part in parts) else None,
        is_remote=bool(row["is_remote"]),
        posted_at=date.fromisoformat(row["posted_at"]) if row["posted_at"] else None,
        valid_through=date.fromisoformat(row["valid_through"]) if row["valid_through"] else None,
        tags=Tags.from_dict(json.loads(row["tags_json"])),
        annual_salary_usd=(low, high) if low is not None or high is not None else None,
        content_hash=first["content_hash"],
    )


def _progress(message: str) -> None:
    typer.echo(message, err=True)
