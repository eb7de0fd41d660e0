"""SmartRecruiters Posting API: keyword searches paged by 100, then one detail a posting.

The company id is the path segment of `careers.smartrecruiters.com/{company}`. The detail's
`jobAd.sections` (description, qualifications, additional information) make the posting's
HTML, each under its own heading so the tagger knows which section a clause is in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from crawler.spiders.base import CODING_SEARCH_TERMS, AtsJsonSpider

PAGE_SIZE = 100
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersSpider(AtsJsonSpider):
    """`GET /v1/companies/{company}/postings?q=...`, then `GET .../postings/{id}`."""

    name = "smartrecruiters"
    default_base_url = "https://api.smartrecruiters.com"
    fetches_details = True

    def first_listings(self) -> list[scrapy.Request]:
        return [self._search(term, offset=0) for term in CODING_SEARCH_TERMS]

    def _search(self, term: str, offset: int) -> scrapy.Request:
        query = urlencode({"limit": PAGE_SIZE, "offset": offset, "q": term})
        return self.listing_request(
            f"{self.base_url}/v1/companies/{self.source_id}/postings?{query}",
            meta={"search": term, "offset": offset},
        )

    def records(self, payload: Any) -> list[dict[str, Any]]:
        return list(payload["content"])

    def next_listing(
        self, response: Response, payload: Any, records_on_page: int
    ) -> scrapy.Request | None:
        offset = response.meta["offset"] + PAGE_SIZE
        if records_on_page == 0 or offset >= int(payload.get("totalFound") or 0):
            return None
        return self._search(response.meta["search"], offset)

    def posting_id(self, record: dict[str, Any]) -> str:
        return str(record["id"])

    def detail_url(self, record: dict[str, Any]) -> str:
        return f"{self.base_url}/v1/companies/{self.source_id}/postings/{record['id']}"

    def detail_to_raw_posting(self, payload: Any, posting_id: str) -> dict[str, Any]:
        location = payload.get("location") or {}
        sections = (payload.get("jobAd") or {}).get("sections") or {}
        html = "".join(
            f"<h3>{section.get('title') or ''}</h3>{section.get('text') or ''}"
            for section in (sections.get(name) or {} for name in _SECTIONS)
            if section.get("text")
        )
        company = payload.get("company") or {}
        return {
            "source": self.source_id,
            "source_id": posting_id,
            "url": payload.get("postingUrl") or payload["applyUrl"],
            "title": payload["name"],
            "employer": company.get("name") or self.source_name,
            "location": _place(location),
            "employment_type": (payload.get("typeOfEmployment") or {}).get("label"),
            "work_arrangement": _arrangement(location),
            "posted_at": payload.get("releasedDate"),
            "description_html": html,
        }


def _place(location: dict[str, Any]) -> str | None:
    """ "City, Region" from SmartRecruiters' location object."""
    parts = [str(location[key]) for key in ("city", "region") if location.get(key)]
    return ", ".join(parts) or None


def _arrangement(location: dict[str, Any]) -> str | None:
    if location.get("remote"):
        return "remote"
    if location.get("hybrid"):
        return "hybrid"
    return None
