"""The bundled snapshot: the sample postings answered as the demo's sources answer, by URL.

Each sample posting belongs to one `board` of `codermatch/demo/sources.yaml`; `Snapshot.answer`
takes an HTTP request (method, path with query, headers, body) and returns what that source's
real API or career site would: search pages, details, sitemaps, job pages, and the errors a
wrong board id gets (404, or 422 from Workday). Dates are replayed as of today: the newest
posting appears posted today and the others as many days before as in the snapshot, so the
demo looks the same whatever day it runs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from codermatch.demo import formats, sample_postings
from crawler.sources import Source, load_sources
from indexer.location import parse_location

Answer = tuple[int, dict[str, str], bytes]
Record = dict[str, Any]

SNAPSHOT_ADDRESS = "http://127.0.0.1:8631"  # where sources.yaml says the snapshot is served
_JSON = {"Content-Type": "application/json"}
_HTML = {"Content-Type": "text/html; charset=utf-8"}
_XML = {"Content-Type": "application/xml"}
# How each career site of the snapshot publishes its postings.
_CAREER_SITES = {
    "heartlandcommunity": "sitemap",
    "lakeshoreregional": "sitemap_index",
    "sunviewfamilymed": "career_links",
    "lonestarcoding": "career_page",
    "riverbendcareers": "sitemap",
    "redwoodvalleycareers": "career_links",
    "summitridgerisk-careers": "sitemap",
    "medjobsboard": "career_links",
    "prairieskiesva": "career_page",
    "proclaimstaffing": "sitemap",
    "mountainairderm": "career_links",
    "highdesertrural": "career_page",
}


def snapshot_sources(address: str = SNAPSHOT_ADDRESS) -> list[Source]:
    """The demo's sources, pointed at a snapshot server at `address`."""
    path = Path(str(resources.files(__package__).joinpath("sources.yaml")))
    return [
        replace(
            source,
            base_url=source.base_url and source.base_url.replace(SNAPSHOT_ADDRESS, address),
            url=source.url and source.url.replace(SNAPSHOT_ADDRESS, address),
        )
        for source in load_sources(path)
    ]


class Snapshot:
    """The sample postings by board, replayed as of `today`."""

    def __init__(self, today: date, records: list[Record] | None = None) -> None:
        records = sample_postings() if records is None else records
        newest = max(date.fromisoformat(record["posted_at"]) for record in records)
        shift = timedelta(days=(today - newest).days)
        self.today = today
        self.boards: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            posted = date.fromisoformat(record["posted_at"]) + shift
            self.boards[record["board"]].append({**record, "posted_at": posted.isoformat()})
        self.kinds = {source.id: source.kind for source in snapshot_sources()}
        # Load the place table now, once: the server's threads would each load it at once.
        parse_location("Tampa, FL")

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Answer:
        """The response to one request, as the real source would give it."""
        parts = urlsplit(target)
        path = parts.path.rstrip("/")
        query = dict(parse_qsl(parts.query))
        segments = path.strip("/").split("/")
        if method == "POST" and path.startswith("/wday/cxs/") and path.endswith("/jobs"):
            return self._workday_search(segments, body)
        if method != "GET":
            return 405, _JSON, b'{"error": "method not allowed"}'
        if path.startswith("/wday/cxs/"):
            return self._workday_detail(segments)
        if path.startswith("/v1/boards/"):
            return self._greenhouse(segments)
        if path.startswith("/v0/postings/"):
            return self._lever(segments, query)
        if path.startswith("/v1/companies/"):
            return self._smartrecruiters(segments, query)
        if path.startswith("/posting-api/job-board/"):
            return self._ashby(segments)
        if path == "/api/Search":
            return self._usajobs(query, headers)
        if segments[0] in _CAREER_SITES and segments[0] in self.boards:
            host = next((v for k, v in headers.items() if k.lower() == "host"), "127.0.0.1")
            return self._career_site(segments, f"http://{host}")
        return 404, _HTML, b"<h1>Not found</h1>"

    def _board(self, board: str, kind: str) -> list[Record] | None:
        return self.boards.get(board) if self.kinds.get(board) == kind else None

    def _greenhouse(self, segments: list[str]) -> Answer:
        records = self._board(segments[2], "greenhouse") if len(segments) > 2 else None
        if records is None:
            return _json(404, {"status": 404, "error": "Job not found"})
        if segments[3:] == ["jobs"]:
            return _json(200, formats.greenhouse_board(records))
        if len(segments) == 3:
            return _json(200, {"name": records[0]["employer"], "content": ""})
        return _json(404, {"status": 404, "error": "Job not found"})

    def _lever(self, segments: list[str], query: dict[str, str]) -> Answer:
        records = self._board(segments[2], "lever") if len(segments) == 3 else None
        if records is None:
            return _json(404, {"ok": False, "error": "Document not found"})
        skip, limit = int(query.get("skip", 0)), int(query.get("limit", len(records)))
        return _json(200, formats.lever_postings(records)[skip : skip + limit])

    def _workday_board(self, segments: list[str]) -> list[Record] | None:
        # /wday/cxs/{tenant}/{site}/...
        if len(segments) < 5:
            return None
        for board, kind in self.kinds.items():
            if kind == "workday":
                tenant, _, site = board.split("/")
                if (tenant, site) == (segments[2], segments[3]):
                    return self.boards.get(board)
        return None

    def _workday_search(self, segments: list[str], body: bytes) -> Answer:
        records = self._workday_board(segments)
        if records is None:
            return _json(422, {"errorCode": "HTTP_422", "message": "Invalid site"})
        try:
            search = json.loads(body or b"{}")
        except ValueError:
            return _json(400, {"errorCode": "HTTP_400", "message": "Bad request body"})
        return _json(200, formats.workday_search(records, search, self.today))

    def _workday_detail(self, segments: list[str]) -> Answer:
        records = self._workday_board(segments) or []
        external_path = "/" + "/".join(segments[4:])
        for record in records:
            if formats.workday_external_path(record) == external_path:
                return _json(200, formats.workday_detail(record, self.today))
        return _json(404, {"errorCode": "HTTP_404", "message": "Not found"})

    def _smartrecruiters(self, segments: list[str], query: dict[str, str]) -> Answer:
        company = segments[2]
        records = self._board(company, "smartrecruiters") or []
        if segments[3:] == ["postings"]:
            return _json(200, formats.smartrecruiters_list(records, company, query))
        if len(segments) == 5 and segments[3] == "postings":
            for record in records:
                if record["source_id"] == segments[4]:
                    return _json(200, formats.smartrecruiters_detail(record, company))
        return _json(404, {"code": "NOT_FOUND", "message": "Posting not found"})

    def _ashby(self, segments: list[str]) -> Answer:
        records = self._board(segments[2], "ashby") if len(segments) == 3 else None
        if records is None:
            return _json(404, {"success": False, "error": "Job board not found"})
        return _json(200, formats.ashby_board(records))

    def _usajobs(self, query: dict[str, str], headers: dict[str, str]) -> Answer:
        if not {key.lower() for key in headers} >= {"authorization-key", "user-agent"}:
            return _json(401, {"Message": "Authorization has been denied for this request."})
        records = [
            record
            for board, kind in self.kinds.items()
            if kind == "usajobs"
            for record in self.boards.get(board, [])
        ]
        if query.get("JobCategoryCode", "0675") != "0675":
            records = []
        return _json(200, formats.usajobs_search(records, query))

    def _career_site(self, segments: list[str], origin: str) -> Answer:
        """A career site's pages; sitemaps give absolute URLs on the requested host."""
        board, rest = segments[0], segments[1:]
        records = self.boards[board]
        layout = _CAREER_SITES[board]
        by_page = {f"jobs/{record['source_id'].lower()}": record for record in records}
        page = "/".join(rest)
        if page in by_page:
            record = by_page[page]
            if layout == "career_links":
                return 200, _HTML, formats.job_page_with_microdata(record).encode()
            graph = layout == "sitemap_index"
            return 200, _HTML, formats.job_page_with_json_ld(record, graph=graph).encode()
        job_pages = [(f"{origin}/{board}/{page}", record) for page, record in by_page.items()]
        if (page == "sitemap.xml" and layout == "sitemap") or page == "sitemap-jobs.xml":
            entries = [(path, record["posted_at"]) for path, record in job_pages]
            return 200, _XML, formats.sitemap(entries).encode()
        if page == "sitemap_index.xml" and layout == "sitemap_index":
            return 200, _XML, formats.sitemap_index([f"{origin}/{board}/sitemap-jobs.xml"]).encode()
        if page == "careers" and layout == "career_links":
            links = [(path, record["title"]) for path, record in job_pages]
            return 200, _HTML, formats.career_page(records[0]["employer"], links, []).encode()
        if page == "careers" and layout == "career_page":
            return 200, _HTML, formats.career_page(records[0]["employer"], [], records).encode()
        return 404, _HTML, b"<h1>Not found</h1>"


def _json(status: int, payload: Any) -> Answer:
    return status, _JSON, json.dumps(payload).encode()
