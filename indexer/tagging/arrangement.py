"""Whether a job is worked remotely, hybrid or on site, from its title and text.

The first statement wins ("Onsite; some remote work after one year" is on site; "Remote with
occasional onsite meetings" is remote), except that any statement of hybrid work makes the job
hybrid. Remote negated ("not a remote position") means on site. Benefits such as "remote-ready
equipment" are skipped by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ARRANGEMENT = re.compile(
    r"(?P<hybrid>\bhybrid\b)"
    r"|(?P<not_remote>\bnot (?:a |an |eligible for |open to )?(?:fully )?remote\b|"
    r"\bno remote\b|\bremote (?:work )?is not (?:available|an option|offered)\b|"
    r"\b(?:telework|remote)(?: eligible| work| job| option)?\s*[:-]?\s*(?:no\b|not available|"
    r"none\b|ineligible))"
    r"|(?P<remote>\b(?:fully |100% |100 percent )?remote(?:ly)?\b(?![- ](?:ready|monitoring|"
    r"patient|access|support|desktop))|work(?:ing)? from home|\bWFH\b|\btelecommut\w*|"
    r"\btelework\w*|\bvirtual (?:position|role)\b|\bhome[- ]based\b)"
    r"|(?P<onsite>\bon[- ]?site\b|\bin[- ]office\b|\bin the office\b|\bin person\b|"
    r"\bin-person\b|\bon[- ]premises?\b|\boffice[- ]based\b|\bwork is performed in an office\b|"
    r"\bonsite\b|\bon location\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArrangementReading:
    """`remote`, `hybrid`, `onsite` or None, with the text that said so."""

    arrangement: str | None
    evidence: str | None


def read_arrangement(texts: list[str]) -> ArrangementReading:
    """How the job is worked, from the title and the clauses given, in order."""
    first: tuple[str, str] | None = None
    for text in texts:
        for match in _ARRANGEMENT.finditer(text):
            kind = match.lastgroup or ""
            if kind == "hybrid":
                return ArrangementReading("hybrid", text)
            if first is None:
                first = ("onsite" if kind == "not_remote" else kind, text)
    if first is None:
        return ArrangementReading(None, None)
    return ArrangementReading(first[0], first[1])
