"""Charts drawn on the server as SVG, for the insights page: no chart library in the browser.

Each function takes labelled values and returns one accessible `<svg>` (a `role="img"` with
a title and a description saying the figures in words), built with presentation attributes
only, so a Content-Security-Policy without inline styles lets it render. Labels are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_LABEL_WIDTH = 150  # room for the longest label ("Outpatient facility")
_BAR_AREA = 210  # the longest bar, in SVG units; the chart scales with its container
_VALUE_WIDTH = 80  # room for the figure after a bar ("$45k-63k")
_ROW = 26  # one bar and its gap
_TOP = 6
_BAR_COLOUR = "#1f6f8b"
_RANGE_COLOUR = "#8fc1d4"
_TEXT_COLOUR = "#1d2733"


@dataclass(frozen=True)
class Bar:
    """One labelled figure; `shown` is how the figure is written beside its bar."""

    label: str
    value: float
    shown: str


@dataclass(frozen=True)
class Range:
    """A low-middle-high span (pay quartiles), written beside it as `shown`."""

    label: str
    low: float
    middle: float
    high: float
    shown: str


def bar_chart(title: str, bars: Sequence[Bar]) -> Markup:
    """Horizontal bars, longest for the largest value, each with its label and figure."""
    largest = max((bar.value for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        y = _TOP + index * _ROW
        length = max(bar.value / largest * _BAR_AREA, 1 if bar.value else 0)
        rows.append(
            _label(bar.label, y)
            + f'<rect x="{_LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="16" rx="2" '
            f'fill="{_BAR_COLOUR}"/>' + _figure(bar.shown, _LABEL_WIDTH + length + 6, y)
        )
    summary = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    return _svg(title, summary, len(bars), "".join(rows))


def range_chart(title: str, ranges: Sequence[Range]) -> Markup:
    """A band from low to high with a tick at the middle, on one scale from zero."""
    largest = max((item.high for item in ranges), default=0) or 1
    rows = []
    for index, item in enumerate(ranges):
        y = _TOP + index * _ROW
        start = item.low / largest * _BAR_AREA
        end = item.high / largest * _BAR_AREA
        middle = item.middle / largest * _BAR_AREA
        rows.append(
            _label(item.label, y) + f'<rect x="{_LABEL_WIDTH + start:.1f}" y="{y + 4}" '
            f'width="{max(end - start, 2):.1f}" height="16" rx="2" fill="{_RANGE_COLOUR}"/>'
            + f'<rect x="{_LABEL_WIDTH + middle - 1.5:.1f}" y="{y + 1}" width="3" height="22" '
            f'fill="{_BAR_COLOUR}"/>' + _figure(item.shown, _LABEL_WIDTH + end + 6, y)
        )
    summary = "; ".join(f"{item.label}: {item.shown}, median {item.middle:,.0f}" for item in ranges)
    return _svg(title, summary, len(ranges), "".join(rows))


def _label(text: str, y: int) -> str:
    return (
        f'<text x="{_LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end" font-size="14" '
        f'fill="{_TEXT_COLOUR}">{escape(text)}</text>'
    )


def _figure(text: str, x: float, y: int) -> str:
    return (
        f'<text x="{x:.1f}" y="{y + 17}" font-size="14" fill="{_TEXT_COLOUR}">{escape(text)}</text>'
    )


def _svg(title: str, summary: str, rows: int, body: str) -> Markup:
    width = _LABEL_WIDTH + _BAR_AREA + _VALUE_WIDTH
    height = _TOP * 2 + max(rows, 1) * _ROW
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>{body}</svg>"
    )
