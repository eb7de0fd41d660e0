"""Settings come from CODERMATCH_* variables, with DESIGN.md's defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from codermatch.settings import Settings


def test_defaults_put_both_databases_in_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CODERMATCH_DATA_DIR", "CODERMATCH_STORE", "CODERMATCH_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.store_url == "sqlite:///data/codermatch.db"
    assert settings.database == "sqlite:///data/codermatch.db"
    assert settings.smtp_port == 1025


def test_variables_override_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CODERMATCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CODERMATCH_STORE", "http://localhost:9200")
    monkeypatch.setenv("CODERMATCH_SMTP_STARTTLS", "true")
    settings = Settings()
    assert settings.store_url == "http://localhost:9200"
    assert settings.database == f"sqlite:///{tmp_path / 'codermatch.db'}"
    assert settings.smtp_starttls is True


def test_a_bad_value_is_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODERMATCH_SMTP_PORT", "not-a-port")
    with pytest.raises(ValueError, match="smtp_port"):
        Settings()
