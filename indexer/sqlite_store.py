"""The embedded posting store: one SQLite file with FTS5 full-text search.

WAL mode, every write in a transaction, schema created by the store itself. What search
filters on is decided at ingest by `indexer.eligibility` and kept as integer bit masks, so a
credential filter is plain SQL arithmetic: a job is met by a set of credentials when every
required group's mask (the credentials that meet it; all bits when grace covers it) shares a
bit with the set's mask.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from hashlib import sha1
from pathlib import Path
from typing import Any

from indexer.dedup import canonical_url, nearly_same_text, same_job_key, text_sketch
from indexer.eligibility import is_entry_level, required_groups
from indexer.location import Place, distance_miles
from indexer.models import Posting
from indexer.store import Job, SearchQuery, SearchResult, SourceLink, UpsertOutcome
from indexer.tagging.care_settings import SETTINGS
from indexer.tags import Tags
from indexer.taxonomy import load_taxonomy

SCHEMA_VERSION = 1
# Required groups kept per job; a posting rarely has more than three.
_GROUP_COLUMNS = ("g1", "g2", "g3", "g4", "g5", "g6")
_MILES_PER_DEGREE = 69.0
_ARRANGEMENTS = ("remote", "hybrid", "onsite")
# With words to find, the full-text index leads: CROSS JOIN keeps SQLite from looking the
# words up again for every job row.
_FTS_FIRST = "jobs_fts CROSS JOIN jobs ON jobs.rowid = jobs_fts.rowid"

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
        self._connection = sqlite3.connect(str(path), isolation_level=None)
        self._connection.row_factory = sqlite3.Row
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA synchronous=NORMAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        codes = sorted(load_taxonomy().codes)
        self._code_bits = {code: 1 << index for index, code in enumerate(codes)}
        self._all_codes = (1 << len(codes)) - 1
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
        """Create the schema, or bring an older one up to date."""
        self._connection.executescript(_SCHEMA)
        self._connection.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )

    def _transaction(self) -> _Transaction:
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

    def open_jobs(self) -> Iterator[Job]:
        """Every open coding job."""
        rows = self._connection.execute(
            "SELECT * FROM jobs WHERE closed_at IS NULL AND is_coding_job = 1 ORDER BY rowid"
        )
        for row in rows:
            yield self._job(row)

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

        One pass counts the total and every facet (each under the filters but its own); a
        second fetches the page.
        """
        common, params = self._common_filters(query)
        credential, setting, arrangement = self._facet_filters(query)
        joined = _FTS_FIRST if query.text else "jobs"
        codes = list(self._code_bits.items())
        counts = [f"SUM({credential} AND {setting} AND {arrangement})"]
        counts += [
            f"SUM({setting} AND {arrangement} AND (jobs.single_mask & {bit}) != 0)"
            for _, bit in codes
        ]
        counts += [
            f"SUM({credential} AND {arrangement} AND (jobs.settings_mask & {1 << index}) != 0)"
            for index in range(len(SETTINGS))
        ]
        counts += [
            f"SUM({credential} AND {setting} AND jobs.work_arrangement = '{value}')"
            for value in _ARRANGEMENTS
        ]
        row = self._connection.execute(
            f"SELECT {', '.join(counts)} FROM {joined} WHERE {common}", params
        ).fetchone()
        numbers = [int(value or 0) for value in row]
        total, numbers = numbers[0], numbers[1:]
        by_code, numbers = numbers[: len(codes)], numbers[len(codes) :]
        by_setting, by_arrangement = numbers[: len(SETTINGS)], numbers[len(SETTINGS) :]
        offset = (query.page - 1) * query.size
        rows = self._connection.execute(
            f"SELECT jobs.* FROM {joined} WHERE {common} AND {credential} AND {setting}"
            f" AND {arrangement} ORDER BY {_order(query)} LIMIT ? OFFSET ?",
            [*params, query.size, offset],
        ).fetchall()
        taxonomy = load_taxonomy()
        facets = {
            "credentials": {
                code: count
                for (code, _), count in zip(codes, by_code, strict=True)
                if code in taxonomy.credentials or count
            },
            "settings": dict(zip(SETTINGS, by_setting, strict=True)),
            "work_arrangement": dict(zip(_ARRANGEMENTS, by_arrangement, strict=True)),
        }
        hits = tuple(self._job(row, near=query.near) for row in rows)
        return SearchResult(total=total, hits=hits, facets=facets)

    def _facet_filters(self, query: SearchQuery) -> tuple[str, str, str]:
        """The credential, setting and arrangement filters as SQL ("1" when not asked for)."""
        credential = setting = arrangement = "1"
        if query.credentials:
            held = sum(
                self._code_bits[code] for code in query.credentials if code in self._code_bits
            )
            credential = " AND ".join(f"(jobs.{column} & {held}) != 0" for column in _GROUP_COLUMNS)
            credential = f"({credential})"
        if query.settings:
            setting = f"((jobs.settings_mask & {_settings_mask(query.settings)}) != 0)"
        if query.work_arrangement:
            known = query.work_arrangement in _ARRANGEMENTS
            arrangement = f"(jobs.work_arrangement = '{query.work_arrangement}')" if known else "0"
        return credential, setting, arrangement

    def _common_filters(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """SQL conditions and parameters for every filter that has no facet."""
        clauses = ["jobs.closed_at IS NULL", "jobs.is_coding_job = 1"]
        params: list[Any] = []
        if query.text:
            clauses.append("jobs_fts MATCH ?")
            params.append(_fts_query(query.text))
        if query.entry_level is not None:
            clauses.append("jobs.entry_level = ?")
            params.append(int(query.entry_level))
        if query.experience_years is not None:
            clauses.append("(jobs.min_experience IS NULL OR jobs.min_experience <= ?)")
            params.append(query.experience_years)
        if query.near is not None and query.near.latitude is not None:
            clauses.append(_near_clause(query.near, query.radius_miles, params))
        if query.min_salary is not None:
            clauses.append("(jobs.pay_top IS NULL OR jobs.pay_top >= ?)")
            params.append(query.min_salary)
        if query.posted_within_days is not None and query.today is not None:
            since = (query.today - timedelta(days=query.posted_within_days)).isoformat()
            clauses.append("COALESCE(jobs.posted_at, substr(jobs.first_seen, 1, 10)) >= ?")
            params.append(since)
        return " AND ".join(clauses), params

    def _job(
        self, row: sqlite3.Row, *, with_description: bool = False, near: Place | None = None
    ) -> Job:
        sources = tuple(
            SourceLink(link["source"], link["source_id"], link["url"])
            for link in self._connection.execute(
                "SELECT source, source_id, url FROM job_sources WHERE job_rowid = ?"
                " ORDER BY first_seen, source",
                (row["rowid"],),
            )
        )
        place = (
            Place(row["city"], row["state"], row["zip"], row["latitude"], row["longitude"])
            if row["city"] or row["state"]
            else None
        )
        tags = Tags.from_dict(json.loads(row["tags_json"]))
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


def _fts_query(text: str) -> str:
    """Every word of the user's text, quoted: FTS5 syntax in the input means nothing."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"' for word in words) or '""'


def _near_clause(near: Place, radius_miles: float, params: list[Any]) -> str:
    """Remote jobs stay; others within the radius (an equirectangular distance in degrees of
    latitude, close enough at these ranges)."""
    latitude, longitude = near.latitude or 0.0, near.longitude or 0.0
    stretch = math.cos(math.radians(latitude))
    reach = (radius_miles / _MILES_PER_DEGREE) ** 2
    params.extend([latitude, latitude, longitude, stretch, longitude, stretch, reach])
    return (
        "(jobs.is_remote = 1 OR (jobs.latitude IS NOT NULL AND"
        " (jobs.latitude - ?) * (jobs.latitude - ?)"
        " + ((jobs.longitude - ?) * ?) * ((jobs.longitude - ?) * ?) <= ?))"
    )


def _order(query: SearchQuery) -> str:
    if query.sort == "salary":
        return "jobs.pay_top IS NULL, jobs.pay_top DESC, jobs.first_seen DESC"
    if query.sort == "relevance" and query.text:
        return "bm25(jobs_fts), jobs.first_seen DESC"
    return "COALESCE(jobs.posted_at, substr(jobs.first_seen, 1, 10)) DESC, jobs.rowid DESC"
