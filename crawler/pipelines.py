"""Item pipelines, each doing one thing: check a raw posting, then store a source's postings.

`StorePipeline` hands the source's postings to `indexer.ingest` when its spider closes, then,
if the listing succeeded, closes the postings the crawl no longer saw, unless that would close
more than half of the source's open postings (and more than 5): such a listing is held back
and reported, not trusted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from indexer.ingest import ingest
from indexer.models import RawPosting
from indexer.sqlite_store import SqlitePostingStore

# A listing may close at most this share of a source's open postings (beyond the minimum).
_MOST_CLOSED_SHARE = 0.5
_CLOSE_ALWAYS_ALLOWED = 5


class ValidationPipeline:
    """Turn an item into a `RawPosting`, or drop it with the reason logged."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> RawPosting:
        try:
            return RawPosting.model_validate(item)
        except ValidationError as error:
            self.crawler.stats.inc_value("codermatch/invalid_items")
            raise DropItem(f"{item.get('url')}: {error.errors()[0]['msg']}") from error


class StorePipeline:
    """Collect a source's postings and store them when its spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store_url = crawler.settings.get("CODERMATCH_STORE_URL")
        self.postings: list[RawPosting] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: RawPosting) -> RawPosting:
        self.postings.append(item)
        return item

    def close_spider(self) -> None:
        spider: Any = self.crawler.spider
        store = SqlitePostingStore.from_url(self.store_url)
        now = datetime.now(UTC).replace(microsecond=0)
        report = ingest(self.postings, store, today=date.today(), seen_at=now)
        summary = {
            "source": spider.source_id,
            "fetched": len(self.postings),
            "new": report.new + report.merged,
            "updated": report.changed,
            "unchanged": report.unchanged + len(spider.unchanged_ids),
            "not_coding": report.not_coding,
            "errors": spider.record_errors
            + int(spider.crawler.stats.get_value("codermatch/invalid_items") or 0),
            "closed": 0,
            "failed": spider.listing_failed,
            "held_back": False,
        }
        store.mark_seen(spider.source_id, spider.unchanged_ids, at=now)
        if not spider.listing_failed:
            _close_unseen(store, spider, now, summary)
        store.close()
        spider.summary = summary


def _close_unseen(
    store: SqlitePostingStore, spider: Spider, now: datetime, summary: dict[str, Any]
) -> None:
    known = store.known_postings(spider.source_id)
    unseen = [source_id for source_id in known if source_id not in spider.seen_ids]
    limit = max(_CLOSE_ALWAYS_ALLOWED, int(len(known) * _MOST_CLOSED_SHARE))
    if len(unseen) > limit:
        spider.logger.warning(
            "%s: the listing would close %d of %d open postings; held back",
            spider.source_id,
            len(unseen),
            len(known),
        )
        summary["held_back"] = True
        return
    summary["closed"] = store.close_missing(spider.source_id, spider.seen_ids, at=now)
