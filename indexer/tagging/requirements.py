"""What credentials a posting requires: OR-groups joined by AND, grace, apprentices.

Per clause, the credential mentions that are required are read as a small formula: "CPC, COC or
CCS" is one OR-group; "RHIT and CCS or CIC" is two groups; "one of: A, B and C" is one. A clause
that offers a credential as one alternative among experience or education ("either a CPC, or two
years of experience") requires none of them. Grace ("or obtain one within 6 months of hire") and
whether apprentices (CPC-A, COC-A) are accepted are read here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from indexer.tagging.mentions import Mention
from indexer.tagging.modality import CUES, Modality, bind_modalities
from indexer.tagging.numbers import parse_count
from indexer.tagging.scan import CueTable
from indexer.tagging.segments import Clause, Document
from indexer.taxonomy import APPRENTICE_CODES, load_taxonomy


@dataclass(frozen=True)
class Requirements:
    """The credential part of a posting's tags, with the clause each part came from."""

    required: tuple[tuple[str, ...], ...]
    preferred: tuple[str, ...]
    grace_months: int | None
    grace_credentials: tuple[str, ...]
    accepts_apprentice: bool | None
    evidence: dict[str, list[str]]


@dataclass
class _Reading:
    groups: list[list[str]] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)
    grace_months: int | None = None
    grace_credentials: list[str] = field(default_factory=list)
    apprentice_votes: list[bool] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, clause: Clause) -> None:
        texts = self.evidence.setdefault(key, [])
        if clause.text.strip() not in texts:
            texts.append(clause.text.strip())


_OR = re.compile(r"\bor\b|/|\beither\b", re.IGNORECASE)
_AND = re.compile(r"\band\b|&|\bplus\b|\bas well as\b|\balong with\b|\bin addition to\b", re.I)
_AND_OR = re.compile(r"\band\s*/\s*or\b", re.IGNORECASE)
_ANY_OF = re.compile(r"\b(?:one|any|either) of\b|\beither\b|\bany one\b|\bat least one\b", re.I)
_LIST_GAP = re.compile(r"^[\s,()]*$")
# "passed the CPC exam (CPC-A)": a credential named again in parentheses is an alternative form.
_ELABORATION_GAP = re.compile(r"^[^,;()]{0,20}\($")
# An alternative that is not a credential, after the credentials: "..., or two years of ...".
_ALTERNATIVE_AFTER = re.compile(
    r"^[^.]*?\bor\b[^.]{0,60}?\b(?:years?|months?|degree|diploma|experience|education|"
    r"equivalent|completion|graduat\w*|coursework|eligib\w*)\b",
    re.IGNORECASE,
)
_EITHER_LETTERED = re.compile(r"\beither\b|\(\s*[a-c1-3]\s*\)", re.IGNORECASE)
_GRACE = re.compile(
    r"\bwithin\s+(?:the\s+first\s+|(?:the\s+)?(?P<count>[\w-]+(?:\s*\(\s*\d+\s*\))?)\s+)"
    r"(?P<unit>months?|years?|days?|weeks?)",
    re.IGNORECASE,
)
_GRACE_CONTEXT = re.compile(
    r"\b(?:hire|hiring|start|employment|obtain\w*|earn\w*|achiev\w*|pass\w*|acquir\w*|"
    r"attain\w*|complet\w*|become|get|required|must)\b",
    re.IGNORECASE,
)
_EARNING = re.compile(
    r"certif|credential|exam|\bone\b|\bit\b|"
    r"\b(?:obtain|earn|achiev|acquir|attain|pass|remove)\w*",
    re.IGNORECASE,
)
_APPRENTICE_WORD = CueTable([r"apprentice"])
_GRACE_WORD = CueTable([r"within\b"])
_APPRENTICE_EXCLUDED = re.compile(
    r"\bnot\b[^.;]{0,25}\b(?:accepted|considered|eligible|acceptable|qualify|apply|open)\b|"
    r"\bno apprentice|\bno (?:cpc|coc)-a\b|\bnon-apprentice|\bexclud|\bineligible|"
    r"\bdo(?:es)? not (?:qualify|meet|satisfy)|"
    r"\bwill not\b|\bwon't\b|\bwithout (?:the |an )?(?:apprentice|-A\b)|"
    r"\b(?:must|should) (?:have|be|been)\s+(?:been\s+)?removed\b|"
    r"\b(?:status|designation)\s+(?:must be |has been |is |already )?removed\b|"
    r"\bremoved (?:apprentice|-A)\b",
    re.IGNORECASE,
)
_APPRENTICE_CUE_WORDS = 12
_CERTIFICATION_REQUIRED = re.compile(
    r"\b(?:certification|credential)\b[^.;]{0,20}\b(?:is )?required\b|"
    r"\brequired\b[^.;]{0,10}\b(?:certification|credential)\b|\bmust be certified\b",
    re.IGNORECASE,
)
# "remove the apprentice designation from their AAPC credential" names a body, asks nothing.
_DESIGNATION = re.compile(r"\b(?:designation|status|remov\w*)\b", re.IGNORECASE)
_ALSO_ACCEPTED = re.compile(
    r"\b(?:in lieu of|instead of|(?:is|are|also) accept(?:ed|able)|acceptable|may substitute|"
    r"will (?:also )?be considered|(?:all |also |both |each )?qualif(?:y|ies)(?! for\b))\b",
    re.IGNORECASE,
)
# Said of credentials in a parenthesis after others: they meet the same requirement.
_ALSO_WELCOME = re.compile(
    r"\b(?:welcome\w*|accept(?:ed|able)|considered|qualif(?:y|ies)|(?:is|are) fine)\b", re.I
)
# Credentials a clause turns away: "CPC-A and CCA holders will not be considered".
_EXCLUSION = re.compile(
    r"\b(?:(?:will|would|do|does|is|are|shall)\s+not|won't|don't|doesn't|cannot)\s+(?:be\s+)?"
    r"(?:considered|accepted|acceptable|eligible|qualify|satisfy|meet|count)\b|"
    r"\b(?:are|is)\s+(?:ineligible|excluded)\b",
    re.IGNORECASE,
)
# Within a few words before the credentials, a negation makes the exclusion a requirement:
# "applicants without a CPC will not be considered".
_NEGATED_BEFORE = re.compile(r"\b(?:without|lack\w*|not|no|unless|non)\b[^.;]{0,30}$", re.I)
_EXCLUSION_GAP = re.compile(r"^[^.;,(]{0,30}$")
_JOINED_LIST = re.compile(r"^[\s,/]*(?:\b(?:or|and|and/or)\b)?[\s,/]*$", re.IGNORECASE)
_OR_LIST = re.compile(r"^\s*[,/]?\s*(?:\bor\b)?\s*$", re.IGNORECASE)
_APPRENTICE_ACCEPTED = re.compile(
    r"\baccept(?:ed|able)?\b|\bconsider(?:ed|s)?\b|\bwelcome\w*|\bencouraged\b|\bokay\b|\bOK\b|"
    r"\b(?:is|are) fine\b|\bcounts\b|\bqualif(?:y|ies)\b|"
    r"\bremove (?:the |their |your )?(?:apprentice|-?A\b|\"A\")|"
    r"\bmay apply\b|\bcan apply\b|\bapprentice(?:ship)? program\b|\bapprenticeship\b|"
    r"\beligible\b|\bopen to\b",
    re.IGNORECASE,
)


def read_requirements(
    document: Document, mentions: list[Mention], skip: frozenset[int]
) -> Requirements:
    """Read the credential tags from a segmented posting and its mentions.

    `skip` holds the indexes of clauses that are company blurb, benefits or EEO text.
    """
    reading = _Reading()
    by_clause = _mentions_by_clause(document, mentions)
    grace_clauses = document.hits(_GRACE_WORD)
    apprentice_clauses = document.hits(_APPRENTICE_WORD)
    credential_runs = _runs_naming_only_credentials(document, by_clause, skip)
    run_groups: dict[int, list[str]] = {}
    for index, clause in enumerate(document.clauses):
        if index in skip:
            continue
        clause_mentions = by_clause.get(index, [])
        turned_away = _excluded(clause, clause_mentions)
        if clause_mentions or index in apprentice_clauses:
            clause_mentions = _without_apprentice_asides(clause, clause_mentions, reading)
        clause_mentions = [m for m in clause_mentions if m not in turned_away]
        if not clause_mentions:
            if index in grace_clauses:
                _read_grace(clause, [], reading)
            continue
        in_credential_run = clause.alternatives in credential_runs
        if (clause.is_alternative and not in_credential_run) or _offers_alternatives(
            clause, clause_mentions
        ):
            for mention in clause_mentions:
                _add_preferred(reading, mention.code, clause)
            continue
        modalities = bind_modalities(
            clause,
            [(m.start, m.end) for m in clause_mentions],
            document.hits(CUES).get(index, []),
        )
        if in_credential_run:
            modalities = [Modality.REQUIRED if m is Modality.MENTIONED else m for m in modalities]
        required = []
        for mention, modality in zip(clause_mentions, modalities, strict=True):
            if modality is Modality.REQUIRED:
                required.append(mention)
            elif modality is Modality.PREFERRED:
                _add_preferred(reading, mention.code, clause)
        if in_credential_run and clause.alternatives is not None:
            _extend_run_group(reading, run_groups, clause.alternatives, required, clause)
            continue
        if _accepts_also(clause, clause_mentions, reading):
            continue
        for group in _read_grace(clause, _groups_of(clause, required), reading):
            _add_group(reading, group, clause)
    if not reading.groups:
        _require_title_credentials(document, by_clause, skip, reading)
    return _finish(reading)


def _require_title_credentials(
    document: Document, by_clause: dict[int, list[Mention]], skip: frozenset[int], reading: _Reading
) -> None:
    """ "Certified Professional Coder (CPC) - Remote" and, in the text, only "Certification
    required": the title names the credential the text requires."""
    title_codes = [m.code for m in by_clause.get(0, []) if not m.code.startswith("ANY_")]
    if not title_codes:
        return
    for index, clause in enumerate(document.clauses):
        if (
            index
            and index not in skip
            and index not in by_clause
            and _CERTIFICATION_REQUIRED.search(clause.text)
        ):
            _add_group(reading, list(dict.fromkeys(title_codes)), clause)
            return


def _runs_naming_only_credentials(
    document: Document, by_clause: dict[int, list[Mention]], skip: frozenset[int]
) -> set[int]:
    """Runs of alternatives in which every clause names a credential: one OR-group."""
    runs: dict[int, bool] = {}
    for index, clause in enumerate(document.clauses):
        if clause.alternatives is None or clause.is_heading or index in skip:
            continue
        names_one = bool(by_clause.get(index))
        runs[clause.alternatives] = runs.get(clause.alternatives, True) and names_one
    return {run for run, only_credentials in runs.items() if only_credentials}


def _extend_run_group(
    reading: _Reading,
    run_groups: dict[int, list[str]],
    run: int,
    required: list[Mention],
    clause: Clause,
) -> None:
    if not required:
        return
    group = run_groups.get(run)
    if group is None:
        group = run_groups[run] = []
        reading.groups.append(group)
    for mention in required:
        if mention.code not in group:
            group.append(mention.code)
    reading.note("credentials_required", clause)


def _accepts_also(clause: Clause, mentions: list[Mention], reading: _Reading) -> bool:
    """ "An RN license is acceptable in lieu of a coding credential": another way to meet the
    group before it. The credentials named before the cue join that group."""
    cue = _ALSO_ACCEPTED.search(clause.text)
    if cue is None or not reading.groups:
        return False
    joining = [
        m
        for m in mentions
        if m.start - clause.start < cue.start() and not m.code.startswith("ANY_")
    ]
    if not joining:
        return False
    group = reading.groups[-1]
    group.extend(m.code for m in joining if not _covered_by_group(m.code, group))
    reading.note("credentials_required", clause)
    named = [m.code for m in mentions if not m.code.startswith("ANY_")]
    _read_grace(clause, [list(dict.fromkeys(named))], reading)
    return True


def _covered_by_group(code: str, group: list[str]) -> bool:
    """Whether a group already takes a credential: "AAPC or AHIMA certification. CPC-A and CCA
    qualify." adds nothing, as CPC-A meets the AAPC token and CCA the AHIMA one."""
    return bool(load_taxonomy().met_by(code) & set(group))


def _excluded(clause: Clause, mentions: list[Mention]) -> list[Mention]:
    """The credentials a clause turns away, the list that closely precedes the cue:
    "Apprentice designations (CPC-A, COC-A) do not satisfy the certification requirement"."""
    cue = _EXCLUSION.search(clause.text) if mentions else None
    if cue is None:
        return []
    spans = [(m.start - clause.start, m.end - clause.start) for m in mentions]
    before = [index for index, (_, end) in enumerate(spans) if end <= cue.start()]
    if not before or not _EXCLUSION_GAP.match(clause.text[spans[before[-1]][1] : cue.start()]):
        return []
    first = before[-1]
    while first and _JOINED_LIST.match(clause.text[spans[first - 1][1] : spans[first][0]]):
        first -= 1
    if _NEGATED_BEFORE.search(clause.text[: spans[first][0]]):
        return []
    return mentions[first : before[-1] + 1]


def _without_implied_groups(groups: list[list[str]]) -> list[list[str]]:
    """Drop a group of general tokens that another group implies.

    "Coding certification required" beside "CBCS, CPC or CCA required": whoever meets the
    specific group meets the general one.
    """
    taxonomy = load_taxonomy()
    kept = []
    for group in groups:
        general = set(group)
        implied = all(code.startswith("ANY_") for code in group) and any(
            other is not group
            and not any(code.startswith("ANY_") for code in other)
            and all(taxonomy.met_by(code) & general for code in other)
            for other in groups
        )
        if not implied:
            kept.append(group)
    return kept


def _finish(reading: _Reading) -> Requirements:
    reading.groups = _without_implied_groups(reading.groups)
    required_codes = {code for group in reading.groups for code in group}
    preferred = tuple(code for code in reading.preferred if code not in required_codes)
    if any(code in APPRENTICE_CODES for code in required_codes | set(preferred)):
        reading.apprentice_votes.append(True)
    accepts: bool | None = None
    if reading.apprentice_votes:
        accepts = all(reading.apprentice_votes)
    return Requirements(
        required=tuple(tuple(group) for group in reading.groups),
        preferred=preferred,
        grace_months=reading.grace_months,
        grace_credentials=tuple(reading.grace_credentials),
        accepts_apprentice=accepts,
        evidence=reading.evidence,
    )


def _mentions_by_clause(document: Document, mentions: list[Mention]) -> dict[int, list[Mention]]:
    by_clause: dict[int, list[Mention]] = {}
    for mention in mentions:
        index = document.index_at(mention.start)
        if index is not None:
            by_clause.setdefault(index, []).append(mention)
    return by_clause


def _add_preferred(reading: _Reading, code: str, clause: Clause) -> None:
    if code not in reading.preferred:
        reading.preferred.append(code)
        reading.note("credentials_preferred", clause)


def _add_group(reading: _Reading, group: list[str], clause: Clause) -> None:
    if any(set(group) == set(existing) for existing in reading.groups):
        return
    reading.groups.append(group)
    reading.note("credentials_required", clause)


def _covered_by_existing(groups: list[list[str]], group: list[str]) -> bool:
    return any(set(group) <= set(existing) for existing in groups)


def _offers_alternatives(clause: Clause, mentions: list[Mention]) -> bool:
    """A clause that offers a credential, or experience, or education, requires none of them."""
    after = clause.text[mentions[-1].end - clause.start :]
    if _GRACE.search(after):
        return False
    if _ALTERNATIVE_AFTER.search(after):
        return True
    before = clause.text[: mentions[0].start - clause.start]
    return bool(_EITHER_LETTERED.search(before)) and bool(_ALTERNATIVE_AFTER.search(after))


def _without_apprentice_asides(
    clause: Clause, mentions: list[Mention], reading: _Reading
) -> list[Mention]:
    """Read what a clause says of apprentices, and drop mentions that only serve to say it.

    "CPC-A accepted" and "CPC-A will not be considered" speak of apprentices and add no group;
    "CPC, CPC-A or CCA required" and "CPC or CPC-A (apprentice accepted)" name CPC-A as one
    acceptable credential and keep it.
    """
    speaks_of_apprentices = _read_apprentice(clause, mentions, reading)
    if not speaks_of_apprentices:
        return mentions
    excluded = bool(_APPRENTICE_EXCLUDED.search(clause.text))
    kept = []
    for index, mention in enumerate(mentions):
        if mention.code.startswith("ANY_") and (excluded or _DESIGNATION.search(clause.text)):
            continue
        if (
            mention.code in APPRENTICE_CODES
            and _cue_governs(clause, mentions, index)
            and (excluded or not _listed_after_full(clause, mentions, index))
        ):
            continue
        kept.append(mention)
    return kept


def _listed_after_full(clause: Clause, mentions: list[Mention], index: int) -> bool:
    """Whether an apprentice mention follows a full credential in an or-list ("CPC or CPC-A")."""
    if not index or mentions[index - 1].code in APPRENTICE_CODES:
        return False
    gap = clause.text[mentions[index - 1].end - clause.start : mentions[index].start - clause.start]
    return bool(_OR_LIST.match(gap))


def _cue_governs(clause: Clause, mentions: list[Mention], index: int) -> bool:
    """Whether an acceptance or exclusion cue sits right by the apprentice mention."""
    mention = mentions[index]
    later = [m for m in mentions[index + 1 :] if m.code not in APPRENTICE_CODES]
    stop = later[0].start - clause.start if later else len(clause.text)
    after = clause.text[mention.end - clause.start : stop]
    after = " ".join(after.split()[:_APPRENTICE_CUE_WORDS])
    before = " ".join(clause.text[: mention.start - clause.start].split()[-3:])
    before += " " + clause.text[mention.start - clause.start : mention.end - clause.start]
    return any(
        cue.search(after) or cue.search(before)
        for cue in (_APPRENTICE_ACCEPTED, _APPRENTICE_EXCLUDED)
    )


def _read_apprentice(clause: Clause, mentions: list[Mention], reading: _Reading) -> bool:
    """Record whether a clause accepts or excludes apprentices; say whether it speaks of them."""
    names_apprentice = any(m.code in APPRENTICE_CODES for m in mentions)
    if not names_apprentice and "apprentice" not in clause.text.lower():
        return False
    accepted = _APPRENTICE_ACCEPTED.search(clause.text)
    # "CPC-A welcome; must have apprentice status removed within 18 months" accepts them.
    conditional = accepted and _GRACE.search(clause.text)
    if _APPRENTICE_EXCLUDED.search(clause.text) and not conditional:
        reading.apprentice_votes.append(False)
        reading.note("accepts_apprentice", clause)
    elif accepted:
        reading.apprentice_votes.append(True)
        reading.note("accepts_apprentice", clause)
    return True


def _groups_of(clause: Clause, required: list[Mention]) -> list[list[str]]:
    """Split a clause's required mentions into OR-groups at each "and"."""
    if not required:
        return []
    connectors = [_connector_between(clause, a, b) for a, b in pairwise(required)]
    any_of = _ANY_OF.search(clause.text)
    if any_of:
        connectors = [
            "or"
            if connector in ("list", "and") and a.start - clause.start > any_of.start()
            else connector
            for connector, a in zip(connectors, required, strict=False)
        ]
    connectors = _resolve_lists(connectors)
    groups: list[list[str]] = [[required[0].code]]
    for mention, connector in zip(required[1:], connectors, strict=True):
        if any(mention.code in group for group in groups):
            continue
        if connector == "and":
            groups.append([mention.code])
        else:
            groups[-1].append(mention.code)
    return groups


def _connector_between(clause: Clause, first: Mention, second: Mention) -> str:
    """The connector of two mentions; "or" when the second sits in a parenthesis that accepts
    it too: "CPC-A or COC-A (fully certified CPC or COC holders are welcome too)"."""
    gap = clause.text[first.end - clause.start : second.start - clause.start]
    opening = gap.rfind("(")
    if opening != -1 and ")" not in gap[opening:]:
        closing = clause.text.find(")", second.end - clause.start)
        inside = clause.text[first.end - clause.start + opening : closing]
        if closing != -1 and _ALSO_WELCOME.search(inside) and not _AND.search(inside):
            return "or"
    return _connector(gap)


def _connector(gap: str) -> str:
    """How two credentials join across the text between them.

    A joining word beats an "either" that opens the next list: "CPC, plus either CPMA or CEMC".
    """
    if _LIST_GAP.match(gap):
        return "list"
    if _ELABORATION_GAP.match(gap) or _AND_OR.search(gap):
        return "or"
    if _AND.search(gap):
        return "and"
    if _OR.search(gap):
        return "or"
    return "and"


def _resolve_lists(connectors: list[str]) -> list[str]:
    """A comma list takes the connector that closes it: "A, B or C"; "A, B and C"."""
    resolved = list(connectors)
    closing = "or"
    for index in range(len(resolved) - 1, -1, -1):
        if resolved[index] == "list":
            resolved[index] = closing
        else:
            closing = resolved[index]
    return resolved


def _grace_match(clause: Clause) -> re.Match[str] | None:
    match = _GRACE.search(clause.text)
    if match and _GRACE_CONTEXT.search(clause.text) and _grace_months(match) is not None:
        return match
    return None


def _grace_months(match: re.Match[str]) -> int | None:
    count = 1 if match.group("count") is None else parse_count(match.group("count"))
    if count is None:
        return None
    unit = match.group("unit").lower()
    if unit.startswith("year"):
        return count * 12
    if unit.startswith("day"):
        return max(1, round(count / 30))
    if unit.startswith("week"):
        return max(1, round(count / 4.3))
    return count


def _read_grace(clause: Clause, new_groups: list[list[str]], reading: _Reading) -> list[list[str]]:
    """Grace covers the credentials its clause names, else the group it qualifies.

    Returns the clause's groups, less one that only restates an existing group to give it grace
    ("RHIT or CCS required. New graduates must pass the RHIT exam within 6 months").
    """
    match = _grace_match(clause) if reading.grace_months is None else None
    if match is None:
        return new_groups
    if new_groups:
        covered = new_groups[-1]
        if _covered_by_existing(reading.groups, covered):
            new_groups = new_groups[:-1]
    elif reading.groups and _mentions_certification(clause):
        covered = reading.groups[-1]
    else:
        return new_groups
    reading.grace_months = _grace_months(match)
    reading.grace_credentials = list(covered)
    reading.note("grace", clause)
    return new_groups


def _mentions_certification(clause: Clause) -> bool:
    """Whether a grace clause that names no credential speaks of earning one."""
    return bool(_EARNING.search(clause.text))
