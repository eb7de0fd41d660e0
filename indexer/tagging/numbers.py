"""Counts as postings write them: "3", "three", "three (3)", "a", "twenty-four"."""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
}  # fmt: skip
# The words above as a regex alternative, longest first so "twenty-four" beats "twenty".
WORD_NUMBER_PATTERN = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_LEADING_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)?)")


def parse_count(text: str) -> int | None:
    """The count a phrase opens with; where words and digits disagree ("three (5)"), words stand."""
    match = _LEADING_NUMBER.match(text)
    if not match:
        return None
    token = match.group(1).lower()
    if token[0].isdigit():
        return int(float(token))
    return WORD_NUMBERS.get(token)
