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

from indexer.taxonomy import load_taxonomy


@dataclass(frozen=True)
class Mention:
    """A credential named in the text, at offsets of the document text."""

    start: int
    end: int
    code: str


_BODY_CODES = {"AAPC": "ANY_AAPC", "AHIMA": "ANY_AHIMA"}
# A body named for something other than a credential of its own.
_BODY_NOT_CREDENTIAL = re.compile(
    r"[-\s]*(?:approved|member|membership|chapter|guidelines|CEUs?\b|website|\.org|program|"
    r"course|curriculum|exam prep|conference|-?accredited)",
    re.IGNORECASE,
)
_CERTIFICATION_WORD = re.compile(r"certif|credential|accredited coder", re.IGNORECASE)
_ELIGIBLE_BEFORE = re.compile(r"eligib\w*\s+(?:for|to sit for|to take)\s+(?:the\s+)?$", re.I)
_ISSUED_BY = re.compile(r"\)?\s*(?:through|from|by|via|with)\s+(?:the\s+)?|\s*\(\s*")
_PARENTHESIS = re.compile(r"\s*\(([^()]{1,80})\)")
_MARKS = re.compile(r"[\s.®™]|\(R\)")
_DASHES = re.compile(r"\s*[-–]\s*")


@dataclass(frozen=True)
class _Finder:
    pattern: re.Pattern[str]
    acronym_codes: dict[str, str]
    name_codes: dict[str, str]
    false_friends: dict[str, tuple[re.Pattern[str], ...]]


def _acronym_key(text: str) -> str:
    return _DASHES.sub("-", _MARKS.sub("", text))


def _name_key(text: str) -> str:
    return " ".join(re.split(r"[\s\-–()]+", text.lower())).strip()


def _acronym_pattern(acronym: str) -> list[str]:
    plain = _DASHES.sub("-", acronym)
    parts = plain.split("-")
    flexible = r"\s?[-–]\s?".join(re.escape(part) for part in parts)
    letters = [char for char in plain if char.isalpha()]
    dotted = r"\.".join(letters) + r"\." if len(letters) == len(plain) else None
    return [flexible] + ([dotted] if dotted else [])


def _name_pattern(name: str) -> str:
    words = [re.escape(word) for word in re.split(r"[\s\-–]+", name) if word]
    return r"[\s\-–]+".join(words)


@cache
def _finder() -> _Finder:
    taxonomy = load_taxonomy()
    acronym_codes: dict[str, str] = {}
    name_codes: dict[str, str] = {}
    acronym_patterns: list[str] = []
    name_patterns: list[str] = []
    for code, credential in taxonomy.credentials.items():
        for acronym in credential.acronyms:
            acronym_codes[_acronym_key(acronym)] = code
            acronym_patterns.extend(_acronym_pattern(acronym))
        for name in credential.names:
            name_codes[_name_key(name)] = code
            name_patterns.append(_name_pattern(name))
    group_patterns = [phrase for group in taxonomy.groups.values() for phrase in group.phrases]
    by_length = sorted(set(acronym_patterns), key=len, reverse=True)
    names_by_length = sorted(set(name_patterns), key=len, reverse=True)
    pattern = re.compile(
        r"(?<![A-Za-z0-9])(?:"
        rf"(?P<acronym>(?:{'|'.join(by_length)})(?:®|\(R\)|™)?)s?(?![A-Za-z0-9])"
        rf"|(?P<name>(?i:{'|'.join(names_by_length)}))(?![a-z])"
        rf"|(?P<body>AAPC|AHIMA)(?![A-Za-z])"
        rf"|(?P<coding>(?i:{'|'.join(group_patterns)}))(?![a-z])"
        r")"
    )
    false_friends = {
        code: tuple(re.compile(regex) for regex in credential.false_friends)
        for code, credential in taxonomy.credentials.items()
        if credential.false_friends
    }
    return _Finder(pattern, acronym_codes, name_codes, false_friends)


def find_mentions(text: str) -> list[Mention]:
    """Every credential the text names, in order, false friends and non-credentials left out."""
    finder = _finder()
    raw: list[Mention] = []
    for match in finder.pattern.finditer(text):
        code = _code_of(match, finder)
        if code is None:
            continue
        start, end = match.start(), match.end()
        if _is_false_friend(text, start, end, code, finder):
            continue
        if _ELIGIBLE_BEFORE.search(text, max(0, start - 40), start):
            continue
        raw.append(Mention(start, end, code))
    return _drop_spelled_out_generals(text, raw)


def _code_of(match: re.Match[str], finder: _Finder) -> str | None:
    if match.group("acronym"):
        key = _acronym_key(match.group("acronym"))
        return finder.acronym_codes.get(key) or finder.acronym_codes.get(key.rstrip("-"))
    if match.group("name"):
        return finder.name_codes.get(_name_key(match.group("name")))
    if match.group("body"):
        return _BODY_CODES[match.group("body")]
    return "ANY_CODING"


def _is_false_friend(text: str, start: int, end: int, code: str, finder: _Finder) -> bool:
    window = text[max(0, start - 50) : end + 50]
    if any(friend.search(window) for friend in finder.false_friends.get(code, ())):
        return True
    if code in ("ANY_AAPC", "ANY_AHIMA"):
        if _BODY_NOT_CREDENTIAL.match(text, end):
            return True
        near = text[max(0, start - 40) : end + 40]
        return not _CERTIFICATION_WORD.search(near)
    return False


def _drop_spelled_out_generals(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep a general token only where it is the requirement itself.

    "Coding certification (CPC, CCS)" and "AHIMA (CCA, CCS)" name the specific credentials;
    "CIC through AAPC" names the body of a specific one; "AAPC or AHIMA coding certification"
    names bodies, which the general phrase only qualifies.
    """
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        if mention.code.startswith("ANY_"):
            parenthesis = _PARENTHESIS.match(text, mention.end)
            if parenthesis and _names_specifics(mentions[index + 1 :], parenthesis):
                continue
            if kept and _qualifies(text, kept[-1], mention):
                continue
        kept.append(mention)
    return kept


def _qualifies(text: str, previous: Mention, mention: Mention) -> bool:
    gap = text[previous.end : mention.start]
    if mention.code == "ANY_CODING" and previous.code in _BODY_CODES.values():
        return len(gap.split()) <= 1
    if mention.code in _BODY_CODES.values() and not previous.code.startswith("ANY_"):
        return bool(_ISSUED_BY.fullmatch(gap))
    return False


def _names_specifics(later: list[Mention], parenthesis: re.Match[str]) -> bool:
    inside = [m for m in later if parenthesis.start(1) <= m.start < parenthesis.end(1)]
    if not inside:
        return False
    return not re.search(r"(?i)prefer|plus|desired|required|must", parenthesis.group(1))
