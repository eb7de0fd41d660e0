"""Telling medical coding jobs from the jobs that only look like them.

Coding and coding-adjacent roles (coder, coding auditor, CDI specialist, HCC coder, coding
analyst or educator) are coding jobs. Nurses, software "coders", front desk, pure billing and
A/R, records clerks and the like are not. The title decides when it can; otherwise the duties
do: coding work ("assigns ICD-10-CM codes", "abstracts records") against the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.tagging.scan import CueTable
from indexer.tagging.segments import Document

# Titles that are never coding jobs, whatever else they say.
_NOT_CODING_TITLE = re.compile(
    r"\b(?:software|developer|engineer\w*|programmer|data scien\w*|scientist|machine learning|"
    r"\bML\b|\bNLP\b|full[- ]stack|devops|front[- ]?end|back[- ]?end|product manag\w*|"
    r"product owner|(?:systems?|applications?|IT) analyst|recruiter|sales|account executive)\b",
    re.IGNORECASE,
)
# Titles that name coding or coding-adjacent work.
_CODING_TITLE = re.compile(
    r"\bcod(?:er|ers|ing)\b|clinical documentation|documentation (?:integrity|improvement|"
    r"specialist)|\bCDI\b|\bCDS\b|\bHCC\b|risk adjustment|\bDRG\b|\babstract(?:or|ion)\b|"
    r"\bcoding\b|\bCPC\b|\bCCS\b|\bRHIT\b",
    re.IGNORECASE,
)
# Titles of neighbouring jobs: not coding unless the title also names coding.
_NEIGHBOUR_TITLE = re.compile(
    r"\b(?:nurse|\bRN\b|\bLPN\b|receptionist|front desk|scribe|scheduler|patient access|"
    r"registration|collector|collections|cash|payment post\w*|accounts receivable|\bA/R\b|"
    r"biller|billing|customer service|transcription\w*|release of information|\bROI\b|clerk|"
    r"medical assistant|pharmacy|phlebotom\w*|case manag\w*|utilization|revenue cycle|"
    r"patient financial|financial counsel\w*|credentialing|prior auth\w*|authorization|"
    r"insurance verification|representative|rep\b|call center|registrar|coordinator|charge entry|"
    r"charge capture|charge specialist|"
    r"retrieval)\b",
    re.IGNORECASE,
)
# Duties of a coder, for titles that name neither ("Health Information Technician").
_CODING_DUTY = re.compile(
    r"\bassign(?:s|ing)?\b[^.;]{0,40}\bcodes?\b|\bICD-10(?:-CM|-PCS)?\b|\bCPT\b|\bHCPCS\b|"
    r"\bDRG (?:assignment|validation)|\bHCC (?:coding|diagnoses|capture)|"
    r"\babstract(?:s|ing)?\b[^.;]{0,30}\b(?:records?|charts?|cases?|data)|"
    r"\bcod(?:es|ing)\b[^.;]{0,30}\b(?:visits|encounters|charts|records|services|procedures|"
    r"diagnos\w+|surger\w+|accounts|cases)\b|\bcoding (?:accuracy|quality|audits?|validation)|"
    r"\bclassif\w+ medical data\b",
    re.IGNORECASE,
)
# Duties that say the job is not coding: none at all, or software engineering.
_NOT_CODING_DUTY = CueTable(
    [
        r"no coding\b(?! (?:experience|background|knowledge|skills?)\b)",
        r"not a coding\b",
        r"does not (?:involve|include) coding\b",
        r"does not assign codes\b",
        r"java\b",
        r"javascript\b",
        r"typescript\b",
        r"python\b",
        r"golang\b",
        r"c\+\+",
        r"react\b",
        r"kubernetes\b",
        r"source code\b",
        r"unit tests\b",
        r"microservices\b",
        r"write code\b",
        r"writing code\b",
    ]
)


@dataclass(frozen=True)
class CodingJobReading:
    """Whether the posting is a coding job, and the text that decided it."""

    is_coding_job: bool
    evidence: str


def read_coding_job(document: Document, duties: list[int]) -> CodingJobReading:
    """Decide from the title, then from the duty clauses given by index (requirements and
    blurbs left out)."""
    title = document.clauses[0].text
    if _NOT_CODING_TITLE.search(title):
        return CodingJobReading(False, title)
    not_coding = document.hits(_NOT_CODING_DUTY)
    for index in duties:
        if index in not_coding:
            return CodingJobReading(False, document.clauses[index].text)
    if _CODING_TITLE.search(title):
        return CodingJobReading(True, title)
    if _NEIGHBOUR_TITLE.search(title):
        return CodingJobReading(False, title)
    for index in duties:
        if _CODING_DUTY.search(document.clauses[index].text):
            return CodingJobReading(True, document.clauses[index].text)
    return CodingJobReading(False, title)
