"""Backing off from a busy server: how long to wait before retrying, honouring Retry-After.

Scrapy retries 429 and 5xx responses at once; `RetryAfterMiddleware` waits first. With a
Retry-After header (seconds or an HTTP date) it waits that long, up to a cap; without one it
backs off exponentially, up to another. Every delay and cap is a setting, so crawls of a local
server in tests run fast while real crawls stay polite.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response


def retry_delay(
    retry_after: str | None,
    retries_so_far: int,
    *,
    backoff_base: float,
    backoff_cap: float,
    retry_after_cap: float,
    now: datetime,
) -> float:
    """Seconds to wait before the next try."""
    if retry_after:
        asked = _seconds_asked(retry_after.strip(), now)
        if asked is not None:
            return max(0.0, min(asked, retry_after_cap))
    return min(backoff_base * 2**retries_so_far, backoff_cap)


def _seconds_asked(value: str, now: datetime) -> float | None:
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - now).total_seconds()


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, with a wait before each (DESIGN.md: polite and bounded)."""

    async def process_response(self, request: Request, response: Response) -> Any:  # type: ignore[override]
        retrying = response.status in self.retry_http_codes and not request.meta.get("dont_retry")
        if retrying and request.meta.get("retry_times", 0) < self.max_retry_times:
            settings = self.crawler.settings
            header = response.headers.get("Retry-After")
            delay = retry_delay(
                header.decode("latin-1") if header else None,
                request.meta.get("retry_times", 0),
                backoff_base=settings.getfloat("CODERMATCH_BACKOFF_BASE"),
                backoff_cap=settings.getfloat("CODERMATCH_BACKOFF_CAP"),
                retry_after_cap=settings.getfloat("CODERMATCH_RETRY_AFTER_CAP"),
                now=datetime.now(UTC),
            )
            if delay > 0:
                await asyncio.sleep(delay)
        return super().process_response(request, response)
