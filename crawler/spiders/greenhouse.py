"""Greenhouse Job Board API: the whole board in one listing, descriptions HTML-escaped once."""

from __future__ import annotations

from typing import Any

from crawler.spiders.base import AtsJsonSpider
from indexer.html_text import unescape_html_once


class GreenhouseSpider(AtsJsonSpider):
    """`GET /v1/boards/{board}/jobs?content=true`."""

    name = "greenhouse"
    default_base_url = "https://boards-api.greenhouse.io"
    list_path = "/v1/boards/{board}/jobs?content=true"

    def records(self, payload: Any) -> list[dict[str, Any]]:
        return list(payload["jobs"])

    def to_raw_posting(self, record: dict[str, Any]) -> dict[str, Any]:
        location = (record.get("location") or {}).get("name")
        return {
            "source": self.source_id,
            "source_id": str(record["id"]),
            "url": record["absolute_url"],
            "title": record["title"],
            "employer": self.source_name,
            "location": location,
            "posted_at": record.get("first_published") or record.get("updated_at"),
            "description_html": unescape_html_once(record.get("content") or ""),
        }
