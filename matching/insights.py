"""Demand and pay from live postings: by credential and by setting (`GET /api/insights`).

For each credential, the open jobs a holder of it alone meets; for each setting, the open
jobs in it; with the share that is entry level and the quartiles of stated yearly pay (the
middle of each job's range).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from indexer.store import PostingStore, SearchQuery
from indexer.tagging.care_settings import SETTINGS
from indexer.taxonomy import load_taxonomy

_ALL = 1_000_000  # every open job in one answer


@dataclass(frozen=True)
class Demand:
    """Open jobs of one credential or setting, how many take a new coder, and their pay."""

    open_jobs: int
    entry_level_share: float
    salary_quartiles: tuple[float, float, float] | None  # yearly, when 4+ jobs state pay


@dataclass(frozen=True)
class Insights:
    """Demand overall, by credential code and by setting."""

    overall: Demand
    by_credential: dict[str, Demand]
    by_setting: dict[str, Demand]


def insights(store: PostingStore, *, today: date) -> Insights:
    """Open jobs and entry-level share overall, and demand by credential and by setting."""
    overall = _demand(store, SearchQuery(size=_ALL, today=today))
    credentials = {
        code: _demand(store, SearchQuery(credentials=frozenset({code}), size=_ALL, today=today))
        for code in sorted(load_taxonomy().credentials)
    }
    settings = {
        setting: _demand(store, SearchQuery(settings=frozenset({setting}), size=_ALL, today=today))
        for setting in SETTINGS
    }
    return Insights(overall, credentials, settings)


def _demand(store: PostingStore, query: SearchQuery) -> Demand:
    jobs = store.search(query).hits
    if not jobs:
        return Demand(0, 0.0, None)
    entry = sum(job.entry_level for job in jobs) / len(jobs)
    pays = sorted(
        sum(values) / len(values)
        for job in jobs
        if job.annual_salary_usd
        and (values := [value for value in job.annual_salary_usd if value is not None])
    )
    quartiles = None
    if len(pays) >= 4:
        low, middle, high = statistics.quantiles(pays, n=4)
        quartiles = (round(low), round(middle), round(high))
    return Demand(len(jobs), round(entry, 3), quartiles)
