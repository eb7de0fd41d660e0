"""Tests for indexer.dates: reading posting dates from the shapes sources send."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.dates import parse_date

TODAY = date(2025, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-18", date(2025, 11, 18)),
        ("2025-11-18T10:02:11-05:00", date(2025, 11, 18)),
        ("2025-11-17T00:00:00.0000", date(2025, 11, 17)),
        ("2025-12-31T23:59", date(2025, 12, 31)),
        ("2025-11-04T14:29:08.532+00:00", date(2025, 11, 4)),
        ("2025-11-18T14:02:11.000Z", date(2025, 11, 18)),
        ("2025-11-18 14:02:11", date(2025, 11, 18)),
        ("  2025-11-18\n", date(2025, 11, 18)),
    ],
)
def test_iso_dates_and_date_times_read_as_their_calendar_day(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_late_evening_with_zone_keeps_the_day_it_was_written_in() -> None:
    assert parse_date("2025-11-18T23:30:00-08:00") == date(2025, 11, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("11/03/2025", date(2025, 11, 3)), ("1/9/2026", date(2026, 1, 9))],
)
def test_us_dates_read_month_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_epoch_milliseconds_as_int_read_as_utc_day() -> None:
    assert parse_date(1731945600000) == date(2024, 11, 18)


def test_epoch_milliseconds_as_numeric_string_read_as_utc_day() -> None:
    assert parse_date("1731945600000") == date(2024, 11, 18)


def test_epoch_milliseconds_read_the_utc_day_either_side_of_midnight() -> None:
    utc_midnight_nov_18_2024 = 1731888000000

    assert parse_date(utc_midnight_nov_18_2024) == date(2024, 11, 18)
    assert parse_date(utc_midnight_nov_18_2024 - 1) == date(2024, 11, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted Today", TODAY),
        ("Posted Yesterday", TODAY - timedelta(days=1)),
        ("Posted 3 Days Ago", TODAY - timedelta(days=3)),
        ("Posted 1 Day Ago", TODAY - timedelta(days=1)),
        ("Posted 30+ Days Ago", TODAY - timedelta(days=30)),
        ("posted 2 weeks ago", TODAY - timedelta(days=14)),
        ("Today", TODAY),
    ],
)
def test_workday_relative_text_counts_back_from_today(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_relative_text_without_today_is_unreadable() -> None:
    assert parse_date("Posted 3 Days Ago") is None
    assert parse_date("Posted Today") is None


def test_date_and_datetime_values_pass_through_as_dates() -> None:
    moment = datetime(2025, 11, 18, 23, 0, tzinfo=timezone(timedelta(hours=-5)))

    assert parse_date(date(2025, 11, 18)) == date(2025, 11, 18)
    assert parse_date(moment) == date(2025, 11, 18)
    assert type(parse_date(moment)) is date


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "soon",
        "2025-13-01",
        "2025-02-30",
        "13/01/2025",
        "2025-11-18Tnoon",
        "2025",
        "Posted Tomorrow",
        True,
        1e300,
        float("nan"),
        10**30,
        [2025, 11, 18],
    ],
)
def test_unreadable_values_give_none(value: object) -> None:
    assert parse_date(value, today=TODAY) is None


def test_far_relative_past_beyond_the_calendar_gives_none() -> None:
    assert parse_date("Posted 9999 Weeks Ago", today=date(1, 1, 2)) is None


@given(
    st.one_of(
        st.text(),
        st.integers(),
        st.floats(),
        st.none(),
        st.booleans(),
        st.datetimes(timezones=st.just(UTC)),
    ),
    st.dates(),
)
def test_parse_date_never_raises(value: object, today: date) -> None:
    result = parse_date(value, today=today)

    assert result is None or type(result) is date
