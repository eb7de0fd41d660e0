"""How matches are ordered: eligible before stretch, then a score from one weights table.

Each part of the score is between 0 and 1 and says how well one thing fits; the weights say
how much each matters to a seeker, and are explained where they are set.
"""

from __future__ import annotations

import math
from datetime import date

from indexer.store import Candidate
from matching.profile import Profile

WEIGHTS = {
    # The settings the seeker asked for: a coder who wants risk adjustment wants those first.
    "setting": 3.0,
    # The seeker's own words in the title or text: they typed them, so they count a lot.
    "keywords": 2.5,
    # Close to home, or remote when remote is wanted: a commute is a daily cost.
    "place": 2.0,
    # Better pay ranks higher; unstated pay gets nothing (DOMAIN.md rule 6 puts it after).
    "pay": 1.5,
    # Newer postings are likelier still open and less crowded with applicants.
    "recency": 1.0,
}
# The weights by name, read once: a match scores thousands of jobs.
_SETTING, _KEYWORDS, _PLACE, _PAY, _RECENCY = (
    WEIGHTS[name] for name in ("setting", "keywords", "place", "pay", "recency")
)
# Pay at or above this many dollars a year scores full marks on pay.
_PAY_FOR_FULL_MARKS = 80_000.0
# A posting this many days old has half the recency score of one posted today.
_RECENCY_HALF_LIFE_DAYS = 14.0


def score(job: Candidate, profile: Profile, today: date, *, words_in_text: bool) -> float:
    """The job's fit for the seeker, 0 to the sum of the weights, rounded for display.

    `words_in_text` says whether the full-text search found the seeker's words in the job.
    The parts are added in the order of `WEIGHTS`.
    """
    fit = (
        _SETTING * setting_fit(job, profile)
        + _KEYWORDS * keyword_fit(job, profile, words_in_text=words_in_text)
        + _PLACE * place_fit(job, profile)
        + _PAY * pay_fit(job)
        + _RECENCY * recency(job, today)
    )
    return round(fit, 3)


def setting_fit(job: Candidate, profile: Profile) -> float:
    """The share of wanted settings the job has (0 when none is wanted)."""
    if not profile.settings:
        return 0.0
    return len(profile.settings & set(job.tags.settings)) / len(profile.settings)


def keyword_fit(job: Candidate, profile: Profile, *, words_in_text: bool) -> float:
    """The share of the seeker's words in the title; half marks for words only in the text."""
    words = profile.keywords.lower().split()
    if not words:
        return 0.0
    in_title = sum(word in job.title.lower() for word in words) / len(words)
    return max(in_title, 0.5 if words_in_text else 0.0)


def place_fit(job: Candidate, profile: Profile) -> float:
    """1 for remote (when wanted) or next door, falling to 0 at the edge of the radius."""
    if job.is_remote and profile.remote_ok:
        return 1.0
    if profile.place is None or job.distance_miles is None:
        return 0.5
    return max(0.0, 1.0 - job.distance_miles / profile.radius_miles)


def pay_fit(job: Candidate) -> float:
    """The top of the yearly pay against a good coder's salary, capped at 1."""
    if job.annual_salary_usd is None:
        return 0.0
    low, high = job.annual_salary_usd
    top = high if high is not None else low
    return min(1.0, (top or 0.0) / _PAY_FOR_FULL_MARKS)


def recency(job: Candidate, today: date) -> float:
    """Halves every `_RECENCY_HALF_LIFE_DAYS` since the posting date (or first seen)."""
    age = max(0, (today - job.posted_at).days)
    return math.pow(0.5, age / _RECENCY_HALF_LIFE_DAYS)
