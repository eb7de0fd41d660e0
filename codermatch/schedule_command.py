"""`codermatch schedule`: the worker that crawls every day and sends the digest every week.

APScheduler runs both on the cron expressions of `CODERMATCH_CRAWL_SCHEDULE` and
`CODERMATCH_DIGEST_SCHEDULE` (UTC). Each run is logged when it starts and ends; a run that
fails is logged with its error and the worker goes on to the next one. A run that would
overlap the one before it waits its turn instead (one instance a job).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from codermatch.settings import Settings

log = logging.getLogger("codermatch.schedule")


def schedule() -> None:
    """Crawl daily and send the weekly digest, on the settings' schedules, until stopped."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    from codermatch.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # our own lines say it all
    settings = Settings()
    scheduler = build_scheduler(settings, BlockingScheduler(timezone=UTC))
    typer.echo(
        f"CoderMatch worker: crawling at '{settings.crawl_schedule}' and sending the digest at "
        f"'{settings.digest_schedule}' (cron, UTC). Ctrl-C stops it.",
        err=True,
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        typer.echo("Stopped.", err=True)


def build_scheduler(settings: Settings, scheduler: BaseScheduler) -> BaseScheduler:
    """Add the crawl and digest jobs to `scheduler`; a bad cron setting is named."""
    from apscheduler.triggers.cron import CronTrigger

    from indexer.errors import CoderMatchError

    jobs = {
        "crawl": (
            "CODERMATCH_CRAWL_SCHEDULE",
            settings.crawl_schedule,
            lambda: crawl_all(settings),
        ),
        "digest": (
            "CODERMATCH_DIGEST_SCHEDULE",
            settings.digest_schedule,
            lambda: digest(settings),
        ),
    }
    for name, (variable, cron, work) in jobs.items():
        try:
            trigger = CronTrigger.from_crontab(cron, timezone=UTC)
        except ValueError as error:
            raise CoderMatchError(
                f"{variable}: {cron!r} is not a cron expression ({error})"
            ) from None
        scheduler.add_job(
            logged(name, work), trigger, id=name, max_instances=1, coalesce=True,
            misfire_grace_time=3600,
        )  # fmt: skip
    return scheduler


def logged(name: str, work: Callable[[], str]) -> Callable[[], None]:
    """`work` with its start and end logged, and a failure logged instead of raised."""

    def run() -> None:
        log.info("%s: started", name)
        try:
            outcome = work()
        except Exception:  # a failed run, whatever broke, must not stop the worker
            log.exception("%s: failed; the next run is still scheduled", name)
            return
        log.info("%s: done: %s", name, outcome)

    return run


def crawl_all(settings: Settings) -> str:
    """One crawl of every source of the sources file; what it did, in one line."""
    from codermatch.crawl_command import crawl_sources
    from crawler.sources import load_sources

    summaries = crawl_sources(settings, load_sources(settings.sources))
    failed = [str(summary["source"]) for summary in summaries if summary.get("failed")]
    new = sum(int(summary.get("new", 0)) for summary in summaries)
    closed = sum(int(summary.get("closed", 0)) for summary in summaries)
    return (
        f"{len(summaries)} sources, {new} new postings, {closed} closed, "
        f"{len(failed)} failed{': ' + ', '.join(failed) if failed else ''}"
    )


def digest(settings: Settings) -> str:
    """This week's digest; what it did, in one line."""
    from codermatch.digest_command import iso_week, run_digest

    now = datetime.now(UTC)
    summary = run_digest(settings, week=iso_week(now.date()), now=now, dry_run=False)
    return (
        f"sent {summary.sent}, nothing new {summary.nothing_new}, failed {summary.failed}, "
        f"already done {summary.already_done}"
    )
