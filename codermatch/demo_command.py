"""`codermatch demo`: crawl the bundled snapshot on loopback, then show what a seeker finds.

The whole pipeline runs as it does on live sources: the snapshot server answers in every
source kind's real format, the real spiders crawl it, and the postings are tagged, merged and
stored in the embedded store (a second run updates them; nothing is stored twice). Then the
summary: what the crawl did by source kind, open jobs by credential and by setting, the
entry-level share, and the search of a new coder holding CPC-A. Last, unless told not to, it
serves the web page over the same store on http://127.0.0.1:8000 until Ctrl-C.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any

import typer

# The search of a new coder who just passed the CPC exam: CPC-A, no experience, near home.
_NEW_CODER = {"credential": ("CPC-A",), "experience_years": 0, "entry_level": True}
_SNAPSHOT_PORT = 8631  # the address codermatch/demo/sources.yaml names; any free port if taken
_CRAWL_COLUMNS = ("fetched", "new", "updated", "unchanged", "closed", "not_coding", "errors")
_SETTING_NAMES = {
    "professional": "professional fee",
    "risk_adjustment": "risk adjustment",
    "cdi": "clinical documentation (CDI)",
    "billing": "coding and billing",
}


def demo(
    near: Annotated[str, typer.Option("--near", help="Where the new coder lives.")] = "Tampa, FL",
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Then serve the web page until Ctrl-C.")
    ] = True,
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="The web page's port.")
    ] = 8000,
) -> None:
    """Crawl the bundled snapshot of job boards, search as a new CPC-A would, serve the page."""
    from codermatch.demo.server import SnapshotServer
    from codermatch.demo.snapshot import snapshot_sources
    from codermatch.settings import Settings
    from crawler.run import CrawlSettings, crawl

    settings = Settings()
    settings.ensure_data_dir()
    with SnapshotServer(port=_SNAPSHOT_PORT) as server:
        sources = snapshot_sources(server.url)
        kinds = sorted({source.kind for source in sources})
        typer.echo(
            f"CoderMatch demo: a snapshot of {len(sources)} job boards of {len(kinds)} kinds "
            f"({', '.join(kinds)}), written by us and bundled, served on {server.url} in each "
            "source's real format, and crawled by the real spiders...",
            err=True,
        )
        summaries = crawl(
            sources,
            CrawlSettings(
                store_url=settings.store_url,
                contact_url=settings.contact_url,
                polite=False,
                usajobs_api_key="snapshot",
                usajobs_email="demo@codermatch.invalid",
                progress=False,
            ),
        )
    kind_of = {source.id: source.kind for source in sources}
    typer.echo(_crawl_by_kind(summaries, kind_of))
    typer.echo("")
    _show_what_a_seeker_finds(settings, near)
    if serve:
        from codermatch.serve_command import serve_app

        serve_app(settings, host="127.0.0.1", port=port, or_any_free_port=True)


def _crawl_by_kind(summaries: list[dict[str, Any]], kind_of: dict[str, str]) -> str:
    from codermatch.text_table import text_table

    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for summary in summaries:
        row = totals[kind_of[str(summary["source"])]]
        row["sources"] += 1
        row["failed"] += bool(summary.get("failed"))
        for column in _CRAWL_COLUMNS:
            row[column] += int(summary.get(column, 0))
    columns = ("sources", *_CRAWL_COLUMNS, "failed")
    rows = [[kind, *(totals[kind][column] for column in columns)] for kind in sorted(totals)]
    header = ["kind", *(column.replace("_", "-") for column in columns)]
    return text_table(header, rows)


def _show_what_a_seeker_finds(settings: Any, near: str) -> None:
    from codermatch.job_table import jobs_table
    from codermatch.stores import open_store
    from indexer.search_request import SearchRequest, to_query
    from indexer.store import SearchQuery

    today = date.today()
    store = open_store(settings)
    stats = store.stats()
    everything = store.search(SearchQuery(size=1))
    entry_level = store.search(SearchQuery(size=1, entry_level=True)).total
    request = SearchRequest(near=near, **_NEW_CODER)  # type: ignore[arg-type]
    result = store.search(to_query(request, today=today))
    store.close()

    open_jobs = everything.total
    share = round(100 * entry_level / open_jobs) if open_jobs else 0
    typer.echo(
        f"Stored in {settings.store_url}: {open_jobs} open coding jobs, posted by "
        f"{stats['sources']} sources; {stats['not_coding']} postings flagged as not coding jobs."
    )
    typer.echo(
        f"Entry level: {entry_level} of {open_jobs} jobs ({share}%) take a new coder "
        "(no experience asked, apprentice credentials or none accepted)."
    )
    typer.echo("\nOpen jobs whose requirements one credential alone meets:")
    typer.echo("  " + _counts(everything.facets.get("credentials", {}), _credential_name))
    typer.echo("Open jobs by setting:")
    typer.echo("  " + _counts(everything.facets.get("settings", {}), _setting_name))
    typer.echo(
        f"\nA new coder holding CPC-A, with no experience, near {near} (50 miles, or remote), "
        f"entry level: {result.total} jobs.\n"
    )
    typer.echo(jobs_table(result.hits))
    typer.echo(
        "\nThis was a bundled snapshot, not live postings. To crawl live sources:\n"
        "  .venv/bin/codermatch sources check   # which boards of crawler/sources.yaml answer\n"
        "  .venv/bin/codermatch crawl           # crawl them politely into the same store\n"
        "Federal jobs need a free USAJOBS API key: set CODERMATCH_USAJOBS_API_KEY and "
        "CODERMATCH_USAJOBS_EMAIL.\n"
        "Search yourself, for example:\n"
        "  .venv/bin/codermatch search --credential CCS --experience-years 2 --setting inpatient\n"
        "  .venv/bin/codermatch search coder --credential CPC --near 'Columbus, OH' --sort salary"
    )


def _counts(counts: dict[str, int], name: Any) -> str:
    shown = [(code, count) for code, count in counts.items() if name(code) and count]
    shown.sort(key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{name(code)} {count}" for code, count in shown) or "none"


def _credential_name(code: str) -> str | None:
    """Single credentials only: group codes (ANY_AAPC...) are not something one holds."""
    return None if "_" in code else code


def _setting_name(code: str) -> str:
    return _SETTING_NAMES.get(code, code.replace("_", " "))
