"""Cutting a posting's text into clauses that know which part of the posting they sit in.

A posting is title plus plain text with its structure kept (one heading, list item or paragraph
a line). Each clause carries the *section* it belongs to, from a heading on a line of its own
("Preferred Qualifications") or a label opening a line or sentence ("Required: ..."), and
whether it is one of several alternatives ("must meet one of the following"). The tagger reads
clauses; offsets point into `Document.text`, so one regex pass over the whole text can be
mapped back to the clauses it hit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from indexer.tagging.scan import CueTable, Hit, lowered, words_of


class Section(Enum):
    """What a part of a posting is about, as far as requirements go."""

    REQUIRED = "required"  # Requirements, Minimum qualifications, Education, Licensure...
    PREFERRED = "preferred"  # Preferred qualifications, Nice to have...
    IGNORED = "ignored"  # company blurb, benefits, EEO: names credentials without asking them
    NEUTRAL = "neutral"  # duties, summary, schedule, pay, or no heading at all


class Clause(NamedTuple):
    """A sentence, or a part of one between semicolons, with where it stands."""

    start: int
    end: int
    text: str
    section: Section
    label: str  # the heading or label that governs it, lower-cased ("" when none)
    is_title: bool = False
    is_heading: bool = False
    alternatives: int | None = None  # the id of the run of alternatives it belongs to

    @property
    def is_alternative(self) -> bool:
        """Whether it is one of several qualifications of which any one suffices."""
        return self.alternatives is not None


@dataclass(frozen=True)
class Document:
    """A posting cut into clauses; `text` is the title, a newline, then the body."""

    text: str
    lowered: str
    clauses: tuple[Clause, ...]
    starts: tuple[int, ...]
    words: frozenset[str]
    _hits: dict[int, dict[int, list[Hit]]] = field(default_factory=dict, compare=False)

    def hits(self, table: CueTable) -> dict[int, list[Hit]]:
        """A cue table's hits over the whole text, grouped by clause index (computed once)."""
        key = id(table)
        if key not in self._hits:
            by_clause: dict[int, list[Hit]] = {}
            for hit in table.scan(self.text, self.lowered, self.words):
                index = self.index_at(hit.start)
                if index is not None:
                    by_clause.setdefault(index, []).append(hit)
            self._hits[key] = by_clause
        return self._hits[key]

    def without(self, skip: frozenset[int]) -> Document:
        """The same clauses, the text of those in `skip` blanked out, so no cue is found there."""
        if not skip:
            return self
        spans = sorted((self.clauses[index].start, self.clauses[index].end) for index in skip)
        text, low = blanked(self.text, spans), blanked(self.lowered, spans)
        return Document(text, low, self.clauses, self.starts, self.words)

    def with_lowered(self, lowered_text: str) -> Document:
        """The same document, its lower-cased text replaced (credential names blanked out).

        Phrases written in lower case are then matched against the new text; the set of words
        is kept, which can only make the scan look at more phrases, never fewer.
        """
        return Document(self.text, lowered_text, self.clauses, self.starts, self.words)

    def index_at(self, offset: int) -> int | None:
        """The index of the clause holding a character offset of `text`, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0 or offset >= self.clauses[index].end:
            return None
        return index


# Heading words, checked in this order: the first that matches decides the section. "Plus one
# of the following:" adds to what is required; "Plus" alone or "A big plus" heads preferences.
_PREFERRED_HEADING = re.compile(
    r"prefer|desired|desirable|nice[- ]to[- ]have|bonus|ideal candidate|additional skills|"
    r"\bplus\b(?! (?:one|any|either|all|both|at least|the following)\b)|"
    r"extra credit|pluses|good to have|set you apart|stand out"
)
_IGNORED_HEADING = re.compile(
    r"benefit|perks|what we offer|we offer|our offer|overview|who we are|our (mission|story|values|"
    r"culture|company)|why (join|work|you)|\beeo|equal (employment|opportunity)|diversity|"
    r"disclaimer|accommodation|legal|^about (?!(the |this )?(role|job|position|opportunity|team))"
)
_REQUIRED_HEADING = re.compile(
    r"require|qualification|\bmust\b|minimum|basic|education|experience|skill|licen[sc]|"
    r"certif|credential|knowledge|abilit|what you('ll| will)? (need|bring|have)|who you are|"
    r"you have|competenc|eligib|you'll need|you need"
)
_NEUTRAL_LABEL = re.compile(
    r"(pay|salary|compensation|wage|rate|schedule|shift|hours|location|job type|"
    r"employment type|department|reports to|position summary|summary|job summary|description|"
    r"duties|responsibilit|essential|note|status|travel|work location|work setting|setting)"
)
# A heading on its own line: short, no closing period.
_HEADING_LINE = re.compile(r"^[#*_\s]*(?P<head>[A-Za-z][^.!?:]{0,79}?)[\s*_]*:?[\s*_]*$")
# A label opening a line or a sentence: "Required Licenses/Certifications: ..."
_LABEL = re.compile(r"(?P<label>[A-Z][A-Za-z/&,()'\u2019 -]{1,70}?)\s*:\s*(?=\S)")
_BULLET = re.compile(
    r"^\s*(?:[-*\u2022\u00b7\u25e6\u25aa\u2013]|o(?=\s)|\(?\d{1,2}[.)]|\(?[a-h][.)])\s*"
)
# Sentence ends: a stop, then space and something that can open a sentence (the stop's own
# context, a lone capital or an abbreviation, is checked after a match).
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9$\u2022-])")
_ABBREVIATIONS = frozenset(
    {
        "Dr",
        "Mr",
        "Ms",
        "Mrs",
        "Sr",
        "Jr",
        "St",
        "vs",
        "No",
        "etc",
        "Inc",
        "Co",
        "e.g",
        "i.e",
        "yrs",
        "Yrs",
        "yr",
        "mos",
        "hrs",
        "approx",
        "min",
    }
)
_WORD_BEFORE = re.compile(r"[\w.]+$")
# A sentence can end inside a line only at one of these.
_STOPS_INSIDE = (". ", "! ", "? ", ".) ", '." ', ".\t", ".\u00a0")
_ALTERNATIVES_INTRO = re.compile(r"(?i)\b(?:one|any) of the following\b[^.:]{0,40}:?")
# After "one of the following", a run of alternatives follows when the line ends or numbers them.
_LIST_FOLLOWS = re.compile(r"\s*(?:$|\(?\s*(?:1|a|i)\s*[.)])")
_MAX_LABEL_WORDS = 6
_MAX_HEADING_LENGTH = 90
_LIST_GOES_ON = re.compile(
    r"\s*(?:(?i:or|and|and/or)\b|(?:or |and )?(?:[A-Z]{2,}\b|Certified |Registered ))"
)
# Short lines that are content, not headings: they name a credential, a number or a cue word.
_NOT_A_KNOWN_HEADING = re.compile(r"[;\d$]|(?i:\b(?:full|part)[- ]time\b|\bremote\b|\bhybrid\b)")
_NOT_A_HEADING = re.compile(
    r"[A-Z]{2,}|\d|\$|(?i:\b(?:required|preferred|must|years?|remote|hybrid|on[- ]?site|"
    r"full[- ]time|part[- ]time)\b)"
)
_OR_LINE = re.compile(r"^\W*or\W*$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def classify_heading(heading: str) -> Section | None:
    """The section a heading or label opens, or None when it says nothing about requirements."""
    text = heading.lower()
    if _PREFERRED_HEADING.search(text):
        return Section.PREFERRED
    if _IGNORED_HEADING.search(text):
        return Section.IGNORED
    if _REQUIRED_HEADING.search(text):
        return Section.REQUIRED
    if _NEUTRAL_LABEL.search(text):
        return Section.NEUTRAL
    return None


@lru_cache(maxsize=4096)
def _standalone_heading(line: str, is_bullet: bool) -> tuple[str, Section] | None:
    """A line that is a heading, with the section it opens (NEUTRAL when it names none)."""
    if is_bullet or len(line) > _MAX_HEADING_LENGTH or line.rstrip().endswith((".", "!", "?")):
        return None
    match = _HEADING_LINE.match(line)
    if not match:
        return None
    head = match.group("head").strip()
    words = head.split()
    section = classify_heading(head)
    ends_with_colon = line.rstrip().rstrip("*_").endswith(":")
    if section is not None:
        if _NOT_A_KNOWN_HEADING.search(head) or not (ends_with_colon or len(words) <= 8):
            return None
        return head.lower(), section
    if 2 <= len(words) <= 6 and not _NOT_A_HEADING.search(head):
        return head.lower(), Section.NEUTRAL
    return None


@dataclass
class _Cursor:
    """Where segmentation stands: the open section and any open run of alternatives."""

    section: Section = Section.NEUTRAL
    label: str = ""
    alternatives: int | None = None
    runs: int = 0

    def open_alternatives(self) -> None:
        self.runs += 1
        self.alternatives = self.runs


def segment(title: str, text: str) -> Document:
    """Cut a posting into clauses with their sections (pure; never raises)."""
    full = f"{title}\n{text}"
    clauses: list[Clause] = [Clause(0, len(title), title, Section.NEUTRAL, "", is_title=True)]
    cursor = _Cursor()
    or_lines: list[int] = []  # indexes into clauses where a line saying only "OR" stood
    lines_after_or = 0
    offset = len(title) + 1
    for raw_line in text.split("\n"):
        line_start = offset
        line_end = offset + len(raw_line)
        offset = line_end + 1
        if not raw_line.strip():
            continue
        if len(raw_line) < 8 and _OR_LINE.match(raw_line):
            or_lines.append(len(clauses))
            lines_after_or = 0
            continue
        bullet = _BULLET.match(raw_line)
        lists_alternatives = "following" in raw_line and _ALTERNATIVES_INTRO.search(raw_line)
        opens_alternatives = bool(lists_alternatives) and _opens_alternatives(raw_line)
        heading = None if opens_alternatives else _standalone_heading(raw_line, bool(bullet))
        if heading is not None:
            _close_or_lines(clauses, or_lines, cursor)
            cursor.label, cursor.section = heading
            cursor.alternatives = None
            clauses.append(
                Clause(
                    line_start, line_end, raw_line, cursor.section, cursor.label, is_heading=True
                )
            )
            continue
        body_start = line_start + (bullet.end() if bullet else 0)
        if or_lines and lines_after_or and _labelled_line(full, body_start, line_end):
            _close_or_lines(clauses, or_lines, cursor)  # the last alternative has ended
        lines_after_or += 1
        section, label = cursor.section, cursor.label
        if section is Section.IGNORED and not _labelled_line(full, body_start, line_end):
            # Benefits, blurb or EEO text under its heading: set aside whole, not read closely.
            clauses.append(Clause(body_start, line_end, full[body_start:line_end], section, label))
            continue
        for sentence_start, sentence_end in _sentences(full, body_start, line_end):
            colon = full.find(":", sentence_start, min(sentence_end, sentence_start + 80))
            label_match = _LABEL.match(full, sentence_start, sentence_end) if colon != -1 else None
            if label_match and len(label_match.group("label").split()) <= _MAX_LABEL_WORDS:
                label_section = classify_heading(label_match.group("label"))
                if label_section is not None:
                    section, label = label_section, label_match.group("label").lower()
            for clause_start, clause_end in _clauses(
                full, sentence_start, sentence_end, keep_lists=bool(lists_alternatives)
            ):
                clauses.append(
                    Clause(
                        clause_start,
                        clause_end,
                        full[clause_start:clause_end],
                        section,
                        label,
                        alternatives=cursor.alternatives,
                    )
                )
            if opens_alternatives and _opens_alternatives(full[sentence_start:line_end]):
                cursor.open_alternatives()
    _close_or_lines(clauses, or_lines, cursor)
    low = lowered(full)
    return Document(full, low, tuple(clauses), tuple(c.start for c in clauses), words_of(low))


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each (start, end) span, in order, replaced by as many spaces."""
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _opens_alternatives(text: str) -> bool:
    """ "Must meet one of the following:" with the alternatives after it or on the next lines."""
    intro = _ALTERNATIVES_INTRO.search(text)
    return intro is not None and _LIST_FOLLOWS.match(text, intro.end()) is not None


def _labelled_line(full: str, start: int, end: int) -> bool:
    """Whether a line opens with a label that names a section ("Certification: ...")."""
    label = _LABEL.match(full, start, end)
    return bool(
        label
        and len(label.group("label").split()) <= _MAX_LABEL_WORDS
        and classify_heading(label.group("label")) is not None
    )


def _close_or_lines(clauses: list[Clause], or_lines: list[int], cursor: _Cursor) -> None:
    """Lines around lines that say only "OR", back to the paragraph before, are alternatives."""
    if not or_lines:
        return
    cursor.runs += 1
    first = max(1, _paragraph_start(clauses, or_lines[0] - 1))
    for index in range(first, len(clauses)):
        if not clauses[index].is_heading:
            clauses[index] = clauses[index]._replace(alternatives=cursor.runs)
    or_lines.clear()


def _paragraph_start(clauses: list[Clause], index: int) -> int:
    """The first clause of the run with the same label that ends at `index`."""
    label = clauses[index].label if index >= 0 else ""
    while index > 0 and clauses[index - 1].label == label and not clauses[index - 1].is_heading:
        index -= 1
    return index


def _sentences(full: str, start: int, end: int) -> list[tuple[int, int]]:
    line = full[start:end]
    if not any(stop in line for stop in _STOPS_INSIDE):
        return [(start, end)]  # no stop followed by a space: one sentence
    spans = []
    for match in _SENTENCE_END.finditer(full, start, end):
        stop_at = match.start()
        before = full[max(start, stop_at - 2) : stop_at]
        if len(before) == 2 and before[1].isupper() and before[0] in ".( \t":
            continue  # a lone capital: "C.P.C.", "U.S.", "John A. Smith"
        word = _WORD_BEFORE.search(full, max(start, stop_at - 4), stop_at)
        if word and word.group().lstrip(".") in _ABBREVIATIONS:
            continue
        stop = match.start() + len(match.group().rstrip())
        if stop > start:
            spans.append((start, stop))
        start = match.end()
    if full[start:end].strip():
        spans.append((start, end))
    return spans


def _clauses(full: str, start: int, end: int, *, keep_lists: bool) -> list[tuple[int, int]]:
    """Split at semicolons, but not before "or"/"and" or a credential that carry a list on,
    nor in a sentence that lists alternatives ("one of the following: a CPC; two years ...")."""
    if keep_lists:
        return [(start, end)]
    spans = []
    clause_start = start
    cut = full.find(";", start, end)
    while cut != -1:
        if not _LIST_GOES_ON.match(full, cut + 1, end) and full[clause_start:cut].strip():
            spans.append((clause_start, cut))
            clause_start = cut + 1
        cut = full.find(";", cut + 1, end)
    if full[clause_start:end].strip():
        spans.append((clause_start, end))
    return spans
