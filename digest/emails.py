"""The e-mails CoderMatch sends: the confirmation of a subscription, and the weekly digest.

Both have a plain-text and an HTML part, rendered with Jinja2 from `digest/templates`, and
are written as SMTP carries them by `digest.mime`. Only the digest carries `List-Id` and the
one-click unsubscribe headers of RFC 8058; every link is built on the public URL. A digest
run writes thousands, so `DigestWriter` renders each job's card once for the whole run and
each subscriber's digest around the cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, formatdate, make_msgid
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from digest.mime import Email, alternative_email
from digest.selection import DigestContent, Pick
from digest.tokens import Tokens
from indexer.store import Job
from indexer.tag_wording import describe_place, describe_salary


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


def confirmation_email(to: str, subscriber_id: int, *, mail: MailSettings, tokens: Tokens) -> Email:
    """The double opt-in e-mail: one link, which confirms."""
    confirm_url = mail.link("/subscriptions/confirm", token=tokens.make("confirm", subscriber_id))
    context = {"confirm_url": confirm_url, "public_url": mail.public_url}
    return alternative_email(
        mail_from=mail.mail_from,
        to=to,
        subject="Confirm your CoderMatch weekly e-mail",
        headers=[("Date", formatdate(usegmt=True)), ("Message-ID", make_msgid(domain=mail.host))],
        text=_render("confirm.txt", context),
        html=_render("confirm.html", context),
    )


@dataclass(frozen=True)
class _JobCard:
    """A job as every digest of a run shows it: title, employer, place and pay, and its link."""

    text: str
    html: Markup
    url: str


class DigestWriter:
    """Writes one run's digests, each with manage and one-click unsubscribe links."""

    def __init__(self, *, mail: MailSettings, tokens: Tokens, week: str, now: datetime) -> None:
        self._mail = mail
        self._tokens = tokens
        self._week = week
        self._date = format_datetime(now)
        self._match_url = mail.link("/match")
        self._cards: dict[str, _JobCard] = {}  # by job id; a run's jobs are the week's new ones

    def email(self, to: str, subscriber_id: int, content: DigestContent) -> Email:
        """One subscriber's weekly digest."""
        unsubscribe_url = self._mail.link(
            "/subscriptions/unsubscribe", token=self._tokens.make("unsubscribe", subscriber_id)
        )
        manage_url = self._mail.link(
            "/subscriptions/manage", token=self._tokens.make("manage", subscriber_id)
        )
        count = len(content.eligible) + len(content.stretch) + content.more
        context = {
            "content": content,
            "eligible": [self._shown(pick) for pick in content.eligible],
            "stretch": [self._shown(pick) for pick in content.stretch],
            "count": count,
            "week": self._week,
            "match_url": self._match_url,
            "manage_url": manage_url,
            "unsubscribe_url": unsubscribe_url,
        }
        headers = [
            ("Date", self._date),
            ("Message-ID", make_msgid(domain=self._mail.host)),
            ("List-Id", self._mail.list_id),
            ("List-Unsubscribe", f"<{unsubscribe_url}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ]
        return alternative_email(
            mail_from=self._mail.mail_from,
            to=to,
            subject=f"{count} new coding job{'s' if count != 1 else ''} for you this week",
            headers=headers,
            text=_render("digest.txt", context),
            html=_render("digest.html", context),
        )

    def _shown(self, pick: Pick) -> tuple[_JobCard, tuple[str, ...]]:
        card = self._cards.get(pick.job.id)
        if card is None:
            card = self._cards[pick.job.id] = self._card(pick.job)
        return card, pick.reasons

    def _card(self, job: Job) -> _JobCard:
        context = {
            "job": job,
            "url": self._mail.link(f"/jobs/{job.id}"),
            "where": describe_place(job.is_remote, job.place),
            "pay": describe_salary(job.tags.salary) if job.tags.salary else None,
        }
        html = Markup(_render("digest_job.html", context))  # rendered with autoescape
        return _JobCard(_render("digest_job.txt", context), html, str(context["url"]))


def _render(template: str, context: dict[str, Any]) -> str:
    return _templates().get_template(template).render(context)


@cache
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
