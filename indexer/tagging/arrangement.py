"""Whether a job is worked remotely, hybrid or on site, from its title and text.

The first statement wins ("Onsite; some remote work after one year" is on site; "Remote with
occasional onsite meetings" is remote), except that any statement of hybrid work makes the job
hybrid. Remote negated ("not a remote position", "Telework: not available") means on site.
Benefits such as "remote-ready equipment" are boilerplate, skipped by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.tagging.scan import CueTable
from indexer.tagging.segments import Document

_ARRANGEMENT = CueTable(
    {
        "hybrid": [r"hybrid\b"],
        "onsite": [
            r"not (?:a |an |eligible for |open to )?(?:fully )?remote\b",
            r"no remote\b",
            r"remote (?:work )?is not (?:available|an option|offered)\b",
            r"telework(?: eligible| work| job| option)?\s*[:-]?\s*(?:no\b|not available|none\b|"
            r"ineligible)",
            r"remote(?: eligible| work| job| option)?\s*[:-]?\s*(?:no\b|not available|none\b|"
            r"ineligible)",
            r"on-site\b",
            r"on site\b",
            r"onsite\b",
            r"in-office\b",
            r"in office\b",
            r"in the office\b",
            r"in-person (?:position|role|job|work)\b",
            r"in person (?:position|role|job|work)\b",
            r"location\s*:\s*in[- ]person\b",
            r"on-premises?\b",
            r"on premises?\b",
            r"office-based\b",
            r"office based\b",
            r"work is performed in an office\b",
            r"on location\b",
            r"in our (?:[\w-]+ ){0,3}(?:office|offices|campus|facility)\b",
            r"at our (?:[\w-]+ ){0,3}(?:office|offices|campus|facility)\b",
            r"report(?:s|ing)? (?:daily )?to (?:our|the) (?:[\w-]+ ){0,2}office\b",
        ],
        "remote": [
            r"remote\b(?![- ](?:ready|monitoring|patient|access|support|desktop))",
            r"remotely\b",
            r"work from home\b",
            r"working from home\b",
            r"WFH\b",
            r"telecommute\b",
            r"telecommuting\b",
            r"telework\b",
            r"teleworking\b",
            r"virtual (?:position|role)\b",
            r"home-based\b",
            r"home based\b",
        ],
    }
)


@dataclass(frozen=True)
class ArrangementReading:
    """`remote`, `hybrid`, `onsite` or None, with the text that said so."""

    arrangement: str | None
    evidence: str | None


def read_arrangement(document: Document, skip: frozenset[int]) -> ArrangementReading:
    """How the job is worked, from the title and the clauses not in `skip`, in order."""
    first: ArrangementReading | None = None
    for index, hits in document.hits(_ARRANGEMENT).items():
        if index in skip:
            continue
        text = document.clauses[index].text
        if any(hit.label == "hybrid" for hit in hits):
            return ArrangementReading("hybrid", text)
        if first is None:
            first = ArrangementReading(_first_statement(hits), text)
    return first or ArrangementReading(None, None)


def _first_statement(hits: list) -> str:
    """The clause's first statement; a negated remote hides the "remote" inside it."""
    statement = hits[0]
    for hit in hits[1:]:
        if hit.start < statement.end and hit.label == "onsite":
            statement = hit
    return statement.label
