"""The e-mails CoderMatch sends: the confirmation of a subscription, and the weekly digest.

Both are multipart (plain text and HTML, rendered with Jinja2 from `digest/templates`). Only
the digest carries `List-Id` and the one-click unsubscribe headers of RFC 8058; every link is
built on the public URL. A header value with a CR or LF is refused (addresses and profiles are
checked for them at the door too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, make_msgid
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from digest.selection import DigestContent
from digest.tokens import Tokens
from indexer.store import Job
from indexer.tag_wording import describe_place, describe_salary

_UTF8 = Charset("utf-8")
_UTF8.body_encoding = QP  # readable in a raw message, unlike base64
# Long headers (the unsubscribe URL) stay on one line, within RFC 5322's limit of 998.
_NO_FOLDING = compat32.clone(max_line_length=998)


@dataclass(frozen=True)
class MailSettings:
    """Who the mail is from and where its links lead (DESIGN.md settings)."""

    mail_from: str
    public_url: str

    @property
    def host(self) -> str:
        return urlsplit(self.public_url).hostname or "localhost"

    @property
    def list_id(self) -> str:
        """RFC 2919: a name, and a dot-atom under the public host."""
        return f"CoderMatch weekly digest <weekly-digest.{self.host}>"

    def link(self, path: str, **query: str) -> str:
        base = self.public_url.rstrip("/")
        return f"{base}{path}?{urlencode(query)}" if query else f"{base}{path}"


def confirmation_email(
    to: str, subscriber_id: int, *, mail: MailSettings, tokens: Tokens
) -> Message:
    """The double opt-in e-mail: one link, which confirms."""
    confirm_url = mail.link("/subscriptions/confirm", token=tokens.make("confirm", subscriber_id))
    context = {"confirm_url": confirm_url, "public_url": mail.public_url}
    return _message(
        to,
        "Confirm your CoderMatch weekly e-mail",
        _render("confirm.txt", context),
        _render("confirm.html", context),
        mail=mail,
    )


def digest_email(
    to: str,
    subscriber_id: int,
    content: DigestContent,
    *,
    week: str,
    now: datetime,
    mail: MailSettings,
    tokens: Tokens,
) -> Message:
    """One subscriber's weekly digest, with manage and one-click unsubscribe links."""
    unsubscribe_url = mail.link(
        "/subscriptions/unsubscribe", token=tokens.make("unsubscribe", subscriber_id)
    )
    manage_url = mail.link("/subscriptions/manage", token=tokens.make("manage", subscriber_id))
    count = len(content.eligible) + len(content.stretch) + content.more
    context = {
        "content": content,
        "count": count,
        "week": week,
        "job_url": lambda job_id: mail.link(f"/jobs/{job_id}"),
        "where": _where,
        "pay": lambda job: describe_salary(job.tags.salary) if job.tags.salary else None,
        "match_url": mail.link("/match"),
        "manage_url": manage_url,
        "unsubscribe_url": unsubscribe_url,
    }
    subject = f"{count} new coding job{'s' if count != 1 else ''} for you this week"
    message = _message(
        to, subject, _render("digest.txt", context), _render("digest.html", context), mail=mail
    )
    message["Date"] = format_datetime(now)
    message["List-Id"] = mail.list_id
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def _message(to: str, subject: str, text: str, html: str, *, mail: MailSettings) -> Message:
    """Plain text and HTML as alternatives, in UTF-8 quoted-printable. Built with the
    standard library's fast (compat32) MIME classes: a digest run writes thousands."""
    message = MIMEMultipart("alternative", policy=_NO_FOLDING)
    for name, value in (("From", mail.mail_from), ("To", to), ("Subject", subject)):
        message[name] = _header(value)
    message["Message-ID"] = make_msgid(domain=mail.host)
    message.attach(_text_part(text, "plain"))
    message.attach(_text_part(html, "html"))
    return message


def _text_part(body: str, subtype: str) -> MIMEText:
    """ASCII as it is (7bit, nothing to encode); anything else in UTF-8 quoted-printable."""
    return MIMEText(body, subtype, "us-ascii" if body.isascii() else _UTF8)


def _header(value: str) -> str | Header:
    """A header value checked for line breaks (no header injection), encoded if not ASCII."""
    if "\r" in value or "\n" in value:
        raise ValueError(f"a line break in a header value: {value!r}")
    return value if value.isascii() else Header(value, "utf-8")


def _where(job: Job) -> str:
    return describe_place(job.is_remote, job.place)


def _render(template: str, context: dict[str, object]) -> str:
    return _templates().get_template(template).render(context)


@cache
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
