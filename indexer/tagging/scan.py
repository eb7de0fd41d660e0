"""Finding many cue phrases in one text, fast.

Python's regex engine tries every branch of a big alternation at every character, which costs
about a microsecond per character for a table of cues; a pattern that opens with a literal word
is instead found by a fast substring search. So a `CueTable` compiles its phrases grouped by
their opening word (`certified[- ]+(?:professional coder|coding specialist|...)`), matches them
against the lower-cased text, and checks the whole-word boundary on each span it finds.

Convention: a phrase written in lower case ignores case; a phrase with capitals ("DRG", "HCC")
matches only as written, against the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

_OPENING_WORD = re.compile(r"^[a-z0-9]+(?=[\s\\\[(\-/'&.]|$)|^[A-Z][A-Za-z0-9]*(?=[\s\\\[(\-/]|$)")


class Hit(NamedTuple):
    """A cue found at [start, end) of the text, with the label of its table entry."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class _Group:
    pattern: re.Pattern[str]
    labels: tuple[str, ...]  # by branch number: named groups b0, b1, ...
    on_original: bool  # match the original text (phrases with capitals) or the lowered one
    opening: str | None  # the lower-cased word every match opens with, if there is one


class CueTable:
    """Labelled cue phrases (regex source) compiled for fast scanning of whole texts."""

    def __init__(self, entries: Mapping[str, Iterable[str]] | Iterable[str]) -> None:
        labelled = (
            [(label, phrase) for label, phrases in entries.items() for phrase in phrases]
            if isinstance(entries, Mapping)
            else [("", phrase) for phrase in entries]
        )
        by_opening: dict[tuple[str, bool], list[tuple[str, str]]] = {}
        for label, phrase in labelled:
            on_original = any(char.isupper() for char in re.sub(r"\\.|\(\?[a-zA-Z<!=:]+", "", phrase))
            opening = _OPENING_WORD.match(phrase)
            key = (opening.group() if opening else phrase, on_original)
            rest = phrase[len(opening.group()) :] if opening else None
            by_opening.setdefault(key, []).append((label, phrase if rest is None else rest))
        groups = [
            _compile_group(opening, members, on_original)
            for (opening, on_original), members in by_opening.items()
        ]
        self._always = tuple(group for group in groups if group.opening is None)
        self._by_opening: dict[str, list[_Group]] = {}
        for group in groups:
            if group.opening is not None:
                self._by_opening.setdefault(group.opening, []).append(group)
        self._openings = frozenset(self._by_opening)

    def scan(self, text: str, lowered: str, words: frozenset[str] | None = None) -> list[Hit]:
        """Every cue in the text, ordered by position.

        `lowered` is `text.lower()`; `words`, when given, is the set of its words
        (`words_of(lowered)`): phrases whose opening word is not among them are not searched.
        """
        hits = []
        present = self._openings if words is None else self._openings & words
        groups = [group for word in present for group in self._by_opening[word]]
        for group in (*self._always, *groups):
            haystack = text if group.on_original else lowered
            for match in group.pattern.finditer(haystack):
                start = match.start()
                if start and haystack[start - 1].isalnum():
                    continue
                hits.append(Hit(start, match.end(), group.labels[_branch(match)]))
        hits.sort(key=lambda hit: hit.start)
        return hits

    def search(self, text: str) -> Hit | None:
        """The first cue in a short text (a title or one clause)."""
        hits = self.scan(text, text.lower())
        return hits[0] if hits else None


def _compile_group(opening: str, members: list[tuple[str, str]], on_original: bool) -> _Group:
    # Longer phrases first: the first branch that matches wins, and longer is more specific.
    members = sorted(members, key=lambda member: len(member[1]), reverse=True)
    if len(members) == 1 and members[0][1] == opening:
        source = opening
    else:
        branches = "|".join(f"(?P<b{index}>{rest})" for index, (_, rest) in enumerate(members))
        source = f"{opening}(?:{branches})"
    whole_word = all(_ends_word(rest) for _, rest in members)
    word = opening.lower() if whole_word and _WORD.fullmatch(opening.lower()) else None
    return _Group(re.compile(source), tuple(label for label, _ in members), on_original, word)


def _ends_word(rest: str) -> bool:
    """Whether a phrase's rest, after its opening word, must start with a non-word character."""
    return any(rest.startswith(end) and not rest[len(end) :].startswith("?") for end in _WORD_ENDS)


def _branch(match: re.Match[str]) -> int:
    name = match.lastgroup
    return int(name[1:]) if name and name.startswith("b") else 0


def words_of(lowered: str) -> frozenset[str]:
    """The set of words (runs of letters and digits) of a lower-cased text."""
    return frozenset(_WORD.findall(lowered))


def lowered(text: str) -> str:
    """`text.lower()` when that keeps every offset, else only ASCII letters lowered."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_WORD = re.compile(r"[a-z0-9]+")
# What a phrase may go on with right after its opening word for that word to be a whole word.
_WORD_ENDS = ("\\b", " ", "[\\s\\-\\u2013]", "\\s", "-", "/", "[- ]", "[ -]", "[- _]", "&", "'", "\\)", "(?![a-z])", "(?![A-Za-z])")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
