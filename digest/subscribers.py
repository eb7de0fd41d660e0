"""The digest's subscribers: who gets the weekly e-mail, and what each was sent.

One store on SQLAlchemy Core, on SQLite (the default: the posting store's file, so WAL mode and
a busy timeout) or on PostgreSQL (when one machine is not enough), over two tables:

subscribers   an address (unique ignoring case), the /api/match profile its digest matches, and
              its status: pending -> confirmed -> unsubscribed | bounced; a new request makes an
              unsubscribed or bounced address pending again, and changes nothing once confirmed
digest_log    one row a subscriber and week, with the jobs its digest carries: 'sending' when
              claimed, then 'sent', 'nothing' (nothing new matched) or 'failed'. A subscriber's
              history is read from it: when their last digest went, and every job sent to them
              (a digest left 'sending' by a run killed while sending it counts as sent, so
              nobody is ever sent a job twice)

Races between processes are settled by the database in one statement: a conditional UPDATE for
the hourly confirmation e-mail, a unique key for each week's digest. The store creates its own
schema, and upgrades one made by an earlier CoderMatch (`digest.schema_upgrade`). Times go in
timezone-aware and come out timezone-aware UTC.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection
from sqlalchemy.sql.dml import Update

from digest.schema_upgrade import upgrade
from indexer.errors import CoderMatchError

SUBSCRIBER_STATUSES = ("pending", "confirmed", "unsubscribed", "bounced")

_FINISHED_DIGEST_STATUSES = ("sent", "nothing", "failed")
_EMAIL_LENGTH = 320  # the longest address SMTP allows (64 local part + @ + 255 domain)
_REASON_LENGTH = 1000  # a bounce's SMTP reply is cut to this
_SQLITE_BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another (crawler, API, digest)


class UnsupportedDatabase(CoderMatchError):
    """A database URL for an engine other than SQLite or PostgreSQL."""


class _UtcDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every engine (SQLite keeps no offset, so UTC is stored)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _known_status(table: str, statuses: Sequence[str]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{status}'" for status in statuses)
    return sa.CheckConstraint(f"status IN ({allowed})", name=f"ck_{table}_status")


_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")  # JSONB on PostgreSQL

metadata = sa.MetaData()

subscribers = sa.Table(
    "subscribers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(_EMAIL_LENGTH), nullable=False),  # as given, trimmed
    sa.Column("email_key", sa.String(_EMAIL_LENGTH), nullable=False, unique=True),  # lower-cased
    sa.Column("profile", _JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", _UtcDateTime, nullable=False),
    sa.Column("confirmed_at", _UtcDateTime),
    sa.Column("last_confirmation_at", _UtcDateTime),  # when a confirmation e-mail last went
    sa.Column("left_at", _UtcDateTime),  # when they unsubscribed or bounced
    sa.Column("failure_reason", sa.String(_REASON_LENGTH)),  # why delivery failed for good
    _known_status("subscribers", SUBSCRIBER_STATUSES),
    sa.Index("ix_subscribers_status_id", "status", "id"),  # confirmed() pages, counts()
)

digest_log = sa.Table(
    "digest_log",
    metadata,
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), primary_key=True),
    sa.Column("week", sa.String(16), primary_key=True),  # the ISO week, "2025-W23"
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("claimed_at", _UtcDateTime, nullable=False),
    sa.Column("finished_at", _UtcDateTime),
    sa.Column("job_ids", _JSON, nullable=False),
    _known_status("digest_log", ("sending", *_FINISHED_DIGEST_STATUSES)),
    sa.Index("ix_digest_log_week", "week"),  # digest_log(week)
)  # its (subscriber_id, week) key sends one digest a subscriber a week, across processes

# A digest that went out, or may have: it was claimed and never ended as failed or nothing.
_SENT_OR_SENDING = digest_log.c.status.in_(("sent", "sending"))
# Prepared once: a run ends a digest for every subscriber.
_FINISH_DIGEST = (
    sa.update(digest_log)
    .where(
        digest_log.c.subscriber_id == sa.bindparam("claimed_id"),
        digest_log.c.week == sa.bindparam("claimed_week"),
        digest_log.c.status == "sending",
    )
    .values(status=sa.bindparam("status"), finished_at=sa.bindparam("finished_at"))
)


@dataclass(frozen=True)
class Subscriber:
    id: int
    email: str  # as given, trimmed; uniqueness is on the lower-cased address
    profile: dict[str, Any]  # the /api/match body, stored as JSON
    status: str
    created_at: datetime  # timezone-aware UTC on both engines
    confirmed_at: datetime | None
    last_digest_at: datetime | None  # when their last digest was sent, read from the log


@dataclass(frozen=True)
class Recipient:
    """A confirmed subscriber as a digest run sees them: who, and the jobs already sent."""

    subscriber: Subscriber
    sent_job_ids: frozenset[str]  # sent in digests claimed since the run's `sent_since`


_LAST_DIGEST_AT = (
    sa.select(sa.func.max(digest_log.c.claimed_at))
    .where(digest_log.c.subscriber_id == subscribers.c.id, _SENT_OR_SENDING)
    .scalar_subquery()
)
_SUBSCRIBER_COLUMNS = [
    subscribers.c[field.name] for field in fields(Subscriber) if field.name != "last_digest_at"
] + [sa.type_coerce(_LAST_DIGEST_AT, _UtcDateTime).label("last_digest_at")]


class SubscriberStore:
    """Subscribers and the digest log in a SQLite file or a PostgreSQL database."""

    def __init__(self, url: str) -> None:
        self._engine = _connect(url)
        metadata.create_all(self._engine)
        upgrade(self._engine, digest_log)
        # Prepared once, since a run claims a digest for every subscriber; what it returns
        # says whether the row was added (not every driver counts the rows of an INSERT).
        self._claim_digest = (
            self._insert(digest_log).on_conflict_do_nothing().returning(digest_log.c.week)
        )

    def close(self) -> None:
        self._engine.dispose()

    def subscribe(self, email: str, profile: dict[str, Any], *, now: datetime) -> Subscriber:
        """New address: a pending subscriber. Pending: its profile is replaced. Confirmed:
        unchanged. Unsubscribed or bounced: back to pending with the new profile."""
        address, moment = _trimmed_address(email), _aware(now)
        key = address.lower()
        pending = {"email": address, "email_key": key, "profile": profile, "status": "pending"}
        new = (
            self._insert(subscribers)
            .values(**pending, created_at=moment)
            .on_conflict_do_nothing(index_elements=["email_key"])
        )
        with self._engine.begin() as connection:
            if not _inserted(connection, new):
                connection.execute(
                    sa.update(subscribers)
                    .where(subscribers.c.email_key == key, subscribers.c.status != "confirmed")
                    .values(**pending, confirmed_at=None, left_at=None, failure_reason=None)
                )
            query = sa.select(*_SUBSCRIBER_COLUMNS).where(subscribers.c.email_key == key)
            return Subscriber(**connection.execute(query).mappings().one())

    def claim_confirmation(
        self, subscriber_id: int, *, now: datetime, every: timedelta = timedelta(hours=1)
    ) -> bool:
        """True (and `now` recorded) when no confirmation e-mail went to them within `every`."""
        moment = _aware(now)
        last_sent = subscribers.c.last_confirmation_at
        not_lately = sa.or_(last_sent.is_(None), last_sent <= moment - every)
        claim = _update(subscriber_id, not_lately).values(last_confirmation_at=moment)
        return self._changes_one(claim)

    def confirm(self, subscriber_id: int, *, now: datetime) -> Subscriber | None:
        """Pending becomes confirmed, confirmed stays; None if unknown, unsubscribed or bounced."""
        confirm = _update(subscriber_id, subscribers.c.status == "pending").values(
            status="confirmed", confirmed_at=_aware(now)
        )
        with self._engine.begin() as connection:
            connection.execute(confirm)
            subscriber = _get(connection, subscriber_id)
        return subscriber if subscriber and subscriber.status == "confirmed" else None

    def get(self, subscriber_id: int) -> Subscriber | None:
        with self._engine.connect() as connection:
            return _get(connection, subscriber_id)

    def update_profile(self, subscriber_id: int, profile: dict[str, Any]) -> bool:
        """False if the subscriber is unknown."""
        return self._changes_one(_update(subscriber_id).values(profile=profile))

    def unsubscribe(self, subscriber_id: int, *, now: datetime) -> bool:
        """False if the subscriber is unknown; unsubscribing again changes nothing."""
        leave = _update(subscriber_id, subscribers.c.status != "unsubscribed").values(
            status="unsubscribed", left_at=_aware(now)
        )
        with self._engine.begin() as connection:
            connection.execute(leave)
            return _get(connection, subscriber_id) is not None

    def mark_bounced(self, subscriber_id: int, reason: str, *, now: datetime) -> None:
        """A permanent delivery failure: no more digests until they subscribe again."""
        bounce = _update(subscriber_id).values(
            status="bounced", left_at=_aware(now), failure_reason=reason[:_REASON_LENGTH]
        )
        self._changes_one(bounce)

    def confirmed(
        self, *, batch: int = 500, share: tuple[int, int] | None = None
    ) -> Iterator[Subscriber]:
        """Every confirmed subscriber in id order, read `batch` at a time (id > last id), each
        batch in its own short read, so nothing stays open while the caller works. With
        `share=(k, n)`, only those whose id is k modulo n: one of n workers' part."""
        for page in self._confirmed_pages(batch, share):
            yield from page

    def recipients(
        self, *, sent_since: datetime, batch: int = 500, share: tuple[int, int] | None = None
    ) -> Iterator[Recipient]:
        """`confirmed()`, each with the jobs sent in digests claimed since `sent_since`; read
        a batch at a time too, one query for the batch."""
        for page in self._confirmed_pages(batch, share):
            sent: dict[int, set[str]] = {subscriber.id: set() for subscriber in page}
            history = sa.select(digest_log.c.subscriber_id, digest_log.c.job_ids).where(
                digest_log.c.subscriber_id.between(page[0].id, page[-1].id),
                digest_log.c.claimed_at >= _aware(sent_since),
                _SENT_OR_SENDING,
            )
            with self._engine.connect() as connection:
                for subscriber_id, job_ids in connection.execute(history):
                    if subscriber_id in sent:  # other ids in the range are another share's
                        sent[subscriber_id].update(job_ids)
            yield from (
                Recipient(subscriber, frozenset(sent[subscriber.id])) for subscriber in page
            )

    @contextmanager
    def digest_writer(self, week: str, *, now: datetime) -> Iterator[DigestLogWriter]:
        """A writer of the week's digest log over one connection, ending what it holds back
        when the block ends."""
        with self._engine.connect() as connection:
            writer = DigestLogWriter(connection, self._claim_digest, week, now=now)
            try:
                yield writer
            finally:
                writer.flush()

    def digest_log(self, week: str) -> dict[int, str]:
        """Subscriber id -> how that week's digest stands."""
        columns = (digest_log.c.subscriber_id, digest_log.c.status)
        query = sa.select(*columns).where(digest_log.c.week == week)
        with self._engine.connect() as connection:
            return dict(connection.execute(query).all())

    def counts(self) -> dict[str, int]:
        """Subscribers by status, every status named."""
        query = sa.select(subscribers.c.status, sa.func.count()).group_by(subscribers.c.status)
        with self._engine.connect() as connection:
            counted = dict(connection.execute(query).all())
        return {status: counted.get(status, 0) for status in SUBSCRIBER_STATUSES}

    def _confirmed_pages(
        self, batch: int, share: tuple[int, int] | None
    ) -> Iterator[list[Subscriber]]:
        if batch < 1:
            raise ValueError(f"batch must be at least 1, not {batch}")
        in_share = sa.true() if share is None else subscribers.c.id % share[1] == share[0]
        last_id = 0
        while True:
            page = (
                sa.select(*_SUBSCRIBER_COLUMNS)
                .where(subscribers.c.status == "confirmed", subscribers.c.id > last_id, in_share)
                .order_by(subscribers.c.id)
                .limit(batch)
            )
            with self._engine.connect() as connection:
                rows = [Subscriber(**row) for row in connection.execute(page).mappings()]
            if rows:
                yield rows
            if len(rows) < batch:
                return
            last_id = rows[-1].id

    def _changes_one(self, statement: Update) -> bool:
        with self._engine.begin() as connection:
            return connection.execute(statement).rowcount == 1

    def _insert(self, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT that can say ON CONFLICT DO NOTHING, in this engine's dialect."""
        dialect = sqlite if self._engine.dialect.name == "sqlite" else postgresql
        return dialect.insert(table)


class DigestLogWriter:
    """One run's claims and ends of the week's digests (`SubscriberStore.digest_writer`).

    A claim is committed at once, before the e-mail goes; how a digest ended is committed
    with the next claim, or when the writer is flushed. So a run killed at any moment leaves
    at most one digest 'sending': the one it was sending or had just sent, whose jobs count
    as sent and which is never sent again.
    """

    def __init__(
        self,
        connection: Connection,
        claim: sqlite.Insert | postgresql.Insert,
        week: str,
        *,
        now: datetime,
    ) -> None:
        self._connection = connection
        self._claim = claim
        self._week = week
        self._now = _aware(now)
        self._ended: dict[str, Any] | None = None  # how the last digest ended, not yet written

    def claim(self, subscriber_id: int, job_ids: Sequence[str]) -> bool:
        """Log the week's digest with the jobs it carries, 'sending', or 'nothing' when it
        carries none; False when it was claimed already."""
        claim = {
            "subscriber_id": subscriber_id,
            "week": self._week,
            "status": "sending" if job_ids else "nothing",
            "claimed_at": self._now,
            "finished_at": None if job_ids else self._now,
            "job_ids": list(dict.fromkeys(job_ids)),  # once each, in order
        }
        with self._connection.begin():
            self._write_ended()
            return self._connection.execute(self._claim, claim).first() is not None

    def finish(self, subscriber_id: int, status: str) -> None:
        """Record how a digest claimed as 'sending' ended: 'sent' or 'failed'."""
        if status not in ("sent", "failed"):
            raise ValueError(f"a digest sent ends 'sent' or 'failed', not {status!r}")
        self.flush()
        self._ended = {
            "claimed_id": subscriber_id,
            "claimed_week": self._week,
            "status": status,
            "finished_at": self._now,
        }

    def flush(self) -> None:
        """Write how the last digest ended, if it is held back."""
        if self._ended is not None:
            with self._connection.begin():
                self._write_ended()

    def _write_ended(self) -> None:
        ended, self._ended = self._ended, None
        if ended is not None and self._connection.execute(_FINISH_DIGEST, ended).rowcount == 0:
            raise ValueError(
                f"subscriber {ended['claimed_id']} has no digest sending for {self._week}"
            )


def _connect(url: str) -> sa.Engine:
    database_url = _database_url(url)
    if database_url.get_backend_name() == "postgresql":
        return sa.create_engine(database_url, pool_pre_ping=True)
    if database_url.database and database_url.database != ":memory:":
        Path(database_url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(database_url)
    sa.event.listen(engine, "connect", _tune_sqlite)
    return engine


def _database_url(url: str) -> URL:
    """The URL with `postgresql://` served by psycopg 3; only SQLite and PostgreSQL are known."""
    database_url = sa.make_url(url)
    if database_url.drivername in ("postgresql", "postgres"):
        return database_url.set(drivername="postgresql+psycopg")
    if database_url.get_backend_name() not in ("sqlite", "postgresql"):
        shown = database_url.render_as_string(hide_password=True)
        raise UnsupportedDatabase(f"the subscriber database must be SQLite or PostgreSQL: {shown}")
    return database_url


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; what the posting store uses
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _trimmed_address(email: str) -> str:
    address = email.strip()
    if not address or len(address) > _EMAIL_LENGTH:
        raise ValueError(f"an e-mail address has 1 to {_EMAIL_LENGTH} characters: {email!r}")
    return address


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"a time must be timezone-aware, not {moment.isoformat()}")
    return moment.astimezone(UTC)


def _inserted(connection: Connection, insert: sqlite.Insert | postgresql.Insert) -> bool:
    """Whether an INSERT ... ON CONFLICT DO NOTHING added its row (not every driver counts)."""
    return connection.execute(insert.returning(sa.literal(1))).first() is not None


def _update(subscriber_id: int, *conditions: sa.ColumnElement[bool]) -> Update:
    return sa.update(subscribers).where(subscribers.c.id == subscriber_id, *conditions)


def _get(connection: Connection, subscriber_id: int) -> Subscriber | None:
    query = sa.select(*_SUBSCRIBER_COLUMNS).where(subscribers.c.id == subscriber_id)
    row = connection.execute(query).mappings().one_or_none()
    return None if row is None else Subscriber(**row)
