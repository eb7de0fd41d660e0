"""`codermatch ingest FILE.jsonl`: store raw postings, one JSON object a line."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer


def ingest(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help="Raw postings, one JSON object a line."),
    ],
) -> None:
    """Normalize, tag and store postings; bad lines are reported by number and skipped."""
    from codermatch.settings import Settings
    from codermatch.stores import open_store
    from indexer.ingest import IngestReport, ingest, read_raw_postings

    store = open_store(Settings())
    report = IngestReport()
    with file.open(encoding="utf-8") as lines:
        ingest(
            read_raw_postings(lines, report),
            store,
            today=date.today(),
            seen_at=datetime.now(UTC).replace(microsecond=0),
            report=report,
            workers=os.cpu_count() or 1,
        )
    store.close()
    for bad_line in report.bad_lines:
        typer.echo(bad_line, err=True)
    typer.echo(
        f"Stored {report.stored} postings: {report.new} new, {report.merged} merged into a job "
        f"seen elsewhere, {report.changed} changed, {report.unchanged} unchanged; "
        f"{report.not_coding} flagged as not coding jobs."
    )
    if report.bad_lines:
        typer.echo(f"{len(report.bad_lines)} line(s) skipped.", err=True)
        raise typer.Exit(1)
