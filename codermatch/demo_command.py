"""`codermatch demo`: store the bundled sample postings and show the search a new coder makes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

import typer

# The search of a new coder who just passed the CPC exam: CPC-A, no experience, near home.
_NEW_CODER = {"credential": ("CPC-A",), "experience_years": 0, "entry_level": True}


def demo(
    near: Annotated[str, typer.Option("--near", help="Where the new coder lives.")] = "Tampa, FL",
) -> None:
    """Tag and store the bundled sample postings, then search as a new CPC-A would."""
    from codermatch.demo import sample_postings
    from codermatch.job_table import jobs_table
    from codermatch.settings import Settings
    from codermatch.stores import open_store
    from indexer.ingest import ingest
    from indexer.models import RawPosting
    from indexer.search_request import SearchRequest, to_query

    settings = Settings()
    store = open_store(settings)
    raw_postings = [RawPosting.model_validate(record) for record in sample_postings()]
    today = date.today()
    report = ingest(
        raw_postings, store, today=today, seen_at=datetime.now(UTC).replace(microsecond=0)
    )
    stats = store.stats()
    typer.echo(
        f"CoderMatch stored {report.stored} sample postings (written by us, bundled) in "
        f"{settings.store_url}: {stats['open']} open coding jobs from {stats['sources']} sources, "
        f"{report.merged} duplicates merged, {stats['not_coding']} flagged as not coding jobs.\n"
    )
    request = SearchRequest(near=near, **_NEW_CODER)  # type: ignore[arg-type]
    result = store.search(to_query(request, today=today))
    store.close()
    typer.echo(
        f"A new coder holding CPC-A, with no experience, near {near} (50 miles, or remote), "
        f"entry level: {result.total} jobs.\n"
    )
    typer.echo(jobs_table(result.hits))
    typer.echo(
        "\nSearch yourself, for example:\n"
        "  .venv/bin/codermatch search --credential CCS --experience-years 2 --setting inpatient\n"
        "  .venv/bin/codermatch search coder --credential CPC --near 'Columbus, OH' --sort salary"
    )
