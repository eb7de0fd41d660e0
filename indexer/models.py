"""The shapes of a posting as it comes in (`RawPosting`, checked at the edge) and as it is
kept once cleaned and tagged (`Posting`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from indexer.location import Place
from indexer.tags import Tags


class RawPosting(BaseModel):
    """One posting as a spider or an ingest file gives it (DESIGN.md, `codermatch ingest`).

    Fields a source states in its own structured data (employment type, work arrangement,
    salary) win over what the text suggests.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    source: str = Field(min_length=1, max_length=200)
    source_id: str = Field(min_length=1, max_length=500)
    url: str = Field(min_length=1, max_length=2000, pattern=r"^https?://\S+$")
    title: str = Field(min_length=1, max_length=500)
    description_html: str | None = Field(default=None, max_length=500_000)
    text: str | None = Field(default=None, max_length=500_000)
    employer: str | None = Field(default=None, max_length=300)
    location: str | None = Field(default=None, max_length=500)
    posted_at: str | None = None
    valid_through: str | None = None
    employment_type: str | None = Field(default=None, max_length=100)
    work_arrangement: str | None = Field(default=None, max_length=100)
    salary: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _has_a_description(self) -> RawPosting:
        if not (self.description_html or self.text):
            raise ValueError("a posting needs description_html or text")
        return self


@dataclass(frozen=True)
class Posting:
    """A cleaned, tagged posting: what the stores keep and search."""

    source: str
    source_id: str
    url: str
    title: str
    employer: str | None
    description_html: str  # sanitized: safe to show
    text: str  # plain text derived from the sanitized HTML, structure kept
    location_text: str | None
    place: Place | None
    is_remote: bool
    posted_at: date | None
    valid_through: date | None
    tags: Tags
    annual_salary_usd: tuple[float | None, float | None] | None
    content_hash: str
