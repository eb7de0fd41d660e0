"""Shared fixtures: every test runs with a clean CODERMATCH_* environment and its own data dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.smtp_sink"]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No setting of the developer's shell leaks in; the data dir is the test's own."""
    for name in list(os.environ):
        if name.startswith("CODERMATCH_"):
            monkeypatch.delenv(name)
    data_dir = tmp_path / "data"
    monkeypatch.setenv("CODERMATCH_DATA_DIR", str(data_dir))
    return data_dir
