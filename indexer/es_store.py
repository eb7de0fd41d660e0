"""The scale-out posting store: Elasticsearch, behind an alias.

Jobs live in one index behind an alias (`codermatch-postings` by default): every read and
write names the alias, and a re-index builds a new index, then moves the alias in one
`_aliases` call (`swap_alias`), so search sees the old index or the new, never a half-built
one. Request bodies are built by the pure functions of `indexer.es_queries` (reads) and
`indexer.es_documents` (mapping, documents, bulk actions); an upsert batch is worked out in
memory by `indexer.es_batch`; writes go through `helpers.bulk`.

It keeps the SQLite store's rules: the same de-duplication (a posting's own link, then the
canonical URL, then the job key and nearly the same text), first and last seen, a job closed
when every source has dropped it and reopened when seen again. Where Elasticsearch differs:

- Reads are near real time. Writes wait for a refresh (`refresh="wait_for"`) so the next read,
  and the next batch's de-duplication, see them; `refresh=False` (re-indexing) skips that.
- A batch is written with one bulk request, not one transaction: a failure part way leaves
  the documents already written. Postings of one batch are matched against each other in
  memory, as SQLite's transaction would; two processes writing the same jobs at once may
  race (SQLite serializes writers), so run one ingest at a time per alias.
- Order where SQLite uses storage order (rowid): ties in sorting are broken by first seen,
  then id; `open_jobs` and `candidates` come oldest first seen first, then by id.
- Distance filtering uses Elasticsearch's `geo_distance` (arc), SQLite an equirectangular
  approximation: a job within a few hundred yards of the radius may fall either side.
  Distances shown are worked out in Python with the same haversine in both.
- Words: the `english` analyzer (its own stemmer) drops stop words ("the", "of"); FTS5
  (porter) keeps them. A query of stop words only finds nothing.
- SQLite keeps up to six required groups a job; here every group.
- Paging deeper than 10,000 hits (Elasticsearch's `max_result_window`) is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers

from indexer.errors import CoderMatchError
from indexer.es_batch import UpsertBatch, batch_lookup, is_link
from indexer.es_documents import (
    LARGE_FIELDS,
    alias_swap_body,
    candidate_of,
    index_action,
    index_body,
    iso,
    job_of,
    update_action,
)
from indexer.es_queries import (
    candidates_body,
    expired_body,
    linked_body,
    open_jobs_body,
    open_links_body,
    read_facets,
    search_body,
    stats_body,
)
from indexer.location import Place
from indexer.models import Posting
from indexer.store import Candidate, Job, KnownPage, SearchQuery, SearchResult, UpsertOutcome
from indexer.taxonomy import load_taxonomy

DEFAULT_ALIAS = "codermatch-postings"
_SCAN_PAGE = 1_000  # documents a scroll page
_IDS_A_REQUEST = 1_000  # ids a lookup or multi-get at most


class ElasticsearchError(CoderMatchError):
    """Elasticsearch could not be reached, or refused a request."""


def timestamped_index(alias: str, at: datetime) -> str:
    """A new index's name: the alias and a UTC time (`codermatch-postings-20261125060000123456`)."""
    return f"{alias}-{at:%Y%m%d%H%M%S%f}"


class ElasticsearchPostingStore:
    """`PostingStore` on an Elasticsearch index behind an alias."""

    def __init__(
        self,
        client: Elasticsearch,
        alias: str = DEFAULT_ALIAS,
        *,
        url: str = "",
        refresh: bool = True,
    ) -> None:
        self._client = client
        self._alias = alias
        self._url = url
        self._refresh: str | bool = "wait_for" if refresh else False
        self._codes = sorted(load_taxonomy().codes)
        self._has_alias = False

    @classmethod
    def from_url(
        cls, url: str, index_alias: str = DEFAULT_ALIAS, *, refresh: bool = True
    ) -> ElasticsearchPostingStore:
        """A store on the server at `url` (`http://host:9200`); nothing is sent yet."""
        client = Elasticsearch(url, request_timeout=30, max_retries=2, retry_on_timeout=True)
        return cls(client, index_alias, url=url, refresh=refresh)

    @property
    def alias(self) -> str:
        return self._alias

    def close(self) -> None:
        """Close the client's connections."""
        self._client.close()

    @contextmanager
    def _answered(self) -> Iterator[None]:
        """The client's failures as one clear `ElasticsearchError`."""
        try:
            yield
        except (TransportConnectionError, ConnectionTimeout) as error:
            raise ElasticsearchError(
                f"cannot reach Elasticsearch at {self._url or 'the configured URL'}: {error}"
            ) from error
        except helpers.BulkIndexError as error:
            raise ElasticsearchError(
                f"Elasticsearch refused {len(error.errors)} document(s); the first: "
                f"{error.errors[0] if error.errors else error}"
            ) from error
        except ApiError as error:
            raise ElasticsearchError(f"Elasticsearch refused a request: {error}") from error

    # --- the index behind the alias ----------------------------------------------------------

    def indexes(self) -> list[str]:
        """The indexes the alias points to (none before the first index is made)."""
        with self._answered():
            try:
                return sorted(self._client.indices.get_alias(name=self._alias).body)
            except NotFoundError:
                return []

    def ensure_alias(self) -> None:
        """Make a first, empty index behind the alias when it points nowhere yet."""
        if self._has_alias:
            return
        with self._answered():
            exists = bool(self._client.indices.exists_alias(name=self._alias))
        if not exists:
            name = timestamped_index(self._alias, datetime.now(UTC))
            self.create_index(name)
            self.swap_alias(name)
        self._has_alias = True

    def create_index(self, name: str) -> None:
        """A new, empty index with the postings mapping (not yet behind the alias)."""
        with self._answered():
            self._client.indices.create(index=name, body=index_body())

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at `new_index` alone, in one atomic request; returns the indexes it
        pointed to before (now behind no alias of ours, kept until deleted)."""
        old = self.indexes()
        with self._answered():
            self._client.indices.update_aliases(body=alias_swap_body(self._alias, new_index, old))
        return [name for name in old if name != new_index]

    def delete_index(self, name: str) -> None:
        """Delete one index (one the alias no longer points to)."""
        with self._answered():
            self._client.indices.delete(index=name)

    def refresh_index(self, name: str) -> None:
        """Make everything written to an index visible to search."""
        with self._answered():
            self._client.indices.refresh(index=name)

    def count(self, index: str | None = None) -> int:
        """Documents in an index (the alias by default), every job open or closed."""
        with self._answered():
            return int(self._client.count(index=index or self._alias)["count"])

    def bulk_load(self, documents: Iterable[dict[str, Any]], *, index: str) -> int:
        """Write whole job documents into an index (re-indexing), without waiting for a
        refresh; returns how many were written."""
        with self._answered():
            written, _ = helpers.bulk(
                self._client, (index_action(index, document) for document in documents)
            )
        return int(written)

    # --- writes ------------------------------------------------------------------------------

    def upsert(self, postings: Iterable[Posting], *, seen_at: datetime) -> UpsertOutcome:
        """Store a batch: new jobs, changes, merges, sightings; one bulk request."""
        batch_postings = list(postings)
        if not batch_postings:
            return UpsertOutcome()
        self.ensure_alias()
        batch = UpsertBatch(self._scan(batch_lookup(batch_postings)))
        counts = {"new": 0, "changed": 0, "unchanged": 0, "merged": 0}
        when = iso(seen_at)
        for posting in batch_postings:
            counts[batch.upsert(posting, when)] += 1
        self._bulk(batch.actions(self._alias))
        return UpsertOutcome(**counts)

    def mark_seen(self, source: str, source_ids: Iterable[str], *, at: datetime) -> None:
        """Move the last-seen time of these open postings, and of their open jobs, to `at`."""
        wanted = sorted(set(source_ids))
        when = iso(at)
        actions = []
        for start in range(0, len(wanted), _IDS_A_REQUEST):
            chunk = set(wanted[start : start + _IDS_A_REQUEST])
            for document in self._scan(linked_body(source, chunk)):
                for link in document["sources"]:
                    if is_link(link, source, chunk) and link.get("closed_at") is None:
                        link["last_seen"] = when
                changes: dict[str, Any] = {"sources": document["sources"]}
                if document.get("closed_at") is None:
                    changes["last_seen"] = when
                actions.append(update_action(self._alias, document["id"], changes))
        self._bulk(actions)

    def close_missing(self, source: str, seen_ids: Iterable[str], *, at: datetime) -> int:
        """Close a source's postings a successful crawl did not return; close jobs left with
        no open source. Returns how many postings of the source were closed."""
        seen = set(seen_ids)
        when = iso(at)
        closed = 0
        actions = []
        for document in self._scan(open_links_body(source)):
            gone = [
                link
                for link in document["sources"]
                if link["source"] == source
                and link.get("closed_at") is None
                and link["source_id"] not in seen
            ]
            if not gone:
                continue
            for link in gone:
                link["closed_at"] = when
            closed += len(gone)
            changes: dict[str, Any] = {"sources": document["sources"]}
            if document.get("closed_at") is None and all(
                link.get("closed_at") is not None for link in document["sources"]
            ):
                changes["closed_at"] = when
            actions.append(update_action(self._alias, document["id"], changes))
        self._bulk(actions)
        return closed

    def close_expired(self, *, today: date, at: datetime) -> int:
        """Close open jobs whose `validThrough` is before today."""
        expired = [hit["_id"] for hit in self._scan_hits(expired_body(today))]
        self._bulk(update_action(self._alias, job_id, {"closed_at": iso(at)}) for job_id in expired)
        return len(expired)

    def _bulk(self, actions: Iterable[dict[str, Any]]) -> None:
        listed = list(actions)
        if listed:
            with self._answered():
                helpers.bulk(self._client, listed, refresh=self._refresh)

    # --- reads -------------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        """One job with its description, open or closed."""
        with self._answered():
            try:
                found = self._client.get(index=self._alias, id=job_id)
            except NotFoundError:
                return None
        return job_of(found["_source"], with_description=True)

    def search(self, query: SearchQuery) -> SearchResult:
        """Open coding jobs matching every filter, sorted and paged, with facets."""
        with self._answered():
            answer = self._client.search(
                index=self._alias, body=search_body(query, codes=self._codes)
            )
        hits = tuple(job_of(hit["_source"], near=query.near) for hit in answer["hits"]["hits"])
        return SearchResult(
            total=int(answer["hits"]["total"]["value"]),
            hits=hits,
            facets=read_facets(answer["aggregations"], self._codes),
        )

    def candidates(self, query: SearchQuery) -> list[Candidate]:
        """Every open coding job the query's filters keep, oldest first."""
        documents = sorted(
            self._scan(candidates_body(query)), key=lambda found: (found["first_seen"], found["id"])
        )
        return [candidate_of(document, query.near) for document in documents]

    def jobs(self, job_ids: Iterable[str], *, near: Place | None = None) -> list[Job]:
        """These jobs without descriptions, in the order given (unknown ids left out)."""
        wanted = list(job_ids)
        by_id: dict[str, Job] = {}
        distinct = sorted(set(wanted))
        for start in range(0, len(distinct), _IDS_A_REQUEST):
            with self._answered():
                answer = self._client.mget(
                    index=self._alias,
                    ids=distinct[start : start + _IDS_A_REQUEST],
                    source_excludes=list(LARGE_FIELDS),
                )
            for found in answer["docs"]:
                if found.get("found"):
                    by_id[found["_id"]] = job_of(found["_source"], near=near)
        return [by_id[job_id] for job_id in wanted if job_id in by_id]

    def open_jobs(self, *, first_seen_since: datetime | None = None) -> Iterator[Job]:
        """Every open coding job, or those first seen at or after `first_seen_since`."""
        for document in self._scan(open_jobs_body(first_seen_since), ordered=True):
            yield job_of(document)

    def known_postings(self, source: str) -> dict[str, str]:
        """A source's open postings: source id to content hash."""
        return {link["source_id"]: link["content_hash"] for link in self._open_links_of(source)}

    def known_pages(self, source: str) -> dict[str, KnownPage]:
        """A source's open postings by page URL, with when each was last seen."""
        return {
            link["url"]: KnownPage(link["source_id"], datetime.fromisoformat(link["last_seen"]))
            for link in self._open_links_of(source)
        }

    def stats(self) -> dict[str, int]:
        """How many jobs are open, closed and not coding, and how many sources feed them."""
        with self._answered():
            answer = self._client.search(index=self._alias, body=stats_body())
        buckets = answer["aggregations"]["jobs"]["buckets"]
        counts = {
            name: int(buckets[name]["doc_count"]) for name in ("open", "closed", "not_coding")
        }
        counts["sources"] = int(answer["aggregations"]["sources"]["names"]["value"])
        return counts

    def _open_links_of(self, source: str) -> Iterator[dict[str, Any]]:
        for document in self._scan(open_links_body(source)):
            for link in document["sources"]:
                if link["source"] == source and link.get("closed_at") is None:
                    yield link

    def _scan(self, body: dict[str, Any], *, ordered: bool = False) -> Iterator[dict[str, Any]]:
        """The `_source` of every hit of a query, page by page."""
        for hit in self._scan_hits(body, ordered=ordered):
            yield hit["_source"]

    def _scan_hits(
        self, body: dict[str, Any], *, ordered: bool = False
    ) -> Iterator[dict[str, Any]]:
        with self._answered():
            yield from helpers.scan(
                self._client,
                query=body,
                index=self._alias,
                size=_SCAN_PAGE,
                preserve_order=ordered,
            )
