"""Reading sources.yaml: every entry checked, errors that name the entry at fault."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sources import KINDS, BadSources, Source, load_sources


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_packaged_sources_load_and_have_unique_known_entries() -> None:
    sources = load_sources()
    assert sources
    assert all(source.kind in KINDS for source in sources)
    assert len({source.id for source in sources}) == len(sources)


def test_entries_keep_their_base_url_or_url(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sources:\n"
        "  - {kind: greenhouse, id: acme, name: Acme, base_url: 'http://127.0.0.1:8765'}\n"
        "  - {kind: jsonld, id: acme-careers, name: Acme, url: 'http://127.0.0.1:8765/sitemap.xml'}\n"
        "  - {kind: workday, id: acme/wd5/External, name: Acme}\n",
    )
    assert load_sources(path) == [
        Source("greenhouse", "acme", "Acme", base_url="http://127.0.0.1:8765"),
        Source("jsonld", "acme-careers", "Acme", url="http://127.0.0.1:8765/sitemap.xml"),
        Source("workday", "acme/wd5/External", "Acme"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nothing: here\n", "needs a 'sources:' list"),
        ("sources:\n  - {kind: monster, id: a, name: A}\n", "entry 1: unknown kind 'monster'"),
        ("sources:\n  - {kind: lever, name: A}\n", "entry 1: missing id"),
        ("sources:\n  - {kind: workday, id: acme, name: A}\n", "tenant/wdN/site"),
        ("sources:\n  - {kind: jsonld, id: a, name: A}\n", "needs the url"),
        (
            "sources:\n  - {kind: lever, id: a, name: A, base_url: 'ftp://x'}\n",
            "base_url must be an http(s) URL",
        ),
        (
            "sources:\n  - {kind: lever, id: a, name: A}\n  - {kind: ashby, id: a, name: B}\n",
            "id 'a' is used twice",
        ),
        ("sources: [unclosed\n", "not YAML"),
    ],
)
def test_a_bad_file_is_one_error_naming_the_entry(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(BadSources, match=re.escape(message)):
        load_sources(_write(tmp_path, text))


def test_a_missing_file_is_reported_by_path(tmp_path: Path) -> None:
    with pytest.raises(BadSources, match="cannot be read"):
        load_sources(tmp_path / "nope.yaml")
