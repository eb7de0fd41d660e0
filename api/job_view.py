"""A job as the web pages show it: where, pay, badges, and what it requires, in plain words.

The wording of tags comes from `indexer.tag_wording` (as in the terminal); what is added here
is the sentences a job page needs ("You may earn CCS within 6 months of hire") and a last
sanitizing pass over the description, so no page shows scraped HTML that nh3 has not cleaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

import nh3

from indexer.store import Job, SourceLink
from indexer.tag_wording import (
    describe_arrangement,
    describe_experience,
    describe_place,
    describe_required,
    describe_salary,
    describe_settings,
)
from indexer.tags import Tags

_EMPLOYMENT_WORDS = {
    "full_time": "Full time",
    "part_time": "Part time",
    "contract": "Contract",
    "per_diem": "Per diem",
    "temporary": "Temporary",
}


@dataclass(frozen=True)
class JobCard:
    """What a result list shows of one job."""

    id: str
    title: str
    employer: str
    where: str
    distance: str | None
    pay: str | None
    entry_level: bool
    posted: str
    experience: str
    requires: str
    settings: str
    arrangement: str


def job_card(job: Job) -> JobCard:
    """The job's card: title, employer, place or "Remote", pay, badges, posted date."""
    tags = job.tags
    return JobCard(
        id=job.id,
        title=job.title,
        employer=job.employer or "Employer not named",
        where=where(job),
        distance=(
            f"{round(job.distance_miles)} miles away"
            if job.distance_miles is not None and not job.is_remote
            else None
        ),
        pay=describe_salary(tags.salary) if tags.salary else None,
        entry_level=job.entry_level,
        posted=_day(job.posted_at or job.first_seen.date()),
        experience=_experience_words(tags),
        requires=describe_required(tags),
        settings=describe_settings(tags) if tags.settings else "",
        arrangement=describe_arrangement(tags) if tags.work_arrangement else "",
    )


def where(job: Job) -> str:
    """ "Remote", "Tampa, FL", "FL", or "Place not stated"."""
    return describe_place(job.is_remote, job.place)


def requirement_lines(tags: Tags) -> list[str]:
    """What the posting asks of a seeker, a sentence a fact, for the job page."""
    lines = []
    if tags.credentials_required:
        lines.append(f"Required: {describe_required(tags)}.")
    else:
        lines.append("No credential is required.")
    if tags.credentials_preferred:
        lines.append(f"Preferred: {', '.join(tags.credentials_preferred)}.")
    if tags.credential_grace_months and tags.grace_credentials:
        lines.append(
            f"You may earn {' or '.join(tags.grace_credentials)} within "
            f"{tags.credential_grace_months} months of hire."
        )
    if tags.accepts_apprentice is True:
        lines.append("Apprentice credentials (CPC-A, COC-A) are accepted.")
    elif tags.accepts_apprentice is False:
        lines.append("Apprentice credentials (CPC-A, COC-A) are not accepted.")
    elif tags.credentials_required:
        lines.append("It does not say whether apprentice credentials (CPC-A, COC-A) are accepted.")
    lines.append(_experience_sentence(tags))
    return lines


def job_facts(job: Job) -> list[tuple[str, str]]:
    """The job's other facts as (name, value) pairs, for a definition list."""
    tags = job.tags
    facts = [("Where", where(job))]
    if tags.work_arrangement:
        facts.append(("Works", describe_arrangement(tags)))
    if tags.employment_type:
        facts.append(("Schedule", _EMPLOYMENT_WORDS[tags.employment_type]))
    facts.append(("Pay", describe_salary(tags.salary) if tags.salary else "Not stated"))
    if tags.settings:
        facts.append(("Setting", describe_settings(tags)))
    facts.append(("First seen", _day(job.first_seen.date())))
    facts.append(("Last seen", _day(job.last_seen.date())))
    facts.append(("Status", "Open" if job.is_open else "Closed: no source lists it any more"))
    return facts


def source_label(link: SourceLink) -> str:
    """A source link's text: the site it leads to."""
    return f"View on {urlsplit(link.url).hostname or link.source}"


def clean_description(html: str | None) -> str:
    """The description, sanitized once more before it reaches a page."""
    return nh3.clean(html or "", link_rel="noopener noreferrer nofollow")


def _experience_words(tags: Tags) -> str:
    words = describe_experience(tags)
    if words == "none":
        return "No experience required"
    if words == "not stated":
        return "Experience not stated"
    return f"{words} experience"


def _experience_sentence(tags: Tags) -> str:
    years = tags.min_experience_years
    if years is None:
        return "It does not state how much experience it requires."
    if years == 0:
        return "No coding experience is required."
    return f"At least {years} year{'s' if years > 1 else ''} of coding experience is required."


def _day(day: date | datetime) -> str:
    return f"{day:%b} {day.day}, {day.year}"
