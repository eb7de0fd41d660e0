"""Lever Postings API: pages of postings by skip and limit; requirements often only in `lists`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import scrapy
from scrapy.http import Response

from crawler.spiders.base import AtsJsonSpider

PAGE_SIZE = 100
# Lever's salary intervals, as words the salary parser reads.
_INTERVALS = {
    "per-hour-wage": "per hour",
    "per-year-salary": "per year",
    "per-month-salary": "per month",
    "per-week-salary": "per week",
    "per-day-wage": "per day",
}


class LeverSpider(AtsJsonSpider):
    """`GET /v0/postings/{site}?mode=json&skip=N&limit=K`, until a page is short."""

    name = "lever"
    default_base_url = "https://api.lever.co"
    list_path = f"/v0/postings/{{board}}?mode=json&skip=0&limit={PAGE_SIZE}"

    def records(self, payload: Any) -> list[dict[str, Any]]:
        if not isinstance(payload, list):
            raise TypeError("a Lever listing is a JSON array")
        return payload

    def next_listing(
        self, response: Response, payload: Any, records_on_page: int
    ) -> scrapy.Request | None:
        if records_on_page < PAGE_SIZE:
            return None
        parts = urlsplit(response.url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        query["skip"] = str(int(query.get("skip", "0")) + PAGE_SIZE)
        return self.listing_request(parts._replace(query=urlencode(query)).geturl())

    def to_raw_posting(self, record: dict[str, Any]) -> dict[str, Any]:
        categories = record.get("categories") or {}
        sections = [record.get("description") or ""]
        for listed in record.get("lists") or []:
            sections.append(
                f"<h3>{listed.get('text', '')}</h3><ul>{listed.get('content', '')}</ul>"
            )
        sections.append(record.get("additional") or "")
        created = record.get("createdAt")
        return {
            "source": self.source_id,
            "source_id": str(record["id"]),
            "url": record["hostedUrl"],
            "title": record["text"],
            "employer": self.source_name,
            "location": categories.get("location"),
            "employment_type": categories.get("commitment"),
            "work_arrangement": record.get("workplaceType"),
            "posted_at": (
                datetime.fromtimestamp(created / 1000, UTC).date().isoformat() if created else None
            ),
            "salary": _salary_text(record.get("salaryRange")),
            "description_html": "".join(sections),
        }


def _salary_text(salary_range: dict[str, Any] | None) -> str | None:
    """Lever's structured pay as text ("$60000 - $75000 per year")."""
    if not salary_range or salary_range.get("min") is None:
        return None
    period = _INTERVALS.get(str(salary_range.get("interval")), "")
    low, high = salary_range.get("min"), salary_range.get("max") or salary_range.get("min")
    return f"${low} - ${high} {period}".strip()
