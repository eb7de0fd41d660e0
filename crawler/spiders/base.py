"""`SourceSpider` and `AtsJsonSpider`: what every spider, and every JSON API spider, shares.

A spider is made for one source of sources.yaml and keeps what the store pipeline reads:
the ids it saw, how many records it skipped, and whether its listing failed.
`AtsJsonSpider` owns the base URL (the source's `base_url` overrides the public host, as
tests and the demo do), the listing requests, paging and logging; a subclass declares its
URL and maps fields.
A record that cannot be read is logged with its URL and skipped; a listing that cannot be read
marks the source failed, so the crawl closes none of its postings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response


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


class AtsJsonSpider(SourceSpider):
    """The base of the JSON API spiders."""

    default_base_url: ClassVar[str]
    list_path: ClassVar[str]  # formatted with the source's `board` (its id)

    def __init__(
        self, source_id: str, source_name: str, base_url: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(source_id, source_name, **kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")

    async def start(self) -> Any:
        """The first listing request."""
        yield scrapy.Request(
            self.base_url + self.list_path.format(board=self.source_id),
            callback=self.parse_listing,
            errback=self.listing_error,
        )

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Each record of a listing page as a raw posting item."""
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
                item = self.to_raw_posting(record)
            except (KeyError, TypeError, ValueError) as error:
                self.record_errors += 1
                self.logger.warning(
                    "%s: a record at %s is skipped: %s", self.source_id, response.url, error
                )
                continue
            self.seen_ids.add(item["source_id"])
            yield item
        next_url = self.next_listing(response, len(records))
        if next_url is not None:
            yield scrapy.Request(next_url, callback=self.parse_listing, errback=self.listing_error)

    def next_listing(self, response: Response, records_on_page: int) -> str | None:
        """The next listing page's URL, if the source pages (none by default)."""
        return None

    def records(self, payload: Any) -> list[dict[str, Any]]:
        """The posting records of a listing payload."""
        raise NotImplementedError

    def to_raw_posting(self, record: dict[str, Any]) -> dict[str, Any]:
        """One record as raw posting fields (DESIGN.md ingest format)."""
        raise NotImplementedError
