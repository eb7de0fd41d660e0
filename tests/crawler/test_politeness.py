"""How long the crawler waits before a retry."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.politeness import retry_delay

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CAPS = {"backoff_base": 1.0, "backoff_cap": 10.0, "retry_after_cap": 60.0, "now": NOW}


def test_retry_after_in_seconds_is_honoured() -> None:
    assert retry_delay("7", 0, **CAPS) == 7.0


def test_retry_after_as_an_http_date_is_honoured() -> None:
    assert retry_delay("Wed, 25 Nov 2026 12:00:30 GMT", 0, **CAPS) == 30.0


def test_retry_after_is_capped() -> None:
    assert retry_delay("3600", 0, **CAPS) == 60.0


def test_without_retry_after_the_wait_doubles_up_to_its_cap() -> None:
    assert [retry_delay(None, retries, **CAPS) for retries in range(5)] == [1, 2, 4, 8, 10]


def test_an_unreadable_retry_after_falls_back_to_backing_off() -> None:
    assert retry_delay("soon", 1, **CAPS) == 2.0


def test_a_date_in_the_past_means_no_wait() -> None:
    assert retry_delay("Wed, 25 Nov 2026 11:00:00 GMT", 0, **CAPS) == 0.0
