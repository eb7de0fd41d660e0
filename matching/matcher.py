"""Matching: every open job within a seeker's reach, judged and ranked, with reasons.

Verdicts and reasons come from `indexer.eligibility` (DOMAIN.md rules 1-6), never re-derived
here. The store narrows the jobs first with what it filters on: place and radius, minimum
pay, and credentials and experience widened so that stretches stay in (an apprentice's full
credential, one more year). It hands back light candidates; each is judged (jobs sharing
tags are judged once), `out` leaves, eligible jobs come before stretches, a score orders
each kind (`matching.ranking`), and only the jobs shown are read in full.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    judged = judged_candidates(store, profile, today=today)
    judged.sort(key=lambda item: (-item[2], item[0].id))
    shown = [item for item in judged if item[1].verdict is Verdict.ELIGIBLE][:limit]
    shown += [item for item in judged if item[1].verdict is Verdict.STRETCH][:limit]
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


def judged_candidates(
    store: PostingStore, profile: Profile, *, today: date
) -> list[tuple[Candidate, Judgement, float]]:
    """Every job within reach the seeker can get or nearly can: its judgement and score."""
    candidates = reachable(
        store,
        profile,
        today=today,
        credentials=widened(profile),
        experience_years=profile.experience_years + 1,  # one year short is a stretch
    )
    with_words = _ids_with_words(store, profile, today) if profile.keywords else set()
    judged = []
    for candidate in candidates:
        judgement = judge_candidate(candidate, profile)
        if judgement.verdict is not Verdict.OUT:
            points = score(candidate, profile, today, words_in_text=candidate.id in with_words)
            judged.append((candidate, judgement, points))
    return judged


def judge_candidate(candidate: Candidate, profile: Profile) -> Judgement:
    """Rules 1-4 and 6 for one job: credentials, experience, place, pay."""
    held = judged(requirements(candidate.tags), profile.credentials, profile.experience_years)
    return combine(held, reach_and_pay(candidate, profile))


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
