"""Whether a thing a clause names is required, preferred, or only mentioned.

Postings say it with cue words that come before what they govern ("Must have CPC", "Required:
CPC") or after it ("CPC required", "CRC a plus"). `bind_modalities` walks a clause's items (the
spans of credential mentions or experience statements) and cues in order: a cue after pending
items binds them when it follows them closely; a cue governs what follows it until another
cue does ("RHIT required, and CDIP within a year"); what no cue governs takes the clause's
section (a "Requirements" heading makes it required, a "Preferred" one preferred).
"""

from __future__ import annotations

from enum import Enum

from indexer.tagging.scan import CueTable, Hit
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

# Cue words (lower case ignores case: see `scan`).
CUES = CueTable(
    {
        "preferred": [
            r"preferred\b",
            r"preferabl[ey]\b",
            r"prefer\b",
            r"desired\b",
            r"desirable\b",
            r"a plus\b",
            r"a big plus\b",
            r"a huge plus\b",
            r"a strong plus\b",
            r"plus\b(?=\s*[.)!,]|\s*$)",
            r"bonus\b",
            r"nice[- ]to[- ]have\b",
            r"helpful\b",
            r"advantageous\b",
            r"beneficial\b",
            r"ideally\b",
            r"optional\b",
            r"encouraged\b",
            r"is an asset\b",
            r"highly valued\b",
        ],
        # "Certification is not required": named, but asked for neither way.
        "not_required": [r"not (?:be )?required\b", r"not necessary\b", r"not mandatory\b"],
        "required": [
            r"require[ds]?\b",
            r"requirements?\b",
            r"mandatory\b",
            r"must\b",
            r"needs?\b",
            r"needed\b",
            r"necessary\b",
            r"minimum\b",
            r"at least\b",
            r"position is for\b",
            r"is for (?:credentialed|certified)\b",
            r"only (?:candidates|applicants)\b",
            r"current(?:ly)? (?:hold|certifi|credential|active)",
            r"certified as\b",
        ],
    }
)
_CUE_MODALITY = {
    "preferred": Modality.PREFERRED,
    "not_required": Modality.MENTIONED,
    "required": Modality.REQUIRED,
}
# A cue after an item binds it only across a short gap: "CPC certification is required".
_MAX_GAP_WORDS = 6


def section_modality(clause: Clause) -> Modality:
    """What an item with no cue of its own is, by the clause's section."""
    if clause.is_title:
        return Modality.MENTIONED
    return _SECTION_DEFAULT[clause.section]


def bind_modalities(
    clause: Clause, spans: list[tuple[int, int]], cues: list[Hit]
) -> list[Modality]:
    """The modality of each item.

    `spans` are the items' (start, end) offsets and `cues` the clause's hits of `CUES`, both
    in offsets of the document text, in order.
    """
    default = section_modality(clause)
    if default is Modality.IGNORED:
        return [Modality.IGNORED] * len(spans)
    result: list[Modality | None] = [None] * len(spans)
    current = default
    pending: list[int] = []
    next_item = 0
    for cue in cues:
        cue_modality = _CUE_MODALITY[cue.label]
        while next_item < len(spans) and spans[next_item][0] < cue.start:
            pending.append(next_item)
            next_item += 1
        if pending and spans[pending[-1]][1] > cue.start:
            continue  # the cue word sits inside an item ("Certified Professional Coder")
        if pending and _closely_follows(clause, spans[pending[-1]][1], cue.start):
            for index in pending:
                result[index] = cue_modality
            pending = []
            current = cue_modality
            continue
        for index in pending:
            result[index] = current
        pending = []
        current = cue_modality
    return [current if modality is None else modality for modality in result]


def _closely_follows(clause: Clause, item_end: int, cue_start: int) -> bool:
    gap = clause.text[item_end - clause.start : cue_start - clause.start]
    return "," not in gap and ";" not in gap and len(gap.split()) <= _MAX_GAP_WORDS
