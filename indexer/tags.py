"""The tag schema of DOMAIN.md: what a posting requires, where it sits, how it is worked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indexer.employment import EmploymentType
from indexer.salary import Salary


@dataclass(frozen=True)
class Tags:
    """One posting's tags; `to_dict` gives exactly the DOMAIN.md schema."""

    is_coding_job: bool
    credentials_required: tuple[tuple[str, ...], ...] = ()
    credentials_preferred: tuple[str, ...] = ()
    credential_grace_months: int | None = None
    grace_credentials: tuple[str, ...] = ()
    accepts_apprentice: bool | None = None
    min_experience_years: int | None = None
    settings: tuple[str, ...] = ()
    work_arrangement: str | None = None
    employment_type: EmploymentType | None = None
    salary: Salary | None = None

    def to_dict(self) -> dict[str, Any]:
        """The tags as plain JSON-ready values, in the schema's order."""
        return {
            "is_coding_job": self.is_coding_job,
            "credentials_required": [list(group) for group in self.credentials_required],
            "credentials_preferred": list(self.credentials_preferred),
            "credential_grace_months": self.credential_grace_months,
            "grace_credentials": list(self.grace_credentials),
            "accepts_apprentice": self.accepts_apprentice,
            "min_experience_years": self.min_experience_years,
            "settings": list(self.settings),
            "work_arrangement": self.work_arrangement,
            "employment_type": self.employment_type,
            "salary": self.salary.to_dict() if self.salary else None,
        }

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Tags:
        """Tags back from `to_dict`'s shape (as a store keeps them)."""
        salary = values.get("salary")
        return cls(
            is_coding_job=bool(values["is_coding_job"]),
            credentials_required=tuple(tuple(g) for g in values.get("credentials_required", [])),
            credentials_preferred=tuple(values.get("credentials_preferred", [])),
            credential_grace_months=values.get("credential_grace_months"),
            grace_credentials=tuple(values.get("grace_credentials", [])),
            accepts_apprentice=values.get("accepts_apprentice"),
            min_experience_years=values.get("min_experience_years"),
            settings=tuple(values.get("settings", [])),
            work_arrangement=values.get("work_arrangement"),
            employment_type=values.get("employment_type"),
            salary=Salary(salary.get("min"), salary.get("max"), salary["period"])
            if salary
            else None,
        )


@dataclass(frozen=True)
class Tagging:
    """Tags with, for each field, the sentences of the posting they were read from."""

    tags: Tags
    evidence: dict[str, list[str]] = field(default_factory=dict)
