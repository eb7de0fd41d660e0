"""Opening what the settings name: the posting store, and the digest's subscriptions."""

from __future__ import annotations

from api.rate_limit import RateLimit
from api.subscriptions import Subscriptions
from codermatch.settings import Settings
from digest.subscribers import SubscriberStore
from digest.tokens import Tokens
from indexer.errors import CoderMatchError
from indexer.sqlite_store import SqlitePostingStore

SUBSCRIPTION_REQUESTS = 10  # subscription requests one client may make ...
SUBSCRIPTION_WINDOW_S = 600  # ... in ten minutes


def open_store(settings: Settings) -> SqlitePostingStore:
    """The store of `CODERMATCH_STORE` (by default SQLite in the data dir)."""
    url = settings.store_url
    if url.startswith("sqlite:///"):
        return SqlitePostingStore.from_url(url)
    raise CoderMatchError(
        f"CODERMATCH_STORE: {url!r} is not a sqlite:/// URL; this version stores postings "
        "in SQLite only"
    )


def open_subscriptions(settings: Settings) -> Subscriptions:
    """The subscriber store of `CODERMATCH_DATABASE_URL`, with the signing key and mail settings."""
    return Subscriptions(
        subscribers=SubscriberStore(settings.database),
        tokens=Tokens(settings.signing_key()),
        mail=settings.mail(),
        smtp=settings.smtp(),
        limit=RateLimit(SUBSCRIPTION_REQUESTS, per_seconds=SUBSCRIPTION_WINDOW_S),
    )
