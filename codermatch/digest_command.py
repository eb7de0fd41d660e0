"""`codermatch digest send [--dry-run] [--week 2026-W48]`: this week's digest to every subscriber.

The week is only the once-a-week key of the digest log (by default the current ISO week): a
second run of a week sends nothing twice, and a run after one was killed sends the rest.
`--workers N` shares the subscribers among N processes.
Progress goes to stderr while it runs, the summary to stdout at the end.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from codermatch.settings import Settings
    from digest.run import RunSummary

digest_app = typer.Typer(help="The weekly digest e-mail.", no_args_is_help=True)
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_PROGRESS_EVERY_S = 2.0


@digest_app.command("send")
def send(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count who would get a digest; send and log nothing.")
    ] = False,
    week: Annotated[
        str | None, typer.Option("--week", help="The ISO week it is for, e.g. 2026-W48.")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=32, help="Processes sharing the subscribers.")
    ] = 1,
) -> None:
    """Send each confirmed subscriber the new jobs that match them, once a week."""
    from codermatch.settings import Settings

    now = datetime.now(UTC)
    chosen_week = _checked_week(week) if week else iso_week(now.date())
    summary = run_digest(Settings(), week=chosen_week, now=now, dry_run=dry_run, workers=workers)
    typer.echo(
        f"Digest {chosen_week}{' (dry run)' if dry_run else ''}: "
        + (f"would send {summary.would_send}, " if dry_run else f"sent {summary.sent}, ")
        + f"nothing new {summary.nothing_new}, failed {summary.failed}, "
        f"already done this week {summary.already_done}."
    )
    for failure in summary.failures:
        typer.echo(f"  failed: {failure}", err=True)


def run_digest(
    settings: Settings, *, week: str, now: datetime, dry_run: bool, workers: int = 1
) -> RunSummary:
    """One digest run over the settings' stores and SMTP server (shared with the scheduler);
    with several workers, each process takes the subscribers whose id is its number modulo
    their count, and the digest log's unique key keeps every subscriber to one digest."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from digest.run import RunSummary

    if workers == 1:
        return _run_share(settings, week=week, now=now, dry_run=dry_run, share=None)
    summary = RunSummary()
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        parts = [
            pool.submit(
                _run_share, settings, week=week, now=now, dry_run=dry_run, share=(number, workers)
            )
            for number in range(workers)
        ]
        for part in parts:
            summary.add(part.result())
    return summary


def _run_share(
    settings: Settings, *, week: str, now: datetime, dry_run: bool, share: tuple[int, int] | None
) -> RunSummary:
    """One process's part of a run, on stores and an SMTP connection of its own."""
    from codermatch.stores import open_store
    from digest.mailer import Mailer
    from digest.run import DigestRun, send_digests
    from digest.subscribers import SubscriberStore
    from digest.tokens import Tokens

    postings = open_store(settings)
    subscribers = SubscriberStore(settings.database)
    last_shown = time.monotonic()

    def progress(summary: RunSummary) -> None:
        nonlocal last_shown
        if time.monotonic() - last_shown >= _PROGRESS_EVERY_S:
            last_shown = time.monotonic()
            typer.echo(
                f"  {summary.seen} subscribers: sent {summary.sent}, nothing new "
                f"{summary.nothing_new}, failed {summary.failed}",
                err=True,
            )

    try:
        with Mailer(settings.smtp()) as mailer:
            run = DigestRun(
                postings=postings,
                subscribers=subscribers,
                mailer=None if dry_run else mailer,
                tokens=Tokens(settings.signing_key()),
                mail=settings.mail(),
                week=week,
                now=now,
            )
            return send_digests(run, progress=progress, share=share)
    finally:
        subscribers.close()
        postings.close()


def iso_week(day: date) -> str:
    """The ISO week of a day, as the digest log keys it: "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _checked_week(text: str) -> str:
    found = _WEEK.fullmatch(text.strip())
    if found:
        year, week = int(found.group(1)), int(found.group(2))
        try:
            date.fromisocalendar(year, week, 1)
            return f"{year}-W{week:02d}"
        except ValueError:
            pass
    raise typer.BadParameter(f"{text!r} is not an ISO week such as 2026-W48", param_hint="--week")
