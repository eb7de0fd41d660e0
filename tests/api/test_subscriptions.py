"""Subscribing to the digest through the API and the pages, with a real SMTP server on loopback.

Double opt-in, one answer for every address, signed links for confirm, manage and
unsubscribe (RFC 8058 one-click included), and every bad input refused with a 4xx that names
the field while nothing is stored and nothing is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from api.app import create_app
from codermatch.settings import Settings
from codermatch.stores import open_subscriptions
from tests.smtp_sink import SmtpSink

PROFILE = {"credentials": ["CPC-A"], "experience_years": 0, "location": "Austin, TX"}


@pytest.fixture
def site(mail: SmtpSink) -> Iterator[Any]:
    with TestClient(create_app(Settings())) as client:
        yield client


def _subscriber_counts() -> dict[str, int]:
    subscriptions = open_subscriptions(Settings())
    counts = subscriptions.subscribers.counts()
    subscriptions.subscribers.close()
    return {status: count for status, count in counts.items() if count}


def _link(message: Any, path: str) -> str:
    """The one link to `path` in a message's text part, as a path and query for the client."""
    text = message.get_body(("plain",)).get_content()
    found = re.search(rf"https://codermatch\.example({re.escape(path)}\?token=[\w.\-]+)", text)
    assert found, text
    return found.group(1)


def test_a_subscription_is_confirmed_by_the_one_link_of_its_e_mail(
    site: Any, mail: SmtpSink
) -> None:
    answer = site.post("/api/subscriptions", json={"email": "ana@example.com", "profile": PROFILE})
    assert answer.status_code == 202
    assert "ana@example.com" not in answer.text
    mail.wait_for(1)
    (confirmation,) = mail.messages
    assert confirmation["To"] == "ana@example.com"
    assert confirmation["List-Id"] is None
    assert confirmation["List-Unsubscribe"] is None
    assert confirmation.get_body(("html",)) is not None
    links = re.findall(r"https://\S+", confirmation.get_body(("plain",)).get_content())
    assert len(links) == 2  # the confirm link, and the site named in the signature
    assert _subscriber_counts() == {"pending": 1}

    page = site.get(_link(confirmation, "/subscriptions/confirm"))
    assert page.status_code == 200
    assert "You are subscribed" in page.text
    assert _subscriber_counts() == {"confirmed": 1}


def test_every_address_gets_the_same_answer_and_at_most_one_confirmation_an_hour(
    site: Any, mail: SmtpSink
) -> None:
    first = site.post("/api/subscriptions", json={"email": "bo@example.com", "profile": PROFILE})
    again = site.post("/api/subscriptions", json={"email": "BO@example.com", "profile": PROFILE})
    other = site.post("/api/subscriptions", json={"email": "cy@example.com", "profile": PROFILE})
    assert first.json() == again.json() == other.json()
    assert first.status_code == again.status_code == other.status_code == 202
    mail.wait_for(2)
    assert sorted(message["To"] for message in mail.messages) == [
        "bo@example.com",
        "cy@example.com",
    ]

    site.get(_link(mail.to("bo@example.com")[0], "/subscriptions/confirm"))
    subscribed = site.post(
        "/api/subscriptions", json={"email": "bo@example.com", "profile": PROFILE}
    )
    assert subscribed.json() == first.json()
    assert len(mail.messages) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-address", "profile": PROFILE}, "email"),
        ({"email": "x@example.com\r\nBcc: all@example.com", "profile": PROFILE}, "email"),
        ({"email": "x" * 250 + "@example.com", "profile": PROFILE}, "email"),
        ({"email": "x@example.com", "profile": {**PROFILE, "credentials": ["CPZ"]}}, "credentials"),
        ({"email": "x@example.com", "profile": {**PROFILE, "location": "Atlantis"}}, "location"),
        ({"email": "x@example.com", "profile": {**PROFILE, "location": "Austin\nTX"}}, "location"),
        ({"email": "x@example.com", "profile": {**PROFILE, "keywords": "a\r\nb"}}, "keywords"),
        ({"email": "x@example.com", "profile": {**PROFILE, "keywords": "k" * 201}}, "keywords"),
        (
            {"email": "x@example.com", "profile": {**PROFILE, "experience_years": -1}},
            "experience_years",
        ),
        ({"email": "x@example.com"}, "profile"),
        ({"email": "x@example.com", "profile": PROFILE, "admin": True}, "admin"),
    ],
)
def test_a_bad_request_is_a_422_naming_the_field_and_stores_and_sends_nothing(
    site: Any, mail: SmtpSink, body: dict[str, Any], field: str
) -> None:
    answer = site.post("/api/subscriptions", json=body)
    assert answer.status_code == 422
    assert field in [str(part) for item in answer.json()["detail"] for part in item["loc"]]
    assert _subscriber_counts() == {}
    assert mail.messages == []


def test_one_client_may_not_flood_the_form(site: Any, mail: SmtpSink) -> None:
    answers = [
        site.post("/api/subscriptions", json={"email": f"n{i}@example.com", "profile": PROFILE})
        for i in range(11)
    ]
    assert [answer.status_code for answer in answers] == [202] * 10 + [429]
    assert int(answers[-1].headers["Retry-After"]) > 0
    mail.wait_for(10)
    assert len({message["To"] for message in mail.messages}) == 10


def _confirmed(site: Any, mail: SmtpSink, address: str) -> None:
    before = len(mail.messages)
    site.post("/api/subscriptions", json={"email": address, "profile": PROFILE})
    mail.wait_for(before + 1)
    site.get(_link(mail.to(address)[-1], "/subscriptions/confirm"))


def _manage_and_unsubscribe_links(site: Any, address: str) -> tuple[str, str]:
    """The manage link a confirmation page offers, and the unsubscribe link manage offers."""
    subscriptions = open_subscriptions(Settings())
    (subscriber_id,) = [
        subscriber.id
        for subscriber in subscriptions.subscribers.confirmed()
        if subscriber.email == address
    ]
    tokens = subscriptions.tokens
    subscriptions.subscribers.close()
    return (
        f"/subscriptions/manage?token={tokens.make('manage', subscriber_id)}",
        f"/subscriptions/unsubscribe?token={tokens.make('unsubscribe', subscriber_id)}",
    )


def test_the_manage_link_shows_the_address_to_its_owner_and_keeps_a_new_profile(
    site: Any, mail: SmtpSink
) -> None:
    _confirmed(site, mail, "di@example.com")
    manage, _ = _manage_and_unsubscribe_links(site, "di@example.com")
    page = BeautifulSoup(site.get(manage).text, "html.parser")
    assert "di@example.com" in page.get_text()
    assert page.select_one("input[name=credential][value=CPC-A]").has_attr("checked")  # type: ignore[union-attr]
    token = page.select_one("input[name=token]")["value"]  # type: ignore[index]
    saved = site.post(
        "/subscriptions/manage",
        data={
            "token": token,
            "credential": ["CPC", "CRC"],
            "experience_years": "2",
            "near": "Denver, CO",
            "radius_miles": "25",
            "remote": "no",
        },
    )
    assert saved.status_code == 200
    assert "Saved" in saved.text
    subscriptions = open_subscriptions(Settings())
    (subscriber,) = list(subscriptions.subscribers.confirmed())
    subscriptions.subscribers.close()
    assert subscriber.profile["credentials"] == ["CPC", "CRC"]
    assert subscriber.profile["experience_years"] == 2
    assert subscriber.profile["location"] == "Denver, CO"
    assert subscriber.profile["remote_ok"] is False


def test_a_link_for_one_purpose_or_altered_does_nothing(site: Any, mail: SmtpSink) -> None:
    _confirmed(site, mail, "ed@example.com")
    manage, _unsubscribe = _manage_and_unsubscribe_links(site, "ed@example.com")
    manage_token = manage.split("token=")[1]
    assert site.post(f"/subscriptions/unsubscribe?token={manage_token}").status_code == 400
    assert site.get(f"/subscriptions/confirm?token={manage_token}").status_code == 400
    assert site.get(manage + "x").status_code == 400
    assert site.get("/subscriptions/manage").status_code == 400
    assert _subscriber_counts() == {"confirmed": 1}
    assert "ed@example.com" not in site.get(manage + "x").text


def test_one_click_unsubscribe_and_the_button_both_unsubscribe(site: Any, mail: SmtpSink) -> None:
    _confirmed(site, mail, "fe@example.com")
    _confirmed(site, mail, "gu@example.com")
    _, one_click = _manage_and_unsubscribe_links(site, "fe@example.com")
    answer = site.post(
        one_click,
        content="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200
    _, button_link = _manage_and_unsubscribe_links(site, "gu@example.com")
    page = BeautifulSoup(site.get(button_link).text, "html.parser")
    form = page.select_one("main form")
    assert form is not None
    assert form["method"] == "post"
    assert site.post(str(form["action"])).status_code == 200
    assert _subscriber_counts() == {"unsubscribed": 2}


def test_the_subscribe_page_form_sends_the_confirmation(site: Any, mail: SmtpSink) -> None:
    page = BeautifulSoup(site.get("/subscribe").text, "html.parser")
    assert page.select_one("form[action='/subscribe'] input[name=email]") is not None
    answer = site.post(
        "/subscribe",
        data={
            "email": "hu@example.com",
            "credential": "CCA",
            "experience_years": "0",
            "near": "Tampa, FL",
            "radius_miles": "50",
            "remote": "yes",
        },
    )
    assert answer.status_code == 200
    assert "Check your inbox" in answer.text
    mail.wait_for(1)
    assert urlsplit(_link(mail.messages[0], "/subscriptions/confirm")).path == (
        "/subscriptions/confirm"
    )
    bad = site.post("/subscribe", data={"email": "hu@", "experience_years": "0"})
    assert bad.status_code == 422
    assert 'href="#field-email"' in bad.text
    assert 'value="hu@"' in bad.text
