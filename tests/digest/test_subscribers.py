"""The subscriber store's rules, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from digest.subscribers import SUBSCRIBER_STATUSES, SubscriberStore, UnsupportedDatabase

NOW = datetime(2025, 6, 2, 7, 0, tzinfo=UTC)
WEEK = "2025-W23"
PROFILE = {"credentials": ["CPC"], "experience_years": 2, "location": "Austin, TX"}
OTHER_PROFILE = {"credentials": ["CCS", "RHIT"], "experience_years": 5, "remote_only": True}

OpenStore = Callable[[], SubscriberStore]


def _confirmed_subscriber(store: SubscriberStore, email: str = "ann@example.com") -> int:
    subscriber = store.subscribe(email, PROFILE, now=NOW)
    assert store.confirm(subscriber.id, now=NOW) is not None
    return subscriber.id


def _failure_reason(database_url: str, subscriber_id: int) -> str | None:
    url = sa.make_url(database_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    engine = sa.create_engine(url)
    query = sa.text("SELECT failure_reason FROM subscribers WHERE id = :id")
    try:
        with engine.connect() as connection:
            return connection.execute(query, {"id": subscriber_id}).scalar_one()
    finally:
        engine.dispose()


@contextmanager
def _subscriber_reads() -> Iterator[list[str]]:
    """The statements any engine runs against the subscribers table meanwhile."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM subscribers" in statement:
            statements.append(statement)

    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)


def _race(count: int, attempt: Callable[[int], bool]) -> list[bool]:
    """Runs `attempt(0)` ... `attempt(count - 1)` in threads released at once; their answers."""
    start = threading.Barrier(count)

    def run(index: int) -> bool:
        start.wait(timeout=10)
        return attempt(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


# subscribe


def test_a_new_address_becomes_a_pending_subscriber(store: SubscriberStore) -> None:
    subscriber = store.subscribe("  Ann.Lee@Example.com \n", PROFILE, now=NOW)

    assert subscriber.email == "Ann.Lee@Example.com"
    assert subscriber.profile == PROFILE
    assert subscriber.status == "pending"
    assert subscriber.created_at == NOW
    assert subscriber.confirmed_at is None
    assert subscriber.last_digest_at is None
    assert store.get(subscriber.id) == subscriber


def test_a_second_request_while_pending_replaces_the_profile(store: SubscriberStore) -> None:
    first = store.subscribe("ann@example.com", PROFILE, now=NOW)
    second = store.subscribe("ann@example.com", OTHER_PROFILE, now=NOW + timedelta(days=1))

    assert second.id == first.id
    assert second.profile == OTHER_PROFILE
    assert second.status == "pending"
    assert second.created_at == NOW


def test_the_same_address_in_other_letter_case_is_the_same_subscriber(
    store: SubscriberStore,
) -> None:
    first = store.subscribe("Ann@Example.COM", PROFILE, now=NOW)
    second = store.subscribe("ann@example.com", OTHER_PROFILE, now=NOW)

    assert second.id == first.id
    assert store.counts()["pending"] == 1


def test_different_addresses_are_different_subscribers(store: SubscriberStore) -> None:
    ann = store.subscribe("ann@example.com", PROFILE, now=NOW)
    bob = store.subscribe("bob@example.com", PROFILE, now=NOW)

    assert ann.id != bob.id
    assert store.counts()["pending"] == 2


def test_a_request_for_a_confirmed_address_changes_nothing(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store, "ann@example.com")
    before = store.get(subscriber_id)

    again = store.subscribe("ANN@example.com", OTHER_PROFILE, now=NOW + timedelta(days=3))

    assert again == before
    assert store.get(subscriber_id) == before


@pytest.mark.parametrize("leave", ["unsubscribe", "mark_bounced"])
def test_an_address_that_left_and_asks_again_is_pending_with_the_new_profile(
    store: SubscriberStore, leave: str
) -> None:
    subscriber_id = _confirmed_subscriber(store)
    if leave == "unsubscribe":
        store.unsubscribe(subscriber_id, now=NOW)
    else:
        store.mark_bounced(subscriber_id, "550 no such user", now=NOW)

    again = store.subscribe("ann@example.com", OTHER_PROFILE, now=NOW + timedelta(days=7))

    assert again.id == subscriber_id
    assert again.status == "pending"
    assert again.profile == OTHER_PROFILE
    assert again.confirmed_at is None


@pytest.mark.parametrize("email", ["", "   ", "a" * 310 + "@example.com"])
def test_an_empty_or_overlong_address_is_refused(store: SubscriberStore, email: str) -> None:
    with pytest.raises(ValueError, match="e-mail address"):
        store.subscribe(email, PROFILE, now=NOW)


# claim_confirmation


def test_the_first_confirmation_email_may_be_sent(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)

    assert store.claim_confirmation(subscriber.id, now=NOW) is True


def test_a_second_confirmation_email_within_the_hour_is_refused(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    store.claim_confirmation(subscriber.id, now=NOW)

    assert store.claim_confirmation(subscriber.id, now=NOW) is False
    assert store.claim_confirmation(subscriber.id, now=NOW + timedelta(minutes=59)) is False


def test_a_confirmation_email_may_go_again_once_the_hour_is_over(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    store.claim_confirmation(subscriber.id, now=NOW)
    an_hour_later = NOW + timedelta(hours=1)

    assert store.claim_confirmation(subscriber.id, now=an_hour_later) is True
    assert (
        store.claim_confirmation(subscriber.id, now=an_hour_later + timedelta(minutes=30)) is False
    )


def test_the_confirmation_interval_can_be_chosen(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    every = timedelta(minutes=5)
    store.claim_confirmation(subscriber.id, now=NOW, every=every)

    assert (
        store.claim_confirmation(subscriber.id, now=NOW + timedelta(minutes=4), every=every)
        is False
    )
    assert (
        store.claim_confirmation(subscriber.id, now=NOW + timedelta(minutes=5), every=every) is True
    )


def test_a_confirmation_email_for_an_unknown_subscriber_is_refused(store: SubscriberStore) -> None:
    assert store.claim_confirmation(404, now=NOW) is False


def test_a_confirmation_claimed_through_another_store_counts(open_store: OpenStore) -> None:
    first, second = open_store(), open_store()
    subscriber = first.subscribe("ann@example.com", PROFILE, now=NOW)
    first.claim_confirmation(subscriber.id, now=NOW)

    assert second.claim_confirmation(subscriber.id, now=NOW + timedelta(minutes=1)) is False


def test_racing_confirmation_requests_send_one_email(open_store: OpenStore) -> None:
    stores = [open_store() for _ in range(6)]
    subscriber = stores[0].subscribe("ann@example.com", PROFILE, now=NOW)

    answers = _race(6, lambda index: stores[index].claim_confirmation(subscriber.id, now=NOW))

    assert answers.count(True) == 1


# confirm


def test_confirming_a_pending_subscriber_records_when(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    later = NOW + timedelta(minutes=10)

    confirmed = store.confirm(subscriber.id, now=later)

    assert confirmed is not None
    assert confirmed.status == "confirmed"
    assert confirmed.confirmed_at == later
    assert store.get(subscriber.id) == confirmed


def test_confirming_again_keeps_the_first_confirmation(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    first = store.confirm(subscriber.id, now=NOW)

    again = store.confirm(subscriber.id, now=NOW + timedelta(days=2))

    assert again == first


def test_an_unknown_subscriber_cannot_confirm(store: SubscriberStore) -> None:
    assert store.confirm(404, now=NOW) is None


@pytest.mark.parametrize(
    ("leave", "status"), [("unsubscribe", "unsubscribed"), ("mark_bounced", "bounced")]
)
def test_a_subscriber_who_left_cannot_confirm(
    store: SubscriberStore, leave: str, status: str
) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    if leave == "unsubscribe":
        store.unsubscribe(subscriber.id, now=NOW)
    else:
        store.mark_bounced(subscriber.id, "550 mailbox unavailable", now=NOW)

    assert store.confirm(subscriber.id, now=NOW) is None
    stored = store.get(subscriber.id)
    assert stored is not None
    assert stored.status == status


# get, update_profile


def test_an_unknown_subscriber_is_none(store: SubscriberStore) -> None:
    assert store.get(404) is None


def test_updating_the_profile_replaces_it(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)

    assert store.update_profile(subscriber_id, OTHER_PROFILE) is True
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.profile == OTHER_PROFILE
    assert stored.status == "confirmed"


def test_updating_the_profile_of_an_unknown_subscriber_is_refused(store: SubscriberStore) -> None:
    assert store.update_profile(404, OTHER_PROFILE) is False


# unsubscribe, mark_bounced


def test_unsubscribing_is_idempotent(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)

    assert store.unsubscribe(subscriber_id, now=NOW) is True
    assert store.unsubscribe(subscriber_id, now=NOW + timedelta(days=1)) is True
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.status == "unsubscribed"
    assert store.counts()["unsubscribed"] == 1


def test_unsubscribing_an_unknown_subscriber_is_refused(store: SubscriberStore) -> None:
    assert store.unsubscribe(404, now=NOW) is False


def test_a_bounced_subscriber_gets_no_more_digests_and_the_reason_is_kept(
    store: SubscriberStore, database_url: str
) -> None:
    subscriber_id = _confirmed_subscriber(store)

    store.mark_bounced(subscriber_id, "550 5.1.1 no such user", now=NOW)

    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.status == "bounced"
    assert list(store.confirmed()) == []
    assert _failure_reason(database_url, subscriber_id) == "550 5.1.1 no such user"


def test_a_long_bounce_reason_is_cut_to_fit(store: SubscriberStore, database_url: str) -> None:
    subscriber_id = _confirmed_subscriber(store)

    store.mark_bounced(subscriber_id, "5" * 5000, now=NOW)

    assert _failure_reason(database_url, subscriber_id) == "5" * 1000


# confirmed


def test_confirmed_streams_every_confirmed_subscriber_in_id_order_a_batch_at_a_time(
    store: SubscriberStore,
) -> None:
    confirmed_ids = []
    for number in range(1_203):
        subscriber_id = _confirmed_subscriber(store, f"coder{number}@example.com")
        confirmed_ids.append(subscriber_id)
        if number % 100 == 0:  # someone who never confirmed, unsubscribed or bounced
            pending = store.subscribe(f"pending{number}@example.com", PROFILE, now=NOW)
            left = store.subscribe(f"left{number}@example.com", PROFILE, now=NOW)
            store.unsubscribe(_confirmed_subscriber(store, f"gone{number}@example.com"), now=NOW)
            store.mark_bounced(left.id, "550", now=NOW)
            assert pending.status == "pending"

    with _subscriber_reads() as reads:
        streamed = [subscriber.id for subscriber in store.confirmed(batch=500)]

    assert streamed == confirmed_ids
    assert len(reads) == 3
    assert all("id >" in read for read in reads)


def test_workers_shares_of_the_confirmed_subscribers_cover_them_once(
    store: SubscriberStore,
) -> None:
    confirmed_ids = [_confirmed_subscriber(store, f"coder{n}@example.com") for n in range(11)]
    shares = [[s.id for s in store.confirmed(share=(k, 3), batch=2)] for k in range(3)]
    assert sorted(id_ for share in shares for id_ in share) == confirmed_ids
    for k, share in enumerate(shares):
        assert share
        assert all(subscriber_id % 3 == k for subscriber_id in share)


def test_confirmed_reads_each_batch_afresh(store: SubscriberStore) -> None:
    for number in range(4):
        _confirmed_subscriber(store, f"coder{number}@example.com")
    stream = store.confirmed(batch=2)
    first_batch = [next(stream).id, next(stream).id]

    newcomer = _confirmed_subscriber(store, "newcomer@example.com")  # while the stream is paused

    rest = [subscriber.id for subscriber in stream]
    assert len(first_batch) + len(rest) == 5
    assert rest[-1] == newcomer


def test_confirmed_is_empty_without_confirmed_subscribers(store: SubscriberStore) -> None:
    store.subscribe("ann@example.com", PROFILE, now=NOW)

    assert list(store.confirmed()) == []


def test_a_batch_must_hold_someone(store: SubscriberStore) -> None:
    with pytest.raises(ValueError, match="batch"):
        list(store.confirmed(batch=0))


# the digest log: claims


def _claim(
    store: SubscriberStore,
    subscriber_id: int,
    week: str = WEEK,
    *,
    job_ids: Sequence[str] = ("j1",),
    now: datetime = NOW,
) -> bool:
    with store.digest_writer(week, now=now) as digest_log:
        return digest_log.claim(subscriber_id, job_ids)


def _finish(
    store: SubscriberStore, subscriber_id: int, status: str, week: str = WEEK, now: datetime = NOW
) -> None:
    with store.digest_writer(week, now=now) as digest_log:
        digest_log.finish(subscriber_id, status)


def _sent_job_ids(store: SubscriberStore, subscriber_id: int, since: datetime = NOW) -> set[str]:
    (recipient,) = [
        recipient
        for recipient in store.recipients(sent_since=since)
        if recipient.subscriber.id == subscriber_id
    ]
    return set(recipient.sent_job_ids)


def test_the_first_claim_for_a_week_is_granted_and_logged_as_sending(
    store: SubscriberStore,
) -> None:
    subscriber_id = _confirmed_subscriber(store)

    assert _claim(store, subscriber_id) is True
    assert store.digest_log(WEEK) == {subscriber_id: "sending"}


def test_a_second_claim_for_the_same_week_is_refused_and_keeps_the_first(
    store: SubscriberStore,
) -> None:
    subscriber_id = _confirmed_subscriber(store)
    _claim(store, subscriber_id, job_ids=["j1"])

    assert _claim(store, subscriber_id, job_ids=["j2"], now=NOW + timedelta(hours=2)) is False
    assert _sent_job_ids(store, subscriber_id) == {"j1"}


def test_a_claim_through_another_store_on_the_same_database_is_refused(
    open_store: OpenStore,
) -> None:
    first, second = open_store(), open_store()
    subscriber_id = _confirmed_subscriber(first)
    _claim(first, subscriber_id)

    assert _claim(second, subscriber_id) is False


def test_each_subscriber_and_each_week_is_claimed_on_its_own(store: SubscriberStore) -> None:
    ann = _confirmed_subscriber(store, "ann@example.com")
    bob = _confirmed_subscriber(store, "bob@example.com")
    _claim(store, ann)

    assert _claim(store, bob) is True
    assert _claim(store, ann, "2025-W24", now=NOW + timedelta(weeks=1)) is True
    assert store.digest_log(WEEK) == {ann: "sending", bob: "sending"}
    assert store.digest_log("2025-W24") == {ann: "sending"}


def test_racing_digest_claims_grant_exactly_one(open_store: OpenStore) -> None:
    stores = [open_store() for _ in range(6)]
    subscriber_id = _confirmed_subscriber(stores[0])

    answers = _race(6, lambda index: _claim(stores[index], subscriber_id))

    assert answers.count(True) == 1


# the digest log: how digests ended, and each subscriber's history


def test_a_sent_digest_records_its_jobs_and_when_it_was_sent(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)
    _claim(store, subscriber_id, job_ids=["j1", "j2"])

    _finish(store, subscriber_id, "sent", now=NOW + timedelta(minutes=3))

    assert _sent_job_ids(store, subscriber_id) == {"j1", "j2"}
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.last_digest_at == NOW  # the claim's time: the jobs it looked at
    assert store.digest_log(WEEK) == {subscriber_id: "sent"}


def test_a_digest_left_sending_counts_as_sent(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)

    _claim(store, subscriber_id, job_ids=["j1"])  # and the run was killed while sending

    assert _sent_job_ids(store, subscriber_id) == {"j1"}
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.last_digest_at == NOW


def test_a_digest_with_nothing_new_is_logged_so_by_its_claim(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)

    assert _claim(store, subscriber_id, job_ids=[]) is True

    assert store.digest_log(WEEK) == {subscriber_id: "nothing"}
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.last_digest_at is None
    assert _claim(store, subscriber_id, job_ids=["j1"]) is False  # the week is done


def test_a_failed_digest_records_no_jobs_and_no_send_time(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)
    _claim(store, subscriber_id, job_ids=["j1"])

    _finish(store, subscriber_id, "failed")

    assert _sent_job_ids(store, subscriber_id) == set()
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.last_digest_at is None
    assert store.digest_log(WEEK) == {subscriber_id: "failed"}


def test_an_ending_is_written_with_the_next_claim_or_when_the_writer_ends(
    store: SubscriberStore,
) -> None:
    ann = _confirmed_subscriber(store, "ann@example.com")
    bob = _confirmed_subscriber(store, "bob@example.com")
    with store.digest_writer(WEEK, now=NOW) as digest_log:
        digest_log.claim(ann, ["j1"])
        digest_log.finish(ann, "sent")
        assert store.digest_log(WEEK) == {ann: "sending"}  # held back: one commit a subscriber

        digest_log.claim(bob, ["j1"])
        assert store.digest_log(WEEK) == {ann: "sent", bob: "sending"}

        digest_log.finish(bob, "failed")
    assert store.digest_log(WEEK) == {ann: "sent", bob: "failed"}


def test_jobs_sent_in_earlier_weeks_are_kept_and_a_job_sent_again_is_no_error(
    store: SubscriberStore,
) -> None:
    subscriber_id = _confirmed_subscriber(store)
    next_week = NOW + timedelta(weeks=1)
    _claim(store, subscriber_id, job_ids=["j1", "j2"])
    _finish(store, subscriber_id, "sent")

    _claim(store, subscriber_id, "2025-W24", job_ids=["j2", "j3", "j3"], now=next_week)
    _finish(store, subscriber_id, "sent", "2025-W24", next_week)

    assert _sent_job_ids(store, subscriber_id) == {"j1", "j2", "j3"}
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.last_digest_at == next_week


def test_recipients_hear_of_the_jobs_sent_since_a_time_only(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)
    next_week = NOW + timedelta(weeks=1)
    _claim(store, subscriber_id, job_ids=["j1"])
    _claim(store, subscriber_id, "2025-W24", job_ids=["j2"], now=next_week)

    assert _sent_job_ids(store, subscriber_id, since=next_week) == {"j2"}
    stored = store.get(subscriber_id)
    assert stored is not None
    assert stored.last_digest_at == next_week  # the last digest, however long ago


def test_sent_jobs_belong_to_their_subscriber(store: SubscriberStore) -> None:
    ann = _confirmed_subscriber(store, "ann@example.com")
    bob = _confirmed_subscriber(store, "bob@example.com")
    _claim(store, ann, job_ids=["j1"])

    _finish(store, ann, "sent")

    assert _sent_job_ids(store, bob) == set()


def test_recipients_stream_a_share_a_batch_at_a_time_with_each_ones_sent_jobs(
    store: SubscriberStore,
) -> None:
    confirmed_ids = [_confirmed_subscriber(store, f"coder{n}@example.com") for n in range(9)]
    for subscriber_id in confirmed_ids:
        _claim(store, subscriber_id, job_ids=[f"for-{subscriber_id}"])

    with _subscriber_reads() as reads:
        share = list(store.recipients(sent_since=NOW, share=(1, 2), batch=2))

    assert [recipient.subscriber.id for recipient in share] == [
        subscriber_id for subscriber_id in confirmed_ids if subscriber_id % 2 == 1
    ]
    assert all(recipient.sent_job_ids == {f"for-{recipient.subscriber.id}"} for recipient in share)
    assert len(reads) == 3


def test_a_digest_cannot_finish_as_an_unknown_status(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)
    _claim(store, subscriber_id)

    for status in ("sending", "nothing", "lost"):
        with pytest.raises(ValueError, match=f"'sent' or 'failed', not '{status}'"):
            _finish(store, subscriber_id, status)
    assert store.digest_log(WEEK) == {subscriber_id: "sending"}


def test_a_digest_that_was_never_claimed_cannot_finish(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)

    with pytest.raises(ValueError, match="no digest sending"):
        _finish(store, subscriber_id, "sent")
    assert store.digest_log(WEEK) == {}


def test_a_digest_finishes_once(store: SubscriberStore) -> None:
    subscriber_id = _confirmed_subscriber(store)
    _claim(store, subscriber_id)
    _finish(store, subscriber_id, "sent")

    with pytest.raises(ValueError, match="no digest sending"):
        _finish(store, subscriber_id, "failed")
    assert store.digest_log(WEEK) == {subscriber_id: "sent"}


def test_the_digest_log_of_a_week_without_digests_is_empty(store: SubscriberStore) -> None:
    assert store.digest_log(WEEK) == {}


# counts


def test_counts_name_every_status(store: SubscriberStore) -> None:
    assert store.counts() == dict.fromkeys(SUBSCRIBER_STATUSES, 0)


def test_counts_tell_subscribers_by_status(store: SubscriberStore) -> None:
    store.subscribe("pending@example.com", PROFILE, now=NOW)
    _confirmed_subscriber(store, "ann@example.com")
    _confirmed_subscriber(store, "bob@example.com")
    store.unsubscribe(_confirmed_subscriber(store, "cy@example.com"), now=NOW)
    store.mark_bounced(_confirmed_subscriber(store, "di@example.com"), "550", now=NOW)

    assert store.counts() == {"pending": 1, "confirmed": 2, "unsubscribed": 1, "bounced": 1}


# times, schema, URLs


def test_times_come_back_timezone_aware_in_utc(store: SubscriberStore) -> None:
    new_york = timezone(timedelta(hours=-4))
    local_now = datetime(2025, 6, 2, 3, 0, tzinfo=new_york)  # 07:00 UTC
    subscriber = store.subscribe("ann@example.com", PROFILE, now=local_now)
    store.confirm(subscriber.id, now=local_now)
    _claim(store, subscriber.id, now=local_now)
    _finish(store, subscriber.id, "sent", now=local_now)

    stored = store.get(subscriber.id)

    assert stored is not None
    for moment in (stored.created_at, stored.confirmed_at, stored.last_digest_at):
        assert moment is not None
        assert moment == NOW
        assert moment.utcoffset() == timedelta(0)


def test_a_confirmation_hour_spans_time_zones(store: SubscriberStore) -> None:
    subscriber = store.subscribe("ann@example.com", PROFILE, now=NOW)
    store.claim_confirmation(subscriber.id, now=NOW)
    half_an_hour_later_in_paris = (NOW + timedelta(minutes=30)).astimezone(
        timezone(timedelta(hours=2))
    )

    assert store.claim_confirmation(subscriber.id, now=half_an_hour_later_in_paris) is False


def test_a_naive_time_is_refused(store: SubscriberStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.subscribe("ann@example.com", PROFILE, now=NOW.replace(tzinfo=None))
    assert store.counts()["pending"] == 0


def test_the_data_outlives_the_store_and_opening_again_keeps_it(open_store: OpenStore) -> None:
    first = open_store()
    subscriber_id = _confirmed_subscriber(first)
    _claim(first, subscriber_id)
    first.close()

    again = open_store()

    stored = again.get(subscriber_id)
    assert stored is not None
    assert stored.status == "confirmed"
    assert again.digest_log(WEEK) == {subscriber_id: "sending"}


def test_the_sqlite_file_is_in_wal_mode_in_a_folder_made_for_it(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "codermatch.db"
    store = SubscriberStore(f"sqlite:///{path}")
    store.subscribe("ann@example.com", PROFILE, now=NOW)
    store.close()

    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_other_than_sqlite_or_postgresql_is_refused_without_its_password() -> None:
    with pytest.raises(UnsupportedDatabase, match="mysql://") as refused:
        SubscriberStore("mysql://user:s3cret@localhost/codermatch")
    assert "s3cret" not in str(refused.value)


# a database made by an earlier CoderMatch


def _earlier_schema() -> sa.MetaData:
    """The tables as CoderMatch made them before the digest log held its jobs."""
    earlier = sa.MetaData()
    sa.Table(
        "subscribers",
        earlier,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_key", sa.String(320), nullable=False, unique=True),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
        sa.Column("last_confirmation_at", sa.DateTime(timezone=True)),
        sa.Column("last_digest_at", sa.DateTime(timezone=True)),
        sa.Column("left_at", sa.DateTime(timezone=True)),
        sa.Column("failure_reason", sa.String(1000)),
    )
    sa.Table(
        "digest_log",
        earlier,
        sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), primary_key=True),
        sa.Column("week", sa.String(16), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    sa.Table(
        "sent_jobs",
        earlier,
        sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), primary_key=True),
        sa.Column("job_id", sa.String(64), primary_key=True),
        sa.Column("week", sa.String(16), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    return earlier


def test_a_database_from_an_earlier_codermatch_keeps_what_was_sent(database_url: str) -> None:
    url = sa.make_url(database_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    else:
        Path(str(url.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    earlier = _earlier_schema()
    earlier.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            earlier.tables["subscribers"].insert(),
            {"id": 7, "email": "ann@example.com", "email_key": "ann@example.com",
             "profile": PROFILE, "status": "confirmed", "created_at": NOW, "confirmed_at": NOW},
        )  # fmt: skip
        connection.execute(
            earlier.tables["digest_log"].insert(),
            [{"subscriber_id": 7, "week": WEEK, "status": "sent", "claimed_at": NOW},
             {"subscriber_id": 7, "week": "2025-W24", "status": "nothing", "claimed_at": NOW}],
        )  # fmt: skip
        connection.execute(
            earlier.tables["sent_jobs"].insert(),
            [{"subscriber_id": 7, "job_id": job_id, "week": WEEK, "sent_at": NOW}
             for job_id in ("j1", "j2")],
        )  # fmt: skip
    engine.dispose()

    store = SubscriberStore(database_url)
    again = SubscriberStore(database_url)  # opening an upgraded database changes nothing

    assert _sent_job_ids(again, 7) == {"j1", "j2"}
    assert again.digest_log(WEEK) == {7: "sent"}
    assert again.digest_log("2025-W24") == {7: "nothing"}
    stored = again.get(7)
    assert stored is not None
    assert stored.last_digest_at == NOW
    assert _claim(again, 7, "2025-W25", job_ids=["j3"]) is True
    store.close()
    again.close()
