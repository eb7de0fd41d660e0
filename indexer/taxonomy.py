"""The credential taxonomy of DOMAIN.md, read from `data/credentials.toml`.

It answers what a code is (who issues it, its name, its apprentice form), how postings spell it,
and which credential meets which. Pure values: the data file is read once, lazily.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

APPRENTICE_CODES = frozenset({"CPC-A", "COC-A"})
LICENCE_CODES = frozenset({"RN", "LPN"})
# The credentials a new coder typically starts with (DOMAIN.md rule 5: entry level).
ENTRY_CODES = frozenset({"CPC-A", "COC-A", "CCA", "CBCS"})
# Older names that postings still use, mapped to today's codes.
RENAMED_CODES = {"CPC-H": "COC", "CPC-H-A": "COC-A"}


@dataclass(frozen=True)
class Credential:
    """One canonical credential and how postings spell it."""

    code: str
    body: str
    name: str
    kind: str
    acronyms: tuple[str, ...]
    names: tuple[str, ...]
    meets: frozenset[str]
    apprentice: str | None
    false_friends: tuple[str, ...]


@dataclass(frozen=True)
class GroupToken:
    """A requirement that names a body or coding in general rather than one credential."""

    code: str
    name: str
    members: frozenset[str]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Every credential and group token, with the "meets" relation of DOMAIN.md."""

    credentials: dict[str, Credential]
    groups: dict[str, GroupToken]
    met_by_code: dict[str, frozenset[str]]

    @property
    def codes(self) -> frozenset[str]:
        """Every canonical code, group tokens included."""
        return frozenset(self.credentials) | frozenset(self.groups)

    def canonical_code(self, text: str) -> str | None:
        """The canonical code for a user's spelling ("cpc-a", "CPC-H"), or None if unknown."""
        code = text.strip().upper().replace(" ", "")
        code = RENAMED_CODES.get(code, code)
        return code if code in self.codes else None

    def name_of(self, code: str) -> str:
        """The credential's or group's name, for people."""
        if code in self.credentials:
            return self.credentials[code].name
        return self.groups[code].name

    def met_by(self, held: str) -> frozenset[str]:
        """Every requirement code that holding `held` meets (itself included)."""
        return self.met_by_code.get(held, frozenset())

    def meets(self, held: str, required: str) -> bool:
        """Whether holding `held` meets a requirement naming `required`."""
        return required in self.met_by(held)

    def meets_any(self, held: Iterable[str], group: Iterable[str]) -> bool:
        """Whether any held credential meets any credential of a required OR-group."""
        wanted = set(group)
        return any(self.met_by(code) & wanted for code in held)


def _met_by_table(
    credentials: dict[str, Credential], groups: dict[str, GroupToken]
) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for code, credential in credentials.items():
        met = {code, *credential.meets}
        met |= {token for token, group in groups.items() if code in group.members}
        table[code] = frozenset(met)
    return table


def _load_taxonomy() -> Taxonomy:
    raw = tomllib.loads(resources.files("indexer").joinpath("data/credentials.toml").read_text())
    credentials = {
        code: Credential(
            code=code,
            body=entry["body"],
            name=entry["name"],
            kind=entry["kind"],
            acronyms=tuple(entry["acronyms"]),
            names=tuple(entry["names"]),
            meets=frozenset(entry["meets"]),
            apprentice=entry.get("apprentice"),
            false_friends=tuple(entry.get("false_friends", ())),
        )
        for code, entry in raw["credentials"].items()
    }
    groups = {}
    for token, entry in raw["groups"].items():
        if "members_body" in entry:
            members = {c for c, cred in credentials.items() if cred.body == entry["members_body"]}
        else:
            members = {c for c, cred in credentials.items() if cred.kind == entry["members_kind"]}
        groups[token] = GroupToken(
            code=token,
            name=entry["name"],
            members=frozenset(members),
            phrases=tuple(entry.get("phrases", ())),
        )
    return Taxonomy(
        credentials=credentials, groups=groups, met_by_code=_met_by_table(credentials, groups)
    )


@cache
def load_taxonomy() -> Taxonomy:
    """The taxonomy, read from the package's data file once."""
    return _load_taxonomy()
