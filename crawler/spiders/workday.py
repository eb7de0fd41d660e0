"""Workday candidate-experience API: keyword searches paged by 20, then one detail a job.

Workday's API is internal to each career site and the least tolerant of our sources: the
spider keeps `limit` at 20, sends one request at a time, and fetches details only for jobs
the store does not hold yet. The source id is `tenant/wdN/site`; the host is
`https://{tenant}.wdN.myworkdayjobs.com` unless the source gives a `base_url`.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.spiders.base import CODING_SEARCH_TERMS, AtsJsonSpider

PAGE_SIZE = 20
# Workday's remoteType labels, as the arrangement words the normalizer reads.
_REMOTE_TYPES = {"fully remote": "remote", "remote": "remote", "hybrid": "hybrid"}


class WorkdaySpider(AtsJsonSpider):
    """`POST {host}/wday/cxs/{tenant}/{site}/jobs`, then `GET ...{externalPath}`."""

    name = "workday"
    fetches_details = True
    custom_settings: ClassVar[dict[str, Any]] = {
        "CONCURRENT_REQUESTS": 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def __init__(
        self, source_id: str, source_name: str, base_url: str | None = None, **kwargs: Any
    ) -> None:
        tenant, instance, site = source_id.split("/")
        host = base_url or f"https://{tenant}.{instance}.myworkdayjobs.com"
        super().__init__(source_id, source_name, base_url=host, **kwargs)
        self.site_path = f"/wday/cxs/{tenant}/{site}"

    def first_listings(self) -> list[scrapy.Request]:
        return [self._search(term, offset=0, total=None) for term in CODING_SEARCH_TERMS]

    def _search(self, term: str, offset: int, total: int | None) -> scrapy.Request:
        body = {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": term}
        return self.listing_request(
            f"{self.base_url}{self.site_path}/jobs",
            method="POST",
            body=json.dumps(body),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            meta={"search": term, "offset": offset, "total": total},
        )

    def records(self, payload: Any) -> list[dict[str, Any]]:
        return list(payload["jobPostings"])

    def next_listing(
        self, response: Response, payload: Any, records_on_page: int
    ) -> scrapy.Request | None:
        # `total` is reliable on the first page only; later pages may say 0.
        total = response.meta["total"]
        if total is None:
            total = int(payload.get("total") or 0)
        offset = response.meta["offset"] + PAGE_SIZE
        if records_on_page == 0 or offset >= total:
            return None
        return self._search(response.meta["search"], offset, total)

    def posting_id(self, record: dict[str, Any]) -> str:
        """The requisition id: first of the bullet fields, else the end of the job's path
        (`.../Coder-II_R12345`)."""
        bullets = record.get("bulletFields") or []
        if bullets and bullets[0]:
            return str(bullets[0])
        path = str(record["externalPath"])
        return path.rsplit("_", 1)[-1] if "_" in path else path

    def detail_url(self, record: dict[str, Any]) -> str:
        return f"{self.base_url}{self.site_path}{record['externalPath']}"

    def detail_to_raw_posting(self, payload: Any, posting_id: str) -> dict[str, Any]:
        info = payload["jobPostingInfo"]
        organization = payload.get("hiringOrganization") or {}
        remote_type = str(info.get("remoteType") or "").strip().lower()
        return {
            "source": self.source_id,
            "source_id": posting_id,
            "url": info["externalUrl"],
            "title": info["title"],
            "employer": organization.get("name") or self.source_name,
            "location": info.get("location"),
            "employment_type": info.get("timeType"),
            "work_arrangement": _REMOTE_TYPES.get(remote_type),
            "posted_at": info.get("startDate"),
            "description_html": info.get("jobDescription") or "",
        }
