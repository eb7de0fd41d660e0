"""The minimum years of experience a posting requires.

Reads "1-2 years" as 1, "2+ years" as 2, "minimum of three (3) years" as 3 (words stand over
digits), "eighteen months" as 1, "6 months" as 0, and "no experience necessary" as 0. Experience
that is only preferred, offered as one alternative among others, or that is not experience at
all ("18 years of age", "within 6 months of hire", "a 2-year degree") does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.tagging.modality import Modality, bind_modalities
from indexer.tagging.numbers import WORD_NUMBER_PATTERN, parse_count
from indexer.tagging.segments import Clause, Document


@dataclass(frozen=True)
class Experience:
    """The required minimum in whole years (None when not stated) and where it was read."""

    min_years: int | None
    evidence: list[str]


_NUMBER = rf"(?:\d{{1,2}}(?:\.\d)?|(?:{WORD_NUMBER_PATTERN})\b)"
_YEARS = re.compile(
    rf"(?<![\w$.-])(?P<count>{_NUMBER})(?:\s*\(\s*\d{{1,2}}\s*\))?\s*\+?\s*"
    rf"(?:(?:-|–|to|or)\s*{_NUMBER}(?:\s*\(\s*\d{{1,2}}\s*\))?\s*\+?\s*)?"
    r"(?:full[- ]time\s+)?(?P<unit>years?|yrs?\b|months?|mos\b)(?:'s|’s|')?",
    re.IGNORECASE,
)
# What must follow (or label) a span of time for it to be experience.
_EXPERIENCE_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:experience|exp\b|coding|auditing|abstracting|billing|background|"
    r"working|work\b|practice|in (?:a|an|the)\b)|^\s*\((?:required|preferred)\)",
    re.IGNORECASE,
)
_NOT_EXPERIENCE_AFTER = re.compile(
    r"^\s*(?:of age|old|degree|college|of college|program|of school|of education|of "
    r"post-?secondary|in business|ago|contract|of service|of hire|from (?:the )?date|after hire)",
    re.IGNORECASE,
)
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?:within|after|every|last|past|next|first|for over|for more than|founded|age|"
    r"less than)\s+(?:the\s+)?$|\d-$",
    re.IGNORECASE,
)
_EXPERIENCE_LABEL = re.compile(r"experience", re.IGNORECASE)
_NO_EXPERIENCE = re.compile(
    r"\bno (?:(?:prior|previous|paid|work|coding|professional|medical|related|industry)\s+){0,3}"
    r"experience\b"
    r"(?!\s+(?:with|in|using)\b[^.;]{0,30}\bpreferred)|"
    r"\bexperience (?:is )?not (?:required|necessary|needed)\b|"
    r"\bless than (?:one|1|a) (?:full )?year\b|\bnone required\b|^\s*experience\s*:\s*none\b",
    re.IGNORECASE,
)
_NONE_WORD = re.compile(r"^\s*none\b", re.IGNORECASE)
# Experience offered as one way among others: "(b) two years of experience, or (c) a degree".
_LETTERED_ALTERNATIVES = re.compile(r"\beither\b|\bor,?\s*\(\s*[b-d2-4]\s*\)", re.IGNORECASE)
_OR_OTHER_QUALIFICATION = re.compile(
    r"^[^.;]{0,60}?\bor\b[^.;]{0,40}?\b(?:degree|diploma|education|certifi\w*|credential|"
    r"completion|graduat\w*)",
    re.IGNORECASE,
)


def read_experience(document: Document, skip: frozenset[int]) -> Experience:
    """The minimum required years: the largest required statement, or 0 when none is needed."""
    required_years: list[int] = []
    says_none_needed = False
    evidence: list[str] = []
    for index, clause in enumerate(document.clauses):
        if index in skip or clause.is_title or clause.is_alternative:
            continue
        years = _required_years(clause)
        if years is not None:
            required_years.append(years)
            evidence.append(clause.text.strip())
        elif _says_none_needed(clause):
            says_none_needed = True
            evidence.append(clause.text.strip())
    if required_years:
        return Experience(max(required_years), evidence)
    return Experience(0 if says_none_needed else None, evidence)


def _required_years(clause: Clause) -> int | None:
    """The years a clause requires; alternatives joined by "or" need only the smaller."""
    spans: list[tuple[int, int]] = []
    values: list[int] = []
    text = clause.text
    labelled = bool(_EXPERIENCE_LABEL.search(clause.label))
    if _LETTERED_ALTERNATIVES.search(text):
        return None
    for match in _YEARS.finditer(text):
        if _NOT_EXPERIENCE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue
        after = text[match.end() :]
        if _NOT_EXPERIENCE_AFTER.match(after) or _OR_OTHER_QUALIFICATION.match(after):
            continue
        if not (labelled or _EXPERIENCE_AFTER.match(after)):
            continue
        value = _whole_years(match)
        if value is None:
            continue
        spans.append((match.start(), match.end()))
        values.append(value)
    if not values:
        return None
    modalities = bind_modalities(clause, spans)
    counted = [
        value
        for value, modality in zip(values, modalities, strict=True)
        if modality in (Modality.REQUIRED, Modality.MENTIONED)
    ]
    if not counted:
        return None
    if len(counted) > 1 and _joined_by_or(text, spans):
        return min(counted)
    return max(counted)


def _whole_years(match: re.Match[str]) -> int | None:
    count = parse_count(match.group("count"))
    if count is None:
        return None
    if match.group("unit").lower().startswith("mo"):
        return count // 12
    return count


def _joined_by_or(text: str, spans: list[tuple[int, int]]) -> bool:
    return any(
        re.search(r"\bor\b", text[a_end:b_start])
        for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)
    )


def _says_none_needed(clause: Clause) -> bool:
    if _NO_EXPERIENCE.search(clause.text):
        return True
    return bool(_EXPERIENCE_LABEL.search(clause.label) and _NONE_WORD.match(_after_label(clause)))


def _after_label(clause: Clause) -> str:
    head, colon, rest = clause.text.partition(":")
    return rest if colon and head.lower().strip() == clause.label.strip() else clause.text
