"""`codermatch schedule`: the jobs it schedules, and a worker that logs each run and outlives
a failed one (a real APScheduler running real jobs: a crawl that fails, a digest over SMTP)."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from codermatch.schedule_command import build_scheduler
from codermatch.settings import Settings
from digest.subscribers import SubscriberStore
from indexer.errors import CoderMatchError
from tests.smtp_sink import SmtpSink


def test_the_crawl_runs_daily_and_the_digest_weekly_by_default() -> None:
    scheduler = build_scheduler(Settings(), BackgroundScheduler(timezone=UTC))
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    crawl = scheduler.get_job("crawl").trigger.get_next_fire_time(None, saturday)
    digest = scheduler.get_job("digest").trigger.get_next_fire_time(None, saturday)
    assert crawl == datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
    assert digest == datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # Monday


def test_a_bad_schedule_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODERMATCH_DIGEST_SCHEDULE", "every monday")
    with pytest.raises(CoderMatchError, match="CODERMATCH_DIGEST_SCHEDULE"):
        build_scheduler(Settings(), BackgroundScheduler(timezone=UTC))


def test_the_worker_logs_each_run_and_goes_on_after_a_failed_one(
    smtp_sink: tuple[SmtpSink, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sink, port = smtp_sink
    monkeypatch.setenv("CODERMATCH_SOURCES", str(tmp_path / "no-such-sources.yaml"))
    monkeypatch.setenv("CODERMATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CODERMATCH_SMTP_PORT", str(port))
    settings = Settings()
    subscribers = SubscriberStore(settings.database)
    subscribers.subscribe("ana@example.com", {"credentials": ["CPC"], "experience_years": 1},
                          now=datetime.now(UTC))  # fmt: skip
    subscribers.close()
    caplog.set_level(logging.INFO, logger="codermatch.schedule")
    scheduler = build_scheduler(settings, BackgroundScheduler(timezone=UTC))
    scheduler.start()
    try:
        for job in scheduler.get_jobs():
            job.modify(next_run_time=datetime.now(UTC))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            "crawl: failed" in caplog.text and "digest: done" in caplog.text
        ):
            time.sleep(0.1)
        assert "crawl: started" in caplog.text
        assert "crawl: failed; the next run is still scheduled" in caplog.text
        assert "digest: started" in caplog.text
        assert "digest: done: sent 0" in caplog.text  # the one subscriber has not confirmed
        assert scheduler.running
        assert {job.id for job in scheduler.get_jobs()} == {"crawl", "digest"}
        assert all(job.next_run_time > datetime.now(UTC) for job in scheduler.get_jobs())
    finally:
        scheduler.shutdown(wait=True)
    assert sink.messages == []
