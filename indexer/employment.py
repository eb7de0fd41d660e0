"""Employment type: a source's own label ("FULL_TIME", "Part-time") or a posting's words.

One table of phrases serves both. Internships and volunteer work have no type (None).
"""

from __future__ import annotations

import re
from typing import Literal

from indexer.tagging.scan import CueTable

EmploymentType = Literal["full_time", "part_time", "contract", "per_diem", "temporary"]

_NO_TYPE = "none"  # internships and volunteer work: stated, but not a type of the schema
EMPLOYMENT_PHRASES = CueTable(
    {
        _NO_TYPE: [r"intern\b", r"interns\b", r"internship\b", r"internships\b", r"volunteer\b"],
        "per_diem": [r"per diem\b", r"per-diem\b", r"per_diem\b", r"perdiem\b", r"PRN\b"],
        "part_time": [r"part-time\b", r"part time\b", r"part_time\b", r"parttime\b"],
        "contract": [
            r"contract(?:or)?[- ]to[- ]hire\b",
            r"job type\s*:\s*contract",
            r"employment type\s*:\s*contract",
            r"position type\s*:\s*contract",
            r"contract (?:position|role|assignment|opportunity|job|coder|basis|work|employee|"
            r"engagement)\b",
            r"contract\b(?=\s*[,(]\s*(?:w-?2|1099|hourly|\d+\s*(?:weeks?|months?)))",
            r"contract\)",
            r"week contract\b",
            r"month contract\b",
            r"1099\b",
            r"independent contractors?\b",
            r"contractor\b",
            r"contract(?=[ \t]*(?:\n|$))",
        ],
        "temporary": [
            r"temporary\b(?! disability)",
            r"temp\b",
            r"temp[- ]to[- ]hire\b",
            r"seasonal\b",
        ],
        "full_time": [
            *(
                rf"{spelling}\b(?!\s+(?:equivalent|employees|staff|team members|associates)\b)"
                for spelling in ("full-time", "full time", "full_time", "fulltime")
            ),
        ],
    }
)
_CONTRACT_LABEL = re.compile(r"^\W*contract(?:or)?\b", re.IGNORECASE)


def employment_type_of(label: str | None) -> EmploymentType | None:
    """A source's structured label ("FULL_TIME", "Full time", "PartTime", "CONTRACTOR")."""
    if not label:
        return None
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label).replace("_", " ")
    if _CONTRACT_LABEL.match(spaced):
        return "contract"
    hit = EMPLOYMENT_PHRASES.search(spaced)
    return as_employment_type(hit.label) if hit else None


def as_employment_type(label: str) -> EmploymentType | None:
    """The employment type an `EMPLOYMENT_PHRASES` hit states (None for internships)."""
    return None if label == _NO_TYPE else label  # type: ignore[return-value]
