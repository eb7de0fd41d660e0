"""`SourceSpider` and `AtsJsonSpider`: what every spider, and every JSON API spider, shares.

A spider is made for one source of sources.yaml and keeps what the store pipeline reads:
the ids it saw, how many records it skipped, and whether its listing failed.
`AtsJsonSpider` owns the base URL (the source's `base_url` overrides the public host, as
tests and the demo do), the listing requests, paging, details and logging; a subclass
declares its URLs and maps fields.
A listing record either is a whole posting (Greenhouse, Lever, Ashby, USAJOBS) or points to a
detail to fetch (Workday, SmartRecruiters): then only postings the store does not hold yet
are fetched, and the ones it holds count as seen and unchanged.
A record or detail that cannot be read is logged with its URL and skipped; a listing that
cannot be read marks the source failed, so the crawl closes none of its postings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from indexer.sqlite_store import SqlitePostingStore

# What a spider searches for where a source has search: a health system's board holds
# thousands of nursing jobs, and every word must appear in a posting it finds.
CODING_SEARCH_TERMS = ("coder", "coding", "clinical documentation")


class SourceSpider(scrapy.Spider):
    """One source's crawl: its id and name, and what the store pipeline reads at the end."""

    def __init__(self, source_id: str, source_name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source_id = source_id
        self.source_name = source_name
        self.listing_failed = False
        self.seen_ids: set[str] = set()
        self.unchanged_ids: set[str] = set()  # known postings not fetched: unchanged at the source
        self.record_errors = 0

    def listing_error(self, failure: Any) -> None:
        """A listing request that failed (connection, 4xx, 5xx after retries): the source
        failed, so its crawl closes nothing."""
        self.logger.warning("%s: listing failed: %s", self.source_id, failure.getErrorMessage())
        self.listing_failed = True

    def record_error(self, failure: Any) -> None:
        """A detail or page request that failed: that posting is skipped, the crawl goes on."""
        self.record_errors += 1
        self.logger.warning("%s: a posting failed: %s", self.source_id, failure.getErrorMessage())


class AtsJsonSpider(SourceSpider):
    """The base of the JSON API spiders."""

    default_base_url: ClassVar[str]
    list_path: ClassVar[str]  # formatted with the source's `board` (its id)
    fetches_details: ClassVar[bool] = False

    def __init__(
        self, source_id: str, source_name: str, base_url: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(source_id, source_name, **kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.known_ids: set[str] = set()

    async def start(self) -> Any:
        """The first listing requests, once the source's known postings are read if details
        are fetched."""
        if self.fetches_details:
            store = SqlitePostingStore.from_url(self.settings.get("CODERMATCH_STORE_URL"))
            self.known_ids = set(store.known_postings(self.source_id))
            store.close()
        for request in self.first_listings():
            yield request

    def first_listings(self) -> list[scrapy.Request]:
        """The listing requests a crawl starts with (one, unless the source is searched for
        several keywords)."""
        return [self.listing_request(self.base_url + self.list_path.format(board=self.source_id))]

    def listing_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        """A listing request: its failure fails the source."""
        return scrapy.Request(
            url, callback=self.parse_listing, errback=self.listing_error, **kwargs
        )

    def detail_request(self, url: str, posting_id: str) -> scrapy.Request:
        """A detail request: its failure skips only that posting."""
        return scrapy.Request(
            url,
            callback=self.parse_detail,
            errback=self.record_error,
            cb_kwargs={"posting_id": posting_id},
        )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Each record of a listing page: a raw posting item, or the request for its detail."""
        try:
            payload = json.loads(response.text)
            records = self.records(payload)
        except (ValueError, KeyError, TypeError) as error:
            self.logger.warning(
                "%s: listing %s cannot be read: %s", self.source_id, response.url, error
            )
            self.listing_failed = True
            return
        for record in records:
            try:
                output = self.read_record(record)
            except (KeyError, TypeError, ValueError) as error:
                self._skip(response, error)
                continue
            if isinstance(output, dict):
                self.seen_ids.add(output["source_id"])
            if output is not None:
                yield output
        next_request = self.next_listing(response, payload, len(records))
        if next_request is not None:
            yield next_request

    def read_record(self, record: dict[str, Any]) -> dict[str, Any] | scrapy.Request | None:
        """A listing record as a raw posting, or, for sources with details, the detail
        request of a posting not yet held (None for one held, or already seen)."""
        if not self.fetches_details:
            return self.to_raw_posting(record)
        posting_id = self.posting_id(record)
        if posting_id in self.seen_ids:
            return None
        self.seen_ids.add(posting_id)
        if posting_id in self.known_ids:
            self.unchanged_ids.add(posting_id)
            return None
        return self.detail_request(self.detail_url(record), posting_id)

    def parse_detail(self, response: Response, posting_id: str) -> Iterator[dict[str, Any]]:
        """A detail page as a raw posting item."""
        try:
            yield self.detail_to_raw_posting(json.loads(response.text), posting_id)
        except (KeyError, TypeError, ValueError) as error:
            self._skip(response, error)

    def _skip(self, response: Response, error: Exception) -> None:
        self.record_errors += 1
        self.logger.warning(
            "%s: a record at %s is skipped: %s", self.source_id, response.url, error
        )

    def next_listing(
        self, response: Response, payload: Any, records_on_page: int
    ) -> scrapy.Request | None:
        """The next listing page's request, if the source pages (none by default)."""
        return None

    def records(self, payload: Any) -> list[dict[str, Any]]:
        """The posting records of a listing payload."""
        raise NotImplementedError

    def to_raw_posting(self, record: dict[str, Any]) -> dict[str, Any]:
        """One listing record as raw posting fields (DESIGN.md ingest format)."""
        raise NotImplementedError

    def posting_id(self, record: dict[str, Any]) -> str:
        """The stable id of the posting a listing record points to (detail sources)."""
        raise NotImplementedError

    def detail_url(self, record: dict[str, Any]) -> str:
        """The URL of a listing record's detail (detail sources)."""
        raise NotImplementedError

    def detail_to_raw_posting(self, payload: Any, posting_id: str) -> dict[str, Any]:
        """A detail payload as raw posting fields (detail sources)."""
        raise NotImplementedError
