"""CoderMatch's settings, read from `CODERMATCH_*` environment variables (DESIGN.md table).

Built by the command, never at import; everything else is handed what it needs.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from digest.emails import MailSettings
    from digest.mailer import SmtpSettings


class Settings(BaseSettings):
    """Every setting, with DESIGN.md's defaults; derived values are properties."""

    model_config = SettingsConfigDict(env_prefix="CODERMATCH_", extra="ignore")

    data_dir: Path = Path("./data")
    store: str | None = Field(default=None, description="SQLite URL or Elasticsearch URL")
    database_url: str | None = None
    es_index: str = "codermatch-postings"
    sources: Path | None = None
    contact_url: str = "https://github.com/codermatch/codermatch"
    usajobs_api_key: str | None = None
    usajobs_email: str | None = None
    smtp_host: str = "localhost"
    smtp_port: int = 1025
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "CoderMatch <digest@localhost>"
    public_url: str = "http://127.0.0.1:8000"
    secret_key: str | None = None
    crawl_polite: bool = True  # False only for crawls of a local server (tests, the demo)
    crawl_schedule: str = "0 6 * * *"
    digest_schedule: str = "0 7 * * mon"

    @property
    def store_url(self) -> str:
        """The posting store: the setting, else SQLite in the data dir."""
        return self.store or f"sqlite:///{self.data_dir / 'codermatch.db'}"

    @property
    def database(self) -> str:
        """Subscribers and the digest log: the setting, else the same SQLite file."""
        return self.database_url or f"sqlite:///{self.data_dir / 'codermatch.db'}"

    def ensure_data_dir(self) -> Path:
        """Create the data dir on first use and return it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir

    def signing_key(self) -> str:
        """`CODERMATCH_SECRET_KEY`, else a key generated once into the data dir and kept there."""
        if self.secret_key:
            return self.secret_key
        path = self.ensure_data_dir() / "secret_key"
        if not path.exists():
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        return path.read_text(encoding="utf-8").strip()

    def smtp(self) -> SmtpSettings:
        """Where digests and confirmations are delivered."""
        from digest.mailer import SmtpSettings

        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            user=self.smtp_user,
            password=self.smtp_password,
            starttls=self.smtp_starttls,
        )

    def mail(self) -> MailSettings:
        """The sender, and the base of every link in an e-mail."""
        from digest.emails import MailSettings

        return MailSettings(mail_from=self.mail_from, public_url=self.public_url)
