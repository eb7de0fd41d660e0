"""USAJOBS Search API: federal coding jobs (series 0675), pages of up to 500, key required.

The source id is the search's query string (`Keyword=coder&JobCategoryCode=0675`). USAJOBS
asks for an API key and the email it was issued to in every request; without them the crawl
skips the source (crawler.run says so). The posting's HTML is built from the summary, the
major duties and the qualification summary, each escaped: USAJOBS gives them as text.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode

import scrapy
from scrapy.http import Response

from crawler.spiders.base import AtsJsonSpider

PAGE_SIZE = 500
# USAJOBS never pages a query past 10,000 results.
_LAST_PAGE = 10_000 // PAGE_SIZE
_INTERVALS = {"PA": "per year", "PH": "per hour", "PM": "per month", "PW": "per week"}


class UsaJobsSpider(AtsJsonSpider):
    """`GET /api/Search?{query}&ResultsPerPage=500&Page=N` with the key's headers."""

    name = "usajobs"
    default_base_url = "https://data.usajobs.gov"

    def __init__(
        self, source_id: str, source_name: str, api_key: str, email: str, **kwargs: Any
    ) -> None:
        super().__init__(source_id, source_name, **kwargs)
        self.api_headers = {"Authorization-Key": api_key, "User-Agent": email}

    def first_listings(self) -> list[scrapy.Request]:
        return [self._page(1)]

    def _page(self, number: int) -> scrapy.Request:
        query = dict(parse_qsl(self.source_id))
        query.update({"ResultsPerPage": str(PAGE_SIZE), "Page": str(number)})
        return self.listing_request(
            f"{self.base_url}/api/Search?{urlencode(query)}",
            headers=self.api_headers,
            meta={"page": number},
        )

    def records(self, payload: Any) -> list[dict[str, Any]]:
        return list(payload["SearchResult"]["SearchResultItems"])

    def next_listing(
        self, response: Response, payload: Any, records_on_page: int
    ) -> scrapy.Request | None:
        pages = int(payload["SearchResult"].get("UserArea", {}).get("NumberOfPages") or 1)
        page = response.meta["page"]
        if records_on_page == 0 or page >= min(pages, _LAST_PAGE):
            return None
        return self._page(page + 1)

    def to_raw_posting(self, record: dict[str, Any]) -> dict[str, Any]:
        job = record["MatchedObjectDescriptor"]
        details = (job.get("UserArea") or {}).get("Details") or {}
        schedule = job.get("PositionSchedule") or [{}]
        return {
            "source": self.source_id,
            "source_id": str(record["MatchedObjectId"]),
            "url": job["PositionURI"],
            "title": job["PositionTitle"],
            "employer": job.get("OrganizationName") or self.source_name,
            "location": _location(job.get("PositionLocation") or []),
            "employment_type": schedule[0].get("Name"),
            "work_arrangement": "remote" if details.get("RemoteIndicator") else None,
            "posted_at": _date(job.get("PublicationStartDate")),
            "valid_through": _date(job.get("ApplicationCloseDate")),
            "salary": _salary(job.get("PositionRemuneration") or []),
            "description_html": _description(job, details),
        }


def _location(locations: list[dict[str, Any]]) -> str | None:
    """The first duty location ("Tulsa, Oklahoma"); USAJOBS's CityName holds the state."""
    if not locations:
        return None
    return locations[0].get("CityName") or locations[0].get("LocationName")


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _salary(remunerations: list[dict[str, Any]]) -> str | None:
    if not remunerations:
        return None
    pay = remunerations[0]
    interval = _INTERVALS.get(str(pay.get("RateIntervalCode")), "")
    low, high = pay.get("MinimumRange"), pay.get("MaximumRange") or pay.get("MinimumRange")
    if not low:
        return None
    return f"${float(low):.2f} - ${float(high):.2f} {interval}".strip()


def _description(job: dict[str, Any], details: dict[str, Any]) -> str:
    parts = []
    if details.get("JobSummary"):
        parts.append(f"<h3>Summary</h3><p>{escape(details['JobSummary'])}</p>")
    duties = [duty for duty in details.get("MajorDuties") or [] if duty]
    if duties:
        items = "".join(f"<li>{escape(duty)}</li>" for duty in duties)
        parts.append(f"<h3>Duties</h3><ul>{items}</ul>")
    if job.get("QualificationSummary"):
        paragraphs = "".join(
            f"<p>{escape(paragraph)}</p>"
            for paragraph in str(job["QualificationSummary"]).split("\n")
            if paragraph.strip()
        )
        parts.append(f"<h3>Qualifications</h3>{paragraphs}")
    return "".join(parts)
