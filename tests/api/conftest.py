"""API fixtures: the bundled sample stored by `codermatch ingest`, and the app over it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from codermatch.cli import app as cli
from codermatch.demo import sample_postings
from codermatch.settings import Settings

_RAW_FIELDS = (
    "source", "source_id", "url", "title", "employer", "location", "posted_at",
    "employment_type", "salary", "description_html",
)  # fmt: skip


HOSTILE_TITLE = "Medical Coder - Hostile Markup Test"
# A coding posting whose description tries a script, an event handler and a javascript: link;
# each would set `window.pwned` if it ever ran in a page.
HOSTILE_POSTING = {
    "source": "hostile-board",
    "source_id": "H-1",
    "url": "https://careers.hostile.example/jobs/h-1",
    "title": HOSTILE_TITLE,
    "employer": "Hostile Markup Clinic",
    "location": "Austin, TX",
    "posted_at": "2026-11-20",
    "description_html": (
        "<p>Code professional-fee E/M visits. CPC required. CPC-A accepted.</p>"
        "<script>window.pwned = 'script';</script>"
        '<img src="x" onerror="window.pwned = \'onerror\'" alt="logo">'
        "<p onmouseover=\"window.pwned = 'hover'\">No experience required.</p>"
        '<a id="hostile-link" href="javascript:window.pwned = \'link\'">Apply here</a>'
    ),
}


def store_postings(records: list[dict[str, Any]], folder: Path) -> None:
    """Store raw postings the way a user would: a JSONL file through `codermatch ingest`."""
    postings = folder / "postings.jsonl"
    postings.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(postings)])
    assert result.exit_code == 0, result.output


def sample_raw_postings() -> list[dict[str, Any]]:
    """The bundled sample as raw postings, plus the hostile one."""
    records = [
        {**{key: record[key] for key in _RAW_FIELDS}, "source": record["board"]}
        for record in sample_postings()
    ]
    return [*records, HOSTILE_POSTING]


@pytest.fixture
def filled(tmp_path: Path) -> Settings:
    """Settings whose store holds the sample postings, stored by `codermatch ingest`."""
    store_postings(sample_raw_postings(), tmp_path)
    return Settings()


@pytest.fixture
def client(filled: Settings) -> Iterator[Any]:
    with TestClient(create_app(filled)) as test_client:
        yield test_client
