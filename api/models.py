"""The API's request and response shapes (DESIGN.md, HTTP interface), with examples.

Requests are checked here (types, ranges, sizes); what needs the taxonomy or the gazetteer
(credential codes, places) is checked by `matching.profile` and `indexer.search_request`,
whose errors the app turns into 422s naming the field.
"""

from __future__ import annotations

from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


class JobPage(BaseModel):
    """`GET /api/jobs`: one page of jobs, the total and the facet counts."""

    total: int
    page: int
    size: int
    hits: list[dict[str, Any]] = Field(description="DESIGN.md job objects")
    facets: dict[str, dict[str, int]]


def _one_line(text: str) -> str:
    """Refuse line breaks and other control characters: they have no place in these fields
    and, in an e-mail header, would let a sender inject headers of their own."""
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise ValueError("must not contain line breaks or other control characters")
    return text


OneLine = Annotated[str, AfterValidator(_one_line)]
_PROFILE_EXAMPLE = {
    "credentials": ["CPC-A"],
    "experience_years": 0,
    "settings": ["professional"],
    "location": "Austin, TX",
    "radius_miles": 50,
    "remote_ok": True,
    "min_salary": None,
    "keywords": "",
}


class SeekerProfile(BaseModel):
    """A seeker's profile. Only `credentials` and `experience_years` are required."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_PROFILE_EXAMPLE]})

    credentials: list[Annotated[OneLine, Field(max_length=20)]] = Field(
        max_length=20, description="Canonical codes, e.g. CPC-A"
    )
    experience_years: int = Field(ge=0, le=60, description="Years of coding experience")
    settings: list[Annotated[OneLine, Field(max_length=40)]] = Field(
        default_factory=list, max_length=10
    )
    location: OneLine | None = Field(default=None, max_length=100, description="'City, ST' or ZIP")
    radius_miles: float = Field(default=50.0, gt=0, le=500)
    remote_ok: bool = True
    min_salary: float | None = Field(default=None, ge=0, le=10_000_000)
    keywords: OneLine = Field(default="", max_length=200)


class MatchRequest(SeekerProfile):
    """A seeker's profile, and how many matches of each status to return."""

    limit: int = Field(default=50, ge=1, le=100, description="Most matches of each status")


def _email_address(text: str) -> str:
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None


class SubscriptionRequest(BaseModel):
    """`POST /api/subscriptions`: an address, and the profile its digest is matched on."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"email": "new.coder@example.com", "profile": _PROFILE_EXAMPLE}]
        },
    )

    email: Annotated[
        str,
        StringConstraints(strip_whitespace=True, max_length=254),
        AfterValidator(_one_line),
        AfterValidator(_email_address),
    ]
    profile: SeekerProfile


class SubscriptionAccepted(BaseModel):
    """The same answer whether the address is new, pending or subscribed: it reveals nothing."""

    status: str = Field(examples=["accepted"])
    message: str


class MatchOut(BaseModel):
    """One job the seeker can get (`eligible`) or nearly can (`stretch`), and why."""

    job: dict[str, Any]
    status: str = Field(examples=["eligible"])
    score: float
    reasons: list[str] = Field(examples=[["Your CPC-A meets 'CPC-A or CCA required'", "Remote"]])


class AdviceOut(BaseModel):
    """One step and the jobs it would open."""

    step: str = Field(examples=["CRC"])
    more_jobs: int
    median_pay: float | None
    sentence: str


class MatchResponse(BaseModel):
    """`POST /api/match`: matches (eligible first) and the advisor's answer."""

    matches: list[MatchOut]
    advice: list[AdviceOut]


class DemandOut(BaseModel):
    """Open jobs, the share open to a new coder, and the quartiles of stated yearly pay."""

    open_jobs: int
    entry_level_share: float
    salary_quartiles: list[float] | None


class InsightsResponse(BaseModel):
    """`GET /api/insights`: demand overall, by credential and by setting."""

    overall: DemandOut
    by_credential: dict[str, DemandOut]
    by_setting: dict[str, DemandOut]
