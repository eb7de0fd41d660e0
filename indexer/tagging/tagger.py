"""The tagger: one posting's title and plain text in, the DOMAIN.md tags out.

Pure: no files, network, database or clock. The posting is cut into clauses that know their
section (`segments`); boilerplate is set aside (`boilerplate`); then each reader takes what it
needs: credential requirements, experience, settings, work arrangement, employment type, pay,
and whether it is a coding job at all. Each tag keeps the sentences it was read from, which
`codermatch tag --explain` shows.
"""

from __future__ import annotations

from indexer.employment import EMPLOYMENT_PHRASES, EmploymentType, as_employment_type
from indexer.salary import parse_salary
from indexer.tagging.arrangement import read_arrangement
from indexer.tagging.boilerplate import find_boilerplate
from indexer.tagging.care_settings import read_settings
from indexer.tagging.coding_job import read_coding_job
from indexer.tagging.experience import read_experience
from indexer.tagging.mentions import Mention, find_mentions
from indexer.tagging.requirements import read_requirements
from indexer.tagging.segments import Document, Section, blanked, segment
from indexer.tags import Tagging, Tags


def tag_posting(title: str, text: str, *, employer: str | None = None) -> Tagging:
    """Tag one posting from its title and plain text (structure kept: one block a line)."""
    segmented = segment(title, text)
    skip = find_boilerplate(segmented, employer)
    document = segmented.without(skip)
    mentions = find_mentions(document.text, document.lowered)
    duties = [
        index
        for index, clause in enumerate(document.clauses)
        if index not in skip and not clause.is_title and clause.section is Section.NEUTRAL
    ]

    requirements = read_requirements(document, mentions, skip)
    experience = read_experience(document, skip)
    settings = read_settings(document.with_lowered(_blank_out(document.lowered, mentions)), skip)
    arrangement = read_arrangement(document, skip)
    employment_type, employment_evidence = _employment_type(segmented)
    salary = parse_salary(segmented.text)
    coding_job = read_coding_job(document, duties)

    tags = Tags(
        is_coding_job=coding_job.is_coding_job,
        credentials_required=requirements.required,
        credentials_preferred=requirements.preferred,
        credential_grace_months=requirements.grace_months,
        grace_credentials=requirements.grace_credentials,
        accepts_apprentice=requirements.accepts_apprentice,
        min_experience_years=experience.min_years,
        settings=settings.settings,
        work_arrangement=arrangement.arrangement,
        employment_type=employment_type,
        salary=salary,
    )
    evidence = dict(requirements.evidence)
    evidence["is_coding_job"] = [coding_job.evidence]
    if experience.evidence:
        evidence["min_experience_years"] = experience.evidence
    for setting, text in settings.evidence.items():
        evidence[f"settings.{setting}"] = [text]
    if arrangement.evidence:
        evidence["work_arrangement"] = [arrangement.evidence]
    if employment_evidence:
        evidence["employment_type"] = [employment_evidence]
    return Tagging(tags, evidence)


def _employment_type(document: Document) -> tuple[EmploymentType | None, str | None]:
    """The first employment type stated anywhere, with its clause: "We are hiring a full-time
    coder" in a blurb and "Full-time, 40 hours" under benefits both say it (the phrases leave
    out "full-time employees are eligible")."""
    for index, hits in document.hits(EMPLOYMENT_PHRASES).items():
        return as_employment_type(hits[0].label), document.clauses[index].text
    return None, None


def _blank_out(text: str, mentions: list[Mention]) -> str:
    """The text with credential names blanked, so "Certified Inpatient Coder" names no setting."""
    return blanked(text, [(mention.start, mention.end) for mention in mentions])
