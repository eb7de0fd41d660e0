"""Salary reading: the pay a posting states, from its plain text or its structured fields.

`parse_salary` finds pay in free text (ignoring bonuses, stipends, claim values and other money
that is not pay), `salary_from_range` normalises structured min/max/interval data, and
`annual_salary_usd` puts either on a yearly scale for comparison. All functions are pure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

Period = Literal["hour", "year"]
_Bound = Literal["range", "min", "max", "point"]

# Paid hours in a full-time year (40 hours x 52 weeks): the hour -> year factor.
HOURS_PER_YEAR = 2080

# Every period pay can be quoted in -> (period we store it as, multiplier to get there).
_PERIOD_FACTORS: dict[str, tuple[Period, float]] = {
    "hour": ("hour", 1.0),
    "day": ("year", 260.0),  # 5 working days x 52 weeks
    "week": ("year", 52.0),  # 52 paid weeks
    "biweek": ("year", 26.0),  # paid every other week
    "month": ("year", 12.0),
    "year": ("year", 1.0),
}

# Plausible pay per stored period; values outside are misreads (cents, bonuses, typos).
_PLAUSIBLE: dict[Period, tuple[float, float]] = {
    "hour": (7.0, 300.0),  # below the lowest US minimum wage / above any coding rate
    "year": (10_000.0, 1_000_000.0),
}

# With no stated period: amounts below this are hourly ...
_HOURLY_BELOW = 200.0
# ... and amounts at or above this are yearly (200..999 is ambiguous and dropped).
_YEARLY_FROM = 1_000.0

# Amount suffixes -> multiplier; None marks sums too big to be anyone's pay ($5M revenue).
_SUFFIX_MULTIPLIERS: dict[str, float | None] = {
    "k": 1_000.0,
    "thousand": 1_000.0,
    "m": None,
    "mm": None,
    "million": None,
    "bn": None,
    "billion": None,
}

# How each period is written right after an amount in postings ("/hr", "per annum", "weekly").
_PERIOD_FORMS: dict[str, str] = {
    "hour": r"(?:/\s*|per\s+|an?\s+|each\s+)(?:hour|hr)s?\b|hourly\b",
    "biweek": r"bi-?weekly\b|(?:every|per)\s+(?:two|2)\s+weeks\b",
    "day": r"(?:/\s*|per\s+|a\s+)day\b|daily\b",
    "week": r"(?:/\s*|per\s+|a\s+)(?:week|wk)\b|weekly\b",
    "month": r"(?:/\s*|per\s+|a\s+)(?:month|mo)\b|monthly\b",
    "year": r"(?:/\s*|per\s+|an?\s+)(?:year|yr|annum)\b|annually\b|annual\b|yearly\b",
}

# Words that label a sentence as being about pay (the spec's "pay context").
_PAY_LABELS = (
    r"\b(?:pay|salary|salaries|compensation|wages?)\b"
    r"|\b(?:hourly|pay|base|starting)\s+rate\b"
    r"|^\W*rate\b"  # "Rate: $25" at the start of a line
    r"|\brate\s*:"
)

# Substrings every pay label contains: a cheap test before the label regex.
_PAY_LABEL_STEMS = ("pay", "salar", "compensation", "wage", "rate")

# Money near these words is not pay; checked anywhere in the amount's own clause.
_NOT_PAY_WORDS = (
    r"\b(?:bonus(?:es)?|stipends?|reimburs\w*|tuition|relocation|allowances?"
    r"|premiums?|deductibles?|co-?pays?|towards?|exams?|gift|hsa|fsa|vouchers?"
    r"|contributions?|loans?|differentials?|overtime|raises?|increases?|fees?)\b"
    r"|\b40[13]\s*\(?[bk]\b"  # retirement plans: 401(k), 403(b)
)

# Amounts of business money, not pay: "$2M in claims", "collections of $500,000".
_MONEY_VOLUME = (
    r"claims?|a/?r|receivables?|collections?|revenue|budget|charges|sales|balances?"
    r"|portfolio|savings|billed"
)
# Volume or benefit words right before the amount ("life insurance of", "valued at").
_NOT_PAY_BEFORE = (
    rf"(?:\b(?:{_MONEY_VOLUME}|insurance|coverage|policy)"
    r"\s*(?:of|totall?ing|over|exceeding|up\s+to|:)?|\bworth|\bvalued\s+at)\s*$"
)
# Volume words in the first words after the amount ("in claims", "in annual revenue").
_NOT_PAY_AFTER = rf"\s*(?:in|of)?\s*(?:\w+\s+)?(?:{_MONEY_VOLUME})\b"

# Cues that a lone amount is only the bottom of the pay ("starting at $18/hr").
_MIN_CUES = (
    r"(?:\bstart\w*(?:[\s:]+(?:salary|pay|wage|rate|hourly|base|annual|at|from|of|is|range))*"
    r"|\bfrom|\bat\s+least|\bminimum(?:\s+of)?|\bmin\.?|\bno\s+less\s+than)\W*$"
)

# Cues that a lone amount is only the top of the pay ("up to $25/hr").
_MAX_CUES = (
    r"(?:\bup\s+to|\bas\s+(?:high|much)\s+as|\bmaximum(?:\s+of)?|\bmax\.?|\bno\s+more\s+than)\W*$"
)

_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?(?![0-9]|[.,][0-9])"
_SUFFIX = r"\s?(?:k|thousand|mm|m|million|bn|billion)(?![a-z])"
_PERIOD = "|".join(f"(?:{form})" for form in _PERIOD_FORMS.values())
_RANGE_SEP = r"\s*[-\u2013\u2014]\s*|\s+to\s+|\s+and\s+(?=\$)"

# An amount or range after its first number's currency: "18.00 - $22.00/hr", "50k+".
_AMOUNT_TAIL = rf"""
    (?P<n1>{_NUMBER})(?P<k1>{_SUFFIX})?(?P<plus1>\+)?
    (?:\s*(?P<p1>{_PERIOD}))?
    (?:(?:{_RANGE_SEP})(?P<c2>\$|USD)?\s*(?P<n2>{_NUMBER})(?P<k2>{_SUFFIX})?)?
    (?P<plus2>\+)?
    (?:\s*(?:USD\s*)?(?P<p2>{_PERIOD}))?
"""
# Starts with a literal "$", so the scan for it is a fast substring search.
_MONEY_RE = re.compile(rf"(?P<c1>\$)\s*{_AMOUNT_TAIL}", re.IGNORECASE | re.VERBOSE)
# Matched only where a range separator was found: "USD 20 - 25", "Pay: 18.00 - 22.00".
_BARE_RE = re.compile(
    rf"(?:(?P<c1>USD)\s*|(?<![\w.,:/$-])){_AMOUNT_TAIL}", re.IGNORECASE | re.VERBOSE
)
# What must follow a currency-less range's separator: "$", a money-shaped number, or a
# number and a period ("18.00", "50,000", "50k", "22 per hour"); "2-3 years" fails here.
_BARE_TAIL = (
    r"(?i:(?=\s*+(?:\$|USD|[0-9]++(?:(?:,[0-9]{3})++|\.[0-9]{2}|\s?k\b|\s*+(?:"
    + _PERIOD
    + r")))))"  # possessive: the scan backtracks nowhere
)
# Range separators right after a digit or "k", each starting with a literal for fast scanning.
_SEPARATOR_RES = tuple(
    re.compile(separator + _BARE_TAIL)
    for separator in (
        r"-(?:(?<=[0-9kK]-)|(?<=[0-9kK] -))",
        "\u2013(?:(?<=[0-9kK]\u2013)|(?<=[0-9kK] \u2013))",  # en dash
        "\u2014(?:(?<=[0-9kK]\u2014)|(?<=[0-9kK] \u2014))",  # em dash
        r"to(?<=[0-9kK] to)(?=\s)",
    )
)
# The first number of a range, read backwards from its separator.
_RANGE_START_RE = re.compile(r"(?:USD\s*)?[0-9][0-9,.]*(?:\s?[kK])?\s*$")
_PERIOD_NAME_RE = re.compile(
    "|".join(f"(?P<{name}>{form})" for name, form in _PERIOD_FORMS.items()), re.IGNORECASE
)
_PAY_LABEL_RE = re.compile(_PAY_LABELS)  # searched in lower-cased text
_NOT_PAY_WORDS_RE = re.compile(_NOT_PAY_WORDS, re.IGNORECASE)
_NOT_PAY_BEFORE_RE = re.compile(_NOT_PAY_BEFORE, re.IGNORECASE)
_NOT_PAY_AFTER_RE = re.compile(_NOT_PAY_AFTER, re.IGNORECASE)
_MIN_AFTER_RE = re.compile(r"\s*(?:and\s+(?:up|above)|or\s+(?:more|higher|above))\b", re.IGNORECASE)
_MIN_CUE_RE = re.compile(_MIN_CUES, re.IGNORECASE)
_MAX_CUE_RE = re.compile(_MAX_CUES, re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"[;!?()\[\]\n|\u2022,]|\.(?=\s)")
_SENTENCE_BREAK_RE = re.compile(r"[!?\n|\u2022]|\.(?=\s)")
_AFTER_STOP_RE = re.compile(r"[,;.!?()\n|\u2022+$]|\b(?:with|plus|and|or)\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[a-z]+")

# How far around an amount its clause and sentence are looked for (characters).
_CLAUSE_REACH = 60
_AFTER_REACH = 40
_SENTENCE_REACH = 200

# Structured interval words -> period name in _PERIOD_FACTORS ("per-hour-wage", "PA", "1 HOUR").
_INTERVAL_WORDS: dict[str, str] = {
    "hour": "hour",
    "hours": "hour",
    "hourly": "hour",
    "hr": "hour",
    "ph": "hour",  # "per hour" abbreviation in feeds
    "h": "hour",
    "day": "day",
    "days": "day",
    "daily": "day",
    "week": "week",
    "weeks": "week",
    "weekly": "week",
    "wk": "week",
    "biweekly": "biweek",
    "month": "month",
    "months": "month",
    "monthly": "month",
    "mo": "month",
    "year": "year",
    "years": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "yr": "year",
    "pa": "year",  # "per annum" abbreviation in feeds
    "y": "year",
}


@dataclass(frozen=True)
class Salary:
    """Pay as stated: either bound may be missing ("up to $25/hr" has no minimum)."""

    min: float | None
    max: float | None
    period: Period

    def to_dict(self) -> dict[str, float | str | None]:
        return {"min": self.min, "max": self.max, "period": self.period}


@dataclass(frozen=True)
class _Candidate:
    """One amount or range found in the text, already on its stored period."""

    low: float | None
    high: float | None
    period: Period
    strength: int  # 3 = explicit period, 2 = pay label in sentence, 1 = bare "$" range


def parse_salary(text: str) -> Salary | None:
    """Return the pay stated in a posting's text, or None when it states none."""
    candidates: list[_Candidate] = []
    prev_end = 0
    for match in sorted(_hits(text), key=lambda hit: hit.start()):
        if match.start() < prev_end:
            continue  # part of the previous hit ("22" in "18 - $22")
        candidate = _candidate(match, text, prev_end)
        if candidate is not None:
            candidates.append(candidate)
        prev_end = match.end()
    return _combine(candidates)


def salary_from_range(
    minimum: float | str | None, maximum: float | str | None, interval: str | None
) -> Salary | None:
    """Build a Salary from structured min/max/interval fields; None when unusable."""
    low, high = _to_amount(minimum), _to_amount(maximum)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    values = [v for v in (low, high) if v is not None]
    period_name = _interval_period(interval) or _period_from_magnitude(values)
    if period_name is None:
        return None
    return _scaled(low, high, period_name)


def annual_salary_usd(salary: Salary) -> tuple[float | None, float | None]:
    """(min, max) as yearly figures: hourly pay assumes a 2080-hour year."""
    factor = HOURS_PER_YEAR if salary.period == "hour" else 1
    return (
        None if salary.min is None else salary.min * factor,
        None if salary.max is None else salary.max * factor,
    )


def _hits(text: str) -> list[re.Match[str]]:
    """Every "$" amount plus every currency-less range; cheap when the text has neither."""
    hits = list(_MONEY_RE.finditer(text)) if "$" in text else []
    for separator_re in _SEPARATOR_RES:
        for separator in separator_re.finditer(text):
            bare = _bare_range_at(text, separator.start())
            if bare is not None:
                hits.append(bare)
    return hits


def _bare_range_at(text: str, separator: int) -> re.Match[str] | None:
    """The currency-less range whose separator sits at `separator`, if a number precedes it."""
    window_start = max(0, separator - _CLAUSE_REACH // 2)
    first = _RANGE_START_RE.search(text, window_start, separator)
    if first is None:
        return None
    return _BARE_RE.match(text, first.start())


def _candidate(match: re.Match[str], text: str, prev_end: int) -> _Candidate | None:
    """Turn one hit into a pay candidate, or None if it is not (plausible) pay."""
    values = _match_values(match)
    if values is None:
        return None
    stated = _period_name(match.group("p2") or match.group("p1"))
    period_name = stated or _period_from_magnitude(values)
    if period_name is None or _scaled(values[0], values[-1], period_name) is None:
        return None  # cheap checks first: most stray amounts end here
    strength = _pay_strength(match, text, stated)
    if strength == 0:
        return None
    before = _clause_before(text, match.start(), prev_end)
    if _is_not_pay(before, _clause_after(text, match.end())):
        return None
    low, high = _bounded(values, _bound_kind(match, text, before))
    salary = _scaled(low, high, period_name)
    if salary is None:
        return None
    return _Candidate(salary.min, salary.max, salary.period, strength)


def _match_values(match: re.Match[str]) -> list[float] | None:
    """The one or two amounts of a hit; None when one is a million-scale figure."""
    first = _amount(match.group("n1"), match.group("k1"))
    if first is None:
        return None
    if match.group("n2") is None:
        return [first]
    second = _amount(match.group("n2"), match.group("k2"))
    if second is None:
        return None
    return sorted((first, second))


def _amount(number: str, suffix: str | None) -> float | None:
    """Numeric value of "52,000" with an optional "k" / "million" suffix."""
    value = float(number.replace(",", ""))
    if suffix is None:
        return value
    multiplier = _SUFFIX_MULTIPLIERS.get(suffix.strip().lower())
    return None if multiplier is None else value * multiplier


def _clause_before(text: str, start: int, floor: int) -> str:
    """The amount's clause up to the amount, not reaching back past the previous hit."""
    window = text[max(floor, start - _CLAUSE_REACH) : start]
    cut = 0
    for brk in _CLAUSE_BREAK_RE.finditer(window):
        cut = brk.end()
    return window[cut:]


def _clause_after(text: str, end: int) -> str:
    """The words right after the amount, up to punctuation, a connector or another amount."""
    window = text[end : end + _AFTER_REACH]
    stop = _AFTER_STOP_RE.search(window)
    return window if stop is None else window[: stop.start()]


def _is_not_pay(before: str, after: str) -> bool:
    """True when the clause says the money is a bonus, benefit, fee or business volume."""
    return bool(
        _NOT_PAY_WORDS_RE.search(before)
        or _NOT_PAY_WORDS_RE.search(after)
        or _NOT_PAY_BEFORE_RE.search(before)
        or _NOT_PAY_AFTER_RE.match(after)
    )


def _pay_strength(match: re.Match[str], text: str, period_name: str | None) -> int:
    """How surely a hit is pay: 3 explicit period, 2 labelled, 1 bare "$" range, 0 not pay."""
    has_currency = bool(match.group("c1") or match.group("c2"))
    is_range = match.group("n2") is not None
    if not has_currency and not is_range:
        return 0
    money_like = has_currency or _looks_like_money(match)
    if period_name is not None and money_like:
        return 3
    if not money_like and period_name is None:
        return 0  # "2-3 years", "99202-99215"
    labelled = _is_labelled(_sentence(text, match.start(), match.end()))
    if not money_like:  # plain numbers ("15-20 per hour") need a pay label as well
        return 3 if labelled else 0
    if labelled:
        return 2
    return 1 if has_currency and is_range else 0


def _is_labelled(sentence: str) -> bool:
    """True when the sentence carries a pay label; substring test first, regex to confirm."""
    lowered = sentence.lower()
    if not any(stem in lowered for stem in _PAY_LABEL_STEMS):
        return False
    return _PAY_LABEL_RE.search(lowered) is not None


def _looks_like_money(match: re.Match[str]) -> bool:
    """True when a number is written like money: "18.00", "50,000" or "50k"."""
    for number_group, suffix_group in (("n1", "k1"), ("n2", "k2")):
        number = match.group(number_group) or ""
        if "," in number or number[-3:-2] == "." or match.group(suffix_group):
            return True
    return False


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence or line holding text[start:end]."""
    head = text[max(0, start - _SENTENCE_REACH) : start]
    cut = 0
    for brk in _SENTENCE_BREAK_RE.finditer(head):
        cut = brk.end()
    tail = text[end : end + _SENTENCE_REACH]
    stop = _SENTENCE_BREAK_RE.search(tail)
    return head[cut:] + text[start:end] + (tail if stop is None else tail[: stop.start()])


def _period_name(phrase: str | None) -> str | None:
    """Period key ("hour", "week", ...) for a matched period phrase."""
    if phrase is None:
        return None
    named = _PERIOD_NAME_RE.match(phrase)
    return None if named is None else named.lastgroup


def _bound_kind(match: re.Match[str], text: str, before: str) -> _Bound:
    """Whether a hit states a range, only a minimum, only a maximum, or one figure."""
    if match.group("n2") is not None:
        return "range"
    if match.group("plus1") or match.group("plus2") or _MIN_CUE_RE.search(before):
        return "min"
    if _MIN_AFTER_RE.match(text, match.end()):
        return "min"  # "$18/hr and up"
    if _MAX_CUE_RE.search(before):
        return "max"
    return "point"


def _bounded(values: list[float], kind: _Bound) -> tuple[float | None, float | None]:
    """(low, high) for the hit's values given its bound kind."""
    if kind == "min":
        return values[0], None
    if kind == "max":
        return None, values[0]
    return values[0], values[-1]


def _period_from_magnitude(values: list[float]) -> str | None:
    """Period implied by size alone: all under 200 hourly, all 1000+ yearly, else unknown."""
    if all(v < _HOURLY_BELOW for v in values):
        return "hour"
    if all(v >= _YEARLY_FROM for v in values):
        return "year"
    return None


def _scaled(low: float | None, high: float | None, period_name: str) -> Salary | None:
    """Convert to the stored period and drop implausible results."""
    period, factor = _PERIOD_FACTORS[period_name]
    floor, ceiling = _PLAUSIBLE[period]
    scaled = [None if v is None else v * factor for v in (low, high)]
    if any(v is not None and not floor <= v <= ceiling for v in scaled):
        return None
    return Salary(scaled[0], scaled[1], period)


def _combine(candidates: list[_Candidate]) -> Salary | None:
    """Merge the hits of the surest period: lowest low and highest high."""
    if not candidates:
        return None
    best = max(c.strength for c in candidates)
    period = next(c.period for c in candidates if c.strength == best)
    chosen = [c for c in candidates if c.period == period]
    lows = [c.low for c in chosen if c.low is not None]
    highs = [c.high for c in chosen if c.high is not None]
    low = min(lows) if lows else None
    high = max(highs) if highs else None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Salary(low, high, period)


def _to_amount(value: float | str | None) -> float | None:
    """A positive finite number from a structured field ("48,000.0", 52000), else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().lstrip("$").replace(",", ""))
        except ValueError:
            return None
    number = float(value)
    return number if math.isfinite(number) and number > 0 else None


def _interval_period(interval: str | None) -> str | None:
    """Period key for a structured interval label; None when unknown."""
    if not interval:
        return None
    for word in _WORD_RE.findall(interval.lower()):
        if word in _INTERVAL_WORDS:
            return _INTERVAL_WORDS[word]
    return None
