"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the digest tests.

`refuse` makes it answer a recipient with a reply code (a 550 is permanent, a 451 temporary);
`hold_after` makes it stop answering after that many messages, so a test can kill a sender
in the middle of a delivery.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class SmtpSink:
    """Receives messages; `messages` holds each as a parsed `EmailMessage`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = 0  # set once its server listens
        self.refuse: dict[str, str] = {}  # recipient -> SMTP reply, e.g. "550 no such user"
        self.refuse_times: dict[str, int] = {}  # recipient -> how many times to refuse
        self.hold_after: int | None = None
        self.released = threading.Event()
        self.received = threading.Condition()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        reply = self.refuse.get(address)
        if reply and self.refuse_times.get(address, 1) > 0:
            self.refuse_times[address] = self.refuse_times.get(address, 1) - 1
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.released.wait(timeout=30)
            return "451 held by the test"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.received:
            self.messages.append(message)  # type: ignore[arg-type]
            self.received.notify_all()
        return "250 Message accepted"

    def wait_for(self, count: int, timeout: float = 10) -> None:
        """Block until `count` messages have arrived."""
        with self.received:
            assert self.received.wait_for(lambda: len(self.messages) >= count, timeout), (
                f"{len(self.messages)} of {count} messages arrived"
            )

    def wait_for_mail_to(self, address: str, timeout: float = 10) -> None:
        """Block until a message to `address` has arrived."""
        with self.received:
            assert self.received.wait_for(lambda: bool(self.to(address)), timeout), (
                f"no message to {address} arrived"
            )

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]


@contextmanager
def running_sink(**smtp_options: Any) -> Iterator[SmtpSink]:
    """A sink listening on a free port of 127.0.0.1 (`sink.port`), with aiosmtpd's server
    options (`enable_SMTPUTF8=True`, ...)."""
    sink = SmtpSink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        sink.port = int(probe.getsockname()[1])
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port, **smtp_options)
    controller.start()
    try:
        yield sink
    finally:
        sink.released.set()
        controller.stop()


@pytest.fixture
def smtp_sink() -> Iterator[tuple[SmtpSink, int]]:
    """The sink and its port on 127.0.0.1."""
    with running_sink() as sink:
        yield sink, sink.port


@pytest.fixture
def mail(smtp_sink: tuple[SmtpSink, int], monkeypatch: pytest.MonkeyPatch) -> SmtpSink:
    """The sink, with the settings pointing CoderMatch's mail at it and its links at
    https://codermatch.example."""
    sink, port = smtp_sink
    monkeypatch.setenv("CODERMATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CODERMATCH_SMTP_PORT", str(port))
    monkeypatch.setenv("CODERMATCH_PUBLIC_URL", "https://codermatch.example")
    return sink
