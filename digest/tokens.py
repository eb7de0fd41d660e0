"""Signed, expiring links for a subscriber: confirm, manage and unsubscribe (itsdangerous).

A token carries the subscriber's id and what it may do, signed with the secret key; nothing
is stored. Each purpose has its own salt, so a confirm token cannot unsubscribe, and its own
lifetime: confirmation links are short-lived, unsubscribe links in old digests keep working.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from indexer.errors import CoderMatchError

Purpose = Literal["confirm", "manage", "unsubscribe"]
LIFETIMES: dict[Purpose, timedelta] = {
    "confirm": timedelta(days=7),  # a confirmation e-mail goes stale within a week
    "manage": timedelta(days=60),  # a digest's "change what you get" link, about two months
    "unsubscribe": timedelta(days=400),  # an old digest's unsubscribe link must still work
}


class BadToken(CoderMatchError):
    """A link that is not ours, was altered, is for something else, or has expired."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


class Tokens:
    """Makes and reads the subscriber links' tokens with one secret key."""

    def __init__(self, secret_key: str) -> None:
        self._serializers = {
            purpose: URLSafeTimedSerializer(secret_key, salt=f"codermatch-{purpose}")
            for purpose in LIFETIMES
        }

    def make(self, purpose: Purpose, subscriber_id: int) -> str:
        """A token that lets its bearer do `purpose` for this subscriber."""
        return str(self._serializers[purpose].dumps(subscriber_id))

    def read(self, purpose: Purpose, token: str) -> int:
        """The subscriber id a valid, unexpired token of this purpose carries, or `BadToken`."""
        max_age = int(LIFETIMES[purpose].total_seconds())
        try:
            subscriber_id = self._serializers[purpose].loads(token, max_age=max_age)
        except SignatureExpired:
            raise BadToken("this link has expired", expired=True) from None
        except BadSignature:
            raise BadToken("this link is not valid") from None
        if not isinstance(subscriber_id, int):
            raise BadToken("this link is not valid")
        return subscriber_id
