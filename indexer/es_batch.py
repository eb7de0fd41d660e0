"""One upsert batch of the Elasticsearch store, worked out in memory before it is written.

The store looks up every job the batch's postings may be (`batch_lookup`), hands them to an
`UpsertBatch` as working copies, applies the postings one by one with the SQLite store's rules
(a posting's own link, then the canonical URL, then the job key and nearly the same text;
first and last seen; a job seen again reopens), and writes what changed in one bulk request
(`UpsertBatch.actions`). Postings of one batch meet each other here, as they would inside
SQLite's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import sha1
from typing import Any

from indexer.dedup import canonical_url, nearly_same_text, same_job_key, text_sketch
from indexer.es_documents import index_action, job_document, link_document, update_action
from indexer.es_queries import lookup_body
from indexer.models import Posting

_LINK_FIELDS = ("last_seen", "closed_at", "sources")  # what a sighting or a merge changes


class UpsertBatch:
    """The jobs a batch of postings may be, as working copies, and which ones it changed:
    the postings are matched against these (and each other) in memory, then written."""

    def __init__(self, found: Iterable[dict[str, Any]]) -> None:
        self._jobs: dict[str, dict[str, Any]] = {}
        self._by_link: dict[tuple[str, str], str] = {}
        self._by_url: dict[str, set[str]] = {}
        self._by_key: dict[str, set[str]] = {}
        self._rewritten: set[str] = set()
        self._touched: dict[str, None] = {}  # in the order first changed
        for document in found:
            self._keep(document)

    def upsert(self, posting: Posting, when: str) -> str:
        """Apply one posting as the SQLite store does; returns new, changed, unchanged or merged."""
        job = self._carrying(posting.source, posting.source_id)
        if job is not None:
            link = next(
                link
                for link in job["sources"]
                if is_link(link, posting.source, {posting.source_id})
            )
            unchanged = link["content_hash"] == posting.content_hash
            link.update(last_seen=when, closed_at=None, content_hash=posting.content_hash)
            link["url"] = posting.url
            if unchanged:
                self._touch(job, when)
                return "unchanged"
            self._write(
                job_document(
                    posting,
                    job_id=job["id"],
                    first_seen=job["first_seen"],
                    last_seen=when,
                    closed_at=None,
                    sources=job["sources"],
                )
            )
            return "changed"
        link = link_document(posting, first_seen=when, last_seen=when)
        same = self._same_job(posting)
        if same is not None:
            same["sources"].append(link)
            self._by_link[(posting.source, posting.source_id)] = same["id"]
            self._touch(same, when)
            return "merged"
        job_id = _job_id(posting.source, posting.source_id)
        self._write(
            job_document(
                posting,
                job_id=job_id,
                first_seen=when,
                last_seen=when,
                closed_at=None,
                sources=[link],
            )
        )
        return "new"

    def actions(self, index: str) -> list[dict[str, Any]]:
        """Bulk actions: whole documents for jobs written from a posting, the changed times
        and links for the others."""
        actions = []
        for job_id in self._touched:
            job = self._jobs[job_id]
            if job_id in self._rewritten:
                actions.append(index_action(index, job))
            else:
                changes = {field: job[field] for field in _LINK_FIELDS}
                actions.append(update_action(index, job_id, changes))
        return actions

    def _keep(self, document: dict[str, Any]) -> None:
        job_id = document["id"]
        self._jobs[job_id] = document
        for link in document["sources"]:
            self._by_link[(link["source"], link["source_id"])] = job_id
        self._by_url.setdefault(document["canonical_url"], set()).add(job_id)
        self._by_key.setdefault(document["same_job_key"], set()).add(job_id)

    def _write(self, document: dict[str, Any]) -> None:
        self._keep(document)
        self._rewritten.add(document["id"])
        self._touched[document["id"]] = None

    def _touch(self, job: dict[str, Any], when: str) -> None:
        job["last_seen"] = when
        job["closed_at"] = None
        self._touched[job["id"]] = None

    def _carrying(self, source: str, source_id: str) -> dict[str, Any] | None:
        job_id = self._by_link.get((source, source_id))
        return self._jobs[job_id] if job_id is not None else None

    def _same_job(self, posting: Posting) -> dict[str, Any] | None:
        """A job this posting is: same canonical URL (open ones first), or, among open jobs,
        the same job key and nearly the same text."""
        url = canonical_url(posting.url)
        at_url = [
            self._jobs[i]
            for i in self._by_url.get(url, ())
            if self._jobs[i]["canonical_url"] == url
        ]
        if at_url:
            return min(at_url, key=lambda job: (job.get("closed_at") is not None, *_age(job)))
        key = same_job_key(posting.employer, posting.title, posting.place, posting.is_remote)
        sketch = text_sketch(posting.text)
        with_key = [
            self._jobs[i]
            for i in self._by_key.get(key, ())
            if self._jobs[i]["same_job_key"] == key and self._jobs[i].get("closed_at") is None
        ]
        for job in sorted(with_key, key=_age):
            if nearly_same_text(job["text_sketch"], sketch):
                return job
        return None


def batch_lookup(postings: list[Posting]) -> dict[str, Any]:
    """The lookup of every job a batch's postings may be."""
    return lookup_body(
        [(posting.source, posting.source_id) for posting in postings],
        [canonical_url(posting.url) for posting in postings],
        [same_job_key(p.employer, p.title, p.place, p.is_remote) for p in postings],
    )


def _age(job: dict[str, Any]) -> tuple[str, str]:
    return job["first_seen"], job["id"]


def is_link(link: dict[str, Any], source: str, source_ids: set[str]) -> bool:
    return link["source"] == source and link["source_id"] in source_ids


def _job_id(source: str, source_id: str) -> str:
    """The id a job gets when first seen (the same as the SQLite store gives it)."""
    return "j" + sha1(f"{source}\x1f{source_id}".encode()).hexdigest()[:12]
