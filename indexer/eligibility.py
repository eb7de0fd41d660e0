"""Who can get a job: DOMAIN.md's matching rules 1-6, each a pure function with its reasons.

Every rule returns a `Judgement`, a verdict (`eligible`, `stretch`, `out`) together with the
reasons for it in plain words, so a reason can never disagree with the logic. This is the one
home of the rules: ingest stores what search filters on (`required_groups`, `is_entry_level`)
and the matcher asks for verdicts and reasons (`judge`). The rules are pure, so what ingest
asks of them is remembered for tags seen before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from indexer.tags import Tags
from indexer.taxonomy import APPRENTICE_CODES, ENTRY_CODES, LICENCE_CODES, load_taxonomy


class Verdict(Enum):
    """How a seeker stands with a job, best first."""

    ELIGIBLE = "eligible"
    STRETCH = "stretch"
    OUT = "out"


@dataclass(frozen=True)
class Judgement:
    """A verdict and the plain-word reasons for it."""

    verdict: Verdict
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RequiredGroup:
    """One required OR-group as search filters on it.

    `met_by` holds every credential whose holder meets the group (apprentice forms only where the
    posting accepts apprentices); `covered_by_grace` says a hire may earn it after starting.
    """

    codes: tuple[str, ...]
    met_by: frozenset[str]
    covered_by_grace: bool


# Titles of jobs above the entry level (DOMAIN.md rule 5).
_SENIOR_TITLE = re.compile(
    r"\b(?:senior|sr\.?|lead|supervisor|manager|director|principal|chief|head of)\b|"
    r"\b(?:iii|iv|v|3|4|5)\b(?!\s*(?:months?|years?|days?))",
    re.IGNORECASE,
)


def judge(tags: Tags, credentials: Iterable[str], experience_years: int) -> Judgement:
    """Rules 1-4 together: out if any rule says out, a stretch if any says stretch."""
    held = frozenset(credentials)
    return combine(judge_credentials(tags, held), judge_experience(tags, experience_years))


def combine(*judgements: Judgement) -> Judgement:
    """The worst verdict of several, with all their reasons in order."""
    order = list(Verdict)
    verdict = max((judgement.verdict for judgement in judgements), key=order.index)
    reasons = tuple(reason for judgement in judgements for reason in judgement.reasons)
    return Judgement(verdict, reasons)


def judge_credentials(tags: Tags, held: frozenset[str]) -> Judgement:
    """Rules 1-3: every required OR-group met, met on hire through grace, or not met."""
    if not tags.credentials_required:
        return Judgement(Verdict.ELIGIBLE, ("No credential is required",))
    judgements = [_judge_group(group, tags, held) for group in tags.credentials_required]
    return combine(*judgements)


def judge_experience(tags: Tags, experience_years: int) -> Judgement:
    """Rule 4: enough years is eligible, one year short a stretch, more than that out."""
    required = tags.min_experience_years or 0
    if required == 0:
        return Judgement(Verdict.ELIGIBLE, ("No experience required",))
    wanted = _years(required)
    if experience_years >= required:
        return Judgement(Verdict.ELIGIBLE, (f"Requires {wanted}; you have {experience_years}",))
    if experience_years == required - 1:
        return Judgement(
            Verdict.STRETCH, (f"Requires {wanted}; you have {experience_years}: a stretch",)
        )
    return Judgement(Verdict.OUT, (f"Requires {wanted}; you have {experience_years}",))


def is_entry_level(title: str, tags: Tags) -> bool:
    """Rule 5: a new coder with only an entry credential and no experience could get it."""
    return not _SENIOR_TITLE.search(title) and _open_to_new_coders(tags)


@lru_cache(maxsize=4096)
def _open_to_new_coders(tags: Tags) -> bool:
    """Whether a seeker with one entry credential and no experience is eligible or a stretch."""
    if judge_experience(tags, 0).verdict is Verdict.OUT:
        return False
    return any(
        judge_credentials(tags, frozenset({code})).verdict is not Verdict.OUT
        for code in ENTRY_CODES
    )


@lru_cache(maxsize=4096)
def required_groups(tags: Tags) -> tuple[RequiredGroup, ...]:
    """What search filters on: for each required group, who meets it, and whether grace does."""
    taxonomy = load_taxonomy()
    groups = []
    for group in tags.credentials_required:
        met_by = frozenset(
            code for code in taxonomy.credentials if _meets_group(code, group, tags) is _Met.YES
        )
        groups.append(RequiredGroup(tuple(group), met_by, _grace_covers(group, tags)))
    return tuple(groups)


def within_reach(
    distance_miles: float | None,
    *,
    is_remote: bool,
    radius_miles: float,
    remote_ok: bool,
    place_given: bool,
) -> Judgement:
    """Rule 6 (place): near enough, or remote and remote is wanted; no place means anywhere."""
    if not place_given:
        return Judgement(Verdict.ELIGIBLE, ("Remote",) if is_remote else ())
    if is_remote and remote_ok:
        return Judgement(Verdict.ELIGIBLE, ("Remote",))
    if distance_miles is None:
        return Judgement(Verdict.OUT, ("Its place is not known",))
    if distance_miles <= radius_miles:
        return Judgement(Verdict.ELIGIBLE, (f"{round(distance_miles)} miles away",))
    return Judgement(
        Verdict.OUT, (f"{round(distance_miles)} miles away, beyond {round(radius_miles)}",)
    )


def pays_enough(
    annual_salary_usd: tuple[float | None, float | None] | None, minimum: float
) -> Judgement:
    """Rule 6 (pay): pay that tops out below the minimum is out; unstated pay stays."""
    if annual_salary_usd is None:
        return Judgement(Verdict.ELIGIBLE, ("Pay not stated",))
    low, high = annual_salary_usd
    top = high if high is not None else low
    if top is not None and top < minimum:
        return Judgement(
            Verdict.OUT, (f"Pays up to ${top:,.0f} a year, below your ${minimum:,.0f}",)
        )
    return Judgement(Verdict.ELIGIBLE, ())


class _Met(Enum):
    YES = "yes"
    UNSURE = "unsure"  # an apprentice where the posting is silent about apprentices
    EXCLUDED = "excluded"  # an apprentice where the posting turns apprentices away
    NO = "no"


def _meets_group(code: str, group: Iterable[str], tags: Tags) -> _Met:
    """Rules 1 and 2 for one held credential and one required group."""
    taxonomy = load_taxonomy()
    wanted = set(group)
    direct = taxonomy.met_by(code) & wanted
    if code not in APPRENTICE_CODES or code in wanted:
        return _Met.YES if direct else _Met.NO
    full_form = next(c.code for c in taxonomy.credentials.values() if c.apprentice == code)
    if tags.accepts_apprentice is False and (direct or taxonomy.met_by(full_form) & wanted):
        return _Met.EXCLUDED
    if direct:  # a body or coding in general: apprentice forms included
        return _Met.YES
    if not taxonomy.met_by(full_form) & wanted:
        return _Met.NO
    # An apprentice meets a group naming the full credential only where apprentices are welcome.
    return _Met.YES if tags.accepts_apprentice is True else _Met.UNSURE


def _judge_group(group: tuple[str, ...], tags: Tags, held: frozenset[str]) -> Judgement:
    requirement = f"'{_group_words(group)} required'"
    outcomes = {code: _meets_group(code, group, tags) for code in sorted(held)}
    meeting = [code for code, met in outcomes.items() if met is _Met.YES]
    if meeting:
        return Judgement(Verdict.ELIGIBLE, (f"Your {meeting[0]} meets {requirement}",))
    if _grace_covers(group, tags):
        months = tags.credential_grace_months
        return Judgement(
            Verdict.ELIGIBLE,
            (f"{_group_words(group)} is required; you may earn it within {months} months of hire",),
        )
    unsure = [code for code, met in outcomes.items() if met is _Met.UNSURE]
    if unsure:
        full = _full_forms(group)
        return Judgement(
            Verdict.STRETCH,
            (
                f"{full} is required and the posting does not say whether {unsure[0]} is "
                "accepted: a stretch",
            ),
        )
    excluded = [code for code, met in outcomes.items() if met is _Met.EXCLUDED]
    if excluded:
        return Judgement(
            Verdict.OUT,
            (f"{_full_forms(group)} is required and {excluded[0]} is not accepted",),
        )
    return Judgement(Verdict.OUT, (f"Requires {_group_words(group)}, which you do not hold",))


def _grace_covers(group: Iterable[str], tags: Tags) -> bool:
    """Rule 3: grace covers a group sharing a credential with it; never a licence."""
    if not tags.credential_grace_months:
        return False
    covered = set(tags.grace_credentials) - LICENCE_CODES
    return bool(covered & set(group))


def _group_words(group: Iterable[str]) -> str:
    taxonomy = load_taxonomy()
    names = [taxonomy.name_of(code) if code in taxonomy.groups else code for code in group]
    if len(names) <= 2:
        return " or ".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _full_forms(group: Iterable[str]) -> str:
    """The credentials of a group an apprentice could meet once the -A is removed."""
    full = [code for code in group if code not in APPRENTICE_CODES]
    return _group_words(full or list(group))


def _years(count: int) -> str:
    return f"{count} year" if count == 1 else f"{count} years"
