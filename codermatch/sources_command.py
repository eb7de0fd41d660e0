"""`codermatch sources check`: which job sources still answer, so a user can prune the list."""

from __future__ import annotations

from typing import Annotated

import typer

sources_app = typer.Typer(
    help="The job sources CoderMatch crawls (crawler/sources.yaml, or CODERMATCH_SOURCES).",
    no_args_is_help=True,
)


@sources_app.command("check")
def check(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only this source id (repeat).")
    ] = None,
) -> None:
    """Probe every source with one small request: ok, moved, gone, needs a key, or error.

    Exits 1 when a source has moved, is gone or errs, so a scheduled check can alert.
    """
    from codermatch.settings import Settings
    from codermatch.text_table import text_table
    from crawler.check import CheckSettings, check_sources
    from crawler.sources import load_sources

    settings = Settings()
    sources = load_sources(settings.sources)
    if source:
        unknown = sorted(set(source) - {entry.id for entry in sources})
        if unknown:
            raise typer.BadParameter(f"unknown source {', '.join(unknown)}", param_hint="--source")
        sources = [entry for entry in sources if entry.id in source]
    typer.echo(f"Checking {len(sources)} source(s)...", err=True)
    results = check_sources(
        sources,
        CheckSettings(
            user_agent=f"CoderMatch/0.1 (+{settings.contact_url})",
            usajobs_api_key=settings.usajobs_api_key,
            usajobs_email=settings.usajobs_email,
        ),
    )
    rows = [[result.source, result.kind, result.status, result.detail] for result in results]
    typer.echo(text_table(["source", "kind", "status", "detail"], rows))
    if any(result.status in ("moved", "gone", "error") for result in results):
        raise typer.Exit(1)
