"""The mailer against a real SMTP server on loopback: delivery, retries and what is final."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from digest.mailer import DeliveryFailed, Mailer, SmtpSettings
from digest.mime import Email, alternative_email
from tests.smtp_sink import SmtpSink, running_sink


def _email(to: str = "ann@example.com") -> Email:
    return alternative_email(
        mail_from="CoderMatch <digest@codermatch.example>",
        to=to,
        subject="Your weekly jobs",
        headers=[],
        text="Three new jobs.",
        html="<p>Three new jobs.</p>",
    )


def _mailer(port: int, waits: list[float], **settings: Any) -> Mailer:
    return Mailer(SmtpSettings(host="127.0.0.1", port=port, **settings), sleep=waits.append)


def test_messages_are_delivered_over_one_connection(mail: SmtpSink) -> None:
    waits: list[float] = []
    with _mailer(mail.port, waits) as mailer:
        mailer.send(_email("ann@example.com"))
        mailer.send(_email("bob@example.com"))

    assert [message["To"] for message in mail.messages] == ["ann@example.com", "bob@example.com"]
    assert mail.messages[0]["Subject"] == "Your weekly jobs"
    assert waits == []


def test_a_temporary_refusal_is_tried_again_after_a_wait(mail: SmtpSink) -> None:
    mail.refuse["ann@example.com"] = "451 4.3.0 try later"
    mail.refuse_times["ann@example.com"] = 2
    waits: list[float] = []

    with _mailer(mail.port, waits, first_wait_s=1.0) as mailer:
        mailer.send(_email())

    assert len(mail.messages) == 1
    assert waits == [1.0, 2.0]


def test_a_permanent_refusal_is_final_at_once(mail: SmtpSink) -> None:
    mail.refuse["ann@example.com"] = "550 5.1.1 no such user"
    waits: list[float] = []

    with _mailer(mail.port, waits) as mailer, pytest.raises(DeliveryFailed) as failed:
        mailer.send(_email())

    assert failed.value.permanent is True
    assert "550" in str(failed.value)
    assert waits == []
    assert mail.messages == []


def test_a_server_that_cannot_be_reached_fails_for_now_after_every_try() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    waits: list[float] = []

    with pytest.raises(DeliveryFailed, match="4 tries") as failed:
        _mailer(port, waits, attempts=4, first_wait_s=1.0, max_wait_s=3.0).send(_email())

    assert failed.value.permanent is False
    assert waits == [1.0, 2.0, 3.0]


def test_an_address_that_is_not_ascii_needs_a_server_with_smtputf8() -> None:
    waits: list[float] = []
    with (
        running_sink(enable_SMTPUTF8=False) as sink,
        _mailer(sink.port, waits) as mailer,
        pytest.raises(DeliveryFailed, match="SMTPUTF8") as failed,
    ):
        mailer.send(_email("josé@ejemplo.example"))

    assert failed.value.permanent is True
    assert sink.messages == []


def test_a_server_with_smtputf8_takes_an_address_that_is_not_ascii() -> None:
    # aiosmtpd's controller offers SMTPUTF8 unless told not to
    waits: list[float] = []
    with running_sink() as sink, _mailer(sink.port, waits) as mailer:
        mailer.send(_email("josé@ejemplo.example"))

        assert [message["To"] for message in sink.messages] == ["josé@ejemplo.example"]
