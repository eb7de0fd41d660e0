"""`codermatch sources check` against the snapshot on a local server: one request a source."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from codermatch.cli import app
from codermatch.demo.snapshot import snapshot_sources
from crawler.check import CheckSettings, check_source, check_sources

SETTINGS = CheckSettings("CoderMatch/test (+https://example.org)")
WITH_KEY = replace(SETTINGS, usajobs_api_key="test-key", usajobs_email="tests@example.org")


def _one_of_each_kind(server_url: str) -> list[Any]:
    chosen: dict[str, Any] = {}
    for source in snapshot_sources(server_url):
        chosen.setdefault(source.kind, source)
    return list(chosen.values())


def test_every_kind_answers_ok_with_one_request_each(local_server: Any) -> None:
    sources = _one_of_each_kind(local_server.url)
    results = check_sources(sources, WITH_KEY)
    assert [result.source for result in results] == [source.id for source in sources]
    assert {result.status for result in results} == {"ok"}
    assert len(local_server.requests) == len(sources)
    counted = {result.kind: result.detail for result in results}
    assert counted["workday"].endswith("found by a 'coder' search")


def test_unknown_boards_are_gone_and_a_redirect_is_moved(local_server: Any) -> None:
    sources = {source.kind: source for source in _one_of_each_kind(local_server.url)}
    for kind, wrong_id in (
        ("greenhouse", "nosuchboard"),
        ("lever", "nosuchsite"),
        ("ashby", "nosuchboard"),
        ("workday", "nosuch/wd1/Careers"),
    ):
        result = check_source(replace(sources[kind], id=wrong_id), SETTINGS)
        assert (result.status, result.kind) == ("gone", kind)
    site = sources["jsonld"].id
    local_server.answer = lambda path: (
        (301, {"Location": "https://careers.example.org/new"}, b"") if site in path else None
    )
    moved = check_source(sources["jsonld"], SETTINGS)
    assert moved.status == "moved"
    assert "https://careers.example.org/new" in moved.detail


def test_usajobs_needs_a_key_and_a_refused_key_says_so(local_server: Any) -> None:
    (usajobs,) = [s for s in snapshot_sources(local_server.url) if s.kind == "usajobs"]
    without = check_source(usajobs, SETTINGS)
    assert without.status == "needs a key"
    assert local_server.requests == []
    local_server.answer = lambda path: (401, {}, b"{}")
    assert check_source(usajobs, WITH_KEY).status == "needs a key"


def test_a_server_error_or_no_server_is_an_error(local_server: Any) -> None:
    greenhouse = _one_of_each_kind(local_server.url)[0]
    local_server.answer = lambda path: (503, {}, b"")
    assert check_source(greenhouse, SETTINGS).detail == "HTTP 503"
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    nowhere = replace(greenhouse, base_url=f"http://127.0.0.1:{closed_port}")
    result = check_source(nowhere, SETTINGS)
    assert (result.status, result.detail.startswith("no answer")) == ("error", True)


def test_the_command_prints_a_table_and_exits_1_when_a_source_is_gone(
    local_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text(
        "sources:\n"
        f"  - {{kind: greenhouse, id: clearwatercoding, name: C, base_url: '{local_server.url}'}}\n"
        f"  - {{kind: greenhouse, id: gone-board, name: G, base_url: '{local_server.url}'}}\n"
        f"  - {{kind: usajobs, id: 'Keyword=coder', name: U, base_url: '{local_server.url}'}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CODERMATCH_SOURCES", str(sources_file))
    result = CliRunner().invoke(app, ["sources", "check"])
    assert result.exit_code == 1
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert " ok " in rows["clearwatercoding"]
    assert " gone " in rows["gone-board"]
    assert "needs a key" in rows["Keyword=coder"]
    only = CliRunner().invoke(app, ["sources", "check", "--source", "clearwatercoding"])
    assert only.exit_code == 0
    unknown = CliRunner().invoke(app, ["sources", "check", "--source", "nope"])
    assert unknown.exit_code == 2
    assert "unknown source nope" in unknown.output
