"""schema.org JobPosting pages: a sitemap or a career page, then the job pages it points to.

The source's `url` is a sitemap (`<urlset>`, or a `<sitemapindex>` of them) or a career page.
Pages the store already holds are fetched again only when the sitemap's `<lastmod>` says
they changed since we last saw them (or gives no date). Every page is read with extruct for
JobPosting in JSON-LD (alone, in a list, or in an `@graph`) and in microdata. A career
page's own postings are taken, and its links that look like job pages are followed one level.
A page without a posting, or one that cannot be read, is logged with its URL and skipped;
only a sitemap or career page that fails fails the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import extruct
import scrapy
from scrapy.http import Response

from crawler.spiders.base import SourceSpider
from indexer.html_text import unescape_html_once
from indexer.sqlite_store import SqlitePostingStore
from indexer.store import KnownPage

_JOB_LINK_WORDS = ("job", "career", "position", "opening", "posting")
_REMOTE = "TELECOMMUTE"


class JsonLdSpider(SourceSpider):
    """Postings from pages that publish schema.org JobPosting."""

    name = "jsonld"

    def __init__(self, source_id: str, source_name: str, url: str, **kwargs: Any) -> None:
        super().__init__(source_id, source_name, **kwargs)
        self.start_url = url
        self.known_pages: dict[str, KnownPage] = {}

    async def start(self) -> Any:
        """The sitemap or career page, once the source's known pages are read."""
        store = SqlitePostingStore.from_url(self.settings.get("CODERMATCH_STORE_URL"))
        self.known_pages = store.known_pages(self.source_id)
        store.close()
        yield scrapy.Request(self.start_url, callback=self.parse_start, errback=self.listing_error)

    def parse_start(self, response: Response) -> Iterator[Any]:
        """A sitemap's job pages, or a career page's postings and job links."""
        if _is_sitemap(response):
            yield from self.parse_sitemap(response)
            return
        yield from self.parse_job_page(response)
        host = urlsplit(response.url).netloc
        for link in response.css("a::attr(href)").getall():
            target = response.urljoin(link)
            if _is_job_link(target, host) and target.split("#")[0] != response.url:
                yield self._page_request(target)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Every `<loc>` of a sitemap, or every sitemap of a sitemap index."""
        response.selector.remove_namespaces()
        child_maps = response.xpath("//sitemap/loc/text()").getall()
        for child in child_maps:
            yield scrapy.Request(
                child.strip(), callback=self.parse_start, errback=self.listing_error
            )
        if not child_maps and not response.xpath("//urlset").get():
            self.logger.warning("%s: %s is not a sitemap", self.source_id, response.url)
            self.listing_failed = True
            return
        for entry in response.xpath("//url"):
            location = (entry.xpath("loc/text()").get() or "").strip()
            known = self.known_pages.get(location)
            if known and _unchanged_since(entry.xpath("lastmod/text()").get(), known.last_seen):
                self.seen_ids.add(known.source_id)
                self.unchanged_ids.add(known.source_id)
            elif location:
                yield self._page_request(location)

    def parse_job_page(self, response: Response) -> Iterator[dict[str, Any]]:
        """The JobPostings of one page as raw posting items."""
        try:
            found = _extract(response, ["json-ld", "microdata"])
        except (ValueError, TypeError) as error:  # a broken or truncated JSON-LD block
            self.record_errors += 1
            self.logger.warning("%s: %s cannot be read: %s", self.source_id, response.url, error)
            found = _extract(response, ["microdata"], errors="ignore")
        postings = [
            node
            for data in found.values()
            for top in data
            for node in _nodes(top)
            if _is_job_posting(node)
        ]
        if not postings:
            self.logger.info("%s: no JobPosting at %s", self.source_id, response.url)
        for index, posting in enumerate(postings):
            try:
                item = self.to_raw_posting(posting, response.url, index if len(postings) > 1 else 0)
            except (KeyError, TypeError, ValueError) as error:
                self.record_errors += 1
                self.logger.warning(
                    "%s: a posting at %s is skipped: %s", self.source_id, response.url, error
                )
                continue
            if item["source_id"] in self.seen_ids:
                continue
            self.seen_ids.add(item["source_id"])
            yield item

    def to_raw_posting(self, posting: dict[str, Any], page_url: str, index: int) -> dict[str, Any]:
        """One JobPosting as raw posting fields; what it states wins over the text."""
        url = _text(posting.get("url")) or page_url
        identifier = posting.get("identifier")
        if isinstance(identifier, dict):
            identifier = identifier.get("value")
        source_id = _text(identifier) or (url if index == 0 else f"{url}#{index}")
        organization = posting.get("hiringOrganization")
        employer = organization.get("name") if isinstance(organization, dict) else organization
        remote = _REMOTE in str(posting.get("jobLocationType") or "").upper()
        return {
            "source": self.source_id,
            "source_id": source_id,
            "url": url,
            "title": _text(posting["title"]),
            "employer": _text(employer) or self.source_name,
            "location": _location(posting.get("jobLocation")),
            "posted_at": _text(posting.get("datePosted")),
            "valid_through": _text(posting.get("validThrough")),
            "employment_type": _text(posting.get("employmentType")),
            "work_arrangement": "remote" if remote else None,
            "salary": _salary(posting.get("baseSalary")),
            "description_html": _description(posting.get("description")),
        }

    def _page_request(self, url: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_job_page, errback=self.record_error)


def _extract(
    response: Response, syntaxes: list[str], errors: str = "strict"
) -> dict[str, list[Any]]:
    return extruct.extract(
        response.text, base_url=response.url, syntaxes=syntaxes, uniform=True, errors=errors
    )


def _unchanged_since(lastmod: str | None, last_seen: datetime) -> bool:
    """Whether a sitemap's `<lastmod>` says the page has not changed since we last saw it.

    No lastmod, or one we cannot read, means "maybe changed". A bare date counts as the end
    of that day, so a page changed later on the day of our last visit is fetched again.
    """
    if not lastmod:
        return False
    try:
        changed = datetime.fromisoformat(lastmod.strip().replace("Z", "+00:00"))
    except ValueError:
        return False
    if "T" not in lastmod:
        changed += timedelta(days=1, microseconds=-1)
    return _as_utc(changed) <= _as_utc(last_seen)


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _is_job_link(url: str, host: str) -> bool:
    """A link on the career page's own site whose path says it is a job."""
    parts = urlsplit(url)
    return parts.netloc == host and any(word in parts.path.lower() for word in _JOB_LINK_WORDS)


def _is_sitemap(response: Response) -> bool:
    head = response.body[:500].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<urlset" in head or b"<sitemapindex" in head)


def _nodes(top: Any) -> Iterator[dict[str, Any]]:
    """A JSON-LD block's nodes: itself, its `@graph`, or the items of a list."""
    if isinstance(top, list):
        for entry in top:
            yield from _nodes(entry)
    elif isinstance(top, dict):
        yield top
        yield from _nodes(top.get("@graph", []))
        for element in top.get("itemListElement", []) or []:
            if isinstance(element, dict):
                yield from _nodes(element.get("item", element))


def _is_job_posting(node: dict[str, Any]) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(str(kind).rsplit("/", 1)[-1] == "JobPosting" for kind in kinds)


def _text(value: Any) -> str | None:
    """A stated value as text: lists joined, empty as None."""
    if isinstance(value, list):
        value = ", ".join(str(entry) for entry in value if entry)
    if value is None:
        return None
    return str(value).strip() or None


def _description(description: Any) -> str | None:
    """The description HTML; some pages escape it once more (`&lt;p&gt;`), read it either way."""
    html = _text(description)
    if html and "<" not in html and "&lt;" in html:
        return unescape_html_once(html)
    return html


def _location(job_location: Any) -> str | None:
    """`jobLocation` (a Place or a list) as "City, ST 12345"; several joined by ";"."""
    places = job_location if isinstance(job_location, list) else [job_location]
    named = []
    for place in places:
        if not isinstance(place, dict):
            continue
        address = place.get("address")
        if isinstance(address, dict):
            city = _text(address.get("addressLocality"))
            region = _text(address.get("addressRegion"))
            postal = _text(address.get("postalCode"))
            line = ", ".join(part for part in (city, region) if part)
            named.append(f"{line} {postal}".strip() if postal else line)
        elif address:
            named.append(str(address))
    named += [place.strip() for place in places if isinstance(place, str)]
    return "; ".join(name for name in named if name) or None


def _salary(base_salary: Any) -> str | None:
    """`baseSalary` (a MonetaryAmount) as words the salary parser reads."""
    if not isinstance(base_salary, dict):
        return _text(base_salary)
    value = base_salary.get("value")
    if not isinstance(value, dict):
        return _text(value)
    low = value.get("minValue", value.get("value"))
    high = value.get("maxValue") or low
    if low is None:
        return None
    unit = str(value.get("unitText") or "").lower()
    amount = f"${low}" if high == low else f"${low} - ${high}"
    return f"{amount} per {unit}" if unit else amount
