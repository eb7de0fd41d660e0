"""Ashby Job Posting API: a whole board in one response, pay included; unlisted jobs skipped."""

from __future__ import annotations

from typing import Any

from crawler.spiders.base import AtsJsonSpider

# Ashby's pay intervals, as words the salary parser reads.
_INTERVALS = {
    "1 HOUR": "per hour",
    "1 DAY": "per day",
    "1 WEEK": "per week",
    "1 MONTH": "per month",
    "1 YEAR": "per year",
}
_EMPLOYMENT_TYPES = {
    "FullTime": "Full time",
    "PartTime": "Part time",
    "Contract": "Contract",
    "Temporary": "Temporary",
    "Intern": "Internship",
}


class AshbySpider(AtsJsonSpider):
    """`GET /posting-api/job-board/{board}?includeCompensation=true`."""

    name = "ashby"
    default_base_url = "https://api.ashbyhq.com"
    list_path = "/posting-api/job-board/{board}?includeCompensation=true"

    def records(self, payload: Any) -> list[dict[str, Any]]:
        return [job for job in payload["jobs"] if job.get("isListed", True)]

    def to_raw_posting(self, record: dict[str, Any]) -> dict[str, Any]:
        employment = record.get("employmentType")
        return {
            "source": self.source_id,
            "source_id": str(record["id"]),
            "url": record["jobUrl"],
            "title": record["title"],
            "employer": self.source_name,
            "location": record.get("location"),
            "employment_type": _EMPLOYMENT_TYPES.get(employment, employment),
            "work_arrangement": "remote" if record.get("isRemote") else record.get("workplaceType"),
            "posted_at": record.get("publishedAt"),
            "salary": _salary_text(record.get("compensation")),
            "description_html": record.get("descriptionHtml"),
            "text": None if record.get("descriptionHtml") else record.get("descriptionPlain"),
        }


def _salary_text(compensation: dict[str, Any] | None) -> str | None:
    """The pay of Ashby's compensation as text ("$52000 - $64000 per year")."""
    if not compensation:
        return None
    for component in compensation.get("summaryComponents") or []:
        interval = _INTERVALS.get(str(component.get("interval")))
        low = component.get("minValue")
        if component.get("compensationType") != "Salary" or interval is None or low is None:
            continue
        if component.get("currencyCode") not in (None, "USD"):
            continue
        high = component.get("maxValue") or low
        return f"${low} - ${high} {interval}"
    return compensation.get("compensationTierSummary") or None
