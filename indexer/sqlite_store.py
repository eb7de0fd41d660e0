"""The embedded posting store: one SQLite file with FTS5 full-text search.

WAL mode, every write in a transaction, schema created by the store itself. What search
filters on is decided at ingest by `indexer.eligibility` and kept as integer bit masks: a job
is met by a set of credentials when every required group's mask (the credentials that meet it;
all bits when grace covers it) shares a bit with the set's mask. Search counts over those
columns held in memory (`indexer.search_columns`), next to each open job as the matcher's light
candidate and the jobs search has shown, all reloaded when the file changes; SQLite keeps
everything else and answers the words.
"""

from __future__ import annotations

import gc
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from hashlib import sha1
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from indexer.dedup import canonical_url, nearly_same_text, same_job_key, text_sketch
from indexer.eligibility import is_entry_level, required_groups
from indexer.errors import CoderMatchError
from indexer.location import Place, distance_miles
from indexer.models import Posting
from indexer.search_columns import (
    ARRANGEMENTS,
    Counts,
    JobKinds,
    KindMask,
    Mask,
    SearchColumns,
)
from indexer.store import (
    Candidate,
    Job,
    KnownPage,
    SearchQuery,
    SearchResult,
    SourceLink,
    UpsertOutcome,
)
from indexer.tagging.care_settings import SETTINGS
from indexer.tags import Tags
from indexer.taxonomy import load_taxonomy

SCHEMA_VERSION = 1
# Required groups kept per job; a posting rarely has more than three.
_GROUP_COLUMNS = ("g1", "g2", "g3", "g4", "g5", "g6")
# What a search hit shows: every column `_job` reads but the description.
_LISTED_COLUMNS = (
    "rowid, id, title, employer, url, city, state, zip, latitude, longitude, is_remote,"
    " entry_level, annual_min, annual_max, posted_at, first_seen, last_seen, closed_at, tags_json"
)
# What the store holds in memory of each open job: the filter columns `SearchColumns` reads,
# then what a light `Candidate` needs besides them.
_OPEN_JOB_COLUMNS = (
    "rowid, entry_level, min_experience, is_remote, latitude, longitude, pay_top,"
    " COALESCE(posted_at, substr(first_seen, 1, 10)), settings_mask, single_mask,"
    f" work_arrangement, {', '.join(_GROUP_COLUMNS)}, id, title, tags_json, annual_min, annual_max"
)
# Places whose candidates, with their distances, are kept in memory.
_PLACES_KEPT = 16
_Kept = TypeVar("_Kept")
# Ids a query at most (SQLite allows 32,766 variables).
_BATCH = 10_000

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    employer TEXT,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    same_job_key TEXT NOT NULL,
    text_sketch TEXT NOT NULL,
    city TEXT, state TEXT, zip TEXT, latitude REAL, longitude REAL,
    is_remote INTEGER NOT NULL,
    work_arrangement TEXT,
    is_coding_job INTEGER NOT NULL,
    entry_level INTEGER NOT NULL,
    min_experience INTEGER,
    annual_min REAL, annual_max REAL, pay_top REAL,
    posted_at TEXT, valid_through TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, closed_at TEXT,
    settings_mask INTEGER NOT NULL,
    single_mask INTEGER NOT NULL,
    {", ".join(f"{column} INTEGER NOT NULL" for column in _GROUP_COLUMNS)},
    tags_json TEXT NOT NULL,
    description_html TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_url ON jobs (canonical_url);
CREATE INDEX IF NOT EXISTS jobs_by_key ON jobs (same_job_key);
CREATE INDEX IF NOT EXISTS jobs_open ON jobs (closed_at, is_coding_job, first_seen);
CREATE TABLE IF NOT EXISTS job_sources (
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    job_rowid INTEGER NOT NULL REFERENCES jobs (rowid),
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (source, source_id)
);
CREATE INDEX IF NOT EXISTS job_sources_by_job ON job_sources (job_rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5(
    title, employer, text, content='jobs', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS jobs_fts_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts (rowid, title, employer, text)
    VALUES (new.rowid, new.title, new.employer, new.text);
END;
CREATE TRIGGER IF NOT EXISTS jobs_fts_update AFTER UPDATE OF title, employer, text ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, employer, text)
    VALUES ('delete', old.rowid, old.title, old.employer, old.text);
    INSERT INTO jobs_fts (rowid, title, employer, text)
    VALUES (new.rowid, new.title, new.employer, new.text);
END;
"""


class SqlitePostingStore:
    """`PostingStore` on one SQLite file."""

    def __init__(self, path: Path | str) -> None:
        # Opened in one thread and used in another (the API's event loop), never by two at once.
        self._connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._connection.row_factory = sqlite3.Row
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA synchronous=NORMAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        codes = sorted(load_taxonomy().codes)
        self._code_bits = {code: 1 << index for index, code in enumerate(codes)}
        self._all_codes = (1 << len(codes)) - 1
        self._open: _OpenJobs | None = None
        self._open_version = -1
        self._migrate()

    @classmethod
    def from_url(cls, url: str) -> SqlitePostingStore:
        """A store for a `sqlite:///path` URL, its folder created on first use."""
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(path)

    def close(self) -> None:
        """Close the database connection."""
        self._connection.close()

    def _migrate(self) -> None:
        """Create the schema, or bring an older one up to date; refuse a newer one."""
        self._connection.executescript(_SCHEMA)
        row = self._connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()
        found = int(row["value"]) if row else SCHEMA_VERSION
        if found > SCHEMA_VERSION:
            raise CoderMatchError(
                f"this posting store was written by a newer CoderMatch (schema {found}; "
                f"this version reads up to {SCHEMA_VERSION})"
            )
        # Migrations from older schema versions go here, one step a version.
        self._connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )

    def _transaction(self) -> _Transaction:
        """A write transaction; what it changes makes the in-memory open jobs stale."""
        self._open = None
        return _Transaction(self._connection)

    # --- writes ------------------------------------------------------------------------------

    def upsert(self, postings: Iterable[Posting], *, seen_at: datetime) -> UpsertOutcome:
        """Store a batch in one transaction: new jobs, changes, merges, sightings."""
        counts = {"new": 0, "changed": 0, "unchanged": 0, "merged": 0}
        when = seen_at.isoformat()
        with self._transaction():
            for posting in postings:
                counts[self._upsert_one(posting, when)] += 1
        return UpsertOutcome(**counts)

    def _upsert_one(self, posting: Posting, when: str) -> str:
        known = self._connection.execute(
            "SELECT job_rowid, content_hash FROM job_sources WHERE source = ? AND source_id = ?",
            (posting.source, posting.source_id),
        ).fetchone()
        if known is not None:
            self._connection.execute(
                "UPDATE job_sources SET last_seen = ?, closed_at = NULL, content_hash = ?, url = ?"
                " WHERE source = ? AND source_id = ?",
                (when, posting.content_hash, posting.url, posting.source, posting.source_id),
            )
            if known["content_hash"] == posting.content_hash:
                self._connection.execute(
                    "UPDATE jobs SET last_seen = ?, closed_at = NULL WHERE rowid = ?",
                    (when, known["job_rowid"]),
                )
                return "unchanged"
            self._write_job(posting, when, rowid=known["job_rowid"])
            return "changed"
        same = self._same_job(posting)
        if same is not None:
            self._add_source(posting, same, when)
            self._connection.execute(
                "UPDATE jobs SET last_seen = ?, closed_at = NULL WHERE rowid = ?", (when, same)
            )
            return "merged"
        rowid = self._write_job(posting, when, rowid=None)
        self._add_source(posting, rowid, when)
        return "new"

    def _same_job(self, posting: Posting) -> int | None:
        """An existing job this posting is: same canonical URL, or same job key and text."""
        by_url = self._connection.execute(
            "SELECT rowid FROM jobs WHERE canonical_url = ? ORDER BY closed_at IS NOT NULL LIMIT 1",
            (canonical_url(posting.url),),
        ).fetchone()
        if by_url is not None:
            return int(by_url["rowid"])
        key = same_job_key(posting.employer, posting.title, posting.place, posting.is_remote)
        sketch = text_sketch(posting.text)
        for row in self._connection.execute(
            "SELECT rowid, text_sketch FROM jobs WHERE same_job_key = ? AND closed_at IS NULL",
            (key,),
        ):
            if nearly_same_text(row["text_sketch"], sketch):
                return int(row["rowid"])
        return None

    def _add_source(self, posting: Posting, rowid: int, when: str) -> None:
        self._connection.execute(
            "INSERT INTO job_sources (source, source_id, job_rowid, url, content_hash,"
            " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                posting.source,
                posting.source_id,
                rowid,
                posting.url,
                posting.content_hash,
                when,
                when,
            ),
        )

    def _write_job(self, posting: Posting, when: str, *, rowid: int | None) -> int:
        tags = posting.tags
        masks = self._group_masks(tags)
        single = self._single_mask(masks)
        annual = posting.annual_salary_usd
        low, high = annual if annual else (None, None)
        place = posting.place
        values: dict[str, Any] = {
            "title": posting.title,
            "employer": posting.employer,
            "url": posting.url,
            "canonical_url": canonical_url(posting.url),
            "same_job_key": same_job_key(
                posting.employer, posting.title, posting.place, posting.is_remote
            ),
            "text_sketch": text_sketch(posting.text),
            "city": place.city if place else None,
            "state": place.state if place else None,
            "zip": place.zip if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "is_remote": int(posting.is_remote),
            "work_arrangement": tags.work_arrangement,
            "is_coding_job": int(tags.is_coding_job),
            "entry_level": int(tags.is_coding_job and is_entry_level(posting.title, tags)),
            "min_experience": tags.min_experience_years,
            "annual_min": low,
            "annual_max": high,
            "pay_top": high if high is not None else low,
            "posted_at": posting.posted_at.isoformat() if posting.posted_at else None,
            "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
            "last_seen": when,
            "settings_mask": _settings_mask(tags.settings),
            "single_mask": single,
            **dict(zip(_GROUP_COLUMNS, masks, strict=True)),
            "tags_json": json.dumps(tags.to_dict()),
            "description_html": posting.description_html,
            "text": posting.text,
        }
        if rowid is not None:
            assignments = ", ".join(f"{column} = :{column}" for column in values)
            self._connection.execute(
                f"UPDATE jobs SET {assignments}, closed_at = NULL WHERE rowid = :rowid",
                {**values, "rowid": rowid},
            )
            return rowid
        values["id"] = _job_id(posting.source, posting.source_id)
        values["first_seen"] = when
        columns = ", ".join(values)
        placeholders = ", ".join(f":{column}" for column in values)
        cursor = self._connection.execute(
            f"INSERT INTO jobs ({columns}) VALUES ({placeholders})", values
        )
        return int(cursor.lastrowid or 0)

    def _group_masks(self, tags: Tags) -> list[int]:
        """Per required group, the bits of the credentials that meet it; all bits for a group
        covered by grace or a column without a group."""
        masks = []
        for group in required_groups(tags)[: len(_GROUP_COLUMNS)]:
            if group.covered_by_grace:
                masks.append(self._all_codes)
            else:
                masks.append(sum(self._code_bits[code] for code in group.met_by))
        return masks + [self._all_codes] * (len(_GROUP_COLUMNS) - len(masks))

    def _single_mask(self, masks: list[int]) -> int:
        """The credentials whose holder alone meets every group (the credentials facet)."""
        single = self._all_codes
        for mask in masks:
            single &= mask
        return single

    def known_pages(self, source: str) -> dict[str, KnownPage]:
        """A source's open postings by page URL, with when each was last seen."""
        rows = self._connection.execute(
            "SELECT url, source_id, last_seen FROM job_sources"
            " WHERE source = ? AND closed_at IS NULL",
            (source,),
        )
        return {
            row["url"]: KnownPage(row["source_id"], datetime.fromisoformat(row["last_seen"]))
            for row in rows
        }

    def mark_seen(self, source: str, source_ids: Iterable[str], *, at: datetime) -> None:
        """Move the last-seen time of these open postings, and of their jobs, to `at`."""
        when = at.isoformat()
        with self._transaction():
            for source_id in source_ids:
                self._connection.execute(
                    "UPDATE job_sources SET last_seen = ?"
                    " WHERE source = ? AND source_id = ? AND closed_at IS NULL",
                    (when, source, source_id),
                )
                self._connection.execute(
                    "UPDATE jobs SET last_seen = ? WHERE closed_at IS NULL AND rowid = ("
                    " SELECT job_rowid FROM job_sources WHERE source = ? AND source_id = ?)",
                    (when, source, source_id),
                )

    def close_missing(self, source: str, seen_ids: Iterable[str], *, at: datetime) -> int:
        """Close a source's postings a successful crawl did not return; close jobs left with
        no open source. Returns how many postings of the source were closed."""
        seen = set(seen_ids)
        when = at.isoformat()
        with self._transaction():
            open_ids = [
                row["source_id"]
                for row in self._connection.execute(
                    "SELECT source_id FROM job_sources WHERE source = ? AND closed_at IS NULL",
                    (source,),
                )
            ]
            gone = [source_id for source_id in open_ids if source_id not in seen]
            for source_id in gone:
                self._connection.execute(
                    "UPDATE job_sources SET closed_at = ? WHERE source = ? AND source_id = ?",
                    (when, source, source_id),
                )
            self._connection.execute(
                "UPDATE jobs SET closed_at = ? WHERE closed_at IS NULL AND NOT EXISTS ("
                " SELECT 1 FROM job_sources s WHERE s.job_rowid = jobs.rowid"
                " AND s.closed_at IS NULL)",
                (when,),
            )
        return len(gone)

    def close_expired(self, *, today: date, at: datetime) -> int:
        """Close open jobs whose `validThrough` is before today."""
        with self._transaction():
            cursor = self._connection.execute(
                "UPDATE jobs SET closed_at = ? WHERE closed_at IS NULL AND valid_through < ?",
                (at.isoformat(), today.isoformat()),
            )
        return cursor.rowcount

    # --- reads -------------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        """One job with its description, open or closed."""
        row = self._connection.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return self._job(row, with_description=True) if row else None

    def open_jobs(self, *, first_seen_since: datetime | None = None) -> Iterator[Job]:
        """Every open coding job, or those first seen at or after `first_seen_since`."""
        sql = "SELECT * FROM jobs WHERE closed_at IS NULL AND is_coding_job = 1"
        parameters: tuple[str, ...] = ()
        if first_seen_since is not None:
            # Stored times are ISO text; a day's slack covers any offset they were written in.
            sql += " AND first_seen >= ?"
            parameters = ((first_seen_since - timedelta(days=1)).isoformat()[:10],)
        for row in self._connection.execute(sql + " ORDER BY rowid", parameters):
            job = self._job(row)
            if first_seen_since is None or _utc(job.first_seen) >= _utc(first_seen_since):
                yield job

    def known_postings(self, source: str) -> dict[str, str]:
        """A source's open postings: source id to content hash."""
        rows = self._connection.execute(
            "SELECT source_id, content_hash FROM job_sources"
            " WHERE source = ? AND closed_at IS NULL",
            (source,),
        )
        return {row["source_id"]: row["content_hash"] for row in rows}

    def stats(self) -> dict[str, int]:
        """How many jobs are open, closed and not coding, and how many sources feed them."""
        row = self._connection.execute(
            "SELECT"
            " SUM(closed_at IS NULL AND is_coding_job = 1) AS open,"
            " SUM(closed_at IS NOT NULL) AS closed,"
            " SUM(is_coding_job = 0) AS not_coding,"
            " (SELECT COUNT(DISTINCT source) FROM job_sources) AS sources"
            " FROM jobs"
        ).fetchone()
        return {key: int(row[key] or 0) for key in ("open", "closed", "not_coding", "sources")}

    def search(self, query: SearchQuery) -> SearchResult:
        """Open coding jobs matching every filter, sorted and paged, with facets.

        The filter columns of the open jobs are held in memory (`SearchColumns`), so the total
        and every facet (each under the filters but its own) are counted over arrays; SQLite
        answers the words (FTS5, porter stemming) and the rows of hits not shown before. Relevance
        puts jobs with the words in their title first, then the newest.
        """
        open_jobs = self._open_jobs()
        columns = open_jobs.columns
        kinds = columns.kinds
        base, credential, setting, arrangement = self._masks(columns, query)
        counts = kinds.counted(base)
        codes = list(self._code_bits.items())
        facets = {
            "credentials": dict(
                zip(
                    [code for code, _ in codes],
                    kinds.single.count_bits(
                        _among(counts, setting, arrangement), [bit for _, bit in codes]
                    ),
                    strict=True,
                )
            ),
            "settings": dict(
                zip(
                    SETTINGS,
                    kinds.settings.count_bits(
                        _among(counts, credential, arrangement),
                        [1 << index for index in range(len(SETTINGS))],
                    ),
                    strict=True,
                )
            ),
            "work_arrangement": dict(
                zip(
                    ARRANGEMENTS,
                    kinds.count_arrangements(_among(counts, credential, setting)),
                    strict=True,
                )
            ),
        }
        chosen = _chosen(kinds, base, credential, setting, arrangement)
        skip = (query.page - 1) * query.size
        if query.sort == "salary":
            page = columns.best_paid_first(chosen, skip, query.size)
        elif query.sort == "relevance" and query.text:
            in_title = columns.with_rowids(self._rowids_matching(_fts_query(query.text, "title")))
            page = columns.newest_first(chosen, skip, query.size, first=in_title)
        else:
            page = columns.newest_first(chosen, skip, query.size)
        hits = tuple(self._listed(open_jobs, page, query.near))
        return SearchResult(total=int(np.count_nonzero(chosen)), hits=hits, facets=facets)

    def candidates(self, query: SearchQuery) -> list[Candidate]:
        """Every open coding job the query's filters keep, oldest stored first, from memory."""
        open_jobs = self._open_jobs()
        kinds = open_jobs.columns.kinds
        positions = np.flatnonzero(_chosen(kinds, *self._masks(open_jobs.columns, query))).tolist()
        if query.near is None:
            return [open_jobs.candidates[position] for position in positions]
        return open_jobs.from_place(query.near, positions)

    def jobs(self, job_ids: Iterable[str], *, near: Place | None = None) -> list[Job]:
        """These jobs without descriptions, in the order given."""
        wanted = list(job_ids)
        by_id: dict[str, sqlite3.Row] = {}
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = self._connection.execute(
                f"SELECT {_LISTED_COLUMNS} FROM jobs WHERE id IN ({marks})", batch
            )
            by_id.update((row["id"], row) for row in rows)
        rows = [by_id[job_id] for job_id in wanted if job_id in by_id]
        sources = self._sources_of([row["rowid"] for row in rows])
        return [self._job(row, near=near, sources=sources.get(row["rowid"], ())) for row in rows]

    def _masks(
        self, columns: SearchColumns, query: SearchQuery
    ) -> tuple[Mask, KindMask | None, KindMask | None, KindMask | None]:
        """The query's masks: its base filters (a job each), then credential, setting and
        arrangement (a kind each; None when the query does not filter on it)."""
        kinds = columns.kinds
        base = self._base_mask(columns, query)
        credential = kinds.met_by(self._held_bits(query.credentials)) if query.credentials else None
        setting = kinds.in_settings(_settings_mask(query.settings)) if query.settings else None
        arrangement = kinds.arranged(query.work_arrangement) if query.work_arrangement else None
        return base, credential, setting, arrangement

    def _open_jobs(self) -> _OpenJobs:
        """The open jobs in memory, reloaded when any connection changed the file."""
        version = self._connection.execute("PRAGMA data_version").fetchone()[0]
        if self._open is None or version != self._open_version:
            rows = self._connection.execute(
                f"SELECT {_OPEN_JOB_COLUMNS} FROM jobs"
                " WHERE closed_at IS NULL AND is_coding_job = 1 ORDER BY rowid"
            ).fetchall()
            self._open = _OpenJobs(
                columns=SearchColumns.from_rows(rows, len(_GROUP_COLUMNS)),
                candidates=tuple(_light_candidate(row) for row in rows),
            )
            self._open_version = version
            # The reload made objects by the ten thousand, all long-lived: the full collection
            # they set off runs now, with the reload, rather than in the middle of a later query.
            gc.collect()
        return self._open

    def _listed(self, open_jobs: _OpenJobs, rowids: list[int], near: Place | None) -> list[Job]:
        """These open jobs as search lists them, with distances from `near`, in this order;
        rows not listed since the last change (for that place) are read, with their sources,
        in one query each."""
        listed = _kept_for(open_jobs.listed, near, dict)
        unread = [rowid for rowid in rowids if rowid not in listed]
        if unread:
            sources = self._sources_of(unread)
            for row in self._rows(unread):
                rowid = row["rowid"]
                listed[rowid] = self._job(row, near=near, sources=sources.get(rowid, ()))
        return [listed[rowid] for rowid in rowids]

    def _base_mask(self, columns: SearchColumns, query: SearchQuery) -> Mask:
        """Every filter that has no facet of its own."""
        mask = np.ones(len(columns), dtype=np.bool_)
        if query.text:
            mask &= columns.with_rowids(self._rowids_matching(_fts_query(query.text)))
        if query.entry_level is not None:
            mask &= columns.entry_level if query.entry_level else ~columns.entry_level
        if query.experience_years is not None:
            mask &= columns.needing_at_most(query.experience_years)
        near = query.near
        if near is not None and near.latitude is not None and near.longitude is not None:
            mask &= columns.within(near.latitude, near.longitude, query.radius_miles)
        if query.min_salary is not None:
            mask &= columns.paying_at_least(query.min_salary)
        if query.posted_within_days is not None and query.today is not None:
            mask &= columns.posted_since(query.today - timedelta(days=query.posted_within_days))
        return mask

    def _held_bits(self, credentials: Iterable[str]) -> int:
        return sum(self._code_bits[code] for code in credentials if code in self._code_bits)

    def _rowids_matching(self, fts_query: str) -> npt.NDArray[np.int64]:
        """Every rowid a full-text query matches, sorted; one string from SQLite, not a row
        each, which is far faster for common words."""
        listed = self._connection.execute(
            "SELECT group_concat(rowid) FROM jobs_fts WHERE jobs_fts MATCH ?", (fts_query,)
        ).fetchone()[0]
        return np.sort(np.fromstring(listed or "", dtype=np.int64, sep=","))

    def _rows(self, rowids: list[int]) -> list[sqlite3.Row]:
        """The jobs' rows without their descriptions (search shows none), in the order asked
        for; one query a batch of ids."""
        by_rowid: dict[int, sqlite3.Row] = {}
        for start in range(0, len(rowids), _BATCH):
            batch = rowids[start : start + _BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = self._connection.execute(
                f"SELECT {_LISTED_COLUMNS} FROM jobs WHERE rowid IN ({marks})", batch
            )
            by_rowid.update((row["rowid"], row) for row in rows)
        return [by_rowid[rowid] for rowid in rowids]

    def _sources_of(self, rowids: list[int]) -> dict[int, tuple[SourceLink, ...]]:
        """Every source link of these jobs, oldest first; one query a batch of ids."""
        links: dict[int, list[SourceLink]] = {}
        for start in range(0, len(rowids), _BATCH):
            batch = rowids[start : start + _BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = self._connection.execute(
                "SELECT job_rowid, source, source_id, url FROM job_sources"
                f" WHERE job_rowid IN ({marks}) ORDER BY first_seen, source",
                batch,
            )
            for row in rows:
                links.setdefault(row[0], []).append(SourceLink(row[1], row[2], row[3]))
        return {rowid: tuple(found) for rowid, found in links.items()}

    def _job(
        self,
        row: sqlite3.Row,
        *,
        with_description: bool = False,
        near: Place | None = None,
        sources: tuple[SourceLink, ...] | None = None,
    ) -> Job:
        if sources is None:
            sources = self._sources_of([row["rowid"]]).get(row["rowid"], ())
        place = (
            Place(row["city"], row["state"], row["zip"], row["latitude"], row["longitude"])
            if row["city"] or row["state"]
            else None
        )
        tags = _tags_of(row["tags_json"])
        annual = (
            (row["annual_min"], row["annual_max"])
            if row["annual_min"] is not None or row["annual_max"] is not None
            else None
        )
        return Job(
            id=row["id"],
            title=row["title"],
            employer=row["employer"],
            place=place,
            is_remote=bool(row["is_remote"]),
            url=row["url"],
            sources=sources,
            first_seen=datetime.fromisoformat(row["first_seen"]),
            last_seen=datetime.fromisoformat(row["last_seen"]),
            is_open=row["closed_at"] is None,
            entry_level=bool(row["entry_level"]),
            annual_salary_usd=annual,
            tags=tags,
            posted_at=date.fromisoformat(row["posted_at"]) if row["posted_at"] else None,
            description_html=row["description_html"] if with_description else None,
            distance_miles=distance_miles(near, place) if near and place else None,
        )


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


@dataclass(frozen=True)
class _OpenJobs:
    """The open coding jobs as held in memory between changes to the file: their filter
    columns and each as a light candidate (position i in both is the same job; no distance);
    and, for the places asked about last, the candidates with their distances and by rowid
    the jobs a search has listed. Seekers near one city are many, and what is kept is not
    made again: no work for the garbage collector either."""

    columns: SearchColumns
    candidates: tuple[Candidate, ...]
    placed: dict[Place | None, list[Candidate | None]] = field(default_factory=dict)
    listed: dict[Place | None, dict[int, Job]] = field(default_factory=dict)

    def from_place(self, near: Place, positions: list[int]) -> list[Candidate]:
        """The candidates at these positions with their distances from `near`."""
        placed = _kept_for(self.placed, near, lambda: [None] * len(self.candidates))
        distances = _Distances(near)
        found = []
        for position in positions:
            candidate = placed[position]
            if candidate is None:
                miles = distances.to(
                    float(self.columns.latitude[position]), float(self.columns.longitude[position])
                )
                candidate = placed[position] = _at_distance(self.candidates[position], miles)
            found.append(candidate)
        return found


def _light_candidate(row: sqlite3.Row) -> Candidate:
    """A row of `_OPEN_JOB_COLUMNS` as a candidate without a distance."""
    job_id, title, tags_json, low, high = row[11 + len(_GROUP_COLUMNS) :]
    return Candidate(
        id=job_id,
        title=title,
        tags=_tags_of(tags_json),
        is_remote=bool(row["is_remote"]),
        distance_miles=None,
        annual_salary_usd=(low, high) if low is not None or high is not None else None,
        posted_at=_day(row[7]),
    )


def _at_distance(candidate: Candidate, miles: float | None) -> Candidate:
    return Candidate(
        id=candidate.id,
        title=candidate.title,
        tags=candidate.tags,
        is_remote=candidate.is_remote,
        distance_miles=miles,
        annual_salary_usd=candidate.annual_salary_usd,
        posted_at=candidate.posted_at,
    )


def _kept_for(
    kept: dict[Place | None, _Kept], near: Place | None, new: Callable[[], _Kept]
) -> _Kept:
    """What is kept for a place (made new when missing), now the newest; the oldest are let
    go beyond `_PLACES_KEPT` places."""
    found = kept.pop(near) if near in kept else new()
    while len(kept) >= _PLACES_KEPT:
        del kept[next(iter(kept))]
    kept[near] = found
    return found


class _Distances:
    """Miles from one place to coordinates (NaN: unknown), each pair worked out once."""

    def __init__(self, near: Place) -> None:
        self._near = near
        self._miles: dict[tuple[float, float], float | None] = {}

    def to(self, latitude: float, longitude: float) -> float | None:
        if math.isnan(latitude) or math.isnan(longitude):
            return None
        key = (latitude, longitude)
        if key not in self._miles:
            self._miles[key] = distance_miles(self._near, Place(None, None, None, *key))
        return self._miles[key]


@lru_cache(maxsize=65_536)
def _tags_of(tags_json: str) -> Tags:
    """Stored tags as `Tags`; many jobs share the same tags, so each text is read once."""
    return Tags.from_dict(json.loads(tags_json))


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __enter__(self) -> None:
        self._connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, error_type: object, error: object, traceback: object) -> None:
        self._connection.execute("ROLLBACK" if error_type else "COMMIT")


def _job_id(source: str, source_id: str) -> str:
    return "j" + sha1(f"{source}\x1f{source_id}".encode()).hexdigest()[:12]


def _settings_mask(settings: Iterable[str]) -> int:
    return sum(1 << SETTINGS.index(setting) for setting in settings if setting in SETTINGS)


def _fts_query(text: str, column: str | None = None) -> str:
    """Every word of the user's text, quoted (FTS5 syntax in the input means nothing), in one
    column when given."""
    words = re.findall(r"\w+", text) or [""]
    prefix = f"{column} : " if column else ""
    return " AND ".join(f'{prefix}"{word}"' for word in words)


def _chosen(kinds: JobKinds, base: Mask, *by_kind: KindMask | None) -> Mask:
    """The jobs passing the base mask and every given mask of kinds (None: no such filter)."""
    present = [mask for mask in by_kind if mask is not None]
    if not present:
        return base
    return base & kinds.jobs(np.logical_and.reduce(present))


def _among(counts: Counts, *by_kind: KindMask | None) -> Counts:
    """The counts of the kinds passing every given mask (None: no such filter)."""
    present = [mask for mask in by_kind if mask is not None]
    if not present:
        return counts
    return np.where(np.logical_and.reduce(present), counts, 0)


def _utc(moment: datetime) -> datetime:
    """A time as UTC; a naive one is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
