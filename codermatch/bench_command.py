"""`codermatch bench`: speed figures on synthetic postings (DESIGN.md, stable keys).

Progress goes to stderr; with `--json` the last line of stdout is one JSON object.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

# The end-to-end `codermatch tag --jsonl` run uses at most this many postings.
_JSONL_POSTINGS = 20_000


def bench(
    postings: Annotated[
        int, typer.Option("--postings", min=1, help="How many synthetic postings to use.")
    ] = 100_000,
    only: Annotated[
        str | None, typer.Option("--only", help="Comma-separated kinds to run (default: all).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Measure tagging speed on synthetic postings of realistic length."""
    kinds = _chosen_kinds(only)
    from codermatch.synthetic import synthetic_postings

    _progress(f"generating {postings:,} synthetic postings")
    sample = list(synthetic_postings(postings))
    results: dict[str, Any] = {"postings": postings}
    for kind in kinds:
        results.update(_KINDS[kind](sample))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if as_json:
        typer.echo(json.dumps(results))
    else:
        for key, value in results.items():
            typer.echo(f"{key:<20} {value}")


def _chosen_kinds(only: str | None) -> list[str]:
    if not only:
        return list(_KINDS)
    kinds = [kind.strip() for kind in only.split(",") if kind.strip()]
    unknown = [kind for kind in kinds if kind not in _KINDS]
    if unknown:
        raise typer.BadParameter(
            f"unknown kind {', '.join(unknown)}; choose from {', '.join(_KINDS)}",
            param_hint="--only",
        )
    return kinds


def _bench_tag(sample: list[dict[str, Any]]) -> dict[str, Any]:
    """Postings tagged per second on one core, in process; then end to end through the CLI."""
    from indexer.tagging.tagger import tag_posting

    started = time.perf_counter()
    for index, posting in enumerate(sample, start=1):
        tag_posting(posting["title"], posting["text"], employer=posting["employer"])
        if index % 10_000 == 0:
            _progress(f"tag: {index:,}/{len(sample):,}")
    tag_per_s = len(sample) / (time.perf_counter() - started)
    return {"tag_per_s": round(tag_per_s), "tag_jsonl_per_s": _bench_tag_jsonl(sample)}


def _bench_tag_jsonl(sample: list[dict[str, Any]]) -> int:
    """`codermatch tag --jsonl` on up to 20,000 postings, start-up included."""
    subset = sample[:_JSONL_POSTINGS]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "postings.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for posting in subset:
                record = {key: posting[key] for key in ("title", "employer", "text")}
                out.write(json.dumps({"id": posting["source_id"], **record}) + "\n")
        _progress(f"tag --jsonl: {len(subset):,} postings through the command")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "codermatch", "tag", "--jsonl", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return round(len(subset) / (time.perf_counter() - started))


def _progress(message: str) -> None:
    typer.echo(message, err=True)


_KINDS: dict[str, Callable[[list[dict[str, Any]]], dict[str, Any]]] = {"tag": _bench_tag}
