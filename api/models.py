"""The API's request and response shapes (DESIGN.md, HTTP interface), with examples.

Requests are checked here (types, ranges, sizes); what needs the taxonomy or the gazetteer
(credential codes, places) is checked by `matching.profile` and `indexer.search_request`,
whose errors the app turns into 422s naming the field.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class JobPage(BaseModel):
    """`GET /api/jobs`: one page of jobs, the total and the facet counts."""

    total: int
    page: int
    size: int
    hits: list[dict[str, Any]] = Field(description="DESIGN.md job objects")
    facets: dict[str, dict[str, int]]


class MatchRequest(BaseModel):
    """A seeker's profile. Only `credentials` and `experience_years` are required."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "credentials": ["CPC-A"],
                    "experience_years": 0,
                    "settings": ["professional"],
                    "location": "Austin, TX",
                    "radius_miles": 50,
                    "remote_ok": True,
                    "min_salary": None,
                    "keywords": "",
                }
            ]
        },
    )

    credentials: list[str] = Field(max_length=20, description="Canonical codes, e.g. CPC-A")
    experience_years: int = Field(ge=0, le=60, description="Years of coding experience")
    settings: list[str] = Field(default_factory=list, max_length=10)
    location: str | None = Field(default=None, max_length=100, description="'City, ST' or ZIP")
    radius_miles: float = Field(default=50.0, gt=0, le=500)
    remote_ok: bool = True
    min_salary: float | None = Field(default=None, ge=0, le=10_000_000)
    keywords: str = Field(default="", max_length=200)
    limit: int = Field(default=50, ge=1, le=100, description="Most matches of each status")


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
