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


@pytest.fixture
def filled(tmp_path: Path) -> Settings:
    """Settings whose store holds the sample postings, stored by `codermatch ingest`."""
    postings = tmp_path / "postings.jsonl"
    lines = [
        json.dumps({**{key: record[key] for key in _RAW_FIELDS}, "source": record["board"]})
        for record in sample_postings()
    ]
    postings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(postings)])
    assert result.exit_code == 0, result.output
    return Settings()


@pytest.fixture
def client(filled: Settings) -> Iterator[Any]:
    with TestClient(create_app(filled)) as test_client:
        yield test_client
