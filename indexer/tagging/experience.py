"""The minimum years of experience a posting requires.

Reads "1-2 years" as 1, "2+ years" as 2, "minimum of three (3) years" as 3 (words stand over
digits), "eighteen months" as 1, "6 months" as 0, and "no experience necessary" as 0. Experience
that is only preferred, offered as one alternative among others, or that is not experience at
all ("18 years of age", "within 6 months of hire", "a 2-year degree") does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from indexer.tagging.modality import CUES, Modality, bind_modalities
from indexer.tagging.numbers import WORD_NUMBER_PATTERN, parse_count
from indexer.tagging.scan import CueTable, Hit
from indexer.tagging.segments import Clause, Document


@dataclass(frozen=True)
class Experience:
    """The required minimum in whole years (None when not stated) and where it was read."""

    min_years: int | None
    evidence: list[str]


_NUMBER = rf"(?:\d{{1,2}}(?:\.\d)?|(?:{WORD_NUMBER_PATTERN})\b)"
# Units of time, found first (a fast scan); the count before each is read from there.
_UNITS = CueTable({"years": [r"years?\b", r"yrs?\b\.?"], "months": [r"months?\b", r"mos\b\.?"]})
_COUNT_BEFORE = re.compile(
    rf"(?<![\w$.-])(?P<count>{_NUMBER})(?:\s*\(\s*\d{{1,2}}\s*\))?\s*\+?\s*"
    rf"(?:(?:-|\u2013|to|or)\s*{_NUMBER}(?:\s*\(\s*\d{{1,2}}\s*\))?\s*\+?\s*)?"
    r"(?:or more\s+|or greater\s+|plus\s+)?(?:full[- ]time\s+)?$",
    re.IGNORECASE,
)
# What must follow (or label) a span of time for it to be experience.
_EXPERIENCE_AFTER = re.compile(
    r"^(?:'s|\u2019s|')?[^.;]{0,80}?\b(?:experience|exp\b|coding|auditing|abstracting|billing|"
    r"background|working|work\b|practice|in (?:a|an|the)\b)|^\s*\((?:required|preferred)\)",
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
# "Must have worked as a coder for at least 2 years."
_EXPERIENCE_BEFORE = re.compile(r"\b(?:experience|worked|working)\b[^.;]{0,40}$", re.I)
# "An associate's degree or 2 years of experience": the years are one way among others.
_OTHER_QUALIFICATION_OR = re.compile(
    r"\b(?:degree|diploma|education|certifi\w*|credential|ged)\b[^.;]{0,20}\bor\s+"
    r"(?:at least\s+|a minimum of\s+|minimum\s+)?$",
    re.IGNORECASE,
)
_EXPERIENCE_LABEL = re.compile(r"experience", re.IGNORECASE)
# "2 years with a degree, or 4 years without": two amounts, either of which will do.
_OR_BETWEEN = re.compile(r"(?:[^.;/]{0,40}?[\s,])?or\s+(?:at least\s+)?", re.IGNORECASE)
_NO_EXPERIENCE = CueTable(
    [
        r"no (?:(?:prior|previous|paid|work|coding|professional|medical|related|industry)\s+)"
        r"{0,3}experience\b(?!\s+(?:with|in|using)\b[^.;]{0,30}\bpreferred)",
        r"experience (?:is )?not (?:required|necessary|needed)\b",
        r"less than (?:one|1|a) (?:full )?year\b",
        r"none required\b",
    ]
)
_NONE_WORD = re.compile(r"^\s*none\b", re.IGNORECASE)
# Experience offered as one way among others: "(b) two years of experience, or (c) a degree".
_LETTERED_ALTERNATIVES = re.compile(r"\beither\b|\bor,?\s*\(\s*[b-d2-4]\s*\)", re.IGNORECASE)
_ONE_OF = re.compile(r"\b(?:one|any) of the following\b", re.IGNORECASE)
_OR_OTHER_QUALIFICATION = re.compile(
    r"^[^.;]{0,60}?\bor\b[^.;]{0,40}?\b(?:degree|diploma|education|certifi\w*|credential|"
    r"completion|graduat\w*)",
    re.IGNORECASE,
)


def read_experience(document: Document, skip: frozenset[int]) -> Experience:
    """The minimum required years: the largest required statement, or 0 when none is needed."""
    units = document.hits(_UNITS)
    none_needed = document.hits(_NO_EXPERIENCE)
    required_years: list[int] = []
    says_none_needed = False
    evidence: list[str] = []
    for index in sorted(units.keys() | none_needed.keys() | _experience_labelled(document)):
        clause = document.clauses[index]
        if index in skip or clause.is_title or clause.is_alternative:
            continue
        years = _required_years(document, index, units.get(index, []))
        if years is not None:
            required_years.append(years)
            evidence.append(clause.text.strip())
        elif index in none_needed or _says_none(clause):
            says_none_needed = True
            evidence.append(clause.text.strip())
    if required_years:
        return Experience(max(required_years), evidence)
    return Experience(0 if says_none_needed else None, evidence)


def _experience_labelled(document: Document) -> set[int]:
    return {i for i, clause in enumerate(document.clauses) if "experience" in clause.label}


def _required_years(document: Document, index: int, units: list[Hit]) -> int | None:
    """The years a clause requires; alternatives joined by "or" need only the smaller."""
    clause = document.clauses[index]
    if not units or _LETTERED_ALTERNATIVES.search(clause.text) or _ONE_OF.search(clause.text):
        return None
    text = document.text
    labelled = bool(_EXPERIENCE_LABEL.search(clause.label))
    spans: list[tuple[int, int]] = []
    values: list[int] = []
    for unit in units:
        window_start = max(clause.start, unit.start - 45)
        count = _COUNT_BEFORE.search(text, window_start, unit.start)
        if count is None:
            continue
        if _NOT_EXPERIENCE_BEFORE.search(
            text, max(clause.start, count.start() - 20), count.start()
        ):
            continue
        after = text[unit.end : clause.end]
        before = text[max(clause.start, count.start() - 60) : count.start()]
        if _NOT_EXPERIENCE_AFTER.match(after) or _OR_OTHER_QUALIFICATION.match(after):
            continue
        if _OTHER_QUALIFICATION_OR.search(before):
            continue
        if not (labelled or _EXPERIENCE_AFTER.match(after) or _EXPERIENCE_BEFORE.search(before)):
            continue
        value = parse_count(count.group("count"))
        if value is None:
            continue
        spans.append((count.start(), unit.end))
        values.append(value // 12 if unit.label == "months" else value)
    if not values:
        return None
    modalities = bind_modalities(clause, spans, document.hits(CUES).get(index, []))
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


def _joined_by_or(text: str, spans: list[tuple[int, int]]) -> bool:
    return any(
        _OR_BETWEEN.fullmatch(text, a_end, b_start) for (_, a_end), (b_start, _) in pairwise(spans)
    )


def _says_none(clause: Clause) -> bool:
    """ "Experience: None" under an experience label."""
    if not _EXPERIENCE_LABEL.search(clause.label):
        return False
    head, colon, rest = clause.text.partition(":")
    after_label = rest if colon and head.lower().strip() == clause.label.strip() else clause.text
    return bool(_NONE_WORD.match(after_label))
