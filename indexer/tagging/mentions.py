"""Finding the credentials a posting names, in any of their spellings.

One regex, built once from the taxonomy, finds acronyms ("CPC", "C.P.C.", "CPC®", "CPC - A"),
spelled-out names ("Certified Professional Coder"), bodies ("AAPC or AHIMA certification") and
coding certification in general ("coding certification required"). Mentions that are false
friends ("CCS Medical", "certificate of coverage (COC)"), bodies that are not a credential
("AAPC membership"), and general phrases that a parenthesis spells out ("coding certification
(CPC, CCS)") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from indexer.tagging.scan import CueTable, lowered
from indexer.taxonomy import load_taxonomy


class Mention(NamedTuple):
    """A credential named in the text, at offsets of the document text."""

    start: int
    end: int
    code: str


# A body named for its credentials: AAPC and AHIMA by their group tokens, NHA by CBCS, the one
# coding credential it issues ("a coding credential from AAPC, AHIMA or NHA").
_BODY_CODES = {"AAPC": "ANY_AAPC", "AHIMA": "ANY_AHIMA", "NHA": "CBCS"}
# A body named for something other than a credential of its own.
_BODY_NOT_CREDENTIAL = re.compile(
    r"[-\s]*(?:approved|member|membership|chapter|guidelines|CEUs?\b|website|\.org|program|"
    r"course|curriculum|exam prep|conference|-?accredited)",
    re.IGNORECASE,
)
_CERTIFICATION_WORD = re.compile(r"certifi(?:cation|ed)|credential", re.IGNORECASE)
_ELIGIBLE_BEFORE = re.compile(r"eligib\w*\s+(?:for|to sit for|to take)\s+(?:the\s+)?$", re.I)
_LISTED_LATER = re.compile(
    r"[^.;]{0,30}?\b(?:as )?(?:listed|named|shown) below\b|[^.;]{0,30}?\bthe following\b", re.I
)
# "AHIMA certification as a CCA", "AAPC-certified CPC", "coding credential: CPC".
_SPELLED_OUT_AFTER = re.compile(
    r"[\s-]*(?:(?:certification|certified|credential|credentialed|coding|is|required)\s*)*"
    r"(?:as|in|such as|from|through|by|:|-|,)?\s*(?::\s*)?(?:an?\s+)?",
    re.IGNORECASE,
)
_OTHER_BODIES = re.compile(r"\b(?:AAPC|AHIMA|or|and)\b|/")
_ISSUED_BY = re.compile(
    r"\)?\s*(?:(?:credential|certification|certificate|designation)\s+)?"
    r"(?:through|from|by|via|with|issued by)\s+(?:the\s+)?|\s*\(\s*"
)
# A parenthesis soon after a general token, in the same sentence: "AHIMA or AAPC coding
# certification required (CCS, CPC)".
_PARENTHESIS = re.compile(r"[^.;()]{0,60}?\(([^()]{1,80})\)")
_MARKS = re.compile(r"[\s.\u00ae\u2122]|\(R\)")
_DASHES = re.compile(r"\s*[-\u2013]\s*")


@dataclass(frozen=True)
class _Finder:
    names: CueTable  # spelled-out names, bodies and general coding phrases, labelled by code
    acronym_codes: dict[str, str]
    false_friends: dict[str, tuple[re.Pattern[str], ...]]


# Any capitalized token an acronym could be: "CPC", "C.P.C.", "CPC - A", "CPC-H-A", "RHIT®".
# Looking each token up in a table is far faster than one regex alternative per spelling; the
# pattern opens with a character class so the regex engine skips lower-case text quickly.
_ACRONYM_TOKEN = re.compile(
    r"[A-Z](?:(?:\.[A-Z]){1,5}\.|[A-Z]{1,5}(?: ?[-\u2013] ?[A-Z]{1,3}(?![a-z]))*)"
    r"(?:\u00ae|\(R\)|\u2122)?(?=s?(?![A-Za-z0-9]))"
)


def _acronym_key(text: str) -> str:
    return _DASHES.sub("-", _MARKS.sub("", text))


def _name_pattern(name: str) -> str:
    words = [re.escape(word.lower()) for word in re.split(r"[\s\-\u2013]+", name) if word]
    return r"[ \t\-\u2013]+".join(words) + r"(?![a-z])"


@cache
def _finder() -> _Finder:
    taxonomy = load_taxonomy()
    acronym_codes: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for code, credential in taxonomy.credentials.items():
        for acronym in credential.acronyms:
            acronym_codes[_acronym_key(acronym)] = code
        names[code] = sorted((_name_pattern(name) for name in credential.names), key=len)[::-1]
    for code, group in taxonomy.groups.items():
        names.setdefault(code, []).extend(f"{phrase}(?![a-z])" for phrase in group.phrases)
    for body, code in _BODY_CODES.items():
        names[code].append(rf"{body}(?![A-Za-z])")
    false_friends = {
        code: tuple(re.compile(regex) for regex in credential.false_friends)
        for code, credential in taxonomy.credentials.items()
        if credential.false_friends
    }
    return _Finder(CueTable(names), acronym_codes, false_friends)


def find_mentions(text: str, lowered_text: str | None = None) -> list[Mention]:
    """Every credential the text names, in order, false friends and non-credentials left out."""
    finder = _finder()
    low = lowered(text) if lowered_text is None else lowered_text
    found = [Mention(hit.start, hit.end, hit.label) for hit in finder.names.scan(text, low)]
    taken = [(m.start, m.end) for m in found]
    for match in _ACRONYM_TOKEN.finditer(text):
        start = match.start()
        if start and text[start - 1].isalnum():
            continue
        code = _acronym_code(match.group(), finder)
        if code is None or any(a <= start < b for a, b in taken):
            continue
        found.append(Mention(start, match.end(), code))
    found.sort(key=lambda mention: mention.start)
    may_say_eligible = "eligib" in low
    kept = [
        mention
        for mention in found
        if not _is_false_friend(text, mention.start, mention.end, mention.code, finder)
        and not (
            may_say_eligible
            and _ELIGIBLE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        )
    ]
    return _drop_spelled_out_generals(text, kept)


def _acronym_code(token: str, finder: _Finder) -> str | None:
    """The code a capitalized token spells, trying "CPC-A" before "CPC" before nothing."""
    key = _acronym_key(token)
    while key:
        code = finder.acronym_codes.get(key)
        if code is not None:
            return code
        if "-" not in key:
            return None
        key = key.rsplit("-", 1)[0]
    return None


def _is_false_friend(text: str, start: int, end: int, code: str, finder: _Finder) -> bool:
    window = text[max(0, start - 50) : end + 50]
    if any(friend.search(window) for friend in finder.false_friends.get(code, ())):
        return True
    if text[start:end] in _BODY_CODES:
        if _BODY_NOT_CREDENTIAL.match(text, end):
            return True
        near = text[max(0, start - 40) : end + 40]
        return not _CERTIFICATION_WORD.search(near)
    return False


def _drop_spelled_out_generals(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep a general token only where it is the requirement itself.

    "Coding certification (CPC, CCS)", "AHIMA (CCA, CCS)" and "AHIMA certification as a CCA"
    name the specific credentials; "CIC through AAPC" names the body of a specific one;
    "AAPC or AHIMA coding certification" names bodies, which the general phrase only qualifies.
    """
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        if mention.code.startswith("ANY_"):
            parenthesis = _PARENTHESIS.match(text, mention.end)
            if parenthesis and _names_specifics(mentions[index + 1 :], parenthesis):
                continue
            if kept and _qualifies(text, kept[-1], mention):
                continue
            if _LISTED_LATER.match(text, mention.end):
                continue  # "a current coding certification as listed below"
            if _spelled_out_after(text, mentions[index:]):
                continue
        if (
            _names_body(text, mention)
            and kept
            and kept[-1].code == "ANY_CODING"
            and _ISSUED_BY.fullmatch(text, kept[-1].end, mention.start)
        ):
            kept.pop()  # "a coding credential through AAPC or AHIMA" names the bodies
        kept.append(mention)
    return kept


def _spelled_out_after(text: str, mentions: list[Mention]) -> bool:
    """ "AAPC/AHIMA certification required: CPC, CCS": the first, general mention is spelled
    out by the next specific one (other bodies and "or" between them aside)."""
    following = next(
        (m for m in mentions[1:] if not m.code.startswith("ANY_") and not _names_body(text, m)),
        None,
    )
    if following is None:
        return False
    gap = _OTHER_BODIES.sub(" ", text[mentions[0].end : following.start])
    return bool(_SPELLED_OUT_AFTER.fullmatch(gap))


def _qualifies(text: str, previous: Mention, mention: Mention) -> bool:
    gap = text[previous.end : mention.start]
    if mention.code == "ANY_CODING" and _names_body(text, previous):
        return len(gap.split()) <= 1
    if _names_body(text, mention) and not previous.code.startswith("ANY_"):
        return bool(_ISSUED_BY.fullmatch(gap))
    return False


def _names_body(text: str, mention: Mention) -> bool:
    """Whether a mention is an issuing body's name ("AAPC", "NHA") rather than a credential's."""
    return text[mention.start : mention.end] in _BODY_CODES


def _names_specifics(later: list[Mention], parenthesis: re.Match[str]) -> bool:
    inside = [m for m in later if parenthesis.start(1) <= m.start < parenthesis.end(1)]
    if not inside:
        return False
    return not re.search(r"(?i)prefer|plus|desired|required|must", parenthesis.group(1))
