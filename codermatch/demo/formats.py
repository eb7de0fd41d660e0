"""The sample postings in each source's own public format, as its API or career site serves it.

One function a kind turns a board's postings (records of `sample_postings.jsonl`) into the
body that source returns (../shared/SOURCES.md): Greenhouse's escaped `content`, Lever's
`lists`, Workday's search pages and details, SmartRecruiters' list and `jobAd` sections,
Ashby's compensation, USAJOBS's descriptor, and schema.org JobPosting in JSON-LD or
microdata. Structured fields (pay, remote, employment type) come from the posting's labels,
which say what the posting states.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from html import escape
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from bs4 import BeautifulSoup

from indexer.location import parse_location

Record = dict[str, Any]

# Label values as each source spells them.
_LEVER_INTERVALS = {"hour": "per-hour-wage", "year": "per-year-salary", "month": "per-month-salary"}
_ASHBY_INTERVALS = {"hour": "1 HOUR", "year": "1 YEAR", "month": "1 MONTH", "week": "1 WEEK"}
_SCHEMA_UNITS = {"hour": "HOUR", "year": "YEAR", "month": "MONTH", "week": "WEEK"}
_USAJOBS_INTERVALS = {"hour": ("PH", "Per Hour"), "year": ("PA", "Per Year")}
_ASHBY_TYPES = {
    "full_time": "FullTime",
    "part_time": "PartTime",
    "contract": "Contract",
    "temporary": "Temporary",
    "per_diem": "PartTime",
}
_SCHEMA_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "per_diem": "PER_DIEM",
}
_LIST_BLOCK = re.compile(r"<h3>([^<]*)</h3>\s*<ul>(.*?)</ul>", re.DOTALL)


def matches_search(record: Record, words: str) -> bool:
    """Whether a keyword search finds the posting: every word begins a word of its title or
    description ("coder" finds "coders"), as a search box would."""
    text = f"{record['title']} {record['description_html']}".lower()
    found = set(re.findall(r"[a-z0-9]+", text))
    wanted = re.findall(r"[a-z0-9]+", words.lower())
    return all(any(word.startswith(term) for word in found) for term in wanted)


def greenhouse_board(records: list[Record]) -> dict[str, Any]:
    """`GET /v1/boards/{board}/jobs?content=true`: every job, `content` HTML-escaped once."""
    return {
        "jobs": [
            {
                "id": int(record["source_id"]),
                "internal_job_id": int(record["source_id"]) - 1_000_000,
                "title": record["title"],
                "updated_at": _timestamp(record["posted_at"]),
                "first_published": _timestamp(record["posted_at"]),
                "requisition_id": f"REQ-{record['source_id'][-4:]}",
                "location": {"name": record.get("location") or ""},
                "absolute_url": record["url"],
                "company_name": record["employer"],
                "content": escape(record["description_html"], quote=True),
                "departments": [{"id": 1, "name": "Revenue Cycle"}],
                "offices": [],
                "metadata": None,
            }
            for record in records
        ],
        "meta": {"total": len(records)},
    }


def lever_postings(records: list[Record]) -> list[dict[str, Any]]:
    """`GET /v0/postings/{site}?mode=json`: requirement lists apart from the description."""
    postings = []
    for record in records:
        html = record["description_html"]
        lists = [
            {"text": heading.strip(), "content": items.strip()}
            for heading, items in _LIST_BLOCK.findall(html)
        ]
        labels = record["labels"]
        salary = labels["salary"] if record.get("salary") else None
        postings.append(
            {
                "id": record["source_id"],
                "text": record["title"],
                "hostedUrl": record["url"],
                "applyUrl": record["url"] + "/apply",
                "createdAt": int(_instant(record["posted_at"]).timestamp() * 1000),
                "categories": {
                    "location": record.get("location"),
                    "commitment": record.get("employment_type"),
                    "team": "Revenue Cycle",
                },
                "workplaceType": labels["work_arrangement"] or "unspecified",
                "description": _LIST_BLOCK.sub("", html),
                "lists": lists,
                "additional": "",
                **(
                    {
                        "salaryRange": {
                            "min": salary["min"],
                            "max": salary["max"],
                            "currency": "USD",
                            "interval": _LEVER_INTERVALS[salary["period"]],
                        }
                    }
                    if salary and salary["period"] in _LEVER_INTERVALS
                    else {}
                ),
            }
        )
    return postings


def workday_external_path(record: Record) -> str:
    """The job's path under the site (`/job/{place}/{slug}_{req}`), as its public URL ends."""
    return "/job/" + record["url"].split("/job/", 1)[1]


def workday_search(records: list[Record], search: dict[str, Any], today: date) -> dict[str, Any]:
    """`POST .../jobs`: one page of the jobs the search finds; `total` on the first page only."""
    found = [record for record in records if matches_search(record, search.get("searchText", ""))]
    offset, limit = int(search.get("offset", 0)), min(int(search.get("limit", 20)), 20)
    return {
        "total": len(found) if offset == 0 else 0,
        "jobPostings": [
            {
                "title": record["title"],
                "externalPath": workday_external_path(record),
                "locationsText": record.get("location") or "",
                "postedOn": _posted_on(record["posted_at"], today),
                "bulletFields": [record["source_id"]],
            }
            for record in found[offset : offset + limit]
        ],
        "facets": [],
    }


def workday_detail(record: Record, today: date) -> dict[str, Any]:
    """`GET ...{externalPath}`: the job's description and facts."""
    arrangement = record["labels"]["work_arrangement"]
    remote_type = {"remote": "Fully Remote", "hybrid": "Hybrid"}.get(arrangement or "")
    return {
        "jobPostingInfo": {
            "id": _uuid(record).hex,
            "title": record["title"],
            "jobDescription": record["description_html"],
            "location": record.get("location") or "",
            "additionalLocations": [],
            "timeType": record.get("employment_type") or "Full time",
            "startDate": record["posted_at"],
            "postedOn": _posted_on(record["posted_at"], today),
            "jobReqId": record["source_id"],
            "externalUrl": record["url"],
            "canApply": True,
            **({"remoteType": remote_type} if remote_type else {}),
        },
        "hiringOrganization": {"name": record["employer"], "url": ""},
    }


def smartrecruiters_list(
    records: list[Record], company: str, query: dict[str, str]
) -> dict[str, Any]:
    """`GET /v1/companies/{company}/postings?q=...`: one page of the postings found."""
    found = [record for record in records if matches_search(record, query.get("q", ""))]
    offset, limit = int(query.get("offset", 0)), min(int(query.get("limit", 10)), 100)
    return {
        "offset": offset,
        "limit": limit,
        "totalFound": len(found),
        "content": [
            _smartrecruiters_summary(record, company) for record in found[offset : offset + limit]
        ],
    }


def smartrecruiters_detail(record: Record, company: str) -> dict[str, Any]:
    """`GET /v1/companies/{company}/postings/{id}`: the summary plus the job ad's sections."""
    return {
        **_smartrecruiters_summary(record, company),
        "postingUrl": record["url"],
        "applyUrl": record["url"] + "?oga=true",
        "jobAd": {
            "sections": {
                "jobDescription": {
                    "title": "Job Description",
                    "text": record["description_html"],
                },
                "additionalInformation": {"title": "Additional Information", "text": ""},
            }
        },
    }


def _smartrecruiters_summary(record: Record, company: str) -> dict[str, Any]:
    place = parse_location(record.get("location")).place
    arrangement = record["labels"]["work_arrangement"]
    return {
        "id": record["source_id"],
        "name": record["title"],
        "uuid": str(_uuid(record)),
        "refNumber": f"REF{record['source_id'][-6:]}",
        "company": {"identifier": company, "name": record["employer"]},
        "releasedDate": _timestamp(record["posted_at"]),
        "location": {
            "city": place.city if place else None,
            "region": place.state if place else None,
            "country": "us",
            "remote": arrangement == "remote",
            "hybrid": arrangement == "hybrid",
        },
        "typeOfEmployment": {"label": record.get("employment_type") or "Full-time"},
        "ref": f"https://api.smartrecruiters.com/v1/companies/{company}/postings/"
        + record["source_id"],
    }


def ashby_board(records: list[Record]) -> dict[str, Any]:
    """`GET /posting-api/job-board/{board}?includeCompensation=true`: the whole board."""
    jobs = []
    for record in records:
        labels = record["labels"]
        salary = labels["salary"] if record.get("salary") else None
        arrangement = labels["work_arrangement"]
        jobs.append(
            {
                "id": record["source_id"],
                "title": record["title"],
                "department": "Revenue Cycle",
                "team": "Coding",
                "employmentType": _ASHBY_TYPES.get(labels["employment_type"] or "", "FullTime"),
                "location": record.get("location") or "United States",
                "secondaryLocations": [],
                "isRemote": arrangement == "remote",
                "workplaceType": {"remote": "Remote", "hybrid": "Hybrid"}.get(
                    arrangement or "", "OnSite"
                ),
                "publishedAt": _timestamp(record["posted_at"]),
                "isListed": not record.get("unlisted", False),
                "jobUrl": record["url"],
                "applyUrl": record["url"] + "/application",
                "descriptionHtml": record["description_html"],
                "descriptionPlain": _plain(record["description_html"]),
                **({"compensation": _ashby_pay(record, salary)} if salary else {}),
            }
        )
    return {"apiVersion": "1", "jobs": jobs}


def _ashby_pay(record: Record, salary: dict[str, Any]) -> dict[str, Any]:
    return {
        "compensationTierSummary": record["salary"],
        "summaryComponents": [
            {
                "compensationType": "Salary",
                "interval": _ASHBY_INTERVALS.get(salary["period"], "1 YEAR"),
                "currencyCode": "USD",
                "minValue": salary["min"],
                "maxValue": salary["max"],
            }
        ],
    }


def usajobs_search(records: list[Record], query: dict[str, str]) -> dict[str, Any]:
    """`GET /api/Search?Keyword=...`: one page of the matching announcements."""
    found = [record for record in records if matches_search(record, query.get("Keyword", ""))]
    per_page = min(int(query.get("ResultsPerPage", 250)), 500)
    page = int(query.get("Page", 1))
    items = found[(page - 1) * per_page : page * per_page]
    return {
        "LanguageCode": "EN",
        "SearchParameters": {},
        "SearchResult": {
            "SearchResultCount": len(items),
            "SearchResultCountAll": len(found),
            "SearchResultItems": [_usajobs_item(record) for record in items],
            "UserArea": {"NumberOfPages": str(max(1, -(-len(found) // per_page)))},
        },
    }


def _usajobs_item(record: Record) -> dict[str, Any]:
    labels = record["labels"]
    summary, duties, qualifications = _usajobs_sections(record["description_html"])
    city, _, state = (record.get("location") or "").rpartition(", ")
    salary = labels["salary"]
    code, description = _USAJOBS_INTERVALS.get(salary["period"] if salary else "year", ("PA", ""))
    posted = date.fromisoformat(record["posted_at"])
    return {
        "MatchedObjectId": record["source_id"],
        "MatchedObjectDescriptor": {
            "PositionID": f"HIMS-{record['source_id'][-5:]}",
            "PositionTitle": record["title"],
            "PositionURI": record["url"],
            "ApplyURI": [record["url"]],
            "PositionLocationDisplay": record.get("location"),
            "PositionLocation": [
                {
                    "LocationName": record.get("location"),
                    "CountryCode": "United States",
                    "CountrySubDivisionCode": state,
                    "CityName": record.get("location"),
                }
            ]
            if city
            else [],
            "OrganizationName": record["employer"],
            "DepartmentName": "Department of Veterans Affairs"
            if "Veterans" in record["employer"]
            else "Department of Health and Human Services",
            "JobCategory": [{"Name": "Medical Records Technician", "Code": "0675"}],
            "PositionSchedule": [{"Name": record.get("employment_type") or "Full-time"}],
            "QualificationSummary": qualifications,
            "PositionRemuneration": [
                {
                    "MinimumRange": str(float(salary["min"])),
                    "MaximumRange": str(float(salary["max"])),
                    "RateIntervalCode": code,
                    "Description": description,
                }
            ]
            if salary
            else [],
            "PublicationStartDate": f"{posted.isoformat()}T00:00:00.0000",
            "ApplicationCloseDate": f"{(posted + timedelta(days=45)).isoformat()}T23:59:59.9970",
            "UserArea": {
                "Details": {
                    "JobSummary": summary,
                    "MajorDuties": duties,
                    "TeleworkEligible": labels["work_arrangement"] in ("remote", "hybrid"),
                    "RemoteIndicator": labels["work_arrangement"] == "remote",
                }
            },
        },
    }


def _usajobs_sections(html: str) -> tuple[str, list[str], str]:
    """A USAJOBS-style description as the API's three text fields: summary, duties, and the
    qualification summary (every other section, one paragraph a line)."""
    soup = BeautifulSoup(html, "html.parser")
    summary: list[str] = []
    duties: list[str] = []
    qualifications: list[str] = []
    current = summary
    for node in soup.find_all(["h3", "p", "li"]):
        text = " ".join(node.get_text(" ").split())
        if node.name == "h3":
            current = {"summary": summary, "duties": duties}.get(text.lower(), qualifications)
            if current is qualifications and text.lower() != "qualifications":
                qualifications.append(text)
        elif text:
            current.append(text)
    return " ".join(summary), duties, "\n".join(qualifications)


def job_posting(record: Record) -> dict[str, Any]:
    """schema.org JobPosting as JSON-LD, with what the posting states in its own fields."""
    labels = record["labels"]
    place = parse_location(record.get("location")).place
    posted = date.fromisoformat(record["posted_at"])
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": record["title"],
        "description": record["description_html"],
        "identifier": {
            "@type": "PropertyValue",
            "name": record["employer"],
            "value": record["source_id"],
        },
        "datePosted": posted.isoformat(),
        "validThrough": (posted + timedelta(days=60)).isoformat(),
        "employmentType": _SCHEMA_TYPES.get(labels["employment_type"] or "", "FULL_TIME"),
        "hiringOrganization": {"@type": "Organization", "name": record["employer"]},
        "url": record["url"],
    }
    if place:
        posting["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                **({"addressLocality": place.city} if place.city else {}),
                "addressRegion": place.state,
                "addressCountry": "US",
            },
        }
    if labels["work_arrangement"] == "remote":
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": "USA"}
    salary = labels["salary"] if record.get("salary") else None
    if salary and salary["period"] in _SCHEMA_UNITS:
        posting["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": salary["min"],
                "maxValue": salary["max"],
                "unitText": _SCHEMA_UNITS[salary["period"]],
            },
        }
    return posting


def job_page_with_json_ld(record: Record, graph: bool) -> str:
    """A career site's job page: the posting in a JSON-LD script (alone or in an `@graph`)."""
    posting = job_posting(record)
    if graph:
        organization = {"@type": "Organization", "name": record["employer"]}
        data: Any = {
            "@context": "https://schema.org",
            "@graph": [organization, {k: v for k, v in posting.items() if k != "@context"}],
        }
    else:
        data = posting
    script = json.dumps(data).replace("</", "<\\/")
    return _page(
        record["title"],
        f'<script type="application/ld+json">{script}</script>',
        f"<h1>{escape(record['title'])}</h1>{record['description_html']}",
    )


def job_page_with_microdata(record: Record) -> str:
    """A career site's job page marked up with schema.org microdata instead of JSON-LD."""
    posting = job_posting(record)
    address = posting.get("jobLocation", {}).get("address", {})
    location = (
        '<div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">'
        '<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
        f'<span itemprop="addressLocality">{escape(address.get("addressLocality") or "")}</span>, '
        f'<span itemprop="addressRegion">{escape(address.get("addressRegion") or "")}</span>'
        "</div></div>"
        if address
        else ""
    )
    body = (
        '<article itemscope itemtype="https://schema.org/JobPosting">'
        f'<h1 itemprop="title">{escape(record["title"])}</h1>'
        f'<meta itemprop="identifier" content="{escape(record["source_id"])}">'
        f'<meta itemprop="datePosted" content="{posting["datePosted"]}">'
        f'<meta itemprop="validThrough" content="{posting["validThrough"]}">'
        f'<meta itemprop="employmentType" content="{posting["employmentType"]}">'
        f'<link itemprop="url" href="{escape(record["url"])}">'
        '<div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">'
        f'<span itemprop="name">{escape(record["employer"])}</span></div>'
        f"{location}"
        f'<div itemprop="description">{record["description_html"]}</div>'
        "</article>"
    )
    return _page(record["title"], "", body)


def career_page(title: str, links: list[tuple[str, str]], postings: list[Record]) -> str:
    """A career page: links to job pages, and postings stated on the page itself (JSON-LD
    list)."""
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    script = ""
    if postings:
        data = json.dumps([job_posting(record) for record in postings]).replace("</", "<\\/")
        script = f'<script type="application/ld+json">{data}</script>'
    listed = "".join(f"<h2>{escape(record['title'])}</h2>" for record in postings)
    return _page(title, script, f"<h1>{escape(title)}</h1><ul>{items}</ul>{listed}")


def sitemap(pages: list[tuple[str, str]]) -> str:
    """A `<urlset>` of page URLs with their `<lastmod>` dates."""
    entries = "".join(
        f"<url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>" for url, lastmod in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )


def sitemap_index(sitemaps: list[str]) -> str:
    """A `<sitemapindex>` pointing to sitemaps."""
    entries = "".join(f"<sitemap><loc>{escape(url)}</loc></sitemap>" for url in sitemaps)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>"
    )


def _page(title: str, head: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}"
        f"</title>{head}</head><body><main>{body}</main></body></html>"
    )


def _plain(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def _instant(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC) + timedelta(hours=14)


def _timestamp(day: str) -> str:
    return _instant(day).isoformat().replace("+00:00", "Z")


def _posted_on(day: str, today: date) -> str:
    """Workday's relative posting date ("Posted Today", "Posted 3 Days Ago")."""
    days = (today - date.fromisoformat(day)).days
    if days <= 0:
        return "Posted Today"
    if days == 1:
        return "Posted Yesterday"
    return "Posted 30+ Days Ago" if days > 30 else f"Posted {days} Days Ago"


def _uuid(record: Record) -> Any:
    return uuid5(NAMESPACE_URL, record["url"])
