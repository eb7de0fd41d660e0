"""Posting dates as sources send them (ISO text, US text, epoch milliseconds, 'Posted 3 Days
Ago') turned into calendar dates.

Pure: the clock is never read. Relative text needs the caller's `today`. A date-time keeps
the calendar day it was written in, whatever its zone; epoch milliseconds are read in UTC.
"""

import re
from datetime import date, datetime, timedelta

_EPOCH = date(1970, 1, 1)

_ISO_DATE = re.compile(
    r"(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
"""2025-11-18, 2025/11/18, or either with a time, fraction and zone after it."""

_US_DATE = re.compile(
    r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?",
    re.IGNORECASE,
)
"""11/03/2025 (month first), optionally with a time after it."""

_EPOCH_MILLISECONDS = re.compile(r"\d{11,16}")
"""Digits only, as many as a millisecond timestamp from 1973 to far future has."""

_RELATIVE = re.compile(
    r"(?:posted\s+)?(?:(?P<today>today|just\s+posted)|(?P<yesterday>yesterday)"
    r"|(?P<count>\d{1,4})\+?\s+(?P<unit>day|week)s?\s+ago)",
    re.IGNORECASE,
)
"""Workday's 'Posted Today', 'Posted Yesterday', 'Posted 3 Days Ago', 'Posted 30+ Days Ago'."""

_DAYS_PER_UNIT = {"day": 1, "week": 7}


def parse_date(value: object, *, today: date | None = None) -> date | None:
    """The calendar date in `value`, or None when it cannot be read as one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch_milliseconds(value)
    if isinstance(value, str):
        return _from_text(value.strip(), today)
    return None


def _from_text(text: str, today: date | None) -> date | None:
    if match := _ISO_DATE.fullmatch(text):
        return _calendar_date(match["year"], match["month"], match["day"])
    if match := _US_DATE.fullmatch(text):
        return _calendar_date(match["year"], match["month"], match["day"])
    if _EPOCH_MILLISECONDS.fullmatch(text):
        return _from_epoch_milliseconds(int(text))
    if today is not None and (match := _RELATIVE.fullmatch(text)):
        return _days_before(today, _days_ago(match))
    return None


def _calendar_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _from_epoch_milliseconds(milliseconds: float) -> date | None:
    try:
        return _EPOCH + timedelta(milliseconds=milliseconds)
    except (OverflowError, ValueError):
        return None


def _days_ago(match: re.Match[str]) -> int:
    if match["today"]:
        return 0
    if match["yesterday"]:
        return 1
    return int(match["count"]) * _DAYS_PER_UNIT[match["unit"].lower()]


def _days_before(today: date, days: int) -> date | None:
    try:
        return today - timedelta(days=days)
    except OverflowError:
        return None
