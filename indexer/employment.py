"""Employment type: a source's own label ("FULL_TIME", "Part-time") or a posting's words.

One table of phrases serves both. Internships and volunteer work have no type (None).
"""

from __future__ import annotations

import re
from typing import Literal

EmploymentType = Literal["full_time", "part_time", "contract", "per_diem", "temporary"]

# Phrases for each type, checked in this order within one statement.
_TYPE_PHRASES: tuple[tuple[EmploymentType | None, str], ...] = (
    (None, r"\bintern(?:ship)?s?\b|\bvolunteer"),
    ("per_diem", r"\bper[- _]?diem\b|\bPRN\b"),
    ("part_time", r"\bpart[- _]?time\b|\bparttime\b"),
    (
        "contract",
        r"\bcontract(?:or)?[- ]to[- ]hire\b|\bcontract (?:position|role|assignment|opportunity|"
        r"job|coder|basis|work|employee|engagement)\b|^\W*contract(?:or)?\b|\(contract\)|"
        r"\b\d+[- ](?:week|month) contract\b|\b1099\b|\bindependent contractor\b|\bcontractor\b|"
        r"\bcontract\b(?=\s*[,(]\s*(?:W-?2|1099|hourly))",
    ),
    ("temporary", r"\btemporary\b(?! disability)|\btemp\b|\btemp[- ]to[- ]hire\b|\bseasonal\b"),
    (
        "full_time",
        r"\bfull[- _]?time\b(?!\s+(?:equivalent|employees?|staff|team members|associates)\b)|"
        r"\bfulltime\b",
    ),
)
_STATEMENT = re.compile(
    "|".join(f"(?P<t{index}>{pattern})" for index, (_, pattern) in enumerate(_TYPE_PHRASES)),
    re.IGNORECASE,
)


def employment_type_of(label: str | None) -> EmploymentType | None:
    """A source's structured label ("FULL_TIME", "Full time", "PartTime", "CONTRACTOR")."""
    if not label:
        return None
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label)
    for kind, pattern in _TYPE_PHRASES:
        if re.search(pattern, spaced, re.IGNORECASE):
            return kind
    return None


def find_employment_type(texts: list[str]) -> tuple[EmploymentType | None, str | None]:
    """The first employment type the texts state, in order, with the text that stated it."""
    for text in texts:
        match = _STATEMENT.search(text)
        if match:
            index = int((match.lastgroup or "t0")[1:])
            return _TYPE_PHRASES[index][0], text
    return None, None
