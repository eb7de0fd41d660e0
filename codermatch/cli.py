"""The `codermatch` command: one Typer app, one module a command.

Command modules import their heavy dependencies inside the command, so `codermatch tag` starts
in a fraction of a second.
"""

from __future__ import annotations

import typer

from codermatch import (
    bench_command,
    crawl_command,
    demo_command,
    digest_command,
    ingest_command,
    match_command,
    reindex_command,
    schedule_command,
    search_command,
    serve_command,
    sources_command,
    tag_command,
)
from indexer.errors import CoderMatchError

app = typer.Typer(
    name="codermatch",
    help="CoderMatch finds the medical-coding jobs a person can actually get, and says why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("tag")(tag_command.tag)
app.command("ingest")(ingest_command.ingest)
app.command("search")(search_command.search)
app.command("match")(match_command.match)
app.command("serve")(serve_command.serve)
app.command("crawl")(crawl_command.crawl)
app.add_typer(sources_command.sources_app, name="sources")
app.command("demo")(demo_command.demo)
app.command("bench")(bench_command.bench)
app.add_typer(digest_command.digest_app, name="digest")
app.command("schedule")(schedule_command.schedule)
app.command("reindex")(reindex_command.reindex)


def main() -> None:
    """Entry point of the `codermatch` console script: our errors become one line, exit 1."""
    try:
        app()
    except CoderMatchError as error:
        typer.echo(f"Error: {error}", err=True)
        raise SystemExit(1) from error
