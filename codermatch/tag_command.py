"""`codermatch tag`: the tags of one posting's text, or of every posting in a JSONL file."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from indexer.errors import BadPosting


def tag(
    text: Annotated[
        str | None, typer.Argument(help="A posting's plain text; '-' reads it from stdin.")
    ] = None,
    title: Annotated[str, typer.Option(help="The posting's title.")] = "",
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl",
            exists=True,
            dir_okay=False,
            help='A file of {"id", "title", "text" or "description_html"} lines; prints '
            '{"id", "tags"} per line.',
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also show the sentence each tag came from.")
    ] = False,
) -> None:
    """Tag postings: what each requires, where it sits, how it is worked."""
    if jsonl is not None:
        with jsonl.open(encoding="utf-8") as lines:
            bad_lines = tag_jsonl(lines, sys.stdout, sys.stderr)
        if bad_lines:
            typer.echo(f"{bad_lines} line(s) skipped: see the messages above.", err=True)
            raise typer.Exit(1)
        return
    if text is None:
        raise typer.BadParameter("give a posting's text, '-' for stdin, or --jsonl FILE")
    from indexer.tagging.tagger import tag_posting

    body = sys.stdin.read() if text == "-" else text
    tagging = tag_posting(title, body)
    typer.echo(json.dumps(tagging.tags.to_dict(), indent=2))
    if explain:
        typer.echo("\nWhy:")
        for field, sentences in tagging.evidence.items():
            for sentence in sentences:
                typer.echo(f"  {field}: {sentence}")


def tag_jsonl(lines: Iterable[str], out: TextIO, err: TextIO) -> int:
    """Tag each JSONL line into `out`; report bad lines to `err`; return how many were bad."""
    from indexer.tagging.tagger import tag_posting

    bad_lines = 0
    for posting in _read_postings(lines, err):
        if posting is None:
            bad_lines += 1
            continue
        tags = tag_posting(posting["title"], posting["text"], employer=posting["employer"]).tags
        out.write(json.dumps({"id": posting["id"], "tags": tags.to_dict()}) + "\n")
    return bad_lines


def _read_postings(lines: Iterable[str], err: TextIO) -> Iterator[dict[str, Any] | None]:
    """Each line's posting, or None (reported with its line number) when it cannot be read."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield _posting_of(line)
        except BadPosting as error:
            err.write(f"line {number}: {error}\n")
            yield None


def _posting_of(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadPosting(f"not JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise BadPosting("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        html = record.get("description_html")
        if not isinstance(html, str):
            raise BadPosting('needs "text" or "description_html"')
        from indexer.html_text import html_to_text

        text = html_to_text(html)
    title = record.get("title")
    employer = record.get("employer")
    return {
        "id": record.get("id"),
        "title": title if isinstance(title, str) else "",
        "text": text,
        "employer": employer if isinstance(employer, str) else None,
    }
