"""The career advisor: which one more credential, or one more year, opens the most jobs.

For a profile, each credential the seeker does not hold (licences aside: an RN is not a
step one takes for a coding job) and one more year of experience are tried in turn; the
answer counts the jobs within reach that become eligible with it and are not now, with the
median of their stated yearly pay. The verdicts come from `matching.matcher`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from indexer.eligibility import Verdict
from indexer.store import Candidate, PostingStore
from indexer.tags import Tags
from indexer.taxonomy import LICENCE_CODES, load_taxonomy
from matching.matcher import judged, reach_and_pay, reachable, requirements
from matching.profile import Profile

ONE_MORE_YEAR = "one more year of experience"


@dataclass(frozen=True)
class Advice:
    """One step and what it would open: jobs newly eligible, and their median yearly pay."""

    step: str  # a credential code, or ONE_MORE_YEAR
    more_jobs: int
    median_pay: float | None

    @property
    def sentence(self) -> str:
        """The advice in plain words."""
        what = f"Adding {self.step}" if self.step != ONE_MORE_YEAR else "One more year"
        pay = f", median ${self.median_pay:,.0f} a year" if self.median_pay else ""
        jobs = "job" if self.more_jobs == 1 else "jobs"
        return f"{what} would open {self.more_jobs} more {jobs} within your reach{pay}"


def advise(store: PostingStore, profile: Profile, *, today: date, best: int = 3) -> list[Advice]:
    """The `best` steps that open the most jobs, most first; none that opens nothing.

    Place and pay do not change with a step, so they are judged once a job; credentials
    and experience are judged once for each distinct set of requirements a step.
    """
    within: dict[Tags, list[Candidate]] = defaultdict(list)
    for job in reachable(store, profile, today=today, credentials=None):
        reached = reach_and_pay(job, profile).verdict is Verdict.ELIGIBLE
        if reached and not _eligible(requirements(job.tags), profile):
            within[requirements(job.tags)].append(job)
    steps = [
        (code, replace(profile, credentials=profile.credentials | {code}))
        for code in sorted(load_taxonomy().credentials)
        if code not in profile.credentials and code not in LICENCE_CODES
    ]
    steps.append((ONE_MORE_YEAR, replace(profile, experience_years=profile.experience_years + 1)))
    advice = []
    for step, stepped in steps:
        opened = [job for tags, jobs in within.items() if _eligible(tags, stepped) for job in jobs]
        if opened:
            advice.append(Advice(step, len(opened), _median_pay(opened)))
    advice.sort(key=lambda item: (-item.more_jobs, -(item.median_pay or 0), item.step))
    return advice[:best]


def _eligible(tags: Tags, profile: Profile) -> bool:
    return judged(tags, profile.credentials, profile.experience_years).verdict is Verdict.ELIGIBLE


def _median_pay(jobs: list[Candidate]) -> float | None:
    pays = [
        sum(value for value in job.annual_salary_usd if value is not None)
        / len([value for value in job.annual_salary_usd if value is not None])
        for job in jobs
        if job.annual_salary_usd and any(value is not None for value in job.annual_salary_usd)
    ]
    return statistics.median(pays) if pays else None
