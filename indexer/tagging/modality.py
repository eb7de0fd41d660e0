"""Whether a thing a clause names is required, preferred, or only mentioned.

Postings say it with cue words that come before what they govern ("Must have CPC", "Required:
CPC") or after it ("CPC required", "CRC a plus"). `bind_modalities` walks a clause's items (the
spans of credential mentions or experience statements) and cues in order: a cue after pending
items binds them when it follows them closely; a cue before items governs them until another
cue does; what no cue governs takes the clause's section (a "Requirements" heading makes it
required, a "Preferred" one preferred).
"""

from __future__ import annotations

import re
from enum import Enum

from indexer.tagging.segments import Clause, Section


class Modality(Enum):
    """How a posting states a thing."""

    REQUIRED = "required"
    PREFERRED = "preferred"
    MENTIONED = "mentioned"  # named without asking for it (duties, summary, no cue)
    IGNORED = "ignored"  # blurb, benefits, EEO


_SECTION_DEFAULT = {
    Section.REQUIRED: Modality.REQUIRED,
    Section.PREFERRED: Modality.PREFERRED,
    Section.NEUTRAL: Modality.MENTIONED,
    Section.IGNORED: Modality.IGNORED,
}

# Cue words. Preferred ones are checked first where both could match ("not required").
_CUES = re.compile(
    r"(?P<preferred>\bpreferred\b|\bpreferabl[ey]\b|\bprefer\b|\bdesired\b|\bdesirable\b|"
    r"\ba (?:big |huge |strong )?plus\b|\bplus\b(?=\s*[.)!,]|\s*$)|\bbonus\b|nice[- ]to[- ]have|"
    r"\bhelpful\b|\badvantageous\b|\bbeneficial\b|\bideally\b|\bnot (?:be )?required\b|"
    r"\boptional\b|\bencouraged\b|\bis an asset\b|\bhighly valued\b|\bnot necessary\b|"
    r"\bnot mandatory\b)"
    r"|(?P<required>\brequire[ds]?\b|\brequirements?\b|\bmandatory\b|\bmust\b|"
    r"\bneed(?:s|ed)?\b|\bnecessary\b|\bminimum\b|\bat least\b|"
    r"\bposition is for\b|\bis for (?:credentialed|certified)\b|\bonly (?:candidates|applicants)\b|"
    r"\bcurrent(?:ly)? (?:hold|certifi|credential|active)|\bcertified as\b)",
    re.IGNORECASE,
)
# A cue after an item binds it only across a short gap: "CPC certification is required".
_MAX_GAP_WORDS = 6


def section_modality(clause: Clause) -> Modality:
    """What an item with no cue of its own is, by the clause's section."""
    if clause.is_title:
        return Modality.MENTIONED
    return _SECTION_DEFAULT[clause.section]


def bind_modalities(clause: Clause, spans: list[tuple[int, int]]) -> list[Modality]:
    """The modality of each item, given as (start, end) offsets into the clause's text."""
    default = section_modality(clause)
    if default is Modality.IGNORED:
        return [Modality.IGNORED] * len(spans)
    result: list[Modality | None] = [None] * len(spans)
    current = default
    pending: list[int] = []
    next_item = 0
    for cue in _CUES.finditer(clause.text):
        cue_modality = Modality.PREFERRED if cue.group("preferred") else Modality.REQUIRED
        while next_item < len(spans) and spans[next_item][0] < cue.start():
            pending.append(next_item)
            next_item += 1
        if pending and spans[pending[-1]][1] > cue.start():
            continue  # the cue word sits inside an item ("Certified Professional Coder")
        if pending and _closely_follows(clause.text, spans[pending[-1]][1], cue.start()):
            for index in pending:
                result[index] = cue_modality
            pending = []
            continue
        for index in pending:
            result[index] = current
        pending = []
        current = cue_modality
    for index in range(len(spans)):
        if result[index] is None:
            result[index] = current
    return [modality or default for modality in result]


def _closely_follows(text: str, item_end: int, cue_start: int) -> bool:
    gap = text[item_end:cue_start]
    return "," not in gap and len(gap.split()) <= _MAX_GAP_WORDS
