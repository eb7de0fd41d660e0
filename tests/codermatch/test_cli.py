"""The `codermatch` command through Typer's CliRunner: tag, ingest, search and bench."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from codermatch.cli import app

runner = CliRunner()


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_tag_jsonl_prints_one_tags_line_per_posting_with_its_id(tmp_path: Path) -> None:
    postings = _write_jsonl(
        tmp_path / "postings.jsonl",
        [
            json.dumps({"id": "a1", "title": "Coder", "text": "CPC or CCS required."}),
            json.dumps({"id": "b2", "title": "Coder", "description_html": "<p>RHIT required</p>"}),
        ],
    )
    result = runner.invoke(app, ["tag", "--jsonl", str(postings)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a1", "b2"]
    assert lines[0]["tags"]["credentials_required"] == [["CPC", "CCS"]]
    assert lines[1]["tags"]["credentials_required"] == [["RHIT"]]


def test_tag_jsonl_reports_bad_lines_by_number_and_keeps_the_good_ones(tmp_path: Path) -> None:
    postings = _write_jsonl(
        tmp_path / "postings.jsonl",
        [
            json.dumps({"id": 1, "title": "Coder", "text": "CRC required."}),
            "{not json",
            json.dumps({"id": 3, "title": "Coder"}),
            json.dumps({"id": 4, "title": "Coder", "text": "CCS required."}),
        ],
    )
    result = runner.invoke(app, ["tag", "--jsonl", str(postings)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 4]
    assert "line 2: not JSON" in result.stderr
    assert 'line 3: needs "text" or "description_html"' in result.stderr


def test_tag_text_with_explain_shows_the_sentence_behind_a_tag() -> None:
    text = "Duties: code clinic visits.\nRequirements: CPC required. No experience necessary."
    result = runner.invoke(app, ["tag", "--title", "Medical Coder", "--explain", text])
    assert result.exit_code == 0, result.output
    tags_json, _, why = result.stdout.partition("\nWhy:")
    assert json.loads(tags_json)["min_experience_years"] == 0
    assert "credentials_required: Requirements: CPC required." in why


def test_tag_reads_the_posting_from_stdin_given_a_dash() -> None:
    result = runner.invoke(app, ["tag", "-"], input="Must hold an active CCS credential.")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["credentials_required"] == [["CCS"]]


def test_tag_without_text_or_file_says_what_it_needs() -> None:
    result = runner.invoke(app, ["tag"])
    assert result.exit_code == 2
    assert "--jsonl" in result.output


def test_ingest_stores_good_lines_reports_bad_ones_and_is_idempotent(tmp_path: Path) -> None:
    postings = _write_jsonl(
        tmp_path / "postings.jsonl",
        [
            json.dumps(
                {
                    "source": "acme",
                    "source_id": "1",
                    "url": "https://acme.example/jobs/1",
                    "title": "Medical Coder",
                    "text": "CPC required. Remote.",
                }
            ),
            "{broken",
            json.dumps({"source": "acme", "source_id": "2", "url": "https://acme.example/2"}),
        ],
    )
    first = runner.invoke(app, ["ingest", str(postings)])
    assert first.exit_code == 1
    assert "Stored 1 postings: 1 new" in first.stdout
    assert "line 2: not JSON" in first.stderr
    assert "line 3: title: Field required" in first.stderr
    again = runner.invoke(app, ["ingest", str(postings)])
    assert "0 new, 0 merged into a job seen elsewhere, 0 changed, 1 unchanged" in again.stdout


def test_search_prints_the_apis_json_and_names_a_bad_flag(tmp_path: Path) -> None:
    runner.invoke(app, ["demo", "--no-serve"])
    result = runner.invoke(app, ["search", "--credential", "CPC-A", "--remote", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["total"] >= len(answer["hits"]) > 0
    assert len(answer["hits"]) == min(answer["total"], 20)
    assert all(hit["is_remote"] for hit in answer["hits"])
    assert set(answer["facets"]) == {"credentials", "settings", "work_arrangement"}
    bad = runner.invoke(app, ["search", "--size", "500"])
    assert bad.exit_code == 2
    assert "--size" in bad.output


def test_bench_json_prints_its_keys_on_the_last_line() -> None:
    result = runner.invoke(app, ["bench", "--postings", "30", "--only", "tag", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["postings"] == 30
    assert figures["tag_per_s"] > 0
    assert figures["tag_jsonl_per_s"] > 0
    assert figures["peak_rss_mb"] > 0


def test_bench_rejects_an_unknown_kind_naming_the_known_ones() -> None:
    result = runner.invoke(app, ["bench", "--postings", "5", "--only", "tag,warp"])
    assert result.exit_code == 2
    assert "unknown kind warp" in result.output


def test_match_prints_eligible_jobs_and_stretches_apart_with_reasons(tmp_path: Path) -> None:
    postings = _write_jsonl(
        tmp_path / "postings.jsonl",
        [
            json.dumps(
                {
                    "source": "acme",
                    "source_id": str(number),
                    "url": f"https://acme.example/jobs/{number}",
                    "title": title,
                    "location": "Austin, TX",
                    "text": text,
                }
            )
            for number, (title, text) in enumerate(
                [
                    ("Coder Trainee", "CPC-A or CCA required. No experience needed."),
                    ("Coder", "CPC required."),
                    ("Risk Coder", "CRC required. 3 years of experience required."),
                ]
            )
        ],
    )
    runner.invoke(app, ["ingest", str(postings)])
    result = runner.invoke(
        app, ["match", "--credential", "CPC-A", "--experience-years", "0", "--near", "Austin, TX"]
    )
    assert result.exit_code == 0, result.output
    eligible, stretches = result.stdout.split("Stretches:")
    assert "Coder Trainee" in eligible
    assert "- Your CPC-A meets 'CPC-A or CCA required'" in eligible
    assert "Coder @" in stretches
    assert "Risk Coder" not in result.stdout
    bad = runner.invoke(app, ["match", "--credential", "XYZ"])
    assert bad.exit_code == 2
    assert "--credential" in bad.output


def test_bench_match_reports_match_latency_with_and_without_advice() -> None:
    result = runner.invoke(app, ["bench", "--postings", "40", "--only", "match", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("match_ms", "match_with_advice_ms"):
        assert set(figures[key]) == {"p50", "p95"}
        assert 0 < figures[key]["p50"] <= figures[key]["p95"]


def test_bench_api_compares_search_with_healthz_on_one_server() -> None:
    result = runner.invoke(app, ["bench", "--postings", "40", "--only", "api", "--json"])
    assert result.exit_code == 0, result.output
    rates = json.loads(result.stdout.strip().splitlines()[-1])
    assert rates["api_healthz_per_s"] > 0
    assert rates["api_search_per_s"] > 0
    share = round(rates["api_search_per_s"] / rates["api_healthz_per_s"], 3)
    assert rates["api_search_share_of_healthz"] == share
