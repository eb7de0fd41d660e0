"""Matching: every open job within a seeker's reach, judged and ranked, with reasons.

Verdicts and reasons come from `indexer.eligibility` (DOMAIN.md rules 1-6), never re-derived
here. The store narrows the jobs first with what it can filter on: place and radius, minimum
pay, and credentials, widened so that stretches stay in (an apprentice's full credential,
one more year of experience). Each candidate is then judged; `out` leaves, eligible jobs come
before stretches, and a score orders each kind (`matching.ranking`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from indexer.eligibility import Judgement, Verdict, combine, judge, pays_enough, within_reach
from indexer.store import Job, PostingStore, SearchQuery
from indexer.tag_wording import describe_salary, describe_settings
from indexer.taxonomy import APPRENTICE_CODES, load_taxonomy
from matching.profile import Profile
from matching.ranking import score

# The store answers at most this many candidates a query; more than any seeker reads.
_MOST_CANDIDATES = 100_000


@dataclass(frozen=True)
class Match:
    """A job the seeker can get (`eligible`) or nearly can (`stretch`), and why."""

    job: Job
    status: str
    score: float
    reasons: tuple[str, ...]


def match(store: PostingStore, profile: Profile, *, today: date, limit: int = 50) -> list[Match]:
    """The best `limit` eligible matches, then the best `limit` stretches, each by score."""
    matches = judged_matches(store, profile, today=today)
    matches.sort(key=lambda m: (-m.score, m.job.id))
    eligible = [m for m in matches if m.status == Verdict.ELIGIBLE.value]
    stretches = [m for m in matches if m.status == Verdict.STRETCH.value]
    return eligible[:limit] + stretches[:limit]


def judged_matches(store: PostingStore, profile: Profile, *, today: date) -> list[Match]:
    """Every job within the seeker's reach that they can get or nearly can, unsorted."""
    candidates = reachable_jobs(
        store,
        profile,
        today=today,
        credentials=widened(profile),
        experience_years=profile.experience_years + 1,  # one year short is a stretch
    )
    with_words = _jobs_with_words(store, profile, today) if profile.keywords else set()
    matches = []
    for job in candidates:
        judgement = judge_job(job, profile)
        if judgement.verdict is Verdict.OUT:
            continue
        reasons = judgement.reasons + _facts(job, profile)
        matches.append(
            Match(
                job=job,
                status=judgement.verdict.value,
                score=score(job, profile, today, words_in_text=job.id in with_words),
                reasons=reasons,
            )
        )
    return matches


def judge_job(job: Job, profile: Profile) -> Judgement:
    """Rules 1-4 and 6 for one job: credentials, experience, place, pay."""
    reach = within_reach(
        job.distance_miles,
        is_remote=job.is_remote,
        radius_miles=profile.radius_miles,
        remote_ok=profile.remote_ok,
        place_given=profile.place is not None,
    )
    pay = (
        pays_enough(job.annual_salary_usd, profile.min_salary)
        if profile.min_salary is not None
        else Judgement(Verdict.ELIGIBLE, ())
    )
    return combine(judge(job.tags, profile.credentials, profile.experience_years), reach, pay)


def reachable_jobs(
    store: PostingStore,
    profile: Profile,
    *,
    today: date,
    credentials: frozenset[str] | None,
    experience_years: int | None = None,
) -> list[Job]:
    """Open jobs within the profile's place and pay, met by `credentials` (None: any)."""
    query = SearchQuery(
        credentials=credentials or frozenset(),
        experience_years=experience_years,
        near=profile.place,
        radius_miles=profile.radius_miles,
        min_salary=profile.min_salary,
        today=today,
        sort="date",
        size=_MOST_CANDIDATES,
    )
    jobs = store.search(query).hits
    if not profile.remote_ok and profile.place is not None:
        jobs = tuple(job for job in jobs if not job.is_remote or _near(job, profile))
    return list(jobs)


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


def _near(job: Job, profile: Profile) -> bool:
    return job.distance_miles is not None and job.distance_miles <= profile.radius_miles


def _jobs_with_words(store: PostingStore, profile: Profile, today: date) -> set[str]:
    query = SearchQuery(
        text=profile.keywords,
        near=profile.place,
        radius_miles=profile.radius_miles,
        today=today,
        sort="date",
        size=_MOST_CANDIDATES,
    )
    return {job.id for job in store.search(query).hits}


def _facts(job: Job, profile: Profile) -> tuple[str, ...]:
    """What else a seeker weighs, in words: pay and the settings they asked for."""
    facts = []
    if job.tags.salary is not None:
        facts.append(f"Pays {describe_salary(job.tags.salary)}")
    wanted = profile.settings & set(job.tags.settings)
    if wanted:
        facts.append(f"Setting you want: {_settings_words(job, wanted)}")
    return tuple(facts)


def _settings_words(job: Job, wanted: Iterable[str]) -> str:
    chosen = set(wanted)
    kept = tuple(setting for setting in job.tags.settings if setting in chosen)
    return describe_settings(replace(job.tags, settings=kept))
