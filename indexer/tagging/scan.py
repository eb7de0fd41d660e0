"""Finding many cue phrases in one text, fast.

Python's regex engine tries every branch of a big alternation at every character, which costs
about a microsecond per character for a table of cues. A `CueTable` instead groups its phrases
by the literal text they open with (`certified[- ]+(?:professional coder|coding specialist|...)`),
finds that literal with `str.find` (a fast substring search), and runs the group's regex only
where the literal stands at the start of a word. The set of the text's words tells at once
whether to look at all: a phrase whose longest whole word is not in the text cannot match.

Convention: a phrase written in lower case ignores case (it is matched against the lower-cased
text); a phrase with capitals ("DRG", "HCC") matches only as written, against the original text.
Phrases use only non-capturing groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

# Characters that stand for themselves in a regex, for the literal a phrase opens with.
_LITERAL_RUN = re.compile(r"[A-Za-z0-9 ,/&'%:-]+")
_WORD = re.compile(r"[a-z0-9]+")
# What a phrase may go on with right after its opening word for that word to be a whole word.
_WORD_ENDS = (
    "\\b", " ", "\\s", "-", "/", "[- ]", "[ -]", "[- _]", "[ \\t\\-\\u2013]", "&", "'", "\\)",
    "(?![a-z])", "(?![A-Za-z])", ",", ":",
)  # fmt: skip
# Every character that is not an ASCII letter or digit but is common in postings, to a space.
_NON_WORD_TO_SPACE = str.maketrans(
    dict.fromkeys(
        [chr(code) for code in range(128) if not chr(code).isalnum()]
        + list("\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u00b7\u2026\u00ae\u2122\u00a9\u00a0"),
        " ",
    )
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Hit(NamedTuple):
    """A cue found at [start, end) of the text, with the label of its table entry."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class _Group:
    pattern: re.Pattern[str]  # the literal, then the members' rests as named branches b0, b1...
    literal: str  # what every match opens with ("" when a phrase opens with a class or group)
    labels: tuple[str, ...]  # by branch number
    on_original: bool  # match the original text (phrases with capitals) or the lowered one
    key_word: str | None  # the longest word every match holds whole: absent, no match


class CueTable:
    """Labelled cue phrases (regex source) compiled for fast scanning of whole texts."""

    def __init__(self, entries: Mapping[str, Iterable[str]] | Iterable[str]) -> None:
        labelled = (
            [(label, phrase) for label, phrases in entries.items() for phrase in phrases]
            if isinstance(entries, Mapping)
            else [("", phrase) for phrase in entries]
        )
        by_literal: dict[tuple[str, bool], list[tuple[str, str]]] = {}
        for label, phrase in labelled:
            on_original = _has_capitals(phrase)
            literal = _literal_prefix(phrase)
            by_literal.setdefault((literal, on_original), []).append(
                (label, phrase[len(literal) :])
            )
        self._groups = tuple(
            _compile_group(literal, members, on_original)
            for (literal, on_original), members in by_literal.items()
        )

    def scan(self, text: str, lowered: str, words: frozenset[str] | None = None) -> list[Hit]:
        """Every cue in the text, ordered by position.

        `lowered` is `lowered(text)`; `words`, when given, is `words_of(lowered)`: a group
        whose key word is not among them is not looked for.
        """
        hits: list[Hit] = []
        for group in self._groups:
            if words is not None and group.key_word is not None and group.key_word not in words:
                continue
            haystack = text if group.on_original else lowered
            if group.literal:
                _find_literal_matches(group, haystack, hits)
            else:
                for match in group.pattern.finditer(haystack):
                    start = match.start()
                    if not (start and haystack[start - 1].isalnum()):
                        hits.append(Hit(start, match.end(), group.labels[_branch(match)]))
        hits.sort()
        return hits

    def search(self, text: str) -> Hit | None:
        """The first cue in a short text (a title or one clause)."""
        hits = self.scan(text, lowered(text))
        return hits[0] if hits else None


def _find_literal_matches(group: _Group, haystack: str, hits: list[Hit]) -> None:
    literal, match_at, labels = group.literal, group.pattern.match, group.labels
    position = haystack.find(literal)
    while position != -1:
        if not (position and haystack[position - 1].isalnum()):
            match = match_at(haystack, position)
            if match:
                label = labels[0] if len(labels) == 1 else labels[_branch(match)]
                hits.append(Hit(position, match.end(), label))
                position = haystack.find(literal, match.end())
                continue
        position = haystack.find(literal, position + 1)


def _has_capitals(phrase: str) -> bool:
    return any(char.isupper() for char in re.sub(r"\\.|\(\?[a-zA-Z<!=:]+|\[[^\]]*\]", "", phrase))


def _literal_prefix(phrase: str) -> str:
    """The text every match of the phrase opens with (a quantified last character dropped)."""
    run = _LITERAL_RUN.match(phrase)
    if not run:
        return ""
    literal = run.group()
    if phrase[len(literal) : len(literal) + 1] in ("?", "*", "{"):
        literal = literal[:-1]
    return literal


def _compile_group(literal: str, members: list[tuple[str, str]], on_original: bool) -> _Group:
    # Longer phrases first: the first branch that matches wins, and longer is more specific.
    members = sorted(members, key=lambda member: len(member[1]), reverse=True)
    branches = "|".join(f"(?P<b{index}>{rest})" for index, (_, rest) in enumerate(members))
    pattern = re.compile(f"{re.escape(literal)}(?:{branches})")
    key_word = _key_word(literal, members)
    labels = tuple(label for label, _ in members)
    return _Group(pattern, literal, labels, on_original, key_word)


def _key_word(literal: str, members: list[tuple[str, str]]) -> str | None:
    """The longest word every match holds whole (the literal's last word only if it ends there)."""
    lower = literal.lower()
    words = [
        token.group()
        for token in _WORD.finditer(lower)
        if token.end() < len(lower) or all(_ends_word(rest) for _, rest in members)
    ]
    return max(words, key=len) if words else None


def _ends_word(rest: str) -> bool:
    """Whether a phrase's rest, after its opening word, must start with a non-word character."""
    return any(rest.startswith(end) and not rest[len(end) :].startswith("?") for end in _WORD_ENDS)


def _branch(match: re.Match[str]) -> int:
    name = match.lastgroup
    return int(name[1:]) if name and name.startswith("b") else 0


def words_of(lowered_text: str) -> frozenset[str]:
    """The set of words (runs of letters and digits) of a lower-cased text."""
    spaced = lowered_text.translate(_NON_WORD_TO_SPACE)
    if spaced.isascii():  # the common case: splitting is three times faster than a regex
        return frozenset(spaced.split())
    return frozenset(_WORD.findall(lowered_text))


def lowered(text: str) -> str:
    """`text.lower()` when that keeps every offset, else only ASCII letters lowered."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)
