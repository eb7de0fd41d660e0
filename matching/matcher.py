"""Matching: every open job within a seeker's reach, judged and ranked, with reasons.

Verdicts and reasons come from `indexer.eligibility` (DOMAIN.md rules 1-6), never re-derived
here. The store narrows the jobs first with what it filters on: place and radius, minimum
pay, and credentials and experience widened so that stretches stay in (an apprentice's full
credential, one more year). It hands back light candidates; each is judged (jobs sharing
requirements, place and pay are judged once), `out` leaves, eligible jobs come before
stretches, a score orders each kind (`matching.ranking`), and only the jobs shown are read
in full. Thousands of candidates are weighed a match, so nothing is made for each of them
but its score.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from indexer.eligibility import Judgement, Verdict, combine, judge, pays_enough, within_reach
from indexer.store import Candidate, Job, PostingStore, SearchQuery
from indexer.tag_wording import describe_salary, describe_settings
from indexer.tags import Tags
from indexer.taxonomy import APPRENTICE_CODES, load_taxonomy
from matching.profile import Profile
from matching.ranking import score


@dataclass(frozen=True)
class Match:
    """A job the seeker can get (`eligible`) or nearly can (`stretch`), and why."""

    job: Job
    status: str
    score: float
    reasons: tuple[str, ...]


def match(store: PostingStore, profile: Profile, *, today: date, limit: int = 50) -> list[Match]:
    """The best `limit` eligible matches, then the best `limit` stretches, each by score."""
    shown = best_judged(store, profile, today=today, limit=limit)
    jobs = {job.id: job for job in store.jobs([c.id for c, _, _ in shown], near=profile.place)}
    return [
        Match(
            job=jobs[candidate.id],
            status=judgement.verdict.value,
            score=points,
            reasons=judgement.reasons + _facts(candidate, profile),
        )
        for candidate, judgement, points in shown
        if candidate.id in jobs
    ]


def best_judged(
    store: PostingStore, profile: Profile, *, today: date, limit: int
) -> list[tuple[Candidate, Judgement, float]]:
    """The best `limit` jobs within reach the seeker can get, then the best `limit` they
    nearly can: each with its judgement and score, best score first (ties: by id), and with
    a minimum salary, unstated pay after stated pay."""
    candidates = reachable(
        store,
        profile,
        today=today,
        credentials=widened(profile),
        experience_years=profile.experience_years + 1,  # one year short is a stretch
    )
    with_words = _ids_with_words(store, profile, today) if profile.keywords else set()
    judge = _Judge(profile)
    judgements = [judge(candidate) for candidate in candidates]
    points = [
        score(candidate, profile, today, words_in_text=candidate.id in with_words)
        if judgement.verdict is not Verdict.OUT
        else 0.0
        for candidate, judgement in zip(candidates, judgements, strict=True)
    ]
    # Rule 6: with a minimum salary, jobs that state no pay come after those that do.
    unstated_pay_last = [
        profile.min_salary is not None and candidate.annual_salary_usd is None
        for candidate in candidates
    ]
    shown = []
    for verdict in (Verdict.ELIGIBLE, Verdict.STRETCH):
        kept = [index for index, judged in enumerate(judgements) if judged.verdict is verdict]
        best = heapq.nsmallest(
            limit,
            kept,
            key=lambda at: (unstated_pay_last[at], -points[at], candidates[at].id),
        )
        shown += [(candidates[index], judgements[index], points[index]) for index in best]
    return shown


def judge_candidate(candidate: Candidate, profile: Profile) -> Judgement:
    """Rules 1-4 and 6 for one job: credentials, experience, place, pay."""
    held = judged(requirements(candidate.tags), profile.credentials, profile.experience_years)
    return combine(held, reach_and_pay(candidate, profile))


class _Judge:
    """`judge_candidate` for one profile, once for each distinct set of what it reads:
    requirements, distance, whether remote, and pay when the seeker has a minimum."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self._judgements: dict[tuple[Hashable, ...], Judgement] = {}

    def __call__(self, candidate: Candidate) -> Judgement:
        tags = candidate.tags
        key = (
            _requirements_key(tags),
            candidate.distance_miles,
            candidate.is_remote,
            candidate.annual_salary_usd if self._profile.min_salary is not None else None,
        )
        judgement = self._judgements.get(key)
        if judgement is None:
            judgement = self._judgements[key] = judge_candidate(candidate, self._profile)
        return judgement


def reach_and_pay(candidate: Candidate, profile: Profile) -> Judgement:
    """Rule 6 alone: the job is within reach and pays enough, whatever the seeker holds."""
    reach = within_reach(
        candidate.distance_miles,
        is_remote=candidate.is_remote,
        radius_miles=profile.radius_miles,
        remote_ok=profile.remote_ok,
        place_given=profile.place is not None,
    )
    if profile.min_salary is None:
        return reach
    return combine(reach, pays_enough(candidate.annual_salary_usd, profile.min_salary))


def _requirements_key(tags: Tags) -> tuple[Hashable, ...]:
    """What `requirements` keeps, as a plain tuple: quicker to make and compare than `Tags`."""
    return (
        tags.is_coding_job,
        tags.credentials_required,
        tags.credential_grace_months,
        tags.grace_credentials,
        tags.accepts_apprentice,
        tags.min_experience_years,
    )


def requirements(tags: Tags) -> Tags:
    """Only what rules 1-4 read (credentials, apprentices, grace, experience): jobs with
    the same requirements get the same verdict, whatever their pay or settings."""
    return Tags(
        is_coding_job=tags.is_coding_job,
        credentials_required=tags.credentials_required,
        credential_grace_months=tags.credential_grace_months,
        grace_credentials=tags.grace_credentials,
        accepts_apprentice=tags.accepts_apprentice,
        min_experience_years=tags.min_experience_years,
    )


@lru_cache(maxsize=65_536)
def judged(tags: Tags, credentials: frozenset[str], experience_years: int) -> Judgement:
    """Rules 1-4, once for each distinct set of requirements: many jobs share theirs."""
    return judge(tags, credentials, experience_years)


def reachable(
    store: PostingStore,
    profile: Profile,
    *,
    today: date,
    credentials: frozenset[str] | None,
    experience_years: int | None = None,
) -> list[Candidate]:
    """Open jobs within the profile's place and pay, met by `credentials` (None: any)."""
    query = SearchQuery(
        credentials=credentials or frozenset(),
        experience_years=experience_years,
        near=profile.place,
        radius_miles=profile.radius_miles,
        min_salary=profile.min_salary,
        today=today,
    )
    found = store.candidates(query)
    if not profile.remote_ok and profile.place is not None:
        found = [
            candidate for candidate in found if not candidate.is_remote or _near(candidate, profile)
        ]
    return found


def widened(profile: Profile) -> frozenset[str]:
    """The profile's credentials plus the full form of each apprentice one, so that jobs
    silent about apprentices (a stretch) are candidates too."""
    taxonomy = load_taxonomy()
    full_forms = {
        credential.code
        for credential in taxonomy.credentials.values()
        if credential.apprentice in profile.credentials & APPRENTICE_CODES
    }
    return profile.credentials | full_forms


def _near(candidate: Candidate, profile: Profile) -> bool:
    distance = candidate.distance_miles
    return distance is not None and distance <= profile.radius_miles


def _ids_with_words(store: PostingStore, profile: Profile, today: date) -> set[str]:
    query = SearchQuery(
        text=profile.keywords, near=profile.place, radius_miles=profile.radius_miles, today=today
    )
    return {candidate.id for candidate in store.candidates(query)}


def _facts(candidate: Candidate, profile: Profile) -> tuple[str, ...]:
    """What else a seeker weighs, in words: pay and the settings they asked for."""
    facts = []
    if candidate.tags.salary is not None:
        facts.append(f"Pays {describe_salary(candidate.tags.salary)}")
    wanted = profile.settings & set(candidate.tags.settings)
    if wanted:
        facts.append(f"Setting you want: {_settings_words(candidate.tags, wanted)}")
    return tuple(facts)


def _settings_words(tags: Tags, wanted: Iterable[str]) -> str:
    chosen = set(wanted)
    kept = tuple(setting for setting in tags.settings if setting in chosen)
    return describe_settings(replace(tags, settings=kept))
