"""`codermatch sources check`: one small request a source, to tell which still answer.

Each source kind has a probe: the cheapest request its API or site answers (a board's
summary, a one-posting search, the sitemap itself). The answer is sorted into:
- ok: it answers (with how many postings a coding search finds, where the answer says);
- moved: a redirect, with where to (the source's id or URL needs updating);
- gone: 404, 410, or Workday's 422 for a site that does not exist;
- needs a key: USAJOBS without `CODERMATCH_USAJOBS_API_KEY` and `_EMAIL`, or a key it refused;
- error: anything else (a server error, a timeout, no connection), with what happened.
Redirects are reported, never followed; requests name CoderMatch in their User-Agent.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from crawler.sources import Source
from crawler.spiders.ashby import AshbySpider
from crawler.spiders.greenhouse import GreenhouseSpider
from crawler.spiders.lever import LeverSpider
from crawler.spiders.smartrecruiters import SmartRecruitersSpider
from crawler.spiders.usajobs import UsaJobsSpider

_TIMEOUT_SECONDS = 20.0
_PARALLEL_PROBES = 8


@dataclass(frozen=True)
class Probe:
    """One HTTP request, and how to count the postings in its answer (if it can say)."""

    url: str
    method: str = "GET"
    body: bytes | None = None
    headers: dict[str, str] | None = None
    count: Callable[[Any], int] | None = None
    counted: str = "found by a 'coder' search"


@dataclass(frozen=True)
class CheckResult:
    """What a source's probe found."""

    source: str
    kind: str
    status: str  # ok, moved, gone, needs a key, error
    detail: str


@dataclass(frozen=True)
class CheckSettings:
    """Who the probes say they are, and the USAJOBS key if there is one."""

    user_agent: str
    usajobs_api_key: str | None = None
    usajobs_email: str | None = None


def check_sources(sources: list[Source], settings: CheckSettings) -> list[CheckResult]:
    """Probe every source, several at a time; results in the sources' order."""
    with ThreadPoolExecutor(max_workers=_PARALLEL_PROBES) as pool:
        return list(pool.map(lambda source: check_source(source, settings), sources))


def check_source(source: Source, settings: CheckSettings) -> CheckResult:
    """Probe one source and sort its answer."""
    if source.kind == "usajobs" and not (settings.usajobs_api_key and settings.usajobs_email):
        return CheckResult(
            source.id,
            source.kind,
            "needs a key",
            "set CODERMATCH_USAJOBS_API_KEY and CODERMATCH_USAJOBS_EMAIL",
        )
    probe = probe_for(source, settings)
    headers = {"User-Agent": settings.user_agent, "Accept": "*/*", **(probe.headers or {})}
    request = urllib.request.Request(
        probe.url, data=probe.body, headers=headers, method=probe.method
    )
    try:
        with _OPENER.open(request, timeout=_TIMEOUT_SECONDS) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        return _from_status(source, error)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return CheckResult(source.id, source.kind, "error", f"no answer: {reason}")
    return CheckResult(source.id, source.kind, "ok", _postings_found(probe, body))


def probe_for(source: Source, settings: CheckSettings) -> Probe:
    """The one small request that tells whether a source still answers."""
    kind, board = source.kind, source.id
    if kind == "greenhouse":
        return Probe(f"{_base(source, GreenhouseSpider.default_base_url)}/v1/boards/{board}")
    if kind == "lever":
        base = _base(source, LeverSpider.default_base_url)
        return Probe(f"{base}/v0/postings/{board}?mode=json&limit=1")
    if kind == "workday":
        tenant, instance, site = board.split("/")
        base = _base(source, f"https://{tenant}.{instance}.myworkdayjobs.com")
        search = {"appliedFacets": {}, "limit": 1, "offset": 0, "searchText": "coder"}
        return Probe(
            f"{base}/wday/cxs/{tenant}/{site}/jobs",
            method="POST",
            body=json.dumps(search).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            count=lambda payload: int(payload["total"]),
        )
    if kind == "smartrecruiters":
        base = _base(source, SmartRecruitersSpider.default_base_url)
        return Probe(
            f"{base}/v1/companies/{board}/postings?limit=1&q=coder",
            count=lambda payload: int(payload["totalFound"]),
        )
    if kind == "ashby":
        base = _base(source, AshbySpider.default_base_url)
        return Probe(
            f"{base}/posting-api/job-board/{board}",
            count=lambda payload: len(payload["jobs"]),
            counted="on the board",
        )
    if kind == "usajobs":
        base = _base(source, UsaJobsSpider.default_base_url)
        return Probe(
            f"{base}/api/Search?{board}&{urlencode({'ResultsPerPage': 1})}",
            headers={
                "Authorization-Key": settings.usajobs_api_key or "",
                "User-Agent": settings.usajobs_email or "",
            },
            count=lambda payload: int(payload["SearchResult"]["SearchResultCountAll"]),
        )
    return Probe(str(source.url))


def _base(source: Source, default: str) -> str:
    return (source.base_url or default).rstrip("/")


def _from_status(source: Source, error: urllib.error.HTTPError) -> CheckResult:
    status = error.code
    if 300 <= status < 400:
        where = error.headers.get("Location") or "an unnamed place"
        return CheckResult(source.id, source.kind, "moved", f"HTTP {status} to {where}")
    if source.kind == "usajobs" and status in (401, 403):
        return CheckResult(source.id, source.kind, "needs a key", f"HTTP {status}: key refused")
    if status in (404, 410) or (source.kind == "workday" and status == 422):
        return CheckResult(source.id, source.kind, "gone", f"HTTP {status}")
    return CheckResult(source.id, source.kind, "error", f"HTTP {status}")


def _postings_found(probe: Probe, body: bytes) -> str:
    if probe.count is None:
        return "answers"
    try:
        found = probe.count(json.loads(body))
    except (ValueError, KeyError, TypeError):
        return "answers, but not in the format we read"
    return f"{found} posting(s) {probe.counted}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Report redirects (as HTTPError) instead of following them."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)
