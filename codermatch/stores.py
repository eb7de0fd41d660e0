"""Opening what the settings name: the posting store, and the digest's subscriptions."""

from __future__ import annotations

from api.rate_limit import RateLimit
from api.subscriptions import Subscriptions
from codermatch.settings import Settings
from digest.subscribers import SubscriberStore
from digest.tokens import Tokens
from indexer.errors import CoderMatchError
from indexer.es_store import ElasticsearchPostingStore
from indexer.sqlite_store import SqlitePostingStore

SUBSCRIPTION_REQUESTS = 10  # subscription requests one client may make ...
SUBSCRIPTION_WINDOW_S = 600  # ... in ten minutes


def open_store(settings: Settings) -> SqlitePostingStore | ElasticsearchPostingStore:
    """The store of `CODERMATCH_STORE`: SQLite (by default, in the data dir), or Elasticsearch
    for an `http://` or `https://` URL, behind the alias `CODERMATCH_ES_INDEX`."""
    url = settings.store_url
    if url.startswith("sqlite:///"):
        return SqlitePostingStore.from_url(url)
    if url.startswith(("http://", "https://")):
        store = ElasticsearchPostingStore.from_url(url, settings.es_index)
        store.ensure_alias()
        return store
    raise CoderMatchError(
        f"CODERMATCH_STORE: {url!r} is neither a sqlite:/// URL nor an Elasticsearch "
        "http:// or https:// URL"
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
