"""Opening the posting store that the settings name."""

from __future__ import annotations

from codermatch.settings import Settings
from indexer.errors import CoderMatchError
from indexer.sqlite_store import SqlitePostingStore


def open_store(settings: Settings) -> SqlitePostingStore:
    """The store of `CODERMATCH_STORE` (by default SQLite in the data dir)."""
    url = settings.store_url
    if url.startswith("sqlite:///"):
        return SqlitePostingStore.from_url(url)
    raise CoderMatchError(
        f"CODERMATCH_STORE: {url!r} is not a sqlite:/// URL; this version stores postings "
        "in SQLite only"
    )
