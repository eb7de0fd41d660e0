"""Subscribing to the weekly digest: the JSON endpoint, the form, and the links in e-mails.

Double opt-in: a request stores a pending subscriber and sends one confirmation e-mail in the
background (at most one an hour an address); only its link confirms. Every request gets the
same answer, whether the address is new, pending or already subscribed, so the answer reveals
nothing. Confirm, manage and unsubscribe links carry signed, expiring tokens, and only their
bearer sees the address. Unsubscribing takes one POST (RFC 8058 one-click) or a button on the
page the digest links to. A client sending too many requests gets a 429.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, BackgroundTasks, FastAPI, HTTPException, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from api.models import SubscriptionAccepted, SubscriptionRequest
from api.pages import credential_options, form_error, render, setting_options
from api.query_forms import read_profile
from api.rate_limit import RateLimit
from digest.emails import MailSettings, confirmation_email
from digest.mailer import DeliveryFailed, Mailer, SmtpSettings
from digest.subscribers import SubscriberStore
from digest.tokens import BadToken, Purpose, Tokens
from indexer.search_request import InvalidSearch
from matching.profile import make_profile

log = logging.getLogger(__name__)

ACCEPTED = (
    "If this address can subscribe, a confirmation e-mail is on its way: the weekly e-mail "
    "starts once its link is opened."
)
MAX_FORM_BYTES = 10_000


@dataclass(frozen=True)
class Subscriptions:
    """What the subscription endpoints work with."""

    subscribers: SubscriberStore
    tokens: Tokens
    mail: MailSettings
    smtp: SmtpSettings
    limit: RateLimit  # subscription requests a client


def add_subscriptions(app: FastAPI) -> None:
    """Mount the subscription endpoints and pages; `app.state.subscriptions` serves them."""
    app.include_router(_api)
    app.include_router(_pages)


_api = APIRouter(tags=["subscriptions"])
_pages = APIRouter(include_in_schema=False)


@_api.post(
    "/api/subscriptions",
    status_code=202,
    response_model=SubscriptionAccepted,
    responses={429: {"description": "Too many requests from this client; see Retry-After"}},
)
async def subscribe(
    request: Request, body: SubscriptionRequest, background: BackgroundTasks
) -> dict[str, str]:
    """Ask for the weekly digest: a confirmation e-mail follows; the answer is always the same."""
    _request_subscription(request, body, background)
    return {"status": "accepted", "message": ACCEPTED}


@_pages.get("/subscribe")
async def subscribe_page(request: Request) -> Response:
    """The weekly e-mail's sign-up form."""
    form = QueryParams("")
    return render(request, "subscribe.html", {"form": form, "error": None, **_choices(form)})


@_pages.post("/subscribe")
async def subscribe_form(request: Request, background: BackgroundTasks) -> Response:
    """The subscribe page's form, sent."""
    form = await _form(request)
    try:
        body = _subscription_from_form(form)
    except InvalidSearch as error:
        context = {"form": form, "error": form_error(error), **_choices(form)}
        return render(request, "subscribe.html", context, status_code=422)
    _request_subscription(request, body, background)
    notice = {"heading": "Check your inbox", "lines": [ACCEPTED]}
    return render(request, "notice.html", notice, section="subscribe")


@_pages.get("/subscriptions/confirm")
async def confirm(request: Request, token: str = "") -> Response:
    """The confirmation e-mail's link: the subscription starts."""
    service = _service(request)
    subscriber_id = _read(request, "confirm", token)
    if isinstance(subscriber_id, Response):
        return subscriber_id
    subscriber = service.subscribers.confirm(subscriber_id, now=_now())
    if subscriber is None:
        return _notice(
            request, "This link no longer works", ["Subscribe again from the form."], 404
        )
    manage_url = "/subscriptions/manage?" + str(
        QueryParams({"token": service.tokens.make("manage", subscriber.id)})
    )
    lines = [
        f"{subscriber.email} will get the new jobs that fit you once a week.",
        "Every e-mail has a link to change what you get, and one to stop.",
    ]
    return render(
        request,
        "notice.html",
        {
            "heading": "You are subscribed",
            "lines": lines,
            "link": (manage_url, "Change what you get"),
        },
        section="subscribe",
    )


@_pages.get("/subscriptions/manage")
async def manage(request: Request, token: str = "") -> Response:
    """Change the profile the digest is matched on."""
    subscriber_id = _read(request, "manage", token)
    if isinstance(subscriber_id, Response):
        return subscriber_id
    subscriber = _service(request).subscribers.get(subscriber_id)
    if subscriber is None or subscriber.status != "confirmed":
        return _notice(request, "Not subscribed", ["This address gets no weekly e-mail."], 404)
    form = _profile_form(subscriber.profile)
    context = _manage_context(request, subscriber_id, token, email=subscriber.email, form=form)
    return render(request, "manage.html", context, section="subscribe")


@_pages.post("/subscriptions/manage")
async def manage_form(request: Request) -> Response:
    """The manage page's form, sent: the new profile is kept."""
    form = await _form(request)
    token = form.get("token", "")
    subscriber_id = _read(request, "manage", token)
    if isinstance(subscriber_id, Response):
        return subscriber_id
    service = _service(request)
    subscriber = service.subscribers.get(subscriber_id)
    if subscriber is None or subscriber.status != "confirmed":
        return _notice(request, "Not subscribed", ["This address gets no weekly e-mail."], 404)
    try:
        profile = _profile_from_form(form)
    except InvalidSearch as error:
        context = _manage_context(request, subscriber_id, token, email=subscriber.email, form=form)
        context["error"] = form_error(error)
        return render(request, "manage.html", context, status_code=422, section="subscribe")
    service.subscribers.update_profile(subscriber_id, profile)
    return _notice(request, "Saved", ["Your next weekly e-mail is matched on what you chose."])


@_pages.get("/subscriptions/unsubscribe")
async def unsubscribe_page(request: Request, token: str = "") -> Response:
    """The digest's unsubscribe link: a page with one button."""
    subscriber_id = _read(request, "unsubscribe", token)
    if isinstance(subscriber_id, Response):
        return subscriber_id
    return render(request, "unsubscribe.html", {"token": token}, section="subscribe")


@_pages.post("/subscriptions/unsubscribe")
async def unsubscribe(request: Request, token: str = "") -> Response:
    """Unsubscribe: the page's button, or a mail client's one-click POST (RFC 8058)."""
    subscriber_id = _read(request, "unsubscribe", token)
    if isinstance(subscriber_id, Response):
        return subscriber_id
    _service(request).subscribers.unsubscribe(subscriber_id, now=_now())
    lines = ["No more weekly e-mails will come. You can subscribe again at any time."]
    return _notice(request, "You are unsubscribed", lines)


def _request_subscription(
    request: Request, body: SubscriptionRequest, background: BackgroundTasks
) -> None:
    service = _service(request)
    client = request.client.host if request.client else "unknown"
    wait = service.limit.wait_for(client)
    if wait:
        raise HTTPException(
            429,
            "too many subscription requests from this client; try again later",
            headers={"Retry-After": str(max(1, round(wait)))},
        )
    profile = body.profile.model_dump()
    make_profile(**profile)  # credential codes, settings and place: InvalidSearch names the field
    now = _now()
    subscriber = service.subscribers.subscribe(body.email, profile, now=now)
    if subscriber.status == "pending" and service.subscribers.claim_confirmation(
        subscriber.id, now=now
    ):
        background.add_task(_send_confirmation, service, subscriber.email, subscriber.id)


def _send_confirmation(service: Subscriptions, email: str, subscriber_id: int) -> None:
    message = confirmation_email(email, subscriber_id, mail=service.mail, tokens=service.tokens)
    try:
        with Mailer(service.smtp) as mailer:
            mailer.send(message)
    except DeliveryFailed as error:
        log.error("confirmation e-mail to subscriber %s failed: %s", subscriber_id, error)


def _subscription_from_form(form: QueryParams) -> SubscriptionRequest:
    profile = _profile_from_form(form)
    try:
        return SubscriptionRequest.model_validate(
            {"email": form.get("email", ""), "profile": profile}
        )
    except ValidationError as error:
        first = error.errors()[0]
        raise InvalidSearch(
            str(first["loc"][-1]), first["msg"].removeprefix("Value error, ")
        ) from None


def _profile_from_form(form: QueryParams) -> dict[str, Any]:
    read = read_profile(form)
    profile = {
        "credentials": list(read.credentials),
        "experience_years": read.experience_years,
        **read.profile_arguments(),
    }
    profile["settings"] = list(profile["settings"])
    make_profile(**profile)
    return profile


def _profile_form(profile: dict[str, Any]) -> QueryParams:
    """A stored profile as the form's fields, to fill the manage page."""
    fields: list[tuple[str, str]] = [
        ("credential", code) for code in profile.get("credentials", [])
    ]
    fields += [("setting", name) for name in profile.get("settings", [])]
    fields += [
        ("experience_years", str(profile.get("experience_years", 0))),
        ("near", profile.get("location") or ""),
        ("radius_miles", f"{profile.get('radius_miles', 50):g}"),
        ("remote", "yes" if profile.get("remote_ok", True) else "no"),
        ("min_salary", "" if profile.get("min_salary") is None else f"{profile['min_salary']:g}"),
        ("keywords", profile.get("keywords", "")),
    ]
    return QueryParams(fields)


def _manage_context(
    request: Request, subscriber_id: int, token: str, *, email: str, form: QueryParams
) -> dict[str, Any]:
    unsubscribe_token = _service(request).tokens.make("unsubscribe", subscriber_id)
    return {
        "form": form,
        "error": None,
        "token": token,
        "unsubscribe_token": unsubscribe_token,
        "email": email,
        **_choices(form),
    }


def _choices(form: QueryParams) -> dict[str, Any]:
    return {
        "credentials": credential_options(set(form.getlist("credential")), {}),
        "settings": setting_options(set(form.getlist("setting")), {}),
    }


async def _form(request: Request) -> QueryParams:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, f"a form may hold at most {MAX_FORM_BYTES} bytes")
    return QueryParams(body.decode("utf-8", errors="replace"))


def _read(request: Request, purpose: Purpose, token: str) -> int | Response:
    try:
        return _service(request).tokens.read(purpose, token)
    except BadToken as error:
        heading = "This link has expired" if error.expired else "This link is not valid"
        lines = [f"{str(error).capitalize()}.", "Links in e-mails work for a limited time."]
        return _notice(request, heading, lines, 400)


def _notice(request: Request, heading: str, lines: list[str], status_code: int = 200) -> Response:
    context = {"heading": heading, "lines": lines}
    return render(request, "notice.html", context, status_code=status_code, section="subscribe")


def _service(request: Request) -> Subscriptions:
    return request.app.state.subscriptions


def _now() -> datetime:
    return datetime.now(UTC)
