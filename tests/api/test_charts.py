"""Server-drawn SVG charts: bars in proportion, ranges on one scale, labels escaped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from api.charts import Bar, Range, bar_chart, range_chart


def _rects(svg: str) -> list[dict[str, float]]:
    return [
        {name: float(rect[name]) for name in ("x", "width")}
        for rect in BeautifulSoup(svg, "html.parser").find_all("rect")
    ]


def test_bars_are_in_proportion_to_their_values() -> None:
    svg = bar_chart("Jobs", [Bar("CPC", 100, "100"), Bar("CCA", 25, "25"), Bar("RN", 0, "0")])
    widths = [rect["width"] for rect in _rects(svg)]
    assert widths[0] == 4 * widths[1]
    assert widths[2] == 0


def test_a_chart_says_its_figures_in_words_for_screen_readers() -> None:
    svg = BeautifulSoup(bar_chart("Jobs by setting", [Bar("Inpatient", 3, "3")]), "html.parser")
    chart = svg.find("svg")
    assert chart is not None
    assert chart["role"] == "img"
    assert chart["aria-label"] == "Jobs by setting"
    assert svg.find("desc").get_text() == "Inpatient: 3"  # type: ignore[union-attr]


def test_labels_are_escaped() -> None:
    svg = str(bar_chart("<b>", [Bar("<script>alert(1)</script>", 1, "1 & more")]))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "1 &amp; more" in svg


def test_ranges_share_one_scale_and_mark_the_median() -> None:
    svg = range_chart(
        "Pay", [Range("A", 40_000, 50_000, 60_000, "a"), Range("B", 30_000, 60_000, 120_000, "b")]
    )
    band_a, tick_a, band_b, tick_b = _rects(svg)
    assert band_b["x"] + band_b["width"] > band_a["x"] + band_a["width"]  # B tops out higher
    assert band_a["x"] < tick_a["x"] < band_a["x"] + band_a["width"]
    assert band_b["x"] < tick_b["x"] < band_b["x"] + band_b["width"]
    assert "median 60,000" in svg


def test_an_empty_chart_is_still_a_valid_svg() -> None:
    svg = str(bar_chart("Nothing yet", []))
    assert re.fullmatch(r"<svg .*</svg>", svg)
    assert "<rect" not in svg
