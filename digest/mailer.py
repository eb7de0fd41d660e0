"""Delivering e-mail over SMTP, with retries on temporary failures.

A temporary failure (the server unreachable or dropping the connection, a 4xx reply) is
retried after a growing wait; a permanent one (a 5xx reply, a refused recipient) is raised at
once as `DeliveryFailed(permanent=True)`, so the caller marks the subscriber instead of trying
forever. One connection is kept open across messages and opened again when it drops.
"""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass

from digest.mime import Email
from indexer.errors import CoderMatchError

log = logging.getLogger(__name__)

_NO_SMTPUTF8 = "the mail server cannot take an address that is not ASCII (it lacks SMTPUTF8)"


class DeliveryFailed(CoderMatchError):
    """A message that could not be delivered; `permanent` when trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to deliver, and how hard to try (DESIGN.md's SMTP settings)."""

    host: str = "localhost"
    port: int = 1025
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    attempts: int = 4  # tries of one message before a temporary failure counts as failed
    first_wait_s: float = 1.0  # wait before the second try, doubling after each
    max_wait_s: float = 30.0
    timeout_s: float = 30.0


class Mailer:
    """Sends messages through one SMTP server; use as a context manager."""

    def __init__(self, smtp: SmtpSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self._smtp = smtp
        self._sleep = sleep
        self._connection: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def send(self, email: Email) -> None:
        """Deliver one message, or raise `DeliveryFailed` saying whether it is permanent."""
        options = ("SMTPUTF8", "BODY=8BITMIME") if email.smtputf8 else ()
        wait = self._smtp.first_wait_s
        for attempt in range(1, self._smtp.attempts + 1):
            try:
                connection = self._connected()
                if email.smtputf8 and not connection.has_extn("smtputf8"):
                    raise DeliveryFailed(_NO_SMTPUTF8, permanent=True)
                connection.sendmail(email.sender, [email.recipient], email.data, options)
                return
            except smtplib.SMTPRecipientsRefused as error:
                if _is_permanent(error):
                    raise DeliveryFailed(_refusal(error), permanent=True) from None
                problem = _refusal(error)
            except smtplib.SMTPResponseException as error:
                if error.smtp_code >= 500:
                    raise DeliveryFailed(_reply(error), permanent=True) from None
                problem = _reply(error)
            except (smtplib.SMTPException, OSError) as error:
                problem = f"{type(error).__name__}: {error}"
            self.close()
            if attempt == self._smtp.attempts:
                raise DeliveryFailed(f"{problem} ({attempt} tries)", permanent=False)
            log.warning("delivery to %s failed (%s); trying again in %.0f s",
                        email.recipient, problem, wait)  # fmt: skip
            self._sleep(wait)
            wait = min(wait * 2, self._smtp.max_wait_s)

    def close(self) -> None:
        """Say goodbye to the server, if connected."""
        if self._connection is not None:
            try:
                self._connection.quit()
            except (smtplib.SMTPException, OSError):
                self._connection.close()
            self._connection = None

    def _connected(self) -> smtplib.SMTP:
        if self._connection is None:
            connection = smtplib.SMTP(
                self._smtp.host, self._smtp.port, timeout=self._smtp.timeout_s
            )
            if self._smtp.starttls:
                connection.starttls()
            if self._smtp.user:
                connection.login(self._smtp.user, self._smtp.password or "")
            connection.ehlo_or_helo_if_needed()
            self._connection = connection
        return self._connection


def _is_permanent(error: smtplib.SMTPRecipientsRefused) -> bool:
    return all(code >= 500 for code, _ in error.recipients.values())


def _refusal(error: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(
        f"{recipient}: {code} {reply.decode(errors='replace')}"
        for recipient, (code, reply) in error.recipients.items()
    )


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error
    said = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{error.smtp_code} {said}"
