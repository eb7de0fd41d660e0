"""`codermatch digest send` end to end: postings stored as a crawl stores them, subscribers in
the real subscriber store, and every e-mail received by a real SMTP server on loopback.

What each subscriber gets, its headers (RFC 8058, List-Id, both parts), once a week and never
a job twice, failures, and a run killed half-way with SIGKILL then run again.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from codermatch.cli import app as cli
from codermatch.settings import Settings
from codermatch.stores import open_store
from digest.subscribers import SubscriberStore
from indexer.ingest import ingest
from indexer.models import RawPosting
from tests.smtp_sink import SmtpSink

runner = CliRunner()
NOW = datetime.now(UTC)


def _posting(source_id: str, title: str, text: str, location: str = "Austin, TX") -> RawPosting:
    return RawPosting.model_validate(
        {
            "source": "acme",
            "source_id": source_id,
            "url": f"https://careers.acme.example/jobs/{source_id}",
            "title": title,
            "employer": "Acme Health",
            "location": location,
            "text": text,
        }
    )


def _store_postings(*postings: RawPosting, seen_days_ago: float) -> None:
    store = open_store(Settings())
    seen_at = datetime.now(UTC) - timedelta(days=seen_days_ago)
    ingest(list(postings), store, today=seen_at.date(), seen_at=seen_at)
    store.close()


def _subscribe(email: str, **profile: Any) -> int:
    subscribers = SubscriberStore(Settings().database)
    subscriber = subscribers.subscribe(email, profile, now=NOW - timedelta(days=30))
    subscribers.confirm(subscriber.id, now=NOW - timedelta(days=30))
    subscribers.close()
    return subscriber.id


@pytest.fixture
def week_of_jobs(mail: SmtpSink) -> None:
    """Three new jobs in Austin or remote, one old one; three subscribers."""
    _store_postings(
        _posting("new-apprentice", "Medical Coder I",
                 "CPC or CPC-A required. CPC-A accepted. No experience required."),
        _posting("new-silent", "Remote Pro Fee Coder",
                 "CPC required. 1 year of coding experience required. Remote.", "Remote"),
        _posting("new-inpatient", "Inpatient Coder III",
                 "CCS required. 3 years of inpatient coding experience required."),
        seen_days_ago=2,
    )  # fmt: skip
    _store_postings(
        _posting("old-apprentice", "Coding Apprentice",
                 "CPC-A accepted. CPC required. No experience required."),
        seen_days_ago=20,
    )  # fmt: skip
    _subscribe("ana@example.com", credentials=["CPC-A"], experience_years=0, location="Austin, TX")
    _subscribe(
        "ben@example.com", credentials=["CCS"], experience_years=5, location="Round Rock, TX"
    )
    _subscribe("cy@example.com", credentials=["RN"], experience_years=0, location="Denver, CO",
               remote_ok=False)  # fmt: skip


def _send(*arguments: str) -> str:
    result = runner.invoke(cli, ["digest", "send", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout


def _titles(message: Any) -> list[str]:
    text = message.get_body(("plain",)).get_content()
    return re.findall(r"^\* (.+?) - Acme Health\r?$", text, flags=re.MULTILINE)


@pytest.mark.usefixtures("week_of_jobs")
def test_each_subscriber_gets_the_new_jobs_that_fit_them_eligible_first(mail: SmtpSink) -> None:
    said = _send("--week", "2026-W49")
    assert "sent 2, nothing new 1, failed 0" in said
    assert sorted(message["To"] for message in mail.messages) == [
        "ana@example.com",
        "ben@example.com",
    ]
    (ana,) = mail.to("ana@example.com")
    assert _titles(ana) == ["Medical Coder I", "Remote Pro Fee Coder"]
    text = ana.get_body(("plain",)).get_content()
    assert text.index("JOBS YOU CAN GET") < text.index("NEARLY WITHIN REACH")
    assert "does not say whether CPC-A is accepted" in text
    assert "Requires 1 year; you have 0: a stretch" in text
    assert ana["Subject"] == "2 new coding jobs for you this week"
    (ben,) = mail.to("ben@example.com")
    assert _titles(ben) == ["Inpatient Coder III"]
    assert "miles away" in ben.get_body(("plain",)).get_content()


@pytest.mark.usefixtures("week_of_jobs")
def test_a_digest_has_both_parts_list_id_and_one_click_unsubscribe(mail: SmtpSink) -> None:
    _send()
    (ana,) = mail.to("ana@example.com")
    assert ana.get_content_type() == "multipart/alternative"
    assert ana.get_body(("plain",)) is not None
    html = ana.get_body(("html",)).get_content()
    assert "Medical Coder I" in html
    assert ana["List-Id"] == "CoderMatch weekly digest <weekly-digest.codermatch.example>"
    assert ana["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(https://codermatch\.example/subscriptions/unsubscribe\?token=\S+)>",
                               ana["List-Unsubscribe"])  # fmt: skip
    assert unsubscribe
    assert "https://codermatch.example/subscriptions/manage?token=" in html

    with TestClient(create_app(Settings())) as site:
        one_click = site.post(
            unsubscribe.group(1).removeprefix("https://codermatch.example"),
            content="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert one_click.status_code == 200
    subscribers = SubscriberStore(Settings().database)
    assert subscribers.counts()["unsubscribed"] == 1
    subscribers.close()


@pytest.mark.usefixtures("week_of_jobs")
def test_a_week_is_sent_once_and_the_next_week_brings_only_jobs_not_sent(mail: SmtpSink) -> None:
    _send("--week", "2026-W49")
    again = _send("--week", "2026-W49")
    assert "sent 0" in again
    assert "already done this week 3" in again
    assert len(mail.messages) == 2

    _store_postings(
        _posting("later", "Medical Coder II", "CPC-A accepted. CPC required. No experience."),
        seen_days_ago=0,
    )
    next_week = _send("--week", "2026-W50")
    assert "sent 1, nothing new 2" in next_week
    latest = mail.to("ana@example.com")[-1]
    assert _titles(latest) == ["Medical Coder II"]


@pytest.mark.usefixtures("week_of_jobs")
def test_a_dry_run_sends_and_logs_nothing(mail: SmtpSink) -> None:
    said = _send("--dry-run", "--week", "2026-W49")
    assert "would send 2, nothing new 1" in said
    assert mail.messages == []
    assert "sent 2" in _send("--week", "2026-W49")


@pytest.mark.usefixtures("week_of_jobs")
def test_a_refused_address_is_marked_and_a_busy_server_is_tried_again(mail: SmtpSink) -> None:
    mail.refuse["ana@example.com"] = "550 5.1.1 no such mailbox"
    mail.refuse["ben@example.com"] = "451 4.3.0 try again later"
    mail.refuse_times["ben@example.com"] = 1
    said = _send("--week", "2026-W49")
    assert "sent 1, nothing new 1, failed 1" in said
    assert [message["To"] for message in mail.messages] == ["ben@example.com"]
    subscribers = SubscriberStore(Settings().database)
    assert subscribers.counts()["bounced"] == 1
    subscribers.close()
    rerun = _send("--week", "2026-W49")
    assert "already done this week 2" in rerun  # the bounced address gets no more digests
    assert len(mail.messages) == 1


def test_a_bad_week_is_refused_naming_the_option(mail: SmtpSink) -> None:
    result = runner.invoke(cli, ["digest", "send", "--week", "2026-W60"])
    assert result.exit_code == 2
    assert "--week" in result.output


@pytest.fixture
def ten_subscribers(mail: SmtpSink) -> Iterator[list[str]]:
    _store_postings(
        _posting("for-all", "Medical Coder", "No credential required. No experience required."),
        seen_days_ago=1,
    )
    addresses = [f"s{number}@example.com" for number in range(10)]
    for address in addresses:
        _subscribe(address, credentials=["CCA"], experience_years=0)
    return addresses


def test_a_run_killed_half_way_and_run_again_repeats_nobody(
    mail: SmtpSink, ten_subscribers: list[str], clean_environment: Any
) -> None:
    mail.hold_after = 4  # the fifth message is held until the sender has been killed
    child = subprocess.Popen(
        [sys.executable, "-m", "codermatch", "digest", "send", "--week", "2026-W49"],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    mail.wait_for(4, timeout=60)
    time.sleep(0.5)  # the child is now inside the fifth delivery
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    mail.hold_after = None
    mail.released.set()

    again = _send("--week", "2026-W49")
    received = Counter(message["To"] for message in mail.messages)
    assert max(received.values()) == 1  # nobody twice
    assert len(received) == 9  # everyone but the one the killed run was sending to
    assert "sent 5" in again
    assert "already done this week 5" in again
    subscribers = SubscriberStore(Settings().database)
    log = Counter(subscribers.digest_log("2026-W49").values())
    subscribers.close()
    assert log == {"sent": 9, "sending": 1}


def test_workers_share_the_subscribers_and_each_gets_one_digest(
    mail: SmtpSink, ten_subscribers: list[str]
) -> None:
    said = _send("--week", "2026-W49", "--workers", "3")
    assert "sent 10, nothing new 0, failed 0" in said
    received = Counter(message["To"] for message in mail.messages)
    assert sorted(received) == sorted(ten_subscribers)
    assert set(received.values()) == {1}
    assert "already done this week 10" in _send("--week", "2026-W49", "--workers", "2")


def test_words_from_a_posting_are_text_in_the_html_part_never_markup(mail: SmtpSink) -> None:
    hostile = RawPosting.model_validate(
        {
            "source": "acme",
            "source_id": "hostile",
            "url": "https://careers.acme.example/jobs/hostile",
            "title": 'Coder "A" & <b onmouseover=alert(1)>Biller</b>',
            "employer": "Acme <i>Health</i> & Co",
            "location": "Remote",
            "text": "No credential required. No experience required. Remote.",
        }
    )
    _store_postings(hostile, seen_days_ago=1)
    _subscribe("ana@example.com", credentials=["CPC-A"], experience_years=0)

    assert "sent 1" in _send("--week", "2026-W49")
    (ana,) = mail.to("ana@example.com")
    html = ana.get_body(("html",)).get_content()
    assert re.search(r"<(b|i)[ >]", html) is None
    assert "&amp; &lt;b onmouseover=alert(1)&gt;Biller&lt;/b&gt;</a>" in html
    assert "Acme &lt;i&gt;Health&lt;/i&gt; &amp; Co" in html
    text = ana.get_body(("plain",)).get_content()
    assert 'Coder "A" & <b onmouseover=alert(1)>Biller</b> - Acme <i>Health</i> & Co' in text
