"""Which of the week's new jobs go in one subscriber's digest, and why (DOMAIN.md rules).

A run reads the new jobs once (`NewJobs`), with their places, pay and first-seen times as
NumPy columns; each subscriber's digest is then cut from them: first seen since their last
digest, never sent to them before, within their reach and pay (rule 6), and eligible or a
stretch by the matcher's own judgement (rules 1-4, judged once for each distinct set of
requirements). Eligible jobs come first, newest first, then stretches. The tip says which
one more credential, or year, would have opened the most of these new jobs to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import numpy as np

from indexer.eligibility import Judgement, Verdict, pays_enough, within_reach
from indexer.store import Job
from indexer.tag_wording import describe_salary
from indexer.tags import Tags
from indexer.taxonomy import LICENCE_CODES, load_taxonomy
from matching.matcher import judged, requirements
from matching.profile import Profile

_EARTH_RADIUS_MILES = 3958.8
_ONE_MORE_YEAR = "One more year of experience"
_ELIGIBLE, _STRETCH, _OUT = 0, 1, 2
_JUDGED_KEPT = 4096  # distinct (credentials, years) whose judgements a run keeps at once
_VERDICT_CODES = {Verdict.ELIGIBLE: _ELIGIBLE, Verdict.STRETCH: _STRETCH, Verdict.OUT: _OUT}
# Ties between steps go to the taxonomy's order (the common credentials first), then a year.
_STEP_ORDER = {
    **{f"Adding {code}": rank for rank, code in enumerate(load_taxonomy().credentials)},
    _ONE_MORE_YEAR: len(load_taxonomy().credentials),
}


@dataclass(frozen=True)
class Pick:
    """A job in a digest, whether the seeker can get it or nearly can, and the reasons (the
    distance among them)."""

    job: Job
    status: str  # "eligible" or "stretch"
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _KindsJudged:
    """Every kind of requirements judged for one set of credentials and years."""

    verdicts: np.ndarray  # _ELIGIBLE, _STRETCH or _OUT, by kind
    judgements: tuple[Judgement, ...]  # by kind, with the reasons


@dataclass(frozen=True)
class DigestContent:
    """One subscriber's digest: the jobs shown, how many more there are, and the tip."""

    eligible: tuple[Pick, ...]
    stretch: tuple[Pick, ...]
    more: int  # matching jobs left out of the e-mail
    tip: str | None

    @property
    def is_empty(self) -> bool:
        return not (self.eligible or self.stretch)

    @property
    def job_ids(self) -> list[str]:
        return [pick.job.id for pick in (*self.eligible, *self.stretch)]


class NewJobs:
    """The open jobs first seen lately, as columns one subscriber after another is cut from."""

    def __init__(self, jobs: Iterable[Job]) -> None:
        self.jobs = sorted(jobs, key=lambda job: (job.first_seen, job.id), reverse=True)
        self._first_seen = np.array([job.first_seen.timestamp() for job in self.jobs])
        places = [job.place for job in self.jobs]
        self._latitude = np.radians(
            [place.latitude if place and place.latitude is not None else np.nan for place in places]
        )
        self._longitude = np.radians(
            [
                place.longitude if place and place.longitude is not None else np.nan
                for place in places
            ]
        )
        self._remote = np.array([job.is_remote for job in self.jobs], dtype=bool)
        self._top_pay = np.array([_top_pay(job) for job in self.jobs], dtype=float)
        # Jobs share requirements: each distinct set is judged once a subscriber.
        kinds: dict[Tags, int] = {}
        self._kind_of = np.array(
            [kinds.setdefault(requirements(job.tags), len(kinds)) for job in self.jobs],
            dtype=np.int64,
        )
        self._kinds = list(kinds)
        self._position = {job.id: index for index, job in enumerate(self.jobs)}
        # Subscribers share credentials and years: how each kind is judged for them, kept.
        self._judged: dict[tuple[frozenset[str], int], _KindsJudged] = {}
        self._pay_words: dict[int, tuple[str, ...]] = {}  # "Pays ..." by job, once said

    def __len__(self) -> int:
        return len(self.jobs)

    def digest_for(
        self,
        profile: Profile,
        *,
        since: datetime,
        already_sent: Collection[str],
        eligible_limit: int = 10,
        stretch_limit: int = 5,
    ) -> DigestContent:
        """The digest of one subscriber: the newest eligible jobs, then the newest stretches."""
        distances = self._distances(profile)
        candidates = self._within(profile, since, distances)
        for job_id in already_sent:
            if job_id in self._position:
                candidates[self._position[job_id]] = False
        judged_kinds = self._judged_for(profile)
        verdicts = judged_kinds.verdicts[self._kind_of]
        eligible = np.flatnonzero(candidates & (verdicts == _ELIGIBLE))
        stretch = np.flatnonzero(candidates & (verdicts == _STRETCH))
        not_eligible = np.bincount(
            self._kind_of[candidates & (verdicts != _ELIGIBLE)], minlength=len(self._kinds)
        )
        shown = eligible[:eligible_limit], stretch[:stretch_limit]
        return DigestContent(
            eligible=tuple(
                self._pick(int(index), profile, distances, judged_kinds) for index in shown[0]
            ),
            stretch=tuple(
                self._pick(int(index), profile, distances, judged_kinds) for index in shown[1]
            ),
            more=len(eligible) + len(stretch) - len(shown[0]) - len(shown[1]),
            tip=_tip(
                {
                    self._kinds[kind]: int(not_eligible[kind])
                    for kind in np.flatnonzero(not_eligible)
                },
                profile,
            ),
        )

    def _judged_for(self, profile: Profile) -> _KindsJudged:
        """Each kind of requirements judged for what the subscriber holds."""
        held = (profile.credentials, profile.experience_years)
        judged_kinds = self._judged.get(held)
        if judged_kinds is None:
            if len(self._judged) >= _JUDGED_KEPT:
                self._judged.clear()
            judgements = tuple(judged(kind, *held) for kind in self._kinds)
            verdicts = [_VERDICT_CODES[judgement.verdict] for judgement in judgements]
            judged_kinds = _KindsJudged(np.array(verdicts, dtype=np.int8), judgements)
            self._judged[held] = judged_kinds
        return judged_kinds

    def _within(self, profile: Profile, since: datetime, distances: np.ndarray) -> np.ndarray:
        keep = self._first_seen >= since.timestamp()
        if profile.place is not None:
            near = distances <= profile.radius_miles  # an unknown distance (NaN) is not near
            keep &= near | (self._remote & profile.remote_ok)
        if profile.min_salary is not None:
            keep &= ~(self._top_pay < profile.min_salary)  # unstated pay (NaN) stays
        return keep

    def _distances(self, profile: Profile) -> np.ndarray:
        place = profile.place
        if place is None or place.latitude is None or place.longitude is None:
            return np.full(len(self.jobs), np.nan)
        latitude, longitude = np.radians(place.latitude), np.radians(place.longitude)
        half_chord = (
            np.sin((self._latitude - latitude) / 2) ** 2
            + np.cos(latitude)
            * np.cos(self._latitude)
            * np.sin((self._longitude - longitude) / 2) ** 2
        )
        return 2 * _EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(half_chord, 0, 1)))

    def _pick(
        self, index: int, profile: Profile, distances: np.ndarray, judged_kinds: _KindsJudged
    ) -> Pick:
        job = self.jobs[index]
        held = judged_kinds.judgements[self._kind_of[index]]
        distance = None if np.isnan(distances[index]) else float(distances[index])
        reach = within_reach(
            distance,
            is_remote=job.is_remote,
            radius_miles=profile.radius_miles,
            remote_ok=profile.remote_ok,
            place_given=profile.place is not None,
        )
        reasons = held.reasons + reach.reasons
        if profile.min_salary is not None:
            reasons += pays_enough(job.annual_salary_usd, profile.min_salary).reasons
        else:
            reasons += self._pay_said(index)
        return Pick(job, held.verdict.value, reasons)

    def _pay_said(self, index: int) -> tuple[str, ...]:
        said = self._pay_words.get(index)
        if said is None:
            salary = self.jobs[index].tags.salary
            said = self._pay_words[index] = (f"Pays {describe_salary(salary)}",) if salary else ()
        return said


def _tip(not_eligible: dict[Tags, int], profile: Profile) -> str | None:
    """The one step that would have made the most of these jobs eligible, in a sentence."""
    opened: Counter[str] = Counter()
    for tags, count in not_eligible.items():
        for step in _steps_opening(tags, profile.credentials, profile.experience_years):
            opened[step] += count
    if not opened:
        return None
    step, count = min(opened.items(), key=lambda item: (-item[1], _STEP_ORDER[item[0]]))
    jobs = "job" if count == 1 else "jobs"
    return f"{step} would have opened {count} more of this week's new {jobs} to you."


@lru_cache(maxsize=65_536)
def _steps_opening(tags: Tags, credentials: frozenset[str], years: int) -> tuple[str, ...]:
    """The steps (one more credential, or one more year) that make these requirements met;
    remembered, since subscribers share credentials and jobs share requirements."""
    steps = [
        (f"Adding {code}", credentials | {code}, years)
        for code in load_taxonomy().credentials
        if code not in credentials and code not in LICENCE_CODES
    ]
    steps.append((_ONE_MORE_YEAR, credentials, years + 1))
    return tuple(
        words
        for words, held, held_years in steps
        if judged(tags, held, held_years).verdict is Verdict.ELIGIBLE
    )


def _top_pay(job: Job) -> float:
    pay: Sequence[float | None] = job.annual_salary_usd or ()
    stated = [amount for amount in pay if amount is not None]
    return max(stated) if stated else np.nan
