"""`codermatch demo`: tag the bundled sample postings and show what each requires."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from indexer.models import Posting

_COLUMNS = (("Job", 46), ("Where", 18), ("Experience", 10), ("Pay", 18), ("Setting", 34))


def demo() -> None:
    """Tag the bundled sample postings and print, for each, what it requires."""
    from codermatch.demo import sample_postings
    from indexer.models import RawPosting
    from indexer.normalize import normalize_posting

    today = date.today()
    postings = [
        normalize_posting(RawPosting.model_validate(record), today=today)
        for record in sample_postings()
    ]
    coding = [posting for posting in postings if posting.tags.is_coding_job]
    others = [posting for posting in postings if not posting.tags.is_coding_job]
    typer.echo(f"CoderMatch tagged {len(postings)} sample postings (written by us, bundled).\n")
    typer.echo(_table(coding))
    typer.echo(f"\nNot coding jobs ({len(others)}), kept but flagged out of search:")
    for posting in others:
        typer.echo(f"  - {posting.title} ({posting.employer})")
    typer.echo(
        "\nEach row says what the posting *requires*: credentials (an apprentice such as CPC-A"
        "\nmeets CPC only where apprentices are accepted), years of experience, setting, pay."
    )


def _table(postings: list[Posting]) -> str:
    """A row a posting, and under it what the posting requires."""
    lines = [_row([name for name, _ in _COLUMNS]), _row(["-" * width for _, width in _COLUMNS])]
    for posting in postings:
        cells, requires = _cells(posting)
        lines.append(_row(cells))
        lines.append(f"    requires: {requires}")
    return "\n".join(lines)


def _cells(posting: Posting) -> tuple[list[str], str]:
    from indexer.tag_wording import (
        describe_arrangement,
        describe_conditions,
        describe_experience,
        describe_required,
        describe_salary,
        describe_settings,
    )

    tags = posting.tags
    place = posting.place
    where = describe_arrangement(tags) if tags.work_arrangement == "remote" else None
    if where is None:
        where = (
            f"{place.city}, {place.state}"
            if place and place.city
            else (place.state if place else "-")
        )
    conditions = describe_conditions(tags)
    requires = describe_required(tags) + (f" ({conditions})" if conditions else "")
    cells = [
        f"{posting.title} @ {posting.employer or '?'}",
        where or "-",
        describe_experience(tags),
        describe_salary(tags.salary),
        describe_settings(tags),
    ]
    return cells, requires


def _row(cells: list[str]) -> str:
    return "  ".join(
        _fit(cell, width).ljust(width) for cell, (_, width) in zip(cells, _COLUMNS, strict=True)
    ).rstrip()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
