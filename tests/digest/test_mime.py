"""The e-mails as SMTP carries them, read back by the standard library's own parser."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest.mime import Email, alternative_email

MESSAGE: dict[str, Any] = {
    "mail_from": "CoderMatch <digest@codermatch.example>",
    "to": "ann@example.com",
    "subject": "3 new coding jobs for you this week",
    "headers": [("List-Id", "CoderMatch weekly digest <weekly-digest.codermatch.example>")],
    "text": "Hello,\nthree jobs.\n",
    "html": "<p>Hello, three jobs.</p>",
}


def _read(written: Email) -> EmailMessage:
    parsed = email.message_from_bytes(written.data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _text(message: EmailMessage, subtype: str) -> str:
    part = message.get_body((subtype,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def test_a_message_has_its_headers_then_text_and_html_as_alternatives() -> None:
    written = alternative_email(**MESSAGE)

    message = _read(written)
    assert message["From"] == "CoderMatch <digest@codermatch.example>"
    assert message["To"] == "ann@example.com"
    assert message["Subject"] == "3 new coding jobs for you this week"
    assert message["List-Id"] == "CoderMatch weekly digest <weekly-digest.codermatch.example>"
    assert message["MIME-Version"] == "1.0"
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert _text(message, "plain") == "Hello,\nthree jobs.\n"
    assert _text(message, "html") == "<p>Hello, three jobs.</p>"
    assert message.defects == []
    assert (written.sender, written.recipient, written.smtputf8) == (
        "digest@codermatch.example",
        "ann@example.com",
        False,
    )


def test_every_line_ends_crlf_and_body_lines_are_cut_to_76() -> None:
    long_line = "A coding job " * 200
    written = alternative_email(**{**MESSAGE, "text": long_line, "html": f"<p>{long_line}</p>"})

    lines = written.data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert b"\r" not in b"".join(lines)
    body = lines[lines.index(b"") + 1 :]
    assert max(len(line) for line in body) <= 76  # quoted-printable's limit
    assert _text(_read(written), "plain") == long_line


def test_ascii_goes_as_it_is_and_anything_else_quoted_printable() -> None:
    written = alternative_email(**{**MESSAGE, "text": "Plain words.\n", "html": "<p>Señal</p>"})

    plain, html = _read(written).iter_parts()
    assert plain["Content-Transfer-Encoding"] == "7bit"
    assert plain.get_content_charset() == "us-ascii"
    assert b"\r\n\r\nPlain words.\r\n" in written.data
    assert html["Content-Transfer-Encoding"] == "quoted-printable"
    assert html.get_content_charset() == "utf-8"
    assert b"<p>Se=C3=B1al</p>" in written.data


def test_words_that_are_not_ascii_are_encoded_and_read_back() -> None:
    written = alternative_email(
        **{
            **MESSAGE,
            "mail_from": "CoderMatch Señal <digest@codermatch.example>",
            "subject": "Médical coding — 2 new jobs",
            "text": "Coder · São Paulo: $52,000/yr ✓\n",
            "html": "<p>Coder · São Paulo</p>",
        }
    )

    assert written.data.isascii()
    message = _read(written)
    assert message["Subject"] == "Médical coding — 2 new jobs"
    assert message["From"].addresses[0].display_name == "CoderMatch Señal"
    assert _text(message, "plain") == "Coder · São Paulo: $52,000/yr ✓\n"
    assert _text(message, "html") == "<p>Coder · São Paulo</p>"


def test_an_address_that_is_not_ascii_needs_smtputf8() -> None:
    written = alternative_email(**{**MESSAGE, "to": "josé@ejemplo.example"})

    assert written.smtputf8 is True
    assert written.recipient == "josé@ejemplo.example"
    assert b"To: jos\xc3\xa9@ejemplo.example\r\n" in written.data


@pytest.mark.parametrize("field", ["mail_from", "to", "subject"])
@pytest.mark.parametrize("line_break", ["\n", "\r", "\r\n"])
def test_a_line_break_in_a_header_is_refused(field: str, line_break: str) -> None:
    with pytest.raises(ValueError, match="line break"):
        alternative_email(**{**MESSAGE, field: f"{MESSAGE[field]}{line_break}Bcc: x@evil.example"})


def test_a_line_break_or_other_text_in_an_added_header_is_refused() -> None:
    with pytest.raises(ValueError, match="line break in the List-Id"):
        alternative_email(**{**MESSAGE, "headers": [("List-Id", "x\nBcc: x@evil.example")]})
    with pytest.raises(ValueError, match="must be ASCII"):
        alternative_email(**{**MESSAGE, "headers": [("List-Id", "Liste é <x.example>")]})


def test_a_header_too_long_for_smtp_is_refused() -> None:
    with pytest.raises(ValueError, match="longer than 998"):
        alternative_email(**{**MESSAGE, "headers": [("List-Unsubscribe", "<" + "x" * 1000 + ">")]})


def test_a_message_needs_both_addresses() -> None:
    with pytest.raises(ValueError, match="sender and a recipient"):
        alternative_email(**{**MESSAGE, "to": "Nobody <>"})


def test_each_message_has_its_own_boundary() -> None:
    first, second = alternative_email(**MESSAGE), alternative_email(**MESSAGE)

    assert _read(first).get_boundary() != _read(second).get_boundary()


@given(st.text(), st.text())
def test_any_text_comes_back_as_it_was_written(text: str, html: str) -> None:
    # The parts' line ends are the message's; a lone CR is not a line end anywhere else.
    text, html = (body.replace("\r", "") for body in (text, html))
    message = _read(alternative_email(**{**MESSAGE, "text": text, "html": html}))

    assert _text(message, "plain") == text
    assert _text(message, "html") == html
