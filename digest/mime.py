"""An e-mail as SMTP carries it: headers, then plain text and HTML as alternatives (RFC 2046).

Written here rather than through `email.message`, whose generator cost more than the rest of
a digest run put together. A part in ASCII, in lines SMTP can carry, goes as it is (7bit);
any other in UTF-8 quoted-printable (binascii). A subject or a name that is not ASCII goes in
encoded words (email.header). A header value with a line break is refused, so nothing a
subscriber typed can add a header. An address that is not ASCII is written as UTF-8 and
needs a server that speaks SMTPUTF8 (RFC 6531).
"""

from __future__ import annotations

import re
import secrets
from binascii import b2a_qp
from collections.abc import Sequence
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, parseaddr
from functools import lru_cache

_BARE_ADDRESS = re.compile(r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+")
_LINE_END = "\r\n"
_LONGEST_LINE = 998  # RFC 5322, without the line end


@dataclass(frozen=True)
class Email:
    """A message ready to send: the envelope's two addresses and the message itself."""

    sender: str  # the address alone, for MAIL FROM
    recipient: str  # the address alone, for RCPT TO
    data: bytes  # headers and body, CRLF line ends
    smtputf8: bool  # an address is not ASCII: only a server with SMTPUTF8 can take it


def alternative_email(
    *,
    mail_from: str,
    to: str,
    subject: str,
    headers: Sequence[tuple[str, str]],
    text: str,
    html: str,
) -> Email:
    """A multipart/alternative message of `text` then `html`, from, to and about `subject`,
    with `headers` (ASCII values) after those."""
    given = [("From", mail_from), ("To", to), ("Subject", subject), *headers]
    for name, value in given:
        if "\r" in value or "\n" in value:
            raise ValueError(f"a line break in the {name} header: {value!r}")
    for name, value in headers:
        if not value.isascii():
            raise ValueError(f"the {name} header must be ASCII: {value!r}")
    (from_header, sender), (to_header, recipient) = _mailbox(mail_from), _mailbox(to)
    if not sender or not recipient:
        raise ValueError(f"an e-mail needs a sender and a recipient: {mail_from!r} to {to!r}")
    # Random, so no text can hold it; "=_" never starts a quoted-printable line either.
    boundary = f"=_{secrets.token_hex(16)}"
    lines = [
        _header("From", from_header),
        _header("To", to_header),
        _header("Subject", _words(subject)),
        *(_header(name, value) for name, value in headers),
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
        "",
        *_part(boundary, "text/plain", text),
        *_part(boundary, "text/html", html),
        f"--{boundary}--",
        "",
    ]
    smtputf8 = not (sender.isascii() and recipient.isascii())
    return Email(sender, recipient, _LINE_END.join(lines).encode(), smtputf8)


def _part(boundary: str, content_type: str, body: str) -> list[str]:
    """ASCII in lines SMTP can carry goes as it is (7bit); anything else in quoted-printable."""
    lines = body.replace("\r\n", "\n")
    if lines.isascii() and "\r" not in lines and max(map(len, lines.split("\n"))) <= _LONGEST_LINE:
        encoding, encoded = "7bit", lines
    else:
        encoding, encoded = "quoted-printable", b2a_qp(lines.encode(), istext=True).decode()
    return [
        f"--{boundary}",
        f'Content-Type: {content_type}; charset="{"us-ascii" if encoding == "7bit" else "utf-8"}"',
        f"Content-Transfer-Encoding: {encoding}",
        "",
        encoded.replace("\n", _LINE_END),
    ]


def _header(name: str, value: str) -> str:
    line = f"{name}: {value}"
    if len(line.encode()) > _LONGEST_LINE:
        raise ValueError(f"the {name} header is longer than {_LONGEST_LINE} bytes")
    return line


def _mailbox(value: str) -> tuple[str, str]:
    """An address header's value and the address alone. A bare address is both; a name is
    put in encoded words if it is not ASCII; an address that is not ASCII stays UTF-8."""
    if _BARE_ADDRESS.fullmatch(value):
        return value, value
    return _named_mailbox(value)


@lru_cache(maxsize=16)  # the run's sender, again and again
def _named_mailbox(value: str) -> tuple[str, str]:
    name, address = parseaddr(value)
    if not address.isascii():
        return value, address
    return formataddr((name, address), charset="utf-8"), address


def _words(value: str) -> str:
    """Free text: as it is if ASCII, else encoded words (RFC 2047) on one line."""
    if value.isascii():
        return value
    return Header(value, "utf-8").encode(linesep="\n").replace("\n", "")
