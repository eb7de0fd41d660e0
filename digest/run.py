"""One digest run: every confirmed subscriber, streamed, gets the week's new jobs that fit them.

Several workers may share a run, each taking the subscribers whose id falls in its share.

Exactly one digest per subscriber and ISO week: the run claims the (subscriber, week) row of
the digest log, with the jobs the digest carries, before it sends, so a second run of the
week, or a run after one was killed half-way, passes over everyone already claimed and sends
the rest. Nobody is sent twice; a subscriber whose claim was taken by a run killed in the
middle of sending to them is counted as already done rather than sent again, and the jobs of
that digest count as sent. Nothing new: no e-mail, and the log says so. A temporary delivery
failure is retried by the mailer; a permanent one marks the subscriber.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from digest.emails import DigestWriter, MailSettings
from digest.mailer import DeliveryFailed
from digest.mime import Email
from digest.selection import NewJobs
from digest.subscribers import Recipient, SubscriberStore
from digest.tokens import Tokens
from indexer.search_request import InvalidSearch
from indexer.store import PostingStore
from matching.profile import make_profile

log = logging.getLogger(__name__)

FIRST_DIGEST_DAYS = 7  # a first digest covers the week before the run
OLDEST_NEW_DAYS = 35  # a subscriber silent for longer hears of the last five weeks only


@dataclass
class RunSummary:
    """What a run did, subscriber by subscriber."""

    sent: int = 0
    nothing_new: int = 0
    failed: int = 0
    already_done: int = 0  # claimed this week by an earlier run
    would_send: int = 0  # dry run only
    failures: list[str] = field(default_factory=list)

    def add(self, other: RunSummary) -> None:
        """Count another worker's part in."""
        self.sent += other.sent
        self.nothing_new += other.nothing_new
        self.failed += other.failed
        self.already_done += other.already_done
        self.would_send += other.would_send
        self.failures.extend(other.failures)

    @property
    def seen(self) -> int:
        return self.sent + self.nothing_new + self.failed + self.already_done + self.would_send


class Sender(Protocol):
    """What delivers a digest: `digest.mailer.Mailer` over SMTP."""

    def send(self, email: Email) -> None:
        """Deliver, or raise `DeliveryFailed`."""
        ...


@dataclass(frozen=True)
class DigestRun:
    """Everything a run needs; `mailer` is None for a dry run, which claims and sends nothing."""

    postings: PostingStore
    subscribers: SubscriberStore
    mailer: Sender | None
    tokens: Tokens
    mail: MailSettings
    week: str
    now: datetime


def new_jobs(postings: PostingStore, *, now: datetime) -> NewJobs:
    """The open jobs first seen in the last `OLDEST_NEW_DAYS`, read once for the whole run."""
    return NewJobs(postings.open_jobs(first_seen_since=now - timedelta(days=OLDEST_NEW_DAYS)))


def send_digests(
    run: DigestRun,
    *,
    progress: Callable[[RunSummary], None] | None = None,
    share: tuple[int, int] | None = None,
) -> RunSummary:
    """Send (or, dry, count) this week's digest to every confirmed subscriber, or to one
    worker's share of them (`share=(k, n)`: ids that are k modulo n)."""
    jobs = new_jobs(run.postings, now=run.now)
    writer = DigestWriter(mail=run.mail, tokens=run.tokens, week=run.week, now=run.now)
    summary = RunSummary()
    sent_since = run.now - timedelta(days=OLDEST_NEW_DAYS)  # no older job can be in a digest
    for recipient in run.subscribers.recipients(sent_since=sent_since, share=share):
        _one_subscriber(run, jobs, writer, recipient, summary)
        if progress is not None:
            progress(summary)
    return summary


def _one_subscriber(
    run: DigestRun,
    jobs: NewJobs,
    writer: DigestWriter,
    recipient: Recipient,
    summary: RunSummary,
) -> None:
    subscriber = recipient.subscriber
    try:
        profile = make_profile(**subscriber.profile)
    except (InvalidSearch, TypeError) as error:
        log.error("subscriber %s has a profile that cannot be used: %s", subscriber.id, error)
        summary.failed += 1
        summary.failures.append(f"subscriber {subscriber.id}: {error}")
        return
    since = subscriber.last_digest_at or run.now - timedelta(days=FIRST_DIGEST_DAYS)
    content = jobs.digest_for(profile, since=since, already_sent=recipient.sent_job_ids)
    if run.mailer is None:
        summary.would_send += not content.is_empty
        summary.nothing_new += content.is_empty
        return
    if not run.subscribers.claim_digest(
        subscriber.id, run.week, job_ids=content.job_ids, now=run.now
    ):
        summary.already_done += 1
        return
    if content.is_empty:
        run.subscribers.finish_digest(subscriber.id, run.week, status="nothing", now=run.now)
        summary.nothing_new += 1
        return
    try:
        run.mailer.send(writer.email(subscriber.email, subscriber.id, content))
    except DeliveryFailed as error:
        log.error("digest to subscriber %s failed: %s", subscriber.id, error)
        if error.permanent:
            run.subscribers.mark_bounced(subscriber.id, str(error), now=run.now)
        run.subscribers.finish_digest(subscriber.id, run.week, status="failed", now=run.now)
        summary.failed += 1
        summary.failures.append(f"subscriber {subscriber.id}: {error}")
        return
    run.subscribers.finish_digest(subscriber.id, run.week, status="sent", now=run.now)
    summary.sent += 1
