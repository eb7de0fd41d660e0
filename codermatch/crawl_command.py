"""`codermatch crawl [--source ID]`: crawl the sources, store what they list, show a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from codermatch.settings import Settings
    from crawler.sources import Source

_COLUMNS = ("fetched", "new", "updated", "unchanged", "closed", "not_coding", "errors")


def crawl(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only this source id (repeat).")
    ] = None,
) -> None:
    """Crawl job sources politely, store new and changed postings, close the vanished ones."""
    from codermatch.settings import Settings
    from crawler.sources import load_sources

    settings = Settings()
    sources = load_sources(settings.sources)
    if source:
        known = {entry.id for entry in sources}
        unknown = [wanted for wanted in source if wanted not in known]
        if unknown:
            raise typer.BadParameter(f"unknown source {', '.join(unknown)}", param_hint="--source")
        sources = [entry for entry in sources if entry.id in source]
    typer.echo(f"Crawling {len(sources)} source(s)...", err=True)
    summaries = crawl_sources(settings, sources)
    order = {entry.id: index for index, entry in enumerate(sources)}
    summaries.sort(key=lambda summary: order.get(str(summary["source"]), len(order)))
    typer.echo(_table(summaries))
    crawled = [summary for summary in summaries if not summary.get("skipped")]
    if crawled and all(summary.get("failed") for summary in crawled):
        raise typer.Exit(1)


def crawl_sources(settings: Settings, sources: list[Source]) -> list[dict[str, Any]]:
    """Crawl these sources into the settings' store; one summary a source (shared with the
    scheduler)."""
    from crawler.run import CrawlSettings
    from crawler.run import crawl as run_crawl

    settings.ensure_data_dir()
    return run_crawl(
        sources,
        CrawlSettings(
            store_url=settings.store_url,
            contact_url=settings.contact_url,
            polite=settings.crawl_polite,
            usajobs_api_key=settings.usajobs_api_key,
            usajobs_email=settings.usajobs_email,
        ),
    )


def _table(summaries: list[dict[str, Any]]) -> str:
    from codermatch.text_table import text_table

    rows = []
    for summary in summaries:
        status = "failed" if summary.get("failed") else "ok"
        if summary.get("held_back"):
            status = "held back"
        if summary.get("skipped"):
            status = f"skipped: {summary['skipped']}"
        rows.append([summary["source"], *(summary.get(column, 0) for column in _COLUMNS), status])
    header = ["source", *(column.replace("_", "-") for column in _COLUMNS), "status"]
    return text_table(header, rows)
