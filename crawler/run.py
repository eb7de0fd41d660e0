"""Running a crawl: Scrapy's CrawlerProcess in a child process, one spider a source.

Twisted's reactor cannot be restarted in one process, so every crawl runs in a fresh child;
the parent gets one summary a source back (fetched, new, updated, unchanged, closed,
non-coding, errors, failed, or why it was skipped).
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from dataclasses import dataclass
from typing import Any

from crawler.sources import Source

SPIDERS = {
    "greenhouse": "crawler.spiders.greenhouse.GreenhouseSpider",
    "lever": "crawler.spiders.lever.LeverSpider",
    "workday": "crawler.spiders.workday.WorkdaySpider",
    "smartrecruiters": "crawler.spiders.smartrecruiters.SmartRecruitersSpider",
    "ashby": "crawler.spiders.ashby.AshbySpider",
    "usajobs": "crawler.spiders.usajobs.UsaJobsSpider",
    "jsonld": "crawler.spiders.jsonld.JsonLdSpider",
}
NEEDS_USAJOBS_KEY = "needs a key: set CODERMATCH_USAJOBS_API_KEY and CODERMATCH_USAJOBS_EMAIL"


@dataclass(frozen=True)
class CrawlSettings:
    """What a crawl needs to know: where to store, who to name, how politely to go."""

    store_url: str
    contact_url: str
    polite: bool = True  # False on loopback: tests and the demo skip the delays
    usajobs_api_key: str | None = None
    usajobs_email: str | None = None
    progress: bool = True  # a line on stderr as each source starts and ends


def crawl(sources: list[Source], settings: CrawlSettings) -> list[dict[str, Any]]:
    """Crawl the sources in a child process; one summary a source. A USAJOBS source without
    a key is skipped, and its summary says what it needs."""
    skipped = [source for source in sources if _skip_reason(source, settings)]
    summaries = [
        {"source": source.id, "skipped": _skip_reason(source, settings)} for source in skipped
    ]
    for source in skipped if settings.progress else []:
        _progress(f"{source.id}: skipped, {_skip_reason(source, settings)}")
    to_crawl = [source for source in sources if source not in skipped]
    if not to_crawl:
        return summaries
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_crawl_in_child, args=(to_crawl, settings, results))
    child.start()
    summaries.extend(results.get())
    child.join()
    return summaries


def _skip_reason(source: Source, settings: CrawlSettings) -> str | None:
    if source.kind == "usajobs" and not (settings.usajobs_api_key and settings.usajobs_email):
        return NEEDS_USAJOBS_KEY
    return None


def _spider_arguments(source: Source, settings: CrawlSettings) -> dict[str, Any]:
    """What a source's spider is built with, beyond its id and name."""
    if source.kind == "jsonld":
        return {"url": source.url}
    if source.kind == "usajobs":
        return {
            "base_url": source.base_url,
            "api_key": settings.usajobs_api_key,
            "email": settings.usajobs_email,
        }
    return {"base_url": source.base_url}


def scrapy_settings(settings: CrawlSettings) -> dict[str, Any]:
    """Scrapy settings: robots.txt, an honest User-Agent, AutoThrottle, bounded retries."""
    polite = settings.polite
    return {
        "USER_AGENT": f"CoderMatch/0.1 (+{settings.contact_url})",
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": polite,
        "DOWNLOAD_DELAY": 1.0 if polite else 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2 if polite else 8,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [429, 500, 502, 503, 504],
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.politeness.RetryAfterMiddleware": 550,
        },
        # Waits before a retry: exponential without Retry-After, the server's wish with it.
        "CODERMATCH_BACKOFF_BASE": 1.0 if polite else 0.0,
        "CODERMATCH_BACKOFF_CAP": 10.0 if polite else 0.0,
        "CODERMATCH_RETRY_AFTER_CAP": 60.0 if polite else 0.2,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "ITEM_PIPELINES": {
            "crawler.pipelines.ValidationPipeline": 100,
            "crawler.pipelines.StorePipeline": 300,
        },
        "CODERMATCH_STORE_URL": settings.store_url,
    }


def _collect(summaries: list[dict[str, Any]], progress: bool) -> Any:
    def on_closed(spider: Any) -> None:
        failed = {"source": spider.source_id, "failed": True}
        summary = getattr(spider, "summary", failed)
        summaries.append(summary)
        outcome = "failed" if summary.get("failed") else f"{summary.get('fetched', 0)} fetched"
        if progress:
            _progress(f"{spider.source_id}: done, {outcome}")

    return on_closed


def _on_opened(spider: Any) -> None:
    _progress(f"{spider.source_id}: crawling")


def _progress(line: str) -> None:
    """One progress line a source event, on stderr so the summary table stays clean."""
    print(line, file=sys.stderr, flush=True)


def _crawl_in_child(sources: list[Source], settings: CrawlSettings, results: Any) -> None:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.misc import load_object

    summaries: list[dict[str, Any]] = []
    handlers = []  # Scrapy holds signal handlers weakly: keep them alive here
    process = CrawlerProcess(scrapy_settings(settings))
    # An unreachable robots.txt is logged with a whole traceback; the listing request that
    # follows fails too and says so in one line, which is all a reader needs.
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    for source in sources:
        crawler = process.create_crawler(load_object(SPIDERS[source.kind]))
        handlers.append(_collect(summaries, settings.progress))
        crawler.signals.connect(handlers[-1], signal=signals.spider_closed)
        if settings.progress:
            crawler.signals.connect(_on_opened, signal=signals.spider_opened)
        arguments = _spider_arguments(source, settings)
        process.crawl(crawler, source_id=source.id, source_name=source.name, **arguments)
    process.start()
    results.put(summaries)
