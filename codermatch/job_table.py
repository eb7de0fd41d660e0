"""Jobs as a table a person can read in a terminal: a row a job, what it requires beneath."""

from __future__ import annotations

from collections.abc import Iterable

from indexer.store import Job
from indexer.tag_wording import (
    describe_conditions,
    describe_experience,
    describe_required,
    describe_salary,
    describe_settings,
)

_COLUMNS = (("Job", 46), ("Where", 22), ("Experience", 10), ("Pay", 18), ("Setting", 30))


def jobs_table(jobs: Iterable[Job]) -> str:
    """The jobs as rows, each followed by a "requires:" line."""
    lines = [_row([name for name, _ in _COLUMNS]), _row(["-" * width for _, width in _COLUMNS])]
    for job in jobs:
        lines.append(_row(_cells(job)))
        lines.append(f"    requires: {_requires(job)}")
    return "\n".join(lines)


def _cells(job: Job) -> list[str]:
    tags = job.tags
    badge = " [entry level]" if job.entry_level else ""
    return [
        f"{job.title} @ {job.employer or '?'}{badge}",
        _where(job),
        describe_experience(tags),
        describe_salary(tags.salary),
        describe_settings(tags),
    ]


def _where(job: Job) -> str:
    if job.is_remote:
        return "Remote"
    place = job.place
    if place is None:
        return "-"
    where = f"{place.city}, {place.state}" if place.city else (place.state or "-")
    if job.distance_miles is not None:
        where += f" ({round(job.distance_miles)} mi)"
    return where


def _requires(job: Job) -> str:
    conditions = describe_conditions(job.tags)
    return describe_required(job.tags) + (f" ({conditions})" if conditions else "")


def _row(cells: list[str]) -> str:
    return "  ".join(
        _fit(cell, width).ljust(width) for cell, (_, width) in zip(cells, _COLUMNS, strict=True)
    ).rstrip()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
