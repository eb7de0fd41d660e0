"""The job sources to crawl: `sources.yaml`, read and checked.

Each entry is `{kind, id, name}`, plus `base_url` (API kinds, to point a spider elsewhere, as
tests and the demo do) or `url` (the jsonld kind: a sitemap or a career page). `id` is unique
across the file and becomes each posting's `source`. A bad file is one clear error naming the
entry at fault; a wrong board id is not the loader's business (it fails only its own crawl).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from indexer.errors import CoderMatchError

KINDS = ("greenhouse", "lever", "workday", "smartrecruiters", "ashby", "usajobs", "jsonld")
_WORKDAY_ID = re.compile(r"^[\w-]+/wd\d+/[\w-]+$")


class BadSources(CoderMatchError):
    """A sources file that cannot be used."""


@dataclass(frozen=True)
class Source:
    """One entry of sources.yaml."""

    kind: str
    id: str
    name: str
    base_url: str | None = None
    url: str | None = None


def load_sources(path: Path | None = None) -> list[Source]:
    """The sources of a file, or of the packaged `crawler/sources.yaml` by default."""
    if path is None:
        text = resources.files("crawler").joinpath("sources.yaml").read_text("utf-8")
        where = "crawler/sources.yaml"
    else:
        try:
            text = path.read_text("utf-8")
        except OSError as error:
            raise BadSources(f"{path}: cannot be read ({error.strerror})") from error
        where = str(path)
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BadSources(f"{where}: not YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise BadSources(f"{where}: needs a 'sources:' list")
    sources = [
        _source(entry, f"{where}, entry {number}")
        for number, entry in enumerate(document["sources"], start=1)
    ]
    _check_unique(sources, where)
    return sources


def _source(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise BadSources(f"{where}: must be a mapping of kind, id and name")
    missing = [key for key in ("kind", "id", "name") if not str(entry.get(key) or "").strip()]
    if missing:
        raise BadSources(f"{where}: missing {', '.join(missing)}")
    kind, source_id = str(entry["kind"]).strip(), str(entry["id"]).strip()
    if kind not in KINDS:
        raise BadSources(f"{where}: unknown kind {kind!r}; one of {', '.join(KINDS)}")
    if kind == "workday" and not _WORKDAY_ID.match(source_id):
        raise BadSources(f"{where}: a workday id is tenant/wdN/site, not {source_id!r}")
    if kind == "jsonld" and not entry.get("url"):
        raise BadSources(f"{where}: a jsonld source needs the url of a sitemap or career page")
    for key in ("base_url", "url"):
        value = entry.get(key)
        if value is not None and not re.match(r"^https?://\S+$", str(value)):
            raise BadSources(f"{where}: {key} must be an http(s) URL, not {value!r}")
    return Source(
        kind=kind,
        id=source_id,
        name=str(entry["name"]).strip(),
        base_url=entry.get("base_url"),
        url=entry.get("url"),
    )


def _check_unique(sources: list[Source], where: str) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            raise BadSources(f"{where}: id {source.id!r} is used twice")
        seen.add(source.id)
