"""One digest run: every confirmed subscriber, streamed, gets the week's new jobs that fit them.

Several workers may share a run, each taking the subscribers whose id falls in its share.

Exactly one digest per subscriber and ISO week: the run claims the (subscriber, week) row of
the digest log, with the jobs the digest carries, before it sends, so a second run of the
week, or a run after one was killed half-way, passes over everyone already claimed and sends
the rest. Nobody is sent twice; a subscriber whose claim was taken by a run killed in the
middle of sending to them is counted as already done rather than sent again, and the jobs of
that digest count as sent (`digest.subscribers.DigestLogWriter`). Nothing new: no e-mail,
and the log says so. A temporary delivery failure is retried by the mailer; a permanent one
marks the subscriber.
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
from digest.subscribers import DigestLogWriter, Recipient, SubscriberStore
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
    summary = RunSummary()
    sent_since = run.now - timedelta(days=OLDEST_NEW_DAYS)  # no older job can be in a digest
    with run.subscribers.digest_writer(run.week, now=run.now) as digest_log:
        week = _Week(run, new_jobs(run.postings, now=run.now), digest_log, summary)
        for recipient in run.subscribers.recipients(sent_since=sent_since, share=share):
            week.send_to(recipient)
            if progress is not None:
                progress(summary)
    return summary


class _Week:
    """A run going through its subscribers: the new jobs, the e-mails, the log, the counts."""

    def __init__(
        self, run: DigestRun, jobs: NewJobs, digest_log: DigestLogWriter, summary: RunSummary
    ) -> None:
        self._run = run
        self._jobs = jobs
        self._emails = DigestWriter(mail=run.mail, tokens=run.tokens, week=run.week, now=run.now)
        self._log = digest_log
        self._summary = summary

    def send_to(self, recipient: Recipient) -> None:
        """One subscriber's digest: chosen, claimed, sent and logged (or, dry, counted)."""
        run, summary, subscriber = self._run, self._summary, recipient.subscriber
        try:
            profile = make_profile(**subscriber.profile)
        except (InvalidSearch, TypeError) as error:
            log.error("subscriber %s has a profile that cannot be used: %s", subscriber.id, error)
            self._failed(subscriber.id, error)
            return
        since = subscriber.last_digest_at or run.now - timedelta(days=FIRST_DIGEST_DAYS)
        content = self._jobs.digest_for(profile, since=since, already_sent=recipient.sent_job_ids)
        if run.mailer is None:
            summary.would_send += not content.is_empty
            summary.nothing_new += content.is_empty
            return
        if not self._log.claim(subscriber.id, content.job_ids):
            summary.already_done += 1
            return
        if content.is_empty:  # logged as nothing new by the claim
            summary.nothing_new += 1
            return
        try:
            run.mailer.send(self._emails.email(subscriber.email, subscriber.id, content))
        except DeliveryFailed as error:
            log.error("digest to subscriber %s failed: %s", subscriber.id, error)
            if error.permanent:
                run.subscribers.mark_bounced(subscriber.id, str(error), now=run.now)
            self._log.finish(subscriber.id, "failed")
            self._failed(subscriber.id, error)
            return
        self._log.finish(subscriber.id, "sent")
        summary.sent += 1

    def _failed(self, subscriber_id: int, error: Exception) -> None:
        self._summary.failed += 1
        self._summary.failures.append(f"subscriber {subscriber_id}: {error}")
