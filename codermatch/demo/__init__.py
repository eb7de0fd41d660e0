"""The bundled sample of postings, written by us: the demo's data and the tests' fixtures."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def sample_postings() -> list[dict[str, Any]]:
    """Every bundled sample posting as a dict (raw posting fields plus their expected `labels`)."""
    text = resources.files(__package__).joinpath("sample_postings.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
