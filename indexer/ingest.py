"""Raw postings in, stored jobs out: read, check, normalize, tag, store in batches.

Bad input loses nothing: a line that is not JSON or not a valid posting is reported with its
line number and skipped, and every good line is stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from itertools import islice

from pydantic import ValidationError

from indexer.models import Posting, RawPosting
from indexer.normalize import normalize_posting
from indexer.store import PostingStore, UpsertOutcome

BATCH_SIZE = 500
# Raw postings handed to the worker processes at a time.
_CHUNK = 2_000


@dataclass
class IngestReport:
    """What an ingest stored, flagged and skipped."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    merged: int = 0
    not_coding: int = 0
    bad_lines: list[str] = field(default_factory=list)

    def add(self, outcome: UpsertOutcome) -> None:
        self.new += outcome.new
        self.changed += outcome.changed
        self.unchanged += outcome.unchanged
        self.merged += outcome.merged

    @property
    def stored(self) -> int:
        """Postings stored, counting each once."""
        return self.new + self.changed + self.unchanged + self.merged


def read_raw_postings(lines: Iterable[str], report: IngestReport) -> Iterator[RawPosting]:
    """Each valid posting of a JSONL stream; bad lines go to `report` as "line N: why"."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield RawPosting.model_validate(json.loads(line))
        except json.JSONDecodeError as error:
            report.bad_lines.append(f"line {number}: not JSON ({error.msg})")
        except ValidationError as error:
            report.bad_lines.append(f"line {number}: {_first_problem(error)}")


def ingest(
    raw_postings: Iterable[RawPosting],
    store: PostingStore,
    *,
    today: date,
    seen_at: datetime,
    report: IngestReport | None = None,
    workers: int = 1,
) -> IngestReport:
    """Normalize, tag and store postings in batches of `BATCH_SIZE`.

    With `workers` above 1, normalizing and tagging (the bulk of the work, pure and
    independent per posting) runs in that many processes while this one stores.
    """
    report = report if report is not None else IngestReport()
    normalize = partial(normalize_posting, today=today)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            normalized = _normalized_ahead(pool, normalize, raw_postings)
            _store_in_batches(normalized, store, seen_at, report)
    else:
        _store_in_batches(map(normalize, raw_postings), store, seen_at, report)
    return report


def _normalized_ahead(
    pool: ProcessPoolExecutor,
    normalize: Callable[[RawPosting], Posting],
    raw_postings: Iterable[RawPosting],
) -> Iterator[Posting]:
    """Postings normalized by the pool one chunk ahead of the caller, so the workers keep
    busy while this process stores, and no more than two chunks are ever in memory."""
    remaining = iter(raw_postings)
    chunks = iter(lambda: list(islice(remaining, _CHUNK)), [])
    pending = pool.map(normalize, next(chunks, []), chunksize=64)
    for chunk in chunks:
        following = pool.map(normalize, chunk, chunksize=64)
        yield from pending
        pending = following
    yield from pending


def _store_in_batches(
    postings: Iterable[Posting], store: PostingStore, seen_at: datetime, report: IngestReport
) -> None:
    batch = []
    for posting in postings:
        report.not_coding += not posting.tags.is_coding_job
        batch.append(posting)
        if len(batch) >= BATCH_SIZE:
            report.add(store.upsert(batch, seen_at=seen_at))
            batch = []
    if batch:
        report.add(store.upsert(batch, seen_at=seen_at))


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"]) or "posting"
    return f"{where}: {problem['msg']}"
